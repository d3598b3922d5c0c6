// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_objname.c - libFuzzer harness for the object-name rules.
 *
 * Whatever the bytes, an accepted name obeys the kernel's rules (1 to 55
 * characters of [A-Za-z0-9_-], no '.'), its normalised form is the same
 * name with '-' turned into '_' and is itself accepted unchanged; a refused
 * name gets a one-line reason that completes "object name 'NAME' ...".
 * Checked as the kernel compares names, verbatim, a name is accepted exactly
 * when it is valid and holds no '-'.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_objname"
#include "fuzz.h"
#include "objname.h"

static int modname_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[KLP_OBJNAME_MAX + 1], again[KLP_OBJNAME_MAX + 1];
	char why[KLP_OBJNAME_WHY], why2[KLP_OBJNAME_WHY];
	char *name = malloc(size ? size : 1);
	size_t i;
	int valid = size >= 1 && size <= KLP_OBJNAME_MAX;

	memcpy(name, data, size);
	for (i = 0; i < size; i++)
		valid &= modname_char(data[i]);
	memset(out, 0x55, sizeof(out));
	memset(why, 0, sizeof(why));
	if (klp_objname_normalise(name, size, out, why) == 0) {
		CHECK(valid, "a name breaking the rules was accepted");
		CHECK(strlen(out) == size, "normalised length differs");
		for (i = 0; i < size; i++)
			CHECK(out[i] == (data[i] == '-' ? '_' : (char)data[i]),
			      "normalised byte differs");
		CHECK(strchr(out, '-') == NULL, "'-' left in the normalised name");
		CHECK(klp_objname_normalise(out, size, again, why2) == 0 &&
		      strcmp(out, again) == 0, "normalising is not idempotent");
	} else {
		CHECK(!valid, "a valid name was refused");
		CHECK(memchr(why, '\0', sizeof(why)) != NULL, "reason not terminated");
		CHECK(strncmp(why, "is ", 3) == 0 || strncmp(why, "contains ", 9) == 0,
		      "reason does not complete \"object name 'NAME' ...\"");
		CHECK(strchr(why, '\n') == NULL, "reason spans lines");
	}
	/* Compared verbatim (a section name, a klp_object's .name): no '-' either. */
	memset(why2, 0, sizeof(why2));
	if (klp_objname_check_exact(name, size, why2) == 0) {
		CHECK(valid && !memchr(data, '-', size), "an exact name with '-' or a bad one");
	} else {
		CHECK(!valid || memchr(data, '-', size), "a valid name without '-' was refused");
		CHECK(strncmp(why2, "is ", 3) == 0 || strncmp(why2, "contains ", 9) == 0 ||
		      strncmp(why2, "holds '-'", 9) == 0 || strncmp(why2, "ends in '.ko'", 13) == 0,
		      "reason does not complete \"object name 'NAME' ...\"");
	}
	free(name);
	return 0;
}
