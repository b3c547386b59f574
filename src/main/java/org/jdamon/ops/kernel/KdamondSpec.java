package org.jdamon.ops.kernel;

import java.util.List;
import java.util.Objects;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;

/**
 * The values jdamon writes into one {@code kdamonds/<K>} directory of the DAMON sysfs interface (design
 * §9.1), in the kernel's own units: microseconds, bytes, samples per aggregation, aggregation intervals.
 * It is the sysfs view of a kdamond; the kdamonds configuration model maps onto it.
 *
 * @param refreshMs {@code refresh_ms} (6.17+); 0 leaves the file alone
 */
public record KdamondSpec(List<Context> contexts, long refreshMs) {

    public KdamondSpec {
        contexts = List.copyOf(contexts);
        if (contexts.size() != 1) {
            throw new IllegalArgumentException(
                    "a kdamond takes exactly one context (the kernel accepts nr_contexts 0 or 1), got "
                            + contexts.size());
        }
    }

    public static KdamondSpec of(Context context) {
        return new KdamondSpec(List.of(context), 0);
    }

    public Context context() {
        return contexts.getFirst();
    }

    /** A copy with {@code scheme} appended to the context's schemes. */
    public KdamondSpec withScheme(SysfsScheme scheme) {
        Context c = context();
        List<SysfsScheme> schemes = new java.util.ArrayList<>(c.schemes());
        schemes.add(scheme);
        return new KdamondSpec(
                List.of(new Context(c.operations(), c.attributes(), c.addrUnit(), c.targets(), schemes, c.pause())),
                refreshMs);
    }

    /**
     * {@code contexts/0}: operations set ({@code vaddr}, {@code fvaddr}, {@code paddr}), monitoring
     * attributes, {@code addr_unit} (6.18+; 1 leaves the file alone), targets, schemes, and {@code pause}
     * (mm.git: a paused context keeps its kdamond but neither monitors nor applies schemes).
     */
    public record Context(
            String operations,
            Attributes attributes,
            long addrUnit,
            List<TargetSpec> targets,
            List<SysfsScheme> schemes,
            boolean pause) {
        public Context {
            Objects.requireNonNull(operations, "operations");
            Objects.requireNonNull(attributes, "attributes");
            targets = List.copyOf(targets);
            schemes = List.copyOf(schemes);
            if (addrUnit < 1) {
                throw new IllegalArgumentException("addr_unit must be at least 1, got " + addrUnit);
            }
            if (operations.equals("paddr") && targets.size() > 1) {
                throw new IllegalArgumentException("paddr takes at most one target, got " + targets.size());
            }
        }

        public Context(String operations, Attributes attributes, long addrUnit, List<TargetSpec> targets,
                List<SysfsScheme> schemes) {
            this(operations, attributes, addrUnit, targets, schemes, false);
        }

        public Context(String operations, Attributes attributes, List<TargetSpec> targets,
                List<SysfsScheme> schemes) {
            this(operations, attributes, 1, targets, schemes, false);
        }
    }

    /**
     * {@code targets/<T>}: the process id ({@code pid_target}, ignored by paddr; -1 writes nothing) and
     * initial regions (required for fvaddr, optional for paddr, normally empty for vaddr).
     */
    public record TargetSpec(long pid, List<AddressRange> regions) {
        public TargetSpec {
            regions = List.copyOf(regions);
            for (int i = 1; i < regions.size(); i++) {
                if (Long.compareUnsigned(regions.get(i).start(), regions.get(i - 1).end()) < 0) {
                    throw new IllegalArgumentException(
                            "target regions must be sorted and must not overlap: %s then %s"
                                    .formatted(regions.get(i - 1), regions.get(i)));
                }
            }
        }

        public static TargetSpec process(long pid) {
            return new TargetSpec(pid, List.of());
        }
    }
}
