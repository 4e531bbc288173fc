/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Basic types shared by every fsctp layer: transport addresses and time.
 *
 * These types carry no DPDK dependency so that the sans-I/O protocol core,
 * the simulator and the fuzzers can use them.
 */
#ifndef FSCTP_TYPES_H
#define FSCTP_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Time in microseconds on a monotonic clock chosen by the caller. */
typedef uint64_t fsctp_time_t;

/** Address family of a fsctp_addr. */
enum fsctp_family {
	FSCTP_AF_NONE = 0,  /**< Unset. */
	FSCTP_AF_INET4 = 4, /**< IPv4. */
	FSCTP_AF_INET6 = 6, /**< IPv6. */
};

/**
 * A transport address: IP address and SCTP port.
 * All fields are in host byte order except the address bytes, which are in
 * network order (as on the wire).
 */
struct fsctp_addr {
	uint8_t family;	  /**< enum fsctp_family. */
	uint8_t reserved; /**< Zero. */
	uint16_t port;	  /**< SCTP port, host order. */
	union {
		uint8_t v4[4];	/**< IPv4 address, network order. */
		uint8_t v6[16]; /**< IPv6 address, network order. */
	} ip;			/**< The IP address. */
};

/** @return true if the IP addresses (not the ports) of a and b are equal. */
static inline bool
fsctp_addr_ip_eq(const struct fsctp_addr *a, const struct fsctp_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == FSCTP_AF_INET4)
		return memcmp(a->ip.v4, b->ip.v4, 4) == 0;
	if (a->family == FSCTP_AF_INET6)
		return memcmp(a->ip.v6, b->ip.v6, 16) == 0;
	return true;
}

/** @return true if the transport addresses a and b (IP and port) are equal. */
static inline bool
fsctp_addr_eq(const struct fsctp_addr *a, const struct fsctp_addr *b)
{
	return a->port == b->port && fsctp_addr_ip_eq(a, b);
}

/** Fill an IPv4 transport address from four octets and a port. */
static inline void
fsctp_addr_set_v4(struct fsctp_addr *a, uint8_t o0, uint8_t o1, uint8_t o2,
		  uint8_t o3, uint16_t port)
{
	memset(a, 0, sizeof(*a));
	a->family = FSCTP_AF_INET4;
	a->port = port;
	a->ip.v4[0] = o0;
	a->ip.v4[1] = o1;
	a->ip.v4[2] = o2;
	a->ip.v4[3] = o3;
}

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_TYPES_H */
