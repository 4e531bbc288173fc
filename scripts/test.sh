#!/usr/bin/env bash
# The README's test command: set up, build twice (normal and ASan+UBSan), run
# every suite, and end with one line "N passed, N failed, N skipped".
#
# Environment:
#   FSCTP_SOAK=1        also run the long soaks (many more seeds, long fuzzing)
#   FSCTP_FUZZ_SECONDS  seconds per fuzz target in the smoke run (default 20)
#   FSCTP_SKIP_BOOTSTRAP=1  do not call scripts/bootstrap.sh
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ "${FSCTP_SKIP_BOOTSTRAP:-0}" != 1 ]; then
	bash scripts/bootstrap.sh || { echo "bootstrap failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# shellcheck source=scripts/lib/testlib.sh
. scripts/lib/testlib.sh

soak=false
[ "${FSCTP_SOAK:-0}" = 1 ] && soak=true

build_dir() { # name, extra meson args...
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 ||
			{ cat "$dir.setup.log"; return 1; }
	else
		meson configure "$dir" "$@" >/dev/null 2>&1 || return 1
	fi
	ninja -C "$dir" >"$dir.build.log" 2>&1 || { tail -50 "$dir.build.log"; return 1; }
}

mkdir -p build-logs
for variant in normal asan; do
	case $variant in
	normal) dir=build; args=(-Dsoak=$soak) ;;
	asan) dir=build-asan; args=(-Db_sanitize=address,undefined -Db_lundef=false -Dsoak=$soak) ;;
	esac
	section "build ($variant)"
	if build_dir "$dir" "${args[@]}"; then
		record pass "build-$variant"
	else
		record fail "build-$variant"
		continue
	fi
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	for t in "$dir"/tests/unit/unit-* "$dir"/tests/loadgen/unit-* "$dir"/tests/sim/sim-*; do
		[ -f "$t" ] && [ -x "$t" ] || continue
		run_gtest "$variant" "$t"
	done
	for s in tests/dpdk/*.sh; do
		[ -f "$s" ] || continue
		run_script "$variant" "$s" "$dir"
	done
done

# Interop tests run once, against the normal build.
for s in tests/interop/run-*.sh; do
	[ -f "$s" ] || continue
	run_script interop "$s" build 3000
done

# The soak: SKIPPED, with the reason, unless FSCTP_SOAK=1.
run_script soak scripts/soak.sh build 0

# Every compiler and buildtype builds (the library and programs, without
# the tests): three of the six by default, all with FSCTP_SOAK=1
# (scripts/build-matrix.sh says which and how long each took).
run_script matrix scripts/build-matrix.sh build 0

# The API reference: the public headers through doxygen, warnings as errors.
section "doxygen"
if command -v doxygen >/dev/null 2>&1; then
	if (cat Doxyfile; echo "WARN_AS_ERROR = YES") | doxygen - >build-logs/doxygen.log 2>&1; then
		record pass doxygen
	else
		tail -30 build-logs/doxygen.log
		record fail doxygen
	fi
else
	record skip doxygen "doxygen not installed"
fi

# Fuzz smoke: needs clang with libFuzzer.
section "fuzz smoke"
if command -v clang >/dev/null 2>&1; then
	if [ ! -f build-fuzz/build.ninja ]; then
		CC=clang CXX=clang++ meson setup build-fuzz -Dfuzzers=true \
			-Db_sanitize=address,undefined -Db_lundef=false \
			>build-fuzz.setup.log 2>&1 || cat build-fuzz.setup.log
	fi
	if ninja -C build-fuzz >build-fuzz.build.log 2>&1; then
		record pass build-fuzz
		secs=${FSCTP_FUZZ_SECONDS:-20}
		$soak && secs=${FSCTP_FUZZ_SECONDS:-600}
		for f in build-fuzz/tests/fuzz/fuzz-*; do
			[ -f "$f" ] && [ -x "$f" ] || continue
			run_fuzz "$f" "$secs"
		done
	else
		tail -30 build-fuzz.build.log
		record fail build-fuzz
	fi
else
	record skip fuzz-smoke "clang not installed"
fi

summary
