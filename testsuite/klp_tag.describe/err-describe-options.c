// SPDX-License-Identifier: GPL-2.0-or-later
/* Describe mode takes no other option: it must change nothing. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-describe -fplugin-arg-klp_tag-object=vmlinux" } */
/* { dg-error "option '-fplugin-arg-klp_tag-describe' changes nothing in the compile, so it takes no other option \\(given: '-fplugin-arg-klp_tag-object'\\)" "" { target *-*-* } 0 } */
void f(void) { }
