/* SPDX-License-Identifier: BSD-3-Clause */
/* SCTP over UDP (RFC 6951) in library mode: two stacks on the in-process
 * ring pair (main() is in test_rt_ring.cc), every frame on the link looked
 * at: remote ports learnt per path, replies to the learnt port, raw SCTP
 * turning encapsulation off, the path MTU 8 bytes smaller. */
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rt_test_env.h"

extern "C" {
#include <rte_ethdev.h>
#include "fsctp_counters.h"
#include "fsctp_rt_lcore.h"
#include "fsctp_udp.h"
#include "fsctp_wire.h"
}

namespace
{

struct USide {
	struct fsctp_rt_lcore *lib = nullptr;
	fsctp_assoc_id_t up_id = 0;
	uint16_t port_id = 0;
	std::vector<std::string> data;
	/* Frames this side sent: raw SCTP, and UDP with their ports. */
	unsigned raw = 0, udp = 0;
	uint16_t last_usport = 0, last_udport = 0;
	size_t max_frame = 0;
};

void
u_event(void *ctx, struct fsctp_rt_lcore *lib, const struct fsctp_event *ev)
{
	USide *s = static_cast<USide *>(ctx);
	if (ev->type == FSCTP_EV_COMM_UP)
		s->up_id = ev->assoc_id;
	if (ev->type == FSCTP_EV_DATA && ev->msg != nullptr) {
		s->data.emplace_back((const char *)ev->msg->data, ev->msg->len);
		fsctp_msg_free(fsctp_rt_lcore_stack(lib), ev->msg);
	}
}

class UdpEncaps : public ::testing::Test
{
      protected:
	USide a, b;

	void make(USide &s, int port, uint16_t encaps, uint16_t remote,
		  uint32_t edmid = 0)
	{
		struct fsctp_rt_lcore_config c = {};
		fsctp_stack_config_defaults(&c.stack);
		c.stack.zero_csum_edmid = edmid;
		c.n_ifs = 1;
		c.ifs[0].port_id = fptest::g_ports.port[port].port_id;
		c.ifs[0].net = fptest::g_cfg.ports[port].net;
		memcpy(c.ifs[0].net.mac, fptest::g_ports.port[port].mac, 6);
		c.ifs[0].tx_ip4_cksum = fptest::g_ports.port[port].tx_ip4_cksum;
		c.ifs[0].tx_sctp_cksum =
			fptest::g_ports.port[port].tx_sctp_cksum;
		c.pool = fptest::g_ports.port[port].pool;
		c.tx_fifo = 256;
		c.event = u_event;
		c.ctx = &s;
		c.udp_encaps_port = encaps;
		c.udp_remote_port = remote;
		s.port_id = c.ifs[0].port_id;
		s.lib = fsctp_rt_lcore_create(&c, fsctp_rt_now_us());
		ASSERT_NE(s.lib, nullptr) << rte_strerror(rte_errno);
	}
	void TearDown() override
	{
		pump(2);
		fsctp_rt_lcore_free(a.lib);
		fsctp_rt_lcore_free(b.lib);
		struct rte_mbuf *m[32];
		for (uint16_t p : { a.port_id, b.port_id }) {
			uint16_t n;
			while ((n = rte_eth_rx_burst(p, 0, m, 32)) > 0)
				rte_pktmbuf_free_bulk(m, n);
		}
	}
	/* Note what leaves: IPv4/IPv6 carrying SCTP or UDP. */
	static void look(USide &s, struct rte_mbuf *m)
	{
		const uint8_t *f = rte_pktmbuf_mtod(m, const uint8_t *);
		uint32_t len = rte_pktmbuf_data_len(m);
		const uint8_t *l4;
		uint8_t proto;

		if (len > s.max_frame)
			s.max_frame = len;
		if (len >= 14 + 20 + 8 && f[12] == 0x08 && f[13] == 0x00) {
			proto = f[14 + 9];
			l4 = f + 14 + 20;
		} else if (len >= 14 + 40 + 8 && f[12] == 0x86 &&
			   f[13] == 0xdd) {
			proto = f[14 + 6];
			l4 = f + 14 + 40;
		} else {
			return;
		}
		if (proto == 132)
			s.raw++;
		if (proto == FSCTP_IPPROTO_UDP) {
			s.udp++;
			s.last_usport = fsctp_rd16(l4);
			s.last_udport = fsctp_rd16(l4 + 2);
		}
	}
	void turn(USide &s)
	{
		struct rte_mbuf *m[32];
		uint64_t now = fsctp_rt_now_us();
		uint16_t n = rte_eth_rx_burst(s.port_id, 0, m, 32);
		fsctp_rt_lcore_rx_bulk(s.lib, 0, m, n, now);
		fsctp_rt_lcore_process(s.lib, now);
		while ((n = fsctp_rt_lcore_tx_bulk(s.lib, 0, m, 32)) > 0) {
			for (uint16_t i = 0; i < n; i++)
				look(s, m[i]);
			uint16_t k = rte_eth_tx_burst(s.port_id, 0, m, n);
			if (k < n)
				rte_pktmbuf_free_bulk(m + k, n - k);
		}
	}
	void pump(int turns)
	{
		for (int i = 0; i < turns; i++) {
			turn(a);
			turn(b);
		}
	}
	template <typename F> bool pump_until(F done)
	{
		uint64_t end = fsctp_rt_now_us() + 2000000;
		while (!done()) {
			if (fsctp_rt_now_us() > end)
				return false;
			pump(1);
		}
		return true;
	}
	bool up(const struct fsctp_addr &src, const struct fsctp_addr &dst)
	{
		EXPECT_EQ(fsctp_listen(fsctp_rt_lcore_stack(b.lib), 36412), 0);
		if (fsctp_connect(fsctp_rt_lcore_stack(a.lib), &src, &dst,
				  fsctp_rt_now_us()) <= 0)
			return false;
		return pump_until([&] { return a.up_id != 0 && b.up_id != 0; });
	}
	void exchange()
	{
		struct fsctp_sndinfo si = {};
		const std::string big(4000, 'x');
		ASSERT_EQ(fsctp_send(fsctp_rt_lcore_stack(a.lib), a.up_id, &si,
				     "ping", 4, fsctp_rt_now_us()),
			  0);
		ASSERT_EQ(fsctp_send(fsctp_rt_lcore_stack(b.lib), b.up_id, &si,
				     big.data(), big.size(), fsctp_rt_now_us()),
			  0);
		ASSERT_TRUE(pump_until(
			[&] { return !a.data.empty() && !b.data.empty(); }));
		EXPECT_EQ(b.data[0], "ping");
		EXPECT_EQ(a.data[0], big);
	}
	const struct fsctp_rt_lcore_stats *ls(USide &s)
	{
		return fsctp_rt_lcore_stats(s.lib);
	}
	const struct fsctp_net_stats *ns(USide &s)
	{
		return fsctp_netif_stats(fsctp_rt_lcore_netif(s.lib, 0));
	}
};

struct fsctp_addr
v4(int last, uint16_t port)
{
	struct fsctp_addr x;
	fsctp_addr_set_v4(&x, 198, 18, 0, (uint8_t)last, port);
	return x;
}

struct fsctp_addr
v6(int last, uint16_t port)
{
	struct fsctp_addr x = {};
	x.family = FSCTP_AF_INET6;
	x.port = port;
	const uint8_t p[4] = { 0x20, 0x01, 0x0d, 0xb8 };
	memcpy(x.ip.v6, p, 4);
	x.ip.v6[15] = (uint8_t)last;
	return x;
}

} // namespace

/* a connects in UDP (its default remote port, RFC 6951 6.1's use) from
 * its own encapsulation port 30000; b has no default and learns 30000
 * from the INIT (5.4) and answers there: every SCTP packet of the
 * association, both ways, is in UDP. */
TEST_F(UdpEncaps, Ipv4BothWaysToTheLearntPort)
{
	make(a, 0, 30000, FSCTP_UDP_ENCAPS_PORT);
	make(b, 1, FSCTP_UDP_ENCAPS_PORT, 0);
	ASSERT_TRUE(up(v4(1, 5000), v4(2, 36412)));
	exchange();
	EXPECT_EQ(a.raw, 0u);
	EXPECT_EQ(b.raw, 0u);
	EXPECT_GE(a.udp, 3u);
	EXPECT_GE(b.udp, 4u);
	EXPECT_EQ(a.last_usport, 30000);
	EXPECT_EQ(a.last_udport, FSCTP_UDP_ENCAPS_PORT);
	EXPECT_EQ(b.last_usport, FSCTP_UDP_ENCAPS_PORT);
	EXPECT_EQ(b.last_udport, 30000);
	EXPECT_EQ(ls(b)->udp_port_learnt, 1u);
	EXPECT_EQ(ls(a)->udp_port_learnt, 1u);
	EXPECT_EQ(ls(b)->tx_udp_encaps, b.udp);
	EXPECT_EQ(ns(b)->udp_rx, a.udp);
	EXPECT_EQ(ns(b)->udp_bad_csum + ns(a)->udp_bad_csum, 0u);
	struct fsctp_addr pa = v4(1, 5000);
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_get(b.lib, 36412, &pa), 30000);
	/* 5.6: the path MTU leaves room for the UDP header, and no frame is
	 * larger than the port's MTU allows. */
	EXPECT_EQ(fsctp_assoc_pmtu(fsctp_rt_lcore_stack(b.lib), b.up_id, &pa),
		  fptest::g_cfg.ports[1].mtu - 8u);
	EXPECT_LE(b.max_frame, 14u + fptest::g_cfg.ports[1].mtu);
	EXPECT_GT(b.max_frame, 14u + fptest::g_cfg.ports[1].mtu - 100u);
}

TEST_F(UdpEncaps, Ipv6BothWays)
{
	make(a, 0, FSCTP_UDP_ENCAPS_PORT, FSCTP_UDP_ENCAPS_PORT);
	make(b, 1, FSCTP_UDP_ENCAPS_PORT, 0);
	ASSERT_TRUE(up(v6(1, 5001), v6(2, 36412)));
	exchange();
	EXPECT_EQ(a.raw + b.raw, 0u);
	EXPECT_GE(b.udp, 4u);
	EXPECT_EQ(ns(a)->udp_rx, b.udp);
}

/* A peer that speaks raw SCTP gets raw SCTP, even from a stack with a
 * default remote port: RFC 6951 5.4, a raw packet disables encapsulation
 * for its path. */
TEST_F(UdpEncaps, RawPeerGetsRawSctp)
{
	make(a, 0, 0, 0);
	make(b, 1, FSCTP_UDP_ENCAPS_PORT, FSCTP_UDP_ENCAPS_PORT);
	ASSERT_TRUE(up(v4(1, 5002), v4(2, 36412)));
	exchange();
	EXPECT_EQ(a.udp + b.udp, 0u);
	EXPECT_GE(b.raw, 4u);
	EXPECT_EQ(ls(b)->tx_udp_encaps, 0u);
}

/* The remote port follows the peer (5.4: updated by each packet), and a
 * raw packet from it switches the path back to raw. */
TEST_F(UdpEncaps, PortChangesAndRawClears)
{
	make(a, 0, 30001, FSCTP_UDP_ENCAPS_PORT);
	make(b, 1, FSCTP_UDP_ENCAPS_PORT, 0);
	ASSERT_TRUE(up(v4(1, 5003), v4(2, 36412)));
	struct fsctp_addr peer = v4(1, 5003);
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_get(b.lib, 36412, &peer), 30001);

	/* a starts again with another encapsulation port. */
	fsctp_rt_lcore_free(a.lib);
	a = USide();
	make(a, 0, 30002, FSCTP_UDP_ENCAPS_PORT);
	/* Its new INIT (a restart for b) comes from the new port. */
	struct fsctp_addr src = v4(1, 5003), dst = v4(2, 36412);
	ASSERT_EQ(fsctp_connect(fsctp_rt_lcore_stack(a.lib), &src, &dst,
				fsctp_rt_now_us()) > 0,
		  true);
	ASSERT_TRUE(pump_until([&] { return ls(b)->udp_port_changed >= 1; }));
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_get(b.lib, 36412, &peer), 30002);

	fsctp_rt_lcore_free(a.lib);
	a = USide();
	make(a, 0, 0, 0);
	ASSERT_EQ(fsctp_connect(fsctp_rt_lcore_stack(a.lib), &src, &dst,
				fsctp_rt_now_us()) > 0,
		  true);
	ASSERT_TRUE(pump_until([&] { return ls(b)->udp_port_cleared >= 1; }));
	/* b's answers to the raw INIT are raw. */
	unsigned raw_before = b.raw;
	pump(4);
	EXPECT_GT(b.raw, raw_before);
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_get(b.lib, 36412, &peer), 0);
}

TEST_F(UdpEncaps, ConfigChecks)
{
	make(a, 0, FSCTP_UDP_ENCAPS_PORT, 0);
	make(b, 1, 0, 0);
	struct fsctp_addr p = v4(9, 1);
	/* No encapsulation: nothing to set. */
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_set(b.lib, 1, &p, 9899), -EINVAL);
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_get(b.lib, 1, &p), 0);
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_set(a.lib, 1, &p, 7777), 0);
	EXPECT_EQ(fsctp_rt_lcore_udp_encaps_get(a.lib, 1, &p), 7777);
	/* Bounded: each key probes 8 slots of the (here 1024) table; fill
	 * until a set fails, then count it. */
	int rc = 0;
	for (int i = 0; i < 5000 && rc == 0; i++) {
		struct fsctp_addr q = v4(10, (uint16_t)(i + 2));
		rc = fsctp_rt_lcore_udp_encaps_set(a.lib, 1, &q, 9899);
	}
	EXPECT_EQ(rc, -ENOSPC);
	EXPECT_GE(ls(a)->udp_table_full, 1u);

	/* A remote port without a local one is refused. */
	struct fsctp_rt_lcore_config c = {};
	fsctp_stack_config_defaults(&c.stack);
	c.n_ifs = 1;
	c.ifs[0].net = fptest::g_cfg.ports[0].net;
	c.pool = fptest::g_ports.port[0].pool;
	c.tx_fifo = 256;
	c.udp_remote_port = 9899;
	EXPECT_EQ(fsctp_rt_lcore_create(&c, 1), nullptr);
	c.udp_encaps_port = 9899;
	c.udp_table = 1000; /* not a power of two */
	EXPECT_EQ(fsctp_rt_lcore_create(&c, 1), nullptr);
}

/* RFC 9653 through the runtime: two stacks configured with the same EDMID
 * send DATA and SACKs with checksum 0 (here inside UDP, whose checksum
 * still covers them) and accept them; the handshake kept its CRC32c. */
TEST_F(UdpEncaps, ZeroChecksumBetweenAgreeingStacks)
{
	make(a, 0, FSCTP_UDP_ENCAPS_PORT, FSCTP_UDP_ENCAPS_PORT, 1);
	make(b, 1, FSCTP_UDP_ENCAPS_PORT, 0, 1);
	ASSERT_TRUE(up(v4(1, 5004), v4(2, 36412)));
	exchange();
	const struct fsctp_stack_counters *ca =
		fsctp_stack_counters(fsctp_rt_lcore_stack(a.lib));
	const struct fsctp_stack_counters *cb =
		fsctp_stack_counters(fsctp_rt_lcore_stack(b.lib));
	EXPECT_GE(ca->fsctp_tx_zero_csum, 2u);
	EXPECT_GE(cb->fsctp_tx_zero_csum, 3u);
	EXPECT_EQ(cb->fsctp_rx_zero_csum, ca->fsctp_tx_zero_csum);
	EXPECT_EQ(ca->sctpChecksumErrors + cb->sctpChecksumErrors, 0u);
}
