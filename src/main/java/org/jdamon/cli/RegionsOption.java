package org.jdamon.cli;

import java.util.List;
import org.jdamon.config.DamonArgs;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;

/** The {@code -r/--regions} ranges: parsed, then refused as {@code damon_set_regions} would refuse them. */
final class RegionsOption {
    private RegionsOption() {}

    static List<AddressRange> parse(List<String> texts) {
        List<AddressRange> ranges = ConfigErrors.convert(() -> texts.stream().map(DamonArgs::range).toList());
        try {
            MonitorContext.requireSortedDisjoint(ranges, MonitorContext.DEFAULT_MIN_REGION_SZ);
        } catch (IllegalArgumentException e) {
            throw new UserException("--regions: " + e.getMessage() + " (give them sorted and disjoint)", true);
        }
        return ranges;
    }
}
