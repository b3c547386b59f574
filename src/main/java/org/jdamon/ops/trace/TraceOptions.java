package org.jdamon.ops.trace;

/**
 * How a trace is turned into time and pages.
 *
 * @param instructionsPerUs trace time per instruction when the trace has {@code I} records: 1000
 *     instructions per microsecond by default (a 1 GHz core retiring one instruction per cycle)
 * @param accessesPerUs trace time per record when it has no {@code I} records: 400 per microsecond by
 *     default (about 40% of instructions access data on typical code)
 * @param pageSize the page granularity of the address space, the ground truth and the baseline monitor
 * @param instructionFetches whether {@code I} records also touch their code pages, as the hardware
 *     Accessed bit would see them
 * @param groundTruth whether to count per-page accesses for {@link org.jdamon.truth.GroundTruth}
 * @param pageGranular the baseline monitor: every touched page is its own region and is checked in
 *     every sampling interval (build the context with {@link TraceOperations#pageGranularAttributes})
 */
public record TraceOptions(
        double instructionsPerUs,
        double accessesPerUs,
        long pageSize,
        boolean instructionFetches,
        boolean groundTruth,
        boolean pageGranular) {

    public static final double DEFAULT_INSTRUCTIONS_PER_US = 1000;
    public static final double DEFAULT_ACCESSES_PER_US = 400;

    public static final TraceOptions DEFAULTS = new TraceOptions(
            DEFAULT_INSTRUCTIONS_PER_US, DEFAULT_ACCESSES_PER_US, 4096, true, false, false);

    public TraceOptions {
        if (!(instructionsPerUs > 0) || !(accessesPerUs > 0)) {
            throw new IllegalArgumentException("trace rates must be positive");
        }
        if (Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: " + pageSize);
        }
    }

    public TraceOptions withInstructionsPerUs(double v) {
        return new TraceOptions(v, accessesPerUs, pageSize, instructionFetches, groundTruth, pageGranular);
    }

    public TraceOptions withAccessesPerUs(double v) {
        return new TraceOptions(instructionsPerUs, v, pageSize, instructionFetches, groundTruth, pageGranular);
    }

    public TraceOptions withInstructionFetches(boolean v) {
        return new TraceOptions(instructionsPerUs, accessesPerUs, pageSize, v, groundTruth, pageGranular);
    }

    public TraceOptions withGroundTruth(boolean v) {
        return new TraceOptions(instructionsPerUs, accessesPerUs, pageSize, instructionFetches, v, pageGranular);
    }

    public TraceOptions withPageGranular(boolean v) {
        return new TraceOptions(instructionsPerUs, accessesPerUs, pageSize, instructionFetches, groundTruth, v);
    }
}
