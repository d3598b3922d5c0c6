#!/bin/sh
# Source coverage that the fuzz corpora reach: each harness is rebuilt with
# clang's source-based coverage, replays its seeds plus what `make fuzz`
# found (build/fuzz/found/NAME) once, and llvm-cov reports the lines and
# branches of the code under test (not the harness).
#
# Usage: fuzz/coverage.sh NAME...   (NAME: rewrite, tagfile, objname, elf)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/fuzz/coverage
mkdir -p "$out"
cd "$top"
for short in "$@"; do
	case $short in
	rewrite) srcs="plugin/asm_rewrite.c" libs="" inc="" ;;
	tagfile) srcs="plugin/tagfile.c plugin/objname.c" libs="" inc="" ;;
	objname) srcs="plugin/objname.c" libs="" inc="" ;;
	elf) srcs="tools/klp-arch-check/elfread.c tools/klp-arch-check/module.c tools/klp-arch-check/compare.c tools/klp-arch-check/rules.c tools/klp-arch-check/report.c plugin/objname.c"
	     libs=-lelf inc=-Itools/klp-arch-check ;;
	*) echo "coverage.sh: unknown harness $short" >&2; exit 2 ;;
	esac
	bin=$out/fuzz_$short
	# srcs, libs and inc are the word lists set just above, paths of this
	# tree without blanks or glob characters; split, an empty one vanishes.
	# shellcheck disable=SC2086
	clang -std=gnu11 -g -O1 -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping \
		-Iplugin $inc -o "$bin" "fuzz/fuzz_$short.c" $srcs $libs
	mkdir -p "$top/build/fuzz/found/$short"
	# libFuzzer writes to its first corpus directory: an empty scratch one.
	rm -rf "$out/scratch-$short" && mkdir -p "$out/scratch-$short"
	LLVM_PROFILE_FILE=$out/$short.profraw "$bin" -runs=0 "$out/scratch-$short" \
		"$top/fuzz/corpus/$short" "$top/build/fuzz/found/$short" >"$out/$short.log" 2>&1
	llvm-profdata merge -sparse -o "$out/$short.profdata" "$out/$short.profraw"
	# Inputs replayed: what the two directories hold (as ls lists them,
	# dot files aside).
	inputs=0
	for f in "$top/fuzz/corpus/$short"/* "$top/build/fuzz/found/$short"/*; do
		if [ -e "$f" ] || [ -L "$f" ]; then
			inputs=$((inputs + 1))
		fi
	done
	echo "== fuzz_$short: $inputs inputs"
	# shellcheck disable=SC2086 # srcs: the word list above, split on purpose
	llvm-cov report "$bin" -instr-profile="$out/$short.profdata" $srcs |
		sed -e '1,2d' -e '/^---/d' -e "s|^$top/||" |
		awk '{printf "  %-32s regions %7s  functions %7s  lines %7s  branches %7s\n", $1, $4, $7, $10, $13}'
done
