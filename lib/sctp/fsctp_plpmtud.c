/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RFC 8899 Datagram PLPMTUD for one destination: state machine (5.2),
 * search (5.3: the largest size first, then halving the range), black-hole
 * detection (4.3) and PTB hints (4.6.2). See fsctp_plpmtud.h.
 */
#include <string.h>

#include "fsctp_plpmtud.h"

/* Sizes are multiples of 4: SCTP packets are (4.1, RFC 9260 3.2). */
#define SIZE_STEP 4u

static uint16_t
round4(uint32_t v)
{
	if (v > 0xfffcu)
		v = 0xfffcu;
	return (uint16_t)(v & ~(SIZE_STEP - 1));
}

const char *
fsctp_plpmtud_state_name(uint8_t state)
{
	switch (state) {
	case FSCTP_PL_DISABLED:
		return "DISABLED";
	case FSCTP_PL_BASE:
		return "BASE";
	case FSCTP_PL_SEARCHING:
		return "SEARCHING";
	case FSCTP_PL_SEARCH_COMPLETE:
		return "SEARCH_COMPLETE";
	case FSCTP_PL_ERROR:
		return "ERROR";
	default:
		return "?";
	}
}

void
fsctp_plpmtud_init(struct fsctp_plpmtud *pl,
		   const struct fsctp_plpmtud_config *cfg)
{
	memset(pl, 0, sizeof(*pl));
	pl->cfg = *cfg;
	pl->cfg.base = round4(cfg->base);
	pl->cfg.min = round4(cfg->min);
	pl->cfg.max = round4(cfg->max);
	if (pl->cfg.min > pl->cfg.base)
		pl->cfg.min = pl->cfg.base;
	if (pl->cfg.max < pl->cfg.base)
		pl->cfg.max = pl->cfg.base;
	if (pl->cfg.max_probes == 0)
		pl->cfg.max_probes = 1;
	if (pl->cfg.bh_losses == 0)
		pl->cfg.bh_losses = 1;
	/* 5.1.1: PROBE_TIMER MUST NOT be smaller than 1 second. */
	if (pl->cfg.probe_timer < 1000000)
		pl->cfg.probe_timer = 1000000;
	if (pl->cfg.raise_timer < pl->cfg.probe_timer)
		pl->cfg.raise_timer = pl->cfg.probe_timer;
	pl->state = FSCTP_PL_DISABLED;
}

static unsigned
send_probe(struct fsctp_plpmtud *pl, uint16_t size, fsctp_time_t now)
{
	pl->probed = size;
	pl->stats.probes_sent++;
	/* 5.1.1: PROBE_TIMER runs while a probe is unanswered. */
	pl->deadline = now + pl->cfg.probe_timer;
	return FSCTP_PL_A_PROBE;
}

/* 5.3: the next size to probe, or 0 when the search is done. The first
 * probe tries MAX_PLPMTU (most paths carry the interface MTU), then the
 * range between the largest acknowledged and the smallest failed size is
 * halved until it is one step wide. */
static uint16_t
next_size(const struct fsctp_plpmtud *pl)
{
	uint32_t mid;

	if (pl->lo >= pl->cfg.max)
		return 0;
	if (pl->hi > pl->cfg.max)
		return pl->cfg.max;
	if (pl->hi <= pl->lo + SIZE_STEP)
		return 0;
	mid = round4(((uint32_t)pl->lo + pl->hi) / 2);
	return mid > pl->lo ? (uint16_t)mid : 0;
}

/* SEARCHING: probe the next size, or SEARCH_COMPLETE (5.2) with the
 * PMTU_RAISE_TIMER running. */
static unsigned
search_next(struct fsctp_plpmtud *pl, fsctp_time_t now)
{
	uint16_t s = next_size(pl);

	pl->probe_count = 0;
	if (s == 0) {
		pl->state = FSCTP_PL_SEARCH_COMPLETE;
		pl->probed = 0;
		pl->deadline = now + pl->cfg.raise_timer;
		return 0;
	}
	pl->state = FSCTP_PL_SEARCHING;
	return send_probe(pl, s, now);
}

static unsigned
set_plpmtu(struct fsctp_plpmtud *pl, uint16_t v)
{
	if (v == pl->plpmtu)
		return 0;
	if (v > pl->plpmtu && pl->plpmtu != 0)
		pl->stats.raises++;
	pl->plpmtu = v;
	return FSCTP_PL_A_PMTU;
}

static void
bh_reset(struct fsctp_plpmtud *pl)
{
	pl->bh_count = 0;
	pl->bh_check = false;
	pl->bh_base_ok = false;
}

unsigned
fsctp_plpmtud_start(struct fsctp_plpmtud *pl, fsctp_time_t now)
{
	if (pl->state != FSCTP_PL_DISABLED)
		return 0;
	/* 5.2: DISABLED -> BASE: PLPMTU = BASE_PLPMTU, confirmed by a
	 * probe of that size before the search. */
	pl->state = FSCTP_PL_BASE;
	pl->lo = 0;
	pl->hi = (uint16_t)(pl->cfg.max + SIZE_STEP);
	pl->probe_count = 0;
	bh_reset(pl);
	return set_plpmtu(pl, pl->cfg.base) | send_probe(pl, pl->cfg.base, now);
}

void
fsctp_plpmtud_stop(struct fsctp_plpmtud *pl)
{
	pl->state = FSCTP_PL_DISABLED;
	pl->probed = 0;
	pl->deadline = 0;
	bh_reset(pl);
}

unsigned
fsctp_plpmtud_probe_acked(struct fsctp_plpmtud *pl, uint16_t size,
			  fsctp_time_t now)
{
	unsigned act = 0;

	if (pl->state == FSCTP_PL_DISABLED || size == 0 || size != pl->probed) {
		pl->stats.stale_acks++;
		return 0;
	}
	pl->stats.probes_acked++;
	pl->probed = 0;
	pl->probe_count = 0;
	pl->deadline = 0;
	if (pl->bh_check) {
		/* 4.3: small packets get through. If the large ones are
		 * still lost at the next loss, the path is a black hole. */
		pl->bh_check = false;
		pl->bh_base_ok = pl->bh_count >= pl->cfg.bh_losses;
		if (pl->state == FSCTP_PL_SEARCHING)
			return search_next(pl, now);
		if (pl->state == FSCTP_PL_SEARCH_COMPLETE) {
			pl->deadline = now + pl->cfg.raise_timer;
			return 0;
		}
	}
	switch (pl->state) {
	case FSCTP_PL_BASE:
	case FSCTP_PL_ERROR:
		/* 5.2: BASE_PLPMTU confirmed: BASE (or ERROR) ->
		 * SEARCHING. */
		pl->lo = size;
		act |= set_plpmtu(pl, size);
		act |= search_next(pl, now);
		break;
	case FSCTP_PL_SEARCHING:
		/* 5.3: a larger size is confirmed and used at once. */
		if (size > pl->lo)
			pl->lo = size;
		if (size > pl->plpmtu)
			act |= set_plpmtu(pl, size);
		act |= search_next(pl, now);
		break;
	default:
		break;
	}
	return act;
}

unsigned
fsctp_plpmtud_timeout(struct fsctp_plpmtud *pl, fsctp_time_t now)
{
	unsigned act = 0;
	uint16_t size;

	if (pl->state == FSCTP_PL_DISABLED || pl->deadline == 0 ||
	    now < pl->deadline)
		return 0;
	pl->deadline = 0;
	if (pl->probed == 0) {
		/* 5.2: PMTU_RAISE_TIMER: SEARCH_COMPLETE -> SEARCHING, from
		 * the current PLPMTU up to MAX_PLPMTU again. */
		if (pl->state != FSCTP_PL_SEARCH_COMPLETE)
			return 0;
		pl->lo = pl->plpmtu;
		pl->hi = (uint16_t)(pl->cfg.max + SIZE_STEP);
		return search_next(pl, now);
	}
	/* PROBE_TIMER: the probe is lost (4.4: a lost probe is not a
	 * congestion signal and not a path error). Below MAX_PROBES the
	 * same size goes again (5.1.3 PROBE_COUNT). */
	pl->stats.probes_lost++;
	if (++pl->probe_count < pl->cfg.max_probes)
		return send_probe(pl, pl->probed, now);
	size = pl->probed;
	pl->probed = 0;
	pl->probe_count = 0;
	if (pl->bh_check) {
		/* Even BASE_PLPMTU packets are lost: the path is down, not
		 * a black hole for large packets; the path failure rules of
		 * the PL (RFC 9260 8.2) deal with it. */
		bh_reset(pl);
		if (pl->state == FSCTP_PL_SEARCHING)
			return search_next(pl, now);
		pl->deadline = now + pl->cfg.raise_timer;
		return 0;
	}
	switch (pl->state) {
	case FSCTP_PL_BASE:
		/* 5.2: BASE_PLPMTU not confirmed: BASE -> ERROR, PLPMTU =
		 * MIN_PLPMTU; BASE_PLPMTU is probed again. */
		pl->state = FSCTP_PL_ERROR;
		act |= set_plpmtu(pl, pl->cfg.min);
		act |= send_probe(pl, pl->cfg.base, now);
		break;
	case FSCTP_PL_ERROR:
		act |= send_probe(pl, pl->cfg.base, now);
		break;
	case FSCTP_PL_SEARCHING:
		/* 5.3: size is too large. If it was the PLPMTU in use (a PTB
		 * hint not confirmed), fall back to the largest size
		 * confirmed. */
		pl->hi = size;
		if (size <= pl->plpmtu) {
			pl->stats.black_holes++;
			act |= set_plpmtu(pl, pl->lo >= pl->cfg.base
						      ? pl->lo
						      : pl->cfg.base);
		}
		act |= search_next(pl, now);
		break;
	default:
		break;
	}
	return act;
}

unsigned
fsctp_plpmtud_data_lost(struct fsctp_plpmtud *pl, uint32_t largest,
			fsctp_time_t now)
{
	if ((pl->state != FSCTP_PL_SEARCHING &&
	     pl->state != FSCTP_PL_SEARCH_COMPLETE) ||
	    pl->plpmtu <= pl->cfg.base || largest <= pl->cfg.base)
		return 0;
	if (pl->bh_count < 0xff)
		pl->bh_count++;
	if (pl->bh_base_ok) {
		/* 4.3, 5.2: BASE_PLPMTU packets are acknowledged, packets of
		 * the PLPMTU are still lost: black hole detected. Back to
		 * BASE_PLPMTU, which the probe just confirmed (BASE ->
		 * SEARCHING at once); the failed size bounds the new search
		 * until PMTU_RAISE_TIMER tries larger sizes again. */
		pl->stats.black_holes++;
		pl->hi = pl->plpmtu;
		pl->lo = pl->cfg.base;
		pl->probed = 0;
		bh_reset(pl);
		pl->state = FSCTP_PL_BASE;
		return set_plpmtu(pl, pl->cfg.base) | search_next(pl, now);
	}
	if (pl->bh_count >= pl->cfg.bh_losses && !pl->bh_check) {
		/* 4.3: suspected: do packets of BASE_PLPMTU get through?
		 * (A search probe out is given up for this one.) */
		pl->bh_check = true;
		pl->probe_count = 0;
		return send_probe(pl, pl->cfg.base, now);
	}
	return 0;
}

void
fsctp_plpmtud_data_acked(struct fsctp_plpmtud *pl)
{
	pl->bh_count = 0;
	pl->bh_base_ok = false;
}

unsigned
fsctp_plpmtud_ptb(struct fsctp_plpmtud *pl, uint32_t mtu, fsctp_time_t now)
{
	uint16_t m;

	if (pl->state == FSCTP_PL_DISABLED)
		return 0;
	m = round4(mtu);
	/* Already at MIN_PLPMTU, or at BASE_PLPMTU with a report below it:
	 * the BASE_PLPMTU probes decide. */
	if (m < pl->plpmtu &&
	    (pl->state == FSCTP_PL_ERROR ||
	     (m < pl->cfg.base && pl->plpmtu <= pl->cfg.base))) {
		pl->stats.ptb_ignored++;
		return 0;
	}
	if (m < pl->plpmtu) {
		/* 4.6.2: PL_PTB_SIZE < PLPMTU: the path shrank (RFC 9260
		 * 7.3 lowers at once). The size is used and confirmed by a
		 * probe; below BASE_PLPMTU, BASE is confirmed instead. */
		pl->stats.ptb_hints++;
		bh_reset(pl);
		pl->probe_count = 0;
		if (m <= pl->cfg.base) {
			pl->state = FSCTP_PL_BASE;
			pl->lo = 0;
			pl->hi = (uint16_t)(pl->plpmtu > pl->cfg.base
						    ? pl->plpmtu
						    : pl->cfg.max + SIZE_STEP);
			return set_plpmtu(pl, pl->cfg.base) |
			       send_probe(pl, pl->cfg.base, now);
		}
		pl->state = FSCTP_PL_SEARCHING;
		if (pl->lo >= m)
			pl->lo = pl->cfg.base;
		pl->hi = (uint16_t)(m + SIZE_STEP);
		return set_plpmtu(pl, m) | send_probe(pl, m, now);
	}
	if (pl->probed != 0 && m > pl->plpmtu && m < pl->probed &&
	    !pl->bh_check) {
		/* 4.6.2: PLPMTU < PL_PTB_SIZE < PROBED_SIZE: the probe was
		 * too big; the reported size is the next probe. */
		pl->stats.ptb_hints++;
		pl->state = FSCTP_PL_SEARCHING;
		pl->hi = (uint16_t)(m + SIZE_STEP);
		pl->probe_count = 0;
		return send_probe(pl, m, now);
	}
	/* 4.6.2: PL_PTB_SIZE >= PROBED_SIZE (or >= PLPMTU with no probe
	 * out): inconsistent, ignored. */
	pl->stats.ptb_ignored++;
	return 0;
}
