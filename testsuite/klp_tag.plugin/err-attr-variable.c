// SPDX-License-Identifier: GPL-2.0-or-later
/* The attribute on a variable is an error. */
/* { dg-do assemble } */
int counter __attribute__((klp_object("vmlinux"))); /* { dg-error "'klp_object' attribute applies only to functions, not to variables or other declarations" } */
