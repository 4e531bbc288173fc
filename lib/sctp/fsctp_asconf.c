/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ASCONF (RFC 5061), the receiving side: negotiation, the serial numbers
 * of 5.2, Set Primary and Add IP applied to the association's paths,
 * Delete IP answered (refused: paths are not removed from a live
 * association yet), the ASCONF-ACK with one result per parameter.
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
