package org.jdamon.core.damos;

/** One weighted destination node of a migrate action (design §8.2, weighted interleave). */
public record MigrationDest(int nid, int weight) {
    public MigrationDest {
        if (nid < 0 || weight < 0) {
            throw new IllegalArgumentException("migration destination: node id and weight must not be negative");
        }
    }
}
