package org.jdamon.cli;

import java.util.Locale;
import org.jdamon.core.Units;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's one adapter to {@link Units}: option values (sizes, durations, ratios, addresses,
 * times) parsed in its grammar, a bad one a usage error naming the option; and picocli converters for
 * options declared with a unit type.
 */
final class CliParsing {
    private CliParsing() {}

    static long size(String option, String text) {
        return parse(option, () -> Units.parseSize(text));
    }

    /** Microseconds; a bare number is in units of {@code bareUnitUs}. */
    static long durationUs(String option, String text, long bareUnitUs) {
        return parse(option, () -> Units.parseDurationUs(text, bareUnitUs));
    }

    /** A ratio in the option's unit, {@code unitsPerPercent} of which make a percent (100 for basis points). */
    static long ratio(String option, String text, long unitsPerPercent) {
        return parse(option, () -> Units.parseRatio(text, unitsPerPercent));
    }

    /** A percentage ({@code 50%}, bare {@code 50}); {@code max} is infinite. */
    static double percent(String option, String text) {
        try {
            return Units.parsePercent(text);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage(), true);
        }
    }

    /** An address: {@code 0x7f00...} hex, or a decimal size with damo's units ({@code 4096}, {@code 1G}). */
    static long address(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Units.parseSize(t);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new UserException("invalid address '" + s + "' (expected e.g. 0x7f0000000000 or 1G)", true);
        }
    }

    /** A time since record start in ns: a bare number is ns (like damo), else a duration like {@code 5s}. */
    static long timeNs(String s) {
        try {
            return Units.parseDurationNs(s, 1);
        } catch (IllegalArgumentException e) {
            throw new UserException("invalid time '" + s + "' (expected ns, or e.g. 500ms, 2s, 1m)", true);
        }
    }

    /** A monitoring duration option ({@code 30s}, bare seconds) in ns; 0 (run to the end) when absent. */
    static long durationNs(String option, String value) {
        return value == null ? 0 : parse(option, () -> Units.parseDurationNs(value, 1_000_000_000));
    }

    private static long parse(String option, java.util.function.LongSupplier parser) {
        try {
            return parser.getAsLong();
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage(), true);
        }
    }

    /** A picocli option typed as a size in bytes. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return converted(() -> Units.parseSize(value));
        }
    }

    /** A picocli option typed as a duration in microseconds, a bare number being microseconds. */
    static final class DurationUsConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return converted(() -> Units.parseDurationUs(value, 1));
        }
    }

    private static long converted(java.util.function.LongSupplier parser) {
        try {
            return parser.getAsLong();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
