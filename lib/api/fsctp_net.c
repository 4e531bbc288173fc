/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Net-style layer (include/fsctp_net.h) over one fsctp_sock: a list of
 * servers (by local port, fixed once the loops run) and one object per
 * association, found from its events by the association's user pointer
 * (no table, no search). The list of live sockets exists only to free
 * them with the layer; lcores add and remove under its lock.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_spinlock.h>

#include "fsctp_api_internal.h"
#include "fsctp_net.h"
#include "fsctp_netif.h"

struct fsctp_net_server {
	struct fsctp_net *net;
	struct fsctp_net_server *next;
	fsctp_net_on_connection cb;
	void *ctx;
	uint16_t port;
};

struct fsctp_net_socket {
	struct fsctp_net *net;
	struct fsctp_net_socket *next, *prev;
	fsctp_assoc_id_t id;
	struct fsctp_addr peer;
	struct fsctp_net_socket_cbs cbs;
	void *ctx;
	fsctp_net_on_connect on_connect;
	void *connect_ctx;
	uint32_t ppid;
	uint16_t stream;
	bool ppid_set;	/* set by the user: keep it */
	bool ended;	/* on_end called */
	bool closing;	/* fsctp_net_end() called */
	int in_cb;	/* callbacks of this socket running */
	bool destroyed; /* fsctp_net_destroy() inside a callback */
};

struct fsctp_net {
	struct fsctp_sock *sock;
	struct fsctp_net_server *servers;
	rte_spinlock_t lock; /* socks */
	struct fsctp_net_socket *socks;
};

static void
sk_free(struct fsctp_net_socket *sk)
{
	struct fsctp_net *net = sk->net;

	rte_spinlock_lock(&net->lock);
	if (sk->prev != NULL)
		sk->prev->next = sk->next;
	else
		net->socks = sk->next;
	if (sk->next != NULL)
		sk->next->prev = sk->prev;
	rte_spinlock_unlock(&net->lock);
	free(sk);
}

static struct fsctp_net_socket *
sk_new(struct fsctp_net *net, fsctp_assoc_id_t id)
{
	struct fsctp_net_socket *sk = calloc(1, sizeof(*sk));

	if (sk == NULL)
		return NULL;
	sk->net = net;
	sk->id = id;
	rte_spinlock_lock(&net->lock);
	sk->next = net->socks;
	if (sk->next != NULL)
		sk->next->prev = sk;
	net->socks = sk;
	rte_spinlock_unlock(&net->lock);
	return sk;
}

/* Callbacks of sk run between sk_enter() and sk_leave(); a
 * fsctp_net_destroy() inside them frees sk only at sk_leave().
 * @return false when sk is gone (do not touch it). */
static void
sk_enter(struct fsctp_net_socket *sk)
{
	sk->in_cb++;
}

static bool
sk_leave(struct fsctp_net_socket *sk)
{
	if (--sk->in_cb == 0 && sk->destroyed) {
		sk_free(sk);
		return false;
	}
	return !sk->destroyed;
}

/* The association is gone: the socket's last callback (unless the
 * application destroyed it already), then it goes at sk_leave(). */
static void
sk_close(struct fsctp_net_socket *sk)
{
	if (!sk->destroyed && sk->cbs.on_close != NULL)
		sk->cbs.on_close(sk, sk->ctx);
	sk->destroyed = true;
}

static void
net_on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	    const uint8_t *data, uint32_t len)
{
	struct fsctp_net_socket *sk = ri->user;

	(void)s;
	(void)ctx;
	if (sk == NULL || sk->destroyed)
		return;
	if (!sk->ppid_set) {
		/* Answer on the stream and with the PPID of the request. */
		sk->ppid = ri->ppid;
		sk->stream = ri->sid;
	}
	if (sk->cbs.on_data != NULL) {
		sk_enter(sk);
		sk->cbs.on_data(sk, sk->ctx, data, len, ri);
		sk_leave(sk);
	}
}

static void
comm_up(struct fsctp_net *net, fsctp_assoc_id_t id, struct fsctp_net_socket *sk)
{
	struct fsctp_net_server *srv;
	struct fsctp_addr peer;
	uint16_t lport;

	if (fsctp_api_assoc_addrs(net->sock, id, &lport, &peer) != 0)
		return;
	if (sk != NULL) { /* our connect, or a restart */
		if (sk->destroyed)
			return;
		sk->peer = peer;
		if (sk->on_connect != NULL) {
			fsctp_net_on_connect cb = sk->on_connect;

			sk->on_connect = NULL;
			sk_enter(sk);
			cb(sk, sk->connect_ctx);
			sk_leave(sk);
		}
		return;
	}
	for (srv = net->servers; srv != NULL; srv = srv->next)
		if (srv->port == lport)
			break;
	if (srv == NULL)
		return;
	sk = sk_new(net, id);
	if (sk == NULL) {
		fsctp_sock_abort(net->sock, id, "no memory", 9);
		return;
	}
	sk->peer = peer;
	fsctp_sock_set_assoc_user(net->sock, id, sk);
	sk_enter(sk);
	srv->cb(srv, sk, srv->ctx);
	sk_leave(sk);
}

static void
net_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct fsctp_net *net = ctx;
	struct fsctp_net_socket *sk;

	(void)s;
	sk = ev->user;
	if (ev->type == FSCTP_EV_COMM_UP || ev->type == FSCTP_EV_RESTART) {
		comm_up(net, ev->assoc_id, sk);
		return;
	}
	if (sk == NULL || sk->destroyed)
		return;
	sk_enter(sk);
	switch (ev->type) {
	case FSCTP_EV_SHUTDOWN_EVENT:
	case FSCTP_EV_SHUTDOWN_COMP:
		if (!sk->ended) {
			sk->ended = true;
			if (sk->cbs.on_end != NULL)
				sk->cbs.on_end(sk, sk->ctx);
		}
		if (ev->type == FSCTP_EV_SHUTDOWN_COMP)
			sk_close(sk);
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_CANT_STR_ASSOC:
		if (sk->cbs.on_error != NULL && !sk->destroyed)
			sk->cbs.on_error(sk, sk->ctx,
					 ev->type == FSCTP_EV_CANT_STR_ASSOC
						 ? -ECONNREFUSED
						 : -ECONNRESET);
		sk_close(sk);
		break;
	case FSCTP_EV_WRITABLE:
		if (sk->cbs.on_drain != NULL)
			sk->cbs.on_drain(sk, sk->ctx);
		break;
	default:
		break;
	}
	sk_leave(sk);
}

struct fsctp_net *
fsctp_net_create(struct fsctp_rt *rt, uint32_t port_mask)
{
	struct fsctp_sock_config c;
	struct fsctp_net *net;

	if (rt == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	net = calloc(1, sizeof(*net));
	if (net == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	rte_spinlock_init(&net->lock);
	memset(&c, 0, sizeof(c));
	c.port_mask = port_mask;
	c.ops.on_data = net_on_data;
	c.ops.on_event = net_on_event;
	c.ctx = net;
	net->sock = fsctp_sock_create(rt, &c);
	if (net->sock == NULL) {
		free(net);
		return NULL;
	}
	return net;
}

void
fsctp_net_free(struct fsctp_net *net)
{
	if (net == NULL)
		return;
	while (net->socks != NULL)
		sk_free(net->socks);
	while (net->servers != NULL) {
		struct fsctp_net_server *n = net->servers->next;

		free(net->servers);
		net->servers = n;
	}
	fsctp_sock_free(net->sock);
	free(net);
}

struct fsctp_sock *
fsctp_net_sock(struct fsctp_net *net)
{
	return net == NULL ? NULL : net->sock;
}

struct fsctp_net_server *
fsctp_net_create_server(struct fsctp_net *net, fsctp_net_on_connection cb,
			void *ctx)
{
	struct fsctp_net_server *srv;

	if (net == NULL || cb == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	srv = calloc(1, sizeof(*srv));
	if (srv == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	srv->net = net;
	srv->cb = cb;
	srv->ctx = ctx;
	srv->next = net->servers;
	net->servers = srv;
	return srv;
}

int
fsctp_net_server_listen(struct fsctp_net_server *srv, uint16_t port)
{
	int rc;

	if (srv == NULL || port == 0 || srv->port != 0)
		return -EINVAL;
	rc = fsctp_sock_listen(srv->net->sock, port);
	if (rc == 0)
		srv->port = port;
	return rc;
}

/* A literal address (no prefix) with port into out. @return 0 or -1. */
static int
net_addr(const char *host, uint16_t port, struct fsctp_addr *out)
{
	uint8_t pfx = 0;

	memset(out, 0, sizeof(*out));
	if (host == NULL || strchr(host, '/') != NULL ||
	    fsctp_net_parse_addr(host, &out->family, out->ip.v6, &pfx) != 0)
		return -1;
	out->port = port;
	return 0;
}

/* The per-association settings of opts, on the new association id. */
static int
net_assoc_opts(struct fsctp_net *net, fsctp_assoc_id_t id,
	       const struct fsctp_net_connect_opts *o)
{
	struct fsctp_paddrparams pp;
	struct fsctp_rtoinfo ri;
	size_t len = sizeof(ri);
	int rc = 0;

	if (o->rto_initial_ms != 0 || o->rto_min_ms != 0 ||
	    o->rto_max_ms != 0) {
		rc = fsctp_getopt(net->sock, id, FSCTP_OPT_RTOINFO, &ri, &len);
		if (rc != 0)
			return rc;
		if (o->rto_initial_ms != 0)
			ri.initial = o->rto_initial_ms;
		if (o->rto_min_ms != 0)
			ri.min = o->rto_min_ms;
		if (o->rto_max_ms != 0)
			ri.max = o->rto_max_ms;
		rc = fsctp_setopt(net->sock, id, FSCTP_OPT_RTOINFO, &ri,
				  sizeof(ri));
		if (rc != 0)
			return rc;
	}
	if (o->hb_interval_ms != 0 || o->path_max_retrans != 0) {
		/* No address: every path, and the ones added later. */
		memset(&pp, 0, sizeof(pp));
		len = sizeof(pp);
		rc = fsctp_getopt(net->sock, id, FSCTP_OPT_PEER_ADDR_PARAMS,
				  &pp, &len);
		if (rc != 0)
			return rc;
		if (o->hb_interval_ms != 0)
			pp.hbinterval = o->hb_interval_ms;
		pp.pathmaxrxt = o->path_max_retrans;
		pp.pathmtu = 0;
		memset(&pp.address, 0, sizeof(pp.address));
		rc = fsctp_setopt(net->sock, id, FSCTP_OPT_PEER_ADDR_PARAMS,
				  &pp, sizeof(pp));
	}
	return rc;
}

struct fsctp_net_socket *
fsctp_net_connect(struct fsctp_net *net,
		  const struct fsctp_net_connect_opts *opts,
		  fsctp_net_on_connect on_connect, void *ctx)
{
	struct fsctp_addr dst[FSCTP_NET_MAX_ADDRS], src[FSCTP_NET_MAX_ADDRS];
	struct fsctp_initmsg im, saved;
	size_t len = sizeof(saved);
	struct fsctp_net_socket *sk;
	unsigned int k, n_dst;
	int64_t id;
	int rc;

	if (net == NULL || opts == NULL || opts->port == 0 ||
	    net_addr(opts->host, opts->port, &dst[0]) != 0 ||
	    opts->n_more_hosts >= FSCTP_NET_MAX_ADDRS ||
	    opts->n_local_hosts > FSCTP_NET_MAX_ADDRS ||
	    (opts->n_more_hosts != 0 && opts->more_hosts == NULL) ||
	    (opts->n_local_hosts != 0 && opts->local_hosts == NULL) ||
	    (opts->rto_min_ms != 0 && opts->rto_max_ms != 0 &&
	     opts->rto_min_ms > opts->rto_max_ms)) {
		rte_errno = EINVAL;
		return NULL;
	}
	n_dst = 1 + opts->n_more_hosts;
	for (k = 1; k < n_dst; k++)
		if (net_addr(opts->more_hosts[k - 1], opts->port, &dst[k]) !=
		    0) {
			rte_errno = EINVAL;
			return NULL;
		}
	for (k = 0; k < opts->n_local_hosts; k++)
		if (net_addr(opts->local_hosts[k], 0, &src[k]) != 0) {
			rte_errno = EINVAL;
			return NULL;
		}
	/* Streams are an INIT parameter: the socket's for this connect. */
	if (opts->streams != 0) {
		rc = fsctp_getopt(net->sock, 0, FSCTP_OPT_INITMSG, &saved,
				  &len);
		im = saved;
		im.num_ostreams = opts->streams;
		if (rc == 0)
			rc = fsctp_setopt(net->sock, 0, FSCTP_OPT_INITMSG, &im,
					  sizeof(im));
		if (rc != 0) {
			rte_errno = -rc;
			return NULL;
		}
	}
	/* The socket exists before the association, so its first event
	 * already finds it by the user pointer. */
	sk = sk_new(net, 0);
	if (sk == NULL)
		id = -ENOMEM;
	else if (n_dst > 1 || opts->n_local_hosts > 0)
		id = fsctp_sock_connectx(net->sock, src, opts->n_local_hosts,
					 dst, n_dst, opts->local_port, sk);
	else
		id = fsctp_sock_connect_ex(net->sock, &dst[0], opts->local_port,
					   sk);
	if (opts->streams != 0)
		(void)fsctp_setopt(net->sock, 0, FSCTP_OPT_INITMSG, &saved,
				   sizeof(saved));
	if (id < 0) {
		if (sk != NULL)
			sk_free(sk);
		rte_errno = (int)-id;
		return NULL;
	}
	sk->id = (fsctp_assoc_id_t)id;
	sk->peer = dst[0];
	sk->ppid = opts->ppid;
	sk->stream = opts->stream;
	sk->ppid_set = true;
	sk->on_connect = on_connect;
	sk->connect_ctx = ctx;
	if (net_assoc_opts(net, sk->id, opts) != 0)
		(void)fsctp_sock_abort(net->sock, sk->id, NULL, 0);
	return sk;
}

int
fsctp_net_socket_on(struct fsctp_net_socket *sk,
		    const struct fsctp_net_socket_cbs *cbs, void *ctx)
{
	if (sk == NULL || cbs == NULL)
		return -EINVAL;
	sk->cbs = *cbs;
	sk->ctx = ctx;
	return 0;
}

int
fsctp_net_socket_set_ppid(struct fsctp_net_socket *sk, uint32_t ppid,
			  uint16_t stream)
{
	if (sk == NULL)
		return -EINVAL;
	sk->ppid = ppid;
	sk->stream = stream;
	sk->ppid_set = true;
	return 0;
}

int
fsctp_net_write_ex(struct fsctp_net_socket *sk, const void *buf, uint32_t len,
		   uint16_t stream, uint32_t ppid, bool unordered)
{
	struct fsctp_sndinfo si;

	if (sk == NULL)
		return -EINVAL;
	if (sk->closing)
		return -ESHUTDOWN;
	memset(&si, 0, sizeof(si));
	si.sid = stream;
	si.ppid = ppid;
	si.unordered = unordered;
	return fsctp_sendmsg(sk->net->sock, sk->id, buf, len, &si);
}

int
fsctp_net_write(struct fsctp_net_socket *sk, const void *buf, uint32_t len)
{
	if (sk == NULL)
		return -EINVAL;
	return fsctp_net_write_ex(sk, buf, len, sk->stream, sk->ppid, false);
}

int
fsctp_net_end(struct fsctp_net_socket *sk)
{
	if (sk == NULL)
		return -EINVAL;
	sk->closing = true;
	return fsctp_sock_shutdown(sk->net->sock, sk->id);
}

int
fsctp_net_destroy(struct fsctp_net_socket *sk)
{
	if (sk == NULL || sk->destroyed)
		return -EINVAL;
	/* Detached first: the COMM_LOST of this abort finds no socket. */
	fsctp_sock_set_assoc_user(sk->net->sock, sk->id, NULL);
	if (fsctp_sock_assoc_state(sk->net->sock, sk->id) != FSCTP_CLOSED)
		fsctp_sock_abort(sk->net->sock, sk->id, NULL, 0);
	sk->destroyed = true;
	if (sk->in_cb == 0)
		sk_free(sk);
	return 0;
}

fsctp_assoc_id_t
fsctp_net_socket_assoc(const struct fsctp_net_socket *sk)
{
	return sk == NULL ? 0 : sk->id;
}

struct fsctp_addr
fsctp_net_socket_peer(const struct fsctp_net_socket *sk)
{
	struct fsctp_addr z;

	if (sk != NULL)
		return sk->peer;
	memset(&z, 0, sizeof(z));
	return z;
}

struct fsctp_net *
fsctp_net_socket_net(const struct fsctp_net_socket *sk)
{
	return sk == NULL ? NULL : sk->net;
}
