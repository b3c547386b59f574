package org.jdamon.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** A random generator whose bounded draws are scripted, so split points can be computed by hand. */
final class ScriptedRandom implements RandomGenerator {
    private final Deque<Long> bounded = new ArrayDeque<>();

    ScriptedRandom then(long... values) {
        for (long v : values) {
            bounded.add(v);
        }
        return this;
    }

    @Override
    public long nextLong() {
        return 0;
    }

    @Override
    public long nextLong(long bound) {
        long v = bounded.isEmpty() ? 0 : bounded.poll();
        if (v >= bound) {
            throw new AssertionError("scripted " + v + " >= bound " + bound);
        }
        return v;
    }

    int remaining() {
        return bounded.size();
    }
}
