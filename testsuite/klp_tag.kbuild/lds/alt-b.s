# SPDX-License-Identifier: GPL-2.0-or-later
# One 4.9-5.7 alternative entry (13 bytes) for object vmlinux, in a second
# file of the same module.
	.text
	.globl	fix_alt_b
fix_alt_b:
661:	movl	$0, %edx
662:
	.pushsection .klp.arch.vmlinux..altinstructions,"a"
	.long	661b - .
	.long	663f - .
	.word	3
	.byte	662b - 661b
	.byte	664f - 663f
	.byte	0
	.popsection
	.pushsection .altinstr_replacement, "ax"
663:	movl	$1, %edx
664:
	.popsection
	ret
