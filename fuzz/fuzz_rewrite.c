// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_rewrite.c - libFuzzer harness for the asm directive rewriter.
 *
 * The first input byte picks the object name, the rest is an asm template.
 * Beyond "no crash", it asserts what the plugin relies on when it replaces
 * an asm template in a tagged function:
 *   - the rewriter renames exactly the `.altinstructions`/`.parainstructions`
 *     directives that klp_asm_for_each_directive() reports, and the count it
 *     returns is theirs;
 *   - removing the inserted ".klp.arch.OBJ." at those offsets gives back the
 *     input byte for byte, so nothing else changed;
 *   - the rewritten text parses into the same directives, the renamed ones
 *     now classified as .klp.arch names;
 *   - rewriting the output again renames nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_rewrite"
#include "fuzz.h"
#include "asm_rewrite.h"

/* Names the plugin can be given: normalised object names, up to 55 bytes. */
static const char *const objects[] = {
	"vmlinux", "ext4", "a", "livepatch_callbacks_mod", "_",
	"a23456789012345678901234567890123456789012345678901234",
};

struct found {
	struct klp_directive *d;
	size_t n, cap;
};

static void collect(void *ctx, const struct klp_directive *d)
{
	struct found *f = ctx;

	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->d = realloc(f->d, f->cap * sizeof(*f->d));
		CHECK(f->d != NULL, "out of memory");
	}
	f->d[f->n++] = *d;
}

static int renamed(const struct klp_directive *d)
{
	return d->section == KLP_SEC_ALTINSTRUCTIONS || d->section == KLP_SEC_PARAINSTRUCTIONS;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct found in = { 0 }, out = { 0 };
	struct klp_asm_summary sum;
	const char *object, *tmpl;
	char prefix[128];
	size_t len, out_len, plen, k, from = 0, to = 0, nrenamed = 0;
	unsigned count = 12345, count2 = 12345;
	char *text, *res, *again;

	if (size == 0)
		return 0;
	object = objects[data[0] % (sizeof(objects) / sizeof(objects[0]))];
	/* A private copy, so reads past the template's end are caught by ASan. */
	len = size - 1;
	text = malloc(len ? len : 1);
	memcpy(text, data + 1, len);
	tmpl = text;

	klp_asm_for_each_directive(tmpl, len, collect, &in);
	for (k = 0; k < in.n; k++) {
		CHECK(in.d[k].name_offset + in.d[k].name_length <= len, "directive %zu out of range", k);
		CHECK(k == 0 || in.d[k].name_offset > in.d[k - 1].name_offset,
		      "directives out of order at %zu", k);
		nrenamed += renamed(&in.d[k]);
	}
	klp_asm_summarise(tmpl, len, &sum);
	CHECK(sum.altinstructions + sum.parainstructions == nrenamed, "summary disagrees");

	res = klp_asm_rewrite_sections(tmpl, len, object, &out_len, &count);
	CHECK(count == nrenamed, "count %u, directives %zu", count, nrenamed);
	if (nrenamed == 0) {
		CHECK(res == NULL && out_len == 0, "nothing to rename but output returned");
		goto done;
	}
	CHECK(res != NULL, "out of memory");
	plen = (size_t)snprintf(prefix, sizeof(prefix), ".klp.arch.%s.", object);
	CHECK(out_len == len + nrenamed * plen, "length %zu for %zu + %zu * %zu", out_len, len,
	      nrenamed, plen);
	CHECK(res[out_len] == '\0', "output not NUL-terminated");

	/* Undo the insertions: only the prefixes may differ from the input. */
	for (k = 0; k < in.n; k++) {
		size_t at = in.d[k].name_offset;

		if (!renamed(&in.d[k]))
			continue;
		CHECK(memcmp(res + to, tmpl + from, at - from) == 0,
		      "bytes %zu..%zu changed", from, at);
		to += at - from;
		CHECK(memcmp(res + to, prefix, plen) == 0, "no prefix at output offset %zu", to);
		to += plen;
		from = at;
	}
	CHECK(memcmp(res + to, tmpl + from, len - from) == 0, "tail from %zu changed", from);

	/* The output reads as the same directives, renamed ones now .klp.arch names. */
	klp_asm_for_each_directive(res, out_len, collect, &out);
	CHECK(out.n == in.n, "%zu directives before, %zu after", in.n, out.n);
	for (k = 0, to = 0; k < in.n; k++) {
		const struct klp_directive *a = &in.d[k], *b = &out.d[k];

		CHECK(b->quoted == a->quoted, "directive %zu quoting changed", k);
		CHECK(b->name_offset == a->name_offset + to, "directive %zu moved", k);
		if (renamed(a)) {
			CHECK(b->section == KLP_SEC_KLP_ARCH, "directive %zu not a .klp.arch name", k);
			CHECK(b->name_length == a->name_length + plen, "directive %zu length", k);
			to += plen;
		} else {
			CHECK(b->section == a->section && b->name_length == a->name_length,
			      "directive %zu changed", k);
		}
	}

	again = klp_asm_rewrite_sections(res, out_len, object, &out_len, &count2);
	CHECK(again == NULL && count2 == 0, "second rewrite renamed %u more", count2);
	free(res);
done:
	free(in.d);
	free(out.d);
	free(text);
	return 0;
}
