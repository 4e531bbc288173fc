/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The pure RFC 8899 PLPMTUD module (fsctp_plpmtud.[ch]): every transition
 * of the 5.2 state machine, PROBE_TIMER / PMTU_RAISE_TIMER, MAX_PROBES,
 * the search converging to an exact MTU, black-hole detection (4.3) and
 * PTB hints (4.6.2). A tiny model of the path answers the probes: a probe
 * no larger than the path MTU is acknowledged, any other is lost.
 */
#include <gtest/gtest.h>

#include "fsctp_plpmtud.h"

namespace
{

constexpr fsctp_time_t kSec = 1000000;

struct Model {
	struct fsctp_plpmtud pl;
	fsctp_time_t now = 1000;
	uint32_t path_mtu = 1500;
	unsigned pmtu_changes = 0;
	unsigned probes = 0;

	explicit Model(uint16_t max = 1500, uint8_t max_probes = 3)
	{
		struct fsctp_plpmtud_config c {
		};
		c.base = 1200;
		c.min = 576;
		c.max = max;
		c.max_probes = max_probes;
		c.bh_losses = 2;
		c.probe_timer = 15 * kSec;
		c.raise_timer = 600 * kSec;
		fsctp_plpmtud_init(&pl, &c);
	}

	void note(unsigned act)
	{
		if (act & FSCTP_PL_A_PMTU)
			pmtu_changes++;
		if (act & FSCTP_PL_A_PROBE)
			probes++;
	}

	/* Deliver the outstanding probe if it fits the path, else let its
	 * PROBE_TIMER expire. */
	void step()
	{
		if (pl.probed != 0 && pl.probed <= path_mtu) {
			now += 10000; /* one RTT */
			note(fsctp_plpmtud_probe_acked(&pl, pl.probed, now));
			return;
		}
		ASSERT_NE(pl.deadline, 0u);
		now = pl.deadline;
		note(fsctp_plpmtud_timeout(&pl, now));
	}

	/* Run until SEARCH_COMPLETE (or the step limit). */
	void settle(int limit = 200)
	{
		for (int i = 0;
		     i < limit && pl.state != FSCTP_PL_SEARCH_COMPLETE; i++)
			step();
	}
};

TEST(Plpmtud, InitIsDisabledAndSanitised)
{
	struct fsctp_plpmtud pl;
	struct fsctp_plpmtud_config c {
	};
	c.base = 1201;	    /* rounded down to 4 */
	c.min = 2000;	    /* above base: clamped */
	c.max = 1000;	    /* below base: raised */
	c.probe_timer = 10; /* 5.1.1: at least 1 s */
	fsctp_plpmtud_init(&pl, &c);
	EXPECT_EQ(pl.state, FSCTP_PL_DISABLED);
	EXPECT_EQ(pl.cfg.base, 1200);
	EXPECT_EQ(pl.cfg.min, 1200);
	EXPECT_EQ(pl.cfg.max, 1200);
	EXPECT_EQ(pl.cfg.probe_timer, 1 * kSec);
	EXPECT_GE(pl.cfg.raise_timer, pl.cfg.probe_timer);
	EXPECT_EQ(pl.cfg.max_probes, 1);
	EXPECT_STREQ(fsctp_plpmtud_state_name(pl.state), "DISABLED");
	/* DISABLED ignores everything but start. */
	EXPECT_EQ(fsctp_plpmtud_probe_acked(&pl, 1200, 5), 0u);
	EXPECT_EQ(fsctp_plpmtud_timeout(&pl, 5), 0u);
	EXPECT_EQ(fsctp_plpmtud_ptb(&pl, 1300, 5), 0u);
	EXPECT_EQ(fsctp_plpmtud_data_lost(&pl, 1500, 5), 0u);
}

TEST(Plpmtud, StartEntersBaseAndProbesBase)
{
	Model m;
	unsigned act = fsctp_plpmtud_start(&m.pl, m.now);
	EXPECT_EQ(act, FSCTP_PL_A_PROBE | FSCTP_PL_A_PMTU);
	EXPECT_EQ(m.pl.state, FSCTP_PL_BASE);
	EXPECT_EQ(m.pl.plpmtu, 1200);
	EXPECT_EQ(m.pl.probed, 1200);
	EXPECT_EQ(m.pl.deadline, m.now + 15 * kSec);
	/* A second start is a no-op. */
	EXPECT_EQ(fsctp_plpmtud_start(&m.pl, m.now), 0u);
}

TEST(Plpmtud, BaseConfirmedThenMaxFirst)
{
	Model m;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	/* BASE -> SEARCHING, first search probe at MAX_PLPMTU. */
	unsigned act = fsctp_plpmtud_probe_acked(&m.pl, 1200, m.now + 1);
	EXPECT_EQ(act, FSCTP_PL_A_PROBE);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCHING);
	EXPECT_EQ(m.pl.probed, 1500);
	/* SEARCHING -> SEARCH_COMPLETE, PLPMTU raised, raise timer on. */
	act = fsctp_plpmtud_probe_acked(&m.pl, 1500, m.now + 2);
	EXPECT_EQ(act, FSCTP_PL_A_PMTU);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	EXPECT_EQ(m.pl.plpmtu, 1500);
	EXPECT_EQ(m.pl.deadline, m.now + 2 + 600 * kSec);
	EXPECT_EQ(m.pl.stats.raises, 1u);
	EXPECT_EQ(m.pl.stats.probes_acked, 2u);
}

TEST(Plpmtud, StaleOrWrongSizeAckIgnored)
{
	Model m;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	EXPECT_EQ(fsctp_plpmtud_probe_acked(&m.pl, 1400, m.now), 0u);
	EXPECT_EQ(fsctp_plpmtud_probe_acked(&m.pl, 0, m.now), 0u);
	EXPECT_EQ(m.pl.state, FSCTP_PL_BASE);
	EXPECT_EQ(m.pl.stats.stale_acks, 2u);
}

TEST(Plpmtud, ProbeTimerResendsUpToMaxProbes)
{
	Model m;
	m.path_mtu = 0; /* nothing gets through */
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	fsctp_time_t d = m.pl.deadline;
	/* Not yet due. */
	EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, d - 1), 0u);
	EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, d), FSCTP_PL_A_PROBE);
	EXPECT_EQ(m.pl.probe_count, 1);
	EXPECT_EQ(m.pl.state, FSCTP_PL_BASE);
	d = m.pl.deadline;
	EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, d), FSCTP_PL_A_PROBE);
	EXPECT_EQ(m.pl.probe_count, 2);
	/* 5.2: the third loss: BASE -> ERROR, PLPMTU = MIN_PLPMTU, base is
	 * probed again. */
	d = m.pl.deadline;
	EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, d),
		  FSCTP_PL_A_PROBE | FSCTP_PL_A_PMTU);
	EXPECT_EQ(m.pl.state, FSCTP_PL_ERROR);
	EXPECT_EQ(m.pl.plpmtu, 576);
	EXPECT_EQ(m.pl.probed, 1200);
	EXPECT_EQ(m.pl.stats.probes_lost, 3u);
	/* ERROR keeps probing BASE_PLPMTU. */
	for (int i = 0; i < 5; i++) {
		d = m.pl.deadline;
		EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, d), FSCTP_PL_A_PROBE);
		EXPECT_EQ(m.pl.state, FSCTP_PL_ERROR);
	}
	/* ERROR -> SEARCHING once BASE_PLPMTU is confirmed. */
	m.path_mtu = 1500;
	m.settle();
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	EXPECT_EQ(m.pl.plpmtu, 1500);
}

TEST(Plpmtud, ErrorIgnoresLowerPtb)
{
	Model m;
	m.path_mtu = 0;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	for (int i = 0; i < 3; i++)
		m.step();
	ASSERT_EQ(m.pl.state, FSCTP_PL_ERROR);
	EXPECT_EQ(fsctp_plpmtud_ptb(&m.pl, 500, m.now), 0u);
	EXPECT_EQ(m.pl.plpmtu, 576);
}

class Converge : public ::testing::TestWithParam<std::pair<uint16_t, uint32_t>>
{
};

/* 5.3: the search finds the path MTU exactly (sizes are multiples of 4)
 * and never uses a size that was not acknowledged. */
TEST_P(Converge, ExactMtu)
{
	Model m(GetParam().first);
	m.path_mtu = GetParam().second;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	for (int i = 0; i < 200 && m.pl.state != FSCTP_PL_SEARCH_COMPLETE;
	     i++) {
		m.step();
		ASSERT_LE(m.pl.plpmtu, m.path_mtu);
	}
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	uint32_t want = std::min<uint32_t>(m.path_mtu & ~3u, m.pl.cfg.max);
	EXPECT_EQ(m.pl.plpmtu, want);
	/* Binary search: about log2(range / 4) sizes, each lost size
	 * MAX_PROBES times. */
	EXPECT_LE(m.pl.stats.probes_sent, 3u * 14 + 2);
	printf("[ plpmtud  ] max %u, path %u: PLPMTU %u after %llu probes, "
	       "%.1f s\n",
	       m.pl.cfg.max, m.path_mtu, m.pl.plpmtu,
	       (unsigned long long)m.pl.stats.probes_sent,
	       (double)(m.now - 1000) / kSec);
}

INSTANTIATE_TEST_SUITE_P(Plpmtud, Converge,
			 ::testing::Values(std::make_pair(1500, 1400),
					   std::make_pair(9000, 9000),
					   std::make_pair(9000, 1400),
					   std::make_pair(9000, 1500),
					   std::make_pair(9000, 1280),
					   std::make_pair(9000, 4471),
					   std::make_pair(1500, 1500),
					   std::make_pair(1500, 1204),
					   std::make_pair(1500, 9000)));

TEST(Plpmtud, RaiseTimerSearchesAgain)
{
	Model m(9000);
	m.path_mtu = 1280;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.settle();
	ASSERT_EQ(m.pl.plpmtu, 1280);
	/* The path grows back; nothing happens until PMTU_RAISE_TIMER. */
	m.path_mtu = 9000;
	fsctp_time_t done = m.now;
	EXPECT_EQ(m.pl.deadline, done + 600 * kSec);
	EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, m.pl.deadline - 1), 0u);
	m.now = m.pl.deadline;
	/* SEARCH_COMPLETE -> SEARCHING with MAX_PLPMTU first. */
	unsigned act = fsctp_plpmtud_timeout(&m.pl, m.now);
	EXPECT_EQ(act, FSCTP_PL_A_PROBE);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCHING);
	EXPECT_EQ(m.pl.probed, 9000);
	m.settle();
	EXPECT_EQ(m.pl.plpmtu, 9000);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	printf("[ plpmtud  ] 1280 -> 9000 found %.1f s after the search "
	       "completed at 1280\n",
	       (double)(m.now - done) / kSec);
}

TEST(Plpmtud, RaiseTimerAtMaxStaysComplete)
{
	Model m;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.settle();
	ASSERT_EQ(m.pl.plpmtu, 1500);
	m.now = m.pl.deadline;
	EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, m.now), 0u);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	EXPECT_EQ(m.pl.deadline, m.now + 600 * kSec);
}

/* 4.3: large DATA lost twice with no ack, a BASE probe acknowledged, and
 * the large DATA lost again: black hole, back to BASE_PLPMTU, search
 * again (bounded by the failed size) and find the new MTU. */
TEST(Plpmtud, BlackHoleDetectedAndResearched)
{
	Model m;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.settle();
	ASSERT_EQ(m.pl.plpmtu, 1500);
	m.path_mtu = 1280;
	/* Small packets are not a PMTU matter. */
	EXPECT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1200, m.now), 0u);
	EXPECT_EQ(m.pl.bh_count, 0);
	EXPECT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1500, m.now), 0u);
	EXPECT_EQ(m.pl.bh_count, 1);
	/* Suspected: probe BASE_PLPMTU. */
	EXPECT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1500, m.now),
		  FSCTP_PL_A_PROBE);
	EXPECT_TRUE(m.pl.bh_check);
	EXPECT_EQ(m.pl.probed, 1200);
	EXPECT_EQ(m.pl.plpmtu, 1500); /* not yet */
	EXPECT_EQ(fsctp_plpmtud_probe_acked(&m.pl, 1200, m.now + 1), 0u);
	EXPECT_TRUE(m.pl.bh_base_ok);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	/* Detected. */
	unsigned act = fsctp_plpmtud_data_lost(&m.pl, 1500, m.now + 2);
	EXPECT_EQ(act, FSCTP_PL_A_PROBE | FSCTP_PL_A_PMTU);
	EXPECT_EQ(m.pl.plpmtu, 1200);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCHING);
	EXPECT_EQ(m.pl.stats.black_holes, 1u);
	EXPECT_EQ(m.pl.hi, 1500);
	EXPECT_LT(m.pl.probed, 1500);
	m.settle();
	EXPECT_EQ(m.pl.plpmtu, 1280);
	/* At BASE_PLPMTU-size PLPMTU no more suspicion from large chunks
	 * (they go IP-fragmentable). */
}

TEST(Plpmtud, AckedDataClearsSuspicion)
{
	Model m;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.settle();
	EXPECT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1500, m.now), 0u);
	fsctp_plpmtud_data_acked(&m.pl);
	EXPECT_EQ(m.pl.bh_count, 0);
	EXPECT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1500, m.now), 0u);
	/* Suspected, then data is acknowledged before the BASE probe's
	 * ack: no black hole. */
	EXPECT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1500, m.now),
		  FSCTP_PL_A_PROBE);
	fsctp_plpmtud_data_acked(&m.pl);
	EXPECT_EQ(fsctp_plpmtud_probe_acked(&m.pl, 1200, m.now), 0u);
	EXPECT_FALSE(m.pl.bh_base_ok);
	EXPECT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1500, m.now), 0u);
	EXPECT_EQ(m.pl.plpmtu, 1500);
	EXPECT_EQ(m.pl.stats.black_holes, 0u);
}

/* The path is down, not a black hole: the BASE probe is lost too. */
TEST(Plpmtud, PathDownIsNoBlackHole)
{
	Model m;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.settle();
	fsctp_plpmtud_data_lost(&m.pl, 1500, m.now);
	ASSERT_EQ(fsctp_plpmtud_data_lost(&m.pl, 1500, m.now),
		  FSCTP_PL_A_PROBE);
	for (int i = 0; i < 3; i++) {
		m.now = m.pl.deadline;
		fsctp_plpmtud_timeout(&m.pl, m.now);
	}
	EXPECT_FALSE(m.pl.bh_check);
	EXPECT_EQ(m.pl.bh_count, 0);
	EXPECT_EQ(m.pl.plpmtu, 1500);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	EXPECT_EQ(m.pl.stats.black_holes, 0u);
	EXPECT_EQ(m.pl.deadline, m.now + 600 * kSec);
}

/* 4.6.2: a PTB below the PLPMTU is used and confirmed by a probe. */
TEST(Plpmtud, PtbBelowPlpmtuUsedAndConfirmed)
{
	Model m(9000);
	m.path_mtu = 9000;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.settle();
	ASSERT_EQ(m.pl.plpmtu, 9000);
	m.path_mtu = 1400;
	unsigned act = fsctp_plpmtud_ptb(&m.pl, 1402, m.now);
	EXPECT_EQ(act, FSCTP_PL_A_PROBE | FSCTP_PL_A_PMTU);
	EXPECT_EQ(m.pl.plpmtu, 1400);
	EXPECT_EQ(m.pl.probed, 1400);
	EXPECT_EQ(m.pl.stats.ptb_hints, 1u);
	m.settle();
	EXPECT_EQ(m.pl.plpmtu, 1400);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
}

/* A PTB whose size the probe does not confirm: the PLPMTU falls back to
 * the largest confirmed size and the search finds the real one. */
TEST(Plpmtud, PtbNotConfirmedFallsBack)
{
	Model m(9000);
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.settle();
	m.path_mtu = 1300;
	m.note(fsctp_plpmtud_ptb(&m.pl, 1400, m.now));
	EXPECT_EQ(m.pl.plpmtu, 1400);
	for (int i = 0; i < 3; i++)
		m.step();
	EXPECT_EQ(m.pl.plpmtu, 1200);
	EXPECT_EQ(m.pl.stats.black_holes, 1u);
	m.settle();
	EXPECT_EQ(m.pl.plpmtu, 1300);
}

/* 4.6.2: PLPMTU < PTB < PROBED_SIZE: the reported size is probed next;
 * PTB >= PROBED_SIZE is ignored; below BASE_PLPMTU: back to BASE. */
TEST(Plpmtud, PtbHintsForProbes)
{
	Model m(9000);
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	m.step(); /* base acked, 9000 probed */
	ASSERT_EQ(m.pl.probed, 9000);
	EXPECT_EQ(fsctp_plpmtud_ptb(&m.pl, 9000, m.now), 0u);
	EXPECT_EQ(m.pl.stats.ptb_ignored, 1u);
	EXPECT_EQ(fsctp_plpmtud_ptb(&m.pl, 4000, m.now), FSCTP_PL_A_PROBE);
	EXPECT_EQ(m.pl.probed, 4000);
	EXPECT_EQ(m.pl.plpmtu, 1200);
	m.path_mtu = 4000;
	m.step();
	EXPECT_EQ(m.pl.plpmtu, 4000);
	EXPECT_EQ(m.pl.state, FSCTP_PL_SEARCH_COMPLETE);
	EXPECT_EQ(fsctp_plpmtud_ptb(&m.pl, 5000, m.now), 0u);
	/* Below BASE_PLPMTU: BASE, PLPMTU = BASE_PLPMTU, probe it. */
	EXPECT_EQ(fsctp_plpmtud_ptb(&m.pl, 800, m.now),
		  FSCTP_PL_A_PROBE | FSCTP_PL_A_PMTU);
	EXPECT_EQ(m.pl.state, FSCTP_PL_BASE);
	EXPECT_EQ(m.pl.plpmtu, 1200);
	EXPECT_EQ(m.pl.probed, 1200);
	/* Already at BASE_PLPMTU: another report below it is ignored. */
	EXPECT_EQ(fsctp_plpmtud_ptb(&m.pl, 700, m.now), 0u);
}

TEST(Plpmtud, StopDisables)
{
	Model m;
	m.note(fsctp_plpmtud_start(&m.pl, m.now));
	fsctp_plpmtud_stop(&m.pl);
	EXPECT_EQ(m.pl.state, FSCTP_PL_DISABLED);
	EXPECT_EQ(m.pl.deadline, 0u);
	EXPECT_EQ(fsctp_plpmtud_timeout(&m.pl, m.now + 100 * kSec), 0u);
}

} // namespace
