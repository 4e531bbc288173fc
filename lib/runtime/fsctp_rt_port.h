/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * EAL start-up and port bring-up from a profile: the EAL argument vector,
 * one packet pool per NUMA socket, queues, RSS on IPv4/IPv6 SCTP and the
 * checksum offloads the port actually offers.
 */
#ifndef FSCTP_RT_PORT_H
#define FSCTP_RT_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_mempool.h>

#include "fsctp_rt_config.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_RT_MAX_SOCKETS 8 /**< NUMA sockets with a pool. */

/** A started port and what it granted. */
struct fsctp_rt_port {
	uint16_t port_id;	  /**< DPDK port id. */
	int socket;		  /**< Its NUMA socket (0 if unknown). */
	uint8_t mac[6];		  /**< MAC used by the network layer. */
	bool tx_ip4_cksum;	  /**< IPv4 checksum TX offload granted. */
	bool tx_sctp_cksum;	  /**< SCTP CRC32c TX offload granted. */
	bool rx_cksum;		  /**< RX checksum offloads granted. */
	uint64_t rss_hf;	  /**< RSS hash functions granted. */
	struct rte_mempool *pool; /**< Pool on its socket. */
};

/** All ports of a profile. */
struct fsctp_rt_ports {
	uint16_t n;					 /**< Ports. */
	struct fsctp_rt_port port[FSCTP_RT_MAX_PORTS];	 /**< Ports. */
	struct rte_mempool *pools[FSCTP_RT_MAX_SOCKETS]; /**< Per socket. */
};

/**
 * Start the EAL with the profile's [eal] args, a --vdev (or -a) per port,
 * -l with the fast-path lcores unless the args name lcores, then extra.
 * @return 0, or -EINVAL with a message in err.
 */
int fsctp_rt_eal_init(const struct fsctp_rt_config *cfg, int n_extra,
		      char **extra, char *err, size_t errlen);

/**
 * Create the pools and bring every port up.
 * @return 0, or -EINVAL with a message naming the port or pool at fault
 *   (not enough memory for a pool, unknown device, queue set-up failed).
 */
int fsctp_rt_ports_start(const struct fsctp_rt_config *cfg,
			 struct fsctp_rt_ports *ports, char *err,
			 size_t errlen);

/** Stop and close the ports, free the pools. */
void fsctp_rt_ports_stop(struct fsctp_rt_ports *ports);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_RT_PORT_H */
