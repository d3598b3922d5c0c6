// SPDX-License-Identifier: GPL-2.0-or-later
/* A function that is the .new_func of two objects' tables is an error naming both. */
/* { dg-do assemble } */
#include "lp-old.h"

static void replacement(void) { } /* { dg-error "'replacement' is the '.new_func' of klp_object tables for two objects: 'vmlinux' and 'ext4': a replacement belongs to one object, so give each table its own function" } */
static struct klp_func funcs[] = { { .old_name = "orig", .new_func = replacement }, { } };
static struct klp_object objs[] = { /* { dg-message "table naming" } */
	{ .funcs = funcs },
	{ .name = "ext4", .funcs = funcs },
	{ }
};
void *table = objs;
