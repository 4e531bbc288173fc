/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * WORKER mode: the application runs on its own thread and talks to the
 * fast-path lcores over rings (share nothing):
 *
 *   ev_ring[i]  lcore i -> worker   notifications (copied) and received
 *                                   messages (the core's struct fsctp_msg,
 *                                   not copied), SP/SC
 *   ret_ring[i] worker -> lcore i   consumed messages, given back to the
 *                                   core with fsctp_msg_free() on lcore i:
 *                                   the receive window reopens only then,
 *                                   which is the back-pressure towards the
 *                                   peer, SP/SC
 *   commands    worker -> lcore i   send (copied), shutdown, abort,
 *                                   connect (fsctp_fp_post())
 *
 * Nothing is dropped: an item that does not fit ev_ring waits, in order,
 * on lcore i's overflow list and moves at the next turn. Messages there
 * still hold their bytes of the receive window, so the list is bounded by
 * the windows; notifications by the associations' lifetimes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_pause.h>

#include "fsctp_api_internal.h"

struct api_cmd {
	struct fsctp_fp_cmd c; /* first: run on the target lcore */
	struct fsctp_sock *s;
	int type;
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

static struct rte_ring *
mk_ring(const char *what, uint32_t n)
{
	static unsigned int seq;
	char name[RTE_RING_NAMESIZE];

	snprintf(name, sizeof(name), "fsctp_%s_%u", what, seq++);
	return rte_ring_create(name, n, SOCKET_ID_ANY,
			       RING_F_SP_ENQ | RING_F_SC_DEQ);
}

int
fsctp_api_worker_init(struct fsctp_sock *s, uint32_t ring)
{
	unsigned int i;

	if (!s->worker)
		return 0;
	if (ring == 0)
		ring = 1024;
	if ((ring & (ring - 1)) != 0 || ring > (1u << 20)) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	for (i = 0; i < s->n_lc; i++) {
		s->lc[i].ev_ring = mk_ring("ev", ring);
		s->lc[i].ret_ring = mk_ring("ret", ring * 4);
		if (s->lc[i].ev_ring == NULL || s->lc[i].ret_ring == NULL) {
			rte_errno = ENOMEM;
			return -ENOMEM;
		}
	}
	return 0;
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
	unsigned int i;
	void *obj;

	if (s == NULL)
		return;
	for (i = 0; i < s->n_lc; i++) {
		struct api_lc *l = &s->lc[i];

		if (l->ev_ring != NULL)
			while (rte_ring_dequeue(l->ev_ring, &obj) == 0)
				item_release(s, i, obj);
		if (l->ret_ring != NULL)
			while (rte_ring_dequeue(l->ret_ring, &obj) == 0)
				item_release(s, i, obj);
		while (l->pend_head != NULL) {
			struct api_pend *p = l->pend_head;

			l->pend_head = p->next;
			item_release(s, i, p->obj);
			free(p);
		}
		l->pend_tail = NULL;
		rte_ring_free(l->ev_ring);
		rte_ring_free(l->ret_ring);
		l->ev_ring = l->ret_ring = NULL;
	}
}

/* Keep obj for the next turn (order kept behind what already waits). */
static void
pend(struct fsctp_sock *s, unsigned int i, void *obj)
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
	if (l->pend_tail != NULL)
		l->pend_tail->next = p;
	else
		l->pend_head = p;
	l->pend_tail = p;
	l->st.worker_ring_full++;
}

static void
enqueue(struct fsctp_sock *s, unsigned int i, void *obj)
{
	struct api_lc *l = &s->lc[i];

	if (l->pend_head != NULL || rte_ring_enqueue(l->ev_ring, obj) != 0)
		pend(s, i, obj);
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
		enqueue(s, i, (void *)((uintptr_t)ev->msg | MSG_TAG));
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
	enqueue(s, i, it);
}

void
fsctp_api_worker_turn(struct fsctp_sock *s, unsigned int i)
{
	struct api_lc *l = &s->lc[i];
	void *objs[64];
	unsigned int n, k;

	while ((n = rte_ring_dequeue_burst(l->ret_ring, objs, 64, NULL)) > 0)
		for (k = 0; k < n; k++)
			item_release(s, i, objs[k]);
	while (l->pend_head != NULL &&
	       rte_ring_enqueue(l->ev_ring, l->pend_head->obj) == 0) {
		struct api_pend *p = l->pend_head;

		l->pend_head = p->next;
		if (l->pend_head == NULL)
			l->pend_tail = NULL;
		free(p);
	}
}

/* ---------------------------------------------------------------------- */
/* Commands, run on the lcore that owns the association. */

static void
send_failed(struct fsctp_sock *s, unsigned int i, const struct api_cmd *c)
{
	struct fsctp_event ev;

	if (!(s->event_mask & FSCTP_EVENT_BIT(FSCTP_EV_SEND_FAILED)))
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_SEND_FAILED;
	ev.assoc_id = c->id;
	ev.data = c->data;
	ev.data_len = c->len;
	ev.sid = c->info.sid;
	ev.ppid = c->info.ppid;
	ev.context = c->info.context;
	ev.sent = false;
	if (s->worker)
		fsctp_api_worker_event(s, i, &ev);
	else if (s->ops.on_event != NULL)
		s->ops.on_event(s, s->ctx, &ev);
}

static void
cmd_run(struct fsctp_fp_cmd *fc, unsigned int i, uint64_t now)
{
	struct api_cmd *c = (struct api_cmd *)fc;
	struct fsctp_sock *s = c->s;
	int64_t rc = 0;

	if (i == FSCTP_FP_NO_LCORE) {
		free(c);
		return;
	}
	s->lc[i].st.worker_cmds++;
	switch (c->type) {
	case API_CMD_SEND:
		if (api_send_on(s, i, c->id, c->data, c->len, &c->info, now) !=
		    0)
			send_failed(s, i, c);
		break;
	case API_CMD_SHUTDOWN:
		fsctp_shutdown(api_stack(s, i), c->id, now);
		break;
	case API_CMD_ABORT:
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
}

int
fsctp_api_post(struct fsctp_sock *s, unsigned int i, int type,
	       fsctp_assoc_id_t id, const struct fsctp_sndinfo *info,
	       const void *data, uint32_t len, const struct fsctp_addr *dst,
	       uint16_t src_port, void *user)
{
	struct api_cmd *c = malloc(sizeof(*c) + len);
	int rc;

	if (c == NULL)
		return -ENOMEM;
	memset(c, 0, sizeof(*c));
	c->c.run = cmd_run;
	c->s = s;
	c->type = type;
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
	rc = fsctp_fp_post(s->rt->fp, i, &c->c);
	if (rc != 0)
		free(c);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* The worker thread's side. */

int
fsctp_worker_poll(struct fsctp_sock *s, unsigned int max)
{
	unsigned int done = 0, i, idle = 0;
	void *obj;

	if (s == NULL || !s->worker)
		return -EINVAL;
	/* Round robin over the lcores' rings, one item at a time. */
	for (i = 0; done < max && idle < s->n_lc; i = (i + 1) % s->n_lc) {
		struct api_lc *l = &s->lc[i];

		if (rte_ring_dequeue(l->ev_ring, &obj) != 0) {
			idle++;
			continue;
		}
		idle = 0;
		if ((uintptr_t)obj & MSG_TAG) {
			struct fsctp_msg *m =
				(struct fsctp_msg *)((uintptr_t)obj & ~MSG_TAG);
			struct fsctp_rcvinfo ri = api_rcvinfo(m);

			if (s->ops.on_data != NULL)
				s->ops.on_data(s, s->ctx, &ri, m->data, m->len);
			/* Back to the owner for fsctp_msg_free(); the ring
			 * holds four times what ev_ring can. */
			while (rte_ring_enqueue(l->ret_ring, obj) != 0)
				rte_pause();
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
		done++;
	}
	return (int)done;
}

int
fsctp_worker_send(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *buf,
		  uint32_t len, const struct fsctp_sndinfo *info)
{
	unsigned int i;

	if (s == NULL || !s->worker || buf == NULL || len == 0)
		return -EINVAL;
	if (len > s->max_msg_size)
		return -EMSGSIZE;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	return fsctp_api_post(s, i, API_CMD_SEND, id,
			      info != NULL ? info : &s->def_snd, buf, len, NULL,
			      0, NULL);
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
	return fsctp_api_post(
		s, src_port != 0 ? src_port % s->n_lc : s->next_lc++ % s->n_lc,
		API_CMD_CONNECT, 0, NULL, NULL, 0, dst, src_port, NULL);
}
