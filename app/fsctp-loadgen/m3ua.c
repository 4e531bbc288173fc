/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * M3UA codec (RFC 4666 section 3). Every read is checked against the
 * message length first; a parameter's padding must lie inside the message
 * (RFC 4666 3.2: the message length includes the last parameter's padding).
 */
#include <errno.h>
#include <string.h>

#include "m3ua.h"
#include "wire.h"

/* RFC 4666 3.1.2: the message types each supported class defines. */
static bool
type_known(uint8_t cls, uint8_t type)
{
	switch (cls) {
	case FSCTP_M3UA_MGMT:
		return type <= FSCTP_M3UA_NTFY;
	case FSCTP_M3UA_TRANSFER:
		return type == FSCTP_M3UA_DATA;
	case FSCTP_M3UA_SSNM:
		return type >= FSCTP_M3UA_DUNA && type <= FSCTP_M3UA_DRST;
	case FSCTP_M3UA_ASPSM:
		return type >= FSCTP_M3UA_ASPUP && type <= FSCTP_M3UA_BEAT_ACK;
	case FSCTP_M3UA_ASPTM:
		return type >= FSCTP_M3UA_ASPAC && type <= FSCTP_M3UA_ASPIA_ACK;
	default:
		return false;
	}
}

static bool
class_known(uint8_t cls)
{
	/* RKM (class 9) is not implemented: answered as unsupported. */
	return cls <= FSCTP_M3UA_ASPTM;
}

static int
fail(uint32_t *err, uint32_t code)
{
	*err = code;
	return -EBADMSG;
}

/* One 32-bit value parameter; anything but 4 bytes is a field error. */
static int
get_u32_param(const uint8_t *v, uint16_t vlen, uint32_t *out, uint32_t *err)
{
	if (vlen != 4)
		return fail(err, FSCTP_M3UA_E_PARAM_FIELD);
	*out = lg_get32(v);
	return 0;
}

static int
decode_param(struct fsctp_m3ua_msg *m, uint16_t tag, const uint8_t *v,
	     uint16_t vlen, uint32_t *err)
{
	uint32_t i;

	switch (tag) {
	case FSCTP_M3UA_P_RC:
		/* RFC 4666 3.3.1: a list of 32-bit routing contexts. */
		if (vlen == 0 || vlen % 4 != 0)
			return fail(err, FSCTP_M3UA_E_PARAM_FIELD);
		m->present |= FSCTP_M3UA_HAS_RC;
		for (i = 0; i < vlen / 4u && m->n_rc < FSCTP_M3UA_MAX_RC; i++)
			m->rc[m->n_rc++] = lg_get32(v + 4 * i);
		return 0;
	case FSCTP_M3UA_P_APC:
		/* RFC 4666 3.4.1: mask (8 bits) and point code (24 bits). */
		if (vlen == 0 || vlen % 4 != 0)
			return fail(err, FSCTP_M3UA_E_PARAM_FIELD);
		m->present |= FSCTP_M3UA_HAS_APC;
		for (i = 0; i < vlen / 4u && m->n_apc < FSCTP_M3UA_MAX_APC; i++)
			m->apc[m->n_apc++] = lg_get32(v + 4 * i);
		return 0;
	case FSCTP_M3UA_P_TMT:
		if (get_u32_param(v, vlen, &m->tmt, err) != 0)
			return -EBADMSG;
		/* RFC 4666 3.5.1: 1 override, 2 loadshare, 3 broadcast. */
		if (m->tmt < FSCTP_M3UA_TMT_OVERRIDE ||
		    m->tmt > FSCTP_M3UA_TMT_BROADCAST)
			return fail(err, FSCTP_M3UA_E_UNSUP_TMT);
		m->present |= FSCTP_M3UA_HAS_TMT;
		return 0;
	case FSCTP_M3UA_P_ERR_CODE:
		m->present |= FSCTP_M3UA_HAS_ERR_CODE;
		return get_u32_param(v, vlen, &m->err_code, err);
	case FSCTP_M3UA_P_STATUS:
		if (vlen != 4)
			return fail(err, FSCTP_M3UA_E_PARAM_FIELD);
		m->present |= FSCTP_M3UA_HAS_STATUS;
		m->st_type = lg_get16(v);
		m->st_info = lg_get16(v + 2);
		return 0;
	case FSCTP_M3UA_P_ASP_ID:
		m->present |= FSCTP_M3UA_HAS_ASP_ID;
		return get_u32_param(v, vlen, &m->asp_id, err);
	case FSCTP_M3UA_P_NA:
		m->present |= FSCTP_M3UA_HAS_NA;
		return get_u32_param(v, vlen, &m->na, err);
	case FSCTP_M3UA_P_CORR_ID:
		m->present |= FSCTP_M3UA_HAS_CORR_ID;
		return get_u32_param(v, vlen, &m->corr_id, err);
	case FSCTP_M3UA_P_USER_CAUSE:
		m->present |= FSCTP_M3UA_HAS_USER_CAUSE;
		return get_u32_param(v, vlen, &m->user_cause, err);
	case FSCTP_M3UA_P_CONC_DEST:
		m->present |= FSCTP_M3UA_HAS_CONC_DEST;
		return get_u32_param(v, vlen, &m->conc_dest, err);
	case FSCTP_M3UA_P_CONG:
		m->present |= FSCTP_M3UA_HAS_CONG;
		return get_u32_param(v, vlen, &m->cong, err);
	case FSCTP_M3UA_P_PROTO_DATA:
		/* RFC 4666 3.3.1: OPC, DPC, SI, NI, MP, SLS, then the data. */
		if (vlen < FSCTP_M3UA_PD_HDR_LEN)
			return fail(err, FSCTP_M3UA_E_PARAM_FIELD);
		m->present |= FSCTP_M3UA_HAS_PD;
		m->pd.opc = lg_get32(v);
		m->pd.dpc = lg_get32(v + 4);
		m->pd.si = v[8];
		m->pd.ni = v[9];
		m->pd.mp = v[10];
		m->pd.sls = v[11];
		m->pd.data = v + FSCTP_M3UA_PD_HDR_LEN;
		m->pd.len = vlen - FSCTP_M3UA_PD_HDR_LEN;
		return 0;
	case FSCTP_M3UA_P_INFO:
		m->present |= FSCTP_M3UA_HAS_INFO;
		m->info = v;
		m->info_len = vlen;
		return 0;
	case FSCTP_M3UA_P_DIAG:
		m->present |= FSCTP_M3UA_HAS_DIAG;
		m->diag = v;
		m->diag_len = vlen;
		return 0;
	case FSCTP_M3UA_P_HB_DATA:
		m->present |= FSCTP_M3UA_HAS_HB_DATA;
		m->hb = v;
		m->hb_len = vlen;
		return 0;
	default:
		/* RFC 4666 3.8.1 "Unexpected Parameter". */
		return fail(err, FSCTP_M3UA_E_UNEXPECTED_PARAM);
	}
}

/* RFC 4666 3.3.1, 3.4, 3.8: parameters a message cannot do without. */
static uint32_t
mandatory(const struct fsctp_m3ua_msg *m)
{
	uint32_t need = 0;

	if (m->cls == FSCTP_M3UA_TRANSFER)
		need = FSCTP_M3UA_HAS_PD;
	else if (m->cls == FSCTP_M3UA_SSNM)
		need = FSCTP_M3UA_HAS_APC;
	else if (m->cls == FSCTP_M3UA_MGMT && m->type == FSCTP_M3UA_ERR)
		need = FSCTP_M3UA_HAS_ERR_CODE;
	else if (m->cls == FSCTP_M3UA_MGMT && m->type == FSCTP_M3UA_NTFY)
		need = FSCTP_M3UA_HAS_STATUS;
	return need;
}

int
fsctp_m3ua_decode(const uint8_t *buf, size_t len, struct fsctp_m3ua_msg *m,
		  uint32_t *err)
{
	uint32_t mlen, off;
	uint32_t dummy;

	if (err == NULL)
		err = &dummy;
	if (buf == NULL || m == NULL)
		return -EINVAL;
	memset(m, 0, sizeof(*m));
	/* RFC 4666 3.1: version, reserved, class, type, length. */
	if (len < FSCTP_M3UA_HDR_LEN)
		return fail(err, FSCTP_M3UA_E_PROTOCOL);
	if (buf[0] != FSCTP_M3UA_VERSION)
		return fail(err, FSCTP_M3UA_E_INVALID_VERSION);
	m->cls = buf[2];
	m->type = buf[3];
	if (!class_known(m->cls))
		return fail(err, FSCTP_M3UA_E_UNSUP_CLASS);
	if (!type_known(m->cls, m->type))
		return fail(err, FSCTP_M3UA_E_UNSUP_TYPE);
	mlen = lg_get32(buf + 4);
	/* One M3UA message per SCTP user message: the length is exact. */
	if (mlen != len)
		return fail(err, FSCTP_M3UA_E_PROTOCOL);
	for (off = FSCTP_M3UA_HDR_LEN; off < mlen;) {
		uint16_t tag, plen;
		uint32_t padded;

		if (mlen - off < 4)
			return fail(err, FSCTP_M3UA_E_PARAM_FIELD);
		tag = lg_get16(buf + off);
		plen = lg_get16(buf + off + 2);
		padded = (plen + 3u) & ~3u;
		if (plen < 4 || padded > mlen - off)
			return fail(err, FSCTP_M3UA_E_PARAM_FIELD);
		if (decode_param(m, tag, buf + off + 4, plen - 4, err) != 0)
			return -EBADMSG;
		off += padded;
	}
	if ((m->present & mandatory(m)) != mandatory(m))
		return fail(err, FSCTP_M3UA_E_MISSING_PARAM);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Encoding. */

struct enc {
	uint8_t *p;
	size_t cap, len;
	bool full;
};

static uint8_t *
param(struct enc *e, uint16_t tag, uint32_t vlen)
{
	uint32_t padded = (vlen + 4 + 3) & ~3u;
	uint8_t *v;

	if (e->full || vlen > 0xffff - 4 || padded > e->cap - e->len) {
		e->full = true;
		return NULL;
	}
	lg_put16(e->p + e->len, tag);
	lg_put16(e->p + e->len + 2, (uint16_t)(vlen + 4));
	v = e->p + e->len + 4;
	/* RFC 4666 3.2: padding bytes are zero. */
	memset(v + vlen, 0, padded - 4 - vlen);
	e->len += padded;
	return v;
}

static void
param_u32(struct enc *e, uint16_t tag, uint32_t val)
{
	uint8_t *v = param(e, tag, 4);

	if (v != NULL)
		lg_put32(v, val);
}

static void
param_bytes(struct enc *e, uint16_t tag, const uint8_t *d, uint32_t n)
{
	uint8_t *v = param(e, tag, n);

	if (v != NULL && n > 0)
		memcpy(v, d, n);
}

static void
param_list(struct enc *e, uint16_t tag, const uint32_t *l, uint32_t n)
{
	uint8_t *v = param(e, tag, 4 * n);
	uint32_t i;

	for (i = 0; v != NULL && i < n; i++)
		lg_put32(v + 4 * i, l[i]);
}

static void
param_pd(struct enc *e, const struct fsctp_m3ua_pd *pd)
{
	uint8_t *v = param(e, FSCTP_M3UA_P_PROTO_DATA,
			   FSCTP_M3UA_PD_HDR_LEN + pd->len);

	if (v == NULL)
		return;
	lg_put32(v, pd->opc);
	lg_put32(v + 4, pd->dpc);
	v[8] = pd->si;
	v[9] = pd->ni;
	v[10] = pd->mp;
	v[11] = pd->sls;
	if (pd->len > 0 && pd->data != NULL)
		memcpy(v + FSCTP_M3UA_PD_HDR_LEN, pd->data, pd->len);
	else if (pd->len > 0)
		memset(v + FSCTP_M3UA_PD_HDR_LEN, 0, pd->len);
}

static int
begin(struct enc *e, uint8_t *buf, size_t cap, uint8_t cls, uint8_t type)
{
	e->p = buf;
	e->cap = cap;
	e->len = FSCTP_M3UA_HDR_LEN;
	e->full = false;
	if (cap < FSCTP_M3UA_HDR_LEN)
		return -ENOSPC;
	buf[0] = FSCTP_M3UA_VERSION;
	buf[1] = 0;
	buf[2] = cls;
	buf[3] = type;
	return 0;
}

static int
finish(struct enc *e)
{
	if (e->full || e->len > INT32_MAX)
		return -ENOSPC;
	lg_put32(e->p + 4, (uint32_t)e->len);
	return (int)e->len;
}

int
fsctp_m3ua_encode(const struct fsctp_m3ua_msg *m, uint8_t *buf, size_t cap)
{
	struct enc e;
	uint32_t h;

	if (m == NULL || buf == NULL || m->n_rc > FSCTP_M3UA_MAX_RC ||
	    m->n_apc > FSCTP_M3UA_MAX_APC)
		return -EINVAL;
	if (begin(&e, buf, cap, m->cls, m->type) != 0)
		return -ENOSPC;
	h = m->present;
	if (h & FSCTP_M3UA_HAS_ERR_CODE)
		param_u32(&e, FSCTP_M3UA_P_ERR_CODE, m->err_code);
	if (h & FSCTP_M3UA_HAS_STATUS)
		param_u32(&e, FSCTP_M3UA_P_STATUS,
			  (uint32_t)m->st_type << 16 | m->st_info);
	if (h & FSCTP_M3UA_HAS_TMT)
		param_u32(&e, FSCTP_M3UA_P_TMT, m->tmt);
	if (h & FSCTP_M3UA_HAS_NA)
		param_u32(&e, FSCTP_M3UA_P_NA, m->na);
	if (h & FSCTP_M3UA_HAS_RC)
		param_list(&e, FSCTP_M3UA_P_RC, m->rc, m->n_rc);
	if (h & FSCTP_M3UA_HAS_ASP_ID)
		param_u32(&e, FSCTP_M3UA_P_ASP_ID, m->asp_id);
	if (h & FSCTP_M3UA_HAS_APC)
		param_list(&e, FSCTP_M3UA_P_APC, m->apc, m->n_apc);
	if (h & FSCTP_M3UA_HAS_USER_CAUSE)
		param_u32(&e, FSCTP_M3UA_P_USER_CAUSE, m->user_cause);
	if (h & FSCTP_M3UA_HAS_CONC_DEST)
		param_u32(&e, FSCTP_M3UA_P_CONC_DEST, m->conc_dest);
	if (h & FSCTP_M3UA_HAS_CONG)
		param_u32(&e, FSCTP_M3UA_P_CONG, m->cong);
	if (h & FSCTP_M3UA_HAS_PD)
		param_pd(&e, &m->pd);
	if (h & FSCTP_M3UA_HAS_CORR_ID)
		param_u32(&e, FSCTP_M3UA_P_CORR_ID, m->corr_id);
	if (h & FSCTP_M3UA_HAS_HB_DATA)
		param_bytes(&e, FSCTP_M3UA_P_HB_DATA, m->hb, m->hb_len);
	if (h & FSCTP_M3UA_HAS_INFO)
		param_bytes(&e, FSCTP_M3UA_P_INFO, m->info, m->info_len);
	if (h & FSCTP_M3UA_HAS_DIAG)
		param_bytes(&e, FSCTP_M3UA_P_DIAG, m->diag, m->diag_len);
	return finish(&e);
}

int
fsctp_m3ua_encode_data(uint8_t *buf, size_t cap, bool rc_present, uint32_t rc,
		       const struct fsctp_m3ua_pd *pd)
{
	struct enc e;

	if (buf == NULL || pd == NULL)
		return -EINVAL;
	if (begin(&e, buf, cap, FSCTP_M3UA_TRANSFER, FSCTP_M3UA_DATA) != 0)
		return -ENOSPC;
	/* RFC 4666 3.3.1: Network Appearance, Routing Context, Protocol
	 * Data, Correlation Id. */
	if (rc_present)
		param_u32(&e, FSCTP_M3UA_P_RC, rc);
	param_pd(&e, pd);
	return finish(&e);
}

const char *
fsctp_m3ua_msg_name(uint8_t cls, uint8_t type)
{
	static const char *const mgmt[] = { "ERR", "NTFY" };
	static const char *const ssnm[] = { "?",    "DUNA", "DAVA", "DAUD",
					    "SCON", "DUPU", "DRST" };
	static const char *const aspsm[] = { "?",	  "ASPUP",
					     "ASPDN",	  "BEAT",
					     "ASPUP_ACK", "ASPDN_ACK",
					     "BEAT_ACK" };
	static const char *const asptm[] = { "?", "ASPAC", "ASPIA", "ASPAC_ACK",
					     "ASPIA_ACK" };

	if (!type_known(cls, type))
		return "?";
	switch (cls) {
	case FSCTP_M3UA_MGMT:
		return mgmt[type];
	case FSCTP_M3UA_TRANSFER:
		return "DATA";
	case FSCTP_M3UA_SSNM:
		return ssnm[type];
	case FSCTP_M3UA_ASPSM:
		return aspsm[type];
	default:
		return asptm[type];
	}
}

uint16_t
fsctp_m3ua_stream(uint8_t cls, uint8_t sls, uint16_t n_streams)
{
	/* RFC 4666 1.4.7: management on stream 0; traffic spread by SLS
	 * over the other streams to keep per-SLS order. */
	if (cls != FSCTP_M3UA_TRANSFER || n_streams <= 1)
		return 0;
	return (uint16_t)(1 + sls % (n_streams - 1));
}
