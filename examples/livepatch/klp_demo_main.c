// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp_demo - a livepatch module with two objects:
 *   vmlinux          version_proc_show (/proc/version), replaced here; the
 *                    replacement is tagged with the attribute from klp_tag.h
 *   klp_demo_target  klp_demo_target_show (/proc/klp_demo_target), replaced
 *                    in klp_demo_target_fix.c, which the table below gives
 *                    to klp_demo_target (module-wide tables)
 * Each replacement reports whether its ALTERNATIVE was applied: on a kernel
 * that applies .klp.arch sections (4.9-5.7) it is when the module is built
 * with KLP_TAG_ABI=klp-arch; on 6.1 only with plain sections.  The same
 * source builds for every livepatch API from 4.9 on: klp_tag.h's
 * klp_tag_enable_patch() follows what the kernel tree declares.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>
#include <klp_tag.h>
#include "klp_demo.h"

unsigned long klp_demo_erms_calls;

static int __klp_object(vmlinux) klp_demo_version_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "klp_demo: vmlinux replacement, alternative %s\n",
		   klp_demo_alternative_applied() ? "applied" : "NOT applied");
	return 0;
}

static struct klp_func klp_demo_vmlinux_funcs[] = {
	{
		.old_name = "version_proc_show",
		.new_func = klp_demo_version_proc_show,
	}, { }
};

static struct klp_func klp_demo_target_funcs[] = {
	{
		.old_name = "klp_demo_target_show",
		.new_func = klp_demo_target_show_fixed,
	}, { }
};

static struct klp_object klp_demo_objs[] = {
	{
		/* .name NULL: vmlinux */
		.funcs = klp_demo_vmlinux_funcs,
	}, {
		.name = "klp_demo_target",
		.funcs = klp_demo_target_funcs,
	}, { }
};

static struct klp_patch klp_demo_patch = {
	.mod = THIS_MODULE,
	.objs = klp_demo_objs,
};

/* The tree's livepatch API: register + enable on 4.9-5.0, enable alone from 5.1. */
static int __init klp_demo_init(void)
{
	return klp_tag_enable_patch(&klp_demo_patch);
}

static void __exit klp_demo_exit(void)
{
	klp_tag_remove_patch(&klp_demo_patch);
}

module_init(klp_demo_init);
module_exit(klp_demo_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-tag example: a livepatch module patching vmlinux and a module");
