package org.jdamon.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.RegionsView;
import org.jdamon.core.Units;
import org.jdamon.eval.EvalReport;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.ops.trace.BinaryTraceWriter;
import org.jdamon.ops.trace.LackeyProcess;
import org.jdamon.ops.trace.TeeTraceReader;
import org.jdamon.ops.trace.TraceBench;
import org.jdamon.ops.trace.TraceFormatException;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.ops.trace.TraceOperations;
import org.jdamon.ops.trace.TraceReader;
import org.jdamon.ops.trace.TraceReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jdamon trace}: trace a command with Valgrind Lackey, convert traces, measure replay speed. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Memory traces of real programs: record under Valgrind Lackey, convert, benchmark.",
        subcommands = {TraceCommand.Record.class, TraceCommand.Convert.class, TraceCommand.Bench.class})
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
            System.err.printf("%,d records -> %s (%s)%n", n, out, Units.formatSize(Files.size(out)));
            return 0;
        }
    }

    /** {@code jdamon trace record [options] -- CMD ARGS...}: monitor a command under Lackey as it runs. */
    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Run CMD under valgrind --tool=lackey --trace-mem=yes and monitor its accesses as it runs.",
                "The trace streams through a pipe; nothing is written unless --save-trace is given."})
    static final class Record implements Callable<Integer> {
        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "record file to write")
        Path output;

        @Option(names = "--save-trace", paramLabel = "FILE", description = "also save the trace (binary format)")
        Path saveTrace;

        @Option(names = "--eval", negatable = false,
                description = "score DAMON against the trace's exact truth as it runs and print the eval table")
        boolean eval;

        @Option(names = "--cold-age", paramLabel = "DURATION", defaultValue = "1s", description = "cold age for --eval")
        String coldAge;

        @Option(names = "--json", negatable = false, description = "print the summary as JSON")
        boolean json;

        @Mixin
        MonitoringOptions monitoring;

        @Mixin
        TraceOptionsMixin traceOptions;

        @Parameters(paramLabel = "CMD", arity = "1..*", description = "the command and its arguments")
        List<String> command;

        @Override
        public Integer call() throws Exception {
            if (output != null) {
                throw new UserException("trace record -o: record files are not in this build yet", true);
            }
            var attrs = monitoring.toAttributes();
            try (LackeyProcess lackey = LackeyProcess.start(command)) {
                TraceReader reader;
                EvalRun run = null;
                List<Long> wss = new ArrayList<>();
                TraceOperations ops = null;
                try {
                    reader = lackey.open();
                    if (saveTrace != null) {
                        reader = new TeeTraceReader(reader, new BinaryTraceWriter(
                                new BufferedOutputStream(Files.newOutputStream(saveTrace), 1 << 16)));
                    }
                    ops = new TraceOperations(reader, traceOptions.options().withGroundTruth(eval));
                    MonitorContext ctx = TraceReplay.builder(ops, attrs, monitoring.seed()).build();
                    ctx.addAfterAggregation((c, s, e) -> wss.add(wssOf(c.targets().getFirst().regions())));
                    if (eval) {
                        EvalThresholds th = new EvalThresholds(1, Units.parseDurationUs(coldAge, 1));
                        run = EvalRun.run("damon", ctx, ops, th, ops.options().pageSize(), null);
                    } else {
                        ctx.run();
                    }
                } catch (TraceFormatException e) {
                    String failed = lackey.failure();
                    throw new UserException(failed != null ? failed : e.getMessage());
                }
                String failed = lackey.failure();
                if (failed != null) {
                    throw new UserException(failed);
                }
                if (run != null) {
                    run = run.withFacts(TraceReplay.facts(ops));
                    String label = String.join(" ", command);
                    System.out.print(json ? EvalReport.json(label, List.of(run)) + "\n"
                            : EvalReport.text(label, List.of(run), false));
                } else {
                    printSummary(ops, wss);
                }
            }
            return 0;
        }

        private void printSummary(TraceOperations ops, List<Long> wss) {
            long[] sorted = wss.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("traced: %s%n", String.join(" ", command));
            TraceReplay.facts(ops).forEach((k, v) -> System.out.printf("%s: %s%n", k, v));
            System.out.printf("aggregations: %d%n", sorted.length);
            if (sorted.length > 0) {
                for (int p : new int[] {0, 25, 50, 75, 100}) {
                    int idx = Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
                    System.out.printf("wss p%-3d %s%n", p, Units.formatSize(sorted[idx]));
                }
            }
        }

        private static long wssOf(RegionsView r) {
            long sum = 0;
            for (int i = 0; i < r.size(); i++) {
                if (r.nrAccesses(i) > 0) {
                    sum += r.regionSize(i);
                }
            }
            return sum;
        }
    }

    /** {@code jdamon trace bench}: the replay-throughput and eval benchmarks of docs/benchmarks/trace.md. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure Lackey parsing (lines/s), binary decoding (accesses/s) and eval on a 100M-access trace.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--lines", paramLabel = "N", defaultValue = "20000000",
                description = "synthetic Lackey lines for the parse benchmarks (default 20M)")
        long lines;

        @Option(names = "--eval-accesses", paramLabel = "N", defaultValue = "100000000",
                description = "accesses of the eval benchmark trace (default 100M; 0 skips it)")
        long evalAccesses;

        @Option(names = "--dir", paramLabel = "DIR", description = "where to put the generated traces (default: a temp dir)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            TraceBench.run(dir, lines, evalAccesses, System.out);
            return 0;
        }
    }

}
