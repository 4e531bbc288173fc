/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): echo replies, and the
 * "fragmentation needed" / "packet too big" messages that feed path MTU
 * discovery.
 *
 * RFC 9260 section 10 (ICMP handling): an ICMP error about an SCTP packet
 * is acted on only when the quoted SCTP common header carries the
 * verification tag of the peer (ICMP6), or, for a quoted INIT with tag 0,
 * when the quoted Initiate Tag is ours. This module extracts the quote
 * (fsctp_icmp4_parse_error(), fsctp_icmp6_parse_error()); the owner of the
 * association checks it with fsctp_icmp_quote_tag_ok() before lowering the
 * path MTU.
 */
#ifndef FSCTP_ICMP_H
#define FSCTP_ICMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_ICMP_ECHO_REPLY	   0	/**< ICMPv4 echo reply. */
#define FSCTP_ICMP_DEST_UNREACH	   3	/**< ICMPv4 destination unreachable. */
#define FSCTP_ICMP_FRAG_NEEDED	   4	/**< Its code "fragmentation needed". */
#define FSCTP_ICMP_ECHO_REQUEST	   8	/**< ICMPv4 echo request. */
#define FSCTP_ICMP6_PACKET_TOO_BIG 2	/**< ICMPv6 packet too big. */
#define FSCTP_ICMP6_ECHO_REQUEST   128	/**< ICMPv6 echo request. */
#define FSCTP_ICMP6_ECHO_REPLY	   129	/**< ICMPv6 echo reply. */
#define FSCTP_IPV4_MIN_MTU	   68	/**< RFC 791 minimum MTU. */
#define FSCTP_IPV6_MIN_MTU	   1280 /**< RFC 8200 minimum MTU. */

/** What an ICMP error quotes of the SCTP packet that caused it. */
struct fsctp_icmp_quote {
	uint8_t family;	   /**< FSCTP_AF_INET4 or FSCTP_AF_INET6. */
	uint8_t src[16];   /**< Quoted source: our address. */
	uint8_t dst[16];   /**< Quoted destination: the peer. */
	uint16_t sport;	   /**< Quoted SCTP source port (ours). */
	uint16_t dport;	   /**< Quoted SCTP destination port (peer's). */
	uint32_t vtag;	   /**< Quoted verification tag. */
	bool has_init;	   /**< The first chunk is quoted and is INIT. */
	uint32_t init_tag; /**< Its Initiate Tag, when has_init. */
	uint32_t mtu;	   /**< Next-hop MTU reported, clamped to minimum. */
	bool udp;	   /**< RFC 6951 5.5: SCTP quoted inside UDP. */
	/** Quoted UDP source port, when udp. */
	uint16_t udp_sport;
	/** Quoted UDP destination port, when udp. */
	uint16_t udp_dport;
};

/**
 * Parse an ICMPv4 "destination unreachable, fragmentation needed" message
 * (the bytes from the ICMP header on) quoting an SCTP packet, raw or in
 * UDP (then q->udp is set; RFC 6951 section 5.5).
 * @return 0, -ENOENT when it is another ICMP type/code or quotes another
 *   protocol, -EINVAL when truncated or malformed, -EBADMSG on a bad ICMP
 *   checksum.
 */
int fsctp_icmp4_parse_error(const uint8_t *icmp, size_t len,
			    struct fsctp_icmp_quote *q);

/**
 * Parse an ICMPv6 "packet too big" message quoting an SCTP packet; the
 * checksum is verified with the pseudo-header of src and dst (the outer
 * addresses).
 * @return as fsctp_icmp4_parse_error().
 */
int fsctp_icmp6_parse_error(const uint8_t *src, const uint8_t *dst,
			    const uint8_t *icmp, size_t len,
			    struct fsctp_icmp_quote *q);

/**
 * RFC 9260 section 10, rule ICMP6: accept the quote only when its tag is
 * the peer's verification tag, or when it is 0, the quoted chunk is an INIT
 * and its Initiate Tag is our own tag.
 * @param peer_vtag the tag we put in packets to the peer.
 * @param local_vtag the tag the peer puts in packets to us.
 */
bool fsctp_icmp_quote_tag_ok(const struct fsctp_icmp_quote *q,
			     uint32_t peer_vtag, uint32_t local_vtag);

/**
 * Turn an ICMPv4 echo request (ICMP header on) into a reply in out.
 * @return the reply length, 0 when cap is too small, or -EINVAL / -EBADMSG.
 */
long fsctp_icmp4_echo_reply(const uint8_t *req, size_t len, uint8_t *out,
			    size_t cap);

/**
 * Turn an ICMPv6 echo request into a reply in out; the request checksum is
 * verified against src/dst, the reply's computed for reply_src/reply_dst.
 * @return as fsctp_icmp4_echo_reply().
 */
long fsctp_icmp6_echo_reply(const uint8_t *src, const uint8_t *dst,
			    const uint8_t *req, size_t len, uint8_t *out,
			    size_t cap);

/** @return the ICMPv6 checksum (host order) of len bytes from src to dst. */
uint16_t fsctp_icmp6_csum(const uint8_t *src, const uint8_t *dst,
			  const uint8_t *icmp, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_ICMP_H */
