// SPDX-License-Identifier: GPL-2.0-or-later
/* abi= takes one of three values. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-abi=4.19" } */
/* { dg-error "option '-fplugin-arg-klp_tag-abi=4.19': the value must be 'auto', 'klp-arch' or 'none'" "" { target *-*-* } 0 } */
void f(void) { }
