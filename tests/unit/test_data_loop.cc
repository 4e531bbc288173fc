/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-memory data path loop: a sender (send queue + congestion control) and
 * a receiver (TSN map + reassembly) exchange chunk payloads and SACK chunks
 * over a scripted lossy, reordering link on a fake clock. Every message must
 * arrive exactly once, byte-identical, with its sid and ppid, in order
 * within each ordered stream.
 */
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <vector>

#include "fsctp_cc.h"
#include "fsctp_chunk.h"
#include "fsctp_reasm.h"
#include "fsctp_sendq.h"
#include "fsctp_serial.h"
#include "fsctp_tsnmap.h"

namespace
{

const uint32_t MTU = 1500;
const uint32_t ROOM = MTU - 20 - 12;		     /* IPv4 + common header */
const uint32_t MAX_FRAG = ROOM - FSCTP_DATA_HDR_LEN; /* 1452 */
const fsctp_time_t MS = 1000;

struct Scenario {
	uint16_t n_streams;
	uint32_t n_msgs;
	uint32_t initial_tsn;
	double loss;	    /* per packet, both directions */
	double unordered;   /* fraction of unordered messages */
	uint32_t small_max; /* most messages: 1..small_max bytes */
	uint32_t big_every; /* every Nth message is large (0: none) */
	bool stall;	    /* the receiving application stalls */
	uint32_t rwnd;	    /* the receiver's window */
	uint32_t seed;
};

struct Msg {
	uint16_t sid;
	bool unordered;
	uint32_t len;
};

uint8_t
pattern(uint32_t idx, uint32_t i)
{
	return (uint8_t)(idx * 31u + i * 7u + (i >> 8));
}

struct DataChunk {
	struct fsctp_reasm_chunk c;
	std::vector<uint8_t> bytes;
};

struct Loop {
	Scenario sc;
	std::mt19937 rng;
	std::vector<Msg> msgs;
	fsctp_time_t now = 0;

	/* Sender. */
	struct fsctp_sendq sq;
	struct fsctp_cc_path cc;
	const struct fsctp_cc_ops *ops = &fsctp_cc_rfc9260;
	uint32_t next_push = 0;
	fsctp_time_t t3 = 0; /* 0: not running */
	fsctp_time_t rto = 60 * MS;

	/* Receiver. */
	struct fsctp_tsnmap map;
	struct fsctp_reasm ra;
	struct fsctp_reasm_global glob;
	fsctp_time_t sack_timer = 0;
	uint64_t app_held = 0; /* delivered, not yet freed */
	std::vector<uint32_t> seen;
	std::vector<int64_t> last_ordered_idx; /* per stream */
	uint32_t n_delivered = 0;
	bool saw_zero_window = false;
	int errors = 0;

	/* The link: arrival time -> packet. */
	std::multimap<fsctp_time_t, std::vector<DataChunk>> to_rx;
	std::multimap<fsctp_time_t, std::vector<uint8_t>> to_tx;
	uint64_t n_pkts = 0, n_lost = 0, ticks = 0;

	explicit Loop(const Scenario &s) : sc(s), rng(s.seed)
	{
		std::uniform_int_distribution<uint32_t> small(1, sc.small_max);
		std::uniform_real_distribution<double> u(0, 1);

		for (uint32_t i = 0; i < sc.n_msgs; i++) {
			Msg m;

			m.sid = (uint16_t)(rng() % sc.n_streams);
			m.unordered = u(rng) < sc.unordered;
			m.len = small(rng);
			if (sc.big_every && i % sc.big_every == 0)
				m.len = 1 + rng() % (256 * 1024);
			if (sc.big_every && i % (sc.big_every * 4) == 1)
				m.len = 256 * 1024; /* the maximum */
			if (i == 2)
				m.len = 1; /* the minimum */
			msgs.push_back(m);
		}
		struct fsctp_sendq_config qc = {};
		qc.sndbuf = 1 << 20;
		qc.n_out_streams = sc.n_streams;
		qc.initial_tsn = sc.initial_tsn;
		qc.peer_rwnd = sc.rwnd;
		qc.max_burst = 4;
		qc.nodelay = false;
		EXPECT_EQ(fsctp_sendq_init(&sq, &qc), 0);
		ops->init(&cc, MTU);

		struct fsctp_tsnmap_config mc = {};
		mc.initial_tsn = sc.initial_tsn;
		mc.sack_freq = 2;
		mc.sack_delay = 20 * MS;
		EXPECT_EQ(fsctp_tsnmap_init(&map, &mc), 0);
		glob.limit = 8 << 20;
		glob.held = 0;
		glob.n_limit_hit = 0;
		struct fsctp_reasm_config rc = {};
		rc.n_in_streams = sc.n_streams;
		rc.rwnd = sc.rwnd;
		rc.deliver = on_msg;
		rc.ctx = this;
		EXPECT_EQ(fsctp_reasm_init(&ra, &rc, &glob), 0);
		seen.assign(sc.n_msgs, 0);
		last_ordered_idx.assign(sc.n_streams, -1);
	}

	~Loop()
	{
		fsctp_sendq_fini(&sq);
		fsctp_reasm_fini(&ra);
		fsctp_tsnmap_fini(&map);
	}

	static void on_msg(void *ctx, const struct fsctp_reasm_msg *m)
	{
		Loop *l = static_cast<Loop *>(ctx);
		uint32_t idx = m->ppid;
		bool ok = idx < l->sc.n_msgs;

		if (ok) {
			const Msg &want = l->msgs[idx];

			ok = want.len == m->len && want.sid == m->sid &&
			     want.unordered == m->unordered;
			for (uint32_t i = 0; ok && i < m->len; i++)
				ok = m->data[i] == pattern(idx, i);
			if (ok && !m->unordered) {
				ok = (int64_t)idx > l->last_ordered_idx[m->sid];
				l->last_ordered_idx[m->sid] = idx;
			}
			if (ok)
				l->seen[idx]++;
		}
		if (!ok && l->errors++ < 5)
			ADD_FAILURE() << "bad message ppid " << idx;
		l->n_delivered++;
		l->app_held += m->len;
		free(m->data);
	}

	bool lose()
	{
		std::uniform_real_distribution<double> u(0, 1);

		n_pkts++;
		if (u(rng) < sc.loss) {
			n_lost++;
			return true;
		}
		return false;
	}

	fsctp_time_t delay()
	{
		/* 5 ms plus up to 4 ms of jitter: packets reorder. */
		return 5 * MS + rng() % (4 * MS);
	}

	std::vector<uint8_t> d; /* payload of msgs[next_push] */

	void app_push()
	{
		while (next_push < sc.n_msgs) {
			const Msg &m = msgs[next_push];
			struct fsctp_sendq_msginfo in = {};

			if (d.size() != m.len) {
				d.resize(m.len);
				for (uint32_t i = 0; i < m.len; i++)
					d[i] = pattern(next_push, i);
			}
			in.sid = m.sid;
			in.ppid = next_push;
			in.unordered = m.unordered;
			int rc = fsctp_sendq_push(&sq, &in, d.data(), m.len,
						  now);
			if (rc == -EAGAIN)
				return;
			ASSERT_EQ(rc, 0);
			next_push++;
			d.clear();
		}
	}

	void transmit()
	{
		for (;;) {
			struct fsctp_sendq_tx tx = {};
			struct fsctp_sendq_chunk_out out[128];
			std::vector<DataChunk> pkt;

			tx.path = 0;
			tx.room = ROOM;
			tx.max_frag = MAX_FRAG;
			tx.cwnd = cc.cwnd;
			tx.now = now;
			uint32_t n =
				fsctp_sendq_next_packet(&sq, &tx, out, 128);
			if (n == 0)
				break;
			cc.flight_size = fsctp_sendq_path_flight(&sq, 0);
			if (t3 == 0)
				t3 = now + rto; /* RFC 9260 6.3.2 R1 */
			for (uint32_t i = 0; i < n; i++) {
				DataChunk dc;

				dc.bytes.assign(out[i].data,
						out[i].data + out[i].len);
				dc.c.tsn = out[i].tsn;
				dc.c.sid = out[i].sid;
				dc.c.ssn = out[i].ssn;
				dc.c.ppid = out[i].ppid;
				dc.c.flags = out[i].flags;
				dc.c.len = out[i].len;
				pkt.push_back(dc);
			}
			/* Scripted loss: the first transmission of every
			 * packet starting at a TSN = 0 mod 53. */
			bool scripted = !out[0].rtx && out[0].tsn % 53 == 0;
			if (!lose() && !scripted)
				to_rx.emplace(now + delay(), std::move(pkt));
		}
	}

	void send_sack()
	{
		uint8_t buf[ROOM];
		struct fsctp_wbuf w;
		uint32_t a_rwnd = fsctp_reasm_rwnd(&ra);

		fsctp_wbuf_init(&w, buf, sizeof(buf));
		ASSERT_EQ(fsctp_tsnmap_write_sack(&map, &w, a_rwnd, ROOM), 0);
		sack_timer = 0;
		if (a_rwnd == 0)
			saw_zero_window = true;
		/* SACKs take a fixed delay: they do not reorder, so a gap
		 * block never seems to be reneged. */
		if (!lose())
			to_tx.emplace(now + 6 * MS,
				      std::vector<uint8_t>(buf, buf + w.len));
	}

	void rx_packet(std::vector<DataChunk> &pkt)
	{
		bool i_bit = false;
		fsctp_time_t dl = 0;

		for (auto &dc : pkt) {
			dc.c.data = dc.bytes.data();
			if (dc.c.flags & FSCTP_DATA_FLAG_I)
				i_bit = true;
			if (fsctp_tsnmap_check(&map, dc.c.tsn) != FSCTP_TSN_NEW)
				continue;
			bool beyond = fsctp_sn32_gt(dc.c.tsn,
						    fsctp_tsnmap_highest(&map));
			enum fsctp_reasm_result r =
				fsctp_reasm_add(&ra, &dc.c, beyond);
			if (r == FSCTP_REASM_OK) {
				ASSERT_EQ(fsctp_tsnmap_mark(&map, dc.c.tsn), 0);
			} else {
				ASSERT_EQ(r, FSCTP_REASM_DROPPED);
				fsctp_tsnmap_dropped(&map);
			}
		}
		switch (fsctp_tsnmap_packet_done(&map, i_bit, now, &dl)) {
		case FSCTP_SACK_NOW:
			send_sack();
			break;
		case FSCTP_SACK_DELAYED:
			if (sack_timer == 0)
				sack_timer = dl;
			break;
		case FSCTP_SACK_NONE:
			break;
		}
	}

	void rx_sack(const std::vector<uint8_t> &b)
	{
		/* Decode the SACK chunk with the chunk codec (RFC 9260
		 * 3.3.4) and hand its raw gap blocks to the send queue. */
		struct fsctp_tlv_iter it;
		struct fsctp_tlv tlv;
		struct fsctp_sack_info si;

		fsctp_tlv_iter_init(&it, b.data(), b.size(), FSCTP_TLV_CHUNK);
		ASSERT_EQ(fsctp_tlv_next(&it, &tlv), 1);
		ASSERT_EQ(tlv.type, FSCTP_CHUNK_SACK);
		ASSERT_EQ(fsctp_decode_sack(&tlv, &si), 0);
		struct fsctp_sendq_sack_in in = {};
		struct fsctp_sendq_sack_out out;
		in.cum_tsn = si.cum_tsn_ack;
		in.a_rwnd = si.a_rwnd;
		in.gaps_be = si.gaps;
		in.n_gaps = si.n_gap_blocks;
		enum fsctp_sack_verdict v =
			fsctp_sendq_sack(&sq, &in, now, &out);
		ASSERT_NE(v, FSCTP_SACK_VIOLATION);
		if (v == FSCTP_SACK_STALE)
			return;
		cc.flight_size = fsctp_sendq_path_flight(&sq, 0);
		if (out.fast_rtx_paths & 1)
			ops->on_fast_retransmit(&cc);
		struct fsctp_cc_ack a = {};
		a.bytes_acked = out.bytes_acked[0];
		a.flight_before = out.flight_before[0];
		a.cum_advanced = out.cum_advanced;
		a.in_fast_recovery = out.in_fast_recovery;
		ops->on_ack(&cc, &a);
		if (out.cum_advanced)
			rto = 60 * MS;
		if (out.t3_stop_paths & 1)
			t3 = 0;
		else if (out.t3_restart_paths & 1)
			t3 = now + rto;
	}

	bool stalled() const
	{
		/* The application stops reading for 1 s, twice. */
		return sc.stall && ((now >= 300 * MS && now < 1300 * MS) ||
				    (now >= 2000 * MS && now < 3000 * MS));
	}

	void app_free()
	{
		if (stalled() || app_held == 0)
			return;
		fsctp_reasm_credit(&ra, (uint32_t)app_held);
		app_held = 0;
		uint32_t rw = fsctp_reasm_rwnd(&ra);
		uint32_t thr = MTU < sc.rwnd / 2 ? MTU : sc.rwnd / 2;
		/* RFC 9260 6.2: window update SACK after a closed window. */
		if (fsctp_tsnmap_window_update(&map, rw, thr))
			send_sack();
	}

	bool done() const
	{
		return n_delivered == sc.n_msgs && fsctp_sendq_is_dry(&sq);
	}

	void run()
	{
		const fsctp_time_t limit = 600ull * 1000 * MS;

		while (!done() && now < limit && errors == 0) {
			app_push();
			if (::testing::Test::HasFatalFailure())
				return;
			transmit();
			now += MS / 2;
			while (!to_rx.empty() && to_rx.begin()->first <= now) {
				auto pkt = std::move(to_rx.begin()->second);
				to_rx.erase(to_rx.begin());
				rx_packet(pkt);
			}
			while (!to_tx.empty() && to_tx.begin()->first <= now) {
				auto b = std::move(to_tx.begin()->second);
				to_tx.erase(to_tx.begin());
				rx_sack(b);
			}
			if (::testing::Test::HasFatalFailure())
				return;
			if (sack_timer != 0 && now >= sack_timer)
				send_sack();
			if (t3 != 0 && now >= t3) {
				/* RFC 9260 6.3.3 E1-E3. */
				ops->on_t3_timeout(&cc);
				fsctp_sendq_t3_expired(&sq, 0);
				cc.flight_size =
					fsctp_sendq_path_flight(&sq, 0);
				rto = rto * 2 > 2000 * MS ? 2000 * MS : rto * 2;
				t3 = now + rto;
			}
			app_free();
			if (++ticks % 16 == 0) {
				ASSERT_EQ(fsctp_sendq_check(&sq), 0) << now;
			}
		}
	}

	void check()
	{
		if (getenv("LOOP_DEBUG"))
			printf("t=%llu ms pkts=%llu lost=%llu fast=%llu "
			       "t3=%llu "
			       "renege=%llu stale=%llu nagle=%llu rwnd=%llu "
			       "cwnd=%u drops=%llu/%llu dups=%llu rtx=%llu\n",
			       (unsigned long long)(now / MS),
			       (unsigned long long)n_pkts,
			       (unsigned long long)n_lost,
			       (unsigned long long)sq.stats.n_fast_rtx,
			       (unsigned long long)sq.stats.n_t3_marked,
			       (unsigned long long)sq.stats.n_renege,
			       (unsigned long long)sq.stats.n_sack_stale,
			       (unsigned long long)sq.stats.n_nagle_hold,
			       (unsigned long long)sq.stats.n_rwnd_limited,
			       cc.cwnd,
			       (unsigned long long)ra.stats.n_drop_zero_window,
			       (unsigned long long)ra.stats.n_drop_assoc_limit,
			       (unsigned long long)map.stats.n_dup,
			       (unsigned long long)sq.stats.n_rtx_sent);
		EXPECT_TRUE(done())
			<< "delivered " << n_delivered << "/" << sc.n_msgs
			<< " at t=" << now / MS << " ms";
		uint32_t missing = 0, dup = 0;
		for (uint32_t i = 0; i < sc.n_msgs; i++) {
			missing += seen[i] == 0;
			dup += seen[i] > 1;
		}
		EXPECT_EQ(missing, 0u);
		EXPECT_EQ(dup, 0u);
		EXPECT_EQ(errors, 0);
		EXPECT_EQ(fsctp_reasm_held(&ra), 0u);
		/* The TSN space really was crossed from the initial TSN. */
		EXPECT_GT(sq.ack_point - sc.initial_tsn, 0u);
		EXPECT_EQ(fsctp_tsnmap_cum_tsn(&map), sq.ack_point);
		EXPECT_EQ(sq.stats.n_renege, 0u);
		EXPECT_EQ(sq.stats.n_sack_violation, 0u);
	}
};

} // namespace

TEST(DataLoop, OneStreamBigAndSmallAcrossTsnWrapWithStall)
{
	Scenario s = { 1,    400, 0xFFFFFF00u, 0.01,	   0.3,
		       3000, 10,  true,	       300 * 1024, 1 };
	Loop l(s);

	l.run();
	l.check();
	EXPECT_TRUE(l.saw_zero_window);
	EXPECT_GT(l.n_lost, 0u);
	EXPECT_GT(l.sq.stats.n_fast_rtx + l.sq.stats.n_t3_marked, 0u);
	/* The run crossed TSN 0. */
	EXPECT_TRUE(fsctp_sn32_gt(l.sq.ack_point, 0u));
}

TEST(DataLoop, SixtyFourStreamsMixed)
{
	Scenario s = { 64,   3000, 0xFFFFFF00u, 0.02,	    0.5,
		       2000, 97,   false,	512 * 1024, 2 };
	Loop l(s);

	l.run();
	l.check();
	EXPECT_GT(l.sq.stats.n_fast_rtx, 0u);
}

TEST(DataLoop, SsnWrapOneStream)
{
	/* More than 65536 ordered messages on one stream: the SSN wraps. */
	Scenario s = { 1, 0x10000 + 64, 0xFFFFFF00u, 0.01, 0.0, 24,
		       0, false,	65536,	     3 };
	Loop l(s);

	l.run();
	l.check();
	EXPECT_EQ(l.ra.next_ssn[0], 64u); /* 0x10040 mod 2^16 */
}
