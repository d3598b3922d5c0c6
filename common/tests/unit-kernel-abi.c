// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the kernel's rules (kernel_abi.h). */
#include "kernel_abi.h"
#include "unit.h"

#include <elf.h>

static int applied(const char *name, char obj[KLP_ARCH_OBJECT_MAX + 1], enum klp_entry_kind *k)
{
	return klp_arch_applied(name, obj, k);
}

static void livepatch_relocations(void)
{
	char obj[KLP_OBJECT_MAX + 1], sym[KLP_SYMNAME_MAX + 1], buf[700], name[600];
	unsigned long pos = 99;
	long v54 = KLP_KV(5, 4), v61 = KLP_KV(6, 1);

	UNIT_CHECK("SHN_LIVEPATCH", KLP_SHN_LIVEPATCH == 0xff20);
	UNIT_CHECK("SHF_RELA_LIVEPATCH", KLP_SHF_RELA_LIVEPATCH == 0x00100000);
	UNIT_CHECK("5.4 symbol names: 127", klp_ksym_name_max(v54) == 127);
	UNIT_CHECK("6.0 symbol names: 127", klp_ksym_name_max(KLP_KV(6, 0)) == 127);
	UNIT_CHECK("6.1 symbol names: 511", klp_ksym_name_max(v61) == 511);

	UNIT_CHECK("rela name length", klp_rela_name(buf, sizeof(buf), "vmlinux", ".text.f") == 25);
	UNIT_CHECK_STR("rela name", buf, ".klp.rela.vmlinux..text.f");
	UNIT_CHECK("sym name length without room", klp_sym_name(NULL, 0, "ext4", "f.isra.0", 2) == 24);
	klp_sym_name(buf, sizeof(buf), "ext4", "f.isra.0", 2);
	UNIT_CHECK_STR("sym name", buf, ".klp.sym.ext4.f.isra.0,2");

	UNIT_CHECK("rela: object read", klp_rela_sscanf(".klp.rela.ext4..text", obj) == 1);
	UNIT_CHECK_STR("rela: object", obj, "ext4");
	UNIT_CHECK("rela: no object", klp_rela_sscanf(".klp.rela...text", obj) == 0);
	UNIT_CHECK("rela: not a rela name", klp_rela_sscanf(".rela.text", obj) == 0);
	memset(name, 'a', 60);
	strcpy(name, ".klp.rela.");
	memset(name + 10, 'm', 56);
	strcpy(name + 66, "..text");
	UNIT_CHECK("rela: 56-character object cut to 55", klp_rela_sscanf(name, obj) == 1 &&
							     strlen(obj) == 55);

	UNIT_CHECK("sym: three fields",
		   klp_sym_sscanf(v54, ".klp.sym.vmlinux.f.isra.0,2", obj, sym, &pos) == 3 && pos == 2);
	UNIT_CHECK_STR("sym: object", obj, "vmlinux");
	UNIT_CHECK_STR("sym: name with dots", sym, "f.isra.0");
	UNIT_CHECK("sym: no comma", klp_sym_sscanf(v54, ".klp.sym.vmlinux.f", obj, sym, &pos) == 2);
	UNIT_CHECK("sym: no name", klp_sym_sscanf(v54, ".klp.sym.vmlinux.,0", obj, sym, &pos) == 1);
	UNIT_CHECK("sym: no position", klp_sym_sscanf(v54, ".klp.sym.vmlinux.f,", obj, sym, &pos) == 2);
	UNIT_CHECK("sym: signed position refused",
		   klp_sym_sscanf(v54, ".klp.sym.vmlinux.f,-1", obj, sym, &pos) == 2);
	UNIT_CHECK("sym: blank before the position",
		   klp_sym_sscanf(v54, ".klp.sym.vmlinux.f, 3x", obj, sym, &pos) == 3 && pos == 3);
	UNIT_CHECK("sym: no object", klp_sym_sscanf(v54, ".klp.sym..f,0", obj, sym, &pos) == 0);
	strcpy(name, ".klp.sym.vmlinux.");
	memset(name + 17, 's', 128);
	strcpy(name + 17 + 128, ",0");
	UNIT_CHECK("sym: 128-character name refused by 5.4",
		   klp_sym_sscanf(v54, name, obj, sym, &pos) == 2);
	UNIT_CHECK("sym: 128-character name read by 6.1",
		   klp_sym_sscanf(v61, name, obj, sym, &pos) == 3 && strlen(sym) == 128);
	name[17 + 127] = ',';
	name[17 + 128] = '0';
	name[17 + 129] = '\0';
	UNIT_CHECK("sym: 127-character name read by 5.4",
		   klp_sym_sscanf(v54, name, obj, sym, &pos) == 3 && strlen(sym) == 127);

	UNIT_CHECK("5.4 writes vmlinux relas late", !klp_kernel_writes_vmlinux_relas_at_load(v54));
	UNIT_CHECK("6.1 writes vmlinux relas at load", klp_kernel_writes_vmlinux_relas_at_load(v61));
	UNIT_CHECK("5.7 allows vmlinux symbols in module relas",
		   !klp_kernel_forbids_vmlinux_sym_in_module_rela(KLP_KV(5, 7)));
	UNIT_CHECK("5.8 forbids vmlinux symbols in module relas",
		   klp_kernel_forbids_vmlinux_sym_in_module_rela(KLP_KV(5, 8)));

	UNIT_CHECK("PC32 on 4.9", klp_reloc_type_handled(KLP_KV(4, 9), R_X86_64_PC32));
	UNIT_CHECK("PLT32 not on 4.15", !klp_reloc_type_handled(KLP_KV(4, 15), R_X86_64_PLT32));
	UNIT_CHECK("PLT32 on 4.19", klp_reloc_type_handled(KLP_KV(4, 19), R_X86_64_PLT32));
	UNIT_CHECK("PC64 not on 4.19", !klp_reloc_type_handled(KLP_KV(4, 19), R_X86_64_PC64));
	UNIT_CHECK("PC64 on 5.4", klp_reloc_type_handled(v54, R_X86_64_PC64));
	UNIT_CHECK("GOTPCREL never", !klp_reloc_type_handled(v61, R_X86_64_GOTPCREL) &&
				     !klp_reloc_type_since(R_X86_64_GOTPCREL));
	UNIT_CHECK_STR("PLT32 since", klp_reloc_type_since(R_X86_64_PLT32), "4.16");
	UNIT_CHECK("PLT32 written as PC32 for 4.9",
		   klp_reloc_type_written(KLP_KV(4, 9), R_X86_64_PLT32) == R_X86_64_PC32);
	UNIT_CHECK("PLT32 written as PC32 for 4.15",
		   klp_reloc_type_written(KLP_KV(4, 15), R_X86_64_PLT32) == R_X86_64_PC32);
	UNIT_CHECK("PLT32 written as it is for 4.16",
		   klp_reloc_type_written(KLP_KV(4, 16), R_X86_64_PLT32) == R_X86_64_PLT32);
	UNIT_CHECK("PC64 written as it is for 4.19 (and refused there)",
		   klp_reloc_type_written(KLP_KV(4, 19), R_X86_64_PC64) == R_X86_64_PC64);
	UNIT_CHECK("PC32 written as it is for 4.9",
		   klp_reloc_type_written(KLP_KV(4, 9), R_X86_64_PC32) == R_X86_64_PC32);
}

static void sympos(void)
{
	const uint64_t two[] = { 0x10, 0x20 }, zero[] = { 0 }, last_zero[] = { 0x10, 0 };
	size_t which = 99;

	UNIT_CHECK("unique, position 0", klp_sympos_find(two, 1, 0, &which) == KLP_SYMPOS_OK &&
					 which == 0);
	UNIT_CHECK("unique, position 1", klp_sympos_find(two, 1, 1, &which) == KLP_SYMPOS_OK);
	UNIT_CHECK("unique, position 2", klp_sympos_find(two, 1, 2, &which) ==
					 KLP_SYMPOS_NO_SUCH_POSITION);
	UNIT_CHECK("two, position 0", klp_sympos_find(two, 2, 0, &which) == KLP_SYMPOS_AMBIGUOUS);
	UNIT_CHECK("two, position 2", klp_sympos_find(two, 2, 2, &which) == KLP_SYMPOS_OK &&
				      which == 1);
	UNIT_CHECK("none", klp_sympos_find(two, 0, 0, &which) == KLP_SYMPOS_NOT_FOUND);
	UNIT_CHECK("address 0 is not found", klp_sympos_find(zero, 1, 0, &which) ==
					     KLP_SYMPOS_NOT_FOUND);
	UNIT_CHECK("the last counted match decides", klp_sympos_find(last_zero, 2, 0, &which) ==
						     KLP_SYMPOS_NOT_FOUND);
}

static void kallsyms(void)
{
	const struct klp_kconfig *c = &klp_kconfig_default;
	const struct klp_kconfig text_only = { 0, 1 };
	long v54 = KLP_KV(5, 4), v61 = KLP_KV(6, 1);

	UNIT_CHECK("kallsyms keeps a static function", klp_kallsyms_keeps(v61, 't', "foo"));
	UNIT_CHECK("kallsyms drops absolute symbols", !klp_kallsyms_keeps(v54, 'A', "phys_startup_64"));
	UNIT_CHECK("kallsyms drops its own tables", !klp_kallsyms_keeps(v61, 'R', "kallsyms_names"));
	UNIT_CHECK("5.4 kallsyms drops __crc_", !klp_kallsyms_keeps(v54, 'r', "__crc_foo"));
	UNIT_CHECK("6.1 kallsyms drops __kcfi_typeid_",
		   !klp_kallsyms_keeps(v61, 'r', "__kcfi_typeid_foo"));
	UNIT_CHECK("weak sorts last", klp_kallsyms_weak('W') && !klp_kallsyms_weak('T'));
	UNIT_CHECK("modpost ignores __this_module", klp_modpost_ignores_undefined("__this_module"));
	UNIT_CHECK("modpost reports printk", !klp_modpost_ignores_undefined("printk"));

	UNIT_CHECK("module .text in core", klp_module_section_in_core(c, ".text", SHF_ALLOC | SHF_EXECINSTR, 0));
	UNIT_CHECK("module .data in core", klp_module_section_in_core(c, ".data", SHF_ALLOC | SHF_WRITE, 0));
	UNIT_CHECK("module .data not in core without KALLSYMS_ALL",
		   !klp_module_section_in_core(&text_only, ".data", SHF_ALLOC | SHF_WRITE, 0));
	UNIT_CHECK("module .init.text freed", !klp_module_section_in_core(c, ".init.text", SHF_ALLOC | SHF_EXECINSTR, 0));
	UNIT_CHECK("module .exit.text kept", klp_module_section_in_core(c, ".exit.text", SHF_ALLOC | SHF_EXECINSTR, 0));
	UNIT_CHECK("module .modinfo not kept", !klp_module_section_in_core(c, ".modinfo", SHF_ALLOC, 0));
	UNIT_CHECK("module per-cpu data kept", klp_module_section_in_core(c, ".data..percpu", SHF_ALLOC | SHF_WRITE, 1));
	UNIT_CHECK("module .comment not kept", !klp_module_section_in_core(c, ".comment", 0, 0));
	UNIT_CHECK("core: defined, named", klp_module_core_symbol(3, 20, 1, 1));
	UNIT_CHECK("core: absolute", !klp_module_core_symbol(SHN_ABS, 20, 1, 1));
	UNIT_CHECK("core: unnamed", !klp_module_core_symbol(3, 20, 0, 1));
	UNIT_CHECK("core: undefined", !klp_module_core_symbol(SHN_UNDEF, 20, 1, 1));
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

	livepatch_relocations();
	sympos();
	kallsyms();
	return unit_failures ? 1 : 0;
}
