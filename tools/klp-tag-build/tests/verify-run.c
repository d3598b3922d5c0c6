// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verify-run - one verification (verify.h) from the command line, for the
 * testsuite (testsuite/klp_tag.verify); not installed.
 *
 *   verify-run [--map MAP] [--config TREE/.config --target-config KDIR/.config]
 *              [--release R] [--compiler TEXT] [--position NAME]... [--refs] [-t]
 *              IMAGE OBJECT SOURCE [-- COMPILE COMMAND WORDS...]
 *   verify-run --compare-map MAP IMAGE
 *
 * Prints one line per function ("equal NAME ADDRESS", "differs NAME+OFF:
 * WHY", "missing NAME: WHY", "overridden NAME ADDRESS"), with --refs one
 * per referenced symbol ("ref NAME ADDRESS local|global|undefined"), one
 * per --position ("position NAME P of N" or "position NAME: ERROR"), for
 * vmlinux "file F: N STT_FILE groups could be its, M equal", then
 * "verified: N functions equal (K of them overridden)" or "differs:
 * MESSAGE".  -t adds the time
 * the image took to open.  --compare-map checks that positions counted in
 * IMAGE's own symbols equal those of MAP, name by name.
 * Exit status: 0 equal, 1 differs, 2 error.
 */
#include "verify.h"
#include "kernel_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
	fprintf(stderr, "usage: verify-run [--map MAP] [--config F --target-config F] [--release R]\n"
			"                  [--compiler TEXT] [--position NAME]... [--refs] [-t]\n"
			"                  IMAGE OBJECT SOURCE [-- WORDS...]\n"
			"       verify-run --compare-map MAP IMAGE\n");
	return 2;
}

/* Every name of MAP that kallsyms holds more than once: the same addresses in the image's list? */
static int compare_map(const char *map, const char *image)
{
	struct kv_target t;
	struct klp_sysmap m;
	char err[KV_ERRLEN];
	size_t i, j, names = 0, several = 0, bad = 0;

	if (kv_target_open(&t, image, NULL, err, sizeof(err))) {
		fprintf(stderr, "verify-run: %s\n", err);
		return 2;
	}
	if (klp_sysmap_load(&m, map, t.kv, NULL, err, sizeof(err))) {
		fprintf(stderr, "verify-run: %s\n", err);
		kv_target_close(&t);
		return 2;
	}
	for (i = 0; i < m.byname.names.n; i++) {
		const char *name = m.byname.names.name[i];
		const size_t *a, *b;
		size_t na = klp_sysmap_find(&m, name, &a), nb = klp_sysmap_find(&t.map, name, &b);

		names++;
		several += na > 1;
		for (j = 0; j < na && na == nb; j++)
			if (m.syms[a[j]].addr != t.map.syms[b[j]].addr)
				break;
		if (na != nb || j < na) {
			if (bad++ < 5)
				printf("disagree %s: %zu in the map, %zu in the image\n", name, na, nb);
		}
	}
	for (i = 0; i < t.map.byname.names.n; i++) {
		const size_t *a;

		if (!klp_sysmap_find(&m, t.map.byname.names.name[i], &a) && bad++ < 5)
			printf("disagree %s: only in the image\n", t.map.byname.names.name[i]);
	}
	printf("map: %zu names, %zu of them several times, %zu disagree\n", names, several, bad);
	klp_sysmap_free(&m);
	kv_target_close(&t);
	return bad ? 1 : 0;
}

static const char *status_word(enum kv_status s)
{
	switch (s) {
	case KV_EQUAL: return "equal";
	case KV_DIFFERS: return "differs";
	case KV_MISSING: return "missing";
	default: return "overridden";
	}
}

int main(int argc, char **argv)
{
	struct kv_compile c = { 0 };
	const char *map = NULL, *positions[64], *pos[3];
	size_t npos = 0, nargs = 0, i;
	int refs = 0, timing = 0, r, status;
	struct kv_target t;
	struct kv_result res;
	char err[KV_ERRLEN];

	for (i = 1; i < (size_t)argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;

		if (!strcmp(a, "--"))  {
			c.argv = (const char *const *)argv + i + 1;
			c.argc = (size_t)argc - i - 1;
			break;
		} else if (!strcmp(a, "--compare-map") && i + 2 < (size_t)argc) {
			return compare_map(argv[i + 1], argv[i + 2]);
		} else if (!strcmp(a, "--refs")) {
			refs = 1;
		} else if (!strcmp(a, "-t")) {
			timing = 1;
		} else if (!strcmp(a, "--map")) {
			val = &map;
		} else if (!strcmp(a, "--config")) {
			val = &c.config;
		} else if (!strcmp(a, "--target-config")) {
			val = &c.target_config;
		} else if (!strcmp(a, "--release")) {
			val = &c.release;
		} else if (!strcmp(a, "--compiler")) {
			val = &c.compiler;
		} else if (!strcmp(a, "--position")) {
			if (npos == sizeof(positions) / sizeof(positions[0]))
				return usage();
			val = &positions[npos++];
		} else if (a[0] == '-' || nargs == 3) {
			return usage();
		} else {
			pos[nargs++] = a;
		}
		if (val) {
			if (++i >= (size_t)argc)
				return usage();
			*val = argv[i];
		}
	}
	if (nargs != 3)
		return usage();
	c.object = pos[1];
	c.source = pos[2];
	if (kv_target_open(&t, pos[0], map, err, sizeof(err))) {
		fprintf(stderr, "verify-run: %s\n", err);
		return 2;
	}
	if (timing)
		printf("open: %.3f s\n", t.open_seconds);
	r = kv_verify(&t, &c, &res, err, sizeof(err));
	if (r < 0) {
		fprintf(stderr, "verify-run: %s\n", err);
		kv_result_free(&res);
		kv_target_close(&t);
		return 2;
	}
	for (i = 0; i < res.nfuncs; i++) {
		const struct kv_function *f = &res.funcs[i];

		if (f->status == KV_EQUAL || f->status == KV_OVERRIDDEN)
			printf("%s %s %llx\n", status_word(f->status), f->name,
			       (unsigned long long)f->address);
		else if (f->status == KV_DIFFERS)
			printf("differs %s+0x%llx: %s\n", f->name, (unsigned long long)f->offset, f->why);
		else
			printf("missing %s: %s\n", f->name, f->why);
	}
	for (i = 0; refs && i < res.nrefs; i++)
		printf("ref %s %llx %s\n", res.refs[i].name, (unsigned long long)res.refs[i].address,
		       res.refs[i].local ? "local" : res.refs[i].undefined ? "undefined" : "global");
	for (i = 0; i < npos; i++) {
		unsigned long p;
		size_t n;

		if (kv_position(&t, &res, positions[i], &p, &n, err, sizeof(err)))
			printf("position %s: %s\n", positions[i], err);
		else
			printf("position %s %lu of %zu\n", positions[i], p, n);
	}
	if (!t.is_module)
		printf("file %s: %zu STT_FILE groups could be its, %zu equal\n", res.file, res.ntried,
		       res.ngroups);
	if (r == 0) {
		size_t over = 0;

		for (i = 0; i < res.nfuncs; i++)
			over += res.funcs[i].status == KV_OVERRIDDEN;
		printf("verified: %zu functions equal (%zu of them overridden)\n", res.nfuncs, over);
	}
	else
		printf("differs: %s\n", res.message);
	status = r;
	kv_result_free(&res);
	kv_target_close(&t);
	return status;
}
