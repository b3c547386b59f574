package org.jdamon.config;

/**
 * Invalid configuration: the message starts with where the problem is — a JSON path such as
 * {@code kdamonds[0].contexts[0].schemes[1].access_pattern.age} or an option such as
 * {@code --damos_age} — followed by what is wrong.
 */
public final class ConfigException extends IllegalArgumentException {
    private final String where;

    public ConfigException(String where, String problem) {
        super(where + ": " + problem);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
