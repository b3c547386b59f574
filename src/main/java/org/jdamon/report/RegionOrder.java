package org.jdamon.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdamon.core.Attributes;
import org.jdamon.record.TargetSnapshot;

/**
 * damo's {@code --sort_regions_by} and {@code --sort_regions_dsc}: the order in which a snapshot's
 * regions are listed. Keys are applied one after another as stable sorts (so the last key decides
 * first, and ties keep the previous order), each descending when named in the descending set.
 */
public record RegionOrder(List<Key> keys, Set<Key> descending) {
    public enum Key {
        ADDRESS, ACCESS_RATE, AGE, SIZE, TEMPERATURE;

        /** damo's spelling: {@code address}, {@code access_rate}, ... */
        public String damoName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Key parse(String option, String name) {
            for (Key k : values()) {
                if (k.damoName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown " + option + " key '" + name
                    + "' (expected address, access_rate, age, size or temperature)");
        }
    }

    public static final RegionOrder BY_ADDRESS = new RegionOrder(List.of(Key.ADDRESS), Set.of());

    public RegionOrder {
        keys = List.copyOf(keys);
        descending = descending.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(descending));
    }

    /** The region indexes of {@code t} in listing order. */
    int[] sorted(TargetSnapshot t, Attributes a, TemperatureWeights w) {
        Integer[] idx = new Integer[t.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (Key k : keys) {
            Comparator<Integer> c = switch (k) {
                case ADDRESS -> (x, y) -> Long.compareUnsigned(t.starts()[x], t.starts()[y]);
                case ACCESS_RATE -> Comparator.comparingLong(i -> SnapshotFilter.accessRatePercent(t.nrAccesses()[i], a));
                case AGE -> Comparator.comparingInt(i -> t.ages()[i]);
                case SIZE -> (x, y) -> Long.compareUnsigned(t.regionSize(x), t.regionSize(y));
                case TEMPERATURE -> Comparator.comparingDouble(i -> AccessReport.temperature(t, i, a, w));
            };
            Arrays.sort(idx, descending.contains(k) ? c.reversed() : c);
        }
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
