/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Ethernet II framing with an optional 802.1Q tag: parse and build on plain
 * byte buffers.
 */
#ifndef FSCTP_ETH_H
#define FSCTP_ETH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_ETH_ALEN	     6	    /**< Bytes in a MAC address. */
#define FSCTP_ETH_HLEN	     14	    /**< Untagged Ethernet header. */
#define FSCTP_ETH_VLAN_LEN   4	    /**< One 802.1Q tag. */
#define FSCTP_ETHERTYPE_IPV4 0x0800 /**< IPv4. */
#define FSCTP_ETHERTYPE_ARP  0x0806 /**< ARP (RFC 826). */
#define FSCTP_ETHERTYPE_VLAN 0x8100 /**< 802.1Q tag. */
#define FSCTP_ETHERTYPE_IPV6 0x86dd /**< IPv6. */
/** No VLAN tag, for fsctp_eth_build(). */
#define FSCTP_VLAN_NONE -1

/** A parsed Ethernet header. */
struct fsctp_eth_info {
	uint8_t dst[FSCTP_ETH_ALEN]; /**< Destination MAC. */
	uint8_t src[FSCTP_ETH_ALEN]; /**< Source MAC. */
	uint16_t ethertype;	     /**< Inner ethertype, host order. */
	bool has_vlan;		     /**< An 802.1Q tag was present. */
	uint16_t vlan_tci;	     /**< Its TCI, host order. */
	uint16_t l3_off;	     /**< Offset of the L3 header. */
};

/**
 * Parse an Ethernet header; at most one 802.1Q tag is accepted.
 * @return 0, or -EINVAL when the frame is shorter than its header or carries
 *   more than one tag.
 */
int fsctp_eth_parse(const uint8_t *buf, size_t len, struct fsctp_eth_info *out);

/**
 * Write an Ethernet header (tagged when vlan_tci >= 0).
 * @return the header length, or 0 when cap is too small.
 */
size_t fsctp_eth_build(uint8_t *buf, size_t cap, const uint8_t *dst,
		       const uint8_t *src, uint16_t ethertype, int vlan_tci);

/** @return true for the group (multicast or broadcast) bit. */
static inline bool
fsctp_eth_is_group(const uint8_t *mac)
{
	return (mac[0] & 1) != 0;
}

/** The broadcast address ff:ff:ff:ff:ff:ff. */
extern const uint8_t fsctp_eth_bcast[FSCTP_ETH_ALEN];

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_ETH_H */
