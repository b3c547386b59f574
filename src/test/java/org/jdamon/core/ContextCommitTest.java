package org.jdamon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link MonitorContext#commit} and the target changes, outside a running loop (they apply at once). */
class ContextCommitTest {
    private static MonitorContext context(long minRegionSz, Target... targets) {
        MonitorContext.Builder b = MonitorContext.builder()
                .operations(new ScriptedOperations(List.of(), a -> false))
                .minRegionSize(minRegionSz);
        for (Target t : targets) {
            b.addTarget(t);
        }
        return b.build();
    }

    private static Target target(int index, long... bounds) {
        Target t = new Target(index, -1, "t" + index, List.of());
        for (int i = 0; i < bounds.length; i += 2) {
            t.regions().add(bounds[i], bounds[i + 1]);
        }
        return t;
    }

    @Test
    void anObsoleteSourceTargetRemovesItsCounterpart() {
        Target a = target(0, 0, 10);
        Target b = target(1, 10, 20);
        MonitorContext dst = context(1, a, b);
        Target gone = target(0);
        gone.markObsolete();
        dst.commit(context(1, gone, target(1, 12, 18)));
        assertThat(dst.targets()).containsExactly(b);
        assertThat(b.regions().start(0)).isEqualTo(12);
        assertThat(b.regions().end(0)).isEqualTo(18);
    }

    @Test
    void fewerSourceTargetsRemoveTheRest() {
        Target a = target(0, 0, 10);
        MonitorContext dst = context(1, a, target(1, 10, 20), target(2, 20, 30));
        dst.commit(context(1, target(0)));
        assertThat(dst.targets()).containsExactly(a);
        assertThat(a.regions().size()).isEqualTo(1); // a source target without regions keeps ours
    }

    @Test
    void refusedCommitsChangeNothing() {
        Target a = target(0, 0, 10);
        MonitorContext dst = context(1, a);
        Target obsoleteExtra = target(1);
        obsoleteExtra.markObsolete();
        assertThatThrownBy(() -> dst.commit(context(1, target(0, 0, 10), obsoleteExtra)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target 1 is marked obsolete but this context has no target 1 to remove");
        Target overlapping = target(0, 0, 10);
        overlapping.regions().add(5, 15);
        assertThatThrownBy(() -> dst.commit(context(1, overlapping)))
                .hasMessage("ranges 0x0-0xa and 0x5-0xf are unsorted or overlap");
        assertThat(dst.targets()).containsExactly(a);
        assertThat(a.regions().end(0)).isEqualTo(10);
    }

    @Test
    void theCommittedMinimumRegionSizeAlignsLaterRanges() {
        Target a = target(0, 0, 4096);
        MonitorContext dst = context(4096, a);
        dst.commit(context(1, target(0, 100, 200)));
        assertThat(dst.minRegionSize()).isEqualTo(1);
        assertThat(a.regions().start(0)).isEqualTo(100); // set with the source's size, 1: not aligned
        dst.setRegions(a, List.of(new AddressRange(3, 7)));
        assertThat(a.regions().start(0)).isEqualTo(3);
    }

    @Test
    void aTargetCannotBeAddedTwiceAndRemovingAStrangerDoesNothing() {
        Target a = target(0, 0, 10);
        MonitorContext c = context(1, a);
        assertThatThrownBy(() -> c.addTarget(a)).hasMessage("target t0 is already in this context");
        c.removeTarget(target(5));
        assertThat(c.targets()).containsExactly(a);
    }

    @Test
    void anAddedTargetWithoutRegionsStartsFromItsInitialRanges() {
        MonitorContext c = context(4096);
        Target t = new Target(0, -1, "t", List.of(new AddressRange(4096 + 7, 3 * 4096)));
        c.addTarget(t);
        assertThat(t.regions().size()).isEqualTo(1);
        assertThat(t.regions().start(0)).isEqualTo(4096); // aligned down to the page
        assertThat(t.regions().end(0)).isEqualTo(3 * 4096);
    }

    @Test
    void rangesThatMeetAfterAlignmentAreFine() {
        // [0x1000, 0x1800) and [0x2000, 0x3000): aligned [0x1000, 0x2000) then [0x2000, 0x3000), touching
        MonitorContext.requireSortedDisjoint(
                List.of(new AddressRange(0x1000, 0x1800), new AddressRange(0x2000, 0x3000)), 4096);
        assertThatThrownBy(() -> MonitorContext.requireSortedDisjoint(
                List.of(new AddressRange(0x1000, 0x1800), new AddressRange(0x1900, 0x3000)), 4096))
                .hasMessage("ranges 0x1000-0x1800 and 0x1900-0x3000 overlap once aligned to 4096 bytes");
    }
}
