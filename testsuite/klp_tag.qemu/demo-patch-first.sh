#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest scenario (sourced by scripts/qemu/init.sh): the example patch
# module klp_demo loads BEFORE its target module klp_demo_target, so
# livepatch finishes klp_demo_target's part only when the target loads.
# Then the target goes while still patched, and the patch is disabled and
# removed.  demo-klp-arch.sh and the 5.4 scenarios run the same steps on
# another build of klp_demo ($modules); phase marks where the 5.4 ones
# report the code bytes of the sites.
: "${modules:=/modules/auto}"
patch=/sys/kernel/livepatch/klp_demo
run insmod-patch insmod "$modules/klp_demo.ko"
wait_transition transition-enable klp_demo
show vmlinux-patched $patch/vmlinux/patched
show target-patched-before $patch/klp_demo_target/patched
phase enabled
show version-patched /proc/version
run insmod-target insmod /modules/target/klp_demo_target.ko
show target-patched $patch/klp_demo_target/patched
phase target-loaded
show target-read /proc/klp_demo_target
run rmmod-target rmmod klp_demo_target
show version-patched-after-target /proc/version
run disable sh -c "echo 0 > $patch/enabled"
wait_transition transition-disable klp_demo
show version-after /proc/version
run rmmod-patch rmmod klp_demo
exists module-after /sys/module/klp_demo
