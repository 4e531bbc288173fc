/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Library mode: one fsctp stack driven by the caller's own DPDK loop.
 *
 * The caller receives mbufs from its ports and feeds them in with
 * fsctp_rt_lcore_rx_bulk(), takes the mbufs fsctp wants sent with
 * fsctp_rt_lcore_tx_bulk() and hands them to rte_eth_tx_burst(), and calls
 * fsctp_rt_lcore_process() on every loop turn to run timers. The runtime's
 * fast-path lcores (fsctp_rt_engine.h) are built on the same object, one per
 * lcore, so library mode is not a second code path.
 *
 * Inside: received frame -> fsctp_netif_input() (Ethernet, ARP, IP, ICMP,
 * ND) -> SCTP packet -> optional steering hook -> fsctp_stack_input();
 * the core's output callback -> route and neighbour resolution -> an mbuf
 * with Ethernet and IP headers and TX offload flags -> the interface's
 * bounded TX FIFO.
 *
 * Threading: a fsctp_rt_lcore belongs to one thread; every call on it, and on
 * the stack returned by fsctp_rt_lcore_stack(), must come from that thread.
 */
#ifndef FSCTP_RT_LCORE_H
#define FSCTP_RT_LCORE_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "fsctp.h" /* fsctp_rt_now_us(): the runtime's one clock */
#include "fsctp_core.h"
#include "fsctp_netif.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_RT_LCORE_MAX_IFS \
	4 /**< Interfaces (ports) per library instance. */

struct fsctp_rt_lcore;

/** Counters of one library instance (read racily by telemetry). */
struct fsctp_rt_lcore_stats {
	uint64_t rx_pkts;	 /**< mbufs fed in. */
	uint64_t rx_sctp;	 /**< SCTP packets given to the core. */
	uint64_t rx_linearized;	 /**< Multi-segment frames copied. */
	uint64_t rx_too_big;	 /**< Frames too big to linearise. */
	uint64_t rx_crc_offload; /**< SCTP packets whose CRC the NIC checked. */
	uint64_t rx_pmtu;	 /**< ICMP errors quoting SCTP. */
	uint64_t rx_steered;	 /**< Packets taken by the steering hook. */
	uint64_t tx_pkts;	 /**< Packets queued for TX. */
	uint64_t tx_taken;	 /**< Packets handed out by tx_bulk. */
	uint64_t tx_alloc_fail;	 /**< No mbuf for an output. */
	uint64_t tx_fifo_full;	 /**< TX FIFO full: packet dropped. */
	uint64_t
		tx_fifo_flushed; /**< TX FIFO full: a burst to the port made room. */
	uint64_t tx_port_full; /**< Port refused a burst: kept queued. */
	uint64_t tx_no_if;     /**< No interface owns the source. */
	/** Sent from another port than the source's: that port reaches
	 *  the destination more specifically (its link, a longer route). */
	uint64_t tx_other_port;
	uint64_t tx_no_route;	   /**< No route (-ENETUNREACH). */
	uint64_t tx_oversize;	   /**< Packet larger than an mbuf. */
	uint64_t tx_neigh_wait;	   /**< Packets parked for resolution. */
	uint64_t tx_neigh_drop;	   /**< Parked packets that failed, or the
				    *   neighbour queue was full. */
	uint64_t tx_sw_ip_cksum;   /**< IPv4 header checksums in software. */
	uint64_t tx_hw_sctp_cksum; /**< Packets leaving the CRC to the NIC. */
	uint64_t events;	   /**< Events delivered. */
	uint64_t data_freed;   /**< DATA events freed for lack of a handler. */
	uint64_t timer_runs;   /**< fsctp_stack_timers() calls. */
	uint64_t pmtu_lowered; /**< ICMP reports that lowered a PMTU. */
	uint64_t pmtu_ignored; /**< ...refused by the core (tag, no
				* association, not lower: its counters). */
	uint64_t tx_may_fragment;	 /**< Packets flagged
				   * FSCTP_OUT_F_MAY_FRAGMENT. */
	uint64_t tx_df_cleared;		 /**< ...IPv4, sent with DF clear. */
	uint64_t tx_frag_v6_unsupported; /**< ...IPv6, sent whole: no
					  * source fragmentation. */
	uint64_t tx_udp_encaps;		 /**< RFC 6951: packets sent in UDP. */
	uint64_t udp_port_learnt;  /**< Remote encapsulation ports learnt. */
	uint64_t udp_port_changed; /**< ...changed by a later packet. */
	uint64_t udp_port_cleared; /**< ...dropped: the peer sent raw SCTP. */
	uint64_t udp_table_full;   /**< ...not learnt: the table was full. */
	uint64_t tx_stateless;	   /**< Stateless replies (no tuple learnt). */
	/** DATA payloads kept in their received packet (zero copy). */
	uint64_t rx_zc_held;
	/** ...copied instead: rx_hold packets were held already. */
	uint64_t rx_zc_limited;
	/** References to received mbufs held now (at most rx_hold; 0 once
	 * every message is freed). */
	uint64_t rx_zc_in_use;
	/** Packets the core wrote in our mbuf (ops.out_buf): headers
	 * prepended, no copy. */
	uint64_t tx_in_place;
	uint64_t tx_copied; /**< Packets copied into an mbuf (fallback). */
	/** Packets to the same source and destination as the packet before:
	 *  its ports and next hop were reused (the MAC is resolved anyway). */
	uint64_t tx_route_cached;
};

/** One interface of a library instance. */
struct fsctp_rt_lcore_if {
	uint16_t port_id;	       /**< DPDK port (stamped on mbufs). */
	struct fsctp_netif_config net; /**< MAC and addresses. */
	bool tx_ip4_cksum;	       /**< The port does IPv4 checksums. */
	bool tx_sctp_cksum;	       /**< The port does SCTP CRC32c. */
};

/** Library instance configuration. */
struct fsctp_rt_lcore_config {
	struct fsctp_stack_config stack; /**< tx_crc_offload is derived. */
	uint16_t n_ifs;			 /**< Interfaces in ifs. */
	struct fsctp_rt_lcore_if
		ifs[FSCTP_RT_LCORE_MAX_IFS]; /**< Interfaces. */
	struct rte_mempool *pool;	     /**< mbufs for what fsctp sends. */
	/** Zero copy on receive: at most this many references to received
	 * mbufs are held by messages (and chunks in reassembly) at a time;
	 * beyond it payloads are copied (rx_zc_limited). 0: always copy. */
	uint32_t rx_hold;
	/** TX FIFO per interface, power of two: DATA fills at most seven
	 *  eighths of it, SACKs all of it; the control packets that cannot
	 *  wait may use twice as much. */
	uint32_t tx_fifo;
	/**
	 * The caller owns TX queue tx_queue of every interface's port on
	 * this thread: a packet that finds the FIFO full first hands the
	 * port a burst from it, and is dropped (tx_fifo_full) only when the
	 * port takes nothing. false: a full FIFO drops at once.
	 */
	bool tx_flush_when_full;
	/** Build packets in the core's buffer and copy them into mbufs,
	 * as when the mbufs are too small (false: the core writes them in
	 * place, fsctp_core_ops.out_buf). */
	bool tx_copy;
	uint16_t tx_queue; /**< The queue, with tx_flush_when_full. */
	/** Application events; NULL: DATA messages are freed and counted. */
	void (*event)(void *ctx, struct fsctp_rt_lcore *lib,
		      const struct fsctp_event *ev);
	/**
	 * Steering hook, called for every SCTP packet before the core sees
	 * it (sctp points at the common header). Return true to take m (the
	 * hook then owns it); false to let this instance process it. NULL:
	 * everything is processed here.
	 */
	bool (*steer)(void *ctx, struct fsctp_rt_lcore *lib, struct rte_mbuf *m,
		      const uint8_t *sctp, size_t len,
		      const struct fsctp_net_rx *res);
	/** Called after an ARP or ND frame was handled here (to share what
	 * was learnt with other lcores); may be NULL. m is still ours. */
	void (*neigh_frame)(void *ctx, struct fsctp_rt_lcore *lib,
			    struct rte_mbuf *m);
	/**
	 * Steering hook for an ICMP "fragmentation needed" / "packet too
	 * big" quoting one of our SCTP packets (m is the whole frame).
	 * Return true to take m (to hand it to the lcore that owns the
	 * association, which feeds it in with fsctp_rt_lcore_rx_owned()); false
	 * to have this instance call fsctp_rt_lcore_pmtu(). NULL: always here.
	 */
	bool (*pmtu)(void *ctx, struct fsctp_rt_lcore *lib, struct rte_mbuf *m,
		     const struct fsctp_icmp_quote *q);
	/** Called for every packet the core sends for an association
	 * (tuple learning), not for stateless replies
	 * (FSCTP_OUT_F_STATELESS, counted tx_stateless); may be NULL. */
	void (*sent)(void *ctx, struct fsctp_rt_lcore *lib,
		     const struct fsctp_addr *src,
		     const struct fsctp_addr *dst);
	void *ctx; /**< Passed to the callbacks. */
	/**
	 * RFC 6951 SCTP over UDP: our encapsulation port on every interface
	 * (FSCTP_UDP_ENCAPS_PORT is the IANA one); 0: off. When on, the
	 * stack's path MTU is 8 bytes smaller for the UDP header (5.6) and
	 * the CRC32c is computed in software (the UDP checksum covers it).
	 */
	uint16_t udp_encaps_port;
	/** With udp_encaps_port: the remote encapsulation port used towards
	 * peers none was learnt for (e.g. a connect); 0: those get raw
	 * SCTP. */
	uint16_t udp_remote_port;
	/** Entries of the learnt remote-port table (power of two; 0:
	 * 1024). */
	uint32_t udp_table;
};

/**
 * Create a library instance and its stack.
 * @return it, or NULL with rte_errno EINVAL (bad config) or ENOMEM.
 */
struct fsctp_rt_lcore *
fsctp_rt_lcore_create(const struct fsctp_rt_lcore_config *cfg, uint64_t now);

/** Free the instance, its stack (no packet sent) and queued mbufs. */
void fsctp_rt_lcore_free(struct fsctp_rt_lcore *lib);

/**
 * Feed received frames of interface ifidx. Every mbuf is consumed (freed
 * or taken by the steering hook).
 * @return the number of SCTP packets given to the core or steered.
 */
uint16_t fsctp_rt_lcore_rx_bulk(struct fsctp_rt_lcore *lib, uint16_t ifidx,
				struct rte_mbuf **pkts, uint16_t n,
				uint64_t now);

/**
 * Feed a parsed ICMP too-big quote (fsctp_netif_input() FSCTP_NET_PMTU) to
 * this instance's stack: fsctp_stack_pmtu_update(), which checks the quoted
 * verification tag (RFC 9260 section 10) and lowers the path MTU. The rx
 * calls do this themselves; for library-mode users with their own ICMP
 * handling. Call on the instance's lcore.
 * @return as fsctp_stack_pmtu_update() (0: lowered), or -EINVAL.
 */
int fsctp_rt_lcore_pmtu(struct fsctp_rt_lcore *lib,
			const struct fsctp_icmp_quote *q, uint64_t now);

/**
 * As fsctp_rt_lcore_rx_bulk(), without the steering hook: for packets another
 * lcore handed to their owner.
 */
uint16_t fsctp_rt_lcore_rx_owned(struct fsctp_rt_lcore *lib, uint16_t ifidx,
				 struct rte_mbuf **pkts, uint16_t n,
				 uint64_t now);

/**
 * Learn neighbours from an ARP/ND frame seen by another lcore, without
 * answering it. Consumes m.
 */
void fsctp_rt_lcore_learn(struct fsctp_rt_lcore *lib, uint16_t ifidx,
			  struct rte_mbuf *m, uint64_t now);

/**
 * Take up to n mbufs to send on interface ifidx.
 * @return the number written to pkts; the caller now owns them.
 */
uint16_t fsctp_rt_lcore_tx_bulk(struct fsctp_rt_lcore *lib, uint16_t ifidx,
				struct rte_mbuf **pkts, uint16_t n);

/**
 * Send up to max queued mbufs of interface ifidx with rte_eth_tx_burst() on
 * (port_id, queue_id). What the port refuses stays queued, in order, for
 * the next call (counted in tx_port_full); only the bounded queue itself
 * drops (tx_fifo_full).
 * @return the number of mbufs the port took.
 */
uint16_t fsctp_rt_lcore_tx_burst(struct fsctp_rt_lcore *lib, uint16_t ifidx,
				 uint16_t port_id, uint16_t queue_id,
				 uint16_t max);

/** @return whether interface ifidx has packets waiting for
 * fsctp_rt_lcore_tx_burst() (an idle turn skips the call). */
bool fsctp_rt_lcore_tx_pending(const struct fsctp_rt_lcore *lib,
			       uint16_t ifidx);

/** Run the stack's and the neighbour tables' timers due at now. */
void fsctp_rt_lcore_process(struct fsctp_rt_lcore *lib, uint64_t now);

/** @return the earliest time fsctp_rt_lcore_process() has work. */
uint64_t fsctp_rt_lcore_next_deadline(const struct fsctp_rt_lcore *lib);

/**
 * RFC 6951 section 6.1 (SCTP_REMOTE_UDP_ENCAPS_PORT): send to the peer
 * address peer (address and SCTP port) from local SCTP port lport in UDP
 * to udp_port (0: raw SCTP again), as if a packet from that port had been
 * received. Call before fsctp_connect() to connect encapsulated to one
 * peer. A later packet from the peer updates it (5.4).
 * @return 0, -EINVAL (encapsulation off, bad address) or -ENOSPC (the
 *   table is full).
 */
int fsctp_rt_lcore_udp_encaps_set(struct fsctp_rt_lcore *lib, uint16_t lport,
				  const struct fsctp_addr *peer,
				  uint16_t udp_port);

/** @return true if RFC 6951 encapsulation is on (udp_encaps_port). */
bool fsctp_rt_lcore_udp_encaps_on(const struct fsctp_rt_lcore *lib);

/**
 * @return the remote encapsulation port packets from lport to peer are
 *   sent to (learnt, set or the default), 0 for raw SCTP.
 */
uint16_t fsctp_rt_lcore_udp_encaps_get(struct fsctp_rt_lcore *lib,
				       uint16_t lport,
				       const struct fsctp_addr *peer);

/** @return the stack, for fsctp_listen/connect/send (same thread only). */
struct fsctp_stack *fsctp_rt_lcore_stack(struct fsctp_rt_lcore *lib);

/** @return the counters. */
const struct fsctp_rt_lcore_stats *
fsctp_rt_lcore_stats(const struct fsctp_rt_lcore *lib);

/** @return interface ifidx's network layer (its counters, neighbours). */
struct fsctp_netif *fsctp_rt_lcore_netif(struct fsctp_rt_lcore *lib,
					 uint16_t ifidx);

/** @return the number of interfaces. */
uint16_t fsctp_rt_lcore_n_ifs(const struct fsctp_rt_lcore *lib);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_RT_LCORE_H */
