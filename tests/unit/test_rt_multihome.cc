/* SPDX-License-Identifier: BSD-3-Clause */
/* Multi-homing through the runtime's library mode: two stacks, each with
 * two ports on two subnets (tests/unit/ring-2path.ini), one association
 * over both paths (RFC 9260 5.1.2 address lists, 6.4 failover). The core
 * names the source address of each packet; the library sends it from the
 * port owning that address. One link is cut: the association goes on over
 * the other with nothing lost, and comes back when the link returns.
 *
 * tests/dpdk/multihome-veth.sh runs the same test on two veth pairs in a
 * network namespace: FSCTP_MH_PROFILE names its profile (net_af_packet
 * ports), FSCTP_MH_CUT and FSCTP_MH_RESTORE the commands that take the
 * first link down and up (ip link set ... down/up) instead of dropping
 * its frames in the test. */
#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rt_test_env.h"

extern "C" {
#include <rte_ethdev.h>
#include "fsctp_core.h"
#include "fsctp_rt_lcore.h"
#include "fsctp_neigh.h"
#include "fsctp_netif.h"
}

namespace
{

struct Side {
	struct fsctp_rt_lcore *lib = nullptr;
	uint16_t ports[2] = { 0, 0 };
	fsctp_assoc_id_t up_id = 0;
	std::vector<std::string> data;
	std::vector<uint8_t> addr_states;
	uint64_t sent_frames[2] = { 0, 0 }; /**< Per port, SCTP or not. */
};

void
on_event(void *ctx, struct fsctp_rt_lcore *lib, const struct fsctp_event *ev)
{
	Side *s = static_cast<Side *>(ctx);
	if (ev->type == FSCTP_EV_COMM_UP)
		s->up_id = ev->assoc_id;
	if (ev->type == FSCTP_EV_PEER_ADDR_CHANGE)
		s->addr_states.push_back(ev->addr_state);
	if (ev->type == FSCTP_EV_DATA && ev->msg != nullptr) {
		s->data.emplace_back((const char *)ev->msg->data, ev->msg->len);
		fsctp_msg_free(fsctp_rt_lcore_stack(lib), ev->msg);
	}
}

struct fsctp_addr
v4(int net, int host, uint16_t port)
{
	struct fsctp_addr x;
	fsctp_addr_set_v4(&x, 198, 18, (uint8_t)net, (uint8_t)host, port);
	return x;
}

class TwoPaths : public ::testing::Test
{
      protected:
	Side a, b;
	bool cut[2] = { false, false }; /**< Link i drops every frame. */

	void make(Side &s, int p0, int p1)
	{
		struct fsctp_rt_lcore_config c = {};
		fsctp_stack_config_defaults(&c.stack);
		/* Telecom settings (RFC 9260 section 16 allows them). */
		c.stack.rto_min_ms = 100;
		c.stack.rto_max_ms = 400;
		c.stack.rto_initial_ms = 200;
		c.stack.path_max_retrans = 2;
		c.stack.pf_threshold = 0;
		c.stack.hb_interval_ms = 200;
		c.n_ifs = 2;
		int ps[2] = { p0, p1 };
		for (int i = 0; i < 2; i++) {
			int p = ps[i];
			c.ifs[i].port_id = fptest::g_ports.port[p].port_id;
			c.ifs[i].net = fptest::g_cfg.ports[p].net;
			memcpy(c.ifs[i].net.mac, fptest::g_ports.port[p].mac,
			       6);
			c.ifs[i].tx_ip4_cksum =
				fptest::g_ports.port[p].tx_ip4_cksum;
			c.ifs[i].tx_sctp_cksum =
				fptest::g_ports.port[p].tx_sctp_cksum;
			s.ports[i] = c.ifs[i].port_id;
		}
		c.pool = fptest::g_ports.port[p0].pool;
		c.tx_fifo = 256;
		c.event = on_event;
		c.ctx = &s;
		s.lib = fsctp_rt_lcore_create(&c, fsctp_rt_now_us());
		ASSERT_NE(s.lib, nullptr) << rte_strerror(rte_errno);
	}
	void SetUp() override
	{
		make(a, 0, 2);
		make(b, 1, 3);
	}
	void TearDown() override
	{
		fsctp_rt_lcore_free(a.lib);
		fsctp_rt_lcore_free(b.lib);
		struct rte_mbuf *m[32];
		for (Side *s : { &a, &b })
			for (uint16_t p : s->ports) {
				uint16_t n;
				while ((n = rte_eth_rx_burst(p, 0, m, 32)) > 0)
					rte_pktmbuf_free_bulk(m, n);
			}
	}
	void turn(Side &s)
	{
		struct rte_mbuf *m[32];
		uint64_t now = fsctp_rt_now_us();
		for (uint16_t i = 0; i < 2; i++) {
			uint16_t n = rte_eth_rx_burst(s.ports[i], 0, m, 32);
			fsctp_rt_lcore_rx_bulk(s.lib, i, m, n, now);
		}
		fsctp_rt_lcore_process(s.lib, now);
		for (uint16_t i = 0; i < 2; i++) {
			uint16_t n;
			while ((n = fsctp_rt_lcore_tx_bulk(s.lib, i, m, 32)) >
			       0) {
				s.sent_frames[i] += n;
				if (cut[i]) {
					rte_pktmbuf_free_bulk(m, n);
					continue;
				}
				uint16_t k =
					rte_eth_tx_burst(s.ports[i], 0, m, n);
				if (k < n)
					rte_pktmbuf_free_bulk(m + k, n - k);
			}
		}
	}
	template <typename F> bool pump_until(F done, uint64_t limit_us)
	{
		uint64_t end = fsctp_rt_now_us() + limit_us;
		while (!done()) {
			if (fsctp_rt_now_us() > end)
				return false;
			turn(a);
			turn(b);
		}
		return true;
	}
	/* Take the first link down or up: in software, or with the
	 * command the environment names. */
	void set_link(bool up)
	{
		const char *cmd =
			getenv(up ? "FSCTP_MH_RESTORE" : "FSCTP_MH_CUT");
		if (cmd != nullptr && *cmd != '\0') {
			ASSERT_EQ(system(cmd), 0) << cmd;
			return;
		}
		cut[0] = !up;
	}
};

TEST_F(TwoPaths, FailoverOverTheOtherPortAndBack)
{
	struct fsctp_stack *sa = fsctp_rt_lcore_stack(a.lib);
	struct fsctp_stack *sb = fsctp_rt_lcore_stack(b.lib);
	struct fsctp_addr bl[2] = { v4(0, 2, 36412), v4(1, 2, 36412) };
	struct fsctp_addr al[2] = { v4(0, 1, 40000), v4(1, 1, 40000) };
	ASSERT_EQ(fsctp_listen(sb, 36412), 0);
	ASSERT_EQ(fsctp_bindx(sb, 36412, bl, 2), 0);
	int64_t id = fsctp_connectx(sa, al, 2, bl, 1, fsctp_rt_now_us());
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; },
			       3000000));
	/* Both listed addresses are probed and confirmed (5.4). */
	struct fsctp_paddr_info pi[4];
	ASSERT_TRUE(pump_until(
		[&] {
			int n = fsctp_assoc_paddrs(sa, a.up_id, pi, 4);
			return n == 2 && pi[0].confirmed && pi[1].confirmed;
		},
		3000000));
	EXPECT_TRUE(fsctp_addr_ip_eq(&pi[1].laddr, &al[1]))
		<< "the second path leaves from the second port's address";
	uint64_t port2_before = a.sent_frames[1];
	int sent = 0;
	auto send = [&](int n) {
		for (int i = 0; i < n; i++) {
			std::string m = "msg-" + std::to_string(sent);
			struct fsctp_sndinfo si = {};
			if (fsctp_send(sa, a.up_id, &si, m.data(),
				       (uint32_t)m.size(),
				       fsctp_rt_now_us()) == 0)
				sent++;
		}
	};
	send(10);
	ASSERT_TRUE(pump_until([&] { return (int)b.data.size() == sent; },
			       2000000));
	/* Cut the primary link (port0 <-> port1) both ways. */
	set_link(false);
	uint64_t t_cut = fsctp_rt_now_us();
	send(10);
	ASSERT_TRUE(
		pump_until([&] { return (int)b.data.size() == sent; }, 5000000))
		<< b.data.size() << " of " << sent << " after the cut";
	uint64_t failover = fsctp_rt_now_us() - t_cut;
	printf("[ failover ] library mode, telecom settings: %.0f ms\n",
	       failover / 1000.0);
	EXPECT_LT(failover, 1000000u);
	EXPECT_GT(a.sent_frames[1], port2_before) << "data left by port2";
	for (int i = 0; i < sent; i++)
		EXPECT_EQ(b.data[i], "msg-" + std::to_string(i)) << "in order";
	/* The primary goes INACTIVE after Path.Max.Retrans (2). */
	ASSERT_TRUE(pump_until(
		[&] {
			struct fsctp_paddr_info x;
			return fsctp_assoc_paddr_info(sa, a.up_id, &bl[0],
						      &x) == 0 &&
			       x.state == FSCTP_PADDR_INACTIVE;
		},
		5000000));
	/* The link returns: the primary answers a HEARTBEAT, ACTIVE again,
	 * and new data goes back to it. */
	set_link(true);
	ASSERT_TRUE(pump_until(
		[&] {
			struct fsctp_paddr_info x;
			return fsctp_assoc_paddr_info(sa, a.up_id, &bl[0],
						      &x) == 0 &&
			       x.state == FSCTP_PADDR_ACTIVE;
		},
		5000000));
	uint64_t port0_before = a.sent_frames[0];
	send(5);
	ASSERT_TRUE(pump_until([&] { return (int)b.data.size() == sent; },
			       2000000));
	EXPECT_GT(a.sent_frames[0], port0_before) << "back on the primary";
	EXPECT_EQ((int)b.data.size(), sent) << "nothing lost, no duplicate";
	bool pf = false, avail = false;
	for (uint8_t st : a.addr_states) {
		pf |= st == FSCTP_ADDR_POTENTIALLY_FAILED;
		avail |= st == FSCTP_ADDR_AVAILABLE;
	}
	EXPECT_TRUE(pf);
	EXPECT_TRUE(avail);
}

/* The library keeps the route of the last packet (ports and next hop, not
 * the MAC): a new MAC for the neighbour and a new destination are both
 * followed, packet by packet. Side a alone: its frames are taken from its
 * TX queues and looked at, not sent. */
TEST_F(TwoPaths, OutputRouteCacheFollowsNeighbourAndDestination)
{
	struct fsctp_stack *sa = fsctp_rt_lcore_stack(a.lib);
	const uint8_t mac1[6] = { 0x02, 0xaa, 0, 0, 0, 1 };
	const uint8_t mac2[6] = { 0x02, 0xaa, 0, 0, 0, 2 };
	const uint8_t mac3[6] = { 0x02, 0xaa, 0, 0, 0, 3 };
	struct fsctp_addr near = v4(0, 9, 5000), far = v4(1, 9, 5000);
	uint64_t now = fsctp_rt_now_us();
	struct fsctp_neigh_table *n0 =
		fsctp_netif_neigh(fsctp_rt_lcore_netif(a.lib, 0));
	struct fsctp_neigh_table *n1 =
		fsctp_netif_neigh(fsctp_rt_lcore_netif(a.lib, 1));
	ASSERT_EQ(fsctp_neigh_update(n0, FSCTP_AF_INET4, near.ip.v4, mac1, true,
				     now),
		  0);
	ASSERT_EQ(fsctp_neigh_update(n1, FSCTP_AF_INET4, far.ip.v4, mac3, true,
				     now),
		  0);
	uint16_t lport = 41000;
	/* An INIT from 198.18.0.1 to dst: the port it left by and its
	 * destination MAC. */
	auto init_to = [&](const struct fsctp_addr &dst, int *port,
			   uint8_t *mac) {
		struct fsctp_addr src = v4(0, 1, lport++);
		*port = -1;
		ASSERT_GT(fsctp_connect(sa, &src, &dst, fsctp_rt_now_us()), 0);
		for (uint16_t i = 0; i < 2; i++) {
			struct rte_mbuf *m[8];
			uint16_t k = fsctp_rt_lcore_tx_bulk(a.lib, i, m, 8);
			if (k == 0)
				continue;
			ASSERT_EQ(k, 1) << "one INIT";
			ASSERT_EQ(*port, -1) << "one port";
			*port = i;
			memcpy(mac, rte_pktmbuf_mtod(m[0], uint8_t *), 6);
			rte_pktmbuf_free(m[0]);
		}
	};
	const struct fsctp_rt_lcore_stats *ls = fsctp_rt_lcore_stats(a.lib);
	int port;
	uint8_t mac[6];

	init_to(near, &port, mac);
	EXPECT_EQ(port, 0);
	EXPECT_EQ(memcmp(mac, mac1, 6), 0);
	uint64_t cached = ls->tx_route_cached;
	/* The neighbour moves to another MAC: the next packet on the
	 * cached route takes it. */
	ASSERT_EQ(fsctp_neigh_update(n0, FSCTP_AF_INET4, near.ip.v4, mac2,
				     false, fsctp_rt_now_us()),
		  0);
	init_to(near, &port, mac);
	EXPECT_EQ(ls->tx_route_cached, cached + 1) << "the route was reused";
	EXPECT_EQ(port, 0);
	EXPECT_EQ(memcmp(mac, mac2, 6), 0) << "the new MAC, not the old";
	/* Another destination, on the second port's link (weak host: from
	 * the first port's address, by the second port), then back. */
	uint64_t other = ls->tx_other_port;
	init_to(far, &port, mac);
	EXPECT_EQ(port, 1);
	EXPECT_EQ(memcmp(mac, mac3, 6), 0);
	EXPECT_EQ(ls->tx_other_port, other + 1);
	init_to(far, &port, mac);
	EXPECT_EQ(port, 1) << "cached: still the second port";
	EXPECT_EQ(ls->tx_other_port, other + 2);
	init_to(near, &port, mac);
	EXPECT_EQ(port, 0);
	EXPECT_EQ(memcmp(mac, mac2, 6), 0);
	EXPECT_EQ(ls->tx_route_cached, cached + 2);
}

} // namespace

int
main(int argc, char **argv)
{
	::testing::InitGoogleTest(&argc, argv);
	const char *prof = getenv("FSCTP_MH_PROFILE");
	int rc = fptest::start(prof != nullptr && *prof != '\0'
				       ? std::string(prof)
				       : std::string(FSCTP_SOURCE_DIR) +
						 "/tests/unit/ring-2path.ini",
			       {});
	if (rc != 0)
		return rc;
	rc = RUN_ALL_TESTS();
	fptest::stop();
	return rc;
}
