// SPDX-License-Identifier: GPL-2.0-or-later
/* klp_symbol's errors decided once the unit is done: a tag line that
   disagrees with the attribute, two tag lines that disagree, a klp_symbol
   on something the unit defines (an error) and a tag line for it (a
   warning: it has no effect). */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/symbols-bad.tags -fplugin-arg-klp_tag-abi=klp-arch" } */

extern int __attribute__((klp_symbol("vmlinux"))) clash_sym; /* { dg-error "'clash_sym' is declared to live in object 'vmlinux' at position 0 by its klp_symbol attribute but in 'ext4' at position 0 by tag file .*symbols-bad.tags:2" } */
extern int twice; /* { dg-error "'twice' is placed in object 'vmlinux' at position 1 by .*symbols-bad.tags:3 but in 'vmlinux' at position 2 by .*symbols-bad.tags:4" } */
int __attribute__((klp_symbol("vmlinux"))) mine = 1; /* { dg-error "'mine' is declared with 'klp_symbol' to live in object 'vmlinux', but this unit defines it" } */
int defined_here(void) { return 0; } /* { dg-warning "tag file .*symbols-bad.tags:5 places 'defined_here' in object 'vmlinux', but this unit defines it: the line has no effect here" } */

int use(void) { return clash_sym + twice + mine + defined_here(); }
