/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Helpers over (possibly multi-segment) mbuf chains: CRC32c over a byte
 * range, a bounded copy out, and a read that avoids the copy when the bytes
 * are contiguous. Only the segments' data_len and next are trusted for
 * walking; the first segment's pkt_len bounds every range. None of them
 * reads outside the segments' data. All are pure and may be called from any
 * lcore on an mbuf it owns (or only reads).
 */
#ifndef FSCTP_MBUF_H
#define FSCTP_MBUF_H

#include <stddef.h>
#include <stdint.h>

#include <rte_mbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Raw CRC32c update (see fsctp_crc32c()) over @p len bytes of the chain
 * @p m starting @p off bytes into its data.
 *
 * @param m
 *   First segment of the chain.
 * @param off
 *   Offset from the start of the packet data.
 * @param len
 *   Number of bytes.
 * @param crc
 *   The running CRC (FSCTP_CRC32C_INIT to start).
 * @return
 *   The updated running CRC (not complemented). The caller ensures
 *   off + len <= pkt_len; bytes beyond the end of the chain are not read
 *   and do not contribute.
 */
uint32_t fsctp_crc32c_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len,
			   uint32_t crc);

/**
 * Copy @p len bytes of the chain @p m from offset @p off into @p dst.
 *
 * @param m
 *   First segment of the chain.
 * @param off
 *   Offset from the start of the packet data.
 * @param len
 *   Number of bytes to copy.
 * @param dst
 *   Destination, at least @p cap bytes.
 * @param cap
 *   Capacity of @p dst.
 * @return
 *   0 on success;
 *   -EMSGSIZE if @p len > @p cap (nothing is written);
 *   -EINVAL if @p m is NULL, @p dst is NULL with a non-zero @p len, or the
 *   chain holds fewer than off + len bytes (@p dst may then be partly
 *   written).
 */
int fsctp_mbuf_linearize(const struct rte_mbuf *m, uint32_t off, uint32_t len,
			 void *dst, size_t cap);

/**
 * Read @p len bytes of the chain @p m at offset @p off: a pointer into the
 * mbuf when they lie in one segment, else a copy into @p scratch (the idea
 * of rte_pktmbuf_read(), but the direct pointer is returned from any
 * segment, not only the first).
 *
 * @param m
 *   First segment of the chain.
 * @param off
 *   Offset from the start of the packet data.
 * @param len
 *   Number of bytes.
 * @param scratch
 *   At least @p len bytes, used only when the bytes span segments.
 * @return
 *   A pointer to the @p len bytes (for @p len 0, the start of the packet
 *   data), or NULL if @p m is NULL, the chain holds fewer than off + len
 *   bytes, or a copy is needed and @p scratch is NULL.
 */
const void *fsctp_mbuf_read(const struct rte_mbuf *m, uint32_t off,
			    uint32_t len, void *scratch);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_MBUF_H */
