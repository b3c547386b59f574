package org.jdamon.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The core's share of one sampling iteration: prepare (random address per region) and check
 * (counter update per region) over N regions, with an access oracle that costs one multiply. Divide
 * the score by the region count for the per-region cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MonitorLoopBenchmark {
    @Param({"1000"})
    int regions;

    /** Pages per region: 16 is a power of two (a mask bounds the random address), 15 is not. */
    @Param({"16", "15"})
    int pagesPerRegion;

    private MonitorContext ctx;
    private final HashOps ops = new HashOps();

    @Setup(Level.Trial)
    public void setUp() {
        Target t = new Target(0, -1, "bench", List.of());
        long regionSize = 4096L * pagesPerRegion;
        for (long a = 0; a < regions * regionSize; a += regionSize) {
            t.regions().add(a, a + regionSize);
        }
        ctx = MonitorContext.builder()
                .attributes(Attributes.KERNEL_DEFAULTS.withNrRegions(10, regions * 2))
                .operations(ops)
                .seed(1)
                .addTarget(t)
                .build();
    }

    @Benchmark
    public int samplingIteration() {
        ops.prepareAccessChecks(ctx);
        return ops.checkAccesses(ctx);
    }

    /** Accessed when a hash of the sampled page's number has its low bit set. */
    static final class HashOps implements Operations {
        @Override
        public String name() {
            return "hash";
        }

        @Override
        public void prepareAccessChecks(MonitorContext ctx) {
            Regions r = ctx.targets().getFirst().regions();
            for (int i = 0, n = r.size(); i < n; i++) {
                r.setSamplingAddr(i, ctx.randomAddress(r.start(i), r.end(i)));
            }
        }

        @Override
        public int checkAccesses(MonitorContext ctx) {
            Regions r = ctx.targets().getFirst().regions();
            int max = 0;
            for (int i = 0, n = r.size(); i < n; i++) {
                boolean accessed = (((r.samplingAddr(i) >>> 12) * 0x9E3779B97F4A7C15L) >>> 63) != 0;
                int nr = ctx.updateAccess(r, i, accessed);
                if (nr > max) {
                    max = nr;
                }
                if (nr >= 20) {
                    r.setNrAccesses(i, 0);
                }
            }
            return max;
        }
    }
}
