// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the asm directive rewriter (asm_rewrite.h). */
#include <stdlib.h>

#include "asm_rewrite.h"
#include "unit.h"

/* Rewrite IN for OBJECT; "" when nothing was renamed. */
static char result[4096];
static const char *rewrite(const char *in, const char *object, unsigned *count)
{
	size_t len;
	char *out = klp_asm_rewrite_sections(in, strlen(in), object, &len, count);

	if (!out)
		return "";
	snprintf(result, sizeof(result), "%s", out);
	free(out);
	return result;
}

/* Templates in which nothing may be renamed. */
static const struct {
	const char *name, *in;
} untouched[] = {
	{ "altinstr_replacement untouched", ".pushsection .altinstr_replacement, \"ax\"\n" },
	{ "longer name untouched",
	  ".pushsection .altinstructions_foo,\"a\"\n.section .altinstructions.x\n" },
	{ "# comment untouched", "nop # .pushsection .altinstructions,\"a\"\n" },
	{ "; inside # comment does not split", "nop # x; .pushsection .altinstructions\n" },
	{ "C comment untouched", "/* .section .altinstructions */ nop\n" },
	{ "string operand untouched", ".ascii \".section .altinstructions\"\n" },
	{ "; in a string does not split", ".ascii \"a; .section .altinstructions\"\n" },
	{ "other directive with the name as operand",
	  ".set x, .altinstructions\n.popsection .altinstructions\n" },
	{ "already renamed: idempotent", ".pushsection .klp.arch.m..altinstructions,\"a\"\n" },
	{ "empty template", "" },
	{ "unterminated string and comment do not overrun", ".ascii \"abc\\" },
	{ "unterminated C comment", "/* .section .altinstructions" },
};

/* Templates renamed for object "m": what gas accepts around the name. */
static const struct {
	const char *name, *in, *want;
} renamed[] = {
	{ "no flags at all", ".section .altinstructions\n", ".section .klp.arch.m..altinstructions\n" },
	{ "upper-case directive (gas ignores case)", ".PUSHSECTION .altinstructions,\"a\"",
	  ".PUSHSECTION .klp.arch.m..altinstructions,\"a\"" },
	{ "label before directive", "662: .pushsection .altinstructions,\"a\"",
	  "662: .pushsection .klp.arch.m..altinstructions,\"a\"" },
	{ "comment after the name kept", ".section .altinstructions # entries\n",
	  ".section .klp.arch.m..altinstructions # entries\n" },
	{ "no trailing newline", ".pushsection .altinstructions",
	  ".pushsection .klp.arch.m..altinstructions" },
};

int main(void)
{
	size_t k;
	unsigned n;
	struct klp_asm_summary s;

	/* The spellings of the kernel's own headers (docs/kernel-abi.md, section 7). */
	UNIT_CHECK_STR("C alternative.h pushsection",
		       rewrite(".pushsection .altinstructions,\"a\"\n .long 661b - .\n.popsection\n",
			       "vmlinux", &n),
		       ".pushsection .klp.arch.vmlinux..altinstructions,\"a\"\n .long 661b - .\n.popsection\n");
	UNIT_CHECK("one name renamed", n == 1);
	UNIT_CHECK_STR("cpufeature.h .section/.previous",
		       rewrite("1: jmp 6f\n.section .altinstructions,\"a\"\n .long 1b - .\n.previous\n"
			       ".section .altinstr_aux,\"ax\"\n6: testb %[bitnum],%P[cap_byte]\n.previous\n",
			       "ext4", &n),
		       "1: jmp 6f\n.section .klp.arch.ext4..altinstructions,\"a\"\n .long 1b - .\n.previous\n"
		       ".section .altinstr_aux,\"ax\"\n6: testb %[bitnum],%P[cap_byte]\n.previous\n");
	UNIT_CHECK_STR("paravirt.h ;-separated site",
		       rewrite("771: call *pv_ops+8; 772: .pushsection .parainstructions,\"a\"; .balign 8; "
			       ".quad 771b; .byte 3; .byte 772b-771b; .short 1; .popsection",
			       "vmlinux", &n),
		       "771: call *pv_ops+8; 772: .pushsection .klp.arch.vmlinux..parainstructions,\"a\"; "
		       ".balign 8; .quad 771b; .byte 3; .byte 772b-771b; .short 1; .popsection");
	UNIT_CHECK_STR("quoted name, tab, spaces",
		       rewrite("\t.pushsection\t\".parainstructions\" , \"a\"\n", "mod", &n),
		       "\t.pushsection\t\".klp.arch.mod..parainstructions\" , \"a\"\n");
	UNIT_CHECK_STR("both kinds in one asm (6.1 PVOP_ALT)",
		       rewrite(".pushsection .parainstructions,\"a\"\n.popsection\n"
			       ".pushsection .altinstructions,\"a\"\n.popsection\n", "vmlinux", &n),
		       ".pushsection .klp.arch.vmlinux..parainstructions,\"a\"\n.popsection\n"
		       ".pushsection .klp.arch.vmlinux..altinstructions,\"a\"\n.popsection\n");
	UNIT_CHECK("two names renamed", n == 2);

	for (k = 0; k < sizeof(renamed) / sizeof(renamed[0]); k++)
		UNIT_CHECK_STR(renamed[k].name, rewrite(renamed[k].in, "m", &n), renamed[k].want);
	/* What must stay as it is. */
	for (k = 0; k < sizeof(untouched) / sizeof(untouched[0]); k++)
		UNIT_CHECK_STR(untouched[k].name, rewrite(untouched[k].in, "m", &n), "");

	klp_asm_summarise(".pushsection __jump_table, \"aw\"\n.popsection\n"
			  ".pushsection .altinstructions,\"a\"\n.section .klp.arch.x..parainstructions\n",
			  strlen(".pushsection __jump_table, \"aw\"\n.popsection\n"
				 ".pushsection .altinstructions,\"a\"\n.section .klp.arch.x..parainstructions\n"),
			  &s);
	UNIT_CHECK("summary counts jump table", s.jump_table == 1);
	UNIT_CHECK("summary counts altinstructions", s.altinstructions == 1);
	UNIT_CHECK("summary counts klp.arch", s.klp_arch == 1 && s.parainstructions == 0);
	return unit_failures ? 1 : 0;
}
