/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The runtime and sockets of the public API (include/fsctp.h) on the
 * multi-lcore fast path (fsctp_rt_engine): a socket is one fast-path instance, a
 * stack per fast-path lcore; an association lives on the lcore its id and
 * tag name, and every call is routed there (api_enter()).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "fsctp_api_internal.h"
#include "fsctp_rt_log.h"
#include "fsctp_netif.h"

static struct fsctp_rt *g_rt;

/* Replace "iface=..." in a vdev spec (net_af_packet / net_tap). */
static int
set_iface(char *dev, size_t cap, const char *iface)
{
	char out[FSCTP_RT_STR];
	const char *p = strstr(dev, "iface=");
	const char *end;
	int n;

	if (p == NULL || strchr(iface, ',') != NULL)
		return -EINVAL;
	end = strchr(p, ',');
	n = snprintf(out, sizeof(out), "%.*siface=%s%s", (int)(p - dev), dev,
		     iface, end != NULL ? end : "");
	if (n < 0 || (size_t)n >= sizeof(out) || (size_t)n >= cap)
		return -EINVAL;
	memcpy(dev, out, (size_t)n + 1);
	return 0;
}

static int
set_addr(struct fsctp_netif_config *net, const char *addr)
{
	uint8_t fam = 0, ip[16] = { 0 }, pfx = 0;

	if (fsctp_net_parse_addr(addr, &fam, ip, &pfx) != 0)
		return -EINVAL;
	/* Without a prefix length the parser says /32 (/128): a host route
	 * that would leave every neighbour off-link and unanswered. An
	 * interface address without one gets the usual subnet instead,
	 * with a warning. */
	if (strchr(addr, '/') == NULL) {
		pfx = fam == FSCTP_AF_INET4 ? 24 : 64;
		fprintf(stderr,
			"fsctp: address %s has no prefix length, using /%u\n",
			addr, pfx);
	}
	if (fam == FSCTP_AF_INET4) {
		net->n_v4 = 1;
		memset(&net->v4[0], 0, sizeof(net->v4[0]));
		memcpy(net->v4[0].ip, ip, 4);
		net->v4[0].prefix = pfx;
	} else {
		net->n_v6 = 1;
		memset(&net->v6[0], 0, sizeof(net->v6[0]));
		memcpy(net->v6[0].ip, ip, 16);
		net->v6[0].prefix = pfx;
	}
	return 0;
}

struct fsctp_rt *
fsctp_rt_open(const struct fsctp_rt_options *opt)
{
	struct fsctp_rt *rt;
	char err[512];
	int rc;

	if (g_rt != NULL) {
		rte_errno = EEXIST;
		return NULL;
	}
	if (opt == NULL || opt->profile == NULL || opt->n_eal < 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	rt = calloc(1, sizeof(*rt));
	if (rt == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	rc = fsctp_rt_config_load(opt->profile, &rt->cfg, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		goto fail;
	}
	if (opt->iface != NULL &&
	    (rt->cfg.ports[0].kind != FSCTP_RT_PORT_VDEV ||
	     set_iface(rt->cfg.ports[0].dev, sizeof(rt->cfg.ports[0].dev),
		       opt->iface) != 0)) {
		fprintf(stderr,
			"--iface %s: port 0 is not a vdev with iface=\n",
			opt->iface);
		rc = -EINVAL;
		goto fail;
	}
	if (opt->addr != NULL && set_addr(&rt->cfg.ports[0].net, opt->addr)) {
		fprintf(stderr, "--addr %s: not an IP address\n", opt->addr);
		rc = -EINVAL;
		goto fail;
	}
	if (rt->cfg.n_listen != 0)
		/* [sctp] listen is fsctp-fp's: an API application listens
		 * with fsctp_sock_listen(). Said, not silently dropped. */
		fprintf(stderr,
			"%s: [sctp] listen is not used by API applications "
			"(fsctp_sock_listen() / fsctp_net_server_listen())\n",
			opt->profile);
	rc = fsctp_rt_eal_init(&rt->cfg, opt->n_eal, opt->eal, err,
			       sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		goto fail;
	}
	rc = fsctp_rt_ports_start(&rt->cfg, &rt->ports, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		rte_eal_cleanup();
		goto fail;
	}
	rt->fp = fsctp_rt_engine_create(&rt->cfg, &rt->ports, err, sizeof(err));
	if (rt->fp == NULL) {
		fprintf(stderr, "%s\n", err);
		fsctp_rt_ports_stop(&rt->ports);
		rte_eal_cleanup();
		rc = -EINVAL;
		goto fail;
	}
	g_rt = rt;
	return rt;
fail:
	free(rt);
	rte_errno = rc == -ENOENT ? ENOENT : EINVAL;
	return NULL;
}

void
fsctp_rt_close(struct fsctp_rt *rt)
{
	uint64_t deadline;
	unsigned int i;

	if (rt == NULL)
		return;
	/* Graceful: SHUTDOWN every association (RFC 9260 9.2) and poll
	 * until they are gone, ABORT what is left after shutdown_ms. */
	fsctp_rt_engine_stop(rt->fp);
	deadline = fsctp_rt_now_us() + rt->cfg.shutdown_ms * 1000ull + 1000000;
	while (!fsctp_rt_engine_stopped(rt->fp) && fsctp_rt_now_us() < deadline)
		if (fsctp_rt_engine_poll(rt->fp) == 0 &&
		    rt->cfg.idle_sleep_us != 0)
			rte_delay_us_sleep(rt->cfg.idle_sleep_us);
	for (i = 0; i < API_MAX_SOCKS; i++)
		fsctp_sock_free(rt->socks[i]);
	fsctp_rt_engine_free(rt->fp);
	fsctp_rt_ports_stop(&rt->ports);
	rte_eal_cleanup();
	if (g_rt == rt)
		g_rt = NULL;
	free(rt);
}

uint16_t
fsctp_rt_n_ports(const struct fsctp_rt *rt)
{
	return rt == NULL ? 0 : rt->ports.n;
}

int
fsctp_rt_stack_config(const struct fsctp_rt *rt, struct fsctp_stack_config *out)
{
	if (rt == NULL || out == NULL)
		return -EINVAL;
	fsctp_rt_config_stack(&rt->cfg, out);
	return 0;
}

unsigned int
fsctp_rt_n_lcores(const struct fsctp_rt *rt)
{
	return rt == NULL ? 0 : fsctp_rt_engine_n_lcores(rt->fp);
}

static int
port_addr(const struct fsctp_netif_config *net, uint8_t family,
	  struct fsctp_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (family == FSCTP_AF_INET4 && net->n_v4 > 0) {
		out->family = FSCTP_AF_INET4;
		memcpy(out->ip.v4, net->v4[0].ip, 4);
		return 0;
	}
	if (family == FSCTP_AF_INET6 && net->n_v6 > 0) {
		out->family = FSCTP_AF_INET6;
		memcpy(out->ip.v6, net->v6[0].ip, 16);
		return 0;
	}
	return -ENOENT;
}

int
fsctp_rt_port_addr(const struct fsctp_rt *rt, uint16_t port, uint8_t family,
		   struct fsctp_addr *out)
{
	if (rt == NULL || out == NULL || port >= rt->ports.n ||
	    (family != FSCTP_AF_INET4 && family != FSCTP_AF_INET6))
		return -EINVAL;
	return port_addr(&rt->cfg.ports[port].net, family, out);
}

int
fsctp_rt_poll(struct fsctp_rt *rt)
{
	if (rt == NULL)
		return -EINVAL;
	return fsctp_rt_engine_poll(rt->fp);
}

int
fsctp_rt_run(struct fsctp_rt *rt)
{
	if (rt == NULL)
		return -EINVAL;
	return fsctp_rt_engine_run(rt->fp);
}

int
fsctp_rt_unpin_thread(const struct fsctp_rt *rt)
{
	long n_cpu = sysconf(_SC_NPROCESSORS_CONF);
	unsigned int i, l;
	cpu_set_t set, busy;
	long c;
	int rc;

	if (rt == NULL)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_ZERO(&busy);
	for (i = 0; i < fsctp_rt_engine_n_lcores(rt->fp); i++) {
		l = fsctp_rt_engine_lcore_id(rt->fp, i);
		if (l < RTE_MAX_LCORE) {
			rte_cpuset_t cs = rte_lcore_cpuset(l);

			CPU_OR(&busy, &busy, &cs);
		}
	}
	for (c = 0; c < n_cpu && c < CPU_SETSIZE; c++)
		if (!CPU_ISSET(c, &busy))
			CPU_SET(c, &set);
	if (CPU_COUNT(&set) == 0)
		for (c = 0; c < n_cpu && c < CPU_SETSIZE; c++)
			CPU_SET(c, &set);
	rc = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	return -rc;
}

void
fsctp_rt_stop(struct fsctp_rt *rt)
{
	if (rt != NULL)
		fsctp_rt_engine_pause(rt->fp);
}

/* ---------------------------------------------------------------------- */
/* Reaching an association's lcore. */

unsigned int
api_owner(const struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	return fsctp_assoc_id_owner(id, fsctp_rt_engine_owner_bits(s->rt->fp));
}

struct fsctp_stack *
api_stack(struct fsctp_sock *s, unsigned int i)
{
	return fsctp_rt_lcore_stack(s->lc[i].lib);
}

enum api_path
api_enter(struct fsctp_sock *s, unsigned int i)
{
	int cur = fsctp_rt_engine_current(s->rt->fp);

	if (cur == (int)i)
		return API_DIRECT;
	if (cur >= 0)
		return API_POST; /* never wait for another lcore's lock */
	fsctp_rt_engine_lock(s->rt->fp, i);
	return API_LOCKED;
}

void
api_leave(struct fsctp_sock *s, unsigned int i, enum api_path p)
{
	if (p == API_LOCKED)
		fsctp_rt_engine_unlock(s->rt->fp, i);
}

/* ---------------------------------------------------------------------- */
/* Events, on the lcore that owns the association. */

static void
deliver_inline(struct fsctp_sock *s, struct fsctp_rt_lcore *lib,
	       const struct fsctp_event *ev)
{
	struct fsctp_msg *m = ev->msg;

	if (ev->type == FSCTP_EV_DATA && s->ops.on_msg != NULL) {
		/* The application keeps the message: the window reopens
		 * when it gives it back (fsctp_sock_msg_free()). */
		s->ops.on_msg(s, s->ctx, m);
		return;
	}
	if (ev->type == FSCTP_EV_DATA) {
		struct fsctp_rcvinfo ri = api_rcvinfo(m);

		/* Inside the core: a reply sent from here leaves with the
		 * SACK this DATA owes (RFC 9260 6.2), and the message's
		 * bytes return to the window when the callback is done. */
		if (s->ops.on_data != NULL)
			s->ops.on_data(s, s->ctx, &ri, m->data, m->len);
		fsctp_msg_free(fsctp_rt_lcore_stack(lib), m);
		return;
	}
	if (s->ops.on_event != NULL)
		s->ops.on_event(s, s->ctx, ev);
}

static void
api_event(void *ctx, unsigned int lcore, struct fsctp_rt_lcore *lib,
	  const struct fsctp_event *ev)
{
	struct fsctp_sock *s = ctx;
	struct fsctp_sock_stats *st = &s->lc[lcore].st;

	if (ev->type == FSCTP_EV_DATA) {
		if (ev->msg == NULL)
			return;
		st->msgs_received++;
		st->bytes_received += ev->msg->len;
	} else {
		/* Parked worker sends, whatever the subscription. */
		if (s->worker)
			fsctp_api_worker_core_event(s, lcore, ev);
		if ((unsigned)ev->type >= 32 ||
		    !(s->event_mask & FSCTP_EVENT_BIT(ev->type))) {
			st->events_filtered++;
			return;
		}
		st->events++;
	}
	if (s->worker)
		fsctp_api_worker_event(s, lcore, ev);
	else
		deliver_inline(s, lib, ev);
}

static void
api_turn(void *ctx, unsigned int lcore, struct fsctp_rt_lcore *lib,
	 uint64_t now)
{
	(void)lib;
	(void)now;
	fsctp_api_worker_turn(ctx, lcore);
}

static _Atomic uint64_t api_sock_serial;

struct fsctp_sock *
fsctp_sock_create(struct fsctp_rt *rt, const struct fsctp_sock_config *cfg)
{
	struct fsctp_rt_inst_config ic;
	struct fsctp_stack_config stack;
	struct fsctp_sock *s;
	unsigned int slot, i;
	uint32_t mask, taken = 0;
	char err[256];
	uint16_t p;
	int inst;

	if (rt == NULL || cfg == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (fsctp_rt_engine_running(rt->fp)) {
		rte_errno = EBUSY;
		return NULL;
	}
	for (slot = 0; slot < API_MAX_SOCKS; slot++)
		if (rt->socks[slot] != NULL)
			taken |= rt->socks[slot]->port_mask;
	mask = cfg->port_mask != 0 ? cfg->port_mask
				   : ((1u << rt->ports.n) - 1) & ~taken;
	if (mask == 0 || (mask & taken) != 0 || (mask >> rt->ports.n) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	for (slot = 0; slot < API_MAX_SOCKS && rt->socks[slot] != NULL; slot++)
		;
	if (slot == API_MAX_SOCKS) {
		rte_errno = ENOSPC;
		return NULL;
	}
	s = rte_zmalloc("fsctp_sock", sizeof(*s), RTE_CACHE_LINE_SIZE);
	if (s == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	s->rt = rt;
	s->serial = atomic_fetch_add(&api_sock_serial, 1) + 1;
	s->inst = -1;
	s->port_mask = mask;
	s->ops = cfg->ops;
	s->ctx = cfg->ctx;
	s->event_mask = FSCTP_EVENT_ALL;
	s->worker = cfg->worker;
	s->n_lc = fsctp_rt_engine_n_lcores(rt->fp);
	for (p = 0; p < rt->ports.n; p++)
		if (mask & (1u << p))
			s->if_port[s->n_ifs++] = p;
	if (cfg->stack != NULL)
		stack = *cfg->stack;
	else
		fsctp_rt_config_stack(&rt->cfg, &stack);
	s->max_msg_size = stack.max_msg_size;
	if (fsctp_api_worker_init(s, cfg->worker_ring, cfg->workers,
				  cfg->worker_sndbuf != 0
					  ? cfg->worker_sndbuf
					  : 4 * (uint64_t)stack.sndbuf) != 0)
		goto fail;
	memset(&ic, 0, sizeof(ic));
	ic.port_mask = mask;
	ic.stack = &stack;
	ic.event = api_event;
	ic.turn = s->worker ? api_turn : NULL;
	ic.ctx = s;
	inst = fsctp_rt_engine_inst_create(rt->fp, &ic, err, sizeof(err));
	if (inst < 0) {
		fprintf(stderr, "%s\n", err);
		rte_errno = -inst;
		goto fail;
	}
	s->inst = inst;
	for (i = 0; i < s->n_lc; i++) {
		s->lc[i].lib = fsctp_rt_engine_inst_lcore(
			rt->fp, (unsigned int)inst, i);
		/* The dynamic range (RFC 6335), split by lcore: a port names
		 * its lcore, so two lcores never pick the same one. */
		s->lc[i].next_port = (uint16_t)(49152 + i);
	}
	rt->socks[slot] = s;
	return s;
fail:
	fsctp_api_worker_fini(s);
	rte_free(s);
	if (rte_errno == 0)
		rte_errno = ENOMEM;
	return NULL;
}

void
fsctp_sock_free(struct fsctp_sock *s)
{
	unsigned int i;

	if (s == NULL)
		return;
	for (i = 0; i < API_MAX_SOCKS; i++)
		if (s->rt->socks[i] == s)
			s->rt->socks[i] = NULL;
	/* Messages in the worker's hands reference the stacks: give them
	 * back before the stacks go. */
	fsctp_api_worker_fini(s);
	if (s->inst >= 0)
		fsctp_rt_engine_inst_free(s->rt->fp, (unsigned int)s->inst);
	rte_free(s);
}

/* ---------------------------------------------------------------------- */

int
fsctp_sock_listen(struct fsctp_sock *s, uint16_t port)
{
	unsigned int i;
	int rc = 0;

	if (s == NULL || port == 0)
		return -EINVAL;
	if (fsctp_rt_engine_running(s->rt->fp) ||
	    fsctp_rt_engine_current(s->rt->fp) >= 0)
		return -EBUSY;
	/* Every lcore answers INITs to it (statelessly, RFC 9260 5.1). */
	for (i = 0; i < s->n_lc && rc == 0; i++) {
		enum api_path p = api_enter(s, i);

		rc = fsctp_listen(api_stack(s, i), port);
		api_leave(s, i, p);
	}
	return rc;
}

int64_t
api_connect_on(struct fsctp_sock *s, unsigned int i,
	       const struct fsctp_addr *dst, uint16_t src_port, void *user,
	       uint64_t now)
{
	struct fsctp_stack *st = api_stack(s, i);
	struct fsctp_addr src;
	unsigned int tries;
	int64_t rc = -EISCONN;

	if (port_addr(&s->rt->cfg.ports[s->if_port[0]].net, dst->family,
		      &src) != 0)
		return -EINVAL;
	if (src_port != 0) {
		src.port = src_port;
		rc = fsctp_connect(st, &src, dst, now);
	} else {
		/* An ephemeral port of this lcore's class not yet used with
		 * dst. */
		for (tries = 0; tries < 16384 / s->n_lc && rc == -EISCONN;
		     tries++) {
			struct api_lc *l = &s->lc[i];

			src.port = l->next_port;
			l->next_port = (uint16_t)(l->next_port + s->n_lc);
			if (l->next_port < 49152)
				l->next_port = (uint16_t)(49152 + i);
			rc = fsctp_connect(st, &src, dst, now);
		}
	}
	if (rc > 0 && user != NULL)
		fsctp_assoc_set_user(st, (fsctp_assoc_id_t)rc, user);
	return rc;
}

int64_t
fsctp_sock_connect_ex(struct fsctp_sock *s, const struct fsctp_addr *dst,
		      uint16_t src_port, void *user)
{
	enum api_path p;
	unsigned int i;
	int cur;
	int64_t rc;

	if (s == NULL || dst == NULL || dst->port == 0)
		return -EINVAL;
	/* A chosen port names its lcore (so one lcore sees every use of
	 * it); otherwise round robin, or the caller's own lcore from a
	 * callback. */
	cur = fsctp_rt_engine_current(s->rt->fp);
	if (src_port != 0)
		i = src_port % s->n_lc;
	else if (cur >= 0)
		i = (unsigned int)cur;
	else
		i = s->next_lc++ % s->n_lc;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	rc = api_connect_on(s, i, dst, src_port, user, fsctp_rt_now_us());
	api_leave(s, i, p);
	return rc;
}

int64_t
fsctp_sock_connect(struct fsctp_sock *s, const struct fsctp_addr *dst,
		   uint16_t src_port)
{
	return fsctp_sock_connect_ex(s, dst, src_port, NULL);
}

int
fsctp_sock_bindx(struct fsctp_sock *s, uint16_t port,
		 const struct fsctp_addr *addrs, unsigned int n)
{
	unsigned int i;
	int rc = 0;

	if (s == NULL || port == 0 || (addrs == NULL && n > 0))
		return -EINVAL;
	if (fsctp_rt_engine_current(s->rt->fp) >= 0 && s->n_lc > 1)
		return -EWOULDBLOCK;
	/* RFC 9260 5.1.2: every lcore answers INITs to the port and lists
	 * the same addresses. */
	for (i = 0; i < s->n_lc && rc == 0; i++) {
		enum api_path p = api_enter(s, i);

		rc = fsctp_bindx(api_stack(s, i), port, addrs, n);
		api_leave(s, i, p);
	}
	return rc;
}

int64_t
fsctp_sock_connectx(struct fsctp_sock *s, const struct fsctp_addr *srcs,
		    unsigned int n_src, const struct fsctp_addr *dsts,
		    unsigned int n_dst, uint16_t src_port, void *user)
{
	struct fsctp_addr loc[FSCTP_MAX_BIND_ADDRS];
	struct fsctp_stack *st;
	enum api_path p;
	unsigned int i, k;
	int cur;
	int64_t rc = -EISCONN;

	if (s == NULL || dsts == NULL || n_dst == 0 || dsts[0].port == 0 ||
	    (srcs == NULL && n_src > 0) || n_src > FSCTP_MAX_BIND_ADDRS)
		return -EINVAL;
	/* No local addresses: the port's address of the primary's family,
	 * as fsctp_sock_connect(). */
	if (n_src == 0) {
		if (port_addr(&s->rt->cfg.ports[s->if_port[0]].net,
			      dsts[0].family, &loc[0]) != 0)
			return -EINVAL;
		n_src = 1;
	} else {
		memcpy(loc, srcs, n_src * sizeof(loc[0]));
	}
	cur = fsctp_rt_engine_current(s->rt->fp);
	if (src_port != 0)
		i = src_port % s->n_lc;
	else if (cur >= 0)
		i = (unsigned int)cur;
	else
		i = s->next_lc++ % s->n_lc;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	st = api_stack(s, i);
	for (k = 0; k < 16384 / s->n_lc && rc == -EISCONN; k++) {
		uint16_t port = src_port;
		unsigned int j;

		if (port == 0) {
			struct api_lc *l = &s->lc[i];

			port = l->next_port;
			l->next_port = (uint16_t)(l->next_port + s->n_lc);
			if (l->next_port < 49152)
				l->next_port = (uint16_t)(49152 + i);
		}
		for (j = 0; j < n_src; j++)
			loc[j].port = port;
		rc = fsctp_connectx(st, loc, n_src, dsts, n_dst,
				    fsctp_rt_now_us());
		if (src_port != 0)
			break;
	}
	if (rc > 0 && user != NULL)
		fsctp_assoc_set_user(st, (fsctp_assoc_id_t)rc, user);
	api_leave(s, i, p);
	return rc;
}

int
fsctp_sock_set_assoc_user(struct fsctp_sock *s, fsctp_assoc_id_t id, void *user)
{
	unsigned int i;
	enum api_path p;
	int rc;

	if (s == NULL || id == 0)
		return -EINVAL;
	i = api_owner(s, id);
	if (i >= s->n_lc)
		return -ENOTCONN;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	rc = fsctp_assoc_set_user(api_stack(s, i), id, user);
	api_leave(s, i, p);
	return rc;
}

int
api_send_on(struct fsctp_sock *s, unsigned int i, fsctp_assoc_id_t id,
	    const void *buf, uint32_t len, const struct fsctp_sndinfo *info,
	    void (*release)(void *arg), void *arg, uint64_t now)
{
	int rc;

	if (fsctp_assoc_state(api_stack(s, i), id) == FSCTP_CLOSED)
		return -ENOTCONN;
	if (release != NULL)
		rc = fsctp_send_zc(api_stack(s, i), id, info, buf, len, release,
				   arg, now);
	else
		rc = fsctp_send(api_stack(s, i), id, info, buf, len, now);
	return api_counted(s, i, rc, len);
}

int
api_counted(struct fsctp_sock *s, unsigned int i, int rc, uint32_t len)
{
	struct fsctp_sock_stats *st = &s->lc[i].st;

	if (rc == 0) {
		st->msgs_sent++;
		st->bytes_sent += len;
	} else if (rc == -EAGAIN) {
		st->send_eagain++;
	}
	return rc;
}

int
fsctp_sendmsg(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *buf,
	      uint32_t len, const struct fsctp_sndinfo *info)
{
	unsigned int i;
	enum api_path p;
	int rc;

	if (s == NULL || buf == NULL || len == 0)
		return -EINVAL;
	if (info == NULL)
		info = &s->def_snd;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	p = api_enter(s, i);
	if (p == API_POST) {
		/* From another lcore's callback: copied to the owner; a
		 * failure there comes back as SEND_FAILED. */
		if (len > s->max_msg_size)
			return -EMSGSIZE;
		return fsctp_api_post(s, i, API_CMD_SEND, id, info, buf, len,
				      NULL, 0, NULL);
	}
	rc = api_send_on(s, i, id, buf, len, info, NULL, NULL,
			 fsctp_rt_now_us());
	api_leave(s, i, p);
	return rc;
}

int
fsctp_sendmsg_burst(struct fsctp_sock *s, fsctp_assoc_id_t id,
		    const struct fsctp_msgvec *msgs, unsigned int n,
		    const struct fsctp_sndinfo *info)
{
	unsigned int i, k;
	enum api_path p;
	uint64_t now;
	int rc = 0;

	if (s == NULL || msgs == NULL || n == 0)
		return -EINVAL;
	if (info == NULL)
		info = &s->def_snd;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	for (k = 0; k < n; k++)
		if (msgs[k].buf == NULL || msgs[k].len == 0)
			break;
	if (k < n)
		n = k; /* a bad entry ends the burst before it */
	if (n == 0)
		return -EINVAL;
	p = api_enter(s, i);
	now = fsctp_rt_now_us();
	if (p != API_POST &&
	    fsctp_assoc_state(api_stack(s, i), id) == FSCTP_CLOSED)
		n = 0;
	rc = n == 0 ? -ENOTCONN : 0;
	if (p != API_POST && n > 0) {
		/* Queued as one burst that leaves bundled at the end (RFC
		 * 9260 6.10), not a packet per message. */
		struct fsctp_sock_stats *ss = &s->lc[i].st;
		int stop = 0;

		rc = fsctp_send_burst(api_stack(s, i), id, info, msgs, n, &stop,
				      now);
		k = rc > 0 ? (unsigned int)rc : 0;
		ss->msgs_sent += k;
		while (k-- > 0)
			ss->bytes_sent += msgs[k].len;
		if (stop == -EAGAIN)
			ss->send_eagain++;
		api_leave(s, i, p);
		return rc;
	}
	for (k = 0; k < n; k++) {
		if (msgs[k].len > s->max_msg_size)
			rc = -EMSGSIZE;
		else
			rc = fsctp_api_post(s, i, API_CMD_SEND, id, info,
					    msgs[k].buf, msgs[k].len, NULL, 0,
					    NULL);
		if (rc != 0)
			break;
	}
	api_leave(s, i, p);
	return k > 0 ? (int)k : rc;
}

static void
mbuf_release(void *arg)
{
	rte_pktmbuf_free(arg);
}

int
fsctp_sendmsg_mbuf(struct fsctp_sock *s, fsctp_assoc_id_t id,
		   struct rte_mbuf *m, const struct fsctp_sndinfo *info)
{
	uint8_t stackbuf[2048];
	const void *p;
	uint8_t *heap = NULL;
	enum api_path path;
	unsigned int i;
	int rc;

	if (s == NULL || m == NULL || m->pkt_len == 0)
		return -EINVAL;
	if (m->pkt_len > s->max_msg_size)
		return -EMSGSIZE;
	if (info == NULL)
		info = &s->def_snd;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	if (m->nb_segs == 1) {
		/* Zero copy: the send queue keeps the mbuf until the
		 * message is acknowledged or abandoned; its bytes are
		 * copied once, into the packets that carry them. */
		path = api_enter(s, i);
		if (path != API_POST) {
			rc = api_send_on(s, i, id,
					 rte_pktmbuf_mtod(m, const void *),
					 m->pkt_len, info, mbuf_release, m,
					 fsctp_rt_now_us());
			api_leave(s, i, path);
			return rc;
		}
		/* From another lcore's callback: posted (a copy). */
		p = rte_pktmbuf_mtod(m, const void *);
	} else {
		/* A chain is copied (into one buffer). */
		uint8_t *dst = stackbuf;

		if (m->pkt_len > sizeof(stackbuf)) {
			heap = malloc(m->pkt_len);
			if (heap == NULL)
				return -ENOMEM;
			dst = heap;
		}
		p = rte_pktmbuf_read(m, 0, m->pkt_len, dst);
	}
	rc = fsctp_sendmsg(s, id, p, m->pkt_len, info);
	free(heap);
	if (rc == 0)
		rte_pktmbuf_free(m);
	return rc;
}

/* shutdown / abort on the owner, posted from another lcore. */
static int
close_call(struct fsctp_sock *s, fsctp_assoc_id_t id, bool abort,
	   const void *reason, uint16_t reason_len)
{
	unsigned int i;
	enum api_path p;
	int rc;

	if (s == NULL || (reason == NULL && reason_len != 0))
		return -EINVAL;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	p = api_enter(s, i);
	if (p == API_POST)
		return fsctp_api_post(
			s, i, abort ? API_CMD_ABORT : API_CMD_SHUTDOWN, id,
			NULL, reason, reason_len, NULL, 0, NULL);
	if (abort)
		rc = fsctp_abort(api_stack(s, i), id, reason, reason_len,
				 fsctp_rt_now_us());
	else
		rc = fsctp_shutdown(api_stack(s, i), id, fsctp_rt_now_us());
	api_leave(s, i, p);
	return rc;
}

int
fsctp_sock_shutdown(struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	return close_call(s, id, false, NULL, 0);
}

int
fsctp_sock_abort(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *reason,
		 uint16_t reason_len)
{
	return close_call(s, id, true, reason, reason_len);
}

/* RFC 6525 requests, on the owner (not posted from other lcores). */
static int
reconf_call(struct fsctp_sock *s, fsctp_assoc_id_t id, bool add, uint16_t flags,
	    const uint16_t *sids, uint16_t n, uint16_t n_in, uint16_t n_out)
{
	unsigned int i;
	enum api_path p;
	int rc;

	if (s == NULL)
		return -EINVAL;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	if (add && n_in == 0 && n_out == 0)
		rc = fsctp_reconf_reset_assoc(api_stack(s, i), id,
					      fsctp_rt_now_us());
	else if (add)
		rc = fsctp_reconf_add_streams(api_stack(s, i), id, n_in, n_out,
					      fsctp_rt_now_us());
	else
		rc = fsctp_reconf_reset_streams(api_stack(s, i), id, flags,
						sids, n, fsctp_rt_now_us());
	api_leave(s, i, p);
	return rc;
}

int
fsctp_sock_reset_streams(struct fsctp_sock *s, fsctp_assoc_id_t id,
			 uint16_t flags, const uint16_t *sids, uint16_t n)
{
	return reconf_call(s, id, false, flags, sids, n, 0, 0);
}

int
fsctp_sock_add_streams(struct fsctp_sock *s, fsctp_assoc_id_t id, uint16_t n_in,
		       uint16_t n_out)
{
	if (n_in == 0 && n_out == 0)
		return -EINVAL;
	return reconf_call(s, id, true, 0, NULL, 0, n_in, n_out);
}

int
fsctp_sock_reset_assoc(struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	/* add with no streams: the SSN/TSN reset (RFC 6525 5.1.4). */
	return reconf_call(s, id, true, 0, NULL, 0, 0, 0);
}

/* RFC 5061 requests, on the owner (not posted from other lcores). */
static int
asconf_call(struct fsctp_sock *s, fsctp_assoc_id_t id, int which,
	    const struct fsctp_addr *addr)
{
	struct fsctp_stack *st;
	unsigned int i;
	enum api_path p;
	int rc;

	if (s == NULL || addr == NULL)
		return -EINVAL;
	i = api_owner(s, id);
	if (id == 0 || i >= s->n_lc)
		return -ENOTCONN;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	st = api_stack(s, i);
	if (which == 0)
		rc = fsctp_asconf_add_addr(st, id, addr, fsctp_rt_now_us());
	else if (which == 1)
		rc = fsctp_asconf_del_addr(st, id, addr, fsctp_rt_now_us());
	else
		rc = fsctp_asconf_set_peer_primary(st, id, addr,
						   fsctp_rt_now_us());
	api_leave(s, i, p);
	return rc;
}

int
fsctp_sock_asconf_add_addr(struct fsctp_sock *s, fsctp_assoc_id_t id,
			   const struct fsctp_addr *addr)
{
	return asconf_call(s, id, 0, addr);
}

int
fsctp_sock_asconf_del_addr(struct fsctp_sock *s, fsctp_assoc_id_t id,
			   const struct fsctp_addr *addr)
{
	return asconf_call(s, id, 1, addr);
}

int
fsctp_sock_set_peer_primary(struct fsctp_sock *s, fsctp_assoc_id_t id,
			    const struct fsctp_addr *addr)
{
	return asconf_call(s, id, 2, addr);
}

enum fsctp_state
fsctp_sock_assoc_state(const struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	struct fsctp_sock *ms = (struct fsctp_sock *)s;
	enum fsctp_state state;
	unsigned int i;
	enum api_path p;

	if (s == NULL || id == 0 || (i = api_owner(s, id)) >= s->n_lc)
		return FSCTP_CLOSED;
	p = api_enter(ms, i);
	if (p == API_POST)
		return FSCTP_CLOSED; /* not readable from another lcore */
	state = fsctp_assoc_state(api_stack(ms, i), id);
	api_leave(ms, i, p);
	return state;
}

struct fsctp_stack *
fsctp_sock_stack(struct fsctp_sock *s)
{
	return s == NULL ? NULL : api_stack(s, 0);
}

int
fsctp_sock_stats(const struct fsctp_sock *s, struct fsctp_sock_stats *out)
{
	unsigned int i;

	if (s == NULL || out == NULL)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	/* Racy 64-bit reads of other lcores' counters: a value may be a
	 * turn old, never torn. */
	for (i = 0; i < s->n_lc; i++) {
		const struct fsctp_sock_stats *c = &s->lc[i].st;
		const struct fsctp_rt_lcore_stats *l =
			fsctp_rt_lcore_stats(s->lc[i].lib);
		const struct fsctp_stack_counters *k = fsctp_stack_counters(
			fsctp_rt_lcore_stack(s->lc[i].lib));
		const uint64_t *kv = (const uint64_t *)k;
		uint64_t *ov = (uint64_t *)&out->stack;
		size_t j;

		for (j = 0; j < sizeof(*k) / sizeof(uint64_t); j++)
			ov[j] += kv[j];
		out->msgs_sent += c->msgs_sent;
		out->bytes_sent += c->bytes_sent;
		out->msgs_received += c->msgs_received;
		out->bytes_received += c->bytes_received;
		out->send_eagain += c->send_eagain;
		out->events += c->events;
		out->events_filtered += c->events_filtered;
		out->worker_ring_full += c->worker_ring_full;
		out->worker_cmds += c->worker_cmds;
		out->rx_pkts += l->rx_pkts;
		out->tx_pkts += l->tx_taken;
		/* Every frame lost before the wire, whatever the reason. */
		out->tx_drop += l->tx_fifo_full + l->tx_no_route +
				l->tx_neigh_drop + l->tx_alloc_fail +
				l->tx_no_if + l->tx_oversize;
		out->tx_port_full += l->tx_port_full;
		out->rx_zc_held += l->rx_zc_held;
		out->rx_zc_limited += l->rx_zc_limited;
		out->rx_zc_in_use += l->rx_zc_in_use;
		out->worker_send_parked += c->worker_send_parked;
		out->worker_send_eagain += atomic_load_explicit(
			&s->lc[i].credit.refused, memory_order_relaxed);
		out->worker_wakes += c->worker_wakes;
	}
	return 0;
}

int
fsctp_sock_xstats(const struct fsctp_sock *s, struct fsctp_xstat *out,
		  unsigned int n)
{
	/* clang-format off */
	static const char *const api_names[] = {
		"msgs_sent",	   "bytes_sent",       "msgs_received",
		"bytes_received",  "send_eagain",      "events",
		"events_filtered", "worker_ring_full", "worker_cmds",
		"rx_pkts",	   "tx_pkts",	       "tx_drop",
		"tx_port_full",	   "rx_zc_held",       "rx_zc_limited",
		"rx_zc_in_use",
		"worker_send_parked", "worker_send_eagain", "worker_wakes",
	};
	/* clang-format on */
	struct fsctp_sock_stats st;
	const uint64_t *api, *stack;
	unsigned int n_api = RTE_DIM(api_names), total, i;

	/* The API fields follow the stack counters in the struct, in the
	 * order of api_names. */
	RTE_BUILD_BUG_ON(sizeof(st) !=
			 sizeof(st.stack) +
				 RTE_DIM(api_names) * sizeof(uint64_t));
	if (s == NULL || (out == NULL && n != 0))
		return -EINVAL;
	total = n_api + fsctp_stack_counter_names_count;
	fsctp_sock_stats(s, &st);
	api = (const uint64_t *)(&st.stack + 1);
	stack = (const uint64_t *)&st.stack;
	for (i = 0; i < total && i < n; i++) {
		if (i < n_api) {
			out[i].name = api_names[i];
			out[i].value = api[i];
		} else {
			out[i].name = fsctp_stack_counter_names[i - n_api];
			out[i].value = stack[i - n_api];
		}
	}
	return (int)total;
}

int
fsctp_assoc_stats(const struct fsctp_sock *s, fsctp_assoc_id_t id,
		  struct fsctp_assoc_counters *out)
{
	struct fsctp_sock *ms = (struct fsctp_sock *)s;
	const struct fsctp_assoc_counters *c;
	unsigned int i;
	enum api_path p;
	int rc = 0;

	if (s == NULL || out == NULL)
		return -EINVAL;
	if (id == 0 || (i = api_owner(s, id)) >= s->n_lc)
		return -ENOTCONN;
	p = api_enter(ms, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	c = fsctp_assoc_counters(api_stack(ms, i), id);
	if (c == NULL)
		rc = -ENOTCONN;
	else
		*out = *c;
	api_leave(ms, i, p);
	return rc;
}

const char *
fsctp_event_name(enum fsctp_event_type t)
{
	switch (t) {
	case FSCTP_EV_COMM_UP:
		return "SCTP_COMM_UP";
	case FSCTP_EV_COMM_LOST:
		return "SCTP_COMM_LOST";
	case FSCTP_EV_RESTART:
		return "SCTP_RESTART";
	case FSCTP_EV_SHUTDOWN_COMP:
		return "SCTP_SHUTDOWN_COMP";
	case FSCTP_EV_CANT_STR_ASSOC:
		return "SCTP_CANT_STR_ASSOC";
	case FSCTP_EV_REMOTE_ERROR:
		return "SCTP_REMOTE_ERROR";
	case FSCTP_EV_SHUTDOWN_EVENT:
		return "SCTP_SHUTDOWN_EVENT";
	case FSCTP_EV_PEER_ADDR_CHANGE:
		return "SCTP_PEER_ADDR_CHANGE";
	case FSCTP_EV_SEND_FAILED:
		return "SCTP_SEND_FAILED_EVENT";
	case FSCTP_EV_PARTIAL_DELIVERY:
		return "SCTP_PARTIAL_DELIVERY_EVENT";
	case FSCTP_EV_ADAPTATION_IND:
		return "SCTP_ADAPTATION_INDICATION";
	case FSCTP_EV_SENDER_DRY:
		return "SCTP_SENDER_DRY_EVENT";
	case FSCTP_EV_DATA:
		return "DATA";
	case FSCTP_EV_WRITABLE:
		return "WRITABLE";
	case FSCTP_EV_STREAM_RESET:
		return "SCTP_STREAM_RESET_EVENT";
	case FSCTP_EV_ASSOC_RESET:
		return "SCTP_ASSOC_RESET_EVENT";
	case FSCTP_EV_STREAM_CHANGE:
		return "SCTP_STREAM_CHANGE_EVENT";
	case FSCTP_EV_ASCONF_RESULT:
		return "ASCONF_RESULT";
	case FSCTP_EV_AUTHENTICATION:
		return "SCTP_AUTHENTICATION_EVENT";
	}
	return "?";
}

int
fsctp_sock_msg_free(struct fsctp_sock *s, struct fsctp_msg *m)
{
	unsigned int i;
	enum api_path p;

	if (s == NULL || m == NULL)
		return -EINVAL;
	i = api_owner(s, m->assoc_id);
	if (i >= s->n_lc)
		return -EINVAL;
	p = api_enter(s, i);
	if (p == API_POST)
		return -EWOULDBLOCK;
	fsctp_msg_free(api_stack(s, i), m);
	api_leave(s, i, p);
	return 0;
}
