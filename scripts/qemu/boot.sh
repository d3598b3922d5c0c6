#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Boot KERNEL with INITRD under QEMU (TCG: no KVM on the machines this
# runs on) and write everything the serial console shows to LOG.  /init
# ends the run with `reboot -f`, which -no-reboot turns into QEMU exiting;
# panic=-1 does the same for a kernel panic; a hang is cut by a hard
# timeout of SECONDS.
#
# Usage: scripts/qemu/boot.sh [-c CPU] KERNEL INITRD LOG SECONDS [KERNEL-ARGS...]
#   -c CPU   QEMU's CPU model (-cpu CPU); QEMU's default without it
# Exit status: QEMU's, or 124 after the timeout.
set -u

usage="usage: $0 [-c CPU] KERNEL INITRD LOG SECONDS [KERNEL-ARGS...]"
cpu=
while getopts c: opt; do
	case $opt in
	c) cpu=$OPTARG ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -lt 4 ]; then
	echo "$usage" >&2
	exit 2
fi
kernel=$1 initrd=$2 log=$3 seconds=$4
shift 4

# `quiet` keeps routine kernel messages off the console so they do not
# split the result lines; oopses still show, and dmesg has everything.
timeout -k 5 "$seconds" qemu-system-x86_64 -accel tcg ${cpu:+-cpu "$cpu"} \
	-nographic -no-reboot -m 512 -smp 1 -nic none \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 quiet $*" \
	< /dev/null > "$log" 2>&1
rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "klp-tag: QEMU did not finish within $seconds s; console in $log" >&2
	exit 124
fi
exit $rc
