/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "fsctp_csum.h"
#include "fsctp_ipv4.h"

static int
fail(enum fsctp_ipv4_err *err, enum fsctp_ipv4_err why, int rc)
{
	if (err != NULL)
		*err = why;
	return rc;
}

int
fsctp_ipv4_parse(const uint8_t *buf, size_t len, struct fsctp_ipv4_info *out,
		 enum fsctp_ipv4_err *err)
{
	unsigned int hlen, tot, frag;

	if (buf == NULL || out == NULL || len < FSCTP_IPV4_HLEN)
		return fail(err, FSCTP_IPV4_ERR_SHORT, -EINVAL);
	if (buf[0] >> 4 != 4)
		return fail(err, FSCTP_IPV4_ERR_VERSION, -EINVAL);
	hlen = (buf[0] & 0xfu) * 4u;
	if (hlen < FSCTP_IPV4_HLEN || hlen > len)
		return fail(err, FSCTP_IPV4_ERR_IHL, -EINVAL);
	tot = (unsigned int)buf[2] << 8 | buf[3];
	if (tot < hlen || tot > len)
		return fail(err, FSCTP_IPV4_ERR_LEN, -EINVAL);
	/* RFC 791: the checksum over the header (options included) is 0. */
	if (fsctp_csum(buf, hlen) != 0)
		return fail(err, FSCTP_IPV4_ERR_CSUM, -EBADMSG);
	/* RFC 1122 3.2.1.7: TTL 0 must never be sent; treat it as damage. */
	if (buf[8] == 0)
		return fail(err, FSCTP_IPV4_ERR_TTL, -EINVAL);
	frag = (unsigned int)buf[6] << 8 | buf[7];
	out->tos = buf[1];
	out->df = (frag & 0x4000) != 0;
	out->is_frag = (frag & 0x2000) != 0 || (frag & 0x1fff) != 0;
	out->ttl = buf[8];
	out->proto = buf[9];
	memcpy(out->src, buf + 12, 4);
	memcpy(out->dst, buf + 16, 4);
	out->hlen = (uint16_t)hlen;
	out->total_len = (uint16_t)tot;
	out->payload = buf + hlen;
	out->payload_len = (uint16_t)(tot - hlen);
	return fail(err, FSCTP_IPV4_OK, 0);
}

size_t
fsctp_ipv4_build(uint8_t *buf, size_t cap, const uint8_t *src,
		 const uint8_t *dst, uint8_t proto, uint8_t ttl, uint16_t id,
		 size_t payload_len, bool csum)
{
	size_t tot = FSCTP_IPV4_HLEN + payload_len;
	uint16_t c;

	if (buf == NULL || cap < FSCTP_IPV4_HLEN || tot > 0xffff)
		return 0;
	buf[0] = 0x45;
	buf[1] = 0;
	buf[2] = (uint8_t)(tot >> 8);
	buf[3] = (uint8_t)tot;
	buf[4] = (uint8_t)(id >> 8);
	buf[5] = (uint8_t)id;
	buf[6] = 0x40; /* DF, offset 0 */
	buf[7] = 0;
	buf[8] = ttl;
	buf[9] = proto;
	buf[10] = 0;
	buf[11] = 0;
	memcpy(buf + 12, src, 4);
	memcpy(buf + 16, dst, 4);
	if (csum) {
		c = fsctp_csum(buf, FSCTP_IPV4_HLEN);
		buf[10] = (uint8_t)(c >> 8);
		buf[11] = (uint8_t)c;
	}
	return FSCTP_IPV4_HLEN;
}
