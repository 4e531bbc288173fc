/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * I-DATA reassembly (RFC 8260 2.1, 2.3.2). A message is identified by
 * (stream, U, MID), not by consecutive TSNs, so fragments of many messages
 * of one stream (unordered) and of many streams may arrive interleaved.
 * Each message in progress is one record in a chained hash table keyed
 * with the association's secret; its fragments sit in a table indexed by
 * FSN that doubles as fragments arrive, so inserting a fragment is O(1)
 * expected and joining a message is one walk over its own fragments.
 * Complete ordered messages wait in the same table (done) for their MID.
 * Window, memory limits and counters are those of struct fsctp_reasm.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_reasm_int.h"
#include "fsctp_serial.h"
#include "fsctp_wire.h"

#define NO_FSN	       UINT32_MAX
#define BUCKETS_START  16u
#define FRAGS_START    4u
#define FRAG_SLOT_COST ((uint32_t)sizeof(struct ifrag))

struct ifrag {
	uint8_t *data; /* NULL: not received */
	uint32_t len;
	void *ref; /* the packet data lies in (zero copy), or NULL */
};

struct imsg {
	struct imsg *hnext;	  /* hash chain */
	struct imsg *prev, *next; /* every message, for I-FORWARD-TSN */
	uint16_t sid;
	bool unordered;
	bool done; /* complete, waiting for its MID (ordered) */
	uint32_t mid;
	uint32_t ppid;	   /* from the B fragment */
	uint32_t tsn;	   /* TSN of the B fragment */
	uint32_t last_fsn; /* FSN of the E fragment, NO_FSN before */
	uint32_t max_fsn;  /* highest FSN received */
	uint32_t n_have;   /* fragments received */
	uint32_t cap;	   /* slots in frag */
	uint32_t bytes;	   /* payload held */
	/* Partial delivery (RFC 6458 8.1.21): fragments below pd_fsn were
	 * delivered (and freed); [pd_fsn, run_end) are here, run_bytes
	 * long. */
	uint32_t pd_fsn;
	uint32_t run_end;
	uint32_t run_bytes;
	bool pd; /* a piece of it was delivered */
	/* done, ordered, skipped to by an I-FORWARD-TSN while a partial
	 * delivery held the association (RFC 6458 8.1.20): goes with the
	 * held unordered messages. */
	bool held;
	struct ifrag *frag;
	uint8_t *data; /* done: the joined message */
	void *ref;     /* done: the packet data lies in, or NULL */
};

struct fsctp_reasm_idata {
	struct imsg **bucket;
	uint32_t bmask;
	uint32_t n_msgs;
	uint32_t n_frags; /* fragments held, at most cfg.max_chunks */
	struct imsg *all;
	uint32_t *next_mid;  /* per stream: next ordered MID to deliver */
	uint32_t *n_waiting; /* per stream: done ordered messages */
};

static uint32_t
bucket_of(const struct fsctp_reasm *r, const struct fsctp_reasm_idata *x,
	  uint16_t sid, bool u, uint32_t mid)
{
	uint64_t k = (uint64_t)sid << 33 | (uint64_t)u << 32 | mid;
	uint64_t h = (k ^ r->cfg.hash_key) * 0x9e3779b97f4a7c15ull;

	h ^= h >> 29;
	h *= (r->cfg.hash_key >> 1) | 1;
	h ^= h >> 32;
	return (uint32_t)h & x->bmask;
}

static struct imsg *
find(struct fsctp_reasm *r, uint16_t sid, bool u, uint32_t mid)
{
	struct fsctp_reasm_idata *x = r->idata;
	struct imsg *m;

	for (m = x->bucket[bucket_of(r, x, sid, u, mid)]; m != NULL;
	     m = m->hnext) {
		r->stats.n_steps++;
		if (m->sid == sid && m->unordered == u && m->mid == mid)
			return m;
	}
	return NULL;
}

static int
rehash(struct fsctp_reasm *r, uint32_t n)
{
	struct fsctp_reasm_idata *x = r->idata;
	struct imsg **b = calloc(n, sizeof(*b)), *m;

	if (b == NULL)
		return -ENOMEM;
	free(x->bucket);
	x->bucket = b;
	x->bmask = n - 1;
	for (m = x->all; m != NULL; m = m->next) {
		uint32_t s = bucket_of(r, x, m->sid, m->unordered, m->mid);

		m->hnext = b[s];
		b[s] = m;
	}
	return 0;
}

static struct fsctp_reasm_idata *
state(struct fsctp_reasm *r)
{
	struct fsctp_reasm_idata *x;
	uint16_t n = r->cfg.n_in_streams;

	if (r->idata != NULL)
		return r->idata;
	x = calloc(1, sizeof(*x));
	if (x == NULL)
		return NULL;
	x->next_mid = calloc(n, sizeof(*x->next_mid));
	x->n_waiting = calloc(n, sizeof(*x->n_waiting));
	x->bucket = calloc(BUCKETS_START, sizeof(*x->bucket));
	if (x->next_mid == NULL || x->n_waiting == NULL || x->bucket == NULL) {
		free(x->next_mid);
		free(x->n_waiting);
		free(x->bucket);
		free(x);
		return NULL;
	}
	x->bmask = BUCKETS_START - 1;
	r->idata = x;
	return x;
}

/* Take m out of the hash table and the list of messages. */
static void
unlink_msg(struct fsctp_reasm *r, struct imsg *m)
{
	struct fsctp_reasm_idata *x = r->idata;
	struct imsg **pp =
		&x->bucket[bucket_of(r, x, m->sid, m->unordered, m->mid)];

	while (*pp != m)
		pp = &(*pp)->hnext;
	*pp = m->hnext;
	if (m->prev != NULL)
		m->prev->next = m->next;
	else
		x->all = m->next;
	if (m->next != NULL)
		m->next->prev = m->prev;
	x->n_msgs--;
}

/* Unlink m and free it with what it holds (its bytes no longer held). */
static void
msg_free(struct fsctp_reasm *r, struct imsg *m, bool free_data)
{
	struct fsctp_reasm_idata *x = r->idata;
	uint32_t i;

	unlink_msg(r, m);
	if (m->done) {
		fsctp_reasm_unhold(r, m->bytes);
		x->n_waiting[m->sid]--;
		if (free_data)
			fsctp_reasm_data_free(r, m->data, m->ref);
	} else {
		for (i = 0; i < m->cap && m->n_have > 0; i++) {
			if (m->frag[i].data == NULL)
				continue;
			fsctp_reasm_unhold(r, m->frag[i].len);
			fsctp_reasm_data_free(r, m->frag[i].data,
					      m->frag[i].ref);
			m->n_have--;
			x->n_frags--;
		}
		fsctp_reasm_charge(r, -(int64_t)m->cap * FRAG_SLOT_COST);
		free(m->frag);
	}
	free(m);
}

void
fsctp_reasm_idata_fini(struct fsctp_reasm *r)
{
	struct fsctp_reasm_idata *x = r->idata;

	if (x == NULL)
		return;
	while (x->all != NULL)
		msg_free(r, x->all, true);
	free(x->bucket);
	free(x->next_mid);
	free(x->n_waiting);
	free(x);
	r->idata = NULL;
}

static void
deliver(struct fsctp_reasm *r, uint16_t sid, bool u, uint32_t mid,
	uint32_t ppid, uint32_t tsn, uint8_t *data, void *ref, uint32_t len,
	bool more)
{
	struct fsctp_reasm_msg m;

	memset(&m, 0, sizeof(m));
	m.more = more;
	m.sid = sid;
	m.ssn = (uint16_t)mid;
	m.mid = mid;
	m.ppid = ppid;
	m.tsn = tsn;
	m.unordered = u;
	m.len = len;
	m.data = data;
	m.ref = ref;
	fsctp_reasm_deliver_msg(r, &m);
}

/* RFC 9260 6.6 with MIDs: deliver the stream's done messages that now
 * follow in sequence, one lookup each. */
static void
drain(struct fsctp_reasm *r, uint16_t sid)
{
	struct fsctp_reasm_idata *x = r->idata;

	while (x->n_waiting[sid] > 0 && !fsctp_reasm_pd_blocked(r)) {
		struct imsg *m = find(r, sid, false, x->next_mid[sid]);
		struct imsg c;

		if (m == NULL || !m->done)
			return;
		c = *m;
		msg_free(r, m, false);
		x->next_mid[sid]++;
		deliver(r, c.sid, false, c.mid, c.ppid, c.tsn, c.data, c.ref,
			c.bytes, false);
	}
}

static void iunblock(struct fsctp_reasm *r);
static void pd_abort(struct fsctp_reasm *r, const struct imsg *m);

void
fsctp_reasm_idata_reset(struct fsctp_reasm *r, uint16_t sid)
{
	if (r->idata == NULL || sid >= r->cfg.n_in_streams)
		return;
	struct imsg *m, *nx;
	bool ab = false;

	/* A message of the stream partly delivered can no more complete
	 * (RFC 6458 6.1.7). */
	for (m = r->idata->all; r->pd_busy > 0 && m != NULL; m = nx) {
		nx = m->next;
		if (m->sid == sid && m->pd && !m->done) {
			pd_abort(r, m);
			msg_free(r, m, true);
			ab = true;
		}
	}
	/* RFC 6525 5.2.2 with RFC 8260 2.3: the stream's ordered MIDs
	 * restart at 0. */
	r->idata->next_mid[sid] = 0;
	if (ab && r->cfg.frag_interleave < 2)
		iunblock(r);
	drain(r, sid);
}

int
fsctp_reasm_idata_grow(struct fsctp_reasm *r, uint16_t n_new)
{
	struct fsctp_reasm_idata *x = r->idata;
	uint16_t old = r->cfg.n_in_streams;
	uint32_t *a;

	if (x == NULL || n_new <= old)
		return 0;
	a = realloc(x->next_mid, n_new * sizeof(*a));
	if (a == NULL)
		return -ENOMEM;
	memset(a + old, 0, (n_new - old) * sizeof(*a));
	x->next_mid = a;
	a = realloc(x->n_waiting, n_new * sizeof(*a));
	if (a == NULL)
		return -ENOMEM; /* next_mid is larger than needed: harmless */
	memset(a + old, 0, (n_new - old) * sizeof(*a));
	x->n_waiting = a;
	return 0;
}

/* The stream's head message in progress may now be partly delivered. */
static void pd_check(struct fsctp_reasm *r, struct imsg *m);

static void
head_pd_check(struct fsctp_reasm *r, uint16_t sid)
{
	struct imsg *m;

	if (r->cfg.pd_point == 0)
		return;
	m = find(r, sid, false, r->idata->next_mid[sid]);
	if (m != NULL && !m->done)
		pd_check(r, m);
}

/*
 * RFC 6458 8.1.20 levels 0 and 1: a partial delivery ended; what it held
 * back goes now: complete unordered messages in arrival order, then each
 * stream's ordered ones in MID order, then a message that may start
 * partial delivery itself. O(messages in progress + streams), once per
 * partial delivery.
 */
static void
iunblock(struct fsctp_reasm *r)
{
	struct fsctp_reasm_idata *x = r->idata;
	struct imsg *m, *pv;
	uint32_t s;

	if (x->n_msgs == 0)
		return; /* nothing held back */
	for (m = x->all; m != NULL && m->next != NULL; m = m->next)
		;
	for (; m != NULL && !fsctp_reasm_pd_blocked(r); m = pv) {
		struct imsg c;

		pv = m->prev;
		if (!m->done || !(m->unordered || m->held))
			continue;
		c = *m;
		msg_free(r, m, false);
		deliver(r, c.sid, c.unordered, c.mid, c.ppid, c.tsn, c.data,
			c.ref, c.bytes, false);
	}
	for (s = 0; s < r->cfg.n_in_streams && !fsctp_reasm_pd_blocked(r); s++)
		if (x->n_waiting[s] > 0)
			drain(r, (uint16_t)s);
	for (m = x->all; m != NULL && !fsctp_reasm_pd_blocked(r); m = m->next)
		if (!m->done)
			pd_check(r, m);
}

/* All fragments of m are here: join them; deliver it or let it wait. */
static int
join(struct fsctp_reasm *r, struct imsg *m)
{
	struct fsctp_reasm_idata *x = r->idata;
	/* A message of one fragment is kept as it is (in place, when it
	 * came by reference: zero copy). */
	bool one = m->pd_fsn == 0 && m->last_fsn == 0 && m->frag[0].ref;
	uint8_t *buf = one ? m->frag[0].data : fsctp_reasm_msg_buf(r, m->bytes);
	bool was_pd = m->pd;
	uint32_t i, off = 0;

	if (buf == NULL)
		return -ENOMEM;
	m->ref = one ? m->frag[0].ref : NULL;
	/* Its last piece ends the partial delivery: it is not held back by
	 * itself. */
	if (was_pd)
		r->pd_busy--;
	for (i = m->pd_fsn; i <= m->last_fsn; i++) {
		if (!one) {
			memcpy(buf + off, m->frag[i].data, m->frag[i].len);
			fsctp_reasm_data_free(r, m->frag[i].data,
					      m->frag[i].ref);
		}
		off += m->frag[i].len;
		fsctp_reasm_unhold(r, m->frag[i].len);
		x->n_frags--;
	}
	fsctp_reasm_charge(r, -(int64_t)m->cap * FRAG_SLOT_COST);
	free(m->frag);
	m->frag = NULL;
	m->cap = 0;
	m->n_have = 0;
	m->data = buf;
	/* RFC 8260 2.1 (as RFC 9260 6.6): unordered messages go at once
	 * (unless a partial delivery holds the association, RFC 6458
	 * 8.1.20); ordered ones in MID order per stream. */
	if (m->unordered && !fsctp_reasm_pd_blocked(r)) {
		struct imsg c = *m;

		unlink_msg(r, m);
		free(m);
		deliver(r, c.sid, true, c.mid, c.ppid, c.tsn, c.data, c.ref,
			c.bytes, false);
	} else {
		/* Held as one message until its turn. */
		uint16_t sid = m->sid; /* drain() frees m */

		fsctp_reasm_hold(r, m->bytes);
		m->done = true;
		x->n_waiting[sid]++;
		if (!m->unordered && m->mid == x->next_mid[sid]) {
			drain(r, sid);
			head_pd_check(r, sid);
		}
	}
	if (was_pd && r->cfg.frag_interleave < 2)
		iunblock(r);
	return 0;
}

/*
 * RFC 6458 8.1.21: a message in progress that may be delivered now (an
 * unordered one, or the ordered one whose MID is next on its stream) and
 * holds at least pd_point contiguous bytes past what was delivered hands
 * them over as a piece (more = true); its memory is free again at once,
 * so a message larger than the reassembly limits can still pass.
 */
static void
pd_check(struct fsctp_reasm *r, struct imsg *m)
{
	struct fsctp_reasm_idata *x = r->idata;
	uint8_t *buf;
	uint32_t i, off = 0;

	if (r->cfg.pd_point == 0 || m->done || m->run_bytes == 0 ||
	    m->run_bytes < r->cfg.pd_point ||
	    (!m->pd && fsctp_reasm_pd_blocked(r)) ||
	    (!m->unordered && m->mid != x->next_mid[m->sid]))
		return;
	buf = fsctp_reasm_msg_buf(r, m->run_bytes);
	if (buf == NULL) {
		r->stats.n_drop_nomem++;
		return;
	}
	for (i = m->pd_fsn; i < m->run_end; i++) {
		memcpy(buf + off, m->frag[i].data, m->frag[i].len);
		off += m->frag[i].len;
		fsctp_reasm_data_free(r, m->frag[i].data, m->frag[i].ref);
		m->frag[i].data = NULL;
		fsctp_reasm_unhold(r, m->frag[i].len);
		x->n_frags--;
	}
	m->bytes -= off;
	m->pd_fsn = m->run_end;
	m->run_bytes = 0;
	if (!m->pd) {
		r->stats.n_pd_started++;
		r->pd_busy++;
	}
	m->pd = true;
	r->stats.n_pd_pieces++;
	deliver(r, m->sid, m->unordered, m->mid, m->ppid, m->tsn, buf, NULL,
		off, true);
}

static int
frags_grow(struct fsctp_reasm *r, struct imsg *m, uint32_t fsn)
{
	uint32_t cap = m->cap ? m->cap : FRAGS_START;
	struct ifrag *f;

	while (cap <= fsn)
		cap *= 2;
	if (cap > r->cfg.max_chunks)
		cap = r->cfg.max_chunks;
	f = realloc(m->frag, (size_t)cap * sizeof(*f));
	if (f == NULL)
		return -ENOMEM;
	memset(f + m->cap, 0, (size_t)(cap - m->cap) * sizeof(*f));
	fsctp_reasm_charge(r, (int64_t)(cap - m->cap) * FRAG_SLOT_COST);
	m->frag = f;
	m->cap = cap;
	return 0;
}

/* A whole message (B and E) that may go at once (unordered, or the
 * stream's next MID, with no partial delivery holding the association):
 * delivered without a message in progress (no allocation; in place with
 * a packet reference), then what follows it on its stream. */
static enum fsctp_reasm_result
deliver_now(struct fsctp_reasm *r, struct fsctp_reasm_idata *x,
	    const struct fsctp_reasm_ichunk *c, bool beyond_highest)
{
	bool u = (c->flags & FSCTP_DATA_FLAG_U) != 0;
	enum fsctp_reasm_result res;
	uint8_t *buf;
	void *ref;

	res = fsctp_reasm_admit(r, c->len, 0, beyond_highest);
	if (res != FSCTP_REASM_OK)
		return res;
	buf = fsctp_reasm_keep(r, c->data, c->len, c->ref, true, &ref);
	if (buf == NULL) {
		r->stats.n_drop_nomem++;
		return FSCTP_REASM_DROPPED;
	}
	if (!u)
		x->next_mid[c->sid]++;
	deliver(r, c->sid, u, c->mid, c->ppid, c->tsn, buf, ref, c->len, false);
	if (!u) {
		drain(r, c->sid);
		head_pd_check(r, c->sid);
	}
	return FSCTP_REASM_OK;
}

enum fsctp_reasm_result
fsctp_reasm_iadd(struct fsctp_reasm *r, const struct fsctp_reasm_ichunk *c,
		 bool beyond_highest)
{
	struct fsctp_reasm_idata *x;
	bool u = (c->flags & FSCTP_DATA_FLAG_U) != 0;
	bool b = (c->flags & FSCTP_DATA_FLAG_B) != 0;
	bool e = (c->flags & FSCTP_DATA_FLAG_E) != 0;
	uint32_t fsn = b ? 0 : c->fsn;
	enum fsctp_reasm_result res;
	struct imsg *m;
	uint64_t extra = 0;
	uint8_t *buf;

	/* RFC 8260 2.1 / RFC 9260 6.2: no user data: ABORT. */
	if (c->len == 0)
		return FSCTP_REASM_NO_USER_DATA;
	if (c->sid >= r->cfg.n_in_streams) {
		r->stats.n_invalid_stream++;
		return FSCTP_REASM_INVALID_STREAM;
	}
	x = state(r);
	if (x == NULL) {
		r->stats.n_drop_nomem++;
		return FSCTP_REASM_DROPPED;
	}
	/* An ordered MID behind the stream was delivered or skipped. A
	 * message has at most max_chunks fragments. RFC 8260 2.1: FSN 0 is
	 * the B fragment's (which carries the PPID in its place). */
	if ((!u && fsctp_sn32_lt(c->mid, x->next_mid[c->sid])) ||
	    fsn >= r->cfg.max_chunks || (!b && fsn == 0)) {
		r->stats.n_bad++;
		return FSCTP_REASM_BAD;
	}
	m = find(r, c->sid, u, c->mid);
	if (m != NULL && (m->done || fsn < m->pd_fsn ||
			  (fsn < m->cap && m->frag[fsn].data != NULL) ||
			  (m->last_fsn != NO_FSN && (fsn > m->last_fsn || e)) ||
			  (e && fsn < m->max_fsn))) {
		/* A duplicate FSN, a second E, an FSN past the E. */
		r->stats.n_bad++;
		return FSCTP_REASM_BAD;
	}
	if (m == NULL && b && e && !fsctp_reasm_pd_blocked(r) &&
	    (u || c->mid == x->next_mid[c->sid]))
		return deliver_now(r, x, c, beyond_highest);
	if (m == NULL || fsn >= m->cap)
		extra = (uint64_t)(fsn + 1) * 2 * FRAG_SLOT_COST;
	if (m == NULL)
		extra += sizeof(*m);
	res = fsctp_reasm_admit(r, c->len, extra, beyond_highest);
	if (res != FSCTP_REASM_OK)
		return res;
	if (x->n_frags >= r->cfg.max_chunks) {
		r->stats.n_drop_pool++;
		return FSCTP_REASM_DROPPED;
	}
	if (m == NULL) {
		uint32_t s;

		if (x->n_msgs >= 2 * (x->bmask + 1) &&
		    rehash(r, 2 * (x->bmask + 1)) != 0) {
			r->stats.n_drop_nomem++;
			return FSCTP_REASM_DROPPED;
		}
		m = calloc(1, sizeof(*m));
		if (m == NULL) {
			r->stats.n_drop_nomem++;
			return FSCTP_REASM_DROPPED;
		}
		m->sid = c->sid;
		m->unordered = u;
		m->mid = c->mid;
		m->last_fsn = NO_FSN;
		s = bucket_of(r, x, m->sid, u, m->mid);
		m->hnext = x->bucket[s];
		x->bucket[s] = m;
		m->next = x->all;
		if (x->all != NULL)
			x->all->prev = m;
		x->all = m;
		x->n_msgs++;
	}
	if (fsn >= m->cap && frags_grow(r, m, fsn) != 0) {
		r->stats.n_drop_nomem++;
		if (m->n_have == 0)
			msg_free(r, m, true);
		return FSCTP_REASM_DROPPED;
	}
	buf = fsctp_reasm_keep(r, c->data, c->len, c->ref, false,
			       &m->frag[fsn].ref);
	if (buf == NULL) {
		r->stats.n_drop_nomem++;
		if (m->n_have == 0)
			msg_free(r, m, true);
		return FSCTP_REASM_DROPPED;
	}
	m->frag[fsn].data = buf;
	m->frag[fsn].len = c->len;
	m->n_have++;
	m->bytes += c->len;
	x->n_frags++;
	fsctp_reasm_hold(r, c->len);
	if (fsn > m->max_fsn)
		m->max_fsn = fsn;
	if (b) {
		/* RFC 8260 2.1: the PPID rides in the first fragment. */
		m->ppid = c->ppid;
		m->tsn = c->tsn;
	}
	if (e)
		m->last_fsn = fsn;
	while (m->run_end < m->cap && m->frag[m->run_end].data != NULL) {
		m->run_bytes += m->frag[m->run_end].len;
		m->run_end++;
	}
	if (m->last_fsn != NO_FSN && m->n_have == m->last_fsn + 1) {
		if (join(r, m) != 0) /* kept; the next chunk retries */
			r->stats.n_drop_nomem++;
	} else {
		pd_check(r, m);
	}
	return FSCTP_REASM_OK;
}

/* A message partly delivered will never be finished: say so (RFC 6458
 * 6.1.7 SCTP_PARTIAL_DELIVERY_EVENT, SCTP_PARTIAL_DELIVERY_ABORTED). */
static void
pd_abort(struct fsctp_reasm *r, const struct imsg *m)
{
	if (!m->pd)
		return;
	r->pd_busy--;
	r->stats.n_pd_aborted++;
	if (r->cfg.pd_aborted != NULL)
		r->cfg.pd_aborted(r->cfg.ctx, m->sid, m->unordered, m->mid,
				  m->ppid);
}

void
fsctp_reasm_idata_pd_abort_all(struct fsctp_reasm *r)
{
	struct fsctp_reasm_idata *x = r->idata;
	struct imsg *m;

	if (x == NULL)
		return;
	for (m = x->all; m != NULL; m = m->next)
		if (!m->done)
			pd_abort(r, m);
}

/* qsort order of done messages by MID relative to a base. */
struct isort {
	struct imsg *m;
	uint32_t rel;
};

static int
isort_cmp(const void *a, const void *b)
{
	const struct isort *p = a, *q = b;

	return p->rel < q->rel ? -1 : p->rel > q->rel;
}

int
fsctp_reasm_iskip(struct fsctp_reasm *r, uint16_t sid, bool unordered,
		  uint32_t mid)
{
	struct fsctp_reasm_idata *x;
	struct imsg *m, *nx;
	struct isort *v = NULL;
	uint32_t n = 0, k, base, dropped = 0;
	uint64_t aborted0 = r->stats.n_pd_aborted;

	if (sid >= r->cfg.n_in_streams) {
		r->stats.n_fwd_bad_stream++;
		return -EINVAL;
	}
	x = state(r);
	if (x == NULL) {
		r->stats.n_drop_nomem++;
		return -ENOMEM;
	}
	if (unordered) {
		/* RFC 8260 2.3.2: the listed unordered message is given up. */
		m = find(r, sid, true, mid);
		if (m != NULL && !m->done) {
			bool was_pd = m->pd;

			dropped = m->n_have - m->pd_fsn;
			pd_abort(r, m);
			msg_free(r, m, true);
			if (was_pd && r->cfg.frag_interleave < 2)
				iunblock(r);
		}
		r->stats.n_fwd_dropped += dropped;
		return (int)dropped;
	}
	base = x->next_mid[sid];
	if (fsctp_sn32_lt(mid, base))
		return 0;
	r->stats.n_fwd_skipped++;
	if (x->n_waiting[sid] > 0) {
		v = malloc(x->n_waiting[sid] * sizeof(*v));
		if (v == NULL) {
			r->stats.n_drop_nomem++;
			return -ENOMEM;
		}
	}
	/* Partial ordered messages up to mid are abandoned; complete ones
	 * are delivered first, in MID order (as RFC 3758 3.6 for SSNs). */
	for (m = x->all; m != NULL; m = nx) {
		nx = m->next;
		if (m->sid != sid || m->unordered || fsctp_sn32_gt(m->mid, mid))
			continue;
		if (m->done) {
			if (v != NULL && n < x->n_waiting[sid]) {
				v[n].m = m;
				v[n].rel = m->mid - base;
				n++;
			}
			continue;
		}
		dropped += m->n_have - m->pd_fsn;
		pd_abort(r, m);
		msg_free(r, m, true);
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), isort_cmp);
	for (k = 0; k < n; k++) {
		struct imsg c = *v[k].m;

		if (fsctp_reasm_pd_blocked(r)) {
			/* Held back, in MID order, behind what is held
			 * already (the newest end of the list). */
			m = v[k].m;
			m->held = true;
			if (m != x->all) {
				m->prev->next = m->next;
				if (m->next != NULL)
					m->next->prev = m->prev;
				m->prev = NULL;
				m->next = x->all;
				x->all->prev = m;
				x->all = m;
			}
			continue;
		}
		msg_free(r, v[k].m, false);
		x->next_mid[sid] = c.mid + 1;
		deliver(r, c.sid, false, c.mid, c.ppid, c.tsn, c.data, c.ref,
			c.bytes, false);
	}
	free(v);
	x->next_mid[sid] = mid + 1;
	if (r->stats.n_pd_aborted != aborted0 && r->cfg.frag_interleave < 2)
		iunblock(r);
	drain(r, sid);
	head_pd_check(r, sid);
	r->stats.n_fwd_dropped += dropped;
	return (int)dropped;
}
