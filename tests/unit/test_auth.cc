/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Authenticated chunks (RFC 4895): the HMACs against the RFC 2202 and
 * RFC 4231 vectors, the shared key of 6.1, and two stacks back to back
 * (pair.h) negotiating AUTH, sending it (6.2) and checking it (6.3).
 */
#include <gtest/gtest.h>

#include "fsctp_auth.h"
#include "pair.h"

using namespace fsctp_test;

namespace
{

std::vector<uint8_t>
unhex(const char *s)
{
	std::vector<uint8_t> v;

	for (; s[0] && s[1]; s += 2) {
		unsigned x;

		sscanf(s, "%2x", &x);
		v.push_back((uint8_t)x);
	}
	return v;
}

std::vector<uint8_t>
hmac(uint16_t id, const std::vector<uint8_t> &key, const std::string &msg)
{
	uint8_t out[FSCTP_AUTH_HMAC_MAX];
	int n = fsctp_auth_hmac(id, key.data(), key.size(),
				(const uint8_t *)msg.data(), msg.size(), out);

	if (n < 0)
		return {};
	return std::vector<uint8_t>(out, out + n);
}

fsctp_stack_config
auth_config(bool on = true)
{
	fsctp_stack_config c = test_config();

	c.nodelay = true;
	c.auth = on;
	return c;
}

/* Byte offset of the first chunk of type t in a packet, or 0. */
size_t
chunk_off(const std::vector<uint8_t> &b, uint8_t t)
{
	size_t off = 12;

	while (off + 4 <= b.size()) {
		size_t l = fsctp_rd16(&b[off + 2]);

		if (b[off] == t)
			return off;
		if (l < 4)
			return 0;
		off += (l + 3) & ~(size_t)3;
	}
	return 0;
}

bool
has(const Pkt &k, uint8_t t)
{
	return chunk_off(k.b, t) != 0;
}

void
send_msg(Pair &p, Host &h, fsctp_assoc_id_t id, size_t len = 100)
{
	fsctp_sndinfo si{};
	std::vector<uint8_t> m(len, 0x5a);

	si.ppid = 7;
	ASSERT_EQ(fsctp_send(h.st, id, &si, m.data(), m.size(), p.now), 0);
}

/* A pair with AUTH on both sides, DATA and SACK required by both. */
struct AuthPair : Pair {
	AuthPair(const fsctp_stack_config &ca = auth_config(),
		 const fsctp_stack_config &cb = auth_config())
	    : Pair(ca, cb)
	{
		for (Host *h : { &A, &B }) {
			EXPECT_EQ(
				fsctp_stack_auth_chunk(h->st, FSCTP_CHUNK_DATA),
				0);
			EXPECT_EQ(
				fsctp_stack_auth_chunk(h->st, FSCTP_CHUNK_SACK),
				0);
		}
	}
};

} // namespace

/* RFC 4895 6.2 with RFC 2202 test cases 1 and 2 (HMAC-SHA-1). */
TEST(Auth, HmacSha1KnownAnswers)
{
	EXPECT_EQ(hmac(FSCTP_AUTH_HMAC_SHA1, std::vector<uint8_t>(20, 0x0b),
		       "Hi There"),
		  unhex("b617318655057264e28bc0b6fb378c8ef146be00"));
	EXPECT_EQ(hmac(FSCTP_AUTH_HMAC_SHA1, { 'J', 'e', 'f', 'e' },
		       "what do ya want for nothing?"),
		  unhex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
	EXPECT_EQ(fsctp_auth_hmac_len(FSCTP_AUTH_HMAC_SHA1), 20u);
}

/* RFC 4895 6.2 with RFC 4231 test cases 1 and 2 (HMAC-SHA-256). */
TEST(Auth, HmacSha256KnownAnswers)
{
	EXPECT_EQ(hmac(FSCTP_AUTH_HMAC_SHA256, std::vector<uint8_t>(20, 0x0b),
		       "Hi There"),
		  unhex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e93"
			"76c2e32cff7"));
	EXPECT_EQ(hmac(FSCTP_AUTH_HMAC_SHA256, { 'J', 'e', 'f', 'e' },
		       "what do ya want for nothing?"),
		  unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec5"
			"8b964ec3843"));
	/* 3.3: identifiers 0 and 2 are reserved, others unknown. */
	EXPECT_TRUE(hmac(2, { 1 }, "x").empty());
	EXPECT_EQ(fsctp_auth_hmac_len(0), 0u);
}

/* RFC 4895 6.1: endpoint pair shared key, then the smaller key vector,
 * then the larger; equal numbers: the shorter first. */
TEST(Auth, SharedKeyConcatenationOrder)
{
	const uint8_t lo[] = { 0x00, 0x00, 0xff }, hi[] = { 0x01, 0x00 };
	const uint8_t ek[] = { 0xee };
	uint8_t out[16];

	EXPECT_LT(fsctp_auth_vec_cmp(lo, 3, hi, 2), 0);
	ASSERT_EQ(fsctp_auth_shared_key(ek, 1, hi, 2, lo, 3, out, sizeof(out)),
		  6);
	EXPECT_EQ(std::vector<uint8_t>(out, out + 6),
		  (std::vector<uint8_t>{ 0xee, 0x00, 0x00, 0xff, 0x01, 0x00 }));
	ASSERT_EQ(fsctp_auth_shared_key(ek, 1, lo, 3, hi, 2, out, sizeof(out)),
		  6);
	EXPECT_EQ(out[1], 0x00);
	/* Same number, different lengths: the shorter first. */
	const uint8_t s[] = { 0x05 }, l[] = { 0x00, 0x05 };
	EXPECT_LT(fsctp_auth_vec_cmp(s, 1, l, 2), 0);
	ASSERT_EQ(
		fsctp_auth_shared_key(nullptr, 0, l, 2, s, 1, out, sizeof(out)),
		3);
	EXPECT_EQ(std::vector<uint8_t>(out, out + 3),
		  (std::vector<uint8_t>{ 0x05, 0x00, 0x05 }));
	EXPECT_EQ(fsctp_auth_shared_key(nullptr, 0, l, 2, s, 1, out, 2),
		  -ENOSPC);
}

/* RFC 4895 3, 6.1, 6.2, 6.3: both sides offer AUTH; RANDOM, CHUNKS and
 * HMAC-ALGO travel in INIT and INIT ACK; DATA and SACK go with an AUTH
 * chunk in front and are verified; with HMAC-SHA-256 (the default first)
 * and HMAC-SHA-1 (a peer listing only SHA-1). */
TEST(Auth, HandshakeAndDataBothHmacs)
{
	for (uint16_t hid : { FSCTP_AUTH_HMAC_SHA256, FSCTP_AUTH_HMAC_SHA1 }) {
		AuthPair p;
		int auth_data = 0, plain_data = 0;
		bool init_params = false, ack_params = false;

		if (hid == FSCTP_AUTH_HMAC_SHA1) {
			uint16_t only1 = FSCTP_AUTH_HMAC_SHA1;

			ASSERT_EQ(fsctp_stack_auth_hmacs(p.A.st, &only1, 1), 0);
			ASSERT_EQ(fsctp_stack_auth_hmacs(p.B.st, &only1, 1), 0);
		}
		p.drop = [&](bool, const Pkt &k) {
			Parsed x = parse(k.b);
			for (auto &c : x.chunks) {
				fsctp_tlv t{};
				fsctp_init_info ii;
				t.value = c.value.data();
				t.value_len = (uint16_t)c.value.size();
				t.type = c.type;
				if ((c.type == FSCTP_CHUNK_INIT ||
				     c.type == FSCTP_CHUNK_INIT_ACK) &&
				    fsctp_decode_init(&t, &ii) == 0 &&
				    ii.auth_random.len ==
					    FSCTP_AUTH_RANDOM_LEN &&
				    ii.auth_chunks.len == 2 &&
				    ii.auth_hmac_algos.len >= 2)
					(c.type == FSCTP_CHUNK_INIT
						 ? init_params
						 : ack_params) = true;
			}
			size_t a = chunk_off(k.b, FSCTP_CHUNK_AUTH);
			size_t d = chunk_off(k.b, FSCTP_CHUNK_DATA);
			/* 6.2: the AUTH chunk fits in the path MTU (1500,
			 * IPv4): DATA was cut smaller for it. */
			EXPECT_LE(k.b.size(), 1500u - 20u);
			if (d != 0) {
				if (a != 0 && a < d) {
					auth_data++;
					EXPECT_EQ(fsctp_rd16(&k.b[a + 6]), hid);
					EXPECT_EQ(fsctp_rd16(&k.b[a + 2]),
						  8 + fsctp_auth_hmac_len(hid));
				} else {
					plain_data++;
				}
			}
			return false;
		};
		fsctp_assoc_id_t id = p.connect();
		EXPECT_TRUE(init_params);
		EXPECT_TRUE(ack_params);
		ASSERT_TRUE(p.A.assoc(id)->auth.on);
		ASSERT_TRUE(p.B.only()->auth.on);
		EXPECT_EQ(p.A.assoc(id)->auth.send_hmac, hid);
		send_msg(p, p.A, id, 3000);
		p.advance(500000);
		ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 1);
		send_msg(p, p.B, p.B.only()->id);
		p.advance(500000);
		ASSERT_EQ(p.A.count(FSCTP_EV_DATA), 1);
		EXPECT_GE(auth_data, 4); /* 3000 bytes: three packets, + 1 */
		EXPECT_EQ(plain_data, 0);
		EXPECT_GT(p.B.st->ctr.fsctp_auth_rx_ok, 0u);
		EXPECT_GT(p.A.st->ctr.fsctp_auth_rx_ok, 0u);
		EXPECT_EQ(p.A.st->ctr.fsctp_auth_rx_bad +
				  p.B.st->ctr.fsctp_auth_rx_bad +
				  p.A.st->ctr.fsctp_auth_rx_unauth_drop +
				  p.B.st->ctr.fsctp_auth_rx_unauth_drop,
			  0u);
		uint8_t t[8];
		EXPECT_EQ(fsctp_stack_auth_chunks(p.A.st, id, true, t, 8), 2);
		EXPECT_EQ(t[0], FSCTP_CHUNK_DATA);
		EXPECT_EQ(t[1], FSCTP_CHUNK_SACK);
	}
}

/* RFC 4895 6.1: no AUTH when one side does not offer it; no AUTH chunk
 * when the peer requires no chunk type. */
TEST(Auth, OffOnOneSideOrNothingRequired)
{
	for (int mode = 0; mode < 2; mode++) {
		Pair p(auth_config(true), auth_config(mode == 1));
		int auths = 0;

		p.drop = [&](bool, const Pkt &k) {
			auths += has(k, FSCTP_CHUNK_AUTH);
			return false;
		};
		fsctp_assoc_id_t id = p.connect();
		EXPECT_EQ(p.A.assoc(id)->auth.on, mode == 1);
		send_msg(p, p.A, id);
		p.advance(500000);
		EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
		EXPECT_EQ(auths, 0);
	}
}

/* RFC 4895 6.3: a packet altered after the AUTH chunk fails the HMAC:
 * AUTH and what follows are discarded and counted; the retransmission
 * delivers. */
TEST(Auth, AlteredPacketDroppedAndCounted)
{
	AuthPair p;
	int altered = 0;

	fsctp_assoc_id_t id = p.connect();
	p.drop = [&](bool from_a, const Pkt &k) {
		size_t d = chunk_off(k.b, FSCTP_CHUNK_DATA);
		if (!from_a || altered || d == 0 ||
		    chunk_off(k.b, FSCTP_CHUNK_AUTH) == 0)
			return false;
		std::vector<uint8_t> b = k.b;
		b[d + 16] ^= 0x01; /* first payload byte */
		altered++;
		p.inject(p.B, k.src, b);
		return true;
	};
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_EQ(altered, 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	EXPECT_EQ(p.B.st->ctr.fsctp_auth_rx_bad, 1u);
	EXPECT_EQ(p.B.only()->ctr.auth_rx_bad, 1u);
	p.advance(5000000);
	ASSERT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	EXPECT_EQ(p.B.last(FSCTP_EV_DATA)->data,
		  std::vector<uint8_t>(100, 0x5a));
}

/* RFC 4895 6.3: DATA (required) without an AUTH chunk is dropped and
 * counted. */
TEST(Auth, MissingAuthDropped)
{
	AuthPair p;
	int stripped = 0;

	fsctp_assoc_id_t id = p.connect();
	p.drop = [&](bool from_a, const Pkt &k) {
		size_t a = chunk_off(k.b, FSCTP_CHUNK_AUTH);
		if (!from_a || stripped || a == 0 || !has(k, FSCTP_CHUNK_DATA))
			return false;
		std::vector<uint8_t> b = k.b;
		size_t l = fsctp_rd16(&b[a + 2]);
		b.erase(b.begin() + (long)a, b.begin() + (long)(a + l));
		stripped++;
		p.inject(p.B, k.src, b);
		return true;
	};
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_EQ(stripped, 1);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	EXPECT_GE(p.B.st->ctr.fsctp_auth_rx_unauth_drop, 1u);
	EXPECT_GE(p.B.only()->ctr.auth_rx_unauth_drop, 1u);
	p.advance(5000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
}

/* RFC 4895 6.3: an HMAC identifier we did not list: ERROR with
 * Unsupported HMAC Identifier, the rest of the packet discarded. */
TEST(Auth, UnsupportedHmacIdAnsweredWithError)
{
	AuthPair p;
	bool sent = false, error_seen = false;

	fsctp_assoc_id_t id = p.connect();
	p.drop = [&](bool from_a, const Pkt &k) {
		if (!from_a) {
			Parsed x = parse(k.b);
			const Chunk *e = x.find(FSCTP_CHUNK_ERROR);
			if (e != nullptr &&
			    first_cause(*e) == FSCTP_CAUSE_UNSUPPORTED_HMAC)
				error_seen = true;
			return false;
		}
		size_t a = chunk_off(k.b, FSCTP_CHUNK_AUTH);
		if (sent || a == 0 || !has(k, FSCTP_CHUNK_DATA))
			return false;
		std::vector<uint8_t> b = k.b;
		fsctp_wr16(&b[a + 6], 2); /* reserved id */
		sent = true;
		p.inject(p.B, k.src, b);
		return true;
	};
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_TRUE(sent);
	EXPECT_TRUE(error_seen);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	EXPECT_EQ(p.B.st->ctr.fsctp_auth_rx_bad_hmac_id, 1u);
}

/* RFC 4895 6.1, RFC 6458 8.1.21-8.1.23: a new endpoint pair shared key
 * made active on one side; the other side without that key id discards
 * (6.3), and with it verifies. */
TEST(Auth, KeyIdNegotiation)
{
	AuthPair p;
	const uint8_t k1[] = "a shared secret";

	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_stack_auth_key(p.A.st, 0, 1, k1, sizeof(k1)), 0);
	ASSERT_EQ(fsctp_stack_auth_active_key(p.A.st, id, 1), 0);
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 0);
	EXPECT_GE(p.B.st->ctr.fsctp_auth_rx_bad_key, 1u);
	/* B learns the key: the retransmission verifies. */
	ASSERT_EQ(fsctp_stack_auth_key(p.B.st, 0, 1, k1, sizeof(k1)), 0);
	p.advance(5000000);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	/* A different key under the same id fails the HMAC. */
	const uint8_t k2[] = "another secret!";
	ASSERT_EQ(fsctp_stack_auth_key(p.B.st, 0, 1, k2, sizeof(k2)), 0);
	uint64_t bad = p.B.st->ctr.fsctp_auth_rx_bad;
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_GT(p.B.st->ctr.fsctp_auth_rx_bad, bad);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	/* RFC 6458 8.3.4: the active key cannot be deleted. */
	EXPECT_EQ(fsctp_stack_auth_delete_key(p.A.st, 0, 1), -EBUSY);
	EXPECT_EQ(fsctp_stack_auth_delete_key(p.B.st, 0, 1), 0);
	EXPECT_EQ(fsctp_stack_auth_delete_key(p.B.st, 0, 1), -ENOENT);
}

/* RFC 6458 8.3.3-8.3.5 with an association id: a key of one association
 * only, which hides the endpoint's key of the same id for it. */
TEST(Auth, AssociationKeyHidesTheEndpointKey)
{
	AuthPair p;
	const uint8_t k1[] = "a shared secret";
	const uint8_t k2[] = "another secret!";

	fsctp_assoc_id_t id = p.connect();
	ASSERT_EQ(fsctp_stack_auth_key(p.A.st, id, 1, k1, sizeof(k1)), 0);
	ASSERT_EQ(fsctp_stack_auth_key(p.A.st, 0, 1, k2, sizeof(k2)), 0);
	ASSERT_EQ(fsctp_stack_auth_key(p.B.st, 0, 1, k1, sizeof(k1)), 0);
	ASSERT_EQ(fsctp_stack_auth_active_key(p.A.st, id, 1), 0);
	/* A signs with its association's k1, which B holds. */
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
	/* The active key stays; another id of the association goes. */
	EXPECT_EQ(fsctp_stack_auth_delete_key(p.A.st, id, 1), -EBUSY);
	EXPECT_EQ(fsctp_stack_auth_delete_key(p.A.st, id, 7), -ENOENT);
	EXPECT_EQ(fsctp_stack_auth_key(p.A.st, id + 1000, 1, k1, sizeof(k1)),
		  -ENOTCONN);
	/* Without it, the endpoint's k2 signs: B cannot verify. */
	ASSERT_EQ(fsctp_stack_auth_active_key(p.A.st, id, 0), 0);
	EXPECT_EQ(fsctp_stack_auth_delete_key(p.A.st, id, 1), 0);
	ASSERT_EQ(fsctp_stack_auth_active_key(p.A.st, id, 1), 0);
	uint64_t bad = p.B.st->ctr.fsctp_auth_rx_bad;
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_GT(p.B.st->ctr.fsctp_auth_rx_bad, bad);
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 1);
}

/* RFC 6458 6.1.8: AUTHENTICATION_EVENT. NO_AUTH when we offered AUTH and
 * the peer did not; NEW_KEY once when the peer signs with another key
 * number, not for every packet. */
TEST(Auth, AuthenticationEvents)
{
	{
		fsctp_stack_config off = test_config();
		Pair p(auth_config(), off);
		int64_t id = fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
		ASSERT_GT(id, 0);
		p.pump();
		ASSERT_EQ(p.A.count(FSCTP_EV_COMM_UP), 1);
		ASSERT_EQ(p.A.count(FSCTP_EV_AUTHENTICATION), 1);
		for (auto &e : p.A.events) {
			if (e.type == FSCTP_EV_AUTHENTICATION) {
				EXPECT_EQ(e.auth_indication,
					  FSCTP_AUTH_NO_AUTH);
			}
		}
		EXPECT_EQ(p.B.count(FSCTP_EV_AUTHENTICATION), 0);
	}
	AuthPair p;
	const uint8_t k1[] = "a shared secret";
	fsctp_assoc_id_t id = p.connect();
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_EQ(p.A.count(FSCTP_EV_AUTHENTICATION), 0);
	EXPECT_EQ(p.B.count(FSCTP_EV_AUTHENTICATION), 0);
	ASSERT_EQ(fsctp_stack_auth_key(p.A.st, 0, 1, k1, sizeof(k1)), 0);
	ASSERT_EQ(fsctp_stack_auth_key(p.B.st, 0, 1, k1, sizeof(k1)), 0);
	ASSERT_EQ(fsctp_stack_auth_active_key(p.A.st, id, 1), 0);
	send_msg(p, p.A, id);
	send_msg(p, p.A, id);
	p.pump();
	EXPECT_EQ(p.B.count(FSCTP_EV_DATA), 3);
	ASSERT_EQ(p.B.count(FSCTP_EV_AUTHENTICATION), 1);
	for (auto &e : p.B.events)
		if (e.type == FSCTP_EV_AUTHENTICATION) {
			EXPECT_EQ(e.auth_indication, FSCTP_AUTH_NEW_KEY);
			EXPECT_EQ(e.keynumber, 1);
		}
}

/* RFC 4895 3.2, 3.3: what the settings refuse. */
TEST(Auth, SettingsValidation)
{
	Pair p(auth_config(), auth_config());
	uint16_t no_sha1 = FSCTP_AUTH_HMAC_SHA256;
	uint16_t bad = 2;
	uint16_t both[2] = { FSCTP_AUTH_HMAC_SHA1, FSCTP_AUTH_HMAC_SHA256 };

	EXPECT_EQ(fsctp_stack_auth_chunk(p.A.st, FSCTP_CHUNK_INIT), -EINVAL);
	EXPECT_EQ(fsctp_stack_auth_chunk(p.A.st, FSCTP_CHUNK_INIT_ACK),
		  -EINVAL);
	EXPECT_EQ(fsctp_stack_auth_chunk(p.A.st, FSCTP_CHUNK_AUTH), -EINVAL);
	EXPECT_EQ(fsctp_stack_auth_chunk(p.A.st, FSCTP_CHUNK_SHUTDOWN_COMPLETE),
		  -EINVAL);
	EXPECT_EQ(fsctp_stack_auth_chunk(p.A.st, FSCTP_CHUNK_HEARTBEAT), 0);
	EXPECT_EQ(fsctp_stack_auth_hmacs(p.A.st, &no_sha1, 1), -EINVAL);
	EXPECT_EQ(fsctp_stack_auth_hmacs(p.A.st, &bad, 1), -EINVAL);
	EXPECT_EQ(fsctp_stack_auth_hmacs(p.A.st, both, 2), 0);
	EXPECT_EQ(fsctp_stack_auth_active_key(p.A.st, 0, 9), -ENOENT);
	EXPECT_EQ(fsctp_stack_auth_delete_key(p.A.st, 0, 0), -EBUSY);
	uint8_t t[4];
	EXPECT_EQ(fsctp_stack_auth_chunks(p.A.st, 0, false, t, 4), 1);
	EXPECT_EQ(t[0], FSCTP_CHUNK_HEARTBEAT);
}
