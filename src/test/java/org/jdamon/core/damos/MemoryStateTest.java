package org.jdamon.core.damos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Summing memory states of several targets (-1 meaning unknown) and the migration destination's checks. */
class MemoryStateTest {
    private static final MemoryState A = new MemoryState(100, 2, 60, 40, 70, 30, 0, 5_000);
    private static final MemoryState B = new MemoryState(50, 1, 10, 40, 20, 30, 8, 1_000);

    @Test
    void knownValuesAddFieldByField() {
        assertThat(A.plus(B)).isEqualTo(new MemoryState(150, 3, 70, 80, 90, 60, 8, 6_000));
    }

    @Test
    void anUnknownSideTakesTheOtherAndTwoUnknownsStayUnknown() {
        assertThat(MemoryState.UNKNOWN.plus(A)).isEqualTo(A);
        assertThat(A.plus(MemoryState.UNKNOWN)).isEqualTo(A);
        assertThat(MemoryState.UNKNOWN.plus(MemoryState.UNKNOWN)).isEqualTo(MemoryState.UNKNOWN);
        MemoryState onlyRss = new MemoryState(10, -1, -1, -1, -1, -1, -1, -1);
        assertThat(onlyRss.plus(new MemoryState(-1, 4, -1, -1, -1, -1, -1, -1)))
                .isEqualTo(new MemoryState(10, 4, -1, -1, -1, -1, -1, -1));
    }

    @Test
    void migrationDestinationsRejectNegativeNodesAndWeights() {
        assertThat(new MigrationDest(0, 0).weight()).isZero();
        assertThatThrownBy(() -> new MigrationDest(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new MigrationDest(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
