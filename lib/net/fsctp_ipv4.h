/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * IPv4 (RFC 791): bounds-checked parse and build.
 *
 * Fragments are recognised but not reassembled: the caller drops and counts
 * them. SCTP fragments user messages itself (RFC 9260 section 6.9), sends
 * with DF set and discovers the path MTU (RFC 9260 section 7.3, RFC 8899), so
 * a fragmented SCTP packet is never produced by a conforming peer that
 * follows the recommendation, and reassembly would only be an attack surface
 * (buffer exhaustion, overlapping fragments).
 */
#ifndef FSCTP_IPV4_H
#define FSCTP_IPV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_IPV4_HLEN	       20  /**< Header without options. */
#define FSCTP_IPPROTO_ICMP     1   /**< ICMP. */
#define FSCTP_IPPROTO_SCTP     132 /**< SCTP. */
#define FSCTP_IPV4_DEFAULT_TTL 64  /**< TTL of packets we send. */

/** A parsed IPv4 header. */
struct fsctp_ipv4_info {
	uint8_t src[4];		/**< Source address. */
	uint8_t dst[4];		/**< Destination address. */
	uint8_t proto;		/**< Protocol. */
	uint8_t ttl;		/**< Time to live. */
	uint8_t tos;		/**< DSCP and ECN. */
	bool df;		/**< Don't Fragment set. */
	bool is_frag;		/**< MF set or a non-zero fragment offset. */
	uint16_t hlen;		/**< Header length with options. */
	uint16_t total_len;	/**< Total length from the header. */
	const uint8_t *payload; /**< First byte after the header. */
	uint16_t payload_len;	/**< total_len - hlen. */
};

/** Why fsctp_ipv4_parse() refused a header. */
enum fsctp_ipv4_err {
	FSCTP_IPV4_OK = 0,
	FSCTP_IPV4_ERR_SHORT,	/**< Buffer shorter than the header. */
	FSCTP_IPV4_ERR_VERSION, /**< Version is not 4. */
	FSCTP_IPV4_ERR_IHL,	/**< IHL < 5 or past the buffer. */
	FSCTP_IPV4_ERR_LEN,	/**< Total length < IHL or > buffer. */
	FSCTP_IPV4_ERR_CSUM,	/**< Header checksum wrong. */
	FSCTP_IPV4_ERR_TTL,	/**< TTL of zero. */
};

/**
 * Parse and validate an IPv4 header. Options are skipped (not interpreted);
 * bytes past total_len (Ethernet padding) are ignored.
 * @param err set to the reason on failure (may be NULL).
 * @return 0, or -EINVAL (malformed) / -EBADMSG (checksum).
 */
int fsctp_ipv4_parse(const uint8_t *buf, size_t len,
		     struct fsctp_ipv4_info *out, enum fsctp_ipv4_err *err);

/**
 * Write a 20-byte IPv4 header with DF set (RFC 9260 section 7.3: SCTP
 * relies on path MTU discovery, so it never lets routers fragment).
 * @param csum compute the header checksum (false: leave 0 for the NIC).
 * @return FSCTP_IPV4_HLEN, or 0 when cap is too small or the datagram would
 *   exceed 65535 bytes.
 */
size_t fsctp_ipv4_build(uint8_t *buf, size_t cap, const uint8_t *src,
			const uint8_t *dst, uint8_t proto, uint8_t ttl,
			uint16_t id, size_t payload_len, bool csum);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_IPV4_H */
