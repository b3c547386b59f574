package org.jdamon.cli;

import java.util.ArrayList;
import java.util.List;
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
            f = f.regionSize(CliParsing.size("--sz_region", szRegion.get(0)), CliParsing.size("--sz_region", szRegion.get(1)));
        }
        if (accessRate != null) {
            f = f.accessRatePercent(CliParsing.percent("--access_rate", accessRate.get(0)),
                    CliParsing.percent("--access_rate", accessRate.get(1)));
        }
        if (age != null) {
            f = f.ageUs(CliParsing.durationUs("--age", age.get(0), 1_000_000), CliParsing.durationUs("--age", age.get(1), 1_000_000));
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
                    : new SnapshotFilter.Range(CliParsing.size("--sz_snapshot", values.get(i)),
                            CliParsing.size("--sz_snapshot", values.get(i + 1))));
        }
        return out;
    }
}
