/* SPDX-License-Identifier: BSD-3-Clause */
/* The timer heap (fsctp_timer.h). */
#include <gtest/gtest.h>

#include <cerrno>
#include <vector>

#include "fsctp_timer.h"

namespace
{

struct Rec {
	std::vector<int> fired;
};

struct T {
	fsctp_timer t;
	Rec *rec;
	int id;
};

void
cb(fsctp_timer *t, void *arg, fsctp_time_t now)
{
	T *x = static_cast<T *>(arg);
	(void)now;
	EXPECT_FALSE(fsctp_timer_is_armed(t));
	x->rec->fired.push_back(x->id);
}

TEST(Timer, FiresInExpiryOrderThenArmOrder)
{
	fsctp_timer_heap h;
	ASSERT_EQ(fsctp_timer_heap_init(&h, 1000), 0);
	Rec r;
	std::vector<T> ts(200);
	for (int i = 0; i < 200; i++) {
		ts[i].rec = &r;
		ts[i].id = i;
		fsctp_timer_init(&ts[i].t, cb, &ts[i]);
		/* Expiries 0..49 repeated four times. */
		ASSERT_EQ(fsctp_timer_arm(&h, &ts[i].t, (uint64_t)(i % 50)), 0);
	}
	EXPECT_EQ(fsctp_timer_heap_next(&h), 0u);
	EXPECT_EQ(fsctp_timer_heap_run(&h, 24), 100u);
	ASSERT_EQ(r.fired.size(), 100u);
	for (int k = 0; k < 100; k++) {
		int e = k / 4, n = k % 4;
		EXPECT_EQ(r.fired[k], e + 50 * n) << k;
	}
	EXPECT_EQ(fsctp_timer_heap_next(&h), 25u);
	fsctp_timer_heap_fini(&h);
}

TEST(Timer, CancelAndRearm)
{
	fsctp_timer_heap h;
	ASSERT_EQ(fsctp_timer_heap_init(&h, 10), 0);
	Rec r;
	T a{ {}, &r, 1 }, b{ {}, &r, 2 }, c{ {}, &r, 3 };
	fsctp_timer_init(&a.t, cb, &a);
	fsctp_timer_init(&b.t, cb, &b);
	fsctp_timer_init(&c.t, cb, &c);
	fsctp_timer_cancel(&h, &a.t); /* idle: no-op */
	fsctp_timer_arm(&h, &a.t, 10);
	fsctp_timer_arm(&h, &b.t, 20);
	fsctp_timer_arm(&h, &c.t, 30);
	fsctp_timer_cancel(&h, &b.t);
	EXPECT_FALSE(fsctp_timer_is_armed(&b.t));
	fsctp_timer_arm(&h, &a.t, 40); /* re-arm moves it */
	EXPECT_EQ(fsctp_timer_heap_next(&h), 30u);
	fsctp_timer_heap_run(&h, 100);
	EXPECT_EQ(r.fired, (std::vector<int>{ 3, 1 }));
	EXPECT_EQ(fsctp_timer_heap_next(&h), UINT64_MAX);
	fsctp_timer_heap_fini(&h);
}

TEST(Timer, HeapLimitIsEnforcedAndCounted)
{
	fsctp_timer_heap h;
	ASSERT_EQ(fsctp_timer_heap_init(&h, 2), 0);
	Rec r;
	T a{ {}, &r, 1 }, b{ {}, &r, 2 }, c{ {}, &r, 3 };
	fsctp_timer_init(&a.t, cb, &a);
	fsctp_timer_init(&b.t, cb, &b);
	fsctp_timer_init(&c.t, cb, &c);
	EXPECT_EQ(fsctp_timer_arm(&h, &a.t, 1), 0);
	EXPECT_EQ(fsctp_timer_arm(&h, &b.t, 2), 0);
	EXPECT_EQ(fsctp_timer_arm(&h, &c.t, 3), -ENOSPC);
	EXPECT_EQ(h.full, 1u);
	EXPECT_EQ(fsctp_timer_arm(&h, &b.t, 5), 0); /* re-arm fits */
	fsctp_timer_heap_fini(&h);
	EXPECT_FALSE(fsctp_timer_is_armed(&a.t));
}

struct Rearm {
	fsctp_timer t;
	fsctp_timer_heap *h;
	int n;
};

void
rearm_cb(fsctp_timer *t, void *arg, fsctp_time_t now)
{
	Rearm *r = static_cast<Rearm *>(arg);
	if (++r->n < 5)
		fsctp_timer_arm(r->h, t, now + 10);
}

TEST(Timer, CallbackMayRearmItself)
{
	fsctp_timer_heap h;
	ASSERT_EQ(fsctp_timer_heap_init(&h, 4), 0);
	Rearm r{ {}, &h, 0 };
	fsctp_timer_init(&r.t, rearm_cb, &r);
	fsctp_timer_arm(&h, &r.t, 10);
	/* The callback's now is the run's now (25), so it re-arms at 35. */
	EXPECT_EQ(fsctp_timer_heap_run(&h, 25), 1u);
	EXPECT_EQ(fsctp_timer_heap_next(&h), 35u);
	/* A re-arm at or before the run's now runs in the same call. */
	r.n = 0;
	fsctp_timer_arm(&h, &r.t, 0);
	EXPECT_EQ(fsctp_timer_heap_run(&h, 1000), 1u);
	EXPECT_EQ(r.n, 1);
	EXPECT_EQ(fsctp_timer_heap_next(&h), 1010u);
	fsctp_timer_heap_fini(&h);
}

} // namespace
