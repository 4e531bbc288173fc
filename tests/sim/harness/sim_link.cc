/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim_link.h"

#include "sim_crc32c.h"

namespace fsctp_sim
{

/* The simulated IP header the MTU applies to (IPv4, no options). */
constexpr uint32_t kIpHeader = 20;

/* Walk the chunks of an SCTP packet; fn(type, off, len) returns false to
 * stop. Stops at the first malformed length. */
template <typename F>
static void
for_each_chunk(const std::vector<uint8_t> &p, F fn)
{
	size_t off = 12;
	while (off + 4 <= p.size()) {
		size_t len = (size_t)p[off + 2] << 8 | p[off + 3];
		if (len < 4 || off + len > p.size())
			return;
		if (!fn(p[off], off, len))
			return;
		off += (len + 3) & ~(size_t)3;
	}
}

bool
sctp_is_sack_only(const std::vector<uint8_t> &pkt)
{
	bool any = false, only = true;
	for_each_chunk(pkt, [&](uint8_t type, size_t, size_t) {
		any = true;
		if (type != 3)
			only = false;
		return only;
	});
	return any && only;
}

bool
sctp_has_chunk(const std::vector<uint8_t> &pkt, uint8_t t)
{
	bool has = false;
	for_each_chunk(pkt, [&](uint8_t type, size_t, size_t) {
		if (type == t)
			has = true;
		return !has;
	});
	return has;
}

Time
LinkDir::delay_at(Time t) const
{
	Time d = imp_.delay;
	for (const auto &s : imp_.delay_steps)
		if (t >= s.first)
			d = s.second;
	return d;
}

uint32_t
LinkDir::mtu_at(Time t) const
{
	uint32_t m = imp_.mtu;
	for (const auto &s : imp_.mtu_steps)
		if (t >= s.first)
			m = s.second;
	return m;
}

bool
LinkDir::down_at(Time t) const
{
	for (const auto &w : imp_.down)
		if (t >= w.start && t < w.end)
			return true;
	return false;
}

void
LinkDir::flip_bits(std::vector<uint8_t> &b, size_t from, int n)
{
	if (b.size() <= from)
		return;
	for (int i = 0; i < n; i++) {
		size_t bit = (size_t)rng_.below((b.size() - from) * 8);
		b[from + bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
}

bool
LinkDir::lose(Time now, const std::vector<uint8_t> &pkt, bool may_fragment)
{
	if (down_at(now)) {
		st_.lost_down++;
		return true;
	}
	uint32_t mtu = mtu_at(now);
	uint32_t frags = 1;
	if (mtu != 0 && pkt.size() + kIpHeader > mtu) {
		/* RFC 9260 6.9: a chunk cut for a larger PMTU goes in a
		 * packet IP may fragment; the fragments are not impaired
		 * one by one here. Any other packet is dropped (DF). */
		if (may_fragment) {
			/* IPv4 with DF clear: a router cuts the datagram
			 * into fragments of (MTU - 20) bytes rounded down
			 * to 8 (RFC 791); each may be lost on its own
			 * (random loss below) and one lost fragment loses
			 * the datagram. */
			uint32_t room = mtu > kIpHeader + 8
						? (mtu - kIpHeader) & ~7u
						: 8;
			frags = ((uint32_t)pkt.size() + room - 1) / room;
			st_.mtu_fragmented++;
		} else {
			st_.lost_mtu++;
			if (imp_.mtu_feedback) {
				st_.mtu_feedback++;
				too_big_ = mtu;
			}
			return true;
		}
	}
	if (imp_.drop_chunk_type >= 0 &&
	    targeted_dropped_ < imp_.drop_chunk_count &&
	    sctp_has_chunk(pkt, (uint8_t)imp_.drop_chunk_type)) {
		targeted_dropped_++;
		st_.lost_targeted++;
		return true;
	}
	if (imp_.sack_only_loss > 0 && sctp_is_sack_only(pkt) &&
	    rng_.chance(imp_.sack_only_loss)) {
		st_.lost_sack++;
		return true;
	}
	if (imp_.ge_p_gb > 0) {
		/* Gilbert-Elliott: move first, then lose by the state. */
		if (ge_bad_ ? rng_.chance(imp_.ge_p_bg)
			    : rng_.chance(imp_.ge_p_gb)) {
			ge_bad_ = !ge_bad_;
			ge_bad_since_ = now;
		}
		if (ge_bad_ && imp_.ge_max_bad != 0 &&
		    now - ge_bad_since_ >= imp_.ge_max_bad)
			ge_bad_ = false;
		double p = ge_bad_ ? imp_.ge_loss_bad : imp_.ge_loss_good;
		if (rng_.chance(p)) {
			st_.lost_burst++;
			return true;
		}
	}
	for (uint32_t f = 0; f < frags; f++)
		if (rng_.chance(imp_.loss)) {
			st_.lost_random++;
			return true;
		}
	return false;
}

std::vector<Delivery>
LinkDir::offer(Time now, const std::vector<uint8_t> &pkt, bool may_fragment)
{
	std::vector<Delivery> out;
	st_.in++;
	too_big_ = 0;
	if (lose(now, pkt, may_fragment))
		return out;

	/* Bottleneck: serialise at bw_bps behind a tail-drop queue. */
	Time depart = now;
	if (imp_.bw_bps > 0) {
		while (!queue_.empty() && queue_.front().first <= now) {
			queued_ -= queue_.front().second;
			queue_.pop_front();
		}
		uint32_t sz = (uint32_t)pkt.size() + kIpHeader;
		if (imp_.queue_bytes != 0 && queued_ + sz > imp_.queue_bytes) {
			st_.lost_queue++;
			return out;
		}
		Time tx = (Time)sz * 8 * kSec / imp_.bw_bps;
		if (tx == 0)
			tx = 1;
		tx_free_ = (tx_free_ > now ? tx_free_ : now) + tx;
		depart = tx_free_;
		queue_.emplace_back(depart, sz);
		queued_ += sz;
	}

	Time d = delay_at(now);
	Time at = depart + d;
	if (imp_.jitter > 0)
		at += rng_.below(imp_.jitter + 1);
	if (imp_.keep_order && at < last_arrival_)
		at = last_arrival_;

	Delivery dl{ at, pkt, false };
	if (rng_.chance(imp_.corrupt)) {
		flip_bits(dl.bytes, 0, (int)rng_.range(1, 3));
		/* A flip can in principle leave the CRC valid (it cannot for
		 * 1-3 bits with CRC32c at these lengths, but be exact). */
		dl.corrupted = !sctp_crc_ok(dl.bytes.data(), dl.bytes.size());
		st_.corrupted++;
	} else if (rng_.chance(imp_.corrupt_recrc)) {
		/* Keep the common header's ports and tag, garble chunks. */
		flip_bits(dl.bytes, 12, (int)rng_.range(1, 8));
		sctp_fill_crc(dl.bytes.data(), dl.bytes.size());
		st_.garbled++;
	}

	Time rtt = 2 * (d > 500 ? d : 500);
	if (rng_.chance(imp_.reorder)) {
		/* Held back 1-3 RTTs; later packets overtake it. */
		dl.at += rtt * rng_.range(1, 3);
		st_.reordered++;
	} else {
		last_arrival_ = dl.at;
	}
	if (rng_.chance(imp_.dup)) {
		out.push_back(Delivery{ dl.at, dl.bytes, dl.corrupted });
		st_.duplicated++;
	}
	if (rng_.chance(imp_.dup_late)) {
		out.push_back(Delivery{ dl.at + rtt * rng_.range(1, 3),
					dl.bytes, dl.corrupted });
		st_.duplicated++;
	}
	out.insert(out.begin(), std::move(dl));
	st_.delivered += out.size();
	return out;
}

} // namespace fsctp_sim
