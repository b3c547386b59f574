package org.jdamon.cli;

import java.util.function.Supplier;
import org.jdamon.config.ConfigException;

/** Turns configuration errors into usage errors (exit 2) with the option or JSON path in the message. */
final class ConfigErrors {
    private ConfigErrors() {}

    static <T> T convert(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (ConfigException e) {
            throw new UserException(e.getMessage(), true);
        }
    }
}
