/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ASCONF (RFC 5061), the sending side and path removal, through two
 * stacks back to back (pair.h) with AUTH and ASCONF on: our requests (Add
 * IP, Delete IP, Set Primary) in both directions, the serial numbers and
 * the one outstanding ASCONF (5.1, 5.1.1), the T-4 RTO retransmission
 * (5.1 B1-B5), ASCONF-ACK processing (5.3, F0), the peer's errors, and a
 * Delete IP that removes a peer path (4.2.2).
 */
#include <gtest/gtest.h>

#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_stack_config
cfg()
{
	fsctp_stack_config c = test_config();

	c.nodelay = true;
	c.auth = true;
	c.asconf = true;
	return c;
}

fsctp_addr
v4(uint8_t net, uint8_t host, uint16_t port = 0)
{
	fsctp_addr a;

	fsctp_addr_set_v4(&a, 198, 18, net, host, port);
	return a;
}

/* A: 198.18.0.1 (198.18.1.1 spare), B: 198.18.0.2 (198.18.1.2 spare),
 * single-homed at first. Packets to or from an address in cut are lost;
 * drop_a decides on A's packets besides. */
struct AsPair : Pair {
	fsctp_addr a0 = v4(0, 1, 5000), a1 = v4(1, 1, 5000);
	fsctp_addr b0 = v4(0, 2, 6000), b1 = v4(1, 2, 6000);
	std::vector<fsctp_addr> cut;
	std::function<bool(const Pkt &)> drop_a;
	fsctp_assoc_id_t id = 0;

	explicit AsPair(const fsctp_stack_config &c = cfg()) : Pair(c, c)
	{
		drop = [this](bool from_a, const Pkt &pk) {
			for (auto &x : cut)
				if (fsctp_addr_ip_eq(&pk.dst, &x) ||
				    fsctp_addr_ip_eq(&pk.src, &x))
					return true;
			return from_a && drop_a && drop_a(pk);
		};
	}
	fsctp_assoc *a()
	{
		return A.assoc(id);
	}
	fsctp_assoc *b()
	{
		return B.only();
	}
	void up()
	{
		id = connect();
		advance(10000);
		A.sent_log.clear();
		B.sent_log.clear();
	}
	/* Packets h sent carrying chunk type t. */
	static std::vector<Pkt> with(const Host &h, uint8_t t)
	{
		std::vector<Pkt> v;
		for (auto &pk : h.sent_log)
			if (parse(pk.b).find(t) != nullptr)
				v.push_back(pk);
		return v;
	}
	/* The ASCONF_RESULT events of h. */
	static std::vector<Ev> results(const Host &h)
	{
		std::vector<Ev> v;
		for (auto &e : h.events)
			if (e.type == FSCTP_EV_ASCONF_RESULT)
				v.push_back(e);
		return v;
	}
	int send_b(int n)
	{
		int ok = 0;
		for (int i = 0; i < n; i++) {
			fsctp_sndinfo si{};
			uint8_t d[100];
			memset(d, i, sizeof(d));
			ok += fsctp_send(B.st, b()->id, &si, d, sizeof(d),
					 now) == 0;
		}
		return ok;
	}
	int send_a(int n)
	{
		int ok = 0;
		for (int i = 0; i < n; i++) {
			fsctp_sndinfo si{};
			uint8_t d[100];
			memset(d, i, sizeof(d));
			ok += fsctp_send(A.st, id, &si, d, sizeof(d), now) == 0;
		}
		return ok;
	}
};

uint32_t
serial_of(const Pkt &pk, uint8_t type)
{
	Parsed x = parse(pk.b);
	const Chunk *c = x.find(type);
	return c != nullptr && c->value.size() >= 4 ? fsctp_rd32(&c->value[0])
						    : 0;
}

/* The ASCONF chunk of pk is right after an AUTH chunk (4.1.1). */
bool
auth_before(const Pkt &pk, uint8_t type)
{
	Parsed x = parse(pk.b);
	for (size_t i = 0; i < x.chunks.size(); i++)
		if (x.chunks[i].type == type)
			return i > 0 &&
			       x.chunks[i - 1].type == FSCTP_CHUNK_AUTH;
	return false;
}

} // namespace

/* RFC 5061 4.2.1, 4.2.4, 4.2.2, 5.1, 5.3 (A's side): A adds 198.18.1.1 (B
 * gets an UNCONFIRMED path to it, probed and confirmed; A's result
 * ADDR_ADDED), makes it B's primary (B's data then goes there), then
 * deletes 198.18.0.1 (sent from 198.18.1.1; B removes the path; A no
 * longer uses it as a source). Every ASCONF goes after an AUTH chunk. */
TEST(AsconfSend, AddSetPrimaryDeleteFromA)
{
	AsPair p;
	p.up();
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &p.a1, p.now), 0);
	p.pump();
	auto out = AsPair::with(p.A, FSCTP_CHUNK_ASCONF);
	ASSERT_EQ(out.size(), 1u);
	EXPECT_TRUE(auth_before(out[0], FSCTP_CHUNK_ASCONF));
	EXPECT_EQ(serial_of(out[0], FSCTP_CHUNK_ASCONF), p.a()->my_itsn);
	ASSERT_EQ(fsctp_assoc_live_paths(p.b()), 2u);
	auto r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_EQ(r[0].addr_state, FSCTP_ADDR_ADDED);
	EXPECT_EQ(r[0].cause, 0);
	EXPECT_TRUE(fsctp_addr_ip_eq(&r[0].addr, &p.a1));
	EXPECT_EQ(p.a()->n_laddrs, 2u);
	EXPECT_EQ(p.A.ctr().fsctp_asconf_req_ok, 1u);
	p.advance(100000); /* the new path is confirmed (5.4) */
	fsctp_paddr_info pi;
	ASSERT_EQ(fsctp_assoc_paddr_info(p.B.st, p.b()->id, &p.a1, &pi), 0);
	EXPECT_TRUE(pi.confirmed);

	ASSERT_EQ(fsctp_asconf_set_peer_primary(p.A.st, p.id, &p.a1, p.now), 0);
	p.pump();
	ASSERT_EQ(fsctp_assoc_paddr_info(p.B.st, p.b()->id, &p.a1, &pi), 0);
	EXPECT_TRUE(pi.primary);
	r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 2u);
	EXPECT_EQ(r[1].addr_state, FSCTP_ADDR_MADE_PRIM);
	EXPECT_EQ(r[1].cause, 0);
	p.B.sent_log.clear();
	EXPECT_EQ(p.send_b(2), 2);
	p.advance(10000);
	EXPECT_EQ(p.A.count(FSCTP_EV_DATA), 2);
	for (auto &pk : AsPair::with(p.B, FSCTP_CHUNK_DATA))
		EXPECT_TRUE(fsctp_addr_ip_eq(&pk.dst, &p.a1));

	p.A.sent_log.clear();
	ASSERT_EQ(fsctp_asconf_del_addr(p.A.st, p.id, &p.a0, p.now), 0);
	p.pump();
	out = AsPair::with(p.A, FSCTP_CHUNK_ASCONF);
	ASSERT_EQ(out.size(), 1u);
	EXPECT_TRUE(fsctp_addr_ip_eq(&out[0].src, &p.a1))
		<< "not sent from the address it deletes";
	EXPECT_TRUE(auth_before(out[0], FSCTP_CHUNK_ASCONF));
	EXPECT_EQ(fsctp_assoc_live_paths(p.b()), 1u);
	r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 3u);
	EXPECT_EQ(r[2].addr_state, FSCTP_ADDR_REMOVED);
	EXPECT_EQ(r[2].cause, 0);
	EXPECT_EQ(p.B.last(FSCTP_EV_PEER_ADDR_CHANGE)->addr_state,
		  FSCTP_ADDR_REMOVED);
	/* A's packets no longer leave from 198.18.0.1. */
	p.A.sent_log.clear();
	EXPECT_EQ(p.send_a(3), 3);
	p.advance(100000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 3);
	ASSERT_FALSE(p.A.sent_log.empty());
	for (auto &pk : p.A.sent_log)
		EXPECT_TRUE(fsctp_addr_ip_eq(&pk.src, &p.a1));
	EXPECT_EQ(fsctp_assoc_state(p.A.st, p.id), FSCTP_ESTABLISHED);
}

/* The same from B, the passive side: B adds 198.18.1.2 and makes it A's
 * primary; A's data then goes there. */
TEST(AsconfSend, AddAndSetPrimaryFromB)
{
	AsPair p;
	p.up();
	fsctp_assoc_id_t bid = p.b()->id;
	ASSERT_EQ(fsctp_asconf_add_addr(p.B.st, bid, &p.b1, p.now), 0);
	ASSERT_EQ(fsctp_asconf_set_peer_primary(p.B.st, bid, &p.b1, p.now), 0);
	p.pump();
	/* 5.1 A3: the Set Primary waits for the first ASCONF-ACK. */
	auto out = AsPair::with(p.B, FSCTP_CHUNK_ASCONF);
	ASSERT_EQ(out.size(), 2u) << "the Set Primary waited for the ACK";
	EXPECT_EQ(serial_of(out[0], FSCTP_CHUNK_ASCONF), p.b()->my_itsn);
	EXPECT_EQ(serial_of(out[1], FSCTP_CHUNK_ASCONF), p.b()->my_itsn + 1);
	auto r = AsPair::results(p.B);
	ASSERT_EQ(r.size(), 2u);
	EXPECT_EQ(r[0].cause, 0);
	EXPECT_EQ(r[1].cause, 0);
	fsctp_paddr_info pi;
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, p.id, &p.b1, &pi), 0);
	EXPECT_TRUE(pi.primary);
	p.advance(100000);
	p.A.sent_log.clear();
	EXPECT_EQ(p.send_a(2), 2);
	p.advance(10000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 2);
	auto data = AsPair::with(p.A, FSCTP_CHUNK_DATA);
	ASSERT_FALSE(data.empty());
	for (auto &pk : data)
		EXPECT_TRUE(fsctp_addr_ip_eq(&pk.dst, &p.b1));
}

/* RFC 5061 5.1 A2, A3, 5.1.1 C1: one ASCONF outstanding, later
 * requests queued and sent together once it is answered; serials from
 * our Initial TSN, one per ASCONF; an ASCONF-ACK of another serial (the
 * old one again) is discarded and counted. */
TEST(AsconfSend, SerialsAndOneOutstanding)
{
	AsPair p;
	p.up();
	std::vector<Pkt> held;
	bool hold = true;
	p.drop_a = [&](const Pkt &pk) {
		if (hold && parse(pk.b).find(FSCTP_CHUNK_ASCONF) != nullptr) {
			held.push_back(pk);
			return true;
		}
		return false;
	};
	uint32_t s0 = p.a()->my_itsn;
	fsctp_addr x = v4(1, 1), y = v4(2, 1), z = v4(3, 1);
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &x, p.now), 0);
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &y, p.now), 0);
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &z, p.now), 0);
	EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &y, p.now), -EALREADY);
	p.pump();
	ASSERT_EQ(held.size(), 1u) << "one outstanding";
	EXPECT_EQ(serial_of(held[0], FSCTP_CHUNK_ASCONF), s0);
	hold = false;
	p.inject(p.B, held[0].src, held[0].b);
	p.pump();
	EXPECT_EQ(p.A.ctr().fsctp_asconf_out, 2u);
	auto out = AsPair::with(p.A, FSCTP_CHUNK_ASCONF);
	ASSERT_EQ(out.size(), 2u) << "y and z in one ASCONF";
	EXPECT_EQ(serial_of(out[1], FSCTP_CHUNK_ASCONF), s0 + 1);
	EXPECT_EQ(AsPair::results(p.A).size(), 3u);
	EXPECT_EQ(p.a()->n_laddrs, 4u);
	/* The first ASCONF-ACK again: an old serial, discarded. */
	auto acks = AsPair::with(p.B, FSCTP_CHUNK_ASCONF_ACK);
	ASSERT_EQ(acks.size(), 2u);
	EXPECT_EQ(serial_of(acks[0], FSCTP_CHUNK_ASCONF_ACK), s0);
	p.inject(p.A, acks[0].src, acks[0].b);
	EXPECT_EQ(p.A.ctr().fsctp_asconf_ack_unexpected, 1u);
	EXPECT_EQ(AsPair::results(p.A).size(), 3u);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, p.id), FSCTP_ESTABLISHED);
}

/* RFC 5061 5.1 B1-B5: a lost ASCONF is sent again when T-4 RTO expires,
 * with the same serial, to another path of the peer when it has one, the
 * RTO backed off and an error counted; unanswered beyond
 * Association.Max.Retrans the association ends. */
TEST(AsconfSend, LostAsconfRetransmitted)
{
	fsctp_stack_config c = cfg();
	c.hb_interval_ms = 0; /* no HEARTBEAT ACK clears the errors */
	AsPair p(c);
	ASSERT_EQ(fsctp_bindx(p.B.st, 6000,
			      std::vector<fsctp_addr>{ p.b0, p.b1 }.data(), 2),
		  0);
	p.up();
	ASSERT_EQ(fsctp_assoc_live_paths(p.a()), 2u);
	int lost = 1;
	p.drop_a = [&](const Pkt &pk) {
		if (lost > 0 &&
		    parse(pk.b).find(FSCTP_CHUNK_ASCONF) != nullptr) {
			lost--;
			return true;
		}
		return false;
	};
	uint64_t rto = p.a()->paths[p.a()->primary].rto;
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &p.a1, p.now), 0);
	p.pump();
	EXPECT_TRUE(AsPair::results(p.A).empty());
	p.advance(rto + 1000);
	auto out = AsPair::with(p.A, FSCTP_CHUNK_ASCONF);
	ASSERT_EQ(out.size(), 2u);
	EXPECT_EQ(serial_of(out[0], FSCTP_CHUNK_ASCONF),
		  serial_of(out[1], FSCTP_CHUNK_ASCONF));
	EXPECT_FALSE(fsctp_addr_ip_eq(&out[0].dst, &out[1].dst))
		<< "B4: to the alternate path";
	EXPECT_EQ(p.A.ctr().fsctp_asconf_rtx, 1u);
	EXPECT_EQ(p.a()->paths[0].rto, 2 * rto) << "B3";
	auto r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_EQ(r[0].cause, 0);
	/* Never answered: Association.Max.Retrans (10) expiries end it. */
	lost = 1000;
	ASSERT_EQ(fsctp_asconf_set_peer_primary(p.A.st, p.id, &p.a1, p.now), 0);
	p.advance(3600ull * 1000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_GE(p.A.ctr().fsctp_asconf_rtx, 10u);
}

/* RFC 5061 5.3 F0: an ASCONF-ACK while none is outstanding, with a serial
 * at or beyond our next one: ABORT with Illegal ASCONF-ACK. */
TEST(AsconfSend, IllegalAckAborts)
{
	AsPair p;
	p.up();
	fsctp_assoc *b = p.b();
	fsctp_out_begin_assoc(p.B.st, b);
	fsctp_wbuf *w = fsctp_out_wbuf(p.B.st, 16);
	size_t off = fsctp_encode_asconf_ack_begin(w, p.a()->my_itsn);
	fsctp_wbuf_chunk_end(w, off);
	fsctp_out_ctrl(p.B.st);
	fsctp_out_flush(p.B.st);
	p.pump();
	EXPECT_EQ(p.A.ctr().fsctp_asconf_ack_illegal, 1u);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	auto ab = AsPair::with(p.A, FSCTP_CHUNK_ABORT);
	ASSERT_EQ(ab.size(), 1u);
	EXPECT_EQ(first_cause(*parse(ab[0].b).find(FSCTP_CHUNK_ABORT)),
		  FSCTP_CAUSE_ILLEGAL_ASCONF_ACK);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_LOST), 1);
}

/* RFC 5061 4.1.2 (RFC 4895 6.3): an ASCONF-ACK without its AUTH is
 * discarded: the request stays outstanding and the ASCONF is resent. */
TEST(AsconfSend, UnauthenticatedAckDiscarded)
{
	AsPair p;
	p.up();
	int stripped = 0;
	auto base = p.drop;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a)
			return base(from_a, k);
		Parsed x = parse(k.b);
		if (stripped > 0 || x.find(FSCTP_CHUNK_ASCONF_ACK) == nullptr ||
		    x.chunks.empty() || x.chunks[0].type != FSCTP_CHUNK_AUTH)
			return false;
		std::vector<uint8_t> b = k.b;
		size_t l = fsctp_rd16(&b[14]);
		b.erase(b.begin() + 12, b.begin() + 12 + (long)l);
		stripped++;
		p.inject(p.A, k.src, b);
		return true;
	};
	uint64_t unauth = p.A.ctr().fsctp_auth_rx_unauth_drop;
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &p.a1, p.now), 0);
	p.pump();
	EXPECT_EQ(stripped, 1);
	EXPECT_GE(p.A.ctr().fsctp_auth_rx_unauth_drop, unauth + 1);
	EXPECT_TRUE(AsPair::results(p.A).empty());
	EXPECT_EQ(p.a()->n_laddrs, 0u);
	p.advance(1100000); /* T-4 RTO: resent, answered with AUTH */
	EXPECT_EQ(p.A.ctr().fsctp_asconf_rtx, 1u);
	auto r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_EQ(r[0].cause, 0);
}

/* RFC 5061 5.3: the peer's errors (answers built here). A Delete IP
 * answered with Request to Delete Source IP Address fails with that cause
 * and the address stays ours; a Set Primary answered with Unrecognized
 * Parameters is not asked again (F1: -EOPNOTSUPP); of two requests in one
 * ASCONF with an error for the first only, the second was not processed
 * (FSCTP_ASCONF_NOT_PROCESSED). */
TEST(AsconfSend, PeerErrorsReported)
{
	AsPair p;
	p.up();
	fsctp_assoc *a = p.a();
	a->laddrs[0] = p.a0;
	a->laddrs[1] = p.a1;
	a->n_laddrs = 2;
	p.drop_a = [](const Pkt &pk) {
		return parse(pk.b).find(FSCTP_CHUNK_ASCONF) != nullptr;
	};
	auto answer = [&](uint32_t serial, uint16_t code) {
		uint8_t cause[4];
		fsctp_wr16(cause, code);
		fsctp_wr16(cause + 2, 4);
		fsctp_asconf_param r{};
		r.type = FSCTP_PARAM_ERROR_CAUSE_IND;
		r.corr_id = 1;
		r.causes.ptr = cause;
		r.causes.len = 4;
		fsctp_out_begin_assoc(p.B.st, p.b());
		fsctp_wbuf *w = fsctp_out_wbuf(p.B.st, 64);
		size_t off = fsctp_encode_asconf_ack_begin(w, serial);
		fsctp_encode_asconf_param(w, &r);
		fsctp_wbuf_chunk_end(w, off);
		ASSERT_EQ(w->err, 0);
		fsctp_out_ctrl(p.B.st);
		fsctp_out_flush(p.B.st);
		p.pump();
	};
	uint32_t s0 = a->my_itsn;
	ASSERT_EQ(fsctp_asconf_del_addr(p.A.st, p.id, &p.a1, p.now), 0);
	ASSERT_EQ(fsctp_asconf_set_peer_primary(p.A.st, p.id, &p.a0, p.now), 0);
	p.pump();
	answer(s0, FSCTP_CAUSE_DEL_SOURCE_IP);
	auto r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_EQ(r[0].addr_state, FSCTP_ADDR_REMOVED);
	EXPECT_EQ(r[0].cause, FSCTP_CAUSE_DEL_SOURCE_IP);
	EXPECT_EQ(a->n_laddrs, 2u);
	/* The Set Primary was queued behind: the second ASCONF, answered
	 * with an error for it. */
	answer(s0 + 1, FSCTP_CAUSE_UNRECOGNIZED_PARAMS);
	r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 2u);
	EXPECT_EQ(r[1].addr_state, FSCTP_ADDR_MADE_PRIM);
	EXPECT_EQ(r[1].cause, FSCTP_CAUSE_UNRECOGNIZED_PARAMS);
	EXPECT_EQ(p.A.ctr().fsctp_asconf_req_failed, 2u);
	EXPECT_EQ(fsctp_asconf_set_peer_primary(p.A.st, p.id, &p.a0, p.now),
		  -EOPNOTSUPP);
	/* Two requests in one ASCONF (queued behind a third), an error for
	 * the first only: the second was not processed. */
	ASSERT_EQ(fsctp_asconf_del_addr(p.A.st, p.id, &p.a1, p.now), 0);
	fsctp_addr x = v4(5, 1), y = v4(6, 1);
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &x, p.now), 0);
	ASSERT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &y, p.now), 0);
	p.pump();
	answer(s0 + 2, FSCTP_CAUSE_DEL_SOURCE_IP);
	EXPECT_EQ(p.A.ctr().fsctp_asconf_out, 4u);
	answer(s0 + 3, FSCTP_CAUSE_RESOURCE_SHORTAGE);
	r = AsPair::results(p.A);
	ASSERT_EQ(r.size(), 5u);
	EXPECT_EQ(r[3].addr_state, FSCTP_ADDR_ADDED);
	EXPECT_EQ(r[3].cause, FSCTP_CAUSE_RESOURCE_SHORTAGE);
	EXPECT_TRUE(fsctp_addr_ip_eq(&r[4].addr, &y));
	EXPECT_EQ(r[4].cause, FSCTP_ASCONF_NOT_PROCESSED);
	EXPECT_EQ(a->n_laddrs, 2u);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, p.id), FSCTP_ESTABLISHED);
}

/* Calls refused: not negotiated (-EOPNOTSUPP), unknown association,
 * bad addresses, our last address, not ours, the queue full. */
TEST(AsconfSend, CallsValidated)
{
	{
		fsctp_stack_config c = cfg();
		c.asconf = false;
		AsPair p(c);
		p.up();
		EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &p.a1, p.now),
			  -EOPNOTSUPP);
	}
	AsPair p;
	p.up();
	fsctp_addr mc = v4(0, 0), bad{};
	fsctp_addr_set_v4(&mc, 224, 0, 0, 1, 0);
	EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id + 1, &p.a1, p.now),
		  -ENOTCONN);
	EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, nullptr, p.now), -EINVAL);
	EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &mc, p.now), -EINVAL);
	EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &bad, p.now), -EINVAL);
	EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &p.a0, p.now), -EEXIST);
	EXPECT_EQ(fsctp_asconf_del_addr(p.A.st, p.id, &p.a0, p.now), -EINVAL);
	EXPECT_EQ(fsctp_asconf_del_addr(p.A.st, p.id, &p.a1, p.now),
		  -EADDRNOTAVAIL);
	EXPECT_EQ(fsctp_asconf_set_peer_primary(p.A.st, p.id, &p.a1, p.now),
		  -EADDRNOTAVAIL);
	p.drop_a = [](const Pkt &) { return true; };
	/* Room for 8 addresses: ours and 7 more being added. */
	for (uint8_t i = 0; i < FSCTP_MAX_LADDRS - 1; i++) {
		fsctp_addr x = v4(20, (uint8_t)(i + 1));
		EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &x, p.now), 0);
	}
	fsctp_addr x9 = v4(21, 1);
	EXPECT_EQ(fsctp_asconf_add_addr(p.A.st, p.id, &x9, p.now), -ENOSPC);
	int ok = FSCTP_MAX_LADDRS - 1;
	int last = 0;
	for (unsigned i = 0; i < FSCTP_ASCONF_MAX_REQS + 1; i++) {
		last = fsctp_asconf_set_peer_primary(p.A.st, p.id, &p.a0,
						     p.now);
		ok += last == 0;
	}
	EXPECT_EQ(last, -ENOBUFS);
	EXPECT_EQ(ok, FSCTP_ASCONF_MAX_REQS);
}

/* RFC 5061 4.2.2 (receiver): B deletes its primary address 198.18.0.2
 * while A has DATA in flight to it (that link is down): A removes the
 * path, retransmits that DATA to 198.18.1.2, makes it primary
 * (ADDR_REMOVED, ADDR_MADE_PRIM) and sends nothing more to 198.18.0.2;
 * everything arrives. */
TEST(AsconfSend, PeerDeletesPrimaryPathDataMoves)
{
	AsPair p;
	ASSERT_EQ(fsctp_bindx(p.B.st, 6000,
			      std::vector<fsctp_addr>{ p.b0, p.b1 }.data(), 2),
		  0);
	p.up();
	ASSERT_EQ(fsctp_assoc_live_paths(p.a()), 2u);
	ASSERT_TRUE(fsctp_addr_eq(&p.a()->paths[p.a()->primary].addr, &p.b0));
	p.cut.push_back(p.b0);
	EXPECT_EQ(p.send_a(4), 4);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	ASSERT_EQ(fsctp_asconf_del_addr(p.B.st, p.b()->id, &p.b0, p.now), 0);
	p.pump();
	auto r = AsPair::results(p.B);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_EQ(r[0].cause, 0);
	EXPECT_EQ(fsctp_assoc_live_paths(p.a()), 1u);
	EXPECT_TRUE(fsctp_addr_eq(&p.a()->paths[p.a()->primary].addr, &p.b1));
	bool removed = false, prim = false;
	for (auto &e : p.A.events) {
		if (e.type != FSCTP_EV_PEER_ADDR_CHANGE)
			continue;
		removed |= e.addr_state == FSCTP_ADDR_REMOVED &&
			   fsctp_addr_eq(&e.addr, &p.b0);
		prim |= e.addr_state == FSCTP_ADDR_MADE_PRIM &&
			fsctp_addr_eq(&e.addr, &p.b1);
	}
	EXPECT_TRUE(removed);
	EXPECT_TRUE(prim);
	EXPECT_GE(p.A.ctr().fsctp_asconf_path_rtx, 1u);
	/* At once, not after a T3-rtx expiry. */
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 4);
	p.A.sent_log.clear();
	p.cut.clear();
	EXPECT_EQ(p.send_a(4), 4);
	p.advance(120ull * 1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 8);
	for (auto &pk : p.A.sent_log)
		EXPECT_FALSE(fsctp_addr_ip_eq(&pk.dst, &p.b0));
	EXPECT_EQ(fsctp_assoc_state(p.A.st, p.id), FSCTP_ESTABLISHED);
	fsctp_paddr_info pi;
	EXPECT_EQ(fsctp_assoc_paddr_info(p.A.st, p.id, &p.b0, &pi),
		  -EADDRNOTAVAIL);
	EXPECT_EQ(fsctp_assoc_paddrs(p.A.st, p.id, nullptr, 0), 1);
}
