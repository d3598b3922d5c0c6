/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * target.S, target2.S - a target module written by hand, linked with
 * ld -r into klp_target.ko: the names a klp_symbol position must tell
 * apart.  In .symtab order:
 *   helper      .init.text (target.S), then .text (target2.S): the full
 *               table (module loading after the patch) has both, the core
 *               table (loaded before) only the second
 *   twice       .text of each file: both tables have both
 *   init_only   .init.text: in the full table only
 *   only_once   .text: unique everywhere
 *   target_export  exported (in the tests' Module.symvers)
 * VERMAGIC picks the release it claims to be built for, NAME its name.
 */
#ifndef VERMAGIC
#define VERMAGIC "5.4.286-klptest SMP mod_unload modversions "
#endif
#ifndef NAME
#define NAME "klp_target"
#endif
	.section .modinfo, "a"
	.ascii "vermagic="
	.asciz VERMAGIC
	.ascii "name="
	.asciz NAME
	.asciz "license=GPL"

	.section .init.text, "ax"
	.type helper, @function
helper:
	ret
	.size helper, . - helper
	.type init_only, @function
init_only:
	ret
	.size init_only, . - init_only

	.text
	.type twice, @function
twice:
	ret
	.size twice, . - twice
	.type only_once, @function
only_once:
	ret
	.size only_once, . - only_once
	.section .note.GNU-stack, "", @progbits
