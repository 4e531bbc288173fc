/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inbound streams: ordering and reassembly. Cost per chunk is O(1)
 * (expected) whatever the arrival order:
 *  - held fragments are found by TSN and complete ordered messages waiting
 *    for their turn by (stream, SSN) in one open-addressing hash table of
 *    descriptor indices, keyed with a per-association secret (cfg.hash_key)
 *    so that a peer cannot choose keys that pile up in one probe run;
 *  - fragments with consecutive TSNs that belong together form a run; both
 *    ends of a run know each other (ent.other) and the left end knows the
 *    run's bytes, so inserting a fragment merges at most two neighbours in
 *    O(1) and a run from a B to an E fragment is a whole message, joined
 *    by one walk over its own fragments;
 *  - delivering a stream's next SSN is one lookup per message.
 * Descriptors come from a pool that grows on demand up to max_chunks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_reasm.h"
#include "fsctp_reasm_int.h"
#include "fsctp_serial.h"
#include "fsctp_wire.h"

#define NIL		   UINT32_MAX
#define DEFAULT_MAX_CHUNKS 4096u
/* Descriptors allocated at first; the pool doubles up to max_chunks. */
#define POOL_START 32u

enum ent_kind {
	ENT_FREE = 0,
	ENT_FRAG = 1, /* a held fragment, keyed by TSN */
	ENT_WAIT = 2, /* a complete ordered message, keyed by (sid, ssn) */
	/* A message under partial delivery (RFC 6458 8.1.21): what stands
	 * for its fragments delivered already, keyed by the TSN of the last
	 * of them (no data), so that the next fragment links to it as to a
	 * held one; the left end of its run. */
	ENT_PD = 3,
	/* A complete message held while another is partly delivered
	 * (RFC 6458 8.1.20 levels 0 and 1): in the held FIFO, not hashed. */
	ENT_HELD = 4,
};

/* A hash slot holding descriptor i | BKEY is the second key of an ordered
 * B fragment: (sid, ssn), so that the head of a stream is found when it
 * may start partial delivery. */
#define BKEY 0x80000000u

struct fsctp_reasm_ent {
	uint32_t tsn;
	uint32_t last;	/* ENT_WAIT: TSN of its last fragment (else tsn) */
	uint32_t first; /* ENT_PD: TSN of the message's first fragment */
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
	uint8_t flags;
	uint8_t kind;
	uint32_t len;
	uint8_t *data;
	void *ref;	    /* the packet data lies in (zero copy), or NULL */
	uint32_t next;	    /* free list; waiting list */
	uint32_t prev;	    /* waiting list */
	uint32_t other;	    /* ENT_FRAG at a run end: the other end */
	uint32_t run_bytes; /* ENT_FRAG at a run's left end: its bytes */
};

/* Memory one held chunk really costs besides its payload: its descriptor,
 * its share of the hash table (four slots per descriptor: up to two keys,
 * the table at most half full) and the allocator's header of its data
 * block. */
const uint32_t fsctp_reasm_chunk_overhead =
	(uint32_t)(sizeof(struct fsctp_reasm_ent) + 4 * sizeof(uint32_t) + 16);

/* ------------------------------------------------------------------------ */
/* Keyed hash of descriptor indices (linear probing, backward-shift delete) */
/* ------------------------------------------------------------------------ */

static inline uint64_t
key_frag(uint32_t tsn)
{
	return (uint64_t)tsn;
}

static inline uint64_t
key_wait(uint16_t sid, uint16_t ssn)
{
	return (1ull << 32) | (uint64_t)sid << 16 | ssn;
}

static inline uint64_t
key_bfrag(uint16_t sid, uint16_t ssn)
{
	return (2ull << 32) | (uint64_t)sid << 16 | ssn;
}

static inline uint64_t
ent_key(const struct fsctp_reasm_ent *e)
{
	return e->kind == ENT_FRAG || e->kind == ENT_PD
		       ? key_frag(e->tsn)
		       : key_wait(e->sid, e->ssn);
}

/* An ordered B fragment is found by (sid, ssn) too. */
static inline bool
has_bkey(const struct fsctp_reasm_ent *e)
{
	return e->kind == ENT_FRAG &&
	       (e->flags & (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_U)) ==
		       FSCTP_DATA_FLAG_B;
}

/* The key of a slot's value (a descriptor index, maybe with BKEY). */
static inline uint64_t
slot_key(const struct fsctp_reasm *r, uint32_t v)
{
	const struct fsctp_reasm_ent *e = &r->pool[v & ~BKEY];

	return (v & BKEY) ? key_bfrag(e->sid, e->ssn) : ent_key(e);
}

static inline uint32_t
slot_of(const struct fsctp_reasm *r, uint64_t key)
{
	uint64_t h = (key ^ r->cfg.hash_key) * 0x9e3779b97f4a7c15ull;

	h ^= h >> 29;
	h *= (r->cfg.hash_key >> 1) | 1;
	h ^= h >> 32;
	return (uint32_t)h & r->hmask;
}

static uint32_t
h_find(struct fsctp_reasm *r, uint64_t key)
{
	uint32_t s = slot_of(r, key), i;

	while ((i = r->htab[s]) != NIL) {
		r->stats.n_steps++;
		if (slot_key(r, i) == key)
			return i;
		s = (s + 1) & r->hmask;
	}
	return NIL;
}

/* The table always has more than twice as many slots as keys (at most two
 * per descriptor), so a free slot exists. idx may carry BKEY. */
static void
h_insert(struct fsctp_reasm *r, uint32_t idx)
{
	uint32_t s = slot_of(r, slot_key(r, idx));

	while (r->htab[s] != NIL) {
		r->stats.n_steps++;
		s = (s + 1) & r->hmask;
	}
	r->htab[s] = idx;
}

static void
h_remove(struct fsctp_reasm *r, uint32_t idx)
{
	uint32_t s = slot_of(r, slot_key(r, idx)), j, k;

	while (r->htab[s] != idx) {
		r->stats.n_steps++;
		s = (s + 1) & r->hmask;
	}
	/* Backward shift: pull later entries of the probe run into the hole
	 * when their home slot does not lie cyclically in (hole, j]. */
	r->htab[s] = NIL;
	j = s;
	for (;;) {
		j = (j + 1) & r->hmask;
		r->stats.n_steps++;
		if (r->htab[j] == NIL)
			return;
		k = slot_of(r, slot_key(r, r->htab[j]));
		if ((j > s && (k <= s || k > j)) ||
		    (j < s && k <= s && k > j)) {
			r->htab[s] = r->htab[j];
			r->htab[j] = NIL;
			s = j;
		}
	}
}

/* The table of a reassembly that never held a descriptor: one empty slot
 * (hmask 0), shared and read-only. A lookup finds nothing in it; an
 * insert always follows ent_get(), whose first pool_grow() gives the
 * association a table of its own, so nothing ever writes here. */
static const uint32_t h_none[1] = { NIL };

static bool
h_own(const struct fsctp_reasm *r)
{
	return r->htab != NULL && r->htab != h_none;
}

/* A table of at least 2 * cap + 1 slots, every held entry re-inserted. */
static int
h_resize(struct fsctp_reasm *r, uint32_t cap)
{
	uint32_t n = 16, i, *t;

	while (n <= 4 * cap)
		n *= 2;
	if (n <= r->hmask + 1 && h_own(r))
		return 0;
	t = malloc((size_t)n * sizeof(*t));
	if (t == NULL)
		return -ENOMEM;
	memset(t, 0xff, (size_t)n * sizeof(*t));
	if (h_own(r))
		free(r->htab);
	r->htab = t;
	r->hmask = n - 1;
	for (i = 0; i < r->n_used; i++) {
		if (r->pool[i].kind == ENT_FREE || r->pool[i].kind == ENT_HELD)
			continue;
		h_insert(r, i);
		if (has_bkey(&r->pool[i]))
			h_insert(r, i | BKEY);
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Set-up, descriptors, memory                                              */
/* ------------------------------------------------------------------------ */

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
	if (r->cfg.max_chunks == 0)
		r->cfg.max_chunks = DEFAULT_MAX_CHUNKS;
	if (r->cfg.max_chunks >= BKEY)
		r->cfg.max_chunks = BKEY - 1;
	if (r->cfg.limit == 0) {
		/* The window's bytes plus the descriptors to hold them: a
		 * peer within the window never meets this limit. */
		uint64_t l = (uint64_t)cfg->rwnd +
			     (uint64_t)r->cfg.max_chunks *
				     fsctp_reasm_chunk_overhead;

		r->cfg.limit = l > UINT32_MAX ? UINT32_MAX : (uint32_t)l;
	}
	n = r->cfg.max_chunks;
	r->global = global;
	r->next_ssn = calloc(cfg->n_in_streams, sizeof(*r->next_ssn));
	r->n_waiting = calloc(cfg->n_in_streams, sizeof(*r->n_waiting));
	if (r->next_ssn == NULL || r->n_waiting == NULL) {
		free(r->next_ssn);
		free(r->n_waiting);
		r->next_ssn = NULL;
		r->n_waiting = NULL;
		return -ENOMEM;
	}
	/* No descriptor pool and no hash table of its own yet: most
	 * associations deliver every DATA chunk as it comes and never hold
	 * one. The first descriptor needed makes them (pool_grow(); when
	 * that fails, the chunk is dropped and counted in n_drop_pool, as
	 * at any other growth). The free list starts empty: descriptors
	 * past n_used were never handed out and are taken in order, and
	 * the pool grows as they are (the limit is still max_chunks). */
	r->pool = NULL;
	r->pool_cap = 0;
	r->htab = (uint32_t *)(uintptr_t)h_none;
	r->hmask = 0;
	r->free_head = NIL;
	r->n_used = 0;
	r->n_free = n;
	r->wait_head = NIL;
	r->held_head = NIL;
	r->held_tail = NIL;
	return 0;
}

void
fsctp_reasm_fini(struct fsctp_reasm *r)
{
	uint32_t i;

	/* next_ssn is there from fsctp_reasm_init() on, the pool only once
	 * a descriptor was needed. */
	if (r == NULL || r->next_ssn == NULL)
		return;
	fsctp_reasm_idata_fini(r);
	for (i = 0; i < r->n_used; i++)
		if (r->pool[i].kind != ENT_FREE)
			fsctp_reasm_data_free(r, r->pool[i].data,
					      r->pool[i].ref);
	if (r->global != NULL)
		r->global->held -= r->held_mem;
	free(r->pool);
	if (h_own(r))
		free(r->htab);
	free(r->next_ssn);
	free(r->n_waiting);
	r->pool = NULL;
	r->htab = NULL;
	r->next_ssn = NULL;
	r->n_waiting = NULL;
	r->held = 0;
	r->held_mem = 0;
}

/* Payload bytes (for the window) and real memory (for the limits). */
static void
hold(struct fsctp_reasm *r, uint32_t n)
{
	r->held += n;
	r->held_mem += (uint64_t)n + fsctp_reasm_chunk_overhead;
	if (r->global != NULL)
		r->global->held += (uint64_t)n + fsctp_reasm_chunk_overhead;
}

static void
unhold(struct fsctp_reasm *r, uint32_t n)
{
	r->held -= n;
	r->held_mem -= (uint64_t)n + fsctp_reasm_chunk_overhead;
	if (r->global != NULL)
		r->global->held -= (uint64_t)n + fsctp_reasm_chunk_overhead;
}

void
fsctp_reasm_hold(struct fsctp_reasm *r, uint32_t len)
{
	hold(r, len);
}

void
fsctp_reasm_unhold(struct fsctp_reasm *r, uint32_t len)
{
	unhold(r, len);
}

void
fsctp_reasm_charge(struct fsctp_reasm *r, int64_t mem)
{
	r->held_mem = (uint64_t)((int64_t)r->held_mem + mem);
	if (r->global != NULL)
		r->global->held = (uint64_t)((int64_t)r->global->held + mem);
}

enum fsctp_reasm_result
fsctp_reasm_admit(struct fsctp_reasm *r, uint32_t len, uint64_t extra,
		  bool beyond_highest)
{
	uint64_t mem = (uint64_t)len + fsctp_reasm_chunk_overhead + extra;

	/* RFC 9260 6.2: with a zero window, drop new DATA above the highest
	 * TSN received. */
	if (beyond_highest && fsctp_reasm_rwnd(r) == 0) {
		r->stats.n_drop_zero_window++;
		return FSCTP_REASM_DROPPED;
	}
	/* Memory policy (header comment). */
	if (r->held_mem + mem > r->cfg.limit) {
		r->stats.n_drop_assoc_limit++;
		return FSCTP_REASM_DROPPED;
	}
	if (r->global != NULL && r->global->held + mem > r->global->limit) {
		r->stats.n_drop_global_limit++;
		r->global->n_limit_hit++;
		return FSCTP_REASM_DROPPED;
	}
	return FSCTP_REASM_OK;
}

uint8_t *
fsctp_reasm_msg_buf(struct fsctp_reasm *r, uint32_t len)
{
	if (r->cfg.cache != NULL && len <= r->cfg.cache->size)
		return fsctp_objcache_get(r->cfg.cache);
	return malloc(len ? len : 1);
}

void
fsctp_reasm_msg_buf_free(struct fsctp_objcache *cache, void *data, uint32_t len)
{
	if (cache != NULL && len <= cache->size)
		fsctp_objcache_put(cache, data);
	else
		free(data);
}

uint8_t *
fsctp_reasm_keep(struct fsctp_reasm *r, const uint8_t *data, uint32_t len,
		 void *ref, bool whole, void **held)
{
	uint8_t *buf;

	if (ref != NULL && r->cfg.ref_hold != NULL &&
	    r->cfg.ref_hold(r->cfg.ctx, ref)) {
		*held = ref;
		return (uint8_t *)(uintptr_t)data;
	}
	*held = NULL;
	buf = whole ? fsctp_reasm_msg_buf(r, len) : malloc(len ? len : 1);
	if (buf != NULL)
		memcpy(buf, data, len);
	return buf;
}

void
fsctp_reasm_data_free(struct fsctp_reasm *r, uint8_t *data, void *ref)
{
	if (ref != NULL)
		r->cfg.ref_put(r->cfg.ctx, ref);
	else
		free(data);
}

void
fsctp_reasm_deliver_msg(struct fsctp_reasm *r, struct fsctp_reasm_msg *m)
{
	r->undelivered += m->len;
	r->stats.n_msgs++;
	r->stats.n_bytes += m->len;
	r->cfg.deliver(r->cfg.ctx, m);
}

/* Double the pool (and the hash table), up to max_chunks. Only indices
 * into the pool are kept. */
static int
pool_grow(struct fsctp_reasm *r)
{
	uint32_t cap = r->pool_cap != 0 ? r->pool_cap * 2 : POOL_START;
	struct fsctp_reasm_ent *p;

	if (cap > r->cfg.max_chunks || cap < r->pool_cap)
		cap = r->cfg.max_chunks;
	if (h_resize(r, cap) != 0)
		return -ENOMEM;
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
	} else {
		r->free_head = r->pool[i].next;
	}
	r->n_free--;
	memset(&r->pool[i], 0, sizeof(r->pool[i]));
	r->pool[i].next = NIL;
	r->pool[i].prev = NIL;
	r->pool[i].other = NIL;
	return i;
}

static void
ent_put(struct fsctp_reasm *r, uint32_t i)
{
	r->pool[i].kind = ENT_FREE;
	r->pool[i].data = NULL;
	r->pool[i].ref = NULL;
	r->pool[i].next = r->free_head;
	r->free_head = i;
	r->n_free++;
}

/* ------------------------------------------------------------------------ */
/* Delivery and ordering (RFC 9260 6.5, 6.6)                                */
/* ------------------------------------------------------------------------ */

static void
deliver(struct fsctp_reasm *r, const struct fsctp_reasm_ent *e)
{
	struct fsctp_reasm_msg m;

	m.sid = e->sid;
	m.ssn = e->ssn;
	m.mid = e->ssn;
	m.ppid = e->ppid;
	m.tsn = e->tsn;
	m.unordered = (e->flags & FSCTP_DATA_FLAG_U) != 0;
	m.more = false;
	m.len = e->len;
	m.data = e->data;
	m.ref = e->ref;
	r->undelivered += e->len;
	r->stats.n_msgs++;
	r->stats.n_bytes += e->len;
	r->cfg.deliver(r->cfg.ctx, &m);
}

static inline bool
pd_blocked(const struct fsctp_reasm *r)
{
	return fsctp_reasm_pd_blocked(r);
}

/* A complete message (data owned, its bytes not held) goes to the
 * application, or to the end of the held FIFO while another message is
 * partly delivered at level 0 or 1. The caller made sure a descriptor is
 * free then (else it is delivered anyway). */
static void
release(struct fsctp_reasm *r, const struct fsctp_reasm_ent *e)
{
	uint32_t i;

	if (!pd_blocked(r) || (i = ent_get(r)) == NIL) {
		deliver(r, e);
		return;
	}
	r->pool[i] = *e;
	r->pool[i].kind = ENT_HELD;
	r->pool[i].next = NIL;
	r->pool[i].prev = NIL;
	r->pool[i].other = NIL;
	if (r->held_tail == NIL)
		r->held_head = i;
	else
		r->pool[r->held_tail].next = i;
	r->held_tail = i;
	hold(r, e->len);
}

static void pd_head(struct fsctp_reasm *r, uint16_t sid);

/* Take waiting message i out of the table and the waiting list; its bytes
 * are no longer held. Returns a copy (data owned by the caller). */
static struct fsctp_reasm_ent
wait_take(struct fsctp_reasm *r, uint32_t i)
{
	struct fsctp_reasm_ent e = r->pool[i];

	h_remove(r, i);
	if (e.prev == NIL)
		r->wait_head = e.next;
	else
		r->pool[e.prev].next = e.next;
	if (e.next != NIL)
		r->pool[e.next].prev = e.prev;
	r->n_waiting[e.sid]--;
	ent_put(r, i);
	unhold(r, e.len);
	return e;
}

/* RFC 9260 6.6: deliver the complete ordered messages of a stream whose
 * SSNs now follow in sequence: one lookup per message. */
static void
drain_waiting(struct fsctp_reasm *r, uint16_t sid)
{
	while (r->n_waiting[sid] > 0 && !pd_blocked(r)) {
		uint32_t i = h_find(r, key_wait(sid, r->next_ssn[sid]));
		struct fsctp_reasm_ent e;

		if (i == NIL)
			break;
		e = wait_take(r, i);
		r->next_ssn[sid]++;
		deliver(r, &e);
	}
}

/* The loop apart: most calls find nothing waiting (messages in order). */
static inline void
drain_stream(struct fsctp_reasm *r, uint16_t sid)
{
	if (r->n_waiting[sid] > 0)
		drain_waiting(r, sid);
	/* The stream's next message may be under way: partial delivery. */
	pd_head(r, sid);
}

/*
 * A complete message (in e, data owned; queued_bytes: its bytes are held
 * already): deliver it or queue it for its SSN. Returns 0, -ENOSPC when a
 * queue descriptor was needed and none was free, -EINVAL for an SSN behind
 * the stream (the caller keeps its bytes then).
 */
static int
complete(struct fsctp_reasm *r, struct fsctp_reasm_ent *e, bool queued_bytes)
{
	uint16_t sid = e->sid;
	uint32_t ent;

	/* RFC 9260 6.6: unordered messages bypass the ordering queue (but
	 * not a partial delivery at level 0 or 1, RFC 6458 8.1.20). */
	if (e->flags & FSCTP_DATA_FLAG_U) {
		if (pd_blocked(r) && r->n_free == 0)
			return -ENOSPC;
		if (queued_bytes)
			unhold(r, e->len);
		release(r, e);
		return 0;
	}
	/* RFC 9260 6.5: in-order delivery per stream by SSN. */
	if (e->ssn == r->next_ssn[sid] && !pd_blocked(r)) {
		if (queued_bytes)
			unhold(r, e->len);
		r->next_ssn[sid]++;
		deliver(r, e);
		drain_stream(r, sid);
		return 0;
	}
	/* A second message with an SSN already waiting (a broken or
	 * corrupting peer) is queued too, as it always was: it is
	 * acknowledged, one of them is delivered and the other stays until
	 * the association ends. Refusing it would leave its TSN
	 * unacknowledged, to be retransmitted for ever. */
	if (fsctp_sn16_lt(e->ssn, r->next_ssn[sid]))
		return -EINVAL;
	ent = ent_get(r);
	if (ent == NIL)
		return -ENOSPC;
	r->pool[ent] = *e;
	r->pool[ent].kind = ENT_WAIT;
	r->pool[ent].other = NIL;
	r->pool[ent].prev = NIL;
	r->pool[ent].next = r->wait_head;
	if (r->wait_head != NIL)
		r->pool[r->wait_head].prev = ent;
	r->wait_head = ent;
	r->n_waiting[sid]++;
	h_insert(r, ent);
	if (!queued_bytes)
		hold(r, e->len);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Fragments (RFC 9260 6.9)                                                 */
/* ------------------------------------------------------------------------ */

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

/* Remove held fragment i (not its run bookkeeping) and free its data. */
static void
frag_drop(struct fsctp_reasm *r, uint32_t i)
{
	if (has_bkey(&r->pool[i]))
		h_remove(r, i | BKEY);
	h_remove(r, i);
	unhold(r, r->pool[i].len);
	fsctp_reasm_data_free(r, r->pool[i].data, r->pool[i].ref);
	ent_put(r, i);
}

/* Join the run [lo, hi] (a whole message: B at lo, E at hi) into one
 * buffer, free its fragments and hand the message on. */
static void
assemble(struct fsctp_reasm *r, uint32_t lo, uint32_t hi)
{
	uint32_t total = r->pool[lo].run_bytes, n = 0, t, i;
	uint32_t tlo = r->pool[lo].tsn, thi = r->pool[hi].tsn;
	struct fsctp_reasm_ent msg;
	uint8_t *buf;

	buf = fsctp_reasm_msg_buf(r, total);
	if (buf == NULL) {
		r->stats.n_drop_nomem++;
		return; /* stays held; retried at the next fragment */
	}
	msg = r->pool[lo];
	msg.last = thi;
	msg.flags = (uint8_t)(msg.flags | FSCTP_DATA_FLAG_E);
	msg.len = total;
	msg.data = buf;
	msg.ref = NULL;
	for (t = tlo;; t++) {
		i = h_find(r, key_frag(t));
		memcpy(buf + n, r->pool[i].data, r->pool[i].len);
		n += r->pool[i].len;
		frag_drop(r, i);
		if (t == thi)
			break;
	}
	/* The message is held as one chunk (one descriptor) until
	 * complete() delivers or queues it. */
	hold(r, total);
	if (complete(r, &msg, true) != 0) {
		/* An SSN behind the stream (the peer broke
		 * RFC 9260 6.5): discard the message. */
		r->stats.n_bad++;
		unhold(r, total);
		free(buf);
	}
}

/* ------------------------------------------------------------------------ */
/* Partial delivery (RFC 9260 6.9, RFC 6458 8.1.20, 8.1.21)                 */
/* ------------------------------------------------------------------------ */

static void pd_run(struct fsctp_reasm *r, uint32_t lo, uint32_t hi);

/* Everything held back by a partial delivery at level 0 or 1 may go now:
 * the held FIFO in arrival order, each stream's waiting messages in SSN
 * order, then a message that may start partial delivery itself.
 * O(streams + descriptors in use), once per partial delivery (which
 * carried at least pd_point bytes, or was given up). */
static void
unblock(struct fsctp_reasm *r)
{
	uint32_t i;

	while (r->held_head != NIL && !pd_blocked(r)) {
		struct fsctp_reasm_ent e;

		i = r->held_head;
		e = r->pool[i];
		r->held_head = e.next;
		if (r->held_head == NIL)
			r->held_tail = NIL;
		ent_put(r, i);
		unhold(r, e.len);
		deliver(r, &e);
	}
	/* The stream walk only when some ordered message waits. */
	for (i = 0;
	     r->wait_head != NIL && i < r->cfg.n_in_streams && !pd_blocked(r);
	     i++)
		if (r->n_waiting[i] > 0)
			drain_stream(r, (uint16_t)i);
	for (i = 0; i < r->n_used && !pd_blocked(r); i++)
		if (r->pool[i].kind == ENT_FRAG &&
		    (r->pool[i].flags & FSCTP_DATA_FLAG_B))
			pd_run(r, i, r->pool[i].other);
}

/* A partial delivery ended (its last piece delivered, or given up). */
static void
pd_end(struct fsctp_reasm *r, uint16_t sid, bool ordered_done)
{
	r->pd_busy--;
	if (ordered_done)
		r->next_ssn[sid]++;
	if (r->cfg.frag_interleave < 2)
		unblock(r);
	else if (ordered_done)
		drain_stream(r, sid);
}

/* The run [lo, hi] of a message that may be delivered now goes as one
 * piece: from its B fragment (start) or from what follows its stub lo.
 * Its fragments are freed; unless hi is the E fragment, a stub keyed by
 * hi's TSN stays so that the next fragment continues the message. */
static void
pd_piece(struct fsctp_reasm *r, uint32_t lo, uint32_t hi)
{
	struct fsctp_reasm_ent h = r->pool[lo];
	bool start = h.kind != ENT_PD;
	bool fin = (r->pool[hi].flags & FSCTP_DATA_FLAG_E) != 0;
	uint32_t t = start ? h.tsn : h.tsn + 1, thi = r->pool[hi].tsn;
	uint32_t total = h.run_bytes, n = 0, i;
	struct fsctp_reasm_msg m;
	uint8_t *buf;

	buf = fsctp_reasm_msg_buf(r, total);
	if (buf == NULL) {
		r->stats.n_drop_nomem++;
		return; /* stays held; retried at the next fragment */
	}
	if (!start)
		frag_drop(r, lo);
	for (;; t++) {
		i = h_find(r, key_frag(t));
		memcpy(buf + n, r->pool[i].data, r->pool[i].len);
		n += r->pool[i].len;
		frag_drop(r, i);
		if (t == thi)
			break;
	}
	memset(&m, 0, sizeof(m));
	m.sid = h.sid;
	m.ssn = h.ssn;
	m.mid = h.ssn;
	m.ppid = h.ppid;
	m.tsn = start ? h.tsn : h.first;
	m.unordered = (h.flags & FSCTP_DATA_FLAG_U) != 0;
	m.more = !fin;
	m.len = n;
	m.data = buf;
	if (!fin) {
		/* A descriptor was just freed: this cannot fail. */
		i = ent_get(r);
		r->pool[i].kind = ENT_PD;
		r->pool[i].tsn = thi;
		r->pool[i].last = thi;
		r->pool[i].first = m.tsn;
		r->pool[i].sid = h.sid;
		r->pool[i].ssn = h.ssn;
		r->pool[i].ppid = h.ppid;
		r->pool[i].flags = h.flags & FSCTP_DATA_FLAG_U;
		r->pool[i].other = i;
		h_insert(r, i);
		hold(r, 0); /* its descriptor still costs memory */
		r->stats.n_pd_pieces++;
	}
	if (start) {
		r->pd_busy++;
		r->stats.n_pd_started++;
	}
	fsctp_reasm_deliver_msg(r, &m);
	if (fin)
		pd_end(r, m.sid, !m.unordered);
}

/*
 * RFC 9260 6.9, RFC 6458 8.1.21: the run [lo, hi] (not a whole message)
 * is delivered as a piece when it continues a message under partial
 * delivery (at least pd_point bytes, or up to its E fragment), or when it
 * starts with a B fragment, holds at least pd_point bytes and its message
 * may be delivered now (unordered, or next on its stream) and no other
 * partial delivery holds the association (RFC 6458 8.1.20 levels 0, 1).
 */
static void
pd_run(struct fsctp_reasm *r, uint32_t lo, uint32_t hi)
{
	const struct fsctp_reasm_ent *e = &r->pool[lo];

	if (r->cfg.pd_point == 0 || e->run_bytes == 0)
		return;
	if (e->kind == ENT_PD) {
		if (e->run_bytes >= r->cfg.pd_point ||
		    (r->pool[hi].flags & FSCTP_DATA_FLAG_E))
			pd_piece(r, lo, hi);
		return;
	}
	if (e->kind != ENT_FRAG || !(e->flags & FSCTP_DATA_FLAG_B) ||
	    (r->pool[hi].flags & FSCTP_DATA_FLAG_E) ||
	    e->run_bytes < r->cfg.pd_point || pd_blocked(r) ||
	    (!(e->flags & FSCTP_DATA_FLAG_U) && e->ssn != r->next_ssn[e->sid]))
		return;
	pd_piece(r, lo, hi);
}

/* The next message of stream sid may be under way: start its partial
 * delivery when it qualifies. One lookup. */
static void
pd_head(struct fsctp_reasm *r, uint16_t sid)
{
	uint32_t v;

	if (r->cfg.pd_point == 0 || pd_blocked(r))
		return;
	v = h_find(r, key_bfrag(sid, r->next_ssn[sid]));
	if (v != NIL)
		pd_run(r, v & ~BKEY, r->pool[v & ~BKEY].other);
}

/* A partial delivery that can never complete (RFC 6458 6.1.7
 * SCTP_PARTIAL_DELIVERY_ABORTED): stub i is reported and freed. The
 * caller calls unblock() when this leaves the association free. */
static void
pd_abort_stub(struct fsctp_reasm *r, uint32_t i)
{
	const struct fsctp_reasm_ent *e = &r->pool[i];

	r->stats.n_pd_aborted++;
	if (r->cfg.pd_aborted != NULL)
		r->cfg.pd_aborted(r->cfg.ctx, e->sid,
				  (e->flags & FSCTP_DATA_FLAG_U) != 0, e->ssn,
				  e->ppid);
	r->pd_busy--;
	frag_drop(r, i);
}

/* Held fragment i was just inserted: merge it with the runs that end just
 * below and start just above it; a run from B to E is a message. */
static void
frag_link(struct fsctp_reasm *r, uint32_t i)
{
	struct fsctp_reasm_ent *e = &r->pool[i];
	uint32_t lo = i, hi = i, bytes = e->len, l, h;

	l = h_find(r, key_frag(e->tsn - 1));
	if (l != NIL && contiguous(&r->pool[l], e)) {
		lo = r->pool[l].other;
		bytes += r->pool[lo].run_bytes;
	}
	h = h_find(r, key_frag(e->tsn + 1));
	if (h != NIL && contiguous(e, &r->pool[h])) {
		bytes += r->pool[h].run_bytes;
		hi = r->pool[h].other;
	}
	r->pool[lo].other = hi;
	r->pool[hi].other = lo;
	r->pool[lo].run_bytes = bytes;
	if (r->pool[lo].kind == ENT_FRAG &&
	    (r->pool[lo].flags & FSCTP_DATA_FLAG_B) &&
	    (r->pool[hi].flags & FSCTP_DATA_FLAG_E))
		assemble(r, lo, hi);
	else
		pd_run(r, lo, hi);
}

enum fsctp_reasm_result
fsctp_reasm_add(struct fsctp_reasm *r, const struct fsctp_reasm_chunk *c,
		bool beyond_highest)
{
	struct fsctp_reasm_ent e;
	uint64_t mem;
	uint32_t ent;
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
	/* Memory policy (header comment): what the chunk really costs, its
	 * descriptor included; dropped, not acknowledged. */
	mem = (uint64_t)c->len + fsctp_reasm_chunk_overhead;
	if (r->held_mem + mem > r->cfg.limit) {
		r->stats.n_drop_assoc_limit++;
		return FSCTP_REASM_DROPPED;
	}
	if (r->global != NULL && r->global->held + mem > r->global->limit) {
		r->stats.n_drop_global_limit++;
		r->global->n_limit_hit++;
		return FSCTP_REASM_DROPPED;
	}
	memset(&e, 0, sizeof(e));
	e.tsn = c->tsn;
	e.sid = c->sid;
	e.ssn = (c->flags & FSCTP_DATA_FLAG_U) ? 0 : c->ssn;
	e.ppid = c->ppid;
	e.flags = c->flags &
		  (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E | FSCTP_DATA_FLAG_U);
	e.len = c->len;
	e.last = c->tsn;
	e.next = e.prev = e.other = NIL;

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
		buf = fsctp_reasm_keep(r, c->data, c->len, c->ref, true,
				       &e.ref);
		if (buf == NULL) {
			r->stats.n_drop_nomem++;
			return FSCTP_REASM_DROPPED;
		}
		e.data = buf;
		rc = complete(r, &e, false);
		if (rc != 0) { /* the pool could not grow */
			fsctp_reasm_data_free(r, buf, e.ref);
			r->stats.n_drop_pool++;
			return FSCTP_REASM_DROPPED;
		}
		return FSCTP_REASM_OK;
	}

	/* A fragment (RFC 9260 6.9): held by TSN, linked to its run. */
	if (h_find(r, key_frag(c->tsn)) != NIL) {
		r->stats.n_bad++;
		return FSCTP_REASM_BAD;
	}
	ent = ent_get(r);
	if (ent == NIL) {
		r->stats.n_drop_pool++;
		return FSCTP_REASM_DROPPED;
	}
	buf = fsctp_reasm_keep(r, c->data, c->len, c->ref, false, &e.ref);
	if (buf == NULL) {
		ent_put(r, ent);
		r->stats.n_drop_nomem++;
		return FSCTP_REASM_DROPPED;
	}
	e.data = buf;
	e.kind = ENT_FRAG;
	r->pool[ent] = e;
	h_insert(r, ent);
	if (has_bkey(&e))
		h_insert(r, ent | BKEY);
	hold(r, c->len);
	frag_link(r, ent);
	return FSCTP_REASM_OK;
}

/* ------------------------------------------------------------------------ */
/* FORWARD TSN (RFC 3758 3.6)                                               */
/* ------------------------------------------------------------------------ */

uint32_t
fsctp_reasm_forward(struct fsctp_reasm *r, uint32_t new_cum)
{
	uint32_t i, n = 0, aborted = 0;

	/* O(descriptors in use): FORWARD TSNs are rare. A run is cut at the
	 * new point; what lies above it keeps a consistent run. */
	for (i = 0; i < r->n_used; i++) {
		uint32_t lo, hi, t, k, bytes;

		if ((r->pool[i].kind != ENT_FRAG &&
		     r->pool[i].kind != ENT_PD) ||
		    fsctp_sn32_gt(r->pool[i].tsn, new_cum))
			continue;
		/* Find the run of i: walk left to its left end. */
		lo = i;
		while ((k = h_find(r, key_frag(r->pool[lo].tsn - 1))) != NIL &&
		       contiguous(&r->pool[k], &r->pool[lo]))
			lo = k;
		hi = r->pool[lo].other;
		bytes = r->pool[lo].run_bytes;
		for (t = r->pool[lo].tsn;; t++) {
			bool last = t == r->pool[hi].tsn;

			if (fsctp_sn32_gt(t, new_cum)) {
				/* The rest of the run stays: t is its new
				 * left end. */
				k = h_find(r, key_frag(t));
				r->pool[k].other = hi;
				r->pool[hi].other = k;
				r->pool[k].run_bytes = bytes;
				break;
			}
			k = h_find(r, key_frag(t));
			bytes -= r->pool[k].len;
			if (r->pool[k].kind == ENT_PD) {
				/* RFC 3758 3.6 with RFC 6458 6.1.7: the
				 * rest of a message partly delivered was
				 * abandoned. */
				pd_abort_stub(r, k);
				aborted++;
			} else {
				frag_drop(r, k);
				n++;
			}
			if (last)
				break;
		}
	}
	r->stats.n_fwd_dropped += n;
	if (aborted > 0 && r->cfg.frag_interleave < 2)
		unblock(r);
	return n;
}

/* qsort order of waiting descriptors by SSN relative to a base. */
struct skip_sort {
	uint32_t idx;
	uint16_t rel;
};

static int
skip_cmp(const void *a, const void *b)
{
	const struct skip_sort *x = a, *y = b;

	return (int)x->rel - (int)y->rel;
}

int
fsctp_reasm_skip(struct fsctp_reasm *r, uint16_t sid, uint16_t ssn)
{
	uint16_t base, dist;

	if (sid >= r->cfg.n_in_streams) {
		r->stats.n_fwd_bad_stream++;
		return -EINVAL;
	}
	base = r->next_ssn[sid];
	/* An SSN behind the stream: nothing left to skip. */
	if (fsctp_sn16_lt(ssn, base))
		return 0;
	r->stats.n_fwd_skipped++;
	dist = (uint16_t)(ssn - base);
	/* Waiting messages up to ssn go first, lowest SSN first: by lookups
	 * when the distance is short, else by sorting the stream's waiting
	 * messages; either way bounded by what is held. */
	if (r->n_waiting[sid] > 0 && dist <= r->n_used) {
		uint32_t s;

		for (s = 0; s <= dist && r->n_waiting[sid] > 0; s++) {
			uint32_t i =
				h_find(r, key_wait(sid, (uint16_t)(base + s)));
			struct fsctp_reasm_ent e;

			if (i == NIL)
				continue;
			e = wait_take(r, i);
			r->next_ssn[sid] = (uint16_t)(e.ssn + 1);
			release(r, &e);
		}
	} else if (r->n_waiting[sid] > 0) {
		struct skip_sort *v = malloc(r->n_waiting[sid] * sizeof(*v));
		uint32_t i, m = 0, k;

		if (v == NULL) {
			r->stats.n_drop_nomem++;
			return -ENOMEM;
		}
		for (i = r->wait_head; i != NIL; i = r->pool[i].next)
			if (r->pool[i].sid == sid &&
			    (uint16_t)(r->pool[i].ssn - base) <= dist) {
				v[m].idx = i;
				v[m].rel = (uint16_t)(r->pool[i].ssn - base);
				m++;
			}
		qsort(v, m, sizeof(*v), skip_cmp);
		for (k = 0; k < m; k++) {
			struct fsctp_reasm_ent e = wait_take(r, v[k].idx);

			r->next_ssn[sid] = (uint16_t)(e.ssn + 1);
			release(r, &e);
		}
		free(v);
	}
	r->next_ssn[sid] = (uint16_t)(ssn + 1);
	drain_stream(r, sid);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Window full: drop the highest TSN held for a lower one (RFC 9260 6.2)    */
/* ------------------------------------------------------------------------ */

uint32_t
fsctp_reasm_evict_highest(struct fsctp_reasm *r, uint32_t tsn,
			  fsctp_reasm_evict_cb cb, void *ctx)
{
	uint32_t i, v = NIL, t, lo, k, n = 0;
	struct fsctp_reasm_ent e;

	for (i = 0; i < r->n_used; i++) {
		const struct fsctp_reasm_ent *x = &r->pool[i];

		/* Neither a stub of a partial delivery (its TSNs went to the
		 * application) nor a message held behind one. */
		if ((x->kind != ENT_FRAG && x->kind != ENT_WAIT) ||
		    !fsctp_sn32_gt(x->tsn, tsn))
			continue;
		if (v == NIL || fsctp_sn32_gt(x->last, r->pool[v].last))
			v = i;
	}
	if (v == NIL)
		return 0;
	r->stats.n_evicted++;
	if (r->pool[v].kind == ENT_WAIT) {
		e = wait_take(r, v);
		fsctp_reasm_data_free(r, e.data, e.ref);
		for (t = e.tsn;; t++) {
			if (cb != NULL)
				cb(ctx, t);
			n++;
			if (t == e.last)
				break;
		}
		return n;
	}
	/* The highest fragment held ends its run (nothing above it is
	 * held): the run loses its right end. */
	t = r->pool[v].tsn;
	k = h_find(r, key_frag(t - 1));
	if (k != NIL && contiguous(&r->pool[k], &r->pool[v])) {
		lo = r->pool[v].other;
		r->pool[lo].other = k;
		r->pool[k].other = lo;
		r->pool[lo].run_bytes -= r->pool[v].len;
	}
	frag_drop(r, v);
	if (cb != NULL)
		cb(ctx, t);
	return 1;
}

void
fsctp_reasm_pd_abort_all(struct fsctp_reasm *r)
{
	uint32_t i;

	/* RFC 6458 6.1.7: reported, not freed (fsctp_reasm_fini() does). */
	for (i = 0; i < r->n_used; i++) {
		const struct fsctp_reasm_ent *e = &r->pool[i];

		if (e->kind != ENT_PD)
			continue;
		r->stats.n_pd_aborted++;
		if (r->cfg.pd_aborted != NULL)
			r->cfg.pd_aborted(r->cfg.ctx, e->sid,
					  (e->flags & FSCTP_DATA_FLAG_U) != 0,
					  e->ssn, e->ppid);
	}
	fsctp_reasm_idata_pd_abort_all(r);
}

/* ------------------------------------------------------------------------ */
/* Stream reconfiguration (RFC 6525)                                        */
/* ------------------------------------------------------------------------ */

int
fsctp_reasm_reset_ssn(struct fsctp_reasm *r, const uint16_t *sids, uint16_t n)
{
	uint32_t i, cnt = n ? n : r->cfg.n_in_streams;

	for (i = 0; i < n; i++)
		if (sids[i] >= r->cfg.n_in_streams)
			return -EINVAL;
	for (i = 0; i < cnt; i++) {
		uint16_t sid = n ? sids[i] : (uint16_t)i;

		r->next_ssn[sid] = 0;
		drain_stream(r, sid);
		fsctp_reasm_idata_reset(r, sid);
	}
	/* A reset stream's message partly delivered can no more complete:
	 * its sequence numbers (or TSNs) restart (RFC 6525 5.2.2, 5.2.4;
	 * RFC 6458 6.1.7). O(descriptors in use), only while one is. */
	if (r->pd_busy > 0) {
		uint32_t k, j, ab = 0;

		for (k = 0; k < r->n_used; k++) {
			if (r->pool[k].kind != ENT_PD)
				continue;
			for (j = 0; j < n && sids[j] != r->pool[k].sid; j++)
				;
			if (n == 0 || j < n) {
				pd_abort_stub(r, k);
				ab++;
			}
		}
		if (ab > 0 && r->cfg.frag_interleave < 2)
			unblock(r);
	}
	return 0;
}

int
fsctp_reasm_add_streams(struct fsctp_reasm *r, uint16_t n)
{
	uint32_t total = (uint32_t)r->cfg.n_in_streams + n;
	uint16_t *ssn, *wait;

	if (total > UINT16_MAX)
		return -EINVAL;
	if (fsctp_reasm_idata_grow(r, (uint16_t)total) != 0)
		return -ENOMEM;
	ssn = realloc(r->next_ssn, total * sizeof(*ssn));
	if (ssn == NULL)
		return -ENOMEM;
	r->next_ssn = ssn;
	wait = realloc(r->n_waiting, total * sizeof(*wait));
	if (wait == NULL)
		return -ENOMEM; /* next_ssn is larger than needed: harmless */
	r->n_waiting = wait;
	memset(ssn + r->cfg.n_in_streams, 0, n * sizeof(*ssn));
	memset(wait + r->cfg.n_in_streams, 0, n * sizeof(*wait));
	r->cfg.n_in_streams = (uint16_t)total;
	return 0;
}
