// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module object's replacement (object from patch_main.c's table) and a
 * static helper only it calls, which inherits that object.
 */
#include <linux/seq_file.h>
#include "lp.h"

static noinline int lp_tgt_helper(int x)
{
	return lp_entries(x) * 2;
}

int lp_tgt_fix(struct seq_file *m, void *v)
{
	seq_printf(m, "lp: target %d\n", lp_tgt_helper(2));
	return 0;
}
