/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The association state machine: a table of chunk type x state -> handler,
 * handlers named after the RFC 9260 section they implement. Handlers decide
 * and record effects; packets leave only through fsctp_out_*() (and so
 * ops->output) and events only through ops->event.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_cause.h"
#include "fsctp_chunk.h"
#include "fsctp_serial.h"

typedef enum fsctp_disp (*sm_fn)(struct fsctp_stack *st, struct fsctp_assoc *a,
				 struct fsctp_rx *rx,
				 const struct fsctp_tlv *ch);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* Open (or continue) the reply to the packet being processed: to its
 * source, from the address it came to (a HEARTBEAT ACK from another
 * address would not confirm the one probed, RFC 9260 8.3). */
static void
reply_begin(struct fsctp_stack *st, struct fsctp_rx *rx, uint32_t vtag,
	    struct fsctp_assoc *a)
{
	fsctp_out_begin(st, rx->dst, rx->src, vtag, a);
}

/* Reply with an ABORT. Never in reply to a packet carrying an ABORT. */
static void
reply_abort(struct fsctp_stack *st, struct fsctp_rx *rx, uint32_t vtag,
	    bool t_bit, const uint8_t *causes, size_t len)
{
	if (rx->no_abort_reply || !fsctp_stack_reply_ok(st, rx->now))
		return;
	reply_begin(st, rx, vtag, NULL);
	fsctp_encode_abort(fsctp_out_wbuf(st, len + 4), t_bit, causes, len);
	fsctp_out_ctrl(st);
}

static uint16_t
min16(uint16_t a, uint16_t b)
{
	return a < b ? a : b;
}

static bool
in_handshake(const struct fsctp_assoc *a)
{
	return a->state == FSCTP_COOKIE_WAIT || a->state == FSCTP_COOKIE_ECHOED;
}

/* ------------------------------------------------------------------------ */
/* Trivial handlers                                                         */
/* ------------------------------------------------------------------------ */

/* A chunk that is not valid in this state: discard it, go on. */
static enum fsctp_disp
sm_discard(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	   const struct fsctp_tlv *ch)
{
	(void)rx;
	(void)ch;
	st->ctr.fsctp_rx_unexpected++;
	a->ctr.unexpected++;
	return FSCTP_DISP_CONTINUE;
}

/* ECNE/CWR: ECN was not offered (we never send ECN Capable), so these are
 * ignored. */
static enum fsctp_disp
sm_ignore(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	  const struct fsctp_tlv *ch)
{
	(void)st;
	(void)a;
	(void)rx;
	(void)ch;
	return FSCTP_DISP_CONTINUE;
}

/* Placeholder for the CLOSED column: out-of-the-blue packets are handled
 * whole by fsctp_sm_ootb() (8.4), never chunk by chunk. */
static enum fsctp_disp
sm_8_4_ootb(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	    const struct fsctp_tlv *ch)
{
	(void)st;
	(void)a;
	(void)rx;
	(void)ch;
	return FSCTP_DISP_STOP;
}

/* 3.2: an unrecognised chunk type; the upper two bits say what to do. */
static enum fsctp_disp
sm_3_2_unknown_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
		     struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	enum fsctp_unknown_action act =
		fsctp_unknown_chunk_action((uint8_t)ch->type);

	(void)a;
	/* RFC 4820 3: PAD (type 132, action 10: skip, no report) is known,
	 * only discarded; PLPMTUD probes carry it (RFC 8899 6.2). */
	if (ch->type != FSCTP_CHUNK_PAD)
		st->ctr.fsctp_rx_unknown_chunk++;
	/* 01 and 11: report in an ERROR (Unrecognized Chunk Type), all
	 * reports of one packet in one ERROR of bounded size; never an
	 * ERROR in reply to an ERROR. */
	if (fsctp_unknown_action_reports(act) && !rx->no_error_reply &&
	    fsctp_wbuf_room(&rx->errw) >= FSCTP_PAD4(ch->length) + 4u)
		fsctp_encode_cause_unrecognized_chunk(&rx->errw, ch->hdr,
						      ch->length);
	return fsctp_unknown_action_stops(act) ? FSCTP_DISP_STOP
					       : FSCTP_DISP_CONTINUE;
}

void
fsctp_sm_flush_errors(struct fsctp_stack *st, struct fsctp_assoc *a,
		      struct fsctp_rx *rx)
{
	if (rx->errw.len == 0 || rx->errw.err || a->peer_vtag == 0)
		return;
	reply_begin(st, rx, a->peer_vtag, a);
	fsctp_encode_error(fsctp_out_wbuf(st, rx->errw.len + 4), rx->err,
			   rx->errw.len);
	fsctp_out_ctrl(st);
	rx->errw.len = 0;
}

/* ------------------------------------------------------------------------ */
/* INIT (5.1, 5.2.1, 5.2.2)                                                 */
/* ------------------------------------------------------------------------ */

/*
 * Decode and validate an INIT (3.3.2). @return 0 when it can be answered,
 * -1 when it was discarded or answered with an ABORT (vtag = its Initiate
 * Tag, T bit clear, 8.4 rule 3); no association state is touched.
 */
static int
init_check(struct fsctp_stack *st, struct fsctp_rx *rx,
	   const struct fsctp_tlv *ch, struct fsctp_init_info *ii)
{
	uint8_t causes[FSCTP_ERROR_MAX];
	struct fsctp_wbuf w;

	if (fsctp_decode_init(ch, ii) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return -1;
	}
	/* 3.3.2 (RFC 9260): an Initiate Tag of 0 is discarded silently. */
	if (ii->init_tag == 0) {
		st->ctr.fsctp_rx_init_tag0++;
		return -1;
	}
	fsctp_wbuf_init(&w, causes, sizeof(causes));
	/* 3.3.2: OS = 0, MIS = 0 or a_rwnd < 1500: ABORT with Invalid
	 * Mandatory Parameter. */
	if (ii->n_out_streams == 0 || ii->n_in_streams == 0 ||
	    ii->a_rwnd < 1500) {
		fsctp_encode_cause_invalid_param(&w);
	} else if (ii->has_host_name) {
		/* 3.3.2.1 (RFC 9260): Host Name Address is not supported:
		 * ABORT with Unresolvable Address carrying it. */
		uint8_t tlv[FSCTP_ERROR_MAX - 16];
		struct fsctp_wbuf tw;

		fsctp_wbuf_init(&tw, tlv, sizeof(tlv));
		fsctp_wbuf_tlv(&tw, FSCTP_PARAM_HOST_NAME, ii->host_name.ptr,
			       ii->host_name.len);
		fsctp_encode_cause_unresolvable_addr(&w, tlv,
						     tw.err ? 0 : tw.len);
	} else {
		return 0;
	}
	st->ctr.fsctp_rx_init_invalid++;
	reply_abort(st, rx, ii->init_tag, false, causes, w.len);
	return -1;
}

/* 5.1.2: a peer address we can use: a family we have an address of, unicast,
 * not unspecified. */
static bool
peer_addr_usable(uint8_t sat, const struct fsctp_addr *ad)
{
	static const uint8_t zero[16];

	/* 5.1.2: only the address types we have a local address of (an
	 * association may mix IPv4 and IPv6 when it has both). */
	if (ad->family == FSCTP_AF_INET4
		    ? !(sat & FSCTP_SAT_IPV4)
		    : ad->family != FSCTP_AF_INET6 || !(sat & FSCTP_SAT_IPV6))
		return false;
	if (ad->family == FSCTP_AF_INET4)
		return ad->ip.v4[0] < 224 && memcmp(ad->ip.v4, zero, 4) != 0;
	return ad->ip.v6[0] != 0xFF && memcmp(ad->ip.v6, zero, 16) != 0;
}

/* 5.1.2, 5.2.1: a transport address (peer address and port, on our local
 * port) already belongs to another live association. Only a restart of
 * that association (5.2.4 case A, found by the tuple lookup) may list it
 * again; a new association claiming it would take over the lookups for
 * the live one (T-bit packets, ICMP, INIT). */
static bool
addr_taken(struct fsctp_stack *st, uint16_t lport, const struct fsctp_addr *ad,
	   const struct fsctp_assoc *self)
{
	struct fsctp_assoc *o = fsctp_lookup_tuple(st, lport, ad);

	return o != NULL && o != self && !o->dead;
}

/* Build the cookie and send the INIT ACK (5.1 B) for the INIT in ii;
 * b carries our tag, TSN and the tie-tags already. */
static void
send_init_ack(struct fsctp_stack *st, struct fsctp_rx *rx,
	      const struct fsctp_init_info *ii, struct fsctp_cookie_body *b)
{
	uint8_t cookie[FSCTP_COOKIE_LEN];
	struct fsctp_init_info ack;
	struct fsctp_endpoint *ep = fsctp_ep_find(st, rx->dst->port);
	uint32_t extra = 0;
	uint8_t sat;
	unsigned i;

	/* Rate limit (fsctp_stack_reply_ok): the INIT may be spoofed. */
	if (!fsctp_stack_reply_ok(st, rx->now))
		return;
	b->created = rx->now;
	b->features = (fsctp_assoc_data_features(st) & fsctp_feat_peer(ii)) |
		      fsctp_zcsum_peer(st, ii);
	/* RFC 4895 3, 6.1: our RANDOM (a fresh one unless the caller kept
	 * that of our own INIT) and the peer's key vector, in the cookie. */
	if (b->auth_my_len == 0 &&
	    fsctp_auth_local_vec(st, b->auth_my, &b->auth_my_len) < 0)
		b->auth_my_len = 0;
	b->auth_peer_len =
		b->auth_my_len ? fsctp_auth_peer_vec(ii, b->auth_peer) : 0;
	if (b->auth_peer_len)
		b->features |= fsctp_asconf_peer(st, ii);
	/* 5.1.3 / 5.2.6: a Cookie Preservative lengthens the life, capped. */
	if (ii->has_cookie_preservative)
		extra = ii->cookie_preservative_ms <
					FSCTP_COOKIE_PRESERVATIVE_MAX_MS
				? ii->cookie_preservative_ms
				: FSCTP_COOKIE_PRESERVATIVE_MAX_MS;
	b->lifetime = ((uint64_t)st->cfg.valid_cookie_life_ms + extra) * 1000;
	b->peer_vtag = ii->init_tag;
	b->peer_itsn = ii->initial_tsn;
	b->peer_rwnd = ii->a_rwnd;
	/* Stream counts: the smaller of what each side allows. */
	b->n_out = min16(st->cfg.n_out_streams, ii->n_in_streams);
	b->n_in = min16(st->cfg.max_in_streams, ii->n_out_streams);
	b->local = *rx->dst;
	b->local_port = rx->dst->port;
	b->peer_port = rx->src->port;
	/* 5.1.2: the source address plus every address listed. */
	b->addrs[0] = *rx->src;
	b->n_addrs = 1;
	sat = ep != NULL ? fsctp_mh_sat(ep->laddrs, ep->n_laddrs, rx->dst)
			 : fsctp_mh_sat(NULL, 0, rx->dst);
	for (i = 0; i < ii->n_addrs && b->n_addrs < FSCTP_MAX_PATHS; i++) {
		struct fsctp_addr ad = ii->addrs[i];
		unsigned k;

		ad.port = rx->src->port;
		if (!peer_addr_usable(sat, &ad))
			continue;
		for (k = 0; k < b->n_addrs; k++)
			if (fsctp_addr_eq(&b->addrs[k], &ad))
				break;
		if (k == b->n_addrs)
			b->addrs[b->n_addrs++] = ad;
	}
	if (fsctp_cookie_secret_due(&st->secret, rx->now)) {
		uint8_t key[FSCTP_COOKIE_KEY_LEN];

		fsctp_rand(st, key, sizeof(key));
		fsctp_cookie_secret_rotate(&st->secret, key, rx->now);
		st->ctr.fsctp_cookie_key_rotations++;
	}
	if (fsctp_cookie_sign(&st->secret, b, cookie, sizeof(cookie)) < 0) {
		st->ctr.fsctp_nomem++;
		return;
	}
	memset(&ack, 0, sizeof(ack));
	ack.init_tag = b->my_vtag;
	ack.a_rwnd = st->cfg.rwnd;
	ack.n_out_streams = st->cfg.n_out_streams;
	ack.n_in_streams = st->cfg.max_in_streams;
	ack.initial_tsn = b->my_itsn;
	ack.cookie = cookie;
	ack.cookie_len = sizeof(cookie);
	fsctp_feat_offer(fsctp_assoc_data_features(st), &ack);
	fsctp_zcsum_offer(st, &ack);
	fsctp_auth_put_init(b->auth_my, b->auth_my_len, &ack);
	fsctp_asconf_offer(st, &ack);
	/* 5.1.2: a multi-homed endpoint lists its addresses, of the types
	 * the INIT said it supports (3.3.2.1). */
	if (ep != NULL)
		fsctp_mh_list_addrs(ep->laddrs, ep->n_laddrs,
				    ii->has_supported_addr_types
					    ? ii->supported_addr_types
					    : 0,
				    &ack);
	/* 3.2.1 / 3.3.3: report unrecognised INIT parameters. */
	for (i = 0; i < ii->n_unrecognized && i < FSCTP_MAX_UNRECOGNIZED; i++)
		ack.unrecognized[i] = ii->unrecognized[i];
	ack.n_unrecognized = i;
	/* 5.1 B: INIT ACK with the INIT's Initiate Tag as vtag; alone. */
	fsctp_out_flush(st);
	reply_begin(st, rx, ii->init_tag, NULL);
	fsctp_encode_init(fsctp_out_wbuf(st, FSCTP_OUT_MAX), true, &ack);
	fsctp_out_ctrl(st);
	fsctp_out_flush(st);
}

/* 5.1 B: INIT in CLOSED: answer statelessly with INIT ACK + cookie. */
static enum fsctp_disp
sm_5_1_init_in_closed(struct fsctp_stack *st, struct fsctp_assoc *a,
		      struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_endpoint *ep = fsctp_ep_find(st, rx->dst->port);
	struct fsctp_init_info ii;
	struct fsctp_cookie_body b;

	(void)a;
	if (init_check(st, rx, ch, &ii) < 0)
		return FSCTP_DISP_STOP;
	if (ep == NULL || !ep->listening) {
		/* 8.4 rule 3: it cannot be processed: ABORT with the
		 * Initiate Tag, T bit clear. */
		st->ctr.fsctp_rx_init_no_listener++;
		reply_abort(st, rx, ii.init_tag, false, NULL, 0);
		return FSCTP_DISP_STOP;
	}
	memset(&b, 0, sizeof(b));
	b.my_vtag = fsctp_new_vtag(st);
	fsctp_rand(st, &b.my_itsn, sizeof(b.my_itsn));
	send_init_ack(st, rx, &ii, &b);
	return FSCTP_DISP_STOP;
}

/* 5.2.1: INIT in COOKIE-WAIT or COOKIE-ECHOED (collision): INIT ACK with
 * the parameters of our own INIT, our Initiate Tag unchanged. */
static enum fsctp_disp
sm_5_2_1_init_in_cookie_wait(struct fsctp_stack *st, struct fsctp_assoc *a,
			     struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_init_info ii;
	struct fsctp_cookie_body b;

	if (init_check(st, rx, ch, &ii) < 0)
		return FSCTP_DISP_STOP;
	st->ctr.fsctp_collisions++;
	memset(&b, 0, sizeof(b));
	b.my_vtag = a->my_vtag;
	b.my_itsn = a->my_itsn;
	/* RFC 4895 6.1: the key vector of our own INIT. */
	memcpy(b.auth_my, a->auth.my_vec, a->auth.my_vec_len);
	b.auth_my_len = a->auth.my_vec_len;
	send_init_ack(st, rx, &ii, &b);
	return FSCTP_DISP_STOP;
}

/* 5.2.2: unexpected INIT in ESTABLISHED, SHUTDOWN-PENDING, SHUTDOWN-SENT,
 * SHUTDOWN-RECEIVED: new addresses -> ABORT; else INIT ACK with a new tag
 * and our current tags as tie-tags. */
static enum fsctp_disp
sm_5_2_2_init_unexpected(struct fsctp_stack *st, struct fsctp_assoc *a,
			 struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_init_info ii;
	struct fsctp_cookie_body b;
	struct fsctp_addr fresh[FSCTP_MAX_PEER_ADDRS];
	unsigned i, n = 0;

	if (init_check(st, rx, ch, &ii) < 0)
		return FSCTP_DISP_STOP;
	for (i = 0; i < ii.n_addrs; i++) {
		struct fsctp_addr ad = ii.addrs[i];

		ad.port = rx->src->port;
		if (peer_addr_usable(
			    fsctp_mh_sat(a->laddrs, a->n_laddrs, &a->laddr),
			    &ad) &&
		    fsctp_assoc_find_path(a, &ad) == NULL)
			fresh[n++] = ii.addrs[i];
	}
	if (n > 0) {
		uint8_t causes[FSCTP_ERROR_MAX];
		struct fsctp_wbuf w;

		/* 5.2.2: ABORT, vtag = the INIT's Initiate Tag, cause
		 * Restart of an Association with New Addresses. */
		fsctp_wbuf_init(&w, causes, sizeof(causes));
		fsctp_encode_cause_restart_new_addrs(&w, fresh, n);
		reply_abort(st, rx, ii.init_tag, false, causes,
			    w.err ? 0 : w.len);
		return FSCTP_DISP_STOP;
	}
	memset(&b, 0, sizeof(b));
	b.my_vtag = fsctp_new_vtag(st);
	fsctp_rand(st, &b.my_itsn, sizeof(b.my_itsn));
	/* The tie-tags name this TCB without revealing its tags (the
	 * cookie is signed, not encrypted); stable for the TCB's life. */
	while (a->tie_local == 0)
		fsctp_rand(st, &a->tie_local, sizeof(a->tie_local));
	while (a->tie_peer == 0)
		fsctp_rand(st, &a->tie_peer, sizeof(a->tie_peer));
	b.local_tie_tag = a->tie_local;
	b.peer_tie_tag = a->tie_peer;
	send_init_ack(st, rx, &ii, &b);
	return FSCTP_DISP_STOP;
}

/* 9.2: INIT in SHUTDOWN-ACK-SENT: discard it, retransmit SHUTDOWN ACK.
 * T2 is not restarted (an INIT carries tag 0, anyone can send it; a stream
 * of them would otherwise hold T2 off for ever); T5 bounds the state. */
static enum fsctp_disp
sm_9_2_init_in_shutdown_ack_sent(struct fsctp_stack *st, struct fsctp_assoc *a,
				 struct fsctp_rx *rx,
				 const struct fsctp_tlv *ch)
{
	(void)st;
	(void)ch;
	(void)rx;
	fsctp_assoc_resend_shutdown_ack(a);
	return FSCTP_DISP_STOP;
}

/* ------------------------------------------------------------------------ */
/* INIT ACK (5.1 C, 5.2.3)                                                  */
/* ------------------------------------------------------------------------ */

/* Fail the handshake on a bad INIT ACK: optional ABORT, CANT_STR_ASSOC. */
static enum fsctp_disp
init_ack_fail(struct fsctp_stack *st, struct fsctp_assoc *a,
	      struct fsctp_rx *rx, uint32_t vtag, const uint8_t *causes,
	      size_t len)
{
	st->ctr.fsctp_rx_init_invalid++;
	if (vtag != 0)
		reply_abort(st, rx, vtag, false, causes, len);
	st->ctr.sctpAborteds++;
	fsctp_assoc_close(a, FSCTP_EV_CANT_STR_ASSOC, 0, NULL, 0);
	return FSCTP_DISP_GONE;
}

/* A peer address an INIT ACK gives (listed, or its source) as a path of
 * the association, with the handshake's port, unless unusable, another
 * live association's (5.1.2: not taken over) or its hash chain is full.
 * @return the path, or NULL. */
static struct fsctp_path *
init_ack_peer_addr(struct fsctp_stack *st, struct fsctp_assoc *a,
		   const struct fsctp_addr *addr)
{
	struct fsctp_addr ad = *addr;

	ad.port = a->paths[0].addr.port;
	if (!peer_addr_usable(fsctp_mh_sat(a->laddrs, a->n_laddrs, &a->laddr),
			      &ad))
		return NULL;
	if (addr_taken(st, a->laddr.port, &ad, a)) {
		st->ctr.fsctp_rx_addr_in_use++;
		return NULL;
	}
	if (fsctp_stack_tuple_chain(st, a->laddr.port, &ad) >=
	    FSCTP_TUPLE_CHAIN_MAX) {
		st->ctr.fsctp_tuple_chain_full++;
		return NULL;
	}
	return fsctp_assoc_add_path(a, &ad);
}

static enum fsctp_disp
sm_5_1_init_ack_in_cookie_wait(struct fsctp_stack *st, struct fsctp_assoc *a,
			       struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_init_info ii;
	uint8_t causes[FSCTP_ERROR_MAX];
	struct fsctp_wbuf w;
	unsigned i;

	if (fsctp_decode_init(ch, &ii) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return FSCTP_DISP_STOP;
	}
	fsctp_wbuf_init(&w, causes, sizeof(causes));
	/* 3.3.3: an Initiate Tag of 0 destroys the TCB (ABORT optional). */
	if (ii.init_tag == 0)
		return init_ack_fail(st, a, rx, 0, NULL, 0);
	/* 3.3.3 (and errata 7148 for a_rwnd): Invalid Mandatory Parameter. */
	if (ii.n_out_streams == 0 || ii.n_in_streams == 0 || ii.a_rwnd < 1500) {
		fsctp_encode_cause_invalid_param(&w);
		return init_ack_fail(st, a, rx, ii.init_tag, causes, w.len);
	}
	/* 3.3.3: the State Cookie is mandatory. */
	if (ii.cookie == NULL || ii.cookie_len == 0) {
		uint16_t t = FSCTP_PARAM_STATE_COOKIE;

		fsctp_encode_cause_missing_params(&w, &t, 1);
		return init_ack_fail(st, a, rx, ii.init_tag, causes, w.len);
	}
	if (ii.has_host_name) {
		uint8_t tlv[FSCTP_ERROR_MAX - 16];
		struct fsctp_wbuf tw;

		fsctp_wbuf_init(&tw, tlv, sizeof(tlv));
		fsctp_wbuf_tlv(&tw, FSCTP_PARAM_HOST_NAME, ii.host_name.ptr,
			       ii.host_name.len);
		fsctp_encode_cause_unresolvable_addr(&w, tlv,
						     tw.err ? 0 : tw.len);
		return init_ack_fail(st, a, rx, ii.init_tag, causes, w.len);
	}
	a->cookie = malloc(ii.cookie_len);
	if (a->cookie == NULL) {
		st->ctr.fsctp_nomem++;
		return FSCTP_DISP_STOP;
	}
	memcpy(a->cookie, ii.cookie, ii.cookie_len);
	a->cookie_len = ii.cookie_len;
	/* 5.1 D: unrecognised parameters go back in an ERROR bundled with
	 * the COOKIE ECHO (Unrecognized Parameters cause). */
	if (ii.n_unrecognized > 0) {
		uint8_t ebuf[FSCTP_ERROR_MAX];
		struct fsctp_wbuf ew, cw;

		fsctp_wbuf_init(&cw, causes, sizeof(causes));
		fsctp_encode_cause_unrecognized_params(&cw, ii.unrecognized,
						       ii.n_unrecognized);
		fsctp_wbuf_init(&ew, ebuf, sizeof(ebuf));
		if (!cw.err)
			fsctp_encode_error(&ew, causes, cw.len);
		if (!cw.err && !ew.err) {
			free(a->cookie_err);
			a->cookie_err_len = 0;
			a->cookie_err = malloc(ew.len);
			if (a->cookie_err != NULL) {
				memcpy(a->cookie_err, ebuf, ew.len);
				a->cookie_err_len = (uint16_t)ew.len;
			}
		}
	}
	a->peer_vtag = ii.init_tag;
	a->peer_itsn = ii.initial_tsn;
	a->peer_rwnd = ii.a_rwnd;
	a->features = (fsctp_assoc_data_features(st) & fsctp_feat_peer(&ii)) |
		      fsctp_zcsum_peer(st, &ii);
	{
		/* RFC 4895 6.1: AUTH holds when both sides offered it. */
		uint8_t pv[FSCTP_AUTH_VEC_MAX];
		uint16_t pl =
			a->auth.my_vec_len ? fsctp_auth_peer_vec(&ii, pv) : 0;

		fsctp_auth_assoc_setup(a, a->auth.my_vec, a->auth.my_vec_len,
				       pv, pl);
		if (a->auth.on)
			a->features |= fsctp_asconf_peer(st, &ii);
		/* RFC 5061 4.1.1, 5.1, 5.2: serials from the Initial
		 * TSNs. */
		fsctp_asconf_setup(a);
	}
	/* 5.1.1: at most the OS our INIT asked for. */
	a->n_out = min16(a->init_os ? a->init_os : st->cfg.n_out_streams,
			 ii.n_in_streams);
	a->n_in = min16(st->cfg.max_in_streams, ii.n_out_streams);
	for (i = 0; i < ii.n_addrs; i++)
		init_ack_peer_addr(st, a, &ii.addrs[i]);
	/* 5.1.2 C: the source of the INIT ACK is one of the peer's
	 * addresses too, listed or not (it may differ from where our INIT
	 * went). Not confirmed (5.4): probed before data goes there. */
	if (rx->path == NULL)
		rx->path = init_ack_peer_addr(st, a, rx->src);
	fsctp_assoc_timer_cancel(st, &a->t1);
	/* 6.3.1 C5 (Karn): measure only when the INIT was not resent. */
	if (!a->t1_retransmitted)
		fsctp_path_rtt_update(&a->paths[a->primary], &a->rto_params,
				      rx->now - a->t1_sent);
	a->t1_retransmitted = false;
	a->init_retrans = 0;
	a->cookie_preservative_ms = 0;
	fsctp_assoc_set_state(a, FSCTP_COOKIE_ECHOED);
	if (!a->data_inited) {
		fsctp_assoc_data_init(st, a);
		a->data_inited = true;
	} else {
		/* 5.2.6: the INIT went again after a Stale Cookie error and
		 * this INIT ACK carries the peer's new Initial TSN (6.1):
		 * the data path starts over from it, queued messages kept. */
		fsctp_assoc_data_reset(st, a);
	}
	/* 5.1 C: COOKIE ECHO, T1-cookie, COOKIE-ECHOED. */
	fsctp_assoc_send_cookie_echo(a, rx->now);
	return FSCTP_DISP_CONTINUE;
}

/* 5.2.3: INIT ACK in any state but CLOSED and COOKIE-WAIT: discard. */
static enum fsctp_disp
sm_5_2_3_init_ack_unexpected(struct fsctp_stack *st, struct fsctp_assoc *a,
			     struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	return sm_discard(st, a, rx, ch);
}

/* ------------------------------------------------------------------------ */
/* COOKIE ECHO (5.1.5, 5.2.4) and COOKIE ACK (5.1 E, 5.2.5)                 */
/* ------------------------------------------------------------------------ */

/* Steps 1-3 of 5.1.5. @return 0 with *b filled, or -1 (counted). */
static int
cookie_check(struct fsctp_stack *st, struct fsctp_rx *rx,
	     const struct fsctp_tlv *ch, struct fsctp_cookie_body *b)
{
	struct fsctp_span ck;
	int rc;

	if (fsctp_decode_cookie_echo(ch, &ck) < 0) {
		st->ctr.fsctp_rx_cookie_bad_len++;
		return -1;
	}
	rc = fsctp_cookie_open(&st->secret, ck.ptr, ck.len, b);
	if (rc == -EMSGSIZE) {
		st->ctr.fsctp_rx_cookie_bad_len++;
		return -1;
	}
	if (rc < 0) {
		/* 5.1.5 step 2: a MAC that does not verify: discard the
		 * packet and any DATA silently. */
		st->ctr.fsctp_rx_cookie_bad_mac++;
		return -1;
	}
	/* 5.1.5 step 3: ports and tag must be those of the packet. */
	if (b->my_vtag != rx->pkt->vtag || b->local_port != rx->dst->port ||
	    b->peer_port != rx->src->port) {
		st->ctr.fsctp_rx_cookie_mismatch++;
		return -1;
	}
	return 0;
}

/* 5.1.5 step 4 / 5.2.6: a cookie past its life: ERROR with Stale Cookie
 * carrying how late it is, in microseconds. */
static bool
cookie_stale(struct fsctp_stack *st, struct fsctp_rx *rx,
	     const struct fsctp_cookie_body *b, bool send)
{
	uint8_t causes[16];
	struct fsctp_wbuf w;
	uint64_t late;

	if (rx->now <= b->created + b->lifetime)
		return false;
	if (!send)
		return true;
	late = rx->now - (b->created + b->lifetime);
	st->ctr.fsctp_rx_cookie_stale++;
	/* This ERROR answers the COOKIE ECHO, so it is sent even when the
	 * packet also carries an ERROR (the peer's report of our unknown
	 * INIT ACK parameters travels with its COOKIE ECHO, 5.1 D). */
	fsctp_wbuf_init(&w, causes, sizeof(causes));
	fsctp_encode_cause_stale_cookie(&w, late > UINT32_MAX ? UINT32_MAX
							      : (uint32_t)late);
	reply_begin(st, rx, b->peer_vtag, NULL);
	fsctp_encode_error(fsctp_out_wbuf(st, w.len + 4), causes, w.len);
	fsctp_out_ctrl(st);
	return true;
}

static void
send_cookie_ack(struct fsctp_stack *st, struct fsctp_assoc *a,
		struct fsctp_rx *rx)
{
	reply_begin(st, rx, a->peer_vtag, a);
	fsctp_encode_cookie_ack(fsctp_out_wbuf(st, 4));
	fsctp_out_ctrl(st);
}

/* Copy the peer's parameters of a cookie into the TCB. */
static void
tcb_from_cookie(struct fsctp_assoc *a, const struct fsctp_cookie_body *b)
{
	struct fsctp_path *p;
	uint8_t i;

	a->peer_vtag = b->peer_vtag;
	a->my_itsn = b->my_itsn;
	a->peer_itsn = b->peer_itsn;
	a->peer_rwnd = b->peer_rwnd;
	a->features = b->features;
	fsctp_auth_assoc_setup(a, b->auth_my, b->auth_my_len, b->auth_peer,
			       b->auth_peer_len);
	if (!a->auth.on)
		a->features &= ~(uint32_t)FSCTP_FEAT_ASCONF;
	fsctp_asconf_setup(a);
	a->n_out = b->n_out;
	a->n_in = b->n_in;
	for (i = 0; i < b->n_addrs && i < FSCTP_MAX_PATHS; i++) {
		/* addrs[0] is the packet's source; a listed address whose
		 * lookup chain is long already is left out (hash flooding). */
		if (i > 0 && fsctp_stack_tuple_chain(a->st, a->laddr.port,
						     &b->addrs[i]) >=
				     FSCTP_TUPLE_CHAIN_MAX) {
			a->st->ctr.fsctp_tuple_chain_full++;
			continue;
		}
		p = fsctp_assoc_add_path(a, &b->addrs[i]);
		/* 5.4: the INIT's source is confirmed (the cookie, sent
		 * there in the INIT ACK, came back); listed addresses are
		 * not until a HEARTBEAT to them is answered. */
		if (p != NULL && i == 0)
			p->confirmed = true;
	}
}

/* 5.1 D: COOKIE ECHO with no TCB: verify, build the TCB, COOKIE ACK. */
static enum fsctp_disp
sm_5_1_cookie_echo_in_closed(struct fsctp_stack *st, struct fsctp_assoc *a,
			     struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_cookie_body b;
	struct fsctp_endpoint *ep;
	struct fsctp_path *p;
	unsigned i;

	(void)a;
	if (cookie_check(st, rx, ch, &b) < 0 || cookie_stale(st, rx, &b, true))
		return FSCTP_DISP_STOP;
	ep = fsctp_ep_find(st, rx->dst->port);
	if (ep == NULL || !ep->listening ||
	    fsctp_lookup_vtag(st, b.my_vtag) != NULL) {
		st->ctr.fsctp_rx_cookie_dup_discard++;
		return FSCTP_DISP_STOP;
	}
	/* 5.2.4 covers a replay while the TCB lives (case D: both tags
	 * match, COOKIE ACK only). After the close the same cookie would
	 * build the association again until it expires: refused. */
	for (i = 0; i < FSCTP_CLOSED_TAGS; i++)
		if (st->closed_tags[i].vtag == b.my_vtag &&
		    st->closed_tags[i].expires >= rx->now) {
			st->ctr.fsctp_rx_cookie_replay++;
			return FSCTP_DISP_STOP;
		}
	for (i = 0; i < b.n_addrs && i < FSCTP_MAX_PATHS; i++) {
		static const char why[] = "peer address in use";
		uint8_t causes[32];
		struct fsctp_wbuf w;

		if (!addr_taken(st, b.local_port, &b.addrs[i], NULL))
			continue;
		/* 5.1.2 / 5.2.1: no TCB; ABORT (Protocol Violation). */
		st->ctr.fsctp_rx_addr_in_use++;
		fsctp_wbuf_init(&w, causes, sizeof(causes));
		fsctp_encode_cause(&w, FSCTP_CAUSE_PROTOCOL_VIOLATION, why,
				   sizeof(why) - 1);
		reply_abort(st, rx, b.peer_vtag, false, causes, w.len);
		return FSCTP_DISP_STOP;
	}
	a = fsctp_assoc_new(st, ep, &b.local, b.my_vtag);
	if (a == NULL) {
		uint8_t causes[8];
		struct fsctp_wbuf w;

		/* Out of resources: tell the peer (3.3.10.4). */
		fsctp_wbuf_init(&w, causes, sizeof(causes));
		fsctp_encode_cause_out_of_resource(&w);
		reply_abort(st, rx, b.peer_vtag, false, causes, w.len);
		return FSCTP_DISP_STOP;
	}
	tcb_from_cookie(a, &b);
	a->cookie_expires = b.created + b.lifetime;
	p = fsctp_assoc_find_path(a, rx->src);
	if (p == NULL)
		p = fsctp_assoc_add_path(a, rx->src);
	if (p != NULL) {
		a->primary = p->idx;
		p->confirmed = true;
	}
	rx->path = p;
	rx->assoc = a;
	rx->cookie_done = true;
	fsctp_assoc_data_init(st, a);
	a->data_inited = true;
	fsctp_assoc_established(a, false, rx->now);
	send_cookie_ack(st, a, rx);
	return FSCTP_DISP_CONTINUE;
}

/* 5.2.4: COOKIE ECHO when a TCB exists (table 2, cases A to D). */
static enum fsctp_disp
sm_5_2_4_dup_cookie_echo(struct fsctp_stack *st, struct fsctp_assoc *a,
			 struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_cookie_body b;
	bool lm, pm, ltm, ptm;

	if (cookie_check(st, rx, ch, &b) < 0)
		return FSCTP_DISP_STOP;
	lm = b.my_vtag == a->my_vtag;
	pm = b.peer_vtag == a->peer_vtag;
	/* 5.2.4 step 3: stale and the tags differ -> Stale Cookie ERROR;
	 * both tags matching makes a late cookie valid. */
	if (!(lm && pm) && cookie_stale(st, rx, &b, true))
		return FSCTP_DISP_STOP;
	ltm = b.local_tie_tag != 0 && b.local_tie_tag == a->tie_local;
	ptm = b.peer_tie_tag != 0 && b.peer_tie_tag == a->tie_peer;
	rx->cookie_done = true;
	if (!lm && !pm && ltm && ptm) {
		/* Case A: the peer restarted. */
		if (a->state == FSCTP_SHUTDOWN_ACK_SENT) {
			uint8_t causes[8];
			struct fsctp_wbuf w;

			/* Retransmit SHUTDOWN ACK with an ERROR "Cookie
			 * Received While Shutting Down". */
			fsctp_assoc_send_shutdown_ack(a, rx->now);
			fsctp_wbuf_init(&w, causes, sizeof(causes));
			fsctp_encode_cause_cookie_while_shutdown(&w);
			fsctp_encode_error(fsctp_out_wbuf(st, 12), causes,
					   w.len);
			fsctp_out_ctrl(st);
			return FSCTP_DISP_STOP;
		}
		fsctp_assoc_timer_cancel(st, &a->t1);
		fsctp_assoc_timer_cancel(st, &a->t2);
		fsctp_assoc_timer_cancel(st, &a->t5);
		fsctp_assoc_set_vtag(a, b.my_vtag);
		tcb_from_cookie(a, &b);
		a->tie_local = a->tie_peer = 0;
		a->error_count = 0;
		st->ctr.fsctp_restarts++;
		/* All data accounting and congestion state start over. */
		if (a->data_inited)
			fsctp_assoc_data_reset(st, a);
		else
			fsctp_assoc_data_init(st, a);
		a->data_inited = true;
		fsctp_assoc_set_state(a, FSCTP_ESTABLISHED);
		fsctp_assoc_event(a, FSCTP_EV_RESTART, 0, NULL, 0);
		fsctp_assoc_hb_start(a, rx->now);
		send_cookie_ack(st, a, rx);
		return FSCTP_DISP_CONTINUE;
	}
	if (lm && !pm) {
		/* Case B: setup collision; take the peer's tag and TSN. */
		bool was_handshake = in_handshake(a);

		/* Only the peer's tag changes once data may be flowing; in
		 * the handshake the cookie's TSNs and streams are taken. */
		a->peer_vtag = b.peer_vtag;
		if (was_handshake) {
			tcb_from_cookie(a, &b);
			fsctp_assoc_timer_cancel(st, &a->t1);
			if (a->data_inited)
				fsctp_assoc_data_reset(st, a);
			else
				fsctp_assoc_data_init(st, a);
			a->data_inited = true;
			fsctp_assoc_established(a, true, rx->now);
		}
		send_cookie_ack(st, a, rx);
		return FSCTP_DISP_CONTINUE;
	}
	if (!lm && pm && b.local_tie_tag == 0 && b.peer_tie_tag == 0) {
		/* Case C: a late cookie of an INIT ACK we sent: discard. */
		st->ctr.fsctp_rx_cookie_dup_discard++;
		return FSCTP_DISP_STOP;
	}
	if (lm && pm) {
		/* Case D: both tags match: enter ESTABLISHED if not yet,
		 * and acknowledge. */
		if (in_handshake(a)) {
			fsctp_assoc_timer_cancel(st, &a->t1);
			if (!a->data_inited) {
				fsctp_assoc_data_init(st, a);
				a->data_inited = true;
			}
			fsctp_assoc_established(a, true, rx->now);
		}
		send_cookie_ack(st, a, rx);
		return FSCTP_DISP_CONTINUE;
	}
	/* No case of table 2 matched: silently discard. */
	st->ctr.fsctp_rx_cookie_dup_discard++;
	return FSCTP_DISP_STOP;
}

/* 5.1 E: COOKIE ACK in COOKIE-ECHOED: ESTABLISHED, COMM_UP. */
static enum fsctp_disp
sm_5_1_cookie_ack_in_cookie_echoed(struct fsctp_stack *st,
				   struct fsctp_assoc *a, struct fsctp_rx *rx,
				   const struct fsctp_tlv *ch)
{
	(void)ch;
	fsctp_assoc_timer_cancel(st, &a->t1);
	if (!a->t1_retransmitted)
		fsctp_path_rtt_update(&a->paths[a->primary], &a->rto_params,
				      rx->now - a->t1_sent);
	a->t1_retransmitted = false;
	free(a->cookie);
	a->cookie = NULL;
	a->cookie_len = 0;
	free(a->cookie_err);
	a->cookie_err = NULL;
	a->cookie_err_len = 0;
	fsctp_assoc_established(a, true, rx->now);
	return a->dead ? FSCTP_DISP_GONE : FSCTP_DISP_CONTINUE;
}

/* 5.2.5: a duplicate COOKIE ACK is discarded. */
static enum fsctp_disp
sm_5_2_5_dup_cookie_ack(struct fsctp_stack *st, struct fsctp_assoc *a,
			struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	return sm_discard(st, a, rx, ch);
}

/* ------------------------------------------------------------------------ */
/* HEARTBEAT (8.3)                                                          */
/* ------------------------------------------------------------------------ */

/* 8.3: answer a HEARTBEAT with a HEARTBEAT ACK echoing its info, sent to
 * the source of the HEARTBEAT. */
static enum fsctp_disp
sm_8_3_heartbeat(struct fsctp_stack *st, struct fsctp_assoc *a,
		 struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_span info;

	if (fsctp_decode_heartbeat(ch, &info) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return FSCTP_DISP_CONTINUE;
	}
	reply_begin(st, rx, a->peer_vtag, a);
	fsctp_encode_heartbeat_ack(fsctp_out_wbuf(st, (size_t)info.len + 8),
				   info.ptr, info.len);
	fsctp_out_ctrl(st);
	return FSCTP_DISP_CONTINUE;
}

/* 8.3: a HEARTBEAT ACK: nonce check, RTT, clear error counters. */
static enum fsctp_disp
sm_8_3_heartbeat_ack(struct fsctp_stack *st, struct fsctp_assoc *a,
		     struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_span info;

	if (fsctp_decode_heartbeat(ch, &info) < 0 ||
	    fsctp_assoc_hb_ack(a, info.ptr, info.len, rx->now) < 0)
		st->ctr.fsctp_rx_hb_ack_bad++;
	return FSCTP_DISP_CONTINUE;
}

/* ------------------------------------------------------------------------ */
/* ABORT and ERROR (9.1, 3.3.10, 5.2.6)                                     */
/* ------------------------------------------------------------------------ */

/* 9.1: an ABORT ends the association; no reply. */
static enum fsctp_disp
sm_9_1_abort(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	     const struct fsctp_tlv *ch)
{
	struct fsctp_error_info ei;

	/* 8.5.1 B: with our own tag the T bit must be clear. */
	if ((ch->flags & FSCTP_CHUNK_FLAG_T) && !rx->t_bit_ok) {
		st->ctr.fsctp_rx_bad_vtag++;
		return FSCTP_DISP_STOP;
	}
	if (fsctp_decode_error(ch, &ei) < 0)
		memset(&ei, 0, sizeof(ei));
	st->ctr.sctpAborteds++;
	fsctp_assoc_close(a,
			  in_handshake(a) ? FSCTP_EV_CANT_STR_ASSOC
					  : FSCTP_EV_COMM_LOST,
			  ei.first_cause, ei.causes.ptr, ei.causes.len);
	return FSCTP_DISP_GONE;
}

/* The staleness of the first Stale Cookie cause, or -1. */
static int64_t
stale_cause(const struct fsctp_error_info *ei)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv c;

	fsctp_error_causes_iter(ei, &it);
	while (fsctp_tlv_next(&it, &c) == 1) {
		struct fsctp_cause_info ci;

		if (c.type == FSCTP_CAUSE_STALE_COOKIE &&
		    fsctp_decode_cause(&c, &ci) == 0)
			return ci.staleness_us;
	}
	return -1;
}

/* 3.3.10: an ERROR is reported to the user (REMOTE_ERROR). A Stale Cookie
 * outside COOKIE-ECHOED refers to no cookie of ours: discarded. */
static enum fsctp_disp
sm_3_3_10_error(struct fsctp_stack *st, struct fsctp_assoc *a,
		struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_error_info ei;

	(void)rx;
	a->ctr.errors_in++;
	if (fsctp_decode_error(ch, &ei) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return FSCTP_DISP_CONTINUE;
	}
	if (ei.first_cause == FSCTP_CAUSE_STALE_COOKIE && ei.n_causes == 1)
		return sm_discard(st, a, rx, ch);
	fsctp_assoc_event(a, FSCTP_EV_REMOTE_ERROR, ei.first_cause,
			  ei.causes.ptr, ei.causes.len);
	return FSCTP_DISP_CONTINUE;
}

/* 5.2.6: Stale Cookie in COOKIE-ECHOED: a new INIT with a Cookie
 * Preservative (counted against Max.Init.Retransmits). */
static enum fsctp_disp
sm_5_2_6_error_in_cookie_echoed(struct fsctp_stack *st, struct fsctp_assoc *a,
				struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_error_info ei;
	int64_t late;
	uint64_t ms, rtt_ms;

	if (fsctp_decode_error(ch, &ei) < 0)
		return sm_3_3_10_error(st, a, rx, ch);
	late = stale_cause(&ei);
	if (late < 0)
		return sm_3_3_10_error(st, a, rx, ch);
	a->ctr.errors_in++;
	if (++a->init_retrans > st->cfg.max_init_retrans) {
		fsctp_assoc_close(a, FSCTP_EV_CANT_STR_ASSOC,
				  FSCTP_CAUSE_STALE_COOKIE, ei.causes.ptr,
				  ei.causes.len);
		return FSCTP_DISP_GONE;
	}
	/* The increment: the staleness plus at most one second beyond the
	 * measured RTT. */
	rtt_ms = a->paths[a->primary].srtt / 1000;
	ms = (uint64_t)late / 1000 + 1 + (rtt_ms < 1000 ? rtt_ms : 1000);
	if (ms > FSCTP_COOKIE_PRESERVATIVE_MAX_MS)
		ms = FSCTP_COOKIE_PRESERVATIVE_MAX_MS;
	a->cookie_preservative_ms = (uint32_t)ms;
	fsctp_assoc_timer_cancel(st, &a->t1);
	/* 5.2.6: the cookie and the ERROR that went with it (5.1 D) belong
	 * to the INIT ACK being discarded. */
	free(a->cookie);
	a->cookie = NULL;
	a->cookie_len = 0;
	free(a->cookie_err);
	a->cookie_err = NULL;
	a->cookie_err_len = 0;
	a->peer_vtag = 0;
	a->t1_retransmitted = true; /* No RTT sample from this exchange. */
	fsctp_assoc_set_state(a, FSCTP_COOKIE_WAIT);
	fsctp_assoc_send_init(a, rx->now);
	return FSCTP_DISP_STOP;
}

/* ------------------------------------------------------------------------ */
/* Shutdown (9.2)                                                           */
/* ------------------------------------------------------------------------ */

static int
shutdown_cum(struct fsctp_stack *st, struct fsctp_assoc *a,
	     const struct fsctp_tlv *ch)
{
	uint32_t cum;

	if (fsctp_decode_shutdown(ch, &cum) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return -1;
	}
	/* 9.2: the Cumulative TSN Ack acts as a SACK without gaps. */
	fsctp_assoc_data_shutdown_ack(st, a, cum);
	return 0;
}

/* 9.2: SHUTDOWN in ESTABLISHED or SHUTDOWN-PENDING: SHUTDOWN-RECEIVED,
 * then SHUTDOWN ACK once all our data is acknowledged. */
static enum fsctp_disp
sm_9_2_shutdown_in_established(struct fsctp_stack *st, struct fsctp_assoc *a,
			       struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	if (shutdown_cum(st, a, ch) < 0)
		return FSCTP_DISP_CONTINUE;
	fsctp_assoc_set_state(a, FSCTP_SHUTDOWN_RECEIVED);
	fsctp_assoc_event(a, FSCTP_EV_SHUTDOWN_EVENT, 0, NULL, 0);
	fsctp_assoc_shutdown_progress(st, a, rx->now);
	return FSCTP_DISP_CONTINUE;
}

/* 9.2: SHUTDOWN in SHUTDOWN-SENT: SHUTDOWN ACK at once, restart T2,
 * SHUTDOWN-ACK-SENT. */
static enum fsctp_disp
sm_9_2_shutdown_in_shutdown_sent(struct fsctp_stack *st, struct fsctp_assoc *a,
				 struct fsctp_rx *rx,
				 const struct fsctp_tlv *ch)
{
	if (shutdown_cum(st, a, ch) < 0)
		return FSCTP_DISP_CONTINUE;
	fsctp_assoc_event(a, FSCTP_EV_SHUTDOWN_EVENT, 0, NULL, 0);
	fsctp_assoc_set_state(a, FSCTP_SHUTDOWN_ACK_SENT);
	fsctp_assoc_send_shutdown_ack(a, rx->now);
	return FSCTP_DISP_CONTINUE;
}

/* 9.2: a repeated SHUTDOWN in SHUTDOWN-RECEIVED: take its cumulative ack. */
static enum fsctp_disp
sm_9_2_shutdown_in_shutdown_received(struct fsctp_stack *st,
				     struct fsctp_assoc *a, struct fsctp_rx *rx,
				     const struct fsctp_tlv *ch)
{
	if (shutdown_cum(st, a, ch) == 0)
		fsctp_assoc_shutdown_progress(st, a, rx->now);
	return FSCTP_DISP_CONTINUE;
}

/* 9.2: SHUTDOWN in SHUTDOWN-ACK-SENT (our SHUTDOWN ACK was lost):
 * retransmit the SHUTDOWN ACK. */
static enum fsctp_disp
sm_9_2_shutdown_in_shutdown_ack_sent(struct fsctp_stack *st,
				     struct fsctp_assoc *a, struct fsctp_rx *rx,
				     const struct fsctp_tlv *ch)
{
	if (shutdown_cum(st, a, ch) == 0)
		fsctp_assoc_send_shutdown_ack(a, rx->now);
	return FSCTP_DISP_CONTINUE;
}

/* 9.2: SHUTDOWN ACK in SHUTDOWN-SENT or SHUTDOWN-ACK-SENT: stop T2,
 * SHUTDOWN COMPLETE, remove the TCB. */
static enum fsctp_disp
sm_9_2_shutdown_ack(struct fsctp_stack *st, struct fsctp_assoc *a,
		    struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	(void)ch;
	reply_begin(st, rx, a->peer_vtag, a);
	fsctp_encode_shutdown_complete(fsctp_out_wbuf(st, 4), false);
	fsctp_out_ctrl(st);
	st->ctr.sctpShutdowns++;
	fsctp_assoc_close(a, FSCTP_EV_SHUTDOWN_COMP, 0, NULL, 0);
	return FSCTP_DISP_GONE;
}

/* 8.5.1 E / 8.4 rule 5: SHUTDOWN ACK in COOKIE-WAIT or COOKIE-ECHOED is
 * out of the blue: SHUTDOWN COMPLETE with the T bit, the packet's tag. */
static enum fsctp_disp
sm_8_5_1_e_shutdown_ack_in_cookie_wait(struct fsctp_stack *st,
				       struct fsctp_assoc *a,
				       struct fsctp_rx *rx,
				       const struct fsctp_tlv *ch)
{
	(void)a;
	(void)ch;
	st->ctr.fsctp_rx_ootb_shutcomp++;
	reply_begin(st, rx, rx->pkt->vtag, NULL);
	fsctp_encode_shutdown_complete(fsctp_out_wbuf(st, 4), true);
	fsctp_out_ctrl(st);
	return FSCTP_DISP_STOP;
}

/* 9.2: SHUTDOWN COMPLETE in SHUTDOWN-ACK-SENT: remove the TCB. */
static enum fsctp_disp
sm_9_2_shutdown_complete(struct fsctp_stack *st, struct fsctp_assoc *a,
			 struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	/* 8.5.1 C: with our own tag the T bit must be clear. */
	if ((ch->flags & FSCTP_CHUNK_FLAG_T) && !rx->t_bit_ok) {
		st->ctr.fsctp_rx_bad_vtag++;
		return FSCTP_DISP_STOP;
	}
	st->ctr.sctpShutdowns++;
	fsctp_assoc_close(a, FSCTP_EV_SHUTDOWN_COMP, 0, NULL, 0);
	return FSCTP_DISP_GONE;
}

/* ------------------------------------------------------------------------ */
/* DATA and SACK: the data path's hook (6.x)                                */
/* ------------------------------------------------------------------------ */

/* 6.2: DATA and SACK go to the data path. */
static enum fsctp_disp
sm_6_data(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	  const struct fsctp_tlv *ch)
{
	if (ch->type == FSCTP_CHUNK_DATA || ch->type == FSCTP_CHUNK_I_DATA)
		rx->data_seen = true;
	return fsctp_assoc_data_chunk(st, a, rx, ch);
}

/* 9.2: in SHUTDOWN-SENT, answer every packet with DATA with a SHUTDOWN and
 * restart T2. */
static enum fsctp_disp
sm_9_2_data_in_shutdown_sent(struct fsctp_stack *st, struct fsctp_assoc *a,
			     struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	enum fsctp_disp d = sm_6_data(st, a, rx, ch);

	if (d == FSCTP_DISP_CONTINUE && rx->data_seen && !rx->shutdown_sent &&
	    !a->dead) {
		/* The peer is still finishing its data: the shutdown is
		 * progressing, so the T2 retransmission limit starts over. */
		a->t2_retrans = 0;
		rx->shutdown_sent = true;
		fsctp_assoc_send_shutdown(a, rx->now);
	}
	return d;
}

/* 9.2: the peer sent SHUTDOWN, so it sends no new DATA: discard. */
static enum fsctp_disp
sm_9_2_data_after_shutdown(struct fsctp_stack *st, struct fsctp_assoc *a,
			   struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	return sm_discard(st, a, rx, ch);
}

/* ------------------------------------------------------------------------ */
/* The table                                                                */
/* ------------------------------------------------------------------------ */

struct sm_cell {
	sm_fn fn;
	const char *name;
};

#define H(f)          \
	{             \
		f, #f \
	}
#define ROW_CLOSED H(sm_8_4_ootb)

/* Rows: chunk types 0..14 (RFC 9260 3.2); columns: enum fsctp_state. */
static const struct sm_cell sm_table[FSCTP_CHUNK_SHUTDOWN_COMPLETE + 1]
				    [FSCTP_STATE_MAX] = {
	[FSCTP_CHUNK_DATA] = {
		ROW_CLOSED, H(sm_discard), H(sm_6_data), H(sm_6_data),
		H(sm_6_data), H(sm_9_2_data_in_shutdown_sent),
		H(sm_9_2_data_after_shutdown), H(sm_9_2_data_after_shutdown),
	},
	[FSCTP_CHUNK_INIT] = {
		H(sm_5_1_init_in_closed), H(sm_5_2_1_init_in_cookie_wait),
		H(sm_5_2_1_init_in_cookie_wait), H(sm_5_2_2_init_unexpected),
		H(sm_5_2_2_init_unexpected), H(sm_5_2_2_init_unexpected),
		H(sm_5_2_2_init_unexpected),
		H(sm_9_2_init_in_shutdown_ack_sent),
	},
	[FSCTP_CHUNK_INIT_ACK] = {
		ROW_CLOSED, H(sm_5_1_init_ack_in_cookie_wait),
		H(sm_5_2_3_init_ack_unexpected),
		H(sm_5_2_3_init_ack_unexpected),
		H(sm_5_2_3_init_ack_unexpected),
		H(sm_5_2_3_init_ack_unexpected),
		H(sm_5_2_3_init_ack_unexpected),
		H(sm_5_2_3_init_ack_unexpected),
	},
	[FSCTP_CHUNK_SACK] = {
		ROW_CLOSED, H(sm_discard), H(sm_6_data), H(sm_6_data),
		H(sm_6_data), H(sm_6_data), H(sm_6_data), H(sm_discard),
	},
	[FSCTP_CHUNK_HEARTBEAT] = {
		ROW_CLOSED, H(sm_discard), H(sm_8_3_heartbeat),
		H(sm_8_3_heartbeat), H(sm_8_3_heartbeat), H(sm_8_3_heartbeat),
		H(sm_8_3_heartbeat), H(sm_8_3_heartbeat),
	},
	[FSCTP_CHUNK_HEARTBEAT_ACK] = {
		ROW_CLOSED, H(sm_discard), H(sm_8_3_heartbeat_ack),
		H(sm_8_3_heartbeat_ack), H(sm_8_3_heartbeat_ack),
		H(sm_8_3_heartbeat_ack), H(sm_8_3_heartbeat_ack),
		H(sm_8_3_heartbeat_ack),
	},
	[FSCTP_CHUNK_ABORT] = {
		ROW_CLOSED, H(sm_9_1_abort), H(sm_9_1_abort), H(sm_9_1_abort),
		H(sm_9_1_abort), H(sm_9_1_abort), H(sm_9_1_abort),
		H(sm_9_1_abort),
	},
	[FSCTP_CHUNK_SHUTDOWN] = {
		ROW_CLOSED, H(sm_discard), H(sm_discard),
		H(sm_9_2_shutdown_in_established),
		H(sm_9_2_shutdown_in_established),
		H(sm_9_2_shutdown_in_shutdown_sent),
		H(sm_9_2_shutdown_in_shutdown_received),
		H(sm_9_2_shutdown_in_shutdown_ack_sent),
	},
	[FSCTP_CHUNK_SHUTDOWN_ACK] = {
		ROW_CLOSED, H(sm_8_5_1_e_shutdown_ack_in_cookie_wait),
		H(sm_8_5_1_e_shutdown_ack_in_cookie_wait), H(sm_discard),
		H(sm_discard), H(sm_9_2_shutdown_ack), H(sm_discard),
		H(sm_9_2_shutdown_ack),
	},
	[FSCTP_CHUNK_ERROR] = {
		ROW_CLOSED, H(sm_3_3_10_error),
		H(sm_5_2_6_error_in_cookie_echoed), H(sm_3_3_10_error),
		H(sm_3_3_10_error), H(sm_3_3_10_error), H(sm_3_3_10_error),
		H(sm_3_3_10_error),
	},
	[FSCTP_CHUNK_COOKIE_ECHO] = {
		H(sm_5_1_cookie_echo_in_closed), H(sm_5_2_4_dup_cookie_echo),
		H(sm_5_2_4_dup_cookie_echo), H(sm_5_2_4_dup_cookie_echo),
		H(sm_5_2_4_dup_cookie_echo), H(sm_5_2_4_dup_cookie_echo),
		H(sm_5_2_4_dup_cookie_echo), H(sm_5_2_4_dup_cookie_echo),
	},
	[FSCTP_CHUNK_COOKIE_ACK] = {
		ROW_CLOSED, H(sm_discard),
		H(sm_5_1_cookie_ack_in_cookie_echoed),
		H(sm_5_2_5_dup_cookie_ack), H(sm_5_2_5_dup_cookie_ack),
		H(sm_5_2_5_dup_cookie_ack), H(sm_5_2_5_dup_cookie_ack),
		H(sm_5_2_5_dup_cookie_ack),
	},
	[FSCTP_CHUNK_ECNE] = {
		ROW_CLOSED, H(sm_ignore), H(sm_ignore), H(sm_ignore),
		H(sm_ignore), H(sm_ignore), H(sm_ignore), H(sm_ignore),
	},
	[FSCTP_CHUNK_CWR] = {
		ROW_CLOSED, H(sm_ignore), H(sm_ignore), H(sm_ignore),
		H(sm_ignore), H(sm_ignore), H(sm_ignore), H(sm_ignore),
	},
	[FSCTP_CHUNK_SHUTDOWN_COMPLETE] = {
		ROW_CLOSED, H(sm_discard), H(sm_discard), H(sm_discard),
		H(sm_discard), H(sm_discard), H(sm_discard),
		H(sm_9_2_shutdown_complete),
	},
};

static const struct sm_cell sm_unknown = H(sm_3_2_unknown_chunk);

static const struct sm_cell *
sm_cell(uint8_t type, enum fsctp_state s)
{
	if (type > FSCTP_CHUNK_SHUTDOWN_COMPLETE || s >= FSCTP_STATE_MAX)
		return &sm_unknown;
	return &sm_table[type][s];
}

const char *
fsctp_sm_handler_name(uint8_t chunk_type, enum fsctp_state s)
{
	return sm_cell(chunk_type, s)->name;
}

/* Extension chunks of a negotiated feature take the DATA row (the data
 * path handles them); otherwise they are unknown types (3.2). */
static uint8_t
chunk_row(const struct fsctp_assoc *a, uint8_t type)
{
	uint32_t need = 0;

	switch (type) {
	case FSCTP_CHUNK_I_DATA:
		/* RFC 8260 2.2: I-DATA on an association that did not
		 * negotiate it is a protocol violation, which the data path
		 * reports; it takes the DATA row either way. */
		return FSCTP_CHUNK_DATA;
	case FSCTP_CHUNK_FORWARD_TSN:
		need = FSCTP_FEAT_PRSCTP;
		break;
	case FSCTP_CHUNK_I_FORWARD_TSN:
		need = FSCTP_FEAT_IDATA | FSCTP_FEAT_PRSCTP;
		break;
	case FSCTP_CHUNK_RECONFIG:
		need = FSCTP_FEAT_RECONFIG;
		break;
	default:
		return type;
	}
	return (a->features & need) == need ? (uint8_t)FSCTP_CHUNK_DATA : type;
}

enum fsctp_disp
fsctp_sm_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
	       struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	if (ch->type == FSCTP_CHUNK_DATA || ch->type == FSCTP_CHUNK_I_DATA) {
		if (ch->flags & FSCTP_DATA_FLAG_U)
			st->ctr.sctpInUnorderChunks++;
		else
			st->ctr.sctpInOrderChunks++;
	} else {
		st->ctr.sctpInCtrlChunks++;
		a->ctr.in_ctrl_chunks++;
	}
	/* RFC 4895 6.3: AUTH checked, unauthenticated chunks dropped. */
	if (a->auth.on) {
		int r = fsctp_auth_rx(st, a, rx, ch);

		if (r < 0)
			return FSCTP_DISP_STOP;
		if (r == 0)
			return FSCTP_DISP_CONTINUE;
	}
	/* RFC 5061: ASCONF and ASCONF-ACK once negotiated. */
	if (a->features & FSCTP_FEAT_ASCONF) {
		if (ch->type == FSCTP_CHUNK_ASCONF)
			return fsctp_asconf_rx(st, a, rx, ch);
		if (ch->type == FSCTP_CHUNK_ASCONF_ACK)
			return fsctp_asconf_ack_rx(st, a, rx, ch);
	}
	return sm_cell(chunk_row(a, (uint8_t)ch->type),
		       (enum fsctp_state)a->state)
		->fn(st, a, rx, ch);
}

/* ------------------------------------------------------------------------ */
/* Out of the blue (8.4)                                                    */
/* ------------------------------------------------------------------------ */

static bool
addr_unicast(const struct fsctp_addr *a)
{
	static const uint8_t any6[16];

	if (a->family == FSCTP_AF_INET4)
		return a->ip.v4[0] < 224 && memcmp(a->ip.v4, any6, 4) != 0;
	if (a->family == FSCTP_AF_INET6)
		return a->ip.v6[0] != 0xFF && memcmp(a->ip.v6, any6, 16) != 0;
	return false;
}

static bool
has_stale_cookie_error(const struct fsctp_packet *p)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv ch;

	fsctp_packet_chunks_iter(p, &it);
	while (fsctp_tlv_next(&it, &ch) == 1) {
		struct fsctp_error_info ei;

		if (ch.type == FSCTP_CHUNK_ERROR &&
		    fsctp_decode_error(&ch, &ei) == 0 && stale_cause(&ei) >= 0)
			return true;
	}
	return false;
}

void
fsctp_sm_ootb(struct fsctp_stack *st, struct fsctp_rx *rx)
{
	const struct fsctp_packet *p = rx->pkt;
	struct fsctp_tlv_iter it;
	struct fsctp_tlv ch;
	enum fsctp_disp d;

	/* Rule 1: never answer a non-unicast source. */
	if (!addr_unicast(rx->src)) {
		st->ctr.fsctp_rx_nonunicast++;
		return;
	}
	fsctp_packet_chunks_iter(p, &it);
	if (fsctp_tlv_next(&it, &ch) != 1)
		return;
	/* Rule 3: INIT (5.1). */
	if (p->first_type == FSCTP_CHUNK_INIT) {
		st->ctr.sctpInCtrlChunks++;
		sm_5_1_init_in_closed(st, NULL, rx, &ch);
		return;
	}
	/* Rule 4: COOKIE ECHO first (5.1), then the rest of the packet
	 * (e.g. DATA) against the new association. */
	if (p->first_type == FSCTP_CHUNK_COOKIE_ECHO) {
		st->ctr.sctpInCtrlChunks++;
		d = sm_5_1_cookie_echo_in_closed(st, NULL, rx, &ch);
		if (d != FSCTP_DISP_CONTINUE || rx->assoc == NULL)
			return;
		while (fsctp_tlv_next(&it, &ch) == 1) {
			d = fsctp_sm_chunk(st, rx->assoc, rx, &ch);
			if (d != FSCTP_DISP_CONTINUE)
				break;
		}
		if (d != FSCTP_DISP_GONE && !rx->assoc->dead) {
			fsctp_sm_flush_errors(st, rx->assoc, rx);
			fsctp_assoc_data_packet_end(st, rx->assoc, rx);
		}
		return;
	}
	st->ctr.sctpOutOfBlues++;
	/* Rule 2: an ABORT is never answered. */
	if (fsctp_packet_has(p, FSCTP_CHUNK_ABORT)) {
		st->ctr.fsctp_rx_ootb_discard++;
		return;
	}
	/* Rule 5: SHUTDOWN ACK -> SHUTDOWN COMPLETE, T bit, its tag. */
	if (fsctp_packet_has(p, FSCTP_CHUNK_SHUTDOWN_ACK)) {
		st->ctr.fsctp_rx_ootb_shutcomp++;
		if (!fsctp_stack_reply_ok(st, rx->now))
			return;
		reply_begin(st, rx, p->vtag, NULL);
		fsctp_encode_shutdown_complete(fsctp_out_wbuf(st, 4), true);
		fsctp_out_ctrl(st);
		return;
	}
	/* Rules 6 and 7: SHUTDOWN COMPLETE, COOKIE ACK, Stale Cookie
	 * ERROR: discard silently. */
	if (fsctp_packet_has(p, FSCTP_CHUNK_SHUTDOWN_COMPLETE) ||
	    fsctp_packet_has(p, FSCTP_CHUNK_COOKIE_ACK) ||
	    has_stale_cookie_error(p)) {
		st->ctr.fsctp_rx_ootb_discard++;
		return;
	}
	/* Rule 8: ABORT with the T bit, the packet's tag. */
	st->ctr.fsctp_rx_ootb_abort++;
	reply_abort(st, rx, p->vtag, true, NULL, 0);
}
