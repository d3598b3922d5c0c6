// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * symres.c - where a name and a position lead, as klp_find_object_symbol()
 * follows them (see symdb.h), and the candidates of a name for messages.
 */
#include "symdb.h"
#include "kimage.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Addresses of the candidates IDX[0..N) of a table, for klp_sympos_find(). */
static uint64_t *addresses(size_t n)
{
	return malloc((n ? n : 1) * sizeof(uint64_t));
}

static enum res_status status_of(enum klp_sympos_result s)
{
	switch (s) {
	case KLP_SYMPOS_OK: return RES_OK;
	case KLP_SYMPOS_AMBIGUOUS: return RES_AMBIGUOUS;
	case KLP_SYMPOS_NO_SUCH_POSITION: return RES_NO_POSITION;
	default: return RES_ABSENT;
	}
}

void resolve_vmlinux(const struct klp_sysmap *m, const char *name, unsigned long pos,
		     struct resolution *r)
{
	uint64_t *addr;
	size_t i, which = 0;

	memset(r, 0, sizeof(*r));
	r->count = klp_sysmap_find(m, name, &r->idx);
	r->core_count = r->count;
	if (!r->count) {
		r->status = RES_ABSENT;
		r->full = r->core = KLP_SYMPOS_NOT_FOUND;
		return;
	}
	addr = addresses(r->count);
	if (!addr) {
		r->status = RES_ABSENT;
		return;
	}
	for (i = 0; i < r->count; i++)
		addr[i] = m->syms[r->idx[i]].addr;
	r->full = r->core = klp_sympos_find(addr, r->count, pos, &which);
	r->status = status_of(r->full);
	/* A name that exists but whose match sits at 0 (per-cpu offsets): said apart. */
	if (r->full == KLP_SYMPOS_NOT_FOUND)
		r->status = RES_ADDRESS_ZERO;
	r->which = r->idx[which];
	free(addr);
}

void resolve_module(const struct kmod *k, const char *name, unsigned long pos,
		    struct resolution *r)
{
	uint64_t *full, *core;
	size_t i, n = 0, wf = 0, wc = 0, *core_idx;

	memset(r, 0, sizeof(*r));
	r->count = kmod_find(k, name, &r->idx);
	full = addresses(r->count);
	core = addresses(r->count);
	core_idx = malloc((r->count ? r->count : 1) * sizeof(*core_idx));
	if (!full || !core || !core_idx) {
		r->status = RES_ABSENT;
		goto out;
	}
	for (i = 0; i < r->count; i++) {
		const struct kmod_sym *s = &k->syms[r->idx[i]];

		full[i] = s->addr;
		if (s->core) {
			core[n] = s->addr;
			core_idx[n++] = r->idx[i];
		}
	}
	r->core_count = n;
	r->full = klp_sympos_find(full, r->count, pos, &wf);
	r->core = klp_sympos_find(core, n, pos, &wc);
	if (!r->count)
		r->status = RES_ABSENT;
	else if (r->full == KLP_SYMPOS_OK && r->core == KLP_SYMPOS_OK)
		r->status = r->idx[wf] == core_idx[wc] ? RES_OK : RES_LOAD_ORDER;
	else if (r->full != r->core)
		r->status = RES_LOAD_ORDER;
	else if (r->full == KLP_SYMPOS_NOT_FOUND)
		r->status = RES_ADDRESS_ZERO;
	else
		r->status = status_of(r->full);
	if (r->count)
		r->which = r->idx[wf];
out:
	free(full);
	free(core);
	free(core_idx);
}

static void add_text(char *buf, size_t len, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_text(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n;
}

/* Position of candidate I among the core-table candidates, 0 when it is not there. */
static size_t core_position(const struct kmod *k, const struct resolution *r, size_t i)
{
	size_t j, pos = 0;

	if (!k->syms[r->idx[i]].core)
		return 0;
	for (j = 0; j <= i; j++)
		pos += k->syms[r->idx[j]].core;
	return pos;
}

/* The source file of vmlinux's symbol NAME at ADDR, from IMG's STT_FILE groups, for a message. */
static const char *source_file(const struct kimage *img, const char *name, uint64_t addr)
{
	const size_t *idx;
	size_t n = kimage_find(img, name, &idx), i;

	for (i = 0; i < n; i++) {
		const struct ef_sym *s = &img->elf.syms[idx[i]];

		if (kimage_is_file(img, idx[i]) || s->s.st_value != addr || !ef_sym_defined(&img->elf, s))
			continue;
		if (kimage_file_of(img, idx[i]))
			return kimage_file_of(img, idx[i]);
		return GELF_ST_BIND(s->s.st_info) == STB_LOCAL ? "no STT_FILE group" : "a global symbol";
	}
	return NULL;
}

size_t describe_candidates(const struct klp_sysmap *m, const struct kmod *k,
			   const struct resolution *r, char *buf, size_t len,
			   unsigned long *safe_pos, const struct kimage *img)
{
	size_t i, used = 0, safe = 0;

	buf[0] = '\0';
	for (i = 0; i < r->count && used < len; i++) {
		const char *sep = i ? "; " : "";

		if (!k) {
			const struct klp_ksym *s = &m->syms[r->idx[i]];
			const char *src = img ? source_file(img, s->name, s->addr) : NULL;

			add_text(buf, len, &used, "%sposition %zu: %016llx %c", sep, i + 1,
				 (unsigned long long)s->addr, s->type);
			if (img)
				add_text(buf, len, &used, " in %s", src ? src : "no symbol of the vmlinux given");
			add_text(buf, len, &used, " (%s line %u)", m->path, s->line);
			if (s->addr && !safe++)
				*safe_pos = i + 1;
		} else {
			const struct ef_sym *s = k->syms[r->idx[i]].sym;
			size_t cp = core_position(k, r, i);
			const char *sec = ef_sym_defined(&k->elf, s) ? k->elf.secs[s->shndx].name :
					  s->s.st_shndx == SHN_ABS ? "*ABS*" : "?";

			add_text(buf, len, &used, "%s%c %s+0x%llx: position %zu while %s loads after the patch, ",
				 sep, ef_sym_letter(&k->elf, s), sec, (unsigned long long)s->s.st_value,
				 i + 1, k->object);
			if (cp)
				add_text(buf, len, &used, "%zu when it loaded before", cp);
			else
				add_text(buf, len, &used, "absent from its core table when it loaded before");
			if (cp == i + 1 && k->syms[r->idx[i]].addr && !safe++)
				*safe_pos = i + 1;
		}
	}
	return safe;
}
