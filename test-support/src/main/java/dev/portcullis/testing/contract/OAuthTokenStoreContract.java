package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.TokenState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link OAuthTokenStore} must do: extend it and implement {@link #newStore}. */
public abstract class OAuthTokenStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A new, empty store. */
  protected abstract OAuthTokenStore newStore();

  private static OAuthToken access(String token, String user, Instant at) {
    return OAuthToken.access(token, ProtectedSecret.plain("s"), "ck", user, "1", at, null);
  }

  @Test
  void saveFindListRevoke() {
    OAuthTokenStore store = newStore();
    assertThat(store.save(access("a1", "jane", T0))).isTrue();
    assertThat(store.save(access("a2", "jane", T0.plusSeconds(1)))).isTrue();
    assertThat(store.save(access("b1", "bob", T0))).isTrue();
    assertThat(store.save(access("a1", "mallory", T0))).as("a duplicate gets false").isFalse();
    assertThat(store.find("a1").user()).isEqualTo("jane");
    assertThat(store.find("nope")).isNull();
    assertThat(store.accessTokens("jane")).extracting(OAuthToken::token).containsExactly("a1", "a2");
    assertThat(store.revoke("a1", "bob")).isFalse();
    assertThat(store.revoke("a1", "jane")).isTrue();
    assertThat(store.revoke("a1", "jane")).isFalse();
    assertThat(store.find("a1").state()).isEqualTo(TokenState.REVOKED);
  }

  @Test
  void purgeExpiredForgetsExpiredAndSpentRequestTokensOnly() {
    OAuthTokenStore store = newStore();
    store.save(OAuthToken.request("expired", ProtectedSecret.plain("s"), "ck", "oob", T0, T0.plusSeconds(60)));
    OAuthToken spent = OAuthToken.request("spent", ProtectedSecret.plain("s"), "ck", "oob", T0, T0.plusSeconds(600));
    store.save(spent);
    assertThat(store.compareAndSet(spent, spent.withState(TokenState.USED))).isTrue();
    store.save(OAuthToken.request("live", ProtectedSecret.plain("s"), "ck", "oob", T0, T0.plusSeconds(600)));
    store.save(access("forever", "jane", T0));
    assertThat(store.purgeExpired(T0.plusSeconds(61))).isEqualTo(2);
    assertThat(store.find("expired")).isNull();
    assertThat(store.find("spent")).isNull();
    assertThat(store.find("live")).isNotNull();
    assertThat(store.find("forever")).isNotNull();
  }

  @Test
  void racingSavesOfOneValueHaveOneWinner() throws Exception {
    OAuthTokenStore store = newStore();
    for (int round = 0; round < 100; round++) {
      String token = "t" + round;
      assertThat(Races.winners(8, t -> store.save(access(token, "u" + t, T0)))).isEqualTo(1);
    }
  }

  @Test
  void compareAndSetLetsExactlyOneRacerSpendARequestToken() throws Exception {
    OAuthTokenStore store = newStore();
    for (int round = 0; round < 50; round++) {
      OAuthToken t = OAuthToken.request("r" + round, ProtectedSecret.plain("s"), "ck", "oob", T0, T0.plusSeconds(60))
          .authorize("jane", null, "v");
      store.save(t);
      assertThat(Races.winners(8, () -> store.compareAndSet(t, t.withState(TokenState.USED)))).isEqualTo(1);
      assertThat(store.find(t.token()).state()).isEqualTo(TokenState.USED);
    }
    OAuthToken t = store.find("r0");
    assertThatThrownBy(() -> store.compareAndSet(t, access("other", "jane", T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
