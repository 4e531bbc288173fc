/* SPDX-License-Identifier: BSD-3-Clause */
/* The resource-exhaustion suite (issue 14): one test per limit a remote
 * peer can make the stack spend. Each drives its limit, checks the counter
 * that names the drop, checks that the stack goes on (no crash, nothing it
 * acknowledged lost, a live association still works) and that the
 * resource comes back to empty afterwards. The runtime's limits (tuple
 * table, hand-off ring) are in test_rt_steer.cc (Steer.*), the worker
 * event ring in test_api.cc and the neighbour cache in test_net_neigh.cc
 * (docs/CONFORMANCE.md lists them all). */
#include "pair.h"

extern "C" {
#include "fsctp_serial.h"
}

using namespace fsctp_test;

namespace
{

fsctp_addr
a_addr(uint16_t port)
{
	fsctp_addr x;
	fsctp_addr_set_v4(&x, 198, 18, 0, 1, port);
	return x;
}

/* A DATA packet from a_addr(port) to B under B's tag vtag. */
std::vector<uint8_t>
data_pkt(uint16_t port, uint32_t vtag, uint32_t tsn, uint16_t ssn,
	 uint8_t flags, size_t len)
{
	PktBuilder b(port, 6000, vtag);
	std::vector<uint8_t> payload(len, (uint8_t)tsn);
	fsctp_data_info d{};
	d.tsn = tsn;
	d.sid = 0;
	d.ssn = ssn;
	d.flags = flags;
	d.payload = payload.data();
	d.len = (uint16_t)len;
	fsctp_encode_data(&b.w, &d);
	return b.bytes();
}

/* The TSNs B's last SACK acknowledges beyond its cumulative TSN. */
struct SackView {
	bool found = false;
	uint32_t cum = 0, a_rwnd = 0, gap_tsns = 0;
};

SackView
last_sack(const Host &h)
{
	SackView v;
	for (auto it = h.sent_log.rbegin(); it != h.sent_log.rend(); ++it) {
		Parsed x = parse(it->b);
		const Chunk *c = x.find(FSCTP_CHUNK_SACK);
		if (c == nullptr || c->value.size() < 12)
			continue;
		const uint8_t *p = c->value.data();
		v.found = true;
		v.cum = fsctp_rd32(p);
		v.a_rwnd = fsctp_rd32(p + 4);
		uint16_t n = fsctp_rd16(p + 8);
		for (uint16_t i = 0;
		     i < n && 12 + 4u * i + 4 <= c->value.size(); i++) {
			uint16_t s = fsctp_rd16(p + 12 + 4 * i);
			uint16_t e = fsctp_rd16(p + 14 + 4 * i);
			v.gap_tsns += (uint32_t)(e - s + 1);
		}
		break;
	}
	return v;
}

int
data_events(const Host &h, fsctp_assoc_id_t id)
{
	int n = 0;
	for (auto &e : h.events)
		n += e.type == FSCTP_EV_DATA && e.id == id;
	return n;
}

} // namespace

/* max_assocs (RFC 9260 5.1.3 leaves it to the implementation): a client
 * opening more associations than the server may hold gets the rest
 * refused (fsctp_assoc_limit); the ones up carry data; once they close,
 * the server holds none and takes as many again. */
TEST(Exhaustion, AssociationsPerStack)
{
	fsctp_stack_config cb = test_config();
	cb.max_assocs = 8;
	Pair p(test_config(), cb);
	for (uint16_t i = 0; i < 20; i++) {
		fsctp_addr s = a_addr((uint16_t)(5000 + i));
		ASSERT_GT(fsctp_connect(p.A.st, &s, &p.B.addr, p.now), 0);
	}
	p.pump();
	EXPECT_EQ(p.B.st->n_assocs, 8u);
	EXPECT_GE(p.B.ctr().fsctp_assoc_limit, 12u);
	/* The refused ones give up (Max.Init.Retransmits). */
	p.advance(600000000ull);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_UP), 8);
	EXPECT_EQ(p.A.count(FSCTP_EV_CANT_STR_ASSOC), 12);
	EXPECT_EQ(p.B.st->n_assocs, 8u);
	/* The live ones work. */
	fsctp_assoc_id_t ids[16];
	uint32_t n = fsctp_stack_assoc_ids(p.A.st, ids, 16);
	ASSERT_EQ(n, 8u);
	for (uint32_t i = 0; i < n; i++) {
		fsctp_sndinfo si{};
		ASSERT_EQ(fsctp_send(p.A.st, ids[i], &si, "x", 1, p.now), 0);
	}
	p.advance(1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 8);
	/* Back to empty, and the slots are there again. */
	fsctp_stack_close_all(p.A.st, false, nullptr, 0, p.now);
	p.advance(5000000);
	EXPECT_EQ(p.A.st->n_assocs, 0u);
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	uint64_t limit0 = p.B.ctr().fsctp_assoc_limit;
	for (uint16_t i = 0; i < 8; i++) {
		fsctp_addr s = a_addr((uint16_t)(6000 + i));
		ASSERT_GT(fsctp_connect(p.A.st, &s, &p.B.addr, p.now), 0);
	}
	p.pump();
	EXPECT_EQ(p.B.st->n_assocs, 8u);
	EXPECT_EQ(p.B.ctr().fsctp_assoc_limit, limit0);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_UP), 16);
}

/* Reassembly memory of one association (RFC 9260 6.2: at most the
 * window): a peer that ignores the window and parks first fragments that
 * never complete is cut off at the limit (n_drop_assoc_limit); nothing
 * dropped is acknowledged; in-sequence data still gets through (the
 * highest parked chunks are evicted for it) and the memory is all given
 * back when the association ends. */
TEST(Exhaustion, ReassemblyPerAssociation)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	ASSERT_GT(id, 0);
	fsctp_assoc *a = p.B.only();
	ASSERT_NE(a, nullptr);
	const uint32_t tsn0 = a->peer_itsn, vtag = a->my_vtag;
	const fsctp_assoc_id_t bid = a->id;
	/* 400 x 1000 B first fragments, far ahead of the cumulative TSN:
	 * more than the 256 KiB window. */
	const int n = 400;
	for (int i = 0; i < n; i++)
		p.inject(p.B, p.A.addr,
			 data_pkt(5000, vtag, tsn0 + 100 + (uint32_t)i,
				  (uint16_t)(1 + i), FSCTP_DATA_FLAG_B, 1000));
	const fsctp_reasm_stats &rs = a->data->reasm.stats;
	EXPECT_GT(rs.n_drop_assoc_limit + rs.n_drop_zero_window, 0u);
	uint64_t dropped = rs.n_drop_assoc_limit + rs.n_drop_zero_window;
	EXPECT_LE(a->data->reasm.held_mem, (uint64_t)a->data->reasm.cfg.limit);
	EXPECT_EQ(p.B.ctr().fsctp_rx_data_dropped, dropped);
	/* Every chunk acknowledged is held; none dropped is. */
	SackView v = last_sack(p.B);
	ASSERT_TRUE(v.found);
	EXPECT_EQ(v.cum, tsn0 - 1);
	EXPECT_EQ(v.gap_tsns, (uint32_t)n - dropped);
	/* In-sequence messages still arrive. */
	for (uint32_t i = 0; i < 100; i++)
		p.inject(p.B, p.A.addr,
			 data_pkt(5000, vtag, tsn0 + i, 0,
				  FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E |
					  FSCTP_DATA_FLAG_U,
				  100));
	EXPECT_EQ(data_events(p.B, bid), 100);
	/* The cumulative TSN runs on through the parked chunks it joined. */
	v = last_sack(p.B);
	EXPECT_TRUE(fsctp_sn32_ge(v.cum, tsn0 + 99)) << v.cum - tsn0;
	EXPECT_GT(p.B.st->reasm_global.held, 0u);
	/* Back to empty. */
	ASSERT_EQ(fsctp_abort(p.B.st, bid, nullptr, 0, p.now), 0);
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	EXPECT_EQ(p.B.st->reasm_global.held, 0u);
}

/* The global reassembly limit (reasm_limit_global) across associations:
 * one peer parks as much as it can; the stack-wide memory stays within the
 * limit (n_limit_hit counts the drops), another association's messages
 * still arrive, and everything is given back at the end. */
TEST(Exhaustion, ReassemblyGlobal)
{
	fsctp_stack_config cb = test_config();
	cb.reasm_limit_global = 128 * 1024;
	Pair p(test_config(), cb);
	fsctp_addr s1 = a_addr(5001), s2 = a_addr(5002);
	ASSERT_GT(fsctp_connect(p.A.st, &s1, &p.B.addr, p.now), 0);
	ASSERT_GT(fsctp_connect(p.A.st, &s2, &p.B.addr, p.now), 0);
	p.pump();
	ASSERT_EQ(p.B.st->n_assocs, 2u);
	fsctp_assoc *a1 = fsctp_lookup_tuple(p.B.st, 6000, &s1);
	fsctp_assoc *a2 = fsctp_lookup_tuple(p.B.st, 6000, &s2);
	ASSERT_NE(a1, nullptr);
	ASSERT_NE(a2, nullptr);
	const fsctp_assoc_id_t id2 = a2->id;
	for (int i = 0; i < 200; i++)
		p.inject(p.B, s1,
			 data_pkt(5001, a1->my_vtag,
				  a1->peer_itsn + 100 + (uint32_t)i,
				  (uint16_t)(1 + i), FSCTP_DATA_FLAG_B, 1000));
	EXPECT_GT(p.B.st->reasm_global.n_limit_hit, 0u);
	EXPECT_LE(p.B.st->reasm_global.held, cb.reasm_limit_global);
	EXPECT_GT(a1->data->reasm.stats.n_drop_global_limit, 0u);
	/* The other association: in-sequence messages are delivered at
	 * once and never held, so the full pool does not stop them. Each
	 * is as large as a parked chunk, so what the pool has left (less
	 * than one parked chunk) cannot take it without an eviction. */
	for (uint32_t i = 0; i < 20; i++)
		p.inject(p.B, s2,
			 data_pkt(5002, a2->my_vtag, a2->peer_itsn + i,
				  (uint16_t)i,
				  FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E, 1000));
	EXPECT_EQ(data_events(p.B, id2), 20);
	EXPECT_GT(p.B.ctr().fsctp_reasm_evict_glob, 0u);
	EXPECT_LE(p.B.st->reasm_global.held, cb.reasm_limit_global);
	fsctp_stack_close_all(p.B.st, true, nullptr, 0, p.now);
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	EXPECT_EQ(p.B.st->reasm_global.held, 0u);
}

/* The INIT ACK rate limit (reply_rate / reply_burst; RFC 9260 5.1.3 asks
 * that INIT floods cost no state): a burst of spoofed INITs gets
 * reply_burst answers, the rest counted fsctp_tx_reply_limited; no TCB;
 * the live association goes on; the bucket fills again with time. */
TEST(Exhaustion, InitAckRateLimit)
{
	fsctp_stack_config cb = test_config();
	cb.reply_rate = 100;
	cb.reply_burst = 10;
	Pair p(test_config(), cb);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_GT(id, 0);
	p.advance(1000000); /* the handshake's token comes back */
	p.B.out.clear();
	const uint64_t lim0 = p.B.ctr().fsctp_tx_reply_limited;
	for (uint32_t i = 0; i < 1000; i++) {
		fsctp_addr src;
		fsctp_addr_set_v4(&src, 198, 19, (uint8_t)(i >> 8), (uint8_t)i,
				  (uint16_t)(10000 + i));
		PktBuilder k(src.port, 6000, 0);
		fsctp_init_info ii = init_info(0x100 + i);
		fsctp_encode_init(&k.w, false, &ii);
		p.inject(p.B, src, k.bytes());
	}
	size_t init_acks = 0;
	for (const Pkt &k : p.B.out)
		init_acks += parse(k.b).find(FSCTP_CHUNK_INIT_ACK) != nullptr;
	p.B.out.clear();
	EXPECT_EQ(init_acks, 10u);
	EXPECT_EQ(p.B.ctr().fsctp_tx_reply_limited, lim0 + 990);
	EXPECT_EQ(p.B.st->n_assocs, 1u);
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "live", 4, p.now), 0);
	p.advance(1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	/* A second later the bucket is full again: 10 more answers. */
	p.B.out.clear();
	for (uint32_t i = 0; i < 20; i++) {
		fsctp_addr src;
		fsctp_addr_set_v4(&src, 198, 19, 9, (uint8_t)i,
				  (uint16_t)(20000 + i));
		PktBuilder k(src.port, 6000, 0);
		fsctp_init_info ii = init_info(0x9000 + i);
		fsctp_encode_init(&k.w, false, &ii);
		p.inject(p.B, src, k.bytes());
	}
	init_acks = 0;
	for (const Pkt &k : p.B.out)
		init_acks += parse(k.b).find(FSCTP_CHUNK_INIT_ACK) != nullptr;
	EXPECT_EQ(init_acks, 10u);
	EXPECT_EQ(p.B.st->n_assocs, 1u);
}

/* The out-of-the-blue ABORT rate limit (RFC 9260 8.4 rule 8 replies share
 * the bucket): DATA from unknown ports is answered reply_burst times, the
 * rest counted; the bucket fills again. */
TEST(Exhaustion, OotbAbortRateLimit)
{
	fsctp_stack_config cb = test_config();
	cb.reply_rate = 100;
	cb.reply_burst = 10;
	Pair p(test_config(), cb);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_GT(id, 0);
	p.advance(1000000); /* the handshake's token comes back */
	auto flood = [&](uint32_t n, uint8_t net) {
		p.B.out.clear();
		for (uint32_t i = 0; i < n; i++) {
			fsctp_addr src;
			fsctp_addr_set_v4(&src, 198, 19, net, (uint8_t)i,
					  (uint16_t)(30000 + i));
			PktBuilder k(src.port, 6000, 0xdead0000u + i);
			k.chunk(FSCTP_CHUNK_DATA, 3,
				std::vector<uint8_t>(16, 1));
			p.inject(p.B, src, k.bytes());
		}
		size_t aborts = 0;
		for (const Pkt &k : p.B.out)
			aborts += parse(k.b).find(FSCTP_CHUNK_ABORT) != nullptr;
		p.B.out.clear();
		return aborts;
	};
	const uint64_t ootb0 = p.B.ctr().sctpOutOfBlues;
	const uint64_t lim0 = p.B.ctr().fsctp_tx_reply_limited;
	EXPECT_EQ(flood(500, 1), 10u);
	EXPECT_EQ(p.B.ctr().sctpOutOfBlues, ootb0 + 500);
	EXPECT_EQ(p.B.ctr().fsctp_tx_reply_limited, lim0 + 490);
	EXPECT_EQ(p.B.st->n_assocs, 1u);
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "live", 4, p.now), 0);
	p.advance(1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(flood(20, 2), 10u);
}

/* Valid.Cookie.Life (RFC 9260 5.1.5 step 3, 5.2.6): a cookie kept past
 * its lifetime sets up nothing (fsctp_rx_cookie_stale, a Stale Cookie
 * ERROR); the tags remembered against replay (FSCTP_CLOSED_TAGS) are
 * bounded, an overwrite counted (fsctp_closed_tags_full), and expire with
 * their cookies: a stack that closed many associations holds none of
 * them once the lifetime has passed. */
TEST(Exhaustion, CookieLifetime)
{
	fsctp_stack_config cb = test_config();
	cb.valid_cookie_life_ms = 2000;
	Pair p(test_config(), cb);
	/* Capture a COOKIE ECHO, let it age past the lifetime. */
	std::vector<uint8_t> echo;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a && echo.empty() &&
		    parse(k.b).find(FSCTP_CHUNK_COOKIE_ECHO) != nullptr) {
			echo = k.b;
			return true;
		}
		return false;
	};
	fsctp_addr s = a_addr(5100);
	ASSERT_GT(fsctp_connect(p.A.st, &s, &p.B.addr, p.now), 0);
	p.pump();
	ASSERT_FALSE(echo.empty());
	p.drop = nullptr;
	p.now += 3000000;
	const uint64_t stale0 = p.B.ctr().fsctp_rx_cookie_stale;
	p.B.out.clear();
	fsctp_stack_input(p.B.st, &s, &p.B.addr, echo.data(), echo.size(),
			  false, p.now);
	EXPECT_EQ(p.B.ctr().fsctp_rx_cookie_stale, stale0 + 1);
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	ASSERT_EQ(p.B.out.size(), 1u);
	EXPECT_NE(parse(p.B.out[0].b).find(FSCTP_CHUNK_ERROR), nullptr);
	/* More associations close within one lifetime than the replay ring
	 * holds: the overwrite is counted. */
	p.B.out.clear();
	fsctp_stack_close_all(p.A.st, true, nullptr, 0, p.now);
	p.advance(100000);
	const uint64_t full0 = p.B.ctr().fsctp_closed_tags_full;
	const uint32_t n = FSCTP_CLOSED_TAGS + 10;
	for (uint32_t i = 0; i < n; i++) {
		fsctp_addr c = a_addr((uint16_t)(7000 + i));
		ASSERT_GT(fsctp_connect(p.A.st, &c, &p.B.addr, p.now), 0);
		p.pump();
		fsctp_stack_close_all(p.A.st, true, nullptr, 0, p.now);
		p.pump();
	}
	EXPECT_EQ(p.B.st->n_assocs, 0u);
	EXPECT_EQ(p.B.ctr().fsctp_closed_tags_full, full0 + 10);
	/* After the lifetime every remembered tag has expired. */
	p.advance(3000000);
	uint32_t alive = 0;
	for (uint32_t i = 0; i < FSCTP_CLOSED_TAGS; i++)
		alive += p.B.st->closed_tags[i].expires > p.now;
	EXPECT_EQ(alive, 0u);
}
