/* SPDX-License-Identifier: BSD-3-Clause */
/* Binary min-heap of intrusive timers (see fsctp_timer.h). */
#include <errno.h>
#include <stdlib.h>

#include "fsctp_timer.h"

int
fsctp_timer_heap_init(struct fsctp_timer_heap *hp, uint32_t max)
{
	hp->n = 0;
	hp->cap = 64;
	hp->max = max;
	hp->seq = 0;
	hp->full = 0;
	hp->h = calloc(hp->cap, sizeof(*hp->h));
	return hp->h == NULL ? -ENOMEM : 0;
}

void
fsctp_timer_heap_fini(struct fsctp_timer_heap *hp)
{
	uint32_t i;

	for (i = 0; i < hp->n; i++)
		hp->h[i].t->heap_idx = FSCTP_TIMER_IDLE;
	free(hp->h);
	hp->h = NULL;
	hp->n = hp->cap = 0;
}

/* a fires before b: earlier expiry, or armed earlier (serial order). */
static inline int
slot_before(const struct fsctp_timer_slot *a, const struct fsctp_timer_slot *b)
{
	if (a->expires != b->expires)
		return a->expires < b->expires;
	return (int32_t)(a->seq - b->seq) < 0;
}

static inline void
heap_set(struct fsctp_timer_heap *hp, uint32_t i,
	 const struct fsctp_timer_slot *s)
{
	hp->h[i] = *s;
	s->t->heap_idx = i;
}

static void
sift_up(struct fsctp_timer_heap *hp, uint32_t i)
{
	struct fsctp_timer_slot s = hp->h[i];

	while (i > 0) {
		uint32_t p = (i - 1) / 2;

		if (!slot_before(&s, &hp->h[p]))
			break;
		heap_set(hp, i, &hp->h[p]);
		i = p;
	}
	heap_set(hp, i, &s);
}

static void
sift_down(struct fsctp_timer_heap *hp, uint32_t i)
{
	struct fsctp_timer_slot s = hp->h[i];

	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, m = i;
		const struct fsctp_timer_slot *best = &s;

		if (l < hp->n && slot_before(&hp->h[l], best)) {
			m = l;
			best = &hp->h[l];
		}
		if (r < hp->n && slot_before(&hp->h[r], best))
			m = r;
		if (m == i)
			break;
		heap_set(hp, i, &hp->h[m]);
		i = m;
	}
	heap_set(hp, i, &s);
}

void
fsctp_timer_cancel(struct fsctp_timer_heap *hp, struct fsctp_timer *t)
{
	uint32_t i = t->heap_idx;
	struct fsctp_timer *last;

	if (i == FSCTP_TIMER_IDLE)
		return;
	t->heap_idx = FSCTP_TIMER_IDLE;
	if (i == --hp->n)
		return;
	/* The last slot fills the hole, then moves up or down. */
	last = hp->h[hp->n].t;
	heap_set(hp, i, &hp->h[hp->n]);
	sift_up(hp, i);
	sift_down(hp, last->heap_idx);
}

int
fsctp_timer_arm(struct fsctp_timer_heap *hp, struct fsctp_timer *t,
		fsctp_time_t expires)
{
	struct fsctp_timer_slot s;

	if (fsctp_timer_is_armed(t))
		fsctp_timer_cancel(hp, t);
	if (hp->n >= hp->max) {
		hp->full++;
		return -ENOSPC;
	}
	if (hp->n == hp->cap) {
		uint32_t ncap = hp->cap * 2;
		struct fsctp_timer_slot *nh;

		if (ncap > hp->max)
			ncap = hp->max;
		nh = realloc(hp->h, (size_t)ncap * sizeof(*nh));
		if (nh == NULL)
			return -ENOMEM;
		hp->h = nh;
		hp->cap = ncap;
	}
	t->expires = expires;
	t->seq = hp->seq++;
	s.expires = expires;
	s.seq = t->seq;
	s.t = t;
	heap_set(hp, hp->n++, &s);
	sift_up(hp, hp->n - 1);
	return 0;
}

unsigned int
fsctp_timer_heap_run(struct fsctp_timer_heap *hp, fsctp_time_t now)
{
	unsigned int ran = 0;

	while (hp->n > 0 && hp->h[0].expires <= now) {
		struct fsctp_timer *t = hp->h[0].t;

		fsctp_timer_cancel(hp, t);
		t->cb(t, t->arg, now);
		ran++;
	}
	return ran;
}
