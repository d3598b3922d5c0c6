/* SPDX-License-Identifier: GPL-2.0 */
/* Assembly in a tagged module: the fragment must refuse it. */
	.text
	.globl	asm_s_nop
asm_s_nop:
	ret
