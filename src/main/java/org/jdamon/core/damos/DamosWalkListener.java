package org.jdamon.core.damos;

import org.jdamon.core.Target;

/**
 * Sees every region a scheme tries, right after the operations set applied the action (the kernel's
 * tried-regions walk, design §8.10): {@code nrAccesses} is {@code nr_accesses_bp / 10000} and {@code age}
 * the value before the action reset it. Called on the worker thread; keep it cheap.
 */
@FunctionalInterface
public interface DamosWalkListener {
    void tried(int schemeIdx, Target target, long start, long end, int nrAccesses, int age, long szFilterPassed);
}
