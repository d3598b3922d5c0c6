// SPDX-License-Identifier: GPL-2.0-or-later
/* Options that need a value say so. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-object -fplugin-arg-klp_tag-tags= -fplugin-arg-klp_tag-verbose=yes" } */
/* { dg-error "option '-fplugin-arg-klp_tag-object' needs a value: '-fplugin-arg-klp_tag-object=NAME'" "" { target *-*-* } 0 } */
/* { dg-error "option '-fplugin-arg-klp_tag-tags' needs a value: '-fplugin-arg-klp_tag-tags=FILE'" "" { target *-*-* } 0 } */
/* { dg-error "option '-fplugin-arg-klp_tag-verbose' takes no value" "" { target *-*-* } 0 } */
void f(void) { }
