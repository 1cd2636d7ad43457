package dev.portcullis.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import dev.portcullis.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The accounts, applications and attempt-limiter caches with two "nodes" (two caches over one
 * shared store, joined by one channel or by none): a clean record costs no round trip, and a
 * failure or a disabled key recorded on one node is seen on the other at once with a broadcast and
 * within the TTL without one.
 */
class NodeLocalCountsTest {
  static final AttemptWindows WINDOWS =
      new AttemptWindows(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(90));
  static final AttemptKey ALICE = new AttemptKey("Digest", "alice", "192.0.2.1");
  final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  /** The shared limiter, counting reads; {@code during} runs inside the next read, once. */
  final class SharedLimiter implements AttemptLimiter {
    final InMemoryAttemptLimiter limiter = new InMemoryAttemptLimiter(clock, 1 << 10);
    final AtomicInteger reads = new AtomicInteger();
    @Nullable Runnable during;

    @Override
    public AttemptCounts counts(AttemptKey key) {
      reads.incrementAndGet();
      AttemptCounts c = limiter.counts(key);
      Runnable r = during;
      during = null;
      if (r != null) {
        r.run(); // a failure lands after this read answered, before the caller caches it
      }
      return c;
    }

    @Override
    public AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows) {
      return limiter.recordFailure(key, windows);
    }

    @Override
    public void reset(AttemptKey key, Set<AttemptScope> scopes) {
      limiter.reset(key, scopes);
    }
  }

  ReadCache cache(Invalidations channel, Duration ttl) {
    return ReadCache.builder().clock(clock).ttl(ttl).invalidations(channel).build();
  }

  @Test
  void aCleanRecordIsReadOnceAndAFailureOnAnotherNodeIsSeenAtOnce() {
    SharedLimiter shared = new SharedLimiter();
    Invalidations channel = Invalidations.local();
    AttemptLimiter nodeA = cache(channel, Duration.ofMinutes(10)).attemptLimiter(shared);
    AttemptLimiter nodeB = cache(channel, Duration.ofMinutes(10)).attemptLimiter(shared);
    assertThat(nodeB.counts(ALICE).clean()).isTrue();
    assertThat(nodeB.counts(ALICE).clean()).isTrue();
    assertThat(shared.reads).as("the second clean answer from the cache").hasValue(1);

    nodeA.recordFailure(ALICE, WINDOWS);
    assertThat(nodeB.counts(ALICE).pair().failures()).isEqualTo(1);
    assertThat(nodeB.counts(ALICE).pair().failures()).as("a record with failures is read every time").isEqualTo(1);
    assertThat(shared.reads).hasValue(3);
  }

  @Test
  void aFailureDropsTheIdentifierAndTheAddressForEveryPairOnEveryNode() {
    SharedLimiter shared = new SharedLimiter();
    Invalidations channel = Invalidations.local();
    AttemptLimiter nodeA = cache(channel, Duration.ofMinutes(10)).attemptLimiter(shared);
    AttemptLimiter nodeB = cache(channel, Duration.ofMinutes(10)).attemptLimiter(shared);
    AttemptKey aliceElsewhere = new AttemptKey("Digest", "alice", "198.51.100.7");
    AttemptKey bobSameAddress = new AttemptKey("Digest", "bob", "192.0.2.1");
    AttemptKey noName = new AttemptKey("Digest", null, "192.0.2.1");
    for (AttemptKey k : new AttemptKey[] {aliceElsewhere, bobSameAddress, noName}) {
      assertThat(nodeB.counts(k).clean()).isTrue();
    }
    nodeA.recordFailure(ALICE, WINDOWS);
    assertThat(nodeB.counts(aliceElsewhere).identifier().failures()).as("alice's identifier").isEqualTo(1);
    assertThat(nodeB.counts(bobSameAddress).address().failures()).as("the address").isEqualTo(1);
    assertThat(nodeB.counts(noName).address().failures()).isEqualTo(1);
    assertThat(nodeB.counts(new AttemptKey("login", "alice", "192.0.2.1")).clean())
        .as("another realm is another record").isTrue();
  }

  @Test
  void withoutABroadcastAFailureElsewhereIsSeenWithinTheTtlAndAnOwnFailureAtOnce() {
    SharedLimiter shared = new SharedLimiter();
    AttemptLimiter nodeA = cache(Invalidations.local(), Duration.ofSeconds(1)).attemptLimiter(shared);
    AttemptLimiter nodeB = cache(Invalidations.local(), Duration.ofSeconds(1)).attemptLimiter(shared);
    assertThat(nodeB.counts(ALICE).clean()).isTrue();
    nodeA.recordFailure(ALICE, WINDOWS);
    assertThat(nodeB.counts(ALICE).clean()).as("stale within the ttl: no channel").isTrue();
    clock.advance(Duration.ofMillis(1001));
    assertThat(nodeB.counts(ALICE).pair().failures()).isEqualTo(1);

    AttemptKey bob = new AttemptKey("Digest", "bob", "192.0.2.2");
    assertThat(nodeB.counts(bob).clean()).isTrue();
    nodeB.recordFailure(bob, WINDOWS);
    assertThat(nodeB.counts(bob).pair().failures()).as("its own failure drops its entry").isEqualTo(1);
  }

  @Test
  void aCleanReadThatAFailureOvertookIsNotKept() {
    SharedLimiter shared = new SharedLimiter();
    Invalidations channel = Invalidations.local();
    AttemptLimiter nodeA = cache(channel, Duration.ofMinutes(10)).attemptLimiter(shared);
    AttemptLimiter nodeB = cache(channel, Duration.ofMinutes(10)).attemptLimiter(shared);
    shared.during = () -> nodeA.recordFailure(ALICE, WINDOWS);
    assertThat(nodeB.counts(ALICE).clean()).as("answered before the failure landed").isTrue();
    assertThat(nodeB.counts(ALICE).pair().failures()).as("but not cached").isEqualTo(1);
  }

  @Test
  void lostMessagesDropEveryCleanRecord() {
    SharedLimiter shared = new SharedLimiter();
    Invalidations channel = Invalidations.local();
    AttemptLimiter node = cache(channel, Duration.ofMinutes(10)).attemptLimiter(shared);
    node.counts(ALICE);
    shared.limiter.recordFailure(ALICE, WINDOWS); // straight in the store: no message
    channel.publish(Invalidation.all());
    assertThat(node.counts(ALICE).pair().failures()).isEqualTo(1);
  }

  @Test
  void attemptMessagesRoundTripWithAnIdentifierTheClientChose() {
    AttemptKey odd = new AttemptKey("Basic", "a\nb:c", "2001:db8::1");
    assertThat(CachingAttemptLimiter.decode(CachingAttemptLimiter.encode(odd))).isEqualTo(odd);
    assertThat(CachingAttemptLimiter.decode(CachingAttemptLimiter.encode(new AttemptKey("Basic", null, "192.0.2.1"))))
        .isEqualTo(new AttemptKey("Basic", null, "192.0.2.1"));
    assertThat(CachingAttemptLimiter.decode("no separator")).isNull();
    Invalidation m = new Invalidation(Invalidation.Kind.ATTEMPT_FAILED, CachingAttemptLimiter.encode(odd));
    assertThat(Invalidation.decode(m.encode())).isEqualTo(m);
  }

  @Test
  void aKeyDisabledOnOneNodeIsDisabledOnTheOtherAtOnce() {
    InMemoryApplicationRegistry shared = new InMemoryApplicationRegistry();
    shared.add(new Application("key-1", "app", true));
    Invalidations channel = Invalidations.local();
    ApplicationRegistry nodeA = cache(channel, Duration.ofMinutes(10)).applications(shared);
    ApplicationRegistry nodeB = cache(channel, Duration.ofMinutes(10)).applications(shared);
    assertThat(nodeB.find("key-1").enabled()).isTrue();
    assertThat(nodeA.disable("key-1")).isTrue();
    assertThat(nodeB.find("key-1").enabled()).isFalse();
    assertThat(nodeA.enable("key-1")).isTrue();
    assertThat(nodeB.find("key-1").enabled()).isTrue();
  }

  @Test
  void accountsAreReadOnceByIdAndByTokenHashAndDroppedByTheirMessage() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    InMemoryAccountStore inner = InMemoryAccountStore.builder().account("acct", "legacy-token", Set.of("k1")).build();
    AccountStore counting = new AccountStore() {
      @Override
      public Optional<Account> findByApiTokenHash(byte[] sha256) {
        reads.incrementAndGet();
        return inner.findByApiTokenHash(sha256);
      }

      @Override
      public Optional<Account> find(String accountId) {
        reads.incrementAndGet();
        return inner.find(accountId);
      }
    };
    Invalidations channel = Invalidations.local();
    AccountStore accounts = cache(channel, Duration.ofMinutes(10)).accounts(counting);
    byte[] hash = MessageDigest.getInstance("SHA-256").digest("legacy-token".getBytes(StandardCharsets.UTF_8));
    assertThat(accounts.find("acct")).isPresent();
    assertThat(accounts.find("acct")).isPresent();
    byte[] given = hash.clone();
    assertThat(accounts.findByApiTokenHash(given)).get().extracting(Account::id).isEqualTo("acct");
    given[0] ^= 1; // the caller's array is copied, not kept as the key
    assertThat(accounts.findByApiTokenHash(hash)).isPresent();
    assertThat(reads).as("one read per key").hasValue(2);
    channel.publish(new Invalidation(Invalidation.Kind.ACCOUNT, "acct"));
    accounts.find("acct");
    accounts.findByApiTokenHash(hash);
    assertThat(reads).as("both dropped by the account's message").hasValue(4);
    assertThat(accounts.find("nobody")).isEmpty();
    assertThat(accounts.find("nobody")).isEmpty();
    assertThat(reads).as("not found is not cached by default").hasValue(6);
  }
}
