/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-loadgen: a SIGTRAN (M3UA) and Diameter load generator, responder
 * and relay on the fsctp public API.
 *
 *   fsctp-loadgen -s SCENARIO.ini -p PROFILE [options]
 *
 * The scenario's [general] role says what this process plays: asp
 * (connects, ASP Up / Active, sends DATA), sgp (listens, answers, echoes
 * DATA with echo = yes), dia-client (CER, the configured request, DWR,
 * DPR), dia-server (answers), relay (SGP towards the ASPs that connect,
 * ASP towards [assoc] peer, DATA routed by DPC with the [route] table).
 * With --loop the process also plays the peer on the second port of a
 * ring pair (ring-pair.ini): asp + sgp, dia-client + dia-server, or
 * asp -> relay -> sgp.
 *
 * Options: --role R, --set SECTION.KEY=VALUE (any scenario key), --peer
 * IP:PORT, --loop, --json FILE, --csv FILE, --plot FILE.png (gnuplot),
 * --quiet, --max-time S (responders: stop after S seconds), --eal WORD.
 *
 * Output: a progress line every second, a final summary; exit status 0
 * when every association came up and closed cleanly and no request timed
 * out or was answered with an error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_errno.h>

#include "asp.h"
#include "diameter.h"
#include "fsctp.h"
#include "hist.h"
#include "m3ua.h"
#include "scenario.h"
#include "wire.h"

#define MAX_MSG	    66000

#define START_BURST 64 /* associations started per poll turn */

enum crole {
	C_ASP,	      /* M3UA ASP, generates DATA */
	C_SGP,	      /* M3UA SGP, answers (echo) */
	C_RELAY_UP,   /* relay: SGP side, forwards by DPC */
	C_RELAY_DOWN, /* relay: ASP side towards the next SGP */
	C_DIA_CLIENT,
	C_DIA_SERVER,
};

struct pend {
	uint32_t key; /* Diameter hop-by-hop id, or M3UA echo sequence */
	bool used;
	uint64_t tsc;
};

struct ep;

struct conn {
	fsctp_assoc_id_t id;
	struct ep *ep;
	enum crole role;
	uint32_t idx; /* in its endpoint, for routes and session ids */
	bool mine;    /* opened by fsctp_sock_connect() here */
	bool up, closed, ready, leaving;
	bool busy;	/* sent since the last SENDER_DRY */
	bool starting;	/* up, first message (ASP Up / CER) not sent yet */
	uint16_t n_out; /* negotiated outbound streams */
	struct fsctp_asp asp;
	uint64_t sent, rcvd;
	uint32_t outstanding;
	uint32_t seq, sls;
	uint64_t next_dwr;
	struct pend *pend;
};

struct ep {
	struct fsctp_sock *s;
	enum crole accept_role, connect_role;
	struct conn *conns;
	uint32_t n, cap;
	uint32_t *hash; /* assoc id -> conn index + 1 */
	uint32_t hmask;
	struct fsctp_dia_srv_counters dsc;
};

/* Counters of the whole process. */
struct stats {
	uint64_t tx_data, rx_data, tx_mgmt, rx_mgmt;
	uint64_t tx_req, rx_ans, rx_req, tx_ans, ans_err;
	uint64_t timeouts, send_eagain, send_fail, conn_table_full;
	uint64_t relayed, relay_noroute, wrong_ppid, unknown_assoc;
	uint64_t dia_malformed_in;
	uint64_t corrupted; /* sent broken on purpose (corrupt_every) */
	uint32_t up, closed, lost, setup_fail;
};

static struct fsctp_lg_scenario sc;
static struct fsctp_rt *g_rt;
static atomic_int g_stop; /* set by the signal handler */
static struct ep eps[2];
static unsigned int n_eps;
static struct stats st;
static struct fsctp_lg_hist h_all, h_int;
static uint8_t *g_payload;
static uint32_t g_payload_len;
static double ns_per_tsc;
static bool traffic_on;
static uint64_t t0_us;	   /* traffic start */
static uint64_t g_sent;	   /* generated messages, all associations */
static uint32_t n_gen;	   /* associations that generate traffic */
static uint32_t n_connect; /* associations this process opened */
static uint32_t n_connected_up;
static uint64_t setup_t0_us, setup_done_us;
static uint32_t n_setup_first; /* associations up before the timing */
static uint32_t n_starting;    /* associations waiting for start_some() */
static const uint8_t *cur_raw; /* the message being handled (relay) */
static uint32_t cur_raw_len;
static uint8_t out_buf[MAX_MSG];

static void
on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
}

static uint64_t
tsc_ns(uint64_t dt)
{
	return (uint64_t)((double)dt * ns_per_tsc);
}

/* ---------------------------------------------------------------------- */
/* Association table: an open-addressing hash of ids, bounded. */

static int
ep_init(struct ep *e, struct fsctp_sock *s, uint32_t cap, enum crole acc,
	enum crole con)
{
	uint32_t hs = 16;

	while (hs < cap * 2)
		hs <<= 1;
	memset(e, 0, sizeof(*e));
	e->s = s;
	e->cap = cap;
	e->accept_role = acc;
	e->connect_role = con;
	e->conns = calloc(cap, sizeof(*e->conns));
	e->hash = calloc(hs, sizeof(*e->hash));
	e->hmask = hs - 1;
	return e->conns && e->hash ? 0 : -ENOMEM;
}

static struct conn *
conn_find(struct ep *e, fsctp_assoc_id_t id)
{
	uint32_t h = (uint32_t)(id * 2654435761u) & e->hmask;

	while (e->hash[h] != 0) {
		struct conn *c = &e->conns[e->hash[h] - 1];

		if (c->id == id)
			return c;
		h = (h + 1) & e->hmask;
	}
	return NULL;
}

static int asp_out(void *ctx, uint16_t sid, const uint8_t *msg, uint32_t len);
static void asp_data(void *ctx, uint16_t sid, const struct fsctp_m3ua_msg *m);

static struct conn *
conn_add(struct ep *e, fsctp_assoc_id_t id, enum crole role)
{
	uint32_t h = (uint32_t)(id * 2654435761u) & e->hmask;
	struct conn *c;

	if (e->n >= e->cap) {
		st.conn_table_full++;
		return NULL;
	}
	while (e->hash[h] != 0)
		h = (h + 1) & e->hmask;
	c = &e->conns[e->n];
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->ep = e;
	c->role = role;
	c->idx = e->n;
	c->n_out = sc.streams;
	e->hash[h] = ++e->n;
	if (role == C_ASP || role == C_DIA_CLIENT) {
		c->pend = calloc(sc.window, sizeof(*c->pend));
		if (c->pend == NULL)
			return NULL;
		n_gen++;
	}
	return c;
}

/* ---------------------------------------------------------------------- */
/* Sending. */

static int
send_raw(struct conn *c, uint16_t sid, uint32_t ppid, const void *buf,
	 uint32_t len)
{
	struct fsctp_sndinfo si = { .sid = sid, .ppid = ppid };
	int rc;

	if (sid >= c->n_out)
		si.sid = 0;
	rc = fsctp_sendmsg(c->ep->s, c->id, buf, len, &si);
	if (rc == 0)
		c->busy = true;
	else if (rc == -EAGAIN)
		st.send_eagain++;
	else if (rc != 0)
		st.send_fail++;
	return rc;
}

static int
asp_out(void *ctx, uint16_t sid, const uint8_t *msg, uint32_t len)
{
	struct conn *c = ctx;
	int rc = send_raw(c, sid, FSCTP_PPID_M3UA, msg, len);

	if (rc == 0)
		st.tx_mgmt++;
	return rc;
}

static struct pend *
pend_put(struct conn *c, uint32_t key)
{
	uint32_t i;

	for (i = 0; i < sc.window; i++)
		if (!c->pend[i].used) {
			c->pend[i].used = true;
			c->pend[i].key = key;
			c->pend[i].tsc = rte_rdtsc();
			return &c->pend[i];
		}
	return NULL;
}

/* An answer (or echo) for key: latency sample, slot freed. */
static bool
pend_take(struct conn *c, uint32_t key)
{
	uint32_t i;

	for (i = 0; c->pend != NULL && i < sc.window; i++)
		if (c->pend[i].used && c->pend[i].key == key) {
			uint64_t ns = tsc_ns(rte_rdtsc() - c->pend[i].tsc);

			c->pend[i].used = false;
			c->outstanding--;
			fsctp_lg_hist_add(&h_all, ns);
			fsctp_lg_hist_add(&h_int, ns);
			return true;
		}
	return false;
}

/* Free a slot taken for a request that could not be sent. */
static void
pend_drop(struct conn *c, uint32_t key)
{
	uint32_t i;

	for (i = 0; i < sc.window; i++)
		if (c->pend[i].used && c->pend[i].key == key) {
			c->pend[i].used = false;
			return;
		}
}

static bool
send_m3ua_data(struct conn *c)
{
	struct fsctp_m3ua_pd pd = {
		.opc = sc.opc,
		.dpc = sc.dpc,
		.si = sc.si,
		.ni = sc.ni,
		.mp = sc.mp,
		.sls = (uint8_t)(c->sls++ % sc.sls_count),
		.data = g_payload,
		.len = g_payload_len,
	};
	uint16_t sid = fsctp_m3ua_stream(FSCTP_M3UA_TRANSFER, pd.sls, c->n_out);
	int n;

	if (sc.echo) {
		/* The echo comes back with the sequence number in the first
		 * four payload bytes. */
		lg_put32(g_payload, c->seq);
		if (pend_put(c, c->seq) == NULL)
			return false;
	}
	n = fsctp_m3ua_encode_data(out_buf, sizeof(out_buf), sc.rc_present,
				   sc.rc, &pd);
	if (n > 0 && sc.m3ua_corrupt != 0 &&
	    c->seq % sc.m3ua_corrupt == sc.m3ua_corrupt - 1) {
		out_buf[0] = 2; /* RFC 4666 3.1: only version 1 exists */
		st.corrupted++;
	}
	if (n < 0 || send_raw(c, sid, FSCTP_PPID_M3UA, out_buf, n) != 0) {
		if (sc.echo)
			pend_drop(c, c->seq); /* not sent */
		return false;
	}
	if (sc.echo)
		c->outstanding++;
	c->seq++;
	st.tx_data++;
	return true;
}

static void
put_origin(struct fsctp_dia_enc *e)
{
	fsctp_dia_put_str(e, FSCTP_DIA_AVP_ORIGIN_HOST, FSCTP_DIA_AVP_MANDATORY,
			  sc.origin_host);
	fsctp_dia_put_str(e, FSCTP_DIA_AVP_ORIGIN_REALM,
			  FSCTP_DIA_AVP_MANDATORY, sc.origin_realm);
}

static int
send_dia_base(struct conn *c, uint32_t code, bool with_app)
{
	struct fsctp_dia_enc e;
	uint32_t hbh = c->seq++;
	int n;

	fsctp_dia_begin(&e, out_buf, sizeof(out_buf), FSCTP_DIA_F_REQUEST, code,
			0, hbh, hbh ^ (c->idx << 20));
	put_origin(&e);
	if (code == FSCTP_DIA_CMD_CE) {
		struct fsctp_addr a;

		/* RFC 6733 5.3.1: Host-IP-Address, Vendor-Id, Product-Name,
		 * the application we support. */
		if (fsctp_rt_port_addr(g_rt, 0, FSCTP_AF_INET4, &a) != 0)
			memset(&a, 0, sizeof(a));
		fsctp_dia_put_addr(&e, FSCTP_DIA_AVP_HOST_IP, false, a.ip.v4);
		fsctp_dia_put_u32(&e, FSCTP_DIA_AVP_VENDOR_ID,
				  FSCTP_DIA_AVP_MANDATORY, 0, 0);
		fsctp_dia_put_str(&e, FSCTP_DIA_AVP_PRODUCT_NAME, 0,
				  "fsctp-loadgen");
	}
	if (with_app)
		fsctp_dia_put_u32(&e, FSCTP_DIA_AVP_AUTH_APP_ID,
				  FSCTP_DIA_AVP_MANDATORY, 0, sc.app_id);
	if (code == FSCTP_DIA_CMD_DP)
		fsctp_dia_put_u32(&e, FSCTP_DIA_AVP_DISCONNECT_CAUSE,
				  FSCTP_DIA_AVP_MANDATORY, 0,
				  0 /* REBOOTING */);
	n = fsctp_dia_finish(&e);
	if (n < 0 || send_raw(c, 0, FSCTP_PPID_DIAMETER, out_buf, n) != 0)
		return -1;
	st.tx_mgmt++;
	return 0;
}

static bool
send_dia_request(struct conn *c)
{
	struct fsctp_dia_enc e;
	char sid[FSCTP_LG_STR + 32];
	uint32_t hbh = c->seq, i;
	int n;

	if (pend_put(c, hbh) == NULL)
		return false;
	fsctp_dia_begin(&e, out_buf, sizeof(out_buf),
			FSCTP_DIA_F_REQUEST | FSCTP_DIA_F_PROXIABLE, sc.command,
			sc.app_id, hbh, hbh ^ (c->idx << 20));
	/* RFC 6733 8.8: Session-Id first. */
	snprintf(sid, sizeof(sid), "%s;%u;%u", sc.origin_host, c->idx, hbh);
	fsctp_dia_put_str(&e, FSCTP_DIA_AVP_SESSION_ID, FSCTP_DIA_AVP_MANDATORY,
			  sid);
	fsctp_dia_put_u32(&e, FSCTP_DIA_AVP_AUTH_APP_ID,
			  FSCTP_DIA_AVP_MANDATORY, 0, sc.app_id);
	put_origin(&e);
	fsctp_dia_put_str(&e, FSCTP_DIA_AVP_DEST_REALM, FSCTP_DIA_AVP_MANDATORY,
			  sc.dest_realm);
	for (i = 0; i < sc.n_avps; i++) {
		const struct fsctp_lg_avp *a = &sc.avps[i];

		if (a->is_str)
			fsctp_dia_put(&e, a->code, 0, a->vendor, a->str,
				      (uint32_t)strlen(a->str));
		else
			fsctp_dia_put_u32(&e, a->code, 0, a->vendor, a->u32);
	}
	if (sc.dia_size > 0) /* filler: an OctetString of a private code */
		fsctp_dia_put(&e, 1, 0, 99999, g_payload,
			      sc.dia_size < g_payload_len ? sc.dia_size
							  : g_payload_len);
	n = fsctp_dia_finish(&e);
	if (n > 0 && sc.dia_corrupt != 0 &&
	    hbh % sc.dia_corrupt == sc.dia_corrupt - 1) {
		out_buf[4] |= FSCTP_DIA_F_RESERVED & 0x01; /* RFC 6733 3 */
		st.corrupted++;
	}
	if (n < 0 || send_raw(c, (uint16_t)(hbh % c->n_out),
			      FSCTP_PPID_DIAMETER, out_buf, n) != 0) {
		pend_drop(c, hbh);
		return false;
	}
	c->outstanding++;
	c->seq++;
	st.tx_req++;
	return true;
}

/* Messages allowed by time t for a rate with a linear ramp-up. */
static double
allowed(uint64_t rate, double t)
{
	double r = sc.ramp_up_s;

	if (t < 0)
		return 0;
	if (r > 0 && t < r)
		return (double)rate * t * t / (2 * r) + 1;
	return (double)rate * (t - r / 2) + 1;
}

static uint32_t
pump_conn(struct conn *c, double t, uint32_t budget)
{
	uint32_t k;
	bool echoing = c->role == C_DIA_CLIENT || sc.echo;

	if (!c->ready || c->leaving || c->closed)
		return 0;
	if (budget > sc.burst / 4)
		budget = sc.burst / 4;
	for (k = 0; k < budget; k++) {
		if (echoing && c->outstanding >= sc.window)
			return k;
		/* Each association's schedule is shifted by its share of
		 * the period, so that they do not all send at once. */
		if (sc.rate != 0 &&
		    (double)c->sent >=
			    allowed(sc.rate, t - (double)c->idx / n_gen /
							     (double)sc.rate))
			return k;
		if (sc.total_rate != 0 &&
		    (double)g_sent >= allowed(sc.total_rate, t))
			return k;
		if (c->role == C_ASP ? !send_m3ua_data(c)
				     : !send_dia_request(c))
			return k;
		c->sent++;
		g_sent++;
	}
	return k;
}

/* The first message of associations that came up (ASP Up, CER), at most
 * START_BURST per poll turn: thousands of associations coming up together
 * would otherwise overflow the TX queue in one turn. */
static void
start_some(void)
{
	static uint32_t next[2];
	uint32_t k, n = 0, i;
	uint64_t now = fsctp_rt_now_us();

	if (n_starting == 0)
		return;
	for (i = 0; i < n_eps; i++) {
		struct ep *e = &eps[i];

		for (k = 0; k < e->n && n < START_BURST; k++) {
			struct conn *c = &e->conns[(next[i] + k) % e->n];

			if (!c->starting)
				continue;
			c->starting = false;
			n_starting--;
			n++;
			if (c->closed)
				continue;
			if (c->role == C_DIA_CLIENT)
				send_dia_base(c, FSCTP_DIA_CMD_CE, true);
			else
				fsctp_asp_start(&c->asp, now);
		}
		if (e->n > 0)
			next[i] = (next[i] + k) % e->n;
	}
}

/* One poll turn's sending: at most sc.burst messages over all
 * associations (the TX queue holds a few hundred packets), starting where the last
 * turn stopped so that every association gets its turn. */
static void
pump_all(void)
{
	static uint32_t next;
	double t = (double)(fsctp_rt_now_us() - t0_us) / 1e6;
	struct ep *e = &eps[0]; /* generators live on the first socket */
	uint32_t k, budget = sc.burst;

	if (!traffic_on || e->n == 0)
		return;
	for (k = 0; k < e->n && budget > 0; k++) {
		struct conn *c = &e->conns[(next + k) % e->n];

		if (c->role == C_ASP || c->role == C_DIA_CLIENT)
			budget -= pump_conn(c, t, budget);
	}
	next = (next + k) % e->n;
}

/* ---------------------------------------------------------------------- */
/* Receiving. */

static struct conn *
route(uint32_t dpc)
{
	uint32_t i;

	/* The relay's ASP side is the endpoint that connects. */
	for (i = 0; i < sc.n_routes; i++)
		if (sc.routes[i].dpc == dpc) {
			unsigned int k;

			for (k = 0; k < n_eps; k++) {
				struct ep *e = &eps[k];
				uint32_t j, seen = 0;

				for (j = 0; j < e->n; j++) {
					if (e->conns[j].role != C_RELAY_DOWN)
						continue;
					if (seen++ == sc.routes[i].assoc)
						return &e->conns[j];
				}
			}
		}
	return NULL;
}

static void
asp_data(void *ctx, uint16_t sid, const struct fsctp_m3ua_msg *m)
{
	struct conn *c = ctx;

	st.rx_data++;
	c->rcvd++;
	switch (c->role) {
	case C_ASP:
		if (sc.echo && m->pd.len >= 4)
			pend_take(c, lg_get32(m->pd.data));
		break;
	case C_SGP:
		if (sc.echo) {
			/* Back to the sender: OPC and DPC swapped, the same
			 * SLS and stream. */
			struct fsctp_m3ua_pd pd = m->pd;
			int n;

			pd.opc = m->pd.dpc;
			pd.dpc = m->pd.opc;
			n = fsctp_m3ua_encode_data(
				out_buf, sizeof(out_buf),
				(m->present & FSCTP_M3UA_HAS_RC) != 0,
				m->n_rc ? m->rc[0] : 0, &pd);
			if (n > 0 &&
			    send_raw(c, sid, FSCTP_PPID_M3UA, out_buf, n) == 0)
				st.tx_data++;
		}
		break;
	case C_RELAY_UP: {
		/* Forward the message as received (no re-encoding) to the
		 * association the DPC routes to. */
		struct conn *d = route(m->pd.dpc);

		if (d == NULL || d->asp.state != FSCTP_ASP_ACTIVE) {
			st.relay_noroute++;
			break;
		}
		if (send_raw(d,
			     fsctp_m3ua_stream(FSCTP_M3UA_TRANSFER, m->pd.sls,
					       d->n_out),
			     FSCTP_PPID_M3UA, cur_raw, cur_raw_len) == 0) {
			st.relayed++;
			st.tx_data++;
		}
		break;
	}
	default:
		break;
	}
}

static void
dia_client_input(struct conn *c, const uint8_t *data, uint32_t len)
{
	static struct fsctp_dia_msg m;
	uint32_t res = 0, rc;

	if (fsctp_dia_decode(data, len, &m, &res) != 0) {
		st.dia_malformed_in++;
		return;
	}
	if (m.flags & FSCTP_DIA_F_REQUEST) {
		/* DWR from the server: answer it (RFC 6733 5.5). */
		struct fsctp_dia_local loc = {
			.origin_host = sc.origin_host,
			.origin_realm = sc.origin_realm,
			.app_id = sc.app_id,
			.command = sc.command,
		};
		int n = fsctp_dia_serve(&loc, data, len, out_buf,
					sizeof(out_buf), &c->ep->dsc);

		if (n > 0)
			send_raw(c, 0, FSCTP_PPID_DIAMETER, out_buf, n);
		return;
	}
	if (fsctp_dia_get_u32(&m, FSCTP_DIA_AVP_RESULT_CODE, &rc) != 0)
		rc = 0;
	switch (m.code) {
	case FSCTP_DIA_CMD_CE:
		st.rx_mgmt++;
		if (rc == FSCTP_DIA_SUCCESS)
			c->ready = true;
		else
			st.ans_err++;
		break;
	case FSCTP_DIA_CMD_DW:
		st.rx_mgmt++;
		break;
	case FSCTP_DIA_CMD_DP:
		st.rx_mgmt++;
		/* RFC 6733 5.4: after DPA the transport is closed. */
		fsctp_sock_shutdown(c->ep->s, c->id);
		break;
	default:
		/* The hop-by-hop id names the request (RFC 6733 3). */
		if (!pend_take(c, m.hbh))
			break; /* late: already counted as a timeout */
		st.rx_ans++;
		if (rc != FSCTP_DIA_SUCCESS)
			st.ans_err++;
		break;
	}
}

static void
on_data(struct fsctp_sock *s, void *ctx, const struct fsctp_rcvinfo *ri,
	const uint8_t *data, uint32_t len)
{
	struct ep *e = ctx;
	struct conn *c = conn_find(e, ri->assoc_id);
	uint64_t now = fsctp_rt_now_us();

	(void)s;
	if (c == NULL) {
		st.unknown_assoc++;
		return;
	}
	switch (c->role) {
	case C_ASP:
	case C_SGP:
	case C_RELAY_UP:
	case C_RELAY_DOWN:
		if (ri->ppid != FSCTP_PPID_M3UA) {
			st.wrong_ppid++;
			return;
		}
		cur_raw = data;
		cur_raw_len = len;
		{
			/* Count management apart from DATA. */
			uint64_t before = c->asp.c.rx_data;

			fsctp_asp_input(&c->asp, now, ri->sid, data, len);
			if (c->asp.c.rx_data == before)
				st.rx_mgmt++;
		}
		if ((c->role == C_ASP || c->role == C_RELAY_DOWN) &&
		    c->asp.state == FSCTP_ASP_ACTIVE)
			c->ready = true;
		break;
	case C_DIA_CLIENT:
		if (ri->ppid != FSCTP_PPID_DIAMETER) {
			st.wrong_ppid++;
			return;
		}
		dia_client_input(c, data, len);
		break;
	case C_DIA_SERVER: {
		struct fsctp_dia_local loc = {
			.origin_host = sc.origin_host,
			.origin_realm = sc.origin_realm,
			.app_id = sc.app_id,
			.command = sc.command,
		};
		struct fsctp_addr a;
		int n;

		if (ri->ppid != FSCTP_PPID_DIAMETER) {
			st.wrong_ppid++;
			return;
		}
		if (fsctp_rt_port_addr(g_rt, 0, FSCTP_AF_INET4, &a) == 0)
			memcpy(loc.ip, a.ip.v4, 4);
		st.rx_req++;
		n = fsctp_dia_serve(&loc, data, len, out_buf, sizeof(out_buf),
				    &e->dsc);
		if (n > 0 &&
		    send_raw(c, ri->sid, FSCTP_PPID_DIAMETER, out_buf, n) == 0)
			st.tx_ans++;
		if (len >= FSCTP_DIA_HDR_LEN &&
		    lg_get24(data + 5) == FSCTP_DIA_CMD_DP)
			c->leaving = true;
		break;
	}
	}
}

static void
conn_up(struct conn *c)
{
	struct fsctp_asp_cfg ac = {
		.rc_present = sc.rc_present,
		.rc = sc.rc,
		.tmt = sc.tmt,
		.asp_id_present = sc.asp_id_present,
		.asp_id = sc.asp_id,
		.t_ack_us = sc.t_ack_ms * 1000,
		.beat_us = sc.beat_ms * 1000,
	};
	struct fsctp_status ss;
	size_t len = sizeof(ss);
	uint64_t now = fsctp_rt_now_us();

	c->up = true;
	st.up++;
	if (fsctp_getopt(c->ep->s, c->id, FSCTP_OPT_STATUS, &ss, &len) == 0 &&
	    ss.outstrms > 0)
		c->n_out = ss.outstrms;
	ac.n_streams = c->n_out;
	switch (c->role) {
	case C_ASP:
	case C_RELAY_DOWN:
		fsctp_asp_init(&c->asp, &ac, asp_out, asp_data, c);
		c->starting = true; /* ASP Up from start_some() */
		n_starting++;
		break;
	case C_SGP:
	case C_RELAY_UP:
		ac.sgp = true;
		fsctp_asp_init(&c->asp, &ac, asp_out, asp_data, c);
		break;
	case C_DIA_CLIENT:
		/* RFC 6733 5.3: capabilities exchange first. */
		c->starting = true; /* CER from start_some() */
		n_starting++;
		c->next_dwr = now + (uint64_t)sc.watchdog_ms * 1000;
		break;
	case C_DIA_SERVER:
		break;
	}
}

static void
on_event(struct fsctp_sock *s, void *ctx, const struct fsctp_event *ev)
{
	struct ep *e = ctx;
	struct conn *c = conn_find(e, ev->assoc_id);

	(void)s;
	switch (ev->type) {
	case FSCTP_EV_COMM_UP:
		if (c == NULL)
			c = conn_add(e, ev->assoc_id, e->accept_role);
		if (c == NULL)
			return;
		if (c->mine && ++n_connected_up == n_connect)
			setup_done_us = fsctp_rt_now_us();
		conn_up(c);
		break;
	case FSCTP_EV_SENDER_DRY:
		if (c != NULL)
			c->busy = false;
		break;
	case FSCTP_EV_SHUTDOWN_COMP:
	case FSCTP_EV_COMM_LOST:
	case FSCTP_EV_CANT_STR_ASSOC:
		if (c == NULL || c->closed)
			return;
		c->closed = true;
		if (ev->type == FSCTP_EV_SHUTDOWN_COMP)
			st.closed++;
		else if (ev->type == FSCTP_EV_COMM_LOST)
			st.lost++;
		else
			st.setup_fail++;
		break;
	default:
		break;
	}
}

/* ---------------------------------------------------------------------- */
/* Timers: M3UA T(ack) and BEAT, Diameter watchdog, request timeouts. */

static void
tick(void)
{
	uint64_t now = fsctp_rt_now_us(), tnow = rte_rdtsc();
	uint64_t tmo = (uint64_t)((double)sc.timeout_ms * 1e6 / ns_per_tsc);
	unsigned int i, j, k;

	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++) {
			struct conn *c = &eps[i].conns[j];

			if (!c->up || c->closed)
				continue;
			if (c->role <= C_RELAY_DOWN)
				fsctp_asp_tick(&c->asp, now);
			if (c->role == C_DIA_CLIENT && sc.watchdog_ms != 0 &&
			    now >= c->next_dwr) {
				/* RFC 6733 5.5.1: DWR when the link is idle
				 * for Tw (sent on the timer here). */
				send_dia_base(c, FSCTP_DIA_CMD_DW, false);
				c->next_dwr =
					now + (uint64_t)sc.watchdog_ms * 1000;
			}
			for (k = 0; c->pend != NULL && k < sc.window; k++)
				if (c->pend[k].used &&
				    tnow - c->pend[k].tsc > tmo) {
					c->pend[k].used = false;
					c->outstanding--;
					st.timeouts++;
				}
		}
}

/* ---------------------------------------------------------------------- */
/* Output. */

struct snap {
	uint64_t tx, rx, tx_data, rx_data, tx_req, rx_ans;
};

static uint64_t
rtx_total(void)
{
	struct fsctp_sock_stats ss;
	uint64_t n = 0;
	unsigned int i;

	for (i = 0; i < n_eps; i++)
		if (fsctp_sock_stats(eps[i].s, &ss) == 0)
			n += ss.stack.fsctp_rtx_chunks;
	return n;
}

/* Where packets went missing, both sockets together. */
struct loss {
	uint64_t tx_drop, port_full, t3, rx_dropped, nomem;
};

static void
loss_sum(struct loss *l)
{
	struct fsctp_sock_stats ss;
	unsigned int i;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < n_eps; i++)
		if (fsctp_sock_stats(eps[i].s, &ss) == 0) {
			l->tx_drop += ss.tx_drop;
			l->port_full += ss.tx_port_full;
			l->t3 += ss.stack.fsctp_t3_expireds;
			l->rx_dropped += ss.stack.fsctp_rx_data_dropped;
			l->nomem += ss.stack.fsctp_nomem;
		}
}

static void
take(struct snap *s)
{
	s->tx_data = st.tx_data;
	s->rx_data = st.rx_data;
	s->tx_req = st.tx_req + st.tx_ans;
	s->rx_ans = st.rx_ans + st.rx_req;
	s->tx = st.tx_data + st.tx_req + st.tx_ans + st.tx_mgmt;
	s->rx = st.rx_data + st.rx_ans + st.rx_req + st.rx_mgmt;
}

static uint32_t
conns_up(void)
{
	uint32_t n = 0, i, j;

	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++)
			n += eps[i].conns[j].up && !eps[i].conns[j].closed;
	return n;
}

static uint32_t
conns_total(void)
{
	return n_eps > 1 ? eps[0].n + eps[1].n : eps[0].n;
}

static double
us(uint64_t ns)
{
	return (double)ns / 1000.0;
}

static void
progress(FILE *csv, bool quiet, double t, struct snap *last)
{
	struct snap now;
	uint64_t rtx = rtx_total();

	take(&now);
	if (!quiet)
		printf("[%6.1f s] up %u/%u | tx %lu/s rx %lu/s | data tx %lu "
		       "rx %lu | req/ans %lu/%lu | timeouts %lu rtx %lu | "
		       "lat p50 %.1f p99 %.1f p99.9 %.1f us\n",
		       t, conns_up(), conns_total(),
		       (unsigned long)(now.tx - last->tx),
		       (unsigned long)(now.rx - last->rx),
		       (unsigned long)(now.tx_data - last->tx_data),
		       (unsigned long)(now.rx_data - last->rx_data),
		       (unsigned long)(now.tx_req - last->tx_req),
		       (unsigned long)(now.rx_ans - last->rx_ans),
		       (unsigned long)st.timeouts, (unsigned long)rtx,
		       us(fsctp_lg_hist_pct(&h_int, 50)),
		       us(fsctp_lg_hist_pct(&h_int, 99)),
		       us(fsctp_lg_hist_pct(&h_int, 99.9)));
	if (csv != NULL)
		fprintf(csv,
			"%.1f,%u,%lu,%lu,%lu,%lu,%lu,%lu,%lu,%lu,%.2f,%.2f,"
			"%.2f\n",
			t, conns_up(), (unsigned long)(now.tx - last->tx),
			(unsigned long)(now.rx - last->rx),
			(unsigned long)(now.tx_data - last->tx_data),
			(unsigned long)(now.rx_data - last->rx_data),
			(unsigned long)(now.tx_req - last->tx_req),
			(unsigned long)(now.rx_ans - last->rx_ans),
			(unsigned long)st.timeouts, (unsigned long)rtx,
			us(fsctp_lg_hist_pct(&h_int, 50)),
			us(fsctp_lg_hist_pct(&h_int, 99)),
			us(fsctp_lg_hist_pct(&h_int, 99.9)));
	*last = now;
	fsctp_lg_hist_reset(&h_int);
}

/* M3UA state machine counters summed over every association. */
static void
asp_sum(struct fsctp_asp_counters *o)
{
	unsigned int i, j;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++) {
			const struct fsctp_asp_counters *c =
				&eps[i].conns[j].asp.c;

			o->rx_malformed += c->rx_malformed;
			o->rx_unexpected += c->rx_unexpected;
			o->rx_err += c->rx_err;
			o->tx_err += c->tx_err;
			o->retries += c->retries;
			o->beats += c->beats;
			o->beat_acks += c->beat_acks;
			o->rx_ntfy += c->rx_ntfy;
		}
}

static void
summary(FILE *json, double secs, const char *mode)
{
	struct fsctp_asp_counters a;
	uint64_t dia_bad =
		eps[0].dsc.malformed + (n_eps > 1 ? eps[1].dsc.malformed : 0);
	double setup_ms = setup_done_us > setup_t0_us
				  ? (double)(setup_done_us - setup_t0_us) / 1e3
				  : 0;
	double tx_ps = secs > 0 ? (double)(st.tx_data + st.tx_req) / secs : 0;
	double rx_ps = secs > 0 ? (double)(st.rx_data + st.rx_ans) / secs : 0;
	uint64_t rtx = rtx_total();

	asp_sum(&a);
	printf("summary: %s, %u associations (%u up, %u closed, %u lost, %u "
	       "failed)",
	       mode, n_connect ? n_connect : conns_total(), st.up, st.closed,
	       st.lost, st.setup_fail);
	if (n_connect > 0 && setup_ms > 0)
		printf(", set up in %.1f ms (%.0f/s)", setup_ms,
		       (n_connect - n_setup_first) / (setup_ms / 1e3));
	printf("\nsummary: %.3f s: DATA tx %lu rx %lu, requests %lu answers "
	       "%lu (errors %lu), requests in %lu answers out %lu, "
	       "%.0f msgs/s sent, %.0f msgs/s received\n",
	       secs, (unsigned long)st.tx_data, (unsigned long)st.rx_data,
	       (unsigned long)st.tx_req, (unsigned long)st.rx_ans,
	       (unsigned long)st.ans_err, (unsigned long)st.rx_req,
	       (unsigned long)st.tx_ans, tx_ps, rx_ps);
	printf("summary: timeouts %lu, retransmissions %lu, relayed %lu (no "
	       "route %lu), M3UA ERR sent %lu received %lu (malformed %lu "
	       "unexpected %lu), Diameter error answers %lu, T(ack) resends "
	       "%lu, BEAT %lu/%lu, send EAGAIN %lu\n",
	       (unsigned long)st.timeouts, (unsigned long)rtx,
	       (unsigned long)st.relayed, (unsigned long)st.relay_noroute,
	       (unsigned long)a.tx_err, (unsigned long)a.rx_err,
	       (unsigned long)a.rx_malformed, (unsigned long)a.rx_unexpected,
	       (unsigned long)dia_bad, (unsigned long)a.retries,
	       (unsigned long)a.beats, (unsigned long)a.beat_acks,
	       (unsigned long)st.send_eagain);
	{
		struct loss l;

		loss_sum(&l);
		printf("summary: loss: %lu frames dropped (TX queue full), %lu "
		       "bursts held back, %lu T3-rtx expiries, %lu DATA "
		       "dropped on receipt, %lu allocation failures\n",
		       (unsigned long)l.tx_drop, (unsigned long)l.port_full,
		       (unsigned long)l.t3, (unsigned long)l.rx_dropped,
		       (unsigned long)l.nomem);
	}
	if (h_all.n > 0)
		printf("summary: latency p50 %.1f us p99 %.1f us p99.9 %.1f us "
		       "max %.1f us (%lu samples)\n",
		       us(fsctp_lg_hist_pct(&h_all, 50)),
		       us(fsctp_lg_hist_pct(&h_all, 99)),
		       us(fsctp_lg_hist_pct(&h_all, 99.9)), us(h_all.max),
		       (unsigned long)h_all.n);
	if (json == NULL)
		return;
	fprintf(json,
		"{\"mode\":\"%s\",\"assocs\":%u,\"assocs_up\":%u,"
		"\"assocs_closed\":%u,\"assocs_lost\":%u,\"setup_failed\":%u,"
		"\"setup_ms\":%.3f,\"setup_per_s\":%.0f,\"seconds\":%.3f,"
		"\"tx_data\":%lu,\"rx_data\":%lu,\"tx_requests\":%lu,"
		"\"rx_answers\":%lu,\"answer_errors\":%lu,\"rx_requests\":%lu,"
		"\"tx_answers\":%lu,\"tx_mgmt\":%lu,\"rx_mgmt\":%lu,"
		"\"tx_per_s\":%.0f,\"rx_per_s\":%.0f,\"timeouts\":%lu,"
		"\"retransmissions\":%lu,\"relayed\":%lu,\"relay_noroute\":%lu,"
		"\"m3ua_err_sent\":%lu,\"m3ua_err_received\":%lu,"
		"\"m3ua_malformed\":%lu,\"diameter_error_answers\":%lu,"
		"\"send_eagain\":%lu,\"corrupted_sent\":%lu,\"latency_us\":{"
		"\"p50\":%.2f,\"p99\":%.2f,"
		"\"p999\":%.2f,\"max\":%.2f,\"samples\":%lu}}\n",
		mode, n_connect ? n_connect : conns_total(), st.up, st.closed,
		st.lost, st.setup_fail, setup_ms,
		setup_ms > 0 ? (n_connect - n_setup_first) / (setup_ms / 1e3)
			     : 0,
		secs, (unsigned long)st.tx_data, (unsigned long)st.rx_data,
		(unsigned long)st.tx_req, (unsigned long)st.rx_ans,
		(unsigned long)st.ans_err, (unsigned long)st.rx_req,
		(unsigned long)st.tx_ans, (unsigned long)st.tx_mgmt,
		(unsigned long)st.rx_mgmt, tx_ps, rx_ps,
		(unsigned long)st.timeouts, (unsigned long)rtx,
		(unsigned long)st.relayed, (unsigned long)st.relay_noroute,
		(unsigned long)a.tx_err, (unsigned long)a.rx_err,
		(unsigned long)a.rx_malformed, (unsigned long)dia_bad,
		(unsigned long)st.send_eagain, (unsigned long)st.corrupted,
		us(fsctp_lg_hist_pct(&h_all, 50)),
		us(fsctp_lg_hist_pct(&h_all, 99)),
		us(fsctp_lg_hist_pct(&h_all, 99.9)), us(h_all.max),
		(unsigned long)h_all.n);
}

static void
plot(const char *png, const char *csv)
{
	FILE *g;

	if (system("command -v gnuplot >/dev/null 2>&1") != 0) {
		fprintf(stderr, "fsctp-loadgen: gnuplot not installed: no "
				"plot\n");
		return;
	}
	g = popen("gnuplot", "w");
	if (g == NULL)
		return;
	fprintf(g,
		"set terminal png size 900,500\nset output '%s'\n"
		"set datafile separator ','\nset xlabel 'seconds'\n"
		"set ylabel 'messages/s'\nset y2label 'latency (us)'\n"
		"set y2tics\nset key outside bottom center horizontal\n"
		"plot '%s' using 1:3 with lines title 'sent/s', "
		"'' using 1:4 with lines title 'received/s', "
		"'' using 1:11 axes x1y2 with lines title 'p50', "
		"'' using 1:12 axes x1y2 with lines title 'p99'\n",
		png, csv);
	pclose(g);
}

/* ---------------------------------------------------------------------- */
/* The run. */

static bool
all_ready(void)
{
	unsigned int i, j;

	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++) {
			struct conn *c = &eps[i].conns[j];

			if (c->mine && !c->ready && !c->closed)
				return false;
		}
	return true;
}

/* Answers still awaited, plus associations whose sends are not all
 * acknowledged: ASP Down must not overtake DATA on another stream. */
static uint32_t
outstanding(void)
{
	uint32_t n = 0, i, j;

	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++)
			if (!eps[i].conns[j].closed)
				n += eps[i].conns[j].outstanding +
				     eps[i].conns[j].busy;
	return n;
}

/* Every association closed (and, for a responder, as many as expected
 * were seen). */
static bool
all_closed(uint32_t expect)
{
	uint32_t i, j, n = 0;

	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++) {
			if (!eps[i].conns[j].closed)
				return false;
			n++;
		}
	return n >= expect;
}

/* Every association the peers opened towards us has closed, and at
 * least expect of them were seen. */
static bool
peers_gone(uint32_t expect)
{
	uint32_t i, j, n = 0;

	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++) {
			if (eps[i].conns[j].mine)
				continue;
			if (!eps[i].conns[j].closed)
				return false;
			n++;
		}
	return n > 0 && n >= expect;
}

static bool
m3ua_down(void)
{
	unsigned int i, j;

	for (i = 0; i < n_eps; i++)
		for (j = 0; j < eps[i].n; j++) {
			struct conn *c = &eps[i].conns[j];

			if (c->mine && !c->closed && c->role <= C_RELAY_DOWN &&
			    c->asp.state != FSCTP_ASP_DOWN)
				return false;
		}
	return true;
}

enum phase { P_SETUP, P_TRAFFIC, P_DRAIN, P_LEAVE, P_CLOSE, P_DONE };

static void
leave_one(struct conn *c, uint64_t now)
{
	if (!c->mine || c->closed || !c->up)
		return;
	c->leaving = true;
	if (c->role == C_DIA_CLIENT)
		send_dia_base(c, FSCTP_DIA_CMD_DP, false);
	else
		fsctp_asp_stop(&c->asp, now);
}

static void
close_one(struct conn *c, uint64_t now)
{
	(void)now;
	if (c->mine && !c->closed)
		fsctp_sock_shutdown(c->ep->s, c->id);
}

/* Apply fn to the next START_BURST associations (both sockets counted
 * as one list) from cursor; @return the new cursor. */
static uint32_t
each_some(uint32_t cursor, void (*fn)(struct conn *, uint64_t), uint64_t now)
{
	uint32_t end = cursor + START_BURST, total = conns_total();

	for (; cursor < end && cursor < total; cursor++) {
		uint32_t i = cursor < eps[0].n ? 0 : 1;
		uint32_t j = i == 0 ? cursor : cursor - eps[0].n;

		fn(&eps[i].conns[j], now);
	}
	return cursor;
}

static double
run(FILE *csv, bool quiet, double max_time, double *secs)
{
	enum phase ph = n_connect > 0 ? P_SETUP : P_TRAFFIC;
	uint64_t start = fsctp_rt_now_us(), next_sec, next_tick = 0, limit;
	uint64_t t_end = 0;
	struct snap last;
	uint32_t cursor = 0;

	memset(&last, 0, sizeof(last));
	next_sec = start + 1000000;
	/* Set-up: 10 s, plus 1 ms per association. */
	limit = start + 10000000 + (uint64_t)n_connect * 1000;
	t0_us = start;
	while (ph != P_DONE) {
		uint64_t now;

		fsctp_rt_poll(g_rt);
		start_some();
		pump_all();
		now = fsctp_rt_now_us();
		if (now >= next_tick) {
			tick();
			next_tick = now + 5000;
		}
		if (now >= next_sec) {
			progress(csv, quiet, (double)(now - start) / 1e6,
				 &last);
			next_sec += 1000000;
		}
		if (max_time > 0 && now - start > (uint64_t)(max_time * 1e6))
			g_stop = 1;
		switch (ph) {
		case P_SETUP:
			if (all_ready() || now > limit || g_stop) {
				ph = P_TRAFFIC;
				t0_us = now;
				traffic_on = !g_stop;
				if (!quiet)
					printf("traffic: %u of %u associations "
					       "ready\n",
					       n_connected_up, n_connect);
			}
			break;
		case P_TRAFFIC:
			if (n_gen == 0) {
				/* Responder (or relay): until the peers that
				 * came to us have gone, or a signal; a relay
				 * then closes its own associations. */
				if (g_stop || peers_gone(sc.count)) {
					t_end = now;
					ph = n_connect == 0 ? P_DONE : P_DRAIN;
					limit = now;
				}
				break;
			}
			if (g_stop || (sc.duration_s > 0 &&
				       now - t0_us >= sc.duration_s * 1e6)) {
				traffic_on = false;
				t_end = now;
				ph = P_DRAIN;
				limit = now + (uint64_t)sc.timeout_ms * 1000 +
					3000000;
			}
			break;
		case P_DRAIN:
			if (outstanding() == 0 || now > limit) {
				ph = P_LEAVE;
				cursor = 0;
				limit = UINT64_MAX;
			}
			break;
		case P_LEAVE:
			/* RFC 4666 4.3.4.2 ASP Down; RFC 6733 5.4 DPR: a few
			 * associations per turn, like the set-up. */
			if (cursor < conns_total()) {
				cursor = each_some(cursor, leave_one, now);
				if (cursor >= conns_total())
					limit = now + 1000000;
			} else if (m3ua_down() || now > limit) {
				ph = P_CLOSE;
				cursor = 0;
				limit = UINT64_MAX;
			}
			break;
		case P_CLOSE:
			if (cursor < conns_total()) {
				cursor = each_some(cursor, close_one, now);
				if (cursor >= conns_total())
					limit = now + 3000000 +
						(uint64_t)n_connect * 1000;
			} else if (all_closed(0) || now > limit) {
				ph = P_DONE;
			}
			break;
		case P_DONE:
			break;
		}
	}
	if (t_end == 0)
		t_end = fsctp_rt_now_us();
	/* Let the last packets (SHUTDOWN COMPLETE, answers) leave: the
	 * peer would otherwise retransmit into a closed port. */
	limit = fsctp_rt_now_us() + 100000;
	while (fsctp_rt_now_us() < limit)
		fsctp_rt_poll(g_rt);
	*secs = (double)(t_end - t0_us) / 1e6;
	return 0;
}

static int
parse_taddr(const char *s, struct fsctp_addr *a)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	size_t n;
	long p;
	char *end;

	memset(a, 0, sizeof(*a));
	if (colon == NULL)
		return -EINVAL;
	n = (size_t)(colon - s);
	if (s[0] == '[' && n >= 2 && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(host))
		return -EINVAL;
	memcpy(host, s, n);
	host[n] = '\0';
	p = strtol(colon + 1, &end, 10);
	if (p <= 0 || p > 65535 || *end != '\0')
		return -EINVAL;
	if (inet_pton(AF_INET, host, a->ip.v4) == 1)
		a->family = FSCTP_AF_INET4;
	else if (inet_pton(AF_INET6, host, a->ip.v6) == 1)
		a->family = FSCTP_AF_INET6;
	else
		return -EINVAL;
	a->port = (uint16_t)p;
	return 0;
}

static int
load_payload(void)
{
	uint32_t cap = sc.size > sc.dia_size ? sc.size : sc.dia_size;

	if (cap < 8)
		cap = 8;
	g_payload = calloc(1, cap);
	if (g_payload == NULL)
		return -ENOMEM;
	g_payload_len = sc.size;
	if (sc.payload_file[0] != '\0') {
		FILE *f = fopen(sc.payload_file, "rb");
		size_t n;

		if (f == NULL) {
			fprintf(stderr,
				"fsctp-loadgen: [m3ua] payload_file: "
				"cannot read '%s'\n",
				sc.payload_file);
			return -ENOENT;
		}
		n = fread(g_payload, 1, cap, f);
		fclose(f);
		if (n == 0) {
			fprintf(stderr,
				"fsctp-loadgen: [m3ua] payload_file: "
				"'%s' is empty\n",
				sc.payload_file);
			return -EINVAL;
		}
		g_payload_len = (uint32_t)n;
		if (sc.echo && n < 4) {
			fprintf(stderr,
				"fsctp-loadgen: [m3ua] payload_file: "
				"echo = yes needs 4 bytes at least (the "
				"sequence number)\n");
			return -EINVAL;
		}
	} else {
		uint32_t i;

		for (i = 0; i < cap; i++)
			g_payload[i] = (uint8_t)i;
	}
	return 0;
}

static void
usage(void)
{
	fprintf(stderr,
		"usage: fsctp-loadgen -s SCENARIO.ini [-p PROFILE] [--role "
		"asp|sgp|dia-client|dia-server|relay]\n"
		"       [--loop] [--peer IP:PORT] [--set SECTION.KEY=VALUE]... "
		"[--json FILE] [--csv FILE]\n"
		"       [--plot FILE.png] [--quiet] [--max-time S] [--eal "
		"WORD]...\n");
}

static int
make_sock(uint32_t mask, struct ep *e, uint32_t cap, enum crole acc,
	  enum crole con)
{
	struct fsctp_stack_config cfg;
	struct fsctp_sock_config c = {
		.port_mask = mask,
		.stack = &cfg,
		.ops = { on_data, on_event },
		.ctx = e,
	};
	struct fsctp_sock *s;

	fsctp_stack_config_defaults(&cfg);
	cfg.max_assocs = cap + 16;
	cfg.nodelay = true;
	cfg.n_out_streams = cfg.max_in_streams = sc.streams;
	if (cfg.max_msg_size < MAX_MSG)
		cfg.max_msg_size = MAX_MSG;
	s = fsctp_sock_create(g_rt, &c);
	if (s == NULL) {
		fprintf(stderr, "fsctp-loadgen: socket: %s\n",
			rte_strerror(rte_errno));
		return -EINVAL;
	}
	return ep_init(e, s, cap, acc, con);
}

/* Association i goes to port dst->port + i % ports, from local port
 * local + i / ports (ephemeral when local is 0): a stack holds a bounded
 * number of local ports, so many associations share a few of them. */
static int
connect_n(struct ep *e, const struct fsctp_addr *dst, uint32_t n,
	  enum crole role, uint16_t ports, uint16_t local)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		struct fsctp_addr d = *dst;
		uint16_t src = local ? (uint16_t)(local + i / ports) : 0;
		int64_t id;
		struct conn *c;

		d.port = (uint16_t)(dst->port + i % ports);
		id = fsctp_sock_connect(e->s, &d, src);
		if (id < 0) {
			fprintf(stderr,
				"fsctp-loadgen: connect %u of %u (port %u to "
				"%u): %s%s\n",
				i + 1, n, src, d.port, strerror((int)-id),
				id == -EMFILE ? " (association limit)" : "");
			return (int)id;
		}
		if ((i & 15) == 15)
			fsctp_rt_poll(g_rt); /* let the INITs leave */
		c = conn_add(e, (fsctp_assoc_id_t)id, role);
		if (c == NULL)
			return -ENOMEM;
		c->mine = true;
		n_connect++;
		if (i == 0 && n > 1) {
			/* The first association resolves the peer's MAC (ARP)
			 * before the others' INITs queue behind it; the set-up
			 * rate is timed from here. */
			uint64_t lim = fsctp_rt_now_us() + 3000000;

			while (!c->up && !c->closed && !g_stop &&
			       fsctp_rt_now_us() < lim)
				fsctp_rt_poll(g_rt);
			start_some();
			setup_t0_us = fsctp_rt_now_us();
			n_connected_up = c->up ? 1 : 0;
			n_setup_first = n_connected_up;
		}
	}
	return 0;
}

static int
listen_n(struct fsctp_sock *s)
{
	uint32_t k;
	int rc;

	for (k = 0; k < sc.ports; k++) {
		rc = fsctp_sock_listen(s, (uint16_t)(sc.listen + k));
		if (rc != 0) {
			fprintf(stderr, "fsctp-loadgen: listen on %u: %s\n",
				sc.listen + k, strerror(-rc));
			return rc;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *scen = NULL, *profile = "drivers-config/ring-pair.ini";
	const char *json_path = NULL, *csv_path = NULL, *png = NULL;
	const char *peer = NULL, *role = NULL;
	char *eal[34], prefix[64], err[256];
	struct fsctp_rt_options ro;
	struct fsctp_addr dst;
	bool loop = false, quiet = false, has_prefix = false;
	double max_time = 0, secs = 0;
	FILE *json = NULL, *csv = NULL;
	int n_eal = 0, i, rc = 0;
	uint32_t cap;
	char *sets[32];
	int n_sets = 0;

	fsctp_lg_scenario_defaults(&sc);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--loop") == 0) {
			loop = true;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			quiet = true;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage();
			return 0;
		}
		if (v == NULL) {
			usage();
			return 2;
		}
		i++;
		if (strcmp(a, "-s") == 0 || strcmp(a, "--scenario") == 0)
			scen = v;
		else if (strcmp(a, "-p") == 0 || strcmp(a, "--profile") == 0)
			profile = v;
		else if (strcmp(a, "--role") == 0)
			role = v;
		else if (strcmp(a, "--peer") == 0)
			peer = v;
		else if (strcmp(a, "--json") == 0)
			json_path = v;
		else if (strcmp(a, "--csv") == 0)
			csv_path = v;
		else if (strcmp(a, "--plot") == 0)
			png = v;
		else if (strcmp(a, "--max-time") == 0)
			max_time = atof(v);
		else if (strcmp(a, "--set") == 0 && n_sets < 32)
			sets[n_sets++] = argv[i];
		else if (strcmp(a, "--eal") == 0 && n_eal < 32) {
			has_prefix |= strncmp(v, "--file-prefix", 13) == 0;
			eal[n_eal++] = argv[i];
		} else {
			usage();
			return 2;
		}
	}
	if (scen != NULL &&
	    fsctp_lg_scenario_load(scen, &sc, err, sizeof(err)) != 0) {
		fprintf(stderr, "fsctp-loadgen: %s: %s\n", scen, err);
		return 2;
	}
	for (i = 0; i < n_sets; i++) {
		char sec[32], *dot = strchr(sets[i], '.');
		char *eq = strchr(sets[i], '=');

		if (dot == NULL || eq == NULL || dot > eq ||
		    (size_t)(dot - sets[i]) >= sizeof(sec)) {
			fprintf(stderr,
				"fsctp-loadgen: --set %s: expected "
				"SECTION.KEY=VALUE\n",
				sets[i]);
			return 2;
		}
		memcpy(sec, sets[i], (size_t)(dot - sets[i]));
		sec[dot - sets[i]] = '\0';
		*eq = '\0';
		rc = fsctp_lg_scenario_set(&sc, sec, dot + 1, eq + 1, err,
					   sizeof(err));
		*eq = '=';
		if (rc != 0) {
			fprintf(stderr, "fsctp-loadgen: --set: %s\n", err);
			return 2;
		}
	}
	if (role != NULL && fsctp_lg_scenario_set(&sc, "general", "role", role,
						  err, sizeof(err)) != 0) {
		fprintf(stderr, "fsctp-loadgen: --role: %s\n", err);
		return 2;
	}
	if (peer != NULL) {
		if (strlen(peer) >= FSCTP_LG_STR) {
			fprintf(stderr, "fsctp-loadgen: --peer too long\n");
			return 2;
		}
		strcpy(sc.peer, peer);
	}
	if (!loop &&
	    (sc.role == FSCTP_LG_ASP || sc.role == FSCTP_LG_RELAY ||
	     sc.role == FSCTP_LG_DIA_CLIENT) &&
	    parse_taddr(sc.peer, &dst) != 0) {
		fprintf(stderr,
			"fsctp-loadgen: [assoc] peer: expected IP:PORT, "
			"got '%s'\n",
			sc.peer);
		return 2;
	}
	if (loop && sc.role != FSCTP_LG_ASP && sc.role != FSCTP_LG_RELAY &&
	    sc.role != FSCTP_LG_DIA_CLIENT) {
		fprintf(stderr, "fsctp-loadgen: --loop needs role asp, relay "
				"or dia-client (the peer is played too)\n");
		return 2;
	}
	if (load_payload() != 0)
		return 2;
	if (json_path != NULL && (json = fopen(json_path, "w")) == NULL) {
		fprintf(stderr, "fsctp-loadgen: --json %s: %s\n", json_path,
			strerror(errno));
		return 2;
	}
	if (csv_path != NULL && (csv = fopen(csv_path, "w")) == NULL) {
		fprintf(stderr, "fsctp-loadgen: --csv %s: %s\n", csv_path,
			strerror(errno));
		return 2;
	}
	if (csv != NULL)
		fprintf(csv, "time_s,assocs_up,tx_per_s,rx_per_s,data_tx,"
			     "data_rx,req_tx,ans_rx,timeouts,rtx,p50_us,p99_us,"
			     "p999_us\n");
	if (!has_prefix) {
		snprintf(prefix, sizeof(prefix),
			 "--file-prefix=fsctp-loadgen-%d", (int)getpid());
		eal[n_eal++] = prefix;
	}
	memset(&ro, 0, sizeof(ro));
	ro.profile = profile;
	ro.n_eal = n_eal;
	ro.eal = eal;
	g_rt = fsctp_rt_open(&ro);
	if (g_rt == NULL) {
		fprintf(stderr, "fsctp-loadgen: cannot start on %s: %s\n",
			profile, rte_strerror(rte_errno));
		return 1;
	}
	ns_per_tsc = 1e9 / (double)rte_get_tsc_hz();
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Responders take up to 4 times the scenario's count. */
	cap = sc.count * 4 < 1024 ? 1024 : sc.count * 4;
	setup_t0_us = fsctp_rt_now_us();
	if (loop) {
		/* Port 0 plays the generator (and the final SGP of a relay),
		 * port 1 the responder or the relay. */
		struct fsctp_addr p1, p0;

		if (fsctp_rt_n_ports(g_rt) < 2 ||
		    fsctp_rt_port_addr(g_rt, 0, FSCTP_AF_INET4, &p0) != 0 ||
		    fsctp_rt_port_addr(g_rt, 1, FSCTP_AF_INET4, &p1) != 0) {
			fprintf(stderr,
				"fsctp-loadgen: --loop needs a profile "
				"with two IPv4 ports (ring-pair.ini)\n");
			rc = -EINVAL;
			goto out;
		}
		p1.port = sc.listen;
		p0.port = (uint16_t)(sc.listen + sc.ports);
		n_eps = 2;
		if (sc.role == FSCTP_LG_DIA_CLIENT)
			rc = make_sock(1u << 0, &eps[0], cap, C_DIA_SERVER,
				       C_DIA_CLIENT)
				     ?: make_sock(1u << 1, &eps[1], cap,
						  C_DIA_SERVER, C_DIA_CLIENT);
		else if (sc.role == FSCTP_LG_ASP)
			rc = make_sock(1u << 0, &eps[0], cap, C_SGP, C_ASP)
				     ?: make_sock(1u << 1, &eps[1], cap, C_SGP,
						  C_ASP);
		else
			rc = make_sock(1u << 0, &eps[0], cap, C_SGP, C_ASP)
				     ?: make_sock(1u << 1, &eps[1], cap,
						  C_RELAY_UP, C_RELAY_DOWN);
		if (rc != 0)
			goto out;
		if ((rc = listen_n(eps[1].s)) != 0)
			goto out;
		if (sc.role == FSCTP_LG_RELAY) {
			if ((rc = fsctp_sock_listen(eps[0].s, p0.port)) != 0 ||
			    (rc = connect_n(&eps[1], &p0, sc.count,
					    C_RELAY_DOWN, 1, 0)) != 0)
				goto out;
		}
		rc = connect_n(&eps[0], &p1, sc.count,
			       sc.role == FSCTP_LG_DIA_CLIENT ? C_DIA_CLIENT
							      : C_ASP,
			       sc.ports, sc.local_port);
		if (rc != 0)
			goto out;
	} else {
		enum crole acc, con;

		n_eps = 1;
		switch (sc.role) {
		case FSCTP_LG_ASP:
		case FSCTP_LG_SGP:
			acc = C_SGP;
			con = C_ASP;
			break;
		case FSCTP_LG_RELAY:
			acc = C_RELAY_UP;
			con = C_RELAY_DOWN;
			break;
		default:
			acc = C_DIA_SERVER;
			con = C_DIA_CLIENT;
			break;
		}
		if ((rc = make_sock(0, &eps[0], cap, acc, con)) != 0)
			goto out;
		if (sc.role == FSCTP_LG_SGP || sc.role == FSCTP_LG_RELAY ||
		    sc.role == FSCTP_LG_DIA_SERVER) {
			rc = listen_n(eps[0].s);
			if (rc != 0)
				goto out;
			if (!quiet)
				printf("%s: listening on %u\n",
				       fsctp_lg_role_name(sc.role), sc.listen);
		}
		if (sc.role == FSCTP_LG_ASP || sc.role == FSCTP_LG_RELAY ||
		    sc.role == FSCTP_LG_DIA_CLIENT) {
			rc = connect_n(&eps[0], &dst, sc.count, con,
				       sc.role == FSCTP_LG_RELAY ? 1 : sc.ports,
				       sc.local_port);
			if (rc != 0)
				goto out;
		}
	}
	run(csv, quiet, max_time, &secs);
	summary(json, secs,
		loop ? (sc.role == FSCTP_LG_ASP	    ? "asp+sgp"
			: sc.role == FSCTP_LG_RELAY ? "asp+relay+sgp"
						    : "dia-client+dia-server")
		     : fsctp_lg_role_name(sc.role));
	{
		struct fsctp_asp_counters a;

		asp_sum(&a);
		/* Success: every association we opened came up and closed
		 * gracefully, nothing timed out or was refused. */
		if (st.up < n_connect || st.lost > 0 || st.setup_fail > 0 ||
		    st.timeouts > 0 || st.ans_err > 0 ||
		    (n_connect > 0 && st.closed < n_connect) ||
		    a.rx_malformed + a.rx_err > 0 || st.unknown_assoc > 0)
			rc = -EPROTO;
	}
out:
	if (json != NULL)
		fclose(json);
	if (csv != NULL)
		fclose(csv);
	if (png != NULL && csv_path != NULL)
		plot(png, csv_path);
	for (i = 0; i < (int)n_eps; i++) {
		uint32_t j;

		fsctp_sock_free(eps[i].s);
		for (j = 0; j < eps[i].n; j++)
			free(eps[i].conns[j].pend);
		free(eps[i].conns);
		free(eps[i].hash);
	}
	fsctp_rt_close(g_rt);
	free(g_payload);
	if (rc != 0 && rc != -EPROTO)
		fprintf(stderr, "fsctp-loadgen: %s\n", strerror(-rc));
	return rc == 0 ? 0 : 1;
}
