/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf chain helpers, without EAL: chains are struct rte_mbuf laid by hand
 * over static buffers, split at every point of a 1500-byte packet.
 */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <rte_mbuf.h>

#include "fsctp_crc32c.h"
#include "fsctp_mbuf.h"

namespace
{

constexpr uint32_t pkt_size = 1500;
constexpr size_t max_segs = 4;
constexpr size_t seg_buf = 2048 + RTE_PKTMBUF_HEADROOM + 16;

struct chain {
	struct rte_mbuf m[max_segs];
	alignas(64) uint8_t buf[max_segs][seg_buf];
};

chain ch;
uint8_t pkt[pkt_size];
/* Never used for allocation: rte_mbuf_check() only wants a pool set. */
struct rte_mempool fake_pool;

void
fill_packet()
{
	uint64_t s = 0x243f6a8885a308d3ull;

	for (auto &b : pkt) {
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		b = (uint8_t)(s >> 32);
	}
}

/*
 * Lay segments of the given lengths over the static buffers, each at a
 * different data_off so the data starts at varied alignments.
 */
struct rte_mbuf *
make_chain(const std::vector<uint32_t> &lens, const uint8_t *data)
{
	uint32_t total = 0;
	size_t n = lens.size();

	for (size_t i = 0; i < n; i++) {
		struct rte_mbuf *m = &ch.m[i];

		memset(m, 0, sizeof(*m));
		m->pool = &fake_pool;
		m->buf_addr = ch.buf[i];
		m->buf_iova = (rte_iova_t)(uintptr_t)ch.buf[i];
		m->buf_len = (uint16_t)seg_buf;
		m->data_off = (uint16_t)(RTE_PKTMBUF_HEADROOM + i * 3);
		m->data_len = (uint16_t)lens[i];
		m->nb_segs = 1;
		rte_mbuf_refcnt_set(m, 1);
		m->next = i + 1 < n ? &ch.m[i + 1] : nullptr;
		memcpy(rte_pktmbuf_mtod(m, uint8_t *), data + total, lens[i]);
		total += lens[i];
	}
	ch.m[0].nb_segs = (uint16_t)n;
	ch.m[0].pkt_len = total;
	return &ch.m[0];
}

uint32_t
flat_crc(uint32_t off, uint32_t len)
{
	return fsctp_crc32c_sw(FSCTP_CRC32C_INIT, pkt + off, len);
}

} // namespace

TEST(Mbuf, HandLaidChainIsConsistent)
{
	fill_packet();
	struct rte_mbuf *m = make_chain({ 500, 600, 400 }, pkt);
	const char *reason = nullptr;

	EXPECT_EQ(rte_mbuf_check(m, 1, &reason), 0) << (reason ? reason : "");
	EXPECT_EQ(rte_pktmbuf_pkt_len(m), pkt_size);
}

TEST(Mbuf, CrcAndLinearizeEveryTwoSegmentSplit)
{
	static uint8_t out[pkt_size];
	uint32_t whole = flat_crc(0, pkt_size), body = flat_crc(12, 1488);

	fill_packet();
	whole = flat_crc(0, pkt_size);
	body = flat_crc(12, 1488);
	for (uint32_t s = 0; s <= pkt_size; s++) {
		struct rte_mbuf *m = make_chain({ s, pkt_size - s }, pkt);

		ASSERT_EQ(fsctp_crc32c_mbuf(m, 0, pkt_size, FSCTP_CRC32C_INIT),
			  whole)
			<< "split " << s;
		ASSERT_EQ(fsctp_crc32c_mbuf(m, 12, 1488, FSCTP_CRC32C_INIT),
			  body)
			<< "split " << s;
		memset(out, 0, sizeof(out));
		ASSERT_EQ(
			fsctp_mbuf_linearize(m, 0, pkt_size, out, sizeof(out)),
			0);
		ASSERT_EQ(memcmp(out, pkt, pkt_size), 0) << "split " << s;
	}
}

TEST(Mbuf, CrcAndLinearizeEveryThreeSegmentSplit)
{
	static uint8_t out[pkt_size];

	fill_packet();
	const uint32_t whole = flat_crc(0, pkt_size);
	const uint32_t mid = flat_crc(700, 100);

	for (uint32_t a = 1; a < pkt_size; a++) {
		for (uint32_t b = a + 1; b < pkt_size; b++) {
			struct rte_mbuf *m =
				make_chain({ a, b - a, pkt_size - b }, pkt);

			ASSERT_EQ(fsctp_crc32c_mbuf(m, 0, pkt_size,
						    FSCTP_CRC32C_INIT),
				  whole)
				<< "splits " << a << " " << b;
			ASSERT_EQ(fsctp_crc32c_mbuf(m, 700, 100,
						    FSCTP_CRC32C_INIT),
				  mid)
				<< "splits " << a << " " << b;
			ASSERT_EQ(fsctp_mbuf_linearize(m, 0, pkt_size, out,
						       sizeof(out)),
				  0);
			ASSERT_EQ(memcmp(out, pkt, pkt_size), 0)
				<< "splits " << a << " " << b;
		}
	}
}

TEST(Mbuf, SubRangeEveryOffset)
{
	uint8_t out[64];

	fill_packet();
	struct rte_mbuf *m = make_chain({ 100, 1, 99, 1300 }, pkt);

	for (uint32_t off = 0; off + 64 <= pkt_size; off++) {
		ASSERT_EQ(fsctp_mbuf_linearize(m, off, 64, out, sizeof(out)),
			  0);
		ASSERT_EQ(memcmp(out, pkt + off, 64), 0) << "off " << off;
		ASSERT_EQ(fsctp_crc32c_mbuf(m, off, 64, FSCTP_CRC32C_INIT),
			  flat_crc(off, 64))
			<< "off " << off;
	}
}

TEST(Mbuf, ReadDirectWhenContiguous)
{
	uint8_t scratch[200];

	fill_packet();
	struct rte_mbuf *m = make_chain({ 500, 600, 400 }, pkt);

	/* Inside the first, second and third segment: pointers into them. */
	EXPECT_EQ(fsctp_mbuf_read(m, 10, 100, scratch),
		  rte_pktmbuf_mtod_offset(&ch.m[0], const void *, 10));
	EXPECT_EQ(fsctp_mbuf_read(m, 500, 600, nullptr),
		  rte_pktmbuf_mtod(&ch.m[1], const void *));
	EXPECT_EQ(fsctp_mbuf_read(m, 1400, 100, scratch),
		  rte_pktmbuf_mtod_offset(&ch.m[2], const void *, 300));
	/* Across a boundary: copied into scratch. */
	const void *p = fsctp_mbuf_read(m, 450, 100, scratch);
	EXPECT_EQ(p, (const void *)scratch);
	EXPECT_EQ(memcmp(scratch, pkt + 450, 100), 0);
	p = fsctp_mbuf_read(m, 1050, 100, scratch);
	EXPECT_EQ(p, (const void *)scratch);
	EXPECT_EQ(memcmp(scratch, pkt + 1050, 100), 0);
	/* Spanning needs scratch. */
	EXPECT_EQ(fsctp_mbuf_read(m, 450, 100, nullptr), nullptr);
	/* Zero length, and the last byte. */
	EXPECT_NE(fsctp_mbuf_read(m, pkt_size, 0, nullptr), nullptr);
	p = fsctp_mbuf_read(m, pkt_size - 1, 1, scratch);
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(*(const uint8_t *)p, pkt[pkt_size - 1]);
}

TEST(Mbuf, ErrorCases)
{
	uint8_t out[pkt_size];

	fill_packet();
	struct rte_mbuf *m = make_chain({ 700, 800 }, pkt);

	EXPECT_EQ(fsctp_mbuf_linearize(m, 0, pkt_size, out, pkt_size - 1),
		  -EMSGSIZE);
	EXPECT_EQ(fsctp_mbuf_linearize(m, 1, pkt_size, out, sizeof(out)),
		  -EINVAL);
	EXPECT_EQ(fsctp_mbuf_linearize(m, pkt_size + 1, 0, out, sizeof(out)),
		  -EINVAL);
	EXPECT_EQ(fsctp_mbuf_linearize(m, UINT32_MAX, 2, out, sizeof(out)),
		  -EINVAL);
	EXPECT_EQ(fsctp_mbuf_linearize(nullptr, 0, 1, out, sizeof(out)),
		  -EINVAL);
	EXPECT_EQ(fsctp_mbuf_linearize(m, 0, 1, nullptr, 0), -EINVAL);
	EXPECT_EQ(fsctp_mbuf_linearize(m, pkt_size, 0, out, 0), 0);
	EXPECT_EQ(fsctp_mbuf_read(m, 1, pkt_size, out), nullptr);
	EXPECT_EQ(fsctp_mbuf_read(m, UINT32_MAX, 2, out), nullptr);
	EXPECT_EQ(fsctp_mbuf_read(nullptr, 0, 1, out), nullptr);
	EXPECT_EQ(fsctp_crc32c_mbuf(m, 0, 0, 0x1234u), 0x1234u);
}

/* A pkt_len larger than its segments never leads to a read past them. */
TEST(Mbuf, LyingPktLenStaysInsideSegments)
{
	uint8_t out[pkt_size];

	fill_packet();
	struct rte_mbuf *m = make_chain({ 700, 800 }, pkt);

	m->pkt_len = pkt_size + 100;
	memset(out, 0, sizeof(out));
	EXPECT_EQ(fsctp_mbuf_linearize(m, 0, pkt_size + 100, out,
				       sizeof(out) + 100),
		  -EINVAL);
	EXPECT_EQ(fsctp_mbuf_read(m, 600, 1000, out), nullptr);
	EXPECT_EQ(fsctp_mbuf_read(m, 1600, 1, out), nullptr);
	EXPECT_EQ(fsctp_crc32c_mbuf(m, 0, pkt_size + 100, FSCTP_CRC32C_INIT),
		  flat_crc(0, pkt_size));
}
