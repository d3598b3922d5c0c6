// SPDX-License-Identifier: GPL-2.0-or-later
/* kernel_abi.c - the kernel's rules the tools share (see kernel_abi.h). */
#include "kernel_abi.h"

#include <ctype.h>
#include <elf.h>
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

int klp_special_section(const char *name)
{
	/* module_finalize(), find_module_sections() and the ftrace/bug code (5.4.286, 6.1). */
	static const char *const names[] = {
		".smp_locks", "__jump_table", "__ex_table", "__bug_table", ".static_call_sites",
		".retpoline_sites", ".return_sites", ".ibt_endbr_seal", "__mcount_loc",
		".orc_unwind", ".orc_unwind_ip",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
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

/* ---- livepatch relocations ------------------------------------------------ */

size_t klp_ksym_name_max(long v)
{
	/* "kallsyms: increase maximum kernel symbol length to 512" (6.1). */
	return v >= KLP_KV(6, 1) ? 511 : 127;
}

size_t klp_rela_name(char *out, size_t size, const char *obj, const char *section)
{
	int n = snprintf(out, size, "%s%s.%s", KLP_RELA_PREFIX, obj, section);

	return n < 0 ? 0 : (size_t)n;
}

size_t klp_sym_name(char *out, size_t size, const char *obj, const char *name,
		    unsigned long pos)
{
	int n = snprintf(out, size, "%s%s.%s,%lu", KLP_SYM_PREFIX, obj, name, pos);

	return n < 0 ? 0 : (size_t)n;
}

/*
 * The kernel's vsscanf "%W[^STOP]": at least one character, at most W,
 * none of them STOP or NUL.  Returns how many were copied to OUT (0: the
 * conversion failed) and moves *P past them.
 */
static size_t scan_until(const char **p, size_t width, char stop, char *out)
{
	size_t n = 0;

	while (n < width && (*p)[n] && (*p)[n] != stop) {
		out[n] = (*p)[n];
		n++;
	}
	out[n] = '\0';
	*p += n;
	return n;
}

static int scan_literal(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

int klp_rela_sscanf(const char *name, char obj[KLP_OBJECT_MAX + 1])
{
	const char *p = name;

	if (!scan_literal(&p, KLP_RELA_PREFIX))
		return 0;
	return scan_until(&p, KLP_OBJECT_MAX, '.', obj) ? 1 : 0;
}

int klp_sym_sscanf(long v, const char *name, char obj[KLP_OBJECT_MAX + 1],
		   char sym[KLP_SYMNAME_MAX + 1], unsigned long *pos)
{
	const char *p = name;
	unsigned long value = 0;

	if (!scan_literal(&p, KLP_SYM_PREFIX) || !scan_until(&p, KLP_OBJECT_MAX, '.', obj))
		return 0;
	if (!scan_literal(&p, ".") || !scan_until(&p, klp_ksym_name_max(v), ',', sym))
		return 1;
	if (!scan_literal(&p, ","))
		return 2;
	/* %lu: white space skipped, then a digit; no sign for an unsigned conversion. */
	while (isspace((unsigned char)*p))
		p++;
	if (!isdigit((unsigned char)*p))
		return 2;
	/* simple_strntoull() wraps around without an error. */
	for (; isdigit((unsigned char)*p); p++)
		value = value * 10 + (unsigned long)(*p - '0');
	*pos = value;
	return 3;
}

int klp_kernel_writes_vmlinux_relas_at_load(long v)
{
	/* "livepatch: Apply vmlinux-specific KLP relocations early" (5.8). */
	return v >= KLP_KV(5, 8);
}

int klp_kernel_forbids_vmlinux_sym_in_module_rela(long v)
{
	/* "livepatch: Prevent module-specific KLP rela sections from referencing vmlinux symbols" (5.8). */
	return v >= KLP_KV(5, 8);
}

/* The types x86_64 apply_relocate_add() knows, with the first kernel known to handle each. */
static const struct {
	unsigned type;
	long since;
	const char *since_text;
} reloc_types[] = {
	{ R_X86_64_NONE, 0, "any" },
	{ R_X86_64_64, 0, "any" },
	{ R_X86_64_32, 0, "any" },
	{ R_X86_64_32S, 0, "any" },
	{ R_X86_64_PC32, 0, "any" },
	/*
	 * "x86: Treat R_X86_64_PLT32 as R_X86_64_PC32" (4.16; the 4.9 series
	 * took it in a backport, 4.9.337 has it: klp_reloc_type_written()).
	 */
	{ R_X86_64_PLT32, KLP_KV(4, 16), "4.16" },
	/* Handled by 5.4.286 and 6.1, not by 4.9.337 or 4.19.304. */
	{ R_X86_64_PC64, KLP_KV(5, 4), "5.4" },
};

static int reloc_type_index(unsigned type)
{
	size_t i;

	for (i = 0; i < sizeof(reloc_types) / sizeof(reloc_types[0]); i++)
		if (reloc_types[i].type == type)
			return (int)i;
	return -1;
}

int klp_reloc_type_handled(long v, unsigned type)
{
	int i = reloc_type_index(type);

	return i >= 0 && v >= reloc_types[i].since;
}

const char *klp_reloc_type_since(unsigned type)
{
	int i = reloc_type_index(type);

	return i >= 0 ? reloc_types[i].since_text : NULL;
}

unsigned klp_reloc_type_written(long v, unsigned type)
{
	/* apply_relocate_add(): "case R_X86_64_PC32: case R_X86_64_PLT32:" (4.9.337, 4.19, 5.4). */
	if (type == R_X86_64_PLT32 && !klp_reloc_type_handled(v, type))
		return R_X86_64_PC32;
	return type;
}

enum klp_sympos_result klp_sympos_find(const uint64_t *addrs, size_t count, unsigned long pos,
				       size_t *which)
{
	size_t i, seen = 0, last = 0;

	/* klp_find_callback(): stop at the wanted position, or at a second match without one. */
	for (i = 0; i < count; i++) {
		last = i;
		seen++;
		if ((pos && seen == pos) || (!pos && seen > 1))
			break;
	}
	/* klp_find_object_symbol() judges the last match it counted. */
	if (!seen || addrs[last] == 0)
		return KLP_SYMPOS_NOT_FOUND;
	if (seen > 1 && pos == 0)
		return KLP_SYMPOS_AMBIGUOUS;
	if (pos > 0 && pos != seen)
		return KLP_SYMPOS_NO_SUCH_POSITION;
	*which = last;
	return KLP_SYMPOS_OK;
}

static int has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

int klp_kallsyms_keeps(long v, char type, const char *name)
{
	/* scripts/kallsyms.c: read_symbol() and symbol_valid() (5.4), is_ignored_symbol() (6.1). */
	static const char *const names[] = {
		"kallsyms_addresses", "kallsyms_offsets", "kallsyms_relative_base",
		"kallsyms_num_syms", "kallsyms_names", "kallsyms_markers",
		"kallsyms_token_table", "kallsyms_token_index", "kallsyms_seqs_of_names",
		"_SDA_BASE_", "_SDA2_BASE_",
	};
	static const char *const prefixes_old[] = { "__crc_", "__efistub_", ".LASANPC", "$" };
	static const char *const prefixes_new[] = {
		"__efistub_", "__kvm_nvhe_$", "__kvm_nvhe_.L", "__AArch64ADRPThunk_",
		"__ARMV5PILongThunk_", "__ARMV7PILongThunk_", "__ThumbV7PILongThunk_",
		"__LA25Thunk_", "__microLA25Thunk_", "__kcfi_typeid_",
	};
	static const char *const suffixes[] = { "_veneer", "_from_arm", "_from_thumb" };
	static const char *const absolute_kept[] = {
		"__kernel_syscall_via_break", "__kernel_syscall_via_epc", "__kernel_sigtramp", "__gp",
	};
	int upper = toupper((unsigned char)type);
	int new = v >= KLP_KV(6, 1);
	size_t i;

	if (upper == 'U' || type == 'N' || type == 'n')
		return 0;
	/* Most names start with none of the characters the lists below start with. */
	if (upper != 'A' && name[0] != '_' && name[0] != 'k' && name[0] != '.' && name[0] != '$' &&
	    !strchr(name, '.') && !has_suffix(name, "_veneer") && !has_suffix(name, "_arm") &&
	    !has_suffix(name, "_thumb"))
		return 1;
	if (upper == 'A') {
		for (i = 0; i < sizeof(absolute_kept) / sizeof(absolute_kept[0]); i++)
			if (strcmp(name, absolute_kept[i]) == 0)
				break;
		if (i == sizeof(absolute_kept) / sizeof(absolute_kept[0]))
			return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 0;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (has_suffix(name, suffixes[i]))
			return 0;
	if (new) {
		for (i = 0; i < sizeof(prefixes_new) / sizeof(prefixes_new[0]); i++)
			if (has_prefix(name, prefixes_new[i]))
				return 0;
		return !strstr(name, ".long_branch.") && !strstr(name, ".plt_branch.");
	}
	for (i = 0; i < sizeof(prefixes_old) / sizeof(prefixes_old[0]); i++)
		if (has_prefix(name, prefixes_old[i]))
			return 0;
	return 1;
}

int klp_kallsyms_weak(char type)
{
	/* scripts/kallsyms.c, compare_symbols(). */
	return type == 'W' || type == 'w';
}

int klp_modpost_ignores_undefined(const char *name)
{
	/* scripts/mod/modpost.c, ignore_undef_symbol() (5.4.286, 6.1; x86_64 part). */
	return strcmp(name, "__this_module") == 0 || strcmp(name, "_GLOBAL_OFFSET_TABLE_") == 0;
}

const struct klp_kconfig klp_kconfig_default = { .kallsyms_all = 1, .module_unload = 1 };

int klp_module_section_in_core(const struct klp_kconfig *c, const char *name, uint64_t flags,
			       int percpu)
{
	/* is_core_symbol() takes per-cpu symbols with CONFIG_KALLSYMS_ALL only. */
	if (percpu)
		return c->kallsyms_all;
	/* rewrite_section_headers(): tracked but not kept. */
	if (strcmp(name, ".modinfo") == 0 || strcmp(name, "__versions") == 0)
		return 0;
	if (!(flags & SHF_ALLOC) || (!c->kallsyms_all && !(flags & SHF_EXECINSTR)))
		return 0;
	/* layout_sections(): init sections, freed after the module's init. */
	if (has_prefix(name, ".init") || (!c->module_unload && has_prefix(name, ".exit")))
		return 0;
	return 1;
}

int klp_module_core_symbol(unsigned shndx, size_t shnum, int named, int in_core)
{
	/* is_core_symbol(): the raw index, so SHN_ABS and SHN_XINDEX count as out of range. */
	return shndx != SHN_UNDEF && shndx < shnum && named && in_core;
}
