package dev.portcullis.core.http;

import dev.portcullis.core.internal.AuthParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChallengeTest {

  @Test
  void rendersSchemeAndParamsInOrder() {
    String v = Challenge.scheme("Digest").quoted("realm", "api").token("algorithm", "SHA-256")
        .token("stale", "true").render();
    assertThat(v).isEqualTo("Digest realm=\"api\", algorithm=SHA-256, stale=true");
  }

  @Test
  void schemeAloneHasNoParams() {
    assertThat(Challenge.scheme("Negotiate").render()).isEqualTo("Negotiate");
  }

  @Test
  void escapesQuotesAndBackslashes() {
    assertThat(Challenge.scheme("Basic").quoted("realm", "a\"b\\c").render())
        .isEqualTo("Basic realm=\"a\\\"b\\\\c\"");
  }

  @Test
  void replacesLineBreaksSoNoHeaderCanBeInjected() {
    String v = Challenge.scheme("Basic").quoted("realm", "x\r\nSet-Cookie: a=b").render();
    assertThat(v).doesNotContain("\r").doesNotContain("\n").isEqualTo("Basic realm=\"x  Set-Cookie: a=b\"");
  }

  @Test
  void roundTripsThroughTheParser() {
    String realm = "we say \"hi\" \\ bye, ok=1";
    String v = Challenge.scheme("Bearer").quoted("realm", realm).quoted("error", "invalid_token").render();
    String params = v.substring("Bearer ".length());
    assertThat(AuthParams.parse(params)).containsEntry("realm", realm).containsEntry("error", "invalid_token");
  }

  @Test
  void refusesNonTokenSchemeNamesAndValues() {
    assertThatThrownBy(() -> Challenge.scheme("Bad Scheme")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Challenge.scheme("Basic").token("stale", "true false"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Challenge.scheme("Basic").quoted("re alm", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringIsTheRendering() {
    Challenge c = Challenge.scheme("Basic").quoted("realm", "r");
    assertThat(c).hasToString(c.render());
  }
}
