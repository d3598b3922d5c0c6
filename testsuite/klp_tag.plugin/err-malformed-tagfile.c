// SPDX-License-Identifier: GPL-2.0-or-later
/* Each malformed tag line is an error with file:line. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-tags=@SRCDIR@/malformed.tags" } */
/* { dg-error "malformed.tags:4: malformed tag line: expected 'FUNCTION OBJECT' or 'symbol NAME OBJECT .POSITION.', found 1 field" "" { target *-*-* } 0 } */
/* { dg-error "malformed.tags:5: malformed tag line: expected 'FUNCTION OBJECT' or 'symbol NAME OBJECT .POSITION.', found 4 fields" "" { target *-*-* } 0 } */
/* { dg-error "malformed.tags:6: malformed tag line: '9lives' is not a C identifier" "" { target *-*-* } 0 } */
/* { dg-error "malformed.tags:7: malformed tag line: object name 'ext4.ko' contains '.'" "" { target *-*-* } 0 } */
void f(void) { }
