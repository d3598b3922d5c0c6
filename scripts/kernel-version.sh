#!/bin/sh
# Print the version (e.g. 6.1.0-56-amd64) of the newest Debian kernel headers
# installed under /usr/src, the kernel the project builds modules for.
# Prints nothing when none is installed.
ls -d /usr/src/linux-headers-*-amd64 2>/dev/null |
	sed -n 's|^/usr/src/linux-headers-\(.*-amd64\)$|\1|p' |
	grep -v -e '-cloud-' -e '-rt-' | sort -V | tail -n 1
