package org.jdamon.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.jdamon.core.Units;
import org.jdamon.eval.CoverageMeter;
import org.jdamon.eval.EvalReport;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.eval.Evaluator;
import org.jdamon.ops.trace.BinaryTraceWriter;
import org.jdamon.ops.trace.LackeyProcess;
import org.jdamon.ops.trace.TeeTraceReader;
import org.jdamon.ops.trace.TraceFormatException;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.ops.trace.TraceOperations;
import org.jdamon.ops.trace.TraceReader;
import org.jdamon.ops.trace.TraceReplay;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.session.MonitorRun;
import org.jdamon.session.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jdamon trace}: trace a command with Valgrind Lackey, convert traces, measure replay speed. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Memory traces of real programs: record under Valgrind Lackey, convert (benchmarks: jdamon bench trace).",
        subcommands = {TraceCommand.Record.class, TraceCommand.Convert.class})
public final class TraceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** {@code jdamon trace convert IN OUT}: any trace to the binary format ({@code .gz} output is gzipped). */
    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Convert a Lackey (or binary, or .gz) trace to jdamon's binary trace format.")
    static final class Convert implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IN", description = "input trace; - for standard input")
        String in;

        @Parameters(index = "1", paramLabel = "OUT", description = "output file; gzipped when it ends in .gz")
        Path out;

        @Override
        public Integer call() throws IOException {
            long n;
            try (TraceReader reader = TraceInput.open(in)) {
                OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                if (out.toString().endsWith(".gz")) {
                    os = new GZIPOutputStream(os, 1 << 16);
                }
                try (BinaryTraceWriter w = new BinaryTraceWriter(os)) {
                    n = w.copyFrom(reader);
                }
            }
            if (n == 0) {
                Files.deleteIfExists(out);
                throw new TraceFormatException(in + ": empty trace (no access records)");
            }
            var err = spec.commandLine().getErr();
            err.printf("%,d records -> %s (%s)%n", n, out, Units.formatSize(Files.size(out)));
            err.flush();
            return 0;
        }
    }

    /** {@code jdamon trace record [options] -- CMD ARGS...}: monitor a command under Lackey as it runs. */
    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Run CMD under valgrind --tool=lackey --trace-mem=yes and monitor its accesses as it runs.",
                "The trace streams through a pipe; no trace is written unless --save-trace is given."})
    static final class Record implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = RecordFiles.DEFAULT_NAME,
                description = "record file to write (default: ${DEFAULT-VALUE})")
        Path output;

        @Option(names = "--save-trace", paramLabel = "FILE", description = "also save the trace (binary format)")
        Path saveTrace;

        @Option(names = "--eval", negatable = false,
                description = "score DAMON against the trace's exact truth as it runs and print the eval table")
        boolean eval;

        @Option(names = "--cold-age", paramLabel = "DURATION", defaultValue = "1s",
                converter = CliParsing.DurationUsConverter.class, description = "cold age for --eval")
        long coldAgeUs;

        @Option(names = "--json", negatable = false, description = "print the --eval table as JSON")
        boolean json;

        @Mixin
        MonitoringOptions monitoring;

        @Mixin
        TraceOptionsMixin traceOptions;

        @Parameters(paramLabel = "CMD", arity = "1..*", description = "the command and its arguments")
        List<String> command;

        @Override
        public Integer call() throws Exception {
            var attrs = monitoring.toAttributes();
            EvalThresholds th;
            try {
                th = new EvalThresholds(1, coldAgeUs);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), true);
            }
            String label = String.join(" ", command);
            try (LackeyProcess lackey = LackeyProcess.start(command)) {
                TraceSource source;
                MonitorRun.Result result;
                Evaluator[] evaluator = new Evaluator[1];
                CoverageMeter[] coverage = new CoverageMeter[1];
                long wall;
                try {
                    TraceReader reader = lackey.open();
                    if (saveTrace != null) {
                        reader = new TeeTraceReader(reader, new BinaryTraceWriter(
                                new BufferedOutputStream(Files.newOutputStream(saveTrace), 1 << 16)));
                    }
                    source = new TraceSource(reader, traceOptions.options().withGroundTruth(eval));
                    MonitorRun run = new MonitorRun(source).attributes(attrs).seed(monitoring.seed()).output(output)
                            .property("command", label)
                            .progress(System.console() != null ? System.err : null);
                    TraceOperations traceOps = source.traceOperations();
                    run.onBuild((ctx, writer) -> coverage[0] = CoverageMeter.attach(ctx, traceOps,
                            writer == null ? null : writer.sideDataSink()));
                    if (eval) {
                        TraceOperations ops = source.traceOperations();
                        run.onBuild((ctx, writer) -> evaluator[0] = new Evaluator(ops, th, ops.options().pageSize()).attach(ctx));
                    }
                    long t0 = System.nanoTime();
                    result = run.run();
                    wall = System.nanoTime() - t0;
                } catch (TraceFormatException e) {
                    String failed = lackey.failure();
                    throw new UserException(failed != null ? failed : e.getMessage());
                }
                String failed = lackey.failure();
                if (failed != null) {
                    throw new UserException(failed + " (the record of what ran is in " + output + ")");
                }
                TraceOperations ops = source.traceOperations();
                var err = spec.commandLine().getErr();
                var out = spec.commandLine().getOut();
                err.printf("jdamon: recorded %d snapshots (%s of trace time, %,d records, %,d pages) to %s (%s)%n",
                        result.snapshots(), Units.formatDurationUs(result.monitoredNs() / 1000), ops.recordsReplayed(),
                        ops.distinctPages(), output, Units.formatSize(result.recordBytes()));
                RecordCommand.printCoverage(err, coverage[0]);
                TraceOptionsMixin.printStretchHint(err, ops, attrs.aggrUs());
                err.flush();
                if (evaluator[0] != null) {
                    Evaluator ev = evaluator[0];
                    EvalRun run = new EvalRun("damon", ev.summary(), ev.windows(), wall, TraceReplay.facts(ops))
                            .withCoverage(coverage[0].summary());
                    out.print(json ? EvalReport.json(label, List.of(run)) + "\n"
                            : EvalReport.text(label, List.of(run), false));
                    out.flush();
                }
            }
            return 0;
        }
    }
}
