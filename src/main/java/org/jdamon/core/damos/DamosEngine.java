package org.jdamon.core.damos;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Feedback;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.SchemeEngine;
import org.jdamon.core.Target;
import org.jdamon.core.UnsignedMath;

/**
 * The DAMOS engine (design §8): per-pass scheme application with apply intervals, quotas and their
 * charge windows, score-based prioritisation, goal feedback tuning, watermarks, core and
 * operations-level filters, statistics and tried regions. It follows the newest kernel's
 * {@code kdamond_apply_schemes} flow (§8.3) region by region and scheme by scheme; the only
 * operations-set calls are through {@link DamosOperations}.
 *
 * <p>All state lives here, not in the immutable {@link Scheme}s. The apply path allocates nothing
 * unless tried-region collection is on.
 */
public final class DamosEngine implements SchemeEngine {
    /** The kernel's guess of action throughput before any time was measured: PAGE_SIZE * 1024 per ms. */
    static final long DEFAULT_BYTES_PER_MS = 4096L * 1024;

    private static final DamosOperations NO_DAMOS = (ctx, t, s, e, req) -> 0;

    private volatile SchemeRuntime[] runtimes;
    private volatile List<Scheme> schemes;
    private volatile List<Scheme> pendingCommit;
    private final long[] histogram = new long[Scores.MAX_SCORE + 1];
    private DamosOperations ops;
    private MonitorContext boundTo;
    private volatile DamosWalkListener walkListener;
    private volatile boolean collectTried;

    public DamosEngine(List<Scheme> schemes) {
        this.schemes = List.copyOf(schemes);
        this.runtimes = new SchemeRuntime[this.schemes.size()];
        for (int i = 0; i < runtimes.length; i++) {
            runtimes[i] = new SchemeRuntime(this.schemes.get(i), i);
        }
    }

    public List<Scheme> schemes() {
        return schemes;
    }

    /**
     * Commits a new scheme list to this engine, online, as the kernel's {@code damon_commit_schemes}:
     * schemes are matched by index; a kept scheme takes every parameter of the new one (pattern, action,
     * apply interval, quota and its goals by index, watermarks, filters, target node, dests,
     * max_nr_snapshots) but keeps its runtime state (stats, charge window, esz and esz_bp, min_score,
     * resume point, tried regions; per goal {@code last_psi_total}, and for other than user_input goals
     * the last measured value). Extra old schemes go, extra new ones start fresh. Validated now against
     * the bound operations set; a running worker applies it before its next watermark check or pass.
     */
    public void commitSchemes(List<Scheme> newSchemes) {
        List<Scheme> copy = List.copyOf(newSchemes);
        MonitorContext ctx = boundTo;
        if (ctx != null) {
            validate(copy, ctx.operations());
            pendingCommit = copy;
        } else {
            install(copy, null, 0);
        }
    }

    private void applyPendingCommit(MonitorContext ctx, long passed) {
        List<Scheme> next = pendingCommit;
        if (next != null) {
            pendingCommit = null;
            install(next, ctx, passed);
        }
    }

    private void install(List<Scheme> next, MonitorContext ctx, long passed) {
        SchemeRuntime[] old = runtimes;
        SchemeRuntime[] fresh = new SchemeRuntime[next.size()];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = new SchemeRuntime(next.get(i), i);
            if (i < old.length) {
                fresh[i].inheritFrom(old[i]);
            } else if (ctx != null) {
                fresh[i].nextApplySis = passed + applyIntervalSis(ctx, fresh[i].scheme);
            }
        }
        schemes = next;
        runtimes = fresh;
    }

    @Override
    public boolean hasSchemes() {
        return runtimes.length != 0;
    }

    /**
     * Checks that {@code operations} supports every action, filter, goal metric and watermark metric
     * the schemes use; throws {@link IllegalArgumentException} naming the first missing capability.
     */
    public void validateFor(Operations operations) {
        validate(schemes, operations);
    }

    private static void validate(List<Scheme> schemes, Operations operations) {
        DamosOperations d = operations instanceof DamosOperations x ? x : null;
        for (int i = 0; i < schemes.size(); i++) {
            Scheme s = schemes.get(i);
            String where = "scheme " + i + ": ";
            if (d == null) {
                if (s.action() != DamosAction.STAT) {
                    throw new IllegalArgumentException(where + "operations set '" + operations.name()
                            + "' cannot apply DAMOS actions (only stat)");
                }
            } else if (!d.supportsAction(s.action())) {
                throw new IllegalArgumentException(where + "operations set '" + operations.name()
                        + "' does not support action " + s.action().keyword());
            }
            for (DamosFilter f : s.filters()) {
                if (!f.type().isCore() && (d == null || !d.supportsFilter(f.type()))) {
                    throw new IllegalArgumentException(where + "operations set '" + operations.name()
                            + "' does not support filter type " + f.type().keyword());
                }
            }
            for (QuotaGoal g : s.quota().goals()) {
                if (g.metric() != GoalMetric.USER_INPUT && (d == null || !d.supportsMetric(g.metric()))) {
                    throw new IllegalArgumentException(where + "operations set '" + operations.name()
                            + "' cannot measure quota goal metric " + g.metric().keyword());
                }
            }
            if (s.watermarks().metric() == Watermarks.Metric.FREE_MEM_RATE
                    && (d == null || !d.supportsFreeMemRate())) {
                throw new IllegalArgumentException(where + "operations set '" + operations.name()
                        + "' cannot measure free_mem_rate for watermarks");
            }
        }
    }

    // ---- observation and online input --------------------------------------------------------

    public SchemeStats stats(int schemeIdx) {
        return runtimes[schemeIdx].statsSnapshot();
    }

    /** The effective size quota {@code esz} of the current charge window (0 before the first pass). */
    public long effectiveQuota(int schemeIdx) {
        return runtimes[schemeIdx].esz;
    }

    /** The score threshold of the last pass (0 without prioritisation). */
    public int minScore(int schemeIdx) {
        return runtimes[schemeIdx].minScore;
    }

    public boolean activated(int schemeIdx) {
        return runtimes[schemeIdx].activated;
    }

    /** Bytes charged in the current window. */
    public long chargedBytes(int schemeIdx) {
        return runtimes[schemeIdx].chargedSz;
    }

    /**
     * Feeds a new current value to a {@code user_input} goal, like writing {@code current_value} and
     * {@code commit_schemes_quota_goals}; takes effect at the next charge window.
     */
    public void setUserInput(int schemeIdx, int goalIdx, long value) {
        SchemeRuntime rt = runtimes[schemeIdx];
        if (rt.scheme.quota().goals().get(goalIdx).metric() != GoalMetric.USER_INPUT) {
            throw new IllegalArgumentException("goal " + goalIdx + " of scheme " + schemeIdx + " is not user_input");
        }
        rt.goalCurrent[goalIdx] = value;
    }

    /** The goals' values as last evaluated (for reports), in goal order. */
    public long[] goalCurrentValues(int schemeIdx) {
        return runtimes[schemeIdx].goalCurrent.clone();
    }

    public void setWalkListener(DamosWalkListener listener) {
        this.walkListener = listener;
    }

    /** Starts or stops keeping each scheme's tried regions of its last complete pass. */
    public void collectTriedRegions(boolean on) {
        this.collectTried = on;
    }

    /** The regions the scheme tried in its last complete pass (empty unless collection is on). */
    public List<TriedRegion> triedRegions(int schemeIdx) {
        return runtimes[schemeIdx].lastTried;
    }

    // ---- §8.7 watermarks ----------------------------------------------------------------------

    @Override
    public boolean waitForActivation(MonitorContext ctx) throws InterruptedException {
        bind(ctx);
        applyPendingCommit(ctx, ctx.passedSampleIntervals());
        if (runtimes.length == 0) {
            return true;
        }
        while (!ctx.needStop()) {
            long wait = Long.MAX_VALUE;
            for (SchemeRuntime rt : runtimes) {
                wait = Math.min(wait, watermarkWaitUs(ctx, rt));
            }
            if (wait == 0) {
                return true;
            }
            ctx.clock().sleepUs(wait);
        }
        return false;
    }

    private long watermarkWaitUs(MonitorContext ctx, SchemeRuntime rt) {
        Watermarks w = rt.scheme.watermarks();
        if (w.metric() == Watermarks.Metric.NONE) {
            return 0;
        }
        long m = ops.freeMemRatePermil(ctx);
        if (m > w.high() || m < w.low()) {
            rt.activated = false;
            return w.intervalUs();
        }
        if (m >= w.mid() && !rt.activated) {
            return w.intervalUs();
        }
        rt.activated = true;
        return 0;
    }

    private void bind(MonitorContext ctx) {
        if (boundTo == ctx) {
            return;
        }
        validateFor(ctx.operations());
        boundTo = ctx;
        ops = ctx.operations() instanceof DamosOperations d ? d : NO_DAMOS;
        for (SchemeRuntime rt : runtimes) {
            rt.nextApplySis = ctx.passedSampleIntervals() + applyIntervalSis(ctx, rt.scheme);
        }
    }

    private static long applyIntervalSis(MonitorContext ctx, Scheme s) {
        long interval = s.applyIntervalUs() != 0 ? s.applyIntervalUs() : ctx.attributes().aggrUs();
        return interval / Math.max(ctx.attributes().sampleUs(), 1);
    }

    // ---- §8.3 the pass ------------------------------------------------------------------------

    @Override
    public void applySchemes(MonitorContext ctx) {
        applySchemesAt(ctx, ctx.passedSampleIntervals());
    }

    /** One pass as if {@code passed} sampling intervals had completed (tests drive this directly). */
    void applySchemesAt(MonitorContext ctx, long passed) {
        bind(ctx);
        applyPendingCommit(ctx, passed);
        boolean any = false;
        for (SchemeRuntime rt : runtimes) {
            if (passed < rt.nextApplySis || !rt.activated) {
                continue;
            }
            any = true;
            adjustQuota(ctx, rt);
        }
        if (!any) {
            return;
        }
        long maxRegionSz = ctx.regionSizeLimit();
        for (Target t : ctx.targets()) {
            if (!ctx.operations().targetValid(ctx, t)) {
                forgetResumePointsIn(t);
                continue;
            }
            Regions r = t.regions();
            for (int i = 0; i < r.size(); i++) {
                for (SchemeRuntime rt : runtimes) {
                    doApply(ctx, t, r, i, rt, passed);
                }
                if (i > 0 && mergeableWithPrevious(r, i, maxRegionSz)) {
                    r.setEnd(i - 1, r.end(i));
                    r.remove(i);
                    i--;
                }
            }
        }
        for (SchemeRuntime rt : runtimes) {
            if (passed < rt.nextApplySis) {
                continue;
            }
            rt.completePass(collectTried);
            rt.nextApplySis = passed + applyIntervalSis(ctx, rt.scheme);
        }
    }

    /**
     * The newest kernel resets a quota's resume point that sits in a target which is no longer valid
     * ("reset invalid quota->charge_target_from"): otherwise every other target is skipped for good.
     */
    private void forgetResumePointsIn(Target t) {
        for (SchemeRuntime rt : runtimes) {
            if (rt.chargeTargetFrom == t.index()) {
                rt.clearResumePoint();
            }
        }
    }

    /**
     * The newest kernel merges slices that quota and filter splits left behind back into the previous
     * region when that loses nothing: adjacent, same age and counters, within the region size limit.
     */
    private static boolean mergeableWithPrevious(Regions r, int i, long maxRegionSz) {
        return r.end(i - 1) == r.start(i)
                && r.age(i - 1) == r.age(i)
                && r.lastNrAccesses(i - 1) == r.lastNrAccesses(i)
                && r.nrAccesses(i - 1) == r.nrAccesses(i)
                && r.end(i) - r.start(i - 1) <= maxRegionSz;
    }

    private void doApply(MonitorContext ctx, Target t, Regions r, int i, SchemeRuntime rt, long passed) {
        if (passed < rt.nextApplySis || !rt.activated) {
            return;
        }
        if (rt.quotaFull(ctx.minRegionSize())) {
            return;
        }
        if (skipChargedRegion(ctx, t, r, i, rt)) {
            return;
        }
        long max = rt.scheme.maxNrSnapshots();
        if (max != 0 && rt.nrSnapshots >= max) {
            return;
        }
        if (validTarget(ctx, t, r, i, rt)) {
            applyOne(ctx, t, r, i, rt);
        }
        if (i == r.size() - 1) {
            rt.nrSnapshots++;
        }
    }

    private boolean validTarget(MonitorContext ctx, Target t, Regions r, int i, SchemeRuntime rt) {
        boolean ok = rt.scheme.pattern().matches(r.regionSize(i), r.nrAccessesBp(i) / 10_000, r.age(i));
        if (!ok || !rt.quotaSet() || !ops.hasScorer()) {
            return ok;
        }
        return ops.score(ctx, t, r, i, rt.scheme) >= rt.minScore;
    }

    private void applyOne(MonitorContext ctx, Target t, Regions r, int i, SchemeRuntime rt) {
        long sz = r.regionSize(i);
        long applied = 0;
        long passedBytes = 0;
        // Without apply support (the kernel's ops.apply_scheme == NULL) a region is only counted as
        // tried: no quota split, filters, charge or walk report.
        boolean tried = ops != NO_DAMOS;
        if (tried && rt.quotaSet() && Long.compareUnsigned(rt.chargedSz + sz, rt.esz) > 0) {
            sz = UnsignedMath.alignDown(rt.esz - rt.chargedSz, ctx.minRegionSize());
            if (sz == 0) {
                tried = false;
            } else {
                r.splitAt(i, sz);
            }
        }
        if (tried) {
            // An addr filter may split the region here; like the kernel, sz keeps the size from before.
            if (coreFiltersReject(ctx, t, r, i, rt)) {
                return;
            }
            int nrAccesses = r.nrAccessesBp(i) / 10_000;
            int ageBefore = r.age(i);
            long start = r.start(i);
            long end = r.end(i);
            ApplyRequest req = rt.request;
            req.reset();
            long t0 = ctx.clock().nowNs();
            applied = ops.applyScheme(ctx, t, start, end, req);
            long dt = req.modelledNs() >= 0 ? req.modelledNs() : ctx.clock().nowNs() - t0;
            passedBytes = req.szFilterPassed();
            report(rt, t, start, end, nrAccesses, ageBefore, passedBytes);
            rt.totalChargedNs += dt;
            rt.chargedSz += charge(rt.scheme.quota(), sz, applied);
            if (rt.quotaFull(ctx.minRegionSize())) {
                rt.chargeTargetFrom = t.index();
                rt.chargeAddrFrom = end;
            }
            if (rt.scheme.action() != DamosAction.STAT) {
                r.setAge(i, 0);
            }
        }
        rt.nrTried++;
        rt.szTried += sz;
        if (applied > 0) {
            rt.nrApplied++;
        }
        rt.szApplied += applied;
        rt.szOpsFilterPassed += passedBytes;
    }

    /**
     * Charged bytes: the tried bytes, or with a fail-charge ratio (mm.git) the applied bytes plus the
     * failed ones at that ratio; never more than the region when the ops reports more than it.
     */
    private static long charge(Quota q, long sz, long applied) {
        if (q.failChargeDenom() == 0 || applied > sz) {
            return sz;
        }
        return applied + UnsignedMath.mulDiv(sz - applied, q.failChargeNum(), q.failChargeDenom());
    }

    private void report(SchemeRuntime rt, Target t, long start, long end, int nrAccesses, int age, long passed) {
        DamosWalkListener l = walkListener;
        if (l != null) {
            l.tried(rt.index, t, start, end, nrAccesses, age, passed);
        }
        if (collectTried) {
            rt.currentTried.add(new TriedRegion(t.index(), start, end, nrAccesses, age, passed));
        }
    }

    // ---- §8.4.4 resuming ----------------------------------------------------------------------

    /**
     * {@code damos_skip_charged_region} of the newest kernel ("fix unconditionally skip last region"):
     * regions of the resume target before the resume point are skipped, the one holding it is split at
     * it, and the last region is skipped only when it, too, lies before the resume point (the resume
     * point then clears, so the next window starts over).
     */
    private static boolean skipChargedRegion(MonitorContext ctx, Target t, Regions r, int i, SchemeRuntime rt) {
        if (rt.chargeTargetFrom < 0) {
            return false;
        }
        if (t.index() != rt.chargeTargetFrom) {
            return true;
        }
        boolean last = i == r.size() - 1;
        long from = rt.chargeAddrFrom;
        if (from != 0 && Long.compareUnsigned(r.end(i), from) <= 0) {
            if (last) {
                rt.clearResumePoint();
            }
            return true;
        }
        if (from != 0 && Long.compareUnsigned(r.start(i), from) < 0) {
            long cut = UnsignedMath.alignDown(from - r.start(i), ctx.minRegionSize());
            if (cut == 0) {
                if (Long.compareUnsigned(r.regionSize(i), ctx.minRegionSize()) <= 0) {
                    if (last) {
                        rt.clearResumePoint();
                    }
                    return true;
                }
                cut = ctx.minRegionSize();
            }
            r.splitAt(i, cut);
            return true;
        }
        rt.clearResumePoint();
        return false;
    }

    // ---- §8.8 core filters --------------------------------------------------------------------

    private static boolean coreFiltersReject(MonitorContext ctx, Target t, Regions r, int i, SchemeRuntime rt) {
        rt.request.coreFiltersAllowed = false;
        for (DamosFilter f : rt.coreFilters) {
            if (coreFilterMatches(ctx, f, t, r, i)) {
                if (f.allow()) {
                    rt.request.coreFiltersAllowed = true;
                }
                return !f.allow();
            }
        }
        return rt.coreDefaultReject;
    }

    /** Whether the filter matches region i; an {@code addr} filter may split the region at its edges. */
    static boolean coreFilterMatches(MonitorContext ctx, DamosFilter f, Target t, Regions r, int i) {
        boolean has;
        if (f.type() == FilterType.TARGET) {
            has = t.index() == f.targetIdx();
        } else {
            long align = ctx.minRegionSize();
            long start = UnsignedMath.alignDown(f.addrStart(), align);
            long end = UnsignedMath.alignDown(f.addrEnd(), align);
            long rs = r.start(i);
            long re = r.end(i);
            if (Long.compareUnsigned(start, rs) <= 0 && Long.compareUnsigned(re, end) <= 0) {
                has = true;
            } else if (Long.compareUnsigned(re, start) <= 0 || Long.compareUnsigned(end, rs) <= 0) {
                has = false;
            } else if (Long.compareUnsigned(rs, start) < 0) {
                r.splitAt(i, start - rs);
                has = false;
            } else {
                r.splitAt(i, end - rs);
                has = true;
            }
        }
        return has == f.matching();
    }

    // ---- §8.4.2 charge windows, §8.5 prioritisation, §8.6 goals -------------------------------

    private void adjustQuota(MonitorContext ctx, SchemeRuntime rt) {
        Quota q = rt.scheme.quota();
        if (!q.isSet()) {
            return;
        }
        long nowMs = ctx.clock().nowNs() / 1_000_000;
        if (!rt.windowStarted) {
            rt.windowStarted = true;
            rt.chargedFromMs = nowMs;
            setEffectiveQuota(ctx, rt);
        }
        if (nowMs < rt.chargedFromMs || nowMs - rt.chargedFromMs >= q.resetIntervalMs()) {
            if (rt.quotaFull(ctx.minRegionSize())) {
                rt.qtExceeds++;
            }
            rt.totalChargedSz += rt.chargedSz;
            rt.chargedFromMs = nowMs;
            rt.chargedSz = 0;
            setEffectiveQuota(ctx, rt);
        }
        if (ops.hasScorer()) {
            computeMinScore(ctx, rt);
        }
    }

    /**
     * {@code damos_set_effective_quota} of the newest kernel, in unsigned arithmetic: the goal tuner's
     * size, limited by the time quota's size floored at one minimum region
     * ({@code esz = min(max(time_esz, min_region_sz), goal_esz)}), then by the size quota.
     */
    private void setEffectiveQuota(MonitorContext ctx, SchemeRuntime rt) {
        Quota q = rt.scheme.quota();
        if (q.timeMs() == 0 && q.goals().isEmpty()) {
            rt.esz = q.szBytes();
            return;
        }
        long esz = UnsignedMath.ULONG_MAX;
        if (!q.goals().isEmpty()) {
            long score = quotaScore(ctx, rt);
            if (q.goalTuner() == Quota.GoalTuner.CONSIST) {
                rt.eszBp = Feedback.next(unsignedMax(rt.eszBp, Feedback.MIN_INPUT), score);
            } else if (Long.compareUnsigned(score, Feedback.GOAL) >= 0) {
                rt.eszBp = 0;
            } else {
                rt.eszBp = q.szBytes() != 0 ? q.szBytes() * 10_000 : UnsignedMath.ULONG_MAX;
            }
            esz = Long.divideUnsigned(rt.eszBp, 10_000);
        }
        if (q.timeMs() != 0) {
            long bytesPerMs = rt.totalChargedNs != 0
                    ? UnsignedMath.mulDiv(rt.totalChargedSz, 1_000_000, rt.totalChargedNs)
                    : DEFAULT_BYTES_PER_MS;
            long timeEsz = Math.unsignedMultiplyHigh(bytesPerMs, q.timeMs()) != 0
                    ? UnsignedMath.ULONG_MAX
                    : bytesPerMs * q.timeMs();
            esz = unsignedMin(unsignedMax(timeEsz, ctx.minRegionSize()), esz);
        }
        if (q.szBytes() != 0 && Long.compareUnsigned(q.szBytes(), esz) < 0) {
            esz = q.szBytes();
        }
        rt.esz = esz;
    }

    private static long unsignedMax(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static long unsignedMin(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /**
     * {@code damos_quota_score}: the most satisfied goal's score, 10,000 meaning on target (§8.6.2), in
     * the kernel's unsigned arithmetic ({@code current * 10000 / target} wraps like an unsigned long).
     * {@code some_mem_psi_us} is the total's growth since the last window; the kernel's last total
     * starts at U64_MAX, so the first window's value is the total plus one.
     */
    private long quotaScore(MonitorContext ctx, SchemeRuntime rt) {
        List<QuotaGoal> goals = rt.scheme.quota().goals();
        long best = 0;
        for (int g = 0; g < goals.size(); g++) {
            QuotaGoal goal = goals.get(g);
            long current = switch (goal.metric()) {
                case USER_INPUT -> rt.goalCurrent[g];
                case SOME_MEM_PSI_US -> {
                    long total = ops.readMetric(ctx, goal);
                    long delta = total - rt.lastPsiTotal[g];
                    rt.lastPsiTotal[g] = total;
                    yield delta;
                }
                case NODE_ELIGIBLE_MEM_BP -> nodeEligibleMemBp(ctx, rt.scheme, goal.nid());
                default -> ops.readMetric(ctx, goal);
            };
            if (goal.metric() != GoalMetric.USER_INPUT) {
                rt.goalCurrent[g] = current;
            }
            best = unsignedMax(best, Long.divideUnsigned(current * 10_000, goal.targetValue()));
        }
        return best;
    }

    /**
     * {@code node_eligible_mem_bp} (mm.git): of the memory in regions matching the scheme's access
     * pattern, over all targets, the part on node {@code nid}, in basis points; 0 when nothing matches.
     */
    private long nodeEligibleMemBp(MonitorContext ctx, Scheme s, int nid) {
        long total = 0;
        long onNode = 0;
        for (Target t : ctx.targets()) {
            Regions r = t.regions();
            for (int i = 0; i < r.size(); i++) {
                if (!s.pattern().matches(r.regionSize(i), r.nrAccessesBp(i) / 10_000, r.age(i))) {
                    continue;
                }
                total += ops.presentBytes(ctx, t, r.start(i), r.end(i), -1);
                onNode += ops.presentBytes(ctx, t, r.start(i), r.end(i), nid);
            }
        }
        return total == 0 ? 0 : UnsignedMath.mulDiv(onNode, 10_000, total);
    }

    private void computeMinScore(MonitorContext ctx, SchemeRuntime rt) {
        long[] hist = histogram;
        java.util.Arrays.fill(hist, 0);
        int maxScore = 0;
        AccessPattern p = rt.scheme.pattern();
        for (Target t : ctx.targets()) {
            Regions r = t.regions();
            for (int i = 0; i < r.size(); i++) {
                if (!p.matches(r.regionSize(i), r.nrAccessesBp(i) / 10_000, r.age(i))) {
                    continue;
                }
                if (coreFiltersReject(ctx, t, r, i, rt)) {
                    continue;
                }
                int sc = ops.score(ctx, t, r, i, rt.scheme);
                hist[sc] += r.regionSize(i);
                maxScore = Math.max(maxScore, sc);
            }
        }
        rt.minScore = Scores.minScore(hist, maxScore, rt.esz);
    }

    /**
     * {@code damos_set_filters_default_reject} for the core stage: reject what no core filter matched
     * when the last core filter allows and no ops filter follows.
     */
    static boolean coreFiltersDefaultReject(Scheme s) {
        List<DamosFilter> core = s.coreFilters();
        return s.opsFilters().isEmpty() && !core.isEmpty() && core.getLast().allow();
    }

    /** Per-scheme runtime state: the kernel's {@code damos} fields that are not parameters. */
    private static final class SchemeRuntime {
        final Scheme scheme;
        final int index;
        final ApplyRequest request;
        final DamosFilter[] coreFilters;
        final boolean coreDefaultReject;
        final long[] goalCurrent;
        final long[] lastPsiTotal;
        long nextApplySis;
        boolean activated = true;
        // quota
        boolean windowStarted;
        long chargedFromMs;
        long chargedSz;
        long totalChargedSz;
        long totalChargedNs;
        long esz;
        long eszBp;
        int minScore;
        int chargeTargetFrom = -1;
        long chargeAddrFrom;
        // stats
        long nrTried;
        long szTried;
        long nrApplied;
        long szApplied;
        long szOpsFilterPassed;
        long qtExceeds;
        long nrSnapshots;
        // tried regions
        List<TriedRegion> currentTried = new ArrayList<>();
        volatile List<TriedRegion> lastTried = List.of();

        SchemeRuntime(Scheme scheme, int index) {
            this.scheme = scheme;
            this.index = index;
            this.request = new ApplyRequest(scheme, index);
            List<DamosFilter> core = scheme.coreFilters();
            this.coreFilters = core.toArray(new DamosFilter[0]);
            this.coreDefaultReject = coreFiltersDefaultReject(scheme);
            List<QuotaGoal> goals = scheme.quota().goals();
            this.goalCurrent = new long[goals.size()];
            this.lastPsiTotal = new long[goals.size()];
            java.util.Arrays.fill(lastPsiTotal, UnsignedMath.ULONG_MAX);
            for (int g = 0; g < goals.size(); g++) {
                goalCurrent[g] = goals.get(g).currentValue();
            }
        }

        /** The newest kernel's {@code damos_quota_is_set}: any budget, goal, or a non-zero esz. */
        boolean quotaSet() {
            return esz != 0 || scheme.quota().isSet();
        }

        /** {@code damos_quota_is_full}: used up, or less than one minimum region left. */
        boolean quotaFull(long minRegionSz) {
            if (!quotaSet()) {
                return false;
            }
            return Long.compareUnsigned(chargedSz, esz) >= 0 || Long.compareUnsigned(esz - chargedSz, minRegionSz) < 0;
        }

        /** Takes over the runtime state of the scheme this one replaces in a commit. */
        void inheritFrom(SchemeRuntime old) {
            nextApplySis = old.nextApplySis;
            windowStarted = old.windowStarted;
            chargedFromMs = old.chargedFromMs;
            chargedSz = old.chargedSz;
            totalChargedSz = old.totalChargedSz;
            totalChargedNs = old.totalChargedNs;
            esz = old.esz;
            eszBp = old.eszBp;
            minScore = old.minScore;
            chargeTargetFrom = old.chargeTargetFrom;
            chargeAddrFrom = old.chargeAddrFrom;
            nrTried = old.nrTried;
            szTried = old.szTried;
            nrApplied = old.nrApplied;
            szApplied = old.szApplied;
            szOpsFilterPassed = old.szOpsFilterPassed;
            qtExceeds = old.qtExceeds;
            nrSnapshots = old.nrSnapshots;
            lastTried = old.lastTried;
            List<QuotaGoal> goals = scheme.quota().goals();
            for (int g = 0; g < goals.size() && g < old.goalCurrent.length; g++) {
                lastPsiTotal[g] = old.lastPsiTotal[g];
                if (goals.get(g).metric() != GoalMetric.USER_INPUT) {
                    goalCurrent[g] = old.goalCurrent[g];
                }
            }
        }

        void clearResumePoint() {
            chargeTargetFrom = -1;
            chargeAddrFrom = 0;
        }

        void completePass(boolean collect) {
            if (collect) {
                lastTried = List.copyOf(currentTried);
            }
            currentTried.clear();
        }

        SchemeStats statsSnapshot() {
            return new SchemeStats(nrTried, szTried, nrApplied, szApplied, szOpsFilterPassed, qtExceeds, nrSnapshots);
        }
    }
}
