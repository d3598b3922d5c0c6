#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario (sourced by scripts/qemu/init.sh): klp_reloc, whose
# references are all livepatch relocations (klp_reloc/klp_reloc.c), loads
# AFTER its target module klp_demo_target, so livepatch writes the
# target's relocations when the patch is enabled.  Both replacements print
# the addresses they reached; the kallsyms lines let the host check them.
# Then the control build, which declares state_show at another position,
# patches the same target, and both modules go.
patch=/sys/kernel/livepatch/klp_reloc
show cmdline-before /proc/cmdline
show version /proc/version
run insmod-target insmod /modules/target/klp_demo_target.ko
show target-before /proc/klp_demo_target
run insmod-patch insmod /modules/reloc/klp_reloc.ko
wait_transition transition-enable klp_reloc
show vmlinux-patched $patch/vmlinux/patched
show target-patched $patch/klp_demo_target/patched
show cmdline-patched /proc/cmdline
show target-read /proc/klp_demo_target
kallsyms kallsyms _text saved_command_line state_show version_proc_show \
	klp_demo_target_reads klp_demo_target_answer
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable klp_reloc
show cmdline-after /proc/cmdline
show target-after /proc/klp_demo_target
run rmmod-patch rmmod klp_reloc
exists module-after /sys/module/klp_reloc
run insmod-control insmod /modules/reloc-control/klp_reloc.ko
wait_transition transition-enable-control klp_reloc
show cmdline-control /proc/cmdline
show target-read-control /proc/klp_demo_target
run disable-control sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable-control klp_reloc
run rmmod-control rmmod klp_reloc
run rmmod-target rmmod klp_demo_target
exists target-module-after /sys/module/klp_demo_target
