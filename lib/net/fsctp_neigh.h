/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * A bounded neighbour table for ARP (RFC 826) and IPv6 ND (RFC 4861
 * section 7.3), with resolution and a bounded queue of packets waiting for
 * it. Time is passed in (microseconds); nothing here reads a clock.
 *
 * Entry life: INCOMPLETE (probing, packets queued) -> REACHABLE (answer
 * seen) -> after reachable_us, STALE (still used, the next use re-probes)
 * -> an answer makes it REACHABLE again; max_probes unanswered probes on an
 * INCOMPLETE entry drop its queue and free it.
 *
 * Queued packets are opaque pointers owned by the table until handed back
 * through fsctp_neigh_ops.send (resolved) or .drop (failed, flushed).
 */
#ifndef FSCTP_NEIGH_H
#define FSCTP_NEIGH_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most packets one entry may queue (the config may ask for fewer). */
#define FSCTP_NEIGH_PENDING_MAX 4096

/** Limits and timers of a neighbour table. */
struct fsctp_neigh_config {
	uint32_t max_entries; /**< Table size, >= 1. */
	/** Packets queued per entry, 1..FSCTP_NEIGH_PENDING_MAX; the queue
	 * grows on demand (default FSCTP_NEIGH_PENDING_MAX, as many as the
	 * table-wide bound: a handshake burst to one peer, e.g. 1,000 INITs
	 * sent before its address is resolved, is queued whole). */
	uint32_t max_pending;
	/** Packets queued in all entries together, >= 1 (default 4096). */
	uint32_t max_pending_total;
	/** Entries resolving (INCOMPLETE) at once; 0 or more than
	 * max_entries means max_entries (default 64). */
	uint32_t max_incomplete;
	uint32_t max_probes;   /**< Unanswered probes before failure. */
	uint64_t retrans_us;   /**< Probe interval (RFC 4861 RetransTimer). */
	uint64_t reachable_us; /**< Reachable time (RFC 4861). */
};

/** Counters; every limit has one. */
struct fsctp_neigh_stats {
	uint64_t lookups;	  /**< fsctp_neigh_resolve() calls. */
	uint64_t hits;		  /**< Resolved immediately. */
	uint64_t probes;	  /**< Probes asked of ops.probe. */
	uint64_t queued;	  /**< Packets queued waiting. */
	uint64_t queue_full;	  /**< Packets refused: entry queue full. */
	uint64_t table_full;	  /**< Resolutions refused: no free entry. */
	uint64_t failed;	  /**< Entries that never resolved. */
	uint64_t dropped;	  /**< Queued packets dropped on failure. */
	uint64_t released;	  /**< Queued packets sent on resolution. */
	uint64_t updates;	  /**< Addresses learnt or confirmed. */
	uint64_t evictions;	  /**< Resolved entries evicted for room (least
				  recently used first). */
	uint64_t incomplete_full; /**< Resolutions refused: too many
					  entries resolving already. */
	uint64_t pending_total_full; /**< Packets refused: the table's
					  max_pending_total reached. */
	uint64_t queue_nomem;	     /**< Packets refused: no memory. */
	uint64_t override_ignored;   /**< NA with O clear and a different
					  link-layer address (RFC 4861
					  7.2.5): kept the old one. */
};

/** Callbacks the owner supplies. */
struct fsctp_neigh_ops {
	/** Send a probe (ARP request / NS) for ip; mac is the last known
	 * address for a unicast re-probe, or NULL for a broadcast one. */
	void (*probe)(void *ctx, uint8_t family, const uint8_t *ip,
		      const uint8_t *mac);
	/** A queued packet is resolved: send it to mac. */
	void (*send)(void *ctx, void *pkt, const uint8_t *mac);
	/** A queued packet cannot be sent: free it. */
	void (*drop)(void *ctx, void *pkt);
	void *ctx; /**< Passed to every callback. */
};

struct fsctp_neigh_table;

/** Fill cfg with defaults: 256 entries, 4096 queued per entry and 4096 in
 * all, 64 resolving, 3 probes, 1 s, 30 s. */
void fsctp_neigh_config_defaults(struct fsctp_neigh_config *cfg);

/**
 * Create a table.
 * @return the table, or NULL with errno EINVAL (bad config) or ENOMEM.
 */
struct fsctp_neigh_table *
fsctp_neigh_create(const struct fsctp_neigh_config *cfg,
		   const struct fsctp_neigh_ops *ops);

/** Free a table; packets still queued go to ops.drop. */
void fsctp_neigh_free(struct fsctp_neigh_table *t);

/**
 * Resolve ip for a packet about to be sent.
 * @param pkt the packet, queued if the address is not known yet (may be
 *   NULL to only start resolution).
 * @return 0 with mac filled in (pkt not taken), 1 when pkt was queued (or
 *   resolution started), -ENOBUFS when the entry's queue is full or
 *   -ENOSPC when the table is full (pkt not taken: the caller frees it).
 */
int fsctp_neigh_resolve(struct fsctp_neigh_table *t, uint8_t family,
			const uint8_t *ip, void *pkt, fsctp_time_t now,
			uint8_t *mac);

/**
 * Learn or confirm ip -> mac (ARP reply or request for us, NA, NS with a
 * source LLA). Queued packets for ip are released through ops.send.
 * @param create add an entry if none exists (false: only update one).
 * @return 0, or -ENOSPC when create was asked and the table is full.
 */
int fsctp_neigh_update(struct fsctp_neigh_table *t, uint8_t family,
		       const uint8_t *ip, const uint8_t *mac, bool create,
		       fsctp_time_t now);

/**
 * Apply a Neighbor Advertisement for ip (IPv6) by the rules of RFC 4861
 * section 7.2.5: no entry, nothing; INCOMPLETE, learn mac (REACHABLE if
 * solicited, else STALE) and release the queue; otherwise a different
 * mac replaces ours only with the override flag (else a REACHABLE entry
 * turns STALE), and a solicited one confirms reachability.
 * @param mac the target link-layer address option, or NULL.
 * @return 0, or -EINVAL.
 */
int fsctp_neigh_advert(struct fsctp_neigh_table *t, const uint8_t *ip,
		       const uint8_t *mac, bool solicited, bool override,
		       fsctp_time_t now);

/** Run probe retransmissions and failures due at now. */
void fsctp_neigh_timers(struct fsctp_neigh_table *t, fsctp_time_t now);

/** @return the counters. */
const struct fsctp_neigh_stats *
fsctp_neigh_stats(const struct fsctp_neigh_table *t);

/** @return entries in use. */
uint32_t fsctp_neigh_count(const struct fsctp_neigh_table *t);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_NEIGH_H */
