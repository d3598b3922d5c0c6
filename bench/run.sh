#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/run.sh - measure what the klp_tag plugin costs a build (make bench).
#
#   bench/run.sh [--smoke] OUTDIR
#
# Prints one Markdown report (also written to OUTDIR/bench.md): the machine,
# the compiler, the exact commands, and six tables.
#   1. Real units: kbuild's own compile command of every C file of the
#      project's livepatch example and of the kernel's livepatch samples,
#      as built with KLP_TAG_OFF=1 (A) and with the plugin (B, the fragment's
#      flags with KLP_TAG_ABI=klp-arch, where the plugin does all its work).
#      Both command lines come from the .foo.o.cmd files kbuild writes.
#   2. Scaling: generated units (bench/gen-unit.c) of N tagged functions
#      and 5N asm statements, without and with the plugin, and the share of
#      the plugin's own code in a perf profile of the plugin build.
#   3. Tag files of 10k, 100k and 1M lines (bench/gen-tags.c; nearly all
#      name functions the unit does not have) on a real unit: what loading
#      one adds to the compile, in time and peak memory.
#   4. klp-arch-check on one large object file (bench/gen-bigobj.c):
#      throughput and peak memory.
#   5. klp-reloc converting a module object of N references to static
#      functions (bench/gen-refs.c) against Debian 6.1's full System.map
#      (scripts/system-map.sh fetches it): time against N.
#   6. klp-tag-build building a livepatch module from a one-file patch,
#      cold (a fresh --cache: the tarball extracted, the tree prepared) and
#      warm (the prepared tree reused), wall and CPU of the process tree,
#      for the 5.4 test kernel (KLP_TEST_KERNELS) against one full build
#      of its tree and config (make -j2 vmlinux modules), and for Debian's
#      6.1 beside the number of objects in its vmlinux (DWARF units).
# Ratios come from bench/ab.c: A and B interleaved, median of the per-pair
# ratios with the quartiles as spread; tables 4-6 use its single mode (the
# median of runs).  CPU time is user + system time of the whole process
# tree, the figure least disturbed by other work on a shared machine; peak
# memory is the largest resident set in it.
#
# --smoke runs every step on tiny sizes with one pair, for `make check`: it
# shows the scripts work and the report is well formed, never timings.
# Table 6 it leaves out (kernel builds, minutes), saying so.
#
# Environment (make bench sets them): CC, PLUGIN, CHECKER, RELOC, TAGBUILD
# (absolute or relative to the top of the tree), MAP_DIR (where the
# System.map and vmlinux are kept, default OUTDIR/system-map), KVER (kernel
# headers version; empty: the real-unit table is skipped), BENCH_BIN (the
# built bench programs), KLP_TEST_KERNELS (the test kernels' directory,
# docs/testing.md; unset: table 6 has no 5.4 rows).
# Runs from the top of the tree.  Exit status 0 when every step ran (a
# missed goal is reported, not an error), 1 when a step failed.
set -eu

smoke=
if [ "${1:-}" = --smoke ]; then
	smoke=1
	shift
fi
[ $# -eq 1 ] || { echo "usage: bench/run.sh [--smoke] OUTDIR" >&2; exit 1; }

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
mkdir -p "$1"
out=$(cd "$1" && pwd)
abspath() { case $1 in /*) echo "$1" ;; *) echo "$top/$1" ;; esac; }
CC=${CC:-gcc}
PLUGIN=$(abspath "${PLUGIN:-plugin/klp_tag.so}")
CHECKER=$(abspath "${CHECKER:-tools/klp-arch-check/klp-arch-check}")
RELOC=$(abspath "${RELOC:-tools/klp-reloc/klp-reloc}")
TAGBUILD=$(abspath "${TAGBUILD:-tools/klp-tag-build/klp-tag-build}")
KVER=${KVER-$(scripts/kernel-version.sh)}
bin=$(abspath "${BENCH_BIN:-build/bench/bin}")
KDIR=/usr/src/linux-headers-$KVER
log=$out/bench.log
report=$out/bench.md
: > "$log"
: > "$report"

for p in ab gen-unit gen-tags gen-bigobj gen-refs; do
	[ -x "$bin/$p" ] || { echo "bench: $bin/$p is not built (make bench-tools)" >&2; exit 1; }
done
[ -f "$PLUGIN" ] || { echo "bench: no plugin at $PLUGIN (make)" >&2; exit 1; }

if [ -n "$smoke" ]; then
	UNIT_PAIRS=1 SCALE="20:1:attr 40:1:attr 20:0:chain 40:0:chain" TAG_LINES="100 1000" TAG_PAIRS=1
	CHECK_ENTRIES="1000" CHECK_TIMEOUT=60 RELOC_REFS="100 1000" RELOC_RUNS=1
	TB_COLD_RUNS54=0 TB_COLD_RUNS61=0 TB_WARM_RUNS=0
else
	UNIT_PAIRS=15 SCALE="1000:10:attr 10000:1:attr 50000:0:attr 2000:0:chain 8000:0:chain"
	TAG_LINES="10000 100000 1000000"
	TAG_PAIRS=10 CHECK_ENTRIES="25000 100000 1000000" CHECK_TIMEOUT=60
	RELOC_REFS="1 1000 10000 100000" RELOC_RUNS=7
	# A cold 6.1 run extracts and prepares a tree of 1.3 GB: once.
	TB_COLD_RUNS54=2 TB_COLD_RUNS61=1 TB_WARM_RUNS=3
fi
PLUGIN_FLAGS="-fplugin=$PLUGIN -fplugin-arg-klp_tag-abi=klp-arch"
PERF_HZ=1999

say() { printf '%s\n' "$*" >> "$report"; printf '%s\n' "$*"; }
note() { printf 'bench: %s\n' "$*" >&2; }
fail() { printf 'bench: %s (log: %s)\n' "$*" "$log" >&2; exit 1; }
# calc FORMAT EXPR...: awk arithmetic on the r_* figures.
calc() { awk "BEGIN { printf \"$1\", ($2) }"; }
# ab ARGS...: run bench/ab, its KEY=VALUE fields become shell variables r_KEY
# (r_a_cpu, r_ratio, ...: set here by eval, which is why the lines using them
# tell shellcheck that they are assigned).  ab_line and ab_kv are its own.
ab() {
	unset r_timeout r_pairs r_runs
	ab_line=$("$bin/ab" -l "$log" "$@") || fail "a measured command failed"
	for ab_kv in $ab_line; do
		case $ab_kv in
		*[!A-Za-z0-9_=.-]*) fail "unexpected output of ab: $ab_line" ;;
		esac
		eval "r_$ab_kv"
	done
}
# The plugin really ran and renamed: a benchmark of a no-op proves nothing.
renamed() { readelf -S -W "$1" 2>/dev/null | grep -q '\.klp\.arch\.[A-Za-z0-9_]*\.\.altinstructions'; }
# The compile command of a kbuild .foo.o.cmd file, without the objtool run after it.
cmd_of() { sed -n 's/^cmd_[^ ]* := *//p' "$1" | sed 's/ *; *\.\/tools\/objtool.*//'; }
mapped() { readelf -S -W "$1" 2>/dev/null | grep -q '\.klp_tag\.map'; }
# MB with one decimal from KiB / bytes.
kib_mb() { calc '%.1f' "$1 / 1024"; }

# ---- the machine --------------------------------------------------------

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- plugin 2>/dev/null)" ] || commit="$commit (plugin/ modified)"
say "# klp-tag benchmark$( [ -n "$smoke" ] && echo ' (smoke run: tiny sizes, timings meaningless)')"
say ""
say "| | |"
say "|---|---|"
say "| machine | $(uname -srm), ${cpu:-unknown CPU}, $(nproc) CPUs, $mem GiB |"
say "| compiler | $($CC --version | head -n 1) |"
say "| plugin | $PLUGIN (klp-tag $commit) |"
say "| kernel headers | $( [ -d "$KDIR" ] && [ -n "$KVER" ] && echo "$KDIR" || echo none) |"
say "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
say "| method | bench/ab: A/B interleaved (ABBA order), 1 warm-up each, median of per-pair ratios B/A of CPU time (user+sys of the compiler process tree), spread = quartiles; peak memory = max RSS (ru_maxrss) |"
say ""

goals=""
goal() { goals="$goals
| $1 | $2 | $3 |"; }

# ---- 1. real units --------------------------------------------------------

say "## 1. Real units: kbuild's compile command without (A) and with (B) the plugin"
say ""
real_sample_cmd=
if [ -z "$KVER" ] || [ ! -d "$KDIR" ]; then
	say "Skipped: no kernel headers (install linux-headers-amd64)."
	goal "real units: ratio <= 1.01, memory within 1%" "not run" "no kernel headers"
else
	note "building the example and the upstream samples with kbuild (KLP_TAG_OFF=1, KLP_TAG_ABI=klp-arch)"
	export KLP_SAMPLES_DIR="$out/upstream-src"
	for v in off on; do
		scripts/demo.sh setup "$out/kbuild-$v" >> "$log" 2>&1 || fail "demo.sh setup failed"
	done
	scripts/demo.sh build "$out/kbuild-off" KLP_TAG_OFF=1 >> "$log" 2>&1 ||
		fail "kbuild of the examples with KLP_TAG_OFF=1 failed"
	scripts/demo.sh build "$out/kbuild-on" KLP_TAG_ABI=klp-arch KLP_TAG_ABI_FORCE=1 KLP_TAG_PLUGIN="$PLUGIN" >> "$log" 2>&1 ||
		fail "kbuild of the examples with the plugin failed"
	say "A and B are kbuild's own commands from \`.UNIT.o.cmd\` (the compiler part; objtool, which"
	say "kbuild runs after it, is left out), run in $KDIR:"
	say "A from a build with \`KLP_TAG_OFF=1\`, B from a build with \`KLP_TAG_ABI=klp-arch\`."
	say "$UNIT_PAIRS pairs per unit."
	say ""
	say "| unit | CPU A (s) | CPU B (s) | ratio B/A | spread (q1-q3) | wall ratio | peak A (MB) | peak B (MB) | memory B/A |"
	say "|---|---|---|---|---|---|---|---|---|"
	worst_ratio=0 worst_mem=0 nunits=0
	for d in examples/livepatch examples/upstream/livepatch; do
		for cmdf in "$out/kbuild-on/$d"/.*.o.cmd; do
			[ -f "$cmdf" ] || continue
			name=$(basename "$cmdf" .cmd)
			name=${name#.}
			case $name in *.mod.o) continue ;; esac
			b=$(cmd_of "$cmdf")
			a=$(cmd_of "$out/kbuild-off/$d/.$name.cmd" 2>/dev/null || true)
			# Composite modules' .o is an ld -r of its parts: not a compile.
			case $b in *" -c "*) ;; *) continue ;; esac
			case $b in *-fplugin=*) ;; *) fail "kbuild compiled $name without the plugin: $b" ;; esac
			case $a in *-fplugin=*) fail "the KLP_TAG_OFF=1 build of $name used the plugin" ;; "") fail "no KLP_TAG_OFF=1 command for $name" ;; esac
			obj="$out/kbuild-on/$d/$name"
			mapped "$obj" || fail "$name built with the plugin has no .klp_tag.map"
			note "real unit $name"
			ab -n "$UNIT_PAIRS" -C "$KDIR" "$a" "$b"
			# shellcheck disable=SC2154 # the r_* figures come from ab's eval
			say "| $name | $(calc %.3f "$r_a_cpu") | $(calc %.3f "$r_b_cpu") | $(calc %.4f "$r_ratio") | $(calc %.4f "$r_q1")-$(calc %.4f "$r_q3") | $(calc %.4f "$r_wall_ratio") | $(kib_mb "$r_a_rss") | $(kib_mb "$r_b_rss") | $(calc %.4f "$r_rss_ratio") |"
			worst_ratio=$(calc %.4f "$r_ratio > $worst_ratio ? $r_ratio : $worst_ratio")
			worst_mem=$(calc %.4f "$r_rss_ratio > $worst_mem ? $r_rss_ratio : $worst_mem")
			nunits=$((nunits + 1))
			[ "$name" = livepatch-sample.o ] && real_sample_cmd=$b
		done
	done
	[ "$nunits" -gt 0 ] || fail "no compile command found in $out/kbuild-on"
	if [ -n "$real_sample_cmd" ]; then
		say ""
		say "B for livepatch-sample.o, exactly as run:"
		say ""
		say '```'
		say "$real_sample_cmd"
		say '```'
		say ""
		say "A differs from it only in the plugin arguments: A has \`-DKLP_TAG_OFF\` instead of \`-fplugin=... -fplugin-arg-klp_tag-abi=klp-arch\`."
	fi
	goal "real units: median ratio <= 1.01" "worst unit $worst_ratio" \
		"$(calc %s "$worst_ratio <= 1.01 ? \"met\" : \"MISSED\"")"
	goal "real units: peak memory within 1%" "worst unit $worst_mem" \
		"$(calc %s "$worst_mem <= 1.01 ? \"met\" : \"MISSED\"")"
fi
say ""

# ---- 2. scaling ------------------------------------------------------------

say "## 2. Scaling: generated units, N tagged functions, 5N asm statements"
say ""
say "Unit: \`gen-unit N\` (3N alternative + 3N paravirt entries, every function tagged by an attribute).  A: \`$CC -O2 -c unit-N.c\`;"
say "B: A plus \`$PLUGIN_FLAGS\`.  Plugin share: samples in klp_tag.so in \`perf record -F $PERF_HZ\` of B;"
say "plugin CPU and resolve CPU: those samples, and those in resolve_objects() (where the objects of"
say "all functions are decided, propagation included), divided by the sampling rate."
say "Rows \"chain N\": \`gen-unit -t chain N\`, N static functions each calling the previous one, every one"
say "of them placed by propagation from one tagged caller (perf only)."
say ""
say "| N | asm statements | pairs | CPU A (s) | CPU B (s) | ratio B/A | spread (q1-q3) | peak A (MB) | peak B (MB) | plugin share (perf) | plugin CPU (ms) | resolve CPU (ms) | perf samples |"
say "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
have_perf=
if command -v perf >/dev/null 2>&1 && perf record -q -o "$out/perf-probe.data" -- true >> "$log" 2>&1; then
	have_perf=1
fi
shares="" resolve_ms=""
for spec in $SCALE; do
	n=${spec%%:*} pairs=${spec#*:} mode=${spec##*:}
	pairs=${pairs%%:*}
	unit=unit-$mode-$n
	"$bin/gen-unit" -t "$mode" "$n" > "$out/$unit.c"
	a="$CC -O2 -c $unit.c -o $unit.a.o"
	b="$CC -O2 -c $unit.c -o $unit.b.o $PLUGIN_FLAGS"
	label=$n
	[ "$mode" = chain ] && label="chain $n"
	note "scaling $label"
	row_a="-" row_b="-" row_ratio="-" row_spread="-" row_pa="-" row_pb="-"
	if [ "$pairs" -gt 0 ]; then
		ab -n "$pairs" -w "$([ "$n" -ge 10000 ] && echo 0 || echo 1)" -C "$out" "$a" "$b"
		row_a=$(calc %.2f "$r_a_cpu") row_b=$(calc %.2f "$r_b_cpu") row_ratio=$(calc %.4f "$r_ratio")
		row_spread="$(calc %.4f "$r_q1")-$(calc %.4f "$r_q3")"
		row_pa=$(kib_mb "$r_a_rss") row_pb=$(kib_mb "$r_b_rss")
	fi
	share="n/a (no perf)" samples="-" plugin_ms="-" res_ms="-"
	if [ -n "$have_perf" ]; then
		(cd "$out" && perf record -q -F "$PERF_HZ" -o "perf-$unit.data" -- sh -c "$b") >> "$log" 2>&1 ||
			fail "perf record of the $unit plugin build failed"
		perf report -i "$out/perf-$unit.data" --stdio --sort dso,sym -q -n > "$out/perf-$unit.txt" 2>/dev/null
		samples=$(awk '{ n += $2 } END { print n + 0 }' "$out/perf-$unit.txt")
		figures=$(awk -v hz="$PERF_HZ" -v total="$samples" '
			$3 == "klp_tag.so" { p += $2; if ($5 == "resolve_objects" || $5 == "propagate") r += $2 }
			END { printf "%.2f%% %.1f %.1f\n", total ? 100 * p / total : 0, 1000 * p / hz, 1000 * r / hz }' \
			"$out/perf-$unit.txt")
		read -r share plugin_ms res_ms <<-FIGURES
		$figures
		FIGURES
		if [ "$mode" = chain ]; then
			resolve_ms="$resolve_ms $n:$res_ms"
		else
			shares="$shares $n:$share"
		fi
	else
		ab -1 -n 1 -w 0 -C "$out" "$b"
	fi
	renamed "$out/$unit.b.o" || fail "the plugin renamed nothing in $unit.b.o"
	say "| $label | $((5 * n)) | $pairs | $row_a | $row_b | $row_ratio | $row_spread | $row_pa | $row_pb | $share | $plugin_ms | $res_ms | $samples |"
done
if [ -n "$have_perf" ]; then
	# First and last "N:SHARE" word of the list.
	first='' last=''
	for s in $shares; do
		[ -n "$first" ] || first=$s
		last=$s
	done
	first_v=${first#*:} last_v=${last#*:}
	first_v=${first_v%\%} last_v=${last_v%\%}
	# Flat: the share may not double (plus 0.1 point for sampling noise).
	goal "scaling: plugin share flat from N=${first%%:*} to N=${last%%:*}" "$first_v% -> $last_v%" \
		"$(calc %s "$last_v <= 2 * $first_v + 0.1 ? \"met\" : \"MISSED\"")"
	lo='' hi='' nchain=0
	for s in $resolve_ms; do
		[ -n "$lo" ] || lo=$s
		hi=$s nchain=$((nchain + 1))
	done
	if [ "$nchain" -ge 2 ]; then
		# Linear work grows with N; allow twice that for sampling noise.
		goal "scaling: propagation along a chain linear (chain ${lo%%:*} -> ${hi%%:*})" \
			"${lo#*:} ms -> ${hi#*:} ms" \
			"$(calc %s "${hi#*:} <= 2 * (${hi%%:*} / ${lo%%:*}) * ${lo#*:} + 2 ? \"met\" : \"MISSED\"")"
	fi
else
	goal "scaling: plugin share flat" "no perf" "not run"
fi
say ""

# ---- 3. tag files ------------------------------------------------------------

say "## 3. Tag files: compile with a tag file (B) against the same compile without one (A)"
say ""
if [ -n "$real_sample_cmd" ]; then
	tag_unit="livepatch-sample.o (kbuild command B of table 1)"
	tag_cmd=$real_sample_cmd tag_dir=$KDIR tag_fn=livepatch_cmdline_proc_show tag_obj=vmlinux
else
	n=${SCALE%%:*}
	tag_unit="unit-attr-$n.c of table 2"
	tag_cmd="$CC -O2 -c unit-attr-$n.c -o unit-attr-$n.t.o $PLUGIN_FLAGS" tag_dir=$out tag_fn=klp_bench_fn_0 tag_obj=vmlinux
fi
say "Unit: $tag_unit, with the plugin in both A and B; B adds \`-fplugin-arg-klp_tag-tags=tags-LINES\`"
say "(\`gen-tags LINES $tag_fn $tag_obj\`: the unit's function first, the rest absent from the unit)."
say "$TAG_PAIRS pairs per size; added time = median of per-pair differences B - A."
say ""
say "| lines | file (MB) | CPU A (s) | CPU B (s) | added CPU (s) | ratio B/A | spread (q1-q3) | peak A (MB) | peak B (MB) | added memory (MB) |"
say "|---|---|---|---|---|---|---|---|---|---|"
for lines in $TAG_LINES; do
	"$bin/gen-tags" "$lines" "$tag_fn" "$tag_obj" > "$out/tags-$lines"
	size=$(wc -c < "$out/tags-$lines")
	note "tag file of $lines lines"
	ab -n "$TAG_PAIRS" -C "$tag_dir" "$tag_cmd" "$tag_cmd -fplugin-arg-klp_tag-tags=$out/tags-$lines"
	# shellcheck disable=SC2154 # r_delta comes from ab's eval
	say "| $lines | $(calc %.1f "$size / 1048576") | $(calc %.3f "$r_a_cpu") | $(calc %.3f "$r_b_cpu") | $(calc %.3f "$r_delta") | $(calc %.3f "$r_ratio") | $(calc %.3f "$r_q1")-$(calc %.3f "$r_q3") | $(kib_mb "$r_a_rss") | $(kib_mb "$r_b_rss") | $(calc %.1f "($r_b_rss - $r_a_rss) / 1024") |"
	last_lines=$lines last_delta=$r_delta
done
goal "tag file of $last_lines lines adds < 0.5 s" "$(calc %.3f "$last_delta") s" \
	"$(calc %s "$last_delta < 0.5 ? \"met\" : \"MISSED\"")"
say ""

# ---- 4. checker ----------------------------------------------------------------

say "## 4. klp-arch-check on one large object file"
say ""
if [ ! -x "$CHECKER" ]; then
	say "Skipped: $CHECKER is not built."
	goal "checker: 1M entries" "not run" "checker not built"
else
	say "Object: \`gen-bigobj ENTRIES\` assembled with \`as\` (10 entries a function, 8 objects, one"
	say ".klp_tag.map record a function).  Command: \`klp-arch-check --kernel 5.4 --layout 5.4 big-ENTRIES.o > /dev/null\`"
	say "(the full report, every entry).  Runs longer than $CHECK_TIMEOUT s are stopped."
	say ""
	say "| entries | object (MB) | runs | CPU (s) | wall (s) | throughput (MB/s) | peak memory (MB) |"
	say "|---|---|---|---|---|---|---|"
	check_last=""
	for e in $CHECK_ENTRIES; do
		note "checker on $e entries"
		"$bin/gen-bigobj" "$e" > "$out/big-$e.s"
		as -o "$out/big-$e.o" "$out/big-$e.s" || fail "as failed on big-$e.s"
		rm -f "$out/big-$e.s"
		size=$(wc -c < "$out/big-$e.o")
		runs=$([ "$e" -ge 100000 ] && echo 1 || echo 3)
		ab -1 -n "$runs" -w "$([ "$runs" -gt 1 ] && echo 1 || echo 0)" -t "$CHECK_TIMEOUT" -C "$out" \
			"$CHECKER --kernel 5.4 --layout 5.4 big-$e.o > /dev/null"
		if [ -n "${r_timeout:-}" ]; then
			say "| $e | $(calc %.1f "$size / 1048576") | 1 | - | > $CHECK_TIMEOUT (stopped) | < $(calc %.2f "$size / 1048576 / $CHECK_TIMEOUT") | - |"
			check_last="did not finish in $CHECK_TIMEOUT s"
		else
			# shellcheck disable=SC2154 # r_cpu, r_wall, r_rss come from ab's eval
			say "| $e | $(calc %.1f "$size / 1048576") | $runs | $(calc %.3f "$r_cpu") | $(calc %.3f "$r_wall") | $(calc %.1f "$size / 1048576 / $r_wall") | $(kib_mb "$r_rss") |"
			check_last="$(calc %.1f "$size / 1048576 / $r_wall") MB/s, $(kib_mb "$r_rss") MB"
		fi
		rm -f "$out/big-$e.o"
	done
	goal "checker: ${CHECK_ENTRIES##* } entries usable" "$check_last" \
		"$(case $check_last in did*) echo MISSED ;; *) echo measured ;; esac)"
fi
say ""

# ---- 5. klp-reloc ---------------------------------------------------------------

say "## 5. klp-reloc: livepatch relocations against a full System.map"
say ""
map=
if [ ! -x "$RELOC" ]; then
	say "Skipped: $RELOC is not built."
elif [ -z "$KVER" ] || [ ! -f "$KDIR/Module.symvers" ]; then
	say "Skipped: no kernel headers with a Module.symvers (install linux-headers-amd64)."
elif ! map=$(scripts/system-map.sh "$KVER" "${MAP_DIR:-$out/system-map}" 2>> "$log"); then
	say "Skipped: no System.map of $KVER (scripts/system-map.sh: see $log)."
	map=
fi
if [ -z "$map" ]; then
	goal "klp-reloc: 10k references < 0.2 s" "not run" "see table 5"
else
	say "Map: \`$map\` ($(wc -l < "$map") lines).  Object: \`gen-refs MAP N\` assembled with \`as\`: N calls"
	say "(100 a function, tagged vmlinux) cycling through the map's $(grep -c ' t ' "$map") local functions, those of"
	say "a unique name each once.  Command: \`klp-reloc --kernel $KVER --symbols MAP --symvers"
	say "$KDIR/Module.symvers -o out.o refs-N.o\`, median of $RELOC_RUNS runs.  Marginal: (wall(N) - wall(first"
	say "row)) / (N - its N), the cost of one more reference; linear when it stays flat."
	say ""
	say "| references | klp relocations | CPU (s) | wall (s) | peak memory (MB) | marginal (us/reference) |"
	say "|---|---|---|---|---|---|"
	base_n='' base_wall='' reloc_10k='' marginals=''
	for n in $RELOC_REFS; do
		note "klp-reloc on $n references"
		"$bin/gen-refs" "$map" "$n" > "$out/refs-$n.s" 2>> "$log" || fail "gen-refs $n failed"
		as -o "$out/refs-$n.o" "$out/refs-$n.s" || fail "as failed on refs-$n.s"
		rm -f "$out/refs-$n.s"
		ab -1 -n "$RELOC_RUNS" -w 1 -C "$out" \
			"$RELOC --kernel $KVER --symbols $map --symvers $KDIR/Module.symvers -o refs-$n-out.o refs-$n.o"
		klps=$(readelf -r -W "$out/refs-$n-out.o" | grep -c '\.klp\.sym\.vmlinux\.' || true)
		[ "$klps" -eq "$n" ] || fail "klp-reloc made $klps livepatch relocations of $n references"
		if [ -z "$base_n" ]; then
			base_n=$n base_wall=$r_wall marginal=-
		else
			marginal=$(calc %.2f "($r_wall - $base_wall) / ($n - $base_n) * 1000000")
			marginals="$marginals $marginal"
		fi
		[ "$n" -eq 10000 ] && reloc_10k=$r_wall
		# shellcheck disable=SC2154 # r_cpu, r_wall, r_rss come from ab's eval
		say "| $n | $klps | $(calc %.3f "$r_cpu") | $(calc %.3f "$r_wall") | $(kib_mb "$r_rss") | $marginal |"
		rm -f "$out/refs-$n.o" "$out/refs-$n-out.o"
	done
	if [ -n "$reloc_10k" ]; then
		goal "klp-reloc: 10k references < 0.2 s" "$(calc %.3f "$reloc_10k") s" \
			"$(calc %s "$reloc_10k < 0.2 ? \"met\" : \"MISSED\"")"
	else
		goal "klp-reloc: 10k references < 0.2 s" "not run" "smoke sizes"
	fi
	# shellcheck disable=SC2086 # the list is split on purpose
	set -- $marginals
	if [ $# -ge 2 ]; then
		first=$1
		eval "last=\${$#}"
		goal "klp-reloc: linear in references (marginal cost, first/last)" \
			"$first / $last us" "$(calc %s "$last / $first < 2 && $first / $last < 2 ? \"met\" : \"MISSED\"")"
	fi
fi
say ""

# ---- 6. klp-tag-build -----------------------------------------------------------

say "## 6. klp-tag-build: one patch, cold and warm, against a full build"
say ""
tb=$out/tbuild
# A make started from make bench inherits its MAKEFLAGS (-j, variables):
# every build here runs as it would from a shell.
plain_make="env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES -u MAKELEVEL"
# tbuild_rows KERNEL TAG COLD_RUNS PATCH... -- ARGS: time klp-tag-build with
# ARGS (the target's inputs) on each PATCH, cold (COLD_RUNS runs, each with a
# fresh empty --cache) on the first one, then warm (TB_WARM_RUNS runs, the
# last cold run's cache) on every one; prints one row each and sets
# tb_cold_wall, tb_warm_wall (the first patch's medians).
tbuild_rows() {
	tb_kernel=$1 tb_tag=$2 tb_cold_runs=$3
	shift 3
	tb_patches=
	while [ "$1" != -- ]; do
		tb_patches="$tb_patches $1"
		shift
	done
	shift
	tb_args="$*"
	tb_cold_wall='' tb_warm_wall=''
	for tb_kind in cold warm; do
		for tb_patch in $tb_patches; do
			[ "$tb_kind" = warm ] || [ -z "$tb_cold_wall" ] || continue
			tb_pname=$(basename "$tb_patch" .patch)
			# Each run its own output directory (and cold, its own cache):
			# the last ones are named in $tb/TAG.out and $tb/TAG.cache.
			if [ "$tb_kind" = cold ]; then
				# shellcheck disable=SC2016 # expanded by ab's shell, each run
				tb_cache='c=$(mktemp -d '"$tb/$tb_tag-cache-XXXXXX"') && echo "$c" > '"$tb/$tb_tag.cache"' && '
				tb_runs=$tb_cold_runs
			else
				tb_cache="c=$(cat "$tb/$tb_tag.cache") && "
				tb_runs=$TB_WARM_RUNS
			fi
			note "klp-tag-build $tb_kernel $tb_kind: $tb_pname ($tb_runs runs)"
			ab -1 -n "$tb_runs" -w 0 -C "$tb" \
				"${tb_cache}o=\$(mktemp -d $tb/$tb_tag-out-XXXXXX) && echo \"\$o\" > $tb/$tb_tag.out && $plain_make $TAGBUILD $tb_args --cache \"\$c\" --name klp_bench -o \"\$o/klp_bench.ko\" $tb_patch"
			tb_report=$(cat "$tb/$tb_tag.out")/klp_bench/report
			[ -f "$(cat "$tb/$tb_tag.out")/klp_bench.ko" ] || fail "klp-tag-build left no module for $tb_pname"
			if [ "$tb_kind" = cold ]; then
				grep -q '^tree .* prepared [0-9.]*$' "$tb_report" || fail "the cold klp-tag-build of $tb_pname did not prepare its tree: $tb_report"
				tb_how="cold: tree prepared in $(sed -n 's/^tree .* prepared //p' "$tb_report") s"
			else
				grep -q '^tree .* reused$' "$tb_report" || fail "the warm klp-tag-build of $tb_pname did not reuse the tree: $tb_report"
				tb_how="warm: tree reused"
			fi
			tb_files=$(grep -c '^file .* verified ' "$tb_report" || true)
			[ "$tb_files" -ge 1 ] || fail "klp-tag-build verified no file for $tb_pname: $tb_report"
			tb_replaced=$(grep -c '^replace ' "$tb_report" || true)
			tb_ratio=-
			[ -z "$tb_full_wall" ] || [ "$tb_kernel" != "$tb_full_kernel" ] ||
				tb_ratio=$(calc %.1f "$tb_full_wall / $r_wall")
			say "| $tb_kernel | $tb_how | $tb_pname | $tb_runs | $(calc %.1f "$r_cpu") | $(calc %.1f "$r_wall") | $tb_ratio | $tb_files verified, $tb_replaced replaced |"
			if [ "$tb_kind" = cold ]; then
				tb_cold_wall=$r_wall
			elif [ -z "$tb_warm_wall" ]; then
				tb_warm_wall=$r_wall
			fi
		done
	done
	# The trees (up to 2 GB each) go; the last run's module stays.
	for tb_d in "$tb/$tb_tag"-cache-* "$tb/$tb_tag"-out-*; do
		[ "$tb_d" = "$(cat "$tb/$tb_tag.out")" ] || rm -rf "$tb_d"
	done
}
rel54=5.4.286-klptest
kdir54=/usr/src/linux-headers-$rel54
tarball54=${KLP_TEST_KERNELS:-}/linux-5.4.286-src.tar.xz
patch_a=$top/testsuite/klp_tag.build/patches54/a-cmdline-string.patch
patch_d=$top/testsuite/klp_tag.build/patches54/d-cmdline-new-function.patch
goal_warm="klp-tag-build: one-file patch warm < 15 s (2 CPUs)"
goal_fast="klp-tag-build: warm >= 50x faster than a full build of 5.4"
goal_cold="klp-tag-build: Debian 6.1 cold < 2 min (2 CPUs)"
if [ -n "$smoke" ]; then
	say "Not run (smoke run): it builds kernel trees, minutes of work."
	say ""
	for g in "$goal_warm" "$goal_fast" "$goal_cold"; do
		goal "$g" "smoke run" "not run"
	done
elif [ ! -x "$TAGBUILD" ]; then
	say "Skipped: $TAGBUILD is not built."
	say ""
	for g in "$goal_warm" "$goal_fast" "$goal_cold"; do
		goal "$g" "tool not built" "not run"
	done
else
	rm -rf "$tb"
	mkdir -p "$tb"
	say "Each row runs \`$TAGBUILD --source SOURCE --kdir KDIR --symbols MAP --vmlinux VMLINUX"
	say "--cache CACHE --name klp_bench -o OUT/klp_bench.ko PATCH\` (exit status 0: the module is built and"
	say "verified against VMLINUX); wall and CPU (user + sys of the whole process tree) from"
	say "\`bench/ab -1\`, medians of the runs.  Cold: a fresh empty CACHE each run, so the run extracts"
	say "SOURCE and prepares the tree (\`make modules_prepare\`) before the build; warm: the cache of the"
	say "last cold run, the tree reused.  Patches from \`testsuite/klp_tag.build/patches54/\`, one file each"
	say "(\`fs/proc/cmdline.c\`): a-cmdline-string changes a string, d-cmdline-new-function adds a function"
	say "and a variable.  The last column is from the module's report."
	say ""
	say "| kernel | run | patch | runs | CPU (s) | wall (s) | full build / this (wall) | files, functions |"
	say "|---|---|---|---|---|---|---|---|"
	tb_full_wall='' tb_full_kernel='' full_note='' warm_results='' warm_worst=0 full_ratio=''
	# ---- 5.4.286, the test kernel: its tree built in full, then the tool
	if [ -z "${KLP_TEST_KERNELS:-}" ] || [ ! -f "$tarball54" ]; then
		say "| $rel54 | skipped: KLP_TEST_KERNELS${KLP_TEST_KERNELS:+=$KLP_TEST_KERNELS} holds no $(basename "$tarball54") | - | - | - | - | - | - |"
		full_note="Skipped 5.4: no test kernel (make bench KLP_TEST_KERNELS=DIR, docs/testing.md)."
	elif ! scripts/test-kernels.sh "$KLP_TEST_KERNELS" "$rel54" 5.4.286-1 "$(basename "$tarball54")" \
			"vmlinux-$rel54.xz" >> "$log" 2>&1; then
		say "| $rel54 | skipped: its packages are not installed or do not match SHA256SUMS (scripts/test-kernels.sh, see the log) | - | - | - | - | - | - |"
		full_note="Skipped 5.4: scripts/test-kernels.sh failed (as root it installs the packages)."
	else
		vml54=$tb/vmlinux-$rel54
		xz -dc "$KLP_TEST_KERNELS/vmlinux-$rel54.xz" > "$vml54" || fail "cannot decompress vmlinux-$rel54.xz"
		# The full build: the same tarball and config, built as a distribution
		# builds its kernel (what kpatch-build and klp-build pay twice a patch).
		full=$tb/full-$rel54
		mkdir -p "$full"
		note "full build of $rel54 (make -k -j2 vmlinux modules)"
		tar -xJf "$tarball54" -C "$full" --strip-components=1 || fail "cannot extract $tarball54"
		cp "$kdir54/.config" "$full/.config"
		(cd "$full" && $plain_make make olddefconfig) >> "$log" 2>&1 || fail "make olddefconfig of $rel54 failed"
		cmp -s "$kdir54/.config" "$full/.config" || fail "make olddefconfig changed the .config of $rel54"
		# The tarball keeps of samples/ only livepatch/, but samples/Makefile
		# always descends into vfio-mdev/ (which compiles nothing here).
		[ -e "$full/samples/vfio-mdev/Makefile" ] || { mkdir -p "$full/samples/vfio-mdev" && : > "$full/samples/vfio-mdev/Makefile"; }
		# It has no source of drivers/ and sound/ either, only their
		# makefiles: make -k compiles everything else, then stops before
		# the link.  Nothing else may fail.
		ab -1 -n 1 -w 0 -C "$full" "$plain_make make -k -j2 vmlinux modules > $tb/full.log 2>&1 || :"
		tb_full_wall=$r_wall tb_full_kernel=$rel54
		cat "$tb/full.log" >> "$log"
		! grep -E ': (fatal )?error: ' "$tb/full.log" >&2 || fail "the full build of $rel54 has compile errors"
		sed -n "s/.*No rule to make target '\([^']*\)'.*/\1/p" "$tb/full.log" | sort -u > "$tb/full.missing"
		! grep -v -E '^(drivers|sound)/' "$tb/full.missing" >&2 ||
			fail "the full build of $rel54 misses more than the sources of drivers/ and sound/"
		missing=$(wc -l < "$tb/full.missing")
		# Objects compiled: every .o whose kbuild .cmd is a compile (C or
		# assembler), host programs and objtool left out.
		objs=$(find "$full" -path "$full/scripts" -prune -o -path "$full/tools" -prune -o \
			-name '.*.o.cmd' -exec grep -l '^cmd_[^ ]* := .* -c ' {} + | wc -l)
		[ "$objs" -gt 100 ] || fail "the full build of $rel54 compiled only $objs objects"
		files54=$(readelf -sW "$vml54" | awk '$4 == "FILE"' | wc -l)
		say "| $rel54 | full build: \`make -k -j2 vmlinux modules\` (all but drivers/, a lower bound) | - | 1 | $(calc %.1f "$r_cpu") | $(calc %.1f "$r_wall") | 1 | $objs objects compiled |"
		full_note="Full build of $rel54: \`$(basename "$tarball54")\` extracted, the headers package's \`.config\`
(\`make olddefconfig\` leaves it unchanged), \`make -k -j2 vmlinux modules\` with \`$(gcc --version | head -n 1)\`
(the kernel's own: $(sed -n 's/.*LINUX_COMPILER "\(.*\)"/\1/p' "$kdir54/include/generated/compile.h" 2>/dev/null)):
$objs objects compiled (kbuild \`.o.cmd\` files of a compile, outside scripts/ and tools/).  The tarball is
the tree the test kernel was built from without what its config never compiles (arch/ only x86,
samples/ only livepatch, for which an empty samples/vfio-mdev/Makefile stands in) and without the
sources of drivers/ and sound/, of which it keeps only the makefiles: the build compiles everything
else, then ($missing objects of drivers/ with no source, \`$tb/full.missing\`) stops before linking
vmlinux and the modules.  So its time is a lower bound of the full build and the ratios below
understate klp-tag-build's advantage.  (The test kernel's vmlinux has $files54 STT_FILE symbols.)"
		rm -rf "$full"
		tbuild_rows "$rel54" t54 "$TB_COLD_RUNS54" "$patch_a" "$patch_d" -- \
			--source "$tarball54" --kdir "$kdir54" --symbols "/boot/System.map-$rel54" --vmlinux "$vml54"
		full_ratio=$(calc %.1f "$tb_full_wall / $tb_warm_wall")
		full_cold_ratio=$(calc %.1f "$tb_full_wall / $tb_cold_wall")
		warm_results="$rel54 $(calc %.1f "$tb_warm_wall") s"
		warm_worst=$tb_warm_wall
	fi
	# ---- Debian's 6.1: no full build here; its object count from vmlinux
	src61=/usr/src/linux-source-6.1.tar.xz
	dbg61=
	cold61=
	if [ -z "$KVER" ] || [ ! -f "$KDIR/.config" ]; then
		say "| Debian 6.1 | skipped: no kernel headers (install linux-headers-amd64) | - | - | - | - | - | - |"
	elif [ ! -f "$src61" ]; then
		say "| $KVER | skipped: no $src61 (install linux-source-6.1) | - | - | - | - | - | - |"
	elif ! dbg61=$(scripts/system-map.sh --vmlinux "$KVER" "${MAP_DIR:-$out/system-map}" 2>> "$log"); then
		say "| $KVER | skipped: no System.map and vmlinux of $KVER (scripts/system-map.sh --vmlinux, see the log) | - | - | - | - | - | - |"
		dbg61=
	else
		map61=$(echo "$dbg61" | sed -n 1p)
		vml61=$(echo "$dbg61" | sed -n 2p)
		tbuild_rows "$KVER" t61 "$TB_COLD_RUNS61" "$patch_a" -- \
			--source "$src61" --kdir "$KDIR" --symbols "$map61" --vmlinux "$vml61"
		cold61=$tb_cold_wall
		warm_results="${warm_results:+$warm_results, }$KVER $(calc %.1f "$tb_warm_wall") s"
		warm_worst=$(calc %.4f "$tb_warm_wall > $warm_worst ? $tb_warm_wall : $warm_worst")
		cus61=$(readelf --debug-dump=aranges "$vml61" 2>/dev/null | grep -c 'Offset into .debug_info' || true)
		files61=$(readelf -sW "$vml61" | awk '$4 == "FILE"' | wc -l)
	fi
	say ""
	[ -z "$full_note" ] || { say "$full_note"; say ""; }
	if [ -n "$full_ratio" ]; then
		say "Ratios (wall, one run of each): a full build of $rel54 takes $full_ratio times as long as a warm"
		say "klp-tag-build of a-cmdline-string and $full_cold_ratio times as long as a cold one; kpatch-build and"
		say "klp-build pay such a build twice a patch (original and patched)."
		say ""
	fi
	if [ -n "$cold61" ]; then
		say "Debian $KVER, a full build of its config: $cus61 objects in vmlinux, counted as the compile"
		say "units of the debug vmlinux's DWARF (\`readelf --debug-dump=aranges\`; its STT_FILE symbols, which"
		say "units without local symbols lack, number $files61).  Vmlinux only: its modules are not counted"
		say "(no image package's modules read here)."
		say ""
	fi
	if [ -n "$warm_results" ]; then
		goal "$goal_warm" "$warm_results ($(nproc) CPUs)" \
			"$(calc %s "$warm_worst < 15 ? \"met\" : \"MISSED\"")"
	else
		goal "$goal_warm" "no kernel" "not run"
	fi
	if [ -n "$full_ratio" ]; then
		goal "$goal_fast" "${full_ratio}x (cold ${full_cold_ratio}x)" \
			"$(calc %s "$full_ratio >= 50 ? \"met\" : \"MISSED\"")"
	else
		goal "$goal_fast" "no 5.4 test kernel" "not run"
	fi
	if [ -n "$cold61" ]; then
		goal "$goal_cold" "$(calc %.1f "$cold61") s" "$(calc %s "$cold61 < 120 ? \"met\" : \"MISSED\"")"
	else
		goal "$goal_cold" "no Debian 6.1" "not run"
	fi
fi

# ---- goals ------------------------------------------------------------------------

say "## Goals"
say ""
say "| goal | result | status |"
say "|---|---|---|$goals"
