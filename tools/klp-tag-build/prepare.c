// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * prepare.c - klp-tag-build's prepared trees (docs/klp-tag-build.md, "The
 * prepared tree and its cache"): the target's source with its .config,
 * reproduced option for option, after `make modules_prepare`, so that
 * `make path/file.o` compiles one file with the target's own command.
 *
 * A tree is made once per kernel release, config and klp-tag version and
 * kept in the cache; a run holds its lock from preparation to the end.
 * `state` records each step when it is done: a preparation cut short is
 * started again from nothing, never used.  The journal keeps the
 * originals of the files a run patches, so a run that was killed while
 * the tree held patched files is undone by the next one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dotconfig.h"
#include "tb.h"
#include "util.h"
#include "version.h"

#define STATE_PREPARED "prepared"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CACHE: --cache, $KLP_TAG_BUILD_CACHE, $XDG_CACHE_HOME/klp-tag-build, ~/.cache/klp-tag-build. */
char *tb_cache_dir(const struct tb_options *o)
{
	const char *env;
	char *dir;

	if (o->cache)
		return strdup(o->cache);
	env = getenv("KLP_TAG_BUILD_CACHE");
	if (env && *env)
		return strdup(env);
	env = getenv("XDG_CACHE_HOME");
	if (env && *env)
		return asprintf(&dir, "%s/klp-tag-build", env) < 0 ? NULL : dir;
	env = getenv("HOME");
	if (env && *env)
		return asprintf(&dir, "%s/.cache/klp-tag-build", env) < 0 ? NULL : dir;
	return NULL;
}

/* The first 12 hex digits of the SHA-256 of the key's text. */
static int key_hash(const struct tb_options *o, const char *text, char hash[13], char *err,
		    size_t len)
{
	char tmp[] = "/tmp/klp-tag-build-key.XXXXXX";
	int fd = mkstemp(tmp);
	const char *argv[] = { "sha256sum", tmp, NULL };
	char *out = NULL;
	size_t n = strlen(text);
	int r = -1;

	if (fd < 0)
		return klp_fail(err, len, "cannot make a temporary file: %s", strerror(errno));
	if (write(fd, text, n) != (ssize_t)n) {
		klp_fail(err, len, "cannot write %s: %s", tmp, strerror(errno));
	} else if (tb_run(o, argv, NULL, &out, err, len) == 0 &&
		   strspn(out, "0123456789abcdef") >= 12) {
		memcpy(hash, out, 12);
		hash[12] = 0;
		r = 0;
	} else if (!err[0]) {
		klp_fail(err, len, "sha256sum failed");
	}
	close(fd);
	unlink(tmp);
	free(out);
	return r;
}

/* Is a Debian kernel: built with Debian's prefix map for its source paths. */
static bool debian_kernel(const struct tb_target *t)
{
	size_t n = strlen(t->release);

	return n > 6 && !strcmp(t->release + n - 6, "-amd64");
}

static char *make_var(const char *name, const char *value)
{
	char *s;

	return asprintf(&s, "%s=%s", name, value) < 0 ? NULL : s;
}

/* KERNELRELEASE, CC and KCFLAGS of every make in the tree (the describe plugin). */
static int set_make_vars(const struct tb_options *o, const struct tb_target *t,
			 struct tb_tree *tree, char *err, size_t len)
{
	char *kcflags;

	tree->make_vars = calloc(4, sizeof(*tree->make_vars));
	if (!tree->make_vars)
		return klp_fail(err, len, "out of memory");
	if (asprintf(&kcflags, "-fplugin=%s -fplugin-arg-klp_tag-describe%s%s%s", o->plugin,
		     debian_kernel(t) ? " -fdebug-prefix-map=" : "",
		     debian_kernel(t) ? tree->src : "", debian_kernel(t) ? "/=" : "") < 0)
		return klp_fail(err, len, "out of memory");
	tree->make_vars[0] = make_var("KERNELRELEASE", t->release);
	tree->make_vars[1] = make_var("CC", t->cc);
	tree->make_vars[2] = make_var("KCFLAGS", kcflags);
	free(kcflags);
	tree->nmake_vars = 3;
	for (size_t i = 0; i < 3; i++)
		if (!tree->make_vars[i])
			return klp_fail(err, len, "out of memory");
	return 0;
}

/* Hold DIR/lock; say so when another run has it. */
static int lock_tree(const struct tb_options *o, struct tb_tree *tree, char *err, size_t len)
{
	char *path = tb_path(tree->dir, "lock");

	if (!path)
		return klp_fail(err, len, "out of memory");
	tree->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(path);
	if (tree->lock_fd < 0)
		return klp_fail(err, len, "cannot open the lock of %s: %s", tree->dir,
				strerror(errno));
	if (!flock(tree->lock_fd, LOCK_EX | LOCK_NB))
		return 0;
	tb_progress(o, "waiting for another klp-tag-build using %s", tree->dir);
	while (flock(tree->lock_fd, LOCK_EX))
		if (errno != EINTR)
			return klp_fail(err, len, "cannot lock %s: %s", tree->dir, strerror(errno));
	return 0;
}

static bool state_done(const struct tb_tree *tree, const char *step)
{
	char *path = tb_path(tree->dir, "state");
	char *text = NULL, *line;
	size_t n;
	bool done = false;

	if (path && !klp_read_file(path, &text, &n))
		for (line = strtok(text, "\n"); line && !done; line = strtok(NULL, "\n"))
			done = !strcmp(line, step);
	free(text);
	free(path);
	return done;
}

static int state_add(const struct tb_tree *tree, const char *step, char *err, size_t len)
{
	char *path = tb_path(tree->dir, "state");
	FILE *f = path ? fopen(path, "a") : NULL;
	int ok;

	if (!f) {
		klp_fail(err, len, "cannot write %s: %s", path ? path : "state", strerror(errno));
		free(path);
		return -1;
	}
	ok = fprintf(f, "%s\n", step) > 0;
	ok = !fclose(f) && ok;
	free(path);
	return ok ? 0 : klp_fail(err, len, "cannot write the state of %s", tree->dir);
}

static int make_in_tree(const struct tb_options *o, const struct tb_tree *tree,
			const char *const *args, const char *what, char *err, size_t len)
{
	char *out = NULL;
	int status = tb_make(o, tree, args, &out, err, len);

	if (status > 0) {
		size_t n = strlen(out);

		klp_fail(err, len, "make %s failed in the prepared tree %s:\n%s", what, tree->src,
			 n > 1500 ? out + n - 1500 : out);
	}
	free(out);
	return status ? -1 : 0;
}

static char *journal_file(const struct tb_tree *tree, const char *name);

static void journal_remove(const struct tb_tree *tree)
{
	char *dir = tb_path(tree->dir, "journal");
	const char *rm[] = { "rm", "-rf", dir, NULL };
	struct tb_options quiet = { 0 };
	char err[256];

	if (dir)
		tb_run(&quiet, rm, NULL, NULL, err, sizeof(err));
	free(dir);
}

/* The source into DIR/src: unpacked, or copied. */
static int unpack(const struct tb_options *o, const struct tb_target *t, struct tb_tree *tree,
		  char *err, size_t len)
{
	const char *rm[] = { "rm", "-rf", tree->src, NULL };
	char *from = NULL;
	char *out = NULL;
	int status;

	if (tb_run(o, rm, NULL, NULL, err, len) || mkdir(tree->src, 0755))
		return klp_fail(err, len, "cannot make %s afresh: %s", tree->src, strerror(errno));
	if (t->source_is_tarball) {
		const char *tar[] = { "tar", "-xf", t->source, "-C", tree->src,
				      "--strip-components=1", NULL };

		tb_progress(o, "unpack %s", t->source);
		status = tb_run(o, tar, NULL, &out, err, len);
	} else {
		const char *cp[] = { "cp", "-a", NULL, tree->src, NULL };

		if (asprintf(&from, "%s/.", t->source) < 0)
			return klp_fail(err, len, "out of memory");
		cp[2] = from;
		tb_progress(o, "copy %s", t->source);
		status = tb_run(o, cp, NULL, &out, err, len);
	}
	if (status > 0)
		klp_fail(err, len, "cannot unpack %s into %s: %s", t->source, tree->src, out);
	free(out);
	free(from);
	return status ? -1 : 0;
}

/* Each option that differs, in one line: "CONFIG_X=y (target: not set), ...". */
static void describe_diffs(const struct klp_config_diff *d, long n, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = 0;
	for (long i = 0; i < n && used + 80 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s=%s (target: %s)",
					 i ? ", " : "", d[i].name, d[i].a ? d[i].a : "not set",
					 d[i].b ? d[i].b : "not set");
}

/* Compare the tree's .config with the target's: the number of options that differ, or -1. */
static long config_diffs(const struct tb_tree *tree, const struct tb_target *t,
			 struct klp_config_diff **d, struct klp_config *a, struct klp_config *b,
			 char *err, size_t len)
{
	char *path = tb_path(tree->src, ".config");
	long n;

	if (!path)
		return klp_fail(err, len, "out of memory");
	if (klp_config_load(a, path, err, len)) {
		free(path);
		return -1;
	}
	free(path);
	if (klp_config_load(b, t->config, err, len)) {
		klp_config_free(a);
		return -1;
	}
	n = klp_config_compare(a, b, d);
	if (n < 0) {
		klp_config_free(a);
		klp_config_free(b);
		return klp_fail(err, len, "out of memory");
	}
	return n;
}

/*
 * The target's .config, kept option for option by olddefconfig.  Kconfig
 * turns some options on or off by what this machine's toolchain can do
 * (GCC_PLUGINS where the plugin headers are installed; BTF where pahole
 * is missing): each such option is set back as the target has it, and
 * olddefconfig runs again; what still differs is an error.
 */
static int reproduce_config(const struct tb_options *o, const struct tb_target *t,
			    struct tb_tree *tree, char *err, size_t len)
{
	const char *olddef[] = { "olddefconfig", NULL };
	char *dst = tb_path(tree->src, ".config");
	struct klp_config a, b;
	struct klp_config_diff *d = NULL;
	long n;
	char list[1500];

	if (!dst)
		return klp_fail(err, len, "out of memory");
	if (tb_copy_file(t->config, dst, err, len) ||
	    make_in_tree(o, tree, olddef, "olddefconfig", err, len)) {
		free(dst);
		return -1;
	}
	n = config_diffs(tree, t, &d, &a, &b, err, len);
	if (n > 0) {
		char *script = tb_path(tree->src, "scripts/config");

		for (long i = 0; i < n && script; i++) {
			const char *name = d[i].name + (strncmp(d[i].name, "CONFIG_", 7) ? 0 : 7);
			const char *v = d[i].b;
			const char *argv[7] = { script, "--file", dst, NULL, name, NULL, NULL };

			if (!v) {
				argv[3] = "--disable";
			} else if (!strcmp(v, "y")) {
				argv[3] = "--enable";
			} else if (!strcmp(v, "m")) {
				argv[3] = "--module";
			} else {
				argv[3] = "--set-val";
				argv[5] = v;
			}
			if (tb_run(o, argv, NULL, NULL, err, len)) {
				klp_fail(err, len, "scripts/config could not set %s in %s", name, dst);
				n = -1;
				break;
			}
		}
		free(script);
		free(d);
		d = NULL;
		klp_config_free(&a);
		klp_config_free(&b);
		if (n < 0 || make_in_tree(o, tree, olddef, "olddefconfig", err, len)) {
			free(dst);
			return -1;
		}
		n = config_diffs(tree, t, &d, &a, &b, err, len);
	}
	free(dst);
	if (n < 0)
		return -1;
	describe_diffs(d, n, list, sizeof(list));
	free(d);
	klp_config_free(&a);
	klp_config_free(&b);
	if (n)
		return klp_fail(err, len, "the source's Kconfig does not reproduce %s: %ld option%s "
				"differ after make olddefconfig: %s (is --source the target's own "
				"source? is a tool Kconfig asks for, such as pahole, missing?)",
				t->config, n, n == 1 ? "" : "s", list);
	return 0;
}

static int prepare_afresh(const struct tb_options *o, const struct tb_target *t,
			  struct tb_tree *tree, char *err, size_t len)
{
	const char *mp[] = { "-j2", "modules_prepare", NULL };
	char *state = tb_path(tree->dir, "state");
	char *symvers = tb_path(tree->src, "Module.symvers");
	double start = now();
	int r = -1;

	if (!state || !symvers) {
		klp_fail(err, len, "out of memory");
		goto done;
	}
	unlink(state);
	/* A fresh source: an old journal's originals are in it already. */
	journal_remove(tree);
	if (unpack(o, t, tree, err, len) || state_add(tree, "unpacked", err, len))
		goto done;
	tb_progress(o, "configure %s as %s", tree->src, t->config);
	if (reproduce_config(o, t, tree, err, len) || state_add(tree, "configured", err, len))
		goto done;
	tb_progress(o, "make modules_prepare in %s", tree->src);
	if (make_in_tree(o, tree, mp, "modules_prepare", err, len))
		goto done;
	/* Module builds and modpost read the target's exports. */
	if (tb_copy_file(t->symvers, symvers, err, len) ||
	    state_add(tree, STATE_PREPARED, err, len))
		goto done;
	tree->prepare_seconds = now() - start;
	tb_progress(o, "tree %s prepared in %.1f s", tree->dir, tree->prepare_seconds);
	r = 0;
done:
	free(state);
	free(symvers);
	return r;
}

int tb_prepare(const struct tb_options *o, const struct tb_target *t, struct tb_tree *tree,
	       char *err, size_t len)
{
	char *cache = tb_cache_dir(o);
	char *key = NULL;
	char hash[13];

	memset(tree, 0, sizeof(*tree));
	tree->lock_fd = -1;
	if (!cache)
		return klp_fail(err, len, "no cache directory: give --cache DIR (or set "
				"KLP_TAG_BUILD_CACHE or HOME)");
	err[0] = 0;
	if (asprintf(&key, "release %s\nklp-tag %s\nplugin %s\nconfig\n", t->release,
		     KLP_TAG_VERSION, o->plugin) < 0) {
		free(cache);
		return klp_fail(err, len, "out of memory");
	}
	{
		/* The config's own bytes count, not its path. */
		char *cfg;
		size_t n;
		int e = klp_read_file(t->config, &cfg, &n);
		char *full;

		if (e) {
			free(key);
			free(cache);
			return klp_fail(err, len, "cannot read %s: %s", t->config, strerror(e));
		}
		if (asprintf(&full, "%s%s", key, cfg) < 0)
			full = NULL;
		free(cfg);
		free(key);
		key = full;
	}
	if (!key || key_hash(o, key, hash, err, len)) {
		free(key);
		free(cache);
		return key ? -1 : klp_fail(err, len, "out of memory");
	}
	free(key);
	if (asprintf(&tree->dir, "%s/%s-%s", cache, t->release, hash) < 0)
		tree->dir = NULL;
	free(cache);
	tree->src = tree->dir ? tb_path(tree->dir, "src") : NULL;
	if (!tree->src)
		return klp_fail(err, len, "out of memory");
	if (tb_mkdirs(tree->src, err, len))
		return -1;
	if (mkdir(tree->dir, 0755) && errno != EEXIST)
		return klp_fail(err, len, "cannot create %s: %s", tree->dir, strerror(errno));
	if (lock_tree(o, tree, err, len) || set_make_vars(o, t, tree, err, len))
		return -1;
	if (state_done(tree, STATE_PREPARED)) {
		char *symvers = tb_path(tree->src, "Module.symvers");
		bool ok = symvers && tb_is_file(symvers);

		free(symvers);
		if (ok) {
			char *manifest = journal_file(tree, "manifest");

			tree->reused = true;
			tb_progress(o, "tree %s reused", tree->dir);
			if (manifest && tb_is_file(manifest))
				tb_progress(o, "an earlier run was interrupted: the files it "
					    "patched are put back from %s/journal", tree->dir);
			free(manifest);
			return tb_journal_restore(tree, err, len);
		}
	}
	return prepare_afresh(o, t, tree, err, len);
}

/* ---- the journal ------------------------------------------------------- */

static char *journal_file(const struct tb_tree *tree, const char *name)
{
	char *dir = tb_path(tree->dir, "journal");
	char *p = dir ? tb_path(dir, name) : NULL;

	free(dir);
	return p;
}

int tb_journal_save(const struct tb_tree *tree, const char *const *paths, size_t n, char *err,
		    size_t len)
{
	char *manifest = journal_file(tree, "manifest");
	char *text = NULL;
	size_t tlen = 0;
	FILE *m = open_memstream(&text, &tlen);
	int r = -1;

	if (!manifest || !m) {
		if (m)
			fclose(m);
		free(manifest);
		return klp_fail(err, len, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		char name[32];
		char *from = tb_path(tree->src, paths[i]);
		char *to;

		snprintf(name, sizeof(name), "%zu", i);
		to = journal_file(tree, name);
		if (!from || !to || tb_copy_file(from, to, err, len)) {
			if (!from || !to)
				klp_fail(err, len, "out of memory");
			free(from);
			free(to);
			fclose(m);
			goto done;
		}
		fprintf(m, "%s %s\n", name, paths[i]);
		free(from);
		free(to);
	}
	fclose(m);
	/* Written last and at once: a manifest means every original is saved. */
	r = tb_write_file(manifest, text, tlen, err, len);
done:
	free(text);
	free(manifest);
	return r;
}

int tb_journal_restore(const struct tb_tree *tree, char *err, size_t len)
{
	char *manifest = journal_file(tree, "manifest");
	char *text = NULL, *line, *save = NULL;
	size_t n;
	int r = 0;

	if (!manifest)
		return klp_fail(err, len, "out of memory");
	if (klp_read_file(manifest, &text, &n)) {
		/* No manifest: nothing was patched (a save cut short left the tree as it was). */
		journal_remove(tree);
		free(manifest);
		return 0;
	}
	for (line = strtok_r(text, "\n", &save); line && !r; line = strtok_r(NULL, "\n", &save)) {
		char *space = strchr(line, ' ');
		char *from, *to;

		if (!space) {
			r = klp_fail(err, len, "%s: a line without a path: the journal is damaged; "
				     "remove %s to prepare the tree again", manifest, tree->dir);
			break;
		}
		*space = 0;
		from = journal_file(tree, line);
		to = tb_path(tree->src, space + 1);
		/* A new copy: newer than anything made from the patched file. */
		if (!from || !to)
			r = klp_fail(err, len, "out of memory");
		else
			r = tb_copy_file(from, to, err, len);
		if (!r)
			unlink(from);
		free(from);
		free(to);
	}
	if (!r && unlink(manifest))
		r = klp_fail(err, len, "cannot remove %s: %s", manifest, strerror(errno));
	free(text);
	free(manifest);
	return r;
}

void tb_tree_release(struct tb_tree *tree)
{
	if (tree->lock_fd >= 0)
		close(tree->lock_fd);
	for (size_t i = 0; i < tree->nmake_vars; i++)
		free(tree->make_vars[i]);
	free(tree->make_vars);
	free(tree->dir);
	free(tree->src);
	memset(tree, 0, sizeof(*tree));
	tree->lock_fd = -1;
}
