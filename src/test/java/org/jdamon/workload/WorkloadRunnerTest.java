package org.jdamon.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.jdamon.ops.linux.procfs.ProcMaps;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.jdamon.ops.sim.MasimConfig;
import org.jdamon.ops.sim.MasimConfig.AccessMode;
import org.jdamon.ops.sim.MasimConfig.Pattern;
import org.jdamon.ops.sim.MasimConfig.Phase;
import org.jdamon.ops.sim.MasimConfig.Region;
import org.junit.jupiter.api.Test;

/** Real loads and stores, checked against what they leave in memory. */
class WorkloadRunnerTest {
    private static final long MIB = 1 << 20;

    @Test
    void phasesRunOnTimeAndTheirCountsMatchTheMemoryTheyTouched() throws Exception {
        MasimConfig plan = new MasimConfig("test", List.of(
                new Region("a", 64 * MIB, null), new Region("b", 4 * MIB, null), new Region("w", MIB, null)), List.of(
                new Phase("warm", 100, List.of(new Pattern(2, true, 0, 1, AccessMode.READ_WRITE))),
                new Phase("write a", 150, List.of(new Pattern(0, true, 0, 1, AccessMode.WRITE_ONLY))),
                new Phase("read b", 150, List.of(new Pattern(1, false, 4096, 1, AccessMode.READ_ONLY)))));
        StringWriter buf = new StringWriter();
        try (WorkloadRunner runner = new WorkloadRunner(plan, WorkloadRunner.DEFAULT_ACCESSES_PER_SELECTION, 7)) {
            runner.warmUp();
            long checksumBefore = runner.checksum();
            List<MemorySegment> regions = runner.regions();
            assertThat(Syscalls.residentPages(regions.get(1), 4096)).isZero();
            List<WorkloadRunner.PhaseResult> all =
                    runner.run(1, new PrintWriter(buf, true), null);
            assertThat(all).hasSize(3);
            List<WorkloadRunner.PhaseResult> res = all.subList(1, 3);
            // Generous bounds: the build machines are shared and often run 10+ busy threads on 2 cores.
            for (WorkloadRunner.PhaseResult r : res) {
                assertThat(r.elapsedMs()).isBetween(150L, 1000L);
                assertThat(r.accessesPerMs()).as(r.masimLine()).isPositive();
            }
            // Random writes on fresh memory mostly fault pages in (slow in this VM: ~150/ms measured);
            // the sequential reads fault only 1024 zero-page mappings and run at memory speed.
            assertThat(res.get(1).accessesPerMs()).as(res.get(1).masimLine()).isGreaterThan(1000);
            // N uniform random writes over S bytes leave a fraction 1 - exp(-N/S) of them written.
            long n = res.get(0).accesses();
            double s = 64.0 * MIB;
            long written = countEqual(regions.get(0), (byte) 1);
            assertThat(written / s).isCloseTo(1 - Math.exp(-n / s), within(0.02 + 0.05 * (1 - Math.exp(-n / s))));
            // A 4 KiB-stride read walk of 1024 pages touches all of them once it makes 1024 accesses.
            assertThat(res.get(1).accesses()).isGreaterThanOrEqualTo(1024);
            assertThat(Syscalls.residentPages(regions.get(1), 4096)).isEqualTo(1024);
            // The checksum adds up what the loads read: write-only stores read nothing, b reads zero pages,
            // and the k-th read-increment-write of a byte of w reads k - 1 (as a signed byte).
            assertThat(runner.checksum() - checksumBefore).isEqualTo(readIncrementWriteSum(regions.get(2)));
        }
        String out = buf.toString();
        assertThat(out.lines().toList()).hasSize(3);
        assertThat(out.lines().toList().get(1)).matches("write a:\\t +[0-9,]+ accesses/msec, [0-9]+ msecs run");
    }

    @Test
    void weightsSplitTheAccessesAndEveryAccessIsCounted() throws Exception {
        // Read-increment-writes: the byte sums of the regions add up to exactly the reported accesses
        // (regions are large enough that no byte reaches 256), split 3:1 by the pattern weights: with
        // 256 accesses per choice, the hot share is 0.75 within 4 sd of a binomial over the choices made.
        MasimConfig plan = new MasimConfig("test", List.of(
                new Region("hot", 32 * MIB, null), new Region("cold", 32 * MIB, null)), List.of(
                new Phase("mixed", 200, List.of(
                        new Pattern(0, true, 0, 3, AccessMode.READ_WRITE),
                        new Pattern(1, true, 0, 1, AccessMode.READ_WRITE)))));
        try (WorkloadRunner runner = new WorkloadRunner(plan, 256, 11)) {
            runner.warmUp();
            WorkloadRunner.PhaseResult r = runner.run(1, null, null).getFirst();
            long hot = byteSum(runner.regions().get(0));
            long cold = byteSum(runner.regions().get(1));
            assertThat(hot + cold).isEqualTo(r.accesses());
            // the phase is timed, so a loaded machine makes fewer choices: 4 sd of the binomial share
            double choices = r.accesses() / 256.0;
            assertThat(choices).isGreaterThanOrEqualTo(20);
            assertThat((double) hot / (hot + cold)).isCloseTo(0.75, within(4 * Math.sqrt(0.75 * 0.25 / choices)));
        }
    }

    @Test
    void regionsAreSeparateMappingsNamedInVerboseOutput() throws Exception {
        MasimConfig plan = new MasimConfig("test", List.of(new Region("only", 10_000, null)),
                List.of(new Phase("p", 1, List.of(new Pattern(0, false, 64, 1, AccessMode.WRITE_ONLY)))));
        try (WorkloadRunner runner = new WorkloadRunner(plan, 1000, 1)) {
            MemorySegment m = runner.regions().getFirst();
            assertThat(runner.describeRegions()).containsExactly(
                    "region only: 0x%x-0x%x (10000 bytes)".formatted(m.address(), m.address() + 10_000));
            assertThat(ProcMaps.read(ProcessHandle.current().pid()))
                    .anyMatch(map -> map.start() <= m.address() && m.address() + 10_000 <= map.end());
        }
    }

    /** What the read-increment-writes that left {@code m} as it is read, each byte touched fewer than 256 times. */
    private static long readIncrementWriteSum(MemorySegment m) {
        long sum = 0;
        for (long i = 0; i < m.byteSize(); i++) {
            int touches = m.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            for (int k = 0; k < touches; k++) {
                sum += (byte) k;
            }
        }
        return sum;
    }

    private static long countEqual(MemorySegment m, byte v) {
        long n = 0;
        for (long i = 0; i < m.byteSize(); i++) {
            if (m.get(ValueLayout.JAVA_BYTE, i) == v) {
                n++;
            }
        }
        return n;
    }

    private static long byteSum(MemorySegment m) {
        long sum = 0;
        for (long i = 0; i < m.byteSize(); i++) {
            sum += m.get(ValueLayout.JAVA_BYTE, i) & 0xff;
        }
        return sum;
    }
}
