/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Library mode: an application that owns its DPDK loop drives one
 * per-lcore runtime instance (struct fsctp_rt_lcore) itself.
 *
 * The application initialises the EAL and its ports itself (here: two
 * ports joined by rte_rings, so it runs anywhere), creates one fsctp_rt_lcore
 * per stack and, on every turn of its own loop:
 *
 *   n = rte_eth_rx_burst(port, q, pkts, 32);
 *   fsctp_rt_lcore_rx_bulk(lib, ifidx, pkts, n, now);   // fsctp consumes them
 *   fsctp_rt_lcore_process(lib, now);                    // timers
 *   n = fsctp_rt_lcore_tx_bulk(lib, ifidx, pkts, 32);    // what fsctp sends
 *   rte_eth_tx_burst(port, q, pkts, n);
 *
 * Association control (fsctp_listen/connect/send/shutdown) goes to
 * fsctp_rt_lcore_stack(lib) from the same thread; events arrive through the
 * callback given in fsctp_rt_lcore_config.
 *
 * Run: example-libmode --no-huge -m 256 --no-pci --file-prefix=libmode
 * Exit status 0 once the association came up on both sides and was shut
 * down, 1 otherwise.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "fsctp_rt_lcore.h"

struct side {
	const char *name;
	uint16_t port;
	struct fsctp_rt_lcore *lib;
	int up;
};

static void
on_event(void *ctx, struct fsctp_rt_lcore *lib, const struct fsctp_event *ev)
{
	struct side *s = ctx;

	printf("%s: event %d on association %u\n", s->name, ev->type,
	       ev->assoc_id);
	if (ev->type == FSCTP_EV_COMM_UP)
		s->up = 1;
	if (ev->type == FSCTP_EV_SHUTDOWN_COMP)
		s->up = 0;
	if (ev->type == FSCTP_EV_DATA && ev->msg != NULL)
		fsctp_msg_free(fsctp_rt_lcore_stack(lib), ev->msg);
}

static void
turn(struct side *s)
{
	struct rte_mbuf *pkts[32];
	uint64_t now = fsctp_rt_now_us();
	uint16_t n, k;

	n = rte_eth_rx_burst(s->port, 0, pkts, 32);
	fsctp_rt_lcore_rx_bulk(s->lib, 0, pkts, n, now);
	fsctp_rt_lcore_process(s->lib, now);
	n = fsctp_rt_lcore_tx_bulk(s->lib, 0, pkts, 32);
	k = rte_eth_tx_burst(s->port, 0, pkts, n);
	if (k < n)
		rte_pktmbuf_free_bulk(pkts + k, n - k);
}

/* The usual DPDK port start-up: one queue pair. */
static int
start_port(uint16_t port, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(port, 1, 1, &conf) != 0 ||
	    rte_eth_rx_queue_setup(port, 0, 512, 0, NULL, mp) != 0 ||
	    rte_eth_tx_queue_setup(port, 0, 512, 0, NULL) != 0)
		return -1;
	return rte_eth_dev_start(port);
}

static int
make_side(struct side *s, struct rte_mempool *mp, uint8_t last)
{
	struct fsctp_rt_lcore_config c;

	memset(&c, 0, sizeof(c));
	fsctp_stack_config_defaults(&c.stack);
	c.n_ifs = 1;
	c.ifs[0].port_id = s->port;
	c.ifs[0].net.mac[0] = 0x02;
	c.ifs[0].net.mac[5] = last;
	c.ifs[0].net.n_v4 = 1;
	fsctp_net_parse_addr(last == 1 ? "198.18.0.1" : "198.18.0.2",
			     &(uint8_t){ 0 }, c.ifs[0].net.v4[0].ip, NULL);
	c.ifs[0].net.v4[0].prefix = 24;
	fsctp_neigh_config_defaults(&c.ifs[0].net.neigh);
	c.pool = mp;
	c.tx_fifo = 256;
	c.event = on_event;
	c.ctx = s;
	s->lib = fsctp_rt_lcore_create(&c, fsctp_rt_now_us());
	return s->lib != NULL ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct side a = { "client", 0, NULL, 0 }, b = { "server", 0, NULL, 0 };
	struct rte_ring *ab, *ba;
	struct rte_mempool *mp;
	struct fsctp_addr src, dst;
	uint64_t end;
	int64_t id;
	bool ok;

	if (rte_eal_init(argc, argv) < 0)
		return 1;
	mp = rte_pktmbuf_pool_create("libmode", 4095, 64, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, 0);
	ab = rte_ring_create("libmode_ab", 512, 0,
			     RING_F_SP_ENQ | RING_F_SC_DEQ);
	ba = rte_ring_create("libmode_ba", 512, 0,
			     RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (mp == NULL || ab == NULL || ba == NULL)
		return 1;
	a.port = (uint16_t)rte_eth_from_rings("libmode_a", &ba, 1, &ab, 1, 0);
	b.port = (uint16_t)rte_eth_from_rings("libmode_b", &ab, 1, &ba, 1, 0);
	if (start_port(a.port, mp) != 0 || start_port(b.port, mp) != 0 ||
	    make_side(&a, mp, 1) != 0 || make_side(&b, mp, 2) != 0)
		return 1;
	fsctp_listen(fsctp_rt_lcore_stack(b.lib), 36412);
	fsctp_addr_set_v4(&src, 198, 18, 0, 1, 5000);
	fsctp_addr_set_v4(&dst, 198, 18, 0, 2, 36412);
	id = fsctp_connect(fsctp_rt_lcore_stack(a.lib), &src, &dst,
			   fsctp_rt_now_us());
	end = fsctp_rt_now_us() + 2000000;
	while (!(a.up && b.up) && fsctp_rt_now_us() < end) {
		turn(&a);
		turn(&b);
	}
	ok = a.up && b.up;
	printf("association %ld: %s\n", (long)id,
	       ok ? "ESTABLISHED on both sides" : "not up");
	if (a.up) {
		fsctp_shutdown(fsctp_rt_lcore_stack(a.lib),
			       (fsctp_assoc_id_t)id, fsctp_rt_now_us());
		end = fsctp_rt_now_us() + 2000000;
		while (fsctp_stack_assoc_count(fsctp_rt_lcore_stack(a.lib)) >
			       0 &&
		       fsctp_rt_now_us() < end) {
			turn(&a);
			turn(&b);
		}
	}
	/* Shut down on both sides (SHUTDOWN COMPLETE cleared up). */
	ok = ok && !a.up && !b.up &&
	     fsctp_stack_assoc_count(fsctp_rt_lcore_stack(a.lib)) == 0;
	fsctp_rt_lcore_free(a.lib);
	fsctp_rt_lcore_free(b.lib);
	rte_eal_cleanup();
	return ok ? 0 : 1;
}
