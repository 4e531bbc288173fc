/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim_wire.h"

#include <cstring>
#include <string>

#include "sim_crc32c.h"

namespace fsctp_sim
{

static uint32_t
rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint16_t
rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Serial number arithmetic (RFC 9260 1.6), kept local to stay independent
 * of the core. */
static bool
tsn_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static bool
tsn_le(uint32_t a, uint32_t b)
{
	return a == b || tsn_lt(a, b);
}

/* Two TSNs of different epochs (an SSN/TSN reset lies between them). */
static bool
tsn_far(uint32_t a, uint32_t b)
{
	uint32_t d = a - b;
	return d > (1u << 24) && d < 0u - (1u << 24);
}

template <typename F>
static void
chunks(const uint8_t *p, size_t n, F fn)
{
	size_t off = 12;
	while (off + 4 <= n) {
		size_t len = rd16(p + off + 2);
		if (len < 4 || off + len > n)
			return;
		fn(p[off], p + off, len);
		off += (len + 3) & ~(size_t)3;
	}
}

std::vector<uint8_t>
WireWatch::key_of(const struct fsctp_addr &a)
{
	std::vector<uint8_t> k(sizeof(a));
	struct fsctp_addr c;
	memset(&c, 0, sizeof(c));
	c.family = a.family;
	c.port = a.port;
	c.ip = a.ip;
	memcpy(k.data(), &c, sizeof(c));
	return k;
}

uint32_t
WireWatch::tag_of(const struct fsctp_addr &local) const
{
	auto it = tags_.find(key_of(local));
	return it == tags_.end() ? 0 : it->second;
}

void
WireWatch::on_tx(Host &h, Ctx ctx, const struct fsctp_addr &src,
		 const struct fsctp_addr &dst, const uint8_t *p, size_t len)
{
	if (len < 12)
		return;
	uint32_t vtag = rd32(p + 4);
	Dir &d = dirs_[Key(key_of(src), key_of(dst))];
	bool marked_t3 = false;
	chunks(p, len, [&](uint8_t type, const uint8_t *c, size_t clen) {
		switch (type) {
		case 1: /* INIT */
		case 2: /* INIT ACK: the Initiate Tag is the sender's tag */
			if (type == 1)
				inits_seen++;
			if (clen >= 8)
				tags_[key_of(src)] = rd32(c + 4);
			break;
		case 6:
			aborts_seen++;
			break;
		case 10:
			cookie_echoes++;
			last_cookie_echo =
				RawPacket{ src, dst,
					   std::vector<uint8_t>(p, p + len) };
			break;
		case 0:
		case 64: { /* DATA, I-DATA (RFC 8260): same TSN rules */
			if (clen < 16)
				break;
			uint32_t tsn = rd32(c + 4);
			if (d.vtag != vtag || (d.reset_pending && d.have_cum &&
					       tsn_far(tsn, d.cum))) {
				/* A new association on this tuple, or new
				 * TSNs after an SSN/TSN reset (RFC 6525). */
				d = Dir();
				d.vtag = vtag;
			}
			if (d.have_cum && tsn_le(tsn, d.cum)) {
				if (check_fast_rtx)
					w_.violate(h.name + ": sent TSN " +
						   std::to_string(tsn) +
						   " again after it was "
						   "cumulatively acked");
				break;
			}
			auto it = d.out.find(tsn);
			if (it == d.out.end()) {
				d.out[tsn] = TsnInfo();
				data_chunks++;
				break;
			}
			rtx_chunks++;
			if (ctx == Ctx::Icmp) {
				/* RFC 9260 7.3: resent after a too-big
				 * report (on_pmtu() relaxed the rule). */
				rtx_pmtu++;
			} else if (ctx == Ctx::Timer) {
				/* RFC 9260 6.3.3 E3: T3-rtx expiry marks all
				 * outstanding data for retransmission; those
				 * may go out later, when a SACK opens cwnd. */
				if (!marked_t3)
					for (auto &o : d.out)
						o.second.t3 = true;
				marked_t3 = true;
				rtx_timer++;
			} else {
				TsnInfo &ti = it->second;
				if (check_fast_rtx && ti.miss < 3 && !ti.t3)
					w_.violate(
						h.name + ": TSN " +
						std::to_string(tsn) +
						" retransmitted after " +
						std::to_string(ti.miss) +
						" miss indications (RFC 9260 "
						"7.2.4 wants 3)");
				rtx_fast++;
			}
			it->second = TsnInfo();
			break;
		}
		case 130: { /* RE-CONFIG (RFC 6525) */
			/* A Re-configuration Response with both TSNs,
			 * "Success - Performed": an SSN/TSN reset. */
			size_t off = 4;
			while (off + 20 <= clen) {
				uint16_t pt = rd16(c + off);
				uint16_t pl = rd16(c + off + 2);
				if (pl < 4)
					break;
				if (pt == 16 && pl == 20 &&
				    rd32(c + off + 8) == 1) {
					d.reset_pending = true;
					dirs_[Key(key_of(dst), key_of(src))]
						.reset_pending = true;
				}
				off += (pl + 3u) & ~3u;
			}
			break;
		}
		default:
			break;
		}
	});
}

void
WireWatch::on_pmtu(Host &)
{
	/* A lowered PMTU lets the core resend at once the chunks that could
	 * not cross the smaller link, or later as cwnd allows: like a T3-rtx
	 * expiry, no miss indications are needed for the outstanding data
	 * (all directions: a two-host world has few). */
	for (auto &d : dirs_)
		for (auto &o : d.second.out)
			o.second.t3 = true;
}

void
WireWatch::on_sack(Dir &d, const uint8_t *c, size_t len)
{
	if (len < 16)
		return;
	uint32_t cum = rd32(c + 4);
	uint16_t ngap = rd16(c + 12);
	if (16 + (size_t)ngap * 4 > len)
		return;
	/* RFC 9260 6.2.1 D i: a SACK whose cumulative ack is behind the one
	 * already seen is dropped by the sender; the observer does the same. */
	if (d.have_cum && tsn_lt(cum, d.cum))
		return;
	/* RFC 6525 5.2.4: a SACK of the other TSN epoch (sent before an
	 * SSN/TSN reset, or after it but seen before the sender's first new
	 * DATA): the sender drops it as stale or it acks nothing tracked. */
	if ((d.have_cum && tsn_far(cum, d.cum)) ||
	    (!d.out.empty() && tsn_far(cum, d.out.begin()->first)))
		return;
	sacks_seen++;
	d.have_cum = true;
	d.cum = cum;
	for (auto it = d.out.begin(); it != d.out.end();)
		if (tsn_le(it->first, cum))
			it = d.out.erase(it);
		else
			++it;
	if (ngap == 0)
		return;
	uint32_t highest = cum;
	std::vector<std::pair<uint32_t, uint32_t>> gaps;
	for (uint16_t g = 0; g < ngap; g++) {
		uint32_t s = cum + rd16(c + 16 + 4 * g);
		uint32_t e = cum + rd16(c + 18 + 4 * g);
		gaps.emplace_back(s, e);
		if (tsn_lt(highest, e))
			highest = e;
	}
	for (auto &o : d.out) {
		uint32_t t = o.first;
		if (!tsn_lt(t, highest))
			continue;
		bool acked = false;
		for (auto &g : gaps)
			if (tsn_le(g.first, t) && tsn_le(t, g.second))
				acked = true;
		if (!acked)
			o.second.miss++;
	}
}

void
WireWatch::on_rx(Host &, const struct fsctp_addr &src,
		 const struct fsctp_addr &dst, const uint8_t *p, size_t len)
{
	/* The core drops bad-CRC packets; so does the observer. */
	if (!sctp_crc_ok(p, len))
		return;
	/* SACKs travel against the data: the data sender is dst. */
	auto it = dirs_.find(Key(key_of(dst), key_of(src)));
	if (it == dirs_.end())
		return;
	/* Only SACKs the data sender accepts (RFC 9260 8.5: its own tag),
	 * so a late one from an earlier association is ignored. */
	uint32_t own = tag_of(dst);
	if (own != 0 && rd32(p + 4) != own)
		return;
	chunks(p, len, [&](uint8_t type, const uint8_t *c, size_t clen) {
		if (type == 3)
			on_sack(it->second, c, clen);
	});
}

} // namespace fsctp_sim
