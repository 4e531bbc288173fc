/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "fsctp_icmp.h"
#include "fsctp_ipv6.h"
#include "fsctp_nd.h"

#define OPT_SLLA 1
#define OPT_TLLA 2

int
fsctp_nd_parse(const uint8_t *src, const uint8_t *dst, uint8_t hop_limit,
	       const uint8_t *icmp, size_t len, struct fsctp_nd_info *out)
{
	size_t off;

	if (src == NULL || dst == NULL || icmp == NULL || out == NULL ||
	    len < 4)
		return -EINVAL;
	if (icmp[0] != FSCTP_ND_NS && icmp[0] != FSCTP_ND_NA)
		return -ENOENT;
	/* RFC 4861 7.1.1/7.1.2: hop limit 255 proves the sender is on-link;
	 * code 0; ICMP length 24 or more. */
	if (hop_limit != 255 || icmp[1] != 0 || len < 24)
		return -EINVAL;
	if (fsctp_icmp6_csum(src, dst, icmp, len) != 0)
		return -EBADMSG;
	memset(out, 0, sizeof(*out));
	out->type = icmp[0];
	out->flags = out->type == FSCTP_ND_NA ? icmp[4] & 0xe0 : 0;
	memcpy(out->target, icmp + 8, 16);
	if (fsctp_ipv6_is_multicast(out->target))
		return -EINVAL;
	/* RFC 4861 7.1.2: a solicited NA to a multicast address is invalid. */
	if (out->type == FSCTP_ND_NA && fsctp_ipv6_is_multicast(dst) &&
	    (out->flags & FSCTP_ND_FLAG_S))
		return -EINVAL;
	for (off = 24; off < len;) {
		size_t olen;

		if (off + 2 > len)
			return -EINVAL;
		olen = (size_t)icmp[off + 1] * 8;
		/* A zero-length option would loop forever: invalid. */
		if (olen == 0 || off + olen > len)
			return -EINVAL;
		if (olen >= 8 &&
		    ((out->type == FSCTP_ND_NS && icmp[off] == OPT_SLLA) ||
		     (out->type == FSCTP_ND_NA && icmp[off] == OPT_TLLA))) {
			out->has_lla = true;
			memcpy(out->lla, icmp + off + 2, 6);
		}
		off += olen;
	}
	/* RFC 4861 7.1.1: an NS from :: (DAD) has no source LLA option and
	 * goes to a solicited-node multicast address. */
	if (out->type == FSCTP_ND_NS && fsctp_ipv6_is_unspecified(src) &&
	    (out->has_lla || !fsctp_ipv6_is_multicast(dst)))
		return -EINVAL;
	return 0;
}

size_t
fsctp_nd_build(uint8_t *buf, size_t cap, uint8_t type, uint8_t flags,
	       const uint8_t *target, const uint8_t *lla, const uint8_t *src,
	       const uint8_t *dst)
{
	uint16_t c;

	if (buf == NULL || cap < FSCTP_ND_LEN ||
	    (type != FSCTP_ND_NS && type != FSCTP_ND_NA))
		return 0;
	memset(buf, 0, FSCTP_ND_LEN);
	buf[0] = type;
	if (type == FSCTP_ND_NA)
		buf[4] = flags & 0xe0;
	memcpy(buf + 8, target, 16);
	buf[24] = type == FSCTP_ND_NS ? OPT_SLLA : OPT_TLLA;
	buf[25] = 1;
	memcpy(buf + 26, lla, 6);
	c = fsctp_icmp6_csum(src, dst, buf, FSCTP_ND_LEN);
	buf[2] = (uint8_t)(c >> 8);
	buf[3] = (uint8_t)c;
	return FSCTP_ND_LEN;
}

void
fsctp_nd_solicited_node(const uint8_t *ip, uint8_t *out)
{
	static const uint8_t pfx[13] = { 0xff, 0x02, 0, 0, 0, 0,   0,
					 0,    0,    0, 0, 1, 0xff };

	memcpy(out, pfx, sizeof(pfx));
	memcpy(out + 13, ip + 13, 3);
}

void
fsctp_ipv6_mcast_mac(const uint8_t *ip, uint8_t *mac)
{
	mac[0] = 0x33;
	mac[1] = 0x33;
	memcpy(mac + 2, ip + 12, 4);
}
