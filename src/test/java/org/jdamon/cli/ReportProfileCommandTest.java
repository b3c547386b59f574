package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.profile.Profile;
import org.jdamon.profile.ProfileCodec;
import org.jdamon.profile.StackSample;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.SideData;
import org.jdamon.record.TargetInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report profile} and {@code report times} on a record file written with the record writer.
 * Snapshots (5 ms / 100 ms, so rate = 5 x nr_accesses %): 0-100, 100-200, 200-300, 300-400, 400-500 and,
 * after a gap, 600-700 ms; the 8 KiB region at 0x1000 has nr_accesses 20, 10, 3, 0, 19, 20, so
 * {@code --access_rate 50% max} keeps 0-200, 400-500 and 600-700 ms. Stacks every 50 ms from 0 to 650 ms:
 * [hot, main] except [cold, main] at 200-350, [idle, main] at 500-550 and [memset, hot, main] at 600. The
 * 8 samples in the windows: self hot 7 (87.50%), memset 1 (12.50%); total hot and main 8 (100%).
 */
class ReportProfileCommandTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_700_000_000_000_000_000L;

    private static Path writeRecord(Path dir, boolean withProfile) throws Exception {
        Path f = dir.resolve("rec.jdamon");
        RecordHeader h = new RecordHeader(RecordFormat.VERSION, "test", Attributes.DAMO_DEFAULTS, "vaddr",
                List.of(new TargetInfo(0, 1234, "w")), EPOCH, Map.of());
        int[] nr = {20, 10, 3, 0, 19, 20};
        long[] from = {0, 100, 200, 300, 400, 600};
        try (RecordWriter w = RecordWriter.create(f, h)) {
            for (int i = 0; i < nr.length; i++) {
                w.writeSnapshot(new org.jdamon.record.Snapshot(from[i] * MS, (from[i] + 100) * MS,
                        List.of(RecordFixtures.target(0, 0x1000, 0x3000, nr[i], 0, 0x10000, 0x20000, 0, 5))));
            }
            if (withProfile) {
                for (SideData sd : ProfileCodec.encode(profile(), 5)) {
                    w.writeSideData(sd);
                }
            }
        }
        return f;
    }

    private static Profile profile() {
        List<StackSample> s = new ArrayList<>();
        for (long t = 0; t <= 650; t += 50) {
            List<String> frames = t >= 200 && t < 400 ? List.of("cold", "main")
                    : t >= 500 && t < 600 ? List.of("idle", "main")
                    : t == 600 ? List.of("memset", "hot", "main") : List.of("hot", "main");
            s.add(new StackSample(t * MS, "main", frames));
        }
        return new Profile("jfr", s);
    }

    @Test
    void timesPrintsTheMatchingWindows(@TempDir Path dir) throws Exception {
        Path f = writeRecord(dir, false);
        CliRunner r = CliRunner.run("report", "times", "-i", f.toString(), "--access_rate", "50%", "max");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("0.000000-0.200000\n0.400000-0.500000\n0.600000-0.700000\n");
        // the 64 KiB region alone, aged 5 x 100 ms = 0.5 s: every snapshot, merged where they touch
        CliRunner big = CliRunner.run("report", "times", "-i", f.toString(), "--sz_region", "16K", "max", "--age", "0.5", "1");
        assertThat(big.out()).isEqualTo("0.000000-0.500000\n0.600000-0.700000\n");
    }

    @Test
    void profilePrintsTheHottestCodeOfTheWindows(@TempDir Path dir) throws Exception {
        Path f = writeRecord(dir, true);
        CliRunner r = CliRunner.run("report", "profile", "-i", f.toString(), "--access_rate", "50%", "max", "--stacks", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("# 8 samples (jfr) in 3 time windows, 0.400000 s of 0.700000 s recorded\n")
                .contains("# top functions (self: the running function)\n  87.50%       7  hot\n  12.50%       1  memset\n")
                .contains("# top functions (total: running or calling)\n 100.00%       8  hot\n 100.00%       8  main\n")
                .contains("  87.50%       7 samples\n            hot\n            main\n")
                .doesNotContain("cold").doesNotContain("idle");
    }

    @Test
    void profileWritesTheTimelinePage(@TempDir Path dir) throws Exception {
        Path f = writeRecord(dir, true);
        Path html = dir.resolve("t.html");
        Path png = dir.resolve("t.png");
        assertThat(CliRunner.run("report", "profile", "-i", f.toString(), "--access_rate", "50%", "max", "--timeline",
                html.toString()).exitCode()).isZero();
        assertThat(Files.readString(html)).contains("data:image/png;base64,").contains("0.400000-0.500000")
                .contains("87.50%");
        assertThat(CliRunner.run("report", "profile", "-i", f.toString(), "--timeline", png.toString()).exitCode()).isZero();
        byte[] head = Files.readAllBytes(png);
        assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void profileFromAPerfScriptFileIsAlignedToTheRecordStart(@TempDir Path dir) throws Exception {
        Path f = writeRecord(dir, false);
        Path script = dir.resolve("perf.txt");
        // 1700000000.050000 s is 50 ms after the record start (inside 0-200 ms); 0.250 s is outside
        Files.writeString(script, """
                w 1234 1700000000.050000:\s
                \t  401000 touch_large (/tmp/w)
                \t  401100 main (/tmp/w)

                w 1234 1700000000.250000:\s
                \t  401200 touch_small (/tmp/w)

                """);
        CliRunner r = CliRunner.run("report", "profile", "-i", f.toString(), "--access_rate", "50%", "max",
                "--profile_input", script.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(" 100.00%       1  touch_large\n").doesNotContain("touch_small");
    }

    @Test
    void errorsAreOneLineWithTheRightExitCode(@TempDir Path dir) throws Exception {
        Path f = writeRecord(dir, false);
        CliRunner noProfile = CliRunner.run("report", "profile", "-i", f.toString());
        assertThat(noProfile.exitCode()).isEqualTo(2);
        assertThat(noProfile.err()).contains("holds no call stacks");
        CliRunner badRate = CliRunner.run("report", "times", "-i", f.toString(), "--access_rate", "lots", "max");
        assertThat(badRate.exitCode()).isEqualTo(2);
        assertThat(badRate.err()).contains("--access_rate: invalid percentage 'lots'");
        Path withProfile = writeRecord(dir.resolve("p").toFile().mkdirs() ? dir.resolve("p") : dir, true);
        CliRunner none = CliRunner.run("report", "profile", "-i", withProfile.toString(), "--access_rate", "99%", "99%");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no snapshot of the condition found");
        CliRunner overlap = CliRunner.run("report", "times", "-i", f.toString(), "--address", "0", "0x2000", "--address", "0x1000",
                "0x3000");
        assertThat(overlap.exitCode()).isEqualTo(2);
        assertThat(overlap.err()).contains("overlapping");
    }
}
