/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * abort-peer: a usrsctp peer for the interop suite's ABORT cases. usrsctp's
 * example programs never send an ABORT, so this one does (client mode), or
 * reports the ABORT it receives (server mode).
 *
 *   abort-peer client ADDR PORT [COUNT [SIZE [LOCAL_PORT]]]
 *       connect to ADDR:PORT, send COUNT messages of SIZE bytes (default
 *       10 x 1000), wait until all of them are acknowledged (the
 *       SCTP_SENDER_DRY_EVENT), then ABORT the association with the
 *       SCTP_ABORT send flag (RFC 6458 5.3.4), which puts a User-Initiated
 *       Abort cause (RFC 9260 3.3.10.12) carrying "abort-peer" in the ABORT.
 *   abort-peer server PORT
 *       accept one association and print every SCTP_ASSOC_CHANGE
 *       notification until the association ends, with the first error
 *       cause of an ABORT that ended it.
 *
 * usrsctp runs in raw-IP mode (no UDP encapsulation port), like the
 * example programs. Output lines (the interop cases match them):
 *   assoc change: STATE error E [abort cause C]
 *   received N msgs B bytes
 *   sent N msgs B bytes
 *   sender dry
 *   abort sent
 * Exit status 0 when the mode's job was done, 1 otherwise, 3 on timeout.
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

#define PEER_TIMEOUT_S 20
#define PEER_MAX_SIZE  65536
#define ABORT_REASON   "abort-peer"

static void
on_alarm(int sig)
{
	static const char msg[] = "abort-peer: timeout\n";
	ssize_t n;

	(void)sig;
	n = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	(void)n;
	_exit(3);
}

static const char *
state_name(uint16_t state)
{
	switch (state) {
	case SCTP_COMM_UP:
		return "SCTP_COMM_UP";
	case SCTP_COMM_LOST:
		return "SCTP_COMM_LOST";
	case SCTP_RESTART:
		return "SCTP_RESTART";
	case SCTP_SHUTDOWN_COMP:
		return "SCTP_SHUTDOWN_COMP";
	case SCTP_CANT_STR_ASSOC:
		return "SCTP_CANT_STR_ASSOC";
	default:
		return "UNKNOWN";
	}
}

/* Print an SCTP_ASSOC_CHANGE. For COMM_LOST and CANT_STR_ASSOC usrsctp
 * appends the ABORT chunk that ended the association (if one did) to the
 * notification: chunk header (4 bytes), then its error causes. */
static void
print_assoc_change(const struct sctp_assoc_change *sac, size_t len)
{
	size_t info = len > sizeof(*sac) ? len - sizeof(*sac) : 0;

	printf("assoc change: %s error %u", state_name(sac->sac_state),
	       (unsigned int)sac->sac_error);
	if ((sac->sac_state == SCTP_COMM_LOST ||
	     sac->sac_state == SCTP_CANT_STR_ASSOC) &&
	    info >= 8 && sac->sac_info[0] == 6) {
		uint16_t code =
			(uint16_t)(sac->sac_info[4] << 8 | sac->sac_info[5]);

		printf(" abort cause %u", (unsigned int)code);
	}
	printf("\n");
	fflush(stdout);
}

/* Read one message or notification. @return the notification type, 0 for
 * user data (*len set), or -1 when the association is gone. */
static int
read_one(struct socket *so, uint8_t *buf, size_t size, size_t *len)
{
	struct sctp_rcvinfo rcv;
	socklen_t infolen = sizeof(rcv);
	unsigned int infotype = 0;
	int flags = 0;
	ssize_t n;
	const union sctp_notification *sn;

	n = usrsctp_recvv(so, buf, size, NULL, NULL, &rcv, &infolen, &infotype,
			  &flags);
	if (n <= 0)
		return -1;
	*len = (size_t)n;
	if (!(flags & MSG_NOTIFICATION))
		return 0;
	sn = (const union sctp_notification *)buf;
	if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE)
		print_assoc_change(&sn->sn_assoc_change, (size_t)n);
	return sn->sn_header.sn_type;
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

static int
parse_port(const char *s, uint16_t *port)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

static int
run_client(struct socket *so, const char *addr, uint16_t port,
	   unsigned long count, unsigned long size, uint16_t lport)
{
	static uint8_t buf[PEER_MAX_SIZE];
	struct sockaddr_in sin;
	struct sctp_sndinfo snd;
	unsigned long i;
	size_t len;
	int t;

	if (lport != 0) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons(lport);
		if (usrsctp_bind(so, (struct sockaddr *)&sin, sizeof(sin)) <
		    0) {
			perror("usrsctp_bind");
			return 1;
		}
	}
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
	memset(buf, 'a', sizeof(buf));
	memset(&snd, 0, sizeof(snd));
	snd.snd_ppid = htonl(0);
	for (i = 0; i < count; i++) {
		if (usrsctp_sendv(so, buf, size, NULL, 0, &snd, sizeof(snd),
				  SCTP_SENDV_SNDINFO, 0) < 0) {
			perror("usrsctp_sendv");
			return 1;
		}
	}
	printf("sent %lu msgs %lu bytes\n", count, count * size);
	fflush(stdout);
	/* Subscribed only now: the event comes when (or, if so already, as
	 * soon as) nothing is queued or in flight, i.e. fsctp has SACKed
	 * every message sent above (RFC 6458 6.1.9). */
	if (subscribe(so, SCTP_SENDER_DRY_EVENT) < 0) {
		perror("SCTP_EVENT SCTP_SENDER_DRY_EVENT");
		return 1;
	}
	do {
		t = read_one(so, buf, sizeof(buf), &len);
		if (t < 0) {
			fprintf(stderr, "association gone before dry\n");
			return 1;
		}
	} while (t != SCTP_SENDER_DRY_EVENT);
	printf("sender dry\n");
	fflush(stdout);
	/* RFC 6458 5.3.4: SCTP_ABORT; the data is the abort reason. */
	snd.snd_flags = SCTP_ABORT;
	if (usrsctp_sendv(so, ABORT_REASON, strlen(ABORT_REASON), NULL, 0, &snd,
			  sizeof(snd), SCTP_SENDV_SNDINFO, 0) < 0) {
		perror("usrsctp_sendv SCTP_ABORT");
		return 1;
	}
	printf("abort sent\n");
	fflush(stdout);
	return 0;
}

static int
run_server(struct socket *lso, uint16_t port)
{
	static uint8_t buf[PEER_MAX_SIZE];
	struct sockaddr_in sin;
	struct socket *so;
	unsigned long msgs = 0, bytes = 0;
	size_t len;
	int t, rc = 1;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	if (usrsctp_bind(lso, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		perror("usrsctp_bind");
		return 1;
	}
	if (usrsctp_listen(lso, 1) < 0) {
		perror("usrsctp_listen");
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
		t = read_one(so, buf, sizeof(buf), &len);
		if (t < 0)
			break;
		if (t == 0) {
			msgs++;
			bytes += len;
			continue;
		}
		if (t == SCTP_ASSOC_CHANGE) {
			const struct sctp_assoc_change *sac =
				(const struct sctp_assoc_change *)buf;

			if (sac->sac_state == SCTP_COMM_LOST ||
			    sac->sac_state == SCTP_SHUTDOWN_COMP) {
				rc = 0;
				break;
			}
		}
	}
	printf("received %lu msgs %lu bytes\n", msgs, bytes);
	fflush(stdout);
	usrsctp_close(so);
	return rc;
}

static void
usage(void)
{
	fprintf(stderr, "usage: abort-peer client ADDR PORT [COUNT [SIZE "
			"[LOCAL_PORT]]]\n"
			"       abort-peer server PORT\n");
}

int
main(int argc, char **argv)
{
	unsigned long count = 10, size = 1000;
	uint16_t port, lport = 0;
	struct socket *so;
	int rc, i;
	bool client;

	if (argc < 3) {
		usage();
		return 2;
	}
	client = strcmp(argv[1], "client") == 0;
	if (client) {
		if (argc < 4 || argc > 7 || parse_port(argv[3], &port) != 0 ||
		    (argc > 6 && parse_port(argv[6], &lport) != 0)) {
			usage();
			return 2;
		}
		if (argc > 4)
			count = strtoul(argv[4], NULL, 10);
		if (argc > 5)
			size = strtoul(argv[5], NULL, 10);
		if (size == 0 || size > PEER_MAX_SIZE) {
			fprintf(stderr, "SIZE must be 1..%d\n", PEER_MAX_SIZE);
			return 2;
		}
	} else if (strcmp(argv[1], "server") != 0 || argc != 3 ||
		   parse_port(argv[2], &port) != 0) {
		usage();
		return 2;
	}
	signal(SIGALRM, on_alarm);
	alarm(PEER_TIMEOUT_S);

	/* Raw IP: no UDP encapsulation port, as in the example programs. */
	usrsctp_init(0, NULL, NULL);
	/* As the examples: no ABORT in answer to out-of-the-blue packets
	 * (RFC 9260 8.4), so that only the ABORT under test is on the wire
	 * from this side. */
	usrsctp_sysctl_set_sctp_blackhole(2);
	so = usrsctp_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0,
			    NULL);
	if (so == NULL) {
		perror("usrsctp_socket");
		return 1;
	}
	if (subscribe(so, SCTP_ASSOC_CHANGE) < 0) {
		perror("SCTP_EVENT SCTP_ASSOC_CHANGE");
		return 1;
	}
	if (client)
		rc = run_client(so, argv[2], port, count, size, lport);
	else
		rc = run_server(so, port);
	usrsctp_close(so);
	/* The stack lets go once its timers have drained the last TCB. */
	for (i = 0; i < 100 && usrsctp_finish() != 0; i++)
		usleep(100000);
	return rc;
}
