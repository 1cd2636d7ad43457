package dev.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.access.Operation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {

  @ParameterizedTest
  @CsvSource({
      "/health, /health, true",
      "/health, /health/, false",
      "/health, /healthz, false",
      "/, /, true",
      "/search/*, /search, true",
      "/search/*, /search/, true",
      "/search/*, /search/a/b, true",
      "/search/*, /searchx, false",
      "/*, /anything/at/all, true",
      "*.css, /a/b.css, true",
      "*.css, /.css, false",
      "*.css, /a.css/b, false",
      "/browse/{f}/{v}, /browse/color/red, true",
      "/browse/{f}/{v}, /browse/color, false",
      "/browse/{f}/{v}, /browse/color/red/x, false",
      "/browse/{f}/{v}, /browse//red, false",
      "/browse/{f}/{v}, /browse/color/, false",
      "/v2/items/{id}, /v2/items/7, true",
      "/v2/items/{id}, /v2/itemsx/7, false",
      "/v2/items/{id}, v2/items/7, false",
  })
  void matches(String pattern, String path, boolean expected) {
    assertThat(PathPattern.compile(pattern).matches(path)).isEqualTo(expected);
  }

  @Test
  void templatesCaptureVariables() {
    Map<String, String> vars = new HashMap<>();
    assertThat(PathPattern.compile("/ws/customers/{customer}/contacts/{id}")
        .match("/ws/customers/ctct customer/contacts/9", vars)).isTrue();
    assertThat(vars).containsExactlyInAnyOrderEntriesOf(Map.of("customer", "ctct customer", "id", "9"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "health", "/a/*/b", "/a*", "*.", "*.a/b", "/a/{x", "/a/x}", "/a/{}",
      "/a/b{x}", "/a/{x}/{x}"})
  void badPatternsAreRefused(String pattern) {
    assertThatThrownBy(() -> PathPattern.compile(pattern)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rulesMatchMethodThenPath() {
    Rule r = Rule.of("PUT", "/ws/customers/{customer}/contacts", "contacts", Operation.WRITE)
        .resourceFromPath("customer");
    assertThat(r.match("PUT", "/ws/customers/alice/contacts")).containsEntry("customer", "alice");
    assertThat(r.match("put", "/ws/customers/alice/contacts")).isNull();
    assertThat(r.match("GET", "/ws/customers/alice/contacts")).isNull();
    assertThat(Rule.of("GET", "/a", "s", Operation.READ).match("HEAD", "/a")).isEmpty();
    assertThat(Rule.of("POST", "/a", "s", Operation.READ).match("HEAD", "/a")).isNull();
    assertThat(Rule.of("*", "/a", "s", Operation.READ).match("PATCH", "/a")).isEmpty();
    assertThat(r.toString()).isEqualTo("PUT /ws/customers/{customer}/contacts contacts(w) path:customer");
  }

  @Test
  void ruleLinesParse() {
    assertThat(InitParams.rule("GET /v2/items items(r) query:key").toString())
        .isEqualTo("GET /v2/items items(r) query:key");
    assertThat(InitParams.rule("  POST\t/x/{k}  s(rw)   path:k ").toString()).isEqualTo("POST /x/{k} s(rw) path:k");
    assertThat(InitParams.rule("* /t/* t(w) header:X-Tenant").toString()).isEqualTo("* /t/* t(w) header:X-Tenant");
    assertThat(InitParams.rule("DELETE /x x(w)").toString()).isEqualTo("DELETE /x x(w)");
    for (String bad : new String[] {"GET /x", "GET /x x(r) query:", "GET /x (r)", "GET /x x(R)",
        "GET /x x(r) query:a extra", "GET /x x(r) path:k"}) {
      assertThatThrownBy(() -> InitParams.rule(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void wordsSplitOnCommasAndWhiteSpace() {
    assertThat(InitParams.words(" /a, /b\n/c,,\t/d ")).containsExactly("/a", "/b", "/c", "/d");
    assertThat(InitParams.words(null)).isEmpty();
  }
}
