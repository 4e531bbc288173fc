/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz-assoc: stateful fuzzing of a whole association.
 *
 * Input byte 0 picks a start state, reached by a scripted handshake in the
 * simulator between two real stacks (links shaped to stop at the state):
 *   0 LISTEN, 1 COOKIE-WAIT, 2 COOKIE-ECHOED, 3 ESTABLISHED (server),
 *   4 ESTABLISHED (client), 5 ESTABLISHED with data in flight,
 *   6 SHUTDOWN-PENDING, 7 SHUTDOWN-SENT, 8 SHUTDOWN-RECEIVED,
 *   9 SHUTDOWN-ACK-SENT.
 * One of the two hosts is the target. The rest of the input is a stream
 * of operations: inject a packet of one to five chunks into the target
 * (right, fuzzed, zero or swapped verification tag; valid CRC), call the
 * API on the target or on its peer (send, shutdown, abort), or advance the
 * virtual clock (which delivers what the stacks send each other).
 *
 * Checks: no crash, leak or undefined behaviour (ASan/UBSan); no harness
 * invariant broken (fsctp_stack_input never fails, outputs only inside core
 * calls, deadlines advance); association counts stay within max_assocs;
 * every state is a known one.
 */
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "sim_crc32c.h"
#include "sim_scenario.h"
#include "sim_wire.h"
#include "sim_world.h"

using namespace fsctp_sim;

namespace
{

/* Reads the input; past its end it yields zeros. */
struct Input {
	const uint8_t *p;
	size_t n;
	size_t off = 0;
	bool more() const
	{
		return off < n;
	}
	uint8_t u8()
	{
		return off < n ? p[off++] : 0;
	}
	uint16_t u16()
	{
		return (uint16_t)(u8() << 8 | u8());
	}
	uint32_t u32()
	{
		return (uint32_t)u16() << 16 | u16();
	}
};

/* Keeps the association ids and gives received data back. */
class App : public HostApp
{
      public:
	void on_event(Host &h, const struct fsctp_event &ev) override
	{
		if (ev.type == FSCTP_EV_COMM_UP)
			assoc = ev.assoc_id;
		if (ev.type == FSCTP_EV_DATA && ev.msg != nullptr)
			fsctp_msg_free(h.st, ev.msg);
	}
	fsctp_assoc_id_t assoc = 0;
};

/* Chunk types worth generating most of the time. */
const uint8_t kTypes[] = { 0,  1,  2,  3,  4,  5,   6,	 7,   8,   9,	10, 11,
			   12, 13, 14, 15, 64, 128, 130, 132, 192, 193, 194 };

struct Fuzz {
	World w{ 1 };
	WireWatch watch{ w };
	App capp, sapp;
	Host *c = nullptr, *s = nullptr;
	struct fsctp_addr ca, sa; /* with ports */
	Host *target = nullptr, *peer = nullptr;
	App *tapp = nullptr, *papp = nullptr;

	Fuzz()
	{
		struct fsctp_stack_config cfg;
		sim_default_config(&cfg);
		cfg.max_assocs = 4;
		cfg.rto_initial_ms = 100;
		cfg.rto_min_ms = 100;
		cfg.rto_max_ms = 2000;
		cfg.hb_interval_ms = 1000;
		/* No CRC work: every packet here is built with a valid one
		 * or by a stack; fuzz-packet covers the checksum path. */
		cfg.tx_crc_offload = true;
		w.max_steps = 200000;
		watch.check_fast_rtx = false;
		w.observers.push_back(&watch);
		fsctp_addr_set_v4(&ca, 198, 18, 0, 1, 5001);
		fsctp_addr_set_v4(&sa, 198, 18, 1, 1, 5000);
		c = &w.add_host("client", { ca }, cfg);
		s = &w.add_host("server", { sa }, cfg);
		c->app = &capp;
		s->app = &sapp;
		c->rx_crc_trusted = true;
		s->rx_crc_trusted = true;
		Impair imp;
		imp.delay = 1 * kMs;
		w.add_link(ca, sa, imp, imp);
		s->listen(sa.port);
	}

	LinkDir &c2s()
	{
		return *w.link(ca, sa);
	}
	LinkDir &s2c()
	{
		return *w.link(sa, ca);
	}

	void run_for(Time d)
	{
		w.run(w.now() + d);
	}

	void send(Host *h, App *a, uint16_t sid, uint32_t len, bool unordered)
	{
		std::vector<uint8_t> buf(len ? len : 1, 0xa5);
		struct fsctp_sndinfo info;
		memset(&info, 0, sizeof(info));
		info.sid = sid;
		info.ppid = 42;
		info.unordered = unordered;
		h->send(a->assoc, info, buf.data(), (uint32_t)buf.size());
	}

	/* Drive the two stacks to the start state. */
	void setup(uint8_t sel)
	{
		target = s;
		peer = c;
		switch (sel % 10) {
		case 0: /* LISTEN */
			break;
		case 1: /* COOKIE-WAIT: the INIT goes nowhere */
			c2s().impair().down.push_back(Window{ 0, kNever });
			c->connect(ca, sa);
			run_for(1 * kMs);
			target = c;
			break;
		case 2: /* COOKIE-ECHOED: the COOKIE ECHO is dropped */
			c2s().impair().drop_chunk_type = 10;
			c2s().impair().drop_chunk_count = 1000;
			c->connect(ca, sa);
			run_for(5 * kMs);
			target = c;
			break;
		default:
			c->connect(ca, sa);
			run_for(10 * kMs);
			break;
		}
		switch (sel % 10) {
		case 4:
			target = c;
			break;
		case 5: /* data in flight both ways, not yet delivered */
			for (int i = 0; i < 6; i++) {
				send(c, &capp, (uint16_t)i, 100 + 700 * i,
				     i & 1);
				send(s, &sapp, 0, 300, false);
			}
			run_for(500);
			break;
		case 6: /* SHUTDOWN-PENDING: unacked data, then shutdown */
			s2c().impair().down.push_back(
				Window{ w.now(), w.now() + 1 * kSec });
			send(c, &capp, 0, 1000, false);
			run_for(5 * kMs);
			c->shutdown(capp.assoc);
			target = c;
			break;
		case 7: /* SHUTDOWN-SENT: the SHUTDOWN is dropped */
			c2s().impair().drop_chunk_type = 7;
			c2s().impair().drop_chunk_count = 1000;
			c->shutdown(capp.assoc);
			run_for(1 * kMs);
			target = c;
			break;
		case 8: /* SHUTDOWN-RECEIVED: the server has unacked data */
			c2s().impair().sack_only_loss = 1.0;
			send(s, &sapp, 0, 1000, false);
			run_for(5 * kMs);
			c->shutdown(capp.assoc);
			run_for(2 * kMs);
			break;
		case 9: /* SHUTDOWN-ACK-SENT: the SHUTDOWN ACK is dropped */
			s2c().impair().drop_chunk_type = 8;
			s2c().impair().drop_chunk_count = 1000;
			c->shutdown(capp.assoc);
			run_for(3 * kMs);
			break;
		default:
			break;
		}
		tapp = target == c ? &capp : &sapp;
		papp = target == c ? &sapp : &capp;
		peer = target == c ? s : c;
	}

	void inject(Input &in)
	{
		uint8_t hdr = in.u8();
		unsigned n = 1 + hdr % 5;
		struct fsctp_addr tl = target == c ? ca : sa;
		struct fsctp_addr pl = target == c ? sa : ca;
		uint32_t tag;
		switch ((hdr >> 3) & 3) {
		case 0:
			tag = watch.tag_of(tl);
			break;
		case 1:
			tag = in.u32();
			break;
		case 2:
			tag = 0;
			break;
		default:
			tag = watch.tag_of(pl);
			break;
		}
		uint16_t sport = pl.port;
		if (hdr & 0x80)
			sport = in.u16();
		std::vector<std::vector<uint8_t>> chunks;
		for (unsigned k = 0; k < n && in.more(); k++) {
			uint8_t t = in.u8();
			uint8_t type = (t & 0x80) ? in.u8()
						  : kTypes[t % sizeof(kTypes)];
			uint8_t flags = in.u8();
			uint8_t len = in.u8();
			std::vector<uint8_t> v;
			for (unsigned i = 0; i < len && in.more(); i++)
				v.push_back(in.u8());
			std::vector<uint8_t> ch = make_chunk(type, flags, v);
			if (t & 0x40) {
				/* Lie about the length. */
				uint16_t l = in.u16();
				ch[2] = (uint8_t)(l >> 8);
				ch[3] = (uint8_t)l;
			}
			chunks.push_back(std::move(ch));
		}
		std::vector<uint8_t> pkt =
			forge_packet(sport, tl.port, tag, chunks);
		w.inject(w.now(), pl, tl, std::move(pkt));
		w.run(w.now());
	}

	void op(Input &in)
	{
		uint8_t o = in.u8();
		switch (o % 10) {
		case 0:
		case 1:
		case 2:
		case 3:
			inject(in);
			break;
		case 4: {
			uint16_t sid = in.u8() % 20;
			uint32_t len = in.u16() % 5000;
			send(target, tapp, sid, len, o & 0x80);
			break;
		}
		case 5: {
			uint32_t len = in.u16() % 5000;
			send(peer, papp, in.u8() % 20, len, o & 0x80);
			break;
		}
		case 6:
			if (o & 0x80)
				target->shutdown(tapp->assoc);
			else
				peer->shutdown(papp->assoc);
			break;
		case 7:
			if ((o & 0xc0) == 0xc0)
				target->abort(tapp->assoc);
			else if ((o & 0xc0) == 0x80)
				peer->abort(papp->assoc);
			else
				run_for(in.u8() * kMs);
			break;
		default: {
			uint32_t x = in.u8();
			run_for(x * x * 100 + 1);
			break;
		}
		}
	}

	void check()
	{
		if (!w.violations.empty()) {
			for (const auto &v : w.violations)
				fprintf(stderr, "fuzz-assoc: %s\n", v.c_str());
			abort();
		}
		for (Host *h : { c, s }) {
			if (h->assoc_count() > h->cfg.max_assocs) {
				fprintf(stderr,
					"fuzz-assoc: %s holds %u assocs\n",
					h->name.c_str(), h->assoc_count());
				abort();
			}
			for (fsctp_assoc_id_t id : { capp.assoc, sapp.assoc })
				if (h->state(id) >= FSCTP_STATE_MAX)
					abort();
		}
	}
};

} // namespace

/*
 * Speed: libFuzzer's entropic schedule (clang 14) looks every hit of a
 * "rare" feature up in a linear list of them, and a feature stays rare
 * until it was seen 255 times. This target has some 20,000 features (two
 * whole stacks, counted by hit count), so early on that bookkeeping took
 * three quarters of the time. A lower threshold keeps the entropic
 * schedule with a short rare list. Given on the command line, any
 * -entropic* flag wins.
 */
extern "C" int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static std::vector<char *> args;
	static char flag[] = "-entropic_feature_frequency_threshold=8";

	for (int i = 1; i < *argc; i++)
		if (strncmp((*argv)[i], "-entropic", 9) == 0)
			return 0;
	args.assign(*argv, *argv + *argc);
	args.push_back(flag);
	args.push_back(nullptr);
	*argc = (int)args.size() - 1;
	*argv = args.data();
	return 0;
}

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	Input in{ data, size };
	Fuzz f;
	f.setup(in.u8());
	/* From here on the links are clean: the peer takes part normally. */
	f.c2s().impair() = Impair();
	f.s2c().impair() = Impair();
	f.check();
	for (int ops = 0; in.more() && ops < 256; ops++) {
		f.op(in);
		f.check();
	}
	f.run_for(2 * kSec);
	f.check();
	return 0;
}
