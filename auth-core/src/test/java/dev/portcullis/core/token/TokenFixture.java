package dev.portcullis.core.token;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The demo's accounts, counting stores and a hand-moved clock, shared by the token tests. */
final class TokenFixture {
  static final Set<String> SCOPES = Set.of("items", "facets", "redirects");
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  /** A clock the test moves by hand (auth-core cannot depend on test-support). */
  static final class TestClock extends Clock {
    private volatile Instant now = T0;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public Instant instant() { return now; }
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
  }

  /** Counts lookups so tests can prove a malformed token never reached the store. */
  static final class CountingTokenStore implements ApiTokenStore {
    final InMemoryApiTokenStore delegate = new InMemoryApiTokenStore();
    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger touches = new AtomicInteger();
    volatile boolean down;

    private void check() {
      if (down) {
        throw new StoreUnavailableException("token store down");
      }
    }

    @Override public Saved save(ApiTokenRecord t, int max, Instant now) { check(); return delegate.save(t, max, now); }

    @Override
    public Optional<ApiTokenRecord> find(String id) {
      check();
      finds.incrementAndGet();
      return delegate.find(id);
    }

    @Override public List<ApiTokenRecord> findByAccount(String a) { check(); return delegate.findByAccount(a); }
    @Override public boolean revoke(String a, String id) { check(); return delegate.revoke(a, id); }

    @Override
    public void touch(String id, Instant at) {
      check();
      touches.incrementAndGet();
      delegate.touch(id, at);
    }
  }

  /** Counts hash lookups; its accounts may change under a running service. */
  static final class CountingAccountStore implements AccountStore {
    volatile AccountStore delegate;
    final AtomicInteger hashLookups = new AtomicInteger();

    CountingAccountStore(AccountStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<Account> findByApiTokenHash(byte[] sha256) {
      hashLookups.incrementAndGet();
      return delegate.findByApiTokenHash(sha256);
    }

    @Override public Optional<Account> find(String id) { return delegate.find(id); }
  }

  final TestClock clock = new TestClock();
  final CountingTokenStore tokens = new CountingTokenStore();
  final CountingAccountStore accounts = new CountingAccountStore(demoAccounts());
  final TokenService service = TokenService.builder()
      .tokenStore(tokens)
      .accounts(accounts)
      .clock(clock)
      .allowedScopes(SCOPES)
      .build();

  static InMemoryAccountStore demoAccounts() {
    return InMemoryAccountStore.builder()
        .account("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"))
        .account("other", "other_api_token", Set.of("key_other_index"))
        .build();
  }

  static Permission perm(String scope, Operation op, String... resources) {
    return new Permission(scope, op, Set.of(resources));
  }

  /** A token for demo that may read items on key_demo_index. */
  IssuedToken itemsReader(@org.jspecify.annotations.Nullable Duration expiresIn) {
    return service.admin().create("demo", "items reader",
        List.of(perm("items", Operation.READ, "key_demo_index")), expiresIn).orElseThrow();
  }
}
