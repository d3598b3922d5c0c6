// SPDX-License-Identifier: GPL-2.0-or-later
/* An alias symbol names the code of the function it aliases (kind alias),
   as SYSCALL_DEFINE's sys_foo does; a weak function is a plain symbol. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-klp_tag-describe" } */
extern int ext(int);

long __se_sys_foo(long a)
{
	return ext((int)a);
}
long sys_foo(long a) __attribute__((alias("__se_sys_foo")));

static int local_target(int x)
{
	return ext(x) * 2;
}
int public_name(int x) __attribute__((alias("local_target")));

int __attribute__((weak)) weak_fn(int x)
{
	return ext(x + 1);
}
/* { dg-final { same-object-without-plugin } } */
/* { dg-final { describe-valid } } */
/* { dg-final { describe-line "sym sys_foo __se_sys_foo alias" } } */
/* { dg-final { describe-line "sym __se_sys_foo __se_sys_foo plain" } } */
/* { dg-final { describe-line "sym public_name local_target alias" } } */
/* { dg-final { describe-line "sym local_target local_target plain" } } */
/* { dg-final { describe-line "sym weak_fn weak_fn plain" } } */
