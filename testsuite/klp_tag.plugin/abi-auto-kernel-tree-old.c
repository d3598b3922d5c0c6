// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=auto with kernel=klp-arch (a 4.9-5.7 tree): a unit without a livepatch
   header renames, as the kernel tree says. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-kernel=klp-arch" } */
#include "entries.h"

__attribute__((klp_object("vmlinux"))) void patched(void) { alt_lfence(); }
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
