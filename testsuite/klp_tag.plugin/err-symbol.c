// SPDX-License-Identifier: GPL-2.0-or-later
/* klp_symbol's errors while parsing: each names the rule and the spelling
   that works (err-symbol-resolve.c: those decided once the unit is done). */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-abi=klp-arch" } */

typedef int __attribute__((klp_symbol("vmlinux"))) sym_type; /* { dg-error "'klp_symbol' attribute applies to the declaration of a function or variable another object defines, not to other declarations" } */
extern int __attribute__((klp_symbol(7))) bad_arg; /* { dg-error "'klp_symbol' attribute of 'bad_arg' takes the object name as a string" } */
extern int __attribute__((klp_symbol("vmlinux", -1))) bad_pos; /* { dg-error "'klp_symbol' attribute of 'bad_pos' takes the object name as a string and optionally its position" } */
extern int __attribute__((klp_symbol("ext4.ko"))) bad_obj; /* { dg-error "klp_symbol attribute: object name 'ext4.ko' contains '.'" } */
extern int __attribute__((klp_symbol("vmlinux"), klp_object("vmlinux"))) both(void); /* { dg-error "'both' has both 'klp_object' \\(which object a definition of the patch belongs to\\) and 'klp_symbol'" } */
extern int __attribute__((klp_symbol("vmlinux", 1))) moved; /* { dg-message "earlier declaration with klp_symbol\\('vmlinux', 1\\)" } */
extern int __attribute__((klp_symbol("vmlinux", 2))) moved; /* { dg-error "'moved' is declared to live in object 'vmlinux' at position 2 here but in 'vmlinux' at position 1 by an earlier declaration" } */
int use(void) { return bad_pos + bad_obj + moved; }
