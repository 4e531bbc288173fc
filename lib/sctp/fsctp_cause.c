/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Error cause decoders and encoders (RFC 9260 3.3.10, RFC 5061 5.1,
 * RFC 4895 4.1). Nested TLVs are proved with fsctp_tlv_next().
 */
#include <errno.h>
#include <string.h>

#include "fsctp_cause.h"

/* Prove that a span holds only well-formed parameter TLVs; count them. */
static int
walk_params(struct fsctp_cause_info *out)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv t;
	int rc;

	out->body_kind = FSCTP_CAUSE_BODY_PARAMS;
	fsctp_cause_nested_iter(out, &it);
	while ((rc = fsctp_tlv_next(&it, &t)) == 1)
		out->n_nested++;
	return rc;
}

int
fsctp_decode_cause(const struct fsctp_tlv *cause, struct fsctp_cause_info *out)
{
	const uint8_t *v = cause->value;
	uint16_t n = cause->value_len;

	memset(out, 0, sizeof(*out));
	out->code = cause->type;
	out->body.ptr = v;
	out->body.len = n;
	switch (cause->type) {
	case FSCTP_CAUSE_INVALID_STREAM:
		/* 3.3.10.1: SID and 16 reserved bits. */
		if (n != 4)
			return -EINVAL;
		out->sid = fsctp_rd16(v);
		break;
	case FSCTP_CAUSE_MISSING_PARAM:
		/* 3.3.10.2: a count, then that many 16-bit types. */
		if (n < 4)
			return -EINVAL;
		out->n_missing = fsctp_rd32(v);
		if (out->n_missing > (uint32_t)(n - 4u) / 2) {
			out->n_missing = 0;
			return -EINVAL;
		}
		out->body_kind = FSCTP_CAUSE_BODY_TYPE_LIST;
		out->body.ptr = v + 4;
		out->body.len = (uint16_t)(out->n_missing * 2);
		break;
	case FSCTP_CAUSE_STALE_COOKIE:
		/* 3.3.10.3: staleness in microseconds. */
		if (n != 4)
			return -EINVAL;
		out->staleness_us = fsctp_rd32(v);
		break;
	case FSCTP_CAUSE_NO_USER_DATA:
		/* 3.3.10.9: the TSN of the empty DATA chunk. */
		if (n != 4)
			return -EINVAL;
		out->tsn = fsctp_rd32(v);
		break;
	case FSCTP_CAUSE_OUT_OF_RESOURCE:
	case FSCTP_CAUSE_INVALID_PARAM:
	case FSCTP_CAUSE_COOKIE_WHILE_SHUTDOWN:
		/* 3.3.10.4, .7, .10: header only. */
		if (n != 0)
			return -EINVAL;
		break;
	case FSCTP_CAUSE_UNRECOGNIZED_CHUNK:
		/*
		 * 3.3.10.6: the unrecognised chunk, header included. Only its
		 * header is required: the sender may not have copied it all.
		 */
		if (n < 4)
			return -EBADMSG;
		out->body_kind = FSCTP_CAUSE_BODY_OPAQUE;
		break;
	case FSCTP_CAUSE_UNRESOLVABLE_ADDR:
	case FSCTP_CAUSE_UNRECOGNIZED_PARAMS:
	case FSCTP_CAUSE_RESTART_NEW_ADDRS:
	case FSCTP_CAUSE_DEL_LAST_IP:
	case FSCTP_CAUSE_RESOURCE_SHORTAGE:
	case FSCTP_CAUSE_DEL_SOURCE_IP:
	case FSCTP_CAUSE_ILLEGAL_ASCONF_ACK:
	case FSCTP_CAUSE_NO_AUTHORIZATION:
		/*
		 * 3.3.10.5, .8, .11 and RFC 5061 5.1: nested parameter TLVs
		 * (addresses, parameters), walked with the same iterator.
		 */
		return walk_params(out);
	case FSCTP_CAUSE_UNSUPPORTED_HMAC:
		/* RFC 4895 4.1: a 16-bit HMAC id (plus padding). */
		if (n < 2)
			return -EINVAL;
		out->hmac_id = fsctp_rd16(v);
		break;
	default:
		/* User-Initiated Abort, Protocol Violation, unknown codes. */
		out->body_kind =
			n ? FSCTP_CAUSE_BODY_OPAQUE : FSCTP_CAUSE_BODY_NONE;
		break;
	}
	return 0;
}

void
fsctp_cause_nested_iter(const struct fsctp_cause_info *c,
			struct fsctp_tlv_iter *it)
{
	fsctp_tlv_iter_init(it, c->body.ptr, c->body.len, FSCTP_TLV_PARAM);
}

int
fsctp_cause_missing_type(const struct fsctp_cause_info *c, unsigned i,
			 uint16_t *type)
{
	if (c->code != FSCTP_CAUSE_MISSING_PARAM || i >= c->n_missing)
		return -ERANGE;
	*type = fsctp_rd16(c->body.ptr + 2 * (size_t)i);
	return 0;
}

int
fsctp_encode_cause(struct fsctp_wbuf *w, uint16_t code, const void *value,
		   size_t len)
{
	fsctp_wbuf_tlv(w, code, value, len);
	return w->err;
}

int
fsctp_encode_cause_invalid_stream(struct fsctp_wbuf *w, uint16_t sid)
{
	uint8_t v[4] = { 0 };

	fsctp_wr16(v, sid);
	return fsctp_encode_cause(w, FSCTP_CAUSE_INVALID_STREAM, v, 4);
}

/* Open a cause whose length is only known at the end. */
static size_t
cause_begin(struct fsctp_wbuf *w, uint16_t code)
{
	size_t off = w->len;

	fsctp_wbuf_u16(w, code);
	fsctp_wbuf_u16(w, 0);
	return off;
}

int
fsctp_encode_cause_missing_params(struct fsctp_wbuf *w, const uint16_t *types,
				  unsigned n)
{
	size_t off = cause_begin(w, FSCTP_CAUSE_MISSING_PARAM);
	unsigned i;

	fsctp_wbuf_u32(w, n);
	for (i = 0; i < n && !w->err; i++)
		fsctp_wbuf_u16(w, types[i]);
	return fsctp_wbuf_tlv_end(w, off);
}

int
fsctp_encode_cause_stale_cookie(struct fsctp_wbuf *w, uint32_t staleness_us)
{
	fsctp_wbuf_tlv_u32(w, FSCTP_CAUSE_STALE_COOKIE, staleness_us);
	return w->err;
}

int
fsctp_encode_cause_out_of_resource(struct fsctp_wbuf *w)
{
	return fsctp_encode_cause(w, FSCTP_CAUSE_OUT_OF_RESOURCE, NULL, 0);
}

int
fsctp_encode_cause_unresolvable_addr(struct fsctp_wbuf *w, const void *addr_tlv,
				     size_t len)
{
	return fsctp_encode_cause(w, FSCTP_CAUSE_UNRESOLVABLE_ADDR, addr_tlv,
				  len);
}

int
fsctp_encode_cause_unrecognized_chunk(struct fsctp_wbuf *w, const void *chunk,
				      size_t len)
{
	return fsctp_encode_cause(w, FSCTP_CAUSE_UNRECOGNIZED_CHUNK, chunk,
				  len);
}

int
fsctp_encode_cause_invalid_param(struct fsctp_wbuf *w)
{
	return fsctp_encode_cause(w, FSCTP_CAUSE_INVALID_PARAM, NULL, 0);
}

int
fsctp_encode_cause_unrecognized_params(struct fsctp_wbuf *w,
				       const struct fsctp_span *params,
				       unsigned n)
{
	size_t off = cause_begin(w, FSCTP_CAUSE_UNRECOGNIZED_PARAMS);
	unsigned i;

	/* 3.3.10.8: each parameter whole, padded as it was on the wire. */
	for (i = 0; i < n && !w->err; i++) {
		fsctp_wbuf_put(w, params[i].ptr, params[i].len);
		fsctp_wbuf_pad4(w);
	}
	return fsctp_wbuf_tlv_end(w, off);
}

int
fsctp_encode_cause_no_user_data(struct fsctp_wbuf *w, uint32_t tsn)
{
	fsctp_wbuf_tlv_u32(w, FSCTP_CAUSE_NO_USER_DATA, tsn);
	return w->err;
}

int
fsctp_encode_cause_cookie_while_shutdown(struct fsctp_wbuf *w)
{
	return fsctp_encode_cause(w, FSCTP_CAUSE_COOKIE_WHILE_SHUTDOWN, NULL,
				  0);
}

int
fsctp_encode_cause_restart_new_addrs(struct fsctp_wbuf *w,
				     const struct fsctp_addr *addrs, unsigned n)
{
	size_t off = cause_begin(w, FSCTP_CAUSE_RESTART_NEW_ADDRS);
	unsigned i;

	for (i = 0; i < n && !w->err; i++)
		if (fsctp_encode_addr_param(w, &addrs[i]) == -EINVAL && !w->err)
			w->err = -EINVAL;
	return fsctp_wbuf_tlv_end(w, off);
}

int
fsctp_encode_cause_user_abort(struct fsctp_wbuf *w, const void *reason,
			      size_t len)
{
	return fsctp_encode_cause(w, FSCTP_CAUSE_USER_ABORT, reason, len);
}

int
fsctp_encode_cause_protocol_violation(struct fsctp_wbuf *w, const void *info,
				      size_t len)
{
	return fsctp_encode_cause(w, FSCTP_CAUSE_PROTOCOL_VIOLATION, info, len);
}

int
fsctp_encode_cause_asconf(struct fsctp_wbuf *w, uint16_t code,
			  const void *param_tlv, size_t len)
{
	if (code < FSCTP_CAUSE_DEL_LAST_IP ||
	    code > FSCTP_CAUSE_NO_AUTHORIZATION)
		return -EINVAL;
	return fsctp_encode_cause(w, code, param_tlv, len);
}

int
fsctp_encode_cause_unsupported_hmac(struct fsctp_wbuf *w, uint16_t hmac_id)
{
	uint8_t v[2];

	fsctp_wr16(v, hmac_id);
	return fsctp_encode_cause(w, FSCTP_CAUSE_UNSUPPORTED_HMAC, v, 2);
}
