/* SPDX-License-Identifier: BSD-3-Clause */
/* Serial number arithmetic (RFC 1982, RFC 9260 1.6) across the wrap. */
#include <gtest/gtest.h>

#include "fsctp_serial.h"

TEST(Serial, Tsn32AcrossWrap)
{
	EXPECT_TRUE(fsctp_sn32_lt(0xFFFFFFF0u, 0x10u));
	EXPECT_TRUE(fsctp_sn32_gt(0x10u, 0xFFFFFFF0u));
	EXPECT_TRUE(fsctp_sn32_le(5, 5));
	EXPECT_FALSE(fsctp_sn32_lt(5, 5));
	EXPECT_TRUE(fsctp_sn32_ge(0, 0xFFFFFFFFu));
	EXPECT_TRUE(fsctp_sn32_lt(0, 0x7FFFFFFFu));
	EXPECT_FALSE(fsctp_sn32_lt(0, 0x80000000u));
}

TEST(Serial, Ssn16AcrossWrap)
{
	EXPECT_TRUE(fsctp_sn16_lt(0xFFFF, 0));
	EXPECT_TRUE(fsctp_sn16_gt(1, 0xFFF0));
	EXPECT_TRUE(fsctp_sn16_le(7, 7));
	EXPECT_TRUE(fsctp_sn16_ge(0x8000, 0x0001));
	EXPECT_FALSE(fsctp_sn16_lt(0, 0x8000));
}
