// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp_reloc_demo.c - a livepatch module that needs livepatch relocations:
 * it replaces Debian 6.1's static cmdline_proc_show() and calls the
 * unexported kallsyms_lookup_name() (exported no more since 5.7) and reads
 * the unexported saved_command_line.  (Calling cmdline_proc_show() itself
 * would recurse: livepatch sends every call of it to the replacement.)  Built by the kbuild test
 * of klp_tag.reloc (reloc.exp) against the installed headers, with
 * klp-reloc --for-link between the compile and modpost and --restore on
 * the .ko.
 */
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <klp_tag.h>

extern unsigned long kallsyms_lookup_name(const char *name);
extern char *saved_command_line;

static int klp_reloc_demo_show(struct seq_file *m, void *v)
{
	seq_printf(m, "klp_reloc_demo: %s (cmdline_proc_show at %s)\n", saved_command_line,
		   kallsyms_lookup_name("cmdline_proc_show") ? "an address" : "0");
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = klp_reloc_demo_show, },
	{ }
};

static struct klp_object objs[] = {
	{ .funcs = funcs, },
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

static int klp_reloc_demo_init(void)
{
	return klp_tag_enable_patch(&patch);
}

static void klp_reloc_demo_exit(void)
{
	klp_tag_remove_patch(&patch);
}

module_init(klp_reloc_demo_init);
module_exit(klp_reloc_demo_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
