package org.jdamon.io;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place JSON from users is read: a mapper with explicit bounds on nesting depth, number and
 * string length (no damo file comes near them; a hostile or broken one gets a clear error instead of a
 * stack overflow or a huge allocation), and one-line descriptions of Jackson's errors that name the line
 * and column and never leak Jackson's internals.
 */
public final class BoundedJson {
    /** kdamonds files nest about 8 levels, damo records 5. */
    public static final int MAX_DEPTH = 64;
    /** Digits in one number; u64 values are 20. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Characters in one string (names, paths, damo's unit strings). */
    public static final int MAX_STRING_LENGTH = 1 << 16;

    private static final JsonMapper MAPPER = builder().build();

    private BoundedJson() {}

    /** A shared reading mapper with the bounds. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** A builder with the bounds, for callers that add their own features. */
    public static JsonMapper.Builder builder() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_STRING_LENGTH)
                .build();
        return JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build());
    }

    /** The 1-based line of the error, or 0 when Jackson does not know it. */
    public static int line(JacksonException e) {
        TokenStreamLocation at = location(e);
        return at == null ? 0 : Math.max(at.getLineNr(), 0);
    }

    /** {@code line L, column C: problem} (or just the problem), one line, without Jackson's class names. */
    public static String describe(JacksonException e) {
        TokenStreamLocation at = location(e);
        String where = at == null || at.getLineNr() <= 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + problem(e);
    }

    /** Jackson's own message, with its pointers to its configuration classes and any line breaks removed. */
    public static String problem(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        m = m.replaceAll(",? from `[^`]*`", "").replaceAll("\\s*\\R\\s*", " ").strip();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static TokenStreamLocation location(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        if ((at == null || at == TokenStreamLocation.NA) && e.processor() instanceof JsonParser p) {
            at = p.currentLocation();
        }
        return at == TokenStreamLocation.NA ? null : at;
    }
}
