package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.digest.DigestCredentials;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DigestCredentialStore} must do: extend it and implement {@link #newStore}
 * holding the user {@link #USER} with password {@link #PASSWORD} in realm {@link #REALM} for at
 * least SHA-256 and MD5.
 */
public abstract class DigestCredentialStoreContract {
  protected static final String REALM = "http-auth@example.org";
  protected static final String USER = "Mufasa";
  protected static final String PASSWORD = "Circle of Life";

  /** A store holding {@link #USER} in {@link #REALM}. */
  protected abstract DigestCredentialStore newStore();

  @Test
  void ha1IsTheRfcValuePerBaseAlgorithm() {
    DigestCredentialStore store = newStore();
    for (DigestAlgorithm a : new DigestAlgorithm[] {DigestAlgorithm.SHA_256, DigestAlgorithm.MD5}) {
      byte[] expected = DigestCredentials.ha1(a, USER, REALM, PASSWORD.toCharArray());
      assertThat(store.ha1(USER, REALM, a)).isEqualTo(expected);
    }
    assertThat(store.ha1(USER, REALM, DigestAlgorithm.SHA_256_SESS))
        .as("-sess shares its base algorithm's HA1")
        .isEqualTo(store.ha1(USER, REALM, DigestAlgorithm.SHA_256));
  }

  @Test
  void unknownUserOrOtherRealmIsNull() {
    DigestCredentialStore store = newStore();
    assertThat(store.ha1("nobody", REALM, DigestAlgorithm.SHA_256)).isNull();
    assertThat(store.ha1(USER, "other realm", DigestAlgorithm.SHA_256)).isNull();
  }

  @Test
  void theCallerMayScribbleOnTheArray() {
    DigestCredentialStore store = newStore();
    byte[] first = store.ha1(USER, REALM, DigestAlgorithm.SHA_256);
    byte[] copy = first.clone();
    java.util.Arrays.fill(first, (byte) 0);
    assertThat(store.ha1(USER, REALM, DigestAlgorithm.SHA_256)).isEqualTo(copy);
  }

  @Test
  void userhashFindsTheUsername() {
    DigestCredentialStore store = newStore();
    String hash = DigestCredentials.userhash(DigestAlgorithm.SHA_256, USER, REALM);
    assertThat(store.usernameForHash(hash, REALM, DigestAlgorithm.SHA_256)).isEqualTo(USER);
    assertThat(store.usernameForHash(hash, "other realm", DigestAlgorithm.SHA_256)).isNull();
    String other = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
    assertThat(store.usernameForHash(other, REALM, DigestAlgorithm.SHA_256)).isNull();
  }
}
