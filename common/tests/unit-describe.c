// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of describe files (describe.h): the reader, its messages, the writer. */
#include <stdlib.h>

#include "describe.h"
#include "unit.h"

static const char good[] =
	"klp-tag-describe 1\n"
	"source fs/proc/meminfo.c\n"
	"fn show_val_kb fs/proc/meminfo.c 26 30\n"
	"fn meminfo_proc_show fs/proc/meminfo.c 32 156\n"
	"sym meminfo_proc_show meminfo_proc_show plain\n"
	"inl meminfo_proc_show show_val_kb si_meminfo\n"
	"sym foo.isra.0 foo isra\n"
	"sym sys_foo __se_sys_foo alias\n"
	"var count.7 count show 2\n"
	"type struct.seq_file 136 00ff00ff12345678\n"
	"type typedef.pgd_t 8 0000000000000001\n";

/* The message for TEXT, which must be refused. */
static const char *refused(const char *text)
{
	static char err[KLP_DESCRIBE_ERRLEN];
	struct klp_describe d;

	if (klp_describe_parse(text, strlen(text), &d, err) == 0) {
		klp_describe_free(&d);
		return "(accepted)";
	}
	if (d.nsyms || d.nfns || d.nvars || d.ntypes || d.source)
		return "(refused, but not left empty)";
	return err;
}

#define HEAD "klp-tag-describe 1\nsource a.c\n"

int main(void)
{
	char err[KLP_DESCRIBE_ERRLEN], *text = NULL;
	const struct klp_describe_sym *s;
	const struct klp_describe_var *v;
	const struct klp_describe_type *t;
	const struct klp_describe_fn *f;
	const char *names[] = { "a", "b" }, *unsorted[] = { "b", "a" };
	struct klp_describe d, again;
	size_t len = 0, i;
	FILE *out;

	UNIT_CHECK("good file parses", klp_describe_parse(good, strlen(good), &d, err) == 0);
	UNIT_CHECK_STR("source", d.source, "fs/proc/meminfo.c");
	f = klp_describe_find_fn(&d, "meminfo_proc_show");
	UNIT_CHECK("fn found with its lines", f && f->first == 32 && f->last == 156 &&
					       strcmp(f->file, "fs/proc/meminfo.c") == 0);
	s = klp_describe_find_sym(&d, "meminfo_proc_show");
	UNIT_CHECK("inl names sorted", s && s->ninlined == 2 &&
				       strcmp(s->inlined[0], "show_val_kb") == 0 &&
				       strcmp(s->inlined[1], "si_meminfo") == 0);
	s = klp_describe_find_sym(&d, "foo.isra.0");
	UNIT_CHECK("clone with origin and kind", s && s->kind == KLP_SYM_ISRA &&
						 strcmp(s->cname, "foo") == 0 && s->ninlined == 0);
	s = klp_describe_find_sym(&d, "sys_foo");
	UNIT_CHECK("alias kind", s && s->kind == KLP_SYM_ALIAS);
	v = klp_describe_find_var(&d, "count.7");
	UNIT_CHECK("var", v && v->ordinal == 2 && strcmp(v->context, "show") == 0);
	t = klp_describe_find_type(&d, "struct.seq_file");
	UNIT_CHECK("type", t && t->size == 136 && strcmp(t->layout, "00ff00ff12345678") == 0 &&
			   klp_describe_find_type(&d, "typedef.pgd_t") &&
			   !klp_describe_find_type(&d, "union.seq_file"));
	UNIT_CHECK("absent lookups", !klp_describe_find_sym(&d, "nope") &&
				     !klp_describe_find_fn(&d, "foo") &&
				     !klp_describe_find_var(&d, "count"));

	/* What the writer makes of it parses back to the same. */
	out = open_memstream(&text, &len);
	klp_describe_write_header(out, d.source);
	for (i = 0; i < d.nfns; i++)
		klp_describe_write_fn(out, d.fns[i].cname, d.fns[i].file, d.fns[i].first,
				      d.fns[i].last);
	for (i = 0; i < d.nsyms; i++) {
		klp_describe_write_sym(out, d.syms[i].symbol, d.syms[i].cname, d.syms[i].kind);
		if (d.syms[i].ninlined)
			klp_describe_write_inl(out, d.syms[i].symbol,
					       (const char *const *)d.syms[i].inlined,
					       d.syms[i].ninlined);
	}
	for (i = 0; i < d.nvars; i++)
		klp_describe_write_var(out, d.vars[i].symbol, d.vars[i].cname, d.vars[i].context,
				       d.vars[i].ordinal);
	for (i = 0; i < d.ntypes; i++)
		klp_describe_write_type_record(out, &d.types[i]);
	fclose(out);
	UNIT_CHECK_STR("written back byte for byte", text, good);
	UNIT_CHECK("and parses", klp_describe_parse(text, len, &again, err) == 0 &&
				 again.nsyms == d.nsyms);
	klp_describe_free(&again);
	free(text);
	klp_describe_free(&d);

	out = fopen("/dev/null", "w");
	UNIT_CHECK("writer refuses a blank in a field",
		   klp_describe_write_header(out, "my file.c") == -1 &&
		   klp_describe_write_fn(out, "f", "a b.c", 1, 2) == -1);
	UNIT_CHECK("writer refuses a name that is no identifier",
		   klp_describe_write_sym(out, "f.part.0", "f.part", KLP_SYM_PART) == -1);
	UNIT_CHECK("writer refuses another kind of type or a name that is no identifier",
		   klp_describe_write_type(out, "enum", "e", 4, 0) == -1 &&
		   klp_describe_write_type(out, "struct", "a.b", 4, 0) == -1 &&
		   klp_describe_write_type(out, "union", "u", 4, 0) == 0);
	UNIT_CHECK("writer refuses FIRST > LAST and ordinal 0",
		   klp_describe_write_fn(out, "f", "a.c", 3, 2) == -1 &&
		   klp_describe_write_var(out, "x.1", "x", "f", 0) == -1);
	UNIT_CHECK("writer refuses unsorted inl names",
		   klp_describe_write_inl(out, "f", unsorted, 2) == -1 &&
		   klp_describe_write_inl(out, "f", names, 2) == 0);
	fclose(out);

	UNIT_CHECK("clone kinds by suffix",
		   klp_sym_kind_of_clone("foo.constprop.0") == KLP_SYM_CONSTPROP &&
		   klp_sym_kind_of_clone("foo.isra.12") == KLP_SYM_ISRA &&
		   klp_sym_kind_of_clone("foo.constprop.0.part.3") == KLP_SYM_PART &&
		   klp_sym_kind_of_clone("foo.specialized.1") == KLP_SYM_CLONE &&
		   klp_sym_kind_of_clone("foo") == KLP_SYM_PLAIN &&
		   klp_sym_kind_of_clone("foo.1") == KLP_SYM_PLAIN &&
		   klp_sym_kind_of_clone(".isra.1") == KLP_SYM_PLAIN &&
		   klp_sym_kind_of_clone("foo..1") == KLP_SYM_PLAIN &&
		   klp_sym_kind_of_clone("foo.isra.") == KLP_SYM_PLAIN);
	UNIT_CHECK("the cold part's function",
		   klp_cold_parent_len("foo.cold") == 3 && klp_cold_parent_len("foo.cold.12") == 3 &&
		   klp_cold_parent_len("f.part.0.cold") == 8 &&
		   klp_cold_parent_len("f.cold.cold") == 6 &&
		   klp_cold_parent_len("foo") == 0 && klp_cold_parent_len(".cold") == 0 &&
		   klp_cold_parent_len("foo.cold.") == 0 && klp_cold_parent_len("foo.colder") == 0 &&
		   klp_cold_parent_len("foo.cold1") == 0 && klp_cold_parent_len("foo.1") == 0 &&
		   klp_cold_parent_len("1") == 0 && klp_cold_parent_len("") == 0);
	UNIT_CHECK_STR("kind names", klp_sym_kind_name(KLP_SYM_CONSTPROP), "constprop");
	UNIT_CHECK("kind name out of range", klp_sym_kind_name((enum klp_sym_kind)99) == NULL);

	/* Every refusal, with its message. */
	UNIT_CHECK_STR("empty", refused(""),
		       "line 1: empty: a describe file starts with 'klp-tag-describe 1'");
	UNIT_CHECK_STR("not a describe file", refused("klp-tag-extract 1\n"),
		       "line 1: not a describe file: the first line must be 'klp-tag-describe 1'");
	UNIT_CHECK_STR("other version", refused("klp-tag-describe 2\nsource a.c\n"),
		       "line 1: describe file version '2'; this klp-tag reads version 1");
	UNIT_CHECK_STR("no source line", refused("klp-tag-describe 1\n"),
		       "line 2: no 'source PATH' line");
	UNIT_CHECK_STR("source line missing", refused("klp-tag-describe 1\nfn f a.c 1 2\n"),
		       "line 2: expected 'source PATH' as the second line");
	UNIT_CHECK_STR("cut short", refused(HEAD "fn f a.c 1 2"),
		       "line 3: the last line has no newline: the file was cut short");
	UNIT_CHECK_STR("empty line", refused(HEAD "\n"), "line 3: an empty line");
	UNIT_CHECK_STR("two spaces", refused(HEAD "fn f  a.c 1 2\n"),
		       "line 3: an empty field (fields are separated by one space)");
	UNIT_CHECK_STR("trailing space", refused(HEAD "fn f a.c 1 2 \n"),
		       "line 3: an empty field (fields are separated by one space)");
	UNIT_CHECK_STR("tab", refused(HEAD "fn\tf a.c 1 2\n"),
		       "line 3: byte \\x09 in a field: fields are printable ASCII without blanks");
	UNIT_CHECK_STR("CR", refused(HEAD "fn f a.c 1 2\r\n"),
		       "line 3: byte \\x0d in a field: fields are printable ASCII without blanks");
	UNIT_CHECK_STR("unknown record", refused(HEAD "func f a.c 1 2\n"),
		       "line 3: unknown record 'func': a describe file has fn, sym, inl, var and "
		       "type lines after its header");
	UNIT_CHECK_STR("fn fields", refused(HEAD "fn f a.c 1\n"),
		       "line 3: expected 'fn CNAME FILE FIRST LAST', found 4 fields");
	UNIT_CHECK_STR("fn name", refused(HEAD "fn 1f a.c 1 2\n"),
		       "line 3: CNAME '1f' is not a C identifier");
	UNIT_CHECK_STR("fn leading zero", refused(HEAD "fn f a.c 01 2\n"),
		       "line 3: FIRST '01' is not a decimal number");
	UNIT_CHECK_STR("fn too big", refused(HEAD "fn f a.c 1 4294967296\n"),
		       "line 3: LAST '4294967296' is not a decimal number");
	UNIT_CHECK_STR("fn backwards", refused(HEAD "fn f a.c 3 2\n"),
		       "line 3: FIRST 3 is after LAST 2");
	UNIT_CHECK_STR("fn twice", refused(HEAD "fn f a.c 1 2\nfn f b.c 1 2\n"),
		       "line 4: a second fn line for 'f'");
	UNIT_CHECK_STR("sym kind", refused(HEAD "sym f f cold\n"),
		       "line 3: KIND 'cold' is none of plain, constprop, isra, part, clone, alias");
	UNIT_CHECK_STR("sym twice", refused(HEAD "sym f f plain\nsym f g plain\n"),
		       "line 4: a second sym line for 'f'");
	UNIT_CHECK_STR("inl without sym", refused(HEAD "inl f g\n"),
		       "line 3: inl line for 'f', which has no sym line before it");
	UNIT_CHECK_STR("inl without names", refused(HEAD "sym f f plain\ninl f\n"),
		       "line 4: expected 'inl SYMBOL CNAME...', found no CNAME");
	UNIT_CHECK_STR("inl unsorted", refused(HEAD "sym f f plain\ninl f b a\n"),
		       "line 4: 'a' is out of order: the names are sorted, each once");
	UNIT_CHECK_STR("inl prefix sorts first", refused(HEAD "sym f f plain\ninl f ab a\n"),
		       "line 4: 'a' is out of order: the names are sorted, each once");
	UNIT_CHECK_STR("inl twice in a line", refused(HEAD "sym f f plain\ninl f a a\n"),
		       "line 4: 'a' is named twice: the names are sorted, each once");
	UNIT_CHECK_STR("inl line twice", refused(HEAD "sym f f plain\ninl f a\ninl f b\n"),
		       "line 5: a second inl line for 'f'");
	UNIT_CHECK_STR("var ordinal 0", refused(HEAD "var x.1 x f 0\n"),
		       "line 3: ORDINAL 0: the variables of one name in one function count from 1");
	UNIT_CHECK_STR("var context", refused(HEAD "var x.1 x f.part 1\n"),
		       "line 3: CONTEXT 'f.part' is not a C identifier");
	UNIT_CHECK_STR("var twice", refused(HEAD "var x.1 x f 1\nvar x.1 x g 1\n"),
		       "line 4: a second var line for 'x.1'");
	UNIT_CHECK_STR("var decl twice", refused(HEAD "var x.1 x f 1\nvar x.2 x f 1\n"),
		       "line 4: a second var line for f:x:1 (CONTEXT:CNAME:ORDINAL)");
	UNIT_CHECK_STR("type fields", refused(HEAD "type struct.a 8\n"),
		       "line 3: expected 'type TAG SIZE LAYOUT', found 3 fields");
	UNIT_CHECK_STR("type tag", refused(HEAD "type enum.a 4 0123456789abcdef\n"),
		       "line 3: TAG 'enum.a' is not struct.NAME, union.NAME or typedef.NAME");
	UNIT_CHECK_STR("type tag name", refused(HEAD "type struct. 4 0123456789abcdef\n"),
		       "line 3: TAG 'struct.' is not struct.NAME, union.NAME or typedef.NAME");
	UNIT_CHECK_STR("type layout", refused(HEAD "type union.u 4 0123456789ABCDEF\n"),
		       "line 3: LAYOUT '0123456789ABCDEF' is not 16 lowercase hex digits");
	UNIT_CHECK_STR("type layout short", refused(HEAD "type union.u 4 0123\n"),
		       "line 3: LAYOUT '0123' is not 16 lowercase hex digits");
	UNIT_CHECK_STR("type size", refused(HEAD "type union.u -4 0123456789abcdef\n"),
		       "line 3: SIZE '-4' is not a decimal number");
	UNIT_CHECK_STR("type twice",
		       refused(HEAD "type struct.a 4 0123456789abcdef\ntype struct.a 8 0123456789abcdef\n"),
		       "line 4: a second type line for 'struct.a'");
	UNIT_CHECK_STR("long field shown cut", refused(HEAD "fn f a.c 1 2\nfn 0123456789012345678901234567890123456789xyz a.c 1 2\n"),
		       "line 4: CNAME '0123456789012345678901234567890123456789...' is not a C "
		       "identifier");
	return unit_failures ? 1 : 0;
}
