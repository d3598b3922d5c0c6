/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lp_tgt_fix in assembly: the plugin compiles C only, so this file never
 * sees the table that gives lp_tgt_fix to klp_demo_target, and its
 * alternative stays in .altinstructions.  The link check must say so.
 */
#include <linux/version.h>
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#include <asm/alternative-asm.h>
#else
#include <asm/alternative.h>
#endif
#include <asm/cpufeatures.h>

	.text
	.globl lp_tgt_fix
	.type lp_tgt_fix, @function
lp_tgt_fix:
	ALTERNATIVE "xorl %eax, %eax", "movl $1, %eax", X86_FEATURE_ALWAYS
	.byte 0xc3
	.size lp_tgt_fix, .-lp_tgt_fix
