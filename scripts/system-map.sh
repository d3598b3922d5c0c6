#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# system-map.sh - the real System.map of a Debian kernel release, which
# klp-reloc needs to place static and unexported symbols, and with
# --vmlinux also the release's vmlinux with its symbol table and DWARF,
# which klp-tag-build verifies its compiles against.
#
#   scripts/system-map.sh RELEASE DIR
#   scripts/system-map.sh --vmlinux RELEASE DIR
#
# Prints the path of the map; with --vmlinux a second line, the path of
# the vmlinux.  Debian's /boot/System.map-RELEASE is a one-line
# placeholder; the real map is ./usr/lib/debug/boot/System.map-RELEASE in
# the package linux-image-RELEASE-dbg, the vmlinux beside it
# (./usr/lib/debug/boot/vmlinux-RELEASE, about 630 MB).  When /boot holds
# a real map it is used as it is; whatever else is missing, the package is
# downloaded into DIR (apt-get download, no root needed, nothing
# installed), only the missing files are extracted, in one pass, and the
# package (close to 1 GB) is deleted.  Files already extracted into DIR
# are reused.  Exit status 1, with the reason, when they cannot be had.
set -eu

want_vmlinux=0
if [ "${1:-}" = --vmlinux ]; then
	want_vmlinux=1
	shift
fi
[ $# -eq 2 ] || { echo "usage: scripts/system-map.sh [--vmlinux] RELEASE DIR" >&2; exit 1; }
rel=$1 dir=$2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
debug=usr/lib/debug/boot
map=$dir/$debug/System.map-$rel
vmlinux=$dir/$debug/vmlinux-$rel
boot=/boot/System.map-$rel

# A real map has thousands of lines; the placeholder has one.
[ -f "$boot" ] && [ "$(head -n 2 "$boot" | wc -l)" -gt 1 ] && map=$boot
members=
[ -s "$map" ] || members="./$debug/System.map-$rel"
[ "$want_vmlinux" -eq 0 ] || [ -s "$vmlinux" ] || members="$members ./$debug/vmlinux-$rel"

if [ -n "$members" ]; then
	pkg=linux-image-$rel-dbg
	(cd "$dir" && apt-get download "$pkg" >&2) || {
		echo "system-map.sh: cannot download $pkg (apt-get download $pkg): the real System.map and the vmlinux of $rel are in it" >&2
		exit 1
	}
	deb=$(find "$dir" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
	[ -n "$deb" ] || { echo "system-map.sh: apt-get download $pkg left no .deb in $dir" >&2; exit 1; }
	status=0
	# tar stops reading once it has every member (--occurrence), which
	# ends dpkg-deb early: only tar's status counts.
	# shellcheck disable=SC2086 # one word per member; none holds a blank
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" --occurrence=1 $members || status=$?
	rm -f "$deb"
	for m in $members; do
		if [ "$status" -ne 0 ] || [ ! -s "$dir/$m" ]; then
			echo "system-map.sh: $deb holds no $m" >&2
			exit 1
		fi
	done
fi
echo "$map"
[ "$want_vmlinux" -eq 0 ] || echo "$vmlinux"
