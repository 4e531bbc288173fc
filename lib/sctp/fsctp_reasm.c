/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inbound streams: ordering and reassembly. Descriptors come from a fixed
 * pool; held fragments form one list sorted by TSN (serial order), complete
 * ordered messages waiting for their SSN form a second list.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_reasm.h"
#include "fsctp_serial.h"
#include "fsctp_wire.h"

#define NIL		   UINT32_MAX
#define DEFAULT_MAX_CHUNKS 4096u
/* Descriptors allocated at first; the pool doubles up to max_chunks. */
#define POOL_START 32u

struct fsctp_reasm_ent {
	uint32_t next;
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
	uint8_t flags;
	uint32_t len;
	uint8_t *data;
};

int
fsctp_reasm_init(struct fsctp_reasm *r, const struct fsctp_reasm_config *cfg,
		 struct fsctp_reasm_global *global)
{
	uint32_t n;

	if (r == NULL || cfg == NULL || cfg->n_in_streams == 0 ||
	    cfg->deliver == NULL)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->cfg = *cfg;
	if (r->cfg.limit == 0)
		r->cfg.limit = cfg->rwnd;
	if (r->cfg.max_chunks == 0)
		r->cfg.max_chunks = DEFAULT_MAX_CHUNKS;
	n = r->cfg.max_chunks;
	r->global = global;
	r->next_ssn = calloc(cfg->n_in_streams, sizeof(*r->next_ssn));
	r->pool_cap = n < POOL_START ? n : POOL_START;
	r->pool = calloc(r->pool_cap, sizeof(*r->pool));
	if (r->next_ssn == NULL || r->pool == NULL) {
		free(r->next_ssn);
		free(r->pool);
		return -ENOMEM;
	}
	/* The free list starts empty: descriptors past n_used were never
	 * handed out and are taken in order, and the pool grows as they are
	 * (most associations never hold many fragments; the limit is still
	 * max_chunks). */
	r->free_head = NIL;
	r->n_used = 0;
	r->n_free = n;
	r->frag_head = NIL;
	r->ord_head = NIL;
	return 0;
}

static void
free_list(struct fsctp_reasm *r, uint32_t i)
{
	while (i != NIL) {
		struct fsctp_reasm_ent *e = &r->pool[i];

		free(e->data);
		e->data = NULL;
		i = e->next;
	}
}

void
fsctp_reasm_fini(struct fsctp_reasm *r)
{
	if (r == NULL || r->pool == NULL)
		return;
	free_list(r, r->frag_head);
	free_list(r, r->ord_head);
	if (r->global != NULL)
		r->global->held -= r->held;
	free(r->pool);
	free(r->next_ssn);
	r->pool = NULL;
	r->next_ssn = NULL;
	r->held = 0;
}

static void
hold(struct fsctp_reasm *r, uint32_t n)
{
	r->held += n;
	if (r->global != NULL)
		r->global->held += n;
}

static void
unhold(struct fsctp_reasm *r, uint32_t n)
{
	r->held -= n;
	if (r->global != NULL)
		r->global->held -= n;
}

/* Double the pool, up to max_chunks. Only indices into it are kept. */
static int
pool_grow(struct fsctp_reasm *r)
{
	uint32_t cap = r->pool_cap * 2;
	struct fsctp_reasm_ent *p;

	if (cap > r->cfg.max_chunks || cap < r->pool_cap)
		cap = r->cfg.max_chunks;
	p = realloc(r->pool, (size_t)cap * sizeof(*p));
	if (p == NULL)
		return -ENOMEM;
	r->pool = p;
	r->pool_cap = cap;
	return 0;
}

/* A free descriptor, or NIL when max_chunks are in use (or the pool could
 * not grow): the caller counts the drop in n_drop_pool. */
static uint32_t
ent_get(struct fsctp_reasm *r)
{
	uint32_t i = r->free_head;

	if (i == NIL) {
		if (r->n_used == r->cfg.max_chunks)
			return NIL;
		if (r->n_used == r->pool_cap && pool_grow(r) != 0)
			return NIL;
		i = r->n_used++;
		r->n_free--;
		r->pool[i].next = NIL;
		return i;
	}
	r->free_head = r->pool[i].next;
	r->n_free--;
	r->pool[i].next = NIL;
	return i;
}

static void
ent_put(struct fsctp_reasm *r, uint32_t i)
{
	r->pool[i].data = NULL;
	r->pool[i].next = r->free_head;
	r->free_head = i;
	r->n_free++;
}

uint32_t
fsctp_reasm_rwnd(const struct fsctp_reasm *r)
{
	uint64_t used = (uint64_t)r->held + r->undelivered;

	/* RFC 9260 6.2: a_rwnd is the buffer space left. */
	return used >= r->cfg.rwnd ? 0 : r->cfg.rwnd - (uint32_t)used;
}

void
fsctp_reasm_credit(struct fsctp_reasm *r, uint32_t len)
{
	r->undelivered -= len < r->undelivered ? len : r->undelivered;
}

static void
deliver(struct fsctp_reasm *r, const struct fsctp_reasm_ent *e)
{
	struct fsctp_reasm_msg m;

	m.sid = e->sid;
	m.ssn = e->ssn;
	m.ppid = e->ppid;
	m.tsn = e->tsn;
	m.unordered = (e->flags & FSCTP_DATA_FLAG_U) != 0;
	m.len = e->len;
	m.data = e->data;
	r->undelivered += e->len;
	r->stats.n_msgs++;
	r->stats.n_bytes += e->len;
	r->cfg.deliver(r->cfg.ctx, &m);
}

/* RFC 9260 6.6: deliver the complete ordered messages of a stream whose
 * SSNs now follow in sequence. */
static void
drain_stream(struct fsctp_reasm *r, uint16_t sid)
{
	bool found = true;

	while (found) {
		uint32_t i = r->ord_head, prev = NIL;

		found = false;
		while (i != NIL) {
			struct fsctp_reasm_ent *e = &r->pool[i];

			if (e->sid == sid && e->ssn == r->next_ssn[sid]) {
				struct fsctp_reasm_ent copy = *e;

				if (prev == NIL)
					r->ord_head = e->next;
				else
					r->pool[prev].next = e->next;
				ent_put(r, i);
				unhold(r, copy.len);
				r->next_ssn[sid]++;
				deliver(r, &copy);
				found = true;
				break;
			}
			prev = i;
			i = e->next;
		}
	}
}

/*
 * A complete message (in e, data owned): deliver it or queue it for its
 * SSN. ent is a descriptor for queueing, or NIL to take a new one.
 * Returns 0 or -ENOSPC when a queue descriptor was needed and none was
 * free (the caller keeps its bytes then), -EINVAL for an SSN behind.
 */
static int
complete(struct fsctp_reasm *r, struct fsctp_reasm_ent *e, uint32_t ent,
	 bool queued_bytes)
{
	uint16_t sid = e->sid;

	/* RFC 9260 6.6: unordered messages bypass the ordering queue. */
	if (e->flags & FSCTP_DATA_FLAG_U) {
		if (queued_bytes)
			unhold(r, e->len);
		deliver(r, e);
		return 0;
	}
	/* RFC 9260 6.5: in-order delivery per stream by SSN. */
	if (e->ssn == r->next_ssn[sid]) {
		if (queued_bytes)
			unhold(r, e->len);
		r->next_ssn[sid]++;
		deliver(r, e);
		drain_stream(r, sid);
		return 0;
	}
	if (fsctp_sn16_lt(e->ssn, r->next_ssn[sid]))
		return -EINVAL;
	if (ent == NIL)
		ent = ent_get(r);
	if (ent == NIL)
		return -ENOSPC;
	r->pool[ent] = *e;
	r->pool[ent].next = r->ord_head;
	r->ord_head = ent;
	if (!queued_bytes)
		hold(r, e->len);
	return 0;
}

static bool
contiguous(const struct fsctp_reasm_ent *a, const struct fsctp_reasm_ent *b)
{
	/* RFC 9260 6.9: fragments of one message carry consecutive TSNs, the
	 * same stream, the same U flag and (ordered) the same SSN. */
	return b->tsn == a->tsn + 1 && !(a->flags & FSCTP_DATA_FLAG_E) &&
	       !(b->flags & FSCTP_DATA_FLAG_B) && a->sid == b->sid &&
	       (a->flags & FSCTP_DATA_FLAG_U) ==
		       (b->flags & FSCTP_DATA_FLAG_U) &&
	       ((a->flags & FSCTP_DATA_FLAG_U) || a->ssn == b->ssn);
}

/* After the fragment at index at was inserted: if the run of fragments
 * around it now holds a whole message, join and hand it on. */
static void
try_assemble(struct fsctp_reasm *r, uint32_t at)
{
	uint32_t i = r->frag_head, prev = NIL, start = NIL, start_prev = NIL;
	uint32_t end, total, n;
	struct fsctp_reasm_ent msg;
	uint8_t *buf;

	while (i != NIL) {
		struct fsctp_reasm_ent *e = &r->pool[i];

		if (e->flags & FSCTP_DATA_FLAG_B) {
			start = i;
			start_prev = prev;
		} else if (start != NIL && !contiguous(&r->pool[prev], e)) {
			start = NIL;
		}
		if (i == at)
			break;
		prev = i;
		i = e->next;
	}
	if (start == NIL)
		return;
	end = at;
	while (!(r->pool[end].flags & FSCTP_DATA_FLAG_E)) {
		uint32_t nx = r->pool[end].next;

		if (nx == NIL || !contiguous(&r->pool[end], &r->pool[nx]))
			return;
		end = nx;
	}
	total = 0;
	for (i = start;; i = r->pool[i].next) {
		total += r->pool[i].len;
		if (i == end)
			break;
	}
	buf = malloc(total);
	if (buf == NULL) {
		r->stats.n_drop_nomem++;
		return; /* stays held; retried at the next fragment */
	}
	msg = r->pool[start];
	msg.flags = (uint8_t)(msg.flags | FSCTP_DATA_FLAG_E);
	msg.len = total;
	msg.data = buf;
	n = 0;
	i = start;
	for (;;) {
		uint32_t nx = r->pool[i].next;
		bool last = i == end;

		memcpy(buf + n, r->pool[i].data, r->pool[i].len);
		n += r->pool[i].len;
		free(r->pool[i].data);
		if (last) {
			if (start_prev == NIL)
				r->frag_head = nx;
			else
				r->pool[start_prev].next = nx;
			/* The freed descriptor is there for queueing. */
			ent_put(r, i);
			if (complete(r, &msg, NIL, true) != 0) {
				/* An SSN behind the stream (the peer broke
				 * RFC 9260 6.5): discard the message. */
				r->stats.n_bad++;
				unhold(r, total);
				free(buf);
			}
			break;
		}
		ent_put(r, i);
		i = nx;
	}
}

enum fsctp_reasm_result
fsctp_reasm_add(struct fsctp_reasm *r, const struct fsctp_reasm_chunk *c,
		bool beyond_highest)
{
	struct fsctp_reasm_ent e;
	uint32_t i, prev, ent;
	uint8_t *buf;
	int rc;

	/* RFC 9260 6.2 / 3.3.10.9: DATA with no user data: ABORT. */
	if (c->len == 0)
		return FSCTP_REASM_NO_USER_DATA;
	/* RFC 9260 6.5 / 3.3.10.1: a stream that was not negotiated. */
	if (c->sid >= r->cfg.n_in_streams) {
		r->stats.n_invalid_stream++;
		return FSCTP_REASM_INVALID_STREAM;
	}
	/* RFC 9260 6.2: with a zero window, drop new DATA above the highest
	 * TSN received. */
	if (beyond_highest && fsctp_reasm_rwnd(r) == 0) {
		r->stats.n_drop_zero_window++;
		return FSCTP_REASM_DROPPED;
	}
	/* Memory policy (header comment): drop, not acknowledged. */
	if ((uint64_t)r->held + c->len > r->cfg.limit) {
		r->stats.n_drop_assoc_limit++;
		return FSCTP_REASM_DROPPED;
	}
	if (r->global != NULL && r->global->held + c->len > r->global->limit) {
		r->stats.n_drop_global_limit++;
		r->global->n_limit_hit++;
		return FSCTP_REASM_DROPPED;
	}
	e.next = NIL;
	e.tsn = c->tsn;
	e.sid = c->sid;
	e.ssn = (c->flags & FSCTP_DATA_FLAG_U) ? 0 : c->ssn;
	e.ppid = c->ppid;
	e.flags = c->flags &
		  (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E | FSCTP_DATA_FLAG_U);
	e.len = c->len;

	if ((e.flags & (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E)) ==
	    (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E)) {
		/* An unfragmented message. */
		if (!(e.flags & FSCTP_DATA_FLAG_U) &&
		    fsctp_sn16_lt(e.ssn, r->next_ssn[e.sid])) {
			r->stats.n_bad++;
			return FSCTP_REASM_BAD;
		}
		if (!(e.flags & FSCTP_DATA_FLAG_U) &&
		    e.ssn != r->next_ssn[e.sid] && r->n_free == 0) {
			r->stats.n_drop_pool++;
			return FSCTP_REASM_DROPPED;
		}
		buf = malloc(c->len);
		if (buf == NULL) {
			r->stats.n_drop_nomem++;
			return FSCTP_REASM_DROPPED;
		}
		memcpy(buf, c->data, c->len);
		e.data = buf;
		rc = complete(r, &e, NIL, false);
		if (rc != 0) { /* cannot happen after the checks above */
			free(buf);
			r->stats.n_drop_pool++;
			return FSCTP_REASM_DROPPED;
		}
		return FSCTP_REASM_OK;
	}

	/* A fragment (RFC 9260 6.9): insert it in TSN order. */
	prev = NIL;
	for (i = r->frag_head; i != NIL; i = r->pool[i].next) {
		if (r->pool[i].tsn == c->tsn) {
			r->stats.n_bad++;
			return FSCTP_REASM_BAD;
		}
		if (fsctp_sn32_gt(r->pool[i].tsn, c->tsn))
			break;
		prev = i;
	}
	ent = ent_get(r);
	if (ent == NIL) {
		r->stats.n_drop_pool++;
		return FSCTP_REASM_DROPPED;
	}
	buf = malloc(c->len);
	if (buf == NULL) {
		ent_put(r, ent);
		r->stats.n_drop_nomem++;
		return FSCTP_REASM_DROPPED;
	}
	memcpy(buf, c->data, c->len);
	e.data = buf;
	e.next = i;
	r->pool[ent] = e;
	if (prev == NIL)
		r->frag_head = ent;
	else
		r->pool[prev].next = ent;
	hold(r, c->len);
	try_assemble(r, ent);
	return FSCTP_REASM_OK;
}

uint32_t
fsctp_reasm_forward(struct fsctp_reasm *r, uint32_t new_cum)
{
	uint32_t i, n = 0;

	/* The list is sorted by TSN: the fragments to drop lead it. */
	while ((i = r->frag_head) != NIL &&
	       fsctp_sn32_le(r->pool[i].tsn, new_cum)) {
		r->frag_head = r->pool[i].next;
		unhold(r, r->pool[i].len);
		free(r->pool[i].data);
		ent_put(r, i);
		n++;
	}
	r->stats.n_fwd_dropped += n;
	return n;
}

int
fsctp_reasm_skip(struct fsctp_reasm *r, uint16_t sid, uint16_t ssn)
{
	if (sid >= r->cfg.n_in_streams) {
		r->stats.n_fwd_bad_stream++;
		return -EINVAL;
	}
	/* An SSN behind the stream: nothing left to skip. */
	if (fsctp_sn16_lt(ssn, r->next_ssn[sid]))
		return 0;
	r->stats.n_fwd_skipped++;
	/* Waiting messages up to ssn go first, lowest SSN first. */
	for (;;) {
		uint32_t i, prev = NIL, best = NIL, best_prev = NIL;
		struct fsctp_reasm_ent copy;

		for (i = r->ord_head; i != NIL; prev = i, i = r->pool[i].next) {
			const struct fsctp_reasm_ent *e = &r->pool[i];

			if (e->sid != sid || fsctp_sn16_gt(e->ssn, ssn))
				continue;
			if (best == NIL ||
			    fsctp_sn16_lt(e->ssn, r->pool[best].ssn)) {
				best = i;
				best_prev = prev;
			}
		}
		if (best == NIL)
			break;
		copy = r->pool[best];
		if (best_prev == NIL)
			r->ord_head = copy.next;
		else
			r->pool[best_prev].next = copy.next;
		ent_put(r, best);
		unhold(r, copy.len);
		r->next_ssn[sid] = (uint16_t)(copy.ssn + 1);
		deliver(r, &copy);
	}
	r->next_ssn[sid] = (uint16_t)(ssn + 1);
	drain_stream(r, sid);
	return 0;
}
