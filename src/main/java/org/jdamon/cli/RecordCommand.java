package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdamon.config.DamonArgs;
import org.jdamon.core.AddressRange;
import org.jdamon.ops.linux.LinuxTargets;
import org.jdamon.session.LinuxSource;
import org.jdamon.session.TraceSource;
import org.jdamon.core.Units;
import org.jdamon.record.RecordFiles;
import org.jdamon.session.MonitorRun;
import org.jdamon.session.MonitorSource;
import org.jdamon.session.SimSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdamon record}: monitor a target and write its access pattern to a record file. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Monitor a target's data accesses and record them.")
public final class RecordCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--sim", paramLabel = "CONFIG",
                description = "Simulated workload: a masim config file or a built-in name "
                        + "(demo, zigzag, zigzag_30secs, stairs, stairs_30secs, default).")
        String sim;

        @Option(names = "--trace", paramLabel = "FILE|-",
                description = "Replay a memory trace: Valgrind Lackey text (optionally .gz), jdamon's binary "
                        + "trace, or - for standard input.")
        String trace;

        @Option(names = "--pid", paramLabel = "PID", description = "Monitor a running process (vaddr).")
        Long pid;

        @Parameters(paramLabel = "paddr | -- CMD ARGS", arity = "1..*",
                description = "'paddr' for physical memory, or a command to start and monitor until it exits.")
        List<String> deducible;
    }

    @Option(names = {"-r", "--regions"}, arity = "1..*", paramLabel = "START-END",
            description = "Fixed monitoring ranges: fvaddr for --pid, physical ranges for paddr.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--access", paramLabel = "PRIMITIVE", defaultValue = "auto",
            description = "Access check for live targets: auto, page_idle, soft_dirty (default: ${DEFAULT-VALUE}).")
    String access;

    @Mixin
    TraceOptionsMixin traceOptions;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = RecordFiles.DEFAULT_NAME,
            description = "Record file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "Stop after this much monitored time (e.g. 30s); a simulated workload otherwise "
                    + "runs its phases once.")
    String duration;

    @Option(names = "--sim_rate", paramLabel = "ACCESSES_PER_MS", defaultValue = "0",
            description = "Total access rate of a simulated workload (default: the workload's, 25000/ms).")
    long simRate;

    @Mixin
    MonitoringOptions monitoring;

    @Override
    public Integer call() throws IOException {
        var attrs = monitoring.toAttributes();
        long durationNs = 0;
        if (duration != null) {
            try {
                durationNs = Units.parseDurationUs(duration, 1_000_000) * 1000;
            } catch (IllegalArgumentException e) {
                throw new UserException("--duration: " + e.getMessage(), true);
            }
        }
        MonitorSource source = openSource();
        var err = spec.commandLine().getErr();
        MonitorRun.Result r = new MonitorRun(source)
                .attributes(attrs)
                .seed(monitoring.seed())
                .durationNs(durationNs)
                .output(output)
                .progress(System.console() != null ? System.err : null)
                .run();
        err.printf("jdamon: recorded %d snapshots (%s monitored) to %s (%s)%s%n",
                r.snapshots(), Units.formatDurationUs(r.monitoredNs() / 1000), output,
                Units.formatSize(r.recordBytes()), r.interrupted() ? ", interrupted" : "");
        err.flush();
        return 0;
    }

    private MonitorSource openSource() {
        if (target.sim != null) {
            return SimSource.load(target.sim, simRate);
        }
        if (target.trace != null) {
            return new TraceSource(target.trace, traceOptions.options());
        }
        List<AddressRange> ranges = ConfigErrors.convert(() -> regions.stream().map(DamonArgs::range).toList());
        if (target.pid != null) {
            return new LinuxSource(ranges.isEmpty() ? LinuxTargets.forPid(target.pid, access)
                    : LinuxTargets.fvaddr(target.pid, ranges, access));
        }
        if (target.deducible.size() == 1 && target.deducible.getFirst().equals("paddr")) {
            return new LinuxSource(LinuxTargets.paddr(ranges, access));
        }
        return new LinuxSource(LinuxTargets.forCommand(target.deducible, access));
    }
}
