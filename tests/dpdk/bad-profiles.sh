#!/usr/bin/env bash
# Bad profiles stop fsctp-fp with a message naming the problem: each case
# writes a profile, runs "fsctp-fp --check" on it and expects exit 1 and
# the named problem on stderr. The last case is a valid profile whose pool
# does not fit in the EAL memory (-m 64): the pool is named. A good profile
# must pass --check, so the cases can fail for the right reason only.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-fp/fsctp-fp
dir=$(mktemp -d /tmp/fsctp-badprof.XXXXXX)
trap 'rm -rf "$dir"' EXIT

if [ ! -x "$bin" ]; then
	echo "SKIP bad-profiles: fsctp-fp not built in $build"
	exit 0
fi

eal='[eal]
args = --no-huge -m 256 --no-pci --no-telemetry'
port='[port0]
vdev = net_null0
ipv4 = 198.18.3.1/24'

n=0
check() { # name, expected substring, profile text
	local name=$1 want=$2 f out rc
	n=$((n + 1))
	f=$dir/$name.ini
	printf '%s\n' "$3" >"$f"
	out=$("$bin" -p "$f" --check --eal "--file-prefix=fsctp-bad-$$-$n" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ] && grep -qF -- "$want" <<<"$out"; then
		echo "PASS bad-profile-$name"
	else
		echo "FAIL bad-profile-$name"
		echo "  rc=$rc, wanted '$want' in: $out" >&2
	fi
}

# The control: a good profile passes.
printf '%s\n%s\n' "$eal" "$port" >"$dir/good.ini"
if "$bin" -p "$dir/good.ini" --check --eal "--file-prefix=fsctp-bad-$$-0" \
	>"$dir/good.log" 2>&1 && grep -q "profile ok" "$dir/good.log"; then
	echo "PASS good-profile-check"
else
	echo "FAIL good-profile-check"
	cat "$dir/good.log" >&2
fi

check unknown-section "unknown section [ports]" "$eal
$port
[ports]
x = 1"
check unknown-key "[port0] unknown key 'adress'" "$eal
$port
adress = 198.18.3.9"
check missing-port "no [port0] section" "$eal"
check missing-port-device "missing port" "$eal
[port0]
ipv4 = 198.18.3.1/24"
check bad-address "cannot parse '198.18.3.256/24'" "$eal
[port0]
vdev = net_null0
ipv4 = 198.18.3.256/24"
check bad-ipv6 "cannot parse '2001:db8::zz'" "$eal
$port
ipv6 = 2001:db8::zz"
check unknown-device "rte_eal_init failed: No such device; EAL arguments: --no-huge -m 256 --no-pci --no-telemetry --vdev=net_nosuch0" "$eal
[port0]
vdev = net_nosuch0
ipv4 = 198.18.3.1/24"
check pool-memory "not enough memory for pool fsctp_pool_s0" "[eal]
args = --no-huge -m 64 --no-pci --no-telemetry
$port
[pools]
mbufs = 200000
data_room = 9216"
exit 0
