package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * damo's {@code report access --style} presets: what each snapshot shows. {@code detailed} is the
 * heatmap strip with one line per region; {@code simple-boxes}, {@code hot} and {@code cold} draw each
 * region as a box (length from its age, digit from its access rate); the percentile and size-histogram
 * styles summarise a snapshot per byte by idle time ("recency") or temperature.
 */
public enum AccessStyle {
    DETAILED("detailed"),
    SIMPLE_BOXES("simple-boxes"),
    RECENCY_PERCENTILES("recency-percentiles", "idle-time-percentiles"),
    TEMPERATURE_PERCENTILES("temperature-percentiles"),
    RECENCY_SZ_HIST("recency-sz-hist", "cold-memory-tail"),
    TEMPERATURE_SZ_HIST("temperature-sz-hist"),
    HOT("hot"),
    COLD("cold");

    private final String[] names;

    AccessStyle(String... names) {
        this.names = names;
    }

    /** The damo name (the first) and its aliases. */
    public List<String> names() {
        return List.of(names);
    }

    /** Every accepted name, in damo's order, for help and error messages. */
    public static List<String> allNames() {
        List<String> out = new ArrayList<>();
        for (AccessStyle s : values()) {
            out.addAll(s.names());
        }
        return out;
    }

    /** The style named {@code name} (a damo name or alias), or an exception listing the valid names. */
    public static AccessStyle parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (AccessStyle s : values()) {
            if (s.names().contains(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown --style '" + name + "' (expected one of "
                + String.join(", ", allNames()) + ")");
    }

    boolean boxes() {
        return this == SIMPLE_BOXES || this == HOT || this == COLD;
    }

    boolean recency() {
        return this == RECENCY_PERCENTILES || this == RECENCY_SZ_HIST;
    }

    boolean percentiles() {
        return this == RECENCY_PERCENTILES || this == TEMPERATURE_PERCENTILES;
    }

    boolean histogram() {
        return this == RECENCY_SZ_HIST || this == TEMPERATURE_SZ_HIST;
    }
}
