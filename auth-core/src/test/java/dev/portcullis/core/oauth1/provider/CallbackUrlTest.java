package dev.portcullis.core.oauth1.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackUrlTest {
  @Test
  void appendsToAnEmptyQuery() {
    assertThat(CallbackUrl.withParams("http://localhost/demo.php", "AA2r", "041zfu"))
        .isEqualTo("http://localhost/demo.php?oauth_token=AA2r&oauth_verifier=041zfu");
  }

  @Test
  void keepsTheExistingQuery() {
    assertThat(CallbackUrl.withParams("http://localhost:8080/cb?state=a%20b&x=1", "t", "v"))
        .isEqualTo("http://localhost:8080/cb?state=a%20b&x=1&oauth_token=t&oauth_verifier=v");
    assertThat(CallbackUrl.withParams("http://localhost/cb?", "t", "v"))
        .isEqualTo("http://localhost/cb?oauth_token=t&oauth_verifier=v");
  }

  @Test
  void encodesValuesAndKeepsAFragmentLast() {
    assertThat(CallbackUrl.withParams("http://h/cb#top", "a b", "c&d"))
        .isEqualTo("http://h/cb?oauth_token=a%20b&oauth_verifier=c%26d#top");
  }
}
