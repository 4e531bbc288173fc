/* SPDX-License-Identifier: BSD-3-Clause */
/* State Cookie signing and authentication (RFC 9260 5.1.3, 5.1.5). */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fsctp_cookie.h"

void
fsctp_cookie_secret_init(struct fsctp_cookie_secret *s, const uint8_t *key,
			 uint64_t period, fsctp_time_t now)
{
	memset(s, 0, sizeof(*s));
	s->gen = 1;
	memcpy(s->key[1], key, FSCTP_COOKIE_KEY_LEN);
	s->rotated = now;
	s->period = period;
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
	s->rotated = now;
}

static int
cookie_mac(const uint8_t *key, const uint8_t *msg, size_t len, uint8_t *mac)
{
	unsigned int mlen = 0;

	if (HMAC(EVP_sha256(), key, FSCTP_COOKIE_KEY_LEN, msg, len, mac,
		 &mlen) == NULL ||
	    mlen != FSCTP_COOKIE_MAC_LEN)
		return -EIO;
	return 0;
}

int
fsctp_cookie_sign(const struct fsctp_cookie_secret *s,
		  struct fsctp_cookie_body *body, uint8_t *out, size_t cap)
{
	if (cap < FSCTP_COOKIE_LEN)
		return -ENOSPC;
	body->magic = FSCTP_COOKIE_MAGIC;
	body->key_gen = s->gen;
	memcpy(out, body, sizeof(*body));
	return cookie_mac(s->key[s->gen & 1], out, sizeof(*body),
			  out + sizeof(*body));
}

int
fsctp_cookie_open(const struct fsctp_cookie_secret *s, const uint8_t *ck,
		  size_t len, struct fsctp_cookie_body *body)
{
	uint8_t mac[FSCTP_COOKIE_MAC_LEN];

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
	if (cookie_mac(s->key[body->key_gen & 1], ck, sizeof(*body), mac))
		return -EACCES;
	if (CRYPTO_memcmp(mac, ck + sizeof(*body), sizeof(mac)) != 0)
		return -EACCES;
	if (body->n_addrs == 0 || body->n_addrs > FSCTP_MAX_PATHS ||
	    body->auth_my_len > FSCTP_AUTH_VEC_MAX ||
	    body->auth_peer_len > FSCTP_AUTH_VEC_MAX)
		return -EMSGSIZE;
	return 0;
}
