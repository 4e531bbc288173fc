/* SPDX-License-Identifier: BSD-3-Clause */
/* Bad input gives a clear discard, never a crash or an out-of-bounds read:
 * mutated copies of real packets fed to stacks in every state (run under
 * ASan/UBSan in the sanitizer build). */
#include "pair.h"

using namespace fsctp_test;

namespace
{

TEST(Robust, MutatedPacketsInEveryStateNeverCrash)
{
	uint64_t x = 0x1234567;
	auto rnd = [&]() {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		return x;
	};
	/* Collect a corpus of real packets: handshake, heartbeats, a
	 * shutdown, an abort. */
	fsctp_stack_config c = test_config();
	c.hb_interval_ms = 1000;
	std::vector<Pkt> corpus;
	{
		Pair p(c, c);
		fsctp_assoc_id_t id = p.connect();
		p.advance(5000000);
		fsctp_shutdown(p.A.st, id, p.now);
		p.pump();
		p.connect();
		fsctp_abort(p.A.st, p.A.only()->id, "x", 1, p.now);
		p.pump();
		corpus = p.A.sent_log;
		corpus.insert(corpus.end(), p.B.sent_log.begin(),
			      p.B.sent_log.end());
	}
	ASSERT_GT(corpus.size(), 10u);
	for (int round = 0; round < 40; round++) {
		Pair p(c, c);
		p.A.log = p.B.log = false;
		fsctp_listen(p.A.st, 5000);
		fsctp_connect(p.A.st, &p.A.addr, &p.B.addr, p.now);
		/* Stop the handshake at a round-dependent point. */
		for (int i = 0; i < round % 5; i++) {
			p.deliver(p.A, p.B, true);
			p.deliver(p.B, p.A, false);
		}
		for (int i = 0; i < 500; i++) {
			Pkt k = corpus[rnd() % corpus.size()];
			std::vector<uint8_t> &b = k.b;
			int n = 1 + (int)(rnd() % 4);
			for (int m = 0; m < n && !b.empty(); m++) {
				switch (rnd() % 4) {
				case 0:
					b[rnd() % b.size()] ^=
						(uint8_t)(1u << (rnd() % 8));
					break;
				case 1:
					b.resize(rnd() % (b.size() + 1));
					break;
				case 2:
					b[rnd() % b.size()] = (uint8_t)rnd();
					break;
				default:
					/* Aim at chunk headers/lengths. */
					if (b.size() > 16)
						b[12 + rnd() % 4] =
							(uint8_t)rnd();
				}
			}
			Host &to = (rnd() & 1) ? p.A : p.B;
			fsctp_addr src = &to == &p.A ? p.B.addr : p.A.addr;
			fsctp_stack_input(to.st, &src, &to.addr, b.data(),
					  b.size(), true, p.now);
			if (rnd() % 8 == 0)
				p.pump();
			else {
				p.A.out.clear();
				p.B.out.clear();
			}
			if (rnd() % 16 == 0)
				p.advance(rnd() % 3000000);
			ASSERT_LE(fsctp_stack_assoc_count(p.A.st), 2u);
			ASSERT_LE(fsctp_stack_assoc_count(p.B.st), 2u);
		}
	}
}

} // namespace
