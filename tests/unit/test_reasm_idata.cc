/* SPDX-License-Identifier: BSD-3-Clause */
/* I-DATA reassembly by (stream, U, MID) and FSN (RFC 8260 2.1, 2.3.2). */
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "fsctp_reasm.h"
#include "fsctp_wire.h"

namespace
{

struct IGot {
	uint16_t sid;
	uint32_t mid, ppid, tsn;
	bool unordered;
	std::string data;
	bool more;
};

struct IAbort {
	uint16_t sid;
	bool unordered;
	uint32_t mid, ppid;
};

struct IRx {
	struct fsctp_reasm r;
	struct fsctp_reasm_global g = {};
	std::vector<IGot> got;
	std::vector<IAbort> aborted;

	static void abort_cb(void *ctx, uint16_t sid, bool u, uint32_t mid,
			     uint32_t ppid)
	{
		static_cast<IRx *>(ctx)->aborted.push_back(
			{ sid, u, mid, ppid });
	}

	static void cb(void *ctx, const struct fsctp_reasm_msg *m)
	{
		IRx *self = static_cast<IRx *>(ctx);

		self->got.push_back(
			{ m->sid, m->mid, m->ppid, m->tsn, m->unordered,
			  std::string((const char *)m->data, m->len),
			  m->more });
		free(m->data);
		fsctp_reasm_credit(&self->r, m->len);
	}

	explicit IRx(uint16_t streams = 4, uint32_t rwnd = 1 << 20,
		     uint32_t max_chunks = 0, uint32_t pd_point = 0)
	{
		struct fsctp_reasm_config c = {};

		c.pd_point = pd_point;
		/* Level 2: messages interleave (ReasmIdataPdLevel: 0, 1). */
		c.frag_interleave = 2;
		c.pd_aborted = abort_cb;
		g.limit = 1ull << 30;
		c.n_in_streams = streams;
		c.rwnd = rwnd;
		c.max_chunks = max_chunks;
		c.hash_key = 0x1234567887654321ull;
		c.deliver = cb;
		c.ctx = this;
		EXPECT_EQ(fsctp_reasm_init(&r, &c, &g), 0);
	}
	~IRx()
	{
		fsctp_reasm_fini(&r);
		EXPECT_EQ(g.held, 0u);
	}

	enum fsctp_reasm_result add(uint32_t tsn, uint16_t sid, uint32_t mid,
				    uint32_t fsn, uint8_t flags,
				    const std::string &d, uint32_t ppid = 7)
	{
		struct fsctp_reasm_ichunk c = {};

		c.tsn = tsn;
		c.sid = sid;
		c.mid = mid;
		c.fsn = fsn;
		c.ppid = ppid;
		c.flags = flags;
		c.data = (const uint8_t *)d.data();
		c.len = (uint32_t)d.size();
		return fsctp_reasm_iadd(&r, &c, true);
	}
};

const uint8_t B = FSCTP_DATA_FLAG_B;
const uint8_t E = FSCTP_DATA_FLAG_E;
const uint8_t U = FSCTP_DATA_FLAG_U;

/* One fragment to feed: a message cut in pieces of 3 bytes. */
struct Frag {
	uint16_t sid;
	uint32_t mid, fsn;
	uint8_t flags;
	std::string d;
	uint32_t ppid;
};

std::vector<Frag>
cut(uint16_t sid, uint32_t mid, bool unordered, const std::string &msg,
    uint32_t ppid)
{
	std::vector<Frag> v;
	uint32_t fsn = 0;

	for (size_t off = 0; off < msg.size(); off += 3, fsn++) {
		uint8_t f = unordered ? U : 0;

		if (off == 0)
			f |= B;
		if (off + 3 >= msg.size())
			f |= E;
		v.push_back({ sid, mid, fsn, f, msg.substr(off, 3), ppid });
	}
	return v;
}

} // namespace

/* RFC 8260 2.1: fragments of several unordered messages of one stream, and
 * of ordered messages of other streams, arrive interleaved and shuffled;
 * each message comes out once, whole, with the PPID of its B fragment. */
TEST(ReasmIdata, InterleavedShuffledFragmentsJoinPerMessage)
{
	IRx rx;
	std::vector<Frag> all;
	std::vector<std::string> msgs;

	for (uint32_t i = 0; i < 6; i++) {
		std::string m;
		for (uint32_t k = 0; k < 10 + 7 * i; k++)
			m += (char)('a' + (i * 7 + k) % 26);
		msgs.push_back(m);
		/* Three unordered messages on stream 1, three ordered ones
		 * on streams 2 and 3. */
		auto f = i < 3 ? cut(1, i, true, m, 100 + i)
			       : cut((uint16_t)(2 + i % 2), (i - 3) / 2, false,
				     m, 100 + i);
		all.insert(all.end(), f.begin(), f.end());
	}
	std::mt19937 rng(7);
	std::shuffle(all.begin(), all.end(), rng);
	uint32_t tsn = 1000;
	for (auto &f : all)
		ASSERT_EQ(rx.add(tsn++, f.sid, f.mid, f.fsn, f.flags, f.d,
				 f.fsn == 0 ? f.ppid : 0),
			  FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 6u);
	for (auto &g : rx.got) {
		uint32_t i = g.ppid - 100;
		ASSERT_LT(i, 6u);
		EXPECT_EQ(g.data, msgs[i]);
		EXPECT_EQ(g.unordered, i < 3);
	}
	/* Ordered streams: MID order per stream. */
	std::vector<uint32_t> s2, s3;
	for (auto &g : rx.got) {
		if (g.sid == 2)
			s2.push_back(g.mid);
		if (g.sid == 3)
			s3.push_back(g.mid);
	}
	EXPECT_EQ(s2, (std::vector<uint32_t>{ 0 }));
	EXPECT_EQ(s3, (std::vector<uint32_t>{ 0, 1 }));
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&rx.r), 0u);
	EXPECT_EQ(fsctp_reasm_rwnd(&rx.r), 1u << 20);
}

/* RFC 8260 2.1: a complete ordered message waits for its MID. */
TEST(ReasmIdata, OrderedWaitsForItsMid)
{
	IRx rx;

	ASSERT_EQ(rx.add(10, 0, 1, 0, B | E, "second"), FSCTP_REASM_OK);
	EXPECT_TRUE(rx.got.empty());
	EXPECT_GT(fsctp_reasm_held(&rx.r), 0u);
	ASSERT_EQ(rx.add(11, 0, 0, 0, B, "fi"), FSCTP_REASM_OK);
	EXPECT_TRUE(rx.got.empty());
	ASSERT_EQ(rx.add(12, 0, 0, 1, E, "rst"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 2u);
	EXPECT_EQ(rx.got[0].data, "first");
	EXPECT_EQ(rx.got[1].data, "second");
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	/* MID 0 again: behind the stream. */
	EXPECT_EQ(rx.add(13, 0, 0, 0, B | E, "x"), FSCTP_REASM_BAD);
}

/* Malformed fragment sequences are refused, not delivered. */
TEST(ReasmIdata, DuplicateAndOutOfRangeFsnsAreBad)
{
	IRx rx(2, 1 << 20, 64);

	ASSERT_EQ(rx.add(1, 0, 5, 0, U | B, "ab"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.add(2, 0, 5, 0, U | B, "ab"), FSCTP_REASM_BAD);
	ASSERT_EQ(rx.add(3, 0, 5, 3, U | E, "ef"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.add(4, 0, 5, 4, U, "gh"), FSCTP_REASM_BAD); /* past E */
	EXPECT_EQ(rx.add(5, 0, 5, 2, U | E, "gh"), FSCTP_REASM_BAD); /* 2nd E */
	EXPECT_EQ(rx.add(6, 0, 6, 64, U, "gh"), FSCTP_REASM_BAD);    /* > max */
	EXPECT_EQ(rx.add(7, 9, 6, 0, U | B, "gh"), FSCTP_REASM_INVALID_STREAM);
	EXPECT_EQ(rx.add(8, 0, 6, 0, U | B, ""), FSCTP_REASM_NO_USER_DATA);
	EXPECT_TRUE(rx.got.empty());
	ASSERT_EQ(rx.add(9, 0, 5, 1, U, "cd"), FSCTP_REASM_OK);
	EXPECT_TRUE(rx.got.empty());
	ASSERT_EQ(rx.add(10, 0, 5, 2, U, "xy"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 1u);
	EXPECT_EQ(rx.got[0].data, "abcdxyef");
	/* FSN 0 without B (only the B fragment has FSN 0). */
	EXPECT_EQ(rx.add(11, 0, 9, 0, U, "zz"), FSCTP_REASM_BAD);
	EXPECT_EQ(rx.r.stats.n_bad, 5u);
}

/* The window holds for I-DATA too (RFC 9260 6.2): with the window full a
 * chunk above the highest TSN is dropped (not acknowledged), and what was
 * held is given back when the message is given up. */
TEST(ReasmIdata, LimitsDropAndAccountingBalances)
{
	IRx rx(1, 4000);

	std::string k(1000, 'k');
	uint32_t fsn = 0;
	enum fsctp_reasm_result res = FSCTP_REASM_OK;
	while (res == FSCTP_REASM_OK && fsn < 100) {
		res = rx.add(100 + fsn, 0, 0, fsn, fsn == 0 ? B : 0, k);
		fsn++;
	}
	EXPECT_EQ(res, FSCTP_REASM_DROPPED);
	EXPECT_GE(fsn, 4u);
	EXPECT_EQ(rx.r.stats.n_drop_zero_window, 1u);
	EXPECT_EQ(fsctp_reasm_rwnd(&rx.r), 0u);
	/* An I-FORWARD-TSN gives the ordered message up: all freed. */
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 0, false, 0), (int)(fsn - 1));
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&rx.r), 0u);
	EXPECT_EQ(rx.g.held, 0u);
	EXPECT_EQ(fsctp_reasm_rwnd(&rx.r), 4000u);
}

/* RFC 8260 2.3.2: an ordered entry drops the partial messages up to its
 * MID, delivers the complete ones waiting up to it, then what follows;
 * an unordered entry drops exactly the message it names. */
TEST(ReasmIdata, IForwardTsnSkipsOrderedAndUnordered)
{
	IRx rx;

	ASSERT_EQ(rx.add(1, 0, 0, 0, B, "lost-"), FSCTP_REASM_OK);   /* part */
	ASSERT_EQ(rx.add(2, 0, 1, 0, B | E, "one"), FSCTP_REASM_OK); /* wait */
	ASSERT_EQ(rx.add(3, 0, 2, 0, B, "two-"), FSCTP_REASM_OK);    /* part */
	ASSERT_EQ(rx.add(4, 0, 3, 0, B | E, "three"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(5, 1, 7, 0, U | B, "u7-"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(6, 1, 8, 0, U | B, "u8-"), FSCTP_REASM_OK);
	EXPECT_TRUE(rx.got.empty());
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 0, false, 2), 2);
	ASSERT_EQ(rx.got.size(), 2u);
	EXPECT_EQ(rx.got[0].data, "one");
	EXPECT_EQ(rx.got[1].data, "three");
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 1, true, 7), 1);
	ASSERT_EQ(rx.add(7, 1, 8, 1, U | E, "end"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 3u);
	EXPECT_EQ(rx.got[2].data, "u8-end");
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	/* An old ordered MID skipped again changes nothing. */
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 0, false, 1), 0);
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 9, false, 1), -EINVAL);
	ASSERT_EQ(rx.add(8, 0, 4, 0, B | E, "four"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.back().data, "four");
}

/* O(1) per chunk: the work done for many messages in progress at once
 * grows linearly with the chunks (hash probes counted). */
TEST(ReasmIdata, WorkIsLinearInChunks)
{
	IRx rx(1, 1u << 30, 1u << 16);
	const uint32_t n = 4000;
	std::string d(8, 'x');

	for (uint32_t m = 0; m < n; m++)
		ASSERT_EQ(rx.add(m, 0, m, 0, U | B, d), FSCTP_REASM_OK);
	for (uint32_t m = 0; m < n; m++)
		ASSERT_EQ(rx.add(n + m, 0, m, 1, U | E, d), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.size(), n);
	EXPECT_LT(rx.r.stats.n_steps, 8u * 2 * n);
}

/* RFC 6458 8.1.21: with a partial delivery point, a message under way that
 * may be delivered now goes in pieces of at least that many contiguous
 * bytes, in order; the reassembly memory never holds much more than the
 * point, whatever the message's size; the last piece ends it. */
TEST(ReasmIdataPd, LargeMessageInPiecesWithBoundedMemory)
{
	/* A window of 8 KiB and a 1 MiB message: only pieces can pass. */
	IRx rx(2, 8192, 0, 4096);
	const uint32_t frag = 1000, n = 1049;
	std::string want;
	uint64_t most = 0;

	for (uint32_t f = 0; f < n; f++) {
		std::string d(frag, (char)('A' + f % 26));
		want += d;
		uint8_t fl = (f == 0 ? B : 0) | (f == n - 1 ? E : 0);
		/* Pairs of fragments swap places: out of order by one. */
		uint32_t fsn = f ^ 1;
		if (fsn >= n)
			fsn = f;
		std::string dd(frag, (char)('A' + fsn % 26));
		fl = (fsn == 0 ? B : 0) | (fsn == n - 1 ? E : 0);
		ASSERT_EQ(rx.add(10 + f, 1, 0, fsn, fl, dd, 33), FSCTP_REASM_OK)
			<< f;
		most = std::max<uint64_t>(most, fsctp_reasm_held(&rx.r));
	}
	ASSERT_GT(rx.got.size(), 100u);
	std::string joined;
	for (size_t i = 0; i < rx.got.size(); i++) {
		EXPECT_EQ(rx.got[i].more, i + 1 < rx.got.size());
		EXPECT_EQ(rx.got[i].sid, 1);
		EXPECT_EQ(rx.got[i].ppid, 33u);
		if (i + 1 < rx.got.size()) {
			EXPECT_GE(rx.got[i].data.size(), 4096u);
		}
		joined += rx.got[i].data;
	}
	EXPECT_EQ(joined, want);
	EXPECT_LE(most, 4096u + 2 * frag);
	EXPECT_EQ(rx.r.stats.n_pd_started, 1u);
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
	EXPECT_TRUE(rx.aborted.empty());
}

/* An ordered message is delivered in pieces only when it is next on its
 * stream; one behind it waits whole until then. */
TEST(ReasmIdataPd, OrderedOnlyAtTheHeadOfItsStream)
{
	IRx rx(2, 1 << 20, 0, 10);

	ASSERT_EQ(rx.add(1, 0, 1, 0, B, "0123456789ab"), FSCTP_REASM_OK);
	EXPECT_TRUE(rx.got.empty()); /* MID 1 is not next */
	ASSERT_EQ(rx.add(2, 0, 0, 0, B | E, "zero"), FSCTP_REASM_OK);
	/* MID 0 delivered; MID 1 is now the head: its piece goes. */
	ASSERT_EQ(rx.got.size(), 2u);
	EXPECT_EQ(rx.got[0].data, "zero");
	EXPECT_EQ(rx.got[1].data, "0123456789ab");
	EXPECT_TRUE(rx.got[1].more);
	ASSERT_EQ(rx.add(3, 0, 1, 1, E, "cd"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 3u);
	EXPECT_EQ(rx.got[2].data, "cd");
	EXPECT_FALSE(rx.got[2].more);
	/* A fragment of what was delivered already is refused. */
	EXPECT_EQ(rx.add(4, 0, 2, 0, B, "0123456789ab"), FSCTP_REASM_OK);
	EXPECT_EQ(rx.add(5, 0, 2, 0, B, "0123456789ab"), FSCTP_REASM_BAD);
}

/* RFC 6458 6.1.7: a partial delivery cut short by an I-FORWARD-TSN, or by
 * the end of the association, is reported once. */
TEST(ReasmIdataPd, AbortedPartialDeliveryIsReported)
{
	IRx rx(3, 1 << 20, 0, 4);

	ASSERT_EQ(rx.add(1, 2, 7, 0, U | B, "abcdef", 70), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(2, 1, 0, 0, B, "ghijkl", 71), FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 2u);
	ASSERT_EQ(rx.add(3, 0, 0, 0, B, "mn", 72), FSCTP_REASM_OK);
	EXPECT_EQ(rx.got.size(), 2u); /* below the point: not started */
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 2, true, 7), 0);
	ASSERT_EQ(rx.aborted.size(), 1u);
	EXPECT_EQ(rx.aborted[0].sid, 2);
	EXPECT_TRUE(rx.aborted[0].unordered);
	EXPECT_EQ(rx.aborted[0].mid, 7u);
	EXPECT_EQ(rx.aborted[0].ppid, 70u);
	fsctp_reasm_pd_abort_all(&rx.r);
	ASSERT_EQ(rx.aborted.size(), 2u); /* stream 1 only: 0 never began */
	EXPECT_EQ(rx.aborted[1].sid, 1);
	EXPECT_EQ(rx.r.stats.n_pd_aborted, 2u);
}

/* RFC 6458 8.1.20 levels 0 and 1 on I-DATA: while a message is partly
 * delivered nothing else of the association is delivered; when its last
 * piece goes, its stream goes on, then the held unordered messages, the
 * other streams and a message that may start partial delivery itself. */
TEST(ReasmIdataPdLevel, Level1HoldsOtherMessagesUntilTheEnd)
{
	for (uint8_t level : { 0, 1 }) {
		IRx rx(4, 1 << 20, 0, 4);

		rx.r.cfg.frag_interleave = level;
		ASSERT_EQ(rx.add(1, 1, 0, 0, B, "abcdef"), FSCTP_REASM_OK);
		ASSERT_EQ(rx.add(2, 2, 7, 0, U | B | E, "u"), FSCTP_REASM_OK);
		ASSERT_EQ(rx.add(3, 3, 0, 0, B | E, "o"), FSCTP_REASM_OK);
		ASSERT_EQ(rx.add(4, 0, 0, 0, U | B, "ghijkl"), FSCTP_REASM_OK);
		ASSERT_EQ(rx.add(5, 1, 1, 0, B | E, "n"), FSCTP_REASM_OK);
		ASSERT_EQ(rx.got.size(), 1u);
		EXPECT_EQ(fsctp_reasm_held(&rx.r), 1u + 1u + 6u + 1u);
		ASSERT_EQ(rx.add(6, 1, 0, 1, E, "xy"), FSCTP_REASM_OK);
		std::string s;
		for (auto &g : rx.got)
			s += g.data + (g.more ? "+|" : "|");
		EXPECT_EQ(s, "abcdef+|xy|n|u|o|ghijkl+|") << (int)level;
		EXPECT_EQ(rx.r.pd_busy, 1u);
		/* The new one holds stream 3 in turn. */
		ASSERT_EQ(rx.add(7, 3, 1, 0, B | E, "p"), FSCTP_REASM_OK);
		EXPECT_EQ(rx.got.size(), 6u);
		ASSERT_EQ(rx.add(8, 0, 0, 1, U | E, "m"), FSCTP_REASM_OK);
		ASSERT_EQ(rx.got.size(), 8u);
		EXPECT_EQ(rx.got[6].data, "m");
		EXPECT_EQ(rx.got[7].data, "p");
		EXPECT_EQ(rx.r.pd_busy, 0u);
	}
}

/* RFC 8260 2.3.2 with RFC 6458 6.1.7 at level 1: an I-FORWARD-TSN that
 * gives up the message partly delivered reports it and releases what it
 * held back. */
TEST(ReasmIdataPdLevel, IForwardTsnAbortReleasesHeldMessages)
{
	IRx rx(4, 1 << 20, 0, 4);

	rx.r.cfg.frag_interleave = 1;
	ASSERT_EQ(rx.add(1, 1, 0, 0, B, "abcdef", 9), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(2, 2, 7, 0, U | B | E, "u"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 1u);
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 1, false, 0), 0);
	ASSERT_EQ(rx.aborted.size(), 1u);
	EXPECT_EQ(rx.aborted[0].sid, 1);
	EXPECT_EQ(rx.aborted[0].ppid, 9u);
	ASSERT_EQ(rx.got.size(), 2u);
	EXPECT_EQ(rx.got[1].data, "u");
	EXPECT_EQ(rx.r.pd_busy, 0u);
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
}

/* RFC 8260 2.3.2 at level 1: complete ordered messages an I-FORWARD-TSN
 * skips to while another stream's message is partly delivered are held
 * too, and go in MID order when it ends. */
TEST(ReasmIdataPdLevel, IForwardTsnSkipHoldsCompleteMessagesAtLevel1)
{
	IRx rx(4, 1 << 20, 0, 4);

	rx.r.cfg.frag_interleave = 1;
	ASSERT_EQ(rx.add(1, 1, 0, 0, B, "abcdef"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(2, 2, 0, 0, B, "x"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(3, 2, 1, 0, B | E, "one"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.add(4, 2, 2, 0, B | E, "two"), FSCTP_REASM_OK);
	ASSERT_EQ(rx.got.size(), 1u);
	/* MID 0 of stream 2 given up: MID 1 is complete, skipped to. */
	EXPECT_EQ(fsctp_reasm_iskip(&rx.r, 2, false, 1), 1);
	ASSERT_EQ(rx.got.size(), 1u);
	ASSERT_EQ(rx.add(5, 1, 0, 1, E, "gh"), FSCTP_REASM_OK);
	std::string s;
	for (auto &g : rx.got)
		s += g.data + (g.more ? "+|" : "|");
	EXPECT_EQ(s, "abcdef+|gh|one|two|");
	EXPECT_FALSE(rx.got[2].unordered);
	EXPECT_EQ(rx.got[2].mid, 1u);
	EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
}

/* Many messages on four streams, ordered and unordered, fragments in a
 * random order, at each fragment interleave level: every message arrives
 * whole once, ordered ones in MID order per stream, at levels 0 and 1
 * nothing comes between the pieces of a message (RFC 6458 8.1.20). */
TEST(ReasmIdataPdLevel, RandomArrivalKeepsTheGuarantees)
{
	std::mt19937 rng(777);

	for (uint8_t level : { 0, 1, 2 }) {
		for (uint32_t point : { 1u, 9u }) {
			for (int round = 0; round < 20; round++) {
				IRx rx(4, 1 << 20, 0, point);
				rx.r.cfg.frag_interleave = level;
				struct F {
					uint16_t sid;
					uint32_t mid, fsn;
					uint8_t fl;
					std::string d;
				};
				std::vector<F> frags;
				std::map<std::tuple<uint16_t, bool, uint32_t>,
					 std::string>
					msgs;
				uint32_t mid[4][2] = {};
				for (int k = 0; k < 40; k++) {
					uint16_t sid = (uint16_t)(rng() % 4);
					bool u = rng() % 3 == 0;
					uint32_t id = mid[sid][u]++;
					std::string d;
					size_t len = 1 + rng() % 60;
					for (size_t i = 0; i < len; i++)
						d += (char)('a' + rng() % 26);
					msgs[{ sid, u, id }] = d;
					uint32_t fsn = 0;
					for (size_t off = 0; off < len; fsn++) {
						size_t n = std::min<size_t>(
							1 + rng() % 8,
							len - off);
						uint8_t fl =
							(off == 0 ? B : 0) |
							(off + n == len ? E
									: 0) |
							(u ? U : 0);
						frags.push_back(
							{ sid, id, fsn, fl,
							  d.substr(off, n) });
						off += n;
					}
				}
				std::shuffle(frags.begin(), frags.end(), rng);
				uint32_t tsn = 1;
				for (const F &f : frags)
					ASSERT_EQ(rx.add(tsn++, f.sid, f.mid,
							 f.fsn, f.fl, f.d),
						  FSCTP_REASM_OK);
				std::map<std::tuple<uint16_t, bool, uint32_t>,
					 std::string>
					acc;
				std::set<std::tuple<uint16_t, bool, uint32_t>>
					done;
				int64_t last[4] = { -1, -1, -1, -1 };
				bool in_pd = false;
				std::tuple<uint16_t, bool, uint32_t> pd_key;
				for (const IGot &g : rx.got) {
					auto key = std::make_tuple(
						g.sid, g.unordered, g.mid);
					ASSERT_TRUE(msgs.count(key));
					ASSERT_FALSE(done.count(key));
					if (level < 2 && in_pd) {
						ASSERT_TRUE(key == pd_key)
							<< "interleaved";
					}
					if (!g.unordered && acc[key].empty()) {
						ASSERT_EQ(last[g.sid] + 1,
							  (int64_t)g.mid);
					}
					acc[key] += g.data;
					in_pd = g.more;
					pd_key = key;
					if (!g.more) {
						done.insert(key);
						ASSERT_EQ(acc[key], msgs[key]);
						if (!g.unordered)
							last[g.sid] = g.mid;
					}
				}
				EXPECT_EQ(done.size(), msgs.size());
				EXPECT_EQ(fsctp_reasm_held(&rx.r), 0u);
				EXPECT_EQ(rx.r.pd_busy, 0u);
			}
		}
	}
}
