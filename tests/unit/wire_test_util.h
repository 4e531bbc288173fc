/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the codec tests. */
#ifndef WIRE_TEST_UTIL_H
#define WIRE_TEST_UTIL_H

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

#include "fsctp_chunk.h"

namespace wire_test
{

/*
 * Bytes in a heap block of exactly their size, so that AddressSanitizer
 * catches a decoder reading one byte past its input.
 */
struct Exact {
	std::unique_ptr<uint8_t[]> p;
	size_t n;

	explicit Exact(const std::vector<uint8_t> &v)
	    : p(new uint8_t[v.empty() ? 1 : v.size()]), n(v.size())
	{
		if (n)
			memcpy(p.get(), v.data(), n);
	}
	explicit Exact(const fsctp_wbuf &w)
	    : Exact(std::vector<uint8_t>(w.buf, w.buf + w.len))
	{
	}
	const uint8_t *data() const
	{
		return p.get();
	}
};

/* The first TLV of b, as the iterator proves it. */
static inline fsctp_tlv
first_tlv(const Exact &b, fsctp_tlv_kind kind = FSCTP_TLV_CHUNK)
{
	fsctp_tlv_iter it;
	fsctp_tlv t;

	memset(&t, 0, sizeof(t));
	fsctp_tlv_iter_init(&it, b.data(), b.n, kind);
	EXPECT_EQ(fsctp_tlv_next(&it, &t), 1);
	return t;
}

/* Append big-endian values to a byte vector. */
static inline void
put16(std::vector<uint8_t> &v, uint16_t x)
{
	v.push_back((uint8_t)(x >> 8));
	v.push_back((uint8_t)x);
}

static inline void
put32(std::vector<uint8_t> &v, uint32_t x)
{
	put16(v, (uint16_t)(x >> 16));
	put16(v, (uint16_t)x);
}

/* Set the Length field (bytes 2-3) of a TLV starting at off. */
static inline void
set_len(std::vector<uint8_t> &v, size_t off, uint16_t len)
{
	v[off + 2] = (uint8_t)(len >> 8);
	v[off + 3] = (uint8_t)len;
}

/* A parameter TLV with padding. */
static inline void
put_param(std::vector<uint8_t> &v, uint16_t type,
	  const std::vector<uint8_t> &val)
{
	put16(v, type);
	put16(v, (uint16_t)(4 + val.size()));
	v.insert(v.end(), val.begin(), val.end());
	while (v.size() % 4)
		v.push_back(0);
}

} // namespace wire_test

#endif /* WIRE_TEST_UTIL_H */
