// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * files.c - the file operations every stage of klp-tag-build needs: the
 * directories of a path, a copy, a whole file written at once, what a
 * path is, and the names made from a tree file's path.  A copy or
 * a write goes to PATH.tmp first and is renamed into place, so a reader
 * never sees half a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tb.h"
#include "util.h"

char *tb_path(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

bool tb_is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

bool tb_is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

void tb_path_name(const char *path, const char *prefix, char sep, char *buf, size_t size)
{
	size_t n = (size_t)snprintf(buf, size, "%s", prefix);

	for (const char *s = path; *s && n + 1 < size; s++) {
		if (!strcmp(s, ".c"))
			break;
		buf[n++] = (char)((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
				  (*s >= '0' && *s <= '9') ? *s : sep);
	}
	if (n < size)
		buf[n] = 0;
}

int tb_mkdirs(const char *path, char *err, size_t len)
{
	char *p = strdup(path);

	if (!p)
		return klp_fail(err, len, "out of memory");
	for (char *s = p + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		if (mkdir(p, 0755) && errno != EEXIST) {
			int e = errno;

			klp_fail(err, len, "cannot create directory %s: %s", p, strerror(e));
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

int tb_write_file(const char *path, const char *data, size_t n, char *err, size_t len)
{
	char *tmp = malloc(strlen(path) + 5);
	FILE *f;
	int ok;

	if (!tmp)
		return klp_fail(err, len, "out of memory");
	sprintf(tmp, "%s.tmp", path);
	if (tb_mkdirs(path, err, len)) {
		free(tmp);
		return -1;
	}
	f = fopen(tmp, "w");
	if (!f) {
		int e = errno;

		free(tmp);
		return klp_fail(err, len, "cannot write %s: %s", path, strerror(e));
	}
	ok = fwrite(data, 1, n, f) == n;
	ok = !fclose(f) && ok;
	if (!ok || rename(tmp, path)) {
		int e = errno;

		unlink(tmp);
		free(tmp);
		return klp_fail(err, len, "cannot write %s: %s", path, strerror(e));
	}
	free(tmp);
	return 0;
}

int tb_copy_file(const char *from, const char *to, char *err, size_t len)
{
	char *data;
	size_t n;
	int e = klp_read_file(from, &data, &n);
	int r;

	if (e)
		return klp_fail(err, len, "cannot read %s: %s", from, strerror(e));
	r = tb_write_file(to, data, n, err, len);
	free(data);
	return r;
}
