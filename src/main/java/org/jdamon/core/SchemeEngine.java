package org.jdamon.core;

/**
 * The DAMOS hook of the worker loop (design §2): watermark gating before each sample and scheme
 * application after the merge step. The monitor without schemes uses {@link #NONE}.
 */
public interface SchemeEngine {
    SchemeEngine NONE = new SchemeEngine() {
        @Override
        public boolean hasSchemes() {
            return false;
        }

        @Override
        public void applySchemes(MonitorContext ctx) {}
    };

    boolean hasSchemes();

    /**
     * Called at the start of every iteration. Returns true to go on sampling; may wait (through the
     * context's clock) while watermarks deactivate every scheme. Returns false to stop the worker.
     */
    default boolean waitForActivation(MonitorContext ctx) throws InterruptedException {
        return true;
    }

    /** Called every iteration after the merge step, when {@link #hasSchemes()}. */
    void applySchemes(MonitorContext ctx);

    /**
     * A target left the running context: forget anything that points into it, such as a quota's resume
     * point ({@code charge_target_from}), as {@code damon_commit_targets} does.
     */
    default void targetRemoved(MonitorContext ctx, Target target) {}
}
