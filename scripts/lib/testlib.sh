# Shared by scripts/test.sh and the test scripts: counting and reporting.
# A script test prints lines "PASS name", "FAIL name[: reason]" or
# "SKIP name: reason"; a googletest binary's own summary is parsed.

n_pass=0
n_fail=0
n_skip=0
failed_names=()

section() { printf '\n=== %s\n' "$*"; }

record() { # pass|fail|skip name [reason]
	case $1 in
	pass) n_pass=$((n_pass + 1)); echo "PASS $2" ;;
	fail) n_fail=$((n_fail + 1)); failed_names+=("$2"); echo "FAIL $2" ;;
	skip) n_skip=$((n_skip + 1)); echo "SKIP $2: ${3:-no reason given}" ;;
	esac
}

run_gtest() { # variant binary
	local variant=$1 bin=$2 name out p f s
	name="$variant/$(basename "$bin")"
	out="build-logs/$(echo "$name" | tr '/' '_').log"
	section "$name"
	# A hang fails its binary instead of stalling the whole run.
	timeout -k 30 "${FSCTP_TEST_TIMEOUT:-1800}" "$bin" --gtest_brief=1 >"$out" 2>&1
	local rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?.*/\1/p' "$out" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) tests\?, listed below.*/\1/p' "$out" | tail -1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) tests\?.*/\1/p' "$out" | tail -1)
	p=${p:-0}; f=${f:-0}; s=${s:-0}
	grep -E '^\[  (FAILED|SKIPPED) \] [A-Za-z]' "$out" | sort -u
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# Crashed (or a sanitizer stopped it) before the summary.
		tail -40 "$out"
		f=1
		failed_names+=("$name (crashed, rc=$rc)")
	elif [ "$f" -gt 0 ]; then
		failed_names+=("$name")
	fi
	echo "$name: $p passed, $f failed, $s skipped"
	n_pass=$((n_pass + p))
	n_fail=$((n_fail + f))
	n_skip=$((n_skip + s))
}

run_script() { # variant script builddir [time limit in s, 0 = none]
	local variant=$1 script=$2 dir=$3 limit=${4:-${FSCTP_TEST_TIMEOUT:-1800}} out line rc
	out="build-logs/${variant}_$(basename "$script" .sh).log"
	section "$variant/$(basename "$script")"
	# A hang (timeout's exit 124) fails the script instead of stalling
	# the whole run; timeout signals the script's whole process group.
	FSCTP_BUILD="$dir" timeout -k 30 "$limit" bash "$script" >"$out" 2>&1
	rc=$?
	local got=0
	while IFS= read -r line; do
		case $line in
		"PASS "*) record pass "$variant/${line#PASS }"; got=1 ;;
		"FAIL "*) record fail "$variant/${line#FAIL }"; got=1 ;;
		"SKIP "*) n_skip=$((n_skip + 1)); echo "SKIP $variant/${line#SKIP }"; got=1 ;;
		esac
	done <"$out"
	if [ "$rc" -ne 0 ] || [ "$got" -eq 0 ]; then
		tail -30 "$out"
		[ "$rc" -ne 0 ] && record fail "$variant/$(basename "$script") (exit $rc)"
		[ "$got" -eq 0 ] && [ "$rc" -eq 0 ] && record fail "$variant/$(basename "$script") (reported nothing)"
	fi
}

run_fuzz() { # binary seconds
	local bin=$1 secs=$2 name corpus out
	name=$(basename "$bin")
	corpus="build-fuzz/corpus-$name"
	mkdir -p "$corpus"
	[ -d "tests/fuzz/seeds/$name" ] && cp -n tests/fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null
	out="build-logs/$name.log"
	if "$bin" -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1 \
		"$corpus" >"$out" 2>&1; then
		grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec' "$out" | tr '\n' ' '
		echo
		record pass "fuzz/$name"
	else
		tail -40 "$out"
		record fail "fuzz/$name"
	fi
}

summary() {
	echo
	if [ "${#failed_names[@]}" -gt 0 ]; then
		echo "Failed:"
		printf '  %s\n' "${failed_names[@]}"
	fi
	echo "$n_pass passed, $n_fail failed, $n_skip skipped"
	[ "$n_fail" -eq 0 ]
}
