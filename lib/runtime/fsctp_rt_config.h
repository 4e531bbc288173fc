/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Runtime profiles: the INI files in drivers-config/, read with DPDK's rte_cfgfile.
 *
 * A profile names the EAL arguments, the ports (a vdev spec, a PCI address
 * or one side of an in-process ring pair), their queues, RSS and offloads,
 * MTU, local addresses and gateways, the mbuf pools, the lcore roles and
 * the SCTP settings. Sections and keys are checked against a fixed list:
 * an unknown one is an error, so a typo never silently falls back to a
 * default. Every error names the section, key and value at fault.
 */
#ifndef FSCTP_RT_CONFIG_H
#define FSCTP_RT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp.h" /* FSCTP_RT_STR */
#include "fsctp_netif.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_RT_MAX_PORTS    4	 /**< Ports in one profile. */
#define FSCTP_RT_MAX_LCORES   16 /**< Fast-path lcores (4 owner bits). */
#define FSCTP_RT_MAX_EAL_ARGS 48 /**< EAL arguments, words. */
#define FSCTP_RT_MAX_LISTEN   8	 /**< SCTP ports listened on. */

/** Where a port comes from. */
enum fsctp_rt_port_kind {
	FSCTP_RT_PORT_VDEV = 1, /**< A --vdev spec, e.g. net_tap0,iface=x. */
	FSCTP_RT_PORT_PCI,	/**< A PCI address, added with -a. */
	FSCTP_RT_PORT_RING,	/**< One side of an in-process ring pair. */
};

/** One [portN] section. */
struct fsctp_rt_port_cfg {
	enum fsctp_rt_port_kind kind;
	char dev[FSCTP_RT_STR]; /**< vdev spec, PCI address or ring name. */
	uint8_t ring_side;	/**< RING: 0 (a) or 1 (b). */
	uint16_t rx_queues;	/**< Default: one per fast-path lcore. */
	uint16_t tx_queues;	/**< Default: one per fast-path lcore. */
	uint16_t rx_desc;	/**< RX descriptors per queue. */
	uint16_t tx_desc;	/**< TX descriptors per queue. */
	bool rss_sctp;		/**< RSS on IPv4/IPv6 SCTP. */
	bool tx_ip4_cksum;	/**< Use IPv4 checksum TX offload if offered. */
	bool tx_sctp_cksum;	/**< Use SCTP CRC32c TX offload if offered. */
	bool rx_cksum;		/**< Use RX checksum offload if offered. */
	uint16_t mtu;		/**< Port MTU (IP bytes). */
	struct fsctp_netif_config net; /**< MAC (zero: the port's), addrs. */
	bool has_mac;		       /**< net.mac came from the profile. */
};

/** A whole profile. */
struct fsctp_rt_config {
	char path[FSCTP_RT_STR];			   /**< File read. */
	int n_eal;					   /**< Words in eal. */
	char eal[FSCTP_RT_MAX_EAL_ARGS][FSCTP_RT_STR / 2]; /**< EAL words. */
	uint16_t n_ports;				   /**< Ports. */
	struct fsctp_rt_port_cfg ports[FSCTP_RT_MAX_PORTS]; /**< Ports. */
	uint32_t pool_mbufs;	 /**< mbufs per NUMA socket pool. */
	uint32_t pool_cache;	 /**< Per-lcore mempool cache. */
	uint16_t pool_data_room; /**< Data room per mbuf. */
	/** Received packets each fast-path lcore lets delivered messages
	 * hold without a copy ([pools] rx_hold; 0 = always copy;
	 * UINT32_MAX until loaded: then half of what the queues, caches
	 * and rings leave of the pool, shared by the lcores). */
	uint32_t rx_hold;
	uint16_t n_fastpath;			/**< Fast-path lcores. */
	uint16_t fastpath[FSCTP_RT_MAX_LCORES]; /**< Their lcore ids. */
	uint32_t handoff_ring; /**< Entries per lcore-pair hand-off ring. */
	uint32_t tuple_table;  /**< Entries in the tuple fallback table. */
	/** Packets an instance's stack may queue per port and lcore while
	 * the TX queue is full ([sctp] tx_fifo, power of two). */
	uint32_t tx_fifo;
	uint32_t max_assocs;  /**< Associations per stack. */
	uint32_t shutdown_ms; /**< Graceful shutdown time limit. */
	/** HB.interval in ms ([sctp] hb_interval_ms, 0 = off);
	 *  UINT32_MAX keeps the core's default. */
	uint32_t hb_interval_ms;
	/** RFC 6525 requests from peers accepted ([sctp] reconf_enable,
	 *  FSCTP_ENABLE_* bits, default 0: all Denied). */
	uint32_t reconf_enable;
	/** RTO.Initial/Min/Max ([sctp] rto_initial_ms, rto_min_ms,
	 *  rto_max_ms) and Association/Path.Max.Retrans ([sctp]
	 *  assoc_max_retrans, path_max_retrans); UINT32_MAX keeps the core's
	 *  default (RFC 9260 section 16). */
	uint32_t rto_initial_ms;
	uint32_t rto_min_ms;	    /**< See rto_initial_ms. */
	uint32_t rto_max_ms;	    /**< See rto_initial_ms. */
	uint32_t assoc_max_retrans; /**< See rto_initial_ms. */
	uint32_t path_max_retrans;  /**< See rto_initial_ms. */
	/** RFC 7829 PotentiallyFailed threshold ([sctp] pf_threshold = N
	 *  or off: FSCTP_PF_OFF); used only when pf_set. */
	uint32_t pf_threshold;
	bool pf_set;	   /**< [sctp] pf_threshold was given. */
	uint16_t n_listen; /**< SCTP ports listened on. */
	uint16_t listen[FSCTP_RT_MAX_LISTEN]; /**< Those ports. */
	uint16_t burst;			      /**< RX/TX burst size. */
	uint32_t idle_sleep_us; /**< Sleep after an idle turn; 0: poll. */
	/** RFC 6951 SCTP over UDP ([sctp] udp_encaps = on|off, default
	 * off: raw SCTP is what telecom peers speak, and a UDP port is one
	 * more thing open to the network). */
	bool udp_encaps;
	/** Local encapsulation port ([sctp] udp_encaps_port, 9899). */
	uint16_t udp_encaps_port;
	/** Remote encapsulation port for peers none was learnt for, e.g.
	 * connects ([sctp] udp_remote_port, 0: raw until a peer sends in
	 * UDP). */
	uint16_t udp_remote_port;
	/** Learnt remote ports per lcore ([sctp] udp_table, 1024). */
	uint32_t udp_table;
	/** RFC 9653: [sctp] zero_checksum_edmid, the Error Detection Method
	 * Identifier of a lower layer that detects errors itself (1: SCTP
	 * over DTLS); 0 (default): off. See fsctp_stack_config. */
	uint32_t zero_csum_edmid;
	/** RFC 8899 PLPMTUD ([sctp] plpmtud = 0/1, plpmtud_max,
	 * plpmtud_probe_ms, plpmtud_raise_ms); 0 keeps the core's default
	 * for the others. MAX_PLPMTU is also kept within the ports' MTU and
	 * what one mbuf of the pool holds. */
	uint8_t plpmtud;
	uint16_t plpmtud_max;	   /**< See plpmtud. */
	uint32_t plpmtud_probe_ms; /**< See plpmtud. */
	uint32_t plpmtud_raise_ms; /**< See plpmtud. */
	/** Offer AUTH, RFC 4895 ([sctp] auth = 0 or 1, default 0). */
	uint8_t auth;
	/** Chunk types required authenticated ([sctp] auth_chunks = a
	 * comma-separated list of chunk type numbers, e.g. 0,3). */
	uint8_t auth_chunks[8];
	uint8_t n_auth_chunks;
	/** Answer ASCONF, RFC 5061, with auth ([sctp] asconf = 0 or 1). */
	uint8_t asconf;
	/** Offer I-DATA, RFC 8260 ([sctp] idata = 0 or 1, default 0). */
	uint8_t idata;
	/** Stream scheduler, RFC 8260 3 ([sctp] stream_sched = 0..5, an
	 * enum fsctp_stream_sched; default 0, first come first served). */
	uint8_t stream_sched;
	/** Partial delivery point in bytes, RFC 6458 8.1.21 ([sctp]
	 * pd_point; default 0, whole messages). */
	uint32_t pd_point;
	/** Fragment interleave level, RFC 6458 8.1.20 ([sctp]
	 * frag_interleave = 0..2, default 1). */
	uint8_t frag_interleave;
	/** Stateless replies (INIT ACK, ABORT, out-of-the-blue SHUTDOWN
	 * COMPLETE) per second and the bucket's depth ([sctp] reply_rate =
	 * 0..100000000, 0 = no limit; reply_burst = 1..100000000);
	 * UINT32_MAX = the stack's defaults (10000 and 1000). */
	uint32_t reply_rate;
	uint32_t reply_burst; /**< See reply_rate. */
	/** Send buffer per association in bytes ([sctp] sndbuf =
	 * 1024..1073741824; SO_SNDBUF) and the receive window advertised
	 * ([sctp] rwnd = 1500..1073741824, RFC 9260 3.3.2 a_rwnd at least
	 * 1500); 0 = the stack's defaults (1 MiB and 256 KiB). */
	uint32_t sndbuf;
	uint32_t rwnd; /**< See sndbuf. */
};

/** Fill cfg with the defaults a profile overrides. */
void fsctp_rt_config_defaults(struct fsctp_rt_config *cfg);

/**
 * Load and validate a profile.
 * @param err receives a message naming the problem (may be NULL).
 * @return 0, -ENOENT (no such file / unreadable), or -EINVAL (unknown
 *   section or key, missing port, unparsable value); the message is also
 *   logged through rte_log.
 */
int fsctp_rt_config_load(const char *path, struct fsctp_rt_config *cfg,
			 char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_RT_CONFIG_H */
