# SPDX-License-Identifier: GPL-2.0-or-later
# A section name with one dot between object and kind, which the kernel's
# sscanf never matches: the generator warns and leaves it alone.
	.text
	.globl	fix_single_dot
fix_single_dot:
661:	nop
662:
	.pushsection .klp.arch.vmlinux.altinstructions,"a"
	.long	661b - .
	.long	661b - .
	.word	3
	.byte	1, 1, 0
	.popsection
	ret
