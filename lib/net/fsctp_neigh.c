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
	uint8_t ip[16];
	uint8_t mac[6];
	uint32_t n_pending;
	uint32_t cap_pending;
	fsctp_time_t when; /* INCOMPLETE: next probe; else: stale at */
	fsctp_time_t used; /* last use or update, for LRU eviction */
	void **pending;	   /* grows by doubling up to cfg.max_pending */
};

struct fsctp_neigh_table {
	struct fsctp_neigh_config cfg;
	struct fsctp_neigh_ops ops;
	struct fsctp_neigh_stats stats;
	uint32_t count;
	uint32_t n_incomplete; /* entries resolving */
	uint32_t n_pending;    /* packets parked, all entries */
	struct entry e[]; /* cfg.max_entries; linear search keeps it simple:
			     tables are small (one link's neighbours). */
};

void
fsctp_neigh_config_defaults(struct fsctp_neigh_config *cfg)
{
	cfg->max_entries = 256;
	/* A handshake burst (hundreds of INIT ACKs / COOKIE ACKs to one
	 * gateway) must fit behind one resolution. */
	cfg->max_pending = FSCTP_NEIGH_PENDING_MAX;
	cfg->max_pending_total = 4096;
	cfg->max_incomplete = 64;
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
	    cfg->max_pending_total == 0 || cfg->max_probes == 0 ||
	    cfg->max_probes > 255) {
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
	uint32_t i;

	for (i = 0; i < e->n_pending; i++) {
		t->stats.dropped++;
		t->ops.drop(t->ops.ctx, e->pending[i]);
	}
	t->n_pending -= e->n_pending;
	e->n_pending = 0;
}

static void
set_state(struct fsctp_neigh_table *t, struct entry *e, uint8_t s)
{
	if (e->state == N_INCOMPLETE)
		t->n_incomplete--;
	if (s == N_INCOMPLETE)
		t->n_incomplete++;
	e->state = s;
}

static void
release(struct fsctp_neigh_table *t, struct entry *e)
{
	if (e->state != N_FREE) {
		drop_all(t, e);
		set_state(t, e, N_FREE);
		t->count--;
	}
	free(e->pending);
	memset(e, 0, sizeof(*e));
}

/* Park pkt on e: bounded per entry and across the table. */
static int
park(struct fsctp_neigh_table *t, struct entry *e, void *pkt)
{
	if (e->n_pending >= t->cfg.max_pending) {
		t->stats.queue_full++;
		return -ENOBUFS;
	}
	if (t->n_pending >= t->cfg.max_pending_total) {
		t->stats.pending_total_full++;
		return -ENOBUFS;
	}
	if (e->n_pending == e->cap_pending) {
		uint32_t ncap = e->cap_pending ? e->cap_pending * 2 : 8;
		void **np;

		if (ncap > t->cfg.max_pending)
			ncap = t->cfg.max_pending;
		np = realloc(e->pending, ncap * sizeof(*np));
		if (np == NULL) {
			t->stats.queue_nomem++;
			return -ENOBUFS;
		}
		e->pending = np;
		e->cap_pending = ncap;
	}
	e->pending[e->n_pending++] = pkt;
	t->n_pending++;
	t->stats.queued++;
	return 1;
}

static void
release_pending(struct fsctp_neigh_table *t, struct entry *e)
{
	uint32_t i, n = e->n_pending;
	void **list = e->pending;

	/* Off the entry before ops.send runs: a send that resolves again
	 * finds a clean entry. */
	e->pending = NULL;
	e->n_pending = 0;
	e->cap_pending = 0;
	t->n_pending -= n;
	for (i = 0; i < n; i++) {
		t->stats.released++;
		t->ops.send(t->ops.ctx, list[i], e->mac);
	}
	free(list);
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

		/* Constant sizes: compared inline, no call per entry. */
		if (e->state != N_FREE && e->family == family &&
		    (family == FSCTP_AF_INET4 ? memcmp(e->ip, ip, 4) == 0
					      : memcmp(e->ip, ip, 16) == 0))
			return e;
	}
	return NULL;
}

/* A free slot, or the least recently used resolved entry (RFC 4861 7.3.3
 * leaves garbage collection to the implementation: LRU keeps the gateway,
 * used for every packet, over a neighbour learnt once). Entries that are
 * resolving are never evicted here: they are bounded by max_incomplete
 * and die when their probes fail. */
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
		e->used = now;
		t->stats.hits++;
		return 0;
	}
	if (e == NULL) {
		uint32_t lim = t->cfg.max_incomplete;

		/* At max_entries the table itself refuses (table_full). */
		if (lim != 0 && lim < t->cfg.max_entries &&
		    t->n_incomplete >= lim) {
			t->stats.incomplete_full++;
			return -ENOSPC;
		}
		e = alloc(t, family, ip);
		if (e == NULL)
			return -ENOSPC;
		set_state(t, e, N_INCOMPLETE);
		e->used = now;
		probe(t, e, now, false);
	}
	if (pkt == NULL)
		return 1;
	return park(t, e, pkt);
}

int
fsctp_neigh_update(struct fsctp_neigh_table *t, uint8_t family,
		   const uint8_t *ip, const uint8_t *mac, bool create,
		   fsctp_time_t now)
{
	struct entry *e;

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
	set_state(t, e, N_REACHABLE);
	e->probes = 0;
	e->used = now;
	e->when = now + t->cfg.reachable_us;
	release_pending(t, e);
	return 0;
}

int
fsctp_neigh_advert(struct fsctp_neigh_table *t, const uint8_t *ip,
		   const uint8_t *mac, bool solicited, bool override,
		   fsctp_time_t now)
{
	struct entry *e;
	bool differs;

	if (t == NULL || ip == NULL)
		return -EINVAL;
	/* RFC 4861 7.2.5: no entry: the advertisement is dropped. */
	e = find(t, FSCTP_AF_INET6, ip);
	if (e == NULL)
		return 0;
	if (e->state == N_INCOMPLETE) {
		/* No link-layer address: nothing to learn. */
		if (mac == NULL)
			return 0;
		fsctp_neigh_update(t, FSCTP_AF_INET6, ip, mac, false, now);
		if (!solicited) {
			set_state(t, e, N_STALE);
			e->when = now;
		}
		return 0;
	}
	differs = mac != NULL && memcmp(mac, e->mac, 6) != 0;
	if (!override && differs) {
		/* 7.2.5: O clear and a different address: keep ours; a
		 * REACHABLE entry becomes STALE (it will be re-probed). */
		t->stats.override_ignored++;
		if (e->state == N_REACHABLE) {
			set_state(t, e, N_STALE);
			e->when = now;
		}
		return 0;
	}
	/* 7.2.5: O set, or the same address (or none). */
	t->stats.updates++;
	if (differs)
		memcpy(e->mac, mac, 6);
	if (solicited) {
		set_state(t, e, N_REACHABLE);
		e->probes = 0;
		e->when = now + t->cfg.reachable_us;
	} else if (differs) {
		set_state(t, e, N_STALE);
		e->when = now;
	}
	e->used = now;
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
