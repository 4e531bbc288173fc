/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "fsctp_csum.h"
#include "fsctp_icmp.h"
#include "fsctp_ipv4.h"
#include "fsctp_ipv6.h"
#include "fsctp_types.h"
#include "fsctp_udp.h"

#define ICMP_HLEN	8
#define SCTP_CHUNK_INIT 1

static uint32_t
rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Fill the SCTP part of a quote from the quoted SCTP bytes. RFC 792 and
 * RFC 1812 guarantee 8 bytes: ports and verification tag. A quoted INIT
 * (common header 12, chunk header 4, Initiate Tag 4) needs 20. */
static int
quote_sctp(const uint8_t *s, size_t n, struct fsctp_icmp_quote *q)
{
	if (n < 8)
		return -EINVAL;
	q->sport = (uint16_t)(s[0] << 8 | s[1]);
	q->dport = (uint16_t)(s[2] << 8 | s[3]);
	q->vtag = rd32(s + 4);
	q->has_init = n >= 20 && s[12] == SCTP_CHUNK_INIT;
	q->init_tag = q->has_init ? rd32(s + 16) : 0;
	return 0;
}

/* The quoted transport: SCTP, or (RFC 6951 5.5) a UDP header and then the
 * SCTP one. Whether the UDP ports are our encapsulation's is for the
 * caller to judge. A quote of 8 bytes past the IP header (all RFC 792
 * promises) holds only the UDP header and is refused here. */
static int
quote_l4(uint8_t proto, const uint8_t *s, size_t n, struct fsctp_icmp_quote *q)
{
	if (proto == FSCTP_IPPROTO_SCTP)
		return quote_sctp(s, n, q);
	if (n < FSCTP_UDP_HLEN)
		return -EINVAL;
	q->udp = true;
	q->udp_sport = (uint16_t)(s[0] << 8 | s[1]);
	q->udp_dport = (uint16_t)(s[2] << 8 | s[3]);
	return quote_sctp(s + FSCTP_UDP_HLEN, n - FSCTP_UDP_HLEN, q);
}

int
fsctp_icmp4_parse_error(const uint8_t *icmp, size_t len,
			struct fsctp_icmp_quote *q)
{
	const uint8_t *ip;
	size_t iplen, ihl;
	uint32_t mtu;

	if (icmp == NULL || q == NULL || len < ICMP_HLEN)
		return -EINVAL;
	if (fsctp_csum(icmp, len) != 0)
		return -EBADMSG;
	if (icmp[0] != FSCTP_ICMP_DEST_UNREACH ||
	    icmp[1] != FSCTP_ICMP_FRAG_NEEDED)
		return -ENOENT;
	memset(q, 0, sizeof(*q));
	ip = icmp + ICMP_HLEN;
	iplen = len - ICMP_HLEN;
	/* The quoted header is only partly trustworthy (its total length
	 * describes the original packet, not the quote): check what we read. */
	if (iplen < FSCTP_IPV4_HLEN || ip[0] >> 4 != 4)
		return -EINVAL;
	ihl = (ip[0] & 0xfu) * 4u;
	if (ihl < FSCTP_IPV4_HLEN || ihl > iplen)
		return -EINVAL;
	if (ip[9] != FSCTP_IPPROTO_SCTP && ip[9] != FSCTP_IPPROTO_UDP)
		return -ENOENT;
	q->family = FSCTP_AF_INET4;
	memcpy(q->src, ip + 12, 4);
	memcpy(q->dst, ip + 16, 4);
	/* RFC 1191 section 4: Next-Hop MTU in the low 16 bits of the second
	 * word; 0 from old routers, which we ignore rather than guess. */
	mtu = (uint32_t)icmp[6] << 8 | icmp[7];
	if (mtu == 0)
		return -EINVAL;
	q->mtu = mtu < FSCTP_IPV4_MIN_MTU ? FSCTP_IPV4_MIN_MTU : mtu;
	return quote_l4(ip[9], ip + ihl, iplen - ihl, q);
}

uint16_t
fsctp_icmp6_csum(const uint8_t *src, const uint8_t *dst, const uint8_t *icmp,
		 size_t len)
{
	uint32_t s = fsctp_ipv6_pseudo_sum(src, dst, (uint32_t)len,
					   FSCTP_IPPROTO_ICMPV6);

	return fsctp_csum_fold(fsctp_csum_add(s, icmp, len));
}

int
fsctp_icmp6_parse_error(const uint8_t *src, const uint8_t *dst,
			const uint8_t *icmp, size_t len,
			struct fsctp_icmp_quote *q)
{
	struct fsctp_ipv6_info in;
	uint32_t mtu;

	if (src == NULL || dst == NULL || icmp == NULL || q == NULL ||
	    len < ICMP_HLEN)
		return -EINVAL;
	if (fsctp_icmp6_csum(src, dst, icmp, len) != 0)
		return -EBADMSG;
	if (icmp[0] != FSCTP_ICMP6_PACKET_TOO_BIG || icmp[1] != 0)
		return -ENOENT;
	memset(q, 0, sizeof(*q));
	if (fsctp_ipv6_parse_quoted(icmp + ICMP_HLEN, len - ICMP_HLEN, &in,
				    NULL) != 0)
		return -EINVAL;
	if (in.is_frag ||
	    (in.proto != FSCTP_IPPROTO_SCTP && in.proto != FSCTP_IPPROTO_UDP))
		return -ENOENT;
	q->family = FSCTP_AF_INET6;
	memcpy(q->src, in.src, 16);
	memcpy(q->dst, in.dst, 16);
	mtu = rd32(icmp + 4);
	/* RFC 8201 section 4: never go below the IPv6 minimum. */
	q->mtu = mtu < FSCTP_IPV6_MIN_MTU ? FSCTP_IPV6_MIN_MTU : mtu;
	return quote_l4(in.proto, in.l4, in.l4_len, q);
}

bool
fsctp_icmp_quote_tag_ok(const struct fsctp_icmp_quote *q, uint32_t peer_vtag,
			uint32_t local_vtag)
{
	if (q == NULL)
		return false;
	/* RFC 9260 section 10, ICMP6. */
	if (q->vtag != 0)
		return q->vtag == peer_vtag;
	return q->has_init && q->init_tag == local_vtag;
}

long
fsctp_icmp4_echo_reply(const uint8_t *req, size_t len, uint8_t *out, size_t cap)
{
	uint16_t c;

	if (req == NULL || out == NULL || len < ICMP_HLEN ||
	    req[0] != FSCTP_ICMP_ECHO_REQUEST || req[1] != 0)
		return -EINVAL;
	if (fsctp_csum(req, len) != 0)
		return -EBADMSG;
	if (cap < len)
		return 0;
	memmove(out, req, len);
	out[0] = FSCTP_ICMP_ECHO_REPLY;
	out[2] = 0;
	out[3] = 0;
	c = fsctp_csum(out, len);
	out[2] = (uint8_t)(c >> 8);
	out[3] = (uint8_t)c;
	return (long)len;
}

long
fsctp_icmp6_echo_reply(const uint8_t *src, const uint8_t *dst,
		       const uint8_t *req, size_t len, uint8_t *out, size_t cap)
{
	uint16_t c;

	if (src == NULL || dst == NULL || req == NULL || out == NULL ||
	    len < ICMP_HLEN || req[0] != FSCTP_ICMP6_ECHO_REQUEST ||
	    req[1] != 0)
		return -EINVAL;
	if (fsctp_icmp6_csum(src, dst, req, len) != 0)
		return -EBADMSG;
	if (cap < len)
		return 0;
	memmove(out, req, len);
	out[0] = FSCTP_ICMP6_ECHO_REPLY;
	out[2] = 0;
	out[3] = 0;
	/* The reply goes from dst back to src. */
	c = fsctp_icmp6_csum(dst, src, out, len);
	out[2] = (uint8_t)(c >> 8);
	out[3] = (uint8_t)c;
	return (long)len;
}
