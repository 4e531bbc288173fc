/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Public helpers that need no runtime: error strings, the last
 * constructor error, transport address parsing and formatting.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>

#include "fsctp.h"

const char *
fsctp_strerror(int err)
{
	return rte_strerror(err < 0 ? -err : err);
}

int
fsctp_errno(void)
{
	return rte_errno;
}

int
fsctp_addr_parse(const char *s, struct fsctp_addr *out)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *port = NULL, *h = s;
	size_t n;

	if (s == NULL || out == NULL)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (s[0] == '[') {
		/* [IPv6] or [IPv6]:port */
		const char *end = strchr(s, ']');

		if (end == NULL)
			return -EINVAL;
		h = s + 1;
		n = (size_t)(end - h);
		if (end[1] == ':')
			port = end + 2;
		else if (end[1] != '\0')
			return -EINVAL;
	} else {
		const char *colon = strchr(s, ':');

		n = strlen(s);
		/* One colon: IPv4:port. More: a bare IPv6 address. */
		if (colon != NULL && strchr(colon + 1, ':') == NULL) {
			n = (size_t)(colon - s);
			port = colon + 1;
		}
	}
	if (n == 0 || n >= sizeof(host))
		return -EINVAL;
	memcpy(host, h, n);
	host[n] = '\0';
	if (h != s) { /* brackets hold an IPv6 address only */
		if (inet_pton(AF_INET6, host, out->ip.v6) != 1)
			return -EINVAL;
		out->family = FSCTP_AF_INET6;
	} else if (inet_pton(AF_INET, host, out->ip.v4) == 1)
		out->family = FSCTP_AF_INET4;
	else if (inet_pton(AF_INET6, host, out->ip.v6) == 1)
		out->family = FSCTP_AF_INET6;
	else
		return -EINVAL;
	if (port != NULL) {
		char *end;
		unsigned long p;

		if (*port < '0' || *port > '9')
			return -EINVAL;
		errno = 0;
		p = strtoul(port, &end, 10);
		if (errno != 0 || *end != '\0' || p > 65535)
			return -EINVAL;
		out->port = (uint16_t)p;
	}
	return 0;
}

int
fsctp_addr_format(const struct fsctp_addr *a, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];
	int n;

	if (a == NULL || buf == NULL || len == 0)
		return -EINVAL;
	if (a->family == FSCTP_AF_INET4)
		inet_ntop(AF_INET, a->ip.v4, ip, sizeof(ip));
	else if (a->family == FSCTP_AF_INET6)
		inet_ntop(AF_INET6, a->ip.v6, ip, sizeof(ip));
	else
		return -EINVAL;
	if (a->port == 0)
		n = snprintf(buf, len, "%s", ip);
	else if (a->family == FSCTP_AF_INET6)
		n = snprintf(buf, len, "[%s]:%u", ip, a->port);
	else
		n = snprintf(buf, len, "%s:%u", ip, a->port);
	if (n < 0)
		return -EINVAL;
	if ((size_t)n >= len)
		return -ENOSPC;
	return n;
}
