package org.jdamon.ops.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.truth.Coverage;
import org.jdamon.truth.CoverageSource;
import org.jdamon.truth.GroundTruth;
import org.jdamon.truth.TruthWindow;
import org.jdamon.ops.common.PageTable;
import org.jdamon.ops.common.ThreeRegions;

/**
 * The {@code trace} operations set: replays a recorded memory trace in step with the monitor's clock.
 * During each sampling interval the accesses whose trace time falls in it are replayed and their pages
 * marked with the interval's number; the check then asks whether the page of each region's sampling
 * address carries the current number, which is exactly the Accessed-bit test of a real mkold/check pair.
 *
 * <p>Trace time is the instruction count divided by {@link TraceOptions#instructionsPerUs} when the trace
 * has {@code I} records, else the record count divided by {@link TraceOptions#accessesPerUs}. The
 * address space is the set of pages touched so far, coalesced into mappings and reduced to three regions
 * ({@link ThreeRegions}) at start and at every ops update. All per-page state sits in primitive arrays
 * indexed by a {@link PageTable} slot, so memory grows with distinct pages, never with trace length.
 *
 * <p>The same pass yields the ground truth ({@link GroundTruth}) when asked for, and with
 * {@link TraceOptions#pageGranular} the operations set becomes the page-granular baseline monitor.
 *
 * <p>It also measures its own coverage ({@link CoverageSource}): an access is outside when its page lies
 * in no monitored range at the check of its sampling interval (so pages an ops update adds before that
 * check count as seen; over the run, a page is outside when none of its touches was seen). Regions are
 * built over every page touched so far, so only pages first touched after the last build can be
 * outside; each keeps an {@code inside} flag set at its first touch (a page in a gap the three-regions
 * rule kept is inside) and at every rebuild. Outside touches wait in a list until the check settles
 * them, which costs nothing while coverage is complete.
 */
public final class TraceOperations implements Operations, GroundTruth, CoverageSource {
    private static final int BATCH = 1 << 14;

    private final TraceReader reader;
    private final TraceOptions opts;
    private final int pageShift;
    private final long[] addrs = new long[BATCH];
    private final int[] infos = new int[BATCH];
    private int batchPos;
    private int batchLen;
    private boolean exhausted;
    private boolean timeModeKnown;
    private boolean instructionTime;
    private long instructions;
    private long records;

    private final PageTable pages = new PageTable(1 << 14);
    private int[] lastSample = new int[1 << 14];
    private int[] windowAccesses = new int[0];
    private int[] windowSamples = new int[0];
    private int[] touchedThisWindow = new int[0];
    private int touchedCount;
    private long cachedPage = -1;
    private int cachedSlot = -1;

    private int regionsBuiltForPages;
    // Baseline mode: the slot of each region's page as of the last rebuild, keyed by its sampling address,
    // so the check of 10^5 page regions reads two sequential arrays instead of probing the page table.
    private long[] slotCacheAddr = new long[0];
    private int[] slotCache = new int[0];
    private int slotCacheCount;
    private long[] drainScratch = new long[0];

    // coverage, per page slot: inside a monitored range now; touched while inside at least once (seen);
    // window (1-based) of the last touch and of the last outside touch (0: never); touches outside
    // awaiting this interval's check
    private boolean[] inside = new boolean[1 << 14];
    private boolean[] seen = new boolean[1 << 14];
    private int seenPages;
    private int[] touchWindow = new int[1 << 14];
    private int[] outsideWindow = new int[1 << 14];
    private int[] pendingTouches = new int[1 << 14];
    private int[] pendingSlots = new int[1 << 10];
    private int pendingCount;
    private long[] rangeStarts = new long[0];
    private long[] rangeEnds = new long[0];
    private int coverageWindow = 1;
    private long windowPages;
    private long windowPagesOutside;
    private long windowTouches;
    private long windowTouchesOutside;
    private long totalTouches;
    private long totalTouchesOutside;

    public TraceOperations(TraceReader reader, TraceOptions opts) {
        this.reader = reader;
        this.opts = opts;
        this.pageShift = Long.numberOfTrailingZeros(opts.pageSize());
        if (opts.groundTruth()) {
            windowAccesses = new int[lastSample.length];
            windowSamples = new int[lastSample.length];
            touchedThisWindow = new int[lastSample.length];
        }
    }

    /** Opens a trace file, a {@code .gz} of one, or {@code -} for standard input (see {@link TraceInput}). */
    public static TraceOperations open(String pathOrDash, TraceOptions opts) {
        return new TraceOperations(TraceInput.open(pathOrDash), opts);
    }

    /** The single target a trace describes, named after its input. */
    public Target newTarget() {
        return new Target(0, -1, reader.name(), List.of());
    }

    /**
     * Attributes for the page-granular baseline: {@code min_nr_regions = max_nr_regions} so large that the
     * region size limit is one page, so the core never merges or splits the per-page regions.
     */
    public static Attributes pageGranularAttributes(Attributes base) {
        return base.withNrRegions(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public String name() {
        return "trace";
    }

    public String inputName() {
        return reader.name();
    }

    public TraceOptions options() {
        return opts;
    }

    /** True when time comes from {@code I} records, false when from the record count. */
    public boolean instructionTime() {
        return instructionTime;
    }

    public long instructionsReplayed() {
        return instructions;
    }

    public long recordsReplayed() {
        return records;
    }

    public int distinctPages() {
        return pages.size();
    }

    public boolean exhausted() {
        return exhausted;
    }

    /**
     * The rate ({@code instructionsPerUs} or {@code accessesPerUs}, whichever this trace uses) at which the
     * part replayed so far would have lasted {@code targetUs} of trace time.
     */
    public double rateForTraceTimeUs(double targetUs) {
        double rate = instructionTime ? opts.instructionsPerUs() : opts.accessesPerUs();
        return rate * traceTimeUs() / targetUs;
    }

    /** Trace time replayed so far, in microseconds. */
    public double traceTimeUs() {
        return instructionTime ? instructions / opts.instructionsPerUs() : records / opts.accessesPerUs();
    }

    @Override
    public void init(MonitorContext ctx) {
        if (ctx.targets().size() != 1) {
            throw new IllegalArgumentException("a trace has exactly one target, got " + ctx.targets().size());
        }
        if (opts.pageGranular() && ctx.attributes().minNrRegions() != Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "the page-granular trace monitor needs TraceOperations.pageGranularAttributes()");
        }
        if (!fillBatch()) {
            throw new TraceFormatException(reader.name() + ": empty trace (no access records)");
        }
        // Replaying interval 1 before its check changes nothing (marks are per interval) and gives the
        // initial regions something to cover.
        replayUntil(limitAt(ctx.attributes().sampleUs() * 1000L), 1);
        Target t = ctx.targets().getFirst();
        if (t.regions().size() == 0) {
            updateRegions(ctx, t);
        }
    }

    @Override
    public void update(MonitorContext ctx) {
        if (pages.size() != regionsBuiltForPages) {
            updateRegions(ctx, ctx.targets().getFirst());
        }
    }

    @Override
    public void prepareAccessChecks(MonitorContext ctx) {
        Regions r = ctx.targets().getFirst().regions();
        for (int i = 0, n = r.size(); i < n; i++) {
            r.setSamplingAddr(i, opts.pageGranular() ? r.start(i) : ctx.randomAddress(r.start(i), r.end(i)));
        }
    }

    @Override
    public int checkAccesses(MonitorContext ctx) {
        int seq = (int) ctx.passedSampleIntervals();
        replayUntil(limitAt(ctx.clock().nowNs() - ctx.startNs()), seq);
        Target t = ctx.targets().getFirst();
        Regions r = t.regions();
        if (pages.size() != regionsBuiltForPages && (opts.pageGranular() || r.size() == 0)) {
            // The baseline watches every page from its first touch; DAMON waits for the ops update
            // unless it has nothing to monitor yet.
            updateRegions(ctx, t);
        }
        settlePending();
        int maxNr = 0;
        for (int i = 0, n = r.size(); i < n; i++) {
            long addr = r.samplingAddr(i);
            int slot = i < slotCacheCount && slotCacheAddr[i] == addr ? slotCache[i] : pages.get(addr >>> pageShift);
            boolean accessed = slot >= 0 && lastSample[slot] == seq;
            maxNr = Math.max(maxNr, ctx.updateAccess(r, i, accessed));
        }
        return maxNr;
    }

    @Override
    public boolean targetValid(MonitorContext ctx, Target target) {
        return !exhausted;
    }

    @Override
    public void cleanup(MonitorContext ctx) {
        reader.close();
    }

    // ---- replay ---------------------------------------------------------------------------------

    /** The trace position (instructions or records) reached after {@code elapsedNs} of monitor time. */
    private long limitAt(long elapsedNs) {
        double rate = instructionTime ? opts.instructionsPerUs() : opts.accessesPerUs();
        return (long) (elapsedNs / 1000.0 * rate);
    }

    private boolean fillBatch() {
        if (exhausted) {
            return false;
        }
        batchLen = reader.read(addrs, infos);
        batchPos = 0;
        if (batchLen == 0) {
            exhausted = true;
            return false;
        }
        if (!timeModeKnown) {
            timeModeKnown = true;
            for (int i = 0; i < batchLen && !instructionTime; i++) {
                instructionTime = TraceReader.kind(infos[i]) == TraceReader.KIND_INSTR;
            }
        }
        return true;
    }

    /** Replays every record before trace position {@code limit}, marking pages with interval {@code seq}. */
    private void replayUntil(long limit, int seq) {
        boolean byInstr = instructionTime;
        boolean fetches = opts.instructionFetches();
        while (true) {
            if (batchPos == batchLen && !fillBatch()) {
                return;
            }
            int p = batchPos;
            int end = batchLen;
            long instr = instructions;
            long recs = records;
            boolean reached = false;
            for (; p < end; p++) {
                int info = infos[p];
                boolean isInstr = (info & 3) == TraceReader.KIND_INSTR;
                if (byInstr) {
                    if (isInstr) {
                        if (instr >= limit) {
                            reached = true;
                            break;
                        }
                        instr++;
                    }
                } else if (recs >= limit) {
                    reached = true;
                    break;
                }
                recs++;
                if (isInstr && !fetches) {
                    continue;
                }
                long addr = addrs[p];
                long first = addr >>> pageShift;
                long last = (addr + Math.max(info >>> 2, 1) - 1) >>> pageShift;
                touchPage(first, seq);
                for (long pg = first + 1; pg <= last; pg++) {
                    touchPage(pg, seq);
                }
            }
            batchPos = p;
            instructions = instr;
            records = recs;
            if (reached) {
                return;
            }
        }
    }

    private void touchPage(long page, int seq) {
        int slot;
        if (page == cachedPage) {
            slot = cachedSlot;
        } else {
            int before = pages.size();
            slot = pages.getOrAdd(page);
            if (slot == lastSample.length) {
                growSlots();
            }
            if (pages.size() != before) {
                inside[slot] = opts.pageGranular() || inRanges(page << pageShift);
            }
            cachedPage = page;
            cachedSlot = slot;
        }
        boolean firstInInterval = lastSample[slot] != seq;
        lastSample[slot] = seq;
        windowTouches++;
        if (touchWindow[slot] != coverageWindow) {
            touchWindow[slot] = coverageWindow;
            windowPages++;
        }
        if (inside[slot]) {
            if (!seen[slot]) {
                seen[slot] = true;
                seenPages++;
            }
        } else if (pendingTouches[slot]++ == 0) {
            if (pendingCount == pendingSlots.length) {
                pendingSlots = Arrays.copyOf(pendingSlots, pendingCount * 2);
            }
            pendingSlots[pendingCount++] = slot;
        }
        if (opts.groundTruth()) {
            if (firstInInterval) {
                windowSamples[slot]++;
            }
            if (windowAccesses[slot]++ == 0) {
                touchedThisWindow[touchedCount++] = slot;
            }
        }
    }

    private void growSlots() {
        int cap = lastSample.length * 2;
        lastSample = Arrays.copyOf(lastSample, cap);
        inside = Arrays.copyOf(inside, cap);
        seen = Arrays.copyOf(seen, cap);
        touchWindow = Arrays.copyOf(touchWindow, cap);
        outsideWindow = Arrays.copyOf(outsideWindow, cap);
        pendingTouches = Arrays.copyOf(pendingTouches, cap);
        if (opts.groundTruth()) {
            windowAccesses = Arrays.copyOf(windowAccesses, cap);
            windowSamples = Arrays.copyOf(windowSamples, cap);
            touchedThisWindow = Arrays.copyOf(touchedThisWindow, cap);
        }
    }

    // ---- address space --------------------------------------------------------------------------

    /** The pages touched so far as coalesced, sorted, page-aligned mappings. */
    public List<AddressRange> mappings() {
        long[] sortedPages = pages.sortedPages();
        int sortedCount = pages.size();
        regionsBuiltForPages = sortedCount;
        List<AddressRange> out = new ArrayList<>();
        int i = 0;
        while (i < sortedCount) {
            int j = i;
            while (j + 1 < sortedCount && sortedPages[j + 1] == sortedPages[j] + 1) {
                j++;
            }
            out.add(new AddressRange(sortedPages[i] << pageShift, (sortedPages[j] + 1) << pageShift));
            i = j + 1;
        }
        return out;
    }

    private void updateRegions(MonitorContext ctx, Target t) {
        List<AddressRange> maps = mappings();
        if (maps.isEmpty()) {
            return;
        }
        if (opts.pageGranular()) {
            rebuildPerPage(t.regions());
            return;
        }
        List<AddressRange> three = ThreeRegions.of(maps, opts.pageSize());
        List<AddressRange> ranges = three.isEmpty() ? maps : three;
        ctx.setRegions(t, ranges);
        // the ranges span every page touched so far
        Arrays.fill(inside, 0, pages.size(), true);
        rangeStarts = new long[ranges.size()];
        rangeEnds = new long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            rangeStarts[i] = ranges.get(i).start();
            rangeEnds[i] = ranges.get(i).end();
        }
    }

    /** True when {@code addr} lies in one of the ranges of the last build (sorted, disjoint). */
    private boolean inRanges(long addr) {
        int lo = 0;
        int hi = rangeStarts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addr, rangeStarts[mid]) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(addr, rangeEnds[mid]) >= 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    // ---- coverage -------------------------------------------------------------------------------

    /** At a check: the touches of pages still outside every range count as unseen. */
    private void settlePending() {
        for (int i = 0; i < pendingCount; i++) {
            int slot = pendingSlots[i];
            if (inside[slot]) {
                if (!seen[slot]) {
                    seen[slot] = true;
                    seenPages++;
                }
            } else {
                windowTouchesOutside += pendingTouches[slot];
                if (outsideWindow[slot] != coverageWindow) {
                    outsideWindow[slot] = coverageWindow;
                    windowPagesOutside++;
                }
            }
            pendingTouches[slot] = 0;
        }
        pendingCount = 0;
    }

    @Override
    public Coverage drainCoverage(int targetIndex) {
        Coverage c = new Coverage(windowPages, windowPagesOutside, windowTouches, windowTouchesOutside);
        totalTouches += windowTouches;
        totalTouchesOutside += windowTouchesOutside;
        windowPages = 0;
        windowPagesOutside = 0;
        windowTouches = 0;
        windowTouchesOutside = 0;
        coverageWindow++;
        return c;
    }

    @Override
    public Coverage totalCoverage(int targetIndex) {
        return new Coverage(pages.size(), pages.size() - seenPages, totalTouches + windowTouches,
                totalTouchesOutside + windowTouchesOutside);
    }

    /** Baseline mode: one region per touched page, keeping the counters of pages already monitored. */
    private void rebuildPerPage(Regions r) {
        int old = r.size();
        long[] oldStart = new long[old];
        int[][] counters = new int[4][old];
        for (int i = 0; i < old; i++) {
            oldStart[i] = r.start(i);
            counters[0][i] = r.nrAccesses(i);
            counters[1][i] = r.nrAccessesBp(i);
            counters[2][i] = r.lastNrAccesses(i);
            counters[3][i] = r.age(i);
        }
        r.clear();
        long[] sortedPages = pages.sortedPages();
        int n = pages.size();
        if (slotCache.length < n) {
            slotCache = new int[Math.max(n, slotCache.length * 2)];
            slotCacheAddr = new long[slotCache.length];
        }
        slotCacheCount = n;
        int k = 0;
        for (int i = 0; i < n; i++) {
            long s = sortedPages[i] << pageShift;
            r.add(s, s + opts.pageSize());
            r.setSamplingAddr(r.size() - 1, s);
            slotCacheAddr[i] = s;
            slotCache[i] = pages.get(sortedPages[i]);
            while (k < old && Long.compareUnsigned(oldStart[k], s) < 0) {
                k++;
            }
            if (k < old && oldStart[k] == s) {
                int idx = r.size() - 1;
                r.setNrAccesses(idx, counters[0][k]);
                r.setNrAccessesBp(idx, counters[1][k]);
                r.setLastNrAccesses(idx, counters[2][k]);
                r.setAge(idx, counters[3][k]);
            }
        }
    }

    // ---- ground truth ---------------------------------------------------------------------------

    @Override
    public void drainWindow(int targetIndex, TruthWindow out) {
        if (!opts.groundTruth()) {
            throw new IllegalStateException("ground truth was not enabled in the trace options");
        }
        out.clear();
        int n = touchedCount;
        if (drainScratch.length < n) {
            drainScratch = new long[Math.max(n, drainScratch.length * 2)];
        }
        long[] sorted = drainScratch;
        for (int i = 0; i < n; i++) {
            sorted[i] = pages.page(touchedThisWindow[i]);
        }
        Arrays.sort(sorted, 0, n);
        int i = 0;
        while (i < n) {
            int slot = pages.get(sorted[i]);
            int acc = windowAccesses[slot];
            int smp = windowSamples[slot];
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[j] + 1) {
                int next = pages.get(sorted[j + 1]);
                if (windowAccesses[next] != acc || windowSamples[next] != smp) {
                    break;
                }
                j++;
            }
            for (int k = i; k <= j; k++) {
                int s = pages.get(sorted[k]);
                windowAccesses[s] = 0;
                windowSamples[s] = 0;
            }
            out.add(sorted[i] << pageShift, (sorted[j] + 1) << pageShift, (double) acc * (j - i + 1), 1.0, smp);
            i = j + 1;
        }
        touchedCount = 0;
    }

    @Override
    public long mappedPages(int targetIndex) {
        return pages.size();
    }
}
