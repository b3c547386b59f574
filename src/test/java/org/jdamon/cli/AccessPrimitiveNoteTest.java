package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record made with soft-dirty sees writes only, and every report says so. */
class AccessPrimitiveNoteTest {
    @TempDir
    Path dir;

    private Path record(String primitive) throws Exception {
        RecordHeader h = RecordFixtures.header(1);
        h = new RecordHeader(h.formatVersion(), h.toolVersion(), h.attributes(), "vaddr", h.targets(),
                h.startEpochNs(), Map.of("access_primitive", primitive));
        Path p = dir.resolve(primitive.replaceAll("[^a-z]", "") + ".data");
        try (RecordWriter w = RecordWriter.create(p, h)) {
            w.writeSnapshot(new Snapshot(0, 100_000_000, List.of(RecordFixtures.target(0, 0, 4096, 3, 1))));
        }
        return p;
    }

    @Test
    void reportsNoteWritesOnlyRecords() throws Exception {
        Path softDirty = record("soft-dirty (writes only)");
        Path idle = record("page-idle (reads and writes)");
        for (String report : List.of("wss", "raw", "heatmap")) {
            CliRunner a = CliRunner.run("report", report, "-i", softDirty.toString());
            assertThat(a.exitCode()).as(a.err()).isZero();
            assertThat(a.err()).as(report).contains("recorded with soft-dirty (writes only): reads are invisible");
            CliRunner b = CliRunner.run("report", report, "-i", idle.toString());
            assertThat(b.err()).as(report).doesNotContain("invisible");
        }
    }
}
