// SPDX-License-Identifier: GPL-2.0-or-later
/* KLP_TAG_OFF: the reference build compiles without the plugin, tags expand to nothing. */
/* { dg-do assemble } */
/* { dg-options "NO-PLUGIN -DKLP_TAG_OFF" } */
#include "klp_tag.h"
#include "entries.h"

extern int __klp_symbol(vmlinux, 2) unexported;
void __klp_object(vmlinux) patched(void) { alt_lfence(); unexported++; }
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp_tag.map } } */
