/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PR-SCTP through the full core (RFC 3758, RFC 7496): two stacks back to
 * back (pair.h) with scripted loss. Negotiation in INIT / INIT ACK, the
 * sender abandoning by policy with one SEND_FAILED per message, FORWARD
 * TSN out, the receiver skipping, its SACK, and nothing lost that was not
 * abandoned.
 */
#include <gtest/gtest.h>

#include <set>

#include "pair.h"

using namespace fsctp_test;

namespace
{

/* Index carried in the first 4 bytes of a DATA chunk's payload (B
 * fragment), or -1. */
int64_t
data_index(const Chunk &c)
{
	if (c.value.size() < 16 || !(c.flags & FSCTP_DATA_FLAG_B))
		return -1;
	return fsctp_rd32(&c.value[12]);
}

bool
has_param(const Chunk &init, uint16_t type)
{
	/* INIT / INIT ACK: 16 fixed bytes, then parameters. */
	size_t off = 16;

	while (off + 4 <= init.value.size()) {
		uint16_t t = fsctp_rd16(&init.value[off]);
		uint16_t l = fsctp_rd16(&init.value[off + 2]);

		if (t == type)
			return true;
		if (l < 4)
			return false;
		off += (l + 3u) & ~3u;
	}
	return false;
}

int
send_idx(Pair &p, fsctp_assoc_id_t id, uint32_t i, uint16_t sid, uint8_t policy,
	 uint32_t value, bool unordered = false)
{
	uint8_t b[8];
	fsctp_sndinfo si{};

	fsctp_wr32(b, i);
	fsctp_wr32(b + 4, ~i);
	si.sid = sid;
	si.ppid = 50;
	si.unordered = unordered;
	si.context = i;
	si.pr_policy = policy;
	si.pr_value = value;
	return fsctp_send(p.A.st, id, &si, b, sizeof(b), p.now);
}

fsctp_stack_config
nodelay_config()
{
	fsctp_stack_config c = test_config();

	c.nodelay = true;
	return c;
}

} // namespace

/* RFC 3758 3.3.1: both INIT and INIT ACK carry Forward-TSN-Supported; the
 * feature is kept on both sides. */
TEST(PrSctp, NegotiatedInInitAndInitAck)
{
	Pair p;
	std::vector<Parsed> seen;

	p.drop = [&](bool, const Pkt &k) {
		seen.push_back(parse(k.b));
		return false;
	};
	fsctp_assoc_id_t id = p.connect();
	ASSERT_GE(seen.size(), 2u);
	const Chunk *init = seen[0].find(FSCTP_CHUNK_INIT);
	const Chunk *ack = seen[1].find(FSCTP_CHUNK_INIT_ACK);
	ASSERT_NE(init, nullptr);
	ASSERT_NE(ack, nullptr);
	EXPECT_TRUE(has_param(*init, FSCTP_PARAM_FORWARD_TSN_SUPPORTED));
	EXPECT_TRUE(has_param(*ack, FSCTP_PARAM_FORWARD_TSN_SUPPORTED));
	EXPECT_TRUE(p.A.assoc(id)->features & FSCTP_FEAT_PRSCTP);
	ASSERT_NE(p.B.only(), nullptr);
	EXPECT_TRUE(p.B.only()->features & FSCTP_FEAT_PRSCTP);
}

/*
 * RFC 3758 3.5, 3.6 with TTL under loss: every packet carrying an odd
 * message is lost, first sending and retransmissions alike. The odd ones
 * (TTL 100 ms) expire, are reported (SEND_FAILED, abandoned, sent) and skipped by a
 * FORWARD TSN; the receiver delivers every even one in order on the same
 * stream, answers the FORWARD TSN with a SACK at its new cumulative TSN,
 * and the association then shuts down cleanly.
 */
TEST(PrSctp, TtlUnderLossDeliversTheRestInOrder)
{
	fsctp_stack_config c = nodelay_config();
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	const uint32_t n = 20;
	int64_t fwd_cum = -1;
	int sack_after_fwd = 0;

	p.drop = [&](bool from_a, const Pkt &k) {
		Parsed x = parse(k.b);
		for (auto &ch : x.chunks) {
			if (from_a && ch.type == FSCTP_CHUNK_DATA &&
			    data_index(ch) >= 0 && (data_index(ch) & 1))
				return true;
			if (from_a && ch.type == FSCTP_CHUNK_FORWARD_TSN)
				fwd_cum = fsctp_rd32(&ch.value[0]);
			/* RFC 3758 3.6: the receiver's SACK shows the new
			 * cumulative TSN. */
			if (!from_a && ch.type == FSCTP_CHUNK_SACK &&
			    fwd_cum >= 0 &&
			    fsctp_rd32(&ch.value[0]) == (uint32_t)fwd_cum)
				sack_after_fwd++;
		}
		return false;
	};
	/* Odd messages live 100 ms, even ones are reliable (a packet that
	 * bundles both is lost too: the even ones come again). */
	for (uint32_t i = 0; i < n; i++)
		ASSERT_EQ(send_idx(p, id, i, 1,
				   i & 1 ? FSCTP_PR_TTL : FSCTP_PR_NONE, 100),
			  0);
	p.pump();
	/* SSN order: only message 0 could be delivered so far. */
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	p.advance(5000000);
	std::vector<uint32_t> got;
	for (auto &e : p.B.events)
		if (e.type == FSCTP_EV_DATA)
			got.push_back(fsctp_rd32(e.data.data()));
	std::vector<uint32_t> want;
	for (uint32_t i = 0; i < n; i += 2)
		want.push_back(i);
	EXPECT_EQ(got, want);
	std::set<uint64_t> failed;
	for (auto &e : p.A.events) {
		if (e.type != FSCTP_EV_SEND_FAILED)
			continue;
		EXPECT_TRUE(e.abandoned);
		EXPECT_TRUE(e.sent);
		EXPECT_EQ(e.context & 1, 1u);
		failed.insert(e.context);
	}
	EXPECT_EQ(failed.size(), n / 2);
	EXPECT_EQ(p.A.count(FSCTP_EV_SEND_FAILED), (int)(n / 2));
	EXPECT_GE(p.A.assoc(id)->ctr.fwd_tsn_out, 1u);
	EXPECT_EQ(p.A.assoc(id)->ctr.pr_abandoned, n / 2);
	EXPECT_GE(p.B.only()->ctr.fwd_tsn_in, 1u);
	EXPECT_GE(sack_after_fwd, 1);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
	EXPECT_EQ(fsctp_assoc_data_check(p.A.assoc(id)), 0);

	/* RFC 7496 section 4. */
	fsctp_pr_status s;
	ASSERT_EQ(fsctp_assoc_pr_status(p.A.st, id, FSCTP_PR_ASSOC,
					FSCTP_PR_ALL, &s),
		  0);
	EXPECT_EQ(s.abandoned_sent, n / 2);
	EXPECT_EQ(s.abandoned_unsent, 0u);
	ASSERT_EQ(fsctp_assoc_pr_status(p.A.st, id, FSCTP_PR_ASSOC,
					FSCTP_PR_RTX, &s),
		  0);
	EXPECT_EQ(s.abandoned_sent, 0u);
	ASSERT_EQ(fsctp_assoc_pr_status(p.A.st, id, 1, FSCTP_PR_ALL, &s), 0);
	EXPECT_EQ(s.abandoned_sent, n / 2);
	ASSERT_EQ(fsctp_assoc_pr_status(p.A.st, id, 0, FSCTP_PR_ALL, &s), 0);
	EXPECT_EQ(s.abandoned_sent, 0u);
	EXPECT_EQ(fsctp_assoc_pr_status(p.A.st, id, 1, FSCTP_PR_TTL, &s),
		  -EINVAL);
	EXPECT_EQ(fsctp_assoc_pr_status(p.A.st, id, 999, FSCTP_PR_ALL, &s),
		  -EINVAL);
	EXPECT_EQ(fsctp_assoc_pr_status(p.A.st, 12345, FSCTP_PR_ASSOC,
					FSCTP_PR_ALL, &s),
		  -ENOTCONN);

	/* The stream is not blocked: a reliable message follows. */
	p.drop = nullptr;
	ASSERT_EQ(send_idx(p, id, 100, 1, FSCTP_PR_NONE, 0), 0);
	p.advance(1000000);
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), (int)(n / 2 + 1));
	ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	p.advance(1000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
}

/* A lost FORWARD TSN is sent again on T3-rtx expiry (RFC 3758 3.5 A5),
 * although no DATA is in flight any more. */
TEST(PrSctp, LostForwardTsnIsResent)
{
	fsctp_stack_config c = nodelay_config();
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	int fwd_seen = 0;

	p.drop = [&](bool from_a, const Pkt &k) {
		Parsed x = parse(k.b);
		if (!from_a)
			return false;
		if (x.find(FSCTP_CHUNK_FORWARD_TSN) && fwd_seen++ == 0)
			return true;
		const Chunk *d = x.find(FSCTP_CHUNK_DATA);
		return d != nullptr && data_index(*d) == 0;
	};
	ASSERT_EQ(send_idx(p, id, 0, 0, FSCTP_PR_RTX, 0), 0);
	ASSERT_EQ(send_idx(p, id, 1, 0, FSCTP_PR_NONE, 0), 0);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	p.advance(10000000);
	EXPECT_GE(fwd_seen, 2);
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(fsctp_rd32(p.B.last(FSCTP_EV_DATA)->data.data()), 1u);
	EXPECT_EQ(p.A.count(FSCTP_EV_SEND_FAILED), 1);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
	EXPECT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED);
}

/*
 * RFC 7496 3.2 on unordered and ordered streams with random loss: every
 * message is delivered at most once and, when not delivered, reported
 * abandoned; no ordered message overtakes another.
 */
TEST(PrSctp, RtxPolicyUnderRandomLossAccountsForEveryMessage)
{
	fsctp_stack_config c = nodelay_config();
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	uint64_t rng = 12345;
	const uint32_t n = 300;

	p.drop = [&](bool, const Pkt &) {
		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		return (rng >> 33) % 100 < 10;
	};
	for (uint32_t i = 0; i < n; i++) {
		ASSERT_EQ(send_idx(p, id, i, (uint16_t)(i % 3), FSCTP_PR_RTX, 1,
				   i % 3 == 2),
			  0);
		if (i % 10 == 9)
			p.advance(20000);
	}
	p.advance(60000000);
	std::set<uint32_t> got, failed;
	uint32_t last[3] = { 0, 0, 0 };
	bool first[3] = { true, true, true };
	for (auto &e : p.B.events) {
		if (e.type != FSCTP_EV_DATA)
			continue;
		uint32_t i = fsctp_rd32(e.data.data());
		EXPECT_TRUE(got.insert(i).second) << i;
		EXPECT_EQ(e.sid, i % 3);
		if (i % 3 != 2) {
			if (!first[i % 3]) {
				EXPECT_GT(i, last[i % 3]);
			}
			first[i % 3] = false;
			last[i % 3] = i;
		}
	}
	for (auto &e : p.A.events) {
		if (e.type != FSCTP_EV_SEND_FAILED)
			continue;
		EXPECT_TRUE(e.abandoned);
		EXPECT_TRUE(failed.insert((uint32_t)e.context).second);
	}
	/* Abandoned after arriving is possible (its SACKs were lost: the
	 * sender cannot know), lost without a report is not. */
	uint32_t both = 0;
	for (uint32_t i = 0; i < n; i++) {
		EXPECT_TRUE(got.count(i) || failed.count(i)) << i;
		both += got.count(i) && failed.count(i);
	}
	EXPECT_GT(failed.size(), both);
	EXPECT_LT(both, failed.size() / 2 + 1);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
	EXPECT_EQ(fsctp_assoc_data_check(p.A.assoc(id)), 0);
	EXPECT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED);
}

/* A FORWARD TSN the receiver finds stale (at or behind its cum TSN) is
 * answered by a SACK and changes nothing (RFC 3758 3.6). */
TEST(PrSctp, StaleForwardTsnAnsweredBySack)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	ASSERT_EQ(send_idx(p, id, 0, 0, FSCTP_PR_NONE, 0), 0);
	p.advance(500000);
	uint32_t cum = fsctp_assoc_data_cum_tsn(b);
	PktBuilder pk(5000, 6000, b->my_vtag);
	uint8_t v[4];
	fsctp_wr32(v, cum - 5);
	pk.chunk(FSCTP_CHUNK_FORWARD_TSN, 0, std::vector<uint8_t>(v, v + 4));
	p.B.out.clear();
	p.inject(p.B, p.A.addr, pk.bytes());
	Parsed r = p.B.pop();
	const Chunk *s = r.find(FSCTP_CHUNK_SACK);
	ASSERT_NE(s, nullptr);
	EXPECT_EQ(fsctp_rd32(&s->value[0]), cum);
	EXPECT_EQ(fsctp_assoc_data_cum_tsn(b), cum);
	EXPECT_EQ(b->data->map.stats.n_fwd_stale, 1u);
	(void)id;
}

/*
 * RFC 9260 6.2: the receiver's reassembly memory is full of out-of-order
 * messages when the one that fills the cum TSN gap comes back: it drops
 * what it holds with the highest TSN (reneging it) and takes the lower
 * one, so the association does not deadlock; everything arrives in order.
 */
TEST(RwndFull, GapFillerDisplacesTheHighestTsn)
{
	fsctp_stack_config ca = nodelay_config(), cb = nodelay_config();

	/* Room for two held messages and not a third. */
	cb.reasm_limit_global = 2500;
	Pair p(ca, cb);
	fsctp_assoc_id_t id = p.connect();
	bool dropped = false;
	const uint32_t n = 60;

	p.drop = [&](bool from_a, const Pkt &k) {
		Parsed x = parse(k.b);
		const Chunk *d = x.find(FSCTP_CHUNK_DATA);
		if (from_a && d != nullptr && data_index(*d) == 0 && !dropped) {
			dropped = true;
			return true;
		}
		return false;
	};
	std::vector<uint8_t> big(1000, 'b');
	for (uint32_t i = 0; i < n; i++) {
		fsctp_wr32(big.data(), i);
		fsctp_sndinfo si{};
		si.ppid = 9;
		ASSERT_EQ(fsctp_send(p.A.st, id, &si, big.data(), 1000, p.now),
			  0);
	}
	p.advance(30000000);
	std::vector<uint32_t> got;
	for (auto &e : p.B.events)
		if (e.type == FSCTP_EV_DATA)
			got.push_back(fsctp_rd32(e.data.data()));
	ASSERT_EQ(got.size(), n);
	for (uint32_t i = 0; i < n; i++)
		EXPECT_EQ(got[i], i);
	EXPECT_GT(p.B.ctr().fsctp_rx_reneged, 0u);
	EXPECT_GT(p.A.assoc(id)->data->sq.stats.n_renege, 0u);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
	EXPECT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED);
}
