// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plain_mod.c - an ordinary module (no livepatch=Y) built in a directory
 * that includes the fragment: its reference to an unexported variable must
 * stay what it is, an error of modpost, not a livepatch relocation.
 */
#include <linux/module.h>
#include <linux/printk.h>

extern char *saved_command_line;

static int __init plain_mod_init(void)
{
	pr_info("plain_mod: %s\n", saved_command_line);
	return 0;
}

module_init(plain_mod_init);
MODULE_LICENSE("GPL");
