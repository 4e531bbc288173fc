/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-perf: benchmark and load generator in the spirit of iperf / tsctp.
 *
 *   fsctp-perf loopback [-p PROFILE] [options]   client and server in one
 *        process on the two ports of a ring pair (ring-pair.ini)
 *   fsctp-perf server -p PROFILE [--listen PORT]  counts what arrives,
 *        echoes request/response messages; SIGINT/SIGTERM to stop
 *   fsctp-perf client -p PROFILE --connect IP:PORT [options]
 *
 * Options: --size BYTES (default 1400), --assocs N (1), --streams N (1),
 *   --unordered, --duration S (5) or --count N (messages per association),
 *   --rate MSGS/S (total, 0 = unlimited), --rr (request/response: one
 *   message in flight per association, latency measured), --listen PORT
 *   (5001), --backlog N (handshakes in flight at most while connecting,
 *   default 4096), --sndbuf BYTES (the client's send buffer per
 *   association, FSCTP_OPT_SNDBUF; default the stack's 1 MiB), --ports N (server ports listen..listen+N-1, the client's
 *   associations spread over them; default: one per 16,000
 *   associations, as one local address reaches one peer port from at
 *   most 16,384 ephemeral ports), --nodelay (switch the Nagle-like coalescing off; the default
 *   keeps the stack's defaults), --run (the fast path runs on its lcores
 *   with fsctp_rt_run(); otherwise the main thread polls every lcore's
 *   turn with fsctp_rt_poll()), --worker (the server side in WORKER mode:
 *   a second thread runs its callbacks), --json, --xstats (every
 *   counter of each socket that is not zero, on stderr, at the end),
 *   --quiet (no progress lines), --eal WORD, --rounds N (loopback, poll
 *   mode: connect, run and close the associations N times in one
 *   process; after each round a line "round R: established client C
 *   server S, mbufs in use M, rss K kB" shows what was given back, round
 *   0 being before the first), --pr-ttl MS / --pr-rtx N (PR-SCTP,
 *   RFC 7496: every message sent with timed or limited-retransmission
 *   reliability; the client's end line then also counts the messages
 *   abandoned, FSCTP_EV_SEND_FAILED with the abandoned flag),
 *   --multihome (every address of every port of the profile is ours: the
 *   server binds them all, sctp_bindx() style, and lists them in its INIT
 *   ACKs; the client lists them in its INIT, sctp_connectx() style),
 *   --peer IP (another address of the multi-homed server, repeatable up
 *   to 7, with --connect's port). Each change of a path's state
 *   (FSCTP_EV_PEER_ADDR_CHANGE) is printed with its time. --asconf
 *   STEPS (client, poll mode, RFC 5061 with [sctp] asconf and auth):
 *   comma-separated add:IP, del:IP or prim:IP, one a second from the
 *   first second of the run, on the first association: add or delete
 *   our address, or ask the peer to make it its primary; each result
 *   (FSCTP_EV_ASCONF_RESULT) is printed.
 *
 * Sending is driven by events: COMM_UP and WRITABLE fill the send buffer
 * of that association, a response sends the next request (--rr); each
 * association finds its state through its user pointer.
 *
 * Output: a progress line every second and a final summary: messages/s,
 * goodput in Gbit/s (user bytes delivered), retransmitted chunks, frames
 * dropped, latency p50/p99/p99.9 in microseconds (--rr), TSC cycles per
 * message (the busy lcores' cycles divided by the messages delivered), the
 * association set-up time and rate, and the memory per association (the
 * process's resident set before and after the set-up). tsctp-style end
 * lines: the server prints the bytes and messages it received, the
 * client the bytes it sent.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_pause.h>

#include "fsctp.h"

#define RR_PPID		0x66707272u /* "fprr": echo me */
#define BULK_PPID	0x66706275u /* "fpbu": count me */
#define MAX_ASSOCS	1000000
#define MAX_SAMPLES	(1u << 20)
#define N_SLOTS		(RTE_MAX_LCORE + 1) /* last: non-EAL threads */
#define FSCTP_MAX_PEERS 8 /* addresses of one association's peer */

struct assoc {
	fsctp_assoc_id_t id;
	atomic_bool up, closed;
	bool done;
	uint64_t sent, rcvd; /* messages */
	bool waiting;	     /* --rr: a request is outstanding */
	bool pending;	     /* in pend_q: WRITABLE, refill to come */
};

/* Counters of one thread (lcore), summed for the reports. */
struct ctr {
	uint64_t msgs, bytes; /* received */
	uint64_t sent_msgs, sent_bytes;
	uint64_t n_lat;
	uint64_t abandoned; /* PR-SCTP: messages given up */
} __rte_cache_aligned;

struct side {
	struct fsctp_sock *s;
	struct ctr c[N_SLOTS];
	atomic_uint n_up, n_closed, n_lost;
};

static struct {
	uint32_t size, assocs;
	uint16_t streams, listen, ports;
	bool unordered, rr, json, quiet, nodelay, run, worker, xstats;
	double duration;
	uint64_t count, rate;
	uint32_t rounds;
	uint32_t backlog; /* handshakes in flight at most (--backlog) */
	uint32_t sndbuf;  /* client send buffer per association, 0: default */
	uint8_t pr_policy;
	uint32_t pr_value;
	bool multihome;
	struct fsctp_addr peers[FSCTP_MAX_PEERS];
	unsigned int n_peers; /* --connect's address and every --peer */
	const char *asconf;   /* --asconf STEPS */
} o = { .size = 1400,
	.assocs = 1,
	.streams = 1,
	.listen = 5001,
	.duration = 5.0,
	.rounds = 1,
	.backlog = 4096 };

static struct fsctp_rt *g_rt;
static atomic_int g_stop;
static struct side cli, srv;
static struct assoc *as;
static uint32_t n_as;
/* Kept whole under its own name for scripts/bench.sh's callgrind toggles
 * (GCC would otherwise clone a function always called with one constant). */
#if defined(__clang__)
#define NOT_CLONED __attribute__((noinline))
#else
#define NOT_CLONED __attribute__((noinline, noclone))
#endif

/* Poll mode: associations that were WRITABLE, refilled a slice per turn
 * of the stacks (feed_pending()); each is in it at most once. */
static struct assoc **pend_q;
static uint32_t pend_head, pend_n;
static uint8_t *g_buf;
static uint64_t *lat[N_SLOTS]; /* nanoseconds, per thread */
static uint64_t tokens, last_refill;
static atomic_bool sending; /* from the start of the measured run */
static atomic_bool worker_stop;

static void
on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
	fsctp_rt_stop(g_rt);
}

static unsigned int
slot(void)
{
	unsigned int id = rte_lcore_id();

	return id < RTE_MAX_LCORE ? id : RTE_MAX_LCORE;
}

static uint64_t
now_ns(void)
{
	return rte_get_tsc_cycles() * 1000000000ull / rte_get_tsc_hz();
}

static struct ctr
sum(const struct side *sd)
{
	struct ctr t = { 0 };
	unsigned int i;

	for (i = 0; i < N_SLOTS; i++) {
		t.msgs += sd->c[i].msgs;
		t.bytes += sd->c[i].bytes;
		t.sent_msgs += sd->c[i].sent_msgs;
		t.sent_bytes += sd->c[i].sent_bytes;
		t.n_lat += sd->c[i].n_lat;
		t.abandoned += sd->c[i].abandoned;
	}
	return t;
}

/* ---------------------------------------------------------------------- */
/* Server side: count, echo requests. */

static void
srv_on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	    const uint8_t *data, uint32_t len)
{
	struct side *sd = ctx;
	struct ctr *c = &sd->c[slot()];

	c->msgs++;
	c->bytes += len;
	if (ri->ppid == RR_PPID) {
		struct fsctp_sndinfo si = { .sid = ri->sid,
					    .ppid = RR_PPID,
					    .unordered = ri->unordered };
		int rc = o.worker ? fsctp_worker_send(s, ri->assoc_id, data,
						      len, &si)
				  : fsctp_sendmsg(s, ri->assoc_id, data, len,
						  &si);

		/* One request in flight per association: room is there. */
		if (rc == 0) {
			c->sent_msgs++;
			c->sent_bytes += len;
		}
	}
}

/* A path's new state, with the time since the start (failover is read
 * from these lines). */
static void
print_path_event(const char *who, const struct fsctp_event *ev)
{
	static const char *const names[] = {
		"AVAILABLE",
		"UNREACHABLE",
		"REMOVED",
		"ADDED",
		"MADE_PRIM",
		"CONFIRMED",
		"POTENTIALLY_FAILED",
	};
	static uint64_t t0;
	char buf[FSCTP_ADDR_STRLEN];
	uint64_t t = fsctp_rt_now_us();

	if (t0 == 0)
		t0 = t;
	fsctp_addr_format(&ev->addr, buf, sizeof(buf));
	printf("%s: path %s %s (errors %u) at %.3f s\n", who, buf,
	       ev->addr_state < RTE_DIM(names) ? names[ev->addr_state] : "?",
	       ev->addr_error, (double)(t - t0) / 1e6);
}

static void
srv_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct side *sd = ctx;

	(void)s;
	if (ev->type == FSCTP_EV_PEER_ADDR_CHANGE)
		print_path_event("server", ev);
	else if (ev->type == FSCTP_EV_COMM_UP)
		sd->n_up++;
	else if (ev->type == FSCTP_EV_SHUTDOWN_COMP)
		sd->n_closed++;
	else if (ev->type == FSCTP_EV_COMM_LOST)
		sd->n_lost++;
}

static void *
worker_main(void *arg)
{
	struct fsctp_sock *s = arg;

	/* A thread made after the EAL started inherits the main lcore's
	 * pinning to one CPU: the worker would share it with the polling
	 * loop. */
	unsigned int idle = 0;

	fsctp_rt_unpin_thread(g_rt);
	/* Spin a little, then sleep until the lcore queues something (on
	 * a shared CPU a spinning worker uses up its share). */
	while (!atomic_load(&worker_stop)) {
		if (fsctp_worker_poll(s, 64) != 0)
			idle = 0;
		else if (++idle < 256)
			rte_pause();
		else
			fsctp_worker_wait(s, FSCTP_WORKER_ANY, 1000);
	}
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* Client side. */

static void
refill(void)
{
	uint64_t t = fsctp_rt_now_us(), add;

	if (o.rate == 0)
		return;
	if (last_refill == 0)
		last_refill = t;
	add = (t - last_refill) * o.rate / 1000000;
	if (add > 0) {
		/* Advance only by the time the whole tokens stand for, so
		 * fractions are not lost between polls. */
		tokens += add;
		last_refill += add * 1000000 / o.rate;
	}
	if (tokens > o.rate / 10 + 1) {
		tokens = o.rate / 10 + 1; /* burst of 100 ms at most */
		last_refill = t;
	}
}

/* Associations that sent their --count messages. */
static atomic_uint n_done;

static void
set_done(struct assoc *a)
{
	if (!a->done)
		atomic_fetch_add(&n_done, 1);
	a->done = true;
}

static bool
send_one(struct assoc *a)
{
	struct fsctp_sndinfo si = {
		.sid = (uint16_t)(a->sent % o.streams),
		.ppid = o.rr ? RR_PPID : BULK_PPID,
		.unordered = o.unordered,
		.pr_policy = o.pr_policy,
		.pr_value = o.pr_value,
	};
	static __thread uint8_t *req;
	struct ctr *c = &cli.c[slot()];
	const uint8_t *p = g_buf;
	int rc;

	if (o.rate != 0 && tokens == 0)
		return false;
	if (o.rr) {
		uint64_t t = now_ns();

		/* The first 8 bytes carry the send time: each thread builds
		 * its requests in its own buffer. */
		if (req == NULL && (req = calloc(1, o.size)) == NULL)
			return false;
		memcpy(req, &t, 8);
		p = req;
	}
	rc = fsctp_sendmsg(cli.s, a->id, p, o.size, &si);
	if (rc != 0)
		return false; /* -EAGAIN: WRITABLE follows */
	if (o.rate != 0)
		tokens--;
	a->sent++;
	c->sent_msgs++;
	c->sent_bytes += o.size;
	if (o.count != 0 && a->sent >= o.count)
		set_done(a);
	return true;
}

/* Bulk on one stream, no --rate: up to max messages (at most 32) in one
 * fsctp_sendmsg_burst() call. @return the number accepted. */
static uint32_t
send_burst(struct assoc *a, uint32_t max)
{
	const struct fsctp_sndinfo si = { .ppid = BULK_PPID,
					  .unordered = o.unordered,
					  .pr_policy = o.pr_policy,
					  .pr_value = o.pr_value };
	struct fsctp_msgvec v[32];
	struct ctr *c = &cli.c[slot()];
	uint32_t n = max < 32 ? max : 32, k;
	int rc;

	if (o.count != 0 && o.count - a->sent < n)
		n = (uint32_t)(o.count - a->sent);
	for (k = 0; k < n; k++)
		v[k] = (struct fsctp_msgvec){ g_buf, o.size };
	rc = fsctp_sendmsg_burst(cli.s, a->id, v, n, &si);
	if (rc <= 0)
		return 0; /* -EAGAIN: WRITABLE follows */
	a->sent += (uint32_t)rc;
	c->sent_msgs += (uint32_t)rc;
	c->sent_bytes += (uint64_t)rc * o.size;
	if (o.count != 0 && a->sent >= o.count)
		set_done(a);
	return (uint32_t)rc;
}

/* Fill one association's send buffer (bulk), at most max messages, or send
 * its next request. *more: stopped at max, with room left. */
static uint32_t
feed_n(struct assoc *a, uint32_t max, bool *more)
{
	uint32_t n = 0;

	*more = false;
	if (!atomic_load(&sending) || !atomic_load(&a->up) || a->done ||
	    (o.rr && a->waiting))
		return 0;
	if (o.rate != 0)
		refill();
	if (o.rr) {
		if (send_one(a))
			a->waiting = true;
		return 1;
	}
	if (o.streams == 1 && o.rate == 0) {
		while (n < max && !a->done) {
			uint32_t want = max - n < 32 ? max - n : 32;
			uint32_t k = send_burst(a, want);

			n += k;
			if (k < want && !a->done)
				return n; /* the send buffer is full */
		}
	} else {
		while (n < max && !a->done && send_one(a))
			n++;
	}
	*more = n == max && !a->done;
	return n;
}

static void
feed(struct assoc *a)
{
	bool more;

	feed_n(a, UINT32_MAX, &more);
}

/* Messages the start of the run sends per call of feed_all(): about a
 * millisecond of work between two turns of the stacks. */
#define FEED_SLICE 4096

/* Offer every association messages, at most budget in this call, going on
 * from where the previous call stopped. The start of the run fills every
 * send buffer a slice at a time with turns of the stacks in between:
 * filling 1,000 buffers of 1 MiB in one go stalls the stacks for seconds,
 * and the T3-rtx timers of the first associations' first packets expire
 * on a lossless link. With --rate, tokens come with time, so each call
 * goes round all of them (poll mode only). Not inlined: scripts/bench.sh
 * counts its instructions by name.
 * @return true when the round is complete. */
static __attribute__((noinline)) bool
feed_all(uint32_t budget)
{
	static uint32_t next;

	/* Nobody left to send (--count reached everywhere). */
	if (atomic_load(&n_done) >= n_as)
		return true;
	/* With --rate, the walk stops where the tokens run out and the next
	 * call goes on from there: a turn of the stacks offers messages to
	 * as many associations as it has tokens for, and not to all of
	 * them (with 100,000 associations a walk of the whole table every
	 * turn cost more than their set-up). */
	if (o.rate != 0)
		refill();
	while (next < n_as && budget > 0) {
		bool more;

		if (o.rate != 0 && tokens == 0)
			return false;

		budget -= feed_n(&as[next], budget, &more);
		if (!more)
			next++;
	}
	if (next < n_as)
		return false;
	next = 0;
	return true;
}

/* Refill the send buffers of WRITABLE associations, at most budget
 * messages, in the order they became writable. Refilling each one whole
 * from its WRITABLE callback made one turn of the stacks read up to 512
 * SACKs and then queue half of a 1 MiB buffer for each: a turn of a
 * second with 1,000 associations, after which the timers ran before the
 * SACKs that had arrived meanwhile were read, and T3-rtx expired on a
 * lossless link. Neither inlined nor cloned: scripts/bench.sh counts it
 * by name. */
static NOT_CLONED void
feed_pending(uint32_t budget)
{
	while (pend_n > 0 && budget > 0) {
		struct assoc *a = pend_q[pend_head];
		bool more;

		budget -= feed_n(a, budget, &more);
		if (more)
			return; /* budget spent, a stays first */
		a->pending = false;
		pend_head = pend_head + 1 == o.assocs ? 0 : pend_head + 1;
		pend_n--;
	}
}

static void
cli_on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	    const uint8_t *data, uint32_t len)
{
	struct assoc *a = ri->user;
	unsigned int sl = slot();
	struct ctr *c = &cli.c[sl];
	uint64_t t0 = 0;

	(void)s;
	(void)ctx;
	c->msgs++;
	c->bytes += len;
	if (a == NULL || !o.rr)
		return;
	a->rcvd++;
	a->waiting = false;
	if (len >= 8) {
		memcpy(&t0, data, 8);
		if (c->n_lat < MAX_SAMPLES / 4 && lat[sl] != NULL)
			lat[sl][c->n_lat++] = now_ns() - t0;
	}
	feed(a);
}

static void
cli_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct assoc *a = ev->user;

	(void)s;
	(void)ctx;
	switch (ev->type) {
	case FSCTP_EV_COMM_UP:
		cli.n_up++;
		if (a != NULL) {
			atomic_store(&a->up, true);
			feed(a);
		}
		break;
	case FSCTP_EV_WRITABLE:
		if (a == NULL)
			break;
		if (o.run || o.rr || pend_q == NULL) {
			feed(a);
		} else if (!a->pending) {
			a->pending = true;
			pend_q[(pend_head + pend_n) % o.assocs] = a;
			pend_n++;
		}
		break;
	case FSCTP_EV_SEND_FAILED:
		if (ev->abandoned)
			cli.c[slot()].abandoned++;
		break;
	case FSCTP_EV_PEER_ADDR_CHANGE:
		print_path_event("client", ev);
		break;
	case FSCTP_EV_ASCONF_RESULT: {
		char buf[FSCTP_ADDR_STRLEN];

		fsctp_addr_format(&ev->addr, buf, sizeof(buf));
		printf("client: asconf %s %s: cause %u\n",
		       ev->addr_state == FSCTP_ADDR_ADDED     ? "add"
		       : ev->addr_state == FSCTP_ADDR_REMOVED ? "del"
							      : "prim",
		       buf, ev->cause);
		break;
	}
	case FSCTP_EV_SHUTDOWN_COMP:
		if (a != NULL)
			atomic_store(&a->closed, true);
		cli.n_closed++;
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_CANT_STR_ASSOC:
		if (a != NULL)
			atomic_store(&a->closed, true);
		cli.n_lost++;
		break;
	default:
		break;
	}
}

/* ---------------------------------------------------------------------- */

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

static uint64_t *all_lat;
static uint64_t n_all_lat;

static void
gather_latency(void)
{
	unsigned int i;

	all_lat = malloc(MAX_SAMPLES * sizeof(*all_lat));
	if (all_lat == NULL)
		return;
	for (i = 0; i < N_SLOTS; i++) {
		uint64_t n = cli.c[i].n_lat;

		if (lat[i] == NULL || n == 0)
			continue;
		if (n_all_lat + n > MAX_SAMPLES)
			n = MAX_SAMPLES - n_all_lat;
		memcpy(all_lat + n_all_lat, lat[i], n * sizeof(*all_lat));
		n_all_lat += n;
	}
	qsort(all_lat, n_all_lat, sizeof(*all_lat), cmp_u64);
}

static double
pct(double p)
{
	uint64_t i;

	if (n_all_lat == 0)
		return 0;
	i = (uint64_t)(p / 100.0 * (double)(n_all_lat - 1) + 0.5);
	return (double)all_lat[i] / 1000.0;
}

/* Loss accounting of both sides: where packets went missing, and what it
 * cost (retransmitted chunks, T3 expiries, fast retransmissions). */
struct perf_loss {
	uint64_t rtx, t3, fast, tx_drop, port_full, rx_dropped, tx_waits;
};

static void
loss_add(struct perf_loss *l, struct fsctp_sock *s)
{
	struct fsctp_sock_stats st;

	if (s == NULL || fsctp_sock_stats(s, &st) != 0)
		return;
	l->rtx += st.stack.fsctp_rtx_chunks;
	l->t3 += st.stack.fsctp_t3_expireds;
	l->fast += st.stack.fsctp_fast_rtx_chunks;
	l->tx_drop += st.tx_drop;
	l->port_full += st.tx_port_full;
	l->rx_dropped += st.stack.fsctp_rx_data_dropped;
	l->tx_waits += st.stack.fsctp_tx_waits;
}

/* --xstats: every counter of a socket that is not zero, on stderr. */
static void
print_xstats(const char *who, const struct fsctp_sock *s)
{
	struct fsctp_xstat *x;
	int n, i;

	if (s == NULL)
		return;
	n = fsctp_sock_xstats(s, NULL, 0);
	if (n <= 0)
		return;
	x = calloc((size_t)n, sizeof(*x));
	if (x == NULL)
		return;
	n = fsctp_sock_xstats(s, x, (unsigned int)n);
	for (i = 0; i < n; i++)
		if (x[i].value != 0)
			fprintf(stderr, "xstats %s %s %lu\n", who, x[i].name,
				(unsigned long)x[i].value);
	free(x);
}

/* Set-up of the associations: time, and resident memory per one. */
static struct {
	double secs;
	long rss_before_kb, rss_after_kb;
} setup;

static long
rss_kb(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static void
summary(const char *mode, double secs, uint64_t cycles)
{
	struct ctr sc = sum(&srv), cc = sum(&cli);
	/* Delivered: what the receiving side counted (the server's in
	 * loopback and server mode; the client's sends otherwise). */
	uint64_t msgs = srv.s != NULL ? sc.msgs : cc.sent_msgs;
	uint64_t bytes = srv.s != NULL ? sc.bytes : cc.sent_bytes;
	double mps = secs > 0 ? (double)msgs / secs : 0;
	double gbps = secs > 0 ? (double)bytes * 8 / secs / 1e9 : 0;
	double cpm = msgs ? (double)cycles / (double)msgs : 0;
	double per_assoc_b =
		n_as ? (double)(setup.rss_after_kb - setup.rss_before_kb) *
				1024.0 / n_as
		     : 0;
	struct perf_loss l = { 0 };

	loss_add(&l, cli.s);
	loss_add(&l, srv.s);
	if (o.xstats) {
		print_xstats("client", cli.s);
		print_xstats("server", srv.s);
	}
	if (o.rr)
		gather_latency();
	if (o.json) {
		printf("{\"mode\":\"%s\",\"size\":%u,\"assocs\":%u,"
		       "\"streams\":%u,\"unordered\":%s,\"rr\":%s,"
		       "\"lcores\":%u,\"run\":%s,\"worker\":%s,"
		       "\"seconds\":%.3f,\"client_sent_msgs\":%lu,"
		       "\"client_sent_bytes\":%lu,\"server_rcvd_msgs\":%lu,"
		       "\"server_rcvd_bytes\":%lu,\"msgs_per_s\":%.0f,"
		       "\"goodput_gbps\":%.4f,\"retransmissions\":%lu,"
		       "\"t3_expiries\":%lu,\"frames_dropped\":%lu,"
		       "\"lat_p50_us\":%.2f,\"lat_p99_us\":%.2f,"
		       "\"lat_p999_us\":%.2f,\"tsc_cycles_per_msg\":%.0f,"
		       "\"setup_s\":%.3f,\"setup_per_s\":%.0f,"
		       "\"bytes_per_assoc\":%.0f}\n",
		       mode, o.size, o.assocs, o.streams,
		       o.unordered ? "true" : "false", o.rr ? "true" : "false",
		       fsctp_rt_n_lcores(g_rt), o.run ? "true" : "false",
		       o.worker ? "true" : "false", secs,
		       (unsigned long)cc.sent_msgs,
		       (unsigned long)cc.sent_bytes, (unsigned long)sc.msgs,
		       (unsigned long)sc.bytes, mps, gbps, (unsigned long)l.rtx,
		       (unsigned long)l.t3, (unsigned long)l.tx_drop, pct(50),
		       pct(99), pct(99.9), cpm, setup.secs,
		       setup.secs > 0 ? n_as / setup.secs : 0, per_assoc_b);
		return;
	}
	if (cli.s != NULL)
		printf("client sent %lu msgs %lu bytes\n",
		       (unsigned long)cc.sent_msgs,
		       (unsigned long)cc.sent_bytes);
	if (srv.s != NULL)
		printf("server received %lu msgs %lu bytes\n",
		       (unsigned long)sc.msgs, (unsigned long)sc.bytes);
	if (cli.s != NULL && n_as > 0)
		printf("setup: %u associations up in %.3f s (%.0f/s), %.0f "
		       "bytes resident per association\n",
		       n_as, setup.secs, setup.secs > 0 ? n_as / setup.secs : 0,
		       per_assoc_b);
	printf("loss: %lu frames dropped (TX queue full), %lu bursts held "
	       "back by a full port, %lu times DATA waited for room, %lu DATA "
	       "chunks the receiver dropped, %lu T3-rtx expiries, %lu chunks "
	       "marked by fast retransmit\n",
	       (unsigned long)l.tx_drop, (unsigned long)l.port_full,
	       (unsigned long)l.tx_waits, (unsigned long)l.rx_dropped,
	       (unsigned long)l.t3, (unsigned long)l.fast);
	printf("summary: %s size %u assocs %u lcores %u%s%s: %.3f s, %.0f "
	       "msgs/s, %.4f Gbit/s goodput, %lu retransmissions, %.0f TSC "
	       "cycles/msg",
	       mode, o.size, o.assocs, fsctp_rt_n_lcores(g_rt),
	       o.run ? " (run)" : " (poll)", o.worker ? " worker" : "", secs,
	       mps, gbps, (unsigned long)l.rtx, cpm);
	if (o.rr)
		printf(", latency p50 %.2f us p99 %.2f us p99.9 %.2f us "
		       "(%lu samples)",
		       pct(50), pct(99), pct(99.9), (unsigned long)n_all_lat);
	printf("\n");
}

/* as[0, closed_scan) are closed: a closed association stays closed
 * (until round_reset()), so each call goes on from there. */
static uint32_t closed_scan;

static bool
all_closed(void)
{
	while (closed_scan < n_as && atomic_load(&as[closed_scan].closed))
		closed_scan++;
	return closed_scan >= n_as;
}

static bool
all_done(void)
{
	uint32_t i;

	/* Counted as they finish: run_step() asks every turn, and a walk
	 * over the finished ones grew with the run. */
	if (atomic_load(&n_done) < n_as)
		return false;
	for (i = 0; o.rr && i < n_as; i++)
		if (as[i].waiting)
			return false;
	return true;
}

static void
progress(double t, uint64_t *last_msgs, uint64_t *last_bytes)
{
	struct ctr c = sum(srv.s != NULL ? &srv : &cli);
	uint64_t m = srv.s != NULL ? c.msgs : c.sent_msgs;
	uint64_t b = srv.s != NULL ? c.bytes : c.sent_bytes;

	if (!o.quiet && !o.json)
		printf("[%6.1f s] %lu msgs/s %.4f Gbit/s (total %lu msgs)\n", t,
		       (unsigned long)(m - *last_msgs),
		       (double)(b - *last_bytes) * 8 / 1e9, (unsigned long)m);
	*last_msgs = m;
	*last_bytes = b;
}

/* The time and progress of a run, and its end: stop sending, SHUTDOWN
 * every association, wait for them to close. Poll mode calls it between
 * turns; --run calls it from a control thread. */
struct run_state {
	uint64_t t0, next, lm, lb, end, limit, c0, cycles, t_end;
	bool closing, finished, filled;
};

static void
run_step(struct run_state *r)
{
	uint64_t t = fsctp_rt_now_us();
	uint32_t i;

	if (t >= r->next) {
		progress((double)(t - r->t0) / 1e6, &r->lm, &r->lb);
		r->next += 1000000;
	}
	if (atomic_load(&g_stop) && !r->closing && cli.s == NULL) {
		r->finished = true; /* server: until a signal */
		return;
	}
	if (cli.s == NULL)
		return;
	if (!r->closing) {
		if (t >= r->end || all_done() || atomic_load(&g_stop)) {
			r->closing = true;
			atomic_store(&sending, false);
			for (i = 0; i < n_as; i++)
				fsctp_sock_shutdown(cli.s, as[i].id);
			r->limit = t + 10000000;
		}
	} else if (all_closed() ||
		   (srv.s != NULL && atomic_load(&srv.n_closed) >= n_as) ||
		   t > r->limit) {
		/* The measurement ends when the graceful shutdowns are done:
		 * every message accepted has then been delivered (RFC 9260
		 * 9.2), the send buffers' backlog included. */
		r->cycles = rte_get_tsc_cycles() - r->c0;
		r->t_end = t;
		if (t > r->limit)
			fprintf(stderr,
				"fsctp-perf: associations not closed in 10 s: "
				"the rate counts messages not known to be "
				"delivered\n");
		r->finished = true;
	}
}

/* --asconf: the next step once its second has come (poll mode). */
static void
asconf_step(const struct run_state *r)
{
	static const char *next;
	static unsigned int k;
	char step[64], *ip;
	struct fsctp_addr a;
	size_t n;
	int rc;

	if (o.asconf == NULL || n_as == 0)
		return;
	if (next == NULL)
		next = o.asconf;
	if (*next == '\0' ||
	    fsctp_rt_now_us() < r->t0 + (uint64_t)(k + 1) * 1000000)
		return;
	n = strcspn(next, ",");
	snprintf(step, sizeof(step), "%.*s", (int)n, next);
	next += n + (next[n] == ',');
	k++;
	ip = strchr(step, ':');
	if (ip == NULL || fsctp_addr_parse(ip + 1, &a) != 0) {
		printf("client: asconf step '%s': expected add:IP, del:IP or "
		       "prim:IP\n",
		       step);
		return;
	}
	*ip = '\0';
	if (strcmp(step, "add") == 0)
		rc = fsctp_sock_asconf_add_addr(cli.s, as[0].id, &a);
	else if (strcmp(step, "del") == 0)
		rc = fsctp_sock_asconf_del_addr(cli.s, as[0].id, &a);
	else if (strcmp(step, "prim") == 0)
		rc = fsctp_sock_set_peer_primary(cli.s, as[0].id, &a);
	else
		rc = -EINVAL;
	printf("client: asconf %s %s asked: %s\n", step, ip + 1,
	       rc == 0 ? "ok" : strerror(-rc));
}

static void
run_begin(struct run_state *r)
{
	memset(r, 0, sizeof(*r));
	r->t0 = fsctp_rt_now_us();
	r->next = r->t0 + 1000000;
	r->end = o.count == 0 ? r->t0 + (uint64_t)(o.duration * 1e6)
			      : UINT64_MAX;
	r->c0 = rte_get_tsc_cycles();
	atomic_store(&sending, true);
}

static void *
control_main(void *arg)
{
	struct run_state *r = arg;

	fsctp_rt_unpin_thread(g_rt); /* its sends take the lcores' locks */
	while (!r->finished) {
		if (!r->filled)
			r->filled = feed_all(FEED_SLICE);
		else
			usleep(1000);
		run_step(r);
	}
	fsctp_rt_stop(g_rt);
	return NULL;
}

/* Run the client (and the server in loopback) until done. */
static int
run(const char *mode)
{
	struct run_state r;
	uint64_t limit, t_setup;
	uint32_t i;

	/* Wait for the associations (5 s + 1 s per 10,000). */
	t_setup = fsctp_rt_now_us();
	limit = t_setup + 5000000 + (uint64_t)n_as * 100;
	while (cli.s != NULL && cli.n_up + cli.n_lost < n_as &&
	       !atomic_load(&g_stop)) {
		fsctp_rt_poll(g_rt);
		if (fsctp_rt_now_us() > limit)
			break;
	}
	if (cli.s != NULL) {
		setup.secs += (double)(fsctp_rt_now_us() - t_setup) / 1e6;
		setup.rss_after_kb = rss_kb();
	}
	if (cli.s != NULL && cli.n_up < n_as) {
		struct fsctp_sock_stats cs, ss;

		fsctp_sock_stats(cli.s, &cs);
		if (srv.s != NULL)
			fsctp_sock_stats(srv.s, &ss);
		fprintf(stderr,
			"fsctp-perf: %u of %u associations up (client: %lu "
			"lost, T1 expiries %lu, frames dropped %lu; server: "
			"%u up)\n",
			cli.n_up, n_as, (unsigned long)cli.n_lost,
			(unsigned long)cs.stack.sctpT1InitExpireds,
			(unsigned long)cs.tx_drop,
			srv.s != NULL ? srv.n_up : 0);
		return -ETIMEDOUT;
	}
	if (o.run) {
		pthread_t ctl;

		run_begin(&r);
		/* The lcores run the callbacks; a plain thread keeps time.
		 * The first fill of the send buffers (--rr: the first
		 * requests, or a response could race the thread that marks
		 * its request outstanding) is made here, a slice at a time
		 * with turns of the lcores polled from this thread, before
		 * they run on their own: sends from a thread outside the fast
		 * path take the owning lcore's lock, and with every CPU busy
		 * polling each one waits for the scheduler. */
		while (!r.filled) {
			r.filled = feed_all(o.rr ? UINT32_MAX : FEED_SLICE);
			fsctp_rt_poll(g_rt);
		}
		if (pthread_create(&ctl, NULL, control_main, &r) != 0)
			return -errno;
		fsctp_rt_run(g_rt);
		pthread_join(ctl, NULL);
		/* Both sides in one process: the last SHUTDOWN COMPLETE. */
		r.cycles *= fsctp_rt_n_lcores(g_rt);
	} else {
		run_begin(&r);
		while (!r.finished) {
			if (!r.filled)
				r.filled = feed_all(FEED_SLICE);
			else if (o.rate != 0)
				feed_all(UINT32_MAX);
			feed_pending(FEED_SLICE);
			fsctp_rt_poll(g_rt);
			run_step(&r);
			asconf_step(&r);
		}
	}
	if (!r.closing) {
		r.cycles = rte_get_tsc_cycles() - r.c0;
		r.t_end = fsctp_rt_now_us();
	}
	/* Loopback: let the server see the last SHUTDOWN COMPLETE. */
	for (i = 0; srv.s != NULL && cli.s != NULL && i < 1000; i++)
		fsctp_rt_poll(g_rt);
	summary(mode, (double)(r.t_end - r.t0) / 1e6, r.cycles);
	return cli.s == NULL || all_closed() ? 0 : -ETIMEDOUT;
}

static int
parse_taddr(const char *s, struct fsctp_addr *a)
{
	if (fsctp_addr_parse(s, a) != 0 || a->port == 0)
		return -EINVAL;
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: fsctp-perf loopback|server|client [-p PROFILE] "
		"[--connect IP:PORT] [--listen PORT]\n"
		"       [--size B] [--assocs N] [--streams N] [--unordered] "
		"[--duration S | --count N]\n"
		"       [--rate MSGS/S] [--rr] [--nodelay] [--run] [--worker] "
		"[--ports N] [--rounds N] [--backlog N] [--sndbuf B] "
		"[--pr-ttl MS | --pr-rtx N] "
		"[--multihome] [--peer IP]... [--asconf STEPS]\n"
		"       [--json] [--xstats] [--quiet] [--eal WORD]...\n"
		"       fsctp-perf -h|--help\n");
}

static void
count_in_use(struct rte_mempool *mp, void *arg)
{
	*(uint64_t *)arg += rte_mempool_in_use_count(mp);
}

/* Memory a round must give back: mbufs in use in every mempool of the
 * process, and associations still established on either side. */
static void
round_report(uint32_t round)
{
	struct fsctp_sock_stats cs, ss;
	uint64_t in_use = 0;

	memset(&cs, 0, sizeof(cs));
	memset(&ss, 0, sizeof(ss));
	if (cli.s != NULL)
		fsctp_sock_stats(cli.s, &cs);
	if (srv.s != NULL)
		fsctp_sock_stats(srv.s, &ss);
	rte_mempool_walk(count_in_use, &in_use);
	printf("round %u: established client %lu server %lu, mbufs in use "
	       "%lu, rss %ld kB\n",
	       round, (unsigned long)cs.stack.sctpCurrEstab,
	       (unsigned long)ss.stack.sctpCurrEstab, (unsigned long)in_use,
	       rss_kb());
}

/* --rounds: forget the last round's associations (all closed) and
 * counters (each round reports its own). */
static void
round_reset(void)
{
	memset(as, 0, o.assocs * sizeof(*as));
	memset(cli.c, 0, sizeof(cli.c));
	memset(srv.c, 0, sizeof(srv.c));
	n_as = 0;
	pend_head = pend_n = 0;
	atomic_store(&n_done, 0);
	closed_scan = 0;
	cli.n_up = cli.n_closed = cli.n_lost = 0;
	srv.n_up = srv.n_closed = srv.n_lost = 0;
	atomic_store(&sending, false);
}

/* --multihome: the first IPv4 and IPv6 address of every port.
 * @return how many were written (at most max). */
static unsigned int
local_addrs(struct fsctp_addr *out, unsigned int max)
{
	static const uint8_t fam[] = { FSCTP_AF_INET4, FSCTP_AF_INET6 };
	unsigned int n = 0, f;
	uint16_t p;

	for (p = 0; p < fsctp_rt_n_ports(g_rt); p++)
		for (f = 0; f < RTE_DIM(fam); f++)
			if (n < max &&
			    fsctp_rt_port_addr(g_rt, p, fam[f], &out[n]) == 0)
				n++;
	return n;
}

/* Connect the client's associations, letting the handshakes run every 64
 * connects so that a burst of INITs does not outrun the ports. */
static int
connect_all(const struct fsctp_addr *dst)
{
	struct fsctp_addr d = *dst, srcs[FSCTP_MAX_PEERS],
			  dsts[FSCTP_MAX_PEERS];
	unsigned int n_src = 0, j;
	uint64_t t0 = fsctp_rt_now_us();

	if (o.multihome)
		n_src = local_addrs(srcs, RTE_DIM(srcs));

	setup.rss_before_kb = rss_kb();
	for (n_as = 0; n_as < o.assocs; n_as++) {
		int64_t id;

		/* At most --backlog handshakes at a time: far more INITs
		 * at once would wait in queues longer than T1-init
		 * (RTO.Initial) and be sent again. */
		while (n_as - (cli.n_up + cli.n_lost) >= o.backlog &&
		       !atomic_load(&g_stop))
			fsctp_rt_poll(g_rt);
		/* A turn every 64 connects sends their INITs before the
		 * next ones fill the TX FIFO. */
		if (n_as % 64 == 63)
			fsctp_rt_poll(g_rt);
		d.port = (uint16_t)(dst->port + n_as % o.ports);
		if (o.multihome || o.n_peers > 1) {
			for (j = 0; j < o.n_peers; j++) {
				dsts[j] = j == 0 ? d : o.peers[j];
				dsts[j].port = d.port;
			}
			id = fsctp_sock_connectx(cli.s, n_src ? srcs : NULL,
						 n_src, dsts, o.n_peers, 0,
						 &as[n_as]);
		} else {
			id = fsctp_sock_connect_ex(cli.s, &d, 0, &as[n_as]);
		}

		if (id < 0) {
			fprintf(stderr, "connect %u: %s\n", n_as,
				strerror((int)-id));
			return (int)id;
		}
		as[n_as].id = (fsctp_assoc_id_t)id;
	}
	setup.secs = (double)(fsctp_rt_now_us() - t0) / 1e6;
	return 0;
}

int
main(int argc, char **argv)
{
	const char *mode, *profile = "drivers-config/ring-pair.ini";
	const char *connect = NULL;
	char *eal[34], prefix[64];
	struct fsctp_rt_options ro;
	struct fsctp_addr dst;
	pthread_t worker;
	bool worker_started = false;
	int n_eal = 0, i, rc = 0;
	bool has_prefix = false;
	unsigned int k;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
	}
	mode = argv[1];
	if (strcmp(mode, "loopback") != 0 && strcmp(mode, "server") != 0 &&
	    strcmp(mode, "client") != 0) {
		fprintf(stderr, "fsctp-perf: unknown mode %s\n", mode);
		usage(stderr);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--unordered") == 0) {
			o.unordered = true;
			continue;
		}
		if (strcmp(a, "--rr") == 0) {
			o.rr = true;
			continue;
		}
		if (strcmp(a, "--nodelay") == 0) {
			o.nodelay = true;
			continue;
		}
		if (strcmp(a, "--run") == 0) {
			o.run = true;
			continue;
		}
		if (strcmp(a, "--worker") == 0) {
			o.worker = true;
			continue;
		}
		if (strcmp(a, "--json") == 0) {
			o.json = true;
			continue;
		}
		if (strcmp(a, "--xstats") == 0) {
			o.xstats = true;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			o.quiet = true;
			continue;
		}
		if (strcmp(a, "--multihome") == 0) {
			o.multihome = true;
			continue;
		}
		if (v == NULL) {
			usage(stderr);
			return 2;
		}
		i++;
		if (strcmp(a, "-p") == 0 || strcmp(a, "--profile") == 0)
			profile = v;
		else if (strcmp(a, "--connect") == 0)
			connect = v;
		else if (strcmp(a, "--asconf") == 0)
			o.asconf = v;
		else if (strcmp(a, "--peer") == 0) {
			if (o.n_peers + 1 >= FSCTP_MAX_PEERS ||
			    fsctp_addr_parse(v, &o.peers[++o.n_peers]) != 0) {
				fprintf(stderr,
					"fsctp-perf: --peer IP (at "
					"most %u): %s\n",
					FSCTP_MAX_PEERS - 1, v);
				return 2;
			}
		} else if (strcmp(a, "--listen") == 0)
			o.listen = (uint16_t)atoi(v);
		else if (strcmp(a, "--ports") == 0)
			o.ports = (uint16_t)atoi(v);
		else if (strcmp(a, "--size") == 0)
			o.size = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--assocs") == 0)
			o.assocs = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--streams") == 0)
			o.streams = (uint16_t)atoi(v);
		else if (strcmp(a, "--duration") == 0)
			o.duration = atof(v);
		else if (strcmp(a, "--count") == 0)
			o.count = strtoull(v, NULL, 10);
		else if (strcmp(a, "--rate") == 0)
			o.rate = strtoull(v, NULL, 10);
		else if (strcmp(a, "--rounds") == 0)
			o.rounds = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--backlog") == 0)
			o.backlog = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--sndbuf") == 0)
			o.sndbuf = (uint32_t)strtoul(v, NULL, 10);
		else if (strcmp(a, "--pr-ttl") == 0) {
			o.pr_policy = FSCTP_PR_TTL;
			o.pr_value = (uint32_t)strtoul(v, NULL, 10);
		} else if (strcmp(a, "--pr-rtx") == 0) {
			o.pr_policy = FSCTP_PR_RTX;
			o.pr_value = (uint32_t)strtoul(v, NULL, 10);
		} else if (strcmp(a, "--eal") == 0 && n_eal < 32) {
			has_prefix |= strncmp(v, "--file-prefix", 13) == 0;
			eal[n_eal++] = (char *)(uintptr_t)v;
		} else {
			usage(stderr);
			return 2;
		}
	}
	/* One local address and one peer transport address give at most
	 * one association per local port: past the 16,384 ephemeral ports
	 * the associations go to several server ports. */
	if (o.ports == 0)
		o.ports = (uint16_t)((o.assocs + 15999) / 16000);
	if (o.size == 0 || o.streams == 0 || o.listen == 0 ||
	    o.listen + (uint32_t)o.ports > 65536) {
		fprintf(stderr, "fsctp-perf: --size, --streams and --listen "
				"must be > 0\n");
		return 2;
	}
	if (o.assocs == 0 || o.assocs > MAX_ASSOCS) {
		fprintf(stderr, "fsctp-perf: --assocs must be 1..%u\n",
			MAX_ASSOCS);
		return 2;
	}
	if (o.rr && o.size < 8) {
		fprintf(stderr, "fsctp-perf: --rr needs --size >= 8 (the "
				"send time rides in the message)\n");
		return 2;
	}
	if (o.backlog == 0 || o.backlog > MAX_ASSOCS) {
		fprintf(stderr, "fsctp-perf: --backlog must be 1..%u\n",
			MAX_ASSOCS);
		return 2;
	}
	if (o.rounds == 0 ||
	    (o.rounds > 1 && (strcmp(mode, "loopback") != 0 || o.run))) {
		fprintf(stderr, "fsctp-perf: --rounds must be >= 1, and > 1 "
				"only in loopback poll mode\n");
		return 2;
	}
	if (o.asconf != NULL && (o.run || strcmp(mode, "client") != 0)) {
		fprintf(stderr, "fsctp-perf: --asconf works in client poll "
				"mode only (without --run)\n");
		return 2;
	}
	if (o.run && o.rate != 0) {
		fprintf(stderr, "fsctp-perf: --rate works in poll mode only "
				"(without --run)\n");
		return 2;
	}
	if (strcmp(mode, "client") == 0 &&
	    (connect == NULL || parse_taddr(connect, &dst) != 0)) {
		fprintf(stderr, "fsctp-perf: client needs --connect IP:PORT\n");
		return 2;
	}
	o.n_peers++; /* peers[0] stands for --connect's address */
	if (!has_prefix) {
		snprintf(prefix, sizeof(prefix), "--file-prefix=fsctp-perf-%d",
			 (int)getpid());
		eal[n_eal++] = prefix;
	}
	g_buf = calloc(1, o.size);
	as = calloc(o.assocs, sizeof(*as));
	pend_q = calloc(o.assocs, sizeof(*pend_q));
	if (g_buf == NULL || as == NULL)
		return 1;
	memset(&ro, 0, sizeof(ro));
	ro.profile = profile;
	ro.n_eal = n_eal;
	ro.eal = eal;
	g_rt = fsctp_rt_open(&ro);
	if (g_rt == NULL) {
		fprintf(stderr, "fsctp-perf: cannot start on %s: %s\n", profile,
			rte_strerror(rte_errno));
		return 1;
	}
	if (o.rr) {
		/* One sample buffer per thread that may run callbacks. */
		RTE_LCORE_FOREACH(k)
		{
			lat[k] = malloc(MAX_SAMPLES / 4 * sizeof(uint64_t));
		}
		lat[RTE_MAX_LCORE] = malloc(MAX_SAMPLES / 4 * sizeof(uint64_t));
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);

	{
		struct fsctp_stack_config sc;
		struct fsctp_sock_config cc = {
			.stack = &sc,
			.ops = { cli_on_data, cli_on_event },
			.ctx = &cli,
		};
		struct fsctp_sock_config ss = {
			.stack = &sc,
			.ops = { srv_on_data, srv_on_event },
			.ctx = &srv,
			.worker = o.worker,
		};
		bool loop = strcmp(mode, "loopback") == 0;
		bool is_srv = strcmp(mode, "server") == 0;
		bool is_cli = strcmp(mode, "client") == 0;

		/* The profile's parameters, then what the run needs. */
		fsctp_rt_stack_config(g_rt, &sc);
		if (sc.max_assocs < o.assocs + 64)
			sc.max_assocs = o.assocs + 64;
		if (o.nodelay)
			sc.nodelay = true;
		if (sc.max_msg_size < o.size)
			sc.max_msg_size = o.size;
		if (sc.n_out_streams < o.streams)
			sc.n_out_streams = sc.max_in_streams = o.streams;
		if (!loop && !is_srv && !is_cli) {
			usage(stderr);
			rc = -EINVAL;
			goto out;
		}
		if (loop) {
			cc.port_mask = 1u << 0;
			ss.port_mask = 1u << 1;
		}
		if (loop || is_srv) {
			srv.s = fsctp_sock_create(g_rt, &ss);
			if (srv.s == NULL) {
				rc = -EINVAL;
				goto out;
			}
			if (o.multihome) {
				struct fsctp_addr la[FSCTP_MAX_PEERS];
				unsigned int n = local_addrs(la, RTE_DIM(la));

				for (k = 0; k < o.ports && rc == 0; k++)
					rc = fsctp_sock_bindx(
						srv.s, (uint16_t)(o.listen + k),
						la, n);
				if (rc != 0) {
					fprintf(stderr,
						"fsctp-perf: bindx: %s\n",
						strerror(-rc));
					goto out;
				}
			}
			if (fsctp_sock_listen(srv.s, o.listen) != 0) {
				rc = -EINVAL;
				goto out;
			}
			for (k = 1; k < o.ports; k++)
				if (fsctp_sock_listen(
					    srv.s, (uint16_t)(o.listen + k)) !=
				    0) {
					rc = -EINVAL;
					goto out;
				}
			if (o.worker) {
				if (pthread_create(&worker, NULL, worker_main,
						   srv.s) != 0) {
					rc = -errno;
					goto out;
				}
				worker_started = true;
			}
		}
		if (loop || is_cli) {
			cli.s = fsctp_sock_create(g_rt, &cc);
			if (cli.s == NULL) {
				rc = -EINVAL;
				goto out;
			}
			if (o.sndbuf != 0 &&
			    (rc = fsctp_setopt(cli.s, 0, FSCTP_OPT_SNDBUF,
					       &o.sndbuf, sizeof(o.sndbuf))) !=
				    0) {
				fprintf(stderr,
					"fsctp-perf: --sndbuf %u: %s (at least "
					"1024)\n",
					o.sndbuf, strerror(-rc));
				goto out;
			}
			if (loop) {
				fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4,
						   &dst);
				dst.port = o.listen;
			}
		}
		if (is_srv && !o.json)
			printf("server: listening on %u (%u lcores)\n",
			       o.listen, fsctp_rt_n_lcores(g_rt));
		if (o.rounds > 1)
			round_report(0);
		for (k = 1; k <= o.rounds && rc == 0 && !g_stop; k++) {
			if (k > 1)
				round_reset();
			if (cli.s != NULL) {
				rc = connect_all(&dst);
				if (rc != 0)
					goto out;
			}
			rc = run(mode);
			if (o.rounds > 1)
				round_report(k);
		}
		if (is_srv) /* tsctp-style end line */
			printf("server: received %lu bytes in %lu messages\n",
			       (unsigned long)sum(&srv).bytes,
			       (unsigned long)sum(&srv).msgs);
		if (is_cli)
			printf("client: sent %lu bytes\n",
			       (unsigned long)sum(&cli).sent_bytes);
		if (is_cli && o.pr_policy != 0)
			printf("client: sent %lu messages, %lu abandoned\n",
			       (unsigned long)sum(&cli).sent_msgs,
			       (unsigned long)sum(&cli).abandoned);
	}
out:
	if (worker_started) {
		atomic_store(&worker_stop, true);
		pthread_join(worker, NULL);
	}
	fsctp_rt_close(g_rt);
	free(g_buf);
	free(as);
	free(pend_q);
	free(all_lat);
	for (k = 0; k < N_SLOTS; k++)
		free(lat[k]);
	if (rc != 0)
		fprintf(stderr, "fsctp-perf: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}
