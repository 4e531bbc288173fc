/* SPDX-License-Identifier: BSD-3-Clause */
/* Runtime profiles: every shipped profile loads; each kind of bad profile
 * is rejected with a message naming the problem. No EAL is needed. */
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

extern "C" {
#include <rte_mbuf.h>

#include "fsctp_rt_engine.h"
#include "fsctp_rt_config.h"
}

#ifndef FSCTP_SOURCE_DIR
#error "FSCTP_SOURCE_DIR must be defined"
#endif

namespace
{

struct Loaded {
	int rc;
	std::string err;
	struct fsctp_rt_config cfg;
};

Loaded
load_path(const std::string &path)
{
	Loaded l;
	char err[512];
	l.rc = fsctp_rt_config_load(path.c_str(), &l.cfg, err, sizeof(err));
	l.err = err;
	return l;
}

Loaded
load_text(const std::string &text)
{
	char tmpl[] = "/tmp/fsctp-profile-XXXXXX";
	int fd = mkstemp(tmpl);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(write(fd, text.data(), text.size()), (ssize_t)text.size());
	close(fd);
	Loaded l = load_path(tmpl);
	unlink(tmpl);
	return l;
}

const std::string GOOD = "[eal]\nargs = --no-huge -m 256\n"
			 "[lcores]\nfastpath = 0\n"
			 "[port0]\nvdev = net_null0\nipv4 = 198.18.0.1/24\n";

} // namespace

TEST(FpConfig, ShippedProfilesLoad)
{
	const char *names[] = {
		"ring-pair.ini",      "tap-netns.ini",
		"af-packet-veth.ini", "memif-server.ini",
		"memif-client.ini",   "reference/ixgbe.ini",
		"reference/i40e.ini", "reference/ice.ini",
		"reference/mlx5.ini",
	};
	for (const char *n : names) {
		Loaded l = load_path(std::string(FSCTP_SOURCE_DIR) +
				     "/drivers-config/" + n);
		EXPECT_EQ(l.rc, 0) << n << ": " << l.err;
	}
	Loaded rp = load_path(std::string(FSCTP_SOURCE_DIR) +
			      "/drivers-config/ring-pair.ini");
	ASSERT_EQ(rp.rc, 0);
	EXPECT_EQ(rp.cfg.n_ports, 2);
	EXPECT_EQ(rp.cfg.ports[0].kind, FSCTP_RT_PORT_RING);
	EXPECT_STREQ(rp.cfg.ports[0].dev, "fsctp_rp");
	EXPECT_EQ(rp.cfg.ports[1].ring_side, 1);
	EXPECT_EQ(rp.cfg.ports[1].net.v4[0].ip[3], 2);
	EXPECT_EQ(rp.cfg.ports[1].net.v6[0].ip[15], 2);
	EXPECT_EQ(rp.cfg.ports[0].net.v4[0].prefix, 24);
	EXPECT_EQ(rp.cfg.n_listen, 1);
	EXPECT_EQ(rp.cfg.listen[0], 36412);
	EXPECT_EQ(rp.cfg.idle_sleep_us, 20u);
	Loaded ice = load_path(std::string(FSCTP_SOURCE_DIR) +
			       "/drivers-config/reference/ice.ini");
	EXPECT_EQ(ice.cfg.n_fastpath, 4);
	EXPECT_TRUE(ice.cfg.ports[0].rss_sctp);
	EXPECT_EQ(ice.cfg.ports[0].kind, FSCTP_RT_PORT_PCI);
	EXPECT_TRUE(ice.cfg.ports[0].net.has_gw4);
}

TEST(FpConfig, MinimalProfileDefaults)
{
	Loaded l = load_text(GOOD);
	ASSERT_EQ(l.rc, 0) << l.err;
	EXPECT_EQ(l.cfg.n_eal, 3);
	EXPECT_STREQ(l.cfg.eal[2], "256");
	EXPECT_EQ(l.cfg.ports[0].rx_queues, 1);
	EXPECT_EQ(l.cfg.ports[0].mtu, 1500);
	EXPECT_FALSE(l.cfg.ports[0].net.vlan);
}

/* [pools] rx_hold: by default half of what the queues, caches and rings
 * leave of the pool, per lcore; an explicit value within that; 0 turns
 * zero copy on receive off. */
TEST(FpConfig, RxHoldBudget)
{
	Loaded l = load_text(GOOD);
	ASSERT_EQ(l.rc, 0) << l.err;
	EXPECT_GT(l.cfg.rx_hold, 0u);
	EXPECT_LT(l.cfg.rx_hold, l.cfg.pool_mbufs / 2);
	l = load_text(GOOD + "[pools]\nrx_hold = 100\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	EXPECT_EQ(l.cfg.rx_hold, 100u);
	l = load_text(GOOD + "[pools]\nrx_hold = 0\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	EXPECT_EQ(l.cfg.rx_hold, 0u);
	l = load_text(GOOD + "[pools]\nrx_hold = 8000\n");
	EXPECT_EQ(l.rc, -EINVAL);
	EXPECT_NE(l.err.find("[pools] rx_hold = 8000"), std::string::npos)
		<< l.err;
}

/* Static routes per port: PREFIX/LEN via NEXTHOP, comma separated, the
 * next hop on the port's link (checked after every key is read, so the
 * order of the keys does not matter). */
TEST(FpConfig, PortRoutes)
{
	Loaded l = load_text(
		"[eal]\nargs = --no-huge -m 256\n[lcores]\nfastpath = 0\n"
		"[port0]\nvdev = net_null0\n"
		"routes = 198.18.4.0/22 via 198.18.0.250, "
		"2001:db8:4::/48 via 2001:db8::fe\n"
		"ipv4 = 198.18.0.1/24\nipv6 = 2001:db8::1/64\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	const struct fsctp_netif_config &n = l.cfg.ports[0].net;
	ASSERT_EQ(n.n_routes, 2u);
	EXPECT_EQ(n.routes[0].family, FSCTP_AF_INET4);
	EXPECT_EQ(n.routes[0].len, 22u);
	EXPECT_EQ(n.routes[0].via[3], 250u);
	EXPECT_EQ(n.routes[1].family, FSCTP_AF_INET6);
	EXPECT_EQ(n.routes[1].len, 48u);
	EXPECT_EQ(n.routes[1].via[15], 0xfeu);
}

TEST(FpConfig, SctpProtocolParameters)
{
	Loaded d = load_text(GOOD);
	ASSERT_EQ(d.rc, 0) << d.err;
	/* Unset keys keep the core's RFC 9260 section 16 defaults. */
	EXPECT_EQ(d.cfg.hb_interval_ms, UINT32_MAX);
	EXPECT_EQ(d.cfg.rto_min_ms, UINT32_MAX);
	EXPECT_EQ(d.cfg.path_max_retrans, UINT32_MAX);
	Loaded l = load_text(GOOD + "[sctp]\nhb_interval_ms = 0\n"
				    "rto_initial_ms = 200\nrto_min_ms = 100\n"
				    "rto_max_ms = 400\nassoc_max_retrans = 4\n"
				    "path_max_retrans = 3\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	EXPECT_EQ(l.cfg.hb_interval_ms, 0u);
	EXPECT_EQ(l.cfg.rto_initial_ms, 200u);
	EXPECT_EQ(l.cfg.rto_min_ms, 100u);
	EXPECT_EQ(l.cfg.rto_max_ms, 400u);
	EXPECT_EQ(l.cfg.assoc_max_retrans, 4u);
	EXPECT_EQ(l.cfg.path_max_retrans, 3u);
	EXPECT_FALSE(l.cfg.pf_set);
	Loaded bad = load_text(GOOD + "[sctp]\nrto_min_ms = 1\n");
	EXPECT_EQ(bad.rc, -EINVAL);
	EXPECT_NE(bad.err.find("rto_min_ms"), std::string::npos) << bad.err;
	/* RFC 7829 PF threshold: a number (0: quick failover) or off. */
	Loaded pf = load_text(GOOD + "[sctp]\npf_threshold = 0\n");
	ASSERT_EQ(pf.rc, 0) << pf.err;
	EXPECT_TRUE(pf.cfg.pf_set);
	EXPECT_EQ(pf.cfg.pf_threshold, 0u);
	Loaded off = load_text(GOOD + "[sctp]\npf_threshold = off\n");
	ASSERT_EQ(off.rc, 0) << off.err;
	EXPECT_EQ(off.cfg.pf_threshold, FSCTP_PF_OFF);
	EXPECT_EQ(load_text(GOOD + "[sctp]\npf_threshold = x\n").rc, -EINVAL);
}

/* RFC 6951 and RFC 9653 keys: both off unless asked for. */
TEST(FpConfig, UdpEncapsAndZeroChecksumKeys)
{
	Loaded d = load_text(GOOD);
	ASSERT_EQ(d.rc, 0) << d.err;
	EXPECT_FALSE(d.cfg.udp_encaps);
	EXPECT_EQ(d.cfg.udp_encaps_port, 9899);
	EXPECT_EQ(d.cfg.udp_remote_port, 0);
	EXPECT_EQ(d.cfg.zero_csum_edmid, 0u);
	struct fsctp_stack_config sc;
	fsctp_rt_config_stack(&d.cfg, &sc);
	EXPECT_EQ(sc.zero_csum_edmid, 0u);
	Loaded l = load_text(GOOD + "[sctp]\nudp_encaps = on\n"
				    "udp_encaps_port = 30000\n"
				    "udp_remote_port = 9899\nudp_table = 256\n"
				    "zero_checksum_edmid = 1\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	EXPECT_TRUE(l.cfg.udp_encaps);
	EXPECT_EQ(l.cfg.udp_encaps_port, 30000);
	EXPECT_EQ(l.cfg.udp_remote_port, 9899);
	EXPECT_EQ(l.cfg.udp_table, 256u);
	fsctp_rt_config_stack(&l.cfg, &sc);
	EXPECT_EQ(sc.zero_csum_edmid, 1u);
}

/* RFC 8899 PLPMTUD keys; MAX_PLPMTU kept within the port MTU and one
 * mbuf of the pool. */
TEST(FpConfig, PlpmtudKeys)
{
	Loaded d = load_text(GOOD);
	ASSERT_EQ(d.rc, 0) << d.err;
	struct fsctp_stack_config sc;
	fsctp_rt_config_stack(&d.cfg, &sc);
	EXPECT_FALSE(sc.plpmtud);
	Loaded l = load_text(GOOD + "[sctp]\nplpmtud = 1\nplpmtud_max = 9000\n"
				    "plpmtud_probe_ms = 2000\n"
				    "plpmtud_raise_ms = 60000\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	EXPECT_EQ(l.cfg.plpmtud, 1);
	EXPECT_EQ(l.cfg.plpmtud_max, 9000);
	fsctp_rt_config_stack(&l.cfg, &sc);
	EXPECT_TRUE(sc.plpmtud);
	EXPECT_EQ(sc.plpmtud_max, 1500); /* the port's MTU */
	EXPECT_EQ(sc.plpmtud_probe_ms, 2000u);
	EXPECT_EQ(sc.plpmtud_raise_ms, 60000u);
	/* A jumbo port: one mbuf of 2176 bytes is the limit. */
	Loaded j = load_text(GOOD + "mtu = 9000\n[sctp]\nplpmtud = 1\n");
	ASSERT_EQ(j.rc, 0) << j.err;
	fsctp_rt_config_stack(&j.cfg, &sc);
	EXPECT_EQ(sc.plpmtud_max,
		  j.cfg.pool_data_room - RTE_PKTMBUF_HEADROOM - 18);
	Loaded bad = load_text(GOOD + "[sctp]\nplpmtud_probe_ms = 10\n");
	EXPECT_EQ(bad.rc, -EINVAL);
	EXPECT_NE(bad.err.find("plpmtud_probe_ms"), std::string::npos)
		<< bad.err;
}

/* RFC 6458 8.1.20, 8.1.21: partial delivery point and fragment
 * interleave level reach the stack's configuration; defaults 0 and 1. */
TEST(FpConfig, PartialDeliveryKeys)
{
	Loaded d = load_text(GOOD);
	ASSERT_EQ(d.rc, 0) << d.err;
	struct fsctp_stack_config sc;
	fsctp_rt_config_stack(&d.cfg, &sc);
	EXPECT_EQ(sc.pd_point, 0u);
	EXPECT_EQ(sc.frag_interleave, 1);
	Loaded l = load_text(GOOD +
			     "[sctp]\npd_point = 65536\nfrag_interleave = 2\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	fsctp_rt_config_stack(&l.cfg, &sc);
	EXPECT_EQ(sc.pd_point, 65536u);
	EXPECT_EQ(sc.frag_interleave, 2);
	Loaded bad = load_text(GOOD + "[sctp]\nfrag_interleave = 3\n");
	EXPECT_EQ(bad.rc, -EINVAL);
	EXPECT_NE(bad.err.find("frag_interleave"), std::string::npos)
		<< bad.err;
}

/* RFC 9260 5.1.3: the stateless-reply bucket (INIT ACK rate) keeps the
 * stack's hardening defaults unless a profile raises or switches it off;
 * a burst of 0 or a rate past the range is refused, naming the key. */
TEST(FpConfig, ReplyRateKeys)
{
	Loaded d = load_text(GOOD);
	ASSERT_EQ(d.rc, 0) << d.err;
	struct fsctp_stack_config sc, def;
	fsctp_stack_config_defaults(&def);
	fsctp_rt_config_stack(&d.cfg, &sc);
	EXPECT_EQ(sc.reply_rate, def.reply_rate);
	EXPECT_EQ(sc.reply_burst, def.reply_burst);
	EXPECT_EQ(sc.reply_rate, 10000u);
	Loaded l = load_text(
		GOOD + "[sctp]\nreply_rate = 250000\nreply_burst = 20000\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	fsctp_rt_config_stack(&l.cfg, &sc);
	EXPECT_EQ(sc.reply_rate, 250000u);
	EXPECT_EQ(sc.reply_burst, 20000u);
	Loaded off = load_text(GOOD + "[sctp]\nreply_rate = 0\n");
	ASSERT_EQ(off.rc, 0) << off.err;
	fsctp_rt_config_stack(&off.cfg, &sc);
	EXPECT_EQ(sc.reply_rate, 0u);
	EXPECT_EQ(sc.reply_burst, def.reply_burst);
	Loaded b0 = load_text(GOOD + "[sctp]\nreply_burst = 0\n");
	EXPECT_EQ(b0.rc, -EINVAL);
	EXPECT_NE(b0.err.find("reply_burst"), std::string::npos) << b0.err;
	Loaded big = load_text(GOOD + "[sctp]\nreply_rate = 100000001\n");
	EXPECT_EQ(big.rc, -EINVAL);
	EXPECT_NE(big.err.find("reply_rate"), std::string::npos) << big.err;
	Loaded txt = load_text(GOOD + "[sctp]\nreply_rate = fast\n");
	EXPECT_EQ(txt.rc, -EINVAL);
	EXPECT_NE(txt.err.find("reply_rate"), std::string::npos) << txt.err;
}

/* Send buffer and receive window per association: the stack's defaults
 * unless the profile sets them; a_rwnd below 1500 (RFC 9260 3.3.2) and
 * values past the range are refused, naming the key. */
TEST(FpConfig, BufferKeys)
{
	struct fsctp_stack_config sc, def;
	fsctp_stack_config_defaults(&def);
	Loaded d = load_text(GOOD);
	ASSERT_EQ(d.rc, 0) << d.err;
	fsctp_rt_config_stack(&d.cfg, &sc);
	EXPECT_EQ(sc.sndbuf, def.sndbuf);
	EXPECT_EQ(sc.rwnd, def.rwnd);
	Loaded l = load_text(GOOD + "[sctp]\nsndbuf = 65536\nrwnd = 32768\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	fsctp_rt_config_stack(&l.cfg, &sc);
	EXPECT_EQ(sc.sndbuf, 65536u);
	EXPECT_EQ(sc.rwnd, 32768u);
	for (const char *bad : { "rwnd = 1499", "sndbuf = 1023",
				 "sndbuf = 1073741825", "rwnd = big" }) {
		Loaded b = load_text(GOOD + "[sctp]\n" + bad + "\n");
		EXPECT_EQ(b.rc, -EINVAL) << bad;
		EXPECT_NE(b.err.find(std::string(bad).substr(0, 4)),
			  std::string::npos)
			<< b.err;
	}
}

/* RFC 4895 keys: AUTH off unless asked for; the chunk types required
 * authenticated go to the stack's configuration. */
TEST(FpConfig, AuthKeys)
{
	Loaded d = load_text(GOOD);
	ASSERT_EQ(d.rc, 0) << d.err;
	struct fsctp_stack_config sc;
	fsctp_rt_config_stack(&d.cfg, &sc);
	EXPECT_FALSE(sc.auth);
	EXPECT_FALSE(sc.asconf);
	EXPECT_EQ(sc.n_auth_chunks, 0);
	Loaded l = load_text(GOOD + "[sctp]\nauth = 1\nauth_chunks = 0,3,128\n"
				    "asconf = 1\n");
	ASSERT_EQ(l.rc, 0) << l.err;
	fsctp_rt_config_stack(&l.cfg, &sc);
	EXPECT_TRUE(sc.auth);
	EXPECT_TRUE(sc.asconf);
	ASSERT_EQ(sc.n_auth_chunks, 3);
	EXPECT_EQ(sc.auth_chunks[0], 0);
	EXPECT_EQ(sc.auth_chunks[1], 3);
	EXPECT_EQ(sc.auth_chunks[2], 128);
	for (const char *v : { "0,x", "256", "0,", "1,2,3,4,5,6,7,8,9" }) {
		Loaded bad =
			load_text(GOOD + "[sctp]\nauth_chunks = " + v + "\n");
		EXPECT_EQ(bad.rc, -EINVAL) << v;
		EXPECT_NE(bad.err.find("auth_chunks"), std::string::npos)
			<< bad.err;
	}
}

struct BadCase {
	const char *name;
	std::string text;
	const char *needle; /* must appear in the message */
};

class FpConfigBad : public ::testing::TestWithParam<BadCase>
{
};

TEST_P(FpConfigBad, RejectedWithNamedProblem)
{
	const BadCase &b = GetParam();
	Loaded l = load_text(b.text);
	EXPECT_EQ(l.rc, -EINVAL) << b.name;
	EXPECT_NE(l.err.find(b.needle), std::string::npos)
		<< b.name << ": message was: " << l.err;
	EXPECT_NE(l.err.find("profile /tmp/fsctp-profile-"), std::string::npos)
		<< "message names the file: " << l.err;
}

INSTANTIATE_TEST_SUITE_P(
	Profiles, FpConfigBad,
	::testing::Values(
		BadCase{ "unknown_section", GOOD + "[portz]\nfoo = 1\n",
			 "unknown section [portz]" },
		BadCase{ "unknown_key", GOOD + "mtu_size = 1500\n",
			 "[port0] unknown key 'mtu_size'" },
		BadCase{ "unknown_eal_key", "[eal]\nargz = -m 1\n",
			 "[eal] unknown key 'argz'" },
		BadCase{ "missing_port_section", "[eal]\nargs = --no-huge\n",
			 "no [port0] section" },
		BadCase{ "missing_port_device",
			 "[port0]\nipv4 = 198.18.0.1/24\n", "missing port" },
		BadCase{ "port_gap", GOOD + "[port2]\nvdev = x\n",
			 "[port2] without [port1]" },
		BadCase{ "bad_ipv4",
			 GOOD + "[port1]\nvdev=x\nipv4 = 198.18.0.300\n",
			 "cannot parse '198.18.0.300'" },
		BadCase{ "ipv6_in_ipv4_key",
			 GOOD + "[port1]\nvdev=x\nipv4 = 2001:db8::1\n",
			 "ipv4: cannot parse '2001:db8::1'" },
		BadCase{ "bad_prefix",
			 GOOD + "[port1]\nvdev=x\nipv6 = 2001:db8::1/200\n",
			 "cannot parse '2001:db8::1/200'" },
		BadCase{ "bad_gateway", GOOD + "gateway4 = gw.example\n",
			 "gateway4: cannot parse 'gw.example'" },
		BadCase{ "no_address", "[port0]\nvdev = net_null0\n",
			 "no ipv4 or ipv6 address" },
		BadCase{ "route_without_via",
			 GOOD + "routes = 198.18.4.0/24 198.18.0.250\n",
			 "PREFIX/LEN via NEXTHOP" },
		BadCase{ "route_mixed_families",
			 GOOD + "routes = 198.18.4.0/24 via 2001:db8::1\n",
			 "cannot read '198.18.4.0/24 via 2001:db8::1'" },
		BadCase{ "route_next_hop_off_link",
			 GOOD + "routes = 198.18.4.0/24 via 198.18.9.1\n",
			 "[port0] routes: next hop 1 of 1 is not on the port's "
			 "link" },
		BadCase{ "bad_number", GOOD + "mtu = lots\n",
			 "mtu = 'lots': not a number" },
		BadCase{ "mtu_range", GOOD + "mtu = 100\n", "out of range" },
		BadCase{ "bad_mac", GOOD + "mac = 02:00:00:00:00\n",
			 "mac = '02:00:00:00:00'" },
		BadCase{ "group_mac", GOOD + "mac = 01:00:5e:00:00:01\n",
			 "a group address" },
		BadCase{ "two_devices", GOOD + "pci = 0000:01:00.0\n",
			 "one of vdev, pci, ring" },
		BadCase{ "bad_ring",
			 GOOD + "[port1]\nring = rp\nipv4=198.18.0.2\n",
			 "NAME:a or NAME:b" },
		BadCase{ "bad_offload", GOOD + "offloads = tso\n",
			 "unknown 'tso'" },
		BadCase{ "bad_rss", GOOD + "rss = udp\n", "rss = 'udp'" },
		BadCase{ "queues_vs_lcores", GOOD + "rx_queues = 2\n",
			 "need one queue of each per lcore" },
		BadCase{ "pool_too_small", GOOD + "[pools]\nmbufs = 600\n",
			 "[pools] mbufs = 600: fewer than" },
		BadCase{ "bad_lcores",
			 "[lcores]\nfastpath = 3-1\n" +
				 GOOD.substr(GOOD.find("[port0]")),
			 "[lcores] fastpath" },
		BadCase{ "handoff_not_pow2",
			 GOOD + "[sctp]\nhandoff_ring = 1000\n",
			 "not a power of two" },
		BadCase{ "bad_listen", GOOD + "[sctp]\nlisten = 0\n",
			 "[sctp] listen = 0: out of range" },
		BadCase{ "udp_encaps_word", GOOD + "[sctp]\nudp_encaps = yes\n",
			 "expected on or off" },
		BadCase{ "udp_remote_without_encaps",
			 GOOD + "[sctp]\nudp_remote_port = 9899\n",
			 "needs udp_encaps = on" },
		BadCase{
			"udp_port_zero",
			GOOD + "[sctp]\nudp_encaps = on\nudp_encaps_port = 0\n",
			"udp_encaps_port" },
		BadCase{ "udp_table_not_pow2",
			 GOOD + "[sctp]\nudp_encaps = on\nudp_table = 1000\n",
			 "not a power of two" }),
	[](const ::testing::TestParamInfo<BadCase> &i) {
		return std::string(i.param.name);
	});

TEST(FpConfig, MissingFileIsENOENT)
{
	Loaded l = load_path("/nonexistent/fsctp.ini");
	EXPECT_EQ(l.rc, -ENOENT);
	EXPECT_NE(l.err.find("cannot open"), std::string::npos) << l.err;
}
