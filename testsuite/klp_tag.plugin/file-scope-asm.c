// SPDX-License-Identifier: GPL-2.0-or-later
/* File-scope asm belongs to no function: left alone, with a warning when the unit has tags. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

asm(".pushsection .altinstructions,\"a\"\n.popsection\n");
/* { dg-warning "klp_tag: a file-scope asm names .altinstructions; it belongs to no function, so it is left alone" "" { target *-*-* } 0 } */

__attribute__((klp_object("vmlinux"))) void patched(void) { pv_site(); }
/* { dg-final { section-present .klp.arch.vmlinux..parainstructions } } */
/* { dg-final { section-present .altinstructions } } */
