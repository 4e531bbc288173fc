/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared by the DPDK gtest binaries: start the EAL from a shipped profile
 * with a private --file-prefix, and bring its ports up. */
#ifndef RT_TEST_ENV_H
#define RT_TEST_ENV_H

#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <rte_eal.h>
#include "fsctp_rt_config.h"
#include "fsctp_rt_port.h"
}

namespace fptest
{

inline struct fsctp_rt_config g_cfg;
inline struct fsctp_rt_ports g_ports;

/* Start EAL and ports from a profile (path under drivers-config/, or
 * absolute); extra EAL words follow. @return 0 or a process exit code. */
inline int
start(const std::string &profile, std::vector<std::string> extra)
{
	char err[512];
	std::string path = profile[0] == '/'
				   ? profile
				   : std::string(FSCTP_SOURCE_DIR) +
					     "/drivers-config/" + profile;
	if (fsctp_rt_config_load(path.c_str(), &g_cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	extra.push_back("--file-prefix=fsctp-ut-" + std::to_string(getpid()));
	extra.push_back("--log-level=lib.eal:warning");
	std::vector<char *> argv;
	for (auto &s : extra)
		argv.push_back(s.data());
	if (fsctp_rt_eal_init(&g_cfg, (int)argv.size(), argv.data(), err,
			      sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (fsctp_rt_ports_start(&g_cfg, &g_ports, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		rte_eal_cleanup();
		return 2;
	}
	return 0;
}

inline void
stop()
{
	fsctp_rt_ports_stop(&g_ports);
	rte_eal_cleanup();
}

} // namespace fptest

#endif
