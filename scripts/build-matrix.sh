#!/usr/bin/env bash
# Configure and build the library and the programs without the tests
# (-Dtests=false) for each compiler and buildtype, each in its own
# directory build-matrix/<compiler>-<buildtype>, and time it.
#
# Default: gcc debug, gcc release and clang release, 75-85 s measured on
# the 2-core test machine (the normal and ASan builds of scripts/test.sh
# are gcc debugoptimized, the fuzz build clang debugoptimized, all with the
# tests). FSCTP_SOAK=1: all six of {gcc, clang} x {debug, debugoptimized,
# release}, 240-280 s measured with other builds running. FSCTP_MATRIX="gcc-debug clang-release ..."
# picks combinations by name.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh) and the seconds
# each build took.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
if [ -n "${FSCTP_MATRIX:-}" ]; then
	combos=$FSCTP_MATRIX
elif [ "${FSCTP_SOAK:-0}" = 1 ]; then
	combos="gcc-debug gcc-debugoptimized gcc-release clang-debug clang-debugoptimized clang-release"
else
	combos="gcc-debug gcc-release clang-release"
fi
mkdir -p build-matrix
total=0
for c in $combos; do
	compiler=${c%%-*}
	buildtype=${c#*-}
	case $compiler in
	gcc) cc=gcc cxx=g++ ;;
	clang) cc=clang cxx=clang++ ;;
	*) echo "FAIL matrix-$c: unknown compiler"; continue ;;
	esac
	if ! command -v "$cc" >/dev/null || ! command -v "$cxx" >/dev/null; then
		echo "SKIP matrix-$c: $cc not installed"
		continue
	fi
	dir=build-matrix/$c
	log=build-matrix/$c.log
	start=$(date +%s)
	rm -rf "$dir"
	if CC=$cc CXX=$cxx meson setup "$dir" --buildtype="$buildtype" \
		-Dtests=false >"$log" 2>&1 && ninja -C "$dir" >>"$log" 2>&1; then
		secs=$(($(date +%s) - start))
		echo "PASS matrix-$c"
	else
		secs=$(($(date +%s) - start))
		grep -E 'error|FAILED' "$log" | head -20
		echo "FAIL matrix-$c"
	fi
	total=$((total + secs))
	echo "matrix-$c: ${secs} s"
done
echo "matrix: ${total} s in all"
