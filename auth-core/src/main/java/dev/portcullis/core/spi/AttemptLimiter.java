package dev.portcullis.core.spi;

import java.util.Set;

/**
 * Counts failed authentication attempts per {@link AttemptKey}, in three counters with expiry
 * windows: the pair (identifier and address), the identifier alone and the address alone. It only
 * counts: the policy (how many failures block, for how long, what a success resets) lives in
 * {@code dev.portcullis.core.AttemptPolicy}, which the {@link dev.portcullis.core.Gate} consults
 * before verifying any credential, so Redis and JDBC stores implement counters and nothing else.
 *
 * <pre>{@code
 * AttemptKey key = new AttemptKey("Digest", "alice", "203.0.113.7");
 * AttemptCounts c = limiter.counts(key);               // one round trip, before verifying
 * // ... credentials refused:
 * limiter.recordFailure(key, policy.windows());        // one atomic round trip
 * // ... or credentials accepted after earlier failures:
 * limiter.reset(key, EnumSet.of(AttemptScope.PAIR));   // one round trip
 * }</pre>
 *
 * <p><b>Contract.</b> Implementations must be thread-safe.
 * <ul>
 *   <li><b>One round trip per call.</b> {@link #counts} reads all three counters of a key in one
 *       call (one network round trip for Redis or JDBC: an {@code MGET} with {@code PTTL}s, one
 *       {@code SELECT}); {@link #recordFailure} increments every counter of the key and sets each
 *       one's expiry in one atomic call (a Lua script or {@code MULTI}, one upsert statement);
 *       {@link #reset} clears the named counters in one call.
 *   <li><b>No lost increment.</b> Of {@code n} racing {@link #recordFailure} calls on a fresh key,
 *       none is lost: every counter then reads at least {@code n}. A store may over-count (the
 *       in-memory one does, when two keys share a hash cell) but must never under-count a live
 *       counter, since that would hand an attacker free guesses.
 *   <li><b>Expiry by window.</b> {@link #recordFailure} sets each counter's expiry to
 *       {@code now + window} of its scope; once that passes, the counter reads
 *       {@link AttemptCounts.Counter#NONE} and the next failure starts it again at 1. The store
 *       expires counters itself (a Redis {@code PX}, a JDBC sweep, or lazily on read as the
 *       in-memory one does), never with a sweep on the caller's request thread.
 *   <li><b>Bounded.</b> A flood of distinct keys must not grow the store without limit, nor evict or
 *       reset another key's live counters (which would let an attacker wipe his own record by
 *       flooding). Shared stores are bounded by their windows; the in-memory one by a fixed table.
 *   <li><b>Keys without identifier.</b> For {@code identifier == null} only the address counter is
 *       read, written or reset; the other two read {@link AttemptCounts.Counter#NONE}.
 *   <li><b>Fail closed.</b> A store that cannot reach its storage throws
 *       {@link StoreUnavailableException} (the gate answers 503); it never answers "no failures",
 *       which would switch throttling off exactly when an attacker floods the store.
 *   <li>Keys hold no secret; implementations must not log them at a level above debug.
 * </ul>
 *
 * <p>The in-memory default is {@link dev.portcullis.core.memory.InMemoryAttemptLimiter}. The
 * test-support module's {@code AttemptLimiterContract} checks an implementation against this.
 */
public interface AttemptLimiter {

  /**
   * Reads the live counters of {@code key}.
   *
   * @return the counters; {@link AttemptCounts#NONE} (or an equal value) when none holds a failure
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  AttemptCounts counts(AttemptKey key);

  /**
   * Records one failure: increments every counter of {@code key} (only the address counter when
   * the key has no identifier) and sets each one's expiry to now plus its window, atomically.
   *
   * @return the counters after the increment
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows);

  /**
   * Clears the counters of {@code key} named by {@code scopes} (after a success, as the policy
   * says; usually the pair only).
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  void reset(AttemptKey key, Set<AttemptScope> scopes);
}
