/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Protocol types shared by the sans-I/O core (lib/sctp/fsctp_core.h) and
 * the public API (fsctp.h): association ids and states, events and
 * received messages, per-send parameters and the stack configuration.
 * Plain C11; no DPDK dependency.
 */
#ifndef FSCTP_PROTO_H
#define FSCTP_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An association identifier, unique within one stack; 0 is never used. */
typedef uint32_t fsctp_assoc_id_t;

/** Association states (RFC 9260 section 4). */
enum fsctp_state {
	FSCTP_CLOSED = 0,	 /**< No association (or an unknown id). */
	FSCTP_COOKIE_WAIT,	 /**< INIT sent, waiting for INIT ACK. */
	FSCTP_COOKIE_ECHOED,	 /**< COOKIE ECHO sent, waiting for ACK. */
	FSCTP_ESTABLISHED,	 /**< Up: data flows both ways. */
	FSCTP_SHUTDOWN_PENDING,	 /**< Local shutdown, data still queued. */
	FSCTP_SHUTDOWN_SENT,	 /**< SHUTDOWN sent. */
	FSCTP_SHUTDOWN_RECEIVED, /**< Peer's SHUTDOWN, our data queued. */
	FSCTP_SHUTDOWN_ACK_SENT, /**< SHUTDOWN ACK sent. */
	FSCTP_STATE_MAX,	 /**< Number of states (not a state). */
};

/** Event types handed to fsctp_core_ops.event (RFC 6458 section 6.1). */
enum fsctp_event_type {
	FSCTP_EV_COMM_UP = 1, /**< Association established. */
	FSCTP_EV_COMM_LOST, /**< Association failed (errors, ABORT received). */
	FSCTP_EV_RESTART,   /**< The peer restarted (RFC 9260 5.2.4 case A). */
	FSCTP_EV_SHUTDOWN_COMP,	   /**< Graceful shutdown completed. */
	FSCTP_EV_CANT_STR_ASSOC,   /**< The association could not be set up. */
	FSCTP_EV_REMOTE_ERROR,	   /**< An ERROR chunk arrived. */
	FSCTP_EV_SHUTDOWN_EVENT,   /**< The peer sent SHUTDOWN. */
	FSCTP_EV_PEER_ADDR_CHANGE, /**< A path became reachable/unreachable. */
	FSCTP_EV_SEND_FAILED,	   /**< A message was not (fully) delivered. */
	FSCTP_EV_PARTIAL_DELIVERY, /**< Partial delivery was aborted. */
	FSCTP_EV_ADAPTATION_IND,   /**< Peer's Adaptation Layer Indication. */
	FSCTP_EV_SENDER_DRY,	   /**< Nothing left to send or retransmit. */
	FSCTP_EV_DATA,	   /**< A user message arrived: see fsctp_event.msg. */
	FSCTP_EV_WRITABLE, /**< Room in the send buffer again. */
	/** Streams were reset, or a reset was refused (RFC 6525 6.1.1,
	 * RFC 6458 SCTP_STREAM_RESET_EVENT): fsctp_event.reconf_flags
	 * (FSCTP_STREAM_RESET_*), sids, n_sids. */
	FSCTP_EV_STREAM_RESET,
	/** The SSN/TSN reset ended (RFC 6525 6.1.2, SCTP_ASSOC_RESET_EVENT):
	 * reconf_flags (FSCTP_RECONF_DENIED/_FAILED), local_tsn,
	 * remote_tsn. */
	FSCTP_EV_ASSOC_RESET,
	/** Streams were added, or an addition was refused (RFC 6525 6.1.3,
	 * SCTP_STREAM_CHANGE_EVENT): reconf_flags, n_in_streams,
	 * n_out_streams (the counts now in force). */
	FSCTP_EV_STREAM_CHANGE,
	/** A request of ours to the peer was answered (RFC 5061 ASCONF:
	 * fsctp_asconf_add_addr(), fsctp_asconf_del_addr(),
	 * fsctp_asconf_set_peer_primary()): addr is our address, addr_state
	 * what was asked (FSCTP_ADDR_ADDED, FSCTP_ADDR_REMOVED,
	 * FSCTP_ADDR_MADE_PRIM), cause 0 when done, else the peer's error
	 * cause (e.g. 0x00A0 Request to Delete Last Remaining IP Address,
	 * 0x00A2 Request to Delete Source IP Address) or
	 * FSCTP_ASCONF_NOT_PROCESSED. */
	FSCTP_EV_ASCONF_RESULT,
	/** RFC 6458 6.1.8 SCTP_AUTHENTICATION_EVENT: auth_indication
	 * FSCTP_AUTH_NEW_KEY (the peer signs with another key number now:
	 * keynumber) or FSCTP_AUTH_NO_AUTH (we offered AUTH, the peer did
	 * not: the association runs without it). */
	FSCTP_EV_AUTHENTICATION,
};

/** fsctp_event.auth_indication (RFC 6458 6.1.8). */
enum fsctp_auth_indication {
	FSCTP_AUTH_NEW_KEY = 1, /**< The peer uses key keynumber now. */
	FSCTP_AUTH_NO_AUTH = 3, /**< The peer does not support AUTH. */
};

/** FSCTP_EV_ASCONF_RESULT cause: the peer did not process the request
 * (RFC 5061 5.3: no result after a failed one). */
#define FSCTP_ASCONF_NOT_PROCESSED 0xFFFF

/** fsctp_event.reconf_flags of FSCTP_EV_STREAM_RESET (RFC 6525 6.1.1). */
#define FSCTP_STREAM_RESET_INCOMING 0x0001 /**< Our inbound streams. */
#define FSCTP_STREAM_RESET_OUTGOING 0x0002 /**< Our outbound streams. */
/** The peer refused the request (result Denied). */
#define FSCTP_RECONF_DENIED 0x0004
/** The request failed (an error result, or the peer did not answer). */
#define FSCTP_RECONF_FAILED 0x0008

/** Which RFC 6525 requests from the peer are accepted
 * (SCTP_ENABLE_STREAM_RESET, RFC 6525 6.3.1); others are Denied. */
#define FSCTP_ENABLE_RESET_STREAM_REQ 0x01 /**< SSN reset requests. */
#define FSCTP_ENABLE_RESET_ASSOC_REQ  0x02 /**< SSN/TSN reset requests. */
#define FSCTP_ENABLE_CHANGE_ASSOC_REQ 0x04 /**< Add streams requests. */
/**
 * What happened to a peer address, in FSCTP_EV_PEER_ADDR_CHANGE
 * (fsctp_event.addr_state; RFC 6458 6.1.2 spc_state, RFC 7829 7).
 */
enum fsctp_addr_state {
	FSCTP_ADDR_AVAILABLE = 0,   /**< Reachable again (ACTIVE). */
	FSCTP_ADDR_UNREACHABLE = 1, /**< Path.Max.Retrans exceeded. */
	FSCTP_ADDR_REMOVED = 2,	    /**< No longer part of the association. */
	FSCTP_ADDR_ADDED = 3,	    /**< Added to the association. */
	FSCTP_ADDR_MADE_PRIM = 4,   /**< Now the primary path. */
	FSCTP_ADDR_CONFIRMED = 5,   /**< Confirmed by a HEARTBEAT (5.4). */
	FSCTP_ADDR_POTENTIALLY_FAILED = 6, /**< PF threshold exceeded. */
};

/** A received user message, owned by the application until freed. */
struct fsctp_msg {
	fsctp_assoc_id_t assoc_id; /**< Association it arrived on. */
	void *user;		   /**< The association's user pointer. */
	uint16_t sid;		   /**< Stream identifier. */
	uint16_t ssn;	/**< Stream sequence number (ordered messages). */
	uint32_t ppid;	/**< Payload protocol identifier, host order. */
	uint32_t tsn;	/**< TSN of the first fragment. */
	bool unordered; /**< Sent unordered (U bit). */
	uint32_t len;	/**< Bytes in data. */
	uint8_t *data;	/**< The whole (reassembled) message. */
	/** Partial delivery (RFC 6458 8.1.21): data is a piece of a larger
	 * message and more pieces of it follow, in order; the last piece
	 * has false. Between the pieces other messages of the association
	 * come only at fragment interleave level 2 (8.1.20). */
	bool partial;
	uint32_t mid; /**< Message identifier (I-DATA), else the SSN. */
	/** Zero copy: the received packet data lies in, referenced until
	 * the message is freed (in the DPDK runtime its struct rte_mbuf);
	 * NULL when data is a buffer of its own (a message joined from
	 * fragments, or copied because the runtime's budget of packets
	 * held by messages was spent). */
	void *pkt;
};

/** An event. Pointers inside are valid only during the callback. */
struct fsctp_event {
	enum fsctp_event_type type; /**< What happened. */
	fsctp_assoc_id_t assoc_id;  /**< The association concerned. */
	/** The association's user pointer (fsctp_assoc_set_user()), NULL
	 * until set and for events without an association. */
	void *user;
	/** Error cause code (ABORT/ERROR), or 0. */
	uint16_t cause;
	/** Raw error causes of an ABORT or ERROR chunk, or NULL. */
	const uint8_t *causes;
	uint16_t causes_len; /**< Bytes in causes. */
	/** For FSCTP_EV_DATA: the message; the receiver now owns it and must
	 * give it back with fsctp_msg_free(), which also reopens the window. */
	struct fsctp_msg *msg;
	/** For FSCTP_EV_SEND_FAILED: the message and whether any of it was
	 * ever put on the wire. The data pointer is valid during the call. */
	const uint8_t *data;
	uint32_t data_len; /**< SEND_FAILED: bytes in data. */
	uint16_t sid;	   /**< SEND_FAILED: its stream. */
	uint32_t ppid;	   /**< SEND_FAILED: its PPID, host order. */
	uint64_t context;  /**< SEND_FAILED: fsctp_sndinfo.context. */
	bool sent;	   /**< SEND_FAILED: some of it was sent. */
	/** For FSCTP_EV_SEND_FAILED: a PR-SCTP policy abandoned the
	 * message (RFC 3758, RFC 7496); false when the association ended. */
	bool abandoned;
	/** For FSCTP_EV_PEER_ADDR_CHANGE. */
	struct fsctp_addr addr;
	uint32_t adaptation; /**< For FSCTP_EV_ADAPTATION_IND. */
	/** STREAM_RESET, ASSOC_RESET, STREAM_CHANGE: FSCTP_STREAM_RESET_*,
	 * FSCTP_RECONF_DENIED, FSCTP_RECONF_FAILED. */
	uint16_t reconf_flags;
	uint16_t n_sids;	/**< STREAM_RESET: streams listed (0 = all). */
	const uint16_t *sids;	/**< STREAM_RESET: the streams. */
	uint16_t n_in_streams;	/**< STREAM_CHANGE: inbound streams now. */
	uint16_t n_out_streams; /**< STREAM_CHANGE: outbound streams now. */
	uint32_t local_tsn;	/**< ASSOC_RESET: our next TSN. */
	uint32_t remote_tsn;	/**< ASSOC_RESET: the peer's next TSN. */
	/** For FSCTP_EV_PEER_ADDR_CHANGE: an enum fsctp_addr_state. */
	uint8_t addr_state;
	/** For FSCTP_EV_PEER_ADDR_CHANGE: the path's error count. */
	uint32_t addr_error;
	/** For FSCTP_EV_PARTIAL_DELIVERY (aborted): the message's MID and
	 * kind (its stream and PPID in sid and ppid). */
	uint32_t mid;
	bool unordered;
	/** For FSCTP_EV_AUTHENTICATION: the key number (FSCTP_AUTH_NEW_KEY). */
	uint16_t keynumber;
	/** For FSCTP_EV_AUTHENTICATION: an enum fsctp_auth_indication. */
	uint8_t auth_indication;
};

/** Stream schedulers (RFC 8260 section 3, values of 4.3.2). */
enum fsctp_stream_sched {
	FSCTP_SS_FCFS = 0,   /**< First come first served (default). */
	FSCTP_SS_RR = 1,     /**< Round robin, one message (I-DATA: chunk)
			      * per stream in turn. */
	FSCTP_SS_RR_PKT = 2, /**< Round robin per packet. */
	FSCTP_SS_PRIO = 3,   /**< Priority: lowest value first. */
	FSCTP_SS_FC = 4,     /**< Fair capacity: equal bytes per stream. */
	FSCTP_SS_WFQ = 5,    /**< Weighted fair queueing: bytes by weight. */
};

/** Protocol parameters (RFC 9260 section 16) and limits of one stack. */
struct fsctp_stack_config {
	uint32_t rto_initial_ms;       /**< RTO.Initial, default 1000. */
	uint32_t rto_min_ms;	       /**< RTO.Min, default 1000. */
	uint32_t rto_max_ms;	       /**< RTO.Max, default 60000. */
	uint32_t valid_cookie_life_ms; /**< Valid.Cookie.Life, default 60000. */
	uint32_t assoc_max_retrans; /**< Association.Max.Retrans, default 10. */
	uint32_t path_max_retrans;  /**< Path.Max.Retrans, default 5. */
	uint32_t max_init_retrans;  /**< Max.Init.Retransmits, default 8. */
	uint32_t hb_interval_ms;    /**< HB.interval, default 30000; 0 = off. */
	uint32_t sack_delay_ms;	    /**< Delayed SACK timeout, default 200. */
	uint32_t sack_freq;	    /**< SACK every Nth packet, default 2. */
	uint32_t max_burst;	    /**< Max.Burst, default 4. */
	uint32_t rwnd; /**< Advertised receive window, default 256 KiB. */
	uint16_t n_out_streams;	 /**< Requested outbound streams, default 16. */
	uint16_t max_in_streams; /**< Accepted inbound streams, default 16. */
	uint16_t pmtu; /**< Initial path MTU in bytes (IP header included). */
	uint32_t max_msg_size; /**< Largest user message, default 256 KiB. */
	uint32_t sndbuf;       /**< Send buffer per association, bytes. */
	uint32_t max_assocs;   /**< Associations this stack may hold. */
	uint64_t reasm_limit_global; /**< Reassembly bytes, all associations. */
	/** Replies anyone can trigger without knowing a verification tag
	 * (INIT ACK, ABORT, out-of-the-blue SHUTDOWN COMPLETE) per second,
	 * token bucket; default 10000, 0 = no limit. Beyond it the packet
	 * is dropped unanswered and counted (fsctp_tx_reply_limited). */
	uint32_t reply_rate;
	uint32_t reply_burst; /**< Bucket size, default 1000 (>= 1). */
	/** RFC 6525 requests from peers accepted by default
	 * (FSCTP_ENABLE_*), default 0: all Denied until enabled. */
	uint8_t reconf_enable;
	/** Streams per direction an association may grow to by RFC 6525
	 * Add Streams requests, default 1024; beyond it they are Denied. */
	uint16_t reconf_max_streams;
	bool nodelay;	     /**< Disable Nagle-like coalescing. */
	bool tx_crc_offload; /**< Leave the CRC32c field zero for the NIC. */
	/** Offer I-DATA (RFC 8260 2.2, default off): used when the peer
	 * lists it too; then message interleaving and I-FORWARD-TSN. */
	bool idata;
	/** Partial delivery point in bytes (RFC 6458 8.1.21; RFC 9260
	 * 6.9): a message that may be delivered now (unordered, or next on
	 * its stream) is delivered in pieces of at least this much as it
	 * arrives (fsctp_msg.partial on all but the last), DATA and I-DATA
	 * associations; 0 (default): whole messages. */
	uint32_t pd_point;
	/** Fragment interleave level (RFC 6458 8.1.20), 0..2, default 1:
	 * at 0 and 1, while a message is partly delivered nothing else of
	 * its association is delivered (held until it ends); at 2 other
	 * streams' messages (and unordered ones) may come between its
	 * pieces. Levels 0 and 1 are the same (associations never hold one
	 * another back: each message names its association). */
	uint8_t frag_interleave;
	/** Stream scheduler of new associations (RFC 8260 3), an enum
	 * fsctp_stream_sched; default FSCTP_SS_FCFS. */
	uint8_t stream_sched;
	/** Owning-lcore bits encoded in verification tags (steering). */
	uint8_t owner_bits; /**< Number of tag bits naming the owner, <= 8. */
	uint8_t owner_id;   /**< This stack's owner id, < (1 << owner_bits). */
	/**
	 * RFC 9653: the lower layer detects errors itself (e.g. SCTP over
	 * DTLS, EDMID 1), so packets may carry checksum 0. Non-zero: the
	 * Error Detection Method Identifier offered in INIT / INIT ACK
	 * (Zero Checksum Acceptable); associations whose peer offers the
	 * same one send checksum 0 and accept it. Default 0: off, every
	 * packet carries and needs a correct CRC32c.
	 */
	uint32_t zero_csum_edmid;
	/**
	 * RFC 7829 PotentiallyFailed.Max.Retrans (PFMR): a path whose error
	 * count exceeds it (but not Path.Max.Retrans) is Potentially
	 * Failed. Default FSCTP_PF_OFF (no PF state); 0 = quick failover.
	 */
	uint32_t pf_threshold;
	/** RFC 8899 PLPMTUD on every path: probes (HEARTBEAT + PAD),
	 * black-hole detection, raising the PMTU again. Default off: the
	 * PMTU then starts at pmtu and only ICMP lowers it. */
	bool plpmtud;
	/** MAX_PLPMTU in bytes (IP header included); 0 = pmtu. At most
	 * FSCTP_PMTU_MAX. */
	uint16_t plpmtud_max;
	/** RFC 4895 AUTH: offer RANDOM, CHUNKS and HMAC-ALGO in INIT / INIT
	 * ACK; associations whose peer offers them too authenticate the
	 * chunk types each side lists (fsctp_stack_auth_*). Default off. */
	bool auth;
	/** Chunk types required authenticated from the start (the CHUNKS
	 * parameter, RFC 4895 3.2); more with fsctp_stack_auth_chunk(). */
	uint8_t auth_chunks[8];
	uint8_t n_auth_chunks;
	/** RFC 5061 ASCONF (needs auth): list ASCONF and ASCONF-ACK in
	 * Supported Extensions and require them authenticated; received
	 * ASCONFs are answered (Set Primary and Add IP applied; Delete IP
	 * of a path refused). Default off. */
	bool asconf;
	/** PROBE_TIMER in ms, default 15000 (RFC 8899 5.1.1: >= 1000). */
	uint32_t plpmtud_probe_ms;
	/** PMTU_RAISE_TIMER in ms, default 600000 (RFC 8899 5.1.1). */
	uint32_t plpmtud_raise_ms;
	/** Send-queue message blocks (small messages) kept for reuse
	 * instead of freed, per stack; default 8192, 0 = none (malloc
	 * alone). Puts beyond it: fsctp_msg_cache_full. */
	uint32_t msg_cache;
};

/** fsctp_stack_config.pf_threshold: the PF state is not used. */
#define FSCTP_PF_OFF UINT32_MAX

/** Fill cfg with the RFC 9260 section 16 defaults and fsctp's limits. */
void fsctp_stack_config_defaults(struct fsctp_stack_config *cfg);

/** PR-SCTP policies (RFC 7496 section 3), for fsctp_sndinfo.pr_policy. */
enum fsctp_pr_policy {
	FSCTP_PR_NONE = 0, /**< Reliable (or TTL through lifetime_ms). */
	FSCTP_PR_TTL = 1,  /**< Timed reliability: pr_value ms. */
	FSCTP_PR_RTX = 2,  /**< At most pr_value retransmissions. */
	FSCTP_PR_PRIO = 3, /**< Priority pr_value (0 highest): dropped while
			    * never sent when a higher one finds the send
			    * buffer full. */
};

/** Per-send parameters (RFC 6458 sctp_sndinfo and PR-SCTP info). */
struct fsctp_sndinfo {
	uint16_t sid;	       /**< Stream. */
	uint32_t ppid;	       /**< Payload protocol identifier, host order. */
	bool unordered;	       /**< Send as unordered. */
	bool sack_immediately; /**< Set the I bit (RFC 7053). */
	uint64_t context;      /**< Returned in SEND_FAILED. */
	uint32_t lifetime_ms;  /**< PR-SCTP timed reliability, 0 = reliable. */
	/** enum fsctp_pr_policy (RFC 7496); applies only when the peer
	 * supports PR-SCTP (RFC 3758), else the message is reliable. */
	uint8_t pr_policy;
	uint32_t pr_value; /**< Lifetime ms, retransmissions or priority. */
};

/** One message of a burst: its bytes. */
struct fsctp_msgvec {
	const void *buf; /**< The message. */
	uint32_t len;	 /**< Its length, > 0. */
};

/** @return a state's RFC name, e.g. "ESTABLISHED". */
const char *fsctp_state_name(enum fsctp_state s);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_PROTO_H */
