package org.jdamon.io;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The one place JSON from users is read: {@link Json}'s mapper, with explicit bounds on nesting depth, number and
 * string length (no damo file comes near them; a hostile or broken one gets a clear error instead of a
 * stack overflow or a huge allocation), and errors ({@link InvalidJsonException}) that name the line and
 * column, the bound when one was exceeded, and never leak Jackson's internals.
 */
public final class BoundedJson {
    /** kdamonds files nest about 8 levels, damo records 5. */
    public static final int MAX_DEPTH = 64;
    /** Digits in one number; u64 values are 20. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Characters in one string (names, paths, damo's unit strings). */
    public static final int MAX_STRING_LENGTH = 1 << 16;

    private static final JsonMapper MAPPER = Json.mapper();

    private BoundedJson() {}

    /** Parses {@code json} into a tree (a missing node when there is no content). */
    public static JsonNode read(String json) {
        try {
            return read(MAPPER.createParser(json));
        } catch (JacksonIOException e) {
            throw new InvalidJsonException(0, 0, problem(e)); // a String is not read, so nothing failed but the JSON
        }
    }

    /**
     * Parses the stream into a tree; the caller closes {@code in}. A failure of the stream itself (a torn
     * compressed file, an encoding Jackson cannot detect) is its {@link IOException}, not a JSON error.
     */
    public static JsonNode read(InputStream in) throws IOException {
        try {
            return read(MAPPER.createParser(in));
        } catch (JacksonIOException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(problem(e));
        }
    }

    private static JsonNode read(JsonParser p) {
        try {
            JsonNode root = MAPPER.readTree(p);
            if (root != null && p.nextToken() != null) {
                TokenStreamLocation at = p.currentTokenLocation();
                throw new InvalidJsonException(at.getLineNr(), at.getColumnNr(), "more content after the JSON value");
            }
            return root == null ? MissingNode.getInstance() : root;
        } catch (JacksonIOException e) {
            throw e;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            if (at == null || at == TokenStreamLocation.NA || at.getLineNr() <= 0) {
                at = p.currentLocation(); // the bounds' errors carry no location: the parser knows it
            }
            throw new InvalidJsonException(Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), problem(e));
        } finally {
            p.close(); // after the location was taken: a closed parser forgets where it was
        }
    }

    /** Jackson's own message without its class names, configuration pointers and line breaks. */
    static String problem(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        m = m.replaceAll(" starting at \\[Source:[^\\]]*\\]", " opened before")
                .replaceAll(",? from `[^`]*`", "")
                .replaceAll(" \\(bound as `[^`]*`\\)", "")
                .replaceAll(":? not allowed as per `[^`]*`", "")
                .replaceAll("`?JsonToken\\.([A-Z_]+)`?", "$1")
                .replaceAll("`?\\b(tools\\.jackson|java)\\.[\\w.$]+`?", "value")
                .replaceAll("\\s*\\R\\s*", " ").strip();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    /** JSON that does not parse or exceeds a bound: where (1-based line and column, 0 if unknown) and why. */
    public static final class InvalidJsonException extends IllegalArgumentException {
        private final int line;
        private final int column;
        private final String problem;

        InvalidJsonException(int line, int column, String problem) {
            super((line > 0 ? "line " + line + ", column " + column + ": " : "") + problem);
            this.line = line;
            this.column = column;
            this.problem = problem;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public String problem() {
            return problem;
        }
    }
}
