package org.jdamon.record;

/** A monitored target as a record describes it: its id in snapshots, pid (-1 if none) and a label. */
public record TargetInfo(int id, long pid, String name) {}
