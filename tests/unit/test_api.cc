/* SPDX-License-Identifier: BSD-3-Clause */
/* The public API (include/fsctp.h) on two sockets joined by the in-process
 * ring pair of drivers-config/ring-pair.ini: argument checks, errors of
 * every call, send/receive with rcvinfo, options, statistics, notification
 * subscription, back-pressure and WORKER mode. */
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <cerrno>
#include <cstring>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

extern "C" {
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include "fsctp.h"
#include "fsctp_net.h"
}

namespace
{

struct fsctp_rt *g_rt;

struct Msg {
	struct fsctp_rcvinfo ri;
	std::string data;
};

struct Side {
	struct fsctp_sock *s = nullptr;
	std::vector<enum fsctp_event_type> events;
	std::vector<Msg> msgs;
	fsctp_assoc_id_t up = 0;
	bool echo = false;	  /* worker side: echo what arrives */
	bool echo_inline = false; /* inline: echo from on_data */
	std::atomic<uint64_t> n_data{ 0 }, n_up{ 0 }, n_lost{ 0 };
	std::mutex mu; /* msgs and events, when lcores run on threads */
	std::vector<struct fsctp_msg *> kept; /* on_msg */

	bool saw(enum fsctp_event_type t) const
	{
		for (auto e : events)
			if (e == t)
				return true;
		return false;
	}
};

void
on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	const uint8_t *data, uint32_t len)
{
	Side *sd = static_cast<Side *>(ctx);
	{
		std::lock_guard<std::mutex> g(sd->mu);
		sd->msgs.push_back(
			{ *ri, std::string((const char *)data, len) });
	}
	sd->n_data++;
	if (sd->echo_inline) {
		struct fsctp_sndinfo si = {};
		si.sid = ri->sid;
		si.ppid = ri->ppid;
		EXPECT_EQ(fsctp_sendmsg(s, ri->assoc_id, data, len, &si), 0);
	}
	if (sd->echo) {
		struct fsctp_sndinfo si = {};
		si.sid = ri->sid;
		si.ppid = ri->ppid;
		fsctp_worker_send(s, ri->assoc_id, data, len, &si);
	}
}

void
on_event(struct fsctp_sock *, void *ctx, const struct fsctp_event *ev)
{
	Side *sd = static_cast<Side *>(ctx);
	std::lock_guard<std::mutex> g(sd->mu);
	sd->events.push_back(ev->type);
	if (ev->type == FSCTP_EV_COMM_UP) {
		sd->up = ev->assoc_id;
		sd->n_up++;
	}
	if (ev->type == FSCTP_EV_COMM_LOST)
		sd->n_lost++;
}

void
on_msg(struct fsctp_sock *, void *ctx, struct fsctp_msg *m)
{
	Side *sd = static_cast<Side *>(ctx);
	sd->kept.push_back(m);
}

class Api : public ::testing::Test
{
      protected:
	Side a, b; /* a: client on port 0, b: server on port 1 */

	struct fsctp_sock *make(Side &sd, uint32_t mask, bool worker = false,
				uint32_t worker_ring = 0, bool keep = false)
	{
		struct fsctp_sock_config c = {};
		c.port_mask = mask;
		c.worker_ring = worker_ring;
		c.ops.on_data = on_data;
		c.ops.on_event = on_event;
		if (keep) /* the application keeps the messages */
			c.ops.on_msg = on_msg;
		c.ctx = &sd;
		c.worker = worker;
		sd.s = fsctp_sock_create(g_rt, &c);
		return sd.s;
	}
	void TearDown() override
	{
		fsctp_sock_free(a.s);
		fsctp_sock_free(b.s);
	}
	template <typename F> bool pump_until(F done, int ms = 3000)
	{
		uint64_t end = fsctp_rt_now_us() + (uint64_t)ms * 1000;
		while (!done()) {
			if (fsctp_rt_now_us() > end)
				return false;
			fsctp_rt_poll(g_rt);
		}
		return true;
	}
	fsctp_assoc_id_t connect_pair()
	{
		struct fsctp_addr dst;
		EXPECT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
		dst.port = 2905;
		EXPECT_EQ(fsctp_sock_listen(b.s, 2905), 0);
		int64_t id = fsctp_sock_connect(a.s, &dst, 0);
		EXPECT_GT(id, 0);
		EXPECT_TRUE(pump_until([&] { return a.up != 0 && b.up != 0; }));
		EXPECT_EQ((int64_t)a.up, id);
		return a.up;
	}
};

TEST_F(Api, NullArgumentsAreRefused)
{
	struct fsctp_sock_config c = {};
	struct fsctp_sndinfo si = {};
	struct fsctp_sock_stats st;
	struct fsctp_addr dst = {};
	size_t len = 4;
	uint32_t v;

	rte_errno = 0;
	EXPECT_EQ(fsctp_sock_create(nullptr, &c), nullptr);
	EXPECT_EQ(rte_errno, EINVAL);
	EXPECT_EQ(fsctp_sock_create(g_rt, nullptr), nullptr);
	EXPECT_EQ(fsctp_rt_open(nullptr), nullptr);
	EXPECT_EQ(rte_errno, EEXIST); /* one runtime per process */
	EXPECT_EQ(fsctp_sock_listen(nullptr, 1), -EINVAL);
	EXPECT_EQ(fsctp_sock_connect(nullptr, &dst, 0), -EINVAL);
	EXPECT_EQ(fsctp_sendmsg(nullptr, 1, "x", 1, &si), -EINVAL);
	EXPECT_EQ(fsctp_sendmsg_mbuf(nullptr, 1, nullptr, &si), -EINVAL);
	EXPECT_EQ(fsctp_sock_shutdown(nullptr, 1), -EINVAL);
	EXPECT_EQ(fsctp_sock_abort(nullptr, 1, nullptr, 0), -EINVAL);
	EXPECT_EQ(fsctp_sock_stats(nullptr, &st), -EINVAL);
	EXPECT_EQ(fsctp_assoc_stats(nullptr, 1, nullptr), -EINVAL);
	EXPECT_EQ(fsctp_getopt(nullptr, 0, FSCTP_OPT_EVENT, &v, &len), -EINVAL);
	EXPECT_EQ(fsctp_setopt(nullptr, 0, FSCTP_OPT_EVENT, &v, 4), -EINVAL);
	EXPECT_EQ(fsctp_worker_poll(nullptr, 1), -EINVAL);
	EXPECT_EQ(fsctp_worker_send(nullptr, 1, "x", 1, &si), -EINVAL);
	EXPECT_EQ(fsctp_rt_poll(nullptr), -EINVAL);
	EXPECT_EQ(fsctp_sock_assoc_state(nullptr, 1), FSCTP_CLOSED);

	ASSERT_NE(make(a, 1), nullptr);
	EXPECT_EQ(fsctp_sendmsg(a.s, 1, nullptr, 1, &si), -EINVAL);
	EXPECT_EQ(fsctp_sock_listen(a.s, 0), -EINVAL);
	EXPECT_EQ(fsctp_sock_connect(a.s, nullptr, 0), -EINVAL);
	EXPECT_EQ(fsctp_sock_connect(a.s, &dst, 0), -EINVAL); /* port 0 */
	EXPECT_EQ(fsctp_sock_stats(a.s, nullptr), -EINVAL);
	EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_EVENT, nullptr, &len),
		  -EINVAL);
	EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_EVENT, &v, nullptr), -EINVAL);
	/* Worker calls on an inline socket. */
	EXPECT_EQ(fsctp_worker_poll(a.s, 1), -EINVAL);
	EXPECT_EQ(fsctp_worker_send(a.s, 1, "x", 1, &si), -EINVAL);
	EXPECT_EQ(fsctp_worker_shutdown(a.s, 1), -EINVAL);
}

TEST_F(Api, PortMasksAreChecked)
{
	struct fsctp_sock_config c = {};

	c.port_mask = 1u << 7; /* the profile has two ports */
	rte_errno = 0;
	EXPECT_EQ(fsctp_sock_create(g_rt, &c), nullptr);
	EXPECT_EQ(rte_errno, EINVAL);
	ASSERT_NE(make(a, 1), nullptr);
	c.port_mask = 1; /* taken by a */
	EXPECT_EQ(fsctp_sock_create(g_rt, &c), nullptr);
	EXPECT_EQ(rte_errno, EINVAL);
	c.port_mask = 0; /* every free port: port 1 */
	b.s = fsctp_sock_create(g_rt, &c);
	ASSERT_NE(b.s, nullptr);
	EXPECT_EQ(fsctp_sock_create(g_rt, &c), nullptr); /* none free */
}

TEST_F(Api, UnknownAssociationIsNotConnected)
{
	struct fsctp_sndinfo si = {};
	struct fsctp_assoc_counters ac;
	struct fsctp_status ss;
	size_t len = sizeof(ss);

	ASSERT_NE(make(a, 1), nullptr);
	EXPECT_EQ(fsctp_sendmsg(a.s, 999, "x", 1, &si), -ENOTCONN);
	EXPECT_EQ(fsctp_sendmsg(a.s, 0, "x", 1, &si), -ENOTCONN);
	EXPECT_EQ(fsctp_sock_shutdown(a.s, 999), -ENOTCONN);
	EXPECT_EQ(fsctp_sock_abort(a.s, 999, "r", 1), -ENOTCONN);
	EXPECT_EQ(fsctp_assoc_stats(a.s, 999, &ac), -ENOTCONN);
	EXPECT_EQ(fsctp_getopt(a.s, 999, FSCTP_OPT_STATUS, &ss, &len),
		  -ENOTCONN);
	/* STATUS names an association. */
	EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_STATUS, &ss, &len), -EINVAL);
	EXPECT_EQ(fsctp_sock_assoc_state(a.s, 999), FSCTP_CLOSED);
}

TEST_F(Api, SendReceiveWithRcvinfoAndErrors)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	ASSERT_NE(id, 0u);
	EXPECT_EQ(fsctp_sock_assoc_state(a.s, id), FSCTP_ESTABLISHED);

	struct fsctp_sndinfo si = {};
	si.sid = 3;
	si.ppid = FSCTP_PPID_M3UA;
	si.unordered = true;
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "hello", 5, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 1; }));
	EXPECT_EQ(b.msgs[0].data, "hello");
	EXPECT_EQ(b.msgs[0].ri.sid, 3);
	EXPECT_EQ(b.msgs[0].ri.ppid, (uint32_t)FSCTP_PPID_M3UA);
	EXPECT_TRUE(b.msgs[0].ri.unordered);
	EXPECT_EQ(b.msgs[0].ri.assoc_id, b.up);

	/* Zero length, bad stream, too big. */
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "x", 0, &si), -EINVAL);
	si.sid = 1000; /* 16 streams negotiated */
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "x", 1, &si), -EINVAL);
	si.sid = 0;
	struct fsctp_stack_config def;
	fsctp_stack_config_defaults(&def);
	std::vector<uint8_t> big(def.max_msg_size + 1, 0x5a);
	EXPECT_EQ(fsctp_sendmsg(a.s, id, big.data(), (uint32_t)big.size(), &si),
		  -EMSGSIZE);

	/* A message larger than the path MTU, through the default sndinfo. */
	struct fsctp_sndinfo d = {};
	d.sid = 2;
	d.ppid = 46;
	EXPECT_EQ(
		fsctp_setopt(a.s, 0, FSCTP_OPT_DEFAULT_SNDINFO, &d, sizeof(d)),
		0);
	std::string m(20000, 'q');
	m[19999] = 'z';
	EXPECT_EQ(fsctp_sendmsg(a.s, id, m.data(), (uint32_t)m.size(), nullptr),
		  0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 2; }));
	EXPECT_EQ(b.msgs[1].data, m);
	EXPECT_EQ(b.msgs[1].ri.sid, 2);
	EXPECT_EQ(b.msgs[1].ri.ppid, 46u);

	struct fsctp_sock_stats sa, sb;
	ASSERT_EQ(fsctp_sock_stats(a.s, &sa), 0);
	ASSERT_EQ(fsctp_sock_stats(b.s, &sb), 0);
	EXPECT_EQ(sa.msgs_sent, 2u);
	EXPECT_EQ(sa.bytes_sent, 20005u);
	EXPECT_EQ(sb.msgs_received, 2u);
	EXPECT_EQ(sb.bytes_received, 20005u);
	EXPECT_EQ(sa.stack.sctpActiveEstabs, 1u);
	EXPECT_EQ(sb.stack.sctpPassiveEstabs, 1u);
	struct fsctp_assoc_counters ac;
	ASSERT_EQ(fsctp_assoc_stats(b.s, b.up, &ac), 0);
	EXPECT_EQ(ac.msgs_in, 2u);

	/* Graceful close, then the association is gone. */
	EXPECT_EQ(fsctp_sock_shutdown(a.s, id), 0);
	ASSERT_TRUE(pump_until([&] {
		return a.saw(FSCTP_EV_SHUTDOWN_COMP) &&
		       b.saw(FSCTP_EV_SHUTDOWN_COMP);
	}));
	EXPECT_TRUE(b.saw(FSCTP_EV_SHUTDOWN_EVENT));
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "x", 1, &si), -ENOTCONN);
	EXPECT_EQ(fsctp_sock_assoc_state(a.s, id), FSCTP_CLOSED);
}

TEST_F(Api, AbortIsReportedAsCommLost)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	EXPECT_EQ(fsctp_sock_abort(a.s, id, nullptr, 1), -EINVAL);
	EXPECT_EQ(fsctp_sock_abort(a.s, id, "bye", 3), 0);
	ASSERT_TRUE(pump_until([&] { return b.saw(FSCTP_EV_COMM_LOST); }));
	EXPECT_TRUE(a.saw(FSCTP_EV_COMM_LOST));
}

TEST_F(Api, OptionsMapOntoTheCore)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	struct fsctp_rtoinfo r;
	size_t len = sizeof(r);
	ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_RTOINFO, &r, &len), 0);
	EXPECT_EQ(len, sizeof(r));
	EXPECT_EQ(r.initial, 1000u); /* RFC 9260 section 16 */
	EXPECT_EQ(r.min, 1000u);
	EXPECT_EQ(r.max, 60000u);
	struct fsctp_rtoinfo set = { 300, 5000, 100 };
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_RTOINFO, &set, sizeof(set)),
		  0);
	ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_RTOINFO, &r, &len), 0);
	EXPECT_EQ(r.initial, 300u);
	EXPECT_EQ(r.max, 5000u);
	EXPECT_EQ(r.min, 100u);
	struct fsctp_rtoinfo bad = { 300, 100, 200 }; /* min > max */
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_RTOINFO, &bad, sizeof(bad)),
		  -EINVAL);
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_RTOINFO, &set, 3), -EINVAL);
	len = 3;
	EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_RTOINFO, &r, &len), -EINVAL);

	struct fsctp_initmsg im = {};
	im.num_ostreams = 5;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_INITMSG, &im, sizeof(im)), 0);
	int one = 1;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_NODELAY, &one, sizeof(one)),
		  0);
	int nd = 0;
	len = sizeof(nd);
	EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_NODELAY, &nd, &len), 0);
	EXPECT_EQ(nd, 1);

	fsctp_assoc_id_t id = connect_pair();
	struct fsctp_status ss;
	len = sizeof(ss);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_STATUS, &ss, &len), 0);
	EXPECT_EQ(ss.state, FSCTP_ESTABLISHED);
	EXPECT_EQ(ss.outstrms, 5); /* the INITMSG above */
	EXPECT_GT(ss.fragmentation_point, 1000u);
	EXPECT_GT(ss.primary_cwnd, 0u);
	EXPECT_EQ(ss.primary.port, 2905);
	/* The new RTO bounds hold for the new association. */
	EXPECT_LE(ss.primary_rto_us, 5000000u);
	EXPECT_GE(ss.primary_rto_us, 100000u);
	/* Stream 5 is beyond the 5 negotiated. */
	struct fsctp_sndinfo si = {};
	si.sid = 5;
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "x", 1, &si), -EINVAL);
	uint32_t seg = 0;
	len = sizeof(seg);
	EXPECT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_MAXSEG, &seg, &len), 0);
	EXPECT_EQ(seg, ss.fragmentation_point);
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_MAXSEG, &seg, sizeof(seg)),
		  -ENOTSUP);
	struct fsctp_assocparams ap;
	len = sizeof(ap);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_ASSOCINFO, &ap, &len), 0);
	EXPECT_EQ(ap.number_peer_destinations, 1);
	EXPECT_GT(ap.peer_rwnd, 0u);
	EXPECT_EQ(ap.asoc_maxrxt, 10);
	/* Endpoint-only options refuse an association id. */
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_NODELAY, &one, sizeof(one)),
		  -EINVAL);
	/* RFC 6458 8.1.1, 8.1.2: per-association RTO and Association.Max.
	 * Retrans on the live association; the endpoint keeps its own. */
	struct fsctp_rtoinfo ar = { 0, 250, 100 };
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_RTOINFO, &ar, sizeof(ar)),
		  -EINVAL)
		<< "RTO.Initial 300 > the new RTO.Max";
	ar.initial = 200;
	ar.max = 400;
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_RTOINFO, &ar, sizeof(ar)), 0);
	len = sizeof(r);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_RTOINFO, &r, &len), 0);
	EXPECT_EQ(r.initial, 200u);
	EXPECT_EQ(r.max, 400u);
	ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_RTOINFO, &r, &len), 0);
	EXPECT_EQ(r.max, 5000u);
	struct fsctp_assocparams aps = {};
	aps.asoc_maxrxt = 3;
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_ASSOCINFO, &aps, sizeof(aps)),
		  0);
	len = sizeof(ap);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_ASSOCINFO, &ap, &len), 0);
	EXPECT_EQ(ap.asoc_maxrxt, 3);
	/* RFC 7829 PF threshold, per association. */
	uint32_t pf = 0;
	EXPECT_EQ(
		fsctp_setopt(a.s, id, FSCTP_OPT_PF_THRESHOLD, &pf, sizeof(pf)),
		0);
	pf = 9;
	len = sizeof(pf);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_PF_THRESHOLD, &pf, &len), 0);
	EXPECT_EQ(pf, 0u);
	ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_PF_THRESHOLD, &pf, &len), 0);
	EXPECT_EQ(pf, UINT32_MAX);
	/* RFC 6458 8.1.9 and 8.2.2: the primary and its state. */
	struct fsctp_setprim sp = {};
	len = sizeof(sp);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_PRIMARY_ADDR, &sp, &len), 0);
	EXPECT_TRUE(fsctp_addr_eq(&sp.addr, &ss.primary));
	EXPECT_EQ(
		fsctp_setopt(a.s, id, FSCTP_OPT_PRIMARY_ADDR, &sp, sizeof(sp)),
		0);
	struct fsctp_paddrinfo pi = {};
	pi.address = ss.primary;
	len = sizeof(pi);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_PEER_ADDR_INFO, &pi, &len),
		  0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_ACTIVE);
	EXPECT_GT(pi.cwnd, 0u);
	EXPECT_LE(pi.rto_ms, 400u);
	EXPECT_GT(pi.mtu, 1000u);
	/* RFC 6458 8.1.12 per address: heartbeat interval and
	 * Path.Max.Retrans of that path. */
	struct fsctp_paddrparams pp = {};
	pp.address = ss.primary;
	pp.hbinterval = 5000;
	pp.pathmaxrxt = 2;
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_PEER_ADDR_PARAMS, &pp,
			       sizeof(pp)),
		  0);
	struct fsctp_paddrparams pg = {};
	pg.address = ss.primary;
	len = sizeof(pg);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_PEER_ADDR_PARAMS, &pg, &len),
		  0);
	EXPECT_EQ(pg.hbinterval, 5000u);
	EXPECT_EQ(pg.pathmaxrxt, 2);
	struct fsctp_addr other = ss.primary;
	other.port++;
	pi.address = other;
	len = sizeof(pi);
	EXPECT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_PEER_ADDR_INFO, &pi, &len),
		  -EADDRNOTAVAIL);
	pp.address = other;
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_PEER_ADDR_PARAMS, &pp,
			       sizeof(pp)),
		  -EADDRNOTAVAIL);
	len = sizeof(sp);
	EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_PRIMARY_ADDR, &sp, &len),
		  -EINVAL);
	EXPECT_EQ(fsctp_setopt(a.s, 77, FSCTP_OPT_NODELAY, &one, sizeof(one)),
		  -ENOTCONN);
	uint8_t any[64];
	for (int o : { FSCTP_OPT_ADAPTATION_LAYER }) {
		len = sizeof(any);
		EXPECT_EQ(fsctp_getopt(a.s, 0, (enum fsctp_opt)o, any, &len),
			  -ENOTSUP)
			<< o;
		EXPECT_EQ(fsctp_setopt(a.s, 0, (enum fsctp_opt)o, any, 4),
			  -ENOTSUP)
			<< o;
	}
	/* RFC 6458 8.2.7, 8.2.8, 8.3.1-8.3.5 (RFC 4895): the AUTH options
	 * on the endpoint; this association did not negotiate AUTH. */
	{
		fsctp_authchunk ac{ 0 }; /* DATA */
		fsctp_authkey ak{};
		fsctp_authkeyid kid{};
		fsctp_authchunks chs{};
		fsctp_hmacalgo ha{};
		int on = -1;

		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_AUTH_CHUNK, &ac,
				       sizeof(ac)),
			  0);
		ac.chunk = 1; /* INIT */
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_AUTH_CHUNK, &ac,
				       sizeof(ac)),
			  -EINVAL);
		len = sizeof(chs);
		ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_LOCAL_AUTH_CHUNKS,
				       &chs, &len),
			  0);
		EXPECT_EQ(chs.n, 1u);
		EXPECT_EQ(chs.chunks[0], 0);
		len = sizeof(chs);
		EXPECT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_PEER_AUTH_CHUNKS,
				       &chs, &len),
			  0);
		EXPECT_EQ(chs.n, 0u);
		len = sizeof(any);
		EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_AUTH_CHUNK, any, &len),
			  -ENOTSUP);
		ha.n = 1;
		ha.idents[0] = 3; /* SHA-256 alone: SHA-1 must be listed */
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_HMAC_IDENT, &ha,
				       sizeof(ha)),
			  -EINVAL);
		ha.n = 2;
		ha.idents[1] = 1;
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_HMAC_IDENT, &ha,
				       sizeof(ha)),
			  0);
		ak.keynumber = 5;
		ak.keylength = 4;
		memcpy(ak.key, "abcd", 4);
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_AUTH_KEY, &ak,
				       sizeof(ak)),
			  0);
		kid.keynumber = 5;
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_AUTH_ACTIVE_KEY, &kid,
				       sizeof(kid)),
			  0);
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_AUTH_DELETE_KEY, &kid,
				       sizeof(kid)),
			  -EBUSY);
		kid.keynumber = 0;
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_AUTH_ACTIVE_KEY, &kid,
				       sizeof(kid)),
			  0);
		kid.keynumber = 5;
		EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_AUTH_DELETE_KEY, &kid,
				       sizeof(kid)),
			  0);
		len = sizeof(on);
		EXPECT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_AUTH_SUPPORTED, &on,
				       &len),
			  0);
		EXPECT_EQ(on, 0);
		/* RFC 6458 8.3.3, 8.3.5 with an association id: its own. */
		EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_AUTH_KEY, &ak,
				       sizeof(ak)),
			  0);
		EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_AUTH_DELETE_KEY, &kid,
				       sizeof(kid)),
			  0);
		EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_AUTH_DELETE_KEY, &kid,
				       sizeof(kid)),
			  -ENOENT);
	}
	/* RFC 6458 8.1.21, RFC 8260 4.3: partial delivery point, I-DATA,
	 * stream schedulers. This association did not negotiate I-DATA. */
	uint32_t u32 = 8192;
	ASSERT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_PARTIAL_DELIVERY_POINT, &u32,
			       sizeof(u32)),
		  0);
	u32 = 0;
	len = sizeof(u32);
	ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_PARTIAL_DELIVERY_POINT, &u32,
			       &len),
		  0);
	EXPECT_EQ(u32, 8192u);
	/* The association keeps the point it was created with. */
	len = sizeof(u32);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_PARTIAL_DELIVERY_POINT, &u32,
			       &len),
		  0);
	EXPECT_EQ(u32, 0u);
	/* RFC 6458 8.1.20: fragment interleave level, default 1, 0..2. */
	len = sizeof(u32);
	ASSERT_EQ(
		fsctp_getopt(a.s, 0, FSCTP_OPT_FRAGMENT_INTERLEAVE, &u32, &len),
		0);
	EXPECT_EQ(u32, 1u);
	u32 = 2;
	ASSERT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_FRAGMENT_INTERLEAVE, &u32,
			       sizeof(u32)),
		  0);
	u32 = 3;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_FRAGMENT_INTERLEAVE, &u32,
			       sizeof(u32)),
		  -EINVAL);
	len = sizeof(u32);
	ASSERT_EQ(
		fsctp_getopt(a.s, 0, FSCTP_OPT_FRAGMENT_INTERLEAVE, &u32, &len),
		0);
	EXPECT_EQ(u32, 2u);
	len = sizeof(u32);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_FRAGMENT_INTERLEAVE, &u32,
			       &len),
		  0);
	EXPECT_EQ(u32, 1u);
	int il = 1;
	len = sizeof(il);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_INTERLEAVING_SUPPORTED, &il,
			       &len),
		  0);
	EXPECT_EQ(il, 0);
	u32 = FSCTP_SS_PRIO;
	ASSERT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_STREAM_SCHEDULER, &u32,
			       sizeof(u32)),
		  0);
	u32 = 0;
	len = sizeof(u32);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_STREAM_SCHEDULER, &u32, &len),
		  0);
	EXPECT_EQ(u32, (uint32_t)FSCTP_SS_PRIO);
	u32 = 6;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_STREAM_SCHEDULER, &u32,
			       sizeof(u32)),
		  -EINVAL);
	struct fsctp_stream_value sv = { 2, 9 };
	ASSERT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_STREAM_SCHEDULER_VALUE, &sv,
			       sizeof(sv)),
		  0);
	sv.value = 0;
	len = sizeof(sv);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_STREAM_SCHEDULER_VALUE, &sv,
			       &len),
		  0);
	EXPECT_EQ(sv.value, 9);
	sv.sid = 99;
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_STREAM_SCHEDULER_VALUE, &sv,
			       sizeof(sv)),
		  -EINVAL);
	len = sizeof(any);
	EXPECT_EQ(fsctp_getopt(a.s, 0, (enum fsctp_opt)999, any, &len),
		  -EINVAL);
	EXPECT_EQ(fsctp_setopt(a.s, 0, (enum fsctp_opt)999, any, 4), -EINVAL);
	/* MAX_BURST (RFC 6458 8.1.24): 0 would switch the limit off, which
	 * fsctp refuses; other values read back. */
	uint32_t burst = 0;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_MAX_BURST, &burst,
			       sizeof(burst)),
		  -EINVAL);
	burst = 7;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_MAX_BURST, &burst,
			       sizeof(burst)),
		  0);
	burst = 0;
	len = sizeof(burst);
	EXPECT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_MAX_BURST, &burst, &len), 0);
	EXPECT_EQ(burst, 7u);
	/* CONTEXT (8.1.25) is the default send info's context. */
	uint64_t ctx = 0xfeedbeef12345678ull;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_CONTEXT, &ctx, 4), -EINVAL);
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_CONTEXT, &ctx, sizeof(ctx)),
		  0);
	struct fsctp_sndinfo def = {};
	len = sizeof(def);
	ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_DEFAULT_SNDINFO, &def, &len),
		  0);
	EXPECT_EQ(def.context, ctx);
}

/* sctp_bindx / sctp_connectx (RFC 9260 5.1.2, 5.4): a second peer address
 * given to connectx becomes a CONFIRMED path next to the primary; the
 * data goes to the primary while it is ACTIVE. */
TEST_F(Api, BindxConnectx)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	struct fsctp_addr dst[2];
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst[0]), 0);
	dst[0].port = 2905;
	dst[1] = dst[0];
	dst[1].ip.v4[3] ^= 0x40; /* an address nobody answers on */
	struct fsctp_addr bad = dst[0];
	bad.family = 9;
	EXPECT_EQ(fsctp_sock_bindx(b.s, 2905, &bad, 1), -EINVAL);
	EXPECT_EQ(fsctp_sock_bindx(b.s, 0, dst, 1), -EINVAL);
	EXPECT_EQ(fsctp_sock_bindx(b.s, 2905, nullptr, 1), -EINVAL);
	/* One address: listed nowhere, as a plain listen. */
	EXPECT_EQ(fsctp_sock_bindx(b.s, 2905, dst, 1), 0);
	EXPECT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	EXPECT_EQ(fsctp_sock_connectx(a.s, nullptr, 0, nullptr, 1, 0, nullptr),
		  -EINVAL);
	int64_t id = fsctp_sock_connectx(a.s, nullptr, 0, dst, 2, 0, nullptr);
	ASSERT_GT(id, 0);
	EXPECT_TRUE(pump_until([&] { return a.up != 0 && b.up != 0; }));
	EXPECT_EQ((int64_t)a.up, id);
	struct fsctp_assocparams ap;
	size_t len = sizeof(ap);
	ASSERT_EQ(fsctp_getopt(a.s, a.up, FSCTP_OPT_ASSOCINFO, &ap, &len), 0);
	EXPECT_EQ(ap.number_peer_destinations, 2);
	struct fsctp_paddrinfo pi = {};
	pi.address = dst[1];
	len = sizeof(pi);
	ASSERT_EQ(fsctp_getopt(a.s, a.up, FSCTP_OPT_PEER_ADDR_INFO, &pi, &len),
		  0);
	EXPECT_EQ(pi.state, FSCTP_PADDR_ACTIVE); /* given: confirmed */
	struct fsctp_sndinfo si = {};
	EXPECT_EQ(fsctp_sendmsg(a.s, a.up, "mh", 2, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 1; }));
	EXPECT_EQ(b.msgs[0].data, "mh");
}

TEST_F(Api, EventSubscriptionFilters)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	uint32_t mask = FSCTP_EVENT_BIT(FSCTP_EV_SHUTDOWN_COMP);
	ASSERT_EQ(fsctp_setopt(b.s, 0, FSCTP_OPT_EVENT, &mask, sizeof(mask)),
		  0);
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] { return a.up != 0; }));
	ASSERT_EQ(fsctp_sock_shutdown(a.s, (fsctp_assoc_id_t)id), 0);
	ASSERT_TRUE(pump_until([&] { return b.saw(FSCTP_EV_SHUTDOWN_COMP); }));
	EXPECT_FALSE(b.saw(FSCTP_EV_COMM_UP));
	EXPECT_FALSE(b.saw(FSCTP_EV_SHUTDOWN_EVENT));
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_GE(st.events_filtered, 2u);
}

TEST_F(Api, BackPressureThenWritable)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	std::vector<uint8_t> buf(4000, 0x11);
	struct fsctp_sndinfo si = {};
	int rc = 0, n = 0;
	/* No polling: the send buffer must fill. */
	while (n < 100000 &&
	       (rc = fsctp_sendmsg(a.s, id, buf.data(), (uint32_t)buf.size(),
				   &si)) == 0)
		n++;
	EXPECT_EQ(rc, -EAGAIN);
	EXPECT_GT(n, 0);
	ASSERT_TRUE(pump_until([&] { return a.saw(FSCTP_EV_WRITABLE); }, 5000));
	EXPECT_EQ(fsctp_sendmsg(a.s, id, buf.data(), (uint32_t)buf.size(), &si),
		  0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == (size_t)n + 1; },
			       10000));
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(a.s, &st), 0);
	EXPECT_GE(st.send_eagain, 1u);
}

/* tx_drop counts every frame lost before the wire, not only a full TX
 * queue: an INIT to an address no port reaches (off-link, no gateway) is
 * dropped for want of a route and shows there. */
TEST_F(Api, FramesLostBeforeTheWireAreCounted)
{
	ASSERT_NE(make(a, 1), nullptr);
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(a.s, &st), 0);
	const uint64_t d0 = st.tx_drop;
	struct fsctp_addr dst;
	fsctp_addr_set_v4(&dst, 198, 19, 255, 9, 2905);
	ASSERT_GT(fsctp_sock_connect(a.s, &dst, 0), 0);
	ASSERT_TRUE(pump_until([&] {
		fsctp_sock_stats(a.s, &st);
		return st.tx_drop > d0;
	}));
	EXPECT_EQ(st.tx_drop, d0 + 1);
}

/* SO_SNDBUF: the send buffer of associations made afterwards; the sends
 * that pass it get -EAGAIN; below 1024 is refused. */
TEST_F(Api, SendBufferOption)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	uint32_t v = 0;
	size_t len = sizeof(v);
	ASSERT_EQ(fsctp_getopt(a.s, 0, FSCTP_OPT_SNDBUF, &v, &len), 0);
	EXPECT_EQ(v, 1024u * 1024);
	v = 100;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_SNDBUF, &v, sizeof(v)),
		  -EINVAL);
	v = 16384;
	ASSERT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_SNDBUF, &v, sizeof(v)), 0);
	fsctp_assoc_id_t id = connect_pair();
	std::vector<uint8_t> buf(1000, 0x22);
	struct fsctp_sndinfo si = {};
	int rc = 0, n = 0;
	while (n < 10000 &&
	       (rc = fsctp_sendmsg(a.s, id, buf.data(), (uint32_t)buf.size(),
				   &si)) == 0)
		n++;
	EXPECT_EQ(rc, -EAGAIN);
	/* 16 KiB of 1000-byte messages with their per-message overhead. */
	EXPECT_GE(n, 8);
	EXPECT_LE(n, 16);
	v = 0;
	len = sizeof(v);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_SNDBUF, &v, &len), 0);
	EXPECT_EQ(v, 16384u);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == (size_t)n; }));
}

/* A burst of messages in one call: accepted in order up to the first
 * refusal (a bad entry, then a full send buffer), delivered in order. */
TEST_F(Api, SendBurstInOrderUntilRefused)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	struct fsctp_sndinfo si = {};
	si.ppid = 7;
	std::vector<std::string> body;
	std::vector<struct fsctp_msgvec> v;
	for (int k = 0; k < 64; k++)
		body.push_back("m" + std::to_string(k));
	for (auto &m : body)
		v.push_back({ m.data(), (uint32_t)m.size() });
	EXPECT_EQ(fsctp_sendmsg_burst(a.s, id, v.data(), 0, &si), -EINVAL);
	EXPECT_EQ(fsctp_sendmsg_burst(a.s, id, nullptr, 4, &si), -EINVAL);
	EXPECT_EQ(fsctp_sendmsg_burst(a.s, 0, v.data(), 4, &si), -ENOTCONN);
	EXPECT_EQ(fsctp_sendmsg_burst(a.s, id, v.data(), 64, &si), 64);
	/* An empty entry ends the burst before it. */
	std::vector<struct fsctp_msgvec> w = { v[0], v[1], { "", 0 }, v[2] };
	EXPECT_EQ(fsctp_sendmsg_burst(a.s, id, w.data(), 4, &si), 2);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 66; }));
	for (int k = 0; k < 64; k++) {
		EXPECT_EQ(b.msgs[k].data, body[k]);
		EXPECT_EQ(b.msgs[k].ri.ppid, 7u);
	}
	EXPECT_EQ(b.msgs[65].data, "m1");
	/* Without polling the send buffer fills: a partial count, then
	 * -EAGAIN for a burst that cannot start. */
	std::vector<uint8_t> big(4000, 0x22);
	std::vector<struct fsctp_msgvec> bv(256, { big.data(), 4000 });
	int total = 0, rc;
	while ((rc = fsctp_sendmsg_burst(a.s, id, bv.data(), 256, &si)) == 256)
		total += rc;
	ASSERT_GT(rc, 0);
	EXPECT_LT(rc, 256);
	total += rc;
	EXPECT_EQ(fsctp_sendmsg_burst(a.s, id, bv.data(), 256, &si), -EAGAIN);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 66u + total; },
			       10000));
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(a.s, &st), 0);
	EXPECT_EQ(st.msgs_sent, 66u + total);
}

/* fsctp_sendmsg_mbuf() without a copy: each single-segment mbuf stays in
 * the send queue (still in use) until its message is acknowledged, then
 * goes back to its pool; a chain is copied and freed at once; a refused
 * send leaves the mbuf to the caller. */
TEST_F(Api, SendMbufKeptWithoutCopyUntilAcknowledged)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	struct rte_mempool *mp = rte_pktmbuf_pool_create(
		"api_zc", 63, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	ASSERT_NE(mp, nullptr);
	struct fsctp_sndinfo si = {};
	si.ppid = 9;
	for (int k = 0; k < 20; k++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		ASSERT_NE(m, nullptr);
		std::string body = "zc-" + std::to_string(k);
		memcpy(rte_pktmbuf_append(m, (uint16_t)body.size()),
		       body.data(), body.size());
		ASSERT_EQ(fsctp_sendmsg_mbuf(a.s, id, m, &si), 0);
	}
	/* Queued by reference: none of them went back to the pool yet. */
	EXPECT_EQ(rte_mempool_in_use_count(mp), 20u);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 20; }));
	for (int k = 0; k < 20; k++)
		EXPECT_EQ(b.msgs[k].data, "zc-" + std::to_string(k));
	ASSERT_TRUE(pump_until([&] {
		return rte_mempool_in_use_count(mp) == 0;
	})) << rte_mempool_in_use_count(mp)
	    << " mbufs still held";
	/* A two-segment chain: copied, freed before the call returns. */
	struct rte_mbuf *h = rte_pktmbuf_alloc(mp), *t = rte_pktmbuf_alloc(mp);
	ASSERT_TRUE(h != nullptr && t != nullptr);
	memcpy(rte_pktmbuf_append(h, 5), "chain", 5);
	memcpy(rte_pktmbuf_append(t, 4), "-end", 4);
	ASSERT_EQ(rte_pktmbuf_chain(h, t), 0);
	ASSERT_EQ(fsctp_sendmsg_mbuf(a.s, id, h, &si), 0);
	EXPECT_EQ(rte_mempool_in_use_count(mp), 0u);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 21; }));
	EXPECT_EQ(b.msgs[20].data, "chain-end");
	/* Refused: the caller keeps it. */
	struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
	ASSERT_NE(m, nullptr);
	memcpy(rte_pktmbuf_append(m, 1), "x", 1);
	EXPECT_EQ(fsctp_sendmsg_mbuf(a.s, 0, m, &si), -ENOTCONN);
	EXPECT_EQ(rte_mempool_in_use_count(mp), 1u);
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);
}

/* Zero copy on receive: a kept message's bytes lie in the mbuf the port
 * received, which stays referenced until the message is freed; then
 * nothing is held any more. */
TEST_F(Api, ReceivedMessagesStayInTheirMbufs)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2, false, 0, true), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	ASSERT_NE(id, 0u);
	struct fsctp_sock_stats st0, st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st0), 0);
	struct fsctp_sndinfo si = {};
	for (int k = 0; k < 20; k++) {
		std::string body(100, (char)('a' + k));
		ASSERT_EQ(fsctp_sendmsg(a.s, id, body.data(), 100, &si), 0);
	}
	ASSERT_TRUE(pump_until([&] { return b.kept.size() == 20; }));
	std::map<struct rte_mbuf *, uint16_t> per_mbuf;
	for (size_t k = 0; k < b.kept.size(); k++) {
		struct fsctp_msg *m = b.kept[k];
		auto *mb = static_cast<struct rte_mbuf *>(m->pkt);
		ASSERT_NE(mb, nullptr) << "message " << k << " was copied";
		const uint8_t *base = rte_pktmbuf_mtod(mb, const uint8_t *);
		EXPECT_TRUE(m->data >= base &&
			    m->data + m->len <= base + mb->data_len);
		EXPECT_EQ(std::string((const char *)m->data, m->len),
			  std::string(100, (char)('a' + k)));
		per_mbuf[mb]++;
	}
	/* Each mbuf is held once per message in it, by nothing else. */
	for (auto &e : per_mbuf)
		EXPECT_EQ(rte_mbuf_refcnt_read(e.first), e.second);
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_EQ(st.rx_zc_held - st0.rx_zc_held, 20u);
	EXPECT_EQ(st.rx_zc_in_use, 20u);
	for (struct fsctp_msg *m : b.kept)
		EXPECT_EQ(fsctp_sock_msg_free(b.s, m), 0);
	b.kept.clear();
	ASSERT_TRUE(pump_until([&] {
		fsctp_sock_stats(b.s, &st);
		return st.rx_zc_in_use == 0;
	})) << st.rx_zc_in_use
	    << " mbufs still held";
}

TEST_F(Api, WorkerModeEchoes)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2, true), nullptr);
	b.echo = true;
	std::atomic<bool> stop{ false };
	/* The worker thread owns b's callbacks (and b's Side). */
	std::thread w([&] {
		while (!stop.load())
			fsctp_worker_poll(b.s, 32);
	});
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	bool up = pump_until([&] { return a.up != 0; });
	struct fsctp_sndinfo si = {};
	si.ppid = 3;
	for (int i = 0; up && i < 50; i++) {
		std::string m = "worker-" + std::to_string(i);
		EXPECT_EQ(fsctp_sendmsg(a.s, (fsctp_assoc_id_t)id, m.data(),
					(uint32_t)m.size(), &si),
			  0);
	}
	bool got = up && pump_until([&] { return a.msgs.size() == 50; }, 5000);
	stop = true;
	w.join();
	ASSERT_TRUE(up);
	ASSERT_TRUE(got) << a.msgs.size();
	for (int i = 0; i < 50; i++) {
		EXPECT_EQ(a.msgs[i].data, "worker-" + std::to_string(i));
		EXPECT_EQ(a.msgs[i].ri.ppid, 3u);
	}
	EXPECT_TRUE(b.saw(FSCTP_EV_COMM_UP));
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_EQ(st.worker_cmds, 50u);
	EXPECT_EQ(st.msgs_sent, 50u);
	/* Worker-side argument checks. */
	EXPECT_EQ(fsctp_worker_send(b.s, 1, "x", 0, &si), -EINVAL);
	EXPECT_EQ(fsctp_worker_send(b.s, 1, nullptr, 1, &si), -EINVAL);
	EXPECT_EQ(fsctp_worker_connect(b.s, nullptr, 0), -EINVAL);
}

/* WORKER mode with two worker threads: every association's messages and
 * events run on the one worker fsctp_sock_assoc_worker() names, in order,
 * and both workers get some; each echoes what it gets. */
thread_local int tl_worker = -1;
struct MultiWorker {
	std::mutex mu;
	std::map<fsctp_assoc_id_t, std::set<int>> seen; /* id -> workers */
	std::map<fsctp_assoc_id_t, int> next;		/* id -> next seq */
	int out_of_order = 0;
	std::atomic<int> n{ 0 };
};

TEST_F(Api, SeveralWorkersEachRunTheirAssociations)
{
	ASSERT_NE(make(a, 1), nullptr);
	MultiWorker mw;
	struct fsctp_sock_config c = {};
	c.port_mask = 2;
	c.worker = true;
	c.workers = 2;
	c.ctx = &mw;
	c.ops.on_data = [](struct fsctp_sock *s, void *ctx,
			   const struct fsctp_rcvinfo *ri, const uint8_t *data,
			   uint32_t len) {
		MultiWorker *m = static_cast<MultiWorker *>(ctx);
		int seq = std::stoi(std::string((const char *)data, len));
		{
			std::lock_guard<std::mutex> g(m->mu);
			m->seen[ri->assoc_id].insert(tl_worker);
			if (seq != m->next[ri->assoc_id])
				m->out_of_order++;
			m->next[ri->assoc_id] = seq + 1;
		}
		struct fsctp_sndinfo si = {};
		fsctp_worker_send(s, ri->assoc_id, data, len, &si);
		m->n++;
	};
	c.workers = FSCTP_SOCK_MAX_WORKERS + 1;
	EXPECT_EQ(fsctp_sock_create(g_rt, &c), nullptr);
	EXPECT_EQ(fsctp_errno(), EINVAL);
	c.workers = 2;
	b.s = fsctp_sock_create(g_rt, &c);
	ASSERT_NE(b.s, nullptr);
	EXPECT_EQ(fsctp_worker_poll_one(b.s, 2, 8), -EINVAL);
	EXPECT_EQ(fsctp_worker_poll_one(a.s, 0, 8), -EINVAL);
	EXPECT_EQ(fsctp_sock_assoc_worker(a.s, 1), -EINVAL);

	std::atomic<bool> stop{ false };
	std::vector<std::thread> ws;
	for (int w = 0; w < 2; w++)
		ws.emplace_back([&, w] {
			tl_worker = w;
			while (!stop.load())
				fsctp_worker_poll_one(b.s, (unsigned int)w, 32);
		});
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	const int n_as = 8, n_msg = 40;
	std::vector<fsctp_assoc_id_t> ids;
	for (int k = 0; k < n_as; k++) {
		int64_t id = fsctp_sock_connect(a.s, &dst, 0);
		ASSERT_GT(id, 0);
		ids.push_back((fsctp_assoc_id_t)id);
	}
	bool up = pump_until([&] { return a.n_up.load() == (uint64_t)n_as; });
	struct fsctp_sndinfo si = {};
	for (int i = 0; up && i < n_msg; i++)
		for (fsctp_assoc_id_t id : ids) {
			std::string m = std::to_string(i);
			EXPECT_EQ(fsctp_sendmsg(a.s, id, m.data(),
						(uint32_t)m.size(), &si),
				  0);
		}
	bool got = up && pump_until(
				 [&] {
					 return a.n_data.load() ==
						(uint64_t)n_as * n_msg;
				 },
				 10000);
	stop = true;
	for (auto &t : ws)
		t.join();
	ASSERT_TRUE(up);
	ASSERT_TRUE(got) << a.n_data.load();
	EXPECT_EQ(mw.n.load(), n_as * n_msg);
	EXPECT_EQ(mw.out_of_order, 0);
	std::set<int> used;
	ASSERT_EQ(mw.seen.size(), (size_t)n_as);
	for (auto &e : mw.seen) {
		ASSERT_EQ(e.second.size(), 1u) << "association on two workers";
		int w = *e.second.begin();
		EXPECT_EQ(w, fsctp_sock_assoc_worker(b.s, e.first));
		used.insert(w);
	}
	EXPECT_EQ(used.size(), 2u);
}

/* RFC 9260 6.2: a reply sent from on_data leaves in the packet that
 * carries the SACK it owes, so request/response needs no delayed SACK
 * (the server's counters: every SACK bundled, none from the timer). */
TEST_F(Api, ReplyFromOnDataCarriesItsSack)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	b.echo_inline = true;
	fsctp_assoc_id_t id = connect_pair();
	struct fsctp_sndinfo si = {};
	si.ppid = FSCTP_PPID_M3UA;
	uint64_t t0 = fsctp_rt_now_us();
	for (int i = 0; i < 20; i++) {
		std::string m = "req-" + std::to_string(i);
		ASSERT_EQ(fsctp_sendmsg(a.s, id, m.data(), (uint32_t)m.size(),
					&si),
			  0);
		ASSERT_TRUE(pump_until([&] {
			return a.n_data == (uint64_t)i + 1;
		})) << i;
	}
	/* 20 round trips well inside one delayed-SACK timeout (200 ms). */
	EXPECT_LT(fsctp_rt_now_us() - t0, 200000u);
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_GE(st.stack.fsctp_sack_bundled, 19u);
	EXPECT_EQ(st.stack.fsctp_sack_delayed, 0u);
	EXPECT_EQ(st.stack.fsctp_rtx_chunks, 0u);
}

/* Scale: 1,000 associations on a lossless ring pair, each sends 5
 * messages; all arrive, with no retransmission and no frame dropped; on
 * two lcores both own some. Then a graceful close of all. */
/* One turn reads a receive queue until it is empty (up to 16 bursts),
 * not one burst of 32: an lcore whose callbacks do much work per packet
 * must not leave its peer's SACKs waiting in the port for longer than
 * RTO.Min (1,000 associations over memif retransmitted on a lossless
 * link). Frames of an EtherType nobody handles are put straight into the
 * ring behind port 1's RX queue 0. */
TEST_F(Api, OneTurnReadsAReceiveQueueUntilEmpty)
{
	struct rte_ring *r = rte_ring_lookup("fsctp_rp_ab0");
	if (r == nullptr)
		r = rte_ring_lookup("fsctp_rp2_ab0");
	ASSERT_NE(r, nullptr);
	struct rte_mempool *mp = rte_mempool_lookup("t_rxdrain");
	if (mp == nullptr)
		mp = rte_pktmbuf_pool_create("t_rxdrain", 511, 0, 0,
					     RTE_MBUF_DEFAULT_BUF_SIZE,
					     SOCKET_ID_ANY);
	ASSERT_NE(mp, nullptr);
	fsctp_rt_poll(g_rt);
	ASSERT_EQ(rte_ring_count(r), 0u);
	const unsigned int n = 200;
	for (unsigned int i = 0; i < n; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		ASSERT_NE(m, nullptr);
		uint8_t *f = (uint8_t *)rte_pktmbuf_append(m, 60);
		ASSERT_NE(f, nullptr);
		memset(f, 0, 60);
		memset(f, 0xff, 6); /* broadcast */
		f[6] = 0x02;
		f[12] = 0x88; /* local experimental EtherType */
		f[13] = 0xb5;
		ASSERT_EQ(rte_ring_enqueue(r, m), 0);
	}
	EXPECT_GT(fsctp_rt_poll(g_rt), 0);
	EXPECT_EQ(rte_ring_count(r), 0u);
}

TEST_F(Api, ThousandAssociationsLossless)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	const int n = 1000;
	std::vector<fsctp_assoc_id_t> ids;
	unsigned int per_lcore[2] = { 0, 0 };
	for (int i = 0; i < n; i++) {
		int64_t id = fsctp_sock_connect(a.s, &dst, 0);
		ASSERT_GT(id, 0) << i;
		ids.push_back((fsctp_assoc_id_t)id);
		per_lcore[(fsctp_assoc_id_t)id % fsctp_rt_n_lcores(g_rt)]++;
		/* Let the handshakes run as connects go out. */
		if (i % 50 == 49)
			fsctp_rt_poll(g_rt);
	}
	ASSERT_TRUE(pump_until(
		[&] { return a.n_up == (uint64_t)n && b.n_up == (uint64_t)n; },
		20000))
		<< a.n_up << " " << b.n_up;
	if (fsctp_rt_n_lcores(g_rt) == 2) {
		EXPECT_EQ(per_lcore[0], (unsigned)n / 2);
		EXPECT_EQ(per_lcore[1], (unsigned)n / 2);
	}
	std::vector<uint8_t> buf(100, 0x5a);
	struct fsctp_sndinfo si = {};
	for (int k = 0; k < 5; k++)
		for (auto id : ids)
			ASSERT_EQ(fsctp_sendmsg(a.s, id, buf.data(), 100, &si),
				  0);
	ASSERT_TRUE(pump_until([&] { return b.n_data == 5u * n; }, 20000))
		<< b.n_data;
	for (Side *sd : { &a, &b }) {
		struct fsctp_sock_stats st;
		ASSERT_EQ(fsctp_sock_stats(sd->s, &st), 0);
		EXPECT_EQ(st.stack.fsctp_rtx_chunks, 0u);
		EXPECT_EQ(st.stack.fsctp_t3_expireds, 0u);
		EXPECT_EQ(st.tx_drop, 0u);
	}
	for (auto id : ids)
		ASSERT_EQ(fsctp_sock_shutdown(a.s, id), 0);
	ASSERT_TRUE(pump_until(
		[&] {
			std::lock_guard<std::mutex> g(b.mu);
			return std::count(b.events.begin(), b.events.end(),
					  FSCTP_EV_SHUTDOWN_COMP) == n;
		},
		20000));
}

/* Back-pressure through a slow worker: nobody polls the worker, the
 * client floods; the receive window closes (the client's sends end in
 * -EAGAIN), the small event ring overflows into the waiting list and
 * nothing is dropped: once the worker runs, every message arrives, and
 * an ABORT behind them still gives COMM_LOST. */
TEST_F(Api, SlowWorkerClosesTheWindowNothingLost)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2, true, 64), nullptr);
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] { return a.up != 0; }));
	std::vector<uint8_t> buf(1000, 0x33);
	struct fsctp_sndinfo si = {};
	uint64_t sent = 0;
	int eagain_turns = 0;
	uint64_t end = fsctp_rt_now_us() + 3000000;
	/* Flood until the window has stayed shut for a while. */
	while (eagain_turns < 2000 && fsctp_rt_now_us() < end) {
		int rc = fsctp_sendmsg(a.s, (fsctp_assoc_id_t)id, buf.data(),
				       (uint32_t)buf.size(), &si);
		if (rc == 0)
			sent++;
		else
			eagain_turns++;
		fsctp_rt_poll(g_rt);
	}
	ASSERT_GE(eagain_turns, 2000) << "the window never closed";
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_GT(st.worker_ring_full, 0u); /* waited, not dropped */
	EXPECT_EQ(b.n_data, 0u);
	/* The client aborts behind its data: the worker must still get
	 * every message, then COMM_LOST. */
	std::atomic<bool> stop{ false };
	std::thread w([&] {
		while (!stop.load())
			fsctp_worker_poll(b.s, 32);
	});
	bool all = pump_until([&] { return b.n_data >= sent; }, 10000);
	ASSERT_EQ(fsctp_sock_abort(a.s, (fsctp_assoc_id_t)id, "bye", 3), 0);
	bool lost = pump_until([&] { return b.n_lost == 1; }, 5000);
	stop = true;
	w.join();
	EXPECT_TRUE(all) << b.n_data << " of " << sent;
	EXPECT_EQ(b.n_data, sent);
	EXPECT_TRUE(lost);
}

/* fsctp_worker_wait(): with nothing queued it sleeps for its timeout;
 * a thread sleeping in it is woken by the lcore's turn that queues a
 * message for it (long before its timeout), and with something already
 * queued it returns at once. */
TEST_F(Api, WorkerWaitSleepsUntilSomethingIsQueued)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2, true), nullptr);
	EXPECT_EQ(fsctp_worker_wait(nullptr, FSCTP_WORKER_ANY, 10), -EINVAL);
	EXPECT_EQ(fsctp_worker_wait(a.s, FSCTP_WORKER_ANY, 10), -EINVAL);
	EXPECT_EQ(fsctp_worker_wait(b.s, 1, 10), -EINVAL);
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] {
		fsctp_worker_poll(b.s, 32);
		return a.up != 0 && b.up != 0;
	}));
	/* Let the last SACKs and events settle, then empty the rings. */
	for (int k = 0; k < 100; k++) {
		fsctp_rt_poll(g_rt);
		fsctp_worker_poll(b.s, 32);
	}
	uint64_t t0 = fsctp_rt_now_us();
	EXPECT_EQ(fsctp_worker_wait(b.s, FSCTP_WORKER_ANY, 20000), -ETIMEDOUT);
	EXPECT_GE(fsctp_rt_now_us() - t0, 15000u);

	std::atomic<int> rc{ 1 };
	std::atomic<bool> waiting{ false };
	std::atomic<uint64_t> woke_at{ 0 };
	std::thread w([&] {
		waiting = true;
		rc = fsctp_worker_wait(b.s, 0, 5000000);
		woke_at = fsctp_rt_now_us();
	});
	while (!waiting.load())
		usleep(100);
	usleep(50000); /* asleep by now */
	EXPECT_EQ(rc.load(), 1) << "returned with nothing queued";
	uint64_t t1 = fsctp_rt_now_us();
	struct fsctp_sndinfo si = {};
	ASSERT_EQ(fsctp_sendmsg(a.s, (fsctp_assoc_id_t)id, "wake", 4, &si), 0);
	bool woke = pump_until([&] { return woke_at.load() != 0; }, 4000);
	w.join();
	EXPECT_TRUE(woke) << "not woken by the lcore";
	EXPECT_EQ(rc.load(), 0);
	EXPECT_LT(woke_at.load() - t1, 1000000u);
	/* Queued and not taken yet: no sleep at all. */
	t0 = fsctp_rt_now_us();
	EXPECT_EQ(fsctp_worker_wait(b.s, FSCTP_WORKER_ANY, 2000000), 0);
	EXPECT_LT(fsctp_rt_now_us() - t0, 500000u);
	EXPECT_EQ(fsctp_worker_poll(b.s, 32), 1);
	ASSERT_EQ(b.msgs.size(), 1u);
	EXPECT_EQ(b.msgs[0].data, "wake");
}

/* The sends a worker's callback makes travel to the owner lcore in
 * batches (64 messages a batch): 200 replies from one callback and the
 * SHUTDOWN asked for behind them arrive in order, none lost, each counted
 * as a worker command. */
struct BurstReply {
	std::atomic<int> sent{ 0 };
	int shutdown_rc = 1;
};

TEST_F(Api, WorkerSendsFromOneCallbackKeepTheirOrder)
{
	ASSERT_NE(make(a, 1), nullptr);
	BurstReply br;
	struct fsctp_sock_config c = {};
	c.port_mask = 2;
	c.worker = true;
	c.ctx = &br;
	c.ops.on_data = [](struct fsctp_sock *s, void *ctx,
			   const struct fsctp_rcvinfo *ri, const uint8_t *,
			   uint32_t) {
		BurstReply *r = static_cast<BurstReply *>(ctx);
		struct fsctp_sndinfo si = {};
		si.ppid = 7;
		for (int k = 0; k < 200; k++) {
			std::string m = "r" + std::to_string(k);
			if (fsctp_worker_send(s, ri->assoc_id, m.data(),
					      (uint32_t)m.size(), &si) == 0)
				r->sent++;
		}
		r->shutdown_rc = fsctp_worker_shutdown(s, ri->assoc_id);
	};
	b.s = fsctp_sock_create(g_rt, &c);
	ASSERT_NE(b.s, nullptr);
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] {
		fsctp_worker_poll(b.s, 32);
		return a.up != 0;
	}));
	struct fsctp_sndinfo si = {};
	ASSERT_EQ(fsctp_sendmsg(a.s, (fsctp_assoc_id_t)id, "go", 2, &si), 0);
	bool done = pump_until(
		[&] {
			fsctp_worker_poll(b.s, 32);
			return a.saw(FSCTP_EV_SHUTDOWN_COMP) ||
			       a.saw(FSCTP_EV_COMM_LOST);
		},
		5000);
	EXPECT_TRUE(done);
	EXPECT_EQ(br.sent.load(), 200);
	EXPECT_EQ(br.shutdown_rc, 0);
	ASSERT_EQ(a.msgs.size(), 200u);
	for (int k = 0; k < 200; k++)
		EXPECT_EQ(a.msgs[k].data, "r" + std::to_string(k));
	EXPECT_TRUE(a.saw(FSCTP_EV_SHUTDOWN_COMP));
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_EQ(st.worker_cmds, 201u);
	EXPECT_EQ(st.msgs_sent, 200u);
}

/* A callback that sends until the owner lcore's command ring is full
 * (nothing polls the lcore meanwhile): the send that finds it full is
 * refused with -ENOBUFS, the batch still open when the poll ends comes
 * back as SEND_FAILED on the worker's thread, and every send that was
 * accepted is either delivered to the peer or reported as failed: none
 * disappears. */
struct Flood {
	uint64_t ok = 0, refused = 0;
	std::atomic<uint64_t> failed{ 0 };
};

TEST_F(Api, WorkerSendBatchRefusedByAFullCommandRingIsReported)
{
	ASSERT_NE(make(a, 1), nullptr);
	Flood fl;
	struct fsctp_sock_config c = {};
	c.port_mask = 2;
	c.worker = true;
	c.ctx = &fl;
	c.ops.on_data = [](struct fsctp_sock *s, void *ctx,
			   const struct fsctp_rcvinfo *ri, const uint8_t *,
			   uint32_t) {
		Flood *f = static_cast<Flood *>(ctx);
		struct fsctp_sndinfo si = {};
		for (int k = 0; k < 1000000; k++) {
			int rc =
				fsctp_worker_send(s, ri->assoc_id, "f", 1, &si);
			if (rc == -ENOBUFS) {
				f->refused++;
				break;
			}
			if (rc == 0)
				f->ok++;
		}
	};
	c.ops.on_event = [](struct fsctp_sock *, void *ctx,
			    const struct fsctp_event *ev) {
		if (ev->type == FSCTP_EV_SEND_FAILED)
			static_cast<Flood *>(ctx)->failed++;
	};
	b.s = fsctp_sock_create(g_rt, &c);
	ASSERT_NE(b.s, nullptr);
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] {
		fsctp_worker_poll(b.s, 32);
		return a.up != 0;
	}));
	struct fsctp_sndinfo si = {};
	ASSERT_EQ(fsctp_sendmsg(a.s, (fsctp_assoc_id_t)id, "go", 2, &si), 0);
	ASSERT_TRUE(pump_until([&] {
		struct fsctp_sock_stats st;
		fsctp_sock_stats(b.s, &st);
		return st.msgs_received == 1;
	}));
	/* The callback runs here; no lcore turn until it returns. */
	EXPECT_EQ(fsctp_worker_poll(b.s, 1), 1);
	EXPECT_EQ(fl.refused, 1u);
	EXPECT_GT(fl.ok, 4096u);
	EXPECT_GT(fl.failed.load(), 0u) << "the open batch was not reported";
	uint64_t early = fl.failed.load();
	bool all = pump_until(
		[&] {
			fsctp_worker_poll(b.s, 256);
			return a.n_data.load() + fl.failed.load() >= fl.ok;
		},
		30000);
	EXPECT_TRUE(all) << a.n_data.load() << " delivered + "
			 << fl.failed.load() << " failed of " << fl.ok;
	EXPECT_EQ(a.n_data.load() + fl.failed.load(), fl.ok);
	EXPECT_GE(fl.failed.load(), early);
	EXPECT_GT(a.n_data.load(), 0u);
}

/* A worker floods one association far beyond its send buffer (64 KiB)
 * from its callbacks, as a telecom application does: send until -EAGAIN,
 * go on at the WRITABLE. The lcore parks what the association refuses
 * and retries it when it drains, the credit (worker_sndbuf) refuses the
 * worker's sends synchronously with -EAGAIN and a WRITABLE follows; the
 * shutdown asked for behind the last send waits for the parked sends.
 * Every message arrives, in order, none is reported failed. */
struct WFlood {
	struct fsctp_sock *s = nullptr;
	fsctp_assoc_id_t id = 0;
	int next = 0, total = 0;
	std::atomic<int> eagain{ 0 }, nobufs{ 0 }, writable{ 0 }, failed{ 0 };
	int shutdown_rc = 1;
	std::atomic<bool> sent_all{ false };

	void pump()
	{
		std::string m(1000, '.');
		struct fsctp_sndinfo si = {};
		while (next < total) {
			std::string seq = std::to_string(next);
			std::copy(seq.begin(), seq.end(), m.begin());
			m[seq.size()] = '|';
			int rc = fsctp_worker_send(s, id, m.data(),
						   (uint32_t)m.size(), &si);
			if (rc == -EAGAIN) {
				eagain++;
				return; /* until the WRITABLE */
			}
			if (rc != 0) {
				nobufs++;
				return;
			}
			next++;
		}
		if (!sent_all.exchange(true))
			shutdown_rc = fsctp_worker_shutdown(s, id);
	}
};

TEST_F(Api, WorkerFloodBeyondTheSendBufferLosesNothing)
{
	ASSERT_NE(make(a, 1), nullptr);
	WFlood fl;
	fl.total = 6000;
	struct fsctp_stack_config stack;
	ASSERT_EQ(fsctp_rt_stack_config(g_rt, &stack), 0);
	stack.sndbuf = 64 * 1024;
	struct fsctp_sock_config c = {};
	c.port_mask = 2;
	c.worker = true;
	c.worker_sndbuf = 512 * 1024;
	c.stack = &stack;
	c.ctx = &fl;
	c.ops.on_event = [](struct fsctp_sock *, void *ctx,
			    const struct fsctp_event *ev) {
		WFlood *f = static_cast<WFlood *>(ctx);
		if (ev->type == FSCTP_EV_COMM_UP) {
			f->id = ev->assoc_id;
			f->pump();
		} else if (ev->type == FSCTP_EV_WRITABLE &&
			   ev->assoc_id == f->id) {
			f->writable++;
			f->pump();
		} else if (ev->type == FSCTP_EV_SEND_FAILED) {
			f->failed++;
		}
	};
	b.s = fl.s = fsctp_sock_create(g_rt, &c);
	ASSERT_NE(b.s, nullptr);
	std::atomic<bool> stop{ false };
	std::thread w([&] {
		while (!stop.load())
			if (fsctp_worker_poll(b.s, 32) == 0)
				fsctp_worker_wait(b.s, FSCTP_WORKER_ANY, 1000);
	});
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	bool done = pump_until(
		[&] {
			return a.n_data.load() >= (uint64_t)fl.total &&
			       a.saw(FSCTP_EV_SHUTDOWN_COMP);
		},
		20000);
	stop = true;
	w.join();
	EXPECT_TRUE(done) << a.n_data.load() << " of " << fl.total;
	EXPECT_EQ(fl.failed.load(), 0);
	EXPECT_EQ(fl.nobufs.load(), 0);
	EXPECT_EQ(fl.shutdown_rc, 0);
	EXPECT_GT(fl.eagain.load(), 0) << "the credit never refused";
	EXPECT_GT(fl.writable.load(), 0);
	ASSERT_EQ(a.msgs.size(), (size_t)fl.total);
	for (int k = 0; k < fl.total; k++) {
		const std::string &d = a.msgs[k].data;
		ASSERT_EQ(d.substr(0, d.find('|')), std::to_string(k))
			<< "message " << k << " out of order";
	}
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_GT(st.worker_send_parked, 0u) << "the send buffer never refused";
	EXPECT_EQ(st.worker_send_eagain, (uint64_t)fl.eagain.load());
	EXPECT_EQ(st.msgs_sent, (uint64_t)fl.total);
	EXPECT_EQ(st.worker_cmds, (uint64_t)fl.total + 1);
	/* The names follow the counters. */
	std::vector<struct fsctp_xstat> xs(512);
	int n = fsctp_sock_xstats(b.s, xs.data(), (unsigned int)xs.size());
	ASSERT_GT(n, 0);
	bool named = false;
	for (int k = 0; k < n && k < (int)xs.size(); k++)
		if (std::string(xs[k].name) == "worker_send_parked")
			named = xs[k].value == st.worker_send_parked;
	EXPECT_TRUE(named);
}

/* The peer aborts while a worker's sends are parked behind a full send
 * buffer: the parked ones come back as SEND_FAILED (never sent), with
 * the core's own; every accepted send is delivered or reported, and the
 * credit they held is given back (a new send is not refused). */
TEST_F(Api, WorkerParkedSendsOfAnEndedAssociationAreReported)
{
	ASSERT_NE(make(a, 1), nullptr);
	struct Ended : WFlood {
		std::atomic<int> failed_unsent{ 0 }, lost{ 0 };
	} fl;
	fl.total = 1000000;
	struct fsctp_stack_config stack;
	ASSERT_EQ(fsctp_rt_stack_config(g_rt, &stack), 0);
	stack.sndbuf = 64 * 1024;
	struct fsctp_sock_config c = {};
	c.port_mask = 2;
	c.worker = true;
	c.worker_sndbuf = 512 * 1024;
	c.stack = &stack;
	c.ctx = &fl;
	c.ops.on_event = [](struct fsctp_sock *, void *ctx,
			    const struct fsctp_event *ev) {
		Ended *f = static_cast<Ended *>(ctx);
		if (ev->type == FSCTP_EV_COMM_UP) {
			f->id = ev->assoc_id;
			f->pump();
		} else if (ev->type == FSCTP_EV_WRITABLE &&
			   ev->assoc_id == f->id && f->lost.load() == 0) {
			f->writable++;
			f->pump();
		} else if (ev->type == FSCTP_EV_SEND_FAILED) {
			f->failed++;
			if (!ev->sent)
				f->failed_unsent++;
		} else if (ev->type == FSCTP_EV_COMM_LOST) {
			f->lost++;
		}
	};
	b.s = fl.s = fsctp_sock_create(g_rt, &c);
	ASSERT_NE(b.s, nullptr);
	std::atomic<bool> stop{ false };
	std::thread w([&] {
		while (!stop.load())
			if (fsctp_worker_poll(b.s, 32) == 0)
				fsctp_worker_wait(b.s, FSCTP_WORKER_ANY, 1000);
	});
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	bool flowing = pump_until(
		[&] {
			struct fsctp_sock_stats st;
			fsctp_sock_stats(b.s, &st);
			return a.n_data.load() >= 2000 &&
			       st.worker_send_parked > 0;
		},
		10000);
	ASSERT_EQ(fsctp_sock_abort(a.s, (fsctp_assoc_id_t)id, "bye", 3), 0);
	bool ended = pump_until([&] { return fl.lost.load() == 1; }, 5000);
	/* Let the last reports reach the worker. */
	for (int k = 0; k < 200; k++)
		fsctp_rt_poll(g_rt);
	usleep(20000);
	stop = true;
	w.join();
	EXPECT_TRUE(flowing);
	EXPECT_TRUE(ended);
	uint64_t accepted = (uint64_t)fl.next, got = a.n_data.load();
	EXPECT_GT(fl.failed_unsent.load(), 0);
	EXPECT_LE(got + (uint64_t)fl.failed_unsent.load(), accepted);
	EXPECT_GE(got + (uint64_t)fl.failed.load(), accepted)
		<< got << " delivered + " << fl.failed.load() << " failed of "
		<< accepted;
	struct fsctp_sndinfo si = {};
	EXPECT_EQ(fsctp_worker_send(b.s, fl.id, "x", 1, &si), 0)
		<< "the parked sends kept their credit";
}

/* The credit alone: with nothing polling the lcores, a worker thread's
 * sends outside any callback are refused with -EAGAIN once worker_sndbuf
 * is in flight, at once (no message is taken and lost); one WRITABLE per
 * association follows when the lcores take the sends, and everything
 * accepted arrives. */
TEST_F(Api, WorkerSendOverTheCreditGetsEagainThenWritable)
{
	ASSERT_NE(make(a, 1), nullptr);
	struct fsctp_sock_config c = {};
	c.port_mask = 2;
	c.worker = true;
	c.worker_sndbuf = 10000;
	c.ops.on_data = on_data;
	c.ops.on_event = on_event;
	c.ctx = &b;
	b.s = fsctp_sock_create(g_rt, &c);
	ASSERT_NE(b.s, nullptr);
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	int64_t id = fsctp_sock_connect(a.s, &dst, 0);
	ASSERT_GT(id, 0);
	ASSERT_TRUE(pump_until([&] {
		fsctp_worker_poll(b.s, 32);
		return b.up != 0;
	}));
	std::vector<uint8_t> buf(1000, 0x44);
	struct fsctp_sndinfo si = {};
	int ok = 0, rc = 0;
	while ((rc = fsctp_worker_send(b.s, b.up, buf.data(), 1000, &si)) == 0)
		ok++;
	EXPECT_EQ(rc, -EAGAIN);
	EXPECT_EQ(ok, 10); /* 10,000 bytes of credit */
	/* Again: still refused, and only one WRITABLE is asked for. */
	EXPECT_EQ(fsctp_worker_send(b.s, b.up, buf.data(), 1000, &si), -EAGAIN);
	struct fsctp_sock_stats st;
	ASSERT_EQ(fsctp_sock_stats(b.s, &st), 0);
	EXPECT_EQ(st.worker_send_eagain, 2u);
	bool writable = pump_until([&] {
		fsctp_worker_poll(b.s, 32);
		return b.saw(FSCTP_EV_WRITABLE);
	});
	EXPECT_TRUE(writable);
	EXPECT_TRUE(pump_until([&] {
		fsctp_worker_poll(b.s, 32);
		return a.n_data.load() == (uint64_t)ok;
	}));
	for (int k = 0; k < 100; k++) {
		fsctp_rt_poll(g_rt);
		fsctp_worker_poll(b.s, 32);
	}
	EXPECT_EQ(
		std::count(b.events.begin(), b.events.end(), FSCTP_EV_WRITABLE),
		1);
	EXPECT_EQ(fsctp_worker_send(b.s, b.up, buf.data(), 1000, &si), 0);
}

/* fsctp_sock_ops.on_msg: the application keeps the messages, so their
 * bytes stay out of the receive window (RFC 9260 6.2) until it gives them
 * back; the sender sees the window shut, and nothing is lost. Also the
 * association's addresses (fsctp_sock_assoc_addrs()). */
TEST_F(Api, KeptMessagesCloseTheWindowUntilFreed)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2, false, 0, true), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	ASSERT_NE(id, 0u);

	struct fsctp_addr l, p, pa, pb;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 0, FSCTP_AF_INET4, &pa), 0);
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &pb), 0);
	ASSERT_EQ(fsctp_sock_assoc_addrs(b.s, b.up, &l, &p), 0);
	EXPECT_EQ(l.port, 2905);
	EXPECT_TRUE(fsctp_addr_ip_eq(&l, &pb));
	EXPECT_TRUE(fsctp_addr_ip_eq(&p, &pa));
	ASSERT_EQ(fsctp_sock_assoc_addrs(a.s, id, &l, nullptr), 0);
	EXPECT_EQ(p.port, l.port);
	EXPECT_EQ(fsctp_sock_assoc_addrs(nullptr, id, &l, &p), -EINVAL);
	EXPECT_EQ(fsctp_sock_assoc_addrs(a.s, 0, &l, &p), -EINVAL);
	EXPECT_EQ(fsctp_sock_assoc_addrs(a.s, id + 1000, &l, &p), -ENOTCONN);
	EXPECT_EQ(fsctp_sock_msg_free(nullptr, nullptr), -EINVAL);
	EXPECT_EQ(fsctp_sock_msg_free(b.s, nullptr), -EINVAL);

	std::vector<uint8_t> buf(1000, 0);
	struct fsctp_sndinfo si = {};
	uint32_t sent = 0;
	int eagain_turns = 0;
	uint64_t end = fsctp_rt_now_us() + 3000000;
	while (eagain_turns < 2000 && fsctp_rt_now_us() < end) {
		buf[0] = (uint8_t)sent;
		int rc = fsctp_sendmsg(a.s, id, buf.data(),
				       (uint32_t)buf.size(), &si);
		if (rc == 0)
			sent++;
		else
			eagain_turns++;
		fsctp_rt_poll(g_rt);
	}
	ASSERT_GE(eagain_turns, 2000) << "the window never closed";
	EXPECT_EQ(b.n_data, 0u); /* on_msg replaces on_data */
	size_t held = b.kept.size();
	EXPECT_GT(held, 0u);
	EXPECT_LT(held, (size_t)sent);
	/* Give the messages back as they come: every one arrives, in order
	 * (stream 0, ordered). */
	uint32_t got = 0;
	bool order = true;
	ASSERT_TRUE(pump_until(
		[&] {
			for (struct fsctp_msg *m : b.kept) {
				order = order && m->len == 1000 &&
					m->data[0] == (uint8_t)got;
				got++;
				EXPECT_EQ(fsctp_sock_msg_free(b.s, m), 0);
			}
			b.kept.clear();
			return got == sent;
		},
		10000))
		<< got << " of " << sent;
	EXPECT_TRUE(order);
}

/* The loops run on their lcores (fsctp_rt_run()) while another thread
 * connects and sends: calls from outside the fast path take the owning
 * lcore's lock; the server echoes inline on its lcores. */
/* A stop that comes before fsctp_rt_run() (a signal right after start-up)
 * is not lost: that run returns at once; the stop is then used up, and a
 * later run keeps going until the next stop. */
TEST_F(Api, StopBeforeRunIsKept)
{
	ASSERT_NE(make(a, 1), nullptr);
	fsctp_rt_stop(g_rt);
	std::atomic<bool> returned{ false };
	std::thread guard([&] {
		/* If the early stop were lost, this one ends the run. */
		for (int i = 0; i < 300 && !returned.load(); i++)
			usleep(10000);
		if (!returned.load())
			fsctp_rt_stop(g_rt);
	});
	uint64_t t0 = fsctp_rt_now_us();
	EXPECT_EQ(fsctp_rt_run(g_rt), 0);
	uint64_t took = fsctp_rt_now_us() - t0;
	returned = true;
	guard.join();
	EXPECT_LT(took, 2000000u) << "the stop asked before the run was lost";
	/* Used up: the next run polls until stopped. */
	std::atomic<bool> stopped{ false };
	std::thread later([&] {
		usleep(200000);
		stopped = true;
		fsctp_rt_stop(g_rt);
	});
	EXPECT_EQ(fsctp_rt_run(g_rt), 0);
	EXPECT_TRUE(stopped.load());
	later.join();
}

TEST_F(Api, CallsFromAnotherThreadWhileTheLoopsRun)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	b.echo_inline = true;
	struct fsctp_addr dst;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &dst), 0);
	dst.port = 2905;
	ASSERT_EQ(fsctp_sock_listen(b.s, 2905), 0);
	std::atomic<bool> ok{ false };
	std::atomic<int> send_err{ 0 };
	std::thread app([&] {
		std::vector<fsctp_assoc_id_t> ids;
		/* A thread inherits the main lcore's CPU (DPDK pins the main
		 * thread): on the CPU of a polling lcore, every lock hand-over
		 * waits for a time slice. */
		EXPECT_EQ(fsctp_rt_unpin_thread(g_rt), 0);
		for (int i = 0; i < 8; i++) {
			int64_t id = fsctp_sock_connect(a.s, &dst, 0);
			if (id <= 0)
				break;
			ids.push_back((fsctp_assoc_id_t)id);
		}
		uint64_t end = fsctp_rt_now_us() + 10000000;
		while (a.n_up < ids.size() && fsctp_rt_now_us() < end)
			usleep(1000);
		struct fsctp_sndinfo si = {};
		for (int k = 0; k < 100; k++)
			for (auto id : ids) {
				int rc;
				while ((rc = fsctp_sendmsg(a.s, id, "ping", 4,
							   &si)) == -EAGAIN &&
				       fsctp_rt_now_us() < end)
					usleep(100);
				if (rc != 0)
					send_err = rc;
			}
		while (a.n_data < 800 && fsctp_rt_now_us() < end)
			usleep(1000);
		ok = ids.size() == 8 && a.n_data == 800;
		fsctp_rt_stop(g_rt);
	});
	EXPECT_EQ(fsctp_rt_run(g_rt), 0);
	app.join();
	EXPECT_EQ(send_err.load(), 0);
	EXPECT_TRUE(ok) << a.n_up << " up, " << a.n_data << " echoes, "
			<< b.n_data << " requests";
	EXPECT_EQ(fsctp_rt_poll(g_rt) >= 0, true); /* polling again */
}

/* The Net layer's on_close: the socket's last callback, once, after on_end
 * (graceful) or on_error (refused); bindings hold the pointer until then. */
struct NetLog {
	std::vector<std::string> ev;
	struct fsctp_net_socket *accepted = nullptr;
};

const struct fsctp_net_socket_cbs net_log_cbs = {
	nullptr,
	[](struct fsctp_net_socket *, void *c) {
		static_cast<NetLog *>(c)->ev.push_back("end");
	},
	[](struct fsctp_net_socket *, void *c, int err) {
		static_cast<NetLog *>(c)->ev.push_back("error:" +
						       std::to_string(-err));
	},
	nullptr,
	[](struct fsctp_net_socket *, void *c) {
		static_cast<NetLog *>(c)->ev.push_back("close");
	},
};

TEST_F(Api, NetOnCloseIsTheLastCallback)
{
	struct fsctp_net *cn = fsctp_net_create(g_rt, 1);
	struct fsctp_net *sn = fsctp_net_create(g_rt, 2);
	ASSERT_NE(cn, nullptr);
	ASSERT_NE(sn, nullptr);
	NetLog cl, sl;
	struct fsctp_net_server *srv = fsctp_net_create_server(
		sn,
		[](struct fsctp_net_server *, struct fsctp_net_socket *sk,
		   void *c) {
			NetLog *l = static_cast<NetLog *>(c);
			l->accepted = sk;
			fsctp_net_socket_on(sk, &net_log_cbs, l);
		},
		&sl);
	ASSERT_EQ(fsctp_net_server_listen(srv, 2906), 0);
	struct fsctp_net_connect_opts o = {};
	o.host = "198.18.0.2";
	o.port = 2906;
	bool up = false;
	struct fsctp_net_socket *sk = fsctp_net_connect(
		cn, &o,
		[](struct fsctp_net_socket *, void *c) {
			*static_cast<bool *>(c) = true;
		},
		&up);
	ASSERT_NE(sk, nullptr);
	ASSERT_EQ(fsctp_net_socket_on(sk, &net_log_cbs, &cl), 0);
	ASSERT_TRUE(pump_until([&] { return up && sl.accepted != nullptr; }));
	ASSERT_EQ(fsctp_net_end(sk), 0);
	ASSERT_TRUE(pump_until([&] {
		return !cl.ev.empty() && cl.ev.back() == "close" &&
		       !sl.ev.empty() && sl.ev.back() == "close";
	}));
	EXPECT_EQ(cl.ev, (std::vector<std::string>{ "end", "close" }));
	EXPECT_EQ(sl.ev, (std::vector<std::string>{ "end", "close" }));

	/* Refused: no listener on 2907; the peer ABORTs the INIT. */
	NetLog rl;
	o.port = 2907;
	sk = fsctp_net_connect(cn, &o, nullptr, nullptr);
	ASSERT_NE(sk, nullptr);
	ASSERT_EQ(fsctp_net_socket_on(sk, &net_log_cbs, &rl), 0);
	ASSERT_TRUE(pump_until(
		[&] { return !rl.ev.empty() && rl.ev.back() == "close"; }));
	EXPECT_EQ(rl.ev,
		  (std::vector<std::string>{
			  "error:" + std::to_string(ECONNREFUSED), "close" }));
	/* Nothing more arrives after on_close. */
	for (int i = 0; i < 1000; i++)
		fsctp_rt_poll(g_rt);
	EXPECT_EQ(cl.ev.size(), 2u);
	EXPECT_EQ(sl.ev.size(), 2u);
	EXPECT_EQ(rl.ev.size(), 2u);
	fsctp_net_free(cn);
	fsctp_net_free(sn);
}

/* The Net layer connects to a multi-homed peer with its own addresses,
 * streams, RTO and heartbeat settings (the options a telecom link sets):
 * both of the peer's addresses become paths, and the association carries
 * the values asked for, the streams those of its INIT even though the
 * socket's default is back before the handshake ends (RFC 9260 5.1.1);
 * bad options are refused before anything is sent. */
TEST_F(Api, NetConnectMultiHomedWithPerAssociationOptions)
{
	struct fsctp_net *cn = fsctp_net_create(g_rt, 1);
	struct fsctp_net *sn = fsctp_net_create(g_rt, 2);
	ASSERT_NE(cn, nullptr);
	ASSERT_NE(sn, nullptr);
	NetLog sl;
	struct fsctp_net_server *srv = fsctp_net_create_server(
		sn,
		[](struct fsctp_net_server *, struct fsctp_net_socket *sk,
		   void *c) { static_cast<NetLog *>(c)->accepted = sk; },
		&sl);
	ASSERT_EQ(fsctp_net_server_listen(srv, 2908), 0);
	const char *more[] = { "2001:db8::2" };
	const char *local[] = { "198.18.0.1", "2001:db8::1" };
	struct fsctp_net_connect_opts o = {};
	o.host = "198.18.0.2";
	o.port = 2908;
	o.more_hosts = more;
	o.n_more_hosts = 1;
	o.local_hosts = local;
	o.n_local_hosts = 2;
	o.streams = 5;
	o.rto_initial_ms = 300;
	o.rto_min_ms = 100;
	o.rto_max_ms = 400;
	o.hb_interval_ms = 500;
	o.path_max_retrans = 2;
	/* Refused up front: a bad address, too many, RTO.Min > RTO.Max. */
	struct fsctp_net_connect_opts bad = o;
	const char *junk[] = { "198.18.0.300" };
	bad.more_hosts = junk;
	EXPECT_EQ(fsctp_net_connect(cn, &bad, nullptr, nullptr), nullptr);
	EXPECT_EQ(rte_errno, EINVAL);
	bad = o;
	bad.n_more_hosts = FSCTP_NET_MAX_ADDRS;
	EXPECT_EQ(fsctp_net_connect(cn, &bad, nullptr, nullptr), nullptr);
	bad = o;
	bad.rto_min_ms = 500;
	EXPECT_EQ(fsctp_net_connect(cn, &bad, nullptr, nullptr), nullptr);
	bool up = false;
	struct fsctp_net_socket *sk = fsctp_net_connect(
		cn, &o,
		[](struct fsctp_net_socket *, void *c) {
			*static_cast<bool *>(c) = true;
		},
		&up);
	ASSERT_NE(sk, nullptr);
	ASSERT_TRUE(pump_until([&] { return up && sl.accepted != nullptr; }));
	fsctp_assoc_id_t id = fsctp_net_socket_assoc(sk);
	struct fsctp_sock *s = fsctp_net_sock(cn);
	struct fsctp_assocparams ap = {};
	size_t len = sizeof(ap);
	ASSERT_EQ(fsctp_getopt(s, id, FSCTP_OPT_ASSOCINFO, &ap, &len), 0);
	EXPECT_EQ(ap.number_peer_destinations, 2u);
	/* The server listens on its port's IPv4 address alone (no
	 * bindx): it keeps the paths of the types it bound, our IPv4 one
	 * (fsctp_mh_sat(); RFC 9260 5.1.2). */
	struct fsctp_assocparams sap = {};
	len = sizeof(sap);
	ASSERT_EQ(fsctp_getopt(fsctp_net_sock(sn),
			       fsctp_net_socket_assoc(sl.accepted),
			       FSCTP_OPT_ASSOCINFO, &sap, &len),
		  0);
	EXPECT_EQ(sap.number_peer_destinations, 1u);
	struct fsctp_status st = {};
	len = sizeof(st);
	ASSERT_EQ(fsctp_getopt(s, id, FSCTP_OPT_STATUS, &st, &len), 0);
	EXPECT_EQ(st.outstrms, 5u);
	struct fsctp_rtoinfo ri = {};
	len = sizeof(ri);
	ASSERT_EQ(fsctp_getopt(s, id, FSCTP_OPT_RTOINFO, &ri, &len), 0);
	EXPECT_EQ(ri.initial, 300u);
	EXPECT_EQ(ri.min, 100u);
	EXPECT_EQ(ri.max, 400u);
	struct fsctp_paddrparams pp = {};
	len = sizeof(pp);
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET6, &pp.address), 0);
	pp.address.port = 2908;
	ASSERT_EQ(fsctp_getopt(s, id, FSCTP_OPT_PEER_ADDR_PARAMS, &pp, &len),
		  0);
	EXPECT_EQ(pp.hbinterval, 500u);
	EXPECT_EQ(pp.pathmaxrxt, 2u);
	/* The socket's defaults are as before for the next association. */
	struct fsctp_initmsg im = {};
	len = sizeof(im);
	ASSERT_EQ(fsctp_getopt(s, 0, FSCTP_OPT_INITMSG, &im, &len), 0);
	EXPECT_NE(im.num_ostreams, 5u);
	fsctp_net_free(cn);
	fsctp_net_free(sn);
}

/* RFC 6525 through the API: the option that enables the peer's requests
 * (6.3.1), a stream reset (6.3.2) and added streams (6.3.4), with their
 * events. */
TEST_F(Api, StreamResetAndAddStreams)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	uint32_t en = FSCTP_ENABLE_RESET_STREAM_REQ |
		      FSCTP_ENABLE_CHANGE_ASSOC_REQ,
		 got = 0;
	size_t len = sizeof(got);
	EXPECT_EQ(fsctp_setopt(b.s, 0, FSCTP_OPT_ENABLE_STREAM_RESET, &en,
			       sizeof(en)),
		  0);
	EXPECT_EQ(
		fsctp_getopt(b.s, 0, FSCTP_OPT_ENABLE_STREAM_RESET, &got, &len),
		0);
	EXPECT_EQ(got, en);
	uint32_t bad = 0x100;
	EXPECT_EQ(fsctp_setopt(b.s, 0, FSCTP_OPT_ENABLE_STREAM_RESET, &bad,
			       sizeof(bad)),
		  -EINVAL);
	fsctp_assoc_id_t id = connect_pair();
	ASSERT_NE(id, 0u);
	struct fsctp_sndinfo si = {};
	si.sid = 1;
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "one", 3, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 1; }));
	const uint16_t s1 = 1;
	EXPECT_EQ(fsctp_sock_reset_streams(a.s, id, 0, &s1, 1), -EINVAL);
	EXPECT_EQ(fsctp_sock_reset_streams(a.s, 0, FSCTP_STREAM_RESET_OUTGOING,
					   &s1, 1),
		  -ENOTCONN);
	EXPECT_EQ(fsctp_sock_reset_streams(a.s, id, FSCTP_STREAM_RESET_OUTGOING,
					   &s1, 1),
		  0);
	ASSERT_TRUE(pump_until([&] {
		std::lock_guard<std::mutex> g(a.mu);
		return a.saw(FSCTP_EV_STREAM_RESET);
	}));
	EXPECT_TRUE(b.saw(FSCTP_EV_STREAM_RESET));
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "two", 3, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 2; }));
	EXPECT_EQ(b.msgs[1].ri.ssn, 0);
	EXPECT_EQ(fsctp_sock_add_streams(a.s, id, 0, 2), 0);
	ASSERT_TRUE(pump_until([&] {
		std::lock_guard<std::mutex> g(a.mu);
		return a.saw(FSCTP_EV_STREAM_CHANGE);
	}));
	si.sid = 17;
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "new", 3, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 3; }));
	EXPECT_EQ(b.msgs[2].ri.sid, 17);
	EXPECT_STREQ(fsctp_event_name(FSCTP_EV_STREAM_RESET),
		     "SCTP_STREAM_RESET_EVENT");
	EXPECT_STREQ(fsctp_event_name(FSCTP_EV_STREAM_CHANGE),
		     "SCTP_STREAM_CHANGE_EVENT");
}

/* RFC 5061 through the API: not negotiated, -EOPNOTSUPP; with AUTH and
 * FSCTP_OPT_ASCONF_SUPPORTED on both sides, Set Primary of our own
 * address (fsctp_sock_set_peer_primary() and the RFC 6458 option
 * FSCTP_OPT_SET_PEER_PRIMARY_ADDR) answered: FSCTP_EV_ASCONF_RESULT. */
TEST_F(Api, AsconfSetPeerPrimary)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	struct fsctp_addr mine;
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 0, FSCTP_AF_INET4, &mine), 0);
	fsctp_assoc_id_t id = connect_pair();
	ASSERT_NE(id, 0u);
	EXPECT_EQ(fsctp_sock_set_peer_primary(a.s, id, &mine), -EOPNOTSUPP);
	EXPECT_EQ(fsctp_sock_asconf_add_addr(a.s, id, nullptr), -EINVAL);
	EXPECT_EQ(fsctp_sock_asconf_del_addr(a.s, 0, &mine), -ENOTCONN);
	fsctp_sock_free(a.s);
	fsctp_sock_free(b.s);
	a.s = b.s = nullptr;
	a.up = b.up = 0;
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	int on = 1;
	for (auto *s : { a.s, b.s }) {
		ASSERT_EQ(fsctp_setopt(s, 0, FSCTP_OPT_AUTH_SUPPORTED, &on,
				       sizeof(on)),
			  0);
		ASSERT_EQ(fsctp_setopt(s, 0, FSCTP_OPT_ASCONF_SUPPORTED, &on,
				       sizeof(on)),
			  0);
	}
	id = connect_pair();
	ASSERT_NE(id, 0u);
	int got = 0;
	size_t len = sizeof(got);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_ASCONF_SUPPORTED, &got, &len),
		  0);
	EXPECT_EQ(got, 1);
	EXPECT_EQ(fsctp_sock_set_peer_primary(a.s, id, &mine), 0);
	auto results = [&] {
		std::lock_guard<std::mutex> g(a.mu);
		return std::count(a.events.begin(), a.events.end(),
				  FSCTP_EV_ASCONF_RESULT);
	};
	ASSERT_TRUE(pump_until([&] { return results() == 1; }));
	struct fsctp_setprim sp = {};
	sp.addr = mine;
	EXPECT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_SET_PEER_PRIMARY_ADDR, &sp,
			       sizeof(sp)),
		  0);
	ASSERT_TRUE(pump_until([&] { return results() == 2; }));
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_SET_PEER_PRIMARY_ADDR, &sp,
			       sizeof(sp)),
		  -EINVAL);
	EXPECT_EQ(fsctp_sock_asconf_del_addr(a.s, id, &mine), -EINVAL)
		<< "our last address";
	EXPECT_STREQ(fsctp_event_name(FSCTP_EV_ASCONF_RESULT), "ASCONF_RESULT");
}

/* RFC 6525 6.3.3 through the API: the SSN/TSN reset, enabled by
 * FSCTP_ENABLE_RESET_ASSOC_REQ (6.3.1), asked once the association is
 * dry; both sides report SCTP_ASSOC_RESET_EVENT and the SSNs restart. */
TEST_F(Api, AssocReset)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	uint32_t en = FSCTP_ENABLE_RESET_ASSOC_REQ;
	EXPECT_EQ(fsctp_setopt(b.s, 0, FSCTP_OPT_ENABLE_STREAM_RESET, &en,
			       sizeof(en)),
		  0);
	fsctp_assoc_id_t id = connect_pair();
	ASSERT_NE(id, 0u);
	struct fsctp_sndinfo si = {};
	si.sid = 1;
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "one", 3, &si), 0);
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "two", 3, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 2; }));
	EXPECT_EQ(fsctp_sock_reset_assoc(nullptr, id), -EINVAL);
	EXPECT_EQ(fsctp_sock_reset_assoc(a.s, 0), -ENOTCONN);
	/* -EAGAIN until what was sent is acknowledged. */
	int rc = -EAGAIN;
	ASSERT_TRUE(pump_until([&] {
		rc = fsctp_sock_reset_assoc(a.s, id);
		return rc != -EAGAIN;
	}));
	EXPECT_EQ(rc, 0);
	ASSERT_TRUE(pump_until([&] {
		std::lock_guard<std::mutex> g(a.mu);
		return a.saw(FSCTP_EV_ASSOC_RESET);
	}));
	EXPECT_TRUE(b.saw(FSCTP_EV_ASSOC_RESET));
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "three", 5, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 3; }));
	EXPECT_EQ(b.msgs[2].ri.ssn, 0);
	EXPECT_STREQ(fsctp_event_name(FSCTP_EV_ASSOC_RESET),
		     "SCTP_ASSOC_RESET_EVENT");
}

/* RFC 6951 6.1 SCTP_REMOTE_UDP_ENCAPS_PORT on a live association: the
 * client's packets go in UDP once it is set (the server learns the port
 * from them, 5.4) and raw again once it is 0. Needs [sctp] udp_encaps:
 * ring-pair-2lcore.ini has it, ring-pair.ini not (-ENOTSUP there). */
TEST_F(Api, RemoteUdpEncapsPort)
{
	ASSERT_NE(make(a, 1), nullptr);
	ASSERT_NE(make(b, 2), nullptr);
	fsctp_assoc_id_t id = connect_pair();
	ASSERT_NE(id, 0u);
	struct fsctp_udpencaps ue = {};
	ue.port = 9899;
	EXPECT_EQ(fsctp_setopt(a.s, 0, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &ue,
			       sizeof(ue)),
		  -EINVAL);
	int rc = fsctp_setopt(a.s, id, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &ue,
			      sizeof(ue));
	if (strstr(FSCTP_TEST_PROFILE, "2lcore") == nullptr) {
		EXPECT_EQ(rc, -ENOTSUP);
		return;
	}
	ASSERT_EQ(rc, 0);
	struct fsctp_udpencaps q = {};
	size_t len = sizeof(q);
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &q.address), 0);
	ASSERT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &q,
			       &len),
		  0);
	EXPECT_EQ(q.port, 9899);
	/* The server has not heard from the client in UDP yet. */
	struct fsctp_udpencaps c = {};
	ASSERT_EQ(fsctp_rt_port_addr(g_rt, 0, FSCTP_AF_INET4, &c.address), 0);
	len = sizeof(c);
	ASSERT_EQ(fsctp_getopt(b.s, b.up, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &c,
			       &len),
		  0);
	EXPECT_EQ(c.port, 0);
	struct fsctp_sndinfo si = {};
	{
		std::lock_guard<std::mutex> g(a.mu);
		a.events.clear();
	}
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "in udp", 6, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 1; }));
	ASSERT_EQ(fsctp_getopt(b.s, b.up, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &c,
			       &len),
		  0);
	EXPECT_EQ(c.port, 9899); /* learnt: it came in UDP */
	/* Once the server's SACK (in UDP too, teaching the client the same
	 * port) is in: raw SCTP again, and the server forgets the port. */
	ASSERT_TRUE(pump_until([&] {
		std::lock_guard<std::mutex> g(a.mu);
		return a.saw(FSCTP_EV_SENDER_DRY);
	}));
	ue.port = 0;
	ue.address = q.address;
	ASSERT_EQ(fsctp_setopt(a.s, id, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &ue,
			       sizeof(ue)),
		  0);
	EXPECT_EQ(fsctp_sendmsg(a.s, id, "raw", 3, &si), 0);
	ASSERT_TRUE(pump_until([&] { return b.msgs.size() == 2; }));
	ASSERT_EQ(fsctp_getopt(b.s, b.up, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &c,
			       &len),
		  0);
	EXPECT_EQ(c.port, 0);
	EXPECT_EQ(b.msgs[0].data, "in udp");
	EXPECT_EQ(b.msgs[1].data, "raw");
	/* Not a peer address; no address to read. */
	struct fsctp_udpencaps bad = {};
	fsctp_addr_set_v4(&bad.address, 198, 18, 9, 9, 0);
	len = sizeof(bad);
	EXPECT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &bad,
			       &len),
		  -EADDRNOTAVAIL);
	memset(&bad, 0, sizeof(bad));
	EXPECT_EQ(fsctp_getopt(a.s, id, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &bad,
			       &len),
		  -EINVAL);
}

TEST_F(Api, EventNames)
{
	EXPECT_STREQ(fsctp_event_name(FSCTP_EV_COMM_UP), "SCTP_COMM_UP");
	EXPECT_STREQ(fsctp_event_name(FSCTP_EV_SENDER_DRY),
		     "SCTP_SENDER_DRY_EVENT");
	EXPECT_STREQ(fsctp_event_name((enum fsctp_event_type)99), "?");
}

} // namespace

int
main(int argc, char **argv)
{
	::testing::InitGoogleTest(&argc, argv);
	std::string prefix =
		"--file-prefix=fsctp-ut-api-" + std::to_string(getpid());
	std::string prof =
		std::string(FSCTP_SOURCE_DIR) + "/" FSCTP_TEST_PROFILE;
	char *eal[] = { prefix.data(), (char *)"--log-level=lib.eal:warning" };
	struct fsctp_rt_options o = {};
	o.profile = prof.c_str();
	o.n_eal = 2;
	o.eal = eal;
	g_rt = fsctp_rt_open(&o);
	if (g_rt == nullptr) {
		fprintf(stderr, "cannot open the runtime: %s\n",
			rte_strerror(rte_errno));
		return 2;
	}
	int rc = RUN_ALL_TESTS();
	fsctp_rt_close(g_rt);
	return rc;
}
