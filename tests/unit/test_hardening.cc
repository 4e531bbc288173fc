/* SPDX-License-Identifier: BSD-3-Clause */
/* What a remote peer can do to a running stack: each test drives two
 * stacks (or a stack and hand-made packets) into a corner an attacker
 * can reach, and checks memory safety (run under ASan/UBSan in the
 * sanitizer build), bounded resources and the counters naming drops. */
#include "pair.h"

using namespace fsctp_test;

namespace
{

/* Send n small messages on stream 0 from A. */
static void
send_many(Pair &p, fsctp_assoc_id_t id, int n)
{
	for (int i = 0; i < n; i++) {
		fsctp_sndinfo si{};
		uint8_t b[8];
		memset(b, i & 0xff, sizeof(b));
		ASSERT_EQ(fsctp_send(p.A.st, id, &si, b, sizeof(b), p.now), 0);
	}
}

/*
 * A peer parks many out-of-order messages (the first DATA packet is lost,
 * everything behind it waits in reassembly), then releases them with the
 * retransmission. The receiving application aborts from its first DATA
 * event, i.e. from inside the core's delivery loop (drain_stream) and the
 * DATA handler (TSN map marking still to come). The association's data
 * parts must live on until the reap at the end of the public call.
 */
TEST(Hardening, AbortFromDataCallbackWhileDraining)
{
	fsctp_stack_config c = test_config();
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_NE(p.B.only(), nullptr);
	fsctp_assoc_id_t bid = p.B.only()->id;

	int aborted = 0;
	p.B.on_event = [&](Host &h, const Ev &e) {
		if (e.type == FSCTP_EV_DATA && aborted++ == 0) {
			EXPECT_EQ(fsctp_abort(h.st, bid, "x", 1, p.now), 0);
		}
	};
	/* Lose A's first DATA packet only. */
	bool dropped = false;
	p.drop = [&](bool from_a, const Pkt &pk) {
		Parsed q = parse(pk.b);
		if (from_a && !dropped && q.find(FSCTP_CHUNK_DATA)) {
			dropped = true;
			return true;
		}
		return false;
	};
	send_many(p, id, 200);
	p.pump();
	/* The rest is parked at B; nothing delivered yet. */
	EXPECT_TRUE(dropped);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	/* T3-rtx (or fast retransmit) resends the lost packet: B drains
	 * the whole stream and aborts from the first delivery. */
	p.advance(10000000);
	EXPECT_EQ(aborted, 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	/* Messages that completed after the abort were dropped, counted. */
	EXPECT_GT(p.B.ctr().fsctp_rx_after_close, 0u);
}

/* An INIT ACK from B's address to A's tag; unknown adds a parameter of
 * type 0xC0AB (upper bits 11: skip and report). */
static std::vector<uint8_t>
init_ack_pkt(uint32_t a_tag, bool unknown)
{
	PktBuilder b(6000, 5000, a_tag);
	size_t off = fsctp_wbuf_chunk_begin(&b.w, FSCTP_CHUNK_INIT_ACK, 0);
	fsctp_wbuf_u32(&b.w, 0xBEEF);
	fsctp_wbuf_u32(&b.w, 65536);
	fsctp_wbuf_u16(&b.w, 10);
	fsctp_wbuf_u16(&b.w, 10);
	fsctp_wbuf_u32(&b.w, 1);
	uint8_t ck[12] = { 1, 2, 3 };
	fsctp_wbuf_tlv(&b.w, FSCTP_PARAM_STATE_COOKIE, ck, sizeof(ck));
	if (unknown)
		fsctp_wbuf_tlv_u32(&b.w, 0xC0AB, 7);
	fsctp_wbuf_chunk_end(&b.w, off);
	return b.bytes();
}

/*
 * RFC 9260 5.2.6: after a Stale Cookie ERROR the INIT is sent again and a
 * new INIT ACK answers it. The ERROR (Unrecognized Parameters) that went
 * with the first COOKIE ECHO belongs to the first INIT ACK only: it must
 * be freed with the old cookie, not leak, and never ride with the new
 * COOKIE ECHO.
 */
TEST(Hardening, StaleCookieErrorFreesTheOldCookieError)
{
	Pair p;
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	uint32_t a_tag = p.A.only()->my_vtag;
	p.A.out.clear();
	p.inject(p.A, p.B.addr, init_ack_pkt(a_tag, true));
	ASSERT_EQ(p.A.pop().types(), "10,9");
	/* Stale Cookie from the peer. */
	PktBuilder e(6000, 5000, a_tag);
	uint8_t cb[16];
	fsctp_wbuf cw;
	fsctp_wbuf_init(&cw, cb, sizeof(cb));
	fsctp_encode_cause_stale_cookie(&cw, 1000);
	fsctp_encode_error(&e.w, cb, cw.len);
	p.inject(p.A, p.B.addr, e.bytes());
	ASSERT_EQ(p.A.pop().types(), "1"); /* INIT again */
	EXPECT_EQ(p.A.only()->cookie_err, nullptr);
	p.inject(p.A, p.B.addr, init_ack_pkt(a_tag, false));
	EXPECT_EQ(p.A.pop().types(), "10");
}

/*
 * RFC 9260 9.2: an INIT in SHUTDOWN-ACK-SENT is discarded and the SHUTDOWN
 * ACK retransmitted. INIT carries tag 0, so anyone who knows the tuple can
 * send it; a stream of them faster than the RTO must not keep the
 * association alive for ever by restarting T2 each time. Here the peer is
 * gone (everything lost) and spoofed INITs come every 100 ms: the
 * association must still end within the T5 guard (5 x RTO.Max).
 */
TEST(Hardening, SpoofedInitsInShutdownAckSentDoNotKeepItAlive)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_shutdown(p.A.st, id, p.now);
	/* A's SHUTDOWN reaches B; B's SHUTDOWN ACK and all else are lost. */
	p.deliver(p.A, p.B, true);
	ASSERT_NE(p.B.only(), nullptr);
	ASSERT_EQ(p.B.only()->state, FSCTP_SHUTDOWN_ACK_SENT);
	p.drop = [](bool, const Pkt &) { return true; };
	PktBuilder b(5000, 6000, 0);
	fsctp_init_info ii = init_info(0x5150);
	fsctp_encode_init(&b.w, false, &ii);
	std::vector<uint8_t> init = b.bytes();
	uint64_t start = p.now;
	/* 5 x RTO.Max (60 s) plus margin: 6 minutes of INITs. */
	while (p.B.st->n_assocs > 0 && p.now - start < 360000000ull) {
		p.inject(p.B, p.A.addr, init);
		p.advance(100000);
	}
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	EXPECT_LE(p.now - start, 300000000ull + 100000);
}

/* A spoofed INIT from 198.19.x.y, source port from x. */
static std::vector<uint8_t>
spoofed_init(uint32_t x, fsctp_addr *src, uint16_t dport = 6000)
{
	fsctp_addr_set_v4(src, 198, 19, (uint8_t)(x >> 8), (uint8_t)x,
			  (uint16_t)(x | 1));
	PktBuilder k(src->port, dport, 0);
	fsctp_init_info ii = init_info(x | 1);
	fsctp_encode_init(&k.w, false, &ii);
	return k.bytes();
}

/*
 * RFC 9260 5.1 B (stateless INIT ACK) and 8.4 (ABORT to out-of-the-blue
 * packets) need no tag: one token bucket (cfg.reply_rate per second,
 * cfg.reply_burst deep) bounds them, counted; a live association goes on.
 */
TEST(Hardening, StatelessRepliesAreRateLimited)
{
	fsctp_stack_config c = test_config();
	c.reply_rate = 100;
	c.reply_burst = 50;
	Pair p(c, c);
	p.A.log = p.B.log = false;
	fsctp_assoc_id_t id = p.connect();
	size_t sent = 0;
	p.now += 1000000; /* the handshake's INIT ACK took a token */
	/* 1,000 INITs at one instant: 50 INIT ACKs. */
	for (uint32_t i = 0; i < 1000; i++) {
		fsctp_addr src;
		std::vector<uint8_t> b = spoofed_init(i, &src);
		fsctp_stack_input(p.B.st, &src, &p.B.addr, b.data(), b.size(),
				  true, p.now);
		sent += p.B.out.size();
		p.B.out.clear();
	}
	EXPECT_EQ(sent, 50u);
	EXPECT_EQ(p.B.ctr().fsctp_tx_reply_limited, 950u);
	/* Out-of-the-blue DATA to a closed port shares the bucket: after
	 * 100 ms, 10 tokens. */
	p.now += 100000;
	sent = 0;
	for (uint32_t i = 0; i < 100; i++) {
		fsctp_addr src;
		fsctp_addr_set_v4(&src, 198, 19, 7, (uint8_t)i, 999);
		PktBuilder k(999, 7777, 0x1234);
		k.chunk(FSCTP_CHUNK_DATA, 3, std::vector<uint8_t>(16, 1));
		std::vector<uint8_t> b = k.bytes();
		fsctp_stack_input(p.B.st, &src, &p.B.addr, b.data(), b.size(),
				  true, p.now);
		sent += p.B.out.size();
		p.B.out.clear();
	}
	EXPECT_EQ(sent, 10u);
	EXPECT_EQ(p.B.ctr().fsctp_tx_reply_limited, 950u + 90u);
	/* The association works meanwhile. */
	send_many(p, id, 5);
	p.advance(1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 5);
	/* Ten seconds later the bucket is full again (burst, no more). */
	p.now += 10000000;
	sent = 0;
	for (uint32_t i = 0; i < 100; i++) {
		fsctp_addr src;
		std::vector<uint8_t> b = spoofed_init(i + 5000, &src);
		fsctp_stack_input(p.B.st, &src, &p.B.addr, b.data(), b.size(),
				  true, p.now);
		sent += p.B.out.size();
		p.B.out.clear();
	}
	EXPECT_EQ(sent, 50u);
}

} // namespace
