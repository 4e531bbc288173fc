/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Authenticated chunks (RFC 4895): HMACs through libcrypto, key vectors,
 * the association shared key, the AUTH chunk on send and its check on
 * receive. Part of the sans-I/O core: the RANDOM numbers come from the
 * stack's random input (ops.rand_bytes).
 */
#ifndef FSCTP_AUTH_H
#define FSCTP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** HMAC identifiers (RFC 4895 3.3). */
#define FSCTP_AUTH_HMAC_SHA1   1
#define FSCTP_AUTH_HMAC_SHA256 3
/** Bytes of the RANDOM number we send (RFC 4895 3.1: 32). */
#define FSCTP_AUTH_RANDOM_LEN 32
/** Largest key vector kept (RANDOM, CHUNKS, HMAC-ALGO parameters). */
#define FSCTP_AUTH_VEC_MAX 200
/** Largest RANDOM value accepted from a peer. */
#define FSCTP_AUTH_PEER_RANDOM_MAX 64
/** Endpoint-pair shared keys an endpoint holds. */
#define FSCTP_AUTH_MAX_KEYS 4
/** Largest endpoint-pair shared key, bytes. */
#define FSCTP_AUTH_KEY_MAX 64
/** Largest HMAC (SHA-256). */
#define FSCTP_AUTH_HMAC_MAX 32
/** Most chunk types in our CHUNKS list. */
#define FSCTP_AUTH_CHUNKS_MAX 32

/** One endpoint-pair shared key (RFC 4895 6.1). */
struct fsctp_auth_key {
	bool used;
	uint16_t id;
	uint8_t len;
	uint8_t key[FSCTP_AUTH_KEY_MAX];
};

/** Endpoint settings (RFC 6458 8.1.18-8.1.23, 8.2.x). */
struct fsctp_auth_ep {
	bool enabled; /**< Offer AUTH in INIT / INIT ACK. */
	/** Chunk types we require authenticated, in CHUNKS order. */
	uint8_t chunks[FSCTP_AUTH_CHUNKS_MAX];
	uint8_t n_chunks;
	/** HMAC-ALGO list, in order of preference; SHA-1 always present. */
	uint16_t hmacs[2];
	uint8_t n_hmacs;
	struct fsctp_auth_key keys[FSCTP_AUTH_MAX_KEYS];
	uint16_t active_key; /**< Key id used to send. */
};

/** Per-association state. */
struct fsctp_assoc_auth {
	bool on;		 /**< Both sides sent RANDOM + HMAC-ALGO. */
	uint16_t send_hmac;	 /**< The peer's first HMAC we support. */
	uint16_t active_key;	 /**< Key id of our AUTH chunks. */
	uint8_t peer_chunks[32]; /**< Bitmap: the peer requires these. */
	uint8_t my_chunks[32];	 /**< Bitmap: we require these. */
	uint16_t my_hmacs[2];	 /**< What we listed (accepted on receive). */
	uint8_t n_my_hmacs;
	uint16_t my_vec_len;
	uint16_t peer_vec_len;
	uint8_t my_vec[FSCTP_AUTH_VEC_MAX];
	uint8_t peer_vec[FSCTP_AUTH_VEC_MAX];
	/** This association's own shared keys (RFC 6458 8.3.3 with an
	 *  association id), FSCTP_AUTH_MAX_KEYS of them, allocated by the
	 *  first; a key id here hides the endpoint's. NULL: none. */
	struct fsctp_auth_key *keys;
	/** Key id of the peer's last verified AUTH (FSCTP_EV_AUTHENTICATION
	 *  NEW_KEY when it changes); our active key at the start. */
	uint16_t peer_key;
};

/** Wipe and free an association's own keys (at reap time). */
void fsctp_auth_assoc_free(struct fsctp_assoc_auth *aa);

/** @return the HMAC length of identifier id, 0 when unsupported. */
size_t fsctp_auth_hmac_len(uint16_t id);

/**
 * HMAC of msg under key with algorithm id (RFC 4895 6.2, RFC 2104).
 * @return the length written to out (FSCTP_AUTH_HMAC_MAX bytes room), or
 *   -ENOTSUP for an unknown id, -EIO when libcrypto failed.
 */
int fsctp_auth_hmac(uint16_t id, const uint8_t *key, size_t klen,
		    const uint8_t *msg, size_t len, uint8_t *out);

/** Default endpoint settings: off, no chunks, SHA-256 then SHA-1, key 0
 * empty and active (RFC 4895 6.1). */
void fsctp_auth_ep_defaults(struct fsctp_auth_ep *e);

/**
 * Build a key vector: the RANDOM, CHUNKS (left out when n_chunks is 0)
 * and HMAC-ALGO parameters, headers included, no padding (RFC 4895 6.1).
 * @return its length, or -ENOSPC.
 */
int fsctp_auth_vec_build(uint8_t *out, size_t cap, const uint8_t *random,
			 size_t rlen, const uint8_t *chunks, size_t n_chunks,
			 const uint16_t *hmacs, size_t n_hmacs);

/**
 * Compare two key vectors as big-endian unsigned numbers (RFC 4895 6.1).
 * @return < 0, 0 or > 0; numbers equal but lengths different compare the
 *   shorter one lower.
 */
int fsctp_auth_vec_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
		       size_t blen);

/**
 * The association shared key (RFC 4895 6.1): the endpoint-pair shared
 * key, then the smaller key vector, then the larger one.
 * @return its length, or -ENOSPC.
 */
int fsctp_auth_shared_key(const uint8_t *epkey, size_t eklen, const uint8_t *v1,
			  size_t v1len, const uint8_t *v2, size_t v2len,
			  uint8_t *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_AUTH_H */
