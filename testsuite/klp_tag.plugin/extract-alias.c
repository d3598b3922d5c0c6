// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract mode and aliases: an alias of a kept function stays (as
   SYSCALL_DEFINE's sys_foo of __se_sys_foo); an alias of a function the
   module does not keep is a reference to the kernel's alias, inlined
   through where the normal compile inlined it; keeping an alias keeps the
   function whose code it names. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/extract-alias.extract -fplugin-arg-klp_tag-abi=none" } */
extern int ext(int);

long __se_sys_foo(long a)
{
	return ext((int)a) + 1;
}
long sys_foo(long a) __attribute__((alias("__se_sys_foo")));

long __attribute__((noinline)) __se_sys_bar(long a)
{
	return ext((int)a) + 2;
}
long sys_bar(long a) __attribute__((alias("__se_sys_bar")));

static int impl(int x)
{
	return ext(x) * 2;
}
int named_alias(int x) __attribute__((alias("impl")));

static int other_impl(int x)
{
	return ext(x) * 3;
}
int other_alias(int x) __attribute__((alias("other_impl")));

long caller(long a)
{
	return sys_bar(a) + other_alias((int)a);
}
/* { dg-final { nm-defines __se_sys_foo sys_foo impl named_alias caller } } */
/* { dg-final { nm-defines-only __se_sys_foo sys_foo impl named_alias caller } } */
/* { dg-final { nm-undefined sys_bar } } */
/* { dg-final { nm-absent __se_sys_bar other_impl } } */
/* { dg-final { same-code-without-extract __se_sys_foo impl caller } } */
