// SPDX-License-Identifier: GPL-2.0-or-later
/* A table file with bad lines: an error for each, at its file and line;
   a file that is no table file at all: one error saying what it is not. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tables=@SRCDIR@/bad.tables -fplugin-arg-klp_tag-tables=@SRCDIR@/table.tags" } */
/* { dg-error "bad.tables:3: malformed table file line: not an object name as the kernel compares it: 'ext4.ko'" "" { target *-*-* } 0 } */
/* { dg-error "bad.tables:4: malformed table file line: expected 'table' or 'defines': 'not a record'" "" { target *-*-* } 0 } */
/* { dg-error "table.tags:1: malformed table file line: not a klp-tag table file: it does not start with 'klp-tag-tables 1' \\(write one with -fplugin-arg-klp_tag-write-tables=FILE\\)" "" { target *-*-* } 0 } */
void f(void) { }
