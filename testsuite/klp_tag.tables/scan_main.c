// SPDX-License-Identifier: GPL-2.0-or-later
/* The tables of a two-file patch, for the plain-gcc recipe (scan.exp). */
#include "lp-old.h"

int scan_fix(void);
static int scan_local(void) { return 0; }
static struct klp_func scan_funcs[] = {
	{ .old_name = "orig", .new_func = scan_fix },
	{ .old_name = "orig_local", .new_func = scan_local },
	{ }
};
static struct klp_object scan_objs[] = { { .name = "nfsd", .funcs = scan_funcs }, { } };
static struct klp_patch scan_patch = { .objs = scan_objs };
int scan_start(void) { return klp_enable_patch(&scan_patch); }
