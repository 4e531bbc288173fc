/* SPDX-License-Identifier: BSD-3-Clause */
/* RFC 9653 zero checksum: the Zero Checksum Acceptable parameter offered
 * only when configured, the feature agreed only on the same EDMID (and kept
 * in the cookie), checksum 0 sent and accepted only on such associations,
 * never on INIT, INIT ACK or COOKIE ECHO, and refused (counted) elsewhere. */
#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_stack_config
zcfg(uint32_t edmid)
{
	fsctp_stack_config c = test_config();
	c.zero_csum_edmid = edmid;
	return c;
}

/* The EDMID of a Zero Checksum Acceptable parameter in the INIT or INIT
 * ACK packet b, or -1 when it has none. */
int64_t
zc_param(const std::vector<uint8_t> &b)
{
	struct fsctp_init_info ii;
	Parsed p = parse(b);
	if (p.chunks.empty() || (p.chunks[0].type != FSCTP_CHUNK_INIT &&
				 p.chunks[0].type != FSCTP_CHUNK_INIT_ACK))
		return -2;
	const std::vector<uint8_t> &v = p.chunks[0].value;
	struct fsctp_tlv t = {};
	t.type = p.chunks[0].type;
	t.value = v.data();
	t.value_len = (uint16_t)v.size();
	if (fsctp_decode_init(&t, &ii) != 0)
		return -3;
	return ii.has_zero_csum ? (int64_t)ii.zero_csum_edmid : -1;
}

uint32_t
csum(const Pkt &p)
{
	return fsctp_rd32(p.b.data() + 8);
}

/* Checksum field 0 with the CRC32c of the rest wrong: what a zero-checksum
 * sender puts on the wire. */
std::vector<uint8_t>
zeroed(std::vector<uint8_t> b)
{
	fsctp_wr32(b.data() + 8, 0);
	return b;
}

} // namespace

TEST(ZeroChecksum, AgreedWhenBothOfferTheSameEdmid)
{
	Pair p(zcfg(1), zcfg(1));
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	/* 5.1: offered in INIT and INIT ACK with the EDMID. */
	ASSERT_GE(p.A.sent_log.size(), 2u);
	ASSERT_GE(p.B.sent_log.size(), 2u);
	EXPECT_EQ(zc_param(p.A.sent_log[0].b), 1);
	EXPECT_EQ(zc_param(p.B.sent_log[0].b), 1);
	/* Both sides agree; B's association came from the cookie. */
	EXPECT_TRUE(p.A.assoc(id)->features & FSCTP_FEAT_ZERO_CSUM);
	ASSERT_NE(p.B.only(), nullptr);
	EXPECT_TRUE(p.B.only()->features & FSCTP_FEAT_ZERO_CSUM);
	/* 5.2: INIT, INIT ACK and COOKIE ECHO carry a correct CRC32c; the
	 * COOKIE ACK, already inside the association, 0. */
	EXPECT_TRUE(fsctp_packet_crc_ok(p.A.sent_log[0].b.data(),
					p.A.sent_log[0].b.size()));
	EXPECT_TRUE(fsctp_packet_crc_ok(p.B.sent_log[0].b.data(),
					p.B.sent_log[0].b.size()));
	EXPECT_TRUE(fsctp_packet_crc_ok(p.A.sent_log[1].b.data(),
					p.A.sent_log[1].b.size()));
	EXPECT_EQ(csum(p.B.sent_log[1]), 0u);

	/* Data both ways, every packet with checksum 0, all accepted. */
	fsctp_sndinfo si{};
	const char m[] = "zero checksum";
	size_t a_before = p.A.sent_log.size();
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, m, sizeof(m), p.now), 0);
	ASSERT_EQ(fsctp_send(p.B.st, p.B.only()->id, &si, m, sizeof(m), p.now),
		  0);
	p.pump();
	p.advance(500000);
	ASSERT_GT(p.A.sent_log.size(), a_before);
	for (size_t i = a_before; i < p.A.sent_log.size(); i++)
		EXPECT_EQ(csum(p.A.sent_log[i]), 0u) << "packet " << i;
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_DATA), 1);
	EXPECT_GE(p.B.ctr().fsctp_rx_zero_csum, 2u);
	EXPECT_GE(p.A.ctr().fsctp_tx_zero_csum, 2u);
	EXPECT_EQ(p.A.ctr().sctpChecksumErrors + p.B.ctr().sctpChecksumErrors,
		  0u);

	/* A packet that is corrupted and has checksum 0 is accepted: that
	 * is the deal (the lower layer checks); a wrong non-zero CRC is
	 * still refused. */
	std::vector<uint8_t> bad = p.A.sent_log.back().b;
	fsctp_wr32(bad.data() + 8, 0x12345678);
	p.inject(p.B, p.A.addr, bad, false);
	EXPECT_EQ(p.B.ctr().sctpChecksumErrors, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_rx_zero_csum_refused, 0u);
}

TEST(ZeroChecksum, NotOfferedWhenNotConfigured)
{
	Pair p(zcfg(1), test_config());
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	EXPECT_EQ(zc_param(p.A.sent_log[0].b), 1);
	EXPECT_EQ(zc_param(p.B.sent_log[0].b), -1) << "B is not configured";
	EXPECT_FALSE(p.A.assoc(id)->features & FSCTP_FEAT_ZERO_CSUM);
	EXPECT_FALSE(p.B.only()->features & FSCTP_FEAT_ZERO_CSUM);
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "x", 1, p.now), 0);
	p.pump();
	for (const Pkt &k : p.A.sent_log)
		EXPECT_TRUE(fsctp_packet_crc_ok(k.b.data(), k.b.size()));
	for (const Pkt &k : p.B.sent_log)
		EXPECT_TRUE(fsctp_packet_crc_ok(k.b.data(), k.b.size()));
	EXPECT_EQ(p.A.ctr().fsctp_tx_zero_csum + p.B.ctr().fsctp_tx_zero_csum,
		  0u);
	/* Neither side offers when neither is configured. */
	Pair q;
	q.connect();
	EXPECT_EQ(zc_param(q.A.sent_log[0].b), -1);
	EXPECT_EQ(zc_param(q.B.sent_log[0].b), -1);
}

TEST(ZeroChecksum, DifferentEdmidsDoNotAgree)
{
	Pair p(zcfg(1), zcfg(2));
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	EXPECT_EQ(zc_param(p.B.sent_log[0].b), 2);
	EXPECT_FALSE(p.A.assoc(id)->features & FSCTP_FEAT_ZERO_CSUM);
	EXPECT_FALSE(p.B.only()->features & FSCTP_FEAT_ZERO_CSUM);
	EXPECT_EQ(p.B.ctr().fsctp_tx_zero_csum, 0u);
}

/* 5.3: checksum 0 on an association that did not agree is a bad
 * checksum: dropped and counted, nothing delivered. */
TEST(ZeroChecksum, ZeroOnANonAgreeingAssociationIsDroppedAndCounted)
{
	Pair p(test_config(), zcfg(1)); /* B would accept, A did not offer */
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "data", 4, p.now), 0);
	ASSERT_EQ(p.A.out.size(), 1u);
	Pkt d = p.A.out.front();
	p.A.out.clear();
	p.inject(p.B, p.A.addr, zeroed(d.b), false);
	EXPECT_EQ(p.B.ctr().fsctp_rx_zero_csum_refused, 1u);
	EXPECT_EQ(p.B.ctr().sctpChecksumErrors, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_rx_zero_csum, 0u);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	/* The same packet with its CRC32c is taken. */
	p.inject(p.B, p.A.addr, d.b, false);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);

	/* A stack not configured at all: a plain checksum error. */
	Pair q;
	fsctp_assoc_id_t qid = q.connect();
	ASSERT_EQ(fsctp_send(q.A.st, qid, &si, "data", 4, q.now), 0);
	Pkt e = q.A.out.front();
	q.A.out.clear();
	q.inject(q.B, q.A.addr, zeroed(e.b), false);
	EXPECT_EQ(q.B.ctr().sctpChecksumErrors, 1u);
	EXPECT_EQ(q.B.ctr().fsctp_rx_zero_csum_refused, 0u);
	EXPECT_EQ(q.B.count(FSCTP_EV_DATA), 0);
}

/* 5.2 / 5.3: an INIT or a COOKIE ECHO with checksum 0 is refused even
 * between two stacks that accept 0 (no association has agreed yet). */
TEST(ZeroChecksum, InitAndCookieEchoNeedTheCrc)
{
	Pair p(zcfg(1), zcfg(1));
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	ASSERT_GT(id, 0);
	Pkt init = p.A.out.front();
	p.A.out.clear();
	p.inject(p.B, p.A.addr, zeroed(init.b), false);
	EXPECT_EQ(p.B.ctr().fsctp_rx_zero_csum_refused, 1u);
	EXPECT_TRUE(p.B.out.empty()) << "no INIT ACK";
	p.inject(p.B, p.A.addr, init.b, false);
	ASSERT_EQ(p.B.out.size(), 1u);
	p.deliver(p.B, p.A, false);
	ASSERT_EQ(p.A.out.size(), 1u);
	Pkt echo = p.A.out.front();
	p.A.out.clear();
	p.inject(p.B, p.A.addr, zeroed(echo.b), false);
	EXPECT_EQ(p.B.ctr().fsctp_rx_zero_csum_refused, 2u);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 0u);
	p.inject(p.B, p.A.addr, echo.b, false);
	EXPECT_EQ(fsctp_stack_assoc_count(p.B.st), 1u);
}

/* Section 4: the parameter is 8 bytes, type 0x8001, one 32-bit EDMID;
 * another length is a malformed INIT. */
TEST(ZeroChecksum, ParameterCodec)
{
	uint8_t buf[128];
	struct fsctp_wbuf w;
	struct fsctp_init_info in = {}, out;
	in.init_tag = 7;
	in.a_rwnd = 65536;
	in.n_out_streams = in.n_in_streams = 1;
	in.initial_tsn = 1;
	in.has_zero_csum = true;
	in.zero_csum_edmid = 0xfedcba98;
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	ASSERT_EQ(fsctp_encode_init(&w, false, &in), 0);
	/* The chunk header, 16 bytes of fixed part, then the parameter. */
	ASSERT_EQ(w.len, 4u + 16u + 8u);
	EXPECT_EQ(fsctp_rd16(buf + 20), 0x8001);
	EXPECT_EQ(fsctp_rd16(buf + 22), 8);
	EXPECT_EQ(fsctp_rd32(buf + 24), 0xfedcba98u);
	struct fsctp_tlv t = {};
	t.type = FSCTP_CHUNK_INIT;
	t.hdr = buf;
	t.value = buf + 4;
	t.value_len = (uint16_t)(w.len - 4);
	t.length = (uint16_t)w.len;
	ASSERT_EQ(fsctp_decode_init(&t, &out), 0);
	EXPECT_TRUE(out.has_zero_csum);
	EXPECT_EQ(out.zero_csum_edmid, 0xfedcba98u);
	/* Length 6: two bytes of EDMID. */
	fsctp_wr16(buf + 22, 6);
	EXPECT_EQ(fsctp_decode_init(&t, &out), -EINVAL);
}
