package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdamon.config.KdamondsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Context pause, scheme dests, max_nr_snapshots, quota goal tuner and fail charge, from a kdamonds
 * configuration through {@link ConfigToSysfs} to the files {@link SysfsDamon} writes: their values and
 * order on a tree that has the files, refusal before any write on Linux 6.12, silence for defaults.
 */
class NewerSysfsSettingsTest {
    private static final String POISON = "7777777";
    private static final String C = "0/contexts/0/";
    private static final String S = C + "schemes/0/";
    private static final String ROOT = "kernel/mm/damon/admin/kdamonds/";

    @TempDir
    Path sys;

    @TempDir
    Path state;

    SysfsDamon damon() {
        return new SysfsDamon(sys, new Ownership(state));
    }

    /** One vaddr context for pid 4242 with one scheme; {@code pause} and the scheme's JSON fields spliced in. */
    static List<KdamondSpec> specs(boolean pause, String schemeFields) {
        String json = """
                {"kdamonds": [{"contexts": [{"ops": "vaddr", "pause": %s, "targets": [{"pid": 4242}],
                  "schemes": [{"action": "migrate_hot", "quotas": {"time_ms": 10, "reset_interval_ms": 1000%s}%s}]}]}]}
                """;
        String quota = "";
        String scheme = "";
        for (String field : schemeFields.split(";")) {
            if (field.isBlank()) {
                continue;
            }
            if (field.startsWith("\"goal_tuner\"") || field.startsWith("\"fail_charge")) {
                quota += ", " + field;
            } else {
                scheme += ", " + field;
            }
        }
        return ConfigToSysfs.kdamonds(KdamondsJson.parse(json.formatted(pause, quota, scheme)));
    }

    private static final String ALL_NEWER = "\"dests\": [{\"id\": 0, \"weight\": 3}, {\"id\": 1, \"weight\": 7}];"
            + "\"max_nr_snapshots\": 5;\"goal_tuner\": \"temporal\";\"fail_charge_num\": 1;\"fail_charge_denom\": 4";

    private static boolean newerFile(String rel) {
        return rel.endsWith("/pause") || rel.contains("/dests/") || rel.endsWith("/goal_tuner")
                || rel.contains("/fail_charge_") || rel.contains("/stats/");
    }

    private static Map<String, String> newerChanges(Map<String, String> before, Map<String, String> after) {
        Map<String, String> out = new TreeMap<>();
        FixtureTree.changes(before, after).forEach((k, v) -> {
            if (newerFile(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void newerSettingsReachTheirFilesInTheKernelsOrder() throws IOException {
        Path k = FixtureTree.loadPoisoned(sys, "newer-7.1-mm.tree", POISON);
        var before = FixtureTree.snapshot(k);
        SysfsDamon d = damon();
        List<String> journal = new ArrayList<>();
        d.journalWritesTo(journal);

        d.start(specs(true, ALL_NEWER), true);

        // dests: nr_dests then id/weight per destination, in the configured order; booleans as Y/N
        assertThat(newerChanges(before, FixtureTree.snapshot(k))).isEqualTo(new TreeMap<>(Map.of(
                C + "pause", "Y",
                S + "quotas/goal_tuner", "temporal",
                S + "quotas/fail_charge_num", "1",
                S + "quotas/fail_charge_denom", "4",
                S + "dests/nr_dests", "2",
                S + "dests/0/id", "0",
                S + "dests/0/weight", "3",
                S + "dests/1/id", "1",
                S + "dests/1/weight", "7",
                S + "stats/max_nr_snapshots", "5")));

        // design §9.3: quota, weights and tuner before goals; then filters (last: the legacy filters/),
        // dests, max_nr_snapshots; the kdamond turned on after everything
        List<String> order = journal.stream()
                .filter(p -> p.startsWith(ROOT + S) && (newerFile(p) || p.endsWith("age_permil")
                        || p.endsWith("goals/nr_goals") || p.endsWith(S + "filters/nr_filters")))
                .map(p -> p.substring((ROOT + S).length())).toList();
        assertThat(order).containsExactly("quotas/weights/age_permil", "quotas/goal_tuner",
                "quotas/fail_charge_num", "quotas/fail_charge_denom", "quotas/goals/nr_goals", "filters/nr_filters",
                "dests/nr_dests", "dests/0/id", "dests/0/weight", "dests/1/id", "dests/1/weight",
                "stats/max_nr_snapshots");
        assertThat(journal.getLast()).isEqualTo(ROOT + "0/state");

        // read back: what status shows
        KdamondStatus.ContextStatus ctx = d.kdamond(0).context();
        assertThat(ctx.paused()).isTrue();
        KdamondStatus.SchemeStatus s = ctx.schemes().getFirst();
        assertThat(s.dests()).containsExactly(new SysfsScheme.Dest(0, 3), new SysfsScheme.Dest(1, 7));
        assertThat(s.maxNrSnapshots()).isEqualTo(5);
        assertThat(s.goalTuner()).isEqualTo("temporal");
        assertThat(s.failChargeNum()).isEqualTo(1);
        assertThat(s.failChargeDenom()).isEqualTo(4);
    }

    @Test
    void defaultsLeaveTheNewerFilesAlone() throws IOException {
        Path k = FixtureTree.loadPoisoned(sys, "newer-7.1-mm.tree", POISON);
        var before = FixtureTree.snapshot(k);

        damon().start(specs(false, ""), true);

        var after = FixtureTree.snapshot(k);
        assertThat(newerChanges(before, after)).isEmpty();
        assertThat(after.get(S + "action")).as("the rest was written").isEqualTo("migrate_hot");
    }

    @Test
    void defaultsOnLinux612WriteNothingNew() throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-defaults.tree");
        var before = FixtureTree.snapshot(k);
        SysfsDamon d = damon();
        List<String> journal = new ArrayList<>();
        d.journalWritesTo(journal);

        d.start(specs(false, ""), true);

        assertThat(FixtureTree.snapshot(k).keySet()).isEqualTo(before.keySet());
        assertThat(journal).noneMatch(NewerSysfsSettingsTest::newerFile);
        assertThat(Files.readString(k.resolve("0/state")).strip()).isEqualTo("on");
        KdamondStatus.SchemeStatus s = d.kdamond(0).context().schemes().getFirst();
        assertThat(d.kdamond(0).context().paused()).isFalse();
        assertThat(s.dests()).isEmpty();
        assertThat(s.maxNrSnapshots()).isZero();
        assertThat(s.goalTuner()).isEqualTo("consist");
        assertThat(s.failChargeDenom()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true  |                                          | kdamonds[0].contexts[0].pause: this kernel has no kernel/mm/damon/admin/kdamonds/0/contexts/0/pause (added in mm.git, not yet in a mainline release)
            false | "dests": [{"id": 1, "weight": 1}]        | kdamonds[0].contexts[0].schemes[0].dests: this kernel has no kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/dests (added in Linux 6.17)
            false | "max_nr_snapshots": 1                    | kdamonds[0].contexts[0].schemes[0].max_nr_snapshots: this kernel has no kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/stats/max_nr_snapshots (added in Linux 7.0)
            false | "goal_tuner": "temporal"                 | kdamonds[0].contexts[0].schemes[0].quotas.goal_tuner: this kernel has no kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/quotas/goal_tuner (added in Linux 7.1)
            false | "fail_charge_num": 1;"fail_charge_denom": 2 | kdamonds[0].contexts[0].schemes[0].quotas.fail_charge_num/denom: this kernel has no kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/quotas/fail_charge_num (added in mm.git, not yet in a mainline release)
            """)
    void eachNewerSettingIsRefusedOnLinux612BeforeAnyWrite(boolean pause, String fields, String message)
            throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-defaults.tree");
        var before = FixtureTree.snapshot(k);

        assertThatThrownBy(() -> damon().start(specs(pause, fields == null ? "" : fields), true))
                .isInstanceOf(KernelDamonException.class).hasMessage(message);

        assertThat(FixtureTree.snapshot(k)).isEqualTo(before);
        assertThat(new Ownership(state).file()).doesNotExist();
    }

    @Test
    void onLinux618DestsAreWrittenButASnapshotLimitIsRefused() throws IOException {
        Path k = FixtureTree.load(sys, "host-6.18-foreign.tree");
        FixtureTree.write(k.resolve("0/state"), "off");
        FixtureTree.write(k.resolve("0/pid"), "-1");
        var before = FixtureTree.snapshot(k);
        String dests = "\"dests\": [{\"id\": 1, \"weight\": 1}]";

        assertThatThrownBy(() -> damon().start(specs(false, dests + ";\"max_nr_snapshots\": 3"), true))
                .hasMessage("kdamonds[0].contexts[0].schemes[0].max_nr_snapshots: this kernel has no"
                        + " kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/stats/max_nr_snapshots"
                        + " (added in Linux 7.0)");
        assertThat(FixtureTree.snapshot(k)).isEqualTo(before);
    }

    @Test
    void whenNoSchemeDirectoryExistsYetTheCheckComesBeforeAnySchemeValue() throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-defaults.tree");
        // a kdamond without schemes: nothing tells whether schemes have dests until nr_schemes is written
        try (var files = Files.walk(k.resolve(S))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        SysfsDamon d = damon();
        List<String> journal = new ArrayList<>();
        d.journalWritesTo(journal);

        assertThatThrownBy(() -> d.start(specs(false, "\"dests\": [{\"id\": 1, \"weight\": 1}]"), true))
                .hasMessage("kdamonds[0].contexts[0].schemes[0].dests: this kernel has no"
                        + " kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/dests (added in Linux 6.17)");
        // only the counts that create directories were written; no value, and the kdamond stays off
        assertThat(journal).allMatch(p -> p.endsWith("nr_kdamonds") || p.endsWith("nr_contexts")
                || p.endsWith("nr_targets") || p.endsWith("nr_schemes"));
        assertThat(Files.readString(k.resolve("0/state")).strip()).isEqualTo("off");
    }

    @Test
    void aCommitResumesAPausedContextAndLeavesAnUnpausedOneAlone() throws IOException {
        Path k = FixtureTree.load(sys, "newer-7.1-mm.tree");
        SysfsDamon d = damon();
        d.start(specs(true, ""), true);
        assertThat(Files.readString(k.resolve(C + "pause")).strip()).isEqualTo("Y");
        // the fixture's pid cannot change by itself: record the pid the kernel would have shown
        FixtureTree.write(k.resolve("0/pid"), "389");
        new Ownership(state).putKdamond(new Ownership.KdamondRecord(0, 389, List.of(4242L), 1));

        d.commit(0, specs(false, "").getFirst());
        assertThat(Files.readString(k.resolve(C + "pause")).strip()).isEqualTo("N");

        FixtureTree.write(k.resolve("0/state"), "on");
        List<String> journal = new ArrayList<>();
        d.journalWritesTo(journal);
        d.commit(0, specs(false, "").getFirst());
        assertThat(journal).isNotEmpty().noneMatch(p -> p.endsWith("/pause"));
    }
}
