/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stream schedulers (RFC 8260 section 3). Ties between streams of equal
 * standing (priority, virtual time) are broken in round-robin order after
 * the stream served last, so no equal stream is starved.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_sched.h"

/* WFQ virtual time of one byte at weight 1. */
#define WFQ_SCALE 65536ull

int
fsctp_sched_init(struct fsctp_sched *sc, uint16_t n_streams)
{
	uint16_t i;

	if (sc == NULL || n_streams == 0)
		return -EINVAL;
	memset(sc, 0, sizeof(*sc));
	sc->s = calloc(n_streams, sizeof(*sc->s));
	sc->act = calloc(n_streams, sizeof(*sc->act));
	if (sc->s == NULL || sc->act == NULL) {
		free(sc->s);
		free(sc->act);
		sc->s = NULL;
		sc->act = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < n_streams; i++) {
		sc->s[i].value = FSCTP_SCHED_DEFAULT_VALUE;
		sc->s[i].act_pos = -1;
	}
	sc->n_streams = n_streams;
	sc->kind = FSCTP_SCHED_FCFS;
	sc->last = -1;
	return 0;
}

int
fsctp_sched_grow(struct fsctp_sched *sc, uint16_t n_streams)
{
	struct fsctp_sched_stream *st;
	uint16_t *act, i;

	if (sc == NULL || n_streams < sc->n_streams)
		return -EINVAL;
	st = realloc(sc->s, n_streams * sizeof(*st));
	if (st == NULL)
		return -ENOMEM;
	sc->s = st;
	act = realloc(sc->act, n_streams * sizeof(*act));
	if (act == NULL)
		return -ENOMEM; /* s is larger than needed: harmless */
	sc->act = act;
	for (i = sc->n_streams; i < n_streams; i++) {
		memset(&st[i], 0, sizeof(st[i]));
		st[i].value = FSCTP_SCHED_DEFAULT_VALUE;
		st[i].act_pos = -1;
	}
	sc->n_streams = n_streams;
	return 0;
}

void
fsctp_sched_fini(struct fsctp_sched *sc)
{
	if (sc == NULL)
		return;
	free(sc->s);
	free(sc->act);
	sc->s = NULL;
	sc->act = NULL;
	sc->n_act = 0;
}

int
fsctp_sched_set_kind(struct fsctp_sched *sc, unsigned kind)
{
	uint16_t i;

	if (sc == NULL || kind >= FSCTP_SCHED_N)
		return -EINVAL;
	if (kind == FSCTP_SCHED_WFQ)
		for (i = 0; i < sc->n_streams; i++)
			if (sc->s[i].value == 0)
				sc->s[i].value = 1;
	sc->kind = (uint8_t)kind;
	/* A new discipline starts from a clean slate: virtual times from
	 * the old one mean nothing to it. */
	for (i = 0; i < sc->n_streams; i++)
		sc->s[i].vtime = 0;
	sc->vclock = 0;
	return 0;
}

int
fsctp_sched_set_value(struct fsctp_sched *sc, uint16_t sid, uint16_t value)
{
	if (sc == NULL || sid >= sc->n_streams ||
	    (value == 0 && sc->kind == FSCTP_SCHED_WFQ))
		return -EINVAL;
	sc->s[sid].value = value;
	return 0;
}

int
fsctp_sched_get_value(const struct fsctp_sched *sc, uint16_t sid)
{
	if (sc == NULL || sid >= sc->n_streams)
		return -EINVAL;
	return sc->s[sid].value;
}

void
fsctp_sched_activate(struct fsctp_sched *sc, uint16_t sid)
{
	struct fsctp_sched_stream *s;

	if (sid >= sc->n_streams || sc->s[sid].act_pos >= 0)
		return;
	s = &sc->s[sid];
	s->act_pos = sc->n_act;
	sc->act[sc->n_act++] = sid;
	/* FC, WFQ: a stream that was idle starts at the current virtual
	 * time, not with credit for the time it had nothing to send. */
	if (s->vtime < sc->vclock)
		s->vtime = sc->vclock;
}

void
fsctp_sched_deactivate(struct fsctp_sched *sc, uint16_t sid)
{
	int32_t pos;
	uint16_t moved;

	if (sid >= sc->n_streams || (pos = sc->s[sid].act_pos) < 0)
		return;
	moved = sc->act[--sc->n_act];
	sc->act[pos] = moved;
	sc->s[moved].act_pos = pos;
	sc->s[sid].act_pos = -1;
}

/* Distance of sid after the stream served last, in round-robin order. */
static inline uint32_t
rr_dist(const struct fsctp_sched *sc, uint16_t sid)
{
	uint32_t base = sc->last < 0 ? 0 : (uint32_t)sc->last + 1;

	return ((uint32_t)sid + sc->n_streams - base % sc->n_streams) %
	       sc->n_streams;
}

int
fsctp_sched_pick(struct fsctp_sched *sc, bool new_packet)
{
	int32_t best = -1;
	uint32_t best_d = 0;
	uint16_t i;

	if (sc == NULL || sc->kind == FSCTP_SCHED_FCFS || sc->n_act == 0)
		return -1;
	/* 3.3: one stream per packet while it has data. */
	if (sc->kind == FSCTP_SCHED_RR_PKT && !new_packet && sc->last >= 0 &&
	    sc->s[sc->last].act_pos >= 0)
		return sc->last;
	for (i = 0; i < sc->n_act; i++) {
		uint16_t sid = sc->act[i];
		uint32_t d = rr_dist(sc, sid);
		bool better;

		if (best < 0) {
			better = true;
		} else {
			const struct fsctp_sched_stream *x = &sc->s[sid],
							*b = &sc->s[best];

			switch (sc->kind) {
			case FSCTP_SCHED_PRIO:
				/* 3.4: the lowest value first; equal ones in
				 * turn. */
				better = x->value < b->value ||
					 (x->value == b->value && d < best_d);
				break;
			case FSCTP_SCHED_FC:
			case FSCTP_SCHED_WFQ:
				/* 3.5, 3.6: the least (weighted) service. */
				better = x->vtime < b->vtime ||
					 (x->vtime == b->vtime && d < best_d);
				break;
			default: /* 3.2, 3.3: the next in turn. */
				better = d < best_d;
				break;
			}
		}
		if (better) {
			best = sid;
			best_d = d;
		}
	}
	sc->last = best;
	if (sc->kind == FSCTP_SCHED_FC || sc->kind == FSCTP_SCHED_WFQ)
		sc->vclock = sc->s[best].vtime;
	return best;
}

void
fsctp_sched_served(struct fsctp_sched *sc, uint16_t sid, uint32_t bytes)
{
	struct fsctp_sched_stream *s;

	if (sid >= sc->n_streams)
		return;
	s = &sc->s[sid];
	s->bytes += bytes;
	if (sc->kind == FSCTP_SCHED_FC)
		s->vtime += bytes;
	else if (sc->kind == FSCTP_SCHED_WFQ)
		s->vtime += (uint64_t)bytes * WFQ_SCALE / s->value;
}
