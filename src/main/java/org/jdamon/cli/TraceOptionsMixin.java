package org.jdamon.cli;

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

    public TraceOptions options() {
        try {
            return TraceOptions.DEFAULTS.withInstructionsPerUs(instructionsPerUs).withAccessesPerUs(accessesPerUs)
                    .withInstructionFetches(!noInstructionFetches);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), true);
        }
    }
}
