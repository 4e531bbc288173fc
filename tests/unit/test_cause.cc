/* SPDX-License-Identifier: BSD-3-Clause */
/* Error cause decoders and encoders (RFC 9260 3.3.10, 5061, 4895). */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "fsctp_cause.h"
#include "wire_test_util.h"

using namespace wire_test;

namespace
{

/* Encode with fn into a fresh buffer and decode the single cause. */
template <typename F>
int
round_trip(F fn, fsctp_cause_info *out, std::vector<uint8_t> *bytes = nullptr)
{
	uint8_t mem[512];
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, mem, sizeof(mem));
	int rc = fn(&w);
	EXPECT_EQ(rc, 0);
	EXPECT_EQ(w.len % 4, 0u);
	static std::vector<Exact> keep; /* decoded spans point into these */
	keep.emplace_back(w);
	if (bytes)
		bytes->assign(mem, mem + w.len);
	fsctp_tlv t = first_tlv(keep.back(), FSCTP_TLV_PARAM);
	return fsctp_decode_cause(&t, out);
}

int
decode_raw(const std::vector<uint8_t> &v, fsctp_cause_info *out)
{
	static std::vector<Exact> keep;
	keep.emplace_back(v);
	fsctp_tlv t = first_tlv(keep.back(), FSCTP_TLV_PARAM);
	return fsctp_decode_cause(&t, out);
}

TEST(Cause, InvalidStreamIdentifier)
{
	fsctp_cause_info c;
	ASSERT_EQ(round_trip(
			  [](fsctp_wbuf *w) {
				  return fsctp_encode_cause_invalid_stream(
					  w, 0xBEEF);
			  },
			  &c),
		  0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_INVALID_STREAM);
	EXPECT_EQ(c.sid, 0xBEEF);
	EXPECT_EQ(decode_raw({ 0, 1, 0, 6, 0, 1, 0, 0 }, &c), -EINVAL);
}

TEST(Cause, MissingMandatoryParameterList)
{
	const uint16_t types[] = { FSCTP_PARAM_STATE_COOKIE, 5, 6 };
	fsctp_cause_info c;
	ASSERT_EQ(round_trip(
			  [&](fsctp_wbuf *w) {
				  return fsctp_encode_cause_missing_params(
					  w, types, 3);
			  },
			  &c),
		  0);
	ASSERT_EQ(c.n_missing, 3u);
	EXPECT_EQ(c.body_kind, FSCTP_CAUSE_BODY_TYPE_LIST);
	for (unsigned i = 0; i < 3; i++) {
		uint16_t t;
		ASSERT_EQ(fsctp_cause_missing_type(&c, i, &t), 0);
		EXPECT_EQ(t, types[i]);
	}
	uint16_t t;
	EXPECT_EQ(fsctp_cause_missing_type(&c, 3, &t), -ERANGE);
	/* A count larger than the list is invalid, and so is no count. */
	EXPECT_EQ(decode_raw({ 0, 2, 0, 10, 0, 0, 0, 2, 0, 7 }, &c), -EINVAL);
	EXPECT_EQ(c.n_missing, 0u);
	EXPECT_EQ(decode_raw({ 0, 2, 0, 4 }, &c), -EINVAL);
}

TEST(Cause, StaleCookieNoUserDataAndHeaderOnlyCauses)
{
	fsctp_cause_info c;
	ASSERT_EQ(round_trip(
			  [](fsctp_wbuf *w) {
				  return fsctp_encode_cause_stale_cookie(
					  w, 123456789);
			  },
			  &c),
		  0);
	EXPECT_EQ(c.staleness_us, 123456789u);
	ASSERT_EQ(round_trip(
			  [](fsctp_wbuf *w) {
				  return fsctp_encode_cause_no_user_data(
					  w, 0xFFFFFFFF);
			  },
			  &c),
		  0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_NO_USER_DATA);
	EXPECT_EQ(c.tsn, 0xFFFFFFFFu);
	ASSERT_EQ(round_trip(fsctp_encode_cause_out_of_resource, &c), 0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_OUT_OF_RESOURCE);
	ASSERT_EQ(round_trip(fsctp_encode_cause_invalid_param, &c), 0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_INVALID_PARAM);
	ASSERT_EQ(round_trip(fsctp_encode_cause_cookie_while_shutdown, &c), 0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_COOKIE_WHILE_SHUTDOWN);
	EXPECT_EQ(decode_raw({ 0, 3, 0, 6, 0, 1, 0, 0 }, &c), -EINVAL);
	EXPECT_EQ(decode_raw({ 0, 9, 0, 4 }, &c), -EINVAL);
	EXPECT_EQ(decode_raw({ 0, 4, 0, 5, 1, 0, 0, 0 }, &c), -EINVAL);
	EXPECT_EQ(decode_raw({ 0, 10, 0, 8, 1, 2, 3, 4 }, &c), -EINVAL);
}

TEST(Cause, UnresolvableAddressNestsATlv)
{
	std::vector<uint8_t> a;
	put_param(a, FSCTP_PARAM_IPV4, { 198, 18, 7, 7 });
	fsctp_cause_info c;
	ASSERT_EQ(round_trip(
			  [&](fsctp_wbuf *w) {
				  return fsctp_encode_cause_unresolvable_addr(
					  w, a.data(), a.size());
			  },
			  &c),
		  0);
	EXPECT_EQ(c.body_kind, FSCTP_CAUSE_BODY_PARAMS);
	EXPECT_EQ(c.n_nested, 1u);
	fsctp_tlv_iter it;
	fsctp_tlv t;
	fsctp_cause_nested_iter(&c, &it);
	ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
	fsctp_addr ad;
	ASSERT_EQ(fsctp_decode_addr_param(&t, &ad), 0);
	EXPECT_EQ(ad.ip.v4[2], 7);
	/* A nested TLV that runs past the cause. */
	EXPECT_EQ(decode_raw({ 0, 5, 0, 8, 0, 5, 0, 8 }, &c), -EBADMSG);
}

TEST(Cause, UnrecognizedChunkType)
{
	const uint8_t chunk[] = { 0x7F, 0, 0, 6, 1, 2 };
	fsctp_cause_info c;
	ASSERT_EQ(round_trip(
			  [&](fsctp_wbuf *w) {
				  return fsctp_encode_cause_unrecognized_chunk(
					  w, chunk, sizeof(chunk));
			  },
			  &c),
		  0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_UNRECOGNIZED_CHUNK);
	ASSERT_EQ(c.body.len, sizeof(chunk));
	EXPECT_EQ(memcmp(c.body.ptr, chunk, sizeof(chunk)), 0);
	EXPECT_EQ(decode_raw({ 0, 6, 0, 7, 0x7F, 0, 0 }, &c), -EBADMSG);
}

TEST(Cause, UnrecognizedParametersNestedAndMalformed)
{
	/* Two unknown parameters from an INIT ACK, one of odd length. */
	std::vector<uint8_t> raw;
	put_param(raw, 0xC0DE, { 1, 2, 3 });
	put_param(raw, 0x8BAD, { 4, 5, 6, 7 });
	Exact r(raw);
	fsctp_span ps[2] = { { r.data(), 7 }, { r.data() + 8, 8 } };
	fsctp_cause_info c;
	std::vector<uint8_t> bytes;
	ASSERT_EQ(round_trip(
			  [&](fsctp_wbuf *w) {
				  return fsctp_encode_cause_unrecognized_params(
					  w, ps, 2);
			  },
			  &c, &bytes),
		  0);
	EXPECT_EQ(bytes.size(), 4 + raw.size());
	EXPECT_EQ(c.n_nested, 2u);
	fsctp_tlv_iter it;
	fsctp_tlv t;
	fsctp_cause_nested_iter(&c, &it);
	ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
	EXPECT_EQ(t.type, 0xC0DE);
	EXPECT_EQ(t.value_len, 3);
	ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
	EXPECT_EQ(t.type, 0x8BAD);
	EXPECT_EQ(fsctp_tlv_next(&it, &t), 0);

	/* Nested Length below 4, past the end, and a short header. */
	EXPECT_EQ(decode_raw({ 0, 8, 0, 8, 0xC0, 1, 0, 3 }, &c), -EBADMSG);
	EXPECT_EQ(
		decode_raw({ 0, 8, 0, 12, 0xC0, 1, 0, 4, 0xC0, 1, 0, 12 }, &c),
		-EBADMSG);
	EXPECT_EQ(decode_raw({ 0, 8, 0, 6, 0xC0, 1 }, &c), -EBADMSG);
}

TEST(Cause, RestartWithNewAddresses)
{
	fsctp_addr a[2];
	fsctp_addr_set_v4(&a[0], 198, 18, 0, 5, 0);
	memset(&a[1], 0, sizeof(a[1]));
	a[1].family = FSCTP_AF_INET6;
	a[1].ip.v6[15] = 9;
	fsctp_cause_info c;
	ASSERT_EQ(round_trip(
			  [&](fsctp_wbuf *w) {
				  return fsctp_encode_cause_restart_new_addrs(
					  w, a, 2);
			  },
			  &c),
		  0);
	ASSERT_EQ(c.n_nested, 2u);
	fsctp_tlv_iter it;
	fsctp_tlv t;
	fsctp_cause_nested_iter(&c, &it);
	for (auto &x : a) {
		fsctp_addr o;
		ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
		ASSERT_EQ(fsctp_decode_addr_param(&t, &o), 0);
		EXPECT_TRUE(fsctp_addr_ip_eq(&o, &x));
	}
}

TEST(Cause, UserAbortAndProtocolViolationCarryBytes)
{
	fsctp_cause_info c;
	ASSERT_EQ(round_trip(
			  [](fsctp_wbuf *w) {
				  return fsctp_encode_cause_user_abort(
					  w, "reason", 6);
			  },
			  &c),
		  0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_USER_ABORT);
	ASSERT_EQ(c.body.len, 6);
	EXPECT_EQ(memcmp(c.body.ptr, "reason", 6), 0);
	ASSERT_EQ(round_trip(
			  [](fsctp_wbuf *w) {
				  return fsctp_encode_cause_protocol_violation(
					  w, "x", 1);
			  },
			  &c),
		  0);
	EXPECT_EQ(c.code, FSCTP_CAUSE_PROTOCOL_VIOLATION);
	EXPECT_EQ(c.body.len, 1);
	EXPECT_EQ(c.body_kind, FSCTP_CAUSE_BODY_OPAQUE);
	ASSERT_EQ(round_trip(
			  [](fsctp_wbuf *w) {
				  return fsctp_encode_cause_user_abort(
					  w, nullptr, 0);
			  },
			  &c),
		  0);
	EXPECT_EQ(c.body_kind, FSCTP_CAUSE_BODY_NONE);
}

TEST(Cause, AsconfAndAuthExtensionCauses)
{
	std::vector<uint8_t> p;
	put16(p, FSCTP_PARAM_DEL_IP);
	put16(p, 16);
	put32(p, 5);
	put_param(p, FSCTP_PARAM_IPV4, { 198, 18, 0, 1 });
	for (uint16_t code = FSCTP_CAUSE_DEL_LAST_IP;
	     code <= FSCTP_CAUSE_NO_AUTHORIZATION; code++) {
		fsctp_cause_info c;
		ASSERT_EQ(round_trip(
				  [&](fsctp_wbuf *w) {
					  return fsctp_encode_cause_asconf(
						  w, code, p.data(), p.size());
				  },
				  &c),
			  0);
		EXPECT_EQ(c.code, code);
		ASSERT_EQ(c.n_nested, 1u);
		fsctp_tlv_iter it;
		fsctp_tlv t;
		fsctp_cause_nested_iter(&c, &it);
		ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
		fsctp_asconf_param ap;
		ASSERT_EQ(fsctp_decode_asconf_param(&t, &ap), 0);
		EXPECT_EQ(ap.corr_id, 5u);
	}
	uint8_t mem[16];
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, mem, sizeof(mem));
	EXPECT_EQ(fsctp_encode_cause_asconf(&w, FSCTP_CAUSE_USER_ABORT, nullptr,
					    0),
		  -EINVAL);
	fsctp_cause_info c;
	std::vector<uint8_t> bytes;
	ASSERT_EQ(round_trip(
			  [](fsctp_wbuf *wb) {
				  return fsctp_encode_cause_unsupported_hmac(wb,
									     3);
			  },
			  &c, &bytes),
		  0);
	EXPECT_EQ(c.hmac_id, 3);
	EXPECT_EQ(fsctp_rd16(bytes.data() + 2), 6);
	EXPECT_EQ(decode_raw({ 0x01, 0x05, 0, 5, 1, 0, 0, 0 }, &c), -EINVAL);
}

TEST(Cause, UnknownCodeIsOpaque)
{
	fsctp_cause_info c;
	ASSERT_EQ(decode_raw({ 0x12, 0x34, 0, 7, 1, 2, 3, 0 }, &c), 0);
	EXPECT_EQ(c.code, 0x1234);
	EXPECT_EQ(c.body_kind, FSCTP_CAUSE_BODY_OPAQUE);
	EXPECT_EQ(c.body.len, 3);
}

} // namespace
