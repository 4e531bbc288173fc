/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RFC 8899 PLPMTUD for SCTP (section 6.2) through two full protocol cores
 * joined by a link with an MTU: probes (HEARTBEAT + PAD, 6.2.1), the
 * search finding the link's MTU, black-hole detection with chunks cut for
 * the old PMTU resent IP-fragmentable (RFC 9260 6.9), raising the PMTU
 * after a dip (PMTU_RAISE_TIMER), and PTB reports taken as hints (4.6.2).
 */
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pair.h"

using namespace fsctp_test;

namespace
{

constexpr uint64_t kSec = 1000000;

fsctp_stack_config
pl_config(uint16_t pmtu = 1500)
{
	fsctp_stack_config c = test_config();
	c.pmtu = pmtu;
	c.plpmtud = true;
	return c;
}

/* A link of MTU *mtu both ways (IPv4 header of 20 bytes): a bigger packet
 * is dropped unless the core flagged it IP-fragmentable (DF clear). */
void
set_link(Pair &p, const uint32_t *mtu, unsigned *dropped = nullptr)
{
	p.drop = [mtu, dropped](bool, const Pkt &k) {
		if (k.b.size() + 20 > *mtu &&
		    !(k.flags & FSCTP_OUT_F_MAY_FRAGMENT)) {
			if (dropped != nullptr)
				(*dropped)++;
			return true;
		}
		return false;
	};
}

uint32_t
pmtu_a(const Pair &p, fsctp_assoc_id_t id)
{
	return fsctp_assoc_pmtu(p.A.st, id, &p.B.addr);
}

/* Connect; the first probes leave on the next timer run. */
fsctp_assoc_id_t
connect_pl(Pair &p)
{
	fsctp_assoc_id_t id = p.connect();
	p.advance(1000);
	return id;
}

std::string
payload(uint32_t len, char base)
{
	std::string s(len, 0);
	for (uint32_t i = 0; i < len; i++)
		s[i] = (char)(base + i % 19);
	return s;
}

int
send(Pair &p, fsctp_assoc_id_t id, const std::string &m)
{
	fsctp_sndinfo si{};
	return fsctp_send(p.A.st, id, &si, m.data(), (uint32_t)m.size(), p.now);
}

std::vector<std::string>
received(const Host &h)
{
	std::vector<std::string> v;
	for (const auto &e : h.events)
		if (e.type == FSCTP_EV_DATA)
			v.emplace_back(e.data.begin(), e.data.end());
	return v;
}

/* Advance in steps until pred() or the time limit. */
template <typename F>
bool
run_until(Pair &p, F pred, uint64_t limit, uint64_t step = 100000)
{
	for (uint64_t t = 0; t < limit; t += step) {
		if (pred())
			return true;
		p.advance(step);
	}
	return pred();
}

} // namespace

/* Off by default: no probe, the PMTU stays the configured one. */
TEST(PlpmtudPair, OffByDefault)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	p.advance(5 * kSec);
	EXPECT_EQ(pmtu_a(p, id), 1500u);
	EXPECT_EQ(p.A.ctr().fsctp_pl_probes_sent, 0u);
	for (const Pkt &k : p.A.sent_log)
		EXPECT_EQ(parse(k.b).find(FSCTP_CHUNK_PAD), nullptr);
}

/* 6.2.1: a probe is one packet of exactly the probe size: a HEARTBEAT
 * whose info carries the size, then a PAD chunk; never IP-fragmentable.
 * The peer acknowledges it with a HEARTBEAT ACK without the padding. */
TEST(PlpmtudPair, ProbeIsHeartbeatPlusPad)
{
	Pair p(pl_config(), pl_config());
	fsctp_assoc_id_t id = connect_pl(p);
	/* 5.2: BASE_PLPMTU first, then MAX_PLPMTU (1500). */
	std::vector<size_t> sizes;
	for (const Pkt &k : p.A.sent_log) {
		Parsed x = parse(k.b);
		if (x.find(FSCTP_CHUNK_PAD) == nullptr)
			continue;
		ASSERT_EQ(x.chunks.size(), 2u);
		ASSERT_EQ(x.chunks[0].type, FSCTP_CHUNK_HEARTBEAT);
		ASSERT_EQ(x.chunks[1].type, FSCTP_CHUNK_PAD);
		EXPECT_EQ(k.flags, 0u);
		/* Heartbeat Info TLV: 4 bytes of header, then our 20 bytes;
		 * bytes 18-19 of the info are the probe size. */
		const auto &v = x.chunks[0].value;
		ASSERT_EQ(v.size(), 24u);
		uint32_t size = (uint32_t)v[4 + 18] << 8 | v[4 + 19];
		EXPECT_EQ(k.b.size() + 20, size);
		sizes.push_back(k.b.size() + 20);
	}
	ASSERT_EQ(sizes.size(), 2u);
	EXPECT_EQ(sizes[0], 1200u);
	EXPECT_EQ(sizes[1], 1500u);
	EXPECT_EQ(p.A.ctr().fsctp_pl_probes_sent, 2u);
	EXPECT_EQ(p.A.ctr().fsctp_pl_probes_acked, 2u);
	EXPECT_EQ(pmtu_a(p, id), 1500u);
	/* RFC 4820 3: B discarded the PAD chunks, and they are no unknown
	 * chunks to it. */
	EXPECT_EQ(p.B.ctr().fsctp_rx_unknown_chunk, 0u);
	/* B answered both probes with small HEARTBEAT ACKs. */
	size_t acks = 0;
	for (const Pkt &k : p.B.sent_log)
		if (parse(k.b).find(FSCTP_CHUNK_HEARTBEAT_ACK) != nullptr) {
			acks++;
			EXPECT_LT(k.b.size(), 100u);
		}
	EXPECT_GE(acks, 2u);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	/* 6.2.1.1: B's first probe leaves after its COOKIE ACK. */
	size_t ca = SIZE_MAX, pr = SIZE_MAX;
	for (size_t i = 0; i < p.B.sent_log.size(); i++) {
		Parsed x = parse(p.B.sent_log[i].b);
		if (ca == SIZE_MAX && x.find(FSCTP_CHUNK_COOKIE_ACK) != nullptr)
			ca = i;
		if (pr == SIZE_MAX && x.find(FSCTP_CHUNK_PAD) != nullptr)
			pr = i;
	}
	ASSERT_NE(ca, SIZE_MAX);
	ASSERT_NE(pr, SIZE_MAX);
	EXPECT_LT(ca, pr);
}

/* 5.3: the search finds a link MTU of 1400 exactly; DATA is then cut for
 * it and nothing needs IP fragmentation. */
TEST(PlpmtudPair, SearchFindsLinkMtu)
{
	uint32_t mtu = 1400;
	Pair p(pl_config(), pl_config());
	set_link(p, &mtu);
	fsctp_assoc_id_t id = connect_pl(p);
	ASSERT_TRUE(run_until(
		p,
		[&] {
			return p.A.assoc(id)->paths[0].pl.state ==
			       FSCTP_PL_SEARCH_COMPLETE;
		},
		600 * kSec, kSec));
	EXPECT_EQ(pmtu_a(p, id), 1400u);
	EXPECT_GT(p.A.ctr().fsctp_pl_probes_lost, 0u);
	std::string m = payload(20000, 'a');
	p.A.sent_log.clear();
	ASSERT_EQ(send(p, id, m), 0);
	ASSERT_TRUE(run_until(
		p, [&] { return received(p.B).size() == 1; }, 10 * kSec));
	EXPECT_EQ(received(p.B)[0], m);
	size_t full = 0;
	for (const Pkt &k : p.A.sent_log) {
		EXPECT_LE(k.b.size() + 20, 1400u);
		EXPECT_EQ(k.flags, 0u);
		full += k.b.size() + 20 == 1400;
	}
	EXPECT_GT(full, 5u);
}

/* 4.3: the link MTU drops from 1500 to 1280 without any report while
 * DATA cut for 1500 is in flight. The large packets are lost again and
 * again while a BASE_PLPMTU probe is acknowledged: black hole. The PMTU
 * falls back to 1200 at once, the chunks cut for 1500 go alone and
 * IP-fragmentable (RFC 9260 6.9), everything arrives, and the search
 * then finds 1280. */
TEST(PlpmtudPair, BlackHoleDetectedEverythingDelivered)
{
	uint32_t mtu = 1500;
	unsigned dropped = 0;
	Pair p(pl_config(), pl_config());
	set_link(p, &mtu, &dropped);
	fsctp_assoc_id_t id = connect_pl(p);
	ASSERT_EQ(pmtu_a(p, id), 1500u);
	mtu = 1280;
	std::vector<std::string> want;
	for (int i = 0; i < 6; i++)
		want.push_back(payload(3000 + 100 * i, (char)('A' + i)));
	for (const auto &m : want)
		ASSERT_EQ(send(p, id, m), 0);
	ASSERT_TRUE(run_until(
		p, [&] { return received(p.B).size() == want.size(); },
		120 * kSec));
	EXPECT_EQ(received(p.B), want);
	EXPECT_GT(dropped, 0u);
	EXPECT_EQ(p.A.ctr().fsctp_pl_black_holes, 1u);
	EXPECT_GT(p.A.ctr().fsctp_tx_may_fragment, 0u);
	EXPECT_GE(p.A.ctr().fsctp_t3_expireds, 3u);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	ASSERT_TRUE(run_until(
		p,
		[&] {
			return p.A.assoc(id)->paths[0].pl.state ==
			       FSCTP_PL_SEARCH_COMPLETE;
		},
		600 * kSec, kSec));
	EXPECT_EQ(pmtu_a(p, id), 1280u);
}

/* A path that is down is not a black hole: the BASE_PLPMTU probe is lost
 * too, and the PMTU stays. */
TEST(PlpmtudPair, PathDownIsNoBlackHole)
{
	uint32_t mtu = 1500;
	Pair p(pl_config(), pl_config());
	set_link(p, &mtu);
	fsctp_assoc_id_t id = connect_pl(p);
	mtu = 0; /* everything lost */
	ASSERT_EQ(send(p, id, payload(3000, 'x')), 0);
	p.advance(60 * kSec);
	EXPECT_EQ(p.A.ctr().fsctp_pl_black_holes, 0u);
	EXPECT_EQ(pmtu_a(p, id), 1500u);
	mtu = 1500;
	ASSERT_TRUE(run_until(
		p, [&] { return received(p.B).size() == 1; }, 120 * kSec));
	EXPECT_EQ(pmtu_a(p, id), 1500u);
}

/* A jumbo link (9000) dips to 1280 for a while with DATA flowing and
 * comes back: black hole detected, 1280 found, and once PMTU_RAISE_TIMER
 * fires, 9000 found again. Prints the simulated times. */
TEST(PlpmtudPair, JumboDipAndRaiseBack)
{
	uint32_t mtu = 9000;
	Pair p(pl_config(9000), pl_config(9000));
	set_link(p, &mtu);
	fsctp_assoc_id_t id = connect_pl(p);
	ASSERT_EQ(pmtu_a(p, id), 9000u);
	/* Large DATA cut for 9000. */
	std::string big = payload(60000, 'J');
	ASSERT_EQ(send(p, id, big), 0);
	ASSERT_TRUE(run_until(
		p, [&] { return received(p.B).size() == 1; }, 10 * kSec));
	size_t jumbo = 0;
	for (const Pkt &k : p.A.sent_log)
		jumbo += k.b.size() + 20 > 8000;
	EXPECT_GT(jumbo, 3u);
	/* The dip. */
	mtu = 1280;
	uint64_t dip = p.now;
	ASSERT_EQ(send(p, id, big), 0);
	ASSERT_TRUE(run_until(
		p, [&] { return received(p.B).size() == 2; }, 300 * kSec));
	EXPECT_EQ(received(p.B)[1], big);
	EXPECT_EQ(p.A.ctr().fsctp_pl_black_holes, 1u)
		<< "t3 " << p.A.ctr().fsctp_t3_expireds << " mayfrag "
		<< p.A.ctr().fsctp_tx_may_fragment << " pmtu " << pmtu_a(p, id)
		<< " probes " << p.A.ctr().fsctp_pl_probes_sent << " lost "
		<< p.A.ctr().fsctp_pl_probes_lost << " t "
		<< (p.now - dip) / kSec;
	ASSERT_TRUE(run_until(
		p,
		[&] {
			return p.A.assoc(id)->paths[0].pl.state ==
				       FSCTP_PL_SEARCH_COMPLETE &&
			       pmtu_a(p, id) == 1280;
		},
		900 * kSec, kSec));
	uint64_t found_low = p.now;
	/* The link comes back. */
	uint64_t back = p.now + 30 * kSec;
	p.advance(30 * kSec);
	mtu = 9000;
	ASSERT_TRUE(run_until(
		p, [&] { return pmtu_a(p, id) == 9000; }, 1200 * kSec, kSec));
	uint64_t found_high = p.now;
	EXPECT_GE(p.A.ctr().fsctp_pl_raised, 2u);
	/* Large DATA again in jumbo packets. */
	p.A.sent_log.clear();
	ASSERT_EQ(send(p, id, big), 0);
	ASSERT_TRUE(run_until(
		p, [&] { return received(p.B).size() == 3; }, 10 * kSec));
	jumbo = 0;
	for (const Pkt &k : p.A.sent_log)
		jumbo += k.b.size() + 20 > 8000;
	EXPECT_GT(jumbo, 3u);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	printf("[ plpmtud  ] jumbo dip: 1280 found %.1f s after the dip; "
	       "9000 found again %.1f s after the link came back (raise "
	       "timer %u s)\n",
	       (double)(found_low - dip) / kSec,
	       (double)(found_high - back) / kSec,
	       pl_config().plpmtud_raise_ms / 1000);
}

/* 4.6.2: a verified PTB below the PLPMTU is used at once and confirmed by
 * a probe of that size; one above the probe size is ignored. */
TEST(PlpmtudPair, PtbIsHintConfirmedByProbe)
{
	uint32_t mtu = 1500;
	Pair p(pl_config(), pl_config());
	set_link(p, &mtu);
	fsctp_assoc_id_t id = connect_pl(p);
	ASSERT_EQ(pmtu_a(p, id), 1500u);
	mtu = 1400;
	const Pkt &last = p.A.sent_log.back();
	std::vector<uint8_t> q(last.b.begin(), last.b.begin() + 8);
	size_t before = p.A.sent_log.size();
	ASSERT_EQ(fsctp_stack_pmtu_update(p.A.st, &p.A.addr, &p.B.addr,
					  q.data(), q.size(), 1400, p.now),
		  0);
	EXPECT_EQ(pmtu_a(p, id), 1400u);
	EXPECT_EQ(p.A.ctr().fsctp_pl_ptb_hints, 1u);
	/* The confirming probe went out inside the call. */
	ASSERT_GT(p.A.sent_log.size(), before);
	const Pkt &probe = p.A.sent_log[before];
	EXPECT_NE(parse(probe.b).find(FSCTP_CHUNK_PAD), nullptr);
	EXPECT_EQ(probe.b.size() + 20, 1400u);
	p.pump();
	EXPECT_EQ(p.A.assoc(id)->paths[0].pl.state, FSCTP_PL_SEARCH_COMPLETE);
	EXPECT_EQ(pmtu_a(p, id), 1400u);
	/* Not below the PLPMTU and no probe out: ignored. */
	EXPECT_EQ(fsctp_stack_pmtu_update(p.A.st, &p.A.addr, &p.B.addr,
					  q.data(), q.size(), 1450, p.now),
		  -EALREADY);
	EXPECT_EQ(pmtu_a(p, id), 1400u);
}

/* Configuration limits (RFC 8899 5.1.1: PROBE_TIMER >= 1 s). */
TEST(PlpmtudPair, ConfigChecked)
{
	fsctp_stack_config c = pl_config();
	fsctp_core_ops ops{};
	ops.rand_bytes = [](void *, void *b, size_t n) { memset(b, 7, n); };
	ops.output = [](void *, const fsctp_addr *, const fsctp_addr *,
			const uint8_t *, size_t, uint32_t) {};
	ops.event = [](void *, const fsctp_event *) {};
	c.plpmtud_probe_ms = 999;
	EXPECT_EQ(fsctp_stack_create(&c, &ops, 0), nullptr);
	c = pl_config();
	c.plpmtud_max = FSCTP_PMTU_MAX + 4;
	EXPECT_EQ(fsctp_stack_create(&c, &ops, 0), nullptr);
	c = pl_config();
	c.plpmtud_max = 1000; /* below BASE_PLPMTU */
	EXPECT_EQ(fsctp_stack_create(&c, &ops, 0), nullptr);
	c = pl_config();
	c.plpmtud_raise_ms = 1000; /* below PROBE_TIMER */
	EXPECT_EQ(fsctp_stack_create(&c, &ops, 0), nullptr);
	c = pl_config();
	fsctp_stack *st = fsctp_stack_create(&c, &ops, 0);
	EXPECT_NE(st, nullptr);
	fsctp_stack_free(st);
}
