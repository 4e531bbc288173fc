/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * auth-peer: a usrsctp client for the interop suite's AUTH case (RFC
 * 4895). usrsctp offers AUTH by default but requires only ASCONF and
 * ASCONF-ACK authenticated; this one also requires DATA and SACK
 * (SCTP_AUTH_CHUNK, RFC 6458 8.3.1), so that the peer has to send AUTH
 * chunks. It connects to an echo server, sends COUNT messages of SIZE
 * bytes over NSTREAMS streams, reads the echoes back (whole messages,
 * MSG_EOR), checks every byte and shuts down gracefully.
 *
 *   auth-peer ADDR PORT [COUNT [SIZE [NSTREAMS]]]   (default 12 16000 4)
 *
 * Output lines (the interop case matches them):
 *   auth negotiated
 *   sent N msgs B bytes
 *   echoed N msgs B bytes ok
 * Exit status 0 when every echo came back intact, 1 otherwise, 3 on
 * timeout.
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

#define PEER_TIMEOUT_S 30
#define PEER_MAX_SIZE  65536

static void
on_alarm(int sig)
{
	static const char msg[] = "auth-peer: timeout\n";
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
	for (i = 0; i < n; i++)
		if (sac->sac_info[i] == SCTP_ASSOC_SUPPORTS_AUTH) {
			printf("auth negotiated\n");
			fflush(stdout);
		}
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

int
main(int argc, char **argv)
{
	unsigned long count = 12, size = 16000, ns = 4, port;
	struct socket *so;
	int rc, i;

	if (argc < 3 || argc > 6) {
		fprintf(stderr, "usage: auth-peer ADDR PORT [COUNT [SIZE "
				"[NSTREAMS]]]\n");
		return 2;
	}
	port = strtoul(argv[2], NULL, 10);
	if (argc > 3)
		count = strtoul(argv[3], NULL, 10);
	if (argc > 4)
		size = strtoul(argv[4], NULL, 10);
	if (argc > 5)
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
	/* RFC 6458 8.3.1: DATA and SACK are to arrive authenticated. */
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
	if (subscribe(so, SCTP_ASSOC_CHANGE) < 0) {
		perror("SCTP_EVENT SCTP_ASSOC_CHANGE");
		return 1;
	}
	rc = run(so, argv[1], (uint16_t)port, count, size, (uint16_t)ns);
	usrsctp_close(so);
	for (i = 0; i < 100 && usrsctp_finish() != 0; i++)
		usleep(100000);
	return rc;
}
