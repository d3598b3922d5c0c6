// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp_reloc - a livepatch module whose every reference into the patched
 * objects is one that only livepatch can resolve, for the end-to-end test
 * of klp-reloc through the kbuild fragment on Debian 6.1 (qemu-reloc.exp).
 *
 *   vmlinux          cmdline_proc_show (/proc/cmdline) is replaced by a
 *                    function that reads the unexported saved_command_line,
 *                    calls the static version_proc_show (/proc/version's
 *                    show function) and takes the address of one of the
 *                    five static functions named state_show, chosen by
 *                    its position in kallsyms order (klp_symbol);
 *   klp_demo_target  klp_demo_target_show (/proc/klp_demo_target) is
 *                    replaced by a function that counts the read in the
 *                    module's static klp_demo_target_reads and calls its
 *                    static klp_demo_target_answer(7), 7000 plus the reads.
 *
 * Each replacement prints the address it reached (%px) beside what it read
 * there, so the guest can compare both with /proc/kallsyms, /proc/version
 * and the original /proc/cmdline.  Nothing here is exported: without the
 * livepatch relocations klp-reloc makes, modpost would refuse the module.
 */
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <klp_tag.h>

/* vmlinux, fs/proc/version.c: static. */
extern int version_proc_show(struct seq_file *m, void *v);
/*
 * vmlinux, several files: static functions with different prototypes.
 * Only its address is used, never a call, so no prototype is claimed.
 * KLP_RELOC_STATE_SHOW_POS comes from the Kbuild file.
 */
extern char __klp_symbol(vmlinux, KLP_RELOC_STATE_SHOW_POS) state_show[];

/* klp_demo_target (examples/target): static. */
extern unsigned int klp_demo_target_reads;
extern unsigned int klp_demo_target_answer(unsigned int x);

static int klp_reloc_cmdline_show(struct seq_file *m, void *v)
{
	/* saved_command_line: declared by <linux/init.h>, not exported. */
	seq_printf(m, "klp_reloc: saved_command_line %px: %s\n",
		   &saved_command_line, saved_command_line);
	seq_printf(m, "klp_reloc: state_show,%d %px\n", KLP_RELOC_STATE_SHOW_POS, state_show);
	seq_printf(m, "klp_reloc: version_proc_show %px: ", version_proc_show);
	return version_proc_show(m, v);
}

static int klp_reloc_target_show(struct seq_file *m, void *v)
{
	unsigned int reads = ++klp_demo_target_reads;

	seq_printf(m, "klp_reloc: klp_demo_target_reads %px: %u\n", &klp_demo_target_reads, reads);
	seq_printf(m, "klp_reloc: klp_demo_target_answer %px: answer(7) = %u\n",
		   klp_demo_target_answer, klp_demo_target_answer(7));
	return 0;
}

static struct klp_func klp_reloc_vmlinux_funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = klp_reloc_cmdline_show,
	}, { }
};

static struct klp_func klp_reloc_target_funcs[] = {
	{
		.old_name = "klp_demo_target_show",
		.new_func = klp_reloc_target_show,
	}, { }
};

static struct klp_object klp_reloc_objs[] = {
	{
		/* .name NULL: vmlinux */
		.funcs = klp_reloc_vmlinux_funcs,
	}, {
		.name = "klp_demo_target",
		.funcs = klp_reloc_target_funcs,
	}, { }
};

static struct klp_patch klp_reloc_patch = {
	.mod = THIS_MODULE,
	.objs = klp_reloc_objs,
};

static int __init klp_reloc_init(void)
{
	return klp_enable_patch(&klp_reloc_patch);
}

static void __exit klp_reloc_exit(void)
{
}

module_init(klp_reloc_init);
module_exit(klp_reloc_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-tag test: livepatch relocations to static and unexported symbols");
