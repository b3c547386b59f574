package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jdamon.core.Target;
import org.junit.jupiter.api.Test;

/**
 * Random filter chains against a page-by-page oracle written from the design's §8.8.2 rules: for every
 * page, the first matching core filter decides (an allow there skips the ops stage); unmatched pages
 * get the opposite of the last core filter's verdict unless ops filters exist; at the ops stage the
 * first matching filter decides and unmatched pages get the opposite of the last ops filter's verdict.
 */
class FilterOracleTest {
    private static final long PAGE = 4096;
    private static final long BASE = 0x100_0000;

    @Test
    void appliedPagesMatchTheOracle() {
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 300; round++) {
            int nPages = 8 + rnd.nextInt(120);
            boolean[] anon = new boolean[nPages];
            boolean[] young = new boolean[nPages];
            for (int p = 0; p < nPages; p++) {
                anon[p] = rnd.nextBoolean();
                young[p] = rnd.nextInt(3) == 0;
            }
            List<DamosFilter> filters = new ArrayList<>();
            int nFilters = rnd.nextInt(5);
            for (int k = 0; k < nFilters; k++) {
                boolean matching = rnd.nextInt(4) != 0;
                boolean allow = rnd.nextBoolean();
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        long a = rnd.nextInt(nPages);
                        long b = a + rnd.nextInt(nPages - (int) a + 1);
                        filters.add(DamosFilter.addr(BASE + a * PAGE, BASE + b * PAGE, matching, allow));
                    }
                    case 1 -> filters.add(DamosFilter.target(rnd.nextInt(2), matching, allow));
                    case 2 -> filters.add(DamosFilter.of(FilterType.ANON, matching, allow));
                    default -> filters.add(DamosFilter.of(FilterType.YOUNG, matching, allow));
                }
            }
            Scheme s = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT).withFilters(filters);
            Fixture f = new Fixture(s);
            long addr = BASE;
            int left = nPages;
            while (left > 0) {
                int n = 1 + rnd.nextInt(Math.min(left, 16));
                f.layout(addr, n * PAGE, 1, 0, 0);
                addr += n * PAGE;
                left -= n;
            }
            f.ops.anon = a -> anon[(int) ((a - BASE) / PAGE)];
            f.ops.young = a -> young[(int) ((a - BASE) / PAGE)];
            f.pass();
            long expected = 0;
            for (int p = 0; p < nPages; p++) {
                if (oracleAllows(s, f.target, BASE + p * PAGE, anon[p], young[p])) {
                    expected += PAGE;
                }
            }
            assertThat(f.engine.stats(0).szApplied()).as("seed %d round %d filters %s", seed, round, filters)
                    .isEqualTo(expected);
        }
    }

    private static boolean oracleAllows(Scheme s, Target t, long page, boolean anon, boolean young) {
        List<DamosFilter> core = s.coreFilters();
        List<DamosFilter> ops = s.opsFilters();
        for (DamosFilter f : core) {
            boolean has = f.type() == FilterType.TARGET
                    ? t.index() == f.targetIdx()
                    : f.addrStart() <= page && page < f.addrEnd();
            if (has == f.matching()) {
                if (!f.allow()) {
                    return false;
                }
                return true; // an explicit core allow skips the ops filters
            }
        }
        if (ops.isEmpty()) {
            return core.isEmpty() || !core.getLast().allow();
        }
        for (DamosFilter f : ops) {
            boolean has = f.type() == FilterType.ANON ? anon : young;
            if (has == f.matching()) {
                return f.allow();
            }
        }
        return !ops.getLast().allow();
    }
}
