package org.jdamon.cli;

import org.jdamon.core.Attributes;
import org.jdamon.core.Units;
import picocli.CommandLine.Option;

/** damo's monitoring options ({@code -s -a -u -n -m}) with damo's units; bare intervals are microseconds. */
public final class MonitoringOptions {
    @Option(names = {"-s", "--sample"}, paramLabel = "INTERVAL", description = "sampling interval (default 5ms)")
    String sample = "5ms";

    @Option(names = {"-a", "--aggr"}, paramLabel = "INTERVAL", description = "aggregation interval (default 100ms)")
    String aggr = "100ms";

    @Option(names = {"-u", "--updr"}, paramLabel = "INTERVAL",
            description = "operations (regions) update interval (default 1s)")
    String updr = "1s";

    @Option(names = {"-n", "--minr"}, paramLabel = "N", description = "minimum number of regions (default 10)")
    String minr = "10";

    @Option(names = {"-m", "--maxr"}, paramLabel = "N", description = "maximum number of regions (default 1000)")
    String maxr = "1000";

    @Option(names = "--seed", paramLabel = "N", description = "random seed of sampling and splitting (default 42)")
    long seed = 42;

    /** The validated attributes; a bad value is a usage error naming the option. */
    public Attributes attributes() {
        try {
            Attributes a = new Attributes(Units.parseDurationUs(sample, 1), Units.parseDurationUs(aggr, 1),
                    Units.parseDurationUs(updr, 1), count("--minr", minr), count("--maxr", maxr), null);
            return a.validate();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), true);
        }
    }

    public long seed() {
        return seed;
    }

    private static int count(String option, String text) {
        String t = text.trim();
        if (t.equals("min")) {
            return 3;
        }
        if (t.equals("max")) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(t.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UserException("invalid %s '%s' (expected a number)".formatted(option, text), true);
        }
    }
}
