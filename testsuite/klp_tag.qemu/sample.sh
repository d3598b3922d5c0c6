#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario (sourced by scripts/qemu/init.sh): the kernel's upstream
# livepatch sample replaces cmdline_proc_show in vmlinux; disabling it
# brings the original back, and the module can then be removed.
patch=/sys/kernel/livepatch/livepatch_sample
show cmdline-before /proc/cmdline
run insmod insmod /modules/sample/livepatch-sample.ko
wait_transition transition-enable livepatch_sample
show enabled $patch/enabled
show vmlinux-patched $patch/vmlinux/patched
show cmdline-patched /proc/cmdline
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable livepatch_sample
show cmdline-after /proc/cmdline
run rmmod rmmod livepatch_sample
exists module-after /sys/module/livepatch_sample
