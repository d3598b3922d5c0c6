// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * modmap.c - a module's .klp_tag.map records (format: common/klp_map.h):
 * read them, tie each function record to the function its relocation
 * names, and find the record of a function.
 */
#include "klpcheck.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The function a record's address relocation names (offset 16: klp_map.h). */
static void map_tie(struct module *m, const struct ef_sec *s, struct map_rec *r)
{
	const struct ef_rel *rel = ef_rel_at(s, r->offset + 16);

	if (rel && ef_rel_target(&m->elf, rel, &r->fshndx, &r->faddr))
		r->func = ef_function_at(&m->elf, r->fshndx, r->faddr);
}

static int read_map(struct module *m)
{
	const struct ef_sec *s = ef_section_named(&m->elf, KLP_MAP_SECTION);
	size_t pos = 0, cap = 0;
	struct klp_map_record rec;
	const char *why;
	int r;

	if (!s || !s->data)
		return 0;
	while ((r = klp_map_read_record(s->data, s->size, &pos, &rec, &why)) == 1) {
		struct map_rec mr = { .offset = rec.offset, .kind = rec.kind, .source = rec.source,
				      .flags = rec.flags, .abi_req = rec.abi_requested,
				      .abi_res = rec.abi_resolved,
				      .str = { rec.str[0], rec.str[1], rec.str[2], rec.str[3] } };
		struct map_rec *grown;

		if (mr.kind == KLP_MAP_FUNCTION || mr.kind == KLP_MAP_TABLE)
			map_tie(m, s, &mr);
		grown = klp_grow(m->map, &cap, m->nmap + 1, sizeof(*grown));
		if (!grown)
			return -1;
		m->map = grown;
		m->map[m->nmap++] = mr;
	}
	if (r < 0) {
		m->map_stop = why;
		m->map_stop_offset = pos;
	}
	return 0;
}

static bool rec_by_addr(const struct map_rec *r)
{
	return r->func || r->fshndx;
}

static const struct module *sort_module;	/* qsort has no context argument */

/* Records by (section, address), then by position: the first wins. */
static int cmp_rec_addr(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct map_rec *x = &sort_module->map[i], *y = &sort_module->map[j];

	if (x->fshndx != y->fshndx)
		return x->fshndx < y->fshndx ? -1 : 1;
	if (x->faddr != y->faddr)
		return x->faddr < y->faddr ? -1 : 1;
	return i < j ? -1 : 1;
}

static int cmp_rec_name(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_module->map[i].str[2], sort_module->map[j].str[2]);

	return c ? c : (i < j ? -1 : 1);
}

static int index_map(struct module *m)
{
	size_t i;

	m->map_by_addr = calloc(m->nmap ? m->nmap : 1, sizeof(size_t));
	m->map_by_name = calloc(m->nmap ? m->nmap : 1, sizeof(size_t));
	if (!m->map_by_addr || !m->map_by_name)
		return -1;
	for (i = 0; i < m->nmap; i++) {
		if (m->map[i].kind != KLP_MAP_FUNCTION)
			continue;
		if (rec_by_addr(&m->map[i]))
			m->map_by_addr[m->n_by_addr++] = i;
		else
			m->map_by_name[m->n_by_name++] = i;
	}
	sort_module = m;
	qsort(m->map_by_addr, m->n_by_addr, sizeof(size_t), cmp_rec_addr);
	qsort(m->map_by_name, m->n_by_name, sizeof(size_t), cmp_rec_name);
	return 0;
}

/* The first function record (in map order) tied to FUNC, or NULL. */
static const struct map_rec *record_of(const struct module *m, const struct ef_sym *func)
{
	size_t lo = 0, hi = m->n_by_addr, best = m->nmap;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct map_rec *r = &m->map[m->map_by_addr[mid]];

		if (r->fshndx < func->shndx || (r->fshndx == func->shndx && r->faddr < func->s.st_value))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->n_by_addr && m->map[m->map_by_addr[lo]].fshndx == func->shndx &&
	    m->map[m->map_by_addr[lo]].faddr == func->s.st_value)
		best = m->map_by_addr[lo];
	lo = 0;
	hi = m->n_by_name;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(m->map[m->map_by_name[mid]].str[2], func->name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->n_by_name && strcmp(m->map[m->map_by_name[lo]].str[2], func->name) == 0 &&
	    m->map_by_name[lo] < best)
		best = m->map_by_name[lo];
	return best < m->nmap ? &m->map[best] : NULL;
}

const struct map_rec *map_function(const struct module *m, const struct ef_sym *func)
{
	const struct map_rec *r;
	const char *cold;
	size_t i;

	if (!func)
		return NULL;
	r = record_of(m, func);
	if (r)
		return r;
	/* foo.cold (and foo.cold.N) is the unlikely part of foo: same object. */
	cold = strstr(func->name, ".cold");
	if (cold && cold != func->name) {
		size_t base = (size_t)(cold - func->name);
		const struct ef_sym *origin = NULL;

		for (i = 1; i < m->elf.nsyms; i++) {
			const struct ef_sym *s = &m->elf.syms[i];

			if (GELF_ST_TYPE(s->s.st_info) != STT_FUNC || strlen(s->name) != base ||
			    strncmp(s->name, func->name, base) != 0 || !ef_sym_defined(&m->elf, s))
				continue;
			/* Two files' static foo: the one from foo.cold's own file. */
			if (!origin || s->file == func->file)
				origin = s;
		}
		if (origin)
			return map_function(m, origin);
	}
	return NULL;
}

bool map_has_objects(const struct module *m)
{
	size_t i;

	for (i = 0; i < m->nmap; i++)
		if (m->map[i].kind == KLP_MAP_OBJECT)
			return true;
	return false;
}


int module_read_map(struct module *m)
{
	return read_map(m) || index_map(m) ? -1 : 0;
}

const struct map_rec *map_unit_of(const struct module *m, const struct map_rec *r)
{
	size_t i = (size_t)(r - m->map);

	while (i-- > 0)
		if (m->map[i].kind == KLP_MAP_UNIT)
			return &m->map[i];
	return NULL;
}

const char *function_file(const struct module *m, const struct ef_sym *func)
{
	const struct map_rec *r = map_function(m, func), *unit = r ? map_unit_of(m, r) : NULL;

	if (unit && unit->str[1][0])
		return unit->str[1];
	/* A local symbol follows its file's STT_FILE; a global one no longer does. */
	if (GELF_ST_BIND(func->s.st_info) == STB_LOCAL && func->file)
		return m->elf.syms[func->file].name;
	return NULL;
}
