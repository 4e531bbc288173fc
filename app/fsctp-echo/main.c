/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-echo: the Node.js `sctp` module's quick example in C, an echo
 * server and an echo/discard client.
 *
 *   fsctp-echo demo   [-p PROFILE]       both sides in one process, over
 *                                        the two ports of ring-pair.ini
 *   fsctp-echo m3ua-server -p PROFILE [--listen 2905]
 *   fsctp-echo m3ua-client -p PROFILE --connect IP:PORT
 *   fsctp-echo server -p PROFILE [--listen 7] [--addr IP] [--iface NAME]
 *   fsctp-echo client -p PROFILE --connect IP:PORT [--count N]
 *              [--size BYTES] [--streams N] [--unordered] [--discard]
 *              [--reconf]
 *
 * --reconf: after half of the messages, reset every outbound stream and
 * then add two (RFC 6525, fsctp_sock_reset_streams() and
 * fsctp_sock_add_streams()), printing each outcome, then send the rest.
 *
 * Common: --timeout SECONDS (0 = none; default 10 for demo and clients),
 * --eal WORD (one more EAL argument). A --file-prefix unique to the
 * process is added unless the profile or --eal gives one.
 *
 * Exit status: 0 on success, 1 on failure (timeout, mismatch, error).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_errno.h>

#include "fsctp.h"
#include "fsctp_net.h"

/* M3UA ASP Up and ASP Up Ack (RFC 4666 3.5.1, 3.5.2): version 1, class 3
 * (ASPSM), type 1 / 4, length 16, an ASP Identifier parameter (0x0011). */
static const uint8_t asp_up[16] = { 0x01, 0x00, 0x03, 0x01, 0x00, 0x00,
				    0x00, 0x10, 0x00, 0x11, 0x00, 0x08,
				    0x00, 0x00, 0x03, 0xea };
static const uint8_t asp_up_ack[16] = { 0x01, 0x00, 0x03, 0x04, 0x00, 0x00,
					0x00, 0x10, 0x00, 0x11, 0x00, 0x08,
					0x00, 0x00, 0x03, 0xea };

static struct fsctp_rt *g_rt;
static int g_done; /* 1 success, -1 failure */

static void
on_signal(int sig)
{
	(void)sig;
	fsctp_rt_stop(g_rt);
}

static void
hex(const char *who, const uint8_t *d, uint32_t len)
{
	uint32_t i;

	printf("%s", who);
	for (i = 0; i < len && i < 64; i++)
		printf("%02x", d[i]);
	printf("%s\n", len > 64 ? "..." : "");
	fflush(stdout);
}

/* ---------------------------------------------------------------------- */
/* The quick example: an M3UA server and client (README.md).            */

static void
server_on_data(struct fsctp_net_socket *sk, void *ctx, const uint8_t *data,
	       uint32_t len, const struct fsctp_rcvinfo *ri)
{
	(void)ctx;
	hex("server: received ", data, len);
	/* ASP Up (class 3, type 1) -> ASP Up Ack, same stream and PPID. */
	if (ri->ppid == FSCTP_PPID_M3UA && len == sizeof(asp_up) &&
	    memcmp(data, asp_up, sizeof(asp_up)) == 0)
		fsctp_net_write(sk, asp_up_ack, sizeof(asp_up_ack));
}

static void
server_on_connection(struct fsctp_net_server *srv, struct fsctp_net_socket *sk,
		     void *ctx)
{
	struct fsctp_net_socket_cbs cbs = { .on_data = server_on_data };

	(void)srv;
	(void)ctx;
	printf("server: association %u up\n", fsctp_net_socket_assoc(sk));
	fsctp_net_socket_on(sk, &cbs, NULL);
}

static void
client_on_data(struct fsctp_net_socket *sk, void *ctx, const uint8_t *data,
	       uint32_t len, const struct fsctp_rcvinfo *ri)
{
	(void)ctx;
	hex("client: received ", data, len);
	g_done = ri->ppid == FSCTP_PPID_M3UA && len == sizeof(asp_up_ack) &&
				 memcmp(data, asp_up_ack, len) == 0
			 ? 1
			 : -1;
	fsctp_net_end(sk);
}

static void
client_on_error(struct fsctp_net_socket *sk, void *ctx, int err)
{
	(void)sk;
	(void)ctx;
	fprintf(stderr, "client: %s\n", strerror(-err));
	g_done = -1;
}

static void
client_on_connect(struct fsctp_net_socket *sk, void *ctx)
{
	(void)ctx;
	printf("client: connected, sending ASP Up\n");
	fsctp_net_write(sk, asp_up, sizeof(asp_up));
}

static int
m3ua_server(struct fsctp_net *net, uint16_t port)
{
	struct fsctp_net_server *srv =
		fsctp_net_create_server(net, server_on_connection, NULL);

	return srv != NULL ? fsctp_net_server_listen(srv, port) : -rte_errno;
}

static int
m3ua_client(struct fsctp_net *net, const char *host, uint16_t port)
{
	struct fsctp_net_connect_opts o = { .host = host,
					    .port = port,
					    .ppid = FSCTP_PPID_M3UA };
	struct fsctp_net_socket_cbs cbs = { .on_data = client_on_data,
					    .on_error = client_on_error };
	struct fsctp_net_socket *sk =
		fsctp_net_connect(net, &o, client_on_connect, NULL);

	if (sk == NULL)
		return -rte_errno;
	return fsctp_net_socket_on(sk, &cbs, NULL);
}

/* ---------------------------------------------------------------------- */
/* The echo server: every message back whole, same stream, PPID, flags. */

struct pending {
	struct pending *next;
	fsctp_assoc_id_t id;
	struct fsctp_sndinfo si;
	uint32_t len;
	uint8_t data[];
};

static struct pending *g_backlog, **g_backlog_tail = &g_backlog;
static uint64_t g_echo_msgs, g_echo_bytes, g_backlog_n;

static void
backlog_flush(struct fsctp_sock *s)
{
	while (g_backlog != NULL) {
		struct pending *p = g_backlog;
		int rc = fsctp_sendmsg(s, p->id, p->data, p->len, &p->si);

		if (rc == -EAGAIN)
			return;
		g_backlog = p->next;
		if (g_backlog == NULL)
			g_backlog_tail = &g_backlog;
		free(p);
		g_backlog_n--;
	}
}

static void
echo_on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	     const uint8_t *data, uint32_t len)
{
	struct fsctp_sndinfo si = { .sid = ri->sid,
				    .ppid = ri->ppid,
				    .unordered = ri->unordered };
	struct pending *p;
	int rc = -EAGAIN;

	(void)ctx;
	g_echo_msgs++;
	g_echo_bytes += len;
	if (g_backlog == NULL)
		rc = fsctp_sendmsg(s, ri->assoc_id, data, len, &si);
	if (rc != -EAGAIN)
		return;
	/* Keep order: queue behind what is already waiting. */
	p = malloc(sizeof(*p) + len);
	if (p == NULL)
		return;
	p->next = NULL;
	p->id = ri->assoc_id;
	p->si = si;
	p->len = len;
	memcpy(p->data, data, len);
	*g_backlog_tail = p;
	g_backlog_tail = &p->next;
	g_backlog_n++;
}

static void
echo_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	(void)ctx;
	if (ev->type == FSCTP_EV_WRITABLE)
		backlog_flush(s);
	else if (ev->type != FSCTP_EV_SENDER_DRY)
		printf("server: %s on association %u\n",
		       fsctp_event_name(ev->type), ev->assoc_id);
	fflush(stdout);
}

/* ---------------------------------------------------------------------- */
/* The client: N messages, echoes verified (or a discard server).        */

struct client {
	fsctp_assoc_id_t id;
	bool up, ended;
	uint64_t count, size, sent, rcvd, sent_bytes, rcvd_bytes;
	uint16_t streams;
	bool unordered, discard, mismatch;
	uint8_t *buf;
	/* --reconf: 0 off, 1 before the reset, 2 reset asked, 3 streams
	 * asked, 4 done. */
	int reconf;
};

static void
fill(uint8_t *b, uint64_t size, uint64_t seq)
{
	uint64_t i;

	for (i = 0; i < size; i++)
		b[i] = (uint8_t)(seq * 131 + i * 7);
}

static void
client_pump(struct fsctp_sock *s, struct client *c)
{
	while (c->up && c->sent < c->count) {
		if (c->reconf == 1 && c->sent == c->count / 2) {
			int rc = fsctp_sock_reset_streams(
				s, c->id, FSCTP_STREAM_RESET_OUTGOING, NULL, 0);

			printf("client: reset streams: %d\n", rc);
			fflush(stdout);
			c->reconf = rc == 0 ? 2 : 4;
		}
		if (c->reconf == 2 || c->reconf == 3)
			return; /* the answer first */
		struct fsctp_sndinfo si = {
			.sid = (uint16_t)(c->sent % c->streams),
			.ppid = 0,
			.unordered = c->unordered,
		};
		int rc;

		fill(c->buf, c->size, c->sent);
		rc = fsctp_sendmsg(s, c->id, c->buf, (uint32_t)c->size, &si);
		if (rc == -EAGAIN)
			return; /* WRITABLE follows */
		if (rc != 0) {
			fprintf(stderr, "client: send: %s\n", strerror(-rc));
			c->mismatch = true;
			c->count = c->sent;
			break;
		}
		c->sent++;
		c->sent_bytes += c->size;
	}
	if (c->up && c->sent == c->count &&
	    (c->discard || c->rcvd == c->count) && !c->ended) {
		c->ended = true;
		fsctp_sock_shutdown(s, c->id);
	}
}

static void
cl_on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	   const uint8_t *data, uint32_t len)
{
	struct client *c = ctx;
	uint8_t *want;

	(void)ri;
	want = malloc(c->size);
	/* Unordered echoes may come back in any order within a stream:
	 * check the size only then. */
	if (want != NULL && !c->unordered && c->streams == 1) {
		fill(want, c->size, c->rcvd);
		if (len != c->size || memcmp(want, data, len) != 0)
			c->mismatch = true;
	} else if (len != c->size) {
		c->mismatch = true;
	}
	free(want);
	c->rcvd++;
	c->rcvd_bytes += len;
	client_pump(s, c);
}

static void
cl_on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct client *c = ctx;

	switch (ev->type) {
	case FSCTP_EV_COMM_UP:
		c->up = true;
		client_pump(s, c);
		break;
	case FSCTP_EV_WRITABLE:
		client_pump(s, c);
		break;
	case FSCTP_EV_STREAM_RESET:
		printf("client: %s flags 0x%x\n", fsctp_event_name(ev->type),
		       (unsigned int)ev->reconf_flags);
		fflush(stdout);
		if (c->reconf == 2) {
			int rc = fsctp_sock_add_streams(s, c->id, 0, 2);

			c->reconf = rc == 0 ? 3 : 4;
			client_pump(s, c);
		}
		break;
	case FSCTP_EV_STREAM_CHANGE:
		printf("client: %s flags 0x%x in %u out %u\n",
		       fsctp_event_name(ev->type),
		       (unsigned int)ev->reconf_flags,
		       (unsigned int)ev->n_in_streams,
		       (unsigned int)ev->n_out_streams);
		fflush(stdout);
		if (c->reconf == 3) {
			c->reconf = 4;
			client_pump(s, c);
		}
		break;
	case FSCTP_EV_SHUTDOWN_COMP:
		g_done = 1;
		break;
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_CANT_STR_ASSOC:
		fprintf(stderr, "client: %s\n", fsctp_event_name(ev->type));
		g_done = -1;
		break;
	default:
		break;
	}
}

/* ---------------------------------------------------------------------- */

static int
parse_taddr(const char *s, char *host, size_t cap, uint16_t *port)
{
	const char *colon = strrchr(s, ':');
	const char *h = s;
	size_t n;
	long p;

	if (colon == NULL)
		return -EINVAL;
	n = (size_t)(colon - s);
	if (s[0] == '[' && n >= 2 && s[n - 1] == ']') {
		h = s + 1;
		n -= 2;
	}
	if (n == 0 || n >= cap)
		return -EINVAL;
	memcpy(host, h, n);
	host[n] = '\0';
	p = strtol(colon + 1, NULL, 10);
	if (p <= 0 || p > 65535)
		return -EINVAL;
	*port = (uint16_t)p;
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: fsctp-echo demo|m3ua-server|m3ua-client|server|client "
		"[-p PROFILE] [--listen PORT] [--connect IP:PORT]\n"
		"       [--addr IP] [--iface NAME] [--count N] [--size B] "
		"[--streams N] [--unordered] [--discard] [--reconf]\n"
		"       [--timeout S] [--eal WORD]...\n"
		"       fsctp-echo -h|--help\n"
		"--addr IP[/PREFIX] replaces port 0's address (default prefix "
		"/24 for IPv4, /64 for IPv6).\n");
}

static bool
is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

/* Poll until done, stopped, or the timeout passes. */
static int
loop(unsigned int timeout_s)
{
	uint64_t end = timeout_s != 0
			       ? fsctp_rt_now_us() + timeout_s * 1000000ull
			       : UINT64_MAX;

	while (g_done == 0) {
		fsctp_rt_poll(g_rt);
		if (fsctp_rt_now_us() > end) {
			fprintf(stderr, "fsctp-echo: timeout after %u s\n",
				timeout_s);
			return -ETIMEDOUT;
		}
	}
	return g_done > 0 ? 0 : -EIO;
}

int
main(int argc, char **argv)
{
	const char *mode, *profile = "drivers-config/ring-pair.ini";
	const char *connect = NULL, *addr = NULL, *iface = NULL;
	char *eal[34], prefix[64], host[64];
	struct fsctp_rt_options ro;
	struct client c;
	unsigned int timeout = 10;
	uint16_t listen = 0, cport = 0;
	int n_eal = 0, i, rc = 0;
	bool has_prefix = false;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
	}
	mode = argv[1];
	if (strcmp(mode, "demo") != 0 && strcmp(mode, "m3ua-server") != 0 &&
	    strcmp(mode, "m3ua-client") != 0 && strcmp(mode, "server") != 0 &&
	    strcmp(mode, "client") != 0) {
		fprintf(stderr, "fsctp-echo: unknown mode %s\n", mode);
		usage(stderr);
		return 2;
	}
	memset(&c, 0, sizeof(c));
	c.count = 1;
	c.size = 1000;
	c.streams = 1;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--unordered") == 0) {
			c.unordered = true;
			continue;
		}
		if (strcmp(a, "--discard") == 0) {
			c.discard = true;
			continue;
		}
		if (strcmp(a, "--reconf") == 0) {
			c.reconf = 1;
			continue;
		}
		if (v == NULL) {
			usage(stderr);
			return 2;
		}
		i++;
		if (strcmp(a, "-p") == 0 || strcmp(a, "--profile") == 0)
			profile = v;
		else if (strcmp(a, "--listen") == 0)
			listen = (uint16_t)atoi(v);
		else if (strcmp(a, "--connect") == 0)
			connect = v;
		else if (strcmp(a, "--addr") == 0)
			addr = v;
		else if (strcmp(a, "--iface") == 0)
			iface = v;
		else if (strcmp(a, "--count") == 0)
			c.count = strtoull(v, NULL, 10);
		else if (strcmp(a, "--size") == 0)
			c.size = strtoull(v, NULL, 10);
		else if (strcmp(a, "--streams") == 0)
			c.streams = (uint16_t)atoi(v);
		else if (strcmp(a, "--timeout") == 0)
			timeout = (unsigned int)atoi(v);
		else if (strcmp(a, "--eal") == 0 && n_eal < 32) {
			has_prefix |= strncmp(v, "--file-prefix", 13) == 0;
			eal[n_eal++] = (char *)(uintptr_t)v;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (c.size == 0 || c.streams == 0 ||
	    (connect != NULL &&
	     parse_taddr(connect, host, sizeof(host), &cport) != 0)) {
		fprintf(stderr, "fsctp-echo: bad --size, --streams or "
				"--connect\n");
		return 2;
	}
	if (!has_prefix) {
		snprintf(prefix, sizeof(prefix), "--file-prefix=fsctp-echo-%d",
			 (int)getpid());
		eal[n_eal++] = prefix;
	}
	memset(&ro, 0, sizeof(ro));
	ro.profile = profile;
	ro.addr = addr;
	ro.iface = iface;
	ro.n_eal = n_eal;
	ro.eal = eal;
	g_rt = fsctp_rt_open(&ro);
	if (g_rt == NULL) {
		fprintf(stderr, "fsctp-echo: cannot start on %s: %s\n", profile,
			rte_strerror(rte_errno));
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (strcmp(mode, "demo") == 0) {
		/* Two stacks in one process: port 0 is the client, port 1
		 * the server (198.18.0.2 in ring-pair.ini). */
		struct fsctp_net *cli = fsctp_net_create(g_rt, 1u << 0);
		struct fsctp_net *srv = fsctp_net_create(g_rt, 1u << 1);
		struct fsctp_addr sa;

		if (cli == NULL || srv == NULL ||
		    fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &sa) != 0 ||
		    inet_ntop(AF_INET, sa.ip.v4, host, sizeof(host)) == NULL)
			rc = -EINVAL;
		if (rc == 0)
			rc = m3ua_server(srv, 2905);
		if (rc == 0)
			rc = m3ua_client(cli, host, 2905);
		if (rc == 0)
			rc = loop(timeout);
		/* Let the SHUTDOWN exchange finish. */
		for (i = 0; i < 2000; i++)
			fsctp_rt_poll(g_rt);
		fsctp_net_free(cli);
		fsctp_net_free(srv);
	} else if (strcmp(mode, "m3ua-server") == 0) {
		struct fsctp_net *net = fsctp_net_create(g_rt, 0);

		rc = net == NULL ? -rte_errno
				 : m3ua_server(net, listen ? listen : 2905);
		if (rc == 0) {
			printf("m3ua-server: listening on %u\n",
			       listen ? listen : 2905);
			fsctp_rt_run(g_rt);
		}
		fsctp_net_free(net);
	} else if (strcmp(mode, "m3ua-client") == 0) {
		struct fsctp_net *net = fsctp_net_create(g_rt, 0);

		rc = net == NULL || connect == NULL
			     ? -EINVAL
			     : m3ua_client(net, host, cport);
		if (rc == 0)
			rc = loop(timeout);
		for (i = 0; i < 2000; i++)
			fsctp_rt_poll(g_rt);
		fsctp_net_free(net);
	} else if (strcmp(mode, "server") == 0) {
		struct fsctp_sock_config sc = {
			.ops = { .on_data = echo_on_data,
				 .on_event = echo_on_event },
		};
		struct fsctp_sock *s = fsctp_sock_create(g_rt, &sc);

		rc = s == NULL ? -rte_errno
			       : fsctp_sock_listen(s, listen ? listen : 7);
		if (rc == 0) {
			printf("server: echoing on port %u\n",
			       listen ? listen : 7);
			fsctp_rt_run(g_rt);
			printf("server: echoed %lu msgs %lu bytes\n",
			       (unsigned long)g_echo_msgs,
			       (unsigned long)g_echo_bytes);
		}
		fsctp_sock_free(s);
	} else if (strcmp(mode, "client") == 0) {
		struct fsctp_sock_config sc = {
			.ops = { .on_data = cl_on_data,
				 .on_event = cl_on_event },
			.ctx = &c,
		};
		struct fsctp_sock *s = fsctp_sock_create(g_rt, &sc);
		struct fsctp_addr dst;
		int64_t id;

		c.buf = malloc(c.size);
		memset(&dst, 0, sizeof(dst));
		if (s == NULL || c.buf == NULL || connect == NULL ||
		    fsctp_addr_parse(connect, &dst) != 0) {
			rc = -EINVAL;
		} else {
			id = fsctp_sock_connect(s, &dst, 0);
			rc = id < 0 ? (int)id : 0;
			c.id = (fsctp_assoc_id_t)id;
		}
		if (rc == 0)
			rc = loop(timeout);
		printf("sent %lu msgs %lu bytes, received %lu msgs %lu bytes, "
		       "%s\n",
		       (unsigned long)c.sent, (unsigned long)c.sent_bytes,
		       (unsigned long)c.rcvd, (unsigned long)c.rcvd_bytes,
		       rc == 0 && !c.mismatch &&
				       (c.discard ||
					c.rcvd_bytes == c.sent_bytes)
			       ? "ok"
			       : "MISMATCH");
		if (rc == 0 && (c.mismatch ||
				(!c.discard && c.rcvd_bytes != c.sent_bytes)))
			rc = -EIO;
		for (i = 0; i < 2000; i++)
			fsctp_rt_poll(g_rt);
		fsctp_sock_free(s);
		free(c.buf);
	} else {
		usage(stderr);
		rc = -EINVAL;
	}
	fsctp_rt_close(g_rt);
	if (rc != 0 && rc != -ETIMEDOUT && rc != -EIO)
		fprintf(stderr, "fsctp-echo: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}
