/**
 * Portcullis Redis stores (Lettuce): the replay guard and Digest nc window, single-use OAuth request
 * tokens, attempt counters, and the revocation broadcast that keeps every node's read cache honest.
 * Every operation fails closed with {@link dev.portcullis.core.spi.StoreUnavailableException} when
 * Redis cannot be reached within the command timeout.
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.store.redis {
  requires static org.jspecify;
  requires transitive dev.portcullis.core;
  requires transitive dev.portcullis.store.cache;
  requires lettuce.core;

  exports dev.portcullis.store.redis;
}
