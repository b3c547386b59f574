package org.jdamon.config;

import org.jdamon.core.UnsignedMath;
import org.jdamon.core.Units;

/**
 * jdamon's configuration values in the forms damo writes them in its kdamonds JSON ({@code _damo_fmt_str}),
 * through {@link Units}'s damo styles; what this adds is the one difference in meaning: jdamon's "no bound"
 * ({@link Values#MAX}) is damo's ULONG_MAX ({@code max}, or 2^64-1 in raw form).
 */
final class DamoText {
    private DamoText() {}

    /** A jdamon value as damo's unsigned 64-bit number. */
    private static long ulong(long v) {
        return v == Values.MAX ? UnsignedMath.ULONG_MAX : v;
    }

    static String nr(long v, boolean raw) {
        return v == Values.MAX ? Units.damoCountUnsigned(UnsignedMath.ULONG_MAX, raw) : Units.damoCount(v, raw);
    }

    static String sz(long bytes, boolean raw) {
        return Units.damoSize(ulong(bytes), raw);
    }

    static String szAccurate(long bytes, boolean raw) {
        return Units.damoSizeAccurate(ulong(bytes), raw);
    }

    static String timeUs(long us, boolean raw) {
        return Units.damoDurationUs(ulong(us), raw);
    }

    static String timeUsExact(long us, boolean raw) {
        return Units.damoDurationUsExact(ulong(us), raw);
    }

    static String timeMsExact(long ms, boolean raw) {
        return Units.damoDurationMsExact(ulong(ms), raw);
    }

    static String permil(long v, boolean raw) {
        return Units.damoPermil(ulong(v), raw);
    }

    static String bp(long v, boolean raw) {
        return Units.damoBp(ulong(v), raw);
    }
}
