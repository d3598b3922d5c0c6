// SPDX-License-Identifier: GPL-2.0-or-later
/* namehash.c - distinct names by hash (see namehash.h). */
#include "namehash.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: short, and spreads symbol names with common prefixes well. */
static uint64_t hash_of(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/*
 * The slot that holds NAME (hash H), or the empty slot where it would go.
 * A slot keeps 32 bits of its name's hash: most probes end without a
 * string compare.
 */
static size_t slot_of(const struct klp_names *h, const char *name, uint64_t hash)
{
	size_t mask = h->nslots - 1, i = (size_t)hash & mask;
	uint32_t tag = (uint32_t)(hash >> 32);

	while (h->slots[2 * i] &&
	       (h->slots[2 * i + 1] != tag || strcmp(h->name[h->slots[2 * i] - 1], name) != 0))
		i = (i + 1) & mask;
	return i;
}

long klp_names_find(const struct klp_names *h, const char *name)
{
	size_t i;

	if (!h->nslots)
		return -1;
	i = slot_of(h, name, hash_of(name));
	return h->slots[2 * i] ? (long)h->slots[2 * i] - 1 : -1;
}

static int rehash(struct klp_names *h, size_t nslots)
{
	uint32_t *old = h->slots;
	size_t oldn = h->nslots, i, j;

	h->slots = calloc(nslots, 2 * sizeof(*h->slots));
	if (!h->slots) {
		h->slots = old;
		return -1;
	}
	h->nslots = nslots;
	for (i = 0; i < oldn; i++) {
		if (!old[2 * i])
			continue;
		j = slot_of(h, h->name[old[2 * i] - 1], hash_of(h->name[old[2 * i] - 1]));
		h->slots[2 * j] = old[2 * i];
		h->slots[2 * j + 1] = old[2 * i + 1];
	}
	free(old);
	return 0;
}

int klp_names_reserve(struct klp_names *h, size_t n)
{
	size_t nslots = h->nslots ? h->nslots : 64;
	const char **grown;

	while (nslots < 2 * n) {
		if (nslots > SIZE_MAX / 4)
			return -1;
		nslots *= 2;
	}
	if (nslots != h->nslots && rehash(h, nslots))
		return -1;
	grown = klp_grow(h->name, &h->cap, n, sizeof(*grown));
	if (!grown)
		return -1;
	h->name = grown;
	return 0;
}

long klp_names_add(struct klp_names *h, const char *name)
{
	uint64_t hash = hash_of(name);
	size_t i;

	if (h->nslots) {
		i = slot_of(h, name, hash);
		if (h->slots[2 * i])
			return (long)h->slots[2 * i] - 1;
	}
	if (h->n >= UINT32_MAX - 1)
		return -1;
	if ((2 * (h->n + 1) > h->nslots || h->n + 1 > h->cap) && klp_names_reserve(h, h->n + 1))
		return -1;
	i = slot_of(h, name, hash);
	h->name[h->n] = name;
	h->slots[2 * i] = (uint32_t)++h->n;
	h->slots[2 * i + 1] = (uint32_t)(hash >> 32);
	return (long)h->n - 1;
}

void klp_names_free(struct klp_names *h)
{
	free(h->name);
	free(h->slots);
	memset(h, 0, sizeof(*h));
}

int klp_name_groups_build(struct klp_name_groups *g, size_t n,
			  const char *(*name_of)(const void *ctx, size_t i), const void *ctx)
{
	size_t i, *ids = malloc((n ? n : 1) * sizeof(*ids)), *next = NULL;
	long id;
	int r = -1;

	memset(g, 0, sizeof(*g));
	if (!ids || klp_names_reserve(&g->names, n))
		goto out;
	for (i = 0; i < n; i++) {
		id = klp_names_add(&g->names, name_of(ctx, i));
		if (id < 0)
			goto out;
		ids[i] = (size_t)id;
	}
	/* A counting sort over the names' numbers keeps each group in item order. */
	g->group = calloc(g->names.n + 1, sizeof(*g->group));
	g->by_name = malloc((n ? n : 1) * sizeof(*g->by_name));
	next = malloc((g->names.n ? g->names.n : 1) * sizeof(*next));
	if (!g->group || !g->by_name || !next)
		goto out;
	for (i = 0; i < n; i++)
		g->group[ids[i] + 1]++;
	for (i = 1; i <= g->names.n; i++)
		g->group[i] += g->group[i - 1];
	memcpy(next, g->group, g->names.n * sizeof(*next));
	for (i = 0; i < n; i++)
		g->by_name[next[ids[i]]++] = i;
	r = 0;
out:
	free(ids);
	free(next);
	return r;
}

size_t klp_name_groups_find(const struct klp_name_groups *g, const char *name, const size_t **idx)
{
	long id = klp_names_find(&g->names, name);

	if (id < 0)
		return 0;
	*idx = g->by_name + g->group[id];
	return g->group[id + 1] - g->group[id];
}

void klp_name_groups_free(struct klp_name_groups *g)
{
	klp_names_free(&g->names);
	free(g->by_name);
	free(g->group);
	memset(g, 0, sizeof(*g));
}
