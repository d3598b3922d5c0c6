# SPDX-License-Identifier: GPL-2.0-or-later
# compare.awk - the decoder's walk (common/tests/x86insn-walk) against
# objdump's disassembly of the same file.
#
#   objdump -d -z --no-show-raw-insn FILE | awk -v walk=WALKFILE -v max=N -f compare.awk
#
# Both streams are in section order, addresses ascending, so they are
# merged as they are read (a vmlinux has millions of instructions).  Inside
# each range the walker walked, every instruction objdump prints must be
# one the decoder starts at the same address, with the same relative
# branch target and RIP-relative target, and the other way round.
#
# Two rules bend objdump's view to the CPU's:
# - objdump prints a prefix the CPU ignores (a REX before a legacy prefix,
#   a second REX) on a line of its own, and the instruction it belongs to
#   on the next; the CPU executes both as one instruction, starting at the
#   prefix, as the decoder has it;
# - objdump prints fwait (9b) and the no-wait x87 control instruction after
#   it as one wait form (9b db e3: finit); the CPU executes two
#   instructions (an interrupt may come between them), as the decoder has
#   it: a wait form must be two instructions of the decoder, one byte
#   apart.
#
# Output: one line per mismatch (the first MAX of them),
#   M SECTION ADDR MESSAGE
# then the totals,
#   C CHECKED MISMATCHES
# CHECKED counting the instructions found equal.

function wnext() {
	if ((getline wl < walk) > 0)
		nw = split(wl, w, " ")
	else {
		nw = 1
		w[1] = "EOF"
	}
}

function strip0(h) {
	sub(/^0x/, "", h)
	sub(/^0+/, "", h)
	return h == "" ? "0" : h
}

# Hex a < b, both without leading zeros.
function hexlt(a, b) {
	if (length(a) != length(b))
		return length(a) < length(b)
	return a < b
}

function mismatch(addr, msg) {
	bad++
	if (bad <= max)
		print "M " sec " " addr " " msg
}

# Walker lines left in the section: instructions objdump never printed.
function finish_section() {
	if (!insec)
		return
	while (w[1] != "S" && w[1] != "EOF") {
		if (w[1] == "I")
			mismatch(w[2], "the decoder starts an instruction here, objdump does not")
		else if (w[1] == "E")
			refused()
		wnext()
	}
	insec = 0
}

function refused(   msg) {
	msg = wl
	sub(/^E [0-9a-f]+ /, "", msg)
	mismatch(w[2], "the decoder refused the bytes " msg)
	dead = 1
}

# Hex A + 1.
function hexinc(a,   k, d, out) {
	out = ""
	for (k = length(a); k > 0; k--) {
		d = index("0123456789abcdef", substr(a, k, 1))
		if (d < 16)
			return substr(a, 1, k - 1) substr("123456789abcdef", d, 1) out
		out = "0" out
	}
	return "1" out
}

function walker_value(key,   k) {
	for (k = 3; k < nw; k += 2)
		if (w[k] == key)
			return w[k + 1]
	return "-"
}

BEGIN {
	prefix_re = "^(rex(\\.[WRXB]+)?|data16|addr32|cs|ds|es|ss|fs|gs|lock|" \
		"rep|repz|repnz|repe|repne|bnd|notrack|xacquire|xrelease)$"
	branch_re = "^(call|jmp|j[a-z]+|loop[a-z]*|xbegin)[wlq]?(,p[nt])?$"
	wait_re = "^(finit|fclex|fstsw|fstcw|fstenv|fsave)[slw]?$"
	wnext()
}

/^Disassembly of section / {
	finish_section()
	name = substr($0, 24)
	sub(/:$/, "", name)
	rs = re = pend = ""
	dead = 0
	if (w[1] == "S" && w[2] == name) {
		sec = name
		insec = 1
		wnext()
	}
	next
}

# Anything else (a symbol's label, a blank line) ends a run of prefixes.
!/^ *[0-9a-f]+:\t/ {
	pend = ""
}

insec && /^ *[0-9a-f]+:\t/ {
	tab = index($0, "\t")
	a = substr($0, 1, tab - 1)
	sub(/^ +/, "", a)
	sub(/:$/, "", a)
	a = strip0(a)
	text = substr($0, tab + 1)
	# The words before the mnemonic that are prefixes.
	n = split(text, word, " ")
	k = 1
	while (k <= n && word[k] ~ prefix_re)
		k++
	if (k > n) {
		if (pend == "")
			pend = a
		next
	}
	if (pend != "") {
		a = pend
		pend = ""
	}
	bt = rt = "-"
	if (word[k] ~ branch_re && k + 1 <= n && word[k + 1] ~ /^(0x)?[0-9a-f]+$/ &&
	    (k + 1 == n || word[k + 2] ~ /^</))
		bt = strip0(word[k + 1])
	if (match(text, /# (0x)?[0-9a-f]+/))
		rt = strip0(substr(text, RSTART + 2, RLENGTH - 2))
	for (;;) {
		if (w[1] == "I" && hexlt(w[2], a)) {
			mismatch(w[2], "the decoder starts an instruction here, objdump does not")
		} else if (w[1] == "E" && !hexlt(a, w[2])) {
			refused()
		} else if (w[1] == "F" && !hexlt(a, w[2])) {
			rs = w[2]
			re = w[3]
			dead = 0
		} else
			break
		wnext()
	}
	if (rs == "" || hexlt(a, rs) || !hexlt(a, re))
		next
	if (w[1] != "I" || w[2] != a) {
		# After a refusal the walk of that function stopped: what objdump
		# has beyond it is no news (the walks of functions overlapping it
		# go on, and are compared).
		if (!dead)
			mismatch(a, "objdump starts an instruction here (" text \
				 "), the decoder does not")
		next
	}
	# The decoder's targets are those of the last of its instructions
	# that objdump's one covers.
	wb = walker_value("b")
	wr = walker_value("r")
	wnext()
	if (word[k] ~ wait_re) {
		# One or more fwait, each a byte, then the no-wait instruction.
		n = 0
		while (w[1] == "I" && w[2] == hexinc(a)) {
			a = w[2]
			wb = walker_value("b")
			wr = walker_value("r")
			n++
			wnext()
		}
		if (!n) {
			mismatch(a, "objdump's " word[k] \
				 " is fwait and one more instruction, the decoder has one")
			next
		}
	}
	if (wb != bt)
		mismatch(a, "branch target: objdump " bt " (" text "), the decoder " wb)
	else if (wr != rt)
		mismatch(a, "RIP-relative target: objdump " rt " (" text "), the decoder " wr)
	else
		checked++
}

END {
	finish_section()
	while (w[1] != "EOF") {
		if (w[1] == "S")
			mismatch(w[2], "objdump did not disassemble this section")
		wnext()
	}
	print "C " (checked + 0) " " (bad + 0)
}
