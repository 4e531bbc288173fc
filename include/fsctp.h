/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The fsctp public API: endpoints and associations with RFC 6458
 * (sockets API extensions for SCTP) semantics, on the DPDK fast path.
 *
 * Objects:
 *  - struct fsctp_rt: the runtime of one process: the EAL, the ports and
 *    pools of a drivers-config profile, and the fast path: N fast-path
 *    lcores ([lcores] fastpath), each reading RX queue i and writing TX
 *    queue i of every port.
 *  - struct fsctp_sock: one endpoint in one-to-many style (RFC 6458
 *    section 3) bound to one or more of the profile's ports: one
 *    shared-nothing protocol stack per fast-path lcore. It listens on SCTP
 *    ports (on every lcore) and holds any number of associations, each
 *    named by an fsctp_assoc_id_t (never 0). An association lives on one
 *    lcore, the one its verification tag and the low bits of its id name;
 *    connects are spread over the lcores round robin, and packets that
 *    arrive on another lcore's queue are handed to the owner over a ring.
 *
 * Driving the fast path:
 *  - fsctp_rt_run(): the loops run on their lcores (the calling thread is
 *    fast-path lcore 0 when the profile names the main lcore) until
 *    fsctp_rt_stop().
 *  - fsctp_rt_poll(): one turn of every fast-path lcore on the calling
 *    thread, for applications with their own loop and for tests.
 *
 * Two ways to run application code:
 *  - INLINE mode (the default): the callbacks of struct fsctp_sock_ops run
 *    on the lcore that owns the association, inside the protocol input, so
 *    a reply sent from on_data leaves in the same packet as the SACK it
 *    owes (RFC 9260 6.2). Every fsctp_sock call may be made from a
 *    callback (one for another lcore's association is copied there as a
 *    command and runs at that lcore's next turn; its failure comes back as
 *    SEND_FAILED). Do not free the socket or close the runtime from a
 *    callback.
 *  - WORKER mode (fsctp_sock_config.worker): notifications and received
 *    messages (not copied) go over an SP/SC rte_ring per fast-path lcore
 *    to one application thread, which runs the callbacks with
 *    fsctp_worker_poll() and hands messages back over a second ring; the
 *    receive window reopens only then (back-pressure on the peer). What
 *    does not fit a ring waits in order on the lcore and is never dropped.
 *    The worker sends and closes with fsctp_worker_send() /
 *    fsctp_worker_close() / fsctp_worker_shutdown() (commands to the
 *    owning lcore). With fsctp_sock_config.workers = M, each association
 *    belongs to one of M worker threads, which runs its callbacks with
 *    fsctp_worker_poll_one(); any worker may send on any association.
 *    Sends made from callbacks go to each lcore as one batch per poll;
 *    a worker with nothing to do may sleep in fsctp_worker_wait().
 *
 * Threads: any call may be made from a callback (above), or from a thread
 * outside the fast path: it then takes the owning lcore's lock (held by
 * that lcore during each turn) and runs at once. Such a thread should not
 * share a CPU with a polling lcore (fsctp_rt_unpin_thread()). Callbacks that the call
 * causes (e.g. COMM_LOST from fsctp_sock_abort()) then run on the calling
 * thread.
 *
 * Errors: constructors return NULL and set rte_errno, which fsctp_errno()
 * reads without a DPDK header; every other call returns 0 (or a count or
 * id) on success and -errno on failure. fsctp_strerror() describes both.
 */
#ifndef FSCTP_H
#define FSCTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp_ppid.h"
#include "fsctp_proto.h"
#include "fsctp_stats.h"
#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct fsctp_stack;
struct fsctp_rt;
struct fsctp_sock;

/** Longest path or override string accepted by fsctp_rt_open(). */
#define FSCTP_RT_STR 256

/** How to start the runtime. */
struct fsctp_rt_options {
	const char *profile; /**< drivers-config INI file (required). */
	/** Replace the local address(es) of port 0 with this one (IPv4 or
	 * IPv6, optional "/prefix": without one, /24 for IPv4 and /64 for
	 * IPv6, with a warning on stderr), or NULL. */
	const char *addr;
	/** Replace the iface= of a net_af_packet / net_tap port 0, or NULL. */
	const char *iface;
	int n_eal;  /**< Extra EAL words (e.g. --file-prefix=x). */
	char **eal; /**< The extra EAL words. */
};

/**
 * Load a profile, start the EAL and bring the ports up.
 * One runtime per process. Call from the main thread before anything else.
 * @return the runtime, or NULL with rte_errno EINVAL (bad profile, bad
 *   override, EAL or port start-up failed: a message is printed on
 *   stderr), ENOENT (profile unreadable), EEXIST (a runtime exists) or
 *   ENOMEM.
 */
struct fsctp_rt *fsctp_rt_open(const struct fsctp_rt_options *opt);

/**
 * Shut every association down gracefully (RFC 9260 9.2; ABORT what is
 * left after the profile's shutdown_ms), free every socket, stop the ports
 * and the EAL. Main thread, after fsctp_rt_run() returned.
 */
void fsctp_rt_close(struct fsctp_rt *rt);

/** @return the number of ports of the profile (0 for NULL). Any thread. */
uint16_t fsctp_rt_n_ports(const struct fsctp_rt *rt);

/**
 * The protocol parameters the profile gives (RFC 9260 section 16 defaults
 * with its [sctp] keys applied): what a socket created with
 * fsctp_sock_config.stack NULL uses; a start for one that changes some.
 * @return 0 or -EINVAL (NULL).
 */
int fsctp_rt_stack_config(const struct fsctp_rt *rt,
			  struct fsctp_stack_config *out);

/** @return the number of fast-path lcores (the profile's [lcores]). */
unsigned int fsctp_rt_n_lcores(const struct fsctp_rt *rt);

/**
 * Give the calling thread every CPU that no fast-path lcore polls (every
 * CPU when none is left). DPDK pins the thread that opened the runtime to
 * the main lcore's CPU, and threads created afterwards inherit that: an
 * application thread on the CPU of a polling lcore gets it only between
 * time slices, and each call that takes the lcore's lock (see "Threads")
 * then waits for one. Call it first in such threads (workers, the
 * application's own).
 * @return 0, -EINVAL (NULL) or a negative errno of
 *   pthread_setaffinity_np().
 */
int fsctp_rt_unpin_thread(const struct fsctp_rt *rt);

/**
 * The first local address of a port of the given family.
 * @return 0, -EINVAL (NULL, bad port or family) or -ENOENT (no address
 *   of that family). Any thread.
 */
int fsctp_rt_port_addr(const struct fsctp_rt *rt, uint16_t port, uint8_t family,
		       struct fsctp_addr *out);

/**
 * One turn of every fast-path lcore on the calling thread: rx bursts,
 * hand-offs, protocol input, commands, timers, tx bursts. Inline
 * callbacks run inside.
 * @return the number of packets and commands moved (0: idle), -EINVAL,
 *   or -EBUSY while fsctp_rt_run() runs.
 */
int fsctp_rt_poll(struct fsctp_rt *rt);

/**
 * Run the fast-path loops on their lcores until fsctp_rt_stop(); the
 * associations stay. Main thread.
 * @return 0, -EINVAL or -EBUSY (an lcore could not be launched).
 */
int fsctp_rt_run(struct fsctp_rt *rt);

/** Make fsctp_rt_run() return after the current turns; called before
 * fsctp_rt_run() started (a signal that came early), that run returns at
 * once. Async-signal-safe; any thread. */
void fsctp_rt_stop(struct fsctp_rt *rt);

/** @return the runtime's microsecond clock (TSC based). Any thread. */
uint64_t fsctp_rt_now_us(void);

/** A received message's ancillary data (RFC 6458 5.3.5 sctp_rcvinfo). */
struct fsctp_rcvinfo {
	fsctp_assoc_id_t assoc_id; /**< rcv_assoc_id. */
	uint16_t sid;		   /**< rcv_sid. */
	uint16_t ssn;		   /**< rcv_ssn (ordered messages). */
	uint32_t ppid;		   /**< rcv_ppid, host byte order. */
	uint32_t tsn;		   /**< rcv_tsn: the first fragment's. */
	bool unordered;		   /**< rcv_flags SCTP_UNORDERED. */
	void *user; /**< The association's pointer (fsctp_sock_set_assoc_user). */
};

/**
 * Application callbacks. In INLINE mode they run on the owner lcore; in
 * WORKER mode inside fsctp_worker_poll(). Any may be NULL.
 */
struct fsctp_sock_ops {
	/**
	 * A whole user message arrived. data is valid only during the call
	 * (its bytes return to the receive window afterwards).
	 */
	void (*on_data)(struct fsctp_sock *s, void *ctx,
			const struct fsctp_rcvinfo *ri, const uint8_t *data,
			uint32_t len);
	/**
	 * A notification (RFC 6458 section 6.1) the subscription lets
	 * through: FSCTP_EV_COMM_UP, COMM_LOST, RESTART, SHUTDOWN_COMP,
	 * CANT_STR_ASSOC (SCTP_ASSOC_CHANGE), PEER_ADDR_CHANGE, SEND_FAILED,
	 * REMOTE_ERROR, SHUTDOWN_EVENT, PARTIAL_DELIVERY, ADAPTATION_IND,
	 * SENDER_DRY, and FSCTP_EV_WRITABLE (the send buffer drained after
	 * -EAGAIN). Pointers inside ev are valid only during the call; ev->msg
	 * is always NULL here (messages go to on_data).
	 */
	void (*on_event)(struct fsctp_sock *s, void *ctx,
			 const struct fsctp_event *ev);
	/**
	 * INLINE mode only, optional: a whole user message arrived and the
	 * application keeps it (on_data is then not called). Its bytes stay
	 * out of the receive window (RFC 9260 6.2: the peer slows down)
	 * until the application gives it back with fsctp_sock_msg_free(),
	 * from any thread.
	 */
	void (*on_msg)(struct fsctp_sock *s, void *ctx, struct fsctp_msg *msg);
};

/** Socket creation parameters. */
struct fsctp_sock_config {
	/** Profile ports this socket's stack owns, as a bit mask (bit i =
	 * port i). 0 means every port not yet taken. A port belongs to one
	 * socket. */
	uint32_t port_mask;
	/** Protocol parameters; NULL for the RFC 9260 section 16 defaults.
	 * tx_crc_offload, owner_bits and owner_id are set by the runtime. */
	const struct fsctp_stack_config *stack;
	struct fsctp_sock_ops ops; /**< Callbacks. */
	void *ctx;		   /**< Passed to the callbacks. */
	bool worker;		   /**< WORKER mode (see the file comment). */
	uint32_t worker_ring;	   /**< Ring entries, power of 2; 0: 1024. */
	/** WORKER mode: worker threads, 1 to FSCTP_SOCK_MAX_WORKERS (0: 1).
	 * Each association belongs to one (fsctp_sock_assoc_worker()). */
	uint16_t workers;
	/** WORKER mode: bytes of fsctp_worker_send() accepted for one
	 * fast-path lcore and not yet taken into an association's send
	 * buffer; a send beyond it gets -EAGAIN. 0: 4 x the stack's sndbuf. */
	uint64_t worker_sndbuf;
};

/** Most worker threads of one WORKER-mode socket. */
#define FSCTP_SOCK_MAX_WORKERS 16

/**
 * Create a socket (a stack per fast-path lcore on the given ports), before
 * fsctp_rt_run(). Main thread.
 * @return the socket, or NULL with rte_errno EINVAL (NULL, bad mask, port
 *   already taken), ENOSPC (too many sockets), EBUSY (the loops run) or
 *   ENOMEM.
 */
struct fsctp_sock *fsctp_sock_create(struct fsctp_rt *rt,
				     const struct fsctp_sock_config *cfg);

/**
 * Free a socket and its associations at once (no packet sent: shut them
 * down first for a graceful end). Main thread, loops not running; not
 * from its callbacks.
 */
void fsctp_sock_free(struct fsctp_sock *s);

/**
 * Listen on an SCTP port (one-to-many: every INIT to it may create an
 * association, reported by FSCTP_EV_COMM_UP) on every lcore. Main thread,
 * before fsctp_rt_run().
 * @return 0, -EINVAL (NULL, port 0), -EADDRINUSE, -EMFILE (listening
 *   port limit), -EBUSY (the loops run).
 */
int fsctp_sock_listen(struct fsctp_sock *s, uint16_t port);

/**
 * Start an association to dst (RFC 6458 sctp_connectx, non-blocking): the
 * local address is the socket's first address of dst's family.
 * FSCTP_EV_COMM_UP or FSCTP_EV_CANT_STR_ASSOC follows. The association
 * goes to the next lcore round robin (from a callback: the callback's
 * lcore; with a chosen src_port: lcore src_port % lcores).
 * @param src_port local port, 0 to pick one (from 49152 up; each lcore
 *   takes its own residue class, so no two lcores pick the same).
 * @return the association id (> 0), -EINVAL (NULL, port 0, no local
 *   address of that family), -EISCONN (already associated with dst from
 *   that port), -EMFILE (association limit), -ENOMEM.
 */
int64_t fsctp_sock_connect(struct fsctp_sock *s, const struct fsctp_addr *dst,
			   uint16_t src_port);

/**
 * fsctp_sock_connect() with the association's user pointer set before any
 * event of it can run (see fsctp_sock_set_assoc_user()).
 * @return as fsctp_sock_connect(), or -EWOULDBLOCK from a callback on
 *   another lcore than src_port's.
 */
int64_t fsctp_sock_connect_ex(struct fsctp_sock *s,
			      const struct fsctp_addr *dst, uint16_t src_port,
			      void *user);

/**
 * Bind a set of local addresses (IPv4 and IPv6 may mix, at most 8) to a
 * port, like sctp_bindx(): INIT ACKs from it list them (RFC 9260 5.1.2)
 * and its associations use them as source addresses, each destination
 * reached from the address of its family sharing the longest prefix. The
 * runtime must own these addresses for packets to them to arrive. Outside
 * callbacks (every lcore's stack is set).
 * @return 0, -EINVAL (NULL, port 0, more than 8, a duplicate or an
 *   unknown family), -EMFILE, -EWOULDBLOCK (from a callback).
 */
int fsctp_sock_bindx(struct fsctp_sock *s, uint16_t port,
		     const struct fsctp_addr *addrs, unsigned int n);

/**
 * Connect to a multi-homed peer, like sctp_connectx(): dsts are the
 * peer's addresses (dsts[0] gets the INIT and is the primary; all are
 * CONFIRMED, RFC 9260 5.4; the peer's INIT ACK may add more, probed
 * before use), srcs our addresses (NULL/0: the port's address, as
 * fsctp_sock_connect(); two or more are listed in the INIT). Ports of
 * srcs are ignored: src_port, or an ephemeral one as fsctp_sock_connect().
 * @return the association id (> 0), -EINVAL (NULL, no destination, more
 *   than 8 addresses, mixed destination ports, a destination family with
 *   no local address), -EISCONN, -EMFILE, -ENOMEM, -EWOULDBLOCK.
 */
int64_t fsctp_sock_connectx(struct fsctp_sock *s, const struct fsctp_addr *srcs,
			    unsigned int n_src, const struct fsctp_addr *dsts,
			    unsigned int n_dst, uint16_t src_port, void *user);

/**
 * Attach the application's pointer to an association: every later event
 * (fsctp_event.user) and message (fsctp_rcvinfo.user) of it carries the
 * pointer, so the application keeps no table of its own. Any thread
 * outside a callback, or a callback on the association's lcore.
 * @return 0, -EINVAL, -ENOTCONN, -EWOULDBLOCK (from another lcore's
 *   callback).
 */
int fsctp_sock_set_assoc_user(struct fsctp_sock *s, fsctp_assoc_id_t id,
			      void *user);

/**
 * Send one user message, copied (RFC 6458 sctp_sendv with sctp_sndinfo
 * and the PR-SCTP timed-reliability policy).
 * @param info stream, PPID, unordered, context, lifetime_ms; NULL uses the
 *   default set with FSCTP_OPT_DEFAULT_SNDINFO.
 * @return 0; -EINVAL (NULL socket or data, zero length, stream id not
 *   below the negotiated outbound streams), -EMSGSIZE (over max_msg_size),
 *   -ENOTCONN (unknown or gone association), -ESHUTDOWN (a shutdown
 *   has begun), -EAGAIN (send buffer full: FSCTP_EV_WRITABLE follows when
 *   there is room again), -ENOBUFS (from another lcore's callback: its
 *   command ring is full; or no memory for the association's send queue
 *   at its first message, nothing queued).
 */
int fsctp_sendmsg(struct fsctp_sock *s, fsctp_assoc_id_t id, const void *buf,
		  uint32_t len, const struct fsctp_sndinfo *info);

/* struct fsctp_msgvec (one message of a burst) is in fsctp_proto.h. */

/**
 * Send up to n messages on one association, all with the same sndinfo, in
 * one call: one trip into the owner lcore (its lock, or one check from
 * its own callbacks) for the burst. Each message is copied as by
 * fsctp_sendmsg(); they are accepted in order, and the first refused one
 * ends the burst.
 * @return the number of messages accepted (1..n), or, when the first is
 *   refused, its error as fsctp_sendmsg() returns it (-EAGAIN: the send
 *   buffer is full, FSCTP_EV_WRITABLE follows); -EINVAL also for a NULL
 *   msgs or n 0. From another lcore's callback the messages are posted one
 *   by one to the owner (-ENOBUFS ends the burst there).
 */
int fsctp_sendmsg_burst(struct fsctp_sock *s, fsctp_assoc_id_t id,
			const struct fsctp_msgvec *msgs, unsigned int n,
			const struct fsctp_sndinfo *info);

/**
 * Send the bytes of an mbuf (chain). On success the stack owns the mbuf:
 * a single-segment mbuf is kept without a copy in the association's send
 * queue until its message is acknowledged or abandoned, then freed (its
 * bytes are copied once, into the packets); a chain, or a call from
 * another lcore's callback, is copied like fsctp_sendmsg() and freed at
 * once. On failure the caller keeps the mbuf.
 * @return as fsctp_sendmsg(); -EINVAL also for a NULL mbuf.
 */
int fsctp_sendmsg_mbuf(struct fsctp_sock *s, fsctp_assoc_id_t id,
		       struct rte_mbuf *m, const struct fsctp_sndinfo *info);

/**
 * Graceful close (RFC 6458 SCTP_EOF): FSCTP_EV_SHUTDOWN_COMP at the end.
 * @return 0, -EINVAL (NULL), -ENOTCONN (unknown id).
 */
int fsctp_sock_shutdown(struct fsctp_sock *s, fsctp_assoc_id_t id);

/**
 * Abort (RFC 6458 SCTP_ABORT) with a user-initiated-abort cause holding
 * reason (may be NULL). FSCTP_EV_COMM_LOST follows.
 * @return 0, -EINVAL (NULL), -ENOTCONN (unknown id).
 */
int fsctp_sock_abort(struct fsctp_sock *s, fsctp_assoc_id_t id,
		     const void *reason, uint16_t reason_len);

/**
 * Reset stream sequence numbers (RFC 6525 6.3.2, RFC 6458 style
 * SCTP_RESET_STREAMS): flags FSCTP_STREAM_RESET_OUTGOING (ours; new
 * messages on the association wait until the peer answers),
 * FSCTP_STREAM_RESET_INCOMING (the peer's) or both; n streams in sids, or
 * n = 0 for all. FSCTP_EV_STREAM_RESET reports the outcome. Outside
 * callbacks, or from a callback on the association's lcore.
 * @return 0, -EINVAL (NULL, flags, a stream not negotiated, n > 256),
 *   -ENOTCONN (unknown id, not established), -EOPNOTSUPP (the peer did
 *   not negotiate RE-CONFIG), -EBUSY (a request is outstanding),
 *   -EWOULDBLOCK (from another lcore's callback), -ENOMEM.
 */
int fsctp_sock_reset_streams(struct fsctp_sock *s, fsctp_assoc_id_t id,
			     uint16_t flags, const uint16_t *sids, uint16_t n);

/**
 * Add streams (RFC 6525 6.3.4 SCTP_ADD_STREAMS): n_in inbound and n_out
 * outbound. FSCTP_EV_STREAM_CHANGE reports the outcome. Same calling
 * rules as fsctp_sock_reset_streams().
 * @return 0, -EINVAL (both 0, over 65535 streams), -ENOTCONN,
 *   -EOPNOTSUPP, -EBUSY, -EWOULDBLOCK, -ENOMEM.
 */
int fsctp_sock_add_streams(struct fsctp_sock *s, fsctp_assoc_id_t id,
			   uint16_t n_in, uint16_t n_out);

/**
 * Add our address addr to a live association (RFC 5061 4.2.1, RFC 6458
 * 9.1 sctp_bindx SCTP_BINDX_ADD_ADDR on an association): an ASCONF asks
 * the peer (authenticated; one outstanding, later requests queued,
 * retransmitted on its timer). The address must be one the owning port
 * receives on. FSCTP_EV_ASCONF_RESULT reports the outcome (addr_state
 * FSCTP_ADDR_ADDED, cause 0 when done); then the address is a source of
 * the paths it suits. Only when both sides negotiated ASCONF (with AUTH:
 * `[sctp] asconf = 1`, `auth = 1`). Same calling rules as
 * fsctp_sock_reset_streams().
 * @return 0, -EINVAL (NULL, not unicast IPv4/IPv6), -ENOTCONN (unknown
 *   id, not established), -EOPNOTSUPP (ASCONF not negotiated, or the
 *   peer did not recognize the request), -EEXIST (ours already),
 *   -EALREADY (asked already), -ENOSPC (8 addresses), -ENOBUFS (8
 *   requests pending), -EWOULDBLOCK (from another lcore's callback).
 */
int fsctp_sock_asconf_add_addr(struct fsctp_sock *s, fsctp_assoc_id_t id,
			       const struct fsctp_addr *addr);

/**
 * Delete our address addr from a live association (RFC 5061 4.2.2,
 * sctp_bindx SCTP_BINDX_REM_ADDR on an association). Once the peer agrees
 * it is no longer used as a source; FSCTP_EV_ASCONF_RESULT (addr_state
 * FSCTP_ADDR_REMOVED) reports the outcome, with the peer's error cause
 * when it refused (e.g. 0x00A0, 0x00A2). Same calling rules as
 * fsctp_sock_asconf_add_addr().
 * @return 0, -EINVAL (NULL, our last address), -ENOTCONN, -EOPNOTSUPP,
 *   -EADDRNOTAVAIL (not ours), -EALREADY, -ENOBUFS, -EWOULDBLOCK.
 */
int fsctp_sock_asconf_del_addr(struct fsctp_sock *s, fsctp_assoc_id_t id,
			       const struct fsctp_addr *addr);

/**
 * Ask the peer to make our address addr its primary path (RFC 5061
 * 4.2.4, RFC 6458 8.3 SCTP_SET_PEER_PRIMARY_ADDR; also the option
 * FSCTP_OPT_SET_PEER_PRIMARY_ADDR). FSCTP_EV_ASCONF_RESULT (addr_state
 * FSCTP_ADDR_MADE_PRIM) reports the outcome. Same calling rules as
 * fsctp_sock_asconf_add_addr().
 * @return 0, -EINVAL, -ENOTCONN, -EOPNOTSUPP, -EADDRNOTAVAIL (not ours
 *   nor being added), -ENOBUFS, -EWOULDBLOCK.
 */
int fsctp_sock_set_peer_primary(struct fsctp_sock *s, fsctp_assoc_id_t id,
				const struct fsctp_addr *addr);

/**
 * Reset the association (RFC 6525 6.3.3, RFC 6458 style SCTP_RESET_ASSOC):
 * the TSNs of both directions and the SSNs of every stream start again
 * (an SSN/TSN Reset Request, RFC 6525 5.1.4). Only when nothing of ours is
 * queued or unacknowledged; new messages wait until the peer answers.
 * FSCTP_EV_ASSOC_RESET reports the outcome (reconf_flags 0, local_tsn and
 * remote_tsn the next TSNs; or FSCTP_RECONF_DENIED / _FAILED). The peer
 * accepts it only with FSCTP_ENABLE_RESET_ASSOC_REQ in its
 * FSCTP_OPT_ENABLE_STREAM_RESET. Same calling rules as
 * fsctp_sock_reset_streams().
 * @return 0, -EINVAL (NULL), -ENOTCONN, -EOPNOTSUPP, -EBUSY (a request
 *   is outstanding), -EAGAIN (data queued or in flight: ask again when
 *   the association is dry, e.g. after FSCTP_EV_SENDER_DRY),
 *   -EWOULDBLOCK, -ENOMEM.
 */
int fsctp_sock_reset_assoc(struct fsctp_sock *s, fsctp_assoc_id_t id);

/** @return an association's state; FSCTP_CLOSED if unknown (or asked
 * from a callback on another lcore). */
enum fsctp_state fsctp_sock_assoc_state(const struct fsctp_sock *s,
					fsctp_assoc_id_t id);

/**
 * An association's local transport address (the address and port it was
 * set up on) and its primary peer address (RFC 6458 sctp_getladdrs /
 * sctp_getpaddrs for single-homed associations). Any thread outside a
 * callback, or a callback on the association's lcore.
 * @param local filled unless NULL.
 * @param peer filled unless NULL.
 * @return 0, -EINVAL (NULL socket, id 0), -ENOTCONN (unknown
 *   association), -EWOULDBLOCK (from another lcore's callback).
 */
int fsctp_sock_assoc_addrs(struct fsctp_sock *s, fsctp_assoc_id_t id,
			   struct fsctp_addr *local, struct fsctp_addr *peer);

/**
 * Give back a message kept from fsctp_sock_ops.on_msg: its memory is
 * freed and its bytes return to the association's receive window (a
 * window update is sent when the window had closed). Any thread outside
 * a callback, or a callback on the association's lcore.
 * @return 0, -EINVAL (NULL), -EWOULDBLOCK (from another lcore's
 *   callback: the message is kept, try again from elsewhere).
 */
int fsctp_sock_msg_free(struct fsctp_sock *s, struct fsctp_msg *m);

/**
 * The stack of fast-path lcore 0 underneath, for calls this API does not
 * wrap; its thread only. Only programs built in the fsctp tree (linking
 * the static layer libraries, with the core's headers) can use it: the
 * installed libfsctp exports no protocol-core function.
 * @return the stack, or NULL for a NULL socket.
 */
struct fsctp_stack *fsctp_sock_stack(struct fsctp_sock *s);

/* ---------------------------------------------------------------------- */
/* Options (RFC 6458 section 8). */

/** Option names. */
enum fsctp_opt {
	FSCTP_OPT_RTOINFO = 1,	    /**< struct fsctp_rtoinfo (8.1.1). */
	FSCTP_OPT_ASSOCINFO,	    /**< struct fsctp_assocparams (8.1.2). */
	FSCTP_OPT_INITMSG,	    /**< struct fsctp_initmsg (8.1.3). */
	FSCTP_OPT_NODELAY,	    /**< int, 0 or 1 (8.1.5). */
	FSCTP_OPT_MAXSEG,	    /**< uint32_t bytes (8.1.16). */
	FSCTP_OPT_DEFAULT_SNDINFO,  /**< struct fsctp_sndinfo (8.1.31). */
	FSCTP_OPT_STATUS,	    /**< struct fsctp_status (8.2.1). */
	FSCTP_OPT_PEER_ADDR_PARAMS, /**< struct fsctp_paddrparams (8.1.12). */
	FSCTP_OPT_EVENT,	    /**< uint32_t mask of event types. */
	FSCTP_OPT_PRIMARY_ADDR,	    /**< struct fsctp_setprim (8.1.9). */
	FSCTP_OPT_ADAPTATION_LAYER, /**< Not supported (8.1.10). */
	/** struct fsctp_authchunk, set only, id 0 (RFC 6458 8.3.1): a chunk
	 * type new associations require authenticated (RFC 4895). */
	FSCTP_OPT_AUTH_CHUNK,
	/** uint32_t level 0, 1 or 2 (8.1.20) of associations created
	 * afterwards (fsctp_stack_config.frag_interleave); default 1. Read
	 * with an association id: that association's. */
	FSCTP_OPT_FRAGMENT_INTERLEAVE,
	/** uint32_t bytes (8.1.21): messages of associations created
	 * afterwards are delivered in pieces of at least this much
	 * (fsctp_msg.partial); 0 (default): whole messages. */
	FSCTP_OPT_PARTIAL_DELIVERY_POINT,
	FSCTP_OPT_MAX_BURST, /**< uint32_t, >= 1; new associations (8.1.24). */
	FSCTP_OPT_CONTEXT,   /**< uint64_t default send context (8.1.25). */
	FSCTP_OPT_PEER_ADDR_INFO, /**< struct fsctp_paddrinfo (8.2.2). */
	/** uint32_t FSCTP_ENABLE_* (RFC 6525 6.3.1 SCTP_ENABLE_STREAM_RESET):
	 * the peer's reconfiguration requests accepted, per association or
	 * (id 0) for new ones; default 0, all Denied. */
	FSCTP_OPT_ENABLE_STREAM_RESET,
	/** uint32_t RFC 7829 PotentiallyFailed.Max.Retrans (PF threshold);
	 * UINT32_MAX = no PF state (the default). */
	FSCTP_OPT_PF_THRESHOLD,
	/** int, 0 or 1 (RFC 8260 4.3.1 SCTP_INTERLEAVING_SUPPORTED): offer
	 * I-DATA to new associations; read on an association: whether it
	 * uses I-DATA. */
	FSCTP_OPT_INTERLEAVING_SUPPORTED,
	/** uint32_t enum fsctp_stream_sched (RFC 8260 4.3.2
	 * SCTP_STREAM_SCHEDULER): id 0 for new associations, or one. */
	FSCTP_OPT_STREAM_SCHEDULER,
	/** struct fsctp_stream_value (RFC 8260 4.3.3
	 * SCTP_STREAM_SCHEDULER_VALUE): a stream's priority or weight, on
	 * an association; getopt reads the sid given in val. */
	FSCTP_OPT_STREAM_SCHEDULER_VALUE,
	/** int, 0 or 1: offer AUTH (RFC 4895) to new associations (id 0);
	 * read on an association: whether it uses AUTH. */
	FSCTP_OPT_AUTH_SUPPORTED,
	/** struct fsctp_hmacalgo (RFC 6458 8.3.2 SCTP_HMAC_IDENT), id 0. */
	FSCTP_OPT_HMAC_IDENT,
	/** struct fsctp_authkey, set only (8.3.3 SCTP_AUTH_KEY): id 0, an
	 * endpoint pair shared key of every association of the endpoint;
	 * an association's id, a key of that association only (it hides
	 * the endpoint's key of the same id there). */
	FSCTP_OPT_AUTH_KEY,
	/** struct fsctp_authkeyid (8.3.4 SCTP_AUTH_ACTIVE_KEY): id 0 for
	 * new associations, or one. */
	FSCTP_OPT_AUTH_ACTIVE_KEY,
	/** struct fsctp_authkeyid, set only (8.3.5 SCTP_AUTH_DELETE_KEY):
	 * the endpoint's key (id 0) or an association's own; -EBUSY for an
	 * active key. */
	FSCTP_OPT_AUTH_DELETE_KEY,
	/** struct fsctp_authchunks, get only, an association (8.2.7
	 * SCTP_PEER_AUTH_CHUNKS): the chunk types the peer requires. */
	FSCTP_OPT_PEER_AUTH_CHUNKS,
	/** struct fsctp_authchunks, get only (8.2.8 SCTP_LOCAL_AUTH_CHUNKS):
	 * those we require (id 0: the endpoint's list). */
	FSCTP_OPT_LOCAL_AUTH_CHUNKS,
	/** struct fsctp_udpencaps, an association (RFC 6951 6.1
	 * SCTP_REMOTE_UDP_ENCAPS_PORT): the peer's UDP encapsulation port
	 * for one of its addresses (family 0: every one), 0 for raw SCTP;
	 * needs the profile's [sctp] udp_encaps. A packet from the peer
	 * updates it (RFC 6951 5.4). -ENOTSUP without encapsulation. */
	FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT,
	/** struct fsctp_setprim, set only, an association (RFC 6458 8.3
	 * SCTP_SET_PEER_PRIMARY_ADDR): see fsctp_sock_set_peer_primary(). */
	FSCTP_OPT_SET_PEER_PRIMARY_ADDR,
	/** int, 0 or 1: offer ASCONF (RFC 5061; used only with AUTH on both
	 * sides) to new associations (id 0); read on an association:
	 * whether it negotiated ASCONF. */
	FSCTP_OPT_ASCONF_SUPPORTED,
	/** uint32_t bytes, >= 1024 (SO_SNDBUF): the send buffer of
	 * associations created afterwards (id 0); read on an association:
	 * its own. A send that would pass it gets -EAGAIN, and WRITABLE
	 * follows once half of it is free. */
	FSCTP_OPT_SNDBUF,
	FSCTP_OPT_MAX,
};

/** The bit of an event type in the FSCTP_OPT_EVENT mask. */
#define FSCTP_EVENT_BIT(type) (UINT32_C(1) << (type))
/** Every notification (the default subscription). */
#define FSCTP_EVENT_ALL UINT32_MAX

/** RTO parameters (sctp_rtoinfo), milliseconds. */
struct fsctp_rtoinfo {
	uint32_t initial; /**< srto_initial. */
	uint32_t max;	  /**< srto_max. */
	uint32_t min;	  /**< srto_min. */
};

/** Association parameters (sctp_assocparams). */
struct fsctp_assocparams {
	uint16_t asoc_maxrxt;		   /**< Association.Max.Retrans. */
	uint16_t number_peer_destinations; /**< Peer addresses (get). */
	uint32_t peer_rwnd;		   /**< Peer's window (get). */
	uint32_t local_rwnd;		   /**< Our advertised window (get). */
	uint32_t cookie_life;		   /**< Valid.Cookie.Life, ms. */
};

/** INIT parameters (sctp_initmsg). */
struct fsctp_initmsg {
	uint16_t num_ostreams;	 /**< Requested outbound streams. */
	uint16_t max_instreams;	 /**< Accepted inbound streams. */
	uint16_t max_attempts;	 /**< Max.Init.Retransmits. */
	uint16_t max_init_timeo; /**< RTO.Max for INIT, ms (get only). */
};

/** Association status (sctp_status), get only. */
struct fsctp_status {
	enum fsctp_state state;	      /**< sstat_state. */
	uint32_t rwnd;		      /**< Peer's receive window. */
	uint16_t instrms;	      /**< Negotiated inbound streams. */
	uint16_t outstrms;	      /**< Negotiated outbound streams. */
	uint32_t fragmentation_point; /**< Largest DATA payload, bytes. */
	struct fsctp_addr primary;    /**< Primary path's peer address. */
	uint32_t primary_srtt_us;     /**< Its smoothed RTT. */
	uint32_t primary_rto_us;      /**< Its RTO. */
	uint32_t primary_cwnd;	      /**< Its congestion window. */
	uint16_t primary_mtu;	      /**< Its path MTU. */
};

/**
 * Peer address parameters (sctp_paddrparams). With id 0 the endpoint's
 * defaults; with an association id, the path to address (every path and
 * later ones when address.family is 0).
 */
struct fsctp_paddrparams {
	uint32_t hbinterval; /**< HB.interval, ms, 0 = heartbeats off. */
	uint16_t pathmaxrxt; /**< Path.Max.Retrans (0 = unchanged on set). */
	uint32_t pathmtu;    /**< Path MTU; settable per association (0 =
			   * unchanged). */
	uint32_t sackdelay;  /**< Delayed SACK timeout, ms (get). */
	struct fsctp_addr address; /**< Peer address (spp_address). */
};

/** A peer address's UDP encapsulation port (sctp_udpencaps, RFC 6951). */
struct fsctp_udpencaps {
	/** A peer address of the association (its port is ignored); family
	 *  0 sets every one, and is refused by getopt. */
	struct fsctp_addr address;
	uint16_t port; /**< Remote UDP port; 0: raw SCTP. */
};

/** The primary path (sctp_setprim); needs an association id. */
struct fsctp_setprim {
	struct fsctp_addr addr; /**< A peer address of the association. */
};

/** Peer address state (sctp_paddrinfo, get only): set address, read. */
struct fsctp_paddrinfo {
	struct fsctp_addr address; /**< In: the peer address and port. */
	int32_t state;		   /**< FSCTP_PADDR_ACTIVE/INACTIVE/PF,
				    * or FSCTP_PADDR_UNCONFIRMED. */
	uint32_t cwnd;		   /**< Congestion window, bytes. */
	uint32_t srtt_ms;	   /**< Smoothed RTT. */
	uint32_t rto_ms;	   /**< Current RTO. */
	uint32_t mtu;		   /**< Path MTU. */
	uint32_t error_count;	   /**< Path error counter (RFC 9260 8.2). */
	struct fsctp_addr local;   /**< Our source address towards it. */
};

#ifndef FSCTP_PADDR_ACTIVE
/** fsctp_paddrinfo.state values. */
#define FSCTP_PADDR_ACTIVE   0
#define FSCTP_PADDR_INACTIVE 1
#define FSCTP_PADDR_PF	     2
#endif
/** A peer address not confirmed yet (RFC 9260 5.4). */
#define FSCTP_PADDR_UNCONFIRMED 3

/** FSCTP_OPT_AUTH_CHUNK (sctp_authchunk). */
struct fsctp_authchunk {
	uint8_t chunk; /**< Chunk type; not INIT, INIT ACK, SHUTDOWN
			* COMPLETE or AUTH (RFC 4895 3.2). */
};

/** FSCTP_OPT_HMAC_IDENT (sctp_hmacalgo): 1 = SHA-1 (must be listed), 3 =
 * SHA-256, in order of preference. */
struct fsctp_hmacalgo {
	uint32_t n; /**< Identifiers in idents, 1 or 2. */
	uint16_t idents[2];
};

/** FSCTP_OPT_AUTH_KEY (sctp_authkey). */
struct fsctp_authkey {
	uint16_t keynumber; /**< Shared Key Identifier. */
	uint16_t keylength; /**< Bytes of key, at most 64. */
	uint8_t key[64];
};

/** FSCTP_OPT_AUTH_ACTIVE_KEY, FSCTP_OPT_AUTH_DELETE_KEY (sctp_authkeyid). */
struct fsctp_authkeyid {
	uint16_t keynumber; /**< Shared Key Identifier. */
};

/** FSCTP_OPT_PEER_AUTH_CHUNKS, FSCTP_OPT_LOCAL_AUTH_CHUNKS
 * (sctp_authchunks). */
struct fsctp_authchunks {
	uint32_t n;	     /**< Chunk types in chunks. */
	uint8_t chunks[256]; /**< One chunk type per byte. */
};

/** FSCTP_OPT_STREAM_SCHEDULER_VALUE (RFC 8260 4.3.3). */
struct fsctp_stream_value {
	uint16_t sid;	/**< Outbound stream. */
	uint16_t value; /**< Priority (lower first) or weight (>= 1). */
};

/**
 * Read an option. id 0 names the endpoint (defaults for new
 * associations); STATUS needs an association id. Outside callbacks, or
 * from a callback on the association's lcore (-EWOULDBLOCK otherwise).
 * @param len in: the size of val; out: the bytes written.
 * @return 0; -EINVAL (NULL argument, unknown option, len too small, id 0
 *   for STATUS); -ENOTCONN (unknown association id); -ENOTSUP (an option
 *   the core has no data for: ADAPTATION_LAYER; and
 *   the set-only AUTH_CHUNK, AUTH_KEY, AUTH_DELETE_KEY); -EADDRNOTAVAIL
 *   (PEER_ADDR_INFO or PEER_ADDR_PARAMS of an address that is not the
 *   association's).
 */
int fsctp_getopt(struct fsctp_sock *s, fsctp_assoc_id_t id, enum fsctp_opt opt,
		 void *val, size_t *len);

/**
 * Write an option. Endpoint-wide settings (id 0) apply to associations
 * created afterwards; NODELAY, DEFAULT_SNDINFO and EVENT apply at once.
 * RTOINFO, ASSOCINFO (asoc_maxrxt), PEER_ADDR_PARAMS, PRIMARY_ADDR and
 * PF_THRESHOLD also take an association id: they change that live
 * association only, at once. Outside
 * callbacks (the endpoint's values are set on every lcore's stack).
 * @return 0; -EINVAL (NULL, unknown option, wrong len, a value out of
 *   range such as min > max, 0 streams or a MAX_BURST of 0, a non-zero id
 *   where only the endpoint is settable); -ENOTSUP (read-only options STATUS and MAXSEG,
 *   ASSOCINFO and PEER_ADDR_PARAMS fields other than asoc_maxrxt,
 *   cookie_life, hbinterval, pathmaxrxt are ignored; and the unsupported
 *   list of fsctp_getopt()).
 */
int fsctp_setopt(struct fsctp_sock *s, fsctp_assoc_id_t id, enum fsctp_opt opt,
		 const void *val, size_t len);

/* ---------------------------------------------------------------------- */
/* Statistics. */

/** Socket statistics: the stack's and the API layer's counters. */
struct fsctp_sock_stats {
	struct fsctp_stack_counters stack; /**< Protocol counters. */
	uint64_t msgs_sent;		   /**< Messages accepted by send. */
	uint64_t bytes_sent;		   /**< Their bytes. */
	uint64_t msgs_received;	   /**< Messages delivered to the app. */
	uint64_t bytes_received;   /**< Their bytes. */
	uint64_t send_eagain;	   /**< Sends refused with -EAGAIN. */
	uint64_t events;	   /**< Notifications delivered. */
	uint64_t events_filtered;  /**< Notifications not subscribed. */
	uint64_t worker_ring_full; /**< WORKER: items that waited for room
				    *  in the event ring (none dropped). */
	uint64_t worker_cmds;	   /**< WORKER: commands run. */
	uint64_t rx_pkts;	   /**< Frames received from the ports. */
	uint64_t tx_pkts;	   /**< Frames sent. */
	/** Frames lost before the wire: TX queue full, no route, the
	 *  neighbour queue full or the address unresolved, no mbuf, no
	 *  interface for the source, larger than an mbuf (the runtime's
	 *  telemetry has each counter). */
	uint64_t tx_drop;
	uint64_t tx_port_full; /**< Bursts the port refused (kept). */
	/** Zero copy: DATA payloads kept in their received mbuf. */
	uint64_t rx_zc_held;
	/** ...copied instead: the lcore's [pools] rx_hold was reached. */
	uint64_t rx_zc_limited;
	/** Received mbufs held by messages and reassembly now. */
	uint64_t rx_zc_in_use;
	/** WORKER: sends the association refused (send buffer full), kept
	 * on the lcore in order and sent when it is writable again. */
	uint64_t worker_send_parked;
	/** WORKER: fsctp_worker_send() calls refused with -EAGAIN
	 * (fsctp_sock_config.worker_sndbuf reached). */
	uint64_t worker_send_eagain;
	/** WORKER: wake-ups of a worker sleeping in fsctp_worker_wait(). */
	uint64_t worker_wakes;
};

/**
 * Copy the socket's counters. Owner thread (or racy reads elsewhere).
 * @return 0 or -EINVAL (NULL).
 */
int fsctp_sock_stats(const struct fsctp_sock *s, struct fsctp_sock_stats *out);

/** One named counter (like DPDK's xstats). */
struct fsctp_xstat {
	const char *name; /**< Static string. */
	uint64_t value;	  /**< Summed over the socket's lcores. */
};

/**
 * The socket's counters as a name/value list: the API layer's (the
 * fields of struct fsctp_sock_stats), then the protocol's (RFC 3873 names
 * and fsctp's discard reasons), summed over the fast-path lcores. The
 * list grows with new counters without an ABI change. Any thread (racy
 * 64-bit reads).
 * @param out n entries, or NULL with n 0 to ask for the size.
 * @return the number of counters (more than n: only n were written), or
 *   -EINVAL.
 */
int fsctp_sock_xstats(const struct fsctp_sock *s, struct fsctp_xstat *out,
		      unsigned int n);

/**
 * Copy an association's counters. Owner thread.
 * @return 0, -EINVAL (NULL), -ENOTCONN (unknown id).
 */
int fsctp_assoc_stats(const struct fsctp_sock *s, fsctp_assoc_id_t id,
		      struct fsctp_assoc_counters *out);

/* ---------------------------------------------------------------------- */
/* WORKER mode. */

/**
 * Run the callbacks for up to max queued notifications and messages.
 * Worker thread. @return the number handled, -EINVAL (NULL, or not a
 * worker-mode socket).
 */
int fsctp_worker_poll(struct fsctp_sock *s, unsigned int max);

/**
 * Run the callbacks for up to max queued notifications and messages of
 * worker w's associations: one thread per w, side by side.
 * @return the number handled, -EINVAL (NULL, not a worker-mode socket,
 *   w not below fsctp_sock_config.workers).
 */
int fsctp_worker_poll_one(struct fsctp_sock *s, unsigned int w,
			  unsigned int max);

/** fsctp_worker_wait()'s w for the thread of fsctp_worker_poll(). */
#define FSCTP_WORKER_ANY UINT32_MAX

/**
 * Block until a fast-path lcore queues a notification or message for
 * worker w (FSCTP_WORKER_ANY: for any worker, the thread that calls
 * fsctp_worker_poll()) or timeout_us passes. For a worker thread whose
 * poll found nothing: instead of spinning it leaves its CPU to others
 * (on a shared CPU a spinning thread uses up its share and then waits for
 * a time slice while work piles up) and is woken by the lcore at the end
 * of the lcore's next turn at the latest (a system call, only when a
 * thread waits). Worker thread.
 * @return 0 (something queued, or woken), -ETIMEDOUT, -EINVAL (NULL, not
 *   a worker-mode socket, w not below fsctp_sock_config.workers nor
 *   FSCTP_WORKER_ANY).
 */
int fsctp_worker_wait(struct fsctp_sock *s, uint32_t w, uint32_t timeout_us);

/**
 * @return the worker (0 .. workers - 1) whose fsctp_worker_poll_one()
 *   runs an association's callbacks; 0 for id 0 (connect failures),
 *   -EINVAL (NULL or not worker mode). Any thread.
 */
int fsctp_sock_assoc_worker(const struct fsctp_sock *s, fsctp_assoc_id_t id);

/**
 * Queue a send (copied) for the owner lcore. A send the association
 * refuses for want of room waits there, in order, and goes when it has
 * room; other errors of the send itself (the association ended) come
 * back as FSCTP_EV_SEND_FAILED with info->context (sent = false).
 * Worker thread.
 * @return 0, -EINVAL (NULL, zero length, not worker mode), -EMSGSIZE
 *   (over the stack's max_msg_size), -ENOMEM, -EAGAIN (the owner lcore
 *   holds fsctp_sock_config.worker_sndbuf bytes not yet taken:
 *   FSCTP_EV_WRITABLE for id follows), -ENOBUFS (command ring full:
 *   retry after fsctp_worker_poll()).
 */
int fsctp_worker_send(struct fsctp_sock *s, fsctp_assoc_id_t id,
		      const void *buf, uint32_t len,
		      const struct fsctp_sndinfo *info);

/**
 * Queue a graceful shutdown of an association. Worker thread.
 * @return 0, -EINVAL, -ENOMEM, -ENOBUFS (command ring full).
 */
int fsctp_worker_shutdown(struct fsctp_sock *s, fsctp_assoc_id_t id);

/**
 * Queue an abort of an association. Worker thread.
 * @return 0, -EINVAL, -ENOMEM, -ENOBUFS (command ring full).
 */
int fsctp_worker_close(struct fsctp_sock *s, fsctp_assoc_id_t id);

/**
 * Queue a connect to dst (result: COMM_UP or CANT_STR_ASSOC). Worker
 * thread. @return 0, -EINVAL, -ENOMEM, -ENOBUFS (command ring full).
 */
int fsctp_worker_connect(struct fsctp_sock *s, const struct fsctp_addr *dst,
			 uint16_t src_port);

/* ---------------------------------------------------------------------- */
/* Errors and addresses (no runtime needed; any thread). */

/** Longest string fsctp_addr_format() writes, with its NUL. */
#define FSCTP_ADDR_STRLEN 56

/**
 * Describe an error code.
 * @param err an errno value, positive (fsctp_errno()) or negative (the
 *   return of a call that failed).
 * @return a string valid until the next call on the same thread.
 */
const char *fsctp_strerror(int err);

/**
 * The error of the last constructor that returned NULL on this thread
 * (fsctp_rt_open(), fsctp_sock_create(), fsctp_net_create(), ...), so an
 * application needs no DPDK header (it is the value of rte_errno).
 * @return a positive errno value.
 */
int fsctp_errno(void);

/**
 * Parse a transport address: "198.18.0.1", "198.18.0.1:2905",
 * "2001:db8::1" or "[2001:db8::1]:2905" (no port: port 0).
 * @return 0, or -EINVAL (NULL, not an IPv4/IPv6 literal, a port that is
 *   not a number in 0..65535, trailing characters).
 */
int fsctp_addr_parse(const char *s, struct fsctp_addr *out);

/**
 * Format a transport address as fsctp_addr_parse() reads it
 * ("198.18.0.1:2905", "[2001:db8::1]:2905"; without ":port" when the
 * port is 0).
 * @param len the size of buf; FSCTP_ADDR_STRLEN is always enough.
 * @return the length written (without the NUL), -EINVAL (NULL, len 0,
 *   unknown family) or -ENOSPC (buf too small; it holds a truncated,
 *   NUL-terminated string).
 */
int fsctp_addr_format(const struct fsctp_addr *a, char *buf, size_t len);

/** @return an event type's RFC 6458 name, e.g. "SCTP_COMM_UP". */
const char *fsctp_event_name(enum fsctp_event_type t);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_H */
