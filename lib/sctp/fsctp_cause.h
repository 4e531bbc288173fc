/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Error cause decoders and encoders (RFC 9260 3.3.10, RFC 5061 5.1,
 * RFC 4895 4.1).
 *
 * Causes travel in ABORT and ERROR chunks (and in the Error Cause Indication
 * parameter of an ASCONF-ACK). Walk them with fsctp_error_causes_iter() and
 * decode each with fsctp_decode_cause(). Nested TLVs (addresses, parameters)
 * are proved well-formed with the same iterator before the decoder returns
 * 0; walk them with fsctp_cause_nested_iter().
 *
 * Encoders append one whole cause (header, value, padding) and return the
 * writer's err: 0, -ENOSPC or -EMSGSIZE.
 */
#ifndef FSCTP_CAUSE_H
#define FSCTP_CAUSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp_chunk.h"
#include "fsctp_types.h"
#include "fsctp_wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a nested span of a cause holds. */
enum fsctp_cause_body {
	FSCTP_CAUSE_BODY_NONE = 0,  /**< No variable part. */
	FSCTP_CAUSE_BODY_OPAQUE,    /**< Bytes (reason, info, chunk). */
	FSCTP_CAUSE_BODY_PARAMS,    /**< Parameter TLVs, proved well-formed. */
	FSCTP_CAUSE_BODY_TYPE_LIST, /**< 16-bit parameter types. */
};

/** A decoded error cause. */
struct fsctp_cause_info {
	uint16_t code;	       /**< enum fsctp_cause_code, or unknown. */
	uint16_t sid;	       /**< Invalid Stream Identifier. */
	uint16_t hmac_id;      /**< Unsupported HMAC Identifier (RFC 4895). */
	uint32_t staleness_us; /**< Stale Cookie: Measure of Staleness. */
	uint32_t tsn;	       /**< No User Data. */
	/** Missing Mandatory Parameter: number of types in body. */
	uint32_t n_missing;
	/** Nested TLVs (params), number of them. */
	unsigned n_nested;
	uint8_t body_kind; /**< enum fsctp_cause_body. */
	/**
	 * Variable part: the missing types (Missing Mandatory Parameter), the
	 * address TLV (Unresolvable Address), the chunk (Unrecognized Chunk
	 * Type), the parameters (Unrecognized Parameters), the addresses
	 * (Restart with New Addresses), the reason (User-Initiated Abort), the
	 * information (Protocol Violation), the ASCONF parameter (RFC 5061
	 * causes) or, for an unknown code, the whole value.
	 */
	struct fsctp_span body;
};

/**
 * Decode one error cause.
 * @return 0; -EINVAL when its length is wrong for its code (for example
 *   an Invalid Stream Identifier whose value is not 4 bytes); -EBADMSG when
 *   a nested TLV is malformed or an Unrecognized Chunk Type does not hold a
 *   chunk header. Unknown codes decode with body_kind OPAQUE.
 */
int fsctp_decode_cause(const struct fsctp_tlv *cause,
		       struct fsctp_cause_info *out);

/** Start an iterator (FSCTP_TLV_PARAM) over a PARAMS body. */
void fsctp_cause_nested_iter(const struct fsctp_cause_info *c,
			     struct fsctp_tlv_iter *it);

/** Missing parameter type i. @return 0, or -ERANGE. */
int fsctp_cause_missing_type(const struct fsctp_cause_info *c, unsigned i,
			     uint16_t *type);

/** Append a cause with code and an opaque value. */
int fsctp_encode_cause(struct fsctp_wbuf *w, uint16_t code, const void *value,
		       size_t len);

/** Invalid Stream Identifier (RFC 9260 3.3.10.1). */
int fsctp_encode_cause_invalid_stream(struct fsctp_wbuf *w, uint16_t sid);

/** Missing Mandatory Parameter with n types (3.3.10.2). */
int fsctp_encode_cause_missing_params(struct fsctp_wbuf *w,
				      const uint16_t *types, unsigned n);

/** Stale Cookie Error, staleness in microseconds (3.3.10.3). */
int fsctp_encode_cause_stale_cookie(struct fsctp_wbuf *w,
				    uint32_t staleness_us);

/** Out of Resource (3.3.10.4). */
int fsctp_encode_cause_out_of_resource(struct fsctp_wbuf *w);

/** Unresolvable Address holding the address TLV (3.3.10.5). */
int fsctp_encode_cause_unresolvable_addr(struct fsctp_wbuf *w,
					 const void *addr_tlv, size_t len);

/** Unrecognized Chunk Type holding the chunk (3.3.10.6). */
int fsctp_encode_cause_unrecognized_chunk(struct fsctp_wbuf *w,
					  const void *chunk, size_t len);

/** Invalid Mandatory Parameter (3.3.10.7). */
int fsctp_encode_cause_invalid_param(struct fsctp_wbuf *w);

/**
 * Unrecognized Parameters (3.3.10.8) holding n parameter TLVs, each padded
 * to 4 bytes (e.g. fsctp_init_info.unrecognized).
 */
int fsctp_encode_cause_unrecognized_params(struct fsctp_wbuf *w,
					   const struct fsctp_span *params,
					   unsigned n);

/** No User Data (3.3.10.9). */
int fsctp_encode_cause_no_user_data(struct fsctp_wbuf *w, uint32_t tsn);

/** Cookie Received While Shutting Down (3.3.10.10). */
int fsctp_encode_cause_cookie_while_shutdown(struct fsctp_wbuf *w);

/** Restart of an Association with New Addresses (3.3.10.11). */
int fsctp_encode_cause_restart_new_addrs(struct fsctp_wbuf *w,
					 const struct fsctp_addr *addrs,
					 unsigned n);

/** User-Initiated Abort with the upper layer's reason (3.3.10.12). */
int fsctp_encode_cause_user_abort(struct fsctp_wbuf *w, const void *reason,
				  size_t len);

/** Protocol Violation with additional information (3.3.10.13). */
int fsctp_encode_cause_protocol_violation(struct fsctp_wbuf *w,
					  const void *info, size_t len);

/**
 * RFC 5061 5.1 causes (FSCTP_CAUSE_DEL_LAST_IP .. NO_AUTHORIZATION), each
 * holding the ASCONF parameter TLV that failed.
 * @return w->err, or -EINVAL for another code.
 */
int fsctp_encode_cause_asconf(struct fsctp_wbuf *w, uint16_t code,
			      const void *param_tlv, size_t len);

/** Unsupported HMAC Identifier (RFC 4895 4.1). */
int fsctp_encode_cause_unsupported_hmac(struct fsctp_wbuf *w, uint16_t hmac_id);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_CAUSE_H */
