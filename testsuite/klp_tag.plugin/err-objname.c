// SPDX-License-Identifier: GPL-2.0-or-later
/* Object names break the kernel's rules in four ways. */
/* { dg-do assemble } */
void a(void) __attribute__((klp_object(""))); /* { dg-error "klp_object attribute: object name '' is empty: an object is 'vmlinux' or the name of a module" } */
void b(void) __attribute__((klp_object("ext4.ko"))); /* { dg-error "object name 'ext4.ko' contains '.', which ends the object name in the kernel's '.klp.arch.%55.*' section rule" } */
void c(void) __attribute__((klp_object("a234567890123456789012345678901234567890123456789012345x"))); /* { dg-error "is 56 characters long: the kernel reads at most 55 .MODULE_NAME_LEN - 1." } */
void d(void) __attribute__((klp_object("fs/ext4"))); /* { dg-error "contains '/': a module name has only the characters \\\[A-Za-z0-9_-\\\]" } */
