package org.jdamon.ops.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.jdamon.core.WallClock;
import org.jdamon.ops.linux.access.AccessPrimitive;
import org.jdamon.ops.linux.access.PageAccess;
import org.jdamon.ops.linux.access.SoftDirty;
import org.jdamon.ops.linux.procfs.Mapping;
import org.jdamon.ops.linux.procfs.ProcMaps;
import org.junit.jupiter.api.Test;

/**
 * vaddr on a real child process, with a stand-in access primitive (this host's kernel has neither
 * page-idle nor soft-dirty; the real primitives are exercised in the VM): ranges come from the child's
 * maps, and the worker stops cleanly when the child exits.
 */
public class VaddrOperationsTest {
    /** Reports an access for every sampled address inside {@code hot} (none while it supplies null). */
    public static final class RangeAccess implements AccessPrimitive {
        final Supplier<AddressRange> hot;
        long prepares;

        public RangeAccess(AddressRange hot) {
            this(() -> hot);
        }

        RangeAccess(Supplier<AddressRange> hot) {
            this.hot = hot;
        }

        @Override
        public String name() {
            return "test-range";
        }

        @Override
        public String description() {
            return "test range";
        }

        @Override
        public boolean detectsReads() {
            return true;
        }

        @Override
        public PageAccess forProcess(long pid) {
            return new PageAccess() {
                @Override
                public void prepare(long[] addrs, int n) {
                    prepares++;
                }

                @Override
                public void check(long[] addrs, int n, boolean[] accessed) {
                    AddressRange h = hot.get();
                    for (int i = 0; i < n; i++) {
                        accessed[i] = h != null && h.contains(addrs[i]);
                    }
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public PageAccess forPhysical() {
            return forProcess(-1);
        }
    }

    @Test
    void regionsFollowTheChildsMapsAndFindItsHotRange() throws Exception {
        Process child = new ProcessBuilder("sleep", "10").start();
        try {
            Thread.sleep(100); // let it exec
            List<Mapping> maps = ProcMaps.read(child.pid());
            List<AddressRange> three = ProcMaps.threeRegions(maps, 4096);
            Mapping stack = maps.stream().filter(m -> m.path().equals("[stack]")).findFirst().orElseThrow();
            RangeAccess access = new RangeAccess(new AddressRange(stack.start(), stack.end()));
            Target t = new Target(0, child.pid(), "sleep", null);
            // 2 s of virtual time at 5 ms / 100 ms: 400 samples, 20 aggregations.
            MonitorContext ctx = MonitorContext.builder()
                    .attributes(Attributes.DAMO_DEFAULTS)
                    .operations(VaddrOperations.vaddr(access))
                    .clock(new VirtualClock())
                    .addTarget(t)
                    .deadlineNs(2_000_000_000L)
                    .build();
            ctx.run();
            assertThat(access.prepares).isEqualTo(400);
            Regions r = t.regions();
            assertThat(r.start(0)).isEqualTo(three.get(0).start());
            assertThat(r.end(r.size() - 1)).isEqualTo(three.get(2).end());
            long hotBytes = 0;
            for (int i = 0; i < r.size(); i++) {
                boolean inStack = stack.start() <= r.start(i) && r.end(i) <= stack.end();
                // Every sample of a stack region hits, none elsewhere: 100 ms / 5 ms = 20 per window.
                assertThat(r.lastNrAccesses(i)).as("region %s", i).isEqualTo(inStack ? 20 : 0);
                if (inStack) {
                    hotBytes += r.regionSize(i);
                }
            }
            assertThat(hotBytes).isEqualTo(stack.size());
            assertThat(SampledOperations.goneReason(t)).isNull();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void exitedChildEndsTheWorkerCleanly() throws Exception {
        Process child = new ProcessBuilder("sleep", "0.3").start();
        Thread.sleep(50);
        Target t = new Target(0, child.pid(), "sleep", null);
        WallClock clock = new WallClock();
        MonitorContext ctx = MonitorContext.builder()
                .attributes(new Attributes(5_000, 50_000, 1_000_000, 10, 1000, null))
                .operations(VaddrOperations.vaddr(new RangeAccess(new AddressRange(0, 1))))
                .clock(clock)
                .addTarget(t)
                .deadlineNs(clock.nowNs() + 5_000_000_000L)
                .build();
        long start = System.nanoTime();
        ctx.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("stopped when the child exited, not at the 5 s deadline").isLessThan(3000);
        assertThat(SampledOperations.goneReason(t)).isEqualTo("process " + child.pid() + " exited");
    }

    @Test
    void fvaddrKeepsTheGivenRanges() throws Exception {
        Process child = new ProcessBuilder("sleep", "10").start();
        try {
            AddressRange fixed = new AddressRange(0x10000, 0x50000);
            Target t = new Target(0, child.pid(), "sleep", List.of(fixed));
            MonitorContext ctx = MonitorContext.builder()
                    .operations(VaddrOperations.fvaddr(new RangeAccess(new AddressRange(0x10000, 0x20000))))
                    .addTarget(t)
                    .deadlineNs(3_000_000_000L)
                    .build();
            ctx.run();
            assertThat(t.regions().start(0)).isEqualTo(0x10000);
            assertThat(t.regions().end(t.regions().size() - 1)).isEqualTo(0x50000);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void targetGoneBeforeStartIsInvalidFromTheBeginning() throws IOException, InterruptedException {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        Target t = new Target(0, child.pid(), "true", null);
        MonitorContext ctx = MonitorContext.builder()
                .operations(VaddrOperations.vaddr(new SoftDirty(4096)))
                .addTarget(t)
                .deadlineNs(1_000_000_000L)
                .build();
        ctx.run();
        assertThat(SampledOperations.goneReason(t)).contains(Long.toString(child.pid()));
        assertThat(t.regions().size()).isZero();
    }
}
