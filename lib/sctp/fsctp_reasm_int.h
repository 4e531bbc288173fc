/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared between the two halves of reassembly: fsctp_reasm.c (DATA, by TSN
 * and SSN) and fsctp_reasm_idata.c (I-DATA, by MID and FSN). Both count
 * against one window and the same limits. Not part of any API.
 */
#ifndef FSCTP_REASM_INT_H
#define FSCTP_REASM_INT_H

#include "fsctp_reasm.h"

/* RFC 6458 8.1.20: at levels 0 and 1, while a message is partly
 * delivered, nothing else of the association is delivered (it is held
 * until that message ends or is given up); at level 2 other messages
 * interleave with its pieces. */
static inline bool
fsctp_reasm_pd_blocked(const struct fsctp_reasm *r)
{
	return r->cfg.frag_interleave < 2 && r->pd_busy > 0;
}

/* A chunk of len bytes is now held (window and memory). */
void fsctp_reasm_hold(struct fsctp_reasm *r, uint32_t len);
/* ... and no longer held. */
void fsctp_reasm_unhold(struct fsctp_reasm *r, uint32_t len);
/* Memory held besides chunks (I-DATA fragment tables); may be negative. */
void fsctp_reasm_charge(struct fsctp_reasm *r, int64_t mem);
/* The window and memory checks of a new chunk of len bytes:
 * FSCTP_REASM_OK or FSCTP_REASM_DROPPED (counted). */
enum fsctp_reasm_result fsctp_reasm_admit(struct fsctp_reasm *r, uint32_t len,
					  uint64_t extra, bool beyond_highest);
/* A buffer of len bytes for a message to deliver: a block of cfg.cache
 * when it fits one (fsctp_reasm_msg_buf_free()). NULL when none. */
uint8_t *fsctp_reasm_msg_buf(struct fsctp_reasm *r, uint32_t len);
/* Keep a chunk's len bytes: in place with *held = ref when ref is not
 * NULL and cfg.ref_hold takes it (zero copy), else a copy (*held NULL) in
 * a message buffer (whole) or a fragment's malloc() block. NULL when out
 * of memory. */
uint8_t *fsctp_reasm_keep(struct fsctp_reasm *r, const uint8_t *data,
			  uint32_t len, void *ref, bool whole, void **held);
/* Give back what fsctp_reasm_keep() kept: the reference, or free(). */
void fsctp_reasm_data_free(struct fsctp_reasm *r, uint8_t *data, void *ref);
/* Hand a complete message to cfg.deliver (counted; undelivered bytes). */
void fsctp_reasm_deliver_msg(struct fsctp_reasm *r, struct fsctp_reasm_msg *m);
/* Report the I-DATA messages partly delivered as aborted. */
void fsctp_reasm_idata_pd_abort_all(struct fsctp_reasm *r);
/* Free the I-DATA state (from fsctp_reasm_fini()). */
void fsctp_reasm_idata_fini(struct fsctp_reasm *r);
/* RFC 6525 on an I-DATA receiver: a stream's MIDs restart at 0. */
void fsctp_reasm_idata_reset(struct fsctp_reasm *r, uint16_t sid);
/* RFC 6525 Add Streams: the per-stream I-DATA state grows to n_new
 * streams (before cfg.n_in_streams does). @return 0 or -ENOMEM. */
int fsctp_reasm_idata_grow(struct fsctp_reasm *r, uint16_t n_new);

#endif /* FSCTP_REASM_INT_H */
