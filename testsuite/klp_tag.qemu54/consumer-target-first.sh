#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario on a test kernel (5.4, 4.19, 4.9): demo-target-first.sh (target
# before the patch, patch removed first) with klp_demo built with
# KLP_TAG_ABI=auto; the sites' bytes are reported once the patch is enabled.
# shellcheck disable=SC2034 # read by the sourced scripts
modules=/modules/auto
# shellcheck source=/dev/null # the guest's copies
. /scenarios/peek.sh
# shellcheck source=/dev/null
. /scenarios/demo-target-first.sh
