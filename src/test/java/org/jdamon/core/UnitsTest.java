package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The one grammar and the output styles of {@link Units}, each value worked out by hand: binary units are
 * powers of 1024, ratios are exact decimals, damo's forms follow its {@code _damo_fmt_str} rules (strict
 * unit thresholds, Python's half-even {@code %.3f} on the exact binary value, truncating {@code %d}).
 */
class UnitsTest {
    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;

    // ---- parsing ----

    @Test
    void sizesInEveryBinaryUnit() {
        assertThat(Units.parseSize("0")).isZero();
        assertThat(Units.parseSize("1023")).isEqualTo(1023);
        assertThat(Units.parseSize("1K")).isEqualTo(1024);
        assertThat(Units.parseSize("1 KiB")).isEqualTo(1024);
        assertThat(Units.parseSize("1kb")).isEqualTo(1024);
        assertThat(Units.parseSize("2b")).isEqualTo(2);
        assertThat(Units.parseSize("100M")).isEqualTo(104_857_600);
        assertThat(Units.parseSize("1G")).isEqualTo(1_073_741_824);
        assertThat(Units.parseSize("2T")).isEqualTo(2_199_023_255_552L);
        assertThat(Units.parseSize("1P")).isEqualTo(1_125_899_906_842_624L);
        assertThat(Units.parseSize("0.5K")).isEqualTo(512);
        assertThat(Units.parseSize("0.0")).isZero();
        assertThat(Units.parseSize("1.0009765625K")).isEqualTo(1025); // 1 + 1/1024 KiB
        assertThat(Units.parseSize("1,048,576")).isEqualTo(MIB);
        assertThat(Units.parseSize("4_096")).isEqualTo(4096);
        assertThat(Units.parseSize(" min ")).isZero();
        assertThat(Units.parseSize("max")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void sizesAtTheEdgeOfALong() {
        assertThat(Units.parseSize("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        // 8191 x 2^50 = 2^63 - 2^50 fits; 8192 x 2^50 = 2^63 does not
        assertThat(Units.parseSize("8191P")).isEqualTo(9_222_246_136_947_933_184L);
        assertThatThrownBy(() -> Units.parseSize("8192P")).hasMessage(
                "invalid size '8192P' (expected e.g. 4096, 4K, 100M, 1G)");
        assertThatThrownBy(() -> Units.parseSize("9223372036854775808")).hasMessageContaining("invalid size");
        assertThatThrownBy(() -> Units.parseSize("8192.0P")).hasMessageContaining("invalid size '8192.0P'");
    }

    @Test
    void malformedSizesAreOneLineErrorsQuotingTheInput() {
        for (String bad : new String[] {"12Q", "-4K", "-0.5", "", "K", "1.2.3K", "NaN"}) {
            assertThatThrownBy(() -> Units.parseSize(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid size '" + bad + "'")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void durationsInMicroseconds() {
        assertThat(Units.parseDurationUs("0", 1)).isZero();
        assertThat(Units.parseDurationUs("100us", 1)).isEqualTo(100);
        assertThat(Units.parseDurationUs("5ms", 1)).isEqualTo(5_000);
        assertThat(Units.parseDurationUs("1.5s", 1)).isEqualTo(1_500_000);
        assertThat(Units.parseDurationUs("2m", 1)).isEqualTo(120_000_000);
        assertThat(Units.parseDurationUs("1h", 1)).isEqualTo(3_600_000_000L);
        assertThat(Units.parseDurationUs("1d", 1)).isEqualTo(86_400_000_000L);
        assertThat(Units.parseDurationUs("1 m 30 s", 1)).isEqualTo(90_000_000);
        assertThat(Units.parseDurationUs("1m30s", 1)).isEqualTo(90_000_000);
        assertThat(Units.parseDurationUs("1 m 30", 1_000_000)).as("a bare last term in the bare unit")
                .isEqualTo(90_000_000);
        assertThat(Units.parseDurationUs("30", 1_000_000)).isEqualTo(30_000_000);
        assertThat(Units.parseDurationUs("1,000", 1)).isEqualTo(1_000);
        assertThat(Units.parseDurationUs("5e3us", 1)).isEqualTo(5_000);
        assertThat(Units.parseDurationUs("MIN", 1)).isZero();
        assertThat(Units.parseDurationUs("max", 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void subMicrosecondDurationsRoundHalfUp() {
        assertThat(Units.parseDurationUs("499ns", 1)).isZero();
        assertThat(Units.parseDurationUs("500ns", 1)).isEqualTo(1);
        assertThat(Units.parseDurationUs("1500ns", 1)).isEqualTo(2);
        assertThat(Units.parseDurationUs("2500ns", 1)).isEqualTo(3);
    }

    @Test
    void durationsInNanoseconds() {
        assertThat(Units.parseDurationNs("123", 1)).isEqualTo(123);
        assertThat(Units.parseDurationNs("2", 1_000_000_000)).isEqualTo(2_000_000_000);
        assertThat(Units.parseDurationNs("5 ms", 1)).isEqualTo(5_000_000);
        assertThat(Units.parseDurationNs("1.500 s", 1)).isEqualTo(1_500_000_000);
        assertThat(Units.parseDurationNs("1 m 30 s 500 ms", 1)).isEqualTo(90_500_000_000L);
        assertThat(Units.parseDurationNs("1e3", 1)).isEqualTo(1_000);
        // 106,751 days = 9,223,286,400 s fit in a long of ns; 106,752 days (9,223,372,800 s) do not
        assertThat(Units.parseDurationNs("106751d", 1)).isEqualTo(9_223_286_400_000_000_000L);
        assertThatThrownBy(() -> Units.parseDurationNs("106752d", 1)).hasMessageContaining("invalid duration '106752d'");
        assertThatThrownBy(() -> Units.parseDurationUs("200000000d", 1)).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> Units.parseDurationNs("9223372036854775808", 1)).as("2^63 ns")
                .hasMessageContaining("invalid duration");
    }

    @Test
    void malformedDurationsAreOneLineErrorsQuotingTheInput() {
        for (String bad : new String[] {"ms", "5 parsecs", "", "-5ms", "5ms-", "1..5s", "s5", "5 m s"}) {
            assertThatThrownBy(() -> Units.parseDurationUs(bad, 1)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid duration '" + bad + "' (expected e.g. 5ms, 100ms, 1s, 2m, 1 m 30 s)");
        }
    }

    @Test
    void ratiosInTheFieldsUnit() {
        assertThat(Units.parseRatio("50%", 100)).isEqualTo(5_000);
        assertThat(Units.parseRatio("50 %", 10)).isEqualTo(500);
        assertThat(Units.parseRatio("12.5 %", 10)).isEqualTo(125);
        assertThat(Units.parseRatio("4%", 1)).isEqualTo(4);
        assertThat(Units.parseRatio("400 bp", 100)).isEqualTo(400);
        assertThat(Units.parseRatio("400bp", 10)).isEqualTo(40);
        assertThat(Units.parseRatio("400 bp", 1)).isEqualTo(4);
        assertThat(Units.parseRatio("500", 10)).as("bare: already permil").isEqualTo(500);
        assertThat(Units.parseRatio("1,000", 1)).isEqualTo(1_000);
        assertThat(Units.parseRatio("min", 100)).isZero();
        assertThat(Units.parseRatio("max", 100)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void ratiosRoundHalfUpToAWholeUnitAndStayInALong() {
        assertThat(Units.parseRatio("0.004%", 100)).isZero(); // 0.4 bp
        assertThat(Units.parseRatio("0.005%", 100)).isEqualTo(1); // 0.5 bp
        assertThat(Units.parseRatio("0.015%", 100)).isEqualTo(2); // 1.5 bp
        assertThat(Units.parseRatio("92233720368547758.07%", 100)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Units.parseRatio("92233720368547758.08%", 100))
                .hasMessage("invalid ratio '92233720368547758.08%' (expected e.g. 50%, 12.5 %, 400 bp, 500)");
    }

    @Test
    void malformedRatiosAreOneLineErrorsQuotingTheInput() {
        for (String bad : new String[] {"lots", "", "%", "50%%", "-5%", "5 %bp", "1e3", "1.2.3"}) {
            assertThatThrownBy(() -> Units.parseRatio(bad, 100)).as(bad)
                    .hasMessageStartingWith("invalid ratio '" + bad + "'").hasMessageNotContaining("\n");
        }
    }

    @Test
    void percentages() {
        assertThat(Units.parsePercent("50%")).isEqualTo(50.0);
        assertThat(Units.parsePercent("12.5 %")).isEqualTo(12.5);
        assertThat(Units.parsePercent("80")).as("bare: percent").isEqualTo(80.0);
        assertThat(Units.parsePercent("400 bp")).isEqualTo(4.0);
        assertThat(Units.parsePercent("min")).isZero();
        assertThat(Units.parsePercent("max")).isInfinite();
        assertThatThrownBy(() -> Units.parsePercent("lots"))
                .hasMessage("invalid percentage 'lots' (expected e.g. 50%, 12.5 %, 400 bp, 80)");
    }

    // ---- human, exact and compact styles ----

    /** The unit boundaries of the human styles are {@code CoreValuesTest}'s; these are the roundings. */
    @Test
    void humanSizesRoundHalfEven() {
        assertThat(Units.formatSize(0)).isEqualTo("0 B");
        assertThat(Units.formatSize(1088)).isEqualTo("1.062 KiB"); // 1.0625 exactly: half-even
        assertThat(Units.formatSize(1089)).isEqualTo("1.063 KiB"); // 1.0634765625
        assertThat(Units.formatSize(3L << 29)).isEqualTo("1.500 GiB");
        assertThat(Units.formatSize(-5)).isEqualTo("-5 B");
    }

    @Test
    void humanDurations() {
        assertThat(Units.formatDurationUs(0)).isEqualTo("0 us");
        assertThat(Units.formatDurationUs(1_500)).isEqualTo("1.5 ms");
        assertThat(Units.formatDurationUs(5_000)).isEqualTo("5 ms");
        assertThat(Units.formatDurationUs(1_500_000)).isEqualTo("1.5 s");
        assertThat(Units.formatDurationUs(125_000_000)).isEqualTo("2 m 5 s");
    }

    @Test
    void exactSizesUseTheLargestUnitThatDivides() {
        assertThat(Units.formatSizeExact(0)).isEqualTo("0 B");
        assertThat(Units.formatSizeExact(1023)).isEqualTo("1023 B");
        assertThat(Units.formatSizeExact(1536)).isEqualTo("1536 B");
        assertThat(Units.formatSizeExact(2048)).isEqualTo("2 KiB");
        assertThat(Units.formatSizeExact(128 * MIB)).isEqualTo("128 MiB");
        assertThat(Units.formatSizeExact(1L << 50)).isEqualTo("1 PiB");
        assertThat(Units.formatSizeExact(1L << 60)).as("PiB is the largest").isEqualTo("1024 PiB");
        assertThat(Units.formatSizeExact(Long.MAX_VALUE)).isEqualTo("max");
        assertThat(Units.parseSize(Units.formatSizeExact(1536 * MIB))).isEqualTo(1536 * MIB);
    }

    @Test
    void exactDurationsUseTheLargestUnitThatDivides() {
        assertThat(Units.formatDurationUsExact(0)).isEqualTo("0 us");
        assertThat(Units.formatDurationUsExact(1_500)).isEqualTo("1500 us");
        assertThat(Units.formatDurationUsExact(1_500_000)).isEqualTo("1500 ms");
        assertThat(Units.formatDurationUsExact(90_000_000)).isEqualTo("90 s");
        assertThat(Units.formatDurationUsExact(120_000_000)).isEqualTo("2 m");
        assertThat(Units.formatDurationUsExact(3_600_000_000L)).isEqualTo("1 h");
        assertThat(Units.formatDurationUsExact(7_200_000_001L)).isEqualTo("7200000001 us");
        assertThat(Units.formatDurationUsExact(Long.MAX_VALUE)).isEqualTo("max");
        assertThat(Units.parseDurationUs(Units.formatDurationUsExact(1_500_000), 1)).isEqualTo(1_500_000);
    }

    @Test
    void exactRatios() {
        assertThat(Units.formatRatioExact(501, 10)).isEqualTo("50.1 %");
        assertThat(Units.formatRatioExact(5_000, 100)).isEqualTo("50 %");
        assertThat(Units.formatRatioExact(1, 100)).isEqualTo("0.01 %");
        assertThat(Units.formatRatioExact(0, 10)).isEqualTo("0 %");
        assertThat(Units.formatRatioExact(Long.MAX_VALUE, 10)).isEqualTo("max");
        assertThat(Units.parseRatio(Units.formatRatioExact(1234, 100), 100)).isEqualTo(1234);
    }

    @Test
    void compactAxisLabels() {
        assertThat(Units.formatSizeCompact(1023)).isEqualTo("1023 B");
        assertThat(Units.formatSizeCompact(1024)).isEqualTo("1 KiB");
        assertThat(Units.formatSizeCompact(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.formatSizeCompact(1152)).isEqualTo("1.12 KiB"); // 1.125: half-even
        assertThat(Units.formatSizeCompact(64 * MIB)).isEqualTo("64 MiB");
        assertThat(Units.formatDurationNsCompact(0)).isEqualTo("0");
        assertThat(Units.formatDurationNsCompact(999)).isEqualTo("999 ns");
        assertThat(Units.formatDurationNsCompact(1_000)).isEqualTo("1 us");
        assertThat(Units.formatDurationNsCompact(1_500)).isEqualTo("1.5 us");
        assertThat(Units.formatDurationNsCompact(250e6)).isEqualTo("250 ms");
        assertThat(Units.formatDurationNsCompact(1.5e9)).isEqualTo("1.5 s");
        assertThat(Units.formatDurationNsCompact(90e9)).isEqualTo("1.5 m");
        assertThat(Units.formatDurationNsCompact(7_200e9)).isEqualTo("2 h");
        assertThat(Units.formatDurationNsCompact(-1.5e9)).isEqualTo("-1.5 s");
    }

    // ---- damo's style ----

    @Test
    void damoCountsGroupThousands() {
        assertThat(Units.damoCount(0, false)).isEqualTo("0");
        assertThat(Units.damoCount(999, false)).isEqualTo("999");
        assertThat(Units.damoCount(1000, false)).isEqualTo("1,000");
        assertThat(Units.damoCount(999_999, false)).isEqualTo("999,999");
        assertThat(Units.damoCount(1_000_000, false)).isEqualTo("1,000,000");
        assertThat(Units.damoCount(-1_234_567, false)).isEqualTo("-1,234,567");
        assertThat(Units.damoCount(Long.MIN_VALUE, false)).isEqualTo("-9,223,372,036,854,775,808");
        assertThat(Units.damoCount(1_234_567, true)).isEqualTo("1234567");
        assertThat(Units.damoCount(-1_234_567.9, false)).as("truncated").isEqualTo("-1,234,567");
        assertThat(Units.damoCount(1e19, true)).isEqualTo("10000000000000000000");
        assertThat(Units.damoCountUnsigned(-1, false)).isEqualTo("18,446,744,073,709,551,615");
        assertThat(Units.damoCountUnsigned(-1, true)).isEqualTo("18446744073709551615");
    }

    @Test
    void damoSizesUseStrictThresholdsAndHalfEvenRounding() {
        assertThat(Units.damoSize(1023, false)).isEqualTo("1023 B");
        assertThat(Units.damoSize(1024, false)).isEqualTo("1024 B"); // not above 1 KiB
        assertThat(Units.damoSize(1025, false)).isEqualTo("1.001 KiB"); // 1.0009765625
        assertThat(Units.damoSize(MIB, false)).isEqualTo("1024.000 KiB");
        assertThat(Units.damoSize(1088, false)).isEqualTo("1.062 KiB"); // 1.0625 exactly: half-even
        assertThat(Units.damoSize(1096, false)).isEqualTo("1.070 KiB"); // 1.0703125
        assertThat(Units.damoSize(3L << 40, false)).isEqualTo("3.000 TiB");
        assertThat(Units.damoSize(0x1p71, false)).as("EiB is the largest").isEqualTo("2048.000 EiB");
        assertThat(Units.damoSize(-1L, false)).as("2^64-1").isEqualTo("max");
        assertThat(Units.damoSize(-1L, true)).isEqualTo("18446744073709551615");
        assertThat(Units.damoSize(1536.9, true)).isEqualTo("1536");
        assertThat(Units.damoSize(1536.9, false)).isEqualTo("1.501 KiB"); // 1.50087890625
        assertThat(Units.damoSizeAccurate(1, false)).isEqualTo("1 B");
        assertThat(Units.damoSizeAccurate(1536, false)).isEqualTo("1.500000 KiB");
        assertThat(Units.damoSizeAccurate(1025, false)).isEqualTo("1.000977 KiB"); // 1.0009765625
        assertThat(Units.damoSizeAccurate(-1L, false)).isEqualTo("max");
        assertThat(Units.damoSizeAccurate(-1L, true)).isEqualTo("18446744073709551615");
    }

    @Test
    void damoTimesCompound() {
        assertThat(Units.damoDurationNs(0, false)).isEqualTo("0 ns");
        assertThat(Units.damoDurationNs(999, false)).isEqualTo("999 ns");
        assertThat(Units.damoDurationNs(1_000, false)).isEqualTo("1 us");
        assertThat(Units.damoDurationNs(1_500, false)).isEqualTo("1.500 us");
        assertThat(Units.damoDurationNs(5_000_000, false)).isEqualTo("5 ms");
        assertThat(Units.damoDurationNs(1_500_000_000, false)).isEqualTo("1.500 s");
        assertThat(Units.damoDurationNs(60e9, false)).isEqualTo("1 m");
        assertThat(Units.damoDurationNs(91e9, false)).isEqualTo("1 m 31 s");
        assertThat(Units.damoDurationNs(91.4e9, false)).isEqualTo("1 m 31.400 s");
        assertThat(Units.damoDurationNs(3_600e9, false)).isEqualTo("1 h");
        assertThat(Units.damoDurationNs(3_720e9, false)).isEqualTo("1 h 2 m");
        assertThat(Units.damoDurationNs(3_661e9, false)).isEqualTo("1 h 1 m 1 s");
        assertThat(Units.damoDurationNs(-5_000_000, false)).isEqualTo("-5 ms");
        assertThat(Units.damoDurationNs(1.5e9, true)).isEqualTo("1500000000");
        assertThat(Units.damoDurationNs(2e19, false)).isEqualTo("max");
        assertThat(Units.damoDurationNs(0x1p64, false)).as("2^64-1 as a double").isEqualTo("max");
        assertThat(Units.damoDurationUs(100_000.0, false)).isEqualTo("100 ms");
        assertThat(Units.damoDurationUs(100_000.7, true)).isEqualTo("100000");
        assertThat(Units.damoDurationUs(5_000L, false)).isEqualTo("5 ms");
        assertThat(Units.damoDurationUs(1_500L, false)).isEqualTo("1.500 ms");
        assertThat(Units.damoDurationUs(90_000_000L, false)).isEqualTo("1 m 30 s");
        // 1,000,000,001 us = 16 m 40.000001 s: not whole seconds, three decimals
        assertThat(Units.damoDurationUs(1_000_000_001L, false)).isEqualTo("16 m 40.000 s");
        assertThat(Units.damoDurationUs(-1L, false)).isEqualTo("max");
        assertThat(Units.damoDurationUs(-1L, true)).isEqualTo("18446744073709551615");
    }

    @Test
    void damoExactTimesNameEveryUnit() {
        assertThat(Units.damoDurationUsExact(0, false)).isEqualTo("0 ns");
        assertThat(Units.damoDurationUsExact(90_500_000, false)).isEqualTo("1 m 30 s 500 ms");
        assertThat(Units.damoDurationUsExact(86_400_000_001L, false)).isEqualTo("1 d 1 us");
        // 10^12 us = 10^6 s = 11 d (950,400 s) 13 h (46,800 s) 46 m (2,760 s) 40 s
        assertThat(Units.damoDurationUsExact(1_000_000_000_000L, false)).isEqualTo("11 d 13 h 46 m 40 s");
        assertThat(Units.damoDurationUsExact(86_400_000_000_000L, false)).isEqualTo("1,000 d");
        // 10^16 us = 10^19 ns, past a signed long: 10^10 s = 115,740 d 17 h 46 m 40 s
        assertThat(Units.damoDurationUsExact(10_000_000_000_000_000L, false)).isEqualTo("115,740 d 17 h 46 m 40 s");
        assertThat(Units.damoDurationUsExact(1, true)).isEqualTo("1000");
        assertThat(Units.damoDurationUsExact(-1L, true)).isEqualTo("18446744073709551615000");
        assertThat(Units.damoDurationUsExact(-1L, false)).isEqualTo("max");
        assertThat(Units.damoDurationMsExact(90_500, false)).isEqualTo("1 m 30 s 500 ms");
        assertThat(Units.damoDurationMsExact(1_000, true)).isEqualTo("1000000000");
        assertThat(Units.damoDurationMsExact(-1L, false)).isEqualTo("max");
    }

    @Test
    void damoRatiosAndFrequencies() {
        assertThat(Units.damoBp(0, false)).isEqualTo("0 %");
        assertThat(Units.damoBp(30, false)).isEqualTo("0.3 %");
        assertThat(Units.damoBp(400, false)).isEqualTo("4 %");
        assertThat(Units.damoBp(1234, false)).isEqualTo("12.34 %");
        assertThat(Units.damoBp(10_000, false)).isEqualTo("100 %");
        assertThat(Units.damoBp(123_456, false)).isEqualTo("1,234.56 %");
        assertThat(Units.damoBp(400, true)).isEqualTo("400.000000");
        assertThat(Units.damoPermil(1, false)).isEqualTo("0.1 %");
        assertThat(Units.damoPermil(500, false)).isEqualTo("50 %");
        assertThat(Units.damoPermil(1, true)).isEqualTo("1.000000");
        assertThat(Units.damoRatio(0.5, false)).isEqualTo("50 %");
        assertThat(Units.damoRatio(0.5, true)).isEqualTo("0.500000");
        assertThat(Units.damoHz(0, false, true)).isEqualTo("0 hz");
        assertThat(Units.damoHz(2.5, false, false)).isEqualTo("2.500");
        assertThat(Units.damoHz(9.9995, false, false)).isEqualTo("9.999"); // 9.99949999... in binary
        assertThat(Units.damoHz(10, false, true)).isEqualTo("10 hz");
        assertThat(Units.damoHz(12_345.6, false, true)).isEqualTo("12,345 hz");
        assertThat(Units.damoHz(0.25, true, true)).isEqualTo("0.250000");
    }

    @Test
    void pythonRoundingAndTruncation() {
        assertThat(Units.fixed(1.0625, 3)).isEqualTo("1.062");
        assertThat(Units.fixed(2.5, 0)).isEqualTo("2");
        assertThat(Units.fixed(3.5, 0)).isEqualTo("4");
        assertThat(Units.truncated(-2.7)).isEqualTo("-2");
        assertThat(Units.truncated(2.7)).isEqualTo("2");
        assertThat(Units.truncated(1e19)).isEqualTo("10000000000000000000");
        assertThat(UnsignedMath.toDouble(5)).isEqualTo(5.0);
        assertThat(UnsignedMath.toDouble(Long.MIN_VALUE)).isEqualTo(0x1p63);
        assertThat(UnsignedMath.toDouble(-1L)).isEqualTo(0x1p64);
        assertThat(UnsignedMath.toDouble(-3L)).as("2^64 - 3 rounds to 2^64").isEqualTo(0x1p64);
    }
}
