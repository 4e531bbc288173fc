/* SPDX-License-Identifier: BSD-3-Clause */
/* M3UA codec (RFC 4666 section 3): good messages, every prefix, bad
 * lengths, unknown classes, types and parameters. */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <vector>

extern "C" {
#include "m3ua.h"
}

namespace
{

std::vector<uint8_t>
encode(const fsctp_m3ua_msg &m)
{
	std::vector<uint8_t> b(2048);
	int n = fsctp_m3ua_encode(&m, b.data(), b.size());

	EXPECT_GT(n, 0);
	b.resize(n > 0 ? n : 0);
	return b;
}

uint32_t
decode_err(const std::vector<uint8_t> &b)
{
	fsctp_m3ua_msg m;
	uint32_t err = 0;

	EXPECT_EQ(fsctp_m3ua_decode(b.data(), b.size(), &m, &err), -EBADMSG);
	return err;
}

std::vector<uint8_t>
data_msg(uint32_t payload_len)
{
	std::vector<uint8_t> pay(payload_len, 0xab);
	fsctp_m3ua_pd pd = {};
	std::vector<uint8_t> b(2048);

	pd.opc = 0x1234;
	pd.dpc = 0x0abcde;
	pd.si = 3;
	pd.ni = 2;
	pd.mp = 1;
	pd.sls = 0x0f;
	pd.data = pay.data();
	pd.len = payload_len;
	int n = fsctp_m3ua_encode_data(b.data(), b.size(), true, 7, &pd);
	EXPECT_GT(n, 0);
	b.resize(n);
	return b;
}

} // namespace

/* RFC 4666 3.5.1: ASP Up with an ASP Identifier, byte for byte. */
TEST(M3uaCodec, AspUpBytes)
{
	fsctp_m3ua_msg m = {};
	const uint8_t want[16] = { 0x01, 0x00, 0x03, 0x01, 0, 0, 0,    0x10,
				   0x00, 0x11, 0x00, 0x08, 0, 0, 0x03, 0xea };

	m.cls = FSCTP_M3UA_ASPSM;
	m.type = FSCTP_M3UA_ASPUP;
	m.present = FSCTP_M3UA_HAS_ASP_ID;
	m.asp_id = 1002;
	auto b = encode(m);
	ASSERT_EQ(b.size(), sizeof(want));
	EXPECT_EQ(0, memcmp(b.data(), want, sizeof(want)));
}

/* RFC 4666 3.2, 3.3.1: DATA with a payload that needs padding; the
 * message length includes the padding, the parameter length does not. */
TEST(M3uaCodec, DataRoundTripWithPadding)
{
	auto b = data_msg(5);
	fsctp_m3ua_msg m;
	uint32_t err = 0;

	/* header 8 + RC 8 + PD (4 + 12 + 5 = 21, padded 24) */
	ASSERT_EQ(b.size(), 40u);
	EXPECT_EQ(b[7], 40);
	EXPECT_EQ(b[16 + 2], 0);
	EXPECT_EQ(b[16 + 3], 21);
	EXPECT_EQ(b[37], 0); /* padding zero */
	EXPECT_EQ(b[38], 0);
	EXPECT_EQ(b[39], 0);
	ASSERT_EQ(fsctp_m3ua_decode(b.data(), b.size(), &m, &err), 0);
	EXPECT_EQ(m.cls, FSCTP_M3UA_TRANSFER);
	EXPECT_EQ(m.type, FSCTP_M3UA_DATA);
	ASSERT_EQ(m.n_rc, 1u);
	EXPECT_EQ(m.rc[0], 7u);
	EXPECT_EQ(m.pd.opc, 0x1234u);
	EXPECT_EQ(m.pd.dpc, 0x0abcdeu);
	EXPECT_EQ(m.pd.si, 3);
	EXPECT_EQ(m.pd.ni, 2);
	EXPECT_EQ(m.pd.mp, 1);
	EXPECT_EQ(m.pd.sls, 0x0f);
	ASSERT_EQ(m.pd.len, 5u);
	EXPECT_EQ(m.pd.data[4], 0xab);
}

/* Every parameter the encoder knows survives a round trip. */
TEST(M3uaCodec, AllParamsRoundTrip)
{
	fsctp_m3ua_msg m = {}, d;
	const uint8_t info[] = "fsctp";
	const uint8_t hb[] = { 1, 2, 3 };
	uint32_t err;

	m.cls = FSCTP_M3UA_MGMT;
	m.type = FSCTP_M3UA_NTFY;
	m.present = FSCTP_M3UA_HAS_STATUS | FSCTP_M3UA_HAS_RC |
		    FSCTP_M3UA_HAS_ASP_ID | FSCTP_M3UA_HAS_INFO |
		    FSCTP_M3UA_HAS_HB_DATA | FSCTP_M3UA_HAS_NA |
		    FSCTP_M3UA_HAS_CORR_ID | FSCTP_M3UA_HAS_TMT;
	m.st_type = FSCTP_M3UA_ST_AS_STATE_CHANGE;
	m.st_info = FSCTP_M3UA_AS_ACTIVE;
	m.n_rc = 3;
	m.rc[0] = 1;
	m.rc[1] = 2;
	m.rc[2] = 0xffffffff;
	m.asp_id = 9;
	m.info = info;
	m.info_len = 5;
	m.hb = hb;
	m.hb_len = 3;
	m.na = 4;
	m.corr_id = 77;
	m.tmt = FSCTP_M3UA_TMT_LOADSHARE;
	auto b = encode(m);
	EXPECT_EQ(b.size() % 4, 0u);
	ASSERT_EQ(fsctp_m3ua_decode(b.data(), b.size(), &d, &err), 0);
	EXPECT_EQ(d.present, m.present);
	EXPECT_EQ(d.st_info, FSCTP_M3UA_AS_ACTIVE);
	EXPECT_EQ(d.n_rc, 3u);
	EXPECT_EQ(d.rc[2], 0xffffffffu);
	EXPECT_EQ(d.asp_id, 9u);
	ASSERT_EQ(d.info_len, 5);
	EXPECT_EQ(0, memcmp(d.info, "fsctp", 5));
	ASSERT_EQ(d.hb_len, 3);
	EXPECT_EQ(d.hb[2], 3);
	EXPECT_EQ(d.na, 4u);
	EXPECT_EQ(d.corr_id, 77u);
	EXPECT_EQ(d.tmt, (uint32_t)FSCTP_M3UA_TMT_LOADSHARE);
}

/* SSNM (RFC 4666 3.4): DUNA with several affected point codes. */
TEST(M3uaCodec, DunaPointCodes)
{
	fsctp_m3ua_msg m = {}, d;
	uint32_t err;

	m.cls = FSCTP_M3UA_SSNM;
	m.type = FSCTP_M3UA_DUNA;
	m.present = FSCTP_M3UA_HAS_APC;
	m.n_apc = 2;
	m.apc[0] = 0x00000102;
	m.apc[1] = 0x08000200; /* mask 8 */
	auto b = encode(m);
	ASSERT_EQ(fsctp_m3ua_decode(b.data(), b.size(), &d, &err), 0);
	ASSERT_EQ(d.n_apc, 2u);
	EXPECT_EQ(d.apc[1] >> 24, 8u);
	EXPECT_EQ(d.apc[1] & 0xffffff, 0x200u);
	EXPECT_STREQ(fsctp_m3ua_msg_name(d.cls, d.type), "DUNA");
}

/* Every prefix of a valid message is refused, never read past. */
TEST(M3uaMalformed, EveryPrefix)
{
	auto b = data_msg(7);

	for (size_t n = 0; n < b.size(); n++) {
		std::vector<uint8_t> p(b.begin(), b.begin() + n);
		fsctp_m3ua_msg m;
		uint32_t err = 0;

		/* A heap copy of exactly n bytes lets ASan see overreads. */
		uint8_t *h = new uint8_t[n ? n : 1];
		if (n)
			memcpy(h, p.data(), n);
		EXPECT_EQ(fsctp_m3ua_decode(h, n, &m, &err), -EBADMSG) << n;
		EXPECT_EQ(err, (uint32_t)FSCTP_M3UA_E_PROTOCOL) << n;
		delete[] h;
	}
}

/* Same, with the header length rewritten to match the prefix: now the
 * parameter lengths are what is wrong. */
TEST(M3uaMalformed, EveryPrefixConsistentHeader)
{
	auto b = data_msg(7);

	for (size_t n = 8; n < b.size(); n++) {
		std::vector<uint8_t> p(b.begin(), b.begin() + n);

		p[4] = p[5] = p[6] = 0;
		p[7] = (uint8_t)n;
		uint32_t err = decode_err(p);
		/* Cut inside RC or PD: a field error; cut exactly before or after
		 * the RC: DATA without its Protocol Data. */
		if (n == 8 || n == 16)
			EXPECT_EQ(err, (uint32_t)FSCTP_M3UA_E_MISSING_PARAM);
		else
			EXPECT_EQ(err, (uint32_t)FSCTP_M3UA_E_PARAM_FIELD) << n;
	}
}

TEST(M3uaMalformed, BadHeaderLength)
{
	auto b = data_msg(4);

	b[7] += 4;
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PROTOCOL);
	b[7] -= 8;
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PROTOCOL);
	b[4] = 0x80; /* huge */
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PROTOCOL);
}

/* RFC 4666 3.8.1: Invalid Version. */
TEST(M3uaMalformed, BadVersion)
{
	auto b = data_msg(4);

	b[0] = 2;
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_INVALID_VERSION);
}

/* RFC 4666 3.8.1: Unsupported Message Class / Type. */
TEST(M3uaMalformed, UnknownClassAndType)
{
	std::vector<uint8_t> b = { 1, 0, 0, 0, 0, 0, 0, 8 };
	const uint8_t bad_cls[] = { 5, 6, 7, 8, 9, 10, 0x7f, 0xff };
	const uint8_t bad_type[][2] = { { 0, 2 },   { 1, 0 }, { 1, 2 },
					{ 2, 0 },   { 2, 7 }, { 3, 0 },
					{ 3, 7 },   { 4, 0 }, { 4, 5 },
					{ 3, 0xff } };

	for (uint8_t c : bad_cls) {
		b[2] = c;
		b[3] = 1;
		EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_UNSUP_CLASS)
			<< (int)c;
	}
	for (auto &ct : bad_type) {
		b[2] = ct[0];
		b[3] = ct[1];
		EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_UNSUP_TYPE)
			<< (int)ct[0] << "/" << (int)ct[1];
	}
}

TEST(M3uaMalformed, ParameterLengths)
{
	/* ASPUP with an ASP Id whose length field says 3 (< 4). */
	std::vector<uint8_t> b = { 1, 0,    3, 1, 0, 0, 0, 16,
				   0, 0x11, 0, 3, 0, 0, 0, 1 };
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PARAM_FIELD);
	b[11] = 12; /* past the end */
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PARAM_FIELD);
	b[11] = 6; /* 2-byte ASP id: wrong size for the field */
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PARAM_FIELD);
	/* Length 0x0d: padding would need 16 bytes, only 8 left. */
	b[11] = 0x09;
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PARAM_FIELD);
	b[11] = 8;
	fsctp_m3ua_msg m;
	uint32_t err;
	EXPECT_EQ(fsctp_m3ua_decode(b.data(), b.size(), &m, &err), 0);
	/* Trailing bytes shorter than a parameter header. */
	b.push_back(0);
	b.push_back(0);
	b[7] = 18;
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PARAM_FIELD);
}

/* RFC 4666 3.8.1: Unexpected Parameter for a tag M3UA does not define. */
TEST(M3uaMalformed, UnknownParameter)
{
	std::vector<uint8_t> b = { 1,	 0,    3, 1, 0, 0, 0, 16,
				   0x7f, 0x01, 0, 8, 0, 0, 0, 1 };
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_UNEXPECTED_PARAM);
}

/* RFC 4666 3.5.1: traffic mode 1..3; others Unsupported Traffic Mode. */
TEST(M3uaMalformed, TrafficModeValue)
{
	std::vector<uint8_t> b = { 1, 0,    4, 1, 0, 0, 0, 16,
				   0, 0x0b, 0, 8, 0, 0, 0, 4 };
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_UNSUP_TMT);
	b[15] = 0;
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_UNSUP_TMT);
	b[15] = 2;
	fsctp_m3ua_msg m;
	uint32_t err;
	EXPECT_EQ(fsctp_m3ua_decode(b.data(), b.size(), &m, &err), 0);
}

/* Mandatory parameters: Missing Parameter (RFC 4666 3.8.1). */
TEST(M3uaMalformed, MissingMandatory)
{
	const uint8_t cls_type[][2] = { { 1, 1 }, { 0, 0 }, { 0, 1 },
					{ 2, 1 }, { 2, 2 }, { 2, 3 } };

	for (auto &ct : cls_type) {
		std::vector<uint8_t> b = { 1, 0, ct[0], ct[1], 0, 0, 0, 8 };
		EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_MISSING_PARAM)
			<< (int)ct[0] << "/" << (int)ct[1];
	}
}

/* A Protocol Data shorter than its fixed 12 bytes. */
TEST(M3uaMalformed, ShortProtocolData)
{
	std::vector<uint8_t> b = { 1, 0,  1, 1, 0, 0, 0, 20, 0x02, 0x10,
				   0, 12, 0, 0, 0, 1, 0, 0,  0,	   2 };
	EXPECT_EQ(decode_err(b), (uint32_t)FSCTP_M3UA_E_PARAM_FIELD);
}

/* Single-byte corruptions anywhere: decode either accepts or names an
 * error, and never crashes (run under ASan). */
TEST(M3uaMalformed, ByteFlipsNeverCrash)
{
	auto good = data_msg(9);
	int bad = 0;

	for (size_t i = 0; i < good.size(); i++)
		for (int v : { 0x00, 0x01, 0x7f, 0x80, 0xff }) {
			auto b = good;
			fsctp_m3ua_msg m;
			uint32_t err = 0;

			b[i] = (uint8_t)v;
			if (fsctp_m3ua_decode(b.data(), b.size(), &m, &err) !=
			    0) {
				EXPECT_NE(err, 0u);
				bad++;
			}
		}
	EXPECT_GT(bad, 0);
}

TEST(M3uaCodec, EncodeNoSpace)
{
	fsctp_m3ua_msg m = {};
	uint8_t b[64];
	std::vector<uint8_t> pay(100, 1);
	fsctp_m3ua_pd pd = {};

	m.cls = FSCTP_M3UA_ASPSM;
	m.type = FSCTP_M3UA_ASPUP;
	EXPECT_EQ(fsctp_m3ua_encode(&m, b, 7), -ENOSPC);
	EXPECT_EQ(fsctp_m3ua_encode(&m, b, 8), 8);
	m.present = FSCTP_M3UA_HAS_ASP_ID;
	EXPECT_EQ(fsctp_m3ua_encode(&m, b, 15), -ENOSPC);
	pd.data = pay.data();
	pd.len = 100;
	EXPECT_EQ(fsctp_m3ua_encode_data(b, sizeof(b), false, 0, &pd), -ENOSPC);
	m.n_rc = FSCTP_M3UA_MAX_RC + 1;
	EXPECT_EQ(fsctp_m3ua_encode(&m, b, sizeof(b)), -EINVAL);
	EXPECT_EQ(fsctp_m3ua_decode(nullptr, 8, &m, nullptr), -EINVAL);
}

/* RFC 4666 1.4.7: management on stream 0, DATA by SLS on the others. */
TEST(M3uaCodec, StreamBySls)
{
	EXPECT_EQ(fsctp_m3ua_stream(FSCTP_M3UA_ASPSM, 5, 16), 0);
	EXPECT_EQ(fsctp_m3ua_stream(FSCTP_M3UA_MGMT, 5, 16), 0);
	EXPECT_EQ(fsctp_m3ua_stream(FSCTP_M3UA_TRANSFER, 0, 16), 1);
	EXPECT_EQ(fsctp_m3ua_stream(FSCTP_M3UA_TRANSFER, 14, 16), 15);
	EXPECT_EQ(fsctp_m3ua_stream(FSCTP_M3UA_TRANSFER, 15, 16), 1);
	EXPECT_EQ(fsctp_m3ua_stream(FSCTP_M3UA_TRANSFER, 15, 1), 0);
}
