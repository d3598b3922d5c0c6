// SPDX-License-Identifier: GPL-2.0-or-later
/* One funcs array shared by two klp_object entries of the same object agrees. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

static void replacement(void) { pv_site(); }
static struct klp_func funcs[] = { { .old_name = "orig", .new_func = replacement }, { } };
static struct klp_object objs_a[] = { { .name = "ext4", .funcs = funcs }, { } };
static struct klp_object objs_b[] = { { .name = "ext4", .funcs = funcs }, { } };
void *tables[] = { objs_a, objs_b };
/* { dg-final { section-present .klp.arch.ext4..parainstructions } } */
/* { dg-final { map-has replacement ext4 table } } */
