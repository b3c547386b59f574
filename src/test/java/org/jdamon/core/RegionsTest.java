package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parallel-array region list: every field moves with its region, and lookups by address. */
class RegionsTest {
    private static Regions withCounters(long... bounds) {
        Regions r = new Regions(1);
        for (int i = 0; i < bounds.length; i += 2) {
            int k = i / 2;
            r.add(bounds[i], bounds[i + 1]);
            r.setSamplingAddr(k, bounds[i] + 1);
            r.setNrAccesses(k, 10 + k);
            r.setNrAccessesBp(k, 100 + k);
            r.setLastNrAccesses(k, 20 + k);
            r.setAge(k, 30 + k);
        }
        return r;
    }

    private static String fields(Regions r, int i) {
        return "%d-%d s%d n%d b%d l%d a%d".formatted(r.start(i), r.end(i), r.samplingAddr(i), r.nrAccesses(i),
                r.nrAccessesBp(i), r.lastNrAccesses(i), r.age(i));
    }

    @Test
    void growingPastTheCapacityKeepsEveryField() {
        Regions r = withCounters(0, 10, 10, 20, 20, 30, 30, 40, 40, 50, 50, 60);
        assertThat(r.size()).isEqualTo(6);
        assertThat(fields(r, 0)).isEqualTo("0-10 s1 n10 b100 l20 a30");
        assertThat(fields(r, 5)).isEqualTo("50-60 s51 n15 b105 l25 a35");
        assertThat(r.totalBytes()).isEqualTo(60);
    }

    @Test
    void insertShiftsTheTailWithItsCountersAndStartsFromZero() {
        Regions r = withCounters(0, 10, 20, 30, 30, 40);
        r.insert(1, 10, 20);
        assertThat(r.size()).isEqualTo(4);
        assertThat(fields(r, 1)).isEqualTo("10-20 s10 n0 b0 l0 a0");
        assertThat(fields(r, 2)).isEqualTo("20-30 s21 n11 b101 l21 a31");
        assertThat(fields(r, 3)).isEqualTo("30-40 s31 n12 b102 l22 a32");
    }

    @Test
    void removeClosesTheGapWithTheCountersOfTheNext() {
        Regions r = withCounters(0, 10, 10, 20, 20, 30);
        r.remove(1);
        assertThat(r.size()).isEqualTo(2);
        assertThat(fields(r, 1)).isEqualTo("20-30 s21 n12 b102 l22 a32");
        r.remove(1);
        assertThat(r.size()).isEqualTo(1);
        assertThat(fields(r, 0)).isEqualTo("0-10 s1 n10 b100 l20 a30");
    }

    @Test
    void splitAtCopiesTheCountersToTheRightPiece() {
        Regions r = withCounters(0, 100, 100, 200);
        r.splitAt(0, 25);
        assertThat(r.size()).isEqualTo(3);
        assertThat(fields(r, 0)).isEqualTo("0-25 s1 n10 b100 l20 a30");
        assertThat(fields(r, 1)).isEqualTo("25-100 s25 n10 b100 l20 a30");
        assertThat(fields(r, 2)).isEqualTo("100-200 s101 n11 b101 l21 a31");
    }

    @Test
    void indexOfFindsTheContainingRegionOrTheInsertionPoint() {
        Regions r = withCounters(10, 20, 20, 30, 40, 50);
        assertThat(r.indexOf(10)).isEqualTo(0);
        assertThat(r.indexOf(19)).isEqualTo(0);
        assertThat(r.indexOf(20)).isEqualTo(1);
        assertThat(r.indexOf(49)).isEqualTo(2);
        assertThat(r.indexOf(5)).isEqualTo(-1); // before region 0
        assertThat(r.indexOf(35)).isEqualTo(-3); // in the hole, before region 2
        assertThat(r.indexOf(50)).isEqualTo(-4); // past the end
        assertThat(new Regions().indexOf(0)).isEqualTo(-1);
        // unsigned: an address above 2^63 sorts after every small one
        Regions high = withCounters(0, 10, Long.MIN_VALUE, Long.MIN_VALUE + 10);
        assertThat(high.indexOf(Long.MIN_VALUE + 5)).isEqualTo(1);
    }

    @Test
    void swapAndCopyMoveWholeRegions() {
        Regions a = withCounters(0, 10, 10, 20);
        Regions b = new Regions();
        b.appendCopy(a, 1, 12, 18);
        assertThat(fields(b, 0)).isEqualTo("12-18 s11 n11 b101 l21 a31");
        a.swapContents(b);
        assertThat(a.size()).isEqualTo(1);
        assertThat(b.size()).isEqualTo(2);
        assertThat(fields(a, 0)).isEqualTo("12-18 s11 n11 b101 l21 a31");
        b.moveTo(1, 0);
        assertThat(fields(b, 0)).isEqualTo("10-20 s11 n11 b101 l21 a31");
        b.truncate(1);
        assertThat(b.size()).isEqualTo(1);
        b.clear();
        assertThat(b.size()).isZero();
        assertThat(b.totalBytes()).isZero();
    }

    @Test
    void toStringShowsBoundsAccessesAndAge() {
        assertThat(withCounters(0, 0x10, 0x10, 0x20).toString()).isEqualTo("Regions[0-10:10/30, 10-20:11/31]");
    }
}
