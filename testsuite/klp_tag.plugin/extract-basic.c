// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract mode: the object defines what the extract file keeps and
   carries, with the code of a normal compile (a static function the
   kernel has a symbol for still inlined where it was, static constants
   still folded); every other function and variable is a reference to the
   running kernel's, by its name or by a ref line's; file-scope asm,
   initcalls, export tables, .modinfo and __param entries vanish. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/extract-basic.extract -fplugin-arg-klp_tag-abi=none" } */
extern int ext(int);

asm(".pushsection .discard.extract_test\n.byte 1\n.popsection");

static const int table[4] = { 1, 2, 3, 4 };
static int counter;
int shared_var = 5;

static int helper(int x)
{
	return ext(x) * table[2] + counter;
}

/* The kernel has it (its address is taken), and inlines it where it is called. */
static inline int small(int x)
{
	return ext(x + 3) - 1;
}
int (*small_ptr)(int) = small;

static int __attribute__((noinline)) big(int x)
{
	int s = 0;

	for (int i = 0; i < x; i++)
		s += ext(i) * ext(i + x);
	return s;
}

static int __attribute__((section(".init.text"))) initfn(void)
{
	return ext(0) + big(1);
}
static int (*initcall)(void) __attribute__((used, section(".initcall6.init"))) = initfn;
static const char modinfo[] __attribute__((used, section(".modinfo"), aligned(1))) =
	"license=GPL";

int kept(int x);
struct kernel_symbol { unsigned long value; const char *name; };
static const char kstrtab_kept[] __attribute__((section("__ksymtab_strings"))) = "kept";
static const struct kernel_symbol ksymtab_kept __attribute__((used, section("___ksymtab+kept"))) =
	{ (unsigned long)&kept, kstrtab_kept };
struct kernel_param { const char *name; int *arg; };
static int param_value;
static const struct kernel_param param_p __attribute__((used, section("__param"))) =
	{ "value", &param_value };

int kept(int x)
{
	counter++;
	return helper(x) + small(x) + big(x) + table[x & 3] + shared_var;
}
/* { dg-final { nm-defines kept counter } } */
/* { dg-final { nm-defines-only kept counter helper } } */
/* { dg-final { nm-undefined big shared_var table.klp } } */
/* { dg-final { nm-absent table small_ptr initfn initcall modinfo ksymtab_kept kstrtab_kept param_p param_value } } */
/* { dg-final { section-absent .initcall6.init } } */
/* { dg-final { section-absent .modinfo } } */
/* { dg-final { section-absent ___ksymtab+kept } } */
/* { dg-final { section-absent __param } } */
/* { dg-final { section-absent .discard.extract_test } } */
/* { dg-final { section-absent .init.text } } */
/* { dg-final { same-code-without-extract kept } } */
/* { dg-final { map-symbol big vmlinux 0 extract } } */
/* { dg-final { map-alias table.klp vmlinux 2 table } } */
/* { dg-final { map-symbol ext vmlinux 0 extract } } */
/* { dg-final { map-no-symbol shared_var } } */
