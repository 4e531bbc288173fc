#!/usr/bin/env bash
# The Node.js binding (bindings/node): builds the N-API addon against the
# given meson build with node-gyp, runs its `node --test` suite (the Node
# sctp module's README example, PPIDs and streams, end/close, errors,
# drain, exit) and a short message-rate run of bench.js. Under an ASan
# build the addon gets the same sanitizers and node runs with libasan
# preloaded.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh). The build
# directory is $1, else FSCTP_BUILD, else build.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${FSCTP_BUILD:-build}}
case $build in /*) ;; *) build=$top/$build ;; esac
pkg=$top/bindings/node
names="node-addon-build node-test node-bench"

skip_all() {
	for n in $names; do echo "SKIP $n: $1"; done
	exit 0
}

command -v node >/dev/null || skip_all "node is not installed (scripts/bootstrap.sh installs nodejs)"
[ -f "$build/lib/api/libfsctp_api.a" ] || [ -n "$(find "$build" -name libfsctp.a -print -quit 2>/dev/null)" ] ||
	skip_all "fsctp is not built in $build"
# A sanitizer build: the addon is built with the same -fsanitize in a copy
# of the package (the tree keeps a plain addon), and node runs with the
# sanitizer runtime preloaded (V8's own allocations are not leak-checked).
san=$(FSCTP_BUILD=$build FSCTP_SRC=$top node "$pkg/tools/flags.js" sanitize)
run_env=(FSCTP_PROFILE="$top/drivers-config/ring-pair.ini")
work=$pkg
tmp=
if [ "$san" != none ]; then
	case $san in *address*) ;; *) skip_all "sanitizer $san: only ASan builds are run under node" ;; esac
	asan=$(${CC:-cc} -print-file-name=libasan.so)
	[ -f "$asan" ] || skip_all "libasan.so not found for LD_PRELOAD"
	tmp=$(mktemp -d /tmp/fsctp-node-san.XXXXXX)
	cp -r "$pkg/package.json" "$pkg/binding.gyp" "$pkg/index.js" "$pkg/bench.js" \
		"$pkg/src" "$pkg/tools" "$pkg/test" "$pkg/examples" "$tmp/"
	work=$tmp
	run_env+=(LD_PRELOAD="$asan" ASAN_OPTIONS=detect_leaks=0
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)
fi

gyp=()
if command -v node-gyp >/dev/null; then
	gyp=(node-gyp)
elif [ -f /usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js ]; then
	gyp=(node /usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js)
elif [ -f /usr/share/nodejs/node-gyp/bin/node-gyp.js ]; then
	gyp=(node /usr/share/nodejs/node-gyp/bin/node-gyp.js)
else
	skip_all "node-gyp not found (scripts/bootstrap.sh installs node-gyp)"
fi
nodedir=()
[ -f /usr/include/node/common.gypi ] && nodedir=(--nodedir=/usr)

log=$(mktemp /tmp/fsctp-node.XXXXXX)
trap 'rm -f "$log"; [ -n "$tmp" ] && rm -rf "$tmp"' EXIT

# 1. The addon.
if (cd "$work" && FSCTP_SRC=$top FSCTP_BUILD=$build timeout 300 nice -n 10 "${gyp[@]}" rebuild "${nodedir[@]}" -j 2) >"$log" 2>&1; then
	echo "PASS node-addon-build"
else
	cat "$log" >&2
	echo "FAIL node-addon-build"
	echo "SKIP node-test: the addon did not build"
	echo "SKIP node-bench: the addon did not build"
	exit 0
fi

# 2. The suite: one PASS/FAIL line per test (TAP of node --test).
(cd "$work" && env "${run_env[@]}" timeout 300 \
	node --test --test-reporter=tap test/*.test.js) >"$log" 2>&1
rc=$?
cat "$log" >&2
n=0
while IFS= read -r line; do
	case $line in
	"not ok "*) echo "FAIL node-test/${line#not ok * - }"; n=$((n + 1)) ;;
	"ok "*"# SKIP"*) t=${line#ok * - }; echo "SKIP node-test/${t%% # SKIP*}:${t#* # SKIP}"; n=$((n + 1)) ;;
	"ok "*) echo "PASS node-test/${line#ok * - }"; n=$((n + 1)) ;;
	esac
done < <(grep -E '^(not )?ok [0-9]+ - ' "$log")
if [ "$n" -eq 0 ] || { [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$log"; }; then
	echo "FAIL node-test: node --test exited $rc"
fi

# 3. The message rate (100-byte messages, one process, ring pair).
if (cd "$work" && env "${run_env[@]}" timeout 60 node bench.js --seconds 2) >"$log" 2>&1; then
	cat "$log" >&2
	echo "PASS node-bench"
else
	cat "$log" >&2
	echo "FAIL node-bench"
fi
exit 0
