// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plugin-module.c - a two-object livepatch unit for the checker tests over
 * what the plugin really writes: a vmlinux replacement tagged with the
 * attribute, a module replacement tagged by its klp_object table, each
 * with an alternative (12-byte Debian 6.1 alt_instr) and a paravirt site.
 */
#include "../klp_tag.plugin/lp-common.h"

extern void (*pv_ops_irq[4])(void);

/* An alternative: "movl $0" becomes "movl $1" when feature 3*32+21 is set. */
static inline __attribute__((always_inline)) int replaced(void)
{
	int v;

	asm volatile("661:\n\tmovl $0, %0\n662:\n"
		     ".pushsection .altinstructions,\"a\"\n"
		     " .long 661b - .\n .long 6641f - .\n .word 3*32+21\n"
		     " .byte 662b-661b\n .byte 6642f-6641f\n"
		     ".popsection\n"
		     ".pushsection .altinstr_replacement, \"ax\"\n"
		     "6641:\n\tmovl $1, %0\n6642:\n"
		     ".popsection" : "=r"(v));
	return v;
}

/* A paravirt site around an indirect call, as _paravirt_alt writes it. */
static inline __attribute__((always_inline)) void pv_call(void)
{
	asm volatile("771:\n\tcall *pv_ops_irq+8(%%rip)\n772:\n"
		     ".pushsection .parainstructions,\"a\"\n"
		     " .balign 8\n .quad 771b\n .byte 23\n .byte 772b-771b\n .short 0\n"
		     " .balign 8\n"
		     ".popsection" : : : "memory");
}

__attribute__((klp_object("vmlinux"))) int patched_vmlinux(void)
{
	pv_call();
	return replaced();
}

static int patched_module(void)
{
	pv_call();
	return replaced() + 1;
}

static struct klp_func vmlinux_funcs[] = {
	{ .old_name = "orig_a", .new_func = patched_vmlinux },
	{ }
};
static struct klp_func module_funcs[] = {
	{ .old_name = "orig_b", .new_func = patched_module },
	{ }
};
static struct klp_object objs[] = {
	{ .funcs = vmlinux_funcs },
	{ .name = "target_mod", .funcs = module_funcs },
	{ }
};
static struct klp_patch patch = { .objs = objs };
int start(void) { return klp_enable_patch(&patch); }
