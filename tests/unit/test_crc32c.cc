/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC32c (RFC 9260 section 6.8 and Appendix A): the RFC 3720 B.4 vectors,
 * the fast path against the portable one, and the packet helpers on real
 * packets captured from usrsctp.
 */
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <vector>

#include "fsctp_crc32c.h"

#ifndef FSCTP_TEST_DATA_DIR
#error "FSCTP_TEST_DATA_DIR must name tests/data"
#endif

namespace
{

typedef uint32_t (*crc_fn)(uint32_t, const void *, size_t);

const crc_fn impls[] = { fsctp_crc32c, fsctp_crc32c_sw, fsctp_crc32c_hw };

uint32_t
full(crc_fn f, const void *buf, size_t len)
{
	return f(FSCTP_CRC32C_INIT, buf, len) ^ FSCTP_CRC32C_XOROUT;
}

/* xorshift64: deterministic pseudo-random test data. */
struct rng {
	uint64_t s;
	uint8_t next()
	{
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		return (uint8_t)(s >> 24);
	}
};

std::vector<uint8_t>
random_bytes(size_t n, uint64_t seed)
{
	rng r{ seed };
	std::vector<uint8_t> v(n);

	for (auto &b : v)
		b = r.next();
	return v;
}

} // namespace

/* RFC 3720 B.4 (iSCSI uses the same CRC32c as RFC 9260 Appendix A). */
TEST(Crc32c, Rfc3720Vectors)
{
	uint8_t buf[32];
	static const uint8_t pdu[48] = {
		0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00,
		0x00, 0x18, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	};

	for (crc_fn f : impls) {
		memset(buf, 0, sizeof(buf));
		EXPECT_EQ(full(f, buf, 32), 0x8a9136aau);
		memset(buf, 0xff, sizeof(buf));
		EXPECT_EQ(full(f, buf, 32), 0x62a8ab43u);
		for (int i = 0; i < 32; i++)
			buf[i] = (uint8_t)i;
		EXPECT_EQ(full(f, buf, 32), 0x46dd794eu);
		for (int i = 0; i < 32; i++)
			buf[i] = (uint8_t)(31 - i);
		EXPECT_EQ(full(f, buf, 32), 0x113fdb5cu);
		EXPECT_EQ(full(f, pdu, sizeof(pdu)), 0xd9963a56u);
		EXPECT_EQ(full(f, "123456789", 9), 0xe3069283u);
	}
}

TEST(Crc32c, EmptyIsIdentity)
{
	for (crc_fn f : impls) {
		EXPECT_EQ(f(0x12345678u, nullptr, 0), 0x12345678u);
		EXPECT_EQ(full(f, nullptr, 0), 0u);
	}
}

/* A raw update may be fed in pieces: every split gives the same CRC. */
TEST(Crc32c, PiecewiseEqualsWhole)
{
	auto v = random_bytes(700, 7);
	uint32_t whole = fsctp_crc32c_sw(FSCTP_CRC32C_INIT, v.data(), v.size());

	for (size_t cut = 0; cut <= v.size(); cut++) {
		for (crc_fn f : impls) {
			uint32_t c = f(FSCTP_CRC32C_INIT, v.data(), cut);

			c = f(c, v.data() + cut, v.size() - cut);
			ASSERT_EQ(c, whole) << "cut " << cut;
		}
	}
}

TEST(Crc32c, FastMatchesPortableEveryLength)
{
	if (!fsctp_crc32c_hw_available())
		GTEST_SKIP()
			<< "no SSE4.2+PCLMULQDQ: the fast path is the table";
	auto v = random_bytes(4096, 0x9e3779b97f4a7c15ull);

	for (size_t len = 0; len <= 4096; len++) {
		uint32_t seed = (uint32_t)(len * 2654435761u);

		ASSERT_EQ(fsctp_crc32c_hw(seed, v.data(), len),
			  fsctp_crc32c_sw(seed, v.data(), len))
			<< "len " << len;
		ASSERT_EQ(fsctp_crc32c(seed, v.data() + 4096 - len, len),
			  fsctp_crc32c_sw(seed, v.data() + 4096 - len, len))
			<< "len " << len;
	}
}

TEST(Crc32c, FastMatchesPortableEveryAlignment)
{
	if (!fsctp_crc32c_hw_available())
		GTEST_SKIP()
			<< "no SSE4.2+PCLMULQDQ: the fast path is the table";
	static const size_t lens[] = { 1,    7,	   8,	 15,   63,   64,
				       191,  192,  193,	 1500, 3071, 3072,
				       3073, 4096, 9000, 65535 };
	auto v = random_bytes(65535 + 16, 42);

	for (size_t len : lens)
		for (size_t al = 0; al < 16; al++)
			ASSERT_EQ(fsctp_crc32c_hw(FSCTP_CRC32C_INIT,
						  v.data() + al, len),
				  fsctp_crc32c_sw(FSCTP_CRC32C_INIT,
						  v.data() + al, len))
				<< "len " << len << " align " << al;
}

TEST(Crc32c, ImplName)
{
	const char *n = fsctp_crc32c_impl_name();

	ASSERT_NE(n, nullptr);
	if (fsctp_crc32c_hw_available())
		EXPECT_STREQ(n, "sse42-pclmul-3way");
	else
		EXPECT_STREQ(n, "sw-slice8");
}

namespace
{

/*
 * The SCTP packets of a pcapng capture on an Ethernet link (link type 1)
 * carrying IPv4. Enough of pcapng to read Enhanced Packet Blocks.
 */
std::vector<std::vector<uint8_t>>
read_sctp_packets(const char *path)
{
	std::vector<std::vector<uint8_t>> out;
	std::vector<uint8_t> d;
	FILE *f = fopen(path, "rb");
	uint8_t tmp[4096];
	size_t n;

	if (f == nullptr)
		return out;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		d.insert(d.end(), tmp, tmp + n);
	fclose(f);

	auto le32 = [&](size_t o) {
		return (uint32_t)d[o] | (uint32_t)d[o + 1] << 8 |
		       (uint32_t)d[o + 2] << 16 | (uint32_t)d[o + 3] << 24;
	};
	size_t o = 0;
	while (o + 12 <= d.size()) {
		uint32_t type = le32(o), blen = le32(o + 4);

		if (blen < 12 || o + blen > d.size())
			break;
		if (type == 6 && blen >= 28) { /* Enhanced Packet Block */
			uint32_t cap = le32(o + 20);
			const uint8_t *eth = &d[o + 28];

			if (cap <= blen - 28 && cap >= 14 + 20 &&
			    eth[12] == 0x08 && eth[13] == 0x00) {
				const uint8_t *ip = eth + 14;
				size_t ihl = (size_t)(ip[0] & 0x0f) * 4;
				size_t tot = (size_t)ip[2] << 8 | ip[3];

				if (ip[9] == 132 && ihl >= 20 && tot > ihl &&
				    14 + tot <= cap)
					out.emplace_back(ip + ihl, ip + tot);
			}
		}
		o += blen;
	}
	return out;
}

} // namespace

TEST(Crc32cPacket, UsrsctpCaptureAllValid)
{
	auto pkts = read_sctp_packets(FSCTP_TEST_DATA_DIR
				      "/usrsctp-tsctp-ipv4.pcap");

	ASSERT_EQ(pkts.size(), 225u);
	for (size_t i = 0; i < pkts.size(); i++)
		EXPECT_TRUE(fsctp_packet_crc_ok(pkts[i].data(), pkts[i].size()))
			<< "packet " << i;
}

/* RFC 9260 Appendix A byte order: set_crc reproduces usrsctp's bytes. */
TEST(Crc32cPacket, SetCrcReproducesCapture)
{
	auto pkts = read_sctp_packets(FSCTP_TEST_DATA_DIR
				      "/usrsctp-tsctp-ipv4.pcap");

	ASSERT_FALSE(pkts.empty());
	for (size_t i = 0; i < pkts.size(); i++) {
		std::vector<uint8_t> p = pkts[i];

		memset(&p[8], 0xa5, 4);
		EXPECT_FALSE(fsctp_packet_crc_ok(p.data(), p.size()));
		fsctp_packet_set_crc(p.data(), p.size());
		EXPECT_EQ(p, pkts[i]) << "packet " << i;
	}
}

TEST(Crc32cPacket, DetectsCorruptionAndWrongByteOrder)
{
	auto pkts = read_sctp_packets(FSCTP_TEST_DATA_DIR
				      "/usrsctp-tsctp-ipv4.pcap");

	ASSERT_FALSE(pkts.empty());
	for (auto &orig : pkts) {
		std::vector<uint8_t> p = orig;

		/* Every single-bit flip outside the field is caught. */
		p[p.size() - 1] ^= 0x01;
		EXPECT_FALSE(fsctp_packet_crc_ok(p.data(), p.size()));
		p = orig;
		p[0] ^= 0x80;
		EXPECT_FALSE(fsctp_packet_crc_ok(p.data(), p.size()));
		/* Stored big-endian instead: rejected (unless a palindrome). */
		p = orig;
		std::swap(p[8], p[11]);
		std::swap(p[9], p[10]);
		if (p != orig) {
			EXPECT_FALSE(fsctp_packet_crc_ok(p.data(), p.size()));
		}
		/* Truncated by one byte. */
		EXPECT_FALSE(fsctp_packet_crc_ok(orig.data(), orig.size() - 1));
	}
}

TEST(Crc32cPacket, ShortPacket)
{
	uint8_t p[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	uint8_t q[12];

	memcpy(q, p, sizeof(q));
	fsctp_packet_set_crc(q, 11);
	EXPECT_EQ(memcmp(p, q, sizeof(p)), 0);
	EXPECT_FALSE(fsctp_packet_crc_ok(p, 11));
	EXPECT_FALSE(fsctp_packet_crc_ok(nullptr, 0));
	/* A bare common header is a valid input once signed. */
	fsctp_packet_set_crc(q, 12);
	EXPECT_TRUE(fsctp_packet_crc_ok(q, 12));
}
