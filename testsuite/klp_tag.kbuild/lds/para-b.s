# SPDX-License-Identifier: GPL-2.0-or-later
# One 4.9-5.7 paravirt site (a 12-byte section) for object vmlinux.
	.text
	.globl	fix_para_b
fix_para_b:
771:	call	*pv_irq_disable(%rip)
772:
	.pushsection .klp.arch.vmlinux..parainstructions,"a"
	.balign	8
	.quad	771b
	.byte	48
	.byte	772b - 771b
	.short	1
	.popsection
	ret
