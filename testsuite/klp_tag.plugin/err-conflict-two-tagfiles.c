// SPDX-License-Identifier: GPL-2.0-or-later
/* Two tag files disagree about a function of the unit: an error naming both lines. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/conflict.tags -fplugin-arg-klp_tag-tags=@SRCDIR@/conflict2.tags -fplugin-arg-klp_tag-abi=klp-arch" } */
void clash(void) { } /* { dg-error "'clash' is tagged for object 'ext4' by .*conflict.tags:2 but for object 'xfs' by .*conflict2.tags:2" } */
