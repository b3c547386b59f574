package org.jdamon.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One monitoring request ({@code damon_ctx}): attributes, an operations set, targets and the worker loop
 * that samples, aggregates, merges, splits and tunes them (design §2-§7).
 *
 * <p>Time is counted in sampling iterations ({@code passed_sample_intervals}) exactly like the kernel;
 * the injected {@link Clock} only provides the sleeps and timestamps, and the injected random generator
 * the sampling addresses and split points, so a simulation is reproducible byte for byte.
 *
 * <p>Where this follows the newest kernel (the mm tree) rather than 6.18: {@code applyMinNrRegions} runs
 * at start and after each merge (so one big paddr/fvaddr range is split to {@code min_nr_regions} at
 * once); a region's age resets when its frequency changes between zero and non-zero (6.19) and grows
 * once per merge however many merge passes run; above {@code max_nr_regions / 2} a fraction of the
 * regions is still split; {@link #setRegions} refuses unsorted or overlapping ranges; an attribute change
 * on an aggregation boundary rescales {@code last_nr_accesses} too.
 *
 * <p>Changes from other threads ({@link #commitAttributes}, {@link #commit}, {@link #addTarget},
 * {@link #removeTarget}, {@link #call}) are queued and run by the worker where the kernel's
 * {@code kdamond_fn} runs {@code kdamond_call}: after the sampling and the merge step of an iteration,
 * before the schemes, so they take effect in the iteration that picks them up.
 */
public final class MonitorContext {
    /** The default {@code min_region_sz}: a page. */
    public static final long DEFAULT_MIN_REGION_SZ = 4096;

    private Attributes attrs;
    private final Operations ops;
    private final Clock clock;
    private final RandomGenerator random;
    private final List<Target> targets;
    private final List<Target> targetsView;
    private final SchemeEngine schemes;
    private long minRegionSz;
    private final long deadlineNs;
    private final List<Consumer<MonitorContext>> afterSample = new CopyOnWriteArrayList<>();
    private final List<AggregationListener> afterAggregation = new CopyOnWriteArrayList<>();

    private long passed;
    private long nextAggrSis;
    private long nextUpdateSis;
    private long nextTuneSis;
    private long lastSplitN;
    private long szLimit;
    private long windowStartNs;
    private long startNs;
    private int lenWindow;
    /** {@code k * 10000 / lenWindow} for each possible {@code last_nr_accesses} k: no division per sample. */
    private int[] bpDecay = new int[0];
    /** Above this many cuts, the above-half split rebuilds the regions instead of inserting in place. */
    private static final int FEW_CUTS = 32;
    /** Where the next above-half split starts picking regions, so each call picks different ones. */
    private int splitRotation;
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile boolean paused;
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

    /** A queued {@link #call}: the function and what its caller waits on. */
    private record Call(Consumer<MonitorContext> fn, CompletableFuture<Void> done) {}
    private final Regions scratch = new Regions(64);

    private MonitorContext(Builder b) {
        this.clock = b.clock;
        this.attrs = requireTimeAdvances(b.attrs.validate());
        this.ops = Objects.requireNonNull(b.ops, "operations");
        this.random = b.random;
        this.targets = new ArrayList<>(b.targets);
        this.targetsView = Collections.unmodifiableList(targets);
        this.schemes = b.schemes;
        this.minRegionSz = requirePowerOfTwo(b.minRegionSz);
        this.deadlineNs = b.deadlineNs;
        this.paused = b.paused;
        afterSample.addAll(b.afterSample);
        afterAggregation.addAll(b.afterAggregation);
        setLenWindow(attrs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Attributes attributes() {
        return attrs;
    }

    public Operations operations() {
        return ops;
    }

    public Clock clock() {
        return clock;
    }

    public RandomGenerator random() {
        return random;
    }

    /** The targets in order; changes only through {@link #addTarget}, {@link #removeTarget} or {@link #commit}. */
    public List<Target> targets() {
        return targetsView;
    }

    public SchemeEngine schemeEngine() {
        return schemes;
    }

    /** {@code min_region_sz}: the alignment and minimum size of every region (a page by default). */
    public long minRegionSize() {
        return minRegionSz;
    }

    /** Completed sampling iterations since start: DAMON's clock. */
    public long passedSampleIntervals() {
        return passed;
    }

    public long nextAggregationSis() {
        return nextAggrSis;
    }

    /** True when the current iteration ends an aggregation window (valid inside scheme application). */
    public boolean atAggregationBoundary() {
        return passed >= nextAggrSis;
    }

    /** Clock time when {@link #run()} started. */
    public long startNs() {
        return startNs;
    }

    public int totalRegions() {
        int n = 0;
        for (Target t : targets) {
            n += t.regions().size();
        }
        return n;
    }

    public void addAfterSample(Consumer<MonitorContext> callback) {
        afterSample.add(callback);
    }

    public void addAfterAggregation(AggregationListener listener) {
        afterAggregation.add(listener);
    }

    /** Asks the worker to stop after the current iteration; safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Commits new attributes (design §7.1): validated now, applied by the worker at its call point with
     * {@code nr_accesses}, {@code last_nr_accesses} and {@code age} rescaled (§7.2); at once when the
     * context is not running.
     */
    public void commitAttributes(Attributes newAttrs) {
        Attributes next = requireTimeAdvances(newAttrs.validate());
        call(c -> c.setAttributes(next));
    }

    /**
     * Runs {@code fn} on the worker ({@code damon_call}): after the sampling and merge step of the
     * iteration that picks it up, before the schemes, so it may change attributes, targets and regions
     * safely. Runs at once when the context is not running, throwing what {@code fn} throws; on a running
     * context the future completes once {@code fn} ran, exceptionally with what it threw, and the worker
     * goes on.
     */
    public CompletableFuture<Void> call(Consumer<MonitorContext> fn) {
        Objects.requireNonNull(fn);
        Call c = new Call(fn, new CompletableFuture<>());
        if (running) {
            calls.add(c);
            if (!running) {
                runCalls(); // the worker stopped meanwhile and may have drained the queue before the add
            }
        } else {
            fn.accept(this); // not running: a failure reaches the caller as it happens
            c.done().complete(null);
        }
        return c.done();
    }

    /**
     * Adds a target to a running context. Its regions are the ones it brings, else its initial ranges,
     * else whatever the operations set gives it ({@link Operations#targetAdded}).
     */
    public CompletableFuture<Void> addTarget(Target target) {
        Objects.requireNonNull(target);
        return call(c -> c.attachTarget(target));
    }

    /** Removes a target from a running context ({@code damon_destroy_target}); the others keep their state. */
    public CompletableFuture<Void> removeTarget(Target target) {
        Objects.requireNonNull(target);
        return call(c -> c.detachTarget(target));
    }

    /**
     * Pauses or resumes the worker ({@code damon_ctx->pause}): while paused it neither samples nor applies
     * schemes, but keeps running queued calls every sampling interval.
     */
    public void setPaused(boolean pause) {
        call(c -> c.paused = pause);
    }

    public boolean paused() {
        return paused;
    }

    /**
     * Commits the user-set parameters of {@code src}, a context that is not running, into this one
     * ({@code damon_commit_ctx}). Targets are matched by position: a matched target takes the ranges of
     * {@code src}'s regions if it has any ({@code damon_commit_target_regions}) and keeps its counters where
     * they overlap; a target marked obsolete in {@code src}, or one {@code src} does not have, is removed;
     * further {@code src} targets are added. Then attributes (rescaling the monitoring results when they
     * differ), pause and the minimum region size. The operations set and the scheme engine stay: they carry
     * state the kernel keeps in ops and DAMOS objects.
     *
     * @throws IllegalArgumentException now, before anything changes, for a minimum region size that is not
     *     a power of two, a new target marked obsolete, or target regions that are unsorted or overlapping
     */
    public CompletableFuture<Void> commit(MonitorContext src) {
        requirePowerOfTwo(src.minRegionSz);
        List<Target> srcTargets = List.copyOf(src.targets);
        for (int i = 0; i < srcTargets.size(); i++) {
            Target t = srcTargets.get(i);
            if (t.obsolete() && i >= targets.size()) {
                throw new IllegalArgumentException("target " + i + " is marked obsolete but this context has "
                        + "no target " + i + " to remove");
            }
            if (!t.obsolete()) {
                requireSortedDisjoint(rangesOf(t.regions()), src.minRegionSz);
            }
        }
        Attributes srcAttrs = requireTimeAdvances(src.attrs.validate());
        boolean srcPaused = src.paused;
        long srcMinRegionSz = src.minRegionSz;
        return call(c -> c.commitNow(srcTargets, srcAttrs, srcPaused, srcMinRegionSz));
    }

    private void commitNow(List<Target> srcTargets, Attributes srcAttrs, boolean srcPaused, long srcMinRegionSz) {
        List<Target> current = List.copyOf(targets);
        for (int i = 0; i < current.size(); i++) {
            Target dst = current.get(i);
            Target from = i < srcTargets.size() ? srcTargets.get(i) : null;
            if (from == null || from.obsolete()) {
                detachTarget(dst);
            } else if (from.regions().size() > 0) {
                setRegions(dst, rangesOf(from.regions()), srcMinRegionSz);
            }
        }
        for (int i = current.size(); i < srcTargets.size(); i++) {
            attachTarget(srcTargets.get(i));
        }
        if (!srcAttrs.equals(attrs)) {
            setAttributes(srcAttrs);
        }
        paused = srcPaused;
        minRegionSz = srcMinRegionSz;
    }

    private void attachTarget(Target t) {
        if (targets.contains(t)) {
            throw new IllegalArgumentException("target " + t.name() + " is already in this context");
        }
        targets.add(t);
        if (t.regions().size() == 0 && !t.initialRanges().isEmpty()) {
            setRegions(t, t.initialRanges());
        }
        if (running) {
            ops.targetAdded(this, t);
        }
    }

    private void detachTarget(Target t) {
        if (!targets.remove(t)) {
            return;
        }
        if (running) {
            ops.targetRemoved(this, t);
            schemes.targetRemoved(this, t);
        }
    }

    private static List<AddressRange> rangesOf(Regions r) {
        List<AddressRange> ranges = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            ranges.add(new AddressRange(r.start(i), r.end(i)));
        }
        return ranges;
    }

    private static long requirePowerOfTwo(long minRegionSz) {
        if (Long.bitCount(minRegionSz) != 1) {
            throw new IllegalArgumentException("min region size must be a power of two: " + minRegionSz);
        }
        return minRegionSz;
    }

    private Attributes requireTimeAdvances(Attributes a) {
        if (timeStandsStill(a.sampleUs())) {
            throw new InvalidAttributesException("invalid monitoring attributes: a sampling interval of 0 "
                    + "never advances simulated time (give -s/--sample a positive interval)");
        }
        return a;
    }

    private boolean timeStandsStill(long sampleUs) {
        return sampleUs == 0 && clock instanceof VirtualClock;
    }

    /**
     * True once the worker should stop: {@link #stop()} was called, the deadline passed, or no target is
     * valid any more. For hooks that wait inside an iteration, like DAMOS watermarks.
     */
    public boolean needStop() {
        return stopRequested || !beforeDeadline() || !anyTargetValid();
    }

    /** Runs the worker loop in a new platform thread named like a kdamond. */
    public Thread start(String threadName) {
        Thread t = new Thread(this::runUnchecked, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void runUnchecked() {
        try {
            run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the worker loop in the calling thread until {@link #stop()}, the deadline, or until no target
     * is valid any more.
     */
    public void run() throws InterruptedException {
        startNs = clock.nowNs();
        windowStartNs = startNs;
        passed = 0;
        long sample = Math.max(attrs.sampleUs(), 1);
        nextAggrSis = attrs.aggrUs() / sample;
        nextUpdateSis = attrs.updateUs() / sample;
        nextTuneSis = nextAggrSis * attrs.intervalsGoal().aggrs();
        running = true; // from here calls from other threads wait for the worker's call point
        try {
            ops.init(this);
        } catch (RuntimeException | Error e) {
            running = false;
            throw e;
        }
        szLimit = applyMinNrRegions();
        try {
            while (!stopRequested && anyTargetValid() && beforeDeadline()) {
                // read once: calls below may change them, and take effect from the next iteration
                long aggrDue = nextAggrSis;
                long updDue = nextUpdateSis;
                if (!schemes.waitForActivation(this)) {
                    break;
                }
                ops.prepareAccessChecks(this);
                clock.sleepUs(attrs.sampleUs());
                passed++;
                int maxNr = ops.checkAccesses(this);
                for (Consumer<MonitorContext> cb : afterSample) {
                    cb.accept(this);
                }
                boolean aggregate = passed >= aggrDue;
                if (aggregate) {
                    mergeRegions(maxNr / 10, szLimit);
                    szLimit = applyMinNrRegions();
                }
                runCalls();
                if (!waitWhilePaused()) {
                    break;
                }
                if (schemes.hasSchemes()) {
                    schemes.applySchemes(this);
                }
                sample = Math.max(attrs.sampleUs(), 1);
                if (aggregate) {
                    IntervalsGoal goal = attrs.intervalsGoal();
                    if (goal.enabled() && passed >= nextTuneSis) {
                        nextAggrSis = aggrDue;
                        nextTuneSis += (long) attrs.maxNrAccesses() * goal.aggrs();
                        tuneIntervals();
                        sample = Math.max(attrs.sampleUs(), 1);
                    }
                    nextAggrSis = aggrDue + attrs.aggrUs() / sample;
                    resetAggregated();
                    splitRegions();
                }
                if (passed >= updDue) {
                    nextUpdateSis = updDue + attrs.updateUs() / sample;
                    ops.update(this);
                }
            }
        } finally {
            running = false;
            runCalls();
            ops.cleanup(this);
        }
    }

    /** {@code kdamond_call}: runs the queued calls in the order they came. */
    private void runCalls() {
        Call c;
        while ((c = calls.poll()) != null) {
            run(c);
        }
    }

    private void run(Call c) {
        try {
            c.fn().accept(this);
            c.done().complete(null);
        } catch (RuntimeException e) {
            c.done().completeExceptionally(e);
        }
    }

    /** Sleeps a sampling interval at a time while paused, running calls; false once the worker must stop. */
    private boolean waitWhilePaused() throws InterruptedException {
        while (paused) {
            if (needStop()) {
                return false;
            }
            clock.sleepUs(attrs.sampleUs());
            runCalls();
        }
        return true;
    }

    private boolean beforeDeadline() {
        return deadlineNs == Long.MAX_VALUE || clock.nowNs() < deadlineNs;
    }

    private boolean anyTargetValid() {
        for (Target t : targets) {
            if (ops.targetValid(this, t)) {
                return true;
            }
        }
        return false;
    }

    // ---- §3.3 counters --------------------------------------------------------------------------

    /**
     * Records one sampling result for region {@code i} ({@code damon_update_region_access_rate}): the
     * pseudo moving sum {@code nr_accesses_bp} and {@code nr_accesses}. Returns the new
     * {@code nr_accesses}.
     */
    public int updateAccess(Regions r, int i, boolean accessed) {
        int last = r.lastNrAccesses(i);
        int decay = last < bpDecay.length ? bpDecay[last] : (int) ((long) last * 10_000 / lenWindow);
        int bp = r.nrAccessesBp(i) - decay;
        int nr = r.nrAccesses(i);
        if (accessed) {
            bp += 10_000;
            nr++;
            r.setNrAccesses(i, nr);
        }
        r.setNrAccessesBp(i, bp);
        return nr;
    }

    /**
     * {@code damon_nr_accesses_mvsum}: region {@code i}'s access count over the last aggregation-long
     * window, from the counts of the current and the last window alone: the current count plus the part of
     * the last window that is still inside the moving window. While no sample of the current window was
     * taken yet, the last window's count.
     */
    public int nrAccessesMvsum(RegionsView r, int i) {
        return nrAccessesMvsum(r.nrAccesses(i), r.lastNrAccesses(i), passed, nextAggrSis, attrs.maxNrAccesses());
    }

    static int nrAccessesMvsum(int nr, int last, long passed, long nextAggrSis, int windowLen) {
        long left = nextAggrSis - passed;
        if (left >= windowLen) {
            return last;
        }
        return (int) mvsum(nr, last, Math.max(left, 0) * 10_000 / Math.max(windowLen, 1));
    }

    /** {@code damon_mvsum}: {@code current + last * leftWindowBp / 10000}. */
    static long mvsum(long current, long last, long leftWindowBp) {
        return current + UnsignedMath.mulDiv(last, leftWindowBp, 10_000);
    }

    /** The moving sum's window: samples per aggregation ({@code damon_max_nr_accesses}), at least 1. */
    private void setLenWindow(Attributes a) {
        int len = a.sampleUs() != 0 ? Math.max(a.maxNrAccesses(), 1) : 1;
        if (len != lenWindow) {
            lenWindow = len;
            bpDecay = new int[Math.min(len, 1 << 16) + 1];
            for (int k = 0; k < bpDecay.length; k++) {
                bpDecay[k] = (int) ((long) k * 10_000 / len);
            }
        }
    }

    /**
     * A uniformly random address in {@code [start, end)}: the high half of a 64x64-bit product, like
     * the kernel's {@code damon_rand} (a multiply-shift) but 64-bit bounded. Without the kernel's
     * rejection step the bias is below {@code (end - start) / 2^64}, under 2^-16 for any range below
     * 256 TiB, and no division is needed.
     */
    public long randomAddress(long start, long end) {
        return start + Math.unsignedMultiplyHigh(random.nextLong(), end - start);
    }

    // ---- §3.4 aggregation reset -----------------------------------------------------------------

    void resetAggregated() {
        long now = clock.nowNs();
        for (AggregationListener l : afterAggregation) {
            l.afterAggregation(this, windowStartNs, now);
        }
        windowStartNs = now;
        for (Target t : targets) {
            Regions r = t.regions();
            for (int i = 0, n = r.size(); i < n; i++) {
                int nr = r.nrAccesses(i);
                r.setNrAccessesBp(i, nr * 10_000);
                r.setLastNrAccesses(i, nr);
                r.setNrAccesses(i, 0);
            }
        }
    }

    // ---- §5.1 merge -----------------------------------------------------------------------------

    /** {@code sz_limit}: total monitored bytes / min_nr_regions, at least one minimum region. */
    public long regionSizeLimit() {
        long total = 0;
        for (Target t : targets) {
            total += t.regions().totalBytes();
        }
        long lim = attrs.minNrRegions() != 0 ? total / attrs.minNrRegions() : total;
        return Math.max(lim, minRegionSz);
    }

    /**
     * {@code kdamond_merge_regions}: merges similar neighbours, repeating with a doubled threshold while
     * there are more than {@code max_nr_regions}. Ages are counted in the first pass only: a region's age
     * grows once per aggregation however many passes it takes.
     */
    void mergeRegions(int threshold, long sizeLimit) {
        long maxThres = attrs.aggrUs() / Math.max(attrs.sampleUs(), 1);
        long thres = threshold;
        boolean countAges = true;
        long n;
        do {
            n = 0;
            for (Target t : targets) {
                mergeRegionsOf(t.regions(), (int) Math.min(thres, Integer.MAX_VALUE), sizeLimit, countAges);
                n += t.regions().size();
            }
            countAges = false;
            thres = Math.max(1, thres * 2);
        } while (n > attrs.maxNrRegions() && thres / 2 < maxThres);
    }

    static void mergeRegionsOf(Regions r, int thres, long sizeLimit, boolean countAges) {
        int w = -1;
        for (int i = 0, n = r.size(); i < n; i++) {
            if (countAges) {
                updateAge(r, i, thres);
            }
            if (w >= 0
                    && r.end(w) == r.start(i)
                    && Math.abs(r.nrAccesses(w) - r.nrAccesses(i)) <= thres
                    && r.regionSize(w) + r.regionSize(i) <= sizeLimit) {
                mergeInto(r, w, i);
            } else {
                w++;
                r.moveTo(i, w);
            }
        }
        r.truncate(w + 1);
    }

    /** §3.5: age grows while the frequency stays similar, and restarts when it changes. */
    static void updateAge(Regions r, int i, int thres) {
        int nr = r.nrAccesses(i);
        int last = r.lastNrAccesses(i);
        if (Math.abs(nr - last) > thres || (nr == 0) != (last == 0)) {
            r.setAge(i, 0);
        } else {
            r.setAge(i, r.age(i) + 1);
        }
    }

    /** {@code damon_merge_two_regions}: l absorbs r with size-weighted nr_accesses and age. */
    private static void mergeInto(Regions reg, int l, int r) {
        long sl = reg.regionSize(l);
        long sr = reg.regionSize(r);
        int nr = (int) UnsignedMath.weightedAverage(reg.nrAccesses(l), sl, reg.nrAccesses(r), sr);
        reg.setNrAccesses(l, nr);
        reg.setNrAccessesBp(l, nr * 10_000);
        reg.setAge(l, (int) UnsignedMath.weightedAverage(reg.age(l), sl, reg.age(r), sr));
        reg.setEnd(l, reg.end(r));
    }

    // ---- §5.2 split and §5.4 min_nr_regions -----------------------------------------------------

    /**
     * {@code kdamond_split_regions}: every region in two (three when the count did not change since the
     * last call and is below a third of the maximum) while the count is at most half the maximum. Above
     * half, one region in every {@code max / (max - n)} is split in two, from a start that rotates between
     * calls, so the count still grows towards the maximum without passing it.
     */
    void splitRegions() {
        long n = totalRegions();
        int max = attrs.maxNrRegions();
        if (n > max / 2) {
            if (n < max) {
                splitAFraction(n, max);
            }
            lastSplitN = n;
            return;
        }
        int subs = 2;
        if (lastSplitN == n && n < max / 3) {
            subs = 3;
        }
        for (Target t : targets) {
            splitRegionsOf(t.regions(), subs);
        }
        lastSplitN = n;
    }

    private void splitAFraction(long n, int max) {
        long budget = max - n;
        long stride = max / budget;
        long offset = splitRotation % stride;
        splitRotation = (int) ((splitRotation + 1) % stride);
        long next = (stride - offset) % stride; // the first index with (index + offset) % stride == 0
        // a few cuts are inserted in place; many go through the double buffer, one pass per target
        boolean inPlace = Math.min(budget, (n + stride - 1) / stride) <= FEW_CUTS;
        long base = 0;
        for (Target t : targets) {
            Regions r = t.regions();
            int nr = r.size();
            if (inPlace) {
                for (int added = 0; budget > 0 && next < base + nr; next += stride) {
                    int i = (int) (next - base) + added;
                    long cut = randomCut(r.regionSize(i));
                    if (cut != 0) {
                        r.splitAt(i, cut);
                        added++;
                        budget--;
                    }
                }
            } else {
                Regions out = scratch;
                out.clear();
                for (int i = 0; i < nr; i++) {
                    long cut = budget > 0 && base + i == next ? randomCut(r.regionSize(i)) : 0;
                    if (base + i == next) {
                        next += stride;
                    }
                    if (cut != 0) {
                        out.appendCopy(r, i, r.start(i), r.start(i) + cut);
                        out.appendCopy(r, i, r.start(i) + cut, r.end(i));
                        budget--;
                    } else {
                        out.appendCopy(r, i, r.start(i), r.end(i));
                    }
                }
                r.swapContents(out);
            }
            base += nr;
        }
    }

    /** A cut at 10% to 90% of {@code size}, aligned; 0 when the region is too small or the cut degenerate. */
    private long randomCut(long size) {
        if (size <= 2 * minRegionSz) {
            return 0;
        }
        long sub = UnsignedMath.alignDown((1 + random.nextLong(9)) * size / 10, minRegionSz);
        return sub == 0 || sub >= size ? 0 : sub;
    }

    void splitRegionsOf(Regions r, int subs) {
        Regions out = scratch;
        out.clear();
        for (int i = 0, n = r.size(); i < n; i++) {
            long s = r.start(i);
            long szr = r.regionSize(i);
            // Cuts keep splitting the left piece, so at most two cut points, the second left of the first.
            long cut1 = 0;
            long cut2 = 0;
            for (int k = 0; k < subs - 1 && szr > 2 * minRegionSz; k++) {
                long sub = randomCut(szr);
                if (sub == 0) {
                    continue;
                }
                if (cut1 == 0) {
                    cut1 = sub;
                } else {
                    cut2 = sub;
                }
                szr = sub;
            }
            long e = r.end(i);
            if (cut2 != 0) {
                out.appendCopy(r, i, s, s + cut2);
                out.appendCopy(r, i, s + cut2, s + cut1);
                out.appendCopy(r, i, s + cut1, e);
            } else if (cut1 != 0) {
                out.appendCopy(r, i, s, s + cut1);
                out.appendCopy(r, i, s + cut1, e);
            } else {
                out.appendCopy(r, i, s, e);
            }
        }
        r.swapContents(out);
    }

    /** Splits every region larger than the size limit into limit-sized pieces; returns the limit. */
    long applyMinNrRegions() {
        long lim = UnsignedMath.alignUp(regionSizeLimit(), minRegionSz);
        for (Target t : targets) {
            Regions r = t.regions();
            boolean needed = false;
            for (int i = 0; i < r.size() && !needed; i++) {
                needed = r.regionSize(i) > lim;
            }
            if (!needed) {
                continue;
            }
            Regions out = scratch;
            out.clear();
            for (int i = 0, n = r.size(); i < n; i++) {
                long s = r.start(i);
                long e = r.end(i);
                while (e - s > lim) {
                    out.appendCopy(r, i, s, s + lim);
                    s += lim;
                }
                out.appendCopy(r, i, s, e);
            }
            r.swapContents(out);
        }
        return lim;
    }

    // ---- §4.3 setRegions ------------------------------------------------------------------------

    /**
     * Reconciles a target's regions with new monitoring ranges ({@code damon_set_regions}): regions
     * outside every range go, the outermost regions of each range stretch to its edges, and gaps
     * inside a range are filled with new regions.
     *
     * @throws IllegalArgumentException before changing anything, when a range is empty or the ranges,
     *     aligned to the minimum region size, are unsorted or overlap
     */
    public void setRegions(Target target, List<AddressRange> ranges) {
        setRegions(target, ranges, minRegionSz);
    }

    private void setRegions(Target target, List<AddressRange> ranges, long minRegionSz) {
        requireSortedDisjoint(ranges, minRegionSz);
        Regions r = target.regions();
        for (int i = r.size() - 1; i >= 0; i--) {
            boolean keep = false;
            for (AddressRange range : ranges) {
                if (range.intersects(r.start(i), r.end(i))) {
                    keep = true;
                    break;
                }
            }
            if (!keep) {
                r.remove(i);
            }
        }
        int cursor = 0;
        for (AddressRange range : ranges) {
            int first = -1;
            int last = -1;
            while (cursor < r.size() && Long.compareUnsigned(r.start(cursor), range.end()) < 0) {
                if (range.intersects(r.start(cursor), r.end(cursor))) {
                    if (first < 0) {
                        first = cursor;
                    }
                    last = cursor;
                }
                cursor++;
            }
            long alignedStart = UnsignedMath.alignDown(range.start(), minRegionSz);
            long alignedEnd = UnsignedMath.alignUp(range.end(), minRegionSz);
            if (first < 0) {
                r.insert(cursor, alignedStart, alignedEnd);
                cursor++;
                continue;
            }
            r.setStart(first, alignedStart);
            r.setEnd(last, alignedEnd);
            for (int i = first; i < last; i++) {
                if (r.end(i) != r.start(i + 1)) {
                    r.insert(i + 1, r.end(i), r.start(i + 1));
                    i++;
                    last++;
                    cursor++;
                }
            }
        }
    }

    /**
     * Checks monitoring ranges as {@code damon_set_regions} does: each non-empty, and once aligned to
     * {@code minRegionSz} each starting at or after the end of the one before.
     *
     * @throws IllegalArgumentException naming the first offending range
     */
    public static void requireSortedDisjoint(List<AddressRange> ranges, long minRegionSz) {
        long prevEnd = 0;
        for (int i = 0; i < ranges.size(); i++) {
            AddressRange range = ranges.get(i);
            if (Long.compareUnsigned(range.start(), range.end()) >= 0) {
                throw new IllegalArgumentException("range " + range + " is empty");
            }
            long start = UnsignedMath.alignDown(range.start(), minRegionSz);
            if (i > 0 && Long.compareUnsigned(start, prevEnd) < 0) {
                AddressRange prev = ranges.get(i - 1);
                throw new IllegalArgumentException(minRegionSz > 1 && range.start() >= prev.end()
                        ? "ranges %s and %s overlap once aligned to %d bytes".formatted(prev, range, minRegionSz)
                        : "ranges %s and %s are unsorted or overlap".formatted(prev, range));
            }
            prevEnd = UnsignedMath.alignUp(range.end(), minRegionSz);
        }
    }

    // ---- §6 interval tuning and §7.2 rescaling --------------------------------------------------

    /** Access events observed vs. the goal, 10,000 meaning on target (design §6). */
    long intervalsTuningScore() {
        long events = 0;
        long maxEvents = 0;
        long aggrSamples = attrs.maxNrAccesses();
        for (Target t : targets) {
            Regions r = t.regions();
            for (int i = 0; i < r.size(); i++) {
                long sz = r.regionSize(i);
                events += sz * r.nrAccesses(i);
                maxEvents += sz * aggrSamples;
            }
        }
        long target = UnsignedMath.mulDiv(maxEvents, attrs.intervalsGoal().accessBp(), 10_000);
        if (target == 0) {
            target = 1;
        }
        return UnsignedMath.mulDiv(events, 10_000, target);
    }

    private void tuneIntervals() {
        long score = intervalsTuningScore();
        long adaptation = Feedback.next(100_000_000L, score) / 10_000;
        if (adaptation <= 10_000) {
            adaptation = 5_000 + adaptation / 2;
        }
        if (adaptation == 10_000) {
            return;
        }
        IntervalsGoal g = attrs.intervalsGoal();
        long newSample = UnsignedMath.mulDiv(attrs.sampleUs(), adaptation, 10_000);
        newSample = Math.min(Math.max(newSample, g.minSampleUs()), g.maxSampleUs());
        if (timeStandsStill(newSample)) {
            newSample = 1; // with min_sample_us 0 the kernel's tuner can reach 0; virtual time must advance
        }
        long newAggr = newSample * attrs.maxNrAccesses();
        setAttributes(new Attributes(newSample, newAggr, attrs.updateUs(), attrs.minNrRegions(),
                attrs.maxNrRegions(), g));
    }

    /**
     * {@code damon_set_attrs} on a running context: reschedules the next aggregation and update and
     * rescales every region's counters to the new intervals (design §1.1 side effects and §7.2).
     */
    void setAttributes(Attributes next) {
        Attributes old = attrs;
        long sample = Math.max(next.sampleUs(), 1);
        if (old.sampleUs() != 0 && old.aggrUs() != 0 && next.sampleUs() != 0 && next.aggrUs() != 0) {
            boolean aggregating = passed < nextAggrSis;
            for (Target t : targets) {
                Regions r = t.regions();
                for (int i = 0; i < r.size(); i++) {
                    rescaleMonitoringResult(r, i, old, next, aggregating);
                }
            }
        }
        attrs = next;
        setLenWindow(next);
        nextAggrSis = passed + next.aggrUs() / sample;
        nextUpdateSis = passed + next.updateUs() / sample;
    }

    /**
     * {@code damon_update_monitoring_result} for region {@code i}: in the middle of an aggregation the
     * partial window is dropped and the last window's count converted; on a boundary the finished count
     * and the last window's count are both converted. The age always scales with the aggregation interval.
     */
    static void rescaleMonitoringResult(Regions r, int i, Attributes old, Attributes next, boolean aggregating) {
        int last = rescaleNrAccesses(r.lastNrAccesses(i), old, next);
        r.setLastNrAccesses(i, last);
        if (aggregating) {
            r.setNrAccessesBp(i, last * 10_000);
            r.setNrAccesses(i, 0);
        } else {
            int nr = rescaleNrAccesses(r.nrAccesses(i), old, next);
            r.setNrAccesses(i, nr);
            r.setNrAccessesBp(i, nr * 10_000);
        }
        r.setAge(i, (int) UnsignedMath.mulDiv(r.age(i), old.aggrUs(), next.aggrUs()));
    }

    /** §7.2 {@code conv(n) = fromBp(toBp(n, old), new)}. */
    static int rescaleNrAccesses(int n, Attributes old, Attributes next) {
        long bp = UnsignedMath.mulDiv(n, 10_000, Math.max(old.maxNrAccesses(), 1));
        return (int) UnsignedMath.mulDiv(bp, next.maxNrAccesses(), 10_000);
    }

    /** Builds a context; attributes are validated by {@link #build()}. */
    public static final class Builder {
        private Attributes attrs = Attributes.DAMO_DEFAULTS;
        private Operations ops;
        private Clock clock = new VirtualClock();
        private RandomGenerator random = new SplittableRandom(42);
        private final List<Target> targets = new ArrayList<>();
        private SchemeEngine schemes = SchemeEngine.NONE;
        private long minRegionSz = DEFAULT_MIN_REGION_SZ;
        private long deadlineNs = Long.MAX_VALUE;
        private boolean paused;
        private final List<Consumer<MonitorContext>> afterSample = new ArrayList<>();
        private final List<AggregationListener> afterAggregation = new ArrayList<>();

        public Builder attributes(Attributes a) {
            this.attrs = Objects.requireNonNull(a);
            return this;
        }

        public Builder operations(Operations o) {
            this.ops = o;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public Builder seed(long seed) {
            return random(new SplittableRandom(seed));
        }

        public Builder addTarget(Target t) {
            targets.add(t);
            return this;
        }

        public Builder schemes(SchemeEngine engine) {
            this.schemes = Objects.requireNonNull(engine);
            return this;
        }

        public Builder minRegionSize(long sz) {
            this.minRegionSz = sz;
            return this;
        }

        /** Stop once the clock reaches this time (absolute, in the clock's nanoseconds). */
        public Builder deadlineNs(long ns) {
            this.deadlineNs = ns;
            return this;
        }

        /** Start paused ({@code damon_ctx->pause}); see {@link MonitorContext#setPaused}. */
        public Builder paused(boolean p) {
            this.paused = p;
            return this;
        }

        public Builder afterSample(Consumer<MonitorContext> cb) {
            afterSample.add(cb);
            return this;
        }

        public Builder afterAggregation(AggregationListener l) {
            afterAggregation.add(l);
            return this;
        }

        public MonitorContext build() {
            return new MonitorContext(this);
        }
    }
}
