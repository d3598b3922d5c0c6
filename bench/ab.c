// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ab - time two shell commands side by side, for `make bench`.
 *
 *   ab [-n PAIRS] [-w WARMUPS] [-C DIR] [-l LOG] CMD_A CMD_B
 *   ab -1 [-n RUNS] [-w WARMUPS] [-t SECONDS] [-C DIR] [-l LOG] CMD
 *
 * A/B mode runs CMD_A and CMD_B WARMUPS times each (default 1) to warm the
 * page cache and the dynamic loader, then PAIRS pairs, interleaved and alternating which goes first
 * (A B, B A, A B, ...), so a slow phase of a shared machine hits both sides
 * alike and neither always runs with the other's caches.  The figure per pair
 * is the ratio B/A; its median over the pairs is the result, with the
 * quartiles as its spread.  Single mode (-1) runs CMD RUNS times after the
 * warm-ups and gives the medians; with -t, a run that takes longer than
 * SECONDS is killed and reported as `timeout=SECONDS` (exit status 0), so a
 * benchmark of a tool that does not scale still ends.
 *
 * Each command runs under /bin/sh -c (kbuild command lines carry shell
 * quoting) in DIR, its output appended to LOG (default /dev/null).  A run is
 * measured with wait4(): CPU time is user + system time of the command and
 * every process it waited for (gcc's cc1 and as), peak memory is the largest
 * resident set among them (ru_maxrss, the figure GNU time's %M prints), wall
 * time comes from CLOCK_MONOTONIC.  GNU time prints seconds with two
 * decimals, too coarse for a 0.25 s compile; rusage itself is in
 * microseconds.
 *
 * Output: one line of KEY=VALUE fields on stdout (seconds, KiB), for
 * bench/run.sh to put in its table:
 *   A/B:    pairs a_cpu b_cpu ratio q1 q3 wall_ratio delta a_rss b_rss rss_ratio
 *   single: runs cpu wall rss  (or: timeout)
 * ratio, q1, q3: median and quartiles of the per-pair CPU-time ratios B/A;
 * delta: median of the per-pair CPU-time differences B - A (seconds).
 * A command that fails stops everything with exit status 1.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double cpu, wall;
	long rss_kb;
};

static const char *dir = ".";
static const char *log_path = "/dev/null";
static unsigned timeout_s;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* Run CMD once into *S; returns 0, or -1 when it ran past the timeout. */
static int run(const char *cmd, struct sample *s)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("ab: fork");
		exit(1);
	}
	if (pid == 0) {
		int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0644);

		if (fd < 0 || chdir(dir) != 0) {
			fprintf(stderr, "ab: cannot open %s or enter %s: %s\n", log_path, dir,
				strerror(errno));
			_exit(127);
		}
		setpgid(0, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	timed_out = 0;
	alarm(timeout_s);
	while (wait4(pid, &status, 0, &ru) != pid) {
		if (errno != EINTR) {
			perror("ab: wait4");
			exit(1);
		}
		if (timed_out)
			kill(-pid, SIGKILL);
	}
	alarm(0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (timed_out)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "ab: command failed (%s %d; output in %s):\n  %s\n",
			WIFEXITED(status) ? "exit status" : "signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), log_path, cmd);
		exit(1);
	}
	s->cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
	s->wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	s->rss_kb = ru.ru_maxrss;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The Q-quantile of V[0..N), linear between order statistics; sorts V. */
static double quantile(double *v, int n, double q)
{
	double pos = q * (n - 1);
	int i = (int)pos;

	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return i + 1 < n ? v[i] + (pos - i) * (v[i + 1] - v[i]) : v[i];
}

/* Frees the sample arrays and returns RC, so that every exit of main is clean. */
static int finish(double **v, int rc)
{
	int i;

	for (i = 0; i < 8; i++)
		free(v[i]);
	return rc;
}

static void usage(void)
{
	fprintf(stderr, "usage: ab [-n PAIRS] [-w WARMUPS] [-C DIR] [-l LOG] CMD_A CMD_B\n"
			"       ab -1 [-n RUNS] [-w WARMUPS] [-t SECONDS] [-C DIR] [-l LOG] CMD\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int n = 10, warmups = 1, single = 0, opt, i;
	struct sample a, b;
	double *v[8] = { NULL };

	struct sigaction sa;

	while ((opt = getopt(argc, argv, "1n:w:t:C:l:")) != -1) {
		switch (opt) {
		case '1': single = 1; break;
		case 'n': n = atoi(optarg); break;
		case 'w': warmups = atoi(optarg); break;
		case 't': timeout_s = (unsigned)atoi(optarg); break;
		case 'C': dir = optarg; break;
		case 'l': log_path = optarg; break;
		default: usage();
		}
	}
	if (n < 1 || warmups < 0 || argc - optind != (single ? 1 : 2) || (timeout_s && !single))
		usage();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: wait4 must return */
	sigaction(SIGALRM, &sa, NULL);
	for (i = 0; i < 8; i++) {
		v[i] = calloc((size_t)n, sizeof(double));
		if (!v[i]) {
			perror("ab");
			return finish(v, 1);
		}
	}

	if (single) {
		for (i = 0; i < warmups + n; i++) {
			if (run(argv[optind], &a)) {
				printf("timeout=%u\n", timeout_s);
				return finish(v, 0);
			}
			if (i >= warmups) {
				v[0][i - warmups] = a.cpu;
				v[1][i - warmups] = a.wall;
				v[2][i - warmups] = (double)a.rss_kb;
			}
		}
		printf("runs=%d cpu=%.4f wall=%.4f rss=%.0f\n", n, quantile(v[0], n, 0.5),
		       quantile(v[1], n, 0.5), quantile(v[2], n, 0.5));
		return finish(v, 0);
	}

	for (i = 0; i < warmups; i++) {
		run(argv[optind], &a);
		run(argv[optind + 1], &b);
	}
	for (i = 0; i < n; i++) {
		if (i % 2 == 0) {
			run(argv[optind], &a);
			run(argv[optind + 1], &b);
		} else {
			run(argv[optind + 1], &b);
			run(argv[optind], &a);
		}
		v[0][i] = a.cpu;
		v[1][i] = b.cpu;
		v[2][i] = b.cpu / a.cpu;
		v[3][i] = b.wall / a.wall;
		v[4][i] = b.cpu - a.cpu;
		v[5][i] = (double)a.rss_kb;
		v[6][i] = (double)b.rss_kb;
		v[7][i] = (double)b.rss_kb / (double)a.rss_kb;
	}
	printf("pairs=%d a_cpu=%.4f b_cpu=%.4f ratio=%.4f q1=%.4f q3=%.4f wall_ratio=%.4f "
	       "delta=%.4f a_rss=%.0f b_rss=%.0f rss_ratio=%.4f\n",
	       n, quantile(v[0], n, 0.5), quantile(v[1], n, 0.5), quantile(v[2], n, 0.5),
	       quantile(v[2], n, 0.25), quantile(v[2], n, 0.75), quantile(v[3], n, 0.5),
	       quantile(v[4], n, 0.5), quantile(v[5], n, 0.5), quantile(v[6], n, 0.5),
	       quantile(v[7], n, 0.5));
	return finish(v, 0);
}
