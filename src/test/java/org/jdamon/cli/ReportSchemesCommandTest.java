package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdamon.record.capture.ContextCapture;
import org.jdamon.config.CoreConversion;
import org.jdamon.config.DamosArgs;
import org.jdamon.config.KdamondsConfig;
import org.jdamon.config.KdamondsJson;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.Scheme;
import org.jdamon.ops.sim.SimOperations;
import org.jdamon.ops.sim.SimWorkloads;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.capture.DamosCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code report schemes} and {@code report damon} on records written the way {@code record} writes them. */
class ReportSchemesCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Records the 35 s zigzag with the given damo options' schemes (none: plain monitoring). */
    private static DamosEngine record(Path file, List<List<String>> actions, List<List<String>> rates,
            List<List<String>> ages) throws Exception {
        DamosArgs args = new DamosArgs(actions, rates, null, ages, null, null, null, null, null, null, null, null,
                null, null);
        KdamondsConfig.Context c = KdamondsConfig.defaultContext().withSchemes(args.toSchemes());
        c = new KdamondsConfig.Context("sim", 1, List.of(), c.intervals(), c.nrRegions(), false, c.schemes());
        List<Scheme> schemes = CoreConversion.schemes(c);
        DamosEngine engine = new DamosEngine(schemes);
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag_30secs"));
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(11).attributes(c.attributes()))
                .schemes(engine).build();
        try (RecordWriter w = ContextCapture.attach(ctx, file, Map.of())) {
            DamosCapture.attach(ctx, engine, w, KdamondsJson.write(KdamondsConfig.single(c)));
            ctx.run();
        }
        return engine;
    }

    @Test
    void jsonSummaryWithAndWithoutSchemes(@TempDir Path dir) throws Exception {
        Path with = dir.resolve("with.data");
        DamosEngine engine = record(with, List.of(List.of("pageout")), List.of(List.of("0", "0")),
                List.of(List.of("1s", "max")));
        CliRunner r = CliRunner.run("report", "schemes", "--json", "-i", with.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        long mapped = SimOperations.of(SimWorkloads.load("zigzag_30secs")).workload(0).layout().totalMappedBytes();
        assertThat(j.get("duration_ns").asLong()).isEqualTo(35_000_000_000L);
        assertThat(j.get("max_rss_bytes").asLong()).isEqualTo(mapped);
        // 2.5 s phases after a 5 s start: each region is idle in 6 phases and out for their last 1.5 s,
        // 2 x 6 x 1.5 = 18 of 2 x 35 region-seconds: RSS cut by 25.7 % (within 5 points)
        double cut = 1 - j.get("avg_rss_bytes").asDouble() / mapped;
        assertThat(cut).isBetween(18.0 / 70 - 0.05, 18.0 / 70 + 0.05);
        assertThat(j.get("refaults").asLong()).isPositive();
        JsonNode s = j.get("schemes").get(0);
        assertThat(s.get("action").asString()).isEqualTo("pageout");
        assertThat(s.get("nr_tried").asLong()).isEqualTo(engine.stats(0).nrTried());
        assertThat(s.get("sz_tried").asLong()).isEqualTo(engine.stats(0).szTried());
        assertThat(s.get("nr_applied").asLong()).isEqualTo(engine.stats(0).nrApplied());
        assertThat(s.get("sz_applied").asLong()).isEqualTo(engine.stats(0).szApplied());
        assertThat(s.get("qt_exceeds").asLong()).isZero();

        Path without = dir.resolve("without.data");
        record(without, List.of(), List.of(), List.of());
        CliRunner plain = CliRunner.run("report", "schemes", "--json", "-i", without.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        JsonNode p = JSON.readTree(plain.out());
        assertThat(p.get("avg_rss_bytes").asLong()).isEqualTo(mapped);
        assertThat(p.get("max_rss_bytes").asLong()).isEqualTo(mapped);
        assertThat(p.get("refaults").asLong()).isZero();
        assertThat(p.get("duration_ns").asLong()).isEqualTo(35_000_000_000L);
        assertThat(p.get("schemes").isArray()).isTrue();
        assertThat(p.get("schemes").size()).isZero();

        CliRunner text = CliRunner.run("report", "schemes", "-i", with.toString(), "--max_rows", "5");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("# time", "rss: avg", "scheme 0 (pageout): tried");
    }

    @Test
    void reportDamonShowsConfigurationAndStats(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.data");
        DamosEngine engine = record(f, List.of(List.of("pageout"), List.of("stat")), List.of(List.of("0", "0")),
                List.of(List.of("2s", "max")));
        CliRunner r = CliRunner.run("report", "damon", "-i", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ops: sim", "scheme 0", "action: pageout per aggr interval",
                "nr_accesses: [0 %, 0 %]", "age: [2 s, max]", "scheme 1", "action: stat",
                "tried " + engine.stats(0).nrTried() + " regions");
        CliRunner j = CliRunner.run("report", "damon", "--json", "-i", f.toString());
        assertThat(j.exitCode()).as(j.err()).isZero();
        // the JSON is a kdamonds configuration again (stats are ignored when read back)
        assertThat(KdamondsJson.parse(j.out()).kdamonds().getFirst().contexts().getFirst().schemes()).hasSize(2);
        assertThat(JSON.readTree(j.out()).at("/kdamonds/0/contexts/0/schemes/0/stats/sz_applied").asLong())
                .isEqualTo(engine.stats(0).szApplied());
    }

    @Test
    void recordsWithoutDamosDataAndBrokenChunksAreReported(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.data");
        CliRunner r = CliRunner.run("report", "schemes", "-i", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no such record file");
        Path junk = dir.resolve("junk.data");
        Files.writeString(junk, "hello");
        r = CliRunner.run("report", "damon", "-i", junk.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("jdamon: " + junk);
    }
}
