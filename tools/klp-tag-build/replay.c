// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * replay.c - the patched compile without the top-level Makefile
 * (docs/klp-tag-build.md, "Compiling"; the record format is
 * common/makerec.h's).
 *
 * The original compile runs `make -C TREE ... MAKE='SELF --record-make
 * WORK/make-record' FILE.o...`: every sub-make of the top level then runs
 * this program, which writes its words, directory and environment to
 * WORK/make-record/NNN and becomes make.  The patched compile runs again
 * only the recorded Makefile.build descents that cover a patched file,
 * with the recorded environment (minus the first make's jobserver and
 * the MAKE override): seconds of cc-option probes and prepare checks
 * saved per build.  compile.c then requires each object rebuilt with the
 * original's very command, and otherwise falls back to the full make.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "makerec.h"
#include "tb.h"
#include "util.h"

#define RECORD_DIR "make-record"

extern char **environ;

/* Whether S can be a word of make's $(MAKE) as it is (the shell splits it). */
static bool shell_safe(const char *s)
{
	return *s && !s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			      "0123456789/._+-")];
}

char *tb_record_arg(const char *work)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *dir = tb_path(work, RECORD_DIR), *arg = NULL;

	if (n > 0 && dir) {
		self[n] = 0;
		if (shell_safe(self) && shell_safe(dir) && !mkdir(dir, 0700) &&
		    asprintf(&arg, "MAKE=%s --record-make %s", self, dir) < 0)
			arg = NULL;
	}
	free(dir);
	return arg;
}

/* Write the record; a failure costs only the replay, never the build. */
static void record(const char *dir, int argc, char **argv)
{
	char cwd[PATH_MAX], path[PATH_MAX], *text;
	const char **words = calloc((size_t)argc + 1, sizeof(*words));
	struct timespec ts;
	size_t n;
	int fd;

	if (!words || !getcwd(cwd, sizeof(cwd))) {
		free(words);
		return;
	}
	for (int i = 0; i < argc; i++)
		words[i] = argv[i];
	clock_gettime(CLOCK_MONOTONIC, &ts);
	/* The names sort in the order the sub-makes started. */
	snprintf(path, sizeof(path), "%s/%012lld%09ld-%d", dir, (long long)ts.tv_sec, ts.tv_nsec,
		 (int)getpid());
	if (!klp_makerec_format(cwd, words, (const char *const *)environ, &text, &n)) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			if (write(fd, text, n) != (ssize_t)n)
				unlink(path);
			close(fd);
		}
		free(text);
	}
	free(words);
}

int tb_record_make(const char *dir, int argc, char **argv)
{
	char **args = calloc((size_t)argc + 2, sizeof(*args));
	const char *level = getenv("MAKELEVEL");

	/* Only the top level's own sub-makes: theirs run under them again. */
	if (level && !strcmp(level, "1"))
		record(dir, argc, argv);
	if (!args) {
		fprintf(stderr, "klp-tag-build --record-make: out of memory\n");
		return 2;
	}
	args[0] = "make";
	for (int i = 0; i < argc; i++)
		args[i + 1] = argv[i];
	execvp("make", args);
	fprintf(stderr, "klp-tag-build --record-make: cannot run make: %s\n", strerror(errno));
	free(args);
	return 127;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The record files' names in DIR, sorted; -1 when DIR cannot be read. */
static int list(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char **v;

		if (e->d_name[0] == '.')
			continue;
		v = klp_grow(*names, &cap, *n + 1, sizeof(*v));
		if (!v || !(v[*n] = strdup(e->d_name))) {
			closedir(d);
			return -1;
		}
		*names = v;
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), name_cmp);
	return 0;
}

/* Run descent R as it ran the first time; 0 when make succeeded. */
static int run_descent(const struct tb_options *o, const struct klp_makerec *r, char *why,
		       size_t len)
{
	const char **argv = calloc(r->argc + 2, sizeof(*argv));
	char **env = klp_makerec_replay_env(r);
	char *out = NULL, err[TB_ERRLEN];
	int status = -1;

	if (argv && env) {
		argv[0] = "make";
		for (size_t i = 0; i < r->argc; i++)
			argv[i + 1] = r->argv[i];
		status = tb_run_in(o, argv, r->cwd, env, &out, err, sizeof(err));
		if (status < 0)
			snprintf(why, len, "%s", err);
		else if (status)
			snprintf(why, len, "the recorded make -f Makefile.build obj=%s exited %d",
				 klp_makerec_descent(r), status);
	} else {
		snprintf(why, len, "out of memory");
	}
	free(out);
	klp_makerec_env_free(env);
	free(argv);
	return status ? -1 : 0;
}

int tb_replay(const struct tb_options *o, const char *work, const char *const *paths, size_t n,
	      char *why, size_t len)
{
	char *dir = tb_path(work, RECORD_DIR);
	char **names = NULL;
	size_t nnames = 0, ran = 0;
	bool *covered = calloc(n ? n : 1, sizeof(*covered));
	int r = -1;

	snprintf(why, len, "out of memory");
	if (!dir || !covered)
		goto done;
	if (list(dir, &names, &nnames)) {
		snprintf(why, len, "the original compile was not recorded (%s: %s; recording "
			 "needs paths of klp-tag-build and of the work directory that the shell "
			 "takes as they are)", dir, strerror(errno));
		goto done;
	}
	for (size_t i = 0; i < nnames; i++) {
		char *path = tb_path(dir, names[i]), *text = NULL, perr[KLP_MAKEREC_ERRLEN];
		struct klp_makerec rec;
		bool use = false;
		size_t tlen;
		int e = path ? klp_read_file(path, &text, &tlen) : ENOMEM;

		if (!e && klp_makerec_parse(text, tlen, &rec, perr)) {
			snprintf(why, len, "%s: %s", path, perr);
			e = -1;
		} else if (e) {
			snprintf(why, len, "%s: %s", path ? path : names[i], strerror(e));
		}
		free(text);
		free(path);
		if (e)
			goto done;
		for (size_t k = 0; k < n; k++)
			if (klp_makerec_covers(&rec, paths[k]))
				use = covered[k] = true;
		e = use ? run_descent(o, &rec, why, len) : 0;
		klp_makerec_free(&rec);
		if (e)
			goto done;
		ran += use;
	}
	for (size_t k = 0; k < n; k++)
		if (!covered[k]) {
			snprintf(why, len, "no recorded descent of the original compile builds %s",
				 paths[k]);
			goto done;
		}
	r = ran ? 0 : -1;
	if (!ran)
		snprintf(why, len, "nothing to run again");
done:
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(covered);
	free(dir);
	return r;
}
