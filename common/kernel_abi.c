// SPDX-License-Identifier: GPL-2.0-or-later
/* kernel_abi.c - the kernel's rules the tools share (see kernel_abi.h). */
#include "kernel_abi.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long klp_kernel_version(const char *s)
{
	char *end;
	long major, minor;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	major = strtol(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]) || major > 99)
		return -1;
	minor = strtol(end + 1, &end, 10);
	if (minor > 255 || (*end && *end != '.' && *end != '-' && *end != '+' && *end != ' '))
		return -1;
	return KLP_KV(major, minor);
}

int klp_kernel_applies_klp_arch(long v)
{
	/* The hook arrived in 4.9 and was removed in 5.8 ("livepatch: Remove .klp.arch"). */
	return v >= KLP_KV(4, 9) && v < KLP_KV(5, 8);
}

int klp_consumer_applies_klp_arch(const char *arg)
{
	long v;

	if (strcmp(arg, "klp-arch") == 0)
		return 1;
	if (strcmp(arg, "none") == 0)
		return 0;
	v = klp_kernel_version(arg);
	if (v < 0)
		return -1;
	return klp_kernel_applies_klp_arch(v);
}

static const char *const entry_sections[] = { ".altinstructions", ".parainstructions" };

const char *klp_entry_section(enum klp_entry_kind kind)
{
	return entry_sections[kind == KLP_ENTRY_PARA];
}

int klp_entry_kind_of(const char *name, size_t len)
{
	int k;

	for (k = KLP_ENTRY_ALT; k <= KLP_ENTRY_PARA; k++)
		if (len == strlen(entry_sections[k]) && memcmp(name, entry_sections[k], len) == 0)
			return k;
	return -1;
}

const char *klp_entry_kind_name(enum klp_entry_kind kind)
{
	return kind == KLP_ENTRY_PARA ? "para" : "alt";
}

static const struct klp_layout layouts[] = {
	/* struct alt_instr with padlen; paravirt sites keep the u16 clobbers (4.9-4.19). */
	{ KLP_LAYOUT_4_9, "4.9-5.7", 13, 1, 1, 0 },
	/* No padlen; the feature word's bit 15 inverts it; every site padded to 16. */
	{ KLP_LAYOUT_6_1, "6.1", 12, 0, 0, 1 },
};

const struct klp_layout *klp_layout_of(enum klp_layout_id id)
{
	return &layouts[id == KLP_LAYOUT_6_1];
}

const struct klp_layout *klp_layout_for_version(const char *version)
{
	long v;

	if (strcmp(version, "4.9-5.7") == 0)
		return klp_layout_of(KLP_LAYOUT_4_9);
	v = klp_kernel_version(version);
	if (v >= KLP_KV(4, 9) && v < KLP_KV(5, 8))
		return klp_layout_of(KLP_LAYOUT_4_9);
	if (v >= KLP_KV(6, 1) && v < KLP_KV(6, 2))
		return klp_layout_of(KLP_LAYOUT_6_1);
	return NULL;
}

void klp_layout_size_rule(const struct klp_layout *layout, enum klp_entry_kind kind,
			  unsigned *modulus, unsigned *remainder)
{
	if (kind == KLP_ENTRY_ALT) {
		*modulus = (unsigned)layout->alt_size;
		*remainder = 0;
	} else {
		*modulus = KLP_PARA_STRIDE;
		*remainder = layout->para_short_last ? KLP_PARA_MIN : 0;
	}
}

int klp_arch_sscanf(const char *name, char obj[KLP_ARCH_OBJECT_MAX + 1],
		    char sec[KLP_ARCH_SECNAME_MAX + 1])
{
	const char *p = name, *start;
	size_t n;

	if (strncmp(p, KLP_ARCH_PREFIX, strlen(KLP_ARCH_PREFIX)) != 0)
		return 0;
	p += strlen(KLP_ARCH_PREFIX);
	start = p;
	for (n = 0; n < KLP_ARCH_OBJECT_MAX && *p && *p != '.'; n++)
		p++;
	if (n == 0)
		return 0;
	memcpy(obj, start, n);
	obj[n] = '\0';
	/* The format's literal '.': a 56th object character fails it. */
	if (*p != '.')
		return 1;
	p++;
	/* %s skips white space, then reads up to the next. */
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return 1;
	for (n = 0; n < KLP_ARCH_SECNAME_MAX && p[n] && !isspace((unsigned char)p[n]); n++)
		sec[n] = p[n];
	sec[n] = '\0';
	return 2;
}

int klp_arch_applied(const char *name, char obj[KLP_ARCH_OBJECT_MAX + 1],
		     enum klp_entry_kind *kind)
{
	char sec[KLP_ARCH_SECNAME_MAX + 1];
	int k;

	if (klp_arch_sscanf(name, obj, sec) != 2)
		return 0;
	k = klp_entry_kind_of(sec, strlen(sec));
	if (k < 0)
		return 0;
	*kind = (enum klp_entry_kind)k;
	return 1;
}

size_t klp_arch_prefix(char *out, size_t size, const char *object)
{
	int n = snprintf(out, size, "%s%s.", KLP_ARCH_PREFIX, object);

	return n < 0 ? 0 : (size_t)n;
}
