/* SPDX-License-Identifier: BSD-3-Clause */
/* Stream schedulers (RFC 8260 section 3) alone and in the send queue with
 * DATA and I-DATA (MID, FSN, interleaving). */
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "fsctp_chunk.h"
#include "fsctp_sched.h"
#include "fsctp_sendq.h"

namespace
{

struct Sc {
	struct fsctp_sched s;
	explicit Sc(unsigned kind, uint16_t n = 8)
	{
		EXPECT_EQ(fsctp_sched_init(&s, n), 0);
		EXPECT_EQ(fsctp_sched_set_kind(&s, kind), 0);
	}
	~Sc()
	{
		fsctp_sched_fini(&s);
	}
	/* Pick n units of size bytes each; the streams picked. */
	std::vector<int> run(int n, uint32_t bytes = 100, bool new_pkt = true)
	{
		std::vector<int> v;
		for (int i = 0; i < n; i++) {
			int sid = fsctp_sched_pick(&s, new_pkt);
			v.push_back(sid);
			if (sid >= 0)
				fsctp_sched_served(&s, (uint16_t)sid, bytes);
		}
		return v;
	}
};

/* Four saturated streams, units of 1000 bytes: each stream's share. */
std::vector<double>
shares(unsigned kind, const std::vector<uint16_t> &values, int units)
{
	Sc sc(kind, 4);
	std::vector<uint64_t> bytes(4);

	for (uint16_t i = 0; i < 4; i++) {
		EXPECT_EQ(fsctp_sched_set_value(&sc.s, i, values[i]), 0);
		fsctp_sched_activate(&sc.s, i);
	}
	for (int u = 0; u < units; u++) {
		int sid = fsctp_sched_pick(&sc.s, u % 3 == 0);
		EXPECT_GE(sid, 0);
		/* Stream i sends units of (i + 1) * 300 bytes: capacity is
		 * measured in bytes, not in units. */
		uint32_t b = (uint32_t)(sid + 1) * 300;
		fsctp_sched_served(&sc.s, (uint16_t)sid, b);
		bytes[sid] += b;
	}
	uint64_t tot = 0;
	for (auto b : bytes)
		tot += b;
	std::vector<double> v;
	for (auto b : bytes)
		v.push_back((double)b / (double)tot);
	return v;
}

} // namespace

TEST(Sched, ArgumentsAreChecked)
{
	struct fsctp_sched s;

	EXPECT_EQ(fsctp_sched_init(&s, 0), -EINVAL);
	ASSERT_EQ(fsctp_sched_init(&s, 4), 0);
	EXPECT_EQ(fsctp_sched_set_kind(&s, FSCTP_SCHED_N), -EINVAL);
	EXPECT_EQ(fsctp_sched_set_value(&s, 4, 1), -EINVAL);
	EXPECT_EQ(fsctp_sched_get_value(&s, 4), -EINVAL);
	EXPECT_EQ(fsctp_sched_set_kind(&s, FSCTP_SCHED_WFQ), 0);
	EXPECT_EQ(fsctp_sched_set_value(&s, 1, 0), -EINVAL); /* weight 0 */
	EXPECT_EQ(fsctp_sched_set_value(&s, 1, 7), 0);
	EXPECT_EQ(fsctp_sched_get_value(&s, 1), 7);
	EXPECT_EQ(fsctp_sched_pick(&s, true), -1); /* nothing active */
	fsctp_sched_fini(&s);
}

/* 3.1: FCFS is the send queue's arrival order: no stream is named. */
TEST(Sched, FcfsNamesNoStream)
{
	Sc sc(FSCTP_SCHED_FCFS);
	fsctp_sched_activate(&sc.s, 3);
	EXPECT_EQ(sc.run(2), (std::vector<int>{ -1, -1 }));
}

/* 3.2: active streams in turn; a stream that runs dry leaves the turn. */
TEST(Sched, RoundRobinServesStreamsInTurn)
{
	Sc sc(FSCTP_SCHED_RR);
	fsctp_sched_activate(&sc.s, 5);
	fsctp_sched_activate(&sc.s, 0);
	fsctp_sched_activate(&sc.s, 2);
	EXPECT_EQ(sc.run(6), (std::vector<int>{ 0, 2, 5, 0, 2, 5 }));
	fsctp_sched_deactivate(&sc.s, 2);
	EXPECT_EQ(sc.run(4), (std::vector<int>{ 0, 5, 0, 5 }));
	fsctp_sched_activate(&sc.s, 7);
	EXPECT_EQ(sc.run(3), (std::vector<int>{ 7, 0, 5 }));
}

/* 3.3: one stream per packet; the next packet, the next stream. */
TEST(Sched, RoundRobinPerPacketKeepsTheStreamWithinAPacket)
{
	Sc sc(FSCTP_SCHED_RR_PKT);
	fsctp_sched_activate(&sc.s, 1);
	fsctp_sched_activate(&sc.s, 4);
	std::vector<int> v;
	for (int pkt = 0; pkt < 4; pkt++)
		for (int k = 0; k < 3; k++)
			v.push_back(fsctp_sched_pick(&sc.s, k == 0));
	EXPECT_EQ(v, (std::vector<int>{ 1, 1, 1, 4, 4, 4, 1, 1, 1, 4, 4, 4 }));
	/* The packet's stream ran dry: another one fills the packet. */
	fsctp_sched_deactivate(&sc.s, 1);
	EXPECT_EQ(fsctp_sched_pick(&sc.s, false), 4);
}

/* 3.4: the lowest value first; equal values in turn. */
TEST(Sched, PriorityLowestValueFirstEqualOnesInTurn)
{
	Sc sc(FSCTP_SCHED_PRIO);
	const uint16_t prio[4] = { 5, 1, 1, 9 };
	for (uint16_t i = 0; i < 4; i++) {
		ASSERT_EQ(fsctp_sched_set_value(&sc.s, i, prio[i]), 0);
		fsctp_sched_activate(&sc.s, i);
	}
	EXPECT_EQ(sc.run(4), (std::vector<int>{ 1, 2, 1, 2 }));
	fsctp_sched_deactivate(&sc.s, 1);
	fsctp_sched_deactivate(&sc.s, 2);
	EXPECT_EQ(sc.run(2), (std::vector<int>{ 0, 0 }));
	fsctp_sched_deactivate(&sc.s, 0);
	EXPECT_EQ(sc.run(1), (std::vector<int>{ 3 }));
}

/* 3.5: fair capacity counts bytes: a stream of small units is picked more
 * often than one of large units, for the same bytes. */
TEST(Sched, FairCapacityEqualBytes)
{
	Sc sc(FSCTP_SCHED_FC, 2);
	fsctp_sched_activate(&sc.s, 0);
	fsctp_sched_activate(&sc.s, 1);
	int small = 0;
	for (int i = 0; i < 1100; i++) {
		int sid = fsctp_sched_pick(&sc.s, true);
		fsctp_sched_served(&sc.s, (uint16_t)sid, sid == 0 ? 100 : 1000);
		small += sid == 0;
	}
	EXPECT_EQ(small, 1000);
	int64_t d = (int64_t)sc.s.s[0].bytes - (int64_t)sc.s.s[1].bytes;
	EXPECT_LE(std::abs(d), 1000);
}

/* 3.6: WFQ shares follow the weights; an idle stream gets no credit for
 * the time it had nothing to send. */
TEST(Sched, WeightedFairQueueingFollowsWeights)
{
	std::vector<double> v = shares(FSCTP_SCHED_WFQ, { 1, 2, 3, 4 }, 20000);
	for (int i = 0; i < 4; i++)
		EXPECT_NEAR(v[i], (i + 1) / 10.0, 0.01) << i;

	Sc sc(FSCTP_SCHED_WFQ, 2);
	fsctp_sched_activate(&sc.s, 0);
	sc.run(100, 1000);
	fsctp_sched_activate(&sc.s, 1);
	std::vector<int> r = sc.run(10, 1000);
	int n1 = 0;
	for (int x : r)
		n1 += x == 1;
	EXPECT_LE(n1, 6); /* shares, not 10 in a row to catch up */
	EXPECT_GE(n1, 4);
}

/* The fairness figure: each stream's share of the bytes, four saturated
 * streams sending units of 300, 600, 900 and 1200 bytes, values (priority
 * or weight) 1, 2, 3, 4. Printed, and checked loosely per discipline. */
TEST(Sched, FairnessFigure)
{
	const char *names[] = { "fcfs", "rr", "rr-pkt", "prio", "fc", "wfq" };
	for (unsigned k = FSCTP_SCHED_RR; k < FSCTP_SCHED_N; k++) {
		std::vector<double> v = shares(k, { 1, 2, 3, 4 }, 20000);
		printf("[ sched    ] %-6s shares: %.3f %.3f %.3f %.3f\n",
		       names[k], v[0], v[1], v[2], v[3]);
		switch (k) {
		case FSCTP_SCHED_RR:
		case FSCTP_SCHED_RR_PKT:
			/* Equal units: bytes follow the unit sizes. */
			for (int i = 0; i < 4; i++)
				EXPECT_NEAR(v[i], (i + 1) / 10.0, 0.01);
			break;
		case FSCTP_SCHED_PRIO:
			EXPECT_DOUBLE_EQ(v[0], 1.0);
			break;
		case FSCTP_SCHED_FC:
			for (int i = 0; i < 4; i++)
				EXPECT_NEAR(v[i], 0.25, 0.01);
			break;
		case FSCTP_SCHED_WFQ:
			for (int i = 0; i < 4; i++)
				EXPECT_NEAR(v[i], (i + 1) / 10.0, 0.01);
			break;
		}
	}
}

namespace
{

struct ISq {
	struct fsctp_sendq q;

	ISq(bool idata, unsigned kind)
	{
		struct fsctp_sendq_config c = {};

		c.sndbuf = 1 << 20;
		c.n_out_streams = 4;
		c.initial_tsn = 100;
		c.peer_rwnd = 1 << 20;
		c.max_burst = 100;
		c.nodelay = true;
		c.idata = idata;
		EXPECT_EQ(fsctp_sendq_init(&q, &c), 0);
		EXPECT_EQ(fsctp_sendq_set_sched(&q, kind), 0);
	}
	~ISq()
	{
		fsctp_sendq_fini(&q);
	}
	void push(uint32_t len, uint16_t sid, bool unordered = false)
	{
		struct fsctp_sendq_msginfo i = {};
		std::string d(len, (char)('a' + sid));

		i.sid = sid;
		i.ppid = 40 + sid;
		i.unordered = unordered;
		ASSERT_EQ(fsctp_sendq_push(&q, &i, d.data(), len, 0), 0);
	}
	/* Every chunk the queue gives, max_frag 100, four per packet. */
	std::vector<struct fsctp_sendq_chunk_out> drain()
	{
		std::vector<struct fsctp_sendq_chunk_out> v;
		for (;;) {
			struct fsctp_sendq_tx tx = {};
			struct fsctp_sendq_chunk_out out[8];

			tx.max_frag = 100;
			tx.room = 4 * (100 + FSCTP_IDATA_HDR_LEN);
			tx.cwnd = 1 << 30;
			uint32_t n = fsctp_sendq_next_packet(&q, &tx, out, 8);
			if (n == 0)
				return v;
			v.insert(v.end(), out, out + n);
		}
	}
};

} // namespace

/* RFC 8260 2.1: MIDs per stream, ordered and unordered counted apart; FSN
 * from 0 per message; the PPID with the B fragment; encoded as I-DATA. */
TEST(SchedSendq, IdataMidPerStreamAndKindFsnPerMessage)
{
	ISq s(true, FSCTP_SCHED_FCFS);
	s.push(250, 1);
	s.push(50, 1, true);
	s.push(50, 1);
	s.push(50, 2);
	auto v = s.drain();
	ASSERT_EQ(v.size(), 6u);
	EXPECT_EQ(v[0].mid, 0u);
	EXPECT_EQ(v[0].fsn, 0u);
	EXPECT_EQ(v[1].fsn, 1u);
	EXPECT_EQ(v[2].fsn, 2u);
	EXPECT_EQ(v[2].flags & FSCTP_DATA_FLAG_E, FSCTP_DATA_FLAG_E);
	EXPECT_EQ(v[3].mid, 0u); /* unordered: its own sequence */
	EXPECT_TRUE(v[3].flags & FSCTP_DATA_FLAG_U);
	EXPECT_EQ(v[4].mid, 1u); /* the second ordered message of stream 1 */
	EXPECT_EQ(v[5].mid, 0u); /* stream 2 */
	for (auto &c : v)
		EXPECT_TRUE(c.idata);
	uint8_t buf[256];
	struct fsctp_wbuf w;
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	ASSERT_EQ(fsctp_sendq_write_data(&w, &v[1]), 0);
	EXPECT_EQ(buf[0], FSCTP_CHUNK_I_DATA);
	EXPECT_EQ(w.len, FSCTP_IDATA_HDR_LEN + 100u);
	struct fsctp_tlv t = { buf,    buf + 4,		buf[0],
			       buf[1], (uint16_t)w.len, (uint16_t)(w.len - 4) };
	struct fsctp_data_info di;
	ASSERT_EQ(fsctp_decode_idata(&t, &di), 0);
	EXPECT_EQ(di.fsn, 1u);
	EXPECT_EQ(di.tsn, 101u);
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	ASSERT_EQ(fsctp_sendq_write_data(&w, &v[0]), 0);
	t = { buf,    buf + 4,	       buf[0],
	      buf[1], (uint16_t)w.len, (uint16_t)(w.len - 4) };
	ASSERT_EQ(fsctp_decode_idata(&t, &di), 0);
	EXPECT_EQ(di.ppid, 41u);
}

/* RFC 8260 3: with I-DATA a round-robin scheduler interleaves the chunks
 * of large messages of different streams; with DATA it serves whole
 * messages in turn (their TSNs stay consecutive). */
TEST(SchedSendq, RoundRobinInterleavesIdataNotData)
{
	for (bool idata : { true, false }) {
		ISq s(idata, FSCTP_SCHED_RR);
		s.push(300, 0);
		s.push(300, 1);
		s.push(300, 2);
		auto v = s.drain();
		ASSERT_EQ(v.size(), 9u);
		std::string order;
		for (auto &c : v)
			order += (char)('0' + c.sid);
		EXPECT_EQ(order, idata ? "012012012" : "000111222");
		for (size_t i = 1; i < v.size(); i++)
			EXPECT_EQ(v[i].tsn, v[i - 1].tsn + 1);
	}
}

/* The priority scheduler sends the high-priority stream's messages first
 * even when they were queued last; FCFS keeps arrival order. */
TEST(SchedSendq, PriorityOverridesArrivalOrder)
{
	for (unsigned k : { FSCTP_SCHED_FCFS, FSCTP_SCHED_PRIO }) {
		ISq s(true, k);
		ASSERT_EQ(fsctp_sched_set_value(&s.q.sched, 3, 0), 0);
		ASSERT_EQ(fsctp_sched_set_value(&s.q.sched, 0, 5), 0);
		s.push(200, 0);
		s.push(200, 3);
		auto v = s.drain();
		ASSERT_EQ(v.size(), 4u);
		EXPECT_EQ(v[0].sid, k == FSCTP_SCHED_PRIO ? 3 : 0);
		EXPECT_EQ(v[3].sid, k == FSCTP_SCHED_PRIO ? 0 : 3);
	}
}

/* Abandoning a message in the middle of an interleaved flight: its chunks
 * are found between the others', and the I-FORWARD-TSN names it. */
TEST(SchedSendq, AbandonInterleavedMessageNamesItsMid)
{
	struct fsctp_sendq q;
	struct fsctp_sendq_config c = {};
	c.sndbuf = 1 << 20;
	c.n_out_streams = 4;
	c.initial_tsn = 1;
	c.peer_rwnd = 1 << 20;
	c.max_burst = 100;
	c.nodelay = true;
	c.idata = true;
	c.pr_enabled = true;
	ASSERT_EQ(fsctp_sendq_init(&q, &c), 0);
	ASSERT_EQ(fsctp_sendq_set_sched(&q, FSCTP_SCHED_RR), 0);
	struct fsctp_sendq_msginfo mi = {};
	std::string d(300, 'x');
	mi.sid = 0;
	mi.pr_policy = FSCTP_SENDQ_PR_RTX;
	mi.pr_value = 0;
	ASSERT_EQ(fsctp_sendq_push(&q, &mi, d.data(), 300, 0), 0);
	mi.sid = 1;
	mi.pr_policy = FSCTP_SENDQ_PR_NONE;
	ASSERT_EQ(fsctp_sendq_push(&q, &mi, d.data(), 300, 0), 0);
	struct fsctp_sendq_tx tx = {};
	struct fsctp_sendq_chunk_out out[8];
	tx.max_frag = 100;
	tx.room = 8 * 120;
	tx.cwnd = 1 << 30;
	ASSERT_EQ(fsctp_sendq_next_packet(&q, &tx, out, 8), 6u);
	EXPECT_EQ(out[0].sid, 0);
	EXPECT_EQ(out[1].sid, 1);
	/* T3 expiry: stream 0's message may not be retransmitted (RTX 0). */
	fsctp_sendq_t3_expired(&q, 0);
	struct fsctp_sendq_fwd f;
	EXPECT_EQ(fsctp_sendq_next_packet(&q, &tx, out, 8), 3u);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(out[i].sid, 1);
	ASSERT_TRUE(fsctp_sendq_fwd_tsn(&q, 0, &f));
	EXPECT_EQ(f.new_cum_tsn, 1u); /* TSN 2 (stream 1) is not acked */
	ASSERT_EQ(f.n_ient, 1u);
	EXPECT_EQ(f.ient[0].sid, 0);
	EXPECT_FALSE(f.ient[0].unordered);
	EXPECT_EQ(f.ient[0].mid, 0u);
	EXPECT_EQ(fsctp_sendq_check(&q), 0);
	fsctp_sendq_fini(&q);
}

/* The fairness figure through the send queue with I-DATA: four streams
 * kept saturated with 3,000-byte messages, values 1, 2, 3, 4 (priority or
 * weight), 360 chunks of at most 100 bytes taken: each stream's share
 * of the bytes sent, printed per scheduler and checked loosely. */
TEST(SchedSendq, FairnessFigureWithIdata)
{
	const char *names[] = { "fcfs", "rr", "rr-pkt", "prio", "fc", "wfq" };
	for (unsigned k = FSCTP_SCHED_FCFS; k < FSCTP_SCHED_N; k++) {
		ISq s(true, k);
		std::vector<uint64_t> bytes(4);
		uint64_t tot = 0;
		for (uint16_t i = 0; i < 4; i++)
			ASSERT_EQ(fsctp_sched_set_value(&s.q.sched, i,
							(uint16_t)(i + 1)),
				  0);
		for (int r = 0; r < 20; r++)
			for (uint16_t i = 0; i < 4; i++)
				s.push(3000, i);
		/* 90 packets: within Max.Burst (100) without a SACK. */
		for (int taken = 0; taken < 360;) {
			struct fsctp_sendq_tx tx = {};
			struct fsctp_sendq_chunk_out out[8];
			tx.max_frag = 100;
			tx.room = 4 * (100 + FSCTP_IDATA_HDR_LEN);
			tx.cwnd = 1 << 30;
			uint32_t n = fsctp_sendq_next_packet(&s.q, &tx, out, 8);
			ASSERT_GT(n, 0u);
			for (uint32_t j = 0; j < n; j++) {
				bytes[out[j].sid] += out[j].len;
				tot += out[j].len;
			}
			taken += (int)n;
		}
		std::vector<double> v;
		for (auto b : bytes)
			v.push_back((double)b / (double)tot);
		printf("[ sched    ] sendq %-6s shares: %.3f %.3f %.3f %.3f\n",
		       names[k], v[0], v[1], v[2], v[3]);
		switch (k) {
		case FSCTP_SCHED_FCFS: /* arrival order: 0,1,2,3,0,... whole */
		case FSCTP_SCHED_RR:
		case FSCTP_SCHED_RR_PKT:
		case FSCTP_SCHED_FC:
			for (int i = 0; i < 4; i++)
				EXPECT_NEAR(v[i], 0.25, 0.02) << names[k];
			break;
		case FSCTP_SCHED_PRIO:
			EXPECT_DOUBLE_EQ(v[0], 1.0);
			break;
		case FSCTP_SCHED_WFQ:
			for (int i = 0; i < 4; i++)
				EXPECT_NEAR(v[i], (i + 1) / 10.0, 0.02);
			break;
		}
	}
}
