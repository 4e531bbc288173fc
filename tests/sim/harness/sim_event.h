/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The simulator's event queue: one virtual clock in microseconds, events
 * ordered by (time, sequence number). The sequence number is taken when an
 * event is scheduled, so two events due at the same microsecond run in the
 * order they were scheduled and a run never depends on container internals.
 */
#ifndef FSCTP_SIM_EVENT_H
#define FSCTP_SIM_EVENT_H

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

namespace fsctp_sim
{

/** Virtual time in microseconds. */
using Time = uint64_t;

constexpr Time kMs = 1000;
constexpr Time kSec = 1000000;
constexpr Time kNever = UINT64_MAX;

/** A deterministic event queue. */
class EventQueue
{
      public:
	using Fn = std::function<void()>;

	/** Schedule fn at time t (clamped to now: the past is not
	 * reachable). */
	void at(Time t, Fn fn)
	{
		if (t < now_)
			t = now_;
		q_.push(Ev{ t, seq_++, std::move(fn) });
	}

	/** Schedule fn after a delay. */
	void after(Time d, Fn fn)
	{
		at(now_ + d, std::move(fn));
	}

	bool empty() const
	{
		return q_.empty();
	}

	/** @return the due time of the earliest event, or kNever. */
	Time next_time() const
	{
		return q_.empty() ? kNever : q_.top().t;
	}

	/** Advance the clock to t (never backwards). */
	void advance(Time t)
	{
		if (t > now_)
			now_ = t;
	}

	/** Pop the earliest event, advance the clock to it and run it.
	 * @return false if the queue was empty. */
	bool run_one()
	{
		if (q_.empty())
			return false;
		Ev ev = std::move(const_cast<Ev &>(q_.top()));
		q_.pop();
		advance(ev.t);
		executed_++;
		ev.fn();
		return true;
	}

	Time now() const
	{
		return now_;
	}

	uint64_t executed() const
	{
		return executed_;
	}

	size_t size() const
	{
		return q_.size();
	}

      private:
	struct Ev {
		Time t;
		uint64_t seq;
		Fn fn;
	};
	struct Later {
		bool operator()(const Ev &a, const Ev &b) const
		{
			return a.t > b.t || (a.t == b.t && a.seq > b.seq);
		}
	};
	std::priority_queue<Ev, std::vector<Ev>, Later> q_;
	uint64_t seq_ = 0;
	uint64_t executed_ = 0;
	Time now_ = 0;
};

} // namespace fsctp_sim

#endif
