package org.jdamon.profile;

/**
 * Receives instruction-address samples from a replayed trace ({@code --trace}): the trace reader calls
 * {@link #instruction} for every executed instruction it sees (Lackey {@code I} records); the sink keeps
 * one in every N. Times are the trace's own (virtual) ns since the record's start.
 */
public interface ProfileSink {
    void instruction(long timeNs, long pc);
}
