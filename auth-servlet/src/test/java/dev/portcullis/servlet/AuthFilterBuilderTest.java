package dev.portcullis.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.http.AdapterOptions;
import org.junit.jupiter.api.Test;

/** The filter's builder takes each setting once, as Caffeine's does. */
class AuthFilterBuilderTest {
  private final Gate gate = Gate.builder().scheme(new TestScheme()).build();

  @Test
  void eachSingleSettingIsRefusedTheSecondTime() {
    assertThatThrownBy(() -> AuthFilter.builder().gate(gate).gate(gate))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("gate was already set");
    assertThatThrownBy(() -> AuthFilter.builder().denyUnmatched(true).denyUnmatched(false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("denyUnmatched was already set");
    assertThatThrownBy(() -> AuthFilter.builder().options(AdapterOptions.defaults()).options(AdapterOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void listSettingsAddUpAndTheRestBuildsOnce() {
    AuthFilter filter = AuthFilter.builder().gate(gate)
        .publicPath("/health").publicPath("/search/*")
        .rule("GET", "/items", "items", Operation.READ).rule("POST", "/items", "items", Operation.WRITE)
        .denyUnmatched(true).options(AdapterOptions.defaults())
        .build();
    assertThat(filter).isNotNull();
  }
}
