#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario (sourced by scripts/qemu/init.sh, as selftests-RELEASE.sh):
# the kernel's own livepatch selftests, /selftests/test-*.sh from the
# booted kernel's sources, run with bash once for each set of the
# lib/livepatch test modules in /sets/SET/lib/modules/RELEASE (SET:
# reference, then plugin).  Each output line of a test script is reported
# as "KLPQ S SET SCRIPT output: LINE" ("TEST: ... ok" among them), its
# exit status as "KLPQ S SET SCRIPT: exit N".
#
# What the scripts need besides busybox: the host's bash, kmod, util-linux
# dmesg (-C), diff, and for 6.1 procps sysctl and coreutils comm, mktemp and
# /bin/stat (all in the initramfs); /dev/kmsg and /dev/fd; debugfs for
# dynamic debug; /tmp.
mount -t devtmpfs devtmpfs /dev
ln -s /proc/self/fd /dev/fd
mount -t debugfs debugfs /sys/kernel/debug
mkdir -p /tmp
release=$(uname -r)

# The first out-of-tree module to load taints the kernel and says so in
# dmesg, which the first test's dmesg comparison would then see: one
# module of the plugin set loads and goes before any test.
first=/sets/plugin/lib/modules/$release/kernel/lib/livepatch/test_klp_callbacks_mod.ko
run preload insmod "$first"
run preload-rmmod rmmod test_klp_callbacks_mod

for set in reference plugin; do
	ln -sfn "/sets/$set/lib/modules" /lib/modules
	for test in /selftests/test-*.sh; do
		name=${test##*/}
		run "$set $name" bash "$test"
	done
done
