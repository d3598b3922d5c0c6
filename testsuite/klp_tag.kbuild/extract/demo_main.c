// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * demo_main.c - the klp_patch of the extract test module: the patched
 * cmdline_proc_show of fs/proc/cmdline.c, compiled in extract mode by
 * klp-fs-proc-cmdline.c, replaces vmlinux's.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>

int klp_cmdline_proc_show(struct seq_file *m, void *v);

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = klp_cmdline_proc_show, },
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

static int demo_init(void)
{
	return klp_enable_patch(&patch);
}

static void demo_exit(void)
{
}

module_init(demo_init);
module_exit(demo_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
