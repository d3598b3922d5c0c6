#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Control on a test kernel (5.4, 4.19, 4.9): demo-patch-first.sh with the klp_demo.ko
# of demo54-patch-first whose four sections were renamed to one-dot names
# (.klp.arch.vmlinux.altinstructions, ...), which the kernel's sscanf
# never matches: no entry may ever be applied.
# shellcheck disable=SC2034 # read by the sourced scripts
modules=/modules/one-dot
# shellcheck source=/dev/null # the guest's copies
. /scenarios/peek.sh
# shellcheck source=/dev/null
. /scenarios/demo-patch-first.sh
