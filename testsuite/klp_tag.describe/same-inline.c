// SPDX-License-Identifier: GPL-2.0-or-later
/* desc-inline.c at every level: the object is the one a compile without the
   plugin makes (its own checks hold at its own flags). */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-describe" } */
#include "desc-inline.c"
/* { dg-final { same-object-without-plugin } } */
/* { dg-final { describe-valid } } */
