/*
 * jdamon's native workload helper: runs a masim plan that `jdamon workload run` parsed and wrote to
 * stdin, with the same access loops as org.jdamon.workload.WorkloadRunner, in a process whose address
 * space is little more than its buffers (libc, a stack), so DAMON's vaddr regions cover the buffers as
 * they do for masim.  Compiled by jdamon on first use; part of jdamon's own sources.
 *
 * Plan lines: "seed N", "accesses N", "repeat N", "verbose 0|1", "quiet 0|1", "region SIZE NAME",
 * "phase MS NAME", "pattern REGION RANDOM STRIDE WEIGHT MODE" (mode 0 ro, 1 wo, 2 rw), "end".
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 4096
#define MAX_REGIONS 256
#define MAX_PATTERNS 256

struct region { char name[256]; uint64_t size; unsigned char *mem; };
struct pattern { int region; int random; uint64_t stride; uint64_t weight; int mode; };
struct phase { char name[256]; uint64_t ms; int nr; struct pattern pats[MAX_PATTERNS]; };

/* The plan is small: phases are allocated as they come, so nothing big sits in the address space. */
static struct region regions[MAX_REGIONS];
static struct phase *phases;
static int nr_regions, nr_phases, cap_phases;
static uint64_t rng = 1, per_selection = 131072, repeat = 1;
static int verbose, quiet;
static volatile uint64_t sink;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static uint64_t epoch_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t next(uint64_t x)
{
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x;
}

static uint64_t touch(unsigned char *m, uint64_t off, int mode)
{
	unsigned char v;

	switch (mode) {
	case 0:
		return m[off];
	case 1:
		m[off] = 1;
		return 0;
	default:
		v = m[off];
		m[off] = v + 1;
		return v;
	}
}

static void access_chunk(struct pattern *p, uint64_t *last_off, int count)
{
	struct region *r = &regions[p->region];
	uint64_t sum = 0, off = *last_off;
	int i;

	for (i = 0; i < count; i++) {
		if (p->random) {
			rng = next(rng);
			off = (uint64_t)(((unsigned __int128)rng * r->size) >> 64);
			sum += touch(r->mem, off, p->mode);
		} else {
			sum += touch(r->mem, off, p->mode);
			off += p->stride;
			if (off >= r->size)
				off %= r->size;
		}
	}
	if (!p->random)
		*last_off = off;
	sink += sum;
}

/* Java's String.format("%,20d"): thousands separators, right-aligned in 20 columns. */
static void grouped(char *out, uint64_t v)
{
	char digits[32], buf[40];
	int n, i, j = 0;

	n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)v);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	sprintf(out, "%20s", buf);
}

static void run_phase(struct phase *ph)
{
	uint64_t cumulative[MAX_PATTERNS], last_off[MAX_PATTERNS], total = 0, accesses = 0;
	uint64_t start, deadline, now;
	char num[40];
	int i;

	for (i = 0; i < ph->nr; i++) {
		total += ph->pats[i].weight;
		cumulative[i] = total;
		last_off[i] = 0;
	}
	start = now_ns();
	deadline = start + ph->ms * 1000000ull;
	now = start;
	while (now < deadline) {
		int chosen = 0;
		uint64_t done = 0;

		if (total > 0) {
			int64_t x;

			rng = next(rng);
			x = (int64_t)rng % (int64_t)total;
			if (x < 0)
				x += total;
			while (cumulative[chosen] <= (uint64_t)x)
				chosen++;
		}
		while (done < per_selection && now < deadline) {
			int chunk = per_selection - done < CHUNK ? (int)(per_selection - done) : CHUNK;

			if (ph->nr > 0)
				access_chunk(&ph->pats[chosen], &last_off[chosen], chunk);
			done += chunk;
			accesses += chunk;
			now = now_ns();
		}
	}
	if (!quiet) {
		uint64_t elapsed = now - start;

		grouped(num, elapsed ? (uint64_t)((unsigned __int128)accesses * 1000000 / elapsed) : 0);
		printf("%s:\t%s accesses/msec, %llu msecs run\n", ph->name, num,
				(unsigned long long)(elapsed / 1000000));
		fflush(stdout);
	}
}

static char *rest(char *line, int skip)
{
	while (skip-- > 0) {
		line = strchr(line, ' ');
		if (!line)
			return NULL;
		line++;
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

int main(void)
{
	char line[4096];
	long page = sysconf(_SC_PAGESIZE);
	uint64_t r;
	int i;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	while (fgets(line, sizeof(line), stdin)) {
		unsigned long long a, b, c, d, e;

		if (!strncmp(line, "end", 3))
			break;
		if (sscanf(line, "seed %llu", &a) == 1) {
			rng = a ? a : 0x9E3779B97F4A7C15ull;
		} else if (sscanf(line, "accesses %llu", &a) == 1) {
			per_selection = a;
		} else if (sscanf(line, "repeat %llu", &a) == 1) {
			repeat = a;
		} else if (sscanf(line, "verbose %llu", &a) == 1) {
			verbose = a;
		} else if (sscanf(line, "quiet %llu", &a) == 1) {
			quiet = a;
		} else if (sscanf(line, "region %llu", &a) == 1 && nr_regions < MAX_REGIONS) {
			struct region *rg = &regions[nr_regions++];
			uint64_t mapped = (a + page - 1) / page * page;

			snprintf(rg->name, sizeof(rg->name), "%s", rest(line, 2));
			rg->size = a;
			rg->mem = mmap(NULL, mapped ? mapped : page, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (rg->mem == MAP_FAILED) {
				perror("workload helper: mmap");
				return 1;
			}
		} else if (sscanf(line, "phase %llu", &a) == 1) {
			struct phase *ph;

			if (nr_phases == cap_phases) {
				cap_phases = cap_phases ? cap_phases * 2 : 4;
				phases = realloc(phases, sizeof(*phases) * cap_phases);
				if (!phases) {
					perror("workload helper: realloc");
					return 1;
				}
			}
			ph = &phases[nr_phases++];

			snprintf(ph->name, sizeof(ph->name), "%s", rest(line, 2));
			ph->ms = a;
			ph->nr = 0;
		} else if (sscanf(line, "pattern %llu %llu %llu %llu %llu", &a, &b, &c, &d, &e) == 5
				&& nr_phases > 0 && phases[nr_phases - 1].nr < MAX_PATTERNS) {
			struct phase *ph = &phases[nr_phases - 1];

			ph->pats[ph->nr++] = (struct pattern){ (int)a, (int)b, c, d, (int)e };
		} else {
			fprintf(stderr, "workload helper: bad plan line: %s", line);
			return 2;
		}
	}
	if (verbose) {
		fprintf(stderr, "workload: pid %d\n", getpid());
		for (i = 0; i < nr_regions; i++)
			fprintf(stderr, "region %s: 0x%llx-0x%llx (%llu bytes)\n", regions[i].name,
					(unsigned long long)(uintptr_t)regions[i].mem,
					(unsigned long long)((uintptr_t)regions[i].mem + regions[i].size),
					(unsigned long long)regions[i].size);
		fflush(stderr);
	}
	for (r = 0; r < repeat; r++) {
		for (i = 0; i < nr_phases; i++) {
			if (verbose) {
				fprintf(stderr, "phase %s: start at %llu ms since epoch\n", phases[i].name,
						(unsigned long long)epoch_ms());
				fflush(stderr);
			}
			run_phase(&phases[i]);
		}
	}
	return 0;
}
