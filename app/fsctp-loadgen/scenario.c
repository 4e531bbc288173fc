/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scenario INI parsing: a small line parser ("[section]", "key = value",
 * ';' or '#' comments) and a table of keys with their ranges.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

enum kind { K_U64, K_U32, K_U16, K_U8, K_DBL, K_BOOL, K_STR, K_ROLE, K_TMT };

struct key {
	const char *section, *name;
	enum kind kind;
	size_t off;
	size_t present_off; /* bool set when given, or (size_t)-1 */
	uint64_t min, max;
};

#define OFF(f) offsetof(struct fsctp_lg_scenario, f)
#define NOP    ((size_t)-1)

static const struct key keys[] = {
	{ "general", "role", K_ROLE, OFF(role), NOP, 0, 0 },
	{ "general", "duration", K_DBL, OFF(duration_s), NOP, 0, 86400 },
	{ "general", "ramp_up", K_DBL, OFF(ramp_up_s), NOP, 0, 3600 },
	{ "general", "rate", K_U64, OFF(rate), NOP, 0, 100000000 },
	{ "general", "total_rate", K_U64, OFF(total_rate), NOP, 0, 1000000000 },
	{ "general", "timeout_ms", K_U32, OFF(timeout_ms), NOP, 1, 600000 },
	{ "general", "window", K_U32, OFF(window), NOP, 1, 4096 },
	{ "general", "burst", K_U32, OFF(burst), NOP, 4, 65536 },
	{ "assoc", "count", K_U32, OFF(count), NOP, 1, 1000000 },
	{ "assoc", "peer", K_STR, OFF(peer), NOP, 0, 0 },
	{ "assoc", "listen", K_U16, OFF(listen), NOP, 1, 65535 },
	{ "assoc", "streams", K_U16, OFF(streams), NOP, 1, 65535 },
	{ "assoc", "ports", K_U16, OFF(ports), NOP, 1, 64 },
	{ "assoc", "local_port", K_U16, OFF(local_port), NOP, 0, 65535 },
	{ "m3ua", "opc", K_U32, OFF(opc), NOP, 0, 0xffffff },
	{ "m3ua", "dpc", K_U32, OFF(dpc), NOP, 0, 0xffffff },
	{ "m3ua", "si", K_U8, OFF(si), NOP, 0, 255 },
	{ "m3ua", "ni", K_U8, OFF(ni), NOP, 0, 3 },
	{ "m3ua", "mp", K_U8, OFF(mp), NOP, 0, 3 },
	{ "m3ua", "sls_count", K_U8, OFF(sls_count), NOP, 1, 255 },
	{ "m3ua", "size", K_U32, OFF(size), NOP, 8, 65000 },
	{ "m3ua", "payload_file", K_STR, OFF(payload_file), NOP, 0, 0 },
	{ "m3ua", "rc", K_U32, OFF(rc), OFF(rc_present), 0, UINT32_MAX },
	{ "m3ua", "traffic_mode", K_TMT, OFF(tmt), NOP, 0, 0 },
	{ "m3ua", "asp_id", K_U32, OFF(asp_id), OFF(asp_id_present), 0,
	  UINT32_MAX },
	{ "m3ua", "beat_ms", K_U32, OFF(beat_ms), NOP, 0, 3600000 },
	{ "m3ua", "t_ack_ms", K_U32, OFF(t_ack_ms), NOP, 1, 600000 },
	{ "m3ua", "echo", K_BOOL, OFF(echo), NOP, 0, 0 },
	{ "m3ua", "corrupt_every", K_U32, OFF(m3ua_corrupt), NOP, 0,
	  UINT32_MAX },
	{ "diameter", "origin_host", K_STR, OFF(origin_host), NOP, 0, 0 },
	{ "diameter", "origin_realm", K_STR, OFF(origin_realm), NOP, 0, 0 },
	{ "diameter", "destination_realm", K_STR, OFF(dest_realm), NOP, 0, 0 },
	{ "diameter", "application_id", K_U32, OFF(app_id), NOP, 0,
	  UINT32_MAX },
	{ "diameter", "command", K_U32, OFF(command), NOP, 0, 0xffffff },
	{ "diameter", "watchdog_ms", K_U32, OFF(watchdog_ms), NOP, 0, 3600000 },
	{ "diameter", "size", K_U32, OFF(dia_size), NOP, 0, 60000 },
	{ "diameter", "corrupt_every", K_U32, OFF(dia_corrupt), NOP, 0,
	  UINT32_MAX },
};

static int
errf(char *err, size_t errlen, int line, const char *sec, const char *key,
     const char *what, const char *val)
{
	if (err != NULL && errlen > 0) {
		char where[32] = "";

		if (line > 0)
			snprintf(where, sizeof(where), "line %d: ", line);
		snprintf(err, errlen, "%s[%s] %s: %s%s%s%s", where, sec, key,
			 what, val ? " '" : "", val ? val : "", val ? "'" : "");
	}
	return -EINVAL;
}

static bool
parse_u64(const char *v, uint64_t *out)
{
	char *end;
	unsigned long long x;

	if (*v == '\0' || *v == '-')
		return false;
	errno = 0;
	x = strtoull(v, &end, 0);
	if (errno != 0 || *end != '\0')
		return false;
	*out = x;
	return true;
}

const char *
fsctp_lg_role_name(enum fsctp_lg_role r)
{
	switch (r) {
	case FSCTP_LG_ASP:
		return "asp";
	case FSCTP_LG_SGP:
		return "sgp";
	case FSCTP_LG_DIA_CLIENT:
		return "dia-client";
	case FSCTP_LG_DIA_SERVER:
		return "dia-server";
	case FSCTP_LG_RELAY:
		return "relay";
	}
	return "?";
}

/* [route] route = DPC ASSOC_INDEX */
static int
set_route(struct fsctp_lg_scenario *sc, const char *v, char *err, size_t errlen,
	  int line)
{
	unsigned long dpc, as;
	char tail;

	if (sscanf(v, "%lu %lu %c", &dpc, &as, &tail) != 2 || dpc > 0xffffff)
		return errf(err, errlen, line, "route", "route",
			    "expected 'DPC ASSOC' (DPC 0..16777215)", v);
	if (sc->n_routes >= FSCTP_LG_MAX_ROUTES)
		return errf(err, errlen, line, "route", "route",
			    "too many routes (limit 16)", v);
	sc->routes[sc->n_routes].dpc = (uint32_t)dpc;
	sc->routes[sc->n_routes].assoc = (uint32_t)as;
	sc->n_routes++;
	return 0;
}

/* [diameter] avp = CODE[/VENDOR] u32 VALUE | str TEXT */
static int
set_avp(struct fsctp_lg_scenario *sc, const char *v, char *err, size_t errlen,
	int line)
{
	struct fsctp_lg_avp a;
	unsigned long code, vendor = 0;
	char type[8];
	int n = 0;

	memset(&a, 0, sizeof(a));
	if (sscanf(v, "%lu/%lu %7s %n", &code, &vendor, type, &n) != 3 &&
	    sscanf(v, "%lu %7s %n", &code, type, &n) != 2)
		goto bad;
	if (code > UINT32_MAX || vendor > UINT32_MAX || n == 0)
		goto bad;
	a.code = (uint32_t)code;
	a.vendor = (uint32_t)vendor;
	if (strcmp(type, "u32") == 0) {
		uint64_t x;

		if (!parse_u64(v + n, &x) || x > UINT32_MAX)
			goto bad;
		a.u32 = (uint32_t)x;
	} else if (strcmp(type, "str") == 0) {
		if (strlen(v + n) >= sizeof(a.str))
			goto bad;
		a.is_str = true;
		strcpy(a.str, v + n);
	} else {
		goto bad;
	}
	if (sc->n_avps >= FSCTP_LG_MAX_AVPS)
		return errf(err, errlen, line, "diameter", "avp",
			    "too many AVPs (limit 8)", v);
	sc->avps[sc->n_avps++] = a;
	return 0;
bad:
	return errf(
		err, errlen, line, "diameter", "avp",
		"expected 'CODE[/VENDOR] u32 N' or 'CODE[/VENDOR] str TEXT'",
		v);
}

static int
set_key(struct fsctp_lg_scenario *sc, const char *sec, const char *key,
	const char *v, char *err, size_t errlen, int line)
{
	const struct key *k = NULL;
	uint8_t *base = (uint8_t *)sc;
	uint64_t x;
	size_t i;

	if (strcmp(sec, "route") == 0 && strcmp(key, "route") == 0)
		return set_route(sc, v, err, errlen, line);
	if (strcmp(sec, "diameter") == 0 && strcmp(key, "avp") == 0)
		return set_avp(sc, v, err, errlen, line);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].section, sec) == 0 &&
		    strcmp(keys[i].name, key) == 0)
			k = &keys[i];
	if (k == NULL)
		return errf(err, errlen, line, sec, key, "unknown key", NULL);
	switch (k->kind) {
	case K_ROLE:
		for (x = FSCTP_LG_ASP; x <= FSCTP_LG_RELAY; x++)
			if (strcmp(v, fsctp_lg_role_name(x)) == 0) {
				sc->role = (enum fsctp_lg_role)x;
				return 0;
			}
		return errf(
			err, errlen, line, sec, key,
			"expected asp, sgp, dia-client, dia-server or relay",
			v);
	case K_TMT:
		if (strcmp(v, "override") == 0)
			sc->tmt = 1;
		else if (strcmp(v, "loadshare") == 0)
			sc->tmt = 2;
		else if (strcmp(v, "broadcast") == 0)
			sc->tmt = 3;
		else if (strcmp(v, "none") == 0)
			sc->tmt = 0;
		else
			return errf(
				err, errlen, line, sec, key,
				"expected override, loadshare, broadcast or "
				"none",
				v);
		return 0;
	case K_BOOL:
		if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
		    strcmp(v, "1") == 0)
			*(bool *)(base + k->off) = true;
		else if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
			 strcmp(v, "0") == 0)
			*(bool *)(base + k->off) = false;
		else
			return errf(err, errlen, line, sec, key,
				    "expected yes or no", v);
		return 0;
	case K_STR:
		if (strlen(v) >= FSCTP_LG_STR)
			return errf(err, errlen, line, sec, key,
				    "too long (127 bytes at most)", v);
		strcpy((char *)(base + k->off), v);
		return 0;
	case K_DBL: {
		char *end;
		double d;

		errno = 0;
		d = strtod(v, &end);
		if (*v == '\0' || *end != '\0' || errno != 0 ||
		    !(d >= (double)k->min && d <= (double)k->max)) {
			char what[64];

			snprintf(what, sizeof(what), "bad value (%lu..%lu)",
				 (unsigned long)k->min, (unsigned long)k->max);
			return errf(err, errlen, line, sec, key, what, v);
		}
		*(double *)(base + k->off) = d;
		return 0;
	}
	default:
		break;
	}
	if (!parse_u64(v, &x) || x < k->min || x > k->max) {
		char what[64];

		snprintf(what, sizeof(what), "bad value (%lu..%lu)",
			 (unsigned long)k->min, (unsigned long)k->max);
		return errf(err, errlen, line, sec, key, what, v);
	}
	if (k->kind == K_U64)
		*(uint64_t *)(base + k->off) = x;
	else if (k->kind == K_U32)
		*(uint32_t *)(base + k->off) = (uint32_t)x;
	else if (k->kind == K_U16)
		*(uint16_t *)(base + k->off) = (uint16_t)x;
	else
		*(uint8_t *)(base + k->off) = (uint8_t)x;
	if (k->present_off != NOP)
		*(bool *)(base + k->present_off) = true;
	return 0;
}

void
fsctp_lg_scenario_defaults(struct fsctp_lg_scenario *sc)
{
	memset(sc, 0, sizeof(*sc));
	sc->role = FSCTP_LG_ASP;
	sc->duration_s = 5;
	sc->timeout_ms = 1000;
	sc->window = 1;
	sc->burst = 1024;
	sc->count = 1;
	sc->listen = 2905;
	sc->streams = 16;
	sc->ports = 1;
	sc->opc = 1;
	sc->dpc = 2;
	sc->si = 3; /* SCCP */
	sc->ni = 2; /* national */
	sc->sls_count = 16;
	sc->size = 160;
	sc->tmt = 2; /* loadshare */
	sc->t_ack_ms = 2000;
	strcpy(sc->origin_host, "loadgen.example.net");
	strcpy(sc->origin_realm, "example.net");
	strcpy(sc->dest_realm, "example.net");
	sc->app_id = 4;	   /* Diameter Credit Control */
	sc->command = 272; /* Credit-Control */
	sc->watchdog_ms = 30000;
}

int
fsctp_lg_scenario_set(struct fsctp_lg_scenario *sc, const char *section,
		      const char *key, const char *val, char *err,
		      size_t errlen)
{
	return set_key(sc, section, key, val, err, errlen, 0);
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
fsctp_lg_scenario_parse(const char *text, struct fsctp_lg_scenario *sc,
			char *err, size_t errlen)
{
	static const char *const sections[] = { "general", "assoc", "m3ua",
						"diameter", "route" };
	char sec[32] = "";
	const char *p = text;
	int line = 0;

	if (text == NULL || sc == NULL)
		return -EINVAL;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char buf[512], *s, *eq, *c;
		size_t i;
		int rc;

		line++;
		if (n >= sizeof(buf)) {
			if (err != NULL)
				snprintf(err, errlen, "line %d: too long",
					 line);
			return -EINVAL;
		}
		memcpy(buf, p, n);
		buf[n] = '\0';
		p += n + (nl ? 1 : 0);
		/* Comments: ';' or '#' at the start or after a blank. */
		for (c = buf; *c != '\0'; c++)
			if ((*c == ';' || *c == '#') &&
			    (c == buf || isspace((unsigned char)c[-1]))) {
				*c = '\0';
				break;
			}
		s = trim(buf);
		if (*s == '\0')
			continue;
		if (*s == '[') {
			char *e = strchr(s, ']');

			if (e == NULL || e[1] != '\0' || e - s - 1 <= 0 ||
			    (size_t)(e - s - 1) >= sizeof(sec)) {
				if (err != NULL)
					snprintf(err, errlen,
						 "line %d: bad section header "
						 "'%s'",
						 line, s);
				return -EINVAL;
			}
			*e = '\0';
			strcpy(sec, s + 1);
			for (i = 0; i < sizeof(sections) / sizeof(sections[0]);
			     i++)
				if (strcmp(sec, sections[i]) == 0)
					break;
			if (i == sizeof(sections) / sizeof(sections[0])) {
				if (err != NULL)
					snprintf(err, errlen,
						 "line %d: unknown section "
						 "[%s]",
						 line, sec);
				return -EINVAL;
			}
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL || sec[0] == '\0') {
			if (err != NULL)
				snprintf(err, errlen,
					 "line %d: expected 'key = value' in "
					 "a section: '%s'",
					 line, s);
			return -EINVAL;
		}
		*eq = '\0';
		rc = set_key(sc, sec, trim(s), trim(eq + 1), err, errlen, line);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
fsctp_lg_scenario_load(const char *path, struct fsctp_lg_scenario *sc,
		       char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text;
	long n;
	int rc;

	if (f == NULL) {
		if (err != NULL)
			snprintf(err, errlen, "%s: cannot read", path);
		return -ENOENT;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > (1 << 20) ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		if (err != NULL)
			snprintf(err, errlen, "%s: cannot read (or over 1 MiB)",
				 path);
		return -EINVAL;
	}
	text = malloc((size_t)n + 1);
	if (text == NULL) {
		fclose(f);
		return -ENOMEM;
	}
	if (fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		fclose(f);
		return -ENOENT;
	}
	text[n] = '\0';
	fclose(f);
	rc = fsctp_lg_scenario_parse(text, sc, err, errlen);
	free(text);
	return rc;
}
