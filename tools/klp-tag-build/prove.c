// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * prove.c - klp-tag-build's verify stage (docs/klp-tag-build.md,
 * "Verifying"): before anything is built from the original compile, it
 * must be the running kernel's code.  A module built from other source,
 * another config or another compiler loads fine and then writes through
 * wrong offsets; comparing every function of each original object with
 * the kernel's binary (verify.h) is what tells.
 *
 * A built-in file is compared with --vmlinux, a module's file with that
 * module's .ko under --module-dir.  A mismatch stops the build unless
 * --no-verify; a binary that is not there makes the file unverified, and
 * the report says so and why.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb.h"
#include "util.h"
#include "verify.h"

/* ---- a module's .ko by name ------------------------------------------- */

static const char *ko_wanted;
static char *ko_found;

/* Module names compare with '-' and '_' alike, as modprobe does. */
static bool same_modname(const char *a, size_t alen, const char *b)
{
	if (alen != strlen(b))
		return false;
	for (size_t i = 0; i < alen; i++) {
		char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];

		if (x != y)
			return false;
	}
	return true;
}

static int ko_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	size_t n = strlen(base);

	(void)st;
	if (type != FTW_F || n < 4 || strcmp(base + n - 3, ".ko"))
		return 0;
	if (!same_modname(base, n - 3, ko_wanted))
		return 0;
	ko_found = strdup(path);
	return 1;
}

char *tb_module_ko(const char *dir, const char *modname)
{
	ko_wanted = modname;
	ko_found = NULL;
	nftw(dir, ko_visit, 16, FTW_PHYS);
	return ko_found;
}

/* ---- the proof --------------------------------------------------------- */

static int sha256_of(const struct tb_options *o, const char *path, char out[65], char *err,
		     size_t len)
{
	const char *argv[] = { "sha256sum", path, NULL };
	char *text = NULL;
	int status = tb_run(o, argv, NULL, &text, err, len);

	if (status == 0 && text && strspn(text, "0123456789abcdef") >= 64) {
		memcpy(out, text, 64);
		out[64] = 0;
		free(text);
		return 0;
	}
	free(text);
	if (status >= 0)
		klp_fail(err, len, "sha256sum %s failed", path);
	return -1;
}

/* The first line of `CC --version`: what verification compares with .comment. */
static char *compiler_version(const struct tb_options *o, const struct tb_target *t)
{
	const char *argv[] = { t->cc[0] ? t->cc : "gcc", "--version", NULL };
	char err[256];
	char *text = NULL;

	if (tb_run(o, argv, NULL, &text, err, sizeof(err)) != 0) {
		free(text);
		return NULL;
	}
	text[strcspn(text, "\n")] = 0;
	return text;
}

/* The open binary PATH, opened once. */
static struct kv_target *target_of(struct tb_proofs *pr, const struct tb_target *t,
				   const char *path, char *err, size_t len)
{
	struct kv_target *k;
	size_t cap;

	for (size_t i = 0; i < pr->ntargets; i++)
		if (!strcmp(pr->target_paths[i], path))
			return pr->targets[i];
	k = calloc(1, sizeof(*k));
	if (!k) {
		klp_fail(err, len, "out of memory");
		return NULL;
	}
	if (kv_target_open(k, path, t->symbols, err, len)) {
		free(k);
		return NULL;
	}
	cap = pr->ntargets;
	pr->targets = realloc(pr->targets, (cap + 1) * sizeof(*pr->targets));
	pr->target_paths = realloc(pr->target_paths, (cap + 1) * sizeof(*pr->target_paths));
	if (!pr->targets || !pr->target_paths) {
		kv_target_close(k);
		free(k);
		klp_fail(err, len, "out of memory");
		return NULL;
	}
	pr->targets[cap] = k;
	pr->target_paths[cap] = strdup(path);
	pr->ntargets++;
	return k;
}

/* Where F's code is in the running kernel, or NULL with WHY saying what is missing. */
static char *binary_of(const struct tb_target *t, const struct tb_file *f, char *why, size_t len)
{
	char *ko;

	if (!f->is_module) {
		if (t->vmlinux)
			return strdup(t->vmlinux);
		snprintf(why, len, "%s: the original compile of %s was not compared with the "
			 "running kernel's code", t->vmlinux_why[0] ? t->vmlinux_why : "no --vmlinux",
			 f->path);
		return NULL;
	}
	ko = t->module_dir ? tb_module_ko(t->module_dir, f->modname) : NULL;
	if (!ko)
		snprintf(why, len, "no %s.ko under --module-dir %s: the original compile of %s "
			 "was not compared with the running module's code", f->modname,
			 t->module_dir ? t->module_dir : "(none)", f->path);
	return ko;
}

static int prove_file(const struct tb_options *o, const struct tb_target *t,
		      const struct tb_tree *tree, struct tb_proofs *pr, struct tb_proof *p,
		      const char *compiler, char *err, size_t len)
{
	struct tb_file *f = p->file;
	char *config = tb_path(tree->src, ".config");
	struct kv_compile c = {
		.object = f->orig_obj,
		.source = f->path,
		.compiler = compiler,
		.argv = (const char *const *)f->argv.v,
		.argc = f->argv.n,
		.config = config,
		.target_config = t->config,
		.release = t->release,
	};
	char *bin = binary_of(t, f, p->why, sizeof(p->why));
	int r = -1, v;

	if (!bin) {
		free(config);
		return 0;
	}
	tb_progress(o, "verify %s against %s", f->path, bin);
	p->target = target_of(pr, t, bin, err, len);
	if (!p->target)
		goto done;
	/*
	 * Another release's binary may hold the same code for a small file;
	 * it still says nothing of the running kernel, nor of its positions.
	 */
	if (p->target->release[0] && strcmp(p->target->release, t->release)) {
		if (!o->no_verify) {
			klp_fail(err, len, "%s: %s is %s's, not the target's %s (--kdir %s): "
				 "give the running kernel's %s (--no-verify builds anyway, "
				 "unverified)", f->path, bin, p->target->release, t->release,
				 t->kdir, f->is_module ? ".ko (--module-dir)" : "vmlinux (--vmlinux)");
			goto done;
		}
		snprintf(p->why, sizeof(p->why), "--no-verify: %s is %s's, not %s's", bin,
			 p->target->release, t->release);
		p->target = NULL;
		r = 0;
		goto done;
	}
	p->result = calloc(1, sizeof(*p->result));
	if (!p->result) {
		klp_fail(err, len, "out of memory");
		goto done;
	}
	v = kv_verify(p->target, &c, p->result, err, len);
	if (v < 0) {
		char why[KV_ERRLEN];

		snprintf(why, sizeof(why), "%s", err);
		klp_fail(err, len, "%s cannot be verified against %s: %s (--no-verify builds "
			 "anyway, unverified)", f->path, bin, why);
		goto done;
	}
	if (v > 0) {
		if (!o->no_verify) {
			klp_fail(err, len, "%s: the original compile is not the running kernel's "
				 "code, so a module built from it would not fit: %s (--no-verify "
				 "builds anyway, unverified)", f->path, p->result->message);
			goto done;
		}
		snprintf(p->why, sizeof(p->why), "--no-verify: %s", p->result->message);
		r = 0;
		goto done;
	}
	if (sha256_of(o, bin, p->sha256, err, len))
		goto done;
	p->verified = true;
	for (size_t i = 0; i < pr->ntargets; i++)
		if (!strcmp(pr->target_paths[i], bin))
			p->binary = pr->target_paths[i];
	r = 0;
done:
	free(bin);
	free(config);
	return r;
}

int tb_prove(const struct tb_options *o, const struct tb_target *t, const struct tb_tree *tree,
	     struct tb_patchset *p, struct tb_proofs *pr, char *err, size_t len)
{
	char *compiler = compiler_version(o, t);

	memset(pr, 0, sizeof(*pr));
	pr->v = calloc(p->nfiles ? p->nfiles : 1, sizeof(*pr->v));
	if (!pr->v) {
		free(compiler);
		return klp_fail(err, len, "out of memory");
	}
	pr->n = p->nfiles;
	for (size_t i = 0; i < p->nfiles; i++) {
		pr->v[i].file = &p->files[i];
		if (o->no_verify && !t->vmlinux && !p->files[i].is_module) {
			snprintf(pr->v[i].why, sizeof(pr->v[i].why), "--no-verify");
			continue;
		}
		if (prove_file(o, t, tree, pr, &pr->v[i], compiler, err, len)) {
			free(compiler);
			return -1;
		}
	}
	free(compiler);
	return 0;
}

void tb_proofs_free(struct tb_proofs *pr)
{
	for (size_t i = 0; i < pr->n; i++) {
		if (pr->v[i].result) {
			kv_result_free(pr->v[i].result);
			free(pr->v[i].result);
		}
	}
	for (size_t i = 0; i < pr->ntargets; i++) {
		kv_target_close(pr->targets[i]);
		free(pr->targets[i]);
		free(pr->target_paths[i]);
	}
	free(pr->targets);
	free(pr->target_paths);
	free(pr->v);
	memset(pr, 0, sizeof(*pr));
}
