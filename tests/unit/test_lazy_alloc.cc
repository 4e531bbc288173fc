/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What an association allocates only when it needs it: the TSN map's gap
 * bitmap (RFC 9260 6.7) appears at the first DATA that arrives above a
 * gap; the send queue's TSN ring at the first message sent; the
 * reassembly descriptor pool and its hash table at the first DATA chunk
 * that has to be held (a fragment, or an ordered message ahead of its
 * turn, RFC 9260 6.5, 6.9). An association that sits idle, or only ever
 * receives in sequence, holds none of them and works the same; one that
 * sees loss has them and delivers everything, in order, once. When such
 * an allocation fails, the send is refused with -ENOBUFS, or the chunk is
 * dropped unacknowledged as under memory pressure (RFC 9260 6.2: the
 * peer sends it again), and both are counted.
 */
#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstring>
#include <string>
#include <vector>

#include "fsctp_reasm.h"
#include "pair.h"

using namespace fsctp_test;

/* Allocation failures on demand: the next n calls of calloc() (or of
 * malloc()) made by this process fail; otherwise they go to the C
 * library's (or the sanitizer's) functions. Armed right before the one
 * call under test, so no other allocation takes the failure. */
static int fail_calloc_n, fail_malloc_n;

extern "C" void *
calloc(size_t n, size_t size)
{
	static void *(*real)(size_t, size_t);
	static bool resolving;

	if (fail_calloc_n > 0) {
		fail_calloc_n--;
		return nullptr;
	}
	if (real == nullptr) {
		if (resolving)
			return nullptr; /* dlsym() asking: it copes */
		resolving = true;
		real = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
		resolving = false;
	}
	return real(n, size);
}

extern "C" void *
malloc(size_t size)
{
	static void *(*real)(size_t);
	static bool resolving;

	if (fail_malloc_n > 0) {
		fail_malloc_n--;
		return nullptr;
	}
	if (real == nullptr) {
		if (resolving)
			return nullptr;
		resolving = true;
		real = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
		resolving = false;
	}
	return real(size);
}

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

/* The send queue's ring and the reassembly pool of an association that
 * never sends nor receives: none, and it stays up. */
TEST(LazyAlloc, IdleAssociationHoldsNoRingNorReasmPool)
{
	Pair p(cfg_nodelay(), cfg_nodelay());
	p.connect();
	fsctp_assoc *a = p.A.only(), *b = p.B.only();
	ASSERT_NE(a, nullptr);
	ASSERT_NE(b, nullptr);
	p.advance(60000000);
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	EXPECT_EQ(b->state, FSCTP_ESTABLISHED);
	for (fsctp_assoc *x : { a, b }) {
		ASSERT_TRUE(x->data->ready);
		EXPECT_EQ(x->data->sq.ring, nullptr);
		EXPECT_EQ(x->data->sq.stats.n_ring_alloc, 0u);
		EXPECT_EQ(x->data->reasm.pool, nullptr);
		EXPECT_EQ(x->data->reasm.pool_cap, 0u);
		EXPECT_EQ(x->data->reasm.hmask, 0u);
	}
}

/* Messages in sequence both ways: each side made its ring at its first
 * send, and delivered everything without a reassembly descriptor. */
TEST(LazyAlloc, InOrderBothWaysMakesRingsNotReasmPools)
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
	for (fsctp_assoc *x : { a, b }) {
		EXPECT_NE(x->data->sq.ring, nullptr);
		EXPECT_EQ(x->data->sq.stats.n_ring_alloc, 1u);
		EXPECT_EQ(x->data->reasm.pool, nullptr);
		EXPECT_EQ(fsctp_sendq_check(&x->data->sq), 0);
	}
}

/* A lost DATA each way: the messages behind it wait for their turn
 * (RFC 9260 6.5) in descriptors made then; all arrive, in order. */
TEST(LazyAlloc, LossBothWaysMakesReasmPoolsAndDeliversAll)
{
	Pair p(cfg_nodelay(), cfg_nodelay());
	fsctp_assoc_id_t ida = p.connect();
	fsctp_assoc *a = p.A.only(), *b = p.B.only();
	ASSERT_NE(b, nullptr);
	int data_a = 0, data_b = 0;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (parse(k.b).find(FSCTP_CHUNK_DATA) == nullptr)
			return false;
		return ++(from_a ? data_a : data_b) == 2;
	};
	send_n(p, p.A, ida, 10, 0);
	send_n(p, p.B, b->id, 10, 100);
	EXPECT_NE(a->data->reasm.pool, nullptr);
	EXPECT_NE(b->data->reasm.pool, nullptr);
	p.advance(5000000);
	EXPECT_EQ(received(p.B), seq(0, 10));
	EXPECT_EQ(received(p.A), seq(100, 10));
	EXPECT_EQ(a->data->reasm.stats.n_drop_pool, 0u);
	EXPECT_EQ(b->data->reasm.stats.n_drop_pool, 0u);
}

/* The first send of an association whose ring cannot be made is refused
 * with -ENOBUFS and counted; nothing is queued, the association stays
 * up, and the next send makes the ring and goes through. */
TEST(LazyAlloc, RingAllocationFailureRefusesTheSend)
{
	Pair p(cfg_nodelay(), cfg_nodelay());
	fsctp_assoc_id_t ida = p.connect();
	fsctp_assoc *a = p.A.only();
	ASSERT_NE(a, nullptr);
	fsctp_sndinfo si{};
	uint8_t m[100];
	memset(m, 0x5a, sizeof(m));
	m[0] = 7;
	fail_calloc_n = 1;
	int rc = fsctp_send(p.A.st, ida, &si, m, sizeof(m), p.now);
	fail_calloc_n = 0;
	EXPECT_EQ(rc, -ENOBUFS);
	EXPECT_EQ(a->data->sq.stats.n_ring_nomem, 1u);
	EXPECT_EQ(a->data->sq.ring, nullptr);
	EXPECT_EQ(a->data->sq.stats.n_msgs, 0u);
	p.advance(1000000);
	EXPECT_EQ(a->state, FSCTP_ESTABLISHED);
	EXPECT_TRUE(received(p.B).empty());
	send_n(p, p.A, ida, 3, 0);
	p.advance(1000000);
	EXPECT_EQ(received(p.B), seq(0, 3));
	EXPECT_EQ(a->data->sq.stats.n_ring_alloc, 1u);
}

namespace
{

void
reasm_deliver(void *ctx, const struct fsctp_reasm_msg *m)
{
	static_cast<std::vector<std::string> *>(ctx)->push_back(
		std::string((const char *)m->data, m->len));
	free(m->data);
}

} // namespace

/* A fragment that needs the first descriptor when the pool cannot be
 * made: dropped (not to be acknowledged), counted, nothing held; sent
 * again it is kept and the message completes. */
TEST(LazyAlloc, ReasmPoolAllocationFailureDropsTheChunk)
{
	std::vector<std::string> got;
	struct fsctp_reasm r;
	struct fsctp_reasm_config c = {};
	struct fsctp_reasm_chunk ch = {};
	const std::string first(300, 'a'), last(200, 'b');

	c.n_in_streams = 4;
	c.rwnd = 65536;
	c.deliver = reasm_deliver;
	c.ctx = &got;
	ASSERT_EQ(fsctp_reasm_init(&r, &c, nullptr), 0);
	EXPECT_EQ(r.pool, nullptr);
	/* A whole message in sequence: delivered, no descriptor. */
	ch.tsn = 10;
	ch.sid = 1;
	ch.ssn = 0;
	ch.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E;
	ch.data = (const uint8_t *)"x";
	ch.len = 1;
	EXPECT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_OK);
	ASSERT_EQ(got.size(), 1u);
	EXPECT_EQ(r.pool, nullptr);
	/* The first fragment of the next one. */
	ch.tsn = 11;
	ch.ssn = 1;
	ch.flags = FSCTP_DATA_FLAG_B;
	ch.data = (const uint8_t *)first.data();
	ch.len = (uint32_t)first.size();
	uint32_t rwnd = fsctp_reasm_rwnd(&r);
	fail_malloc_n = 1;
	fail_calloc_n = 1;
	enum fsctp_reasm_result res = fsctp_reasm_add(&r, &ch, true);
	fail_malloc_n = 0;
	fail_calloc_n = 0;
	EXPECT_EQ(res, FSCTP_REASM_DROPPED);
	EXPECT_EQ(r.stats.n_drop_pool, 1u);
	EXPECT_EQ(r.pool, nullptr);
	EXPECT_EQ(r.held, 0u);
	EXPECT_EQ(fsctp_reasm_rwnd(&r), rwnd);
	/* Again, with memory. */
	EXPECT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_OK);
	EXPECT_NE(r.pool, nullptr);
	EXPECT_EQ(got.size(), 1u);
	ch.tsn = 12;
	ch.flags = FSCTP_DATA_FLAG_E;
	ch.data = (const uint8_t *)last.data();
	ch.len = (uint32_t)last.size();
	EXPECT_EQ(fsctp_reasm_add(&r, &ch, true), FSCTP_REASM_OK);
	ASSERT_EQ(got.size(), 2u);
	EXPECT_EQ(got[1], first + last);
	fsctp_reasm_fini(&r);
}
