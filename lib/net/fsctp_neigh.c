/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_neigh.h"

enum nstate {
	N_FREE = 0,
	N_INCOMPLETE,
	N_REACHABLE,
	N_STALE,
};

struct entry {
	uint8_t state;
	uint8_t family;
	uint8_t probes; /* sent while INCOMPLETE */
	uint8_t n_pending;
	uint8_t ip[16];
	uint8_t mac[6];
	fsctp_time_t when; /* INCOMPLETE: next probe; else: stale at */
	fsctp_time_t used; /* last update, for eviction */
	void *pending[FSCTP_NEIGH_PENDING_MAX];
};

struct fsctp_neigh_table {
	struct fsctp_neigh_config cfg;
	struct fsctp_neigh_ops ops;
	struct fsctp_neigh_stats stats;
	uint32_t count;
	struct entry e[]; /* cfg.max_entries; linear search keeps it simple:
			     tables are small (one link's neighbours). */
};

void
fsctp_neigh_config_defaults(struct fsctp_neigh_config *cfg)
{
	cfg->max_entries = 256;
	cfg->max_pending = 8;
	cfg->max_probes = 3;	      /* RFC 4861 MAX_MULTICAST_SOLICIT */
	cfg->retrans_us = 1000000;    /* RFC 4861 RETRANS_TIMER */
	cfg->reachable_us = 30000000; /* RFC 4861 REACHABLE_TIME */
}

struct fsctp_neigh_table *
fsctp_neigh_create(const struct fsctp_neigh_config *cfg,
		   const struct fsctp_neigh_ops *ops)
{
	struct fsctp_neigh_table *t;

	if (cfg == NULL || ops == NULL || ops->probe == NULL ||
	    ops->send == NULL || ops->drop == NULL || cfg->max_entries == 0 ||
	    cfg->max_entries > 65536 || cfg->max_pending == 0 ||
	    cfg->max_pending > FSCTP_NEIGH_PENDING_MAX ||
	    cfg->max_probes == 0 || cfg->max_probes > 255) {
		errno = EINVAL;
		return NULL;
	}
	t = calloc(1, sizeof(*t) + cfg->max_entries * sizeof(struct entry));
	if (t == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	t->cfg = *cfg;
	t->ops = *ops;
	return t;
}

static void
drop_all(struct fsctp_neigh_table *t, struct entry *e)
{
	uint8_t i;

	for (i = 0; i < e->n_pending; i++) {
		t->stats.dropped++;
		t->ops.drop(t->ops.ctx, e->pending[i]);
	}
	e->n_pending = 0;
}

static void
release(struct fsctp_neigh_table *t, struct entry *e)
{
	if (e->state != N_FREE) {
		drop_all(t, e);
		t->count--;
	}
	memset(e, 0, sizeof(*e));
}

void
fsctp_neigh_free(struct fsctp_neigh_table *t)
{
	uint32_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cfg.max_entries; i++)
		release(t, &t->e[i]);
	free(t);
}

static size_t
alen(uint8_t family)
{
	return family == FSCTP_AF_INET6 ? 16 : 4;
}

static struct entry *
find(struct fsctp_neigh_table *t, uint8_t family, const uint8_t *ip)
{
	uint32_t i;

	for (i = 0; i < t->cfg.max_entries; i++) {
		struct entry *e = &t->e[i];

		if (e->state != N_FREE && e->family == family &&
		    memcmp(e->ip, ip, alen(family)) == 0)
			return e;
	}
	return NULL;
}

/* A free slot, or the least recently updated resolved entry. Entries that
 * are resolving are never evicted: they hold packets. */
static struct entry *
alloc(struct fsctp_neigh_table *t, uint8_t family, const uint8_t *ip)
{
	struct entry *victim = NULL;
	uint32_t i;

	for (i = 0; i < t->cfg.max_entries; i++) {
		struct entry *e = &t->e[i];

		if (e->state == N_FREE) {
			victim = e;
			break;
		}
		if (e->state != N_INCOMPLETE &&
		    (victim == NULL || e->used < victim->used))
			victim = e;
	}
	if (victim == NULL) {
		t->stats.table_full++;
		return NULL;
	}
	if (victim->state != N_FREE) {
		t->stats.evictions++;
		release(t, victim);
	}
	victim->family = family;
	memcpy(victim->ip, ip, alen(family));
	t->count++;
	return victim;
}

static void
probe(struct fsctp_neigh_table *t, struct entry *e, fsctp_time_t now,
      bool unicast)
{
	t->stats.probes++;
	e->probes++;
	e->when = now + t->cfg.retrans_us;
	t->ops.probe(t->ops.ctx, e->family, e->ip, unicast ? e->mac : NULL);
}

int
fsctp_neigh_resolve(struct fsctp_neigh_table *t, uint8_t family,
		    const uint8_t *ip, void *pkt, fsctp_time_t now,
		    uint8_t *mac)
{
	struct entry *e;

	if (t == NULL || ip == NULL || mac == NULL ||
	    (family != FSCTP_AF_INET4 && family != FSCTP_AF_INET6))
		return -EINVAL;
	t->stats.lookups++;
	e = find(t, family, ip);
	if (e != NULL && e->state != N_INCOMPLETE) {
		if (e->state == N_REACHABLE && now >= e->when)
			e->state = N_STALE;
		/* RFC 4861 7.3.3: a stale entry is still used; re-probe it
		 * (at most once per retrans interval). */
		if (e->state == N_STALE && now >= e->when) {
			probe(t, e, now, true);
			e->probes = 0;
		}
		memcpy(mac, e->mac, 6);
		t->stats.hits++;
		return 0;
	}
	if (e == NULL) {
		e = alloc(t, family, ip);
		if (e == NULL)
			return -ENOSPC;
		e->state = N_INCOMPLETE;
		e->used = now;
		probe(t, e, now, false);
	}
	if (pkt == NULL)
		return 1;
	if (e->n_pending >= t->cfg.max_pending) {
		t->stats.queue_full++;
		return -ENOBUFS;
	}
	e->pending[e->n_pending++] = pkt;
	t->stats.queued++;
	return 1;
}

int
fsctp_neigh_update(struct fsctp_neigh_table *t, uint8_t family,
		   const uint8_t *ip, const uint8_t *mac, bool create,
		   fsctp_time_t now)
{
	struct entry *e;
	uint8_t i;

	if (t == NULL || ip == NULL || mac == NULL ||
	    (family != FSCTP_AF_INET4 && family != FSCTP_AF_INET6))
		return -EINVAL;
	e = find(t, family, ip);
	if (e == NULL) {
		if (!create)
			return 0;
		e = alloc(t, family, ip);
		if (e == NULL)
			return -ENOSPC;
	}
	t->stats.updates++;
	memcpy(e->mac, mac, 6);
	e->state = N_REACHABLE;
	e->probes = 0;
	e->used = now;
	e->when = now + t->cfg.reachable_us;
	for (i = 0; i < e->n_pending; i++) {
		t->stats.released++;
		t->ops.send(t->ops.ctx, e->pending[i], e->mac);
	}
	e->n_pending = 0;
	return 0;
}

void
fsctp_neigh_timers(struct fsctp_neigh_table *t, fsctp_time_t now)
{
	uint32_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cfg.max_entries; i++) {
		struct entry *e = &t->e[i];

		if (e->state != N_INCOMPLETE || now < e->when)
			continue;
		if (e->probes >= t->cfg.max_probes) {
			/* RFC 4861 7.3.3: resolution failed; the queued
			 * packets are dropped (and counted). */
			t->stats.failed++;
			release(t, e);
			continue;
		}
		probe(t, e, now, false);
	}
}

const struct fsctp_neigh_stats *
fsctp_neigh_stats(const struct fsctp_neigh_table *t)
{
	return &t->stats;
}

uint32_t
fsctp_neigh_count(const struct fsctp_neigh_table *t)
{
	return t->count;
}
