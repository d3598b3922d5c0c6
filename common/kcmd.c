// SPDX-License-Identifier: GPL-2.0-or-later
/* kcmd.c - kbuild's .cmd files and the shell words of a command (see kcmd.h for the rules). */
#include "kcmd.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct list {
	char **v;
	size_t n, cap;
};

static int list_add(struct list *l, const char *s, size_t n)
{
	char **v = klp_grow(l->v, &l->cap, l->n + 1, sizeof(*v));
	char *copy;

	if (!v)
		return -1;
	l->v = v;
	copy = strndup(s, n);
	if (!copy)
		return -1;
	v[l->n++] = copy;
	return 0;
}

static void list_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The target of "PREFIXTARGET := ..." at S (N bytes), or 0 when the line is not one; *VALUE after " := ". */
static size_t assignment(const char *s, size_t n, const char *prefix, const char **target,
			 const char **value)
{
	size_t p = strlen(prefix), i;

	if (n < p || memcmp(s, prefix, p) != 0)
		return 0;
	for (i = p; i < n && !is_blank(s[i]); i++)
		;
	if (i == p || n - i < 3 || memcmp(s + i, " :=", 3) != 0)
		return 0;
	*target = s + p;
	*value = s + i + 3;
	return i - p;
}

/* The command of a cmd_ line (S, N bytes), make's escapes undone, into a malloc'd *OUT. */
static int unescape_command(const char *s, size_t n, unsigned line, char **out, char *err)
{
	char *buf, shown[64];
	size_t i = 0, o = 0;

	while (i < n && is_blank(s[i]))
		i++;
	buf = malloc(n - i + 1);
	if (!buf)
		return klp_fail(err, KLP_KCMD_ERRLEN, "line %u: out of memory", line);
	while (i < n) {
		if (s[i] == '$' && i + 1 < n && s[i + 1] == '$') {
			buf[o++] = '$';
			i += 2;
		} else if (s[i] == '$' && n - i >= 8 && memcmp(s + i, "$(pound)", 8) == 0) {
			buf[o++] = '#';
			i += 8;
		} else if (s[i] == '\\' && i + 1 < n && s[i + 1] == '#') {
			buf[o++] = '#';
			i += 2;
		} else if (s[i] == '$' || s[i] == '#') {
			klp_quote_field(shown, sizeof(shown), s + i, n - i > 20 ? 20 : n - i);
			free(buf);
			return klp_fail(err, KLP_KCMD_ERRLEN,
					"line %u: the command has %s at '%s', which kbuild never "
					"writes into a .cmd file (it writes '$$' for '$' and "
					"'$(pound)' for '#')", line,
					s[i] == '#' ? "an unescaped '#' (a make comment)" :
					"a make reference", shown);
		} else {
			buf[o++] = s[i++];
		}
	}
	buf[o] = '\0';
	*out = buf;
	return 0;
}

/* The words of one line of a deps_ list (S, N bytes, its backslash removed). */
static int deps_words(const char *s, size_t n, struct list *deps, struct list *wild)
{
	size_t i = 0;

	while (i < n) {
		size_t start;

		while (i < n && is_blank(s[i]))
			i++;
		if (i >= n)
			break;
		if (n - i >= 11 && memcmp(s + i, "$(wildcard ", 11) == 0) {
			const char *close = memchr(s + i, ')', n - i);
			size_t end = close ? (size_t)(close - s) : n;

			i += 11;
			while (i < end) {
				while (i < end && is_blank(s[i]))
					i++;
				start = i;
				while (i < end && !is_blank(s[i]))
					i++;
				if (i > start && list_add(wild, s + start, i - start))
					return -1;
			}
			i = end + (end < n);
			continue;
		}
		start = i;
		while (i < n && !is_blank(s[i]))
			i++;
		if (list_add(deps, s + start, i - start))
			return -1;
	}
	return 0;
}

static int same_target(const char *t, size_t tn, const char *target, size_t target_len)
{
	return tn == target_len && memcmp(t, target, tn) == 0;
}

int klp_kcmd_parse(const char *text, size_t len, struct klp_kcmd *c, char err[KLP_KCMD_ERRLEN])
{
	struct list deps = { 0 }, wild = { 0 };
	const char *target = NULL, *source_target = NULL, *deps_target = NULL;
	size_t target_len = 0, source_len = 0, deps_len = 0, pos = 0;
	unsigned line = 0, cmd_line = 0, source_line = 0, deps_line = 0, deps_open = 0;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	err[0] = '\0';
	if (memchr(text, '\0', len)) {
		const char *nul = memchr(text, '\0', len), *s;

		for (s = text; s < nul; s++)
			line += *s == '\n';
		return klp_fail(err, KLP_KCMD_ERRLEN, "line %u: a NUL byte: a .cmd file is text",
				line + 1);
	}
	while (!rc && pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos), *t, *value;
		size_t n = nl ? (size_t)(nl - s) : len - pos, tn;

		pos += n + 1;
		line++;
		if (deps_open) {
			int more = n && s[n - 1] == '\\';

			if (deps_words(s, n - more, &deps, &wild))
				rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: out of memory", line);
			deps_open = more ? deps_open : 0;
			continue;
		}
		if ((tn = assignment(s, n, "cmd_", &t, &value)) ||
		    (tn = assignment(s, n, "savedcmd_", &t, &value))) {
			if (target) {
				rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: a second command line "
					      "(for %.*s), after the one at line %u for %.*s: a .cmd "
					      "file holds the command of one target", line, (int)tn,
					      t, cmd_line, (int)target_len, target);
				break;
			}
			target = t;
			target_len = tn;
			cmd_line = line;
			rc = unescape_command(value, n - (size_t)(value - s), line, &c->command, err);
		} else if ((tn = assignment(s, n, "source_", &t, &value))) {
			size_t i = (size_t)(value - s), e = n;

			if (c->source) {
				rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: a second source_ line, "
					      "after the one at line %u", line, source_line);
				break;
			}
			while (i < e && is_blank(s[i]))
				i++;
			while (e > i && is_blank(s[e - 1]))
				e--;
			source_target = t;
			source_len = tn;
			source_line = line;
			c->source = strndup(s + i, e - i);
			if (!c->source)
				rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: out of memory", line);
		} else if ((tn = assignment(s, n, "deps_", &t, &value))) {
			size_t i = (size_t)(value - s);
			int more = n > i && s[n - 1] == '\\';

			if (deps_line) {
				rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: a second deps_ list, "
					      "after the one at line %u", line, deps_line);
				break;
			}
			deps_target = t;
			deps_len = tn;
			deps_line = line;
			deps_open = more ? line : 0;
			if (deps_words(s + i, n - i - more, &deps, &wild))
				rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: out of memory", line);
		}
	}
	if (!rc && deps_open)
		rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: the deps_ list that starts at line %u "
			      "is still continued (a trailing backslash) at the end of the file; the "
			      ".cmd file was cut short", line, deps_line);
	if (!rc && !target)
		rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: no cmd_TARGET := COMMAND line: this is "
			      "not a .cmd file kbuild wrote for a target", line ? line : 1);
	if (!rc && !c->command[0])
		rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: the command of %.*s is empty",
			      cmd_line, (int)target_len, target);
	if (!rc && source_target && !same_target(source_target, source_len, target, target_len))
		rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: source_%.*s is not the source of "
			      "%.*s, the target of the command at line %u", source_line,
			      (int)source_len, source_target, (int)target_len, target, cmd_line);
	if (!rc && deps_target && !same_target(deps_target, deps_len, target, target_len))
		rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: deps_%.*s are not the dependencies of "
			      "%.*s, the target of the command at line %u", deps_line,
			      (int)deps_len, deps_target, (int)target_len, target, cmd_line);
	if (!rc) {
		c->target = strndup(target, target_len);
		if (!c->target)
			rc = klp_fail(err, KLP_KCMD_ERRLEN, "line %u: out of memory", cmd_line);
	}
	c->deps = deps.v;
	c->ndeps = deps.n;
	c->wildcard_deps = wild.v;
	c->nwildcard_deps = wild.n;
	if (rc) {
		klp_kcmd_free(c);
		return -1;
	}
	return 0;
}

void klp_kcmd_free(struct klp_kcmd *c)
{
	free(c->target);
	free(c->command);
	free(c->source);
	list_free(c->deps, c->ndeps);
	list_free(c->wildcard_deps, c->nwildcard_deps);
	memset(c, 0, sizeof(*c));
}

/* The word being split ends: a word of the command, or a redirection's file (dropped). */
static int end_word(struct klp_words *w, size_t *cap, const char *word, size_t len, int *target)
{
	char **v;

	if (*target) {
		*target = 0;
		return 0;
	}
	v = klp_grow(w->v, cap, w->n + 1, sizeof(*v));
	if (!v)
		return -1;
	w->v = v;
	v[w->n] = strndup(word, len);
	if (!v[w->n])
		return -1;
	w->n++;
	return 0;
}

int klp_shell_words(const char *cmd, struct klp_words *w, char err[KLP_KCMD_ERRLEN])
{
	size_t n = strlen(cmd), i = 0, o = 0, cap = 0, redirect_at = 0;
	char *word = malloc(n + 1);
	int in_word = 0, quoted = 0, target = 0, rc = 0;

	memset(w, 0, sizeof(*w));
	if (!word)
		return klp_fail(err, KLP_KCMD_ERRLEN, "out of memory splitting the command");
	while (i < n) {
		char ch = cmd[i];

		if (ch == ';' || ch == '&' || ch == '|' || ch == '\n')
			break;
		if (ch == ' ' || ch == '\t' || ch == '<' || ch == '>') {
			word[o] = '\0';
			if (in_word && (ch == ' ' || ch == '\t' || quoted ||
					strspn(word, "0123456789") < o)) {
				if (end_word(w, &cap, word, o, &target)) {
					rc = -1;
					break;
				}
			} else if (in_word && target) {
				break;		/* "> 2>x": a redirection where its file should be */
			}
			in_word = quoted = 0;
			o = 0;
			if (ch == ' ' || ch == '\t') {
				i++;
				continue;
			}
			/* A redirection (N>FILE, >>, >&N, <FILE, <>...): neither it nor its file is a word. */
			if (target)
				break;
			redirect_at = i;
			i++;
			if (i < n && (cmd[i] == '>' || cmd[i] == '&' || (ch == '>' && cmd[i] == '|') ||
				      (ch == '<' && cmd[i] == '<')))
				i++;
			target = 1;
			continue;
		}
		if (ch == '#' && !in_word)
			break;
		in_word = 1;
		if (ch == '\'' || ch == '"' || ch == '\\')
			quoted = 1;
		if (ch == '\'') {
			const char *close = strchr(cmd + i + 1, '\'');

			if (!close) {
				rc = -2;
				break;
			}
			memcpy(word + o, cmd + i + 1, (size_t)(close - cmd) - i - 1);
			o += (size_t)(close - cmd) - i - 1;
			i = (size_t)(close - cmd) + 1;
		} else if (ch == '"') {
			size_t start = i++;

			while (i < n && cmd[i] != '"') {
				if (cmd[i] == '\\' && i + 1 < n && strchr("$`\"\\\n", cmd[i + 1])) {
					if (cmd[i + 1] != '\n')
						word[o++] = cmd[i + 1];
					i += 2;
				} else {
					word[o++] = cmd[i++];
				}
			}
			if (i >= n) {
				i = start;
				rc = -3;
				break;
			}
			i++;
		} else if (ch == '\\') {
			if (i + 1 >= n)
				word[o++] = '\\';
			else if (cmd[i + 1] != '\n')
				word[o++] = cmd[i + 1];
			i += 2;
		} else {
			word[o++] = ch;
			i++;
		}
	}
	if (!rc && in_word && end_word(w, &cap, word, o, &target))
		rc = -1;
	if (!rc && target) {
		i = redirect_at;
		rc = -4;
	}
	free(word);
	if (rc == -4) {
		char shown[64];

		klp_quote_field(shown, sizeof(shown), cmd + i, n - i);
		klp_words_free(w);
		return klp_fail(err, KLP_KCMD_ERRLEN, "the command has a redirection without a file "
				"at byte %zu ('%s'): the shell would refuse it", i + 1, shown);
	}
	if (rc) {
		char shown[64];

		klp_quote_field(shown, sizeof(shown), cmd + i + 1, n - i - 1);
		klp_words_free(w);
		if (rc == -1)
			return klp_fail(err, KLP_KCMD_ERRLEN, "out of memory splitting the command");
		return klp_fail(err, KLP_KCMD_ERRLEN, "the command has an unterminated %s quote at "
				"byte %zu, before '%s': the shell would refuse it", rc == -2 ?
				"single" : "double", i + 1, shown);
	}
	return 0;
}

void klp_words_free(struct klp_words *w)
{
	list_free(w->v, w->n);
	memset(w, 0, sizeof(*w));
}

/* Does the macro of "NAME[(ARGS)][=VALUE]" (D) have name NAME?  Then its value. */
static const char *macro_value(const char *d, const char *name)
{
	size_t n = strlen(name);
	const char *eq;

	if (strncmp(d, name, n) != 0 || (d[n] && d[n] != '=' && d[n] != '('))
		return NULL;
	eq = strchr(d + n, '=');
	return eq ? eq + 1 : "1";
}

const char *klp_words_define(const struct klp_words *w, const char *name)
{
	const char *value = NULL;
	size_t i;

	if (!name[0])
		return NULL;
	for (i = 0; i < w->n; i++) {
		const char *word = w->v[i], *d;
		int define;

		if (word[0] != '-' || (word[1] != 'D' && word[1] != 'U'))
			continue;
		define = word[1] == 'D';
		d = word + 2;
		if (!*d) {
			if (i + 1 >= w->n)
				break;
			d = w->v[++i];
		}
		if (define) {
			const char *v = macro_value(d, name);

			if (v)
				value = v;
		} else if (strcmp(d, name) == 0) {
			value = NULL;
		}
	}
	return value;
}

const char *klp_words_output(const struct klp_words *w)
{
	const char *out = NULL;
	size_t i;

	for (i = 0; i < w->n; i++) {
		if (strcmp(w->v[i], "-o") == 0 && i + 1 < w->n)
			out = w->v[++i];
		else if (strncmp(w->v[i], "-o", 2) == 0 && w->v[i][2])
			out = w->v[i] + 2;
	}
	return out;
}
