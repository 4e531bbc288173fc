/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim_world.h"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstring>

namespace fsctp_sim
{

std::string
addr_str(const struct fsctp_addr &a)
{
	char b[64];
	if (a.family == FSCTP_AF_INET4)
		snprintf(b, sizeof(b), "%u.%u.%u.%u:%u", a.ip.v4[0], a.ip.v4[1],
			 a.ip.v4[2], a.ip.v4[3], a.port);
	else if (a.family == FSCTP_AF_INET6)
		snprintf(b, sizeof(b), "[v6..%02x%02x]:%u", a.ip.v6[14],
			 a.ip.v6[15], a.port);
	else
		snprintf(b, sizeof(b), "?:%u", a.port);
	return b;
}

std::string
packet_str(const uint8_t *p, size_t len)
{
	static const char *names[] = {
		"DATA",	 "INIT",	"INIT_ACK",
		"SACK",	 "HEARTBEAT",	"HEARTBEAT_ACK",
		"ABORT", "SHUTDOWN",	"SHUTDOWN_ACK",
		"ERROR", "COOKIE_ECHO", "COOKIE_ACK",
		"ECNE",	 "CWR",		"SHUTDOWN_COMPLETE"
	};
	if (len < 12)
		return "(runt)";
	char b[64];
	snprintf(b, sizeof(b), "vtag %08x:",
		 (unsigned)p[4] << 24 | (unsigned)p[5] << 16 |
			 (unsigned)p[6] << 8 | p[7]);
	std::string s = b;
	size_t off = 12;
	while (off + 4 <= len) {
		size_t cl = (size_t)p[off + 2] << 8 | p[off + 3];
		if (cl < 4 || off + cl > len) {
			s += " (bad chunk length)";
			break;
		}
		uint8_t t = p[off];
		if (t < sizeof(names) / sizeof(names[0]))
			s += std::string(" ") + names[t];
		else
			s += " chunk" + std::to_string(t);
		const uint8_t *c = p + off;
		if ((t == 0 || t == 3) && cl >= 8) {
			snprintf(b, sizeof(b), "(%s %u%s)", t ? "cum" : "tsn",
				 (unsigned)c[4] << 24 | (unsigned)c[5] << 16 |
					 (unsigned)c[6] << 8 | c[7],
				 t == 3 && cl >= 16 && (c[12] || c[13])
					 ? " +gaps"
					 : "");
			s += b;
		}
		if ((t == 6 || t == 14) && (c[1] & 1))
			s += "(T)";
		off += (cl + 3) & ~(size_t)3;
	}
	return s;
}

/* ---------------------------------------------------------------- Host */

Host::Host(World &world, int i, std::string n, std::vector<struct fsctp_addr> a,
	   const struct fsctp_stack_config &c)
    : w(world), idx(i), name(std::move(n)), addrs(std::move(a)), cfg(c)
{
}

Host::~Host()
{
	crash();
}

void
Host::cb_rand(void *ctx, void *buf, size_t len)
{
	static_cast<Host *>(ctx)->rng_.fill(buf, len);
}

void
Host::cb_output(void *ctx, const struct fsctp_addr *src,
		const struct fsctp_addr *dst, const uint8_t *pkt, size_t len,
		uint32_t flags)
{
	Host *h = static_cast<Host *>(ctx);
	if (h->crashing)
		return; /* A crashing host sends nothing. */
	h->w.route(*h, *src, *dst, pkt, len, flags);
}

void
Host::cb_event(void *ctx, const struct fsctp_event *ev)
{
	Host *h = static_cast<Host *>(ctx);
	if (ev->type >= FSCTP_EV_COMM_UP && ev->type <= FSCTP_EV_ASCONF_RESULT)
		h->events[ev->type]++;
	else
		h->w.violate(h->name + ": event of unknown type " +
			     std::to_string((int)ev->type));
	if (h->app != nullptr) {
		h->app->on_event(*h, *ev);
	} else if (ev->type == FSCTP_EV_DATA && ev->msg != nullptr) {
		/* No application: give data back at once (documented as
		 * safe inside the callback). */
		fsctp_msg_free(h->st, ev->msg);
	}
}

bool
Host::start()
{
	crash();
	incarnation++;
	/* Each incarnation draws from its own stream: a restarted host must
	 * not pick the tags of its previous life. */
	rng_.reseed(seed_mix(w.seed, 0x486f7374000000ULL + (uint64_t)idx * 256 +
					     incarnation));
	struct fsctp_core_ops ops;
	memset(&ops, 0, sizeof(ops));
	ops.rand_bytes = cb_rand;
	ops.output = cb_output;
	ops.event = cb_event;
	ops.ctx = this;
	ctx = Ctx::Api;
	rx_bad_crc = 0;
	st = fsctp_stack_create(&cfg, &ops, w.now());
	ctx = Ctx::None;
	if (st == nullptr) {
		w.violate(name +
			  ": fsctp_stack_create failed: " + strerror(errno));
		return false;
	}
	for (uint16_t p : ports_) {
		ctx = Ctx::Api;
		int rc = listen_on(p);
		ctx = Ctx::None;
		if (rc != 0)
			w.violate(name + ": re-listen failed " +
				  std::to_string(rc));
	}
	w.log("%s: stack up (incarnation %u)", name.c_str(), incarnation);
	return true;
}

void
Host::crash()
{
	if (st == nullptr)
		return;
	crashing = true;
	free_all();
	fsctp_stack_free(st);
	crashing = false;
	st = nullptr;
	w.log("%s: stack freed", name.c_str());
}

bool
Host::restart()
{
	w.log("%s: restart", name.c_str());
	return start();
}

void
Host::input(const struct fsctp_addr &src, const struct fsctp_addr &dst,
	    const uint8_t *pkt, size_t len)
{
	if (st == nullptr) {
		rx_dropped_down++;
		return;
	}
	ctx = Ctx::Input;
	int rc = fsctp_stack_input(st, &src, &dst, pkt, len, rx_crc_trusted,
				   w.now());
	ctx = Ctx::None;
	if (rc != 0)
		w.violate(name + ": fsctp_stack_input returned " +
			  std::to_string(rc));
}

void
Host::timers()
{
	if (st == nullptr)
		return;
	ctx = Ctx::Timer;
	fsctp_stack_timers(st, w.now());
	ctx = Ctx::None;
}

int
Host::pmtu_update(const struct fsctp_addr &src, const struct fsctp_addr &dst,
		  const std::vector<uint8_t> &quote, uint32_t mtu)
{
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Icmp;
	int rc = fsctp_stack_pmtu_update(st, &src, &dst, quote.data(),
					 quote.size(), mtu, w.now());
	ctx = Ctx::None;
	return rc;
}

Time
Host::deadline() const
{
	return st == nullptr ? kNever : fsctp_stack_next_deadline(st);
}

int
Host::listen(uint16_t port)
{
	ports_.push_back(port);
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Api;
	int rc = listen_on(port);
	ctx = Ctx::None;
	return rc;
}

int
Host::listen_on(uint16_t port)
{
	int rc = fsctp_listen(st, port);
	/* A multi-homed host lists every address in its INIT ACKs (RFC 9260
	 * 5.1.2). */
	if (rc == 0 && addrs.size() > 1)
		rc = fsctp_bindx(st, port, addrs.data(),
				 (unsigned)addrs.size());
	return rc;
}

int64_t
Host::connect(const struct fsctp_addr &src, const struct fsctp_addr &dst)
{
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Api;
	int64_t rc;
	if (addrs.size() > 1) {
		/* Multi-homed: src first, then the host's other addresses,
		 * all listed in the INIT (fsctp_connectx()). */
		std::vector<struct fsctp_addr> srcs{ src };
		for (const auto &a : addrs)
			if (!fsctp_addr_ip_eq(&a, &src)) {
				srcs.push_back(a);
				srcs.back().port = src.port;
			}
		rc = fsctp_connectx(st, srcs.data(), (unsigned)srcs.size(),
				    &dst, 1, w.now());
	} else {
		rc = fsctp_connect(st, &src, &dst, w.now());
	}
	ctx = Ctx::None;
	return rc;
}

int
Host::send(fsctp_assoc_id_t id, const struct fsctp_sndinfo &info,
	   const void *data, uint32_t len)
{
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Api;
	int rc = fsctp_send(st, id, &info, data, len, w.now());
	ctx = Ctx::None;
	return rc;
}

int
Host::reset_streams(fsctp_assoc_id_t id, uint16_t flags)
{
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Api;
	int rc = fsctp_reconf_reset_streams(st, id, flags, nullptr, 0, w.now());
	ctx = Ctx::None;
	return rc;
}

int
Host::reset_assoc(fsctp_assoc_id_t id)
{
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Api;
	int rc = fsctp_reconf_reset_assoc(st, id, w.now());
	ctx = Ctx::None;
	return rc;
}

int
Host::set_peer_primary(fsctp_assoc_id_t id)
{
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Api;
	int rc = fsctp_asconf_set_peer_primary(st, id, &addrs[0], w.now());
	ctx = Ctx::None;
	return rc;
}

int
Host::shutdown(fsctp_assoc_id_t id)
{
	if (st == nullptr)
		return -ENOTCONN;
	ctx = Ctx::Api;
	int rc = fsctp_shutdown(st, id, w.now());
	ctx = Ctx::None;
	return rc;
}

int
Host::abort(fsctp_assoc_id_t id)
{
	if (st == nullptr)
		return -ENOTCONN;
	static const char reason[] = "sim abort";
	ctx = Ctx::Api;
	int rc = fsctp_abort(st, id, reason, sizeof(reason) - 1, w.now());
	ctx = Ctx::None;
	return rc;
}

enum fsctp_state
Host::state(fsctp_assoc_id_t id) const
{
	return st == nullptr ? FSCTP_CLOSED : fsctp_assoc_state(st, id);
}

uint32_t
Host::assoc_count() const
{
	return st == nullptr ? 0 : fsctp_stack_assoc_count(st);
}

void
Host::hold(struct fsctp_msg *m)
{
	held_.push_back(m);
}

void
Host::free_msg(struct fsctp_msg *m)
{
	auto it = std::find(held_.begin(), held_.end(), m);
	if (it == held_.end())
		return; /* Already given back (e.g. by a crash). */
	held_.erase(it);
	/* Freeing reopens the window: the core may send an update. */
	Ctx saved = ctx;
	ctx = Ctx::Api;
	fsctp_msg_free(st, m);
	ctx = saved;
}

void
Host::free_all()
{
	std::vector<struct fsctp_msg *> v;
	v.swap(held_);
	Ctx saved = ctx;
	ctx = Ctx::Api;
	for (auto *m : v)
		fsctp_msg_free(st, m);
	ctx = saved;
}

/* --------------------------------------------------------------- World */

World::World(uint64_t s) : seed(s)
{
}

World::~World()
{
	/* Hosts first: their stacks may still hold messages. */
	hosts.clear();
}

Host &
World::add_host(const std::string &name,
		const std::vector<struct fsctp_addr> &addrs,
		const struct fsctp_stack_config &cfg)
{
	hosts.emplace_back(
		new Host(*this, (int)hosts.size(), name, addrs, cfg));
	Host &h = *hosts.back();
	h.start();
	return h;
}

void
World::add_link(const struct fsctp_addr &a, const struct fsctp_addr &b,
		const Impair &ab, const Impair &ba)
{
	uint64_t label = 0x4c696e6b00000000ULL + links_.size();
	LinkKey kab{ a, b }, kba{ b, a };
	kab.from.port = kab.to.port = kba.from.port = kba.to.port = 0;
	links_.emplace_back(
		kab, std::make_unique<LinkDir>(addr_str(a) + ">" + addr_str(b),
					       seed_mix(seed, label), ab));
	links_.emplace_back(
		kba, std::make_unique<LinkDir>(addr_str(b) + ">" + addr_str(a),
					       seed_mix(seed, label + 1), ba));
}

LinkDir *
World::link(const struct fsctp_addr &from, const struct fsctp_addr &to)
{
	for (auto &l : links_)
		if (fsctp_addr_ip_eq(&l.first.from, &from) &&
		    fsctp_addr_ip_eq(&l.first.to, &to))
			return l.second.get();
	return nullptr;
}

Host *
World::host_by_ip(const struct fsctp_addr &ip)
{
	for (auto &h : hosts)
		for (const auto &a : h->addrs)
			if (fsctp_addr_ip_eq(&a, &ip))
				return h.get();
	return nullptr;
}

void
World::mix(const void *p, size_t n)
{
	const uint8_t *b = static_cast<const uint8_t *>(p);
	for (size_t i = 0; i < n; i++) {
		digest_ ^= b[i];
		digest_ *= 0x100000001b3ULL;
	}
}

void
World::log(const char *fmt, ...)
{
	if (verbose == nullptr)
		return;
	fprintf(verbose, "%10.6f ", (double)now() / kSec);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(verbose, fmt, ap);
	va_end(ap);
	fputc('\n', verbose);
}

void
World::violate(const std::string &what)
{
	char t[32];
	snprintf(t, sizeof(t), "t=%.6f ", (double)now() / kSec);
	violations.push_back(t + what);
	log("VIOLATION %s", what.c_str());
}

void
World::route(Host &from, const struct fsctp_addr &src,
	     const struct fsctp_addr &dst, const uint8_t *pkt, size_t len,
	     uint32_t flags)
{
	pkts_tx++;
	Time t = now();
	mix(&t, sizeof(t));
	mix(&from.idx, sizeof(from.idx));
	mix(pkt, len);
	if (from.ctx == Ctx::None)
		violate(from.name + ": output outside any core call");
	for (auto *o : observers)
		o->on_tx(from, from.ctx, src, dst, pkt, len);
	if (len < 12)
		violate(from.name + ": packet shorter than the common header");
	LinkDir *l = link(src, dst);
	Host *to = host_by_ip(dst);
	if (l == nullptr || to == nullptr) {
		no_route++;
		log("%s: %s > %s no route (%zu bytes)", from.name.c_str(),
		    addr_str(src).c_str(), addr_str(dst).c_str(), len);
		return;
	}
	std::vector<uint8_t> bytes(pkt, pkt + len);
	bool frag = (flags & FSCTP_OUT_F_MAY_FRAGMENT) != 0;
	auto dl = l->offer(t, bytes, frag);
	if (verbose != nullptr)
		log("%s: tx %s > %s %zu bytes%s%s: %s", from.name.c_str(),
		    addr_str(src).c_str(), addr_str(dst).c_str(), len,
		    frag ? " may-fragment" : "", dl.empty() ? " LOST" : "",
		    packet_str(pkt, len).c_str());
	if (l->too_big() != 0) {
		/* The link's router reports the drop to the sender, quoting
		 * the packet's first bytes (RFC 792, RFC 1191). It arrives
		 * after the one-way delay and is never lost. */
		uint32_t mtu = l->too_big();
		size_t ql = std::min<size_t>(len, l->impair().mtu_quote);
		std::vector<uint8_t> quote(pkt, pkt + ql);
		int fi = from.idx;
		struct fsctp_addr s = src, ds = dst;
		q.at(t + l->delay_at(t), [this, fi, s, ds, mtu, quote]() {
			Host &h = *hosts[fi];
			pmtu_reports++;
			Time tn = now();
			mix(&tn, sizeof(tn));
			mix(&mtu, sizeof(mtu));
			int rc = h.pmtu_update(s, ds, quote, mtu);
			log("%s: too-big report, MTU %u: %d", h.name.c_str(),
			    mtu, rc);
			if (rc == 0) {
				pmtu_accepted++;
				for (auto *o : observers)
					o->on_pmtu(h);
			}
		});
	}
	for (auto &d : dl) {
		int ti = to->idx;
		struct fsctp_addr s = src, ds = dst;
		bool bad = d.corrupted;
		q.at(d.at, [this, ti, s, ds, bad, b = std::move(d.bytes)]() {
			deliver(*hosts[ti], s, ds, b, bad);
		});
	}
}

void
World::deliver(Host &to, const struct fsctp_addr &src,
	       const struct fsctp_addr &dst, const std::vector<uint8_t> &pkt,
	       bool corrupted)
{
	pkts_rx++;
	if (corrupted && to.st != nullptr)
		to.rx_bad_crc++;
	Time t = now();
	mix(&t, sizeof(t));
	mix(&to.idx, sizeof(to.idx));
	mix(pkt.data(), pkt.size());
	if (pcap != nullptr)
		pcap->write(t, src, dst, pkt.data(), pkt.size());
	for (auto *o : observers)
		o->on_rx(to, src, dst, pkt.data(), pkt.size());
	to.input(src, dst, pkt.data(), pkt.size());
}

void
World::inject(Time t, const struct fsctp_addr &src,
	      const struct fsctp_addr &dst, std::vector<uint8_t> pkt)
{
	Host *to = host_by_ip(dst);
	if (to == nullptr) {
		no_route++;
		return;
	}
	int ti = to->idx;
	q.at(t, [this, ti, src, dst, b = std::move(pkt)]() {
		deliver(*hosts[ti], src, dst, b, false);
	});
}

bool
World::run(Time until, const std::function<bool()> &done)
{
	Time stuck_at = kNever;
	unsigned stuck = 0;
	for (;;) {
		if (done && done())
			return true;
		if (++steps > max_steps) {
			violate("runaway: more than " +
				std::to_string(max_steps) + " steps");
			return false;
		}
		Time te = q.next_time();
		Time tt = kNever;
		for (auto &h : hosts)
			tt = std::min(tt, h->deadline());
		Time t = std::min(te, tt);
		if (t == kNever || t > until) {
			q.advance(until == kNever ? q.now() : until);
			return false;
		}
		if (tt <= te) {
			/* Timers first on a tie with queued events: they were
			 * due first in the core's own view. */
			q.advance(tt);
			if (tt <= stuck_at && stuck_at != kNever) {
				if (++stuck > 10000) {
					violate("timer deadline does not "
						"advance past " +
						std::to_string(tt));
					return false;
				}
			} else {
				stuck = 0;
			}
			stuck_at = q.now();
			for (auto &h : hosts)
				if (h->deadline() <= q.now())
					h->timers();
		} else {
			q.run_one();
		}
	}
}

} // namespace fsctp_sim
