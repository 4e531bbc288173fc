/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Decoders and encoders for the RFC 9260 chunks, and the whole-packet
 * validator. Every read is bounded by a struct fsctp_tlv that
 * fsctp_tlv_next() proved to lie inside the packet.
 */
#include <errno.h>
#include <string.h>

#include "fsctp_chunk.h"

/* ------------------------------------------------------------------------ */
/* Addresses                                                                */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_addr_param(const struct fsctp_tlv *param, struct fsctp_addr *out)
{
	memset(out, 0, sizeof(*out));
	/* RFC 9260 3.3.2.1: IPv4 is 8 bytes, IPv6 is 20 bytes. */
	switch (param->type) {
	case FSCTP_PARAM_IPV4:
		if (param->value_len != 4)
			return -EINVAL;
		out->family = FSCTP_AF_INET4;
		memcpy(out->ip.v4, param->value, 4);
		return 0;
	case FSCTP_PARAM_IPV6:
		if (param->value_len != 16)
			return -EINVAL;
		out->family = FSCTP_AF_INET6;
		memcpy(out->ip.v6, param->value, 16);
		return 0;
	default:
		return -ENOTSUP;
	}
}

int
fsctp_encode_addr_param(struct fsctp_wbuf *w, const struct fsctp_addr *addr)
{
	if (addr->family == FSCTP_AF_INET4)
		fsctp_wbuf_tlv(w, FSCTP_PARAM_IPV4, addr->ip.v4, 4);
	else if (addr->family == FSCTP_AF_INET6)
		fsctp_wbuf_tlv(w, FSCTP_PARAM_IPV6, addr->ip.v6, 16);
	else
		return -EINVAL;
	return w->err;
}

/* ------------------------------------------------------------------------ */
/* INIT and INIT ACK                                                        */
/* ------------------------------------------------------------------------ */

/* Record an unknown parameter whose upper bits ask for a report. */
static void
init_record_unrecognized(struct fsctp_init_info *out, const struct fsctp_tlv *p)
{
	if (out->n_unrecognized < FSCTP_MAX_UNRECOGNIZED) {
		out->unrecognized[out->n_unrecognized].ptr = p->hdr;
		out->unrecognized[out->n_unrecognized].len = p->length;
		out->n_unrecognized++;
	} else {
		out->n_unrecognized_dropped++;
	}
}

/*
 * One INIT/INIT ACK parameter. Returns 0 to go on, 1 to stop the walk
 * (RFC 9260 3.2.1, upper bits 00/01), or -EINVAL.
 */
static int
init_param(struct fsctp_init_info *out, const struct fsctp_tlv *p)
{
	enum fsctp_unknown_action act;
	unsigned i;
	int rc;

	switch (p->type) {
	case FSCTP_PARAM_IPV4:
	case FSCTP_PARAM_IPV6:
		if (out->n_addrs >= FSCTP_MAX_PEER_ADDRS) {
			/* Still check the length of the ones we drop. */
			struct fsctp_addr a;

			rc = fsctp_decode_addr_param(p, &a);
			if (rc < 0)
				return rc;
			out->n_addrs_dropped++;
			return 0;
		}
		rc = fsctp_decode_addr_param(p, &out->addrs[out->n_addrs]);
		if (rc < 0)
			return rc;
		out->n_addrs++;
		return 0;
	case FSCTP_PARAM_STATE_COOKIE:
		/* RFC 9260 3.3.3.1: the cookie is opaque, of any length. */
		out->cookie = p->value;
		out->cookie_len = p->value_len;
		return 0;
	case FSCTP_PARAM_UNRECOGNIZED: {
		struct fsctp_tlv_iter nit;
		struct fsctp_tlv n;

		/*
		 * RFC 9260 3.3.3: the peer reports one of our parameters,
		 * copied whole: the value is itself a parameter TLV, proved
		 * with the same iterator.
		 */
		fsctp_tlv_iter_init(&nit, p->value, p->value_len,
				    FSCTP_TLV_PARAM);
		while ((rc = fsctp_tlv_next(&nit, &n)) == 1)
			;
		if (rc < 0)
			return rc;
		if (out->n_peer_unrecognized++ == 0) {
			out->peer_unrecognized.ptr = p->value;
			out->peer_unrecognized.len = p->value_len;
		}
		return 0;
	}
	case FSCTP_PARAM_COOKIE_PRESERVATIVE:
		/* RFC 9260 3.3.2.1: 32-bit increment in milliseconds. */
		if (p->value_len != 4)
			return -EINVAL;
		out->has_cookie_preservative = true;
		out->cookie_preservative_ms = fsctp_rd32(p->value);
		return 0;
	case FSCTP_PARAM_HOST_NAME:
		out->has_host_name = true;
		out->host_name.ptr = p->value;
		out->host_name.len = p->value_len;
		return 0;
	case FSCTP_PARAM_SUPPORTED_ADDR_TYPES:
		/* RFC 9260 3.3.2.1: a list of 16-bit address types. */
		if (p->value_len == 0 || (p->value_len & 1))
			return -EINVAL;
		out->has_supported_addr_types = true;
		for (i = 0; i + 1 < p->value_len; i += 2) {
			uint16_t t = fsctp_rd16(p->value + i);

			if (t == FSCTP_PARAM_IPV4)
				out->supported_addr_types |= FSCTP_SAT_IPV4;
			else if (t == FSCTP_PARAM_IPV6)
				out->supported_addr_types |= FSCTP_SAT_IPV6;
			else if (t == FSCTP_PARAM_HOST_NAME)
				out->supported_addr_types |= FSCTP_SAT_HOSTNAME;
		}
		return 0;
	case FSCTP_PARAM_ECN_CAPABLE:
		if (p->value_len != 0)
			return -EINVAL;
		out->ecn_capable = true;
		return 0;
	case FSCTP_PARAM_FORWARD_TSN_SUPPORTED:
		/* RFC 3758 3.1: a parameter with no value. */
		if (p->value_len != 0)
			return -EINVAL;
		out->forward_tsn_supported = true;
		return 0;
	case FSCTP_PARAM_ZERO_CSUM:
		/* RFC 9653 section 4: one 32-bit EDMID. */
		if (p->value_len != 4)
			return -EINVAL;
		out->has_zero_csum = true;
		out->zero_csum_edmid = fsctp_rd32(p->value);
		return 0;
	case FSCTP_PARAM_ADAPTATION_LAYER:
		/* RFC 5061 4.2.6: one 32-bit indication. */
		if (p->value_len != 4)
			return -EINVAL;
		out->has_adaptation = true;
		out->adaptation = fsctp_rd32(p->value);
		return 0;
	case FSCTP_PARAM_SUPPORTED_EXT:
		/* RFC 5061 4.2.7: one chunk type per byte. */
		out->has_supported_ext = true;
		for (i = 0; i < p->value_len; i++)
			fsctp_init_ext_set(out, p->value[i]);
		return 0;
	case FSCTP_PARAM_RANDOM:
		out->auth_random.ptr = p->value;
		out->auth_random.len = p->value_len;
		return 0;
	case FSCTP_PARAM_CHUNK_LIST:
		out->auth_chunks.ptr = p->value;
		out->auth_chunks.len = p->value_len;
		return 0;
	case FSCTP_PARAM_HMAC_ALGO:
		/* RFC 4895 3.3: a list of 16-bit HMAC identifiers. */
		if (p->value_len & 1)
			return -EINVAL;
		out->auth_hmac_algos.ptr = p->value;
		out->auth_hmac_algos.len = p->value_len;
		return 0;
	case FSCTP_PARAM_PADDING:
		/* RFC 4820 3: ignored by the receiver. */
		return 0;
	default:
		break;
	}
	/* RFC 9260 3.2.1: the upper two bits decide. */
	act = fsctp_unknown_param_action(p->type);
	if (fsctp_unknown_action_reports(act))
		init_record_unrecognized(out, p);
	if (fsctp_unknown_action_stops(act)) {
		out->unrecognized_stop = true;
		return 1;
	}
	return 0;
}

int
fsctp_decode_init(const struct fsctp_tlv *chunk, struct fsctp_init_info *out)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv p;
	const uint8_t *v = chunk->value;
	int rc;

	memset(out, 0, sizeof(*out));
	/* RFC 9260 3.3.2: 16 bytes of fixed value after the header. */
	if (chunk->value_len < 16)
		return -EBADMSG;
	out->init_tag = fsctp_rd32(v);
	out->a_rwnd = fsctp_rd32(v + 4);
	out->n_out_streams = fsctp_rd16(v + 8);
	out->n_in_streams = fsctp_rd16(v + 10);
	out->initial_tsn = fsctp_rd32(v + 12);
	fsctp_tlv_iter_init(&it, v + 16, chunk->value_len - 16u,
			    FSCTP_TLV_PARAM);
	while ((rc = fsctp_tlv_next(&it, &p)) == 1) {
		rc = init_param(out, &p);
		if (rc < 0)
			return rc;
		if (rc == 1)
			return 0;
	}
	return rc;
}

/* Append a parameter whose value is a span, when present. */
static void
put_span_param(struct fsctp_wbuf *w, uint16_t type, const struct fsctp_span *s)
{
	if (s->ptr != NULL)
		fsctp_wbuf_tlv(w, type, s->ptr, s->len);
}

int
fsctp_encode_init(struct fsctp_wbuf *w, bool ack,
		  const struct fsctp_init_info *in)
{
	size_t off = fsctp_wbuf_chunk_begin(
		w, ack ? FSCTP_CHUNK_INIT_ACK : FSCTP_CHUNK_INIT, 0);
	unsigned i;

	fsctp_wbuf_u32(w, in->init_tag);
	fsctp_wbuf_u32(w, in->a_rwnd);
	fsctp_wbuf_u16(w, in->n_out_streams);
	fsctp_wbuf_u16(w, in->n_in_streams);
	fsctp_wbuf_u32(w, in->initial_tsn);
	for (i = 0; i < in->n_addrs && i < FSCTP_MAX_PEER_ADDRS; i++)
		fsctp_encode_addr_param(w, &in->addrs[i]);
	if (in->cookie != NULL)
		fsctp_wbuf_tlv(w, FSCTP_PARAM_STATE_COOKIE, in->cookie,
			       in->cookie_len);
	if (in->has_cookie_preservative)
		fsctp_wbuf_tlv_u32(w, FSCTP_PARAM_COOKIE_PRESERVATIVE,
				   in->cookie_preservative_ms);
	if (in->has_host_name)
		fsctp_wbuf_tlv(w, FSCTP_PARAM_HOST_NAME, in->host_name.ptr,
			       in->host_name.len);
	if (in->has_supported_addr_types) {
		uint8_t t[6];
		size_t n = 0;

		if (in->supported_addr_types & FSCTP_SAT_IPV4) {
			fsctp_wr16(t + n, FSCTP_PARAM_IPV4);
			n += 2;
		}
		if (in->supported_addr_types & FSCTP_SAT_IPV6) {
			fsctp_wr16(t + n, FSCTP_PARAM_IPV6);
			n += 2;
		}
		if (in->supported_addr_types & FSCTP_SAT_HOSTNAME) {
			fsctp_wr16(t + n, FSCTP_PARAM_HOST_NAME);
			n += 2;
		}
		fsctp_wbuf_tlv(w, FSCTP_PARAM_SUPPORTED_ADDR_TYPES, t, n);
	}
	if (in->ecn_capable)
		fsctp_wbuf_tlv(w, FSCTP_PARAM_ECN_CAPABLE, NULL, 0);
	if (in->forward_tsn_supported)
		fsctp_wbuf_tlv(w, FSCTP_PARAM_FORWARD_TSN_SUPPORTED, NULL, 0);
	if (in->has_adaptation)
		fsctp_wbuf_tlv_u32(w, FSCTP_PARAM_ADAPTATION_LAYER,
				   in->adaptation);
	if (in->has_zero_csum)
		fsctp_wbuf_tlv_u32(w, FSCTP_PARAM_ZERO_CSUM,
				   in->zero_csum_edmid);
	if (in->has_supported_ext) {
		uint8_t t[256];
		size_t n = 0;
		unsigned b, bits, low;

		/* The chunk types listed, in ascending order: the set bits of
		 * the bitmap, a byte at a time (every INIT and INIT ACK). */
		for (b = 0; b < sizeof(in->supported_ext); b++) {
			for (bits = in->supported_ext[b]; bits != 0;
			     bits &= bits - 1) {
				low = (unsigned)__builtin_ctz(bits);
				t[n++] = (uint8_t)(b * 8 + low);
			}
		}
		fsctp_wbuf_tlv(w, FSCTP_PARAM_SUPPORTED_EXT, t, n);
	}
	put_span_param(w, FSCTP_PARAM_RANDOM, &in->auth_random);
	put_span_param(w, FSCTP_PARAM_CHUNK_LIST, &in->auth_chunks);
	put_span_param(w, FSCTP_PARAM_HMAC_ALGO, &in->auth_hmac_algos);
	/* RFC 9260 3.3.3: each unrecognised INIT parameter, whole. */
	for (i = 0; ack && i < in->n_unrecognized && i < FSCTP_MAX_UNRECOGNIZED;
	     i++)
		put_span_param(w, FSCTP_PARAM_UNRECOGNIZED,
			       &in->unrecognized[i]);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

/* ------------------------------------------------------------------------ */
/* DATA and I-DATA                                                          */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_data(const struct fsctp_tlv *chunk, struct fsctp_data_info *out)
{
	const uint8_t *v = chunk->value;

	memset(out, 0, sizeof(*out));
	/* RFC 9260 3.3.1: TSN, SID, SSN, PPID. */
	if (chunk->length < FSCTP_DATA_HDR_LEN)
		return -EBADMSG;
	out->flags = chunk->flags;
	out->tsn = fsctp_rd32(v);
	out->sid = fsctp_rd16(v + 4);
	out->ssn = fsctp_rd16(v + 6);
	out->mid = out->ssn;
	out->ppid = fsctp_rd32(v + 8);
	out->payload = v + 12;
	out->len = (uint16_t)(chunk->length - FSCTP_DATA_HDR_LEN);
	return 0;
}

int
fsctp_decode_idata(const struct fsctp_tlv *chunk, struct fsctp_data_info *out)
{
	const uint8_t *v = chunk->value;
	uint32_t ppid_fsn;

	memset(out, 0, sizeof(*out));
	/* RFC 8260 2.1: TSN, SID, reserved, MID, PPID/FSN. */
	if (chunk->length < FSCTP_IDATA_HDR_LEN)
		return -EBADMSG;
	out->idata = true;
	out->flags = chunk->flags;
	out->tsn = fsctp_rd32(v);
	out->sid = fsctp_rd16(v + 4);
	out->mid = fsctp_rd32(v + 8);
	ppid_fsn = fsctp_rd32(v + 12);
	/* RFC 8260 2.1: the first fragment carries the PPID, FSN 0. */
	if (chunk->flags & FSCTP_DATA_FLAG_B)
		out->ppid = ppid_fsn;
	else
		out->fsn = ppid_fsn;
	out->payload = v + 16;
	out->len = (uint16_t)(chunk->length - FSCTP_IDATA_HDR_LEN);
	return 0;
}

int
fsctp_encode_data(struct fsctp_wbuf *w, const struct fsctp_data_info *d)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_DATA, d->flags);

	fsctp_wbuf_u32(w, d->tsn);
	fsctp_wbuf_u16(w, d->sid);
	fsctp_wbuf_u16(w, d->ssn);
	fsctp_wbuf_u32(w, d->ppid);
	fsctp_wbuf_put(w, d->payload, d->len);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

int
fsctp_encode_idata(struct fsctp_wbuf *w, const struct fsctp_data_info *d)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_I_DATA, d->flags);

	fsctp_wbuf_u32(w, d->tsn);
	fsctp_wbuf_u16(w, d->sid);
	fsctp_wbuf_u16(w, 0);
	fsctp_wbuf_u32(w, d->mid);
	fsctp_wbuf_u32(w, (d->flags & FSCTP_DATA_FLAG_B) ? d->ppid : d->fsn);
	fsctp_wbuf_put(w, d->payload, d->len);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

/* ------------------------------------------------------------------------ */
/* SACK                                                                     */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_sack(const struct fsctp_tlv *chunk, struct fsctp_sack_info *out)
{
	const uint8_t *v = chunk->value;
	size_t need;

	memset(out, 0, sizeof(*out));
	if (chunk->length < 16)
		return -EBADMSG;
	out->cum_tsn_ack = fsctp_rd32(v);
	out->a_rwnd = fsctp_rd32(v + 4);
	out->n_gap_blocks = fsctp_rd16(v + 8);
	out->n_dup_tsns = fsctp_rd16(v + 10);
	/* RFC 9260 3.3.4: the counts must fit inside the chunk. */
	need = 16 + 4 * ((size_t)out->n_gap_blocks + out->n_dup_tsns);
	if (need > chunk->length) {
		out->n_gap_blocks = 0;
		out->n_dup_tsns = 0;
		return -EBADMSG;
	}
	out->gaps = v + 12;
	out->dups = out->gaps + 4 * (size_t)out->n_gap_blocks;
	return 0;
}

int
fsctp_sack_gap(const struct fsctp_sack_info *s, unsigned i, uint16_t *start,
	       uint16_t *end)
{
	if (i >= s->n_gap_blocks)
		return -ERANGE;
	*start = fsctp_rd16(s->gaps + 4 * (size_t)i);
	*end = fsctp_rd16(s->gaps + 4 * (size_t)i + 2);
	return 0;
}

int
fsctp_sack_dup(const struct fsctp_sack_info *s, unsigned i, uint32_t *tsn)
{
	if (i >= s->n_dup_tsns)
		return -ERANGE;
	*tsn = fsctp_rd32(s->dups + 4 * (size_t)i);
	return 0;
}

int
fsctp_encode_sack(struct fsctp_wbuf *w, uint32_t cum, uint32_t a_rwnd,
		  const uint16_t (*gaps)[2], unsigned n_gaps,
		  const uint32_t *dups, unsigned n_dups)
{
	size_t off;
	unsigned i;

	if (n_gaps > UINT16_MAX || n_dups > UINT16_MAX)
		return -EINVAL;
	off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_SACK, 0);
	fsctp_wbuf_u32(w, cum);
	fsctp_wbuf_u32(w, a_rwnd);
	fsctp_wbuf_u16(w, (uint16_t)n_gaps);
	fsctp_wbuf_u16(w, (uint16_t)n_dups);
	for (i = 0; i < n_gaps; i++) {
		fsctp_wbuf_u16(w, gaps[i][0]);
		fsctp_wbuf_u16(w, gaps[i][1]);
	}
	for (i = 0; i < n_dups; i++)
		fsctp_wbuf_u32(w, dups[i]);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

/* ------------------------------------------------------------------------ */
/* HEARTBEAT                                                                */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_heartbeat(const struct fsctp_tlv *chunk, struct fsctp_span *info)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv p;
	int rc;

	info->ptr = NULL;
	info->len = 0;
	/* RFC 9260 3.3.5: one Heartbeat Info TLV parameter. */
	fsctp_tlv_iter_init(&it, chunk->value, chunk->value_len,
			    FSCTP_TLV_PARAM);
	rc = fsctp_tlv_next(&it, &p);
	if (rc <= 0)
		return -EBADMSG;
	if (p.type != FSCTP_PARAM_HEARTBEAT_INFO)
		return -EINVAL;
	info->ptr = p.value;
	info->len = p.value_len;
	return 0;
}

static int
encode_hb(struct fsctp_wbuf *w, uint8_t type, const void *info, size_t len)
{
	size_t off = fsctp_wbuf_chunk_begin(w, type, 0);

	fsctp_wbuf_tlv(w, FSCTP_PARAM_HEARTBEAT_INFO, info, len);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

int
fsctp_encode_heartbeat(struct fsctp_wbuf *w, const void *info, size_t len)
{
	return encode_hb(w, FSCTP_CHUNK_HEARTBEAT, info, len);
}

int
fsctp_encode_heartbeat_ack(struct fsctp_wbuf *w, const void *info, size_t len)
{
	return encode_hb(w, FSCTP_CHUNK_HEARTBEAT_ACK, info, len);
}

/* ------------------------------------------------------------------------ */
/* ABORT, ERROR                                                             */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_error(const struct fsctp_tlv *chunk, struct fsctp_error_info *out)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv c;
	int rc;

	memset(out, 0, sizeof(*out));
	out->t_bit = chunk->type == FSCTP_CHUNK_ABORT &&
		     (chunk->flags & FSCTP_CHUNK_FLAG_T);
	out->causes.ptr = chunk->value;
	out->causes.len = chunk->value_len;
	/* RFC 9260 3.3.10: zero or more cause TLVs. */
	fsctp_tlv_iter_init(&it, chunk->value, chunk->value_len,
			    FSCTP_TLV_PARAM);
	while ((rc = fsctp_tlv_next(&it, &c)) == 1) {
		if (out->n_causes++ == 0)
			out->first_cause = c.type;
	}
	return rc;
}

void
fsctp_error_causes_iter(const struct fsctp_error_info *e,
			struct fsctp_tlv_iter *it)
{
	fsctp_tlv_iter_init(it, e->causes.ptr, e->causes.len, FSCTP_TLV_PARAM);
}

static int
encode_blob_chunk(struct fsctp_wbuf *w, uint8_t type, uint8_t flags,
		  const void *v, size_t len)
{
	size_t off = fsctp_wbuf_chunk_begin(w, type, flags);

	fsctp_wbuf_put(w, v, len);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

/*
 * ABORT and ERROR carry a list of causes built elsewhere. RFC 9260 3.2: the
 * chunk's Length excludes the padding of its last cause, so find where that
 * cause ends before handing the chunk to fsctp_wbuf_chunk_end().
 */
static int
encode_cause_chunk(struct fsctp_wbuf *w, uint8_t type, uint8_t flags,
		   const void *causes, size_t len)
{
	size_t off = fsctp_wbuf_chunk_begin(w, type, flags);
	struct fsctp_tlv_iter it;
	struct fsctp_tlv t;
	size_t last_end = 0;

	fsctp_wbuf_put(w, causes, len);
	if (len > 0 && !w->err) {
		fsctp_tlv_iter_init(&it, causes, len, FSCTP_TLV_PARAM);
		while (fsctp_tlv_next(&it, &t) == 1)
			last_end = (size_t)(t.hdr - (const uint8_t *)causes) +
				   t.length;
		/* The copied bytes after the last cause are its padding. */
		if (it.err == 0 && last_end > 0 && len - last_end < 4)
			w->tail_pad = (uint8_t)(len - last_end);
	}
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

int
fsctp_encode_abort(struct fsctp_wbuf *w, bool t_bit, const void *causes,
		   size_t len)
{
	return encode_cause_chunk(w, FSCTP_CHUNK_ABORT,
				  t_bit ? FSCTP_CHUNK_FLAG_T : 0, causes, len);
}

int
fsctp_encode_error(struct fsctp_wbuf *w, const void *causes, size_t len)
{
	return encode_cause_chunk(w, FSCTP_CHUNK_ERROR, 0, causes, len);
}

/* ------------------------------------------------------------------------ */
/* SHUTDOWN family, COOKIE ECHO/ACK, ECNE/CWR                               */
/* ------------------------------------------------------------------------ */

int
fsctp_decode_shutdown(const struct fsctp_tlv *chunk, uint32_t *cum_tsn)
{
	/* RFC 9260 3.3.8: Length is 8. */
	if (chunk->value_len < 4)
		return -EBADMSG;
	*cum_tsn = fsctp_rd32(chunk->value);
	return 0;
}

int
fsctp_decode_empty(const struct fsctp_tlv *chunk)
{
	/* RFC 9260 3.3.9, 3.3.12, 3.3.13: Length is 4. */
	return chunk->value_len == 0 ? 0 : -EINVAL;
}

int
fsctp_decode_cookie_echo(const struct fsctp_tlv *chunk,
			 struct fsctp_span *cookie)
{
	/* RFC 9260 3.3.11: the whole value is the cookie. */
	cookie->ptr = chunk->value;
	cookie->len = chunk->value_len;
	return chunk->value_len == 0 ? -EBADMSG : 0;
}

int
fsctp_decode_ecne(const struct fsctp_tlv *chunk, uint32_t *tsn)
{
	/* RFC 9260 appendix A: Length is 8, one TSN. */
	if (chunk->value_len < 4)
		return -EBADMSG;
	*tsn = fsctp_rd32(chunk->value);
	return 0;
}

int
fsctp_encode_shutdown(struct fsctp_wbuf *w, uint32_t cum_tsn)
{
	size_t off = fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_SHUTDOWN, 0);

	fsctp_wbuf_u32(w, cum_tsn);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

int
fsctp_encode_shutdown_ack(struct fsctp_wbuf *w)
{
	return encode_blob_chunk(w, FSCTP_CHUNK_SHUTDOWN_ACK, 0, NULL, 0);
}

int
fsctp_encode_shutdown_complete(struct fsctp_wbuf *w, bool t_bit)
{
	return encode_blob_chunk(w, FSCTP_CHUNK_SHUTDOWN_COMPLETE,
				 t_bit ? FSCTP_CHUNK_FLAG_T : 0, NULL, 0);
}

int
fsctp_encode_cookie_echo(struct fsctp_wbuf *w, const void *cookie, size_t len)
{
	return encode_blob_chunk(w, FSCTP_CHUNK_COOKIE_ECHO, 0, cookie, len);
}

int
fsctp_encode_cookie_ack(struct fsctp_wbuf *w)
{
	return encode_blob_chunk(w, FSCTP_CHUNK_COOKIE_ACK, 0, NULL, 0);
}

int
fsctp_encode_ecne(struct fsctp_wbuf *w, uint8_t type, uint32_t tsn)
{
	size_t off = fsctp_wbuf_chunk_begin(w, type, 0);

	fsctp_wbuf_u32(w, tsn);
	fsctp_wbuf_chunk_end(w, off);
	return w->err;
}

/* ------------------------------------------------------------------------ */
/* Whole packet                                                             */
/* ------------------------------------------------------------------------ */

int
fsctp_packet_parse(const uint8_t *pkt, size_t len, struct fsctp_packet *out)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv c;
	int rc;

	memset(out, 0, sizeof(*out));
	/* RFC 9260 3.1: a 12-byte common header. */
	if (pkt == NULL || len < sizeof(struct fsctp_common_hdr))
		return -EBADMSG;
	out->src_port = fsctp_rd16(pkt);
	out->dst_port = fsctp_rd16(pkt + 2);
	out->vtag = fsctp_rd32(pkt + 4);
	out->checksum = fsctp_rd32(pkt + 8);
	out->chunks = pkt + 12;
	out->chunks_len = len - 12;
	fsctp_tlv_iter_init(&it, out->chunks, out->chunks_len, FSCTP_TLV_CHUNK);
	while ((rc = fsctp_tlv_next(&it, &c)) == 1) {
		if (out->n_chunks == 0) {
			out->first_type = (uint8_t)c.type;
			out->first_flags = c.flags;
		}
		out->n_chunks++;
		out->types_seen[c.type >> 3] |= (uint8_t)(1u << (c.type & 7));
	}
	if (rc < 0)
		return rc;
	out->has_init = fsctp_packet_has(out, FSCTP_CHUNK_INIT);
	out->has_init_ack = fsctp_packet_has(out, FSCTP_CHUNK_INIT_ACK);
	out->has_shutdown_complete =
		fsctp_packet_has(out, FSCTP_CHUNK_SHUTDOWN_COMPLETE);
	/* RFC 9260 6.10: these three travel alone. */
	out->bundling_violation =
		out->n_chunks > 1 && (out->has_init || out->has_init_ack ||
				      out->has_shutdown_complete);
	return (int)out->n_chunks;
}

void
fsctp_packet_chunks_iter(const struct fsctp_packet *p,
			 struct fsctp_tlv_iter *it)
{
	fsctp_tlv_iter_init(it, p->chunks, p->chunks_len, FSCTP_TLV_CHUNK);
}
