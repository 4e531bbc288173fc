/* SPDX-License-Identifier: BSD-3-Clause */
/* ICMP/ICMPv6 echo and error quotes (RFC 9260 section 10), ND parse and
 * build. */
#include <algorithm>
#include <cerrno>

#include <gtest/gtest.h>

#include "net_test_util.h"

extern "C" {
#include "fsctp_nd.h"
#include "fsctp_types.h"
}

using namespace nettest;

static const uint8_t US4[4] = { 198, 18, 0, 1 };
static const uint8_t PEER4[4] = { 198, 19, 0, 9 };
static const uint8_t RTR4[4] = { 198, 18, 0, 254 };
static const uint8_t US6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
				 0,    0,    0,	   0,	 0, 0, 0, 1 };
static const uint8_t PEER6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0,
				   0,	 0,    0,    0,	   0, 0, 0, 9 };

/* ICMPv4 frag-needed quoting the IPv4 packet q, with next-hop MTU. */
static Bytes
frag_needed(const Bytes &q, uint16_t mtu)
{
	/* Sized once and filled in place (growing an 8-byte vector by
	 * insert() trips GCC 12's -Warray-bounds at -O3). */
	Bytes m(8 + q.size(), 0);
	m[0] = 3; /* Destination Unreachable */
	m[1] = 4; /* fragmentation needed */
	m[6] = (uint8_t)(mtu >> 8);
	m[7] = (uint8_t)mtu;
	std::copy(q.begin(), q.end(), m.begin() + 8);
	set_csum(m, 0, m.size());
	return m;
}

TEST(Icmp4, EchoReply)
{
	Bytes req = { 8, 0, 0, 0, 0x12, 0x34, 0, 1, 'h', 'i', '!' };
	uint8_t out[64];

	set_csum(req, 0, req.size());
	ASSERT_EQ(fsctp_icmp4_echo_reply(req.data(), req.size(), out,
					 sizeof(out)),
		  (long)req.size());
	EXPECT_EQ(out[0], FSCTP_ICMP_ECHO_REPLY);
	EXPECT_EQ(fsctp_csum(out, req.size()), 0);
	EXPECT_EQ(memcmp(out + 4, req.data() + 4, req.size() - 4), 0);
	EXPECT_EQ(fsctp_icmp4_echo_reply(req.data(), req.size(), out, 5), 0);
	req[9] ^= 0xff;
	EXPECT_EQ(fsctp_icmp4_echo_reply(req.data(), req.size(), out,
					 sizeof(out)),
		  -EBADMSG);
	EXPECT_EQ(fsctp_icmp4_echo_reply(req.data(), 7, out, sizeof(out)),
		  -EINVAL);
}

TEST(Icmp4, FragNeededQuotesSctp)
{
	Bytes q = ipv4(US4, PEER4, FSCTP_IPPROTO_SCTP, sctp(100, 200, 0xabcd));
	Bytes m = frag_needed(q, 1400);
	struct fsctp_icmp_quote qt;

	ASSERT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), 0);
	EXPECT_EQ(qt.family, FSCTP_AF_INET4);
	EXPECT_EQ(memcmp(qt.src, US4, 4), 0);
	EXPECT_EQ(memcmp(qt.dst, PEER4, 4), 0);
	EXPECT_EQ(qt.sport, 100);
	EXPECT_EQ(qt.dport, 200);
	EXPECT_EQ(qt.vtag, 0xabcdu);
	EXPECT_EQ(qt.mtu, 1400u);
	EXPECT_FALSE(qt.has_init);

	/* Only 8 bytes of SCTP quoted (RFC 792 minimum) is enough. */
	Bytes q8(q.begin(), q.begin() + 28);
	m = frag_needed(q8, 1300);
	ASSERT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), 0);
	EXPECT_EQ(qt.vtag, 0xabcdu);
	/* 7 bytes is not. */
	Bytes q7(q.begin(), q.begin() + 27);
	m = frag_needed(q7, 1300);
	EXPECT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), -EINVAL);
	/* A quoted IHL past the quote. */
	Bytes bad = q;
	bad[0] = 0x4f;
	m = frag_needed(bad, 1300);
	EXPECT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), -EINVAL);
	/* MTU 0 (pre-RFC 1191 router) is ignored; tiny MTUs clamp to 68. */
	m = frag_needed(q, 0);
	EXPECT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), -EINVAL);
	m = frag_needed(q, 20);
	ASSERT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), 0);
	EXPECT_EQ(qt.mtu, (uint32_t)FSCTP_IPV4_MIN_MTU);
	/* Bad checksum. */
	m = frag_needed(q, 1400);
	m[7] ^= 1;
	EXPECT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), -EBADMSG);
	/* Other protocols and codes are not ours. */
	Bytes u = ipv4(US4, PEER4, 6, sctp(1, 2, 3)); /* TCP */
	m = frag_needed(u, 1400);
	EXPECT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), -ENOENT);
	m = frag_needed(q, 1400);
	m[1] = 1; /* host unreachable */
	set_csum(m, 0, m.size());
	EXPECT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &qt), -ENOENT);
	(void)RTR4;
}

TEST(Icmp, QuoteTagCheckRfc9260Sec10)
{
	struct fsctp_icmp_quote q = {};

	/* ICMP6: the tag must be the peer's. */
	q.vtag = 0x1111;
	EXPECT_TRUE(fsctp_icmp_quote_tag_ok(&q, 0x1111, 0x2222));
	EXPECT_FALSE(fsctp_icmp_quote_tag_ok(&q, 0x3333, 0x2222));
	/* Our own tag in the quote is wrong too: it is what the peer uses. */
	EXPECT_FALSE(fsctp_icmp_quote_tag_ok(&q, 0x2222, 0x1111));
	/* Tag 0: only an INIT whose Initiate Tag is ours. */
	q.vtag = 0;
	EXPECT_FALSE(fsctp_icmp_quote_tag_ok(&q, 0, 0x2222));
	q.has_init = true;
	q.init_tag = 0x2222;
	EXPECT_TRUE(fsctp_icmp_quote_tag_ok(&q, 0, 0x2222));
	q.init_tag = 0x2223;
	EXPECT_FALSE(fsctp_icmp_quote_tag_ok(&q, 0, 0x2222));
	EXPECT_FALSE(fsctp_icmp_quote_tag_ok(NULL, 0, 0));

	/* The INIT is recognised from a real quote of 20+ bytes. */
	Bytes ip = ipv4(US4, PEER4, FSCTP_IPPROTO_SCTP,
			sctp(1, 2, 0, true, 0x2222));
	Bytes m = frag_needed(ip, 1400);
	struct fsctp_icmp_quote r;
	ASSERT_EQ(fsctp_icmp4_parse_error(m.data(), m.size(), &r), 0);
	EXPECT_TRUE(r.has_init);
	EXPECT_EQ(r.init_tag, 0x2222u);
	EXPECT_TRUE(fsctp_icmp_quote_tag_ok(&r, 0, 0x2222));
}

static Bytes
ptb(const Bytes &q, uint32_t mtu, const uint8_t *src, const uint8_t *dst)
{
	Bytes m(8 + q.size(), 0); /* sized once, as in frag_needed() */
	m[0] = 2;		  /* Packet Too Big */
	m[4] = (uint8_t)(mtu >> 24);
	m[5] = (uint8_t)(mtu >> 16);
	m[6] = (uint8_t)(mtu >> 8);
	m[7] = (uint8_t)mtu;
	std::copy(q.begin(), q.end(), m.begin() + 8);
	set_csum6(m, src, dst);
	return m;
}

TEST(Icmp6, PacketTooBigQuotesSctp)
{
	static const uint8_t RTR6[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfe
	};
	Bytes q = ipv6(US6, PEER6, FSCTP_IPPROTO_SCTP, 64,
		       sctp(7, 8, 0xdeadbeef));
	/* The quoted header claims a long payload that was cut off. */
	q[4] = 0x05;
	q[5] = 0xdc;
	Bytes m = ptb(q, 1400, RTR6, US6);
	struct fsctp_icmp_quote qt;

	ASSERT_EQ(fsctp_icmp6_parse_error(RTR6, US6, m.data(), m.size(), &qt),
		  0);
	EXPECT_EQ(qt.family, FSCTP_AF_INET6);
	EXPECT_EQ(memcmp(qt.src, US6, 16), 0);
	EXPECT_EQ(memcmp(qt.dst, PEER6, 16), 0);
	EXPECT_EQ(qt.vtag, 0xdeadbeefu);
	EXPECT_EQ(qt.sport, 7);
	EXPECT_EQ(qt.mtu, 1400u);
	/* RFC 8201: below 1280 is clamped. */
	m = ptb(q, 576, RTR6, US6);
	ASSERT_EQ(fsctp_icmp6_parse_error(RTR6, US6, m.data(), m.size(), &qt),
		  0);
	EXPECT_EQ(qt.mtu, (uint32_t)FSCTP_IPV6_MIN_MTU);
	/* Checksum with the wrong pseudo-header fails. */
	EXPECT_EQ(fsctp_icmp6_parse_error(US6, US6, m.data(), m.size(), &qt),
		  -EBADMSG);
	/* Quote shorter than an IPv6 header. */
	Bytes s(q.begin(), q.begin() + 30);
	m = ptb(s, 1400, RTR6, US6);
	EXPECT_EQ(fsctp_icmp6_parse_error(RTR6, US6, m.data(), m.size(), &qt),
		  -EINVAL);
	/* Quoted extension header loop stops at the bound. */
	Bytes loop;
	for (int i = 0; i < 20; i++) {
		Bytes e = { 60, 0, 1, 4, 0, 0, 0, 0 };
		loop.insert(loop.end(), e.begin(), e.end());
	}
	Bytes l = ipv6(US6, PEER6, 60, 64, loop);
	m = ptb(l, 1400, RTR6, US6);
	EXPECT_EQ(fsctp_icmp6_parse_error(RTR6, US6, m.data(), m.size(), &qt),
		  -EINVAL);
}

TEST(Icmp6, EchoReply)
{
	Bytes req = { 128, 0, 0, 0, 0, 1, 0, 2, 'x', 'y', 'z' };
	uint8_t out[64];

	set_csum6(req, PEER6, US6);
	ASSERT_EQ(fsctp_icmp6_echo_reply(PEER6, US6, req.data(), req.size(),
					 out, sizeof(out)),
		  (long)req.size());
	EXPECT_EQ(out[0], FSCTP_ICMP6_ECHO_REPLY);
	EXPECT_EQ(fsctp_icmp6_csum(US6, PEER6, out, req.size()), 0);
	req[10] ^= 1;
	EXPECT_EQ(fsctp_icmp6_echo_reply(PEER6, US6, req.data(), req.size(),
					 out, sizeof(out)),
		  -EBADMSG);
}

static const uint8_t MAC_P[6] = { 0x02, 0, 0, 0, 0, 0x99 };

TEST(Nd, BuildParseRoundTrip)
{
	uint8_t sn[16], b[64];
	struct fsctp_nd_info nd;

	fsctp_nd_solicited_node(US6, sn);
	EXPECT_EQ(sn[0], 0xff);
	EXPECT_EQ(sn[1], 0x02);
	EXPECT_EQ(sn[11], 0x01);
	EXPECT_EQ(sn[12], 0xff);
	EXPECT_EQ(sn[15], US6[15]);
	uint8_t mm[6];
	fsctp_ipv6_mcast_mac(sn, mm);
	EXPECT_EQ(mm[0], 0x33);
	EXPECT_EQ(mm[2], 0xff);
	EXPECT_EQ(mm[5], US6[15]);

	ASSERT_EQ(fsctp_nd_build(b, sizeof(b), FSCTP_ND_NS, 0, US6, MAC_P,
				 PEER6, sn),
		  (size_t)FSCTP_ND_LEN);
	ASSERT_EQ(fsctp_nd_parse(PEER6, sn, 255, b, FSCTP_ND_LEN, &nd), 0);
	EXPECT_EQ(nd.type, FSCTP_ND_NS);
	EXPECT_TRUE(nd.has_lla);
	EXPECT_EQ(memcmp(nd.lla, MAC_P, 6), 0);
	EXPECT_EQ(memcmp(nd.target, US6, 16), 0);

	ASSERT_EQ(fsctp_nd_build(b, sizeof(b), FSCTP_ND_NA,
				 FSCTP_ND_FLAG_S | FSCTP_ND_FLAG_O, US6, MAC_P,
				 US6, PEER6),
		  (size_t)FSCTP_ND_LEN);
	ASSERT_EQ(fsctp_nd_parse(US6, PEER6, 255, b, FSCTP_ND_LEN, &nd), 0);
	EXPECT_EQ(nd.type, FSCTP_ND_NA);
	EXPECT_EQ(nd.flags, FSCTP_ND_FLAG_S | FSCTP_ND_FLAG_O);
	EXPECT_EQ(fsctp_nd_build(b, 31, FSCTP_ND_NA, 0, US6, MAC_P, US6, PEER6),
		  0u);
}

TEST(Nd, RejectsInvalidRfc4861Sec7)
{
	uint8_t sn[16], b[64];
	struct fsctp_nd_info nd;
	static const uint8_t unspec[16] = {};

	fsctp_nd_solicited_node(US6, sn);
	fsctp_nd_build(b, sizeof(b), FSCTP_ND_NS, 0, US6, MAC_P, PEER6, sn);
	/* Hop limit must be 255 (off-link forgery). */
	EXPECT_EQ(fsctp_nd_parse(PEER6, sn, 254, b, FSCTP_ND_LEN, &nd),
		  -EINVAL);
	/* Truncated below 24 bytes. */
	EXPECT_EQ(fsctp_nd_parse(PEER6, sn, 255, b, 23, &nd), -EINVAL);
	/* Bad checksum (wrong source in the pseudo-header). */
	EXPECT_EQ(fsctp_nd_parse(US6, sn, 255, b, FSCTP_ND_LEN, &nd), -EBADMSG);
	/* Zero-length option: would loop. */
	Bytes z(b, b + FSCTP_ND_LEN);
	z[25] = 0;
	set_csum6(z, PEER6, sn);
	EXPECT_EQ(fsctp_nd_parse(PEER6, sn, 255, z.data(), z.size(), &nd),
		  -EINVAL);
	/* Option running past the end. */
	z[25] = 2;
	set_csum6(z, PEER6, sn);
	EXPECT_EQ(fsctp_nd_parse(PEER6, sn, 255, z.data(), z.size(), &nd),
		  -EINVAL);
	/* Multicast target. */
	Bytes m(b, b + FSCTP_ND_LEN);
	m[8] = 0xff;
	set_csum6(m, PEER6, sn);
	EXPECT_EQ(fsctp_nd_parse(PEER6, sn, 255, m.data(), m.size(), &nd),
		  -EINVAL);
	/* DAD (from ::) must not carry a source LLA option. */
	fsctp_nd_build(b, sizeof(b), FSCTP_ND_NS, 0, US6, MAC_P, unspec, sn);
	EXPECT_EQ(fsctp_nd_parse(unspec, sn, 255, b, FSCTP_ND_LEN, &nd),
		  -EINVAL);
	/* Another ICMPv6 type. */
	Bytes e = { 128, 0, 0, 0 };
	EXPECT_EQ(fsctp_nd_parse(PEER6, US6, 255, e.data(), e.size(), &nd),
		  -ENOENT);
}
