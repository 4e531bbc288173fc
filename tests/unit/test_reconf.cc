/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stream reconfiguration (RFC 6525) through the full core: two stacks back
 * to back (pair.h). Negotiation, each request kind and its response, the
 * sequence numbers, loss of requests and responses, duplicates, the
 * RE-CONFIG timer, and a reset while data is in flight. Also the send
 * queue's and reassembly's stream hooks on their own.
 */
#include <gtest/gtest.h>

#include <map>

#include "pair.h"

using namespace fsctp_test;

namespace
{

bool
is_reconf(const Pkt &k)
{
	return parse(k.b).find(FSCTP_CHUNK_RECONFIG) != nullptr;
}

/* The parameters of the first RE-CONFIG chunk of a packet. */
std::vector<fsctp_reconf_param>
reconf_params(const Pkt &k)
{
	std::vector<fsctp_reconf_param> v;
	Parsed p = parse(k.b);
	const Chunk *c = p.find(FSCTP_CHUNK_RECONFIG);
	fsctp_tlv t;
	fsctp_reconf_info ri;

	if (c == nullptr)
		return v;
	t.type = FSCTP_CHUNK_RECONFIG;
	t.flags = 0;
	t.value = c->value.data();
	t.value_len = (uint16_t)c->value.size();
	if (fsctp_decode_reconf(&t, &ri) != 0)
		return v;
	for (unsigned i = 0; i < ri.n_params; i++)
		v.push_back(ri.params[i]);
	return v;
}

/* Supported Extensions (RFC 5061 4.2.7) of an INIT / INIT ACK lists t. */
bool
lists_ext(const Chunk &init, uint8_t t)
{
	size_t off = 16;

	while (off + 4 <= init.value.size()) {
		uint16_t ty = fsctp_rd16(&init.value[off]);
		uint16_t l = fsctp_rd16(&init.value[off + 2]);

		if (l < 4)
			return false;
		if (ty == FSCTP_PARAM_SUPPORTED_EXT)
			for (size_t i = 4; i < l && off + i < init.value.size();
			     i++)
				if (init.value[off + i] == t)
					return true;
		off += (l + 3u) & ~3u;
	}
	return false;
}

int
send_on(Pair &p, Host &h, fsctp_assoc_id_t id, uint16_t sid, uint32_t idx)
{
	uint8_t b[8];
	fsctp_sndinfo si{};

	fsctp_wr32(b, idx);
	fsctp_wr32(b + 4, sid);
	si.sid = sid;
	si.ppid = 51;
	return fsctp_send(h.st, id, &si, b, sizeof(b), p.now);
}

/* (sid, ssn) of each message delivered to h, with its index. */
struct Rx {
	uint16_t sid, ssn;
	uint32_t idx;
};

std::vector<Rx>
received(const Host &h)
{
	std::vector<Rx> v;

	for (auto &e : h.events)
		if (e.type == FSCTP_EV_DATA && e.data.size() == 8)
			v.push_back({ e.sid, e.ssn, fsctp_rd32(&e.data[0]) });
	return v;
}

fsctp_stack_config
enabled_config()
{
	fsctp_stack_config c = test_config();

	c.reconf_enable =
		FSCTP_ENABLE_RESET_STREAM_REQ | FSCTP_ENABLE_CHANGE_ASSOC_REQ;
	c.nodelay = true;
	return c;
}

fsctp_assoc_id_t
b_id(Pair &p)
{
	return p.B.only() ? p.B.only()->id : 0;
}

} // namespace

/* RFC 6525 3, RFC 5061 4.2.7: RE-CONFIG is listed in the Supported
 * Extensions of INIT and INIT ACK, and the passive side keeps it through
 * the cookie. */
TEST(Reconf, NegotiatedInInitAndInitAck)
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
	EXPECT_TRUE(lists_ext(*init, FSCTP_CHUNK_RECONFIG));
	EXPECT_TRUE(lists_ext(*ack, FSCTP_CHUNK_RECONFIG));
	EXPECT_TRUE(p.A.assoc(id)->features & FSCTP_FEAT_RECONFIG);
	ASSERT_NE(p.B.only(), nullptr);
	/* B's TCB was made from the cookie. */
	EXPECT_TRUE(p.B.only()->features & FSCTP_FEAT_RECONFIG);
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 0);
}

/* RFC 6525 3, RFC 9260 3.2: a RE-CONFIG from a peer that did not
 * negotiate it is an unknown chunk type; type 130 has upper bits 10: skip
 * it and go on, with no ERROR. Our own calls say -EOPNOTSUPP. */
TEST(Reconf, NotNegotiatedIsUnknownChunk)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	std::vector<Parsed> from_b;

	ASSERT_NE(p.B.only(), nullptr);
	p.B.only()->features &= ~FSCTP_FEAT_RECONFIG;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (!from_a)
			from_b.push_back(parse(k.b));
		return false;
	};
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  0);
	uint64_t unknown = p.B.ctr().fsctp_rx_unknown_chunk;
	p.pump();
	for (auto &k : from_b) {
		EXPECT_EQ(k.find(FSCTP_CHUNK_ERROR), nullptr);
		EXPECT_EQ(k.find(FSCTP_CHUNK_RECONFIG), nullptr);
	}
	EXPECT_EQ(p.B.ctr().fsctp_rx_unknown_chunk, unknown + 1);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_out_reset_in, 0u);
	EXPECT_EQ(fsctp_reconf_reset_streams(p.B.st, b_id(p),
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  -EOPNOTSUPP);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 0);
}

/* RFC 6525 5.1.2, 5.2.2: an Outgoing SSN Reset of one stream: both sides
 * report it, that stream's SSNs restart at 0, the others go on. */
TEST(Reconf, OutgoingResetRestartsSsn)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	const uint16_t s1 = 1;

	for (uint32_t i = 0; i < 3; i++) {
		ASSERT_EQ(send_on(p, p.A, id, 1, i), 0);
		ASSERT_EQ(send_on(p, p.A, id, 2, 100 + i), 0);
		p.pump();
	}
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING, &s1,
					     1, p.now),
		  0);
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 1);
	p.pump();
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 0);
	ASSERT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 1);
	const Ev *ea = p.A.last(FSCTP_EV_STREAM_RESET);
	EXPECT_EQ(ea->reconf_flags, FSCTP_STREAM_RESET_OUTGOING);
	EXPECT_EQ(ea->sids, std::vector<uint16_t>{ 1 });
	ASSERT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	const Ev *eb = p.B.last(FSCTP_EV_STREAM_RESET);
	EXPECT_EQ(eb->reconf_flags, FSCTP_STREAM_RESET_INCOMING);
	EXPECT_EQ(eb->sids, std::vector<uint16_t>{ 1 });
	ASSERT_EQ(send_on(p, p.A, id, 1, 3), 0);
	ASSERT_EQ(send_on(p, p.A, id, 2, 103), 0);
	p.pump();
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 8u);
	EXPECT_EQ(rx[6].idx, 3u);
	EXPECT_EQ(rx[6].ssn, 0); /* stream 1 starts again */
	EXPECT_EQ(rx[7].idx, 103u);
	EXPECT_EQ(rx[7].ssn, 3); /* stream 2 goes on */
	EXPECT_EQ(p.A.ctr().fsctp_reconf_out_reset_out, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_out_reset_in, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_resp_out, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_resp_in, 1u);
}

/* RFC 6525 6.3.1: a receiver that did not enable resets answers Denied;
 * nothing is reset, and the sender's messages flow again. */
TEST(Reconf, NotEnabledIsDenied)
{
	fsctp_stack_config c = test_config();
	c.nodelay = true;
	Pair p(c, c); /* reconf_enable 0 on both */
	fsctp_assoc_id_t id = p.connect();

	ASSERT_EQ(send_on(p, p.A, id, 1, 0), 0);
	p.pump();
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  0);
	p.pump();
	ASSERT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_STREAM_RESET)->reconf_flags,
		  FSCTP_STREAM_RESET_OUTGOING | FSCTP_RECONF_DENIED);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 0);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_denied, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_peer_refused, 1u);
	ASSERT_EQ(send_on(p, p.A, id, 1, 1), 0);
	p.pump();
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 2u);
	EXPECT_EQ(rx[1].ssn, 1); /* not reset */
	/* Enabled per association, the same request goes through. */
	ASSERT_EQ(fsctp_reconf_enable(p.B.st, b_id(p),
				      FSCTP_ENABLE_RESET_STREAM_REQ),
		  0);
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  0);
	p.pump();
	EXPECT_EQ(p.A.last(FSCTP_EV_STREAM_RESET)->reconf_flags,
		  FSCTP_STREAM_RESET_OUTGOING);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(fsctp_reconf_enable(p.B.st, b_id(p), 0x80), -EINVAL);
}

/* RFC 6525 5.1.3, 5.2.3: an Incoming SSN Reset Request is answered by the
 * peer's Outgoing SSN Reset Request (its Response Sequence Number naming
 * ours); the peer's SSNs on that stream restart at 0. */
TEST(Reconf, IncomingResetAnsweredByOutgoingRequest)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc_id_t bid = b_id(p);
	const uint16_t s3 = 3;
	std::vector<fsctp_reconf_param> from_b;

	for (uint32_t i = 0; i < 2; i++)
		ASSERT_EQ(send_on(p, p.B, bid, 3, i), 0);
	p.pump();
	p.drop = [&](bool from_a, const Pkt &k) {
		if (!from_a && is_reconf(k))
			for (auto &x : reconf_params(k))
				from_b.push_back(x);
		return false;
	};
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_INCOMING, &s3,
					     1, p.now),
		  0);
	p.pump();
	ASSERT_GE(from_b.size(), 1u);
	EXPECT_EQ(from_b[0].type, FSCTP_PARAM_OUT_SSN_RESET_REQ);
	EXPECT_EQ(from_b[0].resp_seq, p.A.assoc(id)->my_itsn);
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 0);
	EXPECT_EQ(fsctp_reconf_pending(p.B.st, bid), 0);
	ASSERT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_STREAM_RESET)->reconf_flags,
		  FSCTP_STREAM_RESET_INCOMING);
	ASSERT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_STREAM_RESET)->reconf_flags,
		  FSCTP_STREAM_RESET_OUTGOING);
	ASSERT_EQ(send_on(p, p.B, bid, 3, 2), 0);
	p.pump();
	auto rx = received(p.A);
	ASSERT_EQ(rx.size(), 3u);
	EXPECT_EQ(rx[2].ssn, 0);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_in_reset_in, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_out_reset_in, 1u);
}

/* RFC 6525 5.1.2 + 5.1.3 in one chunk (3.1): both directions of all
 * streams. */
TEST(Reconf, BothDirectionsAllStreams)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc_id_t bid = b_id(p);
	bool two = false;

	ASSERT_EQ(send_on(p, p.A, id, 0, 0), 0);
	ASSERT_EQ(send_on(p, p.B, bid, 0, 0), 0);
	p.pump();
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a && reconf_params(k).size() == 2)
			two = true;
		return false;
	};
	ASSERT_EQ(
		fsctp_reconf_reset_streams(p.A.st, id,
					   FSCTP_STREAM_RESET_OUTGOING |
						   FSCTP_STREAM_RESET_INCOMING,
					   nullptr, 0, p.now),
		0);
	p.pump();
	EXPECT_TRUE(two);
	EXPECT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 2);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 2);
	ASSERT_EQ(send_on(p, p.A, id, 0, 1), 0);
	ASSERT_EQ(send_on(p, p.B, bid, 0, 1), 0);
	p.pump();
	EXPECT_EQ(received(p.B).back().ssn, 0);
	EXPECT_EQ(received(p.A).back().ssn, 0);
}

/* RFC 6525 5.1.5, 5.1.6, 5.2.5, 5.2.6: add 3 outbound and 2 inbound
 * streams; the new ones carry messages both ways. */
TEST(Reconf, AddStreamsBothWays)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc_id_t bid = b_id(p);

	EXPECT_EQ(send_on(p, p.A, id, 18, 0), -EINVAL);
	ASSERT_EQ(fsctp_reconf_add_streams(p.A.st, id, 2, 3, p.now), 0);
	p.pump();
	fsctp_assoc *a = p.A.assoc(id), *b = p.B.only();
	EXPECT_EQ(a->n_out, 19);
	EXPECT_EQ(a->n_in, 18);
	EXPECT_EQ(b->n_in, 19);
	EXPECT_EQ(b->n_out, 18);
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 0);
	EXPECT_EQ(fsctp_reconf_pending(p.B.st, bid), 0);
	const Ev *ea = p.A.last(FSCTP_EV_STREAM_CHANGE);
	ASSERT_NE(ea, nullptr);
	EXPECT_EQ(ea->reconf_flags, 0);
	ASSERT_EQ(send_on(p, p.A, id, 18, 7), 0);
	ASSERT_EQ(send_on(p, p.B, bid, 17, 8), 0);
	p.pump();
	ASSERT_EQ(received(p.B).size(), 1u);
	EXPECT_EQ(received(p.B)[0].sid, 18);
	ASSERT_EQ(received(p.A).size(), 1u);
	EXPECT_EQ(received(p.A)[0].sid, 17);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_add_out_in, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_add_in_in, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_add_out_out, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_rx_invalid_stream, 0u);
}

/* RFC 6525 5.2.5: beyond the configured bound the request is Denied. */
TEST(Reconf, AddStreamsBeyondLimitDenied)
{
	fsctp_stack_config cb = enabled_config();
	cb.reconf_max_streams = 20;
	Pair p(enabled_config(), cb);
	fsctp_assoc_id_t id = p.connect();

	ASSERT_EQ(fsctp_reconf_add_streams(p.A.st, id, 0, 10, p.now), 0);
	p.pump();
	EXPECT_EQ(p.A.assoc(id)->n_out, 16);
	EXPECT_EQ(p.B.only()->n_in, 16);
	const Ev *ea = p.A.last(FSCTP_EV_STREAM_CHANGE);
	ASSERT_NE(ea, nullptr);
	EXPECT_EQ(ea->reconf_flags, FSCTP_RECONF_DENIED);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_denied, 1u);
	ASSERT_EQ(fsctp_reconf_add_streams(p.A.st, id, 0, 4, p.now), 0);
	p.pump();
	EXPECT_EQ(p.A.assoc(id)->n_out, 20);
}

/* RFC 6525 5.1.1: one request outstanding at a time; argument checks. */
TEST(Reconf, OneOutstandingAndBadArguments)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	const uint16_t bad = 16;

	EXPECT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING, &bad,
					     1, p.now),
		  -EINVAL);
	EXPECT_EQ(fsctp_reconf_reset_streams(p.A.st, id, 0, nullptr, 0, p.now),
		  -EINVAL);
	EXPECT_EQ(fsctp_reconf_add_streams(p.A.st, id, 0, 0, p.now), -EINVAL);
	EXPECT_EQ(fsctp_reconf_reset_streams(p.A.st, 999,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  -ENOTCONN);
	ASSERT_EQ(fsctp_reconf_add_streams(p.A.st, id, 0, 1, p.now), 0);
	EXPECT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  -EBUSY);
	EXPECT_EQ(fsctp_reconf_add_streams(p.A.st, id, 0, 1, p.now), -EBUSY);
	p.pump();
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 0);
}

/* A request is over before its event: the application may ask again
 * from the event's callback. */
TEST(Reconf, NextRequestFromTheEvent)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	int rc = 1;

	p.A.on_event = [&](Host &h, const Ev &e) {
		if (e.type == FSCTP_EV_STREAM_RESET)
			rc = fsctp_reconf_add_streams(h.st, id, 0, 2, p.now);
	};
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  0);
	p.pump();
	EXPECT_EQ(rc, 0);
	EXPECT_EQ(p.A.count(FSCTP_EV_STREAM_CHANGE), 1);
	EXPECT_EQ(p.A.assoc(id)->n_out, 18);
}

/* RFC 6525 5.1.1: the request is lost: the RE-CONFIG timer (RTO) sends it
 * again with the same sequence number, and it is performed once. */
TEST(Reconf, LostRequestRetransmitted)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	int dropped = 0;
	std::vector<uint32_t> seqs;

	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a && is_reconf(k)) {
			seqs.push_back(reconf_params(k)[0].req_seq);
			if (dropped++ == 0)
				return true;
		}
		return false;
	};
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  0);
	p.pump();
	EXPECT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 0);
	p.advance(3000000);
	ASSERT_EQ(seqs.size(), 2u);
	EXPECT_EQ(seqs[0], seqs[1]);
	EXPECT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_rtx, 1u);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
}

/* RFC 6525 5.2.1: the response is lost: the retransmitted request is a
 * duplicate, answered with the remembered result and not performed
 * again. */
TEST(Reconf, LostResponseAnsweredAgain)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	int dropped = 0;

	ASSERT_EQ(send_on(p, p.A, id, 1, 0), 0);
	p.pump();
	p.drop = [&](bool from_a, const Pkt &k) {
		return !from_a && is_reconf(k) && dropped++ == 0;
	};
	const uint16_t s1 = 1;
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING, &s1,
					     1, p.now),
		  0);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 0);
	/* Meanwhile the stream waits (5.1.2). */
	ASSERT_EQ(send_on(p, p.A, id, 1, 1), 0);
	p.pump();
	EXPECT_EQ(received(p.B).size(), 1u);
	p.advance(3000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_dup, 1u);
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 2u);
	EXPECT_EQ(rx[1].ssn, 0);
}

/* RFC 6525 5.2.1: a request with a sequence number neither expected nor
 * one of the last two: Error - Bad Sequence Number. */
TEST(Reconf, BadSequenceNumber)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();

	p.A.assoc(id)->data->rc.next_seq += 7;
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  0);
	p.pump();
	EXPECT_EQ(p.B.ctr().fsctp_reconf_bad_seq, 1u);
	ASSERT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_STREAM_RESET)->reconf_flags,
		  FSCTP_STREAM_RESET_OUTGOING | FSCTP_RECONF_FAILED);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 0);
}

/* RFC 6525 5.1.1: requests never answered count against
 * Association.Max.Retrans: the association fails. */
TEST(Reconf, UnansweredRequestFailsAssociation)
{
	fsctp_stack_config c = enabled_config();
	c.assoc_max_retrans = 3;
	c.path_max_retrans = 3;
	c.hb_interval_ms = 0;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();

	p.drop = [&](bool from_a, const Pkt &k) {
		return from_a && is_reconf(k);
	};
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  0);
	p.advance(120000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_rtx, 3u);
}

/* RFC 6525 5.1.2, 5.2.2: a reset while data is in flight and lost: the
 * receiver answers In progress until every TSN up to the Sender's Last
 * Assigned TSN arrived; nothing is lost, the first batch keeps its SSNs
 * and the messages sent after the reset start again at 0, in order. */
TEST(Reconf, ResetWithDataInFlight)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	const uint16_t s1 = 1;
	int n_data = 0;

	/* Lose the first two packets with DATA. */
	p.drop = [&](bool from_a, const Pkt &k) {
		return from_a && parse(k.b).find(FSCTP_CHUNK_DATA) &&
		       n_data++ < 2;
	};
	for (uint32_t i = 0; i < 5; i++)
		ASSERT_EQ(send_on(p, p.A, id, 1, i), 0);
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING, &s1,
					     1, p.now),
		  0);
	for (uint32_t i = 5; i < 10; i++)
		ASSERT_EQ(send_on(p, p.A, id, 1, i), 0);
	p.pump();
	EXPECT_GE(p.B.ctr().fsctp_reconf_in_progress, 1u);
	p.advance(10000000);
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 10u);
	for (uint32_t i = 0; i < 10; i++) {
		EXPECT_EQ(rx[i].idx, i);
		EXPECT_EQ(rx[i].ssn, i < 5 ? i : i - 5) << i;
	}
	EXPECT_EQ(p.A.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_STREAM_RESET)->reconf_flags,
		  FSCTP_STREAM_RESET_OUTGOING);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_SEND_FAILED), 0);
}

/* RFC 6525 5.2.2: the peer's new-numbered DATA beyond the Sender's Last
 * Assigned TSN arrives while the reset is deferred: it is not taken until
 * the reset, then delivered with SSN 0 (a peer that does not hold its
 * data, scripted on the wire). */
TEST(Reconf, DeferredResetHoldsNewData)
{
	Pair p(enabled_config(), enabled_config());
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	fsctp_assoc *b = p.B.only();
	uint32_t t0 = a->my_itsn;

	auto data = [&](uint32_t tsn, uint16_t ssn, uint32_t idx) {
		PktBuilder pb(5000, 6000, b->my_vtag);
		uint8_t v[20];
		fsctp_wr32(v, tsn);
		fsctp_wr16(v + 4, 1);
		fsctp_wr16(v + 6, ssn);
		fsctp_wr32(v + 8, 51);
		fsctp_wr32(v + 12, idx);
		fsctp_wr32(v + 16, 1);
		pb.chunk(FSCTP_CHUNK_DATA,
			 FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E,
			 std::vector<uint8_t>(v, v + 20));
		p.inject(p.B, p.A.addr, pb.bytes());
	};
	auto request = [&](uint32_t last_tsn) {
		PktBuilder pb(5000, 6000, b->my_vtag);
		fsctp_reconf_param rp{};
		const uint16_t s1 = 1;
		rp.type = FSCTP_PARAM_OUT_SSN_RESET_REQ;
		rp.req_seq = t0;
		rp.resp_seq = b->my_itsn - 1;
		rp.last_tsn = last_tsn;
		rp.n_sids = 1;
		size_t off =
			fsctp_wbuf_chunk_begin(&pb.w, FSCTP_CHUNK_RECONFIG, 0);
		fsctp_encode_reconf_param(&pb.w, &rp, &s1);
		fsctp_wbuf_chunk_end(&pb.w, off);
		p.inject(p.B, p.A.addr, pb.bytes());
	};
	data(t0, 0, 0);	    /* SSN 0 */
	request(t0 + 1);    /* TSN t0 + 1 (SSN 1) not here yet */
	data(t0 + 2, 0, 2); /* new numbering, beyond the last TSN */
	EXPECT_EQ(p.B.ctr().fsctp_reconf_rx_held, 1u);
	EXPECT_EQ(received(p.B).size(), 1u);
	data(t0 + 1, 1, 1); /* completes: the reset is performed */
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	data(t0 + 2, 0, 2); /* sent again by the peer: taken now */
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 3u);
	EXPECT_EQ(rx[2].idx, 2u);
	EXPECT_EQ(rx[2].ssn, 0);
	/* The request again: the remembered result, Performed. */
	p.B.out.clear();
	request(t0 + 1);
	bool performed = false;
	for (auto &k : p.B.out)
		for (auto &x : reconf_params(k))
			if (x.type == FSCTP_PARAM_RECONFIG_RESP &&
			    x.resp_seq == t0 &&
			    x.result == FSCTP_RECONF_PERFORMED)
				performed = true;
	EXPECT_TRUE(performed);
	EXPECT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
}

/* RFC 6525 5.2.3: an Incoming SSN Reset listing more streams than our
 * Outgoing SSN Reset answer could carry in one packet is Denied. */
TEST(Reconf, IncomingResetTooLongDenied)
{
	fsctp_stack_config ca = enabled_config(), cb = enabled_config();
	ca.max_in_streams = 400;
	cb.n_out_streams = 400;
	Pair p(ca, cb);
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	fsctp_assoc *b = p.B.only();
	std::vector<uint16_t> sids(300);

	ASSERT_EQ(b->n_out, 400);
	for (uint16_t i = 0; i < 300; i++)
		sids[i] = i;
	PktBuilder pb(5000, 6000, b->my_vtag);
	fsctp_reconf_param rp{};
	rp.type = FSCTP_PARAM_IN_SSN_RESET_REQ;
	rp.req_seq = a->my_itsn;
	rp.n_sids = 300;
	size_t off = fsctp_wbuf_chunk_begin(&pb.w, FSCTP_CHUNK_RECONFIG, 0);
	fsctp_encode_reconf_param(&pb.w, &rp, sids.data());
	fsctp_wbuf_chunk_end(&pb.w, off);
	p.B.out.clear();
	p.inject(p.B, p.A.addr, pb.bytes());
	bool denied = false;
	for (auto &k : p.B.out)
		for (auto &x : reconf_params(k))
			denied |= x.type == FSCTP_PARAM_RECONFIG_RESP &&
				  x.resp_seq == a->my_itsn &&
				  x.result == FSCTP_RECONF_RES_DENIED;
	EXPECT_TRUE(denied);
	EXPECT_EQ(fsctp_reconf_pending(p.B.st, b->id), 0);
}

/* The send queue's and reassembly's stream hooks (RFC 6525 5.1.2, 5.1.5,
 * 5.2.2, 5.2.5) on their own. */
TEST(ReconfStreams, SendQueueHoldResetAdd)
{
	fsctp_sendq q;
	fsctp_sendq_config c{};
	fsctp_sendq_msginfo mi{};
	fsctp_sendq_chunk_out co[8];
	fsctp_sendq_tx tx{};
	uint8_t big[3000] = {};

	c.sndbuf = 1 << 20;
	c.n_out_streams = 2;
	c.initial_tsn = 1;
	c.peer_rwnd = 1 << 20;
	c.nodelay = true;
	ASSERT_EQ(fsctp_sendq_init(&q, &c), 0);
	tx.room = 1400;
	tx.max_frag = 1000;
	tx.cwnd = 1 << 20;
	mi.sid = 1;
	ASSERT_EQ(fsctp_sendq_push(&q, &mi, big, 2500, 0), 0);
	ASSERT_EQ(fsctp_sendq_next_packet(&q, &tx, co, 8), 1u);
	/* Half a message is out: its rest still goes after the hold. */
	fsctp_sendq_hold_new(&q, true);
	EXPECT_FALSE(fsctp_sendq_hold_reached(&q));
	ASSERT_EQ(fsctp_sendq_push(&q, &mi, big, 10, 0), 0);
	ASSERT_EQ(fsctp_sendq_next_packet(&q, &tx, co, 8), 1u);
	EXPECT_FALSE(fsctp_sendq_hold_reached(&q));
	ASSERT_EQ(fsctp_sendq_next_packet(&q, &tx, co, 8), 1u);
	EXPECT_EQ(co[0].ssn, 0);
	EXPECT_EQ(co[0].tsn, 3u);
	EXPECT_TRUE(fsctp_sendq_hold_reached(&q));
	EXPECT_EQ(fsctp_sendq_next_packet(&q, &tx, co, 8), 0u);
	EXPECT_GE(q.stats.n_reconf_held, 1u);
	const uint16_t s1 = 1, s9 = 9;
	EXPECT_EQ(fsctp_sendq_reset_ssn(&q, &s9, 1), -EINVAL);
	ASSERT_EQ(fsctp_sendq_reset_ssn(&q, &s1, 1), 0);
	fsctp_sendq_hold_new(&q, false);
	ASSERT_EQ(fsctp_sendq_next_packet(&q, &tx, co, 8), 1u);
	EXPECT_EQ(co[0].ssn, 0);
	ASSERT_EQ(fsctp_sendq_add_streams(&q, 3), 0);
	EXPECT_EQ(q.cfg.n_out_streams, 5);
	mi.sid = 4;
	EXPECT_EQ(fsctp_sendq_push(&q, &mi, big, 10, 0), 0);
	mi.sid = 5;
	EXPECT_EQ(fsctp_sendq_push(&q, &mi, big, 10, 0), -EINVAL);
	EXPECT_EQ(fsctp_sendq_add_streams(&q, 65535), -EINVAL);
	fsctp_sendq_fini(&q);
}

namespace
{
void
count_msg(void *ctx, const fsctp_reasm_msg *m)
{
	auto *v =
		static_cast<std::vector<std::pair<uint16_t, uint16_t>> *>(ctx);
	v->push_back({ m->sid, m->ssn });
	free(m->data);
}
} // namespace

TEST(ReconfStreams, ReasmResetDrainsAndAdd)
{
	fsctp_reasm r;
	fsctp_reasm_config c{};
	std::vector<std::pair<uint16_t, uint16_t>> got;
	uint8_t d[4] = { 1, 2, 3, 4 };
	fsctp_reasm_chunk ch{};

	c.n_in_streams = 2;
	c.rwnd = 65536;
	c.deliver = count_msg;
	c.ctx = &got;
	ASSERT_EQ(fsctp_reasm_init(&r, &c, nullptr), 0);
	ch.sid = 1;
	ch.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E;
	ch.data = d;
	ch.len = 4;
	ch.tsn = 1;
	ch.ssn = 0;
	ASSERT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_OK);
	/* SSN 1 of the new numbering waits (next expected is 1: it would be
	 * delivered) - use 2 and 1 out of order after the reset. */
	const uint16_t s1 = 1, s7 = 7;
	EXPECT_EQ(fsctp_reasm_reset_ssn(&r, &s7, 1), -EINVAL);
	ASSERT_EQ(fsctp_reasm_reset_ssn(&r, &s1, 1), 0);
	ch.tsn = 2;
	ch.ssn = 1;
	ASSERT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_OK);
	EXPECT_EQ(got.size(), 1u); /* waits for SSN 0 */
	ch.tsn = 3;
	ch.ssn = 0;
	ASSERT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_OK);
	ASSERT_EQ(got.size(), 3u);
	EXPECT_EQ(got[1].second, 0);
	EXPECT_EQ(got[2].second, 1);
	ASSERT_EQ(fsctp_reasm_add_streams(&r, 2), 0);
	ch.sid = 3;
	ch.tsn = 4;
	ch.ssn = 0;
	EXPECT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_OK);
	ch.sid = 4;
	ch.tsn = 5;
	EXPECT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_INVALID_STREAM);
	fsctp_reasm_fini(&r);
}

/* RFC 6525 with I-DATA (RFC 8260 2.3): a reset restarts the stream's MIDs
 * on both sides and added streams get their per-stream state (MIDs, the
 * scheduler's queue): messages after either are delivered in order. */
TEST(Reconf, ResetAndAddStreamsWithIData)
{
	fsctp_stack_config c = enabled_config();
	c.idata = true;
	c.stream_sched = FSCTP_SS_RR;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_NE(p.A.assoc(id)->features & FSCTP_FEAT_IDATA, 0u);
	const uint16_t s1 = 1;

	for (uint32_t i = 0; i < 3; i++)
		ASSERT_EQ(send_on(p, p.A, id, 1, i), 0);
	p.pump();
	ASSERT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING, &s1,
					     1, p.now),
		  0);
	p.pump();
	ASSERT_EQ(p.B.count(FSCTP_EV_STREAM_RESET), 1);
	ASSERT_EQ(fsctp_reconf_add_streams(p.A.st, id, 0, 4, p.now), 0);
	p.pump();
	ASSERT_EQ(p.A.assoc(id)->n_out, 20);
	for (uint32_t i = 0; i < 3; i++) {
		ASSERT_EQ(send_on(p, p.A, id, 1, 10 + i), 0);
		ASSERT_EQ(send_on(p, p.A, id, 19, 20 + i), 0);
	}
	p.pump();
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 9u);
	std::vector<uint32_t> s1_idx, s19_idx;
	for (auto &m : rx)
		(m.sid == 1 ? s1_idx : s19_idx).push_back(m.idx);
	EXPECT_EQ(s1_idx, (std::vector<uint32_t>{ 0, 1, 2, 10, 11, 12 }));
	EXPECT_EQ(s19_idx, (std::vector<uint32_t>{ 20, 21, 22 }));
	/* The MIDs on the wire: stream 1 starts again at 0. */
	std::vector<uint32_t> mids;
	for (auto &e : p.B.events)
		if (e.type == FSCTP_EV_DATA && e.sid == 1)
			mids.push_back(e.mid);
	EXPECT_EQ(mids, (std::vector<uint32_t>{ 0, 1, 2, 0, 1, 2 }));
	EXPECT_EQ(p.B.ctr().fsctp_rx_invalid_stream, 0u);
}
