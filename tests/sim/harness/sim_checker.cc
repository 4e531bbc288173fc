/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim_checker.h"

#include <cstring>
#include <string>

namespace fsctp_sim
{

uint32_t
Checker::new_flow(const FlowCfg &cfg, int from, int to)
{
	if (flows_.size() >= kMaxFlows)
		w_.violate("checker: too many flows");
	Flow fl;
	fl.cfg = cfg;
	if (fl.cfg.count >= (1u << kIdxBits))
		fl.cfg.count = (1u << kIdxBits) - 1;
	fl.from = from;
	fl.to = to;
	fl.dcount.assign(fl.cfg.count, 0);
	fl.fcount.assign(fl.cfg.count, 0);
	fl.fsent.assign(fl.cfg.count, 0);
	fl.fabandoned.assign(fl.cfg.count, 0);
	flows_.push_back(std::move(fl));
	return (uint32_t)flows_.size() - 1;
}

MsgSpec
Checker::spec(uint32_t f, uint32_t i) const
{
	const FlowCfg &c = flows_[f].cfg;
	Rng r(seed_mix(w_.seed, 0x4d736700000000ULL ^ ((uint64_t)f << 32 | i)));
	MsgSpec m;
	m.sid = c.nstreams > 1 ? (uint16_t)r.below(c.nstreams) : 0;
	m.unordered = c.order == Order::Unordered ||
		      (c.order == Order::Mixed && r.chance(0.5));
	/* Mostly small messages, some medium, a few up to max_len: the
	 * sizes signalling traffic has, plus fragmentation. */
	uint32_t lo = c.min_len, hi = c.max_len;
	double u = r.uniform();
	uint32_t top;
	if (u < 0.6)
		top = 200;
	else if (u < 0.9)
		top = 4000;
	else
		top = hi;
	if (top > hi)
		top = hi;
	if (top < lo)
		top = lo;
	m.len = (uint32_t)r.range(lo, top);
	if (i == 0)
		m.len = lo; /* Every flow covers its smallest size... */
	else if (i == 1)
		m.len = hi; /* ...and its largest. */
	m.ppid = f << kIdxBits | i;
	m.pr_policy = 0;
	m.pr_value = 0;
	if (c.pr_policy != 0 && (c.pr_every <= 1 || i % c.pr_every == 1)) {
		m.pr_policy = c.pr_policy;
		m.pr_value = (uint32_t)r.range(c.pr_min, c.pr_max);
	}
	return m;
}

void
Checker::payload(uint32_t f, uint32_t i, std::vector<uint8_t> &out) const
{
	MsgSpec m = spec(f, i);
	out.resize(m.len);
	Rng r(seed_mix(w_.seed,
		       0x5061796c00000000ULL ^ ((uint64_t)f << 32 | i)));
	r.fill(out.data(), out.size());
}

bool
Checker::decode(uint32_t ppid, uint32_t *f, uint32_t *i) const
{
	*f = ppid >> kIdxBits;
	*i = ppid & ((1u << kIdxBits) - 1);
	return *f < flows_.size() && *i < flows_[*f].cfg.count;
}

void
Checker::accepted(uint32_t f, uint32_t i)
{
	Flow &fl = flows_[f];
	if (i != fl.accepted)
		w_.violate("checker: flow " + std::to_string(f) +
			   " accepted out of order");
	fl.accepted = i + 1;
	n_accepted++;
	if (fl.t_accepted.size() <= i)
		fl.t_accepted.resize(i + 1);
	fl.t_accepted[i] = w_.now();
	MsgSpec m = spec(f, i);
	if (!m.unordered)
		fl.ordered[m.sid].push_back(i);
}

void
Checker::delivered(int host, const struct fsctp_msg &msg)
{
	uint32_t f, i;
	n_delivered++;
	n_bytes += msg.len;
	std::string id = "host " + std::to_string(host) + " ppid " +
			 std::to_string(msg.ppid);
	if (!decode(msg.ppid, &f, &i)) {
		if (strict)
			w_.violate(id + ": message nobody sent");
		else
			n_mismatch++;
		return;
	}
	Flow &fl = flows_[f];
	id = "flow " + std::to_string(f) + " msg " + std::to_string(i);
	if (host != fl.to) {
		if (strict)
			w_.violate(id + ": delivered to the wrong host");
		else
			n_mismatch++;
		return;
	}
	if (i < fl.t_accepted.size() && !msg.partial)
		latencies.push_back(w_.now() - fl.t_accepted[i]);
	if (i >= fl.accepted) {
		if (strict)
			w_.violate(id + ": delivered but never accepted");
		else
			n_mismatch++;
		return;
	}
	if (fl.dcount[i]++ != 0) {
		/* With valid-CRC garbage a flipped TSN can make one message
		 * arrive under two TSNs: counted, not a violation. */
		if (strict)
			w_.violate(id + ": delivered twice");
		else
			n_mismatch++;
		return;
	}
	MsgSpec m = spec(f, i);
	std::vector<uint8_t> want;
	payload(f, i, want);
	bool ok =
		msg.len == m.len && msg.sid == m.sid &&
		msg.unordered == m.unordered &&
		(msg.len == 0 || (msg.data != nullptr &&
				  memcmp(msg.data, want.data(), msg.len) == 0));
	if (!ok) {
		if (strict)
			w_.violate(id + ": content differs (len " +
				   std::to_string(msg.len) + " want " +
				   std::to_string(m.len) + ", sid " +
				   std::to_string(msg.sid) + " want " +
				   std::to_string(m.sid) + ", U " +
				   std::to_string(msg.unordered) + ")");
		else
			n_mismatch++;
		return;
	}
	if (!m.unordered) {
		/* RFC 9260 6.6: ordered messages of a stream are delivered
		 * in the order they were sent, with no gaps. */
		auto &seq = fl.ordered[m.sid];
		size_t &cur = fl.cursor[m.sid];
		/* RFC 3758 3.6: messages the sender abandoned (and said so,
		 * before its FORWARD TSN) leave gaps. */
		while (cur < seq.size() && seq[cur] != i &&
		       fl.fabandoned[seq[cur]] && !fl.dcount[seq[cur]])
			cur++;
		if (cur >= seq.size() || seq[cur] != i) {
			if (!strict) {
				n_mismatch++;
				return;
			}
			w_.violate(id + ": out of order on stream " +
				   std::to_string(m.sid) + " (expected msg " +
				   (cur < seq.size() ? std::to_string(seq[cur])
						     : std::string("none")) +
				   ")");
		} else {
			cur++;
		}
	}
}

void
Checker::send_failed(int host, const struct fsctp_event &ev)
{
	uint32_t f, i;
	n_failed++;
	if (!decode((uint32_t)ev.context, &f, &i) || ev.context >> 32 != 0) {
		w_.violate("host " + std::to_string(host) +
			   ": SEND_FAILED for an unknown context " +
			   std::to_string(ev.context));
		return;
	}
	Flow &fl = flows_[f];
	std::string id =
		"flow " + std::to_string(f) + " msg " + std::to_string(i);
	if (host != fl.from) {
		w_.violate(id + ": SEND_FAILED on the receiving host");
		return;
	}
	if (i >= fl.accepted) {
		w_.violate(id + ": SEND_FAILED for a message never accepted");
		return;
	}
	if (fl.fcount[i]++ != 0) {
		w_.violate(id + ": SEND_FAILED twice");
		return;
	}
	fl.fsent[i] = ev.sent;
	fl.fabandoned[i] = ev.abandoned;
	MsgSpec m = spec(f, i);
	if (ev.abandoned) {
		n_abandoned++;
		/* RFC 7496: only a message with a policy is abandoned. */
		if (m.pr_policy == 0)
			w_.violate(id + ": a reliable message abandoned");
	}
	if (ev.sid != m.sid || ev.ppid != m.ppid)
		w_.violate(id + ": SEND_FAILED with the wrong sid/ppid");
	if (ev.data != nullptr && ev.data_len > m.len)
		w_.violate(id + ": SEND_FAILED longer than the message");
}

void
Checker::flow_failed(uint32_t f)
{
	flows_[f].failed = true;
}

void
Checker::flow_crashed(uint32_t f)
{
	flows_[f].crashed = true;
}

bool
Checker::complete(uint32_t f) const
{
	const Flow &fl = flows_[f];
	if (fl.accepted < fl.cfg.count)
		return false;
	/* A message abandoned by PR-SCTP and reported is done with. */
	for (size_t i = 0; i < fl.dcount.size(); i++)
		if (fl.dcount[i] == 0 && !(fl.fcount[i] && fl.fabandoned[i]))
			return false;
	return true;
}

size_t
Checker::finish(bool require_complete)
{
	size_t before = w_.violations.size();
	/* Valid-CRC garbage can forge acknowledgements (a flipped cumulative
	 * TSN ack): end-of-run delivery accounting is then meaningless. */
	if (!strict)
		return 0;
	for (size_t f = 0; f < flows_.size(); f++) {
		const Flow &fl = flows_[f];
		std::string id = "flow " + std::to_string(f);
		for (uint32_t i = 0; i < fl.accepted; i++) {
			std::string mid = id + " msg " + std::to_string(i);
			if (fl.dcount[i] && fl.fcount[i] && !fl.fsent[i])
				w_.violate(mid + ": delivered, yet reported "
						 "failed and never sent");
			if (fl.dcount[i] || fl.crashed)
				continue;
			/* RFC 3758: abandoned by its policy and reported. */
			if (fl.fcount[i] && fl.fabandoned[i])
				continue;
			if (fl.failed) {
				/* RFC 6458 6.1.4: undelivered data comes back
				 * in SCTP_SEND_FAILED_EVENT. */
				if (!fl.fcount[i])
					w_.violate(mid + ": lost without "
							 "SEND_FAILED");
			} else if (fl.fcount[i]) {
				w_.violate(mid + ": SEND_FAILED on a live "
						 "association");
			} else if (require_complete) {
				w_.violate(mid + ": accepted, never "
						 "delivered");
			}
		}
		if (require_complete && !fl.failed && !fl.crashed &&
		    fl.accepted < fl.cfg.count)
			w_.violate(id + ": only " +
				   std::to_string(fl.accepted) + " of " +
				   std::to_string(fl.cfg.count) +
				   " messages accepted");
	}
	return w_.violations.size() - before;
}

} // namespace fsctp_sim
