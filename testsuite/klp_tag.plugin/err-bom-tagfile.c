// SPDX-License-Identifier: GPL-2.0-or-later
/* A tag file saved with a UTF-8 byte order mark: the error says so. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/bom.tags -fplugin-arg-klp_tag-abi=klp-arch" } */
/* { dg-error "bom.tags:1: malformed tag line: the file starts with a UTF-8 byte order mark \\(bytes EF BB BF\\), which is no part of a C identifier: save the file without it" "" { target *-*-* } 0 } */
void bom_fn(void) { }
