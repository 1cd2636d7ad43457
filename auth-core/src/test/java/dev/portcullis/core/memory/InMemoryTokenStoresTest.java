package dev.portcullis.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.ApiTokenRecord;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryTokenStoresTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private static ApiTokenRecord record(String id, String account, Instant createdAt) {
    return new ApiTokenRecord(id, account, "n", List.of(new Permission("items", Operation.READ, Set.of("k"))),
        new byte[32], createdAt, null, null, false);
  }

  @Test
  void accountStoreFindsByHashAndId() throws Exception {
    InMemoryAccountStore store = InMemoryAccountStore.builder()
        .account("demo", "demo_api_token", Set.of("key_demo_index"))
        .build();
    byte[] hash = MessageDigest.getInstance("SHA-256").digest("demo_api_token".getBytes(StandardCharsets.UTF_8));
    assertThat(store.findByApiTokenHash(hash)).contains(new Account("demo", Set.of("key_demo_index")));
    assertThat(InMemoryAccountStore.sha256("demo_api_token")).isEqualTo(hash);
    assertThat(store.findByApiTokenHash(InMemoryAccountStore.sha256("demo_api_tokeN"))).isEmpty();
    assertThat(store.find("demo")).isPresent();
    assertThat(store.find("other")).isEmpty();
  }

  @Test
  void accountStoreKeepsNoPlainToken() throws Exception {
    String token = "a-rather-unique-api-token-value";
    InMemoryAccountStore store = InMemoryAccountStore.builder().account("demo", token, Set.of("k")).build();
    for (Field field : InMemoryAccountStore.class.getDeclaredFields()) {
      field.setAccessible(true);
      Object value = field.get(store);
      if (value instanceof Map<?, ?> map) {
        assertThat(map.keySet()).noneMatch(k -> token.equals(k));
        assertThat(map.values()).noneMatch(v -> v.toString().contains(token));
      }
      assertThat(String.valueOf(value)).doesNotContain(token);
    }
  }

  @Test
  void accountStoreBuilderRefusesBadAccounts() {
    assertThatThrownBy(() -> InMemoryAccountStore.builder().account("a", "t", Set.of()).account("a", "u", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryAccountStore.builder().account("a", "same", Set.of()).account("b", "same", Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("same");
    assertThatThrownBy(() -> InMemoryAccountStore.builder().account("a", " ", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryAccountStore.builder().account("a", "x:y", Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("x:y");
  }

  @Test
  void tokenStoreSavesOncePerId() {
    InMemoryApiTokenStore store = new InMemoryApiTokenStore();
    assertThat(store.save(record("id1", "demo", T0))).isTrue();
    assertThat(store.save(record("id1", "other", T0))).isFalse();
    assertThat(store.find("id1").orElseThrow().account()).isEqualTo("demo");
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void tokenStoreListsByAccountOldestFirst() {
    InMemoryApiTokenStore store = new InMemoryApiTokenStore();
    store.save(record("b", "demo", T0.plusSeconds(2)));
    store.save(record("a", "demo", T0.plusSeconds(1)));
    store.save(record("c", "other", T0));
    assertThat(store.findByAccount("demo")).extracting(ApiTokenRecord::id).containsExactly("a", "b");
    assertThat(store.findByAccount("none")).isEmpty();
  }

  @Test
  void touchNeverMovesBackAndNeverUnrevokes() {
    InMemoryApiTokenStore store = new InMemoryApiTokenStore();
    store.save(record("a", "demo", T0));
    store.touch("a", T0.plusSeconds(10));
    store.touch("a", T0.plusSeconds(5));
    assertThat(store.find("a").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(store.revoke("demo", "a")).isTrue();
    store.touch("a", T0.plusSeconds(20));
    assertThat(store.find("a").orElseThrow().revoked()).isTrue();
    store.touch("missing", T0);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void recordCopiesItsHashAndHidesIt() {
    byte[] hash = new byte[32];
    hash[0] = 42;
    ApiTokenRecord r = new ApiTokenRecord("a", "demo", "n", List.of(), hash, T0, null, null, false);
    hash[0] = 0;
    assertThat(r.hash()[0]).isEqualTo((byte) 42);
    r.hash()[0] = 1;
    assertThat(r.hashMatches(r.hash())).isTrue();
    assertThat(r.hashMatches(new byte[32])).isFalse();
    assertThat(r.toString()).doesNotContain("hash");
    assertThat(r).isEqualTo(new ApiTokenRecord("a", "demo", "n", List.of(), r.hash(), T0, null, null, false));
  }
}
