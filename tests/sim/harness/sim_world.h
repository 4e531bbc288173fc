/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The simulated world: hosts running real fsctp_stack instances on one
 * virtual clock, joined by impaired links.
 *
 * A Host owns one struct fsctp_stack (recreated on a simulated restart),
 * its addresses, a seeded generator behind ops.rand_bytes and an
 * application model (HostApp) that receives the core's events. Packets the
 * core outputs are routed by destination IP over the LinkDir for the
 * (source IP, destination IP) pair and delivered as events. World::run()
 * interleaves queued events and the stacks' timer deadlines in a fixed
 * order, so a seed replays bit-exactly (see digest()).
 */
#ifndef FSCTP_SIM_WORLD_H
#define FSCTP_SIM_WORLD_H

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fsctp_core.h"
#include "sim_event.h"
#include "sim_link.h"
#include "sim_pcap.h"
#include "sim_rng.h"

namespace fsctp_sim
{

class World;
class Host;

/** What the harness was doing when the core produced an output. */
enum class Ctx {
	None,  /**< Outside any core call (never expected). */
	Input, /**< fsctp_stack_input(). */
	Timer, /**< fsctp_stack_timers(). */
	Api,   /**< An application call (connect, send, shutdown...). */
	Icmp,  /**< fsctp_stack_pmtu_update() (a too-big report). */
};

/** An application model: receives a host's events. */
class HostApp
{
      public:
	virtual ~HostApp() = default;
	/** Called from inside the core's event callback: may only record,
	 * schedule work on the World's queue, or free messages. */
	virtual void on_event(Host &h, const struct fsctp_event &ev) = 0;
};

/** Sees every packet the hosts send and receive. */
class PacketObserver
{
      public:
	virtual ~PacketObserver() = default;
	/** A host's core emitted a packet. */
	virtual void on_tx(Host &, Ctx, const struct fsctp_addr &,
			   const struct fsctp_addr &, const uint8_t *, size_t)
	{
	}
	/** The core of host accepted a too-big report: chunks may be
	 * retransmitted without miss indications (RFC 9260 7.3). */
	virtual void on_pmtu(Host &)
	{
	}
	/** A packet is about to be fed to a host's core. */
	virtual void on_rx(Host &, const struct fsctp_addr &,
			   const struct fsctp_addr &, const uint8_t *, size_t)
	{
	}
};

/** One simulated host. */
class Host
{
      public:
	Host(World &w, int idx, std::string name,
	     std::vector<struct fsctp_addr> addrs,
	     const struct fsctp_stack_config &cfg);
	~Host();
	Host(const Host &) = delete;
	Host &operator=(const Host &) = delete;

	/** Create the stack (again) and listen on the remembered ports.
	 * @return true on success. */
	bool start();
	/** Crash: give held messages back and free the stack, no packet
	 * sent. */
	void crash();
	/** Crash and start again on the same addresses (a peer restart). */
	bool restart();

	/* Calls into the core, each run with the right Ctx. */
	void input(const struct fsctp_addr &src, const struct fsctp_addr &dst,
		   const uint8_t *pkt, size_t len);
	void timers();
	/** Report a too-big drop (see fsctp_stack_pmtu_update()).
	 * @return its result, or -ENOTCONN while crashed. */
	int pmtu_update(const struct fsctp_addr &src,
			const struct fsctp_addr &dst,
			const std::vector<uint8_t> &quote, uint32_t mtu);
	Time deadline() const;
	int listen(uint16_t port);
	int64_t connect(const struct fsctp_addr &src,
			const struct fsctp_addr &dst);
	int send(fsctp_assoc_id_t id, const struct fsctp_sndinfo &info,
		 const void *data, uint32_t len);
	int shutdown(fsctp_assoc_id_t id);
	/** RFC 6525: fsctp_reconf_reset_streams() of every stream. */
	int reset_streams(fsctp_assoc_id_t id, uint16_t flags);
	/** RFC 6525: fsctp_reconf_reset_assoc() (SSN/TSN reset). */
	int reset_assoc(fsctp_assoc_id_t id);
	/** RFC 5061: fsctp_asconf_set_peer_primary() of our first address. */
	int set_peer_primary(fsctp_assoc_id_t id);
	int abort(fsctp_assoc_id_t id);
	enum fsctp_state state(fsctp_assoc_id_t id) const;
	uint32_t assoc_count() const;

	/** Take ownership of a received message (from on_event). */
	void hold(struct fsctp_msg *m);
	/** Give a held message back to the core. */
	void free_msg(struct fsctp_msg *m);
	/** Give every held message back. */
	void free_all();
	size_t held() const
	{
		return held_.size();
	}

	World &w;
	const int idx;
	const std::string name;
	const std::vector<struct fsctp_addr> addrs;
	struct fsctp_stack_config cfg;
	struct fsctp_stack *st = nullptr;
	uint32_t incarnation = 0; /**< Bumped by every start(). */
	HostApp *app = nullptr;
	Ctx ctx = Ctx::None;
	/** Tell the core the CRC32c was checked already (fuzzing with
	 * tx_crc_offload, to spend the time on the state machine). */
	bool rx_crc_trusted = false;
	bool crashing = false; /**< Outputs are dropped while set. */
	uint64_t events[FSCTP_EV_ASCONF_RESULT + 1] = { 0 };
	uint64_t rx_dropped_down = 0; /**< Packets arriving while crashed. */
	/** Packets with a broken CRC fed to the current stack: its
	 * sctpChecksumErrors counter must match. */
	uint64_t rx_bad_crc = 0;

      private:
	static void cb_rand(void *ctx, void *buf, size_t len);
	static void cb_output(void *ctx, const struct fsctp_addr *src,
			      const struct fsctp_addr *dst, const uint8_t *pkt,
			      size_t len, uint32_t flags);
	static void cb_event(void *ctx, const struct fsctp_event *ev);

	int listen_on(uint16_t port);

	Rng rng_;
	std::vector<uint16_t> ports_;
	std::vector<struct fsctp_msg *> held_;
};

/** The world. */
class World
{
      public:
	explicit World(uint64_t seed);
	~World();
	World(const World &) = delete;
	World &operator=(const World &) = delete;

	/** Add a host; its stack is created at once. */
	Host &add_host(const std::string &name,
		       const std::vector<struct fsctp_addr> &addrs,
		       const struct fsctp_stack_config &cfg);
	/** Join two IP addresses with a link (one LinkDir each way, each
	 * with its own generator derived from the seed and the label). */
	void add_link(const struct fsctp_addr &a, const struct fsctp_addr &b,
		      const Impair &ab, const Impair &ba);
	/** @return the direction from -> to, or nullptr. */
	LinkDir *link(const struct fsctp_addr &from,
		      const struct fsctp_addr &to);
	/** @return the host owning an IP address, or nullptr. */
	Host *host_by_ip(const struct fsctp_addr &ip);

	/**
	 * Run events and timers in order until done() is true, the queue
	 * and every deadline are exhausted, or the clock would pass until.
	 * @return true if done() became true.
	 */
	bool run(Time until, const std::function<bool()> &done = {});

	/** Deliver a forged packet to whoever owns dst at time t, bypassing
	 * every link (attack traffic). */
	void inject(Time t, const struct fsctp_addr &src,
		    const struct fsctp_addr &dst, std::vector<uint8_t> pkt);

	/** Record a property violation (the run fails). */
	void violate(const std::string &what);

	Time now() const
	{
		return q.now();
	}
	/** FNV-1a over every packet sent and received, with times. */
	uint64_t digest() const
	{
		return digest_;
	}

	/* Called by Host. */
	void route(Host &from, const struct fsctp_addr &src,
		   const struct fsctp_addr &dst, const uint8_t *pkt, size_t len,
		   uint32_t flags = 0);
	void log(const char *fmt, ...) __attribute__((format(printf, 2, 3)));

	EventQueue q;
	const uint64_t seed;
	std::vector<std::unique_ptr<Host>> hosts;
	std::vector<PacketObserver *> observers;
	std::vector<std::string> violations;
	PcapWriter *pcap = nullptr;
	FILE *verbose = nullptr; /**< Trace destination, or nullptr. */
	uint64_t pkts_tx = 0;
	uint64_t pkts_rx = 0;
	uint64_t no_route = 0;
	uint64_t pmtu_reports = 0;  /**< Too-big reports delivered. */
	uint64_t pmtu_accepted = 0; /**< ...that lowered a path MTU. */
	uint64_t steps = 0;
	uint64_t max_steps = 20000000; /**< Runaway guard. */

      private:
	void mix(const void *p, size_t n);
	void deliver(Host &to, const struct fsctp_addr &src,
		     const struct fsctp_addr &dst,
		     const std::vector<uint8_t> &pkt, bool corrupted);

	struct LinkKey {
		struct fsctp_addr from;
		struct fsctp_addr to;
	};
	std::vector<std::pair<LinkKey, std::unique_ptr<LinkDir>>> links_;
	uint64_t digest_ = 0xcbf29ce484222325ULL;
};

/** Format an address as "a.b.c.d:port". */
std::string addr_str(const struct fsctp_addr &a);
/** Describe an SCTP packet's chunks, e.g. "DATA(tsn 5) SACK(cum 4)". */
std::string packet_str(const uint8_t *p, size_t len);

} // namespace fsctp_sim

#endif
