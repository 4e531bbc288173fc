/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data path of an association (RFC 9260 sections 6 and 7, and the data
 * rules of 9.2): the glue between the association lifecycle (fsctp_sm.c,
 * fsctp_assoc.c) and the pure data modules - the TSN map (fsctp_tsnmap),
 * reassembly (fsctp_reasm), the send queue (fsctp_sendq) and congestion
 * control (fsctp_cc). It implements the hooks of the DATA-PATH INTEGRATION
 * CONTRACT in fsctp_assoc.h, fsctp_send() and fsctp_msg_free(), and owns the
 * T3-rtx timers (one per path) and the delayed SACK timer.
 *
 * Receive: each DATA chunk is classified by the TSN map, handed to
 * reassembly, marked; once per packet the map decides the SACK, which is
 * bundled in the reply before any DATA (6.10). Send: user messages go to the
 * send queue; at every transmit opportunity (a send, the end of a received
 * packet, a timer) packets are cut by the queue within cwnd, the peer's
 * rwnd and Max.Burst, and T3-rtx is started (6.3.2 R1).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_cause.h"
#include "fsctp_chunk.h"
#include "fsctp_serial.h"

/* The public scheduler names are the core's (RFC 8260 4.3.2 values). */
/* A delivered message's descriptor takes a block of the message cache. */
_Static_assert(sizeof(struct fsctp_msg) <= FSCTP_SENDQ_CACHE_PAYLOAD,
	       "struct fsctp_msg fits a message cache block");
_Static_assert((int)FSCTP_SS_FCFS == (int)FSCTP_SCHED_FCFS &&
		       (int)FSCTP_SS_RR == (int)FSCTP_SCHED_RR &&
		       (int)FSCTP_SS_RR_PKT == (int)FSCTP_SCHED_RR_PKT &&
		       (int)FSCTP_SS_PRIO == (int)FSCTP_SCHED_PRIO &&
		       (int)FSCTP_SS_FC == (int)FSCTP_SCHED_FC &&
		       (int)FSCTP_SS_WFQ == (int)FSCTP_SCHED_WFQ,
	       "scheduler values");

/* Chunks in one packet at most (1-byte messages: 20 bytes each). */
#define TX_CHUNKS_MAX 96
/* Transmit loop guard: packets per transmit opportunity. */
#define TX_PACKETS_MAX 256

/* A message queued before the TCB knows the peer (COOKIE-WAIT). */
struct fsctp_data_pre {
	struct fsctp_data_pre *next;
	struct fsctp_sendq_msginfo info;
	uint32_t len;
	uint8_t data[];
};

static void t3_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);
static void sack_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);

static struct fsctp_assoc_data *
data_alloc(struct fsctp_assoc *a)
{
	struct fsctp_assoc_data *d;
	uint8_t i;

	if (a->data != NULL)
		return a->data;
	d = calloc(1, sizeof(*d));
	if (d == NULL) {
		a->st->ctr.fsctp_nomem++;
		return NULL;
	}
	d->a = a;
	for (i = 0; i < FSCTP_MAX_PATHS; i++) {
		d->t3[i].d = d;
		d->t3[i].path = i;
		fsctp_timer_init(&d->t3[i].t, t3_expired, &d->t3[i]);
	}
	fsctp_timer_init(&d->sack_timer, sack_expired, d);
	a->data = d;
	return d;
}

/* ------------------------------------------------------------------------ */
/* Events                                                                   */
/* ------------------------------------------------------------------------ */

static void
event_simple(struct fsctp_assoc *a, enum fsctp_event_type type)
{
	fsctp_assoc_event(a, type, 0, NULL, 0);
}

static void send_failed_ev(struct fsctp_assoc *a,
			   const struct fsctp_sendq_msginfo *info,
			   const uint8_t *data, uint32_t len, bool sent,
			   bool abandoned);

/* RFC 6458 6.1.4 (SCTP_SEND_FAILED_EVENT): one per message not delivered. */
static void
send_failed_cb(void *ctx, const struct fsctp_sendq_msginfo *info,
	       const uint8_t *data, uint32_t len, bool sent)
{
	send_failed_ev(ctx, info, data, len, sent, false);
}

/* RFC 3758 3.5, RFC 7496: a message abandoned by its PR-SCTP policy. */
static void
pr_failed_cb(void *ctx, const struct fsctp_sendq_msginfo *info,
	     const uint8_t *data, uint32_t len, bool sent)
{
	struct fsctp_assoc *a = ctx;

	a->ctr.pr_abandoned++;
	send_failed_ev(a, info, data, len, sent, true);
}

static void
send_failed_ev(struct fsctp_assoc *a, const struct fsctp_sendq_msginfo *info,
	       const uint8_t *data, uint32_t len, bool sent, bool abandoned)
{
	struct fsctp_stack *st = a->st;
	struct fsctp_event ev;

	st->ctr.fsctp_send_failed++;
	if (st->ops.event == NULL)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_SEND_FAILED;
	ev.data = data;
	ev.data_len = len;
	ev.sid = info->sid;
	ev.ppid = info->ppid;
	ev.context = info->context;
	ev.sent = sent;
	ev.abandoned = abandoned;
	fsctp_assoc_emit(a, &ev);
}

/* Zero copy: the packet a DATA chunk lies in, when the owner references
 * packets and the payload lies within it; else NULL (copied). */
static void *
rx_ref(const struct fsctp_rx *rx, const uint8_t *p, uint32_t len)
{
	if (rx->ref == NULL || p < rx->ref_base ||
	    p + len > rx->ref_base + rx->ref_len)
		return NULL;
	return rx->ref;
}

static bool
ref_hold_cb(void *ctx, void *ref)
{
	struct fsctp_stack *st = ((struct fsctp_assoc_data *)ctx)->a->st;

	return st->ops.pkt_hold(st->ops.ctx, ref);
}

static void
ref_put_cb(void *ctx, void *ref)
{
	struct fsctp_stack *st = ((struct fsctp_assoc_data *)ctx)->a->st;

	st->ops.pkt_put(st->ops.ctx, ref);
}

/* A delivered message's data goes back: its packet, or its buffer. */
static void
msg_data_free(struct fsctp_stack *st, uint8_t *data, uint32_t len, void *ref)
{
	if (ref != NULL)
		st->ops.pkt_put(st->ops.ctx, ref);
	else
		fsctp_reasm_msg_buf_free(&st->msg_cache, data, len);
}

/* Reassembly hands over a complete message: FSCTP_EV_DATA. */
static void
deliver_cb(void *ctx, const struct fsctp_reasm_msg *rm)
{
	struct fsctp_assoc_data *d = ctx;
	struct fsctp_assoc *a = d->a;
	struct fsctp_stack *st = a->st;
	struct fsctp_msg *m;
	struct fsctp_event ev;

	if (a->dead) {
		/* The application closed the association from a callback
		 * while this delivery loop ran: nobody takes the message. */
		st->ctr.fsctp_rx_after_close++;
		msg_data_free(st, rm->data, rm->len, rm->ref);
		fsctp_reasm_credit(&d->reasm, rm->len);
		return;
	}
	/* A block of the stack's cache (the message goes back there in
	 * fsctp_msg_free()). */
	m = fsctp_objcache_get(&st->msg_cache);
	if (m == NULL || st->ops.event == NULL) {
		/* The message is lost to the application: give the window
		 * back so the association does not stall. */
		st->ctr.fsctp_nomem += m == NULL;
		free(m);
		msg_data_free(st, rm->data, rm->len, rm->ref);
		fsctp_reasm_credit(&d->reasm, rm->len);
		return;
	}
	m->assoc_id = a->id;
	m->user = a->user;
	m->sid = rm->sid;
	m->ssn = rm->ssn;
	m->ppid = rm->ppid;
	m->tsn = rm->tsn;
	m->unordered = rm->unordered;
	m->len = rm->len;
	m->data = rm->data;
	m->partial = rm->more;
	m->mid = rm->mid;
	m->pkt = rm->ref;
	a->ctr.msgs_in++;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_DATA;
	ev.msg = m;
	fsctp_assoc_emit(a, &ev);
}

/* RFC 6458 6.1.7: a message partly delivered will not be finished. */
static void
pd_aborted_cb(void *ctx, uint16_t sid, bool unordered, uint32_t mid,
	      uint32_t ppid)
{
	struct fsctp_assoc_data *d = ctx;
	struct fsctp_assoc *a = d->a;
	struct fsctp_event ev;

	a->st->ctr.fsctp_pd_aborted++;
	if (a->st->ops.event == NULL)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_PARTIAL_DELIVERY;
	ev.sid = sid;
	ev.ppid = ppid;
	ev.mid = mid;
	ev.unordered = unordered;
	fsctp_assoc_emit(a, &ev);
}

/* ------------------------------------------------------------------------ */
/* Set-up and teardown                                                      */
/* ------------------------------------------------------------------------ */

/* Bytes of SCTP packet (common header included) that fit the path. */
static uint32_t
path_capacity(const struct fsctp_path *p)
{
	uint32_t cap = p->pmtu > fsctp_path_ip_hdr(p) + 12 + 16 + 4
			       ? p->pmtu - fsctp_path_ip_hdr(p)
			       : 12 + 16 + 4;
	/* Packets stay within FSCTP_OUT_MAX, except on a path whose PMTU
	 * PLPMTUD confirmed larger than 1500 (RFC 8899; MAX_PLPMTU comes
	 * from the configuration, which the runtime keeps within its
	 * mbufs): those keep the same 48 bytes of room. */
	uint32_t lim = FSCTP_OUT_MAX;

	if (p->pl.state != FSCTP_PL_DISABLED && p->pmtu > FSCTP_OUT_MAX + 48u)
		lim = p->pmtu - 48u;

	if (lim > FSCTP_OUT_BUF)
		lim = FSCTP_OUT_BUF;
	/* RFC 4895 6.2: room for the AUTH chunk flush may insert. */
	lim -= fsctp_auth_tx_room(p->assoc);
	return cap < lim ? cap : lim;
}

static void
requeue_cb(void *ctx, const struct fsctp_sendq_msginfo *info,
	   const uint8_t *data, uint32_t len, bool sent)
{
	struct fsctp_assoc *a = ctx;
	struct fsctp_assoc_data *d = a->data;

	(void)sent;
	if (info->sid >= a->n_out ||
	    fsctp_sendq_push(&d->sq, info, data, len, a->st->now) < 0)
		send_failed_cb(a, info, data, len, sent);
}

/* A per-association secret for the reassembly lookup hash: from the
 * stack's cookie secret (never on the wire) and the association's tags,
 * without drawing new random bytes. */
static uint64_t
reasm_hash_key(const struct fsctp_stack *st, const struct fsctp_assoc *a)
{
	const uint8_t *k = st->secret.key[st->secret.gen & 1];
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < FSCTP_COOKIE_KEY_LEN; i++)
		h = (h ^ k[i]) * 0x100000001b3ull;
	h ^= (uint64_t)a->my_vtag << 32 | a->peer_vtag;
	h *= 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 31);
}

/* Set the modules up from the TCB; pre-queued messages move in. */
static int
data_setup(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_tsnmap_config mc;
	struct fsctp_reasm_config rc;
	struct fsctp_sendq_config sc;
	struct fsctp_data_pre *pm;
	uint8_t i;

	/* RFC 6525 5.1.1, 5.2.1: sequence numbers from the Initial TSNs. */
	fsctp_reconf_setup(st, a);
	memset(&mc, 0, sizeof(mc));
	mc.initial_tsn = a->peer_itsn;
	mc.sack_freq = st->cfg.sack_freq;
	mc.sack_delay = (fsctp_time_t)st->cfg.sack_delay_ms * 1000;
	if (mc.sack_delay > 500000)
		mc.sack_delay = 500000; /* 6.2: at most 500 ms. */
	fsctp_tsnmap_fini(&d->map);	/* a restart's set-up: a new map */
	if (fsctp_tsnmap_init(&d->map, &mc) < 0)
		return -EINVAL;
	if (st->reasm_global.limit == 0)
		st->reasm_global.limit = st->cfg.reasm_limit_global;
	memset(&rc, 0, sizeof(rc));
	rc.n_in_streams = a->n_in ? a->n_in : 1;
	rc.rwnd = st->cfg.rwnd;
	rc.deliver = deliver_cb;
	rc.ctx = d;
	rc.hash_key = reasm_hash_key(st, a);
	rc.pd_point = st->cfg.pd_point;
	rc.frag_interleave = st->cfg.frag_interleave;
	rc.pd_aborted = pd_aborted_cb;
	rc.cache = &st->msg_cache;
	if (st->ops.pkt_hold != NULL) {
		rc.ref_hold = ref_hold_cb;
		rc.ref_put = ref_put_cb;
	}
	if (fsctp_reasm_init(&d->reasm, &rc, &st->reasm_global) < 0)
		return -ENOMEM;
	d->reasm_inited = true;
	memset(&sc, 0, sizeof(sc));
	sc.sndbuf = st->cfg.sndbuf;
	sc.max_msg_size = st->cfg.max_msg_size;
	sc.n_out_streams = a->n_out ? a->n_out : 1;
	sc.initial_tsn = a->my_itsn;
	sc.peer_rwnd = a->peer_rwnd;
	sc.max_burst = st->cfg.max_burst;
	sc.nodelay = st->cfg.nodelay;
	/* RFC 3758 3.3: policies only with a peer that supports PR-SCTP. */
	sc.pr_enabled = (a->features & FSCTP_FEAT_PRSCTP) != 0;
	/* RFC 8260 2.2: I-DATA only when both sides listed it. */
	sc.idata = (a->features & FSCTP_FEAT_IDATA) != 0;
	sc.pr_failed = pr_failed_cb;
	sc.pr_ctx = a;
	sc.cache = &st->msg_cache;
	if (fsctp_sendq_init(&d->sq, &sc) < 0)
		return -ENOMEM;
	/* RFC 8260 3: the configured stream scheduler. */
	if (fsctp_sendq_set_sched(&d->sq, st->cfg.stream_sched) < 0)
		fsctp_sendq_set_sched(&d->sq, FSCTP_SS_FCFS);
	d->sq_inited = true;
	/* 7.2.1: the initial cwnd of each destination. */
	for (i = 0; i < FSCTP_MAX_PATHS; i++)
		fsctp_cc_rfc9260.init(&d->cc[i], i < a->n_paths
							 ? a->paths[i].pmtu
							 : st->cfg.pmtu);
	/* Messages sent in COOKIE-WAIT go in now, in order. */
	while ((pm = d->pre_head) != NULL) {
		d->pre_head = pm->next;
		d->pre_bytes -= pm->len;
		requeue_cb(a, &pm->info, pm->data, pm->len, false);
		free(pm);
	}
	d->pre_tail = NULL;
	if (d->pre_eagain)
		d->sq.want_writable = true;
	return 0;
}

void
fsctp_assoc_data_init(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_assoc_data *d = data_alloc(a);

	if (d == NULL)
		return;
	if (data_setup(st, a) < 0)
		st->ctr.fsctp_nomem++;
	d->ready = d->sq_inited && d->reasm_inited;
}

static void
cancel_timers(struct fsctp_stack *st, struct fsctp_assoc_data *d)
{
	uint8_t i;

	for (i = 0; i < FSCTP_MAX_PATHS; i++)
		fsctp_assoc_timer_cancel(st, &d->t3[i].t);
	fsctp_assoc_timer_cancel(st, &d->sack_timer);
	fsctp_reconf_stop(st, d->a);
}

/* Free the modules; what was never delivered goes to cb (or nowhere). */
static void
data_teardown(struct fsctp_stack *st, struct fsctp_assoc *a,
	      fsctp_sendq_failed_cb cb)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_data_pre *pm;

	cancel_timers(st, d);
	/* RFC 6458 6.1.7: partial deliveries cut short by the end. */
	if (d->reasm_inited && cb != NULL)
		fsctp_reasm_pd_abort_all(&d->reasm);
	while ((pm = d->pre_head) != NULL) {
		d->pre_head = pm->next;
		if (cb != NULL)
			cb(a, &pm->info, pm->data, pm->len, false);
		free(pm);
	}
	d->pre_tail = NULL;
	d->pre_bytes = 0;
	fsctp_reconf_free(a);
	if (d->sq_inited) {
		if (cb != NULL)
			fsctp_sendq_abandon(&d->sq, cb, a);
		fsctp_sendq_fini(&d->sq);
		d->sq_inited = false;
	}
	if (d->reasm_inited) {
		fsctp_reasm_fini(&d->reasm);
		d->reasm_inited = false;
	}
	d->ready = false;
}

void
fsctp_assoc_data_reset(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_assoc_data *d = data_alloc(a);
	struct fsctp_sendq old;
	bool had_sq;

	if (d == NULL)
		return;
	/* 5.2.4: the peer restarted (case A) or a setup collision changed
	 * the TSNs (case B). Every counter starts over. Messages of a
	 * handshake that never completed are kept and sent under the new
	 * TSNs; after a restart the peer lost what it held, so what we
	 * had not seen acknowledged is reported as failed. */
	had_sq = d->sq_inited;
	old = d->sq;
	d->sq_inited = false;
	cancel_timers(st, d);
	if (d->reasm_inited) {
		/* RFC 6458 6.1.7: a partial delivery cut short. */
		fsctp_reasm_pd_abort_all(&d->reasm);
		fsctp_reasm_fini(&d->reasm);
		d->reasm_inited = false;
	}
	if (data_setup(st, a) < 0)
		st->ctr.fsctp_nomem++;
	d->ready = d->sq_inited && d->reasm_inited;
	if (had_sq) {
		bool handshake = a->state == FSCTP_COOKIE_WAIT ||
				 a->state == FSCTP_COOKIE_ECHOED;

		fsctp_sendq_abandon(&old,
				    handshake && d->sq_inited ? requeue_cb
							      : send_failed_cb,
				    a);
		fsctp_sendq_fini(&old);
	}
}

void
fsctp_assoc_data_close(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	if (a->data != NULL)
		cancel_timers(st, a->data);
}

void
fsctp_assoc_data_free(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_assoc_data *d = a->data;

	if (d == NULL)
		return;
	/* 9.1, 8.1 (RFC 6458 6.1.4): every message not acknowledged is
	 * reported, with whether any of it went on the wire. Not when the
	 * owner frees the whole stack. */
	data_teardown(st, a, st->freeing ? NULL : send_failed_cb);
	fsctp_tsnmap_fini(&d->map);
	free(d);
	a->data = NULL;
}

/* ------------------------------------------------------------------------ */
/* SACK output (RFC 9260 6.2)                                               */
/* ------------------------------------------------------------------------ */

static struct fsctp_path *
reply_path(struct fsctp_assoc *a, uint8_t idx)
{
	/* 5.4: nothing but HEARTBEAT (ACK) and ABORT goes to an UNCONFIRMED
	 * address, not even the SACK for DATA that came from it. */
	if (idx < a->n_paths && a->paths[idx].confirmed)
		return &a->paths[idx];
	/* 6.4: else where data goes (an ACTIVE path, the primary first). */
	return fsctp_mh_data_path(a);
}

/* Append a SACK to the packet being built for path p. */
static void
send_sack(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_path *p)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_wbuf *w;
	size_t need;

	/* A full output would drop the SACK: it waits for room with the
	 * senders, in turn (a later SACK says everything an earlier one
	 * would). */
	if (fsctp_stack_ctrl_full(st)) {
		d->sack_waiting = true;
		fsctp_stack_tx_wait(st, a);
		return;
	}
	fsctp_out_begin(st, fsctp_mh_src(a, p), &p->addr, a->peer_vtag, a);
	need = 16 + 4u * fsctp_tsnmap_gap_count(&d->map) + 4u * d->map.n_dups;
	if (need > path_capacity(p) - 12)
		need = path_capacity(p) - 12;
	w = fsctp_out_wbuf(st, need);
	if (fsctp_tsnmap_write_sack(&d->map, w, fsctp_reasm_rwnd(&d->reasm),
				    fsctp_wbuf_room(w)) < 0) {
		st->ctr.fsctp_tx_too_big++;
		return;
	}
	fsctp_out_ctrl(st);
	fsctp_assoc_timer_cancel(st, &d->sack_timer);
	d->wnd_update = false;
	d->sack_waiting = false;
	a->ctr.sacks_out++;
}

static void
sack_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_assoc_data *d = arg;
	struct fsctp_assoc *a = d->a;

	(void)t;
	/* 6.2: the delayed SACK timer fired: acknowledge now. */
	if (!d->ready || a->peer_vtag == 0)
		return;
	(void)now;
	a->st->ctr.fsctp_sack_delayed++;
	send_sack(a->st, a, reply_path(a, d->sack_path));
}

/* ------------------------------------------------------------------------ */
/* Transmission (RFC 9260 6.1, 6.3.2, 6.10, 7.2)                            */
/* ------------------------------------------------------------------------ */

static bool
may_send_data(const struct fsctp_assoc *a)
{
	/* 9.2: SHUTDOWN-PENDING and SHUTDOWN-RECEIVED still send what is
	 * queued; SHUTDOWN is sent only when all of it is acknowledged. */
	return a->state == FSCTP_ESTABLISHED ||
	       a->state == FSCTP_SHUTDOWN_PENDING ||
	       a->state == FSCTP_SHUTDOWN_RECEIVED;
}

static struct fsctp_path *
data_path(struct fsctp_assoc *a)
{
	/* 6.4, 5.4, RFC 7829: fsctp_multihome.c. */
	return fsctp_mh_data_path(a);
}

static void
sync_flight(struct fsctp_assoc_data *d)
{
	uint8_t i;

	for (i = 0; i < FSCTP_MAX_PATHS; i++)
		d->cc[i].flight_size = fsctp_sendq_path_flight(&d->sq, i);
}

static bool
fwd_keeps_t3(struct fsctp_assoc *a, uint8_t i)
{
	return fsctp_sendq_fwd_pending(&a->data->sq) && data_path(a)->idx == i;
}

/* RFC 3758 3.5 C3, F2: the FORWARD TSN owed goes into the packet open to
 * path p, ahead of the DATA that follows it there. */
static void
fwd_tsn_send(struct fsctp_stack *st, struct fsctp_assoc *a,
	     struct fsctp_path *p, fsctp_time_t now)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_sendq_fwd f;
	struct fsctp_wbuf *w;
	int err;

	d->fwd_due = false;
	if (!fsctp_sendq_fwd_tsn(&d->sq, now, &f))
		return;
	fsctp_out_begin(st, fsctp_mh_src(a, p), &p->addr, a->peer_vtag, a);
	/* RFC 8260 2.3: with I-DATA, an I-FORWARD-TSN of (stream, U, MID)
	 * entries replaces the FORWARD TSN. */
	if (d->sq.cfg.idata) {
		w = fsctp_out_wbuf(st, 8 + 8u * f.n_ient);
		err = fsctp_encode_ifwd_tsn(w, f.new_cum_tsn, f.ient, f.n_ient);
	} else {
		w = fsctp_out_wbuf(st, 8 + 4u * f.n_streams);
		err = fsctp_encode_fwd_tsn(w, f.new_cum_tsn,
					   (const uint16_t(*)[2])f.streams,
					   f.n_streams);
	}
	if (err < 0) {
		st->ctr.fsctp_tx_too_big++;
		return;
	}
	fsctp_out_ctrl(st);
	a->ctr.fwd_tsn_out++;
	sync_flight(d);
}

static void
t3_update(struct fsctp_stack *st, struct fsctp_assoc *a, uint8_t i,
	  bool restart, fsctp_time_t now)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_timer *t = &d->t3[i].t;

	/* 6.3.2 R2: no data outstanding on the path: stop T3-rtx. R1/R3:
	 * data outstanding: keep it running, or restart it. RFC 3758 3.5
	 * A5: while a FORWARD TSN is owed, the data path's T3-rtx runs. */
	if (fsctp_sendq_path_outstanding(&d->sq, i) == 0 && !fwd_keeps_t3(a, i))
		fsctp_assoc_timer_cancel(st, t);
	else if (restart || !fsctp_timer_is_armed(t))
		fsctp_assoc_timer_arm(st, t, now + a->paths[i].rto);
}

/*
 * Fill the packet open to path p (bundled behind control chunks and a
 * SACK, 6.10), and then whole packets, until the send queue says stop
 * (cwnd, rwnd, Max.Burst, Nagle: 6.1, 7.2). With only_open, just the open
 * packet (DATA behind a COOKIE ECHO, 5.1).
 */
static void
transmit_path(struct fsctp_stack *st, struct fsctp_assoc *a,
	      struct fsctp_path *p, fsctp_time_t now, bool only_open)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_sendq_chunk_out co[TX_CHUNKS_MAX];
	struct fsctp_sendq_tx tx;
	struct fsctp_cc_path *cc = &d->cc[p->idx];
	uint32_t cap = path_capacity(p);
	unsigned pk;
	bool sent = false;

	/* 7.2.1: a path idle for more than an RTO restarts slowly. */
	if (p->last_data != 0 && p->rto != 0 &&
	    fsctp_sendq_path_flight(&d->sq, p->idx) == 0 &&
	    now - p->last_data > p->rto)
		fsctp_cc_rfc9260.on_idle(
			cc, (uint32_t)((now - p->last_data) / p->rto));
	for (pk = 0; pk < TX_PACKETS_MAX; pk++) {
		struct fsctp_out *o = &st->out;
		uint32_t n, i, pcap;
		bool fresh;

		/* The owner's output is full: the DATA waits in the send
		 * queue (not sent, so no loss to recover from) until
		 * fsctp_stack_tx_resume(). */
		if (fsctp_stack_tx_full(st)) {
			fsctp_stack_tx_wait(st, a);
			break;
		}
		/* No packet open (no control chunk waits for DATA to join
		 * it) and no DATA to send: no packet to open (the send queue
		 * would give no chunk to it, below). */
		if (!o->open && fsctp_sendq_nothing_to_send(&d->sq))
			break;
		fsctp_out_begin(st, fsctp_mh_src(a, p), &p->addr, a->peer_vtag,
				a);
		fresh = o->n_chunks == 0;
		/* The owner had no packet buffer (ops.out_buf): as with a
		 * full output, the DATA waits for fsctp_stack_tx_resume(). */
		if (fresh && fsctp_out_no_buf(st)) {
			fsctp_out_flush(st);
			fsctp_stack_tx_wait(st, a);
			break;
		}
		/* An owner's buffer smaller than the path (ops.out_buf):
		 * DATA is cut for the buffer. */
		pcap = cap < o->w.cap ? cap : (uint32_t)o->w.cap;
		memset(&tx, 0, sizeof(tx));
		tx.path = p->idx;
		tx.room = o->w.len < pcap ? (uint32_t)(pcap - o->w.len) : 0;
		tx.max_frag = pcap - 12 -
			      (d->sq.cfg.idata ? FSCTP_IDATA_HDR_LEN
					       : FSCTP_DATA_HDR_LEN);
		tx.cwnd = cc->cwnd;
		tx.now = now;
		/* 6.10: DATA behind a SACK or control chunks must fit the
		 * rest of the packet; what does not goes in the next one. */
		tx.bundled = !fresh;
		n = fsctp_sendq_next_packet(&d->sq, &tx, co, TX_CHUNKS_MAX);
		if (n == 0 && !fresh && !only_open) {
			/* Maybe only the control chunks left no room: try
			 * a packet of DATA alone. */
			fsctp_out_flush(st);
			continue;
		}
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			if (fsctp_sendq_write_data(&o->w, &co[i]) < 0) {
				st->ctr.fsctp_tx_too_big++;
				break;
			}
			o->n_chunks++;
			a->ctr.out_data_chunks++;
			if (co[i].flags & FSCTP_DATA_FLAG_U)
				st->ctr.sctpOutUnorderChunks++;
			else
				st->ctr.sctpOutOrderChunks++;
			if (co[i].rtx) {
				a->ctr.sctpAssocRtxChunks++;
				st->ctr.fsctp_rtx_chunks++;
			} else if ((co[i].flags &
				    (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E)) ==
				   FSCTP_DATA_FLAG_B) {
				st->ctr.sctpFragUsrMsgs++;
			}
		}
		p->last_data = now;
		sent = true;
		fsctp_out_flush(st);
		if (only_open)
			break;
	}
	if (sent) {
		cc->flight_size = fsctp_sendq_path_flight(&d->sq, p->idx);
		t3_update(st, a, p->idx, false, now);
	}
}

/* New DATA can leave on the data path now: queued, and both windows open
 * (6.1 A, B). */
static bool
data_waiting(struct fsctp_assoc *a)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_path *p = data_path(a);

	return may_send_data(a) && d->sq.unsent_bytes > 0 &&
	       fsctp_sendq_peer_rwnd(&d->sq) > 0 &&
	       fsctp_sendq_path_flight(&d->sq, p->idx) < d->cc[p->idx].cwnd;
}

static void
transmit(struct fsctp_stack *st, struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_assoc_data *d = a->data;

	uint64_t abandoned;

	if (d == NULL || !d->ready || a->dead || !may_send_data(a))
		return;
	abandoned = a->ctr.pr_abandoned;
	if (d->fwd_due)
		fwd_tsn_send(st, a, data_path(a), now);
	transmit_path(st, a, data_path(a), now, false);
	/* RFC 6525 5.1.2: an Outgoing SSN Reset Request waiting for the
	 * messages queued before it. */
	fsctp_reconf_tx_done(st, a, now);
	/* RFC 3758 3.5 A5: abandoned chunks not yet skipped by the peer
	 * keep the data path's T3-rtx running for the FORWARD TSN. */
	if (fsctp_sendq_fwd_pending(&d->sq))
		t3_update(st, a, data_path(a)->idx, false, now);
	/* 9.2: the queue may have run dry by abandoning what was never
	 * sent (RFC 3758 3.5 A): nothing left to acknowledge, the shutdown
	 * goes on. */
	if (a->ctr.pr_abandoned != abandoned &&
	    (a->state == FSCTP_SHUTDOWN_PENDING ||
	     a->state == FSCTP_SHUTDOWN_RECEIVED) &&
	    fsctp_sendq_is_dry(&d->sq))
		fsctp_assoc_shutdown_progress(st, a, now);
}

void
fsctp_assoc_data_resume(struct fsctp_stack *st, struct fsctp_assoc *a,
			fsctp_time_t now)
{
	struct fsctp_assoc_data *d = a->data;

	if (d == NULL || !d->ready || a->dead)
		return;
	/* 6.2, 6.10: the SACK that waited goes first. */
	if (d->sack_waiting && a->peer_vtag != 0)
		send_sack(st, a, reply_path(a, d->sack_path));
	transmit(st, a, now);
}

void
fsctp_assoc_data_pmtu(struct fsctp_stack *st, struct fsctp_assoc *a,
		      struct fsctp_path *p, fsctp_time_t now)
{
	struct fsctp_assoc_data *d = a->data;
	uint32_t n;

	if (d == NULL || !d->ready)
		return;
	/* RFC 9260 7.2: the MTU of the congestion control rules is the
	 * path's current PMTU. cwnd itself is left as it is. */
	d->cc[p->idx].mtu = p->pmtu;
	/* In COOKIE-ECHOED nothing may be resent yet (5.1): T3-rtx and the
	 * first transmit after the COOKIE ACK take care of it. */
	if (a->dead || !may_send_data(a))
		return;
	/* 7.3, 6.9: chunks cut for the old PMTU that no longer fit one
	 * packet were dropped by the smaller link; resend them now (alone,
	 * IP-fragmentable) instead of waiting for T3-rtx. New data is cut
	 * for the new PMTU by transmit_path(). */
	n = fsctp_sendq_pmtu_lowered(&d->sq, p->idx, path_capacity(p) - 12);
	if (n == 0)
		return;
	st->ctr.fsctp_pmtu_rtx_chunks += n;
	sync_flight(d);
	t3_update(st, a, p->idx, false, now);
	transmit(st, a, now);
}

void
fsctp_assoc_data_pmtu_raised(struct fsctp_stack *st, struct fsctp_assoc *a,
			     struct fsctp_path *p)
{
	struct fsctp_assoc_data *d = a->data;

	(void)st;
	/* RFC 9260 7.2: the MTU of the congestion control rules. */
	if (d != NULL && d->ready)
		d->cc[p->idx].mtu = p->pmtu;
}

/* ------------------------------------------------------------------------ */
/* Timers                                                                   */
/* ------------------------------------------------------------------------ */

static void
t3_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_data_t3 *t3 = arg;
	struct fsctp_assoc_data *d = t3->d;
	struct fsctp_assoc *a = d->a;
	struct fsctp_stack *st = a->st;
	struct fsctp_path *p = &a->paths[t3->path];
	struct fsctp_path *alt;

	(void)t;
	if (!d->ready || t3->path >= a->n_paths)
		return;
	a->ctr.sctpAssocT3expireds++;
	st->ctr.fsctp_t3_expireds++;
	/* RFC 8899 4.3: black-hole detection watches the loss of packets
	 * larger than BASE_PLPMTU (the flight, up to one full packet). It
	 * may lower the PMTU: the chunks cut for the old one are resent
	 * below, alone and IP-fragmentable (6.9). */
	if (a->state != FSCTP_COOKIE_ECHOED &&
	    p->pl.state != FSCTP_PL_DISABLED) {
		uint32_t largest =
			fsctp_path_ip_hdr(p) + 12 +
			fsctp_sendq_path_wire(&d->sq, t3->path, p->pmtu);

		if (largest > p->pmtu)
			largest = p->pmtu;
		fsctp_assoc_pl_data_lost(a, p, largest, now);
		if (a->dead)
			return;
		d->cc[t3->path].mtu = p->pmtu;
	}
	/* 7.2.3: cwnd to one MTU, ssthresh halved. 6.3.3 E3: every chunk
	 * in flight on the path is marked for retransmission. */
	fsctp_cc_rfc9260.on_t3_timeout(&d->cc[t3->path]);
	fsctp_sendq_t3_expired(&d->sq, t3->path);
	sync_flight(d);
	/* 6.3.3 E2: back off the RTO. */
	fsctp_path_rto_backoff(p, &a->rto_params);
	if (a->state == FSCTP_COOKIE_ECHOED) {
		/* 5.1: no DATA alone before the COOKIE ACK; T1-cookie
		 * counts the handshake's errors. */
		fsctp_assoc_timer_arm(st, &d->t3[t3->path].t, now + p->rto);
		return;
	}
	/* 8.1, 8.2: a T3-rtx expiry is an error on the path and the
	 * association: Path.Max.Retrans / Association.Max.Retrans. 6.1 A:
	 * not a zero window probe that went unacknowledged while the peer
	 * answers with SACKs (it may keep its window closed for an
	 * indefinite time). */
	if ((fsctp_sendq_peer_rwnd(&d->sq) != 0 || a->t3_unanswered != 0) &&
	    fsctp_assoc_error(a, p))
		return;
	/* 8.1: HEARTBEAT ACKs clear error_count, but a peer that has not
	 * answered our DATA with a single SACK through Association.Max.Retrans
	 * expiries in a row does not take it: it is unreachable for data. */
	if (++a->t3_unanswered > st->cfg.assoc_max_retrans) {
		st->ctr.fsctp_t3_unanswered++;
		fsctp_assoc_close(a, FSCTP_EV_COMM_LOST, 0, NULL, 0);
		return;
	}
	/* RFC 3758 3.5 A5: try to advance the Advanced.Peer.Ack.Point and
	 * send a FORWARD TSN. */
	if (d->sq.cfg.pr_enabled)
		d->fwd_due = true;
	/* 6.4: when the peer is multi-homed, what timed out goes to an
	 * active destination other than the one it was last sent to. */
	alt = fsctp_mh_alt_path(a, p);
	if (alt != NULL && may_send_data(a)) {
		uint64_t rtx = a->ctr.sctpAssocRtxChunks;

		transmit_path(st, a, alt, now, false);
		st->ctr.fsctp_rtx_alt_path += a->ctr.sctpAssocRtxChunks - rtx;
		if (a->dead)
			return;
	}
	/* 6.3.3 E3: retransmit now, restart T3. */
	transmit(st, a, now);
	t3_update(st, a, t3->path, true, now);
}

void
fsctp_assoc_data_path_gone(struct fsctp_stack *st, struct fsctp_assoc *a,
			   struct fsctp_path *p, fsctp_time_t now)
{
	struct fsctp_assoc_data *d = a->data;

	if (d == NULL || !d->ready)
		return;
	/* RFC 5061 4.2.2: nothing is sent to a deleted address; what was
	 * in flight there goes to the remaining ones (RFC 9260 6.4), and
	 * the slot starts afresh for the next path added. */
	fsctp_assoc_timer_cancel(st, &d->t3[p->idx].t);
	st->ctr.fsctp_asconf_path_rtx += fsctp_sendq_path_gone(&d->sq, p->idx);
	sync_flight(d);
	fsctp_cc_rfc9260.init(&d->cc[p->idx], st->cfg.pmtu);
	if (d->sack_path == p->idx)
		d->sack_path = a->primary;
	transmit(st, a, now);
}

/* ------------------------------------------------------------------------ */
/* Receiving DATA (RFC 9260 6.2, 6.5, 6.9) and SACK (6.2.1)                 */
/* ------------------------------------------------------------------------ */

static enum fsctp_disp
abort_with(struct fsctp_stack *st, struct fsctp_assoc *a, uint16_t cause,
	   const uint8_t *causes, size_t len)
{
	fsctp_assoc_abort(a, causes, (uint16_t)len, FSCTP_EV_COMM_LOST, cause);
	(void)st;
	return FSCTP_DISP_GONE;
}

/* 6.2: a TSN dropped from reassembly for a lower one is reneged. */
static void
evict_cb(void *ctx, uint32_t tsn)
{
	struct fsctp_assoc_data *d = ctx;

	if (fsctp_tsnmap_unmark(&d->map, tsn) == 0)
		d->a->st->ctr.fsctp_rx_reneged++;
}

/*
 * RFC 9260 6.2 across associations: the stack-wide reassembly memory
 * (reasm_limit_global) is full and a chunk that would advance an
 * association's cumulative TSN was refused. Take the room from the
 * association that holds the most: its highest chunk above its cumulative
 * TSN is dropped (reneged: no longer acknowledged, its peer sends it
 * again), so that one peer's parked out-of-order data cannot stop every
 * other association. A scan of the associations, only on this path.
 * @return true when something was dropped.
 */
static bool
evict_for_global(struct fsctp_stack *st)
{
	struct fsctp_assoc *x, *hog = NULL;

	for (x = st->list; x != NULL; x = x->list_next)
		if (x->data != NULL && x->data->reasm_inited &&
		    (hog == NULL ||
		     x->data->reasm.held_mem > hog->data->reasm.held_mem))
			hog = x;
	if (hog == NULL || hog->data->reasm.held_mem == 0)
		return false;
	st->ctr.fsctp_reasm_evict_glob++;
	return fsctp_reasm_evict_highest(&hog->data->reasm,
					 fsctp_tsnmap_cum_tsn(&hog->data->map),
					 evict_cb, hog->data) > 0;
}

static enum fsctp_disp rx_idata_add(struct fsctp_stack *st,
				    struct fsctp_assoc *a, struct fsctp_rx *rx,
				    const struct fsctp_data_info *di);
static enum fsctp_disp rx_data_result(struct fsctp_stack *st,
				      struct fsctp_assoc *a,
				      struct fsctp_rx *rx,
				      const struct fsctp_data_info *di,
				      enum fsctp_reasm_result r);

/* ABORT with a Protocol Violation cause carrying why. */
static enum fsctp_disp
protocol_violation(struct fsctp_stack *st, struct fsctp_assoc *a,
		   const char *why)
{
	uint8_t causes[96];
	struct fsctp_wbuf w;

	st->ctr.fsctp_rx_protocol_violation++;
	fsctp_wbuf_init(&w, causes, sizeof(causes));
	fsctp_encode_cause_protocol_violation(&w, why, strlen(why));
	return abort_with(st, a, FSCTP_CAUSE_PROTOCOL_VIOLATION, causes, w.len);
}

static enum fsctp_disp
rx_data(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	const struct fsctp_tlv *ch)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_data_info di;
	struct fsctp_reasm_chunk c;
	enum fsctp_reasm_result r;
	uint64_t glob0;
	bool idata = ch->type == FSCTP_CHUNK_I_DATA;

	/* RFC 8260 2.2: DATA on an association that negotiated I-DATA, or
	 * I-DATA on one that did not: ABORT, Protocol Violation. */
	if (idata != ((a->features & FSCTP_FEAT_IDATA) != 0))
		return protocol_violation(
			st, a,
			idata ? "I-DATA not negotiated"
			      : "DATA on an I-DATA association");
	if ((idata ? fsctp_decode_idata(ch, &di) : fsctp_decode_data(ch, &di)) <
	    0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return FSCTP_DISP_CONTINUE;
	}
	a->ctr.in_data_chunks++;
	d->pkt_data = true;
	if (rx->path != NULL)
		d->sack_path = rx->path->idx;
	if (di.flags & FSCTP_DATA_FLAG_I)
		d->pkt_i_bit = true;
	/* 6.2: a DATA chunk with no user data: ABORT, No User Data. */
	if (di.len == 0) {
		uint8_t causes[8];
		struct fsctp_wbuf w;

		st->ctr.fsctp_rx_no_user_data++;
		fsctp_wbuf_init(&w, causes, sizeof(causes));
		fsctp_encode_cause_no_user_data(&w, di.tsn);
		return abort_with(st, a, FSCTP_CAUSE_NO_USER_DATA, causes,
				  w.len);
	}
	switch (fsctp_tsnmap_check(&d->map, di.tsn)) {
	case FSCTP_TSN_DUP:
		/* 6.2: reported in the next SACK, which goes at once. */
		st->ctr.fsctp_rx_dup_tsns++;
		return FSCTP_DISP_CONTINUE;
	case FSCTP_TSN_OUT_OF_WINDOW:
		st->ctr.fsctp_rx_data_dropped++;
		return FSCTP_DISP_CONTINUE;
	case FSCTP_TSN_NEW:
		break;
	}
	/* RFC 6525 5.2.2: beyond the Sender's Last Assigned TSN of a
	 * deferred reset, its streams' DATA waits (here: is not taken). */
	if (fsctp_reconf_rx_hold(a, di.sid, di.tsn)) {
		st->ctr.fsctp_reconf_rx_held++;
		fsctp_tsnmap_dropped(&d->map);
		return FSCTP_DISP_CONTINUE;
	}
	if (idata)
		return rx_idata_add(st, a, rx, &di);
	memset(&c, 0, sizeof(c));
	c.tsn = di.tsn;
	c.sid = di.sid;
	c.ssn = di.ssn;
	c.ppid = di.ppid;
	c.flags = di.flags;
	c.data = di.payload;
	c.len = di.len;
	c.ref = rx_ref(rx, di.payload, di.len);
	glob0 = d->reasm.stats.n_drop_global_limit;
	r = fsctp_reasm_add(
		&d->reasm, &c,
		fsctp_sn32_gt(di.tsn, fsctp_tsnmap_highest(&d->map)));
	/* 6.2: no room for a TSN below the highest received (it fills a
	 * gap): drop what is held with the highest TSN (reneging it) and
	 * take this one, so that a full buffer of out-of-order data cannot
	 * block the cumulative TSN for ever. */
	while (r == FSCTP_REASM_DROPPED &&
	       fsctp_sn32_lt(di.tsn, fsctp_tsnmap_highest(&d->map)) &&
	       fsctp_reasm_evict_highest(&d->reasm, di.tsn, evict_cb, d) > 0)
		r = fsctp_reasm_add(&d->reasm, &c, false);
	/* 6.2: the global limit refused the chunk that comes next in
	 * sequence: take the room from the biggest holder. */
	while (r == FSCTP_REASM_DROPPED &&
	       d->reasm.stats.n_drop_global_limit != glob0 &&
	       di.tsn == fsctp_tsnmap_cum_tsn(&d->map) + 1 &&
	       evict_for_global(st)) {
		glob0 = d->reasm.stats.n_drop_global_limit;
		r = fsctp_reasm_add(&d->reasm, &c, false);
	}
	return rx_data_result(st, a, rx, &di, r);
}

/* RFC 8260 2.1: an I-DATA chunk whose TSN is new goes to reassembly by
 * (stream, U, MID) and FSN. */
static enum fsctp_disp
rx_idata_add(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	     const struct fsctp_data_info *di)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_reasm_ichunk c;
	enum fsctp_reasm_result r;

	memset(&c, 0, sizeof(c));
	c.tsn = di->tsn;
	c.sid = di->sid;
	c.mid = di->mid;
	c.fsn = di->fsn;
	c.ppid = di->ppid;
	c.flags = di->flags;
	c.data = di->payload;
	c.len = di->len;
	c.ref = rx_ref(rx, di->payload, di->len);
	r = fsctp_reasm_iadd(
		&d->reasm, &c,
		fsctp_sn32_gt(di->tsn, fsctp_tsnmap_highest(&d->map)));
	return rx_data_result(st, a, rx, di, r);
}

/* Act on what reassembly did with a DATA or I-DATA chunk. */
static enum fsctp_disp
rx_data_result(struct fsctp_stack *st, struct fsctp_assoc *a,
	       struct fsctp_rx *rx, const struct fsctp_data_info *dip,
	       enum fsctp_reasm_result r)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_data_info di = *dip;

	switch (r) {
	case FSCTP_REASM_OK:
		fsctp_tsnmap_mark(&d->map, di.tsn);
		if ((di.flags & (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E)) ==
		    FSCTP_DATA_FLAG_B)
			st->ctr.sctpReasmUsrMsgs++;
		break;
	case FSCTP_REASM_INVALID_STREAM:
		/* 6.5: acknowledge the TSN, report Invalid Stream
		 * Identifier in an ERROR (bundled with the SACK). */
		fsctp_tsnmap_mark(&d->map, di.tsn);
		st->ctr.fsctp_rx_invalid_stream++;
		if (!rx->no_error_reply && fsctp_wbuf_room(&rx->errw) >= 8)
			fsctp_encode_cause_invalid_stream(&rx->errw, di.sid);
		break;
	case FSCTP_REASM_NO_USER_DATA: {
		uint8_t causes[8];
		struct fsctp_wbuf w;

		fsctp_wbuf_init(&w, causes, sizeof(causes));
		fsctp_encode_cause_no_user_data(&w, di.tsn);
		return abort_with(st, a, FSCTP_CAUSE_NO_USER_DATA, causes,
				  w.len);
	}
	case FSCTP_REASM_DROPPED:
		/* 6.2: not kept, so not acknowledged: SACK at once. */
		st->ctr.fsctp_rx_data_dropped++;
		fsctp_tsnmap_dropped(&d->map);
		break;
	case FSCTP_REASM_BAD:
		st->ctr.fsctp_rx_data_dropped++;
		break;
	}
	return FSCTP_DISP_CONTINUE;
}

/* Act on what one SACK (or a SHUTDOWN's cumulative ack) did. */
static void
sack_effects(struct fsctp_stack *st, struct fsctp_assoc *a,
	     const struct fsctp_sendq_sack_out *o, fsctp_time_t now,
	     bool progress)
{
	struct fsctp_assoc_data *d = a->data;
	uint8_t i;

	a->t3_unanswered = 0; /* the peer answers our DATA */
	if (o->rtt_valid && o->rtt_path < a->n_paths)
		fsctp_path_rtt_update(&a->paths[o->rtt_path], &a->rto_params,
				      o->rtt);
	sync_flight(d);
	for (i = 0; i < a->n_paths; i++) {
		struct fsctp_cc_ack ack;

		if (o->fast_rtx_paths & (1u << i))
			fsctp_cc_rfc9260.on_fast_retransmit(&d->cc[i]);
		memset(&ack, 0, sizeof(ack));
		ack.bytes_acked = o->bytes_acked[i];
		ack.flight_before = o->flight_before[i];
		ack.cum_advanced = o->cum_advanced;
		ack.in_fast_recovery = o->in_fast_recovery;
		fsctp_cc_rfc9260.on_ack(&d->cc[i], &ack);
		/* 8.2: acknowledged data clears the path's error count;
		 * RFC 7829 5.1 (4): a PF path is ACTIVE again. */
		if (o->bytes_acked[i] > 0)
			fsctp_mh_path_ok(a, &a->paths[i]);
		/* RFC 8899 4.3: the path delivers DATA: no black hole. */
		if (o->bytes_acked[i] > 0 && o->cum_advanced)
			fsctp_plpmtud_data_acked(&a->paths[i].pl);
		if ((o->t3_stop_paths & (1u << i)) && !fwd_keeps_t3(a, i))
			fsctp_assoc_timer_cancel(st, &d->t3[i].t);
		else if (o->t3_restart_paths & (1u << i))
			t3_update(st, a, i, true, now);
		else if (!fsctp_timer_is_armed(&d->t3[i].t))
			/* 6.3.2 R4: a TSN gap-acked before and missing now is
			 * outstanding again on the path it was sent to: its
			 * T3-rtx starts if it is not running. */
			t3_update(st, a, i, false, now);
	}
	if (o->n_marked_fast_rtx > 0) {
		a->ctr.fast_rtx_chunks += o->n_marked_fast_rtx;
		st->ctr.fsctp_fast_rtx_chunks += o->n_marked_fast_rtx;
	}
	/* 8.1: the peer answers: the association's error count clears. */
	if (o->cum_advanced)
		a->error_count = 0;
	if (o->writable)
		event_simple(a, FSCTP_EV_WRITABLE);
	if (o->dry)
		event_simple(a, FSCTP_EV_SENDER_DRY);
	/* 9.2: SHUTDOWN / SHUTDOWN ACK once everything is acknowledged. */
	if (progress && o->cum_advanced &&
	    (a->state == FSCTP_SHUTDOWN_PENDING ||
	     a->state == FSCTP_SHUTDOWN_RECEIVED) &&
	    fsctp_sendq_is_dry(&d->sq))
		fsctp_assoc_shutdown_progress(st, a, now);
}

static enum fsctp_disp
rx_sack(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	const struct fsctp_tlv *ch)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_sack_info si;
	struct fsctp_sendq_sack_in in;
	struct fsctp_sendq_sack_out o;

	if (fsctp_decode_sack(ch, &si) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return FSCTP_DISP_CONTINUE;
	}
	a->ctr.sacks_in++;
	memset(&in, 0, sizeof(in));
	in.cum_tsn = si.cum_tsn_ack;
	in.a_rwnd = si.a_rwnd;
	in.gaps_be = si.gaps;
	in.n_gaps = si.n_gap_blocks;
	memset(&o, 0, sizeof(o));
	switch (fsctp_sendq_sack(&d->sq, &in, rx->now, &o)) {
	case FSCTP_SACK_VIOLATION: {
		/* 6.2.1 / 3.3.10.13: a SACK acknowledging a TSN we never
		 * sent: ABORT with Protocol Violation. */
		static const char info[] = "SACK beyond the highest TSN sent";
		uint8_t causes[64];
		struct fsctp_wbuf w;

		st->ctr.fsctp_sack_violation++;
		fsctp_wbuf_init(&w, causes, sizeof(causes));
		fsctp_encode_cause_protocol_violation(&w, info,
						      sizeof(info) - 1);
		return abort_with(st, a, FSCTP_CAUSE_PROTOCOL_VIOLATION, causes,
				  w.len);
	}
	case FSCTP_SACK_STALE:
		/* 6.2.1 D i: cum TSN behind the ack point: ignore. */
		st->ctr.fsctp_sack_stale++;
		return FSCTP_DISP_CONTINUE;
	case FSCTP_SACK_OK:
		break;
	}
	sack_effects(st, a, &o, rx->now, true);
	/* RFC 3758 3.5 C: after a SACK, a FORWARD TSN when the
	 * Advanced.Peer.Ack.Point is ahead of the Cumulative TSN Ack; it
	 * leaves at the end of the packet, ahead of any DATA (F2). */
	if (!a->dead && d->sq.cfg.pr_enabled && fsctp_sendq_fwd_pending(&d->sq))
		d->fwd_due = true;
	return a->dead ? FSCTP_DISP_GONE : FSCTP_DISP_CONTINUE;
}

/* RFC 3758 3.6: the data receiver's side of a FORWARD TSN. */
static enum fsctp_disp
rx_fwd_tsn(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	   const struct fsctp_tlv *ch)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_fwd_tsn_info f;
	uint16_t sid, ssn;
	unsigned i;
	bool ifwd = ch->type == FSCTP_CHUNK_I_FORWARD_TSN;

	/* RFC 8260 2.3: I-FORWARD-TSN, never FORWARD TSN, once I-DATA is in
	 * use; and not the other way round. */
	if (ifwd != ((a->features & FSCTP_FEAT_IDATA) != 0))
		return protocol_violation(
			st, a,
			ifwd ? "I-FORWARD-TSN without I-DATA"
			     : "FORWARD-TSN on an I-DATA association");
	if ((ifwd ? fsctp_decode_ifwd_tsn(ch, &f)
		  : fsctp_decode_fwd_tsn(ch, &f)) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return FSCTP_DISP_CONTINUE;
	}
	a->ctr.fwd_tsn_in++;
	/* The SACK that answers goes at once (packet end). */
	d->pkt_data = true;
	if (rx->path != NULL)
		d->sack_path = rx->path->idx;
	/* A new point half the TSN space away is of another TSN epoch
	 * (a FORWARD TSN stale across an RFC 6525 SSN/TSN reset): no
	 * sender can have that many TSNs outstanding. Only the SACK. */
	if (f.new_cum_tsn - fsctp_tsnmap_cum_tsn(&d->map) > 0x40000000u &&
	    fsctp_tsnmap_cum_tsn(&d->map) - f.new_cum_tsn > 0x40000000u) {
		st->ctr.fsctp_fwd_tsn_far++;
		d->map.pkt_data = true; /* a SACK at once, as when stale */
		d->map.pkt_fwd = true;
		return FSCTP_DISP_CONTINUE;
	}
	/* 3.6: behind or at the cum TSN: out of date; only the SACK. */
	if (fsctp_tsnmap_forward(&d->map, f.new_cum_tsn) != 0)
		return FSCTP_DISP_CONTINUE;
	/* 3.6: fragments at or below the new point are of abandoned
	 * messages: drop them; then skip the listed SSNs per stream and
	 * deliver what becomes deliverable. */
	if (ifwd) {
		/* RFC 8260 2.3.2: the entries name the messages given up;
		 * TSNs say nothing about interleaved messages. */
		struct fsctp_ifwd_entry e;

		for (i = 0; i < f.n_streams; i++)
			if (fsctp_ifwd_tsn_stream(&f, i, &e) == 0)
				fsctp_reasm_iskip(&d->reasm, e.sid, e.unordered,
						  e.mid);
		return a->dead ? FSCTP_DISP_GONE : FSCTP_DISP_CONTINUE;
	}
	fsctp_reasm_forward(&d->reasm, f.new_cum_tsn);
	for (i = 0; i < f.n_streams; i++)
		if (fsctp_fwd_tsn_stream(&f, i, &sid, &ssn) == 0)
			fsctp_reasm_skip(&d->reasm, sid, ssn);
	return a->dead ? FSCTP_DISP_GONE : FSCTP_DISP_CONTINUE;
}

enum fsctp_disp
fsctp_assoc_data_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
		       struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_assoc_data *d = a->data;

	if (d == NULL || !d->ready) {
		st->ctr.fsctp_rx_unexpected++;
		return FSCTP_DISP_CONTINUE;
	}
	if (ch->type == FSCTP_CHUNK_DATA || ch->type == FSCTP_CHUNK_I_DATA)
		return rx_data(st, a, rx, ch);
	if (ch->type == FSCTP_CHUNK_SACK)
		return rx_sack(st, a, rx, ch);
	if (ch->type == FSCTP_CHUNK_FORWARD_TSN ||
	    ch->type == FSCTP_CHUNK_I_FORWARD_TSN)
		return rx_fwd_tsn(st, a, rx, ch);
	if (ch->type == FSCTP_CHUNK_RECONFIG)
		return (enum fsctp_disp)fsctp_reconf_chunk(st, a, rx, ch);
	st->ctr.fsctp_rx_unexpected++;
	return FSCTP_DISP_CONTINUE;
}

void
fsctp_assoc_data_packet_end(struct fsctp_stack *st, struct fsctp_assoc *a,
			    struct fsctp_rx *rx)
{
	struct fsctp_assoc_data *d = a->data;
	bool sack = false;

	if (d == NULL || !d->ready || a->dead)
		return;
	/* RFC 6525 5.2.2: a deferred reset whose last TSN arrived. */
	fsctp_reconf_packet_end(st, a);
	if (d->pkt_data) {
		fsctp_time_t deadline = 0;

		switch (fsctp_tsnmap_packet_done(&d->map, d->pkt_i_bit, rx->now,
						 &deadline)) {
		case FSCTP_SACK_NOW:
			sack = true;
			break;
		case FSCTP_SACK_DELAYED:
			/* 6.2 allows a SACK sooner than the delay, and 6.10
			 * bundles it ahead of DATA: when new DATA leaves at
			 * the end of this packet (a reply sent from the DATA
			 * event, or queued data a SACK in this packet let
			 * go), the SACK rides in its packet instead of
			 * following alone later. */
			if (data_waiting(a)) {
				sack = true;
				st->ctr.fsctp_sack_bundled++;
				break;
			}
			/* 6.2: the deadline does not move once set. */
			if (!fsctp_timer_is_armed(&d->sack_timer))
				fsctp_assoc_timer_arm(st, &d->sack_timer,
						      deadline);
			break;
		case FSCTP_SACK_NONE:
			break;
		}
	}
	/* 9.2: in SHUTDOWN-SENT each packet with DATA is answered with a
	 * SHUTDOWN at once; the SACK rides along with the gap blocks the
	 * SHUTDOWN cannot carry. */
	if (d->pkt_data && a->state == FSCTP_SHUTDOWN_SENT)
		sack = true;
	d->pkt_data = false;
	d->pkt_i_bit = false;
	if (d->wnd_update)
		sack = true;
	if (sack && a->peer_vtag != 0)
		send_sack(st, a, reply_path(a, d->sack_path));
	/* 6.10: control chunks, then the SACK, then DATA. */
	if (a->state == FSCTP_COOKIE_ECHOED) {
		/* 5.1: DATA may ride behind our COOKIE ECHO, never alone
		 * before the COOKIE ACK. */
		struct fsctp_out *o = &st->out;

		if (o->open && o->a == a && o->n_chunks > 0 &&
		    o->pkt[12] == FSCTP_CHUNK_COOKIE_ECHO)
			transmit_path(st, a, &a->paths[a->primary], rx->now,
				      true);
		return;
	}
	transmit(st, a, rx->now);
}

uint32_t
fsctp_assoc_data_features(const struct fsctp_stack *st)
{
	/* RFC 3758: PR-SCTP; RFC 6525: RE-CONFIG; RFC 8260: I-DATA when
	 * configured (2.2). */
	return FSCTP_FEAT_PRSCTP | FSCTP_FEAT_RECONFIG |
	       (st->cfg.idata ? FSCTP_FEAT_IDATA : 0);
}

static struct fsctp_sendq *
assoc_sq(const struct fsctp_stack *st, fsctp_assoc_id_t id)
{
	struct fsctp_assoc *a = st != NULL ? fsctp_lookup_id(st, id) : NULL;

	if (a == NULL || a->data == NULL || !a->data->sq_inited)
		return NULL;
	return &a->data->sq;
}

int
fsctp_assoc_set_sched(struct fsctp_stack *st, fsctp_assoc_id_t id,
		      unsigned kind)
{
	struct fsctp_sendq *sq = assoc_sq(st, id);

	return sq == NULL ? -ENOTCONN : fsctp_sendq_set_sched(sq, kind);
}

int
fsctp_assoc_get_sched(const struct fsctp_stack *st, fsctp_assoc_id_t id)
{
	struct fsctp_sendq *sq = assoc_sq(st, id);

	return sq == NULL ? -ENOTCONN : sq->sched.kind;
}

int
fsctp_assoc_set_sched_value(struct fsctp_stack *st, fsctp_assoc_id_t id,
			    uint16_t sid, uint16_t value)
{
	struct fsctp_sendq *sq = assoc_sq(st, id);

	return sq == NULL ? -ENOTCONN
			  : fsctp_sched_set_value(&sq->sched, sid, value);
}

int
fsctp_assoc_get_sched_value(const struct fsctp_stack *st, fsctp_assoc_id_t id,
			    uint16_t sid)
{
	struct fsctp_sendq *sq = assoc_sq(st, id);

	return sq == NULL ? -ENOTCONN : fsctp_sched_get_value(&sq->sched, sid);
}

int
fsctp_assoc_pr_status(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		      int32_t sid, uint8_t policy, struct fsctp_pr_status *out)
{
	const struct fsctp_assoc *a;
	const struct fsctp_sendq *sq;
	uint8_t p;

	if (st == NULL || out == NULL)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->data == NULL || !a->data->sq_inited)
		return -ENOTCONN;
	sq = &a->data->sq;
	memset(out, 0, sizeof(*out));
	if (policy != FSCTP_PR_ALL && policy >= FSCTP_SENDQ_PR_N)
		return -EINVAL;
	if (sid != FSCTP_PR_ASSOC) {
		/* Per stream only the total over policies is kept. */
		if (sid < 0 || sid >= sq->cfg.n_out_streams ||
		    policy != FSCTP_PR_ALL)
			return -EINVAL;
		out->abandoned_sent = sq->pr_stream[sid].abandoned_sent;
		out->abandoned_unsent = sq->pr_stream[sid].abandoned_unsent;
		return 0;
	}
	for (p = 0; p < FSCTP_SENDQ_PR_N; p++) {
		if (policy != FSCTP_PR_ALL && policy != p)
			continue;
		out->abandoned_sent += sq->pr.abandoned_sent[p];
		out->abandoned_unsent += sq->pr.abandoned_unsent[p];
	}
	return 0;
}

bool
fsctp_assoc_data_all_acked(const struct fsctp_assoc *a)
{
	const struct fsctp_assoc_data *d = a->data;

	if (d == NULL)
		return true;
	if (d->pre_head != NULL)
		return false;
	return !d->sq_inited || fsctp_sendq_is_dry(&d->sq);
}

uint32_t
fsctp_assoc_data_cum_tsn(const struct fsctp_assoc *a)
{
	const struct fsctp_assoc_data *d = a->data;

	if (d == NULL || !d->ready)
		return a->peer_itsn - 1;
	return fsctp_tsnmap_cum_tsn(&d->map);
}

void
fsctp_assoc_data_shutdown_ack(struct fsctp_stack *st, struct fsctp_assoc *a,
			      uint32_t cum)
{
	struct fsctp_assoc_data *d = a->data;
	struct fsctp_sendq_sack_in in;
	struct fsctp_sendq_sack_out o;

	if (d == NULL || !d->ready)
		return;
	/* 9.2: a SHUTDOWN's Cumulative TSN Ack is a SACK without gap
	 * blocks; it says nothing of the window, so the peer's window
	 * stays as we see it plus what this ack frees. */
	memset(&in, 0, sizeof(in));
	in.cum_tsn = cum;
	in.a_rwnd = d->sq.peer_rwnd + d->sq.flight_total;
	memset(&o, 0, sizeof(o));
	switch (fsctp_sendq_sack(&d->sq, &in, st->now, &o)) {
	case FSCTP_SACK_VIOLATION:
		/* Counted; the state machine goes on with the SHUTDOWN. */
		st->ctr.fsctp_sack_violation++;
		return;
	case FSCTP_SACK_STALE:
		return;
	case FSCTP_SACK_OK:
		break;
	}
	/* No shutdown progress from here: the state machine moves the
	 * state after this call and asks fsctp_assoc_data_all_acked(). */
	sack_effects(st, a, &o, st->now, false);
}

/* ------------------------------------------------------------------------ */
/* Application calls                                                        */
/* ------------------------------------------------------------------------ */

static void
app_enter(struct fsctp_stack *st, fsctp_time_t now)
{
	if (now > st->now)
		st->now = now;
	st->depth++;
}

static void
app_leave(struct fsctp_stack *st)
{
	fsctp_out_flush(st);
	if (--st->depth == 0)
		fsctp_assoc_reap(st);
}

/* COOKIE-WAIT: the peer's streams and TSN are unknown; hold the message. */
static int
pre_push(struct fsctp_stack *st, struct fsctp_assoc *a,
	 const struct fsctp_sendq_msginfo *mi, const void *data, uint32_t len)
{
	struct fsctp_assoc_data *d = data_alloc(a);
	struct fsctp_data_pre *pm;

	if (d == NULL)
		return -ENOMEM;
	if (mi->sid >= st->cfg.n_out_streams)
		return -EINVAL;
	if (d->pre_bytes + len > st->cfg.sndbuf) {
		d->pre_eagain = true;
		return -EAGAIN;
	}
	pm = malloc(sizeof(*pm) + len);
	if (pm == NULL) {
		st->ctr.fsctp_nomem++;
		return -ENOMEM;
	}
	pm->next = NULL;
	pm->info = *mi;
	pm->len = len;
	memcpy(pm->data, data, len);
	if (d->pre_tail != NULL)
		d->pre_tail->next = pm;
	else
		d->pre_head = pm;
	d->pre_tail = pm;
	d->pre_bytes += len;
	return 0;
}

/* New data was queued: transmit what the windows allow. */
static void
send_now(struct fsctp_stack *st, struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_assoc_data *d = a->data;

	/* Sent while a packet with DATA from this peer is being handled
	 * (from its DATA event): the end of that packet transmits, with the
	 * SACK it owes bundled first (6.10). */
	if (d->pkt_data)
		return;
	/* 6.2 allows a SACK sooner than the delay: one still owed rides
	 * ahead of the DATA leaving now (6.10), so the peer's next reply is
	 * not held back waiting for it (request/response). */
	if (fsctp_timer_is_armed(&d->sack_timer) && data_waiting(a) &&
	    a->peer_vtag != 0) {
		send_sack(st, a, reply_path(a, d->sack_path));
		st->ctr.fsctp_sack_bundled++;
	}
	transmit(st, a, now);
}

/* The send queue's view of a send's options (RFC 6458 5.3.4, RFC 7496):
 * -EINVAL for an unknown PR-SCTP policy. */
static int
msginfo_from(const struct fsctp_sndinfo *info, struct fsctp_sendq_msginfo *mi)
{
	if (info->pr_policy > FSCTP_PR_PRIO)
		return -EINVAL;
	memset(mi, 0, sizeof(*mi));
	mi->sid = info->sid;
	mi->ppid = info->ppid;
	mi->unordered = info->unordered;
	mi->sack_immediately = info->sack_immediately;
	mi->context = info->context;
	mi->lifetime_ms = info->lifetime_ms;
	mi->pr_policy = info->pr_policy;
	mi->pr_value = info->pr_value;
	return 0;
}

/* release NULL: the bytes are copied; otherwise kept in place until
 * release(arg) (a message held before the handshake is copied at once and
 * its buffer given back). defer: queued only, fsctp_send_flush() sends. */
static int
send_msg(struct fsctp_stack *st, fsctp_assoc_id_t id,
	 const struct fsctp_sndinfo *info, const void *data, uint32_t len,
	 fsctp_sendq_release_fn release, void *arg, bool defer,
	 fsctp_time_t now)
{
	struct fsctp_sendq_msginfo mi;
	struct fsctp_assoc *a;
	struct fsctp_assoc_data *d;
	int rc;

	if (st == NULL || info == NULL || (data == NULL && len > 0))
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->dead)
		return -ENOTCONN;
	/* 9.2: no new data once a shutdown has begun. */
	if (a->shutdown_req || a->state >= FSCTP_SHUTDOWN_PENDING)
		return -ESHUTDOWN;
	if (len == 0)
		return -EINVAL;
	if (len > st->cfg.max_msg_size)
		return -EMSGSIZE;
	if (msginfo_from(info, &mi) != 0)
		return -EINVAL;
	app_enter(st, now);
	d = a->data;
	if (a->state == FSCTP_COOKIE_WAIT || d == NULL || !d->sq_inited) {
		rc = pre_push(st, a, &mi, data, len);
		if (rc == 0 && release != NULL)
			release(arg);
	} else {
		rc = release != NULL
			     ? fsctp_sendq_push_zc(&d->sq, &mi, data, len,
						   release, arg, now)
			     : fsctp_sendq_push(&d->sq, &mi, data, len, now);
		if (rc == 0 && !defer)
			send_now(st, a, now);
	}
	if (rc == 0)
		a->ctr.msgs_out++;
	app_leave(st);
	return rc;
}

int
fsctp_send_flush(struct fsctp_stack *st, fsctp_assoc_id_t id, fsctp_time_t now)
{
	struct fsctp_assoc *a;

	if (st == NULL)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->dead)
		return -ENOTCONN;
	if (a->data == NULL || !a->data->sq_inited)
		return 0; /* held until the handshake completes */
	app_enter(st, now);
	send_now(st, a, now);
	app_leave(st);
	return 0;
}

int
fsctp_send_burst(struct fsctp_stack *st, fsctp_assoc_id_t id,
		 const struct fsctp_sndinfo *info,
		 const struct fsctp_msgvec *msgs, unsigned int n, int *stop,
		 fsctp_time_t now)
{
	struct fsctp_sendq_msginfo mi;
	struct fsctp_assoc *a;
	struct fsctp_assoc_data *d;
	unsigned int k;
	int rc = 0;

	if (stop != NULL)
		*stop = 0;
	if (st == NULL || info == NULL || msgs == NULL || n == 0)
		rc = -EINVAL;
	else if ((a = fsctp_lookup_id(st, id)) == NULL || a->dead)
		rc = -ENOTCONN;
	/* 9.2: no new data once a shutdown has begun. */
	else if (a->shutdown_req || a->state >= FSCTP_SHUTDOWN_PENDING)
		rc = -ESHUTDOWN;
	else if (msginfo_from(info, &mi) != 0)
		rc = -EINVAL;
	if (rc != 0) {
		if (stop != NULL)
			*stop = rc;
		return rc;
	}
	app_enter(st, now);
	d = a->data;
	for (k = 0; k < n; k++) {
		const void *data = msgs[k].buf;
		uint32_t len = msgs[k].len;

		/* The checks of send_msg(), in its order. */
		if (data == NULL || len == 0)
			rc = -EINVAL;
		else if (len > st->cfg.max_msg_size)
			rc = -EMSGSIZE;
		else if (info->pr_policy > FSCTP_PR_PRIO)
			rc = -EINVAL;
		else if (a->state == FSCTP_COOKIE_WAIT || d == NULL ||
			 !d->sq_inited)
			rc = pre_push(st, a, &mi, data, len);
		else
			rc = fsctp_sendq_push(&d->sq, &mi, data, len, now);
		if (rc != 0)
			break;
	}
	a->ctr.msgs_out += k;
	/* Once for the burst: the messages leave bundled. */
	if (k > 0 && a->state != FSCTP_COOKIE_WAIT && d != NULL && d->sq_inited)
		send_now(st, a, now);
	app_leave(st);
	if (stop != NULL)
		*stop = rc;
	return k > 0 ? (int)k : rc;
}

int
fsctp_send(struct fsctp_stack *st, fsctp_assoc_id_t id,
	   const struct fsctp_sndinfo *info, const void *data, uint32_t len,
	   fsctp_time_t now)
{
	return send_msg(st, id, info, data, len, NULL, NULL, false, now);
}

int
fsctp_send_defer(struct fsctp_stack *st, fsctp_assoc_id_t id,
		 const struct fsctp_sndinfo *info, const void *data,
		 uint32_t len, fsctp_time_t now)
{
	return send_msg(st, id, info, data, len, NULL, NULL, true, now);
}

int
fsctp_send_zc(struct fsctp_stack *st, fsctp_assoc_id_t id,
	      const struct fsctp_sndinfo *info, const void *data, uint32_t len,
	      fsctp_sendq_release_fn release, void *arg, fsctp_time_t now)
{
	if (release == NULL)
		return -EINVAL;
	return send_msg(st, id, info, data, len, release, arg, false, now);
}

void
fsctp_msg_free(struct fsctp_stack *st, struct fsctp_msg *msg)
{
	struct fsctp_assoc *a;
	struct fsctp_assoc_data *d;
	uint32_t len;

	if (msg == NULL)
		return;
	len = msg->len;
	a = st != NULL ? fsctp_lookup_id(st, msg->assoc_id) : NULL;
	if (st != NULL) {
		msg_data_free(st, msg->data, len, msg->pkt);
		fsctp_objcache_put(&st->msg_cache, msg);
	} else {
		free(msg->data);
		free(msg);
	}
	if (a == NULL || a->dead || (d = a->data) == NULL || !d->ready)
		return;
	fsctp_reasm_credit(&d->reasm, len);
	/* 6.2: a window that was closed and opens again is announced at
	 * once (receiver SWS avoidance: by at least min(MTU, rwnd / 2)). */
	{
		uint32_t rwnd = fsctp_reasm_rwnd(&d->reasm);
		uint32_t mtu = a->paths[a->primary].pmtu;
		uint32_t thr = st->cfg.rwnd / 2 < mtu ? st->cfg.rwnd / 2 : mtu;

		if (!fsctp_tsnmap_window_update(&d->map, rwnd, thr))
			return;
	}
	if (st->depth > 0) {
		/* Inside a call of the stack (e.g. the DATA event): the
		 * SACK goes with the reply being built. */
		d->wnd_update = true;
		return;
	}
	app_enter(st, st->now);
	send_sack(st, a, reply_path(a, d->sack_path));
	transmit(st, a, st->now);
	app_leave(st);
}

int
fsctp_assoc_data_check(const struct fsctp_assoc *a)
{
	const struct fsctp_assoc_data *d = a->data;

	if (d == NULL || !d->sq_inited)
		return 0;
	return fsctp_sendq_check(&d->sq);
}
