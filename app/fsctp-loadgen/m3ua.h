/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * M3UA (RFC 4666) codec: the common header, TLV parameters with padding,
 * the MGMT, TRANSFER, SSNM, ASPSM and ASPTM messages. Pure C, no DPDK:
 * decoding goes through a bounds-checked cursor and never reads past the
 * end; a malformed message yields the RFC 4666 section 3.8.1 error code to
 * put in the ERR answer.
 */
#ifndef FSCTP_M3UA_H
#define FSCTP_M3UA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** M3UA version of the common header (RFC 4666 3.1). */
#define FSCTP_M3UA_VERSION 1
/** Size of the common header (RFC 4666 3.1). */
#define FSCTP_M3UA_HDR_LEN 8
/** Size of the fixed part of the Protocol Data parameter (RFC 4666 3.3.1). */
#define FSCTP_M3UA_PD_HDR_LEN 12
/** Routing contexts kept from one message. */
#define FSCTP_M3UA_MAX_RC 8
/** Affected point codes kept from one SSNM message. */
#define FSCTP_M3UA_MAX_APC 16

/** Message classes (RFC 4666 3.1.2). */
enum fsctp_m3ua_class {
	FSCTP_M3UA_MGMT = 0,
	FSCTP_M3UA_TRANSFER = 1,
	FSCTP_M3UA_SSNM = 2,
	FSCTP_M3UA_ASPSM = 3,
	FSCTP_M3UA_ASPTM = 4,
	FSCTP_M3UA_RKM = 9,
};

/** Message types, by class (RFC 4666 3.1.2). */
enum fsctp_m3ua_type {
	FSCTP_M3UA_ERR = 0,   /**< MGMT Error. */
	FSCTP_M3UA_NTFY = 1,  /**< MGMT Notify. */
	FSCTP_M3UA_DATA = 1,  /**< TRANSFER Payload Data. */
	FSCTP_M3UA_DUNA = 1,  /**< SSNM Destination Unavailable. */
	FSCTP_M3UA_DAVA = 2,  /**< SSNM Destination Available. */
	FSCTP_M3UA_DAUD = 3,  /**< SSNM Destination State Audit. */
	FSCTP_M3UA_SCON = 4,  /**< SSNM Signalling Congestion. */
	FSCTP_M3UA_DUPU = 5,  /**< SSNM Destination User Part Unavailable. */
	FSCTP_M3UA_DRST = 6,  /**< SSNM Destination Restricted. */
	FSCTP_M3UA_ASPUP = 1, /**< ASPSM ASP Up. */
	FSCTP_M3UA_ASPDN = 2, /**< ASPSM ASP Down. */
	FSCTP_M3UA_BEAT = 3,  /**< ASPSM Heartbeat. */
	FSCTP_M3UA_ASPUP_ACK = 4, /**< ASPSM ASP Up Ack. */
	FSCTP_M3UA_ASPDN_ACK = 5, /**< ASPSM ASP Down Ack. */
	FSCTP_M3UA_BEAT_ACK = 6,  /**< ASPSM Heartbeat Ack. */
	FSCTP_M3UA_ASPAC = 1,	  /**< ASPTM ASP Active. */
	FSCTP_M3UA_ASPIA = 2,	  /**< ASPTM ASP Inactive. */
	FSCTP_M3UA_ASPAC_ACK = 3, /**< ASPTM ASP Active Ack. */
	FSCTP_M3UA_ASPIA_ACK = 4, /**< ASPTM ASP Inactive Ack. */
};

/** Parameter tags (RFC 4666 3.2). */
enum fsctp_m3ua_tag {
	FSCTP_M3UA_P_INFO = 0x0004,
	FSCTP_M3UA_P_RC = 0x0006,
	FSCTP_M3UA_P_DIAG = 0x0007,
	FSCTP_M3UA_P_HB_DATA = 0x0009,
	FSCTP_M3UA_P_TMT = 0x000b,
	FSCTP_M3UA_P_ERR_CODE = 0x000c,
	FSCTP_M3UA_P_STATUS = 0x000d,
	FSCTP_M3UA_P_ASP_ID = 0x0011,
	FSCTP_M3UA_P_APC = 0x0012,
	FSCTP_M3UA_P_CORR_ID = 0x0013,
	FSCTP_M3UA_P_NA = 0x0200,
	FSCTP_M3UA_P_USER_CAUSE = 0x0204,
	FSCTP_M3UA_P_CONG = 0x0205,
	FSCTP_M3UA_P_CONC_DEST = 0x0206,
	FSCTP_M3UA_P_PROTO_DATA = 0x0210,
};

/** Error codes of the ERR message (RFC 4666 3.8.1). */
enum fsctp_m3ua_err {
	FSCTP_M3UA_E_INVALID_VERSION = 0x01,
	FSCTP_M3UA_E_UNSUP_CLASS = 0x03,
	FSCTP_M3UA_E_UNSUP_TYPE = 0x04,
	FSCTP_M3UA_E_UNSUP_TMT = 0x05,
	FSCTP_M3UA_E_UNEXPECTED_MSG = 0x06,
	FSCTP_M3UA_E_PROTOCOL = 0x07,
	FSCTP_M3UA_E_INVALID_STREAM = 0x09,
	FSCTP_M3UA_E_INVALID_PARAM_VALUE = 0x11,
	FSCTP_M3UA_E_PARAM_FIELD = 0x12,
	FSCTP_M3UA_E_UNEXPECTED_PARAM = 0x13,
	FSCTP_M3UA_E_DEST_STATUS_UNKNOWN = 0x14,
	FSCTP_M3UA_E_MISSING_PARAM = 0x16,
	FSCTP_M3UA_E_INVALID_RC = 0x19,
};

/** Traffic mode types (RFC 4666 3.5.1). */
enum fsctp_m3ua_tmt {
	FSCTP_M3UA_TMT_OVERRIDE = 1,
	FSCTP_M3UA_TMT_LOADSHARE = 2,
	FSCTP_M3UA_TMT_BROADCAST = 3,
};

/** NTFY status types and AS state change values (RFC 4666 3.8.2). */
enum fsctp_m3ua_status {
	FSCTP_M3UA_ST_AS_STATE_CHANGE = 1,
	FSCTP_M3UA_ST_OTHER = 2,
	FSCTP_M3UA_AS_INACTIVE = 2,
	FSCTP_M3UA_AS_ACTIVE = 3,
	FSCTP_M3UA_AS_PENDING = 4,
};

/** Protocol Data parameter (RFC 4666 3.3.1), host order. */
struct fsctp_m3ua_pd {
	uint32_t opc; /**< Originating point code. */
	uint32_t dpc; /**< Destination point code. */
	uint8_t si;   /**< Service indicator. */
	uint8_t ni;   /**< Network indicator. */
	uint8_t mp;   /**< Message priority. */
	uint8_t sls;  /**< Signalling link selection. */
	const uint8_t
		*data; /**< User protocol data (points into the buffer). */
	uint32_t len;  /**< Its length. */
};

/** Bits of fsctp_m3ua_msg.present. */
enum fsctp_m3ua_has {
	FSCTP_M3UA_HAS_RC = 1u << 0,
	FSCTP_M3UA_HAS_TMT = 1u << 1,
	FSCTP_M3UA_HAS_ERR_CODE = 1u << 2,
	FSCTP_M3UA_HAS_STATUS = 1u << 3,
	FSCTP_M3UA_HAS_ASP_ID = 1u << 4,
	FSCTP_M3UA_HAS_APC = 1u << 5,
	FSCTP_M3UA_HAS_PD = 1u << 6,
	FSCTP_M3UA_HAS_NA = 1u << 7,
	FSCTP_M3UA_HAS_INFO = 1u << 8,
	FSCTP_M3UA_HAS_DIAG = 1u << 9,
	FSCTP_M3UA_HAS_HB_DATA = 1u << 10,
	FSCTP_M3UA_HAS_CORR_ID = 1u << 11,
	FSCTP_M3UA_HAS_USER_CAUSE = 1u << 12,
	FSCTP_M3UA_HAS_CONC_DEST = 1u << 13,
	FSCTP_M3UA_HAS_CONG = 1u << 14,
};

/**
 * One decoded (or to-be-encoded) M3UA message. Byte-string fields point
 * into the decoded buffer (or the caller's memory when encoding).
 */
struct fsctp_m3ua_msg {
	uint8_t cls;	  /**< enum fsctp_m3ua_class. */
	uint8_t type;	  /**< enum fsctp_m3ua_type. */
	uint32_t present; /**< enum fsctp_m3ua_has bits. */
	uint32_t n_rc;	  /**< Routing contexts. */
	uint32_t rc[FSCTP_M3UA_MAX_RC];
	uint32_t tmt;	     /**< Traffic mode type. */
	uint32_t err_code;   /**< Error code (ERR). */
	uint16_t st_type;    /**< Status type (NTFY). */
	uint16_t st_info;    /**< Status information (NTFY). */
	uint32_t asp_id;     /**< ASP identifier. */
	uint32_t na;	     /**< Network appearance. */
	uint32_t corr_id;    /**< Correlation id. */
	uint32_t user_cause; /**< User/Cause (DUPU). */
	uint32_t conc_dest;  /**< Concerned destination (SCON). */
	uint32_t cong;	     /**< Congestion indications (SCON). */
	uint32_t n_apc;	     /**< Affected point codes (mask << 24 | pc). */
	uint32_t apc[FSCTP_M3UA_MAX_APC];
	struct fsctp_m3ua_pd pd; /**< Protocol data (DATA). */
	const uint8_t *info;	 /**< INFO string. */
	uint16_t info_len;
	const uint8_t *diag; /**< Diagnostic information. */
	uint16_t diag_len;
	const uint8_t *hb; /**< Heartbeat data. */
	uint16_t hb_len;
};

/**
 * Decode one M3UA message (one SCTP user message).
 * @param err out: on failure, the RFC 4666 3.8.1 error code for the ERR
 *   answer (enum fsctp_m3ua_err).
 * @return 0, or -EBADMSG (malformed: see err), -EINVAL (NULL argument).
 */
int fsctp_m3ua_decode(const uint8_t *buf, size_t len, struct fsctp_m3ua_msg *m,
		      uint32_t *err);

/**
 * Encode a message: the common header and every parameter marked in
 * m->present, in RFC 4666 order, each padded to 4 bytes.
 * @return the length written, -ENOSPC (cap too small), -EINVAL (NULL, or
 *   more routing contexts / point codes than the limits).
 */
int fsctp_m3ua_encode(const struct fsctp_m3ua_msg *m, uint8_t *buf, size_t cap);

/**
 * Encode a DATA message with an optional routing context (rc_present)
 * and the protocol data pd (payload copied from pd->data).
 * @return the length, -ENOSPC, -EINVAL.
 */
int fsctp_m3ua_encode_data(uint8_t *buf, size_t cap, bool rc_present,
			   uint32_t rc, const struct fsctp_m3ua_pd *pd);

/** @return the name of a message, e.g. "ASPUP", or "?" if unknown. */
const char *fsctp_m3ua_msg_name(uint8_t cls, uint8_t type);

/**
 * The SCTP stream a message belongs on (RFC 4666 1.4.7): stream 0 for
 * ASPSM, ASPTM and MGMT; DATA spreads by SLS over streams 1..n_streams-1
 * (stream 0 when there is only one).
 */
uint16_t fsctp_m3ua_stream(uint8_t cls, uint8_t sls, uint16_t n_streams);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_M3UA_H */
