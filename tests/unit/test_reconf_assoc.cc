/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SSN/TSN Reset (RFC 6525 4.3, 4.4, 5.1.4, 5.2.4, 6.1.2) through the full
 * core: two stacks back to back (pair.h). The request and its response on
 * the wire, both directions restarting (TSNs, SSNs, MIDs), Denied, In
 * progress while the receiver has data out, the requester's hold, lost
 * requests and responses, random loss over many resets.
 */
#include <gtest/gtest.h>

#include <map>

#include "pair.h"

using namespace fsctp_test;

namespace
{

/* The parameters of the first RE-CONFIG chunk of a packet. */
std::vector<fsctp_reconf_param>
reconf_params(const Pkt &k)
{
	std::vector<fsctp_reconf_param> v;
	Parsed p = parse(k.b);
	const Chunk *c = p.find(FSCTP_CHUNK_RECONFIG);
	fsctp_tlv t;
	fsctp_reconf_info ri;

	if (c == nullptr)
		return v;
	t.type = FSCTP_CHUNK_RECONFIG;
	t.flags = 0;
	t.value = c->value.data();
	t.value_len = (uint16_t)c->value.size();
	if (fsctp_decode_reconf(&t, &ri) != 0)
		return v;
	for (unsigned i = 0; i < ri.n_params; i++)
		v.push_back(ri.params[i]);
	return v;
}

bool
is_reconf(const Pkt &k)
{
	return parse(k.b).find(FSCTP_CHUNK_RECONFIG) != nullptr;
}

bool
has_data(const Pkt &k)
{
	Parsed p = parse(k.b);

	return p.find(FSCTP_CHUNK_DATA) != nullptr ||
	       p.find(FSCTP_CHUNK_I_DATA) != nullptr;
}

int
send_on(Pair &p, Host &h, fsctp_assoc_id_t id, uint16_t sid, uint32_t idx)
{
	uint8_t b[8];
	fsctp_sndinfo si{};

	fsctp_wr32(b, idx);
	fsctp_wr32(b + 4, sid);
	si.sid = sid;
	si.ppid = 51;
	return fsctp_send(h.st, id, &si, b, sizeof(b), p.now);
}

struct Rx {
	uint16_t sid, ssn;
	uint32_t idx, mid;
};

std::vector<Rx>
received(const Host &h)
{
	std::vector<Rx> v;

	for (auto &e : h.events)
		if (e.type == FSCTP_EV_DATA && e.data.size() == 8)
			v.push_back({ e.sid, e.ssn, fsctp_rd32(&e.data[0]),
				      e.mid });
	return v;
}

fsctp_stack_config
assoc_reset_config()
{
	fsctp_stack_config c = test_config();

	c.reconf_enable = FSCTP_ENABLE_RESET_STREAM_REQ |
			  FSCTP_ENABLE_RESET_ASSOC_REQ |
			  FSCTP_ENABLE_CHANGE_ASSOC_REQ;
	c.nodelay = true;
	return c;
}

fsctp_assoc_id_t
b_id(Pair &p)
{
	return p.B.only() ? p.B.only()->id : 0;
}

uint32_t
next_tsn(Host &h, fsctp_assoc_id_t id)
{
	return h.assoc(id)->data->sq.next_tsn;
}

uint32_t
cum_tsn(Host &h, fsctp_assoc_id_t id)
{
	return fsctp_tsnmap_cum_tsn(&h.assoc(id)->data->map);
}

/* Let delayed SACKs go: both sides dry. */
void
settle(Pair &p)
{
	p.advance(600000);
}

} // namespace

/* RFC 6525 4.3, 4.4, 5.1.4, 5.2.4, 6.1.2: the request (8 bytes, no
 * streams) is answered "Success - Performed" with the Sender's and
 * Receiver's Next TSN. The receiver's peer TSNs go on from its cum TSN + 1
 * + 2^31 (G1), its own from the highest TSN it sent + 1 (G2);
 * the requester takes them; both raise ASSOC_RESET with the new next TSNs;
 * every SSN restarts at 0 in both directions. */
TEST(ReconfAssoc, ResetRestartsTsnsAndSsns)
{
	Pair p(assoc_reset_config(), assoc_reset_config());
	fsctp_assoc_id_t id = p.connect();
	std::vector<Pkt> rc_a, rc_b;

	for (uint32_t i = 0; i < 3; i++) {
		ASSERT_EQ(send_on(p, p.A, id, 1, i), 0);
		ASSERT_EQ(send_on(p, p.B, b_id(p), 2, 100 + i), 0);
		p.pump();
	}
	settle(p);
	uint32_t a_next = next_tsn(p.A, id), b_next = next_tsn(p.B, b_id(p));
	ASSERT_EQ(cum_tsn(p.B, b_id(p)), a_next - 1);
	p.drop = [&](bool from_a, const Pkt &k) {
		if (is_reconf(k))
			(from_a ? rc_a : rc_b).push_back(k);
		return false;
	};
	ASSERT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), 0);
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 1);
	p.pump();
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 0);
	/* The wire: one request, one response with both TSNs. */
	ASSERT_EQ(rc_a.size(), 1u);
	auto rq = reconf_params(rc_a[0]);
	ASSERT_EQ(rq.size(), 1u);
	EXPECT_EQ(rq[0].type, FSCTP_PARAM_SSN_TSN_RESET_REQ);
	ASSERT_EQ(rc_b.size(), 1u);
	auto rs = reconf_params(rc_b[0]);
	ASSERT_EQ(rs.size(), 1u);
	EXPECT_EQ(rs[0].type, FSCTP_PARAM_RECONFIG_RESP);
	EXPECT_EQ(rs[0].resp_seq, rq[0].req_seq);
	EXPECT_EQ(rs[0].result, (uint32_t)FSCTP_RECONF_PERFORMED);
	ASSERT_TRUE(rs[0].has_tsns);
	EXPECT_EQ(rs[0].sender_next_tsn, b_next);
	EXPECT_EQ(rs[0].receiver_next_tsn, a_next + 0x80000000u);
	/* 6.1.2: both sides, flags 0, the next TSNs. */
	ASSERT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 1);
	ASSERT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), 1);
	const Ev *ea = p.A.last(FSCTP_EV_ASSOC_RESET);
	const Ev *eb = p.B.last(FSCTP_EV_ASSOC_RESET);
	EXPECT_EQ(ea->reconf_flags, 0);
	EXPECT_EQ(eb->reconf_flags, 0);
	EXPECT_EQ(ea->local_tsn, a_next + 0x80000000u);
	EXPECT_EQ(ea->remote_tsn, b_next);
	EXPECT_EQ(eb->local_tsn, ea->remote_tsn);
	EXPECT_EQ(eb->remote_tsn, ea->local_tsn);
	EXPECT_EQ(next_tsn(p.A, id), ea->local_tsn);
	EXPECT_EQ(next_tsn(p.B, b_id(p)), eb->local_tsn);
	/* Data both ways: SSN 0 again on every stream, nothing lost. */
	ASSERT_EQ(send_on(p, p.A, id, 1, 3), 0);
	ASSERT_EQ(send_on(p, p.A, id, 2, 4), 0);
	ASSERT_EQ(send_on(p, p.B, b_id(p), 2, 103), 0);
	p.pump();
	settle(p);
	auto rb = received(p.B);
	ASSERT_EQ(rb.size(), 5u);
	EXPECT_EQ(rb[3].idx, 3u);
	EXPECT_EQ(rb[3].ssn, 0);
	EXPECT_EQ(rb[4].idx, 4u);
	EXPECT_EQ(rb[4].ssn, 0);
	auto ra = received(p.A);
	ASSERT_EQ(ra.size(), 4u);
	EXPECT_EQ(ra[3].idx, 103u);
	EXPECT_EQ(ra[3].ssn, 0);
	EXPECT_EQ(cum_tsn(p.B, b_id(p)), a_next + 0x80000000u + 1);
	EXPECT_EQ(cum_tsn(p.A, id), b_next);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_ssn_tsn_out, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_ssn_tsn_in, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_assoc_reset, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_assoc_reset, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_sack_stale, 0u);
	EXPECT_EQ(p.B.ctr().fsctp_sack_stale, 0u);
	EXPECT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED);
}

/* RFC 6525 6.3.1, 5.2.4: without FSCTP_ENABLE_RESET_ASSOC_REQ the
 * receiver answers Denied; the requester's event says so, nothing
 * restarts and its held messages flow again. Enabled per association,
 * the same request is performed. */
TEST(ReconfAssoc, NotEnabledIsDenied)
{
	fsctp_stack_config cb = assoc_reset_config();
	cb.reconf_enable = FSCTP_ENABLE_RESET_STREAM_REQ;
	Pair p(assoc_reset_config(), cb);
	fsctp_assoc_id_t id = p.connect();

	ASSERT_EQ(send_on(p, p.A, id, 1, 0), 0);
	p.pump();
	settle(p);
	uint32_t a_next = next_tsn(p.A, id);
	ASSERT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), 0);
	/* Sent while the request is out: held (5.1.4). */
	ASSERT_EQ(send_on(p, p.A, id, 1, 1), 0);
	p.pump();
	ASSERT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_ASSOC_RESET)->reconf_flags,
		  FSCTP_RECONF_DENIED);
	EXPECT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), 0);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_denied, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_peer_refused, 1u);
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 2u);
	EXPECT_EQ(rx[1].ssn, 1); /* not reset */
	EXPECT_EQ(next_tsn(p.A, id), a_next + 1);
	settle(p);
	ASSERT_EQ(fsctp_reconf_enable(p.B.st, b_id(p),
				      FSCTP_ENABLE_RESET_ASSOC_REQ),
		  0);
	ASSERT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), 0);
	p.pump();
	EXPECT_EQ(p.A.last(FSCTP_EV_ASSOC_RESET)->reconf_flags, 0);
	EXPECT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), 1);
}

/* RFC 6525 5.1.4, 5.1.1: asked only when nothing of ours is queued or in
 * flight (-EAGAIN), one request at a time (-EBUSY); the messages sent
 * while it is out wait for the response and then go with SSN 0 under the
 * new TSNs. */
TEST(ReconfAssoc, RequesterDryAndHold)
{
	Pair p(assoc_reset_config(), assoc_reset_config());
	fsctp_assoc_id_t id = p.connect();
	int held = 0;

	ASSERT_EQ(send_on(p, p.A, id, 1, 0), 0);
	EXPECT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), -EAGAIN);
	p.pump();
	settle(p);
	EXPECT_EQ(fsctp_reconf_reset_assoc(p.A.st, 999, p.now), -ENOTCONN);
	/* Keep the request from arriving: it stays outstanding. */
	p.drop = [&](bool from_a, const Pkt &k) {
		return from_a && is_reconf(k) && held++ == 0;
	};
	ASSERT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), 0);
	EXPECT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), -EBUSY);
	EXPECT_EQ(fsctp_reconf_reset_streams(p.A.st, id,
					     FSCTP_STREAM_RESET_OUTGOING,
					     nullptr, 0, p.now),
		  -EBUSY);
	ASSERT_EQ(send_on(p, p.A, id, 1, 1), 0);
	ASSERT_EQ(send_on(p, p.A, id, 3, 2), 0);
	p.pump();
	EXPECT_EQ(received(p.B).size(), 1u); /* held */
	p.advance(3000000);
	EXPECT_EQ(p.A.ctr().fsctp_reconf_rtx, 1u);
	ASSERT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_ASSOC_RESET)->reconf_flags, 0);
	auto rx = received(p.B);
	ASSERT_EQ(rx.size(), 3u);
	EXPECT_EQ(rx[1].idx, 1u);
	EXPECT_EQ(rx[1].ssn, 0);
	EXPECT_EQ(rx[2].idx, 2u);
	EXPECT_EQ(rx[2].ssn, 0);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_ssn_tsn_in, 1u);
}

/* RFC 6525 5.2.4: a receiver with data of its own still outstanding
 * answers "In progress"; the requester asks again after an RTO (5.1.1,
 * no error counted) and the reset happens once that data is acknowledged.
 * The receiver's data arrives first, under the old SSNs. */
TEST(ReconfAssoc, InProgressWhileReceiverHasDataOut)
{
	Pair p(assoc_reset_config(), assoc_reset_config());
	fsctp_assoc_id_t id = p.connect();
	bool lose_b_data = true;

	ASSERT_EQ(send_on(p, p.B, b_id(p), 1, 0), 0);
	p.pump();
	settle(p);
	p.drop = [&](bool from_a, const Pkt &k) {
		return !from_a && lose_b_data && has_data(k);
	};
	ASSERT_EQ(send_on(p, p.B, b_id(p), 1, 1), 0);
	p.pump();
	ASSERT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), 0);
	p.pump();
	EXPECT_EQ(p.B.ctr().fsctp_reconf_in_progress, 1u);
	EXPECT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 0);
	EXPECT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), 0);
	EXPECT_EQ(fsctp_reconf_pending(p.A.st, id), 1);
	lose_b_data = false;
	p.advance(5000000);
	ASSERT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 1);
	ASSERT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), 1);
	EXPECT_EQ(p.A.last(FSCTP_EV_ASSOC_RESET)->reconf_flags, 0);
	EXPECT_EQ(p.A.assoc(id)->error_count, 0u);
	ASSERT_EQ(send_on(p, p.B, b_id(p), 1, 2), 0);
	p.pump();
	settle(p);
	auto ra = received(p.A);
	ASSERT_EQ(ra.size(), 3u);
	EXPECT_EQ(ra[1].idx, 1u);
	EXPECT_EQ(ra[1].ssn, 1);
	EXPECT_EQ(ra[2].idx, 2u);
	EXPECT_EQ(ra[2].ssn, 0);
}

/* RFC 6525 5.2.1, 5.2.4: the response is lost; the receiver has already
 * restarted and sends new DATA (SSN 0 on a stream used before) before the
 * request comes again. The requester, still on its old SSNs, does not
 * take it (an SSN behind the stream), so it is not acknowledged. The
 * request comes again, is answered with the same TSNs (no second reset),
 * and the DATA, retransmitted, is delivered once, with SSN 0. (On a
 * stream never used, SSN 0 would be in sequence under the old SSNs too:
 * see fsctp_reconf_tsn.c and docs/CONFORMANCE.md.) */
TEST(ReconfAssoc, LostResponseAnsweredAgainSameTsns)
{
	Pair p(assoc_reset_config(), assoc_reset_config());
	fsctp_assoc_id_t id = p.connect();
	std::vector<fsctp_reconf_param> resp;
	int lost = 0;

	for (uint32_t i = 0; i < 3; i++)
		ASSERT_EQ(send_on(p, p.B, b_id(p), 1, i), 0);
	p.pump();
	settle(p);
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a || !is_reconf(k))
			return false;
		for (auto &r : reconf_params(k))
			resp.push_back(r);
		return lost++ == 0;
	};
	ASSERT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), 0);
	p.pump();
	ASSERT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 0);
	ASSERT_EQ(send_on(p, p.B, b_id(p), 1, 3), 0);
	p.pump();
	EXPECT_EQ(received(p.A).size(), 3u); /* not taken yet */
	p.advance(10000000);
	ASSERT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), 1);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_assoc_reset, 1u);
	EXPECT_EQ(p.B.ctr().fsctp_reconf_dup, 1u);
	ASSERT_EQ(resp.size(), 2u);
	EXPECT_TRUE(resp[1].has_tsns);
	EXPECT_EQ(resp[1].sender_next_tsn, resp[0].sender_next_tsn);
	EXPECT_EQ(resp[1].receiver_next_tsn, resp[0].receiver_next_tsn);
	/* Both ends agree on the TSNs: more data flows and is acked. */
	for (uint32_t i = 4; i < 8; i++)
		ASSERT_EQ(send_on(p, p.B, b_id(p), 1, i), 0);
	p.pump();
	settle(p);
	auto ra = received(p.A);
	ASSERT_EQ(ra.size(), 8u);
	for (uint32_t i = 3; i < 8; i++) {
		EXPECT_EQ(ra[i].idx, i);
		EXPECT_EQ(ra[i].ssn, i - 3);
	}
	EXPECT_EQ(cum_tsn(p.A, id), next_tsn(p.B, b_id(p)) - 1);
	EXPECT_TRUE(fsctp_sendq_is_dry(&p.B.assoc(b_id(p))->data->sq));
	EXPECT_EQ(p.B.ctr().fsctp_sack_stale, 0u);
	EXPECT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(p.B.assoc(b_id(p))->state, FSCTP_ESTABLISHED);
}

/* RFC 6525 5.2.4 with RFC 8260 2.3: on an I-DATA association the MIDs of
 * both directions restart at 0 too. */
TEST(ReconfAssoc, IDataMidsRestart)
{
	fsctp_stack_config c = assoc_reset_config();
	c.idata = true;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	ASSERT_NE(p.A.assoc(id)->features & FSCTP_FEAT_IDATA, 0u);

	for (uint32_t i = 0; i < 3; i++) {
		ASSERT_EQ(send_on(p, p.A, id, 1, i), 0);
		ASSERT_EQ(send_on(p, p.B, b_id(p), 1, 100 + i), 0);
	}
	p.pump();
	settle(p);
	ASSERT_EQ(fsctp_reconf_reset_assoc(p.A.st, id, p.now), 0);
	p.pump();
	ASSERT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), 1);
	for (uint32_t i = 0; i < 2; i++) {
		ASSERT_EQ(send_on(p, p.A, id, 1, 10 + i), 0);
		ASSERT_EQ(send_on(p, p.B, b_id(p), 1, 110 + i), 0);
	}
	p.pump();
	settle(p);
	std::vector<uint32_t> mb, ma;
	for (auto &r : received(p.B))
		mb.push_back(r.mid);
	for (auto &r : received(p.A))
		ma.push_back(r.mid);
	EXPECT_EQ(mb, (std::vector<uint32_t>{ 0, 1, 2, 0, 1 }));
	EXPECT_EQ(ma, (std::vector<uint32_t>{ 0, 1, 2, 0, 1 }));
}

/* RFC 6525 5.1.1, 5.1.4, 5.2.1, 5.2.4 under random loss (10% each way,
 * every chunk kind): many rounds of traffic both ways, each followed by a
 * reset asked for by either side once it is dry. Every message arrives
 * exactly once and in order per stream, every reset completes on both
 * sides with matching TSNs, and the association stays up. */
TEST(ReconfAssoc, RandomLossManyResets)
{
	for (uint64_t seed = 1; seed <= 8; seed++) {
		Pair p(assoc_reset_config(), assoc_reset_config());
		fsctp_assoc_id_t id = p.connect();
		uint64_t rng = seed * 0x9e3779b97f4a7c15ull;
		std::map<uint16_t, std::vector<uint32_t>> sent_a, sent_b;
		uint32_t idx = 0;
		int resets = 0;

		p.drop = [&](bool, const Pkt &) {
			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			return rng % 10 == 0;
		};
		for (int round = 0; round < 12; round++) {
			for (int i = 0; i < 4; i++) {
				uint16_t sid = (uint16_t)(i % 3);
				ASSERT_EQ(send_on(p, p.A, id, sid, idx), 0);
				sent_a[sid].push_back(idx++);
				ASSERT_EQ(send_on(p, p.B, b_id(p), sid, idx),
					  0);
				sent_b[sid].push_back(idx++);
			}
			p.pump();
			Host &h = round & 1 ? p.B : p.A;
			fsctp_assoc_id_t hid = round & 1 ? b_id(p) : id;
			int rc = -EAGAIN;
			for (int t = 0; t < 200 && rc == -EAGAIN; t++) {
				p.advance(200000);
				rc = fsctp_reconf_reset_assoc(h.st, hid, p.now);
			}
			ASSERT_EQ(rc, 0)
				<< "seed " << seed << " round " << round;
			resets++;
			for (int t = 0;
			     t < 300 && fsctp_reconf_pending(h.st, hid) != 0;
			     t++)
				p.advance(200000);
			ASSERT_EQ(fsctp_reconf_pending(h.st, hid), 0)
				<< "seed " << seed << " round " << round;
		}
		p.drop = nullptr;
		p.advance(20000000);
		ASSERT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED)
			<< "seed " << seed;
		EXPECT_EQ(p.A.count(FSCTP_EV_ASSOC_RESET), resets);
		EXPECT_EQ(p.B.count(FSCTP_EV_ASSOC_RESET), resets);
		for (auto &e : p.A.events) {
			if (e.type == FSCTP_EV_ASSOC_RESET) {
				EXPECT_EQ(e.reconf_flags, 0);
			}
		}
		/* The last reset: both sides agree on the TSNs. */
		const Ev *ea = p.A.last(FSCTP_EV_ASSOC_RESET);
		const Ev *eb = p.B.last(FSCTP_EV_ASSOC_RESET);
		EXPECT_EQ(ea->local_tsn, eb->remote_tsn);
		EXPECT_EQ(ea->remote_tsn, eb->local_tsn);
		std::map<uint16_t, std::vector<uint32_t>> got_a, got_b;
		for (auto &r : received(p.B))
			got_b[r.sid].push_back(r.idx);
		for (auto &r : received(p.A))
			got_a[r.sid].push_back(r.idx);
		EXPECT_EQ(got_b, sent_a) << "seed " << seed;
		EXPECT_EQ(got_a, sent_b) << "seed " << seed;
	}
}

/* RFC 3758 3.6 with RFC 6525 5.1.4: a FORWARD TSN whose new point lies
 * half the TSN space from the cum TSN (a peer's stale Advanced.Peer.Ack.
 * Point from before an SSN/TSN reset; serial arithmetic cannot order it)
 * is ignored and answered by a SACK of the cum TSN, as a stale one. */
TEST(ReconfAssoc, FarForwardTsnIgnored)
{
	Pair p(assoc_reset_config(), assoc_reset_config());
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	ASSERT_EQ(send_on(p, p.A, id, 1, 0), 0);
	p.pump();
	settle(p);
	uint32_t cum = cum_tsn(p.B, b_id(p));
	for (uint32_t far : { cum + 0x7ffffffbu, cum + 0x80000005u }) {
		PktBuilder pk(5000, 6000, b->my_vtag);
		uint8_t v[4];
		fsctp_wr32(v, far);
		pk.chunk(FSCTP_CHUNK_FORWARD_TSN, 0,
			 std::vector<uint8_t>(v, v + 4));
		p.B.out.clear();
		p.inject(p.B, p.A.addr, pk.bytes());
		Parsed r = p.B.pop();
		const Chunk *s = r.find(FSCTP_CHUNK_SACK);
		ASSERT_NE(s, nullptr);
		EXPECT_EQ(fsctp_rd32(&s->value[0]), cum);
		EXPECT_EQ(cum_tsn(p.B, b_id(p)), cum);
	}
	EXPECT_EQ(p.B.ctr().fsctp_fwd_tsn_far, 2u);
	/* Data still flows. */
	ASSERT_EQ(send_on(p, p.A, id, 1, 1), 0);
	p.pump();
	EXPECT_EQ(received(p.B).size(), 2u);
}
