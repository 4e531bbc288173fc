/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef FSCTP_RT_INTERNAL_H
#define FSCTP_RT_INTERNAL_H

#include <stdatomic.h>

#include <rte_hash.h>
#include <rte_ring.h>
#include <rte_spinlock.h>
#include <rte_ticketlock.h>

#include "fsctp_rt_engine.h"

/* One instance's stack on one lcore: the hooks' context. */
struct fp_slot {
	struct fp_lcore *lc;
	unsigned int inst;
	struct fsctp_rt_lcore *lib; /* NULL: no such instance */
};

struct fp_lcore {
	struct fsctp_rt_engine *fp;
	unsigned int idx;
	unsigned int lcore_id;
	struct fp_slot slot[FSCTP_RT_MAX_INST];
	/* in[j]: packets lcore j hands to us (SP: j, SC: us). */
	struct rte_ring *in[FSCTP_RT_MAX_LCORES];
	struct rte_ring *cmd; /* commands from other threads (MP/SC) */
	struct fsctp_rt_engine_lcore_stats st;
	/* Held by whoever runs this lcore's turn or calls into its stacks;
	 * telemetry readers take it too. */
	rte_ticketlock_t lock; /* fair: a foreign caller gets its turn */
	/* The loop's last time. TSCs of different CPUs need not agree (they
	 * do not in some VMs), so times of one lcore are only compared with
	 * that lcore's own clock, never with another thread's. */
	_Atomic uint64_t now;
	int phase; /* 0 running, 1 shutting down, 2 done */
	uint64_t shutdown_deadline;
	/* Transport addresses of associations that ended on this lcore:
	 * their tuple entries are deleted at the end of the turn (after any
	 * last packet of theirs, whose output may have added them again). */
	struct fp_gone *gone;
	uint32_t n_gone;
	/* Key positions deleted from fp->tuples, freed once every other
	 * lcore's lock has been released since (fp_tuple_sweep()). */
	struct fp_reclaim *reclaim;
	uint32_t rc_head, rc_tail; /* free-running; cap fp->reclaim_cap */
} __rte_cache_aligned;

/* Ended associations' tuples queued per lcore and turn. */
#define FP_GONE_MAX 1024

struct fp_gone {
	struct fsctp_addr local, peer;
};

/* A deleted tuple-table position and, for every lcore, the next ticket
 * of its lock when it was deleted: a reader of the table holds an lcore's
 * lock, so once each lock has served that ticket, no reader is left that
 * could see the old key (quiescent-state reclamation by hand). */
struct fp_reclaim {
	int32_t pos;
	uint16_t next[FSCTP_RT_MAX_LCORES];
};

struct fp_inst {
	bool used;
	struct fsctp_rt_inst_config cfg;
	uint16_t listen[FSCTP_RT_MAX_LISTEN];
};

struct fsctp_rt_engine {
	struct fsctp_rt_config cfg;
	struct fsctp_rt_ports ports;
	uint8_t owner_bits;
	unsigned int n_lcores;
	struct fp_lcore lc[FSCTP_RT_MAX_LCORES];
	struct fp_inst inst[FSCTP_RT_MAX_INST];
	/* Profile port -> its instance and interface index there (-1). */
	int8_t port_inst[FSCTP_RT_MAX_PORTS];
	uint8_t port_ifx[FSCTP_RT_MAX_PORTS];
	int16_t port_if[RTE_MAX_ETHPORTS]; /* DPDK port id -> profile port */
	struct rte_hash *tuples;
	/* Serialises the table's writers (lock-free readers): any thread
	 * may add (an API call from a non-EAL thread sends too), and the
	 * table has no per-lcore cache that would need an lcore id. */
	rte_spinlock_t tuples_wlock;
	uint32_t reclaim_cap; /* entries of each lcore's reclaim list */
	atomic_int stop;
	atomic_int stop_abort; /* with stop: ABORT instead of SHUTDOWN */
	atomic_int pause;      /* loops return, associations kept */
	atomic_int running;    /* loops launched */
};

/* The tuple table key: local and peer transport address. */
struct fp_tuple {
	uint8_t family;
	uint8_t pad;
	uint16_t lport;
	uint16_t pport;
	uint16_t pad2;
	uint8_t lip[16];
	uint8_t pip[16];
};

/* Register the telemetry endpoints for fp (one runtime per process). */
int fsctp_rt_telemetry_register(struct fsctp_rt_engine *fp);
/* Forget fp in the telemetry callbacks. */
void fsctp_rt_telemetry_unregister(void);

#endif /* FSCTP_RT_INTERNAL_H */
