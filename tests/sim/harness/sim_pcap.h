/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * A pcap writer for simulated traffic.
 *
 * The file uses LINKTYPE_RAW (101): every record is an IP packet, IPv4 or
 * IPv6 by its version nibble, with an IP header synthesized from the SCTP
 * packet's transport addresses. Timestamps are the virtual clock, so a run
 * opens in Wireshark/tshark with its real timing.
 */
#ifndef FSCTP_SIM_PCAP_H
#define FSCTP_SIM_PCAP_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fsctp_types.h"

namespace fsctp_sim
{

/** The pcap link type of the records written (raw IP). */
constexpr uint32_t kPcapLinktypeRaw = 101;

/**
 * Wrap an SCTP packet in a synthesized IPv4 or IPv6 header (protocol 132).
 * @return the IP datagram bytes, empty if the families differ or are unset.
 */
std::vector<uint8_t> ip_encapsulate(const struct fsctp_addr &src,
				    const struct fsctp_addr &dst,
				    const uint8_t *sctp, size_t len,
				    uint16_t ip_id);

/** Writes one pcap file; records are appended as they come. */
class PcapWriter
{
      public:
	PcapWriter() = default;
	~PcapWriter();
	PcapWriter(const PcapWriter &) = delete;
	PcapWriter &operator=(const PcapWriter &) = delete;

	/** Create (truncate) path and write the global header.
	 * @return 0 or -errno. */
	int open(const std::string &path);
	/** Append one SCTP packet at virtual time t_us. */
	void write(uint64_t t_us, const struct fsctp_addr &src,
		   const struct fsctp_addr &dst, const uint8_t *sctp,
		   size_t len);
	void close();
	uint64_t records() const
	{
		return records_;
	}

      private:
	FILE *f_ = nullptr;
	uint64_t records_ = 0;
	uint16_t ip_id_ = 0;
};

} // namespace fsctp_sim

#endif
