// SPDX-License-Identifier: GPL-2.0-or-later
/* The attribute's argument must be a string. */
/* { dg-do assemble } */
void f(void) __attribute__((klp_object(42))); /* { dg-error "'klp_object' attribute of 'f' takes the object name as a string" } */
