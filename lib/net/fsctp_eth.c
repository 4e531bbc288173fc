/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include "fsctp_eth.h"

const uint8_t fsctp_eth_bcast[FSCTP_ETH_ALEN] = { 0xff, 0xff, 0xff,
						  0xff, 0xff, 0xff };

static uint16_t
rd16(const uint8_t *p)
{
	return (uint16_t)((uint16_t)p[0] << 8 | p[1]);
}

int
fsctp_eth_parse(const uint8_t *buf, size_t len, struct fsctp_eth_info *out)
{
	uint16_t type;

	if (buf == NULL || out == NULL || len < FSCTP_ETH_HLEN)
		return -EINVAL;
	memcpy(out->dst, buf, FSCTP_ETH_ALEN);
	memcpy(out->src, buf + FSCTP_ETH_ALEN, FSCTP_ETH_ALEN);
	type = rd16(buf + 12);
	out->has_vlan = false;
	out->vlan_tci = 0;
	out->l3_off = FSCTP_ETH_HLEN;
	if (type == FSCTP_ETHERTYPE_VLAN) {
		if (len < FSCTP_ETH_HLEN + FSCTP_ETH_VLAN_LEN)
			return -EINVAL;
		out->has_vlan = true;
		out->vlan_tci = rd16(buf + 14);
		type = rd16(buf + 16);
		out->l3_off = FSCTP_ETH_HLEN + FSCTP_ETH_VLAN_LEN;
		/* Stacked tags (QinQ) are not ours to terminate. */
		if (type == FSCTP_ETHERTYPE_VLAN || type == 0x88a8)
			return -EINVAL;
	}
	out->ethertype = type;
	return 0;
}

size_t
fsctp_eth_build(uint8_t *buf, size_t cap, const uint8_t *dst,
		const uint8_t *src, uint16_t ethertype, int vlan_tci)
{
	size_t n = vlan_tci >= 0 ? FSCTP_ETH_HLEN + FSCTP_ETH_VLAN_LEN
				 : FSCTP_ETH_HLEN;
	uint8_t *p = buf + 12;

	if (buf == NULL || cap < n)
		return 0;
	memcpy(buf, dst, FSCTP_ETH_ALEN);
	memcpy(buf + FSCTP_ETH_ALEN, src, FSCTP_ETH_ALEN);
	if (vlan_tci >= 0) {
		p[0] = FSCTP_ETHERTYPE_VLAN >> 8;
		p[1] = FSCTP_ETHERTYPE_VLAN & 0xff;
		p[2] = (uint8_t)(vlan_tci >> 8);
		p[3] = (uint8_t)vlan_tci;
		p += 4;
	}
	p[0] = (uint8_t)(ethertype >> 8);
	p[1] = (uint8_t)ethertype;
	return n;
}
