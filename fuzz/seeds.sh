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
	"$c/x86insn" "$c/dwarf" "$c/dotconfig" "$c/verify" "$c/compare" "$c/makerec"
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

# klp-tag-build's inputs.  udiff: one byte for the strip level, then the
# patch; kcmd: .cmd files in the forms 4.19 to 6.2 kbuild write (and the
# 5.4 headers package's own, where installed); linesync: original, NUL,
# patched.
mkdir -p "$c/udiff" "$c/kcmd" "$c/linesync"
printf '\001--- a/fs/proc/meminfo.c\t2024-05-01 10:00:00.000000000 +0200\n+++ b/fs/proc/meminfo.c\t2024-05-01 10:01:00.000000000 +0200\n@@ -10,7 +10,8 @@ static int x;\n a\n b\n c\n-old\n+new1\n+new2\n d\n e\n f\n@@ -40 +41,0 @@\n-z\n' | seed udiff diff-u
printf '\001From 1234 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n\n---\n x.c | 2 +-\n\ndiff --git a/x.c b/x.c\nindex 1..2 100644\n--- a/x.c\n+++ b/x.c\n@@ -5,3 +5,3 @@ int f(void)\n a\n--- b\n+++ c\n d\n-- \n2.39.2\n' | seed udiff format-patch
printf '\001diff --git a/n.c b/n.c\nnew file mode 100644\n--- /dev/null\n+++ b/n.c\n@@ -0,0 +1 @@\n+x\ndiff --git a/d.c b/d.c\ndeleted file mode 100644\n--- a/d.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\ndiff --git a/r1.c b/r2.c\nsimilarity index 90%%\nrename from r1.c\nrename to r2.c\n--- a/r1.c\n+++ b/r2.c\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n\\ No newline at end of file\ndiff --git a/p b/q\nrename from p\nrename to q\ndiff --git a/s b/s\nold mode 100644\nnew mode 100755\ndiff --git a/b b/b\nGIT binary patch\nliteral 3\nKcmZ?w\n\ndiff --git a/c1 b/c2\ncopy from c1\ncopy to c2\n' | seed udiff git-kinds
printf '\000diff --git "a/t\\tab" "b/t\\303\\244"\n--- "a/t\\tab"\n+++ "b/t\\303\\244"\n@@ -1 +1 @@\r\n-x\r\n+y\r\n\n--- a/sp ace\t\n+++ b/sp ace\t\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n' | seed udiff quoted-crlf
printf '\001--- a/n.c\t1970-01-01 00:00:00.000000000 +0000\n+++ b/n.c\t2024-01-01 00:00:00.000000000 +0000\n@@ -0,0 +1,2 @@\n+x\n+y\n--- a/f\n+++ b/f\n@@ -1,x +1 @@\n' | seed udiff epoch-and-bad
# shellcheck disable=SC2016 # make's \$(...) and \$\$, literally
printf 'cmd_fs/proc/meminfo.o := gcc -Wp,-MD,fs/proc/.meminfo.o.d  -nostdinc -isystem /usr/lib/gcc/x86_64-linux-gnu/12/include -include ./include/linux/kconfig.h -D__KERNEL__ -O2 -DKBUILD_BASENAME='"'"'"meminfo"'"'"' -DKBUILD_MODNAME='"'"'"proc"'"'"' -c -o fs/proc/meminfo.o fs/proc/meminfo.c\n\nsource_fs/proc/meminfo.o := fs/proc/meminfo.c\n\ndeps_fs/proc/meminfo.o := \\\n    $(wildcard include/config/cma.h) \\\n  include/linux/kconfig.h \\\n\nfs/proc/meminfo.o: $(deps_fs/proc/meminfo.o)\n\n$(deps_fs/proc/meminfo.o):\n' | seed kcmd kbuild-5.4
# shellcheck disable=SC2016 # make's \$(...) and \$\$, literally
printf 'cmd_samples/livepatch/livepatch-shadow-mod.o := gcc -O2 -DMODULE -DKBUILD_MODNAME='"'"'"livepatch_shadow_mod"'"'"' -D "X=1" -UX -c -o samples/livepatch/livepatch-shadow-mod.o samples/livepatch/livepatch-shadow-mod.c  ; ./tools/objtool/objtool --orc --module samples/livepatch/livepatch-shadow-mod.o\n\nsource_samples/livepatch/livepatch-shadow-mod.o := samples/livepatch/livepatch-shadow-mod.c\n\ndeps_samples/livepatch/livepatch-shadow-mod.o := \\\n    $(wildcard include/config/CC_VERSION_TEXT) \\\n  include/linux/kconfig.h \\\n\n' | seed kcmd kbuild-6.1
# shellcheck disable=SC2016 # make's \$(...) and \$\$, literally
printf 'savedcmd_t.o := gcc -D"BUILD_STR(s)=$(pound)s" -DX='"'"'$$HOME'"'"' -DY=\\# "a\\"b" c\\ d -c -o t.o t.c && x || y\ndeps_t.o := t.c $(wildcard x.h y.h)\n' | seed kcmd escapes
for f in /usr/src/linux-headers-5.4.286-klptest/scripts/basic/.fixdep.cmd /usr/src/linux-headers-5.4.286-klptest/scripts/mod/.modpost.o.cmd; do
	[ -f "$f" ] && head -c 8192 "$f" | seed kcmd "headers-5.4-$(basename "$f")"
done
{ printf '#include <stdio.h>\nint f(void)\n{\n\treturn 1;\n}\n/* a\n * comment ( */\n#define X(a) \\\n\t(a)\nint g(void)\n{\n\tFOO(x,\n\t    "s(\\"", '"'"'('"'"');\n\treturn printf("%%d", __LINE__);\n}\n'
  printf '\000'
  printf '#include <stdio.h>\nint f(void)\n{\n\tint x = 1;\n\treturn x;\n}\n/* a\n * comment ( */\n#define X(a) \\\n\t(a)\nint g(void)\n{\n\tFOO(x,\n\t    "s(\\"", '"'"'('"'"');\n\treturn printf("%%d", __LINE__);\n}\n'; } | seed linesync functions
{ printf '#ifdef A\nif (a &&\n#else\nif (b &&\n#endif\n    c)\n\tx();\n#if B\na;\nb;\n#else\nc;\n#endif\nd;\n'
  printf '\000'
  printf 'new;\n#ifdef A\nif (a &&\n#else\nif (b &&\n#endif\n    c)\n\tx();\n#if B\na;\nn;\nb;\n#else\nc;\n#endif\nd;\n'; } | seed linesync conditionals
printf 'a;\r\n#line 100\r\nb;\r\nc;' | seed linesync crlf-line
# Decoder seeds: the code of the x86 oracle test's C files as GCC compiles
# them (the first 8 KiB of .text), and encodings the compilers never pick:
# rel16 branches, void REX, moffs, imm64, enter, 3DNow!, SSE4a, XOP, EVEX
# maps, prefixes before VEX, the 15-byte limit.
xd=$top/testsuite/klp_tag.x86
for v in integer:-O2:-fno-pic:-mcmodel=kernel:-pg:-mfentry integer:-O0 \
	avx2:-O2:-mavx2:-mfma:-mbmi:-mbmi2:-mf16c avx512:-O2:-mavx512f:-mavx512bw:-mavx512vl:-mavx512dq vector:-O3:-march=skylake-avx512 \
	vector:-O3:-march=bdver2 asm:-O2; do
	src=${v%%:*}
	opts=$(echo "${v#*:}" | tr : ' ')
	# $opts holds several gcc options: splitting it is the intent.
	# shellcheck disable=SC2086
	gcc -c $opts -o "$tmp/x.o" "$xd/$src.c" 2>/dev/null || continue
	objcopy -O binary -j .text "$tmp/x.o" "$tmp/x.bin"
	head -c 8192 "$tmp/x.bin" | seed x86insn "ts-$(echo "$v" | tr : _ | tr -d =)"
done
printf '\146\350\064\022\146\017\205\064\022\146\110\350\0\0\0\0\146\307\370\0\001\307\370\0\001\0\0\306\370\005\110\146\270\064\022\146\110\270\1\2\3\4\5\6\7\010' |
	seed x86insn odd-sizes
printf '\240\210\167\146\125\104\063\042\021\147\241\104\063\042\021\111\273\210\167\146\125\104\063\042\021\310\064\022\003\302\010\0\017\017\301\264\017\017\015\0\0\0\0\264' |
	seed x86insn moffs-imm64-enter-3dnow
printf '\146\017\170\300\001\002\362\017\170\301\001\002\017\170\300\363\110\017\270\300\017\270\300\017\040\100\017\043\205\363\017\036\372\146\146\056\017\037\204\0\0\0\0\0' |
	seed x86insn sse4a-popcnt-cr-nops
printf '\305\370\167\304\341\170\167\304\343\175\070\301\001\142\361\165\110\376\107\001\142\365\164\110\130\320\142\363\165\110\045\300\226\217\350\170\302\300\001\217\352\170\020\300\004\003\002\001\217\351\170\200\310' |
	seed x86insn vex-evex-xop
printf '\146\305\370\167\110\304\342\171\0\300\142\371\174\110\020\300\142\361\170\110\020\300\304\344\171\0\300\217\377\170\0\300\376\320\377\370\377\330\006\047\140\202\300\001\326\017\004' |
	seed x86insn refused
printf '\146\146\146\146\146\146\146\146\146\146\146\146\146\146\220\146\146\146\146\146\146\146\146\146\146\146\146\146\146\146\220\046\056\066\076\144\145\147\360\362\363\146\101\001\0' |
	seed x86insn fifteen-bytes
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

# Comparison seeds (fuzz_compare.c): klp_tag.build's fixtures compiled
# as compare.exp compiles them, each with its describe file (the plugin's,
# when it is built).
b=$top/testsuite/klp_tag.build
if [ -f "$top/plugin/klp_tag.so" ]; then
	for f in "$b"/cmp-*.c; do
		n=$(basename "$f" .c)
		gcc -O2 -pg -mfentry -mrecord-mcount -fno-pic -mcmodel=kernel -mno-red-zone \
			-fno-asynchronous-unwind-tables -fcf-protection=none -fno-stack-protector \
			-fno-pie -fno-common -fplugin="$top/plugin/klp_tag.so" \
			-fplugin-arg-klp_tag-describe -c -o "$tmp/$n.o" "$f" 2>/dev/null || continue
		{ le16 "$(wc -c <"$tmp/$n.c.klp-describe")"; cat "$tmp/$n.c.klp-describe" "$tmp/$n.o"; } |
			seed compare "$n"
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

# Recorded sub-makes: 5.4's single-build descent and 4.x's per-file one as
# klp-tag-build writes them, a prepare step, and a record cut short.
printf 'klp-make-record 1\000/cache/src\0006\000-f\000./scripts/Makefile.build\000obj=fs\000single-build=1\000need-builtin=1\000need-modorder=1\0004\000MAKELEVEL=1\000KBUILD_SINGLE_TARGETS=fs/proc/cmdline.o\000MAKE=/usr/bin/klp-tag-build --record-make /w/r\000MAKEFLAGS=rRs -j2 --jobserver-auth=3,4 --no-print-directory -- MAKE=/usr/bin/klp-tag-build\\ --record-make\\ /w/r KCFLAGS=-fplugin=/p\\ -x CC=gcc\000' |
	seed makerec descent54
printf 'klp-make-record 1\000/t\0004\000-f\000./scripts/Makefile.build\000obj=fs/proc\000fs/proc/cmdline.o\0002\000MFLAGS=-rRs -j2 --jobserver-fds=3,4\000MAKEFLAGS=rRs -j2 --jobserver-fds=3,4 -- MAKE=x\000' |
	seed makerec descent419
printf 'klp-make-record 1\000/t\0003\000-f\000./scripts/Makefile.build\000obj=.\0000\000' | seed makerec prepare
printf 'klp-make-record 1\000/t\0002\000-f\000' | seed makerec short

echo "fuzz/corpus: $n testsuite files as rewriter seeds"
