package dev.portcullis.core.spi;

/** One of the three failure counters an {@link AttemptKey} has in an {@link AttemptLimiter}. */
public enum AttemptScope {
  /** The identifier from this address: the counter a guesser of one account's secret fills. */
  PAIR,
  /** The identifier from any address: a distributed guesser of one account. */
  IDENTIFIER,
  /** The address across identifiers: one client spraying many accounts. */
  ADDRESS
}
