# Sourced by the preload tests: PRELOAD is what LD_PRELOAD must hold to put
# libfsctp-preload.so ($lib) into an unmodified program. A sanitizer build
# of the library needs the ASan runtime loaded before anything else in a
# program that was not built with it, and the programs' own leaks
# (sctp_test, iperf3, osmo-stp exit without freeing) are not ours to report.
PRELOAD=$lib
asan_rt=$(ldd "$lib" 2>/dev/null | awk '/libasan/ { print $3 }')
if [ -n "$asan_rt" ]; then
	PRELOAD="$asan_rt $lib"
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
fi
