/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test harness for the protocol core: stacks on a fake clock with a seeded
 * PRNG, their outputs captured, and a Pair of them wired back to back in
 * memory (A's packets become B's input and vice versa). Also helpers to
 * build raw packets with the wire encoders and to parse captured ones.
 */
#ifndef FSCTP_TEST_PAIR_H
#define FSCTP_TEST_PAIR_H

#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "fsctp_assoc.h"
#include "fsctp_cause.h"
#include "fsctp_chunk.h"
#include "fsctp_core.h"
#include "fsctp_counters.h"
#include "fsctp_crc32c.h"

namespace fsctp_test
{

/** A packet as handed to ops->output. */
struct Pkt {
	fsctp_addr src, dst;
	std::vector<uint8_t> b;
	uint32_t flags = 0; /**< FSCTP_OUT_F_*. */
};

/** One chunk of a parsed packet. */
struct Chunk {
	uint8_t type = 0, flags = 0;
	std::vector<uint8_t> value;
};

/** A parsed packet. */
struct Parsed {
	uint16_t sport = 0, dport = 0;
	uint32_t vtag = 0;
	std::vector<Chunk> chunks;
	bool ok = false;

	std::string types() const
	{
		std::string s;
		for (auto &c : chunks) {
			if (!s.empty())
				s += ",";
			s += std::to_string(c.type);
		}
		return s;
	}
	const Chunk *find(uint8_t t) const
	{
		for (auto &c : chunks)
			if (c.type == t)
				return &c;
		return nullptr;
	}
};

static inline Parsed
parse(const std::vector<uint8_t> &b)
{
	Parsed p;
	fsctp_tlv_iter it;
	fsctp_tlv t;
	int rc;

	if (b.size() < 12)
		return p;
	p.sport = fsctp_rd16(&b[0]);
	p.dport = fsctp_rd16(&b[2]);
	p.vtag = fsctp_rd32(&b[4]);
	fsctp_tlv_iter_init(&it, b.data() + 12, b.size() - 12, FSCTP_TLV_CHUNK);
	while ((rc = fsctp_tlv_next(&it, &t)) == 1) {
		Chunk c;
		c.type = (uint8_t)t.type;
		c.flags = t.flags;
		c.value.assign(t.value, t.value + t.value_len);
		p.chunks.push_back(c);
	}
	p.ok = rc == 0;
	return p;
}

/** First cause code of an ABORT/ERROR chunk value, or 0. */
static inline uint16_t
first_cause(const Chunk &c)
{
	return c.value.size() >= 4 ? fsctp_rd16(&c.value[0]) : 0;
}

/** A recorded event. */
struct Ev {
	fsctp_event_type type;
	fsctp_assoc_id_t id;
	uint16_t cause;
	std::vector<uint8_t> causes;
	std::vector<uint8_t> data;
	/* DATA and SEND_FAILED details. */
	uint16_t sid = 0, ssn = 0;
	uint32_t ppid = 0;
	bool unordered = false, sent = false, abandoned = false;
	bool partial = false; /**< DATA: a piece, more follows. */
	uint32_t mid = 0;     /**< DATA, PARTIAL_DELIVERY: the MID. */
	uint64_t context = 0;
	void *user = nullptr; /**< ev->user (msg->user for DATA). */
	/* STREAM_RESET / STREAM_CHANGE details (RFC 6525). */
	uint16_t reconf_flags = 0;
	std::vector<uint16_t> sids = {};
	uint16_t n_in = 0, n_out = 0;
	uint32_t local_tsn = 0, remote_tsn = 0; /**< ASSOC_RESET. */
	/* PEER_ADDR_CHANGE and ASCONF_RESULT details. */
	fsctp_addr addr{};
	uint8_t addr_state = 0;
	/* AUTHENTICATION details (RFC 6458 6.1.8). */
	uint16_t keynumber = 0;
	uint8_t auth_indication = 0;
};

/** One stack with captured outputs. */
struct Host {
	fsctp_stack *st = nullptr;
	fsctp_addr addr;
	uint64_t rng;
	std::deque<Pkt> out;
	std::vector<Ev> events;
	std::vector<Pkt> sent_log; /**< Every packet ever sent. */

	static void rand_cb(void *ctx, void *buf, size_t len)
	{
		Host *h = static_cast<Host *>(ctx);
		uint8_t *p = static_cast<uint8_t *>(buf);
		if (h->fixed_rand) {
			/* Every 32-bit draw reads fixed_word: tests force the
			 * Initial TSN (and tag) this way. */
			for (size_t i = 0; i < len; i++)
				p[i] = (uint8_t)(h->fixed_word >>
						 (8 * (i % 4)));
			return;
		}
		for (size_t i = 0; i < len; i++) {
			/* splitmix64 */
			uint64_t z = (h->rng += 0x9E3779B97F4A7C15ull);
			z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
			z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
			p[i] = (uint8_t)(z ^ (z >> 31));
		}
	}
	/** ops.out_buf: packets written in buffers the host supplies
	 * (ext_bufs, before create()); ext_none makes it have none. */
	bool ext_bufs = false, ext_none = false;
	uint32_t ext_cap = FSCTP_OUT_BUF;
	/** The buffer handed out and not sent yet, or nullptr. */
	uint8_t *ext_lent = nullptr;
	uint64_t ext_calls = 0, ext_in_place = 0, ext_copied = 0;
	uint64_t ext_again = 0;
	std::vector<std::vector<uint8_t>> ext_pool =
		std::vector<std::vector<uint8_t>>(2);
	unsigned ext_next = 0;
	static uint8_t *buf_cb(void *ctx, uint32_t *cap)
	{
		Host *h = static_cast<Host *>(ctx);
		h->ext_calls++;
		if (h->ext_none)
			return nullptr;
		/* Asked again before output: the same one (as the runtime
		 * does); counted, the core should have kept it. */
		if (h->ext_lent != nullptr) {
			h->ext_again++;
			*cap = h->ext_cap;
			return h->ext_lent;
		}
		/* Alternate buffers so a stale pointer shows. */
		std::vector<uint8_t> &b = h->ext_pool[h->ext_next++ % 2];
		b.assign(h->ext_cap, 0xa5);
		*cap = h->ext_cap;
		h->ext_lent = b.data();
		return h->ext_lent;
	}
	static void out_cb(void *ctx, const fsctp_addr *s, const fsctp_addr *d,
			   const uint8_t *pkt, size_t len, uint32_t flags)
	{
		Host *h = static_cast<Host *>(ctx);
		if (h->ext_lent != nullptr && pkt == h->ext_lent) {
			h->ext_lent = nullptr;
			h->ext_in_place++;
		} else {
			h->ext_copied++;
		}
		Pkt p{ *s, *d, std::vector<uint8_t>(pkt, pkt + len), flags };
		if (h->out.size() >= h->out_cap) {
			h->out_dropped++; /* a bounded TX FIFO is full */
			return;
		}
		h->out.push_back(p);
		if (h->log)
			h->sent_log.push_back(p);
	}
	static void ev_cb(void *ctx, const fsctp_event *ev)
	{
		Host *h = static_cast<Host *>(ctx);
		Ev e{ ev->type, ev->assoc_id, ev->cause, {}, {} };
		e.user = ev->user;
		if (ev->type == FSCTP_EV_PEER_ADDR_CHANGE ||
		    ev->type == FSCTP_EV_ASCONF_RESULT) {
			e.addr = ev->addr;
			e.addr_state = ev->addr_state;
		}
		if (ev->type == FSCTP_EV_DATA && ev->msg &&
		    ev->msg->user != ev->user)
			ADD_FAILURE() << "msg->user differs from ev->user";
		if (ev->causes)
			e.causes.assign(ev->causes,
					ev->causes + ev->causes_len);
		if (ev->type == FSCTP_EV_DATA && ev->msg) {
			e.data.assign(ev->msg->data,
				      ev->msg->data + ev->msg->len);
			e.sid = ev->msg->sid;
			e.ssn = ev->msg->ssn;
			e.ppid = ev->msg->ppid;
			e.unordered = ev->msg->unordered;
			e.partial = ev->msg->partial;
			e.mid = ev->msg->mid;
			if (h->hold)
				h->held.push_back(ev->msg);
			else
				fsctp_msg_free(h->st, ev->msg);
		}
		if (ev->type == FSCTP_EV_AUTHENTICATION) {
			e.keynumber = ev->keynumber;
			e.auth_indication = ev->auth_indication;
		}
		if (ev->type == FSCTP_EV_PARTIAL_DELIVERY) {
			e.sid = ev->sid;
			e.ppid = ev->ppid;
			e.mid = ev->mid;
			e.unordered = ev->unordered;
		}
		if (ev->type == FSCTP_EV_SEND_FAILED) {
			if (ev->data)
				e.data.assign(ev->data,
					      ev->data + ev->data_len);
			e.sid = ev->sid;
			e.ppid = ev->ppid;
			e.sent = ev->sent;
			e.abandoned = ev->abandoned;
			e.context = ev->context;
		}
		e.reconf_flags = ev->reconf_flags;
		if (ev->sids)
			e.sids.assign(ev->sids, ev->sids + ev->n_sids);
		e.n_in = ev->n_in_streams;
		e.local_tsn = ev->local_tsn;
		e.remote_tsn = ev->remote_tsn;
		e.n_out = ev->n_out_streams;
		h->events.push_back(e);
		if (h->on_event)
			h->on_event(*h, e);
	}
	/** Called after each event is recorded (e.g. to reply from it). */
	std::function<void(Host &, const Ev &)> on_event;
	bool log = true;
	/** Keep received messages (window stays closed) until release(). */
	bool hold = false;
	std::vector<fsctp_msg *> held;
	/** rand_bytes returns fixed_word's bytes repeated (see rand_cb). */
	bool fixed_rand = false;
	uint32_t fixed_word = 0;

	/** Give every held message back to the stack. */
	void release()
	{
		for (auto *m : held)
			fsctp_msg_free(st, m);
		held.clear();
	}

	/** What ops.tx_room answers (output back-pressure); unlimited. */
	uint32_t room_data = UINT32_MAX, room_ctrl = UINT32_MAX;
	/** A bounded output like the runtime's TX FIFO: out holds at most
	 * out_cap packets, tx_room answers the room left, and a packet
	 * output beyond it is dropped and counted in out_dropped. */
	size_t out_cap = SIZE_MAX;
	uint64_t out_dropped = 0;
	static uint32_t room_cb(void *ctx, bool control)
	{
		Host *h = static_cast<Host *>(ctx);
		if (h->out_cap != SIZE_MAX)
			return h->out.size() >= h->out_cap
				       ? 0
				       : (uint32_t)(h->out_cap - h->out.size());
		return control ? h->room_ctrl : h->room_data;
	}
	void create(const fsctp_stack_config &cfg, uint64_t seed, uint64_t now)
	{
		fsctp_core_ops ops{};
		ops.rand_bytes = rand_cb;
		ops.output = out_cb;
		ops.event = ev_cb;
		ops.tx_room = room_cb;
		ops.ctx = this;
		if (ext_bufs)
			ops.out_buf = buf_cb;
		rng = seed;
		st = fsctp_stack_create(&cfg, &ops, now);
		ASSERT_NE(st, nullptr);
	}
	~Host()
	{
		release();
		fsctp_stack_free(st);
	}
	int count(fsctp_event_type t) const
	{
		int n = 0;
		for (auto &e : events)
			n += e.type == t;
		return n;
	}
	const Ev *last(fsctp_event_type t) const
	{
		for (auto it = events.rbegin(); it != events.rend(); ++it)
			if (it->type == t)
				return &*it;
		return nullptr;
	}
	/** Pop the oldest captured packet, parsed. */
	Parsed pop()
	{
		if (out.empty())
			return Parsed();
		Parsed p = parse(out.front().b);
		out.pop_front();
		return p;
	}
	const struct fsctp_stack_counters &ctr() const
	{
		return *fsctp_stack_counters(st);
	}
	fsctp_assoc *assoc(fsctp_assoc_id_t id) const
	{
		return fsctp_lookup_id(st, id);
	}
	/** The only association, or nullptr. */
	fsctp_assoc *only() const
	{
		return st->n_assocs == 1 ? st->list : nullptr;
	}
};

/** Default test config: short RTO limits keep fake time small. */
static inline fsctp_stack_config
test_config()
{
	fsctp_stack_config c;
	fsctp_stack_config_defaults(&c);
	return c;
}

/** Two stacks back to back. A = 198.18.0.1:5000, B = 198.18.0.2:6000. */
struct Pair {
	uint64_t now = 1000000;
	Host A, B;
	/** Drops packets when it returns true (from A? , packet). */
	std::function<bool(bool, const Pkt &)> drop;

	explicit Pair(const fsctp_stack_config &ca = test_config(),
		      const fsctp_stack_config &cb = test_config(),
		      bool ext_bufs = false)
	{
		A.ext_bufs = B.ext_bufs = ext_bufs;
		fsctp_addr_set_v4(&A.addr, 198, 18, 0, 1, 5000);
		fsctp_addr_set_v4(&B.addr, 198, 18, 0, 2, 6000);
		A.create(ca, 1, now);
		B.create(cb, 2, now);
		EXPECT_EQ(fsctp_listen(B.st, 6000), 0);
	}

	/** Feed a raw packet to h as if sent from src (CRC filled in). */
	void inject(Host &h, const fsctp_addr &src, std::vector<uint8_t> b,
		    bool set_crc = true)
	{
		if (set_crc && b.size() >= 12)
			fsctp_stack_set_crc(h.st, b.data(), b.size());
		fsctp_stack_input(h.st, &src, &h.addr, b.data(), b.size(),
				  false, now);
	}

	/** Deliver everything queued from one host to the other. */
	int deliver(Host &from, Host &to, bool from_a)
	{
		int n = 0;
		while (!from.out.empty()) {
			Pkt p = from.out.front();
			from.out.pop_front();
			if (drop && drop(from_a, p))
				continue;
			fsctp_stack_input(to.st, &p.src, &p.dst, p.b.data(),
					  p.b.size(), false, now);
			n++;
		}
		return n;
	}

	/** Exchange packets until both sides are quiet. */
	void pump(int rounds = 64)
	{
		for (int i = 0; i < rounds; i++)
			if (deliver(A, B, true) + deliver(B, A, false) == 0)
				return;
	}

	/** Advance the clock by us, running timers on both and pumping. */
	void advance(uint64_t us, bool do_pump = true)
	{
		uint64_t end = now + us;
		for (;;) {
			uint64_t t = std::min(fsctp_stack_next_deadline(A.st),
					      fsctp_stack_next_deadline(B.st));
			if (t > end)
				break;
			if (t > now)
				now = t;
			fsctp_stack_timers(A.st, now);
			fsctp_stack_timers(B.st, now);
			if (do_pump)
				pump();
		}
		now = end;
		if (do_pump)
			pump();
	}

	/** Pop A's oldest output, parsed. */
	Parsed pop_a()
	{
		return A.pop();
	}

	/** A connects to B and both reach ESTABLISHED. */
	fsctp_assoc_id_t connect()
	{
		int64_t id = fsctp_connect(A.st, &A.addr, &B.addr, now);
		EXPECT_GT(id, 0);
		pump();
		return (fsctp_assoc_id_t)id;
	}
};

/* ---- raw packet builders (wire encoders) ---- */

struct PktBuilder {
	uint8_t buf[2048];
	fsctp_wbuf w;

	PktBuilder(uint16_t sport, uint16_t dport, uint32_t vtag)
	{
		fsctp_wbuf_init(&w, buf, sizeof(buf));
		fsctp_wbuf_u16(&w, sport);
		fsctp_wbuf_u16(&w, dport);
		fsctp_wbuf_u32(&w, vtag);
		fsctp_wbuf_u32(&w, 0);
	}
	std::vector<uint8_t> bytes() const
	{
		EXPECT_EQ(w.err, 0);
		return std::vector<uint8_t>(buf, buf + w.len);
	}
	/** A raw chunk with a value. */
	void chunk(uint8_t type, uint8_t flags,
		   const std::vector<uint8_t> &v = {})
	{
		size_t off = fsctp_wbuf_chunk_begin(&w, type, flags);
		fsctp_wbuf_put(&w, v.data(), v.size());
		fsctp_wbuf_chunk_end(&w, off);
	}
};

/** A valid INIT's info (tag, 1500+ rwnd, 10/10 streams). */
static inline fsctp_init_info
init_info(uint32_t tag, uint32_t itsn = 100)
{
	fsctp_init_info ii;
	memset(&ii, 0, sizeof(ii));
	ii.init_tag = tag;
	ii.a_rwnd = 65536;
	ii.n_out_streams = 10;
	ii.n_in_streams = 10;
	ii.initial_tsn = itsn;
	return ii;
}

} // namespace fsctp_test

#endif /* FSCTP_TEST_PAIR_H */
