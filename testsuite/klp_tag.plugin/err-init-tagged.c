// SPDX-License-Identifier: GPL-2.0-or-later
/* An explicit tag on __init code is an error: its entries would be applied after it is freed. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-abi=klp-arch" } */
__attribute__((section(".init.text"), klp_object("vmlinux"))) int setup(void) { return 0; } /* { dg-error "'setup' is tagged for object 'vmlinux' but is __init code .section '.init.text'.: its entries would be applied when the object loads, after that code is freed; remove the tag" } */
__attribute__((section(".exit.text"), klp_object("ext4"))) void teardown(void) { } /* { dg-error "'teardown' is tagged for object 'ext4' but is __exit code .section '.exit.text'." } */
