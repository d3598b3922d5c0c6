// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compare.c - `--compare A B`: do two builds hold the same alternative and
 * paravirt entries?
 *
 * Each entry becomes a key that says everything the kernel will do with it
 * and nothing about where it was filed: its kind, its bytes, and for each
 * relocation inside it the offset, the type and the target.  Targets are
 * resolved to what they point at (function + offset, or a named symbol), so
 * `.text+0x40` in one build and `foo+0x10` in the other agree when they are
 * the same instruction.  Replacement code (.altinstr_replacement,
 * .altinstr_aux) is compared by its bytes and their relocations, because
 * its position depends on the order the compiler emitted the asm in.  The
 * two files' keys are then compared as multisets, so renaming, splitting or
 * reordering sections changes nothing, while a dropped, duplicated,
 * altered or moved entry shows up.  Livepatch relocations are compared
 * the same way (collect_klp()).
 */
#include "klpcheck.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A growing string; once memory runs out it stays failed and adds nothing. */
struct sbuf {
	char *s;
	size_t len, cap;
	bool failed;
};

static void sb_add(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	while (!b->failed) {
		size_t room = b->cap - b->len;
		char *grown;

		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (b->s && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		grown = klp_grow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
		if (grown)
			b->s = grown;
		else
			b->failed = true;
	}
}

static void sb_hex(struct sbuf *b, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_add(b, "%02x", p[i]);
}

static bool is_replacement_section(const char *name)
{
	return strncmp(name, ".altinstr_", 10) == 0;
}

static void add_relocs(const struct module *m, const struct ef_sec *s, uint64_t from,
		       uint64_t to, const struct entry *e, int depth, struct sbuf *b);

/* What a relocation points at, in terms that survive a rebuild. */
static void add_target(const struct module *m, const struct ef_rel *r, size_t span, int depth,
		       struct sbuf *b)
{
	const struct ef_sym *sym = &m->elf.syms[r->sym];
	const struct ef_sec *ts;
	size_t shndx;
	uint64_t addr;
	char where[300];

	if (!ef_rel_target(&m->elf, r, &shndx, &addr)) {
		sb_add(b, "%s%+lld", sym->name[0] ? sym->name : "(unnamed)", (long long)r->addend);
		return;
	}
	ts = &m->elf.secs[shndx];
	if (is_replacement_section(ts->name)) {
		if (depth > 0 || span == 0) {
			sb_add(b, "%s", ts->name);
			return;
		}
		if (!ts->data || addr > ts->size || span > ts->size - addr) {
			sb_add(b, "%s{out of range}", ts->name);
			return;
		}
		sb_add(b, "%s{", ts->name);
		sb_hex(b, ts->data + addr, span);
		add_relocs(m, ts, addr, addr + span, NULL, depth + 1, b);
		sb_add(b, "}");
		return;
	}
	describe_address(m, shndx, addr, where, sizeof(where));
	sb_add(b, "%s", where);
}

/*
 * The relocations in [FROM, TO) of S.  For those of entry E, the bytes an
 * instruction field points at count when they are replacement code: field
 * 0 spans the patched instruction, field 4 of an alt_instr the replacement.
 */
static void add_relocs(const struct module *m, const struct ef_sec *s, uint64_t from,
		       uint64_t to, const struct entry *e, int depth, struct sbuf *b)
{
	size_t i, span;
	char tn[32];

	for (i = 0; i < s->nrels; i++) {
		const struct ef_rel *r = &s->rels[i];

		if (r->offset < from || r->offset >= to)
			continue;
		sb_add(b, " @%llu:%s:", (unsigned long long)(r->offset - from),
		       ef_reloc_name(r->type, tn));
		span = 0;
		if (e && r->offset - from == 0)
			span = e->patchlen;
		else if (e && e->es->kind == KLP_ENTRY_ALT && r->offset - from == 4)
			span = e->repllen;
		add_target(m, r, span, depth, b);
	}
}

struct keyed {
	char *key;
	const struct module *m;
	const struct esec *es;
	const struct entry *e;		/* NULL for a section's trailing bytes */
	const struct klp_rel *k;	/* a livepatch relocation (es and e NULL) */
};

/* The keys of one module, grown geometrically. */
struct keys {
	struct keyed *v;
	size_t n, cap;
};

/* Takes K's string (freed on failure); -1 when memory ran out. */
static int add_key(struct keys *keys, struct sbuf *b, const struct module *m,
		   const struct esec *es, const struct entry *e)
{
	struct keyed *grown = b->failed ? NULL
					: klp_grow(keys->v, &keys->cap, keys->n + 1, sizeof(*grown));

	if (!grown) {
		free(b->s);
		return -1;
	}
	keys->v = grown;
	keys->v[keys->n++] = (struct keyed){ b->s, m, es, e, NULL };
	return 0;
}

/*
 * The entry sections the compare counts: every section that holds
 * alternative or paravirt entries, whatever its name, so two builds that
 * file the same entries differently compare equal.  Whether a kernel
 * applies a section under its name is the verify mode's business
 * (klp-arch-name, kernel-ignores-klp-arch).
 */
static bool compared_section(const struct esec *es)
{
	return es->has_kind;
}

static int collect(const struct module *m, struct keys *keys)
{
	size_t i, j;

	for (i = 0; i < m->nesecs; i++) {
		const struct esec *es = &m->esecs[i];
		const struct ef_sec *s = es->sec;

		if (!compared_section(es))
			continue;
		for (j = es->first; j < es->first + es->count; j++) {
			const struct entry *e = &m->entries[j];
			struct sbuf b = { 0 };
			uint64_t end = e->off + (es->kind == KLP_ENTRY_PARA ? KLP_PARA_STRIDE : e->len);

			if (end > s->size)
				end = s->size;
			sb_add(&b, "%s bytes=", klp_entry_kind_name(es->kind));
			sb_hex(&b, s->data + e->off, e->len);
			add_relocs(m, s, e->off, end, e, 0, &b);
			if (add_key(keys, &b, m, es, e))
				return -1;
		}
		if (es->tail) {
			struct sbuf b = { 0 };
			uint64_t from = s->size - es->tail;

			sb_add(&b, "%s trailing-bytes=", klp_entry_kind_name(es->kind));
			sb_hex(&b, s->data + from, es->tail);
			add_relocs(m, s, from, s->size, NULL, 0, &b);
			if (add_key(keys, &b, m, es, NULL))
				return -1;
		}
	}
	return 0;
}

/*
 * Livepatch relocations count too, each by what the kernel does with it:
 * the object whose relocations it is, the place it writes (function and
 * offset), its type, its symbol as livepatch reads it, its addend.
 */
static int collect_klp(const struct module *m, struct keys *keys)
{
	size_t i;

	for (i = 0; i < m->nklp; i++) {
		const struct klp_rel *k = &m->klp[i];
		struct sbuf b = { 0 };
		char at[300], tn[32], sym[700];

		describe_address(m, k->rsec->sh.sh_info, k->rel->offset, at, sizeof(at));
		sb_add(&b, "klp %s %s %s %s %lld", k->sec_read ? k->obj : "(unread)", at,
		       ef_reloc_name(k->rel->type, tn), klp_rel_symbol(k, sym, sizeof(sym)),
		       (long long)k->rel->addend);
		if (add_key(keys, &b, m, NULL, NULL))
			return -1;
		keys->v[keys->n - 1].k = k;
	}
	return 0;
}

static int cmp_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static void print_entry(FILE *out, const struct keyed *k)
{
	const struct esec *es = k->es;
	const struct entry *e = k->e;
	char where[300] = "(no relocation)", ft[24], tn[32], sym[700];

	if (k->k) {
		describe_address(k->m, k->k->rsec->sh.sh_info, k->k->rel->offset, where, sizeof(where));
		fprintf(out, "livepatch relocation %zu of %s: writes %s, %s against %s, addend %lld\n",
			k->k->index, k->k->rsec->name, where, ef_reloc_name(k->k->rel->type, tn),
			klp_rel_symbol(k->k, sym, sizeof(sym)), (long long)k->k->rel->addend);
	} else if (!e) {
		fprintf(out, "%zu trailing bytes of %s that are not a whole entry\n", es->tail,
			es->sec->name);
	} else {
		if (e->has_target)
			describe_address(k->m, e->tshndx, e->taddr, where, sizeof(where));
		fprintf(out, "%s entry %zu of %s (offset 0x%zx): patches %s, %u bytes",
			klp_entry_kind_name(es->kind), (size_t)(e - k->m->entries) - es->first,
			es->sec->name, e->off, where, e->patchlen);
		if (es->kind == KLP_ENTRY_ALT)
			fprintf(out, ", feature %s, replacement %u bytes\n", feature_text(e, ft),
				e->repllen);
		else
			fprintf(out, ", type %u\n", e->ptype);
	}
	fprintf(out, "      key: %s\n", k->key);
}

static void free_keys(struct keys *keys)
{
	size_t i;

	for (i = 0; i < keys->n; i++)
		free(keys->v[i].key);
	free(keys->v);
}

int compare_modules(struct module *a, struct module *b, FILE *out)
{
	struct keys ka = { 0 }, kb = { 0 };
	struct keyed *va, *vb;
	size_t na, nb, i = 0, j = 0, unmatched = 0;
	int status;

	if (collect(a, &ka) || collect(b, &kb) || collect_klp(a, &ka) || collect_klp(b, &kb)) {
		free_keys(&ka);
		free_keys(&kb);
		return -1;
	}
	va = ka.v;
	vb = kb.v;
	na = ka.n;
	nb = kb.n;
	if (na > 1)
		qsort(va, na, sizeof(*va), cmp_keyed);
	if (nb > 1)
		qsort(vb, nb, sizeof(*vb), cmp_keyed);
	/* Walk both sorted lists; equal keys pair off, the rest are the differences. */
	while (i < na || j < nb) {
		int c = i >= na ? 1 : j >= nb ? -1 : strcmp(va[i].key, vb[j].key);

		if (c == 0) {
			i++;
			j++;
			continue;
		}
		if (!unmatched++)
			fprintf(out, "%s and %s hold different entries (%zu and %zu entries, layouts %s and %s):\n",
				a->elf.path, b->elf.path, na, nb, a->layout->name, b->layout->name);
		fprintf(out, "  only in %s: ", c < 0 ? a->elf.path : b->elf.path);
		print_entry(out, c < 0 ? &va[i++] : &vb[j++]);
	}
	if (unmatched) {
		fprintf(out, "%zu entr%s not matched\n", unmatched, unmatched == 1 ? "y" : "ies");
		status = 1;
	} else if (a->nklp) {
		fprintf(out, "%s and %s hold the same %zu entries and %zu livepatch relocation%s\n",
			a->elf.path, b->elf.path, na - a->nklp, a->nklp, a->nklp == 1 ? "" : "s");
		status = 0;
	} else {
		fprintf(out, "%s and %s hold the same %zu entries\n", a->elf.path, b->elf.path, na);
		status = 0;
	}
	free_keys(&ka);
	free_keys(&kb);
	return status;
}
