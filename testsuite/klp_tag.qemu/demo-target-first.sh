#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario (sourced by scripts/qemu/init.sh): the target module
# klp_demo_target is already loaded when the patch module klp_demo loads;
# the patch is disabled and removed first, then the target.  The 5.4
# scenario runs it on its own build of klp_demo ($modules).
: "${modules:=/modules/auto}"
patch=/sys/kernel/livepatch/klp_demo
run insmod-target insmod /modules/target/klp_demo_target.ko
show target-before /proc/klp_demo_target
run insmod-patch insmod "$modules/klp_demo.ko"
wait_transition transition-enable klp_demo
show vmlinux-patched $patch/vmlinux/patched
show target-patched $patch/klp_demo_target/patched
phase enabled
show version-patched /proc/version
show target-read /proc/klp_demo_target
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable klp_demo
show version-after /proc/version
show target-after /proc/klp_demo_target
run rmmod-patch rmmod klp_demo
run rmmod-target rmmod klp_demo_target
exists module-after /sys/module/klp_demo
exists target-module-after /sys/module/klp_demo_target
