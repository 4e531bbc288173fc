/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the network layer tests: frame builders. */
#ifndef NET_TEST_UTIL_H
#define NET_TEST_UTIL_H

#include <cstdint>
#include <cstring>
#include <vector>

extern "C" {
#include "fsctp_csum.h"
#include "fsctp_eth.h"
#include "fsctp_icmp.h"
#include "fsctp_ipv4.h"
#include "fsctp_ipv6.h"
}

namespace nettest
{

using Bytes = std::vector<uint8_t>;

inline Bytes
ipv4(const uint8_t *src, const uint8_t *dst, uint8_t proto, const Bytes &pl)
{
	Bytes b(FSCTP_IPV4_HLEN + pl.size());
	fsctp_ipv4_build(b.data(), b.size(), src, dst, proto, 64, 7, pl.size(),
			 true);
	std::memcpy(b.data() + FSCTP_IPV4_HLEN, pl.data(), pl.size());
	return b;
}

inline Bytes
ipv6(const uint8_t *src, const uint8_t *dst, uint8_t nh, uint8_t hops,
     const Bytes &pl)
{
	Bytes b(FSCTP_IPV6_HLEN + pl.size());
	fsctp_ipv6_build(b.data(), b.size(), src, dst, nh, hops, pl.size());
	std::memcpy(b.data() + FSCTP_IPV6_HLEN, pl.data(), pl.size());
	return b;
}

inline Bytes
eth(const uint8_t *dst, const uint8_t *src, uint16_t type, const Bytes &pl)
{
	Bytes b(FSCTP_ETH_HLEN + pl.size());
	fsctp_eth_build(b.data(), b.size(), dst, src, type, FSCTP_VLAN_NONE);
	std::memcpy(b.data() + FSCTP_ETH_HLEN, pl.data(), pl.size());
	return b;
}

/* An SCTP common header with ports and tag, then an optional INIT chunk
 * header and Initiate Tag. */
inline Bytes
sctp(uint16_t sport, uint16_t dport, uint32_t vtag, bool init = false,
     uint32_t init_tag = 0)
{
	Bytes b = { (uint8_t)(sport >> 8),
		    (uint8_t)sport,
		    (uint8_t)(dport >> 8),
		    (uint8_t)dport,
		    (uint8_t)(vtag >> 24),
		    (uint8_t)(vtag >> 16),
		    (uint8_t)(vtag >> 8),
		    (uint8_t)vtag,
		    0,
		    0,
		    0,
		    0 };
	if (init) {
		Bytes c = { 1,
			    0,
			    0,
			    20,
			    (uint8_t)(init_tag >> 24),
			    (uint8_t)(init_tag >> 16),
			    (uint8_t)(init_tag >> 8),
			    (uint8_t)init_tag };
		b.insert(b.end(), c.begin(), c.end());
	}
	return b;
}

inline void
set_csum(Bytes &b, size_t off, size_t len)
{
	b[off + 2] = 0;
	b[off + 3] = 0;
	uint16_t c = fsctp_csum(b.data() + off, len);
	b[off + 2] = (uint8_t)(c >> 8);
	b[off + 3] = (uint8_t)c;
}

inline void
set_csum6(Bytes &icmp, const uint8_t *src, const uint8_t *dst)
{
	icmp[2] = 0;
	icmp[3] = 0;
	uint16_t c = fsctp_icmp6_csum(src, dst, icmp.data(), icmp.size());
	icmp[2] = (uint8_t)(c >> 8);
	icmp[3] = (uint8_t)c;
}

} // namespace nettest

#endif
