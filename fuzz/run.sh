#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run libFuzzer harnesses on their seed corpora and print one line each:
#   fuzz_NAME: N runs, cov C, ft F, corpus K inputs, no crash
#
# Usage: fuzz/run.sh time SECONDS HARNESS...   each for SECONDS (make fuzz)
#        fuzz/run.sh smoke RUNS HARNESS...     each for RUNS executions (0: the
#                                              default) with seed 1 (make check)
#
# Seeds are read from fuzz/corpus/NAME and never written: new inputs go to
# OUT/found/NAME (timed runs keep them; smoke runs start empty each time,
# so a smoke run is the same run every time).  A crash leaves its input as
# OUT/crash-NAME-*, the reproducer: `HARNESS FILE`.  OUT is $FUZZ_OUT, by
# default build/fuzz (the testsuite gives its own scratch directory, so
# two runs side by side do not share files).
set -u
mode=$1 amount=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_OUT:-$top/build/fuzz}
mkdir -p "$out"
status=0

for bin in "$@"; do
	name=$(basename "$bin")
	short=${name#fuzz_}
	seeds=$top/fuzz/corpus/$short
	case $short in
	tagfile) maxlen=65536 ;;
	elf | reloc | sysmap | symvers | dotconfig | verify) maxlen=65536 ;;
	objname) maxlen=256 ;;
	*) maxlen=8192 ;;
	esac
	# One variable per option, each passed as one word (OUT may hold
	# blanks); the empty ones are left out.
	dict=
	[ -f "$top/fuzz/$short.dict" ] && dict=-dict=$top/fuzz/$short.dict
	case $mode in
	time)
		found=$out/found/$short
		mkdir -p "$found"
		seed='' limit=-max_total_time=$amount
		;;
	smoke)
		found=$out/smoke/$short
		rm -rf "$found"
		mkdir -p "$found"
		[ "$amount" -gt 0 ] || amount=100000
		seed=-seed=1 limit=-runs=$amount
		;;
	*)
		echo "usage: fuzz/run.sh time|smoke N HARNESS..." >&2
		exit 2
		;;
	esac
	log=$out/$short.$mode.log
	"$bin" "-max_len=$maxlen" -print_final_stats=1 "-artifact_prefix=$out/crash-$short-" \
		${dict:+"$dict"} ${seed:+"$seed"} "$limit" "$found" "$seeds" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	if [ "$rc" -eq 0 ]; then
		echo "$name: ${runs:-?} runs, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?} inputs, no crash"
	else
		status=1
		echo "$name: FAILED (exit $rc) after ${runs:-?} runs; log $log:"
		grep -E 'ERROR|property failed|runtime error|Test unit written' "$log" | head -n 5
	fi
done
exit $status
