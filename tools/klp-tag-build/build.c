// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * build.c - klp-tag-build's build stage: kbuild builds NAME/ in the
 * prepared tree (whose config and release are the target's) through the
 * fragment, klp-arch-check checks the .ko, and only then is it renamed to
 * FILE.ko.  A failure leaves no FILE.ko: a half-made or unchecked module
 * must never be mistaken for the fix.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tb.h"
#include "util.h"

/*
 * Does kbuild link an external module's .ko without reading its Kbuild
 * file (Makefile.modfinal not run from Makefile.modpost: 5.10 and later)?
 * Then the fragment needs its post-link hook on the command line.
 */
static bool needs_postlink(const struct tb_tree *tree)
{
	char *modfinal = tb_path(tree->src, "scripts/Makefile.modfinal");
	char *modpost = tb_path(tree->src, "scripts/Makefile.modpost");
	char *text = NULL;
	size_t n;
	bool needs = false;

	if (modfinal && modpost && !access(modfinal, R_OK) && !klp_read_file(modpost, &text, &n))
		needs = !strstr(text, "Makefile.modfinal");
	free(text);
	free(modfinal);
	free(modpost);
	return needs;
}

struct args {
	const char **v;
	char **owned;
	size_t n, nowned;
};

static int push(struct args *a, const char *s)
{
	const char **v = realloc(a->v, (a->n + 2) * sizeof(*v));

	if (!v)
		return -1;
	a->v = v;
	v[a->n++] = s;
	v[a->n] = NULL;
	return 0;
}

static int push_owned(struct args *a, char *s)
{
	char **o = s ? realloc(a->owned, (a->nowned + 1) * sizeof(*o)) : NULL;

	if (!o) {
		free(s);
		return -1;
	}
	a->owned = o;
	o[a->nowned++] = s;
	return push(a, s);
}

static void args_free(struct args *a)
{
	for (size_t i = 0; i < a->nowned; i++)
		free(a->owned[i]);
	free(a->owned);
	free(a->v);
}

static char *joined(const char *a, const char *b)
{
	char *s;

	return asprintf(&s, "%s%s", a, b) < 0 ? NULL : s;
}

/* The command as a reader can run it again (the report's `command` line). */
static char *command_text(const struct args *a)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	if (!f)
		return NULL;
	for (size_t i = 0; i < a->n; i++) {
		const char *w = a->v[i];

		if (i)
			fputc(' ', f);
		if (w[strcspn(w, " \t'\"$\\")]) {
			fputc('\'', f);
			for (; *w; w++)
				fputs(*w == '\'' ? "'\\''" : (char[2]){ *w, 0 }, f);
			fputc('\'', f);
		} else {
			fputs(w, f);
		}
	}
	fclose(f);
	return text;
}

/* The .ko files of the patched module objects, for klp-reloc and the checker. */
static int module_kos(const struct tb_target *t, const struct tb_plan *plan, struct args *kos,
		      char *err, size_t len)
{
	for (size_t i = 0; i < plan->nunits; i++) {
		const char *obj = plan->units[i].file->object;
		char *ko;
		bool seen = false;

		if (!strcmp(obj, "vmlinux"))
			continue;
		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(plan->units[j].file->object, obj);
		if (seen)
			continue;
		ko = t->module_dir ? tb_module_ko(t->module_dir, obj) : NULL;
		if (!ko)
			return klp_fail(err, len, "%s belongs to the module %s, and there is no %s.ko "
					"under %s: livepatch relocations against it need its "
					"symbols; give --module-dir (the target's /lib/modules/RELEASE)",
					plan->units[i].file->path, obj, obj,
					t->module_dir ? t->module_dir : "(none)");
		if (push_owned(kos, ko))
			return klp_fail(err, len, "out of memory");
	}
	return 0;
}

static int run_make(const struct tb_options *o, const struct tb_target *t,
		    const struct tb_tree *tree, const struct args *kos, struct tb_module *m,
		    char *err, size_t len)
{
	struct args a = { 0 };
	char *out = NULL, *list = NULL;
	size_t ln = 0;
	FILE *lf;
	int status = -1;

	lf = open_memstream(&list, &ln);
	for (size_t i = 0; lf && i < kos->n; i++)
		fprintf(lf, "%s%s", i ? " " : "", kos->v[i]);
	if (lf)
		fclose(lf);
	if (!list || push(&a, "make") || push(&a, "-C") || push(&a, tree->src) ||
	    push_owned(&a, joined("M=", m->dir)))
		goto nomem;
	/* The tree's variables but the describe plugin: the module's files get extract mode. */
	for (size_t i = 0; i < tree->nmake_vars; i++)
		if (strncmp(tree->make_vars[i], "KCFLAGS=", 8) && push(&a, tree->make_vars[i]))
			goto nomem;
	if (push_owned(&a, joined("KLP_TAG_SYMBOLS=", t->symbols)) ||
	    (kos->n && push_owned(&a, joined("KLP_TAG_MODULES=", list))))
		goto nomem;
	if (needs_postlink(tree)) {
		const char *slash = strrchr(o->fragment, '/');
		char *hook;

		if (asprintf(&hook, "ARCH_POSTLINK=%.*s/klp-postlink.mk",
			     (int)(slash ? slash - o->fragment : 1), slash ? o->fragment : ".") < 0)
			hook = NULL;
		if (push_owned(&a, hook))
			goto nomem;
	}
	if (push(&a, "modules"))
		goto nomem;
	free(m->command);
	m->command = command_text(&a);
	if (push(&a, "-j2"))
		goto nomem;
	tb_progress(o, "build %s", m->dir);
	{
		/* tb_make would add the tree's variables again: run the words as they are. */
		struct tb_tree bare = *tree;

		bare.nmake_vars = 0;
		status = tb_make(o, &bare, a.v + 3, &out, err, len);
	}
	if (status > 0)
		klp_fail(err, len, "the module does not build (%s):\n%s", m->command ? m->command :
			 "make", tb_output_tail(out));
	free(out);
	free(list);
	args_free(&a);
	return status ? -1 : 0;
nomem:
	free(list);
	args_free(&a);
	return klp_fail(err, len, "out of memory");
}

int tb_build(const struct tb_options *o, const struct tb_target *t, const struct tb_tree *tree,
	     const struct tb_plan *plan, struct tb_module *m, char *err, size_t len)
{
	struct args kos = { 0 }, chk = { 0 };
	char *built = NULL, *out = NULL;
	int r = -1, status;

	if (unlink(m->ko) && errno != ENOENT)
		return klp_fail(err, len, "cannot remove the earlier %s: %s", m->ko, strerror(errno));
	if (module_kos(t, plan, &kos, err, len) || run_make(o, t, tree, &kos, m, err, len))
		goto done;
	if (asprintf(&built, "%s/%s.ko", m->dir, m->name) < 0) {
		built = NULL;
		klp_fail(err, len, "out of memory");
		goto done;
	}
	if (access(built, R_OK)) {
		klp_fail(err, len, "make built no %s", built);
		goto done;
	}
	tb_progress(o, "check %s", built);
	if (push(&chk, o->checker) || push(&chk, "--symbols") || push(&chk, t->symbols)) {
		klp_fail(err, len, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < kos.n; i++)
		if (push(&chk, "--module") || push(&chk, kos.v[i])) {
			klp_fail(err, len, "out of memory");
			goto done;
		}
	if (push(&chk, built)) {
		klp_fail(err, len, "out of memory");
		goto done;
	}
	status = tb_run(o, chk.v, NULL, &out, err, len);
	if (status > 0)
		klp_fail(err, len, "klp-arch-check finds the module wrong, so it is not written to "
			 "%s:\n%s", m->ko, tb_output_tail(out));
	if (status)
		goto done;
	if (rename(built, m->ko)) {
		klp_fail(err, len, "cannot move %s to %s: %s", built, m->ko, strerror(errno));
		goto done;
	}
	r = 0;
done:
	free(out);
	free(built);
	free(chk.v);
	args_free(&kos);
	return r;
}
