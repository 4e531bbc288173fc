/* SPDX-License-Identifier: BSD-3-Clause */
/* Inbound streams: ordering, reassembly, memory policy (RFC 9260 6.5, 6.6,
 * 6.9, 6.2). */
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "fsctp_reasm.h"
#include "fsctp_wire.h"

namespace
{

struct Got {
	uint16_t sid, ssn;
	uint32_t ppid, tsn;
	bool unordered;
	std::string data;
};

struct Rx {
	struct fsctp_reasm r;
	std::vector<Got> got;
	bool credit_at_once = false;

	static void cb(void *ctx, const struct fsctp_reasm_msg *m)
	{
		Rx *self = static_cast<Rx *>(ctx);

		self->got.push_back(
			{ m->sid, m->ssn, m->ppid, m->tsn, m->unordered,
			  std::string((const char *)m->data, m->len) });
		free(m->data);
		if (self->credit_at_once)
			fsctp_reasm_credit(&self->r, m->len);
	}

	Rx(uint16_t streams, uint32_t rwnd, uint32_t limit = 0,
	   struct fsctp_reasm_global *g = nullptr, uint32_t max_chunks = 0)
	{
		struct fsctp_reasm_config c = {};

		c.n_in_streams = streams;
		c.rwnd = rwnd;
		c.limit = limit;
		c.max_chunks = max_chunks;
		c.deliver = cb;
		c.ctx = this;
		EXPECT_EQ(fsctp_reasm_init(&r, &c, g), 0);
	}
	~Rx()
	{
		fsctp_reasm_fini(&r);
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
};

const uint8_t BE = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E;
const uint8_t B = FSCTP_DATA_FLAG_B;
const uint8_t E = FSCTP_DATA_FLAG_E;
const uint8_t U = FSCTP_DATA_FLAG_U;

} // namespace

TEST(Reasm, InitRejects)
{
	struct fsctp_reasm r;
	struct fsctp_reasm_config c = {};

	c.rwnd = 1000;
	c.n_in_streams = 1;
	EXPECT_EQ(fsctp_reasm_init(&r, &c, nullptr), -EINVAL); /* no cb */
	c.deliver = Rx::cb;
	c.n_in_streams = 0;
	EXPECT_EQ(fsctp_reasm_init(&r, &c, nullptr), -EINVAL);
}

/* RFC 9260 6.5/6.6: ordered by SSN per stream; unordered at once. */
TEST(Reasm, OrderedAndUnordered)
{
	Rx x(4, 100000);

	EXPECT_EQ(x.add(1, 0, 2, BE, "c"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(2, 0, 1, BE, "b"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(3, 1, 0, BE, "x"), FSCTP_REASM_OK); /* other stream */
	EXPECT_EQ(x.add(4, 0, 0, BE | U, "u"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 2u);
	EXPECT_EQ(x.got[0].data, "x");
	EXPECT_EQ(x.got[1].data, "u");
	EXPECT_TRUE(x.got[1].unordered);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 2u);
	EXPECT_EQ(x.add(5, 0, 0, BE, "a"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 5u);
	EXPECT_EQ(x.got[2].data, "a");
	EXPECT_EQ(x.got[3].data, "b");
	EXPECT_EQ(x.got[4].data, "c");
	EXPECT_EQ(x.got[4].ssn, 2);
	EXPECT_EQ(x.got[4].tsn, 1u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 0u);
	/* An SSN behind the stream is refused. */
	EXPECT_EQ(x.add(6, 0, 1, BE, "old"), FSCTP_REASM_BAD);
}

/* RFC 9260 6.5 across the 16-bit SSN wrap: 0xFFF0 -> 0x0010. */
TEST(Reasm, SsnWrap)
{
	Rx x(1, 1 << 20);
	uint32_t tsn = 1;

	x.credit_at_once = true;
	for (uint32_t s = 0; s < 0xFFF0; s++)
		ASSERT_EQ(x.add(tsn++, 0, (uint16_t)s, BE, "z"),
			  FSCTP_REASM_OK);
	x.got.clear();
	/* Send 0xFFF0..0x0010 in reverse: all held until 0xFFF0 arrives. */
	for (uint32_t s = 0x10010; s >= 0xFFF1; s--)
		ASSERT_EQ(x.add(tsn++, 0, (uint16_t)s, BE,
				std::to_string(s & 0xFFFF)),
			  FSCTP_REASM_OK);
	EXPECT_EQ(x.got.size(), 0u);
	ASSERT_EQ(x.add(tsn++, 0, 0xFFF0, BE, std::to_string(0xFFF0)),
		  FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 0x21u);
	for (uint32_t k = 0; k < 0x21; k++) {
		EXPECT_EQ(x.got[k].ssn, (uint16_t)(0xFFF0 + k));
		EXPECT_EQ(x.got[k].data,
			  std::to_string((uint16_t)(0xFFF0 + k)));
	}
}

/* RFC 9260 6.9: fragments out of order, a duplicate, across TSN wrap. */
TEST(Reasm, FragmentsOutOfOrderAcrossWrap)
{
	Rx x(2, 100000);
	const uint32_t t0 = 0xFFFFFFFEu; /* TSNs FFFFFFFE .. 2 */

	EXPECT_EQ(x.add(t0 + 2, 1, 0, 0, "cc", 9), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(t0 + 0, 1, 0, B, "aa", 9), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(t0 + 4, 1, 0, E, "e", 9), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(t0 + 2, 1, 0, 0, "cc", 9), FSCTP_REASM_BAD); /* dup */
	EXPECT_EQ(x.add(t0 + 1, 1, 0, 0, "bbb", 9), FSCTP_REASM_OK);
	EXPECT_EQ(x.got.size(), 0u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 8u);
	EXPECT_EQ(x.add(t0 + 3, 1, 0, 0, "dd", 9), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 1u);
	EXPECT_EQ(x.got[0].data, "aabbbccdde");
	EXPECT_EQ(x.got[0].tsn, t0);
	EXPECT_EQ(x.got[0].ppid, 9u);
	EXPECT_EQ(x.got[0].sid, 1);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 0u);
	EXPECT_EQ(x.r.n_free, x.r.cfg.max_chunks);
}

/* A fragmented ordered message waits for its SSN; an unordered fragmented
 * one does not. */
TEST(Reasm, FragmentedOrderingAndUnordered)
{
	Rx x(1, 100000);

	EXPECT_EQ(x.add(10, 0, 1, B, "m1-"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(11, 0, 1, E, "end"), FSCTP_REASM_OK);
	EXPECT_EQ(x.got.size(), 0u); /* SSN 1 waits for SSN 0 */
	EXPECT_EQ(x.add(12, 0, 0, B | U, "u-"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(13, 0, 0, E | U, "x"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 1u);
	EXPECT_EQ(x.got[0].data, "u-x");
	EXPECT_EQ(x.add(14, 0, 0, BE, "m0"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 3u);
	EXPECT_EQ(x.got[1].data, "m0");
	EXPECT_EQ(x.got[2].data, "m1-end");
	/* Fragments with a TSN hole or different SSN never join. */
	EXPECT_EQ(x.add(20, 0, 2, B, "a"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(22, 0, 2, E, "c"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(23, 0, 3, B, "d"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(24, 0, 4, E, "e"), FSCTP_REASM_OK); /* SSN differs */
	EXPECT_EQ(x.got.size(), 3u);
	EXPECT_EQ(x.add(21, 0, 2, 0, "b"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 4u);
	EXPECT_EQ(x.got[3].data, "abc");
}

/* RFC 9260 6.5 / 3.3.10.1 and 6.2 / 3.3.10.9. */
TEST(Reasm, InvalidStreamAndNoUserData)
{
	Rx x(2, 1000);

	EXPECT_EQ(x.add(1, 2, 0, BE, "x"), FSCTP_REASM_INVALID_STREAM);
	EXPECT_EQ(x.add(1, 0, 0, BE, ""), FSCTP_REASM_NO_USER_DATA);
	EXPECT_EQ(x.r.stats.n_invalid_stream, 1u);
	EXPECT_EQ(x.got.size(), 0u);
}

/* RFC 9260 6.2: a_rwnd = rwnd - held - delivered but not freed. */
TEST(Reasm, WindowAccounting)
{
	Rx x(1, 1000);

	EXPECT_EQ(fsctp_reasm_rwnd(&x.r), 1000u);
	EXPECT_EQ(x.add(1, 0, 1, BE, std::string(100, 'a')), FSCTP_REASM_OK);
	EXPECT_EQ(fsctp_reasm_rwnd(&x.r), 900u); /* held, SSN 1 waits */
	EXPECT_EQ(x.add(2, 0, 0, BE, std::string(200, 'b')), FSCTP_REASM_OK);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 0u);
	EXPECT_EQ(fsctp_reasm_rwnd(&x.r), 700u); /* both delivered, not freed */
	fsctp_reasm_credit(&x.r, 200);
	EXPECT_EQ(fsctp_reasm_rwnd(&x.r), 900u); /* 100 still out */
	fsctp_reasm_credit(&x.r, 5000);		 /* clamps */
	EXPECT_EQ(fsctp_reasm_rwnd(&x.r), 1000u);
}

/* Memory policy, per association: the window shrinks first, then a chunk
 * whose real cost (payload plus the descriptor overhead) would pass the
 * limit is dropped (not to be acknowledged). */
TEST(Reasm, AssocLimitDrops)
{
	const uint32_t O = fsctp_reasm_chunk_overhead;
	Rx x(1, 1000, 1000 + 2 * O);

	EXPECT_EQ(x.add(1, 0, 0, B, std::string(600, 'a')), FSCTP_REASM_OK);
	EXPECT_EQ(fsctp_reasm_rwnd(&x.r), 400u);
	EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 600u + O);
	EXPECT_EQ(x.add(2, 0, 0, 0, std::string(401, 'b')),
		  FSCTP_REASM_DROPPED);
	EXPECT_EQ(x.r.stats.n_drop_assoc_limit, 1u);
	EXPECT_EQ(x.add(2, 0, 0, 0, std::string(400, 'b')), FSCTP_REASM_OK);
	EXPECT_EQ(fsctp_reasm_rwnd(&x.r), 0u);
	/* RFC 9260 6.2: window 0, TSN above the highest: dropped. */
	EXPECT_EQ(x.add(3, 0, 0, E, "c", 7, true), FSCTP_REASM_DROPPED);
	EXPECT_EQ(x.r.stats.n_drop_zero_window, 1u);
	/* Not above the highest (a retransmission filling a hole) but still
	 * over the limit: dropped by the limit. */
	EXPECT_EQ(x.add(3, 0, 0, E, "c", 7, false), FSCTP_REASM_DROPPED);
	EXPECT_EQ(x.r.stats.n_drop_assoc_limit, 2u);
	EXPECT_EQ(x.got.size(), 0u);
}

/* Memory policy across associations: the shared global limit counts real
 * memory (payload plus descriptor overhead per chunk). */
TEST(Reasm, GlobalLimitDrops)
{
	const uint32_t O = fsctp_reasm_chunk_overhead;
	struct fsctp_reasm_global g = {};

	g.limit = 1000 + 2 * O;
	{
		Rx a(1, 100000, 0, &g), b(1, 100000, 0, &g);

		EXPECT_EQ(a.add(1, 0, 0, B, std::string(700, 'a')),
			  FSCTP_REASM_OK);
		EXPECT_EQ(g.held, 700u + O);
		EXPECT_EQ(b.add(1, 0, 0, B, std::string(400, 'b')),
			  FSCTP_REASM_DROPPED);
		EXPECT_EQ(b.r.stats.n_drop_global_limit, 1u);
		EXPECT_EQ(g.n_limit_hit, 1u);
		EXPECT_EQ(b.add(1, 0, 0, B, std::string(300, 'b')),
			  FSCTP_REASM_OK);
		EXPECT_EQ(g.held, 1000u + 2 * O);
		EXPECT_EQ(a.add(2, 0, 0, E, "z"), FSCTP_REASM_DROPPED);
		/* b completes its message: the global room comes back. */
		EXPECT_EQ(b.add(2, 0, 0, E, ""), FSCTP_REASM_NO_USER_DATA);
		g.limit = 1001 + 3 * O;
		EXPECT_EQ(b.add(2, 0, 0, E, "!"), FSCTP_REASM_OK);
		ASSERT_EQ(b.got.size(), 1u);
		EXPECT_EQ(b.got[0].data.size(), 301u);
		EXPECT_EQ(g.held, 700u + O);
		EXPECT_EQ(a.add(2, 0, 0, E, "z"), FSCTP_REASM_OK);
		EXPECT_EQ(g.held, 0u);
		ASSERT_EQ(a.got.size(), 1u);
		/* Held memory goes back to the global count on fini. */
		EXPECT_EQ(a.add(3, 0, 1, B, "q"), FSCTP_REASM_OK);
		EXPECT_EQ(g.held, 1u + O);
	}
	EXPECT_EQ(g.held, 0u);
}

TEST(Reasm, DescriptorPoolBounded)
{
	Rx x(1, 100000, 0, nullptr, 2);

	EXPECT_EQ(x.add(1, 0, 0, B, "a"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(2, 0, 0, 0, "b"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(3, 0, 0, E, "c"), FSCTP_REASM_DROPPED);
	EXPECT_EQ(x.r.stats.n_drop_pool, 1u);
	EXPECT_EQ(x.add(4, 0, 5, BE, "q"), FSCTP_REASM_DROPPED);
	EXPECT_EQ(x.add(5, 0, 0, BE | U, "u"), FSCTP_REASM_OK); /* no queue */
	EXPECT_EQ(x.got.size(), 1u);
}

/* Descriptors given back are reused before the never-used ones, and the
 * bound counts both: a pool of 3 holds 3 fragments, whichever they are. */
TEST(Reasm, DescriptorPoolReusesAndStaysBounded)
{
	Rx x(1, 100000, 0, nullptr, 3);
	uint32_t t = 1;
	uint16_t ssn;

	EXPECT_EQ(x.add(t++, 0, 0, B, "a"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(t++, 0, 0, E, "b"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), 1u);
	EXPECT_EQ(x.got[0].data, "ab");
	EXPECT_EQ(x.r.n_free, 3u);
	for (ssn = 1; ssn < 5; ssn++) {
		std::string c(1, (char)('a' + ssn));

		EXPECT_EQ(x.add(t++, 0, ssn, B, c + "1"), FSCTP_REASM_OK);
		EXPECT_EQ(x.add(t++, 0, ssn, 0, c + "2"), FSCTP_REASM_OK);
		EXPECT_EQ(x.add(t++, 0, ssn, E, c + "3"), FSCTP_REASM_OK);
		ASSERT_EQ(x.got.size(), ssn + 1u);
		EXPECT_EQ(x.got[ssn].data, c + "1" + c + "2" + c + "3");
		EXPECT_EQ(x.r.n_free, 3u);
	}
	EXPECT_EQ(x.add(t++, 0, ssn, B, "x"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(t++, 0, ssn, 0, "y"), FSCTP_REASM_OK);
	EXPECT_EQ(x.add(t++, 0, ssn, 0, "z"), FSCTP_REASM_OK);
	EXPECT_EQ(x.r.n_free, 0u);
	EXPECT_EQ(x.add(t++, 0, ssn, E, "!"), FSCTP_REASM_DROPPED);
	EXPECT_EQ(x.r.stats.n_drop_pool, 1u);
	EXPECT_EQ(x.got.size(), 5u);
}

/* The pool grows as fragments are held, keeps their order and bytes while
 * it does, and stops at max_chunks. */
TEST(Reasm, DescriptorPoolGrowsToItsBound)
{
	Rx x(2, 1000000, 0, nullptr, 200);
	std::string want;
	uint32_t t;

	/* One message of 150 fragments, sent last to first. */
	for (t = 150; t >= 1; t--) {
		uint8_t f = t == 1 ? B : t == 150 ? E : 0;
		std::string d(1, (char)('0' + t % 64));

		EXPECT_EQ(x.add(t, 0, 0, f, d), FSCTP_REASM_OK);
	}
	for (t = 1; t <= 150; t++)
		want += (char)('0' + t % 64);
	ASSERT_EQ(x.got.size(), 1u);
	EXPECT_EQ(x.got[0].data, want);
	EXPECT_EQ(x.r.n_free, 200u);
	/* 200 fragments of a message never completed fill the pool. */
	for (t = 151; t <= 350; t++)
		EXPECT_EQ(x.add(t, 1, 0, t == 151 ? B : 0, "x"),
			  FSCTP_REASM_OK);
	EXPECT_EQ(x.r.n_free, 0u);
	EXPECT_EQ(x.add(351, 1, 0, 0, "y"), FSCTP_REASM_DROPPED);
	EXPECT_EQ(x.r.stats.n_drop_pool, 1u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 200u);
}

/* Reassembly cost: 4,000 one-byte fragments of one message arriving in a
 * shuffled order complete, and the work per fragment stays bounded by a
 * constant (hash probes and walk steps; a sorted list would take about
 * n / 2 steps per insertion, 8 million in all). */
TEST(ReasmCost, FourThousandShuffledFragments)
{
	const uint32_t n = 4000;
	Rx x(1, 1 << 20, 0, nullptr, 4096);
	std::vector<uint32_t> order(n);
	uint64_t rng = 7;

	for (uint32_t i = 0; i < n; i++)
		order[i] = i;
	for (uint32_t i = n - 1; i > 0; i--) {
		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		std::swap(order[i], order[(rng >> 33) % (i + 1)]);
	}
	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = order[k];
		uint8_t f = (i == 0 ? B : 0) | (i == n - 1 ? E : 0);
		std::string d(1, (char)('a' + i % 26));

		ASSERT_EQ(x.add(1000 + i, 0, 0, f, d), FSCTP_REASM_OK) << k;
		if (k + 1 < n) {
			ASSERT_TRUE(x.got.empty());
		}
	}
	ASSERT_EQ(x.got.size(), 1u);
	ASSERT_EQ(x.got[0].data.size(), n);
	for (uint32_t i = 0; i < n; i++)
		ASSERT_EQ(x.got[0].data[i], (char)('a' + i % 26)) << i;
	EXPECT_EQ(fsctp_reasm_held(&x.r), 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 0u);
	EXPECT_LT(x.r.stats.n_steps, 40ull * n) << x.r.stats.n_steps;
}

/* The same in reverse TSN order across the TSN wrap. */
TEST(ReasmCost, ReverseFragmentsAcrossTsnWrap)
{
	const uint32_t n = 4000;
	Rx x(1, 1 << 20, 0, nullptr, 4096);

	for (uint32_t k = 0; k < n; k++) {
		uint32_t i = n - 1 - k;
		uint8_t f = (i == 0 ? B : 0) | (i == n - 1 ? E : 0);

		ASSERT_EQ(x.add(0xfffff000u + i, 0, 0, f, "x"), FSCTP_REASM_OK);
	}
	ASSERT_EQ(x.got.size(), 1u);
	EXPECT_EQ(x.got[0].data.size(), n);
	EXPECT_LT(x.r.stats.n_steps, 40ull * n) << x.r.stats.n_steps;
}

/* 4,000 one-byte ordered messages in reverse SSN order wait, then the
 * first one releases them all in order: one lookup per message. */
TEST(ReasmCost, FourThousandOrderedMessagesReleasedInOrder)
{
	const uint32_t n = 4000;
	Rx x(1, 1 << 20, 0, nullptr, 4096);

	for (uint32_t k = 1; k < n; k++) {
		uint32_t i = n - k;
		ASSERT_EQ(x.add(i, 0, (uint16_t)i, BE, std::string(1, 'm')),
			  FSCTP_REASM_OK);
	}
	EXPECT_TRUE(x.got.empty());
	EXPECT_EQ(x.r.n_waiting[0], n - 1);
	ASSERT_EQ(x.add(0, 0, 0, BE, "m"), FSCTP_REASM_OK);
	ASSERT_EQ(x.got.size(), n);
	for (uint32_t i = 0; i < n; i++)
		ASSERT_EQ(x.got[i].ssn, (uint16_t)i);
	EXPECT_EQ(x.r.n_waiting[0], 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 0u);
	EXPECT_LT(x.r.stats.n_steps, 40ull * n) << x.r.stats.n_steps;
}

/* Real memory per held chunk: payload plus the descriptor overhead, for
 * fragments and for waiting messages alike; all of it comes back. */
TEST(ReasmCost, MemoryAccountingCountsDescriptors)
{
	const uint32_t O = fsctp_reasm_chunk_overhead;
	struct fsctp_reasm_global g = {};

	g.limit = 1 << 30;
	EXPECT_GE(O, 32u);
	{
		Rx x(2, 1 << 20, 0, &g);

		ASSERT_EQ(x.add(10, 0, 0, B, "ab"), FSCTP_REASM_OK);
		ASSERT_EQ(x.add(12, 0, 0, E, "e"), FSCTP_REASM_OK);
		EXPECT_EQ(fsctp_reasm_held(&x.r), 3u);
		EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 3u + 2 * O);
		EXPECT_EQ(g.held, 3u + 2 * O);
		ASSERT_EQ(x.add(20, 1, 5, BE, "wait"), FSCTP_REASM_OK);
		EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 7u + 3 * O);
		/* The fragments join into SSN 0 of stream 0: delivered. */
		ASSERT_EQ(x.add(11, 0, 0, 0, "cd"), FSCTP_REASM_OK);
		ASSERT_EQ(x.got.size(), 1u);
		EXPECT_EQ(x.got[0].data, "abcde");
		EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 4u + O);
		EXPECT_EQ(g.held, 4u + O);
		/* A limit in real memory: 1-byte chunks cost far more than a
		 * byte each. */
		Rx y(1, 1 << 20, 10 * (1 + O), &g);
		uint32_t ok = 0;
		for (uint32_t i = 0; i < 20; i++)
			ok += y.add(100 + 2 * i, 0, (uint16_t)(1 + i), BE,
				    "z") == FSCTP_REASM_OK;
		EXPECT_EQ(ok, 10u);
		EXPECT_EQ(y.r.stats.n_drop_assoc_limit, 10u);
		EXPECT_EQ(fsctp_reasm_held_mem(&y.r), 10u * (1 + O));
	}
	EXPECT_EQ(g.held, 0u);
}

/* A FORWARD TSN that cuts a run of fragments (a broken peer) leaves the
 * rest of the run consistent: it never completes without its B fragment,
 * and a later FORWARD TSN frees it. */
TEST(ReasmCost, ForwardCutsARunConsistently)
{
	Rx x(1, 1 << 20);

	ASSERT_EQ(x.add(10, 0, 0, B, "a"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(11, 0, 0, 0, "b"), FSCTP_REASM_OK);
	ASSERT_EQ(x.add(12, 0, 0, 0, "c"), FSCTP_REASM_OK);
	EXPECT_EQ(fsctp_reasm_forward(&x.r, 11), 2u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 1u);
	ASSERT_EQ(x.add(13, 0, 0, E, "d"), FSCTP_REASM_OK);
	EXPECT_TRUE(x.got.empty());
	EXPECT_EQ(fsctp_reasm_held(&x.r), 2u);
	EXPECT_EQ(fsctp_reasm_forward(&x.r, 13), 2u);
	EXPECT_EQ(fsctp_reasm_held(&x.r), 0u);
	EXPECT_EQ(fsctp_reasm_held_mem(&x.r), 0u);
	EXPECT_EQ(x.r.n_free, x.r.cfg.max_chunks);
}
