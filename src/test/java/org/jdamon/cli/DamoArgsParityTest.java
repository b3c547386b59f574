package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code damo args damon} (python3, from the damo checkout in {@code DAMO_SRC}) and {@code jdamon args
 * damon} on the same options give equal JSON, and each reads the other's: jdamon reading damo's JSON
 * prints damo's JSON, and damo reading jdamon's prints what damo prints reading its own (damo's own
 * reading is not the identity: it turns null memcg paths into "" and ULONG_MAX percents into floats).
 * jdamon's extra {@code max_nr_snapshots} (damo's {@code args damon} drops it) is taken out before
 * comparing. Opt-in: skipped without {@code DAMO_SRC}.
 */
@EnabledIfEnvironmentVariable(named = "DAMO_SRC", matches = ".+")
class DamoArgsParityTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "--regions 4096-8192",
        "--target_pid 1 --regions 4096-8192",
        "--damos_action migrate_hot 1 --damos_quota_interval 1s --damos_quota_space 100M"
                + " --damos_quota_goal some_mem_psi_us 1000 --damos_quota_goal node_mem_used_bp 50% 0"
                + " --damos_filter reject anon --damos_filter allow addr 4096 8192 --damos_filter reject memcg /a"
                + " --damos_filter allow hugepage_size 2M 2M --damos_filter reject target 0"
                + " --damos_quota_weights 1 2 3 --damos_wmarks free_mem_rate 5s 500 400 200",
        "--damos_action migrate_cold 0 1 1 3 --damos_access_rate 0 0 --damos_age 30s max"
                + " --damos_filter reject none young",
        "--damos_action pageout --damos_quota_time 10ms --damos_quota_interval 1s --damos_quota_weights 1 2 3"
                + " --damos_wmarks free_mem_rate 5s 500 400 200 --damos_apply_interval 1s --damos_sz_region 4K 2M"
                + " -s 10ms -a 200ms -u 2s -n 20 -m 500",
        "--damos_action lru_prio --damos_quota_goal user_input 10000 5000 --damos_quota_goal_tuner temporal"
                + " --damos_quota_interval 1s --damos_filter reject none young --damos_max_nr_snapshots 5"
                + " --monitoring_intervals_goal 4% 3 5ms 10s",
        "--target_pid 1234 --damos_action stat --damos_access_rate 5 100 --damos_age 2s 1m"
                + " --damos_quota_fail_charge_ratio 1 1024 --damos_quota_space 1G --damos_quota_interval 100ms"
                + " --damos_filter reject none active --damos_filter allow addr 4096 32768",
        "--damos_action pageout --damos_action migrate_cold 1 --damos_nr_filters 1 1 --damos_filter reject young"
                + " --damos_filter allow none unmapped --damos_quota_interval 1s --damos_quota_interval 2s"
                + " --damos_quota_goal node_mem_free_bp 30% 1 --damos_quota_goal user_input 100 50"
                + " --damos_nr_quota_goals 1 1",
        "--raw --damos_action migrate_hot 1 --damos_quota_interval 1s --damos_quota_space 100M"
                + " --damos_quota_goal some_mem_psi_us 1000 --damos_filter reject anon"
                + " --damos_filter allow hugepage_size 2M 2M --damos_filter reject target 0",
    })
    void sameOptionsGiveEqualJsonAndEachReadsTheOthers(String options) throws Exception {
        List<String> opts = options.isEmpty() ? List.of() : List.of(options.split(" "));
        JsonNode damo = damo(opts);
        String jdamonText = jdamon(opts);
        JsonNode jdamon = JSON.readTree(jdamonText);
        if (options.contains("--damos_max_nr_snapshots 5")) {
            JsonNode scheme = jdamon.get("kdamonds").get(0).get("contexts").get(0).get("schemes").get(0);
            assertThat(scheme.get("max_nr_snapshots").asString()).isEqualTo("5");
        }
        assertThat(withoutMaxNrSnapshots(jdamon)).as("jdamon vs damo for %s", options).isEqualTo(damo);
        if (options.startsWith("--raw")) {
            return; // damo's raw durations are in ns where it reads ms/us: raw JSON is for machines, not re-reading
        }
        Path damoFile = dir.resolve("damo.json");
        Files.writeString(damoFile, JSON.writeValueAsString(damo));
        assertThat(JSON.readTree(jdamon(List.of("--kdamonds", damoFile.toString()))))
                .as("jdamon reading damo's JSON").isEqualTo(withoutMaxNrSnapshots(jdamon));
        Path jdamonFile = dir.resolve("jdamon.json");
        Files.writeString(jdamonFile, jdamonText);
        assertThat(damo(List.of("--kdamonds", jdamonFile.toString())))
                .as("damo reading jdamon's JSON").isEqualTo(damo(List.of("--kdamonds", damoFile.toString())));
    }

    private static JsonNode withoutMaxNrSnapshots(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        for (JsonNode k : copy.get("kdamonds")) {
            for (JsonNode c : k.get("contexts")) {
                for (JsonNode s : c.get("schemes")) {
                    ((ObjectNode) s).remove("max_nr_snapshots");
                }
            }
        }
        return copy;
    }

    private static String jdamon(List<String> opts) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("args", "damon"));
        args.addAll(opts);
        int code = cl.execute(args.toArray(String[]::new));
        assertThat(code).as("jdamon %s: %s", opts, err).isZero();
        return out.toString();
    }

    private static JsonNode damo(List<String> opts) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", Path.of(System.getenv("DAMO_SRC"), "damo").toString(),
                "args", "damon"));
        cmd.addAll(opts);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("damo %s", opts).isZero();
        return JSON.readTree(out);
    }
}
