// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * patches.c - klp-tag-build's patches stage: read the PATCH files, list
 * every file they touch once, and refuse what a livepatch built from
 * single compiled files cannot carry (docs/klp-tag-build.md, "Stages").
 *
 * What is refused here, before anything is compiled, and why:
 * - a header: every file that includes it changes, and which files of
 *   the running kernel those are cannot be told from the patch (the
 *   headers package keeps no dependency files);
 * - an assembly file: its code has no __fentry__ call, livepatch cannot
 *   redirect it;
 * - a file that is created, deleted, renamed, copied, binary or only
 *   changes mode, and any file that is not C (Kconfig, Makefile): none
 *   of these is code of a function the running kernel has.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tb.h"
#include "util.h"

static const char *suffix(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');

	if (!dot || (slash && dot < slash))
		return "";
	return dot;
}

static enum tb_file_kind kind_of_path(const char *path)
{
	const char *s = suffix(path);

	if (!strcmp(s, ".c"))
		return TB_FILE_C;
	if (!strcmp(s, ".h"))
		return TB_FILE_HEADER;
	if (!strcmp(s, ".S") || !strcmp(s, ".s"))
		return TB_FILE_ASM;
	return TB_FILE_OTHER;
}

/* What an entry that is no modification does to its file, as a verb. */
static const char *entry_verb(enum klp_udiff_kind kind)
{
	switch (kind) {
	case KLP_UDIFF_CREATE:
		return "creates";
	case KLP_UDIFF_DELETE:
		return "deletes";
	case KLP_UDIFF_RENAME:
		return "renames";
	case KLP_UDIFF_COPY:
		return "copies";
	case KLP_UDIFF_BINARY:
		return "changes the binary file";
	case KLP_UDIFF_MODE:
		return "changes only the mode of";
	case KLP_UDIFF_MODIFY:
		break;
	}
	return "modifies";
}

/* The refusal of one file entry, or 0 when it is a .c file being modified. */
static int refuse_entry(const char *patch, const struct klp_udiff_file *f, char *err, size_t len)
{
	const char *path = f->new_path ? f->new_path : f->old_path;

	if (f->kind != KLP_UDIFF_MODIFY)
		return klp_fail(err, len,
				"%s, line %u: the patch %s %s; a livepatch replaces functions "
				"of the files the running kernel was built from: put new code "
				"into an existing .c file the fix touches",
				patch, f->patch_line, entry_verb(f->kind), path);
	switch (kind_of_path(path)) {
	case TB_FILE_C:
		return 0;
	case TB_FILE_HEADER:
		return klp_fail(err, len,
				"%s, line %u: %s: a header change changes every file that "
				"includes it, and which files of the running kernel those are "
				"cannot be determined; move the change into the .c files that "
				"need it (a static inline helper: copy it into them)",
				patch, f->patch_line, path);
	case TB_FILE_ASM:
		return klp_fail(err, len,
				"%s, line %u: %s: an assembly file; its code has no __fentry__ "
				"call, so livepatch cannot replace it: change the C functions "
				"that call it instead",
				patch, f->patch_line, path);
	case TB_FILE_OTHER:
		break;
	}
	return klp_fail(err, len,
			"%s, line %u: %s is not a C file; a livepatch carries only changed "
			"functions of .c files (build options, Kconfig and documentation "
			"cannot change in a running kernel): leave it out of the patch",
			patch, f->patch_line, path);
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tb_file *)a)->path, ((const struct tb_file *)b)->path);
}

static int add_file(struct tb_patchset *p, size_t *cap, const struct klp_udiff_file *f)
{
	struct tb_file *files;

	for (size_t i = 0; i < p->nfiles; i++)
		if (!strcmp(p->files[i].path, f->new_path))
			return 0;
	files = klp_grow(p->files, cap, p->nfiles + 1, sizeof(*files));
	if (!files)
		return -1;
	p->files = files;
	memset(&files[p->nfiles], 0, sizeof(files[0]));
	files[p->nfiles].path = strdup(f->new_path);
	if (!files[p->nfiles].path)
		return -1;
	files[p->nfiles].kind = TB_FILE_C;
	files[p->nfiles].diff = f;
	p->nfiles++;
	return 0;
}

int tb_patches_read(const struct tb_options *o, struct tb_patchset *p, char *err, size_t len)
{
	size_t cap = 0;
	char uerr[KLP_UDIFF_ERRLEN];
	int r = -1;

	memset(p, 0, sizeof(*p));
	if (!o->npatches)
		return klp_fail(err, len, "no PATCH given: name the fix as a diff file"), -2;
	p->diffs = calloc(o->npatches, sizeof(*p->diffs));
	p->texts = calloc(o->npatches, sizeof(*p->texts));
	p->lens = calloc(o->npatches, sizeof(*p->lens));
	if (!p->diffs || !p->texts || !p->lens)
		goto nomem;
	for (size_t i = 0; i < o->npatches; i++) {
		const char *path = o->patches[i];
		int e = klp_read_file(path, &p->texts[i], &p->lens[i]);

		if (e) {
			klp_fail(err, len, "cannot read %s: %s", path, strerror(e));
			r = -2;
			goto fail;
		}
		p->ndiffs = i + 1;
		if (klp_udiff_parse(p->texts[i], p->lens[i], o->strip, &p->diffs[i], uerr)) {
			klp_fail(err, len, "%s: %s (a unified diff, as git diff or diff -u writes it)",
				 path, uerr);
			r = -2;
			goto fail;
		}
		if (!p->diffs[i].nfiles) {
			klp_fail(err, len, "%s: no file entry: not a unified diff (git diff, "
				 "diff -u)", path);
			r = -2;
			goto fail;
		}
		for (size_t j = 0; j < p->diffs[i].nfiles; j++) {
			const struct klp_udiff_file *f = &p->diffs[i].files[j];

			if (refuse_entry(path, f, err, len))
				goto fail;
			if (add_file(p, &cap, f))
				goto nomem;
		}
	}
	if (p->nfiles)
		qsort(p->files, p->nfiles, sizeof(*p->files), file_cmp);
	return 0;
nomem:
	klp_fail(err, len, "out of memory reading the patches");
fail:
	tb_patches_free(p);
	return r;
}

void tb_patches_free(struct tb_patchset *p)
{
	for (size_t i = 0; i < p->ndiffs; i++)
		klp_udiff_free(&p->diffs[i]);
	for (size_t i = 0; p->texts && i < p->ndiffs; i++)
		free(p->texts[i]);
	for (size_t i = 0; i < p->nfiles; i++) {
		struct tb_file *f = &p->files[i];

		free(f->path);
		free(f->orig_obj);
		free(f->patched_obj);
		free(f->orig_describe);
		free(f->patched_describe);
		free(f->patched_source);
		free(f->regions);
		klp_kcmd_free(&f->cmd);
		klp_words_free(&f->argv);
		klp_describe_free(&f->odesc);
		klp_describe_free(&f->pdesc);
	}
	free(p->files);
	free(p->diffs);
	free(p->texts);
	free(p->lens);
	memset(p, 0, sizeof(*p));
}
