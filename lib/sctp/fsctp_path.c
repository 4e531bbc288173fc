/* SPDX-License-Identifier: BSD-3-Clause */
/* RTO computation per destination (RFC 9260 6.3.1). */
#include "fsctp_path.h"

/* Clock granularity G of 6.3.1 C3: the core's time unit is 1 us, but a
 * caller's clock may be coarser; 1 ms keeps RTTVAR meaningful. */
#define FSCTP_CLOCK_G_US 1000u

static void
rto_clamp(struct fsctp_path *p, const struct fsctp_rto_params *rp)
{
	/* C6, C7: RTO.Min <= RTO <= RTO.Max. */
	if (p->rto < rp->min)
		p->rto = rp->min;
	if (p->rto > rp->max)
		p->rto = rp->max;
}

void
fsctp_path_rto_init(struct fsctp_path *p, const struct fsctp_rto_params *rp)
{
	/* C1: until an RTT measurement, RTO = RTO.Initial. */
	p->rto = rp->initial;
	p->srtt = 0;
	p->rttvar = 0;
	p->rtt_measured = false;
}

void
fsctp_path_rtt_update(struct fsctp_path *p, const struct fsctp_rto_params *rp,
		      uint64_t r)
{
	if (!p->rtt_measured) {
		/* C2: SRTT = R, RTTVAR = R/2. */
		p->srtt = r;
		p->rttvar = r / 2;
		p->rtt_measured = true;
	} else {
		/* C3: RTTVAR = (1 - 1/4) RTTVAR + 1/4 |SRTT - R'|,
		 * SRTT = (1 - 1/8) SRTT + 1/8 R', in that order. */
		uint64_t diff = p->srtt > r ? p->srtt - r : r - p->srtt;

		p->rttvar = (3 * p->rttvar + diff) / 4;
		p->srtt = (7 * p->srtt + r) / 8;
	}
	/* C3: when RTTVAR computes to 0, adjust it to G. */
	if (p->rttvar == 0)
		p->rttvar = FSCTP_CLOCK_G_US;
	p->rto = p->srtt + 4 * p->rttvar;
	rto_clamp(p, rp);
}

void
fsctp_path_rto_backoff(struct fsctp_path *p, const struct fsctp_rto_params *rp)
{
	/* 6.3.3 E2: RTO = RTO * 2, capped at RTO.Max (C7). */
	p->rto *= 2;
	rto_clamp(p, rp);
}
