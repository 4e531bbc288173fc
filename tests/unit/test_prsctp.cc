/* SPDX-License-Identifier: BSD-3-Clause */
/* PR-SCTP in the pure modules: abandoning by policy and the
 * Advanced.Peer.Ack.Point in the send queue (RFC 3758 3.5, RFC 7496), the
 * receiver's FORWARD TSN in the TSN map and reassembly (RFC 3758 3.6). */
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "fsctp_chunk.h"
#include "fsctp_reasm.h"
#include "fsctp_sendq.h"
#include "fsctp_tsnmap.h"

namespace
{

struct Failed {
	uint16_t sid;
	uint64_t context;
	uint32_t len;
	bool sent;
};

struct PrSq {
	struct fsctp_sendq q;
	fsctp_time_t now = 1000000;
	std::vector<Failed> failed;

	static void fail_cb(void *ctx, const struct fsctp_sendq_msginfo *info,
			    const uint8_t *data, uint32_t len, bool sent)
	{
		PrSq *s = static_cast<PrSq *>(ctx);

		EXPECT_NE(data, nullptr);
		s->failed.push_back({ info->sid, info->context, len, sent });
	}

	explicit PrSq(bool enabled = true, uint32_t sndbuf = 1 << 20,
		      uint16_t streams = 4)
	{
		struct fsctp_sendq_config c = {};

		c.sndbuf = sndbuf;
		c.n_out_streams = streams;
		c.initial_tsn = 1;
		c.peer_rwnd = 1 << 20;
		c.max_burst = 100;
		c.nodelay = true;
		c.pr_enabled = enabled;
		c.pr_failed = fail_cb;
		c.pr_ctx = this;
		EXPECT_EQ(fsctp_sendq_init(&q, &c), 0);
	}
	~PrSq()
	{
		fsctp_sendq_fini(&q);
	}

	int push(uint32_t len, uint8_t policy, uint32_t value, uint16_t sid = 0,
		 uint64_t ctx = 0, bool unordered = false)
	{
		struct fsctp_sendq_msginfo i = {};
		std::string d(len, 'x');

		i.sid = sid;
		i.ppid = 1;
		i.unordered = unordered;
		i.context = ctx;
		i.pr_policy = policy;
		i.pr_value = value;
		return fsctp_sendq_push(&q, &i, d.data(), len, now);
	}

	std::vector<struct fsctp_sendq_chunk_out> pull(uint32_t max_frag = 1000,
						       uint32_t room = 0)
	{
		struct fsctp_sendq_tx tx = {};
		struct fsctp_sendq_chunk_out out[128];

		tx.path = 0;
		tx.max_frag = max_frag;
		tx.room = room ? room : 100000;
		tx.cwnd = 1 << 30;
		tx.now = now;
		uint32_t n = fsctp_sendq_next_packet(&q, &tx, out, 128);
		return std::vector<struct fsctp_sendq_chunk_out>(out, out + n);
	}

	struct fsctp_sendq_sack_out
	sack(uint32_t cum, std::vector<struct fsctp_sack_gap> gaps = {})
	{
		struct fsctp_sendq_sack_in in = {};
		struct fsctp_sendq_sack_out out;

		in.cum_tsn = cum;
		in.a_rwnd = 1 << 20;
		in.gaps = gaps.data();
		in.n_gaps = (uint16_t)gaps.size();
		fsctp_sendq_sack(&q, &in, now, &out);
		return out;
	}
};

} // namespace

/* RFC 3758 3.5 A: a message whose lifetime passed before it was sent is
 * abandoned, reported unsent, and needs no FORWARD TSN (it has no TSN). */
TEST(PrSctpSendQ, TtlExpiresBeforeSending)
{
	PrSq s;
	struct fsctp_sendq_fwd f;

	ASSERT_EQ(s.push(100, FSCTP_SENDQ_PR_TTL, 50, 2, 77), 0);
	ASSERT_EQ(s.push(100, FSCTP_SENDQ_PR_NONE, 0, 2, 78), 0);
	s.now += 60000;
	auto v = s.pull();
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 1u);
	EXPECT_EQ(v[0].ssn, 0); /* the abandoned message took no SSN */
	ASSERT_EQ(s.failed.size(), 1u);
	EXPECT_EQ(s.failed[0].context, 77u);
	EXPECT_FALSE(s.failed[0].sent);
	EXPECT_EQ(s.q.pr.abandoned_unsent[FSCTP_SENDQ_PR_TTL], 1u);
	EXPECT_EQ(s.q.pr_stream[2].abandoned_unsent, 1u);
	EXPECT_FALSE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	s.sack(1);
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
}

/* The lifetime alone (fsctp_sndinfo.lifetime_ms) means TTL. */
TEST(PrSctpSendQ, LifetimeAloneIsTtl)
{
	PrSq s;
	struct fsctp_sendq_msginfo i = {};

	i.lifetime_ms = 10;
	ASSERT_EQ(fsctp_sendq_push(&s.q, &i, "abc", 3, s.now), 0);
	s.now += 11000;
	EXPECT_TRUE(s.pull().empty());
	ASSERT_EQ(s.failed.size(), 1u);
	EXPECT_EQ(s.q.pr.abandoned_unsent[FSCTP_SENDQ_PR_TTL], 1u);
}

/* RFC 7496 section 3: without PR-SCTP negotiated, policies are ignored. */
TEST(PrSctpSendQ, DisabledMeansReliable)
{
	PrSq s(false);
	struct fsctp_sendq_fwd f;

	ASSERT_EQ(s.push(100, FSCTP_SENDQ_PR_TTL, 1), 0);
	ASSERT_EQ(s.push(100, FSCTP_SENDQ_PR_RTX, 0), 0);
	s.now += 1000000;
	EXPECT_EQ(s.pull().size(), 2u);
	EXPECT_EQ(fsctp_sendq_t3_expired(&s.q, 0), 2u);
	EXPECT_EQ(s.pull().size(), 2u);
	EXPECT_TRUE(s.failed.empty());
	EXPECT_FALSE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	EXPECT_FALSE(fsctp_sendq_fwd_pending(&s.q));
}

/* RFC 3758 3.5 A, C: sent messages past their lifetime are not
 * retransmitted; the Advanced.Peer.Ack.Point moves over them and the
 * FORWARD TSN lists the highest SSN skipped per stream (ordered only). */
TEST(PrSctpSendQ, TtlSentThenLostGivesForwardTsn)
{
	PrSq s;
	struct fsctp_sendq_fwd f;

	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_TTL, 100, 1, 1), 0);
	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_TTL, 100, 1, 2), 0);
	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_TTL, 100, 3, 3, true), 0);
	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_NONE, 0, 1, 4), 0);
	ASSERT_EQ(s.pull().size(), 4u);
	EXPECT_EQ(s.q.flight_total, 40u);
	s.now += 200000;
	EXPECT_EQ(fsctp_sendq_t3_expired(&s.q, 0), 4u);
	auto v = s.pull();
	/* Only the reliable message goes again. */
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 4u);
	ASSERT_EQ(s.failed.size(), 3u);
	for (auto &x : s.failed)
		EXPECT_TRUE(x.sent);
	EXPECT_EQ(s.q.pr.abandoned_sent[FSCTP_SENDQ_PR_TTL], 3u);
	EXPECT_EQ(s.q.pr_stream[1].abandoned_sent, 2u);
	EXPECT_EQ(s.q.pr_stream[3].abandoned_sent, 1u);
	EXPECT_EQ(s.q.flight_total, 10u);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
	EXPECT_TRUE(fsctp_sendq_fwd_pending(&s.q));
	ASSERT_TRUE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	EXPECT_EQ(f.new_cum_tsn, 3u);
	ASSERT_EQ(f.n_streams, 1u); /* stream 3 was unordered */
	EXPECT_EQ(f.streams[0][0], 1);
	EXPECT_EQ(f.streams[0][1], 1);
	/* The peer's SACK for the FORWARD TSN: no bytes acked for the
	 * abandoned chunks (they were not delivered). */
	auto o = s.sack(3);
	EXPECT_EQ(o.bytes_acked[0], 0u);
	EXPECT_TRUE(o.cum_advanced);
	EXPECT_FALSE(fsctp_sendq_fwd_pending(&s.q));
	s.sack(4);
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
	EXPECT_EQ(s.failed.size(), 3u);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
}

/* RFC 7496 3.2: RTX with pr_value 1: one retransmission, then abandoned
 * when marked again. The ack point stops at the first chunk not
 * abandoned, even when it is gap-acked (RFC 3758 3.5 C2). */
TEST(PrSctpSendQ, RtxLimit)
{
	PrSq s;
	struct fsctp_sendq_fwd f;

	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_RTX, 1, 0, 1), 0);
	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_NONE, 0, 0, 2), 0);
	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_NONE, 0, 0, 3), 0);
	ASSERT_EQ(s.pull().size(), 3u);
	s.sack(0, { { 3, 3 } });
	EXPECT_EQ(fsctp_sendq_t3_expired(&s.q, 0), 2u);
	EXPECT_TRUE(s.failed.empty());
	auto v = s.pull();
	ASSERT_EQ(v.size(), 2u);
	EXPECT_EQ(v[0].tsn, 1u);
	EXPECT_TRUE(v[0].rtx);
	/* Lost again: the second marking finds the limit reached. */
	fsctp_sendq_t3_expired(&s.q, 0);
	ASSERT_EQ(s.failed.size(), 1u);
	EXPECT_EQ(s.failed[0].context, 1u);
	EXPECT_TRUE(s.failed[0].sent);
	EXPECT_EQ(s.q.pr.abandoned_sent[FSCTP_SENDQ_PR_RTX], 1u);
	ASSERT_TRUE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	EXPECT_EQ(f.new_cum_tsn, 1u);
	ASSERT_EQ(f.n_streams, 1u);
	EXPECT_EQ(f.streams[0][1], 0);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
	/* pr_value 0: never retransmitted. */
	PrSq z;
	ASSERT_EQ(z.push(10, FSCTP_SENDQ_PR_RTX, 0), 0);
	ASSERT_EQ(z.pull().size(), 1u);
	fsctp_sendq_t3_expired(&z.q, 0);
	EXPECT_TRUE(z.pull().empty());
	EXPECT_EQ(z.failed.size(), 1u);
}

/* RFC 7496 3.3: a higher priority message finding the buffer full drops
 * never-sent messages of lower priority, the lowest first; one of a lower
 * priority than everything queued gets -EAGAIN. */
TEST(PrSctpSendQ, PriorityMakesRoom)
{
	PrSq s(true, 1000);

	ASSERT_EQ(s.push(300, FSCTP_SENDQ_PR_PRIO, 5, 0, 5), 0);
	ASSERT_EQ(s.push(300, FSCTP_SENDQ_PR_PRIO, 3, 0, 3), 0);
	ASSERT_EQ(s.push(300, FSCTP_SENDQ_PR_PRIO, 7, 0, 7), 0);
	ASSERT_EQ(s.push(300, FSCTP_SENDQ_PR_PRIO, 1, 0, 1), 0);
	ASSERT_EQ(s.failed.size(), 1u);
	EXPECT_EQ(s.failed[0].context, 7u);
	EXPECT_FALSE(s.failed[0].sent);
	EXPECT_EQ(s.push(300, FSCTP_SENDQ_PR_PRIO, 6, 0, 6), -EAGAIN);
	EXPECT_EQ(s.push(300, FSCTP_SENDQ_PR_NONE, 0, 0, 9), -EAGAIN);
	ASSERT_EQ(s.push(300, FSCTP_SENDQ_PR_PRIO, 4, 0, 4), 0);
	ASSERT_EQ(s.failed.size(), 2u);
	EXPECT_EQ(s.failed[1].context, 5u);
	EXPECT_EQ(s.q.pr.abandoned_unsent[FSCTP_SENDQ_PR_PRIO], 2u);
	/* What is left goes in order: 3, 1, 4. */
	auto v = s.pull(1000);
	ASSERT_EQ(v.size(), 3u);
	EXPECT_EQ(v[0].ssn, 0);
	EXPECT_EQ(v[2].ssn, 2);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
}

/* A fragmented message partly sent when its lifetime passes, its first
 * fragment acknowledged already: the unsent rest takes one TSN, abandoned
 * and never sent, so that a FORWARD TSN can still make the receiver drop
 * the fragment it holds and skip the SSN (RFC 3758 3.5, 3.6). */
TEST(PrSctpSendQ, PartlySentMessageAbandoned)
{
	PrSq s;
	struct fsctp_sendq_fwd f;

	ASSERT_EQ(s.push(300, FSCTP_SENDQ_PR_TTL, 10, 2, 1), 0);
	ASSERT_EQ(s.push(50, FSCTP_SENDQ_PR_NONE, 0, 2, 2), 0);
	auto v = s.pull(100, 116); /* one fragment fits */
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].flags & FSCTP_DATA_FLAG_B, FSCTP_DATA_FLAG_B);
	s.sack(1);
	s.now += 20000;
	v = s.pull(100);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].tsn, 3u);
	EXPECT_EQ(v[0].ssn, 1);
	ASSERT_EQ(s.failed.size(), 1u);
	EXPECT_TRUE(s.failed[0].sent);
	EXPECT_EQ(s.failed[0].len, 300u);
	EXPECT_EQ(s.q.stats.n_abandoned_tsns, 1u);
	ASSERT_TRUE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	EXPECT_EQ(f.new_cum_tsn, 2u);
	ASSERT_EQ(f.n_streams, 1u);
	EXPECT_EQ(f.streams[0][0], 2);
	EXPECT_EQ(f.streams[0][1], 0);
	EXPECT_EQ(s.q.flight_total, 50u);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
	s.sack(3);
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
}

/* RFC 3758 3.5 C, A5: a message at the front past its lifetime is
 * abandoned by fsctp_sendq_fwd_tsn() itself (T3 expiry or a SACK). */
TEST(PrSctpSendQ, ForwardTsnAbandonsExpiredFront)
{
	PrSq s;
	struct fsctp_sendq_fwd f;

	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_TTL, 10, 0, 1), 0);
	ASSERT_EQ(s.pull().size(), 1u);
	EXPECT_FALSE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	s.now += 10000;
	ASSERT_TRUE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	EXPECT_EQ(f.new_cum_tsn, 1u);
	EXPECT_EQ(s.q.flight_total, 0u);
	EXPECT_EQ(s.failed.size(), 1u);
	/* A stale SACK changes nothing; the FORWARD TSN stays owed. */
	s.sack(0);
	EXPECT_TRUE(fsctp_sendq_fwd_pending(&s.q));
	s.sack(1);
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
}

/* The stream list of one FORWARD TSN is bounded: the point stops before
 * the message that would need one stream too many. */
TEST(PrSctpSendQ, ForwardTsnStreamListBounded)
{
	PrSq s(true, 1 << 20, 100);
	struct fsctp_sendq_fwd f;

	for (uint16_t i = 0; i < 100; i++)
		ASSERT_EQ(s.push(4, FSCTP_SENDQ_PR_RTX, 0, i), 0);
	ASSERT_EQ(s.pull(1000, 100000).size(), 100u);
	fsctp_sendq_t3_expired(&s.q, 0);
	EXPECT_EQ(s.failed.size(), 100u);
	ASSERT_TRUE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	EXPECT_EQ(f.n_streams, FSCTP_SENDQ_FWD_MAX_STREAMS);
	EXPECT_EQ(f.new_cum_tsn, (uint32_t)FSCTP_SENDQ_FWD_MAX_STREAMS);
	EXPECT_EQ(s.q.stats.n_fwd_capped, 1u);
	s.sack(f.new_cum_tsn);
	ASSERT_TRUE(fsctp_sendq_fwd_tsn(&s.q, s.now, &f));
	EXPECT_EQ(f.new_cum_tsn, 100u);
	EXPECT_EQ(f.n_streams, 100 - FSCTP_SENDQ_FWD_MAX_STREAMS);
	s.sack(100);
	EXPECT_TRUE(fsctp_sendq_is_dry(&s.q));
}

/* A gap-acked chunk of an abandoned message that the peer reneges on
 * stays abandoned (never back in flight). */
TEST(PrSctpSendQ, RenegeOfAbandonedChunk)
{
	PrSq s;

	ASSERT_EQ(s.push(2000, FSCTP_SENDQ_PR_RTX, 0, 0, 1), 0);
	ASSERT_EQ(s.pull(1000).size(), 2u);
	s.sack(0, { { 2, 2 } });
	fsctp_sendq_t3_expired(&s.q, 0);
	ASSERT_EQ(s.failed.size(), 1u);
	auto o = s.sack(0);
	EXPECT_EQ(s.q.flight_total, 0u);
	EXPECT_EQ(o.bytes_acked[0], 0u);
	EXPECT_EQ(fsctp_sendq_check(&s.q), 0);
}

/* An association failure reports each message once: those abandoned by
 * policy were reported already. */
TEST(PrSctpSendQ, FailureAfterAbandonReportsOnce)
{
	PrSq s;
	int n = 0;

	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_RTX, 0, 0, 1), 0);
	ASSERT_EQ(s.push(10, FSCTP_SENDQ_PR_NONE, 0, 0, 2), 0);
	ASSERT_EQ(s.pull().size(), 2u);
	fsctp_sendq_t3_expired(&s.q, 0);
	EXPECT_EQ(s.failed.size(), 1u);
	EXPECT_EQ(fsctp_sendq_abandon(
			  &s.q,
			  [](void *c, const struct fsctp_sendq_msginfo *i,
			     const uint8_t *, uint32_t, bool) {
				  EXPECT_EQ(i->context, 2u);
				  (*static_cast<int *>(c))++;
			  },
			  &n),
		  1u);
	EXPECT_EQ(n, 1);
}

/* RFC 3758 3.6: the TSN map moves to the new cumulative TSN, on over TSNs
 * received above it; a stale FORWARD TSN changes nothing; both make the
 * SACK immediate. */
TEST(PrSctpTsnMap, ForwardMovesCumTsn)
{
	struct fsctp_tsnmap m;
	struct fsctp_tsnmap_config c = {};
	fsctp_time_t dl = 0;

	c.initial_tsn = 1;
	c.sack_delay = 200000;
	ASSERT_EQ(fsctp_tsnmap_init(&m, &c), 0);
	for (uint32_t t : { 1u, 4u, 6u }) {
		ASSERT_EQ(fsctp_tsnmap_check(&m, t), FSCTP_TSN_NEW);
		ASSERT_EQ(fsctp_tsnmap_mark(&m, t), 0);
	}
	fsctp_tsnmap_packet_done(&m, false, 0, &dl);
	EXPECT_EQ(fsctp_tsnmap_forward(&m, 3), 0);
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 4u);
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 0, &dl), FSCTP_SACK_NOW);
	struct fsctp_sack_gap g[4];
	ASSERT_EQ(fsctp_tsnmap_gaps(&m, g, 4), 1);
	EXPECT_EQ(g[0].start, 2);
	EXPECT_EQ(g[0].end, 2);
	EXPECT_EQ(fsctp_tsnmap_forward(&m, 2), 1);
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 4u);
	EXPECT_EQ(m.stats.n_fwd_stale, 1u);
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 0, &dl), FSCTP_SACK_NOW);
	/* Past everything held: cum 6, no gaps, 5 counts as received. */
	EXPECT_EQ(fsctp_tsnmap_forward(&m, 6), 0);
	EXPECT_EQ(fsctp_tsnmap_gap_count(&m), 0);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 5), FSCTP_TSN_DUP);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 7), FSCTP_TSN_NEW);
	fsctp_tsnmap_fini(&m);
}

/* A FORWARD TSN far past the window (serial arithmetic, across the wrap)
 * leaves no stale bit behind. */
TEST(PrSctpTsnMap, ForwardPastWindowAcrossWrap)
{
	struct fsctp_tsnmap m;
	struct fsctp_tsnmap_config c = {};

	c.initial_tsn = 0xfffffff0u;
	c.window = 64;
	ASSERT_EQ(fsctp_tsnmap_init(&m, &c), 0);
	ASSERT_EQ(fsctp_tsnmap_check(&m, 0xfffffff5u), FSCTP_TSN_NEW);
	ASSERT_EQ(fsctp_tsnmap_mark(&m, 0xfffffff5u), 0);
	EXPECT_EQ(fsctp_tsnmap_forward(&m, 1000), 0);
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 1000u);
	EXPECT_EQ(m.n_above, 0u);
	for (uint32_t t = 1001; t < 1001 + 64; t++)
		EXPECT_EQ(fsctp_tsnmap_check(&m, t), FSCTP_TSN_NEW) << t;
	fsctp_tsnmap_fini(&m);
}

namespace
{

struct PrRx {
	struct fsctp_reasm r;
	std::vector<std::pair<uint16_t, std::string>> got;

	static void cb(void *ctx, const struct fsctp_reasm_msg *m)
	{
		PrRx *s = static_cast<PrRx *>(ctx);

		s->got.push_back(
			{ m->ssn, std::string((const char *)m->data, m->len) });
		fsctp_reasm_credit(&s->r, m->len);
		free(m->data);
	}
	PrRx()
	{
		struct fsctp_reasm_config c = {};

		c.n_in_streams = 4;
		c.rwnd = 1 << 20;
		c.deliver = cb;
		c.ctx = this;
		EXPECT_EQ(fsctp_reasm_init(&r, &c, nullptr), 0);
	}
	~PrRx()
	{
		fsctp_reasm_fini(&r);
	}
	enum fsctp_reasm_result add(uint32_t tsn, uint16_t sid, uint16_t ssn,
				    uint8_t flags, const std::string &d)
	{
		struct fsctp_reasm_chunk c = {};

		c.tsn = tsn;
		c.sid = sid;
		c.ssn = ssn;
		c.flags = flags;
		c.data = (const uint8_t *)d.data();
		c.len = (uint32_t)d.size();
		return fsctp_reasm_add(&r, &c, true);
	}
};

const uint8_t BE = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E;
const uint8_t B = FSCTP_DATA_FLAG_B;

} // namespace

/* RFC 3758 3.6: held fragments at or below the new cumulative TSN are
 * dropped (memory given back) and the stream moves past the skipped SSN. */
TEST(PrSctpReasm, ForwardDropsFragmentsAndSkipsSsn)
{
	PrRx x;

	ASSERT_EQ(x.add(5, 0, 0, B, "aaaa"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(6, 0, 0, 0, "bbbb"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(9, 0, 1, B, "later"), FSCTP_REASM_OK);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 13u);
	EXPECT_EQ(fsctp_reasm_forward(&x.r, 7), 2u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 5u);
	EXPECT_EQ(fsctp_reasm_skip(&x.r, 0, 0), 0);
	EXPECT_TRUE(x.got.empty());
	ASSERT_EQ(x.add(10, 0, 1, FSCTP_DATA_FLAG_E, "!"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 1u);
	EXPECT_EQ(x.got[0].first, 1);
	EXPECT_EQ(x.got[0].second, "later!");
	EXPECT_EQ(x.r.stats.n_fwd_dropped, 2u);
}

/* RFC 3758 3.6: complete ordered messages waiting with SSNs up to the
 * skipped one are delivered first (lowest SSN first), then what follows in
 * sequence; an SSN behind the stream and an unknown stream change
 * nothing. */
TEST(PrSctpReasm, SkipDeliversWaitingThenFollowing)
{
	PrRx x;

	ASSERT_EQ(x.add(3, 1, 3, BE, "three"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(2, 1, 1, BE, "one"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(5, 1, 5, BE, "five"), FSCTP_REASM_OK);
	EXPECT_TRUE(x.got.empty());
	/* SSN 0 and 2 were abandoned. */
	EXPECT_EQ(fsctp_reasm_skip(&x.r, 1, 2), 0);
	ASSERT_EQ(x.got.size(), 2u);
	EXPECT_EQ(x.got[0].second, "one");
	EXPECT_EQ(x.got[1].second, "three");
	EXPECT_EQ(x.r.next_ssn[1], 4);
	EXPECT_EQ(fsctp_reasm_skip(&x.r, 1, 1), 0);
	EXPECT_EQ(x.r.next_ssn[1], 4);
	EXPECT_EQ(fsctp_reasm_skip(&x.r, 9, 1), -EINVAL);
	EXPECT_EQ(x.r.stats.n_fwd_bad_stream, 1u);
	EXPECT_EQ(fsctp_reasm_skip(&x.r, 1, 4), 0);
	ASSERT_EQ(x.got.size(), 3u);
	EXPECT_EQ(x.got[2].second, "five");
	EXPECT_EQ(fsctp_reasm_held(&x.r), 0u);
}

/* RFC 9260 6.2: a TSN that was marked is reported received no more; the
 * highest TSN received goes down to the next one held. */
TEST(RwndFull, TsnMapUnmark)
{
	struct fsctp_tsnmap m;
	struct fsctp_tsnmap_config c = {};

	c.initial_tsn = 1;
	ASSERT_EQ(fsctp_tsnmap_init(&m, &c), 0);
	for (uint32_t t : { 1u, 3u, 5u }) {
		ASSERT_EQ(fsctp_tsnmap_check(&m, t), FSCTP_TSN_NEW);
		ASSERT_EQ(fsctp_tsnmap_mark(&m, t), 0);
	}
	EXPECT_EQ(fsctp_tsnmap_unmark(&m, 1), -EINVAL); /* at the cum TSN */
	EXPECT_EQ(fsctp_tsnmap_unmark(&m, 4), -EINVAL); /* never marked */
	EXPECT_EQ(fsctp_tsnmap_unmark(&m, 5), 0);
	EXPECT_EQ(fsctp_tsnmap_highest(&m), 3u);
	struct fsctp_sack_gap g[4];
	ASSERT_EQ(fsctp_tsnmap_gaps(&m, g, 4), 1);
	EXPECT_EQ(g[0].start, 2);
	EXPECT_EQ(g[0].end, 2);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 5), FSCTP_TSN_NEW);
	EXPECT_EQ(fsctp_tsnmap_unmark(&m, 3), 0);
	EXPECT_EQ(fsctp_tsnmap_highest(&m), 1u);
	EXPECT_EQ(fsctp_tsnmap_gap_count(&m), 0);
	EXPECT_EQ(m.stats.n_reneged, 2u);
	fsctp_tsnmap_fini(&m);
}

namespace
{
void
evicted(void *ctx, uint32_t tsn)
{
	static_cast<std::vector<uint32_t> *>(ctx)->push_back(tsn);
}
} // namespace

/* RFC 9260 6.2: the held chunk with the highest TSN goes first, whether a
 * waiting message (all its TSNs) or a fragment (the run keeps the rest);
 * nothing at or below the new TSN is dropped. */
TEST(RwndFull, ReasmEvictsHighestFirst)
{
	PrRx x;
	std::vector<uint32_t> ev;

	ASSERT_EQ(x.add(10, 0, 1, B, "ab"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(11, 0, 1, 0, "cd"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(20, 1, 1, B, "w1"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(21, 1, 1, FSCTP_DATA_FLAG_E, "w2"), FSCTP_REASM_OK);
	EXPECT_EQ(x.r.n_waiting[1], 1u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 8u);
	EXPECT_EQ(fsctp_reasm_evict_highest(&x.r, 5, evicted, &ev), 2u);
	EXPECT_EQ(ev, (std::vector<uint32_t>{ 20, 21 }));
	EXPECT_EQ(x.r.n_waiting[1], 0u);
	EXPECT_EQ(fsctp_reasm_evict_highest(&x.r, 5, evicted, &ev), 1u);
	EXPECT_EQ(ev.back(), 11u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 2u);
	/* Nothing above TSN 10 is held any more. */
	EXPECT_EQ(fsctp_reasm_evict_highest(&x.r, 10, evicted, &ev), 0u);
	/* The run kept its left end: the message still completes. */
	ASSERT_EQ(x.add(11, 0, 1, 0, "CD"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(12, 0, 1, FSCTP_DATA_FLAG_E, "e"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(9, 0, 0, BE, "z"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 2u);
	EXPECT_EQ(x.got[1].second, "abCDe");
	EXPECT_EQ(x.r.stats.n_evicted, 2u);
	EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 0u);
}

/* RFC 3758 3.6, far skip: the waiting messages up to the skipped SSN are
 * found by sorting the stream's waiting messages (not by walking every
 * SSN in between), delivered lowest SSN first; a message past the skipped
 * SSN stays until its turn; other streams are untouched. */
TEST(PrSctpReasm, FarSkipSortsTheWaitingMessages)
{
	PrRx x;

	ASSERT_EQ(x.add(3, 2, 2000, BE, "c"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(1, 2, 900, BE, "b"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(2, 2, 100, BE, "a"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(4, 3, 7, BE, "other"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(5, 2, 1001, BE, "d"), FSCTP_REASM_OK);
	EXPECT_EQ(fsctp_reasm_skip(&x.r, 2, 1000), 0);
	ASSERT_EQ(x.got.size(), 3u);
	EXPECT_EQ(x.got[0].second, "a");
	EXPECT_EQ(x.got[1].second, "b");
	EXPECT_EQ(x.got[2].second, "d"); /* 1001 follows at once */
	EXPECT_EQ(x.r.next_ssn[2], 1002);
	EXPECT_EQ(x.r.n_waiting[2], 1u);
	EXPECT_EQ(x.r.n_waiting[3], 1u);
	EXPECT_EQ(fsctp_reasm_skip(&x.r, 2, 1999), 0);
	ASSERT_EQ(x.got.size(), 4u);
	EXPECT_EQ(x.got[3].second, "c");
	EXPECT_EQ(x.r.n_waiting[2], 0u);
}
