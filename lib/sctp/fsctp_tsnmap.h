/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Receive-side TSN map and SACK generation (RFC 9260 6.2, 6.7).
 *
 * The map holds the Cumulative TSN (the highest TSN received in sequence),
 * a bitmap window of the TSNs received above it, and the duplicate TSNs seen
 * since the last SACK. Every TSN comparison uses serial arithmetic, so the
 * map works across the 2^32 wrap.
 *
 * Receiving one packet:
 *   for each DATA chunk:
 *     c = fsctp_tsnmap_check(m, tsn);
 *     NEW: hand it to reassembly; if it was accepted, fsctp_tsnmap_mark().
 *          If reassembly dropped it (memory), do not mark (the peer
 *          retransmits it) and call fsctp_tsnmap_dropped().
 *     DUP: drop the chunk (it is recorded for the next SACK).
 *     OUT_OF_WINDOW: drop the chunk, not acknowledged.
 *   then act = fsctp_tsnmap_packet_done(m, i_bit, now, &deadline):
 *     FSCTP_SACK_NOW: bundle a SACK (fsctp_tsnmap_write_sack()) now and
 *       stop the delayed SACK timer;
 *     FSCTP_SACK_DELAYED: start the delayed SACK timer for deadline unless
 *       it runs already (the deadline does not move);
 *     FSCTP_SACK_NONE: nothing to do.
 * When the delayed SACK timer fires, send a SACK. Whenever a SACK goes out
 * (bundled for any reason), fsctp_tsnmap_write_sack() clears the pending
 * state: stop the timer.
 *
 * Not thread-safe; one map per association. No allocation.
 */
#ifndef FSCTP_TSNMAP_H
#define FSCTP_TSNMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_types.h"
#include "fsctp_wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest window of TSNs tracked above the Cumulative TSN, in TSNs. */
#define FSCTP_TSNMAP_MAX_WINDOW 16384u
/** Largest number of duplicate TSNs remembered between two SACKs. */
#define FSCTP_TSNMAP_MAX_DUPS 32u

/** Largest number of gap ack blocks written in one SACK. */
#define FSCTP_TSNMAP_MAX_SACK_GAPS 64u

/** A gap ack block in host order: offsets from the Cumulative TSN Ack. */
struct fsctp_sack_gap {
	uint16_t start;
	uint16_t end;
};

/** Classification of a received TSN. */
enum fsctp_tsn_class {
	FSCTP_TSN_NEW = 0,	     /**< Never seen: process it. */
	FSCTP_TSN_DUP = 1,	     /**< Seen before: drop, report in SACK. */
	FSCTP_TSN_OUT_OF_WINDOW = 2, /**< Too far ahead: drop, do not ack. */
};

/** What the caller should do about a SACK after a packet. */
enum fsctp_sack_action {
	FSCTP_SACK_NONE = 0,	/**< Nothing new to acknowledge. */
	FSCTP_SACK_NOW = 1,	/**< Send a SACK now. */
	FSCTP_SACK_DELAYED = 2, /**< Arm the delayed SACK timer. */
};

/** Parameters of a TSN map. */
struct fsctp_tsnmap_config {
	uint32_t initial_tsn; /**< The peer's Initial TSN (INIT/INIT ACK). */
	/** TSNs tracked above the cum TSN: a power of two, at most
	 * FSCTP_TSNMAP_MAX_WINDOW. 0 means the maximum. */
	uint32_t window;
	uint32_t sack_freq;	 /**< SACK every Nth packet; 0 means 2. */
	fsctp_time_t sack_delay; /**< Delayed SACK time, us, <= 500 ms. */
	uint32_t max_dups;	 /**< <= FSCTP_TSNMAP_MAX_DUPS; 0 = max. */
};

/** Counters of a TSN map. */
struct fsctp_tsnmap_stats {
	uint64_t n_new;		  /**< TSNs marked received. */
	uint64_t n_dup;		  /**< Duplicate TSNs received. */
	uint64_t n_dup_overflow;  /**< Duplicates not listed: list full. */
	uint64_t n_out_of_window; /**< TSNs beyond the window, dropped. */
	uint64_t n_gap_truncated; /**< SACKs that could not list all gaps. */
	uint64_t n_sacks;	  /**< SACKs written. */
	uint64_t n_fwd;		  /**< FORWARD TSNs that moved the cum TSN. */
	uint64_t n_fwd_stale;	  /**< FORWARD TSNs at or behind it. */
	uint64_t n_reneged;	  /**< TSNs unmarked (RFC 9260 6.2). */
	/** TSNs dropped because the gap bitmap could not be allocated. */
	uint64_t n_nomem;
};

/**
 * A receive-side TSN map. May be embedded; copied only while it has no
 * gap bitmap (before its first gap). fsctp_tsnmap_fini() frees the bitmap.
 */
struct fsctp_tsnmap {
	uint32_t cum_tsn;     /**< Highest TSN received in sequence. */
	uint32_t highest_tsn; /**< Highest TSN received. */
	uint32_t window;
	uint32_t n_above; /**< TSNs received above cum_tsn. */
	uint32_t sack_freq;
	fsctp_time_t sack_delay;
	uint32_t max_dups;
	uint32_t n_dups;
	uint32_t dups[FSCTP_TSNMAP_MAX_DUPS];
	/* Current packet. */
	bool pkt_data; /**< A DATA chunk was checked in this packet. */
	bool pkt_new;  /**< A new TSN was marked. */
	bool pkt_dup;  /**< A duplicate was seen. */
	bool pkt_gap;  /**< A gap appeared, exists or was filled. */
	bool pkt_drop; /**< A new chunk was dropped. */
	bool pkt_fwd;  /**< A FORWARD TSN was processed. */
	/* Pending acknowledgement. */
	uint32_t pkts_unacked;	/**< Packets with new DATA since last SACK. */
	bool pending;		/**< Something received is not yet acked. */
	fsctp_time_t deadline;	/**< Delayed SACK deadline when pending. */
	uint32_t last_adv_rwnd; /**< a_rwnd of the last SACK written. */
	struct fsctp_tsnmap_stats stats;
	/** One bit per TSN of the window above cum_tsn (window / 8 bytes),
	 * allocated at the first TSN that arrives above a gap (RFC 9260
	 * 6.7): NULL while everything arrived in sequence, as on an idle
	 * association. */
	uint64_t *bits;
};

/**
 * Set up a map.
 * @return 0, or -EINVAL for a NULL argument, a window that is not a power
 *   of two or too large, a sack_delay above 500 ms (RFC 9260 6.2) or
 *   max_dups too large.
 */
int fsctp_tsnmap_init(struct fsctp_tsnmap *m,
		      const struct fsctp_tsnmap_config *cfg);

/** Free the gap bitmap (a map from fsctp_tsnmap_init(), or zeroed). */
void fsctp_tsnmap_fini(struct fsctp_tsnmap *m);

/**
 * Classify a received TSN. A duplicate is recorded (for the next SACK's
 * Duplicate TSN list, RFC 9260 6.2) and makes the next SACK immediate.
 * The first new TSN above a gap allocates the gap bitmap; when that fails
 * the TSN is FSCTP_TSN_OUT_OF_WINDOW (dropped unacknowledged, counted in
 * stats.n_nomem; the peer sends it again).
 */
enum fsctp_tsn_class fsctp_tsnmap_check(struct fsctp_tsnmap *m, uint32_t tsn);

/**
 * Record a TSN as received. Call only for a TSN that fsctp_tsnmap_check()
 * classified FSCTP_TSN_NEW and whose chunk was accepted.
 * @return 0, -EINVAL if the TSN is not new, -ENOMEM when it lies above a
 *   gap and the gap bitmap could not be allocated (not recorded).
 */
int fsctp_tsnmap_mark(struct fsctp_tsnmap *m, uint32_t tsn);

/**
 * A new DATA chunk of this packet was dropped (reassembly had no room, or
 * the window was 0). RFC 9260 6.2: the receiver then MUST send a SACK at
 * once, showing only what it accepted; fsctp_tsnmap_packet_done() says
 * FSCTP_SACK_NOW.
 */
void fsctp_tsnmap_dropped(struct fsctp_tsnmap *m);

/**
 * RFC 9260 6.2: the chunk of TSN tsn, received above the Cumulative TSN,
 * was dropped from reassembly to make room for a lower one (the window
 * was full): it is reported received no more (reneged), and the highest
 * TSN received is lowered when it was that one.
 * @return 0, or -EINVAL when tsn is not marked above the cum TSN.
 */
int fsctp_tsnmap_unmark(struct fsctp_tsnmap *m, uint32_t tsn);

/**
 * RFC 3758 3.6: a FORWARD TSN with new_cum arrived. When new_cum is ahead
 * of the Cumulative TSN, the cum TSN moves to it (the TSNs skipped count as
 * received, the gap bits below it are cleared) and then on over TSNs
 * received just above it. Either way the packet's SACK goes at once
 * (fsctp_tsnmap_packet_done() says FSCTP_SACK_NOW): a stale FORWARD TSN
 * may mean our last SACK was lost.
 * @return 0 when the cum TSN moved, 1 when new_cum was not ahead (stale).
 */
int fsctp_tsnmap_forward(struct fsctp_tsnmap *m, uint32_t new_cum);

/**
 * End of the DATA chunks of one packet: decide the SACK (RFC 9260 6.2,
 * 6.7).
 * @param i_bit a DATA chunk of the packet had the I bit (RFC 7053).
 * @param deadline set to the delayed SACK deadline for FSCTP_SACK_DELAYED.
 * @return the action; FSCTP_SACK_NONE if the packet had no DATA.
 */
enum fsctp_sack_action fsctp_tsnmap_packet_done(struct fsctp_tsnmap *m,
						bool i_bit, fsctp_time_t now,
						fsctp_time_t *deadline);

/**
 * List the gap ack blocks, lowest first.
 * @return the number written to out (at most max); fewer than exist when
 *   out is too small.
 */
uint16_t fsctp_tsnmap_gaps(const struct fsctp_tsnmap *m,
			   struct fsctp_sack_gap *out, uint16_t max);

/** @return the number of gap ack blocks the map holds now. */
uint16_t fsctp_tsnmap_gap_count(const struct fsctp_tsnmap *m);

/**
 * Append a SACK chunk (RFC 9260 3.3.4) to w, at most max_len bytes long:
 * as many gap blocks (lowest first) and then duplicate TSNs as fit. The
 * duplicate list and the pending state are cleared (the caller stops the
 * delayed SACK timer).
 * @return 0, or -ENOSPC when not even the fixed part fits (nothing is
 *   cleared then), -EINVAL for NULL arguments.
 */
int fsctp_tsnmap_write_sack(struct fsctp_tsnmap *m, struct fsctp_wbuf *w,
			    uint32_t a_rwnd, size_t max_len);

/**
 * Record that a SACK advertising a_rwnd was sent by other means than
 * fsctp_tsnmap_write_sack(); clears the duplicates and the pending state.
 */
void fsctp_tsnmap_sack_sent(struct fsctp_tsnmap *m, uint32_t a_rwnd);

/**
 * The receive window changed (the application freed data). RFC 9260 6.2:
 * when the advertised window was closed (below threshold) and has now
 * opened to at least threshold, a window update SACK should go at once.
 * Pass threshold = min(MTU, rwnd / 2) (receiver SWS avoidance).
 * @return true if a SACK should be sent now.
 */
bool fsctp_tsnmap_window_update(const struct fsctp_tsnmap *m, uint32_t a_rwnd,
				uint32_t threshold);

/** @return the Cumulative TSN Ack point. */
static inline uint32_t
fsctp_tsnmap_cum_tsn(const struct fsctp_tsnmap *m)
{
	return m->cum_tsn;
}

/** @return the highest TSN received (cum TSN when nothing is above it). */
static inline uint32_t
fsctp_tsnmap_highest(const struct fsctp_tsnmap *m)
{
	return m->highest_tsn;
}

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_TSNMAP_H */
