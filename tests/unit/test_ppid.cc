/* SPDX-License-Identifier: BSD-3-Clause */
/* The IANA payload protocol identifier table. */
#include <gtest/gtest.h>

#include <cerrno>
#include <set>
#include <string>

#include "fsctp_ppid.h"

TEST(Ppid, NodeModuleNamesHaveRegistryValues)
{
	const struct {
		const char *name;
		uint32_t value;
	} want[] = {
		{ "SCTP", 0 },
		{ "IUA", 1 },
		{ "M2UA", 2 },
		{ "M3UA", 3 },
		{ "SUA", 4 },
		{ "M2PA", 5 },
		{ "V5UA", 6 },
		{ "H248", 7 },
		{ "SSH", 45 },
		{ "Diameter", 46 },
		{ "Diameter_DTLS", 47 },
		{ "WebRTC_DCEP", 50 },
		{ "WebRTC_String", 51 },
		{ "WebRTC_Binary", 53 },
		{ "WebRTC_String_Empty", 56 },
		{ "WebRTC_Binary_Empty", 57 },
		{ "S1AP", 18 },
		{ "NGAP", 60 },
	};
	for (const auto &w : want) {
		uint32_t v = 0xFFFFFFFF;
		ASSERT_EQ(fsctp_ppid_from_name(w.name, &v), 0) << w.name;
		EXPECT_EQ(v, w.value) << w.name;
		ASSERT_NE(fsctp_ppid_name(w.value), nullptr);
		EXPECT_STREQ(fsctp_ppid_name(w.value), w.name);
	}
	EXPECT_EQ(FSCTP_PPID_M3UA, 3);
	EXPECT_EQ(FSCTP_PPID_WEBRTC_BINARY_EMPTY, 57);
}

TEST(Ppid, LookupIsCaseInsensitive)
{
	uint32_t v = 0;
	EXPECT_EQ(fsctp_ppid_from_name("m3ua", &v), 0);
	EXPECT_EQ(v, 3u);
	EXPECT_EQ(fsctp_ppid_from_name("diameter_dtls", &v), 0);
	EXPECT_EQ(v, 47u);
}

TEST(Ppid, UnknownAndBadArguments)
{
	uint32_t v = 7;
	EXPECT_EQ(fsctp_ppid_from_name("NoSuchProtocol", &v), -ENOENT);
	EXPECT_EQ(v, 7u);
	EXPECT_EQ(fsctp_ppid_from_name(nullptr, &v), -EINVAL);
	EXPECT_EQ(fsctp_ppid_from_name("M3UA", nullptr), -EINVAL);
	EXPECT_EQ(fsctp_ppid_name(26), nullptr); /* unassigned */
	EXPECT_EQ(fsctp_ppid_name(0xFFFFFFFFu), nullptr);
}

TEST(Ppid, TableSortedUniqueAndRoundTrips)
{
	unsigned int n = 0;
	const fsctp_ppid_entry *t = fsctp_ppid_table(&n);
	ASSERT_GE(n, 73u);
	std::set<std::string> names;
	for (unsigned int i = 0; i < n; i++) {
		if (i > 0) {
			EXPECT_LT(t[i - 1].value, t[i].value);
		}
		EXPECT_TRUE(names.insert(t[i].name).second) << t[i].name;
		uint32_t v;
		ASSERT_EQ(fsctp_ppid_from_name(t[i].name, &v), 0);
		EXPECT_EQ(v, t[i].value);
		EXPECT_STREQ(fsctp_ppid_name(t[i].value), t[i].name);
	}
}
