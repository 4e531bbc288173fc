/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ASCONF (RFC 5061), the receiving side, through two stacks back to back
 * (pair.h): negotiation (with AUTH only), serial numbers (5.2), Set
 * Primary, Add IP and Delete IP answered one by one in the ASCONF-ACK.
 * The ASCONFs are built by the test and leave through A's output, where
 * A adds the AUTH chunk B asks for.
 */
#include <gtest/gtest.h>

#include "pair.h"

using namespace fsctp_test;

namespace
{

fsctp_stack_config
asconf_config(bool auth = true, bool asconf = true)
{
	fsctp_stack_config c = test_config();

	c.nodelay = true;
	c.auth = auth;
	c.asconf = asconf;
	return c;
}

fsctp_asconf_param
req(uint16_t type, uint32_t corr, const fsctp_addr &ad)
{
	fsctp_asconf_param p{};

	p.type = type;
	p.corr_id = corr;
	p.has_addr = true;
	p.addr = ad;
	return p;
}

fsctp_addr
v4(uint8_t d)
{
	fsctp_addr a;

	fsctp_addr_set_v4(&a, 198, 18, 0, d, 0);
	return a;
}

/* A sends an ASCONF with these requests (test-built). */
void
send_asconf(Pair &p, fsctp_assoc_id_t id, uint32_t serial,
	    const std::vector<fsctp_asconf_param> &ps)
{
	fsctp_assoc *a = p.A.assoc(id);
	fsctp_wbuf *w;
	size_t off;

	fsctp_out_begin_assoc(p.A.st, a);
	w = fsctp_out_wbuf(p.A.st, 256);
	off = fsctp_encode_asconf_begin(w, serial, &p.A.addr);
	for (auto &x : ps)
		fsctp_encode_asconf_param(w, &x);
	fsctp_wbuf_chunk_end(w, off);
	ASSERT_EQ(w->err, 0);
	fsctp_out_ctrl(p.A.st);
	fsctp_out_flush(p.A.st);
	/* A's own serials move past it: the answer is an old serial to
	 * A (discarded), not one beyond (5.3 F0). */
	if ((int32_t)(serial + 1 - a->asconf.next_serial) > 0)
		a->asconf.next_serial = serial + 1;
}

/* The results of an ASCONF-ACK: (type, correlation id, first cause). */
struct Result {
	uint16_t type;
	uint32_t corr;
	uint16_t cause;
};

bool
decode_ack(const Chunk &c, uint32_t *serial, std::vector<Result> *out)
{
	fsctp_tlv t{};
	fsctp_asconf_info ai;
	fsctp_tlv_iter it;
	fsctp_tlv prm;

	t.type = c.type;
	t.value = c.value.data();
	t.value_len = (uint16_t)c.value.size();
	if (fsctp_decode_asconf_ack(&t, &ai) < 0)
		return false;
	*serial = ai.serial;
	fsctp_asconf_params_iter(&ai, &it);
	while (fsctp_tlv_next(&it, &prm) == 1) {
		fsctp_asconf_param ap{};
		if (fsctp_decode_asconf_param(&prm, &ap) < 0)
			return false;
		out->push_back({ ap.type, ap.corr_id,
				 ap.causes.len >= 2 ? fsctp_rd16(ap.causes.ptr)
						    : (uint16_t)0 });
	}
	return true;
}

struct AsconfPair : Pair {
	std::vector<Parsed> from_b;
	fsctp_assoc_id_t id = 0;

	AsconfPair() : Pair(asconf_config(), asconf_config())
	{
		drop = [this](bool from_a, const Pkt &k) {
			if (!from_a)
				from_b.push_back(parse(k.b));
			return false;
		};
		id = connect();
		from_b.clear();
	}
	/* ASCONF-ACKs B sent since the last call, with the AUTH before. */
	std::vector<Chunk> acks()
	{
		std::vector<Chunk> v;
		for (auto &x : from_b) {
			const Chunk *c = x.find(FSCTP_CHUNK_ASCONF_ACK);
			if (c != nullptr) {
				EXPECT_NE(x.find(FSCTP_CHUNK_AUTH), nullptr);
				v.push_back(*c);
			}
		}
		from_b.clear();
		return v;
	}
};

} // namespace

/* RFC 5061 4.2.7, 4.1.1: ASCONF is used only when both sides list ASCONF
 * and ASCONF-ACK and AUTH holds; ASCONF is then required authenticated. */
TEST(Asconf, NegotiatedOnlyWithAuthOnBothSides)
{
	struct {
		fsctp_stack_config a, b;
		bool want;
	} cases[] = {
		{ asconf_config(), asconf_config(), true },
		{ asconf_config(), asconf_config(true, false), false },
		{ asconf_config(false, true), asconf_config(), false },
	};
	for (auto &c : cases) {
		Pair p(c.a, c.b);
		fsctp_assoc_id_t id = p.connect();
		ASSERT_NE(p.B.only(), nullptr);
		EXPECT_EQ((p.A.assoc(id)->features & FSCTP_FEAT_ASCONF) != 0,
			  c.want);
		EXPECT_EQ((p.B.only()->features & FSCTP_FEAT_ASCONF) != 0,
			  c.want);
		if (c.want) {
			EXPECT_TRUE(fsctp_auth_required(p.B.only(),
							FSCTP_CHUNK_ASCONF));
		}
	}
}

/* RFC 5061 5.2, 4.2.4: Set Primary of a path of the association is
 * applied and answered with Success Indication; of an unknown address,
 * Error Cause Indication with Unresolvable Address. The ASCONF-ACK
 * carries the ASCONF's serial and goes authenticated. */
TEST(Asconf, SetPrimaryAnswered)
{
	AsconfPair p;
	uint32_t serial = p.A.assoc(p.id)->my_itsn;
	fsctp_addr a_addr = p.A.addr;

	send_asconf(p, p.id, serial,
		    { req(FSCTP_PARAM_SET_PRIMARY, 1, a_addr),
		      req(FSCTP_PARAM_SET_PRIMARY, 2, v4(99)) });
	p.pump();
	auto acks = p.acks();
	ASSERT_EQ(acks.size(), 1u);
	uint32_t s = 0;
	std::vector<Result> r;
	ASSERT_TRUE(decode_ack(acks[0], &s, &r));
	EXPECT_EQ(s, serial);
	ASSERT_EQ(r.size(), 2u);
	EXPECT_EQ(r[0].type, FSCTP_PARAM_SUCCESS_IND);
	EXPECT_EQ(r[0].corr, 1u);
	EXPECT_EQ(r[1].type, FSCTP_PARAM_ERROR_CAUSE_IND);
	EXPECT_EQ(r[1].corr, 2u);
	EXPECT_EQ(r[1].cause, FSCTP_CAUSE_UNRESOLVABLE_ADDR);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_set_primary, 1u);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_in, 1u);
}

/* RFC 5061 5.2, 4.2.1, 4.2.2: Delete IP of the last address: Request to
 * Delete Last Remaining IP Address; Add IP of a new unicast address: a new
 * UNCONFIRMED path (ADDR_ADDED), probed by a HEARTBEAT; Add IP of an
 * address already there and Delete IP of an unknown one: success; Add IP
 * of a multicast address or of a family we have no address of:
 * Unresolvable Address; Delete IP of another path: the path removed
 * (ADDR_REMOVED), no more probes to it; a later Add IP reuses its slot. */
TEST(Asconf, AddAndDeleteAnswered)
{
	AsconfPair p;
	uint32_t serial = p.A.assoc(p.id)->my_itsn;
	fsctp_addr v6, mc = v4(0);
	int hb_to_new = 0;

	fsctp_addr_set_v4(&mc, 224, 0, 0, 1, 0);
	memset(&v6, 0, sizeof(v6));
	v6.family = FSCTP_AF_INET6;
	v6.ip.v6[0] = 0x20;
	v6.ip.v6[1] = 0x01;
	v6.ip.v6[2] = 0x0d;
	v6.ip.v6[3] = 0xb8;
	v6.ip.v6[15] = 1;
	p.drop = [&](bool from_a, const Pkt &k) {
		if (from_a)
			return false;
		p.from_b.push_back(parse(k.b));
		fsctp_addr n = v4(50);
		n.port = k.dst.port;
		if (fsctp_addr_eq(&k.dst, &n) &&
		    parse(k.b).find(FSCTP_CHUNK_HEARTBEAT) != nullptr)
			hb_to_new++;
		return fsctp_addr_eq(&k.dst, &n); /* not reachable */
	};
	send_asconf(p, p.id, serial,
		    { req(FSCTP_PARAM_DEL_IP, 1, p.A.addr),
		      req(FSCTP_PARAM_ADD_IP, 2, v4(50)),
		      req(FSCTP_PARAM_ADD_IP, 3, p.A.addr),
		      req(FSCTP_PARAM_DEL_IP, 4, v4(51)),
		      req(FSCTP_PARAM_ADD_IP, 5, mc),
		      req(FSCTP_PARAM_ADD_IP, 6, v6) });
	p.pump();
	auto acks = p.acks();
	ASSERT_EQ(acks.size(), 1u);
	uint32_t s = 0;
	std::vector<Result> r;
	ASSERT_TRUE(decode_ack(acks[0], &s, &r));
	ASSERT_EQ(r.size(), 6u);
	EXPECT_EQ(r[0].type, FSCTP_PARAM_ERROR_CAUSE_IND);
	EXPECT_EQ(r[0].cause, FSCTP_CAUSE_DEL_LAST_IP);
	EXPECT_EQ(r[1].type, FSCTP_PARAM_SUCCESS_IND);
	EXPECT_EQ(r[1].corr, 2u);
	EXPECT_EQ(r[2].type, FSCTP_PARAM_SUCCESS_IND);
	EXPECT_EQ(r[2].corr, 3u);
	EXPECT_EQ(r[3].type, FSCTP_PARAM_SUCCESS_IND);
	EXPECT_EQ(r[3].corr, 4u);
	EXPECT_EQ(r[4].cause, FSCTP_CAUSE_UNRESOLVABLE_ADDR);
	EXPECT_EQ(r[5].cause, FSCTP_CAUSE_UNRESOLVABLE_ADDR);
	fsctp_assoc *b = p.B.only();
	ASSERT_EQ(b->n_paths, 2u);
	fsctp_addr n = v4(50);
	n.port = p.A.addr.port;
	EXPECT_TRUE(fsctp_addr_eq(&b->paths[1].addr, &n));
	EXPECT_FALSE(b->paths[1].confirmed);
	bool added = false;
	for (auto &e : p.B.events)
		added |= e.type == FSCTP_EV_PEER_ADDR_CHANGE &&
			 e.addr_state == FSCTP_ADDR_ADDED &&
			 fsctp_addr_eq(&e.addr, &n);
	EXPECT_TRUE(added);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_add_ip, 1u);
	/* RFC 9260 5.4: the new address is probed at once. */
	p.advance(1000);
	EXPECT_GE(hb_to_new, 1);
	p.acks();
	/* Delete IP of a path that is not the last nor the source. */
	send_asconf(p, p.id, serial + 1,
		    { req(FSCTP_PARAM_DEL_IP, 7, v4(50)) });
	p.pump();
	acks = p.acks();
	ASSERT_EQ(acks.size(), 1u);
	r.clear();
	ASSERT_TRUE(decode_ack(acks[0], &s, &r));
	ASSERT_EQ(r.size(), 1u);
	EXPECT_EQ(r[0].type, FSCTP_PARAM_SUCCESS_IND);
	EXPECT_EQ(fsctp_assoc_live_paths(b), 1u);
	EXPECT_TRUE(b->paths[1].removed);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_del_ip, 1u);
	EXPECT_EQ(p.B.last(FSCTP_EV_PEER_ADDR_CHANGE)->addr_state,
		  FSCTP_ADDR_REMOVED);
	/* Data still flows on the confirmed path. */
	fsctp_sndinfo si{};
	uint8_t m[10] = { 1 };
	ASSERT_EQ(fsctp_send(p.B.st, b->id, &si, m, sizeof(m), p.now), 0);
	p.advance(1000000);
	EXPECT_EQ(p.A.count(FSCTP_EV_DATA), 1);
	/* No more probes once removed. */
	int probes = hb_to_new;
	p.advance(30000000);
	EXPECT_EQ(hb_to_new, probes);
	/* The next Add IP takes the removed path's slot. */
	send_asconf(p, p.id, serial + 2,
		    { req(FSCTP_PARAM_ADD_IP, 8, v4(52)) });
	p.pump();
	EXPECT_EQ(b->n_paths, 2u);
	EXPECT_EQ(fsctp_assoc_live_paths(b), 2u);
	EXPECT_FALSE(b->paths[1].removed);
	fsctp_addr n52 = v4(52);
	n52.port = p.A.addr.port;
	EXPECT_TRUE(fsctp_addr_eq(&b->paths[1].addr, &n52));
}

/* RFC 5061 5.2 E1, E2, E5: the next serial is processed; the same one
 * again gets the cached ASCONF-ACK (not processed twice); any other is
 * discarded. */
TEST(Asconf, SerialNumbers)
{
	AsconfPair p;
	uint32_t serial = p.A.assoc(p.id)->my_itsn;
	auto sp = req(FSCTP_PARAM_SET_PRIMARY, 7, p.A.addr);

	send_asconf(p, p.id, serial + 1, { sp }); /* ahead: E5 */
	p.pump();
	EXPECT_TRUE(p.acks().empty());
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_discard, 1u);
	send_asconf(p, p.id, serial, { sp });
	p.pump();
	auto first = p.acks();
	ASSERT_EQ(first.size(), 1u);
	send_asconf(p, p.id, serial, { sp }); /* retransmitted: E2 */
	p.pump();
	auto again = p.acks();
	ASSERT_EQ(again.size(), 1u);
	EXPECT_EQ(again[0].value, first[0].value);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_in, 1u);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_set_primary, 1u);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_ack_out, 2u);
	send_asconf(p, p.id, serial - 1, { sp }); /* behind: E5 */
	p.pump();
	EXPECT_TRUE(p.acks().empty());
	send_asconf(p, p.id, serial + 1, { sp }); /* the next: E1 */
	p.pump();
	EXPECT_EQ(p.acks().size(), 1u);
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_in, 2u);
}

/* RFC 5061 4.1.1: an ASCONF without AUTH is silently discarded. */
TEST(Asconf, UnauthenticatedDiscarded)
{
	AsconfPair p;
	uint32_t serial = p.A.assoc(p.id)->my_itsn;
	int stripped = 0;

	p.drop = [&](bool from_a, const Pkt &k) {
		if (!from_a) {
			p.from_b.push_back(parse(k.b));
			return false;
		}
		Parsed x = parse(k.b);
		if (x.find(FSCTP_CHUNK_ASCONF) == nullptr || x.chunks.empty() ||
		    x.chunks[0].type != FSCTP_CHUNK_AUTH)
			return false;
		std::vector<uint8_t> b = k.b;
		size_t l = fsctp_rd16(&b[14]);
		b.erase(b.begin() + 12, b.begin() + 12 + (long)l);
		stripped++;
		p.inject(p.B, k.src, b);
		return true;
	};
	send_asconf(p, p.id, serial,
		    { req(FSCTP_PARAM_SET_PRIMARY, 1, p.A.addr) });
	p.pump();
	EXPECT_EQ(stripped, 1);
	EXPECT_TRUE(p.acks().empty());
	EXPECT_EQ(p.B.st->ctr.fsctp_asconf_in, 0u);
	EXPECT_GE(p.B.st->ctr.fsctp_auth_rx_unauth_drop, 1u);
}
