package org.jdamon.record;

/**
 * A non-snapshot chunk of a record, attached to the time {@code timeNs} since record start: scheme
 * stats, memory state, footprints, profiles... {@code kind} names the payload's schema (for example
 * {@code "damos.stats"}); readers skip kinds they do not know.
 */
public record SideData(String kind, long timeNs, byte[] payload) {}
