package org.jdamon.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.jdamon.core.Units;
import org.jdamon.ops.trace.TraceOperations;
import org.jdamon.ops.trace.TraceOptions;
import picocli.CommandLine.Option;

/** How a trace's records become time and pages: the options every trace-replaying command takes. */
public final class TraceOptionsMixin {
    @Option(names = "--instr-per-us", paramLabel = "N",
            description = "trace time: instructions per microsecond when the trace has I records (default 1000)")
    double instructionsPerUs = TraceOptions.DEFAULT_INSTRUCTIONS_PER_US;

    @Option(names = "--accesses-per-us", paramLabel = "N",
            description = "trace time: records per microsecond when the trace has no I records (default 400)")
    double accessesPerUs = TraceOptions.DEFAULT_ACCESSES_PER_US;

    @Option(names = "--no-instr-fetches", negatable = false,
            description = "do not count instruction fetches as accesses to code pages")
    boolean noInstructionFetches;

    /** Aggregations a replay should at least span before its record says much. */
    static final int FEW_AGGREGATIONS = 10;

    /**
     * Prints a one-line hint when a replay spanned fewer than {@link #FEW_AGGREGATIONS} aggregation
     * intervals, naming the rate option and the value that stretches the same trace over 20 of them.
     * Lackey traces of short programs often cover only a few tens of milliseconds at the default rates.
     */
    static void printStretchHint(PrintWriter err, TraceOperations ops, long aggrUs) {
        double traceUs = ops.traceTimeUs();
        if (aggrUs <= 0 || traceUs <= 0 || traceUs >= FEW_AGGREGATIONS * (double) aggrUs) {
            return;
        }
        double rate = ops.rateForTraceTimeUs(20.0 * aggrUs);
        err.println(String.format(Locale.ROOT, "jdamon: that is %d aggregation interval(s) of %s; to stretch the trace "
                        + "over 20, replay it with %s %s (or lower -s and -a)",
                (long) (traceUs / aggrUs), Units.formatDurationUs(aggrUs),
                ops.instructionTime() ? "--instr-per-us" : "--accesses-per-us", twoSignificantDigits(rate)));
    }

    private static String twoSignificantDigits(double v) {
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    public TraceOptions options() {
        try {
            return TraceOptions.DEFAULTS.withInstructionsPerUs(instructionsPerUs).withAccessesPerUs(accessesPerUs)
                    .withInstructionFetches(!noInstructionFetches);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), true);
        }
    }
}
