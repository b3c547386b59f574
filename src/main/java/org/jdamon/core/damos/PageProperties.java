package org.jdamon.core.damos;

/**
 * The properties of one page (folio) that operations-level filters test (design §8.8.1). An operations
 * set implements it over its own page state and hands it to {@link ApplyRequest#filterOut}; the
 * {@code young} test may clear the accessed state as a side effect, like the kernel's.
 */
@FunctionalInterface
public interface PageProperties {
    /** True if the page has the property {@code filter.type()} (with its arguments). */
    boolean has(DamosFilter filter);
}
