/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Diameter base protocol codec (RFC 6733): the header, AVPs with the
 * vendor flag and padding, CER/CEA, DWR/DWA, DPR/DPA and a configurable
 * request / answer pair, plus a sans-I/O responder that answers a request
 * (or its malformation) the way RFC 6733 7.1 says. Pure C, no DPDK.
 */
#ifndef FSCTP_LG_DIAMETER_H
#define FSCTP_LG_DIAMETER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FSCTP_DIA_VERSION  1
#define FSCTP_DIA_HDR_LEN  20 /**< RFC 6733 3. */
#define FSCTP_DIA_MAX_AVPS 64 /**< AVPs kept from one message. */

/** Header flags (RFC 6733 3). */
enum {
	FSCTP_DIA_F_REQUEST = 0x80,
	FSCTP_DIA_F_PROXIABLE = 0x40,
	FSCTP_DIA_F_ERROR = 0x20,
	FSCTP_DIA_F_RETRANS = 0x10,
	FSCTP_DIA_F_RESERVED = 0x0f,
};

/** AVP flags (RFC 6733 4.1). */
enum {
	FSCTP_DIA_AVP_VENDOR = 0x80,
	FSCTP_DIA_AVP_MANDATORY = 0x40,
	FSCTP_DIA_AVP_PROTECTED = 0x20,
	FSCTP_DIA_AVP_RESERVED = 0x1f,
};

/** Command codes (RFC 6733 3.1). */
enum {
	FSCTP_DIA_CMD_CE = 257,
	FSCTP_DIA_CMD_DW = 280,
	FSCTP_DIA_CMD_DP = 282,
};

/** AVP codes (RFC 6733 4.5). */
enum {
	FSCTP_DIA_AVP_HOST_IP = 257,
	FSCTP_DIA_AVP_AUTH_APP_ID = 258,
	FSCTP_DIA_AVP_SESSION_ID = 263,
	FSCTP_DIA_AVP_ORIGIN_HOST = 264,
	FSCTP_DIA_AVP_VENDOR_ID = 266,
	FSCTP_DIA_AVP_RESULT_CODE = 268,
	FSCTP_DIA_AVP_PRODUCT_NAME = 269,
	FSCTP_DIA_AVP_DISCONNECT_CAUSE = 273,
	FSCTP_DIA_AVP_FAILED_AVP = 279,
	FSCTP_DIA_AVP_ORIGIN_REALM = 296,
	FSCTP_DIA_AVP_DEST_REALM = 283,
	FSCTP_DIA_AVP_ERROR_MESSAGE = 281,
};

/** Result codes (RFC 6733 7.1). */
enum {
	FSCTP_DIA_SUCCESS = 2001,
	FSCTP_DIA_COMMAND_UNSUPPORTED = 3001,
	FSCTP_DIA_APPLICATION_UNSUPPORTED = 3007,
	FSCTP_DIA_INVALID_HDR_BITS = 3008,
	FSCTP_DIA_INVALID_AVP_BITS = 3009,
	FSCTP_DIA_MISSING_AVP = 5005,
	FSCTP_DIA_UNSUPPORTED_VERSION = 5011,
	FSCTP_DIA_INVALID_AVP_LENGTH = 5014,
	FSCTP_DIA_INVALID_MESSAGE_LENGTH = 5015,
};

/** One decoded AVP; data points into the message. */
struct fsctp_dia_avp {
	uint32_t code;
	uint8_t flags;
	uint32_t vendor; /**< 0 without the V flag. */
	const uint8_t *data;
	uint32_t len; /**< Data bytes, without header and padding. */
};

/** A decoded message (header and top-level AVPs). */
struct fsctp_dia_msg {
	uint8_t flags;
	uint32_t code;
	uint32_t app_id;
	uint32_t hbh; /**< Hop-by-hop identifier. */
	uint32_t e2e; /**< End-to-end identifier. */
	uint32_t n_avps;
	bool avps_truncated; /**< More AVPs than FSCTP_DIA_MAX_AVPS. */
	struct fsctp_dia_avp avps[FSCTP_DIA_MAX_AVPS];
};

/**
 * Decode one Diameter message.
 * @param result out: on failure, the RFC 6733 7.1 result code to answer.
 * @return 0, -EBADMSG (see result), -EINVAL (NULL).
 */
int fsctp_dia_decode(const uint8_t *buf, size_t len, struct fsctp_dia_msg *m,
		     uint32_t *result);

/** @return the first AVP with that code (vendor 0), or NULL. */
const struct fsctp_dia_avp *fsctp_dia_find(const struct fsctp_dia_msg *m,
					   uint32_t code);

/** @return 0 and *v, or -ENOENT (absent) / -EBADMSG (not 4 bytes). */
int fsctp_dia_get_u32(const struct fsctp_dia_msg *m, uint32_t code,
		      uint32_t *v);

/** An encoder over a caller's buffer. */
struct fsctp_dia_enc {
	uint8_t *p;
	size_t cap, len;
	bool full; /**< Ran out of room: finish() fails. */
};

/** Start a message (header; the length is set by finish). */
void fsctp_dia_begin(struct fsctp_dia_enc *e, uint8_t *buf, size_t cap,
		     uint8_t flags, uint32_t code, uint32_t app_id,
		     uint32_t hbh, uint32_t e2e);
/** Append an AVP (V flag and vendor id when vendor != 0), padded. */
void fsctp_dia_put(struct fsctp_dia_enc *e, uint32_t code, uint8_t flags,
		   uint32_t vendor, const void *data, uint32_t len);
void fsctp_dia_put_u32(struct fsctp_dia_enc *e, uint32_t code, uint8_t flags,
		       uint32_t vendor, uint32_t v);
void fsctp_dia_put_str(struct fsctp_dia_enc *e, uint32_t code, uint8_t flags,
		       const char *s);
/** Address AVP (RFC 6733 4.3.1): family 1 (IPv4) or 2 (IPv6). */
void fsctp_dia_put_addr(struct fsctp_dia_enc *e, uint32_t code, bool v6,
			const uint8_t *ip);
/** @return the message length, or -ENOSPC. */
int fsctp_dia_finish(struct fsctp_dia_enc *e);

/** What a responder says about itself. */
struct fsctp_dia_local {
	const char *origin_host;
	const char *origin_realm;
	uint8_t ip[16]; /**< Host-IP-Address for CEA. */
	bool ip_v6;
	uint32_t app_id;  /**< The configured application. */
	uint32_t command; /**< The configured request's command code. */
};

/** Responder counters. */
struct fsctp_dia_srv_counters {
	uint64_t requests;     /**< Requests answered with success. */
	uint64_t malformed;    /**< Messages answered with an error. */
	uint64_t answers_in;   /**< Answers received (not answered). */
	uint64_t unanswerable; /**< Too broken to answer (no header). */
	uint32_t last_result;  /**< Result-Code of the last error answer. */
};

/**
 * Answer one received message as a server (RFC 6733 5.3 CEA, 5.5 DWA,
 * 5.4 DPA, the configured command with 2001, and error answers with the
 * E bit for protocol errors, RFC 6733 7.1-7.2).
 * @return the answer's length in out (0: nothing to send), or -ENOSPC.
 */
int fsctp_dia_serve(const struct fsctp_dia_local *loc, const uint8_t *buf,
		    size_t len, uint8_t *out, size_t cap,
		    struct fsctp_dia_srv_counters *c);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_LG_DIAMETER_H */
