package dev.portcullis.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each counter of an {@link AttemptKey} lives after its latest failure, as the policy
 * decides and passes to {@link AttemptLimiter#recordFailure} (a store keeps no policy of its own).
 *
 * @param pair the pair counter's window
 * @param identifier the identifier counter's window
 * @param address the address counter's window
 */
public record AttemptWindows(Duration pair, Duration identifier, Duration address) {
  /**
   * @throws IllegalArgumentException if a window is shorter than one second
   */
  public AttemptWindows {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(address, "address");
    for (Duration d : new Duration[] {pair, identifier, address}) {
      if (d.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("an attempt window must be at least one second: " + d);
      }
    }
  }

  /** The window of {@code scope}. */
  public Duration of(AttemptScope scope) {
    return switch (scope) {
      case PAIR -> pair;
      case IDENTIFIER -> identifier;
      case ADDRESS -> address;
    };
  }
}
