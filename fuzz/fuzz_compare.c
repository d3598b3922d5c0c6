// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_compare.c - libFuzzer harness for klp-tag-build's compare stage
 * (tools/klp-tag-build/compare.c, tb_compare in tb.h) and the ELF layer
 * and instruction decoder under it.
 *
 * The input: a 2-byte length L, L bytes of describe file (used when it
 * parses), the rest the object.  Beyond "no crash, no leak":
 *   - an object refused gets one sentence naming its file;
 *   - an object compared with itself, with and without the describe
 *     file, has every symbol paired with itself and the same: nothing
 *     the comparison looks at (moved code, pieces, special-section
 *     entries, renumbered names) may make two copies of one object
 *     differ;
 *   - the symbols are sorted by name.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_NAME "fuzz_compare"
#include "fuzz.h"
#include "tb.h"

static int fd = -1;
static char path[64];

static void self_compare(const struct klp_describe *d)
{
	struct tb_cmp c;
	char err[TB_ERRLEN];
	size_t i;

	err[0] = '\0';
	if (tb_compare(path, path, d, d, &c, err, sizeof(err))) {
		CHECK(err[0] && strncmp(err, path, strlen(path)) == 0,
		      "a refusal without the file's name: '%s'", err);
		return;
	}
	for (i = 0; i < c.nsyms; i++) {
		const struct tb_cmp_sym *e = &c.syms[i];

		CHECK(e->status == TB_SAME, "%s differs from itself: %s at 0x%llx: %s",
		      e->orig_name ? e->orig_name : e->patched_name,
		      tb_cmp_status_name(e->status), (unsigned long long)e->offset, e->why);
		CHECK(e->orig_sym == e->patched_sym, "%s paired with another symbol", e->orig_name);
		CHECK(i == 0 || strcmp(c.syms[i - 1].orig_name, e->orig_name) <= 0,
		      "not sorted: %s before %s", c.syms[i - 1].orig_name, e->orig_name);
	}
	tb_cmp_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klp_describe d;
	char derr[KLP_DESCRIBE_ERRLEN];
	size_t dlen;

	if (size < 2)
		return 0;
	dlen = data[0] | (size_t)data[1] << 8;
	if (dlen > size - 2)
		dlen = size - 2;
	if (fd < 0) {
		fd = memfd_create("fuzz_compare", 0);
		CHECK(fd >= 0, "memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	CHECK(ftruncate(fd, 0) == 0 &&
	      pwrite(fd, data + 2 + dlen, size - 2 - dlen, 0) == (ssize_t)(size - 2 - dlen),
	      "cannot write the memfd");

	self_compare(NULL);
	if (klp_describe_parse((const char *)data + 2, dlen, &d, derr) == 0) {
		self_compare(&d);
		klp_describe_free(&d);
	}
	return 0;
}
