/* SPDX-License-Identifier: BSD-3-Clause */
/* fsctp_send_burst(): messages queued in one call leave bundled (RFC 9260
 * 6.10), the first refused one ends the burst with its error, and a burst
 * made before the handshake completes is held and sent after it. */
#include "pair.h"

using namespace fsctp_test;

namespace
{

int
data_chunks(const Pkt &k)
{
	int n = 0;
	for (const Chunk &c : parse(k.b).chunks)
		n += c.type == FSCTP_CHUNK_DATA;
	return n;
}

} // namespace

TEST(SendBurst, QueuedTogetherLeaveBundled)
{
	Pair p;
	fsctp_assoc_id_t id = p.connect();
	std::vector<std::vector<uint8_t>> b;
	std::vector<fsctp_msgvec> v;
	fsctp_sndinfo si{};
	int stop = 1;

	ASSERT_NE(p.A.assoc(id), nullptr);
	for (int i = 0; i < 10; i++)
		b.emplace_back(100, (uint8_t)i);
	for (auto &x : b)
		v.push_back({ x.data(), (uint32_t)x.size() });
	si.ppid = 9;
	size_t before = p.A.out.size();
	ASSERT_EQ(fsctp_send_burst(p.A.st, id, &si, v.data(), 10, &stop, p.now),
		  10);
	EXPECT_EQ(stop, 0);
	/* 6.10: one packet of ten DATA chunks, not ten packets. */
	ASSERT_EQ(p.A.out.size(), before + 1);
	EXPECT_EQ(data_chunks(p.A.out.back()), 10);
	p.pump();
	p.advance(1000000);
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 10);
	int i = 0;
	for (const Ev &e : p.B.events)
		if (e.type == FSCTP_EV_DATA) {
			EXPECT_EQ(e.data, b[i]);
			EXPECT_EQ(e.ppid, 9u);
			i++;
		}
	EXPECT_EQ(p.A.assoc(id)->ctr.msgs_out, 10u);
}

TEST(SendBurst, FirstRefusedEndsTheBurst)
{
	fsctp_stack_config c = test_config();
	c.max_msg_size = 1000;
	Pair p(c, test_config());
	fsctp_assoc_id_t id = p.connect();
	uint8_t x[2000] = {};
	fsctp_sndinfo si{};
	int stop = 0;

	fsctp_msgvec zero[3] = { { x, 10 }, { x, 20 }, { x, 0 } };
	EXPECT_EQ(fsctp_send_burst(p.A.st, id, &si, zero, 3, &stop, p.now), 2);
	EXPECT_EQ(stop, -EINVAL);
	fsctp_msgvec big[2] = { { x, 2000 }, { x, 10 } };
	EXPECT_EQ(fsctp_send_burst(p.A.st, id, &si, big, 2, &stop, p.now),
		  -EMSGSIZE);
	EXPECT_EQ(stop, -EMSGSIZE);
	EXPECT_EQ(fsctp_send_burst(p.A.st, id + 99, &si, zero, 2, &stop, p.now),
		  -ENOTCONN);
	EXPECT_EQ(stop, -ENOTCONN);
	EXPECT_EQ(fsctp_send_burst(p.A.st, id, &si, nullptr, 2, &stop, p.now),
		  -EINVAL);
	si.sid = 60000; /* beyond the streams */
	EXPECT_EQ(fsctp_send_burst(p.A.st, id, &si, zero, 2, &stop, p.now),
		  -EINVAL);
	si.sid = 0;
	si.pr_policy =
		9; /* no such PR-SCTP policy (RFC 7496): as fsctp_send() */
	EXPECT_EQ(fsctp_send_burst(p.A.st, id, &si, zero, 2, &stop, p.now),
		  -EINVAL);
	EXPECT_EQ(fsctp_send(p.A.st, id, &si, x, 10, p.now), -EINVAL);
	si.pr_policy = 0;
	/* The send buffer fills: EAGAIN ends the burst. */
	std::vector<fsctp_msgvec> many(2000, fsctp_msgvec{ x, 1000 });
	int n = fsctp_send_burst(p.A.st, id, &si, many.data(),
				 (unsigned)many.size(), &stop, p.now);
	EXPECT_GT(n, 0);
	EXPECT_LT(n, 2000);
	EXPECT_EQ(stop, -EAGAIN);
	p.pump();
	p.advance(2000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 2 + n);
	ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	EXPECT_EQ(fsctp_send_burst(p.A.st, id, &si, zero, 2, &stop, p.now),
		  -ESHUTDOWN);
}

/* RFC 9260 5.1: before the handshake completes the burst is held and
 * leaves once the association is up. */
TEST(SendBurst, HeldUntilEstablished)
{
	Pair p;
	int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
	uint8_t x[50] = { 1, 2, 3 };
	fsctp_msgvec v[3] = { { x, 50 }, { x, 40 }, { x, 30 } };
	fsctp_sndinfo si{};
	int stop = 1;

	ASSERT_GT(id, 0);
	EXPECT_EQ(fsctp_send_burst(p.A.st, (fsctp_assoc_id_t)id, &si, v, 3,
				   &stop, p.now),
		  3);
	EXPECT_EQ(stop, 0);
	p.pump();
	p.advance(1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 3);
}
