#!/usr/bin/env bash
# The installed library as an application outside the tree sees it:
# `meson install --destdir` into a temporary directory, then
#   install-layout       headers under include/fsctp, shared library with
#                        its soname, static library, libfsctp.pc; nothing
#                        else installed
#   install-headers      every installed header compiles alone with only
#                        the installed include directory (C11 and C++17)
#   install-symbols      libfsctp.so exports the public API and nothing else
#   install-example-shared  examples/quick.c built with
#                        `pkg-config --cflags --libs libfsctp`, run
#   install-example-static  the same linked with libfsctp.a (DPDK shared)
#   install-example-bad-profile  exits non-zero at once without a profile
#   readme-example       the README's quick example is examples/quick.c
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh). FSCTP_BUILD names
# the build directory.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
names="install-layout install-headers install-symbols install-example-shared
install-example-static install-example-bad-profile readme-example"
# The README shows examples/quick.c whole: the two must not drift apart.
if sed -n '/^```c$/,/^```$/p' "$top/README.md" | sed '1d;$d' |
	cmp -s - "$top/examples/quick.c"; then
	echo "PASS readme-example"
else
	echo "FAIL readme-example: README's quick example differs from examples/quick.c"
fi
names=${names% readme-example}

if [ ! -f "$build/lib/libfsctp.a" ]; then
	for n in $names; do echo "SKIP $n: libfsctp not built in $build"; done
	exit 0
fi
tmp=$(mktemp -d /tmp/fsctp-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest

if ! meson install -C "$build" --no-rebuild --destdir "$dest" >"$tmp/install.log" 2>&1; then
	cat "$tmp/install.log" >&2
	for n in $names; do echo "FAIL $n: meson install failed"; done
	exit 0
fi
prefix=$(meson introspect "$build" --buildoptions |
	python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
pc=$(find "$dest" -name libfsctp.pc | head -1)
inc=$dest$prefix/include/fsctp
libdir=$(dirname "$(dirname "$pc")")

# 1. Layout.
ok=1
# Every header of include/ is public and installed.
for h in $(cd "$top/include" && ls -- *.h); do
	[ -f "$inc/$h" ] || { echo "missing $inc/$h" >&2; ok=0; }
done
[ -f "$libdir/libfsctp.a" ] || { echo "missing libfsctp.a" >&2; ok=0; }
so=$(readelf -d "$libdir/libfsctp.so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ -n "$so" ] && [ -e "$libdir/$so" ] || { echo "no soname link ($so)" >&2; ok=0; }
extra=$(cd "$dest" && find . -type f ! -path "*/include/fsctp/*" ! -name 'libfsctp.*' \
	! -name 'libfsctp-preload.so' | head)
[ -z "$extra" ] || { echo "unexpected files installed: $extra" >&2; ok=0; }
[ -n "$pc" ] || ok=0
if [ "$ok" = 1 ]; then echo "PASS install-layout"; else echo "FAIL install-layout"; fi

# 2. Each installed header alone.
ok=1
for h in "$inc"/*.h; do
	printf '#include "%s"\n#include "%s"\n' "$(basename "$h")" "$(basename "$h")" >"$tmp/h.c"
	cc -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only -I"$inc" "$tmp/h.c" 2>&1 >&2 || ok=0
	c++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only -I"$inc" -x c++ "$tmp/h.c" 2>&1 >&2 || ok=0
done
if [ "$ok" = 1 ]; then echo "PASS install-headers"; else echo "FAIL install-headers"; fi

# 3. Exports.
if python3 "$top/tests/headers/check_symbols.py" "$inc" "$top/lib/fsctp.map" \
	"$libdir/libfsctp.so" >&2; then
	echo "PASS install-symbols"
else
	echo "FAIL install-symbols"
fi

# The .pc as installed, its prefix moved to where --destdir put it.
mkdir -p "$tmp/pkgconfig"
sed "s|^prefix=.*|prefix=$dest$prefix|" "$pc" >"$tmp/pkgconfig/libfsctp.pc"
export PKG_CONFIG_PATH=$tmp/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
# A sanitized library needs its runtime in the application too.
san=
nm "$libdir/libfsctp.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"

run_example() { # name binary [env...]
	local name=$1 bin=$2
	shift 2
	env "$@" timeout 30 "$bin" "$top/drivers-config/ring-pair.ini" \
		"--file-prefix=fsctp-$name-$$" >"$tmp/$name.log" 2>&1
	local rc=$?
	cat "$tmp/$name.log" >&2
	if [ "$rc" -eq 0 ] && grep -qx 010003040000001000110008000003ea "$tmp/$name.log"; then
		echo "PASS $name"
	else
		echo "FAIL $name: exit $rc"
	fi
}

# 4. Shared, as pkg-config says.
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -Werror $san -o "$tmp/quick-shared" "$top/examples/quick.c" \
	$(pkg-config --cflags --libs libfsctp) >&2; then
	run_example install-example-shared "$tmp/quick-shared" LD_LIBRARY_PATH="$libdir"
else
	echo "FAIL install-example-shared: does not build"
fi

# 5. libfsctp.a with DPDK shared: the private requirements' flags and
# libfsctp's own private libraries (pkg-config --static would ask for the
# static DPDK and all its drivers too).
privlibs=$(sed -n 's/^Libs.private: *//p' "$tmp/pkgconfig/libfsctp.pc")
# shellcheck disable=SC2046,SC2086
if cc -std=c11 -Wall -Wextra -Werror $san -o "$tmp/quick-static" "$top/examples/quick.c" \
	$(pkg-config --cflags --libs-only-L libfsctp) -l:libfsctp.a \
	$(pkg-config --libs $(pkg-config --print-requires-private libfsctp)) $privlibs >&2 &&
	! ldd "$tmp/quick-static" | grep -q libfsctp; then
	run_example install-example-static "$tmp/quick-static"
else
	echo "FAIL install-example-static: does not build (or links libfsctp.so)"
fi

# 6. No profile: an error at once, never a spin.
timeout 30 env LD_LIBRARY_PATH="$libdir" "$tmp/quick-shared" "$tmp/no-such.ini" \
	"--file-prefix=fsctp-bad-$$" >"$tmp/bad.log" 2>&1
rc=$?
cat "$tmp/bad.log" >&2
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -q "no-such.ini" "$tmp/bad.log"; then
	echo "PASS install-example-bad-profile"
else
	echo "FAIL install-example-bad-profile: exit $rc"
fi
