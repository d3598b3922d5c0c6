// SPDX-License-Identifier: GPL-2.0-or-later
/* No annotation at all: the unit's klp_object tables say which object each
   replacement belongs to (an absent .name is vmlinux). */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

static int vmlinux_replacement(void)
{
	pv_alt();
	return alt_applied();
}

static int module_replacement(void)
{
	pv_site();
	return alt_applied() + 1;
}

static struct klp_func vmlinux_funcs[] = {
	{ .old_name = "orig_a", .new_func = vmlinux_replacement },
	{ }
};
static struct klp_func module_funcs[] = {
	{ .old_name = "orig_b", .new_func = module_replacement },
	{ }
};
static struct klp_object objs[] = {
	{ .funcs = vmlinux_funcs },
	{ .name = "target_mod", .funcs = module_funcs },
	{ }
};
static struct klp_patch patch = { .objs = objs };
int start(void) { return klp_enable_patch(&patch); }
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-present .klp.arch.vmlinux..parainstructions } } */
/* { dg-final { section-present .klp.arch.target_mod..altinstructions } } */
/* { dg-final { section-present .klp.arch.target_mod..parainstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { section-absent .parainstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has vmlinux_replacement vmlinux table } } */
/* { dg-final { map-has module_replacement target_mod table } } */
/* { dg-final { map-object vmlinux } } */
/* { dg-final { map-object target_mod } } */
