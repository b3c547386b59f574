package org.jdamon.cli;

import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import picocli.CommandLine.Option;

/**
 * damo's monitoring options, shared by every command that monitors: intervals (bare numbers are
 * microseconds, as in damo), region-count bounds and the intervals auto-tuning goal.
 *
 * <p>One rule departs from damo: when {@code -s} or {@code -a} is given and the update interval is not
 * ({@code -u}, {@code --monitoring_intervals}), the update interval follows the aggregation interval in
 * damo's default proportion (1 s : 100 ms, {@link #UPDATES_PER_AGGREGATION}), never above the default it
 * would otherwise keep. damo keeps 1 s, so {@code -s 10us -a 200us} on a program that lives 20 ms sets the
 * ranges once, before the program has mapped its memory, and monitors nothing of what it uses. Given all
 * three intervals, they are used as given, as the kernel does.
 *
 * <p>The alternative, letting the trace and sim operations update their ranges whenever an access leaves
 * them, was rejected: no real operations set can do that (vaddr learns of new mappings only at the
 * update), so a replay would then be more accurate than the monitor it stands for. The coverage that
 * trace and sim runs now measure says when the update interval costs accuracy.
 */
public final class MonitoringOptions {
    @Option(names = {"-s", "--sample"}, paramLabel = "INTERVAL", description = "Sampling interval (default 5ms).")
    String sample;

    @Option(names = {"-a", "--aggr"}, paramLabel = "INTERVAL", description = "Aggregation interval (default 100ms).")
    String aggr;

    @Option(names = {"-u", "--updr"}, paramLabel = "INTERVAL",
            description = "Operations update interval (default 1s, like damo; when only -s/-a are given, "
                    + "10 x the aggregation interval, at most 1s).")
    String update;

    @Option(names = "--monitoring_intervals", arity = "3", paramLabel = "INTERVAL",
            description = "Sampling, aggregation and update intervals at once.")
    List<String> intervals;

    @Option(names = {"-n", "--minr"}, paramLabel = "N", description = "Minimum number of regions (default 10).")
    Integer minNrRegions;

    @Option(names = {"-m", "--maxr"}, paramLabel = "N", description = "Maximum number of regions (default 1000).")
    Integer maxNrRegions;

    @Option(names = "--monitoring_nr_regions_range", arity = "2", paramLabel = "N",
            description = "Minimum and maximum number of regions.")
    List<Integer> nrRegionsRange;

    @Option(names = "--monitoring_intervals_goal", arity = "4",
            paramLabel = "<access_bp|aggrs|min_sample|max_sample>",
            description = "Interval auto-tuning goal: access ratio (e.g. 4%% or 400 bp), aggregations, "
                    + "minimum and maximum sampling interval.")
    List<String> intervalsGoal;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed of sampling addresses and split points (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--monitoring_intervals_autotune",
            description = "Auto-tune intervals with damo's goal: 4%% 3 5ms 10s.")
    boolean autotune;

    /** damo's default update interval over its default aggregation interval (1 s / 100 ms). */
    public static final long UPDATES_PER_AGGREGATION = 10;

    public long seed() {
        return seed;
    }

    /** The validated attributes, starting from damo's defaults. */
    public Attributes toAttributes() {
        return toAttributes(Attributes.DAMO_DEFAULTS);
    }

    public Attributes toAttributes(Attributes defaults) {
        long s = defaults.sampleUs();
        long a = defaults.aggrUs();
        long u = defaults.updateUs();
        if (intervals != null) {
            s = CliParsing.durationUs("--monitoring_intervals", intervals.get(0), 1);
            a = CliParsing.durationUs("--monitoring_intervals", intervals.get(1), 1);
            u = CliParsing.durationUs("--monitoring_intervals", intervals.get(2), 1);
        }
        if (sample != null) {
            s = CliParsing.durationUs("--sample", sample, 1);
        }
        if (aggr != null) {
            a = CliParsing.durationUs("--aggr", aggr, 1);
        }
        if (update != null) {
            u = CliParsing.durationUs("--updr", update, 1);
        } else if (intervals == null && (sample != null || aggr != null)) {
            u = scaledUpdateUs(a, u);
        }
        int min = defaults.minNrRegions();
        int max = defaults.maxNrRegions();
        if (nrRegionsRange != null) {
            min = nrRegionsRange.get(0);
            max = nrRegionsRange.get(1);
        }
        if (minNrRegions != null) {
            min = minNrRegions;
        }
        if (maxNrRegions != null) {
            max = maxNrRegions;
        }
        IntervalsGoal goal = defaults.intervalsGoal();
        if (autotune) {
            goal = IntervalsGoal.RECOMMENDED;
        }
        if (intervalsGoal != null) {
            goal = new IntervalsGoal(
                    CliParsing.ratio("--monitoring_intervals_goal", intervalsGoal.get(0), 100),
                    parseLong("--monitoring_intervals_goal", intervalsGoal.get(1)),
                    CliParsing.durationUs("--monitoring_intervals_goal", intervalsGoal.get(2), 1),
                    CliParsing.durationUs("--monitoring_intervals_goal", intervalsGoal.get(3), 1));
        }
        try {
            return new Attributes(s, a, u, min, max, goal).validate();
        } catch (IllegalArgumentException e) {
            throw new UserException("invalid monitoring attributes: " + e.getMessage(), true);
        }
    }

    /**
     * The update interval for aggregation interval {@code aggrUs} when the user chose the sampling or
     * aggregation interval but not the update one: {@link #UPDATES_PER_AGGREGATION} aggregations, capped
     * at {@code defaultUpdateUs} (a larger aggregation interval keeps the default).
     */
    public static long scaledUpdateUs(long aggrUs, long defaultUpdateUs) {
        if (aggrUs > defaultUpdateUs / UPDATES_PER_AGGREGATION) {
            return defaultUpdateUs;
        }
        return aggrUs * UPDATES_PER_AGGREGATION;
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UserException(option + ": invalid number '" + value + "'", true);
        }
    }
}
