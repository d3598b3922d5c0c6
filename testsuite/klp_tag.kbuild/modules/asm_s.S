/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Assembly in a tagged module: the fragment must refuse it. */
	.text
	.globl	asm_s_nop
asm_s_nop:
	ret
