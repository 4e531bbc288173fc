/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Data transfer through the full protocol core (RFC 9260 sections 6, 7 and
 * the data rules of 9.2): two stacks back to back (pair.h), every packet
 * with its CRC32c, SACKs and timers on the fake clock, with scripted loss
 * and reordering.
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "pair.h"

using namespace fsctp_test;

namespace
{

/* Deterministic generator for loss, reordering and message sizes. */
struct Rng {
	uint64_t s;
	explicit Rng(uint64_t seed) : s(seed)
	{
	}
	uint32_t next()
	{
		s ^= s << 13;
		s ^= s >> 7;
		s ^= s << 17;
		return (uint32_t)(s >> 11);
	}
	uint32_t below(uint32_t n)
	{
		return n ? next() % n : 0;
	}
};

/* Payload byte j of message i: the receiver can verify every byte. */
uint8_t
pattern(uint32_t i, uint32_t j)
{
	return (uint8_t)(i * 131u + j * 7u + (j >> 8));
}

/* The message: 4 bytes of index (when it fits) then the pattern. */
std::vector<uint8_t>
make_msg(uint32_t i, uint32_t len)
{
	std::vector<uint8_t> v(len);
	for (uint32_t j = 0; j < len; j++)
		v[j] = pattern(i, j);
	if (len >= 4)
		fsctp_wr32(v.data(), i);
	return v;
}

struct Plan {
	uint32_t len;
	uint16_t sid;
	bool unordered;
	uint32_t ppid;
};

fsctp_sndinfo
sndinfo(const Plan &pl, uint64_t ctx = 0)
{
	fsctp_sndinfo si{};
	si.sid = pl.sid;
	si.ppid = pl.ppid;
	si.unordered = pl.unordered;
	si.context = ctx;
	return si;
}

/*
 * Moves packets between the two hosts with loss and reordering, and runs
 * the clock when nothing is in flight.
 */
struct Net {
	Pair &p;
	Rng rng;
	uint32_t loss_pct = 0; /* Percent of packets dropped. */
	bool reorder = false;  /* Shuffle each batch. */
	uint64_t dropped = 0;

	Net(Pair &pp, uint64_t seed) : p(pp), rng(seed)
	{
	}

	int move(Host &from, Host &to)
	{
		std::vector<Pkt> batch(from.out.begin(), from.out.end());
		from.out.clear();
		if (reorder)
			for (size_t i = batch.size(); i > 1; i--)
				std::swap(batch[i - 1], batch[rng.below(i)]);
		int n = 0;
		for (auto &k : batch) {
			if (rng.below(100) < loss_pct) {
				dropped++;
				continue;
			}
			fsctp_stack_input(to.st, &k.src, &k.dst, k.b.data(),
					  k.b.size(), false, p.now);
			n++;
		}
		return n;
	}
	/* Deliver until quiet; @return packets moved. */
	int pump()
	{
		int total = 0;
		for (int i = 0; i < 10000; i++) {
			int n = move(p.A, p.B) + move(p.B, p.A);
			total += n;
			if (p.A.out.empty() && p.B.out.empty())
				break;
		}
		return total;
	}
	/* Jump to the next timer and run it. @return false when none. */
	bool tick()
	{
		uint64_t t = std::min(fsctp_stack_next_deadline(p.A.st),
				      fsctp_stack_next_deadline(p.B.st));
		if (t == FSCTP_TIME_NEVER)
			return false;
		if (t > p.now)
			p.now = t;
		fsctp_stack_timers(p.A.st, p.now);
		fsctp_stack_timers(p.B.st, p.now);
		return true;
	}
};

/* Checks what B received against what A sent. */
struct Checker {
	const std::vector<Plan> &plan;
	std::vector<int> seen;
	size_t ev_pos = 0;
	std::map<uint16_t, int64_t> last_ordered; /* sid -> index */
	int failures = 0;

	explicit Checker(const std::vector<Plan> &pl)
	    : plan(pl), seen(pl.size(), 0)
	{
	}
	/* Index of a received message from its contents. */
	int64_t index_of(const Ev &e) const
	{
		if (e.data.size() >= 4)
			return fsctp_rd32(e.data.data());
		/* Short messages carry their index in the PPID. */
		return e.ppid & 0xFFFFFF;
	}
	void scan(const Host &b)
	{
		for (; ev_pos < b.events.size(); ev_pos++) {
			const Ev &e = b.events[ev_pos];
			if (e.type != FSCTP_EV_DATA)
				continue;
			int64_t i = index_of(e);
			ASSERT_GE(i, 0);
			ASSERT_LT(i, (int64_t)plan.size());
			const Plan &pl = plan[i];
			seen[i]++;
			EXPECT_EQ(seen[i], 1) << "message " << i << " twice";
			EXPECT_EQ(e.sid, pl.sid) << i;
			EXPECT_EQ(e.ppid, pl.ppid) << i;
			EXPECT_EQ(e.unordered, pl.unordered) << i;
			ASSERT_EQ(e.data.size(), pl.len) << i;
			EXPECT_TRUE(e.data == make_msg((uint32_t)i, pl.len))
				<< "message " << i << " differs";
			if (!pl.unordered) {
				auto it = last_ordered.find(pl.sid);
				if (it != last_ordered.end()) {
					EXPECT_GT(i, it->second)
						<< "stream " << pl.sid
						<< " out of order";
				}
				last_ordered[pl.sid] = i;
			}
		}
	}
	size_t received() const
	{
		size_t n = 0;
		for (int s : seen)
			n += s > 0;
		return n;
	}
};

/* Send plan[0..] from A to B through net; @return true when all arrived. */
bool
run_transfer(Pair &p, Net &net, fsctp_assoc_id_t id,
	     const std::vector<Plan> &plan, Checker &chk,
	     uint64_t time_limit_us, size_t *next_p = nullptr,
	     uint32_t max_iter = 2000000)
{
	size_t next0 = 0;
	size_t &next = next_p ? *next_p : next0;
	uint64_t end = p.now + time_limit_us;

	for (uint32_t it = 0; it < max_iter && p.now < end; it++) {
		while (next < plan.size()) {
			std::vector<uint8_t> m =
				make_msg((uint32_t)next, plan[next].len);
			fsctp_sndinfo si = sndinfo(plan[next], next);
			int rc = fsctp_send(p.A.st, id, &si, m.data(),
					    (uint32_t)m.size(), p.now);
			if (rc == -EAGAIN)
				break;
			EXPECT_EQ(rc, 0) << "send " << next;
			if (rc != 0)
				return false;
			next++;
		}
		int moved = net.pump();
		chk.scan(p.B);
		if (::testing::Test::HasFatalFailure())
			return false;
		fsctp_assoc *a = p.A.assoc(id);
		if (a == nullptr)
			return false;
		EXPECT_EQ(fsctp_assoc_data_check(a), 0);
		if (chk.received() == plan.size() && next == plan.size() &&
		    fsctp_assoc_data_all_acked(a))
			return true;
		if (moved == 0 && !net.tick())
			return false;
	}
	return false;
}

fsctp_stack_config
cfg_streams(uint16_t n)
{
	fsctp_stack_config c = test_config();
	c.n_out_streams = n;
	c.max_in_streams = n;
	c.hb_interval_ms = 0;
	return c;
}

} // namespace

/* 6.1, 6.2, 6.5, 6.6, 6.9, 7.2, 1.6 (serial arithmetic): messages of 1 B to
 * 256 KiB on 64 streams, ordered and unordered mixed, across the TSN wrap,
 * with 3 % loss and reordering both ways. */
TEST(Transfer, LossyReorderedMixedAcrossTsnWrap)
{
	fsctp_stack_config c = cfg_streams(64);
	Pair p(c, c);
	/* Both Initial TSNs 0xFFFFFF00: the wrap comes after 256 chunks. */
	p.A.fixed_rand = p.B.fixed_rand = true;
	p.A.fixed_word = p.B.fixed_word = 0xFFFFFF00u;
	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED);
	ASSERT_EQ(p.A.assoc(id)->my_itsn, 0xFFFFFF00u);
	p.A.log = p.B.log = false;

	static const uint32_t sizes[] = { 1,	 2,	3,	4,
					  17,	 100,	1000,	1404,
					  1405,	 1500,	4000,	9000,
					  65535, 65536, 100000, 262144 };
	Rng r(7);
	std::vector<Plan> plan;
	for (uint32_t i = 0; i < 400; i++) {
		uint32_t len = sizes[r.below(16)];
		if (len >= 65535 && r.below(3) != 0)
			len = 1 + r.below(3000); /* Keep the run short. */
		Plan pl{ len, (uint16_t)r.below(64), r.below(3) == 0,
			 (i & 0xFFFFFF) | (r.below(256) << 24) };
		plan.push_back(pl);
	}
	Net net(p, 99);
	net.loss_pct = 3;
	net.reorder = true;
	Checker chk(plan);
	ASSERT_TRUE(run_transfer(p, net, id, plan, chk, 3600ull * 1000000))
		<< "received " << chk.received() << " of " << plan.size();
	EXPECT_GT(net.dropped, 0u);
	/* Both TSN spaces wrapped. */
	fsctp_assoc *a = p.A.assoc(id);
	EXPECT_LT(a->data->sq.next_tsn, 0x80000000u);
	EXPECT_LT(fsctp_assoc_data_cum_tsn(p.B.only()), 0x80000000u);
	EXPECT_GT(p.A.ctr().fsctp_rtx_chunks, 0u);
	EXPECT_GT(p.A.ctr().sctpFragUsrMsgs, 0u);
	EXPECT_GT(p.B.ctr().sctpReasmUsrMsgs, 0u);
	EXPECT_GT(p.A.ctr().sctpOutUnorderChunks, 0u);
	EXPECT_GT(p.B.ctr().sctpInOrderChunks, 0u);
}

/* 6.5, 6.6: one stream, ordered, past the 16-bit SSN wrap. */
TEST(Transfer, SingleStreamAcrossSsnWrap)
{
	fsctp_stack_config c = cfg_streams(1);
	c.nodelay = true;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	p.A.log = p.B.log = false;
	std::vector<Plan> plan;
	for (uint32_t i = 0; i < 66000; i++)
		plan.push_back(Plan{ 4, 0, false, 51 });
	Net net(p, 5);
	Checker chk(plan);
	ASSERT_TRUE(run_transfer(p, net, id, plan, chk, 600ull * 1000000))
		<< "received " << chk.received();
	/* The SSNs wrapped: message 65536 carried SSN 0 again. */
	int wraps = 0;
	uint16_t prev = 0;
	bool first = true;
	for (auto &e : p.B.events) {
		if (e.type != FSCTP_EV_DATA)
			continue;
		if (!first) {
			EXPECT_EQ(e.ssn, (uint16_t)(prev + 1));
		}
		wraps += !first && e.ssn == 0;
		prev = e.ssn;
		first = false;
	}
	EXPECT_EQ(wraps, 1);
}

/* 6.2, 6.1 A: the receiver's window closes while the application holds
 * its messages, and reopens (window update SACK) when they are freed. */
TEST(Transfer, WindowClosesAndReopens)
{
	fsctp_stack_config c = cfg_streams(4);
	c.rwnd = 64 * 1024;
	Pair p(test_config(), c);
	fsctp_assoc_id_t id = p.connect();
	p.A.log = p.B.log = false;
	p.B.hold = true;
	std::vector<Plan> plan;
	for (uint32_t i = 0; i < 100; i++)
		plan.push_back(Plan{ 3000, (uint16_t)(i % 4), false, i });
	Net net(p, 3);
	Checker chk(plan);
	/* Without frees the transfer stalls at about one window. */
	size_t next = 0;
	EXPECT_FALSE(
		run_transfer(p, net, id, plan, chk, 30ull * 1000000, &next));
	size_t bytes = 0;
	for (auto *m : p.B.held)
		bytes += m->len;
	EXPECT_GT(bytes, 32u * 1024);
	EXPECT_LE(bytes, 64u * 1024 + 3000);
	EXPECT_LT(chk.received(), plan.size());
	EXPECT_EQ(fsctp_reasm_rwnd(&p.B.only()->data->reasm), 0u);
	/* Zero window probes keep the association alive. */
	EXPECT_EQ(p.A.assoc(id)->state, FSCTP_ESTABLISHED);
	/* Free: the window opens and everything arrives. */
	p.B.hold = false;
	uint64_t sacks = p.B.only()->ctr.sacks_out;
	p.B.release();
	EXPECT_GT(p.B.only()->ctr.sacks_out, sacks); /* Window update. */
	ASSERT_TRUE(
		run_transfer(p, net, id, plan, chk, 60ull * 1000000, &next));
}

/* ---- single-rule tests through the full core ---- */

namespace
{

/* A DATA chunk to inject into A, from B's side of an association. */
std::vector<uint8_t>
data_pkt(fsctp_assoc *a, uint32_t tsn, uint16_t sid, uint32_t len,
	 uint8_t extra_flags = 0)
{
	PktBuilder k(6000, 5000, a->my_vtag);
	fsctp_data_info d{};
	std::vector<uint8_t> m(len ? len : 1, 'q');
	d.tsn = tsn;
	d.sid = sid;
	d.ppid = 9;
	/* Unordered: the SSN does not matter. */
	d.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E | FSCTP_DATA_FLAG_U |
		  extra_flags;
	d.payload = m.data();
	d.len = (uint16_t)len;
	EXPECT_EQ(fsctp_encode_data(&k.w, &d), 0);
	return k.bytes();
}

fsctp_sack_info
sack_of(const Parsed &x)
{
	fsctp_sack_info si{};
	for (auto &c : x.chunks)
		if (c.type == FSCTP_CHUNK_SACK) {
			uint8_t hdr[4] = { FSCTP_CHUNK_SACK, 0, 0, 0 };
			std::vector<uint8_t> raw(hdr, hdr + 4);
			raw.insert(raw.end(), c.value.begin(), c.value.end());
			fsctp_wr16(&raw[2], (uint16_t)raw.size());
			fsctp_tlv t{};
			t.type = FSCTP_CHUNK_SACK;
			t.length = (uint16_t)raw.size();
			t.hdr = raw.data();
			t.value = raw.data() + 4;
			t.value_len = (uint16_t)(raw.size() - 4);
			EXPECT_EQ(fsctp_decode_sack(&t, &si), 0);
			si.gaps = nullptr;
			si.dups = nullptr;
		}
	return si;
}

} // namespace

/* 6.2: DATA without user data: ABORT with No User Data. */
TEST(TransferRules, NoUserDataAborts)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn, 0, 0));
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_NO_USER_DATA);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_CLOSED);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
}

/* 6.5: DATA for a stream not negotiated: ERROR Invalid Stream Identifier,
 * and the TSN is still acknowledged. */
TEST(TransferRules, InvalidStreamErrorAndAck)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	p.inject(p.A, p.B.addr,
		 data_pkt(a, a->peer_itsn, 300, 10, FSCTP_DATA_FLAG_I));
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "9,3"); /* ERROR, then the SACK (6.10). */
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_INVALID_STREAM);
	EXPECT_EQ(fsctp_rd16(&x.chunks[0].value[4]), 300);
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn);
	EXPECT_EQ(p.A.count(FSCTP_EV_DATA), 0);
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
}

/* 6.2.1: a SACK acknowledging a TSN never sent: ABORT, Protocol
 * Violation. */
TEST(TransferRules, SackOfUnsentTsnAborts)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	PktBuilder k(6000, 5000, a->my_vtag);
	fsctp_encode_sack(&k.w, a->my_itsn + 5, 65536, nullptr, 0, nullptr, 0);
	p.inject(p.A, p.B.addr, k.bytes());
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "6");
	EXPECT_EQ(first_cause(x.chunks[0]), FSCTP_CAUSE_PROTOCOL_VIOLATION);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_CLOSED);
}

/* 6.2.1 D i: a SACK whose cum TSN is behind the ack point is ignored. */
TEST(TransferRules, StaleSackIgnored)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	const char msg[] = "hello";
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, msg, 5, p.now), 0);
	p.pump();
	p.advance(300000);
	fsctp_assoc *a = p.A.assoc(id);
	ASSERT_TRUE(fsctp_assoc_data_all_acked(a));
	PktBuilder k(6000, 5000, a->my_vtag);
	/* cum = ITSN - 1: behind the ack point (ITSN). */
	fsctp_encode_sack(&k.w, a->my_itsn - 1, 0, nullptr, 0, nullptr, 0);
	p.inject(p.A, p.B.addr, k.bytes());
	EXPECT_EQ(p.A.ctr().fsctp_sack_stale, 1u);
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	EXPECT_TRUE(p.A.out.empty());
	/* The window it carried (0) was not taken. */
	EXPECT_GT(fsctp_sendq_peer_rwnd(&a->data->sq), 0u);
}

/* 6.3.3: T3-rtx expiry retransmits; 7.2.3 cwnd reduction. */
TEST(TransferRules, T3RetransmitsLostData)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	int dropped = 0;
	p.drop = [&](bool from_a, const Pkt &k) {
		Parsed x = parse(k.b);
		if (from_a && x.find(FSCTP_CHUNK_DATA) && dropped == 0) {
			dropped++;
			return true;
		}
		return false;
	};
	uint64_t t0 = p.now;
	fsctp_sndinfo si{};
	si.ppid = 77;
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "abc", 3, p.now), 0);
	p.pump();
	EXPECT_EQ(dropped, 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	p.advance(999000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0); /* RTO is 1 s. */
	p.advance(2000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.A.ctr().fsctp_t3_expireds, 1u);
	EXPECT_EQ(p.A.assoc(id)->ctr.sctpAssocRtxChunks, 1u);
	/* 6.3.3 E2: the RTO doubled. */
	EXPECT_EQ(p.A.assoc(id)->paths[0].rto, 2000000u);
	(void)t0;
	p.advance(400000);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
}

/* 7.2.4: fast retransmit after three miss indications, before T3. */
TEST(TransferRules, FastRetransmitAfterThreeMisses)
{
	fsctp_stack_config c = test_config();
	c.nodelay = true;
	c.sack_freq = 1; /* A SACK per packet: one miss indication each. */
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	bool dropped = false;
	p.drop = [&](bool from_a, const Pkt &k) {
		Parsed x = parse(k.b);
		if (from_a && !dropped && x.find(FSCTP_CHUNK_DATA)) {
			dropped = true;
			return true;
		}
		return false;
	};
	uint64_t t0 = p.now;
	std::vector<uint8_t> m(1000, 'f');
	fsctp_sndinfo si{};
	for (int i = 0; i < 6; i++)
		ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 1000, p.now),
			  0);
	p.pump();
	p.advance(10000);
	EXPECT_TRUE(dropped);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 6);
	EXPECT_GE(p.A.ctr().fsctp_fast_rtx_chunks, 1u);
	EXPECT_EQ(p.A.ctr().fsctp_t3_expireds, 0u);
	EXPECT_LT(p.now - t0, 1000000u);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.assoc(id)));
}

/* 6.2: SACK delayed by 200 ms for one packet, at once for the second. */
TEST(TransferRules, DelayedSackVersusSecondPacket)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn, 0, 10));
	EXPECT_TRUE(p.A.out.empty());
	p.now += 199000;
	fsctp_stack_timers(p.A.st, p.now);
	EXPECT_TRUE(p.A.out.empty());
	p.now += 1000;
	fsctp_stack_timers(p.A.st, p.now);
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "3");
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn);
	EXPECT_EQ(p.A.ctr().fsctp_sack_delayed, 1u);
	/* Two more packets: no SACK after the first, one after the
	 * second (every second packet). */
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn + 1, 0, 10));
	EXPECT_TRUE(p.A.out.empty());
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn + 2, 0, 10));
	x = p.A.pop();
	ASSERT_EQ(x.types(), "3");
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn + 2);
}

/* 6.2, 6.10: a reply sent from the DATA event leaves with the SACK it
 * owes bundled ahead of it, not followed by a delayed SACK 200 ms later. */
TEST(TransferRules, ReplyFromDataEventCarriesTheSack)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	int replies = 0;
	p.A.on_event = [&](Host &h, const Ev &e) {
		if (e.type != FSCTP_EV_DATA)
			return;
		fsctp_sndinfo si{};
		replies++;
		EXPECT_EQ(fsctp_send(h.st, e.id, &si, "pong", 4, p.now), 0);
	};
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn, 0, 10));
	ASSERT_EQ(replies, 1);
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "3,0");
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn);
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(p.A.ctr().fsctp_sack_bundled, 1u);
	/* Nothing is owed any more: no delayed SACK follows. */
	p.now += 300000;
	fsctp_stack_timers(p.A.st, p.now);
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(p.A.ctr().fsctp_sack_delayed, 0u);
	/* Without a reply the SACK is still delayed (6.2). */
	p.A.on_event = nullptr;
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn + 1, 0, 10));
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_EQ(p.A.ctr().fsctp_sack_bundled, 1u);
}

/* 6.2, 6.10: an application send outside the DATA event (the next request
 * of a request/response client) carries the SACK still owed ahead of its
 * DATA, and the delayed SACK timer is cancelled. */
TEST(TransferRules, SendWhileSackOwedCarriesTheSack)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn, 0, 10));
	EXPECT_TRUE(p.A.out.empty()); /* the SACK is delayed (6.2) */
	p.now += 1000;
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "next", 4, p.now), 0);
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "3,0");
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn);
	EXPECT_EQ(p.A.ctr().fsctp_sack_bundled, 1u);
	p.now += 300000;
	fsctp_stack_timers(p.A.st, p.now);
	/* No delayed SACK follows (a T3 retransmission may: not a SACK). */
	while (!p.A.out.empty())
		EXPECT_EQ(p.A.pop().find(3), nullptr);
	EXPECT_EQ(p.A.ctr().fsctp_sack_delayed, 0u);
}

/* The owner's output is full (ops.tx_room): DATA waits in the send queue
 * (no TSN spent, nothing sent, nothing to retransmit) and so does a SACK;
 * when room returns fsctp_stack_tx_resume() sends them. A connect's INIT waits the same way. */
TEST(BackPressure, FullOutputHoldsDataAndSackThenResumes)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	fsctp_sndinfo si{};
	p.A.room_data = 1;
	for (int i = 0; i < 5; i++)
		ASSERT_EQ(fsctp_send(p.A.st, id, &si, "held", 4, p.now), 0);
	EXPECT_TRUE(p.A.out.empty());
	EXPECT_GE(p.A.ctr().fsctp_tx_waits, 1u);
	/* Still nothing without room, even at the next resume. */
	fsctp_stack_tx_resume(p.A.st, p.now);
	EXPECT_TRUE(p.A.out.empty());
	p.A.room_data = UINT32_MAX;
	fsctp_stack_tx_resume(p.A.st, p.now);
	ASSERT_FALSE(p.A.out.empty());
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 5);
	/* A SACK that finds no room at all waits with the senders. */
	p.A.room_ctrl = 0;
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn, 0, 10));
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn + 1, 0, 10));
	EXPECT_TRUE(p.A.out.empty()); /* the second packet's SACK waits */
	fsctp_stack_timers(p.A.st, p.now + 1);
	EXPECT_TRUE(p.A.out.empty()); /* not on a timer */
	p.A.room_ctrl = UINT32_MAX;
	fsctp_stack_tx_resume(p.A.st, p.now);
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "3");
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn + 1);
	/* No retransmission was ever needed. */
	EXPECT_EQ(p.A.ctr().fsctp_rtx_chunks, 0u);
	/* An INIT waits for room too, and goes when room returns. */
	p.A.room_data = 0;
	fsctp_addr a2 = p.A.addr;
	a2.port = 5002;
	int64_t id2 = fsctp_connect(p.A.st, &a2, &p.B.addr, p.now);
	ASSERT_GT(id2, 0);
	EXPECT_TRUE(p.A.out.empty());
	p.A.room_data = UINT32_MAX;
	fsctp_stack_tx_resume(p.A.st, p.now);
	p.pump();
	EXPECT_EQ(fsctp_assoc_state(p.A.st, (fsctp_assoc_id_t)id2),
		  FSCTP_ESTABLISHED);
}

/* Delayed SACKs of many associations expire in one timer run while the
 * owner's output (a bounded FIFO) is nearly full: the SACK still being
 * built when the next one checks for room takes a slot too, so none is
 * dropped at the queue; the rest wait with the senders, in turn. A dropped last SACK would
 * leave its sender to a T3-rtx expiry on a lossless link. */
TEST(BackPressure, DelayedSacksOfManyAssocsNeverOverflowTheOutput)
{
	Pair p;
	const int n = 40;
	std::vector<fsctp_assoc_id_t> ids;
	for (int i = 0; i < n; i++) {
		fsctp_addr la = p.A.addr;
		la.port = (uint16_t)(6000 + i);
		int64_t id = fsctp_connect(p.A.st, &la, &p.B.addr, p.now);
		ASSERT_GT(id, 0);
		p.pump();
		ids.push_back((fsctp_assoc_id_t)id);
	}
	fsctp_sndinfo si{};
	for (fsctp_assoc_id_t id : ids)
		ASSERT_EQ(fsctp_send(p.A.st, id, &si, "one", 3, p.now), 0);
	/* B holds one delayed SACK per association. */
	p.deliver(p.A, p.B, true);
	ASSERT_TRUE(p.B.out.empty());
	p.B.out_cap = 4;
	int acked = 0, turns = 0;
	p.now += 200000;
	while (acked < n && turns++ < 100) {
		fsctp_stack_timers(p.B.st, p.now);
		fsctp_stack_tx_resume(p.B.st, p.now);
		EXPECT_LE(p.B.out.size(), p.B.out_cap);
		acked += p.deliver(p.B, p.A, false);
		p.now += 1;
	}
	EXPECT_EQ(acked, n);
	EXPECT_EQ(p.B.out_dropped, 0u);
	for (fsctp_assoc_id_t id : ids)
		EXPECT_EQ(fsctp_sendq_path_flight(&p.A.assoc(id)->data->sq, 0),
			  0u);
	EXPECT_EQ(p.A.ctr().fsctp_rtx_chunks, 0u);
}

/* 9.2: every association of a peer shuts down at once and our output (a
 * bounded FIFO) has room for a few packets: the SHUTDOWN ACKs that find it
 * full wait for room with the senders instead of being dropped (which
 * would cost each peer a T2-shutdown expiry). */
TEST(BackPressure, ShutdownAcksWaitForRoom)
{
	Pair p;
	const int n = 40;
	std::vector<fsctp_assoc_id_t> ids;
	for (int i = 0; i < n; i++) {
		fsctp_addr la = p.A.addr;
		la.port = (uint16_t)(6000 + i);
		int64_t id = fsctp_connect(p.A.st, &la, &p.B.addr, p.now);
		ASSERT_GT(id, 0);
		p.pump();
		ids.push_back((fsctp_assoc_id_t)id);
	}
	p.B.out_cap = 4;
	for (fsctp_assoc_id_t id : ids)
		ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	for (int turn = 0; turn < 100; turn++) {
		p.deliver(p.A, p.B, true);
		EXPECT_LE(p.B.out.size(), p.B.out_cap);
		p.deliver(p.B, p.A, false);
		p.now += 1;
		fsctp_stack_tx_resume(p.B.st, p.now);
	}
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), n);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), n);
	EXPECT_EQ(p.B.out_dropped, 0u);
	EXPECT_EQ(p.A.ctr().sctpT2ShutdownExpireds, 0u);
	EXPECT_GE(p.B.ctr().fsctp_tx_waits, 1u);
}

/* 6.2, 6.10: queued DATA that a SACK in the same packet lets go carries
 * the SACK owed for that packet's DATA ahead of it, instead of a lone
 * delayed SACK later. */
TEST(TransferRules, DataReleasedBySackCarriesTheSack)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	std::vector<uint8_t> big(20000, 'b');
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, big.data(), big.size(), p.now),
		  0);
	/* The first flight leaves; cwnd holds the rest. Nothing reaches B. */
	size_t sent = 0;
	while (!p.A.out.empty()) {
		Parsed x = p.A.pop();
		ASSERT_NE(x.find(FSCTP_CHUNK_DATA), nullptr);
		sent++;
	}
	ASSERT_GT(sent, 0u);
	ASSERT_GT(a->data->sq.unsent_bytes, 0u);
	/* One packet from B: a SACK of A's first flight, then one DATA
	 * chunk (alone, it would only arm the delayed SACK timer). */
	PktBuilder k(6000, 5000, a->my_vtag);
	fsctp_encode_sack(&k.w, a->my_itsn + (uint32_t)sent - 1, 1 << 20,
			  nullptr, 0, nullptr, 0);
	fsctp_data_info d{};
	uint8_t pl[10] = { 0 };
	d.tsn = a->peer_itsn;
	d.ppid = 9;
	d.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E | FSCTP_DATA_FLAG_U;
	d.payload = pl;
	d.len = sizeof(pl);
	ASSERT_EQ(fsctp_encode_data(&k.w, &d), 0);
	uint64_t too_big = p.A.ctr().fsctp_tx_too_big;
	p.inject(p.A, p.B.addr, k.bytes());
	/* The SACK leaves at once, ahead of the released DATA; a full-sized
	 * chunk that does not fit behind it takes the next packet: no packet
	 * overflows (and is lost). */
	ASSERT_GE(p.A.out.size(), 2u);
	Parsed x = p.A.pop();
	EXPECT_EQ(x.chunks[0].type, FSCTP_CHUNK_SACK);
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn);
	EXPECT_NE(p.A.pop().find(FSCTP_CHUNK_DATA), nullptr);
	EXPECT_EQ(p.A.ctr().fsctp_tx_too_big, too_big);
	EXPECT_EQ(p.A.ctr().fsctp_sack_bundled, 1u);
	/* Nothing is owed any more: no delayed SACK follows. */
	p.A.out.clear();
	p.now += 300000;
	fsctp_stack_timers(p.A.st, p.now);
	for (; !p.A.out.empty();) {
		Parsed y = p.A.pop();
		EXPECT_EQ(y.find(FSCTP_CHUNK_SACK), nullptr);
	}
	EXPECT_EQ(p.A.ctr().fsctp_sack_delayed, 0u);
}

/* 6.2 / 6.7: a gap is reported at once; RFC 7053: so is the I bit. */
TEST(TransferRules, ImmediateSackOnGapAndIBit)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *a = p.A.assoc(id);
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn + 1, 0, 10));
	Parsed x = p.A.pop();
	ASSERT_EQ(x.types(), "3");
	fsctp_sack_info si = sack_of(x);
	EXPECT_EQ(si.cum_tsn_ack, a->peer_itsn - 1);
	EXPECT_EQ(si.n_gap_blocks, 1);
	/* Filling the gap: SACK at once again. */
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn, 0, 10));
	x = p.A.pop();
	ASSERT_EQ(x.types(), "3");
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn + 1);
	/* In-order DATA with the I bit: SACK at once. */
	p.inject(p.A, p.B.addr,
		 data_pkt(a, a->peer_itsn + 2, 0, 10, FSCTP_DATA_FLAG_I));
	x = p.A.pop();
	ASSERT_EQ(x.types(), "3");
	EXPECT_EQ(sack_of(x).cum_tsn_ack, a->peer_itsn + 2);
	/* A duplicate: SACK at once with the duplicate listed. */
	p.inject(p.A, p.B.addr, data_pkt(a, a->peer_itsn + 2, 0, 10));
	x = p.A.pop();
	ASSERT_EQ(x.types(), "3");
	EXPECT_EQ(sack_of(x).n_dup_tsns, 1);
}

/* 9.2: SHUTDOWN waits until all outstanding data is acknowledged. */
TEST(TransferRules, ShutdownWaitsForOutstandingData)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	bool hold_sacks = true;
	p.drop = [&](bool from_a, const Pkt &k) {
		return !from_a && hold_sacks &&
		       parse(k.b).find(FSCTP_CHUNK_SACK) != nullptr;
	};
	std::vector<uint8_t> m(5000, 's');
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 5000, p.now), 0);
	p.pump();
	ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_SHUTDOWN_PENDING);
	/* 9.2: no new sends once shutting down. */
	EXPECT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 10, p.now), -ESHUTDOWN);
	p.pump();
	for (auto &k : p.A.sent_log)
		EXPECT_EQ(parse(k.b).find(FSCTP_CHUNK_SHUTDOWN), nullptr);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_SHUTDOWN_PENDING);
	hold_sacks = false;
	p.advance(3000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->data, m);
	EXPECT_EQ(p.A.count(FSCTP_EV_SEND_FAILED), 0);
}

/* 9.2: a SHUTDOWN's Cumulative TSN Ack acknowledges our data. */
TEST(TransferRules, ShutdownCumTsnActsAsSack)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	p.drop = [&](bool from_a, const Pkt &) { return !from_a; };
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "abcd", 4, p.now), 0);
	p.pump();
	fsctp_assoc *a = p.A.assoc(id);
	ASSERT_FALSE(fsctp_assoc_data_all_acked(a));
	PktBuilder k(6000, 5000, a->my_vtag);
	fsctp_encode_shutdown(&k.w, a->my_itsn);
	p.drop = nullptr;
	p.A.out.clear();
	p.inject(p.A, p.B.addr, k.bytes());
	EXPECT_TRUE(fsctp_assoc_data_all_acked(a));
	EXPECT_EQ(a->state, FSCTP_SHUTDOWN_ACK_SENT);
	EXPECT_EQ(p.A.count(FSCTP_EV_SENDER_DRY), 1);
}

/* 9.1, RFC 6458 6.1.4: ABORT with data queued: one SEND_FAILED per
 * message, sent or not. */
TEST(TransferRules, AbortReportsEachMessage)
{
	fsctp_stack_config c = test_config();
	c.nodelay = true;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	p.drop = [&](bool, const Pkt &) { return true; }; /* Black hole. */
	std::vector<uint8_t> m(1400, 'a');
	fsctp_sndinfo si{};
	int n = 0;
	for (; n < 40; n++) {
		si.context = 1000 + n;
		si.ppid = n;
		ASSERT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 1400, p.now),
			  0);
	}
	p.pump();
	ASSERT_EQ(fsctp_abort(p.A.st, id, nullptr, 0, p.now), 0);
	ASSERT_EQ(p.A.count(FSCTP_EV_SEND_FAILED), n);
	int sent = 0, unsent = 0;
	std::set<uint64_t> ctxs;
	for (auto &e : p.A.events) {
		if (e.type != FSCTP_EV_SEND_FAILED)
			continue;
		ctxs.insert(e.context);
		EXPECT_EQ(e.ppid, (uint32_t)(e.context - 1000));
		EXPECT_EQ(e.data, m);
		if (e.sent)
			sent++;
		else
			unsent++;
	}
	EXPECT_EQ(ctxs.size(), (size_t)n);
	/* 6.1 B: new DATA goes while less than cwnd is in flight: with the
	 * initial cwnd of 4380 bytes, 3 x 1416 in flight still lets a 4th
	 * message out. */
	EXPECT_EQ(sent, 4);
	EXPECT_EQ(unsent, n - 4);
}

/* fsctp_send's errors, and FSCTP_EV_WRITABLE after -EAGAIN. */
TEST(TransferRules, SendErrorCodes)
{
	fsctp_stack_config c = test_config();
	c.sndbuf = 64 * 1024;
	Pair p(c, test_config());
	fsctp_assoc_id_t id = p.connect();
	std::vector<uint8_t> m(300 * 1024, 'e');
	fsctp_sndinfo si{};
	EXPECT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 0, p.now), -EINVAL);
	EXPECT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 256 * 1024 + 1, p.now),
		  -EMSGSIZE);
	si.sid = 16;
	EXPECT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 10, p.now), -EINVAL);
	si.sid = 0;
	EXPECT_EQ(fsctp_send(p.A.st, id + 100, &si, m.data(), 10, p.now),
		  -ENOTCONN);
	int rc = 0, n = 0;
	while ((rc = fsctp_send(p.A.st, id, &si, m.data(), 8000, p.now)) == 0)
		n++;
	EXPECT_EQ(rc, -EAGAIN);
	EXPECT_GE(n, 7);
	EXPECT_EQ(p.A.count(FSCTP_EV_WRITABLE), 0);
	p.advance(2000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_WRITABLE), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), n);
	EXPECT_EQ(fsctp_send(p.A.st, id, &si, m.data(), 8000, p.now), 0);
	EXPECT_GE(p.A.count(FSCTP_EV_SENDER_DRY), 1);
}

/* 5.1, 6.10: DATA sent before the handshake ends rides behind the COOKIE
 * ECHO. */
TEST(TransferRules, DataBundledWithCookieEcho)
{
	Pair p;
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	ASSERT_GT(id, 0);
	fsctp_sndinfo si{};
	si.ppid = 42;
	ASSERT_EQ(fsctp_send(p.A.st, (fsctp_assoc_id_t)id, &si, "early", 5,
			     p.now),
		  0);
	p.pump();
	bool bundled = false;
	for (auto &k : p.A.sent_log)
		bundled |= parse(k.b).types() == "10,0";
	EXPECT_TRUE(bundled);
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->ppid, 42u);
}

/* 5.2.6 with 6.1: after a Stale Cookie error the INIT goes again and the
 * new INIT ACK carries a new Initial TSN; the receive side must take it,
 * or every DATA of the peer is out of the window and never acknowledged. */
TEST(TransferRules, StaleCookieRetryTakesTheNewInitialTsn)
{
	fsctp_stack_config cb = test_config();
	cb.valid_cookie_life_ms = 1000;
	Pair p(test_config(), cb);
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	ASSERT_GT(id, 0);
	p.deliver(p.A, p.B, true);
	p.deliver(p.B, p.A, false);
	p.now += 1500000; /* the COOKIE ECHO arrives 0.5 s late */
	p.deliver(p.A, p.B, true);
	ASSERT_EQ(parse(p.B.out.front().b).types(), "9");
	p.deliver(p.B, p.A, false);
	ASSERT_EQ(p.A.only()->state, FSCTP_COOKIE_WAIT);
	p.pump();
	ASSERT_EQ(p.A.only()->state, FSCTP_ESTABLISHED);
	ASSERT_NE(p.B.only(), nullptr);
	fsctp_sndinfo si{};
	si.ppid = 7;
	ASSERT_EQ(fsctp_send(p.B.st, p.B.only()->id, &si, "late", 4, p.now), 0);
	ASSERT_EQ(
		fsctp_send(p.A.st, (fsctp_assoc_id_t)id, &si, "both", 4, p.now),
		0);
	p.advance(2000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.A.only()));
	EXPECT_TRUE(fsctp_assoc_data_all_acked(p.B.only()));
}

/* 8.1 with 6.3.3: T3-rtx expiries to a dead peer count as errors, the
 * association fails, and the queued messages are reported. */
TEST(TransferRules, DeadPeerFailsTheAssociation)
{
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 0;
	c.rto_max_ms = 4000;
	Pair p(c, c);
	fsctp_assoc_id_t id = p.connect();
	p.drop = [&](bool, const Pkt &) { return true; };
	fsctp_sndinfo si{};
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "x", 1, p.now), 0);
	ASSERT_EQ(fsctp_send(p.A.st, id, &si, "y", 1, p.now), 0);
	p.advance(120ull * 1000000);
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_CLOSED);
	EXPECT_EQ(p.A.count(FSCTP_EV_COMM_LOST), 1);
	EXPECT_EQ(p.A.ctr().fsctp_t3_expireds, c.assoc_max_retrans + 1);
	EXPECT_EQ(p.A.count(FSCTP_EV_SEND_FAILED), 2);
}

/* 9.2: the receiver of a SHUTDOWN still sends what it has queued, the
 * SHUTDOWN sender answers that DATA with SHUTDOWN (and a SACK), and the
 * SHUTDOWN ACK waits until all of it is acknowledged. */
TEST(TransferRules, ShutdownReceiverFinishesItsData)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	/* B queues 20 KB while its packets are held back. */
	std::deque<Pkt> held;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (!from_a && parse(k.b).find(FSCTP_CHUNK_DATA)) {
			held.push_back(k);
			return true;
		}
		return false;
	};
	std::vector<uint8_t> m(4000, 'r');
	fsctp_sndinfo si{};
	for (int i = 0; i < 5; i++)
		ASSERT_EQ(fsctp_send(p.B.st, b->id, &si, m.data(), 4000, p.now),
			  0);
	p.pump();
	ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	p.pump();
	EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_SHUTDOWN_SENT);
	EXPECT_EQ(b->state, FSCTP_SHUTDOWN_RECEIVED);
	/* B may not take new data any more. */
	EXPECT_EQ(fsctp_send(p.B.st, b->id, &si, m.data(), 10, p.now),
		  -ESHUTDOWN);
	/* Release the held DATA: A answers each packet with SHUTDOWN. */
	p.drop = nullptr;
	p.A.sent_log.clear();
	for (auto &k : held)
		fsctp_stack_input(p.A.st, &k.src, &k.dst, k.b.data(),
				  k.b.size(), false, p.now);
	bool shut_and_sack = false;
	for (auto &k : p.A.sent_log) {
		Parsed x = parse(k.b);
		shut_and_sack |= x.find(FSCTP_CHUNK_SHUTDOWN) != nullptr &&
				 x.find(FSCTP_CHUNK_SACK) != nullptr;
	}
	EXPECT_TRUE(shut_and_sack);
	p.advance(5000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_DATA), 5);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_SHUTDOWN_COMP), 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_SEND_FAILED), 0);
}

/* 5.2.4 A: the peer restarted: what it never acknowledged is reported
 * (SEND_FAILED), the data path starts over, and new data flows. */
TEST(TransferRules, PeerRestartReportsAndRestartsTheDataPath)
{
	Pair p;
	p.connect();
	fsctp_assoc *b = p.B.only();
	ASSERT_NE(b, nullptr);
	fsctp_assoc_id_t bid = b->id;
	/* B sends into a black hole: A is about to "reboot". */
	fsctp_sndinfo si{};
	si.context = 5;
	ASSERT_EQ(fsctp_send(p.B.st, bid, &si, "lost", 4, p.now), 0);
	p.B.out.clear();
	Host A2;
	A2.addr = p.A.addr;
	A2.create(test_config(), 4242, p.now);
	ASSERT_GT(fsctp_connect(A2.st, &A2.addr, &p.B.addr, p.now), 0);
	for (int i = 0; i < 20; i++) {
		int n = 0;
		while (!A2.out.empty()) {
			Pkt k = A2.out.front();
			A2.out.pop_front();
			fsctp_stack_input(p.B.st, &k.src, &k.dst, k.b.data(),
					  k.b.size(), false, p.now);
			n++;
		}
		while (!p.B.out.empty()) {
			Pkt k = p.B.out.front();
			p.B.out.pop_front();
			fsctp_stack_input(A2.st, &k.src, &k.dst, k.b.data(),
					  k.b.size(), false, p.now);
			n++;
		}
		if (n == 0)
			break;
	}
	EXPECT_EQ(p.B.count(FSCTP_EV_RESTART), 1);
	ASSERT_EQ(p.B.count(FSCTP_EV_SEND_FAILED), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_SEND_FAILED)->context, 5u);
	EXPECT_TRUE(p.B.last(FSCTP_EV_SEND_FAILED)->sent);
	/* Sent after the restart: delivered to the new A. */
	ASSERT_EQ(fsctp_send(p.B.st, bid, &si, "new", 3, p.now), 0);
	for (int i = 0; i < 4; i++) {
		while (!p.B.out.empty()) {
			Pkt k = p.B.out.front();
			p.B.out.pop_front();
			fsctp_stack_input(A2.st, &k.src, &k.dst, k.b.data(),
					  k.b.size(), false, p.now);
		}
	}
	ASSERT_GE(A2.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(std::string(A2.last(FSCTP_EV_DATA)->data.begin(),
			      A2.last(FSCTP_EV_DATA)->data.end()),
		  "new");
	EXPECT_EQ(fsctp_assoc_data_check(p.B.only()), 0);
}
