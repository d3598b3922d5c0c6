// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the kernel's rules (kernel_abi.h). */
#include "kernel_abi.h"
#include "unit.h"

static int applied(const char *name, char obj[KLP_ARCH_OBJECT_MAX + 1], enum klp_entry_kind *k)
{
	return klp_arch_applied(name, obj, k);
}

int main(void)
{
	char obj[KLP_ARCH_OBJECT_MAX + 1], sec[KLP_ARCH_SECNAME_MAX + 1], buf[128];
	enum klp_entry_kind kind;
	unsigned mod, rem;
	static const char long56[] =
		".klp.arch.a2345678901234567890123456789012345678901234567890123456..altinstructions";
	static const char long55[] =
		".klp.arch.a234567890123456789012345678901234567890123456789012345..altinstructions";

	UNIT_CHECK("version 5.4", klp_kernel_version("5.4") == KLP_KV(5, 4));
	UNIT_CHECK("version 4.19.72", klp_kernel_version("4.19.72") == KLP_KV(4, 19));
	UNIT_CHECK("version of a Debian release", klp_kernel_version("6.1.0-56-amd64") == KLP_KV(6, 1));
	UNIT_CHECK("version of a local release", klp_kernel_version("5.4.286-klptest") == KLP_KV(5, 4));
	UNIT_CHECK("not a version: word", klp_kernel_version("klp-arch") == -1);
	UNIT_CHECK("not a version: one number", klp_kernel_version("5") == -1);
	UNIT_CHECK("not a version: trailing junk", klp_kernel_version("5.4x") == -1);
	UNIT_CHECK("4.8 does not apply .klp.arch", !klp_kernel_applies_klp_arch(KLP_KV(4, 8)));
	UNIT_CHECK("4.9 applies .klp.arch", klp_kernel_applies_klp_arch(KLP_KV(4, 9)));
	UNIT_CHECK("5.7 applies .klp.arch", klp_kernel_applies_klp_arch(KLP_KV(5, 7)));
	UNIT_CHECK("5.8 does not apply .klp.arch", !klp_kernel_applies_klp_arch(KLP_KV(5, 8)));
	UNIT_CHECK("consumer klp-arch", klp_consumer_applies_klp_arch("klp-arch") == 1);
	UNIT_CHECK("consumer none", klp_consumer_applies_klp_arch("none") == 0);
	UNIT_CHECK("consumer 4.18.0-240.el8", klp_consumer_applies_klp_arch("4.18.0-240.el8") == 1);
	UNIT_CHECK("consumer 6.1.0-56-amd64", klp_consumer_applies_klp_arch("6.1.0-56-amd64") == 0);
	UNIT_CHECK("consumer junk", klp_consumer_applies_klp_arch("fast") == -1);

	UNIT_CHECK("4.9-5.7 layout by era name", klp_layout_for_version("4.9-5.7") == klp_layout_of(KLP_LAYOUT_4_9));
	UNIT_CHECK("5.4 headers: 13-byte alt_instr", klp_layout_for_version("5.4.286")->alt_size == 13);
	UNIT_CHECK("6.1 headers: 12-byte alt_instr", klp_layout_for_version("6.1.0-56-amd64")->alt_size == 12);
	UNIT_CHECK("6.1 inverts with bit 15", klp_layout_of(KLP_LAYOUT_6_1)->alt_inv_flag);
	UNIT_CHECK("no layout known for 5.10", klp_layout_for_version("5.10") == NULL);
	UNIT_CHECK("no layout known for 4.4", klp_layout_for_version("4.4.0") == NULL);
	klp_layout_size_rule(klp_layout_of(KLP_LAYOUT_4_9), KLP_ENTRY_PARA, &mod, &rem);
	UNIT_CHECK("4.9-5.7 paravirt: 16*N - 4", mod == 16 && rem == 12);
	klp_layout_size_rule(klp_layout_of(KLP_LAYOUT_6_1), KLP_ENTRY_PARA, &mod, &rem);
	UNIT_CHECK("6.1 paravirt: 16*N", mod == 16 && rem == 0);
	klp_layout_size_rule(klp_layout_of(KLP_LAYOUT_4_9), KLP_ENTRY_ALT, &mod, &rem);
	UNIT_CHECK("4.9-5.7 alternatives: 13*N", mod == 13 && rem == 0);

	UNIT_CHECK("plain names", klp_entry_kind_of(".altinstructions", 16) == KLP_ENTRY_ALT &&
				  klp_entry_kind_of(".parainstructions", 17) == KLP_ENTRY_PARA);
	UNIT_CHECK("replacement code is no entry section",
		   klp_entry_kind_of(".altinstr_replacement", 21) == -1);

	UNIT_CHECK("double dot applied", applied(".klp.arch.vmlinux..altinstructions", obj, &kind) &&
					 kind == KLP_ENTRY_ALT);
	UNIT_CHECK_STR("object read", obj, "vmlinux");
	UNIT_CHECK("module object applied", applied(".klp.arch.ext4..parainstructions", obj, &kind) &&
					    kind == KLP_ENTRY_PARA);
	UNIT_CHECK("one dot never applied", !applied(".klp.arch.vmlinux.altinstructions", obj, &kind));
	UNIT_CHECK("one dot: sscanf reads both fields",
		   klp_arch_sscanf(".klp.arch.vmlinux.altinstructions", obj, sec) == 2);
	UNIT_CHECK_STR("one dot: second field", sec, "altinstructions");
	UNIT_CHECK("55-character object applied", applied(long55, obj, &kind));
	UNIT_CHECK("56-character object: one field", klp_arch_sscanf(long56, obj, sec) == 1);
	UNIT_CHECK("empty object: no field", klp_arch_sscanf(".klp.arch...altinstructions", obj, sec) == 0);
	UNIT_CHECK("white space ends the section name",
		   applied(".klp.arch.x..altinstructions junk", obj, &kind));

	UNIT_CHECK("prefix length", klp_arch_prefix(buf, sizeof(buf), "ext4") == 15);
	UNIT_CHECK_STR("prefix text", buf, ".klp.arch.ext4.");
	UNIT_CHECK("prefix length without room", klp_arch_prefix(NULL, 0, "vmlinux") == 18);
	return unit_failures ? 1 : 0;
}
