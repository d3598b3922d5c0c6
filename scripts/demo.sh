#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# demo.sh - build the examples and the kernel's livepatch samples with
# klp-tag against the installed Debian kernel headers, and show what is in
# each livepatch module.  Run from the top of the klp-tag tree (make demo).
#
#   scripts/demo.sh setup DIR         lay out a build tree in DIR
#   scripts/demo.sh build DIR [VAR=VALUE...]
#                                     build its four module directories;
#                                     the arguments go to kbuild's make
#                                     (e.g. KLP_TAG_ABI=klp-arch, KLP_TAG_OFF=1)
#   scripts/demo.sh show DIR [ARGS]   sections and entries of each livepatch
#                                     .ko (ARGS go to klp-arch-check, e.g.
#                                     --kernel klp-arch)
#   scripts/demo.sh demo DIR          all of it, for KLP_TAG_ABI=auto and
#                                     for KLP_TAG_ABI=klp-arch (DIR/auto,
#                                     DIR/klp-arch)
#
# Kernel modules are never built in the source tree (`make clean` of kbuild
# deletes every .ko under M=): DIR mirrors the tree's layout with symbolic
# links, so the examples' Kbuild files find kbuild-integration/ where they
# expect it, and the upstream samples are extracted into DIR at build time.
#
# Environment: KLP_SAMPLES_DIR (where setup extracts the samples, default
# DIR/upstream-src), KDIR (default /usr/src/linux-headers-VERSION from
# scripts/kernel-version.sh), CHECKER (default
# tools/klp-arch-check/klp-arch-check; readelf is used while it is not built).
set -eu

top=$(pwd)
[ -f "$top/kbuild-integration/klp-tag.mk" ] || { echo "demo.sh: run it from the top of the klp-tag tree" >&2; exit 1; }
KDIR=${KDIR:-/usr/src/linux-headers-$(scripts/kernel-version.sh)}
CHECKER=${CHECKER:-$top/tools/klp-arch-check/klp-arch-check}

# Each function below runs in a subshell, ( ... ) rather than { ... }: its
# variables stay its own (POSIX sh has no 'local'; demo calls setup and
# build, which set dir too), and an exit in it ends the script through set -e.

# The module directories of a build tree, in build order (targets first).
MODDIRS="examples/target examples/livepatch examples/upstream/targets examples/upstream/livepatch"
SAMPLE_PATCHES="livepatch-sample.c livepatch-shadow-fix1.c livepatch-shadow-fix2.c livepatch-callbacks-demo.c"
SAMPLE_TARGETS="livepatch-shadow-mod.c livepatch-callbacks-mod.c livepatch-callbacks-busymod.c"

link_files() ( # DESTDIR FILE...
	dest=$1
	shift
	mkdir -p "$dest"
	for f in "$@"; do
		ln -sfn "$f" "$dest/$(basename "$f")"
	done
)

setup() (
	mkdir -p "$1"
	dir=$(cd "$1" && pwd)
	src=${KLP_SAMPLES_DIR:-$dir/upstream-src}
	ln -sfn "$top/kbuild-integration" "$dir/kbuild-integration"
	link_files "$dir/examples/target" "$top"/examples/target/*
	link_files "$dir/examples/livepatch" "$top"/examples/livepatch/*
	"$top/scripts/upstream-samples.sh" "$src"
	link_files "$dir/examples/upstream/livepatch" "$top/examples/upstream/livepatch/Kbuild"
	link_files "$dir/examples/upstream/targets" "$top/examples/upstream/targets/Kbuild"
	# Those the kernel has: 4.9's samples are livepatch-sample.c alone
	# (shadow variables came in 4.13, callbacks in 4.15); the Kbuild files
	# build what is there.
	for f in $SAMPLE_PATCHES; do
		[ ! -f "$src/$f" ] || link_files "$dir/examples/upstream/livepatch" "$src/$f"
	done
	for f in $SAMPLE_TARGETS; do
		[ ! -f "$src/$f" ] || link_files "$dir/examples/upstream/targets" "$src/$f"
	done
)

build() (
	dir=$(cd "$1" && pwd)
	shift
	if [ ! -d "$KDIR" ]; then
		echo "demo.sh: no kernel headers at $KDIR: install linux-headers-amd64" >&2
		exit 1
	fi
	for d in $MODDIRS; do
		# A directory without sources (4.9 has no sample target modules).
		ls "$dir/$d"/*.c >/dev/null 2>&1 || continue
		# An enclosing make's flags and overrides (CC=...) are not kbuild's.
		env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES -u MAKELEVEL make -s -C "$KDIR" M="$dir/$d" modules "$@" 2>&1 |
			grep -v -e '^Skipping BTF generation' || true
		ls "$dir/$d"/*.ko >/dev/null 2>&1 || { echo "demo.sh: building $d failed" >&2; exit 1; }
	done
)

# Without the checker: the sections that hold entries, as readelf sees them,
# with entry counts for Debian 6.1's layout (12-byte alternatives, 16-byte
# paravirt sites).
show_readelf() {
	readelf -S -W "$1" | awk '
	{ sub(/^ *\[ *[0-9]+\] */, "") }
	$1 ~ /^(\.altinstructions|\.parainstructions|\.klp\.arch\.)/ {
		name = $1; size = strtonum("0x" $5); align = $NF
		esz = (name ~ /altinstructions$/) ? 12 : 16
		obj = "(module load)"
		if (name ~ /^\.klp\.arch\./) { obj = name; sub(/^\.klp\.arch\./, "", obj); sub(/\..*/, "", obj) }
		printf "    %-20s %-46s %3d entries  align %s\n", obj, name, int((size + esz - 1) / esz), align
		n++
	}
	END { if (!n) print "    no alternative or paravirt entries" }'
}

show() (
	dir=$1
	shift
	for d in $MODDIRS; do
		for ko in "$dir/$d"/*.ko; do
			[ -f "$ko" ] || continue
			# Only livepatch modules have per-object sections to show.
			modinfo -F livepatch "$ko" 2>/dev/null | grep -q Y || continue
			echo "  $(basename "$ko")"
			if [ -x "$CHECKER" ]; then
				"$CHECKER" "$@" "$ko" | sed 's/^/    /' || true
			else
				show_readelf "$ko"
			fi
		done
	done
)

demo() (
	dir=$1
	mkdir -p "$dir"
	KLP_SAMPLES_DIR=$(cd "$dir" && pwd)/upstream-src
	export KLP_SAMPLES_DIR
	echo "== KLP_TAG_ABI=auto (the default), kernel headers $KDIR"
	setup "$dir/auto"
	build "$dir/auto"
	echo "== the livepatch modules as built for this kernel, checked against its rules:"
	show "$dir/auto"
	echo
	echo "== KLP_TAG_ABI=klp-arch: the same modules as built for a kernel that applies .klp.arch (4.9-5.7)"
	setup "$dir/klp-arch"
	build "$dir/klp-arch" KLP_TAG_ABI=klp-arch KLP_TAG_ABI_FORCE=1
	echo "== checked against the rules of such a kernel (klp-arch-check --kernel klp-arch):"
	show "$dir/klp-arch" --kernel klp-arch
	[ -x "$CHECKER" ] || echo "(klp-arch-check is not built yet: sections listed with readelf)"
)

cmd=${1:-}
[ $# -ge 2 ] || { sed -n '2,26p' "$0" >&2; exit 1; }
shift
case $cmd in
setup | build | show | demo) "$cmd" "$@" ;;
*) sed -n '2,26p' "$0" >&2; exit 1 ;;
esac
