/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The runtime and sockets of the public API (include/fsctp.h): a profile's
 * ports, one library-mode instance (fsctp_lib) per socket, and the inline
 * poll loop that runs the application's callbacks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "fsctp_api_internal.h"
#include "fsctp_netif.h"

static struct fsctp_rt *g_rt;

uint64_t
fsctp_rt_now_us(void)
{
	return fsctp_fp_now_us();
}

/* Replace "iface=..." in a vdev spec (net_af_packet / net_tap). */
static int
set_iface(char *dev, size_t cap, const char *iface)
{
	char out[FSCTP_FP_STR];
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
	rc = fsctp_fp_config_load(opt->profile, &rt->cfg, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		goto fail;
	}
	if (opt->iface != NULL &&
	    (rt->cfg.ports[0].kind != FSCTP_FP_PORT_VDEV ||
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
	rc = fsctp_fp_eal_init(&rt->cfg, opt->n_eal, opt->eal, err,
			       sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		goto fail;
	}
	rc = fsctp_fp_ports_start(&rt->cfg, &rt->ports, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		rte_eal_cleanup();
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
	unsigned int i;

	if (rt == NULL)
		return;
	for (i = 0; i < API_MAX_SOCKS; i++)
		fsctp_sock_free(rt->socks[i]);
	fsctp_fp_ports_stop(&rt->ports);
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

/* ---------------------------------------------------------------------- */

/*
 * The library instance's event callback. Events are queued, not handed
 * to the application here: its callbacks run after the core returned
 * (fsctp_api_dispatch()), so they may call back into the stack.
 */
static void
api_event(void *ctx, struct fsctp_lib *lib, const struct fsctp_event *ev)
{
	struct fsctp_sock *s = ctx;

	if (ev->type == FSCTP_EV_DATA) {
		struct fsctp_msg *m = ev->msg;

		if (m == NULL)
			return;
		s->st.msgs_received++;
		s->st.bytes_received += m->len;
		if (fsctp_api_worker_event(s, ev))
			return;
		/* Ring full. The core has acknowledged the message, so it
		 * must not be lost: in inline mode deliver it now (the
		 * callback then runs inside the core); a worker cannot be
		 * reached, so the message is dropped and counted. */
		s->st.worker_ring_full++;
		if (!s->worker && s->ops.on_data != NULL) {
			struct fsctp_rcvinfo ri = {
				.assoc_id = m->assoc_id,
				.sid = m->sid,
				.ssn = m->ssn,
				.ppid = m->ppid,
				.tsn = m->tsn,
				.unordered = m->unordered,
			};

			s->ops.on_data(s, s->ctx, &ri, m->data, m->len);
		}
		fsctp_msg_free(fsctp_lib_stack(lib), m);
		return;
	}
	if ((unsigned)ev->type >= 32 ||
	    !(s->event_mask & FSCTP_EVENT_BIT(ev->type))) {
		s->st.events_filtered++;
		return;
	}
	s->st.events++;
	if (!fsctp_api_worker_event(s, ev))
		s->st.worker_ring_full++;
}

struct fsctp_sock *
fsctp_sock_create(struct fsctp_rt *rt, const struct fsctp_sock_config *cfg)
{
	struct fsctp_lib_config lc;
	struct fsctp_sock *s;
	uint32_t mask;
	unsigned int slot;
	uint16_t p;

	if (rt == NULL || cfg == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	mask = cfg->port_mask != 0
		       ? cfg->port_mask
		       : ((1u << rt->ports.n) - 1) & ~rt->ports_taken;
	if (mask == 0 || (mask & rt->ports_taken) != 0 ||
	    (mask >> rt->ports.n) != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	for (slot = 0; slot < API_MAX_SOCKS && rt->socks[slot] != NULL; slot++)
		;
	if (slot == API_MAX_SOCKS) {
		rte_errno = ENOSPC;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	s->rt = rt;
	s->port_mask = mask;
	s->ops = cfg->ops;
	s->ctx = cfg->ctx;
	s->event_mask = FSCTP_EVENT_ALL;
	s->next_port = 49152;
	memset(&lc, 0, sizeof(lc));
	if (cfg->stack != NULL) {
		lc.stack = *cfg->stack;
	} else {
		fsctp_stack_config_defaults(&lc.stack);
		lc.stack.max_assocs = rt->cfg.max_assocs;
	}
	for (p = 0; p < rt->ports.n; p++) {
		struct fsctp_lib_if *li = &lc.ifs[lc.n_ifs];

		if (!(mask & (1u << p)))
			continue;
		li->port_id = rt->ports.port[p].port_id;
		li->net = rt->cfg.ports[p].net;
		memcpy(li->net.mac, rt->ports.port[p].mac, 6);
		li->tx_ip4_cksum = rt->ports.port[p].tx_ip4_cksum;
		li->tx_sctp_cksum = rt->ports.port[p].tx_sctp_cksum;
		if (lc.n_ifs == 0 || rt->cfg.ports[p].mtu < lc.stack.pmtu)
			lc.stack.pmtu = rt->cfg.ports[p].mtu;
		if (lc.n_ifs == 0)
			lc.pool = rt->ports.port[p].pool;
		s->if_port[lc.n_ifs++] = p;
	}
	s->n_ifs = lc.n_ifs;
	s->max_msg_size = lc.stack.max_msg_size;
	lc.tx_fifo = 1024;
	lc.event = api_event;
	lc.ctx = s;
	s->lib = fsctp_lib_create(&lc, fsctp_fp_now_us());
	if (s->lib == NULL)
		goto fail;
	s->worker = cfg->worker;
	if (fsctp_api_worker_init(s, cfg->worker_ring) != 0)
		goto fail;
	rt->ports_taken |= mask;
	rt->socks[slot] = s;
	return s;
fail:
	fsctp_api_worker_fini(s);
	fsctp_lib_free(s->lib);
	free(s);
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
	s->rt->ports_taken &= ~s->port_mask;
	/* Messages in the worker's hands reference the stack: free the
	 * stack only after they are all back. */
	fsctp_api_worker_fini(s);
	fsctp_lib_free(s->lib);
	free(s);
}

/* One turn for one socket. */
static int
sock_poll(struct fsctp_sock *s, uint64_t now)
{
	struct rte_mbuf *pkts[API_BURST];
	uint16_t i, n, k;
	int work = 0;

	for (i = 0; i < s->n_ifs; i++) {
		uint16_t pid = s->rt->ports.port[s->if_port[i]].port_id;

		n = rte_eth_rx_burst(pid, 0, pkts, API_BURST);
		if (n == 0)
			continue;
		s->st.rx_pkts += n;
		work += n;
		fsctp_lib_rx_bulk(s->lib, i, pkts, n, now);
	}
	if (s->worker)
		s->st.worker_cmds += fsctp_api_worker_owner_poll(s, now);
	fsctp_lib_process(s->lib, now);
	if (!s->worker)
		work += fsctp_api_dispatch(s, UINT32_MAX, true);
	for (i = 0; i < s->n_ifs; i++) {
		uint16_t pid = s->rt->ports.port[s->if_port[i]].port_id;

		k = fsctp_lib_tx_burst(s->lib, i, pid, 0, UINT16_MAX);
		s->st.tx_pkts += k;
		work += k;
	}
	return work;
}

int
fsctp_rt_poll(struct fsctp_rt *rt)
{
	uint64_t now = fsctp_fp_now_us();
	unsigned int i;
	int work = 0;

	if (rt == NULL)
		return -EINVAL;
	for (i = 0; i < API_MAX_SOCKS; i++)
		if (rt->socks[i] != NULL)
			work += sock_poll(rt->socks[i], now);
	return work;
}

int
fsctp_rt_run(struct fsctp_rt *rt)
{
	if (rt == NULL)
		return -EINVAL;
	while (!rt->stop)
		fsctp_rt_poll(rt);
	rt->stop = 0;
	return 0;
}

void
fsctp_rt_stop(struct fsctp_rt *rt)
{
	if (rt != NULL)
		rt->stop = 1;
}

/* ---------------------------------------------------------------------- */

int
fsctp_sock_listen(struct fsctp_sock *s, uint16_t port)
{
	if (s == NULL || port == 0)
		return -EINVAL;
	return fsctp_listen(fsctp_lib_stack(s->lib), port);
}

int64_t
fsctp_sock_connect(struct fsctp_sock *s, const struct fsctp_addr *dst,
		   uint16_t src_port)
{
	struct fsctp_addr src;
	int64_t rc;
	unsigned int tries;

	if (s == NULL || dst == NULL || dst->port == 0 ||
	    port_addr(&s->rt->cfg.ports[s->if_port[0]].net, dst->family,
		      &src) != 0)
		return -EINVAL;
	if (src_port != 0) {
		src.port = src_port;
		return fsctp_connect(fsctp_lib_stack(s->lib), &src, dst,
				     fsctp_fp_now_us());
	}
	/* An ephemeral port (RFC 6335 dynamic range) not yet used with dst. */
	for (tries = 0; tries < 16384; tries++) {
		src.port = s->next_port;
		s->next_port = s->next_port == 65535 ? 49152 : s->next_port + 1;
		rc = fsctp_connect(fsctp_lib_stack(s->lib), &src, dst,
				   fsctp_fp_now_us());
		if (rc != -EISCONN)
			return rc;
	}
	return -EISCONN;
}

int
fsctp_sendmsg(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *buf,
	      uint32_t len, const struct fsctp_sndinfo *info)
{
	int rc;

	if (s == NULL || buf == NULL || len == 0)
		return -EINVAL;
	if (id == 0 ||
	    fsctp_assoc_state(fsctp_lib_stack(s->lib), id) == FSCTP_CLOSED)
		return -ENOTCONN;
	rc = fsctp_send(fsctp_lib_stack(s->lib), id,
			info != NULL ? info : &s->def_snd, buf, len,
			fsctp_fp_now_us());
	if (rc == 0) {
		s->st.msgs_sent++;
		s->st.bytes_sent += len;
	} else if (rc == -EAGAIN) {
		s->st.send_eagain++;
	}
	return rc;
}

int
fsctp_sendmsg_mbuf(struct fsctp_sock *s, fsctp_assoc_id_t id,
		   struct rte_mbuf *m, const struct fsctp_sndinfo *info)
{
	uint8_t stackbuf[2048];
	const void *p;
	uint8_t *heap = NULL;
	int rc;

	if (s == NULL || m == NULL || m->pkt_len == 0)
		return -EINVAL;
	if (m->pkt_len > s->max_msg_size)
		return -EMSGSIZE;
	if (m->nb_segs == 1) {
		p = rte_pktmbuf_mtod(m, const void *);
	} else {
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

int
fsctp_sock_shutdown(struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	if (s == NULL)
		return -EINVAL;
	return fsctp_shutdown(fsctp_lib_stack(s->lib), id, fsctp_fp_now_us());
}

int
fsctp_sock_abort(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *reason,
		 uint16_t reason_len)
{
	if (s == NULL || (reason == NULL && reason_len != 0))
		return -EINVAL;
	return fsctp_abort(fsctp_lib_stack(s->lib), id, reason, reason_len,
			   fsctp_fp_now_us());
}

enum fsctp_state
fsctp_sock_assoc_state(const struct fsctp_sock *s, fsctp_assoc_id_t id)
{
	if (s == NULL)
		return FSCTP_CLOSED;
	return fsctp_assoc_state(fsctp_lib_stack(s->lib), id);
}

struct fsctp_stack *
fsctp_sock_stack(struct fsctp_sock *s)
{
	return s == NULL ? NULL : fsctp_lib_stack(s->lib);
}

int
fsctp_sock_stats(const struct fsctp_sock *s, struct fsctp_sock_stats *out)
{
	if (s == NULL || out == NULL)
		return -EINVAL;
	*out = s->st;
	out->stack = *fsctp_stack_counters(
		fsctp_lib_stack((struct fsctp_lib *)s->lib));
	out->tx_drop = fsctp_lib_stats(s->lib)->tx_fifo_full;
	out->tx_port_full = fsctp_lib_stats(s->lib)->tx_port_full;
	return 0;
}

int
fsctp_assoc_stats(const struct fsctp_sock *s, fsctp_assoc_id_t id,
		  struct fsctp_assoc_counters *out)
{
	const struct fsctp_assoc_counters *c;

	if (s == NULL || out == NULL)
		return -EINVAL;
	c = fsctp_assoc_counters(fsctp_lib_stack((struct fsctp_lib *)s->lib),
				 id);
	if (c == NULL)
		return -ENOTCONN;
	*out = *c;
	return 0;
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
	}
	return "?";
}
