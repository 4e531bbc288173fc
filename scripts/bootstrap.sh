#!/usr/bin/env bash
# Installs, from Debian's archive only, every package that fsctp's build, tests,
# demo, fuzzing, interop tests and benchmarks need. Idempotent: packages that are
# already present are not fetched again, and apt-get runs only when one is missing.
set -euo pipefail

PKGS=(
	build-essential pkg-config meson ninja-build python3-pyelftools
	dpdk dpdk-dev libdpdk-dev libnuma-dev libssl-dev libpcap-dev
	googletest libgtest-dev
	clang libclang-rt-14-dev llvm clang-format
	libusrsctp-dev libusrsctp-examples
	tshark tcpdump iproute2 iputils-ping nftables iptables python3-scapy
	valgrind
	nodejs
	lksctp-tools libsctp-dev iperf3 osmo-stp libosmo-sigtran-dev
)

# The Node.js binding (bindings/node) builds with node-gyp. Debian's npm and
# node-gyp packages go with Debian's nodejs; a nodejs from elsewhere that
# ships npm (with node-gyp inside) already has both, and conflicts with them.
if ! command -v npm >/dev/null 2>&1; then
	PKGS+=(npm)
fi
if ! command -v node-gyp >/dev/null 2>&1 &&
	[ ! -f /usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js ]; then
	PKGS+=(node-gyp)
fi

missing=()
for p in "${PKGS[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	echo "bootstrap: all ${#PKGS[@]} packages present"
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
