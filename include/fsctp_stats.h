/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Counters of a stack (all endpoints of one protocol instance) and of one
 * association, as the core keeps them and the public API copies them out.
 * Names follow the SCTP MIB (RFC 3873) where one exists (sctpXxx); the
 * fsctp_ ones count every discard reason and every limit.
 */
#ifndef FSCTP_STATS_H
#define FSCTP_STATS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Stack-wide counters (RFC 3873 sctpStats plus fsctp discard reasons). */
struct fsctp_stack_counters {
	/* RFC 3873 sctpStats. */
	uint64_t sctpCurrEstab;	       /**< Gauge: ESTABLISHED/SHUTDOWN-*. */
	uint64_t sctpActiveEstabs;     /**< COOKIE-ECHOED -> ESTABLISHED. */
	uint64_t sctpPassiveEstabs;    /**< CLOSED -> ESTABLISHED (cookie). */
	uint64_t sctpAborteds;	       /**< Associations ended by ABORT. */
	uint64_t sctpShutdowns;	       /**< Graceful shutdowns completed. */
	uint64_t sctpOutOfBlues;       /**< Out-of-the-blue packets received. */
	uint64_t sctpChecksumErrors;   /**< Packets with a bad CRC32c. */
	uint64_t sctpOutCtrlChunks;    /**< Control chunks sent. */
	uint64_t sctpOutOrderChunks;   /**< Ordered DATA chunks sent. */
	uint64_t sctpOutUnorderChunks; /**< Unordered DATA chunks sent. */
	uint64_t sctpInCtrlChunks;     /**< Control chunks received. */
	uint64_t sctpInOrderChunks;    /**< Ordered DATA chunks received. */
	uint64_t sctpInUnorderChunks;  /**< Unordered DATA chunks received. */
	uint64_t sctpOutSCTPPacks;     /**< Packets sent. */
	uint64_t sctpInSCTPPacks;      /**< Packets received. */
	uint64_t sctpT1InitExpireds;   /**< T1-init expiries. */
	uint64_t sctpT1CookieExpireds; /**< T1-cookie expiries. */
	uint64_t sctpT2ShutdownExpireds;      /**< T2-shutdown expiries. */
	uint64_t sctpT5ShutdownGuardExpireds; /**< T5 expiries. */
	/* fsctp: discard reasons. */
	uint64_t fsctp_rx_too_short; /**< Shorter than a common header. */
	uint64_t fsctp_rx_malformed; /**< Chunk walk failed (3.2). */
	uint64_t fsctp_rx_no_chunks; /**< Header only. */
	uint64_t fsctp_rx_bad_port;  /**< Source or destination port 0. */
	uint64_t fsctp_rx_not_alone; /**< INIT/INIT ACK/SHUTDOWN COMPLETE
					      bundled (6.10). */
	uint64_t fsctp_rx_cookie_not_first; /**< COOKIE ECHO not first. */
	uint64_t fsctp_rx_bad_vtag;	    /**< Verification tag (8.5). */
	uint64_t fsctp_rx_ootb_discard;	    /**< OOTB silently dropped. */
	uint64_t fsctp_rx_ootb_abort;	    /**< OOTB answered by ABORT. */
	uint64_t fsctp_rx_ootb_shutcomp;    /**< OOTB SHUTDOWN ACK answered. */
	uint64_t fsctp_rx_nonunicast;	    /**< OOTB from non-unicast. */
	uint64_t fsctp_rx_init_tag0;	    /**< INIT with initiate tag 0. */
	uint64_t fsctp_rx_init_invalid;	    /**< INIT answered by ABORT. */
	uint64_t fsctp_rx_init_no_listener; /**< INIT to a closed port. */
	uint64_t fsctp_rx_init_bad_vtag;    /**< INIT with vtag != 0. */
	uint64_t fsctp_rx_cookie_bad_mac;   /**< Forged/corrupt cookie. */
	uint64_t fsctp_rx_cookie_bad_len;   /**< Cookie of wrong size. */
	uint64_t fsctp_rx_cookie_mismatch;  /**< Ports/vtag differ (5.1.5). */
	uint64_t fsctp_rx_cookie_stale;	    /**< Expired cookie (5.1.5). */
	uint64_t fsctp_rx_cookie_dup_discard; /**< 5.2.4 no case matched. */
	uint64_t fsctp_rx_unexpected;	      /**< Chunk not valid in state. */
	uint64_t fsctp_rx_unknown_chunk;      /**< Unrecognised chunk type. */
	uint64_t fsctp_rx_hb_ack_bad;	      /**< HEARTBEAT ACK not ours. */
	uint64_t fsctp_rx_bad_chunk_len;      /**< Chunk too short for type. */
	uint64_t fsctp_assoc_limit;	      /**< max_assocs reached. */
	uint64_t fsctp_ep_limit;   /**< FSCTP_MAX_ENDPOINTS reached. */
	uint64_t fsctp_nomem;	   /**< Allocation failures. */
	uint64_t fsctp_timer_full; /**< Timer heap full. */
	uint64_t fsctp_tx_too_big; /**< Reply did not fit. */
	uint64_t fsctp_restarts;   /**< Peer restarts (5.2.4 A). */
	uint64_t fsctp_collisions; /**< INIT collisions (5.2.1). */
	uint64_t fsctp_cookie_key_rotations; /**< Secret rotations. */
	uint64_t fsctp_comm_lost;	     /**< Associations lost. */
	uint64_t fsctp_cant_start;	     /**< CANT_STR_ASSOC. */
	/* Data path (RFC 3873 names where they exist). */
	uint64_t sctpFragUsrMsgs;	  /**< Messages sent in fragments. */
	uint64_t sctpReasmUsrMsgs;	  /**< Fragmented messages received. */
	uint64_t fsctp_t3_expireds;	  /**< T3-rtx expiries. */
	uint64_t fsctp_rtx_chunks;	  /**< DATA chunks retransmitted. */
	uint64_t fsctp_fast_rtx_chunks;	  /**< Marked by fast retransmit. */
	uint64_t fsctp_sack_delayed;	  /**< SACKs sent by the timer. */
	uint64_t fsctp_sack_bundled;	  /**< Delayed SACKs sent early, ahead
					  of DATA leaving at once. */
	uint64_t fsctp_sack_stale;	  /**< Stale SACKs ignored. */
	uint64_t fsctp_sack_violation;	  /**< SACKs of unsent TSNs. */
	uint64_t fsctp_rx_dup_tsns;	  /**< Duplicate DATA received. */
	uint64_t fsctp_rx_data_dropped;	  /**< DATA not kept (window,
						memory, bad fragment). */
	uint64_t fsctp_rx_invalid_stream; /**< DATA for a bad stream. */
	uint64_t fsctp_rx_no_user_data;	  /**< DATA without user data. */
	uint64_t fsctp_rx_protocol_violation; /**< DATA/I-DATA or FORWARD
						* TSN kind not negotiated
						* (RFC 8260 2.2, 2.3). */
	uint64_t fsctp_pd_aborted;  /**< Partial deliveries given up. */
	uint64_t fsctp_rx_reneged;  /**< TSNs dropped after being acked, to
				    * take a lower one (RFC 9260 6.2). */
	uint64_t fsctp_send_failed; /**< SEND_FAILED reported. */
	uint64_t fsctp_tx_waits;    /**< DATA held back: output full. */
	/* Path MTU (RFC 9260 7.3 and 10, fsctp_stack_pmtu_update()). */
	uint64_t fsctp_pmtu_lowered;	/**< Path MTUs lowered. */
	uint64_t fsctp_pmtu_floor;	/**< Reports below the floor. */
	uint64_t fsctp_pmtu_not_lower;	/**< Reports not below the PMTU. */
	uint64_t fsctp_pmtu_bad_quote;	/**< Quote too short, MTU 0. */
	uint64_t fsctp_pmtu_no_assoc;	/**< No association (ICMP5). */
	uint64_t fsctp_pmtu_bad_vtag;	/**< Tag mismatch (ICMP6). */
	uint64_t fsctp_pmtu_rtx_chunks; /**< Chunks resent after a drop. */
	uint64_t fsctp_tx_may_fragment; /**< Packets output with
					      FSCTP_OUT_F_MAY_FRAGMENT. */
	/* RFC 8899 PLPMTUD (cfg.plpmtud), all paths. */
	uint64_t fsctp_pl_probes_sent;	/**< Probes (HEARTBEAT + PAD). */
	uint64_t fsctp_pl_probes_acked; /**< Probes acknowledged. */
	uint64_t fsctp_pl_probes_lost;	/**< PROBE_TIMER expiries. */
	uint64_t fsctp_pl_black_holes;	/**< Black holes detected. */
	uint64_t fsctp_pl_raised;	/**< Path MTUs raised. */
	uint64_t fsctp_pl_ptb_hints;	/**< PTBs taken as a hint. */
	/* Hardening: what a remote peer can make the stack drop. */
	uint64_t fsctp_rx_after_close;	 /**< Messages completed after the
					     association was closed from a
					     callback, dropped. */
	uint64_t fsctp_tx_reply_limited; /**< INIT ACK / ABORT / SHUTDOWN
					       COMPLETE not sent: reply
					       rate limit (cfg.reply_rate). */
	uint64_t fsctp_rx_addr_in_use;	 /**< A new association listed a peer
					     address and port of a live one:
					     ABORT (COOKIE ECHO) or left out
					     (INIT ACK). */
	uint64_t fsctp_tuple_chain_full; /**< Listed peer addresses left
					       out: their tuple-table chain
					       was FSCTP_TUPLE_CHAIN_MAX
					       long. */
	uint64_t fsctp_path_probes;	 /**< HEARTBEATs to UNCONFIRMED peer
					     addresses (RFC 9260 5.4). */
	uint64_t fsctp_paths_confirmed;	 /**< Addresses confirmed by a
					     HEARTBEAT ACK echoing the
					     nonce. */
	uint64_t fsctp_rx_cookie_replay; /**< COOKIE ECHO of an association
					       closed while its cookie was
					       still alive: discarded. */
	uint64_t fsctp_closed_tags_full; /**< A closed tag with a live
					       cookie forgotten (ring of
					       FSCTP_CLOSED_TAGS full). */
	/* RFC 9653 zero checksum. */
	/** Packets accepted with checksum 0 (an agreeing association). */
	uint64_t fsctp_rx_zero_csum;
	/** Packets with checksum 0 and a bad CRC32c outside such an
	 * association: discarded (also counted sctpChecksumErrors). */
	uint64_t fsctp_rx_zero_csum_refused;
	/** Packets sent with checksum 0. */
	uint64_t fsctp_tx_zero_csum;
	/* Authenticated chunks (RFC 4895). */
	uint64_t fsctp_auth_tx;	     /**< Packets sent with an AUTH chunk. */
	uint64_t fsctp_auth_tx_fail; /**< AUTH needed but not added (no key
				       of the active id): sent without. */
	uint64_t fsctp_auth_rx_ok;   /**< AUTH chunks verified. */
	uint64_t fsctp_auth_rx_bad;  /**< AUTH chunks with a wrong HMAC (or
				       length): the rest discarded. */
	uint64_t fsctp_auth_rx_bad_hmac_id; /**< Unsupported HMAC
					      Identifier: ERROR sent. */
	uint64_t fsctp_auth_rx_bad_key;	    /**< Unknown Shared Key Identifier:
					  discarded. */
	/** Chunks that needed an AUTH before them and had none: dropped. */
	uint64_t fsctp_auth_rx_unauth_drop;
	/* ASCONF (RFC 5061), receiving side. */
	uint64_t fsctp_asconf_in;      /**< ASCONFs processed (new serial). */
	uint64_t fsctp_asconf_ack_out; /**< ASCONF-ACKs sent (and resent). */
	uint64_t fsctp_asconf_set_primary; /**< Set Primary applied. */
	uint64_t fsctp_asconf_add_ip;	   /**< Add IP applied (new path). */
	uint64_t fsctp_asconf_refused;	   /**< Add IP / Delete IP refused
					 (Resource Shortage). */
	uint64_t fsctp_asconf_discard;	   /**< ASCONF / ASCONF-ACK discarded
					 (serial, state, malformed). */
	uint64_t fsctp_asconf_del_ip; /**< Delete IP applied (path removed). */
	/** DATA chunks in flight on a removed path, sent again elsewhere. */
	uint64_t fsctp_asconf_path_rtx;
	/* ASCONF (RFC 5061), sending side. */
	uint64_t fsctp_asconf_out;	      /**< ASCONFs sent (new serial). */
	uint64_t fsctp_asconf_rtx;	      /**< ASCONFs resent (T-4 RTO). */
	uint64_t fsctp_asconf_ack_in;	      /**< ASCONF-ACKs of ours. */
	uint64_t fsctp_asconf_ack_unexpected; /**< ASCONF-ACKs discarded (not
					  the outstanding serial). */
	uint64_t fsctp_asconf_ack_illegal;    /**< ABORTs for an ASCONF-ACK with
					  none outstanding (5.3 F0). */
	uint64_t fsctp_asconf_req_ok;	      /**< Requests of ours done. */
	uint64_t fsctp_asconf_req_failed;     /**< Requests of ours refused or
					  not processed. */
	/* Stream reconfiguration (RFC 6525). */
	uint64_t fsctp_reconf_out_reset_out; /**< Outgoing SSN Reset
					       Requests sent (first time). */
	uint64_t fsctp_reconf_in_reset_out;  /**< Incoming SSN Reset
					       Requests sent. */
	uint64_t fsctp_reconf_add_out_out;   /**< Add Outgoing Streams
					       Requests sent. */
	uint64_t fsctp_reconf_add_in_out;    /**< Add Incoming Streams
					       Requests sent. */
	uint64_t fsctp_reconf_out_reset_in;  /**< Outgoing SSN Reset
					       Requests received (new). */
	uint64_t fsctp_reconf_in_reset_in;   /**< Incoming SSN Reset
					       Requests received (new). */
	uint64_t fsctp_reconf_ssn_tsn_in;    /**< SSN/TSN Reset Requests
					       received (new). */
	uint64_t fsctp_reconf_ssn_tsn_out;   /**< SSN/TSN Reset Requests
					       sent (first time). */
	uint64_t fsctp_reconf_assoc_reset;   /**< SSN/TSN resets performed
					       (either side). */
	uint64_t fsctp_fwd_tsn_far;	     /**< FORWARD TSNs whose new
					       point lay a quarter or more of
					       the TSN space from the cum TSN
					       (another TSN epoch): ignored. */
	uint64_t fsctp_reconf_add_out_in;    /**< Add Outgoing Streams
					       Requests received (new). */
	uint64_t fsctp_reconf_add_in_in;     /**< Add Incoming Streams
					       Requests received (new). */
	uint64_t fsctp_reconf_resp_out;	     /**< Re-configuration Responses
					       sent. */
	uint64_t fsctp_reconf_resp_in;	     /**< Responses received that
					       answer a request of ours. */
	uint64_t fsctp_reconf_resp_unknown;  /**< Responses for no request
					       outstanding: ignored. */
	uint64_t fsctp_reconf_rtx;	     /**< RE-CONFIG retransmissions
					       (RE-CONFIG timer). */
	uint64_t fsctp_reconf_dup;	     /**< Retransmitted requests
					       answered again (5.2.1). */
	uint64_t fsctp_reconf_bad_seq;	     /**< Requests with an unexpected
					       sequence number. */
	uint64_t fsctp_reconf_denied;	     /**< Requests refused: not
					       enabled, bad stream, limit. */
	uint64_t fsctp_reconf_busy;	     /**< Requests refused: one of
					       ours or a reset is pending. */
	uint64_t fsctp_reconf_in_progress;   /**< Requests answered In
					       progress (5.2.2, 5.2.4). */
	uint64_t fsctp_reconf_rx_held;	     /**< DATA not taken during a
					       deferred reset (5.2.2). */
	uint64_t fsctp_reconf_bad;	     /**< Malformed RE-CONFIG chunks
					       or parameters. */
	uint64_t fsctp_reconf_peer_refused;  /**< Our requests the peer
					       denied or failed. */
	uint64_t fsctp_path_events;	     /**< Peer address change events. */
	uint64_t fsctp_path_inactive;	     /**< Paths made INACTIVE (8.2). */
	uint64_t fsctp_path_pf;		     /**< Paths made Potentially Failed
					  (RFC 7829). */
	uint64_t fsctp_rtx_alt_path;	     /**< T3-rtx retransmissions sent to
					  an alternate path (6.4). */
	uint64_t fsctp_reasm_evict_glob;     /**< Global reassembly limit: the
					       biggest holder's highest
					       out-of-order chunk dropped
					       for another association's
					       next in sequence. */
	uint64_t fsctp_t3_unanswered;	     /**< Associations ended: DATA
					       retransmitted
					       Association.Max.Retrans
					       times with no SACK at all. */
	uint64_t fsctp_msg_cache_full;	     /**< Message blocks freed because
					 msg_cache blocks were kept. */
	/** ops.out_buf had no buffer: DATA waited, control chunks went
	 * through the core's own buffer (and a copy). */
	uint64_t fsctp_tx_no_buf;
	/** Packets written in the owner's buffer (ops.out_buf). */
	uint64_t fsctp_tx_ext_buf;
};

/** Per-association counters (RFC 3873 sctpAssocTable-like). */
struct fsctp_assoc_counters {
	uint64_t sctpAssocT1expireds; /**< T1-init and T1-cookie expiries. */
	uint64_t sctpAssocT2expireds; /**< T2-shutdown expiries. */
	uint64_t sctpAssocRtxChunks;  /**< Retransmitted chunks. */
	uint64_t in_packets;	      /**< Packets accepted. */
	uint64_t out_packets;	      /**< Packets sent. */
	uint64_t in_ctrl_chunks;      /**< Control chunks accepted. */
	uint64_t out_ctrl_chunks;     /**< Control chunks sent. */
	uint64_t hb_sent;	      /**< HEARTBEATs sent. */
	uint64_t hb_acked;	      /**< Valid HEARTBEAT ACKs. */
	uint64_t hb_timeouts;	      /**< HEARTBEATs not answered. */
	uint64_t errors_in;	      /**< ERROR chunks received. */
	uint64_t unexpected;	      /**< Chunks not valid in the state. */
	uint64_t sctpAssocT3expireds; /**< T3-rtx expiries. */
	uint64_t out_data_chunks;     /**< DATA chunks sent (with rtx). */
	uint64_t in_data_chunks;      /**< DATA chunks received. */
	uint64_t fast_rtx_chunks;     /**< Chunks marked by fast rtx. */
	uint64_t sacks_in;	      /**< SACK chunks received. */
	uint64_t sacks_out;	      /**< SACK chunks sent. */
	uint64_t msgs_out;	      /**< Messages accepted by send. */
	uint64_t msgs_in;	      /**< Messages delivered. */
	uint64_t fwd_tsn_out;	      /**< FORWARD TSNs sent (RFC 3758). */
	uint64_t fwd_tsn_in;	      /**< FORWARD TSNs received. */
	uint64_t pr_abandoned;	      /**< Messages abandoned by policy. */
	uint64_t auth_rx_bad;	      /**< RFC 4895: AUTH with a bad HMAC. */
	/** RFC 4895: chunks dropped for want of an AUTH. */
	uint64_t auth_rx_unauth_drop;
};

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_STATS_H */
