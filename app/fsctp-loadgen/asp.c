/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * M3UA ASP state machine (RFC 4666 4.3): ASP and SGP/IPSP sides.
 */
#include <errno.h>
#include <string.h>

#include "asp.h"

#define T_ACK_DEFAULT_US 2000000u /* RFC 4666 4.3.4.1: T(ack) 2 s */
#define DIAG_MAX	 40

static void
send_msg(struct fsctp_asp *a, const struct fsctp_m3ua_msg *m)
{
	uint8_t buf[256];
	int n = fsctp_m3ua_encode(m, buf, sizeof(buf));

	if (n < 0 || a->out == NULL ||
	    a->out(a->ctx, fsctp_m3ua_stream(m->cls, 0, a->cfg.n_streams), buf,
		   (uint32_t)n) != 0) {
		a->c.tx_fail++;
		return;
	}
	a->c.tx_msgs++;
}

static void
simple(struct fsctp_m3ua_msg *m, uint8_t cls, uint8_t type)
{
	memset(m, 0, sizeof(*m));
	m->cls = cls;
	m->type = type;
}

/* RFC 4666 3.8.1: ERR with the error code and, as diagnostic, the start
 * of the offending message. */
static void
send_err(struct fsctp_asp *a, uint32_t code, const uint8_t *bad, uint32_t len)
{
	struct fsctp_m3ua_msg m;

	simple(&m, FSCTP_M3UA_MGMT, FSCTP_M3UA_ERR);
	m.present = FSCTP_M3UA_HAS_ERR_CODE;
	m.err_code = code;
	if (bad != NULL && len > 0) {
		m.present |= FSCTP_M3UA_HAS_DIAG;
		m.diag = bad;
		m.diag_len = (uint16_t)(len < DIAG_MAX ? len : DIAG_MAX);
	}
	a->c.tx_err++;
	a->c.last_err_code = code;
	send_msg(a, &m);
}

static void
add_rc(const struct fsctp_asp *a, struct fsctp_m3ua_msg *m)
{
	if (!a->cfg.rc_present)
		return;
	m->present |= FSCTP_M3UA_HAS_RC;
	m->n_rc = 1;
	m->rc[0] = a->cfg.rc;
}

static void
send_aspup(struct fsctp_asp *a, uint64_t now)
{
	struct fsctp_m3ua_msg m;

	simple(&m, FSCTP_M3UA_ASPSM, FSCTP_M3UA_ASPUP);
	if (a->cfg.asp_id_present) {
		m.present = FSCTP_M3UA_HAS_ASP_ID;
		m.asp_id = a->cfg.asp_id;
	}
	send_msg(a, &m);
	a->waiting = true;
	a->deadline = now + a->cfg.t_ack_us;
}

static void
send_aspac(struct fsctp_asp *a, uint64_t now)
{
	struct fsctp_m3ua_msg m;

	simple(&m, FSCTP_M3UA_ASPTM, FSCTP_M3UA_ASPAC);
	if (a->cfg.tmt != 0) {
		m.present = FSCTP_M3UA_HAS_TMT;
		m.tmt = a->cfg.tmt;
	}
	add_rc(a, &m);
	send_msg(a, &m);
	a->waiting = true;
	a->deadline = now + a->cfg.t_ack_us;
}

void
fsctp_asp_init(struct fsctp_asp *a, const struct fsctp_asp_cfg *cfg,
	       fsctp_asp_out_fn out, fsctp_asp_data_fn on_data, void *ctx)
{
	memset(a, 0, sizeof(*a));
	a->cfg = *cfg;
	if (a->cfg.t_ack_us == 0)
		a->cfg.t_ack_us = T_ACK_DEFAULT_US;
	a->out = out;
	a->on_data = on_data;
	a->ctx = ctx;
	a->state = FSCTP_ASP_DOWN;
}

void
fsctp_asp_start(struct fsctp_asp *a, uint64_t now)
{
	if (a->cfg.sgp)
		return;
	/* RFC 4666 4.3.4.1: the ASP starts with ASP Up. */
	a->stopping = false;
	send_aspup(a, now);
}

void
fsctp_asp_stop(struct fsctp_asp *a, uint64_t now)
{
	struct fsctp_m3ua_msg m;

	if (a->cfg.sgp || a->state == FSCTP_ASP_DOWN)
		return;
	/* RFC 4666 4.3.4.2: ASP Down, answered by ASP Down Ack. */
	simple(&m, FSCTP_M3UA_ASPSM, FSCTP_M3UA_ASPDN);
	send_msg(a, &m);
	a->stopping = true;
	a->waiting = false;
	a->next_beat = 0;
	(void)now;
}

static void
arm_beat(struct fsctp_asp *a, uint64_t now)
{
	if (a->cfg.beat_us != 0 && !a->cfg.sgp)
		a->next_beat = now + a->cfg.beat_us;
}

/* ASP side: what an SGP sends us. */
static int
asp_side(struct fsctp_asp *a, uint64_t now, const struct fsctp_m3ua_msg *m)
{
	if (m->cls == FSCTP_M3UA_ASPSM && m->type == FSCTP_M3UA_ASPUP_ACK) {
		if (a->state != FSCTP_ASP_DOWN || a->stopping)
			return 0; /* duplicate Ack of a resent ASP Up */
		/* RFC 4666 4.3.4.1: ASP-DOWN -> ASP-INACTIVE; then ask for
		 * traffic (4.3.4.3). */
		a->state = FSCTP_ASP_INACTIVE;
		arm_beat(a, now);
		send_aspac(a, now);
		return 0;
	}
	if (m->cls == FSCTP_M3UA_ASPTM && m->type == FSCTP_M3UA_ASPAC_ACK) {
		if (a->state != FSCTP_ASP_INACTIVE)
			return 0;
		a->state = FSCTP_ASP_ACTIVE;
		a->waiting = false;
		return 0;
	}
	if (m->cls == FSCTP_M3UA_ASPTM && m->type == FSCTP_M3UA_ASPIA_ACK) {
		if (a->state == FSCTP_ASP_ACTIVE)
			a->state = FSCTP_ASP_INACTIVE;
		return 0;
	}
	if (m->cls == FSCTP_M3UA_ASPSM && m->type == FSCTP_M3UA_ASPDN_ACK) {
		/* RFC 4666 4.3.4.2: -> ASP-DOWN (also unsolicited, when the
		 * SGP takes the ASP down). */
		a->state = FSCTP_ASP_DOWN;
		a->waiting = false;
		a->next_beat = 0;
		return 0;
	}
	if (m->cls == FSCTP_M3UA_SSNM) {
		a->c.rx_ssnm++;
		return 0;
	}
	return -EPROTO;
}

/* SGP/IPSP side: what an ASP sends us. */
static int
sgp_side(struct fsctp_asp *a, const struct fsctp_m3ua_msg *m)
{
	struct fsctp_m3ua_msg r;

	if (m->cls == FSCTP_M3UA_ASPSM && m->type == FSCTP_M3UA_ASPUP) {
		/* RFC 4666 4.3.4.1: Ack; an active ASP becomes inactive. */
		simple(&r, FSCTP_M3UA_ASPSM, FSCTP_M3UA_ASPUP_ACK);
		if (m->present & FSCTP_M3UA_HAS_ASP_ID) {
			r.present = FSCTP_M3UA_HAS_ASP_ID;
			r.asp_id = m->asp_id;
		}
		send_msg(a, &r);
		a->state = FSCTP_ASP_INACTIVE;
		return 0;
	}
	if (m->cls == FSCTP_M3UA_ASPSM && m->type == FSCTP_M3UA_ASPDN) {
		simple(&r, FSCTP_M3UA_ASPSM, FSCTP_M3UA_ASPDN_ACK);
		send_msg(a, &r);
		a->state = FSCTP_ASP_DOWN;
		return 0;
	}
	if (m->cls == FSCTP_M3UA_ASPTM && m->type == FSCTP_M3UA_ASPAC) {
		/* RFC 4666 4.3.4.3: ASP Active from an ASP in ASP-DOWN is an
		 * Unexpected Message. */
		if (a->state == FSCTP_ASP_DOWN)
			return -EPROTO;
		simple(&r, FSCTP_M3UA_ASPTM, FSCTP_M3UA_ASPAC_ACK);
		r.present =
			m->present & (FSCTP_M3UA_HAS_TMT | FSCTP_M3UA_HAS_RC);
		r.tmt = m->tmt;
		r.n_rc = m->n_rc;
		memcpy(r.rc, m->rc, sizeof(r.rc));
		send_msg(a, &r);
		/* RFC 4666 4.3.4.3: NTFY AS-ACTIVE follows the Ack. */
		simple(&r, FSCTP_M3UA_MGMT, FSCTP_M3UA_NTFY);
		r.present = FSCTP_M3UA_HAS_STATUS |
			    (m->present & FSCTP_M3UA_HAS_RC);
		r.st_type = FSCTP_M3UA_ST_AS_STATE_CHANGE;
		r.st_info = FSCTP_M3UA_AS_ACTIVE;
		r.n_rc = m->n_rc;
		memcpy(r.rc, m->rc, sizeof(r.rc));
		send_msg(a, &r);
		a->state = FSCTP_ASP_ACTIVE;
		return 0;
	}
	if (m->cls == FSCTP_M3UA_ASPTM && m->type == FSCTP_M3UA_ASPIA) {
		if (a->state == FSCTP_ASP_DOWN)
			return -EPROTO;
		simple(&r, FSCTP_M3UA_ASPTM, FSCTP_M3UA_ASPIA_ACK);
		r.present = m->present & FSCTP_M3UA_HAS_RC;
		r.n_rc = m->n_rc;
		memcpy(r.rc, m->rc, sizeof(r.rc));
		send_msg(a, &r);
		a->state = FSCTP_ASP_INACTIVE;
		return 0;
	}
	if (m->cls == FSCTP_M3UA_SSNM && m->type == FSCTP_M3UA_DAUD) {
		/* RFC 4666 4.5.3: answer an audit with the state of each
		 * destination; a responder reaches every one: DAVA. */
		a->c.rx_ssnm++;
		simple(&r, FSCTP_M3UA_SSNM, FSCTP_M3UA_DAVA);
		r.present =
			FSCTP_M3UA_HAS_APC | (m->present & FSCTP_M3UA_HAS_RC);
		r.n_apc = m->n_apc;
		memcpy(r.apc, m->apc, sizeof(r.apc));
		r.n_rc = m->n_rc;
		memcpy(r.rc, m->rc, sizeof(r.rc));
		send_msg(a, &r);
		return 0;
	}
	return -EPROTO;
}

int
fsctp_asp_input(struct fsctp_asp *a, uint64_t now, uint16_t sid,
		const uint8_t *buf, uint32_t len)
{
	struct fsctp_m3ua_msg m;
	uint32_t code = 0;
	int rc;

	a->c.rx_msgs++;
	if (fsctp_m3ua_decode(buf, len, &m, &code) != 0) {
		a->c.rx_malformed++;
		send_err(a, code, buf, len);
		return -EBADMSG;
	}
	/* RFC 4666 1.4.7: ASPSM messages travel on stream 0; anything else
	 * there is answered "Invalid Stream Identifier". */
	if (m.cls == FSCTP_M3UA_ASPSM && sid != 0) {
		a->c.rx_unexpected++;
		send_err(a, FSCTP_M3UA_E_INVALID_STREAM, buf, len);
		return -EPROTO;
	}
	if (m.cls == FSCTP_M3UA_TRANSFER) {
		/* RFC 4666 4.3.4.3: traffic only to an active ASP. */
		if (a->state != FSCTP_ASP_ACTIVE) {
			a->c.rx_unexpected++;
			send_err(a, FSCTP_M3UA_E_UNEXPECTED_MSG, buf, len);
			return -EPROTO;
		}
		a->c.rx_data++;
		if (a->on_data != NULL)
			a->on_data(a->ctx, sid, &m);
		return 0;
	}
	if (m.cls == FSCTP_M3UA_MGMT) {
		/* Never answer an ERR with an ERR (no loops). */
		if (m.type == FSCTP_M3UA_ERR)
			a->c.rx_err++;
		else
			a->c.rx_ntfy++;
		return 0;
	}
	if (m.cls == FSCTP_M3UA_ASPSM && m.type == FSCTP_M3UA_BEAT) {
		struct fsctp_m3ua_msg r;

		/* RFC 4666 3.5.5, 3.5.6: BEAT Ack echoes the data. */
		simple(&r, FSCTP_M3UA_ASPSM, FSCTP_M3UA_BEAT_ACK);
		r.present = m.present & FSCTP_M3UA_HAS_HB_DATA;
		r.hb = m.hb;
		r.hb_len = m.hb_len;
		send_msg(a, &r);
		return 0;
	}
	if (m.cls == FSCTP_M3UA_ASPSM && m.type == FSCTP_M3UA_BEAT_ACK) {
		a->c.beat_acks++;
		return 0;
	}
	rc = a->cfg.sgp ? sgp_side(a, &m) : asp_side(a, now, &m);
	if (rc != 0) {
		a->c.rx_unexpected++;
		send_err(a, FSCTP_M3UA_E_UNEXPECTED_MSG, buf, len);
	}
	return rc;
}

void
fsctp_asp_tick(struct fsctp_asp *a, uint64_t now)
{
	if (a->waiting && now >= a->deadline) {
		/* RFC 4666 4.3.4.1, 4.3.4.3: no Ack within T(ack): resend. */
		a->c.retries++;
		if (a->state == FSCTP_ASP_DOWN)
			send_aspup(a, now);
		else if (a->state == FSCTP_ASP_INACTIVE)
			send_aspac(a, now);
		else
			a->waiting = false;
	}
	if (a->next_beat != 0 && now >= a->next_beat) {
		struct fsctp_m3ua_msg m;
		uint8_t hb[4];

		/* RFC 4666 3.5.5: BEAT with opaque data, echoed back. */
		hb[0] = (uint8_t)(a->beat_seq >> 24);
		hb[1] = (uint8_t)(a->beat_seq >> 16);
		hb[2] = (uint8_t)(a->beat_seq >> 8);
		hb[3] = (uint8_t)a->beat_seq;
		a->beat_seq++;
		simple(&m, FSCTP_M3UA_ASPSM, FSCTP_M3UA_BEAT);
		m.present = FSCTP_M3UA_HAS_HB_DATA;
		m.hb = hb;
		m.hb_len = sizeof(hb);
		send_msg(a, &m);
		a->c.beats++;
		a->next_beat = now + a->cfg.beat_us;
	}
}

const char *
fsctp_asp_state_name(enum fsctp_asp_state s)
{
	switch (s) {
	case FSCTP_ASP_DOWN:
		return "ASP-DOWN";
	case FSCTP_ASP_INACTIVE:
		return "ASP-INACTIVE";
	case FSCTP_ASP_ACTIVE:
		return "ASP-ACTIVE";
	}
	return "?";
}
