/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The poll-mode runtime, the one that runs every application: N fast-path
 * lcores (from the profile), each running a run-to-completion loop over RX
 * queue i and TX queue i of every port. Ports are grouped into instances
 * (an API socket, or the whole profile for fsctp-fp); each lcore runs one
 * shared-nothing stack per instance, and an association lives on the
 * lcore its verification tag (and its id) names:
 *
 *   rx burst -> fsctp_rt_lcore_rx_bulk() (classify: Ethernet/ARP/IP/ICMP/SCTP)
 *     -> steering: owner lcore from our verification tag; another lcore's
 *        packet goes over the SP/SC hand-off ring for that lcore pair;
 *        INIT (tag 0) is answered statelessly here; the T bit falls back
 *        to the tuple table
 *     -> fsctp_stack_input() -> outputs bundled into mbufs
 *   hand-off rings drained -> fsctp_rt_lcore_rx_owned()
 *   fsctp_rt_lcore_process() (timers from TSC microseconds)
 *   fsctp_rt_lcore_tx_bulk() -> tx burst on TX queue i
 *
 *   command ring drained (calls from other threads)
 *
 * Every lcore holds its lock during a turn; telemetry readers take it.
 * fsctp_rt_engine_poll() runs one turn of every lcore on the calling thread
 * instead (single-threaded applications and tests).
 *
 * Telemetry: /fsctp/stats, /fsctp/lcore, /fsctp/assocs, /fsctp/assoc,<id>.
 * rte_pdump is initialised, so dpdk-dumpcap can capture the ports.
 */
#ifndef FSCTP_RT_ENGINE_H
#define FSCTP_RT_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_rt_config.h"
#include "fsctp_rt_lcore.h"
#include "fsctp_rt_port.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fsctp_rt_engine;

/** Per-lcore runtime counters (on top of fsctp_rt_lcore_stats). */
struct fsctp_rt_engine_lcore_stats {
	uint64_t loops;	       /**< Loop turns. */
	uint64_t rx;	       /**< Frames received from ports. */
	uint64_t tx;	       /**< Frames sent. */
	uint64_t handoff_out;  /**< Packets handed to their owner. */
	uint64_t handoff_in;   /**< Packets received from other lcores. */
	uint64_t handoff_full; /**< Hand-off ring full: dropped. */
	uint64_t init_local;   /**< INITs answered here statelessly. */
	uint64_t tuple_hit;    /**< T-bit packets found by tuple. */
	uint64_t tuple_miss;   /**< T-bit packets with no tuple: local. */
	uint64_t tuple_full;   /**< Tuple table full on insert. */
	uint64_t neigh_shared; /**< ARP/ND frames copied to others. */
	uint64_t neigh_learnt; /**< ARP/ND frames learnt from others. */
	uint64_t rx_no_inst;   /**< Frames from a port no instance has. */
	uint64_t commands;     /**< Commands run from the command ring. */
	uint64_t cmd_full;     /**< Commands refused: ring full. */
	uint64_t comm_up;      /**< COMM_UP and RESTART events. */
	uint64_t comm_down;    /**< COMM_LOST, SHUTDOWN_COMP, CANT_STR_ASSOC. */
	uint64_t restarts;     /**< RESTART events (peer restarted, 5.2.4). */
	uint64_t comm_lost;    /**< COMM_LOST: ended by an ABORT (either side's)
			      * or a failure, not by a graceful shutdown. */
	uint64_t data_msgs;    /**< User messages received. */
	uint64_t data_bytes;   /**< User bytes received. */
	uint64_t assocs_up;    /**< COMM_UP / RESTART minus COMM_LOST,
			      *  SHUTDOWN_COMP (CANT_STR_ASSOC of an
			      *  association that was never up is not). */
	uint64_t tuple_del;    /**< Tuples of ended associations removed. */
	uint64_t tuple_gone_full;    /**< Ended tuples not queued for removal:
				   *  list full (the entry stays). */
	uint64_t tuple_reclaim_full; /**< Deletes put off: reclaim list
				      *  full (retried next turn). */
	uint64_t steer_bad_crc;	     /**< Packets for another lcore dropped: bad
				 *  CRC32c (checked before the hand-off). */
};

#define FSCTP_RT_MAX_INST 4 /**< Instances (API sockets) per runtime. */

/**
 * An instance: a group of ports with one stack per fast-path lcore.
 * event runs on the lcore that owns the association; for FSCTP_EV_DATA
 * it owns ev->msg (fsctp_msg_free() on that lcore, now or later). NULL:
 * messages are counted and freed.
 */
struct fsctp_rt_inst_config {
	uint32_t port_mask; /**< Profile ports (bit i = port i), not 0. */
	/** Protocol parameters; owner_bits, owner_id and pmtu are set by
	 * the runtime. NULL: the profile's (fsctp_rt_config_stack()). */
	const struct fsctp_stack_config *stack;
	/** Ports to listen on in every stack of the instance. */
	uint16_t n_listen;
	const uint16_t *listen; /**< n_listen ports. */
	void (*event)(void *ctx, unsigned int lcore, struct fsctp_rt_lcore *lib,
		      const struct fsctp_event *ev);
	/** Called once per turn on each lcore, before the timers; may be
	 * NULL. */
	void (*turn)(void *ctx, unsigned int lcore, struct fsctp_rt_lcore *lib,
		     uint64_t now);
	void *ctx; /**< For event and turn. */
};

/**
 * A command run on an lcore (fsctp_rt_engine_post()): embed it first in a
 * larger struct; run() owns and frees it.
 */
#define FSCTP_RT_NO_LCORE UINT32_MAX /**< run() while freeing: no stack. */

struct fsctp_rt_cmd {
	/** On the target lcore, inside its turn, with its time; lcore is
	 * FSCTP_RT_NO_LCORE when the runtime is freed with c still queued
	 * (then only free it). */
	void (*run)(struct fsctp_rt_cmd *c, unsigned int lcore, uint64_t now);
};

/** The owner id in a verification tag: the core's fsctp_vtag_owner(). */
static inline unsigned int
fsctp_rt_tag_owner(uint32_t vtag, uint8_t owner_bits)
{
	return fsctp_vtag_owner(vtag, owner_bits);
}

/**
 * Where an SCTP packet should be processed (RFC 9260 8.5 tag rules and
 * steering by our verification tag, docs/ARCHITECTURE.md).
 * @param sctp the common header and what follows (len bytes).
 * @return the owner index, -1 for "any lcore" (INIT with tag 0: answered
 *   statelessly), or -2 for "look up the tuple" (T bit set: the tag is the
 *   peer's).
 */
int fsctp_rt_steer_class(const uint8_t *sctp, size_t len, uint8_t owner_bits);

/**
 * @return the number of entries in the runtime's tuple table (the
 *   steering fallback for T-bit packets and ICMP quotes): one per
 *   (local, peer) transport address of a live association that sent a
 *   packet, never one for a stateless reply (FSCTP_OUT_F_STATELESS).
 */
uint32_t fsctp_rt_engine_tuple_count(const struct fsctp_rt_engine *fp);

/**
 * Create the runtime on started ports: the fast-path lcores, hand-off and
 * command rings, the tuple table, telemetry and pdump. No instance yet:
 * fsctp_rt_engine_inst_create().
 * @return it, or NULL with a message in err.
 */
struct fsctp_rt_engine *
fsctp_rt_engine_create(const struct fsctp_rt_config *cfg,
		       const struct fsctp_rt_ports *ports, char *err,
		       size_t errlen);

/**
 * Run the loops on every fast-path lcore (the calling main lcore too when
 * it is one) until fsctp_rt_engine_stop(); then shut associations down
 * gracefully within cfg->shutdown_ms, abort what is left and return
 * (after fsctp_rt_engine_abort(): abort them all at once and return).
 * @return 0 or -errno when an lcore could not be launched.
 */
int fsctp_rt_engine_run(struct fsctp_rt_engine *fp);

/**
 * Launch the loops on the fast-path lcores other than the caller's and
 * return at once (the caller keeps its lcore, e.g. to drive a test).
 * After fsctp_rt_engine_wait() has returned, a new launch starts the loops again.
 * @return 0 or -EBUSY; then call fsctp_rt_engine_stop() and fsctp_rt_engine_wait().
 */
int fsctp_rt_engine_launch(struct fsctp_rt_engine *fp);

/** Wait for the launched loops to finish (after fsctp_rt_engine_stop()). */
void fsctp_rt_engine_wait(struct fsctp_rt_engine *fp);

/** Ask the loops to stop. Async-signal-safe. */
void fsctp_rt_engine_stop(struct fsctp_rt_engine *fp);

/**
 * Ask the loops to stop, ABORTing every association (RFC 9260 9.1, with a
 * User-Initiated Abort cause) instead of shutting them down gracefully.
 * Async-signal-safe. After fsctp_rt_engine_stop() it cuts the graceful shutdown
 * short: what is left is ABORTed at the lcore's next turn.
 */
void fsctp_rt_engine_abort(struct fsctp_rt_engine *fp);

/** Free the runtime (after fsctp_rt_engine_run() returned). */
void fsctp_rt_engine_free(struct fsctp_rt_engine *fp);

/** The stack parameters a profile gives ([sctp] keys, max_assocs). */
void fsctp_rt_config_stack(const struct fsctp_rt_config *cfg,
			   struct fsctp_stack_config *out);

/**
 * Add an instance (before the loops run). ic NULL: every port, the
 * profile's listen ports, messages counted and freed.
 * @return the instance index, or -EINVAL (ports taken, none, unknown),
 *   -ENOSPC (FSCTP_RT_MAX_INST), -EBUSY (loops running), -ENOMEM; a
 *   message in err.
 */
int fsctp_rt_engine_inst_create(struct fsctp_rt_engine *fp,
				const struct fsctp_rt_inst_config *ic,
				char *err, size_t errlen);

/** Remove an instance (loops not running): its stacks are freed. */
void fsctp_rt_engine_inst_free(struct fsctp_rt_engine *fp, unsigned int inst);

/** @return instance inst's library on lcore (that lcore's thread). */
struct fsctp_rt_lcore *fsctp_rt_engine_inst_lcore(struct fsctp_rt_engine *fp,
						  unsigned int inst,
						  unsigned int lcore);

/**
 * One turn of every lcore on the calling thread (loops not launched).
 * After fsctp_rt_engine_stop() it also drives the graceful shutdown.
 * @return packets and commands moved, or -EBUSY when the loops run.
 */
int fsctp_rt_engine_poll(struct fsctp_rt_engine *fp);

/**
 * Make the running loops return after their current turn, keeping every
 * association (fsctp_rt_engine_run() returns; a later run goes on). Asked for
 * while no loop runs, it makes the next run return at once.
 */
void fsctp_rt_engine_pause(struct fsctp_rt_engine *fp);

/** @return true when every lcore's graceful stop is complete. */
bool fsctp_rt_engine_stopped(const struct fsctp_rt_engine *fp);

/** @return true while the loops run on their lcores. */
bool fsctp_rt_engine_running(const struct fsctp_rt_engine *fp);

/**
 * @return the index of the fast-path lcore whose turn the calling thread
 *   is running now (a loop, or a fsctp_rt_engine_poll() turn), or -1.
 */
int fsctp_rt_engine_current(const struct fsctp_rt_engine *fp);

/**
 * Run c on fast-path lcore idx at its next turn (any thread; the ring is
 * multi-producer).
 * @return 0, -EINVAL, or -ENOBUFS when the lcore's command ring is full
 *   (counted cmd_full; c is not run, the caller still owns it).
 */
int fsctp_rt_engine_post(struct fsctp_rt_engine *fp, unsigned int idx,
			 struct fsctp_rt_cmd *c);

/** Take lcore idx's lock (for a call into its stacks from a thread that
 * is not running its turn, while the loops do not run). */
void fsctp_rt_engine_lock(struct fsctp_rt_engine *fp, unsigned int idx);
/** Release it. */
void fsctp_rt_engine_unlock(struct fsctp_rt_engine *fp, unsigned int idx);

/** @return the owner bits of the runtime's tags and association ids. */
uint8_t fsctp_rt_engine_owner_bits(const struct fsctp_rt_engine *fp);

/**
 * Ask fast-path lcore idx to connect src -> dst in instance 0 (from any
 * thread).
 * @return 0, -EINVAL, -ENOMEM, or -ENOBUFS when its command ring is full.
 */
int fsctp_rt_engine_connect(struct fsctp_rt_engine *fp, unsigned int idx,
			    const struct fsctp_addr *src,
			    const struct fsctp_addr *dst);

/** @return the number of fast-path lcores. */
unsigned int fsctp_rt_engine_n_lcores(const struct fsctp_rt_engine *fp);

/** @return the EAL lcore id of fast-path lcore i (RTE_MAX_LCORE if none). */
unsigned int fsctp_rt_engine_lcore_id(const struct fsctp_rt_engine *fp,
				      unsigned int i);

/** @return lcore idx's counters (read racily from other threads). */
const struct fsctp_rt_engine_lcore_stats *
fsctp_rt_engine_lcore_stats(const struct fsctp_rt_engine *fp, unsigned int idx);

/** @return lcore idx's library of instance 0 (its thread only, or after
 * run). */
struct fsctp_rt_lcore *fsctp_rt_engine_lcore(struct fsctp_rt_engine *fp,
					     unsigned int idx);

/** @return associations up on lcore idx (counted from events). */
uint32_t fsctp_rt_engine_lcore_assocs_up(const struct fsctp_rt_engine *fp,
					 unsigned int idx);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_RT_ENGINE_H */
