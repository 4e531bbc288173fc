/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * One direction of a simulated link and its seeded impairment model.
 *
 * A LinkDir takes a packet at virtual time `now` and returns zero or more
 * deliveries (time, bytes). Every random decision comes from the link's own
 * generator, drawn in a fixed order, so a seed replays exactly. Each reason
 * for dropping or altering a packet has its own counter.
 */
#ifndef FSCTP_SIM_LINK_H
#define FSCTP_SIM_LINK_H

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "sim_event.h"
#include "sim_rng.h"

namespace fsctp_sim
{

/** A half-open interval of virtual time [start, end). */
struct Window {
	Time start;
	Time end;
};

/** The impairments of one link direction. All probabilities are 0..1. */
struct Impair {
	double loss = 0; /**< Independent random loss. */
	/** Gilbert-Elliott burst loss: per-packet transition probabilities
	 * and the loss rate in each state. Off while ge_p_gb == 0. */
	double ge_p_gb = 0;
	double ge_p_bg = 0;
	double ge_loss_good = 0;
	double ge_loss_bad = 1;
	/** Longest stay in the bad state (0 = no limit): transitions are
	 * drawn per packet, so without it a sparse sender (one INIT per
	 * RTO) could sit in a "burst" for minutes. */
	Time ge_max_bad = 0;
	std::vector<Window> down; /**< Blackouts / path down: all dropped. */
	double reorder = 0;	  /**< Hold a packet back 1-3 RTTs. */
	double dup = 0;		  /**< Duplicate right behind the original. */
	double dup_late = 0;	  /**< Duplicate 1-3 RTTs later. */
	double corrupt = 0;	  /**< Flip 1-3 bits; the CRC must catch it. */
	double corrupt_recrc = 0; /**< Flip bits past the common header and
				       recompute the CRC: semantic garbage. */
	Time delay = 1 * kMs;	  /**< One-way propagation delay. */
	Time jitter = 0;	  /**< Extra delay, uniform in [0, jitter]. */
	/** Delay steps: from .first on the one-way delay is .second. */
	std::vector<std::pair<Time, Time>> delay_steps;
	uint64_t bw_bps = 0;	  /**< Bottleneck bit rate, 0 = unlimited. */
	uint32_t queue_bytes = 0; /**< Bottleneck queue limit (tail drop). */
	/** Drop IP packets above this size, 0 = none. A packet the sender
	 * flagged FSCTP_OUT_F_MAY_FRAGMENT passes instead, as if IP had
	 * fragmented and reassembled it (counted in mtu_fragmented). */
	uint32_t mtu = 0;
	/** MTU steps: from .first on the MTU is .second. */
	std::vector<std::pair<Time, uint32_t>> mtu_steps;
	/** On an over-MTU drop, tell the sender as a router would (ICMP
	 * "fragmentation needed", RFC 1191; Packet Too Big, RFC 8201):
	 * World calls fsctp_stack_pmtu_update(). false = a PMTU black
	 * hole. */
	bool mtu_feedback = false;
	/** Bytes of the SCTP packet that feedback quotes (RFC 792: at
	 * least 8, which hold the ports and the verification tag). */
	uint32_t mtu_quote = 8;
	double sack_only_loss = 0; /**< Extra loss of SACK-only packets. */
	/** Drop the first drop_chunk_count packets carrying a chunk of type
	 * drop_chunk_type (-1 = off). */
	int drop_chunk_type = -1;
	uint32_t drop_chunk_count = 0;
	bool keep_order = true; /**< Jitter never reorders (FIFO path). */
};

/** Counters of one link direction. */
struct LinkStats {
	uint64_t in = 0;
	uint64_t delivered = 0;
	uint64_t lost_random = 0;
	uint64_t lost_burst = 0;
	uint64_t lost_down = 0;
	uint64_t lost_mtu = 0;
	uint64_t mtu_fragmented = 0; /**< Over the MTU, flagged: passed. */
	uint64_t mtu_feedback = 0;   /**< Too-big reports sent back. */
	uint64_t lost_queue = 0;
	uint64_t lost_targeted = 0;
	uint64_t lost_sack = 0;
	uint64_t reordered = 0;
	uint64_t duplicated = 0;
	uint64_t corrupted = 0;
	uint64_t garbled = 0;
};

/** A packet scheduled for delivery. */
struct Delivery {
	Time at;
	std::vector<uint8_t> bytes;
	bool corrupted; /**< Bit-flipped without a CRC fix (must be dropped). */
};

/** One direction of a link. */
class LinkDir
{
      public:
	LinkDir(std::string name, uint64_t seed, const Impair &imp = Impair())
	    : name_(std::move(name)), rng_(seed), imp_(imp)
	{
	}

	/** Offer a packet (IP payload = SCTP packet) at time now;
	 * may_fragment: the sender let IP fragment it.
	 * @return the deliveries it turns into (possibly none). */
	std::vector<Delivery> offer(Time now, const std::vector<uint8_t> &pkt,
				    bool may_fragment = false);
	/** @return the MTU the last offer() exceeded when it dropped the
	 * packet for its size and mtu_feedback is on, else 0. */
	uint32_t too_big() const
	{
		return too_big_;
	}

	Impair &impair()
	{
		return imp_;
	}
	const LinkStats &stats() const
	{
		return st_;
	}
	const std::string &name() const
	{
		return name_;
	}
	/** @return the one-way delay in force at time t. */
	Time delay_at(Time t) const;
	/** @return the MTU in force at time t (0 = unlimited). */
	uint32_t mtu_at(Time t) const;
	/** @return true if the link is down at time t. */
	bool down_at(Time t) const;

      private:
	bool lose(Time now, const std::vector<uint8_t> &pkt, bool may_fragment);
	void flip_bits(std::vector<uint8_t> &b, size_t from, int n);

	std::string name_;
	Rng rng_;
	Impair imp_;
	LinkStats st_;
	bool ge_bad_ = false;
	Time ge_bad_since_ = 0;
	Time last_arrival_ = 0;
	Time tx_free_ = 0;
	std::deque<std::pair<Time, uint32_t>> queue_; /* departure, bytes */
	uint32_t queued_ = 0;
	uint32_t targeted_dropped_ = 0;
	uint32_t too_big_ = 0;
};

/** @return true if every chunk of the SCTP packet is a SACK. */
bool sctp_is_sack_only(const std::vector<uint8_t> &pkt);
/** @return true if the SCTP packet carries a chunk of the given type. */
bool sctp_has_chunk(const std::vector<uint8_t> &pkt, uint8_t type);

} // namespace fsctp_sim

#endif
