package org.jdamon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import java.util.function.UnaryOperator;
import org.jdamon.core.Attributes;

/**
 * Everything {@code jdamon args damon} (and later {@code record}/{@code start}) accepts, as given on the
 * command line, and the rule that turns it into one complete {@link KdamondsConfig}: start from
 * {@code --kdamonds FILE} or damo's defaults, apply the preset's monitoring attributes and then the
 * monitoring options ({@code monitoring} maps the current attributes to the wanted ones), then add the preset's
 * schemes and the {@code --damos_*} schemes to the (single) context.
 */
public record DamonArgs(
        Path kdamondsFile,
        String ops,
        Long targetPid,
        List<String> regions,
        UnaryOperator<Attributes> monitoring,
        String preset,
        DamosArgs damos) {

    public KdamondsConfig toConfig() {
        return toConfig(SystemRam::span);
    }

    /**
     * As {@link #toConfig()}, with damo's target defaults: without {@code --ops} the operations set is
     * {@code vaddr} for a {@code --target_pid} and {@code paddr} otherwise; there is one target, with the
     * pid only for the virtual-address sets, and a {@code paddr} target without {@code --regions} covers
     * {@code systemRam} (damo's span of System RAM in /proc/iomem). A {@code --kdamonds} file keeps its
     * own targets unless a target option is given.
     */
    public KdamondsConfig toConfig(java.util.function.Supplier<java.util.Optional<AddressRange>> systemRam) {
        KdamondsConfig base = kdamondsFile != null ? KdamondsJson.read(kdamondsFile) : null;
        KdamondsConfig.Context ctx = base == null ? KdamondsConfig.defaultContext() : onlyContext(base);
        boolean targetGiven = targetPid != null || (regions != null && !regions.isEmpty());
        if (base == null || targetGiven || ops != null) {
            String o = ops != null ? ops : base != null && !targetGiven ? ctx.ops() : targetPid != null ? "vaddr" : "paddr";
            List<KdamondsConfig.TargetConfig> targets = ctx.targets();
            if (base == null || targetGiven) {
                List<AddressRange> ranges = regions == null ? List.of() : regions.stream().map(DamonArgs::range).toList();
                if (o.equals("paddr") && ranges.isEmpty()) {
                    ranges = systemRam.get().map(List::of).orElse(List.of());
                }
                Long pid = o.equals("vaddr") || o.equals("fvaddr") ? targetPid : null;
                targets = List.of(new KdamondsConfig.TargetConfig(pid, false, ranges));
            }
            ctx = new KdamondsConfig.Context(o, ctx.addrUnit(), targets, ctx.intervals(), ctx.nrRegions(),
                    ctx.pause(), ctx.schemes());
        }
        if (preset != null) {
            ctx = ctx.withIntervals(new KdamondsConfig.Intervals(Presets.SAMPLE_US, Presets.AGGR_US,
                    ctx.intervals().opsUpdateUs(), ctx.intervals().goal())).withNrRegions(new KdamondsConfig.NrRegions(10, 1000));
        }
        if (monitoring != null) {
            Attributes a = monitoring.apply(ctx.attributes());
            ctx = ctx.withIntervals(KdamondsConfig.Intervals.of(a))
                    .withNrRegions(new KdamondsConfig.NrRegions(a.minNrRegions(), a.maxNrRegions()));
        }
        try {
            ctx.attributes().validate();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("monitoring attributes", e.getMessage());
        }
        List<SchemeConfig> schemes = new ArrayList<>(ctx.schemes());
        if (preset != null) {
            schemes.addAll(Presets.fromKeyword(preset).schemes());
        }
        schemes.addAll((damos == null ? DamosArgs.NONE : damos).toSchemes());
        ctx = ctx.withSchemes(schemes);
        for (int i = 0; i < schemes.size(); i++) {
            CoreConversion.scheme(schemes.get(i), ctx.attributes(), "schemes[" + i + "]");
        }
        if (base == null) {
            return KdamondsConfig.single(ctx);
        }
        KdamondsConfig.Kdamond k = base.kdamonds().getFirst();
        return new KdamondsConfig(List.of(new KdamondsConfig.Kdamond(k.refreshMs(), List.of(ctx))));
    }

    private KdamondsConfig.Context onlyContext(KdamondsConfig cfg) {
        if (cfg.kdamonds().size() != 1 || cfg.kdamonds().getFirst().contexts().size() != 1) {
            throw new ConfigException("--kdamonds " + kdamondsFile, "jdamon runs exactly one kdamond with one context"
                    + " (found " + cfg.kdamonds().size() + " kdamond(s)" + (cfg.kdamonds().isEmpty() ? ""
                    : ", the first with " + cfg.kdamonds().getFirst().contexts().size() + " context(s)") + ")");
        }
        return cfg.kdamonds().getFirst().contexts().getFirst();
    }

    /** A damo {@code --regions} word, {@code <start>-<end>}. */
    public static AddressRange range(String text) {
        String[] p = text.split("-");
        if (p.length != 2) {
            throw new ConfigException("--regions", "expected <start>-<end>, got '" + text + "'");
        }
        long s = convert("--regions", p[0], Values::integer);
        long e = convert("--regions", p[1], Values::integer);
        if (Long.compareUnsigned(s, e) > 0) {
            throw new ConfigException("--regions", "start > end in '" + text + "'");
        }
        return new AddressRange(s, e);
    }

    private static long convert(String opt, String text, java.util.function.Function<String, Long> conv) {
        try {
            return conv.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(opt, e.getMessage());
        }
    }
}
