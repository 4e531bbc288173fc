/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "fsctp_arp.h"

int
fsctp_arp_parse(const uint8_t *buf, size_t len, struct fsctp_arp_info *out)
{
	if (buf == NULL || out == NULL || len < FSCTP_ARP_LEN)
		return -EINVAL;
	/* RFC 826: hardware type 1 (Ethernet), protocol 0x0800, lengths 6/4. */
	if (buf[0] != 0 || buf[1] != 1 || buf[2] != 0x08 || buf[3] != 0 ||
	    buf[4] != 6 || buf[5] != 4 || buf[6] != 0)
		return -EINVAL;
	out->op = buf[7];
	if (out->op != FSCTP_ARP_REQUEST && out->op != FSCTP_ARP_REPLY)
		return -EINVAL;
	memcpy(out->sha, buf + 8, 6);
	memcpy(out->spa, buf + 14, 4);
	memcpy(out->tha, buf + 18, 6);
	memcpy(out->tpa, buf + 24, 4);
	return 0;
}

size_t
fsctp_arp_build(uint8_t *buf, size_t cap, const struct fsctp_arp_info *arp)
{
	static const uint8_t hdr[6] = { 0, 1, 0x08, 0, 6, 4 };

	if (buf == NULL || arp == NULL || cap < FSCTP_ARP_LEN)
		return 0;
	memcpy(buf, hdr, sizeof(hdr));
	buf[6] = 0;
	buf[7] = (uint8_t)arp->op;
	memcpy(buf + 8, arp->sha, 6);
	memcpy(buf + 14, arp->spa, 4);
	memcpy(buf + 18, arp->tha, 6);
	memcpy(buf + 24, arp->tpa, 4);
	return FSCTP_ARP_LEN;
}
