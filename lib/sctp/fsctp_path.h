/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * One destination transport address of an association (RFC 9260 6.4):
 * its RTO state (6.3.1), error counter (8.2), heartbeat state (8.3), path
 * MTU, and room for the data path's per-destination congestion state (7.2).
 */
#ifndef FSCTP_PATH_H
#define FSCTP_PATH_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_plpmtud.h"
#include "fsctp_timer.h"
#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fsctp_assoc;

/** Most peer addresses one association keeps. */
#define FSCTP_MAX_PATHS 8

/** Path reachability (RFC 9260 8.2). */
enum fsctp_path_state {
	FSCTP_PATH_ACTIVE = 0,
	FSCTP_PATH_INACTIVE = 1,
	/** RFC 7829: errors beyond the PF threshold; used for data only
	 * when no path is ACTIVE. */
	FSCTP_PATH_PF = 2,
};

/** Per-destination state. */
struct fsctp_path {
	struct fsctp_assoc *assoc;     /**< Owner. */
	struct fsctp_addr addr;	       /**< Peer address and port. */
	struct fsctp_path *tuple_next; /**< Stack tuple-hash chain. */
	uint8_t idx;		       /**< Index in assoc->paths. */
	uint8_t state;		       /**< enum fsctp_path_state. */
	bool confirmed;	   /**< RFC 9260 5.4: handshake source, or HB nonce. */
	bool rtt_measured; /**< srtt/rttvar hold a sample. */
	/** RFC 5061 4.2.2: the peer deleted the address; the slot stays
	 * (indexes of the data path) and is reused by the next path. */
	bool removed;
	/* RFC 9260 6.3.1, in microseconds. */
	uint64_t srtt;
	uint64_t rttvar;
	uint64_t rto;
	/* RFC 9260 8.2. */
	uint32_t error_count;
	/* RFC 9260 8.3. */
	struct fsctp_timer hb_timer;
	bool hb_outstanding;
	uint64_t hb_nonce;
	fsctp_time_t hb_sent;
	fsctp_time_t last_sent; /**< Last time anything was sent here. */
	/**
	 * Last time DATA was sent here: the data path sets it. A path with
	 * DATA within the last HB.interval is not idle (8.3) and is not
	 * probed.
	 */
	fsctp_time_t last_data;
	/* RFC 9260 7.3: path MTU (IP header included). */
	uint16_t pmtu;
	/* RFC 8899 PLPMTUD (fsctp_plpmtud.h): its state, the timer of its
	 * PROBE_TIMER / PMTU_RAISE_TIMER and the nonce of the probe out. */
	struct fsctp_plpmtud pl;
	struct fsctp_timer pl_timer;
	uint64_t pl_nonce;
	/** Congestion control (RFC 9260 7.2), owned by the data path. */
	struct {
		uint32_t cwnd;
		uint32_t ssthresh;
		uint32_t partial_bytes_acked;
		uint32_t flight_size;
		void *priv; /**< Data module's per-path state, if any. */
	} cc;
	/* Multi-homing (RFC 9260 6.4, 8.2, 8.3; RFC 6458 8.1.12). */
	struct fsctp_addr laddr; /**< Source address towards addr. */
	uint32_t pmr;		 /**< Path.Max.Retrans of this path. */
	uint32_t hb_interval_ms; /**< HB.interval of this path; 0 = off. */
};

/** @return the bytes of IP header the path MTU includes (no options,
 * no extension headers). */
static inline uint32_t
fsctp_path_ip_hdr(const struct fsctp_path *p)
{
	return p->addr.family == FSCTP_AF_INET6 ? 40 : 20;
}

/** RTO parameters in microseconds. */
struct fsctp_rto_params {
	uint64_t initial;
	uint64_t min;
	uint64_t max;
};

/** Reset a path's RTO state to RTO.Initial (RFC 9260 6.3.1 C1). */
void fsctp_path_rto_init(struct fsctp_path *p,
			 const struct fsctp_rto_params *rp);

/**
 * Feed one RTT measurement R (microseconds) into the path's SRTT, RTTVAR
 * and RTO (RFC 9260 6.3.1 C2, C3, C5-C7). Per Karn's rule (C5) callers
 * must not measure on a retransmitted chunk.
 */
void fsctp_path_rtt_update(struct fsctp_path *p,
			   const struct fsctp_rto_params *rp, uint64_t r);

/** Back off the RTO after a timer expiry (RFC 9260 6.3.3 E2). */
void fsctp_path_rto_backoff(struct fsctp_path *p,
			    const struct fsctp_rto_params *rp);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_PATH_H */
