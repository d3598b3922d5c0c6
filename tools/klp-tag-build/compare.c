// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compare.c - klp-tag-build's compare stage (docs/klp-tag-build.md,
 * "Comparing"): the original and the patched object of one file, symbol
 * by symbol, on the checker's ELF layer.
 *
 * Two compiles of one file differ in more than the code a patch changes:
 * every function after a changed one moves, GCC renumbers its clones
 * (foo.isra.0 / foo.isra.1) and function-local statics (count.7 /
 * count.12), and strings move inside their merged sections.  So nothing
 * is compared by address: a relocation by what it leads to (a symbol by
 * its name, or by its place among the file's clones and statics, which
 * the describe files give; a section symbol by the function or variable
 * it points into, or by the string or constant there); a PC-relative
 * field GNU as resolved itself (a call to a local function of the same
 * section) by the function it leads to, found by decoding instructions
 * (x86insn.h); the special sections' entries by where in the function
 * they point and what they say.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_abi.h"
#include "tb.h"
#include "util.h"
#include "x86insn.h"

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
	return "?";
}

/* One side: the object, its describe file, each compared symbol's canonical name. */
struct side {
	struct ef_file *f;
	const struct klp_describe *d;
	char **canon;		/* by symbol index; NULL for symbols not compared */
};

static bool compared(const struct ef_file *f, const struct ef_sym *s)
{
	unsigned type = GELF_ST_TYPE(s->s.st_info);

	return s->name[0] && ef_sym_defined(f, s) && (type == STT_FUNC || type == STT_OBJECT) &&
	       s->shndx < f->nsecs;
}

/* The length of NAME without ".cold" / ".cold.N". */
static size_t stem_len(const char *name)
{
	const char *c = strstr(name, ".cold");

	if (c && (!c[5] || (c[5] == '.' && strspn(c + 6, "0123456789") == strlen(c + 6))))
		return (size_t)(c - name);
	return strlen(name);
}

/* The clone's place among the file's clones of its origin and kind, by name. */
static size_t clone_index(const struct klp_describe *d, const struct klp_describe_sym *s)
{
	size_t k = 0;

	for (size_t i = 0; i < d->nsyms; i++)
		if (d->syms[i].kind == s->kind && !strcmp(d->syms[i].cname, s->cname) &&
		    strverscmp(d->syms[i].symbol, s->symbol) < 0)
			k++;
	return k;
}

/* What names a symbol alike in both compiles. */
static char *canonical(const struct klp_describe *d, const char *name)
{
	size_t n = stem_len(name);
	char *stem = strndup(name, n), *out = NULL;
	const struct klp_describe_var *v;
	const struct klp_describe_sym *s;

	if (!stem)
		return NULL;
	v = klp_describe_find_var(d, stem);
	s = klp_describe_find_sym(d, stem);
	if (v) {
		if (asprintf(&out, "var:%s:%s:%u%s", v->context, v->cname, v->ordinal, name + n) < 0)
			out = NULL;
	} else if (s && s->kind != KLP_SYM_PLAIN && s->kind != KLP_SYM_ALIAS) {
		if (asprintf(&out, "clone:%s:%s:%zu%s", s->cname, klp_sym_kind_name(s->kind),
			     clone_index(d, s), name + n) < 0)
			out = NULL;
	} else {
		out = strdup(name);
	}
	free(stem);
	return out;
}

static int side_init(struct side *sd, struct ef_file *f, const struct klp_describe *d)
{
	sd->f = f;
	sd->d = d;
	sd->canon = calloc(f->nsyms ? f->nsyms : 1, sizeof(*sd->canon));
	if (!sd->canon)
		return -1;
	for (size_t i = 1; i < f->nsyms; i++)
		if (compared(f, &f->syms[i]) && !(sd->canon[i] = canonical(d, f->syms[i].name)))
			return -1;
	return 0;
}

static void side_free(struct side *sd)
{
	for (size_t i = 0; sd->canon && i < sd->f->nsyms; i++)
		free(sd->canon[i]);
	free(sd->canon);
}

/* The defined function or object of section SHNDX that holds OFF, or NULL. */
static const struct ef_sym *symbol_at(const struct ef_file *f, size_t shndx, uint64_t off,
				      size_t *index)
{
	const struct ef_sym *best = NULL;

	for (size_t i = 1; i < f->nsyms; i++) {
		const struct ef_sym *s = &f->syms[i];
		unsigned type = GELF_ST_TYPE(s->s.st_info);

		if (s->shndx != shndx || (type != STT_FUNC && type != STT_OBJECT) || !s->name[0])
			continue;
		if (off >= s->s.st_value && off < s->s.st_value + (s->s.st_size ? s->s.st_size : 1) &&
		    (!best || s->s.st_value > best->s.st_value)) {
			best = s;
			*index = i;
		}
	}
	return best;
}

/* The string or constant at OFF of a merged section, as text. */
static void merged_piece(const struct ef_sec *sec, uint64_t off, FILE *out)
{
	size_t n;

	if (!sec->data || off >= sec->size) {
		fprintf(out, "%s+%#llx", sec->name, (unsigned long long)off);
		return;
	}
	if (sec->sh.sh_flags & SHF_STRINGS)
		n = strnlen((const char *)sec->data + off, sec->size - off);
	else
		n = sec->sh.sh_entsize ? sec->sh.sh_entsize : 1;
	if (n > sec->size - off)
		n = sec->size - off;
	fputs("piece:", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", sec->data[off + i]);
}

/*
 * What a place of SD's object leads to: section SHNDX, offset OFF.  A
 * function or variable by its canonical name and the offset in it, a
 * merged string or constant by its bytes, else the section and offset.
 */
static void place_key(const struct side *sd, size_t shndx, uint64_t off, FILE *out)
{
	const struct ef_sec *sec = &sd->f->secs[shndx];
	const struct ef_sym *s;
	size_t idx = 0;

	if (sec->sh.sh_flags & SHF_MERGE) {
		merged_piece(sec, off, out);
		return;
	}
	s = symbol_at(sd->f, shndx, off, &idx);
	if (s && sd->canon[idx])
		fprintf(out, "%s+%#llx", sd->canon[idx], (unsigned long long)(off - s->s.st_value));
	else
		fprintf(out, "%s+%#llx", sec->name, (unsigned long long)off);
}

/* PC-relative relocation types: the CPU adds the field to the next instruction's address. */
static bool pc_relative(uint32_t type)
{
	return type == R_X86_64_PC32 || type == R_X86_64_PLT32 || type == R_X86_64_PC64 ||
	       type == R_X86_64_GOTPCREL || type == R_X86_64_GOTPCRELX ||
	       type == R_X86_64_REX_GOTPCRELX || type == R_X86_64_PC8 || type == R_X86_64_PC16;
}

/*
 * The relocation R as what it leads to.  DELTA: the distance from its
 * field to where the CPU counts from (the next instruction), for
 * PC-relative types in code; the kind of R and the addend made relative
 * to that, so an addend that only says "4 bytes before the next
 * instruction" compares equal.
 */
static void rel_key(const struct side *sd, const struct ef_rel *r, uint64_t delta, FILE *out)
{
	const struct ef_sym *s = &sd->f->syms[r->sym];
	int64_t a = r->addend + (pc_relative(r->type) ? (int64_t)delta : 0);
	char tbuf[32];

	fprintf(out, "%s ", ef_reloc_name(r->type == R_X86_64_PLT32 ? R_X86_64_PC32 : r->type,
					  tbuf));
	if (GELF_ST_TYPE(s->s.st_info) == STT_SECTION && s->shndx < sd->f->nsecs) {
		place_key(sd, s->shndx, (uint64_t)((int64_t)s->s.st_value + a), out);
		return;
	}
	if (sd->canon && r->sym < sd->f->nsyms && sd->canon[r->sym])
		fprintf(out, "%s%+lld", sd->canon[r->sym], (long long)a);
	else
		fprintf(out, "%s%+lld", s->name, (long long)a);
}

/* The whole of a symbol's code or data as text: bytes, relocations, local targets. */
struct image {
	char *text;
	size_t n;
};

static void record_why(struct tb_cmp_sym *c, uint64_t off, const char *what)
{
	if (c->status == TB_DIFFERS)
		return;
	c->status = TB_DIFFERS;
	c->offset = off;
	snprintf(c->why, sizeof(c->why), "%s", what);
}

/*
 * Describe the symbol's contents into OUT, one item per line: each
 * instruction (or byte run) with its relocation and PC-relative fields
 * replaced by their keys.  Two symbols are equal when these texts are.
 */
static int describe_contents(const struct side *sd, const struct ef_sym *s, bool code, FILE *out)
{
	const struct ef_sec *sec = &sd->f->secs[s->shndx];
	uint64_t start = s->s.st_value, end = start + s->s.st_size, off = start;

	fprintf(out, "size %llu\n", (unsigned long long)s->s.st_size);
	if (!sec->data) {
		/* NOBITS: zeros, but relocations cannot apply; nothing more to say. */
		return 0;
	}
	while (off < end && off < sec->size) {
		struct x86_insn in;
		uint64_t len = 1;
		bool decoded = code && !x86_decode(sec->data + off, end - off, &in);

		if (decoded)
			len = in.len;
		else if (!code)
			len = end - off;
		fprintf(out, "@%llx ", (unsigned long long)(off - start));
		for (uint64_t i = off; i < off + len && i < sec->size;) {
			const struct ef_rel *r = ef_rel_at(sec, i);

			if (r && r->offset == i && ef_reloc_size(r->type)) {
				fputc('[', out);
				rel_key(sd, r, (off + len) - i, out);
				fputc(']', out);
				i += ef_reloc_size(r->type);
				continue;
			}
			if (decoded && in.rel >= 0 && i == off + (uint64_t)in.rel) {
				uint64_t dest = off + in.len +
						(uint64_t)x86_field(sec->data + off, in.rel,
								    in.rel_size);

				fputc('{', out);
				place_key(sd, s->shndx, dest, out);
				fputc('}', out);
				i += in.rel_size;
				continue;
			}
			if (decoded && in.rip >= 0 && i == off + (uint64_t)in.rip) {
				uint64_t dest = off + in.len +
						(uint64_t)x86_field(sec->data + off, in.rip, 4);

				fputc('{', out);
				place_key(sd, s->shndx, dest, out);
				fputc('}', out);
				i += 4;
				continue;
			}
			fprintf(out, "%02x", sec->data[i]);
			i++;
		}
		fputc('\n', out);
		off += len;
	}
	return 0;
}

/*
 * The sections whose entries point into functions and say something about
 * them.  Not ORC (.orc_unwind_ip): objtool derives it from the code, which
 * is compared itself, and it also describes the padding between functions,
 * which moves with every function before it.
 */
static bool entry_section(const char *name)
{
	if (!strncmp(name, ".orc_unwind", 11))
		return false;
	return klp_entry_kind_of(name, strlen(name)) >= 0 || klp_special_section(name) ||
	       !strcmp(name, "__mcount_loc") || !strcmp(name, ".static_call_sites") ||
	       !strcmp(name, ".retpoline_sites") || !strcmp(name, ".return_sites") ||
	       !strcmp(name, "__bug_table") || !strcmp(name, ".smp_locks") ||
	       !strcmp(name, "__jump_table") || !strcmp(name, "__ex_table");
}

static void entry_bytes(const struct ef_sec *es, uint64_t at, size_t n, FILE *out)
{
	for (size_t i = 0; i < n && es->data && at + i < es->size; i++)
		fprintf(out, "%02x", es->data[at + i]);
}

/*
 * The special sections' entries that point into function S, one line
 * each, sorted by the writer: the section, the offset in S, and what the
 * entry says besides (an alternative's feature, lengths and replacement
 * code; a paravirt site's type and length; a jump label's or static
 * call's key; a BUG's line and flags).
 */
static void describe_entries(const struct side *sd, const struct ef_sym *s, FILE *out)
{
	const struct ef_file *f = sd->f;
	uint64_t start = s->s.st_value, end = start + (s->s.st_size ? s->s.st_size : 1);

	for (size_t k = 0; k < f->nsecs; k++) {
		const struct ef_sec *es = &f->secs[k];

		if (!es->name || !entry_section(es->name))
			continue;
		for (size_t i = 0; i < es->nrels; i++) {
			const struct ef_rel *r = &es->rels[i];
			const struct ef_rel *r2;
			size_t shndx;
			uint64_t addr;

			/* Entries say where they point as S + A, relative or absolute alike. */
			if (!ef_rel_target(f, r, &shndx, &addr) || shndx != s->shndx)
				continue;
			if (addr < start || addr >= end)
				continue;
			fprintf(out, "entry %s +%llx", es->name, (unsigned long long)(addr - start));
			if (klp_entry_kind_of(es->name, strlen(es->name)) == KLP_ENTRY_ALT) {
				/* cpuid, instrlen, replacementlen; then the replacement itself */
				fputc(' ', out);
				entry_bytes(es, r->offset + 8, 4, out);
				r2 = ef_rel_at(es, r->offset + 4);
				if (r2 && r2->offset == r->offset + 4 && es->data &&
				    r->offset + 12 <= es->size &&
				    ef_rel_target(f, r2, &shndx, &addr)) {
					const struct ef_sec *rs = &f->secs[shndx];
					unsigned rlen = es->data[r->offset + 11];

					fputs(" repl ", out);
					for (uint64_t j = addr; j < addr + rlen && j < rs->size;) {
						const struct ef_rel *rr = ef_rel_at(rs, j);

						if (rr && rr->offset == j && ef_reloc_size(rr->type)) {
							fputc('[', out);
							rel_key(sd, rr, 4, out);
							fputc(']', out);
							j += ef_reloc_size(rr->type);
						} else {
							fprintf(out, "%02x", rs->data ? rs->data[j] : 0);
							j++;
						}
					}
				}
			} else if (klp_entry_kind_of(es->name, strlen(es->name)) == KLP_ENTRY_PARA) {
				fputc(' ', out);
				entry_bytes(es, r->offset + 8, 2, out);
			} else if (!strcmp(es->name, "__jump_table") ||
				   !strcmp(es->name, ".static_call_sites")) {
				uint64_t key = r->offset + (es->name[0] == '_' ? 8 : 4);

				r2 = ef_rel_at(es, key);
				if (r2 && r2->offset == key) {
					fputc(' ', out);
					rel_key(sd, r2, 0, out);
				}
			} else if (!strcmp(es->name, "__bug_table")) {
				fputc(' ', out);
				entry_bytes(es, r->offset + 8, 4, out);
			}
			fputc('\n', out);
		}
	}
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entry lines in a stable order, whatever order the sections hold them in. */
static char *sorted_lines(char *text)
{
	char **lines = NULL, *out = NULL, *save = NULL;
	size_t n = 0, cap = 0, olen = 0;
	FILE *f;

	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char **v = klp_grow(lines, &cap, n + 1, sizeof(*v));

		if (!v) {
			free(lines);
			return NULL;
		}
		lines = v;
		lines[n++] = l;
	}
	if (n)
		qsort(lines, n, sizeof(*lines), line_cmp);
	f = open_memstream(&out, &olen);
	if (f) {
		for (size_t i = 0; i < n; i++)
			fprintf(f, "%s\n", lines[i]);
		fclose(f);
	}
	free(lines);
	return out;
}

static char *image_of(const struct side *sd, const struct ef_sym *s, bool code)
{
	char *text = NULL, *ents = NULL, *sorted;
	size_t n = 0, en = 0;
	FILE *f = open_memstream(&text, &n);
	FILE *e;

	if (!f)
		return NULL;
	describe_contents(sd, s, code, f);
	if (code) {
		e = open_memstream(&ents, &en);
		if (e) {
			describe_entries(sd, s, e);
			fclose(e);
			sorted = ents ? sorted_lines(ents) : NULL;
			if (sorted)
				fputs(sorted, f);
			free(sorted);
			free(ents);
		}
	}
	fclose(f);
	return text;
}

/* The first line where A and B differ, for the message: its offset and the two texts. */
static void first_difference(struct tb_cmp_sym *c, const char *a, const char *b)
{
	const char *la = a, *lb = b;
	unsigned long long off = 0;

	while (*la && *lb) {
		size_t na = strcspn(la, "\n"), nb = strcspn(lb, "\n");

		if (na != nb || memcmp(la, lb, na)) {
			char what[256];

			if (la[0] == '@')
				sscanf(la + 1, "%llx", &off);
			snprintf(what, sizeof(what), "%.*s | %.*s", (int)(na > 110 ? 110 : na), la,
				 (int)(nb > 110 ? 110 : nb), lb);
			record_why(c, off, what);
			return;
		}
		la += na + (la[na] == '\n');
		lb += nb + (lb[nb] == '\n');
	}
	record_why(c, off, *la ? "the patched one is shorter" : "the patched one is longer");
}

static int add_sym(struct tb_cmp *c, size_t *cap, struct tb_cmp_sym **out)
{
	struct tb_cmp_sym *v = klp_grow(c->syms, cap, c->nsyms + 1, sizeof(*v));

	if (!v)
		return -1;
	c->syms = v;
	*out = &v[c->nsyms++];
	memset(*out, 0, sizeof(**out));
	return 0;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct tb_cmp_sym *x = a, *y = b;

	return strcmp(x->orig_name ? x->orig_name : x->patched_name,
		      y->orig_name ? y->orig_name : y->patched_name);
}

int tb_compare(const char *orig_obj, const char *patched_obj, const struct klp_describe *od,
	       const struct klp_describe *pd, struct tb_cmp *c, char *err, size_t len)
{
	struct side a = { 0 }, b = { 0 };
	char eerr[EF_ERRLEN];
	size_t cap = 0;
	bool *paired = NULL;
	int r = -1;

	memset(c, 0, sizeof(*c));
	if (ef_open_as(&c->orig, orig_obj, EF_RELOCATABLE, eerr))
		return klp_fail(err, len, "%s", eerr);
	if (ef_open_as(&c->patched, patched_obj, EF_RELOCATABLE, eerr)) {
		ef_close(&c->orig);
		memset(&c->orig, 0, sizeof(c->orig));
		return klp_fail(err, len, "%s", eerr);
	}
	if (side_init(&a, &c->orig, od) || side_init(&b, &c->patched, pd))
		goto nomem;
	paired = calloc(c->patched.nsyms ? c->patched.nsyms : 1, sizeof(*paired));
	if (!paired)
		goto nomem;
	for (size_t i = 1; i < c->orig.nsyms; i++) {
		const struct ef_sym *s = &c->orig.syms[i];
		struct tb_cmp_sym *cs;
		size_t j;

		if (!a.canon[i])
			continue;
		for (j = 1; j < c->patched.nsyms; j++)
			if (b.canon[j] && !paired[j] && !strcmp(a.canon[i], b.canon[j]) &&
			    GELF_ST_TYPE(c->patched.syms[j].s.st_info) == GELF_ST_TYPE(s->s.st_info))
				break;
		if (add_sym(c, &cap, &cs))
			goto nomem;
		cs->orig_name = s->name;
		cs->orig_sym = i;
		cs->is_func = GELF_ST_TYPE(s->s.st_info) == STT_FUNC;
		if (j == c->patched.nsyms) {
			cs->status = TB_ONLY_ORIG;
			continue;
		}
		paired[j] = true;
		cs->patched_name = c->patched.syms[j].name;
		cs->patched_sym = j;
		{
			char *ia = image_of(&a, s, cs->is_func);
			char *ib = image_of(&b, &c->patched.syms[j], cs->is_func);

			if (!ia || !ib) {
				free(ia);
				free(ib);
				goto nomem;
			}
			cs->status = TB_SAME;
			if (strcmp(ia, ib) || strcmp(c->orig.secs[s->shndx].name,
						     c->patched.secs[c->patched.syms[j].shndx].name))
				first_difference(cs, ia, ib);
			free(ia);
			free(ib);
		}
	}
	for (size_t j = 1; j < c->patched.nsyms; j++) {
		struct tb_cmp_sym *cs;

		if (!b.canon[j] || paired[j])
			continue;
		if (add_sym(c, &cap, &cs))
			goto nomem;
		cs->patched_name = c->patched.syms[j].name;
		cs->patched_sym = j;
		cs->is_func = GELF_ST_TYPE(c->patched.syms[j].s.st_info) == STT_FUNC;
		cs->status = TB_ONLY_PATCHED;
	}
	if (c->nsyms)
		qsort(c->syms, c->nsyms, sizeof(*c->syms), sym_cmp);
	r = 0;
	goto done;
nomem:
	klp_fail(err, len, "out of memory comparing %s with %s", orig_obj, patched_obj);
	tb_cmp_free(c);
done:
	free(paired);
	side_free(&a);
	side_free(&b);
	return r;
}

void tb_cmp_free(struct tb_cmp *c)
{
	if (c->orig.elf || c->orig.buf)
		ef_close(&c->orig);
	if (c->patched.elf || c->patched.buf)
		ef_close(&c->patched);
	free(c->syms);
	memset(c, 0, sizeof(*c));
}
