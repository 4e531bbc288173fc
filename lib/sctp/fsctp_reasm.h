/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Inbound streams: ordering and reassembly (RFC 9260 6.5, 6.6, 6.9) and the
 * receive window the association advertises (RFC 9260 6.2).
 *
 * Each accepted DATA chunk goes through fsctp_reasm_add(). Unfragmented
 * unordered messages are delivered at once; ordered ones when their SSN is
 * the stream's next expected SSN (RFC 9260 6.5, 6.6); fragments (B and E
 * bits, RFC 9260 6.9) are held until every TSN from the B fragment to the E
 * fragment is present and are then joined into one message. A message is
 * handed to fsctp_reasm_config.deliver; the receiver owns it, gives its
 * data back (fsctp_reasm_msg_buf_free(), or the reference, below) and calls
 * fsctp_reasm_credit()
 * with its length when the application is done with it.
 *
 * Zero copy (cfg.ref_hold): a chunk that comes with a reference to the
 * packet it lies in (fsctp_reasm_chunk.ref) is kept where it lies, the
 * packet held by one reference per chunk, instead of being copied. An
 * unfragmented message is delivered in place (fsctp_reasm_msg.ref); the
 * fragments of a larger message are copied once, into the message, when
 * it is joined, and their references given back (cfg.ref_put). When the
 * owner refuses a reference (its budget of held packets is spent) the
 * chunk is copied as without one.
 *
 * Memory policy (per association and across associations):
 *  1. Every byte held here (fragments, messages waiting for their SSN) and
 *     every byte delivered but not yet credited back is subtracted from the
 *     advertised window: a_rwnd = rwnd - held - undelivered-unfreed, never
 *     below 0 (fsctp_reasm_rwnd()). A conforming peer therefore slows down
 *     before any limit is reached.
 *  2. A chunk that does not fit - what it really costs (its bytes plus
 *     fsctp_reasm_chunk_overhead for its descriptor, hash slots and
 *     allocator header) would take the memory held above
 *     fsctp_reasm_config.limit, the shared fsctp_reasm_global's held memory
 *     above its limit, or no chunk descriptor is free - is dropped and
 *     counted (n_drop_assoc_limit, n_drop_global_limit, n_drop_pool). The
 *     result is FSCTP_REASM_DROPPED: the caller must NOT mark its TSN as
 *     received, so it is not acknowledged and the peer retransmits it.
 *  3. RFC 9260 6.2: while the advertised window is 0, a chunk whose TSN is
 *     above the highest TSN received is dropped the same way (the caller
 *     says so with the beyond_highest argument).
 *  No data is ever reneged (dropped after having been acknowledged).
 *  Without partial delivery (cfg.pd_point 0) a message must fit whole
 *  within the limits, so limit must be at least the largest message the
 *  peer may send (the per-association limit defaults to rwnd plus the
 *  overhead of max_chunks chunks, so that a peer that keeps within the
 *  advertised window never meets it). With it (RFC 9260 6.9, RFC 6458
 *  8.1.21; DATA and I-DATA) a message that may be delivered now goes in
 *  pieces of at least cfg.pd_point bytes and its fragments are freed:
 *  held memory stays near the point, the pieces count as undelivered
 *  until credited, so a peer that sends a message without end meets the
 *  window. cfg.frag_interleave (RFC 6458 8.1.20) says whether other
 *  messages may be delivered between the pieces.
 *
 * Cost (issue of quadratic reassembly): inserting a fragment, joining a
 * message and delivering a stream's next message are O(1) expected per
 * chunk whatever the arrival order (keyed hash by TSN and by (stream,
 * SSN), fragment runs that know their ends); fsctp_reasm_forward() is
 * O(descriptors in use).
 *
 * Single-threaded. The global struct is shared by the associations of one
 * stack (one thread), so it needs no lock.
 */
#ifndef FSCTP_REASM_H
#define FSCTP_REASM_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_objcache.h"
#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Memory one held chunk costs besides its payload (descriptor, hash
 * slots, allocator header); counted against the limits. */
extern const uint32_t fsctp_reasm_chunk_overhead;

/** Memory held by reassembly across the associations of one stack. */
struct fsctp_reasm_global {
	uint64_t limit;	      /**< Bytes all associations may hold. */
	uint64_t held;	      /**< Memory held now (payload + overhead). */
	uint64_t n_limit_hit; /**< Chunks dropped at this limit. */
};

/** A reassembled message, as handed to the deliver callback. */
struct fsctp_reasm_msg {
	uint16_t sid;
	uint16_t ssn;  /**< 0 meaningless for unordered messages. */
	uint32_t mid;  /**< I-DATA: Message Identifier (else the SSN). */
	uint32_t ppid; /**< Host order. */
	uint32_t tsn;  /**< TSN of the first fragment. */
	bool unordered;
	/** A piece of a message under partial delivery (cfg.pd_point):
	 * more of it follows; the last piece has false. */
	bool more;
	uint32_t len;
	/** The callee owns it (see ref). */
	uint8_t *data;
	/** Zero copy: the packet data lies in (a reference the callee now
	 * holds), or NULL when data is a buffer of its own. */
	void *ref;
};

/** One received DATA chunk, as decoded from the wire (host order). */
struct fsctp_reasm_chunk {
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
	uint8_t flags; /**< FSCTP_DATA_FLAG_B/E/U. */
	const uint8_t *data;
	uint32_t len;
	/** The packet data lies in, for cfg.ref_hold (zero copy), or NULL:
	 * data is copied. */
	void *ref;
};

/** Parameters of one association's reassembly. */
struct fsctp_reasm_config {
	uint16_t n_in_streams; /**< Negotiated inbound streams, >= 1. */
	uint32_t rwnd;	       /**< Configured receive window, bytes. */
	uint32_t limit;	       /**< Memory held at most (payload plus
				* fsctp_reasm_chunk_overhead per chunk);
				* 0 means rwnd plus the overhead of
				* max_chunks chunks. */
	uint32_t max_chunks;   /**< Chunk descriptors; 0 means 4096. */
	/** Secret for the lookup hash (random per association), so that a
	 * peer cannot choose TSNs or SSNs that collide. */
	uint64_t hash_key;
	/** Receives each complete message (must not call back into this
	 * reassembly except fsctp_reasm_credit()). */
	void (*deliver)(void *ctx, const struct fsctp_reasm_msg *msg);
	void *ctx;
	/** Partial delivery point (RFC 6458 8.1.21; RFC 9260 6.9): a
	 * message that may be delivered now (unordered, or next on its
	 * stream) with at least this many contiguous bytes received from
	 * its first fragment is handed over in pieces
	 * (fsctp_reasm_msg.more), each of at least this much but the last.
	 * 0: whole messages only. */
	uint32_t pd_point;
	/** RFC 6458 8.1.20 fragment interleave level: 0 or 1, while a
	 * message is partly delivered nothing else of the association is
	 * delivered (other messages are held, counted in the window and
	 * the limits); 2, messages of other streams (and unordered ones)
	 * may be delivered between its pieces. Within one association 0
	 * and 1 are the same. */
	uint8_t frag_interleave;
	/** A message partly delivered was given up (FORWARD TSN,
	 * I-FORWARD-TSN, a stream or SSN/TSN reset, or
	 * fsctp_reasm_pd_abort_all()); may be NULL. mid is the SSN for
	 * DATA. */
	void (*pd_aborted)(void *ctx, uint16_t sid, bool unordered,
			   uint32_t mid, uint32_t ppid);
	/** Blocks for delivered messages that fit one (the stack's cache,
	 * one thread); NULL: malloc alone. A delivered buffer of len <=
	 * cache->size is such a block (fsctp_reasm_msg_buf_free()). */
	struct fsctp_objcache *cache;
	/** Zero copy: take one more reference on a chunk's packet (ctx is
	 * cfg.ctx); false to have the chunk copied. NULL: always copied. */
	bool (*ref_hold)(void *ctx, void *ref);
	/** Give back a reference ref_hold took. */
	void (*ref_put)(void *ctx, void *ref);
};

/** Outcome of fsctp_reasm_add(). */
enum fsctp_reasm_result {
	/** Accepted (held or delivered): mark the TSN received. */
	FSCTP_REASM_OK = 0,
	/** Not kept for lack of memory or window: do NOT mark the TSN. */
	FSCTP_REASM_DROPPED = 1,
	/** RFC 9260 6.5: stream id >= inbound streams. Mark the TSN (it is
	 * acknowledged) and send an ERROR with Invalid Stream Identifier. */
	FSCTP_REASM_INVALID_STREAM = 2,
	/** RFC 9260 6.2: DATA without user data. ABORT the association
	 * with the No User Data cause. */
	FSCTP_REASM_NO_USER_DATA = 3,
	/** Malformed fragment sequence (e.g. a TSN held already). Do not
	 * mark the TSN. */
	FSCTP_REASM_BAD = 4,
};

/** Counters. */
struct fsctp_reasm_stats {
	uint64_t n_msgs;	      /**< Messages delivered. */
	uint64_t n_bytes;	      /**< Bytes delivered. */
	uint64_t n_drop_assoc_limit;  /**< Dropped: association limit. */
	uint64_t n_drop_global_limit; /**< Dropped: global limit. */
	uint64_t n_drop_pool;	      /**< Dropped: no descriptor free. */
	uint64_t n_drop_zero_window;  /**< Dropped: window 0 (RFC 9260 6.2). */
	uint64_t n_drop_nomem;	      /**< Dropped: malloc failed. */
	uint64_t n_invalid_stream;    /**< DATA on a stream not negotiated. */
	uint64_t n_bad;		      /**< Bad fragment sequence. */
	uint64_t n_steps;	/**< Hash probes and walk steps: the work done,
			   * for complexity tests. */
	uint64_t n_fwd_dropped; /**< Fragments dropped by FORWARD TSN. */
	uint64_t n_evicted;	/**< Chunks dropped for a lower TSN (6.2). */
	uint64_t n_fwd_skipped; /**< Stream SSNs moved by FORWARD TSN. */
	uint64_t n_fwd_bad_stream; /**< FORWARD TSN entries for streams
				       * not negotiated. */
	uint64_t n_pd_started;	   /**< Messages delivered in pieces. */
	uint64_t n_pd_pieces;	   /**< Pieces before the last. */
	uint64_t n_pd_aborted;	   /**< Partial deliveries given up. */
};

/** One received I-DATA chunk (RFC 8260 2.1), host order. */
struct fsctp_reasm_ichunk {
	uint32_t tsn;
	uint16_t sid;
	uint32_t mid;
	uint32_t fsn;  /**< 0 for the B fragment. */
	uint32_t ppid; /**< Meaningful with B only. */
	uint8_t flags; /**< FSCTP_DATA_FLAG_B/E/U. */
	const uint8_t *data;
	uint32_t len;
	void *ref; /**< As fsctp_reasm_chunk.ref. */
};

struct fsctp_reasm_ent;
struct fsctp_reasm_idata;

/** One association's inbound streams. */
struct fsctp_reasm {
	struct fsctp_reasm_config cfg;
	struct fsctp_reasm_global *global;
	uint16_t *next_ssn;	      /**< Per stream: next SSN to deliver. */
	uint16_t *n_waiting;	      /**< Per stream: messages waiting. */
	struct fsctp_reasm_ent *pool; /**< pool_cap entries, grows. */
	uint32_t pool_cap;
	uint32_t free_head; /**< Free descriptors given back, linked. */
	uint32_t n_used;    /**< Descriptors [0, n_used) were handed out. */
	uint32_t n_free;
	uint32_t *htab;	    /**< Descriptor index by key (NIL = empty). */
	uint32_t hmask;	    /**< Slots - 1 (a power of two). */
	uint32_t wait_head; /**< Complete ordered messages waiting. */
	/** Complete messages held back by a partial delivery (RFC 6458
	 * 8.1.20 levels 0 and 1), oldest first. */
	uint32_t held_head, held_tail;
	/** Messages under partial delivery now (at most 1 at levels 0 and
	 * 1). */
	uint32_t pd_busy;
	uint32_t held;	      /**< Payload bytes held here (the window). */
	uint64_t held_mem;    /**< Memory held here (the limits). */
	uint32_t undelivered; /**< Bytes delivered, not yet credited. */
	/** I-DATA messages in progress (RFC 8260), made by the first
	 * fsctp_reasm_iadd(); NULL before. */
	struct fsctp_reasm_idata *idata;
	struct fsctp_reasm_stats stats;
};

/**
 * Set up an association's inbound streams. global may be NULL (no global
 * limit); else it must outlive r.
 * @return 0, -EINVAL (NULL, zero streams, no deliver callback) or -ENOMEM.
 */
int fsctp_reasm_init(struct fsctp_reasm *r,
		     const struct fsctp_reasm_config *cfg,
		     struct fsctp_reasm_global *global);

/** Free everything held (the global counter is credited). */
void fsctp_reasm_fini(struct fsctp_reasm *r);

/**
 * Process one new DATA chunk (its TSN classified FSCTP_TSN_NEW). The data
 * is copied. May call deliver zero or more times before returning.
 * @param beyond_highest the TSN is above the highest TSN received so far.
 * @return an enum fsctp_reasm_result.
 */
enum fsctp_reasm_result fsctp_reasm_add(struct fsctp_reasm *r,
					const struct fsctp_reasm_chunk *c,
					bool beyond_highest);

/**
 * RFC 3758 3.6: a FORWARD TSN moved the cumulative TSN to new_cum: every
 * held fragment with a TSN at or below it belongs to an abandoned message
 * and is dropped; a message partly delivered whose last piece is at or
 * below it is reported to cfg.pd_aborted (RFC 6458 6.1.7) and what it
 * held back is delivered. Call before fsctp_reasm_skip().
 * @return the number of fragments dropped.
 */
uint32_t fsctp_reasm_forward(struct fsctp_reasm *r, uint32_t new_cum);

/**
 * RFC 3758 3.6: a FORWARD TSN lists (sid, ssn): the complete ordered
 * messages of stream sid with an SSN up to ssn that wait for their turn are
 * delivered, the stream's next expected SSN becomes ssn + 1 (unless it is
 * past it already), and what then follows in sequence is delivered.
 * @return 0, or -EINVAL when sid is not a negotiated stream (counted).
 */
int fsctp_reasm_skip(struct fsctp_reasm *r, uint16_t sid, uint16_t ssn);

/**
 * Process one new I-DATA chunk (RFC 8260 2.1; its TSN classified
 * FSCTP_TSN_NEW). Fragments are kept by (stream, U, MID) and ordered by
 * FSN, so fragments of many messages may arrive interleaved; a complete
 * message is delivered at once when unordered, else when its MID is the
 * stream's next ordered MID (RFC 8260 2.1, RFC 9260 6.5). The same
 * window, limits and counters as fsctp_reasm_add() apply. O(1) expected
 * per chunk (keyed hash by (stream, U, MID), fragments indexed by FSN);
 * a message has at most max_chunks fragments.
 * @return an enum fsctp_reasm_result (BAD: a duplicate FSN, an FSN past
 *   the E fragment's, an ordered MID already delivered).
 */
enum fsctp_reasm_result fsctp_reasm_iadd(struct fsctp_reasm *r,
					 const struct fsctp_reasm_ichunk *c,
					 bool beyond_highest);

/**
 * RFC 8260 2.3.2: one I-FORWARD-TSN entry. Ordered (unordered false): the
 * partial messages of stream sid with a MID up to mid are dropped, the
 * complete ones up to it delivered, the stream's next MID becomes mid + 1
 * (unless past it) and what follows in sequence is delivered. Unordered:
 * the partial message (sid, U, mid) is dropped. O(messages in progress).
 * @return the fragments dropped, or -EINVAL when sid is not a negotiated
 *   stream (counted in n_fwd_bad_stream).
 */
int fsctp_reasm_iskip(struct fsctp_reasm *r, uint16_t sid, bool unordered,
		      uint32_t mid);

/**
 * The association ends: every message partly delivered (DATA or I-DATA)
 * is reported to cfg.pd_aborted (RFC 6458 6.1.7
 * SCTP_PARTIAL_DELIVERY_ABORTED); fsctp_reasm_fini() frees it.
 */
void fsctp_reasm_pd_abort_all(struct fsctp_reasm *r);

/** Called by fsctp_reasm_evict_highest() for each TSN it drops. */
typedef void (*fsctp_reasm_evict_cb)(void *ctx, uint32_t tsn);

/**
 * RFC 9260 6.2: with the window full, a new chunk of TSN tsn below the
 * highest TSN received may be kept by dropping what is held with the
 * highest TSN: the held fragment or waiting message with the highest TSN,
 * provided all its TSNs are above tsn, is freed and each of its TSNs
 * handed to cb (the caller reports them received no more, reneging them
 * in its next SACK). The caller then retries fsctp_reasm_add().
 * O(descriptors in use).
 * @return the number of TSNs dropped (0: nothing above tsn is held).
 */
uint32_t fsctp_reasm_evict_highest(struct fsctp_reasm *r, uint32_t tsn,
				   fsctp_reasm_evict_cb cb, void *ctx);

/**
 * The application freed len bytes of delivered messages: they count
 * against the window no more.
 */
static inline void
fsctp_reasm_credit(struct fsctp_reasm *r, uint32_t len)
{
	r->undelivered -= len < r->undelivered ? len : r->undelivered;
}

/** @return the window to advertise (a_rwnd), RFC 9260 6.2. Inline: it
 * runs for every DATA chunk and every message freed. */
static inline uint32_t
fsctp_reasm_rwnd(const struct fsctp_reasm *r)
{
	uint64_t used = (uint64_t)r->held + r->undelivered;

	/* RFC 9260 6.2: a_rwnd is the buffer space left. */
	return used >= r->cfg.rwnd ? 0 : r->cfg.rwnd - (uint32_t)used;
}

/** @return the bytes held in reassembly and ordering queues. */
static inline uint32_t
fsctp_reasm_held(const struct fsctp_reasm *r)
{
	return r->held;
}

/** @return the memory those held chunks really take (overhead included). */
static inline uint64_t
fsctp_reasm_held_mem(const struct fsctp_reasm *r)
{
	return r->held_mem;
}

/**
 * RFC 6525 5.2.2, 5.2.4: the next expected SSN of the listed inbound
 * streams (all when n is 0) starts again at 0; complete messages already
 * waiting with the new numbering are delivered. A message of those
 * streams partly delivered is reported aborted (RFC 6458 6.1.7).
 * @return 0, or -EINVAL for a stream >= n_in_streams (nothing changed).
 */
int fsctp_reasm_reset_ssn(struct fsctp_reasm *r, const uint16_t *sids,
			  uint16_t n);

/**
 * RFC 6525 5.2.5: add n inbound streams (next SSN 0).
 * @return 0, -EINVAL (the total would pass 65535) or -ENOMEM (unchanged).
 */
int fsctp_reasm_add_streams(struct fsctp_reasm *r, uint16_t n);

/**
 * Give back the buffer of a delivered message (fsctp_reasm_msg.data, len
 * bytes): to cache when it is one of its blocks, else to free().
 * Another thread than the cache's must use free() (always valid).
 */
void fsctp_reasm_msg_buf_free(struct fsctp_objcache *cache, void *data,
			      uint32_t len);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_REASM_H */
