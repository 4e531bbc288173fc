/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internals of the API layer shared by fsctp_api.c, fsctp_api_opt.c and
 * fsctp_api_worker.c.
 */
#ifndef FSCTP_API_INTERNAL_H
#define FSCTP_API_INTERNAL_H

#include <rte_ring.h>

#include "fsctp.h"
#include "fsctp_core.h"
#include "fsctp_counters.h"
#include "fsctp_fp_config.h"
#include "fsctp_fp_lib.h"
#include "fsctp_fp_port.h"

#define API_MAX_SOCKS FSCTP_FP_MAX_PORTS
#define API_BURST     64

struct fsctp_sock {
	struct fsctp_rt *rt;
	struct fsctp_lib *lib;
	uint32_t port_mask;
	uint16_t n_ifs;
	uint16_t if_port[FSCTP_LIB_MAX_IFS]; /* interface -> profile port */
	struct fsctp_sock_ops ops;
	void *ctx;
	uint32_t event_mask;
	struct fsctp_sndinfo def_snd;
	uint16_t next_port; /* ephemeral local ports */
	struct fsctp_sock_stats st;
	/* WORKER mode. */
	bool worker;
	struct rte_ring *ev_ring;  /* core -> application events */
	struct rte_ring *ret_ring; /* worker -> owner: items to release */
	struct rte_ring *cmd_ring; /* worker -> owner: struct api_cmd * */
	uint32_t max_msg_size;
	bool in_dispatch; /* inline callbacks are running */
};

struct fsctp_rt {
	struct fsctp_fp_config cfg;
	struct fsctp_fp_ports ports;
	uint32_t ports_taken;
	struct fsctp_sock *socks[API_MAX_SOCKS];
	volatile int stop;
};

/* Event rings and WORKER mode, the owner side (fsctp_api_worker.c). */
int fsctp_api_worker_init(struct fsctp_sock *s, uint32_t ring);
void fsctp_api_worker_fini(struct fsctp_sock *s);
/* Queue an event (and its message) for the worker; false when full. */
bool fsctp_api_worker_event(struct fsctp_sock *s, const struct fsctp_event *ev);
/* Run the callbacks of up to max queued items; owner: on the owner lcore
 * (messages freed at once) rather than a worker (messages returned). */
int fsctp_api_dispatch(struct fsctp_sock *s, unsigned int max, bool owner);
/* Release returned items, run queued commands. @return commands run. */
unsigned int fsctp_api_worker_owner_poll(struct fsctp_sock *s, uint64_t now);

/* An association's local port and primary peer address (owner thread).
 * @return 0 or -ENOTCONN. */
int fsctp_api_assoc_addrs(struct fsctp_sock *s, fsctp_assoc_id_t id,
			  uint16_t *lport, struct fsctp_addr *peer);

#endif /* FSCTP_API_INTERNAL_H */
