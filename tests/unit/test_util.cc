/* SPDX-License-Identifier: BSD-3-Clause */
/* Public helpers: error strings, address parsing and formatting. */
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "fsctp.h"

static std::string
fmt(const struct fsctp_addr &a)
{
	char buf[FSCTP_ADDR_STRLEN];
	int n = fsctp_addr_format(&a, buf, sizeof(buf));

	if (n < 0)
		return "error " + std::to_string(n);
	EXPECT_EQ((size_t)n, strlen(buf));
	return buf;
}

TEST(AddrParse, Ipv4WithAndWithoutPort)
{
	struct fsctp_addr a;

	ASSERT_EQ(fsctp_addr_parse("198.18.0.1:2905", &a), 0);
	EXPECT_EQ(a.family, FSCTP_AF_INET4);
	EXPECT_EQ(a.port, 2905);
	EXPECT_EQ(a.ip.v4[0], 198);
	EXPECT_EQ(a.ip.v4[3], 1);
	ASSERT_EQ(fsctp_addr_parse("198.18.0.2", &a), 0);
	EXPECT_EQ(a.port, 0);
	EXPECT_EQ(a.ip.v4[3], 2);
}

TEST(AddrParse, Ipv6BareAndBracketed)
{
	struct fsctp_addr a;

	ASSERT_EQ(fsctp_addr_parse("2001:db8::1", &a), 0);
	EXPECT_EQ(a.family, FSCTP_AF_INET6);
	EXPECT_EQ(a.port, 0);
	EXPECT_EQ(a.ip.v6[0], 0x20);
	EXPECT_EQ(a.ip.v6[15], 1);
	ASSERT_EQ(fsctp_addr_parse("[2001:db8::2]:36412", &a), 0);
	EXPECT_EQ(a.family, FSCTP_AF_INET6);
	EXPECT_EQ(a.port, 36412);
	EXPECT_EQ(a.ip.v6[15], 2);
	ASSERT_EQ(fsctp_addr_parse("[::1]", &a), 0);
	EXPECT_EQ(a.port, 0);
}

TEST(AddrParse, RejectsBadInput)
{
	struct fsctp_addr a;
	const char *bad[] = {
		"",
		"198.18.0.1:",
		"198.18.0.1:x",
		"198.18.0.1:65536",
		"198.18.0.1:-1",
		"198.18.0.1:29x",
		"198.18.0",
		"198.18.0.256",
		"host.example:80",
		"[2001:db8::1",
		"[2001:db8::1]x",
		"[198.18.0.1]:1",
		"2001:db8::g",
		"198.18.0.1/24",
		":2905",
	};

	for (const char *s : bad)
		EXPECT_EQ(fsctp_addr_parse(s, &a), -EINVAL) << s;
	EXPECT_EQ(fsctp_addr_parse(nullptr, &a), -EINVAL);
	EXPECT_EQ(fsctp_addr_parse("198.18.0.1", nullptr), -EINVAL);
}

TEST(AddrFormat, RoundTrips)
{
	const char *good[] = {
		"198.18.0.1:2905", "198.18.255.254", "[2001:db8::1]:2905",
		"2001:db8::ffff",  "[::1]:1",	     "0.0.0.0:65535",
	};

	for (const char *s : good) {
		struct fsctp_addr a;

		ASSERT_EQ(fsctp_addr_parse(s, &a), 0) << s;
		EXPECT_EQ(fmt(a), s);
	}
}

TEST(AddrFormat, LongestFitsAndSmallBufferIsRefused)
{
	struct fsctp_addr a;
	char small[8];

	ASSERT_EQ(
		fsctp_addr_parse(
			"[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535",
			&a),
		0);
	EXPECT_EQ(fmt(a).substr(0, 1), "[");
	EXPECT_LT(fmt(a).size(), (size_t)FSCTP_ADDR_STRLEN);
	ASSERT_EQ(fsctp_addr_parse("198.18.0.1:2905", &a), 0);
	EXPECT_EQ(fsctp_addr_format(&a, small, sizeof(small)), -ENOSPC);
	EXPECT_EQ(small[sizeof(small) - 1], '\0');
	a.family = 0;
	char buf[FSCTP_ADDR_STRLEN];
	EXPECT_EQ(fsctp_addr_format(&a, buf, sizeof(buf)), -EINVAL);
	EXPECT_EQ(fsctp_addr_format(nullptr, buf, sizeof(buf)), -EINVAL);
}

TEST(Strerror, BothSignsAndUnknown)
{
	EXPECT_STREQ(fsctp_strerror(ENOENT), strerror(ENOENT));
	EXPECT_STREQ(fsctp_strerror(-EINVAL), strerror(EINVAL));
	EXPECT_NE(fsctp_strerror(123456), nullptr);
}
