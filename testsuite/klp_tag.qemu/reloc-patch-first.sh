#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario (sourced by scripts/qemu/init.sh): klp_reloc loads BEFORE
# its target module klp_demo_target (late module patching): vmlinux's
# livepatch relocations are written while the patch loads, the target's
# only when the target loads.  The target then goes while patched, and
# the patch is disabled and removed.  Then the control build, which
# declares state_show at another position, goes the same way: loaded
# first, the target loaded again after it (new addresses: kallsyms again).
patch=/sys/kernel/livepatch/klp_reloc
show cmdline-before /proc/cmdline
show version /proc/version
run insmod-patch insmod /modules/reloc/klp_reloc.ko
wait_transition transition-enable klp_reloc
show vmlinux-patched $patch/vmlinux/patched
show target-patched-before $patch/klp_demo_target/patched
show cmdline-patched /proc/cmdline
run insmod-target insmod /modules/target/klp_demo_target.ko
show target-patched $patch/klp_demo_target/patched
show target-read /proc/klp_demo_target
kallsyms kallsyms _text saved_command_line state_show version_proc_show \
	klp_demo_target_reads klp_demo_target_answer
run rmmod-target rmmod klp_demo_target
show cmdline-patched-after-target /proc/cmdline
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable klp_reloc
show cmdline-after /proc/cmdline
run rmmod-patch rmmod klp_reloc
exists module-after /sys/module/klp_reloc
run insmod-control insmod /modules/reloc-control/klp_reloc.ko
wait_transition transition-enable-control klp_reloc
show cmdline-control /proc/cmdline
run insmod-target-control insmod /modules/target/klp_demo_target.ko
show target-read-control /proc/klp_demo_target
kallsyms kallsyms-control _text saved_command_line state_show version_proc_show \
	klp_demo_target_reads klp_demo_target_answer
run disable-control sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable-control klp_reloc
run rmmod-control rmmod klp_reloc
run rmmod-target-control rmmod klp_demo_target
exists target-module-after /sys/module/klp_demo_target
