/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_atomic.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_hash.h>
#include <rte_jhash.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_pdump.h>

#include "fsctp_fp_internal.h"
#include "fsctp_fp_log.h"
#include "fsctp_wire.h"

#define SCTP_HDR  12  /* RFC 9260 3.1 common header */
#define NEIGH_TAG 1ul /* low bit of a hand-off pointer: learn-only copy */

enum cmd_type {
	CMD_CONNECT = 1,
};

struct fp_cmd {
	enum cmd_type type;
	struct fsctp_addr src, dst;
};

int
fsctp_fp_steer_class(const uint8_t *sctp, size_t len, uint8_t owner_bits)
{
	uint32_t vtag;
	uint8_t type = 0, flags = 0;

	if (sctp == NULL || len < SCTP_HDR)
		return -1;
	vtag = fsctp_rd32(sctp + 4);
	if (len >= SCTP_HDR + 4) {
		type = sctp[SCTP_HDR];
		flags = sctp[SCTP_HDR + 1];
	}
	/* RFC 9260 8.5.1: INIT carries tag 0; it is answered without state
	 * (the cookie), so whichever lcore got it answers it. */
	if (type == FSCTP_CHUNK_INIT)
		return -1;
	/* RFC 9260 8.5.1 rules B and C: ABORT / SHUTDOWN COMPLETE with the T
	 * bit carry the sender's own tag (the peer's), which names no lcore
	 * of ours: find the owner by address and ports. */
	if ((type == FSCTP_CHUNK_ABORT ||
	     type == FSCTP_CHUNK_SHUTDOWN_COMPLETE) &&
	    (flags & FSCTP_CHUNK_FLAG_T))
		return -2;
	return (int)fsctp_fp_tag_owner(vtag, owner_bits);
}

static void
tuple_key(struct fp_tuple *k, const struct fsctp_addr *local,
	  const struct fsctp_addr *peer)
{
	size_t n = local->family == FSCTP_AF_INET4 ? 4 : 16;

	memset(k, 0, sizeof(*k));
	k->family = local->family;
	k->lport = local->port;
	k->pport = peer->port;
	memcpy(k->lip, local->ip.v6, n);
	memcpy(k->pip, peer->ip.v6, n);
}

static bool
handoff(struct fp_lcore *lc, unsigned int to, void *obj)
{
	struct fp_lcore *dst = &lc->fp->lc[to];

	if (rte_ring_enqueue(dst->in[lc->idx], obj) != 0) {
		lc->st.handoff_full++;
		return false;
	}
	return true;
}

static bool
hook_steer(void *ctx, struct fsctp_lib *lib, struct rte_mbuf *m,
	   const uint8_t *sctp, size_t len, const struct fsctp_net_rx *res)
{
	struct fp_lcore *lc = ctx;
	struct fsctp_fp *fp = lc->fp;
	int owner;

	(void)lib;
	if (fp->n_lcores == 1)
		return false;
	owner = fsctp_fp_steer_class(sctp, len, fp->owner_bits);
	if (owner == -1) {
		lc->st.init_local++;
		return false;
	}
	if (owner == -2) {
		struct fp_tuple k;
		void *data;

		tuple_key(&k, &res->dst, &res->src);
		if (rte_hash_lookup_data(fp->tuples, &k, &data) < 0) {
			/* Unknown: let this stack treat it as out of the
			 * blue (RFC 9260 8.4). */
			lc->st.tuple_miss++;
			return false;
		}
		lc->st.tuple_hit++;
		owner = (int)(uintptr_t)data;
	}
	if (owner == (int)lc->idx || owner >= (int)fp->n_lcores)
		return false; /* ours, or a tag no lcore issued: OOTB here */
	if (handoff(lc, (unsigned int)owner, m))
		lc->st.handoff_out++;
	else
		rte_pktmbuf_free(m);
	return true;
}

/*
 * An ICMP too-big quote (RFC 9260 section 10): the quoted tag is the
 * peer's, which names no lcore of ours, so the owner is found by the
 * quoted addresses and ports, and the frame is handed to it; the owner's
 * stack checks the tag and lowers the PMTU (fsctp_lib_pmtu()).
 */
static bool
hook_pmtu(void *ctx, struct fsctp_lib *lib, struct rte_mbuf *m,
	  const struct fsctp_icmp_quote *q)
{
	struct fp_lcore *lc = ctx;
	struct fsctp_fp *fp = lc->fp;
	struct fsctp_addr local, peer;
	struct fp_tuple k;
	void *data;
	unsigned int owner;

	(void)lib;
	if (fp->n_lcores == 1)
		return false;
	memset(&local, 0, sizeof(local));
	memset(&peer, 0, sizeof(peer));
	local.family = peer.family = q->family;
	memcpy(local.ip.v6, q->src, q->family == FSCTP_AF_INET4 ? 4 : 16);
	memcpy(peer.ip.v6, q->dst, q->family == FSCTP_AF_INET4 ? 4 : 16);
	local.port = q->sport;
	peer.port = q->dport;
	tuple_key(&k, &local, &peer);
	if (rte_hash_lookup_data(fp->tuples, &k, &data) < 0) {
		lc->st.tuple_miss++;
		return false; /* the core here counts it (ICMP5) */
	}
	lc->st.tuple_hit++;
	owner = (unsigned int)(uintptr_t)data;
	if (owner == lc->idx || owner >= fp->n_lcores)
		return false;
	if (handoff(lc, owner, m))
		lc->st.handoff_out++;
	else
		rte_pktmbuf_free(m);
	return true;
}

static void
hook_neigh(void *ctx, struct fsctp_lib *lib, struct rte_mbuf *m)
{
	struct fp_lcore *lc = ctx;
	struct fsctp_fp *fp = lc->fp;
	unsigned int j;

	(void)lib;
	/* Every lcore keeps its own neighbour table (share nothing), so
	 * what one learns from ARP/ND is copied to the others. */
	for (j = 0; j < fp->n_lcores; j++) {
		struct rte_mbuf *c;

		if (j == lc->idx)
			continue;
		c = rte_pktmbuf_copy(m, m->pool, 0, UINT32_MAX);
		if (c == NULL) {
			lc->st.handoff_full++;
			continue;
		}
		c->port = m->port;
		if (handoff(lc, j, (void *)((uintptr_t)c | NEIGH_TAG)))
			lc->st.neigh_shared++;
		else
			rte_pktmbuf_free(c);
	}
}

static void
hook_sent(void *ctx, struct fsctp_lib *lib, const struct fsctp_addr *src,
	  const struct fsctp_addr *dst)
{
	struct fp_lcore *lc = ctx;
	struct fp_tuple k;
	void *data;

	(void)lib;
	if (lc->fp->n_lcores == 1)
		return;
	tuple_key(&k, src, dst);
	/* Lock-free lookup first: the add (which takes the writer lock) runs
	 * once per tuple, or when the owner changed. */
	if (rte_hash_lookup_data(lc->fp->tuples, &k, &data) >= 0 &&
	    (uintptr_t)data == lc->idx)
		return;
	if (rte_hash_add_key_data(lc->fp->tuples, &k,
				  (void *)(uintptr_t)lc->idx) != 0)
		lc->st.tuple_full++;
}

static struct fp_assoc *
assoc_find(struct fp_lcore *lc, uint32_t id)
{
	uint32_t i;

	for (i = 0; i < lc->n_assocs; i++)
		if (lc->assocs[i].id == id)
			return &lc->assocs[i];
	return NULL;
}

static void
hook_event(void *ctx, struct fsctp_lib *lib, const struct fsctp_event *ev)
{
	struct fp_lcore *lc = ctx;
	struct fp_assoc *a;

	switch (ev->type) {
	case FSCTP_EV_COMM_UP:
	case FSCTP_EV_RESTART:
		lc->st.comm_up++;
		if (ev->type == FSCTP_EV_RESTART)
			lc->st.restarts++;
		rte_spinlock_lock(&lc->alock);
		a = assoc_find(lc, ev->assoc_id);
		if (a == NULL && lc->n_assocs < FP_MAX_TRACKED)
			a = &lc->assocs[lc->n_assocs++];
		if (a != NULL) {
			memset(a, 0, sizeof(*a));
			a->id = ev->assoc_id;
			a->up = 1;
			a->since_us = lc->now;
		} else {
			lc->st.assoc_track_full++;
		}
		rte_spinlock_unlock(&lc->alock);
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_SHUTDOWN_COMP:
	case FSCTP_EV_CANT_STR_ASSOC:
		lc->st.comm_down++;
		if (ev->type == FSCTP_EV_COMM_LOST) {
			/* Rare (one per association at most): logged with
			 * the first error cause of the ABORT, sent or
			 * received, or 0 for a failure (RFC 9260 8.1). */
			lc->st.comm_lost++;
			FSCTP_FP_LOG(INFO,
				     "lcore %u: association %u lost, cause "
				     "%u\n",
				     lc->lcore_id, (unsigned int)ev->assoc_id,
				     (unsigned int)ev->cause);
		}
		rte_spinlock_lock(&lc->alock);
		a = assoc_find(lc, ev->assoc_id);
		if (a != NULL)
			*a = lc->assocs[--lc->n_assocs];
		rte_spinlock_unlock(&lc->alock);
		break;
	case FSCTP_EV_SHUTDOWN_EVENT:
		a = assoc_find(lc, ev->assoc_id);
		if (a != NULL)
			a->up = 2;
		break;
	case FSCTP_EV_DATA:
		if (ev->msg != NULL) {
			lc->st.data_msgs++;
			lc->st.data_bytes += ev->msg->len;
			a = assoc_find(lc, ev->assoc_id);
			if (a != NULL) {
				a->data_msgs++;
				a->data_bytes += ev->msg->len;
			}
			fsctp_msg_free(fsctp_lib_stack(lib), ev->msg);
		}
		break;
	default:
		break;
	}
}

static void
run_commands(struct fp_lcore *lc, uint64_t now)
{
	struct fp_cmd *c = NULL;

	while (rte_ring_dequeue(lc->cmd, (void **)&c) == 0) {
		lc->st.commands++;
		if (c->type == CMD_CONNECT &&
		    fsctp_connect(fsctp_lib_stack(lc->lib), &c->src, &c->dst,
				  now) < 0)
			FSCTP_FP_LOG(WARNING, "lcore %u: connect failed\n",
				     lc->lcore_id);
		free(c);
	}
}

static void
drain_handoff(struct fp_lcore *lc, uint64_t now)
{
	struct fsctp_fp *fp = lc->fp;
	void *objs[64];
	unsigned int j, i, n;

	for (j = 0; j < fp->n_lcores; j++) {
		if (j == lc->idx)
			continue;
		n = rte_ring_dequeue_burst(lc->in[j], objs, RTE_DIM(objs),
					   NULL);
		for (i = 0; i < n; i++) {
			uintptr_t v = (uintptr_t)objs[i];
			struct rte_mbuf *m =
				(struct rte_mbuf *)(v & ~NEIGH_TAG);
			int16_t ifx = m->port < RTE_MAX_ETHPORTS
					      ? fp->port_if[m->port]
					      : -1;

			if (ifx < 0) {
				rte_pktmbuf_free(m);
				continue;
			}
			if (v & NEIGH_TAG) {
				lc->st.neigh_learnt++;
				fsctp_lib_learn(lc->lib, (uint16_t)ifx, m, now);
			} else {
				lc->st.handoff_in++;
				fsctp_lib_rx_owned(lc->lib, (uint16_t)ifx, &m,
						   1, now);
			}
		}
	}
}

/* One loop turn. @return true when it moved any packet or command. */
static bool
poll_once(struct fp_lcore *lc)
{
	struct fsctp_fp *fp = lc->fp;
	struct rte_mbuf *pkts[512];
	uint16_t burst = fp->cfg.burst, i, n, k;
	uint64_t now = fsctp_fp_now_us();
	uint64_t before = lc->st.rx + lc->st.tx + lc->st.handoff_in +
			  lc->st.neigh_learnt + lc->st.commands;

	lc->st.loops++;
	lc->now = now;
	for (i = 0; i < fp->ports.n; i++) {
		n = rte_eth_rx_burst(fp->ports.port[i].port_id,
				     (uint16_t)lc->idx, pkts, burst);
		if (n == 0)
			continue;
		/* Not every PMD stamps the port (net_ring passes mbufs on
		 * as they were sent); a hand-off needs it to find the
		 * interface on the owner's side. */
		for (k = 0; k < n; k++)
			pkts[k]->port = fp->ports.port[i].port_id;
		lc->st.rx += n;
		fsctp_lib_rx_bulk(lc->lib, i, pkts, n, now);
	}
	drain_handoff(lc, now);
	run_commands(lc, now);
	fsctp_lib_process(lc->lib, now);
	for (i = 0; i < fp->ports.n; i++) {
		lc->st.tx += fsctp_lib_tx_burst(lc->lib, i,
						fp->ports.port[i].port_id,
						(uint16_t)lc->idx, UINT16_MAX);
	}
	return lc->st.rx + lc->st.tx + lc->st.handoff_in + lc->st.neigh_learnt +
		       lc->st.commands !=
	       before;
}

/* ABORT every association this lcore tracks (RFC 9260 9.1: the ABORT
 * carries a User-Initiated Abort cause with reason; the TCB goes at once). */
static void
abort_all(struct fp_lcore *lc, uint64_t now, const char *reason)
{
	struct fsctp_stack *st = fsctp_lib_stack(lc->lib);

	rte_spinlock_lock(&lc->alock);
	while (lc->n_assocs > 0) {
		uint32_t id = lc->assocs[lc->n_assocs - 1].id;

		lc->n_assocs--;
		rte_spinlock_unlock(&lc->alock);
		fsctp_abort(st, id, reason, (uint16_t)strlen(reason), now);
		rte_spinlock_lock(&lc->alock);
	}
	rte_spinlock_unlock(&lc->alock);
}

/* Stop: SHUTDOWN every association (RFC 9260 9.2), keep polling until they
 * are gone or the time limit passes, then ABORT the rest. fsctp_fp_abort()
 * ABORTs them all at once instead, also in the middle of a shutdown. */
static void
shutdown_step(struct fp_lcore *lc)
{
	struct fsctp_stack *st = fsctp_lib_stack(lc->lib);
	uint64_t now = fsctp_fp_now_us();
	uint32_t i;

	/* fsctp_fp_abort() sets stop_abort before stop. */
	rte_smp_rmb();
	if (lc->fp->stop_abort) {
		abort_all(lc, now, "abort");
		lc->phase = 2;
		return;
	}
	if (lc->phase == 0) {
		lc->phase = 1;
		lc->shutdown_deadline = now + lc->fp->cfg.shutdown_ms * 1000ull;
		for (i = 0; i < lc->n_assocs; i++)
			fsctp_shutdown(st, lc->assocs[i].id, now);
		return;
	}
	if (fsctp_stack_assoc_count(st) == 0) {
		lc->phase = 2;
		return;
	}
	if (now >= lc->shutdown_deadline) {
		FSCTP_FP_LOG(WARNING,
			     "lcore %u: %u associations not shut down in %u "
			     "ms: aborting\n",
			     lc->lcore_id, fsctp_stack_assoc_count(st),
			     lc->fp->cfg.shutdown_ms);
		abort_all(lc, now, "shutdown");
		lc->phase = 2;
	}
}

static int
lcore_main(void *arg)
{
	struct fp_lcore *lc = arg;

	FSCTP_FP_LOG(INFO, "lcore %u: fast path %u of %u polling\n",
		     lc->lcore_id, lc->idx, lc->fp->n_lcores);
	while (lc->phase != 2) {
		/* A shared or oversubscribed machine (tests, development)
		 * can trade latency for CPU: sleep after an idle turn. */
		if (!poll_once(lc) && lc->fp->cfg.idle_sleep_us != 0)
			rte_delay_us_sleep(lc->fp->cfg.idle_sleep_us);
		if (lc->fp->stop)
			shutdown_step(lc);
	}
	/* One more turn to flush the last ABORT / SHUTDOWN COMPLETE. */
	poll_once(lc);
	return 0;
}

struct fsctp_fp *
fsctp_fp_create(const struct fsctp_fp_config *cfg,
		const struct fsctp_fp_ports *ports, char *err, size_t errlen)
{
	struct rte_hash_parameters hp;
	struct fsctp_fp *fp;
	char name[RTE_RING_NAMESIZE];
	unsigned int i, j;
	uint16_t p;

	fp = rte_zmalloc("fsctp_fp", sizeof(*fp), RTE_CACHE_LINE_SIZE);
	if (fp == NULL) {
		fsctp_fp_fail(err, errlen, "runtime: out of memory");
		return NULL;
	}
	fp->cfg = *cfg;
	fp->ports = *ports;
	fp->n_lcores = cfg->n_fastpath;
	/* Enough tag bits to name every lcore; 24 random bits stay. */
	while ((1u << fp->owner_bits) < fp->n_lcores)
		fp->owner_bits++;
	for (i = 0; i < RTE_MAX_ETHPORTS; i++)
		fp->port_if[i] = -1;
	for (p = 0; p < ports->n; p++)
		fp->port_if[ports->port[p].port_id] = (int16_t)p;
	memset(&hp, 0, sizeof(hp));
	hp.name = "fsctp_tuples";
	hp.entries = cfg->tuple_table;
	hp.key_len = sizeof(struct fp_tuple);
	hp.hash_func = rte_jhash;
	hp.socket_id = (int)rte_socket_id();
	hp.extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF |
			RTE_HASH_EXTRA_FLAGS_MULTI_WRITER_ADD;
	fp->tuples = rte_hash_create(&hp);
	if (fp->tuples == NULL) {
		fsctp_fp_fail(err, errlen,
			      "runtime: tuple table of %u entries: %s",
			      cfg->tuple_table, rte_strerror(rte_errno));
		goto bad;
	}
	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];
		struct fsctp_lib_config lcfg;

		lc->fp = fp;
		lc->idx = i;
		lc->lcore_id = cfg->fastpath[i];
		rte_spinlock_init(&lc->alock);
		lc->assocs =
			rte_zmalloc("fsctp_assocs",
				    FP_MAX_TRACKED * sizeof(*lc->assocs), 0);
		snprintf(name, sizeof(name), "fsctp_cmd_%u", (uint8_t)i);
		lc->cmd = rte_ring_create(name, 256, SOCKET_ID_ANY,
					  RING_F_SC_DEQ);
		if (lc->assocs == NULL || lc->cmd == NULL) {
			fsctp_fp_fail(err, errlen,
				      "runtime: lcore %u: out of memory",
				      lc->lcore_id);
			goto bad;
		}
		for (j = 0; j < fp->n_lcores; j++) {
			if (j == i)
				continue;
			snprintf(name, sizeof(name), "fsctp_ho_%u_%u",
				 (uint8_t)j, (uint8_t)i);
			lc->in[j] = rte_ring_create(
				name, cfg->handoff_ring, SOCKET_ID_ANY,
				RING_F_SP_ENQ | RING_F_SC_DEQ);
			if (lc->in[j] == NULL) {
				fsctp_fp_fail(err, errlen,
					      "runtime: hand-off ring %s: %s",
					      name, rte_strerror(rte_errno));
				goto bad;
			}
		}
		memset(&lcfg, 0, sizeof(lcfg));
		fsctp_stack_config_defaults(&lcfg.stack);
		lcfg.stack.max_assocs = cfg->max_assocs;
		if (cfg->hb_interval_ms != UINT32_MAX)
			lcfg.stack.hb_interval_ms = cfg->hb_interval_ms;
		if (cfg->rto_initial_ms != UINT32_MAX)
			lcfg.stack.rto_initial_ms = cfg->rto_initial_ms;
		if (cfg->rto_min_ms != UINT32_MAX)
			lcfg.stack.rto_min_ms = cfg->rto_min_ms;
		if (cfg->rto_max_ms != UINT32_MAX)
			lcfg.stack.rto_max_ms = cfg->rto_max_ms;
		if (cfg->assoc_max_retrans != UINT32_MAX)
			lcfg.stack.assoc_max_retrans = cfg->assoc_max_retrans;
		if (cfg->path_max_retrans != UINT32_MAX)
			lcfg.stack.path_max_retrans = cfg->path_max_retrans;
		lcfg.stack.owner_bits = fp->owner_bits;
		lcfg.stack.owner_id = (uint8_t)i;
		lcfg.n_ifs = ports->n;
		for (p = 0; p < ports->n; p++) {
			lcfg.ifs[p].port_id = ports->port[p].port_id;
			lcfg.ifs[p].net = cfg->ports[p].net;
			memcpy(lcfg.ifs[p].net.mac, ports->port[p].mac, 6);
			lcfg.ifs[p].tx_ip4_cksum = ports->port[p].tx_ip4_cksum;
			lcfg.ifs[p].tx_sctp_cksum =
				ports->port[p].tx_sctp_cksum;
			if (p == 0 || cfg->ports[p].mtu < lcfg.stack.pmtu)
				lcfg.stack.pmtu = cfg->ports[p].mtu;
		}
		lcfg.pool = ports->port[0].pool;
		lcfg.tx_fifo = 1024;
		lcfg.event = hook_event;
		lcfg.steer = hook_steer;
		lcfg.pmtu = hook_pmtu;
		lcfg.neigh_frame = fp->n_lcores > 1 ? hook_neigh : NULL;
		lcfg.sent = hook_sent;
		lcfg.ctx = lc;
		lc->lib = fsctp_lib_create(&lcfg, fsctp_fp_now_us());
		if (lc->lib == NULL) {
			fsctp_fp_fail(err, errlen,
				      "runtime: lcore %u: stack: %s",
				      lc->lcore_id, rte_strerror(rte_errno));
			goto bad;
		}
		for (j = 0; j < cfg->n_listen; j++)
			if (fsctp_listen(fsctp_lib_stack(lc->lib),
					 cfg->listen[j]) != 0) {
				fsctp_fp_fail(err, errlen,
					      "runtime: listen %u failed",
					      cfg->listen[j]);
				goto bad;
			}
	}
	if (rte_pdump_init() != 0)
		FSCTP_FP_LOG(WARNING, "rte_pdump_init: %s (no capture)\n",
			     rte_strerror(rte_errno));
	if (fsctp_fp_telemetry_register(fp) != 0)
		FSCTP_FP_LOG(WARNING, "telemetry endpoints not registered\n");
	return fp;
bad:
	fsctp_fp_free(fp);
	return NULL;
}

int
fsctp_fp_run(struct fsctp_fp *fp)
{
	unsigned int main_id = rte_lcore_id(), i;
	struct fp_lcore *on_main = NULL;
	int rc = 0;

	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];

		if (lc->lcore_id == main_id) {
			on_main = lc;
			continue;
		}
		if (rte_eal_remote_launch(lcore_main, lc, lc->lcore_id) != 0) {
			FSCTP_FP_LOG(ERR, "cannot launch lcore %u\n",
				     lc->lcore_id);
			fp->stop = 1;
			rc = -EBUSY;
		}
	}
	if (on_main != NULL && rc == 0)
		lcore_main(on_main);
	rte_eal_mp_wait_lcore();
	return rc;
}

int
fsctp_fp_launch(struct fsctp_fp *fp)
{
	unsigned int main_id = rte_lcore_id(), i, done = 0;

	/* Every loop finished (fsctp_fp_wait() returned): start over. A stop
	 * asked for before the first launch is kept. */
	for (i = 0; i < fp->n_lcores; i++)
		done += fp->lc[i].phase == 2;
	if (fp->n_lcores > 0 && done == fp->n_lcores) {
		for (i = 0; i < fp->n_lcores; i++)
			fp->lc[i].phase = 0;
		fp->stop_abort = 0;
		fp->stop = 0;
	}
	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];

		if (lc->lcore_id == main_id)
			continue;
		if (rte_eal_remote_launch(lcore_main, lc, lc->lcore_id) != 0) {
			FSCTP_FP_LOG(ERR, "cannot launch lcore %u\n",
				     lc->lcore_id);
			fp->stop = 1;
			return -EBUSY;
		}
	}
	return 0;
}

void
fsctp_fp_wait(struct fsctp_fp *fp)
{
	(void)fp;
	rte_eal_mp_wait_lcore();
}

void
fsctp_fp_stop(struct fsctp_fp *fp)
{
	if (fp != NULL)
		fp->stop = 1;
}

void
fsctp_fp_abort(struct fsctp_fp *fp)
{
	if (fp == NULL)
		return;
	fp->stop_abort = 1;
	/* A loop that sees stop must see stop_abort too. */
	rte_smp_wmb();
	fp->stop = 1;
}

void
fsctp_fp_free(struct fsctp_fp *fp)
{
	unsigned int i, j;

	if (fp == NULL)
		return;
	fsctp_fp_telemetry_unregister();
	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];
		void *obj;

		for (j = 0; j < fp->n_lcores; j++) {
			if (lc->in[j] == NULL)
				continue;
			while (rte_ring_dequeue(lc->in[j], &obj) == 0)
				rte_pktmbuf_free(
					(struct rte_mbuf *)((uintptr_t)obj &
							    ~NEIGH_TAG));
			rte_ring_free(lc->in[j]);
		}
		if (lc->cmd != NULL) {
			while (rte_ring_dequeue(lc->cmd, &obj) == 0)
				free(obj);
			rte_ring_free(lc->cmd);
		}
		fsctp_lib_free(lc->lib);
		rte_free(lc->assocs);
	}
	rte_hash_free(fp->tuples);
	rte_pdump_uninit();
	rte_free(fp);
}

int
fsctp_fp_connect(struct fsctp_fp *fp, unsigned int idx,
		 const struct fsctp_addr *src, const struct fsctp_addr *dst)
{
	struct fp_cmd *c;

	if (fp == NULL || idx >= fp->n_lcores || src == NULL || dst == NULL)
		return -EINVAL;
	c = malloc(sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->type = CMD_CONNECT;
	c->src = *src;
	c->dst = *dst;
	if (rte_ring_enqueue(fp->lc[idx].cmd, c) != 0) {
		free(c);
		return -ENOBUFS;
	}
	return 0;
}

unsigned int
fsctp_fp_n_lcores(const struct fsctp_fp *fp)
{
	return fp->n_lcores;
}

const struct fsctp_fp_lcore_stats *
fsctp_fp_lcore_stats(const struct fsctp_fp *fp, unsigned int idx)
{
	return idx < fp->n_lcores ? &fp->lc[idx].st : NULL;
}

struct fsctp_lib *
fsctp_fp_lcore_lib(struct fsctp_fp *fp, unsigned int idx)
{
	return idx < fp->n_lcores ? fp->lc[idx].lib : NULL;
}

uint32_t
fsctp_fp_lcore_assocs_up(const struct fsctp_fp *fp, unsigned int idx)
{
	return idx < fp->n_lcores ? fp->lc[idx].n_assocs : 0;
}
