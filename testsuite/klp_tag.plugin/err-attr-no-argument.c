// SPDX-License-Identifier: GPL-2.0-or-later
/* The attribute needs its object name. */
/* { dg-do assemble } */
void f(void) __attribute__((klp_object)); /* { dg-error "wrong number of arguments specified for 'klp_object' attribute" } */
void g(void) __attribute__((klp_object("a", "b"))); /* { dg-error "wrong number of arguments specified for 'klp_object' attribute" } */
/* { dg-message "note: expected between 1 and 1, found 0" "" { target *-*-* } 4 } */
/* { dg-message "note: expected between 1 and 1, found 2" "" { target *-*-* } 5 } */
