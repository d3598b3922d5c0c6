// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * linesync.c - `#line` marks that keep __LINE__ as in the original (see
 * linesync.h for the rules).
 *
 * Three steps: the lines of both texts become numbers (equal lines, equal
 * numbers); Myers' O(ND) difference in linear space pairs the lines both
 * have; a small C lexer says, for each line of each text, whether a
 * directive may go before it and what the preprocessor's line number is
 * there.  The marks follow from walking the patched lines once.
 */
#include "linesync.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct text {
	const char *s;
	size_t len;
	size_t n;		/* lines */
	size_t *start;		/* n + 1 offsets: line L is s[start[L], start[L + 1]) */
	unsigned *id;		/* equal lines, equal ids */
};

/* What the lexer says about one physical line (0-based arrays). */
#define LINE_SAFE	1	/* at its start: no comment, literal, continuation, parenthesis */
#define LINE_COND_CLOSE	2	/* it is #else, #elif or #endif of a group at depth[] */
#define LINE_SETS	4	/* a #line or line marker ends on it: next[] numbers the next line */

struct lexed {
	unsigned char *flags;
	unsigned *depth;	/* conditional nesting at the line's start */
	unsigned *next;		/* with LINE_SETS */
};

static int split_lines(const char *s, size_t len, struct text *t)
{
	size_t i, n = 0, cap = 0;

	memset(t, 0, sizeof(*t));
	t->s = s;
	t->len = len;
	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	n += len && s[len - 1] != '\n';
	cap = n + 1;
	t->start = malloc(cap * sizeof(*t->start));
	t->id = malloc((n ? n : 1) * sizeof(*t->id));
	if (!t->start || !t->id)
		return -1;
	t->n = 0;
	t->start[0] = 0;
	for (i = 0; i < len; i++)
		if (s[i] == '\n')
			t->start[++t->n] = i + 1;
	if (len && s[len - 1] != '\n')
		t->start[++t->n] = len;
	return 0;
}

static void text_free(struct text *t)
{
	free(t->start);
	free(t->id);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n--) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Number the lines of A and B: one id per distinct line. */
static int number_lines(struct text *a, struct text *b)
{
	size_t cap = 16, mask, k;
	struct slot {
		const char *s;
		size_t n;
		unsigned id;
	} *table;
	unsigned next = 1;
	struct text *t[2] = { a, b };
	int side;

	while (cap < 2 * (a->n + b->n) + 2)
		cap *= 2;
	table = calloc(cap, sizeof(*table));
	if (!table)
		return -1;
	mask = cap - 1;
	for (side = 0; side < 2; side++) {
		for (k = 0; k < t[side]->n; k++) {
			const char *s = t[side]->s + t[side]->start[k];
			size_t n = t[side]->start[k + 1] - t[side]->start[k];
			size_t h = (size_t)hash_bytes(s, n) & mask;

			while (table[h].s && (table[h].n != n || memcmp(table[h].s, s, n) != 0))
				h = (h + 1) & mask;
			if (!table[h].s) {
				table[h].s = s;
				table[h].n = n;
				table[h].id = next++;
			}
			t[side]->id[k] = table[h].id;
		}
	}
	free(table);
	return 0;
}

struct myers {
	const unsigned *a, *b;
	long *vf, *vb;		/* indexed from -off */
	long off;
	long *match;		/* a's line -> b's line, or -1 */
};

/*
 * A point (*X, *Y) on a shortest edit path between a[a0, a1) and b[b0, b1),
 * about half way, where the ends differ (so neither half is the whole).
 */
static void middle(struct myers *m, long a0, long a1, long b0, long b1, long *px, long *py)
{
	long n = a1 - a0, k_max = (n + (b1 - b0) + 1) / 2, delta = n - (b1 - b0), d, k;
	long *vf = m->vf + m->off, *vb = m->vb + m->off;
	int odd = (int)(delta & 1);

	vf[1] = 0;
	vb[1] = 0;
	for (d = 0; d <= k_max; d++) {
		for (k = -d; k <= d; k += 2) {
			long x = k == -d || (k != d && vf[k - 1] < vf[k + 1]) ? vf[k + 1] :
								     vf[k - 1] + 1;
			long y = x - k;

			while (x < n && y < b1 - b0 && m->a[a0 + x] == m->b[b0 + y]) {
				x++;
				y++;
			}
			vf[k] = x;
			if (odd && delta - k >= -(d - 1) && delta - k <= d - 1 &&
			    x + vb[delta - k] >= n) {
				*px = a0 + x;
				*py = b0 + y;
				return;
			}
		}
		for (k = -d; k <= d; k += 2) {
			long x = k == -d || (k != d && vb[k - 1] < vb[k + 1]) ? vb[k + 1] :
								     vb[k - 1] + 1;
			long y = x - k;

			while (x < n && y < b1 - b0 && m->a[a1 - 1 - x] == m->b[b1 - 1 - y]) {
				x++;
				y++;
			}
			vb[k] = x;
			if (!odd && delta - k >= -d && delta - k <= d && x + vf[delta - k] >= n) {
				*px = a1 - x;
				*py = b1 - y;
				return;
			}
		}
	}
	/* Not reached for differing ends; a split at the start stops the caller. */
	*px = a0;
	*py = b0;
}

static void pair_lines(struct myers *m, long a0, long a1, long b0, long b1)
{
	for (;;) {
		long x, y;

		while (a0 < a1 && b0 < b1 && m->a[a0] == m->b[b0])
			m->match[a0++] = b0++;
		while (a0 < a1 && b0 < b1 && m->a[a1 - 1] == m->b[b1 - 1])
			m->match[--a1] = --b1;
		if (a0 == a1 || b0 == b1)
			return;
		middle(m, a0, a1, b0, b1, &x, &y);
		if ((x == a0 && y == b0) || (x == a1 && y == b1))
			return;
		pair_lines(m, a0, x, b0, y);
		a0 = x;
		b0 = y;
	}
}

/* The lexer's state while it walks a text. */
struct lexer {
	const char *s;
	size_t len, i;
	size_t line;		/* physical line of s[i] */
	size_t logical;		/* physical line where the current logical line began */
	struct lexed *out;
	long paren;
	unsigned depth;
	int token_seen, in_directive;
	struct cond {
		long saved, max_end;
		int has_else;
	} *conds;
	size_t nconds, cap;
};

/* Step over backslash-newlines at the read position (GCC also takes blanks between them). */
static void splices(struct lexer *x)
{
	for (;;) {
		size_t j = x->i;

		if (j >= x->len || x->s[j] != '\\')
			return;
		j++;
		while (j < x->len && (x->s[j] == ' ' || x->s[j] == '\t' || x->s[j] == '\f' ||
				      x->s[j] == '\v' || x->s[j] == '\r'))
			j++;
		if (j >= x->len || x->s[j] != '\n')
			return;
		x->i = j + 1;
		x->line++;
		/* A continued line: its start was set unsafe by default. */
	}
}

/* The next logical character (splices removed), or -1 at the end; does not take it. */
static int peek_char(struct lexer *x)
{
	splices(x);
	return x->i < x->len ? (unsigned char)x->s[x->i] : -1;
}

static int next_char(struct lexer *x)
{
	int c = peek_char(x);

	if (c < 0)
		return c;
	x->i++;
	if (c == '\n') {
		x->line++;
		x->logical = x->line;
	}
	return c;
}

/* Record the start of physical line x->line, now that the previous one ended for real. */
static void line_begins(struct lexer *x, int in_comment)
{
	if (x->line >= SIZE_MAX / 2)
		return;
	x->out->depth[x->line] = x->depth;
	if (!in_comment && x->paren == 0)
		x->out->flags[x->line] |= LINE_SAFE;
}

static int directive(struct lexer *x)
{
	char name[16];
	size_t n = 0;
	int c;

	while ((c = peek_char(x)) == ' ' || c == '\t')
		next_char(x);
	if (c >= '0' && c <= '9') {
		memcpy(name, "line", 5);
	} else {
		while ((c = peek_char(x)) >= 0 && ((c >= 'a' && c <= 'z') || c == '_') &&
		       n + 1 < sizeof(name)) {
			name[n++] = (char)c;
			next_char(x);
		}
		name[n] = '\0';
	}
	if (!strcmp(name, "if") || !strcmp(name, "ifdef") || !strcmp(name, "ifndef")) {
		struct cond *grown = klp_grow(x->conds, &x->cap, x->nconds + 1, sizeof(*grown));

		if (!grown)
			return -1;
		x->conds = grown;
		x->conds[x->nconds++] = (struct cond){ .saved = x->paren, .max_end = x->paren };
		x->depth++;
	} else if (!strcmp(name, "elif") || !strcmp(name, "else") || !strcmp(name, "elifdef") ||
		   !strcmp(name, "elifndef") || !strcmp(name, "endif")) {
		x->out->flags[x->logical] |= LINE_COND_CLOSE;
		if (x->nconds) {
			struct cond *top = &x->conds[x->nconds - 1];

			if (x->paren > top->max_end)
				top->max_end = x->paren;
			if (name[1] == 'n') {
				/* A group without #else may be skipped: its start's depth counts. */
				x->paren = top->max_end;
				x->nconds--;
				x->depth--;
			} else {
				top->has_else |= name[2] == 's';
				x->paren = top->saved;
			}
		}
	} else if (!strcmp(name, "line")) {
		unsigned long v = 0;
		int digits = 0;

		while ((c = peek_char(x)) == ' ' || c == '\t')
			next_char(x);
		while ((c = peek_char(x)) >= '0' && c <= '9' && v < 0x7fffffffUL) {
			v = v * 10 + (unsigned long)(c - '0');
			digits++;
			next_char(x);
		}
		/* The caller records it on the line where the directive ends. */
		if (digits && v > 0 && v <= 0x7fffffffUL)
			return (int)v;
	}
	return 0;
}

/* Lex TEXT's lines into OUT (arrays of T->n entries, zeroed). */
static int lex(const struct text *t, struct lexed *out)
{
	struct lexer x = { .s = t->s, .len = t->len, .out = out };
	long line_value = 0;
	int c;

	if (!t->n)
		return 0;
	line_begins(&x, 0);
	while ((c = next_char(&x)) >= 0) {
		if (c == '\n') {
			if (line_value && x.line - 1 < t->n) {
				out->flags[x.line - 1] |= LINE_SETS;
				out->next[x.line - 1] = (unsigned)line_value;
			}
			line_value = 0;
			x.token_seen = 0;
			x.in_directive = 0;
			if (x.line < t->n)
				line_begins(&x, 0);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			continue;
		if (c == '/' && peek_char(&x) == '*') {
			int prev = 0;

			next_char(&x);
			while ((c = next_char(&x)) >= 0 && !(prev == '*' && c == '/')) {
				prev = c;
				if (c == '\n' && x.line < t->n)
					line_begins(&x, 1);
			}
			continue;
		}
		if (c == '/' && peek_char(&x) == '/') {
			while ((c = peek_char(&x)) >= 0 && c != '\n')
				next_char(&x);
			continue;
		}
		if (c == '"' || c == '\'') {
			int quote = c;

			x.token_seen = 1;
			while ((c = peek_char(&x)) >= 0 && c != '\n') {
				next_char(&x);
				if (c == quote)
					break;
				if (c == '\\' && peek_char(&x) >= 0 && peek_char(&x) != '\n')
					next_char(&x);
			}
			continue;
		}
		if (c == '#' && !x.token_seen) {
			int v;

			x.token_seen = 1;
			x.in_directive = 1;
			v = directive(&x);
			if (v < 0) {
				free(x.conds);
				return -1;
			}
			line_value = v;
			continue;
		}
		x.token_seen = 1;
		if (x.in_directive)
			continue;
		if (c == '(')
			x.paren++;
		else if (c == ')' && x.paren > 0)
			x.paren--;
	}
	if (line_value && x.line < t->n) {
		out->flags[x.line] |= LINE_SETS;
		out->next[x.line] = (unsigned)line_value;
	}
	free(x.conds);
	return 0;
}

static int lexed_alloc(struct lexed *l, size_t n)
{
	size_t k = n ? n : 1;

	l->flags = calloc(k, 1);
	l->depth = calloc(k, sizeof(*l->depth));
	l->next = calloc(k, sizeof(*l->next));
	return l->flags && l->depth && l->next ? 0 : -1;
}

static void lexed_free(struct lexed *l)
{
	free(l->flags);
	free(l->depth);
	free(l->next);
}

static int add_region(struct klp_linesync *s, size_t *cap, long o0, long o1, long p0, long p1)
{
	struct klp_linesync_region *r = klp_grow(s->regions, cap, s->nregions + 1, sizeof(*r));

	if (!r)
		return -1;
	s->regions = r;
	r += s->nregions++;
	r->orig_first = (unsigned)o0 + 1;
	r->orig_last = (unsigned)o1;
	r->new_first = (unsigned)p0 + 1;
	r->new_last = (unsigned)p1;
	return 0;
}

static int add_mark(struct klp_linesync *s, size_t *cap, size_t line, unsigned orig)
{
	struct klp_linesync_mark *m = klp_grow(s->marks, cap, s->nmarks + 1, sizeof(*m));

	if (!m)
		return -1;
	s->marks = m;
	m[s->nmarks].new_line = (unsigned)line + 1;
	m[s->nmarks].orig_line = orig;
	s->nmarks++;
	return 0;
}

/* The regions between paired lines, and the marks the patched side needs. */
static int plan_marks(struct klp_linesync *s, const struct text *o, const struct text *p,
		      const long *omatch, const long *pmatch, const struct lexed *ol,
		      const struct lexed *pl)
{
	size_t rcap = 0, mcap = 0, i, j;
	unsigned *onum = malloc((o->n + 1) * sizeof(*onum)), eff = 1, mark_depth = 0;
	long pi = -1, pj = -1;
	int uncertain = 0, rc = 0;

	if (!onum)
		return -1;
	/* The original's numbers under #line: its own directives count. */
	onum[0] = 1;
	for (i = 0; i < o->n; i++)
		onum[i + 1] = ol->flags[i] & LINE_SETS ? ol->next[i] : onum[i] + 1;
	for (i = 0; i <= o->n && !rc; i++) {
		long ci = (long)i, cj;

		if (i < o->n && omatch[i] < 0)
			continue;
		cj = i < o->n ? omatch[i] : (long)p->n;
		if (ci - pi > 1 || cj - pj > 1)
			rc = add_region(s, &rcap, pi + 1, ci, pj + 1, cj);
		pi = ci;
		pj = cj;
	}
	for (j = 0; j < p->n && !rc; j++) {
		unsigned char f = pl->flags[j];

		if (pmatch[j] >= 0 && (f & LINE_SAFE) && !(f & LINE_COND_CLOSE) &&
		    (uncertain || eff != onum[pmatch[j]])) {
			eff = onum[pmatch[j]];
			mark_depth = pl->depth[j];
			uncertain = 0;
			rc = add_mark(s, &mcap, j, eff);
		}
		/* A mark in a group that may be skipped says nothing after the group. */
		if ((f & LINE_COND_CLOSE) && pl->depth[j] <= mark_depth && mark_depth)
			uncertain = 1;
		eff = f & LINE_SETS ? pl->next[j] : eff + 1;
	}
	free(onum);
	return rc;
}

int klp_linesync_plan(const char *orig, size_t olen, const char *patched, size_t plen,
		      struct klp_linesync *s)
{
	struct text o, p;
	struct lexed ol = { 0 }, pl = { 0 };
	struct myers m = { 0 };
	long *pmatch = NULL;
	size_t i;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	if (split_lines(orig, olen, &o) | split_lines(patched, plen, &p) ||
	    o.n > 0x7fffffff || p.n > 0x7fffffff || number_lines(&o, &p))
		goto out;
	m.a = o.id;
	m.b = p.id;
	m.off = (long)((o.n + p.n + 1) / 2) + 2;
	m.vf = malloc((size_t)(2 * m.off + 1) * sizeof(long));
	m.vb = malloc((size_t)(2 * m.off + 1) * sizeof(long));
	m.match = malloc((o.n ? o.n : 1) * sizeof(long));
	pmatch = malloc((p.n ? p.n : 1) * sizeof(long));
	if (!m.vf || !m.vb || !m.match || !pmatch || lexed_alloc(&ol, o.n) || lexed_alloc(&pl, p.n))
		goto out;
	for (i = 0; i < o.n; i++)
		m.match[i] = -1;
	for (i = 0; i < p.n; i++)
		pmatch[i] = -1;
	pair_lines(&m, 0, (long)o.n, 0, (long)p.n);
	for (i = 0; i < o.n; i++)
		if (m.match[i] >= 0)
			pmatch[m.match[i]] = (long)i;
	if (lex(&o, &ol) || lex(&p, &pl))
		goto out;
	rc = plan_marks(s, &o, &p, m.match, pmatch, &ol, &pl);
out:
	text_free(&o);
	text_free(&p);
	lexed_free(&ol);
	lexed_free(&pl);
	free(m.vf);
	free(m.vb);
	free(m.match);
	free(pmatch);
	if (rc)
		klp_linesync_free(s);
	return rc;
}

void klp_linesync_free(struct klp_linesync *s)
{
	free(s->marks);
	free(s->regions);
	memset(s, 0, sizeof(*s));
}

int klp_linesync_apply(const char *patched, size_t plen, const struct klp_linesync *s,
		       const char *comment, char **out, size_t *outlen)
{
	size_t k, pos = 0, o = 0, room, clen = strlen(comment);
	unsigned line = 1;
	char *buf;

	/* Each mark: "#line " digits, " " COMMENT, "\r\n". */
	if (s->nmarks > (SIZE_MAX - plen - 1) / (clen + 24)) {
		errno = ENOMEM;
		return -1;
	}
	room = plen + s->nmarks * (clen + 24) + 1;
	buf = malloc(room);
	if (!buf)
		return -1;
	for (k = 0; k <= s->nmarks; k++) {
		size_t until = plen;

		if (k < s->nmarks) {
			unsigned want = s->marks[k].new_line;

			if (want < line || (k && want <= s->marks[k - 1].new_line))
				goto invalid;
			until = pos;
			while (line < want) {
				const char *nl = until < plen ? memchr(patched + until, '\n',
								       plen - until) : NULL;

				if (!nl)
					goto invalid;
				until = (size_t)(nl - patched) + 1;
				line++;
			}
			if (until >= plen)
				goto invalid;
		}
		memcpy(buf + o, patched + pos, until - pos);
		o += until - pos;
		pos = until;
		if (k < s->nmarks) {
			const char *nl;
			size_t eol;
			int crlf;

			/* A mark ends as the line before it does, or the first line does. */
			if (pos) {
				eol = pos - 1;
			} else {
				nl = memchr(patched, '\n', plen);
				eol = nl ? (size_t)(nl - patched) : 0;
			}
			crlf = eol > 0 && patched[eol] == '\n' && patched[eol - 1] == '\r';
			o += (size_t)snprintf(buf + o, room - o, "#line %u%s%s%s",
					      s->marks[k].orig_line, clen ? " " : "", comment,
					      crlf ? "\r\n" : "\n");
		}
	}
	buf[o] = '\0';
	*out = buf;
	*outlen = o;
	return 0;
invalid:
	free(buf);
	errno = EINVAL;
	return -1;
}
