/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RFC 9260 7.2 congestion control: slow start, congestion avoidance with
 * partial_bytes_acked, fast recovery and the timeout and idle rules.
 */
#include "fsctp_cc.h"

uint32_t
fsctp_cc_initial_cwnd(uint32_t mtu)
{
	uint32_t lo = 2 * mtu > 4404 ? 2 * mtu : 4404;

	return 4 * mtu < lo ? 4 * mtu : lo;
}

static void
rfc_init(struct fsctp_cc_path *p, uint32_t mtu)
{
	p->mtu = mtu;
	/* RFC 9260 7.2.1: initial cwnd; ssthresh arbitrarily high (the peer's
	 * rwnd is one choice, any large value is allowed). */
	p->cwnd = fsctp_cc_initial_cwnd(mtu);
	p->ssthresh = UINT32_MAX;
	p->partial_bytes_acked = 0;
	p->flight_size = 0;
	p->n_fast_rtx = 0;
	p->n_t3 = 0;
	p->n_idle = 0;
}

static void
rfc_on_ack(struct fsctp_cc_path *p, const struct fsctp_cc_ack *ack)
{
	if (p->cwnd <= p->ssthresh) {
		/*
		 * RFC 9260 7.2.1 slow start: increase cwnd only when the
		 * window was fully used, the SACK advanced the Cumulative TSN
		 * Ack Point and we are not in Fast Recovery; then by at most
		 * min(bytes acked, MTU).
		 */
		if (ack->cum_advanced && !ack->in_fast_recovery &&
		    ack->flight_before >= p->cwnd && ack->bytes_acked > 0)
			p->cwnd += ack->bytes_acked < p->mtu ? ack->bytes_acked
							     : p->mtu;
	} else {
		/*
		 * RFC 9260 7.2.2 congestion avoidance: partial_bytes_acked
		 * grows by the bytes newly acknowledged (cum ack and gap
		 * blocks). When it reaches cwnd and the window was fully
		 * used, cwnd grows by one MTU and pba drops by cwnd; when the
		 * window was not fully used, pba is capped at cwnd.
		 */
		p->partial_bytes_acked += ack->bytes_acked;
		if (p->partial_bytes_acked >= p->cwnd) {
			if (ack->flight_before >= p->cwnd) {
				if (ack->cum_advanced &&
				    !ack->in_fast_recovery) {
					p->partial_bytes_acked -= p->cwnd;
					p->cwnd += p->mtu;
				}
			} else {
				p->partial_bytes_acked = p->cwnd;
			}
		}
	}
	/* RFC 9260 7.2.2: when everything sent has been acknowledged,
	 * partial_bytes_acked is reset to 0. */
	if (p->flight_size == 0)
		p->partial_bytes_acked = 0;
}

static void
rfc_on_fast_retransmit(struct fsctp_cc_path *p)
{
	/* RFC 9260 7.2.3: ssthresh = max(cwnd/2, 4*MTU), cwnd = ssthresh,
	 * partial_bytes_acked = 0. */
	uint32_t half = p->cwnd / 2;

	p->ssthresh = half > 4 * p->mtu ? half : 4 * p->mtu;
	p->cwnd = p->ssthresh;
	p->partial_bytes_acked = 0;
	p->n_fast_rtx++;
}

static void
rfc_on_t3_timeout(struct fsctp_cc_path *p)
{
	/* RFC 9260 7.2.3: ssthresh = max(cwnd/2, 4*MTU), cwnd = 1*MTU,
	 * partial_bytes_acked = 0. */
	uint32_t half = p->cwnd / 2;

	p->ssthresh = half > 4 * p->mtu ? half : 4 * p->mtu;
	p->cwnd = p->mtu;
	p->partial_bytes_acked = 0;
	p->n_t3++;
}

static void
rfc_on_idle(struct fsctp_cc_path *p, uint32_t n_rto)
{
	/*
	 * RFC 9260 7.2.1/7.2.2: a path that sends no DATA has its cwnd
	 * adjusted to max(cwnd/2, 4*MTU) per RTO. The rule only ever lowers
	 * cwnd: a window already below 4*MTU (after a T3 timeout) stays.
	 */
	uint32_t i;

	for (i = 0; i < n_rto; i++) {
		uint32_t half = p->cwnd / 2;
		uint32_t v = half > 4 * p->mtu ? half : 4 * p->mtu;

		if (v >= p->cwnd)
			break;
		p->cwnd = v;
	}
	if (n_rto > 0) {
		p->partial_bytes_acked = 0;
		p->n_idle++;
	}
}

static bool
rfc_can_send(const struct fsctp_cc_path *p)
{
	/* RFC 9260 6.1 B: no new DATA while cwnd or more bytes are
	 * outstanding; one packet may exceed cwnd by up to MTU-1 (7.2.1). */
	return p->flight_size < p->cwnd;
}

const struct fsctp_cc_ops fsctp_cc_rfc9260 = {
	.name = "rfc9260",
	.init = rfc_init,
	.on_ack = rfc_on_ack,
	.on_fast_retransmit = rfc_on_fast_retransmit,
	.on_t3_timeout = rfc_on_t3_timeout,
	.on_idle = rfc_on_idle,
	.can_send = rfc_can_send,
};
