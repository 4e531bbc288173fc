/* SPDX-License-Identifier: BSD-3-Clause */
/* M3UA ASP state machine (RFC 4666 4.3): ASP against SGP, timers, ERR. */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <vector>

extern "C" {
#include "asp.h"
}

namespace
{

struct Sent {
	uint16_t sid;
	std::vector<uint8_t> b;
};

struct Side {
	fsctp_asp a;
	std::deque<Sent> out;
	int data = 0;
	uint32_t last_dpc = 0;
};

int
out_fn(void *ctx, uint16_t sid, const uint8_t *msg, uint32_t len)
{
	auto *s = static_cast<Side *>(ctx);
	s->out.push_back({ sid, std::vector<uint8_t>(msg, msg + len) });
	return 0;
}

void
data_fn(void *ctx, uint16_t sid, const fsctp_m3ua_msg *m)
{
	auto *s = static_cast<Side *>(ctx);
	(void)sid;
	s->data++;
	s->last_dpc = m->pd.dpc;
}

fsctp_m3ua_msg
dec(const Sent &s)
{
	fsctp_m3ua_msg m;
	uint32_t err;
	EXPECT_EQ(fsctp_m3ua_decode(s.b.data(), s.b.size(), &m, &err), 0);
	return m;
}

class AspTest : public ::testing::Test
{
      protected:
	Side asp, sgp;

	void SetUp() override
	{
		fsctp_asp_cfg c = {};
		c.rc_present = true;
		c.rc = 100;
		c.tmt = FSCTP_M3UA_TMT_LOADSHARE;
		c.asp_id_present = true;
		c.asp_id = 5;
		c.t_ack_us = 1000;
		c.n_streams = 4;
		fsctp_asp_init(&asp.a, &c, out_fn, data_fn, &asp);
		c.sgp = true;
		fsctp_asp_init(&sgp.a, &c, out_fn, data_fn, &sgp);
	}

	/* Deliver everything queued from one side to the other. */
	void pump(Side &from, Side &to, uint64_t now)
	{
		while (!from.out.empty()) {
			Sent s = from.out.front();
			from.out.pop_front();
			fsctp_asp_input(&to.a, now, s.sid, s.b.data(),
					(uint32_t)s.b.size());
		}
	}

	void up()
	{
		fsctp_asp_start(&asp.a, 0);
		for (int i = 0; i < 4; i++) {
			pump(asp, sgp, 0);
			pump(sgp, asp, 0);
		}
	}

	uint32_t last_err(Side &s)
	{
		EXPECT_FALSE(s.out.empty());
		if (s.out.empty())
			return 0;
		fsctp_m3ua_msg m = dec(s.out.back());
		EXPECT_EQ(m.cls, FSCTP_M3UA_MGMT);
		EXPECT_EQ(m.type, FSCTP_M3UA_ERR);
		return m.err_code;
	}
};

} // namespace

/* RFC 4666 4.3.4.1, 4.3.4.3: ASP Up / Ack, ASP Active / Ack, NTFY. */
TEST_F(AspTest, UpAndActive)
{
	fsctp_asp_start(&asp.a, 0);
	ASSERT_EQ(asp.out.size(), 1u);
	EXPECT_EQ(asp.out[0].sid, 0);
	fsctp_m3ua_msg m = dec(asp.out[0]);
	EXPECT_EQ(m.cls, FSCTP_M3UA_ASPSM);
	EXPECT_EQ(m.type, FSCTP_M3UA_ASPUP);
	EXPECT_EQ(m.asp_id, 5u);
	pump(asp, sgp, 0);
	EXPECT_EQ(sgp.a.state, FSCTP_ASP_INACTIVE);
	ASSERT_EQ(sgp.out.size(), 1u);
	pump(sgp, asp, 0);
	EXPECT_EQ(asp.a.state, FSCTP_ASP_INACTIVE);
	ASSERT_EQ(asp.out.size(), 1u);
	m = dec(asp.out[0]);
	EXPECT_EQ(m.cls, FSCTP_M3UA_ASPTM);
	EXPECT_EQ(m.type, FSCTP_M3UA_ASPAC);
	EXPECT_EQ(m.tmt, (uint32_t)FSCTP_M3UA_TMT_LOADSHARE);
	ASSERT_EQ(m.n_rc, 1u);
	EXPECT_EQ(m.rc[0], 100u);
	pump(asp, sgp, 0);
	EXPECT_EQ(sgp.a.state, FSCTP_ASP_ACTIVE);
	ASSERT_EQ(sgp.out.size(), 2u);
	EXPECT_EQ(dec(sgp.out[0]).type, FSCTP_M3UA_ASPAC_ACK);
	m = dec(sgp.out[1]);
	EXPECT_EQ(m.type, FSCTP_M3UA_NTFY);
	EXPECT_EQ(m.st_info, FSCTP_M3UA_AS_ACTIVE);
	pump(sgp, asp, 0);
	EXPECT_EQ(asp.a.state, FSCTP_ASP_ACTIVE);
	EXPECT_EQ(asp.a.c.rx_ntfy, 1u);
	EXPECT_FALSE(asp.a.waiting);
	EXPECT_EQ(asp.a.c.tx_err + sgp.a.c.tx_err, 0u);
}

/* RFC 4666 4.3.4.1: no ASP Up Ack within T(ack): ASP Up again. */
TEST_F(AspTest, AspUpResentOnTack)
{
	fsctp_asp_start(&asp.a, 0);
	asp.out.clear();
	fsctp_asp_tick(&asp.a, 999);
	EXPECT_TRUE(asp.out.empty());
	fsctp_asp_tick(&asp.a, 1000);
	ASSERT_EQ(asp.out.size(), 1u);
	EXPECT_EQ(dec(asp.out[0]).type, FSCTP_M3UA_ASPUP);
	EXPECT_EQ(asp.a.c.retries, 1u);
	/* ... and ASP Active on its own T(ack). */
	pump(asp, sgp, 1000);
	pump(sgp, asp, 1000);
	asp.out.clear();
	fsctp_asp_tick(&asp.a, 2000);
	ASSERT_EQ(asp.out.size(), 1u);
	EXPECT_EQ(dec(asp.out[0]).type, FSCTP_M3UA_ASPAC);
	EXPECT_EQ(asp.a.c.retries, 2u);
}

/* RFC 4666 4.3.4.3: DATA to an ASP that is not active is unexpected. */
TEST_F(AspTest, DataBeforeActiveIsUnexpected)
{
	fsctp_m3ua_pd pd = {};
	uint8_t b[64];
	pd.dpc = 9;
	int n = fsctp_m3ua_encode_data(b, sizeof(b), false, 0, &pd);
	ASSERT_GT(n, 0);
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 1, b, n), -EPROTO);
	EXPECT_EQ(last_err(sgp), (uint32_t)FSCTP_M3UA_E_UNEXPECTED_MSG);
	EXPECT_EQ(sgp.data, 0);
	up();
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 1, b, n), 0);
	EXPECT_EQ(sgp.data, 1);
	EXPECT_EQ(sgp.last_dpc, 9u);
}

/* ASPSM on a stream other than 0: Invalid Stream Identifier. */
TEST_F(AspTest, AspsmOffStreamZero)
{
	fsctp_m3ua_msg m = {};
	uint8_t b[64];
	m.cls = FSCTP_M3UA_ASPSM;
	m.type = FSCTP_M3UA_ASPUP;
	int n = fsctp_m3ua_encode(&m, b, sizeof(b));
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 2, b, n), -EPROTO);
	EXPECT_EQ(last_err(sgp), (uint32_t)FSCTP_M3UA_E_INVALID_STREAM);
	EXPECT_EQ(sgp.a.state, FSCTP_ASP_DOWN);
}

/* A malformed message gets ERR with the decoder's code and a counter. */
TEST_F(AspTest, MalformedGetsErr)
{
	const uint8_t bad[] = { 1, 0, 9, 1, 0, 0, 0, 8 };
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 0, bad, sizeof(bad)), -EBADMSG);
	EXPECT_EQ(last_err(sgp), (uint32_t)FSCTP_M3UA_E_UNSUP_CLASS);
	EXPECT_EQ(sgp.a.c.rx_malformed, 1u);
	/* The ERR carries the offending bytes as diagnostic. */
	fsctp_m3ua_msg m = dec(sgp.out.back());
	ASSERT_EQ(m.diag_len, sizeof(bad));
	EXPECT_EQ(0, memcmp(m.diag, bad, sizeof(bad)));
	/* An ERR received is counted, never answered (no ERR loops). */
	Sent e = sgp.out.back();
	size_t before = asp.out.size();
	EXPECT_EQ(fsctp_asp_input(&asp.a, 0, 0, e.b.data(), e.b.size()), 0);
	EXPECT_EQ(asp.out.size(), before);
	EXPECT_EQ(asp.a.c.rx_err, 1u);
	/* Zero-length and one-byte input. */
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 0, bad, 0), -EBADMSG);
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 0, bad, 1), -EBADMSG);
	EXPECT_EQ(sgp.a.c.rx_malformed, 3u);
}

/* RFC 4666 4.3.4.3: ASP Active from ASP-DOWN is unexpected. */
TEST_F(AspTest, ActiveWhileDown)
{
	fsctp_m3ua_msg m = {};
	uint8_t b[64];
	m.cls = FSCTP_M3UA_ASPTM;
	m.type = FSCTP_M3UA_ASPAC;
	int n = fsctp_m3ua_encode(&m, b, sizeof(b));
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 0, b, n), -EPROTO);
	EXPECT_EQ(last_err(sgp), (uint32_t)FSCTP_M3UA_E_UNEXPECTED_MSG);
	EXPECT_EQ(sgp.a.state, FSCTP_ASP_DOWN);
	/* An SGP does not expect an ASP Up Ack. */
	m.cls = FSCTP_M3UA_ASPSM;
	m.type = FSCTP_M3UA_ASPUP_ACK;
	n = fsctp_m3ua_encode(&m, b, sizeof(b));
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 0, b, n), -EPROTO);
	/* An ASP does not expect an ASP Up. */
	m.type = FSCTP_M3UA_ASPUP;
	n = fsctp_m3ua_encode(&m, b, sizeof(b));
	EXPECT_EQ(fsctp_asp_input(&asp.a, 0, 0, b, n), -EPROTO);
	EXPECT_EQ(last_err(asp), (uint32_t)FSCTP_M3UA_E_UNEXPECTED_MSG);
}

/* RFC 4666 4.5.3: DAUD is answered with DAVA for the same point codes. */
TEST_F(AspTest, DaudAnsweredWithDava)
{
	fsctp_m3ua_msg m = {};
	uint8_t b[64];
	up();
	m.cls = FSCTP_M3UA_SSNM;
	m.type = FSCTP_M3UA_DAUD;
	m.present = FSCTP_M3UA_HAS_APC;
	m.n_apc = 2;
	m.apc[0] = 11;
	m.apc[1] = 12;
	int n = fsctp_m3ua_encode(&m, b, sizeof(b));
	sgp.out.clear();
	EXPECT_EQ(fsctp_asp_input(&sgp.a, 0, 1, b, n), 0);
	ASSERT_EQ(sgp.out.size(), 1u);
	fsctp_m3ua_msg r = dec(sgp.out[0]);
	EXPECT_EQ(r.type, FSCTP_M3UA_DAVA);
	ASSERT_EQ(r.n_apc, 2u);
	EXPECT_EQ(r.apc[1], 12u);
	pump(sgp, asp, 0);
	EXPECT_EQ(asp.a.c.rx_ssnm, 1u);
}

/* RFC 4666 3.5.5, 3.5.6: BEAT every interval, BEAT Ack echoes data. */
TEST_F(AspTest, Beat)
{
	asp.a.cfg.beat_us = 500;
	up();
	asp.out.clear();
	fsctp_asp_tick(&asp.a, 499);
	EXPECT_TRUE(asp.out.empty());
	fsctp_asp_tick(&asp.a, 500);
	ASSERT_EQ(asp.out.size(), 1u);
	fsctp_m3ua_msg m = dec(asp.out[0]);
	EXPECT_EQ(m.type, FSCTP_M3UA_BEAT);
	ASSERT_EQ(m.hb_len, 4);
	pump(asp, sgp, 500);
	ASSERT_EQ(sgp.out.size(), 1u);
	fsctp_m3ua_msg r = dec(sgp.out[0]);
	EXPECT_EQ(r.type, FSCTP_M3UA_BEAT_ACK);
	ASSERT_EQ(r.hb_len, 4);
	pump(sgp, asp, 500);
	EXPECT_EQ(asp.a.c.beat_acks, 1u);
	EXPECT_EQ(asp.a.c.beats, 1u);
}

/* RFC 4666 4.3.4.2: ASP Down / Ack takes both sides to ASP-DOWN. */
TEST_F(AspTest, Down)
{
	up();
	fsctp_asp_stop(&asp.a, 0);
	pump(asp, sgp, 0);
	EXPECT_EQ(sgp.a.state, FSCTP_ASP_DOWN);
	pump(sgp, asp, 0);
	EXPECT_EQ(asp.a.state, FSCTP_ASP_DOWN);
	EXPECT_STREQ(fsctp_asp_state_name(asp.a.state), "ASP-DOWN");
}
