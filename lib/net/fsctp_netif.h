/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * One network interface of the network layer: its addresses, its neighbour
 * table and its counters, and the receive classifier that turns an
 * Ethernet frame into a verdict (an SCTP packet for the core, an ICMP
 * error for path MTU, or a frame answered or consumed here).
 *
 * Plain C11 on byte buffers: the DPDK runtime calls it with mbuf data, the
 * unit tests with arrays. Frames it generates itself (ARP replies and
 * requests, Neighbor Advertisements and Solicitations, echo replies) go out
 * through fsctp_netif_ops.tx_frame.
 *
 * Threading: one netif belongs to one thread (one per lcore).
 */
#ifndef FSCTP_NETIF_H
#define FSCTP_NETIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp_eth.h"
#include "fsctp_icmp.h"
#include "fsctp_neigh.h"
#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_NETIF_MAX_ADDRS  8  /**< Addresses per family. */
#define FSCTP_NETIF_MAX_ROUTES 16 /**< Static routes per interface. */
/** fsctp_netif_reach(): the destination is on the link. */
#define FSCTP_NETIF_ON_LINK   255
#define FSCTP_NETIF_FRAME_MAX 1518 /**< Largest frame built here. */

/** A local address with its on-link prefix length. */
struct fsctp_netif_addr {
	uint8_t ip[16]; /**< IPv4 in the first 4 bytes, or IPv6. */
	uint8_t prefix; /**< On-link prefix length. */
};

/** A static route: destinations in prefix/len go through next hop via. */
struct fsctp_netif_route {
	uint8_t family;	    /**< FSCTP_AF_INET4 or FSCTP_AF_INET6. */
	uint8_t len;	    /**< Prefix length. */
	uint8_t prefix[16]; /**< IPv4 in the first 4 bytes, or IPv6. */
	uint8_t via[16];    /**< Next hop, on the interface's link. */
};

/** Addresses and neighbour limits of an interface. */
struct fsctp_netif_config {
	uint8_t mac[FSCTP_ETH_ALEN]; /**< Our MAC. */
	bool vlan;		     /**< Tagged (802.1Q); false: untagged. */
	uint16_t vlan_tci;	     /**< The tag sent when vlan is set. */
	uint8_t n_v4;		     /**< IPv4 addresses in v4. */
	uint8_t n_v6;		     /**< IPv6 addresses in v6. */
	struct fsctp_netif_addr v4[FSCTP_NETIF_MAX_ADDRS]; /**< IPv4. */
	struct fsctp_netif_addr v6[FSCTP_NETIF_MAX_ADDRS]; /**< IPv6. */
	bool has_gw4;					   /**< gw4 is set. */
	bool has_gw6;					   /**< gw6 is set. */
	uint8_t gw4[4];	  /**< IPv4 default gateway. */
	uint8_t gw6[16];  /**< IPv6 default gateway. */
	uint8_t n_routes; /**< Entries of routes. */
	/** Static routes, longest prefix first match; the gateways are
	 *  the routes of length 0. */
	struct fsctp_netif_route routes[FSCTP_NETIF_MAX_ROUTES];
	struct fsctp_neigh_config neigh; /**< Neighbour table limits. */
	/** RFC 6951: the local UDP port of SCTP over UDP (e.g.
	 * FSCTP_UDP_ENCAPS_PORT); 0: encapsulation off, UDP is dropped. */
	uint16_t udp_encaps_port;
};

/** Receive and transmit counters of the network layer. */
struct fsctp_net_stats {
	uint64_t rx_frames;   /**< Frames offered. */
	uint64_t rx_bad_eth;  /**< Truncated Ethernet / stacked VLANs. */
	uint64_t rx_not_ours; /**< Unicast to another MAC, other IPs. */
	uint64_t
		rx_other_vlan; /**< Another VLAN (or tagged when we are not). */
	uint64_t rx_other_type; /**< Ethertypes we do not handle. */
	uint64_t arp_rx;	/**< ARP packets accepted. */
	uint64_t arp_bad;	/**< Malformed ARP. */
	uint64_t arp_replies;	/**< ARP replies sent. */
	uint64_t arp_requests;	/**< ARP requests sent. */
	uint64_t ip4_rx;	/**< IPv4 packets for us. */
	uint64_t ip4_bad_hdr;	/**< Truncated, bad version/IHL/length. */
	uint64_t ip4_bad_csum;	/**< Bad header checksum. */
	uint64_t ip4_bad_ttl;	/**< TTL 0. */
	uint64_t ip4_frags;	/**< Fragments dropped (no reassembly). */
	uint64_t ip6_rx;	/**< IPv6 packets for us. */
	uint64_t ip6_bad_hdr;	/**< Truncated, bad version/length/chain. */
	uint64_t ip6_ext_limit; /**< Extension header chain too long. */
	uint64_t ip6_frags;	/**< Fragments dropped (no reassembly). */
	uint64_t icmp_rx;	/**< ICMP/ICMPv6 messages for us. */
	uint64_t icmp_bad;	/**< Malformed or bad checksum. */
	uint64_t icmp_echo;	/**< Echo replies sent. */
	uint64_t icmp_pmtu;	/**< Frag-needed / too-big quoting SCTP. */
	uint64_t icmp_ignored;	/**< Other ICMP types. */
	uint64_t nd_rx;		/**< NS/NA accepted. */
	uint64_t nd_bad;	/**< NS/NA that failed validation. */
	uint64_t nd_na_sent;	/**< NAs sent. */
	uint64_t nd_ns_sent;	/**< NSs sent. */
	uint64_t sctp_rx;	/**< SCTP packets handed up. */
	uint64_t sctp_short;	/**< SCTP shorter than its common header. */
	uint64_t other_proto;	/**< Other upper-layer protocols. */
	uint64_t udp_rx;	/**< RFC 6951: SCTP in UDP handed up. */
	uint64_t udp_bad_len;	/**< ...UDP too short / length field wrong. */
	uint64_t udp_bad_csum;	/**< ...bad UDP checksum (0 over IPv6). */
	uint64_t udp_bad_port;	/**< ...source port 0. */
	uint64_t udp_other;	/**< UDP to another port (or encaps off). */
	uint64_t tx_no_route;	/**< Sends with no source or next hop. */
	uint64_t tx_frame_fail; /**< Frames we could not build. */
};

/** Verdict of fsctp_netif_input(). */
enum fsctp_net_verdict {
	FSCTP_NET_DROP = 0, /**< Dropped (and counted). */
	FSCTP_NET_DONE,	    /**< Consumed here (ARP, ND, echo). */
	FSCTP_NET_SCTP,	    /**< An SCTP packet for the core. */
	FSCTP_NET_PMTU,	    /**< An ICMP error quoting SCTP: check its tag. */
};

/** What fsctp_netif_input() found. */
struct fsctp_net_rx {
	enum fsctp_net_verdict verdict; /**< The verdict. */
	struct fsctp_addr src; /**< SCTP: the peer (port from the header). */
	struct fsctp_addr dst; /**< SCTP: us. */
	uint32_t l4_off;       /**< SCTP: offset of the common header. */
	uint32_t l4_len;       /**< SCTP: its length (padding excluded). */
	/** SCTP: the UDP source port when it came encapsulated (RFC 6951),
	 * 0 for raw SCTP. */
	uint16_t udp_sport;
	struct fsctp_icmp_quote quote; /**< PMTU: the quote. */
	bool neigh; /**< The frame was ARP or NS/NA (neighbour news). */
};

/** Callbacks the owner supplies. */
struct fsctp_netif_ops {
	/** Send a frame built here (valid only during the call). */
	void (*tx_frame)(void *ctx, const uint8_t *frame, size_t len);
	/** A packet queued by fsctp_netif_route() is resolved: set its
	 * destination MAC and send it. */
	void (*send_pending)(void *ctx, void *pkt, const uint8_t *mac);
	/** A queued packet could not be resolved: free it. */
	void (*drop_pending)(void *ctx, void *pkt);
	void *ctx; /**< Passed to every callback. */
};

struct fsctp_netif;

/**
 * Create an interface.
 * @return it, or NULL with errno EINVAL (no address, bad neighbour limits,
 *   missing callback) or ENOMEM.
 */
struct fsctp_netif *fsctp_netif_create(const struct fsctp_netif_config *cfg,
				       const struct fsctp_netif_ops *ops);

/** Free an interface; queued packets go to ops.drop_pending. */
void fsctp_netif_free(struct fsctp_netif *nif);

/**
 * Classify and handle one received frame.
 * @return the verdict (also in res->verdict).
 */
enum fsctp_net_verdict fsctp_netif_input(struct fsctp_netif *nif,
					 const uint8_t *frame, size_t len,
					 fsctp_time_t now,
					 struct fsctp_net_rx *res);

/**
 * Learn neighbours from an ARP or NS/NA frame without answering it or
 * counting it as received (another lcore answered it already).
 */
void fsctp_netif_learn(struct fsctp_netif *nif, const uint8_t *frame,
		       size_t len, fsctp_time_t now);

/**
 * Find the next hop of dst (fsctp_netif_reach()) and its MAC for a packet
 * about to be sent.
 * @param pkt queued when the MAC is not known yet (may be NULL).
 * @return 0 with mac set, 1 when pkt was queued (resolution under way),
 *   -ENETUNREACH (no on-link prefix, route or gateway), -ENOBUFS / -ENOSPC
 *   (queue or table full: pkt not taken).
 */
int fsctp_netif_route(struct fsctp_netif *nif, const struct fsctp_addr *dst,
		      void *pkt, fsctp_time_t now, uint8_t *mac);

/**
 * Write the Ethernet and IP headers of an SCTP packet of l4_len bytes.
 * @param ip4_csum compute the IPv4 header checksum (false: NIC offload).
 * @return the header length, or 0 when cap is too small, src and dst
 *   families differ or the packet is too long.
 */
size_t fsctp_netif_build_hdr(struct fsctp_netif *nif, uint8_t *buf, size_t cap,
			     const uint8_t *dst_mac,
			     const struct fsctp_addr *src,
			     const struct fsctp_addr *dst, size_t l4_len,
			     bool ip4_csum);

/**
 * RFC 6951 section 5.3: write the Ethernet, IP and UDP headers of an SCTP
 * packet of l4_len bytes carried in UDP from our encapsulation port
 * (cfg.udp_encaps_port) to udp_dport. The SCTP packet must already be in
 * place after the headers (at buf + fsctp_netif_hdr_len() +
 * FSCTP_UDP_HLEN): the UDP checksum covers it, so cap counts it too.
 * @return the header length (UDP included), or 0 as fsctp_netif_build_hdr()
 *   or when encapsulation is off.
 */
size_t fsctp_netif_build_hdr_udp(struct fsctp_netif *nif, uint8_t *buf,
				 size_t cap, const uint8_t *dst_mac,
				 const struct fsctp_addr *src,
				 const struct fsctp_addr *dst, size_t l4_len,
				 bool ip4_csum, uint16_t udp_dport);

/** @return the Ethernet + IP header length for family (with VLAN tag). */
size_t fsctp_netif_hdr_len(const struct fsctp_netif *nif, uint8_t family);

/** Run neighbour probe retransmissions and failures. */
void fsctp_netif_timers(struct fsctp_netif *nif, fsctp_time_t now);

/** @return true if ip (of family) is one of our addresses. */
bool fsctp_netif_is_local(const struct fsctp_netif *nif, uint8_t family,
			  const uint8_t *ip);

/**
 * How the interface reaches dst, for the choice of an egress port (the
 * most specific wins, as a kernel's longest-prefix match).
 * @param nh if not NULL, set to the next hop (dst itself on the link).
 * @return FSCTP_NETIF_ON_LINK (in the prefix of one of its addresses, or
 *   IPv6 link-local), the length of the longest static route matching
 *   it, 0 through the default gateway, or -1: not reached.
 */
int fsctp_netif_reach(const struct fsctp_netif *nif,
		      const struct fsctp_addr *dst, const uint8_t **nh);

/** @return the counters. */
const struct fsctp_net_stats *fsctp_netif_stats(const struct fsctp_netif *nif);

/** @return the neighbour table. */
struct fsctp_neigh_table *fsctp_netif_neigh(struct fsctp_netif *nif);

/** @return true if a and b share their first bits bits. */
bool fsctp_net_prefix_match(const uint8_t *a, const uint8_t *b,
			    unsigned int bits);

/**
 * Parse "a.b.c.d[/len]" or an IPv6 "x:y::z[/len]" into family, address
 * and prefix (default 32 / 128).
 * @return 0 or -EINVAL.
 */
int fsctp_net_parse_addr(const char *s, uint8_t *family, uint8_t *ip,
			 uint8_t *prefix);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_NETIF_H */
