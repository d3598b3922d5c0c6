#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the test kernels' scenarios, before the demo scenario they run: loads
# the test-only module klp_peek and reports, at each phase of the
# scenario, what $modules/peek.list asks for (written by the host, one
# request a line):
#     symbol NAME LENGTH    KLPQ S PHASE symbol NAME: ADDRESS HEX-BYTES
#     section MODULE NAME   KLPQ S PHASE section MODULE NAME: 0xADDRESS
# so the host can tell whether each alternative and paravirt site holds its
# original or its patched instructions.
: "${modules:?the scenario sets modules}"
run insmod-peek insmod /modules/peek/klp_peek.ko
peek=/sys/module/klp_peek/parameters/peek

phase_hook() {
	while read -r what a b; do
		case "$what" in
		symbol)
			echo "$a $b" > "$peek"
			report "$1 symbol $a" "$(cat "$peek")"
			;;
		section)
			report "$1 section $a $b" "$(cat "/sys/module/$a/sections/$b" 2>&1)"
			;;
		esac
	done < "$modules/peek.list"
}
