package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.ApplicationRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * {@link ApplicationRegistry} over JDBC, with registration and enable/disable for administration.
 * A disabled key takes effect on every node at the next lookup. Thread-safe.
 */
public final class JdbcApplicationRegistry implements ApplicationRegistry {
  private final Sql sql;
  private final String table;

  JdbcApplicationRegistry(Sql sql) {
    this.sql = sql;
    this.table = sql.table("applications");
  }

  @Override
  public boolean add(Application application) {
    return addIfAbsent(application);
  }

  @Override
  public boolean disable(String apiKey) {
    return setEnabled(apiKey, false);
  }

  @Override
  public boolean enable(String apiKey) {
    return setEnabled(apiKey, true);
  }

  /**
   * Registers an application unless its API key is taken.
   *
   * @return whether it was added
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the database cannot be reached
   */
  public boolean addIfAbsent(Application application) {
    return sql.run("application add", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + table + " (api_key, name, enabled) VALUES (?, ?, ?)")) {
        ps.setString(1, application.apiKey());
        ps.setString(2, application.name());
        ps.setBoolean(3, application.enabled());
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if (Sql.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  /**
   * Enables or disables the application.
   *
   * @return whether it exists
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the database cannot be reached
   */
  public boolean setEnabled(String apiKey, boolean enabled) {
    return sql.run("application enable", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET enabled = ? WHERE api_key = ?")) {
        ps.setBoolean(1, enabled);
        ps.setString(2, apiKey);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public @Nullable Application find(String apiKey) {
    return sql.run("application find", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT api_key, name, enabled FROM " + table + " WHERE api_key = ?")) {
        ps.setString(1, apiKey);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new Application(rs.getString(1), rs.getString(2), rs.getBoolean(3)) : null;
        }
      }
    });
  }
}
