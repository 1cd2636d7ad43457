package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.SignatureMethod;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.GeneralSecurityException;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link ConsumerStore} over JDBC. Secrets are stored as the {@link SecretProtector} sealed them,
 * RSA keys as X.509 DER. {@link #addIfAbsent} is one INSERT that the primary key makes atomic
 * across nodes; {@link #save} deletes and inserts in one transaction; {@link #purgeExpired} is one
 * DELETE of the consumers whose expiry has passed (register the store with a
 * {@code StoreMaintenance}). Thread-safe.
 */
public final class JdbcConsumerStore implements ConsumerStore {
  private static final String COLUMNS = "consumer_key, secret, rsa_key, methods, callbacks, display_name, enabled, expires_at";

  private final Sql sql;
  private final SecretProtector protector;
  private final String table;

  JdbcConsumerStore(Sql sql, SecretProtector protector) {
    this.sql = sql;
    this.protector = protector;
    this.table = sql.table("consumers");
  }

  @Override
  public @Nullable Consumer find(String key) {
    return sql.run("consumer find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE consumer_key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? read(rs) : null;
        }
      }
    });
  }

  @Override
  public void save(Consumer consumer) {
    sql.inTransaction("consumer save", c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE consumer_key = ?")) {
        del.setString(1, consumer.key());
        del.executeUpdate();
      }
      insert(c, consumer);
      return null;
    });
  }

  @Override
  public boolean addIfAbsent(Consumer consumer) {
    return sql.run("consumer add", c -> {
      try {
        insert(c, consumer);
        return true;
      } catch (SQLException e) {
        if (Sql.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public boolean remove(String key) {
    return sql.run("consumer remove", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE consumer_key = ?")) {
        ps.setString(1, key);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public int purgeExpired(java.time.Instant now) {
    return sql.run("consumer purge", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
          + " WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
        ps.setLong(1, now.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private void insert(Connection c, Consumer consumer) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, consumer.key());
      ps.setBytes(2, consumer.secret().resealed().sealed());
      PublicKey rsa = consumer.rsaKey();
      ps.setBytes(3, rsa == null ? null : rsa.getEncoded());
      List<String> methods = new ArrayList<>();
      for (SignatureMethod m : consumer.methods()) {
        methods.add(m.name());
      }
      ps.setString(4, String.join(" ", methods));
      // Callback patterns are URLs or "oob": a newline cannot occur in one.
      ps.setString(5, String.join("\n", consumer.callbacks()));
      ps.setString(6, consumer.displayName());
      ps.setBoolean(7, consumer.enabled());
      Sql.setInstant(ps, 8, consumer.expiresAt());
      ps.executeUpdate();
    }
  }

  private Consumer read(ResultSet rs) throws SQLException {
    Set<SignatureMethod> methods = EnumSet.noneOf(SignatureMethod.class);
    for (String m : rs.getString("methods").split(" ")) {
      if (!m.isEmpty()) {
        methods.add(SignatureMethod.valueOf(m));
      }
    }
    String callbacks = rs.getString("callbacks");
    byte[] rsa = rs.getBytes("rsa_key");
    return new Consumer(rs.getString("consumer_key"),
        ProtectedSecret.ofSealed(rs.getBytes("secret"), protector),
        rsa == null ? null : rsaKey(rsa), methods,
        callbacks.isEmpty() ? List.of() : List.of(callbacks.split("\n")),
        rs.getString("display_name"), rs.getBoolean("enabled"), Sql.getInstant(rs, "expires_at"));
  }

  private static PublicKey rsaKey(byte[] der) throws SQLException {
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      // a row this store did not write: the store answers nonsense, which fails closed
      throw new SQLException("stored RSA key is not an X.509 RSA public key", "22000");
    }
  }
}
