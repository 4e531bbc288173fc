/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The M3UA ASP state machine (RFC 4666 4.3.1) for one association, on
 * either side: the ASP (client: ASP Up, ASP Active, retried on T(ack)) or
 * the SGP/IPSP responder (Ack, NTFY, DAUD answered with DAVA, ERR for
 * malformed or unexpected messages). Sans-I/O: time is an input; messages
 * leave through the out callback with the SCTP stream they belong on.
 */
#ifndef FSCTP_LG_ASP_H
#define FSCTP_LG_ASP_H

#include <stdbool.h>
#include <stdint.h>

#include "m3ua.h"

#ifdef __cplusplus
extern "C" {
#endif

/** ASP states as the local side sees them (RFC 4666 4.3.1). */
enum fsctp_asp_state {
	FSCTP_ASP_DOWN = 0,
	FSCTP_ASP_INACTIVE,
	FSCTP_ASP_ACTIVE,
};

/** Configuration of one ASP state machine. */
struct fsctp_asp_cfg {
	bool sgp;	     /**< Responder (SGP/IPSP) instead of ASP. */
	bool rc_present;     /**< Send a routing context. */
	uint32_t rc;	     /**< Its value. */
	uint32_t tmt;	     /**< Traffic mode type in ASP Active (0: none). */
	bool asp_id_present; /**< Send an ASP Identifier in ASP Up. */
	uint32_t asp_id;     /**< Its value. */
	uint32_t t_ack_us;   /**< T(ack): resend ASP Up / Active (2 s). */
	uint32_t beat_us;    /**< BEAT interval, 0 = none. */
	uint16_t n_streams;  /**< Outbound streams of the association. */
};

/** Counters of one state machine. */
struct fsctp_asp_counters {
	uint64_t rx_msgs;	/**< M3UA messages received. */
	uint64_t rx_malformed;	/**< ... answered with ERR (decode error). */
	uint64_t rx_unexpected; /**< ... answered with ERR (wrong state). */
	uint64_t rx_err;	/**< ERR messages received. */
	uint64_t rx_ntfy;	/**< NTFY messages received. */
	uint64_t rx_ssnm;	/**< SSNM messages received. */
	uint64_t rx_data;	/**< DATA delivered. */
	uint64_t tx_msgs;	/**< Management messages sent. */
	uint64_t tx_err;	/**< ERR messages sent. */
	uint64_t tx_fail;	/**< Messages the out callback refused. */
	uint64_t retries;	/**< ASP Up / Active resent on T(ack). */
	uint64_t beats;		/**< BEAT sent. */
	uint64_t beat_acks;	/**< BEAT Ack received. */
	uint64_t last_err_code; /**< Error code of the last ERR sent. */
};

/** Sends one message; returns 0 or a negative errno. */
typedef int (*fsctp_asp_out_fn)(void *ctx, uint16_t sid, const uint8_t *msg,
				uint32_t len);
/** Delivers the protocol data of an accepted DATA message. */
typedef void (*fsctp_asp_data_fn)(void *ctx, uint16_t sid,
				  const struct fsctp_m3ua_msg *m);

/** One association's M3UA state. */
struct fsctp_asp {
	struct fsctp_asp_cfg cfg;
	enum fsctp_asp_state state;
	bool waiting;	    /**< An ASP Up / Active awaits its Ack. */
	bool stopping;	    /**< ASP Down sent. */
	uint64_t deadline;  /**< T(ack) expiry, us (when waiting). */
	uint64_t next_beat; /**< Next BEAT, us (0: none). */
	uint32_t beat_seq;
	fsctp_asp_out_fn out;
	fsctp_asp_data_fn on_data;
	void *ctx;
	struct fsctp_asp_counters c;
};

/** Set up a state machine in ASP-DOWN. t_ack_us 0 becomes 2 s. */
void fsctp_asp_init(struct fsctp_asp *a, const struct fsctp_asp_cfg *cfg,
		    fsctp_asp_out_fn out, fsctp_asp_data_fn on_data, void *ctx);

/** The association is up: an ASP sends ASP Up (RFC 4666 4.3.4.1). */
void fsctp_asp_start(struct fsctp_asp *a, uint64_t now);

/** Leave: an ASP sends ASP Down (RFC 4666 4.3.4.2). */
void fsctp_asp_stop(struct fsctp_asp *a, uint64_t now);

/**
 * One received M3UA message on stream sid.
 * @return 0 (handled, answered if needed), -EBADMSG (malformed: ERR sent),
 *   -EPROTO (unexpected in this state or on this stream: ERR sent).
 */
int fsctp_asp_input(struct fsctp_asp *a, uint64_t now, uint16_t sid,
		    const uint8_t *buf, uint32_t len);

/** Run the timers (T(ack) resends, BEAT). */
void fsctp_asp_tick(struct fsctp_asp *a, uint64_t now);

/** @return the state's name ("ASP-DOWN", ...). */
const char *fsctp_asp_state_name(enum fsctp_asp_state s);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_LG_ASP_H */
