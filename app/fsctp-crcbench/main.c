/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fsctp-crcbench: CRC32c throughput per core, in GB/s (10^9 bytes per
 * second), of the fast and the portable implementations at typical SCTP
 * packet sizes. Warm buffers, about half a second per figure.
 *
 * Usage: fsctp-crcbench [SECONDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsctp_crc32c.h"

#define MAX_LEN 9000

typedef uint32_t (*crc_fn)(uint32_t, const void *, size_t);

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
cpu_model(char *out, size_t cap)
{
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");

	snprintf(out, cap, "unknown");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) != 0 || colon == NULL)
			continue;
		colon += 2;
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(out, cap, "%s", colon);
		break;
	}
	fclose(f);
}

/*
 * Run @p f over @p len bytes repeatedly for about @p secs seconds; the
 * result feeds the next call so no call can be skipped. Returns GB/s.
 */
static double
measure(crc_fn f, const uint8_t *buf, size_t len, double secs, uint32_t *sink)
{
	uint64_t iters = 0, batch = 1;
	uint32_t crc = FSCTP_CRC32C_INIT;
	double t0, t;
	uint64_t i;

	/* Size a batch so the clock is read rarely. */
	t0 = now_s();
	do {
		for (i = 0; i < batch; i++)
			crc = f(crc, buf, len);
		iters += batch;
		batch *= 2;
		t = now_s();
	} while (t - t0 < secs / 20);
	batch = iters;
	iters = 0;
	t0 = now_s();
	do {
		for (i = 0; i < batch; i++)
			crc = f(crc, buf, len);
		iters += batch;
		t = now_s();
	} while (t - t0 < secs);
	*sink ^= crc;
	return (double)iters * (double)len / (t - t0) / 1e9;
}

int
main(int argc, char **argv)
{
	static const size_t sizes[] = { 64, 1500, 9000 };
	static uint8_t buf[MAX_LEN];
	double secs = argc > 1 ? atof(argv[1]) : 0.5;
	uint32_t sink = 0;
	char model[128];
	size_t i;

	if (secs <= 0)
		secs = 0.5;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 131u + 7u);
	cpu_model(model, sizeof(model));
	printf("cpu: %s\n", model);
	printf("fast implementation: %s\n", fsctp_crc32c_impl_name());
	printf("%-10s %8s %12s\n", "impl", "bytes", "GB/s/core");
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		printf("%-10s %8zu %12.2f\n", "fast", sizes[i],
		       measure(fsctp_crc32c, buf, sizes[i], secs, &sink));
		printf("%-10s %8zu %12.2f\n", "portable", sizes[i],
		       measure(fsctp_crc32c_sw, buf, sizes[i], secs, &sink));
	}
	/* Printed so the work cannot be optimised away. */
	printf("checksum of all runs: 0x%08x\n", sink);
	return 0;
}
