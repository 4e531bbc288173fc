/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim_pcap.h"

#include <cerrno>
#include <cstring>

namespace fsctp_sim
{

static void
put16(std::vector<uint8_t> &v, size_t off, uint16_t x)
{
	v[off] = (uint8_t)(x >> 8);
	v[off + 1] = (uint8_t)x;
}

static uint16_t
ipv4_checksum(const uint8_t *h, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

std::vector<uint8_t>
ip_encapsulate(const struct fsctp_addr &src, const struct fsctp_addr &dst,
	       const uint8_t *sctp, size_t len, uint16_t ip_id)
{
	std::vector<uint8_t> out;
	if (src.family != dst.family)
		return out;
	if (src.family == FSCTP_AF_INET4) {
		size_t tot = 20 + len;
		if (tot > 0xffff)
			return out;
		out.assign(tot, 0);
		out[0] = 0x45;
		put16(out, 2, (uint16_t)tot);
		put16(out, 4, ip_id);
		out[6] = 0x40; /* DF: SCTP does its own fragmentation. */
		out[8] = 64;
		out[9] = 132; /* IPPROTO_SCTP */
		memcpy(&out[12], src.ip.v4, 4);
		memcpy(&out[16], dst.ip.v4, 4);
		put16(out, 10, ipv4_checksum(out.data(), 20));
		memcpy(&out[20], sctp, len);
	} else if (src.family == FSCTP_AF_INET6) {
		if (len > 0xffff)
			return out;
		out.assign(40 + len, 0);
		out[0] = 0x60;
		put16(out, 4, (uint16_t)len);
		out[6] = 132;
		out[7] = 64;
		memcpy(&out[8], src.ip.v6, 16);
		memcpy(&out[24], dst.ip.v6, 16);
		memcpy(&out[40], sctp, len);
	}
	return out;
}

static void
le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

PcapWriter::~PcapWriter()
{
	close();
}

int
PcapWriter::open(const std::string &path)
{
	close();
	f_ = fopen(path.c_str(), "wb");
	if (f_ == nullptr)
		return -errno;
	/* Global header, written little-endian field by field so the file is
	 * the same on every host. */
	uint8_t h[24] = { 0 };
	le32(h, 0xa1b2c3d4u); /* microsecond timestamps */
	h[4] = 2;	      /* version 2.4 */
	h[6] = 4;
	le32(h + 16, 65535); /* snaplen */
	le32(h + 20, kPcapLinktypeRaw);
	if (fwrite(h, sizeof(h), 1, f_) != 1) {
		close();
		return -EIO;
	}
	records_ = 0;
	return 0;
}

void
PcapWriter::write(uint64_t t_us, const struct fsctp_addr &src,
		  const struct fsctp_addr &dst, const uint8_t *sctp, size_t len)
{
	if (f_ == nullptr)
		return;
	std::vector<uint8_t> ip = ip_encapsulate(src, dst, sctp, len, ip_id_++);
	if (ip.empty())
		return;
	uint8_t r[16];
	le32(r, (uint32_t)(t_us / 1000000));
	le32(r + 4, (uint32_t)(t_us % 1000000));
	uint32_t cap = ip.size() > 65535 ? 65535 : (uint32_t)ip.size();
	le32(r + 8, cap);
	le32(r + 12, (uint32_t)ip.size());
	fwrite(r, sizeof(r), 1, f_);
	fwrite(ip.data(), cap, 1, f_);
	records_++;
}

void
PcapWriter::close()
{
	if (f_ != nullptr)
		fclose(f_);
	f_ = nullptr;
}

} // namespace fsctp_sim
