// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp-arch-check - show and verify the .klp.arch sections of a livepatch
 * module (.o or .ko) against the rules of the kernel that will load it.
 *
 *   klp-arch-check [--json] [--kernel VERSION|klp-arch|none] [--layout VERSION]
 *                  [--symbols MAP] [--module KO]... FILE...
 *   klp-arch-check --map [--layout VERSION] FILE...
 *   klp-arch-check --compare [--layout VERSION] A B
 *   klp-arch-check --kbuild [--kernel K] [--tags FILE]... [--allow-clobber] MODULE.o...
 *
 * Exit status: 0 clean (or same entries), 1 findings (or different
 * entries), 2 usage error or a file that cannot be read as an x86_64
 * relocatable ELF file.  See klp-arch-check(1).
 */
#include "klpcheck.h"
#include "symdb.h"
#include "version.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: klp-arch-check [--json] [--kernel K] [--layout V] [--symbols MAP]\n"
		"                      [--module KO]... FILE...\n"
		"       klp-arch-check --map [--layout V] FILE...\n"
		"       klp-arch-check --compare [--layout V] A B\n"
		"       klp-arch-check --kbuild [--kernel K] [--tags FILE]... [--allow-clobber]\n"
		"                      MODULE.o...\n"
		"Shows the alternative and paravirt entries of a livepatch module (.o or .ko),\n"
		"which object each belongs to, and verifies them against the kernel's rules.\n"
		"  --kernel K    the consumer kernel's rules: a version (5.4, 6.1.0-56-amd64),\n"
		"                klp-arch (4.9-5.7) or none (5.8+); default: vermagic\n"
		"  --layout V    entry layout of the headers built against: 4.9-5.7 or 6.1;\n"
		"                default: vermagic, else the entries' relocations\n"
		"  --symbols F   resolve vmlinux's livepatch symbols in this System.map\n"
		"  --module KO   resolve a target module's livepatch symbols (repeat)\n"
		"  --json        machine-readable output\n"
		"  --map         print only the .klp_tag.map records\n"
		"  --compare     exit 0 when A and B hold the same entries, else 1\n"
		"  --kbuild      the kbuild fragment's link check (findings are errors);\n"
		"                --tags: warn of tag lines naming no function of the modules;\n"
		"                --allow-clobber: klp-rela-clobber only warns (test controls)\n"
		"  --version     print the version\n"
		"Exit status: 0 clean, 1 findings or differences, 2 usage or unreadable input.\n"
		"See klp-arch-check(1).\n");
}

static int load(struct module *m, const char *path, const char *layout, const char *kernel)
{
	char err[EF_ERRLEN];

	if (module_load(m, path, layout, kernel, err) == 0)
		return 0;
	fprintf(stderr, "klp-arch-check: %s: %s\n", path, err);
	module_free(m);
	return -1;
}

/* A file that cannot be checked: said on stderr, and in the JSON document. */
static void report_error(bool json, bool *first, const char *path, const char *err)
{
	fprintf(stderr, "klp-arch-check: %s: %s\n", path, err);
	if (!json)
		return;
	printf("%s\n  {\"path\": ", *first ? "" : ",");
	report_json_string(stdout, path);
	printf(", \"error\": ");
	report_json_string(stdout, err);
	printf("}");
	*first = false;
}

/* The databases of --symbols and --module; 0, or 2 after a message. */
static int load_symdbs(struct symdbs *db, struct klp_sysmap *map, struct kmod *mods,
		       const char *symbols, const char **modules, size_t nmodules,
		       const char *kernel)
{
	char err[EF_ERRLEN];
	long v = kernel ? klp_kernel_version(kernel) : -1;
	size_t i;

	if (symbols) {
		/* Which symbols kallsyms keeps differs a little by era: the map's own name says it. */
		if (v < 0 && klp_sysmap_release_of(symbols))
			v = klp_kernel_version(klp_sysmap_release_of(symbols));
		if (klp_sysmap_load(map, symbols, v < 0 ? KLP_KV(6, 1) : v, NULL, err, sizeof(err))) {
			fprintf(stderr, "klp-arch-check: %s\n", err);
			klp_sysmap_free(map);
			return 2;
		}
		db->map = map;
	}
	for (i = 0; i < nmodules; i++) {
		if (kmod_load(&mods[i], modules[i], &klp_kconfig_default, err)) {
			fprintf(stderr, "klp-arch-check: %s: %s\n", modules[i], err);
			kmod_free(&mods[i]);
			return 2;
		}
		db->nmods++;
	}
	db->mods = mods;
	return 0;
}

static void free_symdbs(struct symdbs *db, struct klp_sysmap *map, struct kmod *mods)
{
	size_t i;

	if (db->map)
		klp_sysmap_free(map);
	for (i = 0; i < db->nmods; i++)
		kmod_free(&mods[i]);
}

/* TAGS, MODULES, MODS: room for the --tags and --module files, one per argument at most. */
static int run(int argc, char **argv, char **tags, const char **modules, struct kmod *mods)
{
	const char *layout = NULL, *kernel = NULL, *symbols = NULL;
	struct klp_sysmap vmap;
	struct symdbs db = { 0 };
	size_t nmodules = 0;
	/* File names are gathered in place: never past the argument being read. */
	char **files = argv + 1;
	bool json = false, map = false, compare = false, kbuild = false, opts = true, first = true;
	bool allow_clobber = false;
	int i, nfiles = 0, ntags = 0, status = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!opts || a[0] != '-' || !a[1]) {
			files[nfiles++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			opts = false;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--map") == 0) {
			map = true;
		} else if (strcmp(a, "--compare") == 0) {
			compare = true;
		} else if (strcmp(a, "--kbuild") == 0) {
			kbuild = true;
		} else if (strcmp(a, "--allow-clobber") == 0) {
			allow_clobber = true;
		} else if (strcmp(a, "--tags") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "klp-arch-check: %s needs a value\n", a);
				return 2;
			}
			tags[ntags++] = argv[++i];
		} else if (strcmp(a, "--kernel") == 0 || strcmp(a, "--layout") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "klp-arch-check: %s needs a value\n", a);
				return 2;
			}
			*(a[2] == 'k' ? &kernel : &layout) = argv[++i];
		} else if (strcmp(a, "--symbols") == 0 || strcmp(a, "--module") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "klp-arch-check: %s needs a value\n", a);
				return 2;
			}
			if (a[2] == 's')
				symbols = argv[++i];
			else
				modules[nmodules++] = argv[++i];
		} else if (strncmp(a, "--kernel=", 9) == 0) {
			kernel = a + 9;
		} else if (strncmp(a, "--layout=", 9) == 0) {
			layout = a + 9;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			puts("klp-arch-check (klp-tag) " KLP_TAG_VERSION);
			return 0;
		} else {
			fprintf(stderr, "klp-arch-check: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (compare + map + json + kbuild > 1) {
		fprintf(stderr, "klp-arch-check: --compare, --map, --json and --kbuild exclude each other\n");
		return 2;
	}
	if (ntags && !kbuild) {
		fprintf(stderr, "klp-arch-check: --tags goes with --kbuild\n");
		return 2;
	}
	if (allow_clobber && !kbuild) {
		fprintf(stderr, "klp-arch-check: --allow-clobber goes with --kbuild (a verify run reports every klp-rela-clobber finding)\n");
		return 2;
	}
	if (kbuild) {
		if (nfiles < 1) {
			usage(stderr);
			return 2;
		}
		return kbuild_check(files, nfiles, tags, ntags, layout, kernel, allow_clobber);
	}
	if (compare) {
		struct module a, b;
		int r;

		if (nfiles != 2 || kernel) {
			fprintf(stderr, "klp-arch-check: --compare takes exactly two files (and no --kernel)\n");
			return 2;
		}
		if (load(&a, files[0], layout, NULL))
			return 2;
		if (load(&b, files[1], layout, NULL)) {
			module_free(&a);
			return 2;
		}
		r = compare_modules(&a, &b, stdout);
		module_free(&a);
		module_free(&b);
		if (r < 0) {
			fprintf(stderr, "klp-arch-check: out of memory comparing %s and %s\n",
				files[0], files[1]);
			return 2;
		}
		return r;
	}
	if (nfiles < 1) {
		usage(stderr);
		return 2;
	}
	if (map && kernel) {
		fprintf(stderr, "klp-arch-check: --map does not take --kernel\n");
		return 2;
	}
	if ((symbols || nmodules) && (compare || map)) {
		fprintf(stderr, "klp-arch-check: --symbols and --module check files; --compare and --map take neither\n");
		return 2;
	}
	if (load_symdbs(&db, &vmap, mods, symbols, modules, nmodules, kernel)) {
		free_symdbs(&db, &vmap, mods);
		return 2;
	}
	if (json)
		printf("{\"format\": \"klp-arch-check\", \"version\": 1, \"files\": [");
	for (i = 0; i < nfiles; i++) {
		struct module m;
		struct findings f = { 0 };
		char err[EF_ERRLEN];

		if (module_load(&m, files[i], layout, kernel, err)) {
			module_free(&m);
			report_error(json, &first, files[i], err);
			status = 2;
			continue;
		}
		if (map) {
			if (nfiles > 1)
				printf("%s%s:\n", i ? "\n" : "", files[i]);
			report_map(&m, stdout);
		} else if (verify_module(&m, &db, &f)) {
			report_error(json, &first, files[i], "out of memory checking it");
			status = 2;
		} else {
			if (f.n && status == 0)
				status = 1;
			if (json)
				report_json(&m, &db, &f, stdout, first);
			else
				report_text(&m, &db, &f, stdout);
		}
		findings_free(&f);
		first = false;
		module_free(&m);
	}
	if (json)
		printf("\n]}\n");
	free_symdbs(&db, &vmap, mods);
	return status;
}

int main(int argc, char **argv)
{
	char **tags = calloc((size_t)argc, sizeof(*tags));
	const char **modules = calloc((size_t)argc, sizeof(*modules));
	struct kmod *mods = calloc((size_t)argc, sizeof(*mods));
	int status = 2;

	if (!tags || !modules || !mods)
		fprintf(stderr, "klp-arch-check: out of memory\n");
	else
		status = run(argc, argv, tags, modules, mods);
	free(tags);
	free(modules);
	free(mods);
	return status;
}
