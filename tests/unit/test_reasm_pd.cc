/* SPDX-License-Identifier: BSD-3-Clause */
/* Partial delivery of DATA messages (RFC 9260 6.9, RFC 6458 8.1.21), the
 * fragment interleave levels (RFC 6458 8.1.20) and the aborted report
 * (RFC 6458 6.1.7). */
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <cstdlib>
#include <string>
#include <vector>

#include "fsctp_reasm.h"
#include "fsctp_wire.h"

namespace
{

struct PGot {
	uint16_t sid, ssn;
	uint32_t ppid, tsn;
	bool unordered, more;
	std::string data;
};

struct PAbort {
	uint16_t sid;
	bool unordered;
	uint32_t ssn, ppid;
};

struct PRx {
	struct fsctp_reasm r;
	struct fsctp_reasm_global g = {};
	std::vector<PGot> got;
	std::vector<PAbort> aborted;
	bool credit_at_once = true;

	static void cb(void *ctx, const struct fsctp_reasm_msg *m)
	{
		PRx *self = static_cast<PRx *>(ctx);

		self->got.push_back(
			{ m->sid, m->ssn, m->ppid, m->tsn, m->unordered,
			  m->more,
			  std::string((const char *)m->data, m->len) });
		free(m->data);
		if (self->credit_at_once)
			fsctp_reasm_credit(&self->r, m->len);
	}

	static void abort_cb(void *ctx, uint16_t sid, bool u, uint32_t mid,
			     uint32_t ppid)
	{
		static_cast<PRx *>(ctx)->aborted.push_back(
			{ sid, u, mid, ppid });
	}

	PRx(uint32_t pd_point, uint8_t level, uint32_t rwnd = 1 << 20,
	    uint32_t limit = 0)
	{
		struct fsctp_reasm_config c = {};

		g.limit = 1ull << 30;
		c.n_in_streams = 4;
		c.rwnd = rwnd;
		c.limit = limit;
		c.hash_key = 0x0123456789abcdefull;
		c.deliver = cb;
		c.pd_aborted = abort_cb;
		c.ctx = this;
		c.pd_point = pd_point;
		c.frag_interleave = level;
		EXPECT_EQ(fsctp_reasm_init(&r, &c, &g), 0);
	}
	~PRx()
	{
		fsctp_reasm_fini(&r);
		EXPECT_EQ(g.held, 0u);
	}

	enum fsctp_reasm_result add(uint32_t tsn, uint16_t sid, uint16_t ssn,
				    uint8_t flags, const std::string &d,
				    uint32_t ppid = 7, bool beyond = true)
	{
		struct fsctp_reasm_chunk c = {};

		c.tsn = tsn;
		c.sid = sid;
		c.ssn = ssn;
		c.ppid = ppid;
		c.flags = flags;
		c.data = (const uint8_t *)d.data();
		c.len = (uint32_t)d.size();
		return fsctp_reasm_add(&r, &c, beyond);
	}

	std::string datas() const
	{
		std::string s;

		for (const PGot &x : got)
			s += x.data + (x.more ? "+" : "") + "|";
		return s;
	}
};

const uint8_t B = FSCTP_DATA_FLAG_B;
const uint8_t E = FSCTP_DATA_FLAG_E;
const uint8_t U = FSCTP_DATA_FLAG_U;
const uint8_t BE = B | E;

} // namespace

/* RFC 9260 6.9, RFC 6458 8.1.21: a 1 MiB message through an 8 KiB window,
 * fragments out of order by one: pieces of at least the point, in order,
 * the last one marked; reassembly never holds much more than the point. */
TEST(ReasmPd, LargeMessageInPiecesWithBoundedMemory)
{
	const uint32_t frag = 1000, n = 1049, point = 4096;
	/* The limit: the window plus a few descriptors. */
	PRx rx(point, 1, 8192, 8192 + 16 * fsctp_reasm_chunk_overhead);
	std::string want;
	uint64_t most = 0;

	for (uint32_t f = 0; f < n; f++)
		want += std::string(frag, (char)('A' + f % 26));
	for (uint32_t f = 0; f < n; f++) {
		uint32_t k = (f ^ 1) < n ? f ^ 1 : f;
		uint8_t fl = (k == 0 ? B : 0) | (k == n - 1 ? E : 0);

		ASSERT_EQ(rx.add(100 + k, 1, 0, fl, want.substr(k * frag, frag),
				 33),
			  FSCTP_REASM_OK)
			<< f;
		most = std::max<uint64_t>(most, fsctp_reasm_held_mem(&rx.r));
	}
	ASSERT_GT(rx.got.size(), 100u);
	std::string joined;
	for (size_t i = 0; i < rx.got.size(); i++) {
		EXPECT_EQ(rx.got[i].more, i + 1 < rx.got.size());
		EXPECT_EQ(rx.got[i].sid, 1);
		EXPECT_EQ(rx.got[i].ppid, 33u);
		EXPECT_EQ(rx.got[i].tsn, 100u);
		if (i + 1 < rx.got.size()) {
			EXPECT_GE(rx.got[i].data.size(), point);
		}
		joined += rx.got[i].data;
	}
	EXPECT_TRUE(joined == want);
	EXPECT_LE(most, point + 2 * frag + 8 * fsctp_reasm_chunk_overhead);
	EXPECT_EQ(rx.r.stats.n_pd_started, 1u);
	EXPECT_EQ(rx.r.stats.n_pd_pieces, rx.got.size() - 1);
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&rx.r), 0u);
	EXPECT_EQ(rx.r.pd_busy, 0u);
	EXPECT_TRUE(rx.aborted.empty());
	/* The stream goes on with SSN 1. */
	ASSERT_EQ(rx.add(100 + n, 1, 1, BE, "next"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.back().data, "next");
}

/* Below the point nothing is delivered; without a point (0) the message
 * goes whole. */
TEST(ReasmPd, BelowThePointOrWithoutOneWholeMessages)
{
	PRx a(10, 1), b(0, 1);

	for (PRx *x : { &a, &b }) {
		ASSERT_EQ(x->add(1, 0, 0, B, "012345678"), FSCTP_REASM_OK);
		EXPECT_TRUE(x->got.empty());
	}
	ASSERT_EQ(b.add(2, 0, 0, 0, "9abcdef"), FSCTP_REASM_OK);
	EXPECT_TRUE(b.got.empty());
	ASSERT_EQ(b.add(3, 0, 0, E, "g"), FSCTP_REASM_OK);
	EXPECT_EQ(b.datas(), "0123456789abcdefg|");
	ASSERT_EQ(a.add(2, 0, 0, 0, "9"), FSCTP_REASM_OK);
	EXPECT_EQ(a.datas(), "0123456789+|");
	/* The rest below the point waits, the end goes at once. */
	ASSERT_EQ(a.add(3, 0, 0, 0, "ab"), FSCTP_REASM_OK);
	EXPECT_EQ(a.got.size(), 1u);
	ASSERT_EQ(a.add(4, 0, 0, E, "c"), FSCTP_REASM_OK);
	EXPECT_EQ(a.datas(), "0123456789+|abc|");
	EXPECT_EQ(a.r.stats.n_pd_started, 1u);
}

/* An ordered message goes in pieces only when it is next on its stream
 * (RFC 9260 6.5); once the one before it is delivered it starts. */
TEST(ReasmPd, OrderedOnlyAtTheHeadOfItsStream)
{
	PRx rx(10, 1);

	ASSERT_EQ(rx.add(2, 0, 1, B, "0123456789ab"), FSCTP_REASM_OK);
	EXPECT_TRUE(rx.got.empty());
	ASSERT_EQ(rx.add(1, 0, 0, BE, "zero"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "zero|0123456789ab+|");
	ASSERT_EQ(rx.add(3, 0, 1, E, "cd"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "zero|0123456789ab+|cd|");
	EXPECT_EQ(rx.got[2].ssn, 1);
	EXPECT_EQ(rx.got[2].tsn, 2u);
	/* What was delivered is no longer held: a fragment with the TSN of
	 * a piece cannot come back as new, and SSN 1 is past. */
	EXPECT_EQ(rx.add(4, 0, 1, BE, "old"), FSCTP_REASM_BAD);
}

/* RFC 6458 8.1.20 levels 0 and 1: while a message is partly delivered,
 * nothing else of the association is delivered (held, in the window);
 * when it ends, the held messages go in arrival order, then each stream
 * in SSN order, then a message that may start partial delivery itself. */
class ReasmPdLevel : public ::testing::TestWithParam<int>
{
};

TEST_P(ReasmPdLevel, NoInterleavingWithinTheAssociation)
{
	PRx rx(10, (uint8_t)GetParam());

	ASSERT_EQ(rx.add(1, 1, 0, B, "0123456789ab", 11), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "0123456789ab+|");
	ASSERT_EQ(rx.add(10, 2, 0, BE | U, "u"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(11, 3, 0, BE, "o"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(12, 1, 0, BE | U, "v"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(13, 1, 1, BE, "n"), FSCTP_REASM_OK);
	/* Another big message that could start a partial delivery. */
	ASSERT_EQ(rx.add(14, 0, 0, B, "ABCDEFGHIJKL"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.size(), 1u);
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 4u + 12u);
	EXPECT_EQ(fsctp_reasm_rwnd(&rx.r), (1u << 20) - 16u);
	ASSERT_EQ(rx.add(2, 1, 0, 0, "cd"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.size(), 1u); /* below the point */
	ASSERT_EQ(rx.add(3, 1, 0, E, "ef"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "0123456789ab+|cdef|u|v|n|o|ABCDEFGHIJKL+|");
	/* The new partial delivery holds stream 3 until it ends. */
	ASSERT_EQ(rx.add(16, 3, 1, BE, "p"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.size(), 7u);
	ASSERT_EQ(rx.add(15, 0, 0, E, "M"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "0123456789ab+|cdef|u|v|n|o|ABCDEFGHIJKL+|M|p|");
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	EXPECT_EQ(rx.r.stats.n_pd_started, 2u);
}

INSTANTIATE_TEST_SUITE_P(Levels0And1, ReasmPdLevel, ::testing::Values(0, 1));

/* Level 2: other streams' messages, and unordered ones, are delivered
 * between the pieces; the next ordered message of the same stream still
 * waits for its SSN (RFC 9260 6.5). */
TEST(ReasmPd, Level2InterleavesOtherMessages)
{
	PRx rx(10, 2);

	ASSERT_EQ(rx.add(1, 1, 0, B, "0123456789ab"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(10, 2, 0, BE | U, "u"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(11, 3, 0, BE, "o"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(13, 1, 1, BE, "n"), FSCTP_REASM_OK);
	/* A second partial delivery at the same time, on stream 0. */
	ASSERT_EQ(rx.add(14, 0, 0, B, "ABCDEFGHIJKL"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "0123456789ab+|u|o|ABCDEFGHIJKL+|");
	EXPECT_EQ(rx.r.pd_busy, 2u);
	ASSERT_EQ(rx.add(2, 1, 0, E, "cd"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "0123456789ab+|u|o|ABCDEFGHIJKL+|cd|n|");
	ASSERT_EQ(rx.add(15, 0, 0, E, "M"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.back().data, "M");
	EXPECT_FALSE(rx.got.back().more);
	EXPECT_EQ(rx.r.pd_busy, 0u);
}

/* RFC 3758 3.6 with RFC 6458 6.1.7: a FORWARD TSN that skips the rest of a
 * message partly delivered reports it aborted, once; what it held back is
 * then delivered and the stream goes on past the skipped SSN. */
TEST(ReasmPd, ForwardTsnAbortsAndReleases)
{
	PRx rx(4, 1);

	ASSERT_EQ(rx.add(1, 0, 0, B, "abcdef", 70), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(2, 0, 0, 0, "gh", 70), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(9, 1, 0, BE | U, "held"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(10, 0, 1, BE, "after"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "abcdef+|");
	/* TSNs 3..8 abandoned by the sender. */
	fsctp_reasm_forward(&rx.r, 8);
	ASSERT_EQ(rx.aborted.size(), 1u);
	EXPECT_EQ(rx.aborted[0].sid, 0);
	EXPECT_FALSE(rx.aborted[0].unordered);
	EXPECT_EQ(rx.aborted[0].ssn, 0u);
	EXPECT_EQ(rx.aborted[0].ppid, 70u);
	EXPECT_EQ(rx.r.stats.n_pd_aborted, 1u);
	EXPECT_EQ(rx.datas(), "abcdef+|held|");
	EXPECT_EQ(fsctp_reasm_skip(&rx.r, 0, 0), 0);
	EXPECT_EQ(rx.datas(), "abcdef+|held|after|");
	EXPECT_EQ(rx.r.pd_busy, 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&rx.r), 0u);
	/* A FORWARD TSN below the partly delivered message leaves it. */
	ASSERT_EQ(rx.add(20, 2, 0, B | U, "ABCDEFG", 71), FSCTP_REASM_OK);
	fsctp_reasm_forward(&rx.r, 19);
	EXPECT_EQ(rx.aborted.size(), 1u);
	ASSERT_EQ(rx.add(21, 2, 0, E | U, "H", 71), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "abcdef+|held|after|ABCDEFG+|H|");
}

/* RFC 6525 5.2.2 / 5.2.4 with RFC 6458 6.1.7: a reset of the stream ends
 * its partial delivery as aborted; the end of the association reports
 * the ones still under way. */
TEST(ReasmPd, ResetAndEndReportAborted)
{
	PRx rx(4, 2);
	uint16_t sid = 1;

	ASSERT_EQ(rx.add(1, 1, 0, B, "abcdef", 5), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(10, 2, 0, B | U, "ghijkl", 6), FSCTP_REASM_OK);
	EXPECT_EQ(rx.r.pd_busy, 2u);
	EXPECT_EQ(fsctp_reasm_reset_ssn(&rx.r, &sid, 1), 0);
	ASSERT_EQ(rx.aborted.size(), 1u);
	EXPECT_EQ(rx.aborted[0].sid, 1);
	EXPECT_EQ(rx.r.pd_busy, 1u);
	fsctp_reasm_pd_abort_all(&rx.r);
	ASSERT_EQ(rx.aborted.size(), 2u);
	EXPECT_EQ(rx.aborted[1].sid, 2);
	EXPECT_TRUE(rx.aborted[1].unordered);
	EXPECT_EQ(rx.aborted[1].ppid, 6u);
}

/* Memory: a peer that sends middle fragments of a message partly
 * delivered for ever, to an application that takes nothing, meets the
 * window (RFC 9260 6.2): the pieces delivered count in it until credited,
 * new TSNs are then dropped, and reassembly holds little. */
TEST(ReasmPd, EndlessMiddleFragmentsMeetTheWindow)
{
	const uint32_t rwnd = 64 * 1024, frag = 1200;
	PRx rx(4096, 1, rwnd);
	std::string d(frag, 'x');
	uint32_t tsn = 1, ok = 0, dropped = 0;

	rx.credit_at_once = false;
	ASSERT_EQ(rx.add(tsn++, 0, 0, B, d), FSCTP_REASM_OK);
	for (int i = 0; i < 10000; i++) {
		enum fsctp_reasm_result res = rx.add(tsn, 0, 0, 0, d);

		if (res == FSCTP_REASM_OK) {
			ok++;
			tsn++;
		} else {
			ASSERT_EQ(res, FSCTP_REASM_DROPPED);
			dropped++;
		}
		ASSERT_LE(fsctp_reasm_held_mem(&rx.r),
			  4096 + 4 * (frag + fsctp_reasm_chunk_overhead));
	}
	EXPECT_GT(rx.r.stats.n_pd_pieces, 5u);
	EXPECT_GT(dropped, 9000u);
	EXPECT_LE((uint64_t)(ok + 1) * frag, (uint64_t)rwnd + frag);
	EXPECT_EQ(fsctp_reasm_rwnd(&rx.r), 0u);
	/* The application takes what it got: the window opens again. */
	uint32_t got = 0;
	for (const PGot &x : rx.got)
		got += (uint32_t)x.data.size();
	fsctp_reasm_credit(&rx.r, got);
	EXPECT_GT(fsctp_reasm_rwnd(&rx.r), 0u);
	EXPECT_EQ(rx.add(tsn, 0, 0, 0, d), FSCTP_REASM_OK);
}

/* The memory limit counts what is really held, a partial delivery's
 * descriptor included: fragments past it are dropped, not held. */
TEST(ReasmPd, LimitStillApplies)
{
	const uint32_t frag = 1000;
	/* The point above the limit: the message cannot even start. */
	PRx rx(8000, 1, 1 << 20, 4 * (frag + fsctp_reasm_chunk_overhead));
	std::string d(frag, 'y');

	ASSERT_EQ(rx.add(1, 0, 0, B, d), FSCTP_REASM_OK);
	for (uint32_t t = 2; t <= 4; t++)
		ASSERT_EQ(rx.add(t, 0, 0, 0, d), FSCTP_REASM_OK);
	EXPECT_EQ(rx.add(5, 0, 0, 0, d), FSCTP_REASM_DROPPED);
	EXPECT_EQ(rx.r.stats.n_drop_assoc_limit, 1u);
	EXPECT_LE(fsctp_reasm_held_mem(&rx.r),
		  4 * (frag + fsctp_reasm_chunk_overhead));
	EXPECT_TRUE(rx.got.empty());
}

/* RFC 3758 3.6 at level 1: complete ordered messages a FORWARD TSN skips
 * to while another stream's message is partly delivered are held too,
 * and go (in SSN order, before the rest of their stream) when it ends. */
TEST(ReasmPd, ForwardTsnSkipHoldsCompleteMessagesAtLevel1)
{
	PRx rx(10, 1);

	ASSERT_EQ(rx.add(1, 2, 0, B, "x"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(3, 2, 1, BE, "one"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(4, 2, 2, BE, "two"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(5, 1, 0, B, "ABCDEFGHIJ"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "ABCDEFGHIJ+|");
	/* SSNs 0 and 1 of stream 2 abandoned (TSNs up to 3). */
	fsctp_reasm_forward(&rx.r, 3);
	EXPECT_EQ(fsctp_reasm_skip(&rx.r, 2, 1), 0);
	EXPECT_EQ(rx.datas(), "ABCDEFGHIJ+|");
	EXPECT_TRUE(rx.aborted.empty());
	ASSERT_EQ(rx.add(6, 1, 0, E, "K"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.datas(), "ABCDEFGHIJ+|K|one|two|");
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&rx.r), 0u);
}

/* Many messages on four streams, ordered and unordered, fragments in a
 * random order, at each level and several points: every message arrives
 * whole once (its pieces joined), ordered ones in SSN order per stream, at
 * levels 0 and 1 nothing comes between the pieces of a message, and
 * nothing is held at the end. */
TEST(ReasmPd, RandomArrivalKeepsTheGuarantees)
{
	std::mt19937 rng(4242);

	for (uint8_t level : { 0, 1, 2 }) {
		for (uint32_t point : { 1u, 7u, 30u }) {
			for (int round = 0; round < 20; round++) {
				PRx rx(point, level);
				struct Frag {
					uint32_t tsn;
					uint16_t sid, ssn;
					uint8_t fl;
					std::string d;
				};
				struct Msg {
					uint16_t sid, ssn;
					bool u;
					std::string d;
				};
				std::vector<Frag> frags;
				std::map<uint32_t, Msg> msgs; /* by 1st TSN */
				uint16_t ssn[4] = { 0, 0, 0, 0 };
				uint32_t tsn = 1000;
				for (int k = 0; k < 40; k++) {
					Msg m;
					m.sid = (uint16_t)(rng() % 4);
					m.u = rng() % 3 == 0;
					m.ssn = m.u ? 0 : ssn[m.sid]++;
					size_t len = 1 + rng() % 60;
					for (size_t i = 0; i < len; i++)
						m.d += (char)('a' + rng() % 26);
					msgs[tsn] = m;
					for (size_t off = 0; off < len;) {
						size_t n = 1 + rng() % 8;
						n = std::min(n, len - off);
						uint8_t fl =
							(off == 0 ? B : 0) |
							(off + n == len ? E
									: 0) |
							(m.u ? U : 0);
						frags.push_back(
							{ tsn++, m.sid, m.ssn,
							  fl,
							  m.d.substr(off, n) });
						off += n;
					}
				}
				std::shuffle(frags.begin(), frags.end(), rng);
				for (const Frag &f : frags)
					ASSERT_EQ(rx.add(f.tsn, f.sid, f.ssn,
							 f.fl, f.d, 7, false),
						  FSCTP_REASM_OK);
				std::map<uint32_t, std::string> acc;
				std::map<uint32_t, bool> done;
				int last_ssn[4] = { -1, -1, -1, -1 };
				bool in_pd = false;
				uint32_t pd_tsn = 0;
				for (const PGot &g : rx.got) {
					ASSERT_TRUE(msgs.count(g.tsn)) << g.tsn;
					const Msg &m = msgs[g.tsn];
					ASSERT_FALSE(done[g.tsn]);
					if (level < 2 && in_pd) {
						ASSERT_EQ(g.tsn, pd_tsn)
							<< "interleaved";
					}
					if (!m.u && acc[g.tsn].empty()) {
						/* RFC 9260 6.5: next SSN. */
						ASSERT_EQ(last_ssn[m.sid] + 1,
							  (int)m.ssn);
					}
					acc[g.tsn] += g.data;
					in_pd = g.more;
					pd_tsn = g.tsn;
					if (!g.more) {
						done[g.tsn] = true;
						ASSERT_EQ(acc[g.tsn], m.d);
						if (!m.u)
							last_ssn[m.sid] = m.ssn;
					}
				}
				EXPECT_EQ(done.size(), msgs.size());
				EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
				EXPECT_EQ(fsctp_reasm_held_mem(&rx.r), 0u);
				EXPECT_EQ(rx.r.pd_busy, 0u);
			}
		}
	}
}
