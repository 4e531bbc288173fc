/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libfsctp-preload seen from a program: plain socket calls and libsctp,
 * nothing of fsctp. Run with LD_PRELOAD=libfsctp-preload.so and
 * FSCTP_PRELOAD_PROFILE=drivers-config/ring-pair.ini: the two ports of the
 * ring pair are 198.18.0.1 and 198.18.0.2 in this one process, so every
 * association here is between two sockets of the program.
 *
 * With --no-runtime (and a profile that cannot be read): socket() fails
 * with EPROTONOSUPPORT, other descriptors work.
 *
 * Prints "ok N - what" or "not ok N - what (detail)" per check; exit 1
 * when any failed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int n_check, n_fail;

#define CHECK(cond, what)                                                 \
	do {                                                              \
		n_check++;                                                \
		if (cond) {                                               \
			printf("ok %d - %s\n", n_check, what);            \
		} else {                                                  \
			n_fail++;                                         \
			printf("not ok %d - %s (line %d, errno %s)\n",    \
			       n_check, what, __LINE__, strerror(errno)); \
		}                                                         \
	} while (0)

static struct sockaddr_in
sin4(const char *ip, uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static int
wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

/* One recvmsg with room for SCTP_SNDRCV; returns the length. */
static ssize_t
rx(int fd, void *buf, size_t len, struct sctp_sndrcvinfo *sri, int *flags,
   struct sockaddr_in *from)
{
	char cbuf[CMSG_SPACE(sizeof(*sri))];
	struct iovec iov = { buf, len };
	struct msghdr m;
	struct cmsghdr *c;
	ssize_t n;

	memset(&m, 0, sizeof(m));
	memset(sri, 0, sizeof(*sri));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof(cbuf);
	if (from != NULL) {
		m.msg_name = from;
		m.msg_namelen = sizeof(*from);
	}
	n = recvmsg(fd, &m, 0);
	*flags = m.msg_flags;
	for (c = CMSG_FIRSTHDR(&m); n >= 0 && c != NULL; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == IPPROTO_SCTP &&
		    c->cmsg_type == SCTP_SNDRCV)
			memcpy(sri, CMSG_DATA(c), sizeof(*sri));
	return n;
}

/* FSCTP_PRELOAD_PROFILE names no readable profile: SCTP sockets fail
 * with a clear error, other descriptors still work through libc. */
static int
no_runtime(void)
{
	int sv[2], fd;
	char b[4];

	fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CHECK(fd < 0 && errno == EPROTONOSUPPORT,
	      "no runtime: socket(IPPROTO_SCTP) fails with EPROTONOSUPPORT");
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 &&
		      write(sv[0], "abc", 3) == 3 && read(sv[1], b, 3) == 3 &&
		      memcmp(b, "abc", 3) == 0 && close(sv[0]) == 0 &&
		      close(sv[1]) == 0,
	      "other descriptors pass through to libc");
	printf("%d checks, %d failed\n", n_check, n_fail);
	return n_fail == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in srv = sin4("198.18.0.2", 5000), a;
	struct sctp_event_subscribe ev;
	struct sctp_sndrcvinfo sri;
	struct sctp_initmsg im;
	struct sctp_status st;
	struct pollfd pf;
	socklen_t len;
	char buf[256];
	int l, c, s, v, flags, e;
	ssize_t n;

	if (argc > 1 && strcmp(argv[1], "--no-runtime") == 0)
		return no_runtime();
	/* Descriptors and options. */
	l = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	CHECK(l >= 0, "socket(SOCK_STREAM, IPPROTO_SCTP)");
	if (l < 0)
		return 1;
	len = sizeof(v);
	CHECK(getsockopt(l, SOL_SOCKET, SO_PROTOCOL, &v, &len) == 0 &&
		      v == IPPROTO_SCTP,
	      "SO_PROTOCOL is IPPROTO_SCTP");
	{
		int def = 0, set = 65536;

		len = sizeof(def);
		CHECK(getsockopt(l, SOL_SOCKET, SO_SNDBUF, &def, &len) == 0 &&
			      def > 0,
		      "SO_SNDBUF reads the stack's send buffer");
		CHECK(setsockopt(l, SOL_SOCKET, SO_SNDBUF, &set, sizeof(set)) ==
				      0 &&
			      getsockopt(l, SOL_SOCKET, SO_SNDBUF, &v, &len) ==
				      0 &&
			      v == 2 * set,
		      "SO_SNDBUF set, read back doubled as on Linux");
		CHECK(setsockopt(l, SOL_SOCKET, SO_SNDBUF, &def, sizeof(def)) ==
			      0,
		      "SO_SNDBUF back to the default");
	}
	a = sin4("198.19.255.1", 5000);
	CHECK(bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 &&
		      errno == EADDRNOTAVAIL,
	      "bind to an address of no port: EADDRNOTAVAIL");
	len = sizeof(buf);
	CHECK(getsockopt(l, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, buf, &len) <
			      0 &&
		      errno == ENOPROTOOPT,
	      "unsupported option: ENOPROTOOPT");
	/* RFC 6458 8.1.20, 8.1.21: the fsctp endpoint's values. */
	v = 2;
	CHECK(setsockopt(l, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, &v,
			 sizeof(v)) == 0,
	      "SCTP_FRAGMENT_INTERLEAVE set");
	v = 3;
	CHECK(setsockopt(l, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, &v,
			 sizeof(v)) < 0 &&
		      errno == EINVAL,
	      "SCTP_FRAGMENT_INTERLEAVE 3: EINVAL");
	len = sizeof(v);
	CHECK(getsockopt(l, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, &v, &len) ==
			      0 &&
		      v == 2,
	      "SCTP_FRAGMENT_INTERLEAVE reads 2");
	v = 65536;
	CHECK(setsockopt(l, IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT, &v,
			 sizeof(v)) == 0,
	      "SCTP_PARTIAL_DELIVERY_POINT set");
	len = sizeof(v);
	CHECK(getsockopt(l, IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT, &v,
			 &len) == 0 &&
		      v == 65536,
	      "SCTP_PARTIAL_DELIVERY_POINT reads it");
	v = 0;
	CHECK(setsockopt(l, IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT, &v,
			 sizeof(v)) == 0,
	      "SCTP_PARTIAL_DELIVERY_POINT back to 0");
	v = 1;
	CHECK(setsockopt(l, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, &v,
			 sizeof(v)) == 0,
	      "SCTP_FRAGMENT_INTERLEAVE back to 1");
	CHECK(recv(l, buf, sizeof(buf), 0) < 0 && errno == ENOTCONN,
	      "recv on an unconnected one-to-one socket: ENOTCONN");
	CHECK(bind(l, (struct sockaddr *)&srv, sizeof(srv)) == 0, "bind");
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;
	ev.sctp_association_event = 1;
	CHECK(setsockopt(l, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) == 0,
	      "SCTP_EVENTS");
	CHECK(listen(l, 4) == 0, "listen");
	fcntl(l, F_SETFL, fcntl(l, F_GETFL) | O_NONBLOCK);
	CHECK(accept(l, NULL, NULL) < 0 && errno == EAGAIN,
	      "non-blocking accept with nothing to accept: EAGAIN");
	pf.fd = l;
	pf.events = POLLIN | POLLOUT;
	CHECK(poll(&pf, 1, 0) == 0, "a listener polls neither readable nor "
				    "writable");

	/* A one-to-one association. */
	c = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	memset(&im, 0, sizeof(im));
	im.sinit_num_ostreams = 8;
	CHECK(setsockopt(c, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)) == 0,
	      "SCTP_INITMSG");
	CHECK(connect(c, (struct sockaddr *)&srv, sizeof(srv)) == 0, "connect");
	len = sizeof(a);
	CHECK(getsockname(c, (struct sockaddr *)&a, &len) == 0 &&
		      a.sin_addr.s_addr ==
			      sin4("198.18.0.1", 0).sin_addr.s_addr &&
		      a.sin_port != 0,
	      "getsockname: the profile's address and an ephemeral port");
	CHECK(wait_readable(l, 3000), "the listener becomes readable");
	s = accept(l, NULL, NULL);
	CHECK(s >= 0, "accept");
	{
		struct sockaddr_in p;

		len = sizeof(p);
		CHECK(getpeername(s, (struct sockaddr *)&p, &len) == 0 &&
			      p.sin_port == a.sin_port,
		      "getpeername of the accepted socket is the client");
	}
	n = rx(s, buf, sizeof(buf), &sri, &flags, NULL);
	CHECK(n == sizeof(struct sctp_assoc_change) &&
		      (flags & MSG_NOTIFICATION) &&
		      ((struct sctp_assoc_change *)buf)->sac_type ==
			      SCTP_ASSOC_CHANGE &&
		      ((struct sctp_assoc_change *)buf)->sac_state ==
			      SCTP_COMM_UP &&
		      ((struct sctp_assoc_change *)buf)->sac_inbound_streams ==
			      8,
	      "SCTP_COMM_UP notification with the streams (RFC 6458 6.1.1)");
	CHECK(sctp_sendmsg(c, "hello", 5, NULL, 0, htonl(3), 0, 2, 0, 0) == 5,
	      "sctp_sendmsg on stream 2, PPID 3");
	CHECK(wait_readable(s, 3000), "the accepted socket becomes readable");
	n = rx(s, buf, sizeof(buf), &sri, &flags, NULL);
	CHECK(n == 5 && memcmp(buf, "hello", 5) == 0 && (flags & MSG_EOR) &&
		      !(flags & MSG_NOTIFICATION) && sri.sinfo_stream == 2 &&
		      ntohl(sri.sinfo_ppid) == 3,
	      "recvmsg: the message, MSG_EOR and SCTP_SNDRCV (5.3.2)");
	{
		/* RFC 6951 6.1 maps onto FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT,
		 * which this profile (no [sctp] udp_encaps) refuses. */
		struct sctp_udpencaps ue;

		memset(&ue, 0, sizeof(ue));
		ue.sue_port = htons(9899);
		CHECK(setsockopt(c, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT,
				 &ue, sizeof(ue)) < 0 &&
			      errno == EOPNOTSUPP,
		      "SCTP_REMOTE_UDP_ENCAPS_PORT set without UDP "
		      "encapsulation: EOPNOTSUPP");
		memcpy(&ue.sue_address, &srv, sizeof(srv));
		len = sizeof(ue);
		CHECK(getsockopt(c, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT,
				 &ue, &len) < 0 &&
			      errno == EOPNOTSUPP,
		      "SCTP_REMOTE_UDP_ENCAPS_PORT get: EOPNOTSUPP");
	}
	memset(buf, 'x', 100);
	CHECK(send(c, buf, 100, 0) == 100, "send");
	n = rx(s, buf, 40, &sri, &flags, NULL);
	CHECK(n == 40 && !(flags & MSG_EOR), "a partial read has no MSG_EOR");
	n = rx(s, buf, sizeof(buf), &sri, &flags, NULL);
	CHECK(n == 60 && (flags & MSG_EOR), "the rest of it ends with MSG_EOR");
	CHECK(sctp_sendmsg(c, "x", 1, NULL, 0, 0, 0, 100, 0, 0) < 0 &&
		      errno == EINVAL,
	      "a stream beyond the negotiated ones: EINVAL");
	memset(&st, 0, sizeof(st));
	len = sizeof(st);
	CHECK(getsockopt(c, IPPROTO_SCTP, SCTP_STATUS, &st, &len) == 0 &&
		      st.sstat_state == SCTP_ESTABLISHED &&
		      st.sstat_outstrms == 8,
	      "SCTP_STATUS (8.2.1): established, 8 outbound streams");
	fcntl(s, F_SETFL, O_NONBLOCK);
	CHECK(recv(s, buf, sizeof(buf), 0) < 0 && errno == EAGAIN,
	      "non-blocking recv with nothing queued: EAGAIN");
	fcntl(s, F_SETFL, 0);
	CHECK(close(c) == 0, "close: graceful shutdown");
	/* SHUTDOWN_COMP and the end of the stream, in either order (the
	 * peer's SHUTDOWN ends the stream before the handshake completes). */
	{
		int comp = 0, eof = 0, other = 0, k;

		for (k = 0; k < 300 && !(comp && eof); k++) {
			n = rx(s, buf, sizeof(buf), &sri, &flags, NULL);
			if (n == 0) {
				eof = 1;
				usleep(10000);
			} else if (n > 0 && (flags & MSG_NOTIFICATION) &&
				   ((struct sctp_assoc_change *)buf)
						   ->sac_state ==
					   SCTP_SHUTDOWN_COMP) {
				comp = 1;
			} else {
				other++;
			}
		}
		CHECK(comp && other == 0, "SCTP_SHUTDOWN_COMP notification");
		CHECK(eof, "recv returns 0 at the end");
	}
	close(s);

	/* Nobody listens: the INIT is answered by an ABORT. */
	c = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP);
	a = sin4("198.18.0.2", 5999);
	e = connect(c, (struct sockaddr *)&a, sizeof(a)) < 0 ? errno : 0;
	CHECK(e == ECONNREFUSED, "connect to a port nobody listens on: "
				 "ECONNREFUSED");
	close(c);

	/* One-to-many: implicit set-up by sendto, peel-off. */
	{
		struct sockaddr_in m2 = sin4("198.18.0.2", 5001), from;
		sctp_assoc_t id;
		int p, cm, sm;

		sm = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		CHECK(bind(sm, (struct sockaddr *)&m2, sizeof(m2)) == 0 &&
			      setsockopt(sm, IPPROTO_SCTP, SCTP_EVENTS, &ev,
					 sizeof(ev)) == 0 &&
			      listen(sm, 1) == 0,
		      "one-to-many: bind, SCTP_EVENTS, listen");
		cm = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
		CHECK(sendto(cm, "m2m", 3, 0, (struct sockaddr *)&m2,
			     sizeof(m2)) == 3,
		      "sendto a new peer sets the association up (3.1.5)");
		n = rx(sm, buf, sizeof(buf), &sri, &flags, NULL);
		id = ((struct sctp_assoc_change *)buf)->sac_assoc_id;
		CHECK(n > 0 && (flags & MSG_NOTIFICATION) && id != 0,
		      "one-to-many: SCTP_COMM_UP names the association");
		n = rx(sm, buf, sizeof(buf), &sri, &flags, &from);
		CHECK(n == 3 && memcmp(buf, "m2m", 3) == 0 &&
			      sri.sinfo_assoc_id == id &&
			      from.sin_addr.s_addr ==
				      sin4("198.18.0.1", 0).sin_addr.s_addr,
		      "one-to-many: message, its association and msg_name");
		p = sctp_peeloff(sm, id);
		CHECK(p >= 0, "sctp_peeloff (9.2)");
		CHECK(send(p, "back", 4, 0) == 4,
		      "send on the peeled-off socket");
		n = recv(cm, buf, sizeof(buf), 0);
		CHECK(n == 4 && memcmp(buf, "back", 4) == 0,
		      "the peer receives it on its one-to-many socket");
		close(p);
		close(cm);
		close(sm);
	}
	/* IPv6: a wildcard listener, a client, the peer's address. */
	{
		struct sockaddr_in6 any6, dst6, p6;
		struct in6_addr cli6;
		int l6, c6, s6;

		memset(&any6, 0, sizeof(any6));
		any6.sin6_family = AF_INET6;
		any6.sin6_port = htons(5003);
		any6.sin6_addr = in6addr_any;
		dst6 = any6;
		inet_pton(AF_INET6, "2001:db8::2", &dst6.sin6_addr);
		inet_pton(AF_INET6, "2001:db8::1", &cli6);
		l6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_SCTP);
		CHECK(bind(l6, (struct sockaddr *)&any6, sizeof(any6)) == 0 &&
			      listen(l6, 1) == 0,
		      "IPv6: bind [::]:5003, listen");
		c6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_SCTP);
		CHECK(connect(c6, (struct sockaddr *)&dst6, sizeof(dst6)) == 0,
		      "IPv6: connect to [2001:db8::2]:5003");
		len = sizeof(p6);
		s6 = accept(l6, (struct sockaddr *)&p6, &len);
		CHECK(s6 >= 0 && p6.sin6_family == AF_INET6 &&
			      memcmp(&p6.sin6_addr, &cli6, 16) == 0,
		      "IPv6: accept gives the client's address");
		CHECK(send(c6, "six", 3, 0) == 3 &&
			      recv(s6, buf, sizeof(buf), 0) == 3 &&
			      memcmp(buf, "six", 3) == 0,
		      "IPv6: a message");
		close(c6);
		close(s6);
		close(l6);
	}
	close(l);
	printf("%d checks, %d failed\n", n_check, n_fail);
	return n_fail == 0 ? 0 : 1;
}
