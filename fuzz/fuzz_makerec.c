// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_makerec.c - libFuzzer harness for kbuild's recorded sub-makes
 * (common/makerec.h).
 *
 * The input is a record file.  Beyond "no crash, no leak":
 *   - a refused record gets one sentence naming the item ("item N (...)")
 *     or the bytes after the end, and nothing is left allocated;
 *   - an accepted one, formatted again, is the input byte for byte;
 *   - a descent's directory is one of its obj= words, not absolute; one
 *     other than "." covers a file just under it, "." only a file whose
 *     object is a goal; anything else covers nothing;
 *   - the replay environment is the record's minus its MAKE= entries, in
 *     order, and its MAKEFLAGS/MFLAGS hold no jobserver flag and, after
 *     "--" (the overrides), no MAKE=; rewriting the flags again changes nothing.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_makerec"
#include "fuzz.h"
#include "makerec.h"

/* Whether flags F have a word starting with PREFIX among the flags (AFTER 0) or after "--" (1). */
static int has_word(const char *f, const char *prefix, int after)
{
	int past = 0;

	for (const char *w = f; *w;) {
		size_t n = 0;

		while (w[n] && w[n] != ' ')
			n += w[n] == '\\' && w[n + 1] ? 2 : 1;
		if (n == 2 && !strncmp(w, "--", 2))
			past = 1;
		else if (after == past && n >= strlen(prefix) && !strncmp(w, prefix, strlen(prefix)))
			return 1;
		w += n;
		while (*w == ' ')
			w++;
	}
	return 0;
}

/* Whether R has the word W. */
static int names(const struct klp_makerec *r, const char *w)
{
	for (size_t i = 0; i < r->argc; i++)
		if (!strcmp(r->argv[i], w))
			return 1;
	return 0;
}

static void check_flags(const char *value)
{
	char *f = klp_makerec_flags(value), *again;

	CHECK(f != NULL, "out of memory");
	CHECK(!has_word(f, "--jobserver-auth=", 0) && !has_word(f, "--jobserver-fds=", 0),
	      "a jobserver word left in \"%s\" (from \"%s\")", f, value);
	CHECK(!has_word(f, "MAKE=", 1), "a MAKE= override left in \"%s\"", f);
	CHECK(strlen(f) <= strlen(value), "\"%s\" grew into \"%s\"", value, f);
	again = klp_makerec_flags(f);
	CHECK(again && !strcmp(again, f), "rewriting \"%s\" again gives \"%s\"", f, again);
	free(again);
	free(f);
}

static void check(const struct klp_makerec *r, const uint8_t *data, size_t size)
{
	const char *dir = klp_makerec_descent(r);
	char *text, **env;
	size_t n, k = 0;

	CHECK(klp_makerec_format(r->cwd, (const char *const *)r->argv,
				 (const char *const *)r->env, &text, &n) == 0, "not formatted again");
	CHECK(n == size && !memcmp(text, data, size), "formatted again: %zu bytes, not the %zu read",
	      n, size);
	free(text);
	if (dir) {
		char *path;
		int found = 0;

		for (size_t i = 0; i < r->argc; i++)
			found |= !strncmp(r->argv[i], "obj=", 4) && r->argv[i] + 4 == dir;
		CHECK(found, "the descent's directory \"%s\" is no obj= word", dir);
		CHECK(dir[0] != '/', "descent into \"%s\"", dir);
		CHECK(asprintf(&path, "%s/x.c", dir) > 0, "out of memory");
		CHECK(klp_makerec_covers(r, path) == (strcmp(dir, ".") || names(r, "./x.o") ||
						      names(r, "././x.o")),
		      "\"%s\" covers %s: %d", dir, path, klp_makerec_covers(r, path));
		free(path);
	} else {
		CHECK(!klp_makerec_covers(r, "fs/x.c"), "no descent covers fs/x.c");
	}
	env = klp_makerec_replay_env(r);
	CHECK(env != NULL, "out of memory");
	for (size_t i = 0; i < r->envc; i++) {
		const char *e = r->env[i];

		if (!strncmp(e, "MAKE=", 5))
			continue;
		CHECK(env[k] != NULL, "entry %zu (%s) missing from the replay", i, e);
		if (!strncmp(e, "MAKEFLAGS=", 10) || !strncmp(e, "MFLAGS=", 7)) {
			const char *v = strchr(e, '=') + 1;
			char *f = klp_makerec_flags(v);

			CHECK(f && !strncmp(env[k], e, (size_t)(v - e)) && !strcmp(env[k] + (v - e), f),
			      "%s replayed as %s", e, env[k]);
			free(f);
			check_flags(v);
		} else {
			CHECK(!strcmp(env[k], e), "%s replayed as %s", e, env[k]);
		}
		k++;
	}
	CHECK(env[k] == NULL, "the replay has more entries than the record");
	klp_makerec_env_free(env);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[KLP_MAKEREC_ERRLEN];
	struct klp_makerec r;
	char *flags;

	if (klp_makerec_parse((const char *)data, size, &r, err) == 0) {
		check(&r, data, size);
		klp_makerec_free(&r);
	} else {
		CHECK(!strncmp(err, "item ", 5) || strstr(err, " after the last environment entry"),
		      "refusal \"%s\"", err);
		CHECK(r.cwd == NULL && r.argv == NULL && r.env == NULL, "a refusal left memory");
	}
	/* The flags rewriting on any text as well. */
	flags = strndup((const char *)data, size);
	CHECK(flags != NULL, "out of memory");
	check_flags(flags);
	free(flags);
	return 0;
}
