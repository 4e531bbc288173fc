/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_telemetry endpoints (query with dpdk-telemetry.py):
 *   /fsctp/stats        totals over every lcore and interface
 *   /fsctp/lcore[,i]    one lcore's counters (default 0)
 *   /fsctp/assocs       ids of the associations up, as lcore<<24 | id
 *   /fsctp/assoc,<id>   one association
 * Counters are read without locks (64-bit loads; a value may be a few
 * packets old); the association list is read under the lcore's lock,
 * which the lcore takes only when an association comes or goes.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "fsctp_fp_internal.h"

static struct fsctp_fp *g_fp;

/* clang-format off */
#define LIB_FIELDS(X) \
	X(rx_pkts) X(rx_sctp) X(rx_linearized) X(rx_too_big) \
	X(rx_crc_offload) X(rx_pmtu) X(rx_steered) X(tx_pkts) X(tx_taken) \
	X(tx_alloc_fail) X(tx_fifo_full) X(tx_port_full) X(tx_no_if) \
	X(tx_no_route) X(tx_oversize) X(tx_neigh_wait) X(tx_neigh_drop) \
	X(tx_sw_ip_cksum) X(tx_hw_sctp_cksum) X(events) X(data_freed) \
	X(timer_runs) X(pmtu_lowered) X(pmtu_ignored) X(tx_may_fragment) \
	X(tx_df_cleared) X(tx_frag_v6_unsupported)

#define LC_FIELDS(X) \
	X(loops) X(rx) X(tx) X(handoff_out) X(handoff_in) \
	X(handoff_full) X(init_local) X(tuple_hit) X(tuple_miss) \
	X(tuple_full) X(neigh_shared) X(neigh_learnt) X(assoc_track_full) \
	X(commands) X(comm_up) X(comm_down) X(restarts) X(comm_lost) \
	X(data_msgs) X(data_bytes)

#define NET_FIELDS(X) \
	X(rx_frames) X(rx_bad_eth) X(rx_not_ours) X(rx_other_vlan) \
	X(rx_other_type) X(arp_rx) \
	X(arp_bad) X(arp_replies) X(arp_requests) X(ip4_rx) X(ip4_bad_hdr) \
	X(ip4_bad_csum) X(ip4_bad_ttl) X(ip4_frags) X(ip6_rx) X(ip6_bad_hdr) \
	X(ip6_ext_limit) X(ip6_frags) X(icmp_rx) X(icmp_bad) X(icmp_echo) \
	X(icmp_pmtu) X(icmp_ignored) X(nd_rx) X(nd_bad) X(nd_na_sent) \
	X(nd_ns_sent) X(sctp_rx) X(sctp_short) X(other_proto) X(tx_no_route) \
	X(tx_frame_fail)
/* clang-format on */

/* Sum (or, with only = idx, take one lcore's) counters into d. */
static void
fill(struct rte_tel_data *d, int only)
{
	struct fsctp_lib_stats ls;
	struct fsctp_fp_lcore_stats cs;
	struct fsctp_net_stats ns;
	uint64_t assocs = 0;
	unsigned int i;
	uint16_t f;

	memset(&ls, 0, sizeof(ls));
	memset(&cs, 0, sizeof(cs));
	memset(&ns, 0, sizeof(ns));
	for (i = 0; i < g_fp->n_lcores; i++) {
		struct fp_lcore *lc = &g_fp->lc[i];
		const struct fsctp_lib_stats *l = fsctp_lib_stats(lc->lib);

		if (only >= 0 && (unsigned int)only != i)
			continue;
#define ADD(x) ls.x += l->x;
		LIB_FIELDS(ADD)
#undef ADD
#define ADD(x) cs.x += lc->st.x;
		LC_FIELDS(ADD)
#undef ADD
		for (f = 0; f < fsctp_lib_n_ifs(lc->lib); f++) {
			const struct fsctp_net_stats *n =
				fsctp_netif_stats(fsctp_lib_netif(lc->lib, f));
#define ADD(x) ns.x += n->x;
			NET_FIELDS(ADD)
#undef ADD
		}
		assocs += lc->n_assocs;
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "assocs_up", assocs);
#define PUT(x) rte_tel_data_add_dict_u64(d, #x, ls.x);
	LIB_FIELDS(PUT)
#undef PUT
#define PUT(x) rte_tel_data_add_dict_u64(d, "lcore_" #x, cs.x);
	LC_FIELDS(PUT)
#undef PUT
#define PUT(x) rte_tel_data_add_dict_u64(d, "net_" #x, ns.x);
	NET_FIELDS(PUT)
#undef PUT
}

static int
tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	(void)cmd;
	(void)params;
	if (g_fp == NULL)
		return -1;
	fill(d, -1);
	rte_tel_data_add_dict_int(d, "lcores", (int)g_fp->n_lcores);
	return 0;
}

static int
tel_lcore(const char *cmd, const char *params, struct rte_tel_data *d)
{
	long i = 0;
	char *end;

	(void)cmd;
	if (g_fp == NULL)
		return -1;
	if (params != NULL && *params != '\0') {
		i = strtol(params, &end, 10);
		if (*end != '\0' || i < 0 || i >= (long)g_fp->n_lcores)
			return -1;
	}
	fill(d, (int)i);
	rte_tel_data_add_dict_int(d, "index", (int)i);
	rte_tel_data_add_dict_int(d, "lcore_id", (int)g_fp->lc[i].lcore_id);
	return 0;
}

static int
tel_assocs(const char *cmd, const char *params, struct rte_tel_data *d)
{
	unsigned int i;
	uint32_t k;

	(void)cmd;
	(void)params;
	if (g_fp == NULL)
		return -1;
	rte_tel_data_start_array(d, RTE_TEL_U64_VAL);
	for (i = 0; i < g_fp->n_lcores; i++) {
		struct fp_lcore *lc = &g_fp->lc[i];

		rte_spinlock_lock(&lc->alock);
		/* The array is bounded by the telemetry buffer: stop
		 * quietly when it is full. */
		for (k = 0; k < lc->n_assocs; k++)
			if (rte_tel_data_add_array_u64(
				    d, (uint64_t)i << 24 | lc->assocs[k].id) !=
			    0)
				break;
		rte_spinlock_unlock(&lc->alock);
	}
	return 0;
}

static int
tel_assoc(const char *cmd, const char *params, struct rte_tel_data *d)
{
	unsigned long long gid;
	struct fp_lcore *lc;
	struct fp_assoc a;
	bool found = false;
	unsigned int i;
	uint32_t k;
	char *end;

	(void)cmd;
	if (g_fp == NULL || params == NULL || *params == '\0')
		return -1;
	gid = strtoull(params, &end, 0);
	if (*end != '\0' || (gid >> 24) >= g_fp->n_lcores)
		return -1;
	i = (unsigned int)(gid >> 24);
	lc = &g_fp->lc[i];
	rte_spinlock_lock(&lc->alock);
	for (k = 0; k < lc->n_assocs; k++)
		if (lc->assocs[k].id == (gid & 0xffffff)) {
			a = lc->assocs[k];
			found = true;
			break;
		}
	rte_spinlock_unlock(&lc->alock);
	if (!found)
		return -1;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "id", gid);
	rte_tel_data_add_dict_int(d, "lcore_index", (int)i);
	rte_tel_data_add_dict_int(d, "lcore_id", (int)lc->lcore_id);
	rte_tel_data_add_dict_u64(d, "assoc_id", a.id);
	rte_tel_data_add_dict_string(d, "state",
				     a.up == 2 ? "SHUTTING-DOWN" : "UP");
	rte_tel_data_add_dict_u64(d, "up_for_us", lc->now - a.since_us);
	rte_tel_data_add_dict_u64(d, "since_us", a.since_us);
	rte_tel_data_add_dict_u64(d, "lcore_now_us", lc->now);
	rte_tel_data_add_dict_u64(d, "data_msgs", a.data_msgs);
	rte_tel_data_add_dict_u64(d, "data_bytes", a.data_bytes);
	return 0;
}

int
fsctp_fp_telemetry_register(struct fsctp_fp *fp)
{
	static bool done;
	int rc = 0;

	g_fp = fp;
	if (done)
		return 0;
	done = true;
	rc |= rte_telemetry_register_cmd("/fsctp/stats", tel_stats,
					 "fsctp totals. No parameters");
	rc |= rte_telemetry_register_cmd(
		"/fsctp/lcore", tel_lcore,
		"One fast-path lcore's counters. Parameter: lcore index");
	rc |= rte_telemetry_register_cmd("/fsctp/assocs", tel_assocs,
					 "Associations up, as lcore_index<<24 "
					 "| assoc id. No parameters");
	rc |= rte_telemetry_register_cmd(
		"/fsctp/assoc", tel_assoc,
		"One association. Parameter: id from /fsctp/assocs");
	return rc == 0 ? 0 : -1;
}

void
fsctp_fp_telemetry_unregister(void)
{
	g_fp = NULL;
}
