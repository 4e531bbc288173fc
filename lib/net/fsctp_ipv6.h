/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * IPv6 (RFC 8200): bounds-checked parse with a bounded extension header
 * walk, and build.
 *
 * As for IPv4, fragments are recognised and left to the caller to drop and
 * count: SCTP does its own fragmentation and path MTU discovery.
 */
#ifndef FSCTP_IPV6_H
#define FSCTP_IPV6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_IPV6_HLEN		40 /**< Fixed header. */
#define FSCTP_IPPROTO_ICMPV6	58 /**< ICMPv6. */
#define FSCTP_IPV6_MAX_EXT	8  /**< Extension headers we walk at most. */
#define FSCTP_IPV6_DEFAULT_HOPS 64 /**< Hop limit of packets we send. */

/** A parsed IPv6 header and its extension header chain. */
struct fsctp_ipv6_info {
	uint8_t src[16];      /**< Source address. */
	uint8_t dst[16];      /**< Destination address. */
	uint8_t proto;	      /**< Upper-layer protocol after the chain. */
	uint8_t hop_limit;    /**< Hop limit. */
	uint8_t n_ext;	      /**< Extension headers walked. */
	bool is_frag;	      /**< A Fragment header was found. */
	uint16_t payload_len; /**< Payload Length field. */
	uint16_t l4_off;      /**< Upper-layer offset from the header. */
	const uint8_t *l4;    /**< Upper-layer header. */
	uint16_t l4_len;      /**< Upper-layer bytes. */
};

/** Why fsctp_ipv6_parse() refused a packet. */
enum fsctp_ipv6_err {
	FSCTP_IPV6_OK = 0,
	FSCTP_IPV6_ERR_SHORT,	  /**< Buffer shorter than the header. */
	FSCTP_IPV6_ERR_VERSION,	  /**< Version is not 6. */
	FSCTP_IPV6_ERR_LEN,	  /**< Payload length past the buffer. */
	FSCTP_IPV6_ERR_EXT,	  /**< An extension header runs past the end
				     or Hop-by-Hop is not first. */
	FSCTP_IPV6_ERR_EXT_LIMIT, /**< More than FSCTP_IPV6_MAX_EXT. */
};

/**
 * Parse an IPv6 header and walk Hop-by-Hop, Routing, Destination Options,
 * Fragment, AH and the other RFC 8200 section 4 headers, at most
 * FSCTP_IPV6_MAX_EXT of them. The walk stops at a Fragment header (is_frag).
 * @param err set to the reason on failure (may be NULL).
 * @return 0 or -EINVAL.
 */
int fsctp_ipv6_parse(const uint8_t *buf, size_t len,
		     struct fsctp_ipv6_info *out, enum fsctp_ipv6_err *err);

/**
 * As fsctp_ipv6_parse(), for the truncated packet quoted in an ICMPv6
 * error: a Payload Length past the end of buf is cut to buf.
 */
int fsctp_ipv6_parse_quoted(const uint8_t *buf, size_t len,
			    struct fsctp_ipv6_info *out,
			    enum fsctp_ipv6_err *err);

/**
 * Write a 40-byte IPv6 header.
 * @return FSCTP_IPV6_HLEN, or 0 when cap is too small or payload_len does
 *   not fit in 16 bits.
 */
size_t fsctp_ipv6_build(uint8_t *buf, size_t cap, const uint8_t *src,
			const uint8_t *dst, uint8_t next_header,
			uint8_t hop_limit, size_t payload_len);

/** @return the unfolded checksum of the RFC 8200 section 8.1 pseudo-header. */
uint32_t fsctp_ipv6_pseudo_sum(const uint8_t *src, const uint8_t *dst,
			       uint32_t len, uint8_t proto);

/** @return true for a multicast address (ff00::/8). */
static inline bool
fsctp_ipv6_is_multicast(const uint8_t *a)
{
	return a[0] == 0xff;
}

/** @return true for the unspecified address ::. */
bool fsctp_ipv6_is_unspecified(const uint8_t *a);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_IPV6_H */
