package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property test with seeded generators: whatever the ranges, access pattern and attributes, after every
 * aggregation the regions stay sorted, disjoint, page-aligned and exactly cover the target ranges, and
 * their count stays within [min, max] (ranges are multiples of min_nr_regions pages, so the size limit
 * divides them evenly).
 */
class RegionInvariantsTest {
    private static final long P = 4096;

    @Test
    void invariantsHoldAcrossRandomConfigurations() throws Exception {
        long master = 20261126L;
        SplittableRandom gen = new SplittableRandom(master);
        for (int round = 0; round < 60; round++) {
            long seed = gen.nextLong();
            check(seed);
        }
    }

    private static void check(long seed) throws Exception {
        SplittableRandom g = new SplittableRandom(seed);
        int minNr = 3 + g.nextInt(20);
        int maxNr = Math.max(minNr * 2, minNr + g.nextInt(300));
        int nRanges = 1 + g.nextInt(3);
        List<AddressRange> ranges = new ArrayList<>();
        long cursor = (1 + g.nextInt(1000)) * P;
        long total = 0;
        for (int i = 0; i < nRanges; i++) {
            long size = (long) minNr * (1 + g.nextInt(2000)) * P;
            ranges.add(new AddressRange(cursor, cursor + size));
            total += size;
            cursor += size + (1 + g.nextInt(100)) * P;
        }
        long hotStart = ranges.getFirst().start() + g.nextLong(total / 2);
        long hotEnd = hotStart + g.nextLong(total / 4) + 1;
        double noise = g.nextDouble() * 0.2;
        SplittableRandom accessRandom = new SplittableRandom(seed + 1);
        Attributes attrs = Attributes.KERNEL_DEFAULTS.withNrRegions(minNr, maxNr);
        long totalBytes = total;
        int[] aggregations = new int[1];
        MonitorContext c = MonitorContext.builder()
                .attributes(attrs)
                .operations(new ScriptedOperations(ranges,
                        a -> (a >= hotStart && a < hotEnd) != (accessRandom.nextDouble() < noise)))
                .seed(seed)
                .addTarget(new Target(0, -1, "t", List.of()))
                .deadlineNs(3_000_000_000L)
                .afterAggregation((ctx, s, e) -> {
                    aggregations[0]++;
                    RegionsView r = ctx.targets().getFirst().regions();
                    String where = "seed " + seed + " aggregation " + aggregations[0] + ": " + r;
                    long sum = 0;
                    int ri = 0;
                    for (int i = 0; i < r.size(); i++) {
                        assertThat(r.start(i) % P).as(where).isZero();
                        assertThat(r.end(i) % P).as(where).isZero();
                        assertThat(r.end(i)).as(where).isGreaterThan(r.start(i));
                        if (i > 0) {
                            assertThat(r.start(i)).as(where).isGreaterThanOrEqualTo(r.end(i - 1));
                        }
                        while (ri < ranges.size() && ranges.get(ri).end() <= r.start(i)) {
                            ri++;
                        }
                        assertThat(ri).as(where).isLessThan(ranges.size());
                        assertThat(ranges.get(ri).start()).as(where).isLessThanOrEqualTo(r.start(i));
                        assertThat(ranges.get(ri).end()).as(where).isGreaterThanOrEqualTo(r.end(i));
                        assertThat(r.nrAccesses(i)).as(where).isBetween(0, ctx.attributes().maxNrAccesses());
                        sum += r.regionSize(i);
                    }
                    assertThat(sum).as(where).isEqualTo(totalBytes);
                    assertThat(r.size()).as(where).isBetween(Math.min(minNr, (int) (totalBytes / P)), maxNr);
                })
                .build();
        c.run();
        assertThat(aggregations[0]).isEqualTo(30);
    }
}
