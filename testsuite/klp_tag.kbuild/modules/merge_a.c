// SPDX-License-Identifier: GPL-2.0-or-later
/* First of two files whose functions belong to the same object. */
#include <linux/module.h>
#include "entries.h"

int merge_fix_a(int x)
{
	return fixture_entries(x);
}
EXPORT_SYMBOL_GPL(merge_fix_a);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
