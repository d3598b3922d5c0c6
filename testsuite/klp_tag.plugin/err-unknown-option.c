// SPDX-License-Identifier: GPL-2.0-or-later
/* An unknown plugin option is an error naming it. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-objekt=vmlinux" } */
/* { dg-error "unknown option '-fplugin-arg-klp_tag-objekt'; klp_tag knows object=, tags=, tables=, write-tables=, abi=, kernel=, extract=, describe and verbose" "" { target *-*-* } 0 } */
void f(void) { }
