// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the object-name rules (objname.h). */
#include "objname.h"
#include "unit.h"

static char out[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];

static int check(const char *name)
{
	return klp_objname_normalise(name, strlen(name), out, why);
}

int main(void)
{
	static const char len55[] = "a234567890123456789012345678901234567890123456789012345";
	static const char len56[] = "a2345678901234567890123456789012345678901234567890123456";

	UNIT_CHECK("vmlinux valid", check("vmlinux") == 0);
	UNIT_CHECK_STR("vmlinux unchanged", out, "vmlinux");
	UNIT_CHECK("dash valid", check("livepatch-callbacks-mod") == 0);
	UNIT_CHECK_STR("dash becomes underscore (KBUILD_MODNAME)", out, "livepatch_callbacks_mod");
	UNIT_CHECK("55 characters valid", check(len55) == 0);
	UNIT_CHECK("56 characters rejected", check(len56) == -1);
	UNIT_CHECK("length rule named", strstr(why, "at most 55") != NULL);
	UNIT_CHECK("empty rejected", check("") == -1 && strstr(why, "is empty") != NULL);
	UNIT_CHECK("dot rejected", check("ext4.ko") == -1);
	UNIT_CHECK("dot rule named", strstr(why, "contains '.'") != NULL &&
				     strstr(why, ".klp.arch.%55[^.].%127s") != NULL);
	UNIT_CHECK("slash rejected", check("a/b") == -1 && strstr(why, "contains '/'") != NULL);
	UNIT_CHECK("space rejected", check("a b") == -1);
	UNIT_CHECK("control byte shown in hex",
		   klp_objname_normalise("a\001", 2, out, why) == -1 && strstr(why, "0x01") != NULL);
	UNIT_CHECK("NUL inside rejected", klp_objname_normalise("ab\0c", 4, out, why) == -1);
	UNIT_CHECK("exact: plain module name", klp_objname_check_exact("nf_conntrack", 12, why) == 0);
	UNIT_CHECK("exact: '-' refused with the spelling that works",
		   klp_objname_check_exact("nf-conntrack", 12, why) == -1 &&
		   strstr(why, "holds '-'") && strstr(why, "write 'nf_conntrack'"));
	UNIT_CHECK("exact: a file name refused with the module name",
		   klp_objname_check_exact("livepatch-shadow-mod.ko", 23, why) == -1 &&
		   strstr(why, "ends in '.ko'") && strstr(why, "write 'livepatch_shadow_mod'"));
	UNIT_CHECK("exact: other '.' names the sscanf rule",
		   klp_objname_check_exact("a.b", 3, why) == -1 && strstr(why, "contains '.'"));
	UNIT_CHECK("exact: empty", klp_objname_check_exact("", 0, why) == -1 &&
				   strstr(why, "is empty"));
	return unit_failures ? 1 : 0;
}
