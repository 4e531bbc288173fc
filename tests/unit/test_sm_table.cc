/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The state table, cell by cell: each chunk type fed in each of the eight
 * states (CLOSED = no association: the 8.4 rules), checking the reply
 * (chunk types of the one reply packet) and the state after. The expected
 * reactions below are the documented behaviour (docs/CONFORMANCE.md).
 */
#include "pair.h"

#include <tuple>

using namespace fsctp_test;

namespace
{

enum { CL, CW, CE, ES, SP, SS, SR, SA, GONE };
const int state_of[] = { FSCTP_CLOSED,
			 FSCTP_COOKIE_WAIT,
			 FSCTP_COOKIE_ECHOED,
			 FSCTP_ESTABLISHED,
			 FSCTP_SHUTDOWN_PENDING,
			 FSCTP_SHUTDOWN_SENT,
			 FSCTP_SHUTDOWN_RECEIVED,
			 FSCTP_SHUTDOWN_ACK_SENT };

struct Expect {
	const char *reply;
	int after; /* state index, GONE for association removed */
};

/* Row: chunk type 0..14, then 15 = unknown type 0xBF (skip silently),
 * 16 = ERROR carrying a Stale Cookie cause.
 * Columns: CL CW CE ES SP SS SR SA. In CL the "after" is ignored. */
const Expect table[17][8] = {
	/* DATA */
	{ { "6", CL },
	  { "", CW },
	  { "3", CE },
	  { "3", ES },
	  { "3", SP },
	  { "7,3", SS },
	  { "", SR },
	  { "", SA } },
	/* INIT */
	{ { "2", CL },
	  { "2", CW },
	  { "2", CE },
	  { "2", ES },
	  { "2", SP },
	  { "2", SS },
	  { "2", SR },
	  { "8", SA } },
	/* INIT ACK */
	{ { "6", CL },
	  { "10", CE },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* SACK */
	{ { "6", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* HEARTBEAT */
	{ { "6", CL },
	  { "", CW },
	  { "5", CE },
	  { "5", ES },
	  { "5", SP },
	  { "5", SS },
	  { "5", SR },
	  { "5", SA } },
	/* HEARTBEAT ACK (not ours) */
	{ { "6", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* ABORT */
	{ { "", CL },
	  { "", GONE },
	  { "", GONE },
	  { "", GONE },
	  { "", GONE },
	  { "", GONE },
	  { "", GONE },
	  { "", GONE } },
	/* SHUTDOWN */
	{ { "6", CL },
	  { "", CW },
	  { "", CE },
	  { "8", SA },
	  { "8", SA },
	  { "8", SA },
	  { "8", SA },
	  { "8", SA } },
	/* SHUTDOWN ACK */
	{ { "14", CL },
	  { "14", CW },
	  { "14", CE },
	  { "", ES },
	  { "", SP },
	  { "14", GONE },
	  { "", SR },
	  { "14", GONE } },
	/* ERROR (Invalid Stream) */
	{ { "6", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* COOKIE ECHO (forged) */
	{ { "", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* COOKIE ACK */
	{ { "", CL },
	  { "", CW },
	  { "", ES },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* ECNE */
	{ { "6", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* CWR */
	{ { "6", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* SHUTDOWN COMPLETE */
	{ { "", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", GONE } },
	/* unknown 0xBF */
	{ { "6", CL },
	  { "", CW },
	  { "", CE },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
	/* ERROR with a Stale Cookie cause (5.2.6; 8.4 rule 7) */
	{ { "", CL },
	  { "", CW },
	  { "1", CW },
	  { "", ES },
	  { "", SP },
	  { "", SS },
	  { "", SR },
	  { "", SA } },
};

class Table : public ::testing::TestWithParam<std::tuple<int, int>>
{
      protected:
	Pair p;
	fsctp_assoc *a = nullptr;

	/* Bring A's association into state s (white-box for the two states
	 * the default data hooks pass through at once). */
	void enter(int s)
	{
		if (s == CL) {
			/* A listens, so an INIT is answered (8.4 rule 3). */
			ASSERT_EQ(fsctp_listen(p.A.st, 5000), 0);
			return;
		}
		fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
		a = p.A.only();
		if (s == CW) {
			p.A.out.clear();
			return;
		}
		p.deliver(p.A, p.B, true);
		p.deliver(p.B, p.A, false);
		if (s == CE) {
			p.A.out.clear();
			return;
		}
		p.pump();
		ASSERT_EQ(a->state, FSCTP_ESTABLISHED);
		if (s == SP || s == SR)
			fsctp_assoc_set_state(a, (fsctp_state)state_of[s]);
		if (s == SS)
			fsctp_shutdown(p.A.st, a->id, p.now);
		if (s == SA) {
			PktBuilder k(6000, 5000, a->my_vtag);
			fsctp_encode_shutdown(&k.w, a->my_itsn - 1);
			p.inject(p.A, p.B.addr, k.bytes());
		}
		p.A.out.clear();
		ASSERT_EQ(a->state, state_of[s]);
	}

	std::vector<uint8_t> stimulus(int row, uint32_t vtag)
	{
		uint8_t type = row == 15   ? 0xBF
			       : row == 16 ? (uint8_t)FSCTP_CHUNK_ERROR
					   : (uint8_t)row;
		PktBuilder k(6000, 5000, type == FSCTP_CHUNK_INIT ? 0 : vtag);
		fsctp_init_info ii = init_info(0x0BADCAFE);
		uint8_t ck[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
		std::vector<uint8_t> junk(FSCTP_COOKIE_LEN, 0x5A);
		fsctp_data_info d{};
		const uint8_t m[] = "z";
		uint32_t my_itsn = a ? a->my_itsn : 1;
		switch (type) {
		case FSCTP_CHUNK_DATA:
			d.tsn = a ? a->peer_itsn : 1;
			/* The I bit asks for the SACK at once (RFC 7053). */
			d.flags = FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E |
				  FSCTP_DATA_FLAG_I;
			d.payload = m;
			d.len = 1;
			fsctp_encode_data(&k.w, &d);
			break;
		case FSCTP_CHUNK_INIT:
			fsctp_encode_init(&k.w, false, &ii);
			break;
		case FSCTP_CHUNK_INIT_ACK:
			ii.cookie = ck;
			ii.cookie_len = sizeof(ck);
			fsctp_encode_init(&k.w, true, &ii);
			break;
		case FSCTP_CHUNK_SACK:
			fsctp_encode_sack(&k.w, my_itsn - 1, 65536, nullptr, 0,
					  nullptr, 0);
			break;
		case FSCTP_CHUNK_HEARTBEAT:
			fsctp_encode_heartbeat(&k.w, ck, sizeof(ck));
			break;
		case FSCTP_CHUNK_HEARTBEAT_ACK: {
			uint8_t info[20] = { 0 };
			fsctp_encode_heartbeat_ack(&k.w, info, sizeof(info));
			break;
		}
		case FSCTP_CHUNK_ABORT:
			fsctp_encode_abort(&k.w, false, nullptr, 0);
			break;
		case FSCTP_CHUNK_SHUTDOWN:
			fsctp_encode_shutdown(&k.w, my_itsn - 1);
			break;
		case FSCTP_CHUNK_SHUTDOWN_ACK:
			fsctp_encode_shutdown_ack(&k.w);
			break;
		case FSCTP_CHUNK_ERROR:
			if (row == 16)
				k.chunk(type, 0, { 0, 3, 0, 8, 0, 0, 1, 0 });
			else
				k.chunk(type, 0, { 0, 1, 0, 8, 0, 9, 0, 0 });
			break;
		case FSCTP_CHUNK_COOKIE_ECHO:
			fsctp_encode_cookie_echo(&k.w, junk.data(),
						 junk.size());
			break;
		case FSCTP_CHUNK_COOKIE_ACK:
			fsctp_encode_cookie_ack(&k.w);
			break;
		case FSCTP_CHUNK_ECNE:
		case FSCTP_CHUNK_CWR:
			k.chunk(type, 0, { 0, 0, 0, 1 });
			break;
		case FSCTP_CHUNK_SHUTDOWN_COMPLETE:
			fsctp_encode_shutdown_complete(&k.w, false);
			break;
		default:
			k.chunk(type, 0, { 1, 2, 3, 4 });
		}
		return k.bytes();
	}
};

TEST_P(Table, Cell)
{
	int s = std::get<0>(GetParam());
	int row = std::get<1>(GetParam());
	const Expect &e = table[row][s];
	uint8_t type = row == 15   ? 0xBF
		       : row == 16 ? (uint8_t)FSCTP_CHUNK_ERROR
				   : (uint8_t)row;

	enter(s);
	if (HasFatalFailure())
		return;
	std::string name =
		fsctp_sm_handler_name(type, (fsctp_state)state_of[s]);
	SCOPED_TRACE("chunk " + std::to_string(type) + " in " +
		     fsctp_state_name((fsctp_state)state_of[s]) + " -> " +
		     name);
	fsctp_assoc_id_t id = a ? a->id : 0;
	uint32_t vtag = a ? a->my_vtag : 0xABCD;
	p.inject(p.A, p.B.addr, stimulus(row, vtag));
	/* At most one reply packet, of the documented chunk types. */
	EXPECT_LE(p.A.out.size(), 1u);
	Parsed x = p.A.pop();
	EXPECT_EQ(x.types(), e.reply);
	if (!x.chunks.empty()) {
		uint8_t t0 = x.chunks[0].type;
		if (t0 == FSCTP_CHUNK_INIT_ACK)
			EXPECT_EQ(x.vtag, 0x0BADCAFEu);
		else if (t0 == FSCTP_CHUNK_INIT)
			EXPECT_EQ(x.vtag, 0u);
		else if (t0 == FSCTP_CHUNK_SHUTDOWN_COMPLETE &&
			 (s == CL || s == CW || s == CE)) {
			/* 8.4 rule 5: T bit, the packet's own tag. */
			EXPECT_EQ(x.chunks[0].flags, FSCTP_CHUNK_FLAG_T);
			EXPECT_EQ(x.vtag, vtag);
		} else if (t0 == FSCTP_CHUNK_ABORT && s == CL) {
			/* 8.4 rule 8. */
			EXPECT_EQ(x.chunks[0].flags, FSCTP_CHUNK_FLAG_T);
			EXPECT_EQ(x.vtag, vtag);
		} else if (s != CL) {
			EXPECT_EQ(x.vtag,
				  p.B.only() ? p.B.only()->my_vtag : x.vtag);
			EXPECT_EQ(x.chunks[0].flags & FSCTP_CHUNK_FLAG_T, 0);
		}
	}
	if (s == CL) {
		EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
		return;
	}
	if (e.after == GONE) {
		EXPECT_EQ(fsctp_assoc_state(p.A.st, id), FSCTP_CLOSED);
		EXPECT_EQ(fsctp_stack_assoc_count(p.A.st), 0u);
	} else {
		EXPECT_EQ(fsctp_assoc_state(p.A.st, id), state_of[e.after]);
	}
}

std::string
cell_name(const ::testing::TestParamInfo<Table::ParamType> &i)
{
	static const char *sn[] = { "Closed",	    "CookieWait",
				    "CookieEchoed", "Established",
				    "ShutPending",  "ShutSent",
				    "ShutRecvd",    "ShutAckSent" };
	int row = std::get<1>(i.param);
	if (row == 16)
		return std::string(sn[std::get<0>(i.param)]) + "_StaleCookie";
	return std::string(sn[std::get<0>(i.param)]) + "_Chunk" +
	       std::to_string(row == 15 ? 0xBF : row);
}

INSTANTIATE_TEST_SUITE_P(AllCells, Table,
			 ::testing::Combine(::testing::Range(0, 8),
					    ::testing::Range(0, 17)),
			 cell_name);

/* Every cell names an RFC-section handler (or the OOTB/unknown rule). */
TEST(TableNames, EveryCellHasANamedHandler)
{
	for (int t = 0; t < 256; t++)
		for (int s = 0; s < FSCTP_STATE_MAX; s++) {
			const char *n = fsctp_sm_handler_name((uint8_t)t,
							      (fsctp_state)s);
			ASSERT_NE(n, nullptr);
			EXPECT_EQ(std::string(n).rfind("sm_", 0), 0u) << n;
		}
	EXPECT_STREQ(fsctp_sm_handler_name(FSCTP_CHUNK_COOKIE_ECHO,
					   FSCTP_ESTABLISHED),
		     "sm_5_2_4_dup_cookie_echo");
	EXPECT_STREQ(fsctp_sm_handler_name(FSCTP_CHUNK_INIT, FSCTP_COOKIE_WAIT),
		     "sm_5_2_1_init_in_cookie_wait");
	EXPECT_STREQ(fsctp_sm_handler_name(0x80, FSCTP_ESTABLISHED),
		     "sm_3_2_unknown_chunk");
}

} // namespace
