package org.jdamon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety for real: {@code jdamon record --trace -} runs in its own JVM, fed a Lackey trace through
 * its standard input a chunk at a time (a live source: aggregations complete as the trace arrives),
 * and is SIGKILLed at random points. What is on disk afterwards must read without damage beyond a
 * torn last chunk, hold every aggregation the trace fed so far completed, and be exactly the first
 * snapshots of an uninterrupted record of the same trace.
 */
class RecordCrashSafetyTest {
    /** One instruction per microsecond of trace time; 5 ms aggregations: 5,000 instructions each. */
    private static final int INSTRUCTIONS = 200_000;
    private static final long AGGR_US = 5_000;
    private static final String[] ATTRS = {"--seed", "1", "--instr-per-us", "1", "-s", "1ms", "-a", "5ms"};

    @TempDir
    static Path dir;

    static byte[] trace;
    static int[] instructionEnds;
    static Recording reference;

    @BeforeAll
    static void referenceRecord() throws Exception {
        // two hot areas taking turns every 50 ms of trace time, one load per two instructions
        Random r = new Random(15);
        StringBuilder sb = new StringBuilder();
        instructionEnds = new int[INSTRUCTIONS];
        for (int i = 0; i < INSTRUCTIONS; i++) {
            sb.append(String.format("I  %08x,4%n", 0x400000 + (i % 64) * 4));
            if (i % 2 == 0) {
                long base = (i / 50_000) % 2 == 0 ? 0x1000_0000L : 0x2000_0000L;
                sb.append(String.format(" L %08x,8%n", base + r.nextInt(1 << 20)));
            }
            instructionEnds[i] = sb.length();
        }
        trace = sb.toString().getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("trace.txt"), trace);
        Path ref = dir.resolve("reference.data");
        Process p = JdamonProcess.builder(concat("record", "--trace", file.toString(), "-o", ref.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("reference.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("reference.log"))).isZero();
        reference = RecordFiles.read(ref);
        assertThat(reference.snapshots()).hasSize((int) (INSTRUCTIONS / AGGR_US));
    }

    @Test
    void sigkillAtRandomPointsLosesNoCompletedAggregation() throws Exception {
        Random points = new Random(20261206);
        for (int run = 0; run < 3; run++) {
            int cutInstructions = 20_000 + points.nextInt(INSTRUCTIONS - 40_000);
            killAt(run, cutInstructions);
        }
    }

    private void killAt(int run, int cutInstructions) throws Exception {
        Path out = dir.resolve("killed-" + run + ".data");
        Path seen = dir.resolve("seen-" + run + ".data");
        Process p = JdamonProcess.builder(concat("record", "--trace", "-", "-o", out.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed-" + run + ".log").toFile()).start();
        int cutByte = instructionEnds[cutInstructions - 1];
        try (OutputStream in = p.getOutputStream()) {
            Random chunks = new Random(run);
            for (int at = 0; at < cutByte; ) {
                int n = Math.min(cutByte - at, 20_000 + chunks.nextInt(200_000));
                in.write(trace, at, n);
                in.flush();
                at += n;
                Thread.sleep(5);
            }
            waitUntilStable(out);
            Files.copy(out, seen, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            p.destroyForcibly(); // SIGKILL, with the input still open: the writer never got to close
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (IOException pipeClosedByTheKill) {
            // writing into a killed process's pipe: the kill came first, which is what is tested
        }
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        Recording killed = RecordFiles.read(out);
        assertThat(killed.warnings()).as("run %d cut at %d instructions", run, cutInstructions)
                .anySatisfy(w -> assertThat(w).startsWith("no end marker: the record was not closed"))
                .allSatisfy(w -> assertThat(w).matches("no end marker: .*|offset \\d+: truncated chunk; skipped the last \\d+ bytes"));
        // every aggregation written before the kill is there: at least what a copy taken just before held,
        // and what the trace fed so far completes, less the replay's last batch (16384 records, about
        // 11,000 instructions here: the reader fills a batch before handing it on) and the open aggregation
        int completed = (int) (cutInstructions / AGGR_US);
        int seenBeforeKill = RecordFiles.read(seen).snapshots().size();
        assertThat(killed.snapshots().size()).as("run %d cut at %d instructions", run, cutInstructions)
                .isGreaterThanOrEqualTo(seenBeforeKill)
                .isBetween(completed - 4, completed);
        List<Snapshot> expected = reference.snapshots().subList(0, killed.snapshots().size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameSnapshot(killed.snapshots().get(i), expected.get(i));
        }
    }

    /** The child has consumed what it was given once its record stops growing for a while. */
    private static void waitUntilStable(Path out) throws InterruptedException, IOException {
        long last = -1;
        int stableFor = 0;
        for (int i = 0; i < 200 && stableFor < 4; i++) {
            Thread.sleep(100);
            long size = Files.exists(out) ? Files.size(out) : -1;
            stableFor = size == last ? stableFor + 1 : 0;
            last = size;
        }
    }

    private static void assertSameSnapshot(Snapshot actual, Snapshot expected) {
        assertThat(actual.startNs()).isEqualTo(expected.startNs());
        assertThat(actual.endNs()).isEqualTo(expected.endNs());
        assertThat(actual.targets()).hasSameSizeAs(expected.targets());
        for (int t = 0; t < expected.targets().size(); t++) {
            TargetSnapshot a = actual.targets().get(t);
            TargetSnapshot e = expected.targets().get(t);
            assertThat(a.starts()).isEqualTo(e.starts());
            assertThat(a.ends()).isEqualTo(e.ends());
            assertThat(a.nrAccesses()).isEqualTo(e.nrAccesses());
            assertThat(a.ages()).isEqualTo(e.ages());
        }
    }

    private static String[] concat(String... head) {
        String[] r = java.util.Arrays.copyOf(head, head.length + ATTRS.length);
        System.arraycopy(ATTRS, 0, r, head.length, ATTRS.length);
        return r;
    }
}
