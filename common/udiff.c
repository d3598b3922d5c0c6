// SPDX-License-Identifier: GPL-2.0-or-later
/* udiff.c - unified diffs (see udiff.h for the rules). */
#include "udiff.h"
#include "util.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Hunk positions above this are refused, so that START + COUNT never overflows. */
#define MAX_LINE (UINT_MAX / 4)

struct line {
	const char *s;
	size_t n;		/* without the "\n" */
	size_t hn;		/* without a trailing "\r" too: header lines */
	unsigned no;		/* from 1 */
};

struct parser {
	const char *text;
	size_t len, pos;
	unsigned line;		/* lines taken so far */
	unsigned strip;
	struct klp_udiff *d;
	size_t fcap;
	char *err;
};

/* What a "diff --git" entry has said before its "---" line, if any. */
struct git_entry {
	int active;
	unsigned line;
	char *a, *b;				/* of the "diff --git" line, stripped */
	char *from, *to;			/* rename or copy */
	int new_file, deleted, rename, copy, mode, binary;
};

static int fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, KLP_UDIFF_ERRLEN, fmt, ap);
	va_end(ap);
	return -1;
}

static int oom(struct parser *p)
{
	return fail(p, "line %u: out of memory", p->line);
}

/* The line at the read position, without taking it; 0 at the end. */
static int peek(const struct parser *p, struct line *l)
{
	const char *nl;

	if (p->pos >= p->len)
		return 0;
	l->s = p->text + p->pos;
	nl = memchr(l->s, '\n', p->len - p->pos);
	l->n = nl ? (size_t)(nl - l->s) : p->len - p->pos;
	l->hn = l->n && l->s[l->n - 1] == '\r' ? l->n - 1 : l->n;
	l->no = p->line + 1;
	return 1;
}

static void take(struct parser *p, const struct line *l)
{
	p->pos += l->n + (p->pos + l->n < p->len);
	p->line = l->no;
}

static int starts(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->hn >= n && memcmp(l->s, prefix, n) == 0;
}

/*
 * A git-quoted path at S (LEN bytes, S[0] == '"'): the unquoted path in a
 * malloc'd *OUT and the bytes it took, or 0 when it is not one (*WHY says why).
 */
static size_t unquote(const char *s, size_t len, char **out, const char **why)
{
	char *buf = malloc(len + 1);
	size_t i = 1, o = 0;

	*why = "out of memory";
	if (!buf)
		return 0;
	while (i < len && s[i] != '"') {
		unsigned char c = (unsigned char)s[i++];

		if (c == '\\') {
			const char *esc = "a\ab\bt\tn\nv\vf\fr\r\"\"\\\\", *e;

			if (i >= len)
				break;
			c = (unsigned char)s[i++];
			for (e = esc; *e && *e != (char)c; e += 2)
				;
			if (*e) {
				c = (unsigned char)e[1];
			} else if (c >= '0' && c <= '3' && i + 1 < len && s[i] >= '0' && s[i] <= '7' &&
				   s[i + 1] >= '0' && s[i + 1] <= '7') {
				c = (unsigned char)((c - '0') * 64 + (s[i] - '0') * 8 + (s[i + 1] - '0'));
				i += 2;
			} else {
				*why = "has an escape git never writes (\\a \\b \\t \\n \\v \\f \\r \\\" "
				       "\\\\ or three octal digits)";
				free(buf);
				return 0;
			}
			if (c == 0) {
				*why = "holds a NUL byte";
				free(buf);
				return 0;
			}
		}
		buf[o++] = (char)c;
	}
	if (i >= len) {
		*why = "has no closing quote";
		free(buf);
		return 0;
	}
	buf[o] = '\0';
	*out = buf;
	return i + 1;
}

/* PATH without its first N components, as patch -pN; NULL when it has fewer. */
static const char *strip_components(const char *path, unsigned n)
{
	while (n--) {
		const char *slash = strchr(path, '/');

		if (!slash)
			return NULL;
		while (*slash == '/')
			slash++;
		path = slash;
	}
	return path;
}

/*
 * Take the path of *S* (LEN bytes) as patch -pSTRIP would, into a malloc'd
 * *OUT (NULL for /dev/null).  WHAT names the line for messages.
 */
static int stripped_path(struct parser *p, unsigned line, const char *what, const char *raw,
			 unsigned strip, char **out)
{
	char shown[200];
	const char *rest;

	*out = NULL;
	if (strcmp(raw, "/dev/null") == 0)
		return 0;
	rest = strip_components(raw, strip);
	if (!rest || !*rest) {
		klp_quote_field(shown, sizeof(shown), raw, strlen(raw));
		return fail(p, "line %u: the %s path '%s' %s -p%u strips; give the strip level the "
			    "patch was made for", line, what, shown,
			    rest ? "names no file after the components" :
			    "has fewer leading components than", strip);
	}
	*out = strdup(rest);
	return *out ? 0 : oom(p);
}

/* The path of a "--- "/"+++ " line (L, prefix of 4 bytes), raw, into *RAW; its time stamp into *STAMP. */
static int header_path(struct parser *p, const struct line *l, char **raw, const char **stamp,
		       size_t *stamplen)
{
	const char *s = l->s + 4, *why, *tab;
	size_t n = l->hn - 4, used;

	*stamp = NULL;
	*stamplen = 0;
	if (n && s[0] == '"') {
		used = unquote(s, n, raw, &why);
		if (!used)
			return fail(p, "line %u: the quoted path of the '%.3s' line %s", l->no, l->s,
				    why);
		if (used < n && s[used] == '\t') {
			*stamp = s + used + 1;
			*stamplen = n - used - 1;
		}
		return 0;
	}
	if (memchr(s, '\0', n))
		return fail(p, "line %u: the path of the '%.3s' line holds a NUL byte", l->no, l->s);
	tab = memchr(s, '\t', n);
	if (tab) {
		*stamp = tab + 1;
		*stamplen = n - (size_t)(tab + 1 - s);
		n = (size_t)(tab - s);
	}
	if (n == 0)
		return fail(p, "line %u: the '%.3s' line names no file; a file header is '--- OLD' "
			    "then '+++ NEW'", l->no, l->s);
	*raw = strndup(s, n);
	return *raw ? 0 : oom(p);
}

static int read_number(const char **s, const char *end, unsigned *v)
{
	unsigned long n = 0;

	if (*s >= end || **s < '0' || **s > '9')
		return -1;
	while (*s < end && **s >= '0' && **s <= '9') {
		n = n * 10 + (unsigned long)(**s - '0');
		if (n > MAX_LINE)
			return -1;
		(*s)++;
	}
	*v = (unsigned)n;
	return 0;
}

/* Days from 1970-01-01 to Y-M-D of the proleptic Gregorian calendar. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Is STAMP `diff`'s "YYYY-MM-DD HH:MM:SS[.frac] +HHMM" for the epoch? */
static int is_epoch(const char *s, size_t n)
{
	unsigned y, mo, d, h, mi, sec, zh, zm;
	const char *end = s + n;
	long t;
	int sign, i;

	if (!s || read_number(&s, end, &y) || s >= end || *s++ != '-' ||
	    read_number(&s, end, &mo) || s >= end || *s++ != '-' || read_number(&s, end, &d) ||
	    s >= end || *s++ != ' ' || read_number(&s, end, &h) || s >= end || *s++ != ':' ||
	    read_number(&s, end, &mi) || s >= end || *s++ != ':' || read_number(&s, end, &sec))
		return 0;
	if (s < end && *s == '.') {
		s++;
		while (s < end && *s == '0')
			s++;
	}
	if (s >= end || *s++ != ' ' || s >= end || (*s != '+' && *s != '-'))
		return 0;
	sign = *s++ == '-' ? -1 : 1;
	if (end - s < 4)
		return 0;
	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	zh = (unsigned)(s[0] - '0') * 10 + (unsigned)(s[1] - '0');
	zm = (unsigned)(s[2] - '0') * 10 + (unsigned)(s[3] - '0');
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	t = days_from_civil((long)y, mo, d) * 86400 + (long)h * 3600 + (long)mi * 60 + (long)sec;
	t -= sign * ((long)zh * 3600 + (long)zm * 60);
	return t == 0;
}

static struct klp_udiff_file *new_file(struct parser *p, unsigned line)
{
	struct klp_udiff *d = p->d;
	struct klp_udiff_file *f = klp_grow(d->files, &p->fcap, d->nfiles + 1, sizeof(*f));

	if (!f) {
		oom(p);
		return NULL;
	}
	d->files = f;
	f = &d->files[d->nfiles++];
	memset(f, 0, sizeof(*f));
	f->patch_line = line;
	return f;
}

static void git_clear(struct git_entry *g)
{
	free(g->a);
	free(g->b);
	free(g->from);
	free(g->to);
	memset(g, 0, sizeof(*g));
}

/* The hunk at L ("@@ ..."), and its lines. */
static int parse_hunk(struct parser *p, const struct line *l, struct klp_udiff_hunk *h,
		      const struct klp_udiff_hunk *prev)
{
	const char *s = l->s + 4, *end = l->s + l->hn;
	unsigned old_rem, new_rem, old_cur, new_cur, at = l->no;
	unsigned rem_first = 0, rem_last = 0, add_first = 0, add_last = 0;
	unsigned change_old = 0, change_new = 0;
	int changed = 0;
	char shown[200];
	struct line c;

	memset(h, 0, sizeof(*h));
	h->patch_line = at;
	h->old_count = h->new_count = 1;
	if (starts(l, "@@@"))
		return fail(p, "line %u: a combined diff (of a merge) cannot be applied as a patch; "
			    "give the diff against one parent", at);
	if (!starts(l, "@@ -") || read_number(&s, end, &h->old_start) ||
	    (s < end && *s == ',' && (s++, read_number(&s, end, &h->old_count))) ||
	    end - s < 2 || *s++ != ' ' || *s++ != '+' || read_number(&s, end, &h->new_start) ||
	    (s < end && *s == ',' && (s++, read_number(&s, end, &h->new_count))) ||
	    end - s < 3 || memcmp(s, " @@", 3) != 0) {
		klp_quote_field(shown, sizeof(shown), l->s, l->hn);
		return fail(p, "line %u: malformed hunk header '%s': a hunk starts with "
			    "'@@ -OLD[,COUNT] +NEW[,COUNT] @@'", at, shown);
	}
	if ((h->old_count && !h->old_start) || (h->new_count && !h->new_start))
		return fail(p, "line %u: hunk header @@ -%u,%u +%u,%u @@ starts a side that has lines "
			    "at line 0; lines count from 1", at, h->old_start, h->old_count,
			    h->new_start, h->new_count);
	if (!h->old_count && !h->new_count)
		return fail(p, "line %u: hunk header @@ -%u,0 +%u,0 @@ has no line on either side",
			    at, h->old_start, h->new_start);
	old_cur = h->old_start + !h->old_count;
	new_cur = h->new_start + !h->new_count;
	if (prev) {
		unsigned prev_old = prev->old_start + prev->old_count - !!prev->old_count;
		unsigned prev_new = prev->new_start + prev->new_count - !!prev->new_count;

		if (old_cur <= prev_old || new_cur <= prev_new)
			return fail(p, "line %u: hunk @@ -%u,%u +%u,%u @@ starts before the hunk at "
				    "line %u ends (old line %u, new line %u): the hunks of a file "
				    "must follow each other", at, h->old_start, h->old_count,
				    h->new_start, h->new_count, prev->patch_line, prev_old,
				    prev_new);
	}
	take(p, l);
	old_rem = h->old_count;
	new_rem = h->new_count;
	while (old_rem || new_rem) {
		char kind;

		if (!peek(p, &c) || (c.hn && !memchr(" -+\\", c.s[0], 4))) {
			return fail(p, "line %u: the hunk at line %u (@@ -%u,%u +%u,%u @@) ends after "
				    "%u old and %u new lines, but its header counts %u and %u: the "
				    "counts must match the lines (regenerate the patch, or correct "
				    "the counts of an edited one)", p->line + !!peek(p, &c), at,
				    h->old_start, h->old_count, h->new_start, h->new_count,
				    h->old_count - old_rem, h->new_count - new_rem, h->old_count,
				    h->new_count);
		}
		kind = c.hn ? c.s[0] : ' ';
		if (kind == '\\') {
			take(p, &c);
			continue;
		}
		if ((kind != '+' && !old_rem) || (kind != '-' && !new_rem)) {
			int old_side = kind != '+' && !old_rem;

			return fail(p, "line %u: the hunk at line %u (@@ -%u,%u +%u,%u @@) has more %s "
				    "lines than the %u its header counts: the counts must match the "
				    "lines (regenerate the patch, or correct the counts of an edited "
				    "one)", c.no, at, h->old_start, h->old_count, h->new_start,
				    h->new_count, old_side ? "old" : "new",
				    old_side ? h->old_count : h->new_count);
		}
		if (kind != ' ' && !changed) {
			changed = 1;
			change_old = old_cur;
			change_new = new_cur;
		}
		if (kind == '-') {
			if (!rem_first)
				rem_first = old_cur;
			rem_last = old_cur;
		} else if (kind == '+') {
			if (!add_first)
				add_first = new_cur;
			add_last = new_cur;
		}
		if (kind != '+') {
			old_cur++;
			old_rem--;
		}
		if (kind != '-') {
			new_cur++;
			new_rem--;
		}
		take(p, &c);
	}
	/* The marker of a missing newline after the hunk's last line. */
	if (peek(p, &c) && c.n && c.s[0] == '\\')
		take(p, &c);
	if (!changed) {
		change_old = h->old_start + !h->old_count;
		change_new = h->new_start + !h->new_count;
	}
	h->old_first_changed = rem_first ? rem_first : change_old;
	h->old_last_changed = rem_first ? rem_last : change_old - 1;
	h->new_first_changed = add_first ? add_first : change_new;
	h->new_last_changed = add_first ? add_last : change_new - 1;
	return 0;
}

/* The hunks after a "+++" line; at least one. */
static int parse_hunks(struct parser *p, struct klp_udiff_file *f, unsigned header_line)
{
	size_t cap = 0;
	struct line l;

	while (peek(p, &l) && starts(&l, "@@")) {
		struct klp_udiff_hunk *h = klp_grow(f->hunks, &cap, f->nhunks + 1, sizeof(*h));

		if (!h)
			return oom(p);
		f->hunks = h;
		if (parse_hunk(p, &l, &h[f->nhunks], f->nhunks ? &h[f->nhunks - 1] : NULL))
			return -1;
		f->nhunks++;
	}
	if (!f->nhunks)
		return fail(p, "line %u: no hunk ('@@ -OLD,COUNT +NEW,COUNT @@') follows the file "
			    "header", header_line);
	return 0;
}

/* The two paths of "diff --git A B", stripped, into G (NULL where they cannot be told apart). */
static int git_paths(struct parser *p, const struct line *l, struct git_entry *g)
{
	const char *s = l->s + 11, *why;
	size_t n = l->hn - 11, used, i;
	char *a = NULL, *b = NULL;

	if (memchr(s, '\0', n))
		return 0;	/* no paths: another line must name them */

	if (n && s[0] == '"') {
		used = unquote(s, n, &a, &why);
		if (!used)
			return fail(p, "line %u: the first quoted path of 'diff --git' %s", l->no, why);
		if (used + 1 < n && s[used] == ' ' && s[used + 1] == '"') {
			if (!unquote(s + used + 1, n - used - 1, &b, &why)) {
				free(a);
				return fail(p, "line %u: the second quoted path of 'diff --git' %s",
					    l->no, why);
			}
		} else if (used + 1 < n && s[used] == ' ') {
			b = strndup(s + used + 1, n - used - 1);
		}
	} else {
		/* Unquoted: where both halves are one file under different prefixes. */
		for (i = 0; i < n && !b; i++) {
			const char *x, *y;

			if (s[i] != ' ')
				continue;
			if (i + 1 < n && s[i + 1] == '"') {
				char *q = NULL;

				if (unquote(s + i + 1, n - i - 1, &q, &why) == n - i - 1) {
					a = strndup(s, i);
					b = q;
				} else if (q) {
					free(q);
				}
				continue;
			}
			a = strndup(s, i);
			b = strndup(s + i + 1, n - i - 1);
			if (!a || !b)
				break;
			x = strip_components(a, 1);
			y = strip_components(b, 1);
			if (strcmp(a, b) != 0 && (!x || !y || strcmp(x, y) != 0)) {
				free(a);
				free(b);
				a = b = NULL;
			}
		}
	}
	if (a && b) {
		const char *x = strip_components(a, p->strip), *y = strip_components(b, p->strip);

		g->a = x && *x ? strdup(x) : NULL;
		g->b = y && *y ? strdup(y) : NULL;
	}
	free(a);
	free(b);
	return 0;
}

/* A "rename from X" style line's path, stripped by STRIP - 1 (no a/ b/ there). */
static int git_side_path(struct parser *p, const struct line *l, size_t skip, char **out)
{
	const char *s = l->s + skip, *why;
	size_t n = l->hn - skip;
	unsigned strip = p->strip ? p->strip - 1 : 0;
	char *raw = NULL;
	int rc;

	free(*out);
	*out = NULL;
	if (n && s[0] == '"') {
		if (unquote(s, n, &raw, &why) != n) {
			free(raw);
			return fail(p, "line %u: the quoted path of '%.*s' %s", l->no, (int)skip - 1,
				    l->s, why ? why : "has text after its closing quote");
		}
	} else if (memchr(s, '\0', n)) {
		return fail(p, "line %u: the path of '%.*s' holds a NUL byte", l->no, (int)skip - 1,
			    l->s);
	} else if (n) {
		raw = strndup(s, n);
	}
	if (!n)
		return fail(p, "line %u: '%.*s' names no file", l->no, (int)skip - 1, l->s);
	if (!raw)
		return oom(p);
	rc = stripped_path(p, l->no, "git", raw, strip, out);
	free(raw);
	return rc;
}

/* Does L belong to the extended header of a git entry?  Takes what it says into G. */
static int git_header_line(struct parser *p, const struct line *l, struct git_entry *g, int *err)
{
	static const char *const skipped[] = { "index ", "similarity index ",
					       "dissimilarity index ", NULL };
	const char *const *k;

	*err = 0;
	if (g->binary == 2) {
		/* GIT binary patch data: "literal N", "delta N", base85 lines, blank lines. */
		if (!starts(l, "diff --git ") && !starts(l, "--- "))
			return 1;
		g->binary = 1;
	}
	for (k = skipped; *k; k++)
		if (starts(l, *k))
			return 1;
	if (starts(l, "old mode ") || starts(l, "new mode ")) {
		g->mode = 1;
		return 1;
	}
	if (starts(l, "new file mode ")) {
		g->new_file = 1;
		return 1;
	}
	if (starts(l, "deleted file mode ")) {
		g->deleted = 1;
		return 1;
	}
	if (starts(l, "rename from ") || starts(l, "copy from ")) {
		int rename = l->s[0] == 'r';

		g->rename |= rename;
		g->copy |= !rename;
		*err = git_side_path(p, l, rename ? 12 : 10, &g->from);
		return 1;
	}
	if (starts(l, "rename to ") || starts(l, "copy to ")) {
		int rename = l->s[0] == 'r';

		g->rename |= rename;
		g->copy |= !rename;
		*err = git_side_path(p, l, rename ? 10 : 8, &g->to);
		return 1;
	}
	if (starts(l, "Binary files ")) {
		g->binary = 1;
		return 1;
	}
	if (starts(l, "GIT binary patch")) {
		g->binary = 2;
		return 1;
	}
	return 0;
}

static void move_path(char **dst, char **src)
{
	*dst = *src;
	*src = NULL;
}

/* A git entry without a "---"/"+++" pair ends: what it did, from its header lines. */
static int git_finish(struct parser *p, struct git_entry *g)
{
	struct klp_udiff_file *f;

	if (!g->active)
		return 0;
	if (!g->new_file && !g->deleted && !g->rename && !g->copy && !g->binary && !g->mode) {
		unsigned line = g->line;

		git_clear(g);
		return fail(p, "line %u: the 'diff --git' entry says nothing about its file (no hunk, "
			    "rename, copy, mode or binary line)", line);
	}
	if ((g->rename || g->copy) && (!g->from || !g->to)) {
		const char *what = g->rename ? "rename" : "copy";
		unsigned line = g->line;

		git_clear(g);
		return fail(p, "line %u: the 'diff --git' entry has a '%s from' without a '%s to' "
			    "line or the other way round", line, what, what);
	}
	if (!g->from && (!g->a || !g->b)) {
		unsigned line = g->line;

		git_clear(g);
		return fail(p, "line %u: the two paths of 'diff --git' cannot be told apart (or do "
			    "not have the components -p%u strips), and no other line names them",
			    line, p->strip);
	}
	f = new_file(p, g->line);
	if (!f) {
		git_clear(g);
		return -1;
	}
	if (g->from) {
		move_path(&f->old_path, &g->from);
		move_path(&f->new_path, &g->to);
	} else {
		move_path(&f->old_path, &g->a);
		move_path(&f->new_path, &g->b);
	}
	if (g->new_file && g->deleted) {
		git_clear(g);
		return fail(p, "line %u: the entry both creates and deletes its file ('new file mode' "
			    "and 'deleted file mode')", f->patch_line);
	}
	if (g->new_file) {
		f->kind = KLP_UDIFF_CREATE;
		free(f->old_path);
		f->old_path = NULL;
	} else if (g->deleted) {
		f->kind = KLP_UDIFF_DELETE;
		free(f->new_path);
		f->new_path = NULL;
	} else if (g->rename) {
		f->kind = KLP_UDIFF_RENAME;
	} else if (g->copy) {
		f->kind = KLP_UDIFF_COPY;
	} else if (g->binary) {
		f->kind = KLP_UDIFF_BINARY;
	} else {
		f->kind = KLP_UDIFF_MODE;
	}
	git_clear(g);
	return 0;
}

/* A "---" line L followed by "+++" line M: the file, its hunks, and what G said of it. */
static int file_entry(struct parser *p, const struct line *l, const struct line *m,
		      struct git_entry *g)
{
	char *old_raw = NULL, *new_raw = NULL;
	const char *old_stamp, *new_stamp;
	size_t old_stamplen, new_stamplen;
	struct klp_udiff_file *f;
	int rc, created, deleted;
	size_t i;

	if (header_path(p, l, &old_raw, &old_stamp, &old_stamplen))
		return -1;
	if (header_path(p, m, &new_raw, &new_stamp, &new_stamplen)) {
		free(old_raw);
		return -1;
	}
	f = new_file(p, g->active ? g->line : l->no);
	rc = !f ? -1 : stripped_path(p, l->no, "old", old_raw, p->strip, &f->old_path);
	if (!rc)
		rc = stripped_path(p, m->no, "new", new_raw, p->strip, &f->new_path);
	free(old_raw);
	free(new_raw);
	if (rc) {
		git_clear(g);
		return -1;
	}
	if (!f->old_path && !f->new_path) {
		git_clear(g);
		return fail(p, "line %u: both sides of the file header are /dev/null", l->no);
	}
	take(p, l);
	take(p, m);
	if (g->rename || g->copy) {
		/* git names the sides in "rename from/to" without a/ b/: those win. */
		if (g->from && g->to) {
			free(f->old_path);
			free(f->new_path);
			move_path(&f->old_path, &g->from);
			move_path(&f->new_path, &g->to);
		}
	}
	if (parse_hunks(p, f, m->no)) {
		git_clear(g);
		return -1;
	}
	for (i = 0; i < f->nhunks; i++) {
		const struct klp_udiff_hunk *h = &f->hunks[i];

		if ((!f->old_path && h->old_count) || (!f->new_path && h->new_count)) {
			git_clear(g);
			return fail(p, "line %u: the hunk @@ -%u,%u +%u,%u @@ has %s lines, but the "
				    "file header at line %u says the file %s", h->patch_line,
				    h->old_start, h->old_count, h->new_start, h->new_count,
				    f->old_path ? "new" : "old", m->no,
				    f->old_path ? "is deleted (+++ /dev/null)" :
				    "is created (--- /dev/null)");
		}
	}
	created = !f->old_path || g->new_file ||
		  (f->nhunks == 1 && !f->hunks[0].old_count && is_epoch(old_stamp, old_stamplen));
	deleted = !f->new_path || g->deleted ||
		  (f->nhunks == 1 && !f->hunks[0].new_count && is_epoch(new_stamp, new_stamplen));
	if (created && deleted) {
		git_clear(g);
		return fail(p, "line %u: the entry both creates and deletes its file (/dev/null, "
			    "'new file mode', 'deleted file mode' or an epoch time stamp on both "
			    "sides)", f->patch_line);
	}
	if (created) {
		f->kind = KLP_UDIFF_CREATE;
		free(f->old_path);
		f->old_path = NULL;
	} else if (deleted) {
		f->kind = KLP_UDIFF_DELETE;
		free(f->new_path);
		f->new_path = NULL;
	} else if (g->rename) {
		f->kind = KLP_UDIFF_RENAME;
	} else if (g->copy) {
		f->kind = KLP_UDIFF_COPY;
	}
	git_clear(g);
	return 0;
}

/* Is the line after L a "+++ " line?  Then M is it. */
static int next_is_new_header(const struct parser *p, const struct line *l, struct line *m)
{
	struct parser q = *p;

	take(&q, l);
	return peek(&q, m) && starts(m, "+++ ");
}

int klp_udiff_parse(const char *text, size_t len, unsigned strip, struct klp_udiff *d,
		    char err[KLP_UDIFF_ERRLEN])
{
	struct parser p = { .text = text, .len = len, .strip = strip, .d = d, .err = err };
	struct git_entry g = { 0 };
	struct line l, m;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	err[0] = '\0';
	while (!rc && peek(&p, &l)) {
		int herr;

		if (starts(&l, "diff --cc ") || starts(&l, "diff --combined ")) {
			rc = fail(&p, "line %u: a combined diff (of a merge) cannot be applied as a "
				  "patch; give the diff against one parent", l.no);
			break;
		}
		if (starts(&l, "diff --git ")) {
			rc = git_finish(&p, &g);
			if (rc)
				break;
			g.active = 1;
			g.line = l.no;
			rc = git_paths(&p, &l, &g);
			take(&p, &l);
			continue;
		}
		if (starts(&l, "--- ") && next_is_new_header(&p, &l, &m)) {
			rc = file_entry(&p, &l, &m, &g);
			continue;
		}
		if (g.active) {
			if (git_header_line(&p, &l, &g, &herr)) {
				rc = herr;
				take(&p, &l);
				continue;
			}
			rc = git_finish(&p, &g);
			continue;
		}
		take(&p, &l);
	}
	if (!rc)
		rc = git_finish(&p, &g);
	git_clear(&g);
	if (rc) {
		klp_udiff_free(d);
		return -1;
	}
	return 0;
}

void klp_udiff_free(struct klp_udiff *d)
{
	size_t i;

	for (i = 0; i < d->nfiles; i++) {
		free(d->files[i].old_path);
		free(d->files[i].new_path);
		free(d->files[i].hunks);
	}
	free(d->files);
	memset(d, 0, sizeof(*d));
}

const char *klp_udiff_kind_name(enum klp_udiff_kind kind)
{
	static const char *const names[] = {
		[KLP_UDIFF_MODIFY] = "modify", [KLP_UDIFF_CREATE] = "create",
		[KLP_UDIFF_DELETE] = "delete", [KLP_UDIFF_RENAME] = "rename",
		[KLP_UDIFF_COPY] = "copy",     [KLP_UDIFF_BINARY] = "binary",
		[KLP_UDIFF_MODE] = "mode",
	};

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "unknown";
}
