/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The contract of the sans-I/O protocol core.
 *
 * One struct fsctp_stack is one deterministic instance of the SCTP protocol
 * machine (one per fast-path lcore, or one per simulated host). Its inputs
 * are received packets, the current time, random bytes from an injected
 * source and application commands. Its outputs are packets to send and
 * events for the application, both handed to callbacks the owner supplies,
 * and the next deadline at which fsctp_stack_timers() must run.
 *
 * The core never reads a clock, never touches a port, an lcore, a thread or
 * the TSC, and never calls a random source of its own. The same inputs in
 * the same order give the same outputs, which is what lets a simulation seed
 * replay exactly.
 *
 * Threading: a stack and everything inside it belong to one thread. No call
 * may be made on a stack from inside one of its callbacks except the ones
 * documented as safe there (fsctp_msg_free()).
 */
#ifndef FSCTP_CORE_H
#define FSCTP_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp_proto.h"
#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fsctp_stack;

/** The "no deadline" value of fsctp_stack_next_deadline(). */
#define FSCTP_TIME_NEVER UINT64_MAX

/**
 * Flags of one packet handed to fsctp_core_ops.output.
 *
 * FSCTP_OUT_F_MAY_FRAGMENT: the packet is larger than the current path MTU
 * of its destination and may be fragmented by the IP layer (IPv4: sent
 * with DF clear; IPv6: fragmented by the source). Set only for a packet
 * that retransmits one DATA chunk cut for an older, larger path MTU: a
 * fragmented message cannot be cut again once its TSNs are given, so
 * RFC 9260 section 6.9 requires IP fragmentation for it (7.3). Every
 * other packet fits the path MTU and must keep DF set.
 */
#define FSCTP_OUT_F_MAY_FRAGMENT (1u << 0)

/**
 * FSCTP_OUT_F_STATELESS: the packet belongs to no association of this
 * stack: a reply the core makes without keeping state (the INIT ACK of
 * RFC 9260 5.1 B with its cookie, an out-of-the-blue ABORT or SHUTDOWN
 * COMPLETE of 8.4, a Stale Cookie ERROR of 5.2.6, ...). Anyone can make
 * the stack send one from any (spoofed) source, so an owner must not keep
 * per-peer state for it (e.g. a steering entry of the runtime).
 */
#define FSCTP_OUT_F_STATELESS (1u << 7)

/**
 * The owner's callbacks. output and rand_bytes must not call back into the
 * stack. event may: fsctp_send() (a reply leaves in the packet being built,
 * with the SACK it owes: RFC 9260 6.2), fsctp_shutdown(), fsctp_abort(),
 * fsctp_msg_free(), fsctp_assoc_set_user(); the core keeps every
 * association it is still using alive until the outermost call returns.
 */
struct fsctp_core_ops {
	/** Fill buf with len bytes from a CSPRNG (or a seeded PRNG in tests). */
	void (*rand_bytes)(void *ctx, void *buf, size_t len);
	/**
	 * Send one SCTP packet (common header included, CRC32c filled in
	 * unless fsctp_stack_config.tx_crc_offload is set) from src to dst.
	 * The buffer is valid only during the call. flags is a set of
	 * FSCTP_OUT_F_* (0 for almost every packet).
	 */
	void (*output)(void *ctx, const struct fsctp_addr *src,
		       const struct fsctp_addr *dst, const uint8_t *pkt,
		       size_t len, uint32_t flags);
	/** Deliver an event to the application. */
	void (*event)(void *ctx, const struct fsctp_event *ev);
	/**
	 * Optional: how many more packets output can take now; with
	 * control false, the room for DATA (the output less what it keeps
	 * for control chunks). Without room for DATA, new DATA waits in the
	 * send queue (instead of being lost in a full output and
	 * retransmitted) until fsctp_stack_tx_resume(); without room at
	 * all, a SACK waits for the next turn.
	 */
	uint32_t (*tx_room)(void *ctx, bool control);
	void *ctx; /**< Passed to every callback. */
	/**
	 * Optional, zero copy on receive: take one more reference on
	 * pkt_ref, the packet given to fsctp_stack_input_ref(), so that a
	 * DATA chunk's payload is kept where it lies instead of being
	 * copied (fsctp_msg.pkt). Return false to have it copied (the
	 * owner's budget of packets held this way is spent). Every
	 * reference taken is given back once with pkt_put, on the stack's
	 * thread: when the message is freed, or the chunk dropped.
	 */
	bool (*pkt_hold)(void *ctx, void *pkt_ref);
	/** Give back a reference pkt_hold took. */
	void (*pkt_put)(void *ctx, void *pkt_ref);
	/**
	 * Optional: the buffer the next packet is written in, with *cap set
	 * to its size (at least 1452 bytes; DATA is cut for it when a path
	 * under PLPMTUD carries more; more than 9196 is not used), or NULL
	 * (or a smaller buffer) when the owner
	 * has none (then no DATA is sent until fsctp_stack_tx_resume(), as
	 * with a full tx_room, and control chunks use the core's own
	 * buffer). The owner keeps room before it for its headers (e.g. in
	 * an mbuf), so that output, handed a pointer into it, only prepends
	 * them: one copy less per packet. A buffer stays the owner's until
	 * output is called with it; the core may keep one it did not fill
	 * (a packet begun without a chunk) for the next packet. Without the
	 * op, every packet is built in the core's buffer and output copies.
	 */
	uint8_t *(*out_buf)(void *ctx, uint32_t *cap);
};

/**
 * Create a stack.
 * @return the stack, or NULL with errno set (EINVAL for a bad config,
 *   ENOMEM).
 */
struct fsctp_stack *fsctp_stack_create(const struct fsctp_stack_config *cfg,
				       const struct fsctp_core_ops *ops,
				       fsctp_time_t now);

/** Free a stack and every association in it, with no packet sent. */
void fsctp_stack_free(struct fsctp_stack *st);

/**
 * Feed one received SCTP packet (common header first, IP header stripped).
 * src and dst carry the IP addresses; their ports are taken from the SCTP
 * common header. Every reply the packet causes leaves through ops->output
 * before this returns (at most one packet where RFC 9260 allows bundling).
 * @param crc_ok true when the NIC has verified the CRC32c already.
 * @return 0 when processed (even when the RFC says to discard it: that is
 *   counted), or -EINVAL for a NULL argument.
 */
int fsctp_stack_input(struct fsctp_stack *st, const struct fsctp_addr *src,
		      const struct fsctp_addr *dst, const uint8_t *pkt,
		      size_t len, bool crc_ok, fsctp_time_t now);

/**
 * fsctp_stack_input() of a packet the owner can reference (zero copy):
 * pkt_ref (e.g. its mbuf) is what ops.pkt_hold and ops.pkt_put get, for
 * DATA payloads kept in place. The len bytes at pkt must stay unchanged
 * while a reference is held. pkt_ref NULL, or ops without pkt_hold: as
 * fsctp_stack_input().
 */
int fsctp_stack_input_ref(struct fsctp_stack *st, const struct fsctp_addr *src,
			  const struct fsctp_addr *dst, const uint8_t *pkt,
			  size_t len, bool crc_ok, fsctp_time_t now,
			  void *pkt_ref);

/** Lowest path MTU fsctp_stack_pmtu_update() sets for IPv4 (RFC 1191
 * section 3 allows down to 68; 576 is the datagram every IPv4 host must
 * accept, RFC 791, and leaves 556 bytes of SCTP packet). */
#define FSCTP_PMTU_MIN_IPV4 576
/** Lowest path MTU for IPv6: the minimum link MTU (RFC 8200 section 5),
 * below which RFC 8201 section 4 forbids lowering the estimate. */
#define FSCTP_PMTU_MIN_IPV6 1280
/** Largest path MTU the core uses (RFC 8899 MAX_PLPMTU bound), IP header
 * included: jumbo frames of 9000 bytes and a little more. */
#define FSCTP_PMTU_MAX 9216

/**
 * Report that a packet this stack sent was too big for its path, as an
 * ICMPv4 Destination Unreachable "fragmentation needed" (RFC 1191) or an
 * ICMPv6 Packet Too Big (RFC 8201) says.
 *
 * The caller passes what the ICMP message quotes of the offending packet:
 * its IP source (a local address) and destination (the peer) and the
 * leading bytes of its SCTP packet. RFC 9260 section 10: the association
 * is found from the quote (ICMP5: ports and addresses), and the quoted
 * verification tag must be the peer's tag (ICMP6); a quoted tag of 0 is
 * accepted only when the quote is long enough to show an INIT chunk whose
 * Initiate Tag is ours. Anything else is discarded and counted.
 *
 * A verified report lowers the path MTU of that destination (RFC 9260
 * 7.3; RFC 1191 / RFC 8201: only ever lowered here, and never below
 * FSCTP_PMTU_MIN_IPV4 / FSCTP_PMTU_MIN_IPV6 - a smaller report sets the
 * floor). New DATA is then fragmented and bundled for the new PMTU.
 * DATA chunks in flight on that path that no longer fit one packet could
 * not have crossed the smaller link: they are marked for retransmission
 * at once and go out alone, flagged FSCTP_OUT_F_MAY_FRAGMENT (6.9).
 * Packets may leave through ops->output before this returns.
 *
 * With PLPMTUD (cfg.plpmtud, RFC 8899 4.6.2) the report is a hint: below
 * the path's PLPMTU it is used at once and confirmed by a probe of that
 * size; between the PLPMTU and the size being probed it becomes the next
 * probe; otherwise it is ignored (-EALREADY).
 *
 * Call on the stack's thread (the lcore that owns the association).
 * @param src the quoted IP source address (port ignored).
 * @param dst the quoted IP destination address (port ignored).
 * @param sctp the quoted SCTP packet, from its common header on.
 * @param len bytes of sctp: at least 8 (ports and verification tag).
 * @param mtu the MTU the ICMP message reports, IP header included.
 * @return 0 when the path MTU was lowered; -EINVAL for a NULL argument,
 *   a quote shorter than 8 bytes or an MTU of 0 (old routers; RFC 1191
 *   plateau guessing is not done); -ENOENT when no association or path
 *   matches (ICMP5); -EPERM when the verification tag does not match
 *   (ICMP6); -EALREADY when mtu is not below the current path MTU (the
 *   MTU is never raised here), or, with PLPMTUD, when the hint is not
 *   used.
 */
int fsctp_stack_pmtu_update(struct fsctp_stack *st,
			    const struct fsctp_addr *src,
			    const struct fsctp_addr *dst, const uint8_t *sctp,
			    size_t len, uint32_t mtu, fsctp_time_t now);

/**
 * @return the path MTU the stack uses towards the peer address dst
 *   (address and port) of association id, or 0 when there is none.
 */
uint32_t fsctp_assoc_pmtu(const struct fsctp_stack *st, fsctp_assoc_id_t id,
			  const struct fsctp_addr *dst);

/**
 * @return the path MTU of association id's primary path, or 0 when there
 *   is none; *pl_state (when not NULL) receives the name of that path's
 *   RFC 8899 PLPMTUD state ("DISABLED", "BASE", "SEARCHING",
 *   "SEARCH_COMPLETE", "ERROR"). Call on the stack's thread.
 */
uint32_t fsctp_assoc_primary_pmtu(const struct fsctp_stack *st,
				  fsctp_assoc_id_t id, const char **pl_state);

/** Run every timer due at or before now. */
void fsctp_stack_timers(struct fsctp_stack *st, fsctp_time_t now);

/**
 * The output has room again (ops.tx_room): associations whose DATA waited
 * send it, in the order they started waiting, while room lasts.
 */
void fsctp_stack_tx_resume(struct fsctp_stack *st, fsctp_time_t now);

/** @return the earliest time at which fsctp_stack_timers() has work. */
fsctp_time_t fsctp_stack_next_deadline(const struct fsctp_stack *st);

/**
 * Listen on a local port with one-to-many semantics: INITs to it are
 * answered and the associations they create are reported with COMM_UP.
 * @return 0, -EADDRINUSE, or -EMFILE (FSCTP_MAX_ENDPOINTS listening
 *   ports, counted fsctp_ep_limit).
 */
int fsctp_listen(struct fsctp_stack *st, uint16_t port);

/**
 * Start an association from local address src to the peer dst.
 * Sends the INIT (RFC 9260 5.1 A); FSCTP_EV_COMM_UP or
 * FSCTP_EV_CANT_STR_ASSOC follows. The local port takes no endpoint slot
 * (only listening ports are endpoints), so the number of client
 * associations is bounded by max_assocs alone.
 * @return the new association id (> 0), or -ENOMEM, -EINVAL (bad or
 *   mismatched addresses, port 0), -EMFILE (max_assocs reached) or
 *   -EISCONN (an association with that peer exists on that port).
 */
int64_t fsctp_connect(struct fsctp_stack *st, const struct fsctp_addr *src,
		      const struct fsctp_addr *dst, fsctp_time_t now);

/** Abandoned messages (RFC 7496 section 4). */
struct fsctp_pr_status {
	uint64_t abandoned_sent;   /**< Some part was sent. */
	uint64_t abandoned_unsent; /**< Never sent. */
};

/** fsctp_assoc_pr_status(): every policy together. */
#define FSCTP_PR_ALL 0xff
/** fsctp_assoc_pr_status(): the association, not one stream. */
#define FSCTP_PR_ASSOC (-1)

/**
 * RFC 7496 section 4 (SCTP_PR_ASSOC_STATUS, SCTP_PR_STREAM_STATUS): how
 * many messages PR-SCTP policies abandoned.
 * @param sid an outbound stream, or FSCTP_PR_ASSOC for the association.
 * @param policy an enum fsctp_pr_policy or FSCTP_PR_ALL; per stream only
 *   FSCTP_PR_ALL is kept.
 * @return 0, -ENOTCONN (no such association or not yet established) or
 *   -EINVAL (NULL out, bad stream or policy).
 */
int fsctp_assoc_pr_status(const struct fsctp_stack *st, fsctp_assoc_id_t id,
			  int32_t sid, uint8_t policy,
			  struct fsctp_pr_status *out);

/**
 * RFC 6525 5.1.2, 5.1.3 (RFC 6458 SCTP_RESET_STREAMS): ask to reset the
 * SSNs of streams: our outbound ones (FSCTP_STREAM_RESET_OUTGOING: no new
 * message starts until the peer answers), the peer's
 * (FSCTP_STREAM_RESET_INCOMING), or both. FSCTP_EV_STREAM_RESET tells the
 * outcome.
 * @param sids the streams (n of them, at most 256), or n = 0 for all.
 * @return 0, -EINVAL (flags, a stream not negotiated), -ENOTCONN (not
 *   ESTABLISHED), -EOPNOTSUPP (the peer did not negotiate RE-CONFIG),
 *   -EBUSY (a request of ours is outstanding), -EAGAIN (a message is half
 *   sent: ask again later), -ENOMEM.
 */
int fsctp_reconf_reset_streams(struct fsctp_stack *st, fsctp_assoc_id_t id,
			       uint16_t flags, const uint16_t *sids, uint16_t n,
			       fsctp_time_t now);

/**
 * RFC 6525 5.1.5, 5.1.6 (RFC 6458 SCTP_ADD_STREAMS): ask for n_in more
 * inbound and n_out more outbound streams. FSCTP_EV_STREAM_CHANGE tells
 * the outcome.
 * @return 0, -EINVAL (both 0, over 65535), -ENOTCONN, -EOPNOTSUPP, -EBUSY,
 *   -ENOMEM.
 */
int fsctp_reconf_add_streams(struct fsctp_stack *st, fsctp_assoc_id_t id,
			     uint16_t n_in, uint16_t n_out, fsctp_time_t now);

/**
 * RFC 6525 5.1.4 (RFC 6458 SCTP_RESET_ASSOC): ask the peer to restart the
 * TSNs of both directions and the SSNs of every stream. Only with nothing
 * of ours queued or outstanding; new messages wait until the peer
 * answers. FSCTP_EV_ASSOC_RESET tells the outcome (reconf_flags 0 and the
 * new next TSNs, or FSCTP_RECONF_DENIED / FSCTP_RECONF_FAILED).
 * @return 0, -ENOTCONN (not ESTABLISHED), -EOPNOTSUPP (the peer did not
 *   negotiate RE-CONFIG), -EBUSY (a request of ours is outstanding),
 *   -EAGAIN (data of ours queued or outstanding: ask again once the
 *   association is dry), -ENOMEM.
 */
int fsctp_reconf_reset_assoc(struct fsctp_stack *st, fsctp_assoc_id_t id,
			     fsctp_time_t now);

/**
 * RFC 6525 6.3.1 (SCTP_ENABLE_STREAM_RESET): which of the peer's requests
 * this association accepts (FSCTP_ENABLE_*); the others are answered
 * Denied. The default is cfg.reconf_enable.
 * @return 0, -EINVAL (unknown bits), -ENOTCONN.
 */
int fsctp_reconf_enable(struct fsctp_stack *st, fsctp_assoc_id_t id,
			uint8_t enable);

/** @return the requests of ours outstanding (0, 1 or 2), or -EINVAL,
 * -ENOTCONN. */
int fsctp_reconf_pending(const struct fsctp_stack *st, fsctp_assoc_id_t id);

/**
 * RFC 8260 4.3.2 (SCTP_STREAM_SCHEDULER): choose the association's stream
 * scheduler, an enum fsctp_stream_sched of fsctp_proto.h (new
 * associations take fsctp_stack_config.stream_sched).
 * @return 0, -ENOTCONN (no such association, or no data path yet) or
 *   -EINVAL (unknown scheduler).
 */
int fsctp_assoc_set_sched(struct fsctp_stack *st, fsctp_assoc_id_t id,
			  unsigned kind);

/** @return the association's scheduler, or -ENOTCONN. */
int fsctp_assoc_get_sched(const struct fsctp_stack *st, fsctp_assoc_id_t id);

/**
 * RFC 8260 4.3.3 (SCTP_STREAM_SCHEDULER_VALUE): an outbound stream's
 * priority (priority scheduler, lower first) or weight (weighted fair
 * queueing, >= 1).
 * @return 0, -ENOTCONN or -EINVAL (bad stream, weight 0 under WFQ).
 */
int fsctp_assoc_set_sched_value(struct fsctp_stack *st, fsctp_assoc_id_t id,
				uint16_t sid, uint16_t value);

/** @return the stream's value (>= 0), -ENOTCONN or -EINVAL. */
int fsctp_assoc_get_sched_value(const struct fsctp_stack *st,
				fsctp_assoc_id_t id, uint16_t sid);

/**
 * Queue a user message.
 * Messages sent before the association is established are held and go
 * out with (COOKIE-ECHOED) or after the COOKIE ECHO. A message not
 * acknowledged when the association aborts or fails is reported with one
 * FSCTP_EV_SEND_FAILED (fsctp_sndinfo.context, sent flag).
 * @return 0, or -EINVAL (zero length, bad stream), -EMSGSIZE (over
 *   max_msg_size), -ENOTCONN (no such association), -ESHUTDOWN (a
 *   shutdown has begun, RFC 9260 9.2), -EAGAIN (send buffer full:
 *   FSCTP_EV_WRITABLE follows when there is room), -ENOBUFS (the
 *   association's first message could not get its send queue's TSN
 *   ring: nothing queued, a later send tries again).
 */
int fsctp_send(struct fsctp_stack *st, fsctp_assoc_id_t id,
	       const struct fsctp_sndinfo *info, const void *data, uint32_t len,
	       fsctp_time_t now);

/**
 * fsctp_send() that only queues: nothing is transmitted until
 * fsctp_send_flush() (or the next event that transmits), so that a burst
 * of messages leaves bundled in full packets (RFC 9260 6.10) instead of
 * one packet each.
 * @return as fsctp_send().
 */
int fsctp_send_defer(struct fsctp_stack *st, fsctp_assoc_id_t id,
		     const struct fsctp_sndinfo *info, const void *data,
		     uint32_t len, fsctp_time_t now);

/**
 * Queue up to n messages (all with info) and then transmit once, as
 * fsctp_send_defer() for each and one fsctp_send_flush(): the checks of
 * the association are made once and the messages leave bundled (RFC 9260
 * 6.10). The first message refused ends the burst; *stop (may be NULL) is
 * set to its error, or 0 when all were taken.
 * @return the number of messages queued (1..n), or the first one's error
 *   as fsctp_send() returns it (-EINVAL also for NULL msgs or n 0).
 */
int fsctp_send_burst(struct fsctp_stack *st, fsctp_assoc_id_t id,
		     const struct fsctp_sndinfo *info,
		     const struct fsctp_msgvec *msgs, unsigned int n, int *stop,
		     fsctp_time_t now);

/**
 * Transmit what fsctp_send_defer() queued, as far as the windows allow.
 * @return 0, -EINVAL or -ENOTCONN.
 */
int fsctp_send_flush(struct fsctp_stack *st, fsctp_assoc_id_t id,
		     fsctp_time_t now);

/**
 * fsctp_send() without the copy: the association reads data in place
 * until the message is acknowledged, abandoned (reported as with
 * fsctp_send()) or the association freed, and then calls release(arg)
 * exactly once, on this stack's thread, possibly before returning (a
 * message held before the handshake is copied). On an error return the
 * caller keeps the buffer.
 * @return as fsctp_send(); -EINVAL also for a NULL release.
 */
int fsctp_send_zc(struct fsctp_stack *st, fsctp_assoc_id_t id,
		  const struct fsctp_sndinfo *info, const void *data,
		  uint32_t len, void (*release)(void *arg), void *arg,
		  fsctp_time_t now);

/**
 * Start a graceful shutdown (RFC 9260 9.2): SHUTDOWN-PENDING until all
 * data is acknowledged, then SHUTDOWN; FSCTP_EV_SHUTDOWN_COMP at the end.
 * In COOKIE-WAIT the association is dropped at once (the peer holds no
 * state); in COOKIE-ECHOED the shutdown starts once established.
 * @return 0 or -ENOTCONN.
 */
int fsctp_shutdown(struct fsctp_stack *st, fsctp_assoc_id_t id,
		   fsctp_time_t now);

/**
 * Abort an association (RFC 9260 9.1) with a User-Initiated Abort cause
 * carrying reason (may be NULL). @return 0 or -ENOTCONN.
 */
int fsctp_abort(struct fsctp_stack *st, fsctp_assoc_id_t id, const void *reason,
		uint16_t reason_len, fsctp_time_t now);

/** Give a received message back to st, the stack that delivered it (its
 * packet reference, fsctp_msg.pkt, goes back through st's ops.pkt_put);
 * credits its bytes to the receive window. */
void fsctp_msg_free(struct fsctp_stack *st, struct fsctp_msg *msg);

/** @return the state of an association, or FSCTP_CLOSED if unknown. */
enum fsctp_state fsctp_assoc_state(const struct fsctp_stack *st,
				   fsctp_assoc_id_t id);

/** @return the number of associations the stack holds (any state). */
uint32_t fsctp_stack_assoc_count(const struct fsctp_stack *st);

/**
 * Attach the application's pointer to an association; every later event
 * and message of it carries the pointer (fsctp_event.user,
 * fsctp_msg.user), so the application needs no table of its own.
 * @return 0 or -ENOTCONN (no such association).
 */
int fsctp_assoc_set_user(struct fsctp_stack *st, fsctp_assoc_id_t id,
			 void *user);

/**
 * List the ids of the live associations (for telemetry and shutdown).
 *
 * @return the number written to ids (at most max).
 */
uint32_t fsctp_stack_assoc_ids(const struct fsctp_stack *st,
			       fsctp_assoc_id_t *ids, uint32_t max);

/**
 * The transport addresses of an association: its local address and the
 * addresses of its peer (one per path). An owner that keeps per-tuple
 * state (the runtime's steering table) reads them when the association
 * ends (FSCTP_EV_COMM_LOST, FSCTP_EV_SHUTDOWN_COMP,
 * FSCTP_EV_CANT_STR_ASSOC: the association is still known by its id
 * during that event).
 *
 * @param local the local address and port (may be NULL).
 * @param peers receives up to max peer addresses (may be NULL if max 0).
 * @return the number of peer addresses the association has (may exceed
 *   max), or -ENOTCONN when no association has that id, -EINVAL for a
 *   NULL stack.
 */
int fsctp_assoc_tuples(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		       struct fsctp_addr *local, struct fsctp_addr *peers,
		       uint32_t max);

/**
 * @return true when a live association of the stack has local port
 *   local->port and the peer address and port peer (the local IP
 *   address is not compared).
 */
bool fsctp_stack_tuple_live(struct fsctp_stack *st,
			    const struct fsctp_addr *local,
			    const struct fsctp_addr *peer);

/**
 * Close every association: with abort, ABORT each (RFC 9260 9.1, the
 * reason as a User-Initiated Abort cause); otherwise start a graceful
 * SHUTDOWN (9.2) of each one that is not already shutting down.
 *
 * @return the number of associations acted on.
 */
uint32_t fsctp_stack_close_all(struct fsctp_stack *st, bool abort,
			       const void *reason, uint16_t reason_len,
			       fsctp_time_t now);

/**
 * The owner id (lcore index) encoded in the low owner_bits of an
 * association id; 0 when owner_bits is 0.
 */
static inline uint8_t
fsctp_assoc_id_owner(fsctp_assoc_id_t id, uint8_t owner_bits)
{
	if (owner_bits == 0 || owner_bits > 8)
		return 0;
	return (uint8_t)(id & ((1u << owner_bits) - 1));
}

/**
 * The owner id encoded in the top owner_bits bits of a verification tag
 * that a stack with fsctp_stack_config.owner_bits chose (steering by
 * verification tag, docs/ARCHITECTURE.md). @return the owner id, 0 when owner_bits
 * is 0 or above 8.
 */
uint8_t fsctp_vtag_owner(uint32_t vtag, uint8_t owner_bits);

/* --- Multi-homing (RFC 9260 5.1.2, 6.4, 8.2; RFC 6458; RFC 7829) ------- */

/** Most addresses fsctp_bindx() and fsctp_connectx() take. */
#define FSCTP_MAX_BIND_ADDRS 8

/**
 * Bind a set of local addresses (IPv4 and IPv6 may mix) to a local port,
 * like sctp_bindx(): INIT ACKs sent from it list them (RFC 9260 5.1.2,
 * with the types the peer supports) and its associations use them as
 * source addresses. Ports are ignored. One address (or none: n = 0)
 * lists nothing, as before. Associations already set up keep theirs.
 * @return 0, -EINVAL (NULL with n > 0, more than FSCTP_MAX_BIND_ADDRS,
 *   port 0, a family other than IPv4/IPv6, a duplicate) or -EMFILE (no
 *   endpoint slot).
 */
int fsctp_bindx(struct fsctp_stack *st, uint16_t port,
		const struct fsctp_addr *addrs, unsigned n);

/**
 * Start an association like sctp_connectx(): srcs are our local
 * addresses (srcs[0] with its port is the INIT's source; with two or more
 * they are all listed in the INIT, RFC 9260 5.1.2), dsts the peer's
 * addresses (dsts[0] is the primary and gets the INIT; all are CONFIRMED,
 * 5.4: the upper layer gave them). Peer addresses in the INIT ACK are
 * added as UNCONFIRMED paths. IPv4 and IPv6 may mix; each destination
 * uses the local address of its family sharing the longest prefix.
 * @return the association id (> 0), or -EINVAL (NULL, n_src or n_dst 0
 *   or above FSCTP_MAX_BIND_ADDRS, port 0, mismatched ports, a
 *   destination family with no local address), -EISCONN, -EMFILE,
 *   -ENOMEM (as fsctp_connect()).
 */
int64_t fsctp_connectx(struct fsctp_stack *st, const struct fsctp_addr *srcs,
		       unsigned n_src, const struct fsctp_addr *dsts,
		       unsigned n_dst, fsctp_time_t now);

/** Per-association parameters (RFC 6458 8.1.1 RTOINFO, 8.1.2 ASSOCINFO,
 * RFC 7829 PF threshold). */
struct fsctp_assoc_params {
	uint32_t rto_initial_ms;    /**< RTO.Initial. */
	uint32_t rto_min_ms;	    /**< RTO.Min (> 0, <= RTO.Max). */
	uint32_t rto_max_ms;	    /**< RTO.Max. */
	uint32_t assoc_max_retrans; /**< Association.Max.Retrans (> 0). */
	uint32_t pf_threshold;	    /**< PFMR; FSCTP_PF_OFF = no PF. */
	uint8_t n_paths;	    /**< Get only: peer addresses. */
	struct fsctp_addr primary;  /**< Get only: the primary path. */
};

/** @return 0, -EINVAL (NULL out) or -ENOTCONN (no such association). */
int fsctp_assoc_get_params(const struct fsctp_stack *st, fsctp_assoc_id_t id,
			   struct fsctp_assoc_params *out);

/**
 * Set an association's RTO bounds, Association.Max.Retrans and PF
 * threshold on a live association (get, change, set). Current RTOs are
 * clamped to the new bounds at once.
 * @return 0, -EINVAL (NULL, RTO.Min or RTO.Initial 0, RTO.Min >
 *   RTO.Max, Association.Max.Retrans 0) or -ENOTCONN.
 */
int fsctp_assoc_set_params(struct fsctp_stack *st, fsctp_assoc_id_t id,
			   const struct fsctp_assoc_params *in);

/** Per-path parameters (RFC 6458 8.1.12 SCTP_PEER_ADDR_PARAMS). */
struct fsctp_paddr_params {
	uint32_t hb_interval_ms; /**< HB.interval; 0 = heartbeats off. */
	uint32_t pmr;		 /**< Path.Max.Retrans. */
	uint32_t pmtu; /**< Path MTU (IP header included), 0 = unchanged. */
};

/**
 * Set the parameters of the path to addr (address and port), or with addr
 * NULL of every path and of paths added later.
 * @return 0, -EINVAL (NULL in, a PMTU below FSCTP_PMTU_MIN_IPV4 or above
 *   the stack's pmtu), -ENOTCONN or -EADDRNOTAVAIL (no such path).
 */
int fsctp_assoc_set_paddr_params(struct fsctp_stack *st, fsctp_assoc_id_t id,
				 const struct fsctp_addr *addr,
				 const struct fsctp_paddr_params *in);

/** A peer address's state (RFC 6458 8.2.2 SCTP_GET_PEER_ADDR_INFO). */
struct fsctp_paddr_info {
	struct fsctp_addr addr;	 /**< Peer address and port. */
	struct fsctp_addr laddr; /**< Local address used towards it. */
	uint8_t state;		 /**< FSCTP_PATH_ACTIVE / INACTIVE / PF. */
	bool confirmed;		 /**< RFC 9260 5.4. */
	bool primary;		 /**< The primary path. */
	uint32_t error_count;	 /**< RFC 9260 8.2. */
	uint32_t cwnd;		 /**< Congestion window, bytes. */
	uint64_t srtt_us;	 /**< Smoothed RTT. */
	uint64_t rto_us;	 /**< Current RTO. */
	uint32_t mtu;		 /**< Path MTU. */
	uint32_t hb_interval_ms; /**< HB.interval, 0 = off. */
	uint32_t pmr;		 /**< Path.Max.Retrans. */
};

/** Path states in fsctp_paddr_info.state. */
#define FSCTP_PADDR_ACTIVE   0
#define FSCTP_PADDR_INACTIVE 1
#define FSCTP_PADDR_PF	     2

/** @return 0, -EINVAL, -ENOTCONN or -EADDRNOTAVAIL (no such path). */
int fsctp_assoc_paddr_info(const struct fsctp_stack *st, fsctp_assoc_id_t id,
			   const struct fsctp_addr *addr,
			   struct fsctp_paddr_info *out);

/** Every path of an association, at most max written.
 * @return the number of paths, -EINVAL or -ENOTCONN. */
int fsctp_assoc_paddrs(const struct fsctp_stack *st, fsctp_assoc_id_t id,
		       struct fsctp_paddr_info *out, unsigned max);

/**
 * Make addr the primary path (RFC 6458 8.1.9 SCTP_PRIMARY_ADDR): new DATA
 * goes there while it is ACTIVE and confirmed (RFC 9260 6.4);
 * FSCTP_EV_PEER_ADDR_CHANGE with FSCTP_ADDR_MADE_PRIM follows.
 * @return 0, -EINVAL, -ENOTCONN or -EADDRNOTAVAIL.
 */
int fsctp_assoc_set_primary(struct fsctp_stack *st, fsctp_assoc_id_t id,
			    const struct fsctp_addr *addr);

/**
 * RFC 5061 4.2.1 (RFC 6458 9.1 sctp_bindx ADD on a live association): ask
 * the peer to add our address addr (IPv4 or IPv6 unicast, port ignored)
 * to the association, in an ASCONF (authenticated, one outstanding, the
 * others queued, retransmitted on the T-4 RTO timer). Once the peer
 * agrees the address is one of ours: a source for the paths it suits.
 * FSCTP_EV_ASCONF_RESULT (FSCTP_ADDR_ADDED) tells the outcome.
 * @return 0, -EINVAL (NULL, not a unicast IPv4/IPv6 address),
 *   -ENOTCONN (unknown id, not ESTABLISHED), -EOPNOTSUPP (ASCONF not
 *   negotiated, or the peer did not recognize Add IP, 5.3 F1),
 *   -EEXIST (already ours), -EALREADY (asked already), -ENOSPC (no room
 *   for another local address), -ENOBUFS (FSCTP_ASCONF_MAX_REQS asked).
 */
int fsctp_asconf_add_addr(struct fsctp_stack *st, fsctp_assoc_id_t id,
			  const struct fsctp_addr *addr, fsctp_time_t now);

/**
 * RFC 5061 4.2.2 (sctp_bindx REM on a live association): ask the peer to
 * delete our address addr. Once it agrees the address is no longer used
 * as a source. FSCTP_EV_ASCONF_RESULT (FSCTP_ADDR_REMOVED) tells the
 * outcome.
 * @return 0, -EINVAL (NULL, our last address), -ENOTCONN, -EOPNOTSUPP,
 *   -EADDRNOTAVAIL (not ours), -EALREADY, -ENOBUFS.
 */
int fsctp_asconf_del_addr(struct fsctp_stack *st, fsctp_assoc_id_t id,
			  const struct fsctp_addr *addr, fsctp_time_t now);

/**
 * RFC 5061 4.2.4 (RFC 6458 8.3 SCTP_SET_PEER_PRIMARY_ADDR): ask the peer
 * to make our address addr its primary path towards us.
 * FSCTP_EV_ASCONF_RESULT (FSCTP_ADDR_MADE_PRIM) tells the outcome.
 * @return 0, -EINVAL, -ENOTCONN, -EOPNOTSUPP, -EADDRNOTAVAIL (not ours,
 *   nor being added), -ENOBUFS.
 */
int fsctp_asconf_set_peer_primary(struct fsctp_stack *st, fsctp_assoc_id_t id,
				  const struct fsctp_addr *addr,
				  fsctp_time_t now);

/* RFC 4895 AUTH settings of the stack's endpoints (RFC 6458 8.1.18-8.1.23,
 * 8.2.7, 8.2.8); cfg.auth turns AUTH on. Keys are endpoint-pair shared
 * keys of every association of the stack. */

/**
 * Require chunk type t authenticated from peers (SCTP_AUTH_CHUNK): listed
 * in the CHUNKS parameter of new INITs / INIT ACKs.
 * @return 0; -EINVAL for INIT, INIT ACK, SHUTDOWN COMPLETE and AUTH
 *   (RFC 4895 3.2); -ENOSPC when the list is full.
 */
int fsctp_stack_auth_chunk(struct fsctp_stack *st, uint8_t t);

/**
 * The HMAC-ALGO list, in order of preference (SCTP_HMAC_IDENT):
 * identifiers 1 (SHA-1) and 3 (SHA-256), SHA-1 included (RFC 4895 3.3).
 * @return 0 or -EINVAL.
 */
int fsctp_stack_auth_hmacs(struct fsctp_stack *st, const uint16_t *ids,
			   unsigned n);

/**
 * Add or replace endpoint-pair shared key id (SCTP_AUTH_KEY): the
 * endpoint's (assoc 0), or one association's own (RFC 6458 8.3.3), which
 * hides an endpoint key of the same id for that association only.
 * @return 0, -EINVAL (NULL with len > 0, len over 64), -ENOTCONN,
 *   -ENOMEM or -ENOSPC.
 */
int fsctp_stack_auth_key(struct fsctp_stack *st, fsctp_assoc_id_t assoc,
			 uint16_t id, const uint8_t *key, size_t len);

/**
 * Key id used to send (SCTP_AUTH_ACTIVE_KEY): of new associations when
 * assoc is 0, else of that association.
 * @return 0, -ENOENT (no such key), -ENOTCONN.
 */
int fsctp_stack_auth_active_key(struct fsctp_stack *st, fsctp_assoc_id_t assoc,
				uint16_t id);

/**
 * Delete key id (SCTP_AUTH_DELETE_KEY): the endpoint's (assoc 0) or an
 * association's own.
 * @return 0, -ENOENT, -ENOTCONN, -EBUSY (the endpoint's or an
 *   association's active key).
 */
int fsctp_stack_auth_delete_key(struct fsctp_stack *st, fsctp_assoc_id_t assoc,
				uint16_t id);

/**
 * Chunk types an association authenticates (SCTP_PEER_AUTH_CHUNKS when
 * peer, those the peer requires from us; SCTP_LOCAL_AUTH_CHUNKS
 * otherwise, those we require), at most max written. assoc 0 with local:
 * the endpoint's list.
 * @return the number of types, -ENOTCONN, -EINVAL.
 */
int fsctp_stack_auth_chunks(const struct fsctp_stack *st,
			    fsctp_assoc_id_t assoc, bool peer, uint8_t *out,
			    unsigned max);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_CORE_H */
