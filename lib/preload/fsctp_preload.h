/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libfsctp-preload: the RFC 6458 sockets API (the Linux / lksctp layout of
 * <netinet/sctp.h>) for unmodified programs, through LD_PRELOAD.
 *
 * Shape: one fsctp runtime and one INLINE-mode fsctp_sock per process,
 * polled by a thread of the library (started at the first SCTP socket()).
 * Each SCTP socket of the program is a struct pl_sock behind a real file
 * descriptor, an eventfd: it is readable (counter > 0) exactly when a
 * message, a notification, an association to accept or an end of stream
 * waits, so poll/select/epoll work natively. Every fsctp call and every
 * pl_* structure is guarded by one mutex (pl.lock): the poll thread holds
 * it during each fsctp_rt_poll() turn, whose callbacks fill the sockets'
 * queues; application threads hold it in their calls and block on a
 * condition variable (never by spinning).
 */
#ifndef FSCTP_PRELOAD_H
#define FSCTP_PRELOAD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>

#include <netinet/sctp.h>

#include "fsctp.h"

/* Limits (each with a counter in struct pl_counters). */
#define PL_MAX_FDS	  65536	   /* descriptors the table maps */
#define PL_RXQ_MAX	  67108864 /* SO_RCVBUF / SO_SNDBUF values kept */
#define PL_BACKLOG_MAX	  4096	   /* accept queue */
#define PL_ASSOC_PER_SOCK 65536
#define PL_SEND_MAX	  (256 * 1024) /* largest gathered send */

/* A received message or notification waiting in a socket's queue. */
struct pl_item {
	struct pl_item *next;
	bool notif;   /* MSG_NOTIFICATION */
	bool partial; /* a piece of a message, more follows (no MSG_EOR) */
	struct fsctp_rcvinfo ri; /* data: its rcvinfo (user cleared) */
	struct fsctp_addr peer;	 /* msg_name */
	uint32_t len;		 /* bytes in buf */
	uint32_t off;		 /* bytes already read (partial reads) */
	/* Data: the message the stack gave (fsctp_sock_ops.on_msg), kept
	 * out of the receive window until read, so that a program that
	 * reads slowly slows the peer down (RFC 9260 6.2); NULL for a
	 * notification, whose bytes follow in data[]. */
	struct fsctp_msg *msg;
	const uint8_t *buf;
	uint8_t data[];
};

struct pl_sock;

/* One association; its pointer is the fsctp association's user pointer. */
struct pl_assoc {
	fsctp_assoc_id_t id;
	struct pl_sock *sk; /* NULL once the socket closed */
	struct pl_assoc *next;
	struct fsctp_addr local, peer;
	uint16_t instrms, outstrms;
	bool up;   /* COMM_UP seen */
	bool gone; /* final event seen: no more callbacks */
	int err;   /* ECONNREFUSED / ECONNRESET once gone */
};

/* One SCTP socket of the program. */
struct pl_sock {
	int fd;	    /* the eventfd the program holds; -1 before accept */
	int wfd;    /* one-to-one listener: the write end of the pipe whose
		     * read end is fd (never writable, as a listening
		     * socket), else -1 */
	int type;   /* SOCK_STREAM (one-to-one) or SOCK_SEQPACKET */
	int family; /* AF_INET or AF_INET6 */
	bool nonblock;
	bool bound;
	bool listening;
	bool closed;
	bool signalled; /* the eventfd holds a count */
	bool eof;	/* one-to-one: the peer shut down or it ended */
	int so_error;
	struct fsctp_addr laddr; /* bound address (port 0: ephemeral) */
	struct pl_assoc *assocs; /* one-to-one: at most one */
	unsigned int n_assocs;
	/* One-to-one listener: associations waiting for accept(). */
	struct pl_sock *acceptq, *acceptq_tail, *next_accept;
	unsigned int n_acceptq, backlog;
	struct pl_item *rxq, *rxq_tail;
	size_t rx_bytes;
	/* Options. */
	struct sctp_event_subscribe ev; /* SCTP_EVENTS / SCTP_EVENT */
	bool recvrcvinfo;		/* SCTP_RECVRCVINFO */
	bool nodelay;
	bool reuseaddr;
	bool v4mapped;
	struct linger linger;
	int rcvbuf, sndbuf;
	struct fsctp_sndinfo def_snd; /* SCTP_DEFAULT_SEND_PARAM/SNDINFO */
	struct timeval rcvtimeo, sndtimeo;
};

/* Counters of the limits and refusals (FSCTP_PRELOAD_STATS=1 prints
 * them at exit). */
struct pl_counters {
	uint64_t fd_table_full;	  /* descriptor beyond PL_MAX_FDS */
	uint64_t acceptq_full;	  /* association aborted: backlog full */
	uint64_t assoc_limit;	  /* socket's association limit */
	uint64_t alloc_fail;	  /* malloc failed */
	uint64_t no_listener;	  /* association to a closed listener */
	uint64_t unsupported_opt; /* option refused */
	uint64_t orphan_data;	  /* data after the socket closed */
	uint64_t msgs_in, msgs_out, notifs;
};

/* The process's state. */
struct pl_global {
	pthread_mutex_t lock;
	pthread_cond_t cond; /* any socket's state changed */
	pthread_mutex_t init_lock;
	int started; /* 0 not yet, 1 running, -1 failed */
	int init_err;
	pthread_t thread;
	atomic_int stop;
	atomic_int want; /* application threads waiting for the lock */
	struct fsctp_rt *rt;
	struct fsctp_sock *s;
	unsigned int idle_us;
	struct pl_sock *listener[65536]; /* by SCTP port */
	bool fsctp_listening[65536];
	uint16_t next_port;
	struct pl_counters st;
	uint64_t logged[4]; /* options already reported once */
};

extern struct pl_global pl;

/* The libc functions underneath (dlsym(RTLD_NEXT)). */
struct pl_real {
	int (*socket)(int, int, int);
	int (*bind)(int, const struct sockaddr *, socklen_t);
	int (*listen)(int, int);
	int (*accept)(int, struct sockaddr *, socklen_t *);
	int (*accept4)(int, struct sockaddr *, socklen_t *, int);
	int (*connect)(int, const struct sockaddr *, socklen_t);
	ssize_t (*send)(int, const void *, size_t, int);
	ssize_t (*sendto)(int, const void *, size_t, int,
			  const struct sockaddr *, socklen_t);
	ssize_t (*sendmsg)(int, const struct msghdr *, int);
	ssize_t (*recv)(int, void *, size_t, int);
	ssize_t (*recvfrom)(int, void *, size_t, int, struct sockaddr *,
			    socklen_t *);
	ssize_t (*recvmsg)(int, struct msghdr *, int);
	ssize_t (*read)(int, void *, size_t);
	ssize_t (*write)(int, const void *, size_t);
	int (*close)(int);
	int (*shutdown)(int, int);
	int (*getsockopt)(int, int, int, void *, socklen_t *);
	int (*setsockopt)(int, int, int, const void *, socklen_t);
	int (*getsockname)(int, struct sockaddr *, socklen_t *);
	int (*getpeername)(int, struct sockaddr *, socklen_t *);
	int (*fcntl)(int, int, ...);
	int (*fcntl64)(int, int, ...);
	int (*ioctl)(int, unsigned long, ...);
};

extern struct pl_real pl_real;

/* fsctp_preload.c */
void pl_lock(void);
void pl_unlock(void);
struct pl_sock *pl_get(int fd);
void pl_update(struct pl_sock *sk);
void pl_item_free(struct pl_item *it);
struct pl_assoc *pl_find_assoc(struct pl_sock *sk, fsctp_assoc_id_t id);
struct pl_assoc *pl_default_assoc(struct pl_sock *sk);
int pl_addr_from_sa(const struct sockaddr *sa, socklen_t len,
		    struct fsctp_addr *out);
socklen_t pl_addr_to_sa(const struct pl_sock *sk, const struct fsctp_addr *a,
			struct sockaddr_storage *ss);
int pl_bind_addr(struct pl_sock *sk, const struct fsctp_addr *a);
int pl_connect_addr(struct pl_sock *sk, const struct fsctp_addr *dst,
		    fsctp_assoc_id_t *id);
int pl_new_fd(struct pl_sock *sk, bool nonblock);
void pl_log_once(unsigned int key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void pl_resolve(void);
bool pl_wait(const struct timeval *tv);
int pl_fail(int err);
void pl_copy_sa(const struct pl_sock *sk, const struct fsctp_addr *a,
		struct sockaddr *out, socklen_t *len);
struct pl_assoc *pl_find_peer(struct pl_sock *sk,
			      const struct fsctp_addr *peer);

/* fsctp_preload_opt.c: SOL_SOCKET and IPPROTO_SCTP options; they return
 * 0 or -errno, with the lock held. */
int pl_getsockopt(struct pl_sock *sk, int level, int name, void *val,
		  socklen_t *len);
int pl_setsockopt(struct pl_sock *sk, int level, int name, const void *val,
		  socklen_t len);

#endif /* FSCTP_PRELOAD_H */
