/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Seeded pseudo-random numbers for the simulator.
 *
 * Every source of randomness in a simulation (each link direction, each
 * host's rand_bytes, each application model) owns one generator seeded from
 * the scenario seed and a fixed label, so adding a consumer never shifts the
 * numbers another consumer sees, and a seed replays bit-exactly.
 */
#ifndef FSCTP_SIM_RNG_H
#define FSCTP_SIM_RNG_H

#include <cstddef>
#include <cstdint>

namespace fsctp_sim
{

/** One step of splitmix64: a good 64-bit mixer for seeding. */
static inline uint64_t
splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/** Mix a seed with a label into a new, independent seed. */
static inline uint64_t
seed_mix(uint64_t seed, uint64_t label)
{
	uint64_t s = seed ^ (label * 0xd1342543de82ef95ULL);
	splitmix64(&s);
	return splitmix64(&s);
}

/** xoshiro256** generator, seeded through splitmix64. */
class Rng
{
      public:
	explicit Rng(uint64_t seed = 0)
	{
		reseed(seed);
	}

	void reseed(uint64_t seed)
	{
		uint64_t sm = seed;
		for (auto &w : s_)
			w = splitmix64(&sm);
	}

	uint64_t next()
	{
		const uint64_t result = rotl(s_[1] * 5, 7) * 9;
		const uint64_t t = s_[1] << 17;
		s_[2] ^= s_[0];
		s_[3] ^= s_[1];
		s_[1] ^= s_[2];
		s_[0] ^= s_[3];
		s_[2] ^= t;
		s_[3] = rotl(s_[3], 45);
		return result;
	}

	/** @return a double uniform in [0, 1). */
	double uniform()
	{
		return (double)(next() >> 11) * (1.0 / 9007199254740992.0);
	}

	/** @return true with probability p. */
	bool chance(double p)
	{
		if (p <= 0)
			return false;
		return uniform() < p;
	}

	/** @return a value uniform in [0, n) (n > 0), without modulo bias. */
	uint64_t below(uint64_t n)
	{
		if (n <= 1)
			return 0;
		uint64_t lim = UINT64_MAX - UINT64_MAX % n;
		uint64_t v;
		do
			v = next();
		while (v >= lim);
		return v % n;
	}

	/** @return a value uniform in [lo, hi] (inclusive). */
	uint64_t range(uint64_t lo, uint64_t hi)
	{
		return lo + below(hi - lo + 1);
	}

	void fill(void *buf, size_t len)
	{
		uint8_t *p = static_cast<uint8_t *>(buf);
		while (len > 0) {
			uint64_t v = next();
			for (int i = 0; i < 8 && len > 0; i++, len--) {
				*p++ = (uint8_t)v;
				v >>= 8;
			}
		}
	}

      private:
	static uint64_t rotl(uint64_t x, int k)
	{
		return (x << k) | (x >> (64 - k));
	}
	uint64_t s_[4];
};

} // namespace fsctp_sim

#endif
