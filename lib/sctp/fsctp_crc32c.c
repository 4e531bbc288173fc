/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC32c (RFC 9260 section 6.8 and Appendix A): a portable slicing-by-8
 * table implementation and an x86-64 implementation that runs the SSE4.2
 * crc32 instruction on three interleaved streams and joins them with
 * PCLMULQDQ. The x86 code is compiled with per-function target attributes,
 * so the rest of the library stays generic; which one runs is decided at
 * each call from the CPU's feature bits (no mutable state of our own).
 */
#include <string.h>

#include "fsctp_crc32c.h"

#include "fsctp_crc32c_tables.h"

/* The common header's checksum field (RFC 9260 section 3.1). */
#define CKSUM_OFF      8
#define COMMON_HDR_LEN 12

uint32_t
fsctp_crc32c_sw(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	const uint32_t(*t)[256] = fsctp_crc32c_tab;

	/*
	 * Slicing-by-8: table j maps a byte to its CRC after j more zero
	 * bytes, so eight table reads advance the CRC by eight bytes. Bytes
	 * are read one by one, so the result does not depend on host byte
	 * order or alignment.
	 */
	while (len >= 8) {
		crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		crc = t[7][crc & 0xff] ^ t[6][(crc >> 8) & 0xff] ^
		      t[5][(crc >> 16) & 0xff] ^ t[4][crc >> 24] ^ t[3][p[4]] ^
		      t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = (crc >> 8) ^ t[0][(crc ^ *p++) & 0xff];
	return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FSCTP_CRC32C_X86 1
#include <nmmintrin.h>
#include <wmmintrin.h>

#define X86_TARGET __attribute__((target("sse4.2,pclmul")))

/* Below this many bytes the single stream is as fast as three. */
#define THREE_WAY_MIN (3 * 8 * 8)

static inline uint64_t
ld64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/*
 * c * x^(8*B) mod P, and likewise for the second CRC with 2*B, summed:
 * each carry-less product with x^(m - 33) mod P, reduced by one crc32 of
 * the 64-bit sum, multiplies by x^m (see the table generator).
 */
X86_TARGET static inline uint32_t
shift_combine(uint32_t c0, uint32_t c1, size_t words)
{
	__m128i k = _mm_set_epi64x((long long)fsctp_crc32c_shift[words][1],
				   (long long)fsctp_crc32c_shift[words][0]);
	__m128i a = _mm_clmulepi64_si128(_mm_cvtsi32_si128((int)c0), k, 0x10);
	__m128i b = _mm_clmulepi64_si128(_mm_cvtsi32_si128((int)c1), k, 0x00);
	uint64_t x = (uint64_t)_mm_cvtsi128_si64(_mm_xor_si128(a, b));

	return (uint32_t)_mm_crc32_u64(0, x);
}

X86_TARGET static uint32_t
crc32c_x86(uint32_t crc, const uint8_t *p, size_t len)
{
	uint64_t c0 = crc;

	/*
	 * The crc32 instruction has a latency of several cycles but issues
	 * every cycle: three independent streams over consecutive blocks of
	 * B bytes keep it busy. CRC(A|B|C) = A*x^(16B) + B*x^(8B) + C with
	 * streams B and C started from zero.
	 */
	while (len >= THREE_WAY_MIN) {
		size_t words = len / 24;
		size_t blk, i;
		uint64_t c1 = 0, c2 = 0;

		if (words > FSCTP_CRC32C_MAX_WORDS)
			words = FSCTP_CRC32C_MAX_WORDS;
		blk = words * 8;
		for (i = 0; i < blk; i += 8) {
			c0 = _mm_crc32_u64(c0, ld64(p + i));
			c1 = _mm_crc32_u64(c1, ld64(p + blk + i));
			c2 = _mm_crc32_u64(c2, ld64(p + 2 * blk + i));
		}
		c0 = (uint32_t)c2 ^
		     shift_combine((uint32_t)c0, (uint32_t)c1, words);
		p += 3 * blk;
		len -= 3 * blk;
	}
	while (len >= 8) {
		c0 = _mm_crc32_u64(c0, ld64(p));
		p += 8;
		len -= 8;
	}
	while (len--)
		c0 = _mm_crc32_u8((uint32_t)c0, *p++);
	return (uint32_t)c0;
}
#endif

bool
fsctp_crc32c_hw_available(void)
{
#ifdef FSCTP_CRC32C_X86
	return __builtin_cpu_supports("sse4.2") &&
	       __builtin_cpu_supports("pclmul");
#else
	return false;
#endif
}

uint32_t
fsctp_crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
#ifdef FSCTP_CRC32C_X86
	if (fsctp_crc32c_hw_available())
		return len ? crc32c_x86(crc, buf, len) : crc;
#endif
	return fsctp_crc32c_sw(crc, buf, len);
}

uint32_t
fsctp_crc32c(uint32_t crc, const void *buf, size_t len)
{
	return fsctp_crc32c_hw(crc, buf, len);
}

const char *
fsctp_crc32c_impl_name(void)
{
	return fsctp_crc32c_hw_available() ? "sse42-pclmul-3way" : "sw-slice8";
}

uint32_t
fsctp_packet_crc(const uint8_t *pkt, size_t len)
{
	static const uint8_t zero[4];
	uint32_t crc;

	/* RFC 9260 6.8: the checksum field is zero while computing. */
	crc = fsctp_crc32c(FSCTP_CRC32C_INIT, pkt, CKSUM_OFF);
	crc = fsctp_crc32c(crc, zero, sizeof(zero));
	crc = fsctp_crc32c(crc, pkt + COMMON_HDR_LEN, len - COMMON_HDR_LEN);
	return crc ^ FSCTP_CRC32C_XOROUT;
}

void
fsctp_packet_set_crc(uint8_t *pkt, size_t len)
{
	uint32_t crc;

	if (pkt == NULL || len < COMMON_HDR_LEN)
		return;
	crc = fsctp_packet_crc(pkt, len);
	/*
	 * RFC 9260 Appendix A: the CRC is computed over the reflected bit
	 * order, so its least significant byte is the first byte on the wire.
	 */
	pkt[CKSUM_OFF] = (uint8_t)crc;
	pkt[CKSUM_OFF + 1] = (uint8_t)(crc >> 8);
	pkt[CKSUM_OFF + 2] = (uint8_t)(crc >> 16);
	pkt[CKSUM_OFF + 3] = (uint8_t)(crc >> 24);
}

bool
fsctp_packet_crc_ok(const uint8_t *pkt, size_t len)
{
	uint32_t want;

	if (pkt == NULL || len < COMMON_HDR_LEN)
		return false;
	want = (uint32_t)pkt[CKSUM_OFF] | (uint32_t)pkt[CKSUM_OFF + 1] << 8 |
	       (uint32_t)pkt[CKSUM_OFF + 2] << 16 |
	       (uint32_t)pkt[CKSUM_OFF + 3] << 24;
	return fsctp_packet_crc(pkt, len) == want;
}
