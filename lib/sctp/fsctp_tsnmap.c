/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Receive-side TSN map. Invariant: a bit is set only for a TSN t received
 * with cum_tsn < t <= cum_tsn + window, at slot t & (window - 1); that slot
 * is unique within the window, and bits are cleared as cum_tsn passes them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_serial.h"
#include "fsctp_tsnmap.h"

/* RFC 9260 6.2: the delayed SACK timer MUST NOT exceed 500 ms. */
#define SACK_DELAY_MAX_US 500000u

static inline bool
bit_get(const struct fsctp_tsnmap *m, uint32_t tsn)
{
	uint32_t i = tsn & (m->window - 1);

	/* No bitmap: nothing was ever received above a gap. */
	return m->bits != NULL && ((m->bits[i / 64] >> (i % 64)) & 1);
}

/* The gap bitmap, allocated when first needed. @return false (counted)
 * when it cannot be. */
static bool
bits_need(struct fsctp_tsnmap *m)
{
	if (m->bits != NULL)
		return true;
	m->bits = calloc(m->window / 64, sizeof(*m->bits));
	if (m->bits == NULL) {
		m->stats.n_nomem++;
		return false;
	}
	return true;
}

static inline void
bit_set(struct fsctp_tsnmap *m, uint32_t tsn)
{
	uint32_t i = tsn & (m->window - 1);

	m->bits[i / 64] |= (uint64_t)1 << (i % 64);
}

static inline void
bit_clear(struct fsctp_tsnmap *m, uint32_t tsn)
{
	uint32_t i = tsn & (m->window - 1);

	m->bits[i / 64] &= ~((uint64_t)1 << (i % 64));
}

int
fsctp_tsnmap_init(struct fsctp_tsnmap *m, const struct fsctp_tsnmap_config *cfg)
{
	uint32_t w;

	if (m == NULL || cfg == NULL)
		return -EINVAL;
	w = cfg->window ? cfg->window : FSCTP_TSNMAP_MAX_WINDOW;
	if (w < 64 || w > FSCTP_TSNMAP_MAX_WINDOW || (w & (w - 1)) != 0)
		return -EINVAL;
	if (cfg->sack_delay > SACK_DELAY_MAX_US ||
	    cfg->max_dups > FSCTP_TSNMAP_MAX_DUPS)
		return -EINVAL;
	memset(m, 0, sizeof(*m));
	m->window = w;
	/* RFC 9260 6.2: the Cumulative TSN starts at Initial TSN - 1. */
	m->cum_tsn = cfg->initial_tsn - 1;
	m->highest_tsn = m->cum_tsn;
	m->sack_freq = cfg->sack_freq ? cfg->sack_freq : 2;
	m->sack_delay = cfg->sack_delay;
	m->max_dups = cfg->max_dups ? cfg->max_dups : FSCTP_TSNMAP_MAX_DUPS;
	m->last_adv_rwnd = UINT32_MAX;
	return 0;
}

void
fsctp_tsnmap_fini(struct fsctp_tsnmap *m)
{
	free(m->bits);
	m->bits = NULL;
}

static void
record_dup(struct fsctp_tsnmap *m, uint32_t tsn)
{
	m->stats.n_dup++;
	m->pkt_dup = true;
	if (m->n_dups < m->max_dups)
		m->dups[m->n_dups++] = tsn;
	else
		m->stats.n_dup_overflow++;
}

enum fsctp_tsn_class
fsctp_tsnmap_check(struct fsctp_tsnmap *m, uint32_t tsn)
{
	m->pkt_data = true;
	/* The common case: the next TSN in sequence, nothing held above the
	 * Cumulative TSN (so no bit is set): new, whatever the window. */
	if (tsn - m->cum_tsn == 1 && m->n_above == 0)
		return FSCTP_TSN_NEW;
	/* RFC 9260 6.2: a TSN at or below the Cumulative TSN is a duplicate;
	 * so is one above it that was received already. */
	if (fsctp_sn32_le(tsn, m->cum_tsn) ||
	    (tsn - m->cum_tsn <= m->window && bit_get(m, tsn))) {
		record_dup(m, tsn);
		return FSCTP_TSN_DUP;
	}
	if (tsn - m->cum_tsn > m->window) {
		m->stats.n_out_of_window++;
		return FSCTP_TSN_OUT_OF_WINDOW;
	}
	/* RFC 9260 6.7: above a gap it must be remembered; without room
	 * for that it is dropped, as one beyond the window is. */
	if (tsn - m->cum_tsn != 1 && !bits_need(m))
		return FSCTP_TSN_OUT_OF_WINDOW;
	return FSCTP_TSN_NEW;
}

int
fsctp_tsnmap_mark(struct fsctp_tsnmap *m, uint32_t tsn)
{
	uint32_t off = tsn - m->cum_tsn;

	if (off == 1 && m->n_above == 0) {
		/* In sequence with no gap: the Cumulative TSN advances
		 * (RFC 9260 6.2), no bit to set or clear. */
		m->stats.n_new++;
		m->pkt_new = true;
		if (fsctp_sn32_gt(tsn, m->highest_tsn))
			m->highest_tsn = tsn;
		m->cum_tsn = tsn;
		return 0;
	}
	if (fsctp_sn32_le(tsn, m->cum_tsn) || off > m->window ||
	    bit_get(m, tsn))
		return -EINVAL;
	if (off != 1 && !bits_need(m))
		return -ENOMEM;
	m->stats.n_new++;
	m->pkt_new = true;
	if (fsctp_sn32_gt(tsn, m->highest_tsn))
		m->highest_tsn = tsn;
	if (off != 1) {
		/* RFC 9260 6.7: a gap in the received sequence. */
		bit_set(m, tsn);
		m->n_above++;
		m->pkt_gap = true;
		return 0;
	}
	m->cum_tsn = tsn;
	if (m->n_above > 0) {
		/* RFC 9260 6.7: this TSN fills (part of) a gap. */
		m->pkt_gap = true;
		while (m->n_above > 0 && bit_get(m, m->cum_tsn + 1)) {
			m->cum_tsn++;
			bit_clear(m, m->cum_tsn);
			m->n_above--;
		}
	}
	return 0;
}

int
fsctp_tsnmap_unmark(struct fsctp_tsnmap *m, uint32_t tsn)
{
	uint32_t off = tsn - m->cum_tsn, t;

	if (fsctp_sn32_le(tsn, m->cum_tsn) || off > m->window ||
	    !bit_get(m, tsn))
		return -EINVAL;
	bit_clear(m, tsn);
	m->n_above--;
	m->stats.n_reneged++;
	m->pkt_gap = true;
	if (tsn == m->highest_tsn) {
		/* The next TSN held below it, or the cum TSN. */
		for (t = tsn - 1; t != m->cum_tsn && !bit_get(m, t); t--)
			;
		m->highest_tsn = t;
	}
	return 0;
}

int
fsctp_tsnmap_forward(struct fsctp_tsnmap *m, uint32_t new_cum)
{
	uint32_t span, off;

	m->pkt_data = true;
	m->pkt_fwd = true;
	/* RFC 3758 3.6: at or behind the cum TSN: out of date, no update. */
	if (fsctp_sn32_le(new_cum, m->cum_tsn)) {
		m->stats.n_fwd_stale++;
		return 1;
	}
	m->stats.n_fwd++;
	/* Bits lie only within the window above the cum TSN: clear those
	 * the new point passes (all of them when it jumps past the window). */
	span = new_cum - m->cum_tsn;
	if (span > m->window)
		span = m->window;
	for (off = 1; off <= span && m->n_above > 0; off++) {
		if (bit_get(m, m->cum_tsn + off)) {
			bit_clear(m, m->cum_tsn + off);
			m->n_above--;
		}
	}
	m->cum_tsn = new_cum;
	if (fsctp_sn32_gt(new_cum, m->highest_tsn))
		m->highest_tsn = new_cum;
	/* Then on over what was received just above the new point. */
	while (m->n_above > 0 && bit_get(m, m->cum_tsn + 1)) {
		m->cum_tsn++;
		bit_clear(m, m->cum_tsn);
		m->n_above--;
	}
	m->pending = true;
	return 0;
}

void
fsctp_tsnmap_dropped(struct fsctp_tsnmap *m)
{
	m->pkt_data = true;
	m->pkt_drop = true;
}

enum fsctp_sack_action
fsctp_tsnmap_packet_done(struct fsctp_tsnmap *m, bool i_bit, fsctp_time_t now,
			 fsctp_time_t *deadline)
{
	enum fsctp_sack_action act = FSCTP_SACK_NONE;

	if (!m->pkt_data)
		return FSCTP_SACK_NONE;
	if (m->pkt_new) {
		if (!m->pending) {
			m->pending = true;
			m->deadline = now + m->sack_delay;
		}
		m->pkts_unacked++;
	}
	if (m->pkt_drop || m->pkt_fwd) {
		/* RFC 9260 6.2: a dropped new chunk: SACK at once. */
		act = FSCTP_SACK_NOW;
	} else if (m->pkt_dup) {
		/* RFC 9260 6.2: a packet with duplicates (and no new DATA:
		 * MUST; with new DATA: MAY) gets an immediate SACK. */
		m->pending = true;
		act = FSCTP_SACK_NOW;
	} else if (m->pkt_new) {
		/*
		 * RFC 9260 6.7: SACK at once while gaps exist or when one is
		 * filled; RFC 7053: at once for the I bit; RFC 9260 6.2: at
		 * least every sack_freq-th packet, else within sack_delay.
		 */
		if (m->pkt_gap || m->n_above > 0 || i_bit ||
		    m->pkts_unacked >= m->sack_freq || m->sack_delay == 0)
			act = FSCTP_SACK_NOW;
		else
			act = FSCTP_SACK_DELAYED;
	} else if (m->pending) {
		act = FSCTP_SACK_DELAYED;
	}
	if (act == FSCTP_SACK_DELAYED && deadline != NULL)
		*deadline = m->deadline;
	m->pkt_data = false;
	m->pkt_new = false;
	m->pkt_dup = false;
	m->pkt_gap = false;
	m->pkt_drop = false;
	m->pkt_fwd = false;
	return act;
}

uint16_t
fsctp_tsnmap_gaps(const struct fsctp_tsnmap *m, struct fsctp_sack_gap *out,
		  uint16_t max)
{
	uint32_t span = m->highest_tsn - m->cum_tsn;
	uint32_t seen = 0, off;
	uint16_t n = 0;

	if (m->n_above == 0)
		return 0;
	/* Offsets fit 16 bits: span <= window <= 16384. */
	for (off = 1; off <= span && seen < m->n_above; off++) {
		uint32_t start;

		if (!bit_get(m, m->cum_tsn + off))
			continue;
		start = off;
		while (off + 1 <= span && bit_get(m, m->cum_tsn + off + 1))
			off++;
		seen += off - start + 1;
		if (out != NULL && n < max) {
			out[n].start = (uint16_t)start;
			out[n].end = (uint16_t)off;
		}
		n++;
		if (out != NULL && n >= max)
			break;
	}
	return n;
}

uint16_t
fsctp_tsnmap_gap_count(const struct fsctp_tsnmap *m)
{
	return fsctp_tsnmap_gaps(m, NULL, UINT16_MAX);
}

void
fsctp_tsnmap_sack_sent(struct fsctp_tsnmap *m, uint32_t a_rwnd)
{
	m->n_dups = 0;
	m->pending = false;
	m->pkts_unacked = 0;
	m->last_adv_rwnd = a_rwnd;
	m->stats.n_sacks++;
}

int
fsctp_tsnmap_write_sack(struct fsctp_tsnmap *m, struct fsctp_wbuf *w,
			uint32_t a_rwnd, size_t max_len)
{
	struct fsctp_sack_gap gaps[FSCTP_TSNMAP_MAX_SACK_GAPS];
	size_t room, budget;
	uint32_t n_gaps, n_dups, want, i;
	size_t hdr;

	if (m == NULL || w == NULL)
		return -EINVAL;
	room = fsctp_wbuf_room(w);
	budget = max_len < room ? max_len : room;
	if (budget < sizeof(struct fsctp_sack_chunk))
		return -ENOSPC;
	budget -= sizeof(struct fsctp_sack_chunk);
	/* Gap blocks first, lowest first: they drive fast retransmit. */
	want = fsctp_tsnmap_gap_count(m);
	n_gaps = want;
	if (n_gaps > budget / 4)
		n_gaps = (uint32_t)(budget / 4);
	if (n_gaps > FSCTP_TSNMAP_MAX_SACK_GAPS)
		n_gaps = FSCTP_TSNMAP_MAX_SACK_GAPS;
	if (n_gaps < want)
		m->stats.n_gap_truncated++;
	n_gaps = fsctp_tsnmap_gaps(m, gaps, (uint16_t)n_gaps);
	budget -= (size_t)n_gaps * 4;
	n_dups = m->n_dups;
	if (n_dups > budget / 4)
		n_dups = (uint32_t)(budget / 4);

	hdr = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_SACK, 0);
	fsctp_wbuf_u32(w, m->cum_tsn);
	fsctp_wbuf_u32(w, a_rwnd);
	fsctp_wbuf_u16(w, (uint16_t)n_gaps);
	fsctp_wbuf_u16(w, (uint16_t)n_dups);
	for (i = 0; i < n_gaps; i++) {
		fsctp_wbuf_u16(w, gaps[i].start);
		fsctp_wbuf_u16(w, gaps[i].end);
	}
	for (i = 0; i < n_dups; i++)
		fsctp_wbuf_u32(w, m->dups[i]);
	fsctp_wbuf_chunk_end(w, hdr);
	if (w->err)
		return w->err;
	fsctp_tsnmap_sack_sent(m, a_rwnd);
	return 0;
}

bool
fsctp_tsnmap_window_update(const struct fsctp_tsnmap *m, uint32_t a_rwnd,
			   uint32_t threshold)
{
	return m->last_adv_rwnd < threshold && a_rwnd >= threshold;
}
