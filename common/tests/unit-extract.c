// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of extract files (extract.h): the reader, its messages, the writer. */
#include <stdlib.h>

#include "extract.h"
#include "unit.h"

static const char good[] =
	"# written by hand\n"
	"\n"
	"klp-tag-extract 1\n"
	"keep meminfo_proc_show\n"
	"  carry\tshow_val_kb   \n"
	"   # a comment\n"
	"data meminfo_proc_show:__func__:1\n"
	"ref show show vmlinux 0 show\n"
	"ref seq_show:count:2 count.klp.1 ext4 3 count.7\n"
	"data new_var";

static const char *refused(const char *text)
{
	static char err[KLP_EXTRACT_ERRLEN];
	struct klp_extract x;

	if (klp_extract_parse(text, strlen(text), &x, err) == 0) {
		klp_extract_free(&x);
		return "(accepted)";
	}
	if (x.n || x.lines)
		return "(refused, but not left empty)";
	return err;
}

#define HEAD "klp-tag-extract 1\n"

int main(void)
{
	char err[KLP_EXTRACT_ERRLEN], *text = NULL, decl[64];
	const struct klp_extract_line *l;
	struct klp_extract x, again;
	struct klp_extract_line bad;
	size_t len = 0, i;
	FILE *out;

	UNIT_CHECK("good file parses", klp_extract_parse(good, strlen(good), &x, err) == 0 &&
				       x.n == 6);
	l = klp_extract_find(&x, "meminfo_proc_show", NULL, 0);
	UNIT_CHECK("keep", l && l->kind == KLP_EXTRACT_KEEP && l->line == 4);
	l = klp_extract_find(&x, "show_val_kb", NULL, 0);
	UNIT_CHECK("carry, blanks around", l && l->kind == KLP_EXTRACT_CARRY && l->line == 5);
	l = klp_extract_find(&x, "__func__", "meminfo_proc_show", 1);
	UNIT_CHECK("local data", l && l->kind == KLP_EXTRACT_DATA);
	l = klp_extract_find(&x, "count", "seq_show", 2);
	UNIT_CHECK("local ref", l && l->kind == KLP_EXTRACT_REF && l->position == 3 &&
				strcmp(l->object, "ext4") == 0 &&
				strcmp(l->ref_symbol, "count.klp.1") == 0 &&
				strcmp(l->kernel_symbol, "count.7") == 0);
	UNIT_CHECK("no final newline", klp_extract_find(&x, "new_var", NULL, 0) != NULL);
	UNIT_CHECK("other ordinal absent", !klp_extract_find(&x, "count", "seq_show", 1) &&
					   !klp_extract_find(&x, "count", NULL, 0));
	UNIT_CHECK("decl text", klp_extract_decl_text(decl, sizeof(decl), &x.lines[4].decl) == 16 &&
				strcmp(decl, "seq_show:count:2") == 0);

	out = open_memstream(&text, &len);
	klp_extract_write_header(out, "made by\nklp-tag-build");
	for (i = 0; i < x.n; i++)
		klp_extract_write_line(out, &x.lines[i]);
	fclose(out);
	UNIT_CHECK_STR("writer", text,
		       "klp-tag-extract 1\n# made by\n# klp-tag-build\nkeep meminfo_proc_show\n"
		       "carry show_val_kb\ndata meminfo_proc_show:__func__:1\n"
		       "ref show show vmlinux 0 show\n"
		       "ref seq_show:count:2 count.klp.1 ext4 3 count.7\ndata new_var\n");
	UNIT_CHECK("written file parses back", klp_extract_parse(text, len, &again, err) == 0 &&
					       again.n == x.n &&
					       again.lines[4].position == 3);
	klp_extract_free(&again);
	free(text);

	out = fopen("/dev/null", "w");
	bad = x.lines[4];
	bad.kind = KLP_EXTRACT_KEEP;
	UNIT_CHECK("writer refuses a local keep", klp_extract_write_line(out, &bad) == -1);
	bad = x.lines[4];
	bad.object[0] = '-';
	UNIT_CHECK("writer refuses a bad object", klp_extract_write_line(out, &bad) == -1);
	bad = x.lines[4];
	bad.ref_symbol = "a b";
	UNIT_CHECK("writer refuses a bad symbol", klp_extract_write_line(out, &bad) == -1);
	fclose(out);
	klp_extract_free(&x);

	UNIT_CHECK_STR("empty", refused("# nothing\n\n"),
		       "line 3: no 'klp-tag-extract 1' header: the file is empty");
	UNIT_CHECK_STR("no header", refused("keep f\n"),
		       "line 1: not an extract file: the first line must be 'klp-tag-extract 1'");
	UNIT_CHECK_STR("version", refused("klp-tag-extract 2\n"),
		       "line 1: extract file version '2'; this klp-tag reads version 1");
	UNIT_CHECK_STR("unknown line", refused(HEAD "kept f\n"),
		       "line 2: unknown line 'kept': an extract file has keep, carry, data and ref "
		       "lines");
	UNIT_CHECK_STR("fields", refused(HEAD "keep f g\n"),
		       "line 2: expected 'keep CNAME', found 3 fields");
	UNIT_CHECK_STR("ref fields", refused(HEAD "ref f f vmlinux 0\n"),
		       "line 2: expected 'ref DECL REFSYMBOL OBJECT POSITION KERNELSYMBOL', found "
		       "5 fields");
	UNIT_CHECK_STR("too many", refused(HEAD "ref a b c d e f g h i\n"),
		       "line 2: more fields than any line has");
	UNIT_CHECK_STR("control byte", refused(HEAD "keep f\r\n"),
		       "line 2: a byte that is no printable ASCII (fields are separated by spaces "
		       "or tabs)");
	UNIT_CHECK_STR("keep identifier", refused(HEAD "keep f.isra.0\n"),
		       "line 2: 'f.isra.0' is not a C identifier");
	UNIT_CHECK_STR("keep local", refused(HEAD "keep f:x:1\n"),
		       "line 2: 'f:x:1': keep and carry name functions, which are never local "
		       "(no FUNC:CNAME:N)");
	UNIT_CHECK_STR("decl ordinal 0", refused(HEAD "data f:x:0\n"),
		       "line 2: 'f:x:0' is no declaration: CNAME, or FUNC:CNAME:N for the Nth "
		       "variable CNAME local to function FUNC (N from 1)");
	UNIT_CHECK_STR("decl two parts", refused(HEAD "data f:x\n"),
		       "line 2: 'f:x' is no declaration: CNAME, or FUNC:CNAME:N for the Nth "
		       "variable CNAME local to function FUNC (N from 1)");
	UNIT_CHECK_STR("decl too many digits", refused(HEAD "data f:x:1234567890\n"),
		       "line 2: 'f:x:1234567890' is no declaration: CNAME, or FUNC:CNAME:N for the "
		       "Nth variable CNAME local to function FUNC (N from 1)");
	UNIT_CHECK_STR("refsymbol", refused(HEAD "ref f .f vmlinux 0 f\n"),
		       "line 2: REFSYMBOL '.f' is no symbol name ([A-Za-z0-9_.], not starting with "
		       "a digit or '.', at most 511 bytes)");
	UNIT_CHECK_STR("kernel symbol", refused(HEAD "ref f f vmlinux 0 f,1\n"),
		       "line 2: KERNELSYMBOL 'f,1' is no symbol name ([A-Za-z0-9_.], not starting "
		       "with a digit or '.', at most 511 bytes)");
	UNIT_CHECK_STR("object with dash", refused(HEAD "ref f f my-mod 0 f\n"),
		       "line 2: object name 'my-mod' holds '-': the kernel compares it with "
		       "strcmp() to the loaded module's name, in which kbuild has made every '-' "
		       "a '_', so write 'my_mod'");
	UNIT_CHECK_STR("position", refused(HEAD "ref f f vmlinux 1234567890 f\n"),
		       "line 2: POSITION '1234567890' is no decimal number (at most 9 digits, no "
		       "leading zero): it counts the symbols of that name in kallsyms order from 1 "
		       "(0: the name is unique)");
	UNIT_CHECK_STR("position leading zero", refused(HEAD "ref f f vmlinux 01 f\n"),
		       "line 2: POSITION '01' is no decimal number (at most 9 digits, no leading "
		       "zero): it counts the symbols of that name in kallsyms order from 1 (0: the "
		       "name is unique)");
	UNIT_CHECK_STR("ordinal leading zero", refused(HEAD "data f:x:01\n"),
		       "line 2: 'f:x:01' is no declaration: CNAME, or FUNC:CNAME:N for the Nth "
		       "variable CNAME local to function FUNC (N from 1)");
	UNIT_CHECK_STR("same decl twice", refused(HEAD "keep f\n# x\ndata f\n"),
		       "line 4: 'f' is declared again (line 2 has it already): one line per "
		       "declaration");
	UNIT_CHECK_STR("same local twice", refused(HEAD "data f:x:1\nref f:x:1 x.1 vmlinux 0 x.1\n"),
		       "line 3: 'f:x:1' is declared again (line 2 has it already): one line per "
		       "declaration");
	UNIT_CHECK_STR("refsymbol twice", refused(HEAD "ref f:x:1 x.1 vmlinux 0 x.1\n"
						  "ref g:x:1 x.1 vmlinux 0 x.2\n"),
		       "line 3: REFSYMBOL 'x.1' is also the one of line 2: each REFSYMBOL stands "
		       "for one kernel symbol");
	UNIT_CHECK("other locals of one name", refused(HEAD "data f:x:1\ndata f:x:2\ndata g:x:1\n"
						       "data x\n")[0] == '(');
	UNIT_CHECK_STR("kind names", klp_extract_kind_name(KLP_EXTRACT_CARRY), "carry");
	return unit_failures ? 1 : 0;
}
