/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SSN/TSN Reset (RFC 6525 4.3, 5.1.4, 5.2.4, 6.1.2): restarting both
 * directions of an association. fsctp_reconf.c carries the request and
 * its response; this file restarts the data path and raises the event.
 *
 * Both sides restart only when nothing of theirs is queued or
 * outstanding (the requester asks only then and holds new messages until
 * the response; the receiver answers "In progress" otherwise and the
 * request comes again), so no chunk is left under the old TSNs.
 *
 * The receiver's own next TSN (5.2.4 G2) is the highest TSN it sent plus
 * 1, as the RFC says; usrsctp, as requester, takes the Sender's Next TSN
 * minus 1 as a FORWARD TSN and aborts (Protocol Violation) when that lies
 * beyond what it could have received, so no larger value is possible.
 * The price: should the response be lost and DATA of the receiver reach
 * the requester before the request comes again, the requester takes it
 * under its old TSNs and SSNs (a new stream's SSN 0 is then in sequence,
 * and its TSN is acknowledged under the old map).
 */
#include <errno.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_reconf.h"

/* 5.2.4 G1: the peer's TSNs go on half the number space away. */
#define RCV_NEXT_JUMP 0x80000000u

bool
fsctp_reconf_tsn_quiet(const struct fsctp_assoc *a)
{
	const struct fsctp_assoc_data *d = a->data;

	return fsctp_sendq_tsn_idle(&d->sq) && !d->fwd_due &&
	       d->pre_head == NULL;
}

uint32_t
fsctp_reconf_tsn_snd_next(const struct fsctp_assoc *a)
{
	/* 5.2.4 G2: the highest TSN sent plus 1. */
	return a->data->sq.next_tsn;
}

uint32_t
fsctp_reconf_tsn_rcv_next(const struct fsctp_assoc *a)
{
	/* 5.2.4 G1: the smallest TSN not acknowledged plus 2^31. */
	return fsctp_tsnmap_cum_tsn(&a->data->map) + 1 + RCV_NEXT_JUMP;
}

/* The TSN map again from initial, with its configuration and counters. */
static int
map_restart(struct fsctp_tsnmap *m, uint32_t initial)
{
	struct fsctp_tsnmap_stats stats = m->stats;
	uint32_t adv = m->last_adv_rwnd;
	struct fsctp_tsnmap_config mc;

	memset(&mc, 0, sizeof(mc));
	mc.initial_tsn = initial;
	mc.window = m->window;
	mc.sack_freq = m->sack_freq;
	mc.sack_delay = m->sack_delay;
	mc.max_dups = m->max_dups;
	fsctp_tsnmap_fini(m);
	if (fsctp_tsnmap_init(m, &mc) < 0)
		return -EINVAL;
	m->stats = stats;
	m->last_adv_rwnd = adv;
	return 0;
}

static void
ev_assoc_reset(struct fsctp_assoc *a, uint16_t flags)
{
	struct fsctp_event ev;

	if (a->dead)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_ASSOC_RESET;
	ev.reconf_flags = flags;
	/* 6.1.2: the next TSN of each direction now. */
	ev.local_tsn = a->data->sq.next_tsn;
	ev.remote_tsn = fsctp_tsnmap_cum_tsn(&a->data->map) + 1;
	fsctp_assoc_emit(a, &ev);
}

int
fsctp_reconf_tsn_apply(struct fsctp_assoc *a, uint32_t my_next,
		       uint32_t peer_next)
{
	struct fsctp_assoc_data *d = a->data;

	if (!fsctp_reconf_tsn_quiet(a))
		return -EBUSY;
	/* 5.2.4 G4 (and the requester alike): as though a FORWARD TSN up to
	 * the highest TSN received had arrived: fragments of messages that
	 * can no longer complete are dropped. */
	fsctp_reasm_forward(&d->reasm, fsctp_tsnmap_highest(&d->map));
	/* 5.2.4 G5, 5.1.4: every incoming and outgoing stream's SSN (and
	 * I-DATA MID, RFC 8260 2.3) restarts at 0; messages waiting for
	 * an earlier SSN are handed over first. */
	fsctp_reasm_reset_ssn(&d->reasm, NULL, 0);
	fsctp_sendq_reset_ssn(&d->sq, NULL, 0);
	/* 5.2.4 G1 / 5.1.4: the peer's DATA from peer_next; G2, G3 / 5.1.4:
	 * ours from my_next, all before it acknowledged. */
	if (map_restart(&d->map, peer_next) < 0)
		return -EINVAL;
	fsctp_assoc_timer_cancel(a->st, &d->sack_timer);
	d->wnd_update = false;
	fsctp_sendq_reset_tsn(&d->sq, my_next);
	a->st->ctr.fsctp_reconf_assoc_reset++;
	/* 6.1.2: SCTP_ASSOC_RESET_EVENT. */
	ev_assoc_reset(a, 0);
	return 0;
}

void
fsctp_reconf_tsn_failed(struct fsctp_assoc *a, uint16_t flags)
{
	ev_assoc_reset(a, flags);
}
