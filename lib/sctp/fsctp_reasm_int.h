/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared between the two halves of reassembly: fsctp_reasm.c (DATA, by TSN
 * and SSN) and fsctp_reasm_idata.c (I-DATA, by MID and FSN). Both count
 * against one window and the same limits. Not part of any API.
 */
#ifndef FSCTP_REASM_INT_H
#define FSCTP_REASM_INT_H

#include "fsctp_reasm.h"

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
/* Hand a complete message to cfg.deliver (counted; undelivered bytes). */
void fsctp_reasm_deliver_msg(struct fsctp_reasm *r, struct fsctp_reasm_msg *m);
/* Free the I-DATA state (from fsctp_reasm_fini()). */
void fsctp_reasm_idata_fini(struct fsctp_reasm *r);

#endif /* FSCTP_REASM_INT_H */
