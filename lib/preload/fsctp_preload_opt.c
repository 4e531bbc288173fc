/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libfsctp-preload: socket options. SOL_SOCKET options a program sets on
 * any socket, the RFC 6458 section 8 options the fsctp API has, and the
 * Linux-private ones libsctp's calls use (sctp_bindx, sctp_connectx,
 * sctp_getpaddrs, sctp_getladdrs, sctp_peeloff). The rest is refused with
 * ENOPROTOOPT, as Linux refuses an unknown option, and reported once on
 * stderr. Endpoint-wide fsctp values (RTOINFO, ASSOCINFO, INITMSG,
 * MAX_BURST, PEER_ADDR_PARAMS with id 0) are the process's: every socket
 * of the program shares the one fsctp socket.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_preload.h"

/* The fsctp association an option's sctp_assoc_t names on this socket:
 * 0 is the endpoint (one-to-many) or the socket's association
 * (one-to-one, 0 while it has none). */
static int
pl_opt_id(struct pl_sock *sk, sctp_assoc_t aid, fsctp_assoc_id_t *id)
{
	if (sk->type == SOCK_STREAM) {
		*id = sk->assocs != NULL && !sk->assocs->gone ? sk->assocs->id
							      : 0;
		return 0;
	}
	if (aid <= 0) {
		*id = 0;
		return 0;
	}
	if (pl_find_assoc(sk, (fsctp_assoc_id_t)aid) == NULL)
		return -EINVAL;
	*id = (fsctp_assoc_id_t)aid;
	return 0;
}

static int
pl_refuse(int level, int name, const char *dir)
{
	pl.st.unsupported_opt++;
	pl_log_once((unsigned int)(level == IPPROTO_SCTP ? name % 128
							 : 128 + name % 64),
		    "%s level %d option %d not supported (ENOPROTOOPT)", dir,
		    level, name);
	return -ENOPROTOOPT;
}

static int
pl_put_int(void *val, socklen_t *len, int v)
{
	if (*len < sizeof(int))
		return -EINVAL;
	memcpy(val, &v, sizeof(int));
	*len = sizeof(int);
	return 0;
}

static int
pl_get_int(const void *val, socklen_t len, int *v)
{
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(v, val, sizeof(int));
	return 0;
}

/* A packed list of sockaddr_in / sockaddr_in6 (sctp_bindx,
 * sctp_connectx): the i-th one, or -EINVAL. */
static int
pl_next_sa(const uint8_t **p, size_t *left, struct fsctp_addr *a)
{
	const struct sockaddr *sa = (const void *)*p;
	size_t n;

	if (*left < sizeof(sa_family_t))
		return -EINVAL;
	n = sa->sa_family == AF_INET	? sizeof(struct sockaddr_in)
	    : sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
					: 0;
	if (n == 0 || *left < n)
		return -EINVAL;
	*p += n;
	*left -= n;
	return pl_addr_from_sa(sa, (socklen_t)n, a);
}

/* sctp_getpaddrs / sctp_getladdrs: struct sctp_getaddrs with packed
 * addresses. */
static int
pl_get_addrs(struct pl_sock *sk, bool peer, void *val, socklen_t *len)
{
	struct sctp_getaddrs ga;
	struct sockaddr_storage ss;
	struct pl_assoc *as = NULL;
	struct fsctp_addr a;
	socklen_t n;

	if (*len < sizeof(ga))
		return -EINVAL;
	memcpy(&ga, val, sizeof(ga));
	if (sk->type == SOCK_STREAM)
		as = sk->assocs;
	else if (ga.assoc_id > 0)
		as = pl_find_assoc(sk, (fsctp_assoc_id_t)ga.assoc_id);
	if (peer && (as == NULL || !as->up))
		return -EINVAL;
	a = as != NULL && as->up ? (peer ? as->peer : as->local) : sk->laddr;
	if (!peer && as == NULL && !sk->bound) {
		ga.addr_num = 0;
		memcpy(val, &ga, sizeof(ga));
		*len = sizeof(ga);
		return 0;
	}
	n = pl_addr_to_sa(sk, &a, &ss);
	if (*len < sizeof(ga) + n)
		return -ENOMEM;
	ga.addr_num = 1;
	memcpy(val, &ga, sizeof(ga));
	memcpy((uint8_t *)val + sizeof(ga), &ss, n);
	*len = sizeof(ga) + n;
	return 0;
}

/* sctp_connectx: the first address of the list (fsctp associations are
 * single-homed on the profile's side; the peer's other addresses come
 * from its INIT or INIT ACK). */
static int
pl_connectx(struct pl_sock *sk, const void *addrs, size_t size,
	    fsctp_assoc_id_t *id)
{
	const uint8_t *p = addrs;
	struct fsctp_addr a;
	int rc;

	if (addrs == NULL)
		return -EINVAL;
	rc = pl_next_sa(&p, &size, &a);
	if (rc != 0)
		return rc;
	return pl_connect_addr(sk, &a, id);
}

static int
pl_bindx(struct pl_sock *sk, const void *addrs, size_t size)
{
	const uint8_t *p = addrs;
	struct fsctp_addr a;
	int rc = 0;

	if (addrs == NULL || size == 0)
		return -EINVAL;
	while (size > 0 && rc == 0) {
		rc = pl_next_sa(&p, &size, &a);
		if (rc == 0)
			rc = pl_bind_addr(sk, &a);
	}
	return rc;
}

/* sctp_peeloff: a one-to-one socket for one association of a
 * one-to-many socket (RFC 6458 9.2). */
static int
pl_peeloff(struct pl_sock *sk, void *val, socklen_t *len)
{
	sctp_peeloff_arg_t arg;
	struct pl_assoc *as;
	struct pl_sock *c;
	struct pl_item **pp, *it;
	int fd;

	if (sk->type != SOCK_SEQPACKET)
		return -EINVAL;
	if (*len < sizeof(arg))
		return -EINVAL;
	memcpy(&arg, val, sizeof(arg));
	as = pl_find_assoc(sk, (fsctp_assoc_id_t)arg.associd);
	if (as == NULL || as->gone)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	*c = *sk;
	c->type = SOCK_STREAM;
	c->listening = false;
	c->closed = false;
	c->assocs = NULL;
	c->n_assocs = 0;
	c->acceptq = c->acceptq_tail = c->next_accept = NULL;
	c->n_acceptq = 0;
	c->rxq = c->rxq_tail = NULL;
	c->rx_bytes = 0;
	c->eof = false;
	c->so_error = 0;
	c->wfd = -1;
	fd = pl_new_fd(c, false);
	if (fd < 0) {
		free(c);
		return fd;
	}
	/* Move the association and its queued messages. */
	for (struct pl_assoc **ap = &sk->assocs; *ap != NULL; ap = &(*ap)->next)
		if (*ap == as) {
			*ap = as->next;
			sk->n_assocs--;
			break;
		}
	as->next = NULL;
	as->sk = c;
	c->assocs = as;
	c->n_assocs = 1;
	sk->rxq_tail = NULL;
	for (pp = &sk->rxq; *pp != NULL;) {
		it = *pp;
		if (it->ri.assoc_id == as->id) {
			*pp = it->next;
			sk->rx_bytes -= it->len;
			it->next = NULL;
			if (c->rxq_tail != NULL)
				c->rxq_tail->next = it;
			else
				c->rxq = it;
			c->rxq_tail = it;
			c->rx_bytes += it->len;
		} else {
			sk->rxq_tail = it;
			pp = &it->next;
		}
	}
	arg.sd = fd;
	memcpy(val, &arg, sizeof(arg));
	*len = sizeof(arg);
	pl_update(sk);
	pl_update(c);
	return 0;
}

static int32_t
pl_sstat_state(enum fsctp_state s)
{
	switch (s) {
	case FSCTP_COOKIE_WAIT:
		return SCTP_COOKIE_WAIT;
	case FSCTP_COOKIE_ECHOED:
		return SCTP_COOKIE_ECHOED;
	case FSCTP_ESTABLISHED:
		return SCTP_ESTABLISHED;
	case FSCTP_SHUTDOWN_PENDING:
		return SCTP_SHUTDOWN_PENDING;
	case FSCTP_SHUTDOWN_SENT:
		return SCTP_SHUTDOWN_SENT;
	case FSCTP_SHUTDOWN_RECEIVED:
		return SCTP_SHUTDOWN_RECEIVED;
	case FSCTP_SHUTDOWN_ACK_SENT:
		return SCTP_SHUTDOWN_ACK_SENT;
	default:
		return SCTP_CLOSED;
	}
}

static int
pl_get_sctp(struct pl_sock *sk, int name, void *val, socklen_t *len)
{
	fsctp_assoc_id_t id;
	sctp_assoc_t aid = 0;
	size_t n;
	int rc;

	if (*len >= sizeof(sctp_assoc_t))
		memcpy(&aid, val, sizeof(aid));
	switch (name) {
	case SCTP_RTOINFO: {
		struct sctp_rtoinfo o;
		struct fsctp_rtoinfo f;

		if (*len < sizeof(o))
			return -EINVAL;
		rc = pl_opt_id(sk, aid, &id);
		n = sizeof(f);
		if (rc == 0)
			rc = fsctp_getopt(pl.s, id, FSCTP_OPT_RTOINFO, &f, &n);
		if (rc != 0)
			return rc;
		o.srto_assoc_id = aid;
		o.srto_initial = f.initial;
		o.srto_max = f.max;
		o.srto_min = f.min;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_ASSOCINFO: {
		struct sctp_assocparams o;
		struct fsctp_assocparams f;

		if (*len < sizeof(o))
			return -EINVAL;
		rc = pl_opt_id(sk, aid, &id);
		n = sizeof(f);
		if (rc == 0)
			rc = fsctp_getopt(pl.s, id, FSCTP_OPT_ASSOCINFO, &f,
					  &n);
		if (rc != 0)
			return rc;
		o.sasoc_assoc_id = aid;
		o.sasoc_asocmaxrxt = f.asoc_maxrxt;
		o.sasoc_number_peer_destinations = f.number_peer_destinations;
		o.sasoc_peer_rwnd = f.peer_rwnd;
		o.sasoc_local_rwnd = f.local_rwnd;
		o.sasoc_cookie_life = f.cookie_life;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_INITMSG: {
		struct sctp_initmsg o;
		struct fsctp_initmsg f;

		if (*len < sizeof(o))
			return -EINVAL;
		n = sizeof(f);
		rc = fsctp_getopt(pl.s, 0, FSCTP_OPT_INITMSG, &f, &n);
		if (rc != 0)
			return rc;
		o.sinit_num_ostreams = f.num_ostreams;
		o.sinit_max_instreams = f.max_instreams;
		o.sinit_max_attempts = f.max_attempts;
		o.sinit_max_init_timeo = f.max_init_timeo;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_NODELAY:
		return pl_put_int(val, len, sk->nodelay);
	case SCTP_FRAGMENT_INTERLEAVE:
	case SCTP_PARTIAL_DELIVERY_POINT: {
		/* RFC 6458 8.1.20, 8.1.21: the process's values (endpoint). */
		uint32_t v;

		n = sizeof(v);
		rc = fsctp_getopt(pl.s, 0,
				  name == SCTP_FRAGMENT_INTERLEAVE
					  ? FSCTP_OPT_FRAGMENT_INTERLEAVE
					  : FSCTP_OPT_PARTIAL_DELIVERY_POINT,
				  &v, &n);
		if (rc != 0)
			return rc;
		return pl_put_int(val, len, (int)v);
	}
	case SCTP_RECVRCVINFO:
		return pl_put_int(val, len, sk->recvrcvinfo);
	case SCTP_I_WANT_MAPPED_V4_ADDR:
		return pl_put_int(val, len, sk->v4mapped);
	case SCTP_AUTOCLOSE:
	case SCTP_DISABLE_FRAGMENTS:
		return pl_put_int(val, len, 0);
	case SCTP_EVENTS: {
		socklen_t k = *len < sizeof(sk->ev) ? *len : sizeof(sk->ev);

		memcpy(val, &sk->ev, k);
		*len = k;
		return 0;
	}
	case SCTP_EVENT: {
		struct sctp_event e;
		const uint8_t *f = (const uint8_t *)&sk->ev;

		if (*len < sizeof(e))
			return -EINVAL;
		memcpy(&e, val, sizeof(e));
		if (e.se_type < SCTP_SN_TYPE_BASE ||
		    (size_t)(e.se_type - SCTP_SN_TYPE_BASE + 1) >=
			    sizeof(sk->ev))
			return -EINVAL;
		/* The subscribe struct's fields follow the notification
		 * types' order, after sctp_data_io_event. */
		e.se_on = f[e.se_type - SCTP_SN_TYPE_BASE + 1];
		memcpy(val, &e, sizeof(e));
		*len = sizeof(e);
		return 0;
	}
	case SCTP_STATUS: {
		struct sctp_status o;
		struct fsctp_status f;
		struct sockaddr_storage ss;

		if (*len < sizeof(o))
			return -EINVAL;
		rc = pl_opt_id(sk, aid, &id);
		if (rc != 0)
			return rc;
		if (id == 0)
			return -EINVAL;
		n = sizeof(f);
		rc = fsctp_getopt(pl.s, id, FSCTP_OPT_STATUS, &f, &n);
		if (rc != 0)
			return rc == -ENOTCONN ? -EINVAL : rc;
		memset(&o, 0, sizeof(o));
		o.sstat_assoc_id = (sctp_assoc_t)id;
		o.sstat_state = pl_sstat_state(f.state);
		o.sstat_rwnd = f.rwnd;
		o.sstat_instrms = f.instrms;
		o.sstat_outstrms = f.outstrms;
		o.sstat_fragmentation_point = f.fragmentation_point;
		o.sstat_primary.spinfo_assoc_id = (sctp_assoc_t)id;
		pl_addr_to_sa(sk, &f.primary, &ss);
		memcpy(&o.sstat_primary.spinfo_address, &ss, sizeof(ss));
		o.sstat_primary.spinfo_state = SCTP_ACTIVE;
		o.sstat_primary.spinfo_cwnd = f.primary_cwnd;
		o.sstat_primary.spinfo_srtt = f.primary_srtt_us / 1000;
		o.sstat_primary.spinfo_rto = f.primary_rto_us / 1000;
		o.sstat_primary.spinfo_mtu = f.primary_mtu;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_DEFAULT_SEND_PARAM: {
		struct sctp_sndrcvinfo o = { 0 };

		if (*len < sizeof(o))
			return -EINVAL;
		o.sinfo_stream = sk->def_snd.sid;
		o.sinfo_ppid = htonl(sk->def_snd.ppid);
		o.sinfo_flags = sk->def_snd.unordered ? SCTP_UNORDERED : 0;
		o.sinfo_context = (uint32_t)sk->def_snd.context;
		o.sinfo_timetolive = sk->def_snd.lifetime_ms;
		o.sinfo_assoc_id = aid;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_DEFAULT_SNDINFO: {
		struct sctp_sndinfo o = { 0 };

		if (*len < sizeof(o))
			return -EINVAL;
		o.snd_sid = sk->def_snd.sid;
		o.snd_ppid = htonl(sk->def_snd.ppid);
		o.snd_flags = sk->def_snd.unordered ? SCTP_UNORDERED : 0;
		o.snd_context = (uint32_t)sk->def_snd.context;
		o.snd_assoc_id = aid;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_CONTEXT: {
		struct sctp_assoc_value o;

		if (*len < sizeof(o))
			return -EINVAL;
		o.assoc_id = aid;
		o.assoc_value = (uint32_t)sk->def_snd.context;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_MAXSEG:
	case SCTP_MAX_BURST: {
		struct sctp_assoc_value o;
		uint32_t v;

		rc = pl_opt_id(sk, aid, &id);
		n = sizeof(v);
		if (rc == 0)
			rc = fsctp_getopt(pl.s, name == SCTP_MAXSEG ? id : 0,
					  name == SCTP_MAXSEG
						  ? FSCTP_OPT_MAXSEG
						  : FSCTP_OPT_MAX_BURST,
					  &v, &n);
		if (rc != 0)
			return rc;
		if (*len == sizeof(int))
			return pl_put_int(val, len, (int)v);
		if (*len < sizeof(o))
			return -EINVAL;
		o.assoc_id = aid;
		o.assoc_value = v;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_PEER_ADDR_PARAMS: {
		struct sctp_paddrparams o;
		struct fsctp_paddrparams f;

		if (*len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		rc = pl_opt_id(sk, o.spp_assoc_id, &id);
		n = sizeof(f);
		if (rc == 0)
			rc = fsctp_getopt(pl.s, id, FSCTP_OPT_PEER_ADDR_PARAMS,
					  &f, &n);
		if (rc != 0)
			return rc;
		o.spp_hbinterval = f.hbinterval;
		o.spp_pathmaxrxt = f.pathmaxrxt;
		o.spp_pathmtu = f.pathmtu;
		o.spp_sackdelay = f.sackdelay;
		o.spp_flags = (f.hbinterval ? SPP_HB_ENABLE : SPP_HB_DISABLE) |
			      SPP_PMTUD_ENABLE | SPP_SACKDELAY_ENABLE;
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_REMOTE_UDP_ENCAPS_PORT: {
		/* RFC 6951 6.1: one peer address of an association; the
		 * port in network byte order. */
		struct sctp_udpencaps o;
		struct fsctp_udpencaps f;

		if (*len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		rc = pl_opt_id(sk, o.sue_assoc_id, &id);
		if (rc == 0 && id == 0)
			rc = -EINVAL;
		if (rc == 0)
			rc = pl_addr_from_sa(
				(const struct sockaddr *)&o.sue_address,
				sizeof(o.sue_address), &f.address);
		n = sizeof(f);
		if (rc == 0)
			rc = fsctp_getopt(pl.s, id,
					  FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT, &f,
					  &n);
		if (rc != 0)
			return rc;
		o.sue_port = htons(f.port);
		memcpy(val, &o, sizeof(o));
		*len = sizeof(o);
		return 0;
	}
	case SCTP_GET_ASSOC_NUMBER: {
		uint32_t v = 0;
		struct pl_assoc *as;

		for (as = sk->assocs; as != NULL; as = as->next)
			v += as->up && !as->gone;
		if (*len < sizeof(v))
			return -EINVAL;
		memcpy(val, &v, sizeof(v));
		*len = sizeof(v);
		return 0;
	}
	case SCTP_GET_ASSOC_ID_LIST: {
		struct sctp_assoc_ids *ids = val;
		struct pl_assoc *as;
		uint32_t k = 0, max;

		if (*len < sizeof(*ids))
			return -EINVAL;
		max = (*len - sizeof(*ids)) / sizeof(sctp_assoc_t);
		for (as = sk->assocs; as != NULL; as = as->next)
			if (as->up && !as->gone)
				k++;
		if (k > max)
			return -EINVAL;
		k = 0;
		for (as = sk->assocs; as != NULL; as = as->next)
			if (as->up && !as->gone)
				ids->gaids_assoc_id[k++] = (sctp_assoc_t)as->id;
		ids->gaids_number_of_ids = k;
		*len = sizeof(*ids) + k * sizeof(sctp_assoc_t);
		return 0;
	}
	case SCTP_GET_PEER_ADDRS:
	case SCTP_GET_LOCAL_ADDRS:
		return pl_get_addrs(sk, name == SCTP_GET_PEER_ADDRS, val, len);
	case SCTP_SOCKOPT_CONNECTX3: {
		struct sctp_getaddrs_old o;

		if (*len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		if (o.addr_num <= 0)
			return -EINVAL;
		rc = pl_connectx(sk, o.addrs, (size_t)o.addr_num, &id);
		if (rc != 0)
			return rc;
		o.assoc_id = (sctp_assoc_t)id;
		memcpy(val, &o, sizeof(o));
		return 0;
	}
	case SCTP_SOCKOPT_PEELOFF:
		return pl_peeloff(sk, val, len);
	default:
		return pl_refuse(IPPROTO_SCTP, name, "getsockopt");
	}
}

static int
pl_set_sctp(struct pl_sock *sk, int name, const void *val, socklen_t len)
{
	fsctp_assoc_id_t id;
	sctp_assoc_t aid = 0;
	int rc, v;

	if (len >= sizeof(sctp_assoc_t))
		memcpy(&aid, val, sizeof(aid));
	switch (name) {
	case SCTP_RTOINFO: {
		struct sctp_rtoinfo o;
		struct fsctp_rtoinfo f;
		size_t n = sizeof(f);

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		rc = fsctp_getopt(pl.s, 0, FSCTP_OPT_RTOINFO, &f, &n);
		if (rc != 0)
			return rc;
		/* RFC 6458 8.1.1: a zero field keeps its value. */
		if (o.srto_initial)
			f.initial = o.srto_initial;
		if (o.srto_max)
			f.max = o.srto_max;
		if (o.srto_min)
			f.min = o.srto_min;
		return fsctp_setopt(pl.s, 0, FSCTP_OPT_RTOINFO, &f, sizeof(f));
	}
	case SCTP_ASSOCINFO: {
		struct sctp_assocparams o;
		struct fsctp_assocparams f;
		size_t n = sizeof(f);

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		rc = fsctp_getopt(pl.s, 0, FSCTP_OPT_ASSOCINFO, &f, &n);
		if (rc != 0)
			return rc;
		/* RFC 6458 8.1.2: zero keeps the current value. */
		if (o.sasoc_asocmaxrxt)
			f.asoc_maxrxt = o.sasoc_asocmaxrxt;
		if (o.sasoc_cookie_life)
			f.cookie_life = o.sasoc_cookie_life;
		return fsctp_setopt(pl.s, 0, FSCTP_OPT_ASSOCINFO, &f,
				    sizeof(f));
	}
	case SCTP_INITMSG: {
		struct sctp_initmsg o;
		struct fsctp_initmsg f;
		size_t n = sizeof(f);

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		rc = fsctp_getopt(pl.s, 0, FSCTP_OPT_INITMSG, &f, &n);
		if (rc != 0)
			return rc;
		/* RFC 6458 8.1.3: zero keeps the default. */
		if (o.sinit_num_ostreams)
			f.num_ostreams = o.sinit_num_ostreams;
		if (o.sinit_max_instreams)
			f.max_instreams = o.sinit_max_instreams;
		if (o.sinit_max_attempts)
			f.max_attempts = o.sinit_max_attempts;
		return fsctp_setopt(pl.s, 0, FSCTP_OPT_INITMSG, &f, sizeof(f));
	}
	case SCTP_FRAGMENT_INTERLEAVE:
	case SCTP_PARTIAL_DELIVERY_POINT: {
		/* RFC 6458 8.1.20, 8.1.21: process-wide, new associations. */
		uint32_t u;

		rc = pl_get_int(val, len, &v);
		if (rc != 0)
			return rc;
		if (v < 0)
			return -EINVAL;
		u = (uint32_t)v;
		return fsctp_setopt(pl.s, 0,
				    name == SCTP_FRAGMENT_INTERLEAVE
					    ? FSCTP_OPT_FRAGMENT_INTERLEAVE
					    : FSCTP_OPT_PARTIAL_DELIVERY_POINT,
				    &u, sizeof(u));
	}
	case SCTP_NODELAY:
		rc = pl_get_int(val, len, &v);
		if (rc != 0)
			return rc;
		sk->nodelay = v != 0;
		/* Process-wide in fsctp: on as soon as a socket asks. */
		if (sk->nodelay)
			return fsctp_setopt(pl.s, 0, FSCTP_OPT_NODELAY, &v,
					    sizeof(v));
		return 0;
	case SCTP_RECVRCVINFO:
		rc = pl_get_int(val, len, &v);
		if (rc == 0)
			sk->recvrcvinfo = v != 0;
		return rc;
	case SCTP_I_WANT_MAPPED_V4_ADDR:
		rc = pl_get_int(val, len, &v);
		if (rc == 0)
			sk->v4mapped = v != 0;
		return rc;
	case SCTP_AUTOCLOSE:
	case SCTP_DISABLE_FRAGMENTS:
		/* Off only: fsctp always fragments (RFC 9260 6.9), and has
		 * no autoclose timer. */
		rc = pl_get_int(val, len, &v);
		if (rc != 0)
			return rc;
		return v == 0 ? 0 : pl_refuse(IPPROTO_SCTP, name, "setsockopt");
	case SCTP_EVENTS: {
		socklen_t k = len < sizeof(sk->ev) ? len : sizeof(sk->ev);

		memset(&sk->ev, 0, sizeof(sk->ev));
		memcpy(&sk->ev, val, k);
		return 0;
	}
	case SCTP_EVENT: {
		struct sctp_event e;
		uint8_t *f = (uint8_t *)&sk->ev;

		if (len < sizeof(e))
			return -EINVAL;
		memcpy(&e, val, sizeof(e));
		if (e.se_type < SCTP_SN_TYPE_BASE ||
		    (size_t)(e.se_type - SCTP_SN_TYPE_BASE + 1) >=
			    sizeof(sk->ev))
			return -EINVAL;
		f[e.se_type - SCTP_SN_TYPE_BASE + 1] = e.se_on != 0;
		return 0;
	}
	case SCTP_DEFAULT_SEND_PARAM: {
		struct sctp_sndrcvinfo o;

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		sk->def_snd.sid = o.sinfo_stream;
		sk->def_snd.ppid = ntohl(o.sinfo_ppid);
		sk->def_snd.unordered = (o.sinfo_flags & SCTP_UNORDERED) != 0;
		sk->def_snd.context = o.sinfo_context;
		sk->def_snd.lifetime_ms = o.sinfo_timetolive;
		return 0;
	}
	case SCTP_DEFAULT_SNDINFO: {
		struct sctp_sndinfo o;

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		sk->def_snd.sid = o.snd_sid;
		sk->def_snd.ppid = ntohl(o.snd_ppid);
		sk->def_snd.unordered = (o.snd_flags & SCTP_UNORDERED) != 0;
		sk->def_snd.context = o.snd_context;
		return 0;
	}
	case SCTP_CONTEXT: {
		struct sctp_assoc_value o;

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		sk->def_snd.context = o.assoc_value;
		return 0;
	}
	case SCTP_MAX_BURST: {
		struct sctp_assoc_value o;
		uint32_t b;

		if (len == sizeof(int)) {
			memcpy(&v, val, sizeof(v));
			b = (uint32_t)v;
		} else if (len >= sizeof(o)) {
			memcpy(&o, val, sizeof(o));
			b = o.assoc_value;
		} else {
			return -EINVAL;
		}
		return fsctp_setopt(pl.s, 0, FSCTP_OPT_MAX_BURST, &b,
				    sizeof(b));
	}
	case SCTP_PEER_ADDR_PARAMS: {
		struct sctp_paddrparams o;
		struct fsctp_paddrparams f;
		size_t n = sizeof(f);

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		rc = pl_opt_id(sk, o.spp_assoc_id, &id);
		if (rc == 0)
			rc = fsctp_getopt(pl.s, 0, FSCTP_OPT_PEER_ADDR_PARAMS,
					  &f, &n);
		if (rc != 0)
			return rc;
		if (o.spp_flags & SPP_HB_DISABLE)
			f.hbinterval = 0;
		else if (o.spp_hbinterval)
			f.hbinterval = o.spp_hbinterval;
		if (o.spp_pathmaxrxt)
			f.pathmaxrxt = o.spp_pathmaxrxt;
		return fsctp_setopt(pl.s, 0, FSCTP_OPT_PEER_ADDR_PARAMS, &f,
				    sizeof(f));
	}
	case SCTP_REMOTE_UDP_ENCAPS_PORT: {
		/* RFC 6951 6.1: sue_address all zeroes (family 0) sets every
		 * peer address of the association. */
		struct sctp_udpencaps o;
		struct fsctp_udpencaps f;

		if (len < sizeof(o))
			return -EINVAL;
		memcpy(&o, val, sizeof(o));
		rc = pl_opt_id(sk, o.sue_assoc_id, &id);
		if (rc == 0 && id == 0)
			rc = -EINVAL; /* no socket-wide default here */
		memset(&f, 0, sizeof(f));
		if (rc == 0 && o.sue_address.ss_family != 0)
			rc = pl_addr_from_sa(
				(const struct sockaddr *)&o.sue_address,
				sizeof(o.sue_address), &f.address);
		if (rc != 0)
			return rc;
		f.port = ntohs(o.sue_port);
		return fsctp_setopt(pl.s, id, FSCTP_OPT_REMOTE_UDP_ENCAPS_PORT,
				    &f, sizeof(f));
	}
	case SCTP_SOCKOPT_BINDX_ADD:
		return pl_bindx(sk, val, len);
	case SCTP_SOCKOPT_CONNECTX:
		rc = pl_connectx(sk, val, len, &id);
		return rc != 0 ? rc : (int)id; /* Linux returns the id */
	case SCTP_MAXSEG:
	default:
		return pl_refuse(IPPROTO_SCTP, name, "setsockopt");
	}
}

/* The receive window each association advertises: what a socket's
 * queue holds at most per association. */
static uint32_t
pl_rwnd(void)
{
	struct fsctp_stack_config c;

	if (fsctp_rt_stack_config(pl.rt, &c) != 0)
		return 0;
	return c.rwnd;
}

static int
pl_get_socket(struct pl_sock *sk, int name, void *val, socklen_t *len)
{
	switch (name) {
	case SO_TYPE:
		return pl_put_int(val, len, sk->type);
	case SO_DOMAIN:
		return pl_put_int(val, len, sk->family);
	case SO_PROTOCOL:
		return pl_put_int(val, len, IPPROTO_SCTP);
	case SO_ERROR: {
		int e = sk->so_error;

		sk->so_error = 0;
		pl_update(sk);
		return pl_put_int(val, len, e);
	}
	case SO_RCVBUF:
		return pl_put_int(val, len,
				  sk->rcvbuf ? sk->rcvbuf * 2 : (int)pl_rwnd());
	case SO_SNDBUF: {
		struct fsctp_stack_config c;

		if (sk->sndbuf)
			return pl_put_int(val, len, sk->sndbuf * 2);
		fsctp_rt_stack_config(pl.rt, &c);
		return pl_put_int(val, len, (int)c.sndbuf);
	}
	case SO_REUSEADDR:
	case SO_REUSEPORT:
		return pl_put_int(val, len, sk->reuseaddr);
	case SO_ACCEPTCONN:
		return pl_put_int(val, len, sk->listening);
	case SO_LINGER:
		if (*len < sizeof(sk->linger))
			return -EINVAL;
		memcpy(val, &sk->linger, sizeof(sk->linger));
		*len = sizeof(sk->linger);
		return 0;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		if (*len < sizeof(struct timeval))
			return -EINVAL;
		memcpy(val, name == SO_RCVTIMEO ? &sk->rcvtimeo : &sk->sndtimeo,
		       sizeof(struct timeval));
		*len = sizeof(struct timeval);
		return 0;
	default:
		return pl_refuse(SOL_SOCKET, name, "getsockopt");
	}
}

static int
pl_set_socket(struct pl_sock *sk, int name, const void *val, socklen_t len)
{
	int v, rc;

	switch (name) {
	case SO_RCVBUF:
	case SO_SNDBUF:
		rc = pl_get_int(val, len, &v);
		if (rc != 0)
			return rc;
		if (v < 1024)
			v = 1024;
		if (v > PL_RXQ_MAX / 2)
			v = PL_RXQ_MAX / 2;
		if (name == SO_RCVBUF) {
			sk->rcvbuf = v;
			return 0;
		}
		/* Like Linux, the value read back is twice the one set; the
		 * send buffer of the associations made afterwards. */
		sk->sndbuf = v;
		return fsctp_setopt(pl.s, 0, FSCTP_OPT_SNDBUF, &(uint32_t){ v },
				    sizeof(uint32_t));
	case SO_REUSEADDR:
	case SO_REUSEPORT:
	case SO_KEEPALIVE:
		rc = pl_get_int(val, len, &v);
		if (rc == 0 && name != SO_KEEPALIVE)
			sk->reuseaddr = v != 0;
		return rc;
	case SO_LINGER:
		if (len < sizeof(sk->linger))
			return -EINVAL;
		memcpy(&sk->linger, val, sizeof(sk->linger));
		return 0;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		if (len < sizeof(struct timeval))
			return -EINVAL;
		memcpy(name == SO_RCVTIMEO ? &sk->rcvtimeo : &sk->sndtimeo, val,
		       sizeof(struct timeval));
		return 0;
	default:
		return pl_refuse(SOL_SOCKET, name, "setsockopt");
	}
}

int
pl_getsockopt(struct pl_sock *sk, int level, int name, void *val,
	      socklen_t *len)
{
	if (level == SOL_SOCKET)
		return pl_get_socket(sk, name, val, len);
	if (level == IPPROTO_SCTP)
		return pl_get_sctp(sk, name, val, len);
	if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY)
		return pl_put_int(val, len, 0);
	return pl_refuse(level, name, "getsockopt");
}

int
pl_setsockopt(struct pl_sock *sk, int level, int name, const void *val,
	      socklen_t len)
{
	if (level == SOL_SOCKET)
		return pl_set_socket(sk, name, val, len);
	if (level == IPPROTO_SCTP)
		return pl_set_sctp(sk, name, val, len);
	if ((level == IPPROTO_IP && name == IP_TOS) ||
	    (level == IPPROTO_IPV6 &&
	     (name == IPV6_V6ONLY || name == IPV6_TCLASS))) {
		/* Accepted, not applied: fsctp sends with its own header
		 * values. */
		pl_log_once(190 + (name & 7),
			    "setsockopt level %d option %d accepted, ignored",
			    level, name);
		return 0;
	}
	return pl_refuse(level, name, "setsockopt");
}
