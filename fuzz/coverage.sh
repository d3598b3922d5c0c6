#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Source coverage that the fuzz corpora reach: the harness built with
# clang's source-based coverage (make fuzz-coverage builds it as
# build/fuzz/coverage/fuzz_NAME) replays its seeds plus what `make fuzz`
# found (build/fuzz/found/NAME) once, and llvm-cov reports the lines and
# branches of the code under test SRC... (not the harness).
#
# Usage: fuzz/coverage.sh NAME SRC...
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/fuzz/coverage
short=$1
shift
bin=$out/fuzz_$short
if [ ! -x "$bin" ]; then
	echo "coverage.sh: $bin is not built (make fuzz-coverage builds it)" >&2
	exit 2
fi
cd "$top"
mkdir -p "$top/build/fuzz/found/$short"
# libFuzzer writes to its first corpus directory: an empty scratch one.
rm -rf "$out/scratch-$short" && mkdir -p "$out/scratch-$short"
LLVM_PROFILE_FILE=$out/$short.profraw "$bin" -runs=0 "$out/scratch-$short" \
	"$top/fuzz/corpus/$short" "$top/build/fuzz/found/$short" >"$out/$short.log" 2>&1
llvm-profdata merge -sparse -o "$out/$short.profdata" "$out/$short.profraw"
echo "== fuzz_$short: $(find "$top/fuzz/corpus/$short" "$top/build/fuzz/found/$short" -type f | wc -l) inputs"
llvm-cov report "$bin" -instr-profile="$out/$short.profdata" "$@" |
	sed -e '1,2d' -e '/^---/d' -e "s|^$top/||" |
	awk '{printf "  %-32s regions %7s  functions %7s  lines %7s  branches %7s\n", $1, $4, $7, $10, $13}'
