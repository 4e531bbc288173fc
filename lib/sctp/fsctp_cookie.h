/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The State Cookie (RFC 9260 5.1.3, 5.1.5): everything needed to build the
 * TCB, signed with HMAC-SHA-256 under a secret that rotates, so that no
 * state is allocated before a valid COOKIE ECHO arrives.
 *
 * Layout inside the State Cookie parameter: struct fsctp_cookie_body as
 * bytes, then FSCTP_COOKIE_MAC_LEN bytes of HMAC over the body. The body is
 * only ever read back by an fsctp stack of the same build, so it is kept in
 * host byte order.
 *
 * Secret rotation: the secret is replaced every rotate period
 * (Valid.Cookie.Life plus the largest Cookie Preservative increment); the
 * previous secret stays valid until the next rotation, so every cookie is
 * verifiable for its whole lifetime and no longer.
 */
#ifndef FSCTP_COOKIE_H
#define FSCTP_COOKIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsctp_auth.h"
#include "fsctp_path.h"
#include "fsctp_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** HMAC-SHA-256 output size. */
#define FSCTP_COOKIE_MAC_LEN 32
/** Secret size. */
#define FSCTP_COOKIE_KEY_LEN 32
/** Identifies the cookie layout. */
#define FSCTP_COOKIE_MAGIC 0x66734331u /* "fsC1" */
/** Largest Cookie Preservative increment honoured (RFC 9260 5.2.6). */
#define FSCTP_COOKIE_PRESERVATIVE_MAX_MS 30000u

/** What a State Cookie carries (RFC 9260 5.1.3). */
struct fsctp_cookie_body {
	uint32_t magic;
	uint32_t key_gen;	/**< Generation of the signing secret. */
	uint64_t created;	/**< Creation time, microseconds. */
	uint64_t lifetime;	/**< Lifetime, microseconds. */
	uint32_t my_vtag;	/**< Our Initiate Tag (sent in INIT ACK). */
	uint32_t peer_vtag;	/**< The peer's Initiate Tag. */
	uint32_t my_itsn;	/**< Our initial TSN. */
	uint32_t peer_itsn;	/**< The peer's initial TSN. */
	uint32_t peer_rwnd;	/**< The peer's a_rwnd. */
	uint32_t local_tie_tag; /**< 5.2.2 Local-Tie-Tag (random), or 0. */
	uint32_t peer_tie_tag;	/**< 5.2.2 Peer's-Tie-Tag (random), or 0. */
	uint16_t n_out;		/**< Negotiated outbound streams. */
	uint16_t n_in;		/**< Negotiated inbound streams. */
	uint16_t local_port;
	uint16_t peer_port;
	uint32_t features; /**< Negotiated FSCTP_FEAT_* (fsctp_assoc.h). */
	uint8_t n_addrs;   /**< Peer addresses in addrs (>= 1). */
	uint8_t pad[3];
	struct fsctp_addr local; /**< Our address (INIT dst). */
	struct fsctp_addr addrs[FSCTP_MAX_PATHS]; /**< [0] = INIT source. */
	/** RFC 4895 6.1: both key vectors (ours with the RANDOM of the INIT
	 * ACK); lengths 0 without AUTH. */
	uint16_t auth_my_len;
	uint16_t auth_peer_len;
	uint8_t auth_my[FSCTP_AUTH_VEC_MAX];
	uint8_t auth_peer[FSCTP_AUTH_VEC_MAX];
};

/** Bytes of a State Cookie parameter's value. */
#define FSCTP_COOKIE_LEN \
	(sizeof(struct fsctp_cookie_body) + FSCTP_COOKIE_MAC_LEN)

/** The rotating secret. */
struct fsctp_cookie_secret {
	uint8_t key[2][FSCTP_COOKIE_KEY_LEN]; /**< [gen & 1]. */
	uint32_t gen;			      /**< Current generation. */
	fsctp_time_t rotated;		      /**< When gen began. */
	uint64_t period;		      /**< Rotation period, us. */
	/** HMAC contexts keyed with key[i] once (an EVP_MAC_CTX each, or
	 * NULL: the one-shot HMAC is used), so that a cookie costs the
	 * hashing and not the key set-up; freed by
	 * fsctp_cookie_secret_fini(). */
	void *mac[2];
};

/**
 * Initialise the secret from key bytes (KEY_LEN of them) at time now.
 * The previous generation is unusable until the first rotation.
 */
void fsctp_cookie_secret_init(struct fsctp_cookie_secret *s, const uint8_t *key,
			      uint64_t period, fsctp_time_t now);

/** Free what fsctp_cookie_secret_init() and _rotate() allocated. */
void fsctp_cookie_secret_fini(struct fsctp_cookie_secret *s);

/** @return true when the secret is due for rotation at now. */
bool fsctp_cookie_secret_due(const struct fsctp_cookie_secret *s,
			     fsctp_time_t now);

/** Rotate to a new secret (key: KEY_LEN fresh random bytes). */
void fsctp_cookie_secret_rotate(struct fsctp_cookie_secret *s,
				const uint8_t *key, fsctp_time_t now);

/**
 * Sign a body: sets body->magic and body->key_gen, writes the cookie
 * (FSCTP_COOKIE_LEN bytes) to out.
 * @return 0, or -ENOSPC when cap is too small, -EIO if HMAC failed.
 */
int fsctp_cookie_sign(const struct fsctp_cookie_secret *s,
		      struct fsctp_cookie_body *body, uint8_t *out, size_t cap);

/**
 * Authenticate a cookie (RFC 9260 5.1.5 steps 1-2) and copy its body out.
 * Staleness and port/tag checks are the caller's.
 * @return 0; -EMSGSIZE for a wrong length or layout; -EACCES for a MAC that
 *   does not verify under the current or the previous secret.
 */
int fsctp_cookie_open(const struct fsctp_cookie_secret *s, const uint8_t *ck,
		      size_t len, struct fsctp_cookie_body *body);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_COOKIE_H */
