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

/* The State Cookie parameter of an INIT ACK chunk value. */
static std::vector<uint8_t>
cookie_param(const Chunk &init_ack)
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

/*
 * RFC 9260 5.1.2 / 5.2.1: a third party C (198.18.0.3, same source port as
 * A) sets up an association with B listing A's address: the new
 * association would claim the transport address (198.18.0.1:5000) of the
 * live association A-B. B answers the COOKIE ECHO with an ABORT, keeps no
 * TCB, counts it, and A-B is untouched.
 */
TEST(Hardening, NewAssociationMayNotClaimALivePeerAddress)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_addr c;
	fsctp_addr_set_v4(&c, 198, 18, 0, 3, 5000);
	PktBuilder ib(5000, 6000, 0);
	fsctp_init_info ii = init_info(0xC0C0);
	ii.addrs[0] = p.A.addr;
	ii.n_addrs = 1;
	fsctp_encode_init(&ib.w, false, &ii);
	p.inject(p.B, c, ib.bytes());
	Parsed ack = p.B.pop();
	ASSERT_EQ(ack.types(), "2");
	std::vector<uint8_t> ck = cookie_param(ack.chunks[0]);
	ASSERT_FALSE(ck.empty());
	PktBuilder eb(5000, 6000, fsctp_rd32(&ack.chunks[0].value[0]));
	fsctp_encode_cookie_echo(&eb.w, ck.data(), ck.size());
	p.inject(p.B, c, eb.bytes());
	Parsed r = p.B.pop();
	ASSERT_EQ(r.types(), "6");
	EXPECT_EQ(r.vtag, 0xC0C0u);
	EXPECT_EQ(first_cause(r.chunks[0]), FSCTP_CAUSE_PROTOCOL_VIOLATION);
	EXPECT_EQ(p.B.st->n_assocs, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_rx_addr_in_use, 1u);
	EXPECT_EQ(fsctp_lookup_tuple(p.B.st, 6000, &p.A.addr), p.B.only());
	send_many(p, id, 3);
	p.advance(1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 3);
}

/* The reference vector of SipHash-2-4: key 00..0f, message 00..0e. */
TEST(Hardening, SipHashReferenceVector)
{
	uint8_t k[16], m[15];
	for (int i = 0; i < 16; i++)
		k[i] = (uint8_t)i;
	for (int i = 0; i < 15; i++)
		m[i] = (uint8_t)i;
	uint64_t key[2] = { 0, 0 };
	for (int i = 0; i < 8; i++) {
		key[0] |= (uint64_t)k[i] << (8 * i);
		key[1] |= (uint64_t)k[8 + i] << (8 * i);
	}
	EXPECT_EQ(fsctp_siphash24(key, m, sizeof(m)), 0xa129ca6149be45e5ull);
}

/* The tuple hash as it was, unkeyed: what an attacker can precompute. */
static uint32_t
old_mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

static uint32_t
old_tuple_hash(uint16_t lport, const fsctp_addr *peer)
{
	uint32_t h = old_mix32((uint32_t)lport << 16 | peer->port);
	for (unsigned i = 0; i < 4; i++)
		h = old_mix32(h ^ peer->ip.v6[i]);
	return h;
}

/* Set up an association with B from src by hand (INIT, COOKIE ECHO). */
static bool
handshake_from(Pair &p, const fsctp_addr &src, uint32_t tag)
{
	PktBuilder ib(src.port, 6000, 0);
	fsctp_init_info ii = init_info(tag);
	fsctp_encode_init(&ib.w, false, &ii);
	p.inject(p.B, src, ib.bytes());
	Parsed ack = p.B.pop();
	if (ack.types() != "2")
		return false;
	std::vector<uint8_t> ck = cookie_param(ack.chunks[0]);
	PktBuilder eb(src.port, 6000, fsctp_rd32(&ack.chunks[0].value[0]));
	fsctp_encode_cookie_echo(&eb.w, ck.data(), ck.size());
	p.inject(p.B, src, eb.bytes());
	Parsed r = p.B.pop();
	return r.types() == "11";
}

/*
 * Hash flooding: 200 peers whose (address, port) all fall in one bucket
 * of the unkeyed tuple hash set up associations. With the keyed hash
 * (SipHash-2-4, key from the random source at stack creation) they spread
 * over the table: no chain is longer than a handful.
 */
TEST(Hardening, ChosenCollidingPeersDoNotBuildALongChain)
{
	Pair p;
	p.A.log = p.B.log = false;
	uint32_t mask = p.B.st->hash_mask;
	std::vector<fsctp_addr> peers;
	for (uint32_t x = 0; peers.size() < 200 && x < 50000000; x++) {
		fsctp_addr a;
		fsctp_addr_set_v4(&a, 198, 19, (uint8_t)(x >> 16),
				  (uint8_t)(x >> 8),
				  (uint16_t)(1024 + (x & 0xff)));
		if ((old_tuple_hash(6000, &a) & mask) == 0)
			peers.push_back(a);
	}
	ASSERT_EQ(peers.size(), 200u);
	uint32_t tag = 1;
	for (auto &a : peers)
		ASSERT_TRUE(handshake_from(p, a, tag++));
	EXPECT_EQ(p.B.st->n_assocs, 200u);
	uint32_t longest = 0;
	for (uint32_t b = 0; b <= mask; b++) {
		uint32_t n = 0;
		for (fsctp_path *q = p.B.st->tuple_tab[b]; q; q = q->tuple_next)
			n++;
		longest = std::max(longest, n);
	}
	EXPECT_LE(longest, 8u);
	/* Every one is still found. */
	for (auto &a : peers)
		EXPECT_NE(fsctp_lookup_tuple(p.B.st, 6000, &a), nullptr);
}

/* A peer that lists addresses whose chain is full already gets them left
 * out (counted); its association works on the others. */
TEST(Hardening, ListedAddressOnAFullChainIsLeftOut)
{
	Pair p;
	p.A.log = p.B.log = false;
	/* Find FSCTP_TUPLE_CHAIN_MAX + 1 addresses of one bucket under the
	 * stack's (test-visible) key. */
	uint32_t mask = p.B.st->hash_mask;
	std::vector<fsctp_addr> same;
	fsctp_addr first;
	fsctp_addr_set_v4(&first, 198, 19, 0, 0, 2000);
	uint32_t want = 0;
	for (uint32_t x = 0;
	     same.size() < FSCTP_TUPLE_CHAIN_MAX + 1 && x < 50000000; x++) {
		fsctp_addr a;
		fsctp_addr_set_v4(&a, 198, 19, (uint8_t)(x >> 8), (uint8_t)x,
				  2000);
		/* bucket index via the chain counter: probe with an empty
		 * table is 0 for all; compute it like the stack does. */
		uint8_t m[8] = { 6000 >> 8,   6000 & 0xff, 2000 >> 8,
				 2000 & 0xff, a.ip.v4[0],  a.ip.v4[1],
				 a.ip.v4[2],  a.ip.v4[3] };
		uint32_t h = (uint32_t)fsctp_siphash24(p.B.st->hash_key, m, 8) &
			     mask;
		if (same.empty())
			want = h;
		if (h == want)
			same.push_back(a);
	}
	ASSERT_EQ(same.size(), (size_t)FSCTP_TUPLE_CHAIN_MAX + 1);
	uint32_t tag = 1;
	for (int i = 0; i < FSCTP_TUPLE_CHAIN_MAX; i++)
		ASSERT_TRUE(handshake_from(p, same[i], tag++));
	/* A new peer lists the 17th address of that bucket. */
	fsctp_addr src;
	fsctp_addr_set_v4(&src, 198, 18, 9, 9, 2000);
	PktBuilder ib(2000, 6000, 0);
	fsctp_init_info ii = init_info(0x777);
	ii.addrs[0] = same.back();
	ii.n_addrs = 1;
	fsctp_encode_init(&ib.w, false, &ii);
	p.inject(p.B, src, ib.bytes());
	Parsed ack = p.B.pop();
	ASSERT_EQ(ack.types(), "2");
	std::vector<uint8_t> ck = cookie_param(ack.chunks[0]);
	PktBuilder eb(2000, 6000, fsctp_rd32(&ack.chunks[0].value[0]));
	fsctp_encode_cookie_echo(&eb.w, ck.data(), ck.size());
	p.inject(p.B, src, eb.bytes());
	EXPECT_EQ(p.B.pop().types(), "11");
	EXPECT_EQ(p.B.ctr().fsctp_tuple_chain_full, 1u);
	fsctp_assoc *na = fsctp_lookup_tuple(p.B.st, 6000, &src);
	ASSERT_NE(na, nullptr);
	EXPECT_EQ(na->n_paths, 1u);
	EXPECT_EQ(fsctp_stack_tuple_chain(p.B.st, 6000, &same.back()),
		  (uint32_t)FSCTP_TUPLE_CHAIN_MAX);
}

/*
 * RFC 9260 5.4, RFC 5062 section 4: a peer (C) lists a victim's address
 * (V) in its INIT. V starts UNCONFIRMED: it gets HEARTBEATs with a random
 * nonce at once and every RTO, nothing else; when C stops answering and
 * its address goes inactive, DATA stays off V. V's silence counts against
 * V only.
 */
TEST(Hardening, ListedAddressGetsNoDataUntilConfirmed)
{
	Pair p;
	p.A.log = false;
	fsctp_addr c, v;
	fsctp_addr_set_v4(&c, 198, 18, 0, 3, 5000);
	fsctp_addr_set_v4(&v, 198, 18, 0, 99, 5000);
	PktBuilder ib(5000, 6000, 0);
	fsctp_init_info ii = init_info(0xC0C0);
	ii.addrs[0] = v;
	ii.n_addrs = 1;
	fsctp_encode_init(&ib.w, false, &ii);
	p.inject(p.B, c, ib.bytes());
	Parsed ack = p.B.pop();
	ASSERT_EQ(ack.types(), "2");
	std::vector<uint8_t> ck = cookie_param(ack.chunks[0]);
	PktBuilder eb(5000, 6000, fsctp_rd32(&ack.chunks[0].value[0]));
	fsctp_encode_cookie_echo(&eb.w, ck.data(), ck.size());
	p.inject(p.B, c, eb.bytes());
	ASSERT_EQ(p.B.pop().types(), "11");
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	ASSERT_EQ(b->n_paths, 2u);
	fsctp_path *pv = fsctp_assoc_find_path(b, &v);
	ASSERT_NE(pv, nullptr);
	EXPECT_FALSE(pv->confirmed);
	EXPECT_TRUE(fsctp_assoc_find_path(b, &c)->confirmed);
	/* B sends; C never answers anything. */
	for (int i = 0; i < 4; i++) {
		fsctp_sndinfo si{};
		uint8_t d[100] = { 1 };
		ASSERT_EQ(fsctp_send(p.B.st, b->id, &si, d, sizeof(d), p.now),
			  0);
	}
	int to_v = 0, hb_to_v = 0;
	fsctp_assoc_id_t bid = b->id;
	for (int k = 0; k < 4000 && p.B.st->n_assocs > 0; k++) {
		p.now += 100000;
		fsctp_stack_timers(p.B.st, p.now);
		while (!p.B.out.empty()) {
			Pkt pk = p.B.out.front();
			p.B.out.pop_front();
			if (!fsctp_addr_ip_eq(&pk.dst, &v))
				continue;
			Parsed q = parse(pk.b);
			to_v++;
			hb_to_v += q.types() == "4";
		}
	}
	EXPECT_GT(hb_to_v, 3);
	EXPECT_EQ(to_v, hb_to_v) << "only HEARTBEATs may go to V";
	EXPECT_GE(p.B.ctr().fsctp_path_probes, (uint64_t)hb_to_v);
	EXPECT_EQ(p.B.ctr().fsctp_paths_confirmed, 0u);
	/* The association ended on C's silence (T3), not earlier on V's. */
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	EXPECT_NE(p.B.last(FSCTP_EV_COMM_LOST), nullptr);
	(void)bid;
}

/* 5.4: the echoed nonce confirms; a HEARTBEAT ACK with another nonce does
 * not. A confirmed listed address then carries DATA when the primary is
 * inactive. */
TEST(Hardening, HeartbeatNonceConfirmsAListedAddress)
{
	Pair p;
	fsctp_addr c, c2;
	fsctp_addr_set_v4(&c, 198, 18, 0, 3, 5000);
	fsctp_addr_set_v4(&c2, 198, 18, 0, 4, 5000);
	PktBuilder ib(5000, 6000, 0);
	fsctp_init_info ii = init_info(0xC0C0);
	ii.addrs[0] = c2;
	ii.n_addrs = 1;
	fsctp_encode_init(&ib.w, false, &ii);
	p.inject(p.B, c, ib.bytes());
	Parsed ack = p.B.pop();
	ASSERT_EQ(ack.types(), "2");
	std::vector<uint8_t> ck = cookie_param(ack.chunks[0]);
	PktBuilder eb(5000, 6000, fsctp_rd32(&ack.chunks[0].value[0]));
	fsctp_encode_cookie_echo(&eb.w, ck.data(), ck.size());
	p.inject(p.B, c, eb.bytes());
	ASSERT_EQ(p.B.pop().types(), "11");
	fsctp_assoc *b = p.B.only();
	uint32_t btag = b->my_vtag;
	fsctp_stack_timers(p.B.st, p.now);
	Parsed hb = p.B.pop();
	ASSERT_EQ(hb.types(), "4");
	std::vector<uint8_t> info = hb.chunks[0].value;
	/* A forged ACK (nonce changed) is refused. */
	std::vector<uint8_t> bad = info;
	bad[4] ^= 1;
	PktBuilder fb(5000, 6000, btag);
	fb.chunk(FSCTP_CHUNK_HEARTBEAT_ACK, 0, bad);
	p.inject(p.B, c2, fb.bytes());
	EXPECT_FALSE(fsctp_assoc_find_path(b, &c2)->confirmed);
	PktBuilder ab(5000, 6000, btag);
	ab.chunk(FSCTP_CHUNK_HEARTBEAT_ACK, 0, info);
	p.inject(p.B, c2, ab.bytes());
	EXPECT_TRUE(fsctp_assoc_find_path(b, &c2)->confirmed);
	EXPECT_EQ(p.B.ctr().fsctp_paths_confirmed, 1u);
	/* The primary (c) fails: DATA moves to the confirmed c2. */
	fsctp_assoc_find_path(b, &c)->state = FSCTP_PATH_INACTIVE;
	p.B.out.clear();
	fsctp_sndinfo si{};
	uint8_t d[10] = { 1 };
	ASSERT_EQ(fsctp_send(p.B.st, b->id, &si, d, sizeof(d), p.now), 0);
	ASSERT_FALSE(p.B.out.empty());
	EXPECT_TRUE(fsctp_addr_ip_eq(&p.B.out.back().dst, &c2));
}

/*
 * Cookie replay. RFC 9260 5.2.4 case D covers a captured COOKIE ECHO
 * replayed while its association lives (both tags match: COOKIE ACK, no
 * new TCB). Once the association is gone, the same cookie, still within
 * its lifetime, would set it up again: refused and counted until the
 * cookie expires.
 */
TEST(Hardening, CookieReplayAfterCloseIsRefused)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	std::vector<uint8_t> echo;
	for (auto &pk : p.A.sent_log)
		if (parse(pk.b).types() == "10")
			echo = pk.b;
	ASSERT_FALSE(echo.empty());
	/* While it lives: case D, nothing new. */
	p.inject(p.B, p.A.addr, echo, false);
	EXPECT_EQ(p.B.st->n_assocs, 1u);
	EXPECT_EQ(p.B.pop().types(), "11");
	fsctp_abort(p.A.st, id, nullptr, 0, p.now);
	p.pump();
	ASSERT_EQ(p.B.st->n_assocs, 0u);
	p.now += 1000000;
	p.inject(p.B, p.A.addr, echo, false);
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_cookie_replay, 1u);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_UP), 1);
}

/*
 * The same rule for other callbacks run from inside the core: the sender
 * aborts from the first event of its SACK processing (WRITABLE /
 * SENDER_DRY), and a server aborts from COMM_UP while the COOKIE ECHO's
 * packet still carries DATA to process. Clean under ASan, no event after
 * the closing one.
 */
TEST(Hardening, AbortFromSackAndCommUpCallbacks)
{
	{
		fsctp_stack_config c = test_config();
		c.sndbuf = 4096;
		Pair p(c, c);
		fsctp_assoc_id_t id = p.connect();
		int n = 0;
		bool closed = false;
		std::vector<fsctp_event_type> after;
		p.A.on_event = [&](Host &h, const Ev &e) {
			if (closed) {
				after.push_back(e.type);
				return;
			}
			if (e.type == FSCTP_EV_WRITABLE ||
			    e.type == FSCTP_EV_SENDER_DRY) {
				closed = true;
				EXPECT_EQ(fsctp_abort(h.st, id, nullptr, 0,
						      p.now),
					  0);
			}
		};
		/* Fill the send buffer until -EAGAIN: WRITABLE will come. */
		for (;; n++) {
			fsctp_sndinfo si{};
			uint8_t b[512] = { 0 };
			if (fsctp_send(p.A.st, id, &si, b, sizeof(b), p.now) !=
			    0)
				break;
		}
		EXPECT_GT(n, 0);
		p.advance(5000000);
		EXPECT_TRUE(closed);
		EXPECT_EQ(p.A.st->n_assocs, 0u);
		/* After the close only the teardown's SEND_FAILED reports
		 * (and the closing event of the abort itself) may come. */
		int other = 0;
		for (auto t : after)
			other += t != FSCTP_EV_SEND_FAILED &&
				 t != FSCTP_EV_COMM_LOST;
		EXPECT_EQ(other, 0);
	}
	{
		Pair p;
		p.B.on_event = [&](Host &h, const Ev &e) {
			if (e.type == FSCTP_EV_COMM_UP) {
				EXPECT_EQ(fsctp_abort(h.st, e.id, nullptr, 0,
						      p.now),
					  0);
			}
		};
		int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
		ASSERT_GT(id, 0);
		/* Queued before the handshake: DATA rides with the COOKIE
		 * ECHO. */
		fsctp_sndinfo si{};
		uint8_t b[100] = { 7 };
		ASSERT_EQ(fsctp_send(p.A.st, (fsctp_assoc_id_t)id, &si, b,
				     sizeof(b), p.now),
			  0);
		p.pump();
		EXPECT_EQ(p.B.st->n_assocs, 0u);
		EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
		EXPECT_EQ(p.A.st->n_assocs, 0u);
	}
}

} // namespace

/*
 * Issue 14 item 5: the core flags every reply it makes without a TCB
 * (INIT ACK, RFC 9260 5.1 B; out-of-the-blue ABORT, 8.4 rule 8)
 * FSCTP_OUT_F_STATELESS, so that an owner keeps no per-peer state for a
 * spoofed source; every packet of an association is unflagged.
 */
TEST(Hardening, StatelessRepliesAreFlagged)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	ASSERT_GT(id, 0);
	int init_ack = 0, assoc_pkts = 0;
	for (const Pkt &k : p.B.sent_log) {
		Parsed x = parse(k.b);
		if (x.find(FSCTP_CHUNK_INIT_ACK) != nullptr) {
			init_ack++;
			EXPECT_NE(k.flags & FSCTP_OUT_F_STATELESS, 0u);
		} else {
			assoc_pkts++;
			EXPECT_EQ(k.flags & FSCTP_OUT_F_STATELESS, 0u)
				<< x.types();
		}
	}
	for (const Pkt &k : p.A.sent_log)
		EXPECT_EQ(k.flags & FSCTP_OUT_F_STATELESS, 0u)
			<< parse(k.b).types();
	EXPECT_EQ(init_ack, 1);
	EXPECT_GE(assoc_pkts, 1); /* the COOKIE ACK */
	/* Out of the blue: DATA from an unknown port is answered with an
	 * ABORT (8.4 rule 8), flagged. */
	fsctp_addr src;
	fsctp_addr_set_v4(&src, 198, 19, 1, 2, 4321);
	PktBuilder b(4321, 6000, 0x12345678);
	b.chunk(FSCTP_CHUNK_DATA, 3, std::vector<uint8_t>(16, 1));
	p.B.out.clear();
	p.inject(p.B, src, b.bytes());
	ASSERT_EQ(p.B.out.size(), 1u);
	EXPECT_NE(parse(p.B.out[0].b).find(FSCTP_CHUNK_ABORT), nullptr);
	EXPECT_NE(p.B.out[0].flags & FSCTP_OUT_F_STATELESS, 0u);
}

/* fsctp_assoc_tuples() names an association's transport addresses while
 * it is known, and nothing after it is gone; fsctp_stack_tuple_live()
 * follows it. */
TEST(Hardening, AssocTuplesUntilTheEnd)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_addr local, peers[8];
	ASSERT_EQ(fsctp_assoc_tuples(p.A.st, id, &local, peers, 8), 1);
	EXPECT_TRUE(fsctp_addr_eq(&local, &p.A.addr));
	EXPECT_TRUE(fsctp_addr_eq(&peers[0], &p.B.addr));
	EXPECT_TRUE(fsctp_stack_tuple_live(p.A.st, &p.A.addr, &p.B.addr));
	EXPECT_EQ(fsctp_assoc_tuples(p.A.st, id, nullptr, nullptr, 0), 1);
	EXPECT_EQ(fsctp_assoc_tuples(p.A.st, id, nullptr, nullptr, 1), -EINVAL);
	/* During the close event the association is still known. */
	int during = -1;
	p.A.on_event = [&](Host &h, const Ev &e) {
		if (e.type == FSCTP_EV_COMM_LOST)
			during = fsctp_assoc_tuples(h.st, e.id, nullptr, peers,
						    8);
	};
	ASSERT_EQ(fsctp_abort(p.A.st, id, nullptr, 0, p.now), 0);
	EXPECT_EQ(during, 1);
	EXPECT_EQ(fsctp_assoc_tuples(p.A.st, id, &local, peers, 8), -ENOTCONN);
	EXPECT_FALSE(fsctp_stack_tuple_live(p.A.st, &p.A.addr, &p.B.addr));
}

/*
 * Issue 14 item 9 (liveness), found by the soak (`fsctp-sim --scenario
 * garbage --seed 1084`): a peer that answers HEARTBEATs but drops every
 * DATA chunk without a SACK (there, a corrupted Initial TSN had passed
 * the CRC) kept the sender retransmitting for ever, each HEARTBEAT ACK
 * clearing the error counter (RFC 9260 8.1, 8.3). T3-rtx expiries with
 * no SACK in between are bounded by Association.Max.Retrans on their own:
 * COMM_LOST, counted fsctp_t3_unanswered.
 */
TEST(Hardening, DataNeverSackedDespiteHeartbeatsEndsTheAssociation)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 1000;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_GT(id, 0);
	p.drop = [](bool from_a, const Pkt &k) {
		return from_a && parse(k.b).find(FSCTP_CHUNK_DATA) != nullptr;
	};
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "lost", 4, p.now), 0);
	uint64_t start = p.now;
	while (p.A.st->n_assocs > 0 && p.now - start < 3600000000ull)
		p.advance(1000000);
	EXPECT_EQ(p.A.st->n_assocs, 0u);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.A.ctr().fsctp_t3_unanswered, 1u);
	EXPECT_GT(p.A.ctr().sctpOutCtrlChunks, 0u);
	/* The HEARTBEATs were answered all along. */
	EXPECT_GT(p.B.ctr().sctpOutCtrlChunks, 10u);
}

/* The bound does not end an association whose peer answers with SACKs
 * while its window is shut (zero window probes, RFC 9260 6.1 A): an
 * application that reads nothing for an hour keeps its association. */
TEST(Hardening, ZeroWindowProbesAnsweredKeepTheAssociation)
{
	fsctp_stack_config c = test_config();
	c.rwnd = 4096;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_GT(id, 0);
	p.B.hold = true;
	fsctp_sndinfo si{};
	std::vector<uint8_t> m(1000, 7);
	for (int i = 0; i < 20; i++)
		fsctp_send(p.A.st, id, &si, m.data(), m.size(), p.now);
	p.advance(3600000000ull);
	EXPECT_EQ(p.A.st->n_assocs, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_t3_unanswered, 0u);
	EXPECT_GT(p.A.ctr().fsctp_t3_expireds, 10u);
	p.B.hold = false;
	p.B.release();
	p.advance(600000000ull);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 20);
}
