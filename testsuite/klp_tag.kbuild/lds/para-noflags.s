# SPDX-License-Identifier: GPL-2.0-or-later
# A paravirt site in a section declared without flags, as hand-written
# assembly may do: ld -r cannot merge it with the "a" sections of the
# other files by itself.
	.text
	.globl	fix_para_noflags
fix_para_noflags:
771:	call	*pv_irq_enable(%rip)
772:
	.pushsection .klp.arch.vmlinux..parainstructions
	.balign	8
	.quad	771b
	.byte	49
	.byte	772b - 771b
	.short	1
	.popsection
	ret
