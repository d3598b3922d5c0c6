// SPDX-License-Identifier: GPL-2.0-or-later
/* Another unit's table that disagrees with this unit's attribute, and two
   other units' tables that disagree: errors naming both, with the tables'
   files and lines. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tables=@SRCDIR@/other-unit.tables -fplugin-arg-klp_tag-abi=klp-arch" } */
#include "entries.h"

__attribute__((klp_object("vmlinux"))) int fix_clash(void) { return 1; } /* { dg-error "'fix_clash' is tagged for object 'vmlinux' by its klp_object attribute but is the '.new_func' of the klp_object table for 'xfs' \\(main.c:14\\)" } */
int fix_twice(void) { return 2; } /* { dg-error "'fix_twice' is the '.new_func' of klp_object tables for two objects: 'ext4' \\(main.c:15\\) and 'xfs' \\(other.c:20\\): a replacement belongs to one object, so give each table its own function" } */
