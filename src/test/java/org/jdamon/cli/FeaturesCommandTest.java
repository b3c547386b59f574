package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.ops.linux.LinuxFeatures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FeaturesCommandTest {
    private static String run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    private static String line(String text, String name) {
        return text.lines().filter(l -> l.startsWith("  " + name + " ")).findFirst().orElseThrow();
    }

    @Test
    void featuresAgreeWithWhatTheMachineShows() {
        String out = run("features");
        boolean bitmap = Files.exists(Path.of("/sys/kernel/mm/page_idle/bitmap"));
        assertThat(line(out, "page_idle")).contains(bitmap ? " yes " : " no ");
        assertThat(line(out, "paddr")).contains(bitmap ? " yes " : " no ");
        assertThat(line(out, "sim")).contains(" yes ");
        boolean damonSysfs = Files.isDirectory(Path.of("/sys/kernel/mm/damon/admin"));
        assertThat(line(out, "damon_sysfs")).contains(damonSysfs ? " yes " : " no ");
        String config = LinuxFeatures.kernelConfig();
        if (config != null) {
            boolean softDirty = LinuxFeatures.configured(config, "CONFIG_MEM_SOFT_DIRTY");
            assertThat(line(out, "soft-dirty")).contains(softDirty ? " yes " : " no ");
            assertThat(line(out, "vaddr")).contains(softDirty || bitmap ? " yes " : " no ");
        }
        // process_madvise works for root on 5.10+ kernels, which is what the tests run on.
        assertThat(line(out, "process_madvise")).contains(" yes ");
        assertThat(line(out, "damos_vaddr")).contains("cold pageout");
    }

    @Test
    void jsonListsTheSameFeatures() {
        String json = run("features", "--json");
        assertThat(json).contains("\"name\" : \"page_idle\"").contains("\"available\"");
    }
}
