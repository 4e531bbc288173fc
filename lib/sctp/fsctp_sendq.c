/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Send side of an association. Invariants:
 *  - the outstanding ring holds exactly the TSNs ack_point+1 .. next_tsn-1,
 *    chunk of TSN t at ring[t & ring_mask];
 *  - flight[p] is the sum of len over chunks in state SENT on path p;
 *  - a message is freed when it is wholly carved and no chunk refers to it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_sendq.h"
#include "fsctp_serial.h"

#define DEFAULT_OUTSTANDING 4096u
#define RING_INITIAL	    64u
#define DEFAULT_MAX_BURST   4u
/* RFC 9260 7.2.4: fast retransmit on the third miss indication. */
#define FAST_RTX_MISSES 3

enum chunk_state {
	CH_SENT = 0,	  /* in flight, not acknowledged */
	CH_GAP_ACKED = 1, /* acknowledged by a gap block */
	CH_RTX = 2,	  /* marked for retransmission, not in flight */
	CH_ABANDONED = 3, /* RFC 3758: abandoned, never sent again */
};

struct fsctp_sendq_msg {
	struct fsctp_sendq_msg *next; /* unsent FIFO (arrival order) */
	struct fsctp_sendq_msg *prev;
	struct fsctp_sendq_msg *snext; /* its stream's unsent queue */
	struct fsctp_sendq_msginfo info;
	uint16_t ssn;
	uint32_t mid;	  /* I-DATA: its Message Identifier */
	uint32_t n_frags; /* chunks carved: the next FSN */
	uint32_t len;
	uint32_t carved;
	uint32_t live;	    /* chunks in the ring referring to it */
	uint32_t first_tsn; /* TSN of its first chunk, once carved */
	uint64_t push_seq;  /* order of fsctp_sendq_push() calls */
	bool abandoned;	    /* RFC 3758: given up, reported */
	fsctp_time_t queued_at;
	fsctp_time_t expires; /* FSCTP_SENDQ_PR_TTL: abandon from then on */
	const uint8_t *buf;   /* its bytes: data[] or the caller's buffer */
	fsctp_sendq_release_fn release; /* caller's buffer: given back */
	void *release_arg;
	bool cached; /* a block of cfg.cache */
	uint8_t data[];
};

#define CACHE_BLOCK (sizeof(struct fsctp_sendq_msg) + FSCTP_SENDQ_CACHE_PAYLOAD)

void
fsctp_sendq_cache_init(struct fsctp_objcache *c, uint32_t max,
		       uint64_t *ctr_full)
{
	c->head = NULL;
	c->n = 0;
	c->max = max;
	c->size = CACHE_BLOCK;
	c->ctr_full = ctr_full;
}

struct fsctp_sendq_chunk {
	struct fsctp_sendq_msg *msg;
	uint32_t off;
	uint32_t len;
	uint32_t fsn; /* I-DATA: Fragment Sequence Number */
	uint8_t flags;
	uint8_t state;
	uint8_t path;
	uint8_t miss;
	uint8_t tx_count;
	bool fast_rtxed;
	uint32_t stamp;
	fsctp_time_t sent_at;
};

int
fsctp_sendq_init(struct fsctp_sendq *sq, const struct fsctp_sendq_config *cfg)
{
	uint32_t n;

	if (sq == NULL || cfg == NULL || cfg->n_out_streams == 0)
		return -EINVAL;
	n = cfg->max_outstanding ? cfg->max_outstanding : DEFAULT_OUTSTANDING;
	if ((n & (n - 1)) != 0 || n > (1u << 24))
		return -EINVAL;
	memset(sq, 0, sizeof(*sq));
	sq->cfg = *cfg;
	sq->cfg.max_outstanding = n;
	if (sq->cfg.max_msg_size == 0)
		sq->cfg.max_msg_size = FSCTP_SENDQ_DEFAULT_MAX_MSG;
	if (sq->cfg.max_burst == 0)
		sq->cfg.max_burst = DEFAULT_MAX_BURST;
	sq->out_ssn = calloc(cfg->n_out_streams, sizeof(*sq->out_ssn));
	/* No ring yet: the first message pushed makes it (ring_alloc()),
	 * small, and it doubles up to max_outstanding as the flight grows
	 * (ring_full()): an association that never sends holds none. */
	sq->ring = NULL;
	sq->pr_stream = calloc(cfg->n_out_streams, sizeof(*sq->pr_stream));
	sq->s_head = calloc(cfg->n_out_streams, sizeof(*sq->s_head));
	sq->s_tail = calloc(cfg->n_out_streams, sizeof(*sq->s_tail));
	if (sq->s_head == NULL || sq->s_tail == NULL ||
	    fsctp_sched_init(&sq->sched, cfg->n_out_streams) != 0) {
		free(sq->s_head);
		free(sq->s_tail);
		sq->s_head = NULL;
		sq->s_tail = NULL;
		free(sq->pr_stream);
		sq->pr_stream = NULL;
	}
	if (cfg->idata) {
		sq->out_mid = calloc(cfg->n_out_streams, sizeof(*sq->out_mid));
		sq->out_mid_u =
			calloc(cfg->n_out_streams, sizeof(*sq->out_mid_u));
	}
	if (sq->out_ssn == NULL || sq->pr_stream == NULL ||
	    (cfg->idata && (sq->out_mid == NULL || sq->out_mid_u == NULL))) {
		free(sq->out_mid);
		free(sq->out_mid_u);
		free(sq->out_ssn);
		free(sq->pr_stream);
		sq->out_mid = NULL;
		sq->out_mid_u = NULL;
		sq->out_ssn = NULL;
		sq->pr_stream = NULL;
		return -ENOMEM;
	}
	sq->ring_mask = 0;
	sq->ack_point = cfg->initial_tsn - 1;
	sq->next_tsn = cfg->initial_tsn;
	sq->adv_ack_point = sq->ack_point;
	sq->gap_hi = sq->ack_point;
	sq->peer_rwnd = cfg->peer_rwnd;
	sq->was_dry = true;
	return 0;
}

static inline struct fsctp_sendq_chunk *
chunk_at(struct fsctp_sendq *sq, uint32_t tsn)
{
	return &sq->ring[tsn & sq->ring_mask];
}

/* The ring of an association that had sent nothing: RING_INITIAL slots
 * (or max_outstanding when smaller). A failure is counted and the
 * message that needed it refused (-ENOBUFS), the queue unchanged.
 * @return 0 or -ENOBUFS. */
static __attribute__((noinline)) int
ring_alloc(struct fsctp_sendq *sq)
{
	uint32_t n = sq->cfg.max_outstanding < RING_INITIAL
			     ? sq->cfg.max_outstanding
			     : RING_INITIAL;

	sq->ring = calloc(n, sizeof(*sq->ring));
	if (sq->ring == NULL) {
		sq->stats.n_ring_nomem++;
		return -ENOBUFS;
	}
	sq->ring_mask = n - 1;
	sq->stats.n_ring_alloc++;
	return 0;
}

/* Every slot holds a TSN in flight: grow the ring (double it, each chunk
 * to its slot in the new one) while below max_outstanding. @return true
 * when no TSN can be given now. */
static __attribute__((noinline)) bool
ring_grow(struct fsctp_sendq *sq)
{
	uint32_t cap = sq->ring_mask + 1, t;
	struct fsctp_sendq_chunk *nr;

	if (sq->ring == NULL)
		return ring_alloc(sq) != 0;
	if (cap >= sq->cfg.max_outstanding)
		return true;
	nr = calloc((size_t)cap * 2, sizeof(*nr));
	if (nr == NULL)
		return true;
	for (t = sq->ack_point + 1; t != sq->next_tsn; t++)
		nr[t & (cap * 2 - 1)] = sq->ring[t & sq->ring_mask];
	free(sq->ring);
	sq->ring = nr;
	sq->ring_mask = cap * 2 - 1;
	sq->stats.n_ring_grown++;
	return false;
}

static inline bool
ring_full(struct fsctp_sendq *sq)
{
	return sq->next_tsn - sq->ack_point - 1 > sq->ring_mask &&
	       ring_grow(sq);
}

static void
msg_free(struct fsctp_sendq *sq, struct fsctp_sendq_msg *m)
{
	sq->buffered -= m->len;
	if (m->release != NULL)
		m->release(m->release_arg);
	if (m->cached)
		fsctp_objcache_put(sq->cfg.cache, m);
	else
		free(m);
}

/* A chunk leaves the ring (acknowledged or abandoned). */
static void
chunk_release(struct fsctp_sendq *sq, struct fsctp_sendq_chunk *c)
{
	struct fsctp_sendq_msg *m = c->msg;

	c->msg = NULL;
	if (--m->live == 0 && m->carved == m->len)
		msg_free(sq, m);
}

static void
flight_remove(struct fsctp_sendq *sq, struct fsctp_sendq_chunk *c)
{
	sq->flight[c->path] -= c->len;
	sq->n_inflight[c->path]--;
	sq->flight_total -= c->len;
}

static void
flight_add(struct fsctp_sendq *sq, struct fsctp_sendq_chunk *c)
{
	sq->flight[c->path] += c->len;
	sq->n_inflight[c->path]++;
	sq->flight_total += c->len;
}

void
fsctp_sendq_fini(struct fsctp_sendq *sq)
{
	/* out_ssn is there from fsctp_sendq_init() on; the ring only after
	 * the first push. */
	if (sq == NULL || sq->out_ssn == NULL)
		return;
	fsctp_sendq_abandon(sq, NULL, NULL);
	free(sq->ring);
	free(sq->out_ssn);
	free(sq->out_mid);
	free(sq->out_mid_u);
	free(sq->pr_stream);
	free(sq->s_head);
	free(sq->s_tail);
	fsctp_sched_fini(&sq->sched);
	sq->s_head = NULL;
	sq->s_tail = NULL;
	sq->out_mid = NULL;
	sq->out_mid_u = NULL;
	sq->ring = NULL;
	sq->out_ssn = NULL;
	sq->pr_stream = NULL;
}

bool
fsctp_sendq_is_dry(const struct fsctp_sendq *sq)
{
	return sq->unsent_head == NULL && sq->next_tsn == sq->ack_point + 1;
}

/* Remove m (not wholly carved) from the unsent FIFO and from its stream's
 * queue; a stream left empty leaves the scheduler. O(1) for the head of
 * its stream, else O(messages queued on the stream). */
static void
unsent_remove(struct fsctp_sendq *sq, struct fsctp_sendq_msg *m)
{
	uint16_t sid = m->info.sid;
	struct fsctp_sendq_msg *p = NULL, *i = sq->s_head[sid];

	while (i != NULL && i != m) {
		p = i;
		i = i->snext;
	}
	if (i == NULL)
		return;
	if (p == NULL)
		sq->s_head[sid] = m->snext;
	else
		p->snext = m->snext;
	if (sq->s_tail[sid] == m)
		sq->s_tail[sid] = p;
	m->snext = NULL;
	if (sq->s_head[sid] == NULL)
		fsctp_sched_deactivate(&sq->sched, sid);
	if (m->prev == NULL)
		sq->unsent_head = m->next;
	else
		m->prev->next = m->next;
	if (m->next == NULL)
		sq->unsent_tail = m->prev;
	else
		m->next->prev = m->prev;
	m->next = m->prev = NULL;
	if (sq->cur == m)
		sq->cur = NULL;
}

int
fsctp_sendq_set_sched(struct fsctp_sendq *sq, unsigned kind)
{
	if (sq == NULL)
		return -EINVAL;
	/* A DATA message under way is finished first whatever comes. */
	return fsctp_sched_set_kind(&sq->sched, kind);
}

/*
 * RFC 3758 3.5 A, RFC 7496 section 3: give up message m. Its chunks in the
 * ring leave the flight (or the retransmission marks) and are never sent
 * again; what was never carved leaves the unsent FIFO. Reported once.
 *
 * TSNs are given at carving here, not when a message is queued: the
 * uncarved rest of a partly sent message takes one more TSN, abandoned at
 * once and never sent. Without it, once the fragments sent were all
 * acknowledged, no FORWARD TSN could make the receiver drop them and skip
 * the message's SSN (RFC 3758 3.6). When the ring has no room for that TSN
 * nothing is abandoned (false; retried later).
 * m may be freed on return.
 */
static bool
msg_abandon(struct fsctp_sendq *sq, struct fsctp_sendq_msg *m)
{
	bool sent = m->carved > 0;
	uint8_t pol =
		m->info.pr_policy < FSCTP_SENDQ_PR_N ? m->info.pr_policy : 0;
	uint32_t t;

	if (m->abandoned)
		return true;
	if (sent && m->carved < m->len && ring_full(sq)) {
		sq->stats.n_ring_full++;
		return false;
	}
	m->abandoned = true;
	if (m->carved < m->len) {
		unsent_remove(sq, m);
		sq->unsent_bytes -= m->len - m->carved;
		if (sent) {
			/* The new TSN follows its chunks (the last carved,
			 * or interleaved with others under I-DATA). */
			struct fsctp_sendq_chunk *c =
				chunk_at(sq, sq->next_tsn);

			memset(c, 0, sizeof(*c));
			c->msg = m;
			c->off = m->carved;
			c->len = m->len - m->carved;
			c->fsn = m->n_frags++;
			c->flags = FSCTP_DATA_FLAG_E;
			if (m->info.unordered)
				c->flags |= FSCTP_DATA_FLAG_U;
			c->state = CH_ABANDONED;
			m->live++;
			sq->next_tsn++;
			sq->stats.n_abandoned_tsns++;
		}
		m->carved = m->len;
	}
	if (sent) {
		t = fsctp_sn32_le(m->first_tsn, sq->ack_point)
			    ? sq->ack_point + 1
			    : m->first_tsn;
		for (; t != sq->next_tsn; t++) {
			struct fsctp_sendq_chunk *c = chunk_at(sq, t);

			/* With I-DATA, chunks of other messages may lie
			 * between its own (interleaving): walk past them. */
			if (c->msg != m) {
				if (sq->cfg.idata)
					continue;
				break;
			}
			if (c->state == CH_SENT)
				flight_remove(sq, c);
			else if (c->state == CH_RTX)
				sq->n_rtx--;
			c->state = CH_ABANDONED;
		}
	}
	if (sent) {
		sq->pr.abandoned_sent[pol]++;
		sq->pr_stream[m->info.sid].abandoned_sent++;
	} else {
		sq->pr.abandoned_unsent[pol]++;
		sq->pr_stream[m->info.sid].abandoned_unsent++;
	}
	if (sq->cfg.pr_failed != NULL)
		sq->cfg.pr_failed(sq->cfg.pr_ctx, &m->info, m->buf, m->len,
				  sent);
	if (m->live == 0)
		msg_free(sq, m);
	return true;
}

/* RFC 3758 3.5 A: the lifetime of a timed-reliability message passed. */
static bool
ttl_expired(const struct fsctp_sendq_msg *m, fsctp_time_t now)
{
	return m->info.pr_policy == FSCTP_SENDQ_PR_TTL && now >= m->expires;
}

/* RFC 7496 3.2: chunk c may not be retransmitted once more. */
static bool
rtx_exhausted(const struct fsctp_sendq_chunk *c)
{
	return c->msg->info.pr_policy == FSCTP_SENDQ_PR_RTX &&
	       c->tx_count > c->msg->info.pr_value;
}

/*
 * RFC 7496 3.3: room for a message of priority prio in a full buffer:
 * abandon queued PRIO messages of lower priority (higher value) that were
 * never sent, the lowest priority first, until len more bytes fit.
 */
static void
prio_make_room(struct fsctp_sendq *sq, uint32_t prio, uint32_t len)
{
	while (sq->buffered > 0 && sq->buffered + len > sq->cfg.sndbuf) {
		struct fsctp_sendq_msg *i, *worst = NULL;

		for (i = sq->unsent_head; i != NULL; i = i->next)
			if (i->info.pr_policy == FSCTP_SENDQ_PR_PRIO &&
			    i->carved == 0 && i->info.pr_value > prio &&
			    (worst == NULL ||
			     i->info.pr_value > worst->info.pr_value))
				worst = i;
		if (worst == NULL)
			return;
		msg_abandon(sq, worst);
	}
}

/* release NULL: the bytes are copied. */
static int
push_msg(struct fsctp_sendq *sq, const struct fsctp_sendq_msginfo *info,
	 const void *data, uint32_t len, fsctp_sendq_release_fn release,
	 void *release_arg, fsctp_time_t now)
{
	struct fsctp_sendq_msginfo mi;
	struct fsctp_sendq_msg *m;
	size_t need;
	bool cached;

	if (sq == NULL || info == NULL || (data == NULL && len > 0))
		return -EINVAL;
	/* RFC 9260 6.1 / 3.3.1: no DATA without user data. */
	if (len == 0 || info->sid >= sq->cfg.n_out_streams)
		return -EINVAL;
	if (len > sq->cfg.max_msg_size)
		return -EMSGSIZE;
	if (info->pr_policy >= FSCTP_SENDQ_PR_N)
		return -EINVAL;
	mi = *info;
	/* RFC 3758 timed reliability through the lifetime alone. */
	if (mi.pr_policy == FSCTP_SENDQ_PR_NONE && mi.lifetime_ms != 0) {
		mi.pr_policy = FSCTP_SENDQ_PR_TTL;
		mi.pr_value = mi.lifetime_ms;
	}
	/* RFC 7496 section 3: a peer without PR-SCTP gets every message
	 * reliably. */
	if (!sq->cfg.pr_enabled)
		mi.pr_policy = FSCTP_SENDQ_PR_NONE;
	if (mi.pr_policy == FSCTP_SENDQ_PR_PRIO)
		prio_make_room(sq, mi.pr_value, len);
	/* A message always fits an empty buffer, so a buffer smaller than
	 * max_msg_size can still carry any message. */
	if (sq->buffered > 0 && sq->buffered + len > sq->cfg.sndbuf) {
		sq->want_writable = true;
		sq->stats.n_eagain++;
		return -EAGAIN;
	}
	/* The caller's buffer is kept as it is; otherwise the one copy. */
	need = sizeof(*m) + (release != NULL ? 0 : len);
	cached = sq->cfg.cache != NULL && need <= CACHE_BLOCK;
	m = cached ? fsctp_objcache_get(sq->cfg.cache) : malloc(need);
	if (m == NULL)
		return -ENOMEM;
	m->cached = cached;
	if (release != NULL) {
		m->buf = data;
	} else {
		memcpy(m->data, data, len);
		m->buf = m->data;
	}
	m->release = release;
	m->release_arg = release_arg;
	m->next = NULL;
	m->info = mi;
	m->ssn = 0;
	m->mid = 0;
	m->n_frags = 0;
	m->len = len;
	m->carved = 0;
	m->live = 0;
	m->first_tsn = 0;
	m->abandoned = false;
	m->queued_at = now;
	m->push_seq = sq->push_seq++;
	m->expires = now + (fsctp_time_t)mi.pr_value * 1000;
	m->prev = sq->unsent_tail;
	m->snext = NULL;
	if (sq->unsent_tail != NULL)
		sq->unsent_tail->next = m;
	else
		sq->unsent_head = m;
	sq->unsent_tail = m;
	if (sq->s_tail[mi.sid] != NULL) {
		sq->s_tail[mi.sid]->snext = m;
	} else {
		sq->s_head[mi.sid] = m;
		fsctp_sched_activate(&sq->sched, mi.sid);
	}
	sq->s_tail[mi.sid] = m;
	sq->unsent_bytes += len;
	sq->buffered += len;
	sq->stats.n_msgs++;
	sq->was_dry = false;
	return 0;
}

int
fsctp_sendq_push(struct fsctp_sendq *sq, const struct fsctp_sendq_msginfo *info,
		 const void *data, uint32_t len, fsctp_time_t now)
{
	if (sq != NULL && sq->ring == NULL && sq->out_ssn != NULL &&
	    ring_alloc(sq) != 0)
		return -ENOBUFS;
	return push_msg(sq, info, data, len, NULL, NULL, now);
}

int
fsctp_sendq_push_zc(struct fsctp_sendq *sq,
		    const struct fsctp_sendq_msginfo *info, const void *data,
		    uint32_t len, fsctp_sendq_release_fn release,
		    void *release_arg, fsctp_time_t now)
{
	if (release == NULL)
		return -EINVAL;
	if (sq != NULL && sq->ring == NULL && sq->out_ssn != NULL &&
	    ring_alloc(sq) != 0)
		return -ENOBUFS;
	return push_msg(sq, info, data, len, release, release_arg, now);
}

static uint32_t
chunk_wire_len(const struct fsctp_sendq *sq, uint32_t len)
{
	/* RFC 8260 2.1: the I-DATA header is 4 bytes longer. */
	return (sq->cfg.idata ? FSCTP_IDATA_HDR_LEN : FSCTP_DATA_HDR_LEN) +
	       FSCTP_PAD4(len);
}

static void
fill_out(struct fsctp_sendq_chunk_out *o, const struct fsctp_sendq_chunk *c,
	 uint32_t tsn, bool rtx, bool idata)
{
	o->tsn = tsn;
	o->sid = c->msg->info.sid;
	o->ssn = c->msg->ssn;
	o->mid = c->msg->mid;
	o->fsn = c->fsn;
	o->idata = idata;
	o->ppid = c->msg->info.ppid;
	o->flags = c->flags;
	o->rtx = rtx;
	o->data = c->msg->buf + c->off;
	o->len = c->len;
}

/* Send one chunk on path at now: it is in flight again. */
static void
chunk_sent(struct fsctp_sendq *sq, struct fsctp_sendq_chunk *c, uint8_t path,
	   fsctp_time_t now)
{
	c->state = CH_SENT;
	c->path = path;
	c->miss = 0;
	c->sent_at = now;
	if (c->tx_count < UINT8_MAX)
		c->tx_count++;
	flight_add(sq, c);
	/* RFC 9260 6.2.1 C: every (re)transmission reduces the peer rwnd. */
	sq->peer_rwnd -= c->len < sq->peer_rwnd ? c->len : sq->peer_rwnd;
}

static uint32_t
pull_rtx(struct fsctp_sendq *sq, const struct fsctp_sendq_tx *tx,
	 struct fsctp_sendq_chunk_out *out, uint32_t max_out, uint32_t *used)
{
	uint32_t n = 0, t;

	/* RFC 9260 6.3.3 E3 / 7.2.4: the earliest marked chunks first. */
	for (t = sq->ack_point + 1; t != sq->next_tsn && sq->n_rtx > 0; t++) {
		struct fsctp_sendq_chunk *c = chunk_at(sq, t);
		uint32_t sz;

		if (c->state != CH_RTX)
			continue;
		/* RFC 3758 3.5 A, RFC 7496 3.2: no retransmission past the
		 * lifetime or the retransmission limit: abandon instead. */
		if (ttl_expired(c->msg, tx->now) || rtx_exhausted(c)) {
			msg_abandon(sq, c->msg);
			continue;
		}
		sz = chunk_wire_len(sq, c->len);
		if ((n > 0 || tx->bundled) && *used + sz > tx->room)
			break;
		if (n >= max_out)
			break;
		sq->n_rtx--;
		chunk_sent(sq, c, tx->path, tx->now);
		fill_out(&out[n++], c, t, true, sq->cfg.idata);
		*used += sz;
		sq->stats.n_rtx_sent++;
	}
	return n;
}

/*
 * The message the next new chunk comes from (the unsent FIFO is not
 * empty). FCFS (RFC 8260 3.1): arrival order, one message after the
 * other. Other schedulers: the head of the stream they pick, per chunk
 * with I-DATA (messages of different streams interleave, RFC 8260 3),
 * per message with DATA (a message started is finished first).
 */
static struct fsctp_sendq_msg *
next_msg(struct fsctp_sendq *sq, bool new_packet)
{
	int sid;

	if (sq->cur != NULL)
		return sq->cur;
	if (sq->sched.kind == FSCTP_SCHED_FCFS)
		return sq->unsent_head; /* what fsctp_sched_pick() says */
	sid = fsctp_sched_pick(&sq->sched, new_packet);
	if (sid < 0 || sq->s_head[sid] == NULL)
		return sq->unsent_head;
	return sq->s_head[sid];
}

bool
fsctp_sendq_nothing_to_send(struct fsctp_sendq *sq)
{
	if (sq->unsent_head != NULL || sq->n_rtx > 0)
		return false;
	/* As fsctp_sendq_next_packet() on its way to returning 0. */
	if (sq->flight_total == 0)
		sq->burst = 0;
	return true;
}

uint32_t
fsctp_sendq_next_packet(struct fsctp_sendq *sq, const struct fsctp_sendq_tx *tx,
			struct fsctp_sendq_chunk_out *out, uint32_t max_out)
{
	uint32_t n = 0, used = 0, n_new = 0;
	uint8_t path;

	if (sq == NULL || tx == NULL || out == NULL || max_out == 0 ||
	    tx->path >= FSCTP_SENDQ_MAX_PATHS || tx->max_frag == 0)
		return 0;
	path = tx->path;
	if (sq->flight_total == 0)
		sq->burst = 0;
	/* RFC 3758 3.5 A: a message whose lifetime passed before it was
	 * (wholly) sent is abandoned, not sent. */
	while (sq->unsent_head != NULL && ttl_expired(sq->unsent_head, tx->now))
		if (!msg_abandon(sq, sq->unsent_head))
			break;

	if (sq->n_rtx > 0) {
		/* RFC 9260 7.2.4 rule 2: the first packet of fast
		 * retransmissions goes regardless of cwnd; others obey it. */
		if (sq->fast_rtx_once || sq->flight[path] < tx->cwnd) {
			n = pull_rtx(sq, tx, out, max_out, &used);
			/* Kept when nothing fitted behind bundled chunks: the
			 * caller retries with an empty packet. */
			if (n > 0)
				sq->fast_rtx_once = false;
		} else {
			sq->stats.n_cwnd_limited++;
		}
		/* Retransmissions take precedence over new data. */
		if (sq->n_rtx > 0 || n == 0) {
			if (n > 0 || sq->n_rtx > 0 || sq->unsent_head == NULL)
				return n;
		}
	}
	if (sq->unsent_head == NULL)
		return n;
	/* RFC 9260 6.1 B: no new data while cwnd or more is in flight. */
	if (sq->flight[path] >= tx->cwnd) {
		if (n == 0)
			sq->stats.n_cwnd_limited++;
		return n;
	}
	/* RFC 9260 6.1 D: at most Max.Burst packets of new data per SACK. */
	if (sq->burst >= sq->cfg.max_burst) {
		sq->stats.n_burst_limited++;
		return n;
	}
	/* Nagle-like: hold back a sub-packet amount while data is in flight
	 * unless nodelay. */
	if (!sq->cfg.nodelay && n == 0 && sq->flight_total > 0 &&
	    sq->unsent_bytes < tx->max_frag) {
		sq->stats.n_nagle_hold++;
		return n;
	}
	while (sq->unsent_head != NULL && n < max_out) {
		/* A pick not used (no room) must not cost the stream its
		 * turn: the scheduler's position is put back then. */
		int32_t last = sq->sched.last;
		uint64_t vclock = sq->sched.vclock;
		struct fsctp_sendq_msg *m = next_msg(sq, n_new == 0);
		struct fsctp_sendq_chunk *c;
		uint32_t len = m->len - m->carved, sz, tsn;

		/* RFC 6525 5.1.2: no message queued after the hold starts
		 * while an Outgoing SSN Reset Request is outstanding. */
		if (sq->hold_new && m->carved == 0 &&
		    m->push_seq >= sq->hold_seq) {
			sq->stats.n_reconf_held++;
			sq->sched.last = last;
			sq->sched.vclock = vclock;
			break;
		}
		/* RFC 3758 3.5 A: a scheduler may pick a message that is not
		 * the FIFO's head: its lifetime is checked here. */
		if (m->carved == 0 && ttl_expired(m, tx->now) &&
		    msg_abandon(sq, m)) {
			sq->sched.last = last;
			sq->sched.vclock = vclock;
			continue;
		}

		/* RFC 9260 6.9: fragment to the path's largest chunk. */
		if (len > tx->max_frag)
			len = tx->max_frag;
		sz = chunk_wire_len(sq, len);
		if ((n > 0 || tx->bundled) && used + sz > tx->room) {
			sq->sched.last = last;
			sq->sched.vclock = vclock;
			break;
		}
		/* RFC 9260 6.1 A: new data only within the peer's rwnd,
		 * except one chunk when nothing is in flight (zero window
		 * probe). A chunk is never cut to fit a small window (sender
		 * SWS avoidance). */
		if ((len > sq->peer_rwnd && sq->flight_total > 0) ||
		    ring_full(sq)) {
			if (len > sq->peer_rwnd && sq->flight_total > 0)
				sq->stats.n_rwnd_limited++;
			else
				sq->stats.n_ring_full++;
			sq->sched.last = last;
			sq->sched.vclock = vclock;
			break;
		}
		tsn = sq->next_tsn++;
		c = chunk_at(sq, tsn);
		/* Every field set in one go (no call to memset). */
		*c = (struct fsctp_sendq_chunk){ .msg = m,
						 .off = m->carved,
						 .len = len,
						 .fsn = m->n_frags++ };
		if (m->carved == 0) {
			m->first_tsn = tsn;
			c->flags |= FSCTP_DATA_FLAG_B;
			/* RFC 9260 6.5: ordered messages take the stream's
			 * next SSN; all fragments carry it. RFC 8260 2.1:
			 * with I-DATA every message takes a MID, from one
			 * sequence per stream for ordered messages and
			 * another for unordered ones. */
			if (sq->cfg.idata)
				m->mid = m->info.unordered
						 ? sq->out_mid_u[m->info.sid]++
						 : sq->out_mid[m->info.sid]++;
			else if (!m->info.unordered)
				m->ssn = sq->out_ssn[m->info.sid]++;
		}
		if (m->info.unordered)
			c->flags |= FSCTP_DATA_FLAG_U;
		m->carved += len;
		m->live++;
		sq->unsent_bytes -= len;
		fsctp_sched_served(&sq->sched, m->info.sid, len);
		if (m->carved == m->len) {
			c->flags |= FSCTP_DATA_FLAG_E;
			if (m->info.sack_immediately)
				c->flags |= FSCTP_DATA_FLAG_I;
			unsent_remove(sq, m);
		} else if (!sq->cfg.idata &&
			   sq->sched.kind != FSCTP_SCHED_FCFS) {
			sq->cur = m;
		}
		chunk_sent(sq, c, path, tx->now);
		fill_out(&out[n++], c, tsn, false, sq->cfg.idata);
		used += sz;
		n_new++;
		sq->stats.n_data_sent++;
		if (sq->peer_rwnd == 0 && sq->flight_total == c->len)
			break; /* the zero window probe: one chunk */
	}
	if (n_new > 0)
		sq->burst++;
	return n;
}

int
fsctp_sendq_write_data(struct fsctp_wbuf *w,
		       const struct fsctp_sendq_chunk_out *c)
{
	size_t hdr, end, pad;

	if (c->idata) {
		struct fsctp_data_info d;

		memset(&d, 0, sizeof(d));
		d.tsn = c->tsn;
		d.sid = c->sid;
		d.mid = c->mid;
		d.ppid = c->ppid;
		d.fsn = c->fsn;
		d.flags = c->flags;
		d.payload = c->data;
		d.len = (uint16_t)c->len;
		return fsctp_encode_idata(w, &d);
	}
	/* RFC 9260 3.3.1: the 16-byte header, the user data and zero
	 * padding to 4 bytes, which the Length leaves out; one bounds check
	 * for the whole chunk. */
	end = w->len + FSCTP_DATA_HDR_LEN + (size_t)c->len;
	pad = FSCTP_PAD4(end) - end;
	if (w->err == 0 && c->len <= UINT16_MAX - FSCTP_DATA_HDR_LEN &&
	    end + pad <= w->cap) {
		uint8_t *p = w->buf + w->len;

		p[0] = FSCTP_CHUNK_DATA;
		p[1] = c->flags;
		fsctp_wr16(p + 2, (uint16_t)(FSCTP_DATA_HDR_LEN + c->len));
		fsctp_wr32(p + 4, c->tsn);
		fsctp_wr16(p + 8, c->sid);
		fsctp_wr16(p + 10, c->ssn);
		fsctp_wr32(p + 12, c->ppid);
		memcpy(p + FSCTP_DATA_HDR_LEN, c->data, c->len);
		p = w->buf + end; /* at most 3 bytes of padding */
		if (pad > 0)
			p[0] = 0;
		if (pad > 1)
			p[1] = 0;
		if (pad > 2)
			p[2] = 0;
		w->len = end + pad;
		w->tail_pad = (uint8_t)pad;
		return 0;
	}
	/* No room (or an error already): the general writer sets err. */
	hdr = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_DATA, c->flags);
	fsctp_wbuf_u32(w, c->tsn);
	fsctp_wbuf_u16(w, c->sid);
	fsctp_wbuf_u16(w, c->ssn);
	fsctp_wbuf_u32(w, c->ppid);
	fsctp_wbuf_put(w, c->data, c->len);
	fsctp_wbuf_chunk_end(w, hdr);
	return w->err;
}

/* A chunk is newly acknowledged (by cum ack or gap block). */
static void
newly_acked(struct fsctp_sendq *sq, struct fsctp_sendq_chunk *c, uint32_t tsn,
	    struct fsctp_sendq_sack_out *out, uint32_t *htna, bool *any,
	    uint32_t *rtt_tsn, bool *rtt_any)
{
	out->bytes_acked[c->path] += c->len;
	if (c->state == CH_SENT)
		flight_remove(sq, c);
	else if (c->state == CH_RTX)
		sq->n_rtx--;
	if (!*any || fsctp_sn32_gt(tsn, *htna))
		*htna = tsn;
	*any = true;
	/* RFC 9260 6.3.1 C5 (Karn): no RTT from a retransmitted chunk. */
	if (c->tx_count == 1 && (!*rtt_any || fsctp_sn32_gt(tsn, *rtt_tsn))) {
		*rtt_tsn = tsn;
		*rtt_any = true;
	}
}

enum fsctp_sack_verdict
fsctp_sendq_sack(struct fsctp_sendq *sq, const struct fsctp_sendq_sack_in *in,
		 fsctp_time_t now, struct fsctp_sendq_sack_out *out)
{
	uint32_t highest_sent = sq->next_tsn - 1, htna = 0, rtt_tsn = 0;
	uint32_t t, stamp, reported_hi, marked = 0, p;
	bool any = false, rtt_any = false, any_gap = false, fr_before;
	uint8_t fr_paths = 0;
	uint16_t g;

	memset(out, 0, sizeof(*out));
	/* RFC 9260 6.2.1 D i: a cum TSN ack behind the ack point is stale
	 * (an old, reordered SACK): drop it. */
	if (fsctp_sn32_lt(in->cum_tsn, sq->ack_point)) {
		sq->stats.n_sack_stale++;
		out->verdict = FSCTP_SACK_STALE;
		return out->verdict;
	}
	/* Acknowledging a TSN never sent: protocol violation (the caller
	 * ABORTs). Checked before anything changes. */
	if (fsctp_sn32_ge(in->cum_tsn, sq->next_tsn)) {
		sq->stats.n_sack_violation++;
		out->verdict = FSCTP_SACK_VIOLATION;
		return out->verdict;
	}
	for (p = 0; p < FSCTP_SENDQ_MAX_PATHS; p++)
		out->flight_before[p] = sq->flight[p];
	fr_before = sq->in_fast_recovery;
	out->in_fast_recovery = fr_before;
	stamp = ++sq->sack_seq;

	/* Cumulative ack: everything up to cum_tsn leaves the ring. */
	while (sq->ack_point != in->cum_tsn) {
		struct fsctp_sendq_chunk *c;

		t = sq->ack_point + 1;
		c = chunk_at(sq, t);
		if (c->state != CH_GAP_ACKED && c->state != CH_ABANDONED)
			newly_acked(sq, c, t, out, &htna, &any, &rtt_tsn,
				    &rtt_any);
		if (rtt_any && rtt_tsn == t) {
			out->rtt = now - c->sent_at;
			out->rtt_path = c->path;
		}
		chunk_release(sq, c);
		sq->ack_point = t;
		out->cum_advanced = true;
	}

	/* Gap ack blocks, validated: no access outside the ring. */
	reported_hi = sq->ack_point;
	for (g = 0; g < in->n_gaps; g++) {
		uint32_t lo, hi;
		uint16_t gs, ge;

		if (in->gaps != NULL) {
			gs = in->gaps[g].start;
			ge = in->gaps[g].end;
		} else if (in->gaps_be != NULL) {
			gs = fsctp_rd16(in->gaps_be + 4 * (size_t)g);
			ge = fsctp_rd16(in->gaps_be + 4 * (size_t)g + 2);
		} else {
			break;
		}
		if (gs == 0 || gs > ge) {
			sq->stats.n_gap_bad++;
			continue;
		}
		lo = sq->ack_point + gs;
		hi = sq->ack_point + ge;
		if (fsctp_sn32_gt(lo, highest_sent)) {
			sq->stats.n_gap_beyond++;
			continue;
		}
		if (fsctp_sn32_gt(hi, highest_sent)) {
			sq->stats.n_gap_beyond++;
			hi = highest_sent;
		}
		if (fsctp_sn32_gt(hi, reported_hi))
			reported_hi = hi;
		any_gap = true;
		for (t = lo;; t++) {
			struct fsctp_sendq_chunk *c = chunk_at(sq, t);

			c->stamp = stamp;
			if (c->state != CH_GAP_ACKED &&
			    c->state != CH_ABANDONED) {
				newly_acked(sq, c, t, out, &htna, &any,
					    &rtt_tsn, &rtt_any);
				c->state = CH_GAP_ACKED;
				if (rtt_any && rtt_tsn == t) {
					out->rtt = now - c->sent_at;
					out->rtt_path = c->path;
				}
			}
			if (t == hi)
				break;
		}
	}
	out->rtt_valid = rtt_any;

	/*
	 * RFC 9260 6.2.1, 6.3.2 R4: a TSN gap-acked before but missing from
	 * this SACK (the receiver reneged, or this is an older SACK that
	 * overtook a newer one with the same cum ack) is outstanding again:
	 * back in flight, for T3-rtx to cover. Reneging is not a miss
	 * indication of its own (7.2.4): the TSN counts a miss only as a hole
	 * below the highest TSN newly acknowledged, in the HTNA pass below,
	 * like any other reported-missing TSN. A SACK that newly acknowledges
	 * nothing counts no miss at all.
	 */
	for (t = sq->ack_point + 1; fsctp_sn32_le(t, sq->gap_hi); t++) {
		struct fsctp_sendq_chunk *c = chunk_at(sq, t);

		if (c->state == CH_GAP_ACKED && c->stamp != stamp &&
		    c->msg->abandoned) {
			c->state = CH_ABANDONED;
		} else if (c->state == CH_GAP_ACKED && c->stamp != stamp) {
			c->state = CH_SENT;
			flight_add(sq, c);
			sq->stats.n_renege++;
		}
	}

	/* What stays gap-acked now was stamped by this SACK, at or below the
	 * highest TSN it reported. */
	sq->gap_hi = any_gap ? reported_hi : sq->ack_point;

	/* RFC 9260 7.2.4: leave Fast Recovery once the cum ack reaches the
	 * exit point. */
	if (sq->in_fast_recovery && fsctp_sn32_ge(sq->ack_point, sq->fr_exit))
		sq->in_fast_recovery = false;

	/*
	 * RFC 9260 7.2.4 miss indications with HTNA: a TSN reported missing
	 * (a hole below the highest gap-acked TSN) counts a miss only if it
	 * is below the highest TSN newly acknowledged by this SACK - or, in
	 * Fast Recovery with the cum ack advancing, always. The third miss
	 * marks it for fast retransmit, once per chunk.
	 */
	if (any_gap && any) {
		for (t = sq->ack_point + 1; fsctp_sn32_lt(t, reported_hi);
		     t++) {
			struct fsctp_sendq_chunk *c = chunk_at(sq, t);

			if (c->state != CH_SENT || c->stamp == stamp)
				continue;
			if (!fsctp_sn32_lt(t, htna) &&
			    !(fr_before && out->cum_advanced))
				continue;
			if (c->miss < UINT8_MAX)
				c->miss++;
			if (c->miss == FAST_RTX_MISSES && !c->fast_rtxed) {
				flight_remove(sq, c);
				c->state = CH_RTX;
				c->fast_rtxed = true;
				sq->n_rtx++;
				marked++;
				fr_paths |= (uint8_t)(1u << c->path);
				if (rtx_exhausted(c))
					msg_abandon(sq, c->msg);
			}
		}
	}
	if (marked > 0) {
		sq->stats.n_fast_rtx += marked;
		out->n_marked_fast_rtx = marked;
		sq->fast_rtx_once = true;
		/* RFC 9260 7.2.4 rule 1: not in Fast Recovery: enter it, the
		 * highest outstanding TSN is the exit point, cwnd is cut on
		 * the paths of the marked chunks; no further cut while in
		 * it. */
		if (!sq->in_fast_recovery) {
			sq->in_fast_recovery = true;
			sq->fr_exit = highest_sent;
			out->fast_rtx_paths = fr_paths;
		}
	}

	/* RFC 9260 6.2.1 D iv: rwnd = a_rwnd - bytes in flight. */
	sq->peer_rwnd = in->a_rwnd > sq->flight_total
				? in->a_rwnd - sq->flight_total
				: 0;
	sq->burst = 0;

	/* RFC 9260 6.3.2 R2/R3: stop T3 where nothing is in flight; restart
	 * it where the cum ack advanced and data is still in flight. */
	for (p = 0; p < FSCTP_SENDQ_MAX_PATHS; p++) {
		if (sq->n_inflight[p] == 0)
			out->t3_stop_paths |= (uint8_t)(1u << p);
		else if (out->cum_advanced)
			out->t3_restart_paths |= (uint8_t)(1u << p);
	}
	if (sq->want_writable && sq->buffered <= sq->cfg.sndbuf / 2) {
		sq->want_writable = false;
		out->writable = true;
	}
	if (!sq->was_dry && fsctp_sendq_is_dry(sq)) {
		sq->was_dry = true;
		out->dry = true;
	}
	out->verdict = FSCTP_SACK_OK;
	return out->verdict;
}

/* Mark for retransmission every chunk in flight on path whose wire length
 * exceeds min_len (0: all of them). @return the number marked. */
static uint32_t
mark_path_rtx(struct fsctp_sendq *sq, uint8_t path, uint32_t min_len)
{
	uint32_t t, n = 0;

	for (t = sq->ack_point + 1; t != sq->next_tsn; t++) {
		struct fsctp_sendq_chunk *c = chunk_at(sq, t);

		if (c->state != CH_SENT || c->path != path ||
		    chunk_wire_len(sq, c->len) <= min_len)
			continue;
		flight_remove(sq, c);
		c->state = CH_RTX;
		c->miss = 0;
		sq->n_rtx++;
		n++;
		/* RFC 7496 3.2: out of retransmissions: abandoned. */
		if (rtx_exhausted(c))
			msg_abandon(sq, c->msg);
	}
	return n;
}

uint32_t
fsctp_sendq_path_wire(struct fsctp_sendq *sq, uint8_t path, uint32_t limit)
{
	uint32_t t, n = 0;

	for (t = sq->ack_point + 1; t != sq->next_tsn && n < limit; t++) {
		const struct fsctp_sendq_chunk *c = chunk_at(sq, t);

		if (c->state == CH_SENT && c->path == path)
			n += chunk_wire_len(sq, c->len);
	}
	return n;
}

uint32_t
fsctp_sendq_t3_expired(struct fsctp_sendq *sq, uint8_t path)
{
	uint32_t n;

	if (path >= FSCTP_SENDQ_MAX_PATHS)
		return 0;
	/* RFC 9260 6.3.3 E3: all data in flight on the path is to be
	 * retransmitted, the earliest first, as cwnd allows. */
	n = mark_path_rtx(sq, path, 0);
	sq->stats.n_t3_marked += n;
	/* A timeout ends Fast Recovery: cwnd restarts from one MTU. */
	sq->in_fast_recovery = false;
	sq->fast_rtx_once = false;
	return n;
}

uint32_t
fsctp_sendq_path_gone(struct fsctp_sendq *sq, uint8_t path)
{
	if (path >= FSCTP_SENDQ_MAX_PATHS)
		return 0;
	/* RFC 5061 4.2.2: the destination left the association; what is in
	 * flight there is retransmitted on the others. */
	return mark_path_rtx(sq, path, 0);
}

uint32_t
fsctp_sendq_pmtu_lowered(struct fsctp_sendq *sq, uint8_t path,
			 uint32_t max_chunk)
{
	uint32_t n;

	if (path >= FSCTP_SENDQ_MAX_PATHS)
		return 0;
	/* RFC 9260 7.3, 6.9: a chunk cut for the old PMTU that no longer
	 * fits was dropped on the way (the ICMP says so); it keeps its TSN
	 * and goes again alone, IP-fragmented. */
	n = mark_path_rtx(sq, path, max_chunk);
	sq->stats.n_pmtu_marked += n;
	return n;
}

uint32_t
fsctp_sendq_abandon(struct fsctp_sendq *sq, fsctp_sendq_failed_cb cb, void *ctx)
{
	uint32_t t, n = 0, p;
	struct fsctp_sendq_msg *m;

	/* Messages wholly carved: reported when their last chunk goes. */
	for (t = sq->ack_point + 1; t != sq->next_tsn; t++) {
		struct fsctp_sendq_chunk *c = chunk_at(sq, t);

		m = c->msg;
		c->msg = NULL;
		if (--m->live == 0 && m->carved == m->len) {
			/* Abandoned messages were reported already. */
			if (cb != NULL && !m->abandoned)
				cb(ctx, &m->info, m->buf, m->len, true);
			n += !m->abandoned;
			msg_free(sq, m);
		}
	}
	sq->ack_point = sq->next_tsn - 1;
	sq->adv_ack_point = sq->ack_point;
	sq->gap_hi = sq->ack_point;
	/* Then the unsent ones (some may be partly sent). */
	while ((m = sq->unsent_head) != NULL) {
		unsent_remove(sq, m);
		if (cb != NULL)
			cb(ctx, &m->info, m->buf, m->len, m->carved > 0);
		n++;
		msg_free(sq, m);
	}
	sq->unsent_tail = NULL;
	sq->unsent_bytes = 0;
	for (p = 0; p < FSCTP_SENDQ_MAX_PATHS; p++) {
		sq->flight[p] = 0;
		sq->n_inflight[p] = 0;
	}
	sq->flight_total = 0;
	sq->n_rtx = 0;
	sq->in_fast_recovery = false;
	sq->fast_rtx_once = false;
	sq->was_dry = true;
	return n;
}

int
fsctp_sendq_check(const struct fsctp_sendq *sq)
{
	uint32_t flight[FSCTP_SENDQ_MAX_PATHS] = { 0 };
	uint32_t cnt[FSCTP_SENDQ_MAX_PATHS] = { 0 };
	uint32_t t, p, n_rtx = 0, total = 0;

	if (sq->next_tsn - sq->ack_point - 1 > sq->ring_mask + 1)
		return -EFAULT;
	for (t = sq->ack_point + 1; t != sq->next_tsn; t++) {
		const struct fsctp_sendq_chunk *c =
			&sq->ring[t & sq->ring_mask];

		if (c->msg == NULL || c->path >= FSCTP_SENDQ_MAX_PATHS ||
		    c->off + c->len > c->msg->len)
			return -EFAULT;
		if (c->state == CH_SENT) {
			flight[c->path] += c->len;
			cnt[c->path]++;
			total += c->len;
		} else if (c->state == CH_RTX) {
			n_rtx++;
		} else if (c->state == CH_ABANDONED && !c->msg->abandoned) {
			return -EFAULT;
		}
	}
	for (p = 0; p < FSCTP_SENDQ_MAX_PATHS; p++)
		if (flight[p] != sq->flight[p] || cnt[p] != sq->n_inflight[p])
			return -EFAULT;
	if (total != sq->flight_total || n_rtx != sq->n_rtx)
		return -EFAULT;
	return 0;
}

bool
fsctp_sendq_fwd_pending(const struct fsctp_sendq *sq)
{
	const struct fsctp_sendq_chunk *c;

	if (!sq->cfg.pr_enabled || sq->next_tsn == sq->ack_point + 1)
		return false;
	c = &sq->ring[(sq->ack_point + 1) & sq->ring_mask];
	return c->msg != NULL && c->msg->abandoned;
}

bool
fsctp_sendq_fwd_tsn(struct fsctp_sendq *sq, fsctp_time_t now,
		    struct fsctp_sendq_fwd *out)
{
	uint32_t t, k;

	if (sq == NULL || out == NULL)
		return false;
	out->new_cum_tsn = sq->ack_point;
	out->n_streams = 0;
	out->n_ient = 0;
	if (!sq->cfg.pr_enabled)
		return false;
	/*
	 * RFC 3758 3.5 C1, C2: start from the Cumulative TSN Ack Point and
	 * move over abandoned chunks. A5: a message at the front whose
	 * lifetime passed, or whose chunk awaits a retransmission it may no
	 * longer have, is abandoned here.
	 */
	for (t = sq->ack_point + 1; t != sq->next_tsn; t++) {
		struct fsctp_sendq_chunk *c = chunk_at(sq, t);
		struct fsctp_sendq_msg *m = c->msg;

		if (!m->abandoned && c->state != CH_GAP_ACKED &&
		    (ttl_expired(m, now) ||
		     (c->state == CH_RTX && rtx_exhausted(c))))
			msg_abandon(sq, m);
		if (!m->abandoned)
			break;
		/* RFC 8260 2.3.1: the highest MID skipped per stream for
		 * ordered messages; one entry per abandoned unordered
		 * message (an unordered MID below it may still be under
		 * way, so the receiver drops exactly the MIDs listed). */
		if (sq->cfg.idata) {
			bool u = m->info.unordered;

			for (k = 0; k < out->n_ient; k++)
				if (out->ient[k].sid == m->info.sid &&
				    out->ient[k].unordered == u &&
				    (!u || out->ient[k].mid == m->mid))
					break;
			if (k == out->n_ient) {
				if (k == FSCTP_SENDQ_FWD_MAX_STREAMS) {
					sq->stats.n_fwd_capped++;
					break;
				}
				out->n_ient++;
				out->ient[k].sid = m->info.sid;
				out->ient[k].unordered = u;
			}
			out->ient[k].mid = m->mid;
		} else if (!m->info.unordered) {
			/* C3 / 3.2: the SSN skipped per stream, for ordered
			 * messages only (any chunk of one: its first may be
			 * acked already). */
			for (k = 0; k < out->n_streams; k++)
				if (out->streams[k][0] == m->info.sid)
					break;
			if (k == out->n_streams) {
				if (k == FSCTP_SENDQ_FWD_MAX_STREAMS) {
					sq->stats.n_fwd_capped++;
					break;
				}
				out->n_streams++;
				out->streams[k][0] = m->info.sid;
			}
			out->streams[k][1] = m->ssn;
		}
		out->new_cum_tsn = t;
	}
	sq->adv_ack_point = out->new_cum_tsn;
	if (out->new_cum_tsn == sq->ack_point)
		return false;
	sq->stats.n_fwd_tsn++;
	return true;
}

/* ------------------------------------------------------------------------ */
/* Stream reconfiguration (RFC 6525)                                        */
/* ------------------------------------------------------------------------ */

void
fsctp_sendq_hold_new(struct fsctp_sendq *sq, bool hold)
{
	sq->hold_new = hold;
	sq->hold_seq = sq->push_seq;
}

bool
fsctp_sendq_hold_reached(const struct fsctp_sendq *sq)
{
	return sq->hold_new && (sq->unsent_head == NULL ||
				sq->unsent_head->push_seq >= sq->hold_seq);
}

int
fsctp_sendq_reset_ssn(struct fsctp_sendq *sq, const uint16_t *sids, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++)
		if (sids[i] >= sq->cfg.n_out_streams)
			return -EINVAL;
	/* RFC 6525 5.2.2 with RFC 8260 2.3: the MIDs of I-DATA restart
	 * too (ordered and unordered). */
	for (i = 0; i < (n ? n : sq->cfg.n_out_streams); i++) {
		uint16_t sid = n ? sids[i] : i;

		sq->out_ssn[sid] = 0;
		if (sq->out_mid != NULL)
			sq->out_mid[sid] = 0;
		if (sq->out_mid_u != NULL)
			sq->out_mid_u[sid] = 0;
	}
	return 0;
}

bool
fsctp_sendq_tsn_idle(const struct fsctp_sendq *sq)
{
	/* Nothing outstanding; unsent only messages held whole. */
	return sq->next_tsn == sq->ack_point + 1 &&
	       (sq->unsent_head == NULL ||
		(sq->hold_new && sq->unsent_head->push_seq >= sq->hold_seq &&
		 sq->unsent_head->carved == 0));
}

int
fsctp_sendq_reset_tsn(struct fsctp_sendq *sq, uint32_t next_tsn)
{
	if (!fsctp_sendq_tsn_idle(sq))
		return -EBUSY;
	/* RFC 6525 5.1.4 (requester), 5.2.4 G2/G3 (receiver): as though
	 * everything up to next_tsn - 1 had been acknowledged. The ring
	 * holds nothing now, so its slots follow the new TSNs. */
	sq->ack_point = next_tsn - 1;
	sq->next_tsn = next_tsn;
	sq->adv_ack_point = sq->ack_point;
	sq->gap_hi = sq->ack_point;
	sq->in_fast_recovery = false;
	sq->fr_exit = sq->ack_point;
	return 0;
}

/* Grow a per-stream array of n_old elements of size sz to n_new, zeroed. */
static int
grow_array(void **p, size_t sz, uint16_t n_old, uint32_t n_new)
{
	void *q = realloc(*p, n_new * sz);

	if (q == NULL)
		return -ENOMEM;
	memset((uint8_t *)q + n_old * sz, 0, (n_new - n_old) * sz);
	*p = q;
	return 0;
}

int
fsctp_sendq_add_streams(struct fsctp_sendq *sq, uint16_t n)
{
	uint32_t total = (uint32_t)sq->cfg.n_out_streams + n;
	uint16_t old = sq->cfg.n_out_streams;

	if (total > UINT16_MAX)
		return -EINVAL;
	/* Every per-stream array grows (arrays grown before a failure are
	 * larger than needed: harmless). */
	if (grow_array((void **)&sq->out_ssn, sizeof(*sq->out_ssn), old,
		       total) != 0 ||
	    grow_array((void **)&sq->pr_stream, sizeof(*sq->pr_stream), old,
		       total) != 0 ||
	    grow_array((void **)&sq->s_head, sizeof(*sq->s_head), old, total) !=
		    0 ||
	    grow_array((void **)&sq->s_tail, sizeof(*sq->s_tail), old, total) !=
		    0 ||
	    (sq->out_mid != NULL &&
	     grow_array((void **)&sq->out_mid, sizeof(*sq->out_mid), old,
			total) != 0) ||
	    (sq->out_mid_u != NULL &&
	     grow_array((void **)&sq->out_mid_u, sizeof(*sq->out_mid_u), old,
			total) != 0) ||
	    fsctp_sched_grow(&sq->sched, (uint16_t)total) != 0)
		return -ENOMEM;
	sq->cfg.n_out_streams = (uint16_t)total;
	return 0;
}
