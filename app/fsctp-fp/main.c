/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-fp: run the fsctp fast path from a drivers-config profile.
 *
 *   fsctp-fp -p PROFILE [--check] [--seconds N] [--connect SRC,DST]
 *            [--abort-on-stop] [--eal WORD]...
 *
 * --check     load the profile, start the EAL and the ports (pools
 *             included), print "profile ok" and exit: a bad profile
 *             exits 1 with a message naming the problem.
 * --seconds   stop after N seconds as if SIGTERM had arrived.
 * --connect   connect from SRC to DST (a.b.c.d:port or [v6]:port).
 * --abort-on-stop
 *             on stop, ABORT every association (RFC 9260 9.1) instead of
 *             shutting it down gracefully.
 * --eal WORD  one more EAL argument (e.g. --file-prefix=NAME).
 *
 * SIGINT/SIGTERM (and the end of --seconds): associations are shut down
 * gracefully within the profile's [sctp] shutdown_ms (or ABORTed with
 * --abort-on-stop), then everything is freed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>

#include "fsctp_rt_engine.h"

static struct fsctp_rt_engine *g_fp;
static bool g_abort_on_stop;

static void
on_signal(int sig)
{
	(void)sig;
	if (g_abort_on_stop)
		fsctp_rt_engine_abort(g_fp);
	else
		fsctp_rt_engine_stop(g_fp);
}

static int
parse_taddr(const char *s, struct fsctp_addr *a)
{
	char buf[80];
	const char *colon;
	unsigned long port;
	char *end;
	uint8_t pfx;

	memset(a, 0, sizeof(*a));
	if (s[0] == '[') {
		const char *rb = strchr(s, ']');

		if (rb == NULL || rb[1] != ':' ||
		    (size_t)(rb - s) >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, s + 1, (size_t)(rb - s - 1));
		buf[rb - s - 1] = '\0';
		colon = rb + 1;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL || (size_t)(colon - s) >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, s, (size_t)(colon - s));
		buf[colon - s] = '\0';
	}
	if (fsctp_net_parse_addr(buf, &a->family, a->ip.v6, &pfx) != 0)
		return -EINVAL;
	port = strtoul(colon + 1, &end, 10);
	if (*end != '\0')
		return -EINVAL;
	if (port == 0 || port > 65535)
		return -EINVAL;
	a->port = (uint16_t)port;
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: fsctp-fp -p PROFILE [--check] [--seconds N] "
			"[--connect SRC,DST] [--abort-on-stop] "
			"[--eal WORD]...\n");
}

int
main(int argc, char **argv)
{
	const char *profile = NULL, *connect = NULL;
	struct fsctp_rt_config cfg;
	struct fsctp_rt_ports ports;
	char *extra[32];
	int n_extra = 0, seconds = 0, i, rc;
	bool check = false;
	struct timespec t0, t1;
	uint64_t tsc0;
	char err[512];

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			profile = argv[++i];
		else if (strcmp(argv[i], "--check") == 0)
			check = true;
		else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
			seconds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--connect") == 0 && i + 1 < argc)
			connect = argv[++i];
		else if (strcmp(argv[i], "--abort-on-stop") == 0)
			g_abort_on_stop = true;
		else if (strcmp(argv[i], "--eal") == 0 && i + 1 < argc &&
			 n_extra < 32)
			extra[n_extra++] = argv[++i];
		else {
			usage();
			return 2;
		}
	}
	if (profile == NULL) {
		usage();
		return 2;
	}
	if (fsctp_rt_config_load(profile, &cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (fsctp_rt_eal_init(&cfg, n_extra, extra, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (fsctp_rt_ports_start(&cfg, &ports, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		rte_eal_cleanup();
		return 1;
	}
	if (check) {
		printf("profile ok: %u ports, %u fast-path lcores\n", ports.n,
		       cfg.n_fastpath);
		fsctp_rt_ports_stop(&ports);
		rte_eal_cleanup();
		return 0;
	}
	g_fp = fsctp_rt_engine_create(&cfg, &ports, err, sizeof(err));
	if (g_fp != NULL &&
	    fsctp_rt_engine_inst_create(g_fp, NULL, err, sizeof(err)) < 0) {
		fsctp_rt_engine_free(g_fp);
		g_fp = NULL;
	}
	if (g_fp == NULL) {
		fprintf(stderr, "%s\n", err);
		fsctp_rt_ports_stop(&ports);
		rte_eal_cleanup();
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (seconds > 0) {
		signal(SIGALRM, on_signal);
		alarm((unsigned int)seconds);
	}
	if (connect != NULL) {
		struct fsctp_addr src, dst;
		char first[80];
		const char *comma = strchr(connect, ',');
		size_t n = comma != NULL ? (size_t)(comma - connect) : 0;

		if (n < sizeof(first)) {
			memcpy(first, connect, n);
			first[n] = '\0';
		}
		if (comma == NULL || n >= sizeof(first) ||
		    parse_taddr(first, &src) != 0 ||
		    parse_taddr(comma + 1, &dst) != 0 ||
		    fsctp_rt_engine_connect(g_fp, 0, &src, &dst) != 0)
			fprintf(stderr, "bad --connect '%s'\n", connect);
	}
	printf("fsctp-fp: running (%u lcores); SIGINT/SIGTERM to stop\n",
	       fsctp_rt_engine_n_lcores(g_fp));
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	tsc0 = fsctp_rt_now_us();
	rc = fsctp_rt_engine_run(g_fp);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("ran %.3f s (monotonic), %.3f s (TSC)\n",
	       (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       (double)(fsctp_rt_now_us() - tsc0) / 1e6);
	for (i = 0; i < (int)fsctp_rt_engine_n_lcores(g_fp); i++) {
		const struct fsctp_rt_engine_lcore_stats *s =
			fsctp_rt_engine_lcore_stats(g_fp, (unsigned int)i);
		const struct fsctp_rt_lcore_stats *l = fsctp_rt_lcore_stats(
			fsctp_rt_engine_lcore(g_fp, (unsigned)i));

		printf("lcore %d: rx %lu tx %lu sctp %lu handoff out %lu in "
		       "%lu comm_up %lu comm_down %lu restarts %lu "
		       "comm_lost %lu data_msgs %lu data_bytes %lu "
		       "tx_udp_encaps %lu udp_port_learnt %lu\n",
		       i, (unsigned long)s->rx, (unsigned long)s->tx,
		       (unsigned long)l->rx_sctp, (unsigned long)s->handoff_out,
		       (unsigned long)s->handoff_in, (unsigned long)s->comm_up,
		       (unsigned long)s->comm_down, (unsigned long)s->restarts,
		       (unsigned long)s->comm_lost, (unsigned long)s->data_msgs,
		       (unsigned long)s->data_bytes,
		       (unsigned long)l->tx_udp_encaps,
		       (unsigned long)l->udp_port_learnt);
	}
	fsctp_rt_engine_free(g_fp);
	fsctp_rt_ports_stop(&ports);
	rte_eal_cleanup();
	printf("fsctp-fp: stopped\n");
	return rc == 0 ? 0 : 1;
}
