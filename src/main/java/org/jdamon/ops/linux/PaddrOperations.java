package org.jdamon.ops.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.damos.ApplyRequest;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.ops.linux.access.AccessPrimitive;
import org.jdamon.ops.linux.procfs.PhysicalMemory;

/**
 * {@code paddr} on jdamon's engine: the physical address space, by default the largest System RAM range
 * of {@code /proc/iomem} (design §4.2), sampled through idle page tracking. Ranges never change.
 */
public final class PaddrOperations extends SampledOperations {
    public PaddrOperations(AccessPrimitive primitive) {
        super(primitive);
    }

    @Override
    public String name() {
        return "paddr";
    }

    /**
     * Only {@code stat}: reclaiming or sorting physical pages needs the kernel (its paddr DAMOS, reached
     * through {@code jdamon record --kernel}); user space cannot act on frames it does not map.
     */
    @Override
    public boolean supportsAction(DamosAction action) {
        return action == DamosAction.STAT;
    }

    @Override
    public long applyScheme(MonitorContext ctx, Target target, long start, long end, ApplyRequest request) {
        return 0;
    }

    @Override
    public void init(MonitorContext ctx) {
        for (Target t : ctx.targets()) {
            if (t.opsState() == null) {
                try {
                    t.setOpsState(new TargetState(primitive.forPhysical(), null));
                } catch (IOException e) {
                    throw new UncheckedIOException("opening physical memory access", e);
                }
            }
            if (t.regions().size() > 0) {
                continue;
            }
            List<AddressRange> ranges = t.initialRanges();
            if (ranges.isEmpty()) {
                try {
                    ranges = List.of(PhysicalMemory.largest(PhysicalMemory.systemRam()));
                } catch (IOException e) {
                    throw new UncheckedIOException("reading " + PhysicalMemory.IOMEM, e);
                }
            }
            ctx.setRegions(t, ranges);
        }
    }
}
