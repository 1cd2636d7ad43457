package dev.portcullis.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stores that have no contract kit (accounts, applications, public apps, users) and the parts
 * the kits do not reach (sealed secrets, RSA keys, callbacks), on H2 and on PostgreSQL.
 */
class ProvisioningStoresTest {

  static Stream<String> databases() {
    return Stream.of("h2", "postgres");
  }

  private static JdbcStores stores(String db) {
    return db.equals("h2") ? TestDatabases.h2Stores(Clock.systemUTC()) : TestDatabases.postgresStores(Clock.systemUTC());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void accountsAreFoundByIdAndByTheirTokenHashOnly(String db) {
    JdbcAccountStore accounts = stores(db).accounts();
    assertThat(accounts.addIfAbsent(new Account("demo", Set.of("k1", "k2")), InMemoryAccountStore.sha256("tok"))).isTrue();
    assertThat(accounts.addIfAbsent(new Account("demo", Set.of()), InMemoryAccountStore.sha256("other"))).isFalse();
    assertThat(accounts.addIfAbsent(new Account("else", Set.of()), InMemoryAccountStore.sha256("tok")))
        .as("a token hash names one account").isFalse();
    assertThat(accounts.find("demo").orElseThrow().apiKeys()).containsExactlyInAnyOrder("k1", "k2");
    assertThat(accounts.findByApiTokenHash(InMemoryAccountStore.sha256("tok")).orElseThrow().id()).isEqualTo("demo");
    assertThat(accounts.findByApiTokenHash(InMemoryAccountStore.sha256("tok2"))).isEmpty();
    assertThat(accounts.find("else")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void applicationsCanBeDisabledAndStayListed(String db) {
    JdbcApplicationRegistry apps = stores(db).applications();
    assertThat(apps.addIfAbsent(new Application("k1", "Demo", true))).isTrue();
    assertThat(apps.addIfAbsent(new Application("k1", "Again", true))).isFalse();
    assertThat(apps.setEnabled("k1", false)).isTrue();
    assertThat(apps.find("k1")).isEqualTo(new Application("k1", "Demo", false));
    assertThat(apps.find("nope")).isNull();
    assertThat(apps.setEnabled("nope", true)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void publicAppsAndUsers(String db) {
    JdbcStores s = stores(db);
    assertThat(s.publicApps().addIfAbsent(new PublicApp("bec40eec", "ck"))).isTrue();
    assertThat(s.publicApps().addIfAbsent(new PublicApp("bec40eec", "other"))).isFalse();
    assertThat(s.publicApps().find("bec40eec").orElseThrow().consumerKey()).isEqualTo("ck");
    assertThat(s.publicApps().find("00000000")).isEmpty();
    assertThat(s.publicApps().find("not-an-id")).isEmpty();

    assertThat(s.users().addIfAbsent("jane", "user-1", "pw".toCharArray())).isTrue();
    assertThat(s.users().addIfAbsent("jane", "user-2", "pw2".toCharArray())).isFalse();
    assertThat(s.users().authenticate("jane", "pw".toCharArray())).contains("user-1");
    assertThat(s.users().authenticate("jane", "wrong".toCharArray())).isEmpty();
    assertThat(s.users().authenticate("bob", "pw".toCharArray())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void clientChosenValuesAtTheCoresLimitsFitTheColumns(String db) {
    JdbcStores s = stores(db);
    String longNonce = "n".repeat(10_000);
    assertThat(s.replayGuard().firstUse(longNonce, java.time.Duration.ofMinutes(1))).isTrue();
    assertThat(s.replayGuard().firstUse(longNonce, java.time.Duration.ofMinutes(1))).isFalse();
    assertThat(s.replayGuard().firstCount(longNonce, 1, 4, java.time.Duration.ofMinutes(1))).isTrue();
    // OAuthProvider accepts an oauth_callback of up to 2048 characters
    String callback = "http://localhost/" + "c".repeat(2031);
    java.time.Instant now = java.time.Instant.now();
    assertThat(s.oauthTokens().save(dev.portcullis.core.spi.oauth1.OAuthToken.request("rt", ProtectedSecret.plain("s"),
        "ck", callback, now, now.plusSeconds(60)))).isTrue();
    assertThat(s.oauthTokens().find("rt").callback()).isEqualTo(callback);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void consumerSecretsStaySealedAndRsaKeysAndCallbacksSurvive(String db) throws Exception {
    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(256);
    SecretProtector protector = SecretProtector.aesGcm(aes.generateKey());
    JdbcStores s = db.equals("h2")
        ? JdbcStores.builder(TestDatabases.h2()).secretProtector(protector).build()
        : JdbcStores.builder(TestDatabases.postgres()).secretProtector(protector).tablePrefix("sealed_" + System.nanoTime() % 100000 + "_").build();
    s.migrate();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    PublicKey pub = rsa.generateKeyPair().getPublic();
    Consumer c = Consumer.builder("ck", ProtectedSecret.seal("consumer-secret", protector))
        .rsaKey(pub).callbacks(List.of("http://localhost:*", "oob")).displayName("App").enabled(false).build();
    s.consumers().save(c);
    Consumer back = s.consumers().find("ck");
    assertThat(back.secret().revealString()).isEqualTo("consumer-secret");
    assertThat(back.secret().sealed()).as("stored sealed, not as plaintext")
        .isNotEqualTo("consumer-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(back.rsaKey()).isEqualTo(pub);
    assertThat(back.methods()).isEqualTo(c.methods());
    assertThat(back.callbacks()).containsExactly("http://localhost:*", "oob");
    assertThat(back.enabled()).isFalse();
    assertThat(back.displayName()).isEqualTo("App");
  }
}
