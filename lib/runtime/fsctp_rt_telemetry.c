/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_telemetry endpoints (query with dpdk-telemetry.py):
 *   /fsctp/stats        totals over every lcore and interface
 *   /fsctp/lcore[,i]    one lcore's counters (default 0)
 *   /fsctp/assocs       the associations, as instance<<32 | id (the
 *                       id's low bits name its lcore)
 *   /fsctp/assoc,<id>   one association: state and counters
 * Counters are read without locks (64-bit loads; a value may be a few
 * packets old); associations are read from the stacks under the owning
 * lcore's lock, which the lcore holds during each turn.
 */
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "fsctp_counters.h"

#include "fsctp_rt_internal.h"

static struct fsctp_rt_engine *g_fp;

/* clang-format off */
#define LIB_FIELDS(X) \
	X(rx_pkts) X(rx_sctp) X(rx_linearized) X(rx_too_big) \
	X(rx_crc_offload) X(rx_pmtu) X(rx_steered) X(tx_pkts) X(tx_taken) \
	X(tx_alloc_fail) X(tx_fifo_full) X(tx_fifo_flushed) X(tx_port_full) X(tx_no_if) X(tx_other_port) \
	X(tx_no_route) X(tx_oversize) X(tx_neigh_wait) X(tx_neigh_drop) \
	X(tx_sw_ip_cksum) X(tx_hw_sctp_cksum) X(events) X(data_freed) \
	X(timer_runs) X(pmtu_lowered) X(pmtu_ignored) X(tx_may_fragment) \
	X(tx_df_cleared) X(tx_frag_v6_unsupported) \
	X(tx_udp_encaps) X(udp_port_learnt) X(udp_port_changed) \
	X(udp_port_cleared) X(udp_table_full) X(tx_stateless) \
	X(rx_zc_held) X(rx_zc_limited) X(rx_zc_in_use) \
	X(tx_in_place) X(tx_copied) X(tx_route_cached)

#define LC_FIELDS(X) \
	X(loops) X(rx) X(tx) X(handoff_out) X(handoff_in) \
	X(handoff_full) X(init_local) X(tuple_hit) X(tuple_miss) \
	X(tuple_full) X(neigh_shared) X(neigh_learnt) X(rx_no_inst) \
	X(commands) X(cmd_full) X(comm_up) X(comm_down) X(restarts) X(comm_lost) \
	X(data_msgs) X(data_bytes) X(assocs_up) X(tuple_del) \
	X(tuple_gone_full) X(tuple_reclaim_full) X(steer_bad_crc)

#define NET_FIELDS(X) \
	X(rx_frames) X(rx_bad_eth) X(rx_not_ours) X(rx_other_vlan) \
	X(rx_other_type) X(arp_rx) \
	X(arp_bad) X(arp_replies) X(arp_requests) X(ip4_rx) X(ip4_bad_hdr) \
	X(ip4_bad_csum) X(ip4_bad_ttl) X(ip4_frags) X(ip6_rx) X(ip6_bad_hdr) \
	X(ip6_ext_limit) X(ip6_frags) X(icmp_rx) X(icmp_bad) X(icmp_echo) \
	X(icmp_pmtu) X(icmp_ignored) X(nd_rx) X(nd_bad) X(nd_na_sent) \
	X(nd_ns_sent) X(sctp_rx) X(sctp_short) X(other_proto) X(tx_no_route) \
	X(tx_frame_fail) \
	X(udp_rx) X(udp_bad_len) X(udp_bad_csum) X(udp_bad_port) X(udp_other)
/* clang-format on */

/* clang-format off */
#define ASSOC_FIELDS(X) \
	X(sctpAssocT1expireds) X(sctpAssocT2expireds) X(sctpAssocRtxChunks) \
	X(in_packets) X(out_packets) X(in_ctrl_chunks) X(out_ctrl_chunks) \
	X(hb_sent) X(hb_acked) X(hb_timeouts) X(errors_in) X(unexpected) \
	X(sctpAssocT3expireds) X(out_data_chunks) X(in_data_chunks) \
	X(fast_rtx_chunks) X(sacks_in) X(sacks_out) X(msgs_out) X(msgs_in)
/* clang-format on */

static void
add_lib(struct fsctp_rt_lcore_stats *ls, struct fsctp_net_stats *ns,
	uint64_t *stack, struct fsctp_rt_lcore *lib)
{
	const struct fsctp_rt_lcore_stats *l = fsctp_rt_lcore_stats(lib);
	const uint64_t *k = (const uint64_t *)fsctp_stack_counters(
		fsctp_rt_lcore_stack(lib));
	unsigned int j;
	uint16_t f;

	for (j = 0; j < fsctp_stack_counter_names_count; j++)
		stack[j] += k[j];

#define ADD(x) ls->x += l->x;
	LIB_FIELDS(ADD)
#undef ADD
	for (f = 0; f < fsctp_rt_lcore_n_ifs(lib); f++) {
		const struct fsctp_net_stats *n =
			fsctp_netif_stats(fsctp_rt_lcore_netif(lib, f));
#define ADD(x) ns->x += n->x;
		NET_FIELDS(ADD)
#undef ADD
	}
}

/* Sum (or, with only = idx, take one lcore's) counters into d. */
static void
fill(struct rte_tel_data *d, int only)
{
	struct fsctp_rt_lcore_stats ls;
	struct fsctp_rt_engine_lcore_stats cs;
	struct fsctp_net_stats ns;
	uint64_t stack[sizeof(struct fsctp_stack_counters) / sizeof(uint64_t)];
	struct rte_tel_data *sc;
	unsigned int i, s;

	memset(stack, 0, sizeof(stack));
	memset(&ls, 0, sizeof(ls));
	memset(&cs, 0, sizeof(cs));
	memset(&ns, 0, sizeof(ns));
	for (i = 0; i < g_fp->n_lcores; i++) {
		struct fp_lcore *lc = &g_fp->lc[i];

		if (only >= 0 && (unsigned int)only != i)
			continue;
		rte_ticketlock_lock(&lc->lock);
		for (s = 0; s < FSCTP_RT_MAX_INST; s++)
			if (lc->slot[s].lib != NULL)
				add_lib(&ls, &ns, stack, lc->slot[s].lib);
		rte_ticketlock_unlock(&lc->lock);
#define ADD(x) cs.x += lc->st.x;
		LC_FIELDS(ADD)
#undef ADD
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "assocs_up", cs.assocs_up);
#define PUT(x) rte_tel_data_add_dict_u64(d, #x, ls.x);
	LIB_FIELDS(PUT)
#undef PUT
#define PUT(x) rte_tel_data_add_dict_u64(d, "lcore_" #x, cs.x);
	LC_FIELDS(PUT)
#undef PUT
#define PUT(x) rte_tel_data_add_dict_u64(d, "net_" #x, ns.x);
	NET_FIELDS(PUT)
#undef PUT
	/* The protocol counters (RFC 3873 names and fsctp's discards) in
	 * their own dict "sctp": a telemetry dict holds at most
	 * RTE_TEL_MAX_DICT_ENTRIES, and one dict of everything was full,
	 * silently losing the keys added last. */
	sc = rte_tel_data_alloc();
	if (sc == NULL)
		return;
	rte_tel_data_start_dict(sc);
	for (i = 0; i < fsctp_stack_counter_names_count; i++)
		rte_tel_data_add_dict_u64(sc, fsctp_stack_counter_names[i],
					  stack[i]);
	if (rte_tel_data_add_dict_container(d, "sctp", sc, 0) != 0)
		rte_tel_data_free(sc);
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
	fsctp_assoc_id_t ids[256];
	unsigned int i, s;
	uint32_t k, n;

	(void)cmd;
	(void)params;
	if (g_fp == NULL)
		return -1;
	rte_tel_data_start_array(d, RTE_TEL_U64_VAL);
	/* The array is bounded by the telemetry buffer: at most 256 per
	 * stack are listed. */
	for (i = 0; i < g_fp->n_lcores; i++) {
		struct fp_lcore *lc = &g_fp->lc[i];

		rte_ticketlock_lock(&lc->lock);
		for (s = 0; s < FSCTP_RT_MAX_INST; s++) {
			if (lc->slot[s].lib == NULL)
				continue;
			n = fsctp_stack_assoc_ids(
				fsctp_rt_lcore_stack(lc->slot[s].lib), ids,
				RTE_DIM(ids));
			for (k = 0; k < n; k++)
				rte_tel_data_add_array_u64(
					d, (uint64_t)s << 32 | ids[k]);
		}
		rte_ticketlock_unlock(&lc->lock);
	}
	return 0;
}

static int
tel_assoc(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const struct fsctp_assoc_counters *c;
	struct fsctp_assoc_counters a;
	unsigned long long gid;
	struct fp_lcore *lc;
	struct fsctp_rt_lcore *lib;
	enum fsctp_state state = FSCTP_CLOSED;
	const char *pl_state = "DISABLED";
	uint32_t pmtu = 0;
	unsigned int i, s;
	uint32_t id;
	char *end;

	(void)cmd;
	if (g_fp == NULL || params == NULL || *params == '\0')
		return -1;
	gid = strtoull(params, &end, 0);
	s = (unsigned int)(gid >> 32);
	id = (uint32_t)gid;
	i = fsctp_assoc_id_owner(id, g_fp->owner_bits);
	if (*end != '\0' || s >= FSCTP_RT_MAX_INST || i >= g_fp->n_lcores)
		return -1;
	lc = &g_fp->lc[i];
	rte_ticketlock_lock(&lc->lock);
	lib = lc->slot[s].lib;
	c = lib != NULL ? fsctp_assoc_counters(fsctp_rt_lcore_stack(lib), id)
			: NULL;
	if (c != NULL) {
		a = *c;
		state = fsctp_assoc_state(fsctp_rt_lcore_stack(lib), id);
		pmtu = fsctp_assoc_primary_pmtu(fsctp_rt_lcore_stack(lib), id,
						&pl_state);
	}
	rte_ticketlock_unlock(&lc->lock);
	if (c == NULL)
		return -1;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "id", gid);
	rte_tel_data_add_dict_int(d, "instance", (int)s);
	rte_tel_data_add_dict_int(d, "lcore_index", (int)i);
	rte_tel_data_add_dict_int(d, "lcore_id", (int)lc->lcore_id);
	rte_tel_data_add_dict_u64(d, "assoc_id", id);
	rte_tel_data_add_dict_string(d, "state", fsctp_state_name(state));
	/* RFC 8899: the primary path's MTU and its PLPMTUD state. */
	rte_tel_data_add_dict_u64(d, "pmtu", pmtu);
	rte_tel_data_add_dict_string(d, "plpmtud", pl_state);
#define PUT(x) rte_tel_data_add_dict_u64(d, #x, a.x);
	ASSOC_FIELDS(PUT)
#undef PUT
	return 0;
}

int
fsctp_rt_telemetry_register(struct fsctp_rt_engine *fp)
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
					 "Associations, as instance<<32 | "
					 "assoc id. No parameters");
	rc |= rte_telemetry_register_cmd(
		"/fsctp/assoc", tel_assoc,
		"One association. Parameter: id from /fsctp/assocs");
	return rc == 0 ? 0 : -1;
}

void
fsctp_rt_telemetry_unregister(void)
{
	g_fp = NULL;
}
