/* SPDX-License-Identifier: BSD-3-Clause */
/* Scenario INI parsing (errors name the section and key) and the latency
 * histogram. */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <string>

extern "C" {
#include "hist.h"
#include "scenario.h"
}

namespace
{

std::string
parse_err(const char *text)
{
	fsctp_lg_scenario sc;
	char err[256] = "";

	fsctp_lg_scenario_defaults(&sc);
	EXPECT_EQ(fsctp_lg_scenario_parse(text, &sc, err, sizeof(err)), -EINVAL)
		<< text;
	return err;
}

} // namespace

TEST(LgScenario, FullScenario)
{
	const char *text = "; a comment\n"
			   "[general]\n"
			   "role = sgp   ; trailing comment\n"
			   "duration = 2.5\n"
			   "rate = 1000\n"
			   "total_rate = 5000\n"
			   "ramp_up = 1\n"
			   "[assoc]\n"
			   "count = 8\n"
			   "peer = 198.18.0.2:2905\n"
			   "streams = 4\n"
			   "ports = 8\n"
			   "local_port = 40000\n"
			   "[m3ua]\n"
			   "opc = 0x101\n"
			   "dpc = 202\n"
			   "sls_count = 4\n"
			   "size = 200\n"
			   "rc = 7\n"
			   "traffic_mode = override\n"
			   "echo = yes\n"
			   "[diameter]\n"
			   "command = 316\n"
			   "application_id = 16777251\n"
			   "avp = 1/10415 u32 42\n"
			   "avp = 1000 str hello world\n"
			   "[route]\n"
			   "route = 202 1\n"
			   "route = 303 0\n";
	fsctp_lg_scenario sc;
	char err[256] = "";

	fsctp_lg_scenario_defaults(&sc);
	ASSERT_EQ(fsctp_lg_scenario_parse(text, &sc, err, sizeof(err)), 0)
		<< err;
	EXPECT_EQ(sc.role, FSCTP_LG_SGP);
	EXPECT_DOUBLE_EQ(sc.duration_s, 2.5);
	EXPECT_EQ(sc.rate, 1000u);
	EXPECT_EQ(sc.total_rate, 5000u);
	EXPECT_EQ(sc.count, 8u);
	EXPECT_STREQ(sc.peer, "198.18.0.2:2905");
	EXPECT_EQ(sc.streams, 4);
	EXPECT_EQ(sc.ports, 8);
	EXPECT_EQ(sc.local_port, 40000);
	EXPECT_EQ(sc.opc, 0x101u);
	EXPECT_EQ(sc.dpc, 202u);
	EXPECT_EQ(sc.size, 200u);
	EXPECT_TRUE(sc.rc_present);
	EXPECT_EQ(sc.rc, 7u);
	EXPECT_EQ(sc.tmt, 1u);
	EXPECT_TRUE(sc.echo);
	EXPECT_EQ(sc.command, 316u);
	EXPECT_EQ(sc.app_id, 16777251u);
	ASSERT_EQ(sc.n_avps, 2u);
	EXPECT_EQ(sc.avps[0].code, 1u);
	EXPECT_EQ(sc.avps[0].vendor, 10415u);
	EXPECT_EQ(sc.avps[0].u32, 42u);
	EXPECT_TRUE(sc.avps[1].is_str);
	EXPECT_STREQ(sc.avps[1].str, "hello world");
	ASSERT_EQ(sc.n_routes, 2u);
	EXPECT_EQ(sc.routes[0].dpc, 202u);
	EXPECT_EQ(sc.routes[0].assoc, 1u);
}

TEST(LgScenario, Defaults)
{
	fsctp_lg_scenario sc;

	fsctp_lg_scenario_defaults(&sc);
	EXPECT_EQ(sc.role, FSCTP_LG_ASP);
	EXPECT_EQ(sc.count, 1u);
	EXPECT_EQ(sc.size, 160u);
	EXPECT_EQ(sc.burst, 1024u);
	EXPECT_FALSE(sc.rc_present);
	EXPECT_EQ(fsctp_lg_scenario_parse("", &sc, nullptr, 0), 0);
}

TEST(LgScenario, ErrorsNameSectionAndKey)
{
	EXPECT_EQ(parse_err("[m3ua]\ndpc = 16777216\n"),
		  "line 2: [m3ua] dpc: bad value (0..16777215) '16777216'");
	EXPECT_EQ(parse_err("[m3ua]\nfoo = 1\n"),
		  "line 2: [m3ua] foo: unknown key");
	EXPECT_EQ(parse_err("[general]\nrole = stp\n"),
		  "line 2: [general] role: expected asp, sgp, dia-client, "
		  "dia-server or relay 'stp'");
	EXPECT_EQ(parse_err("[nope]\n"), "line 1: unknown section [nope]");
	EXPECT_EQ(parse_err("count = 1\n"),
		  "line 1: expected 'key = value' in a section: 'count = 1'");
	EXPECT_EQ(parse_err("[assoc\n"), "line 1: bad section header '[assoc'");
	EXPECT_EQ(parse_err("[assoc]\ncount = -1\n"),
		  "line 2: [assoc] count: bad value (1..1000000) '-1'");
	EXPECT_EQ(parse_err("[assoc]\ncount = 0\n"),
		  "line 2: [assoc] count: bad value (1..1000000) '0'");
	EXPECT_EQ(parse_err("[assoc]\ncount = 12abc\n"),
		  "line 2: [assoc] count: bad value (1..1000000) '12abc'");
	EXPECT_EQ(parse_err("[assoc]\ncount =\n"),
		  "line 2: [assoc] count: bad value (1..1000000) ''");
	EXPECT_EQ(parse_err("[general]\nduration = x\n"),
		  "line 2: [general] duration: bad value (0..86400) 'x'");
	EXPECT_EQ(parse_err("[m3ua]\necho = maybe\n"),
		  "line 2: [m3ua] echo: expected yes or no 'maybe'");
	EXPECT_EQ(parse_err("[m3ua]\ntraffic_mode = 4\n"),
		  "line 2: [m3ua] traffic_mode: expected override, loadshare, "
		  "broadcast or none '4'");
	EXPECT_EQ(parse_err("[route]\nroute = 1\n"),
		  "line 2: [route] route: expected 'DPC ASSOC' (DPC "
		  "0..16777215) '1'");
	EXPECT_EQ(parse_err("[diameter]\navp = 5 f32 1\n"),
		  "line 2: [diameter] avp: expected 'CODE[/VENDOR] u32 N' or "
		  "'CODE[/VENDOR] str TEXT' '5 f32 1'");
	EXPECT_EQ(parse_err("[general]\nburst = 3\n"),
		  "line 2: [general] burst: bad value (4..65536) '3'");
	EXPECT_EQ(parse_err("[assoc]\nports = 65\n"),
		  "line 2: [assoc] ports: bad value (1..64) '65'");
	std::string big = "[assoc]\npeer = " + std::string(200, 'x') + "\n";
	EXPECT_EQ(parse_err(big.c_str()).substr(0, 40),
		  "line 2: [assoc] peer: too long (127 byte");
}

TEST(LgScenario, Limits)
{
	std::string t = "[route]\n";
	for (int i = 0; i < FSCTP_LG_MAX_ROUTES + 1; i++)
		t += "route = " + std::to_string(i) + " 0\n";
	EXPECT_EQ(parse_err(t.c_str()),
		  "line 18: [route] route: too many routes (limit 16) '16 0'");
}

TEST(LgScenario, SetAndLoad)
{
	fsctp_lg_scenario sc;
	char err[256];

	fsctp_lg_scenario_defaults(&sc);
	EXPECT_EQ(fsctp_lg_scenario_set(&sc, "general", "role", "dia-server",
					err, sizeof(err)),
		  0);
	EXPECT_EQ(sc.role, FSCTP_LG_DIA_SERVER);
	EXPECT_EQ(fsctp_lg_scenario_set(&sc, "general", "rate", "x", err,
					sizeof(err)),
		  -EINVAL);
	EXPECT_STREQ(err, "[general] rate: bad value (0..100000000) 'x'");
	EXPECT_EQ(fsctp_lg_scenario_load("/nonexistent/x.ini", &sc, err,
					 sizeof(err)),
		  -ENOENT);
	char path[] = "/tmp/lg-scenario-XXXXXX";
	int fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("[assoc]\ncount = 3\n", f);
	fclose(f);
	EXPECT_EQ(fsctp_lg_scenario_load(path, &sc, err, sizeof(err)), 0);
	EXPECT_EQ(sc.count, 3u);
	remove(path);
}

TEST(LgHist, Percentiles)
{
	static fsctp_lg_hist h;

	fsctp_lg_hist_reset(&h);
	EXPECT_EQ(fsctp_lg_hist_pct(&h, 50), 0u);
	for (uint64_t v = 1; v <= 10000; v++)
		fsctp_lg_hist_add(&h, v * 1000);
	EXPECT_EQ(h.n, 10000u);
	EXPECT_EQ(h.min, 1000u);
	EXPECT_EQ(h.max, 10000000u);
	/* Within the 1/16 bucket width. */
	EXPECT_NEAR((double)fsctp_lg_hist_pct(&h, 50), 5e6, 5e6 / 16);
	EXPECT_NEAR((double)fsctp_lg_hist_pct(&h, 99), 9.9e6, 9.9e6 / 16);
	EXPECT_NEAR((double)fsctp_lg_hist_pct(&h, 99.9), 9.99e6, 9.99e6 / 16);
	EXPECT_EQ(fsctp_lg_hist_pct(&h, 100), 10000000u);
	EXPECT_EQ(fsctp_lg_hist_pct(&h, 0), 1000u);
}

TEST(LgHist, SmallExactAndMerge)
{
	static fsctp_lg_hist a, b;

	fsctp_lg_hist_reset(&a);
	fsctp_lg_hist_reset(&b);
	for (int i = 0; i < 99; i++)
		fsctp_lg_hist_add(&a, 7);
	fsctp_lg_hist_add(&b, 1ull << 50); /* overflow bucket */
	fsctp_lg_hist_merge(&a, &b);
	EXPECT_EQ(a.n, 100u);
	EXPECT_EQ(a.overflow, 1u);
	EXPECT_EQ(fsctp_lg_hist_pct(&a, 50), 7u);
	EXPECT_EQ(fsctp_lg_hist_pct(&a, 99), 7u);
	EXPECT_GT(fsctp_lg_hist_pct(&a, 99.99), 7u);
}
