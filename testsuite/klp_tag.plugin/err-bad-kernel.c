// SPDX-License-Identifier: GPL-2.0-or-later
/* kernel= takes klp-arch or none. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-kernel=auto" } */
/* { dg-error "option '-fplugin-arg-klp_tag-kernel=auto': the value must be 'klp-arch' or 'none'" "" { target *-*-* } 0 } */
void f(void) { }
