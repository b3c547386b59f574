package org.jdamon.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.core.damos.SchemeStats;

/**
 * The DAMOS side data of records, in one place: payload kinds, their binary encoding (little-endian,
 * led by a version byte so readers can reject what they do not know). {@code record.capture.DamosCapture}
 * produces them from a running engine.
 *
 * <ul>
 *   <li>{@value #CONFIG}: the run's kdamonds JSON (UTF-8), once at time 0;
 *   <li>{@value #STATS}: per aggregation, every scheme's cumulative stats and current effective quota;
 *   <li>{@value #MEMORY}: per aggregation, the operations set's memory state (RSS, refaults, tiers, LRU,
 *       huge pages, estimated slowdown), when it models one.
 * </ul>
 */
public final class DamosSideData {
    public static final String CONFIG = "damos.config";
    public static final String STATS = "damos.stats";
    public static final String MEMORY = "mem.state";
    private static final byte VERSION = 1;
    private static final int LONGS_PER_SCHEME = 8;
    private static final int MEMORY_LONGS = 8;

    private DamosSideData() {}

    /** One scheme's stats at one time, and its effective quota ({@code esz}, 0 without a quota). */
    public record SchemeSample(SchemeStats stats, long effectiveQuota) {}

    public static SideData config(String kdamondsJson) {
        return new SideData(CONFIG, 0, kdamondsJson.getBytes(StandardCharsets.UTF_8));
    }

    public static String decodeConfig(SideData d) {
        return new String(d.payload(), StandardCharsets.UTF_8);
    }

    public static SideData stats(long timeNs, List<SchemeSample> schemes) {
        ByteBuffer b = buffer(1 + 4 + schemes.size() * LONGS_PER_SCHEME * 8);
        b.put(VERSION).putInt(schemes.size());
        for (SchemeSample s : schemes) {
            SchemeStats st = s.stats();
            b.putLong(st.nrTried()).putLong(st.szTried()).putLong(st.nrApplied()).putLong(st.szApplied())
                    .putLong(st.szOpsFilterPassed()).putLong(st.qtExceeds()).putLong(st.nrSnapshots())
                    .putLong(s.effectiveQuota());
        }
        return new SideData(STATS, timeNs, b.array());
    }

    public static List<SchemeSample> decodeStats(SideData d) {
        ByteBuffer b = read(d);
        try {
            int n = b.getInt();
            if (n < 0 || n > b.remaining() / (LONGS_PER_SCHEME * 8)) {
                throw new IllegalArgumentException(d.kind() + " chunk: bad scheme count " + n);
            }
            List<SchemeSample> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                SchemeStats st = new SchemeStats(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                        b.getLong(), b.getLong());
                out.add(new SchemeSample(st, b.getLong()));
            }
            return out;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(d.kind() + " chunk at " + d.timeNs() + " ns is truncated");
        }
    }

    public static SideData memory(long timeNs, MemoryState m) {
        ByteBuffer b = buffer(1 + MEMORY_LONGS * 8);
        b.put(VERSION).putLong(m.rssBytes()).putLong(m.refaults()).putLong(m.fastTierBytes())
                .putLong(m.slowTierBytes()).putLong(m.activeBytes()).putLong(m.inactiveBytes())
                .putLong(m.hugeBytes()).putLong(m.slowdownNs());
        return new SideData(MEMORY, timeNs, b.array());
    }

    public static MemoryState decodeMemory(SideData d) {
        ByteBuffer b = read(d);
        try {
            return new MemoryState(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.getLong(), b.getLong());
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(d.kind() + " chunk at " + d.timeNs() + " ns is truncated");
        }
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer read(SideData d) {
        ByteBuffer b = ByteBuffer.wrap(d.payload()).order(ByteOrder.LITTLE_ENDIAN);
        if (!b.hasRemaining()) {
            throw new IllegalArgumentException(d.kind() + " chunk at " + d.timeNs() + " ns is empty");
        }
        byte v = b.get();
        if (v != VERSION) {
            throw new IllegalArgumentException(d.kind() + " chunk version " + v + " is not supported (expected " + VERSION + ")");
        }
        return b;
    }
}
