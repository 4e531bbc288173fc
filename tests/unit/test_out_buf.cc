/* SPDX-License-Identifier: BSD-3-Clause */
/* Packets written in buffers the owner supplies (fsctp_core_ops.out_buf):
 * the same bytes as in the core's own buffer, AUTH (RFC 4895 6.2) and the
 * CRC32c computed in place, a buffer begun without a chunk kept for the
 * next packet, and no buffer treated as a full output: DATA waits in the
 * send queue, nothing is lost. */
#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_stack_config
cfg(bool auth)
{
	fsctp_stack_config c = test_config();

	c.auth = auth;
	return c;
}

void
send_from(Pair &p, Host &h, fsctp_assoc_id_t id, uint32_t i)
{
	fsctp_sndinfo si{};
	/* 1 to 3,997 bytes: single chunks, bundles and fragments. */
	std::vector<uint8_t> m((i * 397u) % 3997u + 1u, (uint8_t)i);

	si.sid = (uint16_t)(i % 2);
	si.ppid = i;
	ASSERT_EQ(
		fsctp_send(h.st, id, &si, m.data(), (uint32_t)m.size(), p.now),
		0);
}

/* Set up, 60 messages from A and 20 from B with timers running, then a
 * graceful shutdown. */
void
scenario(Pair &p, bool auth)
{
	if (auth)
		for (Host *h : { &p.A, &p.B }) {
			ASSERT_EQ(
				fsctp_stack_auth_chunk(h->st, FSCTP_CHUNK_DATA),
				0);
			ASSERT_EQ(
				fsctp_stack_auth_chunk(h->st, FSCTP_CHUNK_SACK),
				0);
		}
	fsctp_assoc_id_t id = p.connect();
	ASSERT_NE(p.A.assoc(id), nullptr);
	for (uint32_t i = 0; i < 60; i++) {
		send_from(p, p.A, id, i);
		if (i % 3 == 0) {
			fsctp_assoc *b = p.B.only();
			ASSERT_NE(b, nullptr);
			send_from(p, p.B, b->id, i);
		}
		if (i % 4 == 0)
			p.pump();
		if (i % 10 == 0)
			p.advance(50000);
	}
	p.advance(1000000);
	ASSERT_EQ(fsctp_shutdown(p.A.st, id, p.now), 0);
	p.advance(1000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_SHUTDOWN_COMP), 1);
}

void
same_bytes(bool auth)
{
	Pair copy(cfg(auth), cfg(auth));
	Pair ext(cfg(auth), cfg(auth), true);

	scenario(copy, auth);
	scenario(ext, auth);
	for (int s = 0; s < 2; s++) {
		const Host &c = s == 0 ? copy.A : copy.B;
		const Host &e = s == 0 ? ext.A : ext.B;

		ASSERT_EQ(c.sent_log.size(), e.sent_log.size()) << "side " << s;
		ASSERT_GT(e.sent_log.size(), 20u);
		for (size_t i = 0; i < c.sent_log.size(); i++) {
			EXPECT_EQ(c.sent_log[i].b, e.sent_log[i].b)
				<< "side " << s << " packet " << i;
			EXPECT_EQ(c.sent_log[i].flags, e.sent_log[i].flags);
		}
		/* Every packet was written in a supplied buffer; every
		 * buffer handed out was sent, or is held for the next
		 * packet (never asked for twice). */
		EXPECT_EQ(e.ext_copied, 0u);
		EXPECT_EQ(c.ext_in_place, 0u);
		EXPECT_EQ(e.ext_in_place, e.sent_log.size());
		EXPECT_EQ(e.ctr().fsctp_tx_ext_buf, e.sent_log.size());
		EXPECT_EQ(e.ext_calls,
			  e.ext_in_place + (e.ext_lent != nullptr ? 1u : 0u));
		EXPECT_EQ(e.ctr().fsctp_tx_no_buf, 0u);
		EXPECT_EQ(e.ext_again, 0u);
		if (auth) {
			EXPECT_GT(e.ctr().fsctp_auth_tx, 10u);
		}
	}
	EXPECT_EQ(copy.B.count(FSCTP_EV_DATA), ext.B.count(FSCTP_EV_DATA));
	EXPECT_EQ(ext.B.count(FSCTP_EV_DATA), 60);
}

} // namespace

TEST(OutBuf, SameBytesAsTheCoreBuffer)
{
	same_bytes(false);
}

/* RFC 4895 6.2: the AUTH chunk is inserted and its HMAC computed over the
 * packet in the owner's buffer. */
TEST(OutBuf, AuthInPlace)
{
	same_bytes(true);
}

/* With no buffer, new DATA waits in the send queue as with a full output
 * (ops.tx_room), and leaves on fsctp_stack_tx_resume() once there is one. */
TEST(OutBuf, NoBufferDataWaits)
{
	Pair p(test_config(), test_config(), true);
	fsctp_assoc_id_t id = p.connect();

	ASSERT_NE(p.A.assoc(id), nullptr);
	p.A.ext_none = true;
	/* A buffer the core kept from an empty packet carries one more. */
	size_t before = p.A.sent_log.size() + (p.A.ext_lent != nullptr);
	for (uint32_t i = 0; i < 5; i++)
		send_from(p, p.A, id, i);
	p.pump();
	EXPECT_EQ(p.A.sent_log.size(), before);
	EXPECT_GT(p.A.ctr().fsctp_tx_no_buf, 0u);
	int got = p.B.count(FSCTP_EV_DATA);
	EXPECT_LE(got, 1);
	/* Still none: the resume finds no buffer either. */
	fsctp_stack_tx_resume(p.A.st, p.now);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), got);
	EXPECT_EQ(p.A.sent_log.size(), before);
	p.A.ext_none = false;
	fsctp_stack_tx_resume(p.A.st, p.now);
	p.pump();
	p.advance(1000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 5);
	EXPECT_EQ(p.A.ctr().fsctp_rtx_chunks, 0u);
	EXPECT_EQ(p.A.ext_copied, 0u);
}

/* Control chunks do not wait: without a buffer a SACK is built in the
 * core's buffer and copied. */
TEST(OutBuf, NoBufferControlCopied)
{
	Pair p(test_config(), test_config(), true);
	fsctp_assoc_id_t id = p.connect();

	ASSERT_NE(p.A.assoc(id), nullptr);
	p.B.ext_none = true;
	for (uint32_t i = 0; i < 4; i++) {
		send_from(p, p.A, id, i);
		p.pump();
		p.advance(500000);
	}
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 4);
	EXPECT_GT(p.B.ext_copied, 0u);
	EXPECT_GT(p.B.ctr().fsctp_tx_no_buf, 0u);
	EXPECT_EQ(p.A.ctr().fsctp_rtx_chunks, 0u);
}

/* A buffer smaller than FSCTP_OUT_MAX is not used (counted as none). */
TEST(OutBuf, SmallBufferRefused)
{
	Pair p(test_config(), test_config(), true);

	p.A.ext_cap = FSCTP_OUT_MAX - 1;
	fsctp_assoc_id_t id = p.connect();
	ASSERT_NE(p.A.assoc(id), nullptr);
	EXPECT_GT(p.A.ctr().fsctp_tx_no_buf, 0u);
	EXPECT_EQ(p.A.ext_in_place, 0u);
	EXPECT_GT(p.A.ext_copied, 0u);
}
