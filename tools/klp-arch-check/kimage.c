// SPDX-License-Identifier: GPL-2.0-or-later
/* kimage.c - a linked kernel image and its symbol table (see kimage.h). */
#include "kimage.h"
#include "symdb.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BANNER "Linux version "

static const char *name_of(const void *ctx, size_t i)
{
	return ((const struct ef_file *)ctx)->syms[i].name;
}

/* A symbol that names a place: not a section or file symbol, defined in an allocated section. */
static int placed(const struct ef_file *f, const struct ef_sym *s)
{
	int type = GELF_ST_TYPE(s->s.st_info);

	return s->name[0] && type != STT_SECTION && type != STT_FILE && ef_sym_defined(f, s) &&
	       (f->secs[s->shndx].sh.sh_flags & SHF_ALLOC);
}

static const struct ef_file *sort_file;	/* qsort has no context argument */

static int cmp_addr(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	uint64_t x = sort_file->syms[i].s.st_value, y = sort_file->syms[j].s.st_value;

	if (x != y)
		return x < y ? -1 : 1;
	return i < j ? -1 : 1;
}

int kimage_open(struct kimage *k, const char *path, char err[EF_ERRLEN])
{
	size_t i;

	memset(k, 0, sizeof(*k));
	if (ef_open_as(&k->elf, path, EF_EXECUTABLE, err)) {
		/* The ELF layer's words are for objects; a stripped image needs these. */
		if (strncmp(err, "no symbol table", 15) == 0)
			ef_error(err, "no symbol table (.symtab): a stripped vmlinux cannot be compared with; give one with its symbols (Debian: ./usr/lib/debug/boot/vmlinux-RELEASE of linux-image-RELEASE-dbg)");
		return -1;
	}
	k->by_addr = malloc((k->elf.nsyms ? k->elf.nsyms : 1) * sizeof(*k->by_addr));
	if (!k->by_addr || klp_name_groups_build(&k->byname, k->elf.nsyms, name_of, &k->elf)) {
		kimage_close(k);
		return ef_error(err, "out of memory for %zu symbols", k->elf.nsyms);
	}
	for (i = 1; i < k->elf.nsyms; i++)
		if (placed(&k->elf, &k->elf.syms[i]))
			k->by_addr[k->naddr++] = i;
	if (!k->naddr) {
		kimage_close(k);
		return ef_error(err, "its symbol table has no symbol in an allocated section: a vmlinux with its symbols is needed (Debian: linux-image-RELEASE-dbg)");
	}
	sort_file = &k->elf;
	qsort(k->by_addr, k->naddr, sizeof(*k->by_addr), cmp_addr);
	return 0;
}

void kimage_close(struct kimage *k)
{
	klp_name_groups_free(&k->byname);
	free(k->by_addr);
	ef_close(&k->elf);
	memset(k, 0, sizeof(*k));
}

size_t kimage_find(const struct kimage *k, const char *name, const size_t **idx)
{
	return klp_name_groups_find(&k->byname, name, idx);
}

int kimage_is_file(const struct kimage *k, size_t i)
{
	return GELF_ST_TYPE(k->elf.syms[i].s.st_info) == STT_FILE;
}

const char *kimage_file_of(const struct kimage *k, size_t i)
{
	const struct ef_sym *s = &k->elf.syms[i];

	if (GELF_ST_BIND(s->s.st_info) != STB_LOCAL || !s->file || kimage_is_file(k, i))
		return NULL;
	return k->elf.syms[s->file].name;
}

/* Is symbol I a better answer for ADDR than BEST (same start)? */
static int better(const struct ef_file *f, size_t i, size_t best, uint64_t addr)
{
	const struct ef_sym *s = &f->syms[i], *b = &f->syms[best];
	int cs = addr - s->s.st_value < s->s.st_size, cb = addr - b->s.st_value < b->s.st_size;
	int ts = GELF_ST_TYPE(s->s.st_info) != STT_NOTYPE, tb = GELF_ST_TYPE(b->s.st_info) != STT_NOTYPE;

	if (cs != cb)
		return cs;
	if (ts != tb)
		return ts;
	return i < best;
}

size_t kimage_symbol_at(const struct kimage *k, uint64_t addr, uint64_t *off)
{
	const struct ef_file *f = &k->elf;
	size_t lo = 0, hi = k->naddr, i, best = 0, sec = ef_section_at(f, addr);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->syms[k->by_addr[mid]].s.st_value <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i-- > 0;) {
		size_t s = k->by_addr[i];

		if (best && f->syms[s].s.st_value != f->syms[best].s.st_value)
			break;
		/* A symbol of another section (per-cpu ones sit at low addresses) never answers. */
		if (f->syms[s].shndx != sec)
			continue;
		if (!best || better(f, s, best, addr))
			best = s;
	}
	if (best)
		*off = addr - f->syms[best].s.st_value;
	return best;
}

static int cmp_nm(const void *a, const void *b)
{
	const struct ef_sym *x = &sort_file->syms[*(const size_t *)a];
	const struct ef_sym *y = &sort_file->syms[*(const size_t *)b];
	int c;

	if (x->s.st_value != y->s.st_value)
		return x->s.st_value < y->s.st_value ? -1 : 1;
	c = strcmp(x->name, y->name);
	if (c)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/*
 * nm's letter: ef_sym_letter()'s, except in sections that are not
 * allocated, where nm says 'N' for debugging sections, 'n' for read-only
 * ones with contents, and '?' otherwise (vmlinux's empty .data_nosave).
 */
static char nm_letter(const struct ef_file *f, const struct ef_sym *s)
{
	const struct ef_sec *sec;

	if (!ef_sym_defined(f, s) || GELF_ST_BIND(s->s.st_info) == STB_WEAK)
		return ef_sym_letter(f, s);
	sec = &f->secs[s->shndx];
	if (sec->sh.sh_flags & SHF_ALLOC)
		return ef_sym_letter(f, s);
	if (strncmp(sec->name, ".debug", 6) == 0)
		return 'N';
	if (sec->data && !(sec->sh.sh_flags & SHF_WRITE))
		return GELF_ST_BIND(s->s.st_info) == STB_LOCAL ? 'n' : 'N';
	return '?';
}

/*
 * nm -n lists every symbol but section and file symbols, by address and
 * then name; scripts/mksysmap drops the undefined ones and local labels
 * (.L*), and klp_kallsyms_keeps() the rest kallsyms never keeps.
 */
static int listed(const struct ef_file *f, const struct ef_sym *s)
{
	int type = GELF_ST_TYPE(s->s.st_info);

	return s->name[0] && type != STT_SECTION && type != STT_FILE &&
	       s->s.st_shndx != SHN_UNDEF && strncmp(s->name, ".L", 2) != 0;
}

int kimage_sysmap(const struct kimage *k, long v, struct klp_sysmap *m, char *err, size_t len)
{
	const struct ef_file *f = &k->elf;
	size_t i, n = 0, cap = 0, used = 0, *order = malloc((f->nsyms ? f->nsyms : 1) * sizeof(*order));
	char *text = NULL;

	memset(m, 0, sizeof(*m));
	if (!order)
		return klp_fail(err, len, "%s: out of memory", f->path);
	for (i = 1; i < f->nsyms; i++)
		if (listed(f, &f->syms[i]))
			order[n++] = i;
	sort_file = f;
	qsort(order, n, sizeof(*order), cmp_nm);
	for (i = 0; i < n; i++) {
		const struct ef_sym *s = &f->syms[order[i]];
		size_t need = used + 16 + 3 + strlen(s->name) + 2;
		char *grown = klp_grow(text, &cap, need, 1);

		if (!grown) {
			free(text);
			free(order);
			return klp_fail(err, len, "%s: out of memory", f->path);
		}
		text = grown;
		used += (size_t)snprintf(text + used, cap - used, "%016llx %c %s\n",
					 (unsigned long long)s->s.st_value, nm_letter(f, s), s->name);
	}
	free(order);
	if (!text) {
		text = strdup("");
		if (!text)
			return klp_fail(err, len, "%s: out of memory", f->path);
	}
	return klp_sysmap_load_text(m, f->path, text, used, v, NULL, err, len);
}

const char *kimage_release(const struct kimage *k, char *buf, size_t len)
{
	const size_t *idx;
	size_t n = kimage_find(k, "linux_banner", &idx), i, j;

	for (i = 0; i < n; i++) {
		const struct ef_sym *s = &k->elf.syms[idx[i]];
		size_t size = s->s.st_size < 256 ? (size_t)s->s.st_size : 256;
		const unsigned char *p = ef_bytes_at(&k->elf, s->s.st_value, size);

		if (!p || size <= strlen(BANNER) || memcmp(p, BANNER, strlen(BANNER)))
			continue;
		p += strlen(BANNER);
		size -= strlen(BANNER);
		for (j = 0; j < size && j + 1 < len && p[j] > ' ' && p[j] < 0x7f; j++)
			buf[j] = (char)p[j];
		if (!j)
			continue;
		buf[j] = '\0';
		return buf;
	}
	return NULL;
}
