/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The AUTH socket options (RFC 6458 8.2.7, 8.2.8, 8.3.1-8.3.5; RFC 4895)
 * mapped onto the core's AUTH settings (fsctp_stack_auth_*()).
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "fsctp_api_internal.h"
#include "fsctp_assoc.h"

bool
fsctp_api_auth_opt(enum fsctp_opt opt)
{
	switch (opt) {
	case FSCTP_OPT_AUTH_CHUNK:
	case FSCTP_OPT_AUTH_SUPPORTED:
	case FSCTP_OPT_ASCONF_SUPPORTED:
	case FSCTP_OPT_HMAC_IDENT:
	case FSCTP_OPT_AUTH_KEY:
	case FSCTP_OPT_AUTH_ACTIVE_KEY:
	case FSCTP_OPT_AUTH_DELETE_KEY:
	case FSCTP_OPT_PEER_AUTH_CHUNKS:
	case FSCTP_OPT_LOCAL_AUTH_CHUNKS:
		return true;
	default:
		return false;
	}
}

int
fsctp_api_auth_getopt(struct fsctp_stack *st, fsctp_assoc_id_t id,
		      enum fsctp_opt opt, void *val, size_t *len)
{
	struct fsctp_assoc *a = NULL;
	int n;

	if (id != 0) {
		a = fsctp_lookup_id(st, id);
		if (a == NULL)
			return -ENOTCONN;
	}
	switch (opt) {
	case FSCTP_OPT_AUTH_SUPPORTED:
		if (*len < sizeof(int))
			return -EINVAL;
		*len = sizeof(int);
		*(int *)val = a != NULL ? a->auth.on : st->auth.enabled;
		return 0;
	case FSCTP_OPT_ASCONF_SUPPORTED:
		if (*len < sizeof(int))
			return -EINVAL;
		*len = sizeof(int);
		*(int *)val = a != NULL ? (a->features & FSCTP_FEAT_ASCONF) != 0
					: st->cfg.asconf;
		return 0;
	case FSCTP_OPT_HMAC_IDENT: {
		struct fsctp_hmacalgo *h = val;

		if (*len < sizeof(*h) || a != NULL)
			return -EINVAL;
		*len = sizeof(*h);
		memset(h, 0, sizeof(*h));
		h->n = st->auth.n_hmacs;
		memcpy(h->idents, st->auth.hmacs, sizeof(h->idents));
		return 0;
	}
	case FSCTP_OPT_AUTH_ACTIVE_KEY: {
		struct fsctp_authkeyid *k = val;

		if (*len < sizeof(*k))
			return -EINVAL;
		*len = sizeof(*k);
		k->keynumber =
			a != NULL ? a->auth.active_key : st->auth.active_key;
		return 0;
	}
	case FSCTP_OPT_PEER_AUTH_CHUNKS:
	case FSCTP_OPT_LOCAL_AUTH_CHUNKS: {
		struct fsctp_authchunks *c = val;

		if (*len < sizeof(*c))
			return -EINVAL;
		n = fsctp_stack_auth_chunks(st, id,
					    opt == FSCTP_OPT_PEER_AUTH_CHUNKS,
					    c->chunks, sizeof(c->chunks));
		if (n < 0)
			return n;
		*len = sizeof(*c);
		c->n = (uint32_t)n;
		return 0;
	}
	default:
		/* AUTH_CHUNK, AUTH_KEY and AUTH_DELETE_KEY are set only. */
		return -ENOTSUP;
	}
}

int
fsctp_api_auth_setopt(struct fsctp_stack *st, fsctp_assoc_id_t id,
		      enum fsctp_opt opt, const void *val, size_t len)
{
	switch (opt) {
	case FSCTP_OPT_AUTH_ACTIVE_KEY: {
		const struct fsctp_authkeyid *k = val;

		if (len != sizeof(*k))
			return -EINVAL;
		return fsctp_stack_auth_active_key(st, id, k->keynumber);
	}
	case FSCTP_OPT_PEER_AUTH_CHUNKS:
	case FSCTP_OPT_LOCAL_AUTH_CHUNKS:
		return -ENOTSUP; /* read-only */
	case FSCTP_OPT_AUTH_KEY: {
		/* RFC 6458 8.3.3: the endpoint's, or an association's. */
		const struct fsctp_authkey *k = val;

		if (len != sizeof(*k) || k->keylength > sizeof(k->key))
			return -EINVAL;
		return fsctp_stack_auth_key(st, id, k->keynumber, k->key,
					    k->keylength);
	}
	case FSCTP_OPT_AUTH_DELETE_KEY: {
		const struct fsctp_authkeyid *k = val;

		if (len != sizeof(*k))
			return -EINVAL;
		return fsctp_stack_auth_delete_key(st, id, k->keynumber);
	}
	default:
		break;
	}
	/* The others are the endpoint's only. */
	if (id != 0)
		return -EINVAL;
	switch (opt) {
	case FSCTP_OPT_AUTH_SUPPORTED:
		if (len != sizeof(int))
			return -EINVAL;
		st->auth.enabled = *(const int *)val != 0;
		st->cfg.auth = st->auth.enabled;
		return 0;
	case FSCTP_OPT_ASCONF_SUPPORTED:
		if (len != sizeof(int) || id != 0)
			return -EINVAL;
		st->cfg.asconf = *(const int *)val != 0;
		/* RFC 5061 4.1.1: ASCONF and ASCONF-ACK travel
		 * authenticated (used only with AUTH on). */
		if (st->cfg.asconf) {
			(void)fsctp_stack_auth_chunk(st, FSCTP_CHUNK_ASCONF);
			(void)fsctp_stack_auth_chunk(st,
						     FSCTP_CHUNK_ASCONF_ACK);
		}
		return 0;
	case FSCTP_OPT_AUTH_CHUNK:
		if (len != sizeof(struct fsctp_authchunk))
			return -EINVAL;
		return fsctp_stack_auth_chunk(
			st, ((const struct fsctp_authchunk *)val)->chunk);
	case FSCTP_OPT_HMAC_IDENT: {
		const struct fsctp_hmacalgo *h = val;

		if (len != sizeof(*h) || h->n > 2)
			return -EINVAL;
		return fsctp_stack_auth_hmacs(st, h->idents, h->n);
	}
	default:
		return -EINVAL;
	}
}
