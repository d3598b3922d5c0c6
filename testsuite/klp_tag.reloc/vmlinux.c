// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vmlinux.c - a patch's references to vmlinux, compiled with plain gcc
 * the way kbuild compiles modules (-fno-pic -mcmodel=kernel).  It has no
 * .klp_tag.map, so klp-reloc takes every reference as data or untagged
 * code: the one patched module that defines it (none here), else vmlinux.
 * The names exist in both 5.4.286-klptest and Debian 6.1.0-57; -D options
 * add the references each test needs.
 */
extern int printk(const char *fmt, ...);		/* exported: stays ordinary */
extern int cmdline_proc_show(void *m, void *v);		/* static in vmlinux */
extern char *saved_command_line;			/* not exported */

int patched_show(void *m, void *v)
{
	printk("%s\n", saved_command_line);
	return cmdline_proc_show(m, v);
}

#ifdef STATE
/* Several static functions of vmlinux are called state_show. */
extern long state_show(void *a, void *b, char *c);

long patched_state(void *a, void *b, char *c)
{
	return state_show(a, b, c);
}
#endif

#ifdef NOWHERE
extern int klp_test_no_such_symbol(void);

int patched_nowhere(void)
{
	return klp_test_no_such_symbol();
}
#endif

#ifdef DATA
/* A reference from data: R_X86_64_64 in .data. */
char **saved_pointer = &saved_command_line;
#endif

#ifdef PERCPU
/* The per-cpu area's start: offset 0 in both kernels' System.map. */
extern char __per_cpu_start[];
char *percpu_pointer = __per_cpu_start;
#endif

#ifdef JUMP
/* A __jump_table entry whose key is not exported (here any vmlinux variable). */
int patched_key(void)
{
	asm volatile("1: nop\n"
		     "\t.pushsection __jump_table, \"aw\"\n"
		     "\t.balign 8\n"
		     "\t.long 1b - ., 1b - .\n"
		     "\t.quad saved_command_line - .\n"
		     "\t.popsection\n");
	return 0;
}
#endif

#ifdef LONGNAME
/* 128 bytes: one more than 5.4's livepatch reads from a .klp.sym name. */
extern int aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(void);

int patched_long(void)
{
	return aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa();
}
#endif
