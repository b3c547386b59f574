package org.jdamon.web;

/**
 * Cumulative stats of one DAMOS scheme as the kernel's {@code stats} directory shows them: regions and
 * bytes tried and applied, quota-exceed events. The DAMOS side publishes a list of these per aggregation.
 */
public record SchemeStat(String name, long nrTried, long szTried, long nrApplied, long szApplied, long qtExceeds) {}
