/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * UDP (RFC 768) as the carrier of SCTP packets: SCTP over UDP
 * encapsulation (RFC 6951). Only what encapsulation needs: check a
 * received datagram's header and checksum, and write the header (with its
 * checksum) in front of an SCTP packet.
 *
 * Checksum rules: IPv4 datagrams with checksum 0 carry none (RFC 768) and
 * are accepted; IPv6 datagrams must carry one (RFC 8200 section 8.1; the
 * zero-checksum mode of RFC 6936 is not supported), so 0 is refused. On
 * output the checksum is always computed (RFC 6951 section 5.3 allows it
 * for both families and IPv6 requires it).
 */
#ifndef FSCTP_UDP_H
#define FSCTP_UDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_IPPROTO_UDP 17 /**< UDP. */
#define FSCTP_UDP_HLEN	  8  /**< UDP header. */
/** RFC 6951 section 5.1: the IANA port "sctp-tunneling". */
#define FSCTP_UDP_ENCAPS_PORT 9899

/** Why fsctp_udp_parse() refused a datagram. */
enum fsctp_udp_err {
	FSCTP_UDP_ERR_NONE = 0, /**< Accepted. */
	FSCTP_UDP_ERR_LEN,	/**< Shorter than 8, or a length field that
				 * disagrees with the IP payload. */
	FSCTP_UDP_ERR_CSUM,	/**< Bad checksum, or 0 over IPv6. */
	FSCTP_UDP_ERR_PORT,	/**< Source port 0 (no port to answer). */
};

/** What fsctp_udp_parse() found. */
struct fsctp_udp_info {
	uint16_t sport;		/**< Source port, host order. */
	uint16_t dport;		/**< Destination port, host order. */
	const uint8_t *payload; /**< The bytes after the header. */
	size_t payload_len;	/**< Their number. */
};

/**
 * Check a UDP datagram (the IP payload, len bytes): header, length field
 * equal to len, checksum over the pseudo-header of src and dst (4 or 16
 * bytes by family).
 * @param err set to the reason on failure (may be NULL).
 * @return 0, or -EINVAL (length, port) / -EBADMSG (checksum).
 */
int fsctp_udp_parse(uint8_t family, const uint8_t *src, const uint8_t *dst,
		    const uint8_t *udp, size_t len, struct fsctp_udp_info *out,
		    enum fsctp_udp_err *err);

/**
 * Write a UDP header at buf for the payload_len bytes that already follow
 * it (buf + FSCTP_UDP_HLEN), with the checksum computed over them.
 * @return FSCTP_UDP_HLEN, or 0 when cap cannot hold header and payload or
 *   the datagram would exceed 65535 bytes.
 */
size_t fsctp_udp_build(uint8_t family, const uint8_t *src, const uint8_t *dst,
		       uint8_t *buf, size_t cap, uint16_t sport, uint16_t dport,
		       size_t payload_len);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_UDP_H */
