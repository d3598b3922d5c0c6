// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=klp-arch renames even where the unit includes no livepatch header. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-abi=klp-arch" } */
#include "entries.h"

__attribute__((klp_object("vmlinux"))) void patched(void) { alt_lfence(); }
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
