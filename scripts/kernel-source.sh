#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# kernel-source.sh DESTDIR MEMBER...
#
# Extract directories (or files) of a kernel source tarball into DESTDIR,
# at their paths below the tarball's top directory, whatever that directory
# is called: MEMBER lib/livepatch lands in DESTDIR/lib/livepatch.  A MEMBER
# **/NAME is NAME at any depth (**/Kconfig*: every Kconfig file, which a
# configured partial tree needs).  All members
# come out of one pass over the xz stream (reading it takes several seconds
# for a whole kernel).  Kernel sources are extracted at test or build time
# into scratch directories and never committed.
#
# Environment:
#   KLP_LINUX_SOURCE  the tarball (default /usr/src/linux-source-6.1.tar.xz,
#                     from the linux-source-6.1 package; needs xz-utils)
#
# A second run with the same tarball and members is a no-op while the
# stamp DESTDIR/.extracted is newer than the tarball.
# Exit status 0 on success; 1 with a message naming what is missing.
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 DESTDIR MEMBER..." >&2
	exit 1
fi
dest=$1
shift
tarball=${KLP_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}

if [ ! -f "$tarball" ]; then
	case "$tarball" in
	/usr/src/linux-source-*) echo "klp-tag: $tarball not found: install linux-source-6.1 (scripts/deps.sh linux-source-6.1 xz-utils)" >&2 ;;
	*) echo "klp-tag: $tarball not found" >&2 ;;
	esac
	exit 1
fi
if ! command -v xz >/dev/null 2>&1; then
	echo "klp-tag: xz not found: install xz-utils" >&2
	exit 1
fi

stamp=$dest/.extracted
want="$tarball $*"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
	[ -z "$(find -L "$tarball" -newer "$stamp")" ]; then
	exit 0
fi

mkdir -p "$dest"
rm -f "$stamp"
# '*' stands for the top directory and, without matching '/', for nothing
# deeper; a directory that matches brings its contents.
# '**/NAME' members go after --wildcards-match-slash, where '*' crosses
# directories; tar reads these options in order.
patterns=''
deep=''
for m in "$@"; do
	case $m in
	'**/'*) deep="$deep */${m#\*\*/}" ;;
	*) patterns="$patterns */${m%/}" ;;
	esac
done
# shellcheck disable=SC2086 # one pattern per member, globbing off below
if ! (set -f && tar -xJf "$tarball" -C "$dest" --strip-components=1 \
	--wildcards --no-wildcards-match-slash $patterns \
	${deep:+--wildcards-match-slash $deep}); then
	echo "klp-tag: could not extract $* from $tarball" >&2
	exit 1
fi
for m in "$@"; do
	case $m in
	'**/'*) continue ;;
	esac
	if [ ! -e "$dest/$m" ]; then
		echo "klp-tag: $tarball holds no $m" >&2
		exit 1
	fi
done
printf '%s\n' "$want" > "$stamp"
