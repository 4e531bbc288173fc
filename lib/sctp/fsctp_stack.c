/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The stack: configuration, endpoints, lookup tables, the public calls, and
 * the per-packet entry point with the checks every packet gets before any
 * chunk is acted on (RFC 9260 6.8 CRC32c, 6.10 bundling, 8.5/8.5.1
 * verification tag, 8.4 out-of-the-blue).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_cause.h"
#include "fsctp_chunk.h"
#include "fsctp_core.h"
#include "fsctp_counters.h"
#include "fsctp_crc32c.h"

void
fsctp_stack_set_crc(const struct fsctp_stack *st, uint8_t *pkt, size_t len)
{
	(void)st;
	fsctp_packet_set_crc(pkt, len);
}

/* ------------------------------------------------------------------------ */
/* Configuration and life cycle                                             */
/* ------------------------------------------------------------------------ */

void
fsctp_stack_config_defaults(struct fsctp_stack_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	/* RFC 9260 section 16. */
	cfg->rto_initial_ms = 1000;
	cfg->rto_min_ms = 1000;
	cfg->rto_max_ms = 60000;
	cfg->valid_cookie_life_ms = 60000;
	cfg->assoc_max_retrans = 10;
	cfg->path_max_retrans = 5;
	cfg->max_init_retrans = 8;
	cfg->hb_interval_ms = 30000;
	cfg->sack_delay_ms = 200;
	cfg->sack_freq = 2;
	cfg->max_burst = 4;
	cfg->frag_interleave = 1; /* RFC 6458 8.1.20 */
	cfg->rwnd = 256 * 1024;
	cfg->n_out_streams = 16;
	cfg->max_in_streams = 16;
	cfg->pmtu = 1500;
	cfg->max_msg_size = 256 * 1024;
	cfg->sndbuf = 1024 * 1024;
	cfg->max_assocs = 1024;
	cfg->reasm_limit_global = 64ull * 1024 * 1024;
	cfg->reply_rate = 10000;
	cfg->reply_burst = 1000;
	cfg->reconf_max_streams = 1024;
	cfg->pf_threshold = FSCTP_PF_OFF;
	cfg->plpmtud_probe_ms = 15000;
	cfg->plpmtud_raise_ms = 600000;
	cfg->msg_cache = 8192;
}

static bool
config_ok(const struct fsctp_stack_config *c)
{
	if (c->rto_min_ms == 0 || c->rto_min_ms > c->rto_max_ms ||
	    c->rto_initial_ms == 0 || c->valid_cookie_life_ms == 0)
		return false;
	if (c->n_out_streams == 0 || c->max_in_streams == 0)
		return false;
	/* RFC 9260 6: never advertise less than 1500 bytes. */
	if (c->rwnd < 1500 || c->max_assocs == 0 || c->max_assocs > (1u << 24))
		return false;
	if (c->reply_rate != 0 && c->reply_burst == 0)
		return false;
	/* RFC 8899 5.1.1: PROBE_TIMER >= 1 s; MAX_PLPMTU within the
	 * packet buffer. */
	if (c->plpmtud &&
	    (c->plpmtud_probe_ms < 1000 ||
	     c->plpmtud_raise_ms < c->plpmtud_probe_ms ||
	     c->plpmtud_max > FSCTP_PMTU_MAX ||
	     (c->plpmtud_max != 0 && c->plpmtud_max < FSCTP_PL_BASE_PLPMTU)))
		return false;
	if (c->stream_sched > FSCTP_SS_WFQ || c->frag_interleave > 2)
		return false;
	if (c->owner_bits > 8 ||
	    (c->owner_bits < 8 && c->owner_id >= (1u << c->owner_bits)))
		return false;
	return true;
}

struct fsctp_stack *
fsctp_stack_create(const struct fsctp_stack_config *cfg,
		   const struct fsctp_core_ops *ops, fsctp_time_t now)
{
	struct fsctp_stack *st;
	uint8_t key[FSCTP_COOKIE_KEY_LEN];
	uint32_t n = 16;

	if (cfg == NULL || ops == NULL || ops->rand_bytes == NULL ||
	    ops->output == NULL || ops->event == NULL || !config_ok(cfg) ||
	    (ops->pkt_hold != NULL) != (ops->pkt_put != NULL)) {
		errno = EINVAL;
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	st->cfg = *cfg;
	st->ops = *ops;
	st->now = now;
	st->reply_tokens = (uint64_t)cfg->reply_burst * 1000000;
	st->reply_last = now;
	st->next_id = 1;
	fsctp_sendq_cache_init(&st->msg_cache, cfg->msg_cache,
			       &st->ctr.fsctp_msg_cache_full);
	fsctp_auth_ep_defaults(&st->auth);
	st->auth.enabled = cfg->auth;
	for (n = 0; n < cfg->n_auth_chunks && n < 8; n++)
		(void)fsctp_stack_auth_chunk(st, cfg->auth_chunks[n]);
	/* RFC 5061 4.1.1: ASCONF and ASCONF-ACK travel authenticated. */
	if (cfg->asconf && cfg->auth) {
		(void)fsctp_stack_auth_chunk(st, FSCTP_CHUNK_ASCONF);
		(void)fsctp_stack_auth_chunk(st, FSCTP_CHUNK_ASCONF_ACK);
	}
	n = 16;
	st->rto_params.initial = (uint64_t)cfg->rto_initial_ms * 1000;
	st->rto_params.min = (uint64_t)cfg->rto_min_ms * 1000;
	st->rto_params.max = (uint64_t)cfg->rto_max_ms * 1000;
	while (n < cfg->max_assocs)
		n <<= 1;
	st->hash_mask = n - 1;
	st->vtag_tab = calloc(n, sizeof(*st->vtag_tab));
	st->id_tab = calloc(n, sizeof(*st->id_tab));
	st->tuple_tab = calloc(n, sizeof(*st->tuple_tab));
	if (st->vtag_tab == NULL || st->id_tab == NULL ||
	    st->tuple_tab == NULL ||
	    fsctp_timer_heap_init(&st->timers,
				  cfg->max_assocs * FSCTP_TIMERS_PER_ASSOC +
					  64) != 0) {
		free(st->vtag_tab);
		free(st->id_tab);
		free(st->tuple_tab);
		free(st);
		errno = ENOMEM;
		return NULL;
	}
	ops->rand_bytes(ops->ctx, key, sizeof(key));
	/* The lookup tables' hash key (after the cookie key, so a seeded
	 * random source gives the same cookie secret as before). */
	ops->rand_bytes(ops->ctx, st->hash_key, sizeof(st->hash_key));
	st->hash_key32 = (uint32_t)(st->hash_key[0] >> 32);
	/* The secret outlives every cookie it signed: rotate after one
	 * cookie lifetime plus the largest preservative increment. */
	fsctp_cookie_secret_init(&st->secret, key,
				 ((uint64_t)cfg->valid_cookie_life_ms +
				  FSCTP_COOKIE_PRESERVATIVE_MAX_MS) *
					 1000,
				 now);
	return st;
}

void
fsctp_stack_free(struct fsctp_stack *st)
{
	if (st == NULL)
		return;
	st->freeing = true;
	while (st->list != NULL) {
		struct fsctp_assoc *a = st->list;

		/* No packet and no event: the owner is tearing down. */
		fsctp_assoc_close(a, 0, 0, NULL, 0);
	}
	fsctp_assoc_reap(st);
	fsctp_objcache_drain(&st->msg_cache);
	fsctp_timer_heap_fini(&st->timers);
	fsctp_cookie_secret_fini(&st->secret);
	free(st->vtag_tab);
	free(st->id_tab);
	free(st->tuple_tab);
	free(st);
}

void
fsctp_rand(struct fsctp_stack *st, void *buf, size_t len)
{
	st->ops.rand_bytes(st->ops.ctx, buf, len);
}

uint8_t
fsctp_vtag_owner(uint32_t vtag, uint8_t owner_bits)
{
	if (owner_bits == 0 || owner_bits > 8)
		return 0;
	return (uint8_t)(vtag >> (32 - owner_bits));
}

uint32_t
fsctp_new_vtag(struct fsctp_stack *st)
{
	uint8_t bits = st->cfg.owner_bits;
	uint32_t v;

	/* 5.3.1: random, non-zero; DESIGN: the owner's id in the top
	 * owner_bits bits, at least 24 random bits below it. */
	for (;;) {
		fsctp_rand(st, &v, sizeof(v));
		if (bits > 0)
			v = (v & (0xFFFFFFFFu >> bits)) |
			    ((uint32_t)st->cfg.owner_id << (32 - bits));
		if (v != 0 && fsctp_lookup_vtag(st, v) == NULL)
			return v;
	}
}

/* ------------------------------------------------------------------------ */
/* Lookup tables                                                            */
/* ------------------------------------------------------------------------ */

static uint32_t
mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

/*
 * SipHash-2-4 (Aumasson and Bernstein, 2012) of a short message under the
 * stack's secret key: the (local port, peer address, peer port) of the
 * tuple table are chosen by the peer, so an unkeyed hash would let it
 * build one long chain that every lookup walks.
 */
#define ROTL64(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

static void
sip_round(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = ROTL64(v[1], 13);
	v[1] ^= v[0];
	v[0] = ROTL64(v[0], 32);
	v[2] += v[3];
	v[3] = ROTL64(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = ROTL64(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = ROTL64(v[1], 17);
	v[1] ^= v[2];
	v[2] = ROTL64(v[2], 32);
}

uint64_t
fsctp_siphash24(const uint64_t key[2], const uint8_t *m, size_t len)
{
	uint64_t v[4] = {
		key[0] ^ 0x736f6d6570736575ull,
		key[1] ^ 0x646f72616e646f6dull,
		key[0] ^ 0x6c7967656e657261ull,
		key[1] ^ 0x7465646279746573ull,
	};
	uint64_t w, b = (uint64_t)len << 56;
	size_t i, j;

	for (i = 0; i + 8 <= len; i += 8) {
		for (w = 0, j = 0; j < 8; j++)
			w |= (uint64_t)m[i + j] << (8 * j);
		v[3] ^= w;
		sip_round(v);
		sip_round(v);
		v[0] ^= w;
	}
	for (j = 0; i + j < len; j++)
		b |= (uint64_t)m[i + j] << (8 * j);
	v[3] ^= b;
	sip_round(v);
	sip_round(v);
	v[0] ^= b;
	v[2] ^= 0xff;
	for (j = 0; j < 4; j++)
		sip_round(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

static uint32_t
tuple_hash_key(const uint64_t key[2], uint16_t lport,
	       const struct fsctp_addr *peer)
{
	uint8_t m[20];
	size_t n = peer->family == FSCTP_AF_INET6 ? 16 : 4;

	m[0] = (uint8_t)(lport >> 8);
	m[1] = (uint8_t)lport;
	m[2] = (uint8_t)(peer->port >> 8);
	m[3] = (uint8_t)peer->port;
	memcpy(m + 4, peer->ip.v6, n);
	return (uint32_t)fsctp_siphash24(key, m, 4 + n);
}

#define tuple_hash(lport, peer) tuple_hash_key(st->hash_key, lport, peer)

uint32_t
fsctp_stack_tuple_chain(struct fsctp_stack *st, uint16_t lport,
			const struct fsctp_addr *peer)
{
	const struct fsctp_path *p =
		st->tuple_tab[tuple_hash(lport, peer) & st->hash_mask];
	uint32_t n = 0;

	for (; p != NULL; p = p->tuple_next)
		n++;
	return n;
}

void
fsctp_stack_link_vtag(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	uint32_t b = mix32(a->my_vtag ^ st->hash_key32) & st->hash_mask;

	a->vtag_next = st->vtag_tab[b];
	st->vtag_tab[b] = a;
}

void
fsctp_stack_unlink_vtag(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_assoc **pp =
		&st->vtag_tab[mix32(a->my_vtag ^ st->hash_key32) &
			      st->hash_mask];

	for (; *pp != NULL; pp = &(*pp)->vtag_next)
		if (*pp == a) {
			*pp = a->vtag_next;
			return;
		}
}

void
fsctp_stack_link_assoc(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	uint32_t b = mix32(a->id) & st->hash_mask;

	fsctp_stack_link_vtag(st, a);
	a->id_next = st->id_tab[b];
	st->id_tab[b] = a;
	a->list_prev = NULL;
	a->list_next = st->list;
	if (st->list != NULL)
		st->list->list_prev = a;
	st->list = a;
}

void
fsctp_stack_link_path(struct fsctp_stack *st, struct fsctp_path *p)
{
	uint32_t b = tuple_hash(p->assoc->laddr.port, &p->addr) & st->hash_mask;

	p->tuple_next = st->tuple_tab[b];
	st->tuple_tab[b] = p;
}

void
fsctp_stack_unlink_path(struct fsctp_stack *st, struct fsctp_path *p)
{
	struct fsctp_path **pp =
		&st->tuple_tab[tuple_hash(p->assoc->laddr.port, &p->addr) &
			       st->hash_mask];

	for (; *pp != NULL; pp = &(*pp)->tuple_next)
		if (*pp == p) {
			*pp = p->tuple_next;
			return;
		}
}

static void
tx_unlink(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	if (!a->tx_waiting)
		return;
	if (a->tx_prev != NULL)
		a->tx_prev->tx_next = a->tx_next;
	else
		st->tx_head = a->tx_next;
	if (a->tx_next != NULL)
		a->tx_next->tx_prev = a->tx_prev;
	else
		st->tx_tail = a->tx_prev;
	a->tx_prev = a->tx_next = NULL;
	a->tx_waiting = false;
}

void
fsctp_stack_unlink_assoc(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_assoc **pp = &st->id_tab[mix32(a->id) & st->hash_mask];
	uint8_t i;

	fsctp_stack_unlink_vtag(st, a);
	for (; *pp != NULL; pp = &(*pp)->id_next)
		if (*pp == a) {
			*pp = a->id_next;
			break;
		}
	for (i = 0; i < a->n_paths; i++)
		fsctp_stack_unlink_path(st, &a->paths[i]);
	if (a->list_prev != NULL)
		a->list_prev->list_next = a->list_next;
	else
		st->list = a->list_next;
	if (a->list_next != NULL)
		a->list_next->list_prev = a->list_prev;
	tx_unlink(st, a);
}

bool
fsctp_stack_tx_full(struct fsctp_stack *st)
{
	/* Room for the packet being built and one more. */
	return st->ops.tx_room != NULL &&
	       st->ops.tx_room(st->ops.ctx, false) < 2;
}

bool
fsctp_stack_ctrl_full(struct fsctp_stack *st)
{
	/* A packet still being built (a SACK of another association, from
	 * the same timer run) takes a slot when it is flushed: room for it
	 * and one more, or the second output finds the queue full. */
	uint32_t need = st->out.open && st->out.n_chunks > 0 ? 2 : 1;

	return st->ops.tx_room != NULL &&
	       st->ops.tx_room(st->ops.ctx, true) < need;
}

void
fsctp_stack_tx_wait(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	if (a->tx_waiting)
		return;
	st->ctr.fsctp_tx_waits++;
	a->tx_waiting = true;
	a->tx_next = NULL;
	a->tx_prev = st->tx_tail;
	if (st->tx_tail != NULL)
		st->tx_tail->tx_next = a;
	else
		st->tx_head = a;
	st->tx_tail = a;
}

struct fsctp_assoc *
fsctp_lookup_vtag(struct fsctp_stack *st, uint32_t vtag)
{
	struct fsctp_assoc *a =
		st->vtag_tab[mix32(vtag ^ st->hash_key32) & st->hash_mask];

	while (a != NULL && a->my_vtag != vtag)
		a = a->vtag_next;
	return a;
}

struct fsctp_assoc *
fsctp_lookup_tuple(struct fsctp_stack *st, uint16_t lport,
		   const struct fsctp_addr *peer)
{
	struct fsctp_path *p =
		st->tuple_tab[tuple_hash(lport, peer) & st->hash_mask];

	for (; p != NULL; p = p->tuple_next)
		if (p->assoc->laddr.port == lport &&
		    fsctp_addr_eq(&p->addr, peer))
			return p->assoc;
	return NULL;
}

struct fsctp_assoc *
fsctp_lookup_id(const struct fsctp_stack *st, fsctp_assoc_id_t id)
{
	struct fsctp_assoc *a = st->id_tab[mix32(id) & st->hash_mask];

	while (a != NULL && a->id != id)
		a = a->id_next;
	return a;
}

struct fsctp_endpoint *
fsctp_ep_find(struct fsctp_stack *st, uint16_t port)
{
	unsigned i;

	for (i = 0; i < FSCTP_MAX_ENDPOINTS; i++)
		if (st->eps[i].used && st->eps[i].port == port)
			return &st->eps[i];
	return NULL;
}

static struct fsctp_endpoint *
ep_get(struct fsctp_stack *st, uint16_t port)
{
	struct fsctp_endpoint *ep = fsctp_ep_find(st, port);
	unsigned i;

	if (ep != NULL)
		return ep;
	for (i = 0; i < FSCTP_MAX_ENDPOINTS; i++)
		if (!st->eps[i].used) {
			ep = &st->eps[i];
			memset(ep, 0, sizeof(*ep));
			ep->used = true;
			ep->port = port;
			return ep;
		}
	st->ctr.fsctp_ep_limit++;
	return NULL;
}

/*
 * RFC 9260 5.1 B answers an INIT statelessly and 8.4 answers most
 * out-of-the-blue packets: both need no tag, so a spoofed flood would turn
 * the stack into a reflector (an INIT ACK is several times the INIT). One
 * token bucket bounds all such replies.
 */
bool
fsctp_stack_reply_ok(struct fsctp_stack *st, fsctp_time_t now)
{
	uint64_t cap = (uint64_t)st->cfg.reply_burst * 1000000;

	if (st->cfg.reply_rate == 0)
		return true;
	if (now > st->reply_last) {
		uint64_t dt = now - st->reply_last;

		/* Ten seconds refill any bucket; no overflow below. */
		if (dt > 10000000)
			dt = 10000000;
		st->reply_tokens += dt * st->cfg.reply_rate;
		if (st->reply_tokens > cap)
			st->reply_tokens = cap;
		st->reply_last = now;
	}
	if (st->reply_tokens < 1000000) {
		st->ctr.fsctp_tx_reply_limited++;
		return false;
	}
	st->reply_tokens -= 1000000;
	return true;
}

/* ------------------------------------------------------------------------ */
/* Public calls                                                             */
/* ------------------------------------------------------------------------ */

static void
api_enter(struct fsctp_stack *st, fsctp_time_t now)
{
	if (now > st->now)
		st->now = now;
	st->depth++;
}

static void
api_leave(struct fsctp_stack *st)
{
	fsctp_out_flush(st);
	if (--st->depth == 0)
		fsctp_assoc_reap(st);
}

int
fsctp_listen(struct fsctp_stack *st, uint16_t port)
{
	struct fsctp_endpoint *ep;

	if (st == NULL || port == 0)
		return -EINVAL;
	ep = ep_get(st, port);
	if (ep == NULL)
		return -EMFILE;
	if (ep->listening)
		return -EADDRINUSE;
	ep->listening = true;
	return 0;
}

static bool
bind_addr_ok(const struct fsctp_addr *a)
{
	return a->family == FSCTP_AF_INET4 || a->family == FSCTP_AF_INET6;
}

int
fsctp_bindx(struct fsctp_stack *st, uint16_t port,
	    const struct fsctp_addr *addrs, unsigned n)
{
	struct fsctp_endpoint *ep;
	unsigned i, k;

	if (st == NULL || port == 0 || (addrs == NULL && n > 0) ||
	    n > FSCTP_MAX_BIND_ADDRS || n > FSCTP_MAX_LADDRS)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!bind_addr_ok(&addrs[i]))
			return -EINVAL;
		for (k = 0; k < i; k++)
			if (fsctp_addr_ip_eq(&addrs[k], &addrs[i]))
				return -EINVAL;
	}
	ep = ep_get(st, port);
	if (ep == NULL)
		return -EMFILE;
	for (i = 0; i < n; i++) {
		ep->laddrs[i] = addrs[i];
		ep->laddrs[i].port = port;
		ep->laddrs[i].reserved = 0;
	}
	ep->n_laddrs = (uint8_t)n;
	return 0;
}

/* 5.1 A: a new association from srcs[0] to dsts[0], listing srcs when
 * there are several (5.1.2), every destination CONFIRMED (5.4). */
static int64_t
connect_tcb(struct fsctp_stack *st, const struct fsctp_addr *srcs,
	    unsigned n_src, const struct fsctp_addr *dsts, unsigned n_dst,
	    fsctp_time_t now)
{
	const struct fsctp_addr *src = &srcs[0], *dst = &dsts[0];
	struct fsctp_endpoint *ep;
	struct fsctp_assoc *a;
	unsigned i;

	if (src->port == 0 || dst->port == 0 || src->family != dst->family ||
	    !bind_addr_ok(src))
		return -EINVAL;
	for (i = 0; i < n_dst; i++)
		if (fsctp_lookup_tuple(st, src->port, &dsts[i]) != NULL)
			return -EISCONN;
	if (st->n_assocs >= st->cfg.max_assocs) {
		st->ctr.fsctp_assoc_limit++;
		return -EMFILE;
	}
	/* A client's local port (ephemeral or chosen) takes no endpoint slot:
	 * only listening ports are endpoints. Associations from a port that
	 * also listens share its endpoint. */
	ep = fsctp_ep_find(st, src->port);
	if (ep == NULL)
		ep = &st->ep_clients;
	api_enter(st, now);
	a = fsctp_assoc_new(st, ep, src, fsctp_new_vtag(st));
	if (a == NULL) {
		api_leave(st);
		return -ENOMEM;
	}
	/* 5.1.2: our addresses, listed in the INIT when there are several
	 * (those given here, else the port's fsctp_bindx() set). */
	if (n_src > 1) {
		for (i = 0; i < n_src && i < FSCTP_MAX_LADDRS; i++) {
			a->laddrs[i] = srcs[i];
			a->laddrs[i].port = src->port;
			a->laddrs[i].reserved = 0;
		}
		a->n_laddrs = (uint8_t)i;
	}
	for (i = 0; i < n_dst; i++) {
		if (fsctp_assoc_add_path(a, &dsts[i]) == NULL) {
			fsctp_assoc_close(a, 0, 0, NULL, 0);
			api_leave(st);
			return -ENOMEM;
		}
		/* 5.4: addresses the upper layer gave are CONFIRMED. */
		a->paths[i].confirmed = true;
	}
	fsctp_rand(st, &a->my_itsn, sizeof(a->my_itsn));
	a->init_os = st->cfg.n_out_streams;
	/* 5.1 A: send INIT, start T1-init, enter COOKIE-WAIT. A burst of
	 * connects larger than the output waits for room rather than losing
	 * INITs to a full queue (and a T1-init of RTO.Initial each). */
	fsctp_assoc_set_state(a, FSCTP_COOKIE_WAIT);
	if (fsctp_stack_tx_full(st)) {
		a->init_waiting = true;
		fsctp_stack_tx_wait(st, a);
	} else {
		fsctp_assoc_send_init(a, now);
	}
	api_leave(st);
	return a->id;
}

int64_t
fsctp_connectx(struct fsctp_stack *st, const struct fsctp_addr *srcs,
	       unsigned n_src, const struct fsctp_addr *dsts, unsigned n_dst,
	       fsctp_time_t now)
{
	unsigned i, k;

	if (st == NULL || srcs == NULL || dsts == NULL || n_src == 0 ||
	    n_dst == 0 || n_src > FSCTP_MAX_BIND_ADDRS ||
	    n_dst > FSCTP_MAX_BIND_ADDRS || n_dst > FSCTP_MAX_PATHS)
		return -EINVAL;
	for (i = 0; i < n_src; i++) {
		if (!bind_addr_ok(&srcs[i]) || (i > 0 && srcs[i].port != 0 &&
						srcs[i].port != srcs[0].port))
			return -EINVAL;
		for (k = 0; k < i; k++)
			if (fsctp_addr_ip_eq(&srcs[k], &srcs[i]))
				return -EINVAL;
	}
	for (i = 0; i < n_dst; i++) {
		bool fam = false;

		if (!bind_addr_ok(&dsts[i]) || dsts[i].port != dsts[0].port)
			return -EINVAL;
		for (k = 0; k < n_src; k++)
			fam |= srcs[k].family == dsts[i].family;
		/* 5.1.2: no local address of that type: unusable. */
		if (!fam)
			return -EINVAL;
		for (k = 0; k < i; k++)
			if (fsctp_addr_eq(&dsts[k], &dsts[i]))
				return -EINVAL;
	}
	return connect_tcb(st, srcs, n_src, dsts, n_dst, now);
}

int64_t
fsctp_connect(struct fsctp_stack *st, const struct fsctp_addr *src,
	      const struct fsctp_addr *dst, fsctp_time_t now)
{
	if (st == NULL || src == NULL || dst == NULL ||
	    (src->family != FSCTP_AF_INET4 && src->family != FSCTP_AF_INET6))
		return -EINVAL;
	return connect_tcb(st, src, 1, dst, 1, now);
}

int
fsctp_shutdown(struct fsctp_stack *st, fsctp_assoc_id_t id, fsctp_time_t now)
{
	struct fsctp_assoc *a;

	if (st == NULL)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL)
		return -ENOTCONN;
	api_enter(st, now);
	switch (a->state) {
	case FSCTP_COOKIE_WAIT:
		/* No peer state exists yet (stateless cookie): just drop. */
		fsctp_assoc_close(a, FSCTP_EV_SHUTDOWN_COMP, 0, NULL, 0);
		break;
	case FSCTP_COOKIE_ECHOED:
		/* Finish the handshake first, then shut down. */
		a->shutdown_req = true;
		break;
	case FSCTP_ESTABLISHED:
		/* 9.2: SHUTDOWN-PENDING until all data is acknowledged. */
		fsctp_assoc_set_state(a, FSCTP_SHUTDOWN_PENDING);
		fsctp_assoc_shutdown_progress(st, a, now);
		break;
	default:
		break; /* Already shutting down. */
	}
	api_leave(st);
	return 0;
}

int
fsctp_abort(struct fsctp_stack *st, fsctp_assoc_id_t id, const void *reason,
	    uint16_t reason_len, fsctp_time_t now)
{
	struct fsctp_assoc *a;
	uint8_t buf[FSCTP_ERROR_MAX];
	struct fsctp_wbuf w;

	if (st == NULL)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL)
		return -ENOTCONN;
	api_enter(st, now);
	/* 9.1: a User-Initiated Abort cause carrying the reason, bounded. */
	if (reason_len > sizeof(buf) - 8)
		reason_len = sizeof(buf) - 8;
	fsctp_wbuf_init(&w, buf, sizeof(buf));
	fsctp_encode_cause_user_abort(&w, reason_len ? reason : NULL,
				      reason_len);
	fsctp_assoc_abort(a, buf, (uint16_t)w.len,
			  a->state == FSCTP_COOKIE_WAIT ||
					  a->state == FSCTP_COOKIE_ECHOED
				  ? FSCTP_EV_CANT_STR_ASSOC
				  : FSCTP_EV_COMM_LOST,
			  FSCTP_CAUSE_USER_ABORT);
	api_leave(st);
	return 0;
}

enum fsctp_state
fsctp_assoc_state(const struct fsctp_stack *st, fsctp_assoc_id_t id)
{
	const struct fsctp_assoc *a;

	if (st == NULL)
		return FSCTP_CLOSED;
	a = fsctp_lookup_id(st, id);
	return a == NULL ? FSCTP_CLOSED : (enum fsctp_state)a->state;
}

uint32_t
fsctp_assoc_primary_pmtu(const struct fsctp_stack *st, fsctp_assoc_id_t id,
			 const char **pl_state)
{
	const struct fsctp_assoc *a;
	const struct fsctp_path *p;

	if (pl_state != NULL)
		*pl_state = fsctp_plpmtud_state_name(FSCTP_PL_DISABLED);
	if (st == NULL)
		return 0;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->n_paths == 0)
		return 0;
	p = &a->paths[a->primary];
	if (pl_state != NULL)
		*pl_state = fsctp_plpmtud_state_name(p->pl.state);
	return p->pmtu;
}

uint32_t
fsctp_assoc_pmtu(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		 const struct fsctp_addr *dst)
{
	struct fsctp_assoc *a;
	struct fsctp_path *p;

	if (st == NULL || dst == NULL)
		return 0;
	a = fsctp_lookup_id(st, id);
	if (a == NULL)
		return 0;
	p = fsctp_assoc_find_path(a, dst);
	return p == NULL ? 0 : p->pmtu;
}

/*
 * RFC 9260 section 10, ICMP6: the quoted verification tag must be the
 * peer's; a quoted tag of 0 is only our INIT, recognised by its chunk type
 * and its Initiate Tag (our own tag), when the quote is long enough.
 */
static bool
pmtu_quote_ok(const struct fsctp_assoc *a, const uint8_t *q, size_t len)
{
	uint32_t vtag = fsctp_rd32(q + 4);

	if (vtag != 0)
		return vtag == a->peer_vtag;
	return len >= 20 && q[12] == FSCTP_CHUNK_INIT &&
	       fsctp_rd32(q + 16) == a->my_vtag;
}

int
fsctp_stack_pmtu_update(struct fsctp_stack *st, const struct fsctp_addr *src,
			const struct fsctp_addr *dst, const uint8_t *sctp,
			size_t len, uint32_t mtu, fsctp_time_t now)
{
	struct fsctp_assoc *a;
	struct fsctp_path *p;
	struct fsctp_addr peer;
	uint32_t min_mtu;

	if (st == NULL || src == NULL || dst == NULL || sctp == NULL)
		return -EINVAL;
	/* The ports and the tag are the first 8 bytes, which every ICMP
	 * error quotes (RFC 792). An MTU of 0 comes from routers older than
	 * RFC 1191; its plateau guess is not done. */
	if (len < 8 || mtu == 0) {
		st->ctr.fsctp_pmtu_bad_quote++;
		return -EINVAL;
	}
	/* ICMP5: the quote is a packet we sent: its source port is ours,
	 * its destination is the peer's transport address. */
	peer = *dst;
	peer.port = fsctp_rd16(sctp + 2);
	peer.reserved = 0;
	a = fsctp_lookup_tuple(st, fsctp_rd16(sctp), &peer);
	/* ICMP5 with several local addresses: the quoted source is the
	 * address we use towards that peer address. */
	p = a != NULL ? fsctp_assoc_find_path(a, &peer) : NULL;
	if (a == NULL || a->dead ||
	    (!fsctp_addr_ip_eq(&a->laddr, src) &&
	     (p == NULL || !fsctp_addr_ip_eq(fsctp_mh_src(a, p), src)))) {
		st->ctr.fsctp_pmtu_no_assoc++;
		return -ENOENT;
	}
	if (!pmtu_quote_ok(a, sctp, len)) {
		st->ctr.fsctp_pmtu_bad_vtag++;
		return -EPERM;
	}
	p = fsctp_assoc_find_path(a, &peer);
	if (p == NULL) {
		st->ctr.fsctp_pmtu_no_assoc++;
		return -ENOENT;
	}
	/* ICMP7 with RFC 1191 / RFC 8201 semantics: the estimate only goes
	 * down on a report, never below the family's floor (RFC 8201
	 * section 4 for IPv6; for IPv4 see FSCTP_PMTU_MIN_IPV4). */
	min_mtu = p->addr.family == FSCTP_AF_INET6 ? FSCTP_PMTU_MIN_IPV6
						   : FSCTP_PMTU_MIN_IPV4;
	if (mtu < min_mtu) {
		st->ctr.fsctp_pmtu_floor++;
		mtu = min_mtu;
	}
	/* RFC 8899 4.6: with PLPMTUD the report is a hint that a probe
	 * confirms. */
	if (p->pl.state != FSCTP_PL_DISABLED) {
		int rc;

		api_enter(st, now);
		rc = fsctp_assoc_pl_ptb(a, p, mtu, now);
		if (rc < 0)
			st->ctr.fsctp_pmtu_not_lower++;
		api_leave(st);
		return rc;
	}
	if (mtu >= p->pmtu) {
		st->ctr.fsctp_pmtu_not_lower++;
		return -EALREADY;
	}
	api_enter(st, now);
	p->pmtu = (uint16_t)mtu;
	st->ctr.fsctp_pmtu_lowered++;
	fsctp_assoc_data_pmtu(st, a, p, now);
	api_leave(st);
	return 0;
}

uint32_t
fsctp_stack_assoc_count(const struct fsctp_stack *st)
{
	return st == NULL ? 0 : st->n_assocs;
}

int
fsctp_assoc_set_user(struct fsctp_stack *st, fsctp_assoc_id_t id, void *user)
{
	struct fsctp_assoc *a = st != NULL ? fsctp_lookup_id(st, id) : NULL;

	if (a == NULL)
		return -ENOTCONN;
	a->user = user;
	return 0;
}

uint32_t
fsctp_stack_assoc_ids(const struct fsctp_stack *st, fsctp_assoc_id_t *ids,
		      uint32_t max)
{
	const struct fsctp_assoc *a;
	uint32_t n = 0;

	if (st == NULL || ids == NULL)
		return 0;
	for (a = st->list; a != NULL && n < max; a = a->list_next)
		ids[n++] = a->id;
	return n;
}

int
fsctp_assoc_tuples(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		   struct fsctp_addr *local, struct fsctp_addr *peers,
		   uint32_t max)
{
	const struct fsctp_assoc *a;
	uint32_t i, n = 0;

	if (st == NULL || (peers == NULL && max != 0))
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL)
		return -ENOTCONN;
	if (local != NULL)
		*local = a->laddr;

	for (i = 0; i < a->n_paths; i++)
		if (!a->paths[i].removed && n++ < max)
			peers[n - 1] = a->paths[i].addr;
	return (int)n;
}

bool
fsctp_stack_tuple_live(struct fsctp_stack *st, const struct fsctp_addr *local,
		       const struct fsctp_addr *peer)
{
	if (st == NULL || local == NULL || peer == NULL)
		return false;
	return fsctp_lookup_tuple(st, local->port, peer) != NULL;
}

uint32_t
fsctp_stack_close_all(struct fsctp_stack *st, bool abort, const void *reason,
		      uint16_t reason_len, fsctp_time_t now)
{
	struct fsctp_assoc *a, *next;
	uint32_t n = 0;

	if (st == NULL || (reason == NULL && reason_len != 0))
		return 0;
	api_enter(st, now);
	/* An ABORT unlinks the association from the list (it is freed only
	 * when this call leaves), so the next pointer is read first. */
	for (a = st->list; a != NULL; a = next) {
		next = a->list_next;
		if (a->dead)
			continue;
		if (abort)
			fsctp_abort(st, a->id, reason, reason_len, now);
		else if (a->state == FSCTP_ESTABLISHED ||
			 a->state == FSCTP_COOKIE_WAIT ||
			 a->state == FSCTP_COOKIE_ECHOED)
			fsctp_shutdown(st, a->id, now);
		n++;
	}
	api_leave(st);
	return n;
}

const char *
fsctp_state_name(enum fsctp_state s)
{
	static const char *const names[FSCTP_STATE_MAX] = {
		[FSCTP_CLOSED] = "CLOSED",
		[FSCTP_COOKIE_WAIT] = "COOKIE-WAIT",
		[FSCTP_COOKIE_ECHOED] = "COOKIE-ECHOED",
		[FSCTP_ESTABLISHED] = "ESTABLISHED",
		[FSCTP_SHUTDOWN_PENDING] = "SHUTDOWN-PENDING",
		[FSCTP_SHUTDOWN_SENT] = "SHUTDOWN-SENT",
		[FSCTP_SHUTDOWN_RECEIVED] = "SHUTDOWN-RECEIVED",
		[FSCTP_SHUTDOWN_ACK_SENT] = "SHUTDOWN-ACK-SENT",
	};

	if ((unsigned)s >= FSCTP_STATE_MAX)
		return "?";
	return names[s];
}

const struct fsctp_stack_counters *
fsctp_stack_counters(const struct fsctp_stack *st)
{
	return &st->ctr;
}

const struct fsctp_assoc_counters *
fsctp_assoc_counters(const struct fsctp_stack *st, fsctp_assoc_id_t id)
{
	const struct fsctp_assoc *a = fsctp_lookup_id(st, id);

	return a == NULL ? NULL : &a->ctr;
}

void
fsctp_stack_timers(struct fsctp_stack *st, fsctp_time_t now)
{
	if (st == NULL)
		return;
	api_enter(st, now);
	fsctp_timer_heap_run(&st->timers, now);
	api_leave(st);
}

void
fsctp_stack_tx_resume(struct fsctp_stack *st, fsctp_time_t now)
{
	uint32_t n;

	if (st == NULL || st->tx_head == NULL)
		return;
	api_enter(st, now);
	/* In order, each once per call: one that fills the output again
	 * goes back to the tail and waits for the next call. */
	for (n = st->n_assocs;
	     n > 0 && st->tx_head != NULL && !fsctp_stack_tx_full(st); n--) {
		struct fsctp_assoc *a = st->tx_head;

		tx_unlink(st, a);
		if (a->init_waiting) {
			a->init_waiting = false;
			fsctp_assoc_send_init(a, now);
		} else if (a->shutdown_waiting) {
			/* 9.2: sent now (T2 restarts), if still due. */
			a->shutdown_waiting = false;
			if (a->state == FSCTP_SHUTDOWN_SENT)
				fsctp_assoc_send_shutdown(a, now);
			else if (a->state == FSCTP_SHUTDOWN_ACK_SENT)
				fsctp_assoc_send_shutdown_ack(a, now);
		} else {
			fsctp_assoc_data_resume(st, a, now);
		}
	}
	api_leave(st);
}

fsctp_time_t
fsctp_stack_next_deadline(const struct fsctp_stack *st)
{
	fsctp_time_t t;

	if (st == NULL)
		return FSCTP_TIME_NEVER;
	t = fsctp_timer_heap_next(&st->timers);
	return t == UINT64_MAX ? FSCTP_TIME_NEVER : t;
}

/* ------------------------------------------------------------------------ */
/* Input                                                                    */
/* ------------------------------------------------------------------------ */

/* The T-bit rule of 8.5.1 B/C: an ABORT or SHUTDOWN COMPLETE with T set
 * carrying the peer's tag. Returns the chunk type accepted, or -1. */
static int
t_bit_chunk(const struct fsctp_packet *p, const struct fsctp_assoc *a)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv ch;

	if (a->peer_vtag == 0 || p->vtag != a->peer_vtag)
		return -1;
	fsctp_packet_chunks_iter(p, &it);
	while (fsctp_tlv_next(&it, &ch) == 1)
		if ((ch.type == FSCTP_CHUNK_ABORT ||
		     ch.type == FSCTP_CHUNK_SHUTDOWN_COMPLETE) &&
		    (ch.flags & FSCTP_CHUNK_FLAG_T))
			return ch.type;
	return -1;
}

static void
input_packet(struct fsctp_stack *st, struct fsctp_rx *rx, const uint8_t *pkt,
	     size_t len, bool crc_checked)
{
	struct fsctp_packet p;
	struct fsctp_assoc *a;
	struct fsctp_tlv_iter it;
	struct fsctp_tlv ch;
	enum fsctp_disp d = FSCTP_DISP_CONTINUE;
	int t_type = -1;
	bool zero_csum = false;

	if (len < sizeof(struct fsctp_common_hdr)) {
		st->ctr.fsctp_rx_too_short++;
		return;
	}
	/* RFC 9653 5.3: checksum 0 may be acceptable, but only the
	 * association can say: the CRC32c waits for the lookup (and is not
	 * computed at all when the association accepts 0). */
	if (!crc_checked && st->cfg.zero_csum_edmid != 0 &&
	    fsctp_rd32(pkt + 8) == 0) {
		zero_csum = true;
	} else if (!crc_checked && !fsctp_packet_crc_ok(pkt, len)) {
		/* 6.8: a packet with a bad CRC32c is discarded silently. */
		st->ctr.sctpChecksumErrors++;
		return;
	}
	if (fsctp_packet_parse(pkt, len, &p) < 0) {
		st->ctr.fsctp_rx_malformed++;
		return;
	}
	if (p.n_chunks == 0) {
		st->ctr.fsctp_rx_no_chunks++;
		return;
	}
	/* 3.1: port 0 is never valid. */
	if (p.src_port == 0 || p.dst_port == 0) {
		st->ctr.fsctp_rx_bad_port++;
		return;
	}
	/* 6.10: INIT, INIT ACK and SHUTDOWN COMPLETE travel alone. */
	if (p.bundling_violation) {
		st->ctr.fsctp_rx_not_alone++;
		return;
	}
	/* 8.5.1 A: vtag 0 only on a packet holding just an INIT, and an
	 * INIT only with vtag 0. */
	if (p.vtag == 0 && p.first_type != FSCTP_CHUNK_INIT) {
		st->ctr.fsctp_rx_bad_vtag++;
		return;
	}
	if (p.has_init && p.vtag != 0) {
		st->ctr.fsctp_rx_init_bad_vtag++;
		return;
	}
	/* 6.10 / 5.1: a COOKIE ECHO must be the first chunk. */
	if (fsctp_packet_has(&p, FSCTP_CHUNK_COOKIE_ECHO) &&
	    p.first_type != FSCTP_CHUNK_COOKIE_ECHO) {
		st->ctr.fsctp_rx_cookie_not_first++;
		return;
	}
	rx->pkt = &p;
	rx->no_error_reply = fsctp_packet_has(&p, FSCTP_CHUNK_ERROR);
	rx->no_abort_reply = fsctp_packet_has(&p, FSCTP_CHUNK_ABORT);
	fsctp_wbuf_init(&rx->errw, rx->err, sizeof(rx->err));

	/* Steer by our tag; fall back to the address tuple (T-bit packets,
	 * INIT, COOKIE ECHO of a restart, a peer's tag). A multi-homed peer
	 * may answer our INIT from another of its addresses: an INIT ACK
	 * with the Initiate Tag of our INIT is ours while we wait for it,
	 * whatever its source (5.1.2 C records that source as a peer
	 * address; the Implementor's Guide's lookup by the addresses inside
	 * the INIT ACK comes to the same association). */
	a = fsctp_lookup_vtag(st, p.vtag);
	if (a != NULL &&
	    (a->laddr.port != p.dst_port ||
	     (fsctp_assoc_find_path(a, rx->src) == NULL &&
	      !(a->state == FSCTP_COOKIE_WAIT &&
		p.first_type == FSCTP_CHUNK_INIT_ACK && p.n_chunks == 1))))
		a = NULL;
	if (a == NULL)
		a = fsctp_lookup_tuple(st, p.dst_port, rx->src);
	if (zero_csum) {
		/* RFC 9653 5.3: 0 is accepted only on an association that
		 * agreed, never with INIT or COOKIE ECHO (sent with a CRC,
		 * 5.2); otherwise the CRC32c decides (it may be 0). */
		if (a != NULL && (a->features & FSCTP_FEAT_ZERO_CSUM) &&
		    p.first_type != FSCTP_CHUNK_INIT &&
		    p.first_type != FSCTP_CHUNK_COOKIE_ECHO) {
			st->ctr.fsctp_rx_zero_csum++;
		} else if (!fsctp_packet_crc_ok(pkt, len)) {
			st->ctr.sctpChecksumErrors++;
			st->ctr.fsctp_rx_zero_csum_refused++;
			return;
		}
	}
	if (a == NULL) {
		fsctp_sm_ootb(st, rx);
		return;
	}
	rx->path = fsctp_assoc_find_path(a, rx->src);

	/* 8.5 and 8.5.1: check the tag before reacting to any chunk. */
	if (p.first_type == FSCTP_CHUNK_INIT ||
	    p.first_type == FSCTP_CHUNK_COOKIE_ECHO) {
		/* A: vtag 0 checked above. D: the cookie decides (5.1.5). */
	} else if (p.vtag == a->my_vtag) {
		/* 8.5: the normal rule. */
	} else if ((t_type = t_bit_chunk(&p, a)) >= 0) {
		/* B, C: T bit set and the peer's tag: only that chunk. */
		rx->t_bit_ok = true;
	} else if (fsctp_packet_has(&p, FSCTP_CHUNK_SHUTDOWN_ACK) &&
		   (a->state == FSCTP_COOKIE_WAIT ||
		    a->state == FSCTP_COOKIE_ECHOED)) {
		/* E: treated as out of the blue (8.4 rule 5). */
		fsctp_sm_ootb(st, rx);
		return;
	} else {
		st->ctr.fsctp_rx_bad_vtag++;
		return;
	}
	a->ctr.in_packets++;

	fsctp_packet_chunks_iter(&p, &it);
	while (fsctp_tlv_next(&it, &ch) == 1) {
		if (rx->t_bit_ok && ch.type != t_type)
			continue;
		d = fsctp_sm_chunk(st, a, rx, &ch);
		if (d != FSCTP_DISP_CONTINUE)
			break;
	}
	if (d == FSCTP_DISP_GONE || a->dead)
		return;
	fsctp_sm_flush_errors(st, a, rx);
	fsctp_assoc_data_packet_end(st, a, rx);
}

int
fsctp_stack_input(struct fsctp_stack *st, const struct fsctp_addr *src,
		  const struct fsctp_addr *dst, const uint8_t *pkt, size_t len,
		  bool crc_checked, fsctp_time_t now)
{
	return fsctp_stack_input_ref(st, src, dst, pkt, len, crc_checked, now,
				     NULL);
}

int
fsctp_stack_input_ref(struct fsctp_stack *st, const struct fsctp_addr *src,
		      const struct fsctp_addr *dst, const uint8_t *pkt,
		      size_t len, bool crc_checked, fsctp_time_t now,
		      void *pkt_ref)
{
	struct fsctp_rx rx;
	struct fsctp_addr s, d;

	if (st == NULL || src == NULL || dst == NULL || pkt == NULL)
		return -EINVAL;
	api_enter(st, now);
	st->ctr.sctpInSCTPPacks++;
	memset(&rx, 0, sizeof(rx));
	/* The transport addresses take their ports from the header. */
	s = *src;
	d = *dst;
	if (len >= 4) {
		s.port = fsctp_rd16(pkt);
		d.port = fsctp_rd16(pkt + 2);
	}
	s.reserved = d.reserved = 0;
	rx.src = &s;
	rx.dst = &d;
	rx.now = now;
	if (st->ops.pkt_hold != NULL) {
		rx.ref = pkt_ref;
		rx.ref_base = pkt;
		rx.ref_len = len;
	}
	input_packet(st, &rx, pkt, len, crc_checked);
	api_leave(st);
	return 0;
}
