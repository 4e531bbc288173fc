/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "fsctp_csum.h"
#include "fsctp_ipv6.h"

/* RFC 8200 section 4 and the IANA "IPv6 Extension Header Types" list. */
#define NH_HOPOPTS  0
#define NH_ROUTING  43
#define NH_FRAGMENT 44
#define NH_AH	    51
#define NH_DSTOPTS  60
#define NH_MOBILITY 135
#define NH_HIP	    139
#define NH_SHIM6    140

static int
fail(enum fsctp_ipv6_err *err, enum fsctp_ipv6_err why)
{
	if (err != NULL)
		*err = why;
	return -EINVAL;
}

bool
fsctp_ipv6_is_unspecified(const uint8_t *a)
{
	static const uint8_t zero[16];

	return memcmp(a, zero, 16) == 0;
}

static int
parse(const uint8_t *buf, size_t len, struct fsctp_ipv6_info *out,
      enum fsctp_ipv6_err *err, bool quoted)
{
	size_t end, off, elen;
	uint8_t nh;

	if (buf == NULL || out == NULL || len < FSCTP_IPV6_HLEN)
		return fail(err, FSCTP_IPV6_ERR_SHORT);
	if (buf[0] >> 4 != 6)
		return fail(err, FSCTP_IPV6_ERR_VERSION);
	out->payload_len = (uint16_t)(buf[4] << 8 | buf[5]);
	/* Jumbograms (payload length 0 with a Hop-by-Hop option) are not
	 * supported: the length must cover what follows, padding ignored. */
	end = FSCTP_IPV6_HLEN + (size_t)out->payload_len;
	if (end > len) {
		/* A quote in an ICMPv6 error is cut short on purpose. */
		if (!quoted)
			return fail(err, FSCTP_IPV6_ERR_LEN);
		end = len;
	}
	nh = buf[6];
	out->hop_limit = buf[7];
	memcpy(out->src, buf + 8, 16);
	memcpy(out->dst, buf + 24, 16);
	out->is_frag = false;
	out->n_ext = 0;
	off = FSCTP_IPV6_HLEN;
	for (;;) {
		switch (nh) {
		case NH_HOPOPTS:
			/* RFC 8200 4.1: Hop-by-Hop only right after the
			 * IPv6 header. */
			if (out->n_ext != 0)
				return fail(err, FSCTP_IPV6_ERR_EXT);
			/* fall through */
		case NH_ROUTING:
		case NH_DSTOPTS:
		case NH_MOBILITY:
		case NH_HIP:
		case NH_SHIM6:
		case NH_FRAGMENT:
		case NH_AH:
			break;
		default:
			goto done;
		}
		/* The bound stops a chain of thousands of tiny headers (and
		 * any "loop" a crafted packet tries) from costing more than
		 * FSCTP_IPV6_MAX_EXT steps. */
		if (out->n_ext >= FSCTP_IPV6_MAX_EXT)
			return fail(err, FSCTP_IPV6_ERR_EXT_LIMIT);
		if (off + 8 > end)
			return fail(err, FSCTP_IPV6_ERR_EXT);
		if (nh == NH_FRAGMENT)
			elen = 8;
		else if (nh == NH_AH)
			elen = ((size_t)buf[off + 1] + 2) * 4; /* RFC 4302 */
		else
			elen = ((size_t)buf[off + 1] + 1) * 8;
		if (off + elen > end)
			return fail(err, FSCTP_IPV6_ERR_EXT);
		out->n_ext++;
		if (nh == NH_FRAGMENT) {
			nh = buf[off];
			off += elen;
			out->is_frag = true;
			goto done;
		}
		nh = buf[off];
		off += elen;
	}
done:
	out->proto = nh;
	out->l4_off = (uint16_t)off;
	out->l4 = buf + off;
	out->l4_len = (uint16_t)(end - off);
	if (err != NULL)
		*err = FSCTP_IPV6_OK;
	return 0;
}

int
fsctp_ipv6_parse(const uint8_t *buf, size_t len, struct fsctp_ipv6_info *out,
		 enum fsctp_ipv6_err *err)
{
	return parse(buf, len, out, err, false);
}

int
fsctp_ipv6_parse_quoted(const uint8_t *buf, size_t len,
			struct fsctp_ipv6_info *out, enum fsctp_ipv6_err *err)
{
	return parse(buf, len, out, err, true);
}

size_t
fsctp_ipv6_build(uint8_t *buf, size_t cap, const uint8_t *src,
		 const uint8_t *dst, uint8_t next_header, uint8_t hop_limit,
		 size_t payload_len)
{
	if (buf == NULL || cap < FSCTP_IPV6_HLEN || payload_len > 0xffff)
		return 0;
	buf[0] = 0x60;
	buf[1] = 0;
	buf[2] = 0;
	buf[3] = 0;
	buf[4] = (uint8_t)(payload_len >> 8);
	buf[5] = (uint8_t)payload_len;
	buf[6] = next_header;
	buf[7] = hop_limit;
	memcpy(buf + 8, src, 16);
	memcpy(buf + 24, dst, 16);
	return FSCTP_IPV6_HLEN;
}

uint32_t
fsctp_ipv6_pseudo_sum(const uint8_t *src, const uint8_t *dst, uint32_t len,
		      uint8_t proto)
{
	uint8_t tail[8] = { (uint8_t)(len >> 24),
			    (uint8_t)(len >> 16),
			    (uint8_t)(len >> 8),
			    (uint8_t)len,
			    0,
			    0,
			    0,
			    proto };
	uint32_t s;

	s = fsctp_csum_add(0, src, 16);
	s = fsctp_csum_add(s, dst, 16);
	return fsctp_csum_add(s, tail, sizeof(tail));
}
