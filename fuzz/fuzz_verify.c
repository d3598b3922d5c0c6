// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_verify.c - libFuzzer harness for klp-tag-build's verification
 * (tools/klp-tag-build/verify.h) and the kernel image layer under it
 * (tools/klp-arch-check/kimage.h): an object against a kernel binary,
 * both from the input.
 *
 * The input: a 2-byte length L, L bytes of object, the rest the kernel
 * binary (a vmlinux, ET_EXEC, or a module's .ko).  Beyond "no crash, no
 * leak":
 *   - an image or object refused gets one sentence naming its file;
 *   - a verified file (0) has no function that differs or is missing and
 *     no message; a refused one (1) has as many such functions as it
 *     counts, each saying why, and one message that starts with the
 *     file's name and speaks of the running kernel;
 *   - the referenced symbols are sorted by name, equal groups never
 *     outnumber the groups tried;
 *   - a position found is within the count of its name;
 *   - verifying twice gives the same answer and message.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_NAME "fuzz_verify"
#include "fuzz.h"
#include "verify.h"

static int fds[2] = { -1, -1 };
static char paths[2][64];

static void put(int i, const uint8_t *d, size_t n)
{
	if (fds[i] < 0) {
		fds[i] = memfd_create(i ? "fuzz_verify_image" : "fuzz_verify_object", 0);
		CHECK(fds[i] >= 0, "memfd_create");
		snprintf(paths[i], sizeof(paths[i]), "/proc/self/fd/%d", fds[i]);
	}
	CHECK(ftruncate(fds[i], 0) == 0 && pwrite(fds[i], d, n, 0) == (ssize_t)n,
	      "cannot write the memfd");
}

static int verify(const struct kv_target *t, struct kv_result *r, char *err, size_t len)
{
	struct kv_compile c = { 0 };

	c.object = paths[0];
	c.source = "fs/fuzz.c";
	c.release = "9.9.9-fixture";
	err[0] = '\0';
	return kv_verify(t, &c, r, err, len);
}

static void check(const struct kv_target *t, const struct kv_result *r, int v)
{
	size_t i, bad = 0;

	for (i = 0; i < r->nfuncs; i++) {
		const struct kv_function *f = &r->funcs[i];

		if (f->status == KV_DIFFERS || f->status == KV_MISSING) {
			bad++;
			CHECK(f->why[0], "%s %d without a reason", f->name, f->status);
		}
	}
	CHECK(bad == r->ndiffer, "%zu functions differ, %zu counted", bad, r->ndiffer);
	if (v == 0)
		CHECK(!r->ndiffer && !r->message[0], "verified with %zu differing", r->ndiffer);
	else
		CHECK(r->ndiffer && strncmp(r->message, "fs/fuzz.c: ", 11) == 0 &&
		      strstr(r->message, "the running kernel"), "message: %s", r->message);
	for (i = 1; i < r->nrefs; i++)
		CHECK(strcmp(r->refs[i - 1].name, r->refs[i].name) <= 0, "refs out of order at %zu", i);
	CHECK(t->is_module || r->ngroups <= r->ntried || r->ntried == 0, "%zu equal of %zu tried",
	      r->ngroups, r->ntried);
	for (i = 0; i < r->nfuncs && i < 8; i++) {
		unsigned long pos;
		size_t count;
		char err[KV_ERRLEN];

		if (kv_position(t, r, r->funcs[i].name, &pos, &count, err, sizeof(err)) == 0)
			CHECK(pos >= 1 && pos <= count, "%s at %lu of %zu", r->funcs[i].name, pos, count);
		else
			CHECK(strncmp(err, "fs/fuzz.c: ", 11) == 0, "position error: %s", err);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kv_target t;
	struct kv_result r1, r2;
	char err[KV_ERRLEN];
	size_t n;
	int v1, v2;

	if (size < 2)
		return 0;
	n = (size_t)data[0] | (size_t)data[1] << 8;
	if (n > size - 2)
		n = size - 2;
	put(0, data + 2, n);
	put(1, data + 2 + n, size - 2 - n);
	err[0] = '\0';
	if (kv_target_open(&t, paths[1], NULL, err, sizeof(err))) {
		CHECK(strncmp(err, paths[1], strlen(paths[1])) == 0, "image refusal: %s", err);
		return 0;
	}
	v1 = verify(&t, &r1, err, sizeof(err));
	if (v1 < 0) {
		CHECK(strncmp(err, paths[0], strlen(paths[0])) == 0 || strcmp(err, "out of memory") == 0,
		      "object refusal: %s", err);
	} else {
		CHECK(v1 == 0 || v1 == 1, "kv_verify returned %d", v1);
		check(&t, &r1, v1);
		v2 = verify(&t, &r2, err, sizeof(err));
		CHECK(v2 == v1 && strcmp(r1.message, r2.message) == 0, "two runs differ: %d %d", v1, v2);
		kv_result_free(&r2);
	}
	kv_result_free(&r1);
	kv_target_close(&t);
	return 0;
}
