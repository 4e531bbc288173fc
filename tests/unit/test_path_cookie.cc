/* SPDX-License-Identifier: BSD-3-Clause */
/* RTO computation (RFC 9260 6.3.1) and the State Cookie (5.1.3, 5.1.5). */
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <vector>

#include "fsctp_cookie.h"
#include "fsctp_path.h"

namespace
{

const fsctp_rto_params rp = { 1000000, 1000000, 60000000 };

TEST(Rto, InitialIsRtoInitial)
{
	fsctp_path p{};
	fsctp_path_rto_init(&p, &rp);
	EXPECT_EQ(p.rto, 1000000u);
	EXPECT_FALSE(p.rtt_measured);
}

TEST(Rto, FirstAndLaterMeasurements)
{
	const fsctp_rto_params fast = { 1000000, 100000, 60000000 };
	fsctp_path p{};
	fsctp_path_rto_init(&p, &fast);
	/* C2: 400 ms -> SRTT 400, RTTVAR 200, RTO 1200. */
	fsctp_path_rtt_update(&p, &fast, 400000);
	EXPECT_EQ(p.srtt, 400000u);
	EXPECT_EQ(p.rttvar, 200000u);
	EXPECT_EQ(p.rto, 1200000u);
	/* C3: R' = 200 ms: RTTVAR = 3/4 200 + 1/4 200 = 200; SRTT = 7/8 400
	 * + 1/8 200 = 375; RTO = 375 + 800 = 1175. */
	fsctp_path_rtt_update(&p, &fast, 200000);
	EXPECT_EQ(p.rttvar, 200000u);
	EXPECT_EQ(p.srtt, 375000u);
	EXPECT_EQ(p.rto, 1175000u);
}

TEST(Rto, ClampedToMinAndMax)
{
	fsctp_path p{};
	fsctp_path_rto_init(&p, &rp);
	fsctp_path_rtt_update(&p, &rp, 10); /* tiny: RTO.Min */
	EXPECT_EQ(p.rto, 1000000u);
	fsctp_path_rtt_update(&p, &rp, 100000000); /* huge: RTO.Max */
	EXPECT_EQ(p.rto, 60000000u);
}

TEST(Rto, ZeroVarianceBecomesClockGranularity)
{
	const fsctp_rto_params fast = { 1000000, 1, 60000000 };
	fsctp_path p{};
	fsctp_path_rto_init(&p, &fast);
	fsctp_path_rtt_update(&p, &fast, 0);
	EXPECT_EQ(p.rttvar, 1000u);
	EXPECT_EQ(p.rto, 4000u);
}

TEST(Rto, BackoffDoublesUpToMax)
{
	fsctp_path p{};
	fsctp_path_rto_init(&p, &rp);
	std::vector<uint64_t> seen;
	for (int i = 0; i < 8; i++) {
		fsctp_path_rto_backoff(&p, &rp);
		seen.push_back(p.rto / 1000000);
	}
	EXPECT_EQ(seen, (std::vector<uint64_t>{ 2, 4, 8, 16, 32, 60, 60, 60 }));
}

struct CookieT : ::testing::Test {
	fsctp_cookie_secret s;
	uint8_t key1[FSCTP_COOKIE_KEY_LEN], key2[FSCTP_COOKIE_KEY_LEN],
		key3[FSCTP_COOKIE_KEY_LEN];
	void SetUp() override
	{
		memset(key1, 1, sizeof(key1));
		memset(key2, 2, sizeof(key2));
		memset(key3, 3, sizeof(key3));
		fsctp_cookie_secret_init(&s, key1, 1000, 0);
	}
	void TearDown() override
	{
		fsctp_cookie_secret_fini(&s);
	}
	std::vector<uint8_t> make(uint32_t tag)
	{
		fsctp_cookie_body b;
		memset(&b, 0, sizeof(b));
		b.my_vtag = tag;
		b.n_addrs = 1;
		std::vector<uint8_t> ck(FSCTP_COOKIE_LEN);
		EXPECT_EQ(fsctp_cookie_sign(&s, &b, ck.data(), ck.size()), 0);
		return ck;
	}
};

TEST_F(CookieT, RoundTrip)
{
	std::vector<uint8_t> ck = make(77);
	fsctp_cookie_body b;
	ASSERT_EQ(fsctp_cookie_open(&s, ck.data(), ck.size(), &b), 0);
	EXPECT_EQ(b.my_vtag, 77u);
}

/* RFC 9260 5.1.3: the MAC is HMAC-SHA-256 of the body's parts in use
 * under the secret that signed it; the keyed contexts (reset per cookie)
 * give the same bytes as a one-shot HMAC, cookie after cookie and across
 * a rotation. */
TEST_F(CookieT, MacIsHmacSha256OfTheBodyUnderItsSecret)
{
	ASSERT_NE(s.mac[1], nullptr);
	for (int round = 0; round < 3; round++) {
		const uint8_t *k = round < 2 ? key1 : key2;
		if (round == 2)
			fsctp_cookie_secret_rotate(&s, key2, 1000);
		for (uint32_t tag = 1; tag <= 3; tag++) {
			std::vector<uint8_t> ck = make(tag * 1000 + round);
			uint8_t want[32];
			unsigned int wl = 0;
			size_t body = FSCTP_COOKIE_LEN - FSCTP_COOKIE_MAC_LEN;
			/* Covered: the header and the one address in use,
			 * then the key vector lengths (both vectors empty). */
			size_t o_a = offsetof(fsctp_cookie_body, addrs);
			size_t o_l = offsetof(fsctp_cookie_body, auth_my_len);
			size_t o_m = offsetof(fsctp_cookie_body, auth_my);
			std::vector<uint8_t> in(ck.begin(),
						ck.begin() + o_a +
							sizeof(fsctp_addr));
			in.insert(in.end(), ck.begin() + o_l, ck.begin() + o_m);
			ASSERT_NE(HMAC(EVP_sha256(), k, FSCTP_COOKIE_KEY_LEN,
				       in.data(), in.size(), want, &wl),
				  nullptr);
			ASSERT_EQ(wl, 32u);
			EXPECT_EQ(memcmp(ck.data() + body, want, 32), 0)
				<< round << " " << tag;
		}
	}
}

TEST_F(CookieT, AnyFlippedBitFailsTheMac)
{
	std::vector<uint8_t> ck = make(77);
	fsctp_cookie_body b;
	for (size_t i = 8; i < ck.size(); i += 7) {
		std::vector<uint8_t> x = ck;
		x[i] ^= 0x10;
		EXPECT_EQ(fsctp_cookie_open(&s, x.data(), x.size(), &b),
			  -EACCES)
			<< i;
	}
	EXPECT_EQ(fsctp_cookie_open(&s, ck.data(), ck.size() - 1, &b),
		  -EMSGSIZE);
}

/* The bytes the MAC leaves out (address slots past n_addrs, key vector
 * bytes past their lengths, the tail) are zero when signed and a cookie
 * where one is not is refused; a body signed with stale bytes there
 * opens with them zeroed. */
TEST_F(CookieT, UnusedBytesAreZeroAndChecked)
{
	fsctp_cookie_body b;
	memset(&b, 0xa5, sizeof(b));
	b.n_addrs = 2;
	b.auth_my_len = 3;
	b.auth_peer_len = 0;
	std::vector<uint8_t> ck(FSCTP_COOKIE_LEN);
	ASSERT_EQ(fsctp_cookie_sign(&s, &b, ck.data(), ck.size()), 0);
	fsctp_cookie_body o;
	ASSERT_EQ(fsctp_cookie_open(&s, ck.data(), ck.size(), &o), 0);
	EXPECT_EQ(memcmp(&o.addrs[1], &b.addrs[1], sizeof(o.addrs[1])), 0);
	fsctp_addr z;
	memset(&z, 0, sizeof(z));
	EXPECT_EQ(memcmp(&o.addrs[2], &z, sizeof(z)), 0);
	EXPECT_EQ(o.auth_my[2], 0xa5);
	EXPECT_EQ(o.auth_my[3], 0);
	EXPECT_EQ(o.auth_peer[0], 0);
	size_t unused[] = {
		offsetof(fsctp_cookie_body, addrs) + 2 * sizeof(fsctp_addr),
		offsetof(fsctp_cookie_body, auth_my) + 3,
		offsetof(fsctp_cookie_body, auth_peer) + FSCTP_AUTH_VEC_MAX - 1
	};
	for (size_t off : unused) {
		std::vector<uint8_t> x = ck;
		x[off] = 1;
		EXPECT_EQ(fsctp_cookie_open(&s, x.data(), x.size(), &o),
			  -EACCES)
			<< off;
	}
	/* A length past its array is covered by the MAC, then refused. */
	std::vector<uint8_t> x = ck;
	x[offsetof(fsctp_cookie_body, auth_my_len)] = 0xff;
	EXPECT_EQ(fsctp_cookie_open(&s, x.data(), x.size(), &o), -EACCES);
}

TEST_F(CookieT, OldSecretValidForOneRotationOnly)
{
	std::vector<uint8_t> ck = make(5);
	fsctp_cookie_body b;
	EXPECT_FALSE(fsctp_cookie_secret_due(&s, 999));
	EXPECT_TRUE(fsctp_cookie_secret_due(&s, 1000));
	fsctp_cookie_secret_rotate(&s, key2, 1000);
	EXPECT_EQ(fsctp_cookie_open(&s, ck.data(), ck.size(), &b), 0);
	std::vector<uint8_t> ck2 = make(6);
	fsctp_cookie_secret_rotate(&s, key3, 2000);
	EXPECT_EQ(fsctp_cookie_open(&s, ck.data(), ck.size(), &b), -EACCES);
	EXPECT_EQ(fsctp_cookie_open(&s, ck2.data(), ck2.size(), &b), 0);
}

} // namespace
