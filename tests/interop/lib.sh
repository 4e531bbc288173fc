# Shared by the interop cases: a network namespace with the usrsctp peer on
# the kernel side of a TAP (created by fsctp's net_tap port) or of a veth,
# packet capture on the kernel side, and a teardown that always runs.
#
# Addresses (RFC 2544 benchmarking range): fsctp 198.18.0.1, peer 198.18.0.2.

INTEROP_NS=${INTEROP_NS:-fsctp-interop-$$}
FSCTP_IP=198.18.0.1
PEER_IP=198.18.0.2
USRSCTP=/usr/lib/usrsctp
WIRECHECK="/usr/bin/python3 $(dirname "${BASH_SOURCE[0]}")/wirecheck.py"
CAP_PID=
PIDS=()

interop_can_run() { # prints the reason when it cannot
	if [ "$(id -u)" -ne 0 ]; then
		echo "needs root for network namespaces and TAP"
		return 1
	fi
	if ! ip netns add "$INTEROP_NS.probe" 2>/dev/null; then
		echo "cannot create a network namespace"
		return 1
	fi
	ip netns del "$INTEROP_NS.probe"
	if [ ! -c /dev/net/tun ]; then
		echo "no /dev/net/tun"
		return 1
	fi
	if [ ! -x "$USRSCTP/echo_server" ]; then
		echo "usrsctp examples not installed"
		return 1
	fi
	return 0
}

interop_teardown() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	if [ -n "$CAP_PID" ]; then
		kill -INT "$CAP_PID" 2>/dev/null
		wait "$CAP_PID" 2>/dev/null
		CAP_PID=
	fi
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	PIDS=()
	ip netns del "$INTEROP_NS" 2>/dev/null
	return 0
}

# Move interface $1 into the namespace and give it the peer's address.
interop_ns_take() {
	local ifc=$1
	ip netns add "$INTEROP_NS" 2>/dev/null
	ip link set "$ifc" netns "$INTEROP_NS" || return 1
	ip -n "$INTEROP_NS" link set lo up
	ip -n "$INTEROP_NS" addr add "$PEER_IP/24" dev "$ifc" || return 1
	ip -n "$INTEROP_NS" link set "$ifc" up || return 1
}

# Start tcpdump on the peer side: interop_capture IFACE FILE
interop_capture() {
	ip netns exec "$INTEROP_NS" tcpdump -i "$1" -w "$2" -U -q sctp 2>/dev/null &
	CAP_PID=$!
	sleep 0.5
}

# Run a command in the namespace in the background, remembering its pid.
interop_bg() {
	ip netns exec "$INTEROP_NS" "$@" &
	PIDS+=($!)
}
