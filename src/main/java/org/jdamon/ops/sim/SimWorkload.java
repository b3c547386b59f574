package org.jdamon.ops.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jdamon.core.UnsignedMath;
import org.jdamon.truth.TruthWindow;

/**
 * A masim workload laid out in memory, with its access model: what it touches, where, and when.
 *
 * <p>Model. Phases run once, in file order, back to back from time 0 (workload time, in ns). In a phase
 * the workload makes {@link #accessesPerMs()} accesses per millisecond (default
 * {@value #DEFAULT_ACCESSES_PER_MS}, near native masim on a current CPU); each pattern line gets the
 * share {@code weight / total weight} of them, as a fluid (masim actually runs 128 Ki accesses of one
 * line at a time, about 5 ms at this rate). A random line spreads its accesses uniformly over its
 * region's bytes, so a page of {@code b} bytes in a region of {@code S} bytes sees a Poisson stream of
 * rate {@code r * b / S}, and is accessed during {@code dt} with probability {@code 1 - exp(-r b dt / S)}.
 * A sequential line touches byte offsets exactly like masim's loop: the j-th access (j = 1, 2, ...)
 * of the line in its phase hits offset {@code (j mod L) * stride}, {@code L = ceil(S / stride)}, the
 * walk wrapping to 0; its j-th access happens when {@code floor(r * t) = j}.
 *
 * <p>A page check costs O(#phases overlapping the window x (log #lines + #lines on the page's region)),
 * independent of the size of the simulated memory: nothing is kept per page. Range queries and the
 * ground truth cost O(#regions x #lines) per phase.
 */
public final class SimWorkload {
    /** The default total access rate, accesses per millisecond. */
    public static final long DEFAULT_ACCESSES_PER_MS = 25_000;

    private static final long PAGE = SimLayout.PAGE_SIZE;

    private final String name;
    private final MasimConfig config;
    private final SimLayout layout;
    private final long accessesPerMs;
    private final long[] phaseStartNs;
    private final long[] phaseEndNs;
    private final int[] phaseFirstPattern;
    private final int[] patRegion;
    private final boolean[] patRandom;
    private final long[] patStride;
    /** log2 of the stride when it is a power of two (the usual case), else -1: walk indices by shift. */
    private final int[] patStrideShift;
    private final long[] patPeriod;
    private final double[] patRatePerNs;
    private final long[] patRateNum;
    private final long[] patRateDen;
    private final long[] regionStart;
    private final long[] regionSize;

    private SimWorkload(String name, MasimConfig config, long accessesPerMs) {
        if (accessesPerMs <= 0) {
            throw new IllegalArgumentException("access rate must be positive: " + accessesPerMs);
        }
        this.name = name;
        this.config = config;
        this.layout = SimLayout.of(config);
        this.accessesPerMs = accessesPerMs;
        int nPhases = config.phases().size();
        phaseStartNs = new long[nPhases];
        phaseEndNs = new long[nPhases];
        phaseFirstPattern = new int[nPhases + 1];
        int nPatterns = 0;
        for (MasimConfig.Phase p : config.phases()) {
            nPatterns += p.patterns().size();
        }
        patRegion = new int[nPatterns];
        patRandom = new boolean[nPatterns];
        patStride = new long[nPatterns];
        patStrideShift = new int[nPatterns];
        patPeriod = new long[nPatterns];
        patRatePerNs = new double[nPatterns];
        patRateNum = new long[nPatterns];
        patRateDen = new long[nPatterns];
        regionStart = new long[layout.regionCount()];
        regionSize = new long[layout.regionCount()];
        for (int i = 0; i < regionStart.length; i++) {
            regionStart[i] = layout.regionStart(i);
            regionSize[i] = layout.regionSize(i);
        }
        long t = 0;
        int k = 0;
        double totalPerNs = accessesPerMs / 1e6;
        for (int p = 0; p < nPhases; p++) {
            MasimConfig.Phase phase = config.phases().get(p);
            phaseStartNs[p] = t;
            t = Math.addExact(t, Math.multiplyExact(phase.durationMs(), 1_000_000L));
            phaseEndNs[p] = t;
            phaseFirstPattern[p] = k;
            double total = phase.totalWeight();
            List<MasimConfig.Pattern> byRegion = new ArrayList<>(phase.patterns());
            byRegion.sort(Comparator.comparingInt(MasimConfig.Pattern::region));
            for (MasimConfig.Pattern pt : byRegion) {
                patRegion[k] = pt.region();
                patRandom[k] = pt.random();
                patStride[k] = pt.stride();
                patStrideShift[k] = Long.bitCount(pt.stride()) == 1 ? Long.numberOfTrailingZeros(pt.stride()) : -1;
                long size = regionSize[pt.region()];
                patPeriod[k] = pt.random() ? 0 : (size + pt.stride() - 1) / pt.stride();
                patRatePerNs[k] = totalPerNs * pt.weight() / total;
                long g = gcd(Math.multiplyExact(accessesPerMs, pt.weight()), Math.multiplyExact(phase.totalWeight(), 1_000_000L));
                patRateNum[k] = accessesPerMs * pt.weight() / Math.max(g, 1);
                patRateDen[k] = phase.totalWeight() * 1_000_000L / Math.max(g, 1);
                k++;
            }
        }
        phaseFirstPattern[nPhases] = k;
    }

    public static SimWorkload of(String name, MasimConfig config) {
        return new SimWorkload(name, config, DEFAULT_ACCESSES_PER_MS);
    }

    /** The same workload at another total access rate (accesses per millisecond). */
    public SimWorkload withAccessesPerMs(long rate) {
        return new SimWorkload(name, config, rate);
    }

    public String name() {
        return name;
    }

    public MasimConfig config() {
        return config;
    }

    public SimLayout layout() {
        return layout;
    }

    public long accessesPerMs() {
        return accessesPerMs;
    }

    /** Workload time at which the last phase ends. */
    public long durationNs() {
        return phaseEndNs.length == 0 ? 0 : phaseEndNs[phaseEndNs.length - 1];
    }

    /** Index of the phase running at workload time {@code t}, or -1 outside the run. */
    public int phaseAt(long t) {
        if (t < 0 || t >= durationNs()) {
            return -1;
        }
        int i = Arrays.binarySearch(phaseStartNs, t);
        return i >= 0 ? i : -i - 2;
    }

    private int firstPhaseEndingAfter(long t) {
        if (t < 0) {
            return 0;
        }
        int i = Arrays.binarySearch(phaseEndNs, t);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /**
     * Whether the page containing {@code addr} was accessed during workload time {@code [t0, t1)}:
     * exact for sequential patterns, a Bernoulli draw from {@code rng} with the Poisson probability for
     * random ones (no draw when no random pattern covers the page). For many checks of one window use
     * a {@link Window}.
     */
    public boolean accessed(long addr, long t0, long t1, RandomGenerator rng) {
        if (t1 <= t0) {
            return false;
        }
        Window w = new Window();
        w.reset(t0, t1);
        return w.accessed(addr, rng);
    }

    /** First pattern of phase {@code p} on region {@code reg} (patterns are sorted by region in a phase). */
    private int firstPatternOf(int p, int reg) {
        int lo = phaseFirstPattern[p];
        int hi = phaseFirstPattern[p + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (patRegion[mid] < reg) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A reusable page checker for one sampling window; create one per target with {@link #newWindow()}. */
    public Window newWindow() {
        return new Window();
    }

    /**
     * The page check of {@link #accessed} for many addresses of one window {@code [t0, t1)}: the
     * overlapping phases are found once, and the region and its pattern lines are remembered between
     * checks, so address-ordered checks (as the monitor makes them) cost O(1) each. Allocation-free.
     */
    public final class Window {
        private final long[] fromNs = new long[phaseStartNs.length];
        private final long[] toNs = new long[phaseStartNs.length];
        private final int[] firstPattern = new int[phaseStartNs.length];
        private int phaseFrom;
        private int phaseTo;
        private int region = -1;
        private boolean hasSequential;
        private double fullPageLambda;
        private double fullPageProbability;
        private final int[] cachedPhase = new int[regionStart.length];
        private final long[] cachedLength = new long[regionStart.length];
        private final int[] cachedFirstPattern = new int[regionStart.length];
        private final boolean[] cachedHasSequential = new boolean[regionStart.length];
        private final double[] cachedLambda = new double[regionStart.length];
        private final double[] cachedProbability = new double[regionStart.length];
        /** Per sequential pattern, for this window: walk index (mod period) of its first access, and count. */
        private final long[] walkFirst = new long[patRandom.length];
        private final long[] walkCount = new long[patRandom.length];
        private final int[] walkStamp = new int[patRandom.length];
        private int stamp = 1;

        private Window() {
            Arrays.fill(cachedPhase, -1);
        }

        /** Starts a window; later checks answer for accesses during workload time {@code [t0, t1)}. */
        public void reset(long t0, long t1) {
            phaseFrom = firstPhaseEndingAfter(t0);
            phaseTo = phaseFrom;
            while (phaseTo < phaseStartNs.length && phaseStartNs[phaseTo] < t1) {
                fromNs[phaseTo] = Math.max(t0, phaseStartNs[phaseTo]) - phaseStartNs[phaseTo];
                toNs[phaseTo] = Math.min(t1, phaseEndNs[phaseTo]) - phaseStartNs[phaseTo];
                phaseTo++;
            }
            region = -1;
            stamp++;
        }

        /** {@link SimWorkload#accessed} for this window. */
        public boolean accessed(long addr, RandomGenerator rng) {
            if (region < 0 || addr < regionStart[region] || addr >= layout.regionMappingEnd(region)) {
                if (!enterRegion(addr)) {
                    return false;
                }
            }
            int reg = region;
            long off = (addr - regionStart[reg]) & -PAGE;
            long size = regionSize[reg];
            long offEnd = Math.min(off + PAGE, size);
            if (hasSequential) {
                for (int p = phaseFrom; p < phaseTo; p++) {
                    for (int k = firstPattern[p], end = phaseFirstPattern[p + 1]; k < end && patRegion[k] == reg; k++) {
                        if (!patRandom[k] && walkTouches(k, p, firstIndexAtOrAbove(off, k), lastIndexBelow(offEnd, k))) {
                            return true;
                        }
                    }
                }
            }
            if (fullPageProbability == 0) {
                return false;
            }
            double probability = offEnd - off == PAGE
                    ? fullPageProbability
                    : 1 - Math.exp(-fullPageLambda * (offEnd - off) / PAGE);
            return rng.nextDouble() < probability;
        }

        /**
         * Whether sequential pattern {@code k} of phase {@code p} touches a walk index in {@code [lo, hi]}
         * during this window: {@code sequentialHits(...) > 0}, with the window's part computed once per
         * pattern instead of once per check.
         */
        private boolean walkTouches(int k, int p, long lo, long hi) {
            if (lo > hi) {
                return false;
            }
            if (walkStamp[k] != stamp) {
                long n0 = accessesUntil(k, fromNs[p]);
                long n1 = accessesUntil(k, toNs[p]);
                walkCount[k] = n1 - n0;
                walkFirst[k] = Math.floorMod(n0 + 1, patPeriod[k]);
                walkStamp[k] = stamp;
            }
            return cyclicRangeMeets(walkFirst[k], walkCount[k], patPeriod[k], lo, hi);
        }

        /**
         * Finds the region of {@code addr} and precomputes what every check in it shares; within one
         * phase that depends only on the window's length, so it is remembered per region.
         */
        private boolean enterRegion(long addr) {
            region = layout.regionAt(addr);
            if (region < 0) {
                return false;
            }
            boolean onePhase = phaseTo - phaseFrom == 1;
            long length = onePhase ? toNs[phaseFrom] - fromNs[phaseFrom] : -1;
            if (onePhase && cachedPhase[region] == phaseFrom && cachedLength[region] == length) {
                firstPattern[phaseFrom] = cachedFirstPattern[region];
                hasSequential = cachedHasSequential[region];
                fullPageLambda = cachedLambda[region];
                fullPageProbability = cachedProbability[region];
                return true;
            }
            double lambda = 0;
            hasSequential = false;
            for (int p = phaseFrom; p < phaseTo; p++) {
                firstPattern[p] = firstPatternOf(p, region);
                for (int k = firstPattern[p], end = phaseFirstPattern[p + 1]; k < end && patRegion[k] == region; k++) {
                    if (patRandom[k]) {
                        lambda += patRatePerNs[k] * (toNs[p] - fromNs[p]) * PAGE / regionSize[region];
                    } else {
                        hasSequential = true;
                    }
                }
            }
            fullPageLambda = lambda;
            fullPageProbability = lambda == 0 ? 0 : 1 - Math.exp(-lambda);
            if (onePhase) {
                cachedPhase[region] = phaseFrom;
                cachedLength[region] = length;
                cachedFirstPattern[region] = firstPattern[phaseFrom];
                cachedHasSequential[region] = hasSequential;
                cachedLambda[region] = fullPageLambda;
                cachedProbability[region] = fullPageProbability;
            }
            return true;
        }
    }

    /** Accesses made by pattern {@code k} up to phase-relative time {@code t}: {@code floor(r t)}, exactly. */
    private long accessesUntil(int k, long t) {
        return UnsignedMath.mulDiv(t, patRateNum[k], patRateDen[k]);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    private long firstIndexAtOrAbove(long offset, int k) {
        return divideByStride(offset + patStride[k] - 1, k);
    }

    /** Largest walk index whose offset is below {@code offsetEnd}, capped to the walk's period. */
    private long lastIndexBelow(long offsetEnd, int k) {
        return Math.min(divideByStride(offsetEnd + patStride[k] - 1, k) - 1, patPeriod[k] - 1);
    }

    private long divideByStride(long nonNegative, int k) {
        int shift = patStrideShift[k];
        return shift >= 0 ? nonNegative >>> shift : nonNegative / patStride[k];
    }

    /**
     * Whether any of the {@code count} consecutive residues {@code first, first + 1, ...} modulo
     * {@code period} lies in {@code [lo, hi]}, for {@code 0 <= first < period} and {@code 0 <= lo}, {@code
     * hi < period}.
     */
    static boolean cyclicRangeMeets(long first, long count, long period, long lo, long hi) {
        if (count <= 0 || lo > hi) {
            return false;
        }
        if (count >= period) {
            return true;
        }
        long last = first + count - 1;
        return (first <= hi && last >= lo) || (last >= period && last - period >= lo);
    }

    /**
     * Accesses of sequential pattern {@code k} during phase-relative {@code [a, b)} whose walk index
     * ({@code j mod L}) lies in {@code [lo, hi]}.
     */
    private long sequentialHits(int k, long a, long b, long lo, long hi) {
        if (lo > hi) {
            return 0;
        }
        long n0 = accessesUntil(k, a);
        long n1 = accessesUntil(k, b);
        if (n1 <= n0) {
            return 0;
        }
        return indicesBelow(n1 + 1, k, lo, hi) - indicesBelow(n0 + 1, k, lo, hi);
    }

    /** Number of j in {@code [0, n)} with {@code j mod L} in {@code [lo, hi]}. */
    private long indicesBelow(long n, int k, long lo, long hi) {
        long period = patPeriod[k];
        long width = hi - lo + 1;
        return (n / period) * width + Math.min(Math.max(n % period - lo, 0), width);
    }

    /** Expected number of accesses to bytes {@code [start, end)} during workload time {@code [t0, t1)}. */
    public double expectedAccesses(long start, long end, long t0, long t1) {
        double[] sum = new double[1];
        for (int reg = layout.firstRegionEndingAfter(start); reg < regionStart.length && regionStart[reg] < end; reg++) {
            long rs = regionStart[reg];
            long size = regionSize[reg];
            long cs = Math.max(start, rs);
            long ce = Math.min(end, rs + size);
            if (cs >= ce) {
                continue;
            }
            forEachLine(reg, t0, t1, (k, a, b) -> sum[0] += patRandom[k]
                    ? patRatePerNs[k] * (b - a) * (ce - cs) / size
                    : sequentialHits(k, a, b, firstIndexAtOrAbove(cs - rs, k), lastIndexBelow(ce - rs, k)));
        }
        return sum[0];
    }

    /** Receives each pattern line on one region active in a window, with its phase-relative overlap. */
    @FunctionalInterface
    private interface LineVisitor {
        void visit(int k, long a, long b);
    }

    /** Calls {@code v} for each line on region {@code reg} of each phase overlapping {@code [t0, t1)}. */
    private void forEachLine(int reg, long t0, long t1, LineVisitor v) {
        for (int p = firstPhaseEndingAfter(t0); p < phaseStartNs.length && phaseStartNs[p] < t1; p++) {
            long a = Math.max(t0, phaseStartNs[p]) - phaseStartNs[p];
            long b = Math.min(t1, phaseEndNs[p]) - phaseStartNs[p];
            for (int k = firstPatternOf(p, reg), e = phaseFirstPattern[p + 1]; k < e && patRegion[k] == reg; k++) {
                v.visit(k, a, b);
            }
        }
    }

    /**
     * Expected fraction of the pages of {@code [start, end)} accessed at least once during workload time
     * {@code [t0, t1)}; pages outside the workload's regions count as untouched. Used by the memory model
     * for refaults, LRU and young state.
     */
    public double expectedTouchedFraction(long start, long end, long t0, long t1) {
        long first = UnsignedMath.alignDown(start, PAGE);
        long last = UnsignedMath.alignUp(end, PAGE);
        double totalPages = (last - first) / (double) PAGE;
        if (totalPages <= 0) {
            return 0;
        }
        double touched = 0;
        double[] untouched = new double[1];
        for (int reg = layout.firstRegionEndingAfter(first); reg < regionStart.length && regionStart[reg] < last; reg++) {
            long rs = regionStart[reg];
            long size = regionSize[reg];
            long cs = Math.max(first, rs);
            long ce = Math.min(last, layout.regionMappingEnd(reg));
            if (cs >= ce) {
                continue;
            }
            double pages = (ce - cs) / (double) PAGE;
            untouched[0] = 1;
            forEachLine(reg, t0, t1, (k, a, b) -> untouched[0] *= patRandom[k]
                    ? Math.exp(-patRatePerNs[k] * (b - a) * PAGE / size)
                    : 1 - Math.min(1, sequentialTouchedPages(k, a, b, cs - rs, ce - rs) / pages));
            touched += pages * (1 - untouched[0]);
        }
        return Math.min(1, touched / totalPages);
    }

    /** Distinct pages within region offsets {@code [cs, ce)} that pattern {@code k} touches in {@code [a, b)}. */
    private double sequentialTouchedPages(int k, long a, long b, long cs, long ce) {
        long lo = firstIndexAtOrAbove(cs, k);
        long hi = lastIndexBelow(ce, k);
        if (lo > hi) {
            return 0;
        }
        long n0 = accessesUntil(k, a);
        long n1 = accessesUntil(k, b);
        long positions = n1 - n0 >= patPeriod[k] ? hi - lo + 1 : sequentialHits(k, a, b, lo, hi);
        long stride = patStride[k];
        return stride >= PAGE ? positions : Math.ceil((double) positions * stride / PAGE);
    }

    /**
     * The exact accesses of workload time {@code [t0, t1)} as address-sorted, disjoint page-aligned
     * ranges, each with its number of accesses and touched fraction: random patterns give their region
     * {@code n} accesses and the expected touched fraction {@code 1 - (1 - 1/P)^n} over its P pages;
     * sequential ones the pages their walk covered (fraction 1 when the stride is at most a page).
     */
    public void truth(long t0, long t1, TruthWindow out) {
        out.clear();
        Contributions c = new Contributions();
        double[] randomAccesses = new double[1];
        for (int reg = 0; reg < regionStart.length; reg++) {
            c.clear();
            long rs = regionStart[reg];
            long mapEnd = layout.regionMappingEnd(reg);
            double pages = (mapEnd - rs) / (double) PAGE;
            randomAccesses[0] = 0;
            forEachLine(reg, t0, t1, (k, a, b) -> {
                if (patRandom[k]) {
                    randomAccesses[0] += patRatePerNs[k] * (b - a);
                } else {
                    addWalk(c, k, a, b, rs, mapEnd, pages);
                }
            });
            if (randomAccesses[0] > 0) {
                double frac = pages <= 1 ? 1 : -Math.expm1(randomAccesses[0] * Math.log1p(-1 / pages));
                c.add(rs, mapEnd, randomAccesses[0], frac);
            }
            c.emit(out);
        }
    }

    /** Adds the pages sequential line {@code k} walked during phase-relative {@code [a, b)}. */
    private void addWalk(Contributions c, int k, long a, long b, long rs, long mapEnd, double pages) {
        long n0 = accessesUntil(k, a);
        long n1 = accessesUntil(k, b);
        long count = n1 - n0;
        if (count <= 0) {
            return;
        }
        long period = patPeriod[k];
        long stride = patStride[k];
        if (count >= period) {
            c.add(rs, mapEnd, count, stride <= PAGE ? 1 : Math.min(1, period / pages));
            return;
        }
        long first = (n0 + 1) % period;
        long last = n1 % period;
        if (first <= last) {
            addWalk(c, rs, mapEnd, stride, first, last);
        } else {
            addWalk(c, rs, mapEnd, stride, first, period - 1);
            addWalk(c, rs, mapEnd, stride, 0, last);
        }
    }

    private static void addWalk(Contributions c, long rs, long mapEnd, long stride, long i0, long i1) {
        long s = rs + UnsignedMath.alignDown(i0 * stride, PAGE);
        long e = Math.min(rs + UnsignedMath.alignUp(i1 * stride + 1, PAGE), mapEnd);
        long count = i1 - i0 + 1;
        double pages = (e - s) / (double) PAGE;
        c.add(s, e, count, stride <= PAGE ? 1 : Math.min(1, count / pages));
    }

    /**
     * Overlapping per-pattern contributions of one region, cut into disjoint pieces: accesses spread
     * over each contribution's bytes, untouched probabilities multiplied.
     */
    private static final class Contributions {
        private long[] starts = new long[8];
        private long[] ends = new long[8];
        private double[] accesses = new double[8];
        private double[] fractions = new double[8];
        private long[] cuts = new long[16];
        private int size;

        void clear() {
            size = 0;
        }

        void add(long s, long e, double nr, double frac) {
            if (e <= s) {
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
                accesses = Arrays.copyOf(accesses, size * 2);
                fractions = Arrays.copyOf(fractions, size * 2);
                cuts = Arrays.copyOf(cuts, size * 4);
            }
            starts[size] = s;
            ends[size] = e;
            accesses[size] = nr;
            fractions[size] = frac;
            size++;
        }

        void emit(TruthWindow out) {
            if (size == 0) {
                return;
            }
            int n = 0;
            for (int i = 0; i < size; i++) {
                cuts[n++] = starts[i];
                cuts[n++] = ends[i];
            }
            Arrays.sort(cuts, 0, n);
            for (int c = 0; c + 1 < n; c++) {
                long s = cuts[c];
                long e = cuts[c + 1];
                if (s == e) {
                    continue;
                }
                double nr = 0;
                double untouched = 1;
                boolean covered = false;
                for (int i = 0; i < size; i++) {
                    if (starts[i] <= s && e <= ends[i]) {
                        covered = true;
                        nr += accesses[i] * (e - s) / (ends[i] - starts[i]);
                        untouched *= 1 - fractions[i];
                    }
                }
                if (covered && nr > 0) {
                    out.add(s, e, nr, 1 - untouched);
                }
            }
        }
    }
}
