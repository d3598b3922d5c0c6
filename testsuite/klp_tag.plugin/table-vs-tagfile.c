// SPDX-License-Identifier: GPL-2.0-or-later
/* The table and a tag file: agreement is fine, disagreement an error naming both. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/table.tags" } */
#include "lp-old.h"

static void replacement(void) { } /* { dg-error "'replacement' is tagged for object 'vmlinux' by tag file .*table.tags:2 but is the '.new_func' of the klp_object table for 'ext4'" } */
static void agreeing(void) { }
static struct klp_func funcs[] = {
	{ .old_name = "orig", .new_func = replacement },
	{ .old_name = "orig2", .new_func = agreeing },
	{ }
};
static struct klp_object objs[] = { { .name = "ext4", .funcs = funcs }, { } };
void *table = objs;
