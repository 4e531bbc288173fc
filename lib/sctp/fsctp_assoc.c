/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The association (TCB): creation and teardown, events, the outgoing packet
 * builder, the handshake/shutdown/heartbeat timers (RFC 9260 5.1, 6.3, 8.1,
 * 8.3, 9.1, 9.2).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_cause.h"

/* Heartbeat Info of our HEARTBEATs: nonce, send time, path index. */
#define HB_INFO_LEN 20
/* Heartbeat Info byte 17 of a PLPMTUD probe; bytes 18-19 hold its size. */
#define PL_INFO_MARK 0x50

static void t1_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);
static void t2_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);
static void t5_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);
static void hb_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);
static void pl_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);
static void pl_start_path(struct fsctp_assoc *a, struct fsctp_path *p,
			  fsctp_time_t now);
static int pl_probe_ack(struct fsctp_assoc *a, struct fsctp_path *p,
			const uint8_t *info, fsctp_time_t now);

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * The buffer of the packet being opened: the owner's (ops.out_buf), the one
 * it gave before and no chunk went in, or the core's own buffer when there
 * is no such op or the owner has no buffer now (o->ext stays NULL: the
 * data path then waits, fsctp_out_no_buf()).
 */
static void
out_pick_buf(struct fsctp_stack *st, struct fsctp_out *o)
{
	if (st->ops.out_buf != NULL && o->ext == NULL) {
		uint32_t cap = 0;

		o->ext = st->ops.out_buf(st->ops.ctx, &cap);
		/* Smaller than the packets of FSCTP_OUT_MAX every path may
		 * carry: not usable. */
		if (o->ext == NULL || cap < FSCTP_OUT_MAX) {
			o->ext = NULL;
			st->ctr.fsctp_tx_no_buf++;
		} else {
			o->ext_cap = cap < FSCTP_OUT_BUF ? cap : FSCTP_OUT_BUF;
		}
	}
	if (o->ext != NULL) {
		o->pkt = o->ext;
		o->pkt_cap = o->ext_cap;
	} else {
		o->pkt = o->buf;
		o->pkt_cap = sizeof(o->buf);
	}
}

bool
fsctp_out_no_buf(const struct fsctp_stack *st)
{
	return st->ops.out_buf != NULL && st->out.open &&
	       st->out.pkt == st->out.buf;
}

void
fsctp_out_begin(struct fsctp_stack *st, const struct fsctp_addr *src,
		const struct fsctp_addr *dst, uint32_t vtag,
		struct fsctp_assoc *a)
{
	struct fsctp_out *o = &st->out;

	if (o->open && (o->vtag != vtag || !fsctp_addr_eq(&o->dst, dst) ||
			!fsctp_addr_eq(&o->src, src)))
		fsctp_out_flush(st);
	if (!o->open) {
		size_t cap = FSCTP_OUT_MAX;

		/* Packets to a path under PLPMTUD may use the whole buffer
		 * (probes, a jumbo PMTU, chunks cut for one); the data path
		 * keeps to the path's capacity. Others stay within
		 * FSCTP_OUT_MAX. */
		if (a != NULL) {
			const struct fsctp_path *p =
				fsctp_assoc_find_path(a, dst);

			if (p != NULL && p->pl.state != FSCTP_PL_DISABLED)
				cap = sizeof(o->buf);
			/* RFC 4895 6.2: room for the AUTH chunk flush adds. */
			cap -= fsctp_auth_tx_room(a);
		}
		out_pick_buf(st, o);
		if (cap > o->pkt_cap)
			cap = o->pkt_cap;
		fsctp_wbuf_init(&o->w, o->pkt, cap);
		fsctp_wbuf_u16(&o->w, src->port);
		fsctp_wbuf_u16(&o->w, dst->port);
		fsctp_wbuf_u32(&o->w, vtag);
		fsctp_wbuf_u32(&o->w, 0);
		o->src = *src;
		o->dst = *dst;
		o->vtag = vtag;
		o->open = true;
		o->probe = false;
		o->n_chunks = 0;
		o->stateful = false;
	}
	o->a = a;
	if (a != NULL)
		o->stateful = true;
}

void
fsctp_out_begin_assoc(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_path *p = a->n_paths > 0 ? fsctp_mh_data_path(a) : NULL;

	/* 6.4: control chunks follow data to an ACTIVE path. */
	if (p == NULL) {
		fsctp_out_begin(st, &a->laddr, &a->paths[a->primary].addr,
				a->peer_vtag, a);
		return;
	}
	fsctp_out_begin(st, fsctp_mh_src(a, p), &p->addr, a->peer_vtag, a);
}

struct fsctp_wbuf *
fsctp_out_wbuf(struct fsctp_stack *st, size_t need)
{
	struct fsctp_out *o = &st->out;

	if (o->open && o->n_chunks > 0 && fsctp_wbuf_room(&o->w) < need) {
		struct fsctp_addr src = o->src, dst = o->dst;
		uint32_t vtag = o->vtag;
		struct fsctp_assoc *a = o->a;

		fsctp_out_flush(st);
		fsctp_out_begin(st, &src, &dst, vtag, a);
	}
	return &o->w;
}

void
fsctp_out_ctrl(struct fsctp_stack *st)
{
	st->out.n_chunks++;
	st->ctr.sctpOutCtrlChunks++;
	if (st->out.a != NULL)
		st->out.a->ctr.out_ctrl_chunks++;
}

void
fsctp_out_flush(struct fsctp_stack *st)
{
	struct fsctp_out *o = &st->out;
	uint32_t flags = 0;

	if (!o->open)
		return;
	o->open = false;
	if (o->n_chunks == 0)
		return;
	if (o->w.err) {
		st->ctr.fsctp_tx_too_big++;
		return;
	}
	/* RFC 4895 6.2: the AUTH chunk, before the checksum. */
	if (o->a != NULL && o->a->auth.on)
		fsctp_auth_tx(st, o);
	/* RFC 9653 section 5.2: checksum 0 only in an association whose
	 * peer accepts it, and never on a packet with INIT, INIT ACK or
	 * COOKIE ECHO (they travel first; the peer may hold no state that
	 * says it accepts 0). Replies without an association (OOTB, the
	 * stateless INIT ACK) have o->a NULL. */
	if (o->a != NULL && (o->a->features & FSCTP_FEAT_ZERO_CSUM) &&
	    o->pkt[12] != FSCTP_CHUNK_INIT &&
	    o->pkt[12] != FSCTP_CHUNK_INIT_ACK &&
	    o->pkt[12] != FSCTP_CHUNK_COOKIE_ECHO) {
		fsctp_wr32(o->pkt + 8, 0);
		st->ctr.fsctp_tx_zero_csum++;
	} else if (!st->cfg.tx_crc_offload) {
		fsctp_stack_set_crc(st, o->pkt, o->w.len);
	}
	st->ctr.sctpOutSCTPPacks++;
	if (o->a != NULL) {
		o->a->ctr.out_packets++;
		if (o->a->n_paths > 0) {
			struct fsctp_path *p =
				fsctp_assoc_find_path(o->a, &o->dst);

			if (p != NULL) {
				p->last_sent = st->now;
				/* RFC 9260 6.9, 7.3: only a DATA chunk cut
				 * for an older, larger PMTU makes a packet
				 * outgrow the path; the IP layer may
				 * fragment that one. */
				if (o->w.len + fsctp_path_ip_hdr(p) > p->pmtu &&
				    !o->probe) {
					flags |= FSCTP_OUT_F_MAY_FRAGMENT;
					st->ctr.fsctp_tx_may_fragment++;
				}
			}
		}
	}
	/* A reply made without a TCB (5.1 B, 8.4): the owner keeps no state
	 * for its (possibly spoofed) destination. */
	if (!o->stateful)
		flags |= FSCTP_OUT_F_STATELESS;
	/* The owner's buffer goes back with the packet in it. */
	if (o->pkt == o->ext) {
		o->ext = NULL;
		st->ctr.fsctp_tx_ext_buf++;
	}
	st->ops.output(st->ops.ctx, &o->src, &o->dst, o->pkt, o->w.len, flags);
}

/* ------------------------------------------------------------------------ */
/* TCB                                                                      */
/* ------------------------------------------------------------------------ */

struct fsctp_assoc *
fsctp_assoc_new(struct fsctp_stack *st, struct fsctp_endpoint *ep,
		const struct fsctp_addr *laddr, uint32_t my_vtag)
{
	struct fsctp_assoc *a;

	if (st->n_assocs >= st->cfg.max_assocs) {
		st->ctr.fsctp_assoc_limit++;
		return NULL;
	}
	a = calloc(1, sizeof(*a));
	if (a == NULL) {
		st->ctr.fsctp_nomem++;
		return NULL;
	}
	a->st = st;
	a->ep = ep;
	a->state = FSCTP_CLOSED;
	a->laddr = *laddr;
	a->my_vtag = my_vtag;
	fsctp_mh_assoc_init(a);
	/* 5.1.2: the endpoint's bound addresses (fsctp_bindx()). */
	if (ep->n_laddrs > 0) {
		memcpy(a->laddrs, ep->laddrs, sizeof(a->laddrs));
		a->n_laddrs = ep->n_laddrs;
	}
	/* The low owner_bits of an id name the owning stack (lcore), as the
	 * top bits of our tags do, so a multi-lcore runtime routes a call by
	 * id without a lookup (fsctp_assoc_id_owner()). */
	do {
		a->id = (st->next_id++ << st->cfg.owner_bits) |
			st->cfg.owner_id;
	} while (a->id == 0 || fsctp_lookup_id(st, a->id) != NULL);
	fsctp_timer_init(&a->t1, t1_expired, a);
	fsctp_timer_init(&a->t2, t2_expired, a);
	fsctp_timer_init(&a->t5, t5_expired, a);
	fsctp_asconf_init(a);
	fsctp_stack_link_assoc(st, a);
	ep->n_assocs++;
	st->n_assocs++;
	return a;
}

struct fsctp_path *
fsctp_assoc_find_path(struct fsctp_assoc *a, const struct fsctp_addr *addr)
{
	uint8_t i;

	for (i = 0; i < a->n_paths; i++)
		if (!a->paths[i].removed &&
		    fsctp_addr_eq(&a->paths[i].addr, addr))
			return &a->paths[i];
	return NULL;
}

unsigned
fsctp_assoc_live_paths(const struct fsctp_assoc *a)
{
	unsigned i, n = 0;

	for (i = 0; i < a->n_paths; i++)
		n += !a->paths[i].removed;
	return n;
}

struct fsctp_path *
fsctp_assoc_add_path(struct fsctp_assoc *a, const struct fsctp_addr *addr)
{
	struct fsctp_path *p;
	uint8_t idx;

	p = fsctp_assoc_find_path(a, addr);
	if (p != NULL)
		return p;
	/* A removed path's slot first (its timers are off, nothing of the
	 * data path is left on it). */
	for (idx = 0; idx < a->n_paths; idx++)
		if (a->paths[idx].removed)
			break;
	if (idx == a->n_paths && a->n_paths >= FSCTP_MAX_PATHS)
		return NULL;
	p = &a->paths[idx];
	memset(p, 0, sizeof(*p));
	p->assoc = a;
	p->addr = *addr;
	p->idx = idx;
	if (idx == a->n_paths)
		a->n_paths++;
	p->state = FSCTP_PATH_ACTIVE;
	p->pmtu = a->st->cfg.pmtu;
	fsctp_path_rto_init(p, &a->rto_params);
	fsctp_mh_path_init(a, p);
	fsctp_timer_init(&p->hb_timer, hb_expired, p);
	fsctp_timer_init(&p->pl_timer, pl_expired, p);
	fsctp_assoc_pl_init(a, p);
	fsctp_stack_link_path(a->st, p);
	return p;
}

int
fsctp_assoc_remove_path(struct fsctp_assoc *a, struct fsctp_path *p,
			fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;
	struct fsctp_path *np = NULL;
	uint8_t i;

	if (p->removed || fsctp_assoc_live_paths(a) <= 1)
		return -EINVAL;
	/* RFC 5061 4.2.2: the address is no longer part of the association:
	 * no probes, no lookups (a packet from it is out of the blue). */
	fsctp_assoc_timer_cancel(st, &p->hb_timer);
	fsctp_assoc_timer_cancel(st, &p->pl_timer);
	fsctp_stack_unlink_path(st, p);
	p->removed = true;
	p->confirmed = false;
	p->hb_outstanding = false;
	p->state = FSCTP_PATH_INACTIVE;
	/* RFC 9260 6.4 (with RFC 5061 4.2.2): a deleted primary is
	 * replaced by an active path, else any remaining one. */
	if (a->primary == p->idx) {
		np = fsctp_mh_alt_path(a, p);
		for (i = 0; np == NULL && i < a->n_paths; i++)
			if (!a->paths[i].removed)
				np = &a->paths[i];
		a->primary = np->idx;
	}
	/* What was in flight there goes again on the remaining paths. */
	fsctp_assoc_data_path_gone(st, a, p, now);
	if (a->dead)
		return 0;
	fsctp_mh_event(a, p, FSCTP_ADDR_REMOVED);
	if (np != NULL && !a->dead)
		fsctp_mh_event(a, np, FSCTP_ADDR_MADE_PRIM);
	return 0;
}

void
fsctp_assoc_set_vtag(struct fsctp_assoc *a, uint32_t vtag)
{
	fsctp_stack_unlink_vtag(a->st, a);
	a->my_vtag = vtag;
	fsctp_stack_link_vtag(a->st, a);
}

static bool
state_is_estab(uint8_t s)
{
	/* RFC 3873 sctpCurrEstab. */
	return s == FSCTP_ESTABLISHED || s == FSCTP_SHUTDOWN_PENDING ||
	       s == FSCTP_SHUTDOWN_RECEIVED;
}

void
fsctp_assoc_set_state(struct fsctp_assoc *a, enum fsctp_state s)
{
	struct fsctp_stack *st = a->st;

	if (state_is_estab(a->state) && !state_is_estab((uint8_t)s))
		st->ctr.sctpCurrEstab--;
	else if (!state_is_estab(a->state) && state_is_estab((uint8_t)s))
		st->ctr.sctpCurrEstab++;
	if (s != a->state &&
	    (s == FSCTP_SHUTDOWN_SENT || s == FSCTP_SHUTDOWN_ACK_SENT))
		a->t2_retrans = 0;
	a->state = (uint8_t)s;
}

void
fsctp_assoc_emit(struct fsctp_assoc *a, struct fsctp_event *ev)
{
	ev->assoc_id = a->id;
	ev->user = a->user;
	if (a->st->ops.event != NULL)
		a->st->ops.event(a->st->ops.ctx, ev);
}

void
fsctp_assoc_event(struct fsctp_assoc *a, enum fsctp_event_type type,
		  uint16_t cause, const uint8_t *causes, uint16_t causes_len)
{
	struct fsctp_event ev;

	/* After its closing event an association reports nothing more
	 * (handlers further up the call stack may still run on it). */
	if (a->dead)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.cause = cause;
	ev.causes = causes;
	ev.causes_len = causes_len;
	fsctp_assoc_emit(a, &ev);
}

static void
cancel_all_timers(struct fsctp_assoc *a)
{
	uint8_t i;

	fsctp_assoc_timer_cancel(a->st, &a->t1);
	fsctp_assoc_timer_cancel(a->st, &a->t2);
	fsctp_assoc_timer_cancel(a->st, &a->t5);
	fsctp_asconf_stop(a);
	for (i = 0; i < a->n_paths; i++) {
		fsctp_assoc_timer_cancel(a->st, &a->paths[i].hb_timer);
		fsctp_assoc_timer_cancel(a->st, &a->paths[i].pl_timer);
	}
}

void
fsctp_assoc_close(struct fsctp_assoc *a, enum fsctp_event_type ev_type,
		  uint16_t cause, const uint8_t *causes, uint16_t causes_len)
{
	struct fsctp_stack *st = a->st;

	if (a->dead)
		return;
	cancel_all_timers(a);
	fsctp_assoc_set_state(a, FSCTP_CLOSED);
	if (ev_type == FSCTP_EV_COMM_LOST)
		st->ctr.fsctp_comm_lost++;
	else if (ev_type == FSCTP_EV_CANT_STR_ASSOC)
		st->ctr.fsctp_cant_start++;
	if (ev_type != 0)
		fsctp_assoc_event(a, ev_type, cause, causes, causes_len);
	/* 5.2.4: the cookie that created this TCB could be replayed until
	 * it expires and would build the association again: remember the
	 * tag until then. */
	if (a->cookie_expires > st->now) {
		uint32_t k = st->closed_tags_next++ % FSCTP_CLOSED_TAGS;

		if (st->closed_tags[k].expires > st->now)
			st->ctr.fsctp_closed_tags_full++;
		st->closed_tags[k].vtag = a->my_vtag;
		st->closed_tags[k].expires = a->cookie_expires;
	}
	/* Only the timers stop here: a handler or a delivery loop further up
	 * the call stack (e.g. an application that aborts from its DATA
	 * callback inside reassembly's drain) may still use a->data, so it
	 * is freed at reap time, when no handler runs. */
	fsctp_assoc_data_close(st, a);
	fsctp_stack_unlink_assoc(st, a);
	a->ep->n_assocs--;
	st->n_assocs--;
	a->dead = true;
	a->list_next = st->dead;
	st->dead = a;
}

void
fsctp_assoc_reap(struct fsctp_stack *st)
{
	while (st->dead != NULL) {
		struct fsctp_assoc *a = st->dead;

		st->dead = a->list_next;
		if (st->out.a == a)
			st->out.a = NULL;
		/* A handler that ran on after the close may have armed a
		 * timer again; none may outlive the TCB. SEND_FAILED events
		 * of the data teardown may call back into the stack: a is
		 * off the dead list already. */
		cancel_all_timers(a);
		fsctp_assoc_data_free(st, a);
		fsctp_auth_assoc_free(&a->auth);
		free(a->cookie);
		free(a->cookie_err);
		free(a);
	}
}

int
fsctp_assoc_timer_arm(struct fsctp_stack *st, struct fsctp_timer *t,
		      fsctp_time_t expires)
{
	int rc = fsctp_timer_arm(&st->timers, t, expires);

	if (rc < 0)
		st->ctr.fsctp_timer_full++;
	return rc;
}

void
fsctp_assoc_timer_cancel(struct fsctp_stack *st, struct fsctp_timer *t)
{
	fsctp_timer_cancel(&st->timers, t);
}

void
fsctp_assoc_established(struct fsctp_assoc *a, bool active, fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;

	fsctp_assoc_set_state(a, FSCTP_ESTABLISHED);
	if (active)
		st->ctr.sctpActiveEstabs++;
	else
		st->ctr.sctpPassiveEstabs++;
	fsctp_assoc_event(a, FSCTP_EV_COMM_UP, 0, NULL, 0);
	/* RFC 6458 6.1.8: AUTH offered, the peer did not (RFC 4895 6.1). */
	if (!a->dead && a->auth.my_vec_len > 0 && !a->auth.on) {
		struct fsctp_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.type = FSCTP_EV_AUTHENTICATION;
		ev.auth_indication = FSCTP_AUTH_NO_AUTH;
		fsctp_assoc_emit(a, &ev);
	}
	fsctp_assoc_hb_start(a, now);
	if (a->shutdown_req) {
		a->shutdown_req = false;
		fsctp_assoc_set_state(a, FSCTP_SHUTDOWN_PENDING);
		fsctp_assoc_shutdown_progress(st, a, now);
	}
}

/* ------------------------------------------------------------------------ */
/* Extensions offered in INIT / INIT ACK                                    */
/* ------------------------------------------------------------------------ */

void
fsctp_feat_offer(uint32_t f, struct fsctp_init_info *ii)
{
	/* RFC 3758 3.1 and RFC 5061 4.2.7: Forward-TSN-Supported and the
	 * Supported Extensions list. */
	if (f & FSCTP_FEAT_PRSCTP) {
		ii->forward_tsn_supported = true;
		fsctp_init_ext_set(ii, FSCTP_CHUNK_FORWARD_TSN);
	}
	if (f & FSCTP_FEAT_IDATA) {
		fsctp_init_ext_set(ii, FSCTP_CHUNK_I_DATA);
		if (f & FSCTP_FEAT_PRSCTP)
			fsctp_init_ext_set(ii, FSCTP_CHUNK_I_FORWARD_TSN);
	}
	if (f & FSCTP_FEAT_RECONFIG)
		fsctp_init_ext_set(ii, FSCTP_CHUNK_RECONFIG);
}

uint32_t
fsctp_feat_peer(const struct fsctp_init_info *ii)
{
	uint32_t f = 0;

	if (ii->forward_tsn_supported ||
	    fsctp_init_ext_supported(ii, FSCTP_CHUNK_FORWARD_TSN))
		f |= FSCTP_FEAT_PRSCTP;
	if (fsctp_init_ext_supported(ii, FSCTP_CHUNK_I_DATA))
		f |= FSCTP_FEAT_IDATA;
	if (fsctp_init_ext_supported(ii, FSCTP_CHUNK_RECONFIG))
		f |= FSCTP_FEAT_RECONFIG;
	return f;
}

/*
 * RFC 9653 section 5.1: the Zero Checksum Acceptable parameter goes in our
 * INIT and INIT ACK only when the configuration says another method
 * detects errors (cfg.zero_csum_edmid); the feature holds for an
 * association only when the peer announced the same method, and it is
 * kept in the cookie with the other features.
 */
void
fsctp_zcsum_offer(const struct fsctp_stack *st, struct fsctp_init_info *ii)
{
	if (st->cfg.zero_csum_edmid != 0) {
		ii->has_zero_csum = true;
		ii->zero_csum_edmid = st->cfg.zero_csum_edmid;
	}
}

uint32_t
fsctp_zcsum_peer(const struct fsctp_stack *st, const struct fsctp_init_info *ii)
{
	return st->cfg.zero_csum_edmid != 0 && ii->has_zero_csum &&
			       ii->zero_csum_edmid == st->cfg.zero_csum_edmid
		       ? FSCTP_FEAT_ZERO_CSUM
		       : 0;
}

/* ------------------------------------------------------------------------ */
/* Handshake (RFC 9260 5.1)                                                 */
/* ------------------------------------------------------------------------ */

void
fsctp_assoc_send_init(struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;
	struct fsctp_path *p = &a->paths[a->primary];
	struct fsctp_init_info ii;

	memset(&ii, 0, sizeof(ii));
	ii.init_tag = a->my_vtag;
	ii.a_rwnd = st->cfg.rwnd;
	ii.n_out_streams = a->init_os ? a->init_os : st->cfg.n_out_streams;
	ii.n_in_streams = st->cfg.max_in_streams;
	ii.initial_tsn = a->my_itsn;
	ii.has_supported_addr_types = true;
	/* 5.1.2, 3.3.2.1: every local address (multi-homed) and their
	 * types. */
	ii.supported_addr_types =
		fsctp_mh_sat(a->laddrs, a->n_laddrs, &a->laddr);
	fsctp_mh_list_addrs(a->laddrs, a->n_laddrs, 0, &ii);
	fsctp_feat_offer(fsctp_assoc_data_features(st), &ii);
	fsctp_zcsum_offer(st, &ii);
	/* RFC 4895 3, 6.1: our RANDOM is drawn once; a retransmitted INIT
	 * carries the same key vector. */
	if (a->auth.my_vec_len == 0 &&
	    fsctp_auth_local_vec(st, a->auth.my_vec, &a->auth.my_vec_len) < 0)
		a->auth.my_vec_len = 0;
	fsctp_auth_put_init(a->auth.my_vec, a->auth.my_vec_len, &ii);
	fsctp_asconf_offer(st, &ii);
	/* 5.2.6: ask for a longer cookie life after a Stale Cookie. */
	if (a->cookie_preservative_ms) {
		ii.has_cookie_preservative = true;
		ii.cookie_preservative_ms = a->cookie_preservative_ms;
	}
	/* 8.5.1 A: an INIT carries verification tag 0, and travels alone. */
	fsctp_out_flush(st);
	fsctp_out_begin(st, &a->laddr, &p->addr, 0, a);
	fsctp_encode_init(fsctp_out_wbuf(st, 64), false, &ii);
	fsctp_out_ctrl(st);
	fsctp_out_flush(st);
	a->t1_sent = now;
	fsctp_assoc_timer_arm(st, &a->t1, now + p->rto);
}

void
fsctp_assoc_send_cookie_echo(struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;
	struct fsctp_wbuf *w;

	fsctp_out_begin_assoc(st, a);
	/* 6.10: the COOKIE ECHO is the first chunk of its packet. */
	w = fsctp_out_wbuf(st, (size_t)a->cookie_len + 8 + a->cookie_err_len);
	fsctp_encode_cookie_echo(w, a->cookie, a->cookie_len);
	fsctp_out_ctrl(st);
	/* 5.1 D: report the INIT ACK's unrecognised parameters in an ERROR
	 * bundled after the COOKIE ECHO. */
	if (a->cookie_err != NULL) {
		fsctp_wbuf_put(w, a->cookie_err, a->cookie_err_len);
		fsctp_out_ctrl(st);
	}
	a->t1_sent = now;
	fsctp_assoc_timer_arm(st, &a->t1, now + a->paths[a->primary].rto);
}

static void
t1_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_assoc *a = arg;
	struct fsctp_stack *st = a->st;

	(void)t;
	a->ctr.sctpAssocT1expireds++;
	if (a->state == FSCTP_COOKIE_WAIT)
		st->ctr.sctpT1InitExpireds++;
	else
		st->ctr.sctpT1CookieExpireds++;
	/* 5.1: give up after Max.Init.Retransmits retransmissions. */
	if (++a->init_retrans > st->cfg.max_init_retrans) {
		fsctp_assoc_close(a, FSCTP_EV_CANT_STR_ASSOC, 0, NULL, 0);
		return;
	}
	/* 6.3.3 E2 and Karn (6.3.1 C5): back off, no RTT from a resend. */
	fsctp_path_rto_backoff(&a->paths[a->primary], &a->rto_params);
	a->t1_retransmitted = true;
	a->ctr.sctpAssocRtxChunks++;
	/* 6.4: with several confirmed peer addresses (fsctp_connectx()),
	 * the INIT or COOKIE ECHO that timed out goes to the next one, which
	 * becomes the primary. */
	if (a->n_paths > 1) {
		struct fsctp_path *alt =
			fsctp_mh_alt_path(a, &a->paths[a->primary]);

		if (alt != NULL) {
			a->primary = alt->idx;
			st->ctr.fsctp_rtx_alt_path++;
		}
	}
	if (a->state == FSCTP_COOKIE_WAIT)
		fsctp_assoc_send_init(a, now);
	else if (a->state == FSCTP_COOKIE_ECHOED)
		fsctp_assoc_send_cookie_echo(a, now);
}

/* ------------------------------------------------------------------------ */
/* Fault management (RFC 9260 8.1, 8.2)                                     */
/* ------------------------------------------------------------------------ */

bool
fsctp_assoc_error(struct fsctp_assoc *a, struct fsctp_path *p)
{
	struct fsctp_stack *st = a->st;

	/* 8.2, RFC 7829: the path's count, PF and INACTIVE. */
	if (p != NULL)
		fsctp_mh_path_error(a, p);
	/* 8.1: beyond Association.Max.Retrans the peer is unreachable. */
	if (++a->error_count > a->assoc_max_retrans) {
		(void)st;
		fsctp_assoc_close(a, FSCTP_EV_COMM_LOST, 0, NULL, 0);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------------------ */
/* Heartbeat (RFC 9260 8.3)                                                 */
/* ------------------------------------------------------------------------ */

static fsctp_time_t
hb_next(struct fsctp_assoc *a, struct fsctp_path *p, fsctp_time_t now)
{
	uint64_t interval = fsctp_mh_hb_interval(p);
	uint32_t r;
	uint64_t jitter;

	/* 5.4: an UNCONFIRMED address is probed once per RTO (backed off
	 * on each unanswered probe), not once per HB.interval, and even
	 * with heartbeats off. */
	if (!p->confirmed)
		return now + p->rto;
	/* RFC 7829 5.1 (3): a PF address is probed once per RTO. */
	if (p->state == FSCTP_PATH_PF)
		return now + p->rto;

	/* 8.3: RTO + HB.interval, with jitter of +/- 50% of the RTO. */
	fsctp_rand(a->st, &r, sizeof(r));
	jitter = p->rto ? (uint64_t)r % (p->rto + 1) : 0;
	return now + interval + p->rto / 2 + jitter;
}

void
fsctp_assoc_hb_start(struct fsctp_assoc *a, fsctp_time_t now)
{
	uint8_t i;

	for (i = 0; i < a->n_paths; i++) {
		struct fsctp_path *p = &a->paths[i];

		if (p->removed || (p->hb_interval_ms == 0 && p->confirmed))
			continue;
		/* 5.4: the first probe of an UNCONFIRMED address goes at
		 * once (the timer fires in this same turn). */
		fsctp_assoc_timer_arm(a->st, &p->hb_timer,
				      p->confirmed ? hb_next(a, p, now) : now);
	}
	/* RFC 8899 6.2.1.1: probing starts once the association is up. */
	fsctp_assoc_pl_start(a, now);
}

static void
send_heartbeat(struct fsctp_assoc *a, struct fsctp_path *p, fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;
	uint8_t info[HB_INFO_LEN];

	memset(info, 0, sizeof(info));
	/* 5.4, 8.3: a 64-bit random nonce; only its echo confirms. */
	fsctp_rand(st, &p->hb_nonce, sizeof(p->hb_nonce));
	if (!p->confirmed)
		st->ctr.fsctp_path_probes++;
	memcpy(info, &p->hb_nonce, 8);
	memcpy(info + 8, &now, 8);
	info[16] = p->idx;
	fsctp_out_begin(st, fsctp_mh_src(a, p), &p->addr, a->peer_vtag, a);
	fsctp_encode_heartbeat(fsctp_out_wbuf(st, 32), info, sizeof(info));
	fsctp_out_ctrl(st);
	fsctp_out_flush(st);
	p->hb_outstanding = true;
	p->hb_sent = now;
	a->ctr.hb_sent++;
}

static void
hb_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_path *p = arg;
	struct fsctp_assoc *a = p->assoc;

	(void)t;
	/* Heartbeats off: a confirmed path is not probed any more. */
	if (p->hb_interval_ms == 0 && p->confirmed && !p->hb_outstanding &&
	    p->state != FSCTP_PATH_PF)
		return;
	/* 8.3: only idle destinations are probed (a PF one always is). */
	if (!p->hb_outstanding && p->last_data != 0 &&
	    p->state != FSCTP_PATH_PF &&
	    now - p->last_data < fsctp_mh_hb_interval(p)) {
		fsctp_assoc_timer_arm(a->st, &p->hb_timer,
				      hb_next(a, p, p->last_data));
		return;
	}
	if (p->hb_outstanding) {
		/* 8.3: an unanswered HEARTBEAT is an error on the path and
		 * the association, and the RTO backs off. */
		p->hb_outstanding = false;
		a->ctr.hb_timeouts++;
		fsctp_path_rto_backoff(p, &a->rto_params);
		/* 5.4: an address the peer listed but that never answers
		 * counts against itself only: a peer (or an attacker in the
		 * INIT) listing dead addresses cannot end the association. */
		if (!p->confirmed) {
			if (++p->error_count > p->pmr)
				p->state = FSCTP_PATH_INACTIVE;
		} else if (fsctp_assoc_error(a, p)) {
			return;
		}
	}
	/* A full output would drop the HEARTBEAT (the timers of many
	 * associations set up together expire together): it goes a
	 * millisecond later instead. */
	if (fsctp_stack_ctrl_full(a->st)) {
		a->st->ctr.fsctp_tx_waits++;
		fsctp_assoc_timer_arm(a->st, &p->hb_timer, now + 1000);
		return;
	}
	send_heartbeat(a, p, now);
	fsctp_assoc_timer_arm(a->st, &p->hb_timer, hb_next(a, p, now));
}

int
fsctp_assoc_hb_ack(struct fsctp_assoc *a, const uint8_t *info, size_t len,
		   fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;
	struct fsctp_path *p;
	uint64_t nonce;

	if (len != HB_INFO_LEN || info[16] >= a->n_paths ||
	    a->paths[info[16]].removed)
		return -EINVAL;
	p = &a->paths[info[16]];
	if (info[17] == PL_INFO_MARK)
		return pl_probe_ack(a, p, info, now);
	memcpy(&nonce, info, 8);
	/* 8.3: only an ACK of the HEARTBEAT we sent (nonce) counts. */
	if (!p->hb_outstanding || nonce != p->hb_nonce)
		return -EINVAL;
	p->hb_outstanding = false;
	if (!p->confirmed) {
		/* 5.4: the nonce came back: the address is CONFIRMED. */
		p->confirmed = true;
		p->state = FSCTP_PATH_ACTIVE;
		p->error_count = 0;
		st->ctr.fsctp_paths_confirmed++;
		fsctp_mh_event(a, p, FSCTP_ADDR_CONFIRMED);
		if (a->state == FSCTP_ESTABLISHED)
			pl_start_path(a, p, now);
	}
	/* The round trip is measured on our own record of the send time. */
	fsctp_path_rtt_update(p, &a->rto_params, now - p->hb_sent);
	a->error_count = 0;
	a->ctr.hb_acked++;
	/* 8.2, RFC 7829: errors cleared, PF or INACTIVE back to ACTIVE,
	 * probed at its normal interval again. */
	if (p->state == FSCTP_PATH_PF && p->hb_interval_ms == 0)
		fsctp_assoc_timer_cancel(st, &p->hb_timer);
	else if (p->state == FSCTP_PATH_PF)
		fsctp_assoc_timer_arm(st, &p->hb_timer,
				      now + fsctp_mh_hb_interval(p) + p->rto);
	fsctp_mh_path_ok(a, p);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* PLPMTUD (RFC 8899 6.2)                                                   */
/* ------------------------------------------------------------------------ */

void
fsctp_assoc_pl_init(struct fsctp_assoc *a, struct fsctp_path *p)
{
	const struct fsctp_stack_config *c = &a->st->cfg;
	struct fsctp_plpmtud_config pc;
	bool v6 = p->addr.family == FSCTP_AF_INET6;

	memset(&pc, 0, sizeof(pc));
	/* 5.1.2: BASE_PLPMTU 1200, within what the core allows (RFC 8201
	 * section 4: an IPv6 path carries 1280); MIN_PLPMTU the family's
	 * floor. */
	pc.base = v6 ? FSCTP_PMTU_MIN_IPV6 : FSCTP_PL_BASE_PLPMTU;
	pc.min = v6 ? FSCTP_PMTU_MIN_IPV6 : FSCTP_PMTU_MIN_IPV4;
	pc.max = c->plpmtud_max != 0 ? c->plpmtud_max : c->pmtu;
	if (pc.max > FSCTP_PMTU_MAX)
		pc.max = FSCTP_PMTU_MAX;
	pc.max_probes = FSCTP_PL_MAX_PROBES;
	pc.bh_losses = 2;
	pc.probe_timer = (fsctp_time_t)c->plpmtud_probe_ms * 1000;
	pc.raise_timer = (fsctp_time_t)c->plpmtud_raise_ms * 1000;
	fsctp_plpmtud_init(&p->pl, &pc);
	/* 5.2: the PLPMTU starts at BASE_PLPMTU. */
	if (c->plpmtud)
		p->pmtu = p->pl.cfg.base;
}

/* 6.2.1: a probe is a HEARTBEAT whose Heartbeat Info carries the probe
 * size, and a PAD chunk (RFC 4820) that makes the IP packet exactly that
 * size; it goes alone, never IP-fragmentable. */
static void
pl_send_probe(struct fsctp_assoc *a, struct fsctp_path *p, fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;
	uint8_t info[HB_INFO_LEN];
	uint32_t size = p->pl.probed, hdr = fsctp_path_ip_hdr(p);
	uint32_t fixed = hdr + 12 + 4 + 4 + HB_INFO_LEN + 4;

	/* Not sent: counted as sent and lost, PROBE_TIMER tries again. */
	if (size < fixed || size - hdr > FSCTP_OUT_BUF) {
		st->ctr.fsctp_tx_too_big++;
		return;
	}
	if (fsctp_stack_ctrl_full(st)) {
		st->ctr.fsctp_tx_waits++;
		return;
	}
	memset(info, 0, sizeof(info));
	fsctp_rand(st, &p->pl_nonce, sizeof(p->pl_nonce));
	memcpy(info, &p->pl_nonce, 8);
	memcpy(info + 8, &now, 8);
	info[16] = p->idx;
	info[17] = PL_INFO_MARK;
	info[18] = (uint8_t)(size >> 8);
	info[19] = (uint8_t)size;
	fsctp_out_flush(st);
	fsctp_out_begin(st, &a->laddr, &p->addr, a->peer_vtag, a);
	st->out.probe = true;
	fsctp_encode_heartbeat(fsctp_out_wbuf(st, 8 + HB_INFO_LEN), info,
			       sizeof(info));
	fsctp_out_ctrl(st);
	fsctp_encode_pad(fsctp_out_wbuf(st, size - fixed + 4), size - fixed);
	fsctp_out_ctrl(st);
	fsctp_out_flush(st);
	st->ctr.fsctp_pl_probes_sent++;
}

/* Carry out what the PLPMTUD module asked for, count it, re-arm its
 * timer. resend: chunks that no longer fit a lowered PMTU go again now
 * (else the caller, T3-rtx, resends). */
static void
pl_apply(struct fsctp_assoc *a, struct fsctp_path *p, unsigned act,
	 const struct fsctp_plpmtud_stats *before, fsctp_time_t now,
	 bool resend)
{
	struct fsctp_stack *st = a->st;
	const struct fsctp_plpmtud_stats *after = &p->pl.stats;

	st->ctr.fsctp_pl_probes_acked +=
		after->probes_acked - before->probes_acked;
	st->ctr.fsctp_pl_probes_lost +=
		after->probes_lost - before->probes_lost;
	st->ctr.fsctp_pl_black_holes +=
		after->black_holes - before->black_holes;
	st->ctr.fsctp_pl_ptb_hints += after->ptb_hints - before->ptb_hints;
	if ((act & FSCTP_PL_A_PMTU) && p->pl.plpmtu != 0 &&
	    p->pl.plpmtu != p->pmtu) {
		if (p->pl.plpmtu < p->pmtu)
			st->ctr.fsctp_pmtu_lowered++;
		else
			st->ctr.fsctp_pl_raised++;
		bool lower = p->pl.plpmtu < p->pmtu;

		p->pmtu = p->pl.plpmtu;
		/* Raised: new DATA is cut for the larger PMTU, nothing in
		 * flight changes. */
		if (!lower)
			fsctp_assoc_data_pmtu_raised(st, a, p);
		else if (resend)
			fsctp_assoc_data_pmtu(st, a, p, now);
	}
	if (a->dead)
		return;
	if (act & FSCTP_PL_A_PROBE)
		pl_send_probe(a, p, now);
	if (p->pl.deadline != 0)
		fsctp_assoc_timer_arm(st, &p->pl_timer, p->pl.deadline);
	else
		fsctp_assoc_timer_cancel(st, &p->pl_timer);
}

static void
pl_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_path *p = arg;
	struct fsctp_plpmtud_stats before = p->pl.stats;
	unsigned act;

	(void)t;
	if (p->pl.state == FSCTP_PL_DISABLED) {
		/* The deferred start (pl_start_path()). */
		if (!p->assoc->st->cfg.plpmtud || !p->confirmed)
			return;
		act = fsctp_plpmtud_start(&p->pl, now);
	} else {
		act = fsctp_plpmtud_timeout(&p->pl, now);
	}
	pl_apply(p->assoc, p, act, &before, now, true);
}

/* 6.2.1.1: probing starts on the path's timer, due now: the first probe
 * leaves after the packet being answered (a COOKIE ACK goes first). */
static void
pl_start_path(struct fsctp_assoc *a, struct fsctp_path *p, fsctp_time_t now)
{
	if (!a->st->cfg.plpmtud || !p->confirmed ||
	    p->pl.state != FSCTP_PL_DISABLED)
		return;
	fsctp_assoc_timer_arm(a->st, &p->pl_timer, now);
}

void
fsctp_assoc_pl_start(struct fsctp_assoc *a, fsctp_time_t now)
{
	uint8_t i;

	for (i = 0; i < a->n_paths && !a->dead; i++)
		if (!a->paths[i].removed)
			pl_start_path(a, &a->paths[i], now);
}

void
fsctp_assoc_pl_data_lost(struct fsctp_assoc *a, struct fsctp_path *p,
			 uint32_t largest, fsctp_time_t now)
{
	struct fsctp_plpmtud_stats before = p->pl.stats;
	unsigned act;

	act = fsctp_plpmtud_data_lost(&p->pl, largest, now);
	pl_apply(a, p, act, &before, now, false);
}

int
fsctp_assoc_pl_ptb(struct fsctp_assoc *a, struct fsctp_path *p, uint32_t mtu,
		   fsctp_time_t now)
{
	struct fsctp_plpmtud_stats before = p->pl.stats;
	unsigned act;

	act = fsctp_plpmtud_ptb(&p->pl, mtu, now);
	pl_apply(a, p, act, &before, now, true);
	return act != 0 ? 0 : -EALREADY;
}

/* 6.2.1: the HEARTBEAT ACK of a probe confirms its size. */
static int
pl_probe_ack(struct fsctp_assoc *a, struct fsctp_path *p, const uint8_t *info,
	     fsctp_time_t now)
{
	struct fsctp_plpmtud_stats before = p->pl.stats;
	uint64_t nonce;
	uint16_t size = (uint16_t)(info[18] << 8 | info[19]);
	unsigned act;

	memcpy(&nonce, info, 8);
	if (p->pl.probed == 0 || nonce != p->pl_nonce)
		return -EINVAL;
	/* 8.3 (RFC 9260): an acknowledged HEARTBEAT shows the path and
	 * the peer reachable. */
	p->error_count = 0;
	a->error_count = 0;
	act = fsctp_plpmtud_probe_acked(&p->pl, size, now);
	pl_apply(a, p, act, &before, now, true);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Shutdown and abort (RFC 9260 9.1, 9.2)                                   */
/* ------------------------------------------------------------------------ */

/* A full output would drop the SHUTDOWN or SHUTDOWN ACK (all associations
 * of a busy endpoint shutting down at once): it waits for room with the
 * senders (fsctp_stack_tx_resume) rather than costing the peer a T2-shutdown
 * expiry; T2 stays armed as the fallback. @return true: it waits. */
static bool
shutdown_wait(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	if (!fsctp_stack_ctrl_full(st))
		return false;
	a->shutdown_waiting = true;
	fsctp_stack_tx_wait(st, a);
	return true;
}

void
fsctp_assoc_send_shutdown(struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;

	fsctp_assoc_timer_arm(st, &a->t2, now + a->paths[a->primary].rto);
	if (!shutdown_wait(st, a)) {
		fsctp_out_begin_assoc(st, a);
		fsctp_encode_shutdown(fsctp_out_wbuf(st, 8),
				      fsctp_assoc_data_cum_tsn(a));
		fsctp_out_ctrl(st);
	}
	/* 9.2: T5-shutdown-guard, 5 x RTO.Max, started with the first
	 * SHUTDOWN and not restarted. */
	if (!fsctp_timer_is_armed(&a->t5))
		fsctp_assoc_timer_arm(st, &a->t5, now + 5 * a->rto_params.max);
}

void
fsctp_assoc_send_shutdown_ack(struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_stack *st = a->st;

	fsctp_assoc_timer_arm(st, &a->t2, now + a->paths[a->primary].rto);
	if (!shutdown_wait(st, a)) {
		fsctp_out_begin_assoc(st, a);
		fsctp_encode_shutdown_ack(fsctp_out_wbuf(st, 4));
		fsctp_out_ctrl(st);
	}
	/* 9.2: the same overall guard as for SHUTDOWN (T5-shutdown-guard,
	 * 5 x RTO.Max, never restarted) bounds SHUTDOWN-ACK-SENT: INITs,
	 * which anyone knowing the tuple can send (tag 0), make us resend
	 * the SHUTDOWN ACK but can never keep the TCB alive. */
	if (!fsctp_timer_is_armed(&a->t5))
		fsctp_assoc_timer_arm(st, &a->t5, now + 5 * a->rto_params.max);
}

void
fsctp_assoc_resend_shutdown_ack(struct fsctp_assoc *a)
{
	struct fsctp_stack *st = a->st;

	fsctp_out_begin_assoc(st, a);
	fsctp_encode_shutdown_ack(fsctp_out_wbuf(st, 4));
	fsctp_out_ctrl(st);
}

void
fsctp_assoc_shutdown_progress(struct fsctp_stack *st, struct fsctp_assoc *a,
			      fsctp_time_t now)
{
	if (a->dead || !fsctp_assoc_data_all_acked(a))
		return;
	if (a->state == FSCTP_SHUTDOWN_PENDING) {
		/* 9.2: all outstanding data acked: send SHUTDOWN. */
		fsctp_assoc_set_state(a, FSCTP_SHUTDOWN_SENT);
		fsctp_assoc_send_shutdown(a, now);
	} else if (a->state == FSCTP_SHUTDOWN_RECEIVED) {
		/* 9.2: all outstanding data acked: send SHUTDOWN ACK. */
		fsctp_assoc_set_state(a, FSCTP_SHUTDOWN_ACK_SENT);
		fsctp_assoc_send_shutdown_ack(a, now);
	}
	(void)st;
}

static void
t2_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_assoc *a = arg;
	struct fsctp_stack *st = a->st;
	/* 6.4: the path the SHUTDOWN (ACK) went to (fsctp_out_begin_assoc). */
	struct fsctp_path *p = fsctp_mh_data_path(a);

	(void)t;
	st->ctr.sctpT2ShutdownExpireds++;
	a->ctr.sctpAssocT2expireds++;
	/* 9.2 with 8.1: each expiry counts as an error. */
	if (fsctp_assoc_error(a, p))
		return;
	/* 9.2: the retransmissions of SHUTDOWN and of SHUTDOWN ACK are
	 * limited to Association.Max.Retrans; beyond it the TCB goes and
	 * the peer is reported unreachable. Counted on their own: a peer
	 * that answers HEARTBEATs (which clear error_count, 8.1) but never
	 * the shutdown, e.g. after a corrupted chunk that passed the CRC,
	 * would otherwise keep the association here for ever. */
	if (++a->t2_retrans > a->assoc_max_retrans) {
		fsctp_assoc_close(a, FSCTP_EV_COMM_LOST, 0, NULL, 0);
		return;
	}
	fsctp_path_rto_backoff(p, &a->rto_params);
	a->ctr.sctpAssocRtxChunks++;
	if (a->state == FSCTP_SHUTDOWN_SENT)
		fsctp_assoc_send_shutdown(a, now);
	else if (a->state == FSCTP_SHUTDOWN_ACK_SENT)
		fsctp_assoc_send_shutdown_ack(a, now);
}

void
fsctp_assoc_abort(struct fsctp_assoc *a, const uint8_t *causes,
		  uint16_t causes_len, enum fsctp_event_type ev, uint16_t cause)
{
	struct fsctp_stack *st = a->st;

	/* 9.1: the peer's tag, no DATA bundled. Without the peer's tag
	 * (COOKIE-WAIT) the peer holds no state and nothing is sent. */
	if (a->peer_vtag != 0) {
		fsctp_out_begin_assoc(st, a);
		fsctp_encode_abort(fsctp_out_wbuf(st, (size_t)causes_len + 4),
				   false, causes, causes_len);
		fsctp_out_ctrl(st);
		fsctp_out_flush(st);
	}
	st->ctr.sctpAborteds++;
	fsctp_assoc_close(a, ev, cause, NULL, 0);
}

static void
t5_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_assoc *a = arg;

	(void)t;
	(void)now;
	a->st->ctr.sctpT5ShutdownGuardExpireds++;
	/* 9.2: T5 expiry: send ABORT and destroy the TCB. */
	fsctp_assoc_abort(a, NULL, 0, FSCTP_EV_COMM_LOST, 0);
}
