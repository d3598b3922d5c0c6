// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * makerec.c - kbuild's sub-makes, recorded and run again (makerec.h).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "makerec.h"
#include "util.h"

static size_t count(const char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

int klp_makerec_format(const char *cwd, const char *const *argv, const char *const *env,
		       char **out, size_t *len)
{
	size_t argc = count(argv), envc = count(env);
	FILE *f;

	*out = NULL;
	*len = 0;
	if (!cwd || cwd[0] != '/' || argc > KLP_MAKEREC_MAX_ITEMS || envc > KLP_MAKEREC_MAX_ITEMS)
		return -1;
	for (size_t i = 0; i < envc; i++)
		if (env[i][0] == '=' || !strchr(env[i], '='))
			return -1;
	f = open_memstream(out, len);
	if (!f)
		return -1;
	fprintf(f, "%s%c%s%c%zu%c", KLP_MAKEREC_MAGIC, 0, cwd, 0, argc, 0);
	for (size_t i = 0; i < argc; i++)
		fprintf(f, "%s%c", argv[i], 0);
	fprintf(f, "%zu%c", envc, 0);
	for (size_t i = 0; i < envc; i++)
		fprintf(f, "%s%c", env[i], 0);
	if (fclose(f)) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

void klp_makerec_env_free(char **env)
{
	for (size_t i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

/* Both lists are NULL-terminated, also when a parse stopped half-way (words() fills in order). */
void klp_makerec_free(struct klp_makerec *r)
{
	klp_makerec_env_free(r->argv);
	klp_makerec_env_free(r->env);
	free(r->cwd);
	memset(r, 0, sizeof(*r));
}

struct reader {
	const char *p, *end;
	size_t item;
	char *err;
};

/* The next NUL-terminated item, or NULL with the error set. */
static const char *item(struct reader *rd, const char *what)
{
	const char *s = rd->p;
	const char *nul = s < rd->end ? memchr(s, 0, (size_t)(rd->end - s)) : NULL;

	rd->item++;
	if (!nul) {
		snprintf(rd->err, KLP_MAKEREC_ERRLEN, "item %zu (%s): %s", rd->item, what,
			 s < rd->end ? "not NUL-terminated" : "missing: the record ends early");
		return NULL;
	}
	rd->p = nul + 1;
	return s;
}

static int number(struct reader *rd, const char *what, size_t *n)
{
	const char *s = item(rd, what);
	size_t v = 0;

	if (!s)
		return -1;
	if (!*s || (s[0] == '0' && s[1]) || strspn(s, "0123456789") != strlen(s) ||
	    strlen(s) > 5 || (v = strtoul(s, NULL, 10)) > KLP_MAKEREC_MAX_ITEMS) {
		snprintf(rd->err, KLP_MAKEREC_ERRLEN, "item %zu (%s): \"%.40s\" is no count of "
			 "at most %d", rd->item, what, s, KLP_MAKEREC_MAX_ITEMS);
		return -1;
	}
	*n = v;
	return 0;
}

static int words(struct reader *rd, const char *what, size_t n, char ***out, bool is_env)
{
	char **v = calloc(n + 1, sizeof(*v));

	*out = v;
	if (!v) {
		snprintf(rd->err, KLP_MAKEREC_ERRLEN, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *s = item(rd, what);

		if (!s)
			return -1;
		if (is_env && (s[0] == '=' || !strchr(s, '='))) {
			snprintf(rd->err, KLP_MAKEREC_ERRLEN, "item %zu (%s): \"%.40s\" is no "
				 "NAME=VALUE entry", rd->item, what, s);
			return -1;
		}
		v[i] = strdup(s);
		if (!v[i]) {
			snprintf(rd->err, KLP_MAKEREC_ERRLEN, "out of memory");
			return -1;
		}
	}
	return 0;
}

int klp_makerec_parse(const char *text, size_t n, struct klp_makerec *r,
		      char err[KLP_MAKEREC_ERRLEN])
{
	struct reader rd = { text, text + n, 0, err };
	const char *s;

	memset(r, 0, sizeof(*r));
	err[0] = 0;
	s = item(&rd, "the header");
	if (s && strcmp(s, KLP_MAKEREC_MAGIC)) {
		snprintf(err, KLP_MAKEREC_ERRLEN, "item 1 (the header): not \"%s\"",
			 KLP_MAKEREC_MAGIC);
		s = NULL;
	}
	if (s)
		s = item(&rd, "the directory");
	if (s && s[0] != '/') {
		snprintf(err, KLP_MAKEREC_ERRLEN, "item 2 (the directory): \"%.40s\" is not "
			 "absolute", s);
		s = NULL;
	}
	if (s && !(r->cwd = strdup(s))) {
		snprintf(err, KLP_MAKEREC_ERRLEN, "out of memory");
		s = NULL;
	}
	if (!s || number(&rd, "the word count", &r->argc) ||
	    words(&rd, "a word", r->argc, &r->argv, false) ||
	    number(&rd, "the environment's count", &r->envc) ||
	    words(&rd, "an environment entry", r->envc, &r->env, true))
		goto bad;
	if (rd.p != rd.end) {
		snprintf(err, KLP_MAKEREC_ERRLEN, "%zu bytes after the last environment entry",
			 (size_t)(rd.end - rd.p));
		goto bad;
	}
	return 0;
bad:
	klp_makerec_free(r);
	return -1;
}

const char *klp_makerec_descent(const struct klp_makerec *r)
{
	static const char build[] = "scripts/Makefile.build";
	const char *dir = NULL;
	bool makefile = false;

	for (size_t i = 0; i < r->argc; i++) {
		const char *w = r->argv[i];
		size_t n = strlen(w);

		if (!strcmp(w, "-f") && i + 1 < r->argc) {
			const char *f = r->argv[++i];
			size_t fn = strlen(f), bn = sizeof(build) - 1;

			makefile = fn >= bn && !strcmp(f + fn - bn, build) &&
				   (fn == bn || f[fn - bn - 1] == '/');
		} else if (n > 4 && !strncmp(w, "obj=", 4)) {
			if (dir)
				return NULL;
			dir = w + 4;
		}
	}
	if (!makefile || !dir || dir[0] == '/')
		return NULL;
	return dir;
}

/* Whether word W is PATH's object, "dir/file.o" or "./dir/file.o", for PATH "dir/file.c". */
static bool names_object(const char *w, const char *path)
{
	size_t n = strlen(path);

	if (n < 3 || strcmp(path + n - 2, ".c"))
		return false;
	if (!strncmp(w, "./", 2))
		w += 2;
	return strlen(w) == n && !strncmp(w, path, n - 1) && w[n - 1] == 'o';
}

bool klp_makerec_covers(const struct klp_makerec *r, const char *path)
{
	const char *dir = klp_makerec_descent(r);
	size_t n = dir ? strlen(dir) : 0;

	if (!dir)
		return false;
	for (size_t i = 0; i < r->argc; i++)
		if (names_object(r->argv[i], path))
			return true;
	while (n && dir[n - 1] == '/')
		n--;
	return n && strcmp(dir, ".") && !strncmp(path, dir, n) && path[n] == '/' && path[n + 1];
}

static bool dropped_word(const char *w, size_t n, bool overrides)
{
	static const char *const jobserver[] = { "--jobserver-auth=", "--jobserver-fds=" };

	if (overrides)
		return n >= 5 && !strncmp(w, "MAKE=", 5);
	for (size_t i = 0; i < sizeof(jobserver) / sizeof(*jobserver); i++)
		if (n >= strlen(jobserver[i]) && !strncmp(w, jobserver[i], strlen(jobserver[i])))
			return true;
	return false;
}

char *klp_makerec_flags(const char *value)
{
	size_t n = strlen(value), o = 0;
	char *out = malloc(n + 1);
	bool overrides = false;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t start, end;

		while (i < n && value[i] == ' ')
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && value[i] != ' ')
			i += value[i] == '\\' && i + 1 < n ? 2 : 1;
		end = i;
		if (dropped_word(value + start, end - start, overrides))
			continue;
		if (end - start == 2 && !strncmp(value + start, "--", 2))
			overrides = true;
		if (o)
			out[o++] = ' ';
		memcpy(out + o, value + start, end - start);
		o += end - start;
	}
	out[o] = 0;
	/* A "--" left with nothing after it: make itself writes none then. */
	while (o >= 2 && !strcmp(out + o - 2, "--") && (o == 2 || out[o - 3] == ' ')) {
		o = o == 2 ? 0 : o - 3;
		out[o] = 0;
	}
	return out;
}

char **klp_makerec_replay_env(const struct klp_makerec *r)
{
	char **env = calloc(r->envc + 1, sizeof(*env));
	size_t n = 0;

	if (!env)
		return NULL;
	for (size_t i = 0; i < r->envc; i++) {
		const char *e = r->env[i];
		char *v = NULL;

		if (!strncmp(e, "MAKE=", 5))
			continue;
		if (!strncmp(e, "MAKEFLAGS=", 10) || !strncmp(e, "MFLAGS=", 7)) {
			size_t name = (size_t)(strchr(e, '=') - e) + 1;
			char *flags = klp_makerec_flags(e + name);

			if (flags && asprintf(&v, "%.*s%s", (int)name, e, flags) < 0)
				v = NULL;
			free(flags);
		} else {
			v = strdup(e);
		}
		if (!v) {
			klp_makerec_env_free(env);
			return NULL;
		}
		env[n++] = v;
	}
	return env;
}
