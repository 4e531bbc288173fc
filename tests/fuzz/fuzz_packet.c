/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: arbitrary bytes into fsctp_packet_parse(), then every
 * chunk it accepts into its decoder, every nested parameter and cause into
 * theirs, and every decoded packet back through the encoders. Any read past
 * the input is caught by AddressSanitizer.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fsctp_cause.h"
#include "fsctp_chunk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t scratch[70000];

static void
fuzz_causes(struct fsctp_tlv_iter *it)
{
	struct fsctp_cause_info ci;
	struct fsctp_tlv_iter nit;
	struct fsctp_tlv t, n;
	uint16_t ty;
	unsigned i;

	while (fsctp_tlv_next(it, &t) == 1) {
		if (fsctp_decode_cause(&t, &ci) != 0)
			continue;
		if (ci.body_kind == FSCTP_CAUSE_BODY_PARAMS) {
			fsctp_cause_nested_iter(&ci, &nit);
			while (fsctp_tlv_next(&nit, &n) == 1) {
				struct fsctp_addr a;
				struct fsctp_asconf_param ap;

				(void)fsctp_decode_addr_param(&n, &a);
				(void)fsctp_decode_asconf_param(&n, &ap);
			}
		}
		for (i = 0; fsctp_cause_missing_type(&ci, i, &ty) == 0; i++)
			;
	}
}

static void
fuzz_init(const struct fsctp_tlv *c)
{
	struct fsctp_init_info ii;
	struct fsctp_wbuf w;
	unsigned i;

	if (fsctp_decode_init(c, &ii) != 0)
		return;
	for (i = 0; i < ii.n_unrecognized; i++)
		(void)ii.unrecognized[i].ptr[ii.unrecognized[i].len - 1];
	fsctp_wbuf_init(&w, scratch, sizeof(scratch));
	(void)fsctp_encode_init(&w, c->type == FSCTP_CHUNK_INIT_ACK, &ii);
	fsctp_wbuf_init(&w, scratch, sizeof(scratch));
	(void)fsctp_encode_cause_unrecognized_params(&w, ii.unrecognized,
						     ii.n_unrecognized);
}

static void
fuzz_chunk(const struct fsctp_tlv *c)
{
	struct fsctp_tlv_iter it;
	struct fsctp_tlv t;
	struct fsctp_wbuf w;
	unsigned i;

	switch (c->type) {
	case FSCTP_CHUNK_DATA:
	case FSCTP_CHUNK_I_DATA: {
		struct fsctp_data_info d;
		int rc = c->type == FSCTP_CHUNK_DATA
				 ? fsctp_decode_data(c, &d)
				 : fsctp_decode_idata(c, &d);

		if (rc == 0) {
			fsctp_wbuf_init(&w, scratch, sizeof(scratch));
			(void)fsctp_encode_data(&w, &d);
			(void)fsctp_encode_idata(&w, &d);
		}
		break;
	}
	case FSCTP_CHUNK_INIT:
	case FSCTP_CHUNK_INIT_ACK:
		fuzz_init(c);
		break;
	case FSCTP_CHUNK_SACK: {
		struct fsctp_sack_info s;
		uint16_t a, b;
		uint32_t d;

		if (fsctp_decode_sack(c, &s) != 0)
			break;
		for (i = 0; fsctp_sack_gap(&s, i, &a, &b) == 0; i++)
			;
		for (i = 0; fsctp_sack_dup(&s, i, &d) == 0; i++)
			;
		break;
	}
	case FSCTP_CHUNK_HEARTBEAT:
	case FSCTP_CHUNK_HEARTBEAT_ACK: {
		struct fsctp_span s;

		if (fsctp_decode_heartbeat(c, &s) == 0) {
			fsctp_wbuf_init(&w, scratch, sizeof(scratch));
			(void)fsctp_encode_heartbeat_ack(&w, s.ptr, s.len);
		}
		break;
	}
	case FSCTP_CHUNK_ABORT:
	case FSCTP_CHUNK_ERROR: {
		struct fsctp_error_info e;

		if (fsctp_decode_error(c, &e) != 0)
			break;
		fsctp_error_causes_iter(&e, &it);
		fuzz_causes(&it);
		break;
	}
	case FSCTP_CHUNK_SHUTDOWN:
	case FSCTP_CHUNK_ECNE:
	case FSCTP_CHUNK_CWR: {
		uint32_t u;

		(void)fsctp_decode_shutdown(c, &u);
		(void)fsctp_decode_ecne(c, &u);
		break;
	}
	case FSCTP_CHUNK_SHUTDOWN_ACK:
	case FSCTP_CHUNK_COOKIE_ACK:
	case FSCTP_CHUNK_SHUTDOWN_COMPLETE:
		(void)fsctp_decode_empty(c);
		break;
	case FSCTP_CHUNK_COOKIE_ECHO: {
		struct fsctp_span s;

		(void)fsctp_decode_cookie_echo(c, &s);
		break;
	}
	case FSCTP_CHUNK_FORWARD_TSN:
	case FSCTP_CHUNK_I_FORWARD_TSN: {
		struct fsctp_fwd_tsn_info f;
		struct fsctp_ifwd_entry e;
		uint16_t a, b;

		if (fsctp_decode_fwd_tsn(c, &f) == 0)
			for (i = 0; fsctp_fwd_tsn_stream(&f, i, &a, &b) == 0;
			     i++)
				;
		if (fsctp_decode_ifwd_tsn(c, &f) == 0)
			for (i = 0; fsctp_ifwd_tsn_stream(&f, i, &e) == 0; i++)
				;
		break;
	}
	case FSCTP_CHUNK_RECONFIG: {
		struct fsctp_reconf_info r;
		unsigned j;

		if (fsctp_decode_reconf(c, &r) != 0)
			break;
		for (j = 0; j < r.n_params; j++)
			for (i = 0; i < r.params[j].n_sids; i++)
				(void)fsctp_reconf_sid(&r.params[j], i);
		break;
	}
	case FSCTP_CHUNK_ASCONF:
	case FSCTP_CHUNK_ASCONF_ACK: {
		struct fsctp_asconf_info a;
		struct fsctp_asconf_param p;
		int rc = c->type == FSCTP_CHUNK_ASCONF
				 ? fsctp_decode_asconf(c, &a)
				 : fsctp_decode_asconf_ack(c, &a);

		if (rc != 0)
			break;
		fsctp_asconf_params_iter(&a, &it);
		while (fsctp_tlv_next(&it, &t) == 1) {
			struct fsctp_tlv_iter cit;

			if (fsctp_decode_asconf_param(&t, &p) != 0 ||
			    p.type != FSCTP_PARAM_ERROR_CAUSE_IND)
				continue;
			fsctp_tlv_iter_init(&cit, p.causes.ptr, p.causes.len,
					    FSCTP_TLV_PARAM);
			fuzz_causes(&cit);
		}
		break;
	}
	case FSCTP_CHUNK_AUTH: {
		struct fsctp_auth_info a;

		(void)fsctp_decode_auth(c, &a);
		break;
	}
	case FSCTP_CHUNK_PAD: {
		uint16_t n;

		(void)fsctp_decode_pad(c, &n);
		break;
	}
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fsctp_packet p;
	struct fsctp_tlv_iter it;
	struct fsctp_tlv c;

	if (fsctp_packet_parse(data, size, &p) < 0)
		return 0;
	fsctp_packet_chunks_iter(&p, &it);
	while (fsctp_tlv_next(&it, &c) == 1)
		fuzz_chunk(&c);
	return 0;
}
