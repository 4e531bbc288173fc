/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * asconf-peer: a usrsctp client that reconfigures its addresses on a live
 * association with ASCONF (RFC 5061), for the interop suite's multi-homed
 * cases. usrsctp's example programs bind to INADDR_ANY and never send an
 * ASCONF; this one binds to one address, connects, sends COUNT messages
 * of 1000 bytes, 200 a second, and during the transfer:
 *   at COUNT/4:   sctp_bindx(ADD) of its second address (Add IP),
 *   at COUNT/2:   SCTP_SET_PEER_PRIMARY_ADDR to that address (Set Primary),
 *   at 3*COUNT/4: sctp_bindx(REM) of its first address (Delete IP),
 * then shuts down gracefully.
 *
 *   asconf-peer LADDR1 LADDR2 ADDR PORT [COUNT]     (default 2000)
 *
 * Output lines (the interop case matches them): "add LADDR2: ok",
 * "primary LADDR2: ok", "delete LADDR1: ok" (or the errno), "sent N
 * msgs". Exit status 0 when every call and send succeeded, 1 otherwise,
 * 3 on timeout.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <usrsctp.h>

#define PEER_TIMEOUT_S 60

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

static int
v4(const char *s, uint16_t port, struct sockaddr_in *sin)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	if (inet_pton(AF_INET, s, &sin->sin_addr) != 1) {
		fprintf(stderr, "bad address '%s'\n", s);
		return -1;
	}
	return 0;
}

static int
report(const char *what, const char *addr, int rc)
{
	printf("%s %s: %s\n", what, addr, rc == 0 ? "ok" : strerror(errno));
	fflush(stdout);
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	static uint8_t buf[1000];
	struct sockaddr_in l1, l2, dst;
	struct sctp_setpeerprim spp;
	struct sctp_sndinfo snd;
	unsigned long count = 2000, i;
	struct socket *so;
	int rc = 0, k;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: asconf-peer LADDR1 LADDR2 ADDR PORT "
				"[COUNT]\n");
		return 2;
	}
	if (argc > 5)
		count = strtoul(argv[5], NULL, 10);
	if (v4(argv[1], 0, &l1) < 0 || v4(argv[2], 0, &l2) < 0 ||
	    v4(argv[3], (uint16_t)atoi(argv[4]), &dst) < 0 || count < 4)
		return 2;
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
	/* Bound to one address: an address added later is announced with
	 * ASCONF (RFC 5061 4.1.1), not taken from the interface list. */
	if (usrsctp_bindx(so, (struct sockaddr *)&l1, 1, SCTP_BINDX_ADD_ADDR) <
	    0) {
		perror("usrsctp_bindx");
		return 1;
	}
	if (usrsctp_connect(so, (struct sockaddr *)&dst, sizeof(dst)) < 0) {
		perror("usrsctp_connect");
		return 1;
	}
	memset(&snd, 0, sizeof(snd));
	snd.snd_ppid = htonl(51);
	for (i = 0; i < count && rc == 0; i++) {
		if (usrsctp_sendv(so, buf, sizeof(buf), NULL, 0, &snd,
				  sizeof(snd), SCTP_SENDV_SNDINFO, 0) < 0) {
			perror("usrsctp_sendv");
			rc = 1;
			break;
		}
		if (i == count / 4) {
			k = usrsctp_bindx(so, (struct sockaddr *)&l2, 1,
					  SCTP_BINDX_ADD_ADDR);
			rc = report("add", argv[2], k);
		} else if (i == count / 2) {
			memset(&spp, 0, sizeof(spp));
			memcpy(&spp.sspp_addr, &l2, sizeof(l2));
			k = usrsctp_setsockopt(so, IPPROTO_SCTP,
					       SCTP_SET_PEER_PRIMARY_ADDR, &spp,
					       sizeof(spp));
			rc = report("primary", argv[2], k);
		} else if (i == 3 * count / 4) {
			k = usrsctp_bindx(so, (struct sockaddr *)&l1, 1,
					  SCTP_BINDX_REM_ADDR);
			rc = report("delete", argv[1], k);
		}
		usleep(5000);
	}
	printf("sent %lu msgs\n", i);
	fflush(stdout);
	usrsctp_close(so);
	for (k = 0; k < 200 && usrsctp_finish() != 0; k++)
		usleep(100000);
	return rc;
}
