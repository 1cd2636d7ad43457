package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ApiTokenStore.Saved;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What every {@link ApiTokenStore} must do: extend it and implement {@link #newStore}. */
public abstract class ApiTokenStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A new, empty store. */
  protected abstract ApiTokenStore newStore();

  protected static ApiTokenRecord record(String id, String account, Instant createdAt, @Nullable Instant expiresAt) {
    return new ApiTokenRecord(id, account, "n", List.of(new Permission("items", Operation.READ, Set.of("k"))),
        new byte[32], createdAt, expiresAt, null, false);
  }

  @Test
  void aDuplicateIdGetsFalseAndChangesNothing() {
    ApiTokenStore store = newStore();
    assertThat(store.save(record("id1", "demo", T0, null))).isTrue();
    assertThat(store.save(record("id1", "other", T0, null))).isFalse();
    assertThat(store.save(record("id1", "other", T0, null), 10, T0)).isEqualTo(Saved.DUPLICATE_ID);
    assertThat(store.find("id1").orElseThrow().account()).isEqualTo("demo");
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void listsByAccountOldestFirst() {
    ApiTokenStore store = newStore();
    store.save(record("b", "demo", T0.plusSeconds(2), null));
    store.save(record("a", "demo", T0.plusSeconds(1), null));
    store.save(record("c", "other", T0, null));
    assertThat(store.findByAccount("demo")).extracting(ApiTokenRecord::id).containsExactly("a", "b");
    assertThat(store.findByAccount("none")).isEmpty();
  }

  @Test
  void touchNeverMovesBackAndNeverUnrevokes() {
    ApiTokenStore store = newStore();
    store.save(record("a", "demo", T0, null));
    store.touch("a", T0.plusSeconds(10));
    store.touch("a", T0.plusSeconds(5));
    assertThat(store.find("a").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(store.revoke("other", "a")).as("only the owner revokes").isFalse();
    assertThat(store.revoke("demo", "a")).isTrue();
    assertThat(store.revoke("demo", "a")).isFalse();
    store.touch("a", T0.plusSeconds(20));
    assertThat(store.find("a").orElseThrow().revoked()).isTrue();
    store.touch("missing", T0);
    assertThat(store.find("missing")).isEmpty();
  }

  @Test
  void theLimitCountsOnlyLiveTokens() {
    ApiTokenStore store = newStore();
    assertThat(store.save(record("expired", "demo", T0, T0.plusSeconds(1)), 2, T0.plusSeconds(5))).isEqualTo(Saved.SAVED);
    assertThat(store.save(record("a", "demo", T0, null), 2, T0.plusSeconds(5))).isEqualTo(Saved.SAVED);
    assertThat(store.save(record("b", "demo", T0, null), 2, T0.plusSeconds(5))).isEqualTo(Saved.SAVED);
    assertThat(store.save(record("c", "demo", T0, null), 2, T0.plusSeconds(5))).isEqualTo(Saved.LIMIT_REACHED);
    assertThat(store.find("c")).isEmpty();
    assertThat(store.save(record("x", "other", T0, null), 2, T0.plusSeconds(5))).isEqualTo(Saved.SAVED);
    assertThat(store.revoke("demo", "a")).isTrue();
    assertThat(store.save(record("c", "demo", T0, null), 2, T0.plusSeconds(5))).isEqualTo(Saved.SAVED);
  }

  @Test
  void racingSavesNeverPassTheLimit() throws Exception {
    ApiTokenStore store = newStore();
    for (int round = 0; round < 50; round++) {
      String account = "acct" + round;
      int saved = Races.winners(8, t ->
          store.save(record(account + "-" + t, account, T0, null), 3, T0) == Saved.SAVED);
      assertThat(saved).as("saves past a limit of 3 for %s", account).isEqualTo(3);
      assertThat(store.findByAccount(account)).hasSize(3);
    }
  }

  @Test
  void revokeRacingTouchesIsNeverLost() throws Exception {
    ApiTokenStore store = newStore();
    for (int round = 0; round < 100; round++) {
      String id = "t" + round;
      store.save(record(id, "demo", T0, null));
      AtomicInteger revokes = new AtomicInteger();
      Races.winners(4, n -> {
        for (int i = 0; i < 50; i++) {
          store.touch(id, T0.plusMillis(i));
        }
        if (n % 2 == 0 && store.revoke("demo", id)) {
          revokes.incrementAndGet();
        }
        return true;
      });
      assertThat(revokes.get()).isEqualTo(1);
      assertThat(store.find(id).orElseThrow().revoked()).isTrue();
    }
  }
}
