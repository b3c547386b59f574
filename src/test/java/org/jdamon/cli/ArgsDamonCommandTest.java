package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgsDamonCommandTest {

    @Test
    void printedConfigurationReadsBackThroughKdamonds(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("args", "damon", "--damos_action", "pageout", "--damos_access_rate", "0", "0",
                "--damos_age", "2s", "max", "--damos_action", "stat", "--damos_filter", "reject", "none", "anon",
                "--damos_nr_filters", "0", "1", "-s", "10ms");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"action\" : \"pageout\"", "\"action\" : \"stat\"", "\"sample_us\" : \"10 ms\"");
        Path f = dir.resolve("k.json");
        Files.writeString(f, r.out());
        CliRunner again = CliRunner.run("args", "damon", "--kdamonds", f.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(r.out());
    }

    @Test
    void presetAddsTheModuleSchemes() {
        CliRunner r = CliRunner.run("args", "damon", "--preset", "reclaim");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"action\" : \"pageout\"", "\"min\" : \"2 m\"", "\"sz_bytes\" : \"128.000 MiB\"",
                "\"high_permil\" : \"50 %\"");
    }

    @Test
    void badInputIsAUsageErrorNamingTheOptionOrPath(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("args", "damon", "--damos_action", "evict");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("jdamon: --damos_action: unknown DAMOS action 'evict'");
        r = CliRunner.run("args", "damon", "--damos_action", "pageout", "--damos_access_rate", "9");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--damos_access_rate needs 2 value(s), got 1");
        r = CliRunner.run("args", "damon", "--preset", "shrink");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("jdamon: --preset: unknown preset 'shrink'");
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"kdamonds\": [{\"contexts\": [{\"targets\": {}}]}]}");
        r = CliRunner.run("args", "damon", "--kdamonds", f.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("jdamon: " + f + ": $.kdamonds[0].contexts[0].targets: expected a list");
    }

    /** damo's 1 s : 100 ms proportion when only -s/-a are given; given intervals are kept as given. */
    @Test
    void updateIntervalFollowsTheAggregationIntervalUnlessGiven() {
        assertThat(updateOf("-s", "10us", "-a", "200us")).isEqualTo("\"ops_update_us\" : \"2 ms\"");
        assertThat(updateOf("-a", "50ms")).isEqualTo("\"ops_update_us\" : \"500 ms\"");
        // -s alone leaves the 100 ms aggregation, so 10 x 100 ms: damo's 1 s
        assertThat(updateOf("-s", "1ms")).isEqualTo("\"ops_update_us\" : \"1 s\"");
        // a longer aggregation never raises the update interval above the default
        assertThat(updateOf("-s", "100ms", "-a", "2s")).isEqualTo("\"ops_update_us\" : \"1 s\"");
        assertThat(updateOf("-s", "10us", "-a", "200us", "-u", "5s")).isEqualTo("\"ops_update_us\" : \"5 s\"");
        assertThat(updateOf("--monitoring_intervals", "10us", "200us", "3s"))
                .isEqualTo("\"ops_update_us\" : \"3 s\"");
        assertThat(updateOf()).isEqualTo("\"ops_update_us\" : \"1 s\"");
    }

    private static String updateOf(String... monitoring) {
        String[] args = new String[monitoring.length + 2];
        args[0] = "args";
        args[1] = "damon";
        System.arraycopy(monitoring, 0, args, 2, monitoring.length);
        CliRunner r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().lines().map(String::strip).filter(l -> l.startsWith("\"ops_update_us\""))
                .map(l -> l.replaceAll(",$", "")).findFirst().orElseThrow();
    }
}
