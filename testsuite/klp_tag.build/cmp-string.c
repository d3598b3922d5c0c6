// SPDX-License-Identifier: GPL-2.0-or-later
/* A changed string constant: the function that prints it differs (its
   relocation leads to other bytes); the one printing an unchanged string,
   which moved in .rodata.str1.1, is the same. */
extern int printk(const char *fmt, ...);

int say_hello(int n)
{
#ifdef PATCHED
	return printk("hello, patched world %d\n", n);
#else
	return printk("hello %d\n", n);
#endif
}

int say_bye(int n)
{
	return printk("bye %d\n", n);
}
