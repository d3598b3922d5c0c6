// SPDX-License-Identifier: GPL-2.0-or-later
/* A missing extract file, and a second extract= option, are errors. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/no-such.extract -fplugin-arg-klp_tag-extract=@SRCDIR@/extract-basic.extract" } */
/* { dg-error "cannot read extract file '\[^'\]*no-such.extract': No such file or directory" "" { target *-*-* } 0 } */
/* { dg-error "option '-fplugin-arg-klp_tag-extract' is given twice: a unit has one extract file" "" { target *-*-* } 0 } */
int f(void) { return 0; }
