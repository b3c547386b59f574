package org.jdamon.ops.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.UnsignedMath;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.truth.TruthWindow;

/**
 * The simulated memory a workload runs on, the thing DAMOS actions act on in a simulation.
 *
 * <p>State is kept in a range map of segments (never per page, so a 64 TiB workload costs what a small
 * one does): each segment of a mapping has a uniform state, split where actions cut it and merged back
 * when neighbours become equal again. Per segment: how many of its pages are paged out, an LRU stamp,
 * huge-page mode and coverage, the memory tier, and when its young state was last checked.
 *
 * <p>Model (documented, overridable through {@link Config}):
 * <ul>
 *   <li>Time advances in fixed steps ({@link Config#stepNs}, 100 ms by default) driven by
 *       {@link #advanceTo}; each step takes the workload's exact accesses of the step (its ground
 *       truth: sequential walks page-exact, random patterns as expected touched fractions) and cuts
 *       segments where a walk started or stopped.</li>
 *   <li>Residency: all memory starts resident (masim initialises its regions). {@code pageout} evicts;
 *       a touched evicted page is a refault, counted once when it comes back, and charged
 *       {@link Config#refaultLatencyNs}. With a memory limit, a reclaimer evicts after each step
 *       until RSS fits, least recently used (smallest LRU stamp, so inactive) first.</li>
 *   <li>LRU: a segment's stamp is the time of its last access (a step in which at least half of its
 *       pages were touched) or of {@code lru_prio}; {@code cold} and {@code lru_deprio} push it to the
 *       oldest end. A segment is active while its stamp is within {@link Config#activeWindowNs}.</li>
 *   <li>Huge pages: {@code collapse} backs the 2 MiB-aligned blocks of the range with huge pages at
 *       once (not on {@code nohugepage} memory); {@code hugepage} marks the range and a simulated
 *       khugepaged collapses it at the next step; {@code nohugepage} marks it and splits it. Paged-out
 *       pages pulled in by a collapse are bloat until the workload touches them; covered bytes extend
 *       the TLB reach, and accesses to them save {@link Config#hugePageSavedNs} each.</li>
 *   <li>Tiers: 0 fast (where everything starts, up to its capacity), 1 slow; {@code migrate_hot}
 *       moves to the fast tier and {@code migrate_cold} to the slow one (or to the node given),
 *       limited by the destination's free capacity. Pages coming back into a full fast tier push its
 *       least recently used memory down to the slow tier. An access to the slow tier costs
 *       {@link Config#slowTierExtraNs} more.</li>
 *   <li>Slowdown: the extra time (refaults, slow-tier accesses, minus huge-page savings) divided by
 *       the workload time simulated so far.</li>
 * </ul>
 */
public final class SimMemory {
    public static final long PAGE = SimLayout.PAGE_SIZE;
    public static final long HUGE_PAGE = 2L << 20;
    public static final int FAST_TIER = 0;
    public static final int SLOW_TIER = 1;
    private static final long OLDEST_STAMP = Long.MIN_VALUE / 2;
    private static final byte MODE_DEFAULT = 0;
    private static final byte MODE_HUGEPAGE = 1;
    private static final byte MODE_NOHUGEPAGE = 2;

    /**
     * Model parameters. Zero capacities mean "twice the workload's mapped memory"; a zero memory limit
     * means no limit.
     */
    public record Config(
            long memoryLimitBytes,
            long fastTierBytes,
            long slowTierBytes,
            long refaultLatencyNs,
            long slowTierExtraNs,
            long hugePageSavedNs,
            long activeWindowNs,
            long stepNs) {
        public static final Config DEFAULTS =
                new Config(0, 0, 0, 20_000, 100, 5, 1_000_000_000L, 100_000_000L);

        public Config withMemoryLimit(long bytes) {
            return new Config(bytes, fastTierBytes, slowTierBytes, refaultLatencyNs, slowTierExtraNs,
                    hugePageSavedNs, activeWindowNs, stepNs);
        }

        public Config withTiers(long fast, long slow) {
            return new Config(memoryLimitBytes, fast, slow, refaultLatencyNs, slowTierExtraNs,
                    hugePageSavedNs, activeWindowNs, stepNs);
        }

        public Config withRefaultLatencyNs(long ns) {
            return new Config(memoryLimitBytes, fastTierBytes, slowTierBytes, ns, slowTierExtraNs,
                    hugePageSavedNs, activeWindowNs, stepNs);
        }

        public Config withActiveWindowNs(long ns) {
            return new Config(memoryLimitBytes, fastTierBytes, slowTierBytes, refaultLatencyNs,
                    slowTierExtraNs, hugePageSavedNs, ns, stepNs);
        }

        public Config withStepNs(long ns) {
            return new Config(memoryLimitBytes, fastTierBytes, slowTierBytes, refaultLatencyNs,
                    slowTierExtraNs, hugePageSavedNs, activeWindowNs, ns);
        }
    }

    private static final class Seg {
        long start;
        long end;
        double evictedPages;
        long lruStamp;
        byte hugeMode;
        boolean hugeCovered;
        double bloatPages;
        int tier;
        long youngSince;

        Seg copy(long s, long e) {
            Seg c = new Seg();
            c.start = s;
            c.end = e;
            double ratio = (double) (e - s) / (end - start);
            c.evictedPages = evictedPages * ratio;
            c.bloatPages = bloatPages * ratio;
            c.lruStamp = lruStamp;
            c.hugeMode = hugeMode;
            c.hugeCovered = hugeCovered;
            c.tier = tier;
            c.youngSince = youngSince;
            return c;
        }

        double pages() {
            return (end - start) / (double) PAGE;
        }

        double residentBytes() {
            return (end - start) - evictedPages * PAGE;
        }
    }

    private final SimWorkload workload;
    private final Config config;
    private final ArrayList<Seg> segs = new ArrayList<>();
    private final long[] tierCapacity = new long[2];
    private final TruthWindow stepTruth = new TruthWindow();
    private long memoryLimitBytes;
    private long nowNs;
    private double refaults;
    private double reclaimedBytes;
    private double extraNs;
    private double refaultStallNs;

    public SimMemory(SimWorkload workload, Config config) {
        this.workload = workload;
        this.config = config;
        this.memoryLimitBytes = config.memoryLimitBytes();
        long mapped = workload.layout().totalMappedBytes();
        long defaultCapacity = UnsignedMath.alignUp(mapped * 2, HUGE_PAGE);
        tierCapacity[FAST_TIER] = config.fastTierBytes() > 0 ? config.fastTierBytes() : defaultCapacity;
        tierCapacity[SLOW_TIER] = config.slowTierBytes() > 0 ? config.slowTierBytes() : defaultCapacity;
        long fastLeft = tierCapacity[FAST_TIER];
        for (SimLayout.Mapping m : workload.layout().mappings()) {
            long fastPart = Math.min(m.size(), UnsignedMath.alignDown(fastLeft, PAGE));
            segs.add(newSeg(m.start(), m.start() + fastPart, FAST_TIER));
            segs.add(newSeg(m.start() + fastPart, m.end(), SLOW_TIER));
            fastLeft -= fastPart;
        }
        segs.removeIf(g -> g.end <= g.start);
    }

    public SimMemory(SimWorkload workload) {
        this(workload, Config.DEFAULTS);
    }

    private static Seg newSeg(long s, long e, int tier) {
        Seg g = new Seg();
        g.start = s;
        g.end = e;
        g.tier = tier;
        return g;
    }

    public Config config() {
        return config;
    }

    public SimWorkload workload() {
        return workload;
    }

    /** Changes the memory limit (0: none); the reclaimer enforces it at the end of the next step. */
    public void setMemoryLimit(long bytes) {
        this.memoryLimitBytes = bytes;
    }

    public long memoryLimit() {
        return memoryLimitBytes;
    }

    /** Workload time up to which the model has advanced. */
    public long nowNs() {
        return nowNs;
    }

    // ---- time ------------------------------------------------------------------------------------

    /**
     * Advances the model through every whole step ending at or before workload time {@code t}: refaults,
     * access costs, LRU stamps, bloat, khugepaged and the reclaimer. Cheap when no step ends.
     */
    public void advanceTo(long t) {
        long step = config.stepNs();
        while (nowNs + step <= t) {
            step(nowNs, nowNs + step);
            nowNs += step;
        }
    }

    /**
     * Brings the model exactly to workload time {@code t}, processing a partial step if needed, so an
     * action applied now acts on the memory as it is now (pages touched earlier in the step are not
     * later mistaken for refaults). Following steps run from {@code t}.
     */
    public void syncTo(long t) {
        advanceTo(t);
        if (t > nowNs) {
            step(nowNs, t);
            nowNs = t;
        }
    }

    private void step(long t0, long t1) {
        double nsPerAccess = 1e6 / workload.accessesPerMs();
        TruthWindow touched = stepTruth;
        workload.truth(t0, t1, touched);
        for (int k = 0; k < touched.size(); k++) {
            long s = touched.start(k);
            long e = touched.end(k);
            double fraction = touched.touchedFraction(k);
            for (int i = splitRange(s, e); i < segs.size() && segs.get(i).start < e; i++) {
                Seg g = segs.get(i);
                double accesses = touched.accesses(k) * (g.end - g.start) / (e - s);
                double back = g.evictedPages * fraction;
                refaults += back;
                extraNs += back * config.refaultLatencyNs();
                refaultStallNs += back * config.refaultLatencyNs();
                g.evictedPages -= back;
                g.bloatPages *= 1 - fraction;
                if (g.tier == SLOW_TIER) {
                    extraNs += accesses * config.slowTierExtraNs();
                }
                if (g.hugeCovered) {
                    extraNs -= accesses * Math.min(config.hugePageSavedNs(), nsPerAccess);
                }
                if (fraction >= 0.5) {
                    g.lruStamp = t1;
                }
            }
        }
        khugepaged();
        balanceTiers();
        reclaimToLimit();
        coalesce();
    }

    private void khugepaged() {
        List<long[]> pending = new ArrayList<>();
        for (Seg g : segs) {
            if (g.hugeMode == MODE_HUGEPAGE && !g.hugeCovered) {
                pending.add(new long[] {g.start, g.end});
            }
        }
        for (long[] range : pending) {
            coverHuge(range[0], range[1], false);
        }
    }

    private void reclaimToLimit() {
        long limit = memoryLimitBytes;
        if (limit > 0 && rssBytesExact() > limit) {
            evictOldest(rssBytesExact() - limit, -1);
        }
    }

    /** Evicts about {@code bytes} (whole pages) of resident memory of {@code tier} (-1: any), oldest first. */
    private void evictOldest(double bytes, int tier) {
        double excess = bytes;
        for (Seg g : lruOrder()) {
            if (excess <= 0) {
                break;
            }
            double resident = g.residentBytes();
            if (resident <= 0 || (tier >= 0 && g.tier != tier)) {
                continue;
            }
            double take = Math.min(resident, Math.ceil(excess / PAGE) * PAGE);
            g.evictedPages += take / PAGE;
            g.hugeCovered = false;
            reclaimedBytes += take;
            excess -= take;
        }
    }

    // ---- actions ---------------------------------------------------------------------------------

    /** Applies a DAMOS action by its kernel name; see {@link #apply(DamosAction, long, long, int)}. */
    public long apply(String action, long start, long end) {
        return apply(DamosAction.fromKeyword(action), start, end);
    }

    public long apply(DamosAction action, long start, long end) {
        return apply(action, start, end, -1);
    }

    /**
     * Applies {@code action} to the mapped part of {@code [start, end)} at the current model time and
     * returns the bytes it applied to: paged-out, swapped-in, (de)prioritised or migrated resident bytes;
     * newly huge-page-covered bytes for {@code collapse}; the mapped bytes for {@code hugepage} and
     * {@code nohugepage} (madvise semantics); 0 for {@code stat}. {@code targetNid} is the migration
     * destination (0 fast, 1 slow), or -1 for the action's default.
     */
    public long apply(DamosAction action, long start, long end, int targetNid) {
        if (Long.compareUnsigned(start, end) >= 0 || action == DamosAction.STAT) {
            return 0;
        }
        start = UnsignedMath.alignDown(start, PAGE);
        end = UnsignedMath.alignUp(end, PAGE);
        double applied = switch (action) {
            case COLLAPSE -> coverHuge(start, end, true);
            case MIGRATE_HOT -> migrate(start, end, targetNid >= 0 ? targetNid : FAST_TIER);
            case MIGRATE_COLD -> migrate(start, end, targetNid >= 0 ? targetNid : SLOW_TIER);
            default -> applyPerSegment(action, start, end);
        };
        if (action == DamosAction.WILLNEED || action == DamosAction.COLLAPSE) {
            balanceTiers();
            coalesce();
        } else {
            coalesceAround(start, end);
        }
        return Math.round(applied);
    }

    private double applyPerSegment(DamosAction action, long start, long end) {
        double applied = 0;
        for (int i = splitRange(start, end); i < segs.size() && segs.get(i).start < end; i++) {
            Seg g = segs.get(i);
            double resident = g.residentBytes();
            switch (action) {
                case PAGEOUT -> {
                    applied += resident;
                    g.evictedPages = g.pages();
                    g.bloatPages = 0;
                    g.hugeCovered = false;
                }
                case WILLNEED -> {
                    applied += g.evictedPages * PAGE;
                    g.evictedPages = 0;
                }
                case COLD, LRU_DEPRIO -> {
                    applied += resident;
                    g.lruStamp = OLDEST_STAMP;
                }
                case LRU_PRIO -> {
                    applied += resident;
                    g.lruStamp = nowNs;
                }
                case HUGEPAGE -> {
                    applied += g.end - g.start;
                    g.hugeMode = MODE_HUGEPAGE;
                }
                case NOHUGEPAGE -> {
                    applied += g.end - g.start;
                    g.hugeMode = MODE_NOHUGEPAGE;
                    g.hugeCovered = false;
                    g.bloatPages = 0;
                }
                default -> throw new IllegalStateException(action.toString());
            }
        }
        return applied;
    }

    /** Backs the 2 MiB-aligned blocks of {@code [start, end)} with huge pages; returns the bytes newly covered. */
    private double coverHuge(long start, long end, boolean explicitCollapse) {
        double covered = 0;
        for (SimLayout.Mapping m : workload.layout().mappings()) {
            long hs = UnsignedMath.alignUp(Math.max(start, m.start()), HUGE_PAGE);
            long he = UnsignedMath.alignDown(Math.min(end, m.end()), HUGE_PAGE);
            if (he <= hs) {
                continue;
            }
            for (int i = splitRange(hs, he); i < segs.size() && segs.get(i).start < he; i++) {
                Seg g = segs.get(i);
                if (g.hugeCovered || g.hugeMode == MODE_NOHUGEPAGE || (!explicitCollapse && g.hugeMode != MODE_HUGEPAGE)) {
                    continue;
                }
                g.hugeCovered = true;
                g.bloatPages += g.evictedPages;
                g.evictedPages = 0;
                covered += g.end - g.start;
            }
        }
        return covered;
    }

    private double migrate(long start, long end, int tier) {
        if (tier != FAST_TIER && tier != SLOW_TIER) {
            return 0;
        }
        double free = tierCapacity[tier] - tierBytesExact(tier);
        double moved = 0;
        for (int i = splitRange(start, end); i < segs.size() && segs.get(i).start < end && free >= PAGE; i++) {
            Seg g = segs.get(i);
            if (g.tier == tier) {
                continue;
            }
            double resident = g.residentBytes();
            if (resident > free) {
                if (!splitByResidentBytes(i, free, false)) {
                    break;
                }
                g = segs.get(i);
                resident = g.residentBytes();
            }
            g.tier = tier;
            moved += resident;
            free -= resident;
        }
        return moved;
    }

    /**
     * The fast tier never holds more than its capacity: pages that come back (refaults, willneed,
     * collapse) into a full fast tier push its least recently used memory down to the slow tier, as the
     * kernel demotes on reclaim; a full slow tier evicts its least recently used memory.
     */
    private void balanceTiers() {
        double excess = tierBytesExact(FAST_TIER) - tierCapacity[FAST_TIER];
        if (excess > 0) {
            for (Seg g : lruOrder()) {
                if (excess <= 0) {
                    break;
                }
                if (g.tier != FAST_TIER || g.residentBytes() <= 0) {
                    continue;
                }
                int i = find(g.start);
                if (g.residentBytes() > excess) {
                    splitByResidentBytes(i, excess, true);
                }
                Seg left = segs.get(i);
                left.tier = SLOW_TIER;
                excess -= left.residentBytes();
            }
        }
        double slowExcess = tierBytesExact(SLOW_TIER) - tierCapacity[SLOW_TIER];
        if (slowExcess > 0) {
            evictOldest(slowExcess, SLOW_TIER);
        }
    }

    private List<Seg> lruOrder() {
        List<Seg> order = new ArrayList<>(segs);
        order.sort(Comparator.comparingLong((Seg g) -> g.lruStamp).thenComparingLong(g -> g.start));
        return order;
    }

    /**
     * Splits segment {@code i} so that its left part holds {@code bytes} of resident memory, rounded to
     * pages down (or up); returns false when not even one page fits.
     */
    private boolean splitByResidentBytes(int i, double bytes, boolean roundUp) {
        Seg g = segs.get(i);
        double perByte = g.residentBytes() / (g.end - g.start);
        long cut = roundUp
                ? UnsignedMath.alignUp((long) Math.ceil(bytes / perByte), PAGE)
                : UnsignedMath.alignDown((long) (bytes / perByte), PAGE);
        if (cut <= 0) {
            return false;
        }
        if (cut < g.end - g.start) {
            segs.set(i, g.copy(g.start, g.start + cut));
            segs.add(i + 1, g.copy(g.start + cut, g.end));
        }
        return true;
    }

    // ---- segments --------------------------------------------------------------------------------

    /** Index of the segment containing {@code addr}, or of the first one after it. */
    private int find(long addr) {
        int lo = 0;
        int hi = segs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Seg g = segs.get(mid);
            if (g.end <= addr) {
                lo = mid + 1;
            } else if (g.start > addr) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return lo;
    }

    /** Cuts segments at {@code addr} so that one starts there (when addr is mapped). */
    private void splitAt(long addr) {
        int i = find(addr);
        if (i >= segs.size()) {
            return;
        }
        Seg g = segs.get(i);
        if (g.start < addr && addr < g.end) {
            segs.set(i, g.copy(g.start, addr));
            segs.add(i + 1, g.copy(addr, g.end));
        }
    }

    /** Splits at both ends and returns the index of the first segment inside {@code [start, end)}. */
    private int splitRange(long start, long end) {
        splitAt(start);
        splitAt(end);
        return find(start);
    }

    /** Merges equal neighbours among the segments touching {@code [start, end]} (cheap after one action). */
    private void coalesceAround(long start, long end) {
        int i = Math.max(0, find(start) - 1);
        while (i + 1 < segs.size() && segs.get(i).start <= end) {
            Seg a = segs.get(i);
            Seg b = segs.get(i + 1);
            if (a.end == b.start && sameState(a, b) && sameMapping(a.start, b.start)) {
                a.evictedPages += b.evictedPages;
                a.bloatPages += b.bloatPages;
                a.end = b.end;
                segs.remove(i + 1);
            } else {
                i++;
            }
        }
    }

    private void coalesce() {
        int w = 0;
        for (int i = 1; i < segs.size(); i++) {
            Seg a = segs.get(w);
            Seg b = segs.get(i);
            if (a.end == b.start && sameState(a, b) && sameMapping(a.start, b.start)) {
                a.evictedPages += b.evictedPages;
                a.bloatPages += b.bloatPages;
                a.end = b.end;
            } else {
                segs.set(++w, b);
            }
        }
        while (segs.size() > w + 1) {
            segs.removeLast();
        }
    }

    /** Adjacent addresses of the same masim region, or both outside any (heap and stack never touch). */
    private boolean sameMapping(long a, long b) {
        return workload.layout().regionAt(a) == workload.layout().regionAt(b);
    }

    private static boolean sameState(Seg a, Seg b) {
        return a.tier == b.tier && a.lruStamp == b.lruStamp && a.hugeMode == b.hugeMode
                && a.hugeCovered == b.hugeCovered && a.youngSince == b.youngSince
                && closeEnough(a.evictedPages / a.pages(), b.evictedPages / b.pages())
                && closeEnough(a.bloatPages / a.pages(), b.bloatPages / b.pages());
    }

    private static boolean closeEnough(double x, double y) {
        return Math.abs(x - y) <= 1e-12;
    }

    /** Number of uniform-state segments (for tests and benchmarks: the model's size). */
    public int segmentCount() {
        return segs.size();
    }

    // ---- page-level predicates (DAMOS ops filters) -----------------------------------------------

    /**
     * End of the uniform piece that starts at {@code addr}, at most {@code limit}: walk a region
     * piece by piece, evaluate the filters with the predicates below at each piece's start, and apply
     * the action to the pieces that pass. Unmapped gaps are pieces too.
     */
    public long pieceEnd(long addr, long limit) {
        splitAt(addr);
        splitAt(limit);
        int i = find(addr);
        if (i >= segs.size()) {
            return limit;
        }
        Seg g = segs.get(i);
        if (g.start > addr) {
            return Math.min(g.start, limit);
        }
        return Math.min(g.end, limit);
    }

    public boolean isMapped(long addr) {
        Seg g = segAt(addr);
        return g != null;
    }

    /** All simulated memory is anonymous (masim mallocs it). */
    public boolean isAnon(long addr) {
        return isMapped(addr);
    }

    public boolean isActive(long addr) {
        Seg g = segAt(addr);
        return g != null && nowNs - g.lruStamp < config.activeWindowNs();
    }

    /**
     * Whether the page at {@code addr} was accessed since its young state was last checked (most of its
     * piece's pages, by the access model); like the kernel's young filter, checking clears the state of
     * the whole piece.
     */
    public boolean isYoung(long addr) {
        Seg g = segAt(addr);
        if (g == null) {
            return false;
        }
        boolean young = workload.expectedTouchedFraction(g.start, g.end, g.youngSince, nowNs) >= 0.5;
        g.youngSince = nowNs;
        return young;
    }

    /** Size of the folio mapping {@code addr}: {@value #HUGE_PAGE} when huge-page backed, else a page; 0 unmapped. */
    public long hugepageSize(long addr) {
        Seg g = segAt(addr);
        return g == null ? 0 : g.hugeCovered ? HUGE_PAGE : PAGE;
    }

    /** Memory tier (0 fast, 1 slow) of {@code addr}, or -1 when unmapped. */
    public int tierOf(long addr) {
        Seg g = segAt(addr);
        return g == null ? -1 : g.tier;
    }

    /** Whether the page at {@code addr} is resident (a piece partly paged out counts as resident). */
    public boolean isResident(long addr) {
        Seg g = segAt(addr);
        return g != null && g.evictedPages < g.pages() - 1e-9;
    }

    private Seg segAt(long addr) {
        int i = find(addr);
        if (i >= segs.size()) {
            return null;
        }
        Seg g = segs.get(i);
        return g.start <= addr && addr < g.end ? g : null;
    }

    // ---- figures ---------------------------------------------------------------------------------

    private double rssBytesExact() {
        double sum = 0;
        for (Seg g : segs) {
            sum += g.residentBytes();
        }
        return sum;
    }

    private double tierBytesExact(int tier) {
        double sum = 0;
        for (Seg g : segs) {
            if (g.tier == tier) {
                sum += g.residentBytes();
            }
        }
        return sum;
    }

    public long rssBytes() {
        return Math.round(rssBytesExact());
    }

    /** Resident bytes in {@code [start, end)}. */
    public long residentBytes(long start, long end) {
        double sum = 0;
        for (int i = find(start); i < segs.size() && segs.get(i).start < end; i++) {
            Seg g = segs.get(i);
            long s = Math.max(g.start, start);
            long e = Math.min(g.end, end);
            if (e > s) {
                sum += g.residentBytes() * (e - s) / (g.end - g.start);
            }
        }
        return Math.round(sum);
    }

    /** Resident bytes of {@code [start, end)} on memory tier {@code tier} (0 fast, 1 slow); 0 for other nodes. */
    public long residentBytesOnTier(long start, long end, int tier) {
        double sum = 0;
        for (int i = find(start); i < segs.size() && segs.get(i).start < end; i++) {
            Seg g = segs.get(i);
            long s = Math.max(g.start, start);
            long e = Math.min(g.end, end);
            if (e > s && g.tier == tier) {
                sum += g.residentBytes() * (e - s) / (g.end - g.start);
            }
        }
        return Math.round(sum);
    }

    /** Pages that came back because the workload touched them after they were evicted. */
    public long refaults() {
        return Math.round(refaults);
    }

    public long tierBytes(int tier) {
        return Math.round(tierBytesExact(tier));
    }

    public long tierCapacity(int tier) {
        return tierCapacity[tier];
    }

    public long activeBytes() {
        double sum = 0;
        for (Seg g : segs) {
            if (nowNs - g.lruStamp < config.activeWindowNs()) {
                sum += g.residentBytes();
            }
        }
        return Math.round(sum);
    }

    public long inactiveBytes() {
        return rssBytes() - activeBytes();
    }

    /** Resident bytes backed by huge pages: the extra TLB reach. */
    public long hugePageBytes() {
        double sum = 0;
        for (Seg g : segs) {
            if (g.hugeCovered) {
                sum += g.residentBytes();
            }
        }
        return Math.round(sum);
    }

    /** Bytes made resident only by huge-page collapse and not touched since: the bloat. */
    public long hugeBloatBytes() {
        double sum = 0;
        for (Seg g : segs) {
            sum += g.bloatPages * PAGE;
        }
        return Math.round(sum);
    }

    /** Bytes evicted by the memory-limit reclaimer (not by DAMOS). */
    public long reclaimedBytes() {
        return Math.round(reclaimedBytes);
    }

    /** Cumulative extra run time the cost model estimates (refaults, slow tier, minus huge-page savings). */
    public long extraNs() {
        return Math.round(extraNs);
    }

    /** Cumulative time the workload stalled on refaults: the simulated {@code some} memory pressure. */
    public long refaultStallNs() {
        return Math.round(refaultStallNs);
    }

    /**
     * Modelled time an action takes for {@code bytes} applied: writing out or reading back a page
     * 1 us, migrating a page 0.5 us, collapsing a huge page 50 us, LRU and madvise bookkeeping 50 ns a
     * page, {@code stat} nothing. Lets time quotas bind in virtual time.
     */
    public static long actionCostNs(DamosAction action, long bytes) {
        long pages = bytes / PAGE;
        return switch (action) {
            case PAGEOUT, WILLNEED -> pages * 1_000;
            case MIGRATE_HOT, MIGRATE_COLD -> pages * 500;
            case COLLAPSE -> bytes / HUGE_PAGE * 50_000;
            case COLD, LRU_PRIO, LRU_DEPRIO, HUGEPAGE, NOHUGEPAGE -> pages * 50;
            case STAT -> 0;
        };
    }

    /** Extra run time over the ideal (all fast, all resident, no huge pages) as a fraction of the time run. */
    public double estimatedSlowdown() {
        return nowNs == 0 ? 0 : extraNs / nowNs;
    }

    /** Total memory of node {@code nid}: its tier's capacity. */
    public long nodeTotalBytes(int nid) {
        return nid == FAST_TIER || nid == SLOW_TIER ? tierCapacity[nid] : 0;
    }

    public long nodeFreeBytes(int nid) {
        return Math.max(0, nodeTotalBytes(nid) - tierBytes(nid));
    }

    /**
     * A quota-goal metric of some memories taken together (their bytes and stalls summed), in the
     * kernel's units: the {@code *_bp} metrics in basis points of their whole, node {@code nid}'s used and
     * free memory against its capacity (a node without memory reads 0 used and 10,000 free, like the
     * kernel's {@code invalid_mem_node()} guard), {@code some_mem_psi_us} the refault stall time.
     */
    public static long goalMetric(GoalMetric metric, int nid, SimMemory... memories) {
        long total = 0;
        long used = 0;
        long resident = 0;
        long active = 0;
        long huge = 0;
        long stallNs = 0;
        for (SimMemory m : memories) {
            if (nid >= 0) {
                total += m.nodeTotalBytes(nid);
                used += m.nodeTotalBytes(nid) - m.nodeFreeBytes(nid);
            }
            resident += m.rssBytes();
            active += m.activeBytes();
            huge += m.hugePageBytes();
            stallNs += m.refaultStallNs();
        }
        return switch (metric) {
            case NODE_MEM_USED_BP -> total == 0 ? 0 : UnsignedMath.mulDiv(used, 10_000, total);
            case NODE_MEM_FREE_BP -> total == 0 ? 10_000 : UnsignedMath.mulDiv(total - used, 10_000, total);
            case ACTIVE_MEM_BP -> resident == 0 ? 0 : UnsignedMath.mulDiv(active, 10_000, resident);
            case INACTIVE_MEM_BP -> resident == 0 ? 0 : UnsignedMath.mulDiv(resident - active, 10_000, resident);
            case HUGEPAGE_MEM_BP -> resident == 0 ? 0 : UnsignedMath.mulDiv(huge, 10_000, resident);
            case SOME_MEM_PSI_US -> stallNs / 1_000;
            default -> throw new UnsupportedOperationException("metric " + metric.keyword());
        };
    }

    /** Watermark metric {@code free_mem_rate}: free memory per thousand of the total, over all nodes. */
    public static long freeMemRatePermil(SimMemory... memories) {
        long free = 0;
        long total = 0;
        for (SimMemory m : memories) {
            for (int nid = FAST_TIER; nid <= SLOW_TIER; nid++) {
                free += m.nodeFreeBytes(nid);
                total += m.nodeTotalBytes(nid);
            }
        }
        return total == 0 ? 0 : UnsignedMath.mulDiv(free, 1_000, total);
    }
}
