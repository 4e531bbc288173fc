/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Socket options (RFC 6458 section 8) mapped onto the core's configuration
 * and association state. The core's struct fsctp_stack is read through the
 * internal header: the API layer is the one place outside lib/sctp that
 * does, and only on the owner thread.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "fsctp_api_internal.h"
#include "fsctp_assoc.h"

#define DATA_HDR   16 /* RFC 9260 3.3.1 DATA chunk header */
#define COMMON_HDR 12 /* RFC 9260 3.1 */

/* Largest DATA payload in one packet of a path with this MTU. */
static uint32_t
frag_point(uint16_t pmtu, uint8_t family)
{
	uint32_t ip = family == FSCTP_AF_INET6 ? 40 : 20;

	return pmtu > ip + COMMON_HDR + DATA_HDR
		       ? pmtu - ip - COMMON_HDR - DATA_HDR
		       : 0;
}

/* Options fsctp names but does not implement answer -ENOTSUP; numbers it
 * does not know, -EINVAL. */
static bool
known_opt(enum fsctp_opt opt)
{
	return opt >= FSCTP_OPT_RTOINFO && opt < FSCTP_OPT_MAX;
}

#define NEED(T)                         \
	do {                            \
		if (*len < sizeof(T))   \
			return -EINVAL; \
		*len = sizeof(T);       \
	} while (0)

static int
getopt_on(struct fsctp_sock *s, struct fsctp_stack *st, fsctp_assoc_id_t id,
	  enum fsctp_opt opt, void *val, size_t *len)
{
	struct fsctp_assoc *a = NULL;

	if (fsctp_api_auth_opt(opt))
		return fsctp_api_auth_getopt(st, id, opt, val, len);
	if (id != 0) {
		a = fsctp_lookup_id(st, id);
		if (a == NULL)
			return -ENOTCONN;
	}
	switch (opt) {
	case FSCTP_OPT_RTOINFO: {
		struct fsctp_rtoinfo *r = val;

		NEED(*r);
		if (a != NULL) {
			r->initial = (uint32_t)(a->rto_params.initial / 1000);
			r->min = (uint32_t)(a->rto_params.min / 1000);
			r->max = (uint32_t)(a->rto_params.max / 1000);
			return 0;
		}
		r->initial = (uint32_t)(st->rto_params.initial / 1000);
		r->min = (uint32_t)(st->rto_params.min / 1000);
		r->max = (uint32_t)(st->rto_params.max / 1000);
		return 0;
	}
	case FSCTP_OPT_ASSOCINFO: {
		struct fsctp_assocparams *p = val;

		NEED(*p);
		memset(p, 0, sizeof(*p));
		p->asoc_maxrxt = (uint16_t)st->cfg.assoc_max_retrans;
		p->cookie_life = st->cfg.valid_cookie_life_ms;
		p->local_rwnd = st->cfg.rwnd;
		if (a != NULL) {
			p->asoc_maxrxt = (uint16_t)a->assoc_max_retrans;
			p->number_peer_destinations =
				(uint16_t)fsctp_assoc_live_paths(a);
			p->peer_rwnd = a->peer_rwnd;
		}
		return 0;
	}
	case FSCTP_OPT_INITMSG: {
		struct fsctp_initmsg *m = val;

		NEED(*m);
		m->num_ostreams = st->cfg.n_out_streams;
		m->max_instreams = st->cfg.max_in_streams;
		m->max_attempts = (uint16_t)st->cfg.max_init_retrans;
		m->max_init_timeo = (uint16_t)(st->cfg.rto_max_ms > 65535
						       ? 65535
						       : st->cfg.rto_max_ms);
		return 0;
	}
	case FSCTP_OPT_NODELAY:
		NEED(int);
		*(int *)val = st->cfg.nodelay ? 1 : 0;
		return 0;
	case FSCTP_OPT_MAXSEG:
		NEED(uint32_t);
		*(uint32_t *)val =
			a != NULL ? frag_point(a->paths[a->primary].pmtu,
					       a->laddr.family)
				  : frag_point(st->cfg.pmtu, FSCTP_AF_INET4);
		return 0;
	case FSCTP_OPT_DEFAULT_SNDINFO:
		NEED(struct fsctp_sndinfo);
		memcpy(val, &s->def_snd, sizeof(s->def_snd));
		return 0;
	case FSCTP_OPT_STATUS: {
		struct fsctp_status *ss = val;
		const struct fsctp_path *p;

		NEED(*ss);
		if (a == NULL)
			return -EINVAL;
		memset(ss, 0, sizeof(*ss));
		p = &a->paths[a->primary];
		ss->state = (enum fsctp_state)a->state;
		ss->rwnd = a->peer_rwnd;
		ss->instrms = a->n_in;
		ss->outstrms = a->n_out;
		ss->fragmentation_point = frag_point(p->pmtu, a->laddr.family);
		ss->primary = p->addr;
		ss->primary_srtt_us = (uint32_t)p->srtt;
		ss->primary_rto_us = (uint32_t)p->rto;
		/* The data path keeps congestion state in its own modules
		 * once set up; the path's copy before that. */
		ss->primary_cwnd = a->data != NULL && a->data->ready
					   ? a->data->cc[a->primary].cwnd
					   : p->cc.cwnd;
		ss->primary_mtu = p->pmtu;
		return 0;
	}
	case FSCTP_OPT_PEER_ADDR_PARAMS: {
		struct fsctp_paddrparams *pp = val;

		NEED(*pp);
		if (a != NULL) {
			/* RFC 6458 8.1.12: the path to spp_address, or the
			 * association's defaults (no address). */
			const struct fsctp_path *p = &a->paths[a->primary];

			if (pp->address.family != 0) {
				p = fsctp_assoc_find_path(a, &pp->address);
				if (p == NULL)
					return -EADDRNOTAVAIL;
				pp->hbinterval = p->hb_interval_ms;
				pp->pathmaxrxt = (uint16_t)p->pmr;
			} else {
				pp->hbinterval = a->hb_default_ms;
				pp->pathmaxrxt = (uint16_t)a->pmr_default;
			}
			pp->pathmtu = p->pmtu;
			pp->sackdelay = st->cfg.sack_delay_ms;
			return 0;
		}
		pp->hbinterval = st->cfg.hb_interval_ms;
		pp->pathmaxrxt = (uint16_t)st->cfg.path_max_retrans;
		pp->pathmtu = st->cfg.pmtu;
		pp->sackdelay = st->cfg.sack_delay_ms;
		return 0;
	}
	case FSCTP_OPT_PRIMARY_ADDR: {
		struct fsctp_setprim *sp = val;

		NEED(*sp);
		if (a == NULL)
			return -EINVAL;
		sp->addr = a->paths[a->primary].addr;
		return 0;
	}
	case FSCTP_OPT_PEER_ADDR_INFO: {
		struct fsctp_paddrinfo *pi = val;
		struct fsctp_paddr_info info;
		int rc;

		NEED(*pi);
		if (a == NULL)
			return -EINVAL;
		rc = fsctp_assoc_paddr_info(st, id, &pi->address, &info);
		if (rc < 0)
			return rc;
		pi->state =
			info.confirmed ? info.state : FSCTP_PADDR_UNCONFIRMED;
		pi->cwnd = info.cwnd;
		pi->srtt_ms = (uint32_t)(info.srtt_us / 1000);
		pi->rto_ms = (uint32_t)(info.rto_us / 1000);
		pi->mtu = info.mtu;
		pi->error_count = info.error_count;
		pi->local = info.laddr;
		return 0;
	}
	case FSCTP_OPT_PF_THRESHOLD:
		NEED(uint32_t);
		*(uint32_t *)val =
			a != NULL ? a->pf_threshold : st->cfg.pf_threshold;
		return 0;
	case FSCTP_OPT_EVENT:
		NEED(uint32_t);
		*(uint32_t *)val = s->event_mask;
		return 0;
	case FSCTP_OPT_MAX_BURST:
		NEED(uint32_t);
		*(uint32_t *)val = st->cfg.max_burst;
		return 0;
	case FSCTP_OPT_SNDBUF:
		NEED(uint32_t);
		*(uint32_t *)val =
			a != NULL && a->data != NULL && a->data->sq_inited
				? a->data->sq.cfg.sndbuf
				: st->cfg.sndbuf;
		return 0;
	case FSCTP_OPT_CONTEXT:
		NEED(uint64_t);
		*(uint64_t *)val = s->def_snd.context;
		return 0;
	case FSCTP_OPT_ENABLE_STREAM_RESET:
		NEED(uint32_t);
		*(uint32_t *)val =
			a != NULL && a->data != NULL && a->data->ready
				? a->data->rc.enable
				: st->cfg.reconf_enable;
		return 0;
	case FSCTP_OPT_PARTIAL_DELIVERY_POINT:
		NEED(uint32_t);
		*(uint32_t *)val =
			a != NULL && a->data != NULL && a->data->reasm_inited
				? a->data->reasm.cfg.pd_point
				: st->cfg.pd_point;
		return 0;
	case FSCTP_OPT_FRAGMENT_INTERLEAVE:
		NEED(uint32_t);
		*(uint32_t *)val =
			a != NULL && a->data != NULL && a->data->reasm_inited
				? a->data->reasm.cfg.frag_interleave
				: st->cfg.frag_interleave;
		return 0;
	case FSCTP_OPT_INTERLEAVING_SUPPORTED:
		NEED(int);
		*(int *)val = a != NULL ? (a->features & FSCTP_FEAT_IDATA) != 0
					: st->cfg.idata;
		return 0;
	case FSCTP_OPT_STREAM_SCHEDULER: {
		int k = a != NULL ? fsctp_assoc_get_sched(st, id)
				  : st->cfg.stream_sched;

		NEED(uint32_t);
		if (k < 0)
			return k;
		*(uint32_t *)val = (uint32_t)k;
		return 0;
	}
	case FSCTP_OPT_STREAM_SCHEDULER_VALUE: {
		struct fsctp_stream_value *v = val;
		int r;

		NEED(*v);
		if (a == NULL)
			return -EINVAL;
		r = fsctp_assoc_get_sched_value(st, id, v->sid);
		if (r < 0)
			return r;
		v->value = (uint16_t)r;
		return 0;
	}
	default:
		return known_opt(opt) ? -ENOTSUP : -EINVAL;
	}
}

#define SIZE_IS(T)                      \
	do {                            \
		if (len != sizeof(T))   \
			return -EINVAL; \
	} while (0)

/* Options of one live association (RFC 6458 8.1.1, 8.1.2, 8.1.9, 8.1.12;
 * RFC 7829 PF threshold), set through the core. */
static int
setopt_assoc(struct fsctp_stack *st, fsctp_assoc_id_t id, enum fsctp_opt opt,
	     const void *val, size_t len)
{
	struct fsctp_assoc_params ap;
	int rc = fsctp_assoc_get_params(st, id, &ap);

	if (rc < 0)
		return rc;
	switch (opt) {
	case FSCTP_OPT_RTOINFO: {
		const struct fsctp_rtoinfo *r = val;

		SIZE_IS(*r);
		/* RFC 6458 8.1.1: a zero field leaves that value unchanged. */
		if (r->initial != 0)
			ap.rto_initial_ms = r->initial;
		if (r->min != 0)
			ap.rto_min_ms = r->min;
		if (r->max != 0)
			ap.rto_max_ms = r->max;
		if (ap.rto_initial_ms < ap.rto_min_ms ||
		    ap.rto_initial_ms > ap.rto_max_ms)
			return -EINVAL;
		return fsctp_assoc_set_params(st, id, &ap);
	}
	case FSCTP_OPT_ASSOCINFO: {
		const struct fsctp_assocparams *p = val;

		SIZE_IS(*p);
		if (p->asoc_maxrxt != 0)
			ap.assoc_max_retrans = p->asoc_maxrxt;
		return fsctp_assoc_set_params(st, id, &ap);
	}
	case FSCTP_OPT_PF_THRESHOLD:
		SIZE_IS(uint32_t);
		ap.pf_threshold = *(const uint32_t *)val;
		return fsctp_assoc_set_params(st, id, &ap);
	case FSCTP_OPT_PRIMARY_ADDR: {
		const struct fsctp_setprim *sp = val;

		SIZE_IS(*sp);
		return fsctp_assoc_set_primary(st, id, &sp->addr);
	}
	case FSCTP_OPT_PEER_ADDR_PARAMS: {
		const struct fsctp_paddrparams *pp = val;
		const struct fsctp_addr *addr =
			pp->address.family != 0 ? &pp->address : NULL;
		struct fsctp_paddr_params in;
		struct fsctp_assoc *a = fsctp_lookup_id(st, id);
		const struct fsctp_path *p;

		SIZE_IS(*pp);
		p = addr != NULL ? fsctp_assoc_find_path(a, addr) : NULL;
		if (addr != NULL && p == NULL)
			return -EADDRNOTAVAIL;
		memset(&in, 0, sizeof(in));
		in.hb_interval_ms = pp->hbinterval;
		/* A zero Path.Max.Retrans leaves it unchanged. */
		in.pmr = pp->pathmaxrxt != 0 ? pp->pathmaxrxt
			 : p != NULL	     ? p->pmr
					     : a->pmr_default;
		in.pmtu = pp->pathmtu;
		return fsctp_assoc_set_paddr_params(st, id, addr, &in);
	}
	case FSCTP_OPT_STATUS:
	case FSCTP_OPT_MAXSEG:
	case FSCTP_OPT_PEER_ADDR_INFO:
		return -ENOTSUP; /* read-only */
	default:
		/* The others are endpoint-wide only. */
		return -EINVAL;
	}
}

static int
setopt_on(struct fsctp_sock *s, struct fsctp_stack *st, fsctp_assoc_id_t id,
	  enum fsctp_opt opt, const void *val, size_t len)
{
	if (fsctp_api_auth_opt(opt))
		return fsctp_api_auth_setopt(st, id, opt, val, len);
	/* RFC 6458 8.3 SCTP_SET_PEER_PRIMARY_ADDR (RFC 5061 4.2.4): an
	 * ASCONF of the association; set only. */
	if (opt == FSCTP_OPT_SET_PEER_PRIMARY_ADDR) {
		const struct fsctp_setprim *sp = val;

		SIZE_IS(*sp);
		if (id == 0)
			return -EINVAL;
		return fsctp_asconf_set_peer_primary(st, id, &sp->addr,
						     fsctp_rt_now_us());
	}
	if (opt == FSCTP_OPT_ENABLE_STREAM_RESET) {
		uint32_t v;

		SIZE_IS(uint32_t);
		v = *(const uint32_t *)val;
		if (v & ~(uint32_t)(FSCTP_ENABLE_RESET_STREAM_REQ |
				    FSCTP_ENABLE_RESET_ASSOC_REQ |
				    FSCTP_ENABLE_CHANGE_ASSOC_REQ))
			return -EINVAL;
		/* RFC 6525 6.3.1: per association, or for new ones. */
		if (id != 0)
			return fsctp_reconf_enable(st, id, (uint8_t)v);
		st->cfg.reconf_enable = (uint8_t)v;
		return 0;
	}
	/* RFC 8260 4.3.2, 4.3.3: schedulers are per association too. */
	if (id != 0 && (opt == FSCTP_OPT_STREAM_SCHEDULER ||
			opt == FSCTP_OPT_STREAM_SCHEDULER_VALUE)) {
		const struct fsctp_stream_value *v = val;

		if (opt == FSCTP_OPT_STREAM_SCHEDULER) {
			SIZE_IS(uint32_t);
			return fsctp_assoc_set_sched(st, id,
						     *(const uint32_t *)val);
		}
		SIZE_IS(*v);
		return fsctp_assoc_set_sched_value(st, id, v->sid, v->value);
	}
	/* Endpoint-wide values (RFC 6458: assoc id 0 / SCTP_FUTURE_ASSOC),
	 * and the per-association ones of the core. */
	if (id != 0)
		return setopt_assoc(st, id, opt, val, len);
	switch (opt) {
	case FSCTP_OPT_RTOINFO: {
		const struct fsctp_rtoinfo *r = val;
		uint32_t ini, mn, mx;

		SIZE_IS(*r);
		/* RFC 6458 8.1.1: a zero field leaves that value unchanged. */
		ini = r->initial ? r->initial : st->cfg.rto_initial_ms;
		mn = r->min ? r->min : st->cfg.rto_min_ms;
		mx = r->max ? r->max : st->cfg.rto_max_ms;
		if (mn > mx || ini < mn || ini > mx)
			return -EINVAL;
		st->cfg.rto_initial_ms = ini;
		st->cfg.rto_min_ms = mn;
		st->cfg.rto_max_ms = mx;
		st->rto_params.initial = (uint64_t)ini * 1000;
		st->rto_params.min = (uint64_t)mn * 1000;
		st->rto_params.max = (uint64_t)mx * 1000;
		return 0;
	}
	case FSCTP_OPT_ASSOCINFO: {
		const struct fsctp_assocparams *p = val;

		SIZE_IS(*p);
		if (p->asoc_maxrxt != 0)
			st->cfg.assoc_max_retrans = p->asoc_maxrxt;
		if (p->cookie_life != 0)
			st->cfg.valid_cookie_life_ms = p->cookie_life;
		return 0;
	}
	case FSCTP_OPT_INITMSG: {
		const struct fsctp_initmsg *m = val;

		SIZE_IS(*m);
		if (m->num_ostreams != 0)
			st->cfg.n_out_streams = m->num_ostreams;
		if (m->max_instreams != 0)
			st->cfg.max_in_streams = m->max_instreams;
		if (m->max_attempts != 0)
			st->cfg.max_init_retrans = m->max_attempts;
		return 0;
	}
	case FSCTP_OPT_NODELAY:
		SIZE_IS(int);
		st->cfg.nodelay = *(const int *)val != 0;
		return 0;
	case FSCTP_OPT_DEFAULT_SNDINFO:
		SIZE_IS(struct fsctp_sndinfo);
		memcpy(&s->def_snd, val, sizeof(s->def_snd));
		return 0;
	case FSCTP_OPT_PEER_ADDR_PARAMS: {
		const struct fsctp_paddrparams *pp = val;

		SIZE_IS(*pp);
		st->cfg.hb_interval_ms = pp->hbinterval;
		if (pp->pathmaxrxt != 0)
			st->cfg.path_max_retrans = pp->pathmaxrxt;
		return 0;
	}
	case FSCTP_OPT_PF_THRESHOLD:
		SIZE_IS(uint32_t);
		st->cfg.pf_threshold = *(const uint32_t *)val;
		return 0;
	case FSCTP_OPT_EVENT:
		SIZE_IS(uint32_t);
		s->event_mask = *(const uint32_t *)val;
		return 0;
	case FSCTP_OPT_MAX_BURST:
		SIZE_IS(uint32_t);
		/* RFC 6458 8.1.24 lets 0 switch the limit off; fsctp always
		 * limits bursts (RFC 9260 7.2.4 Max.Burst), so 0 is refused. */
		if (*(const uint32_t *)val == 0)
			return -EINVAL;
		st->cfg.max_burst = *(const uint32_t *)val;
		return 0;
	case FSCTP_OPT_SNDBUF:
		SIZE_IS(uint32_t);
		if (*(const uint32_t *)val < 1024)
			return -EINVAL;
		st->cfg.sndbuf = *(const uint32_t *)val;
		return 0;
	case FSCTP_OPT_CONTEXT:
		SIZE_IS(uint64_t);
		/* RFC 6458 8.1.25: the context of sends that give none. */
		s->def_snd.context = *(const uint64_t *)val;
		return 0;
	case FSCTP_OPT_PARTIAL_DELIVERY_POINT:
		SIZE_IS(uint32_t);
		/* RFC 6458 8.1.21 (0: whole messages); new associations. */
		st->cfg.pd_point = *(const uint32_t *)val;
		return 0;
	case FSCTP_OPT_FRAGMENT_INTERLEAVE:
		SIZE_IS(uint32_t);
		/* RFC 6458 8.1.20 levels 0, 1, 2; new associations. */
		if (*(const uint32_t *)val > 2)
			return -EINVAL;
		st->cfg.frag_interleave = (uint8_t) * (const uint32_t *)val;
		return 0;
	case FSCTP_OPT_INTERLEAVING_SUPPORTED:
		SIZE_IS(int);
		st->cfg.idata = *(const int *)val != 0;
		return 0;
	case FSCTP_OPT_STREAM_SCHEDULER:
		SIZE_IS(uint32_t);
		if (*(const uint32_t *)val > FSCTP_SS_WFQ)
			return -EINVAL;
		st->cfg.stream_sched = (uint8_t) * (const uint32_t *)val;
		return 0;
	default:
		/* STATUS and MAXSEG are read-only. */
		return known_opt(opt) ? -ENOTSUP : -EINVAL;
	}
}

/* RFC 6951 6.1: the remote UDP encapsulation port of one or every peer
 * address of an association, in the owning lcore's table (the runtime's,
 * not the core's: the core never sees UDP). */
static int
udp_encaps_opt(struct fsctp_sock *s, unsigned int i, fsctp_assoc_id_t id,
	       struct fsctp_udpencaps *ue, bool set)
{
	struct fsctp_assoc *a = fsctp_lookup_id(api_stack(s, i), id);
	unsigned int k, n = 0;
	int rc = 0;

	if (a == NULL)
		return -ENOTCONN;
	if (!fsctp_rt_lcore_udp_encaps_on(s->lc[i].lib))
		return -ENOTSUP;
	if (!set && ue->address.family == 0)
		return -EINVAL;
	for (k = 0; k < a->n_paths && rc == 0; k++) {
		const struct fsctp_addr *pa = &a->paths[k].addr;

		if (ue->address.family != 0 &&
		    !fsctp_addr_ip_eq(pa, &ue->address))
			continue;
		n++;
		if (set)
			rc = fsctp_rt_lcore_udp_encaps_set(
				s->lc[i].lib, a->laddr.port, pa, ue->port);
		else
			ue->port = fsctp_rt_lcore_udp_encaps_get(
				s->lc[i].lib, a->laddr.port, pa);
	}
	return rc != 0 ? rc : n == 0 ? -EADDRNOTAVAIL : 0;
}

int
fsctp_getopt(struct fsctp_sock *s, fsctp_assoc_id_t id, enum fsctp_opt opt,
	     void *val, size_t *len)
{
	unsigned int i;
	enum api_path p;
	int rc;

	if (s == NULL || val == NULL || len == NULL)
		return -EINVAL;
	/* An association's values live on its lcore; the endpoint's are the
	 * same on every lcore (setopt writes them all): read lcore 0's, or
	 * the calling callback's own. */
	if (id != 0)
		i = api_owner(s, id);
	else
		i = fsctp_rt_engine_current(s->rt->fp) >= 0
			    ? (unsigned int)fsctp_rt_engine_current(s->rt->fp)
			    : 0;
	if (i >= s->n_lc)
		return -ENOTCONN;
	if (opt == FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT &&
	    (id == 0 || *len < sizeof(struct fsctp_udpencaps)))
		return -EINVAL;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	if (opt == FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT) {
		*len = sizeof(struct fsctp_udpencaps);
		rc = udp_encaps_opt(s, i, id, val, false);
	} else {
		rc = getopt_on(s, api_stack(s, i), id, opt, val, len);
	}
	api_leave(s, i, p);
	return rc;
}

int
fsctp_setopt(struct fsctp_sock *s, fsctp_assoc_id_t id, enum fsctp_opt opt,
	     const void *val, size_t len)
{
	unsigned int i;
	int rc = 0;

	if (s == NULL || val == NULL ||
	    (opt == FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT && id == 0))
		return -EINVAL;
	if (id != 0) {
		enum api_path p;

		i = api_owner(s, id);
		if (i >= s->n_lc)
			return -ENOTCONN;
		p = api_enter(s, i);
		if (p == API_POST)
			return -EWOULDBLOCK;
		if (opt == FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT) {
			struct fsctp_udpencaps ue;

			if (len != sizeof(ue)) {
				rc = -EINVAL;
			} else {
				memcpy(&ue, val, sizeof(ue));
				rc = udp_encaps_opt(s, i, id, &ue, true);
			}
		} else {
			rc = setopt_on(s, api_stack(s, i), id, opt, val, len);
		}
		api_leave(s, i, p);
		return rc;
	}
	/* The endpoint's value, on every lcore's stack (a callback could
	 * reach only its own lcore: refused there, unless it is the only
	 * one). */
	if (fsctp_rt_engine_current(s->rt->fp) >= 0 && s->n_lc > 1)
		return -EWOULDBLOCK;
	for (i = 0; i < s->n_lc && rc == 0; i++) {
		enum api_path p = api_enter(s, i);

		rc = setopt_on(s, api_stack(s, i), id, opt, val, len);
		api_leave(s, i, p);
	}
	return rc;
}

int
fsctp_api_assoc_addrs(struct fsctp_sock *s, fsctp_assoc_id_t id,
		      uint16_t *lport, struct fsctp_addr *peer)
{
	struct fsctp_assoc *a =
		fsctp_lookup_id(api_stack(s, api_owner(s, id)), id);

	if (a == NULL)
		return -ENOTCONN;
	*lport = a->laddr.port;
	*peer = a->paths[a->primary].addr;
	return 0;
}

int
fsctp_sock_assoc_addrs(struct fsctp_sock *s, fsctp_assoc_id_t id,
		       struct fsctp_addr *local, struct fsctp_addr *peer)
{
	struct fsctp_assoc *a;
	unsigned int i;
	enum api_path p;
	int rc = 0;

	if (s == NULL || id == 0 || (i = api_owner(s, id)) >= s->n_lc)
		return -EINVAL;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	a = fsctp_lookup_id(api_stack(s, i), id);
	if (a == NULL) {
		rc = -ENOTCONN;
	} else {
		if (local != NULL)
			*local = a->laddr;
		if (peer != NULL)
			*peer = a->paths[a->primary].addr;
	}
	api_leave(s, i, p);
	return rc;
}
