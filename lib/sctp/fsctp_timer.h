/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Generic timers of the protocol core: an intrusive timer struct and a
 * binary min-heap ordered by expiry time, driven by the `now` that the
 * owner passes in (the core never reads a clock).
 *
 * Usage (e.g. a T3-rtx or delayed-SACK timer of the data path):
 *
 *     struct fsctp_timer t3;                     // embedded in your state
 *     fsctp_timer_init(&t3, my_t3_expired, my_state);
 *     fsctp_timer_arm(&st_timers, &t3, now + rto);   // (re)arm
 *     if (fsctp_timer_is_armed(&t3)) ...
 *     fsctp_timer_cancel(&st_timers, &t3);       // safe when not armed
 *
 * The callback runs from fsctp_timer_heap_run() (i.e. from
 * fsctp_stack_timers()) with the timer already disarmed; it may re-arm the
 * same timer or arm/cancel any other timer of the same heap. A timer must be
 * cancelled before the memory holding it is freed.
 *
 * Inside the core, use fsctp_assoc_timer_arm()/fsctp_assoc_timer_cancel()
 * from fsctp_assoc.h, which pick the stack's heap.
 *
 * Complexity: arm, re-arm and cancel are O(log n); the next deadline is O(1).
 */
#ifndef FSCTP_TIMER_H
#define FSCTP_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fsctp_timer;

/**
 * A timer callback.
 * @param t the timer that expired (already disarmed).
 * @param arg the arg given to fsctp_timer_init().
 * @param now the time passed to fsctp_timer_heap_run().
 */
typedef void (*fsctp_timer_cb_t)(struct fsctp_timer *t, void *arg,
				 fsctp_time_t now);

/** Index value of a timer that is not in a heap. */
#define FSCTP_TIMER_IDLE UINT32_MAX

/** An intrusive timer: embed it in the object it belongs to. */
struct fsctp_timer {
	fsctp_time_t expires; /**< Absolute expiry time (valid when armed). */
	fsctp_timer_cb_t cb;  /**< Called on expiry. */
	void *arg;	      /**< Passed to cb. */
	uint32_t heap_idx;    /**< Position in the heap, or FSCTP_TIMER_IDLE. */
	uint32_t seq;	      /**< Arm order, breaks ties deterministically. */
};

/** A heap slot: the timer's key kept beside it, so that ordering the heap
 * reads only the heap's own array and not the scattered timers. */
struct fsctp_timer_slot {
	fsctp_time_t expires;  /**< The timer's expires. */
	uint32_t seq;	       /**< The timer's seq. */
	struct fsctp_timer *t; /**< The timer. */
};

/** A min-heap of armed timers. */
struct fsctp_timer_heap {
	struct fsctp_timer_slot *h; /**< h[0] expires first. */
	uint32_t n;		    /**< Armed timers. */
	uint32_t cap;		    /**< Slots allocated. */
	uint32_t max;		    /**< Hard limit on armed timers. */
	uint32_t seq;		    /**< Next arm sequence number. */
	uint64_t full; /**< Arms refused because the heap was full. */
};

/**
 * Initialise a heap that holds at most max armed timers (memory grows on
 * demand up to that).
 * @return 0, or -ENOMEM.
 */
int fsctp_timer_heap_init(struct fsctp_timer_heap *hp, uint32_t max);

/** Free the heap's memory; the timers in it become idle. */
void fsctp_timer_heap_fini(struct fsctp_timer_heap *hp);

/** Initialise an idle timer with its callback. */
static inline void
fsctp_timer_init(struct fsctp_timer *t, fsctp_timer_cb_t cb, void *arg)
{
	t->expires = 0;
	t->cb = cb;
	t->arg = arg;
	t->heap_idx = FSCTP_TIMER_IDLE;
	t->seq = 0;
}

/** @return true when the timer is armed. */
static inline bool
fsctp_timer_is_armed(const struct fsctp_timer *t)
{
	return t->heap_idx != FSCTP_TIMER_IDLE;
}

/**
 * Arm (or re-arm) a timer to expire at the absolute time `expires`.
 * @return 0, or -ENOSPC when the heap holds max timers (counted in
 *   hp->full), or -ENOMEM.
 */
int fsctp_timer_arm(struct fsctp_timer_heap *hp, struct fsctp_timer *t,
		    fsctp_time_t expires);

/** Disarm a timer; a no-op when it is idle. */
void fsctp_timer_cancel(struct fsctp_timer_heap *hp, struct fsctp_timer *t);

/** @return the earliest expiry, or UINT64_MAX when no timer is armed. */
static inline fsctp_time_t
fsctp_timer_heap_next(const struct fsctp_timer_heap *hp)
{
	return hp->n ? hp->h[0].expires : UINT64_MAX;
}

/**
 * Run every timer whose expiry is <= now, earliest first (ties in arm
 * order). Timers armed by callbacks for a time <= now also run.
 * @return the number of callbacks run.
 */
unsigned int fsctp_timer_heap_run(struct fsctp_timer_heap *hp,
				  fsctp_time_t now);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_TIMER_H */
