package org.jdamon.config;

import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;

/**
 * A complete DAMON/DAMOS configuration shaped like damo's kdamonds schema (and the kernel's sysfs tree):
 * kdamonds, each with contexts, each with an operations set, targets, monitoring attributes and schemes.
 * Values are in base units (bytes, microseconds, permil/bp); access patterns keep the unit the user
 * chose (see {@link SchemeConfig.PatternConfig}). {@link KdamondsJson} reads and writes it; {@link
 * CoreConversion} turns a context into core objects.
 */
public record KdamondsConfig(List<Kdamond> kdamonds) {
    public KdamondsConfig {
        kdamonds = List.copyOf(kdamonds);
    }

    /** One kdamond: a worker with its contexts (the kernel accepts exactly one). */
    public record Kdamond(long refreshMs, List<Context> contexts) {
        public Kdamond {
            contexts = List.copyOf(contexts);
        }
    }

    /**
     * One monitoring context: {@code ops} is the operations set name ({@code vaddr}, {@code fvaddr},
     * {@code paddr}, or jdamon's own such as {@code sim}).
     */
    public record Context(
            String ops,
            long addrUnit,
            List<TargetConfig> targets,
            Intervals intervals,
            NrRegions nrRegions,
            boolean pause,
            List<SchemeConfig> schemes) {
        public Context {
            targets = List.copyOf(targets);
            schemes = List.copyOf(schemes);
        }

        public Attributes attributes() {
            IntervalsGoal g = intervals.goal();
            return new Attributes(intervals.sampleUs(), intervals.aggrUs(), intervals.opsUpdateUs(),
                    (int) Math.min(nrRegions.min(), Integer.MAX_VALUE),
                    (int) Math.min(nrRegions.max(), Integer.MAX_VALUE), g);
        }

        public Context withSchemes(List<SchemeConfig> s) {
            return new Context(ops, addrUnit, targets, intervals, nrRegions, pause, s);
        }

        public Context withIntervals(Intervals i) {
            return new Context(ops, addrUnit, targets, i, nrRegions, pause, schemes);
        }

        public Context withNrRegions(NrRegions n) {
            return new Context(ops, addrUnit, targets, intervals, n, pause, schemes);
        }

        public Context withPause(boolean p) {
            return new Context(ops, addrUnit, targets, intervals, nrRegions, p, schemes);
        }
    }

    /** A target: a process ({@code pid}, null for none) with optional fixed monitoring regions. */
    public record TargetConfig(Long pid, boolean obsolete, List<AddressRange> regions) {
        public TargetConfig {
            regions = List.copyOf(regions);
        }
    }

    public record Intervals(long sampleUs, long aggrUs, long opsUpdateUs, IntervalsGoal goal) {
        public Intervals {
            goal = goal == null ? IntervalsGoal.OFF : goal;
        }

        public static Intervals of(Attributes a) {
            return new Intervals(a.sampleUs(), a.aggrUs(), a.updateUs(), a.intervalsGoal());
        }
    }

    public record NrRegions(long min, long max) {}

    /** One kdamond with one context: the common case and what damo's options build. */
    public static KdamondsConfig single(Context ctx) {
        return new KdamondsConfig(List.of(new Kdamond(0, List.of(ctx))));
    }

    /** damo's defaults: vaddr, no targets, 5 ms / 100 ms / 1 s, 10..1000 regions, no schemes. */
    public static Context defaultContext() {
        Attributes a = Attributes.DAMO_DEFAULTS;
        return new Context("vaddr", 1, List.of(), Intervals.of(a), new NrRegions(a.minNrRegions(), a.maxNrRegions()),
                false, List.of());
    }
}
