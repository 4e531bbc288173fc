/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim_crc32c.h"

#include <cstring>

namespace fsctp_sim
{

namespace
{

/* Castagnoli polynomial, reflected. */
constexpr uint32_t kPoly = 0x82f63b78u;

struct Table {
	uint32_t t[256];
	Table()
	{
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = (c & 1) ? (c >> 1) ^ kPoly : c >> 1;
			t[i] = c;
		}
	}
};

const Table kTable;

} // namespace

uint32_t
crc32c(const uint8_t *buf, size_t len)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < len; i++)
		c = kTable.t[(c ^ buf[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static uint32_t
crc_with_zero_field(const uint8_t *pkt, size_t len)
{
	static const uint8_t zero[4] = { 0, 0, 0, 0 };
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < len; i++) {
		uint8_t b = (i >= 8 && i < 12) ? zero[i - 8] : pkt[i];
		c = kTable.t[(c ^ b) & 0xff] ^ (c >> 8);
	}
	return c ^ 0xffffffffu;
}

void
sctp_fill_crc(uint8_t *pkt, size_t len)
{
	if (len < 12)
		return;
	uint32_t c = crc_with_zero_field(pkt, len);
	/* RFC 9260 appendix A: the CRC goes out least significant byte
	 * first, i.e. the reflected value in little-endian order. */
	pkt[8] = (uint8_t)c;
	pkt[9] = (uint8_t)(c >> 8);
	pkt[10] = (uint8_t)(c >> 16);
	pkt[11] = (uint8_t)(c >> 24);
}

bool
sctp_crc_ok(const uint8_t *pkt, size_t len)
{
	if (len < 12)
		return false;
	uint32_t c = crc_with_zero_field(pkt, len);
	return pkt[8] == (uint8_t)c && pkt[9] == (uint8_t)(c >> 8) &&
	       pkt[10] == (uint8_t)(c >> 16) && pkt[11] == (uint8_t)(c >> 24);
}

} // namespace fsctp_sim
