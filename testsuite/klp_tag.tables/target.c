// SPDX-License-Identifier: GPL-2.0-or-later
/* A module that is not a livepatch module, built in the patch's directory. */
#include <linux/module.h>
#include "lp.h"

int lp_target_work(int x)
{
	return lp_entries(x);
}
EXPORT_SYMBOL_GPL(lp_target_work);
MODULE_LICENSE("GPL");
