// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * target.c - klp-tag-build's target stage: what the options (or, on a
 * Debian machine, the running kernel) lead to: the kbuild tree and its
 * release, config and exports, the source, the System.map, the vmlinux
 * and the modules.  Everything missing is said at once, with the option
 * or the Debian package that provides it, before anything is compiled.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "dotconfig.h"
#include "kernel_abi.h"
#include "sysmap.h"
#include "tb.h"
#include "util.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* The first line of FILE into BUF; 0, or an errno value. */
static int first_line(const char *file, char *buf, size_t size)
{
	char *text;
	size_t n;
	int e = klp_read_file(file, &text, &n);

	if (e)
		return e;
	snprintf(buf, size, "%.*s", (int)strcspn(text, "\n"), text);
	free(text);
	return 0;
}

/*
 * UTS_RELEASE of KDIR/include/generated/utsrelease.h: the release the
 * kernel reports and its modules' vermagic names.  Debian's headers keep
 * the upstream version in include/config/kernel.release ("6.1.192") and
 * the package's release here ("6.1.0-57-amd64").  True when found.
 */
static bool uts_release(const char *kdir, char *buf, size_t size)
{
	char *path = tb_path(kdir, "include/generated/utsrelease.h");
	char *text = NULL, *q, *end;
	size_t n;
	bool found = false;

	if (path && !klp_read_file(path, &text, &n) && (q = strstr(text, "UTS_RELEASE \"")) &&
	    (end = strchr(q + 13, '"')) && end > q + 13 && (size_t)(end - q - 13) < size) {
		snprintf(buf, size, "%.*s", (int)(end - q - 13), q + 13);
		found = true;
	}
	free(text);
	free(path);
	return found;
}

/*
 * The compiler the target was built with, as kbuild must be told it:
 * CONFIG_CC_VERSION_TEXT's first word where the config has it (Debian's
 * 6.1: "gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0"), else gcc.  Its major
 * version must be CONFIG_GCC_VERSION's, or nothing it compiles can be
 * the running kernel's code.
 */
static int find_compiler(const struct tb_options *o, struct tb_target *t,
			 const struct klp_config *c, char *err, size_t len)
{
	const char *text = klp_config_value(c, "CONFIG_CC_VERSION_TEXT");
	const char *gccv = klp_config_value(c, "CONFIG_GCC_VERSION");
	const char *argv[3];
	char *out = NULL, *end;
	long want = gccv ? strtol(gccv, &end, 10) / 10000 : 0, got;

	if (text) {
		size_t n = strspn(text, "\"");

		snprintf(t->cc_version, sizeof(t->cc_version), "%.*s",
			 (int)(strlen(text + n) - (ends_with(text, "\"") ? 1 : 0)), text + n);
		snprintf(t->cc, sizeof(t->cc), "%.*s", (int)strcspn(t->cc_version, " "),
			 t->cc_version);
	}
	if (!t->cc[0] || strncmp(t->cc, "gcc", 3))
		snprintf(t->cc, sizeof(t->cc), "gcc");
	if (!want)
		return 0;
	argv[0] = t->cc;
	argv[1] = "-dumpversion";
	argv[2] = NULL;
	if (tb_run(o, argv, NULL, &out, err, len) != 0) {
		free(out);
		return klp_fail(err, len, "the target kernel was built with GCC %ld (%s), and "
				"%s does not run here: install gcc-%ld", want, t->config, t->cc, want);
	}
	got = strtol(out, NULL, 10);
	free(out);
	if (got == want)
		return 0;
	/* gcc is another version: the versioned name may be installed beside it. */
	snprintf(t->cc, sizeof(t->cc), "gcc-%ld", want);
	argv[0] = t->cc;
	if (tb_run(o, argv, NULL, &out, err, len) == 0 && strtol(out, NULL, 10) == want) {
		free(out);
		return 0;
	}
	free(out);
	return klp_fail(err, len, "the target kernel was built with GCC %ld (CONFIG_GCC_VERSION "
			"in %s), and this machine's gcc is GCC %ld: install gcc-%ld", want,
			t->config, got, want);
}

/* Debian: /usr/src/linux-source-MAJOR.MINOR.tar.xz of the linux-source package. */
static char *debian_source(const char *release)
{
	unsigned major, minor;
	char *path;

	if (sscanf(release, "%u.%u", &major, &minor) != 2)
		return NULL;
	if (asprintf(&path, "/usr/src/linux-source-%u.%u.tar.xz", major, minor) < 0)
		return NULL;
	if (tb_is_file(path))
		return path;
	free(path);
	return NULL;
}

static int find_source(const struct tb_options *o, struct tb_target *t, char *err, size_t len)
{
	unsigned major = 0, minor = 0;

	if (!o->source) {
		t->source = debian_source(t->release);
		if (t->source) {
			t->source_is_tarball = true;
			return 0;
		}
		sscanf(t->release, "%u.%u", &major, &minor);
		return klp_fail(err, len, "no --source: give the target kernel's source tree or "
				"tarball (on Debian: apt-get install linux-source-%u.%u, then "
				"/usr/src/linux-source-%u.%u.tar.xz is found)", major, minor,
				major, minor);
	}
	t->source = realpath(o->source, NULL);
	if (!t->source)
		return klp_fail(err, len, "--source %s: %s", o->source, strerror(errno));
	if (tb_is_dir(t->source)) {
		char *mk = tb_path(t->source, "Makefile");
		bool ok = mk && tb_is_file(mk);

		free(mk);
		if (!ok)
			return klp_fail(err, len, "--source %s: no Makefile there: not a kernel "
					"source tree", o->source);
		return 0;
	}
	if (ends_with(t->source, ".tar.xz") || ends_with(t->source, ".tar.gz") ||
	    ends_with(t->source, ".tar.bz2") || ends_with(t->source, ".tar") ||
	    ends_with(t->source, ".tgz")) {
		t->source_is_tarball = true;
		return 0;
	}
	return klp_fail(err, len, "--source %s: neither a directory nor a tarball (.tar.xz, "
			".tar.gz, .tar.bz2, .tar)", o->source);
}

/* A real System.map has thousands of lines; Debian's /boot placeholder has one. */
static bool real_map(const char *path)
{
	FILE *f = fopen(path, "r");
	int c, lines = 0;

	if (!f)
		return false;
	while (lines < 2 && (c = getc(f)) != EOF)
		lines += c == '\n';
	fclose(f);
	return lines >= 2;
}

/*
 * The System.map (--symbols, else /boot's when it is a real one) and the
 * vmlinux (--vmlinux, else an installed -dbg package's); what is still
 * missing comes from linux-image-RELEASE-dbg (debug.c), both in one
 * download.  A missing map stops the build, a missing vmlinux only leaves
 * the built-in files unverified (T->vmlinux_why says why).  The map is
 * read once here so that a placeholder or a bad map stops the build now.
 */
static int find_map_and_vmlinux(const struct tb_options *o, struct tb_target *t, char *err, size_t len)
{
	struct klp_sysmap m;
	char *path = NULL, *vmlinux = NULL, why[sizeof(t->vmlinux_why) - 64];
	bool need_map, need_vmlinux;

	if (o->symbols)
		path = strdup(o->symbols);
	else if (asprintf(&path, "/boot/System.map-%s", t->release) < 0)
		path = NULL;
	if (o->vmlinux) {
		if (!tb_is_file(o->vmlinux)) {
			free(path);
			return klp_fail(err, len, "--vmlinux %s: no such file", o->vmlinux);
		}
		vmlinux = realpath(o->vmlinux, NULL);
	} else if (asprintf(&vmlinux, "/usr/lib/debug/boot/vmlinux-%s", t->release) < 0) {
		vmlinux = NULL;
	}
	if (!path || !vmlinux) {
		free(path);
		free(vmlinux);
		return klp_fail(err, len, "out of memory");
	}
	need_map = !o->symbols && !real_map(path);
	need_vmlinux = !o->vmlinux && !tb_is_file(vmlinux);
	if ((need_map || need_vmlinux) &&
	    tb_debug_files(o, t->release, need_map ? &path : NULL, need_vmlinux ? &vmlinux : NULL,
			   why, sizeof(why))) {
		if (need_map) {
			klp_fail(err, len, "no System.map of %s: %s is %s, and %s: give --symbols "
				 "FILE (the real map is in linux-image-%s-dbg)", t->release, path,
				 tb_is_file(path) ? "a placeholder" : "missing", why, t->release);
			free(path);
			free(vmlinux);
			return -1;
		}
		snprintf(t->vmlinux_why, sizeof(t->vmlinux_why), "no --vmlinux, and %s", why);
		free(vmlinux);
		vmlinux = NULL;
	}
	if (!tb_is_file(path)) {
		klp_fail(err, len, "--symbols %s: no such file", path);
		free(path);
		free(vmlinux);
		return -1;
	}
	if (klp_sysmap_load(&m, path, t->kv, t->release, err, len)) {
		free(path);
		free(vmlinux);
		return -1;
	}
	klp_sysmap_free(&m);
	/* Absolute: make runs the fragment, and klp-reloc with it, in the tree. */
	t->symbols = realpath(path, NULL);
	free(path);
	t->vmlinux = vmlinux;
	if (!t->symbols)
		return klp_fail(err, len, "out of memory");
	return 0;
}

int tb_target_find(const struct tb_options *o, struct tb_target *t, char *err, size_t len)
{
	struct klp_config c;
	struct utsname u;
	char *kdir = NULL, *rel;
	int e;

	memset(t, 0, sizeof(*t));
	t->kv = -1;
	if (o->kdir)
		kdir = strdup(o->kdir);
	else if (uname(&u) || asprintf(&kdir, "/lib/modules/%s/build", u.release) < 0)
		kdir = NULL;
	if (!kdir)
		return klp_fail(err, len, "out of memory");
	t->kdir = realpath(kdir, NULL);
	if (!t->kdir || !tb_is_dir(t->kdir)) {
		klp_fail(err, len, "no kbuild tree at %s: give --kdir DIR (the target's "
			 "headers: on Debian, apt-get install linux-headers-%s)", kdir,
			 o->kdir ? "RELEASE" : u.release);
		free(kdir);
		return -1;
	}
	free(kdir);
	rel = tb_path(t->kdir, "include/config/kernel.release");
	t->config = tb_path(t->kdir, ".config");
	t->symvers = tb_path(t->kdir, "Module.symvers");
	if (!rel || !t->config || !t->symvers) {
		free(rel);
		return klp_fail(err, len, "out of memory");
	}
	e = uts_release(t->kdir, t->release, sizeof(t->release)) ? 0 :
	    first_line(rel, t->release, sizeof(t->release));
	free(rel);
	if (e || !t->release[0])
		return klp_fail(err, len, "%s is not a prepared kbuild tree: no "
				"include/config/kernel.release (--kdir: the target's headers "
				"package or its built tree)", t->kdir);
	if (!tb_is_file(t->config))
		return klp_fail(err, len, "%s has no .config: the target's configuration is "
				"unknown (--kdir: the target's headers package or its built tree)",
				t->kdir);
	if (!tb_is_file(t->symvers))
		return klp_fail(err, len, "%s has no Module.symvers: the target's exports and "
				"their CRCs are unknown, so no module for it can be linked", t->kdir);
	t->kv = klp_kernel_version(t->release);
	if (klp_config_load(&c, t->config, err, len))
		return -1;
	e = find_compiler(o, t, &c, err, len);
	klp_config_free(&c);
	if (e || find_source(o, t, err, len) || find_map_and_vmlinux(o, t, err, len))
		return -1;
	if (o->module_dir)
		t->module_dir = tb_is_dir(o->module_dir) ? realpath(o->module_dir, NULL) :
			strdup(o->module_dir);
	else if (asprintf(&t->module_dir, "/lib/modules/%s", t->release) < 0)
		t->module_dir = NULL;
	if (!t->module_dir)
		return klp_fail(err, len, "out of memory");
	return 0;
}

void tb_target_free(struct tb_target *t)
{
	free(t->kdir);
	free(t->config);
	free(t->symvers);
	free(t->source);
	free(t->symbols);
	free(t->vmlinux);
	free(t->module_dir);
	memset(t, 0, sizeof(*t));
}
