/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * A wire observer: it reads every packet the hosts send and receive and
 * checks the sender's retransmission behaviour from the outside.
 *
 * - Retransmissions: a DATA chunk whose TSN the same sender already put on
 *   the wire in this association. Counted per reason (timer or not).
 * - Fast retransmit (RFC 9260 7.2.4): a retransmission that the core emits
 *   while processing input (not from a timer) must follow at least three
 *   SACKs that reported the TSN missing, unless a T3-rtx expiry (6.3.3)
 *   already marked it for retransmission.
 * - Handshake sniffing: the verification tags each endpoint chose and the
 *   last COOKIE ECHO, for forging attack traffic.
 */
#ifndef FSCTP_SIM_WIRE_H
#define FSCTP_SIM_WIRE_H

#include <cstdint>
#include <map>
#include <vector>

#include "sim_world.h"

namespace fsctp_sim
{

/** A captured packet with its addresses. */
struct RawPacket {
	struct fsctp_addr src;
	struct fsctp_addr dst;
	std::vector<uint8_t> bytes;
};

class WireWatch : public PacketObserver
{
      public:
	explicit WireWatch(World &w) : w_(w)
	{
	}
	void on_tx(Host &h, Ctx ctx, const struct fsctp_addr &src,
		   const struct fsctp_addr &dst, const uint8_t *p,
		   size_t len) override;
	void on_rx(Host &h, const struct fsctp_addr &src,
		   const struct fsctp_addr &dst, const uint8_t *p,
		   size_t len) override;
	void on_pmtu(Host &h) override;

	/** @return the verification tag the endpoint at `local` chose (the
	 * tag packets sent to it carry), 0 if not seen. */
	uint32_t tag_of(const struct fsctp_addr &local) const;

	/** Check the fast-retransmit rule (off for garbage scenarios). */
	bool check_fast_rtx = true;

	uint64_t data_chunks = 0; /**< DATA chunks first sent. */
	uint64_t rtx_chunks = 0;  /**< DATA chunks sent again. */
	uint64_t rtx_timer = 0;	  /**< ...from a timer. */
	uint64_t rtx_fast = 0;	  /**< ...while processing input. */
	uint64_t rtx_pmtu = 0;	  /**< ...from a too-big report. */
	uint64_t sacks_seen = 0;  /**< SACKs delivered to a sender. */
	uint64_t inits_seen = 0;  /**< INIT chunks sent. */
	uint64_t aborts_seen = 0; /**< ABORT chunks sent. */
	uint64_t cookie_echoes = 0;
	/** The last COOKIE ECHO sent (for replay attacks). */
	RawPacket last_cookie_echo{};

      private:
	struct TsnInfo {
		uint32_t miss = 0;
		bool t3 = false;
	};
	struct Dir {
		uint32_t vtag = 0;
		bool have_cum = false;
		uint32_t cum = 0;
		std::map<uint32_t, TsnInfo> out; /* sent, not cum-acked */
		/* RFC 6525 5.2.4: an SSN/TSN reset was answered: the TSNs
		 * jump once the sender goes on under the new ones. */
		bool reset_pending = false;
	};
	using Key = std::pair<std::vector<uint8_t>, std::vector<uint8_t>>;
	static std::vector<uint8_t> key_of(const struct fsctp_addr &a);
	void on_sack(Dir &d, const uint8_t *c, size_t len);

	World &w_;
	std::map<Key, Dir> dirs_;
	std::map<std::vector<uint8_t>, uint32_t> tags_;
};

} // namespace fsctp_sim

#endif
