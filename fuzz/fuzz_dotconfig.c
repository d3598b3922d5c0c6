// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_dotconfig.c - libFuzzer harness for the .config reader and
 * comparison (common/dotconfig.h).
 *
 * The input is the file.  Beyond "no crash, no leak":
 *   - a refused file gets one sentence that starts with the file's name;
 *   - an accepted one has each option once, named CONFIG_ and more, its
 *     value found again by its name (NULL exactly for options that are
 *     off, never "n");
 *   - it equals itself (no difference);
 *   - written back as Kconfig writes it, in reverse order, it reads back
 *     to the same options (no difference either way), and a copy with one
 *     option flipped differs in exactly that option.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_NAME "fuzz_dotconfig"
#include "fuzz.h"
#include "dotconfig.h"

static int fd = -1;
static char path[64];

/* C written out: "CONFIG_X=V" or "# CONFIG_X is not set", last option first; FLIP toggled. */
static char *write_back(const struct klp_config *c, size_t flip, size_t *len)
{
	size_t i, cap = 1, used = 0;
	char *t;

	for (i = 0; i < c->n; i++)
		cap += strlen(c->v[i].name) + (c->v[i].value ? strlen(c->v[i].value) : 0) + 20;
	t = malloc(cap);
	CHECK(t != NULL, "out of memory");
	for (i = c->n; i-- > 0;) {
		const char *v = c->v[i].value;

		if (i == flip)
			v = v ? NULL : "y";
		if (v)
			used += (size_t)snprintf(t + used, cap - used, "%s=%s\n", c->v[i].name, v);
		else
			used += (size_t)snprintf(t + used, cap - used, "# %s is not set\n", c->v[i].name);
	}
	t[used] = '\0';
	*len = used;
	return t;
}

static void check(const struct klp_config *c)
{
	struct klp_config back, flipped;
	struct klp_config_diff *d;
	char err[1024], *text;
	size_t i, len, flip = c->n ? c->n / 2 : 0;
	long n;

	for (i = 0; i < c->n; i++) {
		const char *v = klp_config_value(c, c->v[i].name);

		CHECK(strncmp(c->v[i].name, "CONFIG_", 7) == 0 && strlen(c->v[i].name) > 7,
		      "option name %s", c->v[i].name);
		CHECK(v == c->v[i].value, "%s found again with another value", c->v[i].name);
		CHECK(!v || strcmp(v, "n") != 0, "%s kept as n", c->v[i].name);
	}
	n = klp_config_compare(c, c, &d);
	CHECK(n == 0, "differs from itself in %ld options", n);
	free(d);
	text = write_back(c, (size_t)-1, &len);
	CHECK(klp_config_parse(&back, "back", text, len, err, sizeof(err)) == 0, "written back: %s",
	      err);
	CHECK(klp_config_compare(c, &back, &d) == 0, "written back, it differs");
	free(d);
	CHECK(klp_config_compare(&back, c, &d) == 0, "written back, it differs the other way");
	free(d);
	klp_config_free(&back);
	if (!c->n)
		return;
	text = write_back(c, flip, &len);
	CHECK(klp_config_parse(&flipped, "flipped", text, len, err, sizeof(err)) == 0, "flipped: %s",
	      err);
	n = klp_config_compare(c, &flipped, &d);
	CHECK(n == 1 && strcmp(d[0].name, c->v[flip].name) == 0, "one flip, %ld differences", n);
	free(d);
	klp_config_free(&flipped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klp_config c;
	char err[1024];

	if (fd < 0) {
		fd = memfd_create("fuzz_dotconfig", 0);
		CHECK(fd >= 0, "memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size,
	      "cannot write the memfd");
	err[0] = '\0';
	if (klp_config_load(&c, path, err, sizeof(err)) == 0)
		check(&c);
	else
		CHECK(strncmp(err, path, strlen(path)) == 0 && err[strlen(path)] == ':' &&
		      strlen(err) > strlen(path) + 2, "refusal without the file's name: %s", err);
	klp_config_free(&c);
	return 0;
}
