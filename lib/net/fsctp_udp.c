/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "fsctp_csum.h"
#include "fsctp_ipv6.h"
#include "fsctp_types.h"
#include "fsctp_udp.h"

/* The unfolded sum of the UDP pseudo-header: RFC 768 for IPv4, RFC 8200
 * section 8.1 for IPv6. */
static uint32_t
pseudo_sum(uint8_t family, const uint8_t *src, const uint8_t *dst, uint32_t len)
{
	uint8_t tail[4] = { 0, FSCTP_IPPROTO_UDP, (uint8_t)(len >> 8),
			    (uint8_t)len };
	uint32_t s;

	if (family == FSCTP_AF_INET6)
		return fsctp_ipv6_pseudo_sum(src, dst, len, FSCTP_IPPROTO_UDP);
	s = fsctp_csum_add(0, src, 4);
	s = fsctp_csum_add(s, dst, 4);
	return fsctp_csum_add(s, tail, sizeof(tail));
}

static int
refuse(enum fsctp_udp_err *err, enum fsctp_udp_err why, int rc)
{
	if (err != NULL)
		*err = why;
	return rc;
}

int
fsctp_udp_parse(uint8_t family, const uint8_t *src, const uint8_t *dst,
		const uint8_t *udp, size_t len, struct fsctp_udp_info *out,
		enum fsctp_udp_err *err)
{
	uint16_t ulen, csum;

	if (err != NULL)
		*err = FSCTP_UDP_ERR_NONE;
	if (src == NULL || dst == NULL || udp == NULL || out == NULL ||
	    (family != FSCTP_AF_INET4 && family != FSCTP_AF_INET6) ||
	    len < FSCTP_UDP_HLEN)
		return refuse(err, FSCTP_UDP_ERR_LEN, -EINVAL);
	/* RFC 768: the length covers header and data; the IP layer already
	 * trimmed link padding, so anything else is a damaged datagram. */
	ulen = (uint16_t)(udp[4] << 8 | udp[5]);
	if (ulen != len)
		return refuse(err, FSCTP_UDP_ERR_LEN, -EINVAL);
	csum = (uint16_t)(udp[6] << 8 | udp[7]);
	if (csum == 0) {
		if (family == FSCTP_AF_INET6)
			return refuse(err, FSCTP_UDP_ERR_CSUM, -EBADMSG);
	} else if (fsctp_csum_fold(fsctp_csum_add(
			   pseudo_sum(family, src, dst, (uint32_t)len), udp,
			   len)) != 0) {
		return refuse(err, FSCTP_UDP_ERR_CSUM, -EBADMSG);
	}
	out->sport = (uint16_t)(udp[0] << 8 | udp[1]);
	out->dport = (uint16_t)(udp[2] << 8 | udp[3]);
	if (out->sport == 0)
		return refuse(err, FSCTP_UDP_ERR_PORT, -EINVAL);
	out->payload = udp + FSCTP_UDP_HLEN;
	out->payload_len = len - FSCTP_UDP_HLEN;
	return 0;
}

size_t
fsctp_udp_build(uint8_t family, const uint8_t *src, const uint8_t *dst,
		uint8_t *buf, size_t cap, uint16_t sport, uint16_t dport,
		size_t payload_len)
{
	size_t len = payload_len + FSCTP_UDP_HLEN;
	uint16_t c;

	if (buf == NULL || src == NULL || dst == NULL || len > 0xffff ||
	    cap < len)
		return 0;
	buf[0] = (uint8_t)(sport >> 8);
	buf[1] = (uint8_t)sport;
	buf[2] = (uint8_t)(dport >> 8);
	buf[3] = (uint8_t)dport;
	buf[4] = (uint8_t)(len >> 8);
	buf[5] = (uint8_t)len;
	buf[6] = 0;
	buf[7] = 0;
	c = fsctp_csum_fold(fsctp_csum_add(
		pseudo_sum(family, src, dst, (uint32_t)len), buf, len));
	/* RFC 768: a computed 0 is sent as all ones (0 means "none"). */
	if (c == 0)
		c = 0xffff;
	buf[6] = (uint8_t)(c >> 8);
	buf[7] = (uint8_t)c;
	return FSCTP_UDP_HLEN;
}
