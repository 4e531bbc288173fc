/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libfsctp-preload: the runtime thread, the descriptor table, the event
 * callbacks and the socket calls (see fsctp_preload.h for the shape).
 *
 * Environment:
 *   FSCTP_PRELOAD_PROFILE  drivers-config profile (unset: SCTP sockets go
 *                          to the kernel, untouched)
 *   FSCTP_PRELOAD_EAL      extra EAL words, space separated (a
 *                          --file-prefix unique to the process is added
 *                          unless one is given)
 *   FSCTP_PRELOAD_ADDR     replaces port 0's address (fsctp_rt_options)
 *   FSCTP_PRELOAD_IFACE    replaces port 0's iface= (af_packet, tap)
 *   FSCTP_PRELOAD_IDLE_US  sleep after an idle turn (default 20)
 *   FSCTP_PRELOAD_STATS    1: print the counters on stderr at exit
 *   FSCTP_PRELOAD_NODELAY  1: SCTP_NODELAY for every socket of the process
 */
/* fcntl() and fcntl64() are both defined here: no redirection of one to
 * the other. */
#undef _FILE_OFFSET_BITS
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "fsctp_preload.h"

#define PL_EXPORT  __attribute__((visibility("default")))
#define PL_MAX_EAL 32

struct pl_global pl = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
	.init_lock = PTHREAD_MUTEX_INITIALIZER,
	.next_port = 32768,
};
struct pl_real pl_real;

static struct pl_sock *_Atomic pl_fds[PL_MAX_FDS];

#define RESOLVE(f)                                                   \
	do {                                                         \
		if (pl_real.f == NULL)                               \
			*(void **)&pl_real.f = dlsym(RTLD_NEXT, #f); \
	} while (0)

void
pl_resolve(void)
{
	RESOLVE(socket);
	RESOLVE(bind);
	RESOLVE(listen);
	RESOLVE(accept);
	RESOLVE(accept4);
	RESOLVE(connect);
	RESOLVE(send);
	RESOLVE(sendto);
	RESOLVE(sendmsg);
	RESOLVE(recv);
	RESOLVE(recvfrom);
	RESOLVE(recvmsg);
	RESOLVE(read);
	RESOLVE(write);
	RESOLVE(close);
	RESOLVE(shutdown);
	RESOLVE(getsockopt);
	RESOLVE(setsockopt);
	RESOLVE(getsockname);
	RESOLVE(getpeername);
	RESOLVE(fcntl);
	RESOLVE(fcntl64);
	RESOLVE(ioctl);
}

__attribute__((constructor)) static void
pl_ctor(void)
{
	pl_resolve();
}

void
pl_log_once(unsigned int key, const char *fmt, ...)
{
	va_list ap;

	key %= 256;
	if (pl.logged[key / 64] & (UINT64_C(1) << (key % 64)))
		return;
	pl.logged[key / 64] |= UINT64_C(1) << (key % 64);
	fprintf(stderr, "fsctp-preload: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---------------------------------------------------------------------- */
/* The lock: the poll thread yields it to application threads that wait. */

void
pl_lock(void)
{
	atomic_fetch_add(&pl.want, 1);
	pthread_mutex_lock(&pl.lock);
	atomic_fetch_sub(&pl.want, 1);
}

void
pl_unlock(void)
{
	pthread_mutex_unlock(&pl.lock);
}

/* Wait for a state change; false on timeout. tv zero: no timeout. */
bool
pl_wait(const struct timeval *tv)
{
	struct timespec ts;

	if (tv == NULL || (tv->tv_sec == 0 && tv->tv_usec == 0)) {
		pthread_cond_wait(&pl.cond, &pl.lock);
		return true;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += tv->tv_sec;
	ts.tv_nsec += tv->tv_usec * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return pthread_cond_timedwait(&pl.cond, &pl.lock, &ts) == 0;
}

/* ---------------------------------------------------------------------- */
/* Descriptors. */

struct pl_sock *
pl_get(int fd)
{
	if (fd < 0 || fd >= PL_MAX_FDS)
		return NULL;
	return atomic_load_explicit(&pl_fds[fd], memory_order_acquire);
}

int
pl_new_fd(struct pl_sock *sk, bool nonblock)
{
	int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	if (fd < 0)
		return -errno;
	if (fd >= PL_MAX_FDS) {
		pl.st.fd_table_full++;
		pl_real.close(fd);
		return -EMFILE;
	}
	sk->fd = fd;
	sk->nonblock = nonblock;
	sk->signalled = false;
	atomic_store_explicit(&pl_fds[fd], sk, memory_order_release);
	return fd;
}

static bool
pl_readable(const struct pl_sock *sk)
{
	return sk->rxq != NULL || sk->acceptq != NULL || sk->eof ||
	       sk->so_error != 0;
}

/* Make the eventfd's readiness match the socket's, and wake the
 * application threads that wait on the lock's condition. */
void
pl_update(struct pl_sock *sk)
{
	uint64_t v = 1;
	bool r = pl_readable(sk);

	if (sk->fd >= 0 && r != sk->signalled && sk->wfd >= 0) {
		uint8_t b[64] = { 0 };

		if (r) {
			if (pl_real.write(sk->wfd, b, 1) == 1)
				sk->signalled = true;
		} else {
			while (pl_real.read(sk->fd, b, sizeof(b)) > 0)
				;
			sk->signalled = false;
		}
	} else if (sk->fd >= 0 && r != sk->signalled) {
		if (r) {
			if (pl_real.write(sk->fd, &v, sizeof(v)) == sizeof(v))
				sk->signalled = true;
		} else {
			if (pl_real.read(sk->fd, &v, sizeof(v)) == sizeof(v) ||
			    errno == EAGAIN)
				sk->signalled = false;
		}
	}
	pthread_cond_broadcast(&pl.cond);
}

/* ---------------------------------------------------------------------- */
/* Addresses. */

int
pl_addr_from_sa(const struct sockaddr *sa, socklen_t len,
		struct fsctp_addr *out)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0,    0,
					    0, 0, 0, 0, 0xff, 0xff };

	memset(out, 0, sizeof(*out));
	if (sa == NULL || len < sizeof(sa_family_t))
		return -EINVAL;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		if (len < sizeof(*in))
			return -EINVAL;
		out->family = FSCTP_AF_INET4;
		out->port = ntohs(in->sin_port);
		memcpy(out->ip.v4, &in->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		if (len < sizeof(*in6))
			return -EINVAL;
		out->port = ntohs(in6->sin6_port);
		if (memcmp(&in6->sin6_addr, mapped, 12) == 0) {
			out->family = FSCTP_AF_INET4;
			memcpy(out->ip.v4, in6->sin6_addr.s6_addr + 12, 4);
		} else {
			out->family = FSCTP_AF_INET6;
			memcpy(out->ip.v6, &in6->sin6_addr, 16);
		}
		return 0;
	}
	return -EAFNOSUPPORT;
}

socklen_t
pl_addr_to_sa(const struct pl_sock *sk, const struct fsctp_addr *a,
	      struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (sk->family == AF_INET6) {
		struct sockaddr_in6 *in6 = (void *)ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(a->port);
		if (a->family == FSCTP_AF_INET6) {
			memcpy(&in6->sin6_addr, a->ip.v6, 16);
		} else if (a->family == FSCTP_AF_INET4) {
			in6->sin6_addr.s6_addr[10] = 0xff;
			in6->sin6_addr.s6_addr[11] = 0xff;
			memcpy(in6->sin6_addr.s6_addr + 12, a->ip.v4, 4);
		}
		return sizeof(*in6);
	}
	struct sockaddr_in *in = (void *)ss;

	in->sin_family = AF_INET;
	in->sin_port = htons(a->port);
	if (a->family == FSCTP_AF_INET4)
		memcpy(&in->sin_addr, a->ip.v4, 4);
	return sizeof(*in);
}

void
pl_copy_sa(const struct pl_sock *sk, const struct fsctp_addr *a,
	   struct sockaddr *out, socklen_t *len)
{
	struct sockaddr_storage ss;
	socklen_t n;

	if (out == NULL || len == NULL)
		return;
	n = pl_addr_to_sa(sk, a, &ss);
	memcpy(out, &ss, *len < n ? *len : n);
	*len = n;
}

static bool
pl_addr_any(const struct fsctp_addr *a)
{
	static const uint8_t zero[16];

	return memcmp(a->ip.v6, zero, a->family == FSCTP_AF_INET6 ? 16 : 4) ==
	       0;
}

/* ---------------------------------------------------------------------- */
/* Associations. */

struct pl_assoc *
pl_find_assoc(struct pl_sock *sk, fsctp_assoc_id_t id)
{
	struct pl_assoc *as;

	for (as = sk->assocs; as != NULL; as = as->next)
		if (as->id == id)
			return as;
	return NULL;
}

struct pl_assoc *
pl_find_peer(struct pl_sock *sk, const struct fsctp_addr *peer)
{
	struct pl_assoc *as;

	for (as = sk->assocs; as != NULL; as = as->next)
		if (!as->gone && fsctp_addr_eq(&as->peer, peer))
			return as;
	return NULL;
}

/* The association a call without an id means: the one-to-one socket's. */
struct pl_assoc *
pl_default_assoc(struct pl_sock *sk)
{
	return sk->type == SOCK_STREAM ? sk->assocs : NULL;
}

static void
pl_unlink_assoc(struct pl_sock *sk, struct pl_assoc *as)
{
	struct pl_assoc **pp;

	for (pp = &sk->assocs; *pp != NULL; pp = &(*pp)->next)
		if (*pp == as) {
			*pp = as->next;
			sk->n_assocs--;
			return;
		}
}

static struct pl_assoc *
pl_attach(struct pl_sock *sk, fsctp_assoc_id_t id)
{
	struct pl_assoc *as;

	if (sk->n_assocs >= PL_ASSOC_PER_SOCK) {
		pl.st.assoc_limit++;
		return NULL;
	}
	as = calloc(1, sizeof(*as));
	if (as == NULL) {
		pl.st.alloc_fail++;
		return NULL;
	}
	as->id = id;
	as->sk = sk;
	as->next = sk->assocs;
	sk->assocs = as;
	sk->n_assocs++;
	return as;
}

static void
pl_enqueue(struct pl_sock *sk, struct pl_item *it)
{
	it->next = NULL;
	if (sk->rxq_tail != NULL)
		sk->rxq_tail->next = it;
	else
		sk->rxq = it;
	sk->rxq_tail = it;
	sk->rx_bytes += it->len;
}

void
pl_item_free(struct pl_item *it)
{
	if (it->msg != NULL)
		fsctp_sock_msg_free(pl.s, it->msg);
	free(it);
}

/* ---------------------------------------------------------------------- */
/* Notifications (RFC 6458 section 6.1, the Linux layout). */

static bool
pl_subscribed(const struct pl_sock *sk, enum fsctp_event_type t)
{
	switch (t) {
	case FSCTP_EV_COMM_UP:
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_RESTART:
	case FSCTP_EV_SHUTDOWN_COMP:
	case FSCTP_EV_CANT_STR_ASSOC:
		return sk->ev.sctp_association_event;
	case FSCTP_EV_PEER_ADDR_CHANGE:
		return sk->ev.sctp_address_event;
	case FSCTP_EV_SEND_FAILED:
		return sk->ev.sctp_send_failure_event;
	case FSCTP_EV_REMOTE_ERROR:
		return sk->ev.sctp_peer_error_event;
	case FSCTP_EV_SHUTDOWN_EVENT:
		return sk->ev.sctp_shutdown_event;
	case FSCTP_EV_PARTIAL_DELIVERY:
		return sk->ev.sctp_partial_delivery_event;
	case FSCTP_EV_ADAPTATION_IND:
		return sk->ev.sctp_adaptation_layer_event;
	case FSCTP_EV_SENDER_DRY:
		return sk->ev.sctp_sender_dry_event;
	default:
		return false;
	}
}

static void
pl_notify(struct pl_sock *sk, struct pl_assoc *as, const struct fsctp_event *ev)
{
	uint8_t buf[512];
	uint32_t len = 0;
	sctp_assoc_t aid = (sctp_assoc_t)as->id;
	struct pl_item *it;

	if (!pl_subscribed(sk, ev->type))
		return;
	memset(buf, 0, sizeof(buf));
	switch (ev->type) {
	case FSCTP_EV_COMM_UP:
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_RESTART:
	case FSCTP_EV_SHUTDOWN_COMP:
	case FSCTP_EV_CANT_STR_ASSOC: {
		struct sctp_assoc_change *c = (void *)buf;
		static const uint16_t state[] = {
			[FSCTP_EV_COMM_UP] = SCTP_COMM_UP,
			[FSCTP_EV_COMM_LOST] = SCTP_COMM_LOST,
			[FSCTP_EV_RESTART] = SCTP_RESTART,
			[FSCTP_EV_SHUTDOWN_COMP] = SCTP_SHUTDOWN_COMP,
			[FSCTP_EV_CANT_STR_ASSOC] = SCTP_CANT_STR_ASSOC,
		};

		len = sizeof(*c);
		c->sac_type = SCTP_ASSOC_CHANGE;
		c->sac_length = len;
		c->sac_state = state[ev->type];
		c->sac_error = ev->cause;
		c->sac_outbound_streams = as->outstrms;
		c->sac_inbound_streams = as->instrms;
		c->sac_assoc_id = aid;
		break;
	}
	case FSCTP_EV_PEER_ADDR_CHANGE: {
		struct sctp_paddr_change *c = (void *)buf;
		struct sockaddr_storage ss;

		len = sizeof(*c);
		c->spc_type = SCTP_PEER_ADDR_CHANGE;
		c->spc_length = len;
		pl_addr_to_sa(sk, &ev->addr, &ss);
		memcpy(&c->spc_aaddr, &ss, sizeof(c->spc_aaddr));
		/* RFC 6458 6.1.2: the enum follows spc_state's values. */
		_Static_assert(
			(int)FSCTP_ADDR_UNREACHABLE ==
					(int)SCTP_ADDR_UNREACHABLE &&
				(int)FSCTP_ADDR_MADE_PRIM ==
					(int)SCTP_ADDR_MADE_PRIM &&
				(int)FSCTP_ADDR_POTENTIALLY_FAILED ==
					(int)SCTP_ADDR_POTENTIALLY_FAILED,
			"fsctp_addr_state differs from spc_state");
		c->spc_state = ev->addr_state;
		c->spc_error = (int)ev->addr_error;
		c->spc_assoc_id = aid;
		break;
	}
	case FSCTP_EV_SEND_FAILED: {
		struct sctp_send_failed *c = (void *)buf;
		uint32_t n = ev->data_len;

		if (n > sizeof(buf) - sizeof(*c))
			n = sizeof(buf) - sizeof(*c);
		len = sizeof(*c) + n;
		c->ssf_type = SCTP_SEND_FAILED;
		c->ssf_flags = ev->sent ? SCTP_DATA_SENT : SCTP_DATA_UNSENT;
		c->ssf_length = len;
		c->ssf_info.sinfo_stream = ev->sid;
		c->ssf_info.sinfo_ppid = htonl(ev->ppid);
		c->ssf_info.sinfo_context = (uint32_t)ev->context;
		c->ssf_info.sinfo_assoc_id = aid;
		c->ssf_assoc_id = aid;
		if (n > 0 && ev->data != NULL)
			memcpy(c->ssf_data, ev->data, n);
		break;
	}
	case FSCTP_EV_REMOTE_ERROR: {
		struct sctp_remote_error *c = (void *)buf;
		uint32_t n = ev->causes_len;

		if (n > sizeof(buf) - sizeof(*c))
			n = sizeof(buf) - sizeof(*c);
		len = sizeof(*c) + n;
		c->sre_type = SCTP_REMOTE_ERROR;
		c->sre_length = len;
		c->sre_error = htons(ev->cause);
		c->sre_assoc_id = aid;
		if (n > 0 && ev->causes != NULL)
			memcpy(c->sre_data, ev->causes, n);
		break;
	}
	case FSCTP_EV_SHUTDOWN_EVENT: {
		struct sctp_shutdown_event *c = (void *)buf;

		len = sizeof(*c);
		c->sse_type = SCTP_SHUTDOWN_EVENT;
		c->sse_length = len;
		c->sse_assoc_id = aid;
		break;
	}
	case FSCTP_EV_PARTIAL_DELIVERY: {
		struct sctp_pdapi_event *c = (void *)buf;

		len = sizeof(*c);
		c->pdapi_type = SCTP_PARTIAL_DELIVERY_EVENT;
		c->pdapi_length = len;
		c->pdapi_indication = SCTP_PARTIAL_DELIVERY_ABORTED;
		c->pdapi_assoc_id = aid;
		break;
	}
	case FSCTP_EV_ADAPTATION_IND: {
		struct sctp_adaptation_event *c = (void *)buf;

		len = sizeof(*c);
		c->sai_type = SCTP_ADAPTATION_INDICATION;
		c->sai_length = len;
		c->sai_adaptation_ind = ev->adaptation;
		c->sai_assoc_id = aid;
		break;
	}
	case FSCTP_EV_SENDER_DRY: {
		struct sctp_sender_dry_event *c = (void *)buf;

		len = sizeof(*c);
		c->sender_dry_type = SCTP_SENDER_DRY_EVENT;
		c->sender_dry_length = len;
		c->sender_dry_assoc_id = aid;
		break;
	}
	default:
		return;
	}
	it = malloc(sizeof(*it) + len);
	if (it == NULL) {
		pl.st.alloc_fail++;
		return;
	}
	memset(it, 0, sizeof(*it));
	it->notif = true;
	it->len = len;
	it->peer = as->peer;
	it->ri.assoc_id = as->id;
	memcpy(it->data, buf, len);
	it->buf = it->data;
	pl_enqueue(sk, it);
	pl.st.notifs++;
}

/* ---------------------------------------------------------------------- */
/* Callbacks: inline on the poll thread (or on an application thread
 * inside an fsctp call), always with pl.lock held. */

static void
pl_free_assoc_if_orphan(struct pl_assoc *as)
{
	if (as->gone && as->sk == NULL)
		free(as);
}

static struct pl_sock *pl_sock_new(int type, int family);

/* COMM_UP of an association the program did not connect: its listener's. */
static struct pl_assoc *
pl_incoming(fsctp_assoc_id_t id)
{
	struct fsctp_addr local, peer;
	struct pl_sock *l, *child;
	struct pl_assoc *as;

	if (fsctp_sock_assoc_addrs(pl.s, id, &local, &peer) != 0)
		return NULL;
	l = pl.listener[local.port];
	if (l == NULL || l->closed) {
		pl.st.no_listener++;
		goto refuse;
	}
	if (l->type == SOCK_SEQPACKET) {
		as = pl_attach(l, id);
	} else {
		if (l->n_acceptq >= l->backlog) {
			pl.st.acceptq_full++;
			goto refuse;
		}
		child = pl_sock_new(SOCK_STREAM, l->family);
		if (child == NULL)
			goto refuse;
		child->ev = l->ev;
		child->recvrcvinfo = l->recvrcvinfo;
		child->nodelay = l->nodelay;
		child->def_snd = l->def_snd;
		child->rcvbuf = l->rcvbuf;
		child->sndbuf = l->sndbuf;
		child->linger = l->linger;
		child->v4mapped = l->v4mapped;
		child->bound = true;
		child->laddr = local;
		as = pl_attach(child, id);
		if (as == NULL) {
			free(child);
			goto refuse;
		}
		if (l->acceptq_tail != NULL)
			l->acceptq_tail->next_accept = child;
		else
			l->acceptq = child;
		l->acceptq_tail = child;
		l->n_acceptq++;
		pl_update(l);
	}
	if (as == NULL)
		goto refuse;
	as->local = local;
	as->peer = peer;
	fsctp_sock_set_assoc_user(pl.s, id, as);
	return as;
refuse:
	fsctp_sock_abort(pl.s, id, NULL, 0);
	return NULL;
}

/* A message: queued as the stack gave it. The receive queue's bound is
 * the stack's receive window (each association's rwnd): the bytes return
 * to it only when the program has read them (pl_item_free()). */
static void
pl_on_msg(struct fsctp_sock *s, void *ctx, struct fsctp_msg *m)
{
	struct pl_assoc *as = m->user;
	struct pl_sock *sk;
	struct pl_item *it;

	(void)ctx;
	if (as == NULL || as->sk == NULL) {
		pl.st.orphan_data++;
		fsctp_sock_msg_free(s, m);
		return;
	}
	sk = as->sk;
	it = calloc(1, sizeof(*it));
	if (it == NULL) {
		/* The bytes were acknowledged already: the association
		 * cannot continue without them. */
		pl.st.alloc_fail++;
		fsctp_sock_msg_free(s, m);
		fsctp_sock_abort(s, as->id, NULL, 0);
		return;
	}
	it->ri.assoc_id = m->assoc_id;
	it->ri.sid = m->sid;
	it->ri.ssn = m->ssn;
	it->ri.ppid = m->ppid;
	it->ri.tsn = m->tsn;
	it->ri.unordered = m->unordered;
	it->partial = m->partial;
	it->peer = as->peer;
	it->len = m->len;
	it->msg = m;
	it->buf = m->data;
	pl_enqueue(sk, it);
	pl.st.msgs_in++;
	pl_update(sk);
}

static void
pl_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct pl_assoc *as = ev->user;
	struct pl_sock *sk;
	struct fsctp_status st;
	size_t n = sizeof(st);

	(void)ctx;
	if (ev->type == FSCTP_EV_WRITABLE) {
		pthread_cond_broadcast(&pl.cond);
		return;
	}
	if (as == NULL) {
		if (ev->type != FSCTP_EV_COMM_UP)
			return;
		as = pl_incoming(ev->assoc_id);
		if (as == NULL)
			return;
	}
	if (ev->type == FSCTP_EV_COMM_UP || ev->type == FSCTP_EV_RESTART) {
		as->up = true;
		fsctp_sock_assoc_addrs(s, as->id, &as->local, &as->peer);
		if (fsctp_getopt(s, as->id, FSCTP_OPT_STATUS, &st, &n) == 0) {
			as->instrms = st.instrms;
			as->outstrms = st.outstrms;
		}
	}
	sk = as->sk;
	if (sk != NULL)
		pl_notify(sk, as, ev);
	switch (ev->type) {
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_CANT_STR_ASSOC:
	case FSCTP_EV_SHUTDOWN_COMP:
		as->gone = true;
		as->err = ev->type == FSCTP_EV_SHUTDOWN_COMP ? 0
			  : ev->type == FSCTP_EV_COMM_LOST   ? ECONNRESET
							     : ECONNREFUSED;
		if (sk == NULL) {
			free(as);
			return;
		}
		if (sk->type == SOCK_STREAM) {
			sk->eof = true;
			if (as->err != 0 && as->up)
				sk->so_error = as->err;
		} else {
			pl_unlink_assoc(sk, as);
			/* A connect() waiting on it reads as->err first:
			 * freed by the waiter (connect keeps it linked). */
			free(as);
		}
		break;
	case FSCTP_EV_SHUTDOWN_EVENT:
		if (sk != NULL && sk->type == SOCK_STREAM)
			sk->eof = true;
		break;
	default:
		break;
	}
	if (sk != NULL)
		pl_update(sk);
	else
		pl_free_assoc_if_orphan(as);
}

/* ---------------------------------------------------------------------- */
/* The runtime thread. */

static void *
pl_thread_main(void *arg)
{
	const char *profile = getenv("FSCTP_PRELOAD_PROFILE");
	const char *eal_env = getenv("FSCTP_PRELOAD_EAL");
	const char *idle = getenv("FSCTP_PRELOAD_IDLE_US");
	char *eal[PL_MAX_EAL], *copy = NULL, *save = NULL, *w;
	char prefix[64];
	struct fsctp_rt_options o = { 0 };
	struct fsctp_sock_config cfg = { 0 };
	bool has_prefix = false;
	int n = 0;

	(void)arg;
	pl.idle_us = idle != NULL ? (unsigned int)atoi(idle) : 20;
	if (eal_env != NULL) {
		copy = strdup(eal_env);
		for (w = copy ? strtok_r(copy, " \t", &save) : NULL;
		     w != NULL && n < PL_MAX_EAL - 1;
		     w = strtok_r(NULL, " \t", &save)) {
			if (strncmp(w, "--file-prefix", 13) == 0)
				has_prefix = true;
			eal[n++] = w;
		}
	}
	if (!has_prefix) {
		snprintf(prefix, sizeof(prefix), "--file-prefix=fsctp-pl-%d",
			 (int)getpid());
		eal[n++] = prefix;
	}
	o.profile = profile;
	o.addr = getenv("FSCTP_PRELOAD_ADDR");
	o.iface = getenv("FSCTP_PRELOAD_IFACE");
	o.n_eal = n;
	o.eal = eal;
	pl.rt = fsctp_rt_open(&o);
	if (pl.rt != NULL) {
		cfg.ops.on_msg = pl_on_msg;
		cfg.ops.on_event = pl_on_event;
		pl.s = fsctp_sock_create(pl.rt, &cfg);
		if (pl.s != NULL && getenv("FSCTP_PRELOAD_NODELAY") != NULL &&
		    atoi(getenv("FSCTP_PRELOAD_NODELAY")) != 0) {
			int on = 1;

			fsctp_setopt(pl.s, 0, FSCTP_OPT_NODELAY, &on,
				     sizeof(on));
		}
		if (pl.s == NULL) {
			pl.init_err = fsctp_errno();
			fsctp_rt_close(pl.rt);
			pl.rt = NULL;
		}
	} else {
		pl.init_err = fsctp_errno();
	}
	free(copy);
	pthread_mutex_lock(&pl.lock);
	pl.started = pl.s != NULL ? 1 : -1;
	pthread_cond_broadcast(&pl.cond);
	pthread_mutex_unlock(&pl.lock);
	if (pl.s == NULL)
		return NULL;
	while (!atomic_load(&pl.stop)) {
		int work;

		pthread_mutex_lock(&pl.lock);
		work = fsctp_rt_poll(pl.rt);
		pthread_mutex_unlock(&pl.lock);
		if (atomic_load(&pl.want) > 0)
			sched_yield();
		else if (work <= 0 && pl.idle_us > 0)
			usleep(pl.idle_us);
	}
	return NULL;
}

static void
pl_fini(void)
{
	if (pl.started != 1)
		return;
	atomic_store(&pl.stop, 1);
	pthread_join(pl.thread, NULL);
	pthread_mutex_lock(&pl.lock);
	fsctp_rt_close(pl.rt);
	pl.started = 0;
	pthread_mutex_unlock(&pl.lock);
	if (getenv("FSCTP_PRELOAD_STATS") != NULL)
		fprintf(stderr,
			"fsctp-preload: stats msgs_in=%" PRIu64
			" msgs_out=%" PRIu64 " notifs=%" PRIu64
			" fd_table_full=%" PRIu64 " acceptq_full=%" PRIu64
			" assoc_limit=%" PRIu64 " alloc_fail=%" PRIu64
			" no_listener=%" PRIu64 " unsupported_opt=%" PRIu64
			" orphan_data=%" PRIu64 "\n",
			pl.st.msgs_in, pl.st.msgs_out, pl.st.notifs,
			pl.st.fd_table_full, pl.st.acceptq_full,
			pl.st.assoc_limit, pl.st.alloc_fail, pl.st.no_listener,
			pl.st.unsupported_opt, pl.st.orphan_data);
}

/* Start the runtime once. @return 0, 1 (no profile: use the kernel) or
 * -errno. */
static int
pl_start(void)
{
	int rc;

	if (pl.started == 1)
		return 0;
	if (getenv("FSCTP_PRELOAD_PROFILE") == NULL)
		return 1;
	pthread_mutex_lock(&pl.init_lock);
	if (pl.started == 0) {
		if (pthread_create(&pl.thread, NULL, pl_thread_main, NULL) !=
		    0) {
			pl.started = -1;
		} else {
			pthread_mutex_lock(&pl.lock);
			while (pl.started == 0)
				pthread_cond_wait(&pl.cond, &pl.lock);
			pthread_mutex_unlock(&pl.lock);
			if (pl.started == 1)
				atexit(pl_fini);
			else
				pthread_join(pl.thread, NULL);
		}
		if (pl.started != 1)
			fprintf(stderr,
				"fsctp-preload: cannot start the fsctp "
				"runtime from %s: %s\n",
				getenv("FSCTP_PRELOAD_PROFILE"),
				fsctp_strerror(pl.init_err));
	}
	rc = pl.started == 1 ? 0 : -EPROTONOSUPPORT;
	pthread_mutex_unlock(&pl.init_lock);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Sockets. */

static struct pl_sock *
pl_sock_new(int type, int family)
{
	struct pl_sock *sk = calloc(1, sizeof(*sk));

	if (sk == NULL) {
		pl.st.alloc_fail++;
		return NULL;
	}
	sk->fd = -1;
	sk->wfd = -1;
	sk->type = type;
	sk->family = family;
	sk->v4mapped = true;
	sk->backlog = 1;
	return sk;
}

int
pl_fail(int err)
{
	errno = err;
	return -1;
}

PL_EXPORT int
socket(int domain, int type, int protocol)
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct pl_sock *sk;
	int rc, fd;

	pl_resolve();
	if (protocol != IPPROTO_SCTP ||
	    (domain != AF_INET && domain != AF_INET6) ||
	    (base != SOCK_STREAM && base != SOCK_SEQPACKET))
		return pl_real.socket(domain, type, protocol);
	rc = pl_start();
	if (rc == 1)
		return pl_real.socket(domain, type, protocol);
	if (rc < 0)
		return pl_fail(-rc);
	sk = pl_sock_new(base, domain);
	if (sk == NULL)
		return pl_fail(ENOMEM);
	pl_lock();
	fd = pl_new_fd(sk, (type & SOCK_NONBLOCK) != 0);
	pl_unlock();
	if (fd < 0) {
		free(sk);
		return pl_fail(-fd);
	}
	return fd;
}

/* Is a an address of the runtime's ports (or the wildcard)? */
static bool
pl_local_addr(const struct fsctp_addr *a)
{
	struct fsctp_addr l;
	uint16_t p;

	if (pl_addr_any(a))
		return true;
	for (p = 0; p < fsctp_rt_n_ports(pl.rt); p++)
		if (fsctp_rt_port_addr(pl.rt, p, a->family, &l) == 0 &&
		    fsctp_addr_ip_eq(&l, a))
			return true;
	return false;
}

int
pl_bind_addr(struct pl_sock *sk, const struct fsctp_addr *a)
{
	if (sk->bound) {
		/* sctp_bindx() of more addresses: the port must match
		 * (RFC 6458 9.1); fsctp associations are single-homed on
		 * the profile's address, so the extra ones are only
		 * checked. */
		if (a->port != 0 && a->port != sk->laddr.port)
			return -EINVAL;
		return pl_local_addr(a) ? 0 : -EADDRNOTAVAIL;
	}
	if (!pl_local_addr(a))
		return -EADDRNOTAVAIL;
	if (a->port != 0 && pl.listener[a->port] != NULL &&
	    pl.listener[a->port] != sk)
		return -EADDRINUSE;
	sk->laddr = *a;
	sk->bound = true;
	return 0;
}

PL_EXPORT int
bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct pl_sock *sk = pl_get(fd);
	struct fsctp_addr a;
	int rc;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.bind(fd, sa, len);
	}
	rc = pl_addr_from_sa(sa, len, &a);
	if (rc != 0)
		return pl_fail(-rc);
	pl_lock();
	rc = sk->bound ? -EINVAL : pl_bind_addr(sk, &a);
	pl_unlock();
	return rc == 0 ? 0 : pl_fail(-rc);
}

PL_EXPORT int
listen(int fd, int backlog)
{
	struct pl_sock *sk = pl_get(fd);
	uint16_t port;
	int rc = 0;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.listen(fd, backlog);
	}
	pl_lock();
	if (!sk->bound) {
		sk->laddr.family = sk->family == AF_INET6 ? FSCTP_AF_INET6
							  : FSCTP_AF_INET4;
		sk->bound = true;
	}
	if (sk->laddr.port == 0) {
		while (pl.listener[pl.next_port] != NULL ||
		       pl.fsctp_listening[pl.next_port])
			pl.next_port = pl.next_port >= 49151 ? 32768
							     : pl.next_port + 1;
		sk->laddr.port = pl.next_port++;
	}
	port = sk->laddr.port;
	if (pl.listener[port] != NULL && pl.listener[port] != sk) {
		rc = -EADDRINUSE;
	} else if (!pl.fsctp_listening[port]) {
		rc = fsctp_sock_listen(pl.s, port);
		if (rc == 0)
			pl.fsctp_listening[port] = true;
	}
	if (rc == 0 && sk->type == SOCK_STREAM && sk->wfd < 0) {
		/* A listening socket is never writable: programs that poll
		 * it for POLLOUT too must not be told to accept(). The
		 * eventfd becomes a pipe's read end, same descriptor. */
		int p[2];

		if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0) {
			rc = -errno;
		} else if (dup3(p[0], sk->fd, O_CLOEXEC) < 0) {
			rc = -errno;
			pl_real.close(p[0]);
			pl_real.close(p[1]);
		} else {
			pl_real.close(p[0]);
			sk->wfd = p[1];
			sk->signalled = false;
		}
	}
	if (rc == 0) {
		pl.listener[port] = sk;
		sk->listening = true;
		if (backlog < 1)
			backlog = 1;
		sk->backlog = backlog > PL_BACKLOG_MAX ? PL_BACKLOG_MAX
						       : (unsigned int)backlog;
	}
	pl_unlock();
	return rc == 0 ? 0 : pl_fail(-rc);
}

/* Start an association and wait for its end of the handshake (also for
 * a non-blocking socket: see docs/USING.md). Lock held. */
int
pl_connect_addr(struct pl_sock *sk, const struct fsctp_addr *dst,
		fsctp_assoc_id_t *idp)
{
	struct pl_assoc *as;
	int64_t id;
	int err;

	if (sk->type == SOCK_STREAM && sk->assocs != NULL)
		return sk->assocs->up && !sk->assocs->gone ? -EISCONN
							   : -EALREADY;
	if (sk->listening && sk->type == SOCK_STREAM)
		return -EINVAL;
	if (dst->port == 0 || pl_addr_any(dst))
		return -EINVAL;
	as = pl_attach(sk, 0);
	if (as == NULL)
		return -ENOMEM;
	as->peer = *dst;
	id = fsctp_sock_connect_ex(pl.s, dst, sk->bound ? sk->laddr.port : 0,
				   as);
	if (id < 0) {
		pl_unlink_assoc(sk, as);
		free(as);
		return (int)id;
	}
	as->id = (fsctp_assoc_id_t)id;
	/* pl_on_event frees a one-to-many association when it fails:
	 * keep watching by id. */
	for (;;) {
		as = pl_find_assoc(sk, (fsctp_assoc_id_t)id);
		if (as == NULL)
			return -ECONNREFUSED;
		if (as->up || as->gone)
			break;
		pl_wait(NULL);
	}
	if (as->gone && !as->up) {
		err = as->err != 0 ? as->err : ECONNREFUSED;
		if (sk->type == SOCK_STREAM) {
			pl_unlink_assoc(sk, as);
			free(as);
			sk->eof = false;
			sk->so_error = 0;
			pl_update(sk);
		}
		return -err;
	}
	if (!sk->bound) {
		sk->laddr = as->local;
		sk->bound = true;
	}
	if (idp != NULL)
		*idp = as->id;
	return 0;
}

PL_EXPORT int
connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	struct pl_sock *sk = pl_get(fd);
	struct fsctp_addr dst;
	int rc;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.connect(fd, sa, len);
	}
	rc = pl_addr_from_sa(sa, len, &dst);
	if (rc != 0)
		return pl_fail(-rc);
	pl_lock();
	rc = pl_connect_addr(sk, &dst, NULL);
	pl_unlock();
	return rc == 0 ? 0 : pl_fail(-rc);
}

static int
pl_accept(int fd, struct sockaddr *sa, socklen_t *len, int flags)
{
	struct pl_sock *sk = pl_get(fd), *c;
	int nfd;

	pl_lock();
	if (sk->type != SOCK_STREAM) {
		pl_unlock();
		return pl_fail(EOPNOTSUPP);
	}
	if (!sk->listening) {
		pl_unlock();
		return pl_fail(EINVAL);
	}
	while (sk->acceptq == NULL) {
		if (sk->nonblock || sk->closed) {
			pl_unlock();
			return pl_fail(sk->closed ? EBADF : EAGAIN);
		}
		pl_wait(NULL);
	}
	c = sk->acceptq;
	sk->acceptq = c->next_accept;
	if (sk->acceptq == NULL)
		sk->acceptq_tail = NULL;
	sk->n_acceptq--;
	c->next_accept = NULL;
	nfd = pl_new_fd(c, (flags & SOCK_NONBLOCK) != 0);
	if (nfd < 0) {
		/* Give it back: the program may close something. */
		c->next_accept = sk->acceptq;
		sk->acceptq = c;
		if (sk->acceptq_tail == NULL)
			sk->acceptq_tail = c;
		sk->n_acceptq++;
		pl_unlock();
		return pl_fail(-nfd);
	}
	pl_copy_sa(c, &c->assocs->peer, sa, len);
	pl_update(c);
	pl_update(sk);
	pl_unlock();
	return nfd;
}

PL_EXPORT int
accept(int fd, struct sockaddr *sa, socklen_t *len)
{
	if (pl_get(fd) == NULL) {
		pl_resolve();
		return pl_real.accept(fd, sa, len);
	}
	return pl_accept(fd, sa, len, 0);
}

PL_EXPORT int
accept4(int fd, struct sockaddr *sa, socklen_t *len, int flags)
{
	if (pl_get(fd) == NULL) {
		pl_resolve();
		return pl_real.accept4(fd, sa, len, flags);
	}
	return pl_accept(fd, sa, len, flags);
}

/* ---------------------------------------------------------------------- */
/* Ending. */

/* Detach a socket's associations: SHUTDOWN (RFC 9260 9.2), or ABORT with
 * SO_LINGER on and a zero linger time (RFC 6458 4.1.7). Lock held. */
static void
pl_release(struct pl_sock *sk)
{
	struct pl_assoc *as, *next;
	struct pl_item *it, *inext;
	struct pl_sock *c, *cnext;

	for (as = sk->assocs; as != NULL; as = next) {
		next = as->next;
		as->sk = NULL;
		if (as->gone) {
			free(as);
			continue;
		}
		if (sk->linger.l_onoff && sk->linger.l_linger == 0)
			fsctp_sock_abort(pl.s, as->id, NULL, 0);
		else
			fsctp_sock_shutdown(pl.s, as->id);
		/* Its final event frees it (pl_on_event). */
	}
	sk->assocs = NULL;
	for (c = sk->acceptq; c != NULL; c = cnext) {
		cnext = c->next_accept;
		c->linger.l_onoff = 1;
		c->linger.l_linger = 0;
		pl_release(c);
		free(c);
	}
	sk->acceptq = NULL;
	for (it = sk->rxq; it != NULL; it = inext) {
		inext = it->next;
		pl_item_free(it);
	}
	sk->rxq = NULL;
	if (sk->listening && pl.listener[sk->laddr.port] == sk)
		pl.listener[sk->laddr.port] = NULL;
}

PL_EXPORT int
close(int fd)
{
	struct pl_sock *sk = pl_get(fd);

	if (sk == NULL) {
		pl_resolve();
		return pl_real.close(fd);
	}
	pl_lock();
	atomic_store(&pl_fds[fd], NULL);
	sk->closed = true;
	pl_release(sk);
	pl_real.close(fd);
	if (sk->wfd >= 0)
		pl_real.close(sk->wfd);
	pthread_cond_broadcast(&pl.cond);
	pl_unlock();
	free(sk);
	return 0;
}

PL_EXPORT int
shutdown(int fd, int how)
{
	struct pl_sock *sk = pl_get(fd);
	int rc = 0;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.shutdown(fd, how);
	}
	pl_lock();
	/* One-to-many sockets ignore shutdown (RFC 6458 3.1.7 has no
	 * such call); one-to-one: SHUTDOWN after the queued data (4.1.7). */
	if (sk->type == SOCK_STREAM && how != SHUT_RD) {
		if (sk->assocs == NULL || sk->assocs->gone)
			rc = -ENOTCONN;
		else
			rc = fsctp_sock_shutdown(pl.s, sk->assocs->id);
	}
	pl_unlock();
	return rc == 0 ? 0 : pl_fail(-rc);
}

/* ---------------------------------------------------------------------- */
/* Names, descriptor flags, options. */

PL_EXPORT int
getsockname(int fd, struct sockaddr *sa, socklen_t *len)
{
	struct pl_sock *sk = pl_get(fd);
	struct fsctp_addr a;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.getsockname(fd, sa, len);
	}
	if (sa == NULL || len == NULL)
		return pl_fail(EFAULT);
	pl_lock();
	a = sk->laddr;
	if (sk->assocs != NULL && sk->assocs->up)
		a = sk->assocs->local;
	if (a.family == FSCTP_AF_NONE)
		a.family = sk->family == AF_INET6 ? FSCTP_AF_INET6
						  : FSCTP_AF_INET4;
	pl_copy_sa(sk, &a, sa, len);
	pl_unlock();
	return 0;
}

PL_EXPORT int
getpeername(int fd, struct sockaddr *sa, socklen_t *len)
{
	struct pl_sock *sk = pl_get(fd);
	int rc = 0;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.getpeername(fd, sa, len);
	}
	if (sa == NULL || len == NULL)
		return pl_fail(EFAULT);
	pl_lock();
	if (sk->type != SOCK_STREAM || sk->assocs == NULL || !sk->assocs->up)
		rc = -ENOTCONN;
	else
		pl_copy_sa(sk, &sk->assocs->peer, sa, len);
	pl_unlock();
	return rc == 0 ? 0 : pl_fail(-rc);
}

static int
pl_fcntl(struct pl_sock *sk, int cmd, long arg)
{
	int rc = 0;

	pl_lock();
	switch (cmd) {
	case F_GETFL:
		rc = O_RDWR | (sk->nonblock ? O_NONBLOCK : 0);
		break;
	case F_SETFL:
		sk->nonblock = (arg & O_NONBLOCK) != 0;
		break;
	default:
		pl_unlock();
		return pl_real.fcntl(sk->fd, cmd, arg);
	}
	pl_unlock();
	return rc;
}

PL_EXPORT int
fcntl(int fd, int cmd, ...)
{
	struct pl_sock *sk = pl_get(fd);
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (sk == NULL) {
		pl_resolve();
		return pl_real.fcntl(fd, cmd, arg);
	}
	return pl_fcntl(sk, cmd, arg);
}

PL_EXPORT int
fcntl64(int fd, int cmd, ...)
{
	struct pl_sock *sk = pl_get(fd);
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	if (sk == NULL) {
		pl_resolve();
		if (pl_real.fcntl64 != NULL)
			return pl_real.fcntl64(fd, cmd, arg);
		return pl_real.fcntl(fd, cmd, arg);
	}
	return pl_fcntl(sk, cmd, arg);
}

PL_EXPORT int
ioctl(int fd, unsigned long req, ...)
{
	struct pl_sock *sk = pl_get(fd);
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (sk == NULL) {
		pl_resolve();
		return pl_real.ioctl(fd, req, arg);
	}
	if (req == FIONBIO && arg != NULL) {
		pl_lock();
		sk->nonblock = *(int *)arg != 0;
		pl_unlock();
		return 0;
	}
	if (req == FIONREAD && arg != NULL) {
		pl_lock();
		*(int *)arg = sk->rxq != NULL && !sk->rxq->notif
				      ? (int)(sk->rxq->len - sk->rxq->off)
				      : 0;
		pl_unlock();
		return 0;
	}
	return pl_fail(ENOTTY);
}

PL_EXPORT int
getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	struct pl_sock *sk = pl_get(fd);
	int rc;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.getsockopt(fd, level, name, val, len);
	}
	if (val == NULL || len == NULL)
		return pl_fail(EFAULT);
	pl_lock();
	rc = pl_getsockopt(sk, level, name, val, len);
	pl_unlock();
	return rc >= 0 ? rc : pl_fail(-rc);
}

PL_EXPORT int
setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct pl_sock *sk = pl_get(fd);
	int rc;

	if (sk == NULL) {
		pl_resolve();
		return pl_real.setsockopt(fd, level, name, val, len);
	}
	if (val == NULL && len > 0)
		return pl_fail(EFAULT);
	pl_lock();
	rc = pl_setsockopt(sk, level, name, val, len);
	pl_unlock();
	return rc >= 0 ? rc : pl_fail(-rc);
}
