#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Control on a test kernel (5.4, 4.19, 4.9) (order.exp): klp_order built with
# KLP_TAG_ABI=none and its vmlinux sites over no livepatch relocation
# (KLP_ORDER_CLEAN_VMLINUX), so only the klp_demo_target object's entries
# cover relocations.  The patch loads first, and the module loader has
# applied every entry, the target object's included (the code bytes show
# it); when klp_demo_target loads, livepatch writes that object's
# relocations over them, and the kernel refuses the module.
# shellcheck disable=SC2034 # read by peek.sh
modules=/modules/order-clean
# shellcheck source=/dev/null # the guest's copy
. /scenarios/peek.sh
patch=/sys/kernel/livepatch/klp_order
show cmdline-before /proc/cmdline
run insmod-patch insmod "$modules/klp_order.ko"
wait_transition transition-enable klp_order
phase enabled
show cmdline-patched /proc/cmdline
run insmod-target insmod /modules/target/klp_demo_target.ko
exists target-module-after /sys/module/klp_demo_target
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable klp_order
run rmmod-patch rmmod klp_order
exists module-after /sys/module/klp_order
