/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Decoders and encoders for the extension chunks: FORWARD-TSN (RFC 3758),
 * I-FORWARD-TSN (RFC 8260), RE-CONFIG (RFC 6525), ASCONF/ASCONF-ACK
 * (RFC 5061), AUTH (RFC 4895) and PAD (RFC 4820).
 */
#include <errno.h>
#include <string.h>

#include "fsctp_chunk.h"

/* ------------------------------------------------------------------------ */
/* FORWARD-TSN, I-FORWARD-TSN                                               */
/* ------------------------------------------------------------------------ */

static int
decode_fwd(const struct fsctp_tlv *chunk, struct fsctp_fwd_tsn_info *out,
	   size_t entry, bool ifwd)
{
	size_t rest;

	memset(out, 0, sizeof(*out));
	out->ifwd = ifwd;
	if (chunk->value_len < 4)
		return -EBADMSG;
	rest = chunk->value_len - 4u;
	/* Entries fill the value exactly: a partial one is malformed. */
	if (rest % entry != 0)
		return -EBADMSG;
	out->new_cum_tsn = fsctp_rd32(chunk->value);
	out->n_streams = (uint16_t)(rest / entry);
	out->streams = chunk->value + 4;
	return 0;
}

int
fsctp_decode_fwd_tsn(const struct fsctp_tlv *chunk,
		     struct fsctp_fwd_tsn_info *out)
{
	/* RFC 3758 3.2: 4-byte (stream, SSN) entries. */
	return decode_fwd(chunk, out, 4, false);
}

int
fsctp_decode_ifwd_tsn(const struct fsctp_tlv *chunk,
		      struct fsctp_fwd_tsn_info *out)
{
	/* RFC 8260 2.3.1: 8-byte (stream, flags, MID) entries. */
	return decode_fwd(chunk, out, 8, true);
}

int
fsctp_fwd_tsn_stream(const struct fsctp_fwd_tsn_info *f, unsigned i,
		     uint16_t *sid, uint16_t *ssn)
{
	const uint8_t *e;

	if (f->ifwd || i >= f->n_streams)
		return -ERANGE;
	e = f->streams + 4 * (size_t)i;
	*sid = fsctp_rd16(e);
	*ssn = fsctp_rd16(e + 2);
	return 0;
}

int
fsctp_ifwd_tsn_stream(const struct fsctp_fwd_tsn_info *f, unsigned i,
		      struct fsctp_ifwd_entry *out)
{
	const uint8_t *e;

	if (!f->ifwd || i >= f->n_streams)
		return -ERANGE;
	e = f->streams + 8 * (size_t)i;
	out->sid = fsctp_rd16(e);
	out->unordered = (fsctp_rd16(e + 2) & 1) != 0;
	out->mid = fsctp_rd32(e + 4);
	return 0;
}

int
fsctp_encode_fwd_tsn(struct fsctp_wbuf *w, uint32_t new_cum,
		     const uint16_t (*streams)[2], unsigned n)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_FORWARD_TSN, 0);
	unsigned i;

	fsctp_wbuf_u32(w, new_cum);
	for (i = 0; i < n && !w->err; i++) {
		fsctp_wbuf_u16(w, streams[i][0]);
		fsctp_wbuf_u16(w, streams[i][1]);
	}
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

int
fsctp_encode_ifwd_tsn(struct fsctp_wbuf *w, uint32_t new_cum,
		      const struct fsctp_ifwd_entry *e, unsigned n)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_I_FORWARD_TSN, 0);
	unsigned i;

	fsctp_wbuf_u32(w, new_cum);
	for (i = 0; i < n && !w->err; i++) {
		fsctp_wbuf_u16(w, e[i].sid);
		fsctp_wbuf_u16(w, e[i].unordered ? 1 : 0);
		fsctp_wbuf_u32(w, e[i].mid);
	}
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

/* ------------------------------------------------------------------------ */
/* RE-CONFIG                                                                */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_reconf_param(const struct fsctp_tlv *param,
			  struct fsctp_reconf_param *out)
{
	const uint8_t *v = param->value;
	uint16_t n = param->value_len;

	memset(out, 0, sizeof(*out));
	out->type = param->type;
	switch (param->type) {
	case FSCTP_PARAM_OUT_SSN_RESET_REQ:
		/* RFC 6525 4.1: three 32-bit fields, then 16-bit SIDs. */
		if (n < 12 || ((n - 12) & 1))
			return -EINVAL;
		out->req_seq = fsctp_rd32(v);
		out->resp_seq = fsctp_rd32(v + 4);
		out->last_tsn = fsctp_rd32(v + 8);
		out->n_sids = (uint16_t)((n - 12) / 2);
		out->sids = v + 12;
		return 0;
	case FSCTP_PARAM_IN_SSN_RESET_REQ:
		/* RFC 6525 4.2: request seq, then 16-bit SIDs. */
		if (n < 4 || ((n - 4) & 1))
			return -EINVAL;
		out->req_seq = fsctp_rd32(v);
		out->n_sids = (uint16_t)((n - 4) / 2);
		out->sids = v + 4;
		return 0;
	case FSCTP_PARAM_SSN_TSN_RESET_REQ:
		/* RFC 6525 4.3: request seq only. */
		if (n != 4)
			return -EINVAL;
		out->req_seq = fsctp_rd32(v);
		return 0;
	case FSCTP_PARAM_RECONFIG_RESP:
		/* RFC 6525 4.4: 8 bytes, or 16 with both TSNs. */
		if (n != 8 && n != 16)
			return -EINVAL;
		out->resp_seq = fsctp_rd32(v);
		out->result = fsctp_rd32(v + 4);
		if (n == 16) {
			out->has_tsns = true;
			out->sender_next_tsn = fsctp_rd32(v + 8);
			out->receiver_next_tsn = fsctp_rd32(v + 12);
		}
		return 0;
	case FSCTP_PARAM_ADD_OUT_STREAMS_REQ:
	case FSCTP_PARAM_ADD_IN_STREAMS_REQ:
		/* RFC 6525 4.5, 4.6: seq, count, reserved. */
		if (n != 8)
			return -EINVAL;
		out->req_seq = fsctp_rd32(v);
		out->n_new_streams = fsctp_rd16(v + 4);
		return 0;
	default:
		return -ENOTSUP;
	}
}

int
fsctp_decode_reconf(const struct fsctp_tlv *chunk,
		    struct fsctp_reconf_info *out)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv p;
	int rc;

	memset(out, 0, sizeof(*out));
	fsctp_tlv_iter_init(&it, chunk->value, chunk->value_len,
			    FSCTP_TLV_PARAM);
	while ((rc = fsctp_tlv_next(&it, &p)) == 1) {
		/* RFC 6525 3.1: one or two parameters. */
		if (out->n_params >= FSCTP_RECONF_MAX_PARAMS)
			return -EINVAL;
		rc = fsctp_decode_reconf_param(&p, &out->params[out->n_params]);
		if (rc < 0)
			return rc;
		out->n_params++;
	}
	if (rc < 0)
		return rc;
	return out->n_params == 0 ? -EINVAL : 0;
}

uint16_t
fsctp_reconf_sid(const struct fsctp_reconf_param *p, unsigned i)
{
	if (i >= p->n_sids)
		return 0;
	return fsctp_rd16(p->sids + 2 * (size_t)i);
}

int
fsctp_encode_reconf_param(struct fsctp_wbuf *w,
			  const struct fsctp_reconf_param *p,
			  const uint16_t *sids)
{
	size_t start = w->len;
	unsigned i;

	fsctp_wbuf_u16(w, p->type);
	fsctp_wbuf_u16(w, 0);
	switch (p->type) {
	case FSCTP_PARAM_OUT_SSN_RESET_REQ:
		fsctp_wbuf_u32(w, p->req_seq);
		fsctp_wbuf_u32(w, p->resp_seq);
		fsctp_wbuf_u32(w, p->last_tsn);
		for (i = 0; i < p->n_sids && !w->err; i++)
			fsctp_wbuf_u16(w, sids[i]);
		break;
	case FSCTP_PARAM_IN_SSN_RESET_REQ:
		fsctp_wbuf_u32(w, p->req_seq);
		for (i = 0; i < p->n_sids && !w->err; i++)
			fsctp_wbuf_u16(w, sids[i]);
		break;
	case FSCTP_PARAM_SSN_TSN_RESET_REQ:
		fsctp_wbuf_u32(w, p->req_seq);
		break;
	case FSCTP_PARAM_RECONFIG_RESP:
		fsctp_wbuf_u32(w, p->resp_seq);
		fsctp_wbuf_u32(w, p->result);
		if (p->has_tsns) {
			fsctp_wbuf_u32(w, p->sender_next_tsn);
			fsctp_wbuf_u32(w, p->receiver_next_tsn);
		}
		break;
	case FSCTP_PARAM_ADD_OUT_STREAMS_REQ:
	case FSCTP_PARAM_ADD_IN_STREAMS_REQ:
		fsctp_wbuf_u32(w, p->req_seq);
		fsctp_wbuf_u16(w, p->n_new_streams);
		fsctp_wbuf_u16(w, 0);
		break;
	default:
		if (!w->err)
			w->len = start;
		return -ENOTSUP;
	}
	return fsctp_wbuf_tlv_end(w, start);
}

/* ------------------------------------------------------------------------ */
/* ASCONF, ASCONF-ACK                                                       */
/* ------------------------------------------------------------------------ */

/* Walk the parameters after the fixed part; count them. */
static int
asconf_walk(struct fsctp_asconf_info *out, const uint8_t *p, size_t len)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv t;
	int rc;

	out->params.ptr = p;
	out->params.len = (uint16_t)len;
	fsctp_tlv_iter_init(&it, p, len, FSCTP_TLV_PARAM);
	while ((rc = fsctp_tlv_next(&it, &t)) == 1)
		out->n_params++;
	return rc;
}

int
fsctp_decode_asconf(const struct fsctp_tlv *chunk,
		    struct fsctp_asconf_info *out)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv a;
	int rc;

	memset(out, 0, sizeof(*out));
	/* RFC 5061 4.1.1: serial, then the sender's Address Parameter. */
	if (chunk->value_len < 4)
		return -EBADMSG;
	out->serial = fsctp_rd32(chunk->value);
	fsctp_tlv_iter_init(&it, chunk->value + 4, chunk->value_len - 4u,
			    FSCTP_TLV_PARAM);
	rc = fsctp_tlv_next(&it, &a);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return -EINVAL;
	rc = fsctp_decode_addr_param(&a, &out->addr);
	if (rc < 0)
		return -EINVAL;
	out->has_addr = true;
	return asconf_walk(out, chunk->value + 4 + it.off,
			   chunk->value_len - 4u - it.off);
}

int
fsctp_decode_asconf_ack(const struct fsctp_tlv *chunk,
			struct fsctp_asconf_info *out)
{
	memset(out, 0, sizeof(*out));
	/* RFC 5061 4.1.2: serial, then the responses. */
	if (chunk->value_len < 4)
		return -EBADMSG;
	out->serial = fsctp_rd32(chunk->value);
	return asconf_walk(out, chunk->value + 4, chunk->value_len - 4u);
}

void
fsctp_asconf_params_iter(const struct fsctp_asconf_info *a,
			 struct fsctp_tlv_iter *it)
{
	fsctp_tlv_iter_init(it, a->params.ptr, a->params.len, FSCTP_TLV_PARAM);
}

int
fsctp_decode_asconf_param(const struct fsctp_tlv *param,
			  struct fsctp_asconf_param *out)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv t;
	int rc;

	memset(out, 0, sizeof(*out));
	out->type = param->type;
	switch (param->type) {
	case FSCTP_PARAM_ADD_IP:
	case FSCTP_PARAM_DEL_IP:
	case FSCTP_PARAM_SET_PRIMARY:
		/* RFC 5061 4.2.1-4.2.4: correlation id, address param. */
		if (param->value_len < 4)
			return -EINVAL;
		out->corr_id = fsctp_rd32(param->value);
		fsctp_tlv_iter_init(&it, param->value + 4,
				    param->value_len - 4u, FSCTP_TLV_PARAM);
		rc = fsctp_tlv_next(&it, &t);
		if (rc < 0)
			return rc;
		if (rc == 0 || fsctp_decode_addr_param(&t, &out->addr) < 0)
			return -EINVAL;
		/* Nothing may follow the address but its padding. */
		if (fsctp_tlv_next(&it, &t) != 0)
			return -EINVAL;
		out->has_addr = true;
		return 0;
	case FSCTP_PARAM_ERROR_CAUSE_IND:
		/* RFC 5061 4.2.6: correlation id, then error causes. */
		if (param->value_len < 4)
			return -EINVAL;
		out->corr_id = fsctp_rd32(param->value);
		out->causes.ptr = param->value + 4;
		out->causes.len = (uint16_t)(param->value_len - 4u);
		fsctp_tlv_iter_init(&it, out->causes.ptr, out->causes.len,
				    FSCTP_TLV_PARAM);
		while ((rc = fsctp_tlv_next(&it, &t)) == 1)
			;
		return rc;
	case FSCTP_PARAM_SUCCESS_IND:
		/* RFC 5061 4.2.5: correlation id only. */
		if (param->value_len != 4)
			return -EINVAL;
		out->corr_id = fsctp_rd32(param->value);
		return 0;
	default:
		return -ENOTSUP;
	}
}

size_t
fsctp_encode_asconf_begin(struct fsctp_wbuf *w, uint32_t serial,
			  const struct fsctp_addr *addr)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_ASCONF, 0);

	fsctp_wbuf_u32(w, serial);
	if (fsctp_encode_addr_param(w, addr) == -EINVAL && !w->err)
		w->err = -EINVAL;
	return off;
}

size_t
fsctp_encode_asconf_ack_begin(struct fsctp_wbuf *w, uint32_t serial)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_ASCONF_ACK, 0);

	fsctp_wbuf_u32(w, serial);
	return off;
}

int
fsctp_encode_asconf_param(struct fsctp_wbuf *w,
			  const struct fsctp_asconf_param *p)
{
	size_t start = w->len;

	fsctp_wbuf_u16(w, p->type);
	fsctp_wbuf_u16(w, 0);
	fsctp_wbuf_u32(w, p->corr_id);
	switch (p->type) {
	case FSCTP_PARAM_ADD_IP:
	case FSCTP_PARAM_DEL_IP:
	case FSCTP_PARAM_SET_PRIMARY:
		if (fsctp_encode_addr_param(w, &p->addr) == -EINVAL && !w->err)
			w->err = -EINVAL;
		break;
	case FSCTP_PARAM_ERROR_CAUSE_IND:
		fsctp_wbuf_put(w, p->causes.ptr, p->causes.len);
		break;
	case FSCTP_PARAM_SUCCESS_IND:
		break;
	default:
		if (!w->err)
			w->len = start;
		return -ENOTSUP;
	}
	return fsctp_wbuf_tlv_end(w, start);
}

/* ------------------------------------------------------------------------ */
/* AUTH, PAD                                                                */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_auth(const struct fsctp_tlv *chunk, struct fsctp_auth_info *out)
{
	memset(out, 0, sizeof(*out));
	/* RFC 4895 4.2: key id, HMAC id, then the HMAC. */
	if (chunk->value_len < 4)
		return -EBADMSG;
	out->key_id = fsctp_rd16(chunk->value);
	out->hmac_id = fsctp_rd16(chunk->value + 2);
	out->hmac.ptr = chunk->value + 4;
	out->hmac.len = (uint16_t)(chunk->value_len - 4u);
	return 0;
}

int
fsctp_encode_auth(struct fsctp_wbuf *w, uint16_t key_id, uint16_t hmac_id,
		  const void *hmac, size_t len)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_AUTH, 0);
	uint8_t *p;

	fsctp_wbuf_u16(w, key_id);
	fsctp_wbuf_u16(w, hmac_id);
	if (hmac != NULL) {
		fsctp_wbuf_put(w, hmac, len);
	} else {
		p = fsctp_wbuf_reserve(w, len);
		if (p != NULL)
			memset(p, 0, len);
	}
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

int
fsctp_decode_pad(const struct fsctp_tlv *chunk, uint16_t *pad_len)
{
	/* RFC 4820 3: the receiver ignores the padding data. */
	*pad_len = chunk->value_len;
	return 0;
}

int
fsctp_encode_pad(struct fsctp_wbuf *w, size_t len)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_PAD, 0);
	uint8_t *p = fsctp_wbuf_reserve(w, len);

	if (p != NULL)
		memset(p, 0, len);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}
