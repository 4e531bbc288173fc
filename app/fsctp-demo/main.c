/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-demo: EAL on two net_ring ports joined back to back, an SCTP INIT
 * built with the wire writer, sent through the ring pair, and parsed on the
 * other side with the bounds-checked iterator.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_eth_ring.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "fsctp_crc32c.h"
#include "fsctp_wire.h"

#define NB_MBUF 1024

static int
make_ring_pair(uint16_t *p0, uint16_t *p1)
{
	struct rte_ring *a, *b;
	int r0, r1;

	a = rte_ring_create("demo_a", 256, rte_socket_id(),
			    RING_F_SP_ENQ | RING_F_SC_DEQ);
	b = rte_ring_create("demo_b", 256, rte_socket_id(),
			    RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (a == NULL || b == NULL)
		return -ENOMEM;
	/* Port 0 sends into a and receives from b; port 1 the reverse. */
	r0 = rte_eth_from_rings("demo0", &b, 1, &a, 1, rte_socket_id());
	r1 = rte_eth_from_rings("demo1", &a, 1, &b, 1, rte_socket_id());
	if (r0 < 0 || r1 < 0)
		return -ENODEV;
	*p0 = (uint16_t)r0;
	*p1 = (uint16_t)r1;
	return 0;
}

static int
port_up(uint16_t port, struct rte_mempool *mp)
{
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(port, 1, 1, &conf) < 0 ||
	    rte_eth_rx_queue_setup(port, 0, 128, rte_socket_id(), NULL, mp) <
		    0 ||
	    rte_eth_tx_queue_setup(port, 0, 128, rte_socket_id(), NULL) < 0 ||
	    rte_eth_dev_start(port) < 0)
		return -EIO;
	return 0;
}

static size_t
build_init(uint8_t *buf, size_t cap)
{
	struct fsctp_wbuf w;
	size_t h;

	fsctp_wbuf_init(&w, buf, cap);
	fsctp_wbuf_u16(&w, 2905);
	fsctp_wbuf_u16(&w, 2905);
	fsctp_wbuf_u32(&w, 0); /* RFC 9260 8.5.1: INIT carries tag 0 */
	fsctp_wbuf_u32(&w, 0); /* checksum */
	h = fsctp_wbuf_chunk_begin(&w, FSCTP_CHUNK_INIT, 0);
	fsctp_wbuf_u32(&w, 0x1234abcd);
	fsctp_wbuf_u32(&w, 262144);
	fsctp_wbuf_u16(&w, 16);
	fsctp_wbuf_u16(&w, 16);
	fsctp_wbuf_u32(&w, 1);
	fsctp_wbuf_tlv(&w, FSCTP_PARAM_IPV4, "\xc6\x12\x00\x01", 4);
	fsctp_wbuf_tlv_u32(&w, FSCTP_PARAM_COOKIE_PRESERVATIVE, 1000);
	fsctp_wbuf_chunk_end(&w, h);
	if (w.err)
		return 0;
	fsctp_packet_set_crc(buf, w.len); /* RFC 9260 6.8 */
	return w.len;
}

/* One line of CRC32c throughput at 1500 bytes, timed with the TSC. */
static void
print_crc_rate(void)
{
	static uint8_t buf[1500];
	uint64_t t0, cycles, i, n = 200000;
	uint32_t crc = FSCTP_CRC32C_INIT;

	memset(buf, 0x5a, sizeof(buf));
	for (i = 0; i < n / 4; i++) /* warm up caches and clocks */
		crc = fsctp_crc32c(crc, buf, sizeof(buf));
	t0 = rte_rdtsc();
	for (i = 0; i < n; i++)
		crc = fsctp_crc32c(crc, buf, sizeof(buf));
	cycles = rte_rdtsc() - t0;
	printf("crc32c (%s): %.2f GB/s at 1500 B (crc 0x%08x)\n",
	       fsctp_crc32c_impl_name(),
	       cycles ? (double)(n * sizeof(buf)) * (double)rte_get_tsc_hz() /
				(double)cycles / 1e9
		      : 0.0,
	       crc);
}

static void
parse_and_print(const uint8_t *pkt, size_t len)
{
	struct fsctp_tlv_iter ci, pi;
	struct fsctp_tlv c, p;

	printf("received %zu bytes: ports %u->%u vtag 0x%08x crc32c %s\n", len,
	       fsctp_rd16(pkt), fsctp_rd16(pkt + 2), fsctp_rd32(pkt + 4),
	       fsctp_packet_crc_ok(pkt, len) ? "ok" : "BAD");
	/* RFC 9260 6.8: a packet with a bad checksum is discarded. */
	if (!fsctp_packet_crc_ok(pkt, len))
		return;
	fsctp_tlv_iter_init(&ci, pkt + 12, len - 12, FSCTP_TLV_CHUNK);
	while (fsctp_tlv_next(&ci, &c) == 1) {
		printf("  chunk type %u flags 0x%02x length %u\n", c.type,
		       c.flags, c.length);
		if (c.type != FSCTP_CHUNK_INIT || c.value_len < 16)
			continue;
		printf("    init_tag 0x%08x a_rwnd %u OS %u MIS %u TSN %u\n",
		       fsctp_rd32(c.value), fsctp_rd32(c.value + 4),
		       fsctp_rd16(c.value + 8), fsctp_rd16(c.value + 10),
		       fsctp_rd32(c.value + 12));
		fsctp_tlv_iter_init(&pi, c.value + 16, c.value_len - 16u,
				    FSCTP_TLV_PARAM);
		while (fsctp_tlv_next(&pi, &p) == 1)
			printf("    param type 0x%04x length %u\n", p.type,
			       p.length);
	}
}

int
main(int argc, char **argv)
{
	struct rte_mempool *mp;
	struct rte_mbuf *m, *rx[4];
	uint16_t p0, p1, n = 0;
	size_t len;
	int tries;

	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "fsctp-demo: EAL init failed: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	mp = rte_pktmbuf_pool_create("demo_pool", NB_MBUF, 32, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	if (mp == NULL || make_ring_pair(&p0, &p1) < 0 || port_up(p0, mp) < 0 ||
	    port_up(p1, mp) < 0) {
		fprintf(stderr, "fsctp-demo: port bring-up failed\n");
		return 1;
	}
	printf("fsctp-demo: EAL up, net_ring ports %u and %u joined back to "
	       "back\n",
	       p0, p1);
	print_crc_rate();

	m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return 1;
	len = build_init(rte_pktmbuf_mtod(m, uint8_t *),
			 rte_pktmbuf_tailroom(m));
	m->data_len = m->pkt_len = (uint32_t)len;
	if (rte_eth_tx_burst(p0, 0, &m, 1) != 1) {
		fprintf(stderr, "fsctp-demo: tx failed\n");
		return 1;
	}
	for (tries = 0; tries < 1000 && n == 0; tries++)
		n = rte_eth_rx_burst(p1, 0, rx, 4);
	if (n == 0) {
		fprintf(stderr, "fsctp-demo: nothing received\n");
		return 1;
	}
	parse_and_print(rte_pktmbuf_mtod(rx[0], const uint8_t *),
			rte_pktmbuf_data_len(rx[0]));
	rte_pktmbuf_free(rx[0]);
	rte_eal_cleanup();
	return 0;
}
