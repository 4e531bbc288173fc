/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Node.js `sctp` module's quick example on fsctp: a server on port
 * 2905 answers an M3UA ASP Up with an ASP Up Ack; a client connects with
 * PPID M3UA, sends the ASP Up, prints the answer and ends. Both sides run
 * in one process on the two ports of drivers-config/ring-pair.ini.
 *
 * Usage: quick [PROFILE [EAL-WORD...]], e.g. quick
 * drivers-config/ring-pair.ini --file-prefix=quick. Exit status 0 once the
 * client got its answer and the association closed, 1 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "fsctp_net.h"

static const uint8_t asp_up[16] = { 0x01, 0x00, 0x03, 0x01, 0, 0, 0,	0x10,
				    0x00, 0x11, 0x00, 0x08, 0, 0, 0x03, 0xea };
static const uint8_t asp_up_ack[16] = { 0x01, 0x00, 0x03, 0x04, 0,    0,
					0,    0x10, 0x00, 0x11, 0x00, 0x08,
					0,    0,    0x03, 0xea };
static int answered;

/* Server: answer ASP Up with ASP Up Ack (same stream and PPID). */
static void
server_on_data(struct fsctp_net_socket *sk, void *ctx, const uint8_t *data,
	       uint32_t len, const struct fsctp_rcvinfo *ri)
{
	(void)ctx;
	if (ri->ppid == FSCTP_PPID_M3UA && len == 16 &&
	    !memcmp(data, asp_up, 16))
		fsctp_net_write(sk, asp_up_ack, sizeof(asp_up_ack));
}

static void
server_on_connection(struct fsctp_net_server *srv, struct fsctp_net_socket *sk,
		     void *ctx)
{
	struct fsctp_net_socket_cbs cbs = { .on_data = server_on_data };

	(void)srv;
	fsctp_net_socket_on(sk, &cbs, ctx);
}

/* Client: print the answer and end; stop the runtime once it is closed. */
static void
client_on_data(struct fsctp_net_socket *sk, void *ctx, const uint8_t *data,
	       uint32_t len, const struct fsctp_rcvinfo *ri)
{
	(void)ctx;
	(void)ri;
	for (uint32_t i = 0; i < len; i++)
		printf("%02x", data[i]);
	printf("\n");
	answered = len == 16 && !memcmp(data, asp_up_ack, 16);
	fsctp_net_end(sk);
}

static void
client_on_end(struct fsctp_net_socket *sk, void *ctx)
{
	(void)sk;
	fsctp_rt_stop(ctx);
}

static void
client_on_error(struct fsctp_net_socket *sk, void *ctx, int err)
{
	(void)sk;
	fprintf(stderr, "client: %s\n", fsctp_strerror(err));
	fsctp_rt_stop(ctx);
}

static void
client_on_connect(struct fsctp_net_socket *sk, void *ctx)
{
	(void)ctx;
	fsctp_net_write(sk, asp_up, sizeof(asp_up));
}

int
main(int argc, char **argv)
{
	struct fsctp_rt_options ro = {
		.profile = argc > 1 ? argv[1] : "drivers-config/ring-pair.ini",
		.n_eal = argc > 2 ? argc - 2 : 0, /* extra EAL words */
		.eal = argv + 2,
	};
	struct fsctp_rt *rt = fsctp_rt_open(&ro);
	struct fsctp_net_connect_opts o = { .host = "198.18.0.2",
					    .port = 2905,
					    .ppid = FSCTP_PPID_M3UA };
	struct fsctp_net_socket_cbs cbs = { .on_data = client_on_data,
					    .on_end = client_on_end,
					    .on_error = client_on_error };
	struct fsctp_net *cli, *srv;
	struct fsctp_net_server *server;
	struct fsctp_net_socket *sk;

	if (rt == NULL) {
		fprintf(stderr, "%s: %s\n", ro.profile,
			fsctp_strerror(fsctp_errno()));
		return 1;
	}
	cli = fsctp_net_create(rt, 1u << 0); /* port 0: 198.18.0.1 */
	srv = fsctp_net_create(rt, 1u << 1); /* port 1: 198.18.0.2 */
	server = fsctp_net_create_server(srv, server_on_connection, NULL);
	sk = fsctp_net_connect(cli, &o, client_on_connect, NULL);
	if (server == NULL || fsctp_net_server_listen(server, 2905) != 0 ||
	    sk == NULL || fsctp_net_socket_on(sk, &cbs, rt) != 0) {
		fprintf(stderr, "set-up failed\n");
		fsctp_rt_close(rt);
		return 1;
	}
	fsctp_rt_run(rt); /* inline mode: callbacks run on this thread */
	fsctp_net_free(cli);
	fsctp_net_free(srv);
	fsctp_rt_close(rt);
	return answered ? 0 : 1;
}
