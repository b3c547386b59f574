package org.jdamon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.Units;
import org.jdamon.report.SnapshotFilter;
import picocli.CommandLine.Option;

/**
 * damo's record filter options, shared by the reports that select snapshots by access pattern
 * ({@code report profile}, {@code report times}, ...): {@code --sz_region}, {@code --access_rate}
 * (percent), {@code --age} (seconds, or with a unit), {@code --address} and {@code --sz_snapshot}
 * (repeatable), each a MIN MAX pair where {@code min} and {@code max} are keywords.
 */
public final class AccessFilterOptions {
    @Option(names = "--sz_region", arity = "2", paramLabel = "SIZE",
            description = "Min and max region size (e.g. 4K 1G, min max).")
    List<String> szRegion;

    @Option(names = "--access_rate", arity = "2", paramLabel = "PERCENT",
            description = "Min and max access rate in percent of the samples per aggregation (e.g. 50%% max).")
    List<String> accessRate;

    @Option(names = "--age", arity = "2", paramLabel = "SECONDS",
            description = "Min and max region age (bare numbers are seconds; 500ms, 2m also work).")
    List<String> age;

    @Option(names = "--address", arity = "2", paramLabel = "ADDR",
            description = "Address range START END to keep (hex 0x... or sizes); repeatable.")
    List<String> address = new ArrayList<>();

    @Option(names = "--sz_snapshot", arity = "2", paramLabel = "SIZE",
            description = "Min and max total bytes of a snapshot's remaining regions; repeatable.")
    List<String> szSnapshot = new ArrayList<>();

    public SnapshotFilter toFilter() {
        SnapshotFilter f = SnapshotFilter.all();
        if (szRegion != null) {
            f = f.regionSize(size("--sz_region", szRegion.get(0)), size("--sz_region", szRegion.get(1)));
        }
        if (accessRate != null) {
            f = f.accessRatePercent(percent(accessRate.get(0)), percent(accessRate.get(1)));
        }
        if (age != null) {
            f = f.ageUs(ageUs(age.get(0)), ageUs(age.get(1)));
        }
        try {
            if (!address.isEmpty()) {
                f = f.addresses(pairs(address, true));
            }
            if (!szSnapshot.isEmpty()) {
                f = f.snapshotSizes(pairs(szSnapshot, false));
            }
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), true);
        }
        return f;
    }

    private static List<SnapshotFilter.Range> pairs(List<String> values, boolean addresses) {
        List<SnapshotFilter.Range> out = new ArrayList<>();
        for (int i = 0; i + 1 < values.size(); i += 2) {
            out.add(addresses
                    ? new SnapshotFilter.Range(CliParsing.address(values.get(i)), CliParsing.address(values.get(i + 1)))
                    : new SnapshotFilter.Range(size("--sz_snapshot", values.get(i)), size("--sz_snapshot", values.get(i + 1))));
        }
        return out;
    }

    private static long size(String option, String text) {
        try {
            return Units.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage(), true);
        }
    }

    /** {@code 50%}, {@code 50} (percent), {@code min} (0) or {@code max} (no upper bound). */
    static double percent(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("min")) {
            return 0;
        }
        if (t.equals("max")) {
            return Double.MAX_VALUE;
        }
        try {
            double v = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1).trim() : t);
            if (v < 0 || Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserException("--access_rate: invalid percentage '" + text + "' (expected e.g. 50%, 80, min, max)",
                    true);
        }
    }

    private static long ageUs(String text) {
        try {
            return Units.parseDurationUs(text, 1_000_000);
        } catch (IllegalArgumentException e) {
            throw new UserException("--age: " + e.getMessage(), true);
        }
    }
}
