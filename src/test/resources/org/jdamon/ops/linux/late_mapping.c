/* A process that maps its big buffer late: waits for a line on stdin, mmaps BUFFER_MIB, prints the
 * buffer's range on stdout, then writes a byte of every page of it, sweep after sweep (1 ms apart), for
 * RUN_MS. usage: late_mapping BUFFER_MIB RUN_MS */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s BUFFER_MIB RUN_MS\n", argv[0]);
        return 2;
    }
    long size = atol(argv[1]) << 20, run = atol(argv[2]);
    char line[16];
    if (!fgets(line, sizeof line, stdin)) {
        return 0;
    }
    char *buf = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    printf("%lx %lx\n", (unsigned long) buf, (unsigned long) (buf + size));
    fflush(stdout);
    long end = now_ms() + run;
    while (now_ms() < end) {
        for (long i = 0; i < size; i += 4096) buf[i]++;
        usleep(1000);
    }
    return 0;
}
