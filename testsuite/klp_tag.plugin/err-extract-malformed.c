// SPDX-License-Identifier: GPL-2.0-or-later
/* A malformed extract file is an error naming its line and why. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/err-extract-malformed.extract" } */
/* { dg-error "extract file '\[^'\]*err-extract-malformed.extract', line 3: unknown line 'kept': an extract file has keep, carry, data and ref lines" "" { target *-*-* } 0 } */
int f(void) { return 0; }
