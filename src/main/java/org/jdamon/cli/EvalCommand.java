package org.jdamon.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.jdamon.core.AddressRange;
import org.jdamon.eval.EvalReport;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.session.Evaluation;
import org.jdamon.session.SimSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon eval}: DAMON's accuracy and cost against the exact truth of a trace or a simulation. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Monitor a trace or a simulated workload and score every aggregation against the exact truth:",
            "WSS error, access-frequency error, hot/cold precision and recall, and access checks vs a",
            "page-granular monitor (which also runs, on the same engine, unless --no-baseline or the trace is stdin)."})
public final class EvalCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class Source {
        @Option(names = "--trace", paramLabel = "FILE|-", required = true,
                description = "Lackey text, .gz, or jdamon binary trace; - for standard input")
        String trace;

        @Option(names = "--sim", paramLabel = "CONFIG|NAME", required = true,
                description = "a simulated workload (masim config or built-in name)")
        String sim;
    }

    @Option(names = "--duration", paramLabel = "TIME",
            description = "stop after this much monitored time (default: until the trace or workload ends)")
    String duration;

    @Option(names = "--sim_rate", paramLabel = "ACCESSES_PER_MS", defaultValue = "0",
            description = "total access rate of a simulated workload (default: the workload's)")
    long simRate;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    TraceOptionsMixin traceOptions;

    @Option(names = "--hot-nr", paramLabel = "N", defaultValue = "1",
            description = "DAMON calls a region hot from this nr_accesses on (default 1)")
    int hotNr;

    @Option(names = "--cold-age", paramLabel = "DURATION", defaultValue = "1s",
            converter = CliParsing.DurationUsConverter.class,
            description = "a page is cold once idle this long; DAMON: nr_accesses 0 and at least this age (default 1s)")
    long coldAgeUs;

    @Option(names = "--focus", paramLabel = "START-END",
            description = "score only the bytes in this address range (hex with 0x, or decimal), e.g. one array")
    String focus;

    @Option(names = "--no-baseline", negatable = false, description = "skip the page-granular baseline run")
    boolean noBaseline;

    @Option(names = "--windows", negatable = false, description = "also print every aggregation window")
    boolean perWindow;

    @Option(names = "--json", negatable = false, description = "print one JSON object instead of the table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        EvalThresholds th;
        try {
            th = new EvalThresholds(hotNr, coldAgeUs);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), true);
        }
        List<EvalRun> runs;
        String input;
        if (source.trace != null) {
            boolean stdin = TraceInput.STDIN.equals(source.trace);
            input = stdin ? "<stdin>" : source.trace;
            if (duration != null) {
                throw new UserException("--duration applies to --sim; a trace is evaluated to its end", true);
            }
            runs = Evaluation.trace(() -> TraceInput.open(source.trace), traceOptions.options(),
                    monitoring.toAttributes(), monitoring.seed(), th, focusRange(), !noBaseline && !stdin);
        } else {
            input = source.sim;
            long durationNs = CliParsing.durationNs("--duration", duration);
            // The simulator has no page-granular mode: its baseline cost is counted, not run.
            runs = List.of(Evaluation.run("damon", SimSource.load(source.sim, simRate), monitoring.toAttributes(),
                    monitoring.seed(), durationNs, th, focusRange()));
        }
        if (runs.getFirst().windows().isEmpty()) {
            throw new UserException(input + (source.trace != null
                    ? ": the trace ended before the first aggregation ended (lower -a or --instr-per-us / --accesses-per-us)"
                    : ": the workload ended before the first aggregation ended"), true);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? EvalReport.json(input, runs) + "\n" : EvalReport.text(input, runs, perWindow));
        out.flush();
        return 0;
    }

    private AddressRange focusRange() {
        if (focus == null) {
            return null;
        }
        String[] parts = focus.split("-");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new AddressRange(Long.decode(parts[0].trim()), Long.decode(parts[1].trim()));
        } catch (IllegalArgumentException e) {
            throw new UserException("invalid --focus '%s' (expected START-END, e.g. 0x1000-0x2000)".formatted(focus), true);
        }
    }
}
