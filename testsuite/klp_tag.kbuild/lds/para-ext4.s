# SPDX-License-Identifier: GPL-2.0-or-later
# One 4.9-5.7 paravirt site and one alternative for object ext4, so a
# module links sections of two objects.
	.text
	.globl	fix_para_ext4
fix_para_ext4:
771:	call	*pv_irq_disable(%rip)
772:
	.pushsection .klp.arch.ext4..parainstructions,"a"
	.balign	8
	.quad	771b
	.byte	48
	.byte	772b - 771b
	.short	1
	.popsection
661:	movl	$0, %ecx
662:
	.pushsection .klp.arch.ext4..altinstructions,"a"
	.long	661b - .
	.long	663f - .
	.word	3
	.byte	662b - 661b
	.byte	664f - 663f
	.byte	0
	.popsection
	.pushsection .altinstr_replacement, "ax"
663:	movl	$1, %ecx
664:
	.popsection
	ret
