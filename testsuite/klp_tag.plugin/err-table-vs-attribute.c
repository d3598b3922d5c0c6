// SPDX-License-Identifier: GPL-2.0-or-later
/* The table and the attribute disagree: an error naming both. */
/* { dg-do assemble } */
#include "lp-old.h"

__attribute__((klp_object("xfs"))) static void replacement(void) { } /* { dg-error "'replacement' is tagged for object 'xfs' by its klp_object attribute but is the '.new_func' of the klp_object table for 'ext4'" } */
static struct klp_func funcs[] = { { .old_name = "orig", .new_func = replacement }, { } };
static struct klp_object objs[] = { { .name = "ext4", .funcs = funcs }, { } };
void *table = objs;
