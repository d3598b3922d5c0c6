/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Static functions of a header, as the kernel's static inline ones GCC
   does not inline: every unit that calls one has its own copy. */
extern int ext(int);

static __attribute__((noinline, unused)) int header_carried(int x)
{
	return ext(x) + 10;
}

static __attribute__((noinline, unused)) int header_referenced(int x)
{
	return ext(x) + 20;
}

static inline int header_unused(int x)
{
	return x + 30;
}
