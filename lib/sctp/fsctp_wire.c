/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The packet writer; with the TLV iterator (fsctp_tlv_next(), inline in
 * fsctp_wire.h, as it runs for every chunk received) the only places that
 * decide whether a byte is inside a packet.
 */
#include <errno.h>
#include <string.h>

#include "fsctp_wire.h"

size_t
fsctp_wbuf_chunk_begin(struct fsctp_wbuf *w, uint8_t type, uint8_t flags)
{
	size_t off = w->len;
	uint8_t *p = fsctp_wbuf_reserve(w, 4);

	if (p != NULL) {
		p[0] = type;
		p[1] = flags;
		fsctp_wr16(p + 2, 0);
	}
	return off;
}

void
fsctp_wbuf_chunk_end(struct fsctp_wbuf *w, size_t hdr_off)
{
	size_t clen;

	if (w->err)
		return;
	clen = w->len - hdr_off - w->tail_pad;
	if (clen > UINT16_MAX) {
		w->err = -EMSGSIZE;
		return;
	}
	fsctp_wr16(w->buf + hdr_off + 2, (uint16_t)clen);
	fsctp_wbuf_pad4(w);
}

int
fsctp_wbuf_tlv_end(struct fsctp_wbuf *w, size_t hdr_off)
{
	size_t len;

	if (w->err)
		return w->err;
	len = w->len - hdr_off;
	if (len > UINT16_MAX) {
		w->err = -EMSGSIZE;
		return w->err;
	}
	fsctp_wr16(w->buf + hdr_off + 2, (uint16_t)len);
	fsctp_wbuf_pad4(w);
	return w->err;
}

void
fsctp_wbuf_tlv(struct fsctp_wbuf *w, uint16_t type, const void *value,
	       size_t value_len)
{
	uint8_t *p;

	if (value_len > UINT16_MAX - 4u) {
		if (!w->err)
			w->err = -EMSGSIZE;
		return;
	}
	p = fsctp_wbuf_reserve(w, 4);
	if (p == NULL)
		return;
	fsctp_wr16(p, type);
	fsctp_wr16(p + 2, (uint16_t)(value_len + 4));
	fsctp_wbuf_put(w, value, value_len);
	fsctp_wbuf_pad4(w);
}

void
fsctp_wbuf_tlv_u32(struct fsctp_wbuf *w, uint16_t type, uint32_t value)
{
	uint8_t v[4];

	fsctp_wr32(v, value);
	fsctp_wbuf_tlv(w, type, v, sizeof(v));
}
