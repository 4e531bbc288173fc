/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Stream reconfiguration (RFC 6525): the requests an association sends and
 * answers in RE-CONFIG chunks (Outgoing / Incoming SSN Reset, Add Outgoing
 * / Incoming Streams, SSN/TSN Reset), their sequence numbers,
 * the remembered results of the peer's last requests, the RE-CONFIG timer
 * and the deferred reset of inbound streams. Sans-I/O like the rest of the
 * core: time comes in as now, packets leave through fsctp_out_*.
 *
 * Hooks, called by the data path (fsctp_assoc_data.c):
 *  - fsctp_reconf_setup(): the data path was (re)initialised; fresh
 *    sequence numbers from the Initial TSNs (5.1.1, 5.2.1).
 *  - fsctp_reconf_stop() / fsctp_reconf_free(): timer off / memory freed.
 *  - fsctp_reconf_chunk(): a RE-CONFIG chunk of a negotiated association.
 *  - fsctp_reconf_rx_hold(): DATA on a stream whose reset waits (5.2.2).
 *  - fsctp_reconf_packet_end(): a received packet was processed; a
 *    deferred reset whose last TSN arrived is performed.
 *  - fsctp_reconf_tx_done(): DATA was cut; an Outgoing SSN Reset waiting
 *    for the messages queued before it may leave.
 */
#ifndef FSCTP_RECONF_H
#define FSCTP_RECONF_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_timer.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fsctp_stack;
struct fsctp_assoc;
struct fsctp_rx;
struct fsctp_tlv;

/** Streams one request lists at most (it must fit one packet). */
#define FSCTP_RECONF_MAX_SIDS 256

/** Re-configuration Response results (RFC 6525 4.4). */
enum fsctp_reconf_result {
	FSCTP_RECONF_NOTHING = 0,     /**< Success - Nothing to do. */
	FSCTP_RECONF_PERFORMED = 1,   /**< Success - Performed. */
	FSCTP_RECONF_RES_DENIED = 2,  /**< Denied. */
	FSCTP_RECONF_WRONG_SSN = 3,   /**< Error - Wrong SSN. */
	FSCTP_RECONF_BUSY = 4,	      /**< Error - Request already in
				       * progress. */
	FSCTP_RECONF_BAD_SEQ = 5,     /**< Error - Bad Sequence Number. */
	FSCTP_RECONF_IN_PROGRESS = 6, /**< In progress. */
};

/** One request of ours, outstanding (5.1). */
struct fsctp_reconf_req {
	uint16_t type;	   /**< FSCTP_PARAM_*_REQ. */
	uint32_t seq;	   /**< Its Re-configuration Request Seq. */
	uint32_t resp_seq; /**< Outgoing SSN Reset: the field's value. */
	uint32_t last_tsn; /**< Outgoing SSN Reset: Sender's Last TSN. */
	uint16_t n_new;	   /**< Add Streams: how many. */
	uint16_t n_sids;   /**< SSN resets: streams (0 = all). */
	uint16_t *sids;	   /**< Owned. */
	bool trig;	   /**< Sent to answer the peer's request trig_seq. */
	uint32_t trig_seq;
};

/** One association's reconfiguration state (in struct fsctp_assoc_data). */
struct fsctp_reconf {
	struct fsctp_assoc *a;
	uint8_t enable; /**< FSCTP_ENABLE_*: the peer's requests accepted. */
	/* Sender (5.1.1): one RE-CONFIG outstanding, one or two requests. */
	uint32_t next_seq;
	struct fsctp_reconf_req req[2];
	uint8_t n_req;
	bool in_progress; /**< The peer answered In progress: resend after
			   * an RTO without counting an error. */
	bool wait_hold;	  /**< Not sent yet: messages queued before the
			   * Outgoing SSN Reset still need TSNs. */
	struct fsctp_timer timer; /**< The RE-CONFIG timer. */
	/* Receiver (5.2.1): the next expected sequence number and the
	 * results of the last two requests, by seq & 1. */
	uint32_t peer_seq;
	uint32_t last_result[2];
	/* 5.2.2: an Outgoing SSN Reset Request waiting for its last TSN. */
	bool deferred;
	uint32_t def_seq;
	uint32_t def_tsn;
	uint16_t def_n;
	uint16_t *def_sids;
	/* 5.2.4: the last SSN/TSN Reset performed for the peer, answered
	 * again with the same TSNs when the request comes again (5.2.1). */
	bool tsn_done;
	uint32_t tsn_seq;
	uint32_t tsn_snd_next; /**< Sender's Next TSN we answered. */
	uint32_t tsn_rcv_next; /**< Receiver's Next TSN we answered. */
};

/** See the hooks above. */
void fsctp_reconf_setup(struct fsctp_stack *st, struct fsctp_assoc *a);
/** See the hooks above. */
void fsctp_reconf_stop(struct fsctp_stack *st, struct fsctp_assoc *a);
/** See the hooks above. */
void fsctp_reconf_free(struct fsctp_assoc *a);
/** See the hooks above. @return an enum fsctp_disp. */
int fsctp_reconf_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
		       struct fsctp_rx *rx, const struct fsctp_tlv *ch);
/** See the hooks above. @return true: do not take this DATA chunk. */
bool fsctp_reconf_rx_hold(const struct fsctp_assoc *a, uint16_t sid,
			  uint32_t tsn);
/** See the hooks above. */
void fsctp_reconf_packet_end(struct fsctp_stack *st, struct fsctp_assoc *a);
/** The data path transmitted: a request waiting for the messages queued
 * before it to get TSNs may leave now. */
void fsctp_reconf_tx_done(struct fsctp_stack *st, struct fsctp_assoc *a,
			  fsctp_time_t now);

/*
 * SSN/TSN Reset (RFC 6525 5.1.4, 5.2.4), the data path's part
 * (fsctp_reconf_tsn.c).
 */

/** @return true when nothing is outstanding to the peer, nothing is
 * queued but messages held whole, and no FORWARD TSN is due: the TSNs
 * may start again. */
bool fsctp_reconf_tsn_quiet(const struct fsctp_assoc *a);

/** The next TSN of our own DATA after a reset we perform for the peer
 * (5.2.4 G2: the highest TSN sent plus 1). */
uint32_t fsctp_reconf_tsn_snd_next(const struct fsctp_assoc *a);

/** The Receiver's Next TSN we would give the peer (5.2.4 G1). */
uint32_t fsctp_reconf_tsn_rcv_next(const struct fsctp_assoc *a);

/**
 * Restart both directions: our DATA from my_next, the peer's expected
 * from peer_next; every SSN and MID to 0, the TSN map and reassembly
 * restarted (5.1.4 after the response, 5.2.4 G1-G5). Raises
 * FSCTP_EV_ASSOC_RESET (flags 0).
 * @return 0, or -EBUSY when not quiet (nothing changed).
 */
int fsctp_reconf_tsn_apply(struct fsctp_assoc *a, uint32_t my_next,
			   uint32_t peer_next);

/** FSCTP_EV_ASSOC_RESET for a refused or failed request of ours. */
void fsctp_reconf_tsn_failed(struct fsctp_assoc *a, uint16_t flags);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_RECONF_H */
