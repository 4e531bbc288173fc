/* SPDX-License-Identifier: BSD-3-Clause */
/* Ethernet, ARP, IPv4 and IPv6 parsers against well-formed and malformed
 * input. */
#include <cerrno>

#include <gtest/gtest.h>

#include "net_test_util.h"

extern "C" {
#include "fsctp_arp.h"
}

using namespace nettest;

static const uint8_t MAC_A[6] = { 0x02, 0, 0, 0, 0, 0xa };
static const uint8_t MAC_B[6] = { 0x02, 0, 0, 0, 0, 0xb };
static const uint8_t IP_A[4] = { 198, 18, 0, 1 };
static const uint8_t IP_B[4] = { 198, 18, 0, 2 };

TEST(Eth, ParsesUntaggedAndTagged)
{
	uint8_t b[64] = {};
	struct fsctp_eth_info e;

	ASSERT_EQ(fsctp_eth_build(b, sizeof(b), MAC_A, MAC_B,
				  FSCTP_ETHERTYPE_IPV4, FSCTP_VLAN_NONE),
		  14u);
	ASSERT_EQ(fsctp_eth_parse(b, 14, &e), 0);
	EXPECT_EQ(e.ethertype, FSCTP_ETHERTYPE_IPV4);
	EXPECT_FALSE(e.has_vlan);
	EXPECT_EQ(e.l3_off, 14);
	EXPECT_EQ(memcmp(e.dst, MAC_A, 6), 0);
	EXPECT_EQ(memcmp(e.src, MAC_B, 6), 0);
	ASSERT_EQ(fsctp_eth_build(b, sizeof(b), MAC_A, MAC_B,
				  FSCTP_ETHERTYPE_IPV6, 0x123),
		  18u);
	ASSERT_EQ(fsctp_eth_parse(b, 18, &e), 0);
	EXPECT_TRUE(e.has_vlan);
	EXPECT_EQ(e.vlan_tci, 0x123);
	EXPECT_EQ(e.ethertype, FSCTP_ETHERTYPE_IPV6);
	EXPECT_EQ(e.l3_off, 18);
}

TEST(Eth, RejectsTruncatedAndStackedTags)
{
	uint8_t b[64] = {};
	struct fsctp_eth_info e;

	EXPECT_EQ(fsctp_eth_parse(b, 13, &e), -EINVAL);
	fsctp_eth_build(b, sizeof(b), MAC_A, MAC_B, FSCTP_ETHERTYPE_IPV4, 5);
	EXPECT_EQ(fsctp_eth_parse(b, 17, &e), -EINVAL);
	/* QinQ: inner type is another tag. */
	b[16] = 0x81;
	b[17] = 0x00;
	EXPECT_EQ(fsctp_eth_parse(b, 40, &e), -EINVAL);
	EXPECT_EQ(fsctp_eth_build(b, 13, MAC_A, MAC_B, 0x800, -1), 0u);
	EXPECT_EQ(fsctp_eth_build(b, 17, MAC_A, MAC_B, 0x800, 1), 0u);
}

TEST(Arp, RoundTripAndRejects)
{
	struct fsctp_arp_info a = {}, p;
	uint8_t b[FSCTP_ARP_LEN];

	a.op = FSCTP_ARP_REQUEST;
	memcpy(a.sha, MAC_A, 6);
	memcpy(a.spa, IP_A, 4);
	memcpy(a.tpa, IP_B, 4);
	ASSERT_EQ(fsctp_arp_build(b, sizeof(b), &a), (size_t)FSCTP_ARP_LEN);
	ASSERT_EQ(fsctp_arp_parse(b, sizeof(b), &p), 0);
	EXPECT_EQ(p.op, FSCTP_ARP_REQUEST);
	EXPECT_EQ(memcmp(p.sha, MAC_A, 6), 0);
	EXPECT_EQ(memcmp(p.tpa, IP_B, 4), 0);
	EXPECT_EQ(fsctp_arp_parse(b, 27, &p), -EINVAL);
	b[1] = 6; /* hardware type IEEE 802 */
	EXPECT_EQ(fsctp_arp_parse(b, sizeof(b), &p), -EINVAL);
	b[1] = 1;
	b[4] = 8; /* hlen */
	EXPECT_EQ(fsctp_arp_parse(b, sizeof(b), &p), -EINVAL);
	b[4] = 6;
	b[7] = 3; /* RARP */
	EXPECT_EQ(fsctp_arp_parse(b, sizeof(b), &p), -EINVAL);
	EXPECT_EQ(fsctp_arp_build(b, 27, &a), 0u);
}

TEST(Ipv4, BuildSetsDfAndValidChecksum)
{
	Bytes pkt = ipv4(IP_A, IP_B, FSCTP_IPPROTO_SCTP, sctp(1, 2, 3));
	struct fsctp_ipv4_info ip;
	enum fsctp_ipv4_err err;

	EXPECT_EQ(pkt[6] & 0x40, 0x40); /* RFC 9260 7.3: DF */
	EXPECT_EQ(fsctp_csum(pkt.data(), 20), 0);
	ASSERT_EQ(fsctp_ipv4_parse(pkt.data(), pkt.size(), &ip, &err), 0);
	EXPECT_EQ(err, FSCTP_IPV4_OK);
	EXPECT_TRUE(ip.df);
	EXPECT_FALSE(ip.is_frag);
	EXPECT_EQ(ip.proto, FSCTP_IPPROTO_SCTP);
	EXPECT_EQ(ip.payload_len, 12);
	EXPECT_EQ(ip.payload, pkt.data() + 20);
	EXPECT_EQ(memcmp(ip.src, IP_A, 4), 0);
	/* Too long a datagram cannot be built. */
	uint8_t h[20];
	EXPECT_EQ(fsctp_ipv4_build(h, 20, IP_A, IP_B, 132, 64, 0, 65516, true),
		  0u);
}

TEST(Ipv4, RejectsMalformedHeaders)
{
	Bytes good = ipv4(IP_A, IP_B, FSCTP_IPPROTO_SCTP, sctp(1, 2, 3));
	struct fsctp_ipv4_info ip;
	enum fsctp_ipv4_err err;

	EXPECT_EQ(fsctp_ipv4_parse(good.data(), 19, &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_SHORT);

	Bytes b = good;
	b[0] = 0x65;
	EXPECT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_VERSION);

	b = good;
	b[0] = 0x44; /* IHL 4 */
	EXPECT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_IHL);

	b = good;
	b[0] = 0x4f; /* IHL 60 bytes > 32 in the buffer */
	EXPECT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_IHL);

	b = good;
	b[3] = 33; /* total length past the buffer */
	EXPECT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_LEN);
	b[3] = 19; /* shorter than the header */
	EXPECT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_LEN);

	b = good;
	b[10] ^= 1;
	EXPECT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, &err), -EBADMSG);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_CSUM);

	b = good;
	b[8] = 0; /* TTL 0, checksum fixed up */
	b[10] = b[11] = 0;
	{
		uint16_t c = fsctp_csum(b.data(), 20);
		b[10] = (uint8_t)(c >> 8);
		b[11] = (uint8_t)c;
	}
	EXPECT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV4_ERR_TTL);
}

static void
fix_ip4(Bytes &b)
{
	size_t hl = (b[0] & 0xf) * 4u;

	b[10] = b[11] = 0;
	uint16_t c = fsctp_csum(b.data(), hl);
	b[10] = (uint8_t)(c >> 8);
	b[11] = (uint8_t)c;
}

TEST(Ipv4, SkipsOptionsFlagsFragmentsIgnoresPadding)
{
	Bytes b = ipv4(IP_A, IP_B, FSCTP_IPPROTO_SCTP, sctp(1, 2, 3));
	struct fsctp_ipv4_info ip;

	/* Insert a 4-byte option (NOP NOP NOP EOL): IHL 6. */
	Bytes opt = { 1, 1, 1, 0 };
	b.insert(b.begin() + 20, opt.begin(), opt.end());
	b[0] = 0x46;
	b[3] = (uint8_t)b.size();
	fix_ip4(b);
	ASSERT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, NULL), 0);
	EXPECT_EQ(ip.hlen, 24);
	EXPECT_EQ(ip.payload, b.data() + 24);
	EXPECT_EQ(ip.payload_len, 12);

	/* Ethernet padding after total_len is ignored. */
	b.resize(b.size() + 10, 0xee);
	ASSERT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, NULL), 0);
	EXPECT_EQ(ip.payload_len, 12);

	b[6] = 0x20; /* MF */
	fix_ip4(b);
	ASSERT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, NULL), 0);
	EXPECT_TRUE(ip.is_frag);
	b[6] = 0x00;
	b[7] = 0x10; /* offset 16*8, last fragment */
	fix_ip4(b);
	ASSERT_EQ(fsctp_ipv4_parse(b.data(), b.size(), &ip, NULL), 0);
	EXPECT_TRUE(ip.is_frag);
}

static const uint8_t IP6_A[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
				   0,	 0,    0,    0,	   0, 0, 0, 1 };
static const uint8_t IP6_B[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
				   0,	 0,    0,    0,	   0, 0, 0, 2 };

/* An extension header of 8 bytes: next header, length 0, padding. */
static Bytes
ext8(uint8_t next)
{
	return Bytes{ next, 0, 1, 4, 0, 0, 0, 0 };
}

TEST(Ipv6, ParsesPlainAndExtensionChain)
{
	struct fsctp_ipv6_info ip;
	enum fsctp_ipv6_err err;
	Bytes pl = sctp(5, 6, 7);

	Bytes b = ipv6(IP6_A, IP6_B, FSCTP_IPPROTO_SCTP, 64, pl);
	ASSERT_EQ(fsctp_ipv6_parse(b.data(), b.size(), &ip, &err), 0);
	EXPECT_EQ(ip.proto, FSCTP_IPPROTO_SCTP);
	EXPECT_EQ(ip.n_ext, 0);
	EXPECT_EQ(ip.l4_off, 40);
	EXPECT_EQ(ip.l4_len, 12);

	/* Hop-by-Hop, Destination Options, then SCTP. */
	Bytes chain = ext8(60);
	Bytes d = ext8(FSCTP_IPPROTO_SCTP);
	chain.insert(chain.end(), d.begin(), d.end());
	chain.insert(chain.end(), pl.begin(), pl.end());
	b = ipv6(IP6_A, IP6_B, 0, 64, chain);
	ASSERT_EQ(fsctp_ipv6_parse(b.data(), b.size(), &ip, &err), 0);
	EXPECT_EQ(ip.n_ext, 2);
	EXPECT_EQ(ip.proto, FSCTP_IPPROTO_SCTP);
	EXPECT_EQ(ip.l4_off, 56);
	EXPECT_EQ(ip.l4_len, 12);
	EXPECT_FALSE(ip.is_frag);
}

TEST(Ipv6, RejectsMalformed)
{
	struct fsctp_ipv6_info ip;
	enum fsctp_ipv6_err err;
	Bytes b = ipv6(IP6_A, IP6_B, FSCTP_IPPROTO_SCTP, 64, sctp(5, 6, 7));

	EXPECT_EQ(fsctp_ipv6_parse(b.data(), 39, &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV6_ERR_SHORT);
	Bytes v = b;
	v[0] = 0x40;
	EXPECT_EQ(fsctp_ipv6_parse(v.data(), v.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV6_ERR_VERSION);
	/* Payload length past the end. */
	EXPECT_EQ(fsctp_ipv6_parse(b.data(), b.size() - 1, &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV6_ERR_LEN);

	/* An extension header whose length runs past the packet. */
	Bytes e = ext8(FSCTP_IPPROTO_SCTP);
	e[1] = 3; /* 32 bytes claimed, 8 present */
	Bytes x = ipv6(IP6_A, IP6_B, 60, 64, e);
	EXPECT_EQ(fsctp_ipv6_parse(x.data(), x.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV6_ERR_EXT);
	/* A truncated extension header (fewer than 8 bytes). */
	Bytes t = { FSCTP_IPPROTO_SCTP, 0, 0, 0 };
	x = ipv6(IP6_A, IP6_B, 60, 64, t);
	EXPECT_EQ(fsctp_ipv6_parse(x.data(), x.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV6_ERR_EXT);

	/* RFC 8200 4.1: Hop-by-Hop after another header. */
	Bytes chain = ext8(0);
	Bytes h = ext8(FSCTP_IPPROTO_SCTP);
	chain.insert(chain.end(), h.begin(), h.end());
	x = ipv6(IP6_A, IP6_B, 60, 64, chain);
	EXPECT_EQ(fsctp_ipv6_parse(x.data(), x.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV6_ERR_EXT);
}

TEST(Ipv6, ExtensionHeaderChainIsBounded)
{
	struct fsctp_ipv6_info ip;
	enum fsctp_ipv6_err err;
	Bytes chain;

	/* Exactly the limit is accepted... */
	for (int i = 0; i < FSCTP_IPV6_MAX_EXT; i++) {
		Bytes e = ext8(i == FSCTP_IPV6_MAX_EXT - 1 ? FSCTP_IPPROTO_SCTP
							   : 60);
		chain.insert(chain.end(), e.begin(), e.end());
	}
	Bytes pl = sctp(1, 2, 3);
	Bytes c1 = chain;
	c1.insert(c1.end(), pl.begin(), pl.end());
	Bytes b = ipv6(IP6_A, IP6_B, 60, 64, c1);
	ASSERT_EQ(fsctp_ipv6_parse(b.data(), b.size(), &ip, &err), 0);
	EXPECT_EQ(ip.n_ext, FSCTP_IPV6_MAX_EXT);

	/* ...a "loop" of Destination Options pointing at themselves, as long
	 * as the packet allows, stops at the bound. */
	Bytes loop;
	for (int i = 0; i < 100; i++) {
		Bytes e = ext8(60);
		loop.insert(loop.end(), e.begin(), e.end());
	}
	b = ipv6(IP6_A, IP6_B, 60, 64, loop);
	EXPECT_EQ(fsctp_ipv6_parse(b.data(), b.size(), &ip, &err), -EINVAL);
	EXPECT_EQ(err, FSCTP_IPV6_ERR_EXT_LIMIT);
}

TEST(Ipv6, FragmentHeaderIsFlagged)
{
	struct fsctp_ipv6_info ip;
	Bytes f = { FSCTP_IPPROTO_SCTP, 0, 0, 1, 0, 0, 0, 9 };
	Bytes pl = sctp(1, 2, 3);

	f.insert(f.end(), pl.begin(), pl.end());
	Bytes b = ipv6(IP6_A, IP6_B, 44, 64, f);
	ASSERT_EQ(fsctp_ipv6_parse(b.data(), b.size(), &ip, NULL), 0);
	EXPECT_TRUE(ip.is_frag);
	EXPECT_EQ(ip.proto, FSCTP_IPPROTO_SCTP);
}

TEST(Csum, KnownValueAndOddLength)
{
	/* RFC 1071 section 3 example bytes. */
	const uint8_t d[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	EXPECT_EQ(fsctp_csum_add(0, d, sizeof(d)), 0x2ddf0u);
	EXPECT_EQ(fsctp_csum(d, sizeof(d)), (uint16_t)~0xddf2);
	const uint8_t o[] = { 0x12, 0x34, 0x56 };
	EXPECT_EQ(fsctp_csum_add(0, o, 3), 0x1234u + 0x5600u);
}
