/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * run_scenario(): the two-host world, the application models and the
 * end-of-run verdict.
 */
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>
#include <tuple>
#include <vector>

#include "fsctp_assoc.h"
#include "fsctp_counters.h"
#include "sim_crc32c.h"
#include "sim_scenario.h"
#include "sim_wire.h"

namespace fsctp_sim
{

void
sim_default_config(struct fsctp_stack_config *cfg)
{
	fsctp_stack_config_defaults(cfg);
	/* A few associations per stack keep creation cheap; the defaults of
	 * RFC 9260 section 16 stay as they are. */
	cfg->max_assocs = 8;
	/* FSCTP_SIM_PL=1: RFC 8899 PLPMTUD on in every scenario. */
	cfg->plpmtud = getenv("FSCTP_SIM_PL") != nullptr;
}

std::vector<uint8_t>
make_chunk(uint8_t type, uint8_t flags, const std::vector<uint8_t> &value)
{
	size_t len = 4 + value.size();
	/* Sized once (padded to 4 bytes) and filled in place: growing a
	 * 4-byte vector by insert() trips GCC 12's -Warray-bounds at -O3. */
	std::vector<uint8_t> c((len + 3) & ~(size_t)3, 0);
	c[0] = type;
	c[1] = flags;
	c[2] = (uint8_t)(len >> 8);
	c[3] = (uint8_t)len;
	std::copy(value.begin(), value.end(), c.begin() + 4);
	return c;
}

std::vector<uint8_t>
forge_packet(uint16_t sport, uint16_t dport, uint32_t vtag,
	     const std::vector<std::vector<uint8_t>> &chunks)
{
	std::vector<uint8_t> p(12, 0);
	p[0] = (uint8_t)(sport >> 8);
	p[1] = (uint8_t)sport;
	p[2] = (uint8_t)(dport >> 8);
	p[3] = (uint8_t)dport;
	p[4] = (uint8_t)(vtag >> 24);
	p[5] = (uint8_t)(vtag >> 16);
	p[6] = (uint8_t)(vtag >> 8);
	p[7] = (uint8_t)vtag;
	for (const auto &c : chunks)
		p.insert(p.end(), c.begin(), c.end());
	sctp_fill_crc(p.data(), p.size());
	return p;
}

std::string
RunResult::summary() const
{
	std::ostringstream s;
	s << (ok ? "PASS" : "FAIL") << " end=" << (double)end / kSec
	  << "s tx=" << pkts_tx << " rx=" << pkts_rx << " data=" << data_chunks
	  << " rtx=" << rtx_chunks << " (fast " << rtx_fast
	  << ") delivered=" << delivered << " failed=" << failed
	  << " bytes=" << bytes;
	char d[32];
	snprintf(d, sizeof(d), " digest=%016llx", (unsigned long long)digest);
	s << d;
	for (const auto &v : violations)
		s << "\n  " << v;
	return s.str();
}

namespace
{

class Runner;

/* The application model on one host: connects or listens, sends its flow
 * when the association comes up, receives and verifies, shuts down. */
class Endpoint : public HostApp
{
      public:
	Endpoint(Runner &r, Host &host, struct fsctp_addr l,
		 struct fsctp_addr p)
	    : r_(r), h(host), local(l), peer(p)
	{
	}
	void on_event(Host &, const struct fsctp_event &ev) override;
	void pump();
	void schedule_pump(Time at);
	void maybe_shutdown();
	void do_connect();
	void reset_for_new_assoc();
	bool finished() const
	{
		return !ever || (ended && !reconnect_pending);
	}

	Runner &r_;
	Host &h;
	struct fsctp_addr local;
	struct fsctp_addr peer;
	Endpoint *other = nullptr;
	bool initiator = false; /* Shuts the association down. */
	uint32_t n_send = 0;
	uint32_t reconnects = 0;
	fsctp_assoc_id_t assoc = 0;
	bool ever = false; /* Has had (or tried) an association. */
	bool up = false;
	bool ended = false;
	bool graceful = false;
	bool lost = false;
	bool cant_start = false;
	bool shutdown_called = false;
	bool reconnect_pending = false;
	bool pump_pending = false;
	int flow = -1;
	uint32_t comm_up = 0;
	uint32_t restarts = 0;
	uint32_t resets_done = 0;      /* RFC 6525 outgoing resets performed */
	bool want_assoc_reset = false; /* RFC 6525 5.1.4: ask once dry */
	uint32_t send_errors = 0;
};

/* Multi-homing: the first SACK the client receives from another address
 * than the server's primary once the primary is down. */
class FailoverWatch : public PacketObserver
{
      public:
	void on_rx(Host &h, const struct fsctp_addr &src,
		   const struct fsctp_addr &, const uint8_t *p,
		   size_t len) override
	{
		if (failover >= 0 || &h != client || h.w.now() < down_at ||
		    fsctp_addr_ip_eq(&src, &primary))
			return;
		/* Any SACK chunk in the packet (RFC 9260 3.3.4). */
		for (size_t off = 12; off + 4 <= len;) {
			size_t cl = ((size_t)p[off + 2] << 8) | p[off + 3];
			if (p[off] == 3) {
				failover = (int64_t)(h.w.now() - down_at);
				return;
			}
			if (cl < 4)
				return;
			off += (cl + 3) & ~(size_t)3;
		}
	}
	int64_t failover = -1;
	Host *client = nullptr;
	struct fsctp_addr primary = {};
	Time down_at = kNever;
};

class Runner
{
      public:
	Runner(const Scenario &sc, uint64_t seed, const RunParams &p);
	RunResult run();

	bool pool_dry(Time t, Time *until) const;
	void msg_received(Endpoint &e, struct fsctp_msg *m);
	/* The association of host idx ended or restarted: pieces joined so
	 * far are of messages that will not be completed. */
	void pd_forget(int idx)
	{
		for (auto it = pd_acc.begin(); it != pd_acc.end();)
			if (std::get<0>(it->first) == idx)
				it = pd_acc.erase(it);
			else
				++it;
	}
	void after_accept(Endpoint &e);
	void try_assoc_reset(Endpoint &e);
	void arm_restart(Time at);
	void arm_all_down(Time at);
	void arm_primary_down(Time at);
	void attack_one();

	const Scenario &sc;
	const RunParams &rp;
	Rng rng;
	Plan plan;
	World w;
	Checker ck;
	WireWatch watch;
	FlowCfg fcfg;
	Host *client = nullptr;
	Host *server = nullptr;
	std::unique_ptr<Endpoint> ce;
	std::unique_ptr<Endpoint> se;
	bool restarted = false;
	uint64_t reconf_requests = 0;
	uint64_t asconf_requests = 0;
	bool all_down = false;
	bool primary_down = false;
	FailoverWatch fw;
	uint32_t max_assocs[2] = { 0, 0 };
	uint32_t attacks = 0;
	bool attack_armed = false;
	/* Pieces of messages partly delivered (RFC 6458 8.1.21), by
	 * (host, its incarnation, stream, U, MID), joined until the last
	 * one (a crashed host's pieces die with its incarnation). */
	std::map<std::tuple<int, uint32_t, uint16_t, bool, uint32_t>,
		 std::vector<uint8_t>>
		pd_acc;
	uint64_t pd_pieces = 0;
};

bool
Runner::pool_dry(Time t, Time *until) const
{
	for (const auto &wd : plan.pool_dry)
		if (t >= wd.start && t < wd.end) {
			*until = wd.end;
			return true;
		}
	return false;
}

void
Endpoint::reset_for_new_assoc()
{
	assoc = 0;
	up = ended = graceful = lost = cant_start = false;
	shutdown_called = false;
	flow = -1;
}

void
Endpoint::do_connect()
{
	reconnect_pending = false;
	if (up && !ended)
		return; /* The peer's INIT got there first (collision). */
	reset_for_new_assoc();
	ever = true;
	int64_t id = h.connect(local, peer);
	if (id == -EISCONN && r_.plan.server_connect_at != kNever) {
		/* INIT collision: the peer's association reached us first
		 * and COMM_UP is on its way. */
		r_.w.log("%s: connect -> EISCONN", h.name.c_str());
		return;
	}
	if (id <= 0) {
		r_.w.violate(h.name +
			     ": fsctp_connect failed: " + std::to_string(id));
		ended = true;
		return;
	}
	assoc = (fsctp_assoc_id_t)id;
	r_.w.log("%s: connect -> assoc %u", h.name.c_str(), assoc);
}

void
Endpoint::schedule_pump(Time at)
{
	if (pump_pending)
		return;
	pump_pending = true;
	r_.w.q.at(at, [this]() {
		pump_pending = false;
		pump();
	});
}

void
Endpoint::pump()
{
	if (!up || ended || flow < 0 || shutdown_called)
		return;
	Checker &ck = r_.ck;
	Time until;
	if (r_.pool_dry(r_.w.now(), &until)) {
		/* The app cannot get buffers: no sends until the pool is
		 * back. */
		schedule_pump(until);
		return;
	}
	/* RFC 6525 5.1.4: the application quiesces until its SSN/TSN reset
	 * is asked for (then fsctp holds what it sends). */
	if (want_assoc_reset)
		return;
	std::vector<uint8_t> buf;
	for (int k = 0; k < 64; k++) {
		uint32_t i = ck.next_index((uint32_t)flow);
		if (i >= ck.count((uint32_t)flow)) {
			/* Either end may be the one that shuts down. */
			maybe_shutdown();
			other->maybe_shutdown();
			return;
		}
		MsgSpec m = ck.spec((uint32_t)flow, i);
		ck.payload((uint32_t)flow, i, buf);
		struct fsctp_sndinfo info;
		memset(&info, 0, sizeof(info));
		info.sid = m.sid;
		info.ppid = m.ppid;
		info.unordered = m.unordered;
		info.context = m.ppid;
		info.pr_policy = m.pr_policy;
		info.pr_value = m.pr_value;
		int rc = h.send(assoc, info, buf.data(), m.len);
		if (rc == 0) {
			ck.accepted((uint32_t)flow, i);
			r_.after_accept(*this);
			if (want_assoc_reset)
				return; /* quiesced, see above */
			if (r_.plan.send_interval > 0) {
				schedule_pump(r_.w.now() +
					      r_.plan.send_interval);
				return;
			}
			continue;
		}
		if (rc == -EAGAIN) {
			/* FSCTP_EV_WRITABLE reschedules; poll as well so a
			 * missing event shows up as slowness, not a hang. */
			schedule_pump(r_.w.now() + 200 * kMs);
			return;
		}
		send_errors++;
		if (rc != -ENOTCONN)
			r_.w.violate(h.name + ": fsctp_send returned " +
				     std::to_string(rc));
		return;
	}
	schedule_pump(r_.w.now());
}

void
Endpoint::maybe_shutdown()
{
	if (!initiator || shutdown_called || !up || ended)
		return;
	Checker &ck = r_.ck;
	if (n_send > 0 && (flow < 0 || ck.next_index((uint32_t)flow) <
					       ck.count((uint32_t)flow)))
		return;
	/* Strict runs wait until the peer's flow is delivered in full.
	 * With valid-CRC garbage (not strict) a message may arrive changed
	 * (counted as a mismatch, never as delivered) or be lost to a forged
	 * acknowledgement, so that point may never come: wait only until the
	 * peer's application has handed over its last message; 9.2 still
	 * delivers everything queued before the shutdown completes. */
	if (other->n_send > 0 &&
	    (other->flow < 0 ||
	     (r_.plan.strict ? !ck.complete((uint32_t)other->flow)
			     : ck.next_index((uint32_t)other->flow) <
				       ck.count((uint32_t)other->flow))))
		return;
	shutdown_called = true;
	/* Shut down right after the last send: RFC 9260 9.2 says queued
	 * data still goes out first. */
	r_.w.q.at(r_.w.now() + r_.plan.idle, [this]() {
		if (ended)
			return;
		uint32_t want = r_.plan.pmtu_at_shutdown;
		const char *pl = nullptr;
		uint32_t have = fsctp_assoc_pmtu(h.st, assoc, &peer);
		/* RFC 8899: the PMTU discovered, per path. */
		(void)fsctp_assoc_primary_pmtu(h.st, assoc, &pl);
		r_.w.log("%s: path MTU %u to %s (PLPMTUD %s)", h.name.c_str(),
			 have, addr_str(peer).c_str(), pl);
		if (want != 0) {
			if (have != want)
				r_.w.violate(h.name + ": path MTU " +
					     std::to_string(have) +
					     " at shutdown, want " +
					     std::to_string(want));
		}
		int rc = h.shutdown(assoc);
		r_.w.log("%s: shutdown -> %d", h.name.c_str(), rc);
		if (rc != 0 && !ended)
			r_.w.violate(h.name + ": fsctp_shutdown returned " +
				     std::to_string(rc));
	});
}

void
Runner::msg_received(Endpoint &e, struct fsctp_msg *m)
{
	auto key = std::make_tuple(e.h.idx, e.h.incarnation, m->sid,
				   m->unordered, m->mid);
	auto it = pd_acc.find(key);
	if (m->partial || it != pd_acc.end()) {
		/* A piece (RFC 6458 8.1.21): the checker sees the message
		 * joined, when its last piece comes. */
		std::vector<uint8_t> &acc = pd_acc[key];
		pd_pieces += m->partial;
		acc.insert(acc.end(), m->data, m->data + m->len);
		if (!m->partial) {
			struct fsctp_msg whole = *m;
			whole.data = acc.data();
			whole.len = (uint32_t)acc.size();
			ck.delivered(e.h.idx, whole);
			pd_acc.erase(key);
		}
	} else {
		ck.delivered(e.h.idx, *m);
	}
	Time until;
	Time now = w.now();
	Time delay = 0;
	if (plan.free_max > 0)
		delay = rng.range(plan.free_min, plan.free_max);
	if (pool_dry(now, &until) && until - now > delay)
		delay = until - now;
	if (delay == 0) {
		/* Documented as safe inside the event callback. */
		fsctp_msg_free(e.h.st, m);
	} else {
		e.h.hold(m);
		uint32_t inc = e.h.incarnation;
		Host *h = &e.h;
		w.q.at(now + delay, [h, m, inc]() {
			if (h->incarnation == inc)
				h->free_msg(m);
		});
	}
	/* The initiator may have been waiting for this to finish: its own
	 * inbound flow (when e is the initiator) or its outbound one (when e
	 * is its peer). Ask both; only the initiator acts. */
	Endpoint *o = e.other;
	Endpoint *self = &e;
	w.q.at(now, [self, o]() {
		self->maybe_shutdown();
		o->maybe_shutdown();
	});
}

void
Runner::after_accept(Endpoint &e)
{
	uint32_t n = ck.next_index((uint32_t)e.flow);
	if (&e != ce.get())
		return;
	if (plan.restart_after && n >= plan.restart_after)
		arm_restart(w.now() + rng.below(200 * kMs));
	if (plan.all_down_after && n >= plan.all_down_after)
		arm_all_down(w.now());
	if (plan.reconf_every && n % plan.reconf_every == 0 && e.assoc != 0) {
		uint16_t fl = FSCTP_STREAM_RESET_OUTGOING;
		if ((n / plan.reconf_every) % 2 == 0)
			fl |= FSCTP_STREAM_RESET_INCOMING;
		int rc = e.h.reset_streams(e.assoc, fl);
		if (rc == 0)
			reconf_requests++;
		else if (rc != -EBUSY && rc != -ENOTCONN)
			w.violate(e.h.name +
				  ": fsctp_reconf_reset_streams "
				  "returned " +
				  std::to_string(rc));
	}
	if (plan.assoc_reset_every && n % plan.assoc_reset_every == 0 &&
	    e.assoc != 0) {
		e.want_assoc_reset = true;
		try_assoc_reset(e);
	}
	if (plan.asconf_every && n % plan.asconf_every == 0 && e.assoc != 0) {
		int rc = e.h.set_peer_primary(e.assoc);
		if (rc == 0)
			asconf_requests++;
		else if (rc != -ENOBUFS && rc != -ENOTCONN)
			w.violate(e.h.name +
				  ": fsctp_asconf_set_peer_primary "
				  "returned " +
				  std::to_string(rc));
	}
	if (plan.primary_down_after && n >= plan.primary_down_after)
		arm_primary_down(w.now());
}

/* RFC 6525 5.1.4: an SSN/TSN reset is asked for only when nothing is
 * queued or in flight (-EAGAIN): asked again at SENDER_DRY. */
void
Runner::try_assoc_reset(Endpoint &e)
{
	if (!e.want_assoc_reset || e.assoc == 0 || e.shutdown_called)
		return;
	int rc = e.h.reset_assoc(e.assoc);
	if (rc == 0 || rc == -ENOTCONN) {
		if (rc == 0)
			reconf_requests++;
		e.want_assoc_reset = false;
		e.schedule_pump(w.now());
	} else if (rc != -EAGAIN && rc != -EBUSY) {
		w.violate(e.h.name + ": fsctp_reconf_reset_assoc returned " +
			  std::to_string(rc));
	}
}

void
Runner::arm_primary_down(Time at)
{
	if (primary_down)
		return;
	primary_down = true;
	fw.down_at = at;
	/* The primary path's link, both ways: down for good, or for the
	 * flaps given relative to now. */
	std::vector<Window> win;
	for (const auto &f : plan.primary_flaps)
		win.push_back(Window{ at + f.first, at + f.first + f.second });
	if (win.empty())
		win.push_back(Window{ at, kNever });
	for (auto *l : { w.link(client->addrs[0], server->addrs[0]),
			 w.link(server->addrs[0], client->addrs[0]) })
		for (const auto &x : win)
			l->impair().down.push_back(x);
	w.log("primary path down");
}

void
Runner::arm_restart(Time at)
{
	if (restarted)
		return;
	restarted = true;
	w.q.at(at, [this]() {
		if (se->flow >= 0)
			ck.flow_crashed((uint32_t)se->flow);
		se->reset_for_new_assoc();
		se->ended = true;
		server->restart();
	});
}

void
Runner::arm_all_down(Time at)
{
	if (all_down)
		return;
	all_down = true;
	w.q.at(at, [this]() {
		Time t = w.now();
		for (size_t k = 0; k < client->addrs.size(); k++) {
			w.link(client->addrs[k], server->addrs[k])
				->impair()
				.down.push_back(Window{ t, kNever });
			w.link(server->addrs[k], client->addrs[k])
				->impair()
				.down.push_back(Window{ t, kNever });
		}
		w.log("all paths down");
	});
}

void
Endpoint::on_event(Host &, const struct fsctp_event &ev)
{
	World &w = r_.w;
	switch (ev.type) {
	case FSCTP_EV_COMM_UP:
		comm_up++;
		w.log("%s: COMM_UP assoc %u", h.name.c_str(), ev.assoc_id);
		if (up && ev.assoc_id != assoc) {
			w.violate(h.name + ": a second association came up");
			return;
		}
		if (up) {
			w.violate(h.name + ": COMM_UP twice");
			return;
		}
		if (assoc != 0 && assoc != ev.assoc_id)
			w.violate(h.name + ": COMM_UP for assoc " +
				  std::to_string(ev.assoc_id) +
				  ", connect gave " + std::to_string(assoc));
		assoc = ev.assoc_id;
		ever = true;
		up = true;
		ended = false;
		/* The variant's extensions are really in use. */
		if (r_.rp.idata) {
			const fsctp_assoc *x = fsctp_lookup_id(h.st, assoc);
			if (x == nullptr || !(x->features & FSCTP_FEAT_IDATA))
				w.violate(h.name + ": I-DATA not negotiated");
		}
		if (fsctp_assoc_get_sched(h.st, assoc) != r_.rp.sched)
			w.violate(h.name + ": not the scheduler asked for");
		/* RFC 8260 4.3.3: unequal priorities / weights per stream. */
		if (r_.rp.sched == FSCTP_SS_PRIO || r_.rp.sched == FSCTP_SS_WFQ)
			for (uint16_t i = 0; i < r_.rp.nstreams; i++)
				fsctp_assoc_set_sched_value(
					h.st, assoc, i, (uint16_t)(i % 4 + 1));
		if (n_send > 0) {
			FlowCfg fc = r_.fcfg;
			fc.count = n_send;
			flow = (int)r_.ck.new_flow(fc, h.idx, other->h.idx);
			schedule_pump(w.now());
		} else {
			w.q.at(w.now(), [this]() { maybe_shutdown(); });
		}
		if (this == r_.ce.get() && n_send == 0) {
			/* No data to trigger the faults: they land in the
			 * idle time before the shutdown. */
			Time at = w.now() + r_.rng.below(r_.plan.idle / 2 + 1);
			if (r_.plan.restart_after)
				r_.arm_restart(at);
			if (r_.plan.all_down_after)
				r_.arm_all_down(at);
		}
		if (r_.plan.attack && this == r_.se.get() && !r_.attack_armed) {
			r_.attack_armed = true;
			for (int k = 0; k < 24; k++)
				w.q.at(w.now() + r_.rng.below(8 * kSec),
				       [this]() { r_.attack_one(); });
		}
		break;
	case FSCTP_EV_DATA:
		if (ev.msg == nullptr) {
			w.violate(h.name + ": DATA event without a message");
			return;
		}
		r_.msg_received(*this, ev.msg);
		break;
	case FSCTP_EV_SEND_FAILED:
		r_.ck.send_failed(h.idx, ev);
		/* A message abandoned by PR-SCTP may have been the last one
		 * the initiator waited for (see msg_received()). */
		if (ev.abandoned && other != nullptr) {
			Endpoint *o = other;
			w.q.at(w.now(), [this, o]() {
				maybe_shutdown();
				o->maybe_shutdown();
			});
		}
		break;
	case FSCTP_EV_PARTIAL_DELIVERY:
		/* RFC 6458 6.1.7: the pieces will never be completed. */
		w.log("%s: PARTIAL_DELIVERY aborted sid %u mid %u",
		      h.name.c_str(), ev.sid, ev.mid);
		r_.pd_acc.erase(std::make_tuple(h.idx, h.incarnation, ev.sid,
						ev.unordered, ev.mid));
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_CANT_STR_ASSOC:
		w.log("%s: %s assoc %u", h.name.c_str(),
		      ev.type == FSCTP_EV_COMM_LOST ? "COMM_LOST"
						    : "CANT_STR_ASSOC",
		      ev.assoc_id);
		if (ev.assoc_id != assoc && assoc != 0)
			return; /* A stray one (e.g. a collision loser). */
		if (ended)
			w.violate(h.name + ": association ended twice");
		ended = true;
		r_.pd_forget(h.idx);
		lost = ev.type == FSCTP_EV_COMM_LOST;
		cant_start = !lost;
		if (flow >= 0)
			r_.ck.flow_failed((uint32_t)flow);
		if (reconnects > 0) {
			reconnects--;
			reconnect_pending = true;
			w.q.at(w.now() + 1 * kSec, [this]() { do_connect(); });
		}
		break;
	case FSCTP_EV_SHUTDOWN_COMP:
		w.log("%s: SHUTDOWN_COMP assoc %u", h.name.c_str(),
		      ev.assoc_id);
		if (ended)
			w.violate(h.name + ": association ended twice");
		ended = true;
		graceful = true;
		break;
	case FSCTP_EV_RESTART:
		restarts++;
		r_.pd_forget(h.idx);
		break;
	case FSCTP_EV_STREAM_RESET:
		/* RFC 6525: a reset of our outbound streams performed. */
		if (ev.reconf_flags == FSCTP_STREAM_RESET_OUTGOING)
			resets_done++;
		break;
	case FSCTP_EV_WRITABLE:
		schedule_pump(w.now());
		break;
	case FSCTP_EV_ASSOC_RESET:
		/* RFC 6525 6.1.2: both sides enable it: never refused. */
		if (ev.reconf_flags != 0)
			w.violate(h.name + ": ASSOC_RESET flags " +
				  std::to_string(ev.reconf_flags));
		else
			resets_done++;
		/* A reset still wanted may be asked now. */
		[[fallthrough]];
	case FSCTP_EV_SENDER_DRY:
		if (want_assoc_reset) {
			Endpoint *self = this;
			w.q.at(w.now(),
			       [self]() { self->r_.try_assoc_reset(*self); });
		}
		break;
	default:
		break;
	}
}

Runner::Runner(const Scenario &s, uint64_t seed, const RunParams &p)
    : sc(s), rp(p), rng(seed_mix(seed, 0x52756e6e6572ULL)), w(seed), ck(w),
      watch(w)
{
	sim_default_config(&plan.ccfg);
	sim_default_config(&plan.scfg);
	Rng setup_rng(seed_mix(seed, 0x5365747570ULL));
	sc.setup(plan, setup_rng);
	if (rp.idata)
		plan.ccfg.idata = plan.scfg.idata = true;
	plan.ccfg.stream_sched = plan.scfg.stream_sched = rp.sched;
	plan.ccfg.pd_point = plan.scfg.pd_point = rp.pd_point;
	plan.n_c2s = (uint32_t)(plan.n_c2s * rp.msg_scale + 0.5);
	plan.n_s2c = (uint32_t)(plan.n_s2c * rp.msg_scale + 0.5);
	fcfg.nstreams = rp.nstreams;
	fcfg.order = rp.order;
	fcfg.max_len = rp.max_len;
	fcfg.pr_policy = plan.pr_policy;
	fcfg.pr_every = plan.pr_every;
	fcfg.pr_min = plan.pr_min;
	fcfg.pr_max = plan.pr_max;
	/* A slow receiver cannot take a message bigger than its window in
	 * one piece; keep messages within half of it. */
	uint32_t rw = plan.scfg.rwnd < plan.ccfg.rwnd ? plan.scfg.rwnd
						      : plan.ccfg.rwnd;
	if (plan.free_max > 0 && fcfg.max_len > rw / 2)
		fcfg.max_len = rw / 2;
	ck.strict = plan.strict;
	watch.check_fast_rtx = plan.check_fast_rtx && plan.strict;
	w.verbose = rp.verbose;
	w.observers.push_back(&watch);
}

void
Runner::attack_one()
{
	attacks++;
	struct fsctp_addr c = client->addrs[0], s = server->addrs[0];
	c.port = ce->local.port;
	s.port = se->local.port;
	uint32_t real = watch.tag_of(s);
	uint32_t tag;
	do
		tag = (uint32_t)rng.next();
	while (tag == real);
	std::vector<uint8_t> v;
	auto be32 = [&](uint32_t x) {
		v.push_back((uint8_t)(x >> 24));
		v.push_back((uint8_t)(x >> 16));
		v.push_back((uint8_t)(x >> 8));
		v.push_back((uint8_t)x);
	};
	std::vector<uint8_t> pkt;
	struct fsctp_addr src = c;
	unsigned kind = (unsigned)rng.below(6);
	const char *name = "";
	switch (kind) {
	case 0: /* Spoofed INIT from a random address (RFC 9260 5.1.3: no
		   state before a valid COOKIE ECHO). */
		name = "spoofed INIT";
		fsctp_addr_set_v4(&src, 198, 18, 200,
				  (uint8_t)rng.range(1, 254),
				  (uint16_t)rng.range(1024, 65535));
		be32((uint32_t)rng.range(1, UINT32_MAX)); /* initiate tag */
		be32(65536);				  /* a_rwnd */
		be32(0x000a000a);			  /* OS, MIS */
		be32((uint32_t)rng.next());		  /* initial TSN */
		pkt = forge_packet(src.port, s.port, 0,
				   { make_chunk(1, 0, v) });
		break;
	case 1: /* ABORT with a wrong tag (8.5.1 B: discard). */
		name = "random-tag ABORT";
		pkt = forge_packet(c.port, s.port, tag,
				   { make_chunk(6, 0, v) });
		break;
	case 2: /* ABORT with the T bit and a tag that is not the peer's. */
		name = "random-tag ABORT/T";
		pkt = forge_packet(c.port, s.port, tag,
				   { make_chunk(6, 1, v) });
		break;
	case 3: /* SHUTDOWN with a wrong tag (8.5: discard). */
		name = "random-tag SHUTDOWN";
		be32((uint32_t)rng.next());
		pkt = forge_packet(c.port, s.port, tag,
				   { make_chunk(7, 0, v) });
		break;
	case 4: /* DATA with a wrong tag. */
		name = "random-tag DATA";
		be32((uint32_t)rng.next()); /* TSN */
		be32(0);		    /* sid, ssn */
		be32(0xdeadbeef);	    /* ppid */
		be32(0x41747461);	    /* payload */
		pkt = forge_packet(c.port, s.port, tag,
				   { make_chunk(0, 3, v) });
		break;
	default: /* Replay the COOKIE ECHO (5.2.4 action D / stale). */
		name = "replayed COOKIE ECHO";
		if (watch.last_cookie_echo.bytes.empty())
			return;
		src = watch.last_cookie_echo.src;
		s = watch.last_cookie_echo.dst;
		pkt = watch.last_cookie_echo.bytes;
		break;
	}
	w.log("attack: %s from %s", name, addr_str(src).c_str());
	Time t = w.now();
	w.inject(t, src, s, std::move(pkt));
	std::string nm = name;
	w.q.at(t, [this, nm]() {
		if (server->assoc_count() > 1)
			w.violate("after a " + nm + " the server holds " +
				  std::to_string(server->assoc_count()) +
				  " associations");
		if (se->up && !se->ended &&
		    server->state(se->assoc) == FSCTP_CLOSED)
			w.violate("a " + nm + " killed the association");
	});
}

RunResult
Runner::run()
{
	struct fsctp_addr ca, sa;
	fsctp_addr_set_v4(&ca, 198, 18, 0, 1, 0);
	fsctp_addr_set_v4(&sa, 198, 18, 1, 1, 0);
	PcapWriter pcap;
	if (!rp.pcap.empty()) {
		int rc = pcap.open(rp.pcap);
		if (rc != 0)
			w.violate("cannot open pcap " + rp.pcap + ": " +
				  strerror(-rc));
		else
			w.pcap = &pcap;
	}
	std::vector<struct fsctp_addr> cas{ ca }, sas{ sa };
	for (size_t k = 0; k < plan.extra_paths.size(); k++) {
		struct fsctp_addr x, y;
		/* One subnet per path: the longest-prefix source selection
		 * pairs the addresses of each link. */
		fsctp_addr_set_v4(&x, 198, 18, (uint8_t)(11 + k), 1, 0);
		fsctp_addr_set_v4(&y, 198, 18, (uint8_t)(11 + k), 2, 0);
		cas.push_back(x);
		sas.push_back(y);
	}
	client = &w.add_host("client", cas, plan.ccfg);
	server = &w.add_host("server", sas, plan.scfg);
	w.add_link(ca, sa, plan.c2s, plan.s2c);
	for (size_t k = 0; k < plan.extra_paths.size(); k++)
		w.add_link(cas[k + 1], sas[k + 1], plan.extra_paths[k].first,
			   plan.extra_paths[k].second);
	fw.client = client;
	fw.primary = sa;
	fw.down_at = plan.primary_down_at;
	if (plan.primary_down_at != kNever || plan.primary_down_after)
		w.observers.push_back(&fw);

	struct fsctp_addr cl = ca, sl = sa;
	cl.port = 5001;
	sl.port = 5000;
	bool collision = plan.server_connect_at != kNever;
	if (collision)
		cl.port = 5000;
	ce = std::make_unique<Endpoint>(*this, *client, cl, sl);
	se = std::make_unique<Endpoint>(*this, *server, sl, cl);
	ce->other = se.get();
	se->other = ce.get();
	ce->initiator = true;
	ce->n_send = plan.n_c2s;
	se->n_send = plan.n_s2c;
	if (plan.restart_after)
		ce->reconnects = 1;
	client->app = ce.get();
	server->app = se.get();

	int rc = server->listen(sl.port);
	if (rc != 0)
		w.violate("server: fsctp_listen returned " +
			  std::to_string(rc));
	if (collision) {
		rc = client->listen(cl.port);
		if (rc != 0)
			w.violate("client: fsctp_listen returned " +
				  std::to_string(rc));
		w.q.at(plan.server_connect_at, [this]() { se->do_connect(); });
	}
	w.q.at(plan.connect_at, [this]() { ce->do_connect(); });

	Time bound = plan.bound;
	bool done = w.run(bound, [this]() {
		uint32_t a = client->assoc_count(), b = server->assoc_count();
		max_assocs[0] = std::max(max_assocs[0], a);
		max_assocs[1] = std::max(max_assocs[1], b);
		if (!w.violations.empty())
			return true; /* Stop at the first violation. */
		return ce->ever && ce->finished() && se->finished() && a == 0 &&
		       b == 0 && client->held() == 0 && server->held() == 0;
	});
	RunResult res;
	res.end = w.now();
	bool clean = w.violations.empty();
	if (!done) {
		std::ostringstream s;
		s << "not finished within " << bound / kSec
		  << " s: client assoc " << ce->assoc << " "
		  << fsctp_state_name(client->state(ce->assoc))
		  << " up=" << ce->up << " ended=" << ce->ended
		  << " count=" << client->assoc_count() << "; server assoc "
		  << se->assoc << " "
		  << fsctp_state_name(server->state(se->assoc))
		  << " up=" << se->up << " ended=" << se->ended
		  << " count=" << server->assoc_count()
		  << "; held=" << client->held() << "/" << server->held();
		w.violate(s.str());
	}
	if (done && clean) {
		switch (plan.expect) {
		case Expect::Complete:
			/* The side that answered the SHUTDOWN may see an
			 * ABORT instead of SHUTDOWN COMPLETE when the latter
			 * is lost and an OOTB reply (RFC 9260 8.4) arrives
			 * first, e.g. to a HEARTBEAT: allowed once its peer
			 * has completed. */
			if (ce->graceful && se->lost)
				res.late_abort = true;
			else if (plan.setup_may_fail && ce->cant_start &&
				 ck.flows() == 0)
				res.setup_failed = true;
			else if (!ce->graceful || !se->graceful)
				w.violate(
					std::string("expected a graceful "
						    "end, got client ") +
					(ce->graceful ? "graceful" : "failed") +
					", server " +
					(se->graceful ? "graceful" : "failed"));
			break;
		case Expect::Fail:
			if (!ce->lost)
				w.violate("expected COMM_LOST on the client");
			break;
		case Expect::Either:
			break;
		}
		if (collision && (ce->comm_up != 1 || se->comm_up != 1 ||
				  max_assocs[0] > 1 || max_assocs[1] > 1))
			w.violate("INIT collision: COMM_UP " +
				  std::to_string(ce->comm_up) + "/" +
				  std::to_string(se->comm_up) +
				  ", max assocs " +
				  std::to_string(max_assocs[0]) + "/" +
				  std::to_string(max_assocs[1]));
		ck.finish(plan.expect == Expect::Complete);
		if (plan.expect == Expect::Complete && ck.flows() == 0 &&
		    plan.n_c2s + plan.n_s2c > 0)
			w.violate("no data flow ever started");
	}
	/* The core's own counters must agree with what the world did. */
	for (Host *h : { client, server }) {
		if (h->st == nullptr)
			continue;
		const struct fsctp_stack_counters *c =
			fsctp_stack_counters(h->st);
		res.pl_black_holes += c->fsctp_pl_black_holes;
		res.pl_raised += c->fsctp_pl_raised;
		if (c->sctpChecksumErrors != h->rx_bad_crc)
			w.violate(h->name + ": sctpChecksumErrors " +
				  std::to_string(c->sctpChecksumErrors) +
				  ", but " + std::to_string(h->rx_bad_crc) +
				  " corrupted packets were delivered");
		/* Two hosts, at most two associations each: no limit may be
		 * hit and no allocation may fail. */
		if (c->fsctp_nomem || c->fsctp_assoc_limit ||
		    c->fsctp_timer_full || c->fsctp_tx_too_big)
			w.violate(h->name + ": limit counters nomem " +
				  std::to_string(c->fsctp_nomem) +
				  " assoc_limit " +
				  std::to_string(c->fsctp_assoc_limit) +
				  " timer_full " +
				  std::to_string(c->fsctp_timer_full) +
				  " tx_too_big " +
				  std::to_string(c->fsctp_tx_too_big));
		if (done && clean && c->sctpCurrEstab != 0)
			w.violate(h->name + ": sctpCurrEstab " +
				  std::to_string(c->sctpCurrEstab) +
				  " after every association ended");
	}
	/* RFC 9260 7.3, 10: a reported over-MTU drop quotes the sender's
	 * own packet, so some report must have lowered a path MTU. */
	uint64_t reported = 0;
	for (auto *l : { w.link(client->addrs[0], server->addrs[0]),
			 w.link(server->addrs[0], client->addrs[0]) })
		reported += l->stats().mtu_feedback;
	if (reported > 0 && w.pmtu_accepted == 0)
		w.violate(std::to_string(reported) +
			  " too-big reports, none lowered a path MTU");
	/* RFC 5061: at most one result per request (a lost ASCONF may
	 * still be waiting for its T-4 RTO when the association ends). */
	if (ce->h.events[FSCTP_EV_ASCONF_RESULT] > asconf_requests)
		w.violate(std::to_string(ce->h.events[FSCTP_EV_ASCONF_RESULT]) +
			  " ASCONF results for " +
			  std::to_string(asconf_requests) + " requests");
	if (plan.rtx_loss == 0 && watch.rtx_chunks > 0)
		w.violate(std::to_string(watch.rtx_chunks) +
			  " retransmissions on a loss-free path");
	res.violations = w.violations;
	res.ok = res.violations.empty();
	res.digest = w.digest();
	res.pkts_tx = w.pkts_tx;
	res.pkts_rx = w.pkts_rx;
	res.data_chunks = watch.data_chunks;
	res.rtx_chunks = watch.rtx_chunks;
	res.rtx_fast = watch.rtx_fast;
	res.delivered = ck.n_delivered;
	res.failed = ck.n_failed;
	res.abandoned = ck.n_abandoned;
	res.pd_pieces = pd_pieces;
	res.accepted = ck.n_accepted;
	res.latencies = ck.latencies;
	res.reconf = reconf_requests;
	res.reconf_done = ce->resets_done + se->resets_done;
	res.bytes = ck.n_bytes;
	res.events = w.q.executed();
	res.rtx_loss = plan.rtx_loss;
	res.attacks = attacks;
	res.failover = fw.failover;
	res.faults = attacks + (restarted ? 1 : 0) + (all_down ? 1 : 0) +
		     (primary_down ? 1 : 0);
	std::vector<LinkDir *> all_links;
	for (size_t k = 0; k < client->addrs.size(); k++) {
		all_links.push_back(w.link(client->addrs[k], server->addrs[k]));
		all_links.push_back(w.link(server->addrs[k], client->addrs[k]));
	}
	for (auto *l : all_links) {
		const LinkStats &ls = l->stats();
		res.faults += ls.lost_random + ls.lost_burst + ls.lost_down +
			      ls.lost_mtu + ls.lost_queue + ls.lost_targeted +
			      ls.lost_sack + ls.reordered + ls.duplicated +
			      ls.corrupted + ls.garbled;
	}
	if (plan.server_connect_at != kNever)
		res.faults++; /* The collision itself. */
	if (plan.free_max > 0 || !plan.pool_dry.empty())
		res.faults++; /* Slow receiver / dry pool. */
	for (const auto &l : { plan.c2s, plan.s2c })
		if (!l.delay_steps.empty() || l.jitter > 0)
			res.faults++; /* RTT step and jitter. */
	client->app = nullptr;
	server->app = nullptr;
	w.pcap = nullptr;
	for (auto it = w.observers.begin(); it != w.observers.end(); ++it)
		if (*it == &fw) {
			w.observers.erase(it);
			break;
		}
	return res;
}

} // namespace

RunResult
run_scenario(const Scenario &sc, uint64_t seed, const RunParams &p)
{
	Runner r(sc, seed, p);
	return r.run();
}

} // namespace fsctp_sim
