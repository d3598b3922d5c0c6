#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerate the seed corpora in fuzz/corpus/ from the testsuite's inputs
# (assembly sources, compile tests, tag files) plus the directive spellings
# the kernel headers use (shared ABI facts).  The rewriter's seeds start with
# one byte that picks the object name (see fuzz_rewrite.c).
#
# The corpora also keep, as found-*, the inputs of 10-minute `make fuzz`
# runs that reach code the seeds do not (added with libFuzzer's -merge=1
# over the seeds), and as regress-* the reproducers of fixed crashes; this
# script leaves both alone.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
c=$top/fuzz/corpus
mkdir -p "$c/rewrite" "$c/tagfile" "$c/objname" "$c/elf" "$c/sysmap" "$c/symvers" "$c/reloc" \
	"$c/dwarf" "$c/dotconfig" "$c/verify"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

seed() { # DIR NAME: stdin becomes the seed
	cat >"$c/$1/$2"
}

n=0
for f in $(cd "$top" && git ls-files 'testsuite/*.s' 'testsuite/*.S' 'testsuite/*.c' 'examples/*.c'); do
	n=$((n + 1))
	{ printf '\000'; cat "$top/$f"; } | seed rewrite "ts-$(echo "$f" | sed "s,^testsuite/,," | tr / _)"
done
for f in $(cd "$top" && git ls-files 'testsuite/*.tags' 'examples/*.tags'); do
	seed tagfile "ts-$(echo "$f" | sed "s,^testsuite/,," | tr / _)" <"$top/$f"
done

# Spellings from the kernel headers (alternative.h, cpufeature.h,
# paravirt_types.h, paravirt.h), with the separators and comments gas takes.
printf '\001661:\n\tclac\n662:\n.pushsection .altinstructions,"a"\n .long 661b - .\n .long 6631f - .\n .word 9*32+20\n .byte 662b-661b\n .byte 6641f-6631f\n.popsection\n.pushsection .altinstr_replacement, "ax"\n6631:\n\tnop\n6641:\n.popsection\n' | seed rewrite alternative-h
printf '\0021: jmp 6f\n2:\n.skip -(((5f-4f) - (2b-1b)) > 0) * ((5f-4f) - (2b-1b)),0x90\n3:\n.section .altinstructions,"a"\n .long 1b - .\n .long 4f - .\n .word %%P[feature]\n .byte 3b - 1b\n .byte 5f - 4f\n .byte 3b - 2b\n.previous\n.section .altinstr_replacement,"ax"\n4: jmp %%l[t_no]\n5:\n.previous\n.section .altinstr_aux,"ax"\n6:\n testb %%[bitnum],%%P[cap_byte]\n jnz %%l[t_yes]\n jmp %%l[t_no]\n.previous\n' | seed rewrite static-cpu-has
printf '\003771:\n\tcall *%%c[paravirt_opptr];\n772:\n.pushsection .parainstructions,"a"\n .balign 8\n .quad  771b\n .byte %%c[paravirt_typenum]\n .byte 772b-771b\n .short %%c[paravirt_clobber]\n.popsection\n' | seed rewrite paravirt-alt
printf '\004771: call *pv_ops+8(%%rip);772: .pushsection .parainstructions,"a"; .balign 8; .quad 771b; .byte 1; .byte 772b-771b; .popsection # _PVSITE\n' | seed rewrite pvsite-semicolons
printf '\000.section .altinstructions\n.pushsection ".parainstructions", "a"\n  .SECTION\t.altinstructions ,"a" /* c */\n.section __jump_table,"aw"\n.section .klp.arch.vmlinux..altinstructions,"a"\n# .section .altinstructions\n.ascii ".section .altinstructions"\n' | seed rewrite mixed
printf '\005.pushsection .altinstructions,"a"\n.popsection\n.pushsection .parainstructions,"a"\n.popsection\n' | seed rewrite both-kinds

printf '# livepatch replacements and their objects\nlivepatch_cmdline_proc_show vmlinux\nlivepatch_fix1_dummy_check livepatch-shadow-mod\n\tpatched_ext4_fn\text4 # trailing\r\n\n' | seed tagfile plain
printf 'a vmlinux\na ext4\nb\nc d e\n1x y\nf g.h\nf2 %s\n' "$(printf 'm%.0s' $(seq 1 60))" | seed tagfile errors
printf 'f1 vmlinux\nstop vmlinux\nf2 vmlinux\n' | seed tagfile stop
# More functions than the tag set's first table holds (it grows at 512),
# then some of them again, agreeing and disagreeing.
{ i=0; while [ $i -lt 700 ]; do echo "fn_$i mod_$((i % 7))"; i=$((i + 1)); done
  echo "fn_3 mod_3"; echo "fn_4 vmlinux"; echo "fn_699 ext4"; } | seed tagfile grow

printf 'vmlinux' | seed objname vmlinux
printf 'livepatch-callbacks-mod' | seed objname dashes
printf 'ext4.ko' | seed objname dot
printf '%s' "$(printf 'x%.0s' $(seq 1 56))" | seed objname too-long
# ELF seeds: the testsuite's assembly fixtures assembled, and its compile
# tests built with the plugin (abi=klp-arch, so .klp.arch sections and the
# map are there), each small enough for the harness's -max_len.
for f in $(cd "$top" && git ls-files 'testsuite/*.s'); do
	o=$tmp/$(basename "$f" .s).o
	as --64 -o "$o" "$top/$f" 2>/dev/null && cp "$o" "$c/elf/ts-$(basename "$f" .s).o"
done
for f in $(cd "$top" && git ls-files 'testsuite/klp_tag.plugin/*.c'); do
	o=$tmp/$(basename "$f" .c).o
	gcc -O2 -fplugin="$top/plugin/klp_tag.so" -fplugin-arg-klp_tag-abi=klp-arch \
		-I"$top/testsuite/klp_tag.plugin" -I"$top/kbuild-integration" -c -o "$o" "$top/$f" \
		2>/dev/null || continue
	strip --strip-debug "$o"
	[ "$(wc -c <"$o")" -le 65536 ] && cp "$o" "$c/elf/plugin-$(basename "$f" .c).o"
done
printf 'not an ELF file\n' | seed elf text

# System.map and Module.symvers seeds: excerpts of the real ones (the 5.4
# test kernel's packages, the installed Debian 6.1 headers) and the forms
# the readers must tell apart.
kernels=${KLP_TEST_KERNELS:-$top/../shared/kernels}
if [ -f "$kernels/linux-image-5.4.286-klptest_5.4.286-1_amd64.deb" ]; then
	dpkg-deb --fsys-tarfile "$kernels/linux-image-5.4.286-klptest_5.4.286-1_amd64.deb" |
		tar -x -C "$tmp" ./boot/System.map-5.4.286-klptest
	m=$tmp/boot/System.map-5.4.286-klptest
	head -n 200 "$m" | seed sysmap map-5.4-head
	grep -E ' (state_show|cmdline_proc_show|saved_command_line|__ksymtab_printk|printk)$' "$m" |
		seed sysmap map-5.4-names
	dpkg-deb --fsys-tarfile "$kernels/linux-headers-5.4.286-klptest_5.4.286-1_amd64.deb" |
		tar -x -C "$tmp" ./usr/src/linux-headers-5.4.286-klptest/Module.symvers
	head -n 100 "$tmp/usr/src/linux-headers-5.4.286-klptest/Module.symvers" | seed symvers symvers-5.4
fi
for sv in /usr/src/linux-headers-6.1.*-amd64/Module.symvers; do
	[ -f "$sv" ] || continue
	grep -v vmlinux "$sv" | head -n 50 | seed symvers symvers-6.1-modules
	head -n 50 "$sv" | seed symvers symvers-6.1-vmlinux
done
printf 'ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n' |
	seed sysmap debian-placeholder
printf 'ffffffff81000010 W dup\nffffffff81000010 t dup\nffffffff81000000 T _text\n0000000001000000 A phys_startup_64\nffffffff81000020 r __ksymtab_dup\n' |
	seed sysmap weak-and-unsorted
printf 'ffffffff81000010 t dup\nffffffffc0000000 t dup\t[mod]\nffffffff81000000 T _text\n' |
	seed sysmap kallsyms-dump
printf '0x00000001\tf\tvmlinux\tEXPORT_SYMBOL\n0x2\tg\tfs/ext4/ext4\tEXPORT_SYMBOL_GPL\tNS\n0x3\tf\tvmlinux\tEXPORT_SYMBOL\t\n' |
	seed symvers four-and-five-fields

# klp-reloc seeds: the klp_tag.reloc fixtures for fuzz_reloc's small target
# kernel, as they come from the compiler, half converted and linked (what
# --restore reads), and converted.  The last byte picks kernel and mode.
rl=$top/tools/klp-reloc/klp-reloc
rd=$top/testsuite/klp_tag.reloc
printf 'ffffffff81000000 T _text\nffffffff81000010 t cmdline_proc_show\nffffffff81000020 t state_show\nffffffff81000030 t state_show\nffffffff81000040 T printk\nffffffff81000050 r __ksymtab_printk\nffffffff81000060 T kfree\nffffffff81000070 r __ksymtab_kfree\nffffffff82000000 B saved_command_line\n' >"$tmp/map"
printf '0x00000001\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n0x00000002\tkfree\tvmlinux\tEXPORT_SYMBOL_GPL\t\n' >"$tmp/symvers"
cf='-O2 -fno-pic -mcmodel=kernel -ffunction-sections -fno-asynchronous-unwind-tables'
for v in plain STATE DATA JUMP NOWHERE; do
	# $cf holds several gcc options: splitting it is the intent.
	# shellcheck disable=SC2086
	gcc $cf -D$v -c -o "$tmp/vm-$v.o" "$rd/vmlinux.c" 2>/dev/null || continue
	{ cat "$tmp/vm-$v.o"; printf '\000'; } | seed reloc "vmlinux-$v"
done
for v in plain:- alt:-DALT_VMLINUX=.altinstructions repl:-DREPL_VMLINUX=.altinstructions \
	para:-DPARA_VMLINUX=.parainstructions data:-DDATA_SYM=saved_command_line \
	'decl:-DVMLINUX_CALLEE=state_show,-DDECL_NAME="state_show",-DDECL_OBJ="vmlinux",-DDECL_POS="2"'; do
	name=${v%%:*}
	opts=$(echo "${v#*:}" | tr , ' ')
	[ "$opts" = - ] && opts=
	# $opts holds several cpp options for some seeds: splitting it is the intent.
	# shellcheck disable=SC2086
	gcc -c -I"$top/testsuite/klp_tag.check" -DMODULE_CALLEE=kfree $opts -o "$tmp/p.o" "$rd/patch.S" 2>/dev/null || continue
	{ cat "$tmp/p.o"; printf '\000'; } | seed reloc "patch-$name"
	if "$rl" --for-link --kernel 5.4 --symbols "$tmp/map" --symvers "$tmp/symvers" -o "$tmp/f.o" "$tmp/p.o" 2>/dev/null; then
		ld -r -o "$tmp/l.o" "$tmp/f.o" && { cat "$tmp/l.o"; printf '\004'; } | seed reloc "linked-$name"
	fi
	if "$rl" --kernel 5.4 --symbols "$tmp/map" --symvers "$tmp/symvers" -o "$tmp/c.o" "$tmp/p.o" 2>/dev/null; then
		{ cat "$tmp/c.o"; printf '\004'; } | seed reloc "converted-$name"
		ld -r -o "$tmp/m.o" "$tmp/c.o" && { cat "$tmp/m.o"; printf '\004'; } | seed reloc "mangled-$name"
	fi
done

# DWARF seeds (fuzz_dwarf.c): the debug sections of small programs GCC
# built with each DWARF version, as raw sections (first byte even), and
# writer inputs (first byte odd).
le16() { printf '%b' "$(printf '\\0%03o\\0%03o' $(($1 & 255)) $(($1 >> 8 & 255)))"; }
printf 'int main(void) { return 0; }\n' >"$tmp/d.c"
for v in 4 5; do
	gcc -gdwarf-$v -O2 -o "$tmp/d$v" "$tmp/d.c" 2>/dev/null || continue
	for s in info abbrev str line_str; do
		objcopy --dump-section ".debug_$s=$tmp/d$v.$s" "$tmp/d$v" "$tmp/d$v.copy" 2>/dev/null || :
		[ -f "$tmp/d$v.$s" ] || : >"$tmp/d$v.$s"
	done
	{ printf '\000'
	  for s in info abbrev str; do le16 "$(wc -c <"$tmp/d$v.$s")"; done
	  cat "$tmp/d$v.info" "$tmp/d$v.abbrev" "$tmp/d$v.str" "$tmp/d$v.line_str"; } |
		seed dwarf "gcc-dwarf$v"
done
printf '\001\003\001\003\000\001\005abcdefgh\002\002\001xyz' | seed dwarf writer-small
printf '\001\007\000\002\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020' | seed dwarf writer-forms
printf '\001\002\001\001\001\001\011\003\002\024\001\000\002\001\001\002\002\003' | seed dwarf writer-reloc

# Verification seeds (fuzz_verify.c): the objects of klp_tag.verify's
# hand-made kernel, each with a kernel binary: its vmlinux, the vmlinux
# with two copies of same.c, the module fixmod.ko.
v=$top/testsuite/klp_tag.verify
vf='-O2 -fno-pic -mcmodel=kernel -fno-asynchronous-unwind-tables -fcf-protection=none -fno-stack-protector -fno-pie'
ok=1
for x in fixture:fixture.c changed:fixture.c:-DCHANGED same1:same1/same.c same2:same2/same.c \
	same3:same1/same.c:-DSAME_LINKAGE=static ext:fixture-ext.c modinfo:modinfo.c; do
	o=${x%%:*} rest=${x#*:}
	src=${rest%%:*} def=${rest#"$src"}
	# $vf holds several gcc options: splitting it is the intent.
	# shellcheck disable=SC2086
	gcc $vf ${def#:} -c -o "$tmp/v-$o.o" "$v/$src" 2>/dev/null || ok=0
done
if [ "$ok" = 1 ] &&
	ld -e fix_show -Ttext=0xffffffff81000000 -o "$tmp/v-vmlinux" "$tmp/v-fixture.o" \
		"$tmp/v-same1.o" "$tmp/v-same2.o" "$tmp/v-ext.o" 2>/dev/null &&
	ld -e fix_show -Ttext=0xffffffff81000000 -o "$tmp/v-twice" "$tmp/v-fixture.o" \
		"$tmp/v-same3.o" "$tmp/v-same2.o" "$tmp/v-ext.o" 2>/dev/null &&
	ld -r -o "$tmp/v-mod.ko" "$tmp/v-same1.o" "$tmp/v-fixture.o" "$tmp/v-modinfo.o"; then
	for p in fixture:vmlinux changed:vmlinux same2:vmlinux same3:twice fixture:mod.ko \
		changed:mod.ko same2:mod.ko; do
		o=$tmp/v-${p%%:*}.o
		{ le16 "$(wc -c <"$o")"; cat "$o" "$tmp/v-${p#*:}"; } | seed verify "${p%%:*}-${p#*:}"
	done
fi

# .config seeds: the test kernel's and Debian's own, cut to the harness's
# -max_len, and the forms the reader must tell apart.
for cfg in "$kernels/config-5.4.286-klptest" /usr/src/linux-headers-6.1.*-amd64/.config; do
	[ -f "$cfg" ] || continue
	head -c 60000 "$cfg" | sed '$d' | seed dotconfig "$(basename "$(dirname "$cfg")")-$(basename "$cfg")"
done
printf 'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C="x \\"y\\" \\\\"\nCONFIG_D=0x10\nCONFIG_E=n\nCONFIG_A=m\n# comment\n\nCONFIG_F=-1' |
	seed dotconfig forms
printf 'CONFIG_A=y\r\nCONFIG_B="open\nfoo=bar\n' | seed dotconfig errors

echo "fuzz/corpus: $n testsuite files as rewriter seeds"
