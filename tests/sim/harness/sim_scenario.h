/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The scenario table and the runner shared by the sim-matrix tests, the
 * fsctp-sim command-line tool and the stateful fuzzer.
 *
 * A scenario is a name and a setup function that fills a Plan (link
 * impairments, stack configuration, faults, what to expect) from a seeded
 * generator. run_scenario() builds a two-host world (client 198.18.0.1,
 * server 198.18.1.1), runs the application models and the property checker
 * and returns the verdict.
 */
#ifndef FSCTP_SIM_SCENARIO_H
#define FSCTP_SIM_SCENARIO_H

#include <cstdint>
#include <string>
#include <vector>

#include "sim_checker.h"
#include "sim_link.h"
#include "sim_world.h"

namespace fsctp_sim
{

/** What a scenario's association must do. */
enum class Expect {
	Complete, /**< All data delivered, graceful shutdown on both sides. */
	Fail,	  /**< The client's association must fail (COMM_LOST). */
	Either,	  /**< Either, but failures must be reported exactly. */
};

/** Core features a scenario needs (see Scenario::needs). */
enum Feature : unsigned {
	kFeatHandshake = 1u << 0, /**< INIT/COOKIE, COMM_UP. */
	kFeatData = 1u << 1,	  /**< DATA/SACK, reassembly, retransmission. */
	kFeatShutdown = 1u << 2,  /**< SHUTDOWN sequence. */
	kFeatFailure = 1u << 3,	  /**< Max.Retrans -> COMM_LOST, HEARTBEAT. */
	kFeatOotb = 1u << 4,	  /**< Out-of-the-blue handling (8.4). */
};

/** Everything a scenario decides. */
struct Plan {
	Impair c2s; /**< Client -> server link direction. */
	Impair s2c; /**< Server -> client. */
	struct fsctp_stack_config ccfg;
	struct fsctp_stack_config scfg;
	uint32_t n_c2s = 24; /**< Messages client -> server. */
	uint32_t n_s2c = 8;  /**< Messages server -> client. */
	Expect expect = Expect::Complete;
	Time bound = 120 * kSec; /**< Must be finished by then. */
	Time connect_at = 0;
	/** INIT collision: the server connects too, at this time. */
	Time server_connect_at = kNever;
	/** Crash and restart the server once the client has this many
	 * messages accepted (0 = never); the client reconnects. Without
	 * data, during the idle time instead. */
	uint32_t restart_after = 0;
	/** Take every path down for good once the client has this many
	 * messages accepted (0 = never); without data, during the idle
	 * time. */
	uint32_t all_down_after = 0;
	/** The initiator keeps the association idle this long after its
	 * data is done before it shuts down (faults land in between). */
	Time idle = 0;
	/** Receiver frees messages this late (slow receiver). */
	Time free_min = 0;
	Time free_max = 0;
	/** Times when the app's buffer pool is dry (no send, no free). */
	std::vector<Window> pool_dry;
	/** Attack traffic during the transfer. */
	bool attack = false;
	/** The handshake may legitimately run out of retransmissions
	 * (CANT_STR_ASSOC is then an accepted outcome, counted). */
	bool setup_may_fail = false;
	/** Strict content checks (off for semantic garbage). */
	bool strict = true;
	/** Retransmission expectations: -1 = no check, else the loss rate
	 * the retransmission ratio is bounded by. */
	double rtx_loss = -1;
	/** Check the fast-retransmit rule. */
	bool check_fast_rtx = true;
	/** PR-SCTP policy of the flows (FlowCfg::pr_*); 0 = reliable. */
	uint8_t pr_policy = 0;
	uint32_t pr_every = 2;
	uint32_t pr_min = 0;
	uint32_t pr_max = 0;
	/** RFC 6525: the client asks for a reset of every stream each time
	 * this many more of its messages were accepted (outgoing, and
	 * every second time both directions); 0 = never. */
	uint32_t reconf_every = 0;
	/** RFC 6525 5.1.4: the client asks for an SSN/TSN reset each time
	 * this many more of its messages were accepted, as soon as it is
	 * dry; 0 = never. */
	uint32_t assoc_reset_every = 0;
	/** RFC 5061: the client asks the server to make its address the
	 * primary (an ASCONF) each time this many more of its messages
	 * were accepted; 0 = never. */
	uint32_t asconf_every = 0;
	/** Pacing: one message of each flow per this interval (0 = as
	 * fast as the send buffer takes them). */
	Time send_interval = 0;
	/**
	 * Multi-homing (RFC 9260 6.4): each entry adds a path, that is an
	 * address on both hosts (client 198.18.1x.1, server 198.18.1x.2)
	 * and a link between them with these impairments (client ->
	 * server, server -> client). Both hosts list all their addresses.
	 */
	std::vector<std::pair<Impair, Impair>> extra_paths;
	/** When the primary path dies, for the failover time (kNever: no
	 * measurement). */
	Time primary_down_at = kNever;
	/** Take the primary path down once the client has this many
	 * messages accepted (0 = never): for good, or for primary_flaps
	 * (start offset from then, length). Sets the failover start. */
	uint32_t primary_down_after = 0;
	std::vector<std::pair<Time, Time>> primary_flaps;
	/** Association parameters of both ends (RFC 6458): RTO bounds,
	 * Path.Max.Retrans and PF threshold come from ccfg/scfg. */
	/** When non-zero, the initiator's path MTU must be this when it
	 * shuts down (RFC 8899: raised again after a dip). */
	uint32_t pmtu_at_shutdown = 0;
};

/** A named scenario. */
struct Scenario {
	const char *name;
	const char *what;
	unsigned needs; /**< Feature bits. */
	void (*setup)(Plan &p, Rng &r);
	/** Why the core cannot pass this scenario yet (the matrix reports
	 * it as skipped with this reason; docs/CONFORMANCE.md lists it), or
	 * nullptr. fsctp-sim still runs it. */
	const char *known_failure = nullptr;
};

/** Per-run knobs that are not part of the scenario. */
struct RunParams {
	uint16_t nstreams = 1;
	Order order = Order::Ordered;
	uint32_t max_len = 65536;
	double msg_scale = 1.0; /**< Multiplies the message counts. */
	/** Both ends offer I-DATA (RFC 8260), spec ":i". */
	bool idata = false;
	/** Stream scheduler of both ends (enum fsctp_stream_sched), spec
	 * ":qN"; under PRIO and WFQ stream i gets the value i % 4 + 1. */
	uint8_t sched = 0;
	/** Partial delivery point of both ends (RFC 6458 8.1.21), bytes,
	 * spec ":pN"; 0: whole messages. The runner joins the pieces
	 * before the checker sees the message. */
	uint32_t pd_point = 0;
	FILE *verbose = nullptr;
	std::string pcap;
};

/** The verdict of one run. */
struct RunResult {
	bool ok = false;
	uint64_t accepted = 0; /**< Messages fsctp_send() accepted. */
	/** Send-to-delivery time of each message delivered, us. */
	std::vector<Time> latencies;
	std::vector<std::string> violations;
	uint64_t digest = 0;
	Time end = 0;
	uint64_t pkts_tx = 0;
	uint64_t pkts_rx = 0;
	uint64_t data_chunks = 0;
	uint64_t rtx_chunks = 0;
	uint64_t rtx_fast = 0;
	uint64_t delivered = 0;
	uint64_t failed = 0;
	uint64_t bytes = 0;
	uint64_t events = 0;
	double rtx_loss = -1;
	/** The responder ended with COMM_LOST after the initiator's
	 * graceful SHUTDOWN_COMP (see run_scenario()). */
	bool late_abort = false;
	/** The handshake failed where the scenario allows it. */
	bool setup_failed = false;
	/** Impairments applied (losses, reorders, duplicates, corruptions,
	 * attacks, restarts): a fault scenario that applies none proves
	 * nothing. */
	uint64_t faults = 0;
	uint64_t attacks = 0;	  /**< Attack packets injected. */
	uint64_t abandoned = 0;	  /**< Messages abandoned by PR-SCTP. */
	uint64_t pd_pieces = 0;	  /**< Pieces of messages partly delivered. */
	uint64_t reconf = 0;	  /**< Stream resets requested (RFC 6525). */
	uint64_t reconf_done = 0; /**< Outgoing stream resets performed. */
	/** Multi-homing: from Plan::primary_down_at to the first SACK the
	 * client received on another path (the first DATA acknowledged on
	 * the alternate); -1 when not measured or never. */
	int64_t failover = -1;
	/** RFC 8899 PLPMTUD, both stacks: black holes detected, path MTUs
	 * raised. */
	uint64_t pl_black_holes = 0;
	uint64_t pl_raised = 0;
	std::string summary() const;
};

/** @return the scenario table. */
const std::vector<Scenario> &scenarios();
/** @return the scenario called name, or nullptr. */
const Scenario *find_scenario(const std::string &name);
/**
 * Parse "NAME[:sN][:o|u|m][:lBYTES][:i][:qN]" (streams, order, max message
 * size, I-DATA, stream scheduler).
 * @return the scenario, or nullptr.
 */
const Scenario *parse_scenario(const std::string &spec, RunParams *p);
/** Run one seed of a scenario. */
RunResult run_scenario(const Scenario &sc, uint64_t seed, const RunParams &p);

/** Default stack configuration of simulated hosts. */
void sim_default_config(struct fsctp_stack_config *cfg);

/** Forge an SCTP packet: common header plus chunks, CRC filled in. */
std::vector<uint8_t>
forge_packet(uint16_t sport, uint16_t dport, uint32_t vtag,
	     const std::vector<std::vector<uint8_t>> &chunks);
/** Build one chunk: type, flags, value (length set, padded). */
std::vector<uint8_t> make_chunk(uint8_t type, uint8_t flags,
				const std::vector<uint8_t> &value);

} // namespace fsctp_sim

#endif
