#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario on a test kernel (5.4, 4.19, 4.9) (order.exp): klp_demo_target is
# loaded BEFORE klp_order (KLP_TAG_ABI=auto build), so livepatch writes
# both objects' relocations, each followed by that object's .klp.arch
# entries, when the patch is enabled.  The patch goes first.
# shellcheck disable=SC2034 # read by peek.sh
modules=/modules/order-auto
# shellcheck source=/dev/null # the guest's copy
. /scenarios/peek.sh
patch=/sys/kernel/livepatch/klp_order
show cmdline-before /proc/cmdline
run insmod-target insmod /modules/target/klp_demo_target.ko
show target-before /proc/klp_demo_target
run insmod-patch insmod "$modules/klp_order.ko"
wait_transition transition-enable klp_order
phase enabled
show cmdline-patched /proc/cmdline
show target-read /proc/klp_demo_target
show target-read-again /proc/klp_demo_target
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable klp_order
show cmdline-after /proc/cmdline
show target-after /proc/klp_demo_target
run rmmod-patch rmmod klp_order
run rmmod-target rmmod klp_demo_target
exists module-after /sys/module/klp_order
exists target-module-after /sys/module/klp_demo_target
