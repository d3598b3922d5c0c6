// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * run.c - how klp-tag-build runs the programs it drives (make, patch,
 * tar, the checker): fork and exec, the output captured for messages,
 * the command printed first with -v.  make in the prepared tree always
 * gets the tree's variables and never the flags of an enclosing make
 * (MAKEFLAGS would carry `make check`'s command-line variables into
 * kbuild).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tb.h"
#include "util.h"

void tb_progress(const struct tb_options *o, const char *fmt, ...)
{
	va_list ap;

	if (!o->progress && !o->verbose)
		return;
	va_start(ap, fmt);
	fputs("klp-tag-build: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

const char *tb_output_tail(const char *output)
{
	size_t n = output ? strlen(output) : 0;
	const char *s;

	if (!n)
		return "(no output)";
	if (n < 2000)
		return output;
	/* From the start of a line, so a message never begins mid-word. */
	s = output + n - 2000;
	while (*s && *s != '\n')
		s++;
	return *s ? s + 1 : s;
}

/* A word as the shell would need it, for -v. */
static void put_word(FILE *f, const char *w)
{
	if (*w && !w[strcspn(w, " \t\n'\"\\$`*?[]#~=&;|<>(){}")]) {
		fputs(w, f);
		return;
	}
	fputc('\'', f);
	for (; *w; w++) {
		if (*w == '\'')
			fputs("'\\''", f);
		else
			fputc(*w, f);
	}
	fputc('\'', f);
}

static void show_command(const char *const *argv, const char *dir)
{
	fputs("+ ", stderr);
	if (dir) {
		fputs("cd ", stderr);
		put_word(stderr, dir);
		fputs(" && ", stderr);
	}
	for (size_t i = 0; argv[i]; i++) {
		if (i)
			fputc(' ', stderr);
		put_word(stderr, argv[i]);
	}
	fputc('\n', stderr);
}

/* Everything FD gives until its end, NUL-terminated. */
static char *read_all(int fd)
{
	size_t n = 0, cap = 0;
	char *buf = NULL;

	for (;;) {
		char *b = klp_grow(buf, &cap, n + 4097, 1);
		ssize_t got;

		if (!b) {
			free(buf);
			return NULL;
		}
		buf = b;
		got = read(fd, buf + n, 4096);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	buf[n] = 0;
	return buf;
}

static int run_env(const struct tb_options *o, const char *const *argv, const char *dir,
		   bool clean_make_env, char *const *envp, char **output, char *err, size_t len)
{
	int fds[2] = { -1, -1 };
	int status;
	pid_t pid;
	char *out = NULL;

	if (output)
		*output = NULL;
	if (o->verbose)
		show_command(argv, dir);
	if (pipe2(fds, O_CLOEXEC))
		return klp_fail(err, len, "cannot run %s: %s", argv[0], strerror(errno));
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(fds[0]);
		close(fds[1]);
		return klp_fail(err, len, "cannot run %s: %s", argv[0], strerror(e));
	}
	if (!pid) {
		int null = open("/dev/null", O_RDONLY);

		if (null >= 0)
			dup2(null, STDIN_FILENO);
		/* -v shows what the programs say as they say it. */
		if (!o->verbose || output) {
			dup2(fds[1], STDOUT_FILENO);
			dup2(fds[1], STDERR_FILENO);
		}
		if (clean_make_env) {
			unsetenv("MAKEFLAGS");
			unsetenv("MFLAGS");
			unsetenv("MAKEOVERRIDES");
			unsetenv("MAKELEVEL");
		}
		if (dir && chdir(dir)) {
			fprintf(stderr, "cannot enter %s: %s\n", dir, strerror(errno));
			_exit(127);
		}
		if (envp)
			execvpe(argv[0], (char *const *)argv, envp);
		else
			execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	out = read_all(fds[0]);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return klp_fail(err, len, "waiting for %s: %s", argv[0], strerror(errno));
	if (o->verbose && out && *out && output)
		fputs(out, stderr);
	if (output)
		*output = out;
	else
		free(out);
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) == 127 && output && *output &&
		    strstr(*output, "cannot run "))
			return klp_fail(err, len, "%s", *output);
		return WEXITSTATUS(status);
	}
	return klp_fail(err, len, "%s was killed by signal %d", argv[0], WTERMSIG(status));
}

int tb_run(const struct tb_options *o, const char *const *argv, const char *dir, char **output,
	   char *err, size_t len)
{
	return run_env(o, argv, dir, false, NULL, output, err, len);
}

int tb_run_in(const struct tb_options *o, const char *const *argv, const char *dir,
	      char *const *envp, char **output, char *err, size_t len)
{
	return run_env(o, argv, dir, false, envp, output, err, len);
}

int tb_make(const struct tb_options *o, const struct tb_tree *tree, const char *const *args,
	    char **output, char *err, size_t len)
{
	size_t n = 0, nargs = 0;
	const char **argv;
	int r;

	while (args && args[nargs])
		nargs++;
	argv = calloc(3 + tree->nmake_vars + nargs + 1, sizeof(*argv));
	if (!argv)
		return klp_fail(err, len, "out of memory");
	argv[n++] = "make";
	argv[n++] = "-C";
	argv[n++] = tree->src;
	for (size_t i = 0; i < tree->nmake_vars; i++)
		argv[n++] = tree->make_vars[i];
	for (size_t i = 0; i < nargs; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	r = run_env(o, argv, NULL, true, NULL, output, err, len);
	free(argv);
	return r;
}
