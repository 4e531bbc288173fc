/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Datagram Packetization Layer Path MTU Discovery for one destination
 * (RFC 8899 sections 4, 5 and 6.2): the state machine of 5.2, the search,
 * black-hole detection and raising the PMTU again.
 *
 * Pure: no knowledge of the association. Its inputs are events (start,
 * probe acknowledged, PROBE_TIMER or PMTU_RAISE_TIMER expired, DATA lost
 * or acknowledged on the path, a Packet Too Big hint) with the time; each
 * returns what the caller must do (FSCTP_PL_A_*): send a probe of
 * pl->probed bytes, and/or apply pl->plpmtu to the path. The caller arms
 * its timer at pl->deadline (0: no timer).
 *
 * Sizes are whole IP packets (IP header included), like the path MTU of
 * the core, and multiples of 4 (SCTP chunks are 4-byte aligned).
 */
#ifndef FSCTP_PLPMTUD_H
#define FSCTP_PLPMTUD_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** RFC 8899 5.2 states. */
enum fsctp_plpmtud_state {
	FSCTP_PL_DISABLED = 0,
	FSCTP_PL_BASE = 1,
	FSCTP_PL_SEARCHING = 2,
	FSCTP_PL_SEARCH_COMPLETE = 3,
	FSCTP_PL_ERROR = 4,
};

/** Actions returned by the event functions (a bit set). */
#define FSCTP_PL_A_PROBE (1u << 0) /**< Send a probe of pl->probed bytes. */
#define FSCTP_PL_A_PMTU	 (1u << 1) /**< pl->plpmtu changed: apply it. */

/** RFC 8899 5.1.2: BASE_PLPMTU, bytes with the IP header. */
#define FSCTP_PL_BASE_PLPMTU 1200
/** RFC 8899 5.1.2: MAX_PROBES default. */
#define FSCTP_PL_MAX_PROBES 3

/** Constants and variables of RFC 8899 5.1. */
struct fsctp_plpmtud_config {
	uint16_t base;	    /**< BASE_PLPMTU. */
	uint16_t min;	    /**< MIN_PLPMTU (used in ERROR), <= base. */
	uint16_t max;	    /**< MAX_PLPMTU, >= base. */
	uint8_t max_probes; /**< MAX_PROBES, >= 1. */
	/** T3-rtx expiries in a row, with no new DATA acknowledged, of
	 * packets larger than BASE_PLPMTU that make a black hole suspected
	 * (4.3), >= 1. */
	uint8_t bh_losses;
	fsctp_time_t probe_timer; /**< PROBE_TIMER, microseconds (>= 1 s). */
	fsctp_time_t raise_timer; /**< PMTU_RAISE_TIMER, microseconds. */
};

/** Counters of one destination. */
struct fsctp_plpmtud_stats {
	uint64_t probes_sent;
	uint64_t probes_acked;
	uint64_t probes_lost; /**< PROBE_TIMER expiries. */
	uint64_t black_holes; /**< Black holes detected (4.3). */
	uint64_t raises;      /**< PLPMTU raised. */
	uint64_t ptb_hints;   /**< PTBs used as a hint (4.6.2). */
	uint64_t ptb_ignored; /**< PTBs ignored (4.6.2). */
	uint64_t stale_acks;  /**< Acks of a probe no longer waited for. */
};

/** Per-destination state (RFC 8899 5.1.3 variables). */
struct fsctp_plpmtud {
	struct fsctp_plpmtud_config cfg;
	uint8_t state;	     /**< enum fsctp_plpmtud_state. */
	uint8_t probe_count; /**< PROBE_COUNT. */
	uint8_t bh_count;    /**< Consecutive large DATA losses. */
	bool bh_check;	 /**< The probe out checks a suspected black hole. */
	bool bh_base_ok; /**< ... and it was acknowledged. */
	uint16_t plpmtu; /**< PLPMTU in use. */
	uint16_t probed; /**< PROBED_SIZE of the probe out, 0 = none. */
	uint16_t lo;	 /**< Search: largest size acknowledged. */
	uint16_t hi;	 /**< Search: smallest size that failed, or
			      * max + 4. */
	fsctp_time_t deadline; /**< PROBE_TIMER / PMTU_RAISE_TIMER, 0 = off. */
	struct fsctp_plpmtud_stats stats;
};

/** @return the name of a state ("BASE", ...), for logs and telemetry. */
const char *fsctp_plpmtud_state_name(uint8_t state);

/**
 * Set pl up DISABLED with cfg (sizes rounded down to multiples of 4,
 * min <= base <= max enforced, probe_timer raised to 1 s).
 */
void fsctp_plpmtud_init(struct fsctp_plpmtud *pl,
			const struct fsctp_plpmtud_config *cfg);

/** DISABLED -> BASE (5.2): PLPMTU = BASE_PLPMTU, probe it. */
unsigned fsctp_plpmtud_start(struct fsctp_plpmtud *pl, fsctp_time_t now);

/** Any state -> DISABLED; the timer stops. */
void fsctp_plpmtud_stop(struct fsctp_plpmtud *pl);

/** The probe of size bytes was acknowledged (4.2). */
unsigned fsctp_plpmtud_probe_acked(struct fsctp_plpmtud *pl, uint16_t size,
				   fsctp_time_t now);

/** pl->deadline passed: PROBE_TIMER or PMTU_RAISE_TIMER (5.1.1). */
unsigned fsctp_plpmtud_timeout(struct fsctp_plpmtud *pl, fsctp_time_t now);

/**
 * T3-rtx expired on the path with DATA in flight; largest is the largest
 * packet that carried it (IP header included). Black-hole detection
 * (4.3): repeated losses of packets larger than BASE_PLPMTU with no new
 * DATA acknowledged make a black hole suspected; a BASE_PLPMTU probe is
 * sent; if it is acknowledged and the large packets are still lost, the
 * PLPMTU falls back to BASE_PLPMTU and the search starts again.
 */
unsigned fsctp_plpmtud_data_lost(struct fsctp_plpmtud *pl, uint32_t largest,
				 fsctp_time_t now);

/** New DATA sent on the path was acknowledged: no black hole. */
void fsctp_plpmtud_data_acked(struct fsctp_plpmtud *pl);

/**
 * A validated Packet Too Big reported mtu (4.6.2): a hint only. Below
 * the PLPMTU it is taken at once (RFC 9260 7.3) and confirmed by a probe
 * of that size; between the PLPMTU and the size being probed it is the
 * next probe; otherwise ignored.
 */
unsigned fsctp_plpmtud_ptb(struct fsctp_plpmtud *pl, uint32_t mtu,
			   fsctp_time_t now);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_PLPMTUD_H */
