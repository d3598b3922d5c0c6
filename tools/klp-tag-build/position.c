// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * position.c - the position of a verified file's symbol among the
 * kernel's symbols of its name, as livepatch counts them (see verify.h):
 * in vmlinux by System.map's order (klp-reloc's map, or the image's own
 * symbols listed as the map lists them), in a module by its .ko's symbol
 * table in both load orders (symdb.h).  Which of them is the file's comes
 * from the verification: the symbol its functions are, or the address
 * its verified code leads to; else the file's STT_FILE group.
 */
#include "verify_int.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

/*
 * A local symbol found by verifying is the file's only where one STT_FILE
 * group was equal: with two equal copies, either one's could be it.
 */
static size_t decided(const struct kv_target *t, const struct kv_result *r, size_t ks)
{
	if (!t->is_module && r->ngroups > 1 &&
	    GELF_ST_BIND(t->image.elf.syms[ks].s.st_info) == STB_LOCAL)
		return 0;
	return ks;
}

size_t kv_kernel_symbol(const struct kv_target *t, const struct kv_result *r, const char *name)
{
	const size_t *idx;
	size_t i, n, found = 0, count = 0;

	for (i = 0; i < r->nfuncs; i++)
		if (r->funcs[i].ksym && strcmp(r->funcs[i].name, name) == 0)
			return decided(t, r, r->funcs[i].ksym);
	for (i = 0; i < r->nrefs; i++)
		if (r->refs[i].ksym && strcmp(r->refs[i].name, name) == 0)
			return decided(t, r, r->refs[i].ksym);
	if (t->is_module) {
		n = kmod_find(&t->module, name, &idx);
		for (i = 0; i < n; i++)
			if (ef_sym_defined(&t->module.elf, t->module.syms[idx[i]].sym)) {
				found = (size_t)(t->module.syms[idx[i]].sym - t->module.elf.syms);
				count++;
			}
		return count == 1 ? found : 0;
	}
	/* Not referenced by the code: the file's group says, when it is decided. */
	n = kimage_find(&t->image, name, &idx);
	for (i = 0; i < n; i++) {
		const struct ef_sym *s = &t->image.elf.syms[idx[i]];

		if (kimage_is_file(&t->image, idx[i]) || !ef_sym_defined(&t->image.elf, s))
			continue;
		if (GELF_ST_BIND(s->s.st_info) == STB_LOCAL ?
		    r->ngroups == 1 && s->file == r->group : 1) {
			found = idx[i];
			count++;
		}
	}
	return count == 1 ? found : 0;
}

static int in_vmlinux(const struct kv_target *t, const struct kv_result *r, const char *name,
		      unsigned long *pos, size_t *count, char *err, size_t len)
{
	const size_t *idx;
	size_t n = klp_sysmap_find(&t->map, name, &idx), i, ks = kv_kernel_symbol(t, r, name), at = 0;
	unsigned hits = 0;
	char cand[KV_ERRLEN];
	struct resolution res;
	unsigned long safe;
	uint64_t addr;

	*count = n;
	if (!n)
		return klp_fail(err, len, "%s: %s lists no %s that livepatch could find", r->source,
				t->map.path, name);
	memset(&res, 0, sizeof(res));
	res.count = n;
	res.idx = idx;
	describe_candidates(&t->map, NULL, &res, cand, sizeof(cand), &safe, &t->image);
	if (!ks && r->ngroups == 1)
		return klp_fail(err, len, "%s: vmlinux has no %s among the symbols of this file (its STT_FILE group %s): %s",
				r->source, name, r->file, cand);
	if (!ks && r->ngroups > 1)
		return klp_fail(err, len, "%s: which of the %zu symbols %s of vmlinux is this file's cannot be told: %zu objects named %s have this file's code: %s",
				r->source, n, name, r->ngroups, r->file, cand);
	if (!ks)
		return klp_fail(err, len, "%s: which of the %zu symbols %s of vmlinux is this file's cannot be told: the file's code differs from the running kernel's, so no STT_FILE group %s is known to be its: %s",
				r->source, n, name, r->file, cand);
	addr = t->image.elf.syms[ks].s.st_value;
	for (i = 0; i < n; i++)
		if (t->map.syms[idx[i]].addr == addr && hits++ == 0)
			at = i;
	if (hits != 1)
		return klp_fail(err, len, "%s: vmlinux has this file's %s at %016llx, where %s lists %s: the map is not of this vmlinux (%s)",
				r->source, name, (unsigned long long)addr, t->map.path,
				hits ? "several of that name" : "none of that name", cand);
	/* The kernel's own count must lead back to it. */
	resolve_vmlinux(&t->map, name, at + 1, &res);
	if (res.status != RES_OK || t->map.syms[res.which].addr != addr)
		return klp_fail(err, len, "%s: position %zu of %s does not lead back to %016llx in %s",
				r->source, at + 1, name, (unsigned long long)addr, t->map.path);
	*pos = at + 1;
	return 0;
}

static int in_module(const struct kv_target *t, const struct kv_result *r, const char *name,
		     unsigned long *pos, size_t *count, char *err, size_t len)
{
	const struct kmod *k = &t->module;
	const size_t *idx;
	size_t n = kmod_find(k, name, &idx), i, ks = kv_kernel_symbol(t, r, name);
	char cand[KV_ERRLEN];
	struct resolution res;
	unsigned long safe;

	*count = n;
	if (!n)
		return klp_fail(err, len, "%s: %s has no symbol %s", r->source, k->elf.path, name);
	for (i = 0; i < n && k->syms[idx[i]].sym != &k->elf.syms[ks]; i++)
		;
	if (!ks || i == n) {
		resolve_module(k, name, 1, &res);
		describe_candidates(NULL, k, &res, cand, sizeof(cand), &safe, NULL);
		return klp_fail(err, len, "%s: which of the %zu symbols %s of %s is this file's cannot be told (a .ko keeps no STT_FILE symbols, and the verified code never references it): %s",
				r->source, n, name, k->object, cand);
	}
	resolve_module(k, name, i + 1, &res);
	if (res.status != RES_OK || res.which != idx[i]) {
		describe_candidates(NULL, k, &res, cand, sizeof(cand), &safe, NULL);
		return klp_fail(err, len, "%s: this file's %s is position %zu of %s while it loads after the patch, but not when it loaded before: livepatch cannot reach it by name in both orders: %s",
				r->source, name, i + 1, k->object, cand);
	}
	*pos = i + 1;
	return 0;
}

int kv_position(const struct kv_target *t, const struct kv_result *r, const char *name,
		unsigned long *pos, size_t *count, char *err, size_t len)
{
	*pos = 0;
	*count = 0;
	return t->is_module ? in_module(t, r, name, pos, count, err, len) :
	       in_vmlinux(t, r, name, pos, count, err, len);
}
