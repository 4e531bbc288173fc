/* SPDX-License-Identifier: BSD-3-Clause */
/* Send side: buffer, fragmentation, SACK processing, fast retransmit with
 * HTNA, Karn's rule, windows (RFC 9260 6.1, 6.2.1, 6.3, 7.2.4). */
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fsctp_chunk.h"
#include "fsctp_sendq.h"

namespace
{

struct Sq {
	struct fsctp_sendq q;
	fsctp_time_t now = 1000;

	explicit Sq(uint32_t itsn = 1, uint32_t rwnd = 1 << 20,
		    bool nodelay = true, uint32_t sndbuf = 1 << 20,
		    uint32_t burst = 100)
	{
		struct fsctp_sendq_config c = {};

		c.sndbuf = sndbuf;
		c.n_out_streams = 4;
		c.initial_tsn = itsn;
		c.peer_rwnd = rwnd;
		c.max_burst = burst;
		c.nodelay = nodelay;
		EXPECT_EQ(fsctp_sendq_init(&q, &c), 0);
	}
	~Sq()
	{
		fsctp_sendq_fini(&q);
	}

	int push(uint32_t len, uint16_t sid = 0, bool unordered = false,
		 uint32_t ppid = 1)
	{
		struct fsctp_sendq_msginfo i = {};
		std::string d(len, (char)('a' + len % 26));

		i.sid = sid;
		i.ppid = ppid;
		i.unordered = unordered;
		i.context = len;
		return fsctp_sendq_push(&q, &i, d.data(), len, now);
	}

	std::vector<struct fsctp_sendq_chunk_out> pull(uint32_t max_frag = 1000,
						       uint32_t cwnd = 1 << 30,
						       uint8_t path = 0,
						       uint32_t room = 0)
	{
		struct fsctp_sendq_tx tx = {};
		struct fsctp_sendq_chunk_out out[64];

		tx.path = path;
		tx.max_frag = max_frag;
		tx.room = room ? room : max_frag + FSCTP_DATA_HDR_LEN;
		tx.cwnd = cwnd;
		tx.now = now;
		uint32_t n = fsctp_sendq_next_packet(&q, &tx, out, 64);
		std::vector<struct fsctp_sendq_chunk_out> v;
		for (uint32_t i = 0; i < n; i++)
			v.push_back(out[i]);
		return v;
	}

	struct fsctp_sendq_sack_out
	sack(uint32_t cum, std::vector<struct fsctp_sack_gap> gaps = {},
	     uint32_t a_rwnd = 1 << 20)
	{
		struct fsctp_sendq_sack_in in = {};
		struct fsctp_sendq_sack_out out;

		in.cum_tsn = cum;
		in.a_rwnd = a_rwnd;
		in.gaps = gaps.data();
		in.n_gaps = (uint16_t)gaps.size();
		fsctp_sendq_sack(&q, &in, now, &out);
		return out;
	}
};

} // namespace

TEST(SendQ, PushValidation)
{
	Sq s(1, 1 << 20, true, 300000, 1000);

	EXPECT_EQ(s.push(0), -EINVAL);
	EXPECT_EQ(s.push(10, 4), -EINVAL); /* stream not negotiated */
	EXPECT_EQ(s.push(256 * 1024 + 1), -EMSGSIZE);
	EXPECT_EQ(s.push(256 * 1024), 0);
	EXPECT_EQ(s.push(50000), -EAGAIN);
	EXPECT_EQ(s.q.stats.n_eagain, 1u);
	EXPECT_EQ(s.push(30000), 0);
	/* Send it all and ack it: room again, writable reported once. */
	uint32_t last = 0;
	for (;;) {
		auto v = s.pull(1452);
		if (v.empty())
			break;
		last = v.back().tsn;
	}
	auto r = s.sack(last);
	EXPECT_EQ(r.verdict, FSCTP_SACK_OK);
	EXPECT_TRUE(r.writable);
	EXPECT_TRUE(r.dry);
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
	EXPECT_EQ(s.push(50000), 0);
}

/* RFC 9260 6.9: fragmentation at several MTUs, B/E bits, one SSN,
 * consecutive TSNs. */
TEST(SendQ, FragmentationAtMtus)
{
	struct {
		uint32_t frag;
		std::vector<uint32_t> lens;
	} cases[] = {
		{ 1452, { 1452, 1452, 1452, 644 } },	   /* IPv4, MTU 1500 */
		{ 1212, { 1212, 1212, 1212, 1212, 152 } }, /* IPv6, MTU 1280 */
		{ 8952, { 5000 } },			   /* jumbo, MTU 9000 */
	};
	for (auto &cs : cases) {
		Sq s(0xFFFFFFFEu);
		std::string got;

		ASSERT_EQ(s.push(5000, 2), 0);
		ASSERT_EQ(s.push(1, 2), 0);
		std::vector<struct fsctp_sendq_chunk_out> all;
		for (;;) {
			auto v = s.pull(cs.frag);
			if (v.empty())
				break;
			for (auto &c : v)
				all.push_back(c);
		}
		ASSERT_EQ(all.size(), cs.lens.size() + 1);
		for (size_t i = 0; i < cs.lens.size(); i++) {
			uint8_t want = 0;

			if (i == 0)
				want |= FSCTP_DATA_FLAG_B;
			if (i + 1 == cs.lens.size())
				want |= FSCTP_DATA_FLAG_E;
			EXPECT_EQ(all[i].len, cs.lens[i]);
			EXPECT_EQ(all[i].flags, want) << i;
			EXPECT_EQ(all[i].ssn, 0);
			EXPECT_EQ(all[i].sid, 2);
			EXPECT_EQ(all[i].tsn, 0xFFFFFFFEu + (uint32_t)i);
			got.append((const char *)all[i].data, all[i].len);
		}
		EXPECT_EQ(got, std::string(5000, 'a' + 5000 % 26));
		EXPECT_EQ(all.back().ssn, 1);
		EXPECT_EQ(all.back().flags,
			  FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E);
	}
}

/* RFC 9260 6.5/6.6: SSN per outbound stream; unordered takes none. */
TEST(SendQ, StreamSequenceAndBundling)
{
	Sq s;

	ASSERT_EQ(s.push(100, 0), 0);
	ASSERT_EQ(s.push(100, 1), 0);
	ASSERT_EQ(s.push(100, 0, true), 0);
	ASSERT_EQ(s.push(100, 0), 0);
	auto v = s.pull(1452);
	ASSERT_EQ(v.size(), 4u); /* bundled in one packet */
	EXPECT_EQ(v[0].ssn, 0);
	EXPECT_EQ(v[1].ssn, 0);
	EXPECT_EQ(v[1].sid, 1);
	EXPECT_TRUE(v[2].flags & FSCTP_DATA_FLAG_U);
	EXPECT_EQ(v[3].ssn, 1);
	/* The room bounds the bundle. */
	for (int i = 0; i < 5; i++)
		ASSERT_EQ(s.push(100), 0);
	v = s.pull(1452, 1 << 30, 0, 2 * 116);
	EXPECT_EQ(v.size(), 2u);
}

/* RFC 9260 6.2.1: SACK validation. */
TEST(SendQ, SackValidation)
{
	Sq s(100);

	for (int i = 0; i < 4; i++)
		ASSERT_EQ(s.push(500), 0);
	ASSERT_EQ(s.pull(500, 1 << 30, 0, 4 * 516).size(), 4u); /* 100..103 */
	/* A TSN never sent: violation, nothing changes. */
	EXPECT_EQ(s.sack(104).verdict, FSCTP_SACK_VIOLATION);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 2000u);
	EXPECT_EQ(s.sack(101).verdict, FSCTP_SACK_OK);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 1000u);
	/* Stale: behind the ack point. */
	auto r = s.sack(100, { { 1, 3 } });
	EXPECT_EQ(r.verdict, FSCTP_SACK_STALE);
	EXPECT_EQ(s.q.stats.n_sack_stale, 1u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 1000u);
	/* Bad gap blocks are skipped; beyond the highest TSN clamped. */
	r = s.sack(101, { { 2, 1 }, { 0, 1 }, { 5, 9 }, { 2, 60000 } });
	EXPECT_EQ(r.verdict, FSCTP_SACK_OK);
	EXPECT_EQ(s.q.stats.n_gap_bad, 2u);
	EXPECT_EQ(s.q.stats.n_gap_beyond, 2u);
	EXPECT_EQ(r.bytes_acked[0], 500u); /* TSN 103 */
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 500u);
	r = s.sack(102, { { 1, 1 }, { 0xFFFF, 0xFFFF } });
	EXPECT_EQ(s.q.stats.n_gap_beyond, 3u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 0u);
	EXPECT_EQ(r.t3_stop_paths & 1, 1);
}

/* Gap blocks as on the wire (big-endian) give the same result. */
TEST(SendQ, GapBlocksBigEndian)
{
	Sq s(1);
	const uint8_t raw[] = { 0, 2, 0, 3, 0, 9, 0, 5 }; /* 2..3, bad 9..5 */
	struct fsctp_sendq_sack_in in = {};
	struct fsctp_sendq_sack_out out;

	for (int i = 0; i < 4; i++)
		ASSERT_EQ(s.push(100), 0);
	for (int i = 0; i < 4; i++)
		ASSERT_EQ(s.pull(100).size(), 1u);
	in.cum_tsn = 1;
	in.a_rwnd = 10000;
	in.gaps_be = raw;
	in.n_gaps = 2;
	EXPECT_EQ(fsctp_sendq_sack(&s.q, &in, 0, &out), FSCTP_SACK_OK);
	EXPECT_EQ(out.bytes_acked[0], 300u); /* TSN 1, 3, 4 */
	EXPECT_EQ(s.q.stats.n_gap_bad, 1u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 100u);
}

/* Newly acked bytes per path; gap-acked bytes are not counted twice;
 * reneged chunks come back into flight. */
TEST(SendQ, AckedBytesPerPathAndRenege)
{
	Sq s(1);

	for (int i = 0; i < 4; i++)
		ASSERT_EQ(s.push(1000), 0);
	ASSERT_EQ(s.pull(1000, 1 << 30, 0).size(), 1u); /* TSN 1, path 0 */
	ASSERT_EQ(s.pull(1000, 1 << 30, 1).size(), 1u); /* TSN 2, path 1 */
	ASSERT_EQ(s.pull(1000, 1 << 30, 1).size(), 1u); /* TSN 3, path 1 */
	ASSERT_EQ(s.pull(1000, 1 << 30, 0).size(), 1u); /* TSN 4, path 0 */
	auto r = s.sack(0, { { 3, 4 } });
	EXPECT_EQ(r.bytes_acked[0], 1000u);
	EXPECT_EQ(r.bytes_acked[1], 1000u);
	EXPECT_EQ(r.flight_before[1], 2000u);
	EXPECT_FALSE(r.cum_advanced);
	r = s.sack(2, { { 1, 2 } }); /* 3 and 4 were gap acked: not newly */
	EXPECT_TRUE(r.cum_advanced);
	EXPECT_EQ(r.bytes_acked[0], 1000u);
	EXPECT_EQ(r.bytes_acked[1], 1000u);
	EXPECT_EQ(r.t3_stop_paths & 2, 2);
	EXPECT_EQ(r.t3_stop_paths & 1, 1);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 0u);
	/* TSNs 3 and 4 no longer in a gap block: reneged, in flight. */
	r = s.sack(2);
	EXPECT_EQ(s.q.stats.n_renege, 2u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 1000u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 1), 1000u);
	EXPECT_EQ(fsctp_sendq_path_outstanding(&s.q, 0), 1u);
}

/* RFC 9260 7.2.4: fast retransmit on exactly the third miss indication. */
TEST(SendQ, FastRetransmitOnThirdMiss)
{
	Sq s(1);

	for (int i = 0; i < 6; i++)
		ASSERT_EQ(s.push(1000), 0);
	for (int i = 0; i < 6; i++)
		ASSERT_EQ(s.pull(1000).size(), 1u);
	auto r = s.sack(1, { { 2, 2 } }); /* TSN 3: TSN 2 miss 1 */
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	r = s.sack(1, { { 2, 3 } }); /* TSN 4: miss 2 */
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	EXPECT_TRUE(s.pull(1000, 0).empty()); /* cwnd 0, nothing marked */
	r = s.sack(1, { { 2, 4 } }); /* TSN 5: miss 3 -> fast retransmit */
	EXPECT_EQ(r.n_marked_fast_rtx, 1u);
	EXPECT_EQ(r.fast_rtx_paths, 1);
	EXPECT_FALSE(r.in_fast_recovery);
	EXPECT_TRUE(s.q.in_fast_recovery);
	EXPECT_EQ(s.q.fr_exit, 6u);
	/* The first fast retransmission goes regardless of cwnd. */
	auto v = s.pull(1000, 0);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 2u);
	EXPECT_TRUE(v[0].rtx);
	/* A fourth miss report does not fire again, no second cwnd cut. */
	r = s.sack(1, { { 2, 5 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	EXPECT_EQ(r.fast_rtx_paths, 0);
	EXPECT_TRUE(r.in_fast_recovery);
	/* Fast Recovery ends when the cum ack reaches the exit point. */
	r = s.sack(6);
	EXPECT_FALSE(s.q.in_fast_recovery);
	EXPECT_TRUE(r.dry);
}

/* RFC 9260 7.2.4 HTNA: holes above the highest newly acknowledged TSN do
 * not count a miss. */
TEST(SendQ, HtnaMissIndications)
{
	Sq s(1);

	for (int i = 0; i < 8; i++)
		ASSERT_EQ(s.push(100), 0);
	for (int i = 0; i < 8; i++)
		ASSERT_EQ(s.pull(100).size(), 1u);
	/* A: newly 3 and 6 (htna 6): 1, 2, 4, 5 miss 1. */
	auto r = s.sack(0, { { 3, 3 }, { 6, 6 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	/* B: newly 2 only (htna 2): 1 miss 2; 4, 5 lie above htna: no miss
	 * although the block 6..6 reports them missing. */
	r = s.sack(0, { { 2, 3 }, { 6, 6 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	/* C: newly 5 (htna 5): 1 miss 3 -> marked; 4 miss 2 only. Without
	 * HTNA, 4 would have reached 3 here. */
	r = s.sack(0, { { 2, 3 }, { 5, 6 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 1u);
	/* D: newly 7 (htna 7): 4 miss 3 -> marked. */
	r = s.sack(0, { { 2, 3 }, { 5, 7 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 1u);
	/* E: nothing newly acked: no miss counted at all. */
	r = s.sack(0, { { 2, 3 }, { 5, 7 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	auto v = s.pull(1000, 1 << 30, 0, 1000);
	ASSERT_EQ(v.size(), 2u);
	EXPECT_EQ(v[0].tsn, 1u);
	EXPECT_EQ(v[1].tsn, 4u);
}

/* RFC 9260 7.2.4 with 6.2.1: a reneged TSN (gap-acked before, missing now,
 * e.g. an older SACK overtaken by a newer one with the same cum ack) is in
 * flight again but that alone is no miss indication; it counts a miss only
 * as a hole below the highest TSN newly acknowledged (HTNA). */
TEST(SendQ, RenegeIsNoMissIndication)
{
	Sq s(1);

	for (int i = 0; i < 6; i++)
		ASSERT_EQ(s.push(100), 0);
	for (int i = 0; i < 6; i++)
		ASSERT_EQ(s.pull(100).size(), 1u);
	/* Newly 3 (htna 3): TSN 2 miss 1. */
	auto r = s.sack(1, { { 2, 2 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	/* Newly 4 (htna 4): TSN 2 miss 2. */
	r = s.sack(1, { { 2, 3 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	/* Newly 2: TSN 2 is gap-acked now; no hole left below 4. */
	r = s.sack(1, { { 1, 3 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 200u); /* TSNs 5, 6 */
	/* A late SACK with the same cum ack and no gap blocks: TSNs 2..4 are
	 * in flight again, but nothing is newly acked, so no miss counts and
	 * TSN 2 (two misses so far) is not fast retransmitted. */
	r = s.sack(1);
	EXPECT_EQ(s.q.stats.n_renege, 3u);
	EXPECT_EQ(r.n_marked_fast_rtx, 0u);
	EXPECT_EQ(s.q.stats.n_fast_rtx, 0u);
	EXPECT_FALSE(s.q.in_fast_recovery);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 500u);
	EXPECT_TRUE(s.pull(100, 0).empty()); /* nothing marked */
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
	/* Newly 3 and 4 (htna 4): TSN 2 is a hole below htna: its third
	 * miss -> fast retransmit; TSN 5 lies above htna: no miss. */
	r = s.sack(1, { { 2, 3 } });
	EXPECT_EQ(r.n_marked_fast_rtx, 1u);
	auto v = s.pull(100, 0);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 2u);
	EXPECT_TRUE(v[0].rtx);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
}

/* RFC 9260 6.10: DATA behind other chunks (a bundled packet) must fit the
 * room left; in a packet of its own the first chunk always goes. A fast
 * retransmission that did not fit keeps its cwnd exemption (7.2.4). */
TEST(SendQ, SharedPacketRoomBindsFirstChunk)
{
	Sq s(1);
	struct fsctp_sendq_tx tx = {};
	struct fsctp_sendq_chunk_out out[8];

	ASSERT_EQ(s.push(1000), 0);
	tx.max_frag = 1000;
	tx.room = 500;
	tx.cwnd = 1 << 30;
	tx.now = s.now;
	tx.bundled = true;
	EXPECT_EQ(fsctp_sendq_next_packet(&s.q, &tx, out, 8), 0u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 0u);
	tx.bundled = false;
	ASSERT_EQ(fsctp_sendq_next_packet(&s.q, &tx, out, 8), 1u);
	EXPECT_EQ(out[0].len, 1000u);
	/* TSN 1 lost; 2, 3, 4 each bring a miss: fast retransmit. */
	for (int i = 0; i < 3; i++) {
		ASSERT_EQ(s.push(100), 0);
		ASSERT_EQ(s.pull(100).size(), 1u);
	}
	s.sack(0, { { 2, 2 } });
	s.sack(0, { { 2, 3 } });
	auto r = s.sack(0, { { 2, 4 } });
	ASSERT_EQ(r.n_marked_fast_rtx, 1u);
	tx.cwnd = 0;
	tx.bundled = true;
	EXPECT_EQ(fsctp_sendq_next_packet(&s.q, &tx, out, 8), 0u);
	tx.bundled = false;
	ASSERT_EQ(fsctp_sendq_next_packet(&s.q, &tx, out, 8), 1u);
	EXPECT_EQ(out[0].tsn, 1u);
	EXPECT_TRUE(out[0].rtx);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
}

/* RFC 9260 6.3.1 C5 (Karn): no RTT sample from a retransmitted chunk. */
TEST(SendQ, KarnRule)
{
	Sq s(1);

	ASSERT_EQ(s.push(100), 0);
	ASSERT_EQ(s.pull().size(), 1u);
	s.now += 5000;
	auto r = s.sack(1);
	EXPECT_TRUE(r.rtt_valid);
	EXPECT_EQ(r.rtt, 5000u);
	EXPECT_EQ(r.rtt_path, 0);

	ASSERT_EQ(s.push(100), 0);
	ASSERT_EQ(s.pull().size(), 1u);
	s.now += 3000000;
	EXPECT_EQ(fsctp_sendq_t3_expired(&s.q, 0), 1u);
	auto v = s.pull(1000, 1000, 1);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_TRUE(v[0].rtx);
	s.now += 100;
	r = s.sack(2);
	EXPECT_TRUE(r.cum_advanced);
	EXPECT_FALSE(r.rtt_valid);
	EXPECT_EQ(r.bytes_acked[1], 100u); /* counted on the new path */
}

/* RFC 9260 6.3.3: T3 expiry marks all in flight on that path; they go
 * earliest first, limited by cwnd (1 MTU after the timeout). */
TEST(SendQ, T3ExpiryMarksPath)
{
	Sq s(1);

	for (int i = 0; i < 5; i++)
		ASSERT_EQ(s.push(1000), 0);
	for (int i = 0; i < 4; i++)
		ASSERT_EQ(s.pull(1000, 1 << 30, i == 2 ? 1 : 0).size(), 1u);
	EXPECT_EQ(fsctp_sendq_t3_expired(&s.q, 0), 3u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 0u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 1), 1000u);
	auto v = s.pull(1000, 1000);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 1u);
	EXPECT_TRUE(s.pull(1000, 1000).empty()); /* cwnd full */
	/* No new data while retransmissions wait. */
	s.sack(1);
	v = s.pull(1000, 1500);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 2u);
	s.sack(2);
	v = s.pull(1000, 1500);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 4u);
	s.sack(4, {});
	v = s.pull(1000, 1500);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 5u);
	EXPECT_FALSE(v[0].rtx);
}

/* RFC 9260 6.1 A and 6.2.1: the peer's rwnd and the zero window probe. */
TEST(SendQ, PeerRwndAndZeroWindowProbe)
{
	Sq s(1, 2500);

	for (int i = 0; i < 5; i++)
		ASSERT_EQ(s.push(1000), 0);
	ASSERT_EQ(s.pull().size(), 1u);
	ASSERT_EQ(s.pull().size(), 1u);
	EXPECT_EQ(fsctp_sendq_peer_rwnd(&s.q), 500u);
	EXPECT_TRUE(s.pull().empty()); /* 1000 > 500: SWS, wait */
	EXPECT_EQ(s.q.stats.n_rwnd_limited, 1u);
	/* D iv: rwnd = a_rwnd - flight. */
	s.sack(1, {}, 3000);
	EXPECT_EQ(fsctp_sendq_peer_rwnd(&s.q), 2000u);
	s.sack(2, {}, 0); /* window closed, nothing in flight */
	EXPECT_EQ(fsctp_sendq_peer_rwnd(&s.q), 0u);
	auto v = s.pull();
	ASSERT_EQ(v.size(), 1u); /* one probe */
	EXPECT_TRUE(s.pull().empty());
	s.sack(3, {}, 0);
	EXPECT_EQ(s.pull().size(), 1u); /* next probe */
	s.sack(4, {}, 100000);
	EXPECT_EQ(s.pull().size(), 1u);
}

/* RFC 9260 6.1 B and D: cwnd and Max.Burst. */
TEST(SendQ, CwndAndMaxBurst)
{
	Sq s(1, 1 << 20, true, 1 << 20, 2);

	for (int i = 0; i < 6; i++)
		ASSERT_EQ(s.push(1000), 0);
	EXPECT_EQ(s.pull(1000, 2500).size(), 1u);
	EXPECT_EQ(s.pull(1000, 2500).size(), 1u);
	EXPECT_TRUE(s.pull(1000, 1 << 30).empty()); /* burst of 2 done */
	EXPECT_EQ(s.q.stats.n_burst_limited, 1u);
	s.sack(1);
	EXPECT_EQ(s.pull(1000, 2500).size(), 1u);
	EXPECT_EQ(s.pull(1000, 2500).size(), 1u); /* flight 2000 < 2500 */
	EXPECT_TRUE(s.pull(1000, 2500).empty());  /* flight 3000 */
	EXPECT_EQ(s.q.stats.n_cwnd_limited, 1u);
}

/* Nagle-like coalescing: a small chunk waits while data is in flight. */
TEST(SendQ, NagleUnlessNodelay)
{
	Sq s(1, 1 << 20, false);

	ASSERT_EQ(s.push(100), 0);
	EXPECT_EQ(s.pull(1452).size(), 1u); /* nothing in flight */
	ASSERT_EQ(s.push(100), 0);
	EXPECT_TRUE(s.pull(1452).empty());
	EXPECT_EQ(s.q.stats.n_nagle_hold, 1u);
	ASSERT_EQ(s.push(1400), 0); /* now a packet's worth */
	EXPECT_EQ(s.pull(1452, 1 << 30, 0, 1600).size(), 2u);
	ASSERT_EQ(s.push(10), 0);
	EXPECT_TRUE(s.pull(1452).empty());
	s.sack(3);
	EXPECT_EQ(s.pull(1452).size(), 1u);
}

/* SEND_FAILED per message with the sent flag, then dry. */
TEST(SendQ, AbandonReportsEachMessage)
{
	Sq s(1);
	std::vector<std::pair<uint64_t, bool>> rep;

	ASSERT_EQ(s.push(100), 0);  /* sent */
	ASSERT_EQ(s.push(3000), 0); /* partly sent */
	ASSERT_EQ(s.push(200), 0);  /* unsent */
	ASSERT_EQ(s.pull(1000, 1 << 30, 0, 2000).size(), 2u);
	fsctp_sendq_abandon(
		&s.q,
		[](void *ctx, const struct fsctp_sendq_msginfo *i,
		   const uint8_t *, uint32_t len, bool sent) {
			auto *r = static_cast<
				std::vector<std::pair<uint64_t, bool>> *>(ctx);
			EXPECT_EQ(i->context, len);
			r->push_back({ i->context, sent });
		},
		&rep);
	ASSERT_EQ(rep.size(), 3u);
	EXPECT_EQ(rep[0], std::make_pair((uint64_t)100, true));
	EXPECT_EQ(rep[1], std::make_pair((uint64_t)3000, true));
	EXPECT_EQ(rep[2], std::make_pair((uint64_t)200, false));
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
	EXPECT_EQ(s.q.buffered, 0u);
}

/* RFC 9260 3.3.1 encoding and RFC 7053 I bit on the last fragment. */
TEST(SendQ, WriteDataChunk)
{
	Sq s(7);
	struct fsctp_sendq_msginfo i = {};
	uint8_t buf[64];
	struct fsctp_wbuf w;

	i.sid = 3;
	i.ppid = 0x01020304;
	i.sack_immediately = true;
	ASSERT_EQ(fsctp_sendq_push(&s.q, &i, "hello", 5, 0), 0);
	auto v = s.pull();
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].flags,
		  FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E | FSCTP_DATA_FLAG_I);
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	ASSERT_EQ(fsctp_sendq_write_data(&w, &v[0]), 0);
	ASSERT_EQ(w.len, 24u);
	EXPECT_EQ(buf[0], FSCTP_CHUNK_DATA);
	EXPECT_EQ(buf[1], 0x0B);
	EXPECT_EQ(fsctp_rd16(buf + 2), 21);
	EXPECT_EQ(fsctp_rd32(buf + 4), 7u);
	EXPECT_EQ(fsctp_rd16(buf + 8), 3);
	EXPECT_EQ(fsctp_rd16(buf + 10), 0);
	EXPECT_EQ(fsctp_rd32(buf + 12), 0x01020304u);
	EXPECT_EQ(memcmp(buf + 16, "hello\0\0\0", 8), 0);
	/* The chunk codec reads back what was written. */
	struct fsctp_tlv_iter it;
	struct fsctp_tlv tlv;
	struct fsctp_data_info d;
	fsctp_tlv_iter_init(&it, buf, w.len, FSCTP_TLV_CHUNK);
	ASSERT_EQ(fsctp_tlv_next(&it, &tlv), 1);
	ASSERT_EQ(fsctp_decode_data(&tlv, &d), 0);
	EXPECT_EQ(d.tsn, 7u);
	EXPECT_EQ(d.sid, 3);
	EXPECT_EQ(d.ppid, 0x01020304u);
	EXPECT_EQ(d.flags, v[0].flags);
	EXPECT_EQ(d.len, 5);
	EXPECT_EQ(memcmp(d.payload, "hello", 5), 0);
	fsctp_wbuf_init(&w, buf, 20);
	EXPECT_EQ(fsctp_sendq_write_data(&w, &v[0]), -ENOSPC);
}

/* RFC 9260 7.3: a lowered PMTU marks for retransmission exactly the chunks
 * in flight on that path that no longer fit; they keep their TSNs and go
 * again one per packet, even though larger than the new room (6.9). */
TEST(SendQ, PmtuLoweredMarksOnlyOversizeChunks)
{
	Sq s(10);

	ASSERT_EQ(s.push(1400), 0);
	ASSERT_EQ(s.push(1400), 0);
	ASSERT_EQ(s.push(200), 0);
	ASSERT_EQ(s.pull(1400).size(), 1u); /* TSN 10 */
	ASSERT_EQ(s.pull(1400).size(), 1u); /* TSN 11 */
	ASSERT_EQ(s.pull(1400).size(), 1u); /* TSN 12 */
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 3000u);
	/* Another path is not touched. */
	EXPECT_EQ(fsctp_sendq_pmtu_lowered(&s.q, 1, 1248), 0u);
	/* 1280 - 20 - 12: 1248 bytes of chunk fit; 16 + 1400 do not. */
	EXPECT_EQ(fsctp_sendq_pmtu_lowered(&s.q, 0, 1248), 2u);
	EXPECT_EQ(s.q.n_rtx, 2u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 200u);
	EXPECT_EQ(s.q.stats.n_pmtu_marked, 2u);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
	/* Resent alone with their TSNs, though the room is 1248 now. */
	auto v = s.pull(1232, 1 << 30, 0, 1248);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 10u);
	EXPECT_TRUE(v[0].rtx);
	EXPECT_EQ(v[0].len, 1400u);
	v = s.pull(1232, 1 << 30, 0, 1248);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 11u);
	EXPECT_EQ(fsctp_sendq_path_flight(&s.q, 0), 3000u);
	/* Nothing marked twice: all fits or is in flight again. */
	EXPECT_EQ(fsctp_sendq_pmtu_lowered(&s.q, 0, 1248), 2u);
	EXPECT_EQ(s.sack(12).verdict, FSCTP_SACK_OK);
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
}

/* RFC 8899 4.3: the wire bytes in flight on a path (DATA headers and
 * padding included) tell how large the packets were that a T3-rtx expiry
 * says were lost; counting stops at the limit. */
TEST(SendQ, PathWireBytesInFlight)
{
	Sq s(10);

	ASSERT_EQ(s.push(1400), 0);
	ASSERT_EQ(s.push(201), 0);
	EXPECT_EQ(fsctp_sendq_path_wire(&s.q, 0, 100000), 0u);
	ASSERT_EQ(s.pull(1400).size(), 1u);
	ASSERT_EQ(s.pull(1400).size(), 1u);
	/* 16 + 1400, 16 + 201 padded to 4. */
	EXPECT_EQ(fsctp_sendq_path_wire(&s.q, 0, 100000), 1416u + 220u);
	EXPECT_EQ(fsctp_sendq_path_wire(&s.q, 1, 100000), 0u);
	/* The limit stops the count after the chunk that reaches it. */
	EXPECT_EQ(fsctp_sendq_path_wire(&s.q, 0, 1000), 1416u);
	/* Marked for retransmission: no longer in flight. */
	EXPECT_EQ(fsctp_sendq_t3_expired(&s.q, 0), 2u);
	EXPECT_EQ(fsctp_sendq_path_wire(&s.q, 0, 100000), 0u);
}

/* Zero copy: the queue reads the caller's buffer in place (the chunks
 * point into it), gives it back exactly once when the message is wholly
 * acknowledged, and not at all when the push fails. */
TEST(SendQ, ZeroCopyBufferKeptUntilAckedThenReleasedOnce)
{
	Sq s;
	struct fsctp_sendq_msginfo i = {};
	std::vector<uint8_t> buf(2500, 0x5a);
	int released = 0;
	auto rel = [](void *arg) { ++*static_cast<int *>(arg); };

	EXPECT_EQ(fsctp_sendq_push_zc(&s.q, &i, buf.data(), 2500, nullptr,
				      nullptr, s.now),
		  -EINVAL);
	i.sid = 9; /* bad stream: refused, the buffer stays the caller's */
	EXPECT_EQ(fsctp_sendq_push_zc(&s.q, &i, buf.data(), 2500, rel,
				      &released, s.now),
		  -EINVAL);
	i.sid = 1;
	ASSERT_EQ(fsctp_sendq_push_zc(&s.q, &i, buf.data(), 2500, rel,
				      &released, s.now),
		  0);
	auto v = s.pull(1000);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].data, buf.data());
	auto w = s.pull(1000);
	auto x = s.pull(1000);
	ASSERT_EQ(w.size(), 1u);
	ASSERT_EQ(x.size(), 1u);
	EXPECT_EQ(w[0].data, buf.data() + 1000);
	EXPECT_EQ(x[0].data, buf.data() + 2000);
	EXPECT_EQ(x[0].len, 500u);
	s.sack(w[0].tsn); /* two of three fragments acknowledged */
	EXPECT_EQ(released, 0);
	s.sack(x[0].tsn);
	EXPECT_EQ(released, 1);
	s.sack(x[0].tsn);
	EXPECT_EQ(released, 1);
}

/* A zero-copy message the association never sent is given back when the
 * queue is freed (the association ended), once. */
TEST(SendQ, ZeroCopyBufferReleasedWhenTheQueueIsFreed)
{
	int released = 0;
	std::vector<uint8_t> buf(100, 1);
	auto rel = [](void *arg) { ++*static_cast<int *>(arg); };
	{
		Sq s;
		struct fsctp_sendq_msginfo i = {};

		ASSERT_EQ(fsctp_sendq_push_zc(&s.q, &i, buf.data(), 100, rel,
					      &released, s.now),
			  0);
		ASSERT_EQ(fsctp_sendq_push_zc(&s.q, &i, buf.data(), 50, rel,
					      &released, s.now),
			  0);
		EXPECT_EQ(s.pull(1000).size(), 2u); /* sent, not acked */
		ASSERT_EQ(fsctp_sendq_push_zc(&s.q, &i, buf.data(), 10, rel,
					      &released, s.now),
			  0); /* unsent */
		EXPECT_EQ(released, 0);
	}
	EXPECT_EQ(released, 3);
}

/* The stack's message cache: small messages take its blocks and give them
 * back when acknowledged, at most max are kept (the rest freed and
 * counted), large ones bypass it, and drain empties it. */
TEST(SendQ, MessageCacheBoundedAndReused)
{
	struct fsctp_objcache cache;
	uint64_t full = 0;

	fsctp_sendq_cache_init(&cache, 3, &full);
	{
		Sq s;
		fsctp_sendq_fini(&s.q);
		struct fsctp_sendq_config c = {};
		c.sndbuf = 1 << 20;
		c.n_out_streams = 4;
		c.initial_tsn = 1;
		c.peer_rwnd = 1 << 20;
		c.max_burst = 100;
		c.nodelay = true;
		c.cache = &cache;
		ASSERT_EQ(fsctp_sendq_init(&s.q, &c), 0);
		for (int k = 0; k < 5; k++)
			ASSERT_EQ(s.push(100), 0);
		ASSERT_EQ(s.push(FSCTP_SENDQ_CACHE_PAYLOAD + 1), 0);
		EXPECT_EQ(cache.n, 0u);
		auto v = s.pull(1452);
		ASSERT_EQ(v.size(), 6u);
		s.sack(v.back().tsn);
		/* 5 small blocks back: 3 kept, 2 freed and counted; the
		 * large message was never the cache's. */
		EXPECT_EQ(cache.n, 3u);
		EXPECT_EQ(full, 2u);
		ASSERT_EQ(s.push(10), 0);
		EXPECT_EQ(cache.n, 2u); /* the newest block reused */
	}
	/* The queue freed its last message into the cache. */
	EXPECT_EQ(cache.n, 3u);
	EXPECT_EQ(full, 2u);
	fsctp_objcache_drain(&cache);
	EXPECT_EQ(cache.n, 0u);
	EXPECT_EQ(cache.head, nullptr);
}

/* fsctp_sendq_nothing_to_send() says "nothing" exactly when the next
 * packet would get no chunk whatever the window: no unsent message and
 * no chunk marked for retransmission; and it restarts Max.Burst (RFC 9260
 * 6.1 D) as that call would once nothing is in flight. */
TEST(SendQ, NothingToSendMatchesAnEmptyNextPacket)
{
	Sq s(1, 1 << 20, true, 1 << 20, 2);

	EXPECT_TRUE(fsctp_sendq_nothing_to_send(&s.q)) << "empty";
	for (int i = 0; i < 4; i++)
		ASSERT_EQ(s.push(1000), 0);
	EXPECT_FALSE(fsctp_sendq_nothing_to_send(&s.q)) << "4 unsent";
	EXPECT_EQ(s.pull(1000).size(), 1u);
	EXPECT_EQ(s.pull(1000).size(), 1u);
	EXPECT_TRUE(s.pull(1000).empty()) << "Max.Burst 2 reached";
	EXPECT_FALSE(fsctp_sendq_nothing_to_send(&s.q)) << "2 still unsent";
	s.sack(2);
	EXPECT_EQ(s.pull(1000).size(), 1u);
	EXPECT_EQ(s.pull(1000).size(), 1u);
	EXPECT_TRUE(fsctp_sendq_nothing_to_send(&s.q)) << "all sent";
	EXPECT_EQ(s.q.burst, 2u) << "data in flight: the burst count stays";
	/* T3 expires: TSNs 3 and 4 are marked for retransmission. */
	EXPECT_EQ(fsctp_sendq_t3_expired(&s.q, 0), 2u);
	ASSERT_GT(s.q.n_rtx, 0u);
	EXPECT_FALSE(fsctp_sendq_nothing_to_send(&s.q)) << "a retransmission";
	EXPECT_EQ(s.pull(1000, 1 << 30).size(), 1u) << "TSN 3 again";
	EXPECT_EQ(s.pull(1000, 1 << 30).size(), 1u) << "TSN 4 again";
	EXPECT_TRUE(fsctp_sendq_nothing_to_send(&s.q));
	s.sack(4);
	EXPECT_EQ(s.q.flight_total, 0u);
	EXPECT_TRUE(fsctp_sendq_nothing_to_send(&s.q));
	EXPECT_EQ(s.q.burst, 0u) << "nothing in flight: Max.Burst restarts";
}
