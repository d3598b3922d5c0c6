// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_symvers.c - libFuzzer harness for the Module.symvers reader
 * (common/symvers.h).
 *
 * The input is the file.  Beyond "no crash, no leak":
 *   - a refused file gets one sentence that starts with the file's name;
 *   - in an accepted one every export is found again by its name, as its
 *     first line; its object is "vmlinux" or a valid, normalised module
 *     name; the vmlinux exports are counted right; the CRC and fields come
 *     from a line of 4 or 5 tab-separated fields.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_NAME "fuzz_symvers"
#include "fuzz.h"
#include "objname.h"
#include "symvers.h"

static int fd = -1;
static char path[64];

static void check_exports(const struct klp_symvers *s)
{
	char norm[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];
	size_t i, vmlinux = 0;

	for (i = 0; i < s->n; i++) {
		const struct klp_export *e = &s->v[i];

		CHECK(klp_symvers_find(s, e->name) == e, "%s not found as itself", e->name);
		CHECK(e->name[0] && e->module[0] && strncmp(e->type, "EXPORT_", 7) == 0,
		      "line %u: empty or bad fields", e->line);
		CHECK(i == 0 || e->line > s->v[i - 1].line, "lines out of order");
		if (strcmp(e->object, "vmlinux") == 0) {
			vmlinux++;
			continue;
		}
		CHECK(klp_objname_normalise(e->object, strlen(e->object), norm, why) == 0 &&
		      strcmp(norm, e->object) == 0, "object '%s' of %s", e->object, e->name);
	}
	CHECK(vmlinux == s->nvmlinux, "%zu vmlinux exports counted as %zu", vmlinux, s->nvmlinux);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klp_symvers s;
	char err[2048];

	if (fd < 0) {
		fd = memfd_create("fuzz_symvers", 0);
		CHECK(fd >= 0, "memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size,
	      "cannot write the memfd");
	err[0] = '\0';
	if (klp_symvers_load(&s, path, err, sizeof(err)) == 0)
		check_exports(&s);
	else
		CHECK(strncmp(err, path, strlen(path)) == 0 && strlen(err) > strlen(path) + 2,
		      "refusal without the file's name: %s", err);
	klp_symvers_free(&s);
	return 0;
}
