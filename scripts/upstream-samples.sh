#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# upstream-samples.sh DESTDIR
#
# Extract the kernel's own livepatch samples (samples/livepatch/ of Debian's
# linux-source-6.1 tarball) into DESTDIR, flat: DESTDIR/livepatch-sample.c,
# DESTDIR/livepatch-shadow-fix1.c, ..., DESTDIR/Makefile (upstream's, which
# builds nothing with Debian's config; the project brings its own Kbuild).
# Nothing else of the 140 MB tarball is written.  The samples are GPL kernel
# sources: they are extracted at build time into a scratch directory and
# never committed.
#
# Environment:
#   KLP_LINUX_SOURCE  the tarball (default /usr/src/linux-source-6.1.tar.xz,
#                     from the linux-source-6.1 package; needs xz-utils)
#
# A second run is a no-op while DESTDIR/.extracted is newer than the tarball
# (reading the member out of the xz stream takes several seconds).
# Exit status 0 on success; 1 with a message naming the missing package or
# file otherwise.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 DESTDIR" >&2
	exit 1
fi
dest=$1
tarball=${KLP_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
# The top directory inside the tarball is the tarball's own name.
top=$(basename "$tarball" .tar.xz)
member=$top/samples/livepatch/

if [ ! -f "$tarball" ]; then
	echo "klp-tag: $tarball not found: install linux-source-6.1 (scripts/deps.sh linux-source-6.1 xz-utils)" >&2
	exit 1
fi
if ! command -v xz >/dev/null 2>&1; then
	echo "klp-tag: xz not found: install xz-utils" >&2
	exit 1
fi

stamp=$dest/.extracted
# POSIX test has no -nt: find -newer compares the two modification times
# (-L: of the files that symbolic links name, as test -nt does).
if [ -f "$stamp" ] && [ -n "$(find -L "$stamp" -newer "$tarball")" ]; then
	exit 0
fi

mkdir -p "$dest"
# --strip-components=3 drops linux-source-6.1/samples/livepatch/.
if ! tar -xJf "$tarball" -C "$dest" --strip-components=3 "$member"; then
	echo "klp-tag: could not extract $member from $tarball" >&2
	exit 1
fi
if [ ! -f "$dest/livepatch-sample.c" ]; then
	echo "klp-tag: $tarball holds no $member" >&2
	exit 1
fi
touch "$stamp"
