/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Stream schedulers (RFC 8260 section 3): which outbound stream the send
 * queue serves next. Pure and deterministic: the send queue tells the
 * scheduler when a stream gets data (fsctp_sched_activate()), runs dry
 * (fsctp_sched_deactivate()) and how many bytes it sent from which stream
 * (fsctp_sched_served()); fsctp_sched_pick() names the next stream.
 *
 * The unit served is a message with DATA (its fragments carry consecutive
 * TSNs and cannot be interleaved) and a chunk with I-DATA (RFC 8260 3:
 * user message interleaving); the send queue calls fsctp_sched_pick()
 * once per unit. First come first served (3.1) is the send queue's own
 * arrival order: fsctp_sched_pick() returns -1 for it.
 *
 * Cost: O(active streams) per pick, O(1) otherwise.
 */
#ifndef FSCTP_SCHED_H
#define FSCTP_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Scheduler kinds (RFC 8260 section 3; the values of RFC 8260 4.3.2). */
enum fsctp_sched_kind {
	FSCTP_SCHED_FCFS = 0,	/**< 3.1 First Come First Served. */
	FSCTP_SCHED_RR = 1,	/**< 3.2 Round Robin. */
	FSCTP_SCHED_RR_PKT = 2, /**< 3.3 Round Robin per packet. */
	FSCTP_SCHED_PRIO = 3,	/**< 3.4 Priority (lower value first). */
	FSCTP_SCHED_FC = 4,	/**< 3.5 Fair Capacity. */
	FSCTP_SCHED_WFQ = 5,	/**< 3.6 Weighted Fair Queueing. */
	FSCTP_SCHED_N = 6,
};

/** Per-stream scheduler state. */
struct fsctp_sched_stream {
	uint16_t value;	 /**< Priority (PRIO) or weight (WFQ, >= 1). */
	int32_t act_pos; /**< Index in fsctp_sched.act, -1 when idle. */
	uint64_t vtime;	 /**< FC: bytes served; WFQ: bytes / weight. */
	uint64_t bytes;	 /**< Bytes served in all (statistics). */
};

/** One association's outbound scheduler. */
struct fsctp_sched {
	uint8_t kind; /**< enum fsctp_sched_kind. */
	uint16_t n_streams;
	struct fsctp_sched_stream *s;
	uint16_t *act; /**< Active (non-empty) streams, any order. */
	uint16_t n_act;
	int32_t last;	 /**< Stream served last, -1 none. */
	uint64_t vclock; /**< FC/WFQ: virtual time of the last pick. */
};

/** Default WFQ weight and priority value of a stream. */
#define FSCTP_SCHED_DEFAULT_VALUE 1

/**
 * Set up for n_streams streams (>= 1), FCFS, every value the default.
 * @return 0, -EINVAL or -ENOMEM.
 */
int fsctp_sched_init(struct fsctp_sched *sc, uint16_t n_streams);

/** Free. */
void fsctp_sched_fini(struct fsctp_sched *sc);

/**
 * Grow to n_streams streams (RFC 6525 Add Outgoing Streams), the new ones
 * idle with the default value; the others keep their state.
 * @return 0, -EINVAL (fewer streams) or -ENOMEM (nothing changed).
 */
int fsctp_sched_grow(struct fsctp_sched *sc, uint16_t n_streams);

/**
 * Choose the scheduler (RFC 8260 4.3.2). The streams' values are kept.
 * @return 0, or -EINVAL for an unknown kind.
 */
int fsctp_sched_set_kind(struct fsctp_sched *sc, unsigned kind);

/**
 * Set a stream's value (RFC 8260 4.3.3): its priority (PRIO, lower is
 * served first) or weight (WFQ, at least 1).
 * @return 0, or -EINVAL (stream out of range, weight 0 under WFQ).
 */
int fsctp_sched_set_value(struct fsctp_sched *sc, uint16_t sid, uint16_t value);

/** @return a stream's value, or -EINVAL. */
int fsctp_sched_get_value(const struct fsctp_sched *sc, uint16_t sid);

/** The stream has data to send now (no effect when already active). */
void fsctp_sched_activate(struct fsctp_sched *sc, uint16_t sid);

/** The stream has nothing left to send. */
void fsctp_sched_deactivate(struct fsctp_sched *sc, uint16_t sid);

/**
 * The next stream to serve among the active ones.
 * @param new_packet the unit starts a new packet (RR per packet keeps
 *   the stream of the packet under way otherwise).
 * @return the stream, or -1 under FCFS or when no stream is active.
 */
int fsctp_sched_pick(struct fsctp_sched *sc, bool new_packet);

/** Account bytes sent from stream sid (after a pick). */
void fsctp_sched_served(struct fsctp_sched *sc, uint16_t sid, uint32_t bytes);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_SCHED_H */
