#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# For `make check SANITIZE=1`: make every GCC the testsuite runs load the
# AddressSanitizer runtime first, so a plugin built with -fsanitize=address
# can be loaded into cc1 and lto1, without touching anything else.
#
# Usage: PATH=$(scripts/sanitize-env.sh CC DIR):$PATH
#
# Writes into DIR one wrapper per GCC driver found on PATH (gcc, gcc-N,
# and CC itself), each named like the driver it stands for and running it
# by absolute path with
#   LD_PRELOAD=<the ASan runtime CC links, $(CC -print-file-name=libasan.so)>
#   ASAN_OPTIONS=...:detect_leaks=0
# and prints DIR.  With DIR first on PATH, every compile (the DejaGnu
# tests', kbuild's gcc-12, make install's) loads the runtime the plugin
# was linked against, through the whole compiler process tree (driver, cc1,
# lto1, as, ld).  Leak detection is off in the compiler only: GCC frees
# little on purpose, and every compile would exit 1 on its "leaks".  Other
# programs, the checker first, are not wrapped and keep ASan's defaults,
# leak detection included.
set -eu
cc=$1 dir=$2
asan=$("$cc" -print-file-name=libasan.so)
case $asan in
/*) [ -e "$asan" ] || { echo "sanitize-env: $cc has no ASan runtime ($asan); install libasan for it" >&2; exit 1; } ;;
*) echo "sanitize-env: $cc has no ASan runtime (libasan.so not found); install libasan for it" >&2; exit 1 ;;
esac
mkdir -p "$dir"
rm -f "$dir"/*
others=$(echo "$PATH" | tr ':' '\n' | grep -vxF "$dir" | paste -sd: -)
# gcc and gcc-N (N digits only) in each directory of PATH, then CC.
names=$(for p in $(echo "$others" | tr ':' ' '); do
	for f in "$p"/gcc "$p"/gcc-*; do
		n=${f##*/}
		case $n in
		gcc-*[!0-9]* | gcc-) continue ;;
		esac
		if [ -e "$f" ] || [ -L "$f" ]; then
			echo "$n"
		fi
	done
done; echo "$cc")
for name in $(echo "$names" | sort -u); do
	real=$(PATH=$others command -v "$name") || continue
	case $real in /*) ;; *) continue ;; esac
	cat >"$dir/$(basename "$name")" <<WRAP
#!/bin/sh
# Written by scripts/sanitize-env.sh: $real with the ASan runtime preloaded.
LD_PRELOAD=$asan\${LD_PRELOAD:+:\$LD_PRELOAD} \\
ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0 \\
exec $real "\$@"
WRAP
	chmod +x "$dir/$(basename "$name")"
done
echo "$dir"
