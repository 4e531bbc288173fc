/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The Internet checksum (RFC 1071) used by IPv4, ICMP and ICMPv6.
 *
 * Sums are accumulated in 32 bits over big-endian 16-bit words and folded at
 * the end. Only the last piece of a sum may have an odd length.
 */
#ifndef FSCTP_CSUM_H
#define FSCTP_CSUM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Add len bytes at p to a running one's complement sum.
 * @return the new (unfolded) sum.
 */
static inline uint32_t
fsctp_csum_add(uint32_t sum, const void *p, size_t len)
{
	const uint8_t *b = (const uint8_t *)p;
	uint64_t s = sum, x;
	size_t i;

	/* Eight bytes per load: the same four big-endian words, summed
	 * exactly as the two-byte loop below would (no overflow before
	 * 2^47 bytes). */
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&x, b + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		x = __builtin_bswap64(x);
#endif
		s += (x >> 48) + (x >> 32 & 0xffff) + (x >> 16 & 0xffff) +
		     (x & 0xffff);
	}
	for (; i + 1 < len; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	if (len & 1)
		s += (uint32_t)b[len - 1] << 8;
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

/** @return the one's complement of the folded sum, host order. */
static inline uint16_t
fsctp_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/** @return the Internet checksum of len bytes at p, host order. */
static inline uint16_t
fsctp_csum(const void *p, size_t len)
{
	return fsctp_csum_fold(fsctp_csum_add(0, p, len));
}

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_CSUM_H */
