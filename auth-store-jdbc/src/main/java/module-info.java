/**
 * Portcullis JDBC stores: every durable store of the SPI (API tokens, accounts, applications,
 * Digest HA1, OAuth consumers and tokens, public apps, authorize-page users) and a replay guard,
 * over plain JDBC on PostgreSQL 15+ or H2 2.x, the schema migrated with Flyway.
 *
 * <p>{@code dev.portcullis.store.jdbc.JdbcStores} is the entry point; see docs/public-api.md.
 */
@org.jspecify.annotations.NullMarked
module dev.portcullis.store.jdbc {
  requires static org.jspecify;
  // The stores implement core SPI types and hand out core values.
  requires transitive dev.portcullis.core;
  // DataSource is in our API (JdbcStores.builder takes one).
  requires transitive java.sql;
  // Flyway has no module descriptor: its automatic module name comes from the jar's file name.
  requires flyway.core;

  exports dev.portcullis.store.jdbc;
}
