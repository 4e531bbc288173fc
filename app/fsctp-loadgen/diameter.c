/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Diameter codec and responder (RFC 6733 3, 4, 5.3-5.5, 7).
 */
#include <errno.h>
#include <string.h>

#include "diameter.h"
#include "wire.h"

static int
fail(uint32_t *result, uint32_t code)
{
	*result = code;
	return -EBADMSG;
}

int
fsctp_dia_decode(const uint8_t *buf, size_t len, struct fsctp_dia_msg *m,
		 uint32_t *result)
{
	uint32_t mlen, off, dummy;

	if (result == NULL)
		result = &dummy;
	if (buf == NULL || m == NULL)
		return -EINVAL;
	m->n_avps = 0;
	m->avps_truncated = false;
	/* RFC 6733 3: version, length (24), flags, code (24), application
	 * id, hop-by-hop id, end-to-end id. */
	if (len < FSCTP_DIA_HDR_LEN)
		return fail(result, FSCTP_DIA_INVALID_MESSAGE_LENGTH);
	m->flags = buf[4];
	m->code = lg_get24(buf + 5);
	m->app_id = lg_get32(buf + 8);
	m->hbh = lg_get32(buf + 12);
	m->e2e = lg_get32(buf + 16);
	if (buf[0] != FSCTP_DIA_VERSION)
		return fail(result, FSCTP_DIA_UNSUPPORTED_VERSION);
	mlen = lg_get24(buf + 1);
	/* RFC 6733 3: the length includes padding, so it is a multiple of
	 * 4; one message per SCTP user message. */
	if (mlen != len || mlen % 4 != 0)
		return fail(result, FSCTP_DIA_INVALID_MESSAGE_LENGTH);
	/* RFC 6733 3: reserved bits are zero; an error answer is never a
	 * request (E with R set is invalid). */
	if ((m->flags & FSCTP_DIA_F_RESERVED) ||
	    ((m->flags & FSCTP_DIA_F_ERROR) &&
	     (m->flags & FSCTP_DIA_F_REQUEST)))
		return fail(result, FSCTP_DIA_INVALID_HDR_BITS);
	for (off = FSCTP_DIA_HDR_LEN; off < mlen;) {
		struct fsctp_dia_avp a;
		uint32_t alen, hlen, padded;

		/* RFC 6733 4.1: code, flags, length (24) [, vendor id]. */
		if (mlen - off < 8)
			return fail(result, FSCTP_DIA_INVALID_AVP_LENGTH);
		a.code = lg_get32(buf + off);
		a.flags = buf[off + 4];
		alen = lg_get24(buf + off + 5);
		hlen = (a.flags & FSCTP_DIA_AVP_VENDOR) ? 12 : 8;
		if (a.flags & FSCTP_DIA_AVP_RESERVED)
			return fail(result, FSCTP_DIA_INVALID_AVP_BITS);
		padded = (alen + 3) & ~3u;
		if (alen < hlen || padded > mlen - off)
			return fail(result, FSCTP_DIA_INVALID_AVP_LENGTH);
		a.vendor = hlen == 12 ? lg_get32(buf + off + 8) : 0;
		a.data = buf + off + hlen;
		a.len = alen - hlen;
		if (m->n_avps < FSCTP_DIA_MAX_AVPS)
			m->avps[m->n_avps++] = a;
		else
			m->avps_truncated = true;
		off += padded;
	}
	return 0;
}

const struct fsctp_dia_avp *
fsctp_dia_find(const struct fsctp_dia_msg *m, uint32_t code)
{
	uint32_t i;

	for (i = 0; i < m->n_avps; i++)
		if (m->avps[i].code == code && m->avps[i].vendor == 0)
			return &m->avps[i];
	return NULL;
}

int
fsctp_dia_get_u32(const struct fsctp_dia_msg *m, uint32_t code, uint32_t *v)
{
	const struct fsctp_dia_avp *a = fsctp_dia_find(m, code);

	if (a == NULL)
		return -ENOENT;
	if (a->len != 4)
		return -EBADMSG;
	*v = lg_get32(a->data);
	return 0;
}

void
fsctp_dia_begin(struct fsctp_dia_enc *e, uint8_t *buf, size_t cap,
		uint8_t flags, uint32_t code, uint32_t app_id, uint32_t hbh,
		uint32_t e2e)
{
	e->p = buf;
	e->cap = cap;
	e->len = FSCTP_DIA_HDR_LEN;
	e->full = cap < FSCTP_DIA_HDR_LEN;
	if (e->full)
		return;
	buf[0] = FSCTP_DIA_VERSION;
	buf[4] = flags;
	lg_put24(buf + 5, code);
	lg_put32(buf + 8, app_id);
	lg_put32(buf + 12, hbh);
	lg_put32(buf + 16, e2e);
}

void
fsctp_dia_put(struct fsctp_dia_enc *e, uint32_t code, uint8_t flags,
	      uint32_t vendor, const void *data, uint32_t len)
{
	uint32_t hlen = vendor != 0 ? 12 : 8;
	uint32_t alen = hlen + len, padded = (alen + 3) & ~3u;
	uint8_t *a;

	if (e->full || len > 0xffffff - 12 || padded > e->cap - e->len) {
		e->full = true;
		return;
	}
	a = e->p + e->len;
	lg_put32(a, code);
	a[4] = (uint8_t)((flags & ~FSCTP_DIA_AVP_VENDOR) |
			 (vendor != 0 ? FSCTP_DIA_AVP_VENDOR : 0));
	lg_put24(a + 5, alen);
	if (vendor != 0)
		lg_put32(a + 8, vendor);
	if (len > 0)
		memcpy(a + hlen, data, len);
	/* RFC 6733 4: padding is zero and not counted in the AVP length. */
	memset(a + alen, 0, padded - alen);
	e->len += padded;
}

void
fsctp_dia_put_u32(struct fsctp_dia_enc *e, uint32_t code, uint8_t flags,
		  uint32_t vendor, uint32_t v)
{
	uint8_t b[4];

	lg_put32(b, v);
	fsctp_dia_put(e, code, flags, vendor, b, 4);
}

void
fsctp_dia_put_str(struct fsctp_dia_enc *e, uint32_t code, uint8_t flags,
		  const char *s)
{
	fsctp_dia_put(e, code, flags, 0, s, (uint32_t)strlen(s));
}

void
fsctp_dia_put_addr(struct fsctp_dia_enc *e, uint32_t code, bool v6,
		   const uint8_t *ip)
{
	uint8_t b[18];

	/* RFC 6733 4.3.1: AddressType (IANA address family) + address. */
	lg_put16(b, v6 ? 2 : 1);
	memcpy(b + 2, ip, v6 ? 16 : 4);
	fsctp_dia_put(e, code, FSCTP_DIA_AVP_MANDATORY, 0, b, v6 ? 18 : 6);
}

int
fsctp_dia_finish(struct fsctp_dia_enc *e)
{
	if (e->full || e->len > 0xffffff)
		return -ENOSPC;
	lg_put24(e->p + 1, (uint32_t)e->len);
	return (int)e->len;
}

/* ---------------------------------------------------------------------- */
/* Responder. */

static void
put_origin(struct fsctp_dia_enc *e, const struct fsctp_dia_local *loc)
{
	fsctp_dia_put_str(e, FSCTP_DIA_AVP_ORIGIN_HOST, FSCTP_DIA_AVP_MANDATORY,
			  loc->origin_host);
	fsctp_dia_put_str(e, FSCTP_DIA_AVP_ORIGIN_REALM,
			  FSCTP_DIA_AVP_MANDATORY, loc->origin_realm);
}

/* An answer to req: same code, application and identifiers (RFC 6733 3:
 * the answer carries the request's hop-by-hop and end-to-end ids), the
 * Session-Id first when the request had one (RFC 6733 8.8). */
static void
answer_begin(struct fsctp_dia_enc *e, uint8_t *out, size_t cap,
	     const struct fsctp_dia_msg *req, uint32_t result)
{
	const struct fsctp_dia_avp *sid;
	uint8_t flags = req->flags & FSCTP_DIA_F_PROXIABLE;

	/* RFC 6733 7.1.3: protocol errors (3xxx) set the E bit. */
	if (result >= 3000 && result < 4000)
		flags |= FSCTP_DIA_F_ERROR;
	fsctp_dia_begin(e, out, cap, flags, req->code, req->app_id, req->hbh,
			req->e2e);
	sid = fsctp_dia_find(req, FSCTP_DIA_AVP_SESSION_ID);
	if (sid != NULL)
		fsctp_dia_put(e, FSCTP_DIA_AVP_SESSION_ID,
			      FSCTP_DIA_AVP_MANDATORY, 0, sid->data, sid->len);
	fsctp_dia_put_u32(e, FSCTP_DIA_AVP_RESULT_CODE, FSCTP_DIA_AVP_MANDATORY,
			  0, result);
}

static int
error_answer(const struct fsctp_dia_local *loc, const struct fsctp_dia_msg *req,
	     uint32_t result, uint8_t *out, size_t cap,
	     struct fsctp_dia_srv_counters *c)
{
	struct fsctp_dia_enc e;

	c->malformed++;
	c->last_result = result;
	answer_begin(&e, out, cap, req, result);
	put_origin(&e, loc);
	return fsctp_dia_finish(&e);
}

int
fsctp_dia_serve(const struct fsctp_dia_local *loc, const uint8_t *buf,
		size_t len, uint8_t *out, size_t cap,
		struct fsctp_dia_srv_counters *c)
{
	static struct fsctp_dia_msg m; /* one lcore: no reentrancy */
	struct fsctp_dia_enc e;
	uint32_t result = 0;

	if (fsctp_dia_decode(buf, len, &m, &result) != 0) {
		/* With a whole header we know whom to answer (RFC 6733
		 * 7.2); an answer is never answered. */
		if (len < FSCTP_DIA_HDR_LEN ||
		    !(buf[4] & FSCTP_DIA_F_REQUEST)) {
			c->unanswerable++;
			return 0;
		}
		m.n_avps = 0; /* do not echo a Session-Id from bad AVPs */
		return error_answer(loc, &m, result, out, cap, c);
	}
	if (!(m.flags & FSCTP_DIA_F_REQUEST)) {
		c->answers_in++;
		return 0;
	}
	/* RFC 6733 6.3, 6.4: every request names its origin. */
	if (fsctp_dia_find(&m, FSCTP_DIA_AVP_ORIGIN_HOST) == NULL ||
	    fsctp_dia_find(&m, FSCTP_DIA_AVP_ORIGIN_REALM) == NULL)
		return error_answer(loc, &m, FSCTP_DIA_MISSING_AVP, out, cap,
				    c);
	switch (m.code) {
	case FSCTP_DIA_CMD_CE:
		/* RFC 6733 5.3.2: CEA with our identity and applications. */
		answer_begin(&e, out, cap, &m, FSCTP_DIA_SUCCESS);
		put_origin(&e, loc);
		fsctp_dia_put_addr(&e, FSCTP_DIA_AVP_HOST_IP, loc->ip_v6,
				   loc->ip);
		fsctp_dia_put_u32(&e, FSCTP_DIA_AVP_VENDOR_ID,
				  FSCTP_DIA_AVP_MANDATORY, 0, 0);
		fsctp_dia_put_str(&e, FSCTP_DIA_AVP_PRODUCT_NAME, 0,
				  "fsctp-loadgen");
		fsctp_dia_put_u32(&e, FSCTP_DIA_AVP_AUTH_APP_ID,
				  FSCTP_DIA_AVP_MANDATORY, 0, loc->app_id);
		break;
	case FSCTP_DIA_CMD_DW: /* RFC 6733 5.5.2 */
	case FSCTP_DIA_CMD_DP: /* RFC 6733 5.4.2 */
		answer_begin(&e, out, cap, &m, FSCTP_DIA_SUCCESS);
		put_origin(&e, loc);
		break;
	default:
		if (m.code != loc->command)
			return error_answer(loc, &m,
					    FSCTP_DIA_COMMAND_UNSUPPORTED, out,
					    cap, c);
		if (m.app_id != loc->app_id)
			return error_answer(loc, &m,
					    FSCTP_DIA_APPLICATION_UNSUPPORTED,
					    out, cap, c);
		answer_begin(&e, out, cap, &m, FSCTP_DIA_SUCCESS);
		put_origin(&e, loc);
		fsctp_dia_put_u32(&e, FSCTP_DIA_AVP_AUTH_APP_ID,
				  FSCTP_DIA_AVP_MANDATORY, 0, loc->app_id);
		break;
	}
	c->requests++;
	return fsctp_dia_finish(&e);
}
