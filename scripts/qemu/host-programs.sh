#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Print the DEST=SRC pairs (mkinitramfs.sh's arguments) that put programs
# of this machine into the test initramfs together with the shared
# libraries and the dynamic loader they need, at the same paths as here.
# A program given as DEST=PROGRAM lands at DEST (e.g. bin/bash=bash-static,
# bin/modprobe=kmod: kmod acts by the name it is called by); PROGRAM is
# looked up in PATH.
#
# Usage: scripts/qemu/host-programs.sh DEST=PROGRAM...
# Exit status 1, naming it, when a program or a library is missing.
set -eu

libs=
for pair in "$@"; do
	case "$pair" in
	*=*) ;;
	*) echo "klp-tag: $0: argument '$pair' is not DEST=PROGRAM" >&2; exit 2 ;;
	esac
	dest=${pair%%=*} prog=${pair#*=}
	path=$(command -v "$prog" || true)
	case "$path" in
	/*) ;;
	*) echo "klp-tag: $prog not found on this machine" >&2; exit 1 ;;
	esac
	echo "$dest=$path"
	# ldd prints "name => /path (address)" for a library, "/path
	# (address)" for the loader, and fails on a static program.
	if deps=$(ldd "$path" 2>/dev/null); then
		if printf '%s\n' "$deps" | grep -q 'not found'; then
			echo "klp-tag: $path needs a library this machine lacks:" >&2
			printf '%s\n' "$deps" | grep 'not found' >&2
			exit 1
		fi
		libs="$libs $(printf '%s\n' "$deps" | sed -n 's|.*=> \(/[^ ]*\) (0x.*|\1|p; s|^[[:space:]]*\(/[^ ]*\) (0x.*|\1|p')"
	fi
done
for lib in $libs; do
	echo "${lib#/}=$lib"
done | sort -u
