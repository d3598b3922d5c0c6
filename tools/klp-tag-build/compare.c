// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compare.c - klp-tag-build's compare stage (docs/klp-tag-build.md,
 * "Comparing"): two objects of one C file, the original and the patched
 * compile as kbuild leaves them (after objtool), symbol by symbol.
 *
 * What may move without being a change, and how each is compared:
 *   - Functions move when an earlier one changes size (the 5.4 and 6.1
 *     kernels compile without -ffunction-sections: one .text).  A
 *     relocation against .text+0x1c0 is compared as the function it
 *     points into plus an offset, and a call or jump GNU as resolved
 *     itself (a local function of the same section: bare PC-relative
 *     bytes, no relocation) is decoded (common/x86insn.h) and compared by
 *     the symbol and offset it leads to.
 *   - Strings and constants of SHF_MERGE sections have no symbol, and
 *     their offsets change when another string does: a reference is
 *     compared as the bytes it leads to.
 *   - Code that only special sections reach (.altinstr_replacement,
 *     .altinstr_aux, .fixup) has no symbol either: a reference into it is
 *     compared as its piece (the bytes up to the next place any
 *     relocation of the file leads to there) with its relocations.
 *   - GCC numbers IPA clones and function-local statics per unit: a
 *     change elsewhere renumbers them (foo.isra.0 / foo.isra.1, count.7 /
 *     count.12).  Clones are paired by their origin and kind from the
 *     describe files, in order; local statics by (function, C name,
 *     ordinal).  A reference to a paired symbol is compared as its pair.
 *   - X.cold is part of X: it is paired through X, and when it differs X
 *     does.
 *
 * Special sections: an entry belongs to a function when one of its
 * relocations leads into the function's code; the entry runs from there
 * to the next such relocation of its section.  A function's entries are
 * compared as the set of (offset in the function, the entry's bytes and
 * relocations), so entries of other functions and the entries' order in
 * the section do not matter.  ORC (.orc_unwind_ip, .orc_unwind) is not
 * compared: objtool derives it from the function's instructions, which
 * are compared, and .orc_unwind is a parallel array indexed by the
 * position of the .orc_unwind_ip entry, which depends on every earlier
 * function of the section, not on this one.
 */
#include "tb.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x86insn.h"

/* The sections whose entries record something about a place in a function. */
static const char *const special_sections[] = {
	".altinstructions", ".parainstructions", "__ex_table", "__jump_table",
	".static_call_sites", "__bug_table", ".smp_locks", "__mcount_loc",
	".retpoline_sites", ".return_sites", ".call_sites", ".ibt_endbr_seal",
};

/*
 * A comparison key: text as far as it fits, and the length and FNV-1a
 * hash of all of it, so two long keys that differ past the text still
 * differ.
 */
#define KEY_TEXT 1024
struct key {
	char text[KEY_TEXT];
	size_t len;		/* of everything added, not only of text */
	uint64_t hash;
};

static void key_init(struct key *k)
{
	k->text[0] = '\0';
	k->len = 0;
	k->hash = 0xcbf29ce484222325ull;
}

static void key_add(struct key *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void key_add(struct key *k, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;
	size_t i, m;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	m = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
	for (i = 0; i < m; i++)
		k->hash = (k->hash ^ (unsigned char)buf[i]) * 0x100000001b3ull;
	if (k->len < KEY_TEXT - 1) {
		size_t room = KEY_TEXT - 1 - k->len;

		memcpy(k->text + k->len, buf, m < room ? m : room);
		k->text[k->len + (m < room ? m : room)] = '\0';
	}
	k->len += m;
}

static bool key_eq(const struct key *a, const struct key *b)
{
	return a->len == b->len && a->hash == b->hash && strcmp(a->text, b->text) == 0;
}

/* One anchored special-section entry: where in which code it is about. */
struct anchor {
	size_t shndx;		/* of the code */
	uint64_t addr;		/* in that section */
	size_t special;		/* the special section's index */
	uint64_t entry, entry_len;	/* the entry's place in it */
};

/* One object of the comparison and what was worked out about it. */
struct side {
	const struct ef_file *f;
	const struct klp_describe *d;
	bool patched;
	long *pair;		/* symbol index -> index in tb_cmp.syms, -1 */
	struct tb_cmp *c;
	/* Per section: the sorted places relocations lead to (piece starts). */
	uint64_t **starts;
	size_t *nstarts;
	struct anchor *anchors;	/* by (shndx, addr) */
	size_t nanchors;
};

static bool pc_relative(uint32_t type)
{
	switch (type) {
	case R_X86_64_PC8:
	case R_X86_64_PC16:
	case R_X86_64_PC32:
	case R_X86_64_PLT32:
	case R_X86_64_PC64:
	case R_X86_64_GOTPCREL:
	case R_X86_64_GOTPCRELX:
	case R_X86_64_REX_GOTPCRELX:
		return true;
	default:
		return false;
	}
}

static bool is_cand(const struct ef_file *f, const struct ef_sym *s)
{
	unsigned t = GELF_ST_TYPE(s->s.st_info);

	return (t == STT_FUNC || t == STT_OBJECT) && s->name[0] && ef_sym_defined(f, s);
}

/* The name a symbol is compared by: its pair's original name. */
static void canonical(const struct side *sd, size_t sym, struct key *k)
{
	const struct ef_sym *s = &sd->f->syms[sym];
	long p = sd->pair ? sd->pair[sym] : -1;

	if (p >= 0 && sd->c->syms[p].orig_name)
		key_add(k, "%s", sd->c->syms[p].orig_name);
	else if (p >= 0)
		key_add(k, "%s (new)", s->name);
	else
		key_add(k, "%s", s->name[0] ? s->name : "(unnamed)");
}

/* The FUNC or OBJECT symbol of section SHNDX holding ADDR: functions first, then objects. */
static long symbol_at(const struct ef_file *f, size_t shndx, uint64_t addr)
{
	const struct ef_sym *fn = ef_function_at(f, shndx, addr);
	size_t i;

	if (fn)
		return fn - f->syms;
	for (i = 1; i < f->nsyms; i++) {
		const struct ef_sym *s = &f->syms[i];

		if (GELF_ST_TYPE(s->s.st_info) == STT_OBJECT && s->shndx == shndx &&
		    ef_sym_defined(f, s) && addr >= s->s.st_value &&
		    addr - s->s.st_value < (s->s.st_size ? s->s.st_size : 1))
			return (long)i;
	}
	return -1;
}

static void add_escaped(struct key *k, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
			key_add(k, "%c", p[i]);
		else
			key_add(k, "\\x%02x", p[i]);
	}
}

/* Where a piece of section SHNDX that starts at ADDR ends. */
static uint64_t piece_end(const struct side *sd, size_t shndx, uint64_t addr)
{
	const uint64_t *st = sd->starts[shndx];
	size_t lo = 0, hi = sd->nstarts[shndx];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st[mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sd->nstarts[shndx] ? st[lo] : sd->f->secs[shndx].sh.sh_size;
}

static void add_region(const struct side *sd, const struct ef_sec *s, uint64_t from, uint64_t to,
		       int depth, struct key *k);

/*
 * What the place ADDR of section SHNDX is, for a reference leading there:
 * a symbol and offset, a string's or constant's bytes, or a piece's.
 */
static void add_place(const struct side *sd, size_t shndx, uint64_t addr, int depth, struct key *k)
{
	const struct ef_sec *s = &sd->f->secs[shndx];
	long sym;

	if ((s->sh.sh_flags & SHF_MERGE) && s->data && addr < s->size) {
		const unsigned char *p = s->data + addr;
		size_t n;

		if (s->sh.sh_flags & SHF_STRINGS) {
			const unsigned char *nul = memchr(p, 0, s->size - addr);

			n = nul ? (size_t)(nul - p) : s->size - addr;
			key_add(k, "\"");
			add_escaped(k, p, n);
			key_add(k, "\"");
		} else {
			n = s->sh.sh_entsize && s->sh.sh_entsize <= s->size - addr ?
			    s->sh.sh_entsize : s->size - addr;
			key_add(k, "constant ");
			add_escaped(k, p, n);
		}
		return;
	}
	sym = symbol_at(sd->f, shndx, addr);
	if (sym >= 0) {
		canonical(sd, (size_t)sym, k);
		key_add(k, "%+lld", (long long)(addr - sd->f->syms[sym].s.st_value));
		return;
	}
	if (depth > 0) {
		key_add(k, "%s piece", s->name);
		return;
	}
	key_add(k, "%s piece {", s->name);
	add_region(sd, s, addr, piece_end(sd, shndx, addr), depth + 1, k);
	key_add(k, "}");
}

/* Where relocation R leads, BIAS being what the CPU adds to a PC-relative field's place. */
static void add_target(const struct side *sd, const struct ef_rel *r, uint64_t bias, int depth,
		       struct key *k)
{
	const struct ef_sym *s = &sd->f->syms[r->sym];

	/*
	 * A section symbol, or an assembler-local label the object kept
	 * (.LC56, a string GCC numbered in output order: one more string
	 * renumbers every later one): the place it leads to.
	 */
	if ((GELF_ST_TYPE(s->s.st_info) == STT_SECTION ||
	     (GELF_ST_BIND(s->s.st_info) == STB_LOCAL && !strncmp(s->name, ".L", 2))) &&
	    ef_sym_defined(sd->f, s)) {
		add_place(sd, s->shndx, s->s.st_value + (uint64_t)r->addend + bias, depth, k);
		return;
	}
	canonical(sd, r->sym, k);
	key_add(k, "%+lld", (long long)((uint64_t)r->addend + bias));
}

/* Bytes FROM..TO of section S with their relocations (PC-relative ones leading from the field). */
static void add_region(const struct side *sd, const struct ef_sec *s, uint64_t from, uint64_t to,
		       int depth, struct key *k)
{
	size_t i = ef_rel_lower_bound(s, from);
	uint64_t off;
	char tn[32];

	key_add(k, "%llu bytes", (unsigned long long)(to - from));
	for (off = from; off < to && s->data && off < s->size;) {
		const struct ef_rel *r = i < s->nrels && s->rels[i].offset < to ? &s->rels[i] : NULL;

		if (r && r->offset <= off) {
			key_add(k, " @%llu %s ", (unsigned long long)(r->offset - from),
				ef_reloc_name(r->type, tn));
			add_target(sd, r, 0, depth, k);
			off = r->offset + (ef_reloc_size(r->type) ? ef_reloc_size(r->type) : 1);
			i++;
			continue;
		}
		key_add(k, " %02x", s->data[off]);
		off++;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Every place of each section some relocation leads to: where pieces begin. */
static int find_piece_starts(struct side *sd)
{
	const struct ef_file *f = sd->f;
	size_t i, j, *cap;

	sd->starts = calloc(f->nsecs, sizeof(*sd->starts));
	sd->nstarts = calloc(f->nsecs, sizeof(*sd->nstarts));
	cap = calloc(f->nsecs, sizeof(*cap));
	if (!sd->starts || !sd->nstarts || !cap) {
		free(cap);
		return -1;
	}
	for (i = 0; i < f->nsecs; i++) {
		const struct ef_sec *s = &f->secs[i];
		bool code = s->sh.sh_flags & SHF_EXECINSTR;

		for (j = 0; j < s->nrels; j++) {
			const struct ef_rel *r = &s->rels[j];
			const struct ef_sym *t = &f->syms[r->sym];
			size_t to = t->shndx;
			uint64_t *grown;

			if (!ef_sym_defined(f, t))
				continue;
			grown = klp_grow(sd->starts[to], &cap[to], sd->nstarts[to] + 1,
					 sizeof(uint64_t));
			if (!grown) {
				free(cap);
				return -1;
			}
			sd->starts[to] = grown;
			/* In code a PC-relative field is mostly the instruction's last. */
			grown[sd->nstarts[to]++] = t->s.st_value + (uint64_t)r->addend +
				(code && pc_relative(r->type) ? ef_reloc_size(r->type) : 0);
		}
	}
	free(cap);
	for (i = 0; i < f->nsecs; i++)
		if (sd->nstarts[i])
			qsort(sd->starts[i], sd->nstarts[i], sizeof(uint64_t), cmp_u64);
	return 0;
}

static int cmp_anchor(const void *a, const void *b)
{
	const struct anchor *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->special != y->special)
		return x->special < y->special ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static bool is_special(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(special_sections) / sizeof(special_sections[0]); i++)
		if (strcmp(name, special_sections[i]) == 0)
			return true;
	return false;
}

/* The special sections' relocations that lead into a function, each with its entry. */
static int find_anchors(struct side *sd)
{
	const struct ef_file *f = sd->f;
	size_t i, j, cap = 0;

	for (i = 0; i < f->nsecs; i++) {
		const struct ef_sec *s = &f->secs[i];
		size_t first = sd->nanchors;

		if (!is_special(s->name))
			continue;
		for (j = 0; j < s->nrels; j++) {
			const struct ef_rel *r = &s->rels[j];
			size_t shndx;
			uint64_t addr;
			struct anchor *grown;

			if (!ef_rel_target(f, r, &shndx, &addr) || !ef_function_at(f, shndx, addr))
				continue;
			grown = klp_grow(sd->anchors, &cap, sd->nanchors + 1, sizeof(*grown));
			if (!grown)
				return -1;
			sd->anchors = grown;
			grown[sd->nanchors++] = (struct anchor){ .shndx = shndx, .addr = addr,
								 .special = i, .entry = r->offset };
		}
		/* An entry runs to the next one of its section. */
		for (j = first; j < sd->nanchors; j++) {
			uint64_t end = j + 1 < sd->nanchors ? sd->anchors[j + 1].entry : s->sh.sh_size;

			sd->anchors[j].entry_len = end > sd->anchors[j].entry ?
						   end - sd->anchors[j].entry : 0;
		}
	}
	if (sd->nanchors)
		qsort(sd->anchors, sd->nanchors, sizeof(*sd->anchors), cmp_anchor);
	return 0;
}

/* The first anchor at or after (SHNDX, ADDR). */
static size_t anchor_lower_bound(const struct side *sd, size_t shndx, uint64_t addr)
{
	size_t lo = 0, hi = sd->nanchors;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct anchor *a = &sd->anchors[mid];

		if (a->shndx < shndx || (a->shndx == shndx && a->addr < addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void side_free(struct side *sd)
{
	size_t i;

	if (sd->starts)
		for (i = 0; i < sd->f->nsecs; i++)
			free(sd->starts[i]);
	free(sd->starts);
	free(sd->nstarts);
	free(sd->anchors);
	free(sd->pair);
}

/* ---- the first difference ------------------------------------------------------- */

static void differs(struct tb_cmp_sym *e, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Keep the difference at OFF when it comes before the one found so far. */
static void differs(struct tb_cmp_sym *e, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	if (e->status == TB_DIFFERS && e->offset <= off)
		return;
	e->status = TB_DIFFERS;
	e->offset = off;
	va_start(ap, fmt);
	vsnprintf(e->why, sizeof(e->why), fmt, ap);
	va_end(ap);
}

/* A key shortened for a message. */
static const char *shown(const struct key *k, char *buf, size_t len)
{
	if (strlen(k->text) < len && k->len == strlen(k->text))
		return k->text;
	snprintf(buf, len, "%.*s...", (int)(len > 4 ? len - 4 : 0), k->text);
	return buf;
}

/* ---- functions -------------------------------------------------------------------- */

struct code {
	const struct side *sd;
	const struct ef_sym *sym;
	const struct ef_sec *sec;
	const unsigned char *p;	/* the function's bytes */
	uint64_t size;
};

/* Is byte OFF of the function inside one of the relocation fields of [I, J)? */
static bool in_reloc(const struct code *c, size_t i, size_t j, uint64_t off)
{
	uint64_t at = c->sym->s.st_value + off;

	for (; i < j; i++) {
		const struct ef_rel *r = &c->sec->rels[i];
		size_t n = ef_reloc_size(r->type);

		if (at >= r->offset && at < r->offset + (n ? n : 1))
			return true;
	}
	return false;
}

/*
 * What the CPU adds to the place of relocation R's field in an instruction
 * ending at END: the bytes up to the next instruction; without a decoded
 * instruction, the field's own size.
 */
static uint64_t code_bias(const struct ef_rel *r, const struct x86_insn *in, uint64_t end)
{
	if (!pc_relative(r->type))
		return 0;
	return in ? end - r->offset : ef_reloc_size(r->type);
}

/* Where a bare PC-relative field (no relocation) of the instruction at OFF leads. */
static void bare_target(const struct code *c, uint64_t next, const unsigned char *field,
			unsigned size, struct key *k)
{
	int64_t disp = x86_field(field, 0, size);

	add_place(c->sd, c->sym->shndx, c->sym->s.st_value + next + (uint64_t)disp, 0, k);
}

/*
 * Compare the instruction at OFF, of length LEN on both sides: bytes
 * outside relocation and PC-relative fields, relocations by type and
 * target, bare PC-relative fields by target.
 */
static void compare_insn(const struct code *a, const struct code *b, struct tb_cmp_sym *e,
			 uint64_t off, const struct x86_insn *ia, const struct x86_insn *ib,
			 uint64_t len)
{
	uint64_t sa = a->sym->s.st_value + off, sb = b->sym->s.st_value + off;
	size_t ra = ef_rel_lower_bound(a->sec, sa), rae = ef_rel_lower_bound(a->sec, sa + len);
	size_t rb = ef_rel_lower_bound(b->sec, sb), rbe = ef_rel_lower_bound(b->sec, sb + len);
	bool bare[X86_INSN_MAX] = { false };
	const struct x86_insn *is[2] = { ia, ib };
	const struct code *cs[2] = { a, b };
	uint64_t i;
	int side;
	char tn[32], tm[32], s1[100], s2[100];

	/* The bare PC-relative fields: a branch's rel, a RIP-relative disp. */
	for (side = 0; side < 2 && ia && ib; side++) {
		const struct x86_insn *in = is[side];
		const struct code *c = cs[side];
		size_t r0 = side ? rb : ra, r1 = side ? rbe : rae;

		if (in->rel >= 0 && !in_reloc(c, r0, r1, off + (uint64_t)in->rel))
			for (i = 0; i < in->rel_size; i++)
				bare[in->rel + i] = true;
		if (in->rip >= 0 && !in_reloc(c, r0, r1, off + (uint64_t)in->rip))
			for (i = 0; i < 4; i++)
				bare[in->rip + i] = true;
	}
	for (i = 0; i < len; i++) {
		if ((i < X86_INSN_MAX && bare[i]) || in_reloc(a, ra, rae, off + i) || in_reloc(b, rb, rbe, off + i))
			continue;
		if (a->p[off + i] != b->p[off + i]) {
			differs(e, off + i, "byte 0x%llx: 0x%02x vs 0x%02x",
				(unsigned long long)(off + i), a->p[off + i], b->p[off + i]);
			return;
		}
	}
	/* Relocations, pairwise by offset. */
	while (ra < rae || rb < rbe) {
		const struct ef_rel *x = ra < rae ? &a->sec->rels[ra] : NULL;
		const struct ef_rel *y = rb < rbe ? &b->sec->rels[rb] : NULL;
		uint64_t xo = x ? x->offset - a->sym->s.st_value : UINT64_MAX;
		uint64_t yo = y ? y->offset - b->sym->s.st_value : UINT64_MAX;
		struct key kx, ky;

		if (xo != yo) {
			const struct code *c = xo < yo ? a : b;
			const struct ef_rel *r = xo < yo ? x : y;

			key_init(&kx);
			add_target(c->sd, r, code_bias(r, xo < yo ? ia : ib, (xo < yo ? sa : sb) + len),
				   0, &kx);
			differs(e, xo < yo ? xo : yo, "relocation at 0x%llx only in the %s: %s %s",
				(unsigned long long)(xo < yo ? xo : yo), xo < yo ? "original" : "patched",
				ef_reloc_name(r->type, tn), shown(&kx, s1, sizeof(s1)));
			return;
		}
		key_init(&kx);
		key_init(&ky);
		add_target(a->sd, x, code_bias(x, ia, sa + len), 0, &kx);
		add_target(b->sd, y, code_bias(y, ib, sb + len), 0, &ky);
		if (x->type != y->type) {
			differs(e, xo, "relocation at 0x%llx: %s vs %s", (unsigned long long)xo,
				ef_reloc_name(x->type, tn), ef_reloc_name(y->type, tm));
			return;
		}
		if (!key_eq(&kx, &ky)) {
			differs(e, xo, "relocation at 0x%llx: %s vs %s", (unsigned long long)xo,
				shown(&kx, s1, sizeof(s1)), shown(&ky, s2, sizeof(s2)));
			return;
		}
		ra++;
		rb++;
	}
	/* Bare PC-relative fields: the same fields, leading to the same place. */
	if (!ia || !ib)
		return;
	{
		int fa[2] = { ia->rel, ia->rip }, fb[2] = { ib->rel, ib->rip };
		unsigned za[2] = { ia->rel_size, 4 }, zb[2] = { ib->rel_size, 4 };
		int n;

		for (n = 0; n < 2; n++) {
			struct key kx, ky;

			if (fa[n] < 0 || fb[n] < 0 || !bare[fa[n]] || !bare[fb[n]])
				continue;
			key_init(&kx);
			key_init(&ky);
			bare_target(a, off + len, a->p + off + fa[n], za[n], &kx);
			bare_target(b, off + len, b->p + off + fb[n], zb[n], &ky);
			if (!key_eq(&kx, &ky)) {
				differs(e, off + (uint64_t)fa[n], "%s at 0x%llx: %s vs %s",
					n ? "RIP-relative reference" : "branch",
					(unsigned long long)(off + (uint64_t)fa[n]),
					shown(&kx, s1, sizeof(s1)), shown(&ky, s2, sizeof(s2)));
				return;
			}
		}
	}
}

/* The function's entries of special section SPECIAL as keys, by offset; their count. */
static size_t entry_keys(const struct code *c, size_t special, struct key **out, uint64_t **offs)
{
	const struct side *sd = c->sd;
	size_t i = anchor_lower_bound(sd, c->sym->shndx, c->sym->s.st_value), n = 0, cap = 0,
	       ocap = 0;

	*out = NULL;
	*offs = NULL;
	for (; i < sd->nanchors; i++) {
		const struct anchor *an = &sd->anchors[i];
		const struct ef_sec *s = &sd->f->secs[an->special];
		struct key *grown;
		uint64_t *ogrown;

		if (an->shndx != c->sym->shndx || an->addr - c->sym->s.st_value >= c->size)
			break;
		if (an->special != special)
			continue;
		grown = klp_grow(*out, &cap, n + 1, sizeof(**out));
		ogrown = grown ? klp_grow(*offs, &ocap, n + 1, sizeof(**offs)) : NULL;
		if (grown)
			*out = grown;
		if (!ogrown)
			break;
		*offs = ogrown;
		ogrown[n] = an->addr - c->sym->s.st_value;
		key_init(&grown[n]);
		add_region(sd, s, an->entry, an->entry + an->entry_len, 0, &grown[n]);
		n++;
	}
	return n;
}

static void compare_entries(const struct code *a, const struct code *b, struct tb_cmp_sym *e)
{
	const struct ef_file *fb = b->sd->f;
	size_t i, j;

	for (i = 0; i < a->sd->f->nsecs; i++) {
		const char *name = a->sd->f->secs[i].name;
		struct key *ka, *kb = NULL;
		uint64_t *oa, *ob = NULL;
		size_t na, nb = 0, k, nth;

		if (!is_special(name))
			continue;
		na = entry_keys(a, i, &ka, &oa);
		/* The Nth section of that name in one object is the Nth in the other. */
		nth = 0;
		for (j = 1; j < i; j++)
			nth += strcmp(a->sd->f->secs[j].name, name) == 0;
		for (j = 1; j < fb->nsecs; j++)
			if (strcmp(fb->secs[j].name, name) == 0 && nth-- == 0)
				break;
		if (j < fb->nsecs)
			nb = entry_keys(b, j, &kb, &ob);
		for (k = 0; k < na || k < nb; k++) {
			if (k < na && k < nb && oa[k] == ob[k] && key_eq(&ka[k], &kb[k]))
				continue;
			if (k < na && (k >= nb || oa[k] <= ob[k]))
				differs(e, oa[k], "%s entry at 0x%llx %s", name,
					(unsigned long long)oa[k],
					k < nb && oa[k] == ob[k] ? "differs" : "only in the original");
			else
				differs(e, ob[k], "%s entry at 0x%llx only in the patched", name,
					(unsigned long long)ob[k]);
			break;
		}
		free(ka);
		free(kb);
		free(oa);
		free(ob);
	}
	/* Sections only the patched object has. */
	for (j = 0; j < fb->nsecs; j++) {
		struct key *kb;
		uint64_t *ob;
		size_t nb;

		if (!is_special(fb->secs[j].name) || ef_section_named(a->sd->f, fb->secs[j].name))
			continue;
		nb = entry_keys(b, j, &kb, &ob);
		if (nb)
			differs(e, ob[0], "%s entry at 0x%llx only in the patched", fb->secs[j].name,
				(unsigned long long)ob[0]);
		free(kb);
		free(ob);
	}
}

/*
 * The function's bytes: as far as its section holds them (the layer
 * checks the bounds of what it indexes, not of symbol sizes).
 */
static void code_bytes(struct code *c)
{
	c->sec = &c->sd->f->secs[c->sym->shndx];
	c->size = c->sym->s.st_size;
	c->p = NULL;
	if (!c->sec->data || c->sym->s.st_value > c->sec->size) {
		c->size = 0;
		return;
	}
	if (c->size > c->sec->size - c->sym->s.st_value)
		c->size = c->sec->size - c->sym->s.st_value;
	c->p = c->sec->data + c->sym->s.st_value;
}

static void compare_function(const struct side *oa, const struct side *pb, struct tb_cmp_sym *e)
{
	struct code a = { .sd = oa, .sym = &oa->f->syms[e->orig_sym] };
	struct code b = { .sd = pb, .sym = &pb->f->syms[e->patched_sym] };
	uint64_t common, off = 0;
	bool decoding = true;

	code_bytes(&a);
	code_bytes(&b);
	common = a.size < b.size ? a.size : b.size;

	while (off < common && e->status != TB_DIFFERS) {
		struct x86_insn ia, ib;
		uint64_t len = 1;

		if (decoding && x86_decode(a.p + off, common - off, &ia) == 0 &&
		    x86_decode(b.p + off, common - off, &ib) == 0) {
			if (ia.len != ib.len) {
				compare_insn(&a, &b, e, off, NULL, NULL,
					     ia.len < ib.len ? ia.len : ib.len);
				differs(e, off, "instruction at 0x%llx: %u vs %u bytes",
					(unsigned long long)off, ia.len, ib.len);
				break;
			}
			len = ia.len;
			compare_insn(&a, &b, e, off, &ia, &ib, len);
		} else {
			/* Not code (data in .text, or cut short): bytes and relocations only,
			 * a relocation's field at once. */
			const struct ef_rel *ra = ef_rel_at(a.sec, a.sym->s.st_value + off);
			const struct ef_rel *rb = ef_rel_at(b.sec, b.sym->s.st_value + off);

			decoding = false;
			if (ra && ef_reloc_size(ra->type) > len)
				len = ef_reloc_size(ra->type);
			if (rb && ef_reloc_size(rb->type) > len)
				len = ef_reloc_size(rb->type);
			if (len > common - off)
				len = common - off;
			compare_insn(&a, &b, e, off, NULL, NULL, len);
		}
		off += len;
	}
	if (e->status != TB_DIFFERS && a.size != b.size)
		differs(e, common, "size %llu vs %llu", (unsigned long long)a.sym->s.st_size,
			(unsigned long long)b.sym->s.st_size);
	if (e->status != TB_DIFFERS && a.size == b.size)
		compare_entries(&a, &b, e);
}

/* ---- variables -------------------------------------------------------------------- */

static void compare_variable(const struct side *oa, const struct side *pb, struct tb_cmp_sym *e)
{
	const struct ef_sym *x = &oa->f->syms[e->orig_sym], *y = &pb->f->syms[e->patched_sym];
	const struct ef_sec *sx = &oa->f->secs[x->shndx], *sy = &pb->f->secs[y->shndx];
	uint64_t n = x->s.st_size < y->s.st_size ? x->s.st_size : y->s.st_size, i;
	size_t rx, ry;
	char s1[100], s2[100], tn[32];

	if (x->s.st_size != y->s.st_size)
		differs(e, n, "size %llu vs %llu", (unsigned long long)x->s.st_size,
			(unsigned long long)y->s.st_size);
	if ((sx->data == NULL) != (sy->data == NULL)) {
		differs(e, 0, "in %s vs in %s", sx->name, sy->name);
		return;
	}
	rx = ef_rel_lower_bound(sx, x->s.st_value);
	ry = ef_rel_lower_bound(sy, y->s.st_value);
	for (i = 0; i < n && sx->data; i++) {
		const struct ef_rel *a = rx < sx->nrels && sx->rels[rx].offset == x->s.st_value + i ?
					 &sx->rels[rx] : NULL;
		const struct ef_rel *b = ry < sy->nrels && sy->rels[ry].offset == y->s.st_value + i ?
					 &sy->rels[ry] : NULL;
		struct key ka, kb;
		size_t skip;

		if (!a && !b) {
			if (x->s.st_value + i >= sx->size || y->s.st_value + i >= sy->size)
				break;
			if (sx->data[x->s.st_value + i] != sy->data[y->s.st_value + i]) {
				differs(e, i, "byte 0x%llx: 0x%02x vs 0x%02x", (unsigned long long)i,
					sx->data[x->s.st_value + i], sy->data[y->s.st_value + i]);
				return;
			}
			continue;
		}
		key_init(&ka);
		key_init(&kb);
		if (a)
			add_target(oa, a, 0, 0, &ka);
		if (b)
			add_target(pb, b, 0, 0, &kb);
		if (!a || !b || a->type != b->type || !key_eq(&ka, &kb)) {
			differs(e, i, "relocation at 0x%llx: %s %s vs %s", (unsigned long long)i,
				ef_reloc_name((a ? a : b)->type, tn),
				a ? shown(&ka, s1, sizeof(s1)) : "none",
				b ? shown(&kb, s2, sizeof(s2)) : "none");
			return;
		}
		skip = ef_reloc_size(a->type);
		i += (skip ? skip : 1) - 1;
		rx++;
		ry++;
	}
}

/* ---- pairing ---------------------------------------------------------------------- */

enum group_kind { G_PLAIN, G_CLONE, G_VAR, G_COLD };

struct cand {
	size_t sym;
	const char *name;
	enum group_kind kind;
	char group[320];	/* clone: "cname kind"; var: "context cname ordinal"; cold: X */
	bool taken;
};

/* X of X.cold or X.cold.N (common/describe.h); false for another name. */
static bool cold_parent(const char *name, char *parent, size_t len)
{
	size_t n = klp_cold_parent_len(name);

	if (!n || n >= len)
		return false;
	snprintf(parent, len, "%.*s", (int)n, name);
	return true;
}

static void classify(const struct side *sd, struct cand *c)
{
	const struct ef_sym *s = &sd->f->syms[c->sym];
	char parent[256];

	c->name = s->name;
	c->kind = G_PLAIN;
	if (GELF_ST_TYPE(s->s.st_info) == STT_FUNC) {
		const struct klp_describe_sym *ds = sd->d ? klp_describe_find_sym(sd->d, s->name) : NULL;
		enum klp_sym_kind k;

		if (!ds && cold_parent(s->name, parent, sizeof(parent))) {
			c->kind = G_COLD;
			snprintf(c->group, sizeof(c->group), "%s", parent);
			return;
		}
		k = ds ? ds->kind : klp_sym_kind_of_clone(s->name);
		if (k == KLP_SYM_PLAIN || k == KLP_SYM_ALIAS)
			return;
		c->kind = G_CLONE;
		if (ds)
			snprintf(c->group, sizeof(c->group), "%s %d", ds->cname, (int)k);
		else
			snprintf(c->group, sizeof(c->group), "%.*s %d",
				 (int)strcspn(s->name, "."), s->name, (int)k);
		return;
	}
	if (sd->d) {
		const struct klp_describe_var *v = klp_describe_find_var(sd->d, s->name);

		if (v) {
			c->kind = G_VAR;
			snprintf(c->group, sizeof(c->group), "%s %s %u", v->context, v->cname,
				 v->ordinal);
		}
	}
}

/* Names in the order GCC numbered them: digit runs compared as numbers. */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			unsigned long long x = strtoull(a, (char **)&a, 10);
			unsigned long long y = strtoull(b, (char **)&b, 10);

			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	int r = strcmp(a->group, b->group);

	return r ? r : natural_cmp(a->name, b->name);
}

struct pairing {
	struct cand *o, *p;
	size_t no, np;
	struct tb_cmp *c;
	size_t cap;
};

static int add_entry(struct pairing *pr, struct cand *o, struct cand *p)
{
	struct tb_cmp_sym *grown = klp_grow(pr->c->syms, &pr->cap, pr->c->nsyms + 1,
					    sizeof(*grown));
	struct tb_cmp_sym *e;
	const struct ef_sym *s;

	if (!grown)
		return -1;
	pr->c->syms = grown;
	e = &grown[pr->c->nsyms++];
	memset(e, 0, sizeof(*e));
	if (o) {
		o->taken = true;
		e->orig_name = o->name;
		e->orig_sym = o->sym;
	}
	if (p) {
		p->taken = true;
		e->patched_name = p->name;
		e->patched_sym = p->sym;
	}
	s = o ? &pr->c->orig.syms[o->sym] : &pr->c->patched.syms[p->sym];
	e->is_func = GELF_ST_TYPE(s->s.st_info) == STT_FUNC;
	e->status = o && p ? TB_SAME : o ? TB_ONLY_ORIG : TB_ONLY_PATCHED;
	return 0;
}

/* The first untaken candidate of side C (N of them) named NAME of kind K, or NULL. */
static struct cand *untaken_named(struct cand *c, size_t n, const char *name, enum group_kind k)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!c[i].taken && c[i].kind == k && strcmp(c[i].name, name) == 0)
			return &c[i];
	return NULL;
}

/*
 * Clones and local statics by their describe keys.  A clone group with as
 * many members on both sides is paired in order; otherwise same names
 * first, then the rest in order.
 */
static int pair_groups(struct pairing *pr, enum group_kind kind)
{
	size_t i = 0;

	while (i < pr->no) {
		size_t ie = i, js, je, a, b;

		if (pr->o[i].kind != kind) {
			i++;
			continue;
		}
		while (ie < pr->no && pr->o[ie].kind == kind &&
		       strcmp(pr->o[ie].group, pr->o[i].group) == 0)
			ie++;
		for (js = 0; js < pr->np; js++)
			if (pr->p[js].kind == kind && strcmp(pr->p[js].group, pr->o[i].group) == 0)
				break;
		for (je = js; je < pr->np && pr->p[je].kind == kind &&
		     strcmp(pr->p[je].group, pr->o[i].group) == 0; je++)
			;
		if (ie - i != je - js)
			for (a = i; a < ie; a++) {
				struct cand *m = NULL;

				for (b = js; b < je && !m; b++)
					if (!pr->p[b].taken && strcmp(pr->p[b].name, pr->o[a].name) == 0)
						m = &pr->p[b];
				if (m && add_entry(pr, &pr->o[a], m))
					return -1;
			}
		for (a = i, b = js; a < ie && b < je;) {
			if (pr->o[a].taken) {
				a++;
			} else if (pr->p[b].taken) {
				b++;
			} else {
				if (add_entry(pr, &pr->o[a], &pr->p[b]))
					return -1;
				a++;
				b++;
			}
		}
		i = ie;
	}
	return 0;
}

static int pair_all(struct pairing *pr)
{
	size_t i, k;

	qsort(pr->o, pr->no, sizeof(*pr->o), cmp_cand);
	qsort(pr->p, pr->np, sizeof(*pr->p), cmp_cand);
	if (pair_groups(pr, G_VAR) || pair_groups(pr, G_CLONE))
		return -1;
	/* Plain names; a variable without a var line on one side pairs by name too. */
	for (i = 0; i < pr->no; i++) {
		struct cand *m;

		if (pr->o[i].taken || pr->o[i].kind == G_COLD || pr->o[i].kind == G_CLONE)
			continue;
		m = untaken_named(pr->p, pr->np, pr->o[i].name, pr->o[i].kind);
		if (!m && pr->o[i].kind == G_VAR)
			m = untaken_named(pr->p, pr->np, pr->o[i].name, G_PLAIN);
		if (!m && pr->o[i].kind == G_PLAIN)
			m = untaken_named(pr->p, pr->np, pr->o[i].name, G_VAR);
		if (m && add_entry(pr, &pr->o[i], m))
			return -1;
	}
	/* X.cold through X's pair, else by name. */
	for (i = 0; i < pr->no; i++) {
		const char *partner = NULL;
		struct cand *m = NULL;

		if (pr->o[i].taken || pr->o[i].kind != G_COLD)
			continue;
		for (k = 0; k < pr->c->nsyms && !partner; k++)
			if (pr->c->syms[k].orig_name && pr->c->syms[k].patched_name &&
			    strcmp(pr->c->syms[k].orig_name, pr->o[i].group) == 0)
				partner = pr->c->syms[k].patched_name;
		for (k = 0; k < pr->np && partner && !m; k++)
			if (!pr->p[k].taken && pr->p[k].kind == G_COLD &&
			    strcmp(pr->p[k].group, partner) == 0)
				m = &pr->p[k];
		if (!m)
			m = untaken_named(pr->p, pr->np, pr->o[i].name, G_COLD);
		if (m && add_entry(pr, &pr->o[i], m))
			return -1;
	}
	for (i = 0; i < pr->no; i++)
		if (!pr->o[i].taken && add_entry(pr, &pr->o[i], NULL))
			return -1;
	for (i = 0; i < pr->np; i++)
		if (!pr->p[i].taken && add_entry(pr, NULL, &pr->p[i]))
			return -1;
	return 0;
}

static struct cand *candidates(const struct side *sd, size_t *n)
{
	struct cand *c = calloc(sd->f->nsyms ? sd->f->nsyms : 1, sizeof(*c));
	size_t i;

	*n = 0;
	if (!c)
		return NULL;
	for (i = 1; i < sd->f->nsyms; i++) {
		if (!is_cand(sd->f, &sd->f->syms[i]))
			continue;
		c[*n].sym = i;
		classify(sd, &c[*n]);
		(*n)++;
	}
	return c;
}

static int cmp_entry(const void *x, const void *y)
{
	const struct tb_cmp_sym *a = x, *b = y;
	int r = strcmp(a->orig_name ? a->orig_name : a->patched_name,
		       b->orig_name ? b->orig_name : b->patched_name);

	if (r)
		return r;
	return (int)a->status - (int)b->status;
}

/* ---- the stage ------------------------------------------------------------------- */

static int open_object(struct ef_file *f, const char *path, char *err, size_t len)
{
	char why[EF_ERRLEN];

	if (ef_open_as(f, path, EF_RELOCATABLE, why))
		return klp_fail(err, len, "%s: %s", path, why);
	return 0;
}

static int build_pairs(struct side *sd, const struct tb_cmp *c)
{
	size_t i;

	sd->pair = malloc((sd->f->nsyms ? sd->f->nsyms : 1) * sizeof(*sd->pair));
	if (!sd->pair)
		return -1;
	for (i = 0; i < sd->f->nsyms; i++)
		sd->pair[i] = -1;
	for (i = 0; i < c->nsyms; i++) {
		size_t s = sd->patched ? c->syms[i].patched_sym : c->syms[i].orig_sym;
		bool has = sd->patched ? c->syms[i].patched_name != NULL
				       : c->syms[i].orig_name != NULL;

		if (has)
			sd->pair[s] = (long)i;
	}
	return 0;
}

/* A differing X.cold makes X differ. */
static void cold_into_parent(struct tb_cmp *c, const struct side *o)
{
	size_t i;
	char parent[256];

	for (i = 0; i < c->nsyms; i++) {
		struct tb_cmp_sym *e = &c->syms[i], *x;
		size_t k;

		if (e->status != TB_DIFFERS || !e->orig_name ||
		    !cold_parent(e->orig_name, parent, sizeof(parent)))
			continue;
		for (k = 1; k < o->f->nsyms; k++)
			if (o->pair[k] >= 0 && strcmp(o->f->syms[k].name, parent) == 0)
				break;
		if (k >= o->f->nsyms)
			continue;
		x = &c->syms[o->pair[k]];
		if (x->status == TB_SAME)
			differs(x, e->offset, "%.40s: %.200s", e->orig_name, e->why);
	}
}

int tb_compare(const char *orig_obj, const char *patched_obj, const struct klp_describe *od,
	       const struct klp_describe *pd, struct tb_cmp *c, char *err, size_t len)
{
	struct side o = { .d = od, .c = c }, p = { .d = pd, .patched = true, .c = c };
	struct pairing pr = { .c = c };
	size_t i;
	int ret = -1;

	memset(c, 0, sizeof(*c));
	if (open_object(&c->orig, orig_obj, err, len))
		return -1;
	if (open_object(&c->patched, patched_obj, err, len)) {
		ef_close(&c->orig);
		memset(c, 0, sizeof(*c));
		return -1;
	}
	o.f = &c->orig;
	p.f = &c->patched;
	pr.o = candidates(&o, &pr.no);
	pr.p = candidates(&p, &pr.np);
	if (!pr.o || !pr.p || pair_all(&pr))
		goto oom;
	if (c->nsyms)
		qsort(c->syms, c->nsyms, sizeof(*c->syms), cmp_entry);
	if (build_pairs(&o, c) || build_pairs(&p, c) || find_piece_starts(&o) ||
	    find_piece_starts(&p) || find_anchors(&o) || find_anchors(&p))
		goto oom;
	for (i = 0; i < c->nsyms; i++) {
		struct tb_cmp_sym *e = &c->syms[i];
		bool pfunc;

		if (e->status != TB_SAME)
			continue;
		pfunc = GELF_ST_TYPE(c->patched.syms[e->patched_sym].s.st_info) == STT_FUNC;
		if (e->is_func != pfunc)
			differs(e, 0, "a %s vs a %s", e->is_func ? "function" : "variable",
				pfunc ? "function" : "variable");
		else if (e->is_func)
			compare_function(&o, &p, e);
		else
			compare_variable(&o, &p, e);
	}
	cold_into_parent(c, &o);
	ret = 0;
	goto out;
oom:
	klp_fail(err, len, "comparing %s with %s: out of memory", orig_obj, patched_obj);
out:
	free(pr.o);
	free(pr.p);
	side_free(&o);
	side_free(&p);
	if (ret)
		tb_cmp_free(c);
	return ret;
}

void tb_cmp_free(struct tb_cmp *c)
{
	free(c->syms);
	ef_close(&c->orig);
	ef_close(&c->patched);
	memset(c, 0, sizeof(*c));
}

const char *tb_cmp_status_name(enum tb_cmp_status s)
{
	switch (s) {
	case TB_SAME:
		return "same";
	case TB_DIFFERS:
		return "differs";
	case TB_ONLY_ORIG:
		return "only-orig";
	case TB_ONLY_PATCHED:
		return "only-patched";
	}
	return NULL;
}
