// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * debug.c - the target's real System.map and debug vmlinux when no option
 * names them, as a Debian machine has them: both are in the package
 * linux-image-RELEASE-dbg (./usr/lib/debug/boot/System.map-RELEASE and
 * vmlinux-RELEASE), while /boot's System.map is a one-line placeholder.
 * The package (close to 1 GB for 6.1) is downloaded with apt-get download
 * (no root needed, nothing installed) into CACHE/debug/RELEASE, only the
 * two files are extracted, and the package is deleted; a later build
 * finds them there.  --no-fetch turns the download off.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tb.h"
#include "util.h"

#define DEBUG_BOOT "usr/lib/debug/boot"

static bool non_empty(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode) && st.st_size > 0;
}

/* The package's .deb that apt-get download left in DIR, or NULL. */
static char *find_deb(const char *dir, const char *pkg)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;
	size_t n = strlen(pkg);

	if (!d)
		return NULL;
	while (!found && (e = readdir(d))) {
		size_t m = strlen(e->d_name);

		if (m > n + 5 && !strncmp(e->d_name, pkg, n) && e->d_name[n] == '_' &&
		    !strcmp(e->d_name + m - 4, ".deb"))
			found = tb_path(dir, e->d_name);
	}
	closedir(d);
	return found;
}

/* The file's path under CACHE/debug/RELEASE. */
static char *debug_file(const char *dir, const char *base, const char *release)
{
	char *path;

	return asprintf(&path, "%s/" DEBUG_BOOT "/%s-%s", dir, base, release) < 0 ? NULL : path;
}

/*
 * Download the package into DIR and extract MEMBERS (NULL-terminated,
 * "./usr/lib/...").  0, or -1 with WHY saying why not (not an error of
 * the build: the caller decides what a missing file means).
 */
static int fetch(const struct tb_options *o, const char *dir, const char *pkg,
		 const char *const *members, char *why, size_t len)
{
	const char *download[] = { "apt-get", "download", pkg, NULL };
	const char *extract[16];
	char err[512] = "", *out = NULL, *deb;
	size_t n = 0;
	int r;

	tb_progress(o, "fetch %s (the real System.map and vmlinux; --no-fetch: never)", pkg);
	r = tb_run(o, download, dir, &out, err, sizeof(err));
	if (r) {
		snprintf(why, len, "apt-get download %s %s: %s", pkg,
			 r < 0 ? "could not run" : "failed",
			 r < 0 ? err : tb_output_tail(out ? out : ""));
		free(out);
		return -1;
	}
	free(out);
	out = NULL;
	deb = find_deb(dir, pkg);
	if (!deb) {
		snprintf(why, len, "apt-get download %s left no %s_*.deb in %s", pkg, pkg, dir);
		return -1;
	}
	/*
	 * tar stops once it has each member (--occurrence=1), which ends
	 * dpkg-deb with SIGPIPE: the pipeline's status is tar's alone.
	 */
	extract[n++] = "sh";
	extract[n++] = "-c";
	extract[n++] = "deb=$1; shift; dpkg-deb --fsys-tarfile \"$deb\" | "
		       "tar -x -f - --occurrence=1 \"$@\"";
	extract[n++] = "sh";
	extract[n++] = deb;
	for (size_t i = 0; members[i] && n < 15; i++)
		extract[n++] = members[i];
	extract[n] = NULL;
	r = tb_run(o, extract, dir, &out, err, sizeof(err));
	if (unlink(deb) && errno != ENOENT && !r)
		fprintf(stderr, "klp-tag-build: warning: cannot delete %s: %s\n", deb,
			strerror(errno));
	if (r) {
		snprintf(why, len, "extracting %s from %s failed: %s", members[0], deb,
			 r < 0 ? err : tb_output_tail(out ? out : ""));
		free(out);
		free(deb);
		return -1;
	}
	free(out);
	free(deb);
	return 0;
}

int tb_debug_files(const struct tb_options *o, const char *release, char **map, char **vmlinux,
		   char *why, size_t len)
{
	char *cache = tb_cache_dir(o), *dir = NULL, *lock = NULL, *m = NULL, *v = NULL;
	const char *members[3];
	char pkg[300], mm[300], vm[300], mkerr[256];
	size_t n = 0;
	int fd = -1, r = -1;

	*why = 0;
	if (!cache) {
		snprintf(why, len, "no cache directory to keep linux-image-%s-dbg's files in "
			 "(--cache)", release);
		return -1;
	}
	if (asprintf(&dir, "%s/debug/%s", cache, release) < 0) {
		dir = NULL;
		goto out;
	}
	m = debug_file(dir, "System.map", release);
	v = debug_file(dir, "vmlinux", release);
	if (!m || !v)
		goto out;
	if ((!map || non_empty(m)) && (!vmlinux || non_empty(v)))
		goto found;
	snprintf(pkg, sizeof(pkg), "linux-image-%s-dbg", release);
	if (o->no_fetch) {
		snprintf(why, len, "--no-fetch: %s was not downloaded", pkg);
		goto out;
	}
	if (access("/etc/debian_version", F_OK)) {
		snprintf(why, len, "not a Debian system: no %s to download", pkg);
		goto out;
	}
	/* One download at a time into one directory. */
	lock = tb_path(dir, ".lock");
	if (!lock)
		goto out;
	if (tb_mkdirs(lock, mkerr, sizeof(mkerr))) {
		snprintf(why, len, "%s", mkerr);
		goto out;
	}
	fd = lock ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
	if (fd < 0 || flock(fd, LOCK_EX)) {
		snprintf(why, len, "cannot lock %s: %s", lock ? lock : dir, strerror(errno));
		goto out;
	}
	if (map && !non_empty(m)) {
		snprintf(mm, sizeof(mm), "./" DEBUG_BOOT "/System.map-%s", release);
		members[n++] = mm;
	}
	if (vmlinux && !non_empty(v)) {
		snprintf(vm, sizeof(vm), "./" DEBUG_BOOT "/vmlinux-%s", release);
		members[n++] = vm;
	}
	members[n] = NULL;
	if (n && fetch(o, dir, pkg, members, why, len))
		goto out;
	if ((map && !non_empty(m)) || (vmlinux && !non_empty(v))) {
		snprintf(why, len, "%s holds no %s", pkg,
			 map && !non_empty(m) ? mm : vm);
		goto out;
	}
found:
	if (map) {
		*map = m;
		m = NULL;
	}
	if (vmlinux) {
		*vmlinux = v;
		v = NULL;
	}
	r = 0;
out:
	if (r && !*why)
		snprintf(why, len, "out of memory");
	if (fd >= 0)
		close(fd);
	free(lock);
	free(m);
	free(v);
	free(dir);
	free(cache);
	return r;
}
