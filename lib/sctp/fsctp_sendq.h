/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Send side of one association (RFC 9260 6.1, 6.2.1, 6.3.2, 6.3.3, 7.2.4):
 * the send buffer, outbound stream sequence numbers, fragmentation, TSN
 * assignment, the retransmission queue and SACK processing.
 *
 * Life of a message: fsctp_sendq_push() copies it into the send buffer
 * (unsent queue, FIFO across streams); fsctp_sendq_push_zc() queues a
 * reference to the caller's buffer instead and gives it back when the
 * message is freed. fsctp_sendq_next_packet() carves it
 * into chunks of at most max_frag bytes when they are first sent, which is
 * when they get their TSN (and the message its SSN). A sent chunk sits in
 * the outstanding queue - a ring indexed by TSN - until the Cumulative TSN
 * Ack passes it; the message is freed when all its chunks have been.
 *
 * Calls the association makes:
 *  - fsctp_sendq_push() for each user send;
 *  - fsctp_sendq_next_packet() (repeatedly, one packet each, until it
 *    returns 0) whenever it may transmit: after a send, a SACK, a timeout;
 *    encode each returned chunk with fsctp_sendq_write_data(); start the
 *    path's T3-rtx timer if it is not running (RFC 9260 6.3.2 R1);
 *  - fsctp_sendq_sack() for each SACK chunk received, then act on the
 *    result (ABORT on a violation, RTT sample to the RTO estimator, cc
 *    on_fast_retransmit per path in fast_rtx_paths, cc on_ack per path,
 *    T3 restart/stop per path, WRITABLE and SENDER_DRY events);
 *  - fsctp_sendq_t3_expired() when a path's T3-rtx timer expires;
 *  - fsctp_sendq_abandon() when the association fails (SEND_FAILED);
 *  - with PR-SCTP negotiated (cfg.pr_enabled), fsctp_sendq_fwd_tsn() after
 *    a SACK and on T3-rtx expiry: when it returns true, send the FORWARD
 *    TSN it describes (RFC 3758 3.5 C).
 *
 * PR-SCTP (RFC 3758 3.5, RFC 7496): a message with a policy is abandoned
 * - TTL: when its lifetime has passed before it is (re)transmitted;
 * - RTX: when a chunk of it would be retransmitted more than pr_value times;
 * - PRIO: when a message of a higher priority (a lower pr_value) finds the
 *   send buffer full: queued PRIO messages of lower priority not yet sent
 *   at all are dropped until it fits.
 * Each abandoned message is reported once to cfg.pr_failed (SEND_FAILED)
 * and counted per policy and per stream (fsctp_sendq_pr_stats). Its chunks
 * in flight leave the flight size and are never sent again; the
 * Advanced.Peer.Ack.Point moves over them.
 *
 * I-DATA (RFC 8260, cfg.idata): messages are cut into I-DATA chunks that
 * carry a Message Identifier per stream (ordered and unordered messages
 * count separately, 2.1) and a Fragment Sequence Number; the FORWARD TSN
 * becomes an I-FORWARD-TSN listing (stream, U, MID) (2.3.1).
 */
#ifndef FSCTP_SENDQ_H
#define FSCTP_SENDQ_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_chunk.h" /* FSCTP_DATA_HDR_LEN */
#include "fsctp_objcache.h"
#include "fsctp_sched.h"
#include "fsctp_tsnmap.h"
#include "fsctp_types.h"
#include "fsctp_wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Number of paths (destination addresses) a send queue tells apart. */
#define FSCTP_SENDQ_MAX_PATHS 8

/** Messages up to this many bytes take a block of the stack's cache. */
#define FSCTP_SENDQ_CACHE_PAYLOAD 256u
/** Default largest user message. */
#define FSCTP_SENDQ_DEFAULT_MAX_MSG (256u * 1024u)

/** PR-SCTP policies (RFC 7496 section 3), in fsctp_sendq_msginfo. */
enum fsctp_sendq_pr {
	FSCTP_SENDQ_PR_NONE = 0, /**< Reliable. */
	FSCTP_SENDQ_PR_TTL = 1,	 /**< Lifetime of pr_value ms (RFC 3758). */
	FSCTP_SENDQ_PR_RTX = 2,	 /**< At most pr_value retransmissions. */
	FSCTP_SENDQ_PR_PRIO = 3, /**< Priority pr_value (0 highest). */
	FSCTP_SENDQ_PR_N = 4,
};

struct fsctp_sendq_msginfo;

/** Called once per message abandoned by a PR-SCTP policy (sent = some of
 * it went on the wire). data is valid during the call. */
typedef void (*fsctp_sendq_failed_cb)(void *ctx,
				      const struct fsctp_sendq_msginfo *info,
				      const uint8_t *data, uint32_t len,
				      bool sent);

/** Parameters of a send queue. */
struct fsctp_sendq_config {
	uint32_t sndbuf;	/**< Bytes of user data held at most. */
	uint32_t max_msg_size;	/**< Largest message; 0 = 256 KiB. */
	uint16_t n_out_streams; /**< Negotiated outbound streams, >= 1. */
	uint32_t initial_tsn;	/**< Our Initial TSN. */
	uint32_t peer_rwnd;	/**< The peer's a_rwnd from INIT/INIT ACK. */
	/** Chunks outstanding at most: a power of two; 0 = 4096. */
	uint32_t max_outstanding;
	uint32_t max_burst; /**< Max.Burst packets of new data; 0 = 4. */
	bool nodelay;	    /**< No Nagle-like coalescing. */
	/** PR-SCTP negotiated (RFC 3758 3.3): policies apply. Without it
	 * every message is sent reliably (RFC 7496 section 3). */
	bool pr_enabled;
	/** RFC 8260 negotiated: I-DATA chunks (MID, FSN) instead of DATA. */
	bool idata;
	fsctp_sendq_failed_cb pr_failed; /**< Abandoned by policy; may be
					  * NULL. */
	void *pr_ctx;			 /**< For pr_failed. */
	/** Message blocks shared by the stack's queues (one thread), set
	 * up by fsctp_sendq_cache_init(); NULL: malloc alone. */
	struct fsctp_objcache *cache;
};

/** Per-message parameters (RFC 6458 sndinfo). */
struct fsctp_sendq_msginfo {
	uint16_t sid;
	uint32_t ppid; /**< Host order. */
	bool unordered;
	bool sack_immediately; /**< I bit on the last fragment (RFC 7053). */
	uint64_t context;      /**< Returned by fsctp_sendq_abandon(). */
	uint32_t lifetime_ms;  /**< TTL in ms when pr_policy is NONE and
				* this is not 0 (RFC 3758 timed reliability). */
	uint8_t pr_policy;     /**< enum fsctp_sendq_pr. */
	uint32_t pr_value;     /**< TTL ms, retransmissions or priority. */
};

/** A FORWARD TSN to send (RFC 3758 3.2), from fsctp_sendq_fwd_tsn(). */
#define FSCTP_SENDQ_FWD_MAX_STREAMS 64
struct fsctp_sendq_fwd {
	uint32_t new_cum_tsn; /**< The Advanced.Peer.Ack.Point. */
	uint16_t n_streams;
	/** (stream, highest skipped SSN) of ordered abandoned messages. */
	uint16_t streams[FSCTP_SENDQ_FWD_MAX_STREAMS][2];
	/** I-DATA (RFC 8260 2.3.1): (stream, U, highest skipped MID) per
	 * stream and kind of message; an I-FORWARD-TSN is sent instead. */
	uint16_t n_ient;
	struct fsctp_ifwd_entry ient[FSCTP_SENDQ_FWD_MAX_STREAMS];
};

/** Abandoned messages (RFC 7496 section 4 SCTP_PR_*_STATUS). */
struct fsctp_sendq_pr_stats {
	uint64_t abandoned_sent[FSCTP_SENDQ_PR_N];   /**< Some part sent. */
	uint64_t abandoned_unsent[FSCTP_SENDQ_PR_N]; /**< Never sent. */
};

/** One chunk to put in a packet, from fsctp_sendq_next_packet(). */
struct fsctp_sendq_chunk_out {
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
	uint32_t mid;  /**< I-DATA: Message Identifier (RFC 8260 2.1). */
	uint32_t fsn;  /**< I-DATA: Fragment Sequence Number. */
	bool idata;    /**< Encode as I-DATA. */
	uint8_t flags; /**< FSCTP_DATA_FLAG_B/E/U/I. */
	bool rtx;      /**< A retransmission. */
	/** User data; valid until the next fsctp_sendq_sack(),
	 * fsctp_sendq_abandon() or fsctp_sendq_fini(). */
	const uint8_t *data;
	uint32_t len;
};

/** What the caller lets one packet carry. */
struct fsctp_sendq_tx {
	uint8_t path;	   /**< Destination, < FSCTP_SENDQ_MAX_PATHS. */
	uint32_t room;	   /**< Bytes for DATA chunks (headers included). */
	uint32_t max_frag; /**< Largest user data per new chunk (from the
			    * path MTU: PMTU - IP - 12 - 16). */
	uint32_t cwnd;	   /**< The path's congestion window. */
	fsctp_time_t now;
	/**
	 * The packet already carries other chunks (control chunks, a
	 * SACK). Then a first chunk larger than room is not taken (0 is
	 * returned) and the caller retries with an empty packet. With
	 * false the first chunk is always taken, even when it is larger
	 * than room: a retransmission cut for an older, larger path MTU
	 * then goes alone (RFC 9260 6.9).
	 */
	bool bundled;
};

/** A decoded SACK (RFC 9260 3.3.4), host order. */
struct fsctp_sendq_sack_in {
	uint32_t cum_tsn;
	uint32_t a_rwnd;
	/** Gap blocks in host order, or NULL when gaps_be is used. */
	const struct fsctp_sack_gap *gaps;
	/** Or: the gap blocks as on the wire (n_gaps x big-endian start,
	 * end), e.g. fsctp_sack_info.gaps from the chunk decoder. */
	const uint8_t *gaps_be;
	uint16_t n_gaps;
};

/** Verdict on a SACK. */
enum fsctp_sack_verdict {
	FSCTP_SACK_OK = 0,	  /**< Processed. */
	FSCTP_SACK_STALE = 1,	  /**< Cum TSN behind: ignored (6.2.1). */
	FSCTP_SACK_VIOLATION = 2, /**< Acks a TSN never sent: ABORT with
				   * Protocol Violation. Nothing changed. */
};

/** What a SACK did. Bitmasks have bit p for path p. */
struct fsctp_sendq_sack_out {
	enum fsctp_sack_verdict verdict;
	bool cum_advanced;
	/** Fast Recovery state when the SACK arrived (for cc on_ack). */
	bool in_fast_recovery;
	uint32_t bytes_acked[FSCTP_SENDQ_MAX_PATHS];   /**< Newly acked. */
	uint32_t flight_before[FSCTP_SENDQ_MAX_PATHS]; /**< For cc. */
	bool rtt_valid;		    /**< An RTT sample (Karn's rule held). */
	uint8_t rtt_path;	    /**< Path of the sample. */
	fsctp_time_t rtt;	    /**< The sample, microseconds. */
	uint8_t fast_rtx_paths;	    /**< Entered Fast Recovery: cc
				 * on_fast_retransmit for these paths. */
	uint32_t n_marked_fast_rtx; /**< Chunks marked for fast rtx. */
	uint8_t t3_restart_paths;   /**< RFC 9260 6.3.2 R3: restart. */
	uint8_t t3_stop_paths;	    /**< RFC 9260 6.3.2 R2: stop. */
	bool writable;		    /**< Room again after -EAGAIN. */
	bool dry;		    /**< Became dry: SENDER_DRY. */
};

/** Counters. */
struct fsctp_sendq_stats {
	uint64_t n_msgs;	/**< Messages accepted. */
	uint64_t n_eagain;	/**< Sends refused: buffer full. */
	uint64_t n_data_sent;	/**< New chunks sent. */
	uint64_t n_rtx_sent;	/**< Chunks retransmitted. */
	uint64_t n_fast_rtx;	/**< Chunks marked by fast retransmit. */
	uint64_t n_t3_marked;	/**< Chunks marked by T3-rtx expiry. */
	uint64_t n_pmtu_marked; /**< Chunks marked by a PMTU drop. */
	uint64_t n_ring_full;	/**< New data held: outstanding ring full. */
	uint64_t
		n_ring_grown; /**< The TSN ring doubled (up to max_outstanding). */
	/** The TSN ring made by the first push (an idle association has
	 * none). */
	uint64_t n_ring_alloc;
	/** Pushes refused (-ENOBUFS): the first ring could not be made. */
	uint64_t n_ring_nomem;
	uint64_t n_cwnd_limited;   /**< Packets refused by cwnd. */
	uint64_t n_rwnd_limited;   /**< New data held by the peer's rwnd. */
	uint64_t n_burst_limited;  /**< New data held by Max.Burst. */
	uint64_t n_reconf_held;	   /**< New messages held by a stream
				    * reset (RFC 6525 5.1.2). */
	uint64_t n_nagle_hold;	   /**< Small data held (Nagle). */
	uint64_t n_sack_stale;	   /**< SACKs ignored as stale. */
	uint64_t n_sack_violation; /**< SACKs acking unsent TSNs. */
	uint64_t n_gap_bad;	   /**< Gap blocks with start 0 or > end. */
	uint64_t n_gap_beyond;	   /**< Gap blocks past the highest TSN. */
	uint64_t n_renege;	   /**< Gap-acked chunks no longer acked. */
	uint64_t n_fwd_tsn;	   /**< FORWARD TSNs asked for. */
	uint64_t n_fwd_capped;	   /**< FORWARD TSNs cut at the stream list
				    * limit. */
	uint64_t n_abandoned_tsns; /**< TSNs given to the unsent rest of
				    * partly sent abandoned messages. */
};

/** Per-stream abandoned message counts (all policies together). */
struct fsctp_sendq_pr_stream {
	uint32_t abandoned_sent;
	uint32_t abandoned_unsent;
};

struct fsctp_sendq_msg;
struct fsctp_sendq_chunk;

/** One association's send side. */
struct fsctp_sendq {
	struct fsctp_sendq_config cfg;
	uint16_t *out_ssn; /**< Per stream: next SSN. */
	/** I-DATA, per stream: next MID of ordered and of unordered
	 * messages (RFC 8260 2.1: two separate sequences); NULL without. */
	uint32_t *out_mid;
	uint32_t *out_mid_u;
	struct fsctp_sendq_chunk *ring;
	uint32_t ring_mask;
	uint32_t ack_point; /**< Cumulative TSN Ack Point. */
	uint32_t next_tsn;  /**< TSN of the next new chunk. */
	struct fsctp_sendq_msg *unsent_head, *unsent_tail; /* arrival */
	/** Per stream: its unsent messages in order (the scheduler's
	 * queues, RFC 8260 3). */
	struct fsctp_sendq_msg **s_head, **s_tail;
	/** DATA under a scheduler other than FCFS: the message being cut,
	 * finished before another starts (its TSNs are consecutive). */
	struct fsctp_sendq_msg *cur;
	struct fsctp_sched sched; /**< Which stream goes next. */
	uint64_t unsent_bytes;	  /**< Bytes not yet carved into chunks. */
	uint64_t buffered;	  /**< Bytes of messages not yet freed. */
	uint32_t flight[FSCTP_SENDQ_MAX_PATHS];	    /**< Bytes in flight. */
	uint32_t n_inflight[FSCTP_SENDQ_MAX_PATHS]; /**< Chunks in flight. */
	uint32_t flight_total;
	uint32_t n_rtx;	    /**< Chunks marked for retransmission. */
	uint32_t peer_rwnd; /**< RFC 9260 6.2.1 view of the peer's rwnd. */
	uint32_t burst;	    /**< Packets of new data since the last SACK. */
	uint32_t sack_seq;
	/** No chunk above it was gap-acked by an earlier SACK: the renege
	 * scan of a SACK stops there (work in proportion to the gap-acked
	 * TSNs, not to all in flight). */
	uint32_t gap_hi;
	bool in_fast_recovery;
	uint32_t fr_exit;   /**< RFC 9260 7.2.4 Fast Recovery exit point. */
	bool fast_rtx_once; /**< Next packet: fast rtx regardless of cwnd. */
	bool want_writable; /**< A push got -EAGAIN. */
	bool was_dry;
	/** RFC 6525 5.1.2: messages pushed from hold_seq on do not start
	 * (an Outgoing SSN Reset Request waits or is outstanding); the
	 * ones queued before, and retransmissions, still go. */
	bool hold_new;
	uint64_t hold_seq;
	uint64_t push_seq;	/**< fsctp_sendq_push() calls so far. */
	uint32_t adv_ack_point; /**< RFC 3758 Advanced.Peer.Ack.Point. */
	struct fsctp_sendq_pr_stream *pr_stream; /**< Per outbound stream. */
	struct fsctp_sendq_pr_stats pr;
	struct fsctp_sendq_stats stats;
};

/**
 * Set up a send queue.
 * @return 0, -EINVAL (NULL, zero streams, max_outstanding not a power of
 *   two) or -ENOMEM.
 */
int fsctp_sendq_init(struct fsctp_sendq *sq,
		     const struct fsctp_sendq_config *cfg);

/** Free everything without callbacks. */
void fsctp_sendq_fini(struct fsctp_sendq *sq);

/**
 * Set up a stack's cache of send queue messages: blocks that fit a
 * message of up to FSCTP_SENDQ_CACHE_PAYLOAD bytes (or a zero-copy one),
 * at most max of them kept.
 */
void fsctp_sendq_cache_init(struct fsctp_objcache *c, uint32_t max,
			    uint64_t *ctr_full);

/** Gives a caller's buffer back (fsctp_sendq_push_zc()). */
typedef void (*fsctp_sendq_release_fn)(void *arg);

/**
 * Queue a user message (copied).
 * @return 0; -EINVAL for zero length or a stream >= n_out_streams;
 *   -EMSGSIZE above max_msg_size; -EAGAIN when the send buffer is full
 *   (a later SACK result says writable); -ENOMEM; -ENOBUFS when the
 *   queue's TSN ring, made by its first push, could not be allocated
 *   (stats.n_ring_nomem; nothing queued, a later push tries again).
 */
int fsctp_sendq_push(struct fsctp_sendq *sq,
		     const struct fsctp_sendq_msginfo *info, const void *data,
		     uint32_t len, fsctp_time_t now);

/**
 * Queue a user message without copying it: the send queue reads data in
 * place until the message is acknowledged, abandoned or the queue freed,
 * and then calls release(release_arg) once. On an error return the caller
 * keeps the buffer (release is not called).
 * @return as fsctp_sendq_push(); -EINVAL also for a NULL release.
 */
int fsctp_sendq_push_zc(struct fsctp_sendq *sq,
			const struct fsctp_sendq_msginfo *info,
			const void *data, uint32_t len,
			fsctp_sendq_release_fn release, void *release_arg,
			fsctp_time_t now);

/**
 * Choose the chunks of the next packet to tx->path: retransmissions first
 * (fast retransmit once regardless of cwnd, RFC 9260 7.2.4), then new data
 * subject to cwnd (6.1 B), the peer's rwnd with the one-chunk zero window
 * probe (6.1 A), Max.Burst (6.1 D), Nagle-like coalescing unless nodelay,
 * and sender SWS avoidance (a chunk larger than the peer's rwnd waits
 * while data is in flight; chunks are never cut to fit a small window).
 * Chosen chunks are recorded as sent on tx->path at tx->now.
 * @return the number of chunks written to out (0: nothing to send now).
 */
uint32_t fsctp_sendq_next_packet(struct fsctp_sendq *sq,
				 const struct fsctp_sendq_tx *tx,
				 struct fsctp_sendq_chunk_out *out,
				 uint32_t max_out);

/**
 * Whether fsctp_sendq_next_packet() would return 0 whatever its tx, because
 * nothing waits: no chunk marked for retransmission and no message unsent.
 * Then it does what such a call would have done (Max.Burst restarts when
 * nothing is in flight), so the caller may skip the call and the packet
 * it would have opened for it.
 */
bool fsctp_sendq_nothing_to_send(struct fsctp_sendq *sq);

/**
 * Append a DATA chunk (RFC 9260 3.3.1), or an I-DATA chunk (RFC 8260 2.1)
 * when c->idata, for c to w.
 * @return 0 or -ENOSPC.
 */
int fsctp_sendq_write_data(struct fsctp_wbuf *w,
			   const struct fsctp_sendq_chunk_out *c);

/**
 * Process a SACK (RFC 9260 6.2.1, 7.2.4).
 * @return the verdict (also in out->verdict).
 */
enum fsctp_sack_verdict fsctp_sendq_sack(struct fsctp_sendq *sq,
					 const struct fsctp_sendq_sack_in *in,
					 fsctp_time_t now,
					 struct fsctp_sendq_sack_out *out);

/**
 * RFC 9260 6.3.3 E3: the T3-rtx timer of path expired: mark every chunk in
 * flight on it for retransmission (and leave Fast Recovery).
 * @return the number of chunks marked.
 */
uint32_t fsctp_sendq_t3_expired(struct fsctp_sendq *sq, uint8_t path);

/**
 * RFC 5061 4.2.2: path was removed from the association: mark every chunk
 * in flight on it for retransmission (no congestion effect).
 * @return the number of chunks marked.
 */
uint32_t fsctp_sendq_path_gone(struct fsctp_sendq *sq, uint8_t path);

/**
 * RFC 9260 7.3: the path MTU of path was lowered. Mark for retransmission
 * every chunk in flight on path whose DATA chunk (header included) is
 * longer than max_chunk: it cannot have crossed the smaller link. Unlike
 * fsctp_sendq_t3_expired() Fast Recovery is left alone.
 * @return the number of chunks marked.
 */
uint32_t fsctp_sendq_pmtu_lowered(struct fsctp_sendq *sq, uint8_t path,
				  uint32_t max_chunk);

/**
 * The association failed: report every message not fully acknowledged
 * (sent = some part went on the wire) and free everything. The queue is
 * empty (and dry) afterwards.
 * @return the number of messages reported.
 */
uint32_t fsctp_sendq_abandon(struct fsctp_sendq *sq, fsctp_sendq_failed_cb cb,
			     void *ctx);

/**
 * RFC 3758 3.5 C: move the Advanced.Peer.Ack.Point over the abandoned
 * chunks that follow the Cumulative TSN Ack Point (and over those of
 * messages whose lifetime has passed, A5). When it is ahead of the ack
 * point, fill out with the FORWARD TSN to send: the new cumulative TSN and,
 * per stream, the highest SSN of an ordered abandoned message it skips. At
 * most FSCTP_SENDQ_FWD_MAX_STREAMS streams: the point stops before the
 * message that would need one more.
 * @return true when a FORWARD TSN should go (PR-SCTP enabled only).
 */
bool fsctp_sendq_fwd_tsn(struct fsctp_sendq *sq, fsctp_time_t now,
			 struct fsctp_sendq_fwd *out);

/** @return true while a FORWARD TSN is owed: abandoned chunks lie just
 * above the Cumulative TSN Ack Point (keep a T3-rtx timer running). */
bool fsctp_sendq_fwd_pending(const struct fsctp_sendq *sq);

/**
 * Verify the queue's invariants (flight sums per path, the count of chunks
 * marked for retransmission, every outstanding chunk tied to a message).
 * For tests, simulations and fuzzers; O(outstanding).
 * @return 0, or -EFAULT when an invariant is broken.
 */
int fsctp_sendq_check(const struct fsctp_sendq *sq);

/**
 * Choose the stream scheduler (RFC 8260 3, 4.3.2): enum fsctp_sched_kind.
 * With I-DATA the scheduler picks per chunk, so messages of different
 * streams interleave; with DATA per message.
 * @return 0 or -EINVAL.
 */
int fsctp_sendq_set_sched(struct fsctp_sendq *sq, unsigned kind);

/** @return true when nothing is queued or outstanding. */
bool fsctp_sendq_is_dry(const struct fsctp_sendq *sq);

/**
 * @return the wire bytes (DATA headers and padding included) of the
 *   chunks in flight on path, counted up to limit (RFC 8899 4.3: how large
 *   were the packets a T3-rtx expiry says were lost).
 */
uint32_t fsctp_sendq_path_wire(struct fsctp_sendq *sq, uint8_t path,
			       uint32_t limit);

/** @return bytes in flight on path. */
static inline uint32_t
fsctp_sendq_path_flight(const struct fsctp_sendq *sq, uint8_t path)
{
	return path < FSCTP_SENDQ_MAX_PATHS ? sq->flight[path] : 0;
}

/** @return chunks in flight on path (T3-rtx must run while > 0). */
static inline uint32_t
fsctp_sendq_path_outstanding(const struct fsctp_sendq *sq, uint8_t path)
{
	return path < FSCTP_SENDQ_MAX_PATHS ? sq->n_inflight[path] : 0;
}

/** @return the peer's receive window as the sender sees it. */
static inline uint32_t
fsctp_sendq_peer_rwnd(const struct fsctp_sendq *sq)
{
	return sq->peer_rwnd;
}

/**
 * RFC 6525 5.1.2: hold (or release) new messages: while held,
 * fsctp_sendq_next_packet() starts no message pushed after this call;
 * those queued before still go (with the SSNs of before the reset).
 */
void fsctp_sendq_hold_new(struct fsctp_sendq *sq, bool hold);

/**
 * @return true when held and every message queued before the hold was cut
 *   into chunks: the next TSN minus 1 is the Sender's Last Assigned TSN.
 */
bool fsctp_sendq_hold_reached(const struct fsctp_sendq *sq);

/**
 * RFC 6525 5.1.2, 5.1.4: the next SSN of the listed streams (all when n is
 * 0) starts again at 0.
 * @return 0, or -EINVAL for a stream >= n_out_streams (nothing changed).
 */
int fsctp_sendq_reset_ssn(struct fsctp_sendq *sq, const uint16_t *sids,
			  uint16_t n);

/**
 * @return true when no TSN is outstanding and every unsent message is
 *   held whole (fsctp_sendq_hold_new()): the TSNs may restart.
 */
bool fsctp_sendq_tsn_idle(const struct fsctp_sendq *sq);

/**
 * RFC 6525 5.1.4, 5.2.4 (SSN/TSN Reset): the TSNs start again at next_tsn
 * (the Cumulative TSN Ack Point and the Advanced.Peer.Ack.Point become
 * next_tsn - 1). Only when fsctp_sendq_tsn_idle().
 * @return 0, or -EBUSY otherwise (nothing changed).
 */
int fsctp_sendq_reset_tsn(struct fsctp_sendq *sq, uint32_t next_tsn);

/**
 * RFC 6525 5.1.5: add n outbound streams (their SSNs start at 0).
 * @return 0, -EINVAL (the total would pass 65535) or -ENOMEM (unchanged).
 */
int fsctp_sendq_add_streams(struct fsctp_sendq *sq, uint16_t n);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_SENDQ_H */
