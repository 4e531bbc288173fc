/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The runtime's rte_log type ("fsctp.fastpath") and its logging macro.
 */
#ifndef FSCTP_RT_LOG_H
#define FSCTP_RT_LOG_H

#include <stddef.h>

#include <rte_log.h>

/** The rte_log type of lib/runtime. */
extern int fsctp_rt_logtype;

/** Log at level (ERR, WARNING, INFO, DEBUG) with the runtime's type. */
#define FSCTP_RT_LOG(level, ...) \
	rte_log(RTE_LOG_##level, fsctp_rt_logtype, "fsctp: " __VA_ARGS__)

/**
 * Format a runtime set-up error, log it and copy it into err (if not NULL).
 * @return -EINVAL, for use as `return fsctp_rt_fail(...)`.
 */
int fsctp_rt_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* FSCTP_RT_LOG_H */
