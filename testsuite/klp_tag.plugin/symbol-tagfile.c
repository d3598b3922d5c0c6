// SPDX-License-Identifier: GPL-2.0-or-later
/* Tag-file symbol lines (`symbol NAME OBJECT [POSITION]`) place referenced
   symbols as the attribute does; function lines in the same file still tag
   functions. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/symbols.tags -fplugin-arg-klp_tag-abi=klp-arch" } */
extern int from_tags;
int dup_tagged(void);

int fn_tagged(void)
{
	return from_tags + dup_tagged();
}
/* { dg-final { map-symbol from_tags vmlinux 0 tagfile } } */
/* { dg-final { map-symbol dup_tagged vmlinux 3 tagfile } } */
/* { dg-final { map-no-symbol unused_here } } */
/* { dg-final { map-has fn_tagged ext4 tagfile } } */
