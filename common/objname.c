// SPDX-License-Identifier: GPL-2.0-or-later
/* objname.c - validate and normalise livepatched object names (see objname.h). */
#include "objname.h"

#include <stdio.h>
#include <string.h>

static int is_modname_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

int klp_objname_normalise(const char *name, size_t len,
			  char out[KLP_OBJNAME_MAX + 1],
			  char why[KLP_OBJNAME_WHY])
{
	size_t i;

	if (len == 0) {
		snprintf(why, KLP_OBJNAME_WHY,
			 "is empty: an object is 'vmlinux' or the name of a module");
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '.') {
			snprintf(why, KLP_OBJNAME_WHY,
				 "contains '.', which ends the object name in the kernel's "
				 "'.klp.arch.%%55[^.].%%127s' section rule");
			return -1;
		}
		if (!is_modname_char(c)) {
			if (c >= 0x20 && c < 0x7f)
				snprintf(why, KLP_OBJNAME_WHY,
					 "contains '%c': a module name has only the characters [A-Za-z0-9_-]",
					 c);
			else
				snprintf(why, KLP_OBJNAME_WHY,
					 "contains byte 0x%02x: a module name has only the characters [A-Za-z0-9_-]",
					 c);
			return -1;
		}
	}
	if (len > KLP_OBJNAME_MAX) {
		snprintf(why, KLP_OBJNAME_WHY,
			 "is %zu characters long: the kernel reads at most %d "
			 "(MODULE_NAME_LEN - 1) in '.klp.arch.%%55[^.].%%127s'",
			 len, KLP_OBJNAME_MAX);
		return -1;
	}
	for (i = 0; i < len; i++)
		out[i] = name[i] == '-' ? '_' : name[i];
	out[len] = '\0';
	return 0;
}

int klp_objname_check_exact(const char *name, size_t len, char why[KLP_OBJNAME_WHY])
{
	char norm[KLP_OBJNAME_MAX + 1];

	/* A file name given for a module name: ext4.ko. */
	if (len > 3 && memcmp(name + len - 3, ".ko", 3) == 0 &&
	    klp_objname_normalise(name, len - 3, norm, why) == 0) {
		snprintf(why, KLP_OBJNAME_WHY,
			 "ends in '.ko': the kernel compares it with the loaded module's name, "
			 "which is the file name without '.ko' and with every '-' a '_', so write "
			 "'%s'", norm);
		return -1;
	}
	if (klp_objname_normalise(name, len, norm, why))
		return -1;
	if (memchr(name, '-', len)) {
		snprintf(why, KLP_OBJNAME_WHY,
			 "holds '-': the kernel compares it with strcmp() to the loaded module's "
			 "name, in which kbuild has made every '-' a '_', so write '%s'", norm);
		return -1;
	}
	return 0;
}
