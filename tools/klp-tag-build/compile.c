// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compile.c - klp-tag-build's compile stage (docs/klp-tag-build.md,
 * "Compiling"): every touched .c file compiled in the prepared tree by
 * kbuild itself (`make path/file.o`), once as the running kernel has it
 * and once patched, so each object is exactly what kbuild would link
 * (its flags, KBUILD_MODNAME, -DMODULE or not, objtool).
 *
 * Between the two compiles the tree holds the patched files, so the
 * originals are journalled first (prepare.c) and put back however the
 * stage ends.  The patched file gets `#line` marks (common/linesync.h)
 * after each changed region: a fix that adds lines must not change
 * __LINE__ in the functions below it, or they would all look changed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linesync.h"
#include "tb.h"
#include "util.h"

#define LINESYNC_COMMENT "/* klp-tag-build: the original's line numbers from here on */"

/* PATH with its suffix (".c") replaced by SUFFIX, malloc'd. */
static char *with_suffix(const char *path, const char *suffix)
{
	const char *dot = strrchr(path, '.');
	size_t stem = dot && !strchr(dot, '/') ? (size_t)(dot - path) : strlen(path);
	char *s = malloc(stem + strlen(suffix) + 1);

	if (s) {
		memcpy(s, path, stem);
		strcpy(s + stem, suffix);
	}
	return s;
}

/* DIR/.BASE.o.cmd for PATH = DIR/BASE.c: where kbuild records the command. */
static char *cmd_file_of(const char *src, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0;
	const char *base = path + dir;
	size_t n = strlen(src) + strlen(path) + 16;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s/%.*s.%.*s.o.cmd", src, (int)dir, path,
			 (int)(strlen(base) - 2), base);
	return s;
}

/* The value of -DNAME with one level of C string quotes removed ("\"proc\"" -> proc). */
static void define_unquoted(const struct klp_words *w, const char *name, char *buf, size_t size)
{
	const char *v = klp_words_define(w, name);
	size_t n;

	buf[0] = 0;
	if (!v)
		return;
	n = strlen(v);
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	if (n >= size)
		n = size - 1;
	memcpy(buf, v, n);
	buf[n] = 0;
}

/* CMDPATH parsed into *C: 0, an errno value when it cannot be read, or -1 with KERR set. */
static int load_kcmd(const char *cmdpath, struct klp_kcmd *c, char kerr[KLP_KCMD_ERRLEN])
{
	char *text;
	size_t n;
	int e = klp_read_file(cmdpath, &text, &n);

	if (e)
		return e;
	e = klp_kcmd_parse(text, n, c, kerr) ? -1 : 0;
	free(text);
	return e;
}

/* Read the .cmd kbuild left for F: the command and what it says of the unit. */
static int read_cmd(const struct tb_tree *tree, struct tb_file *f, char *err, size_t len)
{
	char *cmdpath = cmd_file_of(tree->src, f->path);
	char kerr[KLP_KCMD_ERRLEN];
	int e;

	if (!cmdpath)
		return klp_fail(err, len, "out of memory");
	klp_kcmd_free(&f->cmd);
	klp_words_free(&f->argv);
	e = load_kcmd(cmdpath, &f->cmd, kerr);
	if (e > 0) {
		klp_fail(err, len, "%s: kbuild left no command file %s (%s): is the file "
			 "built by this kernel's configuration?", f->path, cmdpath, strerror(e));
		free(cmdpath);
		return -1;
	}
	if (e || klp_shell_words(f->cmd.command, &f->argv, kerr)) {
		klp_fail(err, len, "%s: %s", cmdpath, kerr);
		free(cmdpath);
		return -1;
	}
	free(cmdpath);
	f->is_module = klp_words_define(&f->argv, "MODULE") != NULL;
	define_unquoted(&f->argv, "KBUILD_MODNAME", f->modname, sizeof(f->modname));
	define_unquoted(&f->argv, "KBUILD_BASENAME", f->basename, sizeof(f->basename));
	if (f->is_module && !f->modname[0])
		return klp_fail(err, len, "%s: its compile defines MODULE but no "
				"KBUILD_MODNAME: which module it belongs to is unknown", f->path);
	snprintf(f->object, sizeof(f->object), "%s", f->is_module ? f->modname : "vmlinux");
	return 0;
}

/*
 * Where the plugin wrote the describe file: GCC's dump base, the output's
 * name without its suffix plus the input's (kbuild 4.x-5.x compiles to
 * .tmp_foo.o when it runs genksyms after the compile).
 */
static char *describe_of(const struct tb_tree *tree, const struct tb_file *f)
{
	const char *out = klp_words_output(&f->argv);
	char *stem, *rel, *abs;

	if (!out)
		return NULL;
	stem = with_suffix(out, ".c" KLP_DESCRIBE_SUFFIX);
	if (!stem)
		return NULL;
	rel = stem;
	abs = rel[0] == '/' ? strdup(rel) : tb_path(tree->src, rel);
	free(stem);
	return abs;
}

static int read_describe(const char *path, struct klp_describe *d, char *err, size_t len)
{
	char derr[KLP_DESCRIBE_ERRLEN];
	char *text;
	size_t n;
	int e = klp_read_file(path, &text, &n);

	if (e)
		return klp_fail(err, len, "the plugin wrote no describe file %s (%s): was the "
				"tree prepared with this klp-tag's plugin?", path, strerror(e));
	klp_describe_free(d);
	e = klp_describe_parse(text, n, d, derr);
	free(text);
	if (e)
		return klp_fail(err, len, "%s: %s", path, derr);
	return 0;
}

/* Remove what a compile of F leaves, so make runs the compiler again. */
static void forget_outputs(const struct tb_tree *tree, const struct tb_file *f)
{
	char *obj = with_suffix(f->path, ".o");
	char *o = obj ? tb_path(tree->src, obj) : NULL;
	char *d = o ? with_suffix(o, ".c" KLP_DESCRIBE_SUFFIX) : NULL;

	if (o)
		unlink(o);
	if (d)
		unlink(d);
	free(d);
	free(o);
	free(obj);
}

/* Remove F's .o.cmd as well: a replay must write it again to count. */
static void forget_cmd(const struct tb_tree *tree, const struct tb_file *f)
{
	char *cmd = cmd_file_of(tree->src, f->path);

	if (cmd)
		unlink(cmd);
	free(cmd);
}

/*
 * The patched compile by kbuild's recorded descents (replay.c): 0 when
 * each file's object was made again by the very command the original's
 * .cmd holds; else WHY says what stood in the way.
 */
static int replay_patched(const struct tb_options *o, const struct tb_tree *tree,
			  struct tb_patchset *p, const char *work, char *why, size_t len)
{
	const char **paths = calloc(p->nfiles ? p->nfiles : 1, sizeof(*paths));
	int r = -1;

	if (!paths) {
		snprintf(why, len, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < p->nfiles; i++) {
		paths[i] = p->files[i].path;
		forget_cmd(tree, &p->files[i]);
	}
	if (tb_replay(o, work, paths, p->nfiles, why, len))
		goto done;
	for (size_t i = 0; i < p->nfiles; i++) {
		const struct tb_file *f = &p->files[i];
		char *cmdpath = cmd_file_of(tree->src, f->path);
		char kerr[KLP_KCMD_ERRLEN];
		struct klp_kcmd c = { 0 };
		int e = cmdpath ? load_kcmd(cmdpath, &c, kerr) : ENOMEM;

		if (e > 0) {
			snprintf(why, len, "the replay left no %.120s (%s)",
				 cmdpath ? cmdpath : f->path, strerror(e));
		} else if (e) {
			snprintf(why, len, "%.100s: %.120s", cmdpath, kerr);
		} else if (!f->cmd.command || strcmp(c.command, f->cmd.command)) {
			snprintf(why, len, "the replay compiled %.120s with another command than "
				 "the original's", f->path);
			e = -1;
		}
		klp_kcmd_free(&c);
		free(cmdpath);
		if (e)
			goto done;
	}
	r = 0;
done:
	free(paths);
	return r;
}

/* make every file's .o; copy object and describe file to WORK/SIDE/PATH.{o,klp-describe}. */
static int compile_side(const struct tb_options *o, const struct tb_tree *tree,
			struct tb_patchset *p, const char *work, bool patched, char *err,
			size_t len)
{
	const char *side = patched ? "patched" : "orig";
	const char **args = calloc(p->nfiles + 3, sizeof(*args));
	char *record = NULL, why[sizeof(p->patched_compile) - 8];
	char **objs = calloc(p->nfiles, sizeof(*objs));
	char *out = NULL;
	int status, r = -1;

	if (!args || !objs) {
		klp_fail(err, len, "out of memory");
		goto done;
	}
	args[0] = "-j2";
	/* The original's make records its descents for the patched compile. */
	record = patched ? NULL : tb_record_arg(work);
	for (size_t i = 0; i < p->nfiles; i++) {
		forget_outputs(tree, &p->files[i]);
		objs[i] = with_suffix(p->files[i].path, ".o");
		if (!objs[i]) {
			klp_fail(err, len, "out of memory");
			goto done;
		}
		args[i + 1] = objs[i];
		tb_progress(o, "compile %s (%s)", p->files[i].path,
			    patched ? "patched" : "original");
	}
	args[p->nfiles + 1] = record;
	status = 1;
	if (patched && !replay_patched(o, tree, p, work, why, sizeof(why))) {
		snprintf(p->patched_compile, sizeof(p->patched_compile), "replayed");
		status = 0;
	} else if (patched) {
		snprintf(p->patched_compile, sizeof(p->patched_compile), "make %s", why);
		tb_progress(o, "patched compile by the top-level make: %s", why);
	}
	if (status)
		status = tb_make(o, tree, args, &out, err, len);
	if (status < 0)
		goto done;
	if (status) {
		if (patched)
			klp_fail(err, len, "the patched files do not compile (make in %s):\n%s",
				 tree->src, tb_output_tail(out));
		else
			klp_fail(err, len, "the original files do not compile in the prepared "
				 "tree %s:\n%s", tree->src, tb_output_tail(out));
		goto done;
	}
	for (size_t i = 0; i < p->nfiles; i++) {
		struct tb_file *f = &p->files[i];
		char *rel = with_suffix(f->path, "");
		char *base = rel ? tb_path(work, side) : NULL;
		char *stem = base ? tb_path(base, rel) : NULL;
		char *objdst = stem ? with_suffix(f->path, ".o") : NULL;
		char *objsrc = objdst ? tb_path(tree->src, objdst) : NULL;
		char *dsrc = NULL, *odst = NULL, *ddst = NULL;
		int bad = !objsrc;

		free(rel);
		free(base);
		free(objdst);
		if (!bad)
			bad = read_cmd(tree, f, err, len);
		if (!bad) {
			dsrc = describe_of(tree, f);
			odst = malloc(strlen(stem) + 3);
			ddst = malloc(strlen(stem) + sizeof(KLP_DESCRIBE_SUFFIX) + 2);
			bad = !dsrc || !odst || !ddst;
			if (bad)
				klp_fail(err, len, "%s: its compile command names no -o output",
					 f->path);
		}
		if (!bad) {
			sprintf(odst, "%s.o", stem);
			sprintf(ddst, "%s.c%s", stem, KLP_DESCRIBE_SUFFIX);
			bad = tb_copy_file(objsrc, odst, err, len) ||
			      tb_copy_file(dsrc, ddst, err, len) ||
			      read_describe(ddst, patched ? &f->pdesc : &f->odesc, err, len);
		}
		if (!bad) {
			char **obj = patched ? &f->patched_obj : &f->orig_obj;
			char **desc = patched ? &f->patched_describe : &f->orig_describe;

			free(*obj);
			free(*desc);
			*obj = odst;
			*desc = ddst;
			odst = ddst = NULL;
		}
		free(stem);
		free(objsrc);
		free(dsrc);
		free(odst);
		free(ddst);
		if (bad)
			goto done;
	}
	r = 0;
done:
	for (size_t i = 0; objs && i < p->nfiles; i++)
		free(objs[i]);
	free(objs);
	free(args);
	free(record);
	free(out);
	return r;
}

/* patch -pN --batch --forward [--dry-run] -i PATCH in the tree; patch's words on failure. */
static int apply_patch(const struct tb_options *o, const struct tb_tree *tree, const char *patch,
		       bool dry, char *err, size_t len)
{
	char strip[16];
	char *abs = patch[0] == '/' ? strdup(patch) : realpath(patch, NULL);
	const char *argv[9];
	char *out = NULL;
	int n = 0, status;

	if (!abs)
		return klp_fail(err, len, "%s: %s", patch, strerror(errno));
	snprintf(strip, sizeof(strip), "-p%u", o->strip);
	argv[n++] = "patch";
	argv[n++] = strip;
	argv[n++] = "--batch";
	argv[n++] = "--forward";
	/* No FILE.orig beside a hunk applied with an offset: the tree stays as prepared. */
	argv[n++] = "--no-backup-if-mismatch";
	if (dry)
		argv[n++] = "--dry-run";
	argv[n++] = "-i";
	argv[n++] = abs;
	argv[n] = NULL;
	status = tb_run(o, argv, tree->src, &out, err, len);
	if (status > 0)
		klp_fail(err, len, "%s does not apply to the target kernel's source "
			 "(patch %s --forward in %s):\n%s", patch, strip, tree->src,
			 tb_output_tail(out));
	free(out);
	free(abs);
	return status ? -1 : 0;
}

/* Give F's patched text in the tree the original's line numbers; keep a copy in WORK. */
static int sync_lines(const struct tb_tree *tree, struct tb_file *f, const char *orig, size_t olen,
		      const char *work, char *err, size_t len)
{
	struct klp_linesync s;
	char *path = tb_path(tree->src, f->path);
	char *text = NULL, *out = NULL;
	size_t n, outlen;
	int r = -1, e;

	if (!path)
		return klp_fail(err, len, "out of memory");
	e = klp_read_file(path, &text, &n);
	if (e) {
		klp_fail(err, len, "cannot read the patched %s: %s", path, strerror(e));
		free(path);
		return -1;
	}
	if (klp_linesync_plan(orig, olen, text, n, &s)) {
		klp_fail(err, len, "out of memory");
		goto done;
	}
	free(f->regions);
	f->regions = NULL;
	f->nregions = 0;
	if (klp_linesync_apply(text, n, &s, LINESYNC_COMMENT, &out, &outlen))
		klp_fail(err, len, "%s: cannot place the #line marks: %s", f->path,
			 strerror(errno));
	else if (s.nregions && !(f->regions = malloc(s.nregions * sizeof(*s.regions))))
		klp_fail(err, len, "out of memory");
	else if (!tb_write_file(path, out, outlen, err, len)) {
		char *dir = tb_path(work, "patched");
		char *copy = dir ? tb_path(dir, f->path) : NULL;

		free(dir);
		if (s.nregions)
			memcpy(f->regions, s.regions, s.nregions * sizeof(*s.regions));
		f->nregions = s.nregions;
		if (!copy)
			klp_fail(err, len, "out of memory");
		else if (!tb_write_file(copy, out, outlen, err, len)) {
			free(f->patched_source);
			f->patched_source = copy;
			copy = NULL;
			r = 0;
		}
		free(copy);
	}
	klp_linesync_free(&s);
done:
	free(out);
	free(text);
	free(path);
	return r;
}

static int patch_and_compile(const struct tb_options *o, const struct tb_tree *tree,
			     struct tb_patchset *p, char **origs, size_t *olens, const char *work,
			     char *err, size_t len)
{
	for (size_t i = 0; i < o->npatches; i++)
		if (apply_patch(o, tree, o->patches[i], true, err, len) ||
		    apply_patch(o, tree, o->patches[i], false, err, len))
			return -1;
	for (size_t i = 0; i < p->nfiles; i++)
		if (sync_lines(tree, &p->files[i], origs[i], olens[i], work, err, len))
			return -1;
	return compile_side(o, tree, p, work, true, err, len);
}

int tb_compile(const struct tb_options *o, const struct tb_tree *tree, struct tb_patchset *p,
	       const char *work, char *err, size_t len)
{
	const char **paths = calloc(p->nfiles, sizeof(*paths));
	char **origs = calloc(p->nfiles, sizeof(*origs));
	size_t *olens = calloc(p->nfiles, sizeof(*olens));
	char rerr[TB_ERRLEN];
	int r = -1;

	if (!paths || !origs || !olens) {
		klp_fail(err, len, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < p->nfiles; i++) {
		char *abs = tb_path(tree->src, p->files[i].path);
		int e = abs ? klp_read_file(abs, &origs[i], &olens[i]) : ENOMEM;

		free(abs);
		if (e) {
			klp_fail(err, len, "%s: not in the target kernel's source (%s): is the "
				 "patch for this kernel?", p->files[i].path, strerror(e));
			goto done;
		}
		paths[i] = p->files[i].path;
	}
	if (compile_side(o, tree, p, work, false, err, len))
		goto done;
	if (tb_journal_save(tree, paths, p->nfiles, err, len))
		goto done;
	r = patch_and_compile(o, tree, p, origs, olens, work, err, len);
	if (tb_journal_restore(tree, rerr, sizeof(rerr))) {
		/* The tree is not as prepared: that must be said even after another error. */
		if (!r)
			klp_fail(err, len, "%s", rerr);
		else
			fprintf(stderr, "klp-tag-build: %s\n", rerr);
		r = -1;
	}
done:
	for (size_t i = 0; origs && i < p->nfiles; i++)
		free(origs[i]);
	free(origs);
	free(olens);
	free(paths);
	return r;
}
