/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What an association allocates only when it needs it: the TSN map's gap
 * bitmap (RFC 9260 6.7) appears at the first DATA that arrives above a
 * gap. An association that sits idle, or only ever receives in sequence,
 * holds none and works the same; one that sees loss has it and delivers
 * everything, in order, once.
 */
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_stack_config
cfg_nodelay()
{
	fsctp_stack_config c = test_config();
	c.nodelay = true; /* one message, one packet: a drop makes a gap */
	return c;
}

/* Send n messages of 100 bytes from h on id, the first byte numbering
 * them from base. */
void
send_n(Pair &p, Host &h, fsctp_assoc_id_t id, int n, int base)
{
	for (int i = 0; i < n; i++) {
		fsctp_sndinfo si{};
		uint8_t m[100];
		memset(m, 0x5a, sizeof(m));
		m[0] = (uint8_t)(base + i);
		ASSERT_EQ(fsctp_send(h.st, id, &si, m, sizeof(m), p.now), 0)
			<< i;
		p.pump();
	}
}

/* The messages h received, in order, as their numbers. */
std::vector<int>
received(const Host &h)
{
	std::vector<int> v;
	for (const Ev &e : h.events)
		if (e.type == FSCTP_EV_DATA && e.data.size() == 100)
			v.push_back(e.data[0]);
	return v;
}

std::vector<int>
seq(int base, int n)
{
	std::vector<int> v;
	for (int i = 0; i < n; i++)
		v.push_back(base + i);
	return v;
}

} // namespace

TEST(LazyAlloc, IdleAssociationHoldsNoGapBitmap)
{
	Pair p(cfg_nodelay(), cfg_nodelay());
	p.connect();
	fsctp_assoc *a = p.A.only(), *b = p.B.only();
	ASSERT_NE(a, nullptr);
	ASSERT_NE(b, nullptr);
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(b->state, FSCTP_ESTABLISHED);
	p.advance(120000000); /* two minutes of heartbeats, no DATA */
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	ASSERT_NE(a->data, nullptr);
	ASSERT_NE(b->data, nullptr);
	EXPECT_EQ(a->data->map.bits, nullptr);
	EXPECT_EQ(b->data->map.bits, nullptr);
	EXPECT_EQ(p.A.count(FSCTP_EV_DATA), 0);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
}

TEST(LazyAlloc, InOrderBothWaysHoldsNoGapBitmap)
{
	Pair p(cfg_nodelay(), cfg_nodelay());
	fsctp_assoc_id_t ida = p.connect();
	fsctp_assoc *a = p.A.only(), *b = p.B.only();
	ASSERT_NE(b, nullptr);
	send_n(p, p.A, ida, 20, 0);
	send_n(p, p.B, b->id, 20, 100);
	p.advance(1000000);
	EXPECT_EQ(received(p.B), seq(0, 20));
	EXPECT_EQ(received(p.A), seq(100, 20));
	EXPECT_EQ(a->data->map.bits, nullptr);
	EXPECT_EQ(b->data->map.bits, nullptr);
	EXPECT_EQ(a->data->map.stats.n_nomem, 0u);
}

TEST(LazyAlloc, LossBothWaysAllocatesItAndDeliversAll)
{
	Pair p(cfg_nodelay(), cfg_nodelay());
	fsctp_assoc_id_t ida = p.connect();
	fsctp_assoc *a = p.A.only(), *b = p.B.only();
	ASSERT_NE(b, nullptr);
	int data_a = 0, data_b = 0;
	/* The third DATA packet each way is lost once: the later ones
	 * arrive above a gap until the retransmission fills it. */
	p.drop = [&](bool from_a, const Pkt &k) {
		if (parse(k.b).find(FSCTP_CHUNK_DATA) == nullptr)
			return false;
		return ++(from_a ? data_a : data_b) == 3;
	};
	send_n(p, p.A, ida, 20, 0);
	send_n(p, p.B, b->id, 20, 100);
	EXPECT_NE(a->data->map.bits, nullptr);
	EXPECT_NE(b->data->map.bits, nullptr);
	p.advance(5000000);
	EXPECT_EQ(received(p.B), seq(0, 20));
	EXPECT_EQ(received(p.A), seq(100, 20));
	EXPECT_EQ(fsctp_tsnmap_gap_count(&a->data->map), 0);
	EXPECT_EQ(fsctp_tsnmap_gap_count(&b->data->map), 0);
	EXPECT_EQ(b->data->map.stats.n_nomem, 0u);
}
