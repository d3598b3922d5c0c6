// SPDX-License-Identifier: GPL-2.0-or-later
/* extract.c - read and write extract files (see extract.h). */
#include "extract.h"
#include "kernel_abi.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POSITION 999999999UL

static const char *const kind_names[] = {
	[KLP_EXTRACT_KEEP] = "keep", [KLP_EXTRACT_CARRY] = "carry",
	[KLP_EXTRACT_DATA] = "data", [KLP_EXTRACT_REF] = "ref",
};

const char *klp_extract_kind_name(enum klp_extract_kind kind)
{
	return kind >= KLP_EXTRACT_KEEP && kind <= KLP_EXTRACT_REF ? kind_names[kind] : NULL;
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* [A-Za-z_][A-Za-z0-9_.]*: what GCC names a C symbol, clones and locals included. */
static int symbol_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > KLP_SYMNAME_MAX || is_digit(s[0]) || s[0] == '.')
		return 0;
	for (i = 0; i < len; i++)
		if (!klp_is_identifier(s + i, 1) && !is_digit(s[i]) && s[i] != '.')
			return 0;
	return 1;
}

size_t klp_extract_decl_text(char *buf, size_t size, const struct klp_extract_decl *decl)
{
	int n = decl->context ? snprintf(buf, size, "%s:%s:%u", decl->context, decl->cname,
					 decl->ordinal)
			      : snprintf(buf, size, "%s", decl->cname);

	return n < 0 ? 0 : (size_t)n;
}

/* ---- writing ------------------------------------------------------------------- */

static int name_ok(const char *s)
{
	return s && klp_is_identifier(s, strlen(s));
}

static int decl_ok(const struct klp_extract_decl *d, int file_scope_only)
{
	if (!name_ok(d->cname))
		return 0;
	if (!d->context)
		return d->ordinal == 0;
	return !file_scope_only && name_ok(d->context) && d->ordinal >= 1 &&
	       d->ordinal <= MAX_POSITION;
}

int klp_extract_write_header(FILE *out, const char *comment)
{
	fprintf(out, "klp-tag-extract %d\n", KLP_EXTRACT_VERSION);
	while (comment && *comment) {
		size_t n = strcspn(comment, "\n");

		fprintf(out, "# %.*s\n", (int)n, comment);
		comment += n + (comment[n] == '\n');
	}
	return 0;
}

int klp_extract_write_line(FILE *out, const struct klp_extract_line *l)
{
	char decl[3 * KLP_SYMNAME_MAX], why[KLP_OBJNAME_WHY];
	const char *kind = klp_extract_kind_name(l->kind);

	if (!kind || !decl_ok(&l->decl, l->kind == KLP_EXTRACT_KEEP ||
				       l->kind == KLP_EXTRACT_CARRY) ||
	    klp_extract_decl_text(decl, sizeof(decl), &l->decl) >= sizeof(decl))
		return -1;
	if (l->kind != KLP_EXTRACT_REF) {
		fprintf(out, "%s %s\n", kind, decl);
		return 0;
	}
	if (!l->ref_symbol || !symbol_ok(l->ref_symbol, strlen(l->ref_symbol)) ||
	    !l->kernel_symbol || !symbol_ok(l->kernel_symbol, strlen(l->kernel_symbol)) ||
	    klp_objname_check_exact(l->object, strlen(l->object), why) ||
	    l->position > MAX_POSITION)
		return -1;
	fprintf(out, "ref %s %s %s %lu %s\n", decl, l->ref_symbol, l->object, l->position,
		l->kernel_symbol);
	return 0;
}

/* ---- reading ------------------------------------------------------------------- */

struct field {
	const char *s;
	size_t len;
};

struct parser {
	struct klp_extract *x;
	char *err;
	unsigned line;
	size_t cap, text_cap;
	struct klp_names refs;		/* the REFSYMBOLs so far */
	size_t *ref_of, ref_cap;	/* by REFSYMBOL number: its line's index in x->lines */
};

static int fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct parser *p, const char *fmt, ...)
{
	char why[KLP_EXTRACT_ERRLEN - 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return klp_fail(p->err, KLP_EXTRACT_ERRLEN, "line %u: %s", p->line, why);
}

static int out_of_memory(struct parser *p)
{
	return klp_fail(p->err, KLP_EXTRACT_ERRLEN, "line %u: out of memory", p->line);
}

static const char *shown(const struct field *f, char *buf, size_t size)
{
	klp_quote_field(buf, size, f->s, f->len);
	return buf;
}

static int field_is(const struct field *f, const char *s)
{
	return f->len == strlen(s) && memcmp(f->s, s, f->len) == 0;
}

static char *dup_span(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

/* A decimal number of at most nine digits, without leading zeros. */
static int number(const char *s, size_t len, unsigned long *out)
{
	size_t i;

	*out = 0;
	if (len == 0 || len > 9 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return -1;
		*out = *out * 10 + (unsigned long)(s[i] - '0');
	}
	return 0;
}

/* DECL: CNAME, or FUNC:CNAME:N (LOCAL_OK). */
static int parse_decl(struct parser *p, const struct field *f, int local_ok,
		      struct klp_extract_decl *d)
{
	const char *c1 = memchr(f->s, ':', f->len), *c2;
	char buf[200];
	unsigned long n;

	memset(d, 0, sizeof(*d));
	if (!c1) {
		if (!klp_is_identifier(f->s, f->len))
			return fail(p, "'%s' is not a C identifier", shown(f, buf, sizeof(buf)));
		d->cname = dup_span(f->s, f->len);
		return d->cname ? 0 : out_of_memory(p);
	}
	if (!local_ok)
		return fail(p, "'%s': keep and carry name functions, which are never local "
			    "(no FUNC:CNAME:N)", shown(f, buf, sizeof(buf)));
	c2 = memchr(c1 + 1, ':', (size_t)(f->s + f->len - (c1 + 1)));
	if (!c2 || !klp_is_identifier(f->s, (size_t)(c1 - f->s)) ||
	    !klp_is_identifier(c1 + 1, (size_t)(c2 - c1 - 1)) ||
	    number(c2 + 1, (size_t)(f->s + f->len - (c2 + 1)), &n) || n == 0)
		return fail(p, "'%s' is no declaration: CNAME, or FUNC:CNAME:N for the Nth "
			    "variable CNAME local to function FUNC (N from 1)",
			    shown(f, buf, sizeof(buf)));
	d->context = dup_span(f->s, (size_t)(c1 - f->s));
	d->cname = dup_span(c1 + 1, (size_t)(c2 - c1 - 1));
	d->ordinal = (unsigned)n;
	return d->context && d->cname ? 0 : out_of_memory(p);
}

static void free_line(struct klp_extract_line *l)
{
	free(l->decl.cname);
	free(l->decl.context);
	free(l->ref_symbol);
	free(l->kernel_symbol);
}

static int ref_fields(struct parser *p, const struct field *f, struct klp_extract_line *l)
{
	char buf[200], why[KLP_OBJNAME_WHY];

	if (!symbol_ok(f[2].s, f[2].len))
		return fail(p, "REFSYMBOL '%s' is no symbol name ([A-Za-z0-9_.], not starting "
			    "with a digit or '.', at most %d bytes)", shown(&f[2], buf, sizeof(buf)),
			    KLP_SYMNAME_MAX);
	if (klp_objname_check_exact(f[3].s, f[3].len, why))
		return fail(p, "object name '%s' %s", shown(&f[3], buf, sizeof(buf)), why);
	if (number(f[4].s, f[4].len, &l->position))
		return fail(p, "POSITION '%s' is no decimal number (at most 9 digits, no leading "
			    "zero): it counts the symbols of that name in kallsyms order from 1 "
			    "(0: the name is unique)",
			    shown(&f[4], buf, sizeof(buf)));
	if (!symbol_ok(f[5].s, f[5].len))
		return fail(p, "KERNELSYMBOL '%s' is no symbol name ([A-Za-z0-9_.], not "
			    "starting with a digit or '.', at most %d bytes)",
			    shown(&f[5], buf, sizeof(buf)), KLP_SYMNAME_MAX);
	memcpy(l->object, f[3].s, f[3].len);
	l->object[f[3].len] = '\0';
	l->ref_symbol = dup_span(f[2].s, f[2].len);
	l->kernel_symbol = dup_span(f[5].s, f[5].len);
	return l->ref_symbol && l->kernel_symbol ? 0 : out_of_memory(p);
}

/* Index the new last line by its DECL (and REFSYMBOL): a second one is an error. */
static int index_line(struct parser *p)
{
	struct klp_extract *x = p->x;
	struct klp_extract_line *l = &x->lines[x->n - 1];
	size_t len = klp_extract_decl_text(NULL, 0, &l->decl) + 1, *ref_of;
	char *text;
	long got;

	x->decl_texts[x->n - 1] = text = malloc(len);
	if (!text)
		return out_of_memory(p);
	klp_extract_decl_text(text, len, &l->decl);
	got = klp_names_add(&x->index, text);
	if (got < 0)
		return out_of_memory(p);
	if ((size_t)got != x->n - 1)
		return fail(p, "'%s' is declared again (line %u has it already): one line per "
			    "declaration", text, x->lines[got].line);
	if (l->kind != KLP_EXTRACT_REF)
		return 0;
	got = klp_names_find(&p->refs, l->ref_symbol);
	if (got >= 0)
		return fail(p, "REFSYMBOL '%s' is also the one of line %u: each REFSYMBOL stands "
			    "for one kernel symbol", l->ref_symbol, x->lines[p->ref_of[got]].line);
	ref_of = klp_grow(p->ref_of, &p->ref_cap, p->refs.n + 1, sizeof(*ref_of));
	if (!ref_of)
		return out_of_memory(p);
	p->ref_of = ref_of;
	if (klp_names_add(&p->refs, l->ref_symbol) < 0)
		return out_of_memory(p);
	p->ref_of[p->refs.n - 1] = x->n - 1;
	return 0;
}

static int record(struct parser *p, const struct field *f, size_t n)
{
	static const struct {
		const char *name;
		enum klp_extract_kind kind;
		size_t fields;
		const char *form;
	} forms[] = {
		{ "keep", KLP_EXTRACT_KEEP, 2, "keep CNAME" },
		{ "carry", KLP_EXTRACT_CARRY, 2, "carry CNAME" },
		{ "data", KLP_EXTRACT_DATA, 2, "data DECL" },
		{ "ref", KLP_EXTRACT_REF, 6, "ref DECL REFSYMBOL OBJECT POSITION KERNELSYMBOL" },
	};
	struct klp_extract *x = p->x;
	struct klp_extract_line l, *grown;
	char buf[200], **texts;
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (field_is(&f[0], forms[i].name))
			break;
	if (i == sizeof(forms) / sizeof(forms[0]))
		return fail(p, "unknown line '%s': an extract file has keep, carry, data and ref "
			    "lines", shown(&f[0], buf, sizeof(buf)));
	if (n != forms[i].fields)
		return fail(p, "expected '%s', found %zu field%s", forms[i].form, n,
			    n == 1 ? "" : "s");
	memset(&l, 0, sizeof(l));
	l.kind = forms[i].kind;
	l.line = p->line;
	if (parse_decl(p, &f[1], l.kind == KLP_EXTRACT_DATA || l.kind == KLP_EXTRACT_REF,
		       &l.decl) ||
	    (l.kind == KLP_EXTRACT_REF && ref_fields(p, f, &l))) {
		free_line(&l);
		return -1;
	}
	texts = klp_grow(x->decl_texts, &p->text_cap, x->n + 1, sizeof(*texts));
	if (texts)
		x->decl_texts = texts;
	grown = texts ? klp_grow(x->lines, &p->cap, x->n + 1, sizeof(*grown)) : NULL;
	if (!grown) {
		free_line(&l);
		return out_of_memory(p);
	}
	x->lines = grown;
	x->decl_texts[x->n] = NULL;
	x->lines[x->n++] = l;
	return index_line(p);
}

int klp_extract_parse(const char *text, size_t len, struct klp_extract *x,
		      char err[KLP_EXTRACT_ERRLEN])
{
	struct parser p = { .x = x, .err = err };
	struct field f[8];
	size_t at = 0, n;
	int r = 0, seen_header = 0;
	char version[16];

	snprintf(version, sizeof(version), "%d", KLP_EXTRACT_VERSION);
	memset(x, 0, sizeof(*x));
	while (at < len && !r) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len, i = at;

		p.line++;
		for (n = 0; i < end && n < 8;) {
			size_t start;

			while (i < end && is_blank(text[i]))
				i++;
			if (i == end || (n == 0 && text[i] == '#'))
				break;
			start = i;
			while (i < end && !is_blank(text[i]))
				i++;
			f[n].s = text + start;
			f[n++].len = i - start;
		}
		at = end + 1;
		if (n == 0 && (i == end || text[i] == '#'))
			continue;
		for (i = 0; i < n; i++) {
			size_t k;

			for (k = 0; k < f[i].len; k++)
				if ((unsigned char)f[i].s[k] < ' ' || (unsigned char)f[i].s[k] >= 0x7f)
					break;
			if (k < f[i].len)
				break;
		}
		if (i < n || n == 8) {
			r = fail(&p, n == 8 ? "more fields than any line has" :
				 "a byte that is no printable ASCII (fields are separated by spaces "
				 "or tabs)");
		} else if (!seen_header) {
			seen_header = 1;
			if (n != 2 || !field_is(&f[0], "klp-tag-extract"))
				r = fail(&p, "not an extract file: the first line must be "
					 "'klp-tag-extract %d'", KLP_EXTRACT_VERSION);
			else if (!field_is(&f[1], version))
				r = fail(&p, "extract file version '%.*s'; this klp-tag reads "
					 "version %d", (int)(f[1].len > 20 ? 20 : f[1].len), f[1].s,
					 KLP_EXTRACT_VERSION);
		} else {
			r = record(&p, f, n);
		}
	}
	if (!r && !seen_header)
		r = klp_fail(err, KLP_EXTRACT_ERRLEN, "line %u: no 'klp-tag-extract %d' header: "
			     "the file is empty", p.line + 1, KLP_EXTRACT_VERSION);
	klp_names_free(&p.refs);
	free(p.ref_of);
	if (r)
		klp_extract_free(x);
	return r ? -1 : 0;
}

void klp_extract_free(struct klp_extract *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free_line(&x->lines[i]);
		free(x->decl_texts[i]);
	}
	free(x->lines);
	free(x->decl_texts);
	klp_names_free(&x->index);
	memset(x, 0, sizeof(*x));
}

const struct klp_extract_line *klp_extract_find(const struct klp_extract *x, const char *cname,
						const char *context, unsigned ordinal)
{
	struct klp_extract_decl d = { (char *)cname, (char *)context, ordinal };
	char text[3 * KLP_SYMNAME_MAX];
	long i;

	if (klp_extract_decl_text(text, sizeof(text), &d) >= sizeof(text))
		return NULL;
	i = klp_names_find(&x->index, text);
	return i < 0 ? NULL : &x->lines[i];
}
