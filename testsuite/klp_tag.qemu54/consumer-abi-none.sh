#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Control on a test kernel (5.4, 4.19, 4.9): demo-patch-first.sh with klp_demo built
# with KLP_TAG_ABI=none: the module loader applies every entry at load,
# the target object's too, before its module exists (harmless while no
# klp relocation is involved).  Its bytes are the reference for the sites
# whose applied form the kernel chooses.
# shellcheck disable=SC2034 # read by the sourced scripts
modules=/modules/none
# shellcheck source=/dev/null # the guest's copies
. /scenarios/peek.sh
# shellcheck source=/dev/null
. /scenarios/demo-patch-first.sh
