// SPDX-License-Identifier: GPL-2.0-or-later
/* The attribute on a type is an error. */
/* { dg-do assemble } */
struct __attribute__((klp_object("vmlinux"))) s { int x; }; /* { dg-error "'klp_object' attribute applies only to functions, not to types" } */
