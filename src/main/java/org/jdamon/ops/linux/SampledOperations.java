package org.jdamon.ops.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.core.damos.DamosOperations;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.ops.linux.access.AccessPrimitive;
import org.jdamon.ops.linux.access.PageAccess;
import org.jdamon.ops.linux.procfs.LinuxMetrics;
import org.jdamon.ops.linux.syscall.ProcessMadvise;
import org.jdamon.ops.linux.syscall.TargetGoneException;

/**
 * The sampling half shared by the Linux operations sets (design §3.2): every interval, one random address
 * per region, all of a target's addresses handed to its {@link PageAccess} at once, results fed to
 * {@link MonitorContext#updateAccess}. Per-target buffers grow with the region count and are reused, so
 * sampling allocates nothing. A target whose process exits is marked gone and stops being valid. DAMOS
 * goal and watermark metrics come from the machine ({@link LinuxMetrics}) for every Linux ops set.
 */
abstract class SampledOperations implements Operations, DamosOperations {
    /** Per-target state hung on {@link Target#opsState}. */
    static final class TargetState {
        final PageAccess access;
        final ProcessHandle process;
        long[] addrs = new long[64];
        boolean[] accessed = new boolean[64];
        String goneReason;
        ProcessMadvise madvise;

        TargetState(PageAccess access, ProcessHandle process) {
            this.access = access;
            this.process = process;
        }

        void ensureCapacity(int n) {
            if (addrs.length < n) {
                int cap = Math.max(n, addrs.length * 2);
                addrs = new long[cap];
                accessed = new boolean[cap];
            }
        }
    }

    protected final AccessPrimitive primitive;

    SampledOperations(AccessPrimitive primitive) {
        this.primitive = primitive;
    }

    public AccessPrimitive accessPrimitive() {
        return primitive;
    }

    /** Why the target stopped being valid (e.g. "process 123 exited"), or null while it is valid. */
    public static String goneReason(Target t) {
        return t.opsState() instanceof TargetState s ? s.goneReason : null;
    }

    static TargetState state(Target t) {
        return t.opsState();
    }

    static void markGone(Target t, String reason) {
        TargetState s = state(t);
        if (s != null && s.goneReason == null) {
            s.goneReason = reason;
        }
    }

    @Override
    public boolean supportsMetric(GoalMetric metric) {
        return LinuxMetrics.supports(metric);
    }

    @Override
    public long readMetric(MonitorContext ctx, QuotaGoal goal) {
        return LinuxMetrics.read(goal);
    }

    @Override
    public boolean supportsFreeMemRate() {
        return true;
    }

    @Override
    public long freeMemRatePermil(MonitorContext ctx) {
        return LinuxMetrics.freeMemRatePermil();
    }

    @Override
    public void prepareAccessChecks(MonitorContext ctx) {
        for (Target t : ctx.targets()) {
            TargetState s = state(t);
            if (s == null || s.goneReason != null) {
                continue;
            }
            Regions r = t.regions();
            int n = r.size();
            s.ensureCapacity(n);
            for (int i = 0; i < n; i++) {
                long addr = ctx.randomAddress(r.start(i), r.end(i));
                r.setSamplingAddr(i, addr);
                s.addrs[i] = addr;
            }
            try {
                s.access.prepare(s.addrs, n);
            } catch (TargetGoneException e) {
                s.goneReason = e.getMessage();
            } catch (IOException e) {
                throw new UncheckedIOException("preparing access checks of target " + t.name(), e);
            }
        }
    }

    @Override
    public int checkAccesses(MonitorContext ctx) {
        int max = 0;
        for (Target t : ctx.targets()) {
            TargetState s = state(t);
            if (s == null || s.goneReason != null) {
                continue;
            }
            Regions r = t.regions();
            int n = r.size();
            try {
                s.access.check(s.addrs, n, s.accessed);
            } catch (TargetGoneException e) {
                s.goneReason = e.getMessage();
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("checking accesses of target " + t.name(), e);
            }
            for (int i = 0; i < n; i++) {
                max = Math.max(max, ctx.updateAccess(r, i, s.accessed[i]));
            }
        }
        return max;
    }

    @Override
    public boolean targetValid(MonitorContext ctx, Target target) {
        TargetState s = state(target);
        if (s == null || s.goneReason != null) {
            return false;
        }
        if (s.process != null && !s.process.isAlive()) {
            s.goneReason = "process " + s.process.pid() + " exited";
            return false;
        }
        return true;
    }

    @Override
    public void cleanup(MonitorContext ctx) {
        for (Target t : ctx.targets()) {
            TargetState s = state(t);
            if (s != null) {
                if (s.madvise != null) {
                    s.madvise.close();
                    s.madvise = null;
                }
                try {
                    s.access.close();
                } catch (IOException ignored) {
                    // Closing a /proc file of an exited process: nothing left to release.
                }
            }
        }
    }
}
