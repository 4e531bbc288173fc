/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Path MTU reports through the full protocol core (RFC 9260 sections 6.9,
 * 7.3 and 10; RFC 1191, RFC 8201): fsctp_stack_pmtu_update() checks the
 * quoted verification tag, only ever lowers the path MTU, never below the
 * family's floor, and the data path cuts and bundles for the new value and
 * resends chunks cut for the old one as IP-fragmentable packets.
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "pair.h"

using namespace fsctp_test;

namespace
{

/* The first n bytes of the packet, as an ICMP error quotes them. */
std::vector<uint8_t>
quote_of(const Pkt &p, size_t n = 8)
{
	return std::vector<uint8_t>(p.b.begin(),
				    p.b.begin() + std::min(n, p.b.size()));
}

/* A quote with A's ports and the given tag (no chunk). */
std::vector<uint8_t>
quote(const Pair &p, uint32_t vtag)
{
	std::vector<uint8_t> q(8);
	fsctp_wr16(&q[0], p.A.addr.port);
	fsctp_wr16(&q[2], p.B.addr.port);
	fsctp_wr32(&q[4], vtag);
	return q;
}

int
report(Pair &p, const std::vector<uint8_t> &q, uint32_t mtu)
{
	return fsctp_stack_pmtu_update(p.A.st, &p.A.addr, &p.B.addr, q.data(),
				       q.size(), mtu, p.now);
}

uint32_t
pmtu(const Pair &p, fsctp_assoc_id_t id)
{
	return fsctp_assoc_pmtu(p.A.st, id, &p.B.addr);
}

/* The verification tag A puts in its packets (B's tag). */
uint32_t
peer_tag(const Pair &p, fsctp_assoc_id_t id)
{
	return p.A.assoc(id)->peer_vtag;
}

std::string
payload(uint32_t len, char base)
{
	std::string s(len, 0);
	for (uint32_t i = 0; i < len; i++)
		s[i] = (char)(base + i % 23);
	return s;
}

int
send(Pair &p, fsctp_assoc_id_t id, const std::string &m)
{
	fsctp_sndinfo si{};
	si.ppid = 46;
	return fsctp_send(p.A.st, id, &si, m.data(), (uint32_t)m.size(), p.now);
}

/* Every received message's bytes, in order. */
std::vector<std::string>
received(const Host &h)
{
	std::vector<std::string> v;
	for (const auto &e : h.events)
		if (e.type == FSCTP_EV_DATA)
			v.emplace_back(e.data.begin(), e.data.end());
	return v;
}

} // namespace

/* RFC 9260 section 10 ICMP5-ICMP7: a quote with the peer's tag lowers the
 * path MTU of that destination. */
TEST(Pmtu, VerifiedReportLowersPathMtu)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	EXPECT_EQ(pmtu(p, id), 1500u);
	ASSERT_FALSE(p.A.sent_log.empty());
	/* The quote of a packet A really sent. */
	EXPECT_EQ(report(p, quote_of(p.A.sent_log.back()), 1400), 0);
	EXPECT_EQ(pmtu(p, id), 1400u);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_lowered, 1u);
	/* Nothing else changed: no packet, the association is fine. */
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
}

/* RFC 9260 section 10 ICMP6: a quote with another tag (a spoofed ICMP) is
 * discarded and the path MTU stays. */
TEST(Pmtu, WrongTagDoesNotLower)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	uint32_t tag = peer_tag(p, id);
	EXPECT_EQ(report(p, quote(p, tag + 1), 1280), -EPERM);
	EXPECT_EQ(report(p, quote(p, tag ^ 0x80000000u), 1280), -EPERM);
	/* Our own tag is what the peer sends us, not what we send: no. */
	EXPECT_EQ(report(p, quote(p, p.A.assoc(id)->my_vtag), 1280), -EPERM);
	EXPECT_EQ(pmtu(p, id), 1500u);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_bad_vtag, 3u);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_lowered, 0u);
	/* The right tag still works afterwards. */
	EXPECT_EQ(report(p, quote(p, tag), 1280), 0);
	EXPECT_EQ(pmtu(p, id), 1280u);
}

/* RFC 9260 section 10 ICMP6: a quoted tag of 0 is accepted only for our
 * INIT, shown by its chunk type and Initiate Tag (our tag). */
TEST(Pmtu, TagZeroNeedsOurInit)
{
	Pair p;
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	ASSERT_GT(id, 0);
	ASSERT_EQ(p.A.out.size(), 1u);
	Pkt init = p.A.out.front();
	p.A.out.clear(); /* the INIT was dropped for its size */
	ASSERT_EQ(fsctp_rd32(&init.b[4]), 0u);
	ASSERT_EQ(init.b[12], FSCTP_CHUNK_INIT);
	/* 8 bytes cannot show the INIT: discarded. */
	EXPECT_EQ(report(p, quote_of(init, 8), 1280), -EPERM);
	/* An INIT with another Initiate Tag: discarded. */
	std::vector<uint8_t> bad = quote_of(init, 20);
	bad[19] ^= 1;
	EXPECT_EQ(report(p, bad, 1280), -EPERM);
	/* Another chunk type with tag 0: discarded. */
	std::vector<uint8_t> other = quote_of(init, 20);
	other[12] = FSCTP_CHUNK_ABORT;
	EXPECT_EQ(report(p, other, 1280), -EPERM);
	EXPECT_EQ(pmtu(p, (fsctp_assoc_id_t)id), 1500u);
	EXPECT_EQ(report(p, quote_of(init, 20), 1280), 0);
	EXPECT_EQ(pmtu(p, (fsctp_assoc_id_t)id), 1280u);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_bad_vtag, 3u);
}

/* RFC 9260 section 10 ICMP5: no association for the quote: ignored. */
TEST(Pmtu, NoAssociationIgnored)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	std::vector<uint8_t> q = quote(p, peer_tag(p, id));
	std::vector<uint8_t> port = q;
	fsctp_wr16(&port[2], 6001);
	EXPECT_EQ(report(p, port, 1280), -ENOENT);
	port = q;
	fsctp_wr16(&port[0], 5001);
	EXPECT_EQ(report(p, port, 1280), -ENOENT);
	/* The quoted source is not the association's local address. */
	fsctp_addr other = p.A.addr;
	other.ip.v4[3] = 9;
	EXPECT_EQ(fsctp_stack_pmtu_update(p.A.st, &other, &p.B.addr, q.data(),
					  q.size(), 1280, p.now),
		  -ENOENT);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_no_assoc, 3u);
	EXPECT_EQ(pmtu(p, id), 1500u);
}

/* Bad input gets a clear error, not a crash. */
TEST(Pmtu, BadArguments)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	std::vector<uint8_t> q = quote(p, peer_tag(p, id));
	EXPECT_EQ(fsctp_stack_pmtu_update(nullptr, &p.A.addr, &p.B.addr,
					  q.data(), q.size(), 1280, p.now),
		  -EINVAL);
	EXPECT_EQ(fsctp_stack_pmtu_update(p.A.st, nullptr, &p.B.addr, q.data(),
					  q.size(), 1280, p.now),
		  -EINVAL);
	EXPECT_EQ(fsctp_stack_pmtu_update(p.A.st, &p.A.addr, &p.B.addr, nullptr,
					  8, 1280, p.now),
		  -EINVAL);
	/* Shorter than ports and tag. */
	EXPECT_EQ(fsctp_stack_pmtu_update(p.A.st, &p.A.addr, &p.B.addr,
					  q.data(), 7, 1280, p.now),
		  -EINVAL);
	/* RFC 1191 section 5: an old router's MTU of 0 is not guessed. */
	EXPECT_EQ(report(p, q, 0), -EINVAL);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_bad_quote, 2u); /* len, mtu */
	EXPECT_EQ(pmtu(p, id), 1500u);
	EXPECT_EQ(fsctp_assoc_pmtu(p.A.st, id + 100, &p.B.addr), 0u);
}

/* RFC 1191 / RFC 8201: a report only ever lowers the estimate. */
TEST(Pmtu, OnlyLowers)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	std::vector<uint8_t> q = quote(p, peer_tag(p, id));
	EXPECT_EQ(report(p, q, 9000), -EALREADY);
	EXPECT_EQ(report(p, q, 1500), -EALREADY);
	EXPECT_EQ(report(p, q, 1400), 0);
	EXPECT_EQ(report(p, q, 1450), -EALREADY);
	EXPECT_EQ(report(p, q, 1400), -EALREADY);
	EXPECT_EQ(pmtu(p, id), 1400u);
	EXPECT_EQ(report(p, q, 1300), 0);
	EXPECT_EQ(pmtu(p, id), 1300u);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_not_lower, 4u);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_lowered, 2u);
}

/* IPv4 floor: FSCTP_PMTU_MIN_IPV4 (576), not the report's value. */
TEST(Pmtu, Ipv4Floor)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	std::vector<uint8_t> q = quote(p, peer_tag(p, id));
	EXPECT_EQ(report(p, q, 68), 0);
	EXPECT_EQ(pmtu(p, id), (uint32_t)FSCTP_PMTU_MIN_IPV4);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_floor, 1u);
	/* At the floor already: a smaller report changes nothing. */
	EXPECT_EQ(report(p, q, 500), -EALREADY);
	/* Data still flows at the floor. */
	std::string m = payload(3000, 'a');
	ASSERT_EQ(send(p, id, m), 0);
	for (int i = 0; i < 20 && received(p.B).empty(); i++)
		p.advance(50000);
	ASSERT_EQ(received(p.B).size(), 1u);
	EXPECT_EQ(received(p.B)[0], m);
	for (const Pkt &k : p.A.sent_log) {
		if (k.b.size() > 12 && k.b[12] == FSCTP_CHUNK_DATA) {
			EXPECT_LE(k.b.size() + 20, (size_t)FSCTP_PMTU_MIN_IPV4);
		}
	}
}

/* IPv6 floor: RFC 8201 section 4, the minimum link MTU 1280. */
TEST(Pmtu, Ipv6Floor)
{
	Pair p;
	const uint8_t a6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
				 0,    0,    0,	   0,	 0, 0, 0, 1 };
	fsctp_addr a = {}, b = {};
	a.family = b.family = FSCTP_AF_INET6;
	memcpy(a.ip.v6, a6, 16);
	memcpy(b.ip.v6, a6, 16);
	b.ip.v6[15] = 2;
	a.port = 5000;
	b.port = 6000;
	p.A.addr = a;
	p.B.addr = b;
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	std::vector<uint8_t> q = quote(p, peer_tag(p, id));
	EXPECT_EQ(report(p, q, 1000), 0);
	EXPECT_EQ(pmtu(p, id), (uint32_t)FSCTP_PMTU_MIN_IPV6);
	EXPECT_EQ(report(p, q, 1200), -EALREADY);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_floor, 2u);
}

/* RFC 9260 6.9, 7.3: new DATA is cut, and bundled, for the new PMTU. */
TEST(Pmtu, NewDataFragmentedAndBundledForNewPmtu)
{
	fsctp_stack_config c = test_config();
	c.nodelay = true;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(report(p, quote(p, peer_tag(p, id)), 1280), 0);
	p.A.sent_log.clear();
	std::vector<std::string> want;
	want.push_back(payload(5000, 'A'));
	for (int i = 0; i < 40; i++)
		want.push_back(payload(90 + i, (char)('a' + i % 20)));
	for (const auto &m : want)
		ASSERT_EQ(send(p, id, m), 0);
	for (int i = 0; i < 40 && received(p.B).size() < want.size(); i++)
		p.advance(50000);
	EXPECT_EQ(received(p.B), want);
	size_t data_pkts = 0, bundled = 0;
	for (const Pkt &k : p.A.sent_log) {
		Parsed x = parse(k.b);
		if (x.find(FSCTP_CHUNK_DATA) == nullptr)
			continue;
		data_pkts++;
		bundled += x.chunks.size() > 1;
		EXPECT_LE(k.b.size() + 20, 1280u) << x.types();
		EXPECT_EQ(k.flags, 0u);
	}
	EXPECT_GE(data_pkts, 5u); /* 5000 B in 1280-byte packets */
	EXPECT_GT(bundled, 0u);	  /* the small ones were bundled */
	EXPECT_EQ(p.A.ctr().fsctp_tx_may_fragment, 0u);
}

/* RFC 9260 6.9, 7.3: chunks cut for 1500 that were dropped by a 1280
 * link go again at once, alone, flagged FSCTP_OUT_F_MAY_FRAGMENT; chunks
 * that fit are not flagged. */
TEST(Pmtu, OversizeChunksResentFragmentable)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	std::string m = payload(4000, 'k');
	p.A.sent_log.clear();
	ASSERT_EQ(send(p, id, m), 0);
	/* The link (MTU 1280) drops every packet over it; its router
	 * reports each drop. */
	std::vector<Pkt> dropped;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a && k.b.size() + 20 > 1280 &&
		    !(k.flags & FSCTP_OUT_F_MAY_FRAGMENT)) {
			dropped.push_back(k);
			return true;
		}
		return false;
	};
	p.pump();
	ASSERT_GE(dropped.size(), 2u); /* 1452-byte packets */
	EXPECT_TRUE(received(p.B).empty());
	size_t before = p.A.sent_log.size();
	ASSERT_EQ(report(p, quote_of(dropped[0]), 1280), 0);
	/* Resent inside the call, before any timer. */
	ASSERT_GT(p.A.sent_log.size(), before);
	EXPECT_EQ(p.A.ctr().fsctp_pmtu_rtx_chunks, dropped.size());
	size_t flagged = 0;
	for (size_t i = before; i < p.A.sent_log.size(); i++) {
		const Pkt &k = p.A.sent_log[i];
		Parsed x = parse(k.b);
		if (k.flags & FSCTP_OUT_F_MAY_FRAGMENT) {
			flagged++;
			EXPECT_GT(k.b.size() + 20, 1280u);
			/* Alone: one DATA chunk, nothing bundled. */
			ASSERT_EQ(x.chunks.size(), 1u);
			EXPECT_EQ(x.chunks[0].type, FSCTP_CHUNK_DATA);
		} else {
			EXPECT_LE(k.b.size() + 20, 1280u);
		}
	}
	EXPECT_EQ(flagged, dropped.size());
	EXPECT_EQ(p.A.ctr().fsctp_tx_may_fragment, flagged);
	/* A second report for the other dropped packets changes nothing. */
	EXPECT_EQ(report(p, quote_of(dropped[1]), 1280), -EALREADY);
	for (int i = 0; i < 20 && received(p.B).empty(); i++)
		p.advance(50000);
	ASSERT_EQ(received(p.B).size(), 1u);
	EXPECT_EQ(received(p.B)[0], m);
	/* No timeout was needed. */
	EXPECT_EQ(p.A.ctr().fsctp_t3_expireds, 0u);
}
