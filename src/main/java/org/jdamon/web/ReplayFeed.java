package org.jdamon.web;

import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;

/**
 * Feeds a {@link DashboardState} from a record, pacing snapshots by their recorded time divided by
 * {@code speed} (0 = as fast as possible), on its own virtual thread: {@code jdamon serve -i RECORD}.
 */
public final class ReplayFeed {
    private ReplayFeed() {}

    public static Thread start(Recording rec, String name, DashboardState state, double speed) {
        state.start(rec.header(), "replay of " + name);
        return Thread.ofVirtual().name("jdamon-replay").start(() -> {
            long wallStart = System.nanoTime();
            long recStart = rec.snapshots().isEmpty() ? 0 : rec.snapshots().getFirst().endNs();
            try {
                for (Snapshot s : rec.snapshots()) {
                    if (speed > 0) {
                        long due = wallStart + (long) ((s.endNs() - recStart) / speed);
                        long sleep = due - System.nanoTime();
                        if (sleep > 0) {
                            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                        }
                    }
                    state.publish(s);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                state.finish();
            }
        });
    }
}
