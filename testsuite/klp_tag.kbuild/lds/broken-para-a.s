# SPDX-License-Identifier: GPL-2.0-or-later
# BROKEN on purpose: paravirt sites without the .balign 8, so the section
# is only byte-aligned and a second file's site lands at offset 12 instead
# of 16 when the sections are merged.  The generated script must reject it.
	.text
	.globl	fix_broken_a
fix_broken_a:
771:	call	*pv_irq_disable(%rip)
772:
	.pushsection .klp.arch.vmlinux..parainstructions,"a"
	.quad	771b
	.byte	48
	.byte	772b - 771b
	.short	1
	.popsection
	ret
