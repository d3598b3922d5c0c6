// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp-tag-build - from a kernel fix (a diff) to a verified livepatch
 * module, compiling only the files the fix touches.
 *
 *   klp-tag-build [--source DIR|TARBALL] [--kdir DIR] [--symbols MAP]
 *                 [--vmlinux FILE] [--module-dir DIR] [--name NAME]
 *                 [-o FILE.ko] [--cache DIR] [--abi auto|klp-arch|none]
 *                 [--no-verify] [--no-fetch] [--keep-work] [-p N] [-v] PATCH...
 *   klp-tag-build --prepare [--source ...] [--kdir DIR] [--cache DIR]
 *
 * The stages, in order (docs/klp-tag-build.md): patches, target,
 * prepare, compile, compare, verify, decide, generate, build, report.
 * This file only parses the options, finds klp-tag's other parts and
 * runs the stages; each stage is library code in its own file.
 * Exit status: 0 built and checked, 1 refused or failed, 2 usage error or
 * an input that cannot be read.  See klp-tag-build(1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tb.h"
#include "util.h"
#include "verify.h"
#include "version.h"

#ifndef TB_DATADIR
#define TB_DATADIR "/usr/local/share/klp-tag"
#endif

static void usage(FILE *out)
{
	fprintf(out,
		"usage: klp-tag-build [options] PATCH...\n"
		"       klp-tag-build --prepare [--source S] [--kdir D] [--cache C]\n"
		"Build a livepatch module from a kernel fix, compiling only the files it\n"
		"touches, and check it.  Options:\n"
		"  --source S      the target's source tree or .tar.xz (Debian: found)\n"
		"  --kdir D        its kbuild tree (default /lib/modules/$(uname -r)/build)\n"
		"  --symbols MAP   its System.map (default /boot's, else as for --vmlinux)\n"
		"  --vmlinux F     its vmlinux with symbols: verify against it (default:\n"
		"                  linux-image-RELEASE-dbg's, fetched on Debian)\n"
		"  --no-fetch      never download that package (only what is here)\n"
		"  --module-dir D  its modules (default /lib/modules/RELEASE)\n"
		"  --name NAME     the module's name (default: klp_ and the patch's name)\n"
		"  -o FILE.ko      where the module goes (default NAME.ko)\n"
		"  --cache C       prepared trees (default ~/.cache/klp-tag-build)\n"
		"  --abi A         the fragment's KLP_TAG_ABI: auto, klp-arch, none\n"
		"  --no-verify     build even where the original is not the kernel's code\n"
		"  --keep-work     keep the work directory  -p N  patch -pN (default 1)\n"
		"  --prepare       only prepare the cached tree   -v  show every command\n"
		"Exit status: 0 built and checked, 1 refused or failed, 2 usage error or\n"
		"unreadable input.  See klp-tag-build(1).\n");
}

static int parse_args(int argc, char **argv, struct tb_options *o)
{
	static const char **patches;

	patches = calloc((size_t)argc, sizeof(*patches));
	if (!patches)
		return 2;
	o->strip = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], **val = NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 1;
		} else if (!strcmp(a, "--version")) {
			printf("klp-tag-build (klp-tag) %s\n", KLP_TAG_VERSION);
			return 1;
		} else if (!strcmp(a, "--source")) {
			val = &o->source;
		} else if (!strcmp(a, "--kdir")) {
			val = &o->kdir;
		} else if (!strcmp(a, "--symbols")) {
			val = &o->symbols;
		} else if (!strcmp(a, "--vmlinux")) {
			val = &o->vmlinux;
		} else if (!strcmp(a, "--module-dir")) {
			val = &o->module_dir;
		} else if (!strcmp(a, "--name")) {
			val = &o->name;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			val = &o->output;
		} else if (!strcmp(a, "--cache")) {
			val = &o->cache;
		} else if (!strcmp(a, "--abi")) {
			val = &o->abi;
		} else if (!strncmp(a, "-p", 2)) {
			/* -p N or -pN, as patch takes it */
			const char *p = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : "";
			char *end;
			unsigned long n = strtoul(p, &end, 10);

			if (!*p || *end || n > 64) {
				fprintf(stderr, "klp-tag-build: -p takes a number of path components\n");
				return 2;
			}
			o->strip = (unsigned)n;
		} else if (!strcmp(a, "--no-verify")) {
			o->no_verify = true;
		} else if (!strcmp(a, "--no-fetch")) {
			o->no_fetch = true;
		} else if (!strcmp(a, "--keep-work")) {
			o->keep_work = true;
		} else if (!strcmp(a, "--prepare")) {
			o->prepare_only = true;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose = true;
		} else if (!strcmp(a, "--")) {
			while (++i < argc)
				patches[o->npatches++] = argv[i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "klp-tag-build: unknown option %s (klp-tag-build --help)\n", a);
			return 2;
		} else {
			patches[o->npatches++] = a;
		}
		if (val) {
			if (i + 1 >= argc) {
				fprintf(stderr, "klp-tag-build: %s needs a value (klp-tag-build --help)\n",
					a);
				return 2;
			}
			*val = argv[++i];
		}
	}
	if (o->abi && strcmp(o->abi, "auto") && strcmp(o->abi, "klp-arch") &&
	    strcmp(o->abi, "none")) {
		fprintf(stderr, "klp-tag-build: --abi %s: auto, klp-arch or none\n", o->abi);
		return 2;
	}
	if (o->prepare_only && o->npatches) {
		fprintf(stderr, "klp-tag-build: --prepare takes no PATCH\n");
		return 2;
	}
	if (!o->prepare_only && !o->npatches) {
		usage(stderr);
		return 2;
	}
	o->patches = patches;
	return 0;
}

static bool exists(const char *path)
{
	return access(path, R_OK) == 0;
}

/*
 * The plugin, the fragment and the checker: this source tree's when the
 * program runs from it (tools/klp-tag-build/), else the installed ones
 * (the plugin in GCC's plugin directory of the target's compiler).
 */
static int find_parts(struct tb_options *o, const struct tb_target *t, char *err, size_t len)
{
	static char plugin[PATH_MAX + 64], fragment[PATH_MAX + 64], checker[PATH_MAX + 64];
	char exe[PATH_MAX], top[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n < 0)
		return klp_fail(err, len, "cannot find this program (/proc/self/exe): %s",
				strerror(errno));
	exe[n] = 0;
	snprintf(top, sizeof(top), "%s", dirname(exe));
	snprintf(fragment, sizeof(fragment), "%s/../../kbuild-integration/klp-tag.mk", top);
	if (exists(fragment)) {
		snprintf(plugin, sizeof(plugin), "%s/../../plugin/klp_tag.so", top);
		snprintf(checker, sizeof(checker), "%s/../klp-arch-check/klp-arch-check", top);
	} else {
		const char *argv[] = { t->cc[0] ? t->cc : "gcc", "-print-file-name=plugin", NULL };
		char *dir = NULL;

		snprintf(fragment, sizeof(fragment), "%s/klp-tag.mk", TB_DATADIR);
		snprintf(checker, sizeof(checker), "%s/klp-arch-check", top);
		if (tb_run(o, argv, NULL, &dir, err, len) != 0) {
			free(dir);
			return klp_fail(err, len, "%s -print-file-name=plugin failed: is the "
					"target's compiler %s installed?", argv[0], argv[0]);
		}
		dir[strcspn(dir, "\n")] = 0;
		snprintf(plugin, sizeof(plugin), "%s/klp_tag.so", dir);
		free(dir);
	}
	o->plugin = realpath(plugin, NULL);
	o->fragment = realpath(fragment, NULL);
	o->checker = realpath(checker, NULL);
	if (!o->plugin)
		return klp_fail(err, len, "the klp_tag plugin is not at %s: build it (make) or "
				"install it for %s (make install, or the klp-tag package)", plugin,
				t->cc[0] ? t->cc : "gcc");
	if (!o->fragment || !o->checker)
		return klp_fail(err, len, "klp-tag is not installed completely: %s is missing "
				"(make install)", o->fragment ? checker : fragment);
	return 0;
}

/* The module's name: --name, else klp_ and the first patch's file name as an identifier. */
static char *module_name(const struct tb_options *o)
{
	const char *base;
	char *name;
	size_t n;

	if (o->name)
		return strdup(o->name);
	base = strrchr(o->patches[0], '/');
	base = base ? base + 1 : o->patches[0];
	n = strcspn(base, ".");
	if (!n)
		n = strlen(base);
	name = malloc(n + 5);
	if (!name)
		return NULL;
	strcpy(name, "klp_");
	for (size_t i = 0; i < n; i++) {
		char c = base[i];

		name[4 + i] = (char)((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				     (c >= '0' && c <= '9') ? c : '_');
	}
	name[4 + n] = 0;
	return name;
}

static bool valid_name(const char *name)
{
	return name[0] && strlen(name) < 56 && klp_is_identifier(name, strlen(name));
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

struct run {
	struct tb_options o;
	struct tb_target t;
	struct tb_tree tree;
	struct tb_patchset p;
	struct tb_cmp *cmps;
	struct tb_proofs pr;
	struct tb_plan plan;
	struct tb_module m;
	char work[PATH_MAX];
	char err[TB_ERRLEN];
};

/* Set the module's name, directory and .ko; the work directory beside them. */
static int place_module(struct run *r)
{
	char *ko, *dir;

	r->m.name = module_name(&r->o);
	if (!r->m.name)
		return klp_fail(r->err, sizeof(r->err), "out of memory");
	if (!valid_name(r->m.name))
		return klp_fail(r->err, sizeof(r->err), "module name '%s': a module name is a C "
				"identifier of at most 55 bytes (--name NAME)", r->m.name);
	if (r->o.output) {
		size_t n = strlen(r->o.output);

		if (n < 4 || strcmp(r->o.output + n - 3, ".ko"))
			return klp_fail(r->err, sizeof(r->err), "-o %s: the module's file name "
					"ends in .ko", r->o.output);
		r->m.ko = strdup(r->o.output);
	} else if (asprintf(&r->m.ko, "%s.ko", r->m.name) < 0) {
		r->m.ko = NULL;
	}
	ko = r->m.ko ? strdup(r->m.ko) : NULL;
	if (!ko)
		return klp_fail(r->err, sizeof(r->err), "out of memory");
	/* kbuild takes M= as an absolute path: the directory beside the .ko. */
	dir = realpath(dirname(ko), NULL);
	free(ko);
	if (!dir)
		return klp_fail(r->err, sizeof(r->err), "-o %s: its directory: %s", r->m.ko,
				strerror(errno));
	r->m.dir = tb_path(dir, r->m.name);
	snprintf(r->work, sizeof(r->work), "%s/.klp-tag-build-work.XXXXXX", dir);
	free(dir);
	if (!r->m.dir)
		return klp_fail(r->err, sizeof(r->err), "out of memory");
	if (!mkdtemp(r->work)) {
		int e = errno;

		r->work[0] = 0;
		return klp_fail(r->err, sizeof(r->err), "cannot create a work directory beside "
				"%s: %s", r->m.ko, strerror(e));
	}
	return 0;
}

static int compare_all(struct run *r)
{
	r->cmps = calloc(r->p.nfiles ? r->p.nfiles : 1, sizeof(*r->cmps));
	if (!r->cmps)
		return klp_fail(r->err, sizeof(r->err), "out of memory");
	for (size_t i = 0; i < r->p.nfiles; i++) {
		struct tb_file *f = &r->p.files[i];

		tb_progress(&r->o, "compare %s", f->path);
		if (tb_compare(f->orig_obj, f->patched_obj, &f->odesc, &f->pdesc, &r->cmps[i],
			       r->err, sizeof(r->err)))
			return -1;
	}
	return 0;
}

static int summary(const struct run *r)
{
	size_t replaced = 0, unverified = 0;

	for (size_t i = 0; i < r->plan.nunits; i++)
		replaced += r->plan.units[i].nfuncs;
	for (size_t i = 0; i < r->pr.n; i++)
		unverified += !r->pr.v[i].verified;
	printf("klp-tag-build: %s: %zu function%s replaced, %zu file%s%s (%s/report)\n",
	       r->m.ko, replaced, replaced == 1 ? "" : "s", r->p.nfiles,
	       r->p.nfiles == 1 ? "" : "s", unverified ? ", NOT all verified" : " verified",
	       r->m.dir);
	return 0;
}

/* The stages in order; 0, or 1 with R->err saying why. */
static int stages(struct run *r)
{
	int e;

	if (!r->o.prepare_only) {
		e = tb_patches_read(&r->o, &r->p, r->err, sizeof(r->err));
		if (e)
			return e == -2 ? 2 : 1;
	}
	if (tb_target_find(&r->o, &r->t, r->err, sizeof(r->err)))
		return 1;
	if (find_parts(&r->o, &r->t, r->err, sizeof(r->err)))
		return 1;
	if (tb_prepare(&r->o, &r->t, &r->tree, r->err, sizeof(r->err)))
		return 1;
	if (r->o.prepare_only) {
		printf("klp-tag-build: %s: %s\n", r->tree.src,
		       r->tree.reused ? "prepared already" : "prepared");
		return 0;
	}
	if (place_module(r) ||
	    tb_compile(&r->o, &r->tree, &r->p, r->work, r->err, sizeof(r->err)) ||
	    compare_all(r) ||
	    tb_prove(&r->o, &r->t, &r->tree, &r->p, &r->pr, r->err, sizeof(r->err)) ||
	    tb_decide(&r->o, &r->t, &r->p, r->cmps, &r->pr, &r->plan, r->err, sizeof(r->err)) ||
	    tb_generate(&r->o, &r->t, &r->tree, &r->plan, &r->m, r->err, sizeof(r->err)) ||
	    tb_report(&r->o, &r->t, &r->tree, &r->p, &r->pr, &r->plan, &r->m, r->err,
		      sizeof(r->err)) ||
	    tb_build(&r->o, &r->t, &r->tree, &r->plan, &r->m, r->err, sizeof(r->err)) ||
	    tb_report(&r->o, &r->t, &r->tree, &r->p, &r->pr, &r->plan, &r->m, r->err,
		      sizeof(r->err)))
		return 1;
	return summary(r);
}

int main(int argc, char **argv)
{
	static struct run r;
	int status;

	/* Internal: the original compile's make runs this as its $(MAKE) (replay.c). */
	if (argc >= 3 && !strcmp(argv[1], "--record-make"))
		return tb_record_make(argv[2], argc - 3, argv + 3);
	status = parse_args(argc, argv, &r.o);

	if (status)
		return status == 1 ? 0 : 2;
	r.o.progress = isatty(STDERR_FILENO);
	r.tree.lock_fd = -1;
	status = stages(&r);
	if (status)
		fprintf(stderr, "klp-tag-build: %s\n", r.err);
	if (r.work[0] && !r.o.keep_work)
		nftw(r.work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	else if (r.work[0])
		fprintf(stderr, "klp-tag-build: the work directory is kept: %s\n", r.work);
	for (size_t i = 0; r.cmps && i < r.p.nfiles; i++)
		tb_cmp_free(&r.cmps[i]);
	free(r.cmps);
	tb_plan_free(&r.plan);
	tb_proofs_free(&r.pr);
	tb_patches_free(&r.p);
	tb_tree_release(&r.tree);
	tb_target_free(&r.t);
	free(r.m.name);
	free(r.m.dir);
	free(r.m.ko);
	free(r.m.command);
	free((void *)r.o.patches);
	free((void *)r.o.plugin);
	free((void *)r.o.fragment);
	free((void *)r.o.checker);
	return status;
}
