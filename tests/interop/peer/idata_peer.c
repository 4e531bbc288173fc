/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * idata-peer: a usrsctp client for the interop suite's I-DATA case (RFC
 * 8260). usrsctp supports I-DATA but its example programs never turn it on;
 * this one does (SCTP_FRAGMENT_INTERLEAVE level 2, SCTP_INTERLEAVING_
 * SUPPORTED, the round-robin stream scheduler), connects to an echo server,
 * sends COUNT messages of SIZE bytes spread over NSTREAMS streams, reads
 * the echoes back (whole messages, MSG_EOR), checks every byte and shuts
 * down gracefully.
 *
 *   idata-peer ADDR PORT [COUNT [SIZE [NSTREAMS]]]   (default 12 16000 4)
 *   idata-peer server PORT [COUNT]
 *       the other way round: accept one association (interleaving on,
 *       as above), echo every whole message on its stream until the peer
 *       shuts down; with COUNT, exit 0 only when that many were echoed.
 *
 * Output lines (the interop case matches them):
 *   interleaving negotiated
 *   sent N msgs B bytes
 *   echoed N msgs B bytes ok
 *   server echoed N msgs B bytes
 * Exit status 0 when every echo came back intact, 1 otherwise, 3 on
 * timeout.
 *
 * Built with -DPEER_AUTH it is auth-peer, for the AUTH case (RFC 4895):
 * instead of turning interleaving on it requires DATA and SACK
 * authenticated (SCTP_AUTH_CHUNK, RFC 6458 8.3.1; usrsctp by default
 * requires only ASCONF and ASCONF-ACK), so that the peer has to send AUTH
 * chunks, and prints "auth negotiated".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <usrsctp.h>

/* Socket option numbers of the SCTP socket API that this usrsctp.h may
 * not name (RFC 8260 4.3.1; usrsctp's value). */
#ifndef SCTP_INTERLEAVING_SUPPORTED
#define SCTP_INTERLEAVING_SUPPORTED 0x00001206
#endif

#define PEER_TIMEOUT_S 30
#define PEER_MAX_SIZE  65536

static void
on_alarm(int sig)
{
	static const char msg[] = "peer: timeout\n";
	ssize_t n;

	(void)sig;
	n = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	(void)n;
	_exit(3);
}

/* Byte k of message i. */
static uint8_t
pattern(unsigned long i, unsigned long k)
{
	return (uint8_t)(i * 131 + k * 7 + (k >> 8));
}

#ifndef PEER_AUTH
static int
set_assoc_value(struct socket *so, int opt, uint32_t v, const char *name)
{
	struct sctp_assoc_value av;

	memset(&av, 0, sizeof(av));
	av.assoc_id = SCTP_FUTURE_ASSOC;
	av.assoc_value = v;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, opt, &av, sizeof(av)) < 0) {
		perror(name);
		return -1;
	}
	return 0;
}
#endif

static int
subscribe(struct socket *so, uint16_t type)
{
	struct sctp_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.se_assoc_id = SCTP_FUTURE_ASSOC;
	ev.se_type = type;
	ev.se_on = 1;
	return usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_EVENT, &ev,
				  sizeof(ev));
}

/* An SCTP_ASSOC_CHANGE COMM_UP lists the features in sac_info. */
static void
check_comm_up(const struct sctp_assoc_change *sac, size_t len)
{
	size_t i, n = len > sizeof(*sac) ? len - sizeof(*sac) : 0;

	if (sac->sac_state != SCTP_COMM_UP)
		return;
	for (i = 0; i < n; i++) {
		if (sac->sac_info[i] == SCTP_ASSOC_SUPPORTS_INTERLEAVING)
			printf("interleaving negotiated\n");
		if (sac->sac_info[i] == SCTP_ASSOC_SUPPORTS_AUTH)
			printf("auth negotiated\n");
	}
	fflush(stdout);
}

static int
run(struct socket *so, const char *addr, uint16_t port, unsigned long count,
    unsigned long size, uint16_t nstreams)
{
	static uint8_t buf[PEER_MAX_SIZE], msg[PEER_MAX_SIZE];
	struct sockaddr_in sin;
	struct sctp_sndinfo snd;
	unsigned long i, k, got = 0, bytes = 0;
	size_t have = 0;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "bad address '%s'\n", addr);
		return 1;
	}
	if (usrsctp_connect(so, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("usrsctp_connect");
		return 1;
	}
	for (i = 0; i < count; i++) {
		uint32_t be = htonl((uint32_t)i);

		for (k = 0; k < size; k++)
			buf[k] = pattern(i, k);
		memcpy(buf, &be, sizeof(be));
		memset(&snd, 0, sizeof(snd));
		snd.snd_sid = (uint16_t)(i % nstreams);
		snd.snd_ppid = htonl(51);
		if (usrsctp_sendv(so, buf, size, NULL, 0, &snd, sizeof(snd),
				  SCTP_SENDV_SNDINFO, 0) < 0) {
			perror("usrsctp_sendv");
			return 1;
		}
	}
	printf("sent %lu msgs %lu bytes\n", count, count * size);
	fflush(stdout);
	while (got < count) {
		struct sctp_rcvinfo rcv;
		socklen_t infolen = sizeof(rcv);
		unsigned int infotype = 0;
		int flags = 0;
		ssize_t n;

		n = usrsctp_recvv(so, msg + have, sizeof(msg) - have, NULL,
				  NULL, &rcv, &infolen, &infotype, &flags);
		if (n <= 0) {
			fprintf(stderr, "association gone after %lu echoes\n",
				got);
			return 1;
		}
		if (flags & MSG_NOTIFICATION) {
			const union sctp_notification *sn =
				(const union sctp_notification *)(msg + have);

			if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE)
				check_comm_up(&sn->sn_assoc_change, (size_t)n);
			continue;
		}
		have += (size_t)n;
		if (!(flags & MSG_EOR))
			continue;
		/* A whole echoed message: its index, length and bytes. */
		if (have != size) {
			fprintf(stderr, "echo %lu: %zu bytes, expected %lu\n",
				got, have, size);
			return 1;
		}
		i = (unsigned long)msg[0] << 24 | msg[1] << 16 | msg[2] << 8 |
		    msg[3];
		for (k = 4; k < size; k++)
			if (msg[k] != pattern(i, k)) {
				fprintf(stderr, "echo of %lu: byte %lu wrong\n",
					i, k);
				return 1;
			}
		got++;
		bytes += have;
		have = 0;
	}
	printf("echoed %lu msgs %lu bytes ok\n", got, bytes);
	fflush(stdout);
	return 0;
}

/* Server mode: echo whole messages on their stream until the end. */
static int
serve(struct socket *lso, uint16_t port, unsigned long want)
{
	static uint8_t msg[PEER_MAX_SIZE];
	struct sockaddr_in sin;
	struct socket *so;
	unsigned long got = 0, bytes = 0;
	size_t have = 0;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	if (usrsctp_bind(lso, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    usrsctp_listen(lso, 1) < 0) {
		perror("bind/listen");
		return 1;
	}
	printf("listening on %u\n", (unsigned int)port);
	fflush(stdout);
	so = usrsctp_accept(lso, NULL, NULL);
	if (so == NULL) {
		perror("usrsctp_accept");
		return 1;
	}
	for (;;) {
		struct sctp_rcvinfo rcv;
		struct sctp_sndinfo snd;
		socklen_t infolen = sizeof(rcv);
		unsigned int infotype = 0;
		int flags = 0;
		ssize_t n;

		n = usrsctp_recvv(so, msg + have, sizeof(msg) - have, NULL,
				  NULL, &rcv, &infolen, &infotype, &flags);
		if (n <= 0)
			break; /* the peer shut down */
		if (flags & MSG_NOTIFICATION) {
			const union sctp_notification *sn =
				(const union sctp_notification *)(msg + have);

			if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE)
				check_comm_up(&sn->sn_assoc_change, (size_t)n);
			continue;
		}
		have += (size_t)n;
		if (!(flags & MSG_EOR) && have < sizeof(msg))
			continue;
		memset(&snd, 0, sizeof(snd));
		snd.snd_sid = rcv.rcv_sid;
		snd.snd_ppid = rcv.rcv_ppid;
		if (usrsctp_sendv(so, msg, have, NULL, 0, &snd, sizeof(snd),
				  SCTP_SENDV_SNDINFO, 0) < 0) {
			perror("usrsctp_sendv");
			break;
		}
		got++;
		bytes += have;
		have = 0;
	}
	printf("server echoed %lu msgs %lu bytes\n", got, bytes);
	fflush(stdout);
	usrsctp_close(so);
	return want == 0 || got == want ? 0 : 1;
}

int
main(int argc, char **argv)
{
	unsigned long count = 12, size = 16000, ns = 4, port;
	struct socket *so;
	int rc, i, two = 2;
	bool server = argc >= 3 && strcmp(argv[1], "server") == 0;

	if (server) {
		port = strtoul(argv[2], NULL, 10);
		count = argc > 3 ? strtoul(argv[3], NULL, 10) : 0;
		if (argc > 4 || port == 0 || port > 65535) {
			fprintf(stderr, "usage: idata-peer server PORT "
					"[COUNT]\n");
			return 2;
		}
	} else if (argc < 3 || argc > 6) {
		fprintf(stderr, "usage: idata-peer ADDR PORT [COUNT [SIZE "
				"[NSTREAMS]]]\n");
		return 2;
	}
	if (!server)
		port = strtoul(argv[2], NULL, 10);
	if (!server && argc > 3)
		count = strtoul(argv[3], NULL, 10);
	if (!server && argc > 4)
		size = strtoul(argv[4], NULL, 10);
	if (!server && argc > 5)
		ns = strtoul(argv[5], NULL, 10);
	if (port == 0 || port > 65535 || size < 4 || size > PEER_MAX_SIZE ||
	    ns == 0 || ns > 16) {
		fprintf(stderr, "bad arguments\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	alarm(PEER_TIMEOUT_S);
	/* Raw IP: no UDP encapsulation port, as in the example programs. */
	usrsctp_init(0, NULL, NULL);
	usrsctp_sysctl_set_sctp_blackhole(2);
	so = usrsctp_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0,
			    NULL);
	if (so == NULL) {
		perror("usrsctp_socket");
		return 1;
	}
#ifdef PEER_AUTH
	/* RFC 6458 8.3.1: DATA and SACK are to arrive authenticated. */
	(void)two;
	for (i = 0; i < 2; i++) {
		struct sctp_authchunk ac;

		memset(&ac, 0, sizeof(ac));
		ac.sauth_chunk = i == 0 ? 0 : 3;
		if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_AUTH_CHUNK, &ac,
				       sizeof(ac)) < 0) {
			perror("SCTP_AUTH_CHUNK");
			return 1;
		}
	}
#else
	/* RFC 8260 4.3.1: interleaving needs fragment interleave level 2
	 * (RFC 6458 8.1.20) first; a scheduler that interleaves (4.3.2). */
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, &two,
			       sizeof(two)) < 0) {
		perror("SCTP_FRAGMENT_INTERLEAVE");
		return 1;
	}
	if (set_assoc_value(so, SCTP_INTERLEAVING_SUPPORTED, 1,
			    "SCTP_INTERLEAVING_SUPPORTED") < 0 ||
	    set_assoc_value(so, SCTP_PLUGGABLE_SS, SCTP_SS_ROUND_ROBIN,
			    "SCTP_PLUGGABLE_SS") < 0)
		return 1;
#endif
	if (subscribe(so, SCTP_ASSOC_CHANGE) < 0) {
		perror("SCTP_EVENT SCTP_ASSOC_CHANGE");
		return 1;
	}
	if (server)
		rc = serve(so, (uint16_t)port, count);
	else
		rc = run(so, argv[1], (uint16_t)port, count, size,
			 (uint16_t)ns);
	usrsctp_close(so);
	for (i = 0; i < 100 && usrsctp_finish() != 0; i++)
		usleep(100000);
	return rc;
}
