/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internals of the API layer shared by fsctp_api.c, fsctp_api_opt.c,
 * fsctp_api_worker.c and fsctp_net.c.
 */
#ifndef FSCTP_API_INTERNAL_H
#define FSCTP_API_INTERNAL_H

#include <stdatomic.h>

#include <rte_ring.h>

#include "fsctp.h"
#include "fsctp_core.h"
#include "fsctp_counters.h"
#include "fsctp_rt_engine.h"

#define API_MAX_SOCKS FSCTP_RT_MAX_INST

/* A WORKER item that did not fit its event ring yet (kept, never lost). */
struct api_pend {
	struct api_pend *next;
	void *obj;
};

/* WORKER mode: what one lcore and one worker thread share. */
struct api_wq {
	struct rte_ring *ev_ring;		/* lcore -> worker (SP/SC) */
	struct rte_ring *ret_ring;		/* worker -> lcore (SP/SC) */
	struct api_pend *pend_head, *pend_tail; /* ev_ring overflow */
	bool queued; /* lcore side: queued since the last wake check */
};

/* WORKER mode: a worker thread blocked in fsctp_worker_wait() (futex on
 * seq); the lcore bumps seq and wakes it when sleepers is not 0. */
struct api_wake {
	_Atomic uint32_t seq;
	_Atomic uint32_t sleepers;
} __rte_cache_aligned;

/* WORKER mode: the bytes of worker sends accepted for one lcore and not
 * yet in an association's send buffer (in commands, or parked), against
 * the socket's worker_sndbuf: workers add, the lcore subtracts; a worker
 * send that does not fit gets -EAGAIN (fsctp_api_worker.c). */
struct api_credit {
	_Atomic uint64_t used;
	_Atomic uint32_t gen;	  /* bumped when the lcore sends WRITABLEs */
	_Atomic uint64_t refused; /* worker sends refused with -EAGAIN */
} __rte_cache_aligned;

/* What a socket has on one fast-path lcore. Written only by whoever runs
 * that lcore's turn or holds its lock (st, pend, next_port, the producer
 * side of the ev_rings, the consumer side of the ret_rings). */
struct api_lc {
	struct fsctp_rt_lcore *lib;
	struct api_wq wq[FSCTP_SOCK_MAX_WORKERS]; /* WORKER: per worker */
	uint16_t next_port; /* ephemeral ports: this lcore's residue class */
	struct fsctp_sock_stats st;
	/* WORKER: associations whose sends wait for room (parked), the
	 * associations whose worker got -EAGAIN and waits for WRITABLE,
	 * the credit this lcore gave back and not yet published. */
	struct api_park *park;
	unsigned int n_park;
	struct api_waiter *waiters;
	uint64_t credit_back;
	struct api_credit credit;
} __rte_cache_aligned;

struct fsctp_sock {
	struct fsctp_rt *rt;
	uint64_t serial; /* unique per socket: commands check it is alive */
	int inst;	 /* fast-path instance */
	unsigned int n_lc;
	struct api_lc lc[FSCTP_RT_MAX_LCORES];
	uint32_t port_mask;
	uint16_t n_ifs;
	uint16_t
		if_port[FSCTP_RT_LCORE_MAX_IFS]; /* interface -> profile port */
	struct fsctp_sock_ops ops;
	void *ctx;
	uint32_t event_mask;
	struct fsctp_sndinfo def_snd;
	unsigned int next_lc; /* connects spread round robin */
	bool worker;
	unsigned int n_workers; /* WORKER: worker threads (1..) */
	/* WORKER: per worker, and [FSCTP_SOCK_MAX_WORKERS] for any. */
	struct api_wake wake[FSCTP_SOCK_MAX_WORKERS + 1];
	uint32_t max_msg_size;
	uint64_t worker_sndbuf;	      /* WORKER: credit per lcore, bytes */
	struct rte_ring *batch_cache; /* WORKER: used send batches (MP/MC) */
};

struct fsctp_rt {
	struct fsctp_rt_config cfg;
	struct fsctp_rt_ports ports;
	struct fsctp_rt_engine *fp;
	struct fsctp_sock *socks[API_MAX_SOCKS];
};

/* How a call reaches the stack of lcore i (see fsctp.h "Threads"). */
enum api_path {
	API_DIRECT, /* the caller runs lcore i's turn */
	API_LOCKED, /* outside any turn: under lcore i's lock */
	API_POST,   /* from another lcore's turn: a command to lcore i */
};

/* Enter lcore i's stack: API_DIRECT and API_LOCKED return with the stack
 * usable (api_leave() after); API_POST means post a command instead. */
enum api_path api_enter(struct fsctp_sock *s, unsigned int i);
void api_leave(struct fsctp_sock *s, unsigned int i, enum api_path p);
/* The stack of lcore i. */
struct fsctp_stack *api_stack(struct fsctp_sock *s, unsigned int i);
/* The lcore that owns association id (its low id bits). */
unsigned int api_owner(const struct fsctp_sock *s, fsctp_assoc_id_t id);

/* The rcvinfo (RFC 6458 5.3.5) of a received message. */
static inline struct fsctp_rcvinfo
api_rcvinfo(const struct fsctp_msg *m)
{
	struct fsctp_rcvinfo ri = {
		.assoc_id = m->assoc_id,
		.sid = m->sid,
		.ssn = m->ssn,
		.ppid = m->ppid,
		.tsn = m->tsn,
		.unordered = m->unordered,
		.user = m->user,
	};

	return ri;
}

/* WORKER mode (fsctp_api_worker.c). */
int fsctp_api_worker_init(struct fsctp_sock *s, uint32_t ring,
			  unsigned int workers, uint64_t sndbuf);
/* Before the event filter, on lcore: a WRITABLE retries the association's
 * parked sends, its end reports them as SEND_FAILED. */
void fsctp_api_worker_core_event(struct fsctp_sock *s, unsigned int lcore,
				 const struct fsctp_event *ev);
void fsctp_api_worker_fini(struct fsctp_sock *s);
/* Queue an event (a message travels as itself) for the worker; what does
 * not fit the ring waits in order on the lcore's overflow list. */
void fsctp_api_worker_event(struct fsctp_sock *s, unsigned int lcore,
			    const struct fsctp_event *ev);
/* Each turn on lcore: release returned messages, move waiting items. */
void fsctp_api_worker_turn(struct fsctp_sock *s, unsigned int lcore);
/* Run a copied send / shutdown / abort / connect on lcore (a command). */
int fsctp_api_post(struct fsctp_sock *s, unsigned int lcore, int type,
		   fsctp_assoc_id_t id, const struct fsctp_sndinfo *info,
		   const void *data, uint32_t len, const struct fsctp_addr *dst,
		   uint16_t src_port, void *user);

enum {
	API_CMD_SEND = 1,
	API_CMD_SHUTDOWN,
	API_CMD_ABORT,
	API_CMD_CONNECT,
	API_CMD_SEND_BATCH, /* sends of one worker thread (fsctp_api_worker.c) */
	API_CMD_WANT_WRITABLE, /* a worker got -EAGAIN: WRITABLE wanted */
};

/* Connect on lcore i (entered), user pointer set before any event. */
int64_t api_connect_on(struct fsctp_sock *s, unsigned int i,
		       const struct fsctp_addr *dst, uint16_t src_port,
		       void *user, uint64_t now);
/* Send on the owner (entered) with the socket's counters; release NULL
 * copies buf, otherwise buf is kept until release(arg) (fsctp_send_zc()). */
int api_send_on(struct fsctp_sock *s, unsigned int i, fsctp_assoc_id_t id,
		const void *buf, uint32_t len, const struct fsctp_sndinfo *info,
		void (*release)(void *arg), void *arg, uint64_t now);
/* Count a send's result rc (of len bytes) in the lcore's stats. */
int api_counted(struct fsctp_sock *s, unsigned int i, int rc, uint32_t len);

/* An association's local port and primary peer address (its lcore).
 * @return 0 or -ENOTCONN. */
int fsctp_api_assoc_addrs(struct fsctp_sock *s, fsctp_assoc_id_t id,
			  uint16_t *lport, struct fsctp_addr *peer);

/** @return true for the RFC 4895 options (fsctp_api_auth.c). */
bool fsctp_api_auth_opt(enum fsctp_opt opt);
/** getopt of an RFC 4895 option on one lcore's stack. */
int fsctp_api_auth_getopt(struct fsctp_stack *st, fsctp_assoc_id_t id,
			  enum fsctp_opt opt, void *val, size_t *len);
/** setopt of an RFC 4895 option on one lcore's stack. */
int fsctp_api_auth_setopt(struct fsctp_stack *st, fsctp_assoc_id_t id,
			  enum fsctp_opt opt, const void *val, size_t len);

#endif /* FSCTP_API_INTERNAL_H */
