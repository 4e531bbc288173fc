/* SPDX-License-Identifier: BSD-3-Clause */
/* INIT / INIT ACK validation (RFC 9260 3.3.2, 3.3.3, 3.2.1, 5.1), per-packet
 * rules (6.8 CRC, 6.10 bundling, 8.4 OOTB, 8.5/8.5.1 verification tag,
 * 3.2 unknown chunk types). */
#include "pair.h"

using namespace fsctp_test;

namespace
{

/* An INIT from a raw peer at 198.18.0.9:7000 to B. */
struct RawPeer {
	fsctp_addr addr;
	RawPeer()
	{
		fsctp_addr_set_v4(&addr, 198, 18, 0, 9, 7000);
	}
};

std::vector<uint8_t>
init_pkt(const fsctp_init_info &ii, uint16_t dport = 6000, uint32_t vtag = 0)
{
	PktBuilder b(7000, dport, vtag);
	EXPECT_EQ(fsctp_encode_init(&b.w, false, &ii), 0);
	return b.bytes();
}

TEST(InitCheck, ValidInitGetsInitAckWithCookieAndNoState)
{
	Pair p;
	RawPeer r;
	p.inject(p.B, r.addr, init_pkt(init_info(0x11223344)));
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed x = p.B.pop();
	EXPECT_EQ(x.vtag, 0x11223344u);
	ASSERT_EQ(x.types(), "2");
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

TEST(InitCheck, InitiateTagZeroIsDiscardedSilently)
{
	Pair p;
	RawPeer r;
	p.inject(p.B, r.addr, init_pkt(init_info(0)));
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_init_tag0, 1u);
}

void
expect_init_abort(Pair &p, uint32_t tag, uint16_t cause)
{
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed x = p.B.pop();
	EXPECT_EQ(x.vtag, tag);
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(x.chunks[0].flags & FSCTP_CHUNK_FLAG_T, 0);
	EXPECT_EQ(first_cause(x.chunks[0]), cause);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

TEST(InitCheck, ZeroOutboundStreamsIsInvalidMandatoryParameter)
{
	Pair p;
	RawPeer r;
	fsctp_init_info ii = init_info(0x5);
	ii.n_out_streams = 0;
	p.inject(p.B, r.addr, init_pkt(ii));
	expect_init_abort(p, 0x5, FSCTP_CAUSE_INVALID_PARAM);
}

TEST(InitCheck, ZeroInboundStreamsIsInvalidMandatoryParameter)
{
	Pair p;
	RawPeer r;
	fsctp_init_info ii = init_info(0x6);
	ii.n_in_streams = 0;
	p.inject(p.B, r.addr, init_pkt(ii));
	expect_init_abort(p, 0x6, FSCTP_CAUSE_INVALID_PARAM);
}

TEST(InitCheck, ARwndBelow1500IsInvalidMandatoryParameter)
{
	Pair p;
	RawPeer r;
	fsctp_init_info ii = init_info(0x7);
	ii.a_rwnd = 1499;
	p.inject(p.B, r.addr, init_pkt(ii));
	expect_init_abort(p, 0x7, FSCTP_CAUSE_INVALID_PARAM);
	ii.a_rwnd = 1500;
	p.inject(p.B, r.addr, init_pkt(ii));
	EXPECT_EQ(p.B.pop().types(), "2");
}

TEST(InitCheck, HostNameAddressIsUnresolvable)
{
	Pair p;
	RawPeer r;
	fsctp_init_info ii = init_info(0x8);
	const uint8_t name[] = "peer.example";
	ii.has_host_name = true;
	ii.host_name.ptr = name;
	ii.host_name.len = sizeof(name);
	p.inject(p.B, r.addr, init_pkt(ii));
	expect_init_abort(p, 0x8, FSCTP_CAUSE_UNRESOLVABLE_ADDR);
}

TEST(InitCheck, UnknownParamsReportedInInitAckByUpperBits)
{
	Pair p;
	RawPeer r;
	/* 0xC0F0 (11: skip, report), 0x80F1 (10: skip), 0x40F2 (01: stop,
	 * report), 0xC0F3 after the stop: never seen. */
	PktBuilder b(7000, 6000, 0);
	fsctp_init_info ii = init_info(0x9);
	size_t off = fsctp_wbuf_chunk_begin(&b.w, FSCTP_CHUNK_INIT, 0);
	fsctp_wbuf_u32(&b.w, ii.init_tag);
	fsctp_wbuf_u32(&b.w, ii.a_rwnd);
	fsctp_wbuf_u16(&b.w, 10);
	fsctp_wbuf_u16(&b.w, 10);
	fsctp_wbuf_u32(&b.w, 1);
	fsctp_wbuf_tlv_u32(&b.w, 0xC0F0, 1);
	fsctp_wbuf_tlv_u32(&b.w, 0x80F1, 2);
	fsctp_wbuf_tlv_u32(&b.w, 0x40F2, 3);
	fsctp_wbuf_tlv_u32(&b.w, 0xC0F3, 4);
	fsctp_wbuf_chunk_end(&b.w, off);
	p.inject(p.B, r.addr, b.bytes());
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "2");
	/* Walk the INIT ACK parameters for Unrecognized Parameter (8). */
	const auto &v = x.chunks[0].value;
	fsctp_tlv_iter it;
	fsctp_tlv t;
	std::vector<uint16_t> reported;
	fsctp_tlv_iter_init(&it, v.data() + 16, v.size() - 16, FSCTP_TLV_PARAM);
	while (fsctp_tlv_next(&it, &t) == 1)
		if (t.type == FSCTP_PARAM_UNRECOGNIZED)
			reported.push_back(fsctp_rd16(t.value));
	EXPECT_EQ(reported, (std::vector<uint16_t>{ 0xC0F0, 0x40F2 }));
}

TEST(InitCheck, PeerAddressesAreSourcePlusUsableListed)
{
	Pair p;
	RawPeer r;
	fsctp_init_info ii = init_info(0x4444);
	fsctp_addr_set_v4(&ii.addrs[0], 198, 18, 0, 9, 0); /* = source */
	fsctp_addr_set_v4(&ii.addrs[1], 198, 18, 5, 5, 0);
	fsctp_addr_set_v4(&ii.addrs[2], 224, 1, 1, 1, 0); /* multicast */
	memset(&ii.addrs[3], 0, sizeof(ii.addrs[3]));
	ii.addrs[3].family = FSCTP_AF_INET6; /* other family */
	ii.addrs[3].ip.v6[0] = 0x20;
	ii.addrs[3].ip.v6[1] = 0x01;
	ii.n_addrs = 4;
	p.inject(p.B, r.addr, init_pkt(ii));
	Parsed ack = p.B.pop();
	ASSERT_EQ(ack.types(), "2");
	uint32_t tag = fsctp_rd32(&ack.chunks[0].value[0]);
	fsctp_tlv chunk{};
	chunk.type = FSCTP_CHUNK_INIT_ACK;
	chunk.value = ack.chunks[0].value.data();
	chunk.value_len = (uint16_t)ack.chunks[0].value.size();
	fsctp_init_info ai;
	ASSERT_EQ(fsctp_decode_init(&chunk, &ai), 0);
	ASSERT_NE(ai.cookie, nullptr);
	PktBuilder e(7000, 6000, tag);
	fsctp_encode_cookie_echo(&e.w, ai.cookie, ai.cookie_len);
	p.inject(p.B, r.addr, e.bytes());
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	EXPECT_EQ(b->state, FSCTP_ESTABLISHED);
	ASSERT_EQ(b->n_paths, 2);
	EXPECT_TRUE(fsctp_addr_eq(&b->paths[b->primary].addr, &r.addr));
	fsctp_addr other;
	fsctp_addr_set_v4(&other, 198, 18, 5, 5, 7000);
	EXPECT_NE(fsctp_assoc_find_path(b, &other), nullptr);
	/* Reachable by tuple from either address. */
	EXPECT_EQ(fsctp_lookup_tuple(p.B.st, 6000, &other), b);
	EXPECT_EQ(b->peer_vtag, 0x4444u);
	EXPECT_EQ(p.B.pop().types(), "11");
}

TEST(InitCheck, InitToClosedPortIsAbortedWithItsTag)
{
	Pair p;
	RawPeer r;
	p.inject(p.B, r.addr, init_pkt(init_info(0x1234), 6001));
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed x = p.B.pop();
	/* 8.4 rule 3: T bit clear, vtag = the Initiate Tag. */
	EXPECT_EQ(x.vtag, 0x1234u);
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(x.chunks[0].flags, 0);
	EXPECT_EQ(p.B.ctr().fsctp_rx_init_no_listener, 1u);
}

TEST(InitCheck, InitWithNonZeroVtagIsDiscarded)
{
	Pair p;
	RawPeer r;
	p.inject(p.B, r.addr, init_pkt(init_info(0x1234), 6000, 77));
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_init_bad_vtag, 1u);
}

/* 6.10: INIT, INIT ACK, SHUTDOWN COMPLETE must be alone. */
TEST(Bundling, InitBundledWithAnotherChunkIsDiscarded)
{
	Pair p;
	RawPeer r;
	PktBuilder b(7000, 6000, 0);
	fsctp_init_info ii = init_info(0x42);
	fsctp_encode_init(&b.w, false, &ii);
	b.chunk(FSCTP_CHUNK_COOKIE_ACK, 0);
	p.inject(p.B, r.addr, b.bytes());
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_not_alone, 1u);
}

TEST(Bundling, ShutdownCompleteBundledIsDiscarded)
{
	Pair p;
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder k(5000, 6000, b->my_vtag);
	k.chunk(FSCTP_CHUNK_HEARTBEAT_ACK, 0, { 0, 1, 0, 4 });
	k.chunk(FSCTP_CHUNK_SHUTDOWN_COMPLETE, 0);
	p.inject(p.B, p.A.addr, k.bytes());
	EXPECT_EQ(p.B.ctr().fsctp_rx_not_alone, 1u);
	EXPECT_EQ(b->state, FSCTP_ESTABLISHED);
}

TEST(Crc, BadChecksumIsDiscardedAndCounted)
{
	Pair p;
	RawPeer r;
	std::vector<uint8_t> k = init_pkt(init_info(0x99));
	fsctp_packet_set_crc(k.data(), k.size());
	k[8] ^= 1;
	p.inject(p.B, r.addr, k, false);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().sctpChecksumErrors, 1u);
	/* The same packet accepted when the NIC vouches for the CRC. */
	fsctp_stack_input(p.B.st, &r.addr, &p.B.addr, k.data(), k.size(), true,
			  p.now);
	EXPECT_EQ(p.B.pop().types(), "2");
}

TEST(InitAckCheck, MissingCookieAbortsWithMissingMandatoryParameter)
{
	Pair p;
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	uint32_t a_tag = p.A.only()->my_vtag;
	p.A.out.clear();
	PktBuilder b(6000, 5000, a_tag);
	fsctp_init_info ii = init_info(0xBEEF);
	fsctp_encode_init(&b.w, true, &ii);
	p.inject(p.A, p.B.addr, b.bytes());
	ASSERT_EQ(p.A.out.size(), 1u);
	Parsed x = p.A.pop();
	EXPECT_EQ(x.vtag, 0xBEEFu);
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_MISSING_PARAM);
	/* The cause lists one missing parameter: State Cookie (7). */
	EXPECT_EQ(fsctp_rd32(&x.chunks[0].value[4]), 1u);
	EXPECT_EQ(fsctp_rd16(&x.chunks[0].value[8]), FSCTP_PARAM_STATE_COOKIE);
	EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	EXPECT_EQ(p.A.count(FSCTP_EV_CANT_STR_ASSOC), 1);
}

TEST(InitAckCheck, ZeroStreamsOrSmallWindowAborts)
{
	for (int which = 0; which < 3; which++) {
		Pair p;
		fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
		uint32_t a_tag = p.A.only()->my_vtag;
		p.A.out.clear();
		PktBuilder b(6000, 5000, a_tag);
		fsctp_init_info ii = init_info(0xBEEF);
		uint8_t ck[8] = { 1 };
		ii.cookie = ck;
		ii.cookie_len = 8;
		if (which == 0)
			ii.n_out_streams = 0;
		else if (which == 1)
			ii.n_in_streams = 0;
		else
			ii.a_rwnd = 100;
		fsctp_encode_init(&b.w, true, &ii);
		p.inject(p.A, p.B.addr, b.bytes());
		Parsed x = p.A.pop();
		ASSERT_EQ(x.types(), "6") << which;
		EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_INVALID_PARAM);
		EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	}
}

TEST(InitAckCheck, UnrecognizedParamsComeBackInErrorWithCookieEcho)
{
	Pair p;
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	uint32_t a_tag = p.A.only()->my_vtag;
	p.A.out.clear();
	PktBuilder b(6000, 5000, a_tag);
	size_t off = fsctp_wbuf_chunk_begin(&b.w, FSCTP_CHUNK_INIT_ACK, 0);
	fsctp_wbuf_u32(&b.w, 0xBEEF);
	fsctp_wbuf_u32(&b.w, 65536);
	fsctp_wbuf_u16(&b.w, 10);
	fsctp_wbuf_u16(&b.w, 10);
	fsctp_wbuf_u32(&b.w, 1);
	uint8_t ck[12] = { 1, 2, 3 };
	fsctp_wbuf_tlv(&b.w, FSCTP_PARAM_STATE_COOKIE, ck, sizeof(ck));
	fsctp_wbuf_tlv_u32(&b.w, 0xC0AB, 7);
	fsctp_wbuf_chunk_end(&b.w, off);
	p.inject(p.A, p.B.addr, b.bytes());
	ASSERT_EQ(p.A.out.size(), 1u);
	Parsed x = p.A.pop();
	EXPECT_EQ(x.vtag, 0xBEEFu);
	ASSERT_EQ(x.types(), "10,9");
	EXPECT_EQ(x.chunks[0].value, std::vector<uint8_t>(ck, ck + 12));
	EXPECT_EQ(first_cause(x.chunks[1]), FSCTP_CAUSE_UNRECOGNIZED_PARAMS);
	EXPECT_EQ(fsctp_rd16(&x.chunks[1].value[4]), 0xC0AB);
}

TEST(InitAckCheck, InitAckInWrongStateIsDiscarded)
{
	Pair p;
	p.connect();
	fsctp_assoc *a = p.A.only();
	PktBuilder b(6000, 5000, a->my_vtag);
	fsctp_init_info ii = init_info(0xBEEF);
	uint8_t ck[8] = { 1 };
	ii.cookie = ck;
	ii.cookie_len = 8;
	fsctp_encode_init(&b.w, true, &ii);
	p.inject(p.A, p.B.addr, b.bytes());
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(a->peer_vtag, p.B.only()->my_vtag);
	EXPECT_EQ(p.A.ctr().fsctp_rx_unexpected, 1u);
}

/* ---- 8.4 out of the blue ---- */

struct Ootb : ::testing::Test {
	Pair p;
	RawPeer r;
	void send(uint8_t type, uint8_t flags = 0, std::vector<uint8_t> v = {},
		  uint32_t vtag = 0xABCD)
	{
		PktBuilder b(7000, 6000, vtag);
		b.chunk(type, flags, v);
		p.inject(p.B, r.addr, b.bytes());
	}
};

TEST_F(Ootb, Rule1NonUnicastSourceIsIgnored)
{
	fsctp_addr_set_v4(&r.addr, 224, 0, 0, 1, 7000);
	send(FSCTP_CHUNK_HEARTBEAT, 0, { 0, 1, 0, 4 });
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_nonunicast, 1u);
}

TEST_F(Ootb, Rule2AbortIsIgnored)
{
	send(FSCTP_CHUNK_ABORT);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().sctpOutOfBlues, 1u);
}

TEST_F(Ootb, Rule5ShutdownAckGetsShutdownCompleteWithTBit)
{
	send(FSCTP_CHUNK_SHUTDOWN_ACK);
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed x = p.B.pop();
	EXPECT_EQ(x.vtag, 0xABCDu);
	ASSERT_EQ(x.types(), "14");
	EXPECT_EQ(x.chunks[0].flags, FSCTP_CHUNK_FLAG_T);
}

TEST_F(Ootb, Rule6ShutdownCompleteIsIgnored)
{
	send(FSCTP_CHUNK_SHUTDOWN_COMPLETE);
	EXPECT_TRUE(p.B.out.empty());
}

TEST_F(Ootb, Rule7CookieAckAndStaleCookieErrorAreIgnored)
{
	send(FSCTP_CHUNK_COOKIE_ACK);
	send(FSCTP_CHUNK_ERROR, 0, { 0, 3, 0, 8, 0, 0, 1, 0 });
	EXPECT_TRUE(p.B.out.empty());
	/* Another ERROR is answered by rule 8. */
	send(FSCTP_CHUNK_ERROR, 0, { 0, 1, 0, 8, 0, 1, 0, 0 });
	EXPECT_EQ(p.B.pop().types(), "6");
}

TEST_F(Ootb, Rule8OtherwiseAbortWithTBitAndReflectedTag)
{
	send(FSCTP_CHUNK_HEARTBEAT, 0, { 0, 1, 0, 4 }, 0x10203040);
	ASSERT_EQ(p.B.out.size(), 1u);
	Parsed x = p.B.pop();
	EXPECT_EQ(x.vtag, 0x10203040u);
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(x.chunks[0].flags, FSCTP_CHUNK_FLAG_T);
	EXPECT_EQ(p.B.ctr().fsctp_rx_ootb_abort, 1u);
}

TEST_F(Ootb, Rule4CookieEchoWithForgedCookieIsDiscarded)
{
	std::vector<uint8_t> junk(FSCTP_COOKIE_LEN, 0x5A);
	send(FSCTP_CHUNK_COOKIE_ECHO, 0, junk);
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_cookie_bad_mac, 1u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

/* ---- 8.5 / 8.5.1 verification tag ---- */

TEST(Vtag, WrongTagIsDiscardedBeforeAnyChunk)
{
	Pair p;
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder k(5000, 6000, b->my_vtag ^ 1);
	k.chunk(FSCTP_CHUNK_HEARTBEAT, 0, { 0, 1, 0, 8, 1, 2, 3, 4 });
	p.inject(p.B, p.A.addr, k.bytes());
	EXPECT_TRUE(p.B.out.empty());
	EXPECT_EQ(p.B.ctr().fsctp_rx_bad_vtag, 1u);
	PktBuilder ok(5000, 6000, b->my_vtag);
	ok.chunk(FSCTP_CHUNK_HEARTBEAT, 0, { 0, 1, 0, 8, 1, 2, 3, 4 });
	p.inject(p.B, p.A.addr, ok.bytes());
	Parsed x = p.B.pop();
	EXPECT_EQ(x.types(), "5");
	EXPECT_EQ(x.vtag, b->peer_vtag);
}

TEST(Vtag, AbortWithPeerTagNeedsTheTBit)
{
	Pair p;
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder k(5000, 6000, b->peer_vtag);
	k.chunk(FSCTP_CHUNK_ABORT, 0);
	p.inject(p.B, p.A.addr, k.bytes());
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.B.ctr().fsctp_rx_bad_vtag, 1u);
	PktBuilder t(5000, 6000, b->peer_vtag);
	t.chunk(FSCTP_CHUNK_ABORT, FSCTP_CHUNK_FLAG_T);
	p.inject(p.B, p.A.addr, t.bytes());
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_TRUE(p.B.out.empty()); /* never an ABORT for an ABORT */
}

TEST(Vtag, AbortWithOwnTagAndTBitIsDiscarded)
{
	Pair p;
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder k(5000, 6000, b->my_vtag);
	k.chunk(FSCTP_CHUNK_ABORT, FSCTP_CHUNK_FLAG_T);
	p.inject(p.B, p.A.addr, k.bytes());
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.B.ctr().fsctp_rx_bad_vtag, 1u);
	/* Own tag, T clear: accepted. */
	PktBuilder ok(5000, 6000, b->my_vtag);
	ok.chunk(FSCTP_CHUNK_ABORT, 0);
	p.inject(p.B, p.A.addr, ok.bytes());
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
}

TEST(Vtag, ShutdownCompleteWithOwnTagAndTBitIsDiscarded)
{
	Pair p;
	p.connect();
	fsctp_assoc *b = p.B.only();
	PktBuilder s(5000, 6000, b->my_vtag);
	fsctp_encode_shutdown(&s.w, b->my_itsn - 1);
	p.inject(p.B, p.A.addr, s.bytes());
	ASSERT_EQ(b->state, FSCTP_SHUTDOWN_ACK_SENT);
	PktBuilder k(5000, 6000, b->my_vtag);
	fsctp_encode_shutdown_complete(&k.w, true);
	p.inject(p.B, p.A.addr, k.bytes());
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
	EXPECT_EQ(p.B.ctr().fsctp_rx_bad_vtag, 1u);
}

TEST(Vtag, ShutdownAckInCookieWaitIsOutOfTheBlue)
{
	Pair p;
	fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	p.A.out.clear();
	PktBuilder k(6000, 5000, 0x77777777);
	k.chunk(FSCTP_CHUNK_SHUTDOWN_ACK, 0);
	p.inject(p.A, p.B.addr, k.bytes());
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "14");
	EXPECT_EQ(x.vtag, 0x77777777u);
	EXPECT_EQ(x.chunks[0].flags, FSCTP_CHUNK_FLAG_T);
	EXPECT_EQ(p.A.only()->state, FSCTP_COOKIE_WAIT);
}

/* ---- 3.2 unknown chunk types ---- */

struct Unknown : ::testing::Test {
	Pair p;
	fsctp_assoc *b = nullptr;
	void SetUp() override
	{
		p.connect();
		b = p.B.only();
	}
	Parsed send(uint8_t type, bool with_error = false)
	{
		PktBuilder k(5000, 6000, b->my_vtag);
		if (with_error)
			k.chunk(FSCTP_CHUNK_ERROR, 0,
				{ 0, 1, 0, 8, 0, 1, 0, 0 });
		k.chunk(type, 0, { 9, 9, 9 });
		k.chunk(FSCTP_CHUNK_HEARTBEAT, 0, { 0, 1, 0, 8, 1, 2, 3, 4 });
		p.inject(p.B, p.A.addr, k.bytes());
		EXPECT_LE(p.B.out.size(), 1u); /* one reply packet at most */
		return p.B.pop();
	}
};

TEST_F(Unknown, Bits00StopSilently)
{
	EXPECT_EQ(send(0x3F).types(), "");
}

TEST_F(Unknown, Bits01StopAndReport)
{
	Parsed x = send(0x7F);
	ASSERT_EQ(x.types(), "9");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_UNRECOGNIZED_CHUNK);
	EXPECT_EQ(x.chunks[0].value[4], 0x7F); /* the chunk itself */
}

TEST_F(Unknown, Bits10SkipSilently)
{
	EXPECT_EQ(send(0xBF).types(), "5");
}

TEST_F(Unknown, Bits11SkipAndReportInTheSamePacket)
{
	Parsed x = send(0xFF);
	EXPECT_EQ(x.types(), "5,9");
	EXPECT_EQ(x.vtag, b->peer_vtag);
}

TEST_F(Unknown, NeverAnErrorInReplyToAnError)
{
	Parsed x = send(0xFF, true);
	EXPECT_EQ(x.types(), "5");
	EXPECT_EQ(p.B.count(FSCTP_EV_REMOTE_ERROR), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_REMOTE_ERROR)->cause,
		  FSCTP_CAUSE_INVALID_STREAM);
}

TEST_F(Unknown, IDataGoesToTheDataPath)
{
	/* Negotiated: I-DATA goes to the data path like DATA (this one is
	 * too short: dropped, the HEARTBEAT behind it answered). */
	b->features = FSCTP_FEAT_IDATA;
	Parsed x = send(FSCTP_CHUNK_I_DATA);
	EXPECT_EQ(x.types(), "5");
	EXPECT_EQ(fsctp_sm_handler_name(FSCTP_CHUNK_I_DATA, FSCTP_ESTABLISHED),
		  std::string("sm_3_2_unknown_chunk"));
}

TEST_F(Unknown, IDataNotNegotiatedIsAProtocolViolation)
{
	/* RFC 8260 2.2: I-DATA on an association without it: ABORT with
	 * Protocol Violation, not the unknown-chunk rule of RFC 9260 3.2. */
	Parsed x = send(FSCTP_CHUNK_I_DATA);
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_PROTOCOL_VIOLATION);
	EXPECT_EQ(p.B.count(FSCTP_EV_COMM_LOST), 1);
}

TEST(Features, OfferAndPeerRoundTrip)
{
	for (uint32_t f = 0; f < 8; f++) {
		fsctp_init_info ii = init_info(1);
		fsctp_feat_offer(f, &ii);
		uint8_t buf[256];
		fsctp_wbuf w;
		fsctp_wbuf_init(&w, buf, sizeof(buf));
		ASSERT_EQ(fsctp_encode_init(&w, false, &ii), 0);
		fsctp_tlv_iter it;
		fsctp_tlv t;
		fsctp_tlv_iter_init(&it, buf, w.len, FSCTP_TLV_CHUNK);
		ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
		fsctp_init_info back;
		ASSERT_EQ(fsctp_decode_init(&t, &back), 0);
		EXPECT_EQ(fsctp_feat_peer(&back), f) << f;
	}
}

TEST_F(Unknown, ErrorSizeIsBounded)
{
	PktBuilder k(5000, 6000, b->my_vtag);
	std::vector<uint8_t> big(300, 1);
	for (int i = 0; i < 4; i++)
		k.chunk(0xFE, 0, big);
	p.inject(p.B, p.A.addr, k.bytes());
	Parsed x = p.B.pop();
	ASSERT_EQ(x.types(), "9");
	EXPECT_LE(x.chunks[0].value.size(), (size_t)FSCTP_ERROR_MAX);
	EXPECT_GE(x.chunks[0].value.size(), 300u);
}

} // namespace
