/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Runtime internals shared by fsctp_fp.c and fsctp_fp_telemetry.c.
 */
#ifndef FSCTP_FP_INTERNAL_H
#define FSCTP_FP_INTERNAL_H

#include <rte_hash.h>
#include <rte_ring.h>
#include <rte_spinlock.h>

#include "fsctp_fp.h"

#define FP_MAX_TRACKED 4096 /* associations listed per lcore */

/* An association as the runtime sees it through events. */
struct fp_assoc {
	uint32_t id;
	uint8_t up; /* 1 up, 2 shutting down */
	uint64_t since_us;
	uint64_t data_msgs;
	uint64_t data_bytes;
};

struct fp_lcore {
	struct fsctp_fp *fp;
	unsigned int idx;
	unsigned int lcore_id;
	struct fsctp_lib *lib;
	/* in[j]: packets lcore j hands to us (SP: j, SC: us). */
	struct rte_ring *in[FSCTP_FP_MAX_LCORES];
	struct rte_ring *cmd; /* commands from other threads (MP/SC) */
	struct fsctp_fp_lcore_stats st;
	rte_spinlock_t alock; /* guards assocs against telemetry readers */
	uint32_t n_assocs;
	struct fp_assoc *assocs;
	/* The loop's last time. TSCs of different CPUs need not agree (they
	 * do not in some VMs), so times of one lcore are only compared with
	 * that lcore's own clock, never with another thread's. */
	volatile uint64_t now;
	int phase; /* 0 running, 1 shutting down, 2 done */
	uint64_t shutdown_deadline;
} __rte_cache_aligned;

struct fsctp_fp {
	struct fsctp_fp_config cfg;
	struct fsctp_fp_ports ports;
	uint8_t owner_bits;
	unsigned int n_lcores;
	struct fp_lcore lc[FSCTP_FP_MAX_LCORES];
	int16_t port_if[RTE_MAX_ETHPORTS]; /* DPDK port id -> interface */
	struct rte_hash *tuples;
	volatile int stop;
	volatile int stop_abort; /* with stop: ABORT instead of SHUTDOWN */
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
int fsctp_fp_telemetry_register(struct fsctp_fp *fp);
/* Forget fp in the telemetry callbacks. */
void fsctp_fp_telemetry_unregister(void);

#endif /* FSCTP_FP_INTERNAL_H */
