package org.jdamon.ops.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.damos.ApplyRequest;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.ops.linux.access.AccessPrimitive;
import org.jdamon.ops.linux.access.PageAccess;
import org.jdamon.ops.linux.procfs.ProcMaps;
import org.jdamon.ops.linux.procfs.ProcStatus;
import org.jdamon.ops.linux.syscall.LinuxSupportException;
import org.jdamon.ops.linux.syscall.NativeCallException;
import org.jdamon.ops.linux.syscall.ProcessMadvise;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.jdamon.ops.linux.syscall.TargetGoneException;

/**
 * {@code vaddr} and {@code fvaddr} for Linux processes on jdamon's engine. vaddr starts from the
 * three-regions ranges of {@code /proc/PID/maps} (unless the target brings ranges) and refreshes them
 * every ops update interval (design §4.1); fvaddr keeps the user's fixed ranges. Access comes from the
 * chosen {@link AccessPrimitive}. DAMOS actions {@code willneed, cold, pageout, collapse} go to the live
 * process through {@code process_madvise}.
 */
public final class VaddrOperations extends SampledOperations {
    private final boolean fixedRanges;
    private final long pageSize;

    private VaddrOperations(AccessPrimitive primitive, boolean fixedRanges, long pageSize) {
        super(primitive);
        this.fixedRanges = fixedRanges;
        this.pageSize = pageSize;
    }

    public static VaddrOperations vaddr(AccessPrimitive primitive) {
        return new VaddrOperations(primitive, false, Syscalls.pageSize());
    }

    public static VaddrOperations fvaddr(AccessPrimitive primitive) {
        return new VaddrOperations(primitive, true, Syscalls.pageSize());
    }

    @Override
    public String name() {
        return fixedRanges ? "fvaddr" : "vaddr";
    }

    @Override
    public void init(MonitorContext ctx) {
        for (Target t : ctx.targets()) {
            if (t.opsState() == null) {
                t.setOpsState(open(t));
            }
            if (state(t).goneReason != null || t.regions().size() > 0) {
                continue;
            }
            List<AddressRange> ranges = t.initialRanges();
            if (ranges.isEmpty() && !fixedRanges) {
                ranges = threeRegions(t);
            }
            if (!ranges.isEmpty()) {
                ctx.setRegions(t, ranges);
            }
        }
    }

    private TargetState open(Target t) {
        ProcessHandle process = ProcessHandle.of(t.pid()).orElse(null);
        try {
            TargetState s = new TargetState(primitive.forProcess(t.pid()), process);
            if (process == null) {
                s.goneReason = "no process with pid " + t.pid();
            }
            return s;
        } catch (TargetGoneException e) {
            TargetState s = new TargetState(NO_ACCESS, process);
            s.goneReason = e.getMessage();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("opening the access signal of process " + t.pid(), e);
        }
    }

    /** The three ranges of the process's current mappings; empty when it has gone or has fewer than two gaps. */
    private List<AddressRange> threeRegions(Target t) {
        try {
            return ProcMaps.threeRegions(ProcMaps.read(t.pid()), pageSize);
        } catch (java.nio.file.NoSuchFileException e) {
            markGone(t, "process " + t.pid() + " exited");
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ProcMaps.path(t.pid()), e);
        }
    }

    @Override
    public void update(MonitorContext ctx) {
        if (fixedRanges) {
            return;
        }
        for (Target t : ctx.targets()) {
            TargetState s = state(t);
            if (s == null || s.goneReason != null) {
                continue;
            }
            List<AddressRange> ranges = threeRegions(t);
            if (!ranges.isEmpty()) {
                ctx.setRegions(t, ranges);
            }
        }
    }

    // ---- DAMOS: actions through process_madvise ----------------------------------------------

    @Override
    public boolean supportsAction(DamosAction action) {
        return action == DamosAction.STAT || madviseAction(action) != null;
    }

    private static ProcessMadvise.Action madviseAction(DamosAction action) {
        return switch (action) {
            case WILLNEED -> ProcessMadvise.Action.WILLNEED;
            case COLD -> ProcessMadvise.Action.COLD;
            case PAGEOUT -> ProcessMadvise.Action.PAGEOUT;
            case COLLAPSE -> ProcessMadvise.Action.COLLAPSE;
            default -> null;
        };
    }

    /**
     * {@code process_madvise} on {@code [start, end)}: the bytes advised, as the kernel's vaddr counts a
     * successful madvise (0 when part of the range is unmapped). A target that exited yields 0 and
     * ends; a missing capability is an error naming it.
     */
    @Override
    public long applyScheme(MonitorContext ctx, Target target, long start, long end, ApplyRequest request) {
        ProcessMadvise.Action advice = madviseAction(request.action());
        TargetState s = state(target);
        if (advice == null || s == null || s.goneReason != null) {
            return 0;
        }
        try {
            if (s.madvise == null) {
                s.madvise = ProcessMadvise.open(target.pid());
            }
            return s.madvise.apply(start, end - start, advice);
        } catch (NativeCallException e) {
            if (e.errno() == Syscalls.ESRCH) {
                markGone(target, "process " + target.pid() + " exited");
                return 0;
            }
            throw new LinuxSupportException("DAMOS " + request.action().keyword() + " on pid " + target.pid()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The targets' resident set sizes ({@code VmRSS}); the rest is not known per process. */
    @Override
    public MemoryState memoryState(MonitorContext ctx) {
        long rss = 0;
        boolean any = false;
        for (Target t : ctx.targets()) {
            TargetState s = state(t);
            if (s == null || s.goneReason != null) {
                continue;
            }
            try {
                rss += ProcStatus.rssBytes(t.pid());
                any = true;
            } catch (IOException | IllegalArgumentException e) {
                // exited between checks: its memory is gone
            }
        }
        return any ? new MemoryState(rss, -1, -1, -1, -1, -1, -1, -1) : MemoryState.UNKNOWN;
    }

    /** Stands in for the access signal of a target that was gone before monitoring started. */
    private static final PageAccess NO_ACCESS = new PageAccess() {
        @Override
        public void prepare(long[] addrs, int n) {}

        @Override
        public void check(long[] addrs, int n, boolean[] accessed) {}

        @Override
        public void close() {}
    };
}
