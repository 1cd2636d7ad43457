package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.oauth1.PublicApp;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CredentialOwners} over JDBC: who owns which API key and OAuth application, shared by every
 * node on the database and kept across restarts.
 *
 * <p>Each claim is a single INSERT (auto-commit); the primary key on the API key, the primary key on
 * the consumer key and the unique App ID make the database refuse a taken claim as a unique
 * violation, which is answered {@code false} with nothing written, so racing claims on any number of
 * nodes have exactly one winner and no claim is ever half recorded. Accounts, API keys and consumer
 * keys are at most {@value #MAX_LENGTH} characters (the columns' width); a longer one is refused
 * with {@link IllegalArgumentException} before the database is asked, rather than answered as an
 * outage. Any other SQL failure is a {@link dev.portcullis.core.spi.StoreUnavailableException}.
 * Thread-safe (stateless apart from its configuration).
 */
public final class JdbcCredentialOwners implements CredentialOwners {
  /** The longest account, API key or consumer key the tables hold. */
  public static final int MAX_LENGTH = 200;

  private final Sql sql;
  private final String keys;
  private final String consumers;

  JdbcCredentialOwners(Sql sql) {
    this.sql = sql;
    this.keys = sql.table("api_key_owners");
    this.consumers = sql.table("consumer_owners");
  }

  @Override
  public Set<String> apiKeys(String account) {
    return sql.run("api key owners list", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT api_key FROM " + keys + " WHERE account = ?")) {
        ps.setString(1, account);
        Set<String> out = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return Set.copyOf(out);
      }
    });
  }

  @Override
  public boolean claimApiKey(String account, String apiKey) {
    checkLength(account, "account");
    checkLength(apiKey, "apiKey");
    return sql.run("api key claim", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + keys + " (api_key, account) VALUES (?, ?)")) {
        ps.setString(1, apiKey);
        ps.setString(2, account);
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
  public List<String> consumers(String account) {
    return sql.run("consumer owners list", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT consumer_key FROM " + consumers + " WHERE account = ? ORDER BY claim_order")) {
        ps.setString(1, account);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
        return List.copyOf(out);
      }
    });
  }

  @Override
  public boolean claimConsumer(String account, String consumerKey, String appId) {
    checkLength(account, "account");
    checkLength(consumerKey, "consumerKey");
    if (!PublicApp.isAppId(appId)) {
      throw new IllegalArgumentException("not an App ID (8 lower-case hex digits)");
    }
    return sql.run("consumer claim", c -> {
      // one statement: the consumer's primary key and the App ID's unique constraint decide together
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + consumers + " (consumer_key, account, app_id) VALUES (?, ?, ?)")) {
        ps.setString(1, consumerKey);
        ps.setString(2, account);
        ps.setString(3, appId);
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
  public Optional<String> appIdOf(String consumerKey) {
    return sql.run("consumer app id", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT app_id FROM " + consumers + " WHERE consumer_key = ?")) {
        ps.setString(1, consumerKey);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  @Override
  public Optional<PublicApp> find(String appId) {
    // the id comes from a URL: anything that is not one is no app, without a query
    if (!PublicApp.isAppId(appId)) {
      return Optional.empty();
    }
    return sql.run("consumer by app id", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT consumer_key FROM " + consumers + " WHERE app_id = ?")) {
        ps.setString(1, appId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new PublicApp(appId, rs.getString(1))) : Optional.<PublicApp>empty();
        }
      }
    });
  }

  private static void checkLength(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_LENGTH + " characters");
    }
  }

  @Override
  public String toString() {
    return "JdbcCredentialOwners[" + keys + ", " + consumers + "]";
  }
}
