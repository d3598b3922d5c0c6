# SPDX-License-Identifier: GPL-2.0-or-later
# BROKEN on purpose: the second file of the misaligned pair.
	.text
	.globl	fix_broken_b
fix_broken_b:
771:	call	*pv_irq_disable(%rip)
772:
	.pushsection .klp.arch.vmlinux..parainstructions,"a"
	.quad	771b
	.byte	48
	.byte	772b - 771b
	.short	1
	.popsection
	ret
