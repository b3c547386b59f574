package org.jdamon.core.damos;

import java.util.Locale;

/**
 * The memory properties a DAMOS filter can test (design §8.8.1). Core types are decided per region by
 * the engine; ops types per page (folio) by the operations set while it applies the action.
 */
public enum FilterType {
    ANON(false),
    ACTIVE(false),
    MEMCG(false),
    YOUNG(false),
    HUGEPAGE_SIZE(false),
    UNMAPPED(false),
    ADDR(true),
    TARGET(true);

    private final boolean core;

    FilterType(boolean core) {
        this.core = core;
    }

    /** True for region-level filters handled by the core ({@code addr}, {@code target}). */
    public boolean isCore() {
        return core;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FilterType fromKeyword(String k) {
        for (FilterType t : values()) {
            if (t.keyword().equals(k)) {
                return t;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (FilterType t : values()) {
            valid.append(valid.isEmpty() ? "" : ", ").append(t.keyword());
        }
        throw new IllegalArgumentException("unknown filter type '" + k + "' (expected one of " + valid + ")");
    }
}
