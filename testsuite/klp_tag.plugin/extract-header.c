// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract mode and a header's static inline functions: carried, one is the
   module's own copy (the kernel has no symbol for this unit's); not
   carried, a call that stays references the kernel's copy; unused ones
   leave nothing. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/extract-header.extract -fplugin-arg-klp_tag-abi=none" } */
#include "extract-header.h"

int kept(int x)
{
	return header_carried(x) + header_referenced(x);
}
/* { dg-final { nm-defines-only kept header_carried } } */
/* { dg-final { nm-undefined header_referenced.klp } } */
/* { dg-final { nm-absent header_unused header_referenced } } */
/* { dg-final { map-alias header_referenced.klp vmlinux 3 header_referenced } } */
/* { dg-final { same-code-without-extract kept } } */
