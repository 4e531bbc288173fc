/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Counters of a stack (all endpoints of one protocol instance) and of one
 * association. Names follow the SCTP MIB (RFC 3873) where one exists
 * (sctpXxx); the fsctp_ ones count every discard reason and every limit.
 * All counters are plain uint64_t written only by the owning thread.
 */
#ifndef FSCTP_COUNTERS_H
#define FSCTP_COUNTERS_H

#include <stdint.h>

#include "fsctp_core.h"
#include "fsctp_stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @return the stack's counters (never NULL for a valid stack). Call only
 *   from the stack's thread.
 */
const struct fsctp_stack_counters *
fsctp_stack_counters(const struct fsctp_stack *st);

/** @return an association's counters, or NULL when id is unknown. */
const struct fsctp_assoc_counters *
fsctp_assoc_counters(const struct fsctp_stack *st, fsctp_assoc_id_t id);

/** The names of the fields of struct fsctp_stack_counters, in order
 * (generated from this header). */
extern const char *const fsctp_stack_counter_names[];
/** Their number. */
extern const unsigned int fsctp_stack_counter_names_count;
/** The names of the fields of struct fsctp_assoc_counters, in order. */
extern const char *const fsctp_assoc_counter_names[];
/** Their number. */
extern const unsigned int fsctp_assoc_counter_names_count;

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_COUNTERS_H */
