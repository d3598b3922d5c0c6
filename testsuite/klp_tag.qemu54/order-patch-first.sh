#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario on a test kernel (5.4, 4.19, 4.9) (order.exp): klp_order, built with
# KLP_TAG_ABI=auto (klp-arch there), loads BEFORE its target module: its
# vmlinux object's livepatch relocations are written at enable, its
# klp_demo_target object's when the target loads, each followed by that
# object's .klp.arch entries.  The code bytes of the sites are reported
# once the patch is enabled and once the target has loaded.
# shellcheck disable=SC2034 # read by peek.sh
modules=/modules/order-auto
# shellcheck source=/dev/null # the guest's copy
. /scenarios/peek.sh
patch=/sys/kernel/livepatch/klp_order
show cmdline-before /proc/cmdline
run insmod-patch insmod "$modules/klp_order.ko"
wait_transition transition-enable klp_order
phase enabled
show cmdline-patched /proc/cmdline
run insmod-target insmod /modules/target/klp_demo_target.ko
phase target-loaded
show target-read /proc/klp_demo_target
show target-read-again /proc/klp_demo_target
run rmmod-target rmmod klp_demo_target
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable klp_order
show cmdline-after /proc/cmdline
run rmmod-patch rmmod klp_order
exists module-after /sys/module/klp_order
