// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp-reloc - make the references of a livepatch module object that the
 * module loader cannot resolve into livepatch relocations, before modpost
 * reads the object; or put back what a later link folded.
 *
 *   klp-reloc [--for-link] [--allow-clobber] [--kernel RELEASE] --symbols MAP
 *             --symvers FILE [--module KO]... [-o OUT] [-v] OBJECT
 *   klp-reloc --restore [--allow-clobber] [--kernel RELEASE] [-o OUT] FILE
 *
 * Exit status: 0 converted (or nothing to do), 1 conversion errors, 2
 * usage error or unreadable input.  See klp-reloc(1).
 */
#include "reloc.h"
#include "util.h"
#include "version.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: klp-reloc [--for-link] [--allow-clobber] [--kernel RELEASE]\n"
		"                 --symbols MAP --symvers FILE [--module KO]... [--module-dir D]\n"
		"                 [--deps FILE] [--vmlinux FILE] [-o OUT] [-v] OBJECT\n"
		"       klp-reloc --restore [--allow-clobber] [--kernel RELEASE] [-o OUT] FILE\n"
		"Turns each reference of a livepatch module object that the module loader\n"
		"cannot resolve (a static or unexported symbol of vmlinux, a symbol of a\n"
		"patched module) into a klp relocation, as the target kernel reads them.\n"
		"  --kernel R      the target kernel's release (or version); default: vermagic\n"
		"  --symbols F     its System.map (or a /proc/kallsyms dump read as root)\n"
		"  --symvers F     the kernel tree's Module.symvers\n"
		"  --module KO     a target module's .ko (repeat for each patched module)\n"
		"  --module-dir D  find other patched modules' .ko files by name under D\n"
		"  --deps F        write the files read as make dependencies of OBJECT\n"
		"  --vmlinux F     the kernel's vmlinux: a shared name's candidates then say\n"
		"                  their source files\n"
		"  --for-link      before kbuild's .ko link: make only the .klp.sym symbols\n"
		"  --restore       after it: move the relocations into .klp.rela sections\n"
		"  --allow-clobber alternatives over klp relocations only warn (test controls)\n"
		"  -o OUT          write OUT instead of rewriting OBJECT in place\n"
		"  -v              say what became of each symbol\n"
		"Exit status: 0 converted or nothing to do, 1 errors, 2 usage or unreadable\n"
		"input.  See klp-reloc(1).\n");
}

/* Collect the arguments; 0, 1 (--help/--version printed), or 2 (usage error). */
static int parse_args(int argc, char **argv, struct rl_options *o)
{
	int i;

	o->modules = calloc((size_t)argc, sizeof(*o->modules));
	if (!o->modules)
		return 2;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], **val = NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 1;
		} else if (!strcmp(a, "--version")) {
			printf("klp-reloc (klp-tag) %s\n", KLP_TAG_VERSION);
			return 1;
		} else if (!strcmp(a, "--restore")) {
			o->restore = true;
		} else if (!strcmp(a, "--for-link")) {
			o->for_link = true;
		} else if (!strcmp(a, "--allow-clobber")) {
			o->allow_clobber = true;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose = true;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			val = &o->out;
		} else if (!strcmp(a, "--kernel")) {
			val = &o->kernel;
		} else if (!strcmp(a, "--symbols")) {
			val = &o->symbols;
		} else if (!strcmp(a, "--vmlinux")) {
			val = &o->vmlinux;
		} else if (!strcmp(a, "--symvers")) {
			val = &o->symvers;
		} else if (!strcmp(a, "--module")) {
			val = &o->modules[o->nmodules++];
		} else if (!strcmp(a, "--module-dir")) {
			val = &o->module_dir;
		} else if (!strcmp(a, "--deps")) {
			val = &o->deps;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "klp-reloc: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (o->path) {
			fprintf(stderr, "klp-reloc: one object at a time ('%s' and '%s')\n", o->path, a);
			return 2;
		} else {
			o->path = a;
		}
		if (val) {
			if (i + 1 >= argc) {
				fprintf(stderr, "klp-reloc: %s needs a value\n", a);
				return 2;
			}
			*val = argv[++i];
		}
	}
	if (!o->path) {
		usage(stderr);
		return 2;
	}
	return 0;
}

/* Nothing converted: the file stays as it is (a copy for -o). */
static int copy_unchanged(const struct rl_ctx *c)
{
	FILE *f;
	int ok;

	if (!c->opt.out)
		return 0;
	f = fopen(c->opt.out, "wb");
	ok = f && fwrite(c->m.elf.buf, 1, c->m.elf.size, f) == c->m.elf.size;
	if (f && fclose(f))
		ok = 0;
	if (!ok)
		fprintf(stderr, "klp-reloc: %s: cannot write it: %s\n", c->opt.out, strerror(errno));
	return ok ? 0 : 2;
}

static void say_targets(const struct rl_ctx *c)
{
	size_t i;

	for (i = 0; i < c->ntargets; i++)
		printf("klp-reloc: %s: %s: %zu relocation%s against %s\n", c->opt.path,
		       c->targets[i].name, c->targets[i].nrels, c->targets[i].nrels == 1 ? "" : "s",
		       c->targets[i].sym);
}

/* Move the messages from FIRST on before the others. */
static void rotate(struct rl_msgs *m, size_t first)
{
	size_t i;

	for (; first > 0 && first < m->n; first--)
		for (i = first; i < m->n; i++) {
			char *t = m->v[i - 1];

			m->v[i - 1] = m->v[i];
			m->v[i] = t;
		}
}

static int run(struct rl_ctx *c)
{
	char err[RL_MSG];
	size_t i, first_release_error = 0;
	int status = 0;

	if (rl_open(c, err, sizeof(err))) {
		fprintf(stderr, "klp-reloc: %s\n", err);
		return 2;
	}
	/* The plan reads the databases it needs; then are they of this release? */
	if (rl_plan(c) | rl_check_releases(c, &first_release_error))
		status = 1;
	else if (rl_check_order(c))
		status = 1;
	/* An unreadable map is unreadable input, whatever else went wrong. */
	if (c->map_failed) {
		fprintf(stderr, "klp-reloc: %s\n", c->map_err);
		return 2;
	}
	/* Another release's map explains the other errors: it comes first. */
	rotate(&c->errors, first_release_error);
	for (i = 0; i < c->errors.n; i++)
		fprintf(stderr, "klp-reloc: %s: %s\n", c->opt.path, c->errors.v[i]);
	for (i = 0; i < c->warnings.n; i++)
		fprintf(stderr, "klp-reloc: %s: warning: %s (converted anyway: --allow-clobber)\n",
			c->opt.path, c->warnings.v[i]);
	if (c->errors.out_of_memory || c->warnings.out_of_memory)
		fprintf(stderr, "klp-reloc: %s: out of memory (some messages are missing)\n",
			c->opt.path);
	for (i = 0; c->opt.verbose && i < c->notes.n; i++)
		fprintf(stderr, "klp-reloc: note: %s\n", c->notes.v[i]);
	if (status)
		return status;
	if (c->opt.verbose)
		say_targets(c);
	if (rl_write_deps(c, err, sizeof(err))) {
		fprintf(stderr, "klp-reloc: %s\n", err);
		return 2;
	}
	if (!c->nconverted)
		return copy_unchanged(c);
	if (rl_write(c, err, sizeof(err))) {
		fprintf(stderr, "klp-reloc: %s\n", err);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct rl_ctx c;
	int r;

	memset(&c, 0, sizeof(c));
	r = parse_args(argc, argv, &c.opt);
	if (!r && c.opt.restore && c.opt.for_link) {
		fprintf(stderr, "klp-reloc: --restore and --for-link exclude each other: --for-link before the link, --restore after it\n");
		r = 2;
	}

	if (r) {
		free(c.opt.modules);
		return r == 1 ? 0 : 2;
	}
	r = run(&c);
	free(c.opt.modules);
	rl_close(&c);
	return r;
}
