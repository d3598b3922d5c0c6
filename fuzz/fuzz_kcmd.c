// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_kcmd.c - libFuzzer harness for the .cmd reader and the shell word
 * splitter (common/kcmd.h).
 *
 * The input is a .cmd file; it is also split as a command itself.  Beyond
 * "no crash, no leak":
 *   - parsing is deterministic; a refused file gets "line N: ..." and an
 *     empty result; an accepted one has a target without blanks, a
 *     command, and dependencies that are single words;
 *   - words re-joined (each single-quoted, ' as '\'') split back to the
 *     same words;
 *   - klp_words_define agrees, for every name a -D defines, with a scan
 *     of the options from left to right as GCC reads them (a bare -D or
 *     -U takes the next word, the last one wins), and klp_words_output
 *     with the last -o.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_kcmd"
#include "fuzz.h"
#include "kcmd.h"

static char *join(const struct klp_words *w)
{
	char *buf = NULL;
	size_t len = 0, i;
	const char *c;
	FILE *f = open_memstream(&buf, &len);

	CHECK(f != NULL, "open_memstream");
	for (i = 0; i < w->n; i++) {
		fputs(i ? " '" : "'", f);
		for (c = w->v[i]; *c; c++) {
			if (*c == '\'')
				fputs("'\\''", f);
			else
				fputc(*c, f);
		}
		fputc('\'', f);
	}
	fclose(f);
	return buf;
}

/* The name of a -D/-U argument: up to '=' or '('. */
static size_t name_len(const char *d)
{
	return strcspn(d, "=(");
}

/* GCC's reading: options from left to right, a bare -D or -U takes the next word. */
static const char *scan_define(const struct klp_words *w, const char *name)
{
	const char *value = NULL;
	size_t i;

	for (i = 0; i < w->n; i++) {
		const char *v = w->v[i], *a;

		if (v[0] != '-' || (v[1] != 'D' && v[1] != 'U'))
			continue;
		a = v[2] ? v + 2 : i + 1 < w->n ? w->v[++i] : NULL;
		if (!a)
			break;
		if (v[1] == 'U' && !strcmp(a, name))
			value = NULL;
		else if (v[1] == 'D' && name_len(a) == strlen(name) && !strncmp(a, name, strlen(name)))
			value = strchr(a, '=') ? strchr(a, '=') + 1 : "1";
	}
	return value;
}

static const char *scan_output(const struct klp_words *w)
{
	const char *out = NULL;
	size_t i;

	for (i = 0; i < w->n; i++) {
		if (!strcmp(w->v[i], "-o") && i + 1 < w->n)
			out = w->v[++i];
		else if (!strncmp(w->v[i], "-o", 2) && w->v[i][2])
			out = w->v[i] + 2;
	}
	return out;
}

static void check_words(const char *cmd)
{
	char err[KLP_KCMD_ERRLEN];
	struct klp_words w, again;
	const char *out = NULL;
	char *joined;
	size_t i;

	if (klp_shell_words(cmd, &w, err)) {
		CHECK(w.n == 0 && w.v == NULL, "refused, yet words");
		CHECK(strncmp(err, "the command has an unterminated ", 32) == 0 ||
		      strncmp(err, "the command has a redirection without a file", 44) == 0,
		      "error: %s", err);
		return;
	}
	joined = join(&w);
	CHECK(klp_shell_words(joined, &again, err) == 0, "joined words refused: %s", err);
	CHECK(again.n == w.n, "%zu words, %zu after joining", w.n, again.n);
	for (i = 0; i < w.n; i++)
		CHECK(!strcmp(w.v[i], again.v[i]), "word %zu: '%s' became '%s'", i, w.v[i],
		      again.v[i]);
	klp_words_free(&again);
	free(joined);

	for (i = 0; i < w.n; i++) {
		const char *arg, *want, *got;
		char name[64];
		size_t n;

		if (strncmp(w.v[i], "-D", 2) != 0)
			continue;
		arg = w.v[i][2] ? w.v[i] + 2 : i + 1 < w.n ? w.v[i + 1] : "";
		n = name_len(arg);
		if (n == 0 || n >= sizeof(name))
			continue;
		memcpy(name, arg, n);
		name[n] = '\0';
		want = scan_define(&w, name);
		got = klp_words_define(&w, name);
		CHECK((!want && !got) || (want && got && !strcmp(want, got)),
		      "-D%s: '%s', the scan finds '%s'", name, got ? got : "(undefined)",
		      want ? want : "(undefined)");
	}
	out = scan_output(&w);
	CHECK((out == NULL) == (klp_words_output(&w) == NULL) &&
	      (!out || !strcmp(out, klp_words_output(&w))), "output '%s', scan '%s'",
	      klp_words_output(&w) ? klp_words_output(&w) : "(none)", out ? out : "(none)");
	klp_words_free(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[KLP_KCMD_ERRLEN], err2[KLP_KCMD_ERRLEN];
	struct klp_kcmd c, again;
	char *text = malloc(size + 1);
	size_t i;

	CHECK(text != NULL, "malloc");
	memcpy(text, data, size);
	text[size] = '\0';
	if (klp_kcmd_parse(text, size, &c, err)) {
		CHECK(!c.target && !c.command && !c.deps && !c.ndeps, "refused, yet fields");
		CHECK(strncmp(err, "line ", 5) == 0, "error without a line: %s", err);
		CHECK(klp_kcmd_parse(text, size, &again, err2) == -1 && !strcmp(err, err2),
		      "not deterministic");
	} else {
		CHECK(c.target[0] && !strpbrk(c.target, " \t\n"), "target '%s'", c.target);
		CHECK(c.command[0] && !strchr(c.command, '\n'), "command '%s'", c.command);
		for (i = 0; i < c.ndeps; i++)
			CHECK(c.deps[i][0] && !strpbrk(c.deps[i], " \t\n"), "dep '%s'", c.deps[i]);
		for (i = 0; i < c.nwildcard_deps; i++)
			CHECK(c.wildcard_deps[i][0] && !strpbrk(c.wildcard_deps[i], " \t\n)"),
			      "wildcard '%s'", c.wildcard_deps[i]);
		CHECK(klp_kcmd_parse(text, size, &again, err2) == 0 &&
		      !strcmp(again.command, c.command) && again.ndeps == c.ndeps &&
		      again.nwildcard_deps == c.nwildcard_deps, "not deterministic");
		klp_kcmd_free(&again);
		check_words(c.command);
		klp_kcmd_free(&c);
	}
	/* The input as a command of its own (up to its first NUL). */
	check_words(text);
	free(text);
	return 0;
}
