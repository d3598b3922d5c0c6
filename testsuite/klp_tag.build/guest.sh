#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario of build54.exp (the 5.4.286 test kernel), build61.exp
# (Debian's 6.1) and build419.exp (4.19.304), run as scenario build54,
# build61 or build419: the modules
# klp-tag-build made from the patches of patches54/, each loaded, judged
# by what the kernel shows while it is enabled, and removed again, so the
# same file shows the original before and after.  Each case runs where
# its modules were built.  The host decides what is right;
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

# built NAME: was NAME.ko built for this kernel?
built() {
	[ -f "$modules/$1.ko" ]
}

# a: a changed output string
if built klp_a_cmdline_string; then
show cmdline-before /proc/cmdline
patch_on klp_a_cmdline_string
show "klp_a_cmdline_string cmdline" /proc/cmdline
patch_off klp_a_cmdline_string
show cmdline-after /proc/cmdline
fi

# c: the changed get_task_state() is inlined into its callers
if built klp_c_state_inlined; then
state state-before
patch_on klp_c_state_inlined
state "klp_c_state_inlined state"
patch_off klp_c_state_inlined
# c, the control: the same module without the proc_pid_status() replacement
patch_on klp_c_state_control
state "klp_c_state_control state"
patch_off klp_c_state_control
state state-after
fi

# d: a new function and new initialised data, read twice
if built klp_d_cmdline_new_function; then
patch_on klp_d_cmdline_new_function
show "klp_d_cmdline_new_function read1" /proc/cmdline
show "klp_d_cmdline_new_function read2" /proc/cmdline
patch_off klp_d_cmdline_new_function
fi

# e: m_show, one of two in vmlinux (old_sympos 1), through the kernel's
# static module_flags(): every module's line gets its flags
modline() {
	report "$1" "$(grep "^$2 " /proc/modules)"
}
if built klp_e_module_sympos; then
run "klp_e_module_sympos insmod-plain" insmod "$modules/plain.ko"
modline modules-before test_klp_callbacks_mod
patch_on klp_e_module_sympos
modline "klp_e_module_sympos plain" test_klp_callbacks_mod
modline "klp_e_module_sympos own" klp_e_module_sympos
patch_off klp_e_module_sympos
modline modules-after test_klp_callbacks_mod
run "klp_e_module_sympos rmmod-plain" rmmod test_klp_callbacks_mod
fi

# f: drop_caches_sysctl_handler's static stfu must stay the kernel's: once
# the replacement saw a 4 written, the original is silent too
drop() {
	run "$1" sh -c "echo $2 > /proc/sys/vm/drop_caches"
	run "$1 message" sh -c "dmesg -c | grep -F drop_caches || true"
}
if built klp_f_static_local; then
report_dmesg
drop drop-before 1
patch_on klp_f_static_local
drop "klp_f_static_local drop-1" 1
drop "klp_f_static_local drop-4" 4
drop "klp_f_static_local drop-1-again" 1
patch_off klp_f_static_local
drop drop-after 1
fi

# g: a module object, loaded after the patch; its function holds an
# alternative over a livepatch relocation and a paravirt site; the target
# is the .ko the host packed as target.ko
built klp_g_module_alternative || return 0
report_dmesg
patch_on klp_g_module_alternative
run "klp_g_module_alternative insmod-target" insmod "$modules/target.ko"
sleep 1
run "klp_g_module_alternative work" sh -c "dmesg | grep -F \"busymod_work_func [patched]\""
run "klp_g_module_alternative rmmod-target" rmmod "$(cat "$modules/target.name")"
patch_off klp_g_module_alternative
