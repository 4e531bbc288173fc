/* SPDX-License-Identifier: BSD-3-Clause */
/* State Cookie signing and authentication (RFC 9260 5.1.3, 5.1.5). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include "fsctp_cookie.h"

/* An HMAC-SHA-256 context keyed once (RFC 2104: the padded key's two
 * hash states are computed here, not per cookie); NULL on failure. */
static void *
mac_ctx_new(const uint8_t *key)
{
	OSSL_PARAM params[2];
	EVP_MAC_CTX *c = NULL;
	EVP_MAC *mac;

	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac == NULL)
		return NULL;
	c = EVP_MAC_CTX_new(mac);
	EVP_MAC_free(mac); /* the context holds its own reference */
	if (c == NULL)
		return NULL;
	params[0] =
		OSSL_PARAM_construct_utf8_string("digest", (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (EVP_MAC_init(c, key, FSCTP_COOKIE_KEY_LEN, params) != 1) {
		EVP_MAC_CTX_free(c);
		return NULL;
	}
	return c;
}

void
fsctp_cookie_secret_init(struct fsctp_cookie_secret *s, const uint8_t *key,
			 uint64_t period, fsctp_time_t now)
{
	memset(s, 0, sizeof(*s));
	s->gen = 1;
	memcpy(s->key[1], key, FSCTP_COOKIE_KEY_LEN);
	s->mac[1] = mac_ctx_new(key);
	s->rotated = now;
	s->period = period;
}

void
fsctp_cookie_secret_fini(struct fsctp_cookie_secret *s)
{
	EVP_MAC_CTX_free(s->mac[0]);
	EVP_MAC_CTX_free(s->mac[1]);
	s->mac[0] = s->mac[1] = NULL;
	OPENSSL_cleanse(s->key, sizeof(s->key));
}

bool
fsctp_cookie_secret_due(const struct fsctp_cookie_secret *s, fsctp_time_t now)
{
	return now >= s->rotated && now - s->rotated >= s->period;
}

void
fsctp_cookie_secret_rotate(struct fsctp_cookie_secret *s, const uint8_t *key,
			   fsctp_time_t now)
{
	s->gen++;
	memcpy(s->key[s->gen & 1], key, FSCTP_COOKIE_KEY_LEN);
	EVP_MAC_CTX_free(s->mac[s->gen & 1]);
	s->mac[s->gen & 1] = mac_ctx_new(key);
	s->rotated = now;
}

/*
 * The parts of a body its MAC covers: everything but the address slots
 * past n_addrs and the key vector bytes past their lengths (most cookies
 * carry one address and no AUTH, so the MAC hashes a sixth of the body).
 * Those unused bytes must be zero: the signer zeroes them, the opener
 * refuses a cookie where they are not, so no byte of a cookie can change
 * unnoticed. Lengths past their arrays are clamped here; the header that
 * holds them is covered, and fsctp_cookie_open() refuses them after.
 */
struct cookie_span {
	size_t off, len;
	bool mac; /* covered by the MAC, else must be zero */
};

#define COOKIE_SPANS 6

static void
cookie_spans(const struct fsctp_cookie_body *b, struct cookie_span *sp)
{
	const size_t as = sizeof(b->addrs[0]);
	const size_t o_addrs = offsetof(struct fsctp_cookie_body, addrs);
	const size_t o_my = offsetof(struct fsctp_cookie_body, auth_my);
	const size_t o_peer = offsetof(struct fsctp_cookie_body, auth_peer);
	size_t n = b->n_addrs < FSCTP_MAX_PATHS ? b->n_addrs : FSCTP_MAX_PATHS;
	size_t ml = b->auth_my_len < FSCTP_AUTH_VEC_MAX ? b->auth_my_len
							: FSCTP_AUTH_VEC_MAX;
	size_t pl = b->auth_peer_len < FSCTP_AUTH_VEC_MAX ? b->auth_peer_len
							  : FSCTP_AUTH_VEC_MAX;

	sp[0] = (struct cookie_span){ 0, o_addrs + n * as, true };
	sp[1] = (struct cookie_span){ o_addrs + n * as,
				      (FSCTP_MAX_PATHS - n) * as, false };
	sp[2] = (struct cookie_span){ o_addrs + FSCTP_MAX_PATHS * as,
				      o_my + ml -
					      (o_addrs + FSCTP_MAX_PATHS * as),
				      true };
	sp[3] = (struct cookie_span){ o_my + ml, o_peer - (o_my + ml), false };
	sp[4] = (struct cookie_span){ o_peer, pl, true };
	sp[5] = (struct cookie_span){ o_peer + pl, sizeof(*b) - (o_peer + pl),
				      false };
}

/* HMAC-SHA-256 (RFC 9260 5.1.3: a MAC with a secret key of the endpoint)
 * of the covered spans of the body at ck, under key[i]: the keyed context
 * is reset to its key and reused; without one, the one-shot HMAC. */
static int
cookie_mac(const struct fsctp_cookie_secret *s, unsigned int i,
	   const uint8_t *ck, const struct cookie_span *sp, uint8_t *mac)
{
	uint8_t msg[sizeof(struct fsctp_cookie_body)];
	EVP_MAC_CTX *c = s->mac[i];
	unsigned int mlen = 0, k;
	size_t len = 0, olen = 0;

	for (k = 0; k < COOKIE_SPANS; k++)
		if (sp[k].mac) {
			memcpy(msg + len, ck + sp[k].off, sp[k].len);
			len += sp[k].len;
		}
	if (c != NULL) {
		if (EVP_MAC_init(c, NULL, 0, NULL) != 1 ||
		    EVP_MAC_update(c, msg, len) != 1 ||
		    EVP_MAC_final(c, mac, &olen, FSCTP_COOKIE_MAC_LEN) != 1 ||
		    olen != FSCTP_COOKIE_MAC_LEN)
			return -EIO;
		return 0;
	}
	if (HMAC(EVP_sha256(), s->key[i], FSCTP_COOKIE_KEY_LEN, msg, len, mac,
		 &mlen) == NULL ||
	    mlen != FSCTP_COOKIE_MAC_LEN)
		return -EIO;
	return 0;
}

int
fsctp_cookie_sign(const struct fsctp_cookie_secret *s,
		  struct fsctp_cookie_body *body, uint8_t *out, size_t cap)
{
	struct cookie_span sp[COOKIE_SPANS];
	unsigned int k;

	if (cap < FSCTP_COOKIE_LEN)
		return -ENOSPC;
	body->magic = FSCTP_COOKIE_MAGIC;
	body->key_gen = s->gen;
	memcpy(out, body, sizeof(*body));
	cookie_spans(body, sp);
	for (k = 0; k < COOKIE_SPANS; k++)
		if (!sp[k].mac)
			memset(out + sp[k].off, 0, sp[k].len);
	return cookie_mac(s, s->gen & 1, out, sp, out + sizeof(*body));
}

static bool
all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc = 0;

	while (len-- > 0)
		acc |= *p++;
	return acc == 0;
}

int
fsctp_cookie_open(const struct fsctp_cookie_secret *s, const uint8_t *ck,
		  size_t len, struct fsctp_cookie_body *body)
{
	struct cookie_span sp[COOKIE_SPANS];
	uint8_t mac[FSCTP_COOKIE_MAC_LEN];
	unsigned int k;

	if (len != FSCTP_COOKIE_LEN)
		return -EMSGSIZE;
	memcpy(body, ck, sizeof(*body));
	if (body->magic != FSCTP_COOKIE_MAGIC)
		return -EACCES;
	/* Only the current secret and the one before it sign valid
	 * cookies; generation 0 never existed. */
	if (body->key_gen != s->gen &&
	    (body->key_gen + 1 != s->gen || body->key_gen == 0))
		return -EACCES;
	cookie_spans(body, sp);
	for (k = 0; k < COOKIE_SPANS; k++)
		if (!sp[k].mac && !all_zero(ck + sp[k].off, sp[k].len))
			return -EACCES;
	if (cookie_mac(s, body->key_gen & 1, ck, sp, mac))
		return -EACCES;
	if (CRYPTO_memcmp(mac, ck + sizeof(*body), sizeof(mac)) != 0)
		return -EACCES;
	if (body->n_addrs == 0 || body->n_addrs > FSCTP_MAX_PATHS ||
	    body->auth_my_len > FSCTP_AUTH_VEC_MAX ||
	    body->auth_peer_len > FSCTP_AUTH_VEC_MAX)
		return -EMSGSIZE;
	return 0;
}
