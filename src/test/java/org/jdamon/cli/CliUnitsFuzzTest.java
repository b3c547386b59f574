package org.jdamon.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.function.Function;
import org.jdamon.config.Values;
import org.jdamon.core.Units;

/**
 * The unit parsers behind the command line's options and the configuration files' values ({@code 5ms},
 * {@code 4K}, {@code min}, {@code max}, {@code 50%}): every text either parses or is a usage error
 * (exit 2) whose message quotes the text and is printed on one line. Lives in the cli package because {@link CliParsing}
 * is package-private; run with the other fuzz tests (see docs/reliability.md).
 */
public class CliUnitsFuzzTest {
    private static final java.util.List<Function<String, Object>> PARSERS = java.util.List.of(
            CliParsing::address,
            CliParsing::timeNs,
            t -> CliParsing.durationNs("--duration", t),
            t -> CliParsing.percent("--access_rate", t),
            Units::parseSize,
            t -> Units.parseDurationUs(t, 1_000),
            t -> Units.parseRatio(t, 100),
            Values::integer,
            Values::durationMs,
            Values::size);

    @FuzzTest
    void parse(FuzzedDataProvider data) {
        check(data.consumeInt(0, PARSERS.size() - 1), data.consumeRemainingAsString());
    }

    /** {@code text} through parser number {@code which} (taken modulo their number). */
    public static void check(int which, String text) {
        Function<String, Object> parser = PARSERS.get(Math.floorMod(which, PARSERS.size()));
        try {
            parser.apply(text);
        } catch (IllegalArgumentException | UserException e) {
            if (Errors.exitCode(e) != Errors.USAGE) {
                throw new AssertionError("not a usage error (exit " + Errors.exitCode(e) + "): " + e, e);
            }
            String m = e.getMessage();
            if (m == null || !m.contains(text)) {
                throw new AssertionError("message does not quote the text: " + e, e);
            }
            if (Errors.oneLine(m).indexOf('\n') >= 0) {
                throw new AssertionError("message is not printed on one line: " + e, e);
            }
        }
    }
}
