/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event delivery. The core's callbacks never call the application
 * directly: every notification and message is queued on ev_ring and
 * dispatched after the library call returns, so application code (which
 * may send, shut down or abort) never runs inside the protocol machine.
 *
 * INLINE mode drains ev_ring on the owner lcore in the same poll turn.
 * WORKER mode: the application runs on its own thread and talks to the
 * owner lcore over three rte_rings per socket (share nothing, DESIGN.md):
 *
 *   ev_ring  owner -> worker  notifications (copied) and received messages
 *                             (the core's struct fsctp_msg, not copied)
 *   ret_ring worker -> owner  consumed messages, given back to the core
 *                             with fsctp_msg_free() on the owner: the
 *                             receive window reopens only then, which is
 *                             the back-pressure towards the peer
 *   cmd_ring worker -> owner  send (copied), shutdown, abort, connect
 *
 * Every ring is single-producer single-consumer; ret_ring is four times
 * ev_ring so that it cannot fill while the owner drains it every turn.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_pause.h>

#include "fsctp_api_internal.h"

enum cmd_type {
	CMD_SEND = 1,
	CMD_SHUTDOWN,
	CMD_ABORT,
	CMD_CONNECT,
};

struct api_cmd {
	enum cmd_type type;
	fsctp_assoc_id_t id;
	struct fsctp_sndinfo info;
	struct fsctp_addr dst;
	uint16_t src_port;
	uint32_t len;
	uint8_t data[];
};

/* A notification; messages travel as tagged struct fsctp_msg pointers. */
struct api_item {
	struct fsctp_event ev;
	uint8_t blob[]; /* copies of ev.causes and ev.data */
};

#define MSG_TAG ((uintptr_t)1)

static struct rte_ring *
mk_ring(const char *what, uint32_t n, unsigned int flags)
{
	static unsigned int seq;
	char name[RTE_RING_NAMESIZE];

	snprintf(name, sizeof(name), "fsctp_%s_%u", what, seq++);
	return rte_ring_create(name, n, SOCKET_ID_ANY, flags);
}

int
fsctp_api_worker_init(struct fsctp_sock *s, uint32_t ring)
{
	unsigned int f = RING_F_SP_ENQ | RING_F_SC_DEQ;

	if (ring == 0)
		ring = s->worker ? 1024 : 16384;

	if (ring == 0 || (ring & (ring - 1)) != 0 || ring > (1u << 20)) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	s->ev_ring = mk_ring("ev", ring, f);
	if (s->worker) {
		s->ret_ring = mk_ring("ret", ring * 4, f);
		s->cmd_ring = mk_ring("cmd", ring, f);
	}
	if (s->ev_ring == NULL ||
	    (s->worker && (s->ret_ring == NULL || s->cmd_ring == NULL))) {
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	return 0;
}

static void
item_release(struct fsctp_sock *s, void *obj)
{
	if ((uintptr_t)obj & MSG_TAG)
		fsctp_msg_free(fsctp_lib_stack(s->lib),
			       (struct fsctp_msg *)((uintptr_t)obj & ~MSG_TAG));
	else
		free(obj);
}

void
fsctp_api_worker_fini(struct fsctp_sock *s)
{
	void *obj;

	if (s == NULL)
		return;
	if (s->ev_ring != NULL)
		while (rte_ring_dequeue(s->ev_ring, &obj) == 0)
			item_release(s, obj);
	if (s->ret_ring != NULL)
		while (rte_ring_dequeue(s->ret_ring, &obj) == 0)
			item_release(s, obj);
	if (s->cmd_ring != NULL)
		while (rte_ring_dequeue(s->cmd_ring, &obj) == 0)
			free(obj);
	rte_ring_free(s->ev_ring);
	rte_ring_free(s->ret_ring);
	rte_ring_free(s->cmd_ring);
	s->ev_ring = s->ret_ring = s->cmd_ring = NULL;
}

bool
fsctp_api_worker_event(struct fsctp_sock *s, const struct fsctp_event *ev)
{
	size_t clen = ev->causes != NULL ? ev->causes_len : 0;
	size_t dlen = ev->data != NULL ? ev->data_len : 0;
	struct api_item *it;

	/* A message travels as its own pointer, tagged: no allocation on
	 * the data path. */
	if (ev->type == FSCTP_EV_DATA)
		return rte_ring_enqueue(
			       s->ev_ring,
			       (void *)((uintptr_t)ev->msg | MSG_TAG)) == 0;
	it = malloc(sizeof(*it) + clen + dlen);
	if (it == NULL)
		return false;
	it->ev = *ev;
	it->ev.msg = NULL;
	if (clen != 0)
		memcpy(it->blob, ev->causes, clen);
	if (dlen != 0)
		memcpy(it->blob + clen, ev->data, dlen);
	if (rte_ring_enqueue(s->ev_ring, it) != 0) {
		free(it);
		return false;
	}
	return true;
}

static void
send_failed(struct fsctp_sock *s, const struct api_cmd *c)
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
	if (!fsctp_api_worker_event(s, &ev))
		s->st.worker_ring_full++;
}

unsigned int
fsctp_api_worker_owner_poll(struct fsctp_sock *s, uint64_t now)
{
	struct fsctp_stack *st = fsctp_lib_stack(s->lib);
	void *objs[64];
	unsigned int n, i, done = 0;

	while ((n = rte_ring_dequeue_burst(s->ret_ring, objs, 64, NULL)) > 0)
		for (i = 0; i < n; i++)
			item_release(s, objs[i]);
	n = rte_ring_dequeue_burst(s->cmd_ring, objs, 64, NULL);
	for (i = 0; i < n; i++) {
		struct api_cmd *c = objs[i];
		int64_t rc = 0;

		switch (c->type) {
		case CMD_SEND:
			rc = fsctp_send(st, c->id, &c->info, c->data, c->len,
					now);
			if (rc == 0) {
				s->st.msgs_sent++;
				s->st.bytes_sent += c->len;
			} else {
				if (rc == -EAGAIN)
					s->st.send_eagain++;
				send_failed(s, c);
			}
			break;
		case CMD_SHUTDOWN:
			fsctp_shutdown(st, c->id, now);
			break;
		case CMD_ABORT:
			fsctp_abort(st, c->id, NULL, 0, now);
			break;
		case CMD_CONNECT:
			rc = fsctp_sock_connect(s, &c->dst, c->src_port);
			if (rc < 0) {
				struct fsctp_event ev;

				memset(&ev, 0, sizeof(ev));
				ev.type = FSCTP_EV_CANT_STR_ASSOC;
				ev.addr = c->dst;
				if (!fsctp_api_worker_event(s, &ev))
					s->st.worker_ring_full++;
			}
			break;
		}
		free(c);
		done++;
	}
	return done;
}

/* ---------------------------------------------------------------------- */
/* The worker thread's side. */

int
fsctp_api_dispatch(struct fsctp_sock *s, unsigned int max, bool owner)
{
	unsigned int done = 0;
	void *obj;

	while (done < max && rte_ring_dequeue(s->ev_ring, &obj) == 0) {
		if ((uintptr_t)obj & MSG_TAG) {
			struct fsctp_msg *m =
				(struct fsctp_msg *)((uintptr_t)obj & ~MSG_TAG);
			struct fsctp_rcvinfo ri = {
				.assoc_id = m->assoc_id,
				.sid = m->sid,
				.ssn = m->ssn,
				.ppid = m->ppid,
				.tsn = m->tsn,
				.unordered = m->unordered,
			};

			if (s->ops.on_data != NULL)
				s->ops.on_data(s, s->ctx, &ri, m->data, m->len);
			if (owner)
				fsctp_msg_free(fsctp_lib_stack(s->lib), m);
			else /* back to the owner for fsctp_msg_free() */
				while (rte_ring_enqueue(s->ret_ring, obj) != 0)
					rte_pause();
		} else {
			struct api_item *it = obj;
			size_t clen =
				it->ev.causes != NULL ? it->ev.causes_len : 0;

			if (it->ev.causes != NULL)
				it->ev.causes = it->blob;
			if (it->ev.data != NULL)
				it->ev.data = it->blob + clen;
			if (s->ops.on_event != NULL)
				s->ops.on_event(s, s->ctx, &it->ev);
			free(it);
		}
		done++;
	}
	return (int)done;
}

int
fsctp_worker_poll(struct fsctp_sock *s, unsigned int max)
{
	if (s == NULL || !s->worker)
		return -EINVAL;
	return fsctp_api_dispatch(s, max, false);
}

static int
post(struct fsctp_sock *s, struct api_cmd *c)
{
	if (rte_ring_enqueue(s->cmd_ring, c) != 0) {
		free(c);
		return -ENOBUFS;
	}
	return 0;
}

int
fsctp_worker_send(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *buf,
		  uint32_t len, const struct fsctp_sndinfo *info)
{
	struct api_cmd *c;

	if (s == NULL || !s->worker || buf == NULL || len == 0)
		return -EINVAL;
	if (len > s->max_msg_size)
		return -EMSGSIZE;
	c = malloc(sizeof(*c) + len);
	if (c == NULL)
		return -ENOMEM;
	memset(c, 0, sizeof(*c));
	c->type = CMD_SEND;
	c->id = id;
	c->info = info != NULL ? *info : s->def_snd;
	c->len = len;
	memcpy(c->data, buf, len);
	return post(s, c);
}

static int
post_simple(struct fsctp_sock *s, enum cmd_type t, fsctp_assoc_id_t id)
{
	struct api_cmd *c;

	if (s == NULL || !s->worker)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->type = t;
	c->id = id;
	return post(s, c);
}

int
fsctp_worker_shutdown(struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	return post_simple(s, CMD_SHUTDOWN, id);
}

int
fsctp_worker_close(struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	return post_simple(s, CMD_ABORT, id);
}

int
fsctp_worker_connect(struct fsctp_sock *s, const struct fsctp_addr *dst,
		     uint16_t src_port)
{
	struct api_cmd *c;

	if (s == NULL || !s->worker || dst == NULL || dst->port == 0)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->type = CMD_CONNECT;
	c->dst = *dst;
	c->src_port = src_port;
	return post(s, c);
}
