/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * I-DATA through the full core (RFC 8260): two stacks back to back
 * (pair.h). Negotiation in INIT / INIT ACK (2.2), large messages on
 * several streams under loss carried in I-DATA only, the protocol
 * violation ABORTs of 2.2 and 2.3, and I-FORWARD-TSN with PR-SCTP (2.3).
 */
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_stack_config
idata_config(bool on = true)
{
	fsctp_stack_config c = test_config();

	c.nodelay = true;
	c.idata = on;
	return c;
}

bool
lists_idata(const Chunk &init)
{
	/* INIT / INIT ACK: 16 fixed bytes, then parameters; Supported
	 * Extensions (0x8008) lists chunk types one byte each. */
	size_t off = 16;

	while (off + 4 <= init.value.size()) {
		uint16_t t = fsctp_rd16(&init.value[off]);
		uint16_t l = fsctp_rd16(&init.value[off + 2]);

		if (l < 4)
			return false;
		if (t == FSCTP_PARAM_SUPPORTED_EXT)
			for (size_t i = off + 4; i < off + l; i++)
				if (init.value[i] == FSCTP_CHUNK_I_DATA)
					return true;
		off += (l + 3u) & ~3u;
	}
	return false;
}

/* A message whose bytes say which (stream, index) it is. */
std::vector<uint8_t>
body(uint16_t sid, uint32_t i, uint32_t len)
{
	std::vector<uint8_t> b(len);

	for (uint32_t k = 0; k < len; k++)
		b[k] = (uint8_t)(sid * 31 + i * 7 + k);
	fsctp_wr32(b.data(), i);
	return b;
}

struct Count {
	int data = 0, idata = 0, fwd = 0, ifwd = 0;
};

} // namespace

/* RFC 8260 2.2: I-DATA is listed in Supported Extensions and used only
 * when both sides list it. */
TEST(IData, NegotiatedOnlyWhenBothOffer)
{
	for (int mask = 0; mask < 4; mask++) {
		bool a_on = mask & 1, b_on = mask & 2;
		Pair p(idata_config(a_on), idata_config(b_on));
		std::vector<Parsed> seen;
		Count n;

		p.drop = [&](bool, const Pkt &k) {
			Parsed x = parse(k.b);
			for (auto &c : x.chunks) {
				n.data += c.type == FSCTP_CHUNK_DATA;
				n.idata += c.type == FSCTP_CHUNK_I_DATA;
			}
			seen.push_back(x);
			return false;
		};
		fsctp_assoc_id_t id = p.connect();
		ASSERT_GE(seen.size(), 2u);
		const Chunk *init = seen[0].find(FSCTP_CHUNK_INIT);
		const Chunk *ack = seen[1].find(FSCTP_CHUNK_INIT_ACK);
		ASSERT_NE(init, nullptr);
		ASSERT_NE(ack, nullptr);
		EXPECT_EQ(lists_idata(*init), a_on);
		EXPECT_EQ(lists_idata(*ack), b_on);
		bool both = a_on && b_on;
		EXPECT_EQ((p.A.assoc(id)->features & FSCTP_FEAT_IDATA) != 0,
			  both);
		EXPECT_EQ((p.B.only()->features & FSCTP_FEAT_IDATA) != 0, both);
		fsctp_sndinfo si{};
		std::vector<uint8_t> m = body(1, 0, 3000);
		si.sid = 1;
		si.ppid = 51;
		ASSERT_EQ(
			fsctp_send(p.A.st, id, &si, m.data(), m.size(), p.now),
			0);
		p.advance(1000000);
		ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 1);
		EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->data, m);
		EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->ppid, 51u);
		EXPECT_EQ(n.idata > 0, both) << mask;
		EXPECT_EQ(n.data > 0, !both) << mask;
	}
}

/* RFC 8260 2.1: large messages on four streams both ways, ordered and
 * unordered, one packet in five lost: every message arrives once, intact,
 * ordered streams in order; only I-DATA on the wire. */
TEST(IData, LargeMessagesOnSeveralStreamsUnderLoss)
{
	Pair p(idata_config(), idata_config());
	Count n;
	uint32_t pk = 0;

	p.drop = [&](bool, const Pkt &k) {
		Parsed x = parse(k.b);
		for (auto &c : x.chunks) {
			n.data += c.type == FSCTP_CHUNK_DATA;
			n.idata += c.type == FSCTP_CHUNK_I_DATA;
		}
		return ++pk % 5 == 0;
	};
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(p.A.count(FSCTP_EV_COMM_UP), 1);
	fsctp_assoc_id_t bid = p.B.only()->id;
	const uint32_t per = 12;
	for (uint32_t i = 0; i < per; i++) {
		for (uint16_t s = 0; s < 4; s++) {
			fsctp_sndinfo si{};
			std::vector<uint8_t> m =
				body(s, i, 2000 + 1500 * ((i + s) % 5));
			si.sid = s;
			si.ppid = 1000 + s;
			si.unordered = s == 3;
			ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(),
					     m.size(), p.now),
				  0);
			ASSERT_EQ(fsctp_send(p.B.st, bid, &si, m.data(),
					     m.size(), p.now),
				  0);
		}
		p.advance(20000);
	}
	p.advance(30000000);
	for (Host *h : { &p.B, &p.A }) {
		std::map<uint16_t, std::vector<uint32_t>> order;
		std::set<std::pair<uint16_t, uint32_t>> seen;
		for (auto &e : h->events) {
			if (e.type != FSCTP_EV_DATA)
				continue;
			uint32_t i = fsctp_rd32(e.data.data());
			EXPECT_EQ(e.data,
				  body(e.sid, i, (uint32_t)e.data.size()));
			EXPECT_EQ(e.data.size(),
				  2000 + 1500 * ((i + e.sid) % 5));
			EXPECT_EQ(e.ppid, 1000u + e.sid);
			EXPECT_EQ(e.unordered, e.sid == 3);
			EXPECT_TRUE(seen.insert({ e.sid, i }).second)
				<< "duplicate " << e.sid << "/" << i;
			order[e.sid].push_back(i);
		}
		EXPECT_EQ(seen.size(), 4 * per);
		for (uint16_t s = 0; s < 3; s++) {
			std::vector<uint32_t> want;
			for (uint32_t i = 0; i < per; i++)
				want.push_back(i);
			EXPECT_EQ(order[s], want) << "stream " << s;
		}
	}
	EXPECT_EQ(n.data, 0);
	EXPECT_GT(n.idata, 0);
	EXPECT_GT(p.A.assoc(id)->ctr.sctpAssocRtxChunks, 0u);
	EXPECT_EQ(fsctp_assoc_data_check(p.A.assoc(id)), 0);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
}

/* RFC 8260 2.2: a DATA chunk on an association that negotiated I-DATA
 * is a protocol violation: ABORT. */
TEST(IData, DataOnAnIdataAssociationAborts)
{
	Pair p(idata_config(), idata_config());
	p.connect();
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	PktBuilder k(5000, 6000, b->my_vtag);
	k.chunk(FSCTP_CHUNK_DATA, FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E,
		{ 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 'x' });
	p.inject(p.B, p.A.addr, k.bytes());
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_PROTOCOL_VIOLATION);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.B.ctr().fsctp_rx_protocol_violation, 1u);
}

/* RFC 8260 2.3: FORWARD TSN on an I-DATA association is refused the same
 * way (I-FORWARD-TSN replaces it). */
TEST(IData, ForwardTsnOnAnIdataAssociationAborts)
{
	Pair p(idata_config(), idata_config());
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder k(5000, 6000, b->my_vtag);
	k.chunk(FSCTP_CHUNK_FORWARD_TSN, 0, { 0, 0, 0, 1 });
	p.inject(p.B, p.A.addr, k.bytes());
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_PROTOCOL_VIOLATION);
}

/*
 * RFC 8260 2.3 with RFC 3758 TTL: every packet with a fragment of an odd
 * message is lost. The odd messages (ordered and unordered, several
 * fragments each) expire; an I-FORWARD-TSN (never a FORWARD TSN) skips
 * them; the receiver delivers every even message, ordered ones in order,
 * and holds nothing afterwards.
 */
TEST(IData, IForwardTsnSkipsAbandonedMessages)
{
	Pair p(idata_config(), idata_config());
	Count n;
	std::map<uint32_t, uint32_t> tsn_msg; /* TSN -> message index */

	p.drop = [&](bool from_a, const Pkt &k) {
		Parsed x = parse(k.b);
		bool lose = false;
		for (auto &c : x.chunks) {
			n.ifwd += c.type == FSCTP_CHUNK_I_FORWARD_TSN;
			n.fwd += c.type == FSCTP_CHUNK_FORWARD_TSN;
			if (!from_a || c.type != FSCTP_CHUNK_I_DATA ||
			    c.value.size() < 20)
				continue;
			uint32_t tsn = fsctp_rd32(&c.value[0]);
			if (c.flags & FSCTP_DATA_FLAG_B)
				tsn_msg[tsn] = fsctp_rd32(&c.value[16]);
			else if (tsn_msg.count(tsn - 1))
				tsn_msg[tsn] = tsn_msg[tsn - 1];
			if (tsn_msg.count(tsn) && (tsn_msg[tsn] & 1))
				lose = true;
		}
		return lose;
	};
	fsctp_assoc_id_t id = p.connect();
	const uint32_t cnt = 16;
	for (uint32_t i = 0; i < cnt; i++) {
		fsctp_sndinfo si{};
		std::vector<uint8_t> m = body(1, i, 4000);
		si.sid = (uint16_t)(i % 4 < 2 ? 1 : 2);
		si.unordered = si.sid == 2;
		si.ppid = 9;
		si.context = i;
		si.pr_policy = i & 1 ? FSCTP_PR_TTL : FSCTP_PR_NONE;
		si.pr_value = 100;
		ASSERT_EQ(
			fsctp_send(p.A.st, id, &si, m.data(), m.size(), p.now),
			0);
		/* One message at a time: its fragments have consecutive
		 * TSNs, which the loss rule above relies on. */
		p.pump();
	}
	p.advance(10000000);
	std::vector<uint32_t> got1, got2;
	for (auto &e : p.B.events)
		if (e.type == FSCTP_EV_DATA)
			(e.sid == 1 ? got1 : got2)
				.push_back(fsctp_rd32(e.data.data()));
	std::sort(got2.begin(), got2.end());
	std::vector<uint32_t> want1, want2;
	for (uint32_t i = 0; i < cnt; i += 2)
		(i % 4 < 2 ? want1 : want2).push_back(i);
	EXPECT_EQ(got1, want1);
	EXPECT_EQ(got2, want2);
	EXPECT_EQ(p.A.count(FSCTP_EV_SEND_FAILED), (int)(cnt / 2));
	EXPECT_GT(n.ifwd, 0);
	EXPECT_EQ(n.fwd, 0);
	EXPECT_GE(p.B.only()->ctr.fwd_tsn_in, 1u);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
	EXPECT_EQ(fsctp_reasm_held(&p.B.only()->data->reasm), 0u);
	/* The streams are not blocked. */
	p.drop = nullptr;
	fsctp_sndinfo si{};
	std::vector<uint8_t> m = body(1, 100, 5000);
	si.sid = 1;
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(), m.size(), p.now), 0);
	p.advance(1000000);
	EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->data, m);
}

/* RFC 8260 4.3.2, 4.3.3 through the core: the scheduler and per-stream
 * values of an association; with round robin, I-DATA fragments of two
 * large messages alternate on the wire. */
TEST(IData, SchedulerThroughTheCore)
{
	fsctp_stack_config c = idata_config();
	c.stream_sched = FSCTP_SS_WFQ;
	Pair p(c, idata_config());
	std::string order;

	p.drop = [&](bool from_a, const Pkt &k) {
		Parsed x = parse(k.b);
		for (auto &ch : x.chunks)
			if (from_a && ch.type == FSCTP_CHUNK_I_DATA)
				order += (char)('0' + fsctp_rd16(&ch.value[4]));
		return false;
	};
	/* Both messages are queued before the association is up, so the
	 * scheduler sees both streams from the first packet on. */
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	ASSERT_GT(id, 0);
	EXPECT_EQ(fsctp_assoc_get_sched(p.A.st, (fsctp_assoc_id_t)id),
		  -ENOTCONN); /* no data path before the INIT ACK */
	for (uint16_t s = 1; s <= 2; s++) {
		fsctp_sndinfo si{};
		std::vector<uint8_t> m = body(s, 0, 6000);
		si.sid = s;
		ASSERT_EQ(fsctp_send(p.A.st, (fsctp_assoc_id_t)id, &si,
				     m.data(), m.size(), p.now),
			  0);
	}
	p.advance(1000000);
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 2);
	ASSERT_GE(order.size(), 10u);
	/* Interleaved: the two streams alternate, not 1111122222. */
	EXPECT_EQ(order.substr(0, 4), "1212") << order;

	fsctp_assoc_id_t a = (fsctp_assoc_id_t)id;
	EXPECT_EQ(fsctp_assoc_get_sched(p.A.st, a), FSCTP_SS_WFQ);
	EXPECT_EQ(fsctp_assoc_set_sched(p.A.st, a, 6), -EINVAL);
	EXPECT_EQ(fsctp_assoc_set_sched(p.A.st, 999, FSCTP_SS_RR), -ENOTCONN);
	EXPECT_EQ(fsctp_assoc_set_sched_value(p.A.st, a, 1, 0), -EINVAL);
	EXPECT_EQ(fsctp_assoc_set_sched_value(p.A.st, a, 200, 1), -EINVAL);
	EXPECT_EQ(fsctp_assoc_set_sched_value(p.A.st, a, 1, 3), 0);
	EXPECT_EQ(fsctp_assoc_get_sched_value(p.A.st, a, 1), 3);
	ASSERT_EQ(fsctp_assoc_set_sched(p.A.st, a, FSCTP_SS_RR), 0);
	EXPECT_EQ(fsctp_assoc_get_sched(p.A.st, a), FSCTP_SS_RR);
	/* A bad scheduler in the configuration is refused. */
	fsctp_stack_config bad = idata_config();
	bad.stream_sched = 6;
	fsctp_core_ops ops{};
	ops.rand_bytes = Host::rand_cb;
	ops.output = Host::out_cb;
	ops.event = Host::ev_cb;
	ops.ctx = &p.A;
	fsctp_stack *good = fsctp_stack_create(&c, &ops, p.now);
	EXPECT_NE(good, nullptr);
	fsctp_stack_free(good);
	EXPECT_EQ(fsctp_stack_create(&bad, &ops, p.now), nullptr);
}

/*
 * RFC 6458 8.1.21 through the core: a 1 MiB message to a receiver with a
 * 64 KiB window and a 16 KiB partial delivery point, one packet in seven
 * lost. It arrives in pieces (fsctp_msg.partial on all but the last),
 * which join to the message; the receiver never held more than its
 * window. Then the association aborts during a second such message: the
 * partial delivery is reported aborted (RFC 6458 6.1.7).
 */
TEST(IData, PartialDeliveryOfAOneMebibyteMessage)
{
	fsctp_stack_config ca = idata_config();
	fsctp_stack_config cb = idata_config();
	ca.max_msg_size = 2u << 20;
	ca.sndbuf = 4u << 20;
	cb.rwnd = 64 * 1024;
	cb.pd_point = 16 * 1024;
	Pair p(ca, cb);
	uint32_t pk = 0;
	uint64_t most = 0;

	p.drop = [&](bool, const Pkt &) {
		fsctp_assoc *b = p.B.only();
		if (b != nullptr && b->data != nullptr && b->data->ready)
			most = std::max<uint64_t>(
				most, fsctp_reasm_held(&b->data->reasm));
		return ++pk % 7 == 0;
	};
	fsctp_assoc_id_t id = p.connect();
	std::vector<uint8_t> m = body(2, 5, 1u << 20);
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
	EXPECT_EQ(joined, m);
	EXPECT_GT(pieces, 16);
	EXPECT_LE(most, 64u * 1024);
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
