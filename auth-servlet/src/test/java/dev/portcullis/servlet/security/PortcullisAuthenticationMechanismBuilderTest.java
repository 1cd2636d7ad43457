package dev.portcullis.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.TokenService;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mechanism's builder takes each setting once, as Caffeine's does. */
class PortcullisAuthenticationMechanismBuilderTest {
  private final Gate gate = Gate.builder().scheme(new BearerTokenScheme(TokenService.builder()
      .tokenStore(new InMemoryApiTokenStore())
      .accounts(InMemoryAccountStore.builder().account("demo", "demo_api_token", Set.of("k")).build())
      .allowedScopes(Set.of("items")).build(), "catalog")).build();

  @Test
  void eachSettingIsRefusedTheSecondTime() {
    assertThatThrownBy(() -> PortcullisAuthenticationMechanism.builder(gate).scopeGroups(false).scopeGroups(true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("scopeGroups was already set");
    assertThatThrownBy(() -> PortcullisAuthenticationMechanism.builder(gate)
        .options(AdapterOptions.defaults()).options(AdapterOptions.defaults()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everySettingGivenOnceBuilds() {
    assertThat(PortcullisAuthenticationMechanism.builder(gate).scopeGroups(false)
        .options(AdapterOptions.defaults()).build()).isNotNull();
  }
}
