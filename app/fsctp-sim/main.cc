/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-sim: replay one seed of one simulation scenario bit-exactly.
 *
 *   fsctp-sim --scenario NAME[:sN][:o|u|m][:lBYTES][:i][:qN] --seed N
 *             [--count K] [--pcap FILE] [--verbose]
 *   fsctp-sim --list
 *
 * It prints the run's verdict, counters and a digest of every packet sent
 * and received (with virtual times); two runs of the same seed print the
 * same digest. --pcap writes what the hosts received, with the virtual
 * clock as timestamps, for Wireshark or tshark.
 */
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "sim_scenario.h"

using namespace fsctp_sim;

static void
usage(FILE *f)
{
	fprintf(f, "usage: fsctp-sim --scenario "
		   "NAME[:sN][:o|u|m][:lBYTES][:i][:qN] "
		   "--seed N [--count K]\n"
		   "                 [--pcap FILE] [--verbose]\n"
		   "       fsctp-sim --list\n"
		   "  :sN      streams (default 1)\n"
		   "  :o :u :m ordered, unordered or mixed messages\n"
		   "  :lBYTES  largest message (default 65536)\n"
		   "  :i       I-DATA (RFC 8260) on both ends\n"
		   "  :qN      stream scheduler N (0 FCFS, 1 RR, 2 RR per "
		   "packet,\n"
		   "           3 priority, 4 fair capacity, 5 WFQ)\n"
		   "  --count  run K seeds from N on (summary per seed)\n");
}

static bool
parse_u64(const char *s, uint64_t *v)
{
	char *end;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*v = x;
	return true;
}

int
main(int argc, char **argv)
{
	std::string spec, pcap;
	uint64_t seed = 0, count = 1;
	bool have_seed = false, verbose = false;
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		auto val = [&](const char *name) -> const char * {
			if (i + 1 >= argc) {
				fprintf(stderr, "fsctp-sim: %s needs a value\n",
					name);
				exit(2);
			}
			return argv[++i];
		};
		if (a == "--scenario") {
			spec = val("--scenario");
		} else if (a == "--seed") {
			if (!parse_u64(val("--seed"), &seed)) {
				fprintf(stderr, "fsctp-sim: bad seed\n");
				return 2;
			}
			have_seed = true;
		} else if (a == "--count") {
			if (!parse_u64(val("--count"), &count) || count == 0) {
				fprintf(stderr, "fsctp-sim: bad count\n");
				return 2;
			}
		} else if (a == "--pcap") {
			pcap = val("--pcap");
		} else if (a == "--verbose" || a == "-v") {
			verbose = true;
		} else if (a == "--list") {
			for (const auto &s : scenarios())
				printf("%-24s %s\n", s.name, s.what);
			return 0;
		} else if (a == "--help" || a == "-h") {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "fsctp-sim: unknown argument %s\n",
				a.c_str());
			usage(stderr);
			return 2;
		}
	}
	if (spec.empty() || !have_seed) {
		usage(stderr);
		return 2;
	}
	RunParams rp;
	const Scenario *sc = parse_scenario(spec, &rp);
	if (sc == nullptr) {
		fprintf(stderr, "fsctp-sim: unknown scenario %s (--list)\n",
			spec.c_str());
		return 2;
	}
	if (verbose)
		rp.verbose = stdout;
	int bad = 0;
	for (uint64_t s = seed; s < seed + count; s++) {
		rp.pcap = count == 1 ? pcap : std::string();
		RunResult r = run_scenario(*sc, s, rp);
		printf("%s seed %" PRIu64 ": %s\n", spec.c_str(), s,
		       r.summary().c_str());
		bad += !r.ok;
	}
	if (count > 1)
		printf("%" PRIu64 " seeds, %d failed\n", count, bad);
	return bad ? 1 : 0;
}
