/* SPDX-License-Identifier: BSD-3-Clause */
/* Steering with two fast-path lcores: packets that arrive on the lcore
 * that does not own the association are handed to the owner over the
 * SP/SC hand-off ring, decoded from our verification tag. The peer is a
 * library-mode stack on the main lcore that puts its packets straight on
 * the RX ring of the queue (hence lcore) it chooses. */
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rt_test_env.h"

extern "C" {
#include <rte_ring.h>
#include "fsctp_counters.h"
#include "fsctp_crc32c.h"
#include "fsctp_csum.h"
#include "fsctp_eth.h"
#include "fsctp_rt_engine.h"
#include "fsctp_ipv4.h"
#include "fsctp_wire.h"
}

namespace
{

struct fsctp_rt_engine *g_fp;

/* The SCTP header of a packet, for building steering inputs. */
std::vector<uint8_t>
sctp_pkt(uint32_t vtag, uint8_t type, uint8_t flags)
{
	std::vector<uint8_t> p = { 0,
				   1,
				   0,
				   2,
				   (uint8_t)(vtag >> 24),
				   (uint8_t)(vtag >> 16),
				   (uint8_t)(vtag >> 8),
				   (uint8_t)vtag,
				   0,
				   0,
				   0,
				   0,
				   type,
				   flags,
				   0,
				   4 };
	return p;
}

} // namespace

TEST(SteerClass, TagRules)
{
	auto p = sctp_pkt(0, 1, 0); /* INIT */
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 1), -1);
	p = sctp_pkt(0x80000001u, 0, 0); /* DATA, tag names owner 1 */
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 1), 1);
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 2), 2);
	p = sctp_pkt(0x40000000u, 3, 0); /* SACK, owner 1 of 4 */
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 2), 1);
	/* RFC 9260 8.5.1 B/C: T bit set, the tag is the peer's. */
	p = sctp_pkt(0x80000000u, 6, 1); /* ABORT, T */
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 1), -2);
	p = sctp_pkt(0x80000000u, 14, 1); /* SHUTDOWN COMPLETE, T */
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 1), -2);
	p = sctp_pkt(0x80000000u, 6, 0); /* ABORT, our tag */
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 1), 1);
	/* No owner bits: always lcore 0; truncated: anyone (OOTB). */
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), p.size(), 0), 0);
	EXPECT_EQ(fsctp_rt_steer_class(p.data(), 11, 1), -1);
	EXPECT_EQ(fsctp_rt_tag_owner(0xffffffffu, 4), 15u);
}

namespace
{

struct Peer {
	struct fsctp_rt_lcore *lib = nullptr;
	std::atomic<int> up{ 0 };
	fsctp_assoc_id_t id = 0;
	std::vector<enum fsctp_event_type> events;
	uint16_t lost_cause = 0; /* first error cause of COMM_LOST */
};

void
peer_event(void *ctx, struct fsctp_rt_lcore *, const struct fsctp_event *ev)
{
	Peer *p = static_cast<Peer *>(ctx);
	p->events.push_back(ev->type);
	if (ev->type == FSCTP_EV_COMM_UP) {
		p->id = ev->assoc_id;
		p->up = 1;
	}
	if (ev->type == FSCTP_EV_COMM_LOST)
		p->lost_cause = ev->cause;
}

class Steer : public ::testing::Test
{
      protected:
	Peer peer;
	struct rte_ring *to_fp[2];   /* peer -> runtime queue q */
	struct rte_ring *from_fp[2]; /* runtime queue q -> peer */
	/* From the runtime's IPv4 SCTP frames: its MAC and the tag it
	 * puts in packets to the peer. */
	uint8_t fp_mac[6] = { 0 };
	uint32_t fp_vtag = 0;

	void SetUp() override
	{
		char name[RTE_RING_NAMESIZE];
		for (int q = 0; q < 2; q++) {
			snprintf(name, sizeof(name), "fsctp_st_ba%d", q);
			to_fp[q] = rte_ring_lookup(name);
			snprintf(name, sizeof(name), "fsctp_st_ab%d", q);
			from_fp[q] = rte_ring_lookup(name);
			ASSERT_NE(to_fp[q], nullptr);
			ASSERT_NE(from_fp[q], nullptr);
		}
		struct fsctp_rt_lcore_config c = {};
		fsctp_stack_config_defaults(&c.stack);
		c.n_ifs = 1;
		c.ifs[0].port_id = 77;
		c.ifs[0].net = fptest::g_cfg.ports[0].net;
		const uint8_t mac[6] = { 0x02, 0xf5, 0, 0, 3, 2 };
		memcpy(c.ifs[0].net.mac, mac, 6);
		c.ifs[0].net.v4[0].ip[3] = 2;
		c.pool = fptest::g_ports.port[0].pool;
		c.tx_fifo = 256;
		c.event = peer_event;
		c.ctx = &peer;
		peer.lib = fsctp_rt_lcore_create(&c, fsctp_rt_now_us());
		ASSERT_NE(peer.lib, nullptr);
	}
	void TearDown() override
	{
		fsctp_rt_lcore_free(peer.lib);
	}

	/* Move packets both ways once. INITs (and non-SCTP frames) go to
	 * queue init_q, every other SCTP packet to queue other_q. */
	void turn(int init_q, int other_q)
	{
		struct rte_mbuf *m[32];
		uint64_t now = fsctp_rt_now_us();
		for (int q = 0; q < 2; q++) {
			unsigned int n = rte_ring_dequeue_burst(
				from_fp[q], (void **)m, 32, nullptr);
			for (unsigned int i = 0; i < n; i++) {
				const uint8_t *f =
					rte_pktmbuf_mtod(m[i], const uint8_t *);
				if (m[i]->pkt_len >= 14 + 20 + 12 &&
				    f[12] == 0x08 && f[13] == 0 &&
				    f[14 + 9] == 132) {
					memcpy(fp_mac, f + 6, 6);
					fp_vtag = fsctp_rd32(f + 14 + 20 + 4);
				}
			}
			fsctp_rt_lcore_rx_bulk(peer.lib, 0, m, (uint16_t)n,
					       now);
		}
		fsctp_rt_lcore_process(peer.lib, now);
		uint16_t n;
		while ((n = fsctp_rt_lcore_tx_bulk(peer.lib, 0, m, 32)) > 0) {
			for (uint16_t i = 0; i < n; i++) {
				const uint8_t *f =
					rte_pktmbuf_mtod(m[i], const uint8_t *);
				bool sctp = m[i]->pkt_len >= 14 + 20 + 16 &&
					    f[12] == 0x08 && f[13] == 0 &&
					    f[14 + 9] == 132;
				bool init = sctp && f[14 + 20 + 12] == 1;
				int q = sctp && !init ? other_q : init_q;
				if (rte_ring_enqueue(to_fp[q], m[i]) != 0)
					rte_pktmbuf_free(m[i]);
			}
		}
	}
	template <typename F> bool until(F done, int init_q, int other_q)
	{
		uint64_t end = fsctp_rt_now_us() + 10000000;
		while (!done()) {
			if (fsctp_rt_now_us() > end)
				return false;
			turn(init_q, other_q);
			rte_delay_us_sleep(100);
		}
		return true;
	}

	std::string diag()
	{
		std::string d;
		for (unsigned i = 0; i < 2; i++) {
			const struct fsctp_rt_engine_lcore_stats *s =
				fsctp_rt_engine_lcore_stats(g_fp, i);
			const struct fsctp_rt_lcore_stats *l =
				fsctp_rt_lcore_stats(
					fsctp_rt_engine_lcore(g_fp, i));
			d += "; lcore " + std::to_string(i) + ": loops " +
			     std::to_string(s->loops) + " rx " +
			     std::to_string(s->rx) + " tx " +
			     std::to_string(s->tx) + " sctp " +
			     std::to_string(l->rx_sctp) + " handoff " +
			     std::to_string(s->handoff_out) + "/" +
			     std::to_string(s->handoff_in);
		}
		const struct fsctp_rt_lcore_stats *p =
			fsctp_rt_lcore_stats(peer.lib);
		d += "; peer rx " + std::to_string(p->rx_pkts) + " tx " +
		     std::to_string(p->tx_taken);
		return d;
	}

	void run(int owner, int other, uint16_t sport)
	{
		const struct fsctp_rt_engine_lcore_stats *so =
			fsctp_rt_engine_lcore_stats(g_fp, (unsigned)owner);
		const struct fsctp_rt_engine_lcore_stats *sx =
			fsctp_rt_engine_lcore_stats(g_fp, (unsigned)other);
		uint64_t out0 = sx->handoff_out, in0 = so->handoff_in;
		uint32_t up0 =
			fsctp_rt_engine_lcore_assocs_up(g_fp, (unsigned)owner);
		uint32_t upx =
			fsctp_rt_engine_lcore_assocs_up(g_fp, (unsigned)other);

		struct fsctp_addr src, dst;
		fsctp_addr_set_v4(&src, 198, 18, 4, 2, sport);
		fsctp_addr_set_v4(&dst, 198, 18, 4, 1, 36412);
		ASSERT_GT(fsctp_connect(fsctp_rt_lcore_stack(peer.lib), &src,
					&dst, fsctp_rt_now_us()),
			  0);
		ASSERT_TRUE(until([&] { return peer.up.load() == 1; }, owner,
				  other))
			<< "peer events: " << peer.events.size() << diag();
		/* The INIT went to `owner`, which answered statelessly and put
		 * its id in the tag; the COOKIE ECHO arrived on `other` and
		 * was handed over. */
		ASSERT_TRUE(until(
			[&] {
				return fsctp_rt_engine_lcore_assocs_up(
					       g_fp, (unsigned)owner) ==
				       up0 + 1;
			},
			owner, other));
		EXPECT_EQ(
			fsctp_rt_engine_lcore_assocs_up(g_fp, (unsigned)other),
			upx);
		EXPECT_GE(sx->handoff_out, out0 + 1);
		EXPECT_GE(so->handoff_in, in0 + 1);

		/* A graceful shutdown, every packet again on the wrong lcore. */
		ASSERT_EQ(fsctp_shutdown(fsctp_rt_lcore_stack(peer.lib),
					 peer.id, fsctp_rt_now_us()),
			  0);
		ASSERT_TRUE(until(
			[&] {
				return fsctp_stack_assoc_count(
					       fsctp_rt_lcore_stack(
						       peer.lib)) == 0 &&
				       fsctp_rt_engine_lcore_assocs_up(
					       g_fp, (unsigned)owner) == up0;
			},
			owner, other));
		EXPECT_GE(sx->handoff_out, out0 + 2);
	}
};

/* An ICMP "fragmentation needed" from a router next to the peer, quoting
 * a packet the runtime sent to peer port dport with tag vtag, put on the
 * RX ring of queue q. */
void
frag_needed(struct rte_ring *ring, const uint8_t fp_mac[6], uint16_t dport,
	    uint32_t vtag, uint16_t mtu)
{
	const uint8_t fp_ip[4] = { 198, 18, 4, 1 },
		      peer_ip[4] = { 198, 18, 4, 2 };
	const uint8_t rtr_mac[6] = { 0x02, 0xf5, 0, 0, 3, 2 };
	uint8_t q[28], icmp[8 + 28], pkt[14 + 20 + sizeof(icmp)];

	fsctp_ipv4_build(q, sizeof(q), fp_ip, peer_ip, FSCTP_IPPROTO_SCTP, 64,
			 1, 1480, true);
	fsctp_wr16(q + 20, 36412);
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
	fsctp_eth_build(pkt, sizeof(pkt), fp_mac, rtr_mac, FSCTP_ETHERTYPE_IPV4,
			FSCTP_VLAN_NONE);
	fsctp_ipv4_build(pkt + 14, 20, peer_ip, fp_ip, FSCTP_IPPROTO_ICMP, 64,
			 2, sizeof(icmp), true);
	memcpy(pkt + 34, icmp, sizeof(icmp));
	struct rte_mbuf *m = rte_pktmbuf_alloc(fptest::g_ports.port[0].pool);
	ASSERT_NE(m, nullptr);
	memcpy(rte_pktmbuf_append(m, sizeof(pkt)), pkt, sizeof(pkt));
	m->port = fptest::g_ports.port[0].port_id;
	ASSERT_EQ(rte_ring_enqueue(ring, m), 0);
}

} // namespace

/* RFC 9260 section 10 with steering: the quoted tag is the peer's, so the
 * lcore that gets the ICMP finds the owner by the quoted tuple and hands
 * the frame over; the owner's core checks the tag and lowers the PMTU. */
TEST_F(Steer, IcmpFragNeededReachesTheOwningLcore)
{
	const int owner = 1, other = 0;
	const uint16_t sport = 6002;
	const struct fsctp_rt_lcore_stats *lo =
		fsctp_rt_lcore_stats(fsctp_rt_engine_lcore(g_fp, owner));
	const struct fsctp_rt_engine_lcore_stats *sx =
		fsctp_rt_engine_lcore_stats(g_fp, other);
	const uint32_t up0 = fsctp_rt_engine_lcore_assocs_up(g_fp, owner);
	struct fsctp_addr src, dst;

	fsctp_addr_set_v4(&src, 198, 18, 4, 2, sport);
	fsctp_addr_set_v4(&dst, 198, 18, 4, 1, 36412);
	ASSERT_GT(fsctp_connect(fsctp_rt_lcore_stack(peer.lib), &src, &dst,
				fsctp_rt_now_us()),
		  0);
	ASSERT_TRUE(until([&] { return peer.up.load() == 1 && fp_vtag != 0; },
			  owner, other))
		<< diag();
	uint64_t low0 = lo->pmtu_lowered, ign0 = lo->pmtu_ignored;
	uint64_t out0 = sx->handoff_out;
	/* A wrong tag: handed over, refused by the owner's core. */
	frag_needed(to_fp[other], fp_mac, sport, fp_vtag ^ 1u, 1200);
	ASSERT_TRUE(until([&] { return lo->pmtu_ignored == ign0 + 1; }, owner,
			  other))
		<< diag();
	EXPECT_EQ(lo->pmtu_lowered, low0);
	/* The right tag: lowered on the owner. */
	frag_needed(to_fp[other], fp_mac, sport, fp_vtag, 1200);
	ASSERT_TRUE(until([&] { return lo->pmtu_lowered == low0 + 1; }, owner,
			  other))
		<< diag();
	EXPECT_GE(sx->handoff_out, out0 + 2);
	ASSERT_EQ(fsctp_shutdown(fsctp_rt_lcore_stack(peer.lib), peer.id,
				 fsctp_rt_now_us()),
		  0);
	/* Both ends closed (the owner's last step, the SHUTDOWN COMPLETE,
	 * comes after the peer has already let go): the next test counts
	 * the lcores' associations. */
	ASSERT_TRUE(until(
		[&] {
			return fsctp_stack_assoc_count(
				       fsctp_rt_lcore_stack(peer.lib)) == 0 &&
			       fsctp_rt_engine_lcore_assocs_up(g_fp, owner) ==
				       up0;
		},
		owner, other));
}

TEST_F(Steer, OwnerIsLcore0PacketsArriveOnLcore1)
{
	run(0, 1, 6000);
	/* lcore 1 learnt the peer's MAC from the ARP lcore 0 answered. */
	EXPECT_GE(fsctp_rt_engine_lcore_stats(g_fp, 1)->neigh_learnt, 1u);
}

TEST_F(Steer, OwnerIsLcore1PacketsArriveOnLcore0)
{
	run(1, 0, 6001);
}

/* fsctp_rt_engine_abort(): every association gets an ABORT with a User-Initiated
 * Abort cause (RFC 9260 9.1, 3.3.10.12), no SHUTDOWN; the loops end and a
 * new launch starts them again. */
TEST_F(Steer, AbortSendsAbortAndStopsTheLoops)
{
	uint64_t lost0 = fsctp_rt_engine_lcore_stats(g_fp, 0)->comm_lost +
			 fsctp_rt_engine_lcore_stats(g_fp, 1)->comm_lost;
	uint32_t up0 = fsctp_rt_engine_lcore_assocs_up(g_fp, 0);
	struct fsctp_addr src, dst;

	fsctp_addr_set_v4(&src, 198, 18, 4, 2, 6002);
	fsctp_addr_set_v4(&dst, 198, 18, 4, 1, 36412);
	ASSERT_GT(fsctp_connect(fsctp_rt_lcore_stack(peer.lib), &src, &dst,
				fsctp_rt_now_us()),
		  0);
	ASSERT_TRUE(until(
		[&] {
			return peer.up.load() == 1 &&
			       fsctp_rt_engine_lcore_assocs_up(g_fp, 0) ==
				       up0 + 1;
		},
		0, 0))
		<< diag();
	fsctp_rt_engine_abort(g_fp);
	ASSERT_TRUE(until(
		[&] {
			return fsctp_stack_assoc_count(
				       fsctp_rt_lcore_stack(peer.lib)) == 0;
		},
		0, 0))
		<< diag();
	fsctp_rt_engine_wait(g_fp);
	EXPECT_EQ(peer.events.back(), FSCTP_EV_COMM_LOST);
	EXPECT_EQ(peer.lost_cause, FSCTP_CAUSE_USER_ABORT);
	EXPECT_EQ(std::count(peer.events.begin(), peer.events.end(),
			     FSCTP_EV_SHUTDOWN_EVENT),
		  0);
	EXPECT_EQ(fsctp_rt_engine_lcore_stats(g_fp, 0)->comm_lost +
			  fsctp_rt_engine_lcore_stats(g_fp, 1)->comm_lost,
		  lost0 + 1);
	EXPECT_EQ(fsctp_rt_engine_lcore_assocs_up(g_fp, 0), up0);
	/* The loops are back for whatever test runs next. */
	ASSERT_EQ(fsctp_rt_engine_launch(g_fp), 0);
}

namespace
{

/* An Ethernet/IPv4 frame to the runtime (198.18.4.1:36412) from
 * src_ip:sport carrying one SCTP chunk (type, flags, body) under vtag;
 * the CRC32c is right unless bad_crc. */
struct rte_mbuf *
sctp_frame(const uint8_t src_ip[4], uint16_t sport, uint32_t vtag, uint8_t type,
	   uint8_t flags, const std::vector<uint8_t> &body, bool bad_crc)
{
	const uint8_t fp_ip[4] = { 198, 18, 4, 1 };
	const uint8_t src_mac[6] = { 0x02, 0xf5, 0, 0, 3, 2 };
	std::vector<uint8_t> sctp(12 + 4 + body.size());
	fsctp_wr16(sctp.data(), sport);
	fsctp_wr16(sctp.data() + 2, 36412);
	fsctp_wr32(sctp.data() + 4, vtag);
	sctp[12] = type;
	sctp[13] = flags;
	fsctp_wr16(sctp.data() + 14, (uint16_t)(4 + body.size()));
	std::copy(body.begin(), body.end(), sctp.begin() + 16);
	fsctp_packet_set_crc(sctp.data(), sctp.size());
	if (bad_crc)
		sctp[8] ^= 0x5a;
	std::vector<uint8_t> f(14 + 20 + sctp.size());
	fsctp_eth_build(f.data(), f.size(), fptest::g_ports.port[0].mac,
			src_mac, FSCTP_ETHERTYPE_IPV4, FSCTP_VLAN_NONE);
	fsctp_ipv4_build(f.data() + 14, 20, src_ip, fp_ip, FSCTP_IPPROTO_SCTP,
			 64, 7, sctp.size(), true);
	std::copy(sctp.begin(), sctp.end(), f.begin() + 34);
	struct rte_mbuf *m = rte_pktmbuf_alloc(fptest::g_ports.port[0].pool);
	if (m == nullptr)
		return nullptr;
	memcpy(rte_pktmbuf_append(m, (uint16_t)f.size()), f.data(), f.size());
	m->port = fptest::g_ports.port[0].port_id;
	return m;
}

/* An INIT chunk's body (RFC 9260 3.3.2): tag, a_rwnd, streams, TSN. */
std::vector<uint8_t>
init_body(uint32_t itag)
{
	std::vector<uint8_t> b(16);
	fsctp_wr32(b.data(), itag);
	fsctp_wr32(b.data() + 4, 65536);
	fsctp_wr16(b.data() + 8, 4);
	fsctp_wr16(b.data() + 10, 4);
	fsctp_wr32(b.data() + 12, itag ^ 0x1234u);
	return b;
}

uint64_t
lc_sum(uint64_t fsctp_rt_engine_lcore_stats::*f)
{
	return fsctp_rt_engine_lcore_stats(g_fp, 0)->*f +
	       fsctp_rt_engine_lcore_stats(g_fp, 1)->*f;
}

} // namespace

/* Put frames on queue q's RX ring in small batches (the ring is small),
 * and throw away what the runtime sends meanwhile (INIT ACKs to sources
 * that do not exist). */
static bool
flood(Steer *t, struct rte_ring *to, struct rte_ring *const from[2],
      const std::vector<struct rte_mbuf *> &ms)
{
	(void)t;
	size_t i = 0;
	uint64_t end = fsctp_rt_now_us() + 20000000;
	while (i < ms.size()) {
		if (fsctp_rt_now_us() > end)
			return false;
		while (i < ms.size() && rte_ring_free_count(to) > 0)
			if (rte_ring_enqueue(to, ms[i]) == 0)
				i++;
		struct rte_mbuf *m[64];
		for (int q = 0; q < 2; q++) {
			unsigned n = rte_ring_dequeue_burst(from[q], (void **)m,
							    64, nullptr);
			rte_pktmbuf_free_bulk(m, n);
		}
		rte_delay_us_sleep(50);
	}
	/* Until the runtime has taken everything. */
	while (rte_ring_count(to) != 0) {
		if (fsctp_rt_now_us() > end)
			return false;
		rte_delay_us_sleep(100);
	}
	rte_delay_us_sleep(20000);
	struct rte_mbuf *m[64];
	for (int q = 0; q < 2; q++) {
		unsigned n;
		while ((n = rte_ring_dequeue_burst(from[q], (void **)m, 64,
						   nullptr)) > 0)
			rte_pktmbuf_free_bulk(m, n);
	}
	return true;
}

/* Issue 14 item 5: INITs from spoofed sources are answered statelessly
 * (RFC 9260 5.1 B) and leave no tuple-table entry behind: more of them
 * than the table holds (tuple_table = 64 in the profile) neither grow it
 * nor fill it. */
TEST_F(Steer, SpoofedInitsAddNoTuple)
{
	const uint8_t src[4] = { 198, 18, 4, 2 };
	/* The associations of the tests before are gone first (their
	 * tuples leave at the end of a turn of their lcore): one still
	 * closing would change the count in the middle of the flood. */
	ASSERT_TRUE(until(
		[&] { return fsctp_rt_engine_tuple_count(g_fp) == 0; }, 0, 1))
		<< fsctp_rt_engine_tuple_count(g_fp) << " entries" << diag();
	const uint32_t n0 = fsctp_rt_engine_tuple_count(g_fp);
	const uint64_t full0 = lc_sum(&fsctp_rt_engine_lcore_stats::tuple_full);
	uint64_t stateless0 = 0, stateless1 = 0;
	for (unsigned i = 0; i < 2; i++)
		stateless0 +=
			fsctp_rt_lcore_stats(fsctp_rt_engine_lcore(g_fp, i))
				->tx_stateless;
	std::vector<struct rte_mbuf *> ms[2];
	for (unsigned i = 0; i < 1000; i++) {
		struct rte_mbuf *m = sctp_frame(src, (uint16_t)(20000 + i), 0,
						FSCTP_CHUNK_INIT, 0,
						init_body(0x1000u + i), false);
		ASSERT_NE(m, nullptr);
		ms[i % 2].push_back(m);
	}
	for (int q = 0; q < 2; q++)
		ASSERT_TRUE(flood(this, to_fp[q], from_fp, ms[q])) << diag();
	for (unsigned i = 0; i < 2; i++)
		stateless1 +=
			fsctp_rt_lcore_stats(fsctp_rt_engine_lcore(g_fp, i))
				->tx_stateless;
	/* Answered (within the reply rate limit), and flagged. */
	EXPECT_GE(stateless1 - stateless0, 900u) << diag();
	EXPECT_EQ(fsctp_rt_engine_tuple_count(g_fp), n0);
	EXPECT_EQ(lc_sum(&fsctp_rt_engine_lcore_stats::tuple_full), full0);
}

/* Issue 14 item 5: the entries of an association are deleted when it
 * ends; many more associations than the table holds open and close in
 * turn, on both lcores, and the table is back to empty at the end with no
 * insert ever refused (deleted positions are given back). */
TEST_F(Steer, AssociationChurnLeavesTheTupleTableEmpty)
{
	const uint64_t full0 = lc_sum(&fsctp_rt_engine_lcore_stats::tuple_full);
	const uint64_t del0 = lc_sum(&fsctp_rt_engine_lcore_stats::tuple_del);
	uint32_t peak = 0;
	ASSERT_TRUE(until(
		[&] { return fsctp_rt_engine_tuple_count(g_fp) == 0; }, 0, 1))
		<< fsctp_rt_engine_tuple_count(g_fp) << " entries" << diag();
	for (int i = 0; i < 150; i++) {
		peer.up = 0;
		peer.events.clear();
		run(i % 2, 1 - i % 2, (uint16_t)(7000 + i));
		if (HasFatalFailure())
			return;
		peak = std::max(peak, fsctp_rt_engine_tuple_count(g_fp));
	}
	ASSERT_TRUE(until(
		[&] { return fsctp_rt_engine_tuple_count(g_fp) == 0; }, 0, 1))
		<< fsctp_rt_engine_tuple_count(g_fp) << " entries" << diag();
	EXPECT_EQ(lc_sum(&fsctp_rt_engine_lcore_stats::tuple_full), full0);
	EXPECT_GE(lc_sum(&fsctp_rt_engine_lcore_stats::tuple_del), del0 + 150);
	EXPECT_LE(peak, 2u);
}

/* Issue 14 item 8: a packet whose tag names the other lcore is handed
 * over only with a good CRC32c (RFC 9260 6.8); garbage with a chosen tag
 * is dropped and counted where it arrived, and cannot fill the hand-off
 * ring. */
TEST_F(Steer, BadCrcIsDroppedBeforeTheHandOff)
{
	const uint8_t src[4] = { 198, 18, 4, 2 };
	const struct fsctp_rt_engine_lcore_stats *s0 =
		fsctp_rt_engine_lcore_stats(g_fp, 0);
	const uint64_t out0 = s0->handoff_out, bad0 = s0->steer_bad_crc,
		       full0 = s0->handoff_full;
	/* A tag whose owner bit names lcore 1 (owner_bits 1: the top bit),
	 * arriving on lcore 0's queue. */
	const uint32_t vtag = 0x80000000u | 0x00abcdefu;
	ASSERT_EQ(fsctp_rt_tag_owner(vtag, 1), 1u);
	std::vector<uint8_t> sack(12, 0);
	std::vector<struct rte_mbuf *> ms;
	for (unsigned i = 0; i < 3000; i++) {
		struct rte_mbuf *m =
			sctp_frame(src, 9000, vtag, 3, 0, sack, true);
		ASSERT_NE(m, nullptr);
		ms.push_back(m);
	}
	ASSERT_TRUE(flood(this, to_fp[0], from_fp, ms)) << diag();
	EXPECT_EQ(s0->steer_bad_crc, bad0 + 3000);
	EXPECT_EQ(s0->handoff_out, out0);
	EXPECT_EQ(s0->handoff_full, full0);
	/* The same packet with its CRC right is handed over. */
	ms.assign(1, sctp_frame(src, 9000, vtag, 3, 0, sack, false));
	ASSERT_NE(ms[0], nullptr);
	ASSERT_TRUE(flood(this, to_fp[0], from_fp, ms)) << diag();
	EXPECT_EQ(s0->handoff_out, out0 + 1);
	EXPECT_EQ(s0->steer_bad_crc, bad0 + 3000);
}

/* Exhaustion of the hand-off ring (issue 14): while the owner cannot run
 * (its lock held here), packets for it fill the ring of the pair; the
 * rest are dropped and counted (handoff_full) where they arrived. Once
 * the owner runs again it drains the ring: everything handed off arrives
 * (handoff_in), nothing is left in it, and hand-offs work again. */
TEST_F(Steer, HandoffRingFullIsCountedAndDrains)
{
	const uint8_t src[4] = { 198, 18, 4, 2 };
	const struct fsctp_rt_engine_lcore_stats *s0 =
		fsctp_rt_engine_lcore_stats(g_fp, 0);
	const struct fsctp_rt_engine_lcore_stats *s1 =
		fsctp_rt_engine_lcore_stats(g_fp, 1);
	const uint32_t vtag = 0x80000000u | 0x00123456u;
	std::vector<uint8_t> sack(12, 0);
	const unsigned ring = fptest::g_cfg.handoff_ring;
	std::vector<struct rte_mbuf *> ms;
	for (unsigned i = 0; i < ring + 500; i++) {
		struct rte_mbuf *m =
			sctp_frame(src, 9001, vtag, 3, 0, sack, false);
		ASSERT_NE(m, nullptr);
		ms.push_back(m);
	}
	fsctp_rt_engine_lock(g_fp, 1);
	const uint64_t out0 = s0->handoff_out, full0 = s0->handoff_full,
		       in0 = s1->handoff_in;
	bool ok = flood(this, to_fp[0], from_fp, ms);
	const uint64_t out = s0->handoff_out - out0,
		       full = s0->handoff_full - full0;
	const uint64_t in_locked = s1->handoff_in - in0;
	fsctp_rt_engine_unlock(g_fp, 1);
	ASSERT_TRUE(ok) << diag();
	EXPECT_EQ(in_locked, 0u);
	/* An SP/SC ring of N slots holds N - 1. */
	EXPECT_EQ(out, (uint64_t)ring - 1);
	EXPECT_EQ(full, 500u + 1);
	ASSERT_TRUE(until([&] { return s1->handoff_in - in0 == out; }, 0, 0))
		<< diag();
	ms.assign(1, sctp_frame(src, 9001, vtag, 3, 0, sack, false));
	ASSERT_NE(ms[0], nullptr);
	ASSERT_TRUE(flood(this, to_fp[0], from_fp, ms)) << diag();
	ASSERT_TRUE(
		until([&] { return s1->handoff_in - in0 == out + 1; }, 0, 0))
		<< diag();
	EXPECT_EQ(s0->handoff_full - full0, full);
}

int
main(int argc, char **argv)
{
	::testing::InitGoogleTest(&argc, argv);
	int rc = fptest::start(std::string(FSCTP_SOURCE_DIR) +
				       "/tests/unit/steer-2lcore.ini",
			       {});
	if (rc != 0)
		return rc;
	char err[512];
	g_fp = fsctp_rt_engine_create(&fptest::g_cfg, &fptest::g_ports, err,
				      sizeof(err));
	if (g_fp == nullptr ||
	    fsctp_rt_engine_inst_create(g_fp, nullptr, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (fsctp_rt_engine_launch(g_fp) != 0)
		return 2;
	rc = RUN_ALL_TESTS();
	fsctp_rt_engine_stop(g_fp);
	fsctp_rt_engine_wait(g_fp);
	fsctp_rt_engine_free(g_fp);
	fptest::stop();
	return rc;
}
