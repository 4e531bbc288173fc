/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * IPv6 Neighbor Discovery (RFC 4861): Neighbor Solicitation and Neighbor
 * Advertisement, parse and build (the ICMPv6 part).
 */
#ifndef FSCTP_ND_H
#define FSCTP_ND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_ND_NS	135  /**< Neighbor Solicitation. */
#define FSCTP_ND_NA	136  /**< Neighbor Advertisement. */
#define FSCTP_ND_LEN	32   /**< NS or NA with one link-layer option. */
#define FSCTP_ND_FLAG_R 0x80 /**< NA: router. */
#define FSCTP_ND_FLAG_S 0x40 /**< NA: solicited. */
#define FSCTP_ND_FLAG_O 0x20 /**< NA: override. */

/** A parsed NS or NA. */
struct fsctp_nd_info {
	uint8_t type;	    /**< FSCTP_ND_NS or FSCTP_ND_NA. */
	uint8_t flags;	    /**< NA flags (R, S, O). */
	uint8_t target[16]; /**< Target address. */
	bool has_lla;	    /**< A source (NS) / target (NA) LLA option. */
	uint8_t lla[6];	    /**< Its link-layer address. */
};

/**
 * Parse and validate an NS or NA (RFC 4861 sections 7.1.1 and 7.1.2): hop
 * limit 255, code 0, checksum, length, options of non-zero length inside
 * the message, target not multicast, no source LLA option from ::.
 * @param src, dst the IPv6 addresses of the packet (for the checksum).
 * @return 0, -ENOENT for another ICMPv6 type, -EINVAL when invalid,
 *   -EBADMSG for a bad checksum.
 */
int fsctp_nd_parse(const uint8_t *src, const uint8_t *dst, uint8_t hop_limit,
		   const uint8_t *icmp, size_t len, struct fsctp_nd_info *out);

/**
 * Build an NS or NA with one link-layer option (source LLA for an NS,
 * target LLA for an NA) and its checksum for the given addresses.
 * @return FSCTP_ND_LEN, or 0 when cap is too small.
 */
size_t fsctp_nd_build(uint8_t *buf, size_t cap, uint8_t type, uint8_t flags,
		      const uint8_t *target, const uint8_t *lla,
		      const uint8_t *src, const uint8_t *dst);

/** Write the solicited-node multicast address of ip (RFC 4291 2.7.1). */
void fsctp_nd_solicited_node(const uint8_t *ip, uint8_t *out);

/** Write the Ethernet multicast MAC of an IPv6 multicast address (RFC 2464
 * section 7). */
void fsctp_ipv6_mcast_mac(const uint8_t *ip, uint8_t *mac);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_ND_H */
