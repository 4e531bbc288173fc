/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * SCTP wire format (RFC 9260 section 3 and the extension RFCs).
 *
 * Packed overlays with big-endian fields, each with a static_assert on its
 * wire size, and one bounds-checked TLV iterator (fsctp_tlv_next()) that every
 * chunk and parameter decoder uses. A decoder never touches a byte that the
 * iterator has not proved to be inside the input.
 */
#ifndef FSCTP_WIRE_H
#define FSCTP_WIRE_H

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Byte order                                                               */
/* ------------------------------------------------------------------------ */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define fsctp_be16(x) ((uint16_t)(x))
#define fsctp_be32(x) ((uint32_t)(x))
#else
#define fsctp_be16(x) ((uint16_t)__builtin_bswap16((uint16_t)(x)))
#define fsctp_be32(x) ((uint32_t)__builtin_bswap32((uint32_t)(x)))
#endif

/** Read a big-endian 16-bit value from any alignment. */
static inline uint16_t
fsctp_rd16(const uint8_t *p)
{
	return (uint16_t)((uint16_t)p[0] << 8 | p[1]);
}

/** Read a big-endian 32-bit value from any alignment. */
static inline uint32_t
fsctp_rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/** Write a big-endian 16-bit value at any alignment. */
static inline void
fsctp_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/** Write a big-endian 32-bit value at any alignment. */
static inline void
fsctp_wr32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/** Round a length up to the 4-byte boundary of RFC 9260 section 3.2. */
#define FSCTP_PAD4(n) (((n) + 3u) & ~3u)

/* ------------------------------------------------------------------------ */
/* Type registries                                                          */
/* ------------------------------------------------------------------------ */

/** Chunk types (RFC 9260 3.2, 3758, 4895, 4820, 5061, 6525, 8260). */
enum fsctp_chunk_type {
	FSCTP_CHUNK_DATA = 0,
	FSCTP_CHUNK_INIT = 1,
	FSCTP_CHUNK_INIT_ACK = 2,
	FSCTP_CHUNK_SACK = 3,
	FSCTP_CHUNK_HEARTBEAT = 4,
	FSCTP_CHUNK_HEARTBEAT_ACK = 5,
	FSCTP_CHUNK_ABORT = 6,
	FSCTP_CHUNK_SHUTDOWN = 7,
	FSCTP_CHUNK_SHUTDOWN_ACK = 8,
	FSCTP_CHUNK_ERROR = 9,
	FSCTP_CHUNK_COOKIE_ECHO = 10,
	FSCTP_CHUNK_COOKIE_ACK = 11,
	FSCTP_CHUNK_ECNE = 12,
	FSCTP_CHUNK_CWR = 13,
	FSCTP_CHUNK_SHUTDOWN_COMPLETE = 14,
	FSCTP_CHUNK_AUTH = 15,		 /**< RFC 4895. */
	FSCTP_CHUNK_I_DATA = 64,	 /**< RFC 8260. */
	FSCTP_CHUNK_ASCONF_ACK = 128,	 /**< RFC 5061. */
	FSCTP_CHUNK_RECONFIG = 130,	 /**< RFC 6525. */
	FSCTP_CHUNK_PAD = 132,		 /**< RFC 4820. */
	FSCTP_CHUNK_FORWARD_TSN = 192,	 /**< RFC 3758. */
	FSCTP_CHUNK_ASCONF = 193,	 /**< RFC 5061. */
	FSCTP_CHUNK_I_FORWARD_TSN = 194, /**< RFC 8260. */
};

/** DATA and I-DATA chunk flags (RFC 9260 3.3.1, RFC 8260 2.1). */
#define FSCTP_DATA_FLAG_E 0x01 /**< Ending fragment. */
#define FSCTP_DATA_FLAG_B 0x02 /**< Beginning fragment. */
#define FSCTP_DATA_FLAG_U 0x04 /**< Unordered. */
#define FSCTP_DATA_FLAG_I 0x08 /**< SACK immediately (RFC 7053). */
/** ABORT and SHUTDOWN COMPLETE: the T bit (RFC 9260 3.3.7, 3.3.13). */
#define FSCTP_CHUNK_FLAG_T 0x01

/** Parameter types (RFC 9260 3.3.2/3.3.3 and extensions). */
enum fsctp_param_type {
	FSCTP_PARAM_HEARTBEAT_INFO = 1,
	FSCTP_PARAM_IPV4 = 5,
	FSCTP_PARAM_IPV6 = 6,
	FSCTP_PARAM_STATE_COOKIE = 7,
	FSCTP_PARAM_UNRECOGNIZED = 8,
	FSCTP_PARAM_COOKIE_PRESERVATIVE = 9,
	FSCTP_PARAM_HOST_NAME = 11,
	FSCTP_PARAM_SUPPORTED_ADDR_TYPES = 12,
	FSCTP_PARAM_OUT_SSN_RESET_REQ = 13, /**< RFC 6525. */
	FSCTP_PARAM_IN_SSN_RESET_REQ = 14,
	FSCTP_PARAM_SSN_TSN_RESET_REQ = 15,
	FSCTP_PARAM_RECONFIG_RESP = 16,
	FSCTP_PARAM_ADD_OUT_STREAMS_REQ = 17,
	FSCTP_PARAM_ADD_IN_STREAMS_REQ = 18,
	FSCTP_PARAM_ECN_CAPABLE = 0x8000,
	FSCTP_PARAM_RANDOM = 0x8002, /**< RFC 4895. */
	FSCTP_PARAM_ZERO_CSUM =
		0x8001, /**< RFC 9653 Zero Checksum Acceptable. */
	FSCTP_PARAM_CHUNK_LIST = 0x8003,
	FSCTP_PARAM_HMAC_ALGO = 0x8004,
	FSCTP_PARAM_PADDING = 0x8005,		    /**< RFC 4820. */
	FSCTP_PARAM_SUPPORTED_EXT = 0x8008,	    /**< RFC 5061. */
	FSCTP_PARAM_FORWARD_TSN_SUPPORTED = 0xC000, /**< RFC 3758. */
	FSCTP_PARAM_ADD_IP = 0xC001,		    /**< RFC 5061. */
	FSCTP_PARAM_DEL_IP = 0xC002,
	FSCTP_PARAM_ERROR_CAUSE_IND = 0xC003,
	FSCTP_PARAM_SET_PRIMARY = 0xC004,
	FSCTP_PARAM_SUCCESS_IND = 0xC005,
	FSCTP_PARAM_ADAPTATION_LAYER = 0xC006,
};

/** Error cause codes (RFC 9260 3.3.10 and extensions). */
enum fsctp_cause_code {
	FSCTP_CAUSE_INVALID_STREAM = 1,
	FSCTP_CAUSE_MISSING_PARAM = 2,
	FSCTP_CAUSE_STALE_COOKIE = 3,
	FSCTP_CAUSE_OUT_OF_RESOURCE = 4,
	FSCTP_CAUSE_UNRESOLVABLE_ADDR = 5,
	FSCTP_CAUSE_UNRECOGNIZED_CHUNK = 6,
	FSCTP_CAUSE_INVALID_PARAM = 7,
	FSCTP_CAUSE_UNRECOGNIZED_PARAMS = 8,
	FSCTP_CAUSE_NO_USER_DATA = 9,
	FSCTP_CAUSE_COOKIE_WHILE_SHUTDOWN = 10,
	FSCTP_CAUSE_RESTART_NEW_ADDRS = 11,
	FSCTP_CAUSE_USER_ABORT = 12,
	FSCTP_CAUSE_PROTOCOL_VIOLATION = 13,
	FSCTP_CAUSE_DEL_LAST_IP = 0x00A0, /**< RFC 5061. */
	FSCTP_CAUSE_RESOURCE_SHORTAGE = 0x00A1,
	FSCTP_CAUSE_DEL_SOURCE_IP = 0x00A2,
	FSCTP_CAUSE_ILLEGAL_ASCONF_ACK = 0x00A3,
	FSCTP_CAUSE_NO_AUTHORIZATION = 0x00A4,
	FSCTP_CAUSE_UNSUPPORTED_HMAC = 0x0105, /**< RFC 4895. */
};

/* ------------------------------------------------------------------------ */
/* Packed overlays                                                          */
/* ------------------------------------------------------------------------ */

/** SCTP common header (RFC 9260 3.1). */
struct fsctp_common_hdr {
	uint16_t src_port;
	uint16_t dst_port;
	uint32_t vtag;
	uint32_t checksum; /**< CRC32c, stored little-endian on the wire. */
} __attribute__((packed));
static_assert(sizeof(struct fsctp_common_hdr) == 12, "RFC 9260 3.1");

/** Chunk header (RFC 9260 3.2). */
struct fsctp_chunk_hdr {
	uint8_t type;
	uint8_t flags;
	uint16_t length; /**< Header plus value, without padding. */
} __attribute__((packed));
static_assert(sizeof(struct fsctp_chunk_hdr) == 4, "RFC 9260 3.2");

/** Parameter and error cause header (RFC 9260 3.2.1, 3.3.10). */
struct fsctp_param_hdr {
	uint16_t type;
	uint16_t length; /**< Header plus value, without padding. */
} __attribute__((packed));
static_assert(sizeof(struct fsctp_param_hdr) == 4, "RFC 9260 3.2.1");

/** DATA chunk (RFC 9260 3.3.1); user data follows. */
struct fsctp_data_chunk {
	struct fsctp_chunk_hdr hdr;
	uint32_t tsn;
	uint16_t sid;
	uint16_t ssn;
	uint32_t ppid;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_data_chunk) == 16, "RFC 9260 3.3.1");

/** I-DATA chunk (RFC 8260 2.1); user data follows. */
struct fsctp_idata_chunk {
	struct fsctp_chunk_hdr hdr;
	uint32_t tsn;
	uint16_t sid;
	uint16_t reserved;
	uint32_t mid;
	uint32_t ppid_fsn; /**< PPID when B is set, else the FSN. */
} __attribute__((packed));
static_assert(sizeof(struct fsctp_idata_chunk) == 20, "RFC 8260 2.1");

/** INIT and INIT ACK fixed part (RFC 9260 3.3.2, 3.3.3). */
struct fsctp_init_chunk {
	struct fsctp_chunk_hdr hdr;
	uint32_t init_tag;
	uint32_t a_rwnd;
	uint16_t n_out_streams;
	uint16_t n_in_streams;
	uint32_t initial_tsn;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_init_chunk) == 20, "RFC 9260 3.3.2");

/** SACK fixed part (RFC 9260 3.3.4); gap blocks and dup TSNs follow. */
struct fsctp_sack_chunk {
	struct fsctp_chunk_hdr hdr;
	uint32_t cum_tsn_ack;
	uint32_t a_rwnd;
	uint16_t n_gap_blocks;
	uint16_t n_dup_tsns;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_sack_chunk) == 16, "RFC 9260 3.3.4");

/** A SACK gap ack block, offsets relative to the cumulative TSN ack. */
struct fsctp_gap_block {
	uint16_t start;
	uint16_t end;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_gap_block) == 4, "RFC 9260 3.3.4");

/** SHUTDOWN chunk (RFC 9260 3.3.8). */
struct fsctp_shutdown_chunk {
	struct fsctp_chunk_hdr hdr;
	uint32_t cum_tsn_ack;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_shutdown_chunk) == 8, "RFC 9260 3.3.8");

/** FORWARD-TSN fixed part (RFC 3758 3.2); stream/SSN pairs follow. */
struct fsctp_fwd_tsn_chunk {
	struct fsctp_chunk_hdr hdr;
	uint32_t new_cum_tsn;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_fwd_tsn_chunk) == 8, "RFC 3758 3.2");

/** A FORWARD-TSN stream entry. */
struct fsctp_fwd_tsn_stream {
	uint16_t sid;
	uint16_t ssn;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_fwd_tsn_stream) == 4, "RFC 3758 3.2");

/** An I-FORWARD-TSN stream entry (RFC 8260 2.3.1). */
struct fsctp_ifwd_tsn_stream {
	uint16_t sid;
	uint16_t flags; /**< Low bit: U. */
	uint32_t mid;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_ifwd_tsn_stream) == 8, "RFC 8260 2.3.1");

/** ASCONF and ASCONF-ACK fixed part (RFC 5061 4.1.1, 4.1.2). */
struct fsctp_asconf_chunk {
	struct fsctp_chunk_hdr hdr;
	uint32_t serial;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_asconf_chunk) == 8, "RFC 5061 4.1.1");

/** AUTH fixed part (RFC 4895 4.2); the HMAC follows. */
struct fsctp_auth_chunk {
	struct fsctp_chunk_hdr hdr;
	uint16_t shared_key_id;
	uint16_t hmac_id;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_auth_chunk) == 8, "RFC 4895 4.2");

/** IPv4 Address parameter (RFC 9260 3.3.2.1). */
struct fsctp_ipv4_param {
	struct fsctp_param_hdr hdr;
	uint8_t addr[4];
} __attribute__((packed));
static_assert(sizeof(struct fsctp_ipv4_param) == 8, "RFC 9260 3.3.2.1");

/** IPv6 Address parameter (RFC 9260 3.3.2.1). */
struct fsctp_ipv6_param {
	struct fsctp_param_hdr hdr;
	uint8_t addr[16];
} __attribute__((packed));
static_assert(sizeof(struct fsctp_ipv6_param) == 20, "RFC 9260 3.3.2.1");

/** A parameter with one 32-bit value: Cookie Preservative, Adaptation, ... */
struct fsctp_u32_param {
	struct fsctp_param_hdr hdr;
	uint32_t value;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_u32_param) == 8, "RFC 9260 3.3.2.1");

/** Re-configuration Response parameter (RFC 6525 4.4), without TSNs. */
struct fsctp_reconf_resp_param {
	struct fsctp_param_hdr hdr;
	uint32_t resp_seq;
	uint32_t result;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_reconf_resp_param) == 12, "RFC 6525 4.4");

/** Outgoing SSN Reset Request parameter (RFC 6525 4.1); SIDs follow. */
struct fsctp_out_reset_param {
	struct fsctp_param_hdr hdr;
	uint32_t req_seq;
	uint32_t resp_seq;
	uint32_t last_tsn;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_out_reset_param) == 16, "RFC 6525 4.1");

/** Add Outgoing/Incoming Streams Request parameter (RFC 6525 4.5, 4.6). */
struct fsctp_add_streams_param {
	struct fsctp_param_hdr hdr;
	uint32_t req_seq;
	uint16_t n_new_streams;
	uint16_t reserved;
} __attribute__((packed));
static_assert(sizeof(struct fsctp_add_streams_param) == 12, "RFC 6525 4.5");

/* ------------------------------------------------------------------------ */
/* The bounds-checked TLV iterator                                          */
/* ------------------------------------------------------------------------ */

/**
 * One TLV (a chunk, a parameter or an error cause) as the iterator proved it:
 * header and value lie wholly inside the buffer that was iterated.
 */
struct fsctp_tlv {
	const uint8_t *hdr;   /**< The 4-byte header. */
	const uint8_t *value; /**< First byte after the header. */
	uint16_t type; /**< Chunk type (8 bits) or parameter type (16 bits). */
	uint8_t flags; /**< Chunk flags; 0 for parameters. */
	uint16_t length;    /**< The Length field: header plus value. */
	uint16_t value_len; /**< length - 4. */
};

/** Kind of TLV an iterator walks: it decides how the header is read. */
enum fsctp_tlv_kind {
	FSCTP_TLV_CHUNK = 0, /**< 8-bit type, 8-bit flags, 16-bit length. */
	FSCTP_TLV_PARAM = 1, /**< 16-bit type, 16-bit length. */
};

/** Iterator state. Never read past buf + len. */
struct fsctp_tlv_iter {
	const uint8_t *buf;
	size_t len;
	size_t off;
	uint8_t kind; /**< enum fsctp_tlv_kind. */
	int err;      /**< 0, or the negative errno that stopped the walk. */
};

/** Begin walking the TLVs in [buf, buf + len). */
static inline void
fsctp_tlv_iter_init(struct fsctp_tlv_iter *it, const void *buf, size_t len,
		    enum fsctp_tlv_kind kind)
{
	it->buf = (const uint8_t *)buf;
	it->len = len;
	it->off = 0;
	it->kind = (uint8_t)kind;
	it->err = 0;
}

/**
 * Step to the next TLV.
 *
 * RFC 9260 3.2: a Length below 4 is malformed, and so is a TLV whose Length
 * runs past the buffer. Padding to a 4-byte boundary follows each TLV; the
 * receiver ignores its contents (RFC 9260 3.2), and the last TLV may end
 * without its padding.
 *
 * @return 1 with *out filled, 0 at the clean end of the buffer, or
 *   -EBADMSG when the remaining bytes do not form a valid TLV (it->err is
 *   set and every further call returns -EBADMSG).
 */
static inline int
fsctp_tlv_next(struct fsctp_tlv_iter *it, struct fsctp_tlv *out)
{
	size_t left, padded;
	const uint8_t *h;
	uint16_t length;

	if (it->err != 0)
		return -EBADMSG; /* the only error set below */
	if (it->off >= it->len)
		return 0;
	left = it->len - it->off;
	/* RFC 9260 3.2: every TLV starts with a 4-byte header. */
	if (left < 4)
		goto bad;
	h = it->buf + it->off;
	length = fsctp_rd16(h + 2);
	/* RFC 9260 3.2/3.2.1: the Length covers the header, so it is >= 4. */
	if (length < 4 || length > left)
		goto bad;
	out->hdr = h;
	out->value = h + 4;
	out->length = length;
	out->value_len = (uint16_t)(length - 4);
	if (it->kind == FSCTP_TLV_CHUNK) {
		out->type = h[0];
		out->flags = h[1];
	} else {
		out->type = fsctp_rd16(h);
		out->flags = 0;
	}
	/*
	 * Padding is never counted in Length and its bytes are ignored. A TLV
	 * that ends the buffer may come without it.
	 */
	padded = FSCTP_PAD4((size_t)length);
	it->off += padded > left ? left : padded;
	return 1;
bad:
	it->err = -EBADMSG;
	return -EBADMSG;
}

/* ------------------------------------------------------------------------ */
/* Rules for unknown types                                                  */
/* ------------------------------------------------------------------------ */

/** What to do with a chunk or parameter whose type is not understood. */
enum fsctp_unknown_action {
	FSCTP_UNK_STOP = 0,	   /**< 00: stop, discard the packet/chunk. */
	FSCTP_UNK_STOP_REPORT = 1, /**< 01: stop, discard, and report. */
	FSCTP_UNK_SKIP = 2,	   /**< 10: skip it and go on. */
	FSCTP_UNK_SKIP_REPORT = 3, /**< 11: skip it, go on, and report. */
};

/**
 * RFC 9260 3.2: the action for an unrecognised chunk type, from its two
 * upper bits.
 */
static inline enum fsctp_unknown_action
fsctp_unknown_chunk_action(uint8_t type)
{
	return (enum fsctp_unknown_action)(type >> 6);
}

/**
 * RFC 9260 3.2.1: the action for an unrecognised parameter type, from its
 * two upper bits.
 */
static inline enum fsctp_unknown_action
fsctp_unknown_param_action(uint16_t type)
{
	return (enum fsctp_unknown_action)(type >> 14);
}

/** @return true for an action that asks for a report to the peer. */
static inline bool
fsctp_unknown_action_reports(enum fsctp_unknown_action a)
{
	return a == FSCTP_UNK_STOP_REPORT || a == FSCTP_UNK_SKIP_REPORT;
}

/** @return true for an action that stops processing. */
static inline bool
fsctp_unknown_action_stops(enum fsctp_unknown_action a)
{
	return a == FSCTP_UNK_STOP || a == FSCTP_UNK_STOP_REPORT;
}

/* ------------------------------------------------------------------------ */
/* The bounds-checked writer                                                */
/* ------------------------------------------------------------------------ */

/**
 * A packet being built. Every append checks the room left; the first append
 * that does not fit sets err to -ENOSPC and every later append is a no-op, so
 * a builder checks err once at the end.
 */
struct fsctp_wbuf {
	uint8_t *buf;
	size_t cap;
	size_t len;
	int err;
	/** Padding bytes at the tail written by the last append, if that
	 * append was fsctp_wbuf_pad4(); 0 after any other append. */
	uint8_t tail_pad;
};

/** Begin writing into [buf, buf + cap). */
static inline void
fsctp_wbuf_init(struct fsctp_wbuf *w, void *buf, size_t cap)
{
	w->buf = (uint8_t *)buf;
	w->cap = cap;
	w->len = 0;
	w->err = 0;
	w->tail_pad = 0;
}

/** @return the bytes left, or 0 after an error. */
static inline size_t
fsctp_wbuf_room(const struct fsctp_wbuf *w)
{
	return w->err ? 0 : w->cap - w->len;
}

/**
 * Reserve n bytes and return a pointer to them, or NULL (and err set) when
 * they do not fit. (Inline, like the small appends below: a packet is
 * written a few bytes at a time, and a call each cost more than the work.)
 */
static inline uint8_t *
fsctp_wbuf_reserve(struct fsctp_wbuf *w, size_t n)
{
	uint8_t *p;

	if (w->err)
		return NULL;
	if (n > w->cap - w->len) {
		w->err = -ENOSPC;
		return NULL;
	}
	p = w->buf + w->len;
	w->len += n;
	w->tail_pad = 0;
	return p;
}

/** Append n bytes from src. */
static inline void
fsctp_wbuf_put(struct fsctp_wbuf *w, const void *src, size_t n)
{
	uint8_t *p = fsctp_wbuf_reserve(w, n);

	if (p != NULL && n != 0)
		memcpy(p, src, n);
}

/** Append zero bytes up to the next 4-byte boundary. */
static inline void
fsctp_wbuf_pad4(struct fsctp_wbuf *w)
{
	size_t n = FSCTP_PAD4(w->len) - w->len;
	uint8_t *p = fsctp_wbuf_reserve(w, n);

	if (p != NULL) {
		memset(p, 0, n);
		w->tail_pad = (uint8_t)n;
	}
}

/**
 * Open a chunk: write its header with a zero length and return the offset of
 * the header, to be passed to fsctp_wbuf_chunk_end().
 */
size_t fsctp_wbuf_chunk_begin(struct fsctp_wbuf *w, uint8_t type,
			      uint8_t flags);

/**
 * Close a chunk: set its Length and pad to 4 bytes. RFC 9260 3.2: the
 * Length counts neither the chunk's padding nor the padding of its last
 * parameter, so padding that ends the chunk is left out of it.
 */
void fsctp_wbuf_chunk_end(struct fsctp_wbuf *w, size_t hdr_off);

/**
 * Close a parameter or error cause whose 4-byte TLV header starts at
 * hdr_off: set its Length to everything written since (nested TLVs
 * included) and pad to 4 bytes (RFC 9260 3.2.1, 3.3.10).
 *
 * @return 0, or the writer's sticky error (-EMSGSIZE when the TLV would not
 *   fit its 16-bit Length).
 */
int fsctp_wbuf_tlv_end(struct fsctp_wbuf *w, size_t hdr_off);

/** Append a whole parameter or error cause: header, value and padding. */
void fsctp_wbuf_tlv(struct fsctp_wbuf *w, uint16_t type, const void *value,
		    size_t value_len);

/** Append a parameter with one 32-bit value. */
void fsctp_wbuf_tlv_u32(struct fsctp_wbuf *w, uint16_t type, uint32_t value);

/** Append a big-endian 16-bit value. */
static inline void
fsctp_wbuf_u16(struct fsctp_wbuf *w, uint16_t v)
{
	uint8_t *p = fsctp_wbuf_reserve(w, 2);

	if (p != NULL)
		fsctp_wr16(p, v);
}

/** Append a big-endian 32-bit value. */
static inline void
fsctp_wbuf_u32(struct fsctp_wbuf *w, uint32_t v)
{
	uint8_t *p = fsctp_wbuf_reserve(w, 4);

	if (p != NULL)
		fsctp_wr32(p, v);
}

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_WIRE_H */
