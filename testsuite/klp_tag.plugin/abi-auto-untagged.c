// SPDX-License-Identifier: GPL-2.0-or-later
/* A unit with no tagged function says nothing about the ABI. */
/* { dg-do assemble } */
#include "entries.h"

void plain(void) { alt_lfence(); }
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
