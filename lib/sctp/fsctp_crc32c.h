/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * CRC32c (Castagnoli) for the SCTP checksum, RFC 9260 section 6.8 and
 * Appendix A.
 *
 * The update functions are raw: they neither invert the CRC on entry nor on
 * exit. A checksum over a buffer is therefore
 *
 *     fsctp_crc32c(FSCTP_CRC32C_INIT, buf, len) ^ FSCTP_CRC32C_XOROUT
 *
 * and a buffer may be fed in pieces by passing each call's return value to
 * the next (the complement is applied once, at the end). Every function here
 * is pure and may be called from any thread or lcore.
 */
#ifndef FSCTP_CRC32C_H
#define FSCTP_CRC32C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Initial value of a CRC32c computation (all ones). */
#define FSCTP_CRC32C_INIT 0xFFFFFFFFu
/** Final complement of a CRC32c computation. */
#define FSCTP_CRC32C_XOROUT 0xFFFFFFFFu

/**
 * Raw CRC32c update with the fastest implementation this CPU supports.
 *
 * @param crc
 *   The running CRC: FSCTP_CRC32C_INIT for a new computation, or the return
 *   value of the previous call over the preceding bytes.
 * @param buf
 *   Bytes to add; may be NULL when @p len is 0. Any alignment.
 * @param len
 *   Number of bytes.
 * @return
 *   The updated running CRC (not complemented).
 */
uint32_t fsctp_crc32c(uint32_t crc, const void *buf, size_t len);

/**
 * Raw CRC32c update, portable slicing-by-8 table implementation. Same
 * contract and results as fsctp_crc32c().
 */
uint32_t fsctp_crc32c_sw(uint32_t crc, const void *buf, size_t len);

/**
 * Raw CRC32c update with the x86-64 SSE4.2 + PCLMULQDQ implementation when
 * the CPU has both, else the same as fsctp_crc32c_sw(). Exposed for tests
 * and benchmarks; same contract and results as fsctp_crc32c().
 */
uint32_t fsctp_crc32c_hw(uint32_t crc, const void *buf, size_t len);

/**
 * Whether fsctp_crc32c_hw() runs the hardware path on this CPU.
 *
 * @return
 *   true if the SSE4.2 crc32 instruction and PCLMULQDQ are used.
 */
bool fsctp_crc32c_hw_available(void);

/**
 * Name of the implementation fsctp_crc32c() runs on this CPU.
 *
 * @return
 *   A static string: "sse42-pclmul-3way" or "sw-slice8".
 */
const char *fsctp_crc32c_impl_name(void);

/**
 * Compute the SCTP checksum of a whole packet and store it in the common
 * header (RFC 9260 section 6.8). The checksum field is taken as zero while
 * computing; the result is written in the byte order of RFC 9260 Appendix A
 * (the complemented CRC's least significant byte first, at offset 8).
 *
 * @param pkt
 *   The SCTP packet, starting at the common header.
 * @param len
 *   Its length in bytes. Packets shorter than the 12-byte common header are
 *   left unchanged.
 */
void fsctp_packet_set_crc(uint8_t *pkt, size_t len);

/**
 * Check the SCTP checksum of a received packet (RFC 9260 section 6.8: a
 * packet with an invalid checksum is silently discarded by the caller).
 *
 * @param pkt
 *   The SCTP packet, starting at the common header.
 * @param len
 *   Its length in bytes.
 * @return
 *   true if @p len is at least 12 and the checksum matches, else false.
 */
bool fsctp_packet_crc_ok(const uint8_t *pkt, size_t len);

/**
 * The SCTP checksum of a packet as it would be stored: computed over
 * @p len bytes with the checksum field (bytes 8..11) taken as zero, already
 * complemented. The caller guarantees @p len >= 12.
 *
 * @return
 *   The 32-bit CRC32c value (store with the low byte first).
 */
uint32_t fsctp_packet_crc(const uint8_t *pkt, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_CRC32C_H */
