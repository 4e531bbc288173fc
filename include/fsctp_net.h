/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The Net-style layer: the ergonomics of the Node.js `sctp` module on top
 * of include/fsctp.h. A server with an on-connection callback, a client
 * connect with an on-connect callback, write / end / destroy, and
 * per-socket data / end / error / drain callbacks. PPIDs come from
 * include/fsctp_ppid.h (FSCTP_PPID_M3UA, fsctp_ppid_from_name()).
 *
 * One struct fsctp_net owns one struct fsctp_sock (its callbacks), and
 * maps each association to a struct fsctp_net_socket. Everything runs in
 * INLINE mode on the thread that polls the runtime (fsctp_rt_poll() /
 * fsctp_rt_run()): every call here must come from that thread, from a
 * callback or between polls.
 *
 * A socket is freed by the layer after its last callback, on_close: when
 * the shutdown completed (on_end came before it) or the association
 * failed (on_error came before it); or at once by fsctp_net_destroy(),
 * without a callback. Do not use the pointer afterwards.
 */
#ifndef FSCTP_NET_H
#define FSCTP_NET_H

#include <stdint.h>

#include "fsctp.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fsctp_net;
struct fsctp_net_server;
struct fsctp_net_socket;

/** Per-socket callbacks, all optional. */
struct fsctp_net_socket_cbs {
	/** A message: valid during the call; ri holds stream and PPID. */
	void (*on_data)(struct fsctp_net_socket *sk, void *ctx,
			const uint8_t *data, uint32_t len,
			const struct fsctp_rcvinfo *ri);
	/** The peer ended (SHUTDOWN received) or the shutdown completed:
	 * called once; the socket is freed after it when the association
	 * is gone. */
	void (*on_end)(struct fsctp_net_socket *sk, void *ctx);
	/** The association failed: -ECONNREFUSED (could not be set up),
	 * -ECONNRESET (lost or aborted by the peer). The socket is freed
	 * after the call. */
	void (*on_error)(struct fsctp_net_socket *sk, void *ctx, int err);
	/** Room again after fsctp_net_write() returned -EAGAIN. */
	void (*on_drain)(struct fsctp_net_socket *sk, void *ctx);
	/** The last callback: the layer frees the socket when it returns
	 * (after the shutdown completed or the association failed). Not
	 * called by fsctp_net_destroy() nor fsctp_net_free(). */
	void (*on_close)(struct fsctp_net_socket *sk, void *ctx);
};

/**
 * Create the layer on a runtime, with a socket on the given profile ports
 * (bit mask, 0 = every free port). Owner thread.
 * @return it, or NULL with rte_errno as fsctp_sock_create(), or EINVAL.
 */
struct fsctp_net *fsctp_net_create(struct fsctp_rt *rt, uint32_t port_mask);

/** Free the layer, its servers and sockets (no packet sent). Owner. */
void fsctp_net_free(struct fsctp_net *net);

/** @return the underlying socket (NULL for NULL). Owner thread. */
struct fsctp_sock *fsctp_net_sock(struct fsctp_net *net);

/** Called for every association accepted by a server. */
typedef void (*fsctp_net_on_connection)(struct fsctp_net_server *srv,
					struct fsctp_net_socket *sk, void *ctx);

/**
 * Create a server (not yet listening). Owner thread.
 * @return it, or NULL with rte_errno EINVAL (NULL net or callback) or
 *   ENOMEM.
 */
struct fsctp_net_server *fsctp_net_create_server(struct fsctp_net *net,
						 fsctp_net_on_connection cb,
						 void *ctx);

/**
 * Listen on a port. Owner thread.
 * @return 0, -EINVAL (NULL, port 0, already listening), -EADDRINUSE,
 *   -ENOMEM.
 */
int fsctp_net_server_listen(struct fsctp_net_server *srv, uint16_t port);

/** At most this many addresses on each side of a Net association. */
#define FSCTP_NET_MAX_ADDRS 8

/** Client options. Zero fields take the socket's defaults. */
struct fsctp_net_connect_opts {
	const char *host;    /**< Peer IPv4 or IPv6 address, literal. */
	uint16_t port;	     /**< Peer port. */
	uint32_t ppid;	     /**< PPID of every write, host order. */
	uint16_t stream;     /**< Stream of every write. */
	uint16_t local_port; /**< 0: an ephemeral port. */
	/** A multi-homed peer's other addresses (literals, IPv4 and IPv6
	 * may mix), like sctp_connectx(): host is the primary, these are
	 * alternates; host and these at most FSCTP_NET_MAX_ADDRS. */
	const char *const *more_hosts;
	unsigned int n_more_hosts;
	/** Our addresses to use and list in the INIT (literals, at most
	 * FSCTP_NET_MAX_ADDRS); none: the port's address. */
	const char *const *local_hosts;
	unsigned int n_local_hosts;
	uint16_t streams; /**< Outbound streams asked for in the INIT. */
	/** RTO.Initial / RTO.Min / RTO.Max of this association, ms. */
	uint32_t rto_initial_ms, rto_min_ms, rto_max_ms;
	uint32_t hb_interval_ms;   /**< HB.interval of every path, ms. */
	uint16_t path_max_retrans; /**< Path.Max.Retrans of every path. */
};

/** Called once the association is up (COMM_UP). */
typedef void (*fsctp_net_on_connect)(struct fsctp_net_socket *sk, void *ctx);

/**
 * Connect; on_connect runs when the association is up, the socket's
 * on_error with -ECONNREFUSED when it cannot be set up. The association's
 * RTO, heartbeat and Path.Max.Retrans options are set right after the
 * INIT leaves; a value the association refuses aborts it (on_error
 * follows). Owner thread, outside callbacks when streams is set.
 * @return the socket, or NULL with rte_errno EINVAL (NULL, bad host or
 *   address, port 0, too many addresses, RTO.Min above RTO.Max, no local
 *   address of that family), EISCONN, EMFILE, ENOMEM or EWOULDBLOCK.
 */
struct fsctp_net_socket *
fsctp_net_connect(struct fsctp_net *net,
		  const struct fsctp_net_connect_opts *opts,
		  fsctp_net_on_connect on_connect, void *ctx);

/** Set a socket's callbacks and their context. Owner thread.
 * @return 0 or -EINVAL. */
int fsctp_net_socket_on(struct fsctp_net_socket *sk,
			const struct fsctp_net_socket_cbs *cbs, void *ctx);

/**
 * Set the PPID and stream of later writes (accepted sockets start with
 * the PPID and stream of the last message received, or 0 and 0).
 * Owner thread. @return 0 or -EINVAL.
 */
int fsctp_net_socket_set_ppid(struct fsctp_net_socket *sk, uint32_t ppid,
			      uint16_t stream);

/**
 * Write one message (copied) with the socket's PPID and stream. Owner.
 * @return 0, -EINVAL (NULL, zero length, bad stream), -EMSGSIZE,
 *   -ENOTCONN (not up yet, or gone), -ESHUTDOWN (after end), -EAGAIN (send
 *   buffer full: on_drain follows).
 */
int fsctp_net_write(struct fsctp_net_socket *sk, const void *buf, uint32_t len);

/**
 * As fsctp_net_write() with explicit stream, PPID and unordered flag.
 */
int fsctp_net_write_ex(struct fsctp_net_socket *sk, const void *buf,
		       uint32_t len, uint16_t stream, uint32_t ppid,
		       bool unordered);

/**
 * Graceful end after queued data is delivered (SHUTDOWN); on_end
 * follows. Owner thread. @return 0, -EINVAL (NULL), -ENOTCONN (gone).
 */
int fsctp_net_end(struct fsctp_net_socket *sk);

/**
 * Abort the association and free the socket at once; no callback follows.
 * Owner thread; may be called from the socket's own callbacks.
 * @return 0 or -EINVAL (NULL).
 */
int fsctp_net_destroy(struct fsctp_net_socket *sk);

/** @return the association id (0 before the connect started). */
fsctp_assoc_id_t fsctp_net_socket_assoc(const struct fsctp_net_socket *sk);

/** @return the peer's address (zero until up). */
struct fsctp_addr fsctp_net_socket_peer(const struct fsctp_net_socket *sk);

/** @return the layer of a socket. */
struct fsctp_net *fsctp_net_socket_net(const struct fsctp_net_socket *sk);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_NET_H */
