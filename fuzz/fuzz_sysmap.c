// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_sysmap.c - libFuzzer harness for the System.map and /proc/kallsyms
 * reader (common/sysmap.h).
 *
 * The input is the file.  Beyond "no crash, no leak":
 *   - a refused file gets one sentence that starts with the file's name;
 *   - an accepted one has every symbol in exactly one name group, found
 *     again by its name, each group in kallsyms order (a map's by address,
 *     weak symbols after the others at one address; a dump's by line);
 *   - no symbol kallsyms drops is kept, and every __ksymtab_ line's name is
 *     an export.
 * The last byte picks the kernel era (5.4 or 6.1 rules of kallsyms).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_NAME "fuzz_sysmap"
#include "fuzz.h"
#include "kernel_abi.h"
#include "sysmap.h"

static int fd = -1;
static char path[64];

/* Does X come before Y in kallsyms order? */
static int ordered(const struct klp_sysmap *m, const struct klp_ksym *x, const struct klp_ksym *y)
{
	if (m->kallsyms_dump)
		return x->line < y->line;
	if (x->addr != y->addr)
		return x->addr < y->addr;
	if (klp_kallsyms_weak(x->type) != klp_kallsyms_weak(y->type))
		return !klp_kallsyms_weak(x->type);
	return x->line < y->line;
}

static void check_groups(const struct klp_sysmap *m, long v)
{
	size_t i, j, n, total = 0;
	const size_t *idx;

	for (i = 0; i < m->byname.names.n; i++) {
		n = klp_sysmap_find(m, m->byname.names.name[i], &idx);
		CHECK(n > 0, "name %s has no symbol", m->byname.names.name[i]);
		total += n;
		for (j = 0; j < n; j++) {
			const struct klp_ksym *s = &m->syms[idx[j]];

			CHECK(strcmp(s->name, m->byname.names.name[i]) == 0, "group of %s holds %s",
			      m->byname.names.name[i], s->name);
			CHECK(klp_kallsyms_keeps(v, s->type, s->name), "kept %c %s", s->type, s->name);
			CHECK(j == 0 || ordered(m, &m->syms[idx[j - 1]], s),
			      "group %s out of kallsyms order at %zu", s->name, j);
		}
	}
	CHECK(total == m->nsyms, "%zu symbols in groups, %zu kept", total, m->nsyms);
	for (i = 0; i < m->exports.n; i++)
		CHECK(m->exports.name[i][0], "an empty export name");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klp_sysmap m;
	char err[2048];
	long v = size && (data[size - 1] & 1) ? KLP_KV(6, 1) : KLP_KV(5, 4);

	if (fd < 0) {
		fd = memfd_create("fuzz_sysmap", 0);
		CHECK(fd >= 0, "memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size,
	      "cannot write the memfd");
	err[0] = '\0';
	if (klp_sysmap_load(&m, path, v, NULL, err, sizeof(err)) == 0)
		check_groups(&m, v);
	else
		CHECK(strncmp(err, path, strlen(path)) == 0 && strlen(err) > strlen(path) + 2,
		      "refusal without the file's name: %s", err);
	klp_sysmap_free(&m);
	return 0;
}
