package dev.portcullis.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.core.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A database that answers with an error (here: a table gone) fails closed like one that cannot be
 * reached, and what travels up names the SQLState, never the values of the statement.
 */
class SqlFailureTest {

  @Test
  void aBrokenSchemaIsUnavailableAndTheExceptionCarriesNoStatementValue() throws Exception {
    DataSource ds = TestDatabases.h2();
    JdbcStores stores = JdbcStores.builder(ds).build();
    stores.migrate();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE portcullis_api_tokens");
    }
    StoreUnavailableException e = catchThrowableOfType(StoreUnavailableException.class,
        () -> stores.apiTokens().find("pct_SECRETID_value"));
    assertThat(e).hasMessageContaining("SQLState 42").hasMessageNotContaining("SECRETID");
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("SECRETID").doesNotContain("SELECT");
    }
    assertThat(stores.replayGuard().firstUse("k", java.time.Duration.ofMinutes(1)))
        .as("the other tables still answer").isTrue();
  }

  @Test
  void aDuplicateIsAnAnswerNotAnOutage() {
    JdbcStores stores = TestDatabases.h2Stores(Clock.systemUTC());
    assertThat(stores.replayGuard().firstUse("k", java.time.Duration.ofMinutes(1))).isTrue();
    assertThat(stores.replayGuard().firstUse("k", java.time.Duration.ofMinutes(1))).isFalse();
    assertThat(stores.migrate()).as("a second migrate finds nothing to do").isZero();
  }
}
