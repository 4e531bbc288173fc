/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Internal structures of the protocol core: the stack, its endpoints, the
 * association (TCB, RFC 9260 section 4 / 14) and the per-packet context the
 * state machine handlers work on. Only lib/sctp files (and white-box tests)
 * include this header; applications use fsctp_core.h.
 *
 * DATA-PATH INTEGRATION CONTRACT. The association lifecycle calls these
 * hooks, whose default (handshake-only) versions live in
 * fsctp_data_hooks.c; the data integration replaces that file:
 *
 *  - fsctp_assoc_data_init(st, a): the TCB was just created (COOKIE ECHO
 *    accepted, or COOKIE ACK/INIT ACK processed); a->my_itsn/peer_itsn,
 *    n_out/n_in, peer_rwnd and the paths are set. Allocate a->data here.
 *    (fsctp_assoc_data.c implements them with struct fsctp_assoc_data.)
 *  - fsctp_assoc_data_reset(st, a): the peer restarted (5.2.4 case A): drop
 *    all data accounting and start again from the (new) TSNs in the TCB.
 *  - fsctp_assoc_data_close(st, a): the association was closed; stop the
 *    data timers but free nothing (a handler or delivery loop further up
 *    the call stack may still use a->data). Complete messages reassembly
 *    hands over after this are dropped, not delivered.
 *  - fsctp_assoc_data_free(st, a): the TCB is about to be freed (reap
 *    time, no handler runs): report what was never delivered, free.
 *  - fsctp_assoc_data_chunk(st, a, rx, ch): a DATA (or I-DATA, SACK,
 *    FORWARD-TSN) chunk in a state that accepts it; the vtag has been
 *    checked, and a COOKIE ECHO earlier in the same packet has already been
 *    processed (5.1). Return an enum fsctp_disp.
 *  - fsctp_assoc_data_packet_end(st, a, rx): every chunk of a packet was
 *    processed: bundle a SACK into the reply (fsctp_out_*) if needed.
 *  - fsctp_assoc_data_all_acked(a): no outstanding or queued data (9.2
 *    SHUTDOWN-PENDING / SHUTDOWN-RECEIVED wait for this).
 *  - fsctp_assoc_data_cum_tsn(a): our Cumulative TSN Ack for SHUTDOWN.
 *  - fsctp_assoc_data_shutdown_ack(st, a, cum): a SHUTDOWN's Cumulative
 *    TSN Ack, to be treated as a SACK without gaps (9.2).
 *  - fsctp_assoc_data_features(st): the extensions the data path
 *    implements (FSCTP_FEAT_*); they are offered in our INIT / INIT ACK,
 *    the intersection with the peer's offer is kept in a->features (and in
 *    the cookie), and then I-DATA, FORWARD-TSN, I-FORWARD-TSN and
 *    RE-CONFIG chunks are routed to fsctp_assoc_data_chunk() like DATA
 *    instead of being treated as unknown (3.2).
 *  - fsctp_assoc_data_pmtu(st, a, p, now): path p's MTU was just lowered
 *    (fsctp_stack_pmtu_update(), RFC 9260 7.3): resize, retransmit.
 *  - fsctp_send()/fsctp_msg_free() are defined there too.
 * When the data path sees all data acknowledged in SHUTDOWN-PENDING or
 * SHUTDOWN-RECEIVED it calls fsctp_assoc_shutdown_progress(st, a, now).
 * For its timers (T3-rtx, delayed SACK) it embeds struct fsctp_timer and
 * uses fsctp_assoc_timer_arm()/cancel(); to send it uses fsctp_out_begin()
 * / fsctp_out_wbuf() / fsctp_out_flush(); RTT samples go to
 * fsctp_path_rtt_update() with &st->rto_params.
 */
#ifndef FSCTP_ASSOC_H
#define FSCTP_ASSOC_H

#include <stdbool.h>
#include <stdint.h>

#include "fsctp_auth.h"
#include "fsctp_cc.h"
#include "fsctp_chunk.h"
#include "fsctp_cookie.h"
#include "fsctp_core.h"
#include "fsctp_counters.h"
#include "fsctp_path.h"
#include "fsctp_reasm.h"
#include "fsctp_reconf.h"
#include "fsctp_sendq.h"
#include "fsctp_timer.h"
#include "fsctp_tsnmap.h"
#include "fsctp_wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most endpoints (ports) one stack holds. */
#define FSCTP_MAX_ENDPOINTS 64
/** Largest packet the core builds (IP header excluded) for a path MTU
 * of 1500 or less, and for packets of no association. */
#define FSCTP_OUT_MAX 1452
/** The packet buffer: the largest packet of an association (IP header
 * excluded), for paths whose PLPMTUD found a jumbo MTU (RFC 8899). */
#define FSCTP_OUT_BUF (FSCTP_PMTU_MAX - 20)
/** Largest ERROR chunk sent in reply to one packet (bounded, 3.2). */
#define FSCTP_ERROR_MAX 512
/** Timers per association, for sizing the heap: T1, T2, T5, one
 * heartbeat and one PLPMTUD timer per path, and room for the data path (T3-rtx per path,
 * delayed SACK, ...). */
#define FSCTP_TIMERS_PER_ASSOC (8 + 3 * FSCTP_MAX_PATHS)

/** Extensions negotiated in INIT / INIT ACK (a->features). */
enum fsctp_feature {
	FSCTP_FEAT_PRSCTP = 1u << 0,   /**< RFC 3758 FORWARD-TSN. */
	FSCTP_FEAT_IDATA = 1u << 1,    /**< RFC 8260 I-DATA, I-FORWARD-TSN. */
	FSCTP_FEAT_RECONFIG = 1u << 2, /**< RFC 6525 RE-CONFIG. */
	/** RFC 9653: both sides offered Zero Checksum Acceptable with the
	 * same EDMID (cfg.zero_csum_edmid); not a data-path feature. */
	FSCTP_FEAT_ZERO_CSUM = 1u << 16,
	/** RFC 5061: both sides list ASCONF and ASCONF-ACK, with AUTH
	 * (fsctp_asconf.c); not a data-path feature. */
	FSCTP_FEAT_ASCONF = 1u << 17,
};

/** What a handler tells the chunk loop. */
enum fsctp_disp {
	FSCTP_DISP_CONTINUE = 0, /**< Go on with the next chunk. */
	FSCTP_DISP_STOP,	 /**< Discard the rest of the packet. */
	FSCTP_DISP_GONE,	 /**< The association was closed. */
};

/** Most local addresses an endpoint or association lists (5.1.2). */
#define FSCTP_MAX_LADDRS 8

/** Requests of ours an association holds, in the outstanding ASCONF and
 * queued behind it (RFC 5061 5.1 A3); beyond, -ENOBUFS. */
#define FSCTP_ASCONF_MAX_REQS 8

/** One request of ours (RFC 5061 4.2.1, 4.2.2, 4.2.4). */
struct fsctp_asconf_req {
	uint16_t type;		/**< FSCTP_PARAM_ADD_IP, DEL_IP, SET_PRIMARY. */
	struct fsctp_addr addr; /**< One of our addresses (port ignored). */
};

/** A local port. */
struct fsctp_endpoint {
	uint16_t port;
	bool used;
	bool listening;	   /**< Answers INITs (one-to-many). */
	uint32_t n_assocs; /**< Associations on this port. */
	/** fsctp_bindx(): the local addresses listed in INIT ACKs (5.1.2);
	 * none = the address the INIT came to, unlisted. */
	struct fsctp_addr laddrs[FSCTP_MAX_LADDRS];
	uint8_t n_laddrs;
};

/** One association (the TCB). */
struct fsctp_assoc {
	struct fsctp_stack *st;
	struct fsctp_endpoint *ep;
	fsctp_assoc_id_t id;
	/** Our tag (RFC 9260 5.1, 5.3.1): here, in the cache line of the
	 * hash links, so a lookup touches one line per chain entry. */
	uint32_t my_vtag;
	void *user;	   /**< fsctp_assoc_set_user(); in every event. */
	uint8_t state;	   /**< enum fsctp_state. */
	bool dead;	   /**< Closed, freed at the end of the current call. */
	bool shutdown_req; /**< fsctp_shutdown() before ESTABLISHED. */
	bool t1_retransmitted; /**< Karn (6.3.1 C5) for the handshake RTT. */
	bool data_inited;      /**< fsctp_assoc_data_init() was called. */
	/* Hash links. */
	struct fsctp_assoc *vtag_next;
	struct fsctp_assoc *id_next;
	struct fsctp_assoc *list_prev, *list_next;
	/** Waiting for room in the owner's output (fsctp_stack_tx_resume). */
	struct fsctp_assoc *tx_prev, *tx_next;
	bool tx_waiting;
	bool init_waiting; /**< Its first INIT waits for room (connect). */
	/** Its SHUTDOWN or SHUTDOWN ACK (by its state) waits for room. */
	bool shutdown_waiting;
	/* Addresses. */
	struct fsctp_addr laddr; /**< Local address and port. */
	struct fsctp_path paths[FSCTP_MAX_PATHS];
	uint8_t n_paths;
	uint8_t primary;
	/* Tags and TSNs (RFC 9260 5.1, 5.3.1); my_vtag is above. */
	uint32_t peer_vtag; /**< 0 until known. */
	uint32_t my_itsn;
	uint32_t peer_itsn;
	uint32_t peer_rwnd;
	uint32_t features; /**< Negotiated FSCTP_FEAT_*. */
	uint16_t n_out;	   /**< Negotiated outbound streams. */
	/** RFC 9260 5.1.1: the OS our INIT asked for, fixed at connect (a
	 * later change of the stack's default does not touch it). */
	uint16_t init_os;
	uint16_t n_in; /**< Negotiated inbound streams. */
	/**
	 * Tie-tags (5.2.2): random stand-ins for our current tags, put in
	 * the cookies of INIT ACKs sent for unexpected INITs so that the
	 * real tags are never disclosed; 0 until first needed.
	 */
	uint32_t tie_local;
	uint32_t tie_peer;
	/* Handshake (5.1). */
	struct fsctp_timer t1; /**< T1-init or T1-cookie. */
	uint32_t init_retrans; /**< Retransmissions of INIT/COOKIE ECHO. */
	uint32_t cookie_preservative_ms; /**< Asked for in the next INIT. */
	fsctp_time_t t1_sent;		 /**< For the handshake RTT. */
	uint8_t *cookie;		 /**< Echoed cookie (COOKIE-ECHOED). */
	uint16_t cookie_len;
	/** Passive side: when the cookie that created this TCB expires; a
	 * replay of it after the close is refused until then (5.2.4). */
	fsctp_time_t cookie_expires;
	uint8_t *cookie_err; /**< ERROR chunk bundled with COOKIE ECHO. */
	uint16_t cookie_err_len;
	/* Shutdown (9.2). */
	struct fsctp_timer t2; /**< T2-shutdown. */
	struct fsctp_timer t5; /**< T5-shutdown-guard. */
	/**
	 * T2 expiries since SHUTDOWN-SENT / SHUTDOWN-ACK-SENT was entered
	 * (or since the peer's last DATA in SHUTDOWN-SENT); bounded by
	 * Association.Max.Retrans (9.2). Apart from error_count, which a
	 * HEARTBEAT ACK clears (8.1).
	 */
	uint32_t t2_retrans;
	/**
	 * T3-rtx expiries since the last SACK, bounded by
	 * Association.Max.Retrans too (8.1 with 6.3.3): a peer that answers
	 * HEARTBEATs but drops every DATA chunk without a SACK (e.g. it took
	 * a corrupted Initial TSN that passed the CRC) would otherwise be
	 * sent the same DATA for ever.
	 */
	uint32_t t3_unanswered;
	/* Fault management (8.1). */
	uint32_t error_count;
	struct fsctp_assoc_counters ctr;
	/* Multi-homing (fsctp_multihome.c). */
	/** Local addresses of the association (5.1.2); laddr is one of
	 * them, or the only one when n_laddrs is 0. */
	struct fsctp_addr laddrs[FSCTP_MAX_LADDRS];
	uint8_t n_laddrs;
	/** RTO.Initial/Min/Max of this association (RFC 6458 8.1.1). */
	struct fsctp_rto_params rto_params;
	uint32_t assoc_max_retrans; /**< Association.Max.Retrans (8.1). */
	uint32_t pf_threshold;	    /**< RFC 7829 PFMR. */
	uint32_t pmr_default;	    /**< Path.Max.Retrans of new paths. */
	uint32_t hb_default_ms;	    /**< HB.interval of new paths. */
	uint32_t pmtu_default;	    /**< Path MTU of new paths, 0 = stack's. */
	/** Data path state (see the contract above), or NULL. */
	struct fsctp_assoc_data *data;
	/** RFC 4895 (fsctp_auth.c). */
	struct fsctp_assoc_auth auth;
	/** RFC 5061 (fsctp_asconf.c). */
	struct {
		/* Receiving side (5.2). */
		uint32_t peer_serial; /**< 5.2: last serial processed. */
		uint16_t ack_len;     /**< Cached ASCONF-ACK, 0: none. */
		uint8_t ack[256];
		/* Sending side (5.1). */
		/** reqs[0, n_sent): in the outstanding ASCONF; then up to
		 * n_reqs queued behind it (5.1 A3). */
		struct fsctp_asconf_req reqs[FSCTP_ASCONF_MAX_REQS];
		uint8_t n_sent;
		uint8_t n_reqs;
		bool outstanding;     /**< 5.1.1 C1: at most one. */
		uint8_t path;	      /**< Where it went last. */
		uint8_t refused;      /**< 5.3 F1: types the peer does not know
				    * (bit FSCTP_ASCONF_REQ_*). */
		uint32_t next_serial; /**< 5.1 A2: from my_itsn. */
		struct fsctp_timer timer; /**< T-4 RTO (5.1 B1-B5). */
	} asconf;
};

struct fsctp_assoc_data;

/** A T3-rtx timer and the path it belongs to. */
struct fsctp_data_t3 {
	struct fsctp_timer t;
	struct fsctp_assoc_data *d;
	uint8_t path;
};

struct fsctp_data_pre;

/**
 * The data path of one association (fsctp_assoc_data.c): receive (TSN map,
 * reassembly), send (send queue, per-path congestion control) and their
 * timers (RFC 9260 6, 7).
 */
struct fsctp_assoc_data {
	struct fsctp_assoc *a;
	bool ready;	   /**< The modules below are set up. */
	bool sq_inited;	   /**< sq holds allocations. */
	bool reasm_inited; /**< reasm holds allocations. */
	/* Receive side (6.2, 6.5, 6.9). */
	struct fsctp_tsnmap map;
	struct fsctp_reasm reasm;
	struct fsctp_timer sack_timer; /**< Delayed SACK (6.2). */
	uint8_t sack_path;	       /**< Where the last DATA came from. */
	bool pkt_data;		       /**< DATA in the current packet. */
	bool pkt_i_bit;		       /**< An I bit in it (RFC 7053). */
	bool wnd_update;	       /**< A window update SACK is due. */
	bool sack_waiting; /**< A SACK waits for room (fsctp_stack_tx_resume). */
	bool fwd_due;	   /**< RFC 3758 3.5 C: a FORWARD TSN goes with the next
		       * transmission. */
	/* Send side (6.1, 6.3, 7.2). */
	struct fsctp_sendq sq;
	struct fsctp_cc_path cc[FSCTP_MAX_PATHS];
	struct fsctp_data_t3 t3[FSCTP_MAX_PATHS];
	/* Messages sent in COOKIE-WAIT, before the TCB knows the peer. */
	struct fsctp_data_pre *pre_head, *pre_tail;
	uint64_t pre_bytes;
	bool pre_eagain;
	/** Stream reconfiguration (RFC 6525, fsctp_reconf.c). */
	struct fsctp_reconf rc;
};

/** The per-packet context handed to every handler. */
struct fsctp_rx {
	const struct fsctp_addr *src; /**< IP source, port = source port. */
	const struct fsctp_addr *dst; /**< IP destination, port = dst port. */
	const struct fsctp_packet *pkt;
	fsctp_time_t now;
	struct fsctp_path *path; /**< Path the packet came from, or NULL. */
	bool no_error_reply;	 /**< The packet carries an ERROR. */
	bool no_abort_reply;	 /**< The packet carries an ABORT. */
	bool data_seen;		 /**< DATA chunks were processed. */
	bool cookie_done;	 /**< A COOKIE ECHO set up or found a TCB. */
	bool t_bit_ok;		 /**< vtag matched only by the T-bit rule. */
	bool shutdown_sent;	 /**< 9.2: SHUTDOWN answered DATA already. */
	bool auth_ok;		 /**< RFC 4895 6.3: a valid AUTH came before. */
	/** Zero copy: the owner's reference to the packet (NULL: none) and
	 * the bytes it covers. */
	void *ref;
	const uint8_t *ref_base;
	size_t ref_len;
	/** The association a COOKIE ECHO created (out-of-the-blue path). */
	struct fsctp_assoc *assoc;
	/** Unrecognized Chunk Type causes gathered for one ERROR (3.2). */
	uint8_t err[FSCTP_ERROR_MAX];
	struct fsctp_wbuf errw;
};

/** The packet being built. */
struct fsctp_out {
	uint8_t buf[FSCTP_OUT_BUF];
	/** The packet's bytes: buf, or the owner's buffer (ops.out_buf). */
	uint8_t *pkt;
	uint32_t pkt_cap; /**< Size of pkt. */
	/** An owner's buffer not handed back yet (no chunk went in it), kept
	 * for the next packet, or NULL. */
	uint8_t *ext;
	uint32_t ext_cap;
	struct fsctp_wbuf w;
	struct fsctp_addr src, dst;
	uint32_t vtag;
	bool open;
	unsigned n_chunks;
	struct fsctp_assoc *a; /**< For per-association counters, or NULL. */
	bool probe;	       /**< A PLPMTUD probe: never IP-fragmentable. */
	/** Some chunk of the packet came from an association: without one
	 * the packet is flagged FSCTP_OUT_F_STATELESS. */
	bool stateful;
};

/** One protocol instance. */
/** Closed associations remembered against cookie replay. */
#define FSCTP_CLOSED_TAGS 256

struct fsctp_stack {
	struct fsctp_stack_config cfg;
	/** Send-queue message blocks kept for reuse (cfg.msg_cache). */
	struct fsctp_objcache msg_cache;
	struct fsctp_core_ops ops;
	struct fsctp_rto_params rto_params;
	fsctp_time_t now;
	struct fsctp_timer_heap timers;
	struct fsctp_endpoint eps[FSCTP_MAX_ENDPOINTS];
	/** The endpoint of client associations whose local port does not
	 * listen (never in eps[], never listening). */
	struct fsctp_endpoint ep_clients;
	/* Lookup tables (chained hashes, power-of-two sizes). */
	struct fsctp_assoc **vtag_tab;
	struct fsctp_path **tuple_tab;
	struct fsctp_assoc **id_tab;
	uint32_t hash_mask;
	/** Secret key of the lookup hashes (SipHash-2-4 for the tuple
	 * table, whose keys the peer chooses), from ops.rand_bytes. */
	uint64_t hash_key[2];
	uint32_t hash_key32;	  /**< Folded into our tags and ids. */
	struct fsctp_assoc *list; /**< All live associations. */
	struct fsctp_assoc *dead; /**< Closed, to free at end of call. */
	/** Associations with DATA held back by a full output, in order. */
	struct fsctp_assoc *tx_head, *tx_tail;
	uint32_t n_assocs;
	fsctp_assoc_id_t next_id;
	struct fsctp_cookie_secret secret;
	struct fsctp_stack_counters ctr;
	struct fsctp_out out;
	int depth;    /**< Nesting of public calls, for deferred frees. */
	bool freeing; /**< fsctp_stack_free() runs: no events. */
	/** Reassembly memory of all associations (fsctp_reasm.h). */
	struct fsctp_reasm_global reasm_global;
	/** Tags of closed associations whose cookie is still alive: a
	 * replayed COOKIE ECHO must not bring them back (ring, oldest
	 * overwritten and counted). */
	struct {
		uint32_t vtag;
		fsctp_time_t expires;
	} closed_tags[FSCTP_CLOSED_TAGS];
	uint32_t closed_tags_next;
	/** Token bucket of cfg.reply_rate, in token-microseconds. */
	uint64_t reply_tokens;
	fsctp_time_t reply_last;
	/** RFC 4895 endpoint settings (fsctp_auth.c). */
	struct fsctp_auth_ep auth;
};

/* --- fsctp_stack.c ------------------------------------------------------ */

/** Look an association up by our verification tag. */
struct fsctp_assoc *fsctp_lookup_vtag(struct fsctp_stack *st, uint32_t vtag);
/** Look up by (local port, peer address, peer port). */
struct fsctp_assoc *fsctp_lookup_tuple(struct fsctp_stack *st, uint16_t lport,
				       const struct fsctp_addr *peer);
/** Look up by id. */
struct fsctp_assoc *fsctp_lookup_id(const struct fsctp_stack *st,
				    fsctp_assoc_id_t id);
/** The endpoint bound to port, or NULL. */
struct fsctp_endpoint *fsctp_ep_find(struct fsctp_stack *st, uint16_t port);
/** A fresh verification tag: non-zero, owner bits set, unused. */
uint32_t fsctp_new_vtag(struct fsctp_stack *st);
/** Take a token for a reply anyone can trigger (cfg.reply_rate); false
 * (and counted in fsctp_tx_reply_limited) when the bucket is empty. */
bool fsctp_stack_reply_ok(struct fsctp_stack *st, fsctp_time_t now);
/** SipHash-2-4 of m under key. */
uint64_t fsctp_siphash24(const uint64_t key[2], const uint8_t *m, size_t len);
/** Longest tuple chain a listed peer address may join: beyond it the
 * address is left out (fsctp_tuple_chain_full). */
#define FSCTP_TUPLE_CHAIN_MAX 16
/** Entries in the tuple-table bucket of (lport, peer). */
uint32_t fsctp_stack_tuple_chain(struct fsctp_stack *st, uint16_t lport,
				 const struct fsctp_addr *peer);
/** Fresh random bytes from ops->rand_bytes. */
void fsctp_rand(struct fsctp_stack *st, void *buf, size_t len);
/** Insert a new association in the vtag and id tables and the list. */
void fsctp_stack_link_assoc(struct fsctp_stack *st, struct fsctp_assoc *a);
/** Remove an association and its paths from every table. */
void fsctp_stack_unlink_assoc(struct fsctp_stack *st, struct fsctp_assoc *a);
/** Insert / remove an association in the vtag table only. */
void fsctp_stack_link_vtag(struct fsctp_stack *st, struct fsctp_assoc *a);
/** See fsctp_stack_link_vtag(). */
void fsctp_stack_unlink_vtag(struct fsctp_stack *st, struct fsctp_assoc *a);
/** Insert a path in the tuple table. */
void fsctp_stack_link_path(struct fsctp_stack *st, struct fsctp_path *p);
/** Remove a path from the tuple table (no-op when not there). */
void fsctp_stack_unlink_path(struct fsctp_stack *st, struct fsctp_path *p);
/** @return true when the owner's output has no room for another packet
 * (ops.tx_room): new DATA waits instead of being dropped there. */
bool fsctp_stack_tx_full(struct fsctp_stack *st);
/** @return true when the owner's output has no room at all, not even for
 * a control chunk. */
bool fsctp_stack_ctrl_full(struct fsctp_stack *st);
/** Queue a for fsctp_stack_tx_resume() (once; counted). */
void fsctp_stack_tx_wait(struct fsctp_stack *st, struct fsctp_assoc *a);
/** Fill in the CRC32c of a packet (RFC 9260 6.8). */
void fsctp_stack_set_crc(const struct fsctp_stack *st, uint8_t *pkt,
			 size_t len);

/* --- fsctp_auth.c ------------------------------------------------------- */

/** Our key vector for a new INIT / INIT ACK (fresh RANDOM), or *len 0
 * when AUTH is off. @return 0 or -ENOSPC. */
int fsctp_auth_local_vec(struct fsctp_stack *st, uint8_t *vec, uint16_t *len);
/** Point the AUTH parameters of ii at the parameters in vec. */
void fsctp_auth_put_init(const uint8_t *vec, uint16_t len,
			 struct fsctp_init_info *ii);
/** The peer's key vector from its INIT / INIT ACK into vec
 * (FSCTP_AUTH_VEC_MAX bytes); @return its length, 0 when not usable. */
uint16_t fsctp_auth_peer_vec(const struct fsctp_init_info *ii, uint8_t *vec);
/** Set a->auth from both key vectors (on when both are present). */
void fsctp_auth_assoc_setup(struct fsctp_assoc *a, const uint8_t *my,
			    uint16_t mylen, const uint8_t *peer, uint16_t plen);
/** @return true when we require chunk type authenticated. */
bool fsctp_auth_required(const struct fsctp_assoc *a, uint8_t type);
/** Bytes an AUTH chunk may add to a's packets (0 without AUTH). */
uint32_t fsctp_auth_tx_room(const struct fsctp_assoc *a);
/** At flush: insert and sign the AUTH chunk a packet needs (6.2). */
void fsctp_auth_tx(struct fsctp_stack *st, struct fsctp_out *o);
/**
 * Before a chunk is handled (6.3): @return 1 to handle it, 0 to skip it
 * (an AUTH checked, or a chunk that needed one), -1 to discard the rest.
 */
int fsctp_auth_rx(struct fsctp_stack *st, struct fsctp_assoc *a,
		  struct fsctp_rx *rx, const struct fsctp_tlv *ch);

/* --- fsctp_asconf.c ----------------------------------------------------- */

/** FSCTP_FEAT_ASCONF when cfg.asconf and the peer's INIT / INIT ACK lists
 * ASCONF and ASCONF-ACK (RFC 5061 4.2.7) with AUTH parameters. */
uint32_t fsctp_asconf_peer(const struct fsctp_stack *st,
			   const struct fsctp_init_info *ii);
/** List ASCONF and ASCONF-ACK in Supported Extensions (cfg.asconf). */
void fsctp_asconf_offer(const struct fsctp_stack *st,
			struct fsctp_init_info *ii);
/** Set the sending side's timer up (a new TCB). */
void fsctp_asconf_init(struct fsctp_assoc *a);
/** Both serials from the TCB's Initial TSNs, nothing outstanding or
 * queued (RFC 5061 4.1.1, 5.1, 5.2): a new or restarted TCB. */
void fsctp_asconf_setup(struct fsctp_assoc *a);
/** Stop the T-4 RTO timer (the association closes). */
void fsctp_asconf_stop(struct fsctp_assoc *a);
/** An ASCONF-ACK of an association that negotiated ASCONF (5.3). */
enum fsctp_disp fsctp_asconf_ack_rx(struct fsctp_stack *st,
				    struct fsctp_assoc *a, struct fsctp_rx *rx,
				    const struct fsctp_tlv *ch);
/** An ASCONF of an association that negotiated it (RFC 5061 5.2). */
enum fsctp_disp fsctp_asconf_rx(struct fsctp_stack *st, struct fsctp_assoc *a,
				struct fsctp_rx *rx,
				const struct fsctp_tlv *ch);

/* --- fsctp_assoc.c ------------------------------------------------------ */

/**
 * Allocate a TCB on endpoint ep with our tag my_vtag and the first peer
 * address. Counts and returns NULL at max_assocs or on ENOMEM.
 */
struct fsctp_assoc *fsctp_assoc_new(struct fsctp_stack *st,
				    struct fsctp_endpoint *ep,
				    const struct fsctp_addr *laddr,
				    uint32_t my_vtag);
/** Add a peer address (port taken from the first path). */
struct fsctp_path *fsctp_assoc_add_path(struct fsctp_assoc *a,
					const struct fsctp_addr *addr);
/** The path whose address equals addr (IP and port), or NULL. */
struct fsctp_path *fsctp_assoc_find_path(struct fsctp_assoc *a,
					 const struct fsctp_addr *addr);
/** @return the paths not removed (RFC 5061 4.2.2). */
unsigned fsctp_assoc_live_paths(const struct fsctp_assoc *a);
/**
 * RFC 5061 4.2.2: remove peer address p from the live association: its
 * timers stop, it leaves the lookup table, what was in flight on it is
 * retransmitted elsewhere, a new primary is chosen if it was the primary
 * (ADDR_MADE_PRIM), FSCTP_EV_PEER_ADDR_CHANGE REMOVED is emitted.
 * @return 0, or -EINVAL (the last path, or removed already).
 */
int fsctp_assoc_remove_path(struct fsctp_assoc *a, struct fsctp_path *p,
			    fsctp_time_t now);
/** Re-key the association under a new own tag. */
void fsctp_assoc_set_vtag(struct fsctp_assoc *a, uint32_t vtag);
/** Change state, keeping sctpCurrEstab right. */
void fsctp_assoc_set_state(struct fsctp_assoc *a, enum fsctp_state s);
/**
 * Close: cancel timers, unlink, emit ev_type (0 for none) with an optional
 * cause, free at the end of the current call.
 */
void fsctp_assoc_close(struct fsctp_assoc *a, enum fsctp_event_type ev_type,
		       uint16_t cause, const uint8_t *causes,
		       uint16_t causes_len);
/** Free every closed association. */
void fsctp_assoc_reap(struct fsctp_stack *st);
/** Hand ev to the application as an event of a (its id and user pointer
 * filled in): the one place events leave the core. */
void fsctp_assoc_emit(struct fsctp_assoc *a, struct fsctp_event *ev);
/** Emit an event about a. */
void fsctp_assoc_event(struct fsctp_assoc *a, enum fsctp_event_type type,
		       uint16_t cause, const uint8_t *causes,
		       uint16_t causes_len);
/** Enter ESTABLISHED: counters, COMM_UP, heartbeat timers. */
void fsctp_assoc_established(struct fsctp_assoc *a, bool active,
			     fsctp_time_t now);
/** Arm a timer of the stack's heap (counts a full heap). */
int fsctp_assoc_timer_arm(struct fsctp_stack *st, struct fsctp_timer *t,
			  fsctp_time_t expires);
/** Cancel a timer of the stack's heap. */
void fsctp_assoc_timer_cancel(struct fsctp_stack *st, struct fsctp_timer *t);
/** Send (or re-send) our INIT and arm T1-init. */
void fsctp_assoc_send_init(struct fsctp_assoc *a, fsctp_time_t now);
/** Send (or re-send) the COOKIE ECHO and arm T1-cookie. */
void fsctp_assoc_send_cookie_echo(struct fsctp_assoc *a, fsctp_time_t now);
/** Send SHUTDOWN, (re)arm T2 and start T5 if not running. */
void fsctp_assoc_send_shutdown(struct fsctp_assoc *a, fsctp_time_t now);
/** Send SHUTDOWN ACK and (re)arm T2. */
void fsctp_assoc_send_shutdown_ack(struct fsctp_assoc *a, fsctp_time_t now);
/** Resend the SHUTDOWN ACK without touching T2 (9.2: INIT received in
 * SHUTDOWN-ACK-SENT; the INIT may be spoofed). */
void fsctp_assoc_resend_shutdown_ack(struct fsctp_assoc *a);
/**
 * Move a shutdown forward once all data is acked (9.2): SHUTDOWN-PENDING
 * sends SHUTDOWN, SHUTDOWN-RECEIVED sends SHUTDOWN ACK.
 */
void fsctp_assoc_shutdown_progress(struct fsctp_stack *st,
				   struct fsctp_assoc *a, fsctp_time_t now);
/** Send an ABORT with the given causes to the peer and close with ev. */
void fsctp_assoc_abort(struct fsctp_assoc *a, const uint8_t *causes,
		       uint16_t causes_len, enum fsctp_event_type ev,
		       uint16_t cause);
/** RFC 8899: set path p's PLPMTUD up from the stack configuration
 * (DISABLED; with cfg.plpmtud the path MTU starts at BASE_PLPMTU). */
void fsctp_assoc_pl_init(struct fsctp_assoc *a, struct fsctp_path *p);
/** RFC 8899 5.2: start PLPMTUD on every confirmed path not started. */
void fsctp_assoc_pl_start(struct fsctp_assoc *a, fsctp_time_t now);
/**
 * RFC 8899 4.3: T3-rtx expired on path p; largest is the largest packet
 * lost (IP header included). May lower p->pmtu (without resending: the
 * T3-rtx handler resends) and send a probe.
 */
void fsctp_assoc_pl_data_lost(struct fsctp_assoc *a, struct fsctp_path *p,
			      uint32_t largest, fsctp_time_t now);
/** RFC 8899 4.6.2: a verified PTB of mtu for path p, as a hint.
 * @return 0 when used, -EALREADY when ignored. */
int fsctp_assoc_pl_ptb(struct fsctp_assoc *a, struct fsctp_path *p,
		       uint32_t mtu, fsctp_time_t now);
/** Start heartbeats on every path. */
void fsctp_assoc_hb_start(struct fsctp_assoc *a, fsctp_time_t now);
/**
 * Check a HEARTBEAT ACK's info against the HEARTBEAT we sent (8.3) and take
 * its RTT. @return 0, or -EINVAL when it is not ours.
 */
int fsctp_assoc_hb_ack(struct fsctp_assoc *a, const uint8_t *info, size_t len,
		       fsctp_time_t now);
/** Count one error for the association (8.1); may close it. */
bool fsctp_assoc_error(struct fsctp_assoc *a, struct fsctp_path *p);

/* --- output (fsctp_assoc.c) ---------------------------------------------- */

/**
 * Open (or continue) the outgoing packet from src to dst with vtag. A packet
 * already open for another destination or tag is sent first.
 */
void fsctp_out_begin(struct fsctp_stack *st, const struct fsctp_addr *src,
		     const struct fsctp_addr *dst, uint32_t vtag,
		     struct fsctp_assoc *a);
/** Open (or continue) a packet of association a to its primary path. */
void fsctp_out_begin_assoc(struct fsctp_stack *st, struct fsctp_assoc *a);
/**
 * The writer of the open packet, with room for need more bytes: if the
 * open packet lacks that room it is sent and a new one with the same
 * header opened.
 */
struct fsctp_wbuf *fsctp_out_wbuf(struct fsctp_stack *st, size_t need);
/** Count one control chunk just appended. */
void fsctp_out_ctrl(struct fsctp_stack *st);
/** Send the open packet (CRC32c set), if any. */
void fsctp_out_flush(struct fsctp_stack *st);
/**
 * The owner supplies packet buffers (ops.out_buf) and had none for the
 * open packet: it is in the core's buffer, so DATA should wait as for a
 * full output (fsctp_stack_tx_wait()).
 */
bool fsctp_out_no_buf(const struct fsctp_stack *st);

/* --- fsctp_multihome.c (RFC 9260 5.1.2, 6.4, 8.2; RFC 7829) ------------ */

/** Copy the stack's path defaults into a new TCB. */
void fsctp_mh_assoc_init(struct fsctp_assoc *a);
/** Give a new path its source address and per-path parameters. */
void fsctp_mh_path_init(struct fsctp_assoc *a, struct fsctp_path *p);
/** Choose every path's source address again (the local addresses
 * changed, RFC 5061). */
void fsctp_mh_reselect_src(struct fsctp_assoc *a);
/** @return the source address to use towards path p. */
const struct fsctp_addr *fsctp_mh_src(const struct fsctp_assoc *a,
				      const struct fsctp_path *p);
/** @return true when a has a local address of family (5.1.2: a peer
 * address of another family is not usable). */
bool fsctp_mh_has_family(const struct fsctp_assoc *a, uint8_t family);
/** @return the FSCTP_SAT_* bits of the local address families. */
uint8_t fsctp_mh_sat(const struct fsctp_addr *laddrs, unsigned n,
		     const struct fsctp_addr *fallback);
/** List the local addresses of a (5.1.2) in an INIT or INIT ACK; for an
 * INIT ACK only the families the peer supports (peer_sat, 0 = all). */
void fsctp_mh_list_addrs(const struct fsctp_addr *laddrs, unsigned n,
			 uint8_t peer_sat, struct fsctp_init_info *ii);
/**
 * The path new DATA goes to (6.4, 5.4, RFC 7829): the primary when it is
 * ACTIVE and confirmed, else another ACTIVE confirmed path, else the PF
 * path with the fewest errors, else the primary.
 */
struct fsctp_path *fsctp_mh_data_path(struct fsctp_assoc *a);
/**
 * 6.4: an ACTIVE (or, failing that, PF) confirmed path other than not,
 * for retransmissions; NULL when there is none.
 */
struct fsctp_path *fsctp_mh_alt_path(struct fsctp_assoc *a,
				     const struct fsctp_path *skip);
/** Count one error on path p (8.2, RFC 7829): may make it PF or
 * INACTIVE, with the events. */
void fsctp_mh_path_error(struct fsctp_assoc *a, struct fsctp_path *p);
/** Path p answered (HEARTBEAT ACK, acknowledged DATA): errors cleared,
 * ACTIVE again (8.2, RFC 7829), with ADDR_AVAILABLE if it was not. */
void fsctp_mh_path_ok(struct fsctp_assoc *a, struct fsctp_path *p);
/** Emit FSCTP_EV_PEER_ADDR_CHANGE for p with state. */
void fsctp_mh_event(struct fsctp_assoc *a, const struct fsctp_path *p,
		    enum fsctp_addr_state state);
/** @return the heartbeat interval of p in microseconds (0 = off). */
uint64_t fsctp_mh_hb_interval(const struct fsctp_path *p);

/* --- fsctp_sm.c ------------------------------------------------------- */

/** Run one chunk through the state table. */
enum fsctp_disp fsctp_sm_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
			       struct fsctp_rx *rx, const struct fsctp_tlv *ch);
/** Handle a packet with no association (8.4), chunk by chunk. */
void fsctp_sm_ootb(struct fsctp_stack *st, struct fsctp_rx *rx);
/** Send the gathered Unrecognized Chunk Type ERROR, if any (3.2). */
void fsctp_sm_flush_errors(struct fsctp_stack *st, struct fsctp_assoc *a,
			   struct fsctp_rx *rx);
/** The handler name of a table cell (for tests and tracing). */
const char *fsctp_sm_handler_name(uint8_t chunk_type, enum fsctp_state s);

/* --- data hooks (fsctp_assoc_data.c) ------------------------------------- */

/** See the contract at the top of this file. */
void fsctp_assoc_data_init(struct fsctp_stack *st, struct fsctp_assoc *a);
/** See the contract at the top of this file. */
void fsctp_assoc_data_reset(struct fsctp_stack *st, struct fsctp_assoc *a);
/** See the contract at the top of this file. */
void fsctp_assoc_data_close(struct fsctp_stack *st, struct fsctp_assoc *a);
/** See the contract at the top of this file. */
void fsctp_assoc_data_free(struct fsctp_stack *st, struct fsctp_assoc *a);
/** See the contract at the top of this file. */
enum fsctp_disp fsctp_assoc_data_chunk(struct fsctp_stack *st,
				       struct fsctp_assoc *a,
				       struct fsctp_rx *rx,
				       const struct fsctp_tlv *ch);
/** See the contract at the top of this file. */
void fsctp_assoc_data_packet_end(struct fsctp_stack *st, struct fsctp_assoc *a,
				 struct fsctp_rx *rx);
/** See the contract at the top of this file. */
bool fsctp_assoc_data_all_acked(const struct fsctp_assoc *a);
/** See the contract at the top of this file. */
uint32_t fsctp_assoc_data_cum_tsn(const struct fsctp_assoc *a);
/** See the contract at the top of this file. */
uint32_t fsctp_assoc_data_features(const struct fsctp_stack *st);
/** Offer the features in an INIT or INIT ACK being built. */
void fsctp_feat_offer(uint32_t features, struct fsctp_init_info *ii);
/** The features a peer's INIT or INIT ACK offers. */
uint32_t fsctp_feat_peer(const struct fsctp_init_info *ii);
/** RFC 9653: offer Zero Checksum Acceptable when cfg.zero_csum_edmid is
 * set. */
void fsctp_zcsum_offer(const struct fsctp_stack *st,
		       struct fsctp_init_info *ii);
/** @return FSCTP_FEAT_ZERO_CSUM when we offer it and the peer's INIT /
 *   INIT ACK offers the same EDMID, else 0. */
uint32_t fsctp_zcsum_peer(const struct fsctp_stack *st,
			  const struct fsctp_init_info *ii);
/** See the contract at the top of this file. */
void fsctp_assoc_data_shutdown_ack(struct fsctp_stack *st,
				   struct fsctp_assoc *a, uint32_t cum);
/** See the contract at the top of this file. */
/** The output has room again: send the DATA that waited for it. */
void fsctp_assoc_data_resume(struct fsctp_stack *st, struct fsctp_assoc *a,
			     fsctp_time_t now);
void fsctp_assoc_data_pmtu(struct fsctp_stack *st, struct fsctp_assoc *a,
			   struct fsctp_path *p, fsctp_time_t now);
/** RFC 5061 4.2.2: path p was removed: its T3-rtx stops, what was in
 * flight on it is marked for retransmission and sent on the others. */
void fsctp_assoc_data_path_gone(struct fsctp_stack *st, struct fsctp_assoc *a,
				struct fsctp_path *p, fsctp_time_t now);
/** Path p's MTU was raised (RFC 8899): congestion control uses it. */
void fsctp_assoc_data_pmtu_raised(struct fsctp_stack *st, struct fsctp_assoc *a,
				  struct fsctp_path *p);
/**
 * Check the data path's invariants (fsctp_sendq_check()), for tests and
 * simulations. @return 0, or -EFAULT.
 */
int fsctp_assoc_data_check(const struct fsctp_assoc *a);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_ASSOC_H */
