/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The runtime's rte_log type ("fsctp.fastpath") and its logging macro.
 */
#ifndef FSCTP_FP_LOG_H
#define FSCTP_FP_LOG_H

#include <rte_log.h>

/** The rte_log type of lib/fastpath. */
extern int fsctp_fp_logtype;

/** Log at level (ERR, WARNING, INFO, DEBUG) with the runtime's type. */
#define FSCTP_FP_LOG(level, ...) \
	rte_log(RTE_LOG_##level, fsctp_fp_logtype, "fsctp: " __VA_ARGS__)

#endif /* FSCTP_FP_LOG_H */
