/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <openssl/rand.h>
#include <rte_branch_prediction.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "fsctp_assoc.h"
#include "fsctp_csum.h"
#include "fsctp_rt_lcore.h"
#include "fsctp_rt_log.h"
#include "fsctp_mbuf.h"
#include "fsctp_udp.h"
#include "fsctp_wire.h"

#define SCRATCH_LEN 9216 /* largest frame we linearise (jumbo) */

/* A bounded FIFO of mbufs: head and tail run freely, mask indexes. */
struct fifo {
	uint32_t head, tail, mask;
	struct rte_mbuf **slot;
};

struct lib_if {
	struct fsctp_rt_lcore *lib;
	uint16_t idx;
	struct fsctp_rt_lcore_if cfg;
	struct fsctp_netif *nif;
	struct fifo tx;
};

/*
 * RFC 6951 5.4: the remote UDP encapsulation port of a path, keyed by
 * (local SCTP port, peer address and SCTP port): the runtime's per-path
 * data, outside the core, which never sees UDP. udp 0 records a peer that
 * sends raw SCTP (it overrides cfg.udp_remote_port).
 */
struct udp_ent {
	uint64_t seen; /* last packet (or set) */
	bool used;
	uint8_t family;
	uint16_t lport, rport, udp;
	uint8_t ip[16];
};

/*
 * The route of the last packet sent: its source and destination address,
 * the port owning the source, the port sending it (fsctp_netif_reach()) and
 * the next hop. The interfaces' addresses and routes are fixed when the
 * library is created, so these depend on the two addresses alone and stay
 * true; the next hop's MAC is not kept here: the neighbour table resolves
 * it for every packet (its state, timers and LRU as without this cache).
 */
struct tx_route {
	bool valid;
	uint8_t family;
	uint16_t src_if, out_if;
	uint8_t src[16], dst[16], nh[16];
};

#define UDP_PROBE   8			  /* slots searched per key */
#define UDP_IDLE_US (600ull * 1000000ull) /* then a slot may be reused */

struct fsctp_rt_lcore {
	struct fsctp_rt_lcore_config cfg;
	struct udp_ent *udp_tab;
	uint32_t udp_mask;
	uint32_t udp_used;
	uint64_t udp_key[2];
	struct fsctp_stack *stack;
	struct fsctp_rt_lcore_stats stats;
	uint64_t now;
	uint64_t next_neigh;
	struct tx_route route; /* cb_output(): the last destination's */
	struct lib_if ifs[FSCTP_RT_LCORE_MAX_IFS];
	/* The mbuf handed to the core for its next packet (cb_out_buf),
	 * until cb_output takes it back with the packet written in it. */
	struct rte_mbuf *tx_next;
	uint8_t scratch[SCRATCH_LEN];
};

/* Headers prepended to a packet: Ethernet with a VLAN tag, IPv6, UDP. */
#define TX_HDR_MAX (18 + 40 + FSCTP_UDP_HLEN)

uint64_t
fsctp_rt_now_us(void)
{
	static uint64_t hz;
	uint64_t c = rte_get_tsc_cycles();

	if (unlikely(hz == 0))
		hz = rte_get_tsc_hz();
	/* Split to avoid overflowing 64 bits: c * 1e6 would after ~5 hours
	 * at 1 GHz. */
	return c / hz * 1000000u + c % hz * 1000000u / hz;
}

static bool
fifo_put(struct fifo *f, struct rte_mbuf *m)
{
	if (f->tail - f->head > f->mask)
		return false;
	f->slot[f->tail++ & f->mask] = m;
	return true;
}

/* ---- RFC 6951 remote encapsulation ports ---- */

static bool
udp_key_eq(const struct udp_ent *e, uint16_t lport,
	   const struct fsctp_addr *peer)
{
	return e->used && e->lport == lport && e->rport == peer->port &&
	       e->family == peer->family &&
	       memcmp(e->ip, peer->ip.v6,
		      peer->family == FSCTP_AF_INET4 ? 4 : 16) == 0;
}

/* The entry of (lport, peer), or with create a free slot for it (or one
 * idle for UDP_IDLE_US); NULL when absent / no slot. Peers choose the keys,
 * so the index is a keyed SipHash and the probe is bounded. */
static struct udp_ent *
udp_find(struct fsctp_rt_lcore *lib, uint16_t lport,
	 const struct fsctp_addr *peer, bool create)
{
	uint8_t k[22];
	struct udp_ent *e, *spare = NULL;
	uint64_t h;
	uint32_t i;

	memset(k, 0, sizeof(k));
	k[0] = peer->family;
	k[1] = (uint8_t)(lport >> 8);
	k[2] = (uint8_t)lport;
	k[3] = (uint8_t)(peer->port >> 8);
	k[4] = (uint8_t)peer->port;
	memcpy(k + 5, peer->ip.v6, peer->family == FSCTP_AF_INET4 ? 4 : 16);
	h = fsctp_siphash24(lib->udp_key, k, sizeof(k));
	for (i = 0; i < UDP_PROBE; i++) {
		e = &lib->udp_tab[(h + i) & lib->udp_mask];
		if (udp_key_eq(e, lport, peer))
			return e;
		if (spare == NULL &&
		    (!e->used || lib->now - e->seen > UDP_IDLE_US))
			spare = e;
	}
	if (!create || spare == NULL)
		return NULL;
	if (!spare->used)
		lib->udp_used++;
	memset(spare, 0, sizeof(*spare));
	spare->used = true;
	spare->family = peer->family;
	spare->lport = lport;
	spare->rport = peer->port;
	memcpy(spare->ip, peer->ip.v6, peer->family == FSCTP_AF_INET4 ? 4 : 16);
	spare->udp = UINT16_MAX; /* not a port yet: see udp_learn() */
	return spare;
}

/* RFC 6951 5.4: every received packet updates its path's remote port:
 * the UDP source port of an encapsulated one (for an INIT, the port the
 * INIT ACK and the association's first path use), none for a raw one
 * ("encapsulation ... MUST be disabled"). */
static void
udp_learn(struct fsctp_rt_lcore *lib, const struct fsctp_net_rx *res)
{
	struct udp_ent *e;
	bool raw = res->udp_sport == 0;

	if (raw && lib->udp_used == 0 && lib->cfg.udp_remote_port == 0)
		return; /* the common raw-only case: no lookup */
	e = udp_find(lib, res->dst.port, &res->src,
		     !raw || lib->cfg.udp_remote_port != 0);
	if (e == NULL) {
		if (!raw)
			lib->stats.udp_table_full++;
		return;
	}
	if (e->udp == UINT16_MAX) {
		if (!raw)
			lib->stats.udp_port_learnt++;
	} else if (e->udp != res->udp_sport) {
		if (raw)
			lib->stats.udp_port_cleared++;
		else
			lib->stats.udp_port_changed++;
	}
	e->udp = res->udp_sport;
	e->seen = lib->now;
}

static uint16_t
udp_port_for(struct fsctp_rt_lcore *lib, uint16_t lport,
	     const struct fsctp_addr *peer)
{
	const struct udp_ent *e;

	if (lib->udp_used == 0)
		return lib->cfg.udp_remote_port;
	e = udp_find(lib, lport, peer, false);
	return e != NULL ? e->udp : lib->cfg.udp_remote_port;
}

int
fsctp_rt_lcore_udp_encaps_set(struct fsctp_rt_lcore *lib, uint16_t lport,
			      const struct fsctp_addr *peer, uint16_t udp_port)
{
	struct udp_ent *e;

	if (lib == NULL || peer == NULL || lib->cfg.udp_encaps_port == 0 ||
	    (peer->family != FSCTP_AF_INET4 && peer->family != FSCTP_AF_INET6))
		return -EINVAL;
	e = udp_find(lib, lport, peer, true);
	if (e == NULL) {
		lib->stats.udp_table_full++;
		return -ENOSPC;
	}
	e->udp = udp_port;
	e->seen = lib->now;
	return 0;
}

bool
fsctp_rt_lcore_udp_encaps_on(const struct fsctp_rt_lcore *lib)
{
	return lib != NULL && lib->cfg.udp_encaps_port != 0;
}

uint16_t
fsctp_rt_lcore_udp_encaps_get(struct fsctp_rt_lcore *lib, uint16_t lport,
			      const struct fsctp_addr *peer)
{
	if (lib == NULL || peer == NULL || lib->cfg.udp_encaps_port == 0)
		return 0;
	return udp_port_for(lib, lport, peer);
}

/* ---- callbacks from the core ---- */

/* Room in the fullest TX FIFO as the core sees it: tx_fifo packets, less
 * an eighth for DATA. The core holds DATA back below 2, a SACK at 0 (a
 * SACK that waits is made afresh later: queueing stale ones behind a full
 * port only delays what the peer learns). The FIFO holds twice tx_fifo:
 * the rest takes the control packets that cannot wait, above all the
 * SHUTDOWN COMPLETE an association ends with (1,000 associations shutting
 * down at once against a full port lost some without it). */
static uint32_t
cb_tx_room(void *ctx, bool control)
{
	struct fsctp_rt_lcore *lib = ctx;
	uint32_t room = UINT32_MAX;
	uint32_t cap = lib->cfg.tx_fifo - (control ? 0 : lib->cfg.tx_fifo / 8);
	uint16_t i;

	for (i = 0; i < lib->cfg.n_ifs; i++) {
		const struct fifo *f = &lib->ifs[i].tx;
		uint32_t used = f->tail - f->head;
		uint32_t r = cap > used ? cap - used : 0;

		if (r < room)
			room = r;
	}
	return room;
}

/* Zero copy on receive: a DATA payload stays in its mbuf, which one more
 * reference keeps, within the cfg.rx_hold budget. */
static bool
cb_pkt_hold(void *ctx, void *pkt)
{
	struct fsctp_rt_lcore *lib = ctx;

	if (lib->stats.rx_zc_in_use >= lib->cfg.rx_hold) {
		lib->stats.rx_zc_limited++;
		return false;
	}
	lib->stats.rx_zc_in_use++;
	lib->stats.rx_zc_held++;
	rte_mbuf_refcnt_update(pkt, 1);
	return true;
}

static void
cb_pkt_put(void *ctx, void *pkt)
{
	struct fsctp_rt_lcore *lib = ctx;

	lib->stats.rx_zc_in_use--;
	rte_pktmbuf_free(pkt);
}

/*
 * Random bytes come from a CSPRNG (verification tags, RFC 9260 5.3.1;
 * cookie secrets, 5.1.3). One RAND_bytes() call per small request cost
 * more than the rest of an association's set-up, so each thread draws a
 * block and hands it out in pieces, wiping what it gave; a forked child
 * throws its copy away (it would repeat the parent's bytes).
 */
#define RAND_POOL  4096
#define RAND_SMALL 64 /* larger requests go to RAND_bytes() directly */

static __thread struct {
	uint8_t b[RAND_POOL];
	uint32_t pos; /* bytes before pos are used (0 = empty, refill) */
} rand_pool;
static pthread_once_t rand_once = PTHREAD_ONCE_INIT;

static void
rand_pool_forget(void)
{
	memset(rand_pool.b, 0, sizeof(rand_pool.b));
	rand_pool.pos = 0;
}

static void
rand_pool_atfork(void)
{
	pthread_atfork(NULL, NULL, rand_pool_forget);
}

static void
cb_rand(void *ctx, void *buf, size_t len)
{
	(void)ctx;
	pthread_once(&rand_once, rand_pool_atfork);
	if (len > RAND_SMALL) {
		if (RAND_bytes(buf, (int)len) != 1)
			rte_panic("fsctp: RAND_bytes failed: no CSPRNG\n");
		return;
	}
	if (rand_pool.pos == 0 || rand_pool.pos + len > RAND_POOL) {
		if (RAND_bytes(rand_pool.b, RAND_POOL) != 1)
			rte_panic("fsctp: RAND_bytes failed: no CSPRNG\n");
		rand_pool.pos = 0;
	}
	memcpy(buf, rand_pool.b + rand_pool.pos, len);
	memset(rand_pool.b + rand_pool.pos, 0, len);
	rand_pool.pos += (uint32_t)len;
	if (rand_pool.pos == RAND_POOL)
		rand_pool.pos = 0;
}

static void
enqueue_tx(struct lib_if *li, struct rte_mbuf *m)
{
	struct fsctp_rt_lcore *lib = li->lib;

	if (fifo_put(&li->tx, m)) {
		lib->stats.tx_pkts++;
		return;
	}
	/* Full: what the port takes now makes room. */
	if (lib->cfg.tx_flush_when_full &&
	    fsctp_rt_lcore_tx_burst(lib, (uint16_t)(li - lib->ifs),
				    li->cfg.port_id, lib->cfg.tx_queue,
				    UINT16_MAX) > 0 &&
	    fifo_put(&li->tx, m)) {
		lib->stats.tx_fifo_flushed++;
		lib->stats.tx_pkts++;
		return;
	}
	lib->stats.tx_fifo_full++;
	rte_pktmbuf_free(m);
}

/*
 * RFC 9260 6.9, 7.3: the core flagged a packet that retransmits a chunk cut
 * for an older, larger path MTU. IPv4: clear DF so that the router before
 * the smaller link may fragment it (we never fragment ourselves: no
 * rte_ip_frag here; the packet fits our own port, whose MTU the first cut
 * used). IPv6 routers never fragment and source fragmentation is not done:
 * the packet leaves as it is and is counted (tx_frag_v6_unsupported).
 */
static void
may_fragment(struct fsctp_rt_lcore *lib, const struct fsctp_addr *src,
	     uint8_t *ip, bool sw_csum)
{
	uint16_t c;

	lib->stats.tx_may_fragment++;
	if (src->family != FSCTP_AF_INET4) {
		lib->stats.tx_frag_v6_unsupported++;
		return;
	}
	ip[6] &= (uint8_t)~0x40;
	if (sw_csum) {
		ip[10] = 0;
		ip[11] = 0;
		c = fsctp_csum(ip, 20);
		ip[10] = (uint8_t)(c >> 8);
		ip[11] = (uint8_t)c;
	}
	lib->stats.tx_df_cleared++;
}

/*
 * The core's buffer for its next packet: the data room of an mbuf after
 * the default headroom, which takes the headers cb_output prepends. The
 * same mbuf again while the core has not sent the one before.
 */
static uint8_t *
cb_out_buf(void *ctx, uint32_t *cap)
{
	struct fsctp_rt_lcore *lib = ctx;
	struct rte_mbuf *m = lib->tx_next;

	if (m == NULL) {
		m = rte_pktmbuf_alloc(lib->cfg.pool);
		if (m == NULL) {
			lib->stats.tx_alloc_fail++;
			return NULL;
		}
		lib->tx_next = m;
	}
	*cap = rte_pktmbuf_tailroom(m);
	return rte_pktmbuf_mtod(m, uint8_t *);
}

/* The mbuf of a packet the core wrote in place (cb_out_buf), now holding
 * len bytes, or NULL for a packet in the core's own buffer. */
static struct rte_mbuf *
take_tx_next(struct fsctp_rt_lcore *lib, const uint8_t *pkt, size_t len)
{
	struct rte_mbuf *m = lib->tx_next;

	if (m == NULL || pkt != rte_pktmbuf_mtod(m, const uint8_t *))
		return NULL;
	lib->tx_next = NULL;
	if (rte_pktmbuf_append(m, (uint16_t)len) == NULL) {
		/* Cannot happen: the core keeps within the capacity. */
		rte_pktmbuf_free(m);
		lib->stats.tx_oversize++;
		return NULL;
	}
	return m;
}

static size_t
addr_len(uint8_t family)
{
	return family == FSCTP_AF_INET4 ? 4 : 16;
}

static bool
route_hit(const struct tx_route *rt, const struct fsctp_addr *src,
	  const struct fsctp_addr *dst)
{
	if (!rt->valid || rt->family != dst->family ||
	    src->family != dst->family)
		return false;
	/* Constant sizes: compared inline, no call per packet. */
	if (dst->family == FSCTP_AF_INET4)
		return memcmp(rt->dst, dst->ip.v4, 4) == 0 &&
		       memcmp(rt->src, src->ip.v4, 4) == 0;
	return memcmp(rt->dst, dst->ip.v6, 16) == 0 &&
	       memcmp(rt->src, src->ip.v6, 16) == 0;
}

/* A route not in the cache: fsctp_netif_route() (with its checks and
 * counters), then the cache takes it when it has a next hop. */
static int
route_fill(struct fsctp_rt_lcore *lib, const struct lib_if *out,
	   const struct fsctp_addr *src, const struct fsctp_addr *dst,
	   struct rte_mbuf *m, uint8_t *mac)
{
	struct tx_route *rt = &lib->route;
	const uint8_t *nh = NULL;
	uint16_t i;
	size_t n;
	int rc;

	rc = fsctp_netif_route(out->nif, dst, m, lib->now, mac);
	rt->valid = false;
	if (src->family != dst->family ||
	    fsctp_netif_reach(out->nif, dst, &nh) < 0 || nh == NULL)
		return rc;
	n = addr_len(dst->family);
	for (i = 0; i < lib->cfg.n_ifs; i++)
		if (fsctp_netif_is_local(lib->ifs[i].nif, src->family,
					 src->ip.v6))
			break;
	if (i == lib->cfg.n_ifs)
		return rc;
	rt->family = dst->family;
	rt->src_if = i;
	rt->out_if = (uint16_t)(out - lib->ifs);
	memcpy(rt->src, src->ip.v6, n);
	memcpy(rt->dst, dst->ip.v6, n);
	memcpy(rt->nh, nh, n);
	rt->valid = true;
	return rc;
}

static void
cb_output(void *ctx, const struct fsctp_addr *src, const struct fsctp_addr *dst,
	  const uint8_t *pkt, size_t len, uint32_t flags)
{
	struct fsctp_rt_lcore *lib = ctx;
	struct lib_if *li = NULL, *out;
	struct rte_mbuf *m = take_tx_next(lib, pkt, len);
	struct tx_route *rt = &lib->route;
	uint8_t mac[6] = { 0 };
	size_t hl, ipl;
	uint16_t udp = 0;
	uint8_t *p;
	uint16_t i;
	int rc, best;
	bool hit;

	hit = route_hit(rt, src, dst);
	if (hit) {
		li = &lib->ifs[rt->src_if];
		out = &lib->ifs[rt->out_if];
		lib->stats.tx_route_cached++;
		goto routed;
	}
	for (i = 0; i < lib->cfg.n_ifs; i++)
		if (fsctp_netif_is_local(lib->ifs[i].nif, src->family,
					 src->ip.v6)) {
			li = &lib->ifs[i];
			break;
		}
	if (li == NULL) {
		lib->stats.tx_no_if++;
		rte_pktmbuf_free(m);
		return;
	}
	out = li;
	/* Egress by destination (the weak host model, as a kernel routes):
	 * a peer may send from any of its addresses to any of ours, and a
	 * reply from the address it came to may be for another port's
	 * subnet (two NICs on two networks). The port reaching dst most
	 * specifically (its link, then the longest route, then a gateway)
	 * sends it; ties keep the source's own port. */
	best = fsctp_netif_reach(li->nif, dst, NULL);
	for (i = 0; i < lib->cfg.n_ifs && best < FSCTP_NETIF_ON_LINK; i++) {
		int r = fsctp_netif_reach(lib->ifs[i].nif, dst, NULL);

		if (r > best) {
			best = r;
			out = &lib->ifs[i];
		}
	}
routed:
	if (out != li) {
		li = out;
		lib->stats.tx_other_port++;
	}
	/* A stateless reply (INIT ACK, out-of-the-blue ABORT, ...) may go
	 * to a spoofed source: it leaves no per-peer state behind. */
	if (flags & FSCTP_OUT_F_STATELESS)
		lib->stats.tx_stateless++;
	else if (lib->cfg.sent != NULL)
		lib->cfg.sent(lib->cfg.ctx, lib, src, dst);
	hl = fsctp_netif_hdr_len(li->nif, src->family);
	ipl = src->family == FSCTP_AF_INET4 ? 20 : 40;
	/* RFC 6951 5.3: in UDP when the path has a remote port. */
	if (lib->cfg.udp_encaps_port != 0) {
		udp = udp_port_for(lib, src->port, dst);
		if (udp != 0)
			hl += FSCTP_UDP_HLEN;
	}
	if (m != NULL) {
		/* Written in place: only the headers go in front. */
		p = (uint8_t *)rte_pktmbuf_prepend(m, (uint16_t)hl);
		if (p == NULL) {
			lib->stats.tx_oversize++;
			rte_pktmbuf_free(m);
			return;
		}
		lib->stats.tx_in_place++;
	} else {
		m = rte_pktmbuf_alloc(lib->cfg.pool);
		if (m == NULL) {
			lib->stats.tx_alloc_fail++;
			return;
		}
		if (hl + len > rte_pktmbuf_tailroom(m)) {
			lib->stats.tx_oversize++;
			rte_pktmbuf_free(m);
			return;
		}
		p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(hl + len));
		memcpy(p + hl, pkt, len);
		lib->stats.tx_copied++;
	}
	m->port = li->cfg.port_id;
	m->l2_len = (uint64_t)(hl - ipl - (udp != 0 ? FSCTP_UDP_HLEN : 0));
	m->l3_len = ipl;
	if (src->family == FSCTP_AF_INET4) {
		m->ol_flags |= RTE_MBUF_F_TX_IPV4;
		if (li->cfg.tx_ip4_cksum)
			m->ol_flags |= RTE_MBUF_F_TX_IP_CKSUM;
		else
			lib->stats.tx_sw_ip_cksum++;
	} else {
		m->ol_flags |= RTE_MBUF_F_TX_IPV6;
	}
	/* The stack leaves the CRC zero only when every interface offloads
	 * it (fsctp_rt_lcore_create()), so flag exactly those packets. */
	if (lib->cfg.stack.tx_crc_offload) {
		m->ol_flags |= RTE_MBUF_F_TX_SCTP_CKSUM;
		lib->stats.tx_hw_sctp_cksum++;
	}
	if (hit)
		rc = fsctp_neigh_resolve(fsctp_netif_neigh(li->nif),
					 dst->family, rt->nh, m, lib->now, mac);
	else
		rc = route_fill(lib, li, src, dst, m, mac);
	if (rc < 0) {
		/* No way there, or the neighbour's queue (or the table) is
		 * full while its address resolves. */
		if (rc == -ENETUNREACH)
			lib->stats.tx_no_route++;
		else
			lib->stats.tx_neigh_drop++;
		rte_pktmbuf_free(m);
		return;
	}
	/* The header is written now; a parked packet only lacks the MAC. */
	if (udp != 0) {
		fsctp_netif_build_hdr_udp(li->nif, p, hl + len, mac, src, dst,
					  len, !li->cfg.tx_ip4_cksum, udp);
		lib->stats.tx_udp_encaps++;
	} else {
		fsctp_netif_build_hdr(li->nif, p, hl, mac, src, dst, len,
				      !li->cfg.tx_ip4_cksum);
	}
	if (flags & FSCTP_OUT_F_MAY_FRAGMENT)
		may_fragment(lib, src, p + m->l2_len, !li->cfg.tx_ip4_cksum);
	if (rc == 0)
		enqueue_tx(li, m);
	else
		lib->stats.tx_neigh_wait++;
}

static void
cb_event(void *ctx, const struct fsctp_event *ev)
{
	struct fsctp_rt_lcore *lib = ctx;

	lib->stats.events++;
	if (lib->cfg.event != NULL) {
		lib->cfg.event(lib->cfg.ctx, lib, ev);
		return;
	}
	if (ev->type == FSCTP_EV_DATA && ev->msg != NULL) {
		lib->stats.data_freed++;
		fsctp_msg_free(lib->stack, ev->msg);
	}
}

/* ---- callbacks from the network layer ---- */

static void
nif_tx_frame(void *ctx, const uint8_t *frame, size_t len)
{
	struct lib_if *li = ctx;
	struct rte_mbuf *m = rte_pktmbuf_alloc(li->lib->cfg.pool);
	uint8_t *p;

	if (m == NULL) {
		li->lib->stats.tx_alloc_fail++;
		return;
	}
	p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)len);
	if (p == NULL) {
		li->lib->stats.tx_oversize++;
		rte_pktmbuf_free(m);
		return;
	}
	memcpy(p, frame, len);
	m->port = li->cfg.port_id;
	enqueue_tx(li, m);
}

static void
nif_send_pending(void *ctx, void *pkt, const uint8_t *mac)
{
	struct lib_if *li = ctx;
	struct rte_mbuf *m = pkt;

	memcpy(rte_pktmbuf_mtod(m, uint8_t *), mac, 6);
	enqueue_tx(li, m);
}

static void
nif_drop_pending(void *ctx, void *pkt)
{
	struct lib_if *li = ctx;

	li->lib->stats.tx_neigh_drop++;
	rte_pktmbuf_free(pkt);
}

/* The largest SCTP packet the core makes for this configuration. */
static uint32_t
tx_max_packet(const struct fsctp_rt_lcore *lib)
{
	uint32_t max = FSCTP_OUT_MAX;

	if (lib->cfg.stack.plpmtud && lib->cfg.stack.plpmtud_max > max)
		max = lib->cfg.stack.plpmtud_max;
	return max;
}

static bool
tx_in_place_fits(const struct fsctp_rt_lcore *lib)
{
	uint32_t room = rte_pktmbuf_data_room_size(lib->cfg.pool);

	return RTE_PKTMBUF_HEADROOM >= TX_HDR_MAX &&
	       room >= RTE_PKTMBUF_HEADROOM + tx_max_packet(lib);
}

struct fsctp_rt_lcore *
fsctp_rt_lcore_create(const struct fsctp_rt_lcore_config *cfg, uint64_t now)
{
	struct fsctp_core_ops ops;
	struct fsctp_rt_lcore *lib;
	uint16_t i;

	if (cfg == NULL || cfg->pool == NULL || cfg->n_ifs == 0 ||
	    (cfg->udp_remote_port != 0 && cfg->udp_encaps_port == 0) ||
	    cfg->n_ifs > FSCTP_RT_LCORE_MAX_IFS || cfg->tx_fifo == 0 ||
	    (cfg->tx_fifo & (cfg->tx_fifo - 1)) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	lib = rte_zmalloc("fsctp_rt_lcore", sizeof(*lib), RTE_CACHE_LINE_SIZE);
	if (lib == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	lib->cfg = *cfg;
	lib->now = now;
	lib->cfg.stack.tx_crc_offload = true;
	if (cfg->udp_encaps_port != 0) {
		uint32_t n = cfg->udp_table != 0 ? cfg->udp_table : 1024;

		if ((n & (n - 1)) != 0 || n < UDP_PROBE ||
		    lib->cfg.stack.pmtu <= FSCTP_UDP_HLEN) {
			rte_free(lib);
			rte_errno = EINVAL;
			return NULL;
		}
		lib->udp_tab = rte_zmalloc("fsctp_rt_lcore_udp",
					   n * sizeof(*lib->udp_tab),
					   RTE_CACHE_LINE_SIZE);
		if (lib->udp_tab == NULL) {
			rte_free(lib);
			rte_errno = ENOMEM;
			return NULL;
		}
		lib->udp_mask = n - 1;
		cb_rand(NULL, lib->udp_key, sizeof(lib->udp_key));
		/* RFC 6951 5.6: 8 bytes of every path's MTU are UDP's. */
		lib->cfg.stack.pmtu -= FSCTP_UDP_HLEN;
	}
	for (i = 0; i < cfg->n_ifs; i++) {
		struct lib_if *li = &lib->ifs[i];
		struct fsctp_netif_ops nops = { nif_tx_frame, nif_send_pending,
						nif_drop_pending, li };

		li->lib = lib;
		li->idx = i;
		li->cfg = cfg->ifs[i];
		li->cfg.net.udp_encaps_port = cfg->udp_encaps_port;
		/* The UDP checksum covers the CRC32c: no NIC fills it later. */
		if (!li->cfg.tx_sctp_cksum || cfg->udp_encaps_port != 0)
			lib->cfg.stack.tx_crc_offload = false;
		/* Twice tx_fifo: the upper half only for control packets
		 * (cb_tx_room()). */
		li->tx.mask = 2 * cfg->tx_fifo - 1;
		li->tx.slot = rte_zmalloc("fsctp_rt_lcore_fifo",
					  2 * cfg->tx_fifo * sizeof(void *), 0);
		li->nif = fsctp_netif_create(&li->cfg.net, &nops);
		if (li->tx.slot == NULL || li->nif == NULL) {
			rte_errno = li->nif == NULL ? errno : ENOMEM;
			fsctp_rt_lcore_free(lib);
			return NULL;
		}
	}
	memset(&ops, 0, sizeof(ops));
	ops.rand_bytes = cb_rand;
	ops.output = cb_output;
	ops.event = cb_event;
	ops.tx_room = cb_tx_room;
	if (cfg->rx_hold != 0) {
		ops.pkt_hold = cb_pkt_hold;
		ops.pkt_put = cb_pkt_put;
	}
	ops.ctx = lib;
	ops.out_buf = NULL;
	/* The core writes packets in our mbufs when one holds the largest
	 * packet it makes (FSCTP_OUT_MAX, or MAX_PLPMTU with PLPMTUD) after
	 * headroom for every header; otherwise (small mbufs for a jumbo
	 * MTU) it builds them in its own buffer and cb_output copies. */
	if (!cfg->tx_copy && tx_in_place_fits(lib))
		ops.out_buf = cb_out_buf;
	else if (!cfg->tx_copy)
		FSCTP_RT_LOG(NOTICE,
			     "mbuf data room %u too small for %u-byte "
			     "packets: TX copies\n",
			     (unsigned)rte_pktmbuf_data_room_size(cfg->pool),
			     (unsigned)tx_max_packet(lib));
	lib->stack = fsctp_stack_create(&lib->cfg.stack, &ops, now);
	if (lib->stack == NULL) {
		rte_errno = errno != 0 ? errno : EINVAL;
		fsctp_rt_lcore_free(lib);
		return NULL;
	}
	return lib;
}

void
fsctp_rt_lcore_free(struct fsctp_rt_lcore *lib)
{
	uint16_t i;

	if (lib == NULL)
		return;
	if (lib->stack != NULL)
		fsctp_stack_free(lib->stack);
	rte_pktmbuf_free(lib->tx_next);
	for (i = 0; i < lib->cfg.n_ifs; i++) {
		struct lib_if *li = &lib->ifs[i];

		fsctp_netif_free(li->nif); /* drops parked packets */
		if (li->tx.slot != NULL) {
			while (li->tx.head != li->tx.tail)
				rte_pktmbuf_free(li->tx.slot[li->tx.head++ &
							     li->tx.mask]);
			rte_free(li->tx.slot);
		}
	}
	rte_free(lib->udp_tab);
	rte_free(lib);
}

/* The frame's bytes, contiguous: in place, or copied to scratch. */
static const uint8_t *
frame_bytes(struct fsctp_rt_lcore *lib, struct rte_mbuf *m)
{
	if (m->nb_segs == 1)
		return rte_pktmbuf_mtod(m, const uint8_t *);
	if (m->pkt_len > SCRATCH_LEN ||
	    fsctp_mbuf_linearize(m, 0, m->pkt_len, lib->scratch,
				 sizeof(lib->scratch)) != 0) {
		lib->stats.rx_too_big++;
		return NULL;
	}
	lib->stats.rx_linearized++;
	return lib->scratch;
}

static uint16_t
rx(struct fsctp_rt_lcore *lib, uint16_t ifidx, struct rte_mbuf **pkts,
   uint16_t n, uint64_t now, bool steer)
{
	struct lib_if *li;
	uint16_t i, up = 0;

	if (lib == NULL || ifidx >= lib->cfg.n_ifs) {
		for (i = 0; i < n; i++)
			rte_pktmbuf_free(pkts[i]);
		return 0;
	}
	li = &lib->ifs[ifidx];
	lib->now = now;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct fsctp_net_rx res;
		const uint8_t *f;
		bool crc_ok;

		lib->stats.rx_pkts++;
		f = frame_bytes(lib, m);
		if (f == NULL) {
			rte_pktmbuf_free(m);
			continue;
		}
		switch (fsctp_netif_input(li->nif, f, m->pkt_len, now, &res)) {
		case FSCTP_NET_SCTP:
			if (steer && lib->cfg.steer != NULL &&
			    lib->cfg.steer(lib->cfg.ctx, lib, m, f + res.l4_off,
					   res.l4_len, &res)) {
				lib->stats.rx_steered++;
				up++;
				continue; /* the hook owns m */
			}
			/* In UDP, the NIC's L4 verdict is the UDP checksum's,
			 * not the CRC32c's. */
			crc_ok = res.udp_sport == 0 &&
				 (m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK) ==
					 RTE_MBUF_F_RX_L4_CKSUM_GOOD;
			if (crc_ok)
				lib->stats.rx_crc_offload++;
			if (lib->udp_tab != NULL)
				udp_learn(lib, &res);
			/* Zero copy: DATA may stay in m (one segment). */
			fsctp_stack_input_ref(lib->stack, &res.src, &res.dst,
					      f + res.l4_off, res.l4_len,
					      crc_ok, now,
					      m->nb_segs == 1 ? m : NULL);
			lib->stats.rx_sctp++;
			up++;
			break;
		case FSCTP_NET_PMTU:
			/* RFC 9260 section 10: the stack that owns the
			 * association checks the quote's tag before the PMTU
			 * is lowered; the hook may pass it to that lcore. */
			lib->stats.rx_pmtu++;
			if (steer && lib->cfg.pmtu != NULL &&
			    lib->cfg.pmtu(lib->cfg.ctx, lib, m, &res.quote)) {
				lib->stats.rx_steered++;
				continue; /* the hook owns m */
			}
			fsctp_rt_lcore_pmtu(lib, &res.quote, now);
			break;
		case FSCTP_NET_DONE:
			if (res.neigh && lib->cfg.neigh_frame != NULL)
				lib->cfg.neigh_frame(lib->cfg.ctx, lib, m);
			break;
		default:
			break;
		}
		rte_pktmbuf_free(m);
	}
	return up;
}

int
fsctp_rt_lcore_pmtu(struct fsctp_rt_lcore *lib,
		    const struct fsctp_icmp_quote *q, uint64_t now)
{
	struct fsctp_addr src, dst;
	uint8_t sctp[20];
	size_t n = 8;
	int rc;

	if (lib == NULL || q == NULL)
		return -EINVAL;
	/* The parsed quote back in wire form: ports, tag, and the INIT
	 * chunk's type and Initiate Tag when it was quoted (RFC 9260
	 * section 10, ICMP6). */
	memset(sctp, 0, sizeof(sctp));
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	src.family = dst.family = q->family;
	memcpy(src.ip.v6, q->src, q->family == FSCTP_AF_INET4 ? 4 : 16);
	memcpy(dst.ip.v6, q->dst, q->family == FSCTP_AF_INET4 ? 4 : 16);
	fsctp_wr16(sctp, q->sport);
	fsctp_wr16(sctp + 2, q->dport);
	fsctp_wr32(sctp + 4, q->vtag);
	if (q->has_init) {
		sctp[12] = FSCTP_CHUNK_INIT;
		fsctp_wr32(sctp + 16, q->init_tag);
		n = sizeof(sctp);
	}
	rc = fsctp_stack_pmtu_update(lib->stack, &src, &dst, sctp, n, q->mtu,
				     now);
	if (rc == 0)
		lib->stats.pmtu_lowered++;
	else
		lib->stats.pmtu_ignored++;
	return rc;
}

uint16_t
fsctp_rt_lcore_rx_bulk(struct fsctp_rt_lcore *lib, uint16_t ifidx,
		       struct rte_mbuf **pkts, uint16_t n, uint64_t now)
{
	return rx(lib, ifidx, pkts, n, now, true);
}

uint16_t
fsctp_rt_lcore_rx_owned(struct fsctp_rt_lcore *lib, uint16_t ifidx,
			struct rte_mbuf **pkts, uint16_t n, uint64_t now)
{
	return rx(lib, ifidx, pkts, n, now, false);
}

void
fsctp_rt_lcore_learn(struct fsctp_rt_lcore *lib, uint16_t ifidx,
		     struct rte_mbuf *m, uint64_t now)
{
	const uint8_t *f;

	if (lib != NULL && ifidx < lib->cfg.n_ifs) {
		f = frame_bytes(lib, m);
		if (f != NULL)
			fsctp_netif_learn(lib->ifs[ifidx].nif, f, m->pkt_len,
					  now);
	}
	rte_pktmbuf_free(m);
}

uint16_t
fsctp_rt_lcore_tx_bulk(struct fsctp_rt_lcore *lib, uint16_t ifidx,
		       struct rte_mbuf **pkts, uint16_t n)
{
	struct fifo *f;
	uint16_t k = 0;

	if (lib == NULL || ifidx >= lib->cfg.n_ifs)
		return 0;
	f = &lib->ifs[ifidx].tx;
	while (k < n && f->head != f->tail)
		pkts[k++] = f->slot[f->head++ & f->mask];
	lib->stats.tx_taken += k;
	return k;
}

bool
fsctp_rt_lcore_tx_pending(const struct fsctp_rt_lcore *lib, uint16_t ifidx)
{
	return lib != NULL && ifidx < lib->cfg.n_ifs &&
	       lib->ifs[ifidx].tx.head != lib->ifs[ifidx].tx.tail;
}

uint16_t
fsctp_rt_lcore_tx_burst(struct fsctp_rt_lcore *lib, uint16_t ifidx,
			uint16_t port_id, uint16_t queue_id, uint16_t max)
{
	struct fifo *f;
	uint16_t sent = 0;

	if (lib == NULL || ifidx >= lib->cfg.n_ifs)
		return 0;
	f = &lib->ifs[ifidx].tx;
	while (sent < max && f->head != f->tail) {
		/* The run of slots up to the FIFO's wrap point. */
		uint32_t at = f->head & f->mask;
		uint32_t run = f->tail - f->head;
		uint16_t n, k;

		if (run > f->mask + 1 - at)
			run = f->mask + 1 - at;
		if (run > (uint32_t)(max - sent))
			run = max - sent;
		n = (uint16_t)run;
		k = rte_eth_tx_burst(port_id, queue_id, &f->slot[at], n);
		f->head += k;
		sent += k;
		if (k < n) {
			/* The port is full: the rest waits here for the next
			 * turn (back-pressure) instead of being dropped; the
			 * FIFO's bound still holds (tx_fifo_full). */
			lib->stats.tx_port_full++;
			break;
		}
	}
	lib->stats.tx_taken += sent;
	return sent;
}

void
fsctp_rt_lcore_process(struct fsctp_rt_lcore *lib, uint64_t now)
{
	uint16_t i;

	if (lib == NULL)
		return;
	lib->now = now;
	fsctp_stack_tx_resume(lib->stack, now);
	if (now >= fsctp_stack_next_deadline(lib->stack)) {
		lib->stats.timer_runs++;
		fsctp_stack_timers(lib->stack, now);
	}
	/* Neighbour probes are on a 1 s scale: a scan every 10 ms is ample
	 * and keeps the per-turn cost to a compare. */
	if (now >= lib->next_neigh) {
		for (i = 0; i < lib->cfg.n_ifs; i++)
			fsctp_netif_timers(lib->ifs[i].nif, now);
		lib->next_neigh = now + 10000;
	}
}

uint64_t
fsctp_rt_lcore_next_deadline(const struct fsctp_rt_lcore *lib)
{
	uint64_t d = fsctp_stack_next_deadline(lib->stack);

	return d < lib->next_neigh ? d : lib->next_neigh;
}

struct fsctp_stack *
fsctp_rt_lcore_stack(struct fsctp_rt_lcore *lib)
{
	return lib->stack;
}

const struct fsctp_rt_lcore_stats *
fsctp_rt_lcore_stats(const struct fsctp_rt_lcore *lib)
{
	return &lib->stats;
}

struct fsctp_netif *
fsctp_rt_lcore_netif(struct fsctp_rt_lcore *lib, uint16_t ifidx)
{
	return ifidx < lib->cfg.n_ifs ? lib->ifs[ifidx].nif : NULL;
}

uint16_t
fsctp_rt_lcore_n_ifs(const struct fsctp_rt_lcore *lib)
{
	return lib->cfg.n_ifs;
}
