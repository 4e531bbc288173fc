/* SPDX-License-Identifier: BSD-3-Clause */
/* Unexpected INIT/COOKIE handling (RFC 9260 5.2.1-5.2.6), heartbeats and
 * fault management (8.1-8.3), shutdown (9.2), abort (9.1), INIT flood. */
#include "pair.h"

using namespace fsctp_test;

namespace
{

/* A raw COOKIE ECHO carrying cookie, with vtag and ports. */
std::vector<uint8_t>
cookie_echo_pkt(uint16_t sport, uint16_t dport, uint32_t vtag,
		const std::vector<uint8_t> &cookie)
{
	PktBuilder b(sport, dport, vtag);
	fsctp_encode_cookie_echo(&b.w, cookie.data(), cookie.size());
	return b.bytes();
}

/* The State Cookie parameter of an INIT ACK chunk value. */
std::vector<uint8_t>
cookie_of(const Chunk &init_ack)
{
	fsctp_tlv_iter it;
	fsctp_tlv t;
	fsctp_tlv_iter_init(&it, init_ack.value.data() + 16,
			    init_ack.value.size() - 16, FSCTP_TLV_PARAM);
	while (fsctp_tlv_next(&it, &t) == 1)
		if (t.type == FSCTP_PARAM_STATE_COOKIE)
			return std::vector<uint8_t>(t.value,
						    t.value + t.value_len);
	return {};
}

/* ---- 5.2.1 INIT collision ---- */

TEST(Collision, SimultaneousConnectsMakeOneAssociationEach)
{
	Pair p;
	ASSERT_EQ(fsctp_listen(p.A.st, 5000), 0);
	int64_t ia = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	int64_t ib = fsctp_connect(p.B.st, &p.B.addr, &p.A.addr, p.now);
	ASSERT_GT(ia, 0);
	ASSERT_GT(ib, 0);
	p.pump();
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)ia),
		  FSCTP_ESTABLISHED);
	EXPECT_EQ(fsctp_assoc_state(p.B.st, (fsctp_assoc_id_t)ib),
		  FSCTP_ESTABLISHED);
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 1u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_UP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_UP), 1);
	EXPECT_EQ(p.A.only()->peer_vtag, p.B.only()->my_vtag);
	EXPECT_EQ(p.B.only()->peer_vtag, p.A.only()->my_vtag);
	EXPECT_EQ(p.A.ctr().fsctp_collisions, 1u);
	/* The association works: a heartbeat round trip. */
	fsctp_stack_config c = test_config();
	p.advance((uint64_t)c.hb_interval_ms * 1000 * 2);
	EXPECT_GE(p.A.only()->ctr.hb_acked, 1u);
}

TEST(Collision, InitInCookieEchoedKeepsOurTag)
{
	Pair p;
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.deliver(p.A, p.B, true);
	p.deliver(p.B, p.A, false);
	p.A.out.clear(); /* lose the COOKIE ECHO */
	fsctp_assoc *a = p.A.only();
	ASSERT_EQ(a->state, FSCTP_COOKIE_ECHOED);
	PktBuilder k(6000, 5000, 0);
	fsctp_init_info ii = init_info(0x31313131);
	fsctp_encode_init(&k.w, false, &ii);
	p.inject(p.A, p.B.addr, k.bytes());
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "2");
	EXPECT_EQ(x.vtag, 0x31313131u);
	EXPECT_EQ(fsctp_rd32(&x.chunks[0].value[0]), a->my_vtag);
	EXPECT_EQ(a->state, FSCTP_COOKIE_ECHOED);
}

/* ---- 5.2.2 / 5.2.4 A: peer restart ---- */

struct Restart : ::testing::Test {
	Pair p;
	Host A2; /* A restarted: same address, new stack. */
	void SetUp() override
	{
		p.connect();
		A2.addr = p.A.addr;
		A2.create(test_config(), 777, p.now);
	}
	void pump2()
	{
		for (int i = 0; i < 20; i++) {
			int n = 0;
			while (!A2.out.empty()) {
				Pkt k = A2.out.front();
				A2.out.pop_front();
				fsctp_stack_input(p.B.st, &k.src, &k.dst,
						  k.b.data(), k.b.size(), false,
						  p.now);
				n++;
			}
			while (!p.B.out.empty()) {
				Pkt k = p.B.out.front();
				p.B.out.pop_front();
				fsctp_stack_input(A2.st, &k.src, &k.dst,
						  k.b.data(), k.b.size(), false,
						  p.now);
				n++;
			}
			if (n == 0)
				return;
		}
	}
};

TEST_F(Restart, PeerRestartIsReportedAndTagsChange)
{
	fsctp_assoc *b = p.B.only();
	uint32_t old_tag = b->my_vtag;
	fsctp_assoc_id_t bid = b->id;
	fsctp_connect(A2.st, &A2.addr, &p.B.addr, p.now);
	/* B answers the INIT in ESTABLISHED with a new tag and tie-tags. */
	Pkt init = A2.out.front();
	A2.out.pop_front();
	fsctp_stack_input(p.B.st, &init.src, &init.dst, init.b.data(),
			  init.b.size(), false, p.now);
	Parsed ack = parse(p.B.out.front().b);
	ASSERT_EQ(ack.types(), "2");
	EXPECT_NE(fsctp_rd32(&ack.chunks[0].value[0]), old_tag);
	/* The tie-tags in the (signed, readable) cookie are not our tags. */
	std::vector<uint8_t> ck = cookie_of(ack.chunks[0]);
	fsctp_cookie_body body;
	ASSERT_EQ(
		fsctp_cookie_open(&p.B.st->secret, ck.data(), ck.size(), &body),
		0);
	EXPECT_NE(body.local_tie_tag, 0u);
	EXPECT_NE(body.peer_tie_tag, 0u);
	EXPECT_NE(body.local_tie_tag, old_tag);
	EXPECT_NE(body.peer_tie_tag, b->peer_vtag);
	EXPECT_EQ(body.local_tie_tag, b->tie_local);
	pump2();
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.B.only()->id, bid);
	EXPECT_EQ(p.B.count(FSCTP_EV_RESTART), 1);
	EXPECT_EQ(p.B.only()->state, FSCTP_ESTABLISHED);
	EXPECT_NE(p.B.only()->my_vtag, old_tag);
	EXPECT_EQ(p.B.only()->peer_vtag, A2.only()->my_vtag);
	EXPECT_EQ(A2.only()->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(p.B.ctr().fsctp_restarts, 1u);
	/* Data accounting restarted from the new peer TSN. */
	EXPECT_EQ(fsctp_assoc_data_cum_tsn(p.B.only()), A2.only()->my_itsn - 1);
}

TEST_F(Restart, RestartWithNewAddressesIsAborted)
{
	fsctp_assoc *b = p.B.only();
	PktBuilder k(5000, 6000, 0);
	fsctp_init_info ii = init_info(0x51515151);
	fsctp_addr_set_v4(&ii.addrs[0], 198, 18, 0, 1, 0);
	fsctp_addr_set_v4(&ii.addrs[1], 198, 18, 7, 7, 0);
	ii.n_addrs = 2;
	fsctp_encode_init(&k.w, false, &ii);
	p.inject(p.B, p.A.addr, k.bytes());
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(x.vtag, 0x51515151u);
	EXPECT_EQ(x.chunks[0].flags, 0);
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_RESTART_NEW_ADDRS);
	EXPECT_EQ(b->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
}

TEST_F(Restart, CookieEchoInShutdownAckSentGetsShutdownAckAndError)
{
	fsctp_connect(A2.st, &A2.addr, &p.B.addr, p.now);
	Pkt init = A2.out.front();
	A2.out.pop_front();
	fsctp_stack_input(p.B.st, &init.src, &init.dst, init.b.data(),
			  init.b.size(), false, p.now);
	Pkt ack = p.B.out.front();
	p.B.out.pop_front();
	fsctp_stack_input(A2.st, &ack.src, &ack.dst, ack.b.data(), ack.b.size(),
			  false, p.now);
	Pkt echo = A2.out.front();
	A2.out.pop_front();
	/* Meanwhile B got a SHUTDOWN and answered: SHUTDOWN-ACK-SENT. */
	fsctp_assoc *b = p.B.only();
	PktBuilder s(5000, 6000, b->my_vtag);
	fsctp_encode_shutdown(&s.w, b->my_itsn - 1);
	p.inject(p.B, p.A.addr, s.bytes());
	p.B.out.clear();
	ASSERT_EQ(b->state, FSCTP_SHUTDOWN_ACK_SENT);
	fsctp_stack_input(p.B.st, &echo.src, &echo.dst, echo.b.data(),
			  echo.b.size(), false, p.now);
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "8,9");
	EXPECT_EQ(first_cause(x.chunks[1]), FSCTP_CAUSE_COOKIE_WHILE_SHUTDOWN);
	EXPECT_EQ(b->state, FSCTP_SHUTDOWN_ACK_SENT);
	EXPECT_EQ(p.B.count(FSCTP_EV_RESTART), 0);
}

/* ---- 5.2.4 B-D, 5.2.5, cookie rejection ---- */

struct Cookies : ::testing::Test {
	Pair p;
	Pkt echo; /* A's COOKIE ECHO, as sent */
	void SetUp() override
	{
		fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
		p.deliver(p.A, p.B, true);
		p.deliver(p.B, p.A, false);
		echo = p.A.out.front();
		p.pump();
		ASSERT_EQ(p.B.only()->state, FSCTP_ESTABLISHED);
	}
};

TEST_F(Cookies, ReplayedCookieIsCaseDAndMakesNoNewAssociation)
{
	fsctp_stack_input(p.B.st, &echo.src, &echo.dst, echo.b.data(),
			  echo.b.size(), false, p.now);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.B.pop().types(), "11");
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_UP), 1);
	/* Still case D long after the lifetime: both tags match. */
	p.now += 600ull * 1000 * 1000;
	fsctp_stack_input(p.B.st, &echo.src, &echo.dst, echo.b.data(),
			  echo.b.size(), false, p.now);
	EXPECT_EQ(p.B.pop().types(), "11");
}

TEST_F(Cookies, ForgedCookieIsSilentlyDiscarded)
{
	std::vector<uint8_t> k = echo.b;
	k[40] ^= 0x01; /* inside the signed body */
	p.inject(p.B, p.A.addr, k);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_cookie_bad_mac, 1u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
}

TEST_F(Cookies, PortMismatchIsSilentlyDiscarded)
{
	fsctp_abort(p.B.st, p.B.only()->id, nullptr, 0, p.now);
	p.B.out.clear();
	std::vector<uint8_t> k = echo.b;
	fsctp_addr src = p.A.addr;
	src.port = 5001;
	fsctp_wr16(&k[0], 5001);
	p.inject(p.B, src, k);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_cookie_mismatch, 1u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	/* A wrong verification tag in the header is a mismatch too. */
	std::vector<uint8_t> t = echo.b;
	t[4] ^= 0x80;
	p.inject(p.B, p.A.addr, t);
	EXPECT_EQ(p.B.ctr().fsctp_rx_cookie_mismatch, 2u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

TEST_F(Cookies, ExpiredCookieWithoutTcbGetsStaleCookieError)
{
	fsctp_abort(p.B.st, p.B.only()->id, nullptr, 0, p.now);
	p.B.out.clear();
	fsctp_stack_config c = test_config();
	/* 2.5 s past the lifetime (the cookie was made at the INIT). */
	p.now += (uint64_t)c.valid_cookie_life_ms * 1000 + 2500000;
	fsctp_stack_input(p.B.st, &echo.src, &echo.dst, echo.b.data(),
			  echo.b.size(), false, p.now);
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "9");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_STALE_COOKIE);
	EXPECT_EQ(fsctp_rd32(&x.chunks[0].value[4]), 2500000u);
	EXPECT_EQ(x.vtag, p.A.only()->my_vtag);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

TEST_F(Cookies, DuplicateCookieAckIsDiscarded)
{
	fsctp_assoc *a = p.A.only();
	PktBuilder k(6000, 5000, a->my_vtag);
	fsctp_encode_cookie_ack(&k.w);
	p.inject(p.A, p.B.addr, k.bytes());
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_UP), 1);
}

TEST(CookieCaseC, LateCookieOfAnotherInitAckIsDiscarded)
{
	Pair p;
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	Pkt init = p.A.out.front();
	p.pump();
	ASSERT_NE(p.B.only(), nullptr);
	/* The same INIT again (a retransmission that crossed): B, now
	 * ESTABLISHED, answers with a new tag and tie-tags... */
	fsctp_stack_input(p.B.st, &init.src, &init.dst, init.b.data(),
			  init.b.size(), false, p.now);
	Parsed ack = p.B.pop();
	ASSERT_EQ(ack.types(), "2");
	uint32_t new_tag = fsctp_rd32(&ack.chunks[0].value[0]);
	std::vector<uint8_t> ck = cookie_of(ack.chunks[0]);
	/* ...case A needs both tags to differ; this cookie has our peer's
	 * tag (M) and a new local tag (X), tie-tags set: no case matches
	 * except by tie-tags, so it must not restart the association. */
	p.inject(p.B, p.A.addr, cookie_echo_pkt(5000, 6000, new_tag, ck));
	EXPECT_EQ(p.B.count(FSCTP_EV_RESTART), 0);
	EXPECT_EQ(p.B.only()->my_vtag, p.A.only()->peer_vtag);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_cookie_dup_discard, 1u);
}

/* ---- 5.2.6 Stale Cookie in COOKIE-ECHOED ---- */

TEST(StaleCookie, ErrorInCookieEchoedResendsInitWithPreservative)
{
	fsctp_stack_config cb = test_config();
	cb.valid_cookie_life_ms = 1000;
	Pair p(test_config(), cb);
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.deliver(p.A, p.B, true);
	p.deliver(p.B, p.A, false);
	p.now += 1500000; /* the COOKIE ECHO arrives 0.5 s late */
	p.deliver(p.A, p.B, true);
	Parsed err = parse(p.B.out.front().b);
	ASSERT_EQ(err.types(), "9");
	EXPECT_EQ(fsctp_rd32(&err.chunks[0].value[4]), 500000u);
	p.deliver(p.B, p.A, false);
	/* A goes back to COOKIE-WAIT with an INIT asking for more life. */
	ASSERT_EQ(p.A.only()->state, FSCTP_COOKIE_WAIT);
	ASSERT_FALSE(p.A.out.empty());
	Parsed init = parse(p.A.out.front().b);
	ASSERT_EQ(init.types(), "1");
	fsctp_tlv chunk{};
	chunk.type = 1;
	chunk.value = init.chunks[0].value.data();
	chunk.value_len = (uint16_t)init.chunks[0].value.size();
	fsctp_init_info ii;
	ASSERT_EQ(fsctp_decode_init(&chunk, &ii), 0);
	EXPECT_TRUE(ii.has_cookie_preservative);
	EXPECT_GE(ii.cookie_preservative_ms, 500u);
	EXPECT_LE(ii.cookie_preservative_ms, 500u + 1001u);
	/* And the association comes up, with a longer-lived cookie. */
	p.pump();
	EXPECT_EQ(p.A.only()->state, FSCTP_ESTABLISHED);
	ASSERT_NE(p.B.only(), nullptr);
	EXPECT_EQ(p.B.only()->state, FSCTP_ESTABLISHED);
}

TEST(StaleCookie, ErrorOutsideCookieEchoedIsIgnored)
{
	Pair p;
	p.connect();
	fsctp_assoc *a = p.A.only();
	PktBuilder k(6000, 5000, a->my_vtag);
	k.chunk(FSCTP_CHUNK_ERROR, 0, { 0, 3, 0, 8, 0, 0, 1, 0 });
	p.inject(p.A, p.B.addr, k.bytes());
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(p.A.count(FSCTP_EV_REMOTE_ERROR), 0);
	EXPECT_TRUE(p.A.out.empty());
}

TEST(StaleCookie, PreservativeIsHonouredAndCapped)
{
	Pair p;
	for (uint32_t ask : { 5000u, 600000u }) {
		PktBuilder k(7000, 6000, 0);
		fsctp_init_info ii = init_info(0x1234 + ask);
		ii.has_cookie_preservative = true;
		ii.cookie_preservative_ms = ask;
		fsctp_encode_init(&k.w, false, &ii);
		fsctp_addr src;
		fsctp_addr_set_v4(&src, 198, 18, 0, 9, 7000);
		p.inject(p.B, src, k.bytes());
		Parsed x = p.B.pop();
		std::vector<uint8_t> ck = cookie_of(x.chunks[0]);
		fsctp_cookie_body body;
		ASSERT_EQ(fsctp_cookie_open(&p.B.st->secret, ck.data(),
					    ck.size(), &body),
			  0);
		uint64_t want =
			60000 + std::min(ask, FSCTP_COOKIE_PRESERVATIVE_MAX_MS);
		EXPECT_EQ(body.lifetime, want * 1000);
	}
}

/* ---- 8.3 heartbeats, 8.1/8.2 error counters ---- */

TEST(Heartbeat, IdlePathIsProbedAndRttMeasured)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 5000;
	c.rto_min_ms = 10;
	Pair p(c, c);
	p.connect();
	fsctp_assoc *a = p.A.only();
	uint64_t t0 = p.now;
	uint64_t first = a->paths[0].hb_timer.expires;
	/* RTO + HB.interval with +/- 50% RTO jitter. */
	EXPECT_GE(first, t0 + 5000000 + a->paths[0].rto / 2);
	EXPECT_LE(first, t0 + 5000000 + a->paths[0].rto * 3 / 2);
	p.advance(first - p.now, false);
	Parsed hb = p.A.pop();
	ASSERT_EQ(hb.types(), "4");
	EXPECT_EQ(hb.vtag, a->peer_vtag);
	/* Echo it back 30 ms later. */
	p.now += 30000;
	uint64_t srtt0 = a->paths[0].srtt, rttvar0 = a->paths[0].rttvar;
	std::vector<uint8_t> hbv = hb.chunks[0].value;
	PktBuilder ackp(6000, 5000, a->my_vtag);
	ackp.chunk(FSCTP_CHUNK_HEARTBEAT_ACK, 0, hbv);
	p.inject(p.A, p.B.addr, ackp.bytes());
	EXPECT_EQ(a->ctr.hb_acked, 1u);
	EXPECT_EQ(fsctp_assoc_counters(p.A.st, a->id)->hb_acked, 1u);
	EXPECT_EQ(fsctp_assoc_counters(p.A.st, 9999), nullptr);
	/* 6.3.1 C3 on top of the handshake's sample. */
	uint64_t diff = srtt0 > 30000 ? srtt0 - 30000 : 30000 - srtt0;
	uint64_t rttvar = (3 * rttvar0 + diff) / 4;
	EXPECT_EQ(a->paths[0].srtt, (7 * srtt0 + 30000) / 8);
	EXPECT_EQ(a->paths[0].rttvar, rttvar ? rttvar : 1000);
	/* The same ACK again: nonce already used. */
	p.inject(p.A, p.B.addr, ackp.bytes());
	EXPECT_EQ(a->ctr.hb_acked, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_rx_hb_ack_bad, 1u);
}

/* 8.3 with a full output: the HEARTBEAT is not dropped there but goes a
 * millisecond later, and nothing counts against the path. */
TEST(Heartbeat, FullOutputDelaysTheHeartbeat)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 5000;
	Pair p(c, c);
	p.connect();
	fsctp_assoc *a = p.A.only();
	uint64_t first = a->paths[0].hb_timer.expires;
	p.A.room_ctrl = 0;
	p.advance(first - p.now, false);
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(a->paths[0].hb_timer.expires, p.now + 1000);
	EXPECT_FALSE(a->paths[0].hb_outstanding);
	p.A.room_ctrl = UINT32_MAX;
	p.advance(1000, false);
	Parsed hb = p.A.pop();
	ASSERT_EQ(hb.types(), "4");
	EXPECT_EQ(a->paths[0].error_count, 0u);
	EXPECT_EQ(a->ctr.hb_timeouts, 0u);
}

TEST(Heartbeat, PathWithRecentDataIsNotProbed)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 5000;
	Pair p(c, c);
	p.connect();
	fsctp_assoc *a = p.A.only();
	uint64_t due = a->paths[0].hb_timer.expires;
	/* DATA went out just before the heartbeat was due. */
	a->paths[0].last_data = due - 1000;
	p.advance(due - p.now, false);
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(a->ctr.hb_sent, 0u);
	EXPECT_GT(a->paths[0].hb_timer.expires, due);
	/* Idle again: the next expiry probes. */
	p.advance(a->paths[0].hb_timer.expires - p.now, false);
	EXPECT_EQ(a->ctr.hb_sent, 1u);
	EXPECT_EQ(p.A.pop().types(), "4");
}

TEST(Heartbeat, ForgedNonceIsRejected)
{
	Pair p;
	p.connect();
	fsctp_assoc *a = p.A.only();
	a->paths[0].hb_outstanding = true;
	a->paths[0].hb_nonce = 42;
	std::vector<uint8_t> info(20, 0);
	info[0] = 43;
	std::vector<uint8_t> v{ 0, 1, 0, 24 };
	v.insert(v.end(), info.begin(), info.end());
	PktBuilder k(6000, 5000, a->my_vtag);
	k.chunk(FSCTP_CHUNK_HEARTBEAT_ACK, 0, v);
	p.inject(p.A, p.B.addr, k.bytes());
	EXPECT_EQ(a->ctr.hb_acked, 0u);
	EXPECT_TRUE(a->paths[0].hb_outstanding);
}

TEST(Heartbeat, UnansweredHeartbeatsLoseTheAssociation)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 1000;
	c.assoc_max_retrans = 4;
	c.path_max_retrans = 2;
	Pair p(c, c);
	p.connect();
	fsctp_assoc_id_t bid = p.B.only()->id;
	p.drop = [](bool from_a, const Pkt &) { return !from_a; };
	p.advance(3600ull * 1000 * 1000);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, 1), FSCTP_CLOSED);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_PEER_ADDR_CHANGE), 1);
	EXPECT_EQ(p.A.ctr().fsctp_comm_lost, 1u);
	(void)bid;
}

TEST(Heartbeat, AnsweredHeartbeatsClearErrorCounters)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 1000;
	Pair p(c, c);
	p.connect();
	fsctp_assoc *a = p.A.only();
	a->error_count = 3;
	a->paths[0].error_count = 3;
	p.advance(5000000);
	EXPECT_GE(a->ctr.hb_acked, 1u);
	EXPECT_EQ(a->error_count, 0u);
	EXPECT_EQ(a->paths[0].error_count, 0u);
}

/* ---- 9.2 shutdown ---- */

TEST(Shutdown, GracefulShutdownCompletes)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_SHUTDOWN_SENT);
	Parsed s = parse(p.A.out.front().b);
	ASSERT_EQ(s.types(), "7");
	p.deliver(p.A, p.B, true);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_EVENT), 1);
	Parsed sa = parse(p.B.out.front().b);
	ASSERT_EQ(sa.types(), "8");
	EXPECT_EQ(p.B.only()->state, FSCTP_SHUTDOWN_ACK_SENT);
	p.deliver(p.B, p.A, false);
	Parsed sc = parse(p.A.out.front().b);
	ASSERT_EQ(sc.types(), "14");
	EXPECT_EQ(sc.chunks[0].flags, 0);
	EXPECT_EQ(sc.vtag, p.B.only()->my_vtag);
	p.deliver(p.A, p.B, true);
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.A.ctr().sctpShutdowns, 1u);
	EXPECT_EQ(p.B.ctr().sctpShutdowns, 1u);
	EXPECT_EQ(p.A.ctr().sctpCurrEstab, 0u);
	EXPECT_EQ(fsctp_stack_next_deadline(p.A.st), FSCTP_TIME_NEVER);
}

TEST(Shutdown, InCookieWaitDropsAtOnce)
{
	Pair p;
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.A.out.clear();
	EXPECT_EQ(fsctp_shutdown(p.A.st, (fsctp_assoc_id_t)id, p.now), 0);
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(fsctp_stack_next_deadline(p.A.st), FSCTP_TIME_NEVER);
}

TEST(Shutdown, InCookieEchoedRunsAfterEstablishment)
{
	Pair p;
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.deliver(p.A, p.B, true);
	p.deliver(p.B, p.A, false);
	EXPECT_EQ(fsctp_shutdown(p.A.st, (fsctp_assoc_id_t)id, p.now), 0);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_COOKIE_ECHOED);
	p.pump();
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_UP), 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

TEST(Shutdown, BothSidesAtOnce)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_shutdown(p.A.st, id, p.now);
	fsctp_shutdown(p.B.st, p.B.only()->id, p.now);
	p.pump();
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 1);
}

TEST(Shutdown, T2RetransmitsThenT5Aborts)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 0; /* only T2 errors count here */
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	int shutdowns = 0, aborts = 0;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a) {
			std::string t = parse(k.b).types();
			shutdowns += t == "7";
			aborts += t == "6";
		}
		return true;
	};
	fsctp_shutdown(p.A.st, id, p.now);
	uint64_t t0 = p.now;
	p.advance(400ull * 1000 * 1000);
	EXPECT_GT(shutdowns, 3);
	EXPECT_EQ(aborts, 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.A.ctr().sctpT5ShutdownGuardExpireds, 1u);
	/* T2 at RTO 1, 2, 4, ... 60 s; T5 = 5 x RTO.Max = 300 s. */
	EXPECT_EQ(p.A.ctr().sctpT2ShutdownExpireds, 9u);
	EXPECT_EQ(shutdowns, 10);
	(void)t0;
}

/* 9.2: SHUTDOWN ACK retransmissions are limited to Association.Max.Retrans
 * even when HEARTBEAT ACKs keep clearing the error counter (8.1). Here B
 * gets a SHUTDOWN that A never sent (as a corrupted chunk with a valid CRC
 * can make one): A discards the SHUTDOWN ACKs but answers heartbeats. */
TEST(Shutdown, ShutdownAckRetransmissionsAreBoundedDespiteHeartbeats)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 1000;
	c.assoc_max_retrans = 4;
	Pair p(c, c);
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder s(5000, 6000, b->my_vtag);
	fsctp_encode_shutdown(&s.w, b->my_itsn - 1);
	p.inject(p.B, p.A.addr, s.bytes());
	ASSERT_EQ(b->state, FSCTP_SHUTDOWN_ACK_SENT);
	int hb_acks_to_b = 0;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a && parse(k.b).find(FSCTP_CHUNK_HEARTBEAT_ACK))
			hb_acks_to_b++;
		return false;
	};
	p.advance(3600ull * 1000 * 1000);
	EXPECT_GT(hb_acks_to_b, 0); /* The error counter was cleared. */
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 0);
	/* Four retransmissions, the fifth expiry gives up. */
	EXPECT_EQ(p.B.ctr().sctpT2ShutdownExpireds, 5u);
}

TEST(Shutdown, ShutdownAckForUnknownAssociationGetsTBitComplete)
{
	Pair p;
	fsctp_addr src;
	fsctp_addr_set_v4(&src, 198, 18, 0, 9, 7000);
	PktBuilder k(7000, 6000, 0xCAFE);
	fsctp_encode_shutdown_ack(&k.w);
	p.inject(p.B, src, k.bytes());
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "14");
	EXPECT_EQ(x.vtag, 0xCAFEu);
	EXPECT_EQ(x.chunks[0].flags, FSCTP_CHUNK_FLAG_T);
}

TEST(Shutdown, ShutdownCompleteWithTBitInShutdownAckSent)
{
	Pair p;
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder s(5000, 6000, b->my_vtag);
	fsctp_encode_shutdown(&s.w, b->my_itsn - 1);
	p.inject(p.B, p.A.addr, s.bytes());
	p.B.out.clear();
	ASSERT_EQ(b->state, FSCTP_SHUTDOWN_ACK_SENT);
	/* T bit with the peer's tag is accepted (8.5.1 C). */
	PktBuilder c(5000, 6000, b->peer_vtag);
	fsctp_encode_shutdown_complete(&c.w, true);
	p.inject(p.B, p.A.addr, c.bytes());
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 1);
}

TEST(Shutdown, DataInShutdownSentIsAnsweredWithShutdown)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	p.A.log = false;
	fsctp_shutdown(p.A.st, id, p.now);
	p.A.out.clear();
	fsctp_assoc *a = p.A.assoc(id);
	PktBuilder k(6000, 5000, a->my_vtag);
	fsctp_data_info d{};
	d.tsn = a->peer_itsn;
	d.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E;
	const uint8_t m[] = "x";
	d.payload = m;
	d.len = 1;
	fsctp_encode_data(&k.w, &d);
	p.inject(p.A, p.B.addr, k.bytes());
	Parsed x = p.A.pop();
	EXPECT_EQ(x.types(), "7,3");
}

/* ---- 9.1 abort ---- */

TEST(Abort, UserAbortCarriesTheReason)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	const char reason[] = "bye";
	ASSERT_EQ(fsctp_abort(p.A.st, id, reason, 3, p.now), 0);
	Parsed x = parse(p.A.out.front().b);
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(x.vtag, p.B.only()->my_vtag);
	EXPECT_EQ(x.chunks[0].flags, 0);
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_USER_ABORT);
	EXPECT_EQ(std::string(x.chunks[0].value.begin() + 4,
			      x.chunks[0].value.begin() + 7),
		  "bye");
	p.pump();
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	const Ev *e = p.B.last(FSCTP_EV_COMM_LOST);
	ASSERT_NE(e, nullptr);
	EXPECT_EQ(e->cause, FSCTP_CAUSE_USER_ABORT);
	EXPECT_EQ(p.A.ctr().sctpAborteds, 1u);
	EXPECT_EQ(p.B.ctr().sctpAborteds, 1u);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(fsctp_abort(p.A.st, id, nullptr, 0, p.now), -ENOTCONN);
}

TEST(Abort, AbortInCookieWaitIsCantStart)
{
	Pair p;
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.A.out.clear();
	PktBuilder k(6000, 5000, p.A.only()->my_vtag);
	fsctp_encode_abort(&k.w, false, nullptr, 0);
	p.inject(p.A, p.B.addr, k.bytes());
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_CLOSED);
	EXPECT_EQ(p.A.count(FSCTP_EV_CANT_STR_ASSOC), 1);
}

/* ---- INIT flood ---- */

TEST(Flood, SpoofedInitsAllocateNothingWhileTheLiveAssociationWorks)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 1000;
	Pair p(c, c);
	p.A.log = p.B.log = false;
	p.connect();
	fsctp_assoc *a = p.A.only();
	/* Only packets to the real peer get through. */
	p.drop = [&](bool from_a, const Pkt &k) {
		return !from_a && !fsctp_addr_eq(&k.dst, &p.A.addr);
	};
	uint64_t acked = 0;
	uint32_t x = 12345;
	for (int i = 0; i < 100000; i++) {
		x = x * 1664525u + 1013904223u;
		fsctp_addr src;
		fsctp_addr_set_v4(&src, 198, 19, (uint8_t)(x >> 8),
				  (uint8_t)(x >> 16), (uint16_t)(x | 1));
		PktBuilder k(src.port, 6000, 0);
		fsctp_init_info ii = init_info(x | 1);
		fsctp_encode_init(&k.w, false, &ii);
		std::vector<uint8_t> b = k.bytes();
		fsctp_stack_input(p.B.st, &src, &p.B.addr, b.data(), b.size(),
				  true, p.now);
		if (p.B.out.size() > 64)
			p.B.out.clear();
		if (i % 10000 == 9999) {
			p.B.out.clear();
			p.advance(3000000);
			EXPECT_GT(a->ctr.hb_acked, acked) << i;
			acked = a->ctr.hb_acked;
			EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
		}
	}
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.B.only()->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	/* Every INIT answered or dropped by the reply rate limit. */
	EXPECT_GE(p.B.ctr().sctpOutCtrlChunks +
			  p.B.ctr().fsctp_tx_reply_limited,
		  100000u);
}

} // namespace
