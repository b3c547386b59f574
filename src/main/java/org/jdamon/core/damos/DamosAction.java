package org.jdamon.core.damos;

import java.util.Locale;

/**
 * What a scheme does to the memory it selects (design §8.2), with the sysfs keyword and the score
 * function used to prioritise regions under a quota.
 */
public enum DamosAction {
    WILLNEED(ScoreKind.NONE),
    COLD(ScoreKind.NONE),
    PAGEOUT(ScoreKind.COLD),
    HUGEPAGE(ScoreKind.NONE),
    NOHUGEPAGE(ScoreKind.NONE),
    COLLAPSE(ScoreKind.NONE),
    LRU_PRIO(ScoreKind.HOT),
    LRU_DEPRIO(ScoreKind.COLD),
    MIGRATE_HOT(ScoreKind.HOT),
    MIGRATE_COLD(ScoreKind.COLD),
    STAT(ScoreKind.NONE);

    /** Which built-in score the kernel's ops sets use for an action (§8.5.1). */
    public enum ScoreKind {
        HOT,
        COLD,
        NONE
    }

    private final ScoreKind scoreKind;

    DamosAction(ScoreKind scoreKind) {
        this.scoreKind = scoreKind;
    }

    public ScoreKind scoreKind() {
        return scoreKind;
    }

    /** The sysfs and damo keyword, e.g. {@code lru_prio}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isMigration() {
        return this == MIGRATE_HOT || this == MIGRATE_COLD;
    }

    /** Parses a keyword; the error lists the valid ones. */
    public static DamosAction fromKeyword(String keyword) {
        for (DamosAction a : values()) {
            if (a.keyword().equals(keyword)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown DAMOS action '" + keyword + "' (expected one of "
                + String.join(", ", keywords()) + ")");
    }

    static String[] keywords() {
        DamosAction[] all = values();
        String[] out = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].keyword();
        }
        return out;
    }
}
