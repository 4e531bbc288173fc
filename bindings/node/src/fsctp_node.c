/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The native half of the Node.js binding: a thin N-API layer over
 * include/fsctp_net.h. index.js holds the Node `sctp` module's API; this
 * file only opens the runtime, keeps one fsctp_net per profile port, maps
 * sockets to small integer handles and runs the poll loop on the JS
 * thread. Every callback of the layer becomes one call of the JS dispatch
 * function given to init(): dispatch(event, a, b, c, d).
 *
 * Only the public headers are used (fsctp.h, fsctp_net.h, fsctp_ppid.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <node_api.h>
#include <rte_errno.h>

#include "fsctp.h"
#include "fsctp_net.h"
#include "fsctp_ppid.h"

/* Events towards JS; index.js has the same numbers. */
enum {
	EV_CONNECTION = 1, /* net index, local port, handle, peer, peer port */
	EV_CONNECT = 2,	   /* handle, peer address, peer port */
	EV_DATA = 3,	   /* handle, buffer, ppid, stream */
	EV_END = 4,	   /* handle */
	EV_ERROR = 5,	   /* handle, -errno */
	EV_DRAIN = 6,	   /* handle */
	EV_CLOSE = 7,	   /* handle: the handle is free after this */
};

/* Limits: one net per profile port, and sockets open at once. */
#define NODE_MAX_NETS	 32
#define NODE_MAX_HANDLES 65536
#define NODE_MAX_LISTEN	 64 /* SCTP ports listened on, per net */
#define NODE_MAX_EAL	 30

struct node_listen {
	struct fsctp_net_server *srv;
	uint16_t port;
};

struct node_net {
	struct fsctp_net *net;
	struct node_listen listen[NODE_MAX_LISTEN];
	unsigned int n_listen;
};

struct node_state {
	napi_env env;
	napi_ref dispatch;  /* the JS dispatch function */
	napi_value pending; /* first exception thrown by a listener */
	bool has_pending;
	struct fsctp_rt *rt;
	struct node_net nets[NODE_MAX_NETS];
	unsigned int n_nets;
	struct fsctp_net_socket **handles; /* handle -> socket, NULL = free */
	unsigned int n_handles;		   /* slots used so far */
	unsigned int free_hint;
	unsigned int open;
	bool in_poll;	    /* inside fsctp_rt_poll() */
	bool close_pending; /* close() called from a listener */
	/* Counters (stats()). */
	uint64_t handles_full;
	uint64_t listen_full; /* listen() refused: NODE_MAX_LISTEN ports */
	uint64_t polls;
	uint64_t listener_exceptions;
};

static struct node_state g;

/* A handle taken by connect() before the layer gave the socket. */
#define HANDLE_RESERVED ((struct fsctp_net_socket *)&g)

static int
rte_errno_value(void)
{
	return rte_errno;
}

/* ---------------------------------------------------------------------- */
/* Small N-API helpers. */

static napi_value
throw_errno(napi_env env, int err, const char *what)
{
	char msg[256];
	napi_value code, m, e;

	snprintf(msg, sizeof(msg), "%s: %s", what, strerror(err));
	napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &m);
	napi_create_int32(env, err, &code);
	napi_create_error(env, NULL, m, &e);
	napi_set_named_property(env, e, "errno", code);
	napi_throw(env, e);
	return NULL;
}

static napi_value
num(napi_env env, double v)
{
	napi_value r;

	napi_create_double(env, v, &r);
	return r;
}

static int
arg_u32(napi_env env, napi_value v, uint32_t *out)
{
	return napi_get_value_uint32(env, v, out) == napi_ok ? 0 : -EINVAL;
}

static napi_value
addr_string(napi_env env, const struct fsctp_addr *a)
{
	char s[INET6_ADDRSTRLEN] = "";
	napi_value r;

	if (a->family == FSCTP_AF_INET4)
		inet_ntop(AF_INET, a->ip.v4, s, sizeof(s));
	else if (a->family == FSCTP_AF_INET6)
		inet_ntop(AF_INET6, a->ip.v6, s, sizeof(s));
	napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &r);
	return r;
}

/* ---------------------------------------------------------------------- */
/* Handles. */

static int
handle_new(struct fsctp_net_socket *sk)
{
	unsigned int i;

	for (i = g.free_hint; i < g.n_handles; i++)
		if (g.handles[i] == NULL)
			goto found;
	if (g.n_handles >= NODE_MAX_HANDLES) {
		for (i = 0; i < g.free_hint; i++)
			if (g.handles[i] == NULL)
				goto found;
		g.handles_full++;
		return -EMFILE;
	}
	i = g.n_handles++;
found:
	g.handles[i] = sk;
	g.free_hint = i + 1;
	g.open++;
	return (int)i;
}

static void
handle_free(int h)
{
	if (h < 0 || (unsigned int)h >= g.n_handles || g.handles[h] == NULL)
		return;
	g.handles[h] = NULL;
	g.open--;
	if ((unsigned int)h < g.free_hint)
		g.free_hint = (unsigned int)h;
}

static struct fsctp_net_socket *
handle_get(napi_env env, napi_value v, int *h)
{
	uint32_t u;

	if (arg_u32(env, v, &u) != 0 || u >= g.n_handles ||
	    g.handles[u] == NULL)
		return NULL;
	*h = (int)u;
	return g.handles[u];
}

/* The handle of a socket is its callback context. */
static int
ctx_handle(void *ctx)
{
	return (int)(intptr_t)ctx;
}

/* ---------------------------------------------------------------------- */
/* Calls into JS from the layer's callbacks (inside fsctp_rt_poll() or a
 * write/end call). A listener that throws does not stop the fast path:
 * the first exception is kept and rethrown when poll() returns. */

static void
dispatch(int argc, napi_value *argv)
{
	napi_env env = g.env;
	napi_value fn, global, exc;

	if (napi_get_reference_value(env, g.dispatch, &fn) != napi_ok ||
	    napi_get_global(env, &global) != napi_ok)
		return;
	if (napi_call_function(env, global, fn, (size_t)argc, argv, NULL) ==
	    napi_ok)
		return;
	if (napi_get_and_clear_last_exception(env, &exc) != napi_ok)
		return;
	g.listener_exceptions++;
	if (!g.has_pending) {
		g.pending = exc;
		g.has_pending = true;
	}
}

static void
on_data(struct fsctp_net_socket *sk, void *ctx, const uint8_t *data,
	uint32_t len, const struct fsctp_rcvinfo *ri)
{
	napi_value argv[5];
	void *copy;

	(void)sk;
	argv[0] = num(g.env, EV_DATA);
	argv[1] = num(g.env, ctx_handle(ctx));
	if (napi_create_buffer_copy(g.env, len, data, &copy, &argv[2]) !=
	    napi_ok)
		return;
	argv[3] = num(g.env, ri->ppid);
	argv[4] = num(g.env, ri->sid);
	dispatch(5, argv);
}

static void
on_end(struct fsctp_net_socket *sk, void *ctx)
{
	napi_value argv[2] = { num(g.env, EV_END),
			       num(g.env, ctx_handle(ctx)) };

	(void)sk;
	dispatch(2, argv);
}

static void
on_error(struct fsctp_net_socket *sk, void *ctx, int err)
{
	napi_value argv[3] = { num(g.env, EV_ERROR),
			       num(g.env, ctx_handle(ctx)), num(g.env, err) };

	(void)sk;
	dispatch(3, argv);
}

static void
on_drain(struct fsctp_net_socket *sk, void *ctx)
{
	napi_value argv[2] = { num(g.env, EV_DRAIN),
			       num(g.env, ctx_handle(ctx)) };

	(void)sk;
	dispatch(2, argv);
}

static void
on_close(struct fsctp_net_socket *sk, void *ctx)
{
	int h = ctx_handle(ctx);
	napi_value argv[2] = { num(g.env, EV_CLOSE), num(g.env, h) };

	(void)sk;
	handle_free(h);
	dispatch(2, argv);
}

static const struct fsctp_net_socket_cbs node_cbs = {
	.on_data = on_data,
	.on_end = on_end,
	.on_error = on_error,
	.on_drain = on_drain,
	.on_close = on_close,
};

static void
on_connect(struct fsctp_net_socket *sk, void *ctx)
{
	struct fsctp_addr peer = fsctp_net_socket_peer(sk);
	napi_value argv[4] = { num(g.env, EV_CONNECT),
			       num(g.env, ctx_handle(ctx)),
			       addr_string(g.env, &peer),
			       num(g.env, peer.port) };

	dispatch(4, argv);
}

static void
on_connection(struct fsctp_net_server *srv, struct fsctp_net_socket *sk,
	      void *ctx)
{
	struct fsctp_addr peer = fsctp_net_socket_peer(sk);
	uintptr_t c = (uintptr_t)ctx; /* net index << 16 | port */
	napi_value argv[6];
	int h;

	(void)srv;
	h = handle_new(sk);
	if (h < 0) {
		fsctp_net_destroy(sk); /* ABORT: no room for another one */
		return;
	}
	fsctp_net_socket_on(sk, &node_cbs, (void *)(intptr_t)h);
	argv[0] = num(g.env, EV_CONNECTION);
	argv[1] = num(g.env, (double)(c >> 16));
	argv[2] = num(g.env, (double)(c & 0xffff));
	argv[3] = num(g.env, h);
	argv[4] = addr_string(g.env, &peer);
	argv[5] = num(g.env, peer.port);
	dispatch(6, argv);
}

/* Rethrow a listener's exception once the layer is back at rest. */
static napi_value
finish(napi_env env, napi_value result)
{
	if (g.has_pending) {
		g.has_pending = false;
		napi_throw(env, g.pending);
		return NULL;
	}
	return result;
}

/* ---------------------------------------------------------------------- */
/* The runtime. */

static void
close_all(void)
{
	unsigned int i;

	for (i = 0; i < g.n_nets; i++)
		fsctp_net_free(g.nets[i].net);
	memset(g.nets, 0, sizeof(g.nets));
	g.n_nets = 0;
	for (i = 0; i < g.n_handles; i++)
		g.handles[i] = NULL;
	g.n_handles = 0;
	g.free_hint = 0;
	g.open = 0;
	if (g.rt != NULL)
		fsctp_rt_close(g.rt);
	g.rt = NULL;
}

static void
cleanup_hook(void *arg)
{
	(void)arg;
	close_all();
	free(g.handles);
	g.handles = NULL;
	if (g.dispatch != NULL)
		napi_delete_reference(g.env, g.dispatch);
	g.dispatch = NULL;
}

/* init(dispatch) */
static napi_value
js_init(napi_env env, napi_callback_info info)
{
	size_t argc = 1;
	napi_value argv[1];
	napi_valuetype t;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc < 1 || napi_typeof(env, argv[0], &t) != napi_ok ||
	    t != napi_function)
		return throw_errno(env, EINVAL, "init: a function is needed");
	if (g.dispatch != NULL)
		napi_delete_reference(env, g.dispatch);
	g.env = env;
	napi_create_reference(env, argv[0], 1, &g.dispatch);
	return NULL;
}

/* open(profile, [eal words]) -> [{ ipv4, ipv6 }] per port */
static napi_value
js_open(napi_env env, napi_callback_info info)
{
	size_t argc = 2, len;
	napi_value argv[2], res;
	char profile[FSCTP_RT_STR], words[NODE_MAX_EAL][FSCTP_RT_STR];
	char *eal[NODE_MAX_EAL];
	struct fsctp_rt_options ro;
	cpu_set_t cpus;
	bool have_cpus;
	uint32_t n = 0, i;
	uint16_t p;

	if (g.rt != NULL)
		return throw_errno(env, EEXIST, "open: the runtime is open");
	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc < 1 ||
	    napi_get_value_string_utf8(env, argv[0], profile, sizeof(profile),
				       &len) != napi_ok ||
	    len + 1 >= sizeof(profile))
		return throw_errno(env, EINVAL, "open: bad profile path");
	if (argc > 1 && napi_get_array_length(env, argv[1], &n) != napi_ok)
		n = 0;
	if (n > NODE_MAX_EAL)
		return throw_errno(env, E2BIG, "open: too many EAL words");
	for (i = 0; i < n; i++) {
		napi_value w;

		if (napi_get_element(env, argv[1], i, &w) != napi_ok ||
		    napi_get_value_string_utf8(env, w, words[i],
					       sizeof(words[i]),
					       &len) != napi_ok ||
		    len + 1 >= sizeof(words[i]))
			return throw_errno(env, EINVAL, "open: bad EAL word");
		eal[i] = words[i];
	}
	if (access(profile, R_OK) != 0)
		return throw_errno(env, errno, profile);
	memset(&ro, 0, sizeof(ro));
	ro.profile = profile;
	ro.n_eal = (int)n;
	ro.eal = eal;
	/* The EAL pins the calling thread to its main lcore: give Node's
	 * main thread its CPUs back afterwards (lcore ids live in TLS). */
	have_cpus = pthread_getaffinity_np(pthread_self(), sizeof(cpus),
					   &cpus) == 0;
	g.rt = fsctp_rt_open(&ro);
	if (have_cpus)
		pthread_setaffinity_np(pthread_self(), sizeof(cpus), &cpus);
	if (g.rt == NULL)
		return throw_errno(env, rte_errno_value(),
				   "open: fsctp_rt_open");
	g.env = env;
	g.n_nets = fsctp_rt_n_ports(g.rt);
	if (g.n_nets > NODE_MAX_NETS)
		g.n_nets = NODE_MAX_NETS;
	napi_create_array_with_length(env, g.n_nets, &res);
	for (p = 0; p < g.n_nets; p++) {
		struct fsctp_addr a;
		napi_value o, v;

		g.nets[p].net = fsctp_net_create(g.rt, 1u << p);
		if (g.nets[p].net == NULL) {
			int err = rte_errno_value();

			close_all();
			return throw_errno(env, err, "open: fsctp_net_create");
		}
		napi_create_object(env, &o);
		if (fsctp_rt_port_addr(g.rt, p, FSCTP_AF_INET4, &a) == 0) {
			v = addr_string(env, &a);
			napi_set_named_property(env, o, "ipv4", v);
		}
		if (fsctp_rt_port_addr(g.rt, p, FSCTP_AF_INET6, &a) == 0) {
			v = addr_string(env, &a);
			napi_set_named_property(env, o, "ipv6", v);
		}
		napi_set_element(env, res, p, o);
	}
	return res;
}

static napi_value
js_close(napi_env env, napi_callback_info info)
{
	(void)env;
	(void)info;
	if (g.in_poll)
		g.close_pending = true; /* not under the fast path's feet */
	else
		close_all();
	return NULL;
}

static struct node_net *
net_arg(napi_env env, napi_value v)
{
	uint32_t i;

	if (g.rt == NULL || arg_u32(env, v, &i) != 0 || i >= g.n_nets)
		return NULL;
	return &g.nets[i];
}

/* listen(net, port) -> 0 or -errno. Listeners stay for the runtime's
 * life (the core has no un-listen): index.js refuses what arrives on a
 * port no server listens on any more. */
static napi_value
js_listen(napi_env env, napi_callback_info info)
{
	size_t argc = 2;
	napi_value argv[2];
	struct node_net *nn;
	struct fsctp_net_server *srv;
	uint32_t port, i;
	int rc;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc < 2 || (nn = net_arg(env, argv[0])) == NULL ||
	    arg_u32(env, argv[1], &port) != 0 || port == 0 || port > 0xffff)
		return num(env, -EINVAL);
	for (i = 0; i < nn->n_listen; i++)
		if (nn->listen[i].port == port)
			return num(env, 0);
	if (nn->n_listen >= NODE_MAX_LISTEN) {
		g.listen_full++;
		return num(env, -ENOSPC);
	}
	srv = fsctp_net_create_server(
		nn->net, on_connection,
		(void *)(uintptr_t)((uintptr_t)(nn - g.nets) << 16 | port));
	if (srv == NULL)
		return num(env, -rte_errno_value());
	rc = fsctp_net_server_listen(srv, (uint16_t)port);
	if (rc != 0)
		return num(env, rc);
	nn->listen[nn->n_listen].srv = srv;
	nn->listen[nn->n_listen++].port = (uint16_t)port;
	return num(env, 0);
}

/* connect(net, host, port, localPort, ppid, stream) -> handle or -errno */
static napi_value
js_connect(napi_env env, napi_callback_info info)
{
	size_t argc = 6, len;
	napi_value argv[6];
	struct fsctp_net_connect_opts o;
	struct fsctp_net_socket *sk;
	struct node_net *nn;
	uint32_t port, lport, ppid, stream;
	char host[INET6_ADDRSTRLEN + 8];
	int h;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc < 6 || (nn = net_arg(env, argv[0])) == NULL ||
	    napi_get_value_string_utf8(env, argv[1], host, sizeof(host),
				       &len) != napi_ok ||
	    arg_u32(env, argv[2], &port) != 0 ||
	    arg_u32(env, argv[3], &lport) != 0 ||
	    arg_u32(env, argv[4], &ppid) != 0 ||
	    arg_u32(env, argv[5], &stream) != 0 || port == 0 || port > 0xffff ||
	    lport > 0xffff || stream > 0xffff)
		return num(env, -EINVAL);
	memset(&o, 0, sizeof(o));
	o.host = host;
	o.port = (uint16_t)port;
	o.local_port = (uint16_t)lport;
	o.ppid = ppid;
	o.stream = (uint16_t)stream;
	h = handle_new(HANDLE_RESERVED);
	if (h < 0)
		return num(env, h);
	sk = fsctp_net_connect(nn->net, &o, on_connect, (void *)(intptr_t)h);
	if (sk == NULL) {
		int err = rte_errno_value();

		handle_free(h);
		return num(env, -err);
	}
	g.handles[h] = sk;
	fsctp_net_socket_on(sk, &node_cbs, (void *)(intptr_t)h);
	return num(env, h);
}

/* Message bytes of a Buffer / Uint8Array argument. */
static int
bytes_arg(napi_env env, napi_value v, void **data, size_t *len)
{
	bool is;

	if (napi_is_buffer(env, v, &is) == napi_ok && is)
		return napi_get_buffer_info(env, v, data, len) == napi_ok
			       ? 0
			       : -EINVAL;
	if (napi_is_typedarray(env, v, &is) == napi_ok && is) {
		napi_typedarray_type t;
		napi_value ab;
		size_t off, n;

		if (napi_get_typedarray_info(env, v, &t, &n, data, &ab, &off) !=
			    napi_ok ||
		    t != napi_uint8_array)
			return -EINVAL;
		*len = n;
		return 0;
	}
	return -EINVAL;
}

/* write(handle, buffer, ppid, stream, unordered) -> 0 or -errno */
static napi_value
js_write(napi_env env, napi_callback_info info)
{
	size_t argc = 5, len;
	napi_value argv[5];
	struct fsctp_net_socket *sk;
	uint32_t ppid, stream;
	bool unordered = false;
	void *data;
	int h, rc;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc < 4)
		return num(env, -EINVAL);
	if ((sk = handle_get(env, argv[0], &h)) == NULL)
		return num(env, -ENOTCONN);
	if (bytes_arg(env, argv[1], &data, &len) != 0 ||
	    arg_u32(env, argv[2], &ppid) != 0 ||
	    arg_u32(env, argv[3], &stream) != 0 || stream > 0xffff ||
	    len > UINT32_MAX)
		return num(env, -EINVAL);
	if (argc > 4)
		napi_get_value_bool(env, argv[4], &unordered);
	rc = fsctp_net_write_ex(sk, data, (uint32_t)len, (uint16_t)stream, ppid,
				unordered);
	return finish(env, num(env, rc));
}

/* end(handle) -> 0 or -errno */
static napi_value
js_end(napi_env env, napi_callback_info info)
{
	size_t argc = 1;
	napi_value argv[1];
	struct fsctp_net_socket *sk;
	int h;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc < 1 || (sk = handle_get(env, argv[0], &h)) == NULL)
		return num(env, -ENOTCONN);
	return finish(env, num(env, fsctp_net_end(sk)));
}

/* destroy(handle) -> 0 or -errno: ABORT, the handle is free at once. */
static napi_value
js_destroy(napi_env env, napi_callback_info info)
{
	size_t argc = 1;
	napi_value argv[1];
	struct fsctp_net_socket *sk;
	int h;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc < 1 || (sk = handle_get(env, argv[0], &h)) == NULL)
		return num(env, -ENOTCONN);
	handle_free(h);
	fsctp_net_destroy(sk);
	return num(env, 0);
}

/* poll(maxTurns) -> packets handled. Stops early after two idle turns. */
static napi_value
js_poll(napi_env env, napi_callback_info info)
{
	size_t argc = 1;
	napi_value argv[1];
	uint32_t max = 64, i, idle = 0;
	double work = 0;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (argc > 0)
		arg_u32(env, argv[0], &max);
	if (g.rt == NULL)
		return num(env, 0);
	g.env = env;
	g.in_poll = true;
	for (i = 0; i < max && idle < 2 && !g.close_pending; i++) {
		int w = fsctp_rt_poll(g.rt);

		g.polls++;
		if (w > 0) {
			work += w;
			idle = 0;
		} else {
			idle++;
		}
	}
	g.in_poll = false;
	if (g.close_pending) {
		g.close_pending = false;
		close_all();
	}
	return finish(env, num(env, work));
}

/* setopt(name, value...) on every net: the `defaults()` of index.js. */
static napi_value
js_setopt(napi_env env, napi_callback_info info)
{
	size_t argc = 4;
	napi_value argv[4];
	uint32_t v[3] = { 0, 0, 0 }, i, which;
	int rc = 0;

	napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
	if (g.rt == NULL)
		return num(env, -ENOTCONN);
	if (argc < 2 || arg_u32(env, argv[0], &which) != 0)
		return num(env, -EINVAL);
	for (i = 1; i < argc && i < 4; i++)
		if (arg_u32(env, argv[i], &v[i - 1]) != 0)
			return num(env, -EINVAL);
	for (i = 0; i < g.n_nets && rc == 0; i++) {
		struct fsctp_sock *s = fsctp_net_sock(g.nets[i].net);

		switch (which) {
		case 1: { /* rto_initial, rto_max, rto_min */
			struct fsctp_rtoinfo r = { v[0], v[1], v[2] };

			rc = fsctp_setopt(s, 0, FSCTP_OPT_RTOINFO, &r,
					  sizeof(r));
			break;
		}
		case 2: { /* association_max_retrans, valid_cookie_life */
			struct fsctp_assocparams a;
			size_t l = sizeof(a);

			rc = fsctp_getopt(s, 0, FSCTP_OPT_ASSOCINFO, &a, &l);
			a.asoc_maxrxt = (uint16_t)v[0];
			a.cookie_life = v[1];
			if (rc == 0)
				rc = fsctp_setopt(s, 0, FSCTP_OPT_ASSOCINFO, &a,
						  sizeof(a));
			break;
		}
		case 3: { /* hb_interval, path_max_retrans */
			struct fsctp_paddrparams pp;
			size_t l = sizeof(pp);

			rc = fsctp_getopt(s, 0, FSCTP_OPT_PEER_ADDR_PARAMS, &pp,
					  &l);
			pp.hbinterval = v[0];
			pp.pathmaxrxt = (uint16_t)v[1];
			if (rc == 0)
				rc = fsctp_setopt(s, 0,
						  FSCTP_OPT_PEER_ADDR_PARAMS,
						  &pp, sizeof(pp));
			break;
		}
		case 4: { /* OS, MIS, max_init_retransmits */
			struct fsctp_initmsg im;
			size_t l = sizeof(im);

			rc = fsctp_getopt(s, 0, FSCTP_OPT_INITMSG, &im, &l);
			im.num_ostreams = (uint16_t)v[0];
			im.max_instreams = (uint16_t)v[1];
			im.max_attempts = (uint16_t)v[2];
			if (rc == 0)
				rc = fsctp_setopt(s, 0, FSCTP_OPT_INITMSG, &im,
						  sizeof(im));
			break;
		}
		case 5: /* max_burst */
			rc = fsctp_setopt(s, 0, FSCTP_OPT_MAX_BURST, &v[0],
					  sizeof(v[0]));
			break;
		case 6: { /* nodelay */
			int nd = v[0] != 0;

			rc = fsctp_setopt(s, 0, FSCTP_OPT_NODELAY, &nd,
					  sizeof(nd));
			break;
		}
		default:
			rc = -EINVAL;
		}
	}
	return num(env, rc);
}

static void
set_u64(napi_env env, napi_value o, const char *name, uint64_t v)
{
	napi_set_named_property(env, o, name, num(env, (double)v));
}

/* getopts() -> the endpoint values setopt() writes, from port 0's net,
 * under the names of the Node module's defaults(). */
static napi_value
js_getopts(napi_env env, napi_callback_info info)
{
	struct fsctp_rtoinfo r;
	struct fsctp_assocparams a;
	struct fsctp_paddrparams pp;
	struct fsctp_initmsg im;
	struct fsctp_sock *s;
	uint32_t burst;
	napi_value o;
	size_t l;

	(void)info;
	if (g.rt == NULL || g.n_nets == 0)
		return throw_errno(env, ENOTCONN, "getopts");
	s = fsctp_net_sock(g.nets[0].net);
	napi_create_object(env, &o);
	l = sizeof(r);
	if (fsctp_getopt(s, 0, FSCTP_OPT_RTOINFO, &r, &l) == 0) {
		set_u64(env, o, "rto_initial", r.initial);
		set_u64(env, o, "rto_max", r.max);
		set_u64(env, o, "rto_min", r.min);
	}
	l = sizeof(a);
	if (fsctp_getopt(s, 0, FSCTP_OPT_ASSOCINFO, &a, &l) == 0) {
		set_u64(env, o, "association_max_retrans", a.asoc_maxrxt);
		set_u64(env, o, "valid_cookie_life", a.cookie_life);
	}
	l = sizeof(pp);
	if (fsctp_getopt(s, 0, FSCTP_OPT_PEER_ADDR_PARAMS, &pp, &l) == 0) {
		set_u64(env, o, "hb_interval", pp.hbinterval);
		set_u64(env, o, "path_max_retrans", pp.pathmaxrxt);
		set_u64(env, o, "sack_timeout", pp.sackdelay);
	}
	l = sizeof(im);
	if (fsctp_getopt(s, 0, FSCTP_OPT_INITMSG, &im, &l) == 0) {
		set_u64(env, o, "OS", im.num_ostreams);
		set_u64(env, o, "MIS", im.max_instreams);
		set_u64(env, o, "max_init_retransmits", im.max_attempts);
	}
	l = sizeof(burst);
	if (fsctp_getopt(s, 0, FSCTP_OPT_MAX_BURST, &burst, &l) == 0)
		set_u64(env, o, "max_burst", burst);
	return o;
}

/* stats() -> the binding's counters and the sum of the sockets'. */
static napi_value
js_stats(napi_env env, napi_callback_info info)
{
	struct fsctp_sock_stats t, s;
	napi_value o;
	unsigned int i;

	(void)info;
	memset(&t, 0, sizeof(t));
	for (i = 0; i < g.n_nets; i++)
		if (fsctp_sock_stats(fsctp_net_sock(g.nets[i].net), &s) == 0) {
			t.msgs_sent += s.msgs_sent;
			t.bytes_sent += s.bytes_sent;
			t.msgs_received += s.msgs_received;
			t.bytes_received += s.bytes_received;
			t.send_eagain += s.send_eagain;
			t.rx_pkts += s.rx_pkts;
			t.tx_pkts += s.tx_pkts;
			t.tx_drop += s.tx_drop;
		}
	napi_create_object(env, &o);
	set_u64(env, o, "open_handles", g.open);
	set_u64(env, o, "handles_full", g.handles_full);
	set_u64(env, o, "listen_full", g.listen_full);
	set_u64(env, o, "polls", g.polls);
	set_u64(env, o, "listener_exceptions", g.listener_exceptions);
	set_u64(env, o, "msgs_sent", t.msgs_sent);
	set_u64(env, o, "bytes_sent", t.bytes_sent);
	set_u64(env, o, "msgs_received", t.msgs_received);
	set_u64(env, o, "bytes_received", t.bytes_received);
	set_u64(env, o, "send_eagain", t.send_eagain);
	set_u64(env, o, "rx_pkts", t.rx_pkts);
	set_u64(env, o, "tx_pkts", t.tx_pkts);
	set_u64(env, o, "tx_drop", t.tx_drop);
	return o;
}

/* ppids() -> [[value, name], ...] from the IANA table of fsctp_ppid.h */
static napi_value
js_ppids(napi_env env, napi_callback_info info)
{
	const struct fsctp_ppid_entry *e;
	unsigned int n, i;
	napi_value arr;

	(void)info;
	e = fsctp_ppid_table(&n);
	napi_create_array_with_length(env, n, &arr);
	for (i = 0; i < n; i++) {
		napi_value row, name;

		napi_create_array_with_length(env, 2, &row);
		napi_create_string_utf8(env, e[i].name, NAPI_AUTO_LENGTH,
					&name);
		napi_set_element(env, row, 0, num(env, e[i].value));
		napi_set_element(env, row, 1, name);
		napi_set_element(env, arr, i, row);
	}
	return arr;
}

static napi_value
module_init(napi_env env, napi_value exports)
{
	static const struct {
		const char *name;
		napi_callback fn;
	} fns[] = {
		{ "init", js_init },	   { "open", js_open },
		{ "close", js_close },	   { "listen", js_listen },
		{ "connect", js_connect }, { "write", js_write },
		{ "end", js_end },	   { "destroy", js_destroy },
		{ "poll", js_poll },	   { "setopt", js_setopt },
		{ "stats", js_stats },	   { "ppids", js_ppids },
		{ "getopts", js_getopts },
	};
	unsigned int i;

	/* One runtime per process: the addon's state is process-wide. */
	if (g.handles != NULL && g.env != NULL && g.env != env) {
		throw_errno(env, EBUSY,
			    "fsctp addon: already loaded by another thread "
			    "(one runtime per process)");
		return NULL;
	}
	g.env = env;
	if (g.handles == NULL) {
		g.handles = calloc(NODE_MAX_HANDLES, sizeof(*g.handles));
		if (g.handles == NULL) {
			throw_errno(env, ENOMEM, "fsctp addon");
			return NULL;
		}
		napi_add_env_cleanup_hook(env, cleanup_hook, NULL);
	}
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		napi_value f;

		napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH,
				     fns[i].fn, NULL, &f);
		napi_set_named_property(env, exports, fns[i].name, f);
	}
	return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, module_init)
