#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Control on a test kernel (5.4, 4.19, 4.9) (order.exp): the build of
# order-none-module-patch-first, loaded after klp_demo_target: enabling the
# patch writes the target object's relocations over the entries the module
# loader applied, and the kernel refuses the patch; the target stays
# unpatched.  The address of the static function whose relocation the
# kernel refuses is reported, for the value its message shows.
patch=/sys/kernel/livepatch/klp_order
run insmod-target insmod /modules/target/klp_demo_target.ko
report target-answer "$(grep ' klp_demo_target_answer' /proc/kallsyms)"
show target-before /proc/klp_demo_target
run insmod-patch insmod /modules/order-clean/klp_order.ko
exists patch-after $patch
exists module-after /sys/module/klp_order
show target-after /proc/klp_demo_target
run rmmod-target rmmod klp_demo_target
