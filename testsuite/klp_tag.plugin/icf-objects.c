// SPDX-License-Identifier: GPL-2.0-or-later
/* Identical code folding in a unit of two objects: static helpers called
   from different objects' replacements are never folded into one body
   (its entries could live in one object's section only).  Without the
   plugin the three helpers become one. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fipa-icf -fplugin-arg-klp_tag-abi=klp-arch" } */
#include "entries.h"

static __attribute__((noinline)) int h_vm1(int x) { alt_lfence(); return x * 3 + 1; }
static __attribute__((noinline)) int h_ext4(int x) { alt_lfence(); return x * 3 + 1; }
static __attribute__((noinline)) int h_vm2(int x) { alt_lfence(); return x * 3 + 1; }
__attribute__((klp_object("vmlinux"))) int f_vm(int x) { return h_vm1(x) + 1; }
__attribute__((klp_object("ext4"))) int f_ext4(int x) { return h_ext4(x) + 2; }
__attribute__((klp_object("vmlinux"))) int g_vm(int x) { return h_vm2(x) + 3; }
/* { dg-final { not-folded h_vm1 h_ext4 } } */
/* { dg-final { not-folded h_vm2 h_ext4 } } */
/* { dg-final { map-has h_vm1 vmlinux propagated } } */
/* { dg-final { map-has h_ext4 ext4 propagated } } */
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-present .klp.arch.ext4..altinstructions } } */
/* { dg-final { entries-preserved } } */
