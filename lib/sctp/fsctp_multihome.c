/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multi-homing: local address lists (RFC 9260 5.1.2), source address per
 * destination, path selection and failover (6.4), path error counting and
 * states (8.2; RFC 7829 Potentially Failed), peer address change events
 * (RFC 6458 6.1.2) and the per-association and per-path options (RFC 6458
 * 8.1.1, 8.1.2, 8.1.9, 8.1.12, 8.2.2).
 */
#include <errno.h>
#include <string.h>

#include "fsctp_assoc.h"

/* ------------------------------------------------------------------------ */
/* Addresses                                                                */
/* ------------------------------------------------------------------------ */

void
fsctp_mh_assoc_init(struct fsctp_assoc *a)
{
	const struct fsctp_stack *st = a->st;

	a->rto_params = st->rto_params;
	a->assoc_max_retrans = st->cfg.assoc_max_retrans;
	a->pf_threshold = st->cfg.pf_threshold;
	a->pmr_default = st->cfg.path_max_retrans;
	a->hb_default_ms = st->cfg.hb_interval_ms;
	a->pmtu_default = 0;
}

/* Leading bits two addresses of one family share. */
static unsigned
common_prefix(const struct fsctp_addr *x, const struct fsctp_addr *y)
{
	unsigned n = x->family == FSCTP_AF_INET6 ? 16 : 4;
	unsigned i, bits = 0;

	for (i = 0; i < n; i++) {
		uint8_t d = x->ip.v6[i] ^ y->ip.v6[i];

		if (d == 0) {
			bits += 8;
			continue;
		}
		while (!(d & 0x80)) {
			d <<= 1;
			bits++;
		}
		break;
	}
	return bits;
}

static void
select_src(const struct fsctp_assoc *a, struct fsctp_path *p)
{
	unsigned i, best = 0;
	bool found = false;

	/* Source address selection (RFC 6724 section 5, rules 2 and 8 in
	 * spirit): the same family, then the longest prefix shared with the
	 * destination; ties keep the handshake's address, then list order.
	 * On two subnets each destination leaves from the address on its
	 * own subnet, the handshake's too when the peer sent its INIT to
	 * (or answered ours from) an address of another subnet: its
	 * answers go to our source, over the link that carried them. */
	p->laddr = a->laddr;
	if (a->laddr.family == p->addr.family) {
		best = common_prefix(&a->laddr, &p->addr);
		found = true;
	}
	for (i = 0; i < a->n_laddrs; i++) {
		const struct fsctp_addr *l = &a->laddrs[i];
		unsigned c;

		if (l->family != p->addr.family)
			continue;
		c = common_prefix(l, &p->addr);
		if (!found || c > best) {
			best = c;
			p->laddr = *l;
			p->laddr.port = a->laddr.port;
			found = true;
		}
	}
}

void
fsctp_mh_path_init(struct fsctp_assoc *a, struct fsctp_path *p)
{
	p->pmr = a->pmr_default;
	p->hb_interval_ms = a->hb_default_ms;
	if (a->pmtu_default != 0)
		p->pmtu = (uint16_t)a->pmtu_default;
	select_src(a, p);
}

void
fsctp_mh_reselect_src(struct fsctp_assoc *a)
{
	uint8_t i;

	/* RFC 5061: our address list changed (an ASCONF of ours was
	 * agreed): each path takes the source that suits it now. */
	for (i = 0; i < a->n_paths; i++)
		if (!a->paths[i].removed)
			select_src(a, &a->paths[i]);
}

const struct fsctp_addr *
fsctp_mh_src(const struct fsctp_assoc *a, const struct fsctp_path *p)
{
	if (p == NULL || p->laddr.family == 0)
		return &a->laddr;
	return &p->laddr;
}

bool
fsctp_mh_has_family(const struct fsctp_assoc *a, uint8_t family)
{
	unsigned i;

	if (a->laddr.family == family)
		return true;
	for (i = 0; i < a->n_laddrs; i++)
		if (a->laddrs[i].family == family)
			return true;
	return false;
}

uint8_t
fsctp_mh_sat(const struct fsctp_addr *laddrs, unsigned n,
	     const struct fsctp_addr *fallback)
{
	uint8_t sat = 0;
	unsigned i;

	if (fallback != NULL)
		sat |= fallback->family == FSCTP_AF_INET6 ? FSCTP_SAT_IPV6
							  : FSCTP_SAT_IPV4;
	for (i = 0; i < n; i++)
		sat |= laddrs[i].family == FSCTP_AF_INET6 ? FSCTP_SAT_IPV6
							  : FSCTP_SAT_IPV4;
	return sat;
}

void
fsctp_mh_list_addrs(const struct fsctp_addr *laddrs, unsigned n,
		    uint8_t peer_sat, struct fsctp_init_info *ii)
{
	unsigned i;

	/* 5.1.2: a single-homed endpoint lists nothing (the packet's source
	 * is its address); a multi-homed one lists every address it will
	 * use, of the types the peer supports (3.3.2.1: Supported Address
	 * Types; absent = every type). */
	if (n < 2)
		return;
	for (i = 0; i < n && ii->n_addrs < FSCTP_MAX_PEER_ADDRS; i++) {
		uint8_t t = laddrs[i].family == FSCTP_AF_INET6 ? FSCTP_SAT_IPV6
							       : FSCTP_SAT_IPV4;

		if (peer_sat != 0 && !(peer_sat & t))
			continue;
		ii->addrs[ii->n_addrs++] = laddrs[i];
	}
}

/* ------------------------------------------------------------------------ */
/* Path selection (RFC 9260 6.4, 5.4; RFC 7829 section 5)                   */
/* ------------------------------------------------------------------------ */

static bool
path_active(const struct fsctp_path *p)
{
	return p->confirmed && p->state == FSCTP_PATH_ACTIVE;
}

/* RFC 7829 5.1 (5): with no ACTIVE path, the PF path with the fewest
 * errors (the first on a tie). */
static struct fsctp_path *
best_pf(struct fsctp_assoc *a, const struct fsctp_path *skip)
{
	struct fsctp_path *best = NULL;
	uint8_t i;

	for (i = 0; i < a->n_paths; i++) {
		struct fsctp_path *p = &a->paths[i];

		if (p == skip || !p->confirmed || p->state != FSCTP_PATH_PF)
			continue;
		if (best == NULL || p->error_count < best->error_count)
			best = p;
	}
	return best;
}

struct fsctp_path *
fsctp_mh_data_path(struct fsctp_assoc *a)
{
	struct fsctp_path *p;
	uint8_t i;

	/* 6.4: the primary path, unless it is not ACTIVE; 5.4: never an
	 * UNCONFIRMED address (a peer could list a victim's). When the
	 * primary comes back, data returns to it. */
	if (path_active(&a->paths[a->primary]))
		return &a->paths[a->primary];
	for (i = 0; i < a->n_paths; i++)
		if (path_active(&a->paths[i]))
			return &a->paths[i];
	p = best_pf(a, NULL);
	return p != NULL ? p : &a->paths[a->primary];
}

struct fsctp_path *
fsctp_mh_alt_path(struct fsctp_assoc *a, const struct fsctp_path *skip)
{
	struct fsctp_path *p;
	uint8_t i;

	/* 6.4: a chunk that timed out goes to an active destination other
	 * than the one it was last sent to; the primary first. */
	if (&a->paths[a->primary] != skip && path_active(&a->paths[a->primary]))
		return &a->paths[a->primary];
	for (i = 0; i < a->n_paths; i++)
		if (&a->paths[i] != skip && path_active(&a->paths[i]))
			return &a->paths[i];
	p = best_pf(a, skip);
	return p;
}

/* ------------------------------------------------------------------------ */
/* Path states (RFC 9260 8.2; RFC 7829)                                     */
/* ------------------------------------------------------------------------ */

void
fsctp_mh_event(struct fsctp_assoc *a, const struct fsctp_path *p,
	       enum fsctp_addr_state state)
{
	struct fsctp_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_PEER_ADDR_CHANGE;
	ev.addr = p->addr;
	ev.addr_state = (uint8_t)state;
	ev.addr_error = p->error_count;
	a->st->ctr.fsctp_path_events++;
	fsctp_assoc_emit(a, &ev);
}

uint64_t
fsctp_mh_hb_interval(const struct fsctp_path *p)
{
	return (uint64_t)p->hb_interval_ms * 1000;
}

void
fsctp_mh_path_error(struct fsctp_assoc *a, struct fsctp_path *p)
{
	p->error_count++;
	/* 8.2: beyond Path.Max.Retrans the address is INACTIVE. */
	if (p->error_count > p->pmr) {
		if (p->state != FSCTP_PATH_INACTIVE) {
			p->state = FSCTP_PATH_INACTIVE;
			a->st->ctr.fsctp_path_inactive++;
			fsctp_mh_event(a, p, FSCTP_ADDR_UNREACHABLE);
		}
		return;
	}
	/* RFC 7829 5.1 (2): beyond PFMR (and not beyond PMR) the address is
	 * Potentially Failed; new data avoids it at once (quick failover)
	 * and it is probed every RTO (fsctp_assoc.c hb_next). */
	if (p->error_count > a->pf_threshold && p->state == FSCTP_PATH_ACTIVE) {
		p->state = FSCTP_PATH_PF;
		a->st->ctr.fsctp_path_pf++;
		fsctp_mh_event(a, p, FSCTP_ADDR_POTENTIALLY_FAILED);
		/* RFC 7829 5.1 (3): a HEARTBEAT goes to the PF address
		 * now, then one per RTO. */
		if (!p->hb_outstanding)
			fsctp_assoc_timer_arm(a->st, &p->hb_timer, a->st->now);
	}
}

void
fsctp_mh_path_ok(struct fsctp_assoc *a, struct fsctp_path *p)
{
	p->error_count = 0;
	/* 8.2 / RFC 7829 5.1 (4): an answer makes the address ACTIVE. */
	if (p->state != FSCTP_PATH_ACTIVE && p->confirmed) {
		p->state = FSCTP_PATH_ACTIVE;
		fsctp_mh_event(a, p, FSCTP_ADDR_AVAILABLE);
	}
}

/* ------------------------------------------------------------------------ */
/* Options (RFC 6458 8.1.1, 8.1.2, 8.1.9, 8.1.12, 8.2.2)                    */
/* ------------------------------------------------------------------------ */

static struct fsctp_assoc *
live(const struct fsctp_stack *st, fsctp_assoc_id_t id)
{
	struct fsctp_assoc *a;

	if (st == NULL)
		return NULL;
	a = fsctp_lookup_id(st, id);
	return a == NULL || a->dead ? NULL : a;
}

int
fsctp_assoc_get_params(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		       struct fsctp_assoc_params *out)
{
	struct fsctp_assoc *a = live(st, id);

	if (out == NULL)
		return -EINVAL;
	if (a == NULL)
		return -ENOTCONN;
	memset(out, 0, sizeof(*out));
	out->rto_initial_ms = (uint32_t)(a->rto_params.initial / 1000);
	out->rto_min_ms = (uint32_t)(a->rto_params.min / 1000);
	out->rto_max_ms = (uint32_t)(a->rto_params.max / 1000);
	out->assoc_max_retrans = a->assoc_max_retrans;
	out->pf_threshold = a->pf_threshold;
	out->n_paths = fsctp_assoc_live_paths(a);
	out->primary = a->paths[a->primary].addr;
	return 0;
}

int
fsctp_assoc_set_params(struct fsctp_stack *st, fsctp_assoc_id_t id,
		       const struct fsctp_assoc_params *in)
{
	struct fsctp_assoc *a = live(st, id);
	uint8_t i;

	if (in == NULL || in->rto_min_ms == 0 || in->rto_initial_ms == 0 ||
	    in->rto_min_ms > in->rto_max_ms || in->assoc_max_retrans == 0)
		return -EINVAL;
	if (a == NULL)
		return -ENOTCONN;
	a->rto_params.initial = (uint64_t)in->rto_initial_ms * 1000;
	a->rto_params.min = (uint64_t)in->rto_min_ms * 1000;
	a->rto_params.max = (uint64_t)in->rto_max_ms * 1000;
	a->assoc_max_retrans = in->assoc_max_retrans;
	a->pf_threshold = in->pf_threshold;
	/* 6.3.1 C6, C7: the current RTOs obey the new bounds at once. */
	for (i = 0; i < a->n_paths; i++) {
		struct fsctp_path *p = &a->paths[i];

		if (!p->rtt_measured)
			p->rto = a->rto_params.initial;
		if (p->rto < a->rto_params.min)
			p->rto = a->rto_params.min;
		if (p->rto > a->rto_params.max)
			p->rto = a->rto_params.max;
	}
	return 0;
}

static void
paddr_info(const struct fsctp_assoc *a, const struct fsctp_path *p,
	   struct fsctp_paddr_info *out)
{
	memset(out, 0, sizeof(*out));
	out->addr = p->addr;
	out->laddr = *fsctp_mh_src(a, p);
	out->state = p->state;
	out->confirmed = p->confirmed;
	out->primary = p->idx == a->primary;
	out->error_count = p->error_count;
	out->srtt_us = p->srtt;
	out->rto_us = p->rto;
	out->mtu = p->pmtu;
	out->hb_interval_ms = p->hb_interval_ms;
	out->pmr = p->pmr;
	if (a->data != NULL && a->data->ready)
		out->cwnd = a->data->cc[p->idx].cwnd;
}

int
fsctp_assoc_paddrs(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		   struct fsctp_paddr_info *out, unsigned max)
{
	struct fsctp_assoc *a = live(st, id);
	unsigned i, n = 0;

	if (out == NULL && max > 0)
		return -EINVAL;
	if (a == NULL)
		return -ENOTCONN;

	for (i = 0; i < a->n_paths; i++)
		if (!a->paths[i].removed && n++ < max)
			paddr_info(a, &a->paths[i], &out[n - 1]);
	return (int)n;
}

int
fsctp_assoc_paddr_info(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		       const struct fsctp_addr *addr,
		       struct fsctp_paddr_info *out)
{
	struct fsctp_assoc *a = live(st, id);
	struct fsctp_path *p;

	if (addr == NULL || out == NULL)
		return -EINVAL;
	if (a == NULL)
		return -ENOTCONN;
	p = fsctp_assoc_find_path(a, addr);
	if (p == NULL)
		return -EADDRNOTAVAIL;
	paddr_info(a, p, out);
	return 0;
}

int
fsctp_assoc_set_primary(struct fsctp_stack *st, fsctp_assoc_id_t id,
			const struct fsctp_addr *addr)
{
	struct fsctp_assoc *a = live(st, id);
	struct fsctp_path *p;

	if (addr == NULL)
		return -EINVAL;
	if (a == NULL)
		return -ENOTCONN;
	p = fsctp_assoc_find_path(a, addr);
	if (p == NULL)
		return -EADDRNOTAVAIL;
	/* 5.4: an UNCONFIRMED address may be chosen as primary but carries
	 * no data until confirmed (fsctp_mh_data_path()). */
	if (a->primary != p->idx) {
		a->primary = p->idx;
		fsctp_mh_event(a, p, FSCTP_ADDR_MADE_PRIM);
	}
	return 0;
}

static void
hb_rearm(struct fsctp_assoc *a, struct fsctp_path *p)
{
	/* Unconfirmed and PF paths keep their per-RTO probing; a confirmed
	 * path with heartbeats newly on starts its interval now, with them
	 * off its timer stops at the next expiry (hb_expired). */
	if (!p->confirmed || p->state == FSCTP_PATH_PF || p->hb_outstanding)
		return;
	if (p->hb_interval_ms != 0 && a->state == FSCTP_ESTABLISHED)
		fsctp_assoc_timer_arm(a->st, &p->hb_timer,
				      a->st->now + fsctp_mh_hb_interval(p) +
					      p->rto);
}

int
fsctp_assoc_set_paddr_params(struct fsctp_stack *st, fsctp_assoc_id_t id,
			     const struct fsctp_addr *addr,
			     const struct fsctp_paddr_params *in)
{
	struct fsctp_assoc *a = live(st, id);
	uint8_t i;
	bool any = false;

	if (st == NULL || in == NULL ||
	    (in->pmtu != 0 &&
	     (in->pmtu < FSCTP_PMTU_MIN_IPV4 || in->pmtu > st->cfg.pmtu)))
		return -EINVAL;
	if (a == NULL)
		return -ENOTCONN;
	if (addr == NULL) {
		/* RFC 6458 8.1.12: no address = the association's default,
		 * and every path it has. */
		a->pmr_default = in->pmr;
		a->hb_default_ms = in->hb_interval_ms;
		if (in->pmtu != 0)
			a->pmtu_default = in->pmtu;
	}
	for (i = 0; i < a->n_paths; i++) {
		struct fsctp_path *p = &a->paths[i];

		if (p->removed ||
		    (addr != NULL && !fsctp_addr_eq(&p->addr, addr)))
			continue;
		any = true;
		p->pmr = in->pmr;
		p->hb_interval_ms = in->hb_interval_ms;
		hb_rearm(a, p);
		if (in->pmtu != 0 && in->pmtu != p->pmtu) {
			bool lower = in->pmtu < p->pmtu;

			p->pmtu = (uint16_t)in->pmtu;
			/* 7.3: data cut for a larger PMTU is resent. */
			if (lower)
				fsctp_assoc_data_pmtu(st, a, p, st->now);
			else if (a->data != NULL && a->data->ready)
				a->data->cc[p->idx].mtu = p->pmtu;
		}
	}
	return any || addr == NULL ? 0 : -EADDRNOTAVAIL;
}
