/* SPDX-License-Identifier: BSD-3-Clause */
/* Association setup: RFC 9260 5.1, 5.1.2, 5.1.3, 5.1.5, 5.3.1, 3.3.2/3.3.3
 * validation, 6.3.1 RTO from the handshake. */
#include <algorithm>

#include "pair.h"

using namespace fsctp_test;

namespace
{

TEST(Handshake, FourWayEstablishesBothSides)
{
	Pair p;
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	ASSERT_GT(id, 0);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_COOKIE_WAIT);

	/* INIT: vtag 0, alone. */
	ASSERT_EQ(p.A.out.size(), 1u);
	Parsed init = parse(p.A.out.front().b);
	EXPECT_EQ(init.vtag, 0u);
	ASSERT_EQ(init.types(), "1");
	uint32_t a_tag = fsctp_rd32(&init.chunks[0].value[0]);
	EXPECT_NE(a_tag, 0u);
	p.deliver(p.A, p.B, true);
	/* 5.1: no state at B before a valid COOKIE ECHO. */
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed ack = parse(p.B.out.front().b);
	EXPECT_EQ(ack.vtag, a_tag);
	ASSERT_EQ(ack.types(), "2");
	uint32_t b_tag = fsctp_rd32(&ack.chunks[0].value[0]);
	p.deliver(p.B, p.A, false);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_COOKIE_ECHOED);
	ASSERT_EQ(p.A.out.size(), 1u);
	Parsed echo = parse(p.A.out.front().b);
	EXPECT_EQ(echo.vtag, b_tag);
	EXPECT_EQ(echo.types(), "10");
	p.deliver(p.A, p.B, true);
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed cack = parse(p.B.out.front().b);
	EXPECT_EQ(cack.vtag, a_tag);
	EXPECT_EQ(cack.types(), "11");
	p.deliver(p.B, p.A, false);

	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_ESTABLISHED);
	ASSERT_NE(p.B.only(), nullptr);
	EXPECT_EQ(p.B.only()->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_UP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_UP), 1);
	EXPECT_EQ(p.A.ctr().sctpActiveEstabs, 1u);
	EXPECT_EQ(p.B.ctr().sctpPassiveEstabs, 1u);
	EXPECT_EQ(p.A.ctr().sctpCurrEstab, 1u);
	EXPECT_EQ(p.B.ctr().sctpCurrEstab, 1u);
	EXPECT_EQ(p.B.only()->peer_vtag, a_tag);
	EXPECT_EQ(p.B.only()->my_vtag, b_tag);
	EXPECT_EQ(p.A.ctr().sctpOutCtrlChunks, 2u);
	EXPECT_EQ(p.B.ctr().sctpInCtrlChunks, 2u);
}

TEST(Handshake, HandshakeRttFeedsRto)
{
	fsctp_stack_config c = test_config();
	c.rto_min_ms = 10;
	Pair p(c, c);
	fsctp_assoc_id_t id = (fsctp_assoc_id_t)fsctp_connect(p.A.st, &p.A.addr,
							      &p.B.addr, p.now);
	p.deliver(p.A, p.B, true);
	p.now += 40000; /* 40 ms INIT -> INIT ACK */
	p.deliver(p.B, p.A, false);
	fsctp_path *path = &p.A.assoc(id)->paths[0];
	/* 6.3.1 C2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR. */
	EXPECT_TRUE(path->rtt_measured);
	EXPECT_EQ(path->srtt, 40000u);
	EXPECT_EQ(path->rttvar, 20000u);
	EXPECT_EQ(path->rto, 120000u);
}

TEST(Handshake, StreamsNegotiatedToTheMinimum)
{
	fsctp_stack_config ca = test_config(), cb = test_config();
	ca.n_out_streams = 10;
	ca.max_in_streams = 3;
	cb.n_out_streams = 7;
	cb.max_in_streams = 5;
	Pair p(ca, cb);
	fsctp_assoc_id_t id = p.connect();
	EXPECT_EQ(p.A.assoc(id)->n_out, 5);
	EXPECT_EQ(p.A.assoc(id)->n_in, 3);
	EXPECT_EQ(p.B.only()->n_out, 3);
	EXPECT_EQ(p.B.only()->n_in, 5);
}

TEST(Handshake, OwnerBitsInOurTags)
{
	fsctp_stack_config cb = test_config();
	cb.owner_bits = 3;
	cb.owner_id = 5;
	Pair p(test_config(), cb);
	p.connect();
	ASSERT_NE(p.B.only(), nullptr);
	uint32_t tag = p.B.only()->my_vtag;
	EXPECT_EQ(fsctp_vtag_owner(tag, 3), 5);
	EXPECT_EQ(fsctp_vtag_owner(0xA0000000u, 3), 5);
	EXPECT_EQ(fsctp_vtag_owner(0xFFFFFFFFu, 0), 0);
	/* A config whose owner id does not fit is refused. */
	fsctp_stack_config bad = test_config();
	bad.owner_bits = 2;
	bad.owner_id = 4;
	fsctp_core_ops ops{};
	ops.rand_bytes = Host::rand_cb;
	ops.output = Host::out_cb;
	ops.event = Host::ev_cb;
	EXPECT_EQ(fsctp_stack_create(&bad, &ops, 0), nullptr);
	EXPECT_EQ(errno, EINVAL);
}

TEST(Handshake, T1InitRetransmitsWithBackoffThenGivesUp)
{
	fsctp_stack_config c = test_config();
	c.max_init_retrans = 4;
	Pair p(c, c);
	p.drop = [](bool, const Pkt &) { return true; };
	fsctp_assoc_id_t id = (fsctp_assoc_id_t)fsctp_connect(p.A.st, &p.A.addr,
							      &p.B.addr, p.now);
	uint64_t t0 = p.now;
	std::vector<uint64_t> sends{ t0 };
	p.A.out.clear();
	for (int i = 0; i < 40 && fsctp_stack_assoc_count(p.A.st); i++) {
		uint64_t t = fsctp_stack_next_deadline(p.A.st);
		p.now = t;
		fsctp_stack_timers(p.A.st, p.now);
		while (!p.A.out.empty()) {
			Parsed x = p.pop_a();
			EXPECT_EQ(x.types(), "1");
			EXPECT_EQ(x.vtag, 0u);
			sends.push_back(p.now);
		}
	}
	/* 1 INIT + Max.Init.Retransmits retransmissions, RTO doubling. */
	ASSERT_EQ(sends.size(), 5u);
	EXPECT_EQ(sends[1] - sends[0], 1000000u);
	EXPECT_EQ(sends[2] - sends[1], 2000000u);
	EXPECT_EQ(sends[3] - sends[2], 4000000u);
	EXPECT_EQ(sends[4] - sends[3], 8000000u);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_CLOSED);
	EXPECT_EQ(p.A.count(FSCTP_EV_CANT_STR_ASSOC), 1);
	EXPECT_EQ(p.A.ctr().sctpT1InitExpireds, 5u);
	EXPECT_EQ(fsctp_stack_next_deadline(p.A.st), FSCTP_TIME_NEVER);
}

TEST(Handshake, T1CookieRetransmitsTheCookieEcho)
{
	fsctp_stack_config c = test_config();
	c.max_init_retrans = 2;
	Pair p(c, c);
	p.drop = [](bool from_a, const Pkt &k) {
		return from_a && parse(k.b).types() == "10";
	};
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.pump();
	EXPECT_EQ(p.A.only()->state, FSCTP_COOKIE_ECHOED);
	int echoes = 0;
	p.drop = [&](bool from_a, const Pkt &k) {
		echoes += from_a && parse(k.b).types() == "10";
		return true;
	};
	p.advance(60000000);
	EXPECT_EQ(echoes, 2);
	EXPECT_EQ(p.A.count(FSCTP_EV_CANT_STR_ASSOC), 1);
	EXPECT_EQ(p.A.ctr().sctpT1CookieExpireds, 3u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

TEST(Handshake, CookieEchoBundledWithDataIsProcessedFirst)
{
	Pair p;
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.deliver(p.A, p.B, true);
	p.deliver(p.B, p.A, false);
	ASSERT_EQ(p.A.out.size(), 1u);
	/* Append a DATA chunk to A's COOKIE ECHO packet. */
	Pkt k = p.A.out.front();
	p.A.out.clear();
	fsctp_assoc *a = p.A.only();
	uint8_t buf[64];
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	fsctp_data_info d{};
	d.tsn = a->my_itsn;
	d.sid = 0;
	d.ppid = 46;
	/* I bit: SACK at once (RFC 7053), else it would be delayed. */
	d.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E | FSCTP_DATA_FLAG_I;
	const uint8_t msg[] = "hello";
	d.payload = msg;
	d.len = 5;
	ASSERT_EQ(fsctp_encode_data(&w, &d), 0);
	k.b.insert(k.b.end(), buf, buf + w.len);
	p.inject(p.B, p.A.addr, k.b);
	ASSERT_NE(p.B.only(), nullptr);
	EXPECT_EQ(p.B.only()->state, FSCTP_ESTABLISHED);
	const Ev *e = p.B.last(FSCTP_EV_DATA);
	ASSERT_NE(e, nullptr);
	EXPECT_EQ(std::string(e->data.begin(), e->data.end()), "hello");
	/* One reply: COOKIE ACK with the SACK bundled. */
	ASSERT_EQ(p.B.out.size(), 1u);
	EXPECT_EQ(p.B.pop().types(), "11,3");
}

TEST(Handshake, Ipv6AssociationComesUpAndShutsDown)
{
	Pair p;
	fsctp_addr a6{}, b6{};
	a6.family = b6.family = FSCTP_AF_INET6;
	const uint8_t pre[4] = { 0x20, 0x01, 0x0d, 0xb8 };
	memcpy(a6.ip.v6, pre, 4);
	memcpy(b6.ip.v6, pre, 4);
	a6.ip.v6[15] = 1;
	b6.ip.v6[15] = 2;
	a6.port = 5000;
	b6.port = 6000;
	p.A.addr = a6;
	p.B.addr = b6;
	fsctp_assoc_id_t id = p.connect();
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	ASSERT_NE(p.B.only(), nullptr);
	EXPECT_TRUE(fsctp_addr_eq(&p.B.only()->paths[0].addr, &a6));
	EXPECT_EQ(fsctp_lookup_tuple(p.B.st, 6000, &a6), p.B.only());
	fsctp_shutdown(p.A.st, id, p.now);
	p.pump();
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	/* Mixed families are refused. */
	fsctp_addr v4;
	fsctp_addr_set_v4(&v4, 198, 18, 0, 2, 6000);
	EXPECT_EQ(fsctp_connect(p.A.st, &a6, &v4, p.now), -EINVAL);
}

TEST(Handshake, ListenTwiceIsAddrInUse)
{
	Pair p;
	EXPECT_EQ(fsctp_listen(p.B.st, 6000), -EADDRINUSE);
	EXPECT_EQ(fsctp_listen(p.B.st, 0), -EINVAL);
	for (uint16_t port = 1; port < FSCTP_MAX_ENDPOINTS; port++)
		EXPECT_EQ(fsctp_listen(p.B.st, port), 0) << port;
	EXPECT_EQ(fsctp_listen(p.B.st, 9999), -EMFILE);
	EXPECT_EQ(p.B.ctr().fsctp_ep_limit, 1u);
	fsctp_addr bad = p.B.addr;
	bad.port = 0;
	EXPECT_EQ(fsctp_connect(p.A.st, &p.A.addr, &bad, p.now), -EINVAL);
}

TEST(Handshake, MaxAssocsIsBoundedAndCounted)
{
	fsctp_stack_config cb = test_config();
	cb.max_assocs = 1;
	Pair p(test_config(), cb);
	p.connect();
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	/* A second client from another port. */
	fsctp_addr a2 = p.A.addr;
	a2.port = 5001;
	fsctp_connect(p.A.st, &a2, &p.B.addr, p.now);
	p.pump();
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.B.ctr().fsctp_assoc_limit, 1u);
	/* B answered the cookie with ABORT (Out of Resource). */
	EXPECT_EQ(p.A.count(FSCTP_EV_CANT_STR_ASSOC), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_CANT_STR_ASSOC)->cause,
		  FSCTP_CAUSE_OUT_OF_RESOURCE);
}

} // namespace

namespace
{

/* Client associations take no endpoint slot: one stack opens 1,000 from
 * distinct local ports (the old limit was FSCTP_MAX_ENDPOINTS), every id
 * carries the owner id in its low bits, the core lists them all, and
 * close_all shuts every one down gracefully. */
TEST(Scale, ThousandClientPortsNeedNoEndpoints)
{
	fsctp_stack_config ca = test_config();
	ca.max_assocs = 2000;
	ca.owner_bits = 2;
	ca.owner_id = 3;
	fsctp_stack_config cb = test_config();
	cb.max_assocs = 2000;
	Pair p(ca, cb);
	std::vector<fsctp_assoc_id_t> ids;
	for (uint16_t i = 0; i < 1000; i++) {
		fsctp_addr src = p.A.addr;
		src.port = (uint16_t)(20000 + i);
		int64_t id = fsctp_connect(p.A.st, &src, &p.B.addr, p.now);
		ASSERT_GT(id, 0) << i;
		EXPECT_EQ(fsctp_assoc_id_owner((fsctp_assoc_id_t)id, 2), 3u);
		ids.push_back((fsctp_assoc_id_t)id);
		p.pump();
	}
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_UP), 1000);
	EXPECT_EQ(p.A.ctr().fsctp_ep_limit, 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1000u);
	std::vector<fsctp_assoc_id_t> listed(1200);
	ASSERT_EQ(fsctp_stack_assoc_ids(p.A.st, listed.data(), 1200), 1000u);
	std::sort(listed.begin(), listed.begin() + 1000);
	std::sort(ids.begin(), ids.end());
	EXPECT_TRUE(std::equal(ids.begin(), ids.end(), listed.begin()));
	/* Bounded by max: never writes past it. */
	EXPECT_EQ(fsctp_stack_assoc_ids(p.A.st, listed.data(), 7), 7u);
	EXPECT_EQ(fsctp_stack_close_all(p.A.st, false, nullptr, 0, p.now),
		  1000u);
	p.pump();
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1000);
}

TEST(Scale, CloseAllAbortsWithTheReason)
{
	Pair p;
	p.connect();
	EXPECT_EQ(fsctp_stack_close_all(p.A.st, true, "bye", 3, p.now), 1u);
	p.pump();
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_COMM_LOST)->cause, FSCTP_CAUSE_USER_ABORT);
}

} // namespace

namespace
{

/* One handle, one user pointer: every event of an association after
 * fsctp_assoc_set_user() carries it (DATA, SHUTDOWN_COMP), no table
 * needed; an unknown id is -ENOTCONN. */
TEST(UserPointer, EveryEventCarriesIt)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	int tag_a = 0, tag_b = 0;
	ASSERT_EQ(fsctp_assoc_set_user(p.A.st, id, &tag_a), 0);
	fsctp_assoc_id_t bid = p.B.last(FSCTP_EV_COMM_UP)->id;
	ASSERT_EQ(fsctp_assoc_set_user(p.B.st, bid, &tag_b), 0);
	EXPECT_EQ(fsctp_assoc_set_user(p.A.st, id + 1000, &tag_a), -ENOTCONN);
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "hello", 5, p.now), 0);
	p.pump();
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->user, &tag_b);
	ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	p.advance(1000000); /* the delayed SACK, then 9.2 */
	ASSERT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	ASSERT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_SHUTDOWN_COMP)->user, &tag_a);
	EXPECT_EQ(p.B.last(FSCTP_EV_SHUTDOWN_COMP)->user, &tag_b);
	/* Events from before the pointer was set carry NULL. */
	EXPECT_EQ(p.A.last(FSCTP_EV_COMM_UP)->user, nullptr);
}

} // namespace
