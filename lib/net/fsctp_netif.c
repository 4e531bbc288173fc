/* SPDX-License-Identifier: BSD-3-Clause */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_arp.h"
#include "fsctp_csum.h"
#include "fsctp_ipv4.h"
#include "fsctp_ipv6.h"
#include "fsctp_nd.h"
#include "fsctp_netif.h"
#include "fsctp_udp.h"

#define SCTP_COMMON_LEN 12

struct fsctp_netif {
	struct fsctp_netif_config cfg;
	struct fsctp_netif_ops ops;
	struct fsctp_net_stats stats;
	struct fsctp_neigh_table *neigh;
	uint16_t ip_id;
	bool quiet;	 /* learning only: emit nothing */
	uint8_t ll6[16]; /* our link-local address (EUI-64 of the MAC) */
	uint8_t frame[FSCTP_NETIF_FRAME_MAX];
};

static void nif_probe(void *ctx, uint8_t family, const uint8_t *ip,
		      const uint8_t *mac);

static void
nif_send(void *ctx, void *pkt, const uint8_t *mac)
{
	struct fsctp_netif *nif = ctx;

	nif->ops.send_pending(nif->ops.ctx, pkt, mac);
}

static void
nif_drop(void *ctx, void *pkt)
{
	struct fsctp_netif *nif = ctx;

	nif->ops.drop_pending(nif->ops.ctx, pkt);
}

struct fsctp_netif *
fsctp_netif_create(const struct fsctp_netif_config *cfg,
		   const struct fsctp_netif_ops *ops)
{
	struct fsctp_neigh_ops nops;
	struct fsctp_netif *nif;

	if (cfg == NULL || ops == NULL || ops->tx_frame == NULL ||
	    ops->send_pending == NULL || ops->drop_pending == NULL ||
	    cfg->n_v4 + cfg->n_v6 == 0 || cfg->n_v4 > FSCTP_NETIF_MAX_ADDRS ||
	    cfg->n_v6 > FSCTP_NETIF_MAX_ADDRS) {
		errno = EINVAL;
		return NULL;
	}
	nif = calloc(1, sizeof(*nif));
	if (nif == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	nif->cfg = *cfg;
	nif->ops = *ops;
	nops.probe = nif_probe;
	nops.send = nif_send;
	nops.drop = nif_drop;
	nops.ctx = nif;
	nif->neigh = fsctp_neigh_create(&cfg->neigh, &nops);
	if (nif->neigh == NULL) {
		free(nif);
		return NULL;
	}
	/* RFC 4291 appendix A: fe80::/64 + modified EUI-64 of the MAC. */
	nif->ll6[0] = 0xfe;
	nif->ll6[1] = 0x80;
	nif->ll6[8] = cfg->mac[0] ^ 0x02;
	nif->ll6[9] = cfg->mac[1];
	nif->ll6[10] = cfg->mac[2];
	nif->ll6[11] = 0xff;
	nif->ll6[12] = 0xfe;
	nif->ll6[13] = cfg->mac[3];
	nif->ll6[14] = cfg->mac[4];
	nif->ll6[15] = cfg->mac[5];
	return nif;
}

void
fsctp_netif_free(struct fsctp_netif *nif)
{
	if (nif == NULL)
		return;
	fsctp_neigh_free(nif->neigh);
	free(nif);
}

bool
fsctp_netif_is_local(const struct fsctp_netif *nif, uint8_t family,
		     const uint8_t *ip)
{
	uint8_t i;

	if (family == FSCTP_AF_INET4) {
		for (i = 0; i < nif->cfg.n_v4; i++)
			if (memcmp(nif->cfg.v4[i].ip, ip, 4) == 0)
				return true;
		return false;
	}
	if (memcmp(nif->ll6, ip, 16) == 0)
		return true;
	for (i = 0; i < nif->cfg.n_v6; i++)
		if (memcmp(nif->cfg.v6[i].ip, ip, 16) == 0)
			return true;
	return false;
}

/* One of our solicited-node or the all-nodes multicast addresses. */
static bool
is_our_mcast6(const struct fsctp_netif *nif, const uint8_t *ip)
{
	static const uint8_t all_nodes[16] = { 0xff, 2, 0, 0, 0, 0, 0, 0,
					       0,    0, 0, 0, 0, 0, 0, 1 };
	uint8_t sn[16];
	uint8_t i;

	if (memcmp(ip, all_nodes, 16) == 0)
		return true;
	fsctp_nd_solicited_node(nif->ll6, sn);
	if (memcmp(ip, sn, 16) == 0)
		return true;
	for (i = 0; i < nif->cfg.n_v6; i++) {
		fsctp_nd_solicited_node(nif->cfg.v6[i].ip, sn);
		if (memcmp(ip, sn, 16) == 0)
			return true;
	}
	return false;
}

bool
fsctp_net_prefix_match(const uint8_t *a, const uint8_t *b, unsigned int bits)
{
	unsigned int bytes = bits / 8, rem = bits % 8;

	if (memcmp(a, b, bytes) != 0)
		return false;
	if (rem == 0)
		return true;
	return ((a[bytes] ^ b[bytes]) & (uint8_t)(0xff << (8 - rem))) == 0;
}

static int
vlan_arg(const struct fsctp_netif *nif)
{
	return nif->cfg.vlan ? nif->cfg.vlan_tci : FSCTP_VLAN_NONE;
}

/* Emit a frame of l3_len bytes already written after the Ethernet header
 * in nif->frame. */
static void
emit(struct fsctp_netif *nif, const uint8_t *dst_mac, uint16_t type,
     size_t l3_len)
{
	size_t h = fsctp_netif_hdr_len(nif, 0);

	if (nif->quiet)
		return;
	fsctp_eth_build(nif->frame, sizeof(nif->frame), dst_mac, nif->cfg.mac,
			type, vlan_arg(nif));
	nif->ops.tx_frame(nif->ops.ctx, nif->frame, h + l3_len);
}

static size_t
eth_len(const struct fsctp_netif *nif)
{
	return nif->cfg.vlan ? FSCTP_ETH_HLEN + FSCTP_ETH_VLAN_LEN
			     : FSCTP_ETH_HLEN;
}

size_t
fsctp_netif_hdr_len(const struct fsctp_netif *nif, uint8_t family)
{
	size_t l3 = family == FSCTP_AF_INET4   ? FSCTP_IPV4_HLEN
		    : family == FSCTP_AF_INET6 ? FSCTP_IPV6_HLEN
					       : 0;

	return eth_len(nif) + l3;
}

static const uint8_t *
src6_for(const struct fsctp_netif *nif, const uint8_t *dst)
{
	/* Link-local destinations get our link-local source; otherwise the
	 * first global address. */
	if (dst[0] == 0xfe && (dst[1] & 0xc0) == 0x80)
		return nif->ll6;
	return nif->cfg.n_v6 > 0 ? nif->cfg.v6[0].ip : nif->ll6;
}

static void
nif_probe(void *ctx, uint8_t family, const uint8_t *ip, const uint8_t *mac)
{
	struct fsctp_netif *nif = ctx;
	uint8_t *l3 = nif->frame + eth_len(nif);
	size_t cap = sizeof(nif->frame) - eth_len(nif);

	if (family == FSCTP_AF_INET4) {
		struct fsctp_arp_info a;
		uint8_t i;

		if (nif->cfg.n_v4 == 0)
			return;
		memset(&a, 0, sizeof(a));
		a.op = FSCTP_ARP_REQUEST;
		memcpy(a.sha, nif->cfg.mac, 6);
		memcpy(a.spa, nif->cfg.v4[0].ip, 4);
		for (i = 0; i < nif->cfg.n_v4; i++)
			if (fsctp_net_prefix_match(nif->cfg.v4[i].ip, ip,
						   nif->cfg.v4[i].prefix))
				memcpy(a.spa, nif->cfg.v4[i].ip, 4);
		memcpy(a.tpa, ip, 4);
		fsctp_arp_build(l3, cap, &a);
		nif->stats.arp_requests++;
		emit(nif, mac != NULL ? mac : fsctp_eth_bcast,
		     FSCTP_ETHERTYPE_ARP, FSCTP_ARP_LEN);
	} else {
		uint8_t dst[16], dmac[6];
		const uint8_t *src = src6_for(nif, ip);

		/* RFC 4861 7.2.2: multicast to the solicited-node address,
		 * or unicast when re-probing a known neighbour. */
		if (mac != NULL) {
			memcpy(dst, ip, 16);
			memcpy(dmac, mac, 6);
		} else {
			fsctp_nd_solicited_node(ip, dst);
			fsctp_ipv6_mcast_mac(dst, dmac);
		}
		fsctp_ipv6_build(l3, cap, src, dst, FSCTP_IPPROTO_ICMPV6, 255,
				 FSCTP_ND_LEN);
		fsctp_nd_build(l3 + FSCTP_IPV6_HLEN, cap - FSCTP_IPV6_HLEN,
			       FSCTP_ND_NS, 0, ip, nif->cfg.mac, src, dst);
		nif->stats.nd_ns_sent++;
		emit(nif, dmac, FSCTP_ETHERTYPE_IPV6,
		     FSCTP_IPV6_HLEN + FSCTP_ND_LEN);
	}
}

static enum fsctp_net_verdict
input_arp(struct fsctp_netif *nif, const struct fsctp_eth_info *eth,
	  const uint8_t *p, size_t len, fsctp_time_t now)
{
	struct fsctp_arp_info a, r;
	bool for_us;

	if (fsctp_arp_parse(p, len, &a) != 0) {
		nif->stats.arp_bad++;
		return FSCTP_NET_DROP;
	}
	nif->stats.arp_rx++;
	for_us = fsctp_netif_is_local(nif, FSCTP_AF_INET4, a.tpa);
	/* RFC 826 packet reception: update an existing entry for the
	 * sender; add one only when the packet is for us. A sender claiming
	 * a group MAC is not believed. */
	if (!fsctp_eth_is_group(a.sha))
		fsctp_neigh_update(nif->neigh, FSCTP_AF_INET4, a.spa, a.sha,
				   for_us, now);
	if (!for_us) {
		nif->stats.rx_not_ours++;
		return FSCTP_NET_DROP;
	}
	if (a.op == FSCTP_ARP_REQUEST) {
		memset(&r, 0, sizeof(r));
		r.op = FSCTP_ARP_REPLY;
		memcpy(r.sha, nif->cfg.mac, 6);
		memcpy(r.spa, a.tpa, 4);
		memcpy(r.tha, a.sha, 6);
		memcpy(r.tpa, a.spa, 4);
		fsctp_arp_build(nif->frame + eth_len(nif),
				sizeof(nif->frame) - eth_len(nif), &r);
		nif->stats.arp_replies++;
		emit(nif, eth->src, FSCTP_ETHERTYPE_ARP, FSCTP_ARP_LEN);
	}
	return FSCTP_NET_DONE;
}

static enum fsctp_net_verdict
sctp_up(struct fsctp_netif *nif, uint8_t family, const uint8_t *src,
	const uint8_t *dst, const uint8_t *l4, size_t l4_len,
	const uint8_t *frame, struct fsctp_net_rx *res)
{
	if (l4_len < SCTP_COMMON_LEN) {
		nif->stats.sctp_short++;
		return FSCTP_NET_DROP;
	}
	memset(&res->src, 0, sizeof(res->src));
	memset(&res->dst, 0, sizeof(res->dst));
	res->src.family = family;
	res->dst.family = family;
	memcpy(res->src.ip.v6, src, family == FSCTP_AF_INET4 ? 4 : 16);
	memcpy(res->dst.ip.v6, dst, family == FSCTP_AF_INET4 ? 4 : 16);
	res->src.port = (uint16_t)(l4[0] << 8 | l4[1]);
	res->dst.port = (uint16_t)(l4[2] << 8 | l4[3]);
	res->l4_off = (uint32_t)(l4 - frame);
	res->l4_len = (uint32_t)l4_len;
	res->udp_sport = 0;
	nif->stats.sctp_rx++;
	return FSCTP_NET_SCTP;
}

/*
 * RFC 6951 section 5.4: a UDP datagram to our encapsulation port carries
 * an SCTP packet. Length and checksum are checked (fsctp_udp.h), the UDP
 * header is stripped, and the SCTP packet goes up like a raw one with the
 * datagram's source port in res->udp_sport (the remote encapsulation port
 * its owner learns for the path). The port is compared first, so other
 * UDP traffic costs no checksum.
 */
static enum fsctp_net_verdict
udp_up(struct fsctp_netif *nif, uint8_t family, const uint8_t *src,
       const uint8_t *dst, const uint8_t *l4, size_t l4_len,
       const uint8_t *frame, struct fsctp_net_rx *res)
{
	struct fsctp_udp_info u;
	enum fsctp_udp_err err;
	enum fsctp_net_verdict v;

	if (nif->cfg.udp_encaps_port == 0) {
		nif->stats.other_proto++; /* as any protocol we do not speak */
		return FSCTP_NET_DROP;
	}
	if (l4_len < FSCTP_UDP_HLEN ||
	    (uint16_t)(l4[2] << 8 | l4[3]) != nif->cfg.udp_encaps_port) {
		nif->stats.udp_other++;
		return FSCTP_NET_DROP;
	}
	if (fsctp_udp_parse(family, src, dst, l4, l4_len, &u, &err) != 0) {
		if (err == FSCTP_UDP_ERR_CSUM)
			nif->stats.udp_bad_csum++;
		else if (err == FSCTP_UDP_ERR_PORT)
			nif->stats.udp_bad_port++;
		else
			nif->stats.udp_bad_len++;
		return FSCTP_NET_DROP;
	}
	v = sctp_up(nif, family, src, dst, u.payload, u.payload_len, frame,
		    res);
	if (v == FSCTP_NET_SCTP) {
		res->udp_sport = u.sport;
		nif->stats.udp_rx++;
	}
	return v;
}

/* An ICMP error quoting SCTP in UDP is ours only when the quoted source
 * port is our encapsulation port (RFC 6951 5.5); its MTU then leaves 8
 * bytes less for the SCTP packet (5.6). */
static enum fsctp_net_verdict
pmtu_up(struct fsctp_netif *nif, struct fsctp_net_rx *res)
{
	struct fsctp_icmp_quote *q = &res->quote;

	if (q->udp) {
		if (nif->cfg.udp_encaps_port == 0 ||
		    q->udp_sport != nif->cfg.udp_encaps_port) {
			nif->stats.icmp_ignored++;
			return FSCTP_NET_DROP;
		}
		q->mtu -= FSCTP_UDP_HLEN;
	}
	nif->stats.icmp_pmtu++;
	return FSCTP_NET_PMTU;
}

static enum fsctp_net_verdict
input_ip4(struct fsctp_netif *nif, const struct fsctp_eth_info *eth,
	  const uint8_t *frame, const uint8_t *p, size_t len,
	  struct fsctp_net_rx *res)
{
	struct fsctp_ipv4_info ip;
	enum fsctp_ipv4_err err;
	uint8_t *out;
	long n;

	if (fsctp_ipv4_parse(p, len, &ip, &err) != 0) {
		if (err == FSCTP_IPV4_ERR_CSUM)
			nif->stats.ip4_bad_csum++;
		else if (err == FSCTP_IPV4_ERR_TTL)
			nif->stats.ip4_bad_ttl++;
		else
			nif->stats.ip4_bad_hdr++;
		return FSCTP_NET_DROP;
	}
	if (!fsctp_netif_is_local(nif, FSCTP_AF_INET4, ip.dst)) {
		nif->stats.rx_not_ours++;
		return FSCTP_NET_DROP;
	}
	nif->stats.ip4_rx++;
	/* No reassembly: see fsctp_ipv4.h for why fragments are dropped. */
	if (ip.is_frag) {
		nif->stats.ip4_frags++;
		return FSCTP_NET_DROP;
	}
	if (ip.proto == FSCTP_IPPROTO_SCTP)
		return sctp_up(nif, FSCTP_AF_INET4, ip.src, ip.dst, ip.payload,
			       ip.payload_len, frame, res);
	if (ip.proto == FSCTP_IPPROTO_UDP)
		return udp_up(nif, FSCTP_AF_INET4, ip.src, ip.dst, ip.payload,
			      ip.payload_len, frame, res);
	if (ip.proto != FSCTP_IPPROTO_ICMP) {
		nif->stats.other_proto++;
		return FSCTP_NET_DROP;
	}
	nif->stats.icmp_rx++;
	if (ip.payload_len >= 1 && ip.payload[0] == FSCTP_ICMP_ECHO_REQUEST) {
		out = nif->frame + eth_len(nif) + FSCTP_IPV4_HLEN;
		n = fsctp_icmp4_echo_reply(ip.payload, ip.payload_len, out,
					   sizeof(nif->frame) - eth_len(nif) -
						   FSCTP_IPV4_HLEN);
		if (n <= 0) {
			nif->stats.icmp_bad++;
			return FSCTP_NET_DROP;
		}
		fsctp_ipv4_build(nif->frame + eth_len(nif), FSCTP_IPV4_HLEN,
				 ip.dst, ip.src, FSCTP_IPPROTO_ICMP,
				 FSCTP_IPV4_DEFAULT_TTL, nif->ip_id++,
				 (size_t)n, true);
		nif->stats.icmp_echo++;
		/* Reply to the MAC it came from: no resolution needed. */
		emit(nif, eth->src, FSCTP_ETHERTYPE_IPV4,
		     FSCTP_IPV4_HLEN + (size_t)n);
		return FSCTP_NET_DONE;
	}
	switch (fsctp_icmp4_parse_error(ip.payload, ip.payload_len,
					&res->quote)) {
	case 0:
		return pmtu_up(nif, res);
	case -ENOENT:
		nif->stats.icmp_ignored++;
		return FSCTP_NET_DROP;
	default:
		nif->stats.icmp_bad++;
		return FSCTP_NET_DROP;
	}
}

static enum fsctp_net_verdict
input_nd(struct fsctp_netif *nif, const struct fsctp_ipv6_info *ip,
	 fsctp_time_t now)
{
	struct fsctp_nd_info nd;
	uint8_t *l3 = nif->frame + eth_len(nif);
	size_t cap = sizeof(nif->frame) - eth_len(nif);
	static const uint8_t all_nodes[16] = { 0xff, 2, 0, 0, 0, 0, 0, 0,
					       0,    0, 0, 0, 0, 0, 0, 1 };
	const uint8_t *dst, *dmac;
	uint8_t mmac[6];

	if (fsctp_nd_parse(ip->src, ip->dst, ip->hop_limit, ip->l4, ip->l4_len,
			   &nd) != 0) {
		nif->stats.nd_bad++;
		return FSCTP_NET_DROP;
	}
	nif->stats.nd_rx++;
	if (nd.type == FSCTP_ND_NA) {
		/* RFC 4861 7.2.5: update an entry we have, never create;
		 * the override flag decides whether a new address wins. */
		fsctp_neigh_advert(nif->neigh, nd.target,
				   nd.has_lla ? nd.lla : NULL,
				   (nd.flags & FSCTP_ND_FLAG_S) != 0,
				   (nd.flags & FSCTP_ND_FLAG_O) != 0, now);
		return FSCTP_NET_DONE;
	}
	if (!fsctp_netif_is_local(nif, FSCTP_AF_INET6, nd.target)) {
		nif->stats.rx_not_ours++;
		return FSCTP_NET_DROP;
	}
	/* RFC 4861 7.2.3: learn the solicitor's address, then answer. An NS
	 * from :: (duplicate address detection) is answered to all-nodes. */
	if (fsctp_ipv6_is_unspecified(ip->src)) {
		dst = all_nodes;
		fsctp_ipv6_mcast_mac(all_nodes, mmac);
		dmac = mmac;
	} else {
		if (!nd.has_lla) {
			/* No LLA: we could resolve first; keep it simple and
			 * drop (RFC 4861 allows the NA to wait). */
			nif->stats.nd_bad++;
			return FSCTP_NET_DROP;
		}
		fsctp_neigh_update(nif->neigh, FSCTP_AF_INET6, ip->src, nd.lla,
				   true, now);
		dst = ip->src;
		dmac = nd.lla;
	}
	fsctp_ipv6_build(l3, cap, nd.target, dst, FSCTP_IPPROTO_ICMPV6, 255,
			 FSCTP_ND_LEN);
	fsctp_nd_build(
		l3 + FSCTP_IPV6_HLEN, cap - FSCTP_IPV6_HLEN, FSCTP_ND_NA,
		(fsctp_ipv6_is_unspecified(ip->src) ? 0 : FSCTP_ND_FLAG_S) |
			FSCTP_ND_FLAG_O,
		nd.target, nif->cfg.mac, nd.target, dst);
	nif->stats.nd_na_sent++;
	emit(nif, dmac, FSCTP_ETHERTYPE_IPV6, FSCTP_IPV6_HLEN + FSCTP_ND_LEN);
	return FSCTP_NET_DONE;
}

static enum fsctp_net_verdict
input_ip6(struct fsctp_netif *nif, const struct fsctp_eth_info *eth,
	  const uint8_t *frame, const uint8_t *p, size_t len, fsctp_time_t now,
	  struct fsctp_net_rx *res)
{
	struct fsctp_ipv6_info ip;
	enum fsctp_ipv6_err err;
	uint8_t *l3, *out;
	size_t cap;
	long n;

	if (fsctp_ipv6_parse(p, len, &ip, &err) != 0) {
		if (err == FSCTP_IPV6_ERR_EXT_LIMIT)
			nif->stats.ip6_ext_limit++;
		else
			nif->stats.ip6_bad_hdr++;
		return FSCTP_NET_DROP;
	}
	if (!fsctp_netif_is_local(nif, FSCTP_AF_INET6, ip.dst) &&
	    !is_our_mcast6(nif, ip.dst)) {
		nif->stats.rx_not_ours++;
		return FSCTP_NET_DROP;
	}
	nif->stats.ip6_rx++;
	if (ip.is_frag) {
		nif->stats.ip6_frags++;
		return FSCTP_NET_DROP;
	}
	if (ip.proto == FSCTP_IPPROTO_SCTP) {
		if (fsctp_ipv6_is_multicast(ip.dst)) {
			nif->stats.rx_not_ours++;
			return FSCTP_NET_DROP;
		}
		return sctp_up(nif, FSCTP_AF_INET6, ip.src, ip.dst, ip.l4,
			       ip.l4_len, frame, res);
	}
	if (ip.proto == FSCTP_IPPROTO_UDP) {
		if (fsctp_ipv6_is_multicast(ip.dst)) {
			nif->stats.rx_not_ours++;
			return FSCTP_NET_DROP;
		}
		return udp_up(nif, FSCTP_AF_INET6, ip.src, ip.dst, ip.l4,
			      ip.l4_len, frame, res);
	}
	if (ip.proto != FSCTP_IPPROTO_ICMPV6) {
		nif->stats.other_proto++;
		return FSCTP_NET_DROP;
	}
	nif->stats.icmp_rx++;
	if (ip.l4_len < 1) {
		nif->stats.icmp_bad++;
		return FSCTP_NET_DROP;
	}
	if (ip.l4[0] == FSCTP_ND_NS || ip.l4[0] == FSCTP_ND_NA) {
		res->neigh = true;
		return input_nd(nif, &ip, now);
	}
	if (ip.l4[0] == FSCTP_ICMP6_ECHO_REQUEST) {
		const uint8_t *rsrc = ip.dst;

		/* An echo to a multicast group is answered from our own
		 * unicast address (RFC 4443 4.2). */
		if (fsctp_ipv6_is_multicast(ip.dst))
			rsrc = src6_for(nif, ip.src);
		l3 = nif->frame + eth_len(nif);
		cap = sizeof(nif->frame) - eth_len(nif);
		out = l3 + FSCTP_IPV6_HLEN;
		n = fsctp_icmp6_echo_reply(ip.src, ip.dst, ip.l4, ip.l4_len,
					   out, cap - FSCTP_IPV6_HLEN);
		if (n <= 0) {
			nif->stats.icmp_bad++;
			return FSCTP_NET_DROP;
		}
		if (rsrc != ip.dst) {
			uint16_t c;

			out[2] = 0;
			out[3] = 0;
			c = fsctp_icmp6_csum(rsrc, ip.src, out, (size_t)n);
			out[2] = (uint8_t)(c >> 8);
			out[3] = (uint8_t)c;
		}
		fsctp_ipv6_build(l3, cap, rsrc, ip.src, FSCTP_IPPROTO_ICMPV6,
				 FSCTP_IPV6_DEFAULT_HOPS, (size_t)n);
		nif->stats.icmp_echo++;
		emit(nif, eth->src, FSCTP_ETHERTYPE_IPV6,
		     FSCTP_IPV6_HLEN + (size_t)n);
		return FSCTP_NET_DONE;
	}
	switch (fsctp_icmp6_parse_error(ip.src, ip.dst, ip.l4, ip.l4_len,
					&res->quote)) {
	case 0:
		return pmtu_up(nif, res);
	case -ENOENT:
		nif->stats.icmp_ignored++;
		return FSCTP_NET_DROP;
	default:
		nif->stats.icmp_bad++;
		return FSCTP_NET_DROP;
	}
}

enum fsctp_net_verdict
fsctp_netif_input(struct fsctp_netif *nif, const uint8_t *frame, size_t len,
		  fsctp_time_t now, struct fsctp_net_rx *res)
{
	struct fsctp_eth_info eth;
	enum fsctp_net_verdict v = FSCTP_NET_DROP;
	const uint8_t *p;
	size_t plen;

	if (nif == NULL || res == NULL)
		return FSCTP_NET_DROP;
	res->verdict = FSCTP_NET_DROP;
	res->neigh = false;
	if (frame == NULL)
		return FSCTP_NET_DROP;
	nif->stats.rx_frames++;
	if (fsctp_eth_parse(frame, len, &eth) != 0) {
		nif->stats.rx_bad_eth++;
		return FSCTP_NET_DROP;
	}
	if (!fsctp_eth_is_group(eth.dst) &&
	    memcmp(eth.dst, nif->cfg.mac, 6) != 0) {
		nif->stats.rx_not_ours++;
		return FSCTP_NET_DROP;
	}
	/* Our VLAN only: tagged with our VID when one is configured,
	 * untagged otherwise (priority bits are ignored). */
	if (nif->cfg.vlan ? !eth.has_vlan || (eth.vlan_tci & 0xfff) !=
						     (nif->cfg.vlan_tci & 0xfff)
			  : eth.has_vlan) {
		nif->stats.rx_other_vlan++;
		return FSCTP_NET_DROP;
	}
	p = frame + eth.l3_off;
	plen = len - eth.l3_off;
	switch (eth.ethertype) {
	case FSCTP_ETHERTYPE_ARP:
		res->neigh = true;
		v = input_arp(nif, &eth, p, plen, now);
		break;
	case FSCTP_ETHERTYPE_IPV4:
		v = input_ip4(nif, &eth, frame, p, plen, res);
		break;
	case FSCTP_ETHERTYPE_IPV6:
		v = input_ip6(nif, &eth, frame, p, plen, now, res);
		break;
	default:
		nif->stats.rx_other_type++;
		break;
	}
	res->verdict = v;
	return v;
}

void
fsctp_netif_learn(struct fsctp_netif *nif, const uint8_t *frame, size_t len,
		  fsctp_time_t now)
{
	struct fsctp_net_stats saved;
	struct fsctp_net_rx res;

	if (nif == NULL)
		return;
	saved = nif->stats;
	nif->quiet = true;
	fsctp_netif_input(nif, frame, len, now, &res);
	nif->quiet = false;
	nif->stats = saved;
}

int
fsctp_netif_reach(const struct fsctp_netif *nif, const struct fsctp_addr *dst,
		  const uint8_t **nh)
{
	const struct fsctp_netif_addr *la;
	const uint8_t *hop = NULL, *ip;
	int best = -1;
	uint8_t i, n;

	if (nif == NULL || dst == NULL ||
	    (dst->family != FSCTP_AF_INET4 && dst->family != FSCTP_AF_INET6))
		return -1;
	ip = dst->family == FSCTP_AF_INET4 ? dst->ip.v4 : dst->ip.v6;
	la = dst->family == FSCTP_AF_INET4 ? nif->cfg.v4 : nif->cfg.v6;
	n = dst->family == FSCTP_AF_INET4 ? nif->cfg.n_v4 : nif->cfg.n_v6;
	for (i = 0; i < n; i++)
		if (fsctp_net_prefix_match(la[i].ip, ip, la[i].prefix))
			best = FSCTP_NETIF_ON_LINK;
	if (dst->family == FSCTP_AF_INET6 && ip[0] == 0xfe &&
	    (ip[1] & 0xc0) == 0x80)
		best = FSCTP_NETIF_ON_LINK;
	if (best == FSCTP_NETIF_ON_LINK) {
		hop = ip;
		goto out;
	}
	for (i = 0; i < nif->cfg.n_routes; i++) {
		const struct fsctp_netif_route *r = &nif->cfg.routes[i];

		if (r->family == dst->family && (int)r->len > best &&
		    fsctp_net_prefix_match(r->prefix, ip, r->len)) {
			best = r->len;
			hop = r->via;
		}
	}
	if (best < 0 && dst->family == FSCTP_AF_INET4 && nif->cfg.has_gw4) {
		best = 0;
		hop = nif->cfg.gw4;
	} else if (best < 0 && dst->family == FSCTP_AF_INET6 &&
		   nif->cfg.has_gw6) {
		best = 0;
		hop = nif->cfg.gw6;
	}
out:
	if (nh != NULL)
		*nh = hop;
	return best;
}

int
fsctp_netif_route(struct fsctp_netif *nif, const struct fsctp_addr *dst,
		  void *pkt, fsctp_time_t now, uint8_t *mac)
{
	const uint8_t *nh = NULL;
	int rc;

	if (nif == NULL || dst == NULL || mac == NULL)
		return -EINVAL;
	fsctp_netif_reach(nif, dst, &nh);
	if (nh == NULL) {
		nif->stats.tx_no_route++;
		return -ENETUNREACH;
	}
	rc = fsctp_neigh_resolve(nif->neigh, dst->family, nh, pkt, now, mac);
	return rc;
}

static size_t
build_hdr(struct fsctp_netif *nif, uint8_t *buf, size_t cap,
	  const uint8_t *dst_mac, const struct fsctp_addr *src,
	  const struct fsctp_addr *dst, size_t l4_len, bool ip4_csum,
	  uint8_t proto)
{
	uint16_t type;
	size_t e, l3;

	if (nif == NULL || buf == NULL || src == NULL || dst == NULL ||
	    dst_mac == NULL || src->family != dst->family ||
	    cap < fsctp_netif_hdr_len(nif, dst->family)) {
		if (nif != NULL)
			nif->stats.tx_frame_fail++;
		return 0;
	}
	type = dst->family == FSCTP_AF_INET4 ? FSCTP_ETHERTYPE_IPV4
					     : FSCTP_ETHERTYPE_IPV6;
	e = fsctp_eth_build(buf, cap, dst_mac, nif->cfg.mac, type,
			    vlan_arg(nif));
	if (dst->family == FSCTP_AF_INET4)
		l3 = fsctp_ipv4_build(buf + e, cap - e, src->ip.v4, dst->ip.v4,
				      proto, FSCTP_IPV4_DEFAULT_TTL,
				      nif->ip_id++, l4_len, ip4_csum);
	else
		l3 = fsctp_ipv6_build(buf + e, cap - e, src->ip.v6, dst->ip.v6,
				      proto, FSCTP_IPV6_DEFAULT_HOPS, l4_len);
	if (e == 0 || l3 == 0) {
		nif->stats.tx_frame_fail++;
		return 0;
	}
	return e + l3;
}

size_t
fsctp_netif_build_hdr(struct fsctp_netif *nif, uint8_t *buf, size_t cap,
		      const uint8_t *dst_mac, const struct fsctp_addr *src,
		      const struct fsctp_addr *dst, size_t l4_len,
		      bool ip4_csum)
{
	return build_hdr(nif, buf, cap, dst_mac, src, dst, l4_len, ip4_csum,
			 FSCTP_IPPROTO_SCTP);
}

size_t
fsctp_netif_build_hdr_udp(struct fsctp_netif *nif, uint8_t *buf, size_t cap,
			  const uint8_t *dst_mac, const struct fsctp_addr *src,
			  const struct fsctp_addr *dst, size_t l4_len,
			  bool ip4_csum, uint16_t udp_dport)
{
	size_t hl, u;

	if (nif == NULL)
		return 0;
	if (nif->cfg.udp_encaps_port == 0 || dst == NULL ||
	    cap < fsctp_netif_hdr_len(nif, dst->family) + FSCTP_UDP_HLEN) {
		nif->stats.tx_frame_fail++;
		return 0;
	}
	hl = build_hdr(nif, buf, cap, dst_mac, src, dst,
		       l4_len + FSCTP_UDP_HLEN, ip4_csum, FSCTP_IPPROTO_UDP);
	if (hl == 0)
		return 0;
	u = fsctp_udp_build(dst->family, src->ip.v6, dst->ip.v6, buf + hl,
			    cap - hl, nif->cfg.udp_encaps_port, udp_dport,
			    l4_len);
	if (u == 0) {
		nif->stats.tx_frame_fail++;
		return 0;
	}
	return hl + u;
}

void
fsctp_netif_timers(struct fsctp_netif *nif, fsctp_time_t now)
{
	if (nif != NULL)
		fsctp_neigh_timers(nif->neigh, now);
}

const struct fsctp_net_stats *
fsctp_netif_stats(const struct fsctp_netif *nif)
{
	return &nif->stats;
}

struct fsctp_neigh_table *
fsctp_netif_neigh(struct fsctp_netif *nif)
{
	return nif->neigh;
}

int
fsctp_net_parse_addr(const char *s, uint8_t *family, uint8_t *ip,
		     uint8_t *prefix)
{
	char buf[64];
	const char *slash;
	size_t n;
	unsigned long pl;
	char *end;

	if (s == NULL || family == NULL || ip == NULL)
		return -EINVAL;
	slash = strchr(s, '/');
	n = slash != NULL ? (size_t)(slash - s) : strlen(s);
	if (n == 0 || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(ip, 0, 16);
	if (inet_pton(AF_INET, buf, ip) == 1)
		*family = FSCTP_AF_INET4;
	else if (inet_pton(AF_INET6, buf, ip) == 1)
		*family = FSCTP_AF_INET6;
	else
		return -EINVAL;
	pl = *family == FSCTP_AF_INET4 ? 32 : 128;
	if (slash != NULL) {
		errno = 0;
		if (slash[1] < '0' || slash[1] > '9')
			return -EINVAL;
		pl = strtoul(slash + 1, &end, 10);
		if (errno != 0 || *end != '\0' ||
		    pl > (*family == FSCTP_AF_INET4 ? 32u : 128u))
			return -EINVAL;
	}
	if (prefix != NULL)
		*prefix = (uint8_t)pl;
	return 0;
}
