/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * A log-linear latency histogram: exact below 32, then 16 buckets per
 * power of two (relative error under 1/16). Fixed size, no allocation;
 * values beyond 2^48 count in the last bucket and in a counter.
 */
#ifndef FSCTP_LG_HIST_H
#define FSCTP_LG_HIST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_LG_HIST_SUB    16
#define FSCTP_LG_HIST_MAXEXP 48
#define FSCTP_LG_HIST_N	     (32 + (FSCTP_LG_HIST_MAXEXP - 5) * FSCTP_LG_HIST_SUB)

/** The histogram. Zero-initialise or fsctp_lg_hist_reset(). */
struct fsctp_lg_hist {
	uint64_t n;	   /**< Samples. */
	uint64_t overflow; /**< Samples at or beyond 2^48. */
	uint64_t min, max;
	uint64_t sum;
	uint64_t b[FSCTP_LG_HIST_N];
};

void fsctp_lg_hist_reset(struct fsctp_lg_hist *h);
void fsctp_lg_hist_add(struct fsctp_lg_hist *h, uint64_t v);
/** Add every sample of src to dst. */
void fsctp_lg_hist_merge(struct fsctp_lg_hist *dst,
			 const struct fsctp_lg_hist *src);
/** @return the p-th percentile (0..100), 0 if empty. */
uint64_t fsctp_lg_hist_pct(const struct fsctp_lg_hist *h, double p);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_LG_HIST_H */
