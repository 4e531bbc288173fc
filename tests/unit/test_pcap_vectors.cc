/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Decoder test vectors: every SCTP packet of a capture made between two
 * usrsctp stacks must parse, and every chunk in it must decode.
 */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "fsctp_cause.h"
#include "fsctp_chunk.h"
#include "wire_test_util.h"

#ifndef FSCTP_TEST_DATA_DIR
#error "FSCTP_TEST_DATA_DIR must name tests/data"
#endif

using namespace wire_test;

namespace
{

/* libpcap link types this reader understands. */
enum {
	LINK_ETHERNET = 1,
	LINK_RAW = 101,
	LINK_LINUX_SLL = 113,
	LINK_IPV4 = 228,
	LINK_IPV6 = 229,
};

struct Frame {
	uint32_t link;
	std::vector<uint8_t> data;
};

uint32_t
rd32(const uint8_t *p, bool swap)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

uint16_t
rd16(const uint8_t *p, bool swap)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return swap ? __builtin_bswap16(v) : v;
}

/*
 * A tiny reader for both capture formats: classic libpcap (magic
 * a1b2c3d4 / a1b23c4d, either byte order) and pcapng (section header
 * 0a0d0d0a; interface descriptions give the link type, enhanced and simple
 * packet blocks give the frames). Returns false on a malformed file.
 */
bool
read_capture(const std::vector<uint8_t> &f, std::vector<Frame> *out)
{
	if (f.size() < 24)
		return false;
	uint32_t m = rd32(f.data(), false);
	if (m == 0xa1b2c3d4 || m == 0xd4c3b2a1 || m == 0xa1b23c4d ||
	    m == 0x4d3cb2a1) {
		bool sw = m == 0xd4c3b2a1 || m == 0x4d3cb2a1;
		uint32_t link = rd32(f.data() + 20, sw) & 0x0FFFFFFF;
		size_t off = 24;
		while (off + 16 <= f.size()) {
			uint32_t cap = rd32(f.data() + off + 8, sw);
			off += 16;
			if (cap > f.size() - off)
				return false;
			out->push_back(
				{ link,
				  std::vector<uint8_t>(
					  f.begin() + (long)off,
					  f.begin() + (long)(off + cap)) });
			off += cap;
		}
		return off == f.size();
	}
	if (m != 0x0a0d0d0a)
		return false;
	std::vector<uint32_t> ifaces;
	bool sw = false;
	size_t off = 0;
	while (off + 12 <= f.size()) {
		if (rd32(f.data() + off, false) == 0x0a0d0d0a) {
			uint32_t bom = rd32(f.data() + off + 8, false);
			if (bom != 0x1a2b3c4d && bom != 0x4d3c2b1a)
				return false;
			sw = bom == 0x4d3c2b1a;
			ifaces.clear();
		}
		uint32_t type = rd32(f.data() + off, sw);
		uint32_t blen = rd32(f.data() + off + 4, sw);
		if (blen < 12 || blen % 4 || blen > f.size() - off)
			return false;
		const uint8_t *b = f.data() + off + 8;
		size_t body = blen - 12;
		if (type == 1) { /* Interface Description */
			if (body < 8)
				return false;
			ifaces.push_back(rd16(b, sw));
		} else if (type == 6) { /* Enhanced Packet */
			if (body < 20)
				return false;
			uint32_t ifc = rd32(b, sw), cap = rd32(b + 12, sw);
			if (ifc >= ifaces.size() || cap > body - 20)
				return false;
			out->push_back(
				{ ifaces[ifc],
				  std::vector<uint8_t>(b + 20, b + 20 + cap) });
		} else if (type == 3) { /* Simple Packet */
			if (body < 4 || ifaces.empty())
				return false;
			uint32_t len = rd32(b, sw);
			size_t cap = len < body - 4 ? len : body - 4;
			out->push_back(
				{ ifaces[0],
				  std::vector<uint8_t>(b + 4, b + 4 + cap) });
		}
		off += blen;
	}
	return off == f.size();
}

/*
 * Skip the link and IP headers. Returns the SCTP packet (protocol 132), or
 * an empty vector for other traffic.
 */
std::vector<uint8_t>
sctp_of(const Frame &fr)
{
	const std::vector<uint8_t> &d = fr.data;
	size_t off = 0;
	uint16_t et = 0;

	switch (fr.link) {
	case LINK_ETHERNET:
		if (d.size() < 14)
			return {};
		et = (uint16_t)(d[12] << 8 | d[13]);
		off = 14;
		while ((et == 0x8100 || et == 0x88a8) && d.size() >= off + 4) {
			et = (uint16_t)(d[off + 2] << 8 | d[off + 3]);
			off += 4;
		}
		break;
	case LINK_LINUX_SLL:
		if (d.size() < 16)
			return {};
		et = (uint16_t)(d[14] << 8 | d[15]);
		off = 16;
		break;
	case LINK_RAW:
	case LINK_IPV4:
	case LINK_IPV6:
		if (d.empty())
			return {};
		et = (d[0] >> 4) == 6 ? 0x86dd : 0x0800;
		break;
	default:
		ADD_FAILURE() << "unknown link type " << fr.link;
		return {};
	}
	if (et == 0x0800) {
		if (d.size() < off + 20)
			return {};
		size_t ihl = (size_t)(d[off] & 0x0F) * 4;
		size_t tot = (size_t)(d[off + 2] << 8 | d[off + 3]);
		if (d[off + 9] != 132 || ihl < 20 || tot < ihl ||
		    d.size() < off + tot)
			return {};
		return std::vector<uint8_t>(d.begin() + (long)(off + ihl),
					    d.begin() + (long)(off + tot));
	}
	if (et == 0x86dd) {
		if (d.size() < off + 40 || d[off + 6] != 132)
			return {};
		size_t pl = (size_t)(d[off + 4] << 8 | d[off + 5]);
		if (d.size() < off + 40 + pl)
			return {};
		return std::vector<uint8_t>(d.begin() + (long)(off + 40),
					    d.begin() + (long)(off + 40 + pl));
	}
	return {};
}

/* Decode one chunk with its decoder; returns the decoder's result. */
int decode_chunk(const fsctp_tlv &c, unsigned *n_causes);

/* Every decoder that applies to c's type, without content checks. */
int
decode_chunk_quiet(const fsctp_tlv &c, unsigned *n_causes)
{
	fsctp_init_info ii;
	fsctp_data_info d;
	fsctp_sack_info s;
	if (c.type == FSCTP_CHUNK_INIT || c.type == FSCTP_CHUNK_INIT_ACK)
		return fsctp_decode_init(&c, &ii);
	if (c.type == FSCTP_CHUNK_DATA)
		return fsctp_decode_data(&c, &d);
	if (c.type == FSCTP_CHUNK_SACK)
		return fsctp_decode_sack(&c, &s);
	return decode_chunk(c, n_causes);
}

int
decode_chunk(const fsctp_tlv &c, unsigned *n_causes)
{
	switch (c.type) {
	case FSCTP_CHUNK_DATA: {
		fsctp_data_info d;
		int rc = fsctp_decode_data(&c, &d);
		EXPECT_TRUE(rc != 0 || d.len > 0);
		return rc;
	}
	case FSCTP_CHUNK_INIT:
	case FSCTP_CHUNK_INIT_ACK: {
		fsctp_init_info ii;
		int rc = fsctp_decode_init(&c, &ii);
		if (rc == 0) {
			EXPECT_NE(ii.init_tag, 0u);
			EXPECT_GT(ii.n_out_streams, 0);
			EXPECT_FALSE(ii.unrecognized_stop);
			if (c.type == FSCTP_CHUNK_INIT_ACK) {
				EXPECT_NE(ii.cookie, nullptr);
			}
		}
		return rc;
	}
	case FSCTP_CHUNK_SACK: {
		fsctp_sack_info s;
		return fsctp_decode_sack(&c, &s);
	}
	case FSCTP_CHUNK_HEARTBEAT:
	case FSCTP_CHUNK_HEARTBEAT_ACK: {
		fsctp_span s;
		return fsctp_decode_heartbeat(&c, &s);
	}
	case FSCTP_CHUNK_ABORT:
	case FSCTP_CHUNK_ERROR: {
		fsctp_error_info e;
		int rc = fsctp_decode_error(&c, &e);
		if (rc)
			return rc;
		fsctp_tlv_iter it;
		fsctp_tlv t;
		fsctp_error_causes_iter(&e, &it);
		while (fsctp_tlv_next(&it, &t) == 1) {
			fsctp_cause_info ci;
			rc = fsctp_decode_cause(&t, &ci);
			if (rc)
				return rc;
			(*n_causes)++;
		}
		return 0;
	}
	case FSCTP_CHUNK_SHUTDOWN: {
		uint32_t u;
		return fsctp_decode_shutdown(&c, &u);
	}
	case FSCTP_CHUNK_SHUTDOWN_ACK:
	case FSCTP_CHUNK_COOKIE_ACK:
	case FSCTP_CHUNK_SHUTDOWN_COMPLETE:
		return fsctp_decode_empty(&c);
	case FSCTP_CHUNK_COOKIE_ECHO: {
		fsctp_span s;
		return fsctp_decode_cookie_echo(&c, &s);
	}
	default:
		ADD_FAILURE() << "chunk type " << c.type << " not expected";
		return -1;
	}
}

TEST(PcapVectors, UsrsctpCaptureDecodesCleanly)
{
	std::string path =
		std::string(FSCTP_TEST_DATA_DIR) + "/usrsctp-tsctp-ipv4.pcap";
	FILE *fp = fopen(path.c_str(), "rb");
	ASSERT_NE(fp, nullptr) << path;
	std::vector<uint8_t> file;
	uint8_t buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		file.insert(file.end(), buf, buf + n);
	fclose(fp);

	std::vector<Frame> frames;
	ASSERT_TRUE(read_capture(file, &frames));
	/* The capture's README: 225 packets. */
	EXPECT_EQ(frames.size(), 225u);

	std::map<unsigned, unsigned> seen;
	unsigned n_sctp = 0, n_causes = 0, n_data_bytes = 0;
	for (const Frame &fr : frames) {
		std::vector<uint8_t> s = sctp_of(fr);
		if (s.empty())
			continue;
		n_sctp++;
		Exact pkt(s);
		fsctp_packet p;
		int nc = fsctp_packet_parse(pkt.data(), pkt.n, &p);
		ASSERT_GT(nc, 0) << "packet " << n_sctp;
		EXPECT_FALSE(p.bundling_violation);
		EXPECT_TRUE(p.dst_port == 5001 || p.src_port == 5001);
		fsctp_tlv_iter it;
		fsctp_tlv c;
		int k = 0;
		fsctp_packet_chunks_iter(&p, &it);
		while (fsctp_tlv_next(&it, &c) == 1) {
			EXPECT_EQ(decode_chunk(c, &n_causes), 0)
				<< "packet " << n_sctp << " chunk " << c.type;
			if (c.type == FSCTP_CHUNK_DATA)
				n_data_bytes += c.value_len - 12u;
			/* An INIT is the only chunk carrying vtag 0. */
			if (c.type == FSCTP_CHUNK_INIT) {
				EXPECT_EQ(p.vtag, 0u);
			}
			seen[c.type]++;
			k++;
		}
		EXPECT_EQ(k, nc);
	}
	EXPECT_EQ(n_sctp, 225u);
	/* Two associations, each a full handshake and graceful shutdown. */
	EXPECT_EQ(seen[FSCTP_CHUNK_INIT], 2u);
	EXPECT_EQ(seen[FSCTP_CHUNK_INIT_ACK], 2u);
	EXPECT_EQ(seen[FSCTP_CHUNK_COOKIE_ECHO], 2u);
	EXPECT_EQ(seen[FSCTP_CHUNK_COOKIE_ACK], 2u);
	EXPECT_EQ(seen[FSCTP_CHUNK_SHUTDOWN], 2u);
	EXPECT_EQ(seen[FSCTP_CHUNK_SHUTDOWN_ACK], 2u);
	EXPECT_EQ(seen[FSCTP_CHUNK_SHUTDOWN_COMPLETE], 2u);
	/* Counts cross-checked with tshark's SCTP dissector. */
	EXPECT_EQ(seen[FSCTP_CHUNK_DATA], 190u);
	EXPECT_EQ(seen[FSCTP_CHUNK_SACK], 105u);
	EXPECT_EQ(seen.size(), 9u);
	/* 30 x 3000 bytes, then 100 x 100 bytes. */
	EXPECT_EQ(n_data_bytes, 30u * 3000 + 100u * 100);
	for (auto &kv : seen)
		RecordProperty("chunk_type_" + std::to_string(kv.first),
			       (int)kv.second);
}

/*
 * Every prefix of every captured packet: the parser and the decoders may
 * reject it, but never read past it (exact-size blocks under ASan).
 */
TEST(PcapVectors, EveryPrefixOfEveryPacketStaysInBounds)
{
	std::string path =
		std::string(FSCTP_TEST_DATA_DIR) + "/usrsctp-tsctp-ipv4.pcap";
	FILE *fp = fopen(path.c_str(), "rb");
	ASSERT_NE(fp, nullptr) << path;
	std::vector<uint8_t> file;
	uint8_t buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		file.insert(file.end(), buf, buf + n);
	fclose(fp);
	std::vector<Frame> frames;
	ASSERT_TRUE(read_capture(file, &frames));

	std::map<unsigned, bool> done; /* one packet per first chunk type */
	unsigned n_rejected = 0, n_prefixes = 0;
	for (const Frame &fr : frames) {
		std::vector<uint8_t> s = sctp_of(fr);
		if (s.size() < 16 || done[s[12]])
			continue;
		done[s[12]] = true;
		for (size_t l = 0; l < s.size(); l++) {
			std::vector<uint8_t> v(s.begin(), s.begin() + (long)l);
			Exact pkt(v);
			fsctp_packet p;
			n_prefixes++;
			if (fsctp_packet_parse(pkt.data(), pkt.n, &p) < 0) {
				n_rejected++;
				continue;
			}
			fsctp_tlv_iter it;
			fsctp_tlv c;
			unsigned dummy = 0;
			fsctp_packet_chunks_iter(&p, &it);
			while (fsctp_tlv_next(&it, &c) == 1)
				(void)decode_chunk_quiet(c, &dummy);
		}
	}
	EXPECT_GE(done.size(), 5u);
	/* Most prefixes cut a chunk short and must be rejected. */
	EXPECT_GT(n_rejected, n_prefixes / 2);
}

} // namespace
