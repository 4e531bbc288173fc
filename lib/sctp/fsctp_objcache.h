/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * A bounded free list of equal-sized blocks for one thread (one stack):
 * blocks freed on the hot path (send queue messages, acknowledged in
 * bursts by a SACK) are kept for the next sends instead of going back to
 * malloc, whose slow path a burst of frees takes. At most max blocks are
 * kept (a put beyond that frees the block and counts it); drained when
 * the stack is freed.
 */
#ifndef FSCTP_OBJCACHE_H
#define FSCTP_OBJCACHE_H

#include <stdint.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A free list of blocks of `size` bytes. */
struct fsctp_objcache {
	void *head;    /**< Free blocks, linked through their first word. */
	uint32_t n;    /**< Blocks held now. */
	uint32_t max;  /**< Limit on n (0: nothing is kept). */
	uint32_t size; /**< Bytes per block (>= sizeof(void *)). */
	uint64_t *ctr_full; /**< Counts puts beyond max (may be NULL). */
};

/** @return a block of c->size bytes (cached or malloc'd), NULL if none. */
static inline void *
fsctp_objcache_get(struct fsctp_objcache *c)
{
	void *p = c->head;

	if (p == NULL)
		return malloc(c->size);
	c->head = *(void **)p;
	c->n--;
	return p;
}

/** Give back a block from fsctp_objcache_get(). */
static inline void
fsctp_objcache_put(struct fsctp_objcache *c, void *p)
{
	if (c->n >= c->max) {
		if (c->ctr_full != NULL)
			(*c->ctr_full)++;
		free(p);
		return;
	}
	*(void **)p = c->head;
	c->head = p;
	c->n++;
}

/** Free every cached block (back to empty). */
static inline void
fsctp_objcache_drain(struct fsctp_objcache *c)
{
	while (c->head != NULL) {
		void *p = c->head;

		c->head = *(void **)p;
		free(p);
	}
	c->n = 0;
}

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_OBJCACHE_H */
