/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partial delivery on DATA associations through the full core (RFC 9260
 * 6.9, RFC 6458 8.1.20, 8.1.21, 6.1.7): two stacks back to back (pair.h).
 */
#include <gtest/gtest.h>

#include <algorithm>

#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_stack_config
data_config()
{
	fsctp_stack_config c = test_config();

	c.nodelay = true;
	c.idata = false;
	return c;
}

std::vector<uint8_t>
body(uint32_t seed, uint32_t len)
{
	std::vector<uint8_t> b(len);

	for (uint32_t k = 0; k < len; k++)
		b[k] = (uint8_t)(seed * 7 + k * 13 + (k >> 9));
	return b;
}

} // namespace

/*
 * RFC 9260 6.9 / RFC 6458 8.1.21 on a DATA association: a 1 MiB message to
 * a receiver with a 64 KiB window and a 16 KiB partial delivery point, one
 * packet in seven lost. It arrives in pieces (fsctp_msg.partial on all but
 * the last) that join to the message; the receiver never held more than
 * its window (nor its memory much more). Then the association aborts
 * during a second such message: the partial delivery is reported aborted
 * (RFC 6458 6.1.7), with the SSN as the MID.
 */
TEST(DataPd, OneMebibyteMessageThroughA64KiBWindow)
{
	fsctp_stack_config ca = data_config();
	fsctp_stack_config cb = data_config();
	ca.max_msg_size = 2u << 20;
	ca.sndbuf = 4u << 20;
	cb.rwnd = 64 * 1024;
	cb.pd_point = 16 * 1024;
	Pair p(ca, cb);
	uint32_t pk = 0;
	uint64_t most = 0, most_mem = 0;

	p.drop = [&](bool, const Pkt &) {
		fsctp_assoc *b = p.B.only();
		if (b != nullptr && b->data != nullptr && b->data->ready) {
			most = std::max<uint64_t>(
				most, fsctp_reasm_held(&b->data->reasm));
			most_mem = std::max<uint64_t>(
				most_mem,
				fsctp_reasm_held_mem(&b->data->reasm));
		}
		return ++pk % 7 == 0;
	};
	fsctp_assoc_id_t id = p.connect();
	ASSERT_FALSE(p.A.assoc(id)->features & FSCTP_FEAT_IDATA);
	std::vector<uint8_t> m = body(1, 1u << 20);
	fsctp_sndinfo si{};
	si.sid = 2;
	si.ppid = 77;
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(), m.size(), p.now), 0);
	p.advance(60000000);
	std::vector<uint8_t> joined;
	int pieces = 0;
	for (auto &e : p.B.events) {
		if (e.type != FSCTP_EV_DATA)
			continue;
		pieces++;
		EXPECT_EQ(e.sid, 2);
		EXPECT_EQ(e.ppid, 77u);
		joined.insert(joined.end(), e.data.begin(), e.data.end());
		EXPECT_EQ(e.partial, joined.size() < m.size());
	}
	EXPECT_TRUE(joined == m);
	EXPECT_GT(pieces, 16);
	EXPECT_LE(most, 64u * 1024);
	EXPECT_LE(most_mem, 64u * 1024 + 64u * fsctp_reasm_chunk_overhead);
	EXPECT_EQ(p.B.count(FSCTP_EV_PARTIAL_DELIVERY), 0);

	/* Half of a second message, then the sender aborts. */
	int sent2 = 0;
	p.drop = [&](bool from_a, const Pkt &) {
		return from_a && ++sent2 > 20;
	};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(), m.size(), p.now), 0);
	p.pump();
	EXPECT_GT(p.B.count(FSCTP_EV_DATA), pieces);
	p.drop = nullptr;
	ASSERT_EQ(fsctp_abort(p.A.st, id, nullptr, 0, p.now), 0);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_LOST), 1);
	ASSERT_EQ(p.B.count(FSCTP_EV_PARTIAL_DELIVERY), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_PARTIAL_DELIVERY)->sid, 2);
	EXPECT_EQ(p.B.last(FSCTP_EV_PARTIAL_DELIVERY)->mid, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_pd_aborted, 1u);
}

/*
 * RFC 3758 3.6 with RFC 6458 6.1.7: the sender abandons a message partly
 * delivered (at most 0 retransmissions, one packet lost); its FORWARD TSN
 * ends the partial delivery as aborted, once, and the stream goes on with
 * the next message; a message of another stream queued behind it comes
 * after the report.
 */
TEST(DataPd, ForwardTsnAbortsThePartialDelivery)
{
	fsctp_stack_config ca = data_config();
	fsctp_stack_config cb = data_config();
	ca.max_msg_size = 1u << 20;
	cb.rwnd = 64 * 1024;
	cb.pd_point = 8 * 1024;
	Pair p(ca, cb);
	fsctp_assoc_id_t id = p.connect();
	int n = 0;
	uint32_t lost = 0;

	/* The DATA of the 20th packet from A after connecting is lost, and
	 * again when retransmitted: more than the one retransmission the
	 * message may have. */
	p.drop = [&](bool from_a, const Pkt &k) {
		if (!from_a)
			return false;
		Parsed pk = parse(k.b);
		const Chunk *d = pk.find(FSCTP_CHUNK_DATA);
		if (d == nullptr || d->value.size() < 4)
			return false;
		if (++n == 20)
			lost = fsctp_rd32(d->value.data());
		return lost != 0 && fsctp_rd32(d->value.data()) == lost;
	};
	std::vector<uint8_t> m = body(3, 200 * 1024);
	fsctp_sndinfo si{};
	si.sid = 1;
	si.ppid = 5;
	si.pr_policy = FSCTP_PR_RTX;
	si.pr_value = 1;
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(), m.size(), p.now), 0);
	fsctp_sndinfo s3{};
	s3.sid = 3;
	const uint8_t other[] = "other";
	ASSERT_EQ(fsctp_send(p.A.st, id, &s3, other, sizeof(other), p.now), 0);
	p.advance(30000000);
	ASSERT_EQ(p.B.count(FSCTP_EV_PARTIAL_DELIVERY), 1);
	const Ev *ab = p.B.last(FSCTP_EV_PARTIAL_DELIVERY);
	EXPECT_EQ(ab->sid, 1);
	EXPECT_EQ(ab->mid, 0u);
	EXPECT_EQ(ab->ppid, 5u);
	EXPECT_FALSE(ab->unordered);
	EXPECT_GE(p.A.count(FSCTP_EV_SEND_FAILED), 1);
	/* Pieces, all marked partial, a prefix of the message; then the
	 * other stream's message, after the abort. */
	std::vector<uint8_t> joined;
	bool saw_other = false;
	size_t i_other = 0, i = 0;
	for (auto &e : p.B.events) {
		i++;
		if (e.type != FSCTP_EV_DATA)
			continue;
		if (e.sid == 3) {
			saw_other = true;
			i_other = i;
			continue;
		}
		EXPECT_TRUE(e.partial);
		joined.insert(joined.end(), e.data.begin(), e.data.end());
	}
	ASSERT_GT(joined.size(), 8u * 1024);
	ASSERT_LT(joined.size(), m.size());
	EXPECT_TRUE(std::equal(joined.begin(), joined.end(), m.begin()));
	EXPECT_TRUE(saw_other);
	size_t i_abort = 0;
	i = 0;
	for (auto &e : p.B.events) {
		i++;
		if (e.type == FSCTP_EV_PARTIAL_DELIVERY)
			i_abort = i;
	}
	EXPECT_GT(i_other, i_abort);
	/* The stream goes on. */
	p.drop = nullptr;
	si.pr_policy = 0;
	const uint8_t next[] = "next";
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, next, sizeof(next), p.now), 0);
	p.advance(1000000);
	ASSERT_NE(p.B.last(FSCTP_EV_DATA), nullptr);
	EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->sid, 1);
	EXPECT_FALSE(p.B.last(FSCTP_EV_DATA)->partial);
	EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->data.size(), sizeof(next));
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	EXPECT_EQ(fsctp_reasm_held(&b->data->reasm), 0u);
	EXPECT_EQ(b->data->reasm.pd_busy, 0u);
	EXPECT_EQ(p.B.ctr().fsctp_pd_aborted, 1u);
}
