/* SPDX-License-Identifier: BSD-3-Clause */
/* The bounded neighbour table: resolution, queueing, limits, timers. */
#include <cerrno>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include "fsctp_neigh.h"
}

namespace
{

struct Rec {
	std::vector<std::vector<uint8_t>> probes; /* ip bytes */
	std::vector<bool> unicast;
	std::vector<std::pair<intptr_t, uint8_t>> sent; /* pkt, mac[5] */
	std::vector<intptr_t> dropped;
};

void
on_probe(void *ctx, uint8_t family, const uint8_t *ip, const uint8_t *mac)
{
	Rec *r = static_cast<Rec *>(ctx);
	r->probes.emplace_back(ip, ip + (family == FSCTP_AF_INET6 ? 16 : 4));
	r->unicast.push_back(mac != nullptr);
}

void
on_send(void *ctx, void *pkt, const uint8_t *mac)
{
	static_cast<Rec *>(ctx)->sent.emplace_back((intptr_t)pkt, mac[5]);
}

void
on_drop(void *ctx, void *pkt)
{
	static_cast<Rec *>(ctx)->dropped.push_back((intptr_t)pkt);
}

class Neigh : public ::testing::Test
{
      protected:
	Rec rec;
	struct fsctp_neigh_table *t = nullptr;
	struct fsctp_neigh_config cfg;

	void make(uint32_t entries, uint32_t pending)
	{
		fsctp_neigh_config_defaults(&cfg);
		cfg.max_entries = entries;
		cfg.max_pending = pending;
		struct fsctp_neigh_ops ops = { on_probe, on_send, on_drop,
					       &rec };
		t = fsctp_neigh_create(&cfg, &ops);
		ASSERT_NE(t, nullptr);
	}
	void TearDown() override
	{
		fsctp_neigh_free(t);
	}
};

const uint8_t IP1[4] = { 198, 18, 0, 1 };
const uint8_t IP2[4] = { 198, 18, 0, 2 };
const uint8_t IP3[4] = { 198, 18, 0, 3 };
const uint8_t MAC1[6] = { 2, 0, 0, 0, 0, 1 };
const uint8_t MAC2[6] = { 2, 0, 0, 0, 0, 2 };

} // namespace

TEST(NeighConfig, RejectsBadLimits)
{
	struct fsctp_neigh_config c;
	struct fsctp_neigh_ops ops = { on_probe, on_send, on_drop, nullptr };

	fsctp_neigh_config_defaults(&c);
	c.max_pending = FSCTP_NEIGH_PENDING_MAX + 1;
	errno = 0;
	EXPECT_EQ(fsctp_neigh_create(&c, &ops), nullptr);
	EXPECT_EQ(errno, EINVAL);
	fsctp_neigh_config_defaults(&c);
	c.max_entries = 0;
	EXPECT_EQ(fsctp_neigh_create(&c, &ops), nullptr);
	fsctp_neigh_config_defaults(&c);
	ops.drop = nullptr;
	EXPECT_EQ(fsctp_neigh_create(&c, &ops), nullptr);
}

/* A client bringing 1,000 associations up to one peer sends 1,000 INITs
 * before the peer's MAC is known: with the default limits all of them are
 * queued and go out, in order, once the answer comes (a per-entry queue of
 * 512 dropped 488 of them, which waited for T1-init: 1 s of set-up). */
TEST_F(Neigh, DefaultQueueTakesAHandshakeBurstToOnePeer)
{
	struct fsctp_neigh_config d;
	uint8_t mac[6];

	fsctp_neigh_config_defaults(&d);
	make(d.max_entries, d.max_pending);
	for (intptr_t i = 1; i <= 1000; i++)
		ASSERT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, (void *)i,
					      0, mac),
			  1)
			<< "packet " << i;
	EXPECT_EQ(fsctp_neigh_stats(t)->queue_full, 0u);
	EXPECT_EQ(fsctp_neigh_update(t, FSCTP_AF_INET4, IP1, MAC1, true, 1), 0);
	ASSERT_EQ(rec.sent.size(), 1000u);
	for (size_t i = 0; i < rec.sent.size(); i++)
		EXPECT_EQ(rec.sent[i].first, (intptr_t)(i + 1));
	EXPECT_TRUE(rec.dropped.empty());
}

TEST_F(Neigh, ResolveQueuesThenReleasesInOrder)
{
	uint8_t mac[6];

	make(4, 2);
	EXPECT_EQ(
		fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, (void *)1, 0, mac),
		1);
	ASSERT_EQ(rec.probes.size(), 1u);
	EXPECT_FALSE(rec.unicast[0]);
	EXPECT_EQ(
		fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, (void *)2, 10, mac),
		1);
	EXPECT_EQ(rec.probes.size(), 1u); /* no second probe yet */
	/* The queue is bounded and counted. */
	EXPECT_EQ(
		fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, (void *)3, 20, mac),
		-ENOBUFS);
	EXPECT_EQ(fsctp_neigh_stats(t)->queue_full, 1u);
	EXPECT_EQ(fsctp_neigh_stats(t)->queued, 2u);

	ASSERT_EQ(fsctp_neigh_update(t, FSCTP_AF_INET4, IP1, MAC1, false, 30),
		  0);
	ASSERT_EQ(rec.sent.size(), 2u);
	EXPECT_EQ(rec.sent[0].first, 1);
	EXPECT_EQ(rec.sent[1].first, 2);
	EXPECT_EQ(rec.sent[0].second, 1);
	EXPECT_EQ(fsctp_neigh_stats(t)->released, 2u);

	ASSERT_EQ(
		fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, (void *)4, 40, mac),
		0);
	EXPECT_EQ(memcmp(mac, MAC1, 6), 0);
	EXPECT_EQ(rec.sent.size(), 2u); /* not taken */
}

TEST_F(Neigh, ProbesRetransmitThenFailAndDrop)
{
	uint8_t mac[6];

	make(4, 4);
	const uint64_t rt = cfg.retrans_us;
	ASSERT_EQ(
		fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP2, (void *)7, 0, mac),
		1);
	fsctp_neigh_timers(t, rt - 1);
	EXPECT_EQ(rec.probes.size(), 1u);
	fsctp_neigh_timers(t, rt);
	EXPECT_EQ(rec.probes.size(), 2u);
	fsctp_neigh_timers(t, 2 * rt);
	EXPECT_EQ(rec.probes.size(), 3u); /* max_probes = 3 sent */
	EXPECT_TRUE(rec.dropped.empty());
	fsctp_neigh_timers(t, 3 * rt);
	EXPECT_EQ(rec.probes.size(), 3u);
	ASSERT_EQ(rec.dropped.size(), 1u);
	EXPECT_EQ(rec.dropped[0], 7);
	EXPECT_EQ(fsctp_neigh_stats(t)->failed, 1u);
	EXPECT_EQ(fsctp_neigh_stats(t)->dropped, 1u);
	EXPECT_EQ(fsctp_neigh_count(t), 0u);
}

TEST_F(Neigh, TableFullOfResolvingEntriesRefuses)
{
	uint8_t mac[6];

	make(2, 1);
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, nullptr, 0, mac),
		  1);
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP2, nullptr, 0, mac),
		  1);
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP3, nullptr, 0, mac),
		  -ENOSPC);
	EXPECT_EQ(fsctp_neigh_stats(t)->table_full, 1u);
	/* Once one resolves it can be evicted (least recently updated). */
	fsctp_neigh_update(t, FSCTP_AF_INET4, IP1, MAC1, false, 5);
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP3, nullptr, 6, mac),
		  1);
	EXPECT_EQ(fsctp_neigh_stats(t)->evictions, 1u);
	EXPECT_EQ(fsctp_neigh_count(t), 2u);
}

TEST_F(Neigh, StaleEntryStillUsedAndReprobedUnicast)
{
	uint8_t mac[6];

	make(4, 4);
	fsctp_neigh_update(t, FSCTP_AF_INET4, IP1, MAC2, true, 0);
	ASSERT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, nullptr,
				      cfg.reachable_us + 1, mac),
		  0);
	EXPECT_EQ(memcmp(mac, MAC2, 6), 0);
	ASSERT_EQ(rec.probes.size(), 1u);
	EXPECT_TRUE(rec.unicast[0]);
	/* Not again within the retransmission interval. */
	fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, nullptr,
			    cfg.reachable_us + 2, mac);
	EXPECT_EQ(rec.probes.size(), 1u);
	/* Families do not collide: the same bytes as IPv6 is another key. */
	uint8_t ip6[16] = { 198, 18, 0, 1 };
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET6, ip6, nullptr, 0, mac),
		  1);
}

TEST_F(Neigh, FreeDropsQueued)
{
	uint8_t mac[6];

	make(2, 2);
	fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, (void *)9, 0, mac);
	fsctp_neigh_free(t);
	t = nullptr;
	ASSERT_EQ(rec.dropped.size(), 1u);
	EXPECT_EQ(rec.dropped[0], 9);
}

/* Eviction is by last use, not by learn time: the gateway, learnt first
 * but used for every packet, stays; an idle neighbour goes. */
TEST_F(Neigh, EvictsTheLeastRecentlyUsedNotTheOldest)
{
	uint8_t mac[6];

	make(2, 2);
	fsctp_neigh_update(t, FSCTP_AF_INET4, IP1, MAC1, true, 0);  /* gw */
	fsctp_neigh_update(t, FSCTP_AF_INET4, IP2, MAC2, true, 10); /* idle */
	ASSERT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, nullptr, 20, mac),
		  0);
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP3, nullptr, 30, mac),
		  1);
	EXPECT_EQ(fsctp_neigh_stats(t)->evictions, 1u);
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, nullptr, 40, mac),
		  0);
	EXPECT_EQ(memcmp(mac, MAC1, 6), 0);
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP2, nullptr, 50, mac),
		  1); /* IP2 was the victim: resolving again */
}

/* A flood of destinations that never answer: at most max_incomplete
 * entries resolve at once (counted), their parked packets are dropped and
 * counted when the probes fail, and the table is empty again. */
TEST(NeighFlood, IncompleteEntriesAreBoundedAndExpire)
{
	Rec rec;
	struct fsctp_neigh_config c;
	fsctp_neigh_config_defaults(&c);
	c.max_entries = 32;
	c.max_incomplete = 4;
	struct fsctp_neigh_ops ops = { on_probe, on_send, on_drop, &rec };
	struct fsctp_neigh_table *t = fsctp_neigh_create(&c, &ops);
	ASSERT_NE(t, nullptr);
	uint8_t mac[6];
	int ok = 0;
	for (uint8_t i = 0; i < 100; i++) {
		uint8_t ip[4] = { 198, 18, 1, i };
		ok += fsctp_neigh_resolve(t, FSCTP_AF_INET4, ip,
					  (void *)(intptr_t)(i + 1), 0,
					  mac) == 1;
	}
	EXPECT_EQ(ok, 4);
	EXPECT_EQ(fsctp_neigh_stats(t)->incomplete_full, 96u);
	EXPECT_EQ(fsctp_neigh_count(t), 4u);
	/* A resolved neighbour still gets in (not counted as resolving). */
	EXPECT_EQ(fsctp_neigh_update(t, FSCTP_AF_INET4, IP1, MAC1, true, 1), 0);
	for (uint64_t k = 1; k <= 3; k++)
		fsctp_neigh_timers(t, k * c.retrans_us);
	EXPECT_EQ(fsctp_neigh_stats(t)->failed, 4u);
	EXPECT_EQ(fsctp_neigh_stats(t)->dropped, 4u);
	EXPECT_EQ(rec.dropped.size(), 4u);
	EXPECT_EQ(fsctp_neigh_count(t), 1u);
	uint8_t ip[4] = { 198, 18, 2, 1 };
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, ip, nullptr,
				      4 * c.retrans_us, mac),
		  1);
	fsctp_neigh_free(t);
}

/* A handshake burst to one unresolved neighbour (300 replies) waits
 * behind one resolution with the default limits; the table-wide bound
 * holds across entries and is counted. */
TEST(NeighFlood, BurstQueuesBehindOneResolutionWithinTheTotal)
{
	Rec rec;
	struct fsctp_neigh_config c;
	fsctp_neigh_config_defaults(&c);
	c.max_pending_total = 500;
	struct fsctp_neigh_ops ops = { on_probe, on_send, on_drop, &rec };
	struct fsctp_neigh_table *t = fsctp_neigh_create(&c, &ops);
	ASSERT_NE(t, nullptr);
	uint8_t mac[6];
	for (intptr_t i = 1; i <= 300; i++)
		ASSERT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP1, (void *)i,
					      0, mac),
			  1);
	int ok = 0;
	for (intptr_t i = 1001; i <= 1300; i++)
		ok += fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP2, (void *)i, 0,
					  mac) == 1;
	EXPECT_EQ(ok, 200);
	EXPECT_EQ(fsctp_neigh_stats(t)->pending_total_full, 100u);
	fsctp_neigh_update(t, FSCTP_AF_INET4, IP1, MAC1, false, 1);
	ASSERT_EQ(rec.sent.size(), 300u);
	for (intptr_t i = 0; i < 300; i++)
		EXPECT_EQ(rec.sent[i].first, i + 1);
	/* Room again: the total counts what is parked now. */
	EXPECT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET4, IP2, (void *)2000, 2,
				      mac),
		  1);
	fsctp_neigh_free(t);
	EXPECT_EQ(rec.dropped.size(), 201u);
}

/* RFC 4861 7.2.5: an NA with the override flag clear does not replace a
 * known link-layer address (a REACHABLE entry turns STALE and is
 * re-probed); with it set, it does. */
TEST_F(Neigh, NeighborAdvertOverrideFlag)
{
	uint8_t mac[6];
	const uint8_t ip6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
				  0,	0,    0,    0,	  0, 0, 0, 9 };

	make(4, 4);
	/* No entry: ignored, nothing created. */
	EXPECT_EQ(fsctp_neigh_advert(t, ip6, MAC1, true, true, 0), 0);
	EXPECT_EQ(fsctp_neigh_count(t), 0u);
	ASSERT_EQ(
		fsctp_neigh_resolve(t, FSCTP_AF_INET6, ip6, (void *)5, 0, mac),
		1);
	/* INCOMPLETE: learnt even without O, queue released. */
	EXPECT_EQ(fsctp_neigh_advert(t, ip6, MAC1, true, false, 10), 0);
	ASSERT_EQ(rec.sent.size(), 1u);
	ASSERT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET6, ip6, nullptr, 20, mac),
		  0);
	EXPECT_EQ(memcmp(mac, MAC1, 6), 0);
	size_t probes = rec.probes.size();
	/* O clear, another address: ignored, entry STALE, re-probed. */
	EXPECT_EQ(fsctp_neigh_advert(t, ip6, MAC2, true, false, 30), 0);
	EXPECT_EQ(fsctp_neigh_stats(t)->override_ignored, 1u);
	ASSERT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET6, ip6, nullptr, 40, mac),
		  0);
	EXPECT_EQ(memcmp(mac, MAC1, 6), 0);
	EXPECT_EQ(rec.probes.size(), probes + 1);
	EXPECT_TRUE(rec.unicast.back());
	/* O set: replaced. */
	EXPECT_EQ(fsctp_neigh_advert(t, ip6, MAC2, true, true, 50), 0);
	ASSERT_EQ(fsctp_neigh_resolve(t, FSCTP_AF_INET6, ip6, nullptr, 60, mac),
		  0);
	EXPECT_EQ(memcmp(mac, MAC2, 6), 0);
}
