#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Check that the public API, the version script and the shared library
agree: every function declared in the public headers is listed in the
version script's global section and exported by libfsctp.so, and nothing
else is.

usage: check_symbols.py INCLUDE_DIR MAP_FILE [LIBFSCTP_SO]
"""
import glob
import os
import re
import subprocess
import sys


def declared(include_dir):
    names = set()
    for path in sorted(glob.glob(os.path.join(include_dir, '*.h'))):
        with open(path) as f:
            s = f.read()
        s = re.sub(r'/\*.*?\*/', ' ', s, flags=re.S)
        s = re.sub(r'//[^\n]*', ' ', s)
        s = re.sub(r'^\s*#[^\n]*', ' ', s, flags=re.M)
        parts = re.split(r'([;{}])', s)
        for stmt, end in zip(parts[0::2], parts[1::2]):
            if end != ';' or 'typedef' in stmt or 'static' in stmt:
                continue
            # [const] [struct|enum] type [*...] fsctp_name(args)
            m = re.match(r'\s*(?:const\s+)?(?:(?:struct|enum)\s+)?\w+'
                         r'[\s*]+(fsctp_\w+)\s*\([^()]*\)\s*$', stmt,
                         re.S)
            if m:
                names.add(m.group(1))
    return names


def mapped(map_file):
    with open(map_file) as f:
        s = re.sub(r'#[^\n]*', '', f.read())
    m = re.search(r'global:(.*?)local:', s, re.S)
    if not m:
        sys.exit('%s: no global/local sections' % map_file)
    return set(re.findall(r'\b(fsctp_\w+)\s*;', m.group(1)))


def exported(so):
    out = subprocess.run(['nm', '-D', '--defined-only', so], check=True,
                         capture_output=True, text=True).stdout
    return {l.split()[-1].split('@')[0] for l in out.splitlines()
            if len(l.split()) == 3 and l.split()[1] in 'TW'}


def compare(what, want, got):
    ok = True
    for n in sorted(want - got):
        print('%s: missing %s' % (what, n))
        ok = False
    for n in sorted(got - want):
        print('%s: not in the public headers: %s' % (what, n))
        ok = False
    return ok


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    want = declared(sys.argv[1])
    if len(want) < 10:
        sys.exit('found only %d declarations: parser broken?' % len(want))
    ok = compare('version script', want, mapped(sys.argv[2]))
    if len(sys.argv) == 4:
        ok = compare(os.path.basename(sys.argv[3]), want,
                     exported(sys.argv[3])) and ok
    print('%d public functions checked: %s' % (len(want),
                                               'ok' if ok else 'FAILED'))
    sys.exit(0 if ok else 1)


main()
