package dev.portcullis.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void readsAFlatObjectOfStringsBooleansNullsAndStringArrays() {
    Map<String, Object> m = Json.object(" {\"name\" : \"a\\\"b\\u00e9\", \"on\":true, \"gone\":null, \"cb\":[\"oob\", \"x\"]} ");
    assertThat(m).containsExactly(Map.entry("name", "a\"b\u00e9"), Map.entry("on", true), Map.entry("cb", List.of("oob", "x")));
    assertThat(Json.object("{}")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[]", "{\"a\":1}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x", "{\"a\":\"b\",\"a\":\"c\"}",
      "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{\"a\":[1]}", "{\"a\":{}}", "{\"a\":\"line\nbreak\"}"})
  void refusesEverythingElseWithAMessageThatCarriesNoClientText(String text) {
    assertThatThrownBy(() -> Json.object(text)).isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\\q").endsWith("."));
  }

  @Test
  void writesStringsThatCannotCloseAScriptOrAString() {
    assertThat(Json.string(new StringBuilder(), "</script>\"\\\n\u2028").toString())
        .isEqualTo("\"\\u003c/script\\u003e\\\"\\\\\\n\\u2028\"");
    assertThat(Json.string(new StringBuilder(), null).toString()).isEqualTo("null");
  }

  @Test
  void htmlEscapesTextAndAttributes() {
    assertThat(new Html().text("<b>&'\"").attr("value", "\"><script>").toString())
        .isEqualTo("&lt;b&gt;&amp;&#39;&quot; value=\"&quot;&gt;&lt;script&gt;\"");
  }
}
