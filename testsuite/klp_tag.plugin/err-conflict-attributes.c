// SPDX-License-Identifier: GPL-2.0-or-later
/* Two declarations disagree: an error at the second naming both objects. */
/* { dg-do assemble } */
void f(void) __attribute__((klp_object("vmlinux"))); /* { dg-message "earlier declaration with klp_object..vmlinux.." } */
void f(void) __attribute__((klp_object("ext4"))); /* { dg-error "'f' is tagged for object 'ext4' here but for object 'vmlinux' by the klp_object attribute of an earlier declaration" } */
void f(void) { }
