package dev.portcullis.console;

import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.SecurityEvents;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.console.ConsoleActions.PermissionRow;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryCredentialOwners;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.oauth1.provider.InMemoryUserDirectory;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's rules over the real in-memory stores (what the pages and the JSON API both call). */
class ConsoleActionsTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
  private final InMemoryAccountStore accounts = InMemoryAccountStore.builder()
      .account("demo", "demo_api_token", Set.of("key_a", "key_b"))
      .account("other", "other_api_token", Set.of("key_o"))
      .build();
  private final List<SecurityEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final TokenService tokens = TokenService.builder().tokenStore(new InMemoryApiTokenStore()).accounts(accounts)
      .clock(clock).allowedScopes(Set.of("items", "facets")).listener(events::add).build();
  private final InMemoryApplicationRegistry apps = new InMemoryApplicationRegistry()
      .register(new Application("k-demo", "demo key", true))
      .register(new Application("k-other", "other key", true));
  private final InMemoryConsumerStore consumers = new InMemoryConsumerStore();
  private final InMemoryOAuthTokenStore oauth = new InMemoryOAuthTokenStore();
  private final InMemoryCredentialOwners directory = new InMemoryCredentialOwners();
  private final ConsoleActions actions = new ConsoleActions(tokens.admin(), accounts, Set.of("items", "facets"), apps,
      consumers, oauth, directory, clock, new SecureRandom(), SecretProtector.none(),
      SecurityEvents.of(List.of(events::add)));
  private final ConsoleUser demo = new ConsoleUser("demo_user", "demo");
  private final ConsoleUser other = new ConsoleUser("other_user", "other");

  ConsoleActionsTest() {
    directory.claimApiKey("demo", "k-demo");
    directory.claimApiKey("other", "k-other");
  }

  @Test
  void tokensCarryTheRowsAndTheCoreRefusesWhatTheAccountDoesNotOwn() {
    Result<IssuedToken> r = actions.createToken(demo, "reader",
        List.of(new PermissionRow("items", "r", List.of("key_a")), new PermissionRow("facets", "rw", List.of("key_a", "key_b"))), "7");
    IssuedToken t = ((Result.Ok<IssuedToken>) r).value();
    assertThat(t.info().permissions()).hasSize(2);
    assertThat(t.info().expiresAt()).isEqualTo(clock.instant().plusSeconds(7 * 86400));
    assertThat(actions.resources(demo)).containsExactly("key_a", "key_b");

    assertThat(refused(actions.createToken(demo, "x", List.of(new PermissionRow("items", "r", List.of("key_o"))), "")))
        .isEqualTo("permissions:foreign_resource");
    assertThat(refused(actions.createToken(demo, "x", List.of(new PermissionRow("tokens", "rw", List.of("key_a"))), "")))
        .isEqualTo("permissions:unknown_scope");
    assertThat(refused(actions.createToken(demo, "x", List.of(new PermissionRow("items", "x", List.of("key_a"))), "")))
        .isEqualTo("permissions:operation_invalid");
    assertThat(refused(actions.createToken(demo, "x", List.of(), ""))).isEqualTo("permissions:no_permissions");
    assertThat(refused(actions.createToken(demo, " ", List.of(new PermissionRow("items", "r", List.of("key_a"))), "")))
        .isEqualTo("name:name_missing");
    for (String days : new String[] {"0", "-1", "3651", "1.5", "99999999999"}) {
      assertThat(refused(actions.createToken(demo, "x", List.of(new PermissionRow("items", "r", List.of("key_a"))), days)))
          .as(days).isEqualTo("expires_days:expiry_invalid");
    }
    assertThat(actions.tokens(demo)).hasSize(1);
    assertThat(actions.revokeToken(other, t.info().id())).isFalse();
    assertThat(actions.revokeToken(demo, t.info().id())).isTrue();
  }

  @Test
  void keysAreManagedOnlyByTheirOwnerAndTheRegistrySeesEveryChange() {
    assertThat(((Result.Refused<?>) actions.setKeyEnabled(other, "k-demo", false)).status()).isEqualTo(404);
    assertThat(apps.find("k-demo").enabled()).isTrue();
    actions.setKeyEnabled(demo, "k-demo", false);
    assertThat(apps.find("k-demo").enabled()).isFalse();
    Application created = ((Result.Ok<Application>) actions.createApiKey(demo, " build ")).value();
    assertThat(created.name()).isEqualTo("build");
    assertThat(apps.find(created.apiKey())).isEqualTo(created);
    assertThat(actions.apiKeys(demo)).extracting(Application::apiKey).contains("k-demo", created.apiKey());
    assertThat(actions.apiKeys(other)).extracting(Application::apiKey).containsExactly("k-other");
    assertThat(refused(actions.createApiKey(demo, "a\u0007b"))).isEqualTo("name:name_control_character");
    // the refused change published nothing; the two that happened did, naming the key, never a secret
    assertThat(events).extracting(SecurityEvent::kind).containsExactly("key_disabled", "key_created");
    assertThat(events.get(0)).isEqualTo(new SecurityEvent.KeyDisabled(clock.instant(), null, "k-demo", "demo_user"));
  }

  @Test
  void tokenLifeCycleIsPublishedWithTheIdAndNeverTheSecret() {
    IssuedToken t = ((Result.Ok<IssuedToken>) actions.createToken(demo, "ci",
        List.of(new PermissionRow("items", "r", List.of("key_a"))), "")).value();
    assertThat(actions.revokeToken(demo, t.info().id())).isTrue();
    assertThat(actions.revokeToken(demo, t.info().id())).isFalse();
    assertThat(events).containsExactly(
        new SecurityEvent.TokenCreated(clock.instant(), null, "demo", t.info().id(), "demo"),
        new SecurityEvent.TokenRevoked(clock.instant(), null, "demo", t.info().id(), "demo"));
    assertThat(events.toString()).doesNotContain(t.secret());
  }

  @Test
  void applicationsAreRegisteredRotatedAndRevokedOnlyByTheirOwners() {
    ConsoleActions.AppSecret app = ((Result.Ok<ConsoleActions.AppSecret>) actions.registerApp(demo, "Tool",
        "oob\r\nhttp://127.0.0.1:*\n")).value();
    assertThat(consumers.find(app.consumerKey()).secret().revealString()).isEqualTo(app.secret());
    assertThat(consumers.find(app.consumerKey()).allowsCallback("http://127.0.0.1:9000/cb")).isTrue();
    assertThat(directory.find(app.appId())).hasValueSatisfying(p -> assertThat(p.consumerKey()).isEqualTo(app.consumerKey()));
    assertThat(refused(actions.registerApp(demo, "Bad", "javascript:alert(1)"))).isEqualTo("callbacks:callback_invalid");
    assertThat(refused(actions.registerApp(demo, "None", "\n"))).isEqualTo("callbacks:callbacks_count");

    assertThat(((Result.Refused<?>) actions.rotateSecret(other, app.consumerKey())).status()).isEqualTo(404);
    String rotated = ((Result.Ok<ConsoleActions.AppSecret>) actions.rotateSecret(demo, app.consumerKey())).value().secret();
    assertThat(rotated).isNotEqualTo(app.secret());
    assertThat(consumers.find(app.consumerKey()).secret().revealString()).isEqualTo(rotated);

    oauth.save(OAuthToken.access("at1", ProtectedSecret.plain("s"), app.consumerKey(), "demo_user", "demo", clock.instant(), null));
    assertThat(actions.authorized(demo)).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("Tool"));
    assertThat(actions.authorized(other)).isEmpty();
    assertThat(actions.revokeAuthorized(other, app.consumerKey())).isZero();
    assertThat(actions.revokeAuthorized(demo, app.consumerKey())).isEqualTo(1);
    assertThat(actions.authorized(demo)).isEmpty();
  }

  @Test
  void theBuilderRefusesASettingGivenTwiceAndNeedsExactlyOneWayToSignIn() {
    Console.Builder b = Console.builder().tokens(tokens.admin());
    assertThatThrownBy(() -> b.tokens(tokens.admin())).isInstanceOf(IllegalStateException.class).hasMessageContaining("tokens");
    b.accounts(accounts).scopes(Set.of("items")).applications(apps).consumers(consumers).oauthTokens(oauth).owners(directory);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
    b.login(InMemoryUserDirectory.builder().build(), u -> null).signedIn(r -> null);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
  }

  @Test
  void theDirectoryRefusesASecondOwner() {
    assertThat(directory.claimApiKey("other", "k-demo")).isFalse();
    assertThat(directory.claimConsumer("demo", "c1", "0000000a")).isTrue();
    assertThat(directory.claimConsumer("other", "c1", "0000000b")).isFalse();
    assertThat(directory.claimConsumer("other", "c2", "0000000a")).isFalse();
    assertThat(directory.consumers("other")).isEmpty();
  }

  private static String refused(Result<?> r) {
    Result.Refused<?> no = (Result.Refused<?>) r;
    return no.field() + ":" + no.code();
  }
}
