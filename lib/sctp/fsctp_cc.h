/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Congestion control per destination path (RFC 9260 section 7).
 *
 * An algorithm is a table of operations (struct fsctp_cc_ops) acting on the
 * per-path state struct fsctp_cc_path. fsctp_cc_rfc9260 is the default: the
 * slow start, congestion avoidance, fast recovery and timeout rules of RFC
 * 9260 7.2. The state machine is pure arithmetic: no clock, no allocation.
 *
 * Who owns what: the caller (the association glue) keeps flight_size in
 * step with the send queue (fsctp_sendq_path_flight()), decides when fast
 * recovery is entered and left (the send queue reports it), and calls the
 * operations at the events named on each of them.
 */
#ifndef FSCTP_CC_H
#define FSCTP_CC_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Congestion state of one destination transport address. */
struct fsctp_cc_path {
	uint32_t mtu;		      /**< Path MTU in bytes. */
	uint32_t cwnd;		      /**< Congestion window, bytes. */
	uint32_t ssthresh;	      /**< Slow start threshold, bytes. */
	uint32_t partial_bytes_acked; /**< RFC 9260 7.2.2 counter. */
	uint32_t flight_size;	      /**< Bytes outstanding on the path. */
	uint64_t n_fast_rtx;	      /**< Fast retransmit reductions. */
	uint64_t n_t3;		      /**< T3-rtx timeout reductions. */
	uint64_t n_idle;	      /**< Idle reductions. */
};

/** What one SACK did for one path: the input of fsctp_cc_ops.on_ack. */
struct fsctp_cc_ack {
	/** Bytes of DATA on this path newly acknowledged by this SACK (cum
	 * ack and gap blocks; bytes gap-acked before are not counted again). */
	uint32_t bytes_acked;
	/** The flight size of this path before the SACK was processed. */
	uint32_t flight_before;
	/** The SACK advanced the association's Cumulative TSN Ack Point. */
	bool cum_advanced;
	/** The association is in Fast Recovery (RFC 9260 7.2.4). */
	bool in_fast_recovery;
};

/** A congestion control algorithm. */
struct fsctp_cc_ops {
	const char *name; /**< For counters and logs. */
	/** Set up a path with the given MTU (RFC 9260 7.2.1 initial cwnd). */
	void (*init)(struct fsctp_cc_path *p, uint32_t mtu);
	/** A SACK arrived; ack says what it did for this path. The caller
	 * has already set p->flight_size to the flight after the SACK. */
	void (*on_ack)(struct fsctp_cc_path *p, const struct fsctp_cc_ack *ack);
	/** Fast retransmit entered Fast Recovery for chunks last sent on this
	 * path (RFC 9260 7.2.4 rule 1). Not called again during the same
	 * Fast Recovery. */
	void (*on_fast_retransmit)(struct fsctp_cc_path *p);
	/** The T3-rtx timer of this path expired (RFC 9260 7.2.3). */
	void (*on_t3_timeout)(struct fsctp_cc_path *p);
	/** The path sent no DATA during n_rto whole RTOs (RFC 9260 7.2.1). */
	void (*on_idle)(struct fsctp_cc_path *p, uint32_t n_rto);
	/** @return true if new DATA may start on the path (RFC 9260 6.1 B). */
	bool (*can_send)(const struct fsctp_cc_path *p);
};

/** The RFC 9260 7.2 algorithm. */
extern const struct fsctp_cc_ops fsctp_cc_rfc9260;

/**
 * RFC 9260 7.2.1: the initial cwnd, min(4*MTU, max(2*MTU, 4404)).
 * @return the initial cwnd in bytes for a path of this MTU.
 */
uint32_t fsctp_cc_initial_cwnd(uint32_t mtu);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_CC_H */
