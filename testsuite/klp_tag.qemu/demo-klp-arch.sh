#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario: demo-patch-first.sh with klp_demo built with
# KLP_TAG_ABI=klp-arch, which this 6.1 kernel (no .klp.arch support since
# 5.8) loads but whose renamed alternatives it never applies.
# shellcheck disable=SC2034 # read by demo-patch-first.sh
modules=/modules/klp-arch
# shellcheck source=/dev/null # the guest's copy of demo-patch-first.sh
. /scenarios/demo-patch-first.sh
