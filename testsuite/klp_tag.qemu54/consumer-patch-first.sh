#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario on a test kernel (5.4, 4.19, 4.9): demo-patch-first.sh (patch before
# its target, target removed first) with klp_demo built as users build it,
# KLP_TAG_ABI=auto, which is klp-arch there; the sites' bytes are reported
# once the patch is enabled and once the target has loaded.
# shellcheck disable=SC2034 # read by the sourced scripts
modules=/modules/auto
# shellcheck source=/dev/null # the guest's copies
. /scenarios/peek.sh
# shellcheck source=/dev/null
. /scenarios/demo-patch-first.sh
