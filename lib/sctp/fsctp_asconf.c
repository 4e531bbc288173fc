/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ASCONF (RFC 5061). Receiving side: negotiation, the serial numbers of
 * 5.2, Set Primary, Add IP and Delete IP applied to the association's
 * paths (a deleted path is removed, fsctp_assoc_remove_path()), the
 * ASCONF-ACK with one result per parameter. Sending side (5.1, 5.3): our
 * requests queued, one ASCONF outstanding with its T-4 RTO timer, the
 * ASCONF-ACK's results applied to our local addresses and reported.
 */
#include <errno.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_cause.h"

uint32_t
fsctp_asconf_peer(const struct fsctp_stack *st,
		  const struct fsctp_init_info *ii)
{
	/* RFC 5061 4.2.7, 4.1.1 (and 6.4 of RFC 4895): both sides list
	 * ASCONF and ASCONF-ACK, and ASCONF only runs authenticated. */
	return st->cfg.asconf && st->auth.enabled &&
			       fsctp_init_ext_supported(ii,
							FSCTP_CHUNK_ASCONF) &&
			       fsctp_init_ext_supported(
				       ii, FSCTP_CHUNK_ASCONF_ACK) &&
			       ii->auth_random.ptr != NULL
		       ? FSCTP_FEAT_ASCONF
		       : 0;
}

void
fsctp_asconf_offer(const struct fsctp_stack *st, struct fsctp_init_info *ii)
{
	if (st->cfg.asconf && st->auth.enabled) {
		fsctp_init_ext_set(ii, FSCTP_CHUNK_ASCONF);
		fsctp_init_ext_set(ii, FSCTP_CHUNK_ASCONF_ACK);
	}
}

/* Error Cause Indication for param (RFC 5061 4.2.4, 5.2). */
static void
put_error(struct fsctp_wbuf *w, const struct fsctp_tlv *param, uint32_t corr,
	  uint16_t code)
{
	uint8_t cbuf[128];
	struct fsctp_wbuf cw;
	struct fsctp_asconf_param r;

	size_t plen = param->length <= 96 ? param->length : 0;

	fsctp_wbuf_init(&cw, cbuf, sizeof(cbuf));
	if (code == FSCTP_CAUSE_UNRESOLVABLE_ADDR) {
		/* 4.2.4: the address (the Set Primary's nested TLV). */
		fsctp_encode_cause_unresolvable_addr(
			&cw, plen > 8 ? param->hdr + 8 : NULL,
			plen > 8 ? plen - 8 : 0);
	} else if (code == FSCTP_CAUSE_UNRECOGNIZED_PARAMS) {
		struct fsctp_span sp = { param->hdr, (uint16_t)plen };

		fsctp_encode_cause_unrecognized_params(&cw, &sp, 1);
	} else {
		fsctp_encode_cause_asconf(&cw, code, param->hdr, plen);
	}
	memset(&r, 0, sizeof(r));
	r.type = FSCTP_PARAM_ERROR_CAUSE_IND;
	r.corr_id = corr;
	r.causes.ptr = cbuf;
	r.causes.len = cw.err ? 0 : (uint16_t)cw.len;
	fsctp_encode_asconf_param(w, &r);
}

static void
put_success(struct fsctp_wbuf *w, uint32_t corr)
{
	struct fsctp_asconf_param r;

	memset(&r, 0, sizeof(r));
	r.type = FSCTP_PARAM_SUCCESS_IND;
	r.corr_id = corr;
	fsctp_encode_asconf_param(w, &r);
}

/* RFC 5061 4.2.1-4.2.4: 0.0.0.0 / :: stands for the packet's source. */
static struct fsctp_addr
param_addr(const struct fsctp_asconf_param *p, const struct fsctp_rx *rx)
{
	static const uint8_t zero[16];
	struct fsctp_addr ad = p->addr;

	if ((ad.family == FSCTP_AF_INET4 && !memcmp(ad.ip.v4, zero, 4)) ||
	    (ad.family == FSCTP_AF_INET6 && !memcmp(ad.ip.v6, zero, 16)))
		ad = *rx->src;
	ad.port = rx->src->port;
	return ad;
}

/* A unicast address of a family the association has locally. */
static bool
addr_usable(const struct fsctp_assoc *a, const struct fsctp_addr *ad)
{
	static const uint8_t zero[16];
	uint8_t sat = fsctp_mh_sat(a->laddrs, a->n_laddrs, &a->laddr);

	if (ad->family == FSCTP_AF_INET4)
		return (sat & FSCTP_SAT_IPV4) && ad->ip.v4[0] < 224 &&
		       memcmp(ad->ip.v4, zero, 4) != 0;
	if (ad->family == FSCTP_AF_INET6)
		return (sat & FSCTP_SAT_IPV6) && ad->ip.v6[0] != 0xFF &&
		       memcmp(ad->ip.v6, zero, 16) != 0;
	return false;
}

/* Apply one request, write its result (5.2 V1-V3). */
static void
apply(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
      const struct fsctp_tlv *param, struct fsctp_wbuf *w)
{
	struct fsctp_asconf_param p;
	struct fsctp_addr ad;

	memset(&p, 0, sizeof(p));
	if (fsctp_decode_asconf_param(param, &p) < 0 || !p.has_addr) {
		/* 5.2: a parameter it does not understand: Unrecognized
		 * Parameter (the TLV's upper bits are not honoured here). */
		put_error(w, param, p.corr_id, FSCTP_CAUSE_UNRECOGNIZED_PARAMS);
		return;
	}
	ad = param_addr(&p, rx);
	switch (p.type) {
	case FSCTP_PARAM_SET_PRIMARY:
		/* 5.2 / 4.2.4: a known address becomes the primary path;
		 * an unknown one: Unresolvable Address. */
		if (fsctp_assoc_find_path(a, &ad) == NULL) {
			put_error(w, param, p.corr_id,
				  FSCTP_CAUSE_UNRESOLVABLE_ADDR);
			return;
		}
		fsctp_assoc_set_primary(st, a->id, &ad);
		st->ctr.fsctp_asconf_set_primary++;
		put_success(w, p.corr_id);
		return;
	case FSCTP_PARAM_DEL_IP:
		/* 5.2 V2 (4.2.2): never the last address, never the
		 * packet's source. */
		if (fsctp_assoc_live_paths(a) <= 1 &&
		    fsctp_assoc_find_path(a, &ad) != NULL) {
			put_error(w, param, p.corr_id, FSCTP_CAUSE_DEL_LAST_IP);
			return;
		}
		if (fsctp_addr_eq(&ad, rx->src)) {
			put_error(w, param, p.corr_id,
				  FSCTP_CAUSE_DEL_SOURCE_IP);
			return;
		}
		/* 5.2: an address not in the association: success. */
		if (fsctp_assoc_find_path(a, &ad) == NULL) {
			put_success(w, p.corr_id);
			return;
		}
		/* 4.2.2: the path leaves the association (its data goes
		 * elsewhere, a new primary if it was the primary). */
		if (fsctp_assoc_remove_path(a, fsctp_assoc_find_path(a, &ad),
					    rx->now) < 0) {
			st->ctr.fsctp_asconf_refused++;
			put_error(w, param, p.corr_id,
				  FSCTP_CAUSE_RESOURCE_SHORTAGE);
			return;
		}
		st->ctr.fsctp_asconf_del_ip++;
		put_success(w, p.corr_id);
		return;
	case FSCTP_PARAM_ADD_IP: {
		struct fsctp_path *np;

		/* 5.2: an address already in the association: success. */
		if (fsctp_assoc_find_path(a, &ad) != NULL) {
			put_success(w, p.corr_id);
			return;
		}
		/* 4.2.1 (RFC 9260 5.1.2): a unicast address of a type we
		 * have; else Unresolvable Address. */
		if (!addr_usable(a, &ad)) {
			put_error(w, param, p.corr_id,
				  FSCTP_CAUSE_UNRESOLVABLE_ADDR);
			return;
		}
		/* No room, or the address belongs to another association
		 * (RFC 9260 5.1.2) or its lookup chain is long already. */
		np = NULL;
		if (fsctp_assoc_live_paths(a) < FSCTP_MAX_PATHS &&
		    fsctp_lookup_tuple(st, a->laddr.port, &ad) == NULL &&
		    fsctp_stack_tuple_chain(st, a->laddr.port, &ad) <
			    FSCTP_TUPLE_CHAIN_MAX)
			np = fsctp_assoc_add_path(a, &ad);
		if (np == NULL) {
			st->ctr.fsctp_asconf_refused++;
			put_error(w, param, p.corr_id,
				  FSCTP_CAUSE_RESOURCE_SHORTAGE);
			return;
		}
		/* 4.2.1 / RFC 9260 5.4: the new address is UNCONFIRMED
		 * and probed at once; no data goes there until confirmed. */
		fsctp_mh_event(a, np, FSCTP_ADDR_ADDED);
		fsctp_assoc_timer_arm(st, &np->hb_timer, rx->now);
		st->ctr.fsctp_asconf_add_ip++;
		put_success(w, p.corr_id);
		return;
	}
	default:
		put_error(w, param, p.corr_id, FSCTP_CAUSE_UNRECOGNIZED_PARAMS);
		return;
	}
}

/* Send the ASCONF-ACK in ack (ack_len bytes) back to the source. */
static void
send_ack(struct fsctp_stack *st, struct fsctp_assoc *a, struct fsctp_rx *rx,
	 const uint8_t *ack, size_t len)
{
	struct fsctp_wbuf *w;
	uint8_t *p;

	/* 5.2 E6: the response goes to the ASCONF's source address. */
	fsctp_out_begin(st, rx->dst, rx->src, a->peer_vtag, a);
	w = fsctp_out_wbuf(st, len);
	p = fsctp_wbuf_reserve(w, len);
	if (p == NULL)
		return;
	memcpy(p, ack, len);
	fsctp_out_ctrl(st);
	st->ctr.fsctp_asconf_ack_out++;
}

enum fsctp_disp
fsctp_asconf_rx(struct fsctp_stack *st, struct fsctp_assoc *a,
		struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_asconf_info ai;
	struct fsctp_tlv_iter it;
	struct fsctp_tlv param;
	struct fsctp_wbuf w;
	size_t off;

	/* RFC 5061 4.1.1: received unauthenticated: silently discarded
	 * (fsctp_auth_rx() drops it first: ASCONF is in our list). */
	if (!rx->auth_ok) {
		st->ctr.fsctp_asconf_discard++;
		return FSCTP_DISP_CONTINUE;
	}
	if (a->state != FSCTP_ESTABLISHED || fsctp_decode_asconf(ch, &ai) < 0) {
		st->ctr.fsctp_asconf_discard++;
		return FSCTP_DISP_CONTINUE;
	}
	/* 5.2 E1: the next serial is processed; E2: the previous one gets
	 * the cached ASCONF-ACK again; E5: others are discarded. */
	if (ai.serial == a->asconf.peer_serial && a->asconf.ack_len > 0) {
		send_ack(st, a, rx, a->asconf.ack, a->asconf.ack_len);
		return FSCTP_DISP_CONTINUE;
	}
	if (ai.serial != a->asconf.peer_serial + 1) {
		st->ctr.fsctp_asconf_discard++;
		return FSCTP_DISP_CONTINUE;
	}
	st->ctr.fsctp_asconf_in++;
	a->asconf.peer_serial = ai.serial;
	fsctp_wbuf_init(&w, a->asconf.ack, sizeof(a->asconf.ack));
	off = fsctp_encode_asconf_ack_begin(&w, ai.serial);
	fsctp_asconf_params_iter(&ai, &it);
	while (fsctp_tlv_next(&it, &param) == 1)
		apply(st, a, rx, &param, &w);
	fsctp_wbuf_chunk_end(&w, off);
	/* 5.2 E3: the ASCONF-ACK is kept for a retransmitted ASCONF. */
	a->asconf.ack_len = w.err ? 0 : (uint16_t)w.len;
	if (a->asconf.ack_len > 0)
		send_ack(st, a, rx, a->asconf.ack, a->asconf.ack_len);
	return FSCTP_DISP_CONTINUE;
}

/* ------------------------------------------------------------------------ */
/* Sending side (RFC 5061 4.1.1, 5.1, 5.1.1, 5.3)                           */
/* ------------------------------------------------------------------------ */

static void asconf_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now);

void
fsctp_asconf_init(struct fsctp_assoc *a)
{
	fsctp_timer_init(&a->asconf.timer, asconf_expired, a);
}

void
fsctp_asconf_setup(struct fsctp_assoc *a)
{
	fsctp_assoc_timer_cancel(a->st, &a->asconf.timer);
	/* 5.2: the peer's first ASCONF carries its Initial TSN. */
	a->asconf.peer_serial = a->peer_itsn - 1;
	a->asconf.ack_len = 0;
	/* 5.1 A2: ours start at our Initial TSN. */
	a->asconf.next_serial = a->my_itsn;
	a->asconf.outstanding = false;
	a->asconf.n_sent = 0;
	a->asconf.n_reqs = 0;
	a->asconf.refused = 0;
}

void
fsctp_asconf_stop(struct fsctp_assoc *a)
{
	fsctp_assoc_timer_cancel(a->st, &a->asconf.timer);
}

/* The bit of a request type in asconf.refused. */
static uint8_t
type_bit(uint16_t type)
{
	switch (type) {
	case FSCTP_PARAM_ADD_IP:
		return 1;
	case FSCTP_PARAM_DEL_IP:
		return 2;
	default:
		return 4;
	}
}

/* Our address ad (IP only) among the association's local addresses. */
static bool
is_local(const struct fsctp_assoc *a, const struct fsctp_addr *ad)
{
	unsigned i;

	if (fsctp_addr_ip_eq(&a->laddr, ad))
		return true;
	for (i = 0; i < a->n_laddrs; i++)
		if (fsctp_addr_ip_eq(&a->laddrs[i], ad))
			return true;
	return false;
}

/* A request of type for ad in reqs[from, n_reqs). */
static bool
asked(const struct fsctp_assoc *a, uint16_t type, const struct fsctp_addr *ad,
      unsigned from)
{
	unsigned i;

	for (i = from; i < a->asconf.n_reqs; i++)
		if (a->asconf.reqs[i].type == type &&
		    fsctp_addr_ip_eq(&a->asconf.reqs[i].addr, ad))
			return true;
	return false;
}

/* A source for the ASCONF towards p: one of our addresses of p's family
 * that the ASCONF does not delete (the peer refuses to delete the
 * packet's source, 5.2), the path's own source first. */
static bool
pick_src(const struct fsctp_assoc *a, const struct fsctp_path *p,
	 struct fsctp_addr *src)
{
	const struct fsctp_addr *s = fsctp_mh_src(a, p);
	unsigned i;

	if (s->family == p->addr.family &&
	    !asked(a, FSCTP_PARAM_DEL_IP, s, 0)) {
		*src = *s;
		return true;
	}
	for (i = 0; i < a->n_laddrs; i++) {
		const struct fsctp_addr *l = &a->laddrs[i];

		if (l->family == p->addr.family &&
		    !asked(a, FSCTP_PARAM_DEL_IP, l, 0)) {
			*src = *l;
			src->port = a->laddr.port;
			return true;
		}
	}
	return false;
}

/* (Re)send the outstanding ASCONF towards prefer (or another confirmed
 * path whose family has a source) and (re)start T-4 RTO (5.1 A4, B5). */
static void
send_asconf(struct fsctp_stack *st, struct fsctp_assoc *a,
	    struct fsctp_path *prefer, fsctp_time_t now)
{
	struct fsctp_path *p = prefer;
	struct fsctp_addr src;
	struct fsctp_wbuf *w;
	unsigned i;
	size_t off;

	if (!pick_src(a, p, &src)) {
		p = NULL;
		for (i = 0; i < a->n_paths && p == NULL; i++)
			if (!a->paths[i].removed && a->paths[i].confirmed &&
			    pick_src(a, &a->paths[i], &src))
				p = &a->paths[i];
	}
	if (p != NULL) {
		/* 4.1.1: the Address Parameter is an address of ours
		 * already in the association: the packet's source. 5.1.1
		 * C2: other chunks may share the packet; 4.1.1: an AUTH
		 * goes before it (fsctp_auth_tx()). */
		fsctp_out_begin(st, &src, &p->addr, a->peer_vtag, a);
		w = fsctp_out_wbuf(st, 32 + 32 * (size_t)a->asconf.n_sent);
		off = fsctp_encode_asconf_begin(w, a->asconf.next_serial - 1,
						&src);
		for (i = 0; i < a->asconf.n_sent; i++) {
			struct fsctp_asconf_param r;

			memset(&r, 0, sizeof(r));
			r.type = a->asconf.reqs[i].type;
			r.corr_id = i + 1;
			r.has_addr = true;
			r.addr = a->asconf.reqs[i].addr;
			fsctp_encode_asconf_param(w, &r);
		}
		fsctp_wbuf_chunk_end(w, off);
		fsctp_out_ctrl(st);
		p->last_sent = now;
		a->asconf.path = p->idx;
	} else {
		p = &a->paths[a->primary];
	}
	/* 5.1 A4: T-4 RTO at the RTO of the destination. With no source
	 * to send from, the timer tries again (counting an error). */
	fsctp_assoc_timer_arm(st, &a->asconf.timer, now + p->rto);
}

/* 5.1 A1-A4: the queued requests go in one new ASCONF, unless one is
 * outstanding (5.1.1 C1). */
static void
start_next(struct fsctp_stack *st, struct fsctp_assoc *a, fsctp_time_t now)
{
	if (a->asconf.outstanding || a->asconf.n_reqs == 0 || a->dead ||
	    a->state != FSCTP_ESTABLISHED)
		return;
	a->asconf.n_sent = a->asconf.n_reqs;
	a->asconf.next_serial++;
	a->asconf.outstanding = true;
	st->ctr.fsctp_asconf_out++;
	send_asconf(st, a, fsctp_mh_data_path(a), now);
}

static void
asconf_expired(struct fsctp_timer *t, void *arg, fsctp_time_t now)
{
	struct fsctp_assoc *a = arg;
	struct fsctp_stack *st = a->st;
	struct fsctp_path *p = &a->paths[a->asconf.path], *alt;

	(void)t;
	if (!a->asconf.outstanding || a->dead)
		return;
	if (p->removed)
		p = &a->paths[a->primary];
	/* 5.1 B1, B2: an error of the destination and of the association
	 * (RFC 9260 8.1, 8.2): Association.Max.Retrans ends it. */
	if (fsctp_assoc_error(a, p))
		return;
	/* 5.1 B3: the destination's RTO backed off. */
	fsctp_path_rto_backoff(p, &a->rto_params);
	/* 5.1 B4: to another destination when there is one; B5: the same
	 * ASCONF (same serial), T-4 RTO restarted. */
	alt = fsctp_mh_alt_path(a, p);
	st->ctr.fsctp_asconf_rtx++;
	send_asconf(st, a, alt != NULL ? alt : p, now);
}

static bool
unicast(const struct fsctp_addr *ad)
{
	static const uint8_t zero[16];

	if (ad->family == FSCTP_AF_INET4)
		return ad->ip.v4[0] < 224 && memcmp(ad->ip.v4, zero, 4) != 0;
	if (ad->family == FSCTP_AF_INET6)
		return ad->ip.v6[0] != 0xFF && memcmp(ad->ip.v6, zero, 16) != 0;
	return false;
}

static int
request(struct fsctp_stack *st, fsctp_assoc_id_t id, uint16_t type,
	const struct fsctp_addr *addr, fsctp_time_t now)
{
	struct fsctp_assoc *a;
	struct fsctp_asconf_req *r;
	unsigned i, n_local, n_del;

	if (st == NULL || addr == NULL)
		return -EINVAL;
	a = fsctp_lookup_id(st, id);
	if (a == NULL || a->dead || a->state != FSCTP_ESTABLISHED)
		return -ENOTCONN;
	/* 4.2.7, 4.1.1: only with a peer that listed ASCONF, with AUTH. */
	if (!(a->features & FSCTP_FEAT_ASCONF))
		return -EOPNOTSUPP;
	/* 5.3 F1: a request type the peer did not recognize is not sent
	 * again. */
	if (a->asconf.refused & type_bit(type))
		return -EOPNOTSUPP;
	if (!unicast(addr))
		return -EINVAL;
	switch (type) {
	case FSCTP_PARAM_ADD_IP:
		if (is_local(a, addr))
			return -EEXIST;
		if (asked(a, type, addr, a->asconf.n_sent))
			return -EALREADY;
		/* Room for it among our addresses, with those being added. */
		n_local = a->n_laddrs > 0 ? a->n_laddrs : 1;
		for (i = 0; i < a->asconf.n_reqs; i++)
			n_local += a->asconf.reqs[i].type == FSCTP_PARAM_ADD_IP;
		if (n_local >= FSCTP_MAX_LADDRS)
			return -ENOSPC;
		break;
	case FSCTP_PARAM_DEL_IP:
		if (!is_local(a, addr))
			return -EADDRNOTAVAIL;
		if (asked(a, type, addr, 0))
			return -EALREADY;
		/* 4.2.2 (5.2 V2): never our last address. */
		n_local = a->n_laddrs > 0 ? a->n_laddrs : 1;
		n_del = 0;
		for (i = 0; i < a->asconf.n_reqs; i++)
			n_del += a->asconf.reqs[i].type == FSCTP_PARAM_DEL_IP;
		if (n_del + 1 >= n_local)
			return -EINVAL;
		break;
	default:
		if (!is_local(a, addr) &&
		    !asked(a, FSCTP_PARAM_ADD_IP, addr, 0))
			return -EADDRNOTAVAIL;
		break;
	}
	if (a->asconf.n_reqs >= FSCTP_ASCONF_MAX_REQS)
		return -ENOBUFS;
	r = &a->asconf.reqs[a->asconf.n_reqs++];
	r->type = type;
	r->addr = *addr;
	r->addr.port = 0;
	if (now > st->now)
		st->now = now;
	st->depth++;
	/* 5.1 A3, 5.1.1 C1: queued while one is outstanding. */
	start_next(st, a, now);
	fsctp_out_flush(st);
	if (--st->depth == 0)
		fsctp_assoc_reap(st);
	return 0;
}

int
fsctp_asconf_add_addr(struct fsctp_stack *st, fsctp_assoc_id_t id,
		      const struct fsctp_addr *addr, fsctp_time_t now)
{
	return request(st, id, FSCTP_PARAM_ADD_IP, addr, now);
}

int
fsctp_asconf_del_addr(struct fsctp_stack *st, fsctp_assoc_id_t id,
		      const struct fsctp_addr *addr, fsctp_time_t now)
{
	return request(st, id, FSCTP_PARAM_DEL_IP, addr, now);
}

int
fsctp_asconf_set_peer_primary(struct fsctp_stack *st, fsctp_assoc_id_t id,
			      const struct fsctp_addr *addr, fsctp_time_t now)
{
	return request(st, id, FSCTP_PARAM_SET_PRIMARY, addr, now);
}

/* The peer agreed to add ad: one of our addresses, a source for the
 * paths it suits best. */
static void
laddr_add(struct fsctp_assoc *a, const struct fsctp_addr *ad)
{
	if (is_local(a, ad))
		return;
	if (a->n_laddrs == 0)
		a->laddrs[a->n_laddrs++] = a->laddr;
	if (a->n_laddrs >= FSCTP_MAX_LADDRS)
		return;
	a->laddrs[a->n_laddrs] = *ad;
	a->laddrs[a->n_laddrs++].port = a->laddr.port;
	fsctp_mh_reselect_src(a);
}

/* The peer agreed to delete ad: no longer a source of ours. */
static void
laddr_del(struct fsctp_assoc *a, const struct fsctp_addr *ad)
{
	unsigned i;

	for (i = 0; i < a->n_laddrs; i++)
		if (fsctp_addr_ip_eq(&a->laddrs[i], ad)) {
			memmove(&a->laddrs[i], &a->laddrs[i + 1],
				(a->n_laddrs - i - 1) * sizeof(a->laddrs[0]));
			a->n_laddrs--;
			break;
		}
	if (fsctp_addr_ip_eq(&a->laddr, ad) && a->n_laddrs > 0) {
		uint16_t port = a->laddr.port;

		a->laddr = a->laddrs[0];
		a->laddr.port = port;
	}
	fsctp_mh_reselect_src(a);
}

enum fsctp_disp
fsctp_asconf_ack_rx(struct fsctp_stack *st, struct fsctp_assoc *a,
		    struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_asconf_req done[FSCTP_ASCONF_MAX_REQS];
	uint16_t cause[FSCTP_ASCONF_MAX_REQS];
	uint8_t got[FSCTP_ASCONF_MAX_REQS]; /* 0: none, 1: ok, 2: error */
	struct fsctp_asconf_info ai;
	struct fsctp_tlv_iter it;
	struct fsctp_tlv param;
	unsigned i, n, first_err;

	/* 4.1.2: received unauthenticated: silently discarded. */
	if (!rx->auth_ok || fsctp_decode_asconf_ack(ch, &ai) < 0) {
		st->ctr.fsctp_asconf_discard++;
		return FSCTP_DISP_CONTINUE;
	}
	if (!a->asconf.outstanding) {
		/* 5.3 F0: none outstanding and a serial at or beyond the
		 * next one: ABORT with Illegal ASCONF-ACK. */
		if ((int32_t)(ai.serial - a->asconf.next_serial) >= 0) {
			uint8_t c[8];
			struct fsctp_wbuf cw;

			fsctp_wbuf_init(&cw, c, sizeof(c));
			fsctp_encode_cause_asconf(
				&cw, FSCTP_CAUSE_ILLEGAL_ASCONF_ACK, NULL, 0);
			st->ctr.fsctp_asconf_ack_illegal++;
			fsctp_assoc_abort(a, c, (uint16_t)cw.len,
					  FSCTP_EV_COMM_LOST,
					  FSCTP_CAUSE_ILLEGAL_ASCONF_ACK);
			return FSCTP_DISP_GONE;
		}
		st->ctr.fsctp_asconf_ack_unexpected++;
		return FSCTP_DISP_CONTINUE;
	}
	/* 5.3: only the outstanding serial is an answer; another (an old
	 * one again) is discarded. */
	if (ai.serial != a->asconf.next_serial - 1) {
		st->ctr.fsctp_asconf_ack_unexpected++;
		return FSCTP_DISP_CONTINUE;
	}
	st->ctr.fsctp_asconf_ack_in++;
	fsctp_assoc_timer_cancel(st, &a->asconf.timer);
	a->asconf.outstanding = false;
	/* 5.1 A5: the association's and the destination's error counters
	 * are cleared (RFC 9260 8.1, 8.2). */
	a->error_count = 0;
	if (!a->paths[a->asconf.path].removed &&
	    a->paths[a->asconf.path].confirmed)
		fsctp_mh_path_ok(a, &a->paths[a->asconf.path]);
	n = a->asconf.n_sent;
	memset(got, 0, sizeof(got));
	memset(cause, 0, sizeof(cause));
	fsctp_asconf_params_iter(&ai, &it);
	while (fsctp_tlv_next(&it, &param) == 1) {
		struct fsctp_asconf_param r;

		memset(&r, 0, sizeof(r));
		if (fsctp_decode_asconf_param(&param, &r) < 0 ||
		    r.corr_id == 0 || r.corr_id > n)
			continue;
		if (r.type == FSCTP_PARAM_SUCCESS_IND) {
			got[r.corr_id - 1] = 1;
		} else if (r.type == FSCTP_PARAM_ERROR_CAUSE_IND) {
			got[r.corr_id - 1] = 2;
			cause[r.corr_id - 1] =
				r.causes.len >= 2 ? fsctp_rd16(r.causes.ptr)
						  : FSCTP_ASCONF_NOT_PROCESSED;
		}
	}
	/* 5.3: a request without a result before the first failed one
	 * succeeded; after it, it was not processed. */
	for (first_err = 0; first_err < n && got[first_err] != 2; first_err++)
		;
	for (i = 0; i < n; i++) {
		const struct fsctp_asconf_req *r = &a->asconf.reqs[i];

		if (got[i] == 0 && i > first_err)
			cause[i] = FSCTP_ASCONF_NOT_PROCESSED;
		done[i] = *r;
		if (cause[i] != 0) {
			st->ctr.fsctp_asconf_req_failed++;
			/* 5.3 F1: not recognized: never asked again. */
			if (cause[i] == FSCTP_CAUSE_UNRECOGNIZED_PARAMS)
				a->asconf.refused |= type_bit(r->type);
			continue;
		}
		st->ctr.fsctp_asconf_req_ok++;
		if (r->type == FSCTP_PARAM_ADD_IP)
			laddr_add(a, &r->addr);
		else if (r->type == FSCTP_PARAM_DEL_IP)
			laddr_del(a, &r->addr);
	}
	memmove(&a->asconf.reqs[0], &a->asconf.reqs[n],
		(a->asconf.n_reqs - n) * sizeof(a->asconf.reqs[0]));
	a->asconf.n_reqs = (uint8_t)(a->asconf.n_reqs - n);
	a->asconf.n_sent = 0;
	/* 5.1 A3: the next queued requests go now. */
	start_next(st, a, rx->now);
	/* The outcomes, once the state is settled (a callback may ask
	 * again). */
	for (i = 0; i < n && !a->dead; i++) {
		struct fsctp_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.type = FSCTP_EV_ASCONF_RESULT;
		ev.addr = done[i].addr;
		ev.addr.port = a->laddr.port;
		ev.addr_state = done[i].type == FSCTP_PARAM_ADD_IP
					? FSCTP_ADDR_ADDED
				: done[i].type == FSCTP_PARAM_DEL_IP
					? FSCTP_ADDR_REMOVED
					: FSCTP_ADDR_MADE_PRIM;
		ev.cause = cause[i];
		fsctp_assoc_emit(a, &ev);
	}
	return a->dead ? FSCTP_DISP_GONE : FSCTP_DISP_CONTINUE;
}
