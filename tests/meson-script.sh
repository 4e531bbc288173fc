#!/usr/bin/env bash
# Runs one PASS/FAIL/SKIP-line test script (tests/dpdk/*.sh,
# tests/interop/run-*.sh) under `meson test`: prints its lines and exits 1
# if any case failed, 77 (meson's "skipped") if every case was skipped,
# else 0. scripts/test.sh runs the same scripts directly.
#   tests/meson-script.sh SCRIPT BUILD_DIR
set -u
out=$(FSCTP_BUILD="$2" bash "$1" "$2" 2>&1)
rc=$?
printf '%s\n' "$out"
pass=$(grep -c '^PASS ' <<<"$out")
fail=$(grep -c '^FAIL ' <<<"$out")
[ "$rc" -eq 0 ] || exit 1
[ "$fail" -eq 0 ] || exit 1
[ "$pass" -gt 0 ] || exit 77
exit 0
