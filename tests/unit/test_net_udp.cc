/* SPDX-License-Identifier: BSD-3-Clause */
/* SCTP over UDP (RFC 6951) in the network layer: the UDP codec, the
 * classifier's decapsulation and its drops, the encapsulating header
 * builder, and ICMP errors quoting an encapsulated packet. */
#include <cerrno>
#include <vector>

#include <gtest/gtest.h>

#include "net_test_util.h"

extern "C" {
#include "fsctp_netif.h"
#include "fsctp_udp.h"
}

using namespace nettest;

namespace
{

const uint8_t OUR_MAC[6] = { 0x02, 0xf5, 0, 0, 0, 1 };
const uint8_t PEER_MAC[6] = { 0x02, 0xaa, 0, 0, 0, 2 };
const uint8_t US4[4] = { 198, 18, 0, 1 };
const uint8_t PEER4[4] = { 198, 18, 0, 2 };
const uint8_t US6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
			  0,	0,    0,    0,	  0, 0, 0, 1 };
const uint8_t PEER6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
			    0,	  0,	0,    0,    0, 0, 0, 2 };

/* A UDP datagram carrying pl, checksum computed by the codec. */
Bytes
udp(uint8_t family, const uint8_t *src, const uint8_t *dst, uint16_t sport,
    uint16_t dport, const Bytes &pl)
{
	Bytes b(FSCTP_UDP_HLEN + pl.size());
	std::copy(pl.begin(), pl.end(), b.begin() + FSCTP_UDP_HLEN);
	EXPECT_EQ(fsctp_udp_build(family, src, dst, b.data(), b.size(), sport,
				  dport, pl.size()),
		  (size_t)FSCTP_UDP_HLEN);
	return b;
}

/* The same checksum computed independently: RFC 768 pseudo-header
 * (source, destination, zero, protocol 17, UDP length) then the datagram,
 * with the checksum field zero. */
uint16_t
ref_csum4(const uint8_t *src, const uint8_t *dst, Bytes d)
{
	d[6] = d[7] = 0;
	Bytes ph(src, src + 4);
	ph.insert(ph.end(), dst, dst + 4);
	ph.push_back(0);
	ph.push_back(17);
	ph.push_back((uint8_t)(d.size() >> 8));
	ph.push_back((uint8_t)d.size());
	ph.insert(ph.end(), d.begin(), d.end());
	uint16_t c = fsctp_csum(ph.data(), ph.size());
	return c == 0 ? 0xffff : c;
}

struct Out {
	std::vector<Bytes> frames;
};

void
tx(void *ctx, const uint8_t *f, size_t len)
{
	static_cast<Out *>(ctx)->frames.emplace_back(f, f + len);
}
void
sendp(void *, void *, const uint8_t *)
{
}
void
dropp(void *, void *)
{
}

class NetifUdp : public ::testing::Test
{
      protected:
	Out out;
	struct fsctp_netif *nif = nullptr;
	struct fsctp_net_rx res;

	void make(uint16_t encaps)
	{
		struct fsctp_netif_config c = {};
		memcpy(c.mac, OUR_MAC, 6);
		c.n_v4 = 1;
		memcpy(c.v4[0].ip, US4, 4);
		c.v4[0].prefix = 24;
		c.n_v6 = 1;
		memcpy(c.v6[0].ip, US6, 16);
		c.v6[0].prefix = 64;
		fsctp_neigh_config_defaults(&c.neigh);
		c.udp_encaps_port = encaps;
		struct fsctp_netif_ops ops = { tx, sendp, dropp, &out };
		fsctp_netif_free(nif);
		nif = fsctp_netif_create(&c, &ops);
		ASSERT_NE(nif, nullptr);
	}
	void SetUp() override
	{
		make(FSCTP_UDP_ENCAPS_PORT);
	}
	void TearDown() override
	{
		fsctp_netif_free(nif);
	}
	enum fsctp_net_verdict in(const Bytes &f)
	{
		return fsctp_netif_input(nif, f.data(), f.size(), 1000, &res);
	}
	enum fsctp_net_verdict in4(const Bytes &dgram)
	{
		return in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4,
			      ipv4(PEER4, US4, FSCTP_IPPROTO_UDP, dgram)));
	}
	const struct fsctp_net_stats *st()
	{
		return fsctp_netif_stats(nif);
	}
};

} // namespace

TEST(Udp, BuildComputesTheRfc768Checksum)
{
	Bytes pl = sctp(5000, 36412, 0x01020304);
	pl.push_back(0x5a); /* odd length */
	Bytes d = udp(FSCTP_AF_INET4, US4, PEER4, 9899, 40000, pl);
	EXPECT_EQ(d[0] << 8 | d[1], 9899);
	EXPECT_EQ(d[2] << 8 | d[3], 40000);
	EXPECT_EQ((size_t)(d[4] << 8 | d[5]), pl.size() + 8);
	EXPECT_EQ(d[6] << 8 | d[7], ref_csum4(US4, PEER4, d));

	struct fsctp_udp_info u;
	ASSERT_EQ(fsctp_udp_parse(FSCTP_AF_INET4, US4, PEER4, d.data(),
				  d.size(), &u, nullptr),
		  0);
	EXPECT_EQ(u.sport, 9899);
	EXPECT_EQ(u.dport, 40000);
	EXPECT_EQ(u.payload_len, pl.size());
	EXPECT_EQ(u.payload, d.data() + 8);

	Bytes d6 = udp(FSCTP_AF_INET6, US6, PEER6, 9899, 9899, pl);
	ASSERT_EQ(fsctp_udp_parse(FSCTP_AF_INET6, US6, PEER6, d6.data(),
				  d6.size(), &u, nullptr),
		  0);
	/* The pseudo-header binds the addresses: another source fails. */
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET6, PEER6, US6 /* swapped */,
				  d6.data(), d6.size(), &u, nullptr),
		  0)
		<< "a swap keeps the one's complement sum";
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET6, US6, US6, d6.data(),
				  d6.size(), &u, nullptr),
		  -EBADMSG);
	/* No room for the payload the header announces. */
	EXPECT_EQ(fsctp_udp_build(FSCTP_AF_INET4, US4, PEER4, d.data(),
				  d.size() - 1, 1, 2, pl.size()),
		  0u);
}

TEST(Udp, ParseRefusesBadLengthChecksumAndPort)
{
	Bytes pl = sctp(1, 2, 3);
	Bytes d = udp(FSCTP_AF_INET4, PEER4, US4, 9899, 9899, pl);
	struct fsctp_udp_info u;
	enum fsctp_udp_err err;

	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET4, PEER4, US4, d.data(), 7, &u,
				  &err),
		  -EINVAL);
	EXPECT_EQ(err, FSCTP_UDP_ERR_LEN);
	/* Length field longer, then shorter, than the IP payload. */
	Bytes l = d;
	l[5] += 1;
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET4, PEER4, US4, l.data(),
				  l.size(), &u, &err),
		  -EINVAL);
	EXPECT_EQ(err, FSCTP_UDP_ERR_LEN);
	l[5] -= 2;
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET4, PEER4, US4, l.data(),
				  l.size(), &u, &err),
		  -EINVAL);
	/* One bit flipped in the SCTP payload. */
	Bytes c = d;
	c[12] ^= 0x10;
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET4, PEER4, US4, c.data(),
				  c.size(), &u, &err),
		  -EBADMSG);
	EXPECT_EQ(err, FSCTP_UDP_ERR_CSUM);
	/* Checksum 0: "none" over IPv4 (RFC 768), refused over IPv6. */
	Bytes z = c;
	z[6] = z[7] = 0;
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET4, PEER4, US4, z.data(),
				  z.size(), &u, &err),
		  0);
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET6, PEER6, US6, z.data(),
				  z.size(), &u, &err),
		  -EBADMSG);
	EXPECT_EQ(err, FSCTP_UDP_ERR_CSUM);
	/* Source port 0: nowhere to answer. */
	Bytes p = udp(FSCTP_AF_INET4, PEER4, US4, 0, 9899, pl);
	EXPECT_EQ(fsctp_udp_parse(FSCTP_AF_INET4, PEER4, US4, p.data(),
				  p.size(), &u, &err),
		  -EINVAL);
	EXPECT_EQ(err, FSCTP_UDP_ERR_PORT);
}

/* RFC 6951 5.4: a datagram to the encapsulation port goes up as SCTP,
 * UDP header stripped, with its source port. */
TEST_F(NetifUdp, DecapsulatesIpv4AndIpv6)
{
	Bytes pl = sctp(5000, 36412, 0xfeed);
	ASSERT_EQ(in4(udp(FSCTP_AF_INET4, PEER4, US4, 40001, 9899, pl)),
		  FSCTP_NET_SCTP);
	EXPECT_EQ(res.l4_off, 14u + 20u + 8u);
	EXPECT_EQ(res.l4_len, pl.size());
	EXPECT_EQ(res.udp_sport, 40001);
	EXPECT_EQ(res.src.port, 5000);
	EXPECT_EQ(res.dst.port, 36412);
	EXPECT_EQ(memcmp(res.src.ip.v4, PEER4, 4), 0);

	Bytes f6 = eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
		       ipv6(PEER6, US6, FSCTP_IPPROTO_UDP, 64,
			    udp(FSCTP_AF_INET6, PEER6, US6, 9899, 9899, pl)));
	ASSERT_EQ(in(f6), FSCTP_NET_SCTP);
	EXPECT_EQ(res.l4_off, 14u + 40u + 8u);
	EXPECT_EQ(res.udp_sport, 9899);
	EXPECT_EQ(res.src.family, FSCTP_AF_INET6);
	EXPECT_EQ(st()->udp_rx, 2u);
	EXPECT_EQ(st()->sctp_rx, 2u);

	/* Raw SCTP still goes up, with no UDP port. */
	ASSERT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4,
			 ipv4(PEER4, US4, FSCTP_IPPROTO_SCTP, pl))),
		  FSCTP_NET_SCTP);
	EXPECT_EQ(res.udp_sport, 0);
	EXPECT_EQ(res.l4_off, 14u + 20u);
}

TEST_F(NetifUdp, DropsAndCountsBadDatagrams)
{
	Bytes pl = sctp(5000, 36412, 0xfeed);
	Bytes good = udp(FSCTP_AF_INET4, PEER4, US4, 40001, 9899, pl);

	Bytes c = good;
	c[8 + 4] ^= 1; /* the SCTP tag, under the UDP checksum */
	EXPECT_EQ(in4(c), FSCTP_NET_DROP);
	EXPECT_EQ(st()->udp_bad_csum, 1u);

	Bytes l = good;
	l[5] += 4;
	EXPECT_EQ(in4(l), FSCTP_NET_DROP);
	EXPECT_EQ(in4(Bytes(good.begin(), good.begin() + 7)), FSCTP_NET_DROP);
	EXPECT_EQ(st()->udp_bad_len, 1u) << "the 7-byte one never had a port";
	EXPECT_EQ(st()->udp_other, 1u);

	EXPECT_EQ(in4(udp(FSCTP_AF_INET4, PEER4, US4, 0, 9899, pl)),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->udp_bad_port, 1u);

	/* Another UDP port: not ours, no checksum work. */
	EXPECT_EQ(in4(udp(FSCTP_AF_INET4, PEER4, US4, 40001, 53, pl)),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->udp_other, 2u);

	/* Encapsulated, but too short for an SCTP common header. */
	EXPECT_EQ(
		in4(udp(FSCTP_AF_INET4, PEER4, US4, 40001, 9899, Bytes(11, 0))),
		FSCTP_NET_DROP);
	EXPECT_EQ(st()->sctp_short, 1u);

	/* IPv6 with checksum 0. */
	Bytes z = udp(FSCTP_AF_INET6, PEER6, US6, 9899, 9899, pl);
	z[6] = z[7] = 0;
	EXPECT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
			 ipv6(PEER6, US6, FSCTP_IPPROTO_UDP, 64, z))),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->udp_bad_csum, 2u);
	EXPECT_EQ(st()->udp_rx, 0u);
	EXPECT_EQ(st()->sctp_rx, 0u);
}

TEST_F(NetifUdp, EncapsulationOffDropsUdpAsAnotherProtocol)
{
	make(0);
	EXPECT_EQ(
		in4(udp(FSCTP_AF_INET4, PEER4, US4, 9899, 9899, sctp(1, 2, 3))),
		FSCTP_NET_DROP);
	EXPECT_EQ(st()->other_proto, 1u);
	EXPECT_EQ(st()->udp_rx, 0u);
	uint8_t buf[256] = {};
	struct fsctp_addr s = {}, d = {};
	fsctp_addr_set_v4(&s, 198, 18, 0, 1, 1);
	fsctp_addr_set_v4(&d, 198, 18, 0, 2, 2);
	EXPECT_EQ(fsctp_netif_build_hdr_udp(nif, buf, sizeof(buf), PEER_MAC, &s,
					    &d, 12, true, 9899),
		  0u);
}

/* RFC 6951 5.3: what the builder writes parses back, IPv4 and IPv6. */
TEST_F(NetifUdp, BuildsTheEncapsulatingHeaders)
{
	Bytes pl = sctp(36412, 5000, 0xbeef);
	for (uint8_t fam : { FSCTP_AF_INET4, FSCTP_AF_INET6 }) {
		struct fsctp_addr s = {}, d = {};
		s.family = d.family = fam;
		s.port = 36412;
		d.port = 5000;
		memcpy(s.ip.v6, fam == FSCTP_AF_INET4 ? US4 : US6,
		       fam == FSCTP_AF_INET4 ? 4 : 16);
		memcpy(d.ip.v6, fam == FSCTP_AF_INET4 ? PEER4 : PEER6,
		       fam == FSCTP_AF_INET4 ? 4 : 16);
		size_t hl = fsctp_netif_hdr_len(nif, fam) + FSCTP_UDP_HLEN;
		Bytes f(hl + pl.size());
		std::copy(pl.begin(), pl.end(), f.begin() + hl);
		ASSERT_EQ(fsctp_netif_build_hdr_udp(nif, f.data(), f.size(),
						    PEER_MAC, &s, &d, pl.size(),
						    true, 40001),
			  hl);
		const uint8_t *ip = f.data() + 14;
		struct fsctp_udp_info u;
		if (fam == FSCTP_AF_INET4) {
			struct fsctp_ipv4_info i4;
			ASSERT_EQ(fsctp_ipv4_parse(ip, f.size() - 14, &i4,
						   nullptr),
				  0);
			EXPECT_EQ(i4.proto, FSCTP_IPPROTO_UDP);
			EXPECT_TRUE(ip[6] & 0x40) << "DF, as for raw SCTP";
			ASSERT_EQ(fsctp_udp_parse(fam, US4, PEER4, i4.payload,
						  i4.payload_len, &u, nullptr),
				  0);
		} else {
			struct fsctp_ipv6_info i6;
			ASSERT_EQ(fsctp_ipv6_parse(ip, f.size() - 14, &i6,
						   nullptr),
				  0);
			EXPECT_EQ(i6.proto, FSCTP_IPPROTO_UDP);
			ASSERT_EQ(fsctp_udp_parse(fam, US6, PEER6, i6.l4,
						  i6.l4_len, &u, nullptr),
				  0);
		}
		EXPECT_EQ(u.sport, FSCTP_UDP_ENCAPS_PORT);
		EXPECT_EQ(u.dport, 40001);
		EXPECT_EQ(Bytes(u.payload, u.payload + u.payload_len), pl);
	}
	/* Too small for the payload the checksum must cover. */
	uint8_t small[60];
	struct fsctp_addr s = {}, d = {};
	fsctp_addr_set_v4(&s, 198, 18, 0, 1, 1);
	fsctp_addr_set_v4(&d, 198, 18, 0, 2, 2);
	EXPECT_EQ(fsctp_netif_build_hdr_udp(nif, small, sizeof(small), PEER_MAC,
					    &s, &d, 100, true, 1),
		  0u);
}

/* RFC 6951 5.5: ICMP quoting UDP then SCTP reaches PMTU handling when the
 * quoted source port is our encapsulation port, with the MTU less the UDP
 * header (5.6); from another UDP port it is ignored. */
TEST_F(NetifUdp, IcmpQuotingEncapsulatedSctp)
{
	auto icmp = [&](uint16_t usport) {
		Bytes q = ipv4(US4, PEER4, FSCTP_IPPROTO_UDP,
			       udp(FSCTP_AF_INET4, US4, PEER4, usport, 9899,
				   sctp(36412, 5000, 0xcafe)));
		Bytes m(8 + q.size(), 0);
		m[0] = 3;
		m[1] = 4;
		m[6] = 1400 >> 8;
		m[7] = 1400 & 0xff;
		std::copy(q.begin(), q.end(), m.begin() + 8);
		set_csum(m, 0, m.size());
		return eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4,
			   ipv4(PEER4, US4, FSCTP_IPPROTO_ICMP, m));
	};
	ASSERT_EQ(in(icmp(FSCTP_UDP_ENCAPS_PORT)), FSCTP_NET_PMTU);
	EXPECT_TRUE(res.quote.udp);
	EXPECT_EQ(res.quote.udp_dport, 9899);
	EXPECT_EQ(res.quote.sport, 36412);
	EXPECT_EQ(res.quote.dport, 5000);
	EXPECT_EQ(res.quote.vtag, 0xcafeu);
	EXPECT_EQ(res.quote.mtu, 1400u - 8u);
	EXPECT_EQ(in(icmp(12345)), FSCTP_NET_DROP);
	EXPECT_EQ(st()->icmp_ignored, 1u);
	make(0);
	EXPECT_EQ(in(icmp(FSCTP_UDP_ENCAPS_PORT)), FSCTP_NET_DROP);
	EXPECT_EQ(st()->icmp_ignored, 1u);
}

/* The Internet checksum reads eight bytes at a time (the UDP checksum over
 * every encapsulated packet is the runtime's largest cost of RFC 6951):
 * its running sum must equal the plain RFC 1071 word-by-word sum for
 * every length and alignment, with all-ones data too (carries). */
TEST(Udp, InternetChecksumMatchesTheWordByWordSum)
{
	uint8_t buf[160];
	uint32_t seed = 12345;
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = round == 2 ? 0xff : (uint8_t)(seed >> 16);
		}
		for (size_t off = 0; off < 8; off++)
			for (size_t len = 0; off + len <= 150; len++) {
				uint64_t r = 0xfff0;
				for (size_t i = 0; i + 1 < len; i += 2)
					r += (uint32_t)buf[off + i] << 8 |
					     buf[off + i + 1];
				if (len & 1)
					r += (uint32_t)buf[off + len - 1] << 8;
				ASSERT_EQ(
					fsctp_csum_add(0xfff0, buf + off, len),
					(uint32_t)r)
					<< "off " << off << " len " << len;
			}
	}
}
