/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "fsctp_rt_log.h"
#include "fsctp_rt_port.h"

int
fsctp_rt_fail(char *err, size_t errlen, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", msg);
	FSCTP_RT_LOG(ERR, "%s\n", msg);
	return -EINVAL;
}

int
fsctp_rt_eal_init(const struct fsctp_rt_config *cfg, int n_extra, char **extra,
		  char *err, size_t errlen)
{
	enum { MAXW = FSCTP_RT_MAX_EAL_ARGS + 2 * FSCTP_RT_MAX_PORTS + 40 };
	static char words[MAXW][FSCTP_RT_STR + 8];
	char *argv[MAXW + 1];
	bool have_l = false;
	int argc = 0, i, rc;

#define ADD(...)                                                        \
	do {                                                            \
		if (argc >= MAXW)                                       \
			return fsctp_rt_fail(err, errlen,               \
					     "too many EAL arguments"); \
		snprintf(words[argc], sizeof(words[0]), __VA_ARGS__);   \
		argv[argc] = words[argc];                               \
		argc++;                                                 \
	} while (0)

	ADD("fsctp");
	for (i = 0; i < cfg->n_eal; i++) {
		if (strcmp(cfg->eal[i], "-l") == 0 ||
		    strncmp(cfg->eal[i], "--lcores", 8) == 0 ||
		    strcmp(cfg->eal[i], "-c") == 0)
			have_l = true;
		ADD("%s", cfg->eal[i]);
	}
	for (i = 0; i < cfg->n_ports; i++) {
		const struct fsctp_rt_port_cfg *p = &cfg->ports[i];

		if (p->kind == FSCTP_RT_PORT_VDEV)
			ADD("--vdev=%s", p->dev);
		else if (p->kind == FSCTP_RT_PORT_PCI)
			ADD("-a%s", p->dev);
	}
	if (!have_l) {
		char list[FSCTP_RT_MAX_LCORES * 6] = "";
		size_t off = 0;

		for (i = 0; i < cfg->n_fastpath; i++)
			off += (size_t)snprintf(list + off, sizeof(list) - off,
						"%s%u", i ? "," : "",
						cfg->fastpath[i]);
		ADD("-l");
		ADD("%s", list);
	}
	for (i = 0; i < n_extra; i++)
		ADD("%s", extra[i]);
	argv[argc] = NULL;
#undef ADD
	rc = rte_eal_init(argc, argv);
	if (rc < 0) {
		char line[1024];
		size_t off = 0;

		/* Name the arguments: a bad vdev or PCI address of a port
		 * fails here, and the EAL's own message is terse. */
		line[0] = '\0';
		for (i = 1; i < argc && off < sizeof(line); i++)
			off += (size_t)snprintf(line + off, sizeof(line) - off,
						" %s", argv[i]);
		return fsctp_rt_fail(err, errlen,
				     "profile %s: rte_eal_init failed: %s; EAL "
				     "arguments:%s",
				     cfg->path, rte_strerror(rte_errno), line);
	}
	return 0;
}

static struct rte_mempool *
pool_for(const struct fsctp_rt_config *cfg, struct fsctp_rt_ports *ports,
	 int socket, char *err, size_t errlen, int *rc)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	struct rte_mempool *mp;

	if (socket < 0 || socket >= FSCTP_RT_MAX_SOCKETS)
		socket = 0;
	if (ports->pools[socket] != NULL)
		return ports->pools[socket];
	snprintf(name, sizeof(name), "fsctp_pool_s%d", socket);
	mp = rte_pktmbuf_pool_create(name, cfg->pool_mbufs, cfg->pool_cache, 0,
				     cfg->pool_data_room, socket);
	if (mp == NULL) {
		*rc = fsctp_rt_fail(
			err, errlen,
			"profile %s: [pools] not enough memory for pool %s: "
			"%u mbufs of %u bytes (about %lu MiB): %s; raise "
			"-m in [eal] args or lower [pools] mbufs",
			cfg->path, name, cfg->pool_mbufs, cfg->pool_data_room,
			(unsigned long)((uint64_t)cfg->pool_mbufs *
						(cfg->pool_data_room + 192u) >>
					20),
			rte_strerror(rte_errno));
		return NULL;
	}
	ports->pools[socket] = mp;
	return mp;
}

static int
ring_port(const struct fsctp_rt_config *cfg, const struct fsctp_rt_port_cfg *p,
	  int idx, uint16_t *port_id, char *err, size_t errlen)
{
	struct rte_ring *rx[FSCTP_RT_MAX_LCORES], *tx[FSCTP_RT_MAX_LCORES];
	char name[RTE_RING_NAMESIZE];
	unsigned int sz = 1;
	uint16_t q;
	int rc;

	while (sz < p->rx_desc)
		sz <<= 1;
	for (q = 0; q < p->rx_queues; q++) {
		for (int dir = 0; dir < 2; dir++) {
			struct rte_ring *r;

			/* dir 0: a->b, dir 1: b->a. A name that does not
			 * fit would alias another ring: refused. */
			if (snprintf(name, sizeof(name), "%s_%s%u", p->dev,
				     dir ? "ba" : "ab", q) >= (int)sizeof(name))
				return fsctp_rt_fail(
					err, errlen,
					"profile %s: [port%d] ring name %s "
					"too long",
					cfg->path, idx, p->dev);
			r = rte_ring_lookup(name);
			if (r == NULL)
				r = rte_ring_create(name, sz, SOCKET_ID_ANY,
						    RING_F_SP_ENQ |
							    RING_F_SC_DEQ);
			if (r == NULL)
				return fsctp_rt_fail(
					err, errlen,
					"profile %s: [port%d] ring %s: %s",
					cfg->path, idx, name,
					rte_strerror(rte_errno));
			/* Side a receives b->a and sends a->b. */
			if ((dir == 1) == (p->ring_side == 0))
				rx[q] = r;
			else
				tx[q] = r;
		}
	}
	if (snprintf(name, sizeof(name), "%s_%c", p->dev,
		     p->ring_side ? 'b' : 'a') >= (int)sizeof(name))
		return fsctp_rt_fail(
			err, errlen,
			"profile %s: [port%d] ring name %s too long", cfg->path,
			idx, p->dev);
	rc = rte_eth_from_rings(name, rx, p->rx_queues, tx, p->tx_queues,
				SOCKET_ID_ANY);
	if (rc < 0)
		return fsctp_rt_fail(
			err, errlen, "profile %s: [port%d] ring port %s: %s",
			cfg->path, idx, name, rte_strerror(rte_errno));
	*port_id = (uint16_t)rc;
	return 0;
}

static int
find_port(const struct fsctp_rt_config *cfg, const struct fsctp_rt_port_cfg *p,
	  int idx, uint16_t *port_id, char *err, size_t errlen)
{
	char name[FSCTP_RT_STR];

	if (p->kind == FSCTP_RT_PORT_RING)
		return ring_port(cfg, p, idx, port_id, err, errlen);
	snprintf(name, sizeof(name), "%s", p->dev);
	/* A vdev's port is named by the part of the spec before ','. */
	name[strcspn(name, ",")] = '\0';
	if (rte_eth_dev_get_port_by_name(name, port_id) != 0)
		return fsctp_rt_fail(
			err, errlen,
			"profile %s: [port%d] no DPDK port named '%s' "
			"(driver not loaded or device absent)",
			cfg->path, idx, name);
	return 0;
}

static int
start_one(const struct fsctp_rt_config *cfg, int idx,
	  struct fsctp_rt_ports *ports, char *err, size_t errlen)
{
	const struct fsctp_rt_port_cfg *p = &cfg->ports[idx];
	struct fsctp_rt_port *fp = &ports->port[idx];
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	struct rte_ether_addr ea;
	uint64_t want;
	uint16_t q;
	int rc = 0;

	if (find_port(cfg, p, idx, &fp->port_id, err, errlen) != 0)
		return -EINVAL;
	fp->socket = rte_eth_dev_socket_id(fp->port_id);
	if (fp->socket < 0)
		fp->socket = 0;
	fp->pool = pool_for(cfg, ports, fp->socket, err, errlen, &rc);
	if (fp->pool == NULL)
		return rc;
	if (rte_eth_dev_info_get(fp->port_id, &info) != 0)
		return fsctp_rt_fail(err, errlen,
				     "profile %s: [port%d] no device info",
				     cfg->path, idx);
	memset(&conf, 0, sizeof(conf));
	/* RSS on SCTP over IPv4 and IPv6 when asked and there is more than
	 * one queue, masked by what the port can hash. */
	if (p->rss_sctp && p->rx_queues > 1) {
		want = RTE_ETH_RSS_NONFRAG_IPV4_SCTP |
		       RTE_ETH_RSS_NONFRAG_IPV6_SCTP;
		fp->rss_hf = want & info.flow_type_rss_offloads;
		if (fp->rss_hf == 0)
			fp->rss_hf = (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_IPV6) &
				     info.flow_type_rss_offloads;
		if (fp->rss_hf != 0) {
			conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
			conf.rx_adv_conf.rss_conf.rss_hf = fp->rss_hf;
		}
	}
	fp->tx_ip4_cksum = p->tx_ip4_cksum && (info.tx_offload_capa &
					       RTE_ETH_TX_OFFLOAD_IPV4_CKSUM);
	fp->tx_sctp_cksum = p->tx_sctp_cksum && (info.tx_offload_capa &
						 RTE_ETH_TX_OFFLOAD_SCTP_CKSUM);
	if (fp->tx_ip4_cksum)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_IPV4_CKSUM;
	if (fp->tx_sctp_cksum)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_SCTP_CKSUM;
	want = RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | RTE_ETH_RX_OFFLOAD_SCTP_CKSUM;
	fp->rx_cksum = p->rx_cksum && (info.rx_offload_capa & want) == want;
	if (fp->rx_cksum)
		conf.rxmode.offloads |= want;
	if (p->rx_queues > info.max_rx_queues ||
	    p->tx_queues > info.max_tx_queues)
		return fsctp_rt_fail(
			err, errlen,
			"profile %s: [port%d] %u/%u queues asked, the "
			"port has %u/%u",
			cfg->path, idx, p->rx_queues, p->tx_queues,
			info.max_rx_queues, info.max_tx_queues);
	rc = rte_eth_dev_configure(fp->port_id, p->rx_queues, p->tx_queues,
				   &conf);
	if (rc != 0)
		return fsctp_rt_fail(err, errlen,
				     "profile %s: [port%d] configure: %s",
				     cfg->path, idx, rte_strerror(-rc));
	rc = rte_eth_dev_set_mtu(fp->port_id, p->mtu);
	if (rc != 0 && rc != -ENOTSUP)
		FSCTP_RT_LOG(WARNING, "[port%d] MTU %u not set: %s\n", idx,
			     p->mtu, rte_strerror(-rc));
	for (q = 0; q < p->rx_queues; q++) {
		rc = rte_eth_rx_queue_setup(fp->port_id, q, p->rx_desc,
					    (unsigned int)fp->socket, NULL,
					    fp->pool);
		if (rc != 0)
			return fsctp_rt_fail(
				err, errlen,
				"profile %s: [port%d] rx queue %u: %s",
				cfg->path, idx, q, rte_strerror(-rc));
	}
	for (q = 0; q < p->tx_queues; q++) {
		rc = rte_eth_tx_queue_setup(fp->port_id, q, p->tx_desc,
					    (unsigned int)fp->socket, NULL);
		if (rc != 0)
			return fsctp_rt_fail(
				err, errlen,
				"profile %s: [port%d] tx queue %u: %s",
				cfg->path, idx, q, rte_strerror(-rc));
	}
	if (p->has_mac) {
		memcpy(ea.addr_bytes, p->net.mac, 6);
		rc = rte_eth_dev_default_mac_addr_set(fp->port_id, &ea);
		if (rc != 0)
			FSCTP_RT_LOG(WARNING,
				     "[port%d] MAC not set on the port (%s); "
				     "using it in software only\n",
				     idx, rte_strerror(-rc));
		memcpy(fp->mac, p->net.mac, 6);
	} else {
		rte_eth_macaddr_get(fp->port_id, &ea);
		memcpy(fp->mac, ea.addr_bytes, 6);
	}
	rc = rte_eth_dev_start(fp->port_id);
	if (rc != 0)
		return fsctp_rt_fail(err, errlen,
				     "profile %s: [port%d] start: %s",
				     cfg->path, idx, rte_strerror(-rc));
	/* IPv6 ND needs the solicited-node groups: accept all multicast. */
	rte_eth_allmulticast_enable(fp->port_id);
	FSCTP_RT_LOG(INFO,
		     "port%d (dpdk %u, %s): %u queues, rss_hf 0x%lx, tx "
		     "offloads ipv4_cksum=%d sctp_cksum=%d, rx_cksum=%d\n",
		     idx, fp->port_id, info.driver_name, p->rx_queues,
		     (unsigned long)fp->rss_hf, fp->tx_ip4_cksum,
		     fp->tx_sctp_cksum, fp->rx_cksum);
	return 0;
}

int
fsctp_rt_ports_start(const struct fsctp_rt_config *cfg,
		     struct fsctp_rt_ports *ports, char *err, size_t errlen)
{
	uint16_t i;
	int rc;

	memset(ports, 0, sizeof(*ports));
	for (i = 0; i < cfg->n_ports; i++) {
		rc = start_one(cfg, i, ports, err, errlen);
		if (rc != 0) {
			fsctp_rt_ports_stop(ports);
			return rc;
		}
		ports->n = (uint16_t)(i + 1);
	}
	return 0;
}

void
fsctp_rt_ports_stop(struct fsctp_rt_ports *ports)
{
	uint16_t i;

	for (i = 0; i < ports->n; i++) {
		rte_eth_dev_stop(ports->port[i].port_id);
		rte_eth_dev_close(ports->port[i].port_id);
	}
	ports->n = 0;
	for (i = 0; i < FSCTP_RT_MAX_SOCKETS; i++) {
		rte_mempool_free(ports->pools[i]);
		ports->pools[i] = NULL;
	}
}
