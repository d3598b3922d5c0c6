# SPDX-License-Identifier: GPL-2.0-or-later
# Two 4.9-5.7 alternative entries (struct alt_instr with padlen: 13 bytes,
# no alignment), as the kernel's C ALTERNATIVE macro writes them, already
# renamed for object vmlinux.
	.text
	.globl	fix_alt_a
fix_alt_a:
661:	movl	$0, %eax
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
663:	movl	$1, %eax
664:
	.popsection
665:	nop
666:
	.pushsection .klp.arch.vmlinux..altinstructions,"a"
	.long	665b - .
	.long	667f - .
	.word	18
	.byte	666b - 665b
	.byte	668f - 667f
	.byte	0
	.popsection
	.pushsection .altinstr_replacement, "ax"
667:	pause
668:
	.popsection
	ret
