// SPDX-License-Identifier: GPL-2.0-or-later
/* A function whose object only the module's tag file names. */
#include <linux/module.h>
#include "entries.h"

int tf_fix(int x)
{
	return fixture_entries(x);
}
EXPORT_SYMBOL_GPL(tf_fix);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
