// SPDX-License-Identifier: GPL-2.0-or-later
/* describe.c - read and write describe files (see describe.h). */
#include "describe.h"
#include "util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 4096

static const char *const kind_names[] = {
	[KLP_SYM_PLAIN] = "plain",	   [KLP_SYM_CONSTPROP] = "constprop",
	[KLP_SYM_ISRA] = "isra",	   [KLP_SYM_PART] = "part",
	[KLP_SYM_CLONE] = "clone",	   [KLP_SYM_ALIAS] = "alias",
};
#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

const char *klp_sym_kind_name(enum klp_sym_kind kind)
{
	return (unsigned)kind < NKINDS ? kind_names[kind] : NULL;
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

enum klp_sym_kind klp_sym_kind_of_clone(const char *symbol)
{
	size_t end = strlen(symbol), digits = end, word;

	while (digits > 0 && is_digit(symbol[digits - 1]))
		digits--;
	if (digits == end || digits < 2 || symbol[digits - 1] != '.')
		return KLP_SYM_PLAIN;
	word = digits - 1;
	while (word > 0 && symbol[word - 1] != '.')
		word--;
	if (word < 2 || word == digits - 1)
		return KLP_SYM_PLAIN;
#define SUFFIX_IS(s) (digits - 1 - word == strlen(s) && strncmp(symbol + word, s, strlen(s)) == 0)
	if (SUFFIX_IS("constprop"))
		return KLP_SYM_CONSTPROP;
	if (SUFFIX_IS("isra"))
		return KLP_SYM_ISRA;
	if (SUFFIX_IS("part"))
		return KLP_SYM_PART;
#undef SUFFIX_IS
	return KLP_SYM_CLONE;
}

size_t klp_cold_parent_len(const char *symbol)
{
	size_t end = strlen(symbol), digits = end;

	while (digits > 0 && is_digit(symbol[digits - 1]))
		digits--;
	/* ".cold.N": step back over ".N" */
	if (digits < end) {
		if (digits == 0 || symbol[digits - 1] != '.')
			return 0;
		end = digits - 1;
	}
	if (end <= 5 || strncmp(symbol + end - 5, ".cold", 5))
		return 0;
	return end - 5;
}

/* ---- writing ------------------------------------------------------------------- */

static int field_ok(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

static int name_ok(const char *s)
{
	return s && klp_is_identifier(s, strlen(s));
}

int klp_describe_write_header(FILE *out, const char *source)
{
	if (!field_ok(source))
		return -1;
	fprintf(out, "klp-tag-describe %d\nsource %s\n", KLP_DESCRIBE_VERSION, source);
	return 0;
}

int klp_describe_write_fn(FILE *out, const char *cname, const char *file, unsigned first,
			  unsigned last)
{
	if (!name_ok(cname) || !field_ok(file) || first > last)
		return -1;
	fprintf(out, "fn %s %s %u %u\n", cname, file, first, last);
	return 0;
}

int klp_describe_write_sym(FILE *out, const char *symbol, const char *cname,
			   enum klp_sym_kind kind)
{
	if (!field_ok(symbol) || !name_ok(cname) || !klp_sym_kind_name(kind))
		return -1;
	fprintf(out, "sym %s %s %s\n", symbol, cname, klp_sym_kind_name(kind));
	return 0;
}

int klp_describe_write_inl(FILE *out, const char *symbol, const char *const *cnames, size_t n)
{
	size_t i;

	if (!field_ok(symbol) || n == 0 || n > MAX_FIELDS - 2)
		return -1;
	for (i = 0; i < n; i++)
		if (!name_ok(cnames[i]) || (i && strcmp(cnames[i - 1], cnames[i]) >= 0))
			return -1;
	fprintf(out, "inl %s", symbol);
	for (i = 0; i < n; i++)
		fprintf(out, " %s", cnames[i]);
	fputc('\n', out);
	return 0;
}

int klp_describe_write_var(FILE *out, const char *symbol, const char *cname,
			   const char *context, unsigned ordinal)
{
	if (!field_ok(symbol) || !name_ok(cname) || !name_ok(context) || ordinal == 0)
		return -1;
	fprintf(out, "var %s %s %s %u\n", symbol, cname, context, ordinal);
	return 0;
}

static const char *const type_kinds[] = { "struct", "union", "typedef" };

int klp_describe_write_type(FILE *out, const char *kind, const char *name, unsigned size,
			    unsigned long long layout)
{
	bool known = false;

	for (size_t i = 0; i < sizeof(type_kinds) / sizeof(type_kinds[0]); i++)
		known |= kind && !strcmp(kind, type_kinds[i]);
	if (!known || !name_ok(name))
		return -1;
	fprintf(out, "type %s.%s %u %016llx\n", kind, name, size, layout);
	return 0;
}

int klp_describe_write_type_record(FILE *out, const struct klp_describe_type *t)
{
	size_t dot = strcspn(t->tag, ".");
	char kind[16];

	if (dot >= sizeof(kind) || !t->tag[dot] || strlen(t->layout) != 16 ||
	    strspn(t->layout, "0123456789abcdef") != 16)
		return -1;
	snprintf(kind, sizeof(kind), "%.*s", (int)dot, t->tag);
	return klp_describe_write_type(out, kind, t->tag + dot + 1, t->size,
				       strtoull(t->layout, NULL, 16));
}

/* ---- reading ------------------------------------------------------------------- */

struct field {
	const char *s;
	size_t len;
};

struct parser {
	struct klp_describe *d;
	char *err;
	unsigned line;
	size_t fn_cap, sym_cap, var_cap, type_cap;
	struct klp_names contexts;	/* "CONTEXT:CNAME:ORDINAL" of each var line */
	char **context_keys;
	size_t ncontext_keys, context_cap;
};

static int fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct parser *p, const char *fmt, ...)
{
	char why[KLP_DESCRIBE_ERRLEN - 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return klp_fail(p->err, KLP_DESCRIBE_ERRLEN, "line %u: %s", p->line, why);
}

static int out_of_memory(struct parser *p)
{
	return klp_fail(p->err, KLP_DESCRIBE_ERRLEN, "line %u: out of memory", p->line);
}

static char *dup_field(const struct field *f)
{
	char *s = malloc(f->len + 1);

	if (s) {
		memcpy(s, f->s, f->len);
		s[f->len] = '\0';
	}
	return s;
}

static int field_is(const struct field *f, const char *s)
{
	return f->len == strlen(s) && memcmp(f->s, s, f->len) == 0;
}

/* A field for a message: at most 40 bytes of it, quoted. */
static const char *shown(const struct field *f, char *buf, size_t size)
{
	klp_quote_field(buf, size, f->s, f->len);
	return buf;
}

static int want_name(struct parser *p, const struct field *f, const char *what)
{
	char buf[200];

	if (klp_is_identifier(f->s, f->len))
		return 0;
	return fail(p, "%s '%s' is not a C identifier", what, shown(f, buf, sizeof(buf)));
}

/* A decimal number without leading zeros that fits an unsigned. */
static int want_number(struct parser *p, const struct field *f, const char *what,
		       unsigned *out)
{
	unsigned long v = 0;
	char buf[200];
	size_t i;

	for (i = 0; i < f->len && is_digit(f->s[i]) && i < 10; i++)
		v = v * 10 + (unsigned long)(f->s[i] - '0');
	if (i != f->len || (f->len > 1 && f->s[0] == '0') || v > 0xffffffffUL)
		return fail(p, "%s '%s' is not a decimal number", what, shown(f, buf, sizeof(buf)));
	*out = (unsigned)v;
	return 0;
}

static int want_fields(struct parser *p, size_t n, size_t want, const char *form)
{
	if (n == want)
		return 0;
	return fail(p, "expected '%s', found %zu field%s", form, n, n == 1 ? "" : "s");
}

static int index_name(struct parser *p, struct klp_names *index, const char *name, size_t number)
{
	long got = klp_names_add(index, name);

	if (got < 0)
		return out_of_memory(p);
	return (size_t)got == number ? 0 : 1;
}

static int fn_line(struct parser *p, const struct field *f, size_t n)
{
	struct klp_describe *d = p->d;
	struct klp_describe_fn fn = { 0 }, *grown;
	int r;

	if (want_fields(p, n, 5, "fn CNAME FILE FIRST LAST") || want_name(p, &f[1], "CNAME") ||
	    want_number(p, &f[3], "FIRST", &fn.first) || want_number(p, &f[4], "LAST", &fn.last))
		return -1;
	if (fn.first > fn.last)
		return fail(p, "FIRST %u is after LAST %u", fn.first, fn.last);
	grown = klp_grow(d->fns, &p->fn_cap, d->nfns + 1, sizeof(*grown));
	if (!grown)
		return out_of_memory(p);
	d->fns = grown;
	fn.cname = dup_field(&f[1]);
	fn.file = dup_field(&f[2]);
	if (!fn.cname || !fn.file) {
		free(fn.cname);
		free(fn.file);
		return out_of_memory(p);
	}
	d->fns[d->nfns++] = fn;
	r = index_name(p, &d->fn_index, fn.cname, d->nfns - 1);
	return r > 0 ? fail(p, "a second fn line for '%s'", fn.cname) : r;
}

static int parse_kind(const struct field *f, enum klp_sym_kind *kind)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (field_is(f, kind_names[i])) {
			*kind = (enum klp_sym_kind)i;
			return 0;
		}
	return -1;
}

static int sym_line(struct parser *p, const struct field *f, size_t n)
{
	struct klp_describe *d = p->d;
	struct klp_describe_sym sym = { 0 }, *grown;
	char buf[200];
	int r;

	if (want_fields(p, n, 4, "sym SYMBOL CNAME KIND") || want_name(p, &f[2], "CNAME"))
		return -1;
	if (parse_kind(&f[3], &sym.kind))
		return fail(p, "KIND '%s' is none of plain, constprop, isra, part, clone, alias",
			    shown(&f[3], buf, sizeof(buf)));
	grown = klp_grow(d->syms, &p->sym_cap, d->nsyms + 1, sizeof(*grown));
	if (!grown)
		return out_of_memory(p);
	d->syms = grown;
	sym.symbol = dup_field(&f[1]);
	sym.cname = dup_field(&f[2]);
	if (!sym.symbol || !sym.cname) {
		free(sym.symbol);
		free(sym.cname);
		return out_of_memory(p);
	}
	d->syms[d->nsyms++] = sym;
	r = index_name(p, &d->sym_index, sym.symbol, d->nsyms - 1);
	return r > 0 ? fail(p, "a second sym line for '%s'", sym.symbol) : r;
}

static int inl_line(struct parser *p, const struct field *f, size_t n)
{
	struct klp_describe *d = p->d;
	struct klp_describe_sym *sym;
	char *symbol, buf[200];
	long i;
	size_t k;

	if (n < 3)
		return fail(p, "expected 'inl SYMBOL CNAME...', found %s",
			    n < 2 ? "no SYMBOL" : "no CNAME");
	symbol = dup_field(&f[1]);
	if (!symbol)
		return out_of_memory(p);
	i = klp_names_find(&d->sym_index, symbol);
	if (i < 0) {
		fail(p, "inl line for '%s', which has no sym line before it", symbol);
		free(symbol);
		return -1;
	}
	free(symbol);
	sym = &d->syms[i];
	if (sym->ninlined)
		return fail(p, "a second inl line for '%s'", sym->symbol);
	for (k = 2; k < n; k++) {
		if (want_name(p, &f[k], "CNAME"))
			return -1;
		if (k > 2) {
			size_t m = f[k].len < f[k - 1].len ? f[k].len : f[k - 1].len;
			int c = memcmp(f[k - 1].s, f[k].s, m);

			if (c > 0 || (c == 0 && f[k - 1].len >= f[k].len))
				return fail(p, "'%s' %s: the names are sorted, each once",
					    shown(&f[k], buf, sizeof(buf)),
					    c == 0 && f[k - 1].len == f[k].len ? "is named twice"
									   : "is out of order");
		}
	}
	sym->inlined = calloc(n - 2, sizeof(*sym->inlined));
	if (!sym->inlined)
		return out_of_memory(p);
	for (k = 2; k < n; k++) {
		sym->inlined[sym->ninlined] = dup_field(&f[k]);
		if (!sym->inlined[sym->ninlined])
			return out_of_memory(p);
		sym->ninlined++;
	}
	return 0;
}

static int var_line(struct parser *p, const struct field *f, size_t n)
{
	struct klp_describe *d = p->d;
	struct klp_describe_var var = { 0 }, *grown;
	char *key, **keys;
	size_t klen;
	long got;
	int r;

	if (want_fields(p, n, 5, "var SYMBOL CNAME CONTEXT ORDINAL") ||
	    want_name(p, &f[2], "CNAME") || want_name(p, &f[3], "CONTEXT") ||
	    want_number(p, &f[4], "ORDINAL", &var.ordinal))
		return -1;
	if (var.ordinal == 0)
		return fail(p, "ORDINAL 0: the variables of one name in one function count from 1");
	grown = klp_grow(d->vars, &p->var_cap, d->nvars + 1, sizeof(*grown));
	if (!grown)
		return out_of_memory(p);
	d->vars = grown;
	var.symbol = dup_field(&f[1]);
	var.cname = dup_field(&f[2]);
	var.context = dup_field(&f[3]);
	if (!var.symbol || !var.cname || !var.context) {
		free(var.symbol);
		free(var.cname);
		free(var.context);
		return out_of_memory(p);
	}
	d->vars[d->nvars++] = var;
	r = index_name(p, &d->var_index, var.symbol, d->nvars - 1);
	if (r)
		return r > 0 ? fail(p, "a second var line for '%s'", var.symbol) : r;
	klen = strlen(var.context) + strlen(var.cname) + 16;
	key = malloc(klen);
	keys = key ? klp_grow(p->context_keys, &p->context_cap, p->ncontext_keys + 1,
			      sizeof(*keys)) : NULL;
	if (!keys) {
		free(key);
		return out_of_memory(p);
	}
	p->context_keys = keys;
	snprintf(key, klen, "%s:%s:%u", var.context, var.cname, var.ordinal);
	p->context_keys[p->ncontext_keys++] = key;
	got = klp_names_add(&p->contexts, key);
	if (got < 0)
		return out_of_memory(p);
	if ((size_t)got != p->ncontext_keys - 1)
		return fail(p, "a second var line for %s (CONTEXT:CNAME:ORDINAL)", key);
	return 0;
}

/* TAG: KIND.NAME, a kind of type_kinds and a C identifier. */
static bool tag_ok(const struct field *f)
{
	for (size_t i = 0; i < sizeof(type_kinds) / sizeof(type_kinds[0]); i++) {
		size_t k = strlen(type_kinds[i]);

		if (f->len > k + 1 && !memcmp(f->s, type_kinds[i], k) && f->s[k] == '.')
			return klp_is_identifier(f->s + k + 1, f->len - k - 1);
	}
	return false;
}

static int type_line(struct parser *p, const struct field *f, size_t n)
{
	struct klp_describe *d = p->d;
	struct klp_describe_type type = { 0 }, *grown;
	char buf[200];
	int r;

	if (want_fields(p, n, 4, "type TAG SIZE LAYOUT") ||
	    want_number(p, &f[2], "SIZE", &type.size))
		return -1;
	if (!tag_ok(&f[1]))
		return fail(p, "TAG '%s' is not struct.NAME, union.NAME or typedef.NAME",
			    shown(&f[1], buf, sizeof(buf)));
	if (f[3].len != 16 || strspn(f[3].s, "0123456789abcdef") < 16)
		return fail(p, "LAYOUT '%s' is not 16 lowercase hex digits",
			    shown(&f[3], buf, sizeof(buf)));
	grown = klp_grow(d->types, &p->type_cap, d->ntypes + 1, sizeof(*grown));
	if (!grown)
		return out_of_memory(p);
	d->types = grown;
	type.tag = dup_field(&f[1]);
	if (!type.tag)
		return out_of_memory(p);
	memcpy(type.layout, f[3].s, 16);
	d->types[d->ntypes++] = type;
	r = index_name(p, &d->type_index, type.tag, d->ntypes - 1);
	if (r)
		return r > 0 ? fail(p, "a second type line for '%s'", type.tag) : r;
	return 0;
}

/* Split LINE (LEN bytes, no newline) at single spaces. */
static int split(struct parser *p, const char *line, size_t len, struct field *f, size_t *n)
{
	size_t i, start = 0;
	*n = 0;
	for (i = 0; i <= len; i++) {
		if (i < len && line[i] != ' ') {
			unsigned char ch = (unsigned char)line[i];

			if (ch < ' ' || ch >= 0x7f) {
				return fail(p, "byte \\x%02x in a field: fields are printable ASCII "
					    "without blanks", ch);
			}
			continue;
		}
		if (i == start)
			return fail(p, "%s", len == 0 ? "an empty line" :
				    "an empty field (fields are separated by one space)");
		if (*n == MAX_FIELDS)
			return fail(p, "more than %d fields", MAX_FIELDS);
		f[*n].s = line + start;
		f[(*n)++].len = i - start;
		start = i + 1;
	}
	return 0;
}

static int record(struct parser *p, const struct field *f, size_t n)
{
	char buf[200];

	if (field_is(&f[0], "fn"))
		return fn_line(p, f, n);
	if (field_is(&f[0], "sym"))
		return sym_line(p, f, n);
	if (field_is(&f[0], "inl"))
		return inl_line(p, f, n);
	if (field_is(&f[0], "var"))
		return var_line(p, f, n);
	if (field_is(&f[0], "type"))
		return type_line(p, f, n);
	return fail(p, "unknown record '%s': a describe file has fn, sym, inl, var and type "
		    "lines after its header", shown(&f[0], buf, sizeof(buf)));
}

static int header(struct parser *p, const struct field *f, size_t n)
{
	char version[16], buf[200];

	snprintf(version, sizeof(version), "%d", KLP_DESCRIBE_VERSION);
	if (p->line == 1) {
		if (n == 2 && field_is(&f[0], "klp-tag-describe") && field_is(&f[1], version))
			return 0;
		if (n == 2 && field_is(&f[0], "klp-tag-describe"))
			return fail(p, "describe file version '%s'; this klp-tag reads version %s",
				    shown(&f[1], buf, sizeof(buf)), version);
		return fail(p, "not a describe file: the first line must be 'klp-tag-describe %s'",
			    version);
	}
	if (n != 2 || !field_is(&f[0], "source"))
		return fail(p, "expected 'source PATH' as the second line");
	p->d->source = dup_field(&f[1]);
	return p->d->source ? 0 : out_of_memory(p);
}

int klp_describe_parse(const char *text, size_t len, struct klp_describe *d,
		       char err[KLP_DESCRIBE_ERRLEN])
{
	struct parser p = { .d = d, .err = err };
	struct field *f = malloc(MAX_FIELDS * sizeof(*f));
	size_t at = 0, n, i;
	int r = 0;

	memset(d, 0, sizeof(*d));
	if (!f)
		return klp_fail(err, KLP_DESCRIBE_ERRLEN, "out of memory");
	while (at < len && !r) {
		const char *nl = memchr(text + at, '\n', len - at);

		p.line++;
		if (!nl) {
			r = fail(&p, "the last line has no newline: the file was cut short");
			break;
		}
		r = split(&p, text + at, (size_t)(nl - (text + at)), f, &n);
		if (!r)
			r = p.line <= 2 ? header(&p, f, n) : record(&p, f, n);
		at = (size_t)(nl - text) + 1;
	}
	if (!r && p.line < 2)
		r = klp_fail(err, KLP_DESCRIBE_ERRLEN, "line %u: %s", p.line + 1,
			     p.line ? "no 'source PATH' line" :
				      "empty: a describe file starts with 'klp-tag-describe 1'");
	free(f);
	for (i = 0; i < p.ncontext_keys; i++)
		free(p.context_keys[i]);
	free(p.context_keys);
	klp_names_free(&p.contexts);
	if (r)
		klp_describe_free(d);
	return r ? -1 : 0;
}

void klp_describe_free(struct klp_describe *d)
{
	size_t i, k;

	free(d->source);
	for (i = 0; i < d->nfns; i++) {
		free(d->fns[i].cname);
		free(d->fns[i].file);
	}
	free(d->fns);
	for (i = 0; i < d->nsyms; i++) {
		free(d->syms[i].symbol);
		free(d->syms[i].cname);
		for (k = 0; k < d->syms[i].ninlined; k++)
			free(d->syms[i].inlined[k]);
		free(d->syms[i].inlined);
	}
	free(d->syms);
	for (i = 0; i < d->nvars; i++) {
		free(d->vars[i].symbol);
		free(d->vars[i].cname);
		free(d->vars[i].context);
	}
	free(d->vars);
	for (i = 0; i < d->ntypes; i++)
		free(d->types[i].tag);
	free(d->types);
	klp_names_free(&d->type_index);
	klp_names_free(&d->fn_index);
	klp_names_free(&d->sym_index);
	klp_names_free(&d->var_index);
	memset(d, 0, sizeof(*d));
}

const struct klp_describe_sym *klp_describe_find_sym(const struct klp_describe *d,
						     const char *symbol)
{
	long i = klp_names_find(&d->sym_index, symbol);

	return i < 0 ? NULL : &d->syms[i];
}

const struct klp_describe_fn *klp_describe_find_fn(const struct klp_describe *d,
						   const char *cname)
{
	long i = klp_names_find(&d->fn_index, cname);

	return i < 0 ? NULL : &d->fns[i];
}

const struct klp_describe_var *klp_describe_find_var(const struct klp_describe *d,
						     const char *symbol)
{
	long i = klp_names_find(&d->var_index, symbol);

	return i < 0 ? NULL : &d->vars[i];
}

const struct klp_describe_type *klp_describe_find_type(const struct klp_describe *d,
						       const char *tag)
{
	long i = klp_names_find(&d->type_index, tag);

	return i < 0 ? NULL : &d->types[i];
}
