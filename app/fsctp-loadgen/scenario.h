/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * fsctp-loadgen scenarios: an INI file (sections [general], [assoc],
 * [m3ua], [diameter], [route]) parsed into struct fsctp_lg_scenario. Pure C,
 * no DPDK. Every error names the section and key (or the line).
 */
#ifndef FSCTP_LG_SCENARIO_H
#define FSCTP_LG_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest string value kept. */
#define FSCTP_LG_STR 128
/** Routes of the relay table. */
#define FSCTP_LG_MAX_ROUTES 16
/** Extra AVPs of the Diameter request. */
#define FSCTP_LG_MAX_AVPS 8

/** What the process plays. */
enum fsctp_lg_role {
	FSCTP_LG_ASP = 1,    /**< M3UA ASP: connects, sends DATA. */
	FSCTP_LG_SGP,	     /**< M3UA SGP/IPSP: listens, answers. */
	FSCTP_LG_DIA_CLIENT, /**< Diameter client: CER, requests. */
	FSCTP_LG_DIA_SERVER, /**< Diameter server: CEA, answers. */
	FSCTP_LG_RELAY,	     /**< M3UA relay by DPC (SGP + ASP sides). */
};

/** One relay route: DPC -> association index on the ASP side. */
struct fsctp_lg_route {
	uint32_t dpc;
	uint32_t assoc;
};

/** One extra AVP of the configured Diameter request (unsigned32 value or
 * UTF8String). */
struct fsctp_lg_avp {
	uint32_t code;
	uint32_t vendor;
	bool is_str;
	uint32_t u32;
	char str[FSCTP_LG_STR];
};

/** A parsed scenario. */
struct fsctp_lg_scenario {
	/* [general] */
	enum fsctp_lg_role role;
	double duration_s;   /**< Traffic time (0: until a signal). */
	double ramp_up_s;    /**< Linear ramp of the rate. */
	uint64_t rate;	     /**< Messages/s per association, 0 = max. */
	uint64_t total_rate; /**< Messages/s in total, 0 = no cap. */
	uint32_t timeout_ms; /**< Request timeout (answers, echoes). */
	uint32_t window;     /**< Outstanding requests per association. */
	/** Messages sent per poll turn over all associations (a quarter of
	 * it per association at most). */
	uint32_t burst;
	/* [assoc] */
	uint32_t count;		 /**< Associations to open. */
	char peer[FSCTP_LG_STR]; /**< IP:PORT to connect to. */
	uint16_t listen;	 /**< Port to listen on. */
	uint16_t streams;	 /**< Outbound streams. */
	/** Consecutive peer ports from the peer's (the responder listens
	 * on each): association i goes to port + i % ports. */
	uint16_t ports;
	/** First local port (0: ephemeral); association i leaves from
	 * local_port + i / ports. */
	uint16_t local_port;
	/* [m3ua] */
	uint32_t opc, dpc;
	uint8_t si, ni, mp;
	uint8_t sls_count; /**< SLS values cycled 0..sls_count-1. */
	uint32_t size;	   /**< DATA payload bytes. */
	char payload_file[FSCTP_LG_STR];
	bool rc_present;
	uint32_t rc;
	uint32_t tmt;
	bool asp_id_present;
	uint32_t asp_id;
	uint32_t beat_ms;
	uint32_t t_ack_ms;
	/** The SGP returns each DATA to its sender (OPC and DPC swapped), which
	 * times it; the first 4 payload bytes carry a sequence number. */
	bool echo;
	/** Test knob: every Nth DATA leaves with version 2, which the
	 * peer must answer with ERR Invalid Version (0: off). */
	uint32_t m3ua_corrupt;
	/* [diameter] */
	char origin_host[FSCTP_LG_STR];
	char origin_realm[FSCTP_LG_STR];
	char dest_realm[FSCTP_LG_STR];
	uint32_t app_id;
	uint32_t command;
	uint32_t watchdog_ms;
	uint32_t dia_size; /**< Bytes of filler AVP in each request. */
	/** Test knob: every Nth request leaves with a reserved header bit
	 * set, which the peer must answer with 3008 (0: off). */
	uint32_t dia_corrupt;
	uint32_t n_avps;
	struct fsctp_lg_avp avps[FSCTP_LG_MAX_AVPS];
	/* [route] */
	uint32_t n_routes;
	struct fsctp_lg_route routes[FSCTP_LG_MAX_ROUTES];
};

/** Fill the defaults (role asp, 1 association, 5 s, 160-byte DATA). */
void fsctp_lg_scenario_defaults(struct fsctp_lg_scenario *sc);

/**
 * Parse INI text over the current values of sc.
 * @param err out: a message naming the line, section and key.
 * @return 0, or -EINVAL (unknown section or key, bad value, bad line).
 */
int fsctp_lg_scenario_parse(const char *text, struct fsctp_lg_scenario *sc,
			    char *err, size_t errlen);

/**
 * Read and parse a scenario file. @return 0, -ENOENT (unreadable),
 * -EINVAL (see fsctp_lg_scenario_parse()), -ENOMEM.
 */
int fsctp_lg_scenario_load(const char *path, struct fsctp_lg_scenario *sc,
			   char *err, size_t errlen);

/**
 * Set one key (for command-line overrides such as role=sgp).
 * @return 0 or -EINVAL with err filled.
 */
int fsctp_lg_scenario_set(struct fsctp_lg_scenario *sc, const char *section,
			  const char *key, const char *val, char *err,
			  size_t errlen);

/** @return the role's name ("asp", "sgp", "dia-client", ...). */
const char *fsctp_lg_role_name(enum fsctp_lg_role r);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_LG_SCENARIO_H */
