/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multi-homing in the protocol core, two stacks back to back, each with
 * two IPv4 addresses on two subnets and one IPv6 address: addresses in
 * the handshake (RFC 9260 5.1.2, 3.3.2.1), source address per
 * destination, confirmation (5.4), retransmission to an alternate path
 * (6.4), path errors and states (8.2), RFC 7829 Potentially Failed, the
 * primary path and per-association / per-path options (RFC 6458).
 */
#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_addr
v6(uint8_t last, uint16_t port)
{
	fsctp_addr a;
	memset(&a, 0, sizeof(a));
	a.family = FSCTP_AF_INET6;
	a.port = port;
	a.ip.v6[0] = 0x20;
	a.ip.v6[1] = 0x01;
	a.ip.v6[2] = 0x0d;
	a.ip.v6[3] = 0xb8;
	a.ip.v6[15] = last;
	return a;
}

fsctp_addr
v4(uint8_t net, uint8_t host, uint16_t port)
{
	fsctp_addr a;
	fsctp_addr_set_v4(&a, 198, 18, net, host, port);
	return a;
}

/** Decode the INIT or INIT ACK that is the first chunk of pk. */
bool
decode_init(const Pkt &pk, fsctp_init_info *ii)
{
	fsctp_tlv_iter it;
	fsctp_tlv t;

	if (pk.b.size() < 16)
		return false;
	fsctp_tlv_iter_init(&it, pk.b.data() + 12, pk.b.size() - 12,
			    FSCTP_TLV_CHUNK);
	if (fsctp_tlv_next(&it, &t) != 1)
		return false;
	return fsctp_decode_init(&t, ii) == 0;
}

bool
has_addr(const fsctp_init_info &ii, const fsctp_addr &a)
{
	for (unsigned i = 0; i < ii.n_addrs; i++)
		if (fsctp_addr_ip_eq(&ii.addrs[i], &a))
			return true;
	return false;
}

/** A: 198.18.0.1, 198.18.1.1, 2001:db8::1 port 5000; B: .0.2, .1.2,
 * 2001:db8::2 port 6000. Links can be cut per destination address. */
struct MhPair : Pair {
	fsctp_addr a[3], b[3];
	/** Destination addresses whose packets are lost (both ways). */
	std::vector<fsctp_addr> cut;

	explicit MhPair(const fsctp_stack_config &c = test_config())
	    : Pair(c, c)
	{
		a[0] = v4(0, 1, 5000);
		a[1] = v4(1, 1, 5000);
		a[2] = v6(1, 5000);
		b[0] = v4(0, 2, 6000);
		b[1] = v4(1, 2, 6000);
		b[2] = v6(2, 6000);
		EXPECT_EQ(fsctp_bindx(B.st, 6000, b, 3), 0);
		drop = [this](bool, const Pkt &pk) {
			for (auto &c : cut)
				if (fsctp_addr_ip_eq(&pk.dst, &c) ||
				    fsctp_addr_ip_eq(&pk.src, &c))
					return true;
			return false;
		};
	}

	fsctp_assoc_id_t connectx()
	{
		int64_t id = fsctp_connectx(A.st, a, 3, b, 1, now);
		EXPECT_GT(id, 0);
		pump();
		return (fsctp_assoc_id_t)id;
	}

	/** Connect and let every listed address be confirmed (5.4). */
	fsctp_assoc_id_t up()
	{
		fsctp_assoc_id_t id = connectx();
		advance(10000);
		return id;
	}

	/** Packets A sent to dst (IP only) since the log was cleared. */
	int a_sent_to(const fsctp_addr &dst, int chunk_type = -1)
	{
		int n = 0;
		for (auto &pk : A.sent_log) {
			if (!fsctp_addr_ip_eq(&pk.dst, &dst))
				continue;
			if (chunk_type < 0 ||
			    parse(pk.b).find((uint8_t)chunk_type))
				n++;
		}
		return n;
	}

	int send_a(fsctp_assoc_id_t id, int n, uint8_t tag = 0)
	{
		int ok = 0;
		for (int i = 0; i < n; i++) {
			fsctp_sndinfo si{};
			uint8_t d[200];
			memset(d, tag + i, sizeof(d));
			ok += fsctp_send(A.st, id, &si, d, sizeof(d), now) == 0;
		}
		return ok;
	}

	int b_data() const
	{
		return B.count(FSCTP_EV_DATA);
	}
};

/* The states A reported for peer address x, in order. */
std::vector<int>
addr_states(const Host &h, const fsctp_addr &x)
{
	std::vector<int> s;
	for (auto &e : h.events)
		if (e.type == FSCTP_EV_PEER_ADDR_CHANGE &&
		    fsctp_addr_eq(&e.addr, &x))
			s.push_back(e.addr_state);
	return s;
}

} // namespace

/* 5.1.2, 3.3.2.1: a multi-homed INIT lists every local address, IPv4 and
 * IPv6, with Supported Address Types naming both; the INIT ACK lists the
 * listener's bound addresses; each side gets a path per peer address. */
TEST(Multihome, HandshakeListsAddressesBothWays)
{
	MhPair p;
	int64_t id = fsctp_connectx(p.A.st, p.a, 3, p.b, 1, p.now);
	ASSERT_GT(id, 0);
	ASSERT_EQ(p.A.out.size(), 1u);
	fsctp_init_info ii;
	ASSERT_TRUE(decode_init(p.A.out.front(), &ii));
	EXPECT_EQ(ii.n_addrs, 3u);
	for (auto &x : p.a)
		EXPECT_TRUE(has_addr(ii, x));
	EXPECT_TRUE(ii.has_supported_addr_types);
	EXPECT_EQ(ii.supported_addr_types, FSCTP_SAT_IPV4 | FSCTP_SAT_IPV6);
	p.deliver(p.A, p.B, true);
	ASSERT_EQ(p.B.out.size(), 1u);
	fsctp_init_info ack;
	ASSERT_TRUE(decode_init(p.B.out.front(), &ack));
	EXPECT_EQ(ack.n_addrs, 3u);
	for (auto &x : p.b)
		EXPECT_TRUE(has_addr(ack, x));
	p.pump();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_ESTABLISHED);
	fsctp_assoc *a = p.A.assoc((fsctp_assoc_id_t)id);
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	EXPECT_EQ(a->n_paths, 3u);
	EXPECT_EQ(b->n_paths, 3u);
	/* 5.4: only the handshake's address is confirmed yet. */
	EXPECT_TRUE(fsctp_assoc_find_path(a, &p.b[0])->confirmed);
	EXPECT_FALSE(fsctp_assoc_find_path(a, &p.b[1])->confirmed);
	EXPECT_FALSE(fsctp_assoc_find_path(b, &p.a[2])->confirmed);
	/* The probes (HEARTBEAT with a nonce) confirm the others. */
	p.advance(10000);
	for (auto &x : p.b)
		EXPECT_TRUE(fsctp_assoc_find_path(a, &x)->confirmed);
	for (auto &x : p.a)
		EXPECT_TRUE(fsctp_assoc_find_path(b, &x)->confirmed);
}

/* A single-homed endpoint lists nothing (5.1.2), as before. */
TEST(Multihome, SingleHomedInitListsNothing)
{
	Pair p;
	ASSERT_GT(fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now), 0);
	fsctp_init_info ii;
	ASSERT_TRUE(decode_init(p.A.out.front(), &ii));
	EXPECT_EQ(ii.n_addrs, 0u);
	EXPECT_EQ(ii.supported_addr_types, FSCTP_SAT_IPV4);
}

/* 3.3.2.1: an INIT that supports IPv4 only gets no IPv6 address in the
 * INIT ACK. */
TEST(Multihome, InitAckListsOnlySupportedTypes)
{
	MhPair p;
	fsctp_addr a4[2] = { p.a[0], p.a[1] };
	ASSERT_GT(fsctp_connectx(p.A.st, a4, 2, p.b, 1, p.now), 0);
	fsctp_init_info ii;
	ASSERT_TRUE(decode_init(p.A.out.front(), &ii));
	EXPECT_EQ(ii.supported_addr_types, FSCTP_SAT_IPV4);
	p.deliver(p.A, p.B, true);
	fsctp_init_info ack;
	ASSERT_TRUE(decode_init(p.B.out.front(), &ack));
	EXPECT_EQ(ack.n_addrs, 2u);
	EXPECT_FALSE(has_addr(ack, p.b[2]));
	p.pump();
	/* Nor does A make a path of an IPv6 address it cannot use. */
	EXPECT_EQ(p.B.only()->n_paths, 2u);
}

/* Source address per destination: each peer address is reached from the
 * local address of its family sharing the longest prefix. */
TEST(Multihome, SourceAddressPerDestination)
{
	MhPair p;
	fsctp_assoc_id_t id = p.up();
	fsctp_paddr_info pi[8];
	ASSERT_EQ(fsctp_assoc_paddrs(p.A.st, id, pi, 8), 3);
	for (int i = 0; i < 3; i++) {
		for (int k = 0; k < 3; k++)
			if (fsctp_addr_eq(&pi[i].addr, &p.b[k])) {
				EXPECT_TRUE(
					fsctp_addr_ip_eq(&pi[i].laddr, &p.a[k]))
					<< "path " << k;
			}
	}
	/* Every packet A sent left from the address of its subnet. */
	int checked = 0;
	for (auto &pk : p.A.sent_log)
		for (int k = 0; k < 3; k++)
			if (fsctp_addr_ip_eq(&pk.dst, &p.b[k])) {
				EXPECT_TRUE(fsctp_addr_ip_eq(&pk.src, &p.a[k]));
				checked++;
			}
	EXPECT_GE(checked, 4);
}

/* A handshake across subnets (our a[0] to the peer's b[1]): once up, the
 * path to b[1] leaves from a[1], our address on its subnet (RFC 9260
 * 5.1.2), so that the peer's answers (HEARTBEAT ACK, SHUTDOWN COMPLETE:
 * to the source) come back over the link that carried the packet. */
TEST(Multihome, HandshakePathTakesTheAddressOfItsSubnet)
{
	MhPair p;
	int64_t id = fsctp_connectx(p.A.st, p.a, 3, &p.b[1], 1, p.now);
	ASSERT_GT(id, 0);
	p.pump();
	p.advance(10000);
	fsctp_paddr_info pi[8];
	int n = fsctp_assoc_paddrs(p.A.st, (fsctp_assoc_id_t)id, pi, 8);
	ASSERT_EQ(n, 3);
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < 3; k++) {
			if (fsctp_addr_ip_eq(&pi[i].addr, &p.b[k])) {
				EXPECT_TRUE(
					fsctp_addr_ip_eq(&pi[i].laddr, &p.a[k]))
					<< "path " << k;
			}
		}
	}
	p.A.sent_log.clear();
	EXPECT_EQ(p.send_a((fsctp_assoc_id_t)id, 3), 3);
	p.pump();
	int data = 0;
	for (auto &pk : p.A.sent_log)
		if (parse(pk.b).find(FSCTP_CHUNK_DATA)) {
			EXPECT_TRUE(fsctp_addr_ip_eq(&pk.dst, &p.b[1]));
			EXPECT_TRUE(fsctp_addr_ip_eq(&pk.src, &p.a[1]));
			data++;
		}
	EXPECT_GE(data, 1);
}

/* 5.1.2 C: a multi-homed peer answers our INIT (sent to b[0]) from b[1]:
 * the INIT ACK carries our Initiate Tag, so it is ours; the association
 * comes up, b[1] is one of its paths, and the COOKIE ECHO still goes to
 * b[0]. Anything else from an unknown source stays out of the blue. */
TEST(Multihome, InitAckFromAnotherPeerAddressIsAccepted)
{
	MhPair p;
	int64_t id = fsctp_connectx(p.A.st, p.a, 1, p.b, 1, p.now);
	ASSERT_GT(id, 0);
	p.deliver(p.A, p.B, true); /* the INIT */
	ASSERT_EQ(p.B.out.size(), 1u);
	ASSERT_TRUE(parse(p.B.out.front().b).find(FSCTP_CHUNK_INIT_ACK));
	p.B.out.front().src = p.b[1];
	p.A.sent_log.clear();
	p.deliver(p.B, p.A, false);
	int echoes = 0;
	for (auto &pk : p.A.sent_log)
		if (parse(pk.b).find(FSCTP_CHUNK_COOKIE_ECHO)) {
			EXPECT_TRUE(fsctp_addr_ip_eq(&pk.dst, &p.b[0]));
			echoes++;
		}
	EXPECT_EQ(echoes, 1);
	p.pump();
	fsctp_paddr_info pi[8];
	int n = fsctp_assoc_paddrs(p.A.st, (fsctp_assoc_id_t)id, pi, 8);
	bool has_b1 = false;
	for (int i = 0; i < n; i++)
		has_b1 |= fsctp_addr_ip_eq(&pi[i].addr, &p.b[1]);
	EXPECT_TRUE(has_b1);
	EXPECT_EQ(p.A.ctr().sctpCurrEstab, 1u);
	EXPECT_EQ(p.B.ctr().sctpCurrEstab, 1u);
}

/* An association mixing IPv4 and IPv6: the IPv6 path made primary carries
 * the data (RFC 6458 8.1.9), ADDR_MADE_PRIM reported. */
TEST(Multihome, MixedFamiliesPrimaryOnIpv6)
{
	MhPair p;
	fsctp_assoc_id_t id = p.up();
	size_t ev0 = p.A.events.size();
	ASSERT_EQ(fsctp_assoc_set_primary(p.A.st, id, &p.b[2]), 0);
	ASSERT_EQ(p.A.events.size(), ev0 + 1);
	EXPECT_EQ(p.A.events.back().type, FSCTP_EV_PEER_ADDR_CHANGE);
	EXPECT_EQ(p.A.events.back().addr_state, FSCTP_ADDR_MADE_PRIM);
	p.A.sent_log.clear();
	EXPECT_EQ(p.send_a(id, 5), 5);
	p.pump();
	p.advance(500000);
	EXPECT_EQ(p.b_data(), 5);
	EXPECT_GE(p.a_sent_to(p.b[2], FSCTP_CHUNK_DATA), 1);
	EXPECT_EQ(p.a_sent_to(p.b[0], FSCTP_CHUNK_DATA), 0);
	fsctp_assoc_params ap;
	ASSERT_EQ(fsctp_assoc_get_params(p.A.st, id, &ap), 0);
	EXPECT_TRUE(fsctp_addr_eq(&ap.primary, &p.b[2]));
	fsctp_addr nope = v4(9, 9, 6000);
	EXPECT_EQ(fsctp_assoc_set_primary(p.A.st, id, &nope), -EADDRNOTAVAIL);
	EXPECT_EQ(fsctp_assoc_set_primary(p.A.st, id + 1000, &p.b[0]),
		  -ENOTCONN);
}

/* connectx / bindx reject what they cannot use. */
TEST(Multihome, ConnectxBindxValidation)
{
	MhPair p;
	fsctp_addr dup[2] = { p.a[0], p.a[0] };
	EXPECT_EQ(fsctp_connectx(p.A.st, dup, 2, p.b, 1, p.now), -EINVAL);
	EXPECT_EQ(fsctp_connectx(p.A.st, p.a, 0, p.b, 1, p.now), -EINVAL);
	EXPECT_EQ(fsctp_connectx(p.A.st, p.a, 3, p.b, 0, p.now), -EINVAL);
	EXPECT_EQ(fsctp_connectx(p.A.st, nullptr, 1, p.b, 1, p.now), -EINVAL);
	/* An IPv6 destination with IPv4 sources only. */
	EXPECT_EQ(fsctp_connectx(p.A.st, p.a, 2, &p.b[2], 1, p.now), -EINVAL);
	fsctp_addr bad = p.a[0];
	bad.family = 7;
	EXPECT_EQ(fsctp_bindx(p.A.st, 5000, &bad, 1), -EINVAL);
	EXPECT_EQ(fsctp_bindx(p.A.st, 0, p.a, 1), -EINVAL);
	EXPECT_EQ(fsctp_bindx(p.A.st, 5000, dup, 2), -EINVAL);
	EXPECT_EQ(fsctp_bindx(p.A.st, 5000, p.a, FSCTP_MAX_BIND_ADDRS + 1),
		  -EINVAL);
	/* 5.4: every destination given is CONFIRMED at once. */
	int64_t id = fsctp_connectx(p.A.st, p.a, 3, p.b, 2, p.now);
	ASSERT_GT(id, 0);
	fsctp_assoc *a = p.A.assoc((fsctp_assoc_id_t)id);
	EXPECT_EQ(a->n_paths, 2u);
	EXPECT_TRUE(a->paths[1].confirmed);
	EXPECT_EQ(fsctp_connectx(p.A.st, p.a, 3, &p.b[1], 1, p.now), -EISCONN);
}

/* 6.4: a chunk whose T3-rtx expired is retransmitted to an active
 * destination other than the one it was last sent to. */
TEST(Multihome, T3RetransmitsToAlternatePath)
{
	MhPair p;
	fsctp_assoc_id_t id = p.up();
	p.cut.push_back(p.b[0]);
	p.A.sent_log.clear();
	EXPECT_EQ(p.send_a(id, 1), 1);
	p.pump();
	EXPECT_EQ(p.b_data(), 0);
	EXPECT_EQ(p.a_sent_to(p.b[0], FSCTP_CHUNK_DATA), 1);
	p.advance(1100000); /* RTO: 1 s. */
	EXPECT_EQ(p.b_data(), 1);
	EXPECT_GE(p.A.ctr().fsctp_rtx_alt_path, 1u);
	EXPECT_EQ(p.a_sent_to(p.b[0], FSCTP_CHUNK_DATA), 1)
		<< "the retransmission went to another address";
	EXPECT_EQ(p.a_sent_to(p.b[1], FSCTP_CHUNK_DATA) +
			  p.a_sent_to(p.b[2], FSCTP_CHUNK_DATA),
		  1);
}

/* 8.2: beyond Path.Max.Retrans the primary is INACTIVE (ADDR_UNREACHABLE),
 * data goes to an alternate, nothing is lost; when it answers again it is
 * ACTIVE (ADDR_AVAILABLE) and data returns to it (6.4). */
TEST(Multihome, PrimaryDownFailoverAndReturn)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 1000;
	c.path_max_retrans = 1;
	MhPair p(c);
	fsctp_assoc_id_t id = p.up();
	p.cut.push_back(p.b[0]);
	int sent = 0;
	for (int t = 0; t < 20; t++) {
		sent += p.send_a(id, 2, (uint8_t)t);
		p.advance(500000);
	}
	fsctp_paddr_info pi;
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, id, &p.b[0], &pi), 0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_INACTIVE);
	EXPECT_TRUE(pi.primary);
	auto st0 = addr_states(p.A, p.b[0]);
	ASSERT_FALSE(st0.empty());
	EXPECT_EQ(st0[0], FSCTP_ADDR_UNREACHABLE);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	p.advance(3000000);
	EXPECT_EQ(p.b_data(), sent) << "nothing lost while failing over";
	/* The primary comes back: its next HEARTBEAT (HB.interval plus
	 * its backed-off RTO, 8.3) is answered. */
	p.cut.clear();
	p.advance(70000000);
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, id, &p.b[0], &pi), 0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_ACTIVE);
	st0 = addr_states(p.A, p.b[0]);
	EXPECT_EQ(st0.back(), FSCTP_ADDR_AVAILABLE);
	p.A.sent_log.clear();
	sent += p.send_a(id, 3, 100);
	p.advance(500000);
	EXPECT_GE(p.a_sent_to(p.b[0], FSCTP_CHUNK_DATA), 1)
		<< "data back on the primary";
	EXPECT_EQ(p.a_sent_to(p.b[1], FSCTP_CHUNK_DATA) +
			  p.a_sent_to(p.b[2], FSCTP_CHUNK_DATA),
		  0);
	EXPECT_EQ(p.b_data(), sent);
}

/* RFC 7829: with PFMR 0 one T3-rtx expiry makes the primary Potentially
 * Failed (ADDR_POTENTIALLY_FAILED): new data leaves on an active path at
 * once, the PF path gets HEARTBEATs one RTO apart, and an answer makes it
 * ACTIVE again. */
TEST(Multihome, PotentiallyFailedQuickFailover)
{
	fsctp_stack_config c = test_config();
	c.pf_threshold = 0;
	MhPair p(c);
	fsctp_assoc_id_t id = p.up();
	p.cut.push_back(p.b[0]);
	EXPECT_EQ(p.send_a(id, 1), 1);
	p.pump();
	p.advance(1100000);
	fsctp_paddr_info pi;
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, id, &p.b[0], &pi), 0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_PF);
	auto st0 = addr_states(p.A, p.b[0]);
	ASSERT_EQ(st0.size(), 1u);
	EXPECT_EQ(st0[0], FSCTP_ADDR_POTENTIALLY_FAILED);
	EXPECT_EQ(p.b_data(), 1);
	EXPECT_EQ(p.A.ctr().fsctp_path_pf, 1u);
	/* New data avoids the PF primary. */
	p.A.sent_log.clear();
	EXPECT_EQ(p.send_a(id, 4, 10), 4);
	p.advance(500000);
	EXPECT_EQ(p.a_sent_to(p.b[0], FSCTP_CHUNK_DATA), 0);
	EXPECT_EQ(p.b_data(), 5);
	/* HEARTBEATs to the PF path, about one per (backed-off) RTO. */
	p.A.sent_log.clear();
	p.advance(7000000);
	int hb = p.a_sent_to(p.b[0], FSCTP_CHUNK_HEARTBEAT);
	EXPECT_GE(hb, 2);
	EXPECT_LE(hb, 4);
	/* 5 errors of Path.Max.Retrans 5: still PF, not INACTIVE. */
	p.cut.clear();
	p.advance(70000000);
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, id, &p.b[0], &pi), 0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_ACTIVE);
	st0 = addr_states(p.A, p.b[0]);
	EXPECT_EQ(st0.back(), FSCTP_ADDR_AVAILABLE);
	p.A.sent_log.clear();
	EXPECT_EQ(p.send_a(id, 1, 50), 1);
	p.pump();
	EXPECT_EQ(p.a_sent_to(p.b[0], FSCTP_CHUNK_DATA), 1);
}

/* PF off (the default): the same expiry leaves the primary ACTIVE and new
 * data still goes there. */
TEST(Multihome, NoPfByDefault)
{
	MhPair p;
	fsctp_assoc_id_t id = p.up();
	p.cut.push_back(p.b[0]);
	EXPECT_EQ(p.send_a(id, 1), 1);
	p.pump();
	p.advance(1100000);
	fsctp_paddr_info pi;
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, id, &p.b[0], &pi), 0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_ACTIVE);
	EXPECT_EQ(pi.error_count, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_path_pf, 0u);
}

/* RFC 6458 8.1.1, 8.1.2, 7829: per-association RTO bounds, Association.
 * Max.Retrans and PF threshold on a live association; bad values are
 * refused. */
TEST(Multihome, AssocParamsOnALiveAssociation)
{
	MhPair p;
	fsctp_assoc_id_t id = p.up();
	fsctp_assoc_params ap;
	ASSERT_EQ(fsctp_assoc_get_params(p.A.st, id, &ap), 0);
	EXPECT_EQ(ap.rto_min_ms, 1000u);
	EXPECT_EQ(ap.assoc_max_retrans, 10u);
	EXPECT_EQ(ap.pf_threshold, FSCTP_PF_OFF);
	EXPECT_EQ(ap.n_paths, 3u);
	ap.rto_initial_ms = 200;
	ap.rto_min_ms = 100;
	ap.rto_max_ms = 400;
	ap.assoc_max_retrans = 4;
	ap.pf_threshold = 0;
	ASSERT_EQ(fsctp_assoc_set_params(p.A.st, id, &ap), 0);
	fsctp_paddr_info pi[3];
	ASSERT_EQ(fsctp_assoc_paddrs(p.A.st, id, pi, 3), 3);
	for (auto &x : pi)
		EXPECT_LE(x.rto_us, 400000u) << "clamped to the new RTO.Max";
	fsctp_assoc_params bad = ap;
	bad.rto_min_ms = 500;
	bad.rto_max_ms = 400;
	EXPECT_EQ(fsctp_assoc_set_params(p.A.st, id, &bad), -EINVAL);
	bad = ap;
	bad.assoc_max_retrans = 0;
	EXPECT_EQ(fsctp_assoc_set_params(p.A.st, id, &bad), -EINVAL);
	EXPECT_EQ(fsctp_assoc_set_params(p.A.st, 999999, &ap), -ENOTCONN);
	EXPECT_EQ(fsctp_assoc_get_params(p.A.st, id, nullptr), -EINVAL);
	/* The other association of the stack keeps the stack's values. */
	fsctp_assoc_params bp;
	ASSERT_EQ(fsctp_assoc_get_params(p.B.st, p.B.only()->id, &bp), 0);
	EXPECT_EQ(bp.rto_min_ms, 1000u);
	/* Telecom settings: the primary is cut; the first DATA is
	 * acknowledged on the alternate within 1 s. */
	p.cut.push_back(p.b[0]);
	p.A.sent_log.clear();
	uint64_t t0 = p.now;
	EXPECT_EQ(p.send_a(id, 1), 1);
	p.pump();
	while (p.b_data() == 0 && p.now < t0 + 5000000)
		p.advance(1000);
	EXPECT_EQ(p.b_data(), 1);
	EXPECT_LT(p.now - t0, 1000000u);
}

/* RFC 6458 8.1.12: per-path heartbeat interval, Path.Max.Retrans and
 * PMTU; heartbeats off on one path. */
TEST(Multihome, PeerAddrParamsPerPath)
{
	MhPair p;
	fsctp_assoc_id_t id = p.up();
	fsctp_paddr_params pp{};
	pp.hb_interval_ms = 2000;
	pp.pmr = 2;
	pp.pmtu = 1400;
	ASSERT_EQ(fsctp_assoc_set_paddr_params(p.A.st, id, &p.b[1], &pp), 0);
	fsctp_paddr_params off{};
	off.hb_interval_ms = 0;
	off.pmr = 5;
	ASSERT_EQ(fsctp_assoc_set_paddr_params(p.A.st, id, &p.b[2], &off), 0);
	fsctp_paddr_info pi;
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, id, &p.b[1], &pi), 0);
	EXPECT_EQ(pi.hb_interval_ms, 2000u);
	EXPECT_EQ(pi.pmr, 2u);
	EXPECT_EQ(pi.mtu, 1400u);
	EXPECT_EQ(fsctp_assoc_pmtu(p.A.st, id, &p.b[1]), 1400u);
	p.A.sent_log.clear();
	p.advance(30000000);
	int hb1 = p.a_sent_to(p.b[1], FSCTP_CHUNK_HEARTBEAT);
	int hb2 = p.a_sent_to(p.b[2], FSCTP_CHUNK_HEARTBEAT);
	/* 30 s at 2 s + RTO (jittered): about 10; none with them off. */
	EXPECT_GE(hb1, 7);
	EXPECT_LE(hb1, 15);
	EXPECT_EQ(hb2, 0);
	/* Bad values. */
	fsctp_paddr_params bad{};
	bad.pmtu = 100;
	EXPECT_EQ(fsctp_assoc_set_paddr_params(p.A.st, id, &p.b[1], &bad),
		  -EINVAL);
	fsctp_addr nope = v4(7, 7, 6000);
	EXPECT_EQ(fsctp_assoc_set_paddr_params(p.A.st, id, &nope, &pp),
		  -EADDRNOTAVAIL);
	/* No address: every path, and the default for later ones. */
	pp.pmtu = 0;
	pp.pmr = 3;
	ASSERT_EQ(fsctp_assoc_set_paddr_params(p.A.st, id, nullptr, &pp), 0);
	fsctp_paddr_info all[3];
	ASSERT_EQ(fsctp_assoc_paddrs(p.A.st, id, all, 3), 3);
	for (auto &x : all)
		EXPECT_EQ(x.pmr, 3u);
}

/* RFC 6458 8.2.2: the path's state, cwnd, SRTT, RTO and MTU. */
TEST(Multihome, PeerAddrInfoReportsThePath)
{
	MhPair p;
	fsctp_assoc_id_t id = p.up();
	EXPECT_EQ(p.send_a(id, 3), 3);
	p.advance(500000);
	fsctp_paddr_info pi;
	ASSERT_EQ(fsctp_assoc_paddr_info(p.A.st, id, &p.b[0], &pi), 0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_ACTIVE);
	EXPECT_TRUE(pi.confirmed);
	EXPECT_TRUE(pi.primary);
	EXPECT_GT(pi.cwnd, 0u);
	EXPECT_EQ(pi.mtu, 1500u);
	EXPECT_GE(pi.rto_us, 1000000u);
	EXPECT_EQ(fsctp_assoc_paddr_info(p.A.st, id, nullptr, &pi), -EINVAL);
	EXPECT_EQ(fsctp_assoc_paddrs(p.A.st, id, nullptr, 0), 3);
}

/* 5.4 with several addresses: a peer listing an address it does not own
 * (nobody answers there) never gets DATA sent to it, even when the
 * primary fails. */
TEST(Multihome, UnownedListedAddressNeverGetsData)
{
	fsctp_stack_config c = test_config();
	c.path_max_retrans = 1;
	MhPair p(c);
	p.cut.push_back(p.b[1]); /* "listed but not owned". */
	fsctp_assoc_id_t id = p.up();
	fsctp_assoc *a = p.A.assoc(id);
	EXPECT_FALSE(fsctp_assoc_find_path(a, &p.b[1])->confirmed);
	p.cut.push_back(p.b[0]);
	p.A.sent_log.clear();
	p.send_a(id, 4);
	p.advance(20000000);
	EXPECT_EQ(p.a_sent_to(p.b[1], FSCTP_CHUNK_DATA), 0);
	EXPECT_GE(p.a_sent_to(p.b[2], FSCTP_CHUNK_DATA), 1);
	EXPECT_EQ(p.b_data(), 4);
}

/* 6.4 in the handshake: with two peer addresses given to connectx and the
 * first unreachable, the INIT that timed out goes to the second, which
 * becomes the primary; the association comes up. */
TEST(Multihome, InitRetransmittedToTheNextGivenAddress)
{
	MhPair p;
	p.cut.push_back(p.b[0]);
	int64_t id = fsctp_connectx(p.A.st, p.a, 3, p.b, 2, p.now);
	ASSERT_GT(id, 0);
	p.pump();
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_COOKIE_WAIT);
	p.advance(1100000); /* T1-init: RTO.Initial 1 s. */
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id),
		  FSCTP_ESTABLISHED);
	fsctp_assoc_params ap;
	ASSERT_EQ(fsctp_assoc_get_params(p.A.st, (fsctp_assoc_id_t)id, &ap), 0);
	EXPECT_TRUE(fsctp_addr_eq(&ap.primary, &p.b[1]));
	EXPECT_EQ(p.a_sent_to(p.b[1], FSCTP_CHUNK_INIT), 1);
	EXPECT_GE(p.A.ctr().fsctp_rtx_alt_path, 1u);
}

/* 6.3.2 R4: a SACK that no longer reports a TSN an earlier SACK gap-acked
 * (the peer reneged) makes it outstanding again, and the T3-rtx of the
 * path it was sent to starts although the cumulative ack did not move; the
 * chunk is then retransmitted. */
TEST(Multihome, RenegedChunkStartsT3OfItsPath)
{
	fsctp_stack_config c = test_config();
	c.nodelay = true;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_ESTABLISHED);
	/* B's own SACKs never reach A: A sees only the forged ones. */
	p.drop = [](bool from_a, const Pkt &) { return !from_a; };
	p.A.sent_log.clear();
	for (int i = 0; i < 3; i++) {
		fsctp_sndinfo si{};
		uint8_t d[100] = { (uint8_t)i };
		ASSERT_EQ(fsctp_send(p.A.st, id, &si, d, sizeof(d), p.now), 0);
	}
	std::vector<uint32_t> tsns;
	for (auto &pk : p.A.sent_log)
		for (auto &ch : parse(pk.b).chunks)
			if (ch.type == FSCTP_CHUNK_DATA)
				tsns.push_back(fsctp_rd32(&ch.value[0]));
	ASSERT_EQ(tsns.size(), 3u);
	p.pump();
	fsctp_assoc *a = p.A.assoc(id);
	auto sack = [&](uint16_t gap_start, uint16_t gap_end) {
		PktBuilder b(6000, 5000, a->my_vtag);
		std::vector<uint8_t> v(12, 0);
		uint32_t cum = tsns[0] - 1;
		v[0] = (uint8_t)(cum >> 24);
		v[1] = (uint8_t)(cum >> 16);
		v[2] = (uint8_t)(cum >> 8);
		v[3] = (uint8_t)cum;
		v[5] = 0x01; /* a_rwnd 65536 */
		if (gap_start != 0) {
			v[9] = 1;
			v.push_back(0);
			v.push_back((uint8_t)gap_start);
			v.push_back(0);
			v.push_back((uint8_t)gap_end);
		}
		b.chunk(FSCTP_CHUNK_SACK, 0, v);
		p.inject(p.A, p.B.addr, b.bytes());
	};
	/* The last two gap-acked; the first still in flight: T3 runs. */
	sack(2, 3);
	EXPECT_TRUE(fsctp_timer_is_armed(&a->data->t3[0].t));
	/* Cancel it as if only gap-acked data were left (R2), then renege
	 * the gap: the two are outstanding again and T3 must run. */
	fsctp_assoc_timer_cancel(p.A.st, &a->data->t3[0].t);
	sack(0, 0);
	EXPECT_TRUE(fsctp_timer_is_armed(&a->data->t3[0].t))
		<< "R4: T3-rtx of the path restarted";
	p.A.sent_log.clear();
	p.advance(1100000, false);
	int rtx = 0;
	for (auto &pk : p.A.sent_log)
		for (auto &ch : parse(pk.b).chunks)
			rtx += ch.type == FSCTP_CHUNK_DATA;
	EXPECT_GE(rtx, 1);
}
