/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Which protocol-core features have landed, for the simulation tests.
 *
 * A scenario whose features are not all listed here is reported as
 * SKIPPED with the missing feature named, never as passed. This is a
 * temporary state while the core is written: flip the bits as the modules
 * land. FSCTP_SIM_FEATURES=all (or a number) in the environment overrides
 * it for a local try-out.
 */
#ifndef FSCTP_SIM_FEATURES_H
#define FSCTP_SIM_FEATURES_H

#include <cstdlib>
#include <cstring>
#include <string>

#include "sim_scenario.h"

namespace fsctp_sim
{

/** Feature bits of the core on this branch. */
constexpr unsigned kCoreFeatures =
	kFeatHandshake | kFeatData | kFeatShutdown | kFeatFailure | kFeatOotb;

/** @return the feature bits in force (environment override included). */
static inline unsigned
core_features()
{
	const char *e = getenv("FSCTP_SIM_FEATURES");
	if (e == nullptr || *e == '\0')
		return kCoreFeatures;
	if (strcmp(e, "all") == 0)
		return ~0u;
	return (unsigned)strtoul(e, nullptr, 0);
}

/** @return the names of the features in `need` that are missing. */
static inline std::string
missing_features(unsigned need)
{
	static const char *names[] = { "handshake", "data transfer", "shutdown",
				       "failure detection",
				       "out-of-the-blue handling" };
	unsigned miss = need & ~core_features();
	std::string s;
	for (unsigned b = 0; b < 5; b++)
		if (miss & (1u << b)) {
			if (!s.empty())
				s += ", ";
			s += names[b];
		}
	return s;
}

} // namespace fsctp_sim

#endif
