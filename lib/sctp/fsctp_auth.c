/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Authenticated chunks (RFC 4895): the HMACs (libcrypto), the key vectors
 * and the association shared key (6.1), the AUTH chunk a packet gets on
 * its way out (6.2) and its check on the way in (6.3).
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fsctp_assoc.h"
#include "fsctp_auth.h"
#include "fsctp_cause.h"

/* ------------------------------------------------------------------------ */
/* HMAC, key vectors, shared key                                            */
/* ------------------------------------------------------------------------ */

size_t
fsctp_auth_hmac_len(uint16_t id)
{
	/* RFC 4895 3.3: SHA-1 (20 bytes) and SHA-256 (32 bytes). */
	switch (id) {
	case FSCTP_AUTH_HMAC_SHA1:
		return 20;
	case FSCTP_AUTH_HMAC_SHA256:
		return 32;
	default:
		return 0;
	}
}

int
fsctp_auth_hmac(uint16_t id, const uint8_t *key, size_t klen,
		const uint8_t *msg, size_t len, uint8_t *out)
{
	static const uint8_t empty[1];
	const EVP_MD *md;
	unsigned int mlen = 0;

	if (id == FSCTP_AUTH_HMAC_SHA1)
		md = EVP_sha1();
	else if (id == FSCTP_AUTH_HMAC_SHA256)
		md = EVP_sha256();
	else
		return -ENOTSUP;
	/* An empty key (key id 0 by default, 6.1) is a valid HMAC key. */
	if (HMAC(md, klen ? key : empty, (int)klen, msg, len, out, &mlen) ==
		    NULL ||
	    mlen != fsctp_auth_hmac_len(id))
		return -EIO;
	return (int)mlen;
}

void
fsctp_auth_ep_defaults(struct fsctp_auth_ep *e)
{
	memset(e, 0, sizeof(*e));
	/* RFC 4895 3.3: SHA-1 MUST be listed; SHA-256 is preferred here. */
	e->hmacs[0] = FSCTP_AUTH_HMAC_SHA256;
	e->hmacs[1] = FSCTP_AUTH_HMAC_SHA1;
	e->n_hmacs = 2;
	/* 6.1: key id 0 with an empty key exists by default. */
	e->keys[0].used = true;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

int
fsctp_auth_vec_build(uint8_t *out, size_t cap, const uint8_t *random,
		     size_t rlen, const uint8_t *chunks, size_t n_chunks,
		     const uint16_t *hmacs, size_t n_hmacs)
{
	size_t need =
		4 + rlen + (n_chunks ? 4 + n_chunks : 0) + 4 + 2 * n_hmacs;
	size_t o = 0, i;

	if (need > cap || need > UINT16_MAX)
		return -ENOSPC;
	/* RFC 4895 6.1: the parameters as sent, type and length included,
	 * without their padding. */
	put16(out, FSCTP_PARAM_RANDOM);
	put16(out + 2, (uint16_t)(4 + rlen));
	memcpy(out + 4, random, rlen);
	o = 4 + rlen;
	if (n_chunks) {
		put16(out + o, FSCTP_PARAM_CHUNK_LIST);
		put16(out + o + 2, (uint16_t)(4 + n_chunks));
		memcpy(out + o + 4, chunks, n_chunks);
		o += 4 + n_chunks;
	}
	put16(out + o, FSCTP_PARAM_HMAC_ALGO);
	put16(out + o + 2, (uint16_t)(4 + 2 * n_hmacs));
	o += 4;
	for (i = 0; i < n_hmacs; i++, o += 2)
		put16(out + o, hmacs[i]);
	return (int)o;
}

/* The value of parameter type t in a key vector, or NULL. */
static const uint8_t *
vec_param(const uint8_t *v, size_t len, uint16_t t, size_t *vlen)
{
	size_t o = 0;

	while (o + 4 <= len) {
		size_t l = get16(v + o + 2);

		if (l < 4 || o + l > len)
			return NULL;
		if (get16(v + o) == t) {
			*vlen = l - 4;
			return v + o + 4;
		}
		o += l;
	}
	return NULL;
}

int
fsctp_auth_vec_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t za = 0, zb = 0;
	int c;

	/* RFC 4895 6.1: compared as big-endian numbers; leading zeros do
	 * not count. */
	while (za < alen && a[za] == 0)
		za++;
	while (zb < blen && b[zb] == 0)
		zb++;
	if (alen - za != blen - zb)
		return alen - za < blen - zb ? -1 : 1;
	c = memcmp(a + za, b + zb, alen - za);
	if (c != 0)
		return c;
	/* Same number: the shorter one goes first. */
	return alen < blen ? -1 : alen > blen ? 1 : 0;
}

int
fsctp_auth_shared_key(const uint8_t *epkey, size_t eklen, const uint8_t *v1,
		      size_t v1len, const uint8_t *v2, size_t v2len,
		      uint8_t *out, size_t cap)
{
	const uint8_t *lo = v1, *hi = v2;
	size_t lolen = v1len, hilen = v2len;

	if (eklen + v1len + v2len > cap)
		return -ENOSPC;
	/* RFC 4895 6.1: endpoint pair shared key || smaller key vector ||
	 * larger key vector. */
	if (fsctp_auth_vec_cmp(v1, v1len, v2, v2len) > 0) {
		lo = v2;
		lolen = v2len;
		hi = v1;
		hilen = v1len;
	}
	if (eklen)
		memcpy(out, epkey, eklen);
	memcpy(out + eklen, lo, lolen);
	memcpy(out + eklen + lolen, hi, hilen);
	return (int)(eklen + v1len + v2len);
}

/* ------------------------------------------------------------------------ */
/* Negotiation (RFC 4895 3, 6.1)                                            */
/* ------------------------------------------------------------------------ */

int
fsctp_auth_local_vec(struct fsctp_stack *st, uint8_t *vec, uint16_t *len)
{
	const struct fsctp_auth_ep *e = &st->auth;
	uint8_t rnd[FSCTP_AUTH_RANDOM_LEN];
	int n;

	*len = 0;
	if (!e->enabled)
		return 0;
	/* RFC 4895 3.1 / 6.1: a 32-byte RANDOM, from the random input. */
	fsctp_rand(st, rnd, sizeof(rnd));
	n = fsctp_auth_vec_build(vec, FSCTP_AUTH_VEC_MAX, rnd, sizeof(rnd),
				 e->chunks, e->n_chunks, e->hmacs, e->n_hmacs);
	if (n < 0)
		return n;
	*len = (uint16_t)n;
	return 0;
}

void
fsctp_auth_put_init(const uint8_t *vec, uint16_t len,
		    struct fsctp_init_info *ii)
{
	size_t l;
	const uint8_t *v;

	if (len == 0)
		return;
	/* RFC 4895 3: RANDOM, CHUNKS and HMAC-ALGO in INIT / INIT ACK;
	 * AUTH is listed in the Supported Extensions (RFC 5061 4.2.7). */
	v = vec_param(vec, len, FSCTP_PARAM_RANDOM, &l);
	ii->auth_random.ptr = v;
	ii->auth_random.len = v ? (uint16_t)l : 0;
	v = vec_param(vec, len, FSCTP_PARAM_CHUNK_LIST, &l);
	ii->auth_chunks.ptr = v;
	ii->auth_chunks.len = v ? (uint16_t)l : 0;
	v = vec_param(vec, len, FSCTP_PARAM_HMAC_ALGO, &l);
	ii->auth_hmac_algos.ptr = v;
	ii->auth_hmac_algos.len = v ? (uint16_t)l : 0;
	fsctp_init_ext_set(ii, FSCTP_CHUNK_AUTH);
}

uint16_t
fsctp_auth_peer_vec(const struct fsctp_init_info *ii, uint8_t *vec)
{
	size_t o = 0, l;
	bool sha1 = false;

	/* RFC 4895 6.1: RANDOM and HMAC-ALGO are both needed (CHUNKS may be
	 * left out when empty); 3.3: SHA-1 must be listed. Otherwise the
	 * association runs without AUTH. */
	if (ii->auth_random.ptr == NULL || ii->auth_random.len == 0 ||
	    ii->auth_random.len > FSCTP_AUTH_PEER_RANDOM_MAX ||
	    ii->auth_hmac_algos.ptr == NULL || ii->auth_hmac_algos.len < 2 ||
	    ii->auth_hmac_algos.len > 32 ||
	    (ii->auth_chunks.ptr != NULL && ii->auth_chunks.len > 64))
		return 0;
	for (l = 0; l + 1 < ii->auth_hmac_algos.len; l += 2)
		if (get16(ii->auth_hmac_algos.ptr + l) == FSCTP_AUTH_HMAC_SHA1)
			sha1 = true;
	if (!sha1)
		return 0;
	put16(vec, FSCTP_PARAM_RANDOM);
	put16(vec + 2, (uint16_t)(4 + ii->auth_random.len));
	memcpy(vec + 4, ii->auth_random.ptr, ii->auth_random.len);
	o = 4u + ii->auth_random.len;
	if (ii->auth_chunks.ptr != NULL) {
		put16(vec + o, FSCTP_PARAM_CHUNK_LIST);
		put16(vec + o + 2, (uint16_t)(4 + ii->auth_chunks.len));
		memcpy(vec + o + 4, ii->auth_chunks.ptr, ii->auth_chunks.len);
		o += 4u + ii->auth_chunks.len;
	}
	put16(vec + o, FSCTP_PARAM_HMAC_ALGO);
	put16(vec + o + 2, (uint16_t)(4 + ii->auth_hmac_algos.len));
	memcpy(vec + o + 4, ii->auth_hmac_algos.ptr, ii->auth_hmac_algos.len);
	o += 4u + ii->auth_hmac_algos.len;
	return (uint16_t)o;
}

/* Chunk types RFC 4895 3.2 forbids in CHUNKS: never required. */
static bool
never_authenticated(uint8_t t)
{
	return t == FSCTP_CHUNK_INIT || t == FSCTP_CHUNK_INIT_ACK ||
	       t == FSCTP_CHUNK_SHUTDOWN_COMPLETE || t == FSCTP_CHUNK_AUTH;
}

static void
chunks_bitmap(const uint8_t *v, size_t len, uint8_t *bm)
{
	const uint8_t *c;
	size_t n, i;

	memset(bm, 0, 32);
	c = vec_param(v, len, FSCTP_PARAM_CHUNK_LIST, &n);
	for (i = 0; c != NULL && i < n; i++)
		if (!never_authenticated(c[i]))
			bm[c[i] >> 3] |= (uint8_t)(1u << (c[i] & 7));
}

void
fsctp_auth_assoc_setup(struct fsctp_assoc *a, const uint8_t *my, uint16_t mylen,
		       const uint8_t *peer, uint16_t plen)
{
	struct fsctp_assoc_auth *x = &a->auth;
	struct fsctp_auth_key *keys = x->keys;
	uint8_t mine[FSCTP_AUTH_VEC_MAX];
	const uint8_t *h;
	size_t n, i, k;

	if (mylen > FSCTP_AUTH_VEC_MAX || plen > FSCTP_AUTH_VEC_MAX)
		mylen = plen = 0;
	/* my may be a->auth.my_vec itself (the INIT we sent). The keys of
	 * the association (a restart sets it up again) stay. */
	memcpy(mine, my, mylen);
	memset(x, 0, sizeof(*x));
	x->keys = keys;
	memcpy(x->my_vec, mine, mylen);
	x->my_vec_len = mylen;
	if (mylen == 0 || plen == 0)
		return;
	my = x->my_vec;
	memcpy(x->peer_vec, peer, plen);
	x->peer_vec_len = plen;
	chunks_bitmap(my, mylen, x->my_chunks);
	chunks_bitmap(peer, plen, x->peer_chunks);
	/* What we listed: the HMACs the peer may use towards us. */
	h = vec_param(my, mylen, FSCTP_PARAM_HMAC_ALGO, &n);
	for (i = 0; h != NULL && i + 1 < n && x->n_my_hmacs < 2; i += 2)
		if (fsctp_auth_hmac_len(get16(h + i)))
			x->my_hmacs[x->n_my_hmacs++] = get16(h + i);
	/* 6.1: the receiver of HMAC-ALGO SHOULD use the first listed
	 * algorithm it supports. */
	h = vec_param(peer, plen, FSCTP_PARAM_HMAC_ALGO, &n);
	for (k = 0; h != NULL && k + 1 < n; k += 2)
		if (fsctp_auth_hmac_len(get16(h + k))) {
			x->send_hmac = get16(h + k);
			break;
		}
	if (x->send_hmac == 0 || x->n_my_hmacs == 0)
		return;
	x->active_key = a->st->auth.active_key;
	x->peer_key = x->active_key;
	x->on = true;
}

bool
fsctp_auth_required(const struct fsctp_assoc *a, uint8_t type)
{
	return a->auth.on &&
	       (a->auth.my_chunks[type >> 3] & (1u << (type & 7))) != 0;
}

/* Key id in a key table, or NULL. */
static struct fsctp_auth_key *
key_find(struct fsctp_auth_key *keys, uint16_t id)
{
	unsigned i;

	for (i = 0; keys != NULL && i < FSCTP_AUTH_MAX_KEYS; i++)
		if (keys[i].used && keys[i].id == id)
			return &keys[i];
	return NULL;
}

/* The endpoint-pair shared key of id, or NULL (6.1). */
static struct fsctp_auth_key *
ep_key(const struct fsctp_stack *st, uint16_t id)
{
	return key_find((struct fsctp_auth_key *)st->auth.keys, id);
}

/* The key id an association uses: its own (RFC 6458 8.3.3 with an
 * association id) before the endpoint's. */
static struct fsctp_auth_key *
assoc_key(const struct fsctp_stack *st, const struct fsctp_assoc *a,
	  uint16_t id)
{
	struct fsctp_auth_key *k = key_find(a->auth.keys, id);

	return k != NULL ? k : ep_key(st, id);
}

void
fsctp_auth_assoc_free(struct fsctp_assoc_auth *aa)
{
	if (aa->keys == NULL)
		return;
	OPENSSL_cleanse(aa->keys, FSCTP_AUTH_MAX_KEYS * sizeof(*aa->keys));
	free(aa->keys);
	aa->keys = NULL;
}

/* HMAC of msg (the AUTH chunk, HMAC zeroed, and what follows) under the
 * association shared key of key id kid. */
static int
assoc_hmac(const struct fsctp_assoc *a, const struct fsctp_auth_key *k,
	   uint16_t hmac_id, const uint8_t *msg, size_t len, uint8_t *out)
{
	uint8_t key[FSCTP_AUTH_KEY_MAX + 2 * FSCTP_AUTH_VEC_MAX];
	int kl;

	kl = fsctp_auth_shared_key(k->key, k->len, a->auth.my_vec,
				   a->auth.my_vec_len, a->auth.peer_vec,
				   a->auth.peer_vec_len, key, sizeof(key));
	if (kl < 0)
		return kl;
	kl = fsctp_auth_hmac(hmac_id, key, (size_t)kl, msg, len, out);
	OPENSSL_cleanse(key, sizeof(key));
	return kl;
}

/* ------------------------------------------------------------------------ */
/* Send (RFC 4895 6.2)                                                      */
/* ------------------------------------------------------------------------ */

uint32_t
fsctp_auth_tx_room(const struct fsctp_assoc *a)
{
	static const uint8_t zero[32];

	if (a == NULL || !a->auth.on ||
	    memcmp(a->auth.peer_chunks, zero, sizeof(zero)) == 0)
		return 0;
	return 8u + (uint32_t)fsctp_auth_hmac_len(a->auth.send_hmac);
}

void
fsctp_auth_tx(struct fsctp_stack *st, struct fsctp_out *o)
{
	struct fsctp_assoc *a = o->a;
	const struct fsctp_auth_key *k;
	size_t off = 12, alen;
	uint8_t *p;

	if (a == NULL || !a->auth.on || o->w.err)
		return;
	/* 6.2: the AUTH chunk goes before the first chunk the peer asked
	 * to receive authenticated (a COOKIE ECHO stays first: its keys
	 * are in the cookie, 6.3). */
	while (off + 4 <= o->w.len) {
		uint8_t t = o->pkt[off];
		size_t l = (size_t)get16(o->pkt + off + 2);

		if (l < 4)
			return;
		if (t != FSCTP_CHUNK_COOKIE_ECHO &&
		    (a->auth.peer_chunks[t >> 3] & (1u << (t & 7))))
			break;
		/* RFC 5061 4.1.1, 4.1.2: ASCONF and ASCONF-ACK always go
		 * authenticated. */
		if (t == FSCTP_CHUNK_ASCONF || t == FSCTP_CHUNK_ASCONF_ACK)
			break;
		off += (l + 3) & ~(size_t)3;
	}
	if (off + 4 > o->w.len)
		return;
	alen = 8 + fsctp_auth_hmac_len(a->auth.send_hmac);
	k = assoc_key(st, a, a->auth.active_key);
	if (k == NULL || o->w.len + alen > o->pkt_cap) {
		st->ctr.fsctp_auth_tx_fail++;
		return;
	}
	p = o->pkt + off;
	memmove(p + alen, p, o->w.len - off);
	o->w.len += alen;
	put16(p, (uint16_t)(FSCTP_CHUNK_AUTH << 8));
	put16(p + 2, (uint16_t)alen);
	put16(p + 4, a->auth.active_key);
	put16(p + 6, a->auth.send_hmac);
	memset(p + 8, 0, alen - 8);
	/* 6.2: over the AUTH chunk (HMAC zero) and every chunk after it. */
	if (assoc_hmac(a, k, a->auth.send_hmac, p, o->w.len - off, p + 8) < 0) {
		st->ctr.fsctp_auth_tx_fail++;
		return;
	}
	st->ctr.fsctp_auth_tx++;
}

/* ------------------------------------------------------------------------ */
/* Receive (RFC 4895 6.3)                                                   */
/* ------------------------------------------------------------------------ */

static int
rx_auth_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
	      struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	const uint8_t *start = ch->hdr;
	const uint8_t *end = rx->pkt->chunks + rx->pkt->chunks_len;
	uint8_t buf[FSCTP_PMTU_MAX];
	uint8_t mac[FSCTP_AUTH_HMAC_MAX];
	const struct fsctp_auth_key *k;
	struct fsctp_auth_info ai;
	size_t len = (size_t)(end - start), hl;
	unsigned i;
	bool listed = false;

	if (fsctp_decode_auth(ch, &ai) < 0) {
		st->ctr.fsctp_auth_rx_bad++;
		return -1;
	}
	/* 6.3: an HMAC identifier we did not list: ERROR with Unsupported
	 * HMAC Identifier, and the AUTH chunk and all after it discarded. */
	for (i = 0; i < a->auth.n_my_hmacs; i++)
		if (a->auth.my_hmacs[i] == ai.hmac_id)
			listed = true;
	if (!listed) {
		st->ctr.fsctp_auth_rx_bad_hmac_id++;
		if (!rx->no_error_reply)
			fsctp_encode_cause_unsupported_hmac(&rx->errw,
							    ai.hmac_id);
		return -1;
	}
	/* 6.3: no endpoint pair shared key of that id: silently discard. */
	k = assoc_key(st, a, ai.key_id);
	if (k == NULL) {
		st->ctr.fsctp_auth_rx_bad_key++;
		return -1;
	}
	/* 6.3: an HMAC of the wrong length: discard. */
	hl = fsctp_auth_hmac_len(ai.hmac_id);
	if (ai.hmac.len != hl || len > sizeof(buf)) {
		st->ctr.fsctp_auth_rx_bad++;
		return -1;
	}
	/* 6.3: computed over the AUTH chunk with its HMAC zeroed, and every
	 * chunk after it. */
	memcpy(buf, start, len);
	memset(buf + 8, 0, hl);
	if (assoc_hmac(a, k, ai.hmac_id, buf, len, mac) != (int)hl ||
	    CRYPTO_memcmp(mac, ai.hmac.ptr, hl) != 0) {
		st->ctr.fsctp_auth_rx_bad++;
		a->ctr.auth_rx_bad++;
		return -1;
	}
	rx->auth_ok = true;
	st->ctr.fsctp_auth_rx_ok++;
	/* RFC 6458 6.1.8: the peer signs with another key now. */
	if (ai.key_id != a->auth.peer_key) {
		struct fsctp_event ev;

		a->auth.peer_key = ai.key_id;
		memset(&ev, 0, sizeof(ev));
		ev.type = FSCTP_EV_AUTHENTICATION;
		ev.auth_indication = FSCTP_AUTH_NEW_KEY;
		ev.keynumber = ai.key_id;
		fsctp_assoc_emit(a, &ev);
		if (a->dead)
			return -1;
	}
	return 0;
}

int
fsctp_auth_rx(struct fsctp_stack *st, struct fsctp_assoc *a,
	      struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	if (!a->auth.on)
		return 1;
	if (ch->type == FSCTP_CHUNK_AUTH) {
		/* 6.3: a second AUTH in one packet is not checked again. */
		if (rx->auth_ok)
			return 0;
		return rx_auth_chunk(st, a, rx, ch);
	}
	/* 6.3: a chunk we require authenticated without a valid AUTH before
	 * it is discarded (and counted). */
	if (!rx->auth_ok && fsctp_auth_required(a, (uint8_t)ch->type)) {
		st->ctr.fsctp_auth_rx_unauth_drop++;
		a->ctr.auth_rx_unauth_drop++;
		return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------------ */
/* Settings (RFC 6458 8.1.18-8.1.23, 8.2.7, 8.2.8)                          */
/* ------------------------------------------------------------------------ */

int
fsctp_stack_auth_chunk(struct fsctp_stack *st, uint8_t t)
{
	struct fsctp_auth_ep *e;
	unsigned i;

	if (st == NULL || never_authenticated(t))
		return -EINVAL;
	e = &st->auth;
	for (i = 0; i < e->n_chunks; i++)
		if (e->chunks[i] == t)
			return 0;
	if (e->n_chunks >= FSCTP_AUTH_CHUNKS_MAX)
		return -ENOSPC;
	e->chunks[e->n_chunks++] = t;
	return 0;
}

int
fsctp_stack_auth_hmacs(struct fsctp_stack *st, const uint16_t *ids, unsigned n)
{
	bool sha1 = false;
	unsigned i;

	if (st == NULL || ids == NULL || n == 0 || n > 2)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (fsctp_auth_hmac_len(ids[i]) == 0 ||
		    (i == 1 && ids[0] == ids[1]))
			return -EINVAL;
		sha1 |= ids[i] == FSCTP_AUTH_HMAC_SHA1;
	}
	/* RFC 4895 3.3: SHA-1 MUST be supported and listed. */
	if (!sha1)
		return -EINVAL;
	memcpy(st->auth.hmacs, ids, n * sizeof(*ids));
	st->auth.n_hmacs = (uint8_t)n;
	return 0;
}

int
fsctp_stack_auth_key(struct fsctp_stack *st, fsctp_assoc_id_t assoc,
		     uint16_t id, const uint8_t *key, size_t len)
{
	struct fsctp_auth_key *keys, *k;
	struct fsctp_assoc *a = NULL;
	unsigned i;

	if (st == NULL || len > FSCTP_AUTH_KEY_MAX || (key == NULL && len))
		return -EINVAL;
	keys = st->auth.keys;
	if (assoc != 0) {
		a = fsctp_lookup_id(st, assoc);
		if (a == NULL || a->dead)
			return -ENOTCONN;
		if (a->auth.keys == NULL) {
			a->auth.keys = calloc(FSCTP_AUTH_MAX_KEYS,
					      sizeof(*a->auth.keys));
			if (a->auth.keys == NULL)
				return -ENOMEM;
		}
		keys = a->auth.keys;
	}
	k = key_find(keys, id);
	for (i = 0; i < FSCTP_AUTH_MAX_KEYS && k == NULL; i++)
		if (!keys[i].used)
			k = &keys[i];
	if (k == NULL)
		return -ENOSPC;
	OPENSSL_cleanse(k, sizeof(*k));
	k->used = true;
	k->id = id;
	k->len = (uint8_t)len;
	if (len)
		memcpy(k->key, key, len);
	return 0;
}

int
fsctp_stack_auth_active_key(struct fsctp_stack *st, fsctp_assoc_id_t assoc,
			    uint16_t id)
{
	struct fsctp_assoc *a;

	if (st == NULL)
		return -EINVAL;
	if (assoc == 0) {
		if (ep_key(st, id) == NULL)
			return -ENOENT;
		st->auth.active_key = id;
		return 0;
	}
	a = fsctp_lookup_id(st, assoc);
	if (a == NULL || a->dead)
		return -ENOTCONN;
	if (assoc_key(st, a, id) == NULL)
		return -ENOENT;
	a->auth.active_key = id;
	return 0;
}

int
fsctp_stack_auth_delete_key(struct fsctp_stack *st, fsctp_assoc_id_t assoc,
			    uint16_t id)
{
	struct fsctp_auth_key *k;
	struct fsctp_assoc *a;

	if (st == NULL)
		return -EINVAL;
	if (assoc != 0) {
		/* An association's own key; the active one stays
		 * (8.3.4). */
		a = fsctp_lookup_id(st, assoc);
		if (a == NULL || a->dead)
			return -ENOTCONN;
		k = key_find(a->auth.keys, id);
		if (k == NULL)
			return -ENOENT;
		if (a->auth.active_key == id)
			return -EBUSY;
		OPENSSL_cleanse(k, sizeof(*k));
		return 0;
	}
	k = ep_key(st, id);
	if (k == NULL)
		return -ENOENT;
	/* RFC 6458 8.3.4: the active key cannot be deleted. */
	if (st->auth.active_key == id)
		return -EBUSY;
	for (a = st->list; a != NULL; a = a->list_next)
		if (a->auth.on && a->auth.active_key == id)
			return -EBUSY;
	OPENSSL_cleanse(k, sizeof(*k));
	return 0;
}

int
fsctp_stack_auth_chunks(const struct fsctp_stack *st, fsctp_assoc_id_t assoc,
			bool peer, uint8_t *out, unsigned max)
{
	const struct fsctp_assoc *a;
	const uint8_t *bm;
	unsigned n = 0, t;

	if (st == NULL || (out == NULL && max > 0))
		return -EINVAL;
	if (assoc == 0) {
		if (peer)
			return -EINVAL;
		for (t = 0; t < st->auth.n_chunks; t++)
			if (n < max)
				out[n++] = st->auth.chunks[t];
		return (int)st->auth.n_chunks;
	}
	a = fsctp_lookup_id(st, assoc);
	if (a == NULL || a->dead)
		return -ENOTCONN;
	bm = peer ? a->auth.peer_chunks : a->auth.my_chunks;
	for (t = 0; t < 256; t++)
		if (bm[t >> 3] & (1u << (t & 7))) {
			if (n < max)
				out[n] = (uint8_t)t;
			n++;
		}
	return (int)n;
}
