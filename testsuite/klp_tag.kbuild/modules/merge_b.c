// SPDX-License-Identifier: GPL-2.0-or-later
/* Second of two files whose functions belong to the same object. */
#include <linux/export.h>
#include "entries.h"

int merge_fix_b(int x)
{
	return fixture_entries(x) * 2;
}
EXPORT_SYMBOL_GPL(merge_fix_b);
