#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Control on a test kernel (5.4, 4.19, 4.9) (order.exp): klp_order built with
# KLP_TAG_ABI=none (and KLP_TAG_ALLOW_CLOBBER, or klp-reloc would refuse
# to build it).  The module loader applies its plain alternatives and
# paravirt sites at load; enabling the patch then writes the vmlinux
# object's livepatch relocations over them, which the kernel refuses, so
# the patch module fails to load.  The kernel's messages are the dmesg
# lines init.sh reports at the end.
patch=/sys/kernel/livepatch/klp_order
show cmdline-before /proc/cmdline
run insmod-patch insmod /modules/order-none/klp_order.ko
exists patch-after $patch
exists module-after /sys/module/klp_order
show cmdline-after /proc/cmdline
