// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The patch's tables, and nothing else: the replacements they name are
 * defined in the other files of the module, none of them annotated but
 * lp_hdr_fix (in the header).
 */
#include <linux/module.h>
#include <linux/livepatch.h>
#include "lp.h"

static struct klp_func lp_vmlinux_funcs[] = {
	{ .old_name = "version_proc_show", .new_func = lp_vm_fix },
	{ }
};

static struct klp_func lp_target_funcs[] = {
	{ .old_name = "klp_demo_target_show", .new_func = lp_tgt_fix },
	{ .old_name = "klp_demo_target_open", .new_func = lp_hdr_fix },
	{ }
};

static struct klp_object lp_objs[] = {
	{ .funcs = lp_vmlinux_funcs },
	{ .name = "klp_demo_target", .funcs = lp_target_funcs },
	{ }
};

static struct klp_patch lp_patch = {
	.mod = THIS_MODULE,
	.objs = lp_objs,
};

static int __init lp_init(void)
{
	return klp_enable_patch(&lp_patch);
}

static void __exit lp_exit(void)
{
}

module_init(lp_init);
module_exit(lp_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
