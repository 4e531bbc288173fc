/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stream reconfiguration (RFC 6525). See fsctp_reconf.h for the hooks.
 *
 * Sender (5.1): one RE-CONFIG chunk outstanding at a time, holding one or
 * two requests (an Outgoing and an Incoming SSN Reset, or an Add Outgoing
 * and an Add Incoming Streams). It is retransmitted unchanged by the
 * RE-CONFIG timer (RTO of the primary path, backed off; each expiry is an
 * error against Path.Max.Retrans and Association.Max.Retrans, 8.1, 8.2),
 * and each request ends with the Re-configuration Response whose Response
 * Sequence Number is its Request Sequence Number (or, for an Incoming SSN
 * Reset / Add Incoming Streams, with the peer's own Outgoing SSN Reset /
 * Add Outgoing Streams request that answers it). While an Outgoing SSN
 * Reset Request is outstanding no new message starts on any stream (the
 * send queue's hold), so nothing with a new SSN can pass the Sender's Last
 * Assigned TSN.
 *
 * Receiver (5.2): requests are taken in Request Sequence Number order;
 * the results of the last two are remembered and a retransmitted request
 * is answered with its result again (5.2.1). An Outgoing SSN Reset whose
 * Sender's Last Assigned TSN has not arrived yet is deferred: answered "In
 * progress", and performed at the end of the packet that completes the
 * TSNs up to it; DATA for the listed streams beyond that TSN is not taken
 * meanwhile (not acknowledged, so the peer sends it again).
 *
 * SSN/TSN Reset (5.1.4, 5.2.4): asked for only when nothing of ours is
 * queued or outstanding, and new messages are held until the response;
 * the receiver performs it only when nothing of its own is queued or
 * outstanding either (else "In progress", the request comes again), and
 * answers a retransmission with the same TSNs. The restart itself is in
 * fsctp_reconf_tsn.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_chunk.h"
#include "fsctp_reconf.h"
#include "fsctp_serial.h"

/* Remembered for a request answered by a request of ours (5.2.3, 5.2.6). */
#define RESULT_ANSWERED UINT32_MAX

static void reconf_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);

static struct fsctp_reconf *
rc_of(const struct fsctp_assoc *a)
{
	return a->data != NULL && a->data->ready ? &a->data->rc : NULL;
}

static void
req_clear(struct fsctp_reconf_req *r)
{
	free(r->sids);
	memset(r, 0, sizeof(*r));
}

void
fsctp_reconf_setup(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_reconf *rc = &a->data->rc;
	uint8_t enable = st->cfg.reconf_enable;

	if (rc->a == a) {
		/* A restart: what was pending belongs to the old TSNs. */
		fsctp_assoc_timer_cancel(st, &rc->timer);
		enable = rc->enable;
		fsctp_reconf_free(a);
	}
	memset(rc, 0, sizeof(*rc));
	rc->a = a;
	rc->enable = enable;
	fsctp_timer_init(&rc->timer, reconf_expired, rc);
	/* 5.1.1, 5.2.1: request sequence numbers start at the Initial TSN
	 * of their sender. */
	rc->next_seq = a->my_itsn;
	rc->peer_seq = a->peer_itsn;
	rc->last_result[0] = rc->last_result[1] = FSCTP_RECONF_BAD_SEQ;
}

void
fsctp_reconf_stop(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	if (a->data != NULL && a->data->rc.a == a)
		fsctp_assoc_timer_cancel(st, &a->data->rc.timer);
}

void
fsctp_reconf_free(struct fsctp_assoc *a)
{
	struct fsctp_reconf *rc;

	if (a->data == NULL || a->data->rc.a != a)
		return;
	rc = &a->data->rc;
	req_clear(&rc->req[0]);
	req_clear(&rc->req[1]);
	rc->n_req = 0;
	free(rc->def_sids);
	rc->def_sids = NULL;
	rc->deferred = false;
}

/* ------------------------------------------------------------------------ */
/* Events (RFC 6525 6.1)                                                    */
/* ------------------------------------------------------------------------ */

static void
ev_reset(struct fsctp_assoc *a, uint16_t flags, const uint16_t *sids,
	 uint16_t n)
{
	struct fsctp_event ev;

	if (a->dead)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_STREAM_RESET;
	ev.reconf_flags = flags;
	ev.sids = sids;
	ev.n_sids = n;
	fsctp_assoc_emit(a, &ev);
}

static void
ev_change(struct fsctp_assoc *a, uint16_t flags)
{
	struct fsctp_event ev;

	if (a->dead)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_STREAM_CHANGE;
	ev.reconf_flags = flags;
	ev.n_in_streams = a->n_in;
	ev.n_out_streams = a->n_out;
	fsctp_assoc_emit(a, &ev);
}

static uint16_t
result_flags(uint32_t result)
{
	if (result == FSCTP_RECONF_RES_DENIED)
		return FSCTP_RECONF_DENIED;
	return FSCTP_RECONF_FAILED;
}

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

static size_t
param_len(const struct fsctp_reconf_param *p)
{
	switch (p->type) {
	case FSCTP_PARAM_OUT_SSN_RESET_REQ:
		return 16 + 2u * p->n_sids;
	case FSCTP_PARAM_IN_SSN_RESET_REQ:
		return 8 + 2u * p->n_sids;
	case FSCTP_PARAM_RECONFIG_RESP:
		return p->has_tsns ? 20 : 12;
	case FSCTP_PARAM_SSN_TSN_RESET_REQ:
		return 8; /* 4.3 */
	default:
		return 12;
	}
}

/* One RE-CONFIG chunk with n (1 or 2) parameters, into the packet open to
 * the primary path. */
static void
emit(struct fsctp_stack *st, struct fsctp_assoc *a,
     const struct fsctp_reconf_param *p, const uint16_t *const *sids,
     unsigned n)
{
	struct fsctp_wbuf *w;
	size_t need = 4, off;
	unsigned i;

	for (i = 0; i < n; i++)
		need += (param_len(&p[i]) + 3) & ~(size_t)3;
	fsctp_out_begin_assoc(st, a);
	w = fsctp_out_wbuf(st, need);
	off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_RECONFIG, 0);
	for (i = 0; i < n; i++)
		fsctp_encode_reconf_param(w, &p[i], sids[i]);
	fsctp_wbuf_chunk_end(w, off);
	if (w->err) {
		st->ctr.fsctp_tx_too_big++;
		return;
	}
	fsctp_out_ctrl(st);
}

static void
req_param(const struct fsctp_reconf_req *r, struct fsctp_reconf_param *p)
{
	memset(p, 0, sizeof(*p));
	p->type = r->type;
	p->req_seq = r->seq;
	p->resp_seq = r->resp_seq;
	p->last_tsn = r->last_tsn;
	p->n_sids = r->n_sids;
	p->n_new_streams = r->n_new;
}

/* (Re)send the outstanding RE-CONFIG and (re)arm its timer. */
static void
send_requests(struct fsctp_stack *st, struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_reconf *rc = &a->data->rc;
	struct fsctp_reconf_param p[2];
	const uint16_t *sids[2];
	unsigned i;

	if (rc->n_req == 0)
		return;
	for (i = 0; i < rc->n_req; i++) {
		req_param(&rc->req[i], &p[i]);
		sids[i] = rc->req[i].sids;
	}
	emit(st, a, p, sids, rc->n_req);
	fsctp_assoc_timer_arm(st, &rc->timer, now + a->paths[a->primary].rto);
}

static void
req_count(struct fsctp_stack *st, uint16_t type)
{
	switch (type) {
	case FSCTP_PARAM_OUT_SSN_RESET_REQ:
		st->ctr.fsctp_reconf_out_reset_out++;
		break;
	case FSCTP_PARAM_IN_SSN_RESET_REQ:
		st->ctr.fsctp_reconf_in_reset_out++;
		break;
	case FSCTP_PARAM_ADD_OUT_STREAMS_REQ:
		st->ctr.fsctp_reconf_add_out_out++;
		break;
	case FSCTP_PARAM_SSN_TSN_RESET_REQ:
		st->ctr.fsctp_reconf_ssn_tsn_out++;
		break;
	default:
		st->ctr.fsctp_reconf_add_in_out++;
		break;
	}
}

/* Add a request to the outstanding chunk (not sent yet). sids copied. */
static int
req_add(struct fsctp_reconf *rc, uint16_t type, const uint16_t *sids,
	uint16_t n_sids, uint16_t n_new)
{
	struct fsctp_reconf_req *r = &rc->req[rc->n_req];

	memset(r, 0, sizeof(*r));
	if (n_sids > 0) {
		r->sids = malloc(n_sids * sizeof(*sids));
		if (r->sids == NULL) {
			rc->a->st->ctr.fsctp_nomem++;
			return -ENOMEM;
		}
		memcpy(r->sids, sids, n_sids * sizeof(*sids));
	}
	r->type = type;
	r->n_sids = n_sids;
	r->n_new = n_new;
	/* 5.1.1: each new request takes the next sequence number. */
	r->seq = rc->next_seq++;
	/* 4.1: in other cases than an answer, the next expected request
	 * sequence number minus 1. */
	r->resp_seq = rc->peer_seq - 1;
	rc->n_req++;
	req_count(rc->a->st, type);
	return 0;
}

/* Start an Outgoing SSN Reset (5.1.2): hold the messages queued from now
 * on; the request leaves once those queued before have TSNs. */
static int
req_add_out_reset(struct fsctp_reconf *rc, const uint16_t *sids, uint16_t n)
{
	struct fsctp_assoc_data *d = rc->a->data;
	int ret;

	ret = req_add(rc, FSCTP_PARAM_OUT_SSN_RESET_REQ, sids, n, 0);
	if (ret < 0)
		return ret;
	fsctp_sendq_hold_new(&d->sq, true);
	rc->wait_hold = true;
	return 0;
}

/* Send the new RE-CONFIG now, or once the messages queued before an
 * Outgoing SSN Reset have all been given TSNs: 4.1, the Sender's Last
 * Assigned TSN is then the next TSN minus 1. */
static void
try_send(struct fsctp_stack *st, struct fsctp_assoc *a, fsctp_time_t now)
{
	struct fsctp_reconf *rc = &a->data->rc;
	unsigned i;

	if (rc->wait_hold) {
		if (!fsctp_sendq_hold_reached(&a->data->sq))
			return;
		rc->wait_hold = false;
		for (i = 0; i < rc->n_req; i++)
			if (rc->req[i].type == FSCTP_PARAM_OUT_SSN_RESET_REQ)
				rc->req[i].last_tsn = a->data->sq.next_tsn - 1;
	}
	send_requests(st, a, now);
}

void
fsctp_reconf_tx_done(struct fsctp_stack *st, struct fsctp_assoc *a,
		     fsctp_time_t now)
{
	struct fsctp_reconf *rc = rc_of(a);

	if (rc != NULL && rc->wait_hold && !a->dead)
		try_send(st, a, now);
}

static void
req_remove(struct fsctp_stack *st, struct fsctp_reconf *rc, unsigned i)
{
	req_clear(&rc->req[i]);
	if (i == 0 && rc->n_req == 2)
		rc->req[0] = rc->req[1];
	memset(&rc->req[1], 0, sizeof(rc->req[1]));
	rc->n_req--;
	if (rc->n_req == 0) {
		fsctp_assoc_timer_cancel(st, &rc->timer);
		rc->in_progress = false;
		rc->wait_hold = false;
	}
}

/* ------------------------------------------------------------------------ */
/* The RE-CONFIG timer (5.1.1)                                              */
/* ------------------------------------------------------------------------ */

static void
reconf_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_reconf *rc = arg;
	struct fsctp_assoc *a = rc->a;
	struct fsctp_stack *st = a->st;
	struct fsctp_path *p = &a->paths[a->primary];

	(void)t;
	if (rc->n_req == 0 || a->dead || rc->wait_hold)
		return;
	if (rc->in_progress) {
		/* The peer answered In progress: ask again, it is alive. */
		rc->in_progress = false;
	} else {
		/* 5.1.1: the request was not answered: an error of the
		 * path and the association (8.1, 8.2), a backed-off RTO. */
		if (fsctp_assoc_error(a, p))
			return;
		fsctp_path_rto_backoff(p, &st->rto_params);
	}
	st->ctr.fsctp_reconf_rtx++;
	send_requests(st, a, now);
}

/* ------------------------------------------------------------------------ */
/* Responses to our requests (5.1.x)                                        */
/* ------------------------------------------------------------------------ */

static bool
ok_result(uint32_t r)
{
	return r == FSCTP_RECONF_PERFORMED || r == FSCTP_RECONF_NOTHING;
}

/* A request of ours ended with result (the peer answered). It leaves the
 * outstanding set before its event, so that the application may ask again
 * from the event's callback. */
static void
req_done(struct fsctp_stack *st, struct fsctp_assoc *a, unsigned i,
	 const struct fsctp_reconf_param *p)
{
	uint32_t result = p->result;
	struct fsctp_reconf *rc = &a->data->rc;
	struct fsctp_reconf_req r = rc->req[i];
	struct fsctp_assoc_data *d = a->data;

	rc->req[i].sids = NULL; /* now owned by r */
	req_remove(st, rc, i);
	if (!ok_result(result))
		st->ctr.fsctp_reconf_peer_refused++;
	switch (r.type) {
	case FSCTP_PARAM_OUT_SSN_RESET_REQ:
		/* 5.1.2: SSNs start again at 0 once the peer reset; new
		 * messages flow again either way. */
		fsctp_sendq_hold_new(&d->sq, false);
		if (ok_result(result)) {
			fsctp_sendq_reset_ssn(&d->sq, r.sids, r.n_sids);
			ev_reset(a, FSCTP_STREAM_RESET_OUTGOING, r.sids,
				 r.n_sids);
		} else {
			ev_reset(a,
				 FSCTP_STREAM_RESET_OUTGOING |
					 result_flags(result),
				 r.sids, r.n_sids);
		}
		break;
	case FSCTP_PARAM_IN_SSN_RESET_REQ:
		/* 5.1.3: the reset itself comes as the peer's Outgoing SSN
		 * Reset Request; a response alone is a refusal. */
		if (!ok_result(result))
			ev_reset(a,
				 FSCTP_STREAM_RESET_INCOMING |
					 result_flags(result),
				 r.sids, r.n_sids);
		break;
	case FSCTP_PARAM_SSN_TSN_RESET_REQ:
		/* 5.1.4: new messages flow again either way; on "Success -
		 * Performed" our TSNs go on from the Receiver's Next TSN and
		 * the peer's from its Sender's Next TSN, every SSN at 0. */
		if (result == FSCTP_RECONF_PERFORMED && p->has_tsns &&
		    fsctp_reconf_tsn_apply(a, p->receiver_next_tsn,
					   p->sender_next_tsn) == 0) {
			fsctp_sendq_hold_new(&d->sq, false);
			break;
		}
		fsctp_sendq_hold_new(&d->sq, false);
		if (result == FSCTP_RECONF_PERFORMED)
			st->ctr.fsctp_reconf_peer_refused++;
		fsctp_reconf_tsn_failed(a, result == FSCTP_RECONF_PERFORMED
						   ? FSCTP_RECONF_FAILED
						   : result_flags(result));
		break;
	case FSCTP_PARAM_ADD_OUT_STREAMS_REQ:
		/* 5.1.5: the peer added inbound streams: ours follow. */
		if (ok_result(result) &&
		    fsctp_sendq_add_streams(&d->sq, r.n_new) == 0) {
			a->n_out = d->sq.cfg.n_out_streams;
			ev_change(a, 0);
		} else {
			ev_change(a, ok_result(result) ? FSCTP_RECONF_FAILED
						       : result_flags(result));
		}
		break;
	default:
		/* 5.1.6: the streams come with the peer's Add Outgoing
		 * Streams Request; a response alone is a refusal. */
		if (!ok_result(result))
			ev_change(a, result_flags(result));
		break;
	}
	free(r.sids);
}

static void
rx_response(struct fsctp_stack *st, struct fsctp_assoc *a,
	    const struct fsctp_reconf_param *p, fsctp_time_t now)
{
	struct fsctp_reconf *rc = &a->data->rc;
	unsigned i;

	for (i = 0; i < rc->n_req; i++)
		if (rc->req[i].seq == p->resp_seq)
			break;
	if (i == rc->n_req) {
		st->ctr.fsctp_reconf_resp_unknown++;
		return;
	}
	st->ctr.fsctp_reconf_resp_in++;
	/* The peer answers: the association's error count clears (8.1). */
	a->error_count = 0;
	if (p->result == FSCTP_RECONF_IN_PROGRESS) {
		/* 5.1.1: asked again after an RTO, same sequence number. */
		rc->in_progress = true;
		fsctp_assoc_timer_arm(st, &rc->timer,
				      now + a->paths[a->primary].rto);
		return;
	}
	req_done(st, a, i, p);
}

/* The peer's request answers ours of type (5.2.2 last paragraph, 5.2.5):
 * that one is over. */
static void
answered_by_peer(struct fsctp_stack *st, struct fsctp_assoc *a, uint16_t type,
		 bool match_seq, uint32_t seq)
{
	struct fsctp_reconf *rc = &a->data->rc;
	unsigned i;

	for (i = 0; i < rc->n_req; i++)
		if (rc->req[i].type == type &&
		    (!match_seq || rc->req[i].seq == seq)) {
			st->ctr.fsctp_reconf_resp_in++;
			req_remove(st, rc, i);
			return;
		}
}

static bool
have_req(const struct fsctp_reconf *rc, uint16_t type)
{
	unsigned i;

	for (i = 0; i < rc->n_req; i++)
		if (rc->req[i].type == type)
			return true;
	return false;
}

/* ------------------------------------------------------------------------ */
/* Requests from the peer (5.2.x)                                           */
/* ------------------------------------------------------------------------ */

/* A received request, with the response (if any) to send. */
struct rx_ctx {
	struct fsctp_reconf_param resp[FSCTP_RECONF_MAX_PARAMS];
	unsigned n_resp;
	bool send_req; /* a request of ours was added: send it */
};

static uint16_t *
sids_copy(struct fsctp_stack *st, const struct fsctp_reconf_param *p,
	  uint16_t limit, bool *bad)
{
	uint16_t *s;
	unsigned i;

	*bad = false;
	if (p->n_sids == 0)
		return NULL;
	s = malloc(p->n_sids * sizeof(*s));
	if (s == NULL) {
		st->ctr.fsctp_nomem++;
		*bad = true;
		return NULL;
	}
	for (i = 0; i < p->n_sids; i++) {
		s[i] = fsctp_reconf_sid(p, i);
		if (s[i] >= limit)
			*bad = true;
	}
	return s;
}

/* Perform the deferred (or immediate) reset of inbound streams. */
static void
do_in_reset(struct fsctp_assoc *a)
{
	struct fsctp_reconf *rc = &a->data->rc;

	/* 5.2.2: the SSNs of the listed inbound streams restart at 0. */
	fsctp_reasm_reset_ssn(&a->data->reasm, rc->def_sids, rc->def_n);
	rc->deferred = false;
	rc->last_result[rc->def_seq & 1] = FSCTP_RECONF_PERFORMED;
	ev_reset(a, FSCTP_STREAM_RESET_INCOMING, rc->def_sids, rc->def_n);
	free(rc->def_sids);
	rc->def_sids = NULL;
	rc->def_n = 0;
}

static bool
last_tsn_arrived(const struct fsctp_assoc *a, uint32_t last_tsn)
{
	return fsctp_sn32_le(last_tsn, fsctp_tsnmap_cum_tsn(&a->data->map));
}

/* 5.2.2: Outgoing SSN Reset Request (the peer's outbound = our inbound). */
static uint32_t
rq_out_reset(struct fsctp_stack *st, struct fsctp_assoc *a,
	     const struct fsctp_reconf_param *p, bool again)
{
	struct fsctp_reconf *rc = &a->data->rc;
	uint16_t *sids;
	bool bad;

	if (again) {
		/* A retransmission while deferred: still waiting? */
		if (rc->deferred && rc->def_seq == p->req_seq) {
			if (!last_tsn_arrived(a, rc->def_tsn))
				return FSCTP_RECONF_IN_PROGRESS;
			do_in_reset(a);
			return FSCTP_RECONF_PERFORMED;
		}
		return rc->last_result[p->req_seq & 1];
	}
	/* It answers our Incoming SSN Reset Request (4.1, 5.2.3). */
	if (have_req(rc, FSCTP_PARAM_IN_SSN_RESET_REQ))
		answered_by_peer(st, a, FSCTP_PARAM_IN_SSN_RESET_REQ, true,
				 p->resp_seq);
	if (!(rc->enable & FSCTP_ENABLE_RESET_STREAM_REQ)) {
		st->ctr.fsctp_reconf_denied++;
		return FSCTP_RECONF_RES_DENIED;
	}
	if (rc->deferred) {
		st->ctr.fsctp_reconf_busy++;
		return FSCTP_RECONF_BUSY;
	}
	sids = sids_copy(st, p, a->n_in, &bad);
	if (bad) {
		/* A stream we do not have. */
		free(sids);
		st->ctr.fsctp_reconf_denied++;
		return FSCTP_RECONF_RES_DENIED;
	}
	rc->deferred = true;
	rc->def_seq = p->req_seq;
	rc->def_tsn = p->last_tsn;
	rc->def_sids = sids;
	rc->def_n = p->n_sids;
	if (last_tsn_arrived(a, p->last_tsn)) {
		do_in_reset(a);
		return FSCTP_RECONF_PERFORMED;
	}
	/* 5.2.2: deferred until the cumulative TSN reaches the Sender's
	 * Last Assigned TSN. */
	st->ctr.fsctp_reconf_in_progress++;
	return FSCTP_RECONF_IN_PROGRESS;
}

/* 5.2.4: SSN/TSN Reset Request: restart both directions, or say why
 * not. The TSNs answered go into the response. */
static uint32_t
rq_ssn_tsn(struct fsctp_stack *st, struct fsctp_assoc *a,
	   const struct fsctp_reconf_param *p)
{
	struct fsctp_reconf *rc = &a->data->rc;
	uint32_t snd, rcv;

	if (!(rc->enable & FSCTP_ENABLE_RESET_ASSOC_REQ)) {
		st->ctr.fsctp_reconf_denied++;
		return FSCTP_RECONF_RES_DENIED;
	}
	/* A request of ours, or a deferred reset, is still open: they
	 * belong to the TSNs and SSNs of now. */
	if (rc->n_req > 0 || rc->deferred) {
		st->ctr.fsctp_reconf_busy++;
		return FSCTP_RECONF_BUSY;
	}
	/* Data of ours queued or outstanding: not yet (the request comes
	 * again after an RTO; 5.1.1). */
	if (!fsctp_reconf_tsn_quiet(a)) {
		st->ctr.fsctp_reconf_in_progress++;
		return FSCTP_RECONF_IN_PROGRESS;
	}
	/* G1, G2: the Receiver's Next TSN (the peer's next) and the Sender's
	 * Next TSN (ours). */
	snd = fsctp_reconf_tsn_snd_next(a);
	rcv = fsctp_reconf_tsn_rcv_next(a);
	if (fsctp_reconf_tsn_apply(a, snd, rcv) < 0)
		return FSCTP_RECONF_IN_PROGRESS;
	/* G6: "Success - Performed" with both TSNs; kept for a
	 * retransmission of the request (5.2.1). */
	rc->tsn_done = true;
	rc->tsn_seq = p->req_seq;
	rc->tsn_snd_next = snd;
	rc->tsn_rcv_next = rcv;
	return FSCTP_RECONF_PERFORMED;
}

/* 5.2.3: Incoming SSN Reset Request: reset our outbound streams. */
static uint32_t
rq_in_reset(struct fsctp_stack *st, struct fsctp_assoc *a,
	    const struct fsctp_reconf_param *p, struct rx_ctx *cx)
{
	struct fsctp_reconf *rc = &a->data->rc;
	uint16_t *sids;
	bool bad;
	int ret;

	/* Our answer must fit one packet (FSCTP_RECONF_MAX_SIDS). */
	if (!(rc->enable & FSCTP_ENABLE_RESET_STREAM_REQ) ||
	    p->n_sids > FSCTP_RECONF_MAX_SIDS) {
		st->ctr.fsctp_reconf_denied++;
		return FSCTP_RECONF_RES_DENIED;
	}
	sids = sids_copy(st, p, a->n_out, &bad);
	if (bad) {
		free(sids);
		st->ctr.fsctp_reconf_denied++;
		return FSCTP_RECONF_RES_DENIED;
	}
	/* One RE-CONFIG of ours outstanding at a time. */
	if (rc->n_req > 0 || cx->send_req) {
		free(sids);
		st->ctr.fsctp_reconf_busy++;
		return FSCTP_RECONF_BUSY;
	}
	ret = req_add_out_reset(rc, sids, p->n_sids);
	free(sids);
	if (ret < 0)
		return FSCTP_RECONF_BUSY;
	/* 5.2.3: the Outgoing SSN Reset Request is the answer. */
	rc->req[rc->n_req - 1].resp_seq = p->req_seq;
	rc->req[rc->n_req - 1].trig = true;
	rc->req[rc->n_req - 1].trig_seq = p->req_seq;
	cx->send_req = true;
	return RESULT_ANSWERED;
}

/* 5.2.5: Add Outgoing Streams Request (the peer's outbound = our
 * inbound). */
static uint32_t
rq_add_out(struct fsctp_stack *st, struct fsctp_assoc *a,
	   const struct fsctp_reconf_param *p)
{
	struct fsctp_reconf *rc = &a->data->rc;
	uint16_t max =
		st->cfg.reconf_max_streams ? st->cfg.reconf_max_streams : 1024;
	bool asked = have_req(rc, FSCTP_PARAM_ADD_IN_STREAMS_REQ);

	/* It answers our Add Incoming Streams Request (5.2.6). */
	if (asked)
		answered_by_peer(st, a, FSCTP_PARAM_ADD_IN_STREAMS_REQ, false,
				 0);
	if (!asked && !(rc->enable & FSCTP_ENABLE_CHANGE_ASSOC_REQ)) {
		st->ctr.fsctp_reconf_denied++;
		return FSCTP_RECONF_RES_DENIED;
	}
	if (p->n_new_streams == 0)
		return FSCTP_RECONF_NOTHING;
	if ((uint32_t)a->n_in + p->n_new_streams > max ||
	    fsctp_reasm_add_streams(&a->data->reasm, p->n_new_streams) < 0) {
		st->ctr.fsctp_reconf_denied++;
		if (asked)
			ev_change(a, FSCTP_RECONF_FAILED);
		return FSCTP_RECONF_RES_DENIED;
	}
	a->n_in = a->data->reasm.cfg.n_in_streams;
	ev_change(a, 0);
	return FSCTP_RECONF_PERFORMED;
}

/* 5.2.6: Add Incoming Streams Request: we add outbound streams by an Add
 * Outgoing Streams Request of ours. */
static uint32_t
rq_add_in(struct fsctp_stack *st, struct fsctp_assoc *a,
	  const struct fsctp_reconf_param *p, struct rx_ctx *cx)
{
	struct fsctp_reconf *rc = &a->data->rc;
	uint16_t max =
		st->cfg.reconf_max_streams ? st->cfg.reconf_max_streams : 1024;

	if (!(rc->enable & FSCTP_ENABLE_CHANGE_ASSOC_REQ) ||
	    (uint32_t)a->n_out + p->n_new_streams > max) {
		st->ctr.fsctp_reconf_denied++;
		return FSCTP_RECONF_RES_DENIED;
	}
	if (p->n_new_streams == 0)
		return FSCTP_RECONF_NOTHING;
	if (rc->n_req > 0 || cx->send_req) {
		st->ctr.fsctp_reconf_busy++;
		return FSCTP_RECONF_BUSY;
	}
	if (req_add(rc, FSCTP_PARAM_ADD_OUT_STREAMS_REQ, NULL, 0,
		    p->n_new_streams) < 0)
		return FSCTP_RECONF_BUSY;
	rc->req[rc->n_req - 1].trig = true;
	rc->req[rc->n_req - 1].trig_seq = p->req_seq;
	cx->send_req = true;
	return RESULT_ANSWERED;
}

static void
count_req_in(struct fsctp_stack *st, uint16_t type)
{
	switch (type) {
	case FSCTP_PARAM_OUT_SSN_RESET_REQ:
		st->ctr.fsctp_reconf_out_reset_in++;
		break;
	case FSCTP_PARAM_IN_SSN_RESET_REQ:
		st->ctr.fsctp_reconf_in_reset_in++;
		break;
	case FSCTP_PARAM_SSN_TSN_RESET_REQ:
		st->ctr.fsctp_reconf_ssn_tsn_in++;
		break;
	case FSCTP_PARAM_ADD_OUT_STREAMS_REQ:
		st->ctr.fsctp_reconf_add_out_in++;
		break;
	default:
		st->ctr.fsctp_reconf_add_in_in++;
		break;
	}
}

static void
respond(const struct fsctp_reconf *rc, struct rx_ctx *cx, uint32_t seq,
	uint32_t result)
{
	struct fsctp_reconf_param *r;

	if (result == RESULT_ANSWERED || cx->n_resp >= FSCTP_RECONF_MAX_PARAMS)
		return;
	r = &cx->resp[cx->n_resp++];
	memset(r, 0, sizeof(*r));
	r->type = FSCTP_PARAM_RECONFIG_RESP;
	r->resp_seq = seq;
	r->result = result;
	/* 4.4: the two TSNs answer an SSN/TSN Reset Request performed. */
	if (result == FSCTP_RECONF_PERFORMED && rc->tsn_done &&
	    rc->tsn_seq == seq) {
		r->has_tsns = true;
		r->sender_next_tsn = rc->tsn_snd_next;
		r->receiver_next_tsn = rc->tsn_rcv_next;
	}
}

static void
rx_request(struct fsctp_stack *st, struct fsctp_assoc *a,
	   const struct fsctp_reconf_param *p, struct rx_ctx *cx)
{
	struct fsctp_reconf *rc = &a->data->rc;
	uint32_t seq = p->req_seq, result;

	if (seq != rc->peer_seq) {
		/* 5.2.1: one of the last two requests again: the same
		 * answer; anything else: Bad Sequence Number. */
		if (seq == rc->peer_seq - 1 || seq == rc->peer_seq - 2) {
			st->ctr.fsctp_reconf_dup++;
			result = rc->last_result[seq & 1];
			if (p->type == FSCTP_PARAM_OUT_SSN_RESET_REQ) {
				result = rq_out_reset(st, a, p, true);
			} else if (result == RESULT_ANSWERED) {
				unsigned i;

				/* Our answering request is still out: its
				 * timer resends it. Else it is done. */
				for (i = 0; i < rc->n_req; i++)
					if (rc->req[i].trig &&
					    rc->req[i].trig_seq == seq)
						return;
				result = FSCTP_RECONF_PERFORMED;
			} else if (result == FSCTP_RECONF_IN_PROGRESS &&
				   p->type == FSCTP_PARAM_IN_SSN_RESET_REQ) {
				/* We could not start it last time. */
				result = rq_in_reset(st, a, p, cx);
				rc->last_result[seq & 1] = result;
			} else if (result == FSCTP_RECONF_IN_PROGRESS &&
				   p->type == FSCTP_PARAM_SSN_TSN_RESET_REQ) {
				/* 5.2.4: perhaps quiet now. */
				result = rq_ssn_tsn(st, a, p);
				rc->last_result[seq & 1] = result;
			}
			respond(rc, cx, seq, result);
			return;
		}
		st->ctr.fsctp_reconf_bad_seq++;
		respond(rc, cx, seq, FSCTP_RECONF_BAD_SEQ);
		return;
	}
	rc->peer_seq++;
	count_req_in(st, p->type);
	switch (p->type) {
	case FSCTP_PARAM_OUT_SSN_RESET_REQ:
		result = rq_out_reset(st, a, p, false);
		break;
	case FSCTP_PARAM_IN_SSN_RESET_REQ:
		result = rq_in_reset(st, a, p, cx);
		break;
	case FSCTP_PARAM_ADD_OUT_STREAMS_REQ:
		result = rq_add_out(st, a, p);
		break;
	case FSCTP_PARAM_ADD_IN_STREAMS_REQ:
		result = rq_add_in(st, a, p, cx);
		break;
	default:
		result = rq_ssn_tsn(st, a, p);
		break;
	}
	rc->last_result[seq & 1] = result;
	respond(rc, cx, seq, result);
}

int
fsctp_reconf_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
		   struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_reconf_info info;
	struct rx_ctx cx;
	unsigned i;

	if (rc_of(a) == NULL) {
		st->ctr.fsctp_rx_unexpected++;
		return FSCTP_DISP_CONTINUE;
	}
	/* 3.1: one or two parameters, each of a known type and length. */
	if (fsctp_decode_reconf(ch, &info) < 0) {
		st->ctr.fsctp_reconf_bad++;
		return FSCTP_DISP_CONTINUE;
	}
	memset(&cx, 0, sizeof(cx));
	for (i = 0; i < info.n_params && !a->dead; i++) {
		const struct fsctp_reconf_param *p = &info.params[i];

		if (p->type == FSCTP_PARAM_RECONFIG_RESP)
			rx_response(st, a, p, rx->now);
		else
			rx_request(st, a, p, &cx);
	}
	if (a->dead)
		return FSCTP_DISP_GONE;
	if (cx.n_resp > 0) {
		const uint16_t *none[2] = { NULL, NULL };

		st->ctr.fsctp_reconf_resp_out += cx.n_resp;
		emit(st, a, cx.resp, none, cx.n_resp);
	}
	if (cx.send_req)
		try_send(st, a, rx->now);
	return FSCTP_DISP_CONTINUE;
}

bool
fsctp_reconf_rx_hold(const struct fsctp_assoc *a, uint16_t sid, uint32_t tsn)
{
	const struct fsctp_reconf *rc = &a->data->rc;
	uint16_t i;

	if (!rc->deferred || fsctp_sn32_le(tsn, rc->def_tsn))
		return false;
	if (rc->def_n == 0)
		return true;
	for (i = 0; i < rc->def_n; i++)
		if (rc->def_sids[i] == sid)
			return true;
	return false;
}

void
fsctp_reconf_packet_end(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	struct fsctp_reconf *rc = rc_of(a);

	(void)st;
	if (rc != NULL && rc->deferred && !a->dead &&
	    last_tsn_arrived(a, rc->def_tsn))
		do_in_reset(a);
}

/* ------------------------------------------------------------------------ */
/* Application calls                                                        */
/* ------------------------------------------------------------------------ */

static int
app_assoc(struct fsctp_stack *st, fsctp_assoc_id_t id, struct fsctp_assoc **ap)
{
	struct fsctp_assoc *a;

	if (st == NULL)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->dead || a->state != FSCTP_ESTABLISHED ||
	    rc_of(a) == NULL)
		return -ENOTCONN;
	/* 3: only with a peer that listed RE-CONFIG. */
	if (!(a->features & FSCTP_FEAT_RECONFIG))
		return -EOPNOTSUPP;
	*ap = a;
	return 0;
}

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

int
fsctp_reconf_reset_streams(struct fsctp_stack *st, fsctp_assoc_id_t id,
			   uint16_t flags, const uint16_t *sids, uint16_t n,
			   fsctp_time_t now)
{
	struct fsctp_assoc *a;
	struct fsctp_reconf *rc;
	uint16_t i;
	int ret;

	ret = app_assoc(st, id, &a);
	if (ret < 0)
		return ret;
	if ((flags & (FSCTP_STREAM_RESET_INCOMING |
		      FSCTP_STREAM_RESET_OUTGOING)) == 0 ||
	    (flags & ~(FSCTP_STREAM_RESET_INCOMING |
		       FSCTP_STREAM_RESET_OUTGOING)) != 0 ||
	    (n > 0 && sids == NULL) || n > FSCTP_RECONF_MAX_SIDS)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (((flags & FSCTP_STREAM_RESET_OUTGOING) &&
		     sids[i] >= a->n_out) ||
		    ((flags & FSCTP_STREAM_RESET_INCOMING) &&
		     sids[i] >= a->n_in))
			return -EINVAL;
	rc = &a->data->rc;
	/* 5.1.1: one RE-CONFIG outstanding at a time. */
	if (rc->n_req > 0)
		return -EBUSY;
	app_enter(st, now);
	ret = 0;
	if (flags & FSCTP_STREAM_RESET_OUTGOING)
		ret = req_add_out_reset(rc, sids, n);
	if (ret == 0 && (flags & FSCTP_STREAM_RESET_INCOMING)) {
		ret = req_add(rc, FSCTP_PARAM_IN_SSN_RESET_REQ, sids, n, 0);
		if (ret < 0 && rc->n_req > 0) {
			/* Both or nothing. */
			fsctp_sendq_hold_new(&a->data->sq, false);
			rc->next_seq--;
			req_remove(st, rc, 0);
		}
	}
	if (ret == 0)
		try_send(st, a, st->now);
	app_leave(st);
	return ret;
}

int
fsctp_reconf_add_streams(struct fsctp_stack *st, fsctp_assoc_id_t id,
			 uint16_t n_in, uint16_t n_out, fsctp_time_t now)
{
	struct fsctp_assoc *a;
	struct fsctp_reconf *rc;
	int ret;

	ret = app_assoc(st, id, &a);
	if (ret < 0)
		return ret;
	if ((n_in == 0 && n_out == 0) ||
	    (uint32_t)a->n_in + n_in > UINT16_MAX ||
	    (uint32_t)a->n_out + n_out > UINT16_MAX)
		return -EINVAL;
	rc = &a->data->rc;
	if (rc->n_req > 0)
		return -EBUSY;
	app_enter(st, now);
	ret = 0;
	/* 5.1.5, 5.1.6; 3.1: the two may share a chunk. */
	if (n_out > 0)
		ret = req_add(rc, FSCTP_PARAM_ADD_OUT_STREAMS_REQ, NULL, 0,
			      n_out);
	if (ret == 0 && n_in > 0)
		ret = req_add(rc, FSCTP_PARAM_ADD_IN_STREAMS_REQ, NULL, 0,
			      n_in);
	if (ret == 0)
		send_requests(st, a, st->now);
	app_leave(st);
	return ret;
}

int
fsctp_reconf_reset_assoc(struct fsctp_stack *st, fsctp_assoc_id_t id,
			 fsctp_time_t now)
{
	struct fsctp_assoc *a;
	struct fsctp_reconf *rc;
	int ret;

	ret = app_assoc(st, id, &a);
	if (ret < 0)
		return ret;
	rc = &a->data->rc;
	/* 5.1.1: one RE-CONFIG outstanding at a time. */
	if (rc->n_req > 0)
		return -EBUSY;
	/* 5.1.4: the TSNs restart only with nothing of ours queued or in
	 * flight, else they would be lost under the new TSNs. */
	if (!fsctp_reconf_tsn_quiet(a))
		return -EAGAIN;
	app_enter(st, now);
	ret = req_add(rc, FSCTP_PARAM_SSN_TSN_RESET_REQ, NULL, 0, 0);
	if (ret == 0) {
		/* 5.1.4: no new DATA until the response. */
		fsctp_sendq_hold_new(&a->data->sq, true);
		send_requests(st, a, st->now);
	}
	app_leave(st);
	return ret;
}

int
fsctp_reconf_enable(struct fsctp_stack *st, fsctp_assoc_id_t id, uint8_t enable)
{
	struct fsctp_assoc *a;

	if (st == NULL || (enable & ~(FSCTP_ENABLE_RESET_STREAM_REQ |
				      FSCTP_ENABLE_RESET_ASSOC_REQ |
				      FSCTP_ENABLE_CHANGE_ASSOC_REQ)) != 0)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->dead || rc_of(a) == NULL)
		return -ENOTCONN;
	a->data->rc.enable = enable;
	return 0;
}

int
fsctp_reconf_pending(const struct fsctp_stack *st, fsctp_assoc_id_t id)
{
	const struct fsctp_assoc *a;

	if (st == NULL)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->dead || rc_of(a) == NULL)
		return -ENOTCONN;
	return a->data->rc.n_req;
}
