// SPDX-License-Identifier: GPL-2.0-or-later
/* klp_symbol on extern declarations: the map places each referenced symbol
   (object normalised as kbuild spells it, position as given) for the klp
   relocation converter; a declared but unreferenced one gets no record. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-abi=klp-arch" } */
#include <klp_tag.h>

extern unsigned long __klp_symbol(vmlinux) saved_max_pfn;
int __klp_symbol(vmlinux, 2) dup_fn(int);
extern int __klp_symbol(target-mod) tgt_var;
extern int __klp_symbol(vmlinux) never_used;
extern int __klp_symbol(vmlinux) redeclared;
extern int redeclared;

int use(void)
{
	return saved_max_pfn + dup_fn(1) + tgt_var + redeclared;
}
/* { dg-final { map-symbol saved_max_pfn vmlinux 0 attribute } } */
/* { dg-final { map-symbol dup_fn vmlinux 2 attribute } } */
/* { dg-final { map-symbol tgt_var target_mod 0 attribute } } */
/* { dg-final { map-symbol redeclared vmlinux 0 attribute } } */
/* { dg-final { map-no-symbol never_used } } */
