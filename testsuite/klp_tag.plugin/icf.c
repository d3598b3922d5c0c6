// SPDX-License-Identifier: GPL-2.0-or-later
/* Identical code folding would merge two replacements of different objects
   into one body with one set of entries: in a tagged unit it is off. */
/* { dg-do assemble } */
/* { dg-options "-Os -fipa-icf" } */
#include "entries.h"
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) void same_vmlinux(void) { alt_lfence(); }
__attribute__((klp_object("ext4"))) void same_ext4(void) { alt_lfence(); }
void same_plain(void) { alt_lfence(); }
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has same_vmlinux vmlinux attribute } } */
/* { dg-final { map-has same_ext4 ext4 attribute } } */
