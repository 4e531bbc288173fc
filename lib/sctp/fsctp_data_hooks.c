/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Default data-path hooks of the association lifecycle (see the contract in
 * fsctp_assoc.h). These are deliberately minimal, enough for handshake,
 * shutdown and the tests of the lifecycle: received DATA is acknowledged
 * in order only (no gap blocks) and single-chunk messages are delivered;
 * nothing is ever sent, so all data is always "acknowledged". The data
 * integration replaces this whole file with the TSN map, reassembly,
 * send/retransmission queue and congestion control.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fsctp_assoc.h"
#include "fsctp_chunk.h"
#include "fsctp_serial.h"

void
fsctp_assoc_data_init(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	(void)st;
	a->rx_cum_tsn = a->peer_itsn - 1;
	a->rx_sack_due = false;
}

void
fsctp_assoc_data_reset(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	fsctp_assoc_data_init(st, a);
}

void
fsctp_assoc_data_free(struct fsctp_stack *st, struct fsctp_assoc *a)
{
	(void)st;
	(void)a;
}

enum fsctp_disp
fsctp_assoc_data_chunk(struct fsctp_stack *st, struct fsctp_assoc *a,
		       struct fsctp_rx *rx, const struct fsctp_tlv *ch)
{
	struct fsctp_data_info d;
	struct fsctp_msg *m;
	struct fsctp_event ev;

	(void)rx;
	if (ch->type != FSCTP_CHUNK_DATA)
		return FSCTP_DISP_CONTINUE; /* SACK: nothing was sent. */
	if (fsctp_decode_data(ch, &d) < 0) {
		st->ctr.fsctp_rx_bad_chunk_len++;
		return FSCTP_DISP_CONTINUE;
	}
	a->rx_sack_due = true;
	if (d.tsn != a->rx_cum_tsn + 1)
		return FSCTP_DISP_CONTINUE; /* Duplicate or out of order. */
	a->rx_cum_tsn = d.tsn;
	if ((d.flags & (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E)) !=
		    (FSCTP_DATA_FLAG_B | FSCTP_DATA_FLAG_E) ||
	    d.sid >= a->n_in)
		return FSCTP_DISP_CONTINUE;
	m = calloc(1, sizeof(*m) + d.len);
	if (m == NULL) {
		st->ctr.fsctp_nomem++;
		return FSCTP_DISP_CONTINUE;
	}
	m->assoc_id = a->id;
	m->sid = d.sid;
	m->ssn = d.ssn;
	m->ppid = d.ppid;
	m->tsn = d.tsn;
	m->unordered = (d.flags & FSCTP_DATA_FLAG_U) != 0;
	m->len = d.len;
	m->data = (uint8_t *)(m + 1);
	memcpy(m->data, d.payload, d.len);
	memset(&ev, 0, sizeof(ev));
	ev.type = FSCTP_EV_DATA;
	ev.assoc_id = a->id;
	ev.msg = m;
	st->ops.event(st->ops.ctx, &ev);
	return FSCTP_DISP_CONTINUE;
}

void
fsctp_assoc_data_packet_end(struct fsctp_stack *st, struct fsctp_assoc *a,
			    struct fsctp_rx *rx)
{
	(void)rx;
	if (!a->rx_sack_due)
		return;
	a->rx_sack_due = false;
	fsctp_out_begin_assoc(st, a);
	fsctp_encode_sack(fsctp_out_wbuf(st, 16), a->rx_cum_tsn, st->cfg.rwnd,
			  NULL, 0, NULL, 0);
	fsctp_out_ctrl(st);
}

uint32_t
fsctp_assoc_data_features(const struct fsctp_stack *st)
{
	(void)st;
	return 0; /* No extension without the data integration. */
}

bool
fsctp_assoc_data_all_acked(const struct fsctp_assoc *a)
{
	(void)a;
	return true;
}

uint32_t
fsctp_assoc_data_cum_tsn(const struct fsctp_assoc *a)
{
	return a->rx_cum_tsn;
}

void
fsctp_assoc_data_shutdown_ack(struct fsctp_stack *st, struct fsctp_assoc *a,
			      uint32_t cum)
{
	(void)st;
	(void)a;
	(void)cum;
}

int
fsctp_send(struct fsctp_stack *st, fsctp_assoc_id_t id,
	   const struct fsctp_sndinfo *info, const void *data, uint32_t len,
	   fsctp_time_t now)
{
	(void)info;
	(void)data;
	(void)len;
	(void)now;
	if (st == NULL || fsctp_lookup_id(st, id) == NULL)
		return -ENOTCONN;
	return -EOPNOTSUPP; /* The data integration provides sending. */
}

void
fsctp_msg_free(struct fsctp_stack *st, struct fsctp_msg *msg)
{
	(void)st;
	free(msg);
}
