#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run the whole testsuite with DejaGnu and print one plain totals line,
#   N passed, N failed, N skipped
# counting every runtest result (unit tests are reported through DejaGnu
# too).  UNSUPPORTED and UNTESTED count as skipped; with CI=true a skipped
# test fails the run, so CI can never go green on a missing tool.
#
# Usage: scripts/check.sh CC PLUGIN CHECKER KVER [runtest args...]
# Environment: KLP_TEST_KERNELS, the directory of the test kernel that
# applies .klp.arch sections (make check KLP_TEST_KERNELS=DIR), passed on
# to the testsuite as an absolute path.
set -u
cc=$1 plugin=$2 checker=$3 kver=$4
shift 4
top=$(pwd)
# Plain quotes in diagnostics, whatever the user's locale.
export LC_ALL=C
# KLP_OUTDIR lets two runs proceed side by side.
out=${KLP_OUTDIR:-$top/testsuite/out}
mkdir -p "$out"
rm -f "$out/klp_tag.sum" "$out/klp_tag.log"
# SANITIZE=1: the plugin runs inside cc1/lto1, which are not built with
# ASan, so every GCC driver the tests (and kbuild) call is wrapped to
# preload the ASan runtime, with leak detection off for the compiler only.
if [ "${SANITIZE:-}" = 1 ]; then
	PATH=$(scripts/sanitize-env.sh "$cc" "$out/sanitize-bin"):$PATH || exit 1
	export PATH
fi

kernels=${KLP_TEST_KERNELS:-}
case "$kernels" in
"" | /*) ;;
*) kernels=$top/$kernels ;;
esac

runtest --tool klp_tag --srcdir "$top/testsuite" --outdir "$out" \
	KLP_TOP="$top" CC="$cc" PLUGIN="$top/$plugin" CHECKER="$top/$checker" \
	KVER="$kver" OUTDIR="$out" KLP_TEST_KERNELS="$kernels" "$@"
rt=$?

sum=$out/klp_tag.sum
if [ ! -f "$sum" ]; then
	echo "klp-tag: runtest wrote no summary (exit $rt)" >&2
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
count() { grep -c "^$1: " "$sum"; }
passed=$(( $(count PASS) + $(count XFAIL) ))
failed=$(( $(count FAIL) + $(count XPASS) + $(count UNRESOLVED) + $(count ERROR) ))
skipped=$(( $(count UNSUPPORTED) + $(count UNTESTED) ))
grep -E '^(FAIL|XPASS|UNRESOLVED|ERROR|UNSUPPORTED|UNTESTED): ' "$sum" >&2
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || exit 1
[ "$rt" -eq 0 ] || { echo "klp-tag: runtest exited $rt" >&2; exit 1; }
[ "$passed" -gt 0 ] || { echo "klp-tag: no test passed" >&2; exit 1; }
if [ "${CI:-}" = true ] && [ "$skipped" -ne 0 ]; then
	echo "klp-tag: CI=true and $skipped test(s) skipped: a missing tool must not pass CI" >&2
	exit 1
fi
exit 0
