package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdamon.ops.sim.MasimConfig.AccessMode;
import org.jdamon.ops.sim.MasimConfig.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MasimConfigTest {
    private static final String MASIM_DEFAULT = """
            #regions
            # name, length, initial data file
            a, 256, none
            b, 64, none
            c, 128, none

            # phase 1
            # name of phase
            example phase 1
            # time in ms
            1000
            # access patterns
            a, 1, 64, 80, wo

            # phase 2
            example phase 2
            # time in ms
            1000
            c, 1, 64, 50, ro
            b, 0, 4096, 50, rw
            """;

    @Test
    void parsesMasimsOwnDefaultConfig() {
        MasimConfig c = MasimConfig.parse(MASIM_DEFAULT, "default");
        assertThat(c.regions()).extracting(MasimConfig.Region::name).containsExactly("a", "b", "c");
        assertThat(c.regions()).extracting(MasimConfig.Region::size).containsExactly(256L, 64L, 128L);
        assertThat(c.regions()).extracting(MasimConfig.Region::dataFile).containsOnlyNulls();
        assertThat(c.phases()).hasSize(2);
        assertThat(c.phases().get(0).name()).isEqualTo("example phase 1");
        assertThat(c.phases().get(0).durationMs()).isEqualTo(1000);
        assertThat(c.phases().get(0).patterns()).containsExactly(new Pattern(0, true, 64, 80, AccessMode.WRITE_ONLY));
        assertThat(c.phases().get(1).patterns()).containsExactly(
                new Pattern(2, true, 64, 50, AccessMode.READ_ONLY),
                new Pattern(1, false, 4096, 50, AccessMode.READ_WRITE));
        assertThat(c.totalDurationMs()).isEqualTo(2000);
        assertThat(c.totalBytes()).isEqualTo(256 + 64 + 128);
    }

    @Test
    void acceptsSuffixesDataFilesDefaultModeAndExtraBlankLines() {
        String text = "big, 1G, /dev/zero\nsmall, 4K\n\n\n\nonly phase\n2s\nbig, 0, 2M, 3\n  \n";
        MasimConfig c = MasimConfig.parse(text, "x.cfg");
        assertThat(c.regions().get(0).size()).isEqualTo(1L << 30);
        assertThat(c.regions().get(0).dataFile()).isEqualTo("/dev/zero");
        assertThat(c.regions().get(1).size()).isEqualTo(4096);
        assertThat(c.phases()).hasSize(1);
        assertThat(c.phases().get(0).durationMs()).isEqualTo(2000);
        // masim's built-in default mode for lines without one is write-only
        assertThat(c.phases().get(0).patterns().get(0)).isEqualTo(new Pattern(0, false, 2L << 20, 3, AccessMode.WRITE_ONLY));
    }

    @Test
    void commentLinesDoNotSeparateParagraphs() {
        String text = "a, 100\n# comment inside the regions paragraph\nb, 200\n\np\n# c\n10\n# c\na, 1, 0, 1\n";
        MasimConfig c = MasimConfig.parse(text, "x");
        assertThat(c.regions()).hasSize(2);
        assertThat(c.phases()).singleElement().satisfies(p -> assertThat(p.patterns()).hasSize(1));
    }

    @Test
    void formatRoundTrips() {
        MasimConfig c = MasimConfig.parse(MASIM_DEFAULT, "default");
        MasimConfig again = MasimConfig.parse(c.format(), "formatted");
        assertThat(again.regions()).isEqualTo(c.regions());
        assertThat(again.phases()).isEqualTo(c.phases());
    }

    /** Each case: config text (with | for newlines), expected line, and a fragment of the problem. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "a, 100|b, 10|a, 5||p|10|a, 1, 0, 1; 3; duplicate region name 'a'",
        "a, lots||p|10|a, 1, 0, 1; 1; bad region size 'lots'",
        "a, 0||p|10|a, 1, 0, 1; 1; has size 0",
        "a||p|10|a, 1, 0, 1; 1; region line needs 'name, size[, data file]'",
        "a, 100, x, y||p|10|a, 1, 0, 1; 1; got 4 field(s)",
        "a, 100||p|10|zz, 1, 0, 1; 5; unknown region 'zz'",
        "a, 100||p|10|a, 2, 0, 1; 5; randomness must be 0 or 1",
        "a, 100||p|10|a, 0, 0, 1; 5; sequential pattern needs a positive stride",
        "a, 100||p|10|a, 0, 4x, 1; 5; bad stride '4x'",
        "a, 100||p|10|a, 1, 0, often; 5; bad probability 'often'",
        "a, 100||p|10|a, 1, 0, -1; 5; negative probability",
        "a, 100||p|10|a, 1, 0, 1, rx; 5; bad read/write mode 'rx'",
        "a, 100||p|10|a, 1, 0; 5; pattern line needs",
        "a, 100||p|10|a, 1, 0, 0; 5; every pattern has probability 0",
        "a, 100||p|10|a, 1, 0, 1||q|20; 8; phase 'q' has no access pattern lines",
        "a, 100||p|10|a, 1, 0, 1||q; 7; phase 'q' has no duration line",
        "a, 100||p|soon|a, 1, 0, 1; 4; bad phase duration 'soon'",
        "a, 100||p|0|a, 1, 0, 1; 4; bad phase duration '0'",
        "#x|a, 100; 2; no phase paragraph",
    })
    void errorsNameFileLineAndProblem(String text, int line, String problem) {
        String config = text.replace('|', '\n');
        assertThatThrownBy(() -> MasimConfig.parse(config, "w.cfg"))
                .isInstanceOf(MasimConfigException.class)
                .hasMessageStartingWith("w.cfg:" + line + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((MasimConfigException) e).line()).isEqualTo(line))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void emptyFileIsAnErrorNamingTheFile() {
        assertThatThrownBy(() -> MasimConfig.parse("# nothing\n\n", "e.cfg"))
                .isInstanceOf(MasimConfigException.class)
                .hasMessage("e.cfg: no regions paragraph (the file has no configuration lines)");
    }

    @Test
    void bundledWorkloadsParseAndHaveTheDocumentedShapes() {
        for (String name : SimWorkloads.names()) {
            assertThat(SimWorkloads.load(name).durationNs()).as(name).isPositive();
        }
        SimWorkload zigzag = SimWorkloads.load("zigzag");
        assertThat(zigzag.config().regions()).extracting(MasimConfig.Region::size)
                .containsExactly(100_000_000L, 100_000_000L);
        // 10 s initial phase + 6 pairs of 5 s phases
        assertThat(zigzag.durationNs()).isEqualTo(70_000_000_000L);
        SimWorkload stairs = SimWorkloads.load("stairs");
        assertThat(stairs.config().regions()).hasSize(10)
                .allSatisfy(r -> assertThat(r.size()).isEqualTo(10_000_000L));
        for (int k = 1; k <= 10; k++) {
            List<Pattern> ps = stairs.config().phases().get(k).patterns();
            assertThat(ps).singleElement().satisfies(p -> assertThat(p.region()).isEqualTo(ps.get(0).region()));
        }
        assertThat(stairs.durationNs()).isEqualTo(60_000_000_000L);
    }

    @Test
    void unknownWorkloadNameIsAOneLineError() {
        assertThatThrownBy(() -> SimWorkloads.load("/no/such/thing.cfg"))
                .isInstanceOf(MasimConfigException.class)
                .hasMessageStartingWith("/no/such/thing.cfg: no such file, and not a built-in workload")
                .hasMessageContaining("zigzag");
    }
}
