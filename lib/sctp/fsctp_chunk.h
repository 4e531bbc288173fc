/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Chunk decoders and encoders (RFC 9260 3.3 and the extension RFCs).
 *
 * Decoders take a chunk as proved by fsctp_tlv_next() (struct fsctp_tlv) and
 * fill an info struct whose pointers point into the packet: nothing is
 * copied, so the info is valid as long as the packet is. A decoder never
 * reads a byte outside [chunk->hdr, chunk->hdr + chunk->length).
 *
 * Decoders return 0, -EBADMSG when the chunk is too short for its fixed part
 * or an inner TLV is malformed (Length < 4 or past the end), or -EINVAL when
 * an inner TLV has a length that is wrong for its type. They do not check
 * the chunk type: the caller dispatches on it.
 *
 * Encoders append a whole chunk (header, value, padding to 4 bytes) to a
 * struct fsctp_wbuf and return its err after the append: 0, -ENOSPC when the
 * buffer is full, or -EMSGSIZE when a length does not fit its field. The
 * writer's error is sticky, so a builder may check once at the end.
 *
 * Every function here is pure: it may be called from any thread on data that
 * thread owns.
 */
#ifndef FSCTP_CHUNK_H
#define FSCTP_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp_types.h"
#include "fsctp_wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most peer addresses an INIT/INIT ACK decode records. */
#define FSCTP_MAX_PEER_ADDRS 8
/** Most unrecognised parameters an INIT/INIT ACK decode records. */
#define FSCTP_MAX_UNRECOGNIZED 8

/** Fixed part of a DATA chunk, header included (RFC 9260 3.3.1). */
#define FSCTP_DATA_HDR_LEN 16
/** Fixed part of an I-DATA chunk, header included (RFC 8260 2.1). */
#define FSCTP_IDATA_HDR_LEN 20

/** Supported Address Types bits (RFC 9260 3.3.2.1). */
#define FSCTP_SAT_IPV4	   0x01 /**< Type 5 listed. */
#define FSCTP_SAT_IPV6	   0x02 /**< Type 6 listed. */
#define FSCTP_SAT_HOSTNAME 0x04 /**< Type 11 listed. */

/** A byte range inside a packet (or, for encoders, inside caller memory). */
struct fsctp_span {
	const uint8_t *ptr; /**< First byte; NULL when absent. */
	uint16_t len;	    /**< Bytes. */
};

/* ------------------------------------------------------------------------ */
/* Addresses                                                                */
/* ------------------------------------------------------------------------ */

/**
 * Decode an IPv4 or IPv6 Address parameter (RFC 9260 3.3.2.1) into *out,
 * port left 0.
 *
 * @return 0, -EINVAL when its length is wrong for its type (IPv4 not 8,
 *   IPv6 not 20 bytes), or -ENOTSUP when it is not an address parameter.
 */
int fsctp_decode_addr_param(const struct fsctp_tlv *param,
			    struct fsctp_addr *out);

/** Append an IPv4 or IPv6 Address parameter. @return w->err, or -EINVAL. */
int fsctp_encode_addr_param(struct fsctp_wbuf *w,
			    const struct fsctp_addr *addr);

/* ------------------------------------------------------------------------ */
/* INIT and INIT ACK (RFC 9260 3.3.2, 3.3.3)                                */
/* ------------------------------------------------------------------------ */

/**
 * A decoded INIT or INIT ACK. Parameters are recognised in either chunk;
 * whether one is allowed where it appeared is the caller's rule.
 */
struct fsctp_init_info {
	uint32_t init_tag;
	uint32_t a_rwnd;
	uint16_t n_out_streams;
	uint16_t n_in_streams;
	uint32_t initial_tsn;

	/** IPv4/IPv6 Address parameters, port 0, in order of appearance. */
	struct fsctp_addr addrs[FSCTP_MAX_PEER_ADDRS];
	unsigned n_addrs;
	unsigned n_addrs_dropped; /**< Address params beyond the array. */

	/** State Cookie value (RFC 9260 3.3.3.1); NULL when absent. */
	const uint8_t *cookie;
	uint16_t cookie_len;

	bool has_cookie_preservative;
	uint32_t cookie_preservative_ms; /**< Suggested increment, ms. */

	/** Host Name Address (deprecated, RFC 9260 3.3.2.1): seen. */
	bool has_host_name;
	struct fsctp_span host_name;

	bool has_supported_addr_types;
	uint8_t supported_addr_types; /**< FSCTP_SAT_* bits. */

	bool ecn_capable;	    /**< ECN Capable parameter seen. */
	bool forward_tsn_supported; /**< RFC 3758 parameter seen. */
	bool has_adaptation;	    /**< RFC 5061 Adaptation Layer Ind. */
	uint32_t adaptation;
	/** RFC 9653 Zero Checksum Acceptable and its Error Detection
	 * Method Identifier. */
	bool has_zero_csum;
	uint32_t zero_csum_edmid;

	/**
	 * Supported Extensions (RFC 5061 4.2.7): bit t of the bitmap set when
	 * chunk type t is listed. See fsctp_init_ext_supported().
	 */
	bool has_supported_ext;
	uint8_t supported_ext[32];

	/** RFC 4895 parameters: raw values, ptr NULL when absent. */
	struct fsctp_span auth_random;
	struct fsctp_span auth_chunks;	   /**< One chunk type per byte. */
	struct fsctp_span auth_hmac_algos; /**< 16-bit ids, big-endian. */

	/**
	 * Unrecognised parameters (RFC 9260 3.2.1) whose upper two bits ask
	 * for a report (01 and 11): whole TLVs (header included, padding
	 * excluded), to be returned in Unrecognized Parameter parameters of
	 * an INIT ACK or in an Unrecognized Parameters error cause.
	 */
	struct fsctp_span unrecognized[FSCTP_MAX_UNRECOGNIZED];
	unsigned n_unrecognized;
	/** Reportable ones beyond the array (counted, not stored). */
	unsigned n_unrecognized_dropped;
	/** An unrecognised 00/01 parameter stopped the parameter walk. */
	bool unrecognized_stop;

	/**
	 * Unrecognized Parameter parameters (type 8) in an INIT ACK: the peer
	 * reporting ours. Count, and the first one's value (a whole parameter
	 * TLV, proved well-formed: a malformed one fails the decode with
	 * -EBADMSG).
	 */
	unsigned n_peer_unrecognized;
	struct fsctp_span peer_unrecognized;
};

/** @return true when chunk type t is listed in Supported Extensions. */
static inline bool
fsctp_init_ext_supported(const struct fsctp_init_info *ii, uint8_t t)
{
	return ii->has_supported_ext &&
	       (ii->supported_ext[t >> 3] & (1u << (t & 7))) != 0;
}

/** Mark chunk type t as supported in an info to be encoded. */
static inline void
fsctp_init_ext_set(struct fsctp_init_info *ii, uint8_t t)
{
	ii->has_supported_ext = true;
	ii->supported_ext[t >> 3] |= (uint8_t)(1u << (t & 7));
}

/**
 * Decode an INIT or INIT ACK.
 *
 * Unknown parameters follow RFC 9260 3.2.1 through
 * fsctp_unknown_param_action(): 00 stops the walk, 01 stops it and records
 * the parameter for a report, 10 skips it, 11 skips it and records it.
 *
 * @return 0; -EBADMSG when the chunk is shorter than 20 bytes or a
 *   parameter TLV is malformed; -EINVAL for a parameter whose length is
 *   wrong for its type.
 */
int fsctp_decode_init(const struct fsctp_tlv *chunk,
		      struct fsctp_init_info *out);

/**
 * Append an INIT (ack false) or INIT ACK (ack true): fixed part, then the
 * parameters present in *in: addresses, cookie (when cookie != NULL),
 * cookie preservative, host name, supported address types, ECN, Forward-TSN
 * supported, adaptation, supported extensions, AUTH parameters, and, for
 * INIT ACK only, each unrecognized[] TLV wrapped in an Unrecognized
 * Parameter (RFC 9260 3.3.3).
 *
 * @return w->err (0, -ENOSPC, -EMSGSIZE).
 */
int fsctp_encode_init(struct fsctp_wbuf *w, bool ack,
		      const struct fsctp_init_info *in);

/* ------------------------------------------------------------------------ */
/* DATA and I-DATA (RFC 9260 3.3.1, RFC 8260 2.1)                           */
/* ------------------------------------------------------------------------ */

/** A decoded DATA or I-DATA chunk. */
struct fsctp_data_info {
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;  /**< DATA: Stream Sequence Number; I-DATA: 0. */
	uint32_t mid;  /**< I-DATA: Message Identifier; DATA: the SSN. */
	uint32_t ppid; /**< Payload Protocol Identifier, host order. */
	uint32_t fsn;  /**< I-DATA: Fragment Sequence Number (0 when B). */
	uint8_t flags; /**< FSCTP_DATA_FLAG_B/E/U/I. */
	bool idata;    /**< Decoded from (or to encode as) I-DATA. */
	const uint8_t *payload;
	uint16_t len; /**< User data bytes; 0 is decoded (No User Data). */
};

/**
 * Decode a DATA chunk. A chunk with no user data decodes with len 0 so the
 * caller can answer with a No User Data error (RFC 9260 6.2).
 *
 * @return 0, or -EBADMSG when shorter than 16 bytes.
 */
int fsctp_decode_data(const struct fsctp_tlv *chunk,
		      struct fsctp_data_info *out);

/**
 * Decode an I-DATA chunk (RFC 8260 2.1). The PPID is present only when B is
 * set; otherwise that field is the FSN.
 *
 * @return 0, or -EBADMSG when shorter than 20 bytes.
 */
int fsctp_decode_idata(const struct fsctp_tlv *chunk,
		       struct fsctp_data_info *out);

/** Append a DATA chunk from *d (mid, fsn, idata ignored). @return w->err. */
int fsctp_encode_data(struct fsctp_wbuf *w, const struct fsctp_data_info *d);

/**
 * Append an I-DATA chunk from *d (ssn, idata ignored): the PPID is written
 * when B is set, the FSN otherwise. @return w->err.
 */
int fsctp_encode_idata(struct fsctp_wbuf *w, const struct fsctp_data_info *d);

/* ------------------------------------------------------------------------ */
/* SACK (RFC 9260 3.3.4)                                                    */
/* ------------------------------------------------------------------------ */

/** A decoded SACK; gap blocks and dup TSNs stay raw in the packet. */
struct fsctp_sack_info {
	uint32_t cum_tsn_ack;
	uint32_t a_rwnd;
	uint16_t n_gap_blocks;
	uint16_t n_dup_tsns;
	const uint8_t *gaps; /**< n_gap_blocks x (start, end), big-endian. */
	const uint8_t *dups; /**< n_dup_tsns x TSN, big-endian. */
};

/**
 * Decode a SACK.
 * @return 0, or -EBADMSG when the chunk is shorter than 16 + 4 * (gaps +
 *   dups) bytes.
 */
int fsctp_decode_sack(const struct fsctp_tlv *chunk,
		      struct fsctp_sack_info *out);

/**
 * Gap block i: offsets from the cumulative TSN ack.
 * @return 0, or -ERANGE when i >= n_gap_blocks.
 */
int fsctp_sack_gap(const struct fsctp_sack_info *s, unsigned i, uint16_t *start,
		   uint16_t *end);

/** Duplicate TSN i. @return 0, or -ERANGE when i >= n_dup_tsns. */
int fsctp_sack_dup(const struct fsctp_sack_info *s, unsigned i, uint32_t *tsn);

/**
 * Append a SACK.
 * @return w->err, or -EINVAL when a count exceeds 65535.
 */
int fsctp_encode_sack(struct fsctp_wbuf *w, uint32_t cum, uint32_t a_rwnd,
		      const uint16_t (*gaps)[2], unsigned n_gaps,
		      const uint32_t *dups, unsigned n_dups);

/* ------------------------------------------------------------------------ */
/* HEARTBEAT, HEARTBEAT ACK (RFC 9260 3.3.5, 3.3.6)                         */
/* ------------------------------------------------------------------------ */

/**
 * Decode a HEARTBEAT or HEARTBEAT ACK: its Heartbeat Info parameter, whose
 * value (opaque to the receiver) goes to *info.
 *
 * @return 0; -EBADMSG when there is no well-formed parameter; -EINVAL when
 *   the first parameter is not Heartbeat Info.
 */
int fsctp_decode_heartbeat(const struct fsctp_tlv *chunk,
			   struct fsctp_span *info);

/** Append a HEARTBEAT carrying info as its Heartbeat Info. */
int fsctp_encode_heartbeat(struct fsctp_wbuf *w, const void *info, size_t len);

/** Append a HEARTBEAT ACK echoing info (RFC 9260 8.3). */
int fsctp_encode_heartbeat_ack(struct fsctp_wbuf *w, const void *info,
			       size_t len);

/* ------------------------------------------------------------------------ */
/* ABORT, ERROR (RFC 9260 3.3.7, 3.3.10)                                    */
/* ------------------------------------------------------------------------ */

/** A decoded ABORT or ERROR: the causes, proved well-formed. */
struct fsctp_error_info {
	bool t_bit;		  /**< ABORT only: the T bit. */
	unsigned n_causes;	  /**< Cause TLVs. */
	uint16_t first_cause;	  /**< Code of the first, 0 when none. */
	struct fsctp_span causes; /**< Value of the chunk: the cause TLVs. */
};

/**
 * Decode an ABORT or an ERROR, walking its causes with fsctp_tlv_next().
 * An ABORT with no cause is valid.
 * @return 0, or -EBADMSG when a cause TLV is malformed.
 */
int fsctp_decode_error(const struct fsctp_tlv *chunk,
		       struct fsctp_error_info *out);

/** Start an iterator (FSCTP_TLV_PARAM) over the causes of *e. */
void fsctp_error_causes_iter(const struct fsctp_error_info *e,
			     struct fsctp_tlv_iter *it);

/**
 * Append an ABORT whose value is causes (already encoded cause TLVs, e.g.
 * with the fsctp_encode_cause_*() functions into a scratch buffer; may be
 * empty). To write causes in place, use fsctp_wbuf_chunk_begin(), the cause
 * encoders and fsctp_wbuf_chunk_end() instead.
 */
int fsctp_encode_abort(struct fsctp_wbuf *w, bool t_bit, const void *causes,
		       size_t len);

/** Append an ERROR chunk whose value is causes (see fsctp_encode_abort()). */
int fsctp_encode_error(struct fsctp_wbuf *w, const void *causes, size_t len);

/* ------------------------------------------------------------------------ */
/* SHUTDOWN family, COOKIE ECHO/ACK, ECNE/CWR                               */
/* ------------------------------------------------------------------------ */

/**
 * Decode a SHUTDOWN (RFC 9260 3.3.8): the cumulative TSN ack.
 * @return 0, or -EBADMSG when shorter than 8 bytes.
 */
int fsctp_decode_shutdown(const struct fsctp_tlv *chunk, uint32_t *cum_tsn);

/**
 * Check a chunk that has no value: SHUTDOWN ACK (3.3.9), COOKIE ACK
 * (3.3.12), SHUTDOWN COMPLETE (3.3.13).
 * @return 0, or -EINVAL when its Length is not 4.
 */
int fsctp_decode_empty(const struct fsctp_tlv *chunk);

/**
 * Decode a COOKIE ECHO (RFC 9260 3.3.11): the cookie is the whole value.
 * @return 0, or -EBADMSG when the cookie is empty.
 */
int fsctp_decode_cookie_echo(const struct fsctp_tlv *chunk,
			     struct fsctp_span *cookie);

/**
 * Decode an ECNE or CWR (RFC 9260 appendix A): the lowest TSN.
 * @return 0, or -EBADMSG when shorter than 8 bytes.
 */
int fsctp_decode_ecne(const struct fsctp_tlv *chunk, uint32_t *tsn);

/** Append a SHUTDOWN. */
int fsctp_encode_shutdown(struct fsctp_wbuf *w, uint32_t cum_tsn);
/** Append a SHUTDOWN ACK. */
int fsctp_encode_shutdown_ack(struct fsctp_wbuf *w);
/** Append a SHUTDOWN COMPLETE, T bit as given (RFC 9260 3.3.13). */
int fsctp_encode_shutdown_complete(struct fsctp_wbuf *w, bool t_bit);
/** Append a COOKIE ECHO carrying cookie. */
int fsctp_encode_cookie_echo(struct fsctp_wbuf *w, const void *cookie,
			     size_t len);
/** Append a COOKIE ACK. */
int fsctp_encode_cookie_ack(struct fsctp_wbuf *w);
/** Append an ECNE (type FSCTP_CHUNK_ECNE) or CWR (FSCTP_CHUNK_CWR). */
int fsctp_encode_ecne(struct fsctp_wbuf *w, uint8_t type, uint32_t tsn);

/* ------------------------------------------------------------------------ */
/* FORWARD-TSN (RFC 3758 3.2), I-FORWARD-TSN (RFC 8260 2.3.1)               */
/* ------------------------------------------------------------------------ */

/** A decoded FORWARD-TSN or I-FORWARD-TSN; entries stay raw. */
struct fsctp_fwd_tsn_info {
	uint32_t new_cum_tsn;
	uint16_t n_streams; /**< Entries (4 bytes, or 8 for I-FORWARD-TSN). */
	bool ifwd;	    /**< I-FORWARD-TSN. */
	const uint8_t *streams;
};

/** An I-FORWARD-TSN entry for the encoder. */
struct fsctp_ifwd_entry {
	uint16_t sid;
	bool unordered;
	uint32_t mid;
};

/**
 * Decode a FORWARD-TSN.
 * @return 0, or -EBADMSG when shorter than 8 bytes or the entries do not
 *   fill the value exactly (a trailing partial entry).
 */
int fsctp_decode_fwd_tsn(const struct fsctp_tlv *chunk,
			 struct fsctp_fwd_tsn_info *out);

/** Decode an I-FORWARD-TSN; same errors as fsctp_decode_fwd_tsn(). */
int fsctp_decode_ifwd_tsn(const struct fsctp_tlv *chunk,
			  struct fsctp_fwd_tsn_info *out);

/** FORWARD-TSN entry i. @return 0, or -ERANGE. */
int fsctp_fwd_tsn_stream(const struct fsctp_fwd_tsn_info *f, unsigned i,
			 uint16_t *sid, uint16_t *ssn);

/** I-FORWARD-TSN entry i. @return 0, or -ERANGE. */
int fsctp_ifwd_tsn_stream(const struct fsctp_fwd_tsn_info *f, unsigned i,
			  struct fsctp_ifwd_entry *out);

/** Append a FORWARD-TSN with n (sid, ssn) entries. */
int fsctp_encode_fwd_tsn(struct fsctp_wbuf *w, uint32_t new_cum,
			 const uint16_t (*streams)[2], unsigned n);

/** Append an I-FORWARD-TSN with n entries. */
int fsctp_encode_ifwd_tsn(struct fsctp_wbuf *w, uint32_t new_cum,
			  const struct fsctp_ifwd_entry *e, unsigned n);

/* ------------------------------------------------------------------------ */
/* RE-CONFIG (RFC 6525)                                                     */
/* ------------------------------------------------------------------------ */

/** Most parameters in one RE-CONFIG chunk (RFC 6525 3.1). */
#define FSCTP_RECONF_MAX_PARAMS 2

/** One decoded RE-CONFIG parameter. */
struct fsctp_reconf_param {
	uint16_t type;	   /**< enum fsctp_param_type (13..18). */
	uint32_t req_seq;  /**< Request Seq (13, 14, 15, 17, 18). */
	uint32_t resp_seq; /**< 13: Response Seq; 16: Response Seq. */
	uint32_t last_tsn; /**< 13: Sender's Last Assigned TSN. */
	uint32_t result;   /**< 16: Result. */
	bool has_tsns;	   /**< 16: the two optional TSNs are present. */
	uint32_t sender_next_tsn;
	uint32_t receiver_next_tsn;
	uint16_t n_new_streams; /**< 17, 18. */
	uint16_t n_sids;	/**< 13, 14: stream ids listed. */
	const uint8_t *sids;	/**< Raw big-endian 16-bit SIDs. */
};

/** A decoded RE-CONFIG chunk. */
struct fsctp_reconf_info {
	unsigned n_params;
	struct fsctp_reconf_param params[FSCTP_RECONF_MAX_PARAMS];
};

/**
 * Decode one RE-CONFIG parameter.
 * @return 0; -EINVAL when its length is wrong for its type (or an odd SID
 *   list); -ENOTSUP for a type that is not a RE-CONFIG parameter.
 */
int fsctp_decode_reconf_param(const struct fsctp_tlv *param,
			      struct fsctp_reconf_param *out);

/**
 * Decode a RE-CONFIG chunk.
 * @return 0; -EBADMSG for a malformed parameter TLV; -EINVAL for no
 *   parameter, more than two, or one with a bad length; -ENOTSUP for an
 *   unknown parameter type.
 */
int fsctp_decode_reconf(const struct fsctp_tlv *chunk,
			struct fsctp_reconf_info *out);

/** SID i of an SSN reset request. @return the SID, or 0 when out of range. */
uint16_t fsctp_reconf_sid(const struct fsctp_reconf_param *p, unsigned i);

/**
 * Append one RE-CONFIG parameter from *p; for types 13 and 14 the n_sids
 * stream ids come from sids (host order). A RE-CONFIG chunk is
 * fsctp_wbuf_chunk_begin(w, FSCTP_CHUNK_RECONFIG, 0), one or two of these,
 * fsctp_wbuf_chunk_end().
 * @return w->err, or -ENOTSUP for an unknown type.
 */
int fsctp_encode_reconf_param(struct fsctp_wbuf *w,
			      const struct fsctp_reconf_param *p,
			      const uint16_t *sids);

/* ------------------------------------------------------------------------ */
/* ASCONF, ASCONF-ACK (RFC 5061)                                            */
/* ------------------------------------------------------------------------ */

/** A decoded ASCONF or ASCONF-ACK. */
struct fsctp_asconf_info {
	uint32_t serial;
	/** ASCONF only: the mandatory Address Parameter (RFC 5061 4.1.1). */
	bool has_addr;
	struct fsctp_addr addr;
	unsigned n_params;	  /**< ASCONF / response parameters. */
	struct fsctp_span params; /**< Their TLVs. */
};

/** One ASCONF or ASCONF-ACK parameter (RFC 5061 4.2). */
struct fsctp_asconf_param {
	uint16_t type;	  /**< FSCTP_PARAM_ADD_IP .. SUCCESS_IND. */
	uint32_t corr_id; /**< ASCONF-Request Correlation ID. */
	bool has_addr;	  /**< Add IP, Delete IP, Set Primary. */
	struct fsctp_addr addr;
	/** Error Cause Indication: the cause TLVs. */
	struct fsctp_span causes;
};

/**
 * Decode an ASCONF: serial, Address Parameter, then the parameters (proved
 * well-formed TLVs, decoded one by one with fsctp_decode_asconf_param()).
 * @return 0; -EBADMSG when short or a TLV is malformed; -EINVAL when the
 *   Address Parameter is missing or has a bad length.
 */
int fsctp_decode_asconf(const struct fsctp_tlv *chunk,
			struct fsctp_asconf_info *out);

/** Decode an ASCONF-ACK: serial and response parameters. */
int fsctp_decode_asconf_ack(const struct fsctp_tlv *chunk,
			    struct fsctp_asconf_info *out);

/** Start an iterator over the parameters of *a. */
void fsctp_asconf_params_iter(const struct fsctp_asconf_info *a,
			      struct fsctp_tlv_iter *it);

/**
 * Decode one ASCONF parameter: Add IP, Delete IP, Set Primary (correlation
 * id and a nested address), Error Cause Indication (correlation id and
 * causes, proved well-formed), Success Indication (correlation id).
 * @return 0; -EBADMSG for a malformed nested TLV; -EINVAL for a bad length;
 *   -ENOTSUP for another type.
 */
int fsctp_decode_asconf_param(const struct fsctp_tlv *param,
			      struct fsctp_asconf_param *out);

/**
 * Begin an ASCONF: header, serial and Address Parameter. Append parameters
 * with fsctp_encode_asconf_param(), then close with fsctp_wbuf_chunk_end().
 * @return the header offset for fsctp_wbuf_chunk_end().
 */
size_t fsctp_encode_asconf_begin(struct fsctp_wbuf *w, uint32_t serial,
				 const struct fsctp_addr *addr);

/** Begin an ASCONF-ACK (see fsctp_encode_asconf_begin()). */
size_t fsctp_encode_asconf_ack_begin(struct fsctp_wbuf *w, uint32_t serial);

/** Append one ASCONF / ASCONF-ACK parameter from *p. */
int fsctp_encode_asconf_param(struct fsctp_wbuf *w,
			      const struct fsctp_asconf_param *p);

/* ------------------------------------------------------------------------ */
/* AUTH (RFC 4895), PAD (RFC 4820)                                          */
/* ------------------------------------------------------------------------ */

/** Offset of the HMAC inside an AUTH chunk (RFC 4895 4.2). */
#define FSCTP_AUTH_HMAC_OFF 8

/** A decoded AUTH chunk. */
struct fsctp_auth_info {
	uint16_t key_id;
	uint16_t hmac_id;
	struct fsctp_span hmac;
};

/** Decode an AUTH. @return 0, or -EBADMSG when shorter than 8 bytes. */
int fsctp_decode_auth(const struct fsctp_tlv *chunk,
		      struct fsctp_auth_info *out);

/**
 * Append an AUTH chunk; hmac NULL writes len zero bytes, to be filled
 * after the HMAC is computed over the packet (RFC 4895 6.2).
 */
int fsctp_encode_auth(struct fsctp_wbuf *w, uint16_t key_id, uint16_t hmac_id,
		      const void *hmac, size_t len);

/** Decode a PAD chunk: the padding length. @return 0. */
int fsctp_decode_pad(const struct fsctp_tlv *chunk, uint16_t *pad_len);

/** Append a PAD chunk with len bytes of zero padding. */
int fsctp_encode_pad(struct fsctp_wbuf *w, size_t len);

/* ------------------------------------------------------------------------ */
/* Whole packet (RFC 9260 3.1, 6.10)                                        */
/* ------------------------------------------------------------------------ */

/** A validated packet: common header and chunk summary. */
struct fsctp_packet {
	uint16_t src_port;
	uint16_t dst_port;
	uint32_t vtag;
	uint32_t checksum; /**< As on the wire (not checked here). */
	const uint8_t *chunks;
	size_t chunks_len;
	unsigned n_chunks;
	uint8_t first_type; /**< Meaningful when n_chunks > 0. */
	uint8_t first_flags;
	bool has_init;
	bool has_init_ack;
	bool has_shutdown_complete;
	/**
	 * RFC 9260 6.10: INIT, INIT ACK or SHUTDOWN COMPLETE bundled with
	 * other chunks.
	 */
	bool bundling_violation;
	/** Bit t set when chunk type t appears. */
	uint8_t types_seen[32];
};

/**
 * Parse a packet: the common header, then every chunk with
 * fsctp_tlv_next(). The CRC32c is not checked here.
 *
 * @return the number of chunks (>= 0), or -EBADMSG when shorter than the
 *   common header or a chunk is malformed.
 */
int fsctp_packet_parse(const uint8_t *pkt, size_t len,
		       struct fsctp_packet *out);

/** Start a chunk iterator over a parsed packet. */
void fsctp_packet_chunks_iter(const struct fsctp_packet *p,
			      struct fsctp_tlv_iter *it);

/** @return true when chunk type t appears in the packet. */
static inline bool
fsctp_packet_has(const struct fsctp_packet *p, uint8_t t)
{
	return (p->types_seen[t >> 3] & (1u << (t & 7))) != 0;
}

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_CHUNK_H */
