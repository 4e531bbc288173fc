/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tests of the simulation machinery itself, independent of the protocol
 * core: generators, event ordering, every link impairment, CRC32c and the
 * pcap writer.
 */
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "sim_crc32c.h"
#include "sim_event.h"
#include "sim_link.h"
#include "sim_pcap.h"
#include "sim_rng.h"

using namespace fsctp_sim;

namespace
{

/* A syntactically valid SCTP packet: common header and one chunk. */
std::vector<uint8_t>
packet(uint8_t chunk_type, size_t value_len, uint8_t fill = 0x5a)
{
	std::vector<uint8_t> p(12, 0);
	p[0] = 0x13;
	p[1] = 0x88;
	p[2] = 0x13;
	p[3] = 0x89;
	p[7] = 1;
	size_t len = 4 + value_len;
	p.push_back(chunk_type);
	p.push_back(0);
	p.push_back((uint8_t)(len >> 8));
	p.push_back((uint8_t)len);
	p.insert(p.end(), value_len, fill);
	p.resize(12 + ((len + 3) & ~(size_t)3), 0);
	sctp_fill_crc(p.data(), p.size());
	return p;
}

} // namespace

TEST(SimRng, SameSeedSameStream)
{
	Rng a(42), b(42), c(43);
	bool differs = false;
	for (int i = 0; i < 1000; i++) {
		uint64_t x = a.next();
		EXPECT_EQ(x, b.next());
		differs |= x != c.next();
	}
	EXPECT_TRUE(differs);
}

TEST(SimRng, SeedMixSeparatesLabels)
{
	std::set<uint64_t> seen;
	for (uint64_t seed = 0; seed < 50; seed++)
		for (uint64_t label = 0; label < 50; label++)
			seen.insert(seed_mix(seed, label));
	EXPECT_EQ(seen.size(), 2500u);
}

TEST(SimRng, BelowAndChanceAreUniformEnough)
{
	Rng r(7);
	int hist[10] = { 0 };
	int hits = 0;
	for (int i = 0; i < 100000; i++) {
		uint64_t v = r.below(10);
		ASSERT_LT(v, 10u);
		hist[v]++;
		hits += r.chance(0.25);
	}
	for (int h : hist) {
		EXPECT_GT(h, 9500);
		EXPECT_LT(h, 10500);
	}
	EXPECT_GT(hits, 24000);
	EXPECT_LT(hits, 26000);
	EXPECT_FALSE(r.chance(0));
	for (int i = 0; i < 100; i++) {
		uint64_t v = r.range(5, 7);
		EXPECT_GE(v, 5u);
		EXPECT_LE(v, 7u);
	}
}

TEST(SimEventQueue, OrdersByTimeThenSequence)
{
	EventQueue q;
	std::vector<int> order;
	q.at(20, [&]() { order.push_back(3); });
	q.at(10, [&]() { order.push_back(1); });
	q.at(10, [&]() { order.push_back(2); });
	q.at(30, [&]() {
		order.push_back(4);
		/* Scheduling in the past runs now, after what is queued. */
		q.at(5, [&]() { order.push_back(6); });
	});
	q.at(30, [&]() { order.push_back(5); });
	while (q.run_one())
		;
	EXPECT_EQ(order, (std::vector<int>{ 1, 2, 3, 4, 5, 6 }));
	EXPECT_EQ(q.now(), 30u);
	EXPECT_EQ(q.executed(), 6u);
	EXPECT_EQ(q.next_time(), kNever);
}

TEST(SimCrc32c, KnownVectors)
{
	const char *s = "123456789";
	EXPECT_EQ(crc32c((const uint8_t *)s, 9), 0xe3069283u);
	/* RFC 3720 B.4: 32 bytes of zeros, of ones, incrementing. */
	uint8_t b[32];
	memset(b, 0, sizeof(b));
	EXPECT_EQ(crc32c(b, 32), 0x8a9136aau);
	memset(b, 0xff, sizeof(b));
	EXPECT_EQ(crc32c(b, 32), 0x62a8ab43u);
	for (int i = 0; i < 32; i++)
		b[i] = (uint8_t)i;
	EXPECT_EQ(crc32c(b, 32), 0x46dd794eu);
}

TEST(SimCrc32c, FillAndVerifyPacket)
{
	auto p = packet(0, 100);
	EXPECT_TRUE(sctp_crc_ok(p.data(), p.size()));
	p[40] ^= 0x10;
	EXPECT_FALSE(sctp_crc_ok(p.data(), p.size()));
	sctp_fill_crc(p.data(), p.size());
	EXPECT_TRUE(sctp_crc_ok(p.data(), p.size()));
	EXPECT_FALSE(sctp_crc_ok(p.data(), 11));
}

TEST(SimLink, CleanLinkDelaysOnly)
{
	Impair imp;
	imp.delay = 7 * kMs;
	LinkDir l("t", 1, imp);
	auto p = packet(0, 64);
	auto d = l.offer(100, p);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_EQ(d[0].at, 100 + 7 * kMs);
	EXPECT_EQ(d[0].bytes, p);
	EXPECT_FALSE(d[0].corrupted);
	EXPECT_EQ(l.stats().delivered, 1u);
}

TEST(SimLink, RandomLossRate)
{
	Impair imp;
	imp.loss = 0.2;
	LinkDir l("t", 2, imp);
	auto p = packet(0, 16);
	int got = 0;
	for (int i = 0; i < 20000; i++)
		got += (int)l.offer((Time)i * 10, p).size();
	EXPECT_GT(got, 15500);
	EXPECT_LT(got, 16500);
	EXPECT_EQ(l.stats().lost_random, 20000u - (uint64_t)got);
}

TEST(SimLink, GilbertElliottLosesInBursts)
{
	Impair imp;
	imp.ge_p_gb = 0.02;
	imp.ge_p_bg = 0.25;
	imp.ge_loss_bad = 1.0;
	LinkDir l("t", 3, imp);
	auto p = packet(0, 16);
	int runs = 0, lost = 0;
	bool prev = false;
	for (int i = 0; i < 50000; i++) {
		bool gone = l.offer((Time)i * 10, p).empty();
		lost += gone;
		if (gone && !prev)
			runs++;
		prev = gone;
	}
	ASSERT_GT(runs, 0);
	/* Mean burst length 1/p_bg = 4, far above independent loss. */
	double mean = (double)lost / runs;
	EXPECT_GT(mean, 3.0);
	EXPECT_LT(mean, 5.0);
	EXPECT_EQ(l.stats().lost_burst, (uint64_t)lost);
}

TEST(SimLink, BlackoutWindow)
{
	Impair imp;
	imp.down.push_back(Window{ 1000, 2000 });
	LinkDir l("t", 4, imp);
	auto p = packet(0, 16);
	EXPECT_EQ(l.offer(999, p).size(), 1u);
	EXPECT_EQ(l.offer(1000, p).size(), 0u);
	EXPECT_EQ(l.offer(1999, p).size(), 0u);
	EXPECT_EQ(l.offer(2000, p).size(), 1u);
	EXPECT_EQ(l.stats().lost_down, 2u);
}

TEST(SimLink, ReorderHoldsBackAndOthersOvertake)
{
	Impair imp;
	imp.reorder = 0.3;
	imp.delay = 10 * kMs;
	LinkDir l("t", 5, imp);
	auto p = packet(0, 16);
	std::vector<Time> at;
	for (int i = 0; i < 1000; i++)
		for (auto &d : l.offer((Time)i * kMs, p))
			at.push_back(d.at);
	ASSERT_EQ(at.size(), 1000u);
	int inversions = 0;
	for (size_t i = 1; i < at.size(); i++)
		inversions += at[i] < at[i - 1];
	EXPECT_GT(inversions, 100);
	EXPECT_GT(l.stats().reordered, 200u);
	EXPECT_LT(l.stats().reordered, 400u);
	/* Held back 1-3 RTTs (RTT = 2 * delay). */
	for (size_t i = 0; i < at.size(); i++) {
		EXPECT_GE(at[i], (Time)i * kMs + 10 * kMs);
		EXPECT_LE(at[i], (Time)i * kMs + 10 * kMs + 3 * 20 * kMs);
	}
}

TEST(SimLink, DuplicatesImmediateAndLate)
{
	Impair imp;
	imp.dup = 0.1;
	imp.dup_late = 0.1;
	LinkDir l("t", 6, imp);
	auto p = packet(0, 16);
	size_t n = 0;
	bool late_seen = false;
	for (int i = 0; i < 5000; i++) {
		auto d = l.offer((Time)i * kMs, p);
		n += d.size();
		for (auto &x : d) {
			EXPECT_EQ(x.bytes, p);
			late_seen |= x.at > d[0].at;
		}
	}
	EXPECT_GT(n, 5800u);
	EXPECT_LT(n, 6200u);
	EXPECT_TRUE(late_seen);
	EXPECT_EQ(l.stats().duplicated, n - 5000);
}

TEST(SimLink, CorruptionFailsTheCrc)
{
	Impair imp;
	imp.corrupt = 1.0;
	LinkDir l("t", 7, imp);
	for (int i = 0; i < 500; i++) {
		auto p = packet(0, 1 + i);
		auto d = l.offer((Time)i, p);
		ASSERT_EQ(d.size(), 1u);
		EXPECT_NE(d[0].bytes, p);
		EXPECT_TRUE(d[0].corrupted);
		EXPECT_FALSE(sctp_crc_ok(d[0].bytes.data(), d[0].bytes.size()));
	}
}

TEST(SimLink, GarbageKeepsAValidCrc)
{
	Impair imp;
	imp.corrupt_recrc = 1.0;
	LinkDir l("t", 8, imp);
	for (int i = 0; i < 500; i++) {
		auto p = packet(0, 1 + i);
		auto d = l.offer((Time)i, p);
		ASSERT_EQ(d.size(), 1u);
		EXPECT_NE(d[0].bytes, p);
		EXPECT_FALSE(d[0].corrupted);
		EXPECT_TRUE(sctp_crc_ok(d[0].bytes.data(), d[0].bytes.size()));
		/* Ports and tag untouched. */
		EXPECT_EQ(0, memcmp(d[0].bytes.data(), p.data(), 8));
	}
}

TEST(SimLink, BottleneckSerialisesAndTailDrops)
{
	Impair imp;
	imp.delay = 0;
	imp.bw_bps = 8000000; /* 1 byte per microsecond */
	imp.queue_bytes = 5000;
	LinkDir l("t", 9, imp);
	auto p = packet(0, 964); /* 980 bytes + 20 IP = 1000 */
	ASSERT_EQ(p.size(), 980u);
	std::vector<Time> at;
	int dropped = 0;
	for (int i = 0; i < 10; i++) {
		auto d = l.offer(0, p);
		if (d.empty())
			dropped++;
		for (auto &x : d)
			at.push_back(x.at);
	}
	ASSERT_EQ(at.size(), 5u);
	EXPECT_EQ(dropped, 5);
	for (size_t i = 0; i < at.size(); i++)
		EXPECT_EQ(at[i], (Time)(i + 1) * 1000);
	EXPECT_EQ(l.stats().lost_queue, 5u);
	/* Once drained, the queue accepts again. */
	EXPECT_EQ(l.offer(10000, p).size(), 1u);
}

TEST(SimLink, MtuStep)
{
	Impair imp;
	imp.mtu = 1500;
	imp.mtu_steps.push_back({ 1000, 1280 });
	LinkDir l("t", 10, imp);
	auto big = packet(0, 1400); /* 1416 + 20 */
	auto small = packet(0, 1200);
	EXPECT_EQ(l.offer(0, big).size(), 1u);
	EXPECT_EQ(l.offer(1000, big).size(), 0u);
	EXPECT_EQ(l.offer(1000, small).size(), 1u);
	EXPECT_EQ(l.stats().lost_mtu, 1u);
}

/* Over the MTU: a packet the sender let IP fragment passes (counted), any
 * other is dropped and, with feedback on, reported like ICMP would. */
TEST(SimLink, MtuFragmentableAndTooBigFeedback)
{
	Impair imp;
	imp.mtu = 1280;
	imp.mtu_feedback = true;
	LinkDir l("t", 11, imp);
	auto big = packet(0, 1400);
	auto small = packet(0, 1200);
	EXPECT_EQ(l.offer(0, big).size(), 0u);
	EXPECT_EQ(l.too_big(), 1280u);
	EXPECT_EQ(l.offer(0, small).size(), 1u);
	EXPECT_EQ(l.too_big(), 0u);
	EXPECT_EQ(l.offer(0, big, true).size(), 1u);
	EXPECT_EQ(l.too_big(), 0u);
	EXPECT_EQ(l.stats().lost_mtu, 1u);
	EXPECT_EQ(l.stats().mtu_feedback, 1u);
	EXPECT_EQ(l.stats().mtu_fragmented, 1u);
	/* A black hole: dropped, nothing reported. */
	imp.mtu_feedback = false;
	LinkDir h("h", 11, imp);
	EXPECT_EQ(h.offer(0, big).size(), 0u);
	EXPECT_EQ(h.too_big(), 0u);
	EXPECT_EQ(h.stats().mtu_feedback, 0u);
}

TEST(SimLink, DelayStepAndFifoJitter)
{
	Impair imp;
	imp.delay = 10 * kMs;
	imp.jitter = 5 * kMs;
	imp.delay_steps.push_back({ 1 * kSec, 50 * kMs });
	LinkDir l("t", 11, imp);
	auto p = packet(0, 16);
	Time last = 0;
	for (int i = 0; i < 2000; i++) {
		Time now = (Time)i * kMs;
		auto d = l.offer(now, p);
		ASSERT_EQ(d.size(), 1u);
		EXPECT_GE(d[0].at, last); /* keep_order */
		Time base = now >= kSec ? 50 * kMs : 10 * kMs;
		EXPECT_GE(d[0].at, now + base);
		last = d[0].at;
	}
	EXPECT_EQ(l.delay_at(2 * kSec), 50 * kMs);
}

TEST(SimLink, SackOnlyAndTargetedLoss)
{
	Impair imp;
	imp.sack_only_loss = 1.0;
	imp.drop_chunk_type = 7;
	imp.drop_chunk_count = 2;
	LinkDir l("t", 12, imp);
	EXPECT_EQ(l.offer(0, packet(3, 12)).size(), 0u); /* SACK only */
	EXPECT_EQ(l.offer(0, packet(0, 12)).size(), 1u); /* DATA */
	EXPECT_EQ(l.offer(0, packet(7, 4)).size(), 0u);
	EXPECT_EQ(l.offer(0, packet(7, 4)).size(), 0u);
	EXPECT_EQ(l.offer(0, packet(7, 4)).size(), 1u); /* only the first 2 */
	EXPECT_EQ(l.stats().lost_sack, 1u);
	EXPECT_EQ(l.stats().lost_targeted, 2u);
	EXPECT_TRUE(sctp_is_sack_only(packet(3, 12)));
	EXPECT_FALSE(sctp_is_sack_only(packet(0, 12)));
}

TEST(SimLink, SameSeedSameDeliveries)
{
	Impair imp;
	imp.loss = 0.1;
	imp.reorder = 0.1;
	imp.dup = 0.1;
	imp.corrupt = 0.05;
	imp.jitter = 3 * kMs;
	for (uint64_t seed = 0; seed < 5; seed++) {
		LinkDir a("a", seed, imp), b("b", seed, imp);
		for (int i = 0; i < 500; i++) {
			auto p = packet((uint8_t)(i % 4), (size_t)i);
			auto da = a.offer((Time)i * 100, p);
			auto db = b.offer((Time)i * 100, p);
			ASSERT_EQ(da.size(), db.size());
			for (size_t k = 0; k < da.size(); k++) {
				EXPECT_EQ(da[k].at, db[k].at);
				EXPECT_EQ(da[k].bytes, db[k].bytes);
			}
		}
	}
}

TEST(SimPcap, WritesRawIpRecords)
{
	char path[] = "/tmp/fsctp-sim-pcap-XXXXXX";
	int fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	close(fd);
	struct fsctp_addr s, d;
	fsctp_addr_set_v4(&s, 198, 18, 0, 1, 5001);
	fsctp_addr_set_v4(&d, 198, 18, 1, 1, 5000);
	auto p1 = packet(1, 16);
	auto p2 = packet(0, 100);
	{
		PcapWriter w;
		ASSERT_EQ(w.open(path), 0);
		w.write(1500000, s, d, p1.data(), p1.size());
		w.write(2000001, d, s, p2.data(), p2.size());
		EXPECT_EQ(w.records(), 2u);
	}
	FILE *f = fopen(path, "rb");
	ASSERT_NE(f, nullptr);
	std::vector<uint8_t> b(4096);
	size_t n = fread(b.data(), 1, b.size(), f);
	fclose(f);
	unlink(path);
	ASSERT_EQ(n, 24 + 16 + 20 + p1.size() + 16 + 20 + p2.size());
	auto le = [&](size_t o) {
		return (uint32_t)b[o] | (uint32_t)b[o + 1] << 8 |
		       (uint32_t)b[o + 2] << 16 | (uint32_t)b[o + 3] << 24;
	};
	EXPECT_EQ(le(0), 0xa1b2c3d4u);
	EXPECT_EQ(le(20), kPcapLinktypeRaw);
	EXPECT_EQ(le(24), 1u);	    /* seconds */
	EXPECT_EQ(le(28), 500000u); /* microseconds */
	EXPECT_EQ(le(32), 20 + p1.size());
	const uint8_t *ip = &b[40];
	EXPECT_EQ(ip[0], 0x45);
	EXPECT_EQ(ip[9], 132);
	EXPECT_EQ(0, memcmp(ip + 12, s.ip.v4, 4));
	EXPECT_EQ(0, memcmp(ip + 16, d.ip.v4, 4));
	uint32_t sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	EXPECT_EQ(sum, 0xffffu); /* header checksum verifies */
	EXPECT_EQ(0, memcmp(ip + 20, p1.data(), p1.size()));
	size_t r2 = 40 + 20 + p1.size();
	EXPECT_EQ(le(r2), 2u);
	EXPECT_EQ(le(r2 + 4), 1u);
}

TEST(SimPcap, Ipv6AndMismatchedFamilies)
{
	struct fsctp_addr s, d, v4;
	memset(&s, 0, sizeof(s));
	s.family = FSCTP_AF_INET6;
	s.ip.v6[0] = 0x20;
	s.ip.v6[1] = 0x01;
	s.ip.v6[2] = 0x0d;
	s.ip.v6[3] = 0xb8;
	d = s;
	d.ip.v6[15] = 2;
	fsctp_addr_set_v4(&v4, 198, 18, 0, 1, 1);
	auto p = packet(0, 10);
	auto ip = ip_encapsulate(s, d, p.data(), p.size(), 0);
	ASSERT_EQ(ip.size(), 40 + p.size());
	EXPECT_EQ(ip[0] >> 4, 6);
	EXPECT_EQ(ip[6], 132);
	EXPECT_TRUE(ip_encapsulate(s, v4, p.data(), p.size(), 0).empty());
}
