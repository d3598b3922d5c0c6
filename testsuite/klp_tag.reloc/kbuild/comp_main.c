// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * comp_main.c - the first file of a composite livepatch module
 * (klp_reloc_comp-y := comp_main.o comp_helper.o) built by the kbuild tests
 * of klp_tag.reloc through the fragment: the replacement here calls a
 * helper in the other file, whose reference to an unexported variable
 * becomes a livepatch relocation of the linked module object.
 */
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>

const char *klp_reloc_comp_cmdline(void);

static int klp_reloc_comp_show(struct seq_file *m, void *v)
{
	seq_printf(m, "klp_reloc_comp: %s\n", klp_reloc_comp_cmdline());
	return 0;
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = klp_reloc_comp_show, },
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

static int klp_reloc_comp_init(void)
{
	return klp_enable_patch(&patch);
}

static void klp_reloc_comp_exit(void)
{
}

module_init(klp_reloc_comp_init);
module_exit(klp_reloc_comp_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
