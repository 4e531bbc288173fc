/* SPDX-License-Identifier: BSD-3-Clause */
/* Receive-side TSN map and SACK generation (RFC 9260 6.2, 6.7). */
#include <gtest/gtest.h>

#include <vector>

#include "fsctp_chunk.h"
#include "fsctp_tsnmap.h"

namespace
{

struct fsctp_tsnmap
make(uint32_t itsn, uint32_t window = 0, uint32_t freq = 2,
     fsctp_time_t delay = 200000)
{
	struct fsctp_tsnmap m;
	struct fsctp_tsnmap_config c = {};

	c.initial_tsn = itsn;
	c.window = window;
	c.sack_freq = freq;
	c.sack_delay = delay;
	EXPECT_EQ(fsctp_tsnmap_init(&m, &c), 0);
	return m;
}

/* Frees a map's gap bitmap at the end of a test. */
struct MapFini {
	struct fsctp_tsnmap *m;
	~MapFini()
	{
		fsctp_tsnmap_fini(m);
	}
};

bool
rx(struct fsctp_tsnmap *m, uint32_t tsn)
{
	if (fsctp_tsnmap_check(m, tsn) != FSCTP_TSN_NEW)
		return false;
	return fsctp_tsnmap_mark(m, tsn) == 0;
}

std::vector<std::pair<int, int>>
gaps(const struct fsctp_tsnmap *m)
{
	struct fsctp_sack_gap g[32];
	uint16_t n = fsctp_tsnmap_gaps(m, g, 32);
	std::vector<std::pair<int, int>> v;

	for (uint16_t i = 0; i < n; i++)
		v.push_back({ g[i].start, g[i].end });
	return v;
}

} // namespace

TEST(TsnMap, InitRejectsBadConfig)
{
	struct fsctp_tsnmap m;
	struct fsctp_tsnmap_config c = {};

	c.window = 1000; /* not a power of two */
	EXPECT_EQ(fsctp_tsnmap_init(&m, &c), -EINVAL);
	c.window = FSCTP_TSNMAP_MAX_WINDOW * 2;
	EXPECT_EQ(fsctp_tsnmap_init(&m, &c), -EINVAL);
	c.window = 0;
	c.sack_delay = 500001; /* RFC 9260 6.2: at most 500 ms */
	EXPECT_EQ(fsctp_tsnmap_init(&m, &c), -EINVAL);
	EXPECT_EQ(fsctp_tsnmap_init(NULL, &c), -EINVAL);
}

/* RFC 9260 6.2: cum TSN starts at initial TSN - 1 and advances in
 * sequence; across the 2^32 wrap. */
TEST(TsnMap, CumAdvanceAcrossWrap)
{
	struct fsctp_tsnmap m = make(0xFFFFFF00u);
	MapFini fin{ &m };

	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 0xFFFFFEFFu);
	for (uint32_t i = 0; i < 0x200; i++)
		ASSERT_TRUE(rx(&m, 0xFFFFFF00u + i)) << i;
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 0xFFu);
	EXPECT_EQ(fsctp_tsnmap_gap_count(&m), 0);
}

/* RFC 9260 6.7: gap ack blocks relative to the cum TSN, with holes, across
 * the wrap. */
TEST(TsnMap, GapBlocksWithHolesAcrossWrap)
{
	struct fsctp_tsnmap m = make(0xFFFFFFFEu);
	MapFini fin{ &m };

	ASSERT_TRUE(rx(&m, 0xFFFFFFFEu)); /* cum = FFFFFFFE */
	ASSERT_TRUE(rx(&m, 0x00000000u)); /* +2 */
	ASSERT_TRUE(rx(&m, 0x00000001u)); /* +3 */
	ASSERT_TRUE(rx(&m, 0x00000004u)); /* +6 */
	ASSERT_TRUE(rx(&m, 0x00000006u)); /* +8 */
	ASSERT_TRUE(rx(&m, 0x00000007u)); /* +9 */
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 0xFFFFFFFEu);
	EXPECT_EQ(fsctp_tsnmap_highest(&m), 7u);
	auto v = gaps(&m);
	ASSERT_EQ(v.size(), 3u);
	EXPECT_EQ(v[0], std::make_pair(2, 3));
	EXPECT_EQ(v[1], std::make_pair(6, 6));
	EXPECT_EQ(v[2], std::make_pair(8, 9));
	/* Fill the first hole: cum jumps over the first block. */
	ASSERT_TRUE(rx(&m, 0xFFFFFFFFu));
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 1u);
	v = gaps(&m);
	ASSERT_EQ(v.size(), 2u);
	EXPECT_EQ(v[0], std::make_pair(3, 3));
	EXPECT_EQ(v[1], std::make_pair(5, 6));
	ASSERT_TRUE(rx(&m, 2));
	ASSERT_TRUE(rx(&m, 3));
	ASSERT_TRUE(rx(&m, 5));
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 7u);
	EXPECT_EQ(fsctp_tsnmap_gap_count(&m), 0);
	/* A small out array gets the lowest blocks only. */
	ASSERT_TRUE(rx(&m, 9));
	ASSERT_TRUE(rx(&m, 11));
	struct fsctp_sack_gap g[1];
	EXPECT_EQ(fsctp_tsnmap_gaps(&m, g, 1), 1);
	EXPECT_EQ(g[0].start, 2);
	EXPECT_EQ(g[0].end, 2);
}

/* RFC 9260 6.2: duplicates below and above the cum TSN are reported. */
TEST(TsnMap, Duplicates)
{
	struct fsctp_tsnmap m = make(100);
	MapFini fin{ &m };
	fsctp_time_t dl;

	ASSERT_TRUE(rx(&m, 100));
	ASSERT_TRUE(rx(&m, 102));
	fsctp_tsnmap_packet_done(&m, false, 0, &dl);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 100), FSCTP_TSN_DUP);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 102), FSCTP_TSN_DUP);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 50), FSCTP_TSN_DUP);
	EXPECT_EQ(fsctp_tsnmap_mark(&m, 102), -EINVAL);
	EXPECT_EQ(fsctp_tsnmap_mark(&m, 99), -EINVAL);
	/* A packet of only duplicates: SACK at once (MUST). */
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 0, &dl), FSCTP_SACK_NOW);
	EXPECT_EQ(m.n_dups, 3u);
	EXPECT_EQ(m.stats.n_dup, 3u);
}

TEST(TsnMap, DupListBounded)
{
	struct fsctp_tsnmap m = make(1);
	MapFini fin{ &m };

	ASSERT_TRUE(rx(&m, 1));
	for (uint32_t i = 0; i < FSCTP_TSNMAP_MAX_DUPS + 5; i++)
		EXPECT_EQ(fsctp_tsnmap_check(&m, 1), FSCTP_TSN_DUP);
	EXPECT_EQ(m.n_dups, FSCTP_TSNMAP_MAX_DUPS);
	EXPECT_EQ(m.stats.n_dup_overflow, 5u);
}

TEST(TsnMap, OutOfWindowDropped)
{
	struct fsctp_tsnmap m = make(0xFFFFFFF0u, 64);
	MapFini fin{ &m };

	EXPECT_EQ(fsctp_tsnmap_check(&m, 0xFFFFFFF0u + 63), FSCTP_TSN_NEW);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 0xFFFFFFF0u + 64),
		  FSCTP_TSN_OUT_OF_WINDOW);
	EXPECT_EQ(fsctp_tsnmap_mark(&m, 0xFFFFFFF0u + 64), -EINVAL);
	EXPECT_EQ(m.stats.n_out_of_window, 1u);
	/* Slot aliasing: after the window slides the slot is free again. */
	ASSERT_TRUE(rx(&m, 0xFFFFFFF0u + 63));
	for (uint32_t i = 0; i < 63; i++)
		ASSERT_TRUE(rx(&m, 0xFFFFFFF0u + i));
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 0xFFFFFFF0u + 63);
	EXPECT_TRUE(rx(&m, 0xFFFFFFF0u + 64 + 63));
	EXPECT_EQ(fsctp_tsnmap_gap_count(&m), 1);
}

/* RFC 9260 6.2: delayed SACK every 2nd packet or after sack_delay. */
TEST(TsnMap, DelayedSack)
{
	struct fsctp_tsnmap m = make(1, 0, 2, 200000);
	MapFini fin{ &m };
	fsctp_time_t dl = 0;

	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 10, &dl),
		  FSCTP_SACK_NONE);
	ASSERT_TRUE(rx(&m, 1));
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 1000, &dl),
		  FSCTP_SACK_DELAYED);
	EXPECT_EQ(dl, 201000u);
	ASSERT_TRUE(rx(&m, 2));
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 5000, &dl),
		  FSCTP_SACK_NOW);
	fsctp_tsnmap_sack_sent(&m, 1000);
	ASSERT_TRUE(rx(&m, 3));
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 9000, &dl),
		  FSCTP_SACK_DELAYED);
	EXPECT_EQ(dl, 209000u); /* deadline from the first unacked arrival */
	/* sack_freq = 3 */
	m = make(1, 0, 3, 100000);
	for (uint32_t t = 1; t <= 2; t++) {
		ASSERT_TRUE(rx(&m, t));
		EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, t, &dl),
			  FSCTP_SACK_DELAYED);
	}
	ASSERT_TRUE(rx(&m, 3));
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 3, &dl), FSCTP_SACK_NOW);
}

/* RFC 9260 6.7 and RFC 7053: immediate SACK for a gap, a filled gap and the
 * I bit. */
TEST(TsnMap, ImmediateCases)
{
	struct fsctp_tsnmap m = make(1);
	MapFini fin{ &m };
	fsctp_time_t dl;

	ASSERT_TRUE(rx(&m, 1));
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, true, 0, &dl), FSCTP_SACK_NOW);
	fsctp_tsnmap_sack_sent(&m, 1);
	ASSERT_TRUE(rx(&m, 3)); /* gap appears */
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 0, &dl), FSCTP_SACK_NOW);
	fsctp_tsnmap_sack_sent(&m, 1);
	ASSERT_TRUE(rx(&m, 2)); /* gap filled */
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 0, &dl), FSCTP_SACK_NOW);
	fsctp_tsnmap_sack_sent(&m, 1);
	ASSERT_TRUE(rx(&m, 4)); /* in sequence again: delayed */
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 0, &dl),
		  FSCTP_SACK_DELAYED);
}

/* RFC 9260 6.2: a dropped new chunk gets an immediate SACK. */
TEST(TsnMap, DroppedChunkSacksAtOnce)
{
	struct fsctp_tsnmap m = make(1);
	MapFini fin{ &m };
	fsctp_time_t dl;

	ASSERT_TRUE(rx(&m, 1));
	EXPECT_EQ(fsctp_tsnmap_check(&m, 2), FSCTP_TSN_NEW);
	fsctp_tsnmap_dropped(&m); /* not marked */
	EXPECT_EQ(fsctp_tsnmap_packet_done(&m, false, 0, &dl), FSCTP_SACK_NOW);
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 1u);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 2), FSCTP_TSN_NEW); /* retransmit */
}

/* RFC 9260 6.2: window update after the window was closed. */
TEST(TsnMap, WindowUpdate)
{
	struct fsctp_tsnmap m = make(1);
	MapFini fin{ &m };

	fsctp_tsnmap_sack_sent(&m, 0);
	EXPECT_FALSE(fsctp_tsnmap_window_update(&m, 1000, 1500));
	EXPECT_TRUE(fsctp_tsnmap_window_update(&m, 1500, 1500));
	fsctp_tsnmap_sack_sent(&m, 5000);
	EXPECT_FALSE(fsctp_tsnmap_window_update(&m, 9000, 1500));
}

/* RFC 9260 3.3.4: the SACK chunk on the wire, fitted to a byte budget. */
TEST(TsnMap, WriteSackBudget)
{
	struct fsctp_tsnmap m = make(0xFFFFFFFFu);
	MapFini fin{ &m };
	uint8_t buf[256];
	struct fsctp_wbuf w;

	ASSERT_TRUE(rx(&m, 0xFFFFFFFFu));
	ASSERT_TRUE(rx(&m, 2)); /* gap 3..3 */
	ASSERT_TRUE(rx(&m, 4)); /* gap 5..5 */
	ASSERT_TRUE(rx(&m, 6)); /* gap 7..7 */
	EXPECT_EQ(fsctp_tsnmap_check(&m, 4), FSCTP_TSN_DUP);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 0xFFFFFFF0u), FSCTP_TSN_DUP);

	fsctp_wbuf_init(&w, buf, sizeof(buf));
	EXPECT_EQ(fsctp_tsnmap_write_sack(&m, &w, 1234, 15), -ENOSPC);
	EXPECT_EQ(w.len, 0u);
	/* 16 + 2 gaps: room for two gap blocks, no dup */
	EXPECT_EQ(fsctp_tsnmap_write_sack(&m, &w, 1234, 27), 0);
	ASSERT_EQ(w.len, 24u);
	EXPECT_EQ(buf[0], FSCTP_CHUNK_SACK);
	EXPECT_EQ(fsctp_rd16(buf + 2), 24);
	EXPECT_EQ(fsctp_rd32(buf + 4), 0xFFFFFFFFu);
	EXPECT_EQ(fsctp_rd32(buf + 8), 1234u);
	EXPECT_EQ(fsctp_rd16(buf + 12), 2);
	EXPECT_EQ(fsctp_rd16(buf + 14), 0);
	EXPECT_EQ(fsctp_rd16(buf + 16), 3);
	EXPECT_EQ(fsctp_rd16(buf + 18), 3);
	EXPECT_EQ(fsctp_rd16(buf + 20), 5);
	EXPECT_EQ(fsctp_rd16(buf + 22), 5);
	EXPECT_EQ(m.stats.n_gap_truncated, 1u);
	EXPECT_EQ(m.n_dups, 0u); /* cleared by the SACK */

	/* The chunk codec reads it back. */
	struct fsctp_tlv_iter it;
	struct fsctp_tlv tlv;
	struct fsctp_sack_info si;
	uint16_t gs, ge;
	fsctp_tlv_iter_init(&it, buf, w.len, FSCTP_TLV_CHUNK);
	ASSERT_EQ(fsctp_tlv_next(&it, &tlv), 1);
	ASSERT_EQ(fsctp_decode_sack(&tlv, &si), 0);
	EXPECT_EQ(si.cum_tsn_ack, 0xFFFFFFFFu);
	EXPECT_EQ(si.a_rwnd, 1234u);
	ASSERT_EQ(si.n_gap_blocks, 2);
	ASSERT_EQ(fsctp_sack_gap(&si, 1, &gs, &ge), 0);
	EXPECT_EQ(gs, 5);
	EXPECT_EQ(ge, 5);

	/* Full budget: three gaps and a dup. */
	EXPECT_EQ(fsctp_tsnmap_check(&m, 2), FSCTP_TSN_DUP);
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	EXPECT_EQ(fsctp_tsnmap_write_sack(&m, &w, 0, 1500), 0);
	ASSERT_EQ(w.len, 32u);
	EXPECT_EQ(fsctp_rd16(buf + 12), 3);
	EXPECT_EQ(fsctp_rd16(buf + 14), 1);
	EXPECT_EQ(fsctp_rd32(buf + 28), 2u);
}

/* RFC 9260 6.7: the gap bitmap exists only once a TSN arrives above a
 * gap. In sequence (an association that only ever receives in order, or
 * nothing) the map holds no bitmap and acknowledges the same; a gap
 * allocates it, gap blocks and the fill behave as before, and a copy of a
 * map taken before then is independent. */
TEST(TsnMap, GapBitmapOnlyOnceAGapAppears)
{
	struct fsctp_tsnmap idle = make(1000);
	MapFini fi{ &idle };
	EXPECT_EQ(idle.bits, nullptr);
	EXPECT_EQ(fsctp_tsnmap_gap_count(&idle), 0);
	EXPECT_EQ(fsctp_tsnmap_check(&idle, 999), FSCTP_TSN_DUP);
	EXPECT_EQ(idle.bits, nullptr);

	struct fsctp_tsnmap m = make(1);
	MapFini fin{ &m };
	for (uint32_t t = 1; t <= 1000; t++)
		ASSERT_TRUE(rx(&m, t)) << t;
	EXPECT_EQ(m.bits, nullptr);
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 1000u);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 1000), FSCTP_TSN_DUP);
	EXPECT_EQ(fsctp_tsnmap_check(&m, 1001 + FSCTP_TSNMAP_MAX_WINDOW),
		  FSCTP_TSN_OUT_OF_WINDOW);
	EXPECT_EQ(m.bits, nullptr);
	/* 1001 lost: 1002 and 1004 above the gap. */
	ASSERT_TRUE(rx(&m, 1002));
	ASSERT_NE(m.bits, nullptr);
	ASSERT_TRUE(rx(&m, 1004));
	EXPECT_EQ(fsctp_tsnmap_check(&m, 1002), FSCTP_TSN_DUP);
	std::vector<std::pair<int, int>> want = { { 2, 2 }, { 4, 4 } };
	EXPECT_EQ(gaps(&m), want);
	ASSERT_TRUE(rx(&m, 1001));
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 1002u);
	ASSERT_TRUE(rx(&m, 1003));
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 1004u);
	EXPECT_EQ(fsctp_tsnmap_gap_count(&m), 0);
	EXPECT_EQ(m.stats.n_nomem, 0u);
	/* Without its bitmap again and no gap open, the map goes on. */
	fsctp_tsnmap_fini(&m);
	EXPECT_EQ(m.bits, nullptr);
	ASSERT_TRUE(rx(&m, 1005));
	EXPECT_EQ(m.bits, nullptr);
	ASSERT_TRUE(rx(&m, 1007));
	EXPECT_NE(m.bits, nullptr);
	EXPECT_EQ(fsctp_tsnmap_cum_tsn(&m), 1005u);
}
