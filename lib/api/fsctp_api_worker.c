/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * WORKER mode: the application runs on its own thread and talks to the
 * fast-path lcores over rings (share nothing):
 *
 *   ev_ring[i][w]  lcore i -> worker w  notifications (copied) and
 *                                       received messages (the core's
 *                                       struct fsctp_msg, not copied) of
 *                                       worker w's associations, SP/SC
 *   ret_ring[i][w] worker w -> lcore i  consumed messages, given back to
 *                                       the core with fsctp_msg_free() on
 *                                       lcore i: the receive window
 *                                       reopens only then, which is the
 *                                       back-pressure towards the peer,
 *                                       SP/SC
 *   commands       any worker -> lcore i  send (copied), shutdown, abort,
 *                                       connect (fsctp_rt_engine_post(), MP/SC)
 *
 * An association belongs to one worker (worker_of()), so its events stay
 * in order. Nothing is dropped: an item that does not fit its ev_ring
 * waits, in order, on that ring's overflow list and moves at the next
 * turn; a slow worker holds back only its own associations. Messages
 * there still hold their bytes of the receive window, so the list is
 * bounded by the windows; notifications by the associations' lifetimes.
 *
 * Both sides work in bursts, so that the rings' shared cache lines, the
 * command ring's compare-and-swap and the allocator are paid per burst
 * rather than per message: the worker takes up to POLL_BURST items off a
 * ring, runs their callbacks and hands the messages back with one
 * enqueue; the sends its callbacks make are copied into one batch per
 * owner lcore (one allocation, one command), posted before
 * fsctp_worker_poll() returns, or earlier when the batch is full or
 * another command of that thread has to stay behind it.
 *
 * Send buffer full: a worker send is not lost to -EAGAIN. The bytes a
 * worker has handed to lcore i and that no association has taken yet are
 * the lcore's credit (api_credit.used, shared); past the socket's
 * worker_sndbuf fsctp_worker_send() returns -EAGAIN at once, as
 * fsctp_sendmsg() would, and a WRITABLE for that association follows when
 * the credit is back under half. A send the association itself refuses
 * with -EAGAIN is parked on the lcore, in order, with every later send
 * (and a shutdown) of that association behind it, and retried after the
 * association's WRITABLE; the association's end reports what is still
 * parked as SEND_FAILED. Parked bytes stay in the credit, so the credit
 * bounds them.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_pause.h>

#include "fsctp_api_internal.h"

struct api_cmd {
	struct fsctp_rt_cmd c; /* first: run on the target lcore */
	struct fsctp_sock *s;
	struct fsctp_rt *rt; /* with serial: is s still alive? */
	uint64_t serial;
	int type;
	uint64_t credit; /* bytes of the lcore's credit this command holds */
	fsctp_assoc_id_t id;
	struct fsctp_sndinfo info;
	struct fsctp_addr dst;
	uint16_t src_port;
	void *user;
	uint32_t len;
	uint8_t data[];
};

/* A notification; messages travel as tagged struct fsctp_msg pointers. */
struct api_item {
	struct fsctp_event ev;
	uint8_t blob[]; /* copies of ev.sids, ev.causes and ev.data */
};

#define MSG_TAG ((uintptr_t)1)

/* Items the worker takes off one ring at a time. */
#define POLL_BURST 32u

/* A batch of sends for one lcore (API_CMD_SEND_BATCH): records one after
 * another in api_cmd.data, each 8-byte aligned; api_cmd.len is the bytes
 * used, api_cmd.id the records. A send bigger than half a batch is posted
 * on its own. */
#define BATCH_BYTES	  8192u
#define BATCH_MAX_MSGS	  64u
#define BATCH_ALIGN_SLACK 8u
/* Used batches kept for the workers (one allocation of 8 KiB less per
 * batch, and no free() on the lcore of memory a worker allocated). */
#define BATCH_CACHE 64u

struct batch_rec {
	fsctp_assoc_id_t id;
	uint32_t len;
	struct fsctp_sndinfo info;
	uint8_t data[];
};

/* A worker send an association refused with -EAGAIN, or (len 0) a
 * shutdown behind such sends: kept on the owner lcore, in order. */
struct park_rec {
	struct park_rec *next;
	uint32_t len;
	struct fsctp_sndinfo info;
	uint8_t data[];
};

/* An association with parked sends (api_lc.park, api_lc.n_park). */
struct api_park {
	struct api_park *next;
	fsctp_assoc_id_t id;
	bool ready; /* WRITABLE came: retry at the next turn */
	struct park_rec *head, *tail;
};

/* An association whose worker got -EAGAIN from the credit. */
struct api_waiter {
	struct api_waiter *next;
	fsctp_assoc_id_t id;
};

/* What a thread running a socket's callbacks (inside poll_range()) keeps:
 * the open batch per lcore. Thread-local, so the batches need no lock. */
struct wctx {
	struct fsctp_sock *s;
	bool direct; /* reporting a failed batch: send one by one */
	struct api_cmd *b[FSCTP_RT_MAX_LCORES];
};

static __thread struct wctx *tl_ctx;

static struct rte_ring *
mk_ring(const char *what, uint32_t n, unsigned int flags)
{
	static unsigned int seq;
	char name[RTE_RING_NAMESIZE];

	snprintf(name, sizeof(name), "fsctp_%s_%u", what, seq++);
	return rte_ring_create(name, n, SOCKET_ID_ANY, flags);
}

int
fsctp_api_worker_init(struct fsctp_sock *s, uint32_t ring, unsigned int workers,
		      uint64_t sndbuf)
{
	unsigned int i, w;

	if (!s->worker)
		return 0;
	if (ring == 0)
		ring = 1024;
	if (workers == 0)
		workers = 1;
	if ((ring & (ring - 1)) != 0 || ring > (1u << 20) ||
	    workers > FSCTP_SOCK_MAX_WORKERS) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	s->n_workers = workers;
	s->worker_sndbuf = sndbuf;
	s->batch_cache = mk_ring("bc", BATCH_CACHE, 0); /* MP/MC */
	if (s->batch_cache == NULL) {
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	for (i = 0; i < s->n_lc; i++)
		for (w = 0; w < workers; w++) {
			struct api_wq *q = &s->lc[i].wq[w];

			q->ev_ring = mk_ring("ev", ring,
					     RING_F_SP_ENQ | RING_F_SC_DEQ);
			q->ret_ring = mk_ring("ret", ring * 4,
					      RING_F_SP_ENQ | RING_F_SC_DEQ);
			if (q->ev_ring == NULL || q->ret_ring == NULL) {
				rte_errno = ENOMEM;
				return -ENOMEM;
			}
		}
	return 0;
}

/* The worker of an association: its id without the owner bits, so that
 * consecutive associations of one lcore go to different workers. */
static unsigned int
worker_of(const struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	if (s->n_workers <= 1)
		return 0;
	return (unsigned int)((id >> fsctp_rt_engine_owner_bits(s->rt->fp)) %
			      s->n_workers);
}

int
fsctp_sock_assoc_worker(const struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	if (s == NULL || !s->worker)
		return -EINVAL;
	return (int)worker_of(s, id);
}

static void
item_release(struct fsctp_sock *s, unsigned int i, void *obj)
{
	if ((uintptr_t)obj & MSG_TAG)
		fsctp_msg_free(api_stack(s, i),
			       (struct fsctp_msg *)((uintptr_t)obj & ~MSG_TAG));
	else
		free(obj);
}

void
fsctp_api_worker_fini(struct fsctp_sock *s)
{
	unsigned int i, w;
	void *obj;

	if (s == NULL)
		return;
	if (s->batch_cache != NULL) {
		while (rte_ring_dequeue(s->batch_cache, &obj) == 0)
			free(obj);
		rte_ring_free(s->batch_cache);
		s->batch_cache = NULL;
	}
	for (i = 0; i < s->n_lc; i++)
		for (w = 0; w < FSCTP_SOCK_MAX_WORKERS; w++) {
			struct api_wq *q = &s->lc[i].wq[w];

			if (q->ev_ring != NULL)
				while (rte_ring_dequeue(q->ev_ring, &obj) == 0)
					item_release(s, i, obj);
			if (q->ret_ring != NULL)
				while (rte_ring_dequeue(q->ret_ring, &obj) == 0)
					item_release(s, i, obj);
			while (q->pend_head != NULL) {
				struct api_pend *p = q->pend_head;

				q->pend_head = p->next;
				item_release(s, i, p->obj);
				free(p);
			}
			q->pend_tail = NULL;
			rte_ring_free(q->ev_ring);
			rte_ring_free(q->ret_ring);
			q->ev_ring = q->ret_ring = NULL;
		}
	for (i = 0; i < s->n_lc; i++) {
		struct api_lc *l = &s->lc[i];

		while (l->park != NULL) {
			struct api_park *pa = l->park;

			l->park = pa->next;
			while (pa->head != NULL) {
				struct park_rec *r = pa->head;

				pa->head = r->next;
				free(r);
			}
			free(pa);
		}
		l->n_park = 0;
		while (l->waiters != NULL) {
			struct api_waiter *wt = l->waiters;

			l->waiters = wt->next;
			free(wt);
		}
	}
}

/* Keep obj for the next turn (order kept behind what already waits). */
static void
pend(struct fsctp_sock *s, unsigned int i, struct api_wq *q, void *obj)
{
	struct api_lc *l = &s->lc[i];
	struct api_pend *p = malloc(sizeof(*p));

	if (p == NULL) {
		/* Cannot even wait: a message goes back to the core (its
		 * TSN stays acknowledged, so this is the one loss left,
		 * under memory exhaustion only, and counted). */
		l->st.worker_ring_full++;
		item_release(s, i, obj);
		return;
	}
	p->next = NULL;
	p->obj = obj;
	if (q->pend_tail != NULL)
		q->pend_tail->next = p;
	else
		q->pend_head = p;
	q->pend_tail = p;
	l->st.worker_ring_full++;
}

static void
enqueue(struct fsctp_sock *s, unsigned int i, fsctp_assoc_id_t id, void *obj)
{
	struct api_wq *q = &s->lc[i].wq[worker_of(s, id)];

	if (q->pend_head != NULL || rte_ring_enqueue(q->ev_ring, obj) != 0)
		pend(s, i, q, obj);
	else
		q->queued = true;
}

/* Wake what waits on k (fsctp_worker_wait()), if anything does. */
static void
wake(struct api_wake *k, struct fsctp_sock_stats *st)
{
	if (atomic_load_explicit(&k->sleepers, memory_order_relaxed) == 0)
		return;
	atomic_fetch_add_explicit(&k->seq, 1, memory_order_release);
	syscall(SYS_futex, &k->seq, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
	st->worker_wakes++;
}

/* The workers that got something on lcore i since the last check, if
 * they wait. One fence a turn, and only when something was queued: the
 * ring's tail was published before the sleepers are read, and a waiter
 * counts itself before it looks at the rings (fsctp_worker_wait()), so
 * one of the two sees the other. */
static void
wake_workers(struct fsctp_sock *s, unsigned int i)
{
	bool any = false;
	unsigned int w;

	for (w = 0; w < s->n_workers; w++)
		any |= s->lc[i].wq[w].queued;
	if (!any)
		return;
	atomic_thread_fence(memory_order_seq_cst);
	for (w = 0; w < s->n_workers; w++) {
		struct api_wq *q = &s->lc[i].wq[w];

		if (!q->queued)
			continue;
		q->queued = false;
		wake(&s->wake[w], &s->lc[i].st);
	}
	wake(&s->wake[FSCTP_SOCK_MAX_WORKERS], &s->lc[i].st);
}

void
fsctp_api_worker_event(struct fsctp_sock *s, unsigned int i,
		       const struct fsctp_event *ev)
{
	size_t clen = ev->causes != NULL ? ev->causes_len : 0;
	size_t dlen = ev->data != NULL ? ev->data_len : 0;
	size_t slen = ev->sids != NULL ? ev->n_sids * sizeof(*ev->sids) : 0;
	struct api_item *it;

	/* A message travels as its own pointer, tagged: no allocation on
	 * the data path. */
	if (ev->type == FSCTP_EV_DATA) {
		enqueue(s, i, ev->assoc_id,
			(void *)((uintptr_t)ev->msg | MSG_TAG));
		return;
	}
	it = malloc(sizeof(*it) + slen + clen + dlen);
	if (it == NULL) {
		s->lc[i].st.worker_ring_full++;
		return;
	}
	it->ev = *ev;
	it->ev.msg = NULL;
	/* The stream list first: the blob is aligned for it. */
	if (slen != 0)
		memcpy(it->blob, ev->sids, slen);
	if (clen != 0)
		memcpy(it->blob + slen, ev->causes, clen);
	if (dlen != 0)
		memcpy(it->blob + slen + clen, ev->data, dlen);
	enqueue(s, i, ev->assoc_id, it);
}

static void park_turn(struct fsctp_sock *s, unsigned int i);

void
fsctp_api_worker_turn(struct fsctp_sock *s, unsigned int i)
{
	void *objs[64];
	unsigned int n, k, w;

	if (s->lc[i].park != NULL || s->lc[i].waiters != NULL)
		park_turn(s, i);

	for (w = 0; w < s->n_workers; w++) {
		struct api_wq *q = &s->lc[i].wq[w];

		while ((n = rte_ring_dequeue_burst(q->ret_ring, objs, 64,
						   NULL)) > 0)
			for (k = 0; k < n; k++)
				item_release(s, i, objs[k]);
		while (q->pend_head != NULL &&
		       rte_ring_enqueue(q->ev_ring, q->pend_head->obj) == 0) {
			struct api_pend *p = q->pend_head;

			q->pend_head = p->next;
			if (q->pend_head == NULL)
				q->pend_tail = NULL;
			free(p);
			q->queued = true;
		}
	}
	wake_workers(s, i);
}

/* ---------------------------------------------------------------------- */
/* Commands, run on the lcore that owns the association. */

/* The SEND_FAILED notification of a copied send; lcore i queues it for
 * the worker, FSCTP_RT_NO_LCORE means the worker's own thread runs it. */
static void
send_failed(struct fsctp_sock *s, unsigned int i, fsctp_assoc_id_t id,
	    const struct fsctp_sndinfo *info, const uint8_t *data, uint32_t len)
{
	struct fsctp_event ev;

	if (!(s->event_mask & FSCTP_EVENT_BIT(FSCTP_EV_SEND_FAILED)))
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_SEND_FAILED;
	ev.assoc_id = id;
	ev.data = data;
	ev.data_len = len;
	ev.sid = info->sid;
	ev.ppid = info->ppid;
	ev.context = info->context;
	ev.sent = false;
	if (s->worker && i != FSCTP_RT_NO_LCORE)
		fsctp_api_worker_event(s, i, &ev);
	else if (s->ops.on_event != NULL)
		s->ops.on_event(s, s->ctx, &ev);
}

static inline struct batch_rec *
batch_at(struct api_cmd *c, uint32_t off)
{
	/* api_cmd.data is not 8-byte aligned: the records start at the
	 * first aligned byte (BATCH_ALIGN_SLACK allocated for it). */
	return (struct batch_rec *)RTE_PTR_ADD(
		RTE_PTR_ALIGN_CEIL((void *)c->data, 8), off);
}

static inline uint32_t
batch_rec_size(uint32_t len)
{
	return RTE_ALIGN_CEIL((uint32_t)sizeof(struct batch_rec) + len, 8u);
}

/* Parked sends (lcore side). */

static struct api_park *
park_find(struct api_lc *l, fsctp_assoc_id_t id)
{
	struct api_park *pa;

	for (pa = l->park; pa != NULL; pa = pa->next)
		if (pa->id == id)
			return pa;
	return NULL;
}

/* Keep a send (len 0: a shutdown) of association id behind what it has
 * parked. @return 0, -ENOMEM. */
static int
park_add(struct api_lc *l, fsctp_assoc_id_t id, const uint8_t *data,
	 uint32_t len, const struct fsctp_sndinfo *info)
{
	struct api_park *pa = park_find(l, id);
	struct park_rec *r = malloc(sizeof(*r) + len);

	if (r == NULL)
		return -ENOMEM;
	if (pa == NULL) {
		pa = malloc(sizeof(*pa));
		if (pa == NULL) {
			free(r);
			return -ENOMEM;
		}
		pa->id = id;
		pa->ready = false;
		pa->head = pa->tail = NULL;
		pa->next = l->park;
		l->park = pa;
		l->n_park++;
	}
	r->next = NULL;
	r->len = len;
	if (info != NULL)
		r->info = *info;
	if (len != 0)
		memcpy(r->data, data, len);
	if (pa->tail != NULL)
		pa->tail->next = r;
	else
		pa->head = r;
	pa->tail = r;
	if (len != 0)
		l->st.worker_send_parked++;
	return 0;
}

static void
park_unlink(struct api_lc *l, struct api_park *pa)
{
	struct api_park **pp = &l->park;

	while (*pp != pa)
		pp = &(*pp)->next;
	*pp = pa->next;
	l->n_park--;
	free(pa);
}

/* Retry pa's sends in order until the association refuses one again;
 * a parked shutdown runs when its turn comes. pa is off the list
 * meanwhile: an event of the association from inside a send cannot free
 * it under us (a send after its end fails and is reported). */
static void
park_run(struct fsctp_sock *s, unsigned int i, struct api_park *pa,
	 uint64_t now)
{
	struct api_lc *l = &s->lc[i];
	struct api_park **pp = &l->park;

	while (*pp != pa)
		pp = &(*pp)->next;
	*pp = pa->next;
	pa->ready = false;
	while (pa->head != NULL) {
		struct park_rec *r = pa->head;
		int rc;

		if (r->len != 0) {
			rc = api_send_on(s, i, pa->id, r->data, r->len,
					 &r->info, NULL, NULL, now);
			if (rc == -EAGAIN)
				break;
			l->credit_back += r->len;
			if (rc != 0)
				send_failed(s, i, pa->id, &r->info, r->data,
					    r->len);
		}
		pa->head = r->next;
		if (r->len == 0)
			fsctp_shutdown(api_stack(s, i), pa->id, now);
		free(r);
	}
	if (pa->head != NULL) {
		pa->next = l->park;
		l->park = pa;
		return;
	}
	l->n_park--;
	free(pa);
}

/* The association ended: what it has parked comes back as SEND_FAILED. */
static void
park_fail(struct fsctp_sock *s, unsigned int i, struct api_park *pa)
{
	struct api_lc *l = &s->lc[i];

	while (pa->head != NULL) {
		struct park_rec *r = pa->head;

		if (r->len != 0) {
			l->credit_back += r->len;
			send_failed(s, i, pa->id, &r->info, r->data, r->len);
		}
		pa->head = r->next;
		free(r);
	}
	park_unlink(l, pa);
}

/* Give back the credit of what lcore i took or failed since the last
 * call; once it is under half, the associations whose worker got
 * -EAGAIN get a WRITABLE. */
static void
credit_publish(struct fsctp_sock *s, unsigned int i)
{
	struct api_lc *l = &s->lc[i];
	struct api_waiter *wt;

	if (l->credit_back != 0) {
		atomic_fetch_sub_explicit(&l->credit.used, l->credit_back,
					  memory_order_release);
		l->credit_back = 0;
	}
	if (l->waiters == NULL ||
	    atomic_load_explicit(&l->credit.used, memory_order_acquire) >
		    s->worker_sndbuf / 2)
		return;
	atomic_fetch_add_explicit(&l->credit.gen, 1, memory_order_release);
	while ((wt = l->waiters) != NULL) {
		struct fsctp_event ev;

		l->waiters = wt->next;
		if (s->event_mask & FSCTP_EVENT_BIT(FSCTP_EV_WRITABLE)) {
			memset(&ev, 0, sizeof(ev));
			ev.type = FSCTP_EV_WRITABLE;
			ev.assoc_id = wt->id;
			l->st.events++;
			fsctp_api_worker_event(s, i, &ev);
		}
		free(wt);
	}
}

/* A worker got -EAGAIN on association id: WRITABLE when there is room. */
static void
want_writable(struct fsctp_sock *s, unsigned int i, fsctp_assoc_id_t id)
{
	struct api_lc *l = &s->lc[i];
	struct api_waiter *wt;

	for (wt = l->waiters; wt != NULL; wt = wt->next)
		if (wt->id == id)
			return;
	wt = malloc(sizeof(*wt));
	if (wt == NULL) {
		/* Cannot wait: the WRITABLE comes now (the worker retries,
		 * at worst gets -EAGAIN again). */
		struct fsctp_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.type = FSCTP_EV_WRITABLE;
		ev.assoc_id = id;
		fsctp_api_worker_event(s, i, &ev);
		return;
	}
	wt->id = id;
	wt->next = l->waiters;
	l->waiters = wt;
}

/* A worker's send on its owner lcore i: parked behind the association's
 * parked sends, or when the association refuses it with -EAGAIN; a
 * credited send gives its bytes back once taken or failed. */
static void
worker_send_on(struct fsctp_sock *s, unsigned int i, fsctp_assoc_id_t id,
	       const uint8_t *data, uint32_t len,
	       const struct fsctp_sndinfo *info, bool credited, uint64_t now)
{
	struct api_lc *l = &s->lc[i];
	int rc;

	if (credited && l->park != NULL && park_find(l, id) != NULL) {
		rc = -EAGAIN;
	} else {
		rc = api_send_on(s, i, id, data, len, info, NULL, NULL, now);
	}
	if (rc == -EAGAIN && credited && park_add(l, id, data, len, info) == 0)
		return;
	if (credited)
		l->credit_back += len;
	if (rc != 0)
		send_failed(s, i, id, info, data, len);
}

void
fsctp_api_worker_core_event(struct fsctp_sock *s, unsigned int i,
			    const struct fsctp_event *ev)
{
	struct api_lc *l = &s->lc[i];
	struct api_park *pa;

	if (l->park == NULL)
		return;
	pa = park_find(l, ev->assoc_id);
	if (pa == NULL)
		return;
	switch (ev->type) {
	case FSCTP_EV_WRITABLE:
	case FSCTP_EV_RESTART:
		/* Not from inside the core's event: at the next turn. */
		pa->ready = true;
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_SHUTDOWN_COMP:
	case FSCTP_EV_CANT_STR_ASSOC:
		park_fail(s, i, pa);
		credit_publish(s, i);
		break;
	default:
		break;
	}
}

/* The turn's part of parked sends: retry those of the associations that
 * became writable, publish the credit. */
static void
park_turn(struct fsctp_sock *s, unsigned int i)
{
	struct api_park *pa, *next;
	uint64_t now = fsctp_rt_now_us();

	for (pa = s->lc[i].park; pa != NULL; pa = next) {
		next = pa->next; /* park_run() may free pa */
		if (pa->ready)
			park_run(s, i, pa, now);
	}
	credit_publish(s, i);
}

/* A used batch: back to the cache, or freed when it is full. */
static void
batch_release(struct fsctp_sock *s, struct api_cmd *c)
{
	if (rte_ring_enqueue(s->batch_cache, c) != 0)
		free(c);
}

/* Every send of a batch, in order, on its owner lcore i; a record of
 * length 0 asks for a WRITABLE. */
static void
batch_run(struct fsctp_sock *s, unsigned int i, struct api_cmd *c, uint64_t now)
{
	uint32_t off = 0, k;

	for (k = 0; k < c->id && off < c->len; k++) {
		struct batch_rec *r = batch_at(c, off);

		if (r->len == 0) {
			want_writable(s, i, r->id);
		} else {
			s->lc[i].st.worker_cmds++;
			worker_send_on(s, i, r->id, r->data, r->len, &r->info,
				       true, now);
		}
		off += batch_rec_size(r->len);
	}
}

/* A command that waited in the ring while its socket was freed (and
 * maybe another one made at the same address) is dropped: its socket is
 * no longer among the runtime's, or is another one (serial). */
static bool
cmd_live(const struct api_cmd *c)
{
	unsigned int k;

	for (k = 0; k < API_MAX_SOCKS; k++)
		if (c->rt->socks[k] == c->s)
			return c->s->serial == c->serial;
	return false;
}

static void
cmd_run(struct fsctp_rt_cmd *fc, unsigned int i, uint64_t now)
{
	struct api_cmd *c = (struct api_cmd *)fc;
	struct fsctp_sock *s = c->s;
	struct api_park *pa;
	int64_t rc = 0;

	if (i == FSCTP_RT_NO_LCORE || !cmd_live(c)) {
		free(c);
		return;
	}
	if (c->type == API_CMD_SEND_BATCH) {
		batch_run(s, i, c, now);
		batch_release(s, c);
		credit_publish(s, i);
		return;
	}
	if (c->type == API_CMD_WANT_WRITABLE) {
		want_writable(s, i, c->id);
		free(c);
		credit_publish(s, i);
		return;
	}
	s->lc[i].st.worker_cmds++;
	switch (c->type) {
	case API_CMD_SEND:
		worker_send_on(s, i, c->id, c->data, c->len, &c->info,
			       c->credit != 0, now);
		break;
	case API_CMD_SHUTDOWN:
		/* Behind the association's parked sends. */
		pa = s->lc[i].park != NULL ? park_find(&s->lc[i], c->id) : NULL;
		if (pa == NULL ||
		    park_add(&s->lc[i], c->id, NULL, 0, NULL) != 0)
			fsctp_shutdown(api_stack(s, i), c->id, now);
		break;
	case API_CMD_ABORT:
		pa = s->lc[i].park != NULL ? park_find(&s->lc[i], c->id) : NULL;
		if (pa != NULL)
			park_fail(s, i, pa);
		fsctp_abort(api_stack(s, i), c->id, c->len ? c->data : NULL,
			    (uint16_t)c->len, now);
		break;
	case API_CMD_CONNECT:
		rc = api_connect_on(s, i, &c->dst, c->src_port, c->user, now);
		if (rc < 0) {
			struct fsctp_event ev;

			memset(&ev, 0, sizeof(ev));
			ev.type = FSCTP_EV_CANT_STR_ASSOC;
			ev.addr = c->dst;
			ev.user = c->user;
			if (s->worker)
				fsctp_api_worker_event(s, i, &ev);
			else if (s->ops.on_event != NULL)
				s->ops.on_event(s, s->ctx, &ev);
		}
		break;
	}
	free(c);
	if (s->worker)
		credit_publish(s, i);
}

/* Post a command; credit: bytes of lcore i's credit it holds (taken here,
 * given back if the post fails). */
static int
post_cmd(struct fsctp_sock *s, unsigned int i, int type, fsctp_assoc_id_t id,
	 const struct fsctp_sndinfo *info, const void *data, uint32_t len,
	 const struct fsctp_addr *dst, uint16_t src_port, void *user,
	 uint64_t credit)
{
	struct api_cmd *c = malloc(sizeof(*c) + len);
	int rc;

	if (c == NULL)
		return -ENOMEM;
	memset(c, 0, sizeof(*c));
	c->c.run = cmd_run;
	c->s = s;
	c->rt = s->rt;
	c->serial = s->serial;
	c->type = type;
	c->credit = credit;
	c->id = id;
	if (info != NULL)
		c->info = *info;
	if (dst != NULL)
		c->dst = *dst;
	c->src_port = src_port;
	c->user = user;
	c->len = len;
	if (len != 0)
		memcpy(c->data, data, len);
	if (credit != 0)
		atomic_fetch_add_explicit(&s->lc[i].credit.used, credit,
					  memory_order_relaxed);
	rc = fsctp_rt_engine_post(s->rt->fp, i, &c->c);
	if (rc != 0) {
		if (credit != 0)
			atomic_fetch_sub_explicit(&s->lc[i].credit.used, credit,
						  memory_order_relaxed);
		free(c);
	}
	return rc;
}

int
fsctp_api_post(struct fsctp_sock *s, unsigned int i, int type,
	       fsctp_assoc_id_t id, const struct fsctp_sndinfo *info,
	       const void *data, uint32_t len, const struct fsctp_addr *dst,
	       uint16_t src_port, void *user)
{
	return post_cmd(s, i, type, id, info, data, len, dst, src_port, user,
			0);
}

/* ---------------------------------------------------------------------- */
/* The worker thread's side. */

/* Post lcore i's open batch. @return 0 (posted, or none open), -ENOBUFS
 * (command ring full: the batch stays open). */
static int
batch_post(struct fsctp_sock *s, struct wctx *x, unsigned int i)
{
	struct api_cmd *c = x->b[i];
	int rc;

	if (c == NULL)
		return 0;
	if (c->credit != 0)
		atomic_fetch_add_explicit(&s->lc[i].credit.used, c->credit,
					  memory_order_relaxed);
	rc = fsctp_rt_engine_post(s->rt->fp, i, &c->c);
	if (rc == 0)
		x->b[i] = NULL;
	else if (c->credit != 0)
		atomic_fetch_sub_explicit(&s->lc[i].credit.used, c->credit,
					  memory_order_relaxed);
	return rc;
}

/* Post every open batch of this thread, before a command that has to stay
 * behind them. @return 0 or -ENOBUFS. */
static int
batch_post_all(struct fsctp_sock *s)
{
	struct wctx *x = tl_ctx;
	unsigned int i;
	int rc = 0;

	if (x == NULL || x->s != s)
		return 0;
	for (i = 0; i < s->n_lc; i++)
		if (batch_post(s, x, i) != 0)
			rc = -ENOBUFS;
	return rc;
}

/* The end of a poll: post the batches; one that cannot be posted (the
 * command ring stayed full) comes back to the application as a
 * SEND_FAILED per message, as a failed send on the lcore would, so an
 * accepted send is never dropped silently. Sends made from those
 * callbacks are posted one by one (or refused with -ENOBUFS). */
static void
batch_finish(struct fsctp_sock *s, struct wctx *x)
{
	unsigned int i;

	for (i = 0; i < s->n_lc; i++) {
		struct api_cmd *c;
		uint32_t off = 0, k;

		if (batch_post(s, x, i) == 0)
			continue;
		c = x->b[i];
		x->b[i] = NULL;
		x->direct = true;
		for (k = 0; k < c->id && off < c->len; k++) {
			struct batch_rec *r = batch_at(c, off);

			if (r->len != 0)
				send_failed(s, FSCTP_RT_NO_LCORE, r->id,
					    &r->info, r->data, r->len);
			off += batch_rec_size(r->len);
		}
		batch_release(s, c);
	}
}

/* Copy a send into lcore i's batch. @return 0, 1 (too big for a batch:
 * post it alone), -ENOBUFS (the full batch could not be posted),
 * -ENOMEM. */
static int
batch_add(struct fsctp_sock *s, struct wctx *x, unsigned int i,
	  fsctp_assoc_id_t id, const void *buf, uint32_t len,
	  const struct fsctp_sndinfo *info)
{
	uint32_t need = batch_rec_size(len);
	struct api_cmd *c = x->b[i];
	struct batch_rec *r;

	if (need > BATCH_BYTES / 2)
		return 1;
	if (c != NULL &&
	    (c->len + need > BATCH_BYTES || c->id >= BATCH_MAX_MSGS)) {
		if (batch_post(s, x, i) != 0)
			return -ENOBUFS;
		c = NULL;
	}
	if (c == NULL) {
		if (rte_ring_dequeue(s->batch_cache, (void **)&c) != 0)
			c = malloc(sizeof(*c) + BATCH_BYTES +
				   BATCH_ALIGN_SLACK);
		if (c == NULL)
			return -ENOMEM;
		c->c.run = cmd_run;
		c->s = s;
		c->rt = s->rt;
		c->serial = s->serial;
		c->type = API_CMD_SEND_BATCH;
		c->credit = 0;
		c->id = 0;
		c->len = 0;
		x->b[i] = c;
	}
	r = batch_at(c, c->len);
	r->id = id;
	r->len = len;
	if (info != NULL)
		r->info = *info;
	if (len != 0)
		memcpy(r->data, buf, len);
	c->len += need;
	c->credit += len;
	c->id++;
	return 0;
}

/* Run up to max items of one ring, in order: the messages go back to the
 * lcore with one enqueue. @return the items run. */
static unsigned int
poll_burst(struct fsctp_sock *s, struct api_wq *q, unsigned int max)
{
	void *objs[POLL_BURST], *back[POLL_BURST];
	unsigned int n, k, nb = 0, put = 0;

	n = rte_ring_dequeue_burst(q->ev_ring, objs, RTE_MIN(max, POLL_BURST),
				   NULL);
	for (k = 0; k < n; k++) {
		void *obj = objs[k];

		if ((uintptr_t)obj & MSG_TAG) {
			struct fsctp_msg *m =
				(struct fsctp_msg *)((uintptr_t)obj & ~MSG_TAG);
			struct fsctp_rcvinfo ri = api_rcvinfo(m);

			if (s->ops.on_data != NULL)
				s->ops.on_data(s, s->ctx, &ri, m->data, m->len);
			back[nb++] = obj;
		} else {
			struct api_item *it = obj;
			size_t clen =
				it->ev.causes != NULL ? it->ev.causes_len : 0;
			size_t slen =
				it->ev.sids != NULL
					? it->ev.n_sids * sizeof(*it->ev.sids)
					: 0;

			if (it->ev.sids != NULL)
				it->ev.sids =
					(const uint16_t *)(void *)it->blob;
			if (it->ev.causes != NULL)
				it->ev.causes = it->blob + slen;
			if (it->ev.data != NULL)
				it->ev.data = it->blob + slen + clen;
			if (s->ops.on_event != NULL)
				s->ops.on_event(s, s->ctx, &it->ev);
			free(it);
		}
	}
	/* Back to the owner for fsctp_msg_free(); the ring holds four
	 * times what ev_ring can. */
	while (put < nb) {
		put += rte_ring_enqueue_burst(q->ret_ring, back + put, nb - put,
					      NULL);
		if (put < nb)
			rte_pause();
	}
	return n;
}

/* Round robin over the rings of workers w0 .. w1 - 1 on every lcore, a
 * burst at a time; the sends made by the callbacks are posted at the end
 * (batch_finish()). */
static int
poll_range(struct fsctp_sock *s, unsigned int w0, unsigned int w1,
	   unsigned int max)
{
	unsigned int n = s->n_lc * (w1 - w0), done = 0, idle = 0, k, got;
	struct wctx x, *prev = tl_ctx;
	bool nested = prev != NULL && prev->s == s;

	/* A poll of the same socket from a callback adds to the batches
	 * of the poll around it, which posts them: order holds. */
	if (!nested) {
		x.s = s;
		x.direct = false;
		memset(x.b, 0, sizeof(x.b[0]) * s->n_lc);
		tl_ctx = &x;
	}
	for (k = 0; done < max && idle < n; k = (k + 1) % n) {
		unsigned int i = k % s->n_lc, w = w0 + k / s->n_lc;

		got = poll_burst(s, &s->lc[i].wq[w], max - done);
		if (got == 0) {
			idle++;
			continue;
		}
		idle = 0;
		done += got;
	}
	if (!nested) {
		batch_finish(s, &x);
		tl_ctx = prev;
	}
	return (int)done;
}

int
fsctp_worker_poll(struct fsctp_sock *s, unsigned int max)
{
	if (s == NULL || !s->worker)
		return -EINVAL;
	return poll_range(s, 0, s->n_workers, max);
}

int
fsctp_worker_poll_one(struct fsctp_sock *s, unsigned int w, unsigned int max)
{
	if (s == NULL || !s->worker || w >= s->n_workers)
		return -EINVAL;
	return poll_range(s, w, w + 1, max);
}

/* Anything queued for worker w (FSCTP_WORKER_ANY: any)? */
static bool
worker_has_items(const struct fsctp_sock *s, uint32_t w)
{
	unsigned int i, v, w0 = w == FSCTP_WORKER_ANY ? 0 : w,
			   w1 = w == FSCTP_WORKER_ANY ? s->n_workers : w + 1;

	for (i = 0; i < s->n_lc; i++)
		for (v = w0; v < w1; v++)
			if (rte_ring_count(s->lc[i].wq[v].ev_ring) != 0)
				return true;
	return false;
}

int
fsctp_worker_wait(struct fsctp_sock *s, uint32_t w, uint32_t timeout_us)
{
	struct api_wake *k;
	struct timespec ts;
	uint32_t seq;
	long rc;

	if (s == NULL || !s->worker ||
	    (w != FSCTP_WORKER_ANY && w >= s->n_workers))
		return -EINVAL;
	k = &s->wake[w == FSCTP_WORKER_ANY ? FSCTP_SOCK_MAX_WORKERS : w];
	seq = atomic_load_explicit(&k->seq, memory_order_acquire);
	atomic_fetch_add_explicit(&k->sleepers, 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_seq_cst);
	if (worker_has_items(s, w)) {
		atomic_fetch_sub_explicit(&k->sleepers, 1,
					  memory_order_relaxed);
		return 0;
	}
	ts.tv_sec = timeout_us / 1000000;
	ts.tv_nsec = (long)(timeout_us % 1000000) * 1000;
	rc = syscall(SYS_futex, &k->seq, FUTEX_WAIT_PRIVATE, seq, &ts, NULL, 0);
	atomic_fetch_sub_explicit(&k->sleepers, 1, memory_order_relaxed);
	if (rc != 0 && errno == ETIMEDOUT)
		return -ETIMEDOUT;
	return 0;
}

/* The worker side of a refusal: the owner lcore is told that association
 * id waits for a WRITABLE, once per refusal round (the lcore bumps gen
 * when it sends the WRITABLEs). @return -EAGAIN, or -ENOBUFS when the
 * command ring is full (retry after fsctp_worker_poll()). */
static __thread struct {
	const struct fsctp_sock *s;
	fsctp_assoc_id_t id;
	uint32_t gen;
} tl_refused;

static int
refuse(struct fsctp_sock *s, struct wctx *x, unsigned int i,
       fsctp_assoc_id_t id)
{
	struct api_credit *cr = &s->lc[i].credit;
	uint32_t gen = atomic_load_explicit(&cr->gen, memory_order_acquire);
	int rc;

	atomic_fetch_add_explicit(&cr->refused, 1, memory_order_relaxed);
	if (tl_refused.s == s && tl_refused.id == id && tl_refused.gen == gen)
		return -EAGAIN;
	if (x != NULL)
		rc = batch_add(s, x, i, id, "", 0, NULL);
	else
		rc = post_cmd(s, i, API_CMD_WANT_WRITABLE, id, NULL, NULL, 0,
			      NULL, 0, NULL, 0);
	if (rc != 0)
		return -ENOBUFS;
	tl_refused.s = s;
	tl_refused.id = id;
	tl_refused.gen = gen;
	return -EAGAIN;
}

int
fsctp_worker_send(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *buf,
		  uint32_t len, const struct fsctp_sndinfo *info)
{
	struct wctx *x = tl_ctx;
	uint64_t used;
	unsigned int i;
	int rc;

	if (s == NULL || !s->worker || buf == NULL || len == 0)
		return -EINVAL;
	if (len > s->max_msg_size)
		return -EMSGSIZE;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	if (info == NULL)
		info = &s->def_snd;
	if (x != NULL && (x->s != s || x->direct))
		x = NULL;
	/* The lcore's credit: what is in flight to it and parked there,
	 * plus this thread's open batch; one message always fits. */
	used = atomic_load_explicit(&s->lc[i].credit.used,
				    memory_order_relaxed);
	if (x != NULL && x->b[i] != NULL)
		used += x->b[i]->credit;
	if (used != 0 && used + len > s->worker_sndbuf)
		return refuse(s, x, i, id);
	/* From a callback: into the batch, posted when the poll ends. */
	if (x != NULL) {
		rc = batch_add(s, x, i, id, buf, len, info);
		if (rc <= 0)
			return rc;
	}
	if (batch_post_all(s) != 0)
		return -ENOBUFS;
	return post_cmd(s, i, API_CMD_SEND, id, info, buf, len, NULL, 0, NULL,
			len);
}

static int
post_simple(struct fsctp_sock *s, int type, fsctp_assoc_id_t id)
{
	unsigned int i;

	if (s == NULL || !s->worker)
		return -EINVAL;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	/* Behind the sends this thread made before. */
	if (batch_post_all(s) != 0)
		return -ENOBUFS;
	return fsctp_api_post(s, i, type, id, NULL, NULL, 0, NULL, 0, NULL);
}

int
fsctp_worker_shutdown(struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	return post_simple(s, API_CMD_SHUTDOWN, id);
}

int
fsctp_worker_close(struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	return post_simple(s, API_CMD_ABORT, id);
}

int
fsctp_worker_connect(struct fsctp_sock *s, const struct fsctp_addr *dst,
		     uint16_t src_port)
{
	if (s == NULL || !s->worker || dst == NULL || dst->port == 0)
		return -EINVAL;
	if (batch_post_all(s) != 0)
		return -ENOBUFS;
	return fsctp_api_post(
		s, src_port != 0 ? src_port % s->n_lc : s->next_lc++ % s->n_lc,
		API_CMD_CONNECT, 0, NULL, NULL, 0, dst, src_port, NULL);
}
