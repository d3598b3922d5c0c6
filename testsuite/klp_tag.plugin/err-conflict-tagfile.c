// SPDX-License-Identifier: GPL-2.0-or-later
/* The attribute and a tag file disagree: an error at the function naming both. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/conflict.tags -fplugin-arg-klp_tag-abi=klp-arch" } */
__attribute__((klp_object("vmlinux"))) void clash(void) { } /* { dg-error "'clash' is tagged for object 'vmlinux' by its klp_object attribute but for object 'ext4' by tag file .*conflict.tags:2: keep one of the two" } */
