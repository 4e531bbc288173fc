/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * ARP for IPv4 over Ethernet (RFC 826): parse and build.
 */
#ifndef FSCTP_ARP_H
#define FSCTP_ARP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_ARP_LEN	  28 /**< Ethernet/IPv4 ARP payload. */
#define FSCTP_ARP_REQUEST 1  /**< ares_op$REQUEST. */
#define FSCTP_ARP_REPLY	  2  /**< ares_op$REPLY. */

/** A parsed Ethernet/IPv4 ARP packet. */
struct fsctp_arp_info {
	uint16_t op;	/**< FSCTP_ARP_REQUEST or FSCTP_ARP_REPLY. */
	uint8_t sha[6]; /**< Sender hardware address. */
	uint8_t spa[4]; /**< Sender protocol address. */
	uint8_t tha[6]; /**< Target hardware address. */
	uint8_t tpa[4]; /**< Target protocol address. */
};

/**
 * Parse an ARP packet (the bytes after the Ethernet header).
 * @return 0, or -EINVAL when truncated, not Ethernet/IPv4, or of an
 *   operation other than request or reply.
 */
int fsctp_arp_parse(const uint8_t *buf, size_t len, struct fsctp_arp_info *out);

/**
 * Write an Ethernet/IPv4 ARP packet.
 * @return FSCTP_ARP_LEN, or 0 when cap is too small.
 */
size_t fsctp_arp_build(uint8_t *buf, size_t cap,
		       const struct fsctp_arp_info *arp);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_ARP_H */
