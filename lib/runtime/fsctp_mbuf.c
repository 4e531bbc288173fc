/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC32c, bounded copy and contiguous read over mbuf chains. Every walk goes
 * by data_len and next and stops at the end of the chain, so an mbuf whose
 * pkt_len overstates its segments cannot lead to a read past the data.
 */
#include <errno.h>
#include <string.h>

#include <rte_mbuf.h>

#include "fsctp_crc32c.h"
#include "fsctp_mbuf.h"

/*
 * Find the segment holding byte @p *off of the chain and make @p *off
 * relative to it. NULL if the chain ends first.
 */
static const struct rte_mbuf *
seg_at(const struct rte_mbuf *m, uint32_t *off)
{
	while (m != NULL && *off >= m->data_len) {
		*off -= m->data_len;
		m = m->next;
	}
	return m;
}

/* Whether the chain's pkt_len covers off + len, without overflow. */
static int
range_ok(const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	return m != NULL && (uint64_t)off + len <= m->pkt_len;
}

uint32_t
fsctp_crc32c_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		  uint32_t crc)
{
	if (len == 0)
		return crc;
	m = seg_at(m, &off);
	while (m != NULL && len > 0) {
		uint32_t n = m->data_len - off;

		if (n > len)
			n = len;
		crc = fsctp_crc32c(
			crc, rte_pktmbuf_mtod_offset(m, const uint8_t *, off),
			n);
		len -= n;
		off = 0;
		m = m->next;
	}
	return crc;
}

/* Copy from segment @p m at segment offset @p off; -EINVAL if short. */
static int
copy_out(const struct rte_mbuf *m, uint32_t off, uint32_t len, uint8_t *dst)
{
	while (len > 0) {
		uint32_t n;

		if (m == NULL)
			return -EINVAL;
		n = m->data_len - off;
		if (n > len)
			n = len;
		memcpy(dst, rte_pktmbuf_mtod_offset(m, const uint8_t *, off),
		       n);
		dst += n;
		len -= n;
		off = 0;
		m = m->next;
	}
	return 0;
}

int
fsctp_mbuf_linearize(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		     void *dst, size_t cap)
{
	if (m == NULL || (dst == NULL && len > 0))
		return -EINVAL;
	if (len > cap)
		return -EMSGSIZE;
	if (!range_ok(m, off, len))
		return -EINVAL;
	if (len == 0)
		return 0;
	m = seg_at(m, &off);
	return copy_out(m, off, len, dst);
}

const void *
fsctp_mbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		void *scratch)
{
	if (!range_ok(m, off, len))
		return NULL;
	if (len == 0)
		return rte_pktmbuf_mtod(m, const void *);
	m = seg_at(m, &off);
	if (m == NULL)
		return NULL;
	/* Contiguous in this segment: no copy. */
	if ((uint64_t)off + len <= m->data_len)
		return rte_pktmbuf_mtod_offset(m, const uint8_t *, off);
	if (scratch == NULL || copy_out(m, off, len, scratch) < 0)
		return NULL;
	return scratch;
}
