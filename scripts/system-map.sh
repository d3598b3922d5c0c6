#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# system-map.sh - the real System.map of a Debian kernel release, which
# klp-reloc needs to place static and unexported symbols.
#
#   scripts/system-map.sh RELEASE DIR
#
# Prints the path of the map.  Debian's /boot/System.map-RELEASE is a
# one-line placeholder; the real map is ./usr/lib/debug/boot/System.map-
# RELEASE in the package linux-image-RELEASE-dbg.  When /boot holds a real
# map it is used as it is; otherwise the package is downloaded into DIR
# (apt-get download, no root needed, nothing installed), only the map is
# extracted, and the package (close to 1 GB) is deleted.  A map already
# extracted into DIR is reused.  Exit status 1, with the reason, when it
# cannot be had.
set -eu

[ $# -eq 2 ] || { echo "usage: scripts/system-map.sh RELEASE DIR" >&2; exit 1; }
rel=$1 dir=$2
boot=/boot/System.map-$rel
# A real map has thousands of lines; the placeholder has one.
if [ -f "$boot" ] && [ "$(head -n 2 "$boot" | wc -l)" -gt 1 ]; then
	echo "$boot"
	exit 0
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
map=$dir/usr/lib/debug/boot/System.map-$rel
if [ -s "$map" ]; then
	echo "$map"
	exit 0
fi
pkg=linux-image-$rel-dbg
(cd "$dir" && apt-get download "$pkg" >&2) || {
	echo "system-map.sh: cannot download $pkg (apt-get download $pkg): the real System.map of $rel is in it" >&2
	exit 1
}
deb=$(find "$dir" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
[ -n "$deb" ] || { echo "system-map.sh: apt-get download $pkg left no .deb in $dir" >&2; exit 1; }
status=0
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir" --occurrence=1 "./usr/lib/debug/boot/System.map-$rel" || status=$?
rm -f "$deb"
if [ "$status" -ne 0 ] || [ ! -s "$map" ]; then
	echo "system-map.sh: $deb holds no ./usr/lib/debug/boot/System.map-$rel" >&2
	exit 1
fi
echo "$map"
