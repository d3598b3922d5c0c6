// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_elf.c - libFuzzer harness for klp-arch-check's ELF reading.
 *
 * The input is a file klp-arch-check is given (a .o or .ko, i.e. anything
 * on disk).  It goes through every path the checker takes for one file:
 * module_load() (ELF layer, modinfo, entry sections, .klp_tag.map, layout
 * and rules), verify_module(), the text, JSON and map reports, and
 * --compare.  Beyond "no crash, no leak":
 *   - a refused file gets a reason (names from the file are printed as they
 *     are, so a reason may hold any byte but NUL);
 *   - a file compared with a second load of itself holds the same entries.
 * The last input byte picks the --layout/--kernel arguments, so the
 * fuzzer reaches the code behind each of them.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_NAME "fuzz_elf"
#include "fuzz.h"
#include "klpcheck.h"

static const struct {
	const char *layout, *kernel;
} args[] = {
	{ NULL, NULL }, { "5.4", NULL }, { "6.1", NULL }, { NULL, "klp-arch" },
	{ NULL, "none" }, { "4.9", "5.7" }, { NULL, "6.1.0-56-amd64" }, { "4.19.72", "4.19" },
};

static FILE *sink;
static int fd = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct module a, b;  /* module_load() fills them whether it succeeds or not */
	struct findings f = { 0 };
	char err[EF_ERRLEN];
	unsigned pick = size ? data[size - 1] % (sizeof(args) / sizeof(args[0])) : 0;
	int r;

	if (fd < 0) {
		fd = memfd_create("fuzz_elf", 0);
		CHECK(fd >= 0, "memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		sink = fopen("/dev/null", "w");
		CHECK(sink != NULL, "/dev/null");
	}
	CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size,
	      "cannot write the memfd");

	err[0] = '\0';
	if (module_load(&a, path, args[pick].layout, args[pick].kernel, err)) {
		CHECK(err[0] && memchr(err, '\0', EF_ERRLEN), "refusal without a reason");
		module_free(&a);
		return 0;
	}
	verify_module(&a, NULL, &f);
	report_text(&a, NULL, &f, sink);
	report_json(&a, NULL, &f, sink, true);
	report_map(&a, sink);
	findings_free(&f);

	module_free(&a);

	/* --compare loads both files without --kernel. */
	if (module_load(&a, path, args[pick].layout, NULL, err) == 0) {
		CHECK(module_load(&b, path, args[pick].layout, NULL, err) == 0,
		      "a second load failed: %s", err);
		r = compare_modules(&a, &b, sink);
		CHECK(r == 0, "a module differs from itself (%d)", r);
		module_free(&b);
	}
	module_free(&a);
	return 0;
}
