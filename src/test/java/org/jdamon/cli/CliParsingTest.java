package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's adapter to the units grammar: values with hand-worked results, errors naming the
 * option; times since the record's start as the report filters take them (fuzzing found the overlong number).
 */
class CliParsingTest {
    @Test
    void bareNumbersAreNanosecondsAndUnitsAreDurations() {
        assertThat(CliParsing.timeNs("1500")).isEqualTo(1500L);
        assertThat(CliParsing.timeNs("2s")).isEqualTo(2_000_000_000L);
        assertThat(CliParsing.timeNs(" 500ms ")).isEqualTo(500_000_000L);
    }

    @Test
    void aNumberPastTheRangeIsAUsageErrorQuotingIt() {
        String huge = "666666666666666666666666666666666";
        assertThatThrownBy(() -> CliParsing.timeNs(huge))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(huge)
                .satisfies(e -> assertThat(Errors.exitCode(e)).isEqualTo(Errors.USAGE));
        assertThatThrownBy(() -> CliParsing.timeNs("9223372036854775808"))
                .isInstanceOf(UserException.class);
    }

    @Test
    void optionValuesInTheUnitsGrammar() {
        assertThat(CliParsing.size("--sz_region", "4K")).isEqualTo(4_096);
        assertThat(CliParsing.durationUs("--age", "2", 1_000_000)).as("bare seconds").isEqualTo(2_000_000);
        assertThat(CliParsing.durationUs("--sample", "5ms", 1)).isEqualTo(5_000);
        assertThat(CliParsing.ratio("--monitoring_intervals_goal", "4%", 100)).isEqualTo(400);
        assertThat(CliParsing.ratio("--monitoring_intervals_goal", "400", 100)).isEqualTo(400);
        assertThat(CliParsing.percent("--access_rate", "50%")).isEqualTo(50.0);
        assertThat(CliParsing.timeNs("1500")).as("bare ns").isEqualTo(1_500);
        assertThat(CliParsing.timeNs("1.5s")).isEqualTo(1_500_000_000);
        assertThat(CliParsing.durationNs("--duration", "30")).as("bare seconds").isEqualTo(30_000_000_000L);
        assertThat(CliParsing.durationNs("--duration", null)).isZero();
        assertThat(CliParsing.address("0x1000")).isEqualTo(4_096);
        assertThat(CliParsing.address("1G")).isEqualTo(1L << 30);
        assertThat(CliParsing.address("0xffffffffffffffff")).isEqualTo(-1L);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertThatThrownBy(() -> CliParsing.size("--sz_region", "lots")).isInstanceOf(UserException.class)
                .hasMessage("--sz_region: invalid size 'lots' (expected e.g. 4096, 4K, 100M, 1G)");
        assertThatThrownBy(() -> CliParsing.percent("--access_rate", "-5%"))
                .hasMessage("--access_rate: invalid percentage '-5%' (expected e.g. 50%, 12.5 %, 400 bp, 80)");
        assertThatThrownBy(() -> CliParsing.durationUs("--aggr", "5 parsecs", 1))
                .hasMessageStartingWith("--aggr: invalid duration '5 parsecs'");
        assertThatThrownBy(() -> CliParsing.address("0x1g")).hasMessageStartingWith("invalid address '0x1g'");
        assertThatThrownBy(() -> CliParsing.timeNs("soon")).hasMessageStartingWith("invalid time 'soon'");
        assertThat(Errors.exitCode(new UserException("x", true))).isEqualTo(Errors.USAGE);
    }

    @Test
    void convertersOfTypedOptions() {
        assertThat(new CliParsing.SizeConverter().convert("100M")).isEqualTo(104_857_600L);
        assertThat(new CliParsing.DurationUsConverter().convert("1s")).isEqualTo(1_000_000L);
        assertThat(new CliParsing.DurationUsConverter().convert("250")).as("bare us").isEqualTo(250L);
        assertThatThrownBy(() -> new CliParsing.SizeConverter().convert("4Q")).isInstanceOf(TypeConversionException.class)
                .hasMessage("invalid size '4Q' (expected e.g. 4096, 4K, 100M, 1G)");
    }

    @Test
    void aTypedOptionRejectsABadValueBeforeTheCommandRuns() {
        CliRunner r = CliRunner.run("report", "wss", "-i", "no-such-record", "--sz_thres", "4Q");
        assertThat(r.exitCode()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).contains("--sz_thres").contains("invalid size '4Q'").doesNotContain("no-such-record");
        CliRunner ok = CliRunner.run("eval", "--cold-age", "soon");
        assertThat(ok.exitCode()).isEqualTo(Errors.USAGE);
        assertThat(ok.err()).contains("--cold-age").contains("invalid duration 'soon'");
    }
}
