#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario of build54.exp (the 5.4.286 test kernel) and build61.exp
# (Debian's 6.1), run as scenario build54 or build61: the modules
# klp-tag-build made from the patches of patches54/, each loaded, judged
# by what the kernel shows while it is enabled, and removed again, so the
# same file shows the original before and after.  The module-object case
# (g) runs where its module was built.  The host decides what is right;
# this reports what each file said.
# shellcheck disable=SC2154 # scenario: set by /init
modules=/modules/$scenario

# patch_on NAME: load NAME.ko and wait for its transition.
patch_on() {
	run "$1 insmod" insmod "$modules/$1.ko"
	wait_transition "$1 transition-enable" "$1"
}

# patch_off NAME: disable the patch, wait, remove the module.
patch_off() {
	run "$1 disable" sh -c "echo 0 > /sys/kernel/livepatch/$1/enabled"
	wait_transition "$1 transition-disable" "$1"
	run "$1 rmmod" rmmod "$1"
	exists "$1 after" "/sys/module/$1"
}

# state KEY: the State line of /proc/self/status (the reading task runs).
state() {
	run "$1" sh -c 'grep "^State:" /proc/self/status'
}

# a: a changed output string
show cmdline-before /proc/cmdline
patch_on klp_a_cmdline_string
show "klp_a_cmdline_string cmdline" /proc/cmdline
patch_off klp_a_cmdline_string
show cmdline-after /proc/cmdline

# c: the changed get_task_state() is inlined into its callers
state state-before
patch_on klp_c_state_inlined
state "klp_c_state_inlined state"
patch_off klp_c_state_inlined
# c, the control: the same module without the proc_pid_status() replacement
patch_on klp_c_state_control
state "klp_c_state_control state"
patch_off klp_c_state_control
state state-after

# d: a new function and new initialised data, read twice
patch_on klp_d_cmdline_new_function
show "klp_d_cmdline_new_function read1" /proc/cmdline
show "klp_d_cmdline_new_function read2" /proc/cmdline
patch_off klp_d_cmdline_new_function

# g: a module object, loaded after the patch; its function holds an
# alternative over a livepatch relocation and a paravirt site
[ -f "$modules/klp_g_module_alternative.ko" ] || return 0
report_dmesg
patch_on klp_g_module_alternative
run "klp_g_module_alternative insmod-target" insmod "$modules/test_klp_callbacks_busy.ko"
sleep 1
run "klp_g_module_alternative work" sh -c "dmesg | grep -F \"busymod_work_func [patched]\""
run "klp_g_module_alternative rmmod-target" rmmod test_klp_callbacks_busy
patch_off klp_g_module_alternative
