# SPDX-License-Identifier: GPL-2.0-or-later
# Two 4.9-5.7 paravirt sites for object vmlinux, written like
# _paravirt_alt: 8-byte aligned, 12 bytes each, no tail padding, so the
# section is 28 bytes.
	.text
	.globl	fix_para_a
fix_para_a:
771:	call	*pv_irq_save_fl(%rip)
772:
	.pushsection .klp.arch.vmlinux..parainstructions,"a"
	.balign	8
	.quad	771b
	.byte	46
	.byte	772b - 771b
	.short	1
	.popsection
773:	call	*pv_irq_restore_fl(%rip)
774:
	.pushsection .klp.arch.vmlinux..parainstructions,"a"
	.balign	8
	.quad	773b
	.byte	47
	.byte	774b - 773b
	.short	1
	.popsection
	ret
