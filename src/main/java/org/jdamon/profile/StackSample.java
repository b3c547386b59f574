package org.jdamon.profile;

import java.util.List;

/**
 * One call-stack sample: when (ns since the record's start), on which thread, and the frames from the
 * innermost (the code that was running) outwards.
 */
public record StackSample(long timeNs, String thread, List<String> frames) {
    public StackSample {
        frames = List.copyOf(frames);
    }

    /** The function that was running, or {@code "[unknown]"} for an empty stack. */
    public String top() {
        return frames.isEmpty() ? "[unknown]" : frames.getFirst();
    }
}
