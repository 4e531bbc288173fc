/* SPDX-License-Identifier: BSD-3-Clause */
/* The bounds-checked TLV iterator and writer (RFC 9260 3.2, 3.2.1). */
#include <gtest/gtest.h>

#include <cerrno>
#include <vector>

#include "fsctp_wire.h"

namespace
{

std::vector<fsctp_tlv>
walk(const std::vector<uint8_t> &b, int *rc,
     fsctp_tlv_kind kind = FSCTP_TLV_CHUNK)
{
	fsctp_tlv_iter it;
	fsctp_tlv t;
	std::vector<fsctp_tlv> out;

	fsctp_tlv_iter_init(&it, b.data(), b.size(), kind);
	while ((*rc = fsctp_tlv_next(&it, &t)) == 1)
		out.push_back(t);
	return out;
}

TEST(Tlv, EmptyBufferEndsCleanly)
{
	int rc;
	std::vector<uint8_t> b;
	EXPECT_TRUE(walk(b, &rc).empty());
	EXPECT_EQ(rc, 0);
}

TEST(Tlv, ChunkLengthsZeroToThreeAreMalformed)
{
	for (uint16_t l = 0; l < 4; l++) {
		int rc;
		std::vector<uint8_t> b = { 1, 0, 0, (uint8_t)l, 0, 0, 0, 0 };
		EXPECT_TRUE(walk(b, &rc).empty()) << "length " << l;
		EXPECT_EQ(rc, -EBADMSG) << "length " << l;
	}
}

TEST(Tlv, LengthPastTheEndIsMalformed)
{
	int rc;
	std::vector<uint8_t> b = { 0, 3, 0, 9, 1, 2, 3, 4 };
	EXPECT_TRUE(walk(b, &rc).empty());
	EXPECT_EQ(rc, -EBADMSG);
}

TEST(Tlv, ShortTrailingHeaderIsMalformed)
{
	int rc;
	std::vector<uint8_t> b = { 11, 0, 0, 4, 11, 0 };
	auto v = walk(b, &rc);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(rc, -EBADMSG);
}

TEST(Tlv, OddLengthWithNonZeroPaddingIsAccepted)
{
	int rc;
	/* A 5-byte chunk padded with junk, then a 4-byte chunk. */
	std::vector<uint8_t> b = { 9,	 0,    0,  5, 0xAA, 0xEE,
				   0xEE, 0xEE, 11, 0, 0,    4 };
	auto v = walk(b, &rc);
	ASSERT_EQ(v.size(), 2u);
	EXPECT_EQ(rc, 0);
	EXPECT_EQ(v[0].type, 9);
	EXPECT_EQ(v[0].value_len, 1);
	EXPECT_EQ(v[1].type, 11);
}

TEST(Tlv, LastTlvMayOmitPadding)
{
	int rc;
	std::vector<uint8_t> b = { 0x80, 0x05, 0, 5, 7 };
	auto v = walk(b, &rc, FSCTP_TLV_PARAM);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(rc, 0);
	EXPECT_EQ(v[0].type, 0x8005);
	EXPECT_EQ(v[0].flags, 0);
}

TEST(Tlv, ErrorIsSticky)
{
	fsctp_tlv_iter it;
	fsctp_tlv t;
	uint8_t b[] = { 1, 0, 0, 2 };
	fsctp_tlv_iter_init(&it, b, sizeof(b), FSCTP_TLV_CHUNK);
	EXPECT_EQ(fsctp_tlv_next(&it, &t), -EBADMSG);
	EXPECT_EQ(fsctp_tlv_next(&it, &t), -EBADMSG);
}

TEST(UnknownType, ChunkUpperTwoBits)
{
	/* RFC 9260 3.2 */
	EXPECT_EQ(fsctp_unknown_chunk_action(0x3F), FSCTP_UNK_STOP);
	EXPECT_EQ(fsctp_unknown_chunk_action(0x40), FSCTP_UNK_STOP_REPORT);
	EXPECT_EQ(fsctp_unknown_chunk_action(0x80), FSCTP_UNK_SKIP);
	EXPECT_EQ(fsctp_unknown_chunk_action(0xC5), FSCTP_UNK_SKIP_REPORT);
}

TEST(UnknownType, ParamUpperTwoBits)
{
	/* RFC 9260 3.2.1 */
	EXPECT_EQ(fsctp_unknown_param_action(0x0100), FSCTP_UNK_STOP);
	EXPECT_EQ(fsctp_unknown_param_action(0x4100), FSCTP_UNK_STOP_REPORT);
	EXPECT_EQ(fsctp_unknown_param_action(0x8100), FSCTP_UNK_SKIP);
	EXPECT_EQ(fsctp_unknown_param_action(0xC100), FSCTP_UNK_SKIP_REPORT);
	EXPECT_TRUE(fsctp_unknown_action_reports(FSCTP_UNK_STOP_REPORT));
	EXPECT_FALSE(fsctp_unknown_action_reports(FSCTP_UNK_SKIP));
	EXPECT_TRUE(fsctp_unknown_action_stops(FSCTP_UNK_STOP));
	EXPECT_FALSE(fsctp_unknown_action_stops(FSCTP_UNK_SKIP_REPORT));
}

TEST(Wbuf, OverflowIsStickyAndNothingWritesPastCap)
{
	uint8_t buf[10];
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, buf, 8);
	buf[8] = 0x5A;
	fsctp_wbuf_tlv_u32(&w, 9, 1000);
	EXPECT_EQ(w.err, 0);
	EXPECT_EQ(w.len, 8u);
	fsctp_wbuf_u16(&w, 1);
	EXPECT_EQ(w.err, -ENOSPC);
	EXPECT_EQ(buf[8], 0x5A);
	EXPECT_EQ(fsctp_wbuf_room(&w), 0u);
}

TEST(Wbuf, ChunkLengthExcludesPadding)
{
	uint8_t buf[16];
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	size_t h = fsctp_wbuf_chunk_begin(&w, FSCTP_CHUNK_ERROR, 0);
	uint8_t one = 7;
	fsctp_wbuf_put(&w, &one, 1);
	fsctp_wbuf_chunk_end(&w, h);
	EXPECT_EQ(w.len, 8u);
	EXPECT_EQ(fsctp_rd16(buf + 2), 5);
	EXPECT_EQ(buf[5], 0);
}

} // namespace

namespace
{

TEST(Wbuf, ChunkLengthExcludesLastParameterPadding)
{
	/* RFC 9260 3.2: Length includes the padding of every parameter but
	 * the last one. */
	uint8_t buf[32];
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	size_t h = fsctp_wbuf_chunk_begin(&w, FSCTP_CHUNK_INIT_ACK, 0);
	uint8_t two[2] = { 0, 5 };
	fsctp_wbuf_tlv(&w, FSCTP_PARAM_SUPPORTED_ADDR_TYPES, two, 2);
	fsctp_wbuf_tlv(&w, FSCTP_PARAM_SUPPORTED_ADDR_TYPES, two, 2);
	fsctp_wbuf_chunk_end(&w, h);
	ASSERT_EQ(w.err, 0);
	EXPECT_EQ(w.len, 4u + 8u + 8u);
	EXPECT_EQ(fsctp_rd16(buf + 2), 4 + 8 + 6);
}

TEST(Wbuf, DataEndingInZeroBytesKeepsItsLength)
{
	uint8_t buf[16];
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	size_t h = fsctp_wbuf_chunk_begin(&w, FSCTP_CHUNK_DATA, 3);
	uint8_t zeros[6] = { 0 };
	fsctp_wbuf_put(&w, zeros, sizeof(zeros));
	fsctp_wbuf_chunk_end(&w, h);
	EXPECT_EQ(fsctp_rd16(buf + 2), 10);
	EXPECT_EQ(w.len, 12u);
}

} // namespace
