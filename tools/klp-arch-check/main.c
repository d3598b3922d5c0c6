// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp-arch-check - show and verify the .klp.arch sections of a livepatch
 * module (.o or .ko) against the rules of the kernel that will load it.
 *
 *   klp-arch-check [--json] [--kernel VERSION|klp-arch|none] [--layout VERSION] FILE...
 *   klp-arch-check --map [--layout VERSION] FILE...
 *   klp-arch-check --compare [--layout VERSION] A B
 *
 * Exit status: 0 clean (or same entries), 1 findings (or different
 * entries), 2 usage error or a file that cannot be read as an x86_64
 * relocatable ELF file.  See klp-arch-check(1).
 */
#include "klpcheck.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: klp-arch-check [--json] [--kernel VERSION|klp-arch|none] [--layout VERSION] FILE...\n"
		"       klp-arch-check --map [--layout VERSION] FILE...\n"
		"       klp-arch-check --compare [--layout VERSION] A B\n"
		"\n"
		"Shows the alternative and paravirt entries of a livepatch module (.o or .ko),\n"
		"which object each belongs to, and verifies them against the kernel's rules.\n"
		"  --kernel K   rules of the consumer kernel: a version (5.4, 6.1.0-56-amd64),\n"
		"               klp-arch (4.9-5.7: .klp.arch applied) or none (5.8+: ignored);\n"
		"               default: the .modinfo vermagic version\n"
		"  --layout V   entry layout of the headers the module was built against:\n"
		"               4.9-5.7 (or any version in it) or 6.1; default: vermagic, else\n"
		"               inferred from the entries' relocations\n"
		"  --json       machine-readable output (schema in klp-arch-check(1))\n"
		"  --map        print only the .klp_tag.map records\n"
		"  --compare    exit 0 when A and B hold the same entries, 1 with the differences\n"
		"Exit status: 0 clean, 1 findings or differences, 2 usage or unreadable input.\n");
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

int main(int argc, char **argv)
{
	const char *layout = NULL, *kernel = NULL;
	/* File names are gathered in place: never past the argument being read. */
	char **files = argv + 1;
	bool json = false, map = false, compare = false, opts = true, first = true;
	int i, nfiles = 0, status = 0;

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
		} else if (strcmp(a, "--kernel") == 0 || strcmp(a, "--layout") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "klp-arch-check: %s needs a value\n", a);
				return 2;
			}
			*(a[2] == 'k' ? &kernel : &layout) = argv[++i];
		} else if (strncmp(a, "--kernel=", 9) == 0) {
			kernel = a + 9;
		} else if (strncmp(a, "--layout=", 9) == 0) {
			layout = a + 9;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "klp-arch-check: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (compare + map + json > 1) {
		fprintf(stderr, "klp-arch-check: --compare, --map and --json exclude each other\n");
		return 2;
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
		} else if (verify_module(&m, &f)) {
			report_error(json, &first, files[i], "out of memory checking it");
			status = 2;
		} else {
			if (f.n && status == 0)
				status = 1;
			if (json)
				report_json(&m, &f, stdout, first);
			else
				report_text(&m, &f, stdout);
		}
		findings_free(&f);
		first = false;
		module_free(&m);
	}
	if (json)
		printf("\n]}\n");
	return status;
}
