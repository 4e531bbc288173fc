/* SPDX-License-Identifier: BSD-3-Clause */
/* Diameter codec and responder (RFC 6733): CER/CEA, DWR/DWA, DPR/DPA,
 * the configured request, and error answers for malformed input. */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "diameter.h"
}

namespace
{

const uint8_t kIp[4] = { 198, 18, 0, 2 };

fsctp_dia_local
local()
{
	fsctp_dia_local l = {};
	l.origin_host = "srv.example.net";
	l.origin_realm = "example.net";
	memcpy(l.ip, kIp, 4);
	l.app_id = 4;
	l.command = 272;
	return l;
}

std::vector<uint8_t>
request(uint32_t code, uint32_t app, bool origin = true, bool session = true)
{
	std::vector<uint8_t> b(1024);
	fsctp_dia_enc e;

	fsctp_dia_begin(&e, b.data(), b.size(),
			FSCTP_DIA_F_REQUEST | FSCTP_DIA_F_PROXIABLE, code, app,
			0x11223344, 0x55667788);
	if (session)
		fsctp_dia_put_str(&e, FSCTP_DIA_AVP_SESSION_ID,
				  FSCTP_DIA_AVP_MANDATORY, "cli;1;2");
	if (origin) {
		fsctp_dia_put_str(&e, FSCTP_DIA_AVP_ORIGIN_HOST,
				  FSCTP_DIA_AVP_MANDATORY, "cli.example.net");
		fsctp_dia_put_str(&e, FSCTP_DIA_AVP_ORIGIN_REALM,
				  FSCTP_DIA_AVP_MANDATORY, "example.net");
	}
	fsctp_dia_put_u32(&e, 1, FSCTP_DIA_AVP_MANDATORY, 10415, 42);
	int n = fsctp_dia_finish(&e);
	EXPECT_GT(n, 0);
	b.resize(n > 0 ? n : 0);
	return b;
}

struct Answer {
	int len;
	fsctp_dia_msg m;
	uint32_t result;
};

Answer
serve(const std::vector<uint8_t> &req, fsctp_dia_srv_counters *c)
{
	static uint8_t out[2048];
	fsctp_dia_local l = local();
	Answer a = {};
	uint32_t r;

	a.len = fsctp_dia_serve(&l, req.data(), req.size(), out, sizeof(out),
				c);
	if (a.len > 0) {
		EXPECT_EQ(fsctp_dia_decode(out, a.len, &a.m, &r), 0);
		EXPECT_EQ(fsctp_dia_get_u32(&a.m, FSCTP_DIA_AVP_RESULT_CODE,
					    &a.result),
			  0);
	}
	return a;
}

} // namespace

/* RFC 6733 3, 4.1: header and AVPs, vendor flag, zero padding. */
TEST(Diameter, EncodeDecode)
{
	auto b = request(272, 4);
	fsctp_dia_msg m;
	uint32_t r;

	ASSERT_EQ(fsctp_dia_decode(b.data(), b.size(), &m, &r), 0);
	EXPECT_EQ(b.size() % 4, 0u);
	EXPECT_EQ(m.flags, FSCTP_DIA_F_REQUEST | FSCTP_DIA_F_PROXIABLE);
	EXPECT_EQ(m.code, 272u);
	EXPECT_EQ(m.app_id, 4u);
	EXPECT_EQ(m.hbh, 0x11223344u);
	EXPECT_EQ(m.e2e, 0x55667788u);
	ASSERT_EQ(m.n_avps, 4u);
	/* "cli;1;2" is 7 bytes: AVP length 15, padded to 16. */
	EXPECT_EQ(m.avps[0].len, 7u);
	EXPECT_EQ(b[20 + 7], 15);
	EXPECT_EQ(b[20 + 15], 0);
	EXPECT_EQ(m.avps[3].vendor, 10415u);
	EXPECT_TRUE(m.avps[3].flags & FSCTP_DIA_AVP_VENDOR);
	EXPECT_EQ(m.avps[3].len, 4u);
	/* fsctp_dia_find looks at vendor 0 only. */
	EXPECT_EQ(fsctp_dia_find(&m, 1), nullptr);
	uint32_t v;
	EXPECT_EQ(fsctp_dia_get_u32(&m, FSCTP_DIA_AVP_SESSION_ID, &v),
		  -EBADMSG);
	EXPECT_EQ(fsctp_dia_get_u32(&m, 999, &v), -ENOENT);
}

/* RFC 6733 5.3: CER answered by CEA 2001 with the same identifiers. */
TEST(Diameter, CerCea)
{
	fsctp_dia_srv_counters c = {};
	Answer a = serve(request(FSCTP_DIA_CMD_CE, 0, true, false), &c);

	ASSERT_GT(a.len, 0);
	EXPECT_EQ(a.result, (uint32_t)FSCTP_DIA_SUCCESS);
	EXPECT_EQ(a.m.code, (uint32_t)FSCTP_DIA_CMD_CE);
	EXPECT_FALSE(a.m.flags & FSCTP_DIA_F_REQUEST);
	EXPECT_EQ(a.m.hbh, 0x11223344u);
	EXPECT_EQ(a.m.e2e, 0x55667788u);
	const fsctp_dia_avp *ip = fsctp_dia_find(&a.m, FSCTP_DIA_AVP_HOST_IP);
	ASSERT_NE(ip, nullptr);
	ASSERT_EQ(ip->len, 6u);
	EXPECT_EQ(ip->data[1], 1); /* IPv4 */
	EXPECT_EQ(0, memcmp(ip->data + 2, kIp, 4));
	const fsctp_dia_avp *oh =
		fsctp_dia_find(&a.m, FSCTP_DIA_AVP_ORIGIN_HOST);
	ASSERT_NE(oh, nullptr);
	EXPECT_EQ(std::string((const char *)oh->data, oh->len),
		  "srv.example.net");
	EXPECT_EQ(c.requests, 1u);
}

/* RFC 6733 5.5, 5.4: DWR/DWA and DPR/DPA. */
TEST(Diameter, DwrDpr)
{
	fsctp_dia_srv_counters c = {};

	Answer a = serve(request(FSCTP_DIA_CMD_DW, 0, true, false), &c);
	EXPECT_EQ(a.m.code, (uint32_t)FSCTP_DIA_CMD_DW);
	EXPECT_EQ(a.result, (uint32_t)FSCTP_DIA_SUCCESS);
	a = serve(request(FSCTP_DIA_CMD_DP, 0, true, false), &c);
	EXPECT_EQ(a.m.code, (uint32_t)FSCTP_DIA_CMD_DP);
	EXPECT_EQ(a.result, (uint32_t)FSCTP_DIA_SUCCESS);
}

/* The configured request: answer echoes the Session-Id and ids. */
TEST(Diameter, ConfiguredRequest)
{
	fsctp_dia_srv_counters c = {};
	Answer a = serve(request(272, 4), &c);

	ASSERT_GT(a.len, 0);
	EXPECT_EQ(a.result, (uint32_t)FSCTP_DIA_SUCCESS);
	EXPECT_EQ(a.m.hbh, 0x11223344u);
	EXPECT_EQ(a.m.avps[0].code, (uint32_t)FSCTP_DIA_AVP_SESSION_ID);
	EXPECT_EQ(std::string((const char *)a.m.avps[0].data, a.m.avps[0].len),
		  "cli;1;2");
	EXPECT_FALSE(a.m.flags & FSCTP_DIA_F_ERROR);
	EXPECT_TRUE(a.m.flags & FSCTP_DIA_F_PROXIABLE);
}

/* RFC 6733 7.1.3: protocol errors set the E bit; 7.1.5 permanent
 * failures do not. */
TEST(DiameterMalformed, ErrorAnswers)
{
	fsctp_dia_srv_counters c = {};

	Answer a = serve(request(999, 4), &c);
	EXPECT_EQ(a.result, (uint32_t)FSCTP_DIA_COMMAND_UNSUPPORTED);
	EXPECT_TRUE(a.m.flags & FSCTP_DIA_F_ERROR);
	a = serve(request(272, 5), &c);
	EXPECT_EQ(a.result, (uint32_t)FSCTP_DIA_APPLICATION_UNSUPPORTED);
	EXPECT_TRUE(a.m.flags & FSCTP_DIA_F_ERROR);
	a = serve(request(272, 4, false), &c);
	EXPECT_EQ(a.result, (uint32_t)FSCTP_DIA_MISSING_AVP);
	EXPECT_FALSE(a.m.flags & FSCTP_DIA_F_ERROR);
	EXPECT_EQ(c.malformed, 3u);
	EXPECT_EQ(c.requests, 0u);
}

TEST(DiameterMalformed, HeaderAndAvpErrors)
{
	fsctp_dia_srv_counters c = {};
	auto good = request(272, 4);

	auto b = good;
	b[0] = 2;
	EXPECT_EQ(serve(b, &c).result, (uint32_t)FSCTP_DIA_UNSUPPORTED_VERSION);
	b = good;
	b[4] |= 0x01;
	EXPECT_EQ(serve(b, &c).result, (uint32_t)FSCTP_DIA_INVALID_HDR_BITS);
	b = good;
	b[4] |= FSCTP_DIA_F_ERROR; /* E on a request */
	EXPECT_EQ(serve(b, &c).result, (uint32_t)FSCTP_DIA_INVALID_HDR_BITS);
	b = good;
	b[3] += 4; /* length beyond the message */
	EXPECT_EQ(serve(b, &c).result,
		  (uint32_t)FSCTP_DIA_INVALID_MESSAGE_LENGTH);
	b = good;
	b[20 + 4] |= 0x01; /* reserved AVP flag */
	EXPECT_EQ(serve(b, &c).result, (uint32_t)FSCTP_DIA_INVALID_AVP_BITS);
	b = good;
	b[20 + 7] = 7; /* AVP length below its header */
	EXPECT_EQ(serve(b, &c).result, (uint32_t)FSCTP_DIA_INVALID_AVP_LENGTH);
	b = good;
	b[20 + 7] = 200; /* AVP past the end */
	EXPECT_EQ(serve(b, &c).result, (uint32_t)FSCTP_DIA_INVALID_AVP_LENGTH);
	b = good;
	b[20 + 4] |= FSCTP_DIA_AVP_VENDOR; /* V set, length 15 < 12 + data? */
	b[20 + 7] = 11;			   /* shorter than a vendor header */
	EXPECT_EQ(serve(b, &c).result, (uint32_t)FSCTP_DIA_INVALID_AVP_LENGTH);
	EXPECT_EQ(c.malformed, 8u);
}

/* Every prefix: never read past, answered when the header is whole. */
TEST(DiameterMalformed, EveryPrefix)
{
	auto good = request(272, 4);
	fsctp_dia_srv_counters c = {};
	static uint8_t out[2048];
	fsctp_dia_local l = local();

	for (size_t n = 0; n < good.size(); n++) {
		uint8_t *h = new uint8_t[n ? n : 1];
		fsctp_dia_msg m;
		uint32_t r = 0;

		memcpy(h, good.data(), n);
		EXPECT_EQ(fsctp_dia_decode(h, n, &m, &r), -EBADMSG) << n;
		EXPECT_EQ(r, (uint32_t)FSCTP_DIA_INVALID_MESSAGE_LENGTH) << n;
		int len = fsctp_dia_serve(&l, h, n, out, sizeof(out), &c);
		if (n < FSCTP_DIA_HDR_LEN)
			EXPECT_EQ(len, 0);
		else
			EXPECT_GT(len, 0);
		delete[] h;
	}
	EXPECT_EQ(c.unanswerable, (uint64_t)FSCTP_DIA_HDR_LEN);
}

/* Answers are counted, never answered. */
TEST(DiameterMalformed, AnswerNotAnswered)
{
	fsctp_dia_srv_counters c = {};
	auto b = request(272, 4);

	b[4] &= (uint8_t)~FSCTP_DIA_F_REQUEST;
	EXPECT_EQ(serve(b, &c).len, 0);
	EXPECT_EQ(c.answers_in, 1u);
	b[0] = 9; /* a broken answer: still silent */
	EXPECT_EQ(serve(b, &c).len, 0);
	EXPECT_EQ(c.unanswerable, 1u);
}

TEST(DiameterMalformed, ByteFlipsNeverCrash)
{
	auto good = request(272, 4);
	fsctp_dia_srv_counters c = {};
	static uint8_t out[2048];
	fsctp_dia_local l = local();

	for (size_t i = 0; i < good.size(); i++)
		for (int v : { 0x00, 0x01, 0x80, 0xff }) {
			auto b = good;
			b[i] = (uint8_t)v;
			EXPECT_GE(fsctp_dia_serve(&l, b.data(), b.size(), out,
						  sizeof(out), &c),
				  0);
		}
	EXPECT_GT(c.malformed, 0u);
}

TEST(Diameter, EncodeNoSpace)
{
	uint8_t b[32];
	fsctp_dia_enc e;

	fsctp_dia_begin(&e, b, sizeof(b), FSCTP_DIA_F_REQUEST, 280, 0, 1, 2);
	fsctp_dia_put_str(&e, FSCTP_DIA_AVP_ORIGIN_HOST, 0, "a-long-host-name");
	EXPECT_EQ(fsctp_dia_finish(&e), -ENOSPC);
	fsctp_dia_begin(&e, b, 10, FSCTP_DIA_F_REQUEST, 280, 0, 1, 2);
	EXPECT_EQ(fsctp_dia_finish(&e), -ENOSPC);
}
