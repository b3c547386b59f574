package org.jdamon.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The one mapper escapes what JSON must escape, so awkward names survive a write and a read. */
class JsonTest {
    /** A quote, a backslash, a tab, a newline, NUL, U+001F, an e-acute, a CJK character and an emoji (a surrogate pair). */
    private static final String AWKWARD = "pageout \"cold\" C:\\tmp\t\n\u0000\u001f \u00e9 \u6f22 \ud83d\ude00 </script>";

    @Test
    void awkwardStringsRoundTrip() {
        String json = Json.write(Json.object().put("name", AWKWARD));
        assertThat(json).doesNotContain("\n", "\t", "\u0000", "\u001f");
        assertThat(json).contains("\\\"cold\\\"", "C:\\\\tmp", "\\t", "\\n", "\\u0000", "\\u001F");
        JsonNode back = BoundedJson.read(json);
        assertThat(back.path("name").asString()).isEqualTo(AWKWARD);
    }

    @Test
    void compactIsOneLineAndPrettyIsIndented() {
        var node = Json.object().put("a", 1);
        node.putArray("b").add(2).add(3);
        assertThat(Json.write(node)).isEqualTo("{\"a\":1,\"b\":[2,3]}");
        assertThat(Json.writePretty(node).lines()).hasSizeGreaterThan(1).first().asString().isEqualTo("{");
        assertThat(BoundedJson.read(Json.writePretty(node))).isEqualTo(node);
    }

    @Test
    void readsAreBounded() {
        String deep = "[".repeat(BoundedJson.MAX_DEPTH + 1) + "]".repeat(BoundedJson.MAX_DEPTH + 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BoundedJson.read(deep))
                .isInstanceOf(BoundedJson.InvalidJsonException.class)
                .hasMessageContaining("line 1");
    }
}
