/* SPDX-License-Identifier: GPL-2.0-or-later */
/* target2.S - the second file of klp_target.ko (see target.S). */
	.text
	.type helper, @function
helper:
	ret
	.size helper, . - helper
	.type twice, @function
twice:
	ret
	.size twice, . - twice
	.globl target_export
	.type target_export, @function
target_export:
	ret
	.size target_export, . - target_export
	.section .note.GNU-stack, "", @progbits
