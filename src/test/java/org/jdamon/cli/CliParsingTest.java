package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Times since the record's start as the report filters take them; fuzzing found the overlong number. */
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
}
