package dev.portcullis.core.spi;

import java.util.Objects;

/**
 * The live failure counters of one {@link AttemptKey}, as an {@link AttemptLimiter} read them in
 * one call. A counter that expired, or was never written, is {@link Counter#NONE}; so are the pair
 * and identifier counters of a key without identifier.
 *
 * @param pair failures of the identifier from this address
 * @param identifier failures of the identifier from any address
 * @param address failures from this address under any identifier
 */
public record AttemptCounts(Counter pair, Counter identifier, Counter address) {
  /** No failure on record anywhere: what almost every request sees. */
  public static final AttemptCounts NONE = new AttemptCounts(Counter.NONE, Counter.NONE, Counter.NONE);

  public AttemptCounts {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(address, "address");
  }

  /** The counter of {@code scope}. */
  public Counter of(AttemptScope scope) {
    return switch (scope) {
      case PAIR -> pair;
      case IDENTIFIER -> identifier;
      case ADDRESS -> address;
    };
  }

  /** Whether no counter holds a failure. */
  public boolean clean() {
    return pair.failures == 0 && identifier.failures == 0 && address.failures == 0;
  }

  /**
   * One counter.
   *
   * @param failures failures recorded since the counter last started, 0 when none
   * @param expiresAtMillis when the counter expires (epoch milliseconds): each failure sets it to
   *     {@code now + window}, so it is the time of the last failure plus the window; 0 when none
   */
  public record Counter(int failures, long expiresAtMillis) {
    /** No failure. */
    public static final Counter NONE = new Counter(0, 0);

    public Counter {
      if (failures < 0) {
        throw new IllegalArgumentException("failures must not be negative");
      }
    }
  }
}
