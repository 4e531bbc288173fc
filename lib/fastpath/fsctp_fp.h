/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The poll-mode runtime: one fsctp stack per fast-path lcore, each running
 * a run-to-completion loop over RX queue i of every port:
 *
 *   rx burst -> fsctp_lib_rx_bulk() (classify: Ethernet/ARP/IP/ICMP/SCTP)
 *     -> steering: owner lcore from our verification tag; another lcore's
 *        packet goes over the SP/SC hand-off ring for that lcore pair;
 *        INIT (tag 0) is answered statelessly here; the T bit falls back
 *        to the tuple table
 *     -> fsctp_stack_input() -> outputs bundled into mbufs
 *   hand-off rings drained -> fsctp_lib_rx_owned()
 *   fsctp_lib_process() (timers from TSC microseconds)
 *   fsctp_lib_tx_bulk() -> tx burst on TX queue i
 *
 * Telemetry: /fsctp/stats, /fsctp/lcore, /fsctp/assocs, /fsctp/assoc,<id>.
 * rte_pdump is initialised, so dpdk-dumpcap can capture the ports.
 */
#ifndef FSCTP_FP_H
#define FSCTP_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_fp_config.h"
#include "fsctp_fp_lib.h"
#include "fsctp_fp_port.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fsctp_fp;

/** Per-lcore runtime counters (on top of fsctp_lib_stats). */
struct fsctp_fp_lcore_stats {
	uint64_t loops;		   /**< Loop turns. */
	uint64_t rx;		   /**< Frames received from ports. */
	uint64_t tx;		   /**< Frames sent. */
	uint64_t handoff_out;	   /**< Packets handed to their owner. */
	uint64_t handoff_in;	   /**< Packets received from other lcores. */
	uint64_t handoff_full;	   /**< Hand-off ring full: dropped. */
	uint64_t init_local;	   /**< INITs answered here statelessly. */
	uint64_t tuple_hit;	   /**< T-bit packets found by tuple. */
	uint64_t tuple_miss;	   /**< T-bit packets with no tuple: local. */
	uint64_t tuple_full;	   /**< Tuple table full on insert. */
	uint64_t neigh_shared;	   /**< ARP/ND frames copied to others. */
	uint64_t neigh_learnt;	   /**< ARP/ND frames learnt from others. */
	uint64_t assoc_track_full; /**< Association list full. */
	uint64_t commands;	   /**< Commands run from the command ring. */
	uint64_t comm_up;	   /**< COMM_UP and RESTART events. */
	uint64_t comm_down;  /**< COMM_LOST, SHUTDOWN_COMP, CANT_STR_ASSOC. */
	uint64_t restarts;   /**< RESTART events (peer restarted, 5.2.4). */
	uint64_t comm_lost;  /**< COMM_LOST: ended by an ABORT (either side's)
			      * or a failure, not by a graceful shutdown. */
	uint64_t data_msgs;  /**< User messages received. */
	uint64_t data_bytes; /**< User bytes received. */
};

/** The owner id in a verification tag: the core's fsctp_vtag_owner(). */
static inline unsigned int
fsctp_fp_tag_owner(uint32_t vtag, uint8_t owner_bits)
{
	return fsctp_vtag_owner(vtag, owner_bits);
}

/**
 * Where an SCTP packet should be processed (RFC 9260 8.5 tag rules and
 * DESIGN.md steering).
 * @param sctp the common header and what follows (len bytes).
 * @return the owner index, -1 for "any lcore" (INIT with tag 0: answered
 *   statelessly), or -2 for "look up the tuple" (T bit set: the tag is the
 *   peer's).
 */
int fsctp_fp_steer_class(const uint8_t *sctp, size_t len, uint8_t owner_bits);

/**
 * Create the runtime on started ports: one library instance per fast-path
 * lcore, hand-off rings, the tuple table, telemetry and pdump.
 * @return it, or NULL with a message in err.
 */
struct fsctp_fp *fsctp_fp_create(const struct fsctp_fp_config *cfg,
				 const struct fsctp_fp_ports *ports, char *err,
				 size_t errlen);

/**
 * Run the loops on every fast-path lcore (the calling main lcore too when
 * it is one) until fsctp_fp_stop(); then shut associations down
 * gracefully within cfg->shutdown_ms, abort what is left and return
 * (after fsctp_fp_abort(): abort them all at once and return).
 * @return 0 or -errno when an lcore could not be launched.
 */
int fsctp_fp_run(struct fsctp_fp *fp);

/**
 * Launch the loops on the fast-path lcores other than the caller's and
 * return at once (the caller keeps its lcore, e.g. to drive a test).
 * After fsctp_fp_wait() has returned, a new launch starts the loops again.
 * @return 0 or -EBUSY; then call fsctp_fp_stop() and fsctp_fp_wait().
 */
int fsctp_fp_launch(struct fsctp_fp *fp);

/** Wait for the launched loops to finish (after fsctp_fp_stop()). */
void fsctp_fp_wait(struct fsctp_fp *fp);

/** Ask the loops to stop. Async-signal-safe. */
void fsctp_fp_stop(struct fsctp_fp *fp);

/**
 * Ask the loops to stop, ABORTing every association (RFC 9260 9.1, with a
 * User-Initiated Abort cause) instead of shutting them down gracefully.
 * Async-signal-safe. After fsctp_fp_stop() it cuts the graceful shutdown
 * short: what is left is ABORTed at the lcore's next turn.
 */
void fsctp_fp_abort(struct fsctp_fp *fp);

/** Free the runtime (after fsctp_fp_run() returned). */
void fsctp_fp_free(struct fsctp_fp *fp);

/**
 * Ask fast-path lcore idx to connect src -> dst (from any thread).
 * @return 0, -EINVAL, or -ENOBUFS when its command ring is full.
 */
int fsctp_fp_connect(struct fsctp_fp *fp, unsigned int idx,
		     const struct fsctp_addr *src,
		     const struct fsctp_addr *dst);

/** @return the number of fast-path lcores. */
unsigned int fsctp_fp_n_lcores(const struct fsctp_fp *fp);

/** @return lcore idx's counters (read racily from other threads). */
const struct fsctp_fp_lcore_stats *
fsctp_fp_lcore_stats(const struct fsctp_fp *fp, unsigned int idx);

/** @return lcore idx's library instance (its thread only, or after run). */
struct fsctp_lib *fsctp_fp_lcore_lib(struct fsctp_fp *fp, unsigned int idx);

/** @return associations up on lcore idx (as tracked from events). */
uint32_t fsctp_fp_lcore_assocs_up(const struct fsctp_fp *fp, unsigned int idx);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_FP_H */
