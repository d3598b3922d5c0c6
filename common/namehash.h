/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * namehash.h - distinct names and their numbers, found by hash.
 *
 * The symbol databases (System.map, Module.symvers, a module's symbol
 * table) hold tens of thousands of names and are asked about each
 * reference of a patch module: a lookup is one hash probe sequence, not a
 * scan.  The names themselves are not copied: they must stay where they
 * are (in a file buffer) for as long as the table is used.
 */
#ifndef KLP_NAMEHASH_H
#define KLP_NAMEHASH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct klp_names {
	const char **name;	/* by number */
	size_t n, cap;
	uint32_t *slots;	/* pairs: number + 1 (0 for an empty slot), hash */
	size_t nslots;		/* a power of two, at least twice n */
};

/* The number of NAME, or -1 when it has none. */
long klp_names_find(const struct klp_names *h, const char *name);
/*
 * The number of NAME, which gets the next free number when it had none;
 * -1 when memory ran out (the table is unchanged and still usable).
 */
long klp_names_add(struct klp_names *h, const char *name);
/* Room for N names without growing; -1 when memory ran out. */
int klp_names_reserve(struct klp_names *h, size_t n);
void klp_names_free(struct klp_names *h);

/*
 * Items (symbols) grouped by name, each group in item order: a lookup
 * gives all the items of one name at once, as sympos needs them.
 */
struct klp_name_groups {
	struct klp_names names;
	size_t *by_name;	/* item indexes, grouped by name */
	size_t *group;		/* name number -> its first place in by_name; one more at the end */
};

/*
 * Group N items whose names NAME_OF(CTX, i) gives (names that stay valid).
 * Returns 0, or -1 when memory ran out.
 */
int klp_name_groups_build(struct klp_name_groups *g, size_t n,
			  const char *(*name_of)(const void *ctx, size_t i), const void *ctx);
/* The items called NAME (*IDX), in item order; their count. */
size_t klp_name_groups_find(const struct klp_name_groups *g, const char *name, const size_t **idx);
void klp_name_groups_free(struct klp_name_groups *g);

#ifdef __cplusplus
}
#endif
#endif
