/*
 * The native two-phase workload for the perf profiling test: after a line on stdin it sweeps a 64 MiB
 * buffer in touch_large, then an 8 KiB one in touch_small, each for argv[1] milliseconds, prints the
 * phase boundaries as CLOCK_REALTIME nanoseconds ("phases T0 T1 T2") and waits for a line to exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile long sink;

static long now_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

__attribute__((noinline)) void touch_large(long ms)
{
	size_t n = (64UL << 20) / sizeof(long);
	long *big = calloc(n, sizeof(long));
	long deadline = now_ns(CLOCK_MONOTONIC) + ms * 1000000L;
	long sum = 0;
	while (now_ns(CLOCK_MONOTONIC) < deadline) {
		for (size_t i = 0; i < n; i += 8) {
			big[i] += i;
			sum += big[i];
		}
	}
	sink = sum;
	free(big);
}

__attribute__((noinline)) void touch_small(long ms)
{
	long small[1024] = {0};
	long deadline = now_ns(CLOCK_MONOTONIC) + ms * 1000000L;
	long sum = 0;
	while (now_ns(CLOCK_MONOTONIC) < deadline) {
		for (int pass = 0; pass < 1000; pass++) {
			for (int i = 0; i < 1024; i++) {
				small[i] += i;
				sum += small[i];
			}
		}
	}
	sink = sum;
}

int main(int argc, char **argv)
{
	char line[64];
	long ms = argc > 1 ? atol(argv[1]) : 1000;
	long t0, t1, t2;

	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 1;
	t0 = now_ns(CLOCK_REALTIME);
	touch_large(ms);
	t1 = now_ns(CLOCK_REALTIME);
	touch_small(ms);
	t2 = now_ns(CLOCK_REALTIME);
	printf("phases %ld %ld %ld\n", t0, t1, t2);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return 0;
}
