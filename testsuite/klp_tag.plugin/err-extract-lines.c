// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract lines that name nothing this unit declares are errors, each
   naming its line and what the unit has instead. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/err-extract-lines.extract -fplugin-arg-klp_tag-abi=none" } */
/* { dg-error "extract file '\[^'\]*err-extract-lines.extract', line 2: 'keep nope': this unit defines no function 'nope'" "" { target *-*-* } 0 } */
/* { dg-error "line 3: 'carry a_var': this unit defines no function 'a_var' \\(it is a variable, which a data line keeps\\)" "" { target *-*-* } 0 } */
/* { dg-error "line 4: 'data f': this unit defines no variable 'f' \\(it is a function, which a keep or carry line keeps\\)" "" { target *-*-* } 0 } */
/* { dg-error "line 5: 'data f:x:2': function 'f' has 1 static variable called 'x'" "" { target *-*-* } 0 } */
/* { dg-error "line 6: 'data g:x:1': this unit defines no function 'g'" "" { target *-*-* } 0 } */
/* { dg-error "line 7: 'ref nothing': this unit declares no function or variable 'nothing'" "" { target *-*-* } 0 } */
/* { dg-error "line 8: 'keep declared_only': this unit defines no function 'declared_only'" "" { target *-*-* } 0 } */
int a_var;
extern int declared_only(int);

int f(int a)
{
	static int x;
	return x++ + a + declared_only(a);
}
