package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code -r/--regions} refuses what {@code damon_set_regions} refuses, with one line and exit 2. */
class RegionsOptionTest {
    @Test
    void overlappingRangesAreAUsageError() {
        CliRunner r = CliRunner.run("record", "paddr", "-r", "0x1000-0x3000", "0x2000-0x4000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--regions: ranges 0x1000-0x3000 and 0x2000-0x4000 are unsorted or overlap "
                + "(give them sorted and disjoint)");
    }

    @Test
    void unsortedRangesAreAUsageError() {
        CliRunner r = CliRunner.run("args", "damon", "paddr", "-r", "0x5000-0x6000", "0x1000-0x2000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("ranges 0x5000-0x6000 and 0x1000-0x2000 are unsorted or overlap");
    }

    @Test
    void rangesThatShareAPageOnceAlignedAreAUsageError() {
        // [0x10, 0x20) and [0x20, 0x30) both become [0, 0x1000) at the 4 KiB minimum region size
        CliRunner r = CliRunner.run("record", "paddr", "-r", "0x10-0x20", "0x20-0x30");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ranges 0x10-0x20 and 0x20-0x30 overlap once aligned to 4096 bytes");
    }

    @Test
    void anEmptyRangeIsAUsageError() {
        CliRunner r = CliRunner.run("record", "paddr", "-r", "0x1000-0x1000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("range 0x1000-0x1000 is empty");
    }
}
