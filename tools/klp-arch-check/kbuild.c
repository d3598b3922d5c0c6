// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kbuild.c - `--kbuild`: the check the kbuild fragment runs once a
 * directory's module objects are linked, before modpost reads them.
 *
 * Every module object is verified as a module (module rules apply to the
 * .o, e.g. not-livepatch), for the consumer rules the fragment decided;
 * each finding is an error line `FILE: error: RULE: why`.  Then each line
 * of the tag files must name a function that one of the modules holds:
 * a tag that matches nothing is a warning at its FILE:LINE (a typo, a
 * stale line, or a function every caller inlined: either way the tag
 * does nothing).  Exit status: 0 clean (warnings allowed), 1 findings,
 * 2 an unreadable file.
 */
#include "klpcheck.h"
#include "tagfile.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct tag_check {
	struct module *mods;
	int nmods;
	const char *file;
	char **names;		/* the module files, for the message */
	int warnings;
};

/* Does any module hold a function record for FUNCTION (C identifier)? */
static bool defined_in(const struct tag_check *c, const char *function, size_t len)
{
	int i;
	size_t j;

	for (i = 0; i < c->nmods; i++)
		for (j = 0; j < c->mods[i].nmap; j++) {
			const struct map_rec *r = &c->mods[i].map[j];

			if (r->kind == KLP_MAP_FUNCTION && strlen(r->str[1]) == len &&
			    strncmp(r->str[1], function, len) == 0)
				return true;
		}
	return false;
}

static int tag_pair(void *ctx, const char *function, size_t len, const char *object,
		    unsigned line)
{
	struct tag_check *c = ctx;
	int i;

	if (defined_in(c, function, len))
		return 0;
	fprintf(stderr, "%s:%u: warning: '%.*s' is tagged for object '%s', but no function "
		"'%.*s' is in ", c->file, line, (int)len, function, object, (int)len, function);
	for (i = 0; i < c->nmods; i++)
		fprintf(stderr, "%s%s", i ? (i + 1 < c->nmods ? ", " : " or ") : "", c->names[i]);
	fprintf(stderr, " (no file defines it, or every call to it was inlined): the tag does "
		"nothing; correct the name or remove the line\n");
	c->warnings++;
	return 0;
}

static void tag_error(void *ctx, unsigned line, const char *why)
{
	fprintf(stderr, "%s:%u: warning: malformed tag line: %s\n", ((struct tag_check *)ctx)->file,
		line, why);
}

static int check_tag_file(struct tag_check *c, const char *path)
{
	static const struct klp_tagfile_callbacks cb = { tag_pair, NULL, tag_error };
	char *text;
	size_t len;
	int err = klp_read_file(path, &text, &len);

	if (err) {
		fprintf(stderr, "klp-arch-check: %s: %s\n", path, strerror(err));
		return 2;
	}
	c->file = path;
	klp_tagfile_parse(text, len, &cb, c);
	free(text);
	return 0;
}

int kbuild_check(char **files, int nfiles, char **tags, int ntags, const char *layout,
		 const char *kernel, bool allow_clobber)
{
	struct module *mods = calloc((size_t)nfiles, sizeof(*mods));
	struct tag_check c = { mods, 0, NULL, files, 0 };
	int i, status = 0;
	size_t j;

	if (!mods) {
		fprintf(stderr, "klp-arch-check: out of memory\n");
		return 2;
	}
	for (i = 0; i < nfiles; i++) {
		struct findings f = { 0 };
		const struct symdbs nodb = { 0 };
		char err[EF_ERRLEN];

		if (module_load(&mods[c.nmods], files[i], layout, kernel, err)) {
			module_free(&mods[c.nmods]);
			fprintf(stderr, "klp-arch-check: %s: %s\n", files[i], err);
			status = 2;
			continue;
		}
		mods[c.nmods].as_module = true;
		if (verify_module(&mods[c.nmods], &nodb, &f)) {
			fprintf(stderr, "klp-arch-check: %s: out of memory checking it\n", files[i]);
			status = 2;
		}
		for (j = 0; j < f.n; j++) {
			bool allowed = allow_clobber && strcmp(f.v[j].rule, "klp-rela-clobber") == 0;

			fprintf(stderr, "%s: %s: %s%s%s: %s%s\n", files[i], allowed ? "warning" : "error",
				f.v[j].section ? f.v[j].section : "", f.v[j].section ? ": " : "",
				f.v[j].rule, f.v[j].message,
				allowed ? " (allowed: --allow-clobber; the kernel will refuse it)" : "");
			if (!allowed && status == 0)
				status = 1;
		}
		findings_free(&f);
		files[c.nmods++] = files[i];
	}
	for (i = 0; i < ntags && status < 2; i++)
		status = check_tag_file(&c, tags[i]) ? 2 : status;
	for (i = 0; i < c.nmods; i++)
		module_free(&mods[i]);
	free(mods);
	return status;
}
