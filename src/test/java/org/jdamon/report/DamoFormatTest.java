package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** damo's number formats ({@code _damo_fmt_str}), values worked out from its rules. */
class DamoFormatTest {
    @Test
    void sizesUseStrictThresholdsAndHalfEvenRounding() {
        assertThat(DamoFormat.size(1023, false)).isEqualTo("1023 B");
        assertThat(DamoFormat.size(1024, false)).isEqualTo("1024 B"); // not > 1 KiB
        assertThat(DamoFormat.size(1025, false)).isEqualTo("1.001 KiB");
        assertThat(DamoFormat.size(1L << 20, false)).isEqualTo("1024.000 KiB");
        assertThat(DamoFormat.size(1088, false)).isEqualTo("1.062 KiB"); // 1.0625 exactly: half-even
        assertThat(DamoFormat.size(1096, false)).isEqualTo("1.070 KiB"); // 1.0703125 -> 1.070
        assertThat(DamoFormat.size(-1L, false)).isEqualTo("max");
        assertThat(DamoFormat.size(-1L, true)).isEqualTo("18446744073709551615");
        assertThat(DamoFormat.size(1536.9, true)).isEqualTo("1536");
        assertThat(DamoFormat.size(3L << 40, false)).isEqualTo("3.000 TiB");
    }

    @Test
    void countsGroupThousands() {
        assertThat(DamoFormat.nr(0, false)).isEqualTo("0");
        assertThat(DamoFormat.nr(999, false)).isEqualTo("999");
        assertThat(DamoFormat.nr(1000, false)).isEqualTo("1,000");
        assertThat(DamoFormat.nr(-1234567, false)).isEqualTo("-1,234,567");
        assertThat(DamoFormat.nr(-1234567.9, false)).isEqualTo("-1,234,567");
        assertThat(DamoFormat.nr(1234567, true)).isEqualTo("1234567");
    }

    @Test
    void timesCompoundLikeDamo() {
        assertThat(DamoFormat.timeNs(0, false)).isEqualTo("0 ns");
        assertThat(DamoFormat.timeNs(999, false)).isEqualTo("999 ns");
        assertThat(DamoFormat.timeNs(5_000_000, false)).isEqualTo("5 ms");
        assertThat(DamoFormat.timeNs(1_500_000_000, false)).isEqualTo("1.500 s");
        assertThat(DamoFormat.timeNs(60e9, false)).isEqualTo("1 m");
        assertThat(DamoFormat.timeNs(91e9, false)).isEqualTo("1 m 31 s");
        assertThat(DamoFormat.timeNs(91.4e9, false)).isEqualTo("1 m 31.400 s");
        assertThat(DamoFormat.timeNs(3600e9 + 120e9, false)).isEqualTo("1 h 2 m");
        assertThat(DamoFormat.timeNs(-5_000_000, false)).isEqualTo("-5 ms");
        assertThat(DamoFormat.timeUs(100_000, false)).isEqualTo("100 ms");
        assertThat(DamoFormat.timeUs(100_000, true)).isEqualTo("100000");
    }

    @Test
    void frequenciesAndRatios() {
        assertThat(DamoFormat.hz(200, false, true)).isEqualTo("200 hz");
        assertThat(DamoFormat.hz(0, false, true)).isEqualTo("0 hz");
        assertThat(DamoFormat.hz(2.5, false, false)).isEqualTo("2.500");
        assertThat(DamoFormat.hz(12345.6, false, true)).isEqualTo("12,345 hz");
        assertThat(DamoFormat.bp(400, false)).isEqualTo("4 %");
        assertThat(DamoFormat.bp(30, false)).isEqualTo("0.3 %");
    }
}
