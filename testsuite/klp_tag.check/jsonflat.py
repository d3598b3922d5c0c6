# SPDX-License-Identifier: GPL-2.0-or-later
"""Parse klp-arch-check --json output from stdin and print it flattened,
one `PATH VALUE` line per leaf (PATH like files.0.sections.1.name, VALUE
in JSON), so the Tcl tests can assert on it; exit 1 if it is not JSON."""
import json
import sys


def flat(prefix, v):
    if isinstance(v, dict):
        for k, x in v.items():
            flat(prefix + [k], x)
    elif isinstance(v, list):
        print(".".join(prefix) + ".length", len(v))
        for i, x in enumerate(v):
            flat(prefix + [str(i)], x)
    else:
        print(".".join(prefix), json.dumps(v))


try:
    doc = json.load(sys.stdin)
except ValueError as e:
    print("not JSON:", e)
    sys.exit(1)
flat([], doc)
