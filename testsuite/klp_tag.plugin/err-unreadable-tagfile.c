// SPDX-License-Identifier: GPL-2.0-or-later
/* A tag file that cannot be read: its path and the system's reason. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/no-such.tags" } */
/* { dg-error "cannot read tag file '.*no-such.tags': No such file or directory" "" { target *-*-* } 0 } */
void f(void) { }
