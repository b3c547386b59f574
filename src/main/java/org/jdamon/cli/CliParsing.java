package org.jdamon.cli;

import java.util.Locale;
import org.jdamon.core.Units;

/** Parsing of addresses and times shared by the report commands; errors are usage errors. */
final class CliParsing {
    private CliParsing() {}

    /** An address: {@code 0x7f00...} hex, or a decimal size with damo's units ({@code 4096}, {@code 1G}). */
    static long address(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("0x")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            return Units.parseSize(t);
        } catch (NumberFormatException e) {
            throw new UserException("invalid address '" + s + "' (expected e.g. 0x7f0000000000 or 1G)", true);
        } catch (IllegalArgumentException e) {
            throw new UserException("invalid address '" + s + "' (expected e.g. 0x7f0000000000 or 1G)", true);
        }
    }

    /** A time since record start in ns: a bare number is ns (like damo), else a duration like {@code 5s}. */
    static long timeNs(String s) {
        String t = s.trim();
        try {
            if (t.matches("[0-9]+")) {
                return Long.parseLong(t);
            }
            return Math.multiplyExact(Units.parseDurationUs(t, 1), 1000L);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UserException("invalid time '" + s + "' (expected ns, or e.g. 500ms, 2s, 1m)", true);
        }
    }

    /** A monitoring duration option ({@code 30s}, bare seconds) in ns; 0 (run to the end) when absent. */
    static long durationNs(String option, String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Units.parseDurationUs(value, 1_000_000) * 1000;
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage(), true);
        }
    }
}
