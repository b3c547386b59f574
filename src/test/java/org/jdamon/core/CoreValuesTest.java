package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value types and helpers of the core at their edges, with hand-computed values. */
class CoreValuesTest {
    @Test
    void addressRangesAreHalfOpenAndUnsigned() {
        AddressRange r = new AddressRange(10, 20);
        assertThat(r.size()).isEqualTo(10);
        assertThat(r.contains(10)).isTrue();
        assertThat(r.contains(19)).isTrue();
        assertThat(r.contains(20)).isFalse();
        assertThat(r.contains(9)).isFalse();
        assertThat(r.intersects(19, 30)).isTrue();
        assertThat(r.intersects(20, 30)).isFalse(); // touching is not intersecting
        assertThat(r.intersects(0, 10)).isFalse();
        assertThat(r.intersects(0, 11)).isTrue();
        assertThat(new AddressRange(7, 7).size()).isZero(); // empty is allowed, inverted is not
        assertThatThrownBy(() -> new AddressRange(8, 7)).hasMessage("range start 0x8 is above its end 0x7");
        AddressRange high = new AddressRange(0, Long.MIN_VALUE); // [0, 2^63): end above every signed long
        assertThat(high.contains(Long.MAX_VALUE)).isTrue();
        assertThat(high.contains(Long.MIN_VALUE)).isFalse();
        assertThat(r.toString()).isEqualTo("0xa-0x14");
    }

    @Test
    void targetsKeepWhatTheyAreGiven() {
        Target t = new Target(3, 4242, "proc", List.of(new AddressRange(0, 10)));
        assertThat(t.index()).isEqualTo(3);
        assertThat(t.pid()).isEqualTo(4242);
        assertThat(t.name()).isEqualTo("proc");
        assertThat(t.initialRanges()).containsExactly(new AddressRange(0, 10));
        assertThat((Object) t.opsState()).isNull();
        t.setOpsState("state");
        assertThat((String) t.opsState()).isEqualTo("state");
        assertThat(t.obsolete()).isFalse();
        t.markObsolete();
        assertThat(t.obsolete()).isTrue();
        assertThat(new Target(0, -1, "x", null).initialRanges()).isEmpty();
    }

    @Test
    void mulDivAndWeightedAverageBeyondSixtyFourBits() {
        assertThat(UnsignedMath.mulDiv(7, 3, 2)).isEqualTo(10);
        // 2^62 * 8 overflows 64 bits: (2^65) / 16 = 2^61
        assertThat(UnsignedMath.mulDiv(1L << 62, 8, 16)).isEqualTo(1L << 61);
        // 2^62 * 2 = 2^63 has no high half but does not fit a signed long: 2^63 / 4 = 2^61
        assertThat(UnsignedMath.mulDiv(1L << 62, 2, 4)).isEqualTo(1L << 61);
        assertThat(UnsignedMath.mulDiv(0, Long.MAX_VALUE, 3)).isZero();
        assertThat(UnsignedMath.weightedAverage(10, 100, 20, 200)).isEqualTo(16); // (1000 + 4000) / 300
        assertThat(UnsignedMath.weightedAverage(10, 0, 20, 0)).isZero();
        // 2^40 * 2^30 overflows: (2^70 + 0) / 2^31 = 2^39
        assertThat(UnsignedMath.weightedAverage(1L << 40, 1L << 30, 0, 1L << 30)).isEqualTo(1L << 39);
        assertThat(UnsignedMath.alignDown(4097, 4096)).isEqualTo(4096);
        assertThat(UnsignedMath.alignUp(4097, 4096)).isEqualTo(8192);
        assertThat(UnsignedMath.alignUp(8192, 4096)).isEqualTo(8192);
    }

    @Test
    void sizesFormatAndParseAtTheUnitBoundaries() {
        assertThat(Units.formatSize(1023)).isEqualTo("1023 B");
        assertThat(Units.formatSize(1024)).isEqualTo("1.000 KiB");
        assertThat(Units.formatSize((1L << 20) - 1)).isEqualTo("1023.999 KiB"); // 1048575 / 1024 = 1023.99902
        assertThat(Units.formatSize(1L << 20)).isEqualTo("1.000 MiB");
        assertThat(Units.formatSize(Long.MAX_VALUE)).isEqualTo("8.000 EiB");
        assertThat(Units.parseSize("0")).isZero();
        assertThat(Units.parseSize("1.5K")).isEqualTo(1536);
        assertThat(Units.parseSize("4kib")).isEqualTo(4096);
        assertThat(Units.parseSize("2b")).isEqualTo(2);
        assertThatThrownBy(() -> Units.parseSize("-1")).hasMessageContaining("invalid size '-1'");
        assertThatThrownBy(() -> Units.parseSize("-0.5")).hasMessageContaining("invalid size");
        assertThatThrownBy(() -> Units.parseSize("9e18k")).hasMessageContaining("invalid size");
    }

    @Test
    void durationsFormatAtTheUnitBoundaries() {
        assertThat(Units.formatDurationUs(999)).isEqualTo("999 us");
        assertThat(Units.formatDurationUs(1_000)).isEqualTo("1 ms");
        assertThat(Units.formatDurationUs(999_999)).isEqualTo("999.999 ms");
        assertThat(Units.formatDurationUs(1_000_000)).isEqualTo("1 s");
        assertThat(Units.formatDurationUs(59_999_000)).isEqualTo("59.999 s");
        assertThat(Units.formatDurationUs(60_000_000)).isEqualTo("1 m 0 s");
        assertThat(Units.formatDurationUs(123_000_000)).isEqualTo("2 m 3 s");
        assertThat(Units.parseDurationUs("5ms", 1)).isEqualTo(5_000);
        assertThat(Units.parseDurationUs("7", 1_000)).isEqualTo(7_000); // a bare number takes the given unit
    }

    @Test
    void theWallClockMovesForwardAndSleeps() throws Exception {
        WallClock c = new WallClock();
        long t0 = c.nowNs();
        c.sleepUs(2_000);
        assertThat(c.nowNs() - t0).isGreaterThanOrEqualTo(2_000_000L);
        // the epoch offset turns nanoTime into wall time, within a second of currentTimeMillis
        assertThat(Math.abs(c.nowNs() + c.epochOffsetNs() - System.currentTimeMillis() * 1_000_000L))
                .isLessThan(1_000_000_000L);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> c.sleepUs(1)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
