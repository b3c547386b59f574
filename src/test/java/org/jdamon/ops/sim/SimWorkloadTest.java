package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.jdamon.truth.TruthWindow;
import org.junit.jupiter.api.Test;

class SimWorkloadTest {
    private static final long PAGE = 4096;
    private static final long MS = 1_000_000;

    private static SimWorkload workload(String text, long accessesPerMs) {
        return SimWorkload.of("t", MasimConfig.parse(text, "t")).withAccessesPerMs(accessesPerMs);
    }

    private static long page(SimWorkload w, int region, long index) {
        return w.layout().regionStart(region) + index * PAGE;
    }

    @Test
    void randomPageIsAccessedWithThePoissonProbability() {
        // 1 GiB = 262,144 pages; 25,000 accesses/ms for 5 ms = 125,000 accesses, lambda = 0.476837 per page,
        // P(accessed) = 1 - exp(-0.476837) = 0.379230
        SimWorkload w = workload("r, 1G\n\np\n1000\nr, 1, 0, 1\n", 25_000);
        SplittableRandom addrs = new SplittableRandom(7);
        SplittableRandom draws = new SplittableRandom(8);
        int n = 40_000;
        int hits = 0;
        long start = w.layout().regionStart(0);
        for (int i = 0; i < n; i++) {
            long addr = start + addrs.nextLong(1L << 30);
            long t0 = addrs.nextLong(900 * MS);
            if (w.accessed(addr, t0, t0 + 5 * MS, draws)) {
                hits++;
            }
        }
        // binomial sd = sqrt(0.379 * 0.621 / 40000) = 0.0024; allow 4 sd
        assertThat(hits / (double) n).isCloseTo(0.379230, within(0.0097));
    }

    @Test
    void sequentialWalkIsExactAndContinuesFromWhereItStopped() {
        // 100 pages, stride one page, 1 access per us: the j-th access (at j us) hits page j mod 100
        SimWorkload w = workload("s, 400K\n\np\n1000\ns, 0, 4096, 1\n", 1_000);
        long us = 1_000;
        SplittableRandom unused = new SplittableRandom(1);
        // [0.5 us, 10.5 us): accesses 1..10 -> pages 1..10
        for (int p = 0; p < 100; p++) {
            boolean expected = p >= 1 && p <= 10;
            assertThat(w.accessed(page(w, 0, p) + 123, us / 2, 10 * us + us / 2, unused)).as("page %d", p).isEqualTo(expected);
        }
        // [95.5 us, 105.5 us): accesses 96..105 -> pages 96..99 then, after the wrap, 0..5
        for (int p = 0; p < 100; p++) {
            boolean expected = p >= 96 || p <= 5;
            assertThat(w.accessed(page(w, 0, p), 95 * us + us / 2, 105 * us + us / 2, unused)).as("page %d", p).isEqualTo(expected);
        }
        // a window longer than one pass touches every page
        assertThat(w.accessed(page(w, 0, 50), 0, 150 * us, unused)).isTrue();
        // expected accesses to pages 0..9 over [0.5 us, 210.5 us): accesses 1..210 hit pages 1..9 three
        // times (j, j+100, j+200) and page 0 twice (100, 200)
        assertThat(w.expectedAccesses(page(w, 0, 0), page(w, 0, 10), us / 2, 210 * us + us / 2)).isEqualTo(29.0);
    }

    @Test
    void strideLargerThanAPageSkipsPages() {
        // 100 pages, stride two pages: period 50, the j-th access hits page 2 * (j mod 50)
        SimWorkload w = workload("s, 400K\n\np\n1000\ns, 0, 8K, 1\n", 1_000);
        SplittableRandom rng = new SplittableRandom(1);
        long us = 1_000;
        // accesses 1..5 -> pages 2, 4, 6, 8, 10
        for (int p = 0; p < 100; p++) {
            boolean expected = p % 2 == 0 && p >= 2 && p <= 10;
            assertThat(w.accessed(page(w, 0, p), us / 2, 5 * us + us / 2, rng)).as("page %d", p).isEqualTo(expected);
        }
        // a full pass still never touches odd pages
        assertThat(w.accessed(page(w, 0, 7), 0, 500 * us, rng)).isFalse();
    }

    @Test
    void windowsSpanningPhaseBoundariesSeeBothPhases() {
        // phase 1 (1 ms): walk a; phase 2 (1 ms): walk b; 1 access/us each
        SimWorkload w = workload("a, 4M\nb, 4M\n\none\n1\na, 0, 4096, 1\n\ntwo\n1\nb, 0, 4096, 1\n", 1_000);
        SplittableRandom rng = new SplittableRandom(1);
        long us = 1_000;
        // [990.5 us, 1005.5 us): a's accesses 991..1000 (the j-th falls at j us, the 1000th at the phase
        // end, pages 991..1000), then b's accesses 1..5 (pages 1..5)
        assertThat(w.accessed(page(w, 0, 995), 990 * us + us / 2, 1005 * us + us / 2, rng)).isTrue();
        assertThat(w.accessed(page(w, 0, 3), 990 * us + us / 2, 1005 * us + us / 2, rng)).isFalse();
        assertThat(w.accessed(page(w, 1, 3), 990 * us + us / 2, 1005 * us + us / 2, rng)).isTrue();
        assertThat(w.accessed(page(w, 1, 6), 990 * us + us / 2, 1005 * us + us / 2, rng)).isFalse();
        assertThat(w.expectedAccesses(w.layout().regionStart(0), w.layout().regionMappingEnd(1),
                990 * us + us / 2, 1005 * us + us / 2)).isEqualTo(10 + 5);
        assertThat(w.durationNs()).isEqualTo(2 * MS);
        assertThat(w.phaseAt(MS - 1)).isZero();
        assertThat(w.phaseAt(MS)).isEqualTo(1);
        assertThat(w.phaseAt(2 * MS)).isEqualTo(-1);
    }

    @Test
    void aSixtyFourTebibyteWorkloadIsAnsweredWithoutPerPageState() {
        SimWorkload w = workload("huge, 64T\nsmall, 1M\n\np\n10000\nhuge, 0, 4096, 1\nsmall, 1, 0, 1\n", 25_000);
        long start = w.layout().regionStart(0);
        SplittableRandom rng = new SplittableRandom(3);
        // the walk's 12,500 accesses in [0.5 ms, 1.5 ms) ... huge gets half of 25/us: 12.5/us
        // accesses 6..18 in [0.5 us, 1.5 us) -> pages 6..18 only
        assertThat(w.accessed(start + 10 * PAGE, 500, 1_500, rng)).isTrue();
        assertThat(w.accessed(start + 30 * PAGE, 500, 1_500, rng)).isFalse();
        // the far end of the 64 TiB region is never reached in 10 s (125 M of 17 G pages)
        assertThat(w.accessed(start + (64L << 40) - PAGE, 0, 10_000 * MS, rng)).isFalse();
        assertThat(w.expectedAccesses(start, start + (64L << 40), 0, 10_000 * MS)).isEqualTo(125_000_000.0);
        TruthWindow t = new TruthWindow();
        w.truth(0, 100 * MS, t);
        // huge: accesses 1..1,250,000 -> pages 1..1,250,000; small: 1.25 M random accesses over 256 pages
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.start(0)).isEqualTo(start + PAGE);
        assertThat(t.end(0)).isEqualTo(start + 1_250_001 * PAGE);
        assertThat(t.accesses(0)).isEqualTo(1_250_000.0);
        assertThat(t.touchedFraction(1)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void groundTruthOfRandomAndSequentialPatternsMatchesHandComputation() {
        // r: 1 MiB = 256 pages random, weight 1; s: 400 KiB = 100 pages walked, weight 1; 200 accesses/ms
        SimWorkload w = workload("r, 1M\ns, 400K\n\np\n1000\nr, 1, 0, 1\ns, 0, 4096, 1\n", 200);
        TruthWindow t = new TruthWindow();
        // [0, 1 ms): r gets 100 accesses, touched fraction 1 - (255/256)^100 = 1 - exp(100 ln(1 - 1/256)) = 0.323884;
        // s gets accesses 1..100 -> pages 1..99 then the wrap to page 0: the whole region, 100 accesses
        w.truth(0, MS, t);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.start(0)).isEqualTo(w.layout().regionStart(0));
        assertThat(t.end(0)).isEqualTo(w.layout().regionMappingEnd(0));
        assertThat(t.accesses(0)).isCloseTo(100.0, within(1e-9));
        assertThat(t.touchedFraction(0)).isCloseTo(1 - Math.pow(255.0 / 256, 100), within(1e-12));
        assertThat(t.touchedFraction(0)).isCloseTo(0.323884, within(1e-6));
        assertThat(t.start(1)).isEqualTo(w.layout().regionStart(1));
        assertThat(t.end(1)).isEqualTo(w.layout().regionMappingEnd(1));
        assertThat(t.accesses(1)).isEqualTo(100.0);
        assertThat(t.touchedFraction(1)).isEqualTo(1.0);
        // [0.255 ms, 0.355 ms): s's accesses 26..35 -> pages 26..35, ten accesses
        w.truth(255_000, 355_000, t);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.start(1)).isEqualTo(page(w, 1, 26));
        assertThat(t.end(1)).isEqualTo(page(w, 1, 36));
        assertThat(t.accesses(1)).isEqualTo(10.0);
        assertThat(t.wssBytes()).isCloseTo(10 * PAGE + 256 * PAGE * (1 - Math.pow(255.0 / 256, 10)), within(1e-6));
    }

    @Test
    void randomAndSequentialOnOneRegionAreCutIntoDisjointPieces() {
        // one 100-page region, random (weight 1) and walked (weight 1), 200 accesses/ms
        SimWorkload w = workload("x, 400K\n\np\n1000\nx, 1, 0, 1\nx, 0, 4096, 1\n", 200);
        TruthWindow t = new TruthWindow();
        // [0.255, 0.355 ms): 10 random accesses spread over 100 pages, walk accesses 26..35 (pages 26..35)
        w.truth(255_000, 355_000, t);
        assertThat(t.size()).isEqualTo(3);
        double random = 1 - Math.pow(99.0 / 100, 10);
        assertThat(t.end(0)).isEqualTo(page(w, 0, 26));
        assertThat(t.accesses(0)).isCloseTo(10 * 26 / 100.0, within(1e-9));
        assertThat(t.touchedFraction(0)).isCloseTo(random, within(1e-12));
        assertThat(t.start(1)).isEqualTo(page(w, 0, 26));
        assertThat(t.end(1)).isEqualTo(page(w, 0, 36));
        assertThat(t.accesses(1)).isCloseTo(10 + 10 * 10 / 100.0, within(1e-9));
        assertThat(t.touchedFraction(1)).isEqualTo(1.0);
        assertThat(t.accesses(2)).isCloseTo(10 * 64 / 100.0, within(1e-9));
        double total = 0;
        for (int i = 0; i < t.size(); i++) {
            total += t.accesses(i);
        }
        assertThat(total).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void sameSeedGivesTheSameAnswers() {
        SimWorkload w = SimWorkloads.load("demo");
        long lo = w.layout().regionStart(0);
        long hi = w.layout().regionMappingEnd(3);
        for (int run = 0; run < 2; run++) {
            SplittableRandom a = new SplittableRandom(99);
            SplittableRandom b = new SplittableRandom(99);
            for (int i = 0; i < 10_000; i++) {
                long addr = lo + a.nextLong(hi - lo);
                long t = a.nextLong(w.durationNs() - 5 * MS);
                long addr2 = lo + b.nextLong(hi - lo);
                long t2 = b.nextLong(w.durationNs() - 5 * MS);
                assertThat(w.accessed(addr, t, t + 5 * MS, a)).isEqualTo(w.accessed(addr2, t2, t2 + 5 * MS, b));
            }
        }
    }

    @Test
    void aReusedWindowAnswersLikeSingleChecks() {
        // random and sequential lines on several regions, windows crossing phase ends
        SimWorkload w = workload("a, 3M\nb, 5000\nc, 2M\n\none\n7\na, 1, 0, 2\nb, 0, 64, 1\nc, 0, 8K, 1\n\n"
                + "two\n3\nc, 1, 0, 1\na, 0, 4096, 5\n", 2_000);
        SimWorkload.Window window = w.newWindow();
        SplittableRandom addrs = new SplittableRandom(4);
        long lo = w.layout().regionStart(0);
        long hi = w.layout().regionMappingEnd(2);
        for (int round = 0; round < 200; round++) {
            long t0 = addrs.nextLong(10 * MS);
            // every other window has the same length, so the per-region cache is exercised
            long t1 = t0 + (round % 2 == 0 ? MS / 2 : addrs.nextLong(1, 2 * MS));
            long[] sorted = addrs.longs(50, lo, hi).sorted().toArray();
            SplittableRandom single = new SplittableRandom(round);
            SplittableRandom reused = new SplittableRandom(round);
            window.reset(t0, t1);
            for (long addr : sorted) {
                assertThat(window.accessed(addr, reused)).as("round %d addr %x", round, addr)
                        .isEqualTo(w.accessed(addr, t0, t1, single));
            }
        }
    }

    @Test
    void cyclicRangeMeetsAgreesWithEnumeration() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 20_000; round++) {
            long period = rnd.nextLong(1, 40);
            long first = rnd.nextLong(period);
            long count = rnd.nextLong(-2, 2 * period + 2);
            long lo = rnd.nextLong(period);
            long hi = rnd.nextLong(period);
            boolean expected = false;
            for (long j = 0; j < count && !expected; j++) {
                long residue = (first + j) % period;
                expected = residue >= lo && residue <= hi;
            }
            assertThat(SimWorkload.cyclicRangeMeets(first, count, period, lo, hi))
                    .as("first %d count %d period %d [%d, %d]", first, count, period, lo, hi).isEqualTo(expected);
        }
    }

    @Test
    void aSequentialCheckSaysAccessedExactlyWhenTheExpectedCountIsPositive() {
        // sequential walks only (strides of a page, two pages, 3000 B and 64 B), so the answer is exact
        // and must agree with the counting formula behind the ground truth
        SimWorkload w = workload("a, 3M\nb, 5000\nc, 2M\n\none\n7\na, 0, 4096, 3\nb, 0, 64, 1\nc, 0, 8K, 1\n\n"
                + "two\n3\nc, 0, 3000, 2\na, 0, 4096, 5\n", 300);
        SimWorkload.Window window = w.newWindow();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            long t0 = rnd.nextLong(10 * MS);
            long t1 = t0 + rnd.nextLong(1, 3 * MS);
            window.reset(t0, t1);
            for (int reg = 0; reg < 3; reg++) {
                long start = w.layout().regionStart(reg);
                long end = start + w.layout().regionSize(reg);
                for (long page = start; page < end; page += PAGE * (1 + rnd.nextInt(3))) {
                    boolean expected = w.expectedAccesses(page, Math.min(page + PAGE, end), t0, t1) > 0;
                    assertThat(window.accessed(page + rnd.nextLong(Math.min(PAGE, end - page)), rnd))
                            .as("round %d region %d page %x", round, reg, page).isEqualTo(expected);
                }
            }
        }
    }
}
