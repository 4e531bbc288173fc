/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The property checker: exactly-once, byte-identical, in-order delivery of
 * every message the API accepted, and failure reporting after an abort.
 *
 * Messages belong to flows (one sending host, one receiving host, one
 * association). Message i of flow f is fully determined by (seed, f, i):
 * its stream, ordered/unordered flag, length and payload bytes. Its PPID
 * and send context encode (f, i), so a receiver can verify any message it
 * is handed without trusting anything else the core says.
 */
#ifndef FSCTP_SIM_CHECKER_H
#define FSCTP_SIM_CHECKER_H

#include <cstdint>
#include <map>
#include <vector>

#include "fsctp_core.h"
#include "sim_world.h"

namespace fsctp_sim
{

/** Delivery order of a flow's messages. */
enum class Order {
	Ordered,
	Unordered,
	Mixed,
};

/** How a flow's messages are drawn. */
struct FlowCfg {
	uint16_t nstreams = 1;
	Order order = Order::Ordered;
	uint32_t min_len = 1;
	uint32_t max_len = 65536;
	uint32_t count = 16;
	/** PR-SCTP (RFC 7496): enum fsctp_pr_policy for every pr_every-th
	 * message (index % pr_every == 1; 1 = all), value drawn from
	 * [pr_min, pr_max]. 0 = reliable. */
	uint8_t pr_policy = 0;
	uint32_t pr_every = 2;
	uint32_t pr_min = 0;
	uint32_t pr_max = 0;
};

/** One message of a flow. */
struct MsgSpec {
	uint16_t sid;
	bool unordered;
	uint32_t len;
	uint32_t ppid;
	uint8_t pr_policy; /**< enum fsctp_pr_policy. */
	uint32_t pr_value;
};

/** The checker. Violations go to World::violate(). */
class Checker
{
      public:
	static constexpr uint32_t kIdxBits = 20;
	static constexpr uint32_t kMaxFlows = 1u << (32 - kIdxBits);

	explicit Checker(World &w) : w_(w)
	{
	}

	/** Start a flow from host `from` to host `to`. @return its id. */
	uint32_t new_flow(const FlowCfg &cfg, int from, int to);
	/** @return message i of flow f. */
	MsgSpec spec(uint32_t f, uint32_t i) const;
	/** Fill out with the payload of message i of flow f. */
	void payload(uint32_t f, uint32_t i, std::vector<uint8_t> &out) const;

	/** fsctp_send() returned 0 for message i of flow f. */
	void accepted(uint32_t f, uint32_t i);
	/** Host `host` received msg (FSCTP_EV_DATA). */
	void delivered(int host, const struct fsctp_msg &msg);
	/** Host `host` got FSCTP_EV_SEND_FAILED. */
	void send_failed(int host, const struct fsctp_event &ev);
	/** The flow's association failed on the sending side (COMM_LOST or
	 * a local abort): undelivered messages must come back failed. */
	void flow_failed(uint32_t f);
	/** The sending host crashed: undelivered messages died with it. */
	void flow_crashed(uint32_t f);

	/** @return true when every message of the flow was accepted and
	 * delivered, or abandoned by PR-SCTP and reported. */
	bool complete(uint32_t f) const;
	/** @return messages of flow f accepted so far (the next index). */
	uint32_t next_index(uint32_t f) const
	{
		return flows_[f].accepted;
	}
	uint32_t count(uint32_t f) const
	{
		return flows_[f].cfg.count;
	}
	size_t flows() const
	{
		return flows_.size();
	}

	/**
	 * End-of-run checks. A flow that did not fail must be complete when
	 * require_complete; a failed flow must have every accepted message
	 * either delivered or reported failed. Returns the number of
	 * violations found here.
	 */
	size_t finish(bool require_complete);

	/** When false, payload/stream mismatches are counted, not violations
	 * (semantic-garbage corruption can legitimately alter them). */
	bool strict = true;
	uint64_t n_delivered = 0;
	uint64_t n_failed = 0;
	uint64_t n_bytes = 0;
	uint64_t n_mismatch = 0;
	uint64_t n_abandoned = 0; /**< SEND_FAILED by a PR-SCTP policy. */
	uint64_t n_accepted = 0;  /**< fsctp_send() calls that returned 0. */
	/** Per message delivered: simulated time from fsctp_send() to its
	 * FSCTP_EV_DATA (the whole message), in us. */
	std::vector<Time> latencies;

      private:
	struct Flow {
		FlowCfg cfg;
		int from;
		int to;
		uint32_t accepted = 0;
		std::vector<uint8_t> dcount;	 /* deliveries per message */
		std::vector<Time> t_accepted;	 /* when each was accepted */
		std::vector<uint8_t> fcount;	 /* SEND_FAILED per message */
		std::vector<uint8_t> fsent;	 /* SEND_FAILED said "sent" */
		std::vector<uint8_t> fabandoned; /* ... "abandoned" (PR) */
		std::map<uint16_t, std::vector<uint32_t>> ordered; /* by sid */
		std::map<uint16_t, size_t> cursor;
		bool failed = false;
		bool crashed = false;
	};
	bool decode(uint32_t ppid, uint32_t *f, uint32_t *i) const;

	World &w_;
	std::vector<Flow> flows_;
};

} // namespace fsctp_sim

#endif
