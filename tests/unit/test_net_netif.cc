/* SPDX-License-Identifier: BSD-3-Clause */
/* The receive classifier: ARP, ND, echo, SCTP hand-up, drops and their
 * counters, routing and header building. */
#include <cerrno>
#include <vector>

#include <gtest/gtest.h>

#include "net_test_util.h"

extern "C" {
#include "fsctp_arp.h"
#include "fsctp_nd.h"
#include "fsctp_netif.h"
}

using namespace nettest;

namespace
{

const uint8_t OUR_MAC[6] = { 0x02, 0xf5, 0, 0, 0, 1 };
const uint8_t PEER_MAC[6] = { 0x02, 0xaa, 0, 0, 0, 2 };
const uint8_t US4[4] = { 198, 18, 0, 1 };
const uint8_t PEER4[4] = { 198, 18, 0, 2 };
const uint8_t FAR4[4] = { 198, 19, 5, 5 };
const uint8_t GW4[4] = { 198, 18, 0, 254 };
const uint8_t US6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
			  0,	0,    0,    0,	  0, 0, 0, 1 };
const uint8_t PEER6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
			    0,	  0,	0,    0,    0, 0, 0, 2 };

struct Out {
	std::vector<Bytes> frames;
	std::vector<intptr_t> sent, dropped;
};

void
tx(void *ctx, const uint8_t *f, size_t len)
{
	static_cast<Out *>(ctx)->frames.emplace_back(f, f + len);
}
void
sendp(void *ctx, void *pkt, const uint8_t *)
{
	static_cast<Out *>(ctx)->sent.push_back((intptr_t)pkt);
}
void
dropp(void *ctx, void *pkt)
{
	static_cast<Out *>(ctx)->dropped.push_back((intptr_t)pkt);
}

class Netif : public ::testing::Test
{
      protected:
	Out out;
	struct fsctp_netif *nif = nullptr;
	struct fsctp_net_rx res;

	void SetUp() override
	{
		struct fsctp_netif_config c = {};
		memcpy(c.mac, OUR_MAC, 6);
		c.n_v4 = 1;
		memcpy(c.v4[0].ip, US4, 4);
		c.v4[0].prefix = 24;
		c.n_v6 = 1;
		memcpy(c.v6[0].ip, US6, 16);
		c.v6[0].prefix = 64;
		c.has_gw4 = true;
		memcpy(c.gw4, GW4, 4);
		fsctp_neigh_config_defaults(&c.neigh);
		struct fsctp_netif_ops ops = { tx, sendp, dropp, &out };
		nif = fsctp_netif_create(&c, &ops);
		ASSERT_NE(nif, nullptr);
	}
	void TearDown() override
	{
		fsctp_netif_free(nif);
	}
	enum fsctp_net_verdict in(const Bytes &f)
	{
		return fsctp_netif_input(nif, f.data(), f.size(), 1000, &res);
	}
	const struct fsctp_net_stats *st()
	{
		return fsctp_netif_stats(nif);
	}
};

Bytes
arp_req(const uint8_t *tpa)
{
	struct fsctp_arp_info a = {};
	a.op = FSCTP_ARP_REQUEST;
	memcpy(a.sha, PEER_MAC, 6);
	memcpy(a.spa, PEER4, 4);
	memcpy(a.tpa, tpa, 4);
	Bytes b(FSCTP_ARP_LEN);
	fsctp_arp_build(b.data(), b.size(), &a);
	return eth(fsctp_eth_bcast, PEER_MAC, FSCTP_ETHERTYPE_ARP, b);
}

} // namespace

TEST(NetifConfig, RejectsNoAddressAndMissingCallbacks)
{
	struct fsctp_netif_config c = {};
	struct fsctp_netif_ops ops = { tx, sendp, dropp, nullptr };

	fsctp_neigh_config_defaults(&c.neigh);
	errno = 0;
	EXPECT_EQ(fsctp_netif_create(&c, &ops), nullptr);
	EXPECT_EQ(errno, EINVAL);
	c.n_v4 = 1;
	ops.tx_frame = nullptr;
	EXPECT_EQ(fsctp_netif_create(&c, &ops), nullptr);
}

TEST_F(Netif, AnswersArpForUsAndLearnsSender)
{
	ASSERT_EQ(in(arp_req(US4)), FSCTP_NET_DONE);
	ASSERT_EQ(out.frames.size(), 1u);
	Bytes &f = out.frames[0];
	struct fsctp_eth_info e;
	struct fsctp_arp_info a;
	ASSERT_EQ(fsctp_eth_parse(f.data(), f.size(), &e), 0);
	EXPECT_EQ(memcmp(e.dst, PEER_MAC, 6), 0);
	EXPECT_EQ(memcmp(e.src, OUR_MAC, 6), 0);
	ASSERT_EQ(fsctp_arp_parse(f.data() + 14, f.size() - 14, &a), 0);
	EXPECT_EQ(a.op, FSCTP_ARP_REPLY);
	EXPECT_EQ(memcmp(a.sha, OUR_MAC, 6), 0);
	EXPECT_EQ(memcmp(a.spa, US4, 4), 0);
	EXPECT_EQ(memcmp(a.tpa, PEER4, 4), 0);
	EXPECT_EQ(st()->arp_replies, 1u);
	/* The sender was learnt: routing to it needs no probe. */
	struct fsctp_addr d;
	uint8_t mac[6];
	fsctp_addr_set_v4(&d, 198, 18, 0, 2, 9);
	ASSERT_EQ(fsctp_netif_route(nif, &d, nullptr, 1001, mac), 0);
	EXPECT_EQ(memcmp(mac, PEER_MAC, 6), 0);
}

TEST_F(Netif, IgnoresArpForOthersAndForeignUnicast)
{
	EXPECT_EQ(in(arp_req(FAR4)), FSCTP_NET_DROP);
	EXPECT_TRUE(out.frames.empty());
	EXPECT_EQ(st()->rx_not_ours, 1u);
	Bytes f = arp_req(US4);
	memcpy(f.data(), PEER_MAC, 6); /* unicast to someone else */
	EXPECT_EQ(in(f), FSCTP_NET_DROP);
	EXPECT_EQ(st()->rx_not_ours, 2u);
	Bytes t(13, 0);
	EXPECT_EQ(in(t), FSCTP_NET_DROP);
	EXPECT_EQ(st()->rx_bad_eth, 1u);
}

TEST_F(Netif, AnswersIcmpEcho)
{
	Bytes req = { 8, 0, 0, 0, 0, 1, 0, 1, 'p', 'i', 'n', 'g' };
	set_csum(req, 0, req.size());
	Bytes f = eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4,
		      ipv4(FAR4, US4, FSCTP_IPPROTO_ICMP, req));
	ASSERT_EQ(in(f), FSCTP_NET_DONE);
	ASSERT_EQ(out.frames.size(), 1u);
	Bytes &r = out.frames[0];
	struct fsctp_ipv4_info ip;
	ASSERT_EQ(fsctp_ipv4_parse(r.data() + 14, r.size() - 14, &ip, NULL), 0);
	EXPECT_EQ(memcmp(ip.dst, FAR4, 4), 0);
	EXPECT_EQ(memcmp(ip.src, US4, 4), 0);
	EXPECT_TRUE(ip.df);
	EXPECT_EQ(ip.payload[0], FSCTP_ICMP_ECHO_REPLY);
	EXPECT_EQ(fsctp_csum(ip.payload, ip.payload_len), 0);
	EXPECT_EQ(memcmp(r.data(), PEER_MAC, 6), 0);
	EXPECT_EQ(st()->icmp_echo, 1u);
}

TEST_F(Netif, HandsSctpUpWithAddressesAndOffset)
{
	Bytes f = eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4,
		      ipv4(PEER4, US4, FSCTP_IPPROTO_SCTP,
			   sctp(5000, 36412, 0x12345678)));
	f.resize(f.size() + 6, 0); /* Ethernet padding is not SCTP */
	ASSERT_EQ(in(f), FSCTP_NET_SCTP);
	EXPECT_EQ(res.l4_off, 34u);
	EXPECT_EQ(res.l4_len, 12u);
	EXPECT_EQ(res.src.family, FSCTP_AF_INET4);
	EXPECT_EQ(res.src.port, 5000);
	EXPECT_EQ(res.dst.port, 36412);
	EXPECT_EQ(memcmp(res.src.ip.v4, PEER4, 4), 0);
	EXPECT_EQ(memcmp(res.dst.ip.v4, US4, 4), 0);

	/* IPv6 too. */
	f = eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
		ipv6(PEER6, US6, FSCTP_IPPROTO_SCTP, 64, sctp(1, 2, 3)));
	ASSERT_EQ(in(f), FSCTP_NET_SCTP);
	EXPECT_EQ(res.l4_off, 54u);
	EXPECT_EQ(res.dst.family, FSCTP_AF_INET6);
	EXPECT_EQ(st()->sctp_rx, 2u);
}

TEST_F(Netif, DropsAndCountsFragmentsShortSctpAndBadHeaders)
{
	Bytes ip = ipv4(PEER4, US4, FSCTP_IPPROTO_SCTP, sctp(1, 2, 3));
	ip[6] = 0x20; /* MF */
	ip[10] = ip[11] = 0;
	uint16_t c = fsctp_csum(ip.data(), 20);
	ip[10] = (uint8_t)(c >> 8);
	ip[11] = (uint8_t)c;
	EXPECT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4, ip)),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->ip4_frags, 1u);

	Bytes s = ipv4(PEER4, US4, FSCTP_IPPROTO_SCTP, Bytes(11, 0));
	EXPECT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4, s)),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->sctp_short, 1u);

	Bytes b = ipv4(PEER4, US4, FSCTP_IPPROTO_SCTP, sctp(1, 2, 3));
	b[11] ^= 0x55;
	EXPECT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4, b)),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->ip4_bad_csum, 1u);

	Bytes f6 = { FSCTP_IPPROTO_SCTP, 0, 0, 1, 0, 0, 0, 1 };
	Bytes pl = sctp(1, 2, 3);
	f6.insert(f6.end(), pl.begin(), pl.end());
	EXPECT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
			 ipv6(PEER6, US6, 44, 64, f6))),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->ip6_frags, 1u);

	Bytes u = ipv4(PEER4, US4, 17, Bytes(8, 0));
	EXPECT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4, u)),
		  FSCTP_NET_DROP);
	EXPECT_EQ(st()->other_proto, 1u);
	EXPECT_TRUE(out.frames.empty());
}

TEST_F(Netif, AnswersNeighborSolicitationAndEcho6)
{
	uint8_t sn[16], mm[6];
	Bytes ns(FSCTP_ND_LEN);

	fsctp_nd_solicited_node(US6, sn);
	fsctp_ipv6_mcast_mac(sn, mm);
	fsctp_nd_build(ns.data(), ns.size(), FSCTP_ND_NS, 0, US6, PEER_MAC,
		       PEER6, sn);
	ASSERT_EQ(in(eth(mm, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
			 ipv6(PEER6, sn, FSCTP_IPPROTO_ICMPV6, 255, ns))),
		  FSCTP_NET_DONE);
	ASSERT_EQ(out.frames.size(), 1u);
	Bytes &r = out.frames[0];
	EXPECT_EQ(memcmp(r.data(), PEER_MAC, 6), 0);
	struct fsctp_ipv6_info ip;
	ASSERT_EQ(fsctp_ipv6_parse(r.data() + 14, r.size() - 14, &ip, NULL), 0);
	EXPECT_EQ(ip.hop_limit, 255);
	EXPECT_EQ(memcmp(ip.src, US6, 16), 0);
	EXPECT_EQ(memcmp(ip.dst, PEER6, 16), 0);
	struct fsctp_nd_info na;
	ASSERT_EQ(fsctp_nd_parse(ip.src, ip.dst, ip.hop_limit, ip.l4, ip.l4_len,
				 &na),
		  0);
	EXPECT_EQ(na.type, FSCTP_ND_NA);
	EXPECT_EQ(na.flags, FSCTP_ND_FLAG_S | FSCTP_ND_FLAG_O);
	EXPECT_EQ(memcmp(na.lla, OUR_MAC, 6), 0);
	EXPECT_EQ(st()->nd_na_sent, 1u);

	/* NS for an address that is not ours: silence. */
	uint8_t other[16];
	memcpy(other, US6, 16);
	other[15] = 0x77;
	fsctp_nd_build(ns.data(), ns.size(), FSCTP_ND_NS, 0, other, PEER_MAC,
		       PEER6, sn);
	EXPECT_EQ(in(eth(mm, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
			 ipv6(PEER6, sn, FSCTP_IPPROTO_ICMPV6, 255, ns))),
		  FSCTP_NET_DROP);
	EXPECT_EQ(out.frames.size(), 1u);

	/* Echo. */
	Bytes req = { 128, 0, 0, 0, 0, 9, 0, 1, 'a' };
	set_csum6(req, PEER6, US6);
	ASSERT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
			 ipv6(PEER6, US6, FSCTP_IPPROTO_ICMPV6, 64, req))),
		  FSCTP_NET_DONE);
	ASSERT_EQ(out.frames.size(), 2u);
	Bytes &e = out.frames[1];
	ASSERT_EQ(fsctp_ipv6_parse(e.data() + 14, e.size() - 14, &ip, NULL), 0);
	EXPECT_EQ(ip.l4[0], FSCTP_ICMP6_ECHO_REPLY);
	EXPECT_EQ(fsctp_icmp6_csum(ip.src, ip.dst, ip.l4, ip.l4_len), 0);
}

TEST_F(Netif, ResolvesPeerOverNdAndReleasesQueue)
{
	struct fsctp_addr d = {};
	uint8_t mac[6];

	d.family = FSCTP_AF_INET6;
	memcpy(d.ip.v6, PEER6, 16);
	ASSERT_EQ(fsctp_netif_route(nif, &d, (void *)5, 0, mac), 1);
	ASSERT_EQ(out.frames.size(), 1u); /* the NS */
	struct fsctp_ipv6_info ip;
	Bytes &ns = out.frames[0];
	ASSERT_EQ(fsctp_ipv6_parse(ns.data() + 14, ns.size() - 14, &ip, NULL),
		  0);
	EXPECT_EQ(ip.dst[0], 0xff);
	EXPECT_EQ(ns[0], 0x33);
	/* The NA arrives. */
	Bytes na(FSCTP_ND_LEN);
	fsctp_nd_build(na.data(), na.size(), FSCTP_ND_NA,
		       FSCTP_ND_FLAG_S | FSCTP_ND_FLAG_O, PEER6, PEER_MAC,
		       PEER6, US6);
	ASSERT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV6,
			 ipv6(PEER6, US6, FSCTP_IPPROTO_ICMPV6, 255, na))),
		  FSCTP_NET_DONE);
	ASSERT_EQ(out.sent.size(), 1u);
	EXPECT_EQ(out.sent[0], 5);
	ASSERT_EQ(fsctp_netif_route(nif, &d, nullptr, 1, mac), 0);
	EXPECT_EQ(memcmp(mac, PEER_MAC, 6), 0);
}

TEST_F(Netif, RoutesOnLinkViaGatewayOrNot)
{
	struct fsctp_addr d;
	uint8_t mac[6];

	/* Off-link IPv4 goes to the gateway: the ARP asks for it. */
	fsctp_addr_set_v4(&d, 198, 19, 5, 5, 1);
	ASSERT_EQ(fsctp_netif_route(nif, &d, nullptr, 0, mac), 1);
	ASSERT_EQ(out.frames.size(), 1u);
	struct fsctp_arp_info a;
	ASSERT_EQ(fsctp_arp_parse(out.frames[0].data() + 14,
				  out.frames[0].size() - 14, &a),
		  0);
	EXPECT_EQ(memcmp(a.tpa, GW4, 4), 0);
	EXPECT_EQ(memcmp(a.spa, US4, 4), 0);
	/* Off-link IPv6 with no gateway is unreachable. */
	d.family = FSCTP_AF_INET6;
	memset(d.ip.v6, 0, 16);
	d.ip.v6[0] = 0x20;
	d.ip.v6[1] = 0x01;
	d.ip.v6[2] = 0x0d;
	d.ip.v6[3] = 0xb9;
	EXPECT_EQ(fsctp_netif_route(nif, &d, nullptr, 0, mac), -ENETUNREACH);
	EXPECT_EQ(st()->tx_no_route, 1u);
}

/* What the runtime's egress-by-destination choice asks: on the link
 * (inside one of the interface's prefixes, or IPv6 link-local) beats the
 * longest matching static route, which beats the gateway; the next hop
 * is the destination, the route's, or the gateway. */
TEST_F(Netif, ReachOnLinkThenLongestRouteThenGateway)
{
	struct fsctp_addr d;
	const uint8_t *nh = nullptr;

	fsctp_addr_set_v4(&d, US4[0], US4[1], US4[2], 200, 1);
	EXPECT_EQ(fsctp_netif_reach(nif, &d, &nh), FSCTP_NETIF_ON_LINK);
	EXPECT_EQ(nh, d.ip.v4);
	fsctp_addr_set_v4(&d, 198, 19, 5, 5, 1);
	EXPECT_EQ(fsctp_netif_reach(nif, &d, &nh), 0);
	EXPECT_EQ(memcmp(nh, GW4, 4), 0);
	d.family = FSCTP_AF_INET6;
	memcpy(d.ip.v6, US6, 16);
	d.ip.v6[15] ^= 0x55;
	EXPECT_EQ(fsctp_netif_reach(nif, &d, nullptr), FSCTP_NETIF_ON_LINK);
	d.ip.v6[3] ^= 0x01;
	EXPECT_EQ(fsctp_netif_reach(nif, &d, nullptr), -1); /* no gw6 */
	memset(d.ip.v6, 0, 16);
	d.ip.v6[0] = 0xfe;
	d.ip.v6[1] = 0x80;
	d.ip.v6[15] = 7;
	EXPECT_EQ(fsctp_netif_reach(nif, &d, nullptr), FSCTP_NETIF_ON_LINK);
	EXPECT_EQ(fsctp_netif_reach(nif, nullptr, nullptr), -1);
}

TEST(NetifRoutes, LongestPrefixNextHopIsResolved)
{
	Out out;
	struct fsctp_netif_config c = {};
	memcpy(c.mac, OUR_MAC, 6);
	c.n_v4 = 1;
	memcpy(c.v4[0].ip, US4, 4); /* 198.18.0.1/24 */
	c.v4[0].prefix = 24;
	c.has_gw4 = true;
	memcpy(c.gw4, GW4, 4);
	/* 198.18.4.0/22 via .0.250, 198.18.5.0/24 via .0.251. */
	c.n_routes = 2;
	const uint8_t p22[4] = { 198, 18, 4, 0 }, p24[4] = { 198, 18, 5, 0 };
	const uint8_t via1[4] = { 198, 18, 0, 250 },
		      via2[4] = { 198, 18, 0, 251 };
	c.routes[0].family = c.routes[1].family = FSCTP_AF_INET4;
	c.routes[0].len = 22;
	memcpy(c.routes[0].prefix, p22, 4);
	memcpy(c.routes[0].via, via1, 4);
	c.routes[1].len = 24;
	memcpy(c.routes[1].prefix, p24, 4);
	memcpy(c.routes[1].via, via2, 4);
	fsctp_neigh_config_defaults(&c.neigh);
	struct fsctp_netif_ops ops = { tx, sendp, dropp, &out };
	struct fsctp_netif *n = fsctp_netif_create(&c, &ops);
	ASSERT_NE(n, nullptr);
	struct fsctp_addr d;
	uint8_t mac[6];
	const uint8_t *nh = nullptr;
	struct fsctp_arp_info a;

	/* 198.18.5.9: both routes match, the /24 wins. */
	fsctp_addr_set_v4(&d, 198, 18, 5, 9, 1);
	EXPECT_EQ(fsctp_netif_reach(n, &d, &nh), 24);
	EXPECT_EQ(memcmp(nh, via2, 4), 0);
	ASSERT_EQ(fsctp_netif_route(n, &d, nullptr, 0, mac), 1);
	ASSERT_EQ(out.frames.size(), 1u);
	ASSERT_EQ(fsctp_arp_parse(out.frames[0].data() + 14,
				  out.frames[0].size() - 14, &a),
		  0);
	EXPECT_EQ(memcmp(a.tpa, via2, 4), 0);
	/* 198.18.6.9: only the /22. */
	fsctp_addr_set_v4(&d, 198, 18, 6, 9, 1);
	EXPECT_EQ(fsctp_netif_reach(n, &d, &nh), 22);
	EXPECT_EQ(memcmp(nh, via1, 4), 0);
	/* 198.18.8.9: neither, the gateway. */
	fsctp_addr_set_v4(&d, 198, 18, 8, 9, 1);
	EXPECT_EQ(fsctp_netif_reach(n, &d, &nh), 0);
	EXPECT_EQ(memcmp(nh, GW4, 4), 0);
	fsctp_netif_free(n);
}

TEST_F(Netif, BuildsHeadersThatParseBack)
{
	struct fsctp_addr s, d;
	uint8_t buf[128];

	fsctp_addr_set_v4(&s, 198, 18, 0, 1, 1);
	fsctp_addr_set_v4(&d, 198, 18, 0, 2, 2);
	size_t h = fsctp_netif_build_hdr(nif, buf, sizeof(buf), PEER_MAC, &s,
					 &d, 12, true);
	ASSERT_EQ(h, fsctp_netif_hdr_len(nif, FSCTP_AF_INET4));
	memset(buf + h, 0, 12);
	struct fsctp_ipv4_info ip;
	ASSERT_EQ(fsctp_ipv4_parse(buf + 14, h - 14 + 12, &ip, NULL), 0);
	EXPECT_TRUE(ip.df);
	EXPECT_EQ(ip.proto, FSCTP_IPPROTO_SCTP);
	EXPECT_EQ(ip.payload_len, 12);
	/* Mixed families and short buffers are refused. */
	d.family = FSCTP_AF_INET6;
	EXPECT_EQ(fsctp_netif_build_hdr(nif, buf, sizeof(buf), PEER_MAC, &s, &d,
					12, true),
		  0u);
	d.family = FSCTP_AF_INET4;
	EXPECT_EQ(
		fsctp_netif_build_hdr(nif, buf, 33, PEER_MAC, &s, &d, 12, true),
		0u);
}

TEST_F(Netif, IcmpErrorQuotingSctpIsReportedForTagCheck)
{
	Bytes q = ipv4(US4, FAR4, FSCTP_IPPROTO_SCTP, sctp(9, 10, 0x55aa55aa));
	Bytes m = { 3, 4, 0, 0, 0, 0, 0x05, 0x00 };
	m.insert(m.end(), q.begin(), q.end());
	set_csum(m, 0, m.size());
	ASSERT_EQ(in(eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4,
			 ipv4(GW4, US4, FSCTP_IPPROTO_ICMP, m))),
		  FSCTP_NET_PMTU);
	EXPECT_EQ(res.quote.vtag, 0x55aa55aau);
	EXPECT_EQ(res.quote.mtu, 0x500u);
	EXPECT_EQ(st()->icmp_pmtu, 1u);
}

TEST(NetAddr, ParsesAndRejects)
{
	uint8_t fam, ip[16], pl;

	ASSERT_EQ(fsctp_net_parse_addr("198.18.0.1/15", &fam, ip, &pl), 0);
	EXPECT_EQ(fam, FSCTP_AF_INET4);
	EXPECT_EQ(pl, 15);
	EXPECT_EQ(ip[0], 198);
	ASSERT_EQ(fsctp_net_parse_addr("2001:db8::1", &fam, ip, &pl), 0);
	EXPECT_EQ(fam, FSCTP_AF_INET6);
	EXPECT_EQ(pl, 128);
	EXPECT_EQ(ip[15], 1);
	EXPECT_EQ(fsctp_net_parse_addr("198.18.0.300", &fam, ip, &pl), -EINVAL);
	EXPECT_EQ(fsctp_net_parse_addr("198.18.0.1/33", &fam, ip, &pl),
		  -EINVAL);
	EXPECT_EQ(fsctp_net_parse_addr("198.18.0.1/", &fam, ip, &pl), -EINVAL);
	EXPECT_EQ(fsctp_net_parse_addr("2001:db8::1/129", &fam, ip, &pl),
		  -EINVAL);
	EXPECT_EQ(fsctp_net_parse_addr("", &fam, ip, &pl), -EINVAL);
	EXPECT_EQ(fsctp_net_parse_addr("bogus", &fam, ip, &pl), -EINVAL);
}

TEST_F(Netif, AcceptsOnlyItsVlan)
{
	/* Untagged interface: a tagged frame is another VLAN's. */
	Bytes pl = ipv4(PEER4, US4, FSCTP_IPPROTO_SCTP, sctp(1, 2, 3));
	Bytes f(18 + pl.size());
	fsctp_eth_build(f.data(), f.size(), OUR_MAC, PEER_MAC,
			FSCTP_ETHERTYPE_IPV4, 10);
	memcpy(f.data() + 18, pl.data(), pl.size());
	EXPECT_EQ(in(f), FSCTP_NET_DROP);
	EXPECT_EQ(st()->rx_other_vlan, 1u);

	/* A VLAN 10 interface takes VID 10 (any priority), not 11 or
	 * untagged, and tags what it sends. */
	struct fsctp_netif_config c = {};
	memcpy(c.mac, OUR_MAC, 6);
	c.vlan = true;
	c.vlan_tci = 10;
	c.n_v4 = 1;
	memcpy(c.v4[0].ip, US4, 4);
	c.v4[0].prefix = 24;
	fsctp_neigh_config_defaults(&c.neigh);
	struct fsctp_netif_ops ops = { tx, sendp, dropp, &out };
	struct fsctp_netif *v = fsctp_netif_create(&c, &ops);
	ASSERT_NE(v, nullptr);
	struct fsctp_net_rx r;
	f[14] = 0xa0; /* priority 5, VID 10 */
	EXPECT_EQ(fsctp_netif_input(v, f.data(), f.size(), 0, &r),
		  FSCTP_NET_SCTP);
	EXPECT_EQ(r.l4_off, 38u);
	f[15] = 11;
	EXPECT_EQ(fsctp_netif_input(v, f.data(), f.size(), 0, &r),
		  FSCTP_NET_DROP);
	Bytes u = eth(OUR_MAC, PEER_MAC, FSCTP_ETHERTYPE_IPV4, pl);
	EXPECT_EQ(fsctp_netif_input(v, u.data(), u.size(), 0, &r),
		  FSCTP_NET_DROP);
	EXPECT_EQ(fsctp_netif_stats(v)->rx_other_vlan, 2u);
	EXPECT_EQ(fsctp_netif_hdr_len(v, FSCTP_AF_INET4), 38u);
	fsctp_netif_free(v);
}
