package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@link PublicAppRegistry} over JDBC, with registration for administration. Thread-safe. */
public final class JdbcPublicAppRegistry implements PublicAppRegistry {
  private final Sql sql;
  private final String table;

  JdbcPublicAppRegistry(Sql sql) {
    this.sql = sql;
    this.table = sql.table("public_apps");
  }

  /**
   * Registers an app unless its id is taken.
   *
   * @return whether it was added
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the database cannot be reached
   */
  public boolean addIfAbsent(PublicApp app) {
    return sql.run("public app add", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (app_id, consumer_key) VALUES (?, ?)")) {
        ps.setString(1, app.appId());
        ps.setString(2, app.consumerKey());
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if (Sql.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<PublicApp> find(String appId) {
    if (!PublicApp.isAppId(appId)) {
      return Optional.empty();
    }
    return sql.run("public app find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT consumer_key FROM " + table + " WHERE app_id = ?")) {
        ps.setString(1, appId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new PublicApp(appId, rs.getString(1))) : Optional.<PublicApp>empty();
        }
      }
    });
  }
}
