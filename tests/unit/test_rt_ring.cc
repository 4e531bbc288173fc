/* SPDX-License-Identifier: BSD-3-Clause */
/* Two fsctp stacks in one process, each a library-mode instance on one
 * side of an in-process ring pair (drivers-config/ring-pair.ini): ARP and
 * ND resolve over the ring, associations come up over IPv4 and IPv6. */
#include <cerrno>
#include <ctime>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "rt_test_env.h"

extern "C" {
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ring.h>
#include "fsctp_counters.h"
#include "fsctp_crc32c.h"
#include "fsctp_csum.h"
#include "fsctp_eth.h"
#include "fsctp_rt_lcore.h"
#include "fsctp_ipv4.h"
#include "fsctp_wire.h"
}

namespace
{

struct Side {
	struct fsctp_rt_lcore *lib = nullptr;
	std::vector<enum fsctp_event_type> events;
	std::vector<std::string> data;
	fsctp_assoc_id_t up_id = 0;
	uint16_t port_id = 0;
	std::vector<struct fsctp_icmp_quote> quotes;
	/* Frames this side sent: the last SCTP verification tag seen. */
	uint32_t last_vtag = 0;
	/* Play a link of this IP MTU behind the port (0 = none): frames
	 * over it with DF set are dropped and kept here. */
	uint32_t link_mtu = 0;
	std::vector<std::vector<uint8_t>> too_big;
	/* Send with fsctp_rt_lcore_tx_burst() (no link in between). */
	bool direct = false;
};

/* Record the quote and let the library hand it to its own stack. */
bool
on_pmtu(void *ctx, struct fsctp_rt_lcore *, struct rte_mbuf *,
	const struct fsctp_icmp_quote *q)
{
	static_cast<Side *>(ctx)->quotes.push_back(*q);
	return false;
}

void
on_event(void *ctx, struct fsctp_rt_lcore *lib, const struct fsctp_event *ev)
{
	Side *s = static_cast<Side *>(ctx);
	s->events.push_back(ev->type);
	if (ev->type == FSCTP_EV_COMM_UP)
		s->up_id = ev->assoc_id;
	if (ev->type == FSCTP_EV_DATA && ev->msg != nullptr) {
		s->data.emplace_back((const char *)ev->msg->data, ev->msg->len);
		fsctp_msg_free(fsctp_rt_lcore_stack(lib), ev->msg);
	}
}

class RingPair : public ::testing::Test
{
      protected:
	Side a, b;

	/* Applied by make(): the copy path forced, PLPMTUD up to jumbo. */
	bool tx_copy = false, jumbo = false;

	void make(Side &s, int port)
	{
		struct fsctp_rt_lcore_config c = {};
		fsctp_stack_config_defaults(&c.stack);
		c.tx_copy = tx_copy;
		if (jumbo) {
			c.stack.plpmtud = true;
			c.stack.plpmtud_max = 9000;
		}
		c.n_ifs = 1;
		c.ifs[0].port_id = fptest::g_ports.port[port].port_id;
		c.ifs[0].net = fptest::g_cfg.ports[port].net;
		memcpy(c.ifs[0].net.mac, fptest::g_ports.port[port].mac, 6);
		c.ifs[0].tx_ip4_cksum = fptest::g_ports.port[port].tx_ip4_cksum;
		c.ifs[0].tx_sctp_cksum =
			fptest::g_ports.port[port].tx_sctp_cksum;
		c.pool = fptest::g_ports.port[port].pool;
		c.tx_fifo = 256;
		c.event = on_event;
		c.pmtu = on_pmtu;
		c.ctx = &s;
		s.port_id = c.ifs[0].port_id;
		s.lib = fsctp_rt_lcore_create(&c, fsctp_rt_now_us());
		ASSERT_NE(s.lib, nullptr) << rte_strerror(rte_errno);
	}
	void SetUp() override
	{
		make(a, 0);
		make(b, 1);
	}
	void TearDown() override
	{
		pump(2); /* drain what is in flight */
		fsctp_rt_lcore_free(a.lib);
		fsctp_rt_lcore_free(b.lib);
		drain();
	}
	/* Throw away anything left on the rings. */
	void drain()
	{
		struct rte_mbuf *m[32];
		for (uint16_t p : { a.port_id, b.port_id }) {
			uint16_t n;
			while ((n = rte_eth_rx_burst(p, 0, m, 32)) > 0)
				rte_pktmbuf_free_bulk(m, n);
		}
	}
	void turn(Side &s)
	{
		struct rte_mbuf *m[32];
		uint64_t now = fsctp_rt_now_us();
		uint16_t n = rte_eth_rx_burst(s.port_id, 0, m, 32);
		fsctp_rt_lcore_rx_bulk(s.lib, 0, m, n, now);
		fsctp_rt_lcore_process(s.lib, now);
		if (s.direct) {
			/* The runtime's own path: the port's refusals stay
			 * queued in the library. */
			fsctp_rt_lcore_tx_burst(s.lib, 0, s.port_id, 0,
						UINT16_MAX);
			return;
		}
		while ((n = fsctp_rt_lcore_tx_bulk(s.lib, 0, m, 32)) > 0) {
			n = link(s, m, n);
			uint16_t k = rte_eth_tx_burst(s.port_id, 0, m, n);
			if (k < n)
				rte_pktmbuf_free_bulk(m + k, n - k);
		}
	}
	/* Look at IPv4 SCTP frames leaving s: note the tag, drop (and keep)
	 * those over s.link_mtu with DF set. @return frames kept. */
	uint16_t link(Side &s, struct rte_mbuf **m, uint16_t n)
	{
		uint16_t k = 0;
		for (uint16_t i = 0; i < n; i++) {
			const uint8_t *f = rte_pktmbuf_mtod(m[i], uint8_t *);
			uint32_t len = rte_pktmbuf_data_len(m[i]);
			if (len >= 14 + 20 + 12 && f[12] == 0x08 &&
			    f[13] == 0x00 && f[14 + 9] == FSCTP_IPPROTO_SCTP) {
				s.last_vtag = fsctp_rd32(f + 14 + 20 + 4);
				bool df = (f[14 + 6] & 0x40) != 0;
				if (s.link_mtu != 0 && df &&
				    len - 14 > s.link_mtu) {
					s.too_big.emplace_back(f + 14, f + len);
					rte_pktmbuf_free(m[i]);
					continue;
				}
			}
			m[k++] = m[i];
		}
		return k;
	}
	void pump(int turns)
	{
		for (int i = 0; i < turns; i++) {
			turn(a);
			turn(b);
		}
	}
	template <typename F>
	bool pump_until(F done, uint64_t limit_us = 2000000)
	{
		uint64_t end = fsctp_rt_now_us() + limit_us;
		while (!done()) {
			if (fsctp_rt_now_us() > end)
				return false;
			pump(1);
		}
		return true;
	}
	/* Make port 0's TX full: fill the a->b ring with filler mbufs, and
	 * send a's packets with fsctp_rt_lcore_tx_burst() (a.direct). */
	void fill_ab_ring(struct rte_ring *&r,
			  std::vector<struct rte_mbuf *> &filler)
	{
		r = rte_ring_lookup("fsctp_rp_ab0");
		ASSERT_NE(r, nullptr);
		a.direct = true;
		while (rte_ring_free_count(r) > 0) {
			struct rte_mbuf *m =
				rte_pktmbuf_alloc(fptest::g_ports.port[0].pool);
			ASSERT_NE(m, nullptr);
			ASSERT_EQ(rte_ring_enqueue(r, m), 0);
			filler.push_back(m);
		}
	}
	/* Take the filler out again, checking it comes first, in order. */
	void drain_filler(struct rte_ring *r,
			  const std::vector<struct rte_mbuf *> &filler)
	{
		for (size_t i = 0; i < filler.size(); i++) {
			void *x = nullptr;
			ASSERT_EQ(rte_ring_dequeue(r, &x), 0);
			ASSERT_EQ(x, filler[i]);
			rte_pktmbuf_free(static_cast<struct rte_mbuf *>(x));
		}
	}
	int64_t connect(const struct fsctp_addr &src,
			const struct fsctp_addr &dst)
	{
		EXPECT_EQ(fsctp_listen(fsctp_rt_lcore_stack(b.lib), 36412), 0);
		return fsctp_connect(fsctp_rt_lcore_stack(a.lib), &src, &dst,
				     fsctp_rt_now_us());
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

TEST_F(RingPair, ArpResolvesOverTheRing)
{
	struct fsctp_addr d = v4(2, 1);
	uint8_t mac[6];
	struct fsctp_netif *na = fsctp_rt_lcore_netif(a.lib, 0);

	ASSERT_EQ(fsctp_netif_route(na, &d, nullptr, fsctp_rt_now_us(), mac),
		  1);
	ASSERT_TRUE(pump_until([&] {
		return fsctp_netif_route(na, &d, nullptr, fsctp_rt_now_us(),
					 mac) == 0;
	}));
	EXPECT_EQ(memcmp(mac, fptest::g_ports.port[1].mac, 6), 0);
	EXPECT_EQ(
		fsctp_netif_stats(fsctp_rt_lcore_netif(b.lib, 0))->arp_replies,
		1u);
}

TEST_F(RingPair, HandshakeOverIpv4)
{
	int64_t id = connect(v4(1, 5000), v4(2, 36412));
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }))
		<< "a events " << a.events.size() << ", b events "
		<< b.events.size();
	EXPECT_EQ(a.up_id, (fsctp_assoc_id_t)id);
	EXPECT_EQ(fsctp_assoc_state(fsctp_rt_lcore_stack(a.lib), a.up_id),
		  FSCTP_ESTABLISHED);
	EXPECT_EQ(fsctp_assoc_state(fsctp_rt_lcore_stack(b.lib), b.up_id),
		  FSCTP_ESTABLISHED);
	/* The INIT waited for ARP and was released, not lost. */
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->tx_neigh_wait, 1u);
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->tx_neigh_drop, 0u);
	EXPECT_GE(fsctp_rt_lcore_stats(b.lib)->rx_sctp, 2u);
}

TEST_F(RingPair, HandshakeOverIpv6WithNeighborDiscovery)
{
	int64_t id = connect(v6(1, 5001), v6(2, 36412));
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }));
	EXPECT_EQ(fsctp_assoc_state(fsctp_rt_lcore_stack(b.lib), b.up_id),
		  FSCTP_ESTABLISHED);
	EXPECT_GE(fsctp_netif_stats(fsctp_rt_lcore_netif(b.lib, 0))->nd_na_sent,
		  1u);
}

TEST_F(RingPair, GracefulShutdown)
{
	ASSERT_GT(connect(v4(1, 5002), v4(2, 36412)), 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }));
	ASSERT_EQ(fsctp_shutdown(fsctp_rt_lcore_stack(a.lib), a.up_id,
				 fsctp_rt_now_us()),
		  0);
	ASSERT_TRUE(pump_until([&] {
		return fsctp_stack_assoc_count(fsctp_rt_lcore_stack(a.lib)) ==
			       0 &&
		       fsctp_stack_assoc_count(fsctp_rt_lcore_stack(b.lib)) ==
			       0;
	}));
}

TEST_F(RingPair, DataExchange)
{
	ASSERT_GT(connect(v4(1, 5003), v4(2, 36412)), 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }));
	struct fsctp_sndinfo si = {};
	si.ppid = 3; /* M3UA */
	const char msg[] = "hello over the ring";
	ASSERT_EQ(fsctp_send(fsctp_rt_lcore_stack(a.lib), a.up_id, &si, msg,
			     sizeof(msg) - 1, fsctp_rt_now_us()),
		  0);
	ASSERT_TRUE(pump_until([&] { return !b.data.empty(); }));
	EXPECT_EQ(b.data[0], std::string(msg));
}

/* The core writes each packet in an mbuf of the runtime (ops.out_buf):
 * only the headers are prepended, nothing is copied; with tx_copy, or
 * with mbufs too small for the largest packet the core may make (PLPMTUD
 * up to 9000 bytes in 2 KiB mbufs), every packet is copied as before. */
TEST_F(RingPair, PacketsWrittenInPlaceOrCopied)
{
	for (int mode = 0; mode < 3; mode++) {
		if (mode > 0) {
			pump(2);
			fsctp_rt_lcore_free(a.lib);
			fsctp_rt_lcore_free(b.lib);
			drain();
			a.up_id = b.up_id = 0;
			b.data.clear();
			tx_copy = mode == 1;
			jumbo = mode == 2;
			make(a, 0);
			make(b, 1);
		}
		ASSERT_GT(connect(v4(1, (uint16_t)(5010 + mode)), v4(2, 36412)),
			  0);
		ASSERT_TRUE(pump_until(
			[&] { return a.up_id != 0 && b.up_id != 0; }));
		struct fsctp_sndinfo si = {};
		std::string msg(3000, (char)('a' + mode));
		ASSERT_EQ(fsctp_send(fsctp_rt_lcore_stack(a.lib), a.up_id, &si,
				     msg.data(), (uint32_t)msg.size(),
				     fsctp_rt_now_us()),
			  0);
		ASSERT_TRUE(pump_until([&] { return !b.data.empty(); }));
		EXPECT_EQ(b.data[0], msg);
		for (Side *s : { &a, &b }) {
			const struct fsctp_rt_lcore_stats *st =
				fsctp_rt_lcore_stats(s->lib);
			uint64_t ext = fsctp_stack_counters(
					       fsctp_rt_lcore_stack(s->lib))
					       ->fsctp_tx_ext_buf;
			if (mode == 0) {
				EXPECT_GE(st->tx_in_place, 2u) << mode;
				EXPECT_EQ(st->tx_copied, 0u) << mode;
				EXPECT_EQ(ext, st->tx_in_place);
			} else {
				EXPECT_EQ(st->tx_in_place, 0u) << mode;
				EXPECT_GE(st->tx_copied, 2u) << mode;
				EXPECT_EQ(ext, 0u);
			}
			/* Jumbo: the PLPMTUD probes outgrow the mbufs. */
			if (mode < 2) {
				EXPECT_EQ(st->tx_oversize, 0u);
			}
		}
	}
}

/* Control packets have room beyond what DATA may fill: with the port full,
 * 300 answers (ABORTs to INITs for a port nobody listens on, RFC 9260 8.4)
 * all wait in a FIFO of tx_fifo = 256 instead of being dropped; the
 * SHUTDOWN COMPLETEs of 1,000 associations closing at once were lost so. */
TEST_F(RingPair, ControlPacketsQueueBeyondTheDataShareOfTheFifo)
{
	ASSERT_GT(connect(v4(1, 5005), v4(2, 36412)), 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }));
	struct rte_ring *r = nullptr;
	std::vector<struct rte_mbuf *> filler;
	fill_ab_ring(r, filler);
	ASSERT_FALSE(HasFatalFailure());
	const struct fsctp_rt_lcore_stats *st = fsctp_rt_lcore_stats(a.lib);
	const uint64_t full0 = st->tx_fifo_full, pkts0 = st->tx_pkts;
	const uint8_t src[4] = { 198, 18, 0, 2 }, dst[4] = { 198, 18, 0, 1 };
	const unsigned int n = 300;
	for (unsigned int i = 0; i < n; i++) {
		std::vector<uint8_t> sctp(12 + 20);
		fsctp_wr16(sctp.data(), (uint16_t)(30000 + i));
		fsctp_wr16(sctp.data() + 2, 7777);
		sctp[12] = FSCTP_CHUNK_INIT;
		fsctp_wr16(sctp.data() + 14, 20);
		fsctp_wr32(sctp.data() + 16, 0x100u + i); /* Initiate Tag */
		fsctp_wr32(sctp.data() + 20, 65536);
		fsctp_wr16(sctp.data() + 24, 1);
		fsctp_wr16(sctp.data() + 26, 1);
		fsctp_wr32(sctp.data() + 28, 1);
		fsctp_packet_set_crc(sctp.data(), sctp.size());
		std::vector<uint8_t> f(14 + 20 + sctp.size());
		fsctp_eth_build(f.data(), f.size(), fptest::g_ports.port[0].mac,
				fptest::g_ports.port[1].mac,
				FSCTP_ETHERTYPE_IPV4, FSCTP_VLAN_NONE);
		fsctp_ipv4_build(f.data() + 14, 20, src, dst,
				 FSCTP_IPPROTO_SCTP, 64, (uint16_t)i,
				 sctp.size(), true);
		std::copy(sctp.begin(), sctp.end(), f.begin() + 34);
		struct rte_mbuf *m =
			rte_pktmbuf_alloc(fptest::g_ports.port[1].pool);
		ASSERT_NE(m, nullptr);
		memcpy(rte_pktmbuf_append(m, (uint16_t)f.size()), f.data(),
		       f.size());
		fsctp_rt_lcore_rx_bulk(a.lib, 0, &m, 1, fsctp_rt_now_us());
	}
	EXPECT_EQ(st->tx_fifo_full, full0);
	EXPECT_EQ(st->tx_pkts - pkts0, n);
	/* The ring drains: the filler first, then the answers leave. */
	drain_filler(r, filler);
	a.direct = false;
}

/* A full TX ring is back-pressure, not loss: what the port refuses stays
 * queued and leaves on a later turn, long before any retransmission timer
 * (RTO.Min 1 s) could have repaired a drop. */
TEST_F(RingPair, FullPortKeepsPacketsQueued)
{
	ASSERT_GT(connect(v4(1, 5004), v4(2, 36412)), 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }));
	/* Fill the a->b ring with filler mbufs. */
	struct rte_ring *r = nullptr;
	std::vector<struct rte_mbuf *> filler;
	fill_ab_ring(r, filler);
	ASSERT_FALSE(HasFatalFailure());
	struct fsctp_sndinfo si = {};
	const char msg[] = "queued, not dropped";
	ASSERT_EQ(fsctp_send(fsctp_rt_lcore_stack(a.lib), a.up_id, &si, msg,
			     sizeof(msg) - 1, fsctp_rt_now_us()),
		  0);
	uint64_t held = fsctp_rt_lcore_stats(a.lib)->tx_port_full;
	turn(a);
	EXPECT_GT(fsctp_rt_lcore_stats(a.lib)->tx_port_full, held);
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->tx_fifo_full, 0u);
	/* The ring drains (the filler comes out first, FIFO order). */
	drain_filler(r, filler);
	ASSERT_TRUE(pump_until([&] { return !b.data.empty(); }, 300000));
	EXPECT_EQ(b.data[0], std::string(msg));
	EXPECT_EQ(fsctp_stack_counters(fsctp_rt_lcore_stack(a.lib))
			  ->fsctp_rtx_chunks,
		  0u);
}

/* A router on b's side sends side a an ICMP "fragmentation needed" (RFC
 * 1191) quoting an IPv4 SCTP packet from us to dst: its IP header and the
 * first 8 bytes of SCTP (ports and verification tag). */
static void
send_frag_needed(const uint8_t us[4], const uint8_t dst[4], uint16_t sport,
		 uint16_t dport, uint32_t vtag, uint16_t mtu)
{
	const uint8_t rtr[4] = { 198, 18, 0, 2 };
	uint8_t q[28], icmp[8 + 28], pkt[14 + 20 + sizeof(icmp)];

	fsctp_ipv4_build(q, sizeof(q), us, dst, FSCTP_IPPROTO_SCTP, 64, 1, 1480,
			 true);
	fsctp_wr16(q + 20, sport);
	fsctp_wr16(q + 22, dport);
	fsctp_wr32(q + 24, vtag);
	memset(icmp, 0, sizeof(icmp));
	icmp[0] = 3;
	icmp[1] = 4;
	icmp[6] = (uint8_t)(mtu >> 8);
	icmp[7] = (uint8_t)mtu;
	memcpy(icmp + 8, q, sizeof(q));
	uint16_t c = fsctp_csum(icmp, sizeof(icmp));
	icmp[2] = (uint8_t)(c >> 8);
	icmp[3] = (uint8_t)c;
	fsctp_eth_build(pkt, sizeof(pkt), fptest::g_ports.port[0].mac,
			fptest::g_ports.port[1].mac, FSCTP_ETHERTYPE_IPV4,
			FSCTP_VLAN_NONE);
	fsctp_ipv4_build(pkt + 14, 20, rtr, us, FSCTP_IPPROTO_ICMP, 64, 2,
			 sizeof(icmp), true);
	memcpy(pkt + 34, icmp, sizeof(icmp));

	struct rte_mbuf *m = rte_pktmbuf_alloc(fptest::g_ports.port[1].pool);
	ASSERT_NE(m, nullptr);
	memcpy(rte_pktmbuf_append(m, sizeof(pkt)), pkt, sizeof(pkt));
	ASSERT_EQ(rte_eth_tx_burst(fptest::g_ports.port[1].port_id, 0, &m, 1),
		  1);
}

/* RFC 9260 section 10: an ICMP "fragmentation needed" quoting one of our
 * SCTP packets reaches the PMTU hook with the quote, whose tag the owner
 * checks. Side b's port plays a router here. */
TEST_F(RingPair, IcmpFragNeededReachesPmtuHookWithQuote)
{
	const uint8_t us[4] = { 198, 18, 0, 1 }, far[4] = { 198, 19, 9, 9 };
	const uint32_t tag = 0x1234abcd;

	send_frag_needed(us, far, 5000, 36412, tag, 1200);
	ASSERT_TRUE(pump_until([&] { return !a.quotes.empty(); }));
	const struct fsctp_icmp_quote &got = a.quotes[0];
	EXPECT_EQ(got.mtu, 1200u);
	EXPECT_EQ(got.vtag, tag);
	EXPECT_EQ(got.sport, 5000);
	EXPECT_EQ(got.dport, 36412);
	EXPECT_EQ(memcmp(got.dst, far, 4), 0);
	EXPECT_TRUE(fsctp_icmp_quote_tag_ok(&got, tag, 0x5555));
	EXPECT_FALSE(fsctp_icmp_quote_tag_ok(&got, tag + 1, 0x5555));
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->rx_pmtu, 1u);
	/* No association for it (RFC 9260 section 10, ICMP5): ignored. */
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->pmtu_ignored, 1u);
	EXPECT_EQ(fsctp_stack_counters(fsctp_rt_lcore_stack(a.lib))
			  ->fsctp_pmtu_no_assoc,
		  1u);
}

/* RFC 9260 section 10 ICMP6/ICMP7 end to end: a frag-needed whose quoted
 * tag is not the one we send to the peer leaves the PMTU alone; the right
 * tag lowers it. */
TEST_F(RingPair, IcmpFragNeededLowersPmtuOnlyWithTheRightTag)
{
	const uint8_t us[4] = { 198, 18, 0, 1 }, peer[4] = { 198, 18, 0, 2 };
	struct fsctp_addr dst = v4(2, 36412);
	struct fsctp_stack *st;

	ASSERT_GT(connect(v4(1, 5004), dst), 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }));
	st = fsctp_rt_lcore_stack(a.lib);
	ASSERT_NE(a.last_vtag, 0u);
	EXPECT_EQ(fsctp_assoc_pmtu(st, a.up_id, &dst), 1500u);
	send_frag_needed(us, peer, 5004, 36412, a.last_vtag ^ 0x10000u, 1200);
	ASSERT_TRUE(pump_until([&] { return a.quotes.size() == 1; }));
	EXPECT_EQ(fsctp_assoc_pmtu(st, a.up_id, &dst), 1500u);
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->pmtu_ignored, 1u);
	EXPECT_EQ(fsctp_stack_counters(st)->fsctp_pmtu_bad_vtag, 1u);
	send_frag_needed(us, peer, 5004, 36412, a.last_vtag, 1200);
	ASSERT_TRUE(pump_until([&] { return a.quotes.size() == 2; }));
	EXPECT_EQ(fsctp_assoc_pmtu(st, a.up_id, &dst), 1200u);
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->pmtu_lowered, 1u);
}

/* RFC 9260 6.9, 7.3: chunks cut for 1500 that a 1200-byte link dropped go
 * again after the frag-needed with DF clear (IPv4), so the router may
 * fragment them; the message arrives. */
TEST_F(RingPair, OversizeRetransmissionLeavesWithDfClear)
{
	const uint8_t us[4] = { 198, 18, 0, 1 }, peer[4] = { 198, 18, 0, 2 };
	struct fsctp_stack *st;

	ASSERT_GT(connect(v4(1, 5005), v4(2, 36412)), 0);
	ASSERT_TRUE(pump_until([&] { return a.up_id != 0 && b.up_id != 0; }));
	st = fsctp_rt_lcore_stack(a.lib);
	a.link_mtu = 1200;
	std::string msg(4000, 'x');
	for (size_t i = 0; i < msg.size(); i++)
		msg[i] = (char)('a' + i % 26);
	struct fsctp_sndinfo si = {};
	ASSERT_EQ(fsctp_send(st, a.up_id, &si, msg.data(), (uint32_t)msg.size(),
			     fsctp_rt_now_us()),
		  0);
	ASSERT_TRUE(pump_until([&] { return a.too_big.size() >= 2; }));
	const std::vector<uint8_t> &big = a.too_big[0];
	send_frag_needed(us, peer, fsctp_rd16(&big[20]), fsctp_rd16(&big[22]),
			 fsctp_rd32(&big[24]), 1200);
	ASSERT_TRUE(pump_until([&] { return !b.data.empty(); }));
	EXPECT_EQ(b.data[0], msg);
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->pmtu_lowered, 1u);
	EXPECT_GE(fsctp_rt_lcore_stats(a.lib)->tx_df_cleared, 2u);
	EXPECT_EQ(fsctp_rt_lcore_stats(a.lib)->tx_may_fragment,
		  fsctp_rt_lcore_stats(a.lib)->tx_df_cleared);
	EXPECT_EQ(fsctp_stack_counters(st)->fsctp_t3_expireds, 0u);
}

/* Time for the core comes from the TSC: it must agree with the
 * monotonic clock, or every RTO and cookie lifetime is off. */
TEST(TscClock, MatchesMonotonicClock)
{
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	uint64_t t0 = fsctp_rt_now_us();
	usleep(200000);
	uint64_t t1 = fsctp_rt_now_us();
	clock_gettime(CLOCK_MONOTONIC, &b);
	double real =
		(b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3;
	double tsc = (double)(t1 - t0);
	EXPECT_NEAR(tsc / real, 1.0, 0.05)
		<< "tsc " << tsc << " us, real " << real << " us, tsc hz "
		<< rte_get_tsc_hz();
}

int
main(int argc, char **argv)
{
	::testing::InitGoogleTest(&argc, argv);
	int rc = fptest::start("ring-pair.ini", {});
	if (rc != 0)
		return rc;
	rc = RUN_ALL_TESTS();
	fptest::stop();
	return rc;
}
