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

#include "fsctp_crc32c.h"
#include "fsctp_rt_internal.h"
#include "fsctp_rt_log.h"
#include "fsctp_plpmtud.h"
#include "fsctp_path.h"
#include "fsctp_wire.h"

#define SCTP_HDR  12  /* RFC 9260 3.1 common header */
#define NEIGH_TAG 1ul /* low bit of a hand-off pointer: learn-only copy */

/* The calling thread's current turn (fsctp_rt_engine_current()). */
static __thread const struct fsctp_rt_engine *t_fp;
static __thread int t_lcore = -1;

int
fsctp_rt_steer_class(const uint8_t *sctp, size_t len, uint8_t owner_bits)
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
	return (int)fsctp_rt_tag_owner(vtag, owner_bits);
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

/* The CRC32c of an SCTP packet about to be handed to another lcore: the
 * NIC's verdict when it gave one, else computed here; a good packet is
 * marked so that the owner does not compute it again. */
static bool
steer_crc_ok(struct rte_mbuf *m, const uint8_t *sctp, size_t len, bool zero_ok)
{
	uint64_t v = m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK;

	if (v == RTE_MBUF_F_RX_L4_CKSUM_GOOD)
		return true;
	/* RFC 9653: checksum 0 is for the owner's association lookup to
	 * judge (an agreeing association takes it, any other checks the
	 * CRC32c). */
	if (zero_ok && len >= 12 && sctp[8] == 0 && sctp[9] == 0 &&
	    sctp[10] == 0 && sctp[11] == 0)
		return true;
	if (v == RTE_MBUF_F_RX_L4_CKSUM_BAD || !fsctp_packet_crc_ok(sctp, len))
		return false;
	m->ol_flags = (m->ol_flags & ~RTE_MBUF_F_RX_L4_CKSUM_MASK) |
		      RTE_MBUF_F_RX_L4_CKSUM_GOOD;
	return true;
}

static bool
hook_steer(void *ctx, struct fsctp_rt_lcore *lib, struct rte_mbuf *m,
	   const uint8_t *sctp, size_t len, const struct fsctp_net_rx *res)
{
	struct fp_slot *sl = ctx;
	struct fp_lcore *lc = sl->lc;
	struct fsctp_rt_engine *fp = lc->fp;
	int owner;

	(void)lib;
	if (fp->n_lcores == 1)
		return false;
	owner = fsctp_rt_steer_class(sctp, len, fp->owner_bits);
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
	/* RFC 9260 6.8: a packet with a bad CRC32c is discarded. Check it
	 * before the hand-off, so that garbage with a chosen tag costs no
	 * ring slot on the owner (it could fill the ring for real packets);
	 * the owner then takes the checksum as verified. */
	if (!steer_crc_ok(m, sctp, len, fp->cfg.zero_csum_edmid != 0)) {
		lc->st.steer_bad_crc++;
		rte_pktmbuf_free(m);
		return true;
	}
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
 * stack checks the tag and lowers the PMTU (fsctp_rt_lcore_pmtu()).
 */
static bool
hook_pmtu(void *ctx, struct fsctp_rt_lcore *lib, struct rte_mbuf *m,
	  const struct fsctp_icmp_quote *q)
{
	struct fp_slot *sl = ctx;
	struct fp_lcore *lc = sl->lc;
	struct fsctp_rt_engine *fp = lc->fp;
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
hook_neigh(void *ctx, struct fsctp_rt_lcore *lib, struct rte_mbuf *m)
{
	struct fp_slot *sl = ctx;
	struct fp_lcore *lc = sl->lc;
	struct fsctp_rt_engine *fp = lc->fp;
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
hook_sent(void *ctx, struct fsctp_rt_lcore *lib, const struct fsctp_addr *src,
	  const struct fsctp_addr *dst)
{
	struct fp_slot *sl = ctx;
	struct fp_lcore *lc = sl->lc;
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
	rte_spinlock_lock(&lc->fp->tuples_wlock);
	if (rte_hash_add_key_data(lc->fp->tuples, &k,
				  (void *)(uintptr_t)lc->idx) != 0)
		lc->st.tuple_full++;
	rte_spinlock_unlock(&lc->fp->tuples_wlock);
}

/* An association of lib ends (its close event: it is still known by its
 * id): queue its transport addresses for fp_tuple_sweep(). */
static void
tuples_gone(struct fp_lcore *lc, struct fsctp_rt_lcore *lib,
	    fsctp_assoc_id_t id)
{
	struct fsctp_addr local, peers[FSCTP_MAX_PATHS];
	int i, n;

	if (lc->fp->n_lcores == 1 || lc->gone == NULL)
		return;
	n = fsctp_assoc_tuples(fsctp_rt_lcore_stack(lib), id, &local, peers,
			       FSCTP_MAX_PATHS);
	for (i = 0; i < n && i < FSCTP_MAX_PATHS; i++) {
		if (lc->n_gone == FP_GONE_MAX) {
			lc->st.tuple_gone_full++;
			continue;
		}
		lc->gone[lc->n_gone].local = local;
		lc->gone[lc->n_gone].peer = peers[i];
		lc->n_gone++;
	}
}

/* Has every reader that could have seen the key at r->pos left? */
static bool
reclaim_ready(const struct fp_lcore *lc, const struct fp_reclaim *r)
{
	const struct fsctp_rt_engine *fp = lc->fp;
	unsigned int j;

	for (j = 0; j < fp->n_lcores; j++) {
		uint16_t cur;

		if (j == lc->idx)
			continue;
		cur = __atomic_load_n(&fp->lc[j].lock.s.current,
				      __ATOMIC_ACQUIRE);
		if ((int16_t)(cur - r->next[j]) < 0)
			return false;
	}
	return true;
}

/* Is (local, peer) still used by a live association of this lcore? */
static bool
tuple_live(struct fp_lcore *lc, const struct fp_gone *g)
{
	unsigned int s;

	for (s = 0; s < FSCTP_RT_MAX_INST; s++)
		if (lc->slot[s].lib != NULL &&
		    fsctp_stack_tuple_live(
			    fsctp_rt_lcore_stack(lc->slot[s].lib), &g->local,
			    &g->peer))
			return true;
	return false;
}

/*
 * End of a turn: delete the tuple entries of associations that ended on
 * this lcore (unless a new association took the same addresses, or another
 * lcore owns the entry now), and give back the key positions deleted
 * earlier once no reader can still hold them. The table is lock-free for
 * readers, so a deleted key's slot is only reused after a grace period.
 */
static void
fp_tuple_sweep(struct fp_lcore *lc)
{
	struct fsctp_rt_engine *fp = lc->fp;
	uint32_t i, keep = 0;
	unsigned int j;

	if (lc->reclaim == NULL)
		return;
	while (lc->rc_head != lc->rc_tail) {
		struct fp_reclaim *r =
			&lc->reclaim[lc->rc_head % fp->reclaim_cap];

		if (!reclaim_ready(lc, r))
			break;
		rte_spinlock_lock(&fp->tuples_wlock);
		rte_hash_free_key_with_position(fp->tuples, r->pos);
		rte_spinlock_unlock(&fp->tuples_wlock);
		lc->rc_head++;
	}
	for (i = 0; i < lc->n_gone; i++) {
		struct fp_gone *g = &lc->gone[i];
		struct fp_reclaim *r;
		struct fp_tuple k;
		void *data;
		int32_t pos;

		if (tuple_live(lc, g))
			continue;
		tuple_key(&k, &g->local, &g->peer);
		if (rte_hash_lookup_data(fp->tuples, &k, &data) < 0 ||
		    (uintptr_t)data != lc->idx)
			continue;
		if (lc->rc_tail - lc->rc_head == fp->reclaim_cap) {
			/* Readers still hold every deleted slot: try
			 * again next turn. */
			lc->st.tuple_reclaim_full++;
			lc->gone[keep++] = *g;
			continue;
		}
		rte_spinlock_lock(&fp->tuples_wlock);
		pos = rte_hash_del_key(fp->tuples, &k);
		rte_spinlock_unlock(&fp->tuples_wlock);
		if (pos < 0)
			continue;
		lc->st.tuple_del++;
		r = &lc->reclaim[lc->rc_tail % fp->reclaim_cap];
		r->pos = pos;
		for (j = 0; j < fp->n_lcores; j++)
			r->next[j] = __atomic_load_n(&fp->lc[j].lock.s.next,
						     __ATOMIC_ACQUIRE);
		lc->rc_tail++;
	}
	lc->n_gone = keep;
}

static void
hook_event(void *ctx, struct fsctp_rt_lcore *lib, const struct fsctp_event *ev)
{
	struct fp_slot *sl = ctx;
	struct fp_lcore *lc = sl->lc;
	const struct fsctp_rt_inst_config *ic = &lc->fp->inst[sl->inst].cfg;

	switch (ev->type) {
	case FSCTP_EV_COMM_UP:
	case FSCTP_EV_RESTART:
		if (ev->type == FSCTP_EV_RESTART) {
			lc->st.restarts++;
		} else {
			lc->st.comm_up++;
			lc->st.assocs_up++;
		}
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_SHUTDOWN_COMP:
	case FSCTP_EV_CANT_STR_ASSOC:
		lc->st.comm_down++;
		tuples_gone(lc, lib, ev->assoc_id);
		/* CANT_STR_ASSOC ends an association that was never up. */
		if (ev->type != FSCTP_EV_CANT_STR_ASSOC && lc->st.assocs_up > 0)
			lc->st.assocs_up--;
		if (ev->type == FSCTP_EV_COMM_LOST) {
			/* Rare (one per association at most): logged with
			 * the first error cause of the ABORT, sent or
			 * received, or 0 for a failure (RFC 9260 8.1). */
			lc->st.comm_lost++;
			FSCTP_RT_LOG(INFO,
				     "lcore %u: association %u lost, cause "
				     "%u\n",
				     lc->lcore_id, (unsigned int)ev->assoc_id,
				     (unsigned int)ev->cause);
		}
		break;
	case FSCTP_EV_DATA:
		if (ev->msg != NULL) {
			lc->st.data_msgs++;
			lc->st.data_bytes += ev->msg->len;
		}
		break;
	default:
		break;
	}
	if (ic->event != NULL)
		ic->event(ic->ctx, lc->idx, lib, ev);
	else if (ev->type == FSCTP_EV_DATA && ev->msg != NULL)
		fsctp_msg_free(fsctp_rt_lcore_stack(lib), ev->msg);
}

static void
run_commands(struct fp_lcore *lc, uint64_t now)
{
	struct fsctp_rt_cmd *cmds[32];
	unsigned int i, n;

	n = rte_ring_dequeue_burst(lc->cmd, (void **)cmds, RTE_DIM(cmds), NULL);
	for (i = 0; i < n; i++) {
		lc->st.commands++;
		cmds[i]->run(cmds[i], lc->idx, now);
	}
}

static void
drain_handoff(struct fp_lcore *lc, uint64_t now)
{
	struct fsctp_rt_engine *fp = lc->fp;
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
			int p = m->port < RTE_MAX_ETHPORTS
					? fp->port_if[m->port]
					: -1;
			int inst = p >= 0 ? fp->port_inst[p] : -1;
			struct fsctp_rt_lcore *lib =
				inst >= 0 ? lc->slot[inst].lib : NULL;

			if (lib == NULL) {
				rte_pktmbuf_free(m);
				continue;
			}
			if (v & NEIGH_TAG) {
				lc->st.neigh_learnt++;
				fsctp_rt_lcore_learn(lib, fp->port_ifx[p], m,
						     now);
			} else {
				lc->st.handoff_in++;
				fsctp_rt_lcore_rx_owned(lib, fp->port_ifx[p],
							&m, 1, now);
			}
		}
	}
}

/* RX bursts read from one queue per turn while they come back full: a
 * queue is read until it is empty, up to this many bursts, before the
 * timers run. Reading one burst per turn let an lcore whose callbacks do
 * much work per packet (an application refilling send buffers on
 * WRITABLE) fall behind its peer's SACKs: they queued in the port for
 * longer than RTO.Min and T3-rtx expired on a lossless link. What a full
 * burst made (SACKs, replies) is sent before the next burst is read:
 * answering a whole window at the end of the turn slowed 64 KiB messages
 * over memif three to four times. */
#define RX_BURSTS_PER_TURN 16

/* Send what waits for port i's TX queue of lc. */
static void
tx_flush(struct fp_lcore *lc, uint16_t i)
{
	struct fsctp_rt_engine *fp = lc->fp;
	int inst = fp->port_inst[i];

	if (inst < 0 ||
	    !fsctp_rt_lcore_tx_pending(lc->slot[inst].lib, fp->port_ifx[i]))
		return;
	lc->st.tx += fsctp_rt_lcore_tx_burst(
		lc->slot[inst].lib, fp->port_ifx[i], fp->ports.port[i].port_id,
		(uint16_t)lc->idx, UINT16_MAX);
}

/* One loop turn, under the lcore's lock. @return true when it moved any
 * packet or command. */
static bool
poll_once(struct fp_lcore *lc)
{
	struct fsctp_rt_engine *fp = lc->fp;
	struct rte_mbuf *pkts[512];
	uint16_t burst = fp->cfg.burst, i, n, k;
	uint64_t now = fsctp_rt_now_us();
	uint64_t before = lc->st.rx + lc->st.tx + lc->st.handoff_in +
			  lc->st.neigh_learnt + lc->st.commands;
	unsigned int s;

	lc->st.loops++;
	atomic_store_explicit(&lc->now, now, memory_order_relaxed);
	for (i = 0; i < fp->ports.n; i++) {
		int inst = fp->port_inst[i];

		uint32_t budget = RX_BURSTS_PER_TURN;

		do {
			n = rte_eth_rx_burst(fp->ports.port[i].port_id,
					     (uint16_t)lc->idx, pkts, burst);
			if (n == 0)
				break;
			lc->st.rx += n;
			if (inst < 0) {
				lc->st.rx_no_inst += n;
				rte_pktmbuf_free_bulk(pkts, n);
				continue;
			}
			/* Not every PMD stamps the port (net_ring passes
			 * mbufs on as they were sent); a hand-off needs it
			 * to find the interface on the owner's side. */
			for (k = 0; k < n; k++)
				pkts[k]->port = fp->ports.port[i].port_id;
			fsctp_rt_lcore_rx_bulk(lc->slot[inst].lib,
					       fp->port_ifx[i], pkts, n, now);
			if (n == burst && budget > 1)
				tx_flush(lc, i);
		} while (n == burst && --budget != 0);
	}
	drain_handoff(lc, now);
	run_commands(lc, now);
	for (s = 0; s < FSCTP_RT_MAX_INST; s++) {
		const struct fsctp_rt_inst_config *ic = &fp->inst[s].cfg;

		if (lc->slot[s].lib == NULL)
			continue;
		if (ic->turn != NULL)
			ic->turn(ic->ctx, lc->idx, lc->slot[s].lib, now);
		fsctp_rt_lcore_process(lc->slot[s].lib, now);
	}
	for (i = 0; i < fp->ports.n; i++)
		tx_flush(lc, i);
	if (lc->n_gone != 0 || lc->rc_head != lc->rc_tail)
		fp_tuple_sweep(lc);
	return lc->st.rx + lc->st.tx + lc->st.handoff_in + lc->st.neigh_learnt +
		       lc->st.commands !=
	       before;
}

/* Stop: SHUTDOWN every association (RFC 9260 9.2), keep polling until they
 * are gone or the time limit passes, then ABORT the rest. fsctp_rt_engine_abort()
 * ABORTs them all at once instead, also in the middle of a shutdown. */
static void
shutdown_step(struct fp_lcore *lc)
{
	uint64_t now = fsctp_rt_now_us();
	uint32_t left = 0;
	unsigned int s;

	if (atomic_load(&lc->fp->stop_abort)) {
		for (s = 0; s < FSCTP_RT_MAX_INST; s++)
			if (lc->slot[s].lib != NULL)
				fsctp_stack_close_all(
					fsctp_rt_lcore_stack(lc->slot[s].lib),
					true, "abort", 5, now);
		lc->phase = 2;
		return;
	}
	if (lc->phase == 0) {
		lc->phase = 1;
		lc->shutdown_deadline = now + lc->fp->cfg.shutdown_ms * 1000ull;
		for (s = 0; s < FSCTP_RT_MAX_INST; s++)
			if (lc->slot[s].lib != NULL)
				fsctp_stack_close_all(
					fsctp_rt_lcore_stack(lc->slot[s].lib),
					false, NULL, 0, now);
		return;
	}
	for (s = 0; s < FSCTP_RT_MAX_INST; s++)
		if (lc->slot[s].lib != NULL)
			left += fsctp_stack_assoc_count(
				fsctp_rt_lcore_stack(lc->slot[s].lib));
	if (left == 0) {
		lc->phase = 2;
		return;
	}
	if (now >= lc->shutdown_deadline) {
		FSCTP_RT_LOG(WARNING,
			     "lcore %u: %u associations not shut down in %u "
			     "ms: aborting\n",
			     lc->lcore_id, left, lc->fp->cfg.shutdown_ms);
		for (s = 0; s < FSCTP_RT_MAX_INST; s++)
			if (lc->slot[s].lib != NULL)
				fsctp_stack_close_all(
					fsctp_rt_lcore_stack(lc->slot[s].lib),
					true, "shutdown", 8, now);
		lc->phase = 2;
	}
}

/* One turn of lc on the calling thread, as its owner. */
static bool
turn(struct fp_lcore *lc)
{
	bool work;

	rte_ticketlock_lock(&lc->lock);
	t_fp = lc->fp;
	t_lcore = (int)lc->idx;
	work = poll_once(lc);
	if (atomic_load(&lc->fp->stop) && lc->phase != 2) {
		shutdown_step(lc);
		if (lc->phase == 2)
			poll_once(lc); /* flush the last ABORT / COMPLETE */
	}
	t_lcore = -1;
	t_fp = NULL;
	rte_ticketlock_unlock(&lc->lock);
	return work;
}

static int
lcore_main(void *arg)
{
	struct fp_lcore *lc = arg;
	struct fsctp_rt_engine *fp = lc->fp;

	FSCTP_RT_LOG(INFO, "lcore %u: fast path %u of %u polling\n",
		     lc->lcore_id, lc->idx, fp->n_lcores);
	while (lc->phase != 2 && !atomic_load(&fp->pause)) {
		/* A shared or oversubscribed machine (tests, development)
		 * can trade latency for CPU: sleep after an idle turn. */
		if (!turn(lc) && fp->cfg.idle_sleep_us != 0)
			rte_delay_us_sleep(fp->cfg.idle_sleep_us);
	}
	return 0;
}

void
fsctp_rt_config_stack(const struct fsctp_rt_config *cfg,
		      struct fsctp_stack_config *out)
{
	uint16_t p;

	fsctp_stack_config_defaults(out);
	out->max_assocs = cfg->max_assocs;
	if (cfg->hb_interval_ms != UINT32_MAX)
		out->hb_interval_ms = cfg->hb_interval_ms;
	out->reconf_enable = (uint8_t)cfg->reconf_enable;
	if (cfg->rto_initial_ms != UINT32_MAX)
		out->rto_initial_ms = cfg->rto_initial_ms;
	if (cfg->rto_min_ms != UINT32_MAX)
		out->rto_min_ms = cfg->rto_min_ms;
	if (cfg->rto_max_ms != UINT32_MAX)
		out->rto_max_ms = cfg->rto_max_ms;
	if (cfg->assoc_max_retrans != UINT32_MAX)
		out->assoc_max_retrans = cfg->assoc_max_retrans;
	if (cfg->path_max_retrans != UINT32_MAX)
		out->path_max_retrans = cfg->path_max_retrans;
	if (cfg->pf_set)
		out->pf_threshold = cfg->pf_threshold;
	out->zero_csum_edmid = cfg->zero_csum_edmid;
	out->idata = cfg->idata != 0;
	out->auth = cfg->auth != 0;
	memcpy(out->auth_chunks, cfg->auth_chunks, sizeof(out->auth_chunks));
	out->n_auth_chunks = cfg->n_auth_chunks;
	out->asconf = cfg->asconf != 0;
	out->stream_sched = cfg->stream_sched;
	out->pd_point = cfg->pd_point;
	out->frag_interleave = cfg->frag_interleave;
	if (cfg->reply_rate != UINT32_MAX)
		out->reply_rate = cfg->reply_rate;
	if (cfg->reply_burst != UINT32_MAX)
		out->reply_burst = cfg->reply_burst;
	if (cfg->sndbuf != 0)
		out->sndbuf = cfg->sndbuf;
	if (cfg->rwnd != 0)
		out->rwnd = cfg->rwnd;
	for (p = 0; p < cfg->n_ports; p++)
		if (p == 0 || cfg->ports[p].mtu < out->pmtu)
			out->pmtu = cfg->ports[p].mtu;
	/* RFC 8899: MAX_PLPMTU within the ports' MTU and one mbuf (its
	 * headroom and an Ethernet header with a VLAN tag taken off). */
	out->plpmtud = cfg->plpmtud != 0;
	if (out->plpmtud) {
		uint32_t room = cfg->pool_data_room > RTE_PKTMBUF_HEADROOM + 18
					? cfg->pool_data_room -
						  RTE_PKTMBUF_HEADROOM - 18
					: 0;
		uint32_t max = cfg->plpmtud_max ? cfg->plpmtud_max : out->pmtu;

		if (max > out->pmtu)
			max = out->pmtu;
		if (max > room)
			max = room;
		if (max < FSCTP_PL_BASE_PLPMTU)
			max = FSCTP_PL_BASE_PLPMTU;
		out->plpmtud_max = (uint16_t)max;
		if (cfg->plpmtud_probe_ms)
			out->plpmtud_probe_ms = cfg->plpmtud_probe_ms;
		if (cfg->plpmtud_raise_ms)
			out->plpmtud_raise_ms = cfg->plpmtud_raise_ms;
		if (out->plpmtud_raise_ms < out->plpmtud_probe_ms)
			out->plpmtud_raise_ms = out->plpmtud_probe_ms;
	}
}

struct fsctp_rt_engine *
fsctp_rt_engine_create(const struct fsctp_rt_config *cfg,
		       const struct fsctp_rt_ports *ports, char *err,
		       size_t errlen)
{
	struct rte_hash_parameters hp;
	struct fsctp_rt_engine *fp;
	char name[RTE_RING_NAMESIZE];
	unsigned int i, j;
	uint16_t p;

	fp = rte_zmalloc("fsctp_rt_engine", sizeof(*fp), RTE_CACHE_LINE_SIZE);
	if (fp == NULL) {
		fsctp_rt_fail(err, errlen, "runtime: out of memory");
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
	for (p = 0; p < FSCTP_RT_MAX_PORTS; p++)
		fp->port_inst[p] = -1;
	memset(&hp, 0, sizeof(hp));
	hp.name = "fsctp_tuples";
	hp.entries = cfg->tuple_table;
	hp.key_len = sizeof(struct fp_tuple);
	hp.hash_func = rte_jhash;
	hp.socket_id = (int)rte_socket_id();
	/* Lock-free readers; one writer at a time (tuples_wlock). */
	hp.extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF;
	rte_spinlock_init(&fp->tuples_wlock);
	fp->tuples = rte_hash_create(&hp);
	if (fp->tuples == NULL) {
		fsctp_rt_fail(err, errlen,
			      "runtime: tuple table of %u entries: %s",
			      cfg->tuple_table, rte_strerror(rte_errno));
		goto bad;
	}
	/* Every position of the table can be waiting in one list. */
	fp->reclaim_cap = cfg->tuple_table;
	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];

		lc->fp = fp;
		lc->idx = i;
		if (fp->n_lcores > 1) {
			lc->gone = rte_zmalloc("fsctp_rt_gone",
					       FP_GONE_MAX * sizeof(*lc->gone),
					       RTE_CACHE_LINE_SIZE);
			lc->reclaim = rte_zmalloc("fsctp_rt_reclaim",
						  (size_t)fp->reclaim_cap *
							  sizeof(*lc->reclaim),
						  RTE_CACHE_LINE_SIZE);
			if (lc->gone == NULL || lc->reclaim == NULL) {
				fsctp_rt_fail(err, errlen,
					      "runtime: lcore %u: tuple lists: "
					      "out of memory",
					      cfg->fastpath[i]);
				goto bad;
			}
		}
		lc->lcore_id = cfg->fastpath[i];
		rte_ticketlock_init(&lc->lock);
		for (j = 0; j < FSCTP_RT_MAX_INST; j++) {
			lc->slot[j].lc = lc;
			lc->slot[j].inst = j;
		}
		snprintf(name, sizeof(name), "fsctp_cmd_%u", (uint8_t)i);
		lc->cmd = rte_ring_create(name, 4096, SOCKET_ID_ANY,
					  RING_F_SC_DEQ);
		if (lc->cmd == NULL) {
			fsctp_rt_fail(err, errlen,
				      "runtime: lcore %u: command ring: %s",
				      lc->lcore_id, rte_strerror(rte_errno));
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
				fsctp_rt_fail(err, errlen,
					      "runtime: hand-off ring %s: %s",
					      name, rte_strerror(rte_errno));
				goto bad;
			}
		}
	}
	if (rte_pdump_init() != 0)
		FSCTP_RT_LOG(WARNING, "rte_pdump_init: %s (no capture)\n",
			     rte_strerror(rte_errno));
	if (fsctp_rt_telemetry_register(fp) != 0)
		FSCTP_RT_LOG(WARNING, "telemetry endpoints not registered\n");
	return fp;
bad:
	fsctp_rt_engine_free(fp);
	return NULL;
}

int
fsctp_rt_engine_inst_create(struct fsctp_rt_engine *fp,
			    const struct fsctp_rt_inst_config *ic, char *err,
			    size_t errlen)
{
	struct fsctp_rt_inst_config def;
	struct fp_inst *in;
	uint32_t mask, taken = 0;
	unsigned int i, slot;
	uint16_t p, j;

	if (fp == NULL) {
		fsctp_rt_fail(err, errlen, "runtime: no runtime");
		return -EINVAL;
	}
	if (atomic_load(&fp->running)) {
		fsctp_rt_fail(err, errlen,
			      "runtime: instances are added before the loops "
			      "run");
		return -EBUSY;
	}
	if (ic == NULL) {
		memset(&def, 0, sizeof(def));
		def.port_mask = (1u << fp->ports.n) - 1;
		def.n_listen = fp->cfg.n_listen;
		def.listen = fp->cfg.listen;
		ic = &def;
	}
	for (p = 0; p < fp->ports.n; p++)
		if (fp->port_inst[p] >= 0)
			taken |= 1u << p;
	mask = ic->port_mask;
	if (mask == 0 || (mask >> fp->ports.n) != 0 || (mask & taken) != 0 ||
	    ic->n_listen > FSCTP_RT_MAX_LISTEN ||
	    (ic->n_listen != 0 && ic->listen == NULL) ||
	    __builtin_popcount(mask) > FSCTP_RT_LCORE_MAX_IFS) {
		fsctp_rt_fail(
			err, errlen, "runtime: port mask 0x%x: %s", mask,
			mask == 0 || (mask >> fp->ports.n) != 0 ? "no such port"
			: (mask & taken) != 0 ? "a port belongs to another "
						"instance"
					      : "too many ports or listens");
		return -EINVAL;
	}
	for (slot = 0; slot < FSCTP_RT_MAX_INST && fp->inst[slot].used; slot++)
		;
	if (slot == FSCTP_RT_MAX_INST) {
		fsctp_rt_fail(err, errlen, "runtime: %u instances at most",
			      FSCTP_RT_MAX_INST);
		return -ENOSPC;
	}
	in = &fp->inst[slot];
	memset(in, 0, sizeof(*in));
	in->used = true;
	in->cfg = *ic;
	if (ic->n_listen != 0)
		memcpy(in->listen, ic->listen, ic->n_listen * sizeof(uint16_t));
	in->cfg.listen = in->listen;
	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];
		struct fsctp_rt_lcore_config lcfg;

		memset(&lcfg, 0, sizeof(lcfg));
		if (ic->stack != NULL)
			lcfg.stack = *ic->stack;
		else
			fsctp_rt_config_stack(&fp->cfg, &lcfg.stack);
		lcfg.stack.owner_bits = fp->owner_bits;
		lcfg.stack.owner_id = (uint8_t)i;
		for (p = 0; p < fp->ports.n; p++) {
			struct fsctp_rt_lcore_if *li = &lcfg.ifs[lcfg.n_ifs];

			if (!(mask & (1u << p)))
				continue;
			li->port_id = fp->ports.port[p].port_id;
			li->net = fp->cfg.ports[p].net;
			memcpy(li->net.mac, fp->ports.port[p].mac, 6);
			li->tx_ip4_cksum = fp->ports.port[p].tx_ip4_cksum;
			li->tx_sctp_cksum = fp->ports.port[p].tx_sctp_cksum;
			if (lcfg.n_ifs == 0 ||
			    fp->cfg.ports[p].mtu < lcfg.stack.pmtu)
				lcfg.stack.pmtu = fp->cfg.ports[p].mtu;
			if (lcfg.n_ifs == 0)
				lcfg.pool = fp->ports.port[p].pool;
			lcfg.n_ifs++;
		}
		lcfg.tx_fifo = fp->cfg.tx_fifo;
		lcfg.rx_hold =
			fp->cfg.rx_hold == UINT32_MAX ? 0 : fp->cfg.rx_hold;
		/* Lcore i owns TX queue i of every port (a control packet that
		 * finds the FIFO full goes to the port rather than being
		 * lost: the core holds DATA and SACKs back, not every reply). */
		lcfg.tx_flush_when_full = true;
		lcfg.tx_queue = (uint16_t)lc->idx;
		if (fp->cfg.udp_encaps) {
			lcfg.udp_encaps_port = fp->cfg.udp_encaps_port;
			lcfg.udp_remote_port = fp->cfg.udp_remote_port;
			lcfg.udp_table = fp->cfg.udp_table;
		}
		lcfg.event = hook_event;
		lcfg.steer = hook_steer;
		lcfg.pmtu = hook_pmtu;
		lcfg.neigh_frame = fp->n_lcores > 1 ? hook_neigh : NULL;
		lcfg.sent = hook_sent;
		lcfg.ctx = &lc->slot[slot];
		lc->slot[slot].lib =
			fsctp_rt_lcore_create(&lcfg, fsctp_rt_now_us());
		if (lc->slot[slot].lib == NULL) {
			fsctp_rt_fail(err, errlen,
				      "runtime: lcore %u: stack: %s",
				      lc->lcore_id, rte_strerror(rte_errno));
			fsctp_rt_engine_inst_free(fp, slot);
			return -ENOMEM;
		}
		for (j = 0; j < ic->n_listen; j++) {
			int rc = fsctp_listen(
				fsctp_rt_lcore_stack(lc->slot[slot].lib),
				ic->listen[j]);

			if (rc != 0) {
				fsctp_rt_fail(err, errlen,
					      "runtime: listen %u: %s",
					      ic->listen[j], strerror(-rc));
				fsctp_rt_engine_inst_free(fp, slot);
				return rc;
			}
		}
	}
	/* ports.n never exceeds FSCTP_RT_MAX_PORTS; the bound says so to
	 * the compiler too (GCC 12 -Wstringop-overflow at -O3). */
	for (p = 0, j = 0; p < fp->ports.n && p < FSCTP_RT_MAX_PORTS; p++)
		if (mask & (1u << p)) {
			fp->port_inst[p] = (int8_t)slot;
			fp->port_ifx[p] = (uint8_t)j++;
		}
	return (int)slot;
}

void
fsctp_rt_engine_inst_free(struct fsctp_rt_engine *fp, unsigned int inst)
{
	unsigned int i;
	uint16_t p;

	if (fp == NULL || inst >= FSCTP_RT_MAX_INST || !fp->inst[inst].used)
		return;
	for (p = 0; p < FSCTP_RT_MAX_PORTS; p++)
		if (fp->port_inst[p] == (int8_t)inst)
			fp->port_inst[p] = -1;
	for (i = 0; i < fp->n_lcores; i++) {
		rte_ticketlock_lock(&fp->lc[i].lock);
		fsctp_rt_lcore_free(fp->lc[i].slot[inst].lib);
		fp->lc[i].slot[inst].lib = NULL;
		rte_ticketlock_unlock(&fp->lc[i].lock);
	}
	fp->inst[inst].used = false;
}

struct fsctp_rt_lcore *
fsctp_rt_engine_inst_lcore(struct fsctp_rt_engine *fp, unsigned int inst,
			   unsigned int lcore)
{
	if (fp == NULL || inst >= FSCTP_RT_MAX_INST || lcore >= fp->n_lcores)
		return NULL;
	return fp->lc[lcore].slot[inst].lib;
}

int
fsctp_rt_engine_poll(struct fsctp_rt_engine *fp)
{
	unsigned int i;
	int work = 0;

	if (fp == NULL)
		return -EINVAL;
	if (atomic_load(&fp->running))
		return -EBUSY;
	for (i = 0; i < fp->n_lcores; i++)
		if (fp->lc[i].phase != 2 || !atomic_load(&fp->stop))
			work += turn(&fp->lc[i]);
	return work;
}

/* Every loop finished its stop: start over. A stop asked for before the
 * first launch is kept, and so is a pause asked for before the run
 * (a signal that came early): that run returns at once, and the pause is
 * consumed when a run ends. */
static void
restart_if_stopped(struct fsctp_rt_engine *fp)
{
	unsigned int i;

	if (fp->n_lcores == 0 || !fsctp_rt_engine_stopped(fp))
		return;
	for (i = 0; i < fp->n_lcores; i++)
		fp->lc[i].phase = 0;
	atomic_store(&fp->stop_abort, 0);
	atomic_store(&fp->stop, 0);
}

int
fsctp_rt_engine_run(struct fsctp_rt_engine *fp)
{
	unsigned int main_id = rte_lcore_id(), i;
	struct fp_lcore *on_main = NULL;
	int rc = 0;

	restart_if_stopped(fp);
	atomic_store(&fp->running, 1);
	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];

		if (lc->lcore_id == main_id) {
			on_main = lc;
			continue;
		}
		if (rte_eal_remote_launch(lcore_main, lc, lc->lcore_id) != 0) {
			FSCTP_RT_LOG(ERR, "cannot launch lcore %u\n",
				     lc->lcore_id);
			atomic_store(&fp->stop, 1);
			rc = -EBUSY;
		}
	}
	if (on_main != NULL && rc == 0)
		lcore_main(on_main);
	rte_eal_mp_wait_lcore();
	atomic_store(&fp->pause, 0);
	atomic_store(&fp->running, 0);
	return rc;
}

int
fsctp_rt_engine_launch(struct fsctp_rt_engine *fp)
{
	unsigned int main_id = rte_lcore_id(), i;

	restart_if_stopped(fp);
	atomic_store(&fp->running, 1);
	for (i = 0; i < fp->n_lcores; i++) {
		struct fp_lcore *lc = &fp->lc[i];

		if (lc->lcore_id == main_id)
			continue;
		if (rte_eal_remote_launch(lcore_main, lc, lc->lcore_id) != 0) {
			FSCTP_RT_LOG(ERR, "cannot launch lcore %u\n",
				     lc->lcore_id);
			atomic_store(&fp->stop, 1);
			return -EBUSY;
		}
	}
	return 0;
}

void
fsctp_rt_engine_wait(struct fsctp_rt_engine *fp)
{
	rte_eal_mp_wait_lcore();
	if (fp != NULL) {
		atomic_store(&fp->pause, 0);
		atomic_store(&fp->running, 0);
	}
}

void
fsctp_rt_engine_stop(struct fsctp_rt_engine *fp)
{
	if (fp != NULL)
		atomic_store(&fp->stop, 1);
}

void
fsctp_rt_engine_pause(struct fsctp_rt_engine *fp)
{
	if (fp != NULL)
		atomic_store(&fp->pause, 1);
}

void
fsctp_rt_engine_abort(struct fsctp_rt_engine *fp)
{
	if (fp == NULL)
		return;
	/* Sequentially consistent: a loop that sees stop sees stop_abort. */
	atomic_store(&fp->stop_abort, 1);
	atomic_store(&fp->stop, 1);
}

bool
fsctp_rt_engine_stopped(const struct fsctp_rt_engine *fp)
{
	unsigned int i;

	for (i = 0; i < fp->n_lcores; i++)
		if (fp->lc[i].phase != 2)
			return false;
	return true;
}

bool
fsctp_rt_engine_running(const struct fsctp_rt_engine *fp)
{
	return fp != NULL && atomic_load(&fp->running);
}

unsigned int
fsctp_rt_engine_lcore_id(const struct fsctp_rt_engine *fp, unsigned int i)
{
	return fp != NULL && i < fp->n_lcores ? fp->lc[i].lcore_id
					      : RTE_MAX_LCORE;
}

uint32_t
fsctp_rt_engine_tuple_count(const struct fsctp_rt_engine *fp)
{
	int32_t n;

	if (fp == NULL || fp->tuples == NULL)
		return 0;
	n = rte_hash_count(fp->tuples);
	return n < 0 ? 0 : (uint32_t)n;
}

int
fsctp_rt_engine_current(const struct fsctp_rt_engine *fp)
{
	return fp != NULL && t_fp == fp ? t_lcore : -1;
}

void
fsctp_rt_engine_lock(struct fsctp_rt_engine *fp, unsigned int idx)
{
	rte_ticketlock_lock(&fp->lc[idx].lock);
}

void
fsctp_rt_engine_unlock(struct fsctp_rt_engine *fp, unsigned int idx)
{
	rte_ticketlock_unlock(&fp->lc[idx].lock);
}

uint8_t
fsctp_rt_engine_owner_bits(const struct fsctp_rt_engine *fp)
{
	return fp->owner_bits;
}

int
fsctp_rt_engine_post(struct fsctp_rt_engine *fp, unsigned int idx,
		     struct fsctp_rt_cmd *c)
{
	if (fp == NULL || idx >= fp->n_lcores || c == NULL || c->run == NULL)
		return -EINVAL;
	if (rte_ring_mp_enqueue(fp->lc[idx].cmd, c) != 0) {
		fp->lc[idx].st.cmd_full++;
		return -ENOBUFS;
	}
	return 0;
}

void
fsctp_rt_engine_free(struct fsctp_rt_engine *fp)
{
	unsigned int i, j;

	if (fp == NULL)
		return;
	fsctp_rt_telemetry_unregister();
	for (i = 0; i < FSCTP_RT_MAX_INST; i++)
		fsctp_rt_engine_inst_free(fp, i);
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
		/* Commands never run: each run() frees its command, so
		 * run them with no lcore behind (their stacks are gone). */
		if (lc->cmd != NULL) {
			while (rte_ring_dequeue(lc->cmd, &obj) == 0)
				((struct fsctp_rt_cmd *)obj)
					->run(obj, FSCTP_RT_NO_LCORE, 0);
			rte_ring_free(lc->cmd);
		}
	}
	for (i = 0; i < FSCTP_RT_MAX_LCORES; i++) {
		rte_free(fp->lc[i].gone);
		rte_free(fp->lc[i].reclaim);
	}
	rte_hash_free(fp->tuples);
	rte_pdump_uninit();
	rte_free(fp);
}

struct connect_cmd {
	struct fsctp_rt_cmd c;
	struct fsctp_rt_engine *fp;
	struct fsctp_addr src, dst;
};

static void
connect_run(struct fsctp_rt_cmd *c, unsigned int lcore, uint64_t now)
{
	struct connect_cmd *cc = (struct connect_cmd *)c;
	struct fsctp_rt_lcore *lib =
		lcore == FSCTP_RT_NO_LCORE
			? NULL
			: fsctp_rt_engine_inst_lcore(cc->fp, 0, lcore);

	if (lib != NULL && fsctp_connect(fsctp_rt_lcore_stack(lib), &cc->src,
					 &cc->dst, now) < 0)
		FSCTP_RT_LOG(WARNING, "lcore %u: connect failed\n", lcore);
	free(cc);
}

int
fsctp_rt_engine_connect(struct fsctp_rt_engine *fp, unsigned int idx,
			const struct fsctp_addr *src,
			const struct fsctp_addr *dst)
{
	struct connect_cmd *c;
	int rc;

	if (fp == NULL || idx >= fp->n_lcores || src == NULL || dst == NULL)
		return -EINVAL;
	c = malloc(sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->c.run = connect_run;
	c->fp = fp;
	c->src = *src;
	c->dst = *dst;
	rc = fsctp_rt_engine_post(fp, idx, &c->c);
	if (rc != 0)
		free(c);
	return rc;
}

unsigned int
fsctp_rt_engine_n_lcores(const struct fsctp_rt_engine *fp)
{
	return fp->n_lcores;
}

const struct fsctp_rt_engine_lcore_stats *
fsctp_rt_engine_lcore_stats(const struct fsctp_rt_engine *fp, unsigned int idx)
{
	return idx < fp->n_lcores ? &fp->lc[idx].st : NULL;
}

struct fsctp_rt_lcore *
fsctp_rt_engine_lcore(struct fsctp_rt_engine *fp, unsigned int idx)
{
	return fsctp_rt_engine_inst_lcore(fp, 0, idx);
}

uint32_t
fsctp_rt_engine_lcore_assocs_up(const struct fsctp_rt_engine *fp,
				unsigned int idx)
{
	return idx < fp->n_lcores ? (uint32_t)fp->lc[idx].st.assocs_up : 0;
}
