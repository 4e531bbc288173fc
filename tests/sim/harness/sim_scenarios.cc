/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The scenario table: each entry turns a seeded generator into a Plan.
 * Ranges are chosen so that every seed is a different, valid instance of
 * the fault, and faults that must be survivable stay below the failure
 * threshold of RFC 9260 section 8.1 (Association.Max.Retrans = 10 with
 * RTO.Initial = 1 s doubling up to RTO.Max = 60 s: about 5 minutes).
 */
#include <cstdlib>
#include <cstring>

#include "sim_scenario.h"

namespace fsctp_sim
{

namespace
{

constexpr unsigned kHS = kFeatHandshake | kFeatShutdown;
constexpr unsigned kHDS = kFeatHandshake | kFeatData | kFeatShutdown;

/* A LAN-to-WAN propagation delay, both directions alike. */
void
base(Plan &p, Rng &r)
{
	Time d = r.range(1 * kMs, 25 * kMs);
	p.c2s.delay = d;
	p.s2c.delay = d;
	p.bound = 120 * kSec;
	p.rtx_loss = -1;
}

void
sc_handshake(Plan &p, Rng &r)
{
	base(p, r);
	p.n_c2s = p.n_s2c = 0;
	p.bound = 30 * kSec;
}

void
sc_handshake_loss(Plan &p, Rng &r)
{
	base(p, r);
	p.n_c2s = p.n_s2c = 0;
	p.c2s.loss = p.s2c.loss = 0.10;
	p.bound = 600 * kSec;
}

void
sc_baseline(Plan &p, Rng &r)
{
	base(p, r);
	/* Nothing is lost, so nothing may be retransmitted. */
	p.rtx_loss = 0;
}

void
loss(Plan &p, Rng &r, double l)
{
	base(p, r);
	p.c2s.loss = p.s2c.loss = l;
	p.rtx_loss = l;
	p.bound = (l >= 0.2 ? 1800 : 600) * kSec;
	/* At 20% loss each way a handshake round trip fails 36% of the
	 * time: Max.Init.Retransmits (8) runs out in about 1e-4 of runs. */
	p.setup_may_fail = l >= 0.2;
}

void
sc_loss1(Plan &p, Rng &r)
{
	loss(p, r, 0.01);
}

void
sc_loss5(Plan &p, Rng &r)
{
	loss(p, r, 0.05);
}

void
sc_loss20(Plan &p, Rng &r)
{
	loss(p, r, 0.20);
}

void
sc_burst(Plan &p, Rng &r)
{
	base(p, r);
	for (Impair *i : { &p.c2s, &p.s2c }) {
		i->ge_p_gb = 0.01 + 0.02 * r.uniform();
		i->ge_p_bg = 0.3 + 0.2 * r.uniform();
		i->ge_loss_bad = 0.9;
		i->ge_max_bad = r.range(100 * kMs, 2 * kSec);
	}
	p.bound = 600 * kSec;
}

/* RFC 3758 / RFC 7496 under 5% loss: every second message carries the
 * policy; nothing may be lost that was not abandoned and reported. */
void
pr(Plan &p, Rng &r, uint8_t policy, uint32_t lo, uint32_t hi)
{
	loss(p, r, 0.05);
	p.pr_policy = policy;
	p.pr_every = 2;
	p.pr_min = lo;
	p.pr_max = hi;
}

/* RFC 6525 under 5% loss: stream resets (both directions every second
 * time) while data flows both ways; every message is delivered once, in
 * order per stream. */
void
sc_reconf_loss(Plan &p, Rng &r)
{
	loss(p, r, 0.05);
	p.reconf_every = 3 + (uint32_t)r.below(5);
	p.ccfg.reconf_enable = FSCTP_ENABLE_RESET_STREAM_REQ;
	p.scfg.reconf_enable = FSCTP_ENABLE_RESET_STREAM_REQ;
}

/* RFC 6525 5.1.4, 5.2.4 under 5% loss: SSN/TSN resets (asked whenever
 * the client is dry, every 3-7 messages) while data flows both ways;
 * every message is delivered once, in order per stream. */
void
sc_reconf_assoc_loss(Plan &p, Rng &r)
{
	loss(p, r, 0.05);
	p.assoc_reset_every = 3 + (uint32_t)r.below(5);
	p.ccfg.reconf_enable = FSCTP_ENABLE_RESET_ASSOC_REQ;
	p.scfg.reconf_enable = FSCTP_ENABLE_RESET_ASSOC_REQ;
}

/* RFC 5061 under 5% loss: the client's ASCONFs (Set Primary of its own
 * address, every 3-7 messages) lost and retransmitted on T-4 RTO while
 * data flows both ways; every message is delivered once, in order per
 * stream. */
void
sc_asconf_loss(Plan &p, Rng &r)
{
	loss(p, r, 0.05);
	p.asconf_every = 3 + (uint32_t)r.below(5);
	p.ccfg.auth = p.scfg.auth = true;
	p.ccfg.asconf = p.scfg.asconf = true;
}

/* The closing note's figure (scripts/bench-prsctp.sh): every message
 * with PR-SCTP TTL 100 ms, 5% loss both ways, RTT 50 ms, 400 messages
 * client -> server (8 back) paced at one per 10 ms. */
void
sc_pr_ttl100(Plan &p, Rng &r)
{
	pr(p, r, FSCTP_PR_TTL, 100, 100);
	p.pr_every = 1;
	p.c2s.delay = p.s2c.delay = 25 * kMs;
	p.n_c2s = 400;
	p.send_interval = 10 * kMs;
}

void
sc_pr_ttl(Plan &p, Rng &r)
{
	/* Lifetimes around the RTO (1 s): some expire, most do not. */
	pr(p, r, FSCTP_PR_TTL, 50, 1500);
}

void
sc_pr_rtx(Plan &p, Rng &r)
{
	pr(p, r, FSCTP_PR_RTX, 0, 2);
}

void
sc_pr_prio(Plan &p, Rng &r)
{
	/* Every message has a priority and the send buffer is small, so
	 * higher priorities push lower ones out before they are sent. */
	pr(p, r, FSCTP_PR_PRIO, 0, 7);
	p.pr_every = 1;
	p.ccfg.sndbuf = p.scfg.sndbuf = 96 * 1024;
	p.n_c2s = 64;
	p.n_s2c = 16;
}

void
sc_blackout(Plan &p, Rng &r)
{
	base(p, r);
	int n = (int)r.range(1, 2);
	for (int k = 0; k < n; k++) {
		Time s = r.range(50 * kMs, 2 * kSec);
		Time len = r.range(500 * kMs, 8 * kSec);
		Impair &i = r.chance(0.5) ? p.c2s : p.s2c;
		i.down.push_back(Window{ s, s + len });
	}
	p.bound = 600 * kSec;
}

void
sc_path_flap(Plan &p, Rng &r)
{
	base(p, r);
	Time s = r.range(50 * kMs, 2 * kSec);
	for (int k = 0; k < 2; k++) {
		Time len = r.range(1 * kSec, 15 * kSec);
		p.c2s.down.push_back(Window{ s, s + len });
		p.s2c.down.push_back(Window{ s, s + len });
		s += len + r.range(1 * kSec, 10 * kSec);
	}
	p.bound = 900 * kSec;
}

void
sc_reorder(Plan &p, Rng &r)
{
	base(p, r);
	p.c2s.reorder = p.s2c.reorder = 0.03 + 0.07 * r.uniform();
	p.bound = 300 * kSec;
}

void
sc_dup(Plan &p, Rng &r)
{
	base(p, r);
	p.c2s.dup = p.s2c.dup = 0.05;
	p.c2s.dup_late = p.s2c.dup_late = 0.05;
	p.bound = 300 * kSec;
}

void
sc_corrupt(Plan &p, Rng &r)
{
	base(p, r);
	p.c2s.corrupt = p.s2c.corrupt = 0.03;
	p.rtx_loss = 0.03;
	p.bound = 600 * kSec;
}

void
sc_garbage(Plan &p, Rng &r)
{
	base(p, r);
	p.c2s.corrupt_recrc = p.s2c.corrupt_recrc = 0.01;
	/* A valid CRC over flipped bits can change a TSN, a length, a
	 * payload: the association may fail and content may differ, but
	 * nothing may crash, hang or leak. */
	p.strict = false;
	p.check_fast_rtx = false;
	p.expect = Expect::Either;
	p.bound = 1800 * kSec;
}

void
sc_rtt(Plan &p, Rng &r)
{
	base(p, r);
	/* RTT 1..500 ms, 10% jitter, and a step to 1/4..4 times that. */
	Time d = r.range(500, 250 * kMs);
	Time j = d / 10;
	Time at = r.range(100 * kMs, 3 * kSec);
	double f = 0.25 + 3.75 * r.uniform();
	Time d2 = (Time)((double)d * f);
	if (d2 < 500)
		d2 = 500;
	for (Impair *i : { &p.c2s, &p.s2c }) {
		i->delay = d;
		i->jitter = j;
		i->delay_steps.push_back({ at, d2 });
	}
	p.bound = 600 * kSec;
}

void
sc_ack_loss(Plan &p, Rng &r)
{
	base(p, r);
	p.n_s2c = 0;
	p.s2c.loss = 0.10 + 0.10 * r.uniform();
	p.bound = 600 * kSec;
}

void
sc_window_update_loss(Plan &p, Rng &r)
{
	base(p, r);
	p.n_s2c = 0;
	p.scfg.rwnd = 16384;
	p.free_min = 100 * kMs;
	p.free_max = 800 * kMs;
	/* Window updates after a closed window are SACK-only packets. */
	p.s2c.sack_only_loss = 0.3;
	p.bound = 900 * kSec;
}

void
sc_slow_rx(Plan &p, Rng &r)
{
	base(p, r);
	p.scfg.rwnd = 65536;
	p.ccfg.rwnd = 65536;
	p.free_min = 20 * kMs;
	p.free_max = 500 * kMs;
	p.bound = 600 * kSec;
}

void
sc_pool_dry(Plan &p, Rng &r)
{
	base(p, r);
	Time s = 0;
	for (int k = 0; k < 3; k++) {
		s += r.range(10 * kMs, 1 * kSec);
		Time len = r.range(200 * kMs, 2 * kSec);
		p.pool_dry.push_back(Window{ s, s + len });
		s += len;
	}
	p.scfg.rwnd = 65536;
	p.ccfg.rwnd = 65536;
	p.bound = 600 * kSec;
}

void
sc_all_down(Plan &p, Rng &r)
{
	base(p, r);
	p.all_down_after = 1 + (uint32_t)r.below(p.n_c2s / 2);
	p.expect = Expect::Fail;
	/* Both ends must give up: the sender by T3-rtx, the other by
	 * HEARTBEAT (RFC 9260 8.1, 8.3). */
	p.bound = 3600 * kSec;
}

void
sc_restart(Plan &p, Rng &r)
{
	base(p, r);
	p.restart_after = 1 + (uint32_t)r.below(p.n_c2s / 2);
	p.bound = 1800 * kSec;
}

void
sc_collision(Plan &p, Rng &r)
{
	base(p, r);
	Time rtt = 2 * p.c2s.delay;
	p.connect_at = r.below(2 * rtt);
	p.server_connect_at = r.below(2 * rtt);
	p.bound = 300 * kSec;
}

void
shutdown_loss(Plan &p, Rng &r, int type, bool c2s)
{
	base(p, r);
	p.n_c2s = 4;
	p.n_s2c = 0;
	Impair &i = c2s ? p.c2s : p.s2c;
	i.drop_chunk_type = type;
	i.drop_chunk_count = (uint32_t)r.range(1, 3);
	p.bound = 600 * kSec;
}

void
sc_shutdown_lost(Plan &p, Rng &r)
{
	shutdown_loss(p, r, 7, true);
}

void
sc_shutdown_ack_lost(Plan &p, Rng &r)
{
	shutdown_loss(p, r, 8, false);
}

void
sc_shutdown_complete_lost(Plan &p, Rng &r)
{
	shutdown_loss(p, r, 14, true);
}

void
sc_attack(Plan &p, Rng &r)
{
	base(p, r);
	p.n_c2s = 48;
	/* Keep the transfer going while the attacks arrive. */
	p.scfg.rwnd = 32768;
	p.free_min = 50 * kMs;
	p.free_max = 300 * kMs;
	/* Attacks arrive within 8 s of COMM_UP; stay up past that, since a
	 * cookie replayed after the end would legitimately open a new
	 * association (its MAC is valid for Valid.Cookie.Life). */
	p.idle = 9 * kSec;
	p.attack = true;
	p.bound = 600 * kSec;
}

void
sc_bottleneck(Plan &p, Rng &r)
{
	base(p, r);
	for (Impair *i : { &p.c2s, &p.s2c }) {
		i->bw_bps = r.range(1000000, 10000000);
		i->queue_bytes = (uint32_t)r.range(8000, 64000);
	}
	p.bound = 900 * kSec;
}

/* The link MTU drops from 1500 to 1280 at a random time, with or without
 * a router reporting each over-MTU drop to the sender. */
void
mtu_drop(Plan &p, Rng &r, bool feedback)
{
	base(p, r);
	/* A transfer takes about half a second: the drop lands in the
	 * handshake or while data is in flight. */
	Time at = r.range(10 * kMs, 400 * kMs);
	p.n_c2s = 48;
	p.n_s2c = 16;
	for (Impair *i : { &p.c2s, &p.s2c }) {
		i->mtu = 1500;
		i->mtu_steps.push_back({ at, 1280 });
		i->mtu_feedback = feedback;
	}
	/* RFC 8899 PLPMTUD on both ends: a report is a hint a probe
	 * confirms; without reports the probes and the black-hole
	 * detection find the new MTU. */
	p.ccfg.plpmtud = p.scfg.plpmtud = true;
}

void
sc_mtu_drop(Plan &p, Rng &r)
{
	/* RFC 9260 7.3 and 10: the reports lower the path MTU; new data is
	 * cut for 1280 and chunks cut for 1500 go again IP-fragmentable
	 * (6.9). Everything must be delivered. */
	mtu_drop(p, r, true);
	p.expect = Expect::Complete;
	p.bound = 600 * kSec;
}

void
sc_mtu_blackhole(Plan &p, Rng &r)
{
	/* Without reports RFC 8899 black-hole detection (4.3) falls back
	 * to BASE_PLPMTU (chunks cut for 1500 go again IP-fragmentable,
	 * RFC 9260 6.9) and the search finds 1280. Everything must be
	 * delivered. */
	mtu_drop(p, r, false);
	p.expect = Expect::Complete;
	p.bound = 3600 * kSec;
}

/* RFC 8899: a jumbo path (9000) dips to 1280 for 10-120 s while DATA
 * cut for 9000 is in flight, with 1% loss (per IP fragment). Black-hole
 * detection, the search and PMTU_RAISE_TIMER must bring the PMTU back to
 * 9000 before the shutdown, and everything must be delivered. */
void
sc_mtu_jumbo_dip(Plan &p, Rng &r)
{
	base(p, r);
	Time at = r.range(10 * kMs, 400 * kMs);
	Time back = at + r.range(10 * kSec, 120 * kSec);
	p.n_c2s = 48;
	p.n_s2c = 16;
	for (Impair *i : { &p.c2s, &p.s2c }) {
		i->mtu = 9000;
		i->mtu_steps.push_back({ at, 1280 });
		i->mtu_steps.push_back({ back, 9000 });
		i->loss = 0.01;
	}
	for (struct fsctp_stack_config *c : { &p.ccfg, &p.scfg }) {
		c->pmtu = 9000;
		c->plpmtud = true;
	}
	/* Search (at most ~6 failed sizes x MAX_PROBES x PROBE_TIMER) plus
	 * PMTU_RAISE_TIMER (600 s) plus the dip, with room. */
	p.idle = 1500 * kSec;
	p.pmtu_at_shutdown = 9000;
	p.expect = Expect::Complete;
	p.bound = 3600 * kSec;
}

/* Multi-homing (RFC 9260 6.4, 8.2; RFC 7829): 2 to 4 paths, each its own
 * subnet and link with the primary's delay. */
void
mh_paths(Plan &p, Rng &r, int min = 2)
{
	int n = (int)r.range((uint64_t)min, 4);
	for (int k = 1; k < n; k++) {
		Impair i;
		i.delay = p.c2s.delay + r.range(0, 10 * kMs);
		p.extra_paths.emplace_back(i, i);
	}
	/* Chunks move between paths: the fast-retransmit oracle reasons
	 * about one path. */
	p.check_fast_rtx = false;
}

/* Telecom settings: RTO.Min 100 ms, RTO.Max 400 ms, Path.Max.Retrans 2,
 * PF threshold 0 (quick failover), RTO.Initial 200 ms. */
void
mh_telecom(Plan &p)
{
	for (auto *c : { &p.ccfg, &p.scfg }) {
		c->rto_min_ms = 100;
		c->rto_max_ms = 400;
		c->rto_initial_ms = 200;
		c->path_max_retrans = 2;
		c->pf_threshold = 0;
	}
}

void
sc_mh_primary_down(Plan &p, Rng &r)
{
	base(p, r);
	mh_paths(p, r);
	p.primary_down_after = 1 + (uint32_t)r.below(p.n_c2s / 2);
	p.bound = 900 * kSec;
}

void
sc_mh_pf(Plan &p, Rng &r)
{
	sc_mh_primary_down(p, r);
	mh_telecom(p);
	p.bound = 300 * kSec;
}

void
sc_mh_flap(Plan &p, Rng &r)
{
	base(p, r);
	mh_paths(p, r);
	p.primary_down_after = 1 + (uint32_t)r.below(p.n_c2s / 2);
	Time s = 0;
	for (int k = 0; k < 3; k++) {
		Time len = r.range(500 * kMs, 10 * kSec);
		p.primary_flaps.emplace_back(s, len);
		s += len + r.range(500 * kMs, 5 * kSec);
	}
	if (r.chance(0.5))
		mh_telecom(p);
	p.bound = 900 * kSec;
}

void
sc_mh_asym_loss(Plan &p, Rng &r)
{
	base(p, r);
	mh_paths(p, r);
	/* Heavy loss one way on the primary, the other way clean; the
	 * alternates lose a little. */
	(r.chance(0.5) ? p.c2s : p.s2c).loss = 0.2 + 0.2 * r.uniform();
	for (auto &e : p.extra_paths)
		e.first.loss = e.second.loss = 0.01;
	if (r.chance(0.5))
		mh_telecom(p);
	p.bound = 900 * kSec;
}

void
sc_mh_blackhole(Plan &p, Rng &r)
{
	base(p, r);
	mh_paths(p, r, 3);
	/* One alternate never passes anything (a listed address nobody
	 * answers on: 5.4 keeps it UNCONFIRMED and without data); then the
	 * primary fails too and the rest carry the data. */
	size_t k = (size_t)r.below(p.extra_paths.size());
	p.extra_paths[k].first.down.push_back(Window{ 0, kNever });
	p.extra_paths[k].second.down.push_back(Window{ 0, kNever });
	p.primary_down_after = 1 + (uint32_t)r.below(p.n_c2s / 2);
	mh_telecom(p);
	p.bound = 300 * kSec;
}

/* Control-plane variant of a scenario: no data, the association idles
 * 2-12 s (the faults land there) before the shutdown. */
template <void (*F)(Plan &, Rng &)>
void
ctl(Plan &p, Rng &r)
{
	F(p, r);
	p.n_c2s = p.n_s2c = 0;
	p.idle = r.range(p.attack ? 9 * kSec : 2 * kSec, 12 * kSec);
	if (p.restart_after)
		p.restart_after = 1;
	if (p.all_down_after)
		p.all_down_after = 1;
	p.rtx_loss = -1;
}

constexpr unsigned kCtl = kHS | kFeatFailure | kFeatOotb;

const std::vector<Scenario> kScenarios = {
	{ "handshake", "connect and shut down, no data", kHS, sc_handshake },
	{ "handshake-loss", "handshake and shutdown with 10% loss", kHS,
	  sc_handshake_loss },
	{ "baseline", "clean path, data both ways", kHDS, sc_baseline },
	{ "loss-1", "1% random loss both ways", kHDS, sc_loss1 },
	{ "loss-5", "5% random loss both ways", kHDS, sc_loss5 },
	{ "loss-20", "20% random loss both ways", kHDS, sc_loss20 },
	{ "burst", "Gilbert-Elliott burst loss", kHDS, sc_burst },
	{ "blackout", "one-way blackouts below the failure threshold", kHDS,
	  sc_blackout },
	{ "path-flap", "the path goes down and up twice", kHDS, sc_path_flap },
	{ "reorder", "3-10% of packets held back 1-3 RTTs", kHDS, sc_reorder },
	{ "dup", "immediate and late duplicates", kHDS, sc_dup },
	{ "corrupt", "bit flips the CRC32c must catch", kHDS, sc_corrupt },
	{ "garbage", "bit flips with the CRC recomputed", kHDS, sc_garbage },
	{ "rtt", "RTT 1-500 ms with jitter and a step", kHDS, sc_rtt },
	{ "ack-loss", "loss on the ack path only", kHDS, sc_ack_loss },
	{ "window-update-loss", "closed window, lost window updates", kHDS,
	  sc_window_update_loss },
	{ "slow-rx", "the receiver frees messages late", kHDS, sc_slow_rx },
	{ "pool-dry", "the app's buffer pool runs dry", kHDS, sc_pool_dry },
	{ "all-down", "every path down for good: COMM_LOST, all freed",
	  kHDS | kFeatFailure, sc_all_down },
	{ "restart", "the server restarts mid-association",
	  kHDS | kFeatFailure | kFeatOotb, sc_restart },
	{ "collision", "INIT collision: both connect", kHDS, sc_collision },
	{ "shutdown-lost", "SHUTDOWN lost 1-3 times", kHDS, sc_shutdown_lost },
	{ "shutdown-ack-lost", "SHUTDOWN ACK lost 1-3 times", kHDS,
	  sc_shutdown_ack_lost },
	{ "shutdown-complete-lost", "SHUTDOWN COMPLETE lost 1-3 times",
	  kHDS | kFeatOotb, sc_shutdown_complete_lost },
	{ "attack", "spoofed INITs, random-tag chunks, cookie replays", kHDS,
	  sc_attack },
	{ "bottleneck", "1-10 Mbit/s bottleneck with a small queue", kHDS,
	  sc_bottleneck },
	{ "pr-ttl", "PR-SCTP TTL 50-1500 ms on every 2nd message, 5% loss",
	  kHDS, sc_pr_ttl },
	{ "pr-rtx", "PR-SCTP RTX 0-2 on every 2nd message, 5% loss", kHDS,
	  sc_pr_rtx },
	{ "pr-prio", "PR-SCTP PRIO 0-7, small send buffer, 5% loss", kHDS,
	  sc_pr_prio },
	{ "pr-ttl100", "PR-SCTP TTL 100 ms on every message, 5% loss", kHDS,
	  sc_pr_ttl100 },
	{ "reconf-loss", "RFC 6525 stream resets every 3-7 messages, 5% loss",
	  kHDS, sc_reconf_loss },
	{ "reconf-assoc-loss",
	  "RFC 6525 SSN/TSN resets whenever dry, every 3-7 messages, 5% loss",
	  kHDS, sc_reconf_assoc_loss },
	{ "asconf-loss",
	  "RFC 5061 ASCONF Set Primary every 3-7 messages, 5% loss", kHDS,
	  sc_asconf_loss },
	{ "mtu-drop",
	  "the path MTU drops from 1500 to 1280, routers report it (ICMP)",
	  kHDS, sc_mtu_drop },
	{ "mtu-blackhole",
	  "the path MTU drops from 1500 to 1280 and nothing reports it",
	  kHDS | kFeatFailure, sc_mtu_blackhole },
	{ "mtu-jumbo-dip",
	  "a 9000 path dips to 1280 for 10-120 s unreported, 1% loss; "
	  "PLPMTUD finds 9000 again",
	  kHDS | kFeatFailure, sc_mtu_jumbo_dip },
	/* The same faults on an association without data: they exercise
	 * the handshake, heartbeat, shutdown and failure machinery. */
	{ "ctl-loss-20", "no data: 20% loss", kCtl, ctl<sc_loss20> },
	{ "ctl-burst", "no data: burst loss", kCtl, ctl<sc_burst> },
	{ "ctl-blackout", "no data: blackouts", kCtl, ctl<sc_blackout> },
	{ "ctl-path-flap", "no data: path down and up", kCtl,
	  ctl<sc_path_flap> },
	{ "ctl-reorder", "no data: reordering", kCtl, ctl<sc_reorder> },
	{ "ctl-dup", "no data: duplicates", kCtl, ctl<sc_dup> },
	{ "ctl-corrupt", "no data: CRC-caught corruption", kCtl,
	  ctl<sc_corrupt> },
	{ "ctl-garbage", "no data: corruption with a valid CRC", kCtl,
	  ctl<sc_garbage> },
	{ "ctl-rtt", "no data: RTT 1-500 ms, jitter, step", kCtl, ctl<sc_rtt> },
	{ "ctl-all-down", "no data: all paths down, COMM_LOST", kCtl,
	  ctl<sc_all_down> },
	{ "ctl-restart", "no data: the server restarts", kCtl,
	  ctl<sc_restart> },
	{ "ctl-collision", "no data: INIT collision", kCtl, ctl<sc_collision> },
	{ "ctl-shutdown-lost", "no data: SHUTDOWN lost", kCtl,
	  ctl<sc_shutdown_lost> },
	{ "ctl-shutdown-ack-lost", "no data: SHUTDOWN ACK lost", kCtl,
	  ctl<sc_shutdown_ack_lost> },
	{ "ctl-shutdown-complete-lost", "no data: SHUTDOWN COMPLETE lost", kCtl,
	  ctl<sc_shutdown_complete_lost> },
	{ "ctl-attack", "no data: attack traffic on an idle association", kCtl,
	  ctl<sc_attack> },
	/* Multi-homing: 2 to 4 paths (RFC 9260 6.4, 8.2; RFC 7829). */
	{ "mh-primary-down", "2-4 paths, the primary down for good",
	  kHDS | kFeatFailure, sc_mh_primary_down },
	{ "mh-pf",
	  "2-4 paths, the primary down for good, telecom settings with "
	  "PF quick failover",
	  kHDS | kFeatFailure, sc_mh_pf },
	{ "mh-flap", "2-4 paths, the primary down and up three times",
	  kHDS | kFeatFailure, sc_mh_flap },
	{ "mh-asym-loss", "2-4 paths, 20-40% loss one way on the primary",
	  kHDS | kFeatFailure, sc_mh_asym_loss },
	{ "mh-blackhole",
	  "3-4 paths, one blackholed from the start, then the primary down",
	  kHDS | kFeatFailure, sc_mh_blackhole },
};

} // namespace

const std::vector<Scenario> &
scenarios()
{
	return kScenarios;
}

const Scenario *
find_scenario(const std::string &name)
{
	for (const auto &s : kScenarios)
		if (name == s.name)
			return &s;
	return nullptr;
}

const Scenario *
parse_scenario(const std::string &spec, RunParams *p)
{
	size_t c = spec.find(':');
	const Scenario *sc = find_scenario(spec.substr(0, c));
	if (sc == nullptr)
		return nullptr;
	while (c != std::string::npos) {
		size_t n = spec.find(':', c + 1);
		std::string f = spec.substr(c + 1, n == std::string::npos
							   ? std::string::npos
							   : n - c - 1);
		c = n;
		if (f.size() > 1 && f[0] == 's') {
			long v = strtol(f.c_str() + 1, nullptr, 10);
			if (v < 1 || v > 65535)
				return nullptr;
			p->nstreams = (uint16_t)v;
		} else if (f.size() > 1 && f[0] == 'l') {
			long v = strtol(f.c_str() + 1, nullptr, 10);
			if (v < 1 || v > 1 << 20)
				return nullptr;
			p->max_len = (uint32_t)v;
		} else if (f == "i") {
			p->idata = true;
		} else if (f.size() > 1 && f[0] == 'p') {
			long v = strtol(f.c_str() + 1, nullptr, 10);
			if (v < 1 || v > 1 << 20)
				return nullptr;
			p->pd_point = (uint32_t)v;
		} else if (f.size() == 2 && f[0] == 'q' && f[1] >= '0' &&
			   f[1] <= '5') {
			p->sched = (uint8_t)(f[1] - '0');
		} else if (f == "o") {
			p->order = Order::Ordered;
		} else if (f == "u") {
			p->order = Order::Unordered;
		} else if (f == "m") {
			p->order = Order::Mixed;
		} else {
			return nullptr;
		}
	}
	return sc;
}

} // namespace fsctp_sim
