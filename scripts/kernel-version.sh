#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Print the version (e.g. 6.1.0-56-amd64) of the newest Debian kernel headers
# installed under /usr/src, the kernel the project builds modules for.
# Prints nothing when none is installed.
# The glob stays as it is when nothing matches: only existing names count.
for d in /usr/src/linux-headers-*-amd64; do
	if [ -e "$d" ] || [ -L "$d" ]; then
		printf '%s\n' "$d"
	fi
done |
	sed -n 's|^/usr/src/linux-headers-\(.*-amd64\)$|\1|p' |
	grep -v -e '-cloud-' -e '-rt-' | sort -V | tail -n 1
