/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * reconf-peer: a usrsctp peer for the interop suite's stream
 * reconfiguration cases (RFC 6525). usrsctp's example programs never reset
 * or add streams; this one does (client mode) and answers them (server
 * mode).
 *
 *   reconf-peer client ADDR PORT
 *       connect to ADDR:PORT; send 5 messages on stream 1; ask for an
 *       outgoing reset of stream 1 (SCTP_RESET_STREAMS) and wait for the
 *       SCTP_STREAM_RESET_EVENT; ask for 2 more outbound streams
 *       (SCTP_ADD_STREAMS) and wait for the SCTP_STREAM_CHANGE_EVENT; send
 *       5 more messages on stream 1 and one on the last new stream; wait
 *       until all are acknowledged (SCTP_SENDER_DRY_EVENT) and close
 *       gracefully.
 *   reconf-peer client-assoc ADDR PORT
 *       connect; send 5 messages on stream 1; once they are all
 *       acknowledged (SCTP_SENDER_DRY_EVENT) ask for an SSN/TSN reset
 *       (SCTP_RESET_ASSOC, RFC 6525 6.3.3) and wait for the
 *       SCTP_ASSOC_RESET_EVENT; send 5 more on stream 1; wait until they
 *       are acknowledged and close gracefully.
 *   reconf-peer server PORT [request]
 *       accept one association with every request enabled
 *       (SCTP_ENABLE_STREAM_RESET); with "request", do what the client
 *       does once it is up; print the reconfiguration events and the
 *       stream and SSN of each message until the association ends.
 *
 * usrsctp runs in raw-IP mode (no UDP encapsulation port). Output lines
 * (the interop cases match them):
 *   stream reset: flags 0xF streams S,S,...
 *   stream change: flags 0xF in N out N
 *   assoc reset: flags 0xF local TSN remote TSN
 *   msg sid S ssn N len L
 *   sender dry
 *   assoc change: STATE
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
#define BUF_SIZE       65536

static void
on_alarm(int sig)
{
	static const char msg[] = "reconf-peer: timeout\n";
	ssize_t n;

	(void)sig;
	n = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	(void)n;
	_exit(3);
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

static void
print_notification(const union sctp_notification *sn, size_t len)
{
	const struct sctp_stream_reset_event *sr;
	const struct sctp_stream_change_event *sc;
	size_t n, i;

	switch (sn->sn_header.sn_type) {
	case SCTP_STREAM_RESET_EVENT:
		sr = &sn->sn_strreset_event;
		n = len > sizeof(*sr) ? (len - sizeof(*sr)) / 2 : 0;
		printf("stream reset: flags 0x%x streams ",
		       (unsigned int)sr->strreset_flags);
		for (i = 0; i < n; i++)
			printf("%s%u", i ? "," : "",
			       (unsigned int)sr->strreset_stream_list[i]);
		printf("%s\n", n ? "" : "all");
		break;
	case SCTP_STREAM_CHANGE_EVENT:
		sc = &sn->sn_strchange_event;
		printf("stream change: flags 0x%x in %u out %u\n",
		       (unsigned int)sc->strchange_flags,
		       (unsigned int)sc->strchange_instrms,
		       (unsigned int)sc->strchange_outstrms);
		break;
	case SCTP_ASSOC_RESET_EVENT:
		printf("assoc reset: flags 0x%x local %u remote %u\n",
		       (unsigned int)sn->sn_assocreset_event.assocreset_flags,
		       (unsigned int)
			       sn->sn_assocreset_event.assocreset_local_tsn,
		       (unsigned int)
			       sn->sn_assocreset_event.assocreset_remote_tsn);
		break;
	case SCTP_ASSOC_CHANGE:
		printf("assoc change: %u\n",
		       (unsigned int)sn->sn_assoc_change.sac_state);
		break;
	default:
		break;
	}
	fflush(stdout);
}

/* Read one message or notification. @return the notification type, 0 for
 * user data, or -1 when the association is gone. */
static int
read_one(struct socket *so, uint8_t *buf, size_t size)
{
	struct sctp_rcvinfo rcv;
	socklen_t infolen = sizeof(rcv);
	unsigned int infotype = 0;
	int flags = 0;
	ssize_t n;
	const union sctp_notification *sn;

	memset(&rcv, 0, sizeof(rcv));
	n = usrsctp_recvv(so, buf, size, NULL, NULL, &rcv, &infolen, &infotype,
			  &flags);
	if (n <= 0)
		return -1;
	if (!(flags & MSG_NOTIFICATION)) {
		printf("msg sid %u ssn %u len %zd\n", (unsigned int)rcv.rcv_sid,
		       (unsigned int)rcv.rcv_ssn, n);
		fflush(stdout);
		return 0;
	}
	sn = (const union sctp_notification *)buf;
	print_notification(sn, (size_t)n);
	return sn->sn_header.sn_type;
}

static int
wait_for(struct socket *so, uint8_t *buf, int type)
{
	int t;

	do {
		t = read_one(so, buf, BUF_SIZE);
		if (t < 0) {
			fprintf(stderr, "association gone\n");
			return -1;
		}
	} while (t != type);
	return 0;
}

static int
send_on(struct socket *so, uint16_t sid, unsigned int count)
{
	static const char msg[] = "reconf-peer message";
	struct sctp_sndinfo snd;
	unsigned int i;

	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = sid;
	snd.snd_ppid = htonl(51);
	for (i = 0; i < count; i++)
		if (usrsctp_sendv(so, msg, sizeof(msg) - 1, NULL, 0, &snd,
				  sizeof(snd), SCTP_SENDV_SNDINFO, 0) < 0) {
			perror("usrsctp_sendv");
			return -1;
		}
	return 0;
}

/* The requester's script: messages, a reset of stream 1, two streams
 * added, more messages, all acknowledged. */
static int
requests(struct socket *so, uint8_t *buf)
{
	uint8_t srsbuf[sizeof(struct sctp_reset_streams) + sizeof(uint16_t)];
	struct sctp_reset_streams *srs = (struct sctp_reset_streams *)srsbuf;
	struct sctp_add_streams sas;
	struct sctp_status stat;
	socklen_t sl = sizeof(stat);

	if (send_on(so, 1, 5) < 0)
		return 1;
	/* RFC 6525 6.3.2: reset our outbound stream 1. */
	memset(srsbuf, 0, sizeof(srsbuf));
	srs->srs_flags = SCTP_STREAM_RESET_OUTGOING;
	srs->srs_number_streams = 1;
	srs->srs_stream_list[0] = 1;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_RESET_STREAMS, srs,
			       (socklen_t)sizeof(srsbuf)) < 0) {
		perror("SCTP_RESET_STREAMS");
		return 1;
	}
	if (wait_for(so, buf, SCTP_STREAM_RESET_EVENT) < 0)
		return 1;
	/* RFC 6525 6.3.4: two more outbound streams. */
	memset(&sas, 0, sizeof(sas));
	sas.sas_outstrms = 2;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_ADD_STREAMS, &sas,
			       (socklen_t)sizeof(sas)) < 0) {
		perror("SCTP_ADD_STREAMS");
		return 1;
	}
	if (wait_for(so, buf, SCTP_STREAM_CHANGE_EVENT) < 0)
		return 1;
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &stat, &sl) < 0) {
		perror("SCTP_STATUS");
		return 1;
	}
	printf("streams in %u out %u\n", (unsigned int)stat.sstat_instrms,
	       (unsigned int)stat.sstat_outstrms);
	fflush(stdout);
	if (send_on(so, 1, 5) < 0 ||
	    send_on(so, (uint16_t)(stat.sstat_outstrms - 1), 1) < 0)
		return 1;
	if (subscribe(so, SCTP_SENDER_DRY_EVENT) < 0) {
		perror("SCTP_EVENT SCTP_SENDER_DRY_EVENT");
		return 1;
	}
	if (wait_for(so, buf, SCTP_SENDER_DRY_EVENT) < 0)
		return 1;
	printf("sender dry\n");
	fflush(stdout);
	return 0;
}

/* The SSN/TSN reset script (RFC 6525 5.1.4): asked once dry. */
static int
assoc_reset(struct socket *so, uint8_t *buf)
{
	sctp_assoc_t id = 0;
	int i;

	if (subscribe(so, SCTP_SENDER_DRY_EVENT) < 0 ||
	    subscribe(so, SCTP_ASSOC_RESET_EVENT) < 0) {
		perror("SCTP_EVENT");
		return 1;
	}
	if (send_on(so, 1, 5) < 0 ||
	    wait_for(so, buf, SCTP_SENDER_DRY_EVENT) < 0)
		return 1;
	/* EBUSY while anything is queued or unacknowledged (a dry event may
	 * also be the one that came with the subscription): ask again. */
	for (i = 0; usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_RESET_ASSOC, &id,
				       (socklen_t)sizeof(id)) < 0;
	     i++) {
		if (errno != EBUSY || i == 100) {
			perror("SCTP_RESET_ASSOC");
			return 1;
		}
		usleep(50000);
	}
	if (wait_for(so, buf, SCTP_ASSOC_RESET_EVENT) < 0)
		return 1;
	if (send_on(so, 1, 5) < 0 ||
	    wait_for(so, buf, SCTP_SENDER_DRY_EVENT) < 0)
		return 1;
	printf("sender dry\n");
	fflush(stdout);
	return 0;
}

static int
run_client(struct socket *so, const char *addr, uint16_t port, bool assoc)
{
	static uint8_t buf[BUF_SIZE];
	struct sockaddr_in sin;

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
	return assoc ? assoc_reset(so, buf) : requests(so, buf);
}

static int
run_server(struct socket *lso, uint16_t port, bool request)
{
	static uint8_t buf[BUF_SIZE];
	struct sockaddr_in sin;
	struct socket *so;
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
	if (request && requests(so, buf) != 0) {
		usrsctp_close(so);
		return 1;
	}
	for (;;) {
		t = read_one(so, buf, sizeof(buf));
		if (t < 0)
			break;
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
	usrsctp_close(so);
	return rc;
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

int
main(int argc, char **argv)
{
	struct sctp_assoc_value av;
	struct socket *so;
	uint16_t port;
	int rc, i, on;
	bool client, request, assoc;

	assoc = argc == 4 && strcmp(argv[1], "client-assoc") == 0;
	client = argc == 4 && (strcmp(argv[1], "client") == 0 || assoc);
	request = argc == 4 && strcmp(argv[1], "server") == 0 &&
		  strcmp(argv[3], "request") == 0;
	if (!(client && parse_port(argv[3], &port) == 0) &&
	    !((argc == 3 || request) && strcmp(argv[1], "server") == 0 &&
	      parse_port(argv[2], &port) == 0)) {
		fprintf(stderr, "usage: reconf-peer client ADDR PORT\n"
				"       reconf-peer client-assoc ADDR PORT\n"
				"       reconf-peer server PORT [request]\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	alarm(PEER_TIMEOUT_S);
	usrsctp_init(0, NULL, NULL);
	usrsctp_sysctl_set_sctp_blackhole(2);
	/* usrsctp keeps its Advanced.Peer.Ack.Point across an SSN/TSN reset
	 * it asked for; half the TSN space away, it may then send a FORWARD
	 * TSN of the old TSNs and wait for its acknowledgement for good.
	 * Without PR-SCTP it has none to send. */
	if (assoc)
		usrsctp_sysctl_set_sctp_pr_enable(0);
	so = usrsctp_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0,
			    NULL);
	if (so == NULL) {
		perror("usrsctp_socket");
		return 1;
	}
	/* RFC 6525 6.3.1: accept the peer's requests. */
	memset(&av, 0, sizeof(av));
	av.assoc_id = SCTP_FUTURE_ASSOC;
	av.assoc_value = SCTP_ENABLE_RESET_STREAM_REQ |
			 SCTP_ENABLE_RESET_ASSOC_REQ |
			 SCTP_ENABLE_CHANGE_ASSOC_REQ;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_ENABLE_STREAM_RESET, &av,
			       sizeof(av)) < 0) {
		perror("SCTP_ENABLE_STREAM_RESET");
		return 1;
	}
	/* The stream and SSN of each message (struct sctp_rcvinfo). */
	on = 1;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on,
			       sizeof(on)) < 0) {
		perror("SCTP_RECVRCVINFO");
		return 1;
	}
	if (subscribe(so, SCTP_ASSOC_CHANGE) < 0 ||
	    subscribe(so, SCTP_STREAM_RESET_EVENT) < 0 ||
	    subscribe(so, SCTP_STREAM_CHANGE_EVENT) < 0) {
		perror("SCTP_EVENT");
		return 1;
	}
	if (client)
		rc = run_client(so, argv[2], port, assoc);
	else
		rc = run_server(so, port, request);
	usrsctp_close(so);
	for (i = 0; i < 100 && usrsctp_finish() != 0; i++)
		usleep(100000);
	return rc;
}
