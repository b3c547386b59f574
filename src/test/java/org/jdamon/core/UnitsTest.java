package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizes() {
        assertThat(Units.parseSize("4096")).isEqualTo(4096);
        assertThat(Units.parseSize("4K")).isEqualTo(4096);
        assertThat(Units.parseSize("100M")).isEqualTo(100L << 20);
        assertThat(Units.parseSize("1 GiB")).isEqualTo(1L << 30);
        assertThat(Units.parseSize("2T")).isEqualTo(2L << 40);
        assertThat(Units.parseSize("1.5K")).isEqualTo(1536);
        assertThat(Units.parseSize("1,048,576")).isEqualTo(1 << 20);
        assertThat(Units.parseSize("min")).isZero();
        assertThat(Units.parseSize("max")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Units.parseSize("12Q")).hasMessageContaining("invalid size '12Q'");
        assertThatThrownBy(() -> Units.parseSize("-4K")).hasMessageContaining("invalid size");
    }

    @Test
    void durations() {
        assertThat(Units.parseDurationUs("5ms", 1)).isEqualTo(5_000);
        assertThat(Units.parseDurationUs("1s", 1)).isEqualTo(1_000_000);
        assertThat(Units.parseDurationUs("2m", 1)).isEqualTo(120_000_000);
        assertThat(Units.parseDurationUs("100us", 1)).isEqualTo(100);
        assertThat(Units.parseDurationUs("1500ns", 1)).isEqualTo(2);
        assertThat(Units.parseDurationUs("30", 1_000_000)).isEqualTo(30_000_000);
        assertThat(Units.parseDurationUs("1 m 30 s", 1)).isEqualTo(90_000_000);
        assertThat(Units.parseDurationUs("1,000", 1)).isEqualTo(1_000);
        assertThatThrownBy(() -> Units.parseDurationUs("ms", 1)).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> Units.parseDurationUs("5 parsecs", 1)).hasMessageContaining("invalid duration");
    }

    @Test
    void formatting() {
        assertThat(Units.formatSize(512)).isEqualTo("512 B");
        assertThat(Units.formatSize(4096)).isEqualTo("4.000 KiB");
        assertThat(Units.formatSize(3L << 29)).isEqualTo("1.500 GiB");
        assertThat(Units.formatDurationUs(5_000)).isEqualTo("5 ms");
        assertThat(Units.formatDurationUs(1_500_000)).isEqualTo("1.5 s");
        assertThat(Units.formatDurationUs(125_000_000)).isEqualTo("2 m 5 s");
    }
}
