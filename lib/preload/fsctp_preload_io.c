/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libfsctp-preload: the data path of the interposed calls: send, sendto,
 * sendmsg and write with SCTP_SNDRCV / SCTP_SNDINFO (RFC 6458 5.3.2,
 * 5.3.4), implicit association set-up, blocking on a full send buffer;
 * recv, recvfrom, recvmsg and read with SCTP_SNDRCV / SCTP_RCVINFO
 * (5.3.5), notifications, partial reads (MSG_EOR on the last part).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "fsctp_preload.h"

#define PL_EXPORT __attribute__((visibility("default")))

/* ---------------------------------------------------------------------- */
/* Sending. */

/* The ancillary data of a send (RFC 6458 5.3.2 SCTP_SNDRCV, 5.3.4
 * SCTP_SNDINFO). */
static int
pl_parse_cmsg(const struct msghdr *m, struct fsctp_sndinfo *info,
	      sctp_assoc_t *aid, uint16_t *flags)
{
	struct cmsghdr *c;

	if (m == NULL || m->msg_control == NULL || m->msg_controllen == 0)
		return 0;
	for (c = CMSG_FIRSTHDR((struct msghdr *)m); c != NULL;
	     c = CMSG_NXTHDR((struct msghdr *)m, c)) {
		if (c->cmsg_level != IPPROTO_SCTP)
			continue;
		if (c->cmsg_type == SCTP_SNDRCV) {
			struct sctp_sndrcvinfo s;

			if (c->cmsg_len < CMSG_LEN(sizeof(s)))
				return -EINVAL;
			memcpy(&s, CMSG_DATA(c), sizeof(s));
			info->sid = s.sinfo_stream;
			info->ppid = ntohl(s.sinfo_ppid);
			info->unordered = (s.sinfo_flags & SCTP_UNORDERED) != 0;
			info->context = s.sinfo_context;
			info->lifetime_ms = s.sinfo_timetolive;
			*aid = s.sinfo_assoc_id;
			*flags = s.sinfo_flags;
		} else if (c->cmsg_type == SCTP_SNDINFO) {
			struct sctp_sndinfo s;

			if (c->cmsg_len < CMSG_LEN(sizeof(s)))
				return -EINVAL;
			memcpy(&s, CMSG_DATA(c), sizeof(s));
			info->sid = s.snd_sid;
			info->ppid = ntohl(s.snd_ppid);
			info->unordered = (s.snd_flags & SCTP_UNORDERED) != 0;
			info->context = s.snd_context;
			*aid = s.snd_assoc_id;
			*flags = s.snd_flags;
		} else if (c->cmsg_type == SCTP_INIT) {
			/* sctp_initmsg for an implicit setup: the
			 * endpoint's INITMSG applies. */
			continue;
		} else {
			pl_log_once(200 + (c->cmsg_type & 31),
				    "send: ancillary data type %d ignored",
				    c->cmsg_type);
		}
	}
	return 0;
}

static ssize_t
pl_send(struct pl_sock *sk, const struct iovec *iov, size_t iovlen, int flags,
	const struct sockaddr *to, socklen_t tolen, const struct msghdr *m)
{
	struct fsctp_sndinfo info;
	struct fsctp_addr dst;
	struct pl_assoc *as = NULL;
	sctp_assoc_t aid = 0;
	uint16_t sflags = 0;
	uint8_t *buf = NULL;
	const uint8_t *data;
	size_t len = 0, i;
	fsctp_assoc_id_t id;
	int rc;

	for (i = 0; i < iovlen; i++)
		len += iov[i].iov_len;
	if (len > PL_SEND_MAX)
		return -EMSGSIZE;
	if (iovlen == 1) {
		data = iov[0].iov_base;
	} else {
		size_t off = 0;

		buf = malloc(len > 0 ? len : 1);
		if (buf == NULL)
			return -ENOMEM;
		for (i = 0; i < iovlen; i++) {
			memcpy(buf + off, iov[i].iov_base, iov[i].iov_len);
			off += iov[i].iov_len;
		}
		data = buf;
	}
	pl_lock();
	info = sk->def_snd;
	rc = pl_parse_cmsg(m, &info, &aid, &sflags);
	if (rc != 0)
		goto out;
	if (sk->type == SOCK_STREAM) {
		as = sk->assocs;
		if (as == NULL) {
			rc = -ENOTCONN;
			goto out;
		}
	} else if (to != NULL && tolen > 0) {
		rc = pl_addr_from_sa(to, tolen, &dst);
		if (rc != 0)
			goto out;
		as = pl_find_peer(sk, &dst);
		if (as == NULL && !(sflags & (SCTP_EOF | SCTP_ABORT))) {
			/* Implicit association setup (RFC 6458 3.1.5). */
			rc = pl_connect_addr(sk, &dst, &id);
			if (rc != 0)
				goto out;
			as = pl_find_assoc(sk, id);
		}
	} else if (aid != 0) {
		as = pl_find_assoc(sk, (fsctp_assoc_id_t)aid);
	}
	if (as == NULL) {
		rc = sk->type == SOCK_STREAM ? -ENOTCONN : -EINVAL;
		goto out;
	}
	id = as->id;
	if (sflags & SCTP_ABORT) {
		rc = fsctp_sock_abort(pl.s, id, data, (uint16_t)len);
		goto out;
	}
	if ((sflags & SCTP_EOF) && len == 0) {
		rc = fsctp_sock_shutdown(pl.s, id);
		goto out;
	}
	for (;;) {
		if (as->gone) {
			rc = -EPIPE;
			break;
		}
		rc = fsctp_sendmsg(pl.s, id, data, (uint32_t)len, &info);
		if (rc != -EAGAIN || sk->nonblock || (flags & MSG_DONTWAIT))
			break;
		if (!pl_wait(&sk->sndtimeo))
			break;
		as = pl_find_assoc(sk, id);
		if (as == NULL) {
			rc = -EPIPE;
			break;
		}
	}
	if (rc == 0) {
		pl.st.msgs_out++;
		if (sflags & SCTP_EOF)
			fsctp_sock_shutdown(pl.s, id);
	} else if (rc == -ENOTCONN || rc == -ESHUTDOWN) {
		rc = -EPIPE;
	}
out:
	pl_unlock();
	free(buf);
	return rc < 0 ? rc : (ssize_t)len;
}

static ssize_t
pl_send_ret(ssize_t rc, int flags)
{
	if (rc >= 0)
		return rc;
	if (rc == -EPIPE && !(flags & MSG_NOSIGNAL))
		raise(SIGPIPE);
	errno = (int)-rc;
	return -1;
}

PL_EXPORT ssize_t
send(int fd, const void *b, size_t n, int flags)
{
	struct pl_sock *sk = pl_get(fd);
	struct iovec v = { (void *)b, n };

	if (sk == NULL) {
		pl_resolve();
		return pl_real.send(fd, b, n, flags);
	}
	return pl_send_ret(pl_send(sk, &v, 1, flags, NULL, 0, NULL), flags);
}

PL_EXPORT ssize_t
sendto(int fd, const void *b, size_t n, int flags, const struct sockaddr *to,
       socklen_t tolen)
{
	struct pl_sock *sk = pl_get(fd);
	struct iovec v = { (void *)b, n };

	if (sk == NULL) {
		pl_resolve();
		return pl_real.sendto(fd, b, n, flags, to, tolen);
	}
	return pl_send_ret(pl_send(sk, &v, 1, flags, to, tolen, NULL), flags);
}

PL_EXPORT ssize_t
sendmsg(int fd, const struct msghdr *m, int flags)
{
	struct pl_sock *sk = pl_get(fd);

	if (sk == NULL) {
		pl_resolve();
		return pl_real.sendmsg(fd, m, flags);
	}
	if (m == NULL)
		return pl_send_ret(-EINVAL, flags);
	return pl_send_ret(pl_send(sk, m->msg_iov, m->msg_iovlen, flags,
				   m->msg_name, m->msg_namelen, m),
			   flags);
}

PL_EXPORT ssize_t
write(int fd, const void *b, size_t n)
{
	struct pl_sock *sk = pl_get(fd);
	struct iovec v = { (void *)b, n };

	if (sk == NULL) {
		pl_resolve();
		return pl_real.write(fd, b, n);
	}
	return pl_send_ret(pl_send(sk, &v, 1, 0, NULL, 0, NULL), 0);
}

/* ---------------------------------------------------------------------- */
/* Receiving. */

static void
pl_put_cmsg(struct msghdr *m, size_t *used, int type, const void *v, size_t n)
{
	struct cmsghdr *c;

	if (m->msg_control == NULL ||
	    *used + CMSG_SPACE(n) > m->msg_controllen) {
		m->msg_flags |= MSG_CTRUNC;
		return;
	}
	c = (struct cmsghdr *)((uint8_t *)m->msg_control + *used);
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(n);
	memcpy(CMSG_DATA(c), v, n);
	*used += CMSG_SPACE(n);
}

static ssize_t
pl_recv(struct pl_sock *sk, const struct iovec *iov, size_t iovlen, int flags,
	struct msghdr *m, struct sockaddr *from, socklen_t *fromlen)
{
	struct pl_item *it;
	size_t room = 0, n, i, done = 0, used = 0;
	int mflags = 0;

	for (i = 0; i < iovlen; i++)
		room += iov[i].iov_len;
	pl_lock();
	while (sk->rxq == NULL) {
		if (sk->type == SOCK_STREAM) {
			if (sk->so_error != 0) {
				int e = sk->so_error;

				sk->so_error = 0;
				pl_update(sk);
				pl_unlock();
				return -e;
			}
			if (sk->eof) {
				pl_unlock();
				return 0;
			}
			if (sk->assocs == NULL) {
				pl_unlock();
				return -ENOTCONN;
			}
		}
		if (sk->nonblock || (flags & MSG_DONTWAIT)) {
			pl_unlock();
			return -EAGAIN;
		}
		if (!pl_wait(&sk->rcvtimeo) && sk->rxq == NULL) {
			pl_unlock();
			return -EAGAIN;
		}
	}
	it = sk->rxq;
	n = it->len - it->off;
	if (n > room)
		n = room;
	for (i = 0; i < iovlen && done < n; i++) {
		size_t k =
			iov[i].iov_len < n - done ? iov[i].iov_len : n - done;

		memcpy(iov[i].iov_base, it->buf + it->off + done, k);
		done += k;
	}
	if (it->notif)
		mflags |= MSG_NOTIFICATION;
	/* RFC 6458 8.1.21: a piece of a message partly delivered ends
	 * without MSG_EOR; its last piece has it. */
	if (it->off + n == it->len && !it->partial)
		mflags |= MSG_EOR;
	if (m != NULL) {
		m->msg_flags = 0;
		if (!it->notif && sk->ev.sctp_data_io_event) {
			struct sctp_sndrcvinfo s = { 0 };

			s.sinfo_stream = it->ri.sid;
			s.sinfo_ssn = it->ri.ssn;
			s.sinfo_flags = it->ri.unordered ? SCTP_UNORDERED : 0;
			s.sinfo_ppid = htonl(it->ri.ppid);
			s.sinfo_tsn = it->ri.tsn;
			s.sinfo_assoc_id = (sctp_assoc_t)it->ri.assoc_id;
			pl_put_cmsg(m, &used, SCTP_SNDRCV, &s, sizeof(s));
		}
		if (!it->notif && sk->recvrcvinfo) {
			struct sctp_rcvinfo r = { 0 };

			r.rcv_sid = it->ri.sid;
			r.rcv_ssn = it->ri.ssn;
			r.rcv_flags = it->ri.unordered ? SCTP_UNORDERED : 0;
			r.rcv_ppid = htonl(it->ri.ppid);
			r.rcv_tsn = it->ri.tsn;
			r.rcv_assoc_id = (sctp_assoc_t)it->ri.assoc_id;
			pl_put_cmsg(m, &used, SCTP_RCVINFO, &r, sizeof(r));
		}
		mflags |= m->msg_flags;
		m->msg_controllen = used;
		m->msg_flags = mflags;
		if (m->msg_name != NULL)
			pl_copy_sa(sk, &it->peer, m->msg_name, &m->msg_namelen);
	}
	pl_copy_sa(sk, &it->peer, from, fromlen);
	if (!(flags & MSG_PEEK)) {
		it->off += (uint32_t)n;
		if (it->off == it->len) {
			sk->rxq = it->next;
			if (sk->rxq == NULL)
				sk->rxq_tail = NULL;
			sk->rx_bytes -= it->len;
			pl_item_free(it);
		}
	}
	pl_update(sk);
	pl_unlock();
	return (ssize_t)n;
}

static ssize_t
pl_recv_ret(ssize_t rc)
{
	if (rc >= 0)
		return rc;
	errno = (int)-rc;
	return -1;
}

PL_EXPORT ssize_t
recv(int fd, void *b, size_t n, int flags)
{
	struct pl_sock *sk = pl_get(fd);
	struct iovec v = { b, n };

	if (sk == NULL) {
		pl_resolve();
		return pl_real.recv(fd, b, n, flags);
	}
	return pl_recv_ret(pl_recv(sk, &v, 1, flags, NULL, NULL, NULL));
}

PL_EXPORT ssize_t
recvfrom(int fd, void *b, size_t n, int flags, struct sockaddr *from,
	 socklen_t *fromlen)
{
	struct pl_sock *sk = pl_get(fd);
	struct iovec v = { b, n };

	if (sk == NULL) {
		pl_resolve();
		return pl_real.recvfrom(fd, b, n, flags, from, fromlen);
	}
	return pl_recv_ret(pl_recv(sk, &v, 1, flags, NULL, from, fromlen));
}

PL_EXPORT ssize_t
recvmsg(int fd, struct msghdr *m, int flags)
{
	struct pl_sock *sk = pl_get(fd);

	if (sk == NULL) {
		pl_resolve();
		return pl_real.recvmsg(fd, m, flags);
	}
	if (m == NULL)
		return pl_recv_ret(-EINVAL);
	return pl_recv_ret(
		pl_recv(sk, m->msg_iov, m->msg_iovlen, flags, m, NULL, NULL));
}

PL_EXPORT ssize_t
read(int fd, void *b, size_t n)
{
	struct pl_sock *sk = pl_get(fd);
	struct iovec v = { b, n };

	if (sk == NULL) {
		pl_resolve();
		return pl_real.read(fd, b, n);
	}
	return pl_recv_ret(pl_recv(sk, &v, 1, 0, NULL, NULL, NULL));
}
