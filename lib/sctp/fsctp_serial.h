/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Serial number arithmetic (RFC 1982) for TSNs (32 bits), SSNs (16 bits)
 * and I-DATA MIDs (32 bits), as RFC 9260 1.6 requires. Every comparison of
 * sequence numbers in fsctp goes through these.
 */
#ifndef FSCTP_SERIAL_H
#define FSCTP_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @return true if a < b in 32-bit serial arithmetic. */
static inline bool
fsctp_sn32_lt(uint32_t a, uint32_t b)
{
	return a != b && (uint32_t)(b - a) < (1u << 31);
}

/** @return true if a <= b in 32-bit serial arithmetic. */
static inline bool
fsctp_sn32_le(uint32_t a, uint32_t b)
{
	return a == b || fsctp_sn32_lt(a, b);
}

/** @return true if a > b in 32-bit serial arithmetic. */
static inline bool
fsctp_sn32_gt(uint32_t a, uint32_t b)
{
	return fsctp_sn32_lt(b, a);
}

/** @return true if a >= b in 32-bit serial arithmetic. */
static inline bool
fsctp_sn32_ge(uint32_t a, uint32_t b)
{
	return a == b || fsctp_sn32_lt(b, a);
}

/** @return true if a < b in 16-bit serial arithmetic. */
static inline bool
fsctp_sn16_lt(uint16_t a, uint16_t b)
{
	return a != b && (uint16_t)(b - a) < (1u << 15);
}

/** @return true if a <= b in 16-bit serial arithmetic. */
static inline bool
fsctp_sn16_le(uint16_t a, uint16_t b)
{
	return a == b || fsctp_sn16_lt(a, b);
}

/** @return true if a > b in 16-bit serial arithmetic. */
static inline bool
fsctp_sn16_gt(uint16_t a, uint16_t b)
{
	return fsctp_sn16_lt(b, a);
}

/** @return true if a >= b in 16-bit serial arithmetic. */
static inline bool
fsctp_sn16_ge(uint16_t a, uint16_t b)
{
	return a == b || fsctp_sn16_lt(b, a);
}

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_SERIAL_H */
