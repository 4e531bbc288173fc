/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "hist.h"

static unsigned int
index_of(uint64_t v)
{
	unsigned int e;

	if (v < 32)
		return (unsigned int)v;
	e = 63u - (unsigned int)__builtin_clzll(v);
	if (e >= FSCTP_LG_HIST_MAXEXP)
		return FSCTP_LG_HIST_N - 1;
	return 32 + (e - 5) * FSCTP_LG_HIST_SUB +
	       (unsigned int)((v >> (e - 4)) & (FSCTP_LG_HIST_SUB - 1));
}

/* The middle of a bucket. */
static uint64_t
value_of(unsigned int i)
{
	unsigned int e, sub;
	uint64_t lo, w;

	if (i < 32)
		return i;
	e = 5 + (i - 32) / FSCTP_LG_HIST_SUB;
	sub = (i - 32) % FSCTP_LG_HIST_SUB;
	w = 1ull << (e - 4);
	lo = (1ull << e) + sub * w;
	return lo + w / 2;
}

void
fsctp_lg_hist_reset(struct fsctp_lg_hist *h)
{
	memset(h, 0, sizeof(*h));
}

void
fsctp_lg_hist_add(struct fsctp_lg_hist *h, uint64_t v)
{
	if (h->n == 0 || v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
	if (v >> FSCTP_LG_HIST_MAXEXP)
		h->overflow++;
	h->n++;
	h->sum += v;
	h->b[index_of(v)]++;
}

void
fsctp_lg_hist_merge(struct fsctp_lg_hist *dst, const struct fsctp_lg_hist *src)
{
	unsigned int i;

	if (src->n == 0)
		return;
	if (dst->n == 0 || src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	dst->n += src->n;
	dst->overflow += src->overflow;
	dst->sum += src->sum;
	for (i = 0; i < FSCTP_LG_HIST_N; i++)
		dst->b[i] += src->b[i];
}

uint64_t
fsctp_lg_hist_pct(const struct fsctp_lg_hist *h, double p)
{
	uint64_t rank, seen = 0, v;
	unsigned int i;

	if (h->n == 0)
		return 0;
	if (p <= 0)
		return h->min;
	if (p >= 100)
		return h->max;
	rank = (uint64_t)(p / 100.0 * (double)h->n + 0.5);
	if (rank == 0)
		rank = 1;
	for (i = 0; i < FSCTP_LG_HIST_N; i++) {
		seen += h->b[i];
		if (seen >= rank)
			break;
	}
	v = value_of(i < FSCTP_LG_HIST_N ? i : FSCTP_LG_HIST_N - 1);
	/* Never report beyond what was seen. */
	if (v > h->max)
		v = h->max;
	if (v < h->min)
		v = h->min;
	return v;
}
