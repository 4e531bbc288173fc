/* SPDX-License-Identifier: BSD-3-Clause */
/* Chunk decoders and encoders (RFC 9260 3.3 and the extension RFCs). */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "fsctp_cause.h"
#include "fsctp_chunk.h"
#include "wire_test_util.h"

using namespace wire_test;

namespace
{

/* A writer over a fresh buffer. */
struct Writer {
	std::vector<uint8_t> mem;
	fsctp_wbuf w;

	explicit Writer(size_t cap = 8192) : mem(cap)
	{
		fsctp_wbuf_init(&w, mem.data(), cap);
	}
};

/* An INIT fixed part with the given parameter bytes after it. */
std::vector<uint8_t>
init_chunk(const std::vector<uint8_t> &params, uint8_t type = FSCTP_CHUNK_INIT)
{
	std::vector<uint8_t> v = { type, 0, 0, 0 };
	put32(v, 0x11223344);
	put32(v, 65536);
	put16(v, 10);
	put16(v, 20);
	put32(v, 0xFFFFFFF0u);
	v.insert(v.end(), params.begin(), params.end());
	set_len(v, 0, (uint16_t)v.size());
	return v;
}

/* ---------------------------------------------------------------------- */
/* INIT / INIT ACK                                                        */
/* ---------------------------------------------------------------------- */

TEST(ChunkInit, RoundTripEveryParameter)
{
	fsctp_init_info in, out;
	const uint8_t host[] = "example.net";
	const uint8_t rnd[32] = { 1, 2, 3 };
	const uint8_t chunks[] = { FSCTP_CHUNK_ASCONF, FSCTP_CHUNK_ASCONF_ACK };
	const uint8_t hmacs[] = { 0, 1, 0, 3 };
	Writer wr;

	memset(&in, 0, sizeof(in));
	in.init_tag = 0xDEADBEEF;
	in.a_rwnd = 131072;
	in.n_out_streams = 17;
	in.n_in_streams = 65535;
	in.initial_tsn = 0xFFFFFFFF;
	fsctp_addr_set_v4(&in.addrs[0], 198, 18, 0, 1, 0);
	in.addrs[1].family = FSCTP_AF_INET6;
	in.addrs[1].ip.v6[0] = 0x20;
	in.addrs[1].ip.v6[1] = 0x01;
	in.addrs[1].ip.v6[2] = 0x0d;
	in.addrs[1].ip.v6[3] = 0xb8;
	in.addrs[1].ip.v6[15] = 7;
	in.n_addrs = 2;
	in.has_cookie_preservative = true;
	in.cookie_preservative_ms = 5000;
	in.has_host_name = true;
	in.host_name.ptr = host;
	in.host_name.len = sizeof(host);
	in.has_supported_addr_types = true;
	in.supported_addr_types = FSCTP_SAT_IPV4 | FSCTP_SAT_IPV6;
	in.ecn_capable = true;
	in.forward_tsn_supported = true;
	in.has_adaptation = true;
	in.adaptation = 0x01020304;
	fsctp_init_ext_set(&in, FSCTP_CHUNK_RECONFIG);
	fsctp_init_ext_set(&in, FSCTP_CHUNK_I_DATA);
	fsctp_init_ext_set(&in, FSCTP_CHUNK_I_FORWARD_TSN);
	in.auth_random.ptr = rnd;
	in.auth_random.len = sizeof(rnd);
	in.auth_chunks.ptr = chunks;
	in.auth_chunks.len = sizeof(chunks);
	in.auth_hmac_algos.ptr = hmacs;
	in.auth_hmac_algos.len = sizeof(hmacs);

	ASSERT_EQ(fsctp_encode_init(&wr.w, false, &in), 0);
	EXPECT_EQ(wr.w.len % 4, 0u);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	EXPECT_EQ(c.type, FSCTP_CHUNK_INIT);
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_EQ(out.init_tag, in.init_tag);
	EXPECT_EQ(out.a_rwnd, in.a_rwnd);
	EXPECT_EQ(out.n_out_streams, in.n_out_streams);
	EXPECT_EQ(out.n_in_streams, in.n_in_streams);
	EXPECT_EQ(out.initial_tsn, in.initial_tsn);
	ASSERT_EQ(out.n_addrs, 2u);
	EXPECT_TRUE(fsctp_addr_eq(&out.addrs[0], &in.addrs[0]));
	EXPECT_TRUE(fsctp_addr_eq(&out.addrs[1], &in.addrs[1]));
	EXPECT_EQ(out.addrs[0].port, 0);
	EXPECT_EQ(out.cookie, nullptr);
	EXPECT_TRUE(out.has_cookie_preservative);
	EXPECT_EQ(out.cookie_preservative_ms, 5000u);
	EXPECT_TRUE(out.has_host_name);
	ASSERT_EQ(out.host_name.len, sizeof(host));
	EXPECT_EQ(memcmp(out.host_name.ptr, host, sizeof(host)), 0);
	EXPECT_TRUE(out.has_supported_addr_types);
	EXPECT_EQ(out.supported_addr_types, FSCTP_SAT_IPV4 | FSCTP_SAT_IPV6);
	EXPECT_TRUE(out.ecn_capable);
	EXPECT_TRUE(out.forward_tsn_supported);
	EXPECT_TRUE(out.has_adaptation);
	EXPECT_EQ(out.adaptation, 0x01020304u);
	EXPECT_TRUE(fsctp_init_ext_supported(&out, FSCTP_CHUNK_RECONFIG));
	EXPECT_TRUE(fsctp_init_ext_supported(&out, FSCTP_CHUNK_I_DATA));
	EXPECT_TRUE(fsctp_init_ext_supported(&out, FSCTP_CHUNK_I_FORWARD_TSN));
	EXPECT_FALSE(fsctp_init_ext_supported(&out, FSCTP_CHUNK_ASCONF));
	EXPECT_EQ(memcmp(out.supported_ext, in.supported_ext, 32), 0);
	ASSERT_EQ(out.auth_random.len, sizeof(rnd));
	EXPECT_EQ(memcmp(out.auth_random.ptr, rnd, sizeof(rnd)), 0);
	ASSERT_EQ(out.auth_chunks.len, sizeof(chunks));
	EXPECT_EQ(memcmp(out.auth_chunks.ptr, chunks, sizeof(chunks)), 0);
	ASSERT_EQ(out.auth_hmac_algos.len, sizeof(hmacs));
	EXPECT_EQ(out.n_unrecognized, 0u);
	EXPECT_FALSE(out.unrecognized_stop);
}

/* RFC 5061 4.2.7: the Supported Extensions parameter lists each chunk
 * type of the bitmap once, ascending, from the lowest to the highest. */
TEST(ChunkInit, SupportedExtensionsListedInAscendingOrder)
{
	const uint8_t types[] = { 0, 7, 8, 130, 192, 255 };
	fsctp_init_info in;
	Writer wr;

	memset(&in, 0, sizeof(in));
	in.init_tag = 1;
	in.a_rwnd = 1500;
	in.n_out_streams = 1;
	in.n_in_streams = 1;
	in.initial_tsn = 1;
	for (int i = (int)sizeof(types) - 1; i >= 0; i--)
		fsctp_init_ext_set(&in, types[i]);
	ASSERT_EQ(fsctp_encode_init(&wr.w, false, &in), 0);
	/* The parameter follows the 20 bytes of the chunk's fixed part. */
	ASSERT_GE(wr.w.len, 24u + sizeof(types));
	const uint8_t *p = wr.mem.data() + 20;
	EXPECT_EQ(fsctp_rd16(p), FSCTP_PARAM_SUPPORTED_EXT);
	EXPECT_EQ(fsctp_rd16(p + 2), 4 + sizeof(types));
	EXPECT_EQ(memcmp(p + 4, types, sizeof(types)), 0);
}

TEST(ChunkInit, InitAckCarriesCookieAndUnrecognizedParameters)
{
	fsctp_init_info in, out;
	const uint8_t cookie[] = { 9, 8, 7, 6, 5 };
	/* Two unknown parameters as they came in a peer's INIT. */
	std::vector<uint8_t> unk;
	put_param(unk, 0xC123, { 1, 2, 3 });
	put_param(unk, 0x4321, {});
	Exact u(unk);
	Writer wr;

	memset(&in, 0, sizeof(in));
	in.init_tag = 1;
	in.n_out_streams = 1;
	in.n_in_streams = 1;
	in.cookie = cookie;
	in.cookie_len = sizeof(cookie);
	in.unrecognized[0].ptr = u.data();
	in.unrecognized[0].len = 7;
	in.unrecognized[1].ptr = u.data() + 8;
	in.unrecognized[1].len = 4;
	in.n_unrecognized = 2;
	ASSERT_EQ(fsctp_encode_init(&wr.w, true, &in), 0);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	EXPECT_EQ(c.type, FSCTP_CHUNK_INIT_ACK);
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	ASSERT_EQ(out.cookie_len, sizeof(cookie));
	EXPECT_EQ(memcmp(out.cookie, cookie, sizeof(cookie)), 0);
	/* RFC 9260 3.3.3: one Unrecognized Parameter per parameter. */
	EXPECT_EQ(out.n_peer_unrecognized, 2u);
	ASSERT_EQ(out.peer_unrecognized.len, 7);
	EXPECT_EQ(memcmp(out.peer_unrecognized.ptr, u.data(), 7), 0);
	/* The INIT encoder never writes them. */
	Writer w2;
	ASSERT_EQ(fsctp_encode_init(&w2.w, false, &in), 0);
	Exact b2(w2.w);
	c = first_tlv(b2);
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_EQ(out.n_peer_unrecognized, 0u);
}

TEST(ChunkInit, MalformedTlvInsideUnrecognizedParameter)
{
	/* Nested Length 3, nested Length past the value, partial header. */
	std::vector<std::vector<uint8_t>> bad = {
		{ 0xC1, 0x23, 0, 3 },
		{ 0xC1, 0x23, 0, 12, 1, 2, 3, 4 },
		{ 0xC1, 0x23, 0, 4, 0xC1 },
	};
	for (auto &n : bad) {
		std::vector<uint8_t> p;
		put_param(p, FSCTP_PARAM_UNRECOGNIZED, n);
		Exact b(init_chunk(p, FSCTP_CHUNK_INIT_ACK));
		fsctp_tlv c = first_tlv(b);
		fsctp_init_info out;
		EXPECT_EQ(fsctp_decode_init(&c, &out), -EBADMSG) << n.size();
	}
	std::vector<uint8_t> p;
	put_param(p, FSCTP_PARAM_UNRECOGNIZED, { 0xC1, 0x23, 0, 5, 9 });
	Exact b(init_chunk(p, FSCTP_CHUNK_INIT_ACK));
	fsctp_tlv c = first_tlv(b);
	fsctp_init_info out;
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_EQ(out.n_peer_unrecognized, 1u);
	EXPECT_EQ(out.peer_unrecognized.len, 5);
}

TEST(ChunkInit, ShorterThanFixedPartIsMalformed)
{
	auto v = init_chunk({});
	v.resize(19);
	set_len(v, 0, 19);
	Exact b(v);
	fsctp_tlv c = first_tlv(b);
	fsctp_init_info out;
	EXPECT_EQ(fsctp_decode_init(&c, &out), -EBADMSG);
}

TEST(ChunkInit, ParameterLengthBelowFourIsMalformed)
{
	for (uint16_t l = 0; l < 4; l++) {
		std::vector<uint8_t> p = { 0, 5, 0, (uint8_t)l, 1, 2, 3, 4 };
		Exact b(init_chunk(p));
		fsctp_tlv c = first_tlv(b);
		fsctp_init_info out;
		EXPECT_EQ(fsctp_decode_init(&c, &out), -EBADMSG) << l;
	}
}

TEST(ChunkInit, ParameterPastItsChunkIsMalformed)
{
	/* An IPv4 parameter claiming 8 bytes with only 4 in the chunk,
	 * followed by bytes of the next chunk in the same buffer. */
	std::vector<uint8_t> p = { 0, 5, 0, 8 };
	auto v = init_chunk(p);
	v.insert(v.end(), { 11, 0, 0, 4 });
	Exact b(v);
	fsctp_tlv c = first_tlv(b);
	EXPECT_EQ(c.length, 24);
	fsctp_init_info out;
	EXPECT_EQ(fsctp_decode_init(&c, &out), -EBADMSG);
}

TEST(ChunkInit, WrongLengthForTypeIsInvalid)
{
	struct {
		uint16_t type;
		size_t vlen;
	} cases[] = {
		{ FSCTP_PARAM_IPV4, 5 },
		{ FSCTP_PARAM_IPV4, 16 },
		{ FSCTP_PARAM_IPV6, 4 },
		{ FSCTP_PARAM_COOKIE_PRESERVATIVE, 2 },
		{ FSCTP_PARAM_SUPPORTED_ADDR_TYPES, 3 },
		{ FSCTP_PARAM_ECN_CAPABLE, 4 },
		{ FSCTP_PARAM_FORWARD_TSN_SUPPORTED, 1 },
		{ FSCTP_PARAM_ADAPTATION_LAYER, 8 },
		{ FSCTP_PARAM_HMAC_ALGO, 3 },
	};
	for (auto &k : cases) {
		std::vector<uint8_t> p;
		put_param(p, k.type, std::vector<uint8_t>(k.vlen, 0));
		Exact b(init_chunk(p));
		fsctp_tlv c = first_tlv(b);
		fsctp_init_info out;
		EXPECT_EQ(fsctp_decode_init(&c, &out), -EINVAL)
			<< k.type << "/" << k.vlen;
	}
}

TEST(ChunkInit, OddLengthWithJunkPaddingIsAccepted)
{
	/* Host Name of 5 bytes, 3 bytes of non-zero padding, then IPv4. */
	std::vector<uint8_t> p = { 0,	11,  0, 9,    'a',  'b',
				   'c', 'd', 0, 0xEE, 0xEE, 0xEE };
	put_param(p, FSCTP_PARAM_IPV4, { 198, 18, 0, 9 });
	Exact b(init_chunk(p));
	fsctp_tlv c = first_tlv(b);
	fsctp_init_info out;
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_TRUE(out.has_host_name);
	EXPECT_EQ(out.host_name.len, 5);
	ASSERT_EQ(out.n_addrs, 1u);
	EXPECT_EQ(out.addrs[0].ip.v4[3], 9);
}

TEST(ChunkInit, FiveHundredUnknownParametersStayBounded)
{
	/* RFC 9260 3.2.1: 10 skips silently, 11 skips and reports. */
	std::vector<uint8_t> p;
	unsigned n11 = 0;
	for (unsigned i = 0; i < 500; i++) {
		uint16_t t =
			(uint16_t)((i % 2 ? 0xC000 : 0x8000) | (0x100 + i));
		n11 += i % 2;
		put_param(p, t, { (uint8_t)i, (uint8_t)(i >> 8), 0, 0 });
	}
	put_param(p, FSCTP_PARAM_IPV4, { 198, 18, 0, 1 });
	Exact b(init_chunk(p));
	fsctp_tlv c = first_tlv(b);
	fsctp_init_info out;
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_EQ(out.n_unrecognized, (unsigned)FSCTP_MAX_UNRECOGNIZED);
	EXPECT_EQ(out.n_unrecognized_dropped, n11 - FSCTP_MAX_UNRECOGNIZED);
	EXPECT_FALSE(out.unrecognized_stop);
	/* The walk went on to the end. */
	EXPECT_EQ(out.n_addrs, 1u);
	for (unsigned i = 0; i < out.n_unrecognized; i++) {
		ASSERT_EQ(out.unrecognized[i].len, 8);
		uint16_t t = fsctp_rd16(out.unrecognized[i].ptr);
		EXPECT_EQ(fsctp_unknown_param_action(t), FSCTP_UNK_SKIP_REPORT);
		EXPECT_EQ(t, 0xC000 | (0x100 + 2 * i + 1));
	}
}

TEST(ChunkInit, UnknownUpperBitsZeroOneStopsAndReports)
{
	std::vector<uint8_t> p;
	put_param(p, FSCTP_PARAM_IPV4, { 198, 18, 0, 1 });
	put_param(p, 0x4777, { 1 });
	put_param(p, FSCTP_PARAM_IPV4, { 198, 18, 0, 2 });
	Exact b(init_chunk(p));
	fsctp_tlv c = first_tlv(b);
	fsctp_init_info out;
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_TRUE(out.unrecognized_stop);
	ASSERT_EQ(out.n_unrecognized, 1u);
	EXPECT_EQ(fsctp_rd16(out.unrecognized[0].ptr), 0x4777);
	EXPECT_EQ(out.unrecognized[0].len, 5);
	/* Nothing after the stopping parameter was processed. */
	EXPECT_EQ(out.n_addrs, 1u);
}

TEST(ChunkInit, UnknownUpperBitsZeroZeroStopsSilently)
{
	std::vector<uint8_t> p;
	put_param(p, 0x0777, {});
	put_param(p, FSCTP_PARAM_IPV4, { 198, 18, 0, 2 });
	put_param(p, 0xC777, {});
	Exact b(init_chunk(p));
	fsctp_tlv c = first_tlv(b);
	fsctp_init_info out;
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_TRUE(out.unrecognized_stop);
	EXPECT_EQ(out.n_unrecognized, 0u);
	EXPECT_EQ(out.n_addrs, 0u);
}

TEST(ChunkInit, MoreAddressesThanTheArrayAreCounted)
{
	std::vector<uint8_t> p;
	for (unsigned i = 0; i < FSCTP_MAX_PEER_ADDRS + 3; i++)
		put_param(p, FSCTP_PARAM_IPV4, { 198, 18, 1, (uint8_t)i });
	Exact b(init_chunk(p));
	fsctp_tlv c = first_tlv(b);
	fsctp_init_info out;
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_EQ(out.n_addrs, (unsigned)FSCTP_MAX_PEER_ADDRS);
	EXPECT_EQ(out.n_addrs_dropped, 3u);
	EXPECT_EQ(out.addrs[7].ip.v4[3], 7);
}

/* ---------------------------------------------------------------------- */
/* DATA / I-DATA                                                          */
/* ---------------------------------------------------------------------- */

TEST(ChunkData, RoundTripOddPayload)
{
	const uint8_t pl[] = { 'h', 'e', 'l', 'l', 'o' };
	fsctp_data_info in, out;
	Writer wr;

	memset(&in, 0, sizeof(in));
	in.tsn = 0xFFFFFFFE;
	in.sid = 3;
	in.ssn = 0xFFFF;
	in.ppid = 46;
	in.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E | FSCTP_DATA_FLAG_U |
		   FSCTP_DATA_FLAG_I;
	in.payload = pl;
	in.len = sizeof(pl);
	ASSERT_EQ(fsctp_encode_data(&wr.w, &in), 0);
	EXPECT_EQ(wr.w.len, 24u);
	EXPECT_EQ(fsctp_rd16(wr.mem.data() + 2), 21);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	ASSERT_EQ(fsctp_decode_data(&c, &out), 0);
	EXPECT_EQ(out.tsn, in.tsn);
	EXPECT_EQ(out.sid, 3);
	EXPECT_EQ(out.ssn, 0xFFFF);
	EXPECT_EQ(out.mid, 0xFFFFu);
	EXPECT_EQ(out.ppid, 46u);
	EXPECT_EQ(out.flags, in.flags);
	EXPECT_FALSE(out.idata);
	ASSERT_EQ(out.len, sizeof(pl));
	EXPECT_EQ(memcmp(out.payload, pl, sizeof(pl)), 0);
}

TEST(ChunkData, ZeroPayloadDecodesForNoUserData)
{
	fsctp_data_info in, out;
	Writer wr;

	memset(&in, 0, sizeof(in));
	in.tsn = 77;
	ASSERT_EQ(fsctp_encode_data(&wr.w, &in), 0);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	ASSERT_EQ(fsctp_decode_data(&c, &out), 0);
	EXPECT_EQ(out.len, 0);
	EXPECT_EQ(out.tsn, 77u);
}

TEST(ChunkData, ShorterThanFixedPartIsMalformed)
{
	for (uint16_t l = 4; l < FSCTP_DATA_HDR_LEN; l++) {
		std::vector<uint8_t> v(l, 0);
		set_len(v, 0, l);
		Exact b(v);
		fsctp_tlv c = first_tlv(b);
		fsctp_data_info out;
		EXPECT_EQ(fsctp_decode_data(&c, &out), -EBADMSG) << l;
	}
	for (uint16_t l = 4; l < FSCTP_IDATA_HDR_LEN; l++) {
		std::vector<uint8_t> v(l, 0);
		v[0] = FSCTP_CHUNK_I_DATA;
		set_len(v, 0, l);
		Exact b(v);
		fsctp_tlv c = first_tlv(b);
		fsctp_data_info out;
		EXPECT_EQ(fsctp_decode_idata(&c, &out), -EBADMSG) << l;
	}
}

TEST(ChunkData, IdataFirstFragmentCarriesPpidOthersFsn)
{
	const uint8_t pl[] = { 1, 2, 3, 4, 5, 6, 7 };
	fsctp_data_info in, out;

	memset(&in, 0, sizeof(in));
	in.tsn = 10;
	in.sid = 65535;
	in.mid = 0xABCDEF01;
	in.ppid = 51;
	in.fsn = 999;
	in.payload = pl;
	in.len = sizeof(pl);
	for (uint8_t flags : { (uint8_t)FSCTP_DATA_FLAG_B, (uint8_t)0,
			       (uint8_t)FSCTP_DATA_FLAG_E }) {
		Writer wr;
		in.flags = flags;
		ASSERT_EQ(fsctp_encode_idata(&wr.w, &in), 0);
		Exact b(wr.w);
		fsctp_tlv c = first_tlv(b);
		EXPECT_EQ(c.type, FSCTP_CHUNK_I_DATA);
		ASSERT_EQ(fsctp_decode_idata(&c, &out), 0);
		EXPECT_TRUE(out.idata);
		EXPECT_EQ(out.tsn, 10u);
		EXPECT_EQ(out.sid, 65535);
		EXPECT_EQ(out.mid, 0xABCDEF01u);
		EXPECT_EQ(out.flags, flags);
		if (flags & FSCTP_DATA_FLAG_B) {
			EXPECT_EQ(out.ppid, 51u);
			EXPECT_EQ(out.fsn, 0u);
		} else {
			EXPECT_EQ(out.ppid, 0u);
			EXPECT_EQ(out.fsn, 999u);
		}
		ASSERT_EQ(out.len, sizeof(pl));
		EXPECT_EQ(memcmp(out.payload, pl, sizeof(pl)), 0);
	}
}

/* ---------------------------------------------------------------------- */
/* SACK                                                                   */
/* ---------------------------------------------------------------------- */

TEST(ChunkSack, RoundTripGapsAndDups)
{
	const uint16_t gaps[][2] = { { 2, 3 }, { 5, 5 }, { 9, 0xFFFF } };
	const uint32_t dups[] = { 7, 0xFFFFFFFF };
	fsctp_sack_info s;
	Writer wr;
	uint16_t a, e;
	uint32_t d;

	ASSERT_EQ(fsctp_encode_sack(&wr.w, 100, 4096, gaps, 3, dups, 2), 0);
	EXPECT_EQ(wr.w.len, 16u + 12 + 8);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	ASSERT_EQ(fsctp_decode_sack(&c, &s), 0);
	EXPECT_EQ(s.cum_tsn_ack, 100u);
	EXPECT_EQ(s.a_rwnd, 4096u);
	ASSERT_EQ(s.n_gap_blocks, 3);
	ASSERT_EQ(s.n_dup_tsns, 2);
	for (unsigned i = 0; i < 3; i++) {
		ASSERT_EQ(fsctp_sack_gap(&s, i, &a, &e), 0);
		EXPECT_EQ(a, gaps[i][0]);
		EXPECT_EQ(e, gaps[i][1]);
	}
	EXPECT_EQ(fsctp_sack_gap(&s, 3, &a, &e), -ERANGE);
	ASSERT_EQ(fsctp_sack_dup(&s, 1, &d), 0);
	EXPECT_EQ(d, 0xFFFFFFFFu);
	EXPECT_EQ(fsctp_sack_dup(&s, 2, &d), -ERANGE);
}

TEST(ChunkSack, CountsPastTheChunkAreMalformed)
{
	const uint16_t gaps[][2] = { { 1, 1 } };
	Writer wr;
	ASSERT_EQ(fsctp_encode_sack(&wr.w, 1, 1, gaps, 1, nullptr, 0), 0);
	std::vector<uint8_t> v(wr.mem.begin(), wr.mem.begin() + wr.w.len);
	/* One more gap block than the chunk holds, then a dup. */
	for (auto g_d : { std::pair<uint16_t, uint16_t>(2, 0),
			  std::pair<uint16_t, uint16_t>(1, 1),
			  std::pair<uint16_t, uint16_t>(0xFFFF, 0xFFFF) }) {
		fsctp_wr16(v.data() + 12, g_d.first);
		fsctp_wr16(v.data() + 14, g_d.second);
		Exact b(v);
		fsctp_tlv c = first_tlv(b);
		fsctp_sack_info s;
		EXPECT_EQ(fsctp_decode_sack(&c, &s), -EBADMSG);
		uint16_t x, y;
		EXPECT_EQ(fsctp_sack_gap(&s, 0, &x, &y), -ERANGE);
	}
	std::vector<uint8_t> shortv = { 3, 0, 0, 12, 0, 0, 0, 1, 0, 0, 0, 1 };
	Exact b(shortv);
	fsctp_tlv c = first_tlv(b);
	fsctp_sack_info s;
	EXPECT_EQ(fsctp_decode_sack(&c, &s), -EBADMSG);
}

/* ---------------------------------------------------------------------- */
/* HEARTBEAT                                                              */
/* ---------------------------------------------------------------------- */

TEST(ChunkHeartbeat, RoundTripBothDirections)
{
	const uint8_t info[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	for (bool ack : { false, true }) {
		Writer wr;
		fsctp_span s;
		int rc =
			ack ? fsctp_encode_heartbeat_ack(&wr.w, info,
							 sizeof(info))
			    : fsctp_encode_heartbeat(&wr.w, info, sizeof(info));
		ASSERT_EQ(rc, 0);
		Exact b(wr.w);
		fsctp_tlv c = first_tlv(b);
		EXPECT_EQ(c.type, ack ? FSCTP_CHUNK_HEARTBEAT_ACK
				      : FSCTP_CHUNK_HEARTBEAT);
		ASSERT_EQ(fsctp_decode_heartbeat(&c, &s), 0);
		ASSERT_EQ(s.len, sizeof(info));
		EXPECT_EQ(memcmp(s.ptr, info, sizeof(info)), 0);
	}
}

TEST(ChunkHeartbeat, MissingOrWrongParameter)
{
	fsctp_span s;
	std::vector<uint8_t> empty = { 4, 0, 0, 4 };
	Exact b1(empty);
	fsctp_tlv c = first_tlv(b1);
	EXPECT_EQ(fsctp_decode_heartbeat(&c, &s), -EBADMSG);

	std::vector<uint8_t> wrong = { 4, 0, 0, 8, 0, 2, 0, 4 };
	Exact b2(wrong);
	c = first_tlv(b2);
	EXPECT_EQ(fsctp_decode_heartbeat(&c, &s), -EINVAL);

	std::vector<uint8_t> past = { 4, 0, 0, 8, 0, 1, 0, 9 };
	Exact b3(past);
	c = first_tlv(b3);
	EXPECT_EQ(fsctp_decode_heartbeat(&c, &s), -EBADMSG);
}

/* ---------------------------------------------------------------------- */
/* ABORT / ERROR                                                          */
/* ---------------------------------------------------------------------- */

TEST(ChunkError, AbortRoundTripWithCauses)
{
	uint8_t cbuf[64];
	fsctp_wbuf cw;
	fsctp_wbuf_init(&cw, cbuf, sizeof(cbuf));
	ASSERT_EQ(fsctp_encode_cause_invalid_stream(&cw, 9), 0);
	ASSERT_EQ(fsctp_encode_cause_user_abort(&cw, "bye", 3), 0);

	Writer wr;
	ASSERT_EQ(fsctp_encode_abort(&wr.w, true, cbuf, cw.len), 0);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	EXPECT_EQ(c.type, FSCTP_CHUNK_ABORT);
	fsctp_error_info e;
	ASSERT_EQ(fsctp_decode_error(&c, &e), 0);
	EXPECT_TRUE(e.t_bit);
	EXPECT_EQ(e.n_causes, 2u);
	EXPECT_EQ(e.first_cause, FSCTP_CAUSE_INVALID_STREAM);

	fsctp_tlv_iter it;
	fsctp_tlv t;
	fsctp_cause_info ci;
	fsctp_error_causes_iter(&e, &it);
	ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
	ASSERT_EQ(fsctp_decode_cause(&t, &ci), 0);
	EXPECT_EQ(ci.sid, 9);
	ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
	ASSERT_EQ(fsctp_decode_cause(&t, &ci), 0);
	EXPECT_EQ(ci.code, FSCTP_CAUSE_USER_ABORT);
	ASSERT_EQ(ci.body.len, 3);
	EXPECT_EQ(memcmp(ci.body.ptr, "bye", 3), 0);
	EXPECT_EQ(fsctp_tlv_next(&it, &t), 0);
}

TEST(ChunkError, EmptyAbortAndErrorChunk)
{
	Writer wr;
	ASSERT_EQ(fsctp_encode_abort(&wr.w, false, nullptr, 0), 0);
	ASSERT_EQ(fsctp_encode_error(&wr.w, nullptr, 0), 0);
	Exact b(wr.w);
	fsctp_tlv_iter it;
	fsctp_tlv c;
	fsctp_error_info e;
	fsctp_tlv_iter_init(&it, b.data(), b.n, FSCTP_TLV_CHUNK);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	ASSERT_EQ(fsctp_decode_error(&c, &e), 0);
	EXPECT_FALSE(e.t_bit);
	EXPECT_EQ(e.n_causes, 0u);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_ERROR);
	ASSERT_EQ(fsctp_decode_error(&c, &e), 0);
}

TEST(ChunkError, MalformedCauseIsRejected)
{
	/* ERROR with a cause claiming 12 bytes in an 8-byte value. */
	std::vector<uint8_t> v = { 9, 0, 0, 12, 0, 1, 0, 12, 0, 5, 0, 0 };
	Exact b(v);
	fsctp_tlv c = first_tlv(b);
	fsctp_error_info e;
	EXPECT_EQ(fsctp_decode_error(&c, &e), -EBADMSG);
	/* And a cause with Length 2. */
	std::vector<uint8_t> v2 = { 6, 0, 0, 8, 0, 1, 0, 2 };
	Exact b2(v2);
	c = first_tlv(b2);
	EXPECT_EQ(fsctp_decode_error(&c, &e), -EBADMSG);
}

/* ---------------------------------------------------------------------- */
/* SHUTDOWN family, COOKIE ECHO/ACK, ECNE/CWR                             */
/* ---------------------------------------------------------------------- */

TEST(ChunkSimple, RoundTripShutdownFamilyAndCookies)
{
	const uint8_t cookie[] = { 0xC0, 0x0C, 0x1E, 0x01, 0x02 };
	Writer wr;
	ASSERT_EQ(fsctp_encode_shutdown(&wr.w, 0x80000001u), 0);
	ASSERT_EQ(fsctp_encode_shutdown_ack(&wr.w), 0);
	ASSERT_EQ(fsctp_encode_shutdown_complete(&wr.w, true), 0);
	ASSERT_EQ(fsctp_encode_cookie_echo(&wr.w, cookie, sizeof(cookie)), 0);
	ASSERT_EQ(fsctp_encode_cookie_ack(&wr.w), 0);
	ASSERT_EQ(fsctp_encode_ecne(&wr.w, FSCTP_CHUNK_ECNE, 5), 0);
	ASSERT_EQ(fsctp_encode_ecne(&wr.w, FSCTP_CHUNK_CWR, 6), 0);
	Exact b(wr.w);
	fsctp_tlv_iter it;
	fsctp_tlv c;
	uint32_t u;
	fsctp_span s;
	fsctp_tlv_iter_init(&it, b.data(), b.n, FSCTP_TLV_CHUNK);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_SHUTDOWN);
	ASSERT_EQ(fsctp_decode_shutdown(&c, &u), 0);
	EXPECT_EQ(u, 0x80000001u);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_SHUTDOWN_ACK);
	EXPECT_EQ(fsctp_decode_empty(&c), 0);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_SHUTDOWN_COMPLETE);
	EXPECT_EQ(c.flags, FSCTP_CHUNK_FLAG_T);
	EXPECT_EQ(fsctp_decode_empty(&c), 0);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_COOKIE_ECHO);
	ASSERT_EQ(fsctp_decode_cookie_echo(&c, &s), 0);
	ASSERT_EQ(s.len, sizeof(cookie));
	EXPECT_EQ(memcmp(s.ptr, cookie, sizeof(cookie)), 0);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_COOKIE_ACK);
	EXPECT_EQ(fsctp_decode_empty(&c), 0);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_ECNE);
	ASSERT_EQ(fsctp_decode_ecne(&c, &u), 0);
	EXPECT_EQ(u, 5u);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	EXPECT_EQ(c.type, FSCTP_CHUNK_CWR);
	ASSERT_EQ(fsctp_decode_ecne(&c, &u), 0);
	EXPECT_EQ(u, 6u);
	EXPECT_EQ(fsctp_tlv_next(&it, &c), 0);
}

TEST(ChunkSimple, ShortOrLongFixedChunks)
{
	uint32_t u;
	fsctp_span s;
	std::vector<uint8_t> sd = { 7, 0, 0, 7, 1, 2, 3 };
	Exact b1(sd);
	fsctp_tlv c = first_tlv(b1);
	EXPECT_EQ(fsctp_decode_shutdown(&c, &u), -EBADMSG);
	EXPECT_EQ(fsctp_decode_ecne(&c, &u), -EBADMSG);
	std::vector<uint8_t> ack = { 11, 0, 0, 5, 1 };
	Exact b2(ack);
	c = first_tlv(b2);
	EXPECT_EQ(fsctp_decode_empty(&c), -EINVAL);
	std::vector<uint8_t> ce = { 10, 0, 0, 4 };
	Exact b3(ce);
	c = first_tlv(b3);
	EXPECT_EQ(fsctp_decode_cookie_echo(&c, &s), -EBADMSG);
}

/* ---------------------------------------------------------------------- */
/* FORWARD-TSN / I-FORWARD-TSN                                            */
/* ---------------------------------------------------------------------- */

TEST(ChunkFwdTsn, RoundTrip)
{
	const uint16_t st[][2] = { { 1, 10 }, { 65535, 0 } };
	Writer wr;
	ASSERT_EQ(fsctp_encode_fwd_tsn(&wr.w, 0xFFFFFFFF, st, 2), 0);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	fsctp_fwd_tsn_info f;
	ASSERT_EQ(fsctp_decode_fwd_tsn(&c, &f), 0);
	EXPECT_EQ(f.new_cum_tsn, 0xFFFFFFFFu);
	ASSERT_EQ(f.n_streams, 2);
	uint16_t sid, ssn;
	ASSERT_EQ(fsctp_fwd_tsn_stream(&f, 1, &sid, &ssn), 0);
	EXPECT_EQ(sid, 65535);
	EXPECT_EQ(ssn, 0);
	EXPECT_EQ(fsctp_fwd_tsn_stream(&f, 2, &sid, &ssn), -ERANGE);
	fsctp_ifwd_entry e;
	EXPECT_EQ(fsctp_ifwd_tsn_stream(&f, 0, &e), -ERANGE);
}

TEST(ChunkFwdTsn, IfwdRoundTripAndTrailingPartialEntry)
{
	const fsctp_ifwd_entry in[] = { { 5, true, 0x12345678 },
					{ 6, false, 0 } };
	Writer wr;
	ASSERT_EQ(fsctp_encode_ifwd_tsn(&wr.w, 42, in, 2), 0);
	std::vector<uint8_t> v(wr.mem.begin(), wr.mem.begin() + wr.w.len);
	{
		Exact b(v);
		fsctp_tlv c = first_tlv(b);
		fsctp_fwd_tsn_info f;
		ASSERT_EQ(fsctp_decode_ifwd_tsn(&c, &f), 0);
		EXPECT_EQ(f.new_cum_tsn, 42u);
		ASSERT_EQ(f.n_streams, 2);
		fsctp_ifwd_entry e;
		ASSERT_EQ(fsctp_ifwd_tsn_stream(&f, 0, &e), 0);
		EXPECT_EQ(e.sid, 5);
		EXPECT_TRUE(e.unordered);
		EXPECT_EQ(e.mid, 0x12345678u);
		ASSERT_EQ(fsctp_ifwd_tsn_stream(&f, 1, &e), 0);
		EXPECT_FALSE(e.unordered);
		EXPECT_EQ(fsctp_ifwd_tsn_stream(&f, 2, &e), -ERANGE);
	}
	/* Cut 1..7 bytes off the last entry: a trailing partial entry. */
	for (size_t cut = 1; cut < 8; cut++) {
		std::vector<uint8_t> t(v.begin(), v.end() - (long)cut);
		set_len(t, 0, (uint16_t)t.size());
		Exact b(t);
		fsctp_tlv c = first_tlv(b);
		fsctp_fwd_tsn_info f;
		EXPECT_EQ(fsctp_decode_ifwd_tsn(&c, &f), -EBADMSG) << cut;
		EXPECT_EQ(f.n_streams, 0);
	}
	std::vector<uint8_t> tiny = { 194, 0, 0, 6, 0, 0 };
	Exact b(tiny);
	fsctp_tlv c = first_tlv(b);
	fsctp_fwd_tsn_info f;
	EXPECT_EQ(fsctp_decode_ifwd_tsn(&c, &f), -EBADMSG);
	EXPECT_EQ(fsctp_decode_fwd_tsn(&c, &f), -EBADMSG);
}

/* ---------------------------------------------------------------------- */
/* RE-CONFIG                                                              */
/* ---------------------------------------------------------------------- */

TEST(ChunkReconf, RoundTripEveryParameter)
{
	const uint16_t sids[] = { 1, 2, 65535 };
	fsctp_reconf_param ps[6];
	memset(ps, 0, sizeof(ps));
	ps[0].type = FSCTP_PARAM_OUT_SSN_RESET_REQ;
	ps[0].req_seq = 100;
	ps[0].resp_seq = 200;
	ps[0].last_tsn = 300;
	ps[0].n_sids = 3;
	ps[1].type = FSCTP_PARAM_IN_SSN_RESET_REQ;
	ps[1].req_seq = 101;
	ps[1].n_sids = 2;
	ps[2].type = FSCTP_PARAM_SSN_TSN_RESET_REQ;
	ps[2].req_seq = 102;
	ps[3].type = FSCTP_PARAM_RECONFIG_RESP;
	ps[3].resp_seq = 103;
	ps[3].result = 1;
	ps[3].has_tsns = true;
	ps[3].sender_next_tsn = 7;
	ps[3].receiver_next_tsn = 8;
	ps[4].type = FSCTP_PARAM_ADD_OUT_STREAMS_REQ;
	ps[4].req_seq = 104;
	ps[4].n_new_streams = 16;
	ps[5].type = FSCTP_PARAM_ADD_IN_STREAMS_REQ;
	ps[5].req_seq = 105;
	ps[5].n_new_streams = 1;

	for (unsigned k = 0; k < 6; k += 2) {
		Writer wr;
		size_t off =
			fsctp_wbuf_chunk_begin(&wr.w, FSCTP_CHUNK_RECONFIG, 0);
		ASSERT_EQ(fsctp_encode_reconf_param(&wr.w, &ps[k], sids), 0);
		ASSERT_EQ(fsctp_encode_reconf_param(&wr.w, &ps[k + 1], sids),
			  0);
		fsctp_wbuf_chunk_end(&wr.w, off);
		ASSERT_EQ(wr.w.err, 0);
		Exact b(wr.w);
		fsctp_tlv c = first_tlv(b);
		fsctp_reconf_info r;
		ASSERT_EQ(fsctp_decode_reconf(&c, &r), 0);
		ASSERT_EQ(r.n_params, 2u);
		for (unsigned j = 0; j < 2; j++) {
			const fsctp_reconf_param &a = ps[k + j],
						 &o = r.params[j];
			EXPECT_EQ(o.type, a.type);
			EXPECT_EQ(o.req_seq, a.req_seq);
			EXPECT_EQ(o.resp_seq, a.resp_seq);
			EXPECT_EQ(o.last_tsn, a.last_tsn);
			EXPECT_EQ(o.result, a.result);
			EXPECT_EQ(o.has_tsns, a.has_tsns);
			EXPECT_EQ(o.sender_next_tsn, a.sender_next_tsn);
			EXPECT_EQ(o.receiver_next_tsn, a.receiver_next_tsn);
			EXPECT_EQ(o.n_new_streams, a.n_new_streams);
			ASSERT_EQ(o.n_sids, a.n_sids);
			for (unsigned i = 0; i < o.n_sids; i++)
				EXPECT_EQ(fsctp_reconf_sid(&o, i), sids[i]);
		}
	}
}

TEST(ChunkReconf, ParameterCountAndLengthRules)
{
	fsctp_reconf_param p;
	memset(&p, 0, sizeof(p));
	p.type = FSCTP_PARAM_SSN_TSN_RESET_REQ;
	/* RFC 6525 3.1: one or two parameters, never three or none. */
	Writer wr;
	size_t off = fsctp_wbuf_chunk_begin(&wr.w, FSCTP_CHUNK_RECONFIG, 0);
	for (int i = 0; i < 3; i++)
		fsctp_encode_reconf_param(&wr.w, &p, nullptr);
	fsctp_wbuf_chunk_end(&wr.w, off);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	fsctp_reconf_info r;
	EXPECT_EQ(fsctp_decode_reconf(&c, &r), -EINVAL);

	std::vector<uint8_t> none = { 130, 0, 0, 4 };
	Exact b0(none);
	c = first_tlv(b0);
	EXPECT_EQ(fsctp_decode_reconf(&c, &r), -EINVAL);

	/* An odd SID list, a short response, an unknown type. */
	std::vector<uint8_t> odd = { 130, 0, 0, 0 };
	put_param(odd, FSCTP_PARAM_IN_SSN_RESET_REQ, { 0, 0, 0, 1, 0, 5, 0 });
	set_len(odd, 0, (uint16_t)(odd.size() - 1));
	Exact b1(odd);
	c = first_tlv(b1);
	EXPECT_EQ(fsctp_decode_reconf(&c, &r), -EINVAL);

	std::vector<uint8_t> resp = { 130, 0, 0, 0 };
	put_param(resp, FSCTP_PARAM_RECONFIG_RESP, std::vector<uint8_t>(12));
	set_len(resp, 0, (uint16_t)resp.size());
	Exact b2(resp);
	c = first_tlv(b2);
	EXPECT_EQ(fsctp_decode_reconf(&c, &r), -EINVAL);

	std::vector<uint8_t> unk = { 130, 0, 0, 0 };
	put_param(unk, 0x0013, std::vector<uint8_t>(4));
	set_len(unk, 0, (uint16_t)unk.size());
	Exact b3(unk);
	c = first_tlv(b3);
	EXPECT_EQ(fsctp_decode_reconf(&c, &r), -ENOTSUP);
	p.type = 0x0013;
	Writer w2;
	EXPECT_EQ(fsctp_encode_reconf_param(&w2.w, &p, nullptr), -ENOTSUP);
	EXPECT_EQ(w2.w.len, 0u);
}

/* ---------------------------------------------------------------------- */
/* ASCONF / ASCONF-ACK                                                    */
/* ---------------------------------------------------------------------- */

TEST(ChunkAsconf, RoundTripRequestsAndResponses)
{
	fsctp_addr me, a4, a6;
	fsctp_addr_set_v4(&me, 198, 18, 0, 1, 0);
	fsctp_addr_set_v4(&a4, 198, 18, 0, 2, 0);
	memset(&a6, 0, sizeof(a6));
	a6.family = FSCTP_AF_INET6;
	a6.ip.v6[0] = 0x20;
	a6.ip.v6[15] = 1;
	fsctp_asconf_param req[3];
	memset(req, 0, sizeof(req));
	req[0].type = FSCTP_PARAM_ADD_IP;
	req[0].corr_id = 1;
	req[0].addr = a4;
	req[1].type = FSCTP_PARAM_DEL_IP;
	req[1].corr_id = 2;
	req[1].addr = a6;
	req[2].type = FSCTP_PARAM_SET_PRIMARY;
	req[2].corr_id = 3;
	req[2].addr = a4;

	Writer wr;
	size_t off = fsctp_encode_asconf_begin(&wr.w, 0xFFFFFFFF, &me);
	for (auto &p : req)
		ASSERT_EQ(fsctp_encode_asconf_param(&wr.w, &p), 0);
	fsctp_wbuf_chunk_end(&wr.w, off);
	ASSERT_EQ(wr.w.err, 0);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	EXPECT_EQ(c.type, FSCTP_CHUNK_ASCONF);
	fsctp_asconf_info ai;
	ASSERT_EQ(fsctp_decode_asconf(&c, &ai), 0);
	EXPECT_EQ(ai.serial, 0xFFFFFFFFu);
	EXPECT_TRUE(ai.has_addr);
	EXPECT_TRUE(fsctp_addr_eq(&ai.addr, &me));
	ASSERT_EQ(ai.n_params, 3u);
	fsctp_tlv_iter it;
	fsctp_tlv t;
	fsctp_asconf_params_iter(&ai, &it);
	for (auto &p : req) {
		fsctp_asconf_param o;
		ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
		ASSERT_EQ(fsctp_decode_asconf_param(&t, &o), 0);
		EXPECT_EQ(o.type, p.type);
		EXPECT_EQ(o.corr_id, p.corr_id);
		EXPECT_TRUE(o.has_addr);
		EXPECT_TRUE(fsctp_addr_eq(&o.addr, &p.addr));
	}

	/* ASCONF-ACK: a success and an error with a nested cause. */
	uint8_t cause[16];
	fsctp_wbuf cw;
	fsctp_wbuf_init(&cw, cause, sizeof(cause));
	ASSERT_EQ(fsctp_encode_cause_invalid_param(&cw), 0);
	fsctp_asconf_param rsp[2];
	memset(rsp, 0, sizeof(rsp));
	rsp[0].type = FSCTP_PARAM_SUCCESS_IND;
	rsp[0].corr_id = 1;
	rsp[1].type = FSCTP_PARAM_ERROR_CAUSE_IND;
	rsp[1].corr_id = 2;
	rsp[1].causes.ptr = cause;
	rsp[1].causes.len = (uint16_t)cw.len;
	Writer w2;
	off = fsctp_encode_asconf_ack_begin(&w2.w, 7);
	for (auto &p : rsp)
		ASSERT_EQ(fsctp_encode_asconf_param(&w2.w, &p), 0);
	fsctp_wbuf_chunk_end(&w2.w, off);
	Exact b2(w2.w);
	c = first_tlv(b2);
	ASSERT_EQ(fsctp_decode_asconf_ack(&c, &ai), 0);
	EXPECT_EQ(ai.serial, 7u);
	EXPECT_FALSE(ai.has_addr);
	ASSERT_EQ(ai.n_params, 2u);
	fsctp_asconf_params_iter(&ai, &it);
	fsctp_asconf_param o;
	ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
	ASSERT_EQ(fsctp_decode_asconf_param(&t, &o), 0);
	EXPECT_EQ(o.corr_id, 1u);
	ASSERT_EQ(fsctp_tlv_next(&it, &t), 1);
	ASSERT_EQ(fsctp_decode_asconf_param(&t, &o), 0);
	EXPECT_EQ(o.corr_id, 2u);
	ASSERT_EQ(o.causes.len, 4);
	EXPECT_EQ(fsctp_rd16(o.causes.ptr), FSCTP_CAUSE_INVALID_PARAM);
}

TEST(ChunkAsconf, MissingOrMalformedAddress)
{
	fsctp_asconf_info ai;
	/* Serial only: the Address Parameter is mandatory. */
	std::vector<uint8_t> v = { 193, 0, 0, 8, 0, 0, 0, 1 };
	Exact b(v);
	fsctp_tlv c = first_tlv(b);
	EXPECT_EQ(fsctp_decode_asconf(&c, &ai), -EINVAL);
	/* An IPv4 Address of 6 bytes. */
	std::vector<uint8_t> v2 = { 193, 0, 0, 16, 0, 0, 0, 1,
				    0,	 5, 0, 6,  1, 2, 0, 0 };
	Exact b2(v2);
	c = first_tlv(b2);
	EXPECT_EQ(fsctp_decode_asconf(&c, &ai), -EINVAL);
	/* An address TLV running past the chunk. */
	std::vector<uint8_t> v3 = { 193, 0, 0, 12, 0, 0, 0, 1, 0, 5, 0, 8 };
	Exact b3(v3);
	c = first_tlv(b3);
	EXPECT_EQ(fsctp_decode_asconf(&c, &ai), -EBADMSG);
	/* Add IP whose nested address is malformed, then is missing. */
	std::vector<uint8_t> p = { 0xC0, 0x01, 0, 12, 0, 0, 0, 9, 0, 5, 0, 9 };
	Exact bp(p);
	fsctp_tlv t = first_tlv(bp, FSCTP_TLV_PARAM);
	fsctp_asconf_param o;
	EXPECT_EQ(fsctp_decode_asconf_param(&t, &o), -EBADMSG);
	std::vector<uint8_t> p2 = { 0xC0, 0x01, 0, 8, 0, 0, 0, 9 };
	Exact bp2(p2);
	t = first_tlv(bp2, FSCTP_TLV_PARAM);
	EXPECT_EQ(fsctp_decode_asconf_param(&t, &o), -EINVAL);
	std::vector<uint8_t> p3 = { 0xC0, 0x09, 0, 8, 0, 0, 0, 9 };
	Exact bp3(p3);
	t = first_tlv(bp3, FSCTP_TLV_PARAM);
	EXPECT_EQ(fsctp_decode_asconf_param(&t, &o), -ENOTSUP);
	/* An Error Cause Indication holding a malformed cause. */
	std::vector<uint8_t> p4 = { 0xC0, 0x03, 0, 12, 0, 0, 0, 9, 0, 1, 0, 3 };
	Exact bp4(p4);
	t = first_tlv(bp4, FSCTP_TLV_PARAM);
	EXPECT_EQ(fsctp_decode_asconf_param(&t, &o), -EBADMSG);
}

/* ---------------------------------------------------------------------- */
/* AUTH / PAD                                                             */
/* ---------------------------------------------------------------------- */

TEST(ChunkAuth, RoundTripAndZeroedHmac)
{
	uint8_t mac[20];
	for (unsigned i = 0; i < sizeof(mac); i++)
		mac[i] = (uint8_t)(i + 1);
	Writer wr;
	ASSERT_EQ(fsctp_encode_auth(&wr.w, 2, 1, mac, sizeof(mac)), 0);
	ASSERT_EQ(fsctp_encode_auth(&wr.w, 3, 3, nullptr, 32), 0);
	Exact b(wr.w);
	fsctp_tlv_iter it;
	fsctp_tlv c;
	fsctp_auth_info a;
	fsctp_tlv_iter_init(&it, b.data(), b.n, FSCTP_TLV_CHUNK);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	ASSERT_EQ(fsctp_decode_auth(&c, &a), 0);
	EXPECT_EQ(a.key_id, 2);
	EXPECT_EQ(a.hmac_id, 1);
	ASSERT_EQ(a.hmac.len, sizeof(mac));
	EXPECT_EQ(memcmp(a.hmac.ptr, mac, sizeof(mac)), 0);
	EXPECT_EQ(a.hmac.ptr, c.hdr + FSCTP_AUTH_HMAC_OFF);
	ASSERT_EQ(fsctp_tlv_next(&it, &c), 1);
	ASSERT_EQ(fsctp_decode_auth(&c, &a), 0);
	ASSERT_EQ(a.hmac.len, 32);
	for (unsigned i = 0; i < 32; i++)
		EXPECT_EQ(a.hmac.ptr[i], 0);
	std::vector<uint8_t> sh = { 15, 0, 0, 6, 0, 1 };
	Exact bs(sh);
	c = first_tlv(bs);
	EXPECT_EQ(fsctp_decode_auth(&c, &a), -EBADMSG);
}

TEST(ChunkPad, RoundTrip)
{
	Writer wr;
	ASSERT_EQ(fsctp_encode_pad(&wr.w, 37), 0);
	EXPECT_EQ(wr.w.len, 44u);
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	EXPECT_EQ(c.type, FSCTP_CHUNK_PAD);
	uint16_t n;
	ASSERT_EQ(fsctp_decode_pad(&c, &n), 0);
	EXPECT_EQ(n, 37);
}

TEST(ChunkEncode, FullBufferFailsWithoutWritingPastCap)
{
	fsctp_init_info in;
	memset(&in, 0, sizeof(in));
	in.n_addrs = 1;
	fsctp_addr_set_v4(&in.addrs[0], 198, 18, 0, 1, 0);
	std::vector<uint8_t> mem(40, 0x5A);
	fsctp_wbuf w;
	fsctp_wbuf_init(&w, mem.data(), 24);
	EXPECT_EQ(fsctp_encode_init(&w, false, &in), -ENOSPC);
	for (size_t i = 24; i < mem.size(); i++)
		EXPECT_EQ(mem[i], 0x5A);
	const uint32_t dups[1] = { 1 };
	fsctp_wbuf_init(&w, mem.data(), 16);
	EXPECT_EQ(fsctp_encode_sack(&w, 1, 1, nullptr, 0, dups, 1), -ENOSPC);
	fsctp_addr bad;
	memset(&bad, 0, sizeof(bad));
	fsctp_wbuf_init(&w, mem.data(), 40);
	EXPECT_EQ(fsctp_encode_addr_param(&w, &bad), -EINVAL);
}

/* ---------------------------------------------------------------------- */
/* Whole packet                                                           */
/* ---------------------------------------------------------------------- */

std::vector<uint8_t>
common_hdr()
{
	std::vector<uint8_t> v;
	put16(v, 5001);
	put16(v, 5002);
	put32(v, 0xA1B2C3D4);
	put32(v, 0);
	return v;
}

TEST(Packet, ShorterThanCommonHeaderIsMalformed)
{
	for (size_t n = 0; n < 12; n++) {
		std::vector<uint8_t> v = common_hdr();
		v.resize(n);
		Exact b(v);
		fsctp_packet p;
		EXPECT_EQ(fsctp_packet_parse(b.data(), b.n, &p), -EBADMSG) << n;
	}
}

TEST(Packet, HeaderAndChunkSummary)
{
	std::vector<uint8_t> v = common_hdr();
	Writer wr;
	const uint16_t gaps[][2] = { { 1, 2 } };
	fsctp_encode_sack(&wr.w, 1, 2, gaps, 1, nullptr, 0);
	fsctp_data_info d;
	memset(&d, 0, sizeof(d));
	d.flags = FSCTP_DATA_FLAG_B;
	d.payload = (const uint8_t *)"abc";
	d.len = 3;
	fsctp_encode_data(&wr.w, &d);
	ASSERT_EQ(wr.w.err, 0);
	v.insert(v.end(), wr.mem.begin(), wr.mem.begin() + wr.w.len);
	Exact b(v);
	fsctp_packet p;
	ASSERT_EQ(fsctp_packet_parse(b.data(), b.n, &p), 2);
	EXPECT_EQ(p.src_port, 5001);
	EXPECT_EQ(p.dst_port, 5002);
	EXPECT_EQ(p.vtag, 0xA1B2C3D4u);
	EXPECT_EQ(p.n_chunks, 2u);
	EXPECT_EQ(p.first_type, FSCTP_CHUNK_SACK);
	EXPECT_TRUE(fsctp_packet_has(&p, FSCTP_CHUNK_DATA));
	EXPECT_FALSE(fsctp_packet_has(&p, FSCTP_CHUNK_INIT));
	EXPECT_FALSE(p.bundling_violation);
	/* The header alone is a packet with no chunk. */
	Exact h(common_hdr());
	EXPECT_EQ(fsctp_packet_parse(h.data(), h.n, &p), 0);
}

TEST(Packet, ChunkLengthsZeroToThreeAndPastTheEnd)
{
	for (uint8_t l = 0; l < 4; l++) {
		std::vector<uint8_t> v = common_hdr();
		v.insert(v.end(), { 11, 0, 0, l });
		Exact b(v);
		fsctp_packet p;
		EXPECT_EQ(fsctp_packet_parse(b.data(), b.n, &p), -EBADMSG)
			<< (int)l;
	}
	std::vector<uint8_t> v = common_hdr();
	v.insert(v.end(), { 11, 0, 0, 4, 7, 0, 0, 9, 0, 0, 0, 1 });
	Exact b(v);
	fsctp_packet p;
	EXPECT_EQ(fsctp_packet_parse(b.data(), b.n, &p), -EBADMSG);
	/* A partial chunk header at the end. */
	std::vector<uint8_t> v2 = common_hdr();
	v2.insert(v2.end(), { 11, 0, 0, 4, 7, 0 });
	Exact b2(v2);
	EXPECT_EQ(fsctp_packet_parse(b2.data(), b2.n, &p), -EBADMSG);
}

TEST(Packet, OddLengthWithJunkPaddingBetweenChunks)
{
	std::vector<uint8_t> v = common_hdr();
	v.insert(v.end(), { 10, 0, 0, 5, 0x42, 0xFF, 0xFF, 0xFF });
	v.insert(v.end(), { 11, 0, 0, 4 });
	Exact b(v);
	fsctp_packet p;
	ASSERT_EQ(fsctp_packet_parse(b.data(), b.n, &p), 2);
	EXPECT_EQ(p.first_type, FSCTP_CHUNK_COOKIE_ECHO);
	EXPECT_TRUE(fsctp_packet_has(&p, FSCTP_CHUNK_COOKIE_ACK));
}

TEST(Packet, InitInitAckShutdownCompleteMustTravelAlone)
{
	/* RFC 9260 6.10 */
	for (uint8_t t :
	     { (uint8_t)FSCTP_CHUNK_INIT, (uint8_t)FSCTP_CHUNK_INIT_ACK,
	       (uint8_t)FSCTP_CHUNK_SHUTDOWN_COMPLETE }) {
		std::vector<uint8_t> alone = common_hdr(), c;
		if (t == FSCTP_CHUNK_SHUTDOWN_COMPLETE)
			c = { t, 1, 0, 4 };
		else
			c = init_chunk({}, t);
		alone.insert(alone.end(), c.begin(), c.end());
		Exact b(alone);
		fsctp_packet p;
		ASSERT_EQ(fsctp_packet_parse(b.data(), b.n, &p), 1);
		EXPECT_FALSE(p.bundling_violation);
		EXPECT_EQ(p.first_type, t);
		EXPECT_EQ(p.has_init, t == FSCTP_CHUNK_INIT);
		EXPECT_EQ(p.has_init_ack, t == FSCTP_CHUNK_INIT_ACK);
		EXPECT_EQ(p.has_shutdown_complete,
			  t == FSCTP_CHUNK_SHUTDOWN_COMPLETE);
		if (t == FSCTP_CHUNK_SHUTDOWN_COMPLETE) {
			EXPECT_EQ(p.first_flags, 1);
		}
		std::vector<uint8_t> bundled = alone;
		bundled.insert(bundled.end(), { 11, 0, 0, 4 });
		Exact b2(bundled);
		ASSERT_EQ(fsctp_packet_parse(b2.data(), b2.n, &p), 2);
		EXPECT_TRUE(p.bundling_violation);
	}
}

/* ---------------------------------------------------------------------- */
/* Every decoder on every truncation of every chunk (run under ASan)      */
/* ---------------------------------------------------------------------- */

/* Run every decoder on c, whatever its type; count the successes. */
unsigned
decode_everything(const fsctp_tlv &c)
{
	unsigned ok = 0;
	fsctp_init_info ii;
	fsctp_data_info d;
	fsctp_sack_info s;
	fsctp_span sp;
	fsctp_error_info e;
	fsctp_fwd_tsn_info f;
	fsctp_reconf_info r;
	fsctp_asconf_info a;
	fsctp_auth_info au;
	uint32_t u;
	uint16_t x, y;

	ok += fsctp_decode_init(&c, &ii) == 0;
	ok += fsctp_decode_data(&c, &d) == 0;
	ok += fsctp_decode_idata(&c, &d) == 0;
	if (fsctp_decode_sack(&c, &s) == 0) {
		ok++;
		for (unsigned i = 0; fsctp_sack_gap(&s, i, &x, &y) == 0; i++)
			;
		for (unsigned i = 0; fsctp_sack_dup(&s, i, &u) == 0; i++)
			;
	}
	ok += fsctp_decode_heartbeat(&c, &sp) == 0;
	if (fsctp_decode_error(&c, &e) == 0) {
		fsctp_tlv_iter it;
		fsctp_tlv t;
		fsctp_cause_info ci;
		ok++;
		fsctp_error_causes_iter(&e, &it);
		while (fsctp_tlv_next(&it, &t) == 1)
			ok += fsctp_decode_cause(&t, &ci) == 0;
	}
	ok += fsctp_decode_shutdown(&c, &u) == 0;
	ok += fsctp_decode_empty(&c) == 0;
	ok += fsctp_decode_cookie_echo(&c, &sp) == 0;
	ok += fsctp_decode_ecne(&c, &u) == 0;
	if (fsctp_decode_fwd_tsn(&c, &f) == 0)
		for (unsigned i = 0; fsctp_fwd_tsn_stream(&f, i, &x, &y) == 0;
		     i++)
			ok++;
	if (fsctp_decode_ifwd_tsn(&c, &f) == 0) {
		fsctp_ifwd_entry ie;
		for (unsigned i = 0; fsctp_ifwd_tsn_stream(&f, i, &ie) == 0;
		     i++)
			ok++;
	}
	ok += fsctp_decode_reconf(&c, &r) == 0;
	for (int k = 0; k < 2; k++) {
		int rc = k ? fsctp_decode_asconf_ack(&c, &a)
			   : fsctp_decode_asconf(&c, &a);
		if (rc != 0)
			continue;
		fsctp_tlv_iter it;
		fsctp_tlv t;
		fsctp_asconf_param ap;
		fsctp_asconf_params_iter(&a, &it);
		while (fsctp_tlv_next(&it, &t) == 1)
			ok += fsctp_decode_asconf_param(&t, &ap) == 0;
	}
	ok += fsctp_decode_auth(&c, &au) == 0;
	ok += fsctp_decode_pad(&c, &x) == 0;
	return ok;
}

TEST(ChunkTruncation, EveryDecoderOnEveryPrefixStaysInBounds)
{
	Writer wr;
	fsctp_init_info in;
	memset(&in, 0, sizeof(in));
	in.n_addrs = 2;
	fsctp_addr_set_v4(&in.addrs[0], 198, 18, 0, 1, 0);
	fsctp_addr_set_v4(&in.addrs[1], 198, 18, 0, 2, 0);
	in.cookie = (const uint8_t *)"cookie";
	in.cookie_len = 6;
	in.ecn_capable = true;
	fsctp_init_ext_set(&in, FSCTP_CHUNK_RECONFIG);
	fsctp_encode_init(&wr.w, true, &in);
	fsctp_data_info d;
	memset(&d, 0, sizeof(d));
	d.flags = FSCTP_DATA_FLAG_B;
	d.payload = (const uint8_t *)"payload";
	d.len = 7;
	fsctp_encode_data(&wr.w, &d);
	fsctp_encode_idata(&wr.w, &d);
	const uint16_t gaps[][2] = { { 1, 2 }, { 4, 4 } };
	const uint32_t dups[] = { 3 };
	fsctp_encode_sack(&wr.w, 1, 2, gaps, 2, dups, 1);
	fsctp_encode_heartbeat(&wr.w, "hbinfo", 6);
	uint8_t cbuf[64];
	fsctp_wbuf cw;
	fsctp_wbuf_init(&cw, cbuf, sizeof(cbuf));
	fsctp_encode_cause_missing_params(&cw, gaps[0], 2);
	fsctp_encode_cause_restart_new_addrs(&cw, in.addrs, 2);
	fsctp_encode_abort(&wr.w, false, cbuf, cw.len);
	const uint16_t st[][2] = { { 1, 1 } };
	fsctp_encode_fwd_tsn(&wr.w, 5, st, 1);
	const fsctp_ifwd_entry ie[] = { { 1, true, 2 } };
	fsctp_encode_ifwd_tsn(&wr.w, 5, ie, 1);
	size_t off = fsctp_wbuf_chunk_begin(&wr.w, FSCTP_CHUNK_RECONFIG, 0);
	fsctp_reconf_param rp;
	memset(&rp, 0, sizeof(rp));
	rp.type = FSCTP_PARAM_OUT_SSN_RESET_REQ;
	rp.n_sids = 2;
	fsctp_encode_reconf_param(&wr.w, &rp, gaps[0]);
	fsctp_wbuf_chunk_end(&wr.w, off);
	off = fsctp_encode_asconf_begin(&wr.w, 1, &in.addrs[0]);
	fsctp_asconf_param ap;
	memset(&ap, 0, sizeof(ap));
	ap.type = FSCTP_PARAM_ADD_IP;
	ap.addr = in.addrs[1];
	fsctp_encode_asconf_param(&wr.w, &ap);
	fsctp_wbuf_chunk_end(&wr.w, off);
	fsctp_encode_auth(&wr.w, 1, 1, nullptr, 20);
	ASSERT_EQ(wr.w.err, 0);

	fsctp_tlv_iter it;
	fsctp_tlv c;
	unsigned n_chunks = 0, full_ok = 0;
	fsctp_tlv_iter_init(&it, wr.mem.data(), wr.w.len, FSCTP_TLV_CHUNK);
	while (fsctp_tlv_next(&it, &c) == 1) {
		n_chunks++;
		std::vector<uint8_t> whole(c.hdr, c.hdr + c.length);
		{
			Exact b(whole);
			full_ok += decode_everything(first_tlv(b)) > 0;
		}
		/* Each prefix, with Length saying so: an exact-size block. */
		for (uint16_t l = 4; l < c.length; l++) {
			std::vector<uint8_t> v(whole.begin(),
					       whole.begin() + l);
			set_len(v, 0, l);
			Exact b(v);
			decode_everything(first_tlv(b));
		}
	}
	EXPECT_EQ(n_chunks, 11u);
	EXPECT_EQ(full_ok, n_chunks);
}

} // namespace

/* ---------------------------------------------------------------------- */
/* Chunk Length and the last parameter's padding (found by interop)       */
/* ---------------------------------------------------------------------- */

/* RFC 9260 3.2: Chunk Length includes the padding of every parameter but
 * the last one. An INIT ending with Supported Address Types (IPv4 only, 6
 * bytes) is 20 + 6 = 26 bytes long, padded to 28 on the wire; Wireshark
 * reports a length of 28 as malformed. */
TEST(ChunkLength, InitExcludesLastParameterPadding)
{
	Writer wr;
	fsctp_init_info in;
	fsctp_init_info out;

	memset(&in, 0, sizeof(in));
	in.init_tag = 1;
	in.a_rwnd = 65536;
	in.n_out_streams = 1;
	in.n_in_streams = 1;
	in.has_supported_addr_types = true;
	in.supported_addr_types = FSCTP_SAT_IPV4;
	ASSERT_EQ(fsctp_encode_init(&wr.w, false, &in), 0);
	ASSERT_EQ(wr.w.len, 28u);
	EXPECT_EQ(fsctp_rd16(wr.mem.data() + 2), 26u);
	EXPECT_EQ(wr.mem[26], 0u);
	EXPECT_EQ(wr.mem[27], 0u);
	/* Our own decoder takes the unpadded last parameter. */
	Exact b(wr.w);
	fsctp_tlv c = first_tlv(b);
	ASSERT_EQ(fsctp_decode_init(&c, &out), 0);
	EXPECT_TRUE(out.has_supported_addr_types);
	EXPECT_EQ(out.supported_addr_types, FSCTP_SAT_IPV4);
}

/* The same rule for an ERROR whose causes were built in another buffer:
 * a User-Initiated Abort cause with a 5-byte reason is 9 bytes long, so
 * the chunk is 4 + 9 = 13, padded to 16. A cause list that is already
 * 4-aligned at its end keeps its full length. */
TEST(ChunkLength, ErrorAndAbortExcludeLastCausePadding)
{
	uint8_t cbuf[64];
	fsctp_wbuf cw;
	Writer wr, wr2;

	fsctp_wbuf_init(&cw, cbuf, sizeof(cbuf));
	ASSERT_EQ(fsctp_encode_cause_user_abort(&cw, "hello", 5), 0);
	ASSERT_EQ(cw.len, 12u);
	ASSERT_EQ(fsctp_encode_error(&wr.w, cbuf, cw.len), 0);
	ASSERT_EQ(wr.w.len, 16u);
	EXPECT_EQ(fsctp_rd16(wr.mem.data() + 2), 13u);

	fsctp_wbuf_init(&cw, cbuf, sizeof(cbuf));
	ASSERT_EQ(fsctp_encode_cause_user_abort(&cw, "shutdown", 8), 0);
	ASSERT_EQ(fsctp_encode_abort(&wr2.w, false, cbuf, cw.len), 0);
	ASSERT_EQ(wr2.w.len, 16u);
	EXPECT_EQ(fsctp_rd16(wr2.mem.data() + 2), 16u);
}
