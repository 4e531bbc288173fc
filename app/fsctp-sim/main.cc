/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-sim: replay one seed of one simulation scenario bit-exactly.
 *
 *   fsctp-sim --scenario NAME[:sN][:o|u|m][:lBYTES][:i][:qN][:pBYTES] \
 *             --seed N
 *             [--count K] [--pcap FILE] [--verbose] [--latency]
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
#include <algorithm>
#include <string>
#include <vector>

#include "sim_scenario.h"

using namespace fsctp_sim;

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: fsctp-sim --scenario "
		"NAME[:sN][:o|u|m][:lBYTES][:i][:qN][:pBYTES] "
		"--seed N [--count K]\n"
		"                 [--pcap FILE] [--verbose] [--latency]\n"
		"       fsctp-sim --list\n"
		"  :sN      streams (default 1)\n"
		"  :o :u :m ordered, unordered or mixed messages\n"
		"  :lBYTES  largest message (default 65536)\n"
		"  :i       I-DATA (RFC 8260) on both ends\n"
		"  :qN      stream scheduler N (0 FCFS, 1 RR, 2 RR per "
		"packet,\n"
		"           3 priority, 4 fair capacity, 5 WFQ)\n"
		"  :pBYTES  partial delivery point of both ends (RFC 6458 "
		"8.1.21)\n"
		"  --count  run K seeds from N on (summary per seed)\n"
		"  --latency  at the end: messages sent, delivered, abandoned\n"
		"           and the send-to-delivery time percentiles\n");
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
	bool have_seed = false, verbose = false, latency = false;
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
		} else if (a == "--latency") {
			latency = true;
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
	uint64_t sent = 0, delivered = 0, abandoned = 0;
	std::vector<Time> lat;
	for (uint64_t s = seed; s < seed + count; s++) {
		rp.pcap = count == 1 ? pcap : std::string();
		RunResult r = run_scenario(*sc, s, rp);
		printf("%s seed %" PRIu64 ": %s\n", spec.c_str(), s,
		       r.summary().c_str());
		bad += !r.ok;
		sent += r.accepted;
		delivered += r.latencies.size();
		abandoned += r.abandoned;
		lat.insert(lat.end(), r.latencies.begin(), r.latencies.end());
	}
	if (count > 1)
		printf("%" PRIu64 " seeds, %d failed\n", count, bad);
	if (latency && !lat.empty()) {
		std::sort(lat.begin(), lat.end());
		auto pct = [&](double q) {
			size_t k = (size_t)(q * (double)(lat.size() - 1));
			return (double)lat[k] / 1000.0;
		};
		double sum = 0;
		for (Time t : lat)
			sum += (double)t;
		/* A message may be both: delivered, then abandoned by the
		 * sender before the SACK reached it (RFC 3758 3.5). */
		printf("sent %" PRIu64 " delivered %" PRIu64
		       " abandoned %" PRIu64 " both %" PRId64 "\n",
		       sent, delivered, abandoned,
		       (int64_t)(delivered + abandoned) - (int64_t)sent);
		printf("delivery ratio %.4f\n",
		       sent ? (double)delivered / (double)sent : 0.0);
		printf("latency ms: mean %.2f p50 %.2f p90 %.2f p99 %.2f max "
		       "%.2f\n",
		       sum / (double)lat.size() / 1000.0, pct(0.5), pct(0.9),
		       pct(0.99), (double)lat.back() / 1000.0);
	}
	return bad ? 1 : 0;
}
