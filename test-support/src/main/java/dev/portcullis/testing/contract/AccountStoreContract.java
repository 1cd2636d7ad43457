package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountStore} must do: extend it and implement {@link #newStore}.
 *
 * <p>The SPI only reads; how accounts get in is the store's own business, so the kit hands the
 * subclass the accounts to hold, with their API tokens in plain text, and the subclass stores them
 * the way its sign-up would (hashing each token, keeping only the hash).
 */
public abstract class AccountStoreContract {

  /** One account to seed: its id, its own API token (plain text, for the store to hash) and API keys. */
  public record Seed(String id, String apiToken, Set<String> apiKeys) {
    public Seed {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(apiToken, "apiToken");
      apiKeys = Set.copyOf(apiKeys);
    }
  }

  /**
   * A store holding exactly these accounts.
   *
   * @throws IllegalArgumentException if two seeds share an id or an API token: an id and a token
   *     hash each name at most one account
   */
  protected abstract AccountStore newStore(List<Seed> accounts);

  private static final Seed DEMO = new Seed("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"));
  private static final Seed OTHER = new Seed("other", "other_api_token", Set.of("key_other_index"));

  /** SHA-256 of the token's UTF-8 bytes: the hash {@link AccountStore#findByApiTokenHash} is given. */
  protected static byte[] sha256(String token) {
    return sha256(token.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void findsAnAccountByIdAndByTheHashOfItsToken() {
    AccountStore store = newStore(List.of(DEMO, OTHER));
    assertThat(store.find("demo")).contains(new Account("demo", DEMO.apiKeys()));
    assertThat(store.find("other").orElseThrow().apiKeys()).containsExactly("key_other_index");
    assertThat(store.findByApiTokenHash(sha256("demo_api_token")).orElseThrow().id()).isEqualTo("demo");
    assertThat(store.findByApiTokenHash(sha256("other_api_token")).orElseThrow().id()).isEqualTo("other");
  }

  @Test
  void theTokenIsHashedAsUtf8() {
    AccountStore store = newStore(List.of(new Seed("intl", "tök€n_ü", Set.of("k"))));
    assertThat(store.findByApiTokenHash(sha256("tök€n_ü")).map(Account::id)).contains("intl");
    assertThat(store.findByApiTokenHash(sha256("tök€n_ü".getBytes(StandardCharsets.ISO_8859_1)))).isEmpty();
  }

  @Test
  void unknownIdsAndHashesAreEmptyNotErrors() {
    AccountStore store = newStore(List.of(DEMO));
    assertThat(store.find("nobody")).isEmpty();
    assertThat(store.find("")).isEmpty();
    assertThat(store.find("DEMO")).as("ids are exact, not case-folded").isEmpty();
    assertThat(store.findByApiTokenHash(sha256("Demo_api_token"))).isEmpty();
    assertThat(store.findByApiTokenHash(sha256("demo_api_token "))).isEmpty();
    for (int length : new int[] {0, 1, 31, 33, 64}) {
      assertThat(store.findByApiTokenHash(new byte[length])).as("a %d-byte hash", length).isEmpty();
    }
  }

  @Test
  void theStoreKeepsNoReferenceToTheCallersHash() {
    AccountStore store = newStore(List.of(DEMO));
    byte[] hash = sha256("demo_api_token");
    byte[] copy = hash.clone();
    assertThat(store.findByApiTokenHash(hash)).isPresent();
    assertThat(hash).as("a lookup does not change the caller's array").isEqualTo(copy);
    Arrays.fill(hash, (byte) 0);
    assertThat(store.findByApiTokenHash(copy)).as("nor depends on it afterwards").isPresent();
  }

  @Test
  void accountsAnsweredCannotBeChangedThroughTheAnswer() {
    AccountStore store = newStore(List.of(DEMO));
    Account a = store.find("demo").orElseThrow();
    assertThatThrownBy(() -> a.apiKeys().add("key_stolen")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(store.find("demo").orElseThrow().apiKeys()).doesNotContain("key_stolen");
  }

  @Test
  void anIdOrATokenNamesAtMostOneAccount() {
    assertThatThrownBy(() -> newStore(List.of(DEMO, new Seed("demo", "another_token", Set.of("k")))))
        .as("duplicate id").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> newStore(List.of(DEMO, new Seed("twin", "demo_api_token", Set.of("k")))))
        .as("duplicate token").isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("demo_api_token"));
  }

  @Test
  void concurrentLookupsAllSeeTheSameAccounts() throws Exception {
    AccountStore store = newStore(List.of(DEMO, OTHER));
    byte[] demoHash = sha256("demo_api_token");
    byte[] otherHash = sha256("other_api_token");
    int ok = Races.winners(8, t -> {
      for (int i = 0; i < 500; i++) {
        Optional<Account> byHash = store.findByApiTokenHash((t + i) % 2 == 0 ? demoHash : otherHash);
        Optional<Account> byId = store.find((t + i) % 2 == 0 ? "demo" : "other");
        if (byHash.isEmpty() || byId.isEmpty() || !byHash.get().equals(byId.get())) {
          return false;
        }
      }
      return true;
    });
    assertThat(ok).isEqualTo(8);
  }
}
