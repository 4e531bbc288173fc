/* SPDX-License-Identifier: BSD-3-Clause */
/* RFC 9260 7.2 congestion control arithmetic, step by step. */
#include <gtest/gtest.h>

#include "fsctp_cc.h"

static const struct fsctp_cc_ops *ops = &fsctp_cc_rfc9260;

static struct fsctp_cc_ack
ack(uint32_t bytes, uint32_t flight_before, bool cum, bool fr = false)
{
	struct fsctp_cc_ack a = {};

	a.bytes_acked = bytes;
	a.flight_before = flight_before;
	a.cum_advanced = cum;
	a.in_fast_recovery = fr;
	return a;
}

/* RFC 9260 7.2.1: initial cwnd = min(4*MTU, max(2*MTU, 4404)). */
TEST(Cc, InitialCwnd)
{
	EXPECT_EQ(fsctp_cc_initial_cwnd(1500), 4404u);
	EXPECT_EQ(fsctp_cc_initial_cwnd(1000), 4000u);
	EXPECT_EQ(fsctp_cc_initial_cwnd(576), 2304u);
	EXPECT_EQ(fsctp_cc_initial_cwnd(9000), 18000u);

	struct fsctp_cc_path p;
	ops->init(&p, 1500);
	EXPECT_EQ(p.cwnd, 4404u);
	EXPECT_EQ(p.ssthresh, UINT32_MAX);
	EXPECT_EQ(p.partial_bytes_acked, 0u);
}

/* RFC 9260 7.2.1: slow start grows by min(bytes acked, MTU), only when
 * cwnd was fully used, the cum ack advanced and not in Fast Recovery. */
TEST(Cc, SlowStartStepByStep)
{
	struct fsctp_cc_path p;
	struct fsctp_cc_ack a;

	ops->init(&p, 1500);
	p.flight_size = 3404;
	a = ack(1000, 4404, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.cwnd, 5404u);
	a = ack(3000, 5404, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.cwnd, 6904u);  /* capped at one MTU */
	a = ack(1000, 3000, true); /* window not fully used */
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.cwnd, 6904u);
	a = ack(1000, 7000, false); /* gap ack only */
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.cwnd, 6904u);
	a = ack(1000, 7000, true, true); /* in fast recovery */
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.cwnd, 6904u);
	EXPECT_EQ(p.partial_bytes_acked, 0u);
}

/* RFC 9260 7.2.2: congestion avoidance with partial_bytes_acked. */
TEST(Cc, CongestionAvoidancePba)
{
	struct fsctp_cc_path p;
	struct fsctp_cc_ack a;

	ops->init(&p, 1500);
	p.cwnd = 6000;
	p.ssthresh = 5000;
	p.flight_size = 4000;
	a = ack(2000, 6000, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.partial_bytes_acked, 2000u);
	EXPECT_EQ(p.cwnd, 6000u);
	a = ack(2000, 6000, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.partial_bytes_acked, 4000u);
	EXPECT_EQ(p.cwnd, 6000u);
	a = ack(2500, 6000, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.partial_bytes_acked, 500u); /* 6500 - 6000 */
	EXPECT_EQ(p.cwnd, 7500u);
	/* Window not fully used: pba is capped at cwnd, no growth. */
	a = ack(9000, 3000, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.partial_bytes_acked, 7500u);
	EXPECT_EQ(p.cwnd, 7500u);
	/* Everything acknowledged: pba back to 0. */
	p.flight_size = 0;
	a = ack(100, 7500, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.partial_bytes_acked, 0u);
	EXPECT_EQ(p.cwnd, 9000u);
}

/* RFC 9260 7.2.3: fast retransmit halves to ssthresh, floor 4*MTU. */
TEST(Cc, FastRetransmitReduction)
{
	struct fsctp_cc_path p;

	ops->init(&p, 1500);
	p.cwnd = 20000;
	p.partial_bytes_acked = 123;
	ops->on_fast_retransmit(&p);
	EXPECT_EQ(p.ssthresh, 10000u);
	EXPECT_EQ(p.cwnd, 10000u);
	EXPECT_EQ(p.partial_bytes_acked, 0u);
	p.cwnd = 8000;
	ops->on_fast_retransmit(&p);
	EXPECT_EQ(p.ssthresh, 6000u);
	EXPECT_EQ(p.cwnd, 6000u);
	EXPECT_EQ(p.n_fast_rtx, 2u);
}

/* RFC 9260 7.2.3: T3-rtx expiry: ssthresh = max(cwnd/2, 4*MTU), cwnd =
 * 1*MTU, then slow start again. */
TEST(Cc, T3TimeoutOneMtu)
{
	struct fsctp_cc_path p;
	struct fsctp_cc_ack a;

	ops->init(&p, 1500);
	p.cwnd = 20000;
	ops->on_t3_timeout(&p);
	EXPECT_EQ(p.ssthresh, 10000u);
	EXPECT_EQ(p.cwnd, 1500u);
	p.flight_size = 0;
	a = ack(1500, 1500, true);
	ops->on_ack(&p, &a);
	EXPECT_EQ(p.cwnd, 3000u);
	EXPECT_EQ(p.n_t3, 1u);
}

/* RFC 9260 7.2.1: per RTO of idleness cwnd = max(cwnd/2, 4*MTU). */
TEST(Cc, IdleDecay)
{
	struct fsctp_cc_path p;

	ops->init(&p, 1500);
	p.cwnd = 48000;
	p.partial_bytes_acked = 77;
	ops->on_idle(&p, 0);
	EXPECT_EQ(p.cwnd, 48000u);
	EXPECT_EQ(p.partial_bytes_acked, 77u);
	ops->on_idle(&p, 1);
	EXPECT_EQ(p.cwnd, 24000u);
	EXPECT_EQ(p.partial_bytes_acked, 0u);
	ops->on_idle(&p, 5);
	EXPECT_EQ(p.cwnd, 6000u);
	p.cwnd = 1500; /* after a T3 timeout: never raised */
	ops->on_idle(&p, 3);
	EXPECT_EQ(p.cwnd, 1500u);
}

/* RFC 9260 6.1 B: no new data once flight reaches cwnd. */
TEST(Cc, CanSend)
{
	struct fsctp_cc_path p;

	ops->init(&p, 1500);
	p.flight_size = 4403;
	EXPECT_TRUE(ops->can_send(&p));
	p.flight_size = 4404;
	EXPECT_FALSE(ops->can_send(&p));
}
