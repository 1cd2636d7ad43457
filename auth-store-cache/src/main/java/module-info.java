/**
 * Portcullis node-local read cache: bounded, short-lived Caffeine caches in front of the API token,
 * account, Digest credential, application, OAuth consumer and access-token lookups and of the
 * attempt limiter's clean answers, dropped at once when a change arrives through an
 * {@link dev.portcullis.store.cache.Invalidations} channel (Redis pub/sub in auth-store-redis; a
 * JDBC-only deployment relies on the short TTL alone).
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.store.cache {
  requires static org.jspecify;
  requires transitive dev.portcullis.core;
  requires com.github.benmanes.caffeine;

  exports dev.portcullis.store.cache;
}
