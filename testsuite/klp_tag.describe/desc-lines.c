// SPDX-License-Identifier: GPL-2.0-or-later
/* fn lines: from the line of the function's name to its closing brace, in
   the file of its definition; a function a macro defines at the macro's
   line; every function with a body, also those never emitted. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-klp_tag-describe" } */
#include "desc-lines.h"

extern int ext(int);

static int
kernel_style(int x)
{
	return header_helper(x) + ext(x);
}

#define DEFINE_GETTER(name, value) \
	int get_##name(void) { return ext(value); }
DEFINE_GETTER(one, 1)
DEFINE_GETTER(two, 2)

static int unused_static(int x)
{
	return x;
}

int user(int x) { return kernel_style(x); }
/* { dg-final { same-object-without-plugin } } */
/* { dg-final { describe-valid } } */
/* { dg-final { describe-match {^fn kernel_style \S+desc-lines\.c 12 15$} } } */
/* { dg-final { describe-match {^fn header_helper \S+desc-lines\.h 3 6$} } } */
/* { dg-final { describe-match {^fn get_one \S+desc-lines\.c 19 19$} } } */
/* { dg-final { describe-match {^fn get_two \S+desc-lines\.c 20 20$} } } */
/* { dg-final { describe-match {^fn unused_static \S+desc-lines\.c 22 25$} } } */
/* { dg-final { describe-line "inl user header_helper kernel_style" } } */
