// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * release.c - are the databases of the release the object is built for?
 *
 * A System.map of another kernel gives wrong positions and addresses that
 * no check downstream can notice, so each input is compared with the
 * others: System.map's file name, the vmlinux exports (the __ksymtab_
 * symbols of the map against Module.symvers's vmlinux lines: equal sets in
 * both 5.4.286-klptest and Debian 6.1.0-57), and the vermagic of every .ko.
 * (5.4's mksysmap drops the __crc_ symbols, so CRCs cannot be compared;
 * docs/kernel-abi.md, section 12.9.)
 */
#include "reloc.h"

#include <string.h>

#define EXAMPLES 5

/* Do releases A and B name the same kernel (B may be only a version)? */
static bool same_release(const struct rl_ctx *c, const char *a)
{
	char word[128] = "";

	sscanf(a, "%127s", word);
	if (c->release[0])
		return strcmp(word, c->release) == 0;
	return klp_kernel_version(word) == c->kv;
}

static const char *target_text(const struct rl_ctx *c, char *buf, size_t len)
{
	if (c->release[0])
		snprintf(buf, len, "release %s (%s)", c->release, c->kernel_from);
	else
		snprintf(buf, len, "version %d.%d (%s)", (int)(c->kv >> 16), (int)((c->kv >> 8) & 0xff),
			 c->kernel_from);
	return buf;
}

static void check_map_name(struct rl_ctx *c)
{
	const char *r = klp_sysmap_release_of(c->map.path);
	char t[200];

	/* Only a name that says a release: "System.map-old" says nothing. */
	if (r && klp_kernel_version(r) >= 0 && !same_release(c, r))
		rl_msg(&c->errors, "%s is the System.map of release %s, but the target kernel is %s: give the target kernel's map (for Debian: ./usr/lib/debug/boot/System.map-RELEASE of linux-image-RELEASE-dbg)",
		       c->map.path, r, target_text(c, t, sizeof(t)));
}

/* Up to EXAMPLES names of A's that B lacks, into BUF; how many A's B lacks. */
static size_t missing(const struct klp_names *a, bool (*in_b)(const struct rl_ctx *, const char *),
		      const struct rl_ctx *c, char *buf, size_t len)
{
	size_t i, n = 0, used = 0;

	buf[0] = '\0';
	for (i = 0; i < a->n; i++) {
		if (in_b(c, a->name[i]))
			continue;
		if (n++ < EXAMPLES && used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", n > 1 ? ", " : "",
						 a->name[i]);
	}
	if (n > EXAMPLES && used < len)
		snprintf(buf + used, len - used, ", ...");
	return n;
}

static bool exported_by_vmlinux(const struct rl_ctx *c, const char *name)
{
	const struct klp_export *e = klp_symvers_find(&c->symvers, name);

	return e && strcmp(e->object, "vmlinux") == 0;
}

static bool in_map_exports(const struct rl_ctx *c, const char *name)
{
	return klp_names_find(&c->map.exports, name) >= 0;
}

static void check_exports(struct rl_ctx *c)
{
	struct klp_names vmlinux = { 0 };
	char a[400], b[400];
	size_t i, na, nb;

	if (!c->map.exports.n) {
		rl_msg(&c->notes, "%s has no __ksymtab_ symbol (a /proc/kallsyms dump of a kernel without CONFIG_KALLSYMS_ALL?): its release cannot be compared with %s's",
		       c->map.path, c->symvers.path);
		return;
	}
	if (!c->symvers.nvmlinux) {
		rl_msg(&c->errors, "%s lists no export of vmlinux: give the kernel tree's Module.symvers, not a module's",
		       c->symvers.path);
		return;
	}
	for (i = 0; i < c->symvers.n; i++)
		if (strcmp(c->symvers.v[i].object, "vmlinux") == 0 &&
		    klp_names_add(&vmlinux, c->symvers.v[i].name) < 0) {
			rl_msg(&c->errors, "out of memory comparing the exports");
			klp_names_free(&vmlinux);
			return;
		}
	na = missing(&vmlinux, in_map_exports, c, a, sizeof(a));
	nb = missing(&c->map.exports, exported_by_vmlinux, c, b, sizeof(b));
	if (na || nb)
		rl_msg(&c->errors, "%s and %s are of different kernels: of the %zu vmlinux exports of %s, %zu have no __ksymtab_ symbol in %s%s%s%s; of its %zu __ksymtab_ symbols, %zu are no vmlinux export in %s%s%s%s; give the System.map of the kernel whose tree made %s",
		       c->map.path, c->symvers.path, vmlinux.n, c->symvers.path, na, c->map.path,
		       na ? " (" : "", a, na ? ")" : "", c->map.exports.n, nb, c->symvers.path,
		       nb ? " (" : "", b, nb ? ")" : "", c->symvers.path);
	klp_names_free(&vmlinux);
}

static void check_vermagic(struct rl_ctx *c, const char *path, const char *vermagic)
{
	char t[200], word[128] = "";

	if (!vermagic || same_release(c, vermagic))
		return;
	sscanf(vermagic, "%127s", word);
	rl_msg(&c->errors, "%s was built for release %s (its vermagic), but the target kernel is %s: give the module built for the target kernel",
	       path, word, target_text(c, t, sizeof(t)));
}

int rl_check_releases(struct rl_ctx *c, size_t *first)
{
	size_t i, before = c->errors.n;

	*first = before;
	if (c->opt.restore)
		return 0;
	/* The map only when a decision read it: a placeholder never read is no error. */
	if (c->have_map) {
		check_map_name(c);
		check_exports(c);
	}
	if (c->opt.kernel)
		check_vermagic(c, c->opt.path, c->m.vermagic);
	for (i = 0; i < c->nmods; i++)
		check_vermagic(c, c->mods[i].elf.path, c->mods[i].vermagic);
	return c->errors.n > before ? -1 : 0;
}
