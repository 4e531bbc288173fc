/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * A plain software CRC32c (RFC 9260 appendix A) for the simulator's own
 * packet forging: attack traffic, corruption with the checksum recomputed
 * and fuzzer-injected packets. It is deliberately independent of the
 * core's implementation so that a bug there cannot hide itself here.
 */
#ifndef FSCTP_SIM_CRC32C_H
#define FSCTP_SIM_CRC32C_H

#include <cstddef>
#include <cstdint>

namespace fsctp_sim
{

/** @return the CRC32c of buf (initial value ~0, final xor ~0). */
uint32_t crc32c(const uint8_t *buf, size_t len);

/**
 * Compute the CRC32c of an SCTP packet with its checksum field taken as
 * zero and store it in the field (RFC 9260 6.8: little-endian byte order of
 * the reflected CRC as transmitted). Packets shorter than the common header
 * are left alone.
 */
void sctp_fill_crc(uint8_t *pkt, size_t len);

/** @return true if the packet's checksum field matches its contents. */
bool sctp_crc_ok(const uint8_t *pkt, size_t len);

} // namespace fsctp_sim

#endif
