/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-perf: benchmark and load generator in the spirit of iperf / tsctp.
 *
 *   fsctp-perf loopback [-p PROFILE] [options]   client and server in one
 *        process on the two ports of a ring pair (ring-pair.ini), both
 *        sockets polled INLINE by the one main lcore (one thread)
 *   fsctp-perf server -p PROFILE [--listen PORT]  counts what arrives,
 *        echoes request/response messages; SIGINT/SIGTERM to stop
 *   fsctp-perf client -p PROFILE --connect IP:PORT [options]
 *
 * Options: --size BYTES (default 1400), --assocs N (1), --streams N (1),
 *   --unordered, --duration S (5) or --count N (messages per association),
 *   --rate MSGS/S (total, 0 = unlimited), --rr (request/response: one
 *   message in flight per association, latency measured), --listen PORT
 *   (5001), --json, --quiet (no progress lines), --eal WORD.
 *
 * Output: a progress line every second and a final summary: messages/s,
 * goodput in Gbit/s (user bytes delivered), retransmitted chunks, latency
 * p50/p99/p99.9 in microseconds (--rr), TSC cycles per message (the whole
 * poll loop's cycles divided by the messages delivered). tsctp-style end
 * lines: the server prints the bytes and messages it received, the client
 * the bytes it sent.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_errno.h>

#include "fsctp.h"

#define RR_PPID	    0x66707272u /* "fprr": echo me */
#define BULK_PPID   0x66706275u /* "fpbu": count me */
#define MAX_ASSOCS  1024
#define MAX_SAMPLES (1u << 20)

struct assoc {
	fsctp_assoc_id_t id;
	bool up, done, closed;
	uint64_t sent, rcvd; /* messages */
	bool waiting;	     /* --rr: a request is outstanding */
};

struct side {
	struct fsctp_sock *s;
	uint64_t msgs, bytes; /* received */
	uint64_t sent_msgs, sent_bytes;
	uint32_t n_up, n_closed, n_lost;
};

static struct {
	uint32_t size, assocs;
	uint16_t streams, listen;
	bool unordered, rr, json, quiet;
	double duration;
	uint64_t count, rate;
} o = { 1400, 1, 1, 5001, false, false, false, false, 5.0, 0, 0 };

static struct fsctp_rt *g_rt;
static volatile int g_stop;
static struct side cli, srv;
static struct assoc as[MAX_ASSOCS];
static uint32_t n_as;
static uint8_t *g_buf;
static uint64_t *lat; /* microseconds * 1000 (ns) */
static uint64_t n_lat;
static uint64_t tokens, last_refill;
static bool sending = true;

static void
on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
	fsctp_rt_stop(g_rt);
}

static struct assoc *
assoc_of(fsctp_assoc_id_t id)
{
	uint32_t i;

	for (i = 0; i < n_as; i++)
		if (as[i].id == id)
			return &as[i];
	return NULL;
}

static uint64_t
now_ns(void)
{
	return rte_get_tsc_cycles() * 1000000000ull / rte_get_tsc_hz();
}

/* ---------------------------------------------------------------------- */
/* Server side: count, echo requests. */

static void
srv_on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	    const uint8_t *data, uint32_t len)
{
	struct side *sd = ctx;

	sd->msgs++;
	sd->bytes += len;
	if (ri->ppid == RR_PPID) {
		struct fsctp_sndinfo si = { .sid = ri->sid,
					    .ppid = RR_PPID,
					    .unordered = ri->unordered };

		/* One request in flight per association: room is there. */
		if (fsctp_sendmsg(s, ri->assoc_id, data, len, &si) == 0) {
			sd->sent_msgs++;
			sd->sent_bytes += len;
		}
	}
}

static void
srv_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct side *sd = ctx;

	(void)s;
	if (ev->type == FSCTP_EV_COMM_UP)
		sd->n_up++;
	else if (ev->type == FSCTP_EV_SHUTDOWN_COMP)
		sd->n_closed++;
	else if (ev->type == FSCTP_EV_COMM_LOST)
		sd->n_lost++;
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

static bool
send_one(struct assoc *a)
{
	struct fsctp_sndinfo si = {
		.sid = (uint16_t)(a->sent % o.streams),
		.ppid = o.rr ? RR_PPID : BULK_PPID,
		.unordered = o.unordered,
	};
	int rc;

	if (o.rate != 0 && tokens == 0)
		return false;
	if (o.rr) {
		uint64_t t = now_ns();

		memcpy(g_buf, &t, o.size >= 8 ? 8 : o.size);
	}
	rc = fsctp_sendmsg(cli.s, a->id, g_buf, o.size, &si);
	if (rc != 0)
		return false; /* -EAGAIN: WRITABLE follows */
	if (o.rate != 0)
		tokens--;
	a->sent++;
	cli.sent_msgs++;
	cli.sent_bytes += o.size;
	if (o.count != 0 && a->sent >= o.count)
		a->done = true;
	return true;
}

static void
pump(void)
{
	uint32_t i;
	bool more = true;

	if (!sending)
		return;
	refill();
	while (more) {
		more = false;
		for (i = 0; i < n_as; i++) {
			struct assoc *a = &as[i];

			if (!a->up || a->done || (o.rr && a->waiting))
				continue;
			if (send_one(a)) {
				if (o.rr)
					a->waiting = true;
				else
					more = true;
			}
		}
	}
}

static void
cli_on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	    const uint8_t *data, uint32_t len)
{
	struct assoc *a = assoc_of(ri->assoc_id);
	uint64_t t0 = 0;

	(void)s;
	(void)ctx;
	cli.msgs++;
	cli.bytes += len;
	if (a == NULL || !o.rr)
		return;
	a->rcvd++;
	a->waiting = false;
	if (len >= 8) {
		memcpy(&t0, data, 8);
		if (n_lat < MAX_SAMPLES && lat != NULL)
			lat[n_lat++] = now_ns() - t0;
	}
	pump();
}

static void
cli_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct assoc *a = assoc_of(ev->assoc_id);

	(void)s;
	(void)ctx;
	switch (ev->type) {
	case FSCTP_EV_COMM_UP:
		if (a != NULL)
			a->up = true;
		cli.n_up++;
		pump();
		break;
	case FSCTP_EV_WRITABLE:
		pump();
		break;
	case FSCTP_EV_SHUTDOWN_COMP:
		if (a != NULL)
			a->closed = true;
		cli.n_closed++;
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_CANT_STR_ASSOC:
		if (a != NULL)
			a->closed = true;
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

static double
pct(double p)
{
	uint64_t i;

	if (n_lat == 0)
		return 0;
	i = (uint64_t)(p / 100.0 * (double)(n_lat - 1) + 0.5);
	return (double)lat[i] / 1000.0;
}

/* Loss accounting of both sides: where packets went missing, and what it
 * cost (retransmitted chunks, T3 expiries, fast retransmissions). */
struct perf_loss {
	uint64_t rtx, t3, fast, tx_drop, port_full;
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
}

static void
summary(const char *mode, double secs, uint64_t cycles)
{
	/* Delivered: what the receiving side counted (the server's in
	 * loopback and server mode; the client's echoes in --rr). */
	uint64_t msgs = srv.s != NULL ? srv.msgs : cli.sent_msgs;
	uint64_t bytes = srv.s != NULL ? srv.bytes : cli.sent_bytes;
	double mps = secs > 0 ? (double)msgs / secs : 0;
	double gbps = secs > 0 ? (double)bytes * 8 / secs / 1e9 : 0;
	double cpm = msgs ? (double)cycles / (double)msgs : 0;
	struct perf_loss l = { 0 };
	uint64_t rtx;

	loss_add(&l, cli.s);
	loss_add(&l, srv.s);
	rtx = l.rtx;

	if (n_lat > 0)
		qsort(lat, n_lat, sizeof(*lat), cmp_u64);
	if (o.json) {
		printf("{\"mode\":\"%s\",\"size\":%u,\"assocs\":%u,"
		       "\"streams\":%u,\"unordered\":%s,\"rr\":%s,"
		       "\"seconds\":%.3f,\"client_sent_msgs\":%lu,"
		       "\"client_sent_bytes\":%lu,\"server_rcvd_msgs\":%lu,"
		       "\"server_rcvd_bytes\":%lu,\"msgs_per_s\":%.0f,"
		       "\"goodput_gbps\":%.4f,\"retransmissions\":%lu,"
		       "\"lat_p50_us\":%.2f,\"lat_p99_us\":%.2f,"
		       "\"lat_p999_us\":%.2f,\"tsc_cycles_per_msg\":%.0f}\n",
		       mode, o.size, o.assocs, o.streams,
		       o.unordered ? "true" : "false", o.rr ? "true" : "false",
		       secs, (unsigned long)cli.sent_msgs,
		       (unsigned long)cli.sent_bytes, (unsigned long)srv.msgs,
		       (unsigned long)srv.bytes, mps, gbps, (unsigned long)rtx,
		       pct(50), pct(99), pct(99.9), cpm);
		return;
	}
	if (cli.s != NULL)
		printf("client sent %lu msgs %lu bytes\n",
		       (unsigned long)cli.sent_msgs,
		       (unsigned long)cli.sent_bytes);
	if (srv.s != NULL)
		printf("server received %lu msgs %lu bytes\n",
		       (unsigned long)srv.msgs, (unsigned long)srv.bytes);
	printf("loss: %lu frames dropped (TX queue full), %lu bursts held "
	       "back by a full port, %lu T3-rtx expiries, %lu chunks marked by "
	       "fast retransmit\n",
	       (unsigned long)l.tx_drop, (unsigned long)l.port_full,
	       (unsigned long)l.t3, (unsigned long)l.fast);
	printf("summary: %s size %u assocs %u: %.3f s, %.0f msgs/s, %.4f "
	       "Gbit/s goodput, %lu retransmissions, %.0f TSC cycles/msg",
	       mode, o.size, o.assocs, secs, mps, gbps, (unsigned long)rtx,
	       cpm);
	if (o.rr)
		printf(", latency p50 %.2f us p99 %.2f us p99.9 %.2f us "
		       "(%lu samples)",
		       pct(50), pct(99), pct(99.9), (unsigned long)n_lat);
	printf("\n");
}

static bool
all_closed(void)
{
	uint32_t i;

	for (i = 0; i < n_as; i++)
		if (!as[i].closed)
			return false;
	return true;
}

static void
progress(double t, uint64_t *last_msgs, uint64_t *last_bytes)
{
	uint64_t m = srv.s != NULL ? srv.msgs : cli.sent_msgs;
	uint64_t b = srv.s != NULL ? srv.bytes : cli.sent_bytes;

	if (!o.quiet && !o.json)
		printf("[%6.1f s] %lu msgs/s %.4f Gbit/s (total %lu msgs)\n", t,
		       (unsigned long)(m - *last_msgs),
		       (double)(b - *last_bytes) * 8 / 1e9, (unsigned long)m);
	*last_msgs = m;
	*last_bytes = b;
}

/* Run the client (and the server in loopback) until done. */
static int
run(const char *mode)
{
	uint64_t t0 = 0, next = 0, lm = 0, lb = 0, c0 = 0, cycles = 0;
	uint64_t end = 0, limit;
	uint32_t i;
	bool closing = false;

	/* Wait for the associations (5 s). */
	limit = fsctp_rt_now_us() + 5000000;
	while (cli.s != NULL && cli.n_up + cli.n_lost < n_as && !g_stop) {
		fsctp_rt_poll(g_rt);
		if (fsctp_rt_now_us() > limit)
			break;
	}
	if (cli.s != NULL && cli.n_up < n_as) {
		fprintf(stderr, "fsctp-perf: %u of %u associations up\n",
			cli.n_up, n_as);
		return -ETIMEDOUT;
	}
	t0 = fsctp_rt_now_us();
	next = t0 + 1000000;
	end = o.count == 0 ? t0 + (uint64_t)(o.duration * 1e6) : UINT64_MAX;
	c0 = rte_get_tsc_cycles();
	pump();
	while (!g_stop) {
		uint64_t t;

		fsctp_rt_poll(g_rt);
		pump();
		t = fsctp_rt_now_us();
		if (t >= next) {
			progress((double)(t - t0) / 1e6, &lm, &lb);
			next += 1000000;
		}
		if (cli.s == NULL)
			continue; /* server: until a signal */
		if (!closing) {
			bool all_done = true;

			for (i = 0; i < n_as; i++)
				if (!as[i].done)
					all_done = false;
			/* --rr: wait for the last response too. */
			for (i = 0; o.rr && i < n_as; i++)
				if (as[i].waiting)
					all_done = false;
			if (t >= end || all_done) {
				closing = true;
				sending = false;
				cycles = rte_get_tsc_cycles() - c0;
				end = t;
				for (i = 0; i < n_as; i++)
					fsctp_sock_shutdown(cli.s, as[i].id);
				limit = t + 10000000;
			}
		} else if (all_closed() ||
			   (srv.s != NULL && srv.n_closed >= n_as) ||
			   t > limit) {
			break;
		}
	}
	if (!closing) {
		cycles = rte_get_tsc_cycles() - c0;
		end = fsctp_rt_now_us();
	}
	/* Loopback: let the server see the last SHUTDOWN COMPLETE. */
	for (i = 0; srv.s != NULL && cli.s != NULL && i < 1000; i++)
		fsctp_rt_poll(g_rt);
	summary(mode, (double)(end - t0) / 1e6, cycles);
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
	fprintf(f, "usage: fsctp-perf loopback|server|client [-p PROFILE] "
		   "[--connect IP:PORT] [--listen PORT]\n"
		   "       [--size B] [--assocs N] [--streams N] [--unordered] "
		   "[--duration S | --count N]\n"
		   "       [--rate MSGS/S] [--rr] [--json] [--quiet] "
		   "[--eal WORD]...\n"
		   "       fsctp-perf -h|--help\n");
}

int
main(int argc, char **argv)
{
	const char *mode, *profile = "drivers-config/ring-pair.ini";
	const char *connect = NULL;
	char *eal[34], prefix[64];
	struct fsctp_rt_options ro;
	struct fsctp_addr dst;
	int n_eal = 0, i, rc = 0;
	bool has_prefix = false;

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
		if (strcmp(a, "--json") == 0) {
			o.json = true;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			o.quiet = true;
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
		else if (strcmp(a, "--listen") == 0)
			o.listen = (uint16_t)atoi(v);
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
		else if (strcmp(a, "--eal") == 0 && n_eal < 32) {
			has_prefix |= strncmp(v, "--file-prefix", 13) == 0;
			eal[n_eal++] = (char *)(uintptr_t)v;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (o.assocs == 0 || o.assocs > MAX_ASSOCS) {
		fprintf(stderr, "fsctp-perf: --assocs must be 1..%u\n",
			MAX_ASSOCS);
		return 2;
	}
	if (o.size == 0 || o.streams == 0 || o.listen == 0) {
		fprintf(stderr, "fsctp-perf: --size, --streams and --listen "
				"must be above 0\n");
		return 2;
	}
	if (o.rr && o.size < 8) {
		fprintf(stderr, "fsctp-perf: --rr needs --size >= 8\n");
		return 2;
	}
	if (strcmp(mode, "client") == 0 &&
	    (connect == NULL || parse_taddr(connect, &dst) != 0)) {
		fprintf(stderr, "fsctp-perf: client needs --connect IP:PORT\n");
		return 2;
	}
	if (!has_prefix) {
		snprintf(prefix, sizeof(prefix), "--file-prefix=fsctp-perf-%d",
			 (int)getpid());
		eal[n_eal++] = prefix;
	}
	g_buf = calloc(1, o.size);
	lat = o.rr ? malloc(MAX_SAMPLES * sizeof(*lat)) : NULL;
	if (g_buf == NULL || (o.rr && lat == NULL))
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
		};
		bool loop = strcmp(mode, "loopback") == 0;
		bool is_srv = strcmp(mode, "server") == 0;
		bool is_cli = strcmp(mode, "client") == 0;

		fsctp_stack_config_defaults(&sc);
		sc.max_assocs = MAX_ASSOCS;
		sc.nodelay = o.rr;
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
			if (srv.s == NULL ||
			    fsctp_sock_listen(srv.s, o.listen) != 0) {
				rc = -EINVAL;
				goto out;
			}
		}
		if (loop || is_cli) {
			cli.s = fsctp_sock_create(g_rt, &cc);
			if (cli.s == NULL) {
				rc = -EINVAL;
				goto out;
			}
			if (loop) {
				fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4,
						   &dst);
				dst.port = o.listen;
			}
			for (n_as = 0; n_as < o.assocs; n_as++) {
				int64_t id = fsctp_sock_connect(cli.s, &dst, 0);

				if (id < 0) {
					fprintf(stderr, "connect: %s\n",
						strerror((int)-id));
					rc = (int)id;
					goto out;
				}
				as[n_as].id = (fsctp_assoc_id_t)id;
			}
		}
		if (is_srv && !o.json)
			printf("server: listening on %u\n", o.listen);
		rc = run(mode);
		if (is_srv) /* tsctp-style end line */
			printf("server: received %lu bytes in %lu messages\n",
			       (unsigned long)srv.bytes,
			       (unsigned long)srv.msgs);
		if (is_cli)
			printf("client: sent %lu bytes\n",
			       (unsigned long)cli.sent_bytes);
	}
out:
	fsctp_sock_free(cli.s);
	fsctp_sock_free(srv.s);
	fsctp_rt_close(g_rt);
	free(g_buf);
	free(lat);
	if (rc != 0)
		fprintf(stderr, "fsctp-perf: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}
