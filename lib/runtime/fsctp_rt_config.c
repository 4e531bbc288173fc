/* SPDX-License-Identifier: BSD-3-Clause */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cfgfile.h>
#include <rte_log.h>

#include "fsctp_rt_config.h"
#include "fsctp_proto.h"
#include "fsctp_rt_log.h"

RTE_LOG_REGISTER(fsctp_rt_logtype, fsctp.fastpath, INFO);

#define MAX_SECTIONS 16
#define MAX_ENTRIES  32

struct ctx {
	struct fsctp_rt_config *cfg;
	char *err;
	size_t errlen;
};

static int
bad(struct ctx *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "profile %s: ", c->cfg->path);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	if (c->err != NULL && c->errlen > 0)
		snprintf(c->err, c->errlen, "%s", msg);
	FSCTP_RT_LOG(ERR, "%s\n", msg);
	return -EINVAL;
}

void
fsctp_rt_config_defaults(struct fsctp_rt_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->pool_mbufs = 8191;
	cfg->pool_cache = 256;
	cfg->pool_data_room = 2048 + 128; /* RTE_MBUF_DEFAULT_BUF_SIZE */
	cfg->rx_hold = UINT32_MAX;
	cfg->n_fastpath = 1;
	cfg->fastpath[0] = 0;
	cfg->handoff_ring = 1024;
	cfg->tx_fifo = 1024;
	cfg->tuple_table = 4096;
	cfg->udp_encaps_port = 9899; /* RFC 6951 5.1: IANA sctp-tunneling */
	cfg->udp_table = 1024;
	cfg->max_assocs = 1024;
	cfg->shutdown_ms = 3000;
	cfg->hb_interval_ms = UINT32_MAX;
	cfg->rto_initial_ms = UINT32_MAX;
	cfg->rto_min_ms = UINT32_MAX;
	cfg->rto_max_ms = UINT32_MAX;
	cfg->assoc_max_retrans = UINT32_MAX;
	cfg->path_max_retrans = UINT32_MAX;
	cfg->burst = 32;
	cfg->frag_interleave = 1; /* RFC 6458 8.1.20 */
	cfg->reply_rate = UINT32_MAX;
	cfg->reply_burst = UINT32_MAX;
}

static int
get_uint(struct ctx *c, const char *sec, const char *key, const char *v,
	 unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long x;

	errno = 0;
	if (!isdigit((unsigned char)v[0]))
		return bad(c, "[%s] %s = '%s': not a number", sec, key, v);
	x = strtoul(v, &end, 0);
	while (isspace((unsigned char)*end))
		end++;
	if (errno != 0 || *end != '\0')
		return bad(c, "[%s] %s = '%s': not a number", sec, key, v);
	if (x < min || x > max)
		return bad(c, "[%s] %s = %lu: out of range %lu..%lu", sec, key,
			   x, min, max);
	*out = x;
	return 0;
}

#define UINT_INTO(c, sec, key, v, min, max, dst)                  \
	do {                                                      \
		unsigned long u_;                                 \
		int r_ = get_uint(c, sec, key, v, min, max, &u_); \
		if (r_ != 0)                                      \
			return r_;                                \
		(dst) = (__typeof__(dst))u_;                      \
	} while (0)

/* Split v on commas and spaces into at most max words of cap bytes.
 * @return the number of words or -1 when there are too many or too long. */
static int
split(const char *v, char (*w)[64], int max)
{
	int n = 0;
	const char *p = v;

	while (*p != '\0') {
		size_t l;

		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		l = strcspn(p, ", \t");
		if (n >= max || l >= 64)
			return -1;
		memcpy(w[n], p, l);
		w[n][l] = '\0';
		n++;
		p += l;
	}
	return n;
}

static int
parse_eal(struct ctx *c, const char *key, const char *v)
{
	const char *p = v;

	if (strcmp(key, "args") != 0)
		return bad(c, "[eal] unknown key '%s' (known: args)", key);
	c->cfg->n_eal = 0;
	while (*p != '\0') {
		size_t l;

		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		l = strcspn(p, " \t");
		if (c->cfg->n_eal >= FSCTP_RT_MAX_EAL_ARGS ||
		    l >= sizeof(c->cfg->eal[0]))
			return bad(c, "[eal] args: too many or too long words");
		memcpy(c->cfg->eal[c->cfg->n_eal], p, l);
		c->cfg->eal[c->cfg->n_eal][l] = '\0';
		c->cfg->n_eal++;
		p += l;
	}
	return 0;
}

static int
parse_lcore_list(struct ctx *c, const char *v)
{
	char w[FSCTP_RT_MAX_LCORES][64];
	int n, i;

	n = split(v, w, FSCTP_RT_MAX_LCORES);
	if (n <= 0)
		return bad(c, "[lcores] fastpath = '%s': need 1..%d lcore ids",
			   v, FSCTP_RT_MAX_LCORES);
	c->cfg->n_fastpath = 0;
	for (i = 0; i < n; i++) {
		unsigned long a, b;
		char *dash = strchr(w[i], '-');

		if (dash != NULL)
			*dash = '\0';
		if (get_uint(c, "lcores", "fastpath", w[i], 0, 1023, &a) != 0)
			return -EINVAL;
		b = a;
		if (dash != NULL && get_uint(c, "lcores", "fastpath", dash + 1,
					     a, 1023, &b) != 0)
			return -EINVAL;
		for (; a <= b; a++) {
			if (c->cfg->n_fastpath >= FSCTP_RT_MAX_LCORES)
				return bad(c, "[lcores] fastpath: more than %d",
					   FSCTP_RT_MAX_LCORES);
			c->cfg->fastpath[c->cfg->n_fastpath++] = (uint16_t)a;
		}
	}
	return 0;
}

static int
parse_section_simple(struct ctx *c, const char *sec, const char *key,
		     const char *v)
{
	struct fsctp_rt_config *cfg = c->cfg;

	if (strcmp(sec, "pools") == 0) {
		if (strcmp(key, "mbufs") == 0)
			UINT_INTO(c, sec, key, v, 512, 1u << 24,
				  cfg->pool_mbufs);
		else if (strcmp(key, "cache") == 0)
			UINT_INTO(c, sec, key, v, 0, 512, cfg->pool_cache);
		else if (strcmp(key, "data_room") == 0)
			UINT_INTO(c, sec, key, v, 1024, 65535,
				  cfg->pool_data_room);
		else if (strcmp(key, "rx_hold") == 0)
			UINT_INTO(c, sec, key, v, 0, 1u << 24, cfg->rx_hold);
		else
			return bad(c,
				   "[pools] unknown key '%s' (known: mbufs, "
				   "cache, data_room, rx_hold)",
				   key);
		return 0;
	}
	if (strcmp(sec, "lcores") == 0) {
		if (strcmp(key, "fastpath") == 0)
			return parse_lcore_list(c, v);
		if (strcmp(key, "idle_sleep_us") == 0) {
			UINT_INTO(c, sec, key, v, 0, 100000,
				  cfg->idle_sleep_us);
			return 0;
		}
		return bad(c,
			   "[lcores] unknown key '%s' (known: fastpath, "
			   "idle_sleep_us)",
			   key);
	}
	/* [sctp] */
	if (strcmp(key, "listen") == 0) {
		char w[FSCTP_RT_MAX_LISTEN][64];
		int n = split(v, w, FSCTP_RT_MAX_LISTEN), i;

		if (n < 0)
			return bad(c, "[sctp] listen = '%s': at most %d ports",
				   v, FSCTP_RT_MAX_LISTEN);
		for (i = 0; i < n; i++)
			UINT_INTO(c, sec, key, w[i], 1, 65535, cfg->listen[i]);
		cfg->n_listen = (uint16_t)n;
	} else if (strcmp(key, "max_assocs") == 0) {
		UINT_INTO(c, sec, key, v, 1, 1u << 20, cfg->max_assocs);
	} else if (strcmp(key, "shutdown_ms") == 0) {
		UINT_INTO(c, sec, key, v, 0, 600000, cfg->shutdown_ms);
	} else if (strcmp(key, "hb_interval_ms") == 0) {
		UINT_INTO(c, sec, key, v, 0, 3600000, cfg->hb_interval_ms);
	} else if (strcmp(key, "rto_initial_ms") == 0) {
		UINT_INTO(c, sec, key, v, 10, 600000, cfg->rto_initial_ms);
	} else if (strcmp(key, "rto_min_ms") == 0) {
		UINT_INTO(c, sec, key, v, 10, 600000, cfg->rto_min_ms);
	} else if (strcmp(key, "rto_max_ms") == 0) {
		UINT_INTO(c, sec, key, v, 10, 600000, cfg->rto_max_ms);
	} else if (strcmp(key, "assoc_max_retrans") == 0) {
		UINT_INTO(c, sec, key, v, 1, 1000, cfg->assoc_max_retrans);
	} else if (strcmp(key, "path_max_retrans") == 0) {
		UINT_INTO(c, sec, key, v, 1, 1000, cfg->path_max_retrans);
	} else if (strcmp(key, "pf_threshold") == 0) {
		cfg->pf_set = true;
		if (strcmp(v, "off") == 0)
			cfg->pf_threshold = FSCTP_PF_OFF;
		else
			UINT_INTO(c, sec, key, v, 0, 1000, cfg->pf_threshold);
	} else if (strcmp(key, "handoff_ring") == 0) {
		UINT_INTO(c, sec, key, v, 64, 1u << 20, cfg->handoff_ring);
		if ((cfg->handoff_ring & (cfg->handoff_ring - 1)) != 0)
			return bad(c,
				   "[sctp] handoff_ring = %u: not a power "
				   "of two",
				   cfg->handoff_ring);
	} else if (strcmp(key, "tx_fifo") == 0) {
		UINT_INTO(c, sec, key, v, 64, 1u << 16, cfg->tx_fifo);
		if ((cfg->tx_fifo & (cfg->tx_fifo - 1)) != 0)
			return bad(c, "[sctp] tx_fifo = %u: not a power of two",
				   cfg->tx_fifo);
	} else if (strcmp(key, "tuple_table") == 0) {
		UINT_INTO(c, sec, key, v, 64, 1u << 22, cfg->tuple_table);
	} else if (strcmp(key, "burst") == 0) {
		UINT_INTO(c, sec, key, v, 1, 512, cfg->burst);
	} else if (strcmp(key, "udp_encaps") == 0) {
		if (strcmp(v, "on") == 0)
			cfg->udp_encaps = true;
		else if (strcmp(v, "off") == 0)
			cfg->udp_encaps = false;
		else
			return bad(c,
				   "[sctp] udp_encaps = '%s': expected on or "
				   "off",
				   v);
	} else if (strcmp(key, "udp_encaps_port") == 0) {
		UINT_INTO(c, sec, key, v, 1, 65535, cfg->udp_encaps_port);
	} else if (strcmp(key, "udp_remote_port") == 0) {
		UINT_INTO(c, sec, key, v, 0, 65535, cfg->udp_remote_port);
	} else if (strcmp(key, "zero_checksum_edmid") == 0) {
		UINT_INTO(c, sec, key, v, 0, UINT32_MAX, cfg->zero_csum_edmid);
	} else if (strcmp(key, "udp_table") == 0) {
		UINT_INTO(c, sec, key, v, 64, 1u << 22, cfg->udp_table);
		if ((cfg->udp_table & (cfg->udp_table - 1)) != 0)
			return bad(c,
				   "[sctp] udp_table = %u: not a power of two",
				   cfg->udp_table);
	} else if (strcmp(key, "reconf_enable") == 0) {
		UINT_INTO(c, sec, key, v, 0, 7, cfg->reconf_enable);
	} else if (strcmp(key, "plpmtud") == 0) {
		UINT_INTO(c, sec, key, v, 0, 1, cfg->plpmtud);
	} else if (strcmp(key, "plpmtud_max") == 0) {
		UINT_INTO(c, sec, key, v, 1200, 9216, cfg->plpmtud_max);
	} else if (strcmp(key, "plpmtud_probe_ms") == 0) {
		UINT_INTO(c, sec, key, v, 1000, 600000, cfg->plpmtud_probe_ms);
	} else if (strcmp(key, "plpmtud_raise_ms") == 0) {
		UINT_INTO(c, sec, key, v, 1000, 86400000,
			  cfg->plpmtud_raise_ms);
	} else if (strcmp(key, "idata") == 0) {
		UINT_INTO(c, sec, key, v, 0, 1, cfg->idata);
	} else if (strcmp(key, "auth") == 0) {
		UINT_INTO(c, sec, key, v, 0, 1, cfg->auth);
	} else if (strcmp(key, "asconf") == 0) {
		UINT_INTO(c, sec, key, v, 0, 1, cfg->asconf);
	} else if (strcmp(key, "auth_chunks") == 0) {
		const char *q = v;

		cfg->n_auth_chunks = 0;
		while (*q) {
			char *end;
			unsigned long t = strtoul(q, &end, 10);

			if (end == q || t > 255 || cfg->n_auth_chunks >= 8 ||
			    (*end != ',' && *end != 0) ||
			    (*end == ',' && end[1] == 0))
				return bad(
					c,
					"[sctp] auth_chunks = '%s': expected "
					"up to 8 chunk types, e.g. 0,3",
					v);
			cfg->auth_chunks[cfg->n_auth_chunks++] = (uint8_t)t;
			q = *end ? end + 1 : end;
		}
	} else if (strcmp(key, "stream_sched") == 0) {
		UINT_INTO(c, sec, key, v, 0, 5, cfg->stream_sched);
	} else if (strcmp(key, "pd_point") == 0) {
		UINT_INTO(c, sec, key, v, 0, UINT32_MAX, cfg->pd_point);
	} else if (strcmp(key, "frag_interleave") == 0) {
		UINT_INTO(c, sec, key, v, 0, 2, cfg->frag_interleave);
	} else if (strcmp(key, "reply_rate") == 0) {
		/* RFC 9260 5.1.3: a hardening limit a load generator may
		 * raise; 0 switches it off. */
		UINT_INTO(c, sec, key, v, 0, 100000000, cfg->reply_rate);
	} else if (strcmp(key, "reply_burst") == 0) {
		UINT_INTO(c, sec, key, v, 1, 100000000, cfg->reply_burst);
	} else if (strcmp(key, "sndbuf") == 0) {
		UINT_INTO(c, sec, key, v, 1024, 1u << 30, cfg->sndbuf);
	} else if (strcmp(key, "rwnd") == 0) {
		/* RFC 9260 3.3.2: a_rwnd is at least 1500. */
		UINT_INTO(c, sec, key, v, 1500, 1u << 30, cfg->rwnd);
	} else {
		return bad(c,
			   "[sctp] unknown key '%s' (known: listen, "
			   "max_assocs, shutdown_ms, hb_interval_ms, "
			   "rto_initial_ms, rto_min_ms, rto_max_ms, "
			   "assoc_max_retrans, path_max_retrans, "
			   "pf_threshold, "
			   "handoff_ring, tx_fifo, tuple_table, burst, "
			   "udp_encaps, udp_encaps_port, udp_remote_port, "
			   "udp_table, zero_checksum_edmid, reconf_enable, "
			   "plpmtud, "
			   "plpmtud_max, plpmtud_probe_ms, plpmtud_raise_ms, "
			   "idata, auth, auth_chunks, asconf, "
			   "stream_sched, pd_point, frag_interleave, "
			   "reply_rate, reply_burst, sndbuf, rwnd)",
			   key);
	}
	return 0;
}

static int
parse_addr_key(struct ctx *c, const char *sec, const char *key, const char *v,
	       struct fsctp_rt_port_cfg *p)
{
	char w[FSCTP_NETIF_MAX_ADDRS][64];
	int n = split(v, w, FSCTP_NETIF_MAX_ADDRS), i;
	bool want6 = strchr(key, '6') != NULL;
	bool gw = strncmp(key, "gateway", 7) == 0;

	if (n <= 0 || (gw && n != 1))
		return bad(c, "[%s] %s = '%s': expected %s", sec, key, v,
			   gw ? "one address" : "1..8 addresses");
	for (i = 0; i < n; i++) {
		uint8_t fam, ip[16], pfx;

		if (fsctp_net_parse_addr(w[i], &fam, ip, &pfx) != 0 ||
		    fam != (want6 ? FSCTP_AF_INET6 : FSCTP_AF_INET4))
			return bad(c,
				   "[%s] %s: cannot parse '%s' as an %s "
				   "address",
				   sec, key, w[i], want6 ? "IPv6" : "IPv4");
		if (gw && want6) {
			memcpy(p->net.gw6, ip, 16);
			p->net.has_gw6 = true;
		} else if (gw) {
			memcpy(p->net.gw4, ip, 4);
			p->net.has_gw4 = true;
		} else if (want6) {
			memcpy(p->net.v6[p->net.n_v6].ip, ip, 16);
			p->net.v6[p->net.n_v6++].prefix = pfx;
		} else {
			memcpy(p->net.v4[p->net.n_v4].ip, ip, 4);
			p->net.v4[p->net.n_v4++].prefix = pfx;
		}
	}
	return 0;
}

/* [portN] routes = PREFIX/LEN via NEXTHOP[, PREFIX/LEN via NEXTHOP]...
 * (checked against the port's addresses once every key is read). */
static int
parse_routes(struct ctx *c, const char *sec, const char *v,
	     struct fsctp_rt_port_cfg *p)
{
	char w[3 * FSCTP_NETIF_MAX_ROUTES][64];
	int n = split(v, w, 3 * FSCTP_NETIF_MAX_ROUTES), i;

	if (n <= 0 || n % 3 != 0)
		return bad(c,
			   "[%s] routes = '%s': expected PREFIX/LEN via "
			   "NEXTHOP, at most %u, separated by commas",
			   sec, v, FSCTP_NETIF_MAX_ROUTES);
	p->net.n_routes = 0;
	for (i = 0; i < n; i += 3) {
		struct fsctp_netif_route *r = &p->net.routes[p->net.n_routes];
		uint8_t hop_fam, hop_len;

		if (fsctp_net_parse_addr(w[i], &r->family, r->prefix,
					 &r->len) != 0 ||
		    strcmp(w[i + 1], "via") != 0 ||
		    fsctp_net_parse_addr(w[i + 2], &hop_fam, r->via,
					 &hop_len) != 0 ||
		    hop_fam != r->family || strchr(w[i + 2], '/') != NULL)
			return bad(c,
				   "[%s] routes: cannot read '%s %s %s' as "
				   "PREFIX/LEN via NEXTHOP (one family)",
				   sec, w[i], w[i + 1], w[i + 2]);
		p->net.n_routes++;
	}
	return 0;
}

/* A route's next hop must be on the port's link. */
static int
check_routes(struct ctx *c, unsigned int port,
	     const struct fsctp_rt_port_cfg *p)
{
	uint8_t i, k;

	for (i = 0; i < p->net.n_routes; i++) {
		const struct fsctp_netif_route *r = &p->net.routes[i];
		const struct fsctp_netif_addr *la =
			r->family == FSCTP_AF_INET4 ? p->net.v4 : p->net.v6;
		uint8_t n =
			r->family == FSCTP_AF_INET4 ? p->net.n_v4 : p->net.n_v6;
		bool ok = false;

		for (k = 0; k < n && !ok; k++)
			ok = fsctp_net_prefix_match(la[k].ip, r->via,
						    la[k].prefix);
		if (!ok)
			return bad(c,
				   "[port%u] routes: next hop %u of %u is "
				   "not on the port's link (no %s address "
				   "of its subnet)",
				   port, i + 1, p->net.n_routes,
				   r->family == FSCTP_AF_INET4 ? "ipv4"
							       : "ipv6");
	}
	return 0;
}

static int
parse_port_key(struct ctx *c, const char *sec, const char *key, const char *v,
	       struct fsctp_rt_port_cfg *p)
{
	if (strcmp(key, "vdev") == 0 || strcmp(key, "pci") == 0 ||
	    strcmp(key, "ring") == 0) {
		if (p->kind != 0)
			return bad(c,
				   "[%s] %s: a port has one of vdev, pci, "
				   "ring",
				   sec, key);
		if (strlen(v) >= sizeof(p->dev) || v[0] == '\0')
			return bad(c, "[%s] %s = '%s': empty or too long", sec,
				   key, v);
		snprintf(p->dev, sizeof(p->dev), "%s", v);
		if (key[0] == 'v') {
			p->kind = FSCTP_RT_PORT_VDEV;
		} else if (key[0] == 'p') {
			p->kind = FSCTP_RT_PORT_PCI;
		} else {
			char *colon = strrchr(p->dev, ':');

			p->kind = FSCTP_RT_PORT_RING;
			if (colon == NULL || colon == p->dev ||
			    (strcmp(colon, ":a") != 0 &&
			     strcmp(colon, ":b") != 0))
				return bad(c,
					   "[%s] ring = '%s': expected "
					   "NAME:a or NAME:b",
					   sec, v);
			p->ring_side = colon[1] == 'b';
			*colon = '\0';
		}
	} else if (strcmp(key, "rx_queues") == 0) {
		UINT_INTO(c, sec, key, v, 1, FSCTP_RT_MAX_LCORES, p->rx_queues);
	} else if (strcmp(key, "tx_queues") == 0) {
		UINT_INTO(c, sec, key, v, 1, FSCTP_RT_MAX_LCORES, p->tx_queues);
	} else if (strcmp(key, "rx_desc") == 0) {
		UINT_INTO(c, sec, key, v, 32, 16384, p->rx_desc);
	} else if (strcmp(key, "tx_desc") == 0) {
		UINT_INTO(c, sec, key, v, 32, 16384, p->tx_desc);
	} else if (strcmp(key, "mtu") == 0) {
		UINT_INTO(c, sec, key, v, 1280, 9600, p->mtu);
	} else if (strcmp(key, "vlan") == 0) {
		UINT_INTO(c, sec, key, v, 0, 4095, p->net.vlan_tci);
		p->net.vlan = true;
	} else if (strcmp(key, "rss") == 0) {
		if (strcmp(v, "sctp") == 0)
			p->rss_sctp = true;
		else if (strcmp(v, "none") == 0)
			p->rss_sctp = false;
		else
			return bad(c, "[%s] rss = '%s': expected sctp or none",
				   sec, v);
	} else if (strcmp(key, "offloads") == 0) {
		char w[8][64];
		int n = split(v, w, 8), i;

		if (n < 0)
			return bad(c, "[%s] offloads = '%s': too many", sec, v);
		p->tx_ip4_cksum = p->tx_sctp_cksum = p->rx_cksum = false;
		for (i = 0; i < n; i++) {
			if (strcmp(w[i], "ipv4_cksum") == 0)
				p->tx_ip4_cksum = true;
			else if (strcmp(w[i], "sctp_cksum") == 0)
				p->tx_sctp_cksum = true;
			else if (strcmp(w[i], "rx_cksum") == 0)
				p->rx_cksum = true;
			else if (strcmp(w[i], "none") != 0)
				return bad(c,
					   "[%s] offloads: unknown '%s' "
					   "(known: ipv4_cksum, sctp_cksum, "
					   "rx_cksum, none)",
					   sec, w[i]);
		}
	} else if (strcmp(key, "mac") == 0) {
		unsigned int m[6];
		char tail;
		int i;

		if (sscanf(v, "%2x:%2x:%2x:%2x:%2x:%2x%c", &m[0], &m[1], &m[2],
			   &m[3], &m[4], &m[5], &tail) != 6)
			return bad(c,
				   "[%s] mac = '%s': expected "
				   "xx:xx:xx:xx:xx:xx",
				   sec, v);
		for (i = 0; i < 6; i++)
			p->net.mac[i] = (uint8_t)m[i];
		if (p->net.mac[0] & 1)
			return bad(c, "[%s] mac = '%s': a group address", sec,
				   v);
		p->has_mac = true;
	} else if (strcmp(key, "ipv4") == 0 || strcmp(key, "ipv6") == 0 ||
		   strcmp(key, "gateway4") == 0 ||
		   strcmp(key, "gateway6") == 0) {
		return parse_addr_key(c, sec, key, v, p);
	} else if (strcmp(key, "routes") == 0) {
		return parse_routes(c, sec, v, p);
	} else if (strcmp(key, "neigh_entries") == 0) {
		UINT_INTO(c, sec, key, v, 1, 65536, p->net.neigh.max_entries);
	} else if (strcmp(key, "neigh_pending") == 0) {
		UINT_INTO(c, sec, key, v, 1, FSCTP_NEIGH_PENDING_MAX,
			  p->net.neigh.max_pending);
	} else {
		return bad(c,
			   "[%s] unknown key '%s' (known: vdev, pci, ring, "
			   "rx_queues, tx_queues, rx_desc, tx_desc, rss, "
			   "offloads, mtu, mac, vlan, ipv4, ipv6, gateway4, "
			   "gateway6, routes, neigh_entries, neigh_pending)",
			   sec, key);
	}
	return 0;
}

static int
port_index(const char *sec)
{
	const char *d = sec + 4;

	if (strncmp(sec, "port", 4) != 0 || !isdigit((unsigned char)*d) ||
	    d[1] != '\0')
		return -1;
	return *d - '0';
}

static int
check(struct ctx *c)
{
	struct fsctp_rt_config *cfg = c->cfg;
	uint64_t need = 0;
	uint16_t i;

	if (cfg->n_ports == 0)
		return bad(c, "no [port0] section: a profile needs at least "
			      "one port");
	if (cfg->udp_remote_port != 0 && !cfg->udp_encaps)
		return bad(c,
			   "[sctp] udp_remote_port = %u needs udp_encaps = "
			   "on (packets in UDP leave from our own "
			   "encapsulation port)",
			   cfg->udp_remote_port);
	for (i = 0; i < cfg->n_ports; i++) {
		struct fsctp_rt_port_cfg *p = &cfg->ports[i];

		if (p->kind == 0)
			return bad(c,
				   "[port%u]: missing port: give one of "
				   "vdev, pci or ring",
				   i);
		if (p->net.n_v4 + p->net.n_v6 == 0)
			return bad(c, "[port%u]: no ipv4 or ipv6 address", i);
		if (check_routes(c, i, p) != 0)
			return -EINVAL;
		if (p->rx_queues == 0)
			p->rx_queues = cfg->n_fastpath;
		if (p->tx_queues == 0)
			p->tx_queues = cfg->n_fastpath;
		/* Each fast-path lcore polls queue i of every port and owns
		 * TX queue i: no queue is shared, so no lock is needed. */
		if (p->rx_queues != cfg->n_fastpath ||
		    p->tx_queues != cfg->n_fastpath)
			return bad(c,
				   "[port%u]: rx_queues=%u tx_queues=%u "
				   "but %u fastpath lcores: need one "
				   "queue of each per lcore",
				   i, p->rx_queues, p->tx_queues,
				   cfg->n_fastpath);
		need += (uint64_t)p->rx_queues * p->rx_desc +
			(uint64_t)p->tx_queues * p->tx_desc;
	}
	need += (uint64_t)cfg->n_fastpath *
		(cfg->pool_cache + cfg->burst * 4u + cfg->handoff_ring);
	if (cfg->pool_mbufs < need)
		return bad(c,
			   "[pools] mbufs = %u: fewer than the %lu that the "
			   "queues, caches and hand-off rings can hold",
			   cfg->pool_mbufs, (unsigned long)need);
	/* Zero copy on receive: what messages may hold comes out of what
	 * the queues leave, so the NIC never starves for buffers. */
	if (cfg->rx_hold == UINT32_MAX)
		cfg->rx_hold = (uint32_t)((cfg->pool_mbufs - need) / 2 /
					  cfg->n_fastpath);
	else if (need + (uint64_t)cfg->rx_hold * cfg->n_fastpath >
		 cfg->pool_mbufs)
		return bad(c,
			   "[pools] rx_hold = %u: %u lcores would hold more "
			   "than the %lu mbufs that the queues, caches and "
			   "rings leave of mbufs = %u",
			   cfg->rx_hold, cfg->n_fastpath,
			   (unsigned long)(cfg->pool_mbufs - need),
			   cfg->pool_mbufs);
	return 0;
}

int
fsctp_rt_config_load(const char *path, struct fsctp_rt_config *cfg, char *err,
		     size_t errlen)
{
	struct rte_cfgfile_entry *ent = NULL;
	struct rte_cfgfile *cf;
	char *secs[MAX_SECTIONS];
	char secbuf[MAX_SECTIONS][CFG_NAME_LEN];
	struct ctx c = { cfg, err, errlen };
	bool seen[FSCTP_RT_MAX_PORTS] = { false };
	int nsec, s, i, rc = 0;
	FILE *f;

	if (path == NULL || cfg == NULL)
		return -EINVAL;
	fsctp_rt_config_defaults(cfg);
	snprintf(cfg->path, sizeof(cfg->path), "%s", path);
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	/* rte_cfgfile_load() does not say why it failed: look first. */
	f = fopen(path, "r");
	if (f == NULL) {
		bad(&c, "cannot open: %s", strerror(errno));
		return -ENOENT;
	}
	fclose(f);
	cf = rte_cfgfile_load(path, 0);
	if (cf == NULL)
		return bad(&c, "not a valid INI file");
	nsec = rte_cfgfile_num_sections(cf, NULL, 0);
	if (nsec > MAX_SECTIONS) {
		rc = bad(&c, "%d sections, at most %d", nsec, MAX_SECTIONS);
		goto out;
	}
	for (s = 0; s < MAX_SECTIONS; s++)
		secs[s] = secbuf[s];
	nsec = rte_cfgfile_sections(cf, secs, MAX_SECTIONS);
	ent = calloc(MAX_ENTRIES, sizeof(*ent));
	if (ent == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	/* [lcores] first: port queue defaults depend on it. */
	for (s = 0; s < nsec && rc == 0; s++) {
		int n;

		if (strcmp(secs[s], "lcores") != 0)
			continue;
		n = rte_cfgfile_section_entries(cf, secs[s], ent, MAX_ENTRIES);
		for (i = 0; i < n && rc == 0; i++)
			rc = parse_section_simple(&c, secs[s], ent[i].name,
						  ent[i].value);
	}
	for (s = 0; s < nsec && rc == 0; s++) {
		int n, pi = port_index(secs[s]);
		struct fsctp_rt_port_cfg *p = NULL;

		if (pi >= 0) {
			if (pi >= FSCTP_RT_MAX_PORTS) {
				rc = bad(&c, "[%s]: at most %d ports", secs[s],
					 FSCTP_RT_MAX_PORTS);
				break;
			}
			p = &cfg->ports[pi];
			seen[pi] = true;
			p->rx_desc = 1024;
			p->tx_desc = 1024;
			p->mtu = 1500;
			p->tx_ip4_cksum = p->tx_sctp_cksum = p->rx_cksum = true;
			fsctp_neigh_config_defaults(&p->net.neigh);
		} else if (strcmp(secs[s], "eal") != 0 &&
			   strcmp(secs[s], "pools") != 0 &&
			   strcmp(secs[s], "lcores") != 0 &&
			   strcmp(secs[s], "sctp") != 0) {
			rc = bad(&c,
				 "unknown section [%s] (known: eal, pools, "
				 "lcores, sctp, port0..port%d)",
				 secs[s], FSCTP_RT_MAX_PORTS - 1);
			break;
		}
		if (strcmp(secs[s], "lcores") == 0)
			continue;
		n = rte_cfgfile_section_num_entries(cf, secs[s]);
		if (n > MAX_ENTRIES) {
			rc = bad(&c, "[%s]: more than %d keys", secs[s],
				 MAX_ENTRIES);
			break;
		}
		n = rte_cfgfile_section_entries(cf, secs[s], ent, MAX_ENTRIES);
		for (i = 0; i < n && rc == 0; i++) {
			if (p != NULL)
				rc = parse_port_key(&c, secs[s], ent[i].name,
						    ent[i].value, p);
			else if (strcmp(secs[s], "eal") == 0)
				rc = parse_eal(&c, ent[i].name, ent[i].value);
			else
				rc = parse_section_simple(
					&c, secs[s], ent[i].name, ent[i].value);
		}
	}
	if (rc == 0) {
		for (i = 0; i < FSCTP_RT_MAX_PORTS && seen[i]; i++)
			cfg->n_ports++;
		for (; i < FSCTP_RT_MAX_PORTS; i++)
			if (seen[i]) {
				rc = bad(&c,
					 "[port%d] without [port%u]: ports "
					 "are numbered from 0 without gaps",
					 i, cfg->n_ports);
				break;
			}
	}
	if (rc == 0)
		rc = check(&c);
out:
	free(ent);
	rte_cfgfile_close(cf);
	return rc;
}
