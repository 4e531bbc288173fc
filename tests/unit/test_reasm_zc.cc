/* SPDX-License-Identifier: BSD-3-Clause */
/* Zero copy on receive: DATA and I-DATA payloads kept in their packet by
 * reference (fsctp_reasm_config.ref_hold / ref_put), every reference given
 * back exactly once, copies when the owner refuses one. */
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "fsctp_reasm.h"
#include "fsctp_wire.h"

namespace
{

const uint8_t BE = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E;
const uint8_t B = FSCTP_DATA_FLAG_B;
const uint8_t E = FSCTP_DATA_FLAG_E;

struct Msg {
	std::string data;
	const uint8_t *ptr;
	void *ref;
	uint32_t len;
};

/* A reassembly whose owner counts the references it hands out per packet
 * and may refuse them (budget). */
struct ZRx {
	struct fsctp_reasm r;
	std::vector<Msg> got;
	std::map<void *, int> refs; /* outstanding references per packet */
	int budget = 1 << 30;
	int held = 0, puts = 0, refused = 0;

	static bool hold_cb(void *ctx, void *ref)
	{
		ZRx *z = static_cast<ZRx *>(ctx);

		if (z->held >= z->budget) {
			z->refused++;
			return false;
		}
		z->held++;
		z->refs[ref]++;
		return true;
	}
	static void put_cb(void *ctx, void *ref)
	{
		ZRx *z = static_cast<ZRx *>(ctx);

		EXPECT_GT(z->refs[ref], 0) << "a reference given back twice";
		z->refs[ref]--;
		z->held--;
		z->puts++;
	}
	static void cb(void *ctx, const struct fsctp_reasm_msg *m)
	{
		ZRx *z = static_cast<ZRx *>(ctx);

		z->got.push_back({ std::string((const char *)m->data, m->len),
				   m->data, m->ref, m->len });
	}

	explicit ZRx(bool zc = true)
	{
		struct fsctp_reasm_config c = {};

		c.n_in_streams = 4;
		c.rwnd = 1 << 20;
		c.deliver = cb;
		c.ctx = this;
		if (zc) {
			c.ref_hold = hold_cb;
			c.ref_put = put_cb;
		}
		EXPECT_EQ(fsctp_reasm_init(&r, &c, nullptr), 0);
	}
	/* The receiver gives a delivered message back. */
	void release(const Msg &m)
	{
		if (m.ref != nullptr)
			put_cb(this, m.ref);
		else
			free(const_cast<uint8_t *>(m.ptr));
		fsctp_reasm_credit(&r, m.len);
	}
	~ZRx()
	{
		for (const Msg &m : got)
			release(m);
		fsctp_reasm_fini(&r);
		EXPECT_EQ(held, 0) << "references leaked";
	}

	enum fsctp_reasm_result add(const std::string &pkt, uint32_t tsn,
				    uint16_t sid, uint16_t ssn, uint8_t flags,
				    void *ref)
	{
		struct fsctp_reasm_chunk c = {};

		c.tsn = tsn;
		c.sid = sid;
		c.ssn = ssn;
		c.ppid = 3;
		c.flags = flags;
		c.data = (const uint8_t *)pkt.data();
		c.len = (uint32_t)pkt.size();
		c.ref = ref;
		return fsctp_reasm_add(&r, &c, true);
	}
	enum fsctp_reasm_result iadd(const std::string &pkt, uint32_t tsn,
				     uint16_t sid, uint32_t mid, uint32_t fsn,
				     uint8_t flags, void *ref)
	{
		struct fsctp_reasm_ichunk c = {};

		c.tsn = tsn;
		c.sid = sid;
		c.mid = mid;
		c.fsn = fsn;
		c.ppid = 3;
		c.flags = flags;
		c.data = (const uint8_t *)pkt.data();
		c.len = (uint32_t)pkt.size();
		c.ref = ref;
		return fsctp_reasm_iadd(&r, &c, true);
	}
};

} // namespace

/* An unfragmented message is delivered where it lies in its packet, with
 * the packet's reference; two messages of one packet hold it twice. */
TEST(ReasmZeroCopy, UnfragmentedMessagesDeliveredInPlace)
{
	std::string pkt = "first message|second message";
	std::string a = pkt.substr(0, 13), b = pkt.substr(14);
	ZRx z;

	ASSERT_EQ(z.add(a, 1, 0, 0, BE, &pkt), FSCTP_REASM_OK);
	ASSERT_EQ(z.add(b, 2, 0, 1, BE, &pkt), FSCTP_REASM_OK);
	ASSERT_EQ(z.got.size(), 2u);
	EXPECT_EQ(z.got[0].ptr, (const uint8_t *)a.data());
	EXPECT_EQ(z.got[1].ptr, (const uint8_t *)b.data());
	EXPECT_EQ(z.got[0].ref, &pkt);
	EXPECT_EQ(z.refs[&pkt], 2);
	EXPECT_EQ(z.puts, 0); /* the receiver holds them now */
	z.release(z.got[0]);
	z.release(z.got[1]);
	z.got.clear();
	EXPECT_EQ(z.refs[&pkt], 0);
	EXPECT_EQ(fsctp_reasm_rwnd(&z.r), 1u << 20);
}

/* Fragments are kept by reference until the message is whole, then copied
 * once into it and their packets let go. */
TEST(ReasmZeroCopy, FragmentsJoinedOnceThenReleased)
{
	std::string p1 = "hello ", p2 = "fragmented ", p3 = "world";
	ZRx z;

	ASSERT_EQ(z.add(p3, 12, 1, 0, E, &p3), FSCTP_REASM_OK);
	ASSERT_EQ(z.add(p1, 10, 1, 0, B, &p1), FSCTP_REASM_OK);
	EXPECT_EQ(z.held, 2);
	ASSERT_EQ(z.add(p2, 11, 1, 0, 0, &p2), FSCTP_REASM_OK);
	ASSERT_EQ(z.got.size(), 1u);
	EXPECT_EQ(z.got[0].data, "hello fragmented world");
	EXPECT_EQ(z.got[0].ref, nullptr);
	EXPECT_EQ(z.held, 0);
	EXPECT_EQ(z.puts, 3);
}

/* The owner's budget is spent: the chunk is copied, and the copy is
 * delivered with no reference. */
TEST(ReasmZeroCopy, RefusedReferenceMeansACopy)
{
	std::string p1 = "kept in place", p2 = "copied";
	ZRx z;

	z.budget = 1;
	ASSERT_EQ(z.add(p1, 1, 0, 0, BE, &p1), FSCTP_REASM_OK);
	ASSERT_EQ(z.add(p2, 2, 0, 1, BE, &p2), FSCTP_REASM_OK);
	ASSERT_EQ(z.got.size(), 2u);
	EXPECT_EQ(z.got[0].ref, &p1);
	EXPECT_EQ(z.got[1].ref, nullptr);
	EXPECT_NE(z.got[1].ptr, (const uint8_t *)p2.data());
	EXPECT_EQ(z.got[1].data, "copied");
	EXPECT_EQ(z.refused, 1);
}

/* What waits (an ordered message ahead of its SSN, fragments of an
 * incomplete message) holds its packet until the end, then lets go once. */
TEST(ReasmZeroCopy, HeldChunksLetGoAtTheEnd)
{
	std::string w = "waits for SSN 0", f = "half a message";
	{
		ZRx z;

		ASSERT_EQ(z.add(w, 2, 0, 1, BE, &w), FSCTP_REASM_OK);
		ASSERT_EQ(z.add(f, 5, 1, 0, B, &f), FSCTP_REASM_OK);
		EXPECT_TRUE(z.got.empty());
		EXPECT_EQ(z.held, 2);
		/* ~ZRx: fsctp_reasm_fini() gives both back (checked). */
	}
	/* Without references nothing is held: every payload is copied. */
	ZRx c(false);
	ASSERT_EQ(c.add(w, 1, 0, 0, BE, &w), FSCTP_REASM_OK);
	ASSERT_EQ(c.got.size(), 1u);
	EXPECT_EQ(c.got[0].ref, nullptr);
	EXPECT_NE(c.got[0].ptr, (const uint8_t *)w.data());
}

/* RFC 9260 6.2 eviction of the highest TSN held lets its packet go. */
TEST(ReasmZeroCopy, EvictionLetsThePacketGo)
{
	std::string w = "ahead of its turn";
	ZRx z;

	ASSERT_EQ(z.add(w, 9, 0, 3, BE, &w), FSCTP_REASM_OK);
	EXPECT_EQ(z.refs[&w], 1);
	EXPECT_GT(fsctp_reasm_evict_highest(&z.r, 5, nullptr, nullptr), 0u);
	EXPECT_EQ(z.refs[&w], 0);
	EXPECT_EQ(z.puts, 1);
}

/* I-DATA (RFC 8260): a message of one fragment is delivered in place; a
 * fragmented one is joined by one copy and its packets let go. */
TEST(ReasmZeroCopy, IdataInPlaceAndJoined)
{
	std::string one = "one I-DATA chunk", f1 = "two ", f2 = "fragments";
	ZRx z;

	ASSERT_EQ(z.iadd(one, 1, 0, 0, 0, BE, &one), FSCTP_REASM_OK);
	ASSERT_EQ(z.got.size(), 1u);
	EXPECT_EQ(z.got[0].ptr, (const uint8_t *)one.data());
	EXPECT_EQ(z.got[0].ref, &one);
	ASSERT_EQ(z.iadd(f2, 3, 0, 1, 1, E, &f2), FSCTP_REASM_OK);
	ASSERT_EQ(z.iadd(f1, 2, 0, 1, 0, B, &f1), FSCTP_REASM_OK);
	ASSERT_EQ(z.got.size(), 2u);
	EXPECT_EQ(z.got[1].data, "two fragments");
	EXPECT_EQ(z.got[1].ref, nullptr);
	EXPECT_EQ(z.refs[&f1] + z.refs[&f2], 0);
	/* An incomplete I-DATA message lets go at the end (~ZRx checks). */
	ASSERT_EQ(z.iadd(f1, 4, 1, 0, 0, B, &f1), FSCTP_REASM_OK);
	EXPECT_EQ(z.refs[&f1], 1);
}
