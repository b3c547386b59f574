package org.jdamon.io;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the tool, for every JSON it writes (reports, configurations, the dashboard's
 * summary) and, through {@link BoundedJson}, every JSON it reads: Jackson's defaults plus the read bounds
 * of {@link BoundedJson}. Strings are escaped by Jackson, so any name (quotes, backslashes, control
 * characters, non-ASCII) reads back as it was written.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(BoundedJson.MAX_DEPTH)
                            .maxNumberLength(BoundedJson.MAX_NUMBER_LENGTH)
                            .maxStringLength(BoundedJson.MAX_STRING_LENGTH)
                            .maxNameLength(BoundedJson.MAX_STRING_LENGTH)
                            .build())
                    .build())
            .build();

    private Json() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code value} as compact JSON on one line, without a line break. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** {@code value} as JSON indented by Jackson's default pretty printer, without a final line break. */
    public static String writePretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
