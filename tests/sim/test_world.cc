/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tests of the property checker, the wire observer and the world's
 * determinism. The checker and observer tests feed synthetic messages and
 * packets, so they prove the checks can fail; the determinism tests run
 * real cores.
 */
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "sim_checker.h"
#include "sim_crc32c.h"
#include "sim_scenario.h"
#include "sim_wire.h"
#include "sim_world.h"

using namespace fsctp_sim;

namespace
{

struct CheckerTest : public ::testing::Test {
	World w{ 99 };
	Checker ck{ w };
	FlowCfg cfg;
	uint32_t f = 0;
	std::vector<std::vector<uint8_t>> bufs;

	void SetUp() override
	{
		cfg.nstreams = 4;
		cfg.order = Order::Mixed;
		cfg.max_len = 3000;
		cfg.count = 40;
		f = ck.new_flow(cfg, 0, 1);
		for (uint32_t i = 0; i < cfg.count; i++)
			ck.accepted(f, i);
	}

	/* The message as a correct core would deliver it. */
	struct fsctp_msg msg(uint32_t i)
	{
		MsgSpec m = ck.spec(f, i);
		bufs.emplace_back();
		ck.payload(f, i, bufs.back());
		struct fsctp_msg x;
		memset(&x, 0, sizeof(x));
		x.sid = m.sid;
		x.ppid = m.ppid;
		x.unordered = m.unordered;
		x.len = m.len;
		x.data = bufs.back().data();
		return x;
	}

	void deliver_all()
	{
		for (uint32_t i = 0; i < cfg.count; i++) {
			auto m = msg(i);
			ck.delivered(1, m);
		}
	}
};

TEST_F(CheckerTest, SpecIsDeterministicAndCoversExtremes)
{
	EXPECT_EQ(ck.spec(f, 0).len, 1u);
	EXPECT_EQ(ck.spec(f, 1).len, 3000u);
	bool u = false, o = false, s3 = false;
	for (uint32_t i = 0; i < cfg.count; i++) {
		MsgSpec a = ck.spec(f, i), b = ck.spec(f, i);
		EXPECT_EQ(a.len, b.len);
		EXPECT_EQ(a.sid, b.sid);
		EXPECT_LT(a.sid, 4);
		EXPECT_GE(a.len, 1u);
		EXPECT_LE(a.len, 3000u);
		u |= a.unordered;
		o |= !a.unordered;
		s3 |= a.sid == 3;
	}
	EXPECT_TRUE(u && o && s3);
}

TEST_F(CheckerTest, CleanRunPasses)
{
	deliver_all();
	EXPECT_TRUE(ck.complete(f));
	EXPECT_EQ(ck.finish(true), 0u);
	EXPECT_TRUE(w.violations.empty());
}

TEST_F(CheckerTest, DuplicateIsCaught)
{
	deliver_all();
	auto m = msg(5);
	ck.delivered(1, m);
	ASSERT_EQ(w.violations.size(), 1u);
	EXPECT_NE(w.violations[0].find("twice"), std::string::npos);
}

TEST_F(CheckerTest, ChangedByteIsCaught)
{
	auto m = msg(1);
	m.data[m.len / 2] ^= 1;
	ck.delivered(1, m);
	ASSERT_EQ(w.violations.size(), 1u);
	EXPECT_NE(w.violations[0].find("content"), std::string::npos);
}

TEST_F(CheckerTest, WrongStreamIsCaught)
{
	auto m = msg(2);
	m.sid = (uint16_t)(m.sid + 1);
	ck.delivered(1, m);
	EXPECT_EQ(w.violations.size(), 1u);
}

TEST_F(CheckerTest, OrderedOvertakeIsCaught)
{
	/* Find two ordered messages on one stream and deliver them swapped. */
	int a = -1, b = -1;
	for (uint32_t i = 0; i < cfg.count && b < 0; i++) {
		MsgSpec m = ck.spec(f, i);
		if (m.unordered)
			continue;
		if (a < 0)
			a = (int)i;
		else if (m.sid == ck.spec(f, (uint32_t)a).sid)
			b = (int)i;
	}
	ASSERT_GE(b, 0);
	auto mb = msg((uint32_t)b);
	ck.delivered(1, mb);
	ASSERT_EQ(w.violations.size(), 1u);
	EXPECT_NE(w.violations[0].find("out of order"), std::string::npos);
}

TEST_F(CheckerTest, MissingMessageIsCaught)
{
	for (uint32_t i = 0; i < cfg.count; i++)
		if (i != 7) {
			auto m = msg(i);
			ck.delivered(1, m);
		}
	w.violations.clear(); /* ordering complaints after the gap */
	EXPECT_FALSE(ck.complete(f));
	EXPECT_GE(ck.finish(true), 1u);
}

TEST_F(CheckerTest, FailureMustBeReported)
{
	for (uint32_t i = 0; i < 10; i++) {
		auto m = msg(i);
		ck.delivered(1, m);
	}
	ck.flow_failed(f);
	struct fsctp_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_SEND_FAILED;
	for (uint32_t i = 10; i < cfg.count - 1; i++) {
		MsgSpec m = ck.spec(f, i);
		ev.sid = m.sid;
		ev.ppid = m.ppid;
		ev.context = m.ppid;
		ck.send_failed(0, ev);
	}
	/* The last one was neither delivered nor reported. */
	EXPECT_EQ(ck.finish(false), 1u);
	/* Reporting one twice is a violation too. */
	ck.send_failed(0, ev);
	EXPECT_NE(w.violations.back().find("twice"), std::string::npos);
}

TEST_F(CheckerTest, CrashExemptsUndelivered)
{
	ck.flow_crashed(f);
	EXPECT_EQ(ck.finish(true), 0u);
}

TEST_F(CheckerTest, UnknownAndUnacceptedAreCaught)
{
	uint32_t g = ck.new_flow(cfg, 0, 1); /* nothing accepted */
	struct fsctp_msg m;
	memset(&m, 0, sizeof(m));
	m.ppid = g << Checker::kIdxBits;
	ck.delivered(1, m);
	m.ppid = 0xffffffffu;
	ck.delivered(1, m);
	EXPECT_EQ(w.violations.size(), 2u);
}

/* ---------------------------------------------------------- WireWatch */

std::vector<uint8_t>
data_pkt(uint32_t vtag, std::vector<uint32_t> tsns)
{
	std::vector<std::vector<uint8_t>> cs;
	for (uint32_t t : tsns) {
		std::vector<uint8_t> v = { (uint8_t)(t >> 24),
					   (uint8_t)(t >> 16),
					   (uint8_t)(t >> 8),
					   (uint8_t)t,
					   0,
					   0,
					   0,
					   0,
					   0,
					   0,
					   0,
					   1,
					   'x' };
		cs.push_back(make_chunk(0, 3, v));
	}
	return forge_packet(5001, 5000, vtag, cs);
}

std::vector<uint8_t>
sack_pkt(uint32_t cum, std::vector<std::pair<uint16_t, uint16_t>> gaps)
{
	std::vector<uint8_t> v;
	auto be32 = [&](uint32_t x) {
		for (int s = 24; s >= 0; s -= 8)
			v.push_back((uint8_t)(x >> s));
	};
	be32(cum);
	be32(65536);
	v.push_back(0);
	v.push_back((uint8_t)gaps.size());
	v.push_back(0);
	v.push_back(0);
	for (auto &g : gaps) {
		v.push_back((uint8_t)(g.first >> 8));
		v.push_back((uint8_t)g.first);
		v.push_back((uint8_t)(g.second >> 8));
		v.push_back((uint8_t)g.second);
	}
	return forge_packet(5000, 5001, 0x1111, { make_chunk(3, 0, v) });
}

struct WatchTest : public ::testing::Test {
	World w{ 1 };
	struct fsctp_stack_config cfg;
	struct fsctp_addr a, b;
	std::unique_ptr<Host> ha, hb;
	WireWatch ww{ w };

	void SetUp() override
	{
		memset(&cfg, 0, sizeof(cfg));
		fsctp_addr_set_v4(&a, 198, 18, 0, 1, 5001);
		fsctp_addr_set_v4(&b, 198, 18, 1, 1, 5000);
		/* Hosts without stacks: the observer only needs names. */
		ha = std::make_unique<Host>(w, 0, "a",
					    std::vector<fsctp_addr>{ a }, cfg);
		hb = std::make_unique<Host>(w, 1, "b",
					    std::vector<fsctp_addr>{ b }, cfg);
	}
	void tx(Ctx c, const std::vector<uint8_t> &p)
	{
		ww.on_tx(*ha, c, a, b, p.data(), p.size());
	}
	void sack(const std::vector<uint8_t> &p)
	{
		ww.on_rx(*ha, b, a, p.data(), p.size());
	}
};

TEST_F(WatchTest, FastRetransmitAfterThreeMissesIsFine)
{
	tx(Ctx::Api, data_pkt(7, { 100, 101, 102, 103, 104 }));
	sack(sack_pkt(99, { { 2, 2 } }));
	sack(sack_pkt(99, { { 2, 3 } }));
	sack(sack_pkt(99, { { 2, 4 } }));
	tx(Ctx::Input, data_pkt(7, { 100 }));
	EXPECT_TRUE(w.violations.empty());
	EXPECT_EQ(ww.rtx_chunks, 1u);
	EXPECT_EQ(ww.rtx_fast, 1u);
	EXPECT_EQ(ww.data_chunks, 5u);
}

TEST_F(WatchTest, EarlyFastRetransmitIsCaught)
{
	tx(Ctx::Api, data_pkt(7, { 100, 101, 102 }));
	sack(sack_pkt(99, { { 2, 2 } }));
	sack(sack_pkt(99, { { 2, 3 } }));
	tx(Ctx::Input, data_pkt(7, { 100 }));
	ASSERT_EQ(w.violations.size(), 1u);
	EXPECT_NE(w.violations[0].find("2 miss"), std::string::npos);
}

TEST_F(WatchTest, T3MarksEverythingOutstanding)
{
	tx(Ctx::Api, data_pkt(7, { 100, 101, 102 }));
	tx(Ctx::Timer, data_pkt(7, { 100 }));
	/* 101 and 102 were marked by the expiry; sending them when a SACK
	 * opens the window is not a fast retransmit. */
	sack(sack_pkt(100, {}));
	tx(Ctx::Input, data_pkt(7, { 101, 102 }));
	EXPECT_TRUE(w.violations.empty());
	EXPECT_EQ(ww.rtx_timer, 1u);
	EXPECT_EQ(ww.rtx_chunks, 3u);
}

TEST_F(WatchTest, ResendingAckedDataIsCaught)
{
	tx(Ctx::Api, data_pkt(7, { 100, 101 }));
	sack(sack_pkt(101, {}));
	tx(Ctx::Timer, data_pkt(7, { 101 }));
	EXPECT_EQ(w.violations.size(), 1u);
}

TEST_F(WatchTest, NewTagIsANewAssociation)
{
	tx(Ctx::Api, data_pkt(7, { 100 }));
	tx(Ctx::Api, data_pkt(8, { 100 }));
	EXPECT_EQ(ww.rtx_chunks, 0u);
	EXPECT_EQ(ww.data_chunks, 2u);
}

TEST_F(WatchTest, CorruptSackIsIgnored)
{
	tx(Ctx::Api, data_pkt(7, { 100, 101 }));
	auto s = sack_pkt(99, { { 2, 2 } });
	s[20] ^= 1;
	for (int i = 0; i < 3; i++)
		sack(s);
	EXPECT_EQ(ww.sacks_seen, 0u);
}

TEST_F(WatchTest, SackWithAnotherTagIsIgnored)
{
	/* a's INIT names its tag; SACKs to a must carry it. */
	std::vector<uint8_t> init = { 0, 0,  0x22, 0x22, 0, 1, 0, 0,
				      0, 10, 0,	   10,	 0, 0, 0, 1 };
	tx(Ctx::Api, forge_packet(5001, 5000, 0, { make_chunk(1, 0, init) }));
	EXPECT_EQ(ww.tag_of(a), 0x2222u);
	tx(Ctx::Api, data_pkt(7, { 100, 101 }));
	sack(sack_pkt(101, {})); /* tag 0x1111: another association */
	EXPECT_EQ(ww.sacks_seen, 0u);
	tx(Ctx::Timer, data_pkt(7, { 101 }));
	EXPECT_TRUE(w.violations.empty());
}

/* ------------------------------------------------- runs of real cores */

TEST(SimWorld, SameSeedSameDigest)
{
	const Scenario *sc = find_scenario("handshake");
	ASSERT_NE(sc, nullptr);
	RunParams rp;
	for (uint64_t s = 1; s <= 3; s++) {
		RunResult a = run_scenario(*sc, s, rp);
		RunResult b = run_scenario(*sc, s, rp);
		EXPECT_TRUE(a.ok) << a.summary();
		EXPECT_EQ(a.digest, b.digest);
		EXPECT_EQ(a.end, b.end);
		EXPECT_GT(a.pkts_rx, 0u);
		RunResult c = run_scenario(*sc, s + 100, rp);
		EXPECT_NE(a.digest, c.digest);
	}
}

TEST(SimWorld, ScenarioNamesParse)
{
	RunParams rp;
	const Scenario *sc = parse_scenario("loss-5:s16:u:l1000", &rp);
	ASSERT_NE(sc, nullptr);
	EXPECT_STREQ(sc->name, "loss-5");
	EXPECT_EQ(rp.nstreams, 16);
	EXPECT_EQ(rp.order, Order::Unordered);
	EXPECT_EQ(rp.max_len, 1000u);
	EXPECT_EQ(parse_scenario("nope", &rp), nullptr);
	EXPECT_EQ(parse_scenario("baseline:x", &rp), nullptr);
	for (const auto &s : scenarios())
		EXPECT_EQ(find_scenario(s.name), &s);
}

} // namespace

namespace
{

/* The dissectors tshark would hand SCTP payloads to (by PPID or port, and
 * the heuristic ones), as --disable-protocol options. The simulator's
 * payloads are random bytes under random PPIDs: what e.g. the IUA dissector
 * makes of them says nothing about our packets, so only the layers up to
 * and including SCTP are judged. */
std::string
tshark_payload_dissectors_off()
{
	std::set<std::string> names;
	auto scan = [&](const char *cmd, bool heur) {
		FILE *p = popen(cmd, "r");
		if (p == nullptr)
			return;
		char line[512];
		while (fgets(line, sizeof(line), p) != nullptr) {
			std::vector<std::string> f;
			std::string cur;
			for (const char *c = line; *c && *c != '\n'; c++) {
				if (*c == '\t') {
					f.push_back(cur);
					cur.clear();
				} else {
					cur += *c;
				}
			}
			f.push_back(cur);
			/* decodes: "sctp.ppi<TAB>46<TAB>diameter";
			 * heuristic-decodes: "sctp<TAB>sip<TAB>T". */
			std::string name;
			if (!heur && f.size() >= 3 &&
			    f[0].rfind("sctp.", 0) == 0)
				name = f[2];
			else if (heur && f.size() >= 2 && f[0] == "sctp")
				name = f[1];
			bool safe = !name.empty();
			for (char c : name)
				safe &= isalnum((unsigned char)c) || c == '_' ||
					c == '-' || c == '.';
			if (safe)
				names.insert(name);
		}
		pclose(p);
	};
	scan("tshark -G decodes 2>/dev/null", false);
	scan("tshark -G heuristic-decodes 2>/dev/null", true);
	std::string opts;
	for (const auto &n : names)
		opts += " --disable-protocol " + n;
	return opts;
}

/* Every packet the stacks emit must decode cleanly in tshark with the
 * CRC32c check on: Ethernet, IP and SCTP, every
 * chunk and parameter, and a good checksum on every packet. */
TEST(SimPcap, TsharkDecodesEveryPacket)
{
	if (system("command -v tshark >/dev/null 2>&1") != 0)
		GTEST_SKIP() << "tshark is not installed";
	const std::string off = tshark_payload_dissectors_off();
	for (const char *name :
	     { "handshake", "ctl-attack", "baseline", "loss-5" }) {
		const Scenario *sc = find_scenario(name);
		ASSERT_NE(sc, nullptr);
		char path[] = "/tmp/fsctp-sim-tshark-XXXXXX";
		int fd = mkstemp(path);
		ASSERT_GE(fd, 0);
		close(fd);
		RunParams rp;
		rp.nstreams = 16;
		rp.order = Order::Mixed;
		rp.pcap = path;
		RunResult r = run_scenario(*sc, 11, rp);
		EXPECT_TRUE(r.ok) << r.summary();
		std::string cmd = std::string("tshark -n -r ") + path +
				  " -o sctp.checksum:CRC-32C" + off +
				  " -V 2>&1";
		FILE *p = popen(cmd.c_str(), "r");
		ASSERT_NE(p, nullptr);
		char line[1024];
		int frames = 0, bad = 0, crc_good = 0;
		std::string first;
		while (fgets(line, sizeof(line), p) != nullptr) {
			if (strncmp(line, "Frame ", 6) == 0)
				frames++;
			if (strstr(line, "[Checksum Status: Good]") != nullptr)
				crc_good++;
			if (strstr(line, "Malformed") != nullptr ||
			    strstr(line, "[incorrect") != nullptr ||
			    strstr(line, "Expert Info (Error") != nullptr) {
				if (bad++ == 0)
					first = "frame " +
						std::to_string(frames) + ": " +
						line;
			}
		}
		pclose(p);
		unlink(path);
		EXPECT_EQ((uint64_t)frames, r.pkts_rx) << name;
		EXPECT_EQ(bad, 0) << name << ": " << first;
		EXPECT_EQ(crc_good, frames) << name << ": SCTP checksums";
	}
}

} // namespace
