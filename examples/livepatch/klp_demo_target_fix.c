// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The replacement for klp_demo_target_show() of module klp_demo_target.
 * Nothing in this file names the object: the klp_object table in
 * klp_demo_main.c does, and the kbuild fragment gives every file of the
 * module what the module's tables say.
 */
#include <linux/seq_file.h>
#include "klp_demo.h"

int klp_demo_target_show_fixed(struct seq_file *m, void *v)
{
	seq_printf(m, "klp_demo: klp_demo_target replacement, alternative %s\n",
		   klp_demo_alternative_applied() ? "applied" : "NOT applied");
	return 0;
}
