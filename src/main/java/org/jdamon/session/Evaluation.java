package org.jdamon.session;

import java.util.Map;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.eval.GroundTruth;

/** Scores a monitoring run of any source whose operations set knows its ground truth. */
public final class Evaluation {
    private Evaluation() {}

    /**
     * Runs {@code source} to its end (or {@code durationNs} of monitored time when positive) with an
     * evaluator attached; the source's operations set must implement {@link GroundTruth}.
     */
    public static EvalRun run(String label, MonitorSource source, Attributes attrs, long seed, long durationNs,
            EvalThresholds th, AddressRange focus) throws InterruptedException {
        if (!(source.operations() instanceof GroundTruth truth)) {
            throw new IllegalArgumentException(source.operations().name() + " has no ground truth to evaluate against");
        }
        try (source) {
            MonitorContext ctx = source.contextBuilder(attrs, seed, durationNs).build();
            return EvalRun.run(label, ctx, truth, th, source.minRegionSize(), focus)
                    .withFacts(Map.copyOf(source.properties()));
        }
    }
}
