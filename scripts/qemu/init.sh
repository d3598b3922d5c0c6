#!/bin/busybox sh
# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the QEMU test initramfs (packed by mkinitramfs.sh).
#
# Runs the scenario named by `klpq=NAME` on the kernel command line, that
# is /scenarios/NAME.sh, sourced in a subshell so that whatever it does
# the run still ends in `reboot -f` (QEMU exits: -no-reboot).  What the
# host needs goes to the serial console as lines
#     KLPQ NAME begin
#     KLPQ NAME KEY: VALUE
#     KLPQ NAME end
# so the host can tell them from kernel messages and can see whether the
# scenario ran to its end.  The scenario states facts (what a file said,
# an exit status, dmesg); the host decides what is right.

/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys

scenario=
# shellcheck disable=SC2013 # the command line is words, not lines
for word in $(cat /proc/cmdline); do
	case "$word" in
	klpq=*) scenario=${word#klpq=} ;;
	esac
done

# report KEY TEXT...: one result line.
report() {
	key=$1
	shift
	echo "KLPQ $scenario $key: $*"
}

# report_lines KEY TEXT: one result line per line of TEXT.
report_lines() {
	printf '%s\n' "$2" | while IFS= read -r line; do
		report "$1" "$line"
	done
}

# run KEY COMMAND...: run COMMAND, report its output (KEY output) and its
# exit status (KEY: exit N).
run() {
	key=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	[ -z "$out" ] || report_lines "$key output" "$out"
	report "$key" "exit $rc"
}

# show KEY FILE: report the contents of FILE, or why it could not be read.
show() {
	if content=$(cat "$2" 2>&1); then
		report_lines "$1" "$content"
	else
		report_lines "$1 unreadable" "$content"
	fi
}

# wait_transition KEY PATCH: wait up to 30 s for the patch's transition to
# finish; report 0, "gone" (a disabled patch is freed together with its
# sysfs directory), "none" (no transition file: 4.9 has no consistency
# model, patching is done when the write returns) or that it is still
# running.
wait_transition() {
	dir=/sys/kernel/livepatch/$2
	if [ -d "$dir" ] && [ ! -e "$dir/transition" ]; then
		report "$1" none
		return
	fi
	tenths=0
	while [ "$(cat "$dir/transition" 2>/dev/null)" = 1 ] && [ $tenths -lt 300 ]; do
		sleep 0.1
		tenths=$((tenths + 1))
	done
	if [ ! -d "$dir" ]; then
		report "$1" gone
	elif [ "$(cat "$dir/transition")" = 1 ]; then
		report "$1" "1 after 30 s"
	else
		report "$1" "$(cat "$dir/transition")"
	fi
}

# exists KEY PATH: report whether PATH exists ("present" or "absent").
exists() {
	if [ -e "$2" ]; then
		report "$1" present
	else
		report "$1" absent
	fi
}

# kallsyms KEY NAME...: report the /proc/kallsyms lines (vmlinux's and the
# loaded modules', in kallsyms order) of the symbols called NAME, so the
# host can compare the addresses a module printed with the kernel's.
# Addresses read as root: /init has CAP_SYSLOG, so kptr_restrict 0 or 1
# shows them.  grep -F first: busybox awk alone takes seconds under TCG
# for the 100k lines.
kallsyms() {
	key=$1
	shift
	names=" $* "
	for name; do
		shift
		set -- "$@" -e "$name"
	done
	lines=$(grep -F "$@" /proc/kallsyms | awk -v names="$names" 'index(names, " " $3 " ")')
	report_lines "$key" "$lines"
}

# phase NAME: the scenario has reached the point NAME (e.g. "enabled");
# a scenario that reports more there (code bytes) defines phase_hook.
phase() {
	if command -v phase_hook >/dev/null 2>&1; then
		phase_hook "$1"
	fi
}

# report_dmesg: report the kernel messages since the last call, and clear
# them, so each scenario's messages are its own.
report_dmesg() {
	messages=$(dmesg -c)
	[ -z "$messages" ] || report_lines dmesg "$messages"
}

# The boot's own messages are not what a scenario is judged on.
dmesg -c > /dev/null
echo "KLPQ $scenario begin"
if [ -z "$scenario" ] || [ ! -f "/scenarios/$scenario.sh" ]; then
	report error "no scenario /scenarios/$scenario.sh (klpq= on the kernel command line)"
else
	# shellcheck source=/dev/null
	(. "/scenarios/$scenario.sh")
	report_dmesg
	report tainted "$(cat /proc/sys/kernel/tainted)"
fi
echo "KLPQ $scenario end"
reboot -f
