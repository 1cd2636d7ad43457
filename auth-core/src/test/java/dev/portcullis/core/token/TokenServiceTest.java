package dev.portcullis.core.token;

import static dev.portcullis.core.token.TokenFixture.perm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.spi.ApiTokenRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
  private final TokenFixture f = new TokenFixture();
  private final TokenVerifier verifier = f.service.verifier();
  private final TokenAdmin admin = f.service.admin();

  private static Identity identity(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Authenticated.class);
    return ((Outcome.Authenticated) o).identity();
  }

  private static Reason reason(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected) o).reason();
  }

  @Test
  void createReturnsTheSecretOnceAndStoresOnlyItsHash() throws Exception {
    IssuedToken t = f.itemsReader(Duration.ofDays(30));
    assertThat(t.secret()).startsWith("pct_" + t.info().id() + "_");
    assertThat(t.info().account()).isEqualTo("demo");
    assertThat(t.info().name()).isEqualTo("items reader");
    assertThat(t.info().createdAt()).isEqualTo(TokenFixture.T0);
    assertThat(t.info().expiresAt()).isEqualTo(TokenFixture.T0.plus(Duration.ofDays(30)));
    assertThat(t.info().lastUsedAt()).isNull();
    assertThat(t.info().revoked()).isFalse();

    ApiTokenRecord stored = f.tokens.delegate.find(t.info().id()).orElseThrow();
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(t.secret().getBytes(StandardCharsets.UTF_8));
    assertThat(stored.hash()).isEqualTo(expected);
    assertThat(stored.hashMatches(expected)).isTrue();
    assertThat(stored.toString()).doesNotContain(t.secret()).doesNotContain(Arrays.toString(expected));
  }

  @Test
  void secretIsInNoToString() {
    IssuedToken t = f.itemsReader(null);
    assertThat(t.toString()).doesNotContain(t.secret()).contains("redacted").contains(t.info().id());
    assertThat(t.info().toString()).doesNotContain(t.secret());
    assertThat(admin.list("demo").toString()).doesNotContain(t.secret());
    assertThat(identity(verifier.verify(t.secret(), "Bearer")).toString()).doesNotContain(t.secret());
  }

  @Test
  void scopedTokenDoesExactlyWhatItsPermissionsSay() {
    IssuedToken t = f.itemsReader(null);
    Identity id = identity(verifier.verify(t.secret(), "Bearer"));
    assertThat(id.subject()).isEqualTo("demo");
    assertThat(id.account()).isEqualTo("demo");
    assertThat(id.application()).isNull();
    assertThat(id.scheme()).isEqualTo("Bearer");
    assertThat(id.attributes()).containsEntry("token_id", t.info().id()).containsEntry("token_kind", "scoped");
    assertThat(id.grants().permissions()).containsExactly(perm("items", Operation.READ, "key_demo_index"));
    assertThat(id.grants().allows("items", Operation.READ, "key_demo_index")).isTrue();
    assertThat(id.grants().allows("items", Operation.WRITE, "key_demo_index")).isFalse();
    assertThat(id.grants().allows("items", Operation.READ, "key_demo_staging")).isFalse();
    assertThat(id.grants().allows("tokens", Operation.READ, null)).isFalse();
    assertThat(id.hasRole("account")).isFalse();
  }

  @Test
  void accountTokenMayDoAnythingOnItsOwnKeysAndManageTokens() {
    Identity id = identity(verifier.verify("demo_api_token", "Basic"));
    assertThat(id.subject()).isEqualTo("demo");
    assertThat(id.account()).isEqualTo("demo");
    assertThat(id.scheme()).isEqualTo("Basic");
    assertThat(id.hasRole("account")).isTrue();
    assertThat(id.grants().allows("items", Operation.READ_WRITE, "key_demo_index")).isTrue();
    assertThat(id.grants().allows("redirects", Operation.WRITE, "key_demo_staging")).isTrue();
    assertThat(id.grants().allows("items", Operation.READ, "key_other_index")).isFalse();
    assertThat(id.grants().allows("items", Operation.READ, null)).isFalse();
    assertThat(id.grants().allows("tokens", Operation.READ_WRITE, null)).isTrue();
    assertThat(id.grants().permissions()).containsExactly(
        new Permission("*", Operation.READ_WRITE, Set.of("key_demo_index", "key_demo_staging")),
        new Permission("tokens", Operation.READ_WRITE, Set.of("*")));
    assertThat(identity(verifier.verify("other_api_token", "Bearer")).account()).isEqualTo("other");
  }

  @Test
  void unknownTokensOfBothKindsAreRefused() {
    assertThat(reason(verifier.verify("not_a_token", "Basic"))).isEqualTo(Reason.TOKEN_UNKNOWN);
    assertThat(reason(verifier.verify("Demo_api_token", "Basic"))).isEqualTo(Reason.TOKEN_UNKNOWN);
    // A well-formed generated token that was never issued: right shape and checksum, unknown id.
    TokenFormat format = new TokenFormat("pct_");
    java.security.SecureRandom r = new java.security.SecureRandom();
    String forged = format.newToken(r, format.newId(r));
    assertThat(reason(verifier.verify(forged, "Bearer"))).isEqualTo(Reason.TOKEN_UNKNOWN);
  }

  @Test
  void knownIdWithAnotherSecretIsUnknown() {
    IssuedToken t = f.itemsReader(null);
    TokenFormat format = new TokenFormat("pct_");
    String sameId = format.newToken(new java.security.SecureRandom(), t.info().id());
    assertThat(format.idOf(sameId)).isEqualTo(t.info().id());
    assertThat(reason(verifier.verify(sameId, "Bearer"))).isEqualTo(Reason.TOKEN_UNKNOWN);
  }

  @Test
  void malformedGeneratedTokenIsRefusedWithoutAStoreLookup() {
    IssuedToken t = f.itemsReader(null);
    String s = t.secret();
    char last = s.charAt(s.length() - 1);
    String typo = s.substring(0, s.length() - 1) + (last == 'x' ? 'y' : 'x');
    int before = f.tokens.finds.get();
    int hashLookups = f.accounts.hashLookups.get();
    assertThat(reason(verifier.verify(typo, "Bearer"))).isEqualTo(Reason.TOKEN_MALFORMED);
    assertThat(reason(verifier.verify("pct_short", "Bearer"))).isEqualTo(Reason.TOKEN_MALFORMED);
    assertThat(reason(verifier.verify(s + "0", "Bearer"))).isEqualTo(Reason.TOKEN_MALFORMED);
    assertThat(f.tokens.finds.get()).isEqualTo(before);
    assertThat(f.accounts.hashLookups.get()).isEqualTo(hashLookups);
  }

  @Test
  void emptyAndHugeTokensAreMalformedWithoutLookup() {
    assertThat(reason(verifier.verify("", "Basic"))).isEqualTo(Reason.TOKEN_MALFORMED);
    assertThat(reason(verifier.verify("a".repeat(TokenVerifier.MAX_PRESENTED_LENGTH + 1), "Basic")))
        .isEqualTo(Reason.TOKEN_MALFORMED);
    assertThat(f.accounts.hashLookups.get()).isZero();
    assertThat(f.tokens.finds.get()).isZero();
  }

  @Test
  void expiresExactlyAtItsExpiry() {
    IssuedToken t = f.itemsReader(Duration.ofHours(1));
    f.clock.advance(Duration.ofHours(1).minusSeconds(1));
    assertThat(verifier.verify(t.secret(), "Bearer")).isInstanceOf(Outcome.Authenticated.class);
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(reason(verifier.verify(t.secret(), "Bearer"))).isEqualTo(Reason.TOKEN_EXPIRED);
    assertThat(admin.list("demo").get(0).expiredAt(f.clock.instant())).isTrue();
  }

  @Test
  void revokedTokenIsRefusedAndRevokeIsPerAccount() {
    IssuedToken t = f.itemsReader(null);
    assertThat(admin.revoke("other", t.info().id())).isFalse();
    assertThat(verifier.verify(t.secret(), "Bearer")).isInstanceOf(Outcome.Authenticated.class);
    assertThat(admin.revoke("demo", t.info().id())).isTrue();
    assertThat(admin.revoke("demo", t.info().id())).isFalse();
    assertThat(admin.revoke("demo", "nosuchid")).isFalse();
    assertThat(reason(verifier.verify(t.secret(), "Bearer"))).isEqualTo(Reason.TOKEN_REVOKED);
    assertThat(admin.list("demo")).singleElement().satisfies(i -> assertThat(i.revoked()).isTrue());
  }

  @Test
  void revokedWinsOverExpired() {
    IssuedToken t = f.itemsReader(Duration.ofMinutes(1));
    admin.revoke("demo", t.info().id());
    f.clock.advance(Duration.ofHours(1));
    assertThat(reason(verifier.verify(t.secret(), "Bearer"))).isEqualTo(Reason.TOKEN_REVOKED);
  }

  @Test
  void listShowsOnlyTheAccountsTokensOldestFirst() {
    IssuedToken a = f.itemsReader(null);
    f.clock.advance(Duration.ofSeconds(1));
    IssuedToken b = admin.create("demo", "facets", List.of(perm("facets", Operation.READ_WRITE, "key_demo_staging")), null).orElseThrow();
    IssuedToken o = admin.create("other", "theirs", List.of(perm("items", Operation.READ, "key_other_index")), null).orElseThrow();
    assertThat(admin.list("demo")).containsExactly(a.info(), b.info());
    assertThat(admin.list("other")).containsExactly(o.info());
    assertThat(admin.list("nobody")).isEmpty();
    assertThat(admin.find("demo", a.info().id())).contains(a.info());
    assertThat(admin.find("other", a.info().id())).isEmpty();
  }

  @Test
  void lastUsedIsWrittenAtMostOncePerGranularity() {
    IssuedToken t = f.itemsReader(null);
    verifier.verify(t.secret(), "Bearer");
    assertThat(admin.list("demo").get(0).lastUsedAt()).isEqualTo(TokenFixture.T0);
    f.clock.advance(Duration.ofSeconds(30));
    verifier.verify(t.secret(), "Bearer");
    assertThat(f.tokens.touches.get()).isEqualTo(1);
    assertThat(admin.list("demo").get(0).lastUsedAt()).isEqualTo(TokenFixture.T0);
    f.clock.advance(Duration.ofSeconds(30));
    verifier.verify(t.secret(), "Basic");
    assertThat(f.tokens.touches.get()).isEqualTo(2);
    assertThat(admin.list("demo").get(0).lastUsedAt()).isEqualTo(TokenFixture.T0.plusSeconds(60));
  }

  @Test
  void refusedTokensDoNotTouchLastUsed() {
    IssuedToken t = f.itemsReader(Duration.ofMinutes(1));
    admin.revoke("demo", t.info().id());
    verifier.verify(t.secret(), "Bearer");
    assertThat(f.tokens.touches.get()).isZero();
    assertThat(admin.list("demo").get(0).lastUsedAt()).isNull();
  }

  @Test
  void permissionsNarrowToTheKeysTheAccountStillOwns() {
    IssuedToken t = admin.create("demo", "both",
        List.of(perm("items", Operation.READ, "key_demo_index", "key_demo_staging")), null).orElseThrow();
    f.accounts.delegate = InMemoryAccountStore.builder()
        .account("demo", "demo_api_token", Set.of("key_demo_staging"))
        .build();
    Identity id = identity(verifier.verify(t.secret(), "Bearer"));
    assertThat(id.grants().allows("items", Operation.READ, "key_demo_staging")).isTrue();
    assertThat(id.grants().allows("items", Operation.READ, "key_demo_index")).isFalse();
  }

  @Test
  void tokensOfADeletedAccountStopWorking() {
    IssuedToken t = f.itemsReader(null);
    f.accounts.delegate = InMemoryAccountStore.builder().build();
    assertThat(reason(verifier.verify(t.secret(), "Bearer"))).isEqualTo(Reason.TOKEN_UNKNOWN);
  }

  @Test
  void storeOutageFailsClosedWith503() {
    IssuedToken t = f.itemsReader(null);
    f.tokens.down = true;
    Outcome o = verifier.verify(t.secret(), "Bearer");
    assertThat(reason(o)).isEqualTo(Reason.UNAVAILABLE);
    assertThat(((Outcome.Rejected) o).status()).isEqualTo(503);
  }

  @Test
  void createRefusesInvalidInputWithClientSafeMessages() {
    Permission ok = perm("items", Operation.READ, "key_demo_index");
    assertInvalid(() -> admin.create("demo", "n", List.of(), null), "at least one permission");
    assertInvalid(() -> admin.create("demo", "n", null, null), "at least one permission");
    assertInvalid(() -> admin.create("demo", "n", List.of(perm("orders", Operation.READ, "key_demo_index")), null),
        "Unknown scope 'orders'");
    assertInvalid(() -> admin.create("demo", "n", List.of(perm("*", Operation.READ, "key_demo_index")), null),
        "wildcard scope");
    assertInvalid(() -> admin.create("demo", "n", List.of(perm("items", Operation.READ, "*")), null),
        "wildcard resource");
    assertInvalid(() -> admin.create("demo", "n", List.of(perm("items", Operation.READ)), null),
        "names no resources");
    assertInvalid(() -> admin.create("demo", "n", List.of(perm("items", Operation.READ, "key_other_index")), null),
        "'key_other_index' is not an API key of this account");
    assertInvalid(() -> admin.create("demo", "n", List.of(ok), Duration.ZERO), "positive");
    assertInvalid(() -> admin.create("demo", "n", List.of(ok), Duration.ofSeconds(-5)), "positive");
    assertInvalid(() -> admin.create("demo", "n", List.of(ok), Duration.ofDays(4000)), "at most");
    assertInvalid(() -> admin.create("demo", "x".repeat(101), List.of(ok), null), "at most 100");
    assertInvalid(() -> admin.create("demo", "  ", List.of(ok), null), "needs a name");
    assertInvalid(() -> admin.create("demo", null, List.of(ok), null), "needs a name");
    assertInvalid(() -> admin.create("demo", "a\nb", List.of(ok), null), "control characters");
    assertInvalid(() -> admin.create("nobody", "n", List.of(ok), null), "Unknown account");
    List<Permission> many = new ArrayList<>();
    for (int i = 0; i <= TokenAdmin.MAX_PERMISSIONS; i++) {
      many.add(ok);
    }
    assertInvalid(() -> admin.create("demo", "n", many, null), "at most " + TokenAdmin.MAX_PERMISSIONS);
    assertThat(f.tokens.delegate.size()).isZero();
  }

  @Test
  void longInvalidValuesAreClippedInMessages() {
    String scope = "s".repeat(5000);
    CreateResult r = admin.create("demo", "n", List.of(perm(scope, Operation.READ, "k")), null);
    assertThat(r).isInstanceOfSatisfying(CreateResult.Refused.class,
        refused -> assertThat(refused.message().length()).isLessThan(100));
  }

  @Test
  void nameIsStripped() {
    IssuedToken t = admin.create("demo", "  ci  ", List.of(perm("items", Operation.READ, "key_demo_index")), null).orElseThrow();
    assertThat(t.info().name()).isEqualTo("ci");
  }

  @Test
  void limitsLiveTokensPerAccount() {
    TokenService small = TokenService.builder().tokenStore(new InMemoryApiTokenStore())
        .accounts(TokenFixture.demoAccounts()).clock(f.clock).allowedScopes(TokenFixture.SCOPES)
        .maxTokensPerAccount(2).build();
    List<Permission> p = List.of(perm("items", Operation.READ, "key_demo_index"));
    IssuedToken first = small.admin().create("demo", "a", p, null).orElseThrow();
    small.admin().create("demo", "b", p, Duration.ofMinutes(1)).orElseThrow();
    assertInvalid(() -> small.admin().create("demo", "c", p, null), "revoke one first");
    small.admin().revoke("demo", first.info().id());
    small.admin().create("demo", "c", p, null).orElseThrow();
    f.clock.advance(Duration.ofMinutes(2));
    small.admin().create("demo", "d", p, null).orElseThrow();
    assertThat(small.admin().list("demo")).hasSize(4);
  }

  @Test
  void builderRefusesBadConfiguration() {
    InMemoryApiTokenStore store = new InMemoryApiTokenStore();
    InMemoryAccountStore accounts = TokenFixture.demoAccounts();
    assertThatThrownBy(() -> TokenService.builder().accounts(accounts).allowedScopes(Set.of("items")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenStore");
    assertThatThrownBy(() -> TokenService.builder().tokenStore(store).allowedScopes(Set.of("items")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("accounts");
    assertThatThrownBy(() -> TokenService.builder().tokenStore(store).accounts(accounts).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("allowedScopes");
    assertThatThrownBy(() -> TokenService.builder().tokenStore(store).accounts(accounts).allowedScopes(Set.of()).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TokenService.builder().tokenStore(store).accounts(accounts).allowedScopes(Set.of("*")).build())
        .isInstanceOf(IllegalStateException.class);
    for (String prefix : List.of("", "pct:", "p t_", "a_very_long_prefix_", "pct=")) {
      assertThatThrownBy(() -> TokenService.builder().tokenStore(store).accounts(accounts)
          .allowedScopes(Set.of("items")).prefix(prefix).build())
          .as("prefix %s", prefix).isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> TokenService.builder().tokenStore(store).accounts(accounts)
        .allowedScopes(Set.of("items")).maxTokensPerAccount(0).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TokenService.builder().tokenStore(store).accounts(accounts)
        .allowedScopes(Set.of("items")).lastUsedGranularity(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void customPrefixIsUsedAndOtherPrefixesAreAccountTokens() {
    TokenService acme = TokenService.builder().tokenStore(new InMemoryApiTokenStore())
        .accounts(TokenFixture.demoAccounts()).allowedScopes(Set.of("items")).prefix("acme_").build();
    IssuedToken t = acme.admin().create("demo", "n", List.of(perm("items", Operation.READ, "key_demo_index")), null).orElseThrow();
    assertThat(t.secret()).startsWith("acme_");
    assertThat(acme.prefix()).isEqualTo("acme_");
    assertThat(acme.verifier().verify(t.secret(), "Bearer")).isInstanceOf(Outcome.Authenticated.class);
    assertThat(reason(acme.verifier().verify("pct_" + t.secret().substring(5), "Bearer"))).isEqualTo(Reason.TOKEN_UNKNOWN);
  }

  @Test
  void eachRefusalNamesItsProblem() {
    Permission ok = perm("items", Operation.READ, "key_demo_index");
    assertProblem(admin.create("nobody", "n", List.of(ok), null), CreateResult.Problem.UNKNOWN_ACCOUNT);
    assertProblem(admin.create("demo", " ", List.of(ok), null), CreateResult.Problem.NAME_MISSING);
    assertProblem(admin.create("demo", "x".repeat(101), List.of(ok), null), CreateResult.Problem.NAME_TOO_LONG);
    assertProblem(admin.create("demo", "a\tb", List.of(ok), null), CreateResult.Problem.NAME_CONTROL_CHARACTER);
    assertProblem(admin.create("demo", "n", List.of(), null), CreateResult.Problem.NO_PERMISSIONS);
    List<Permission> withNull = new ArrayList<>();
    withNull.add(null);
    assertProblem(admin.create("demo", "n", withNull, null), CreateResult.Problem.PERMISSION_MISSING);
    assertProblem(admin.create("demo", "n", List.of(perm("*", Operation.READ, "key_demo_index")), null),
        CreateResult.Problem.WILDCARD_SCOPE);
    assertProblem(admin.create("demo", "n", List.of(perm("orders", Operation.READ, "key_demo_index")), null),
        CreateResult.Problem.UNKNOWN_SCOPE);
    assertProblem(admin.create("demo", "n", List.of(perm("items", Operation.READ)), null),
        CreateResult.Problem.NO_RESOURCES);
    String[] keys = new String[TokenAdmin.MAX_RESOURCES + 1];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "k" + i;
    }
    assertProblem(admin.create("demo", "n", List.of(perm("items", Operation.READ, keys)), null),
        CreateResult.Problem.TOO_MANY_RESOURCES);
    assertProblem(admin.create("demo", "n", List.of(perm("items", Operation.READ, "*")), null),
        CreateResult.Problem.WILDCARD_RESOURCE);
    assertProblem(admin.create("demo", "n", List.of(perm("items", Operation.READ, "key_other_index")), null),
        CreateResult.Problem.FOREIGN_RESOURCE);
    assertProblem(admin.create("demo", "n", List.of(ok), Duration.ZERO), CreateResult.Problem.EXPIRY_NOT_POSITIVE);
    assertProblem(admin.create("demo", "n", List.of(ok), TokenAdmin.MAX_EXPIRY.plusSeconds(1)),
        CreateResult.Problem.EXPIRY_TOO_FAR);
    assertThat(CreateResult.Problem.UNKNOWN_SCOPE.code()).isEqualTo("unknown_scope");
    assertThat(f.tokens.delegate.size()).as("a refusal stores nothing").isZero();
  }

  @Test
  void atTheLimitTheRefusalIsLimitReachedAndOrElseThrowSaysSo() {
    TokenService one = TokenService.builder().tokenStore(new InMemoryApiTokenStore())
        .accounts(TokenFixture.demoAccounts()).allowedScopes(TokenFixture.SCOPES).maxTokensPerAccount(1).build();
    List<Permission> p = List.of(perm("items", Operation.READ, "key_demo_index"));
    one.admin().create("demo", "a", p, null).orElseThrow();
    CreateResult second = one.admin().create("demo", "b", p, null);
    assertProblem(second, CreateResult.Problem.LIMIT_REACHED);
    assertThatThrownBy(second::orElseThrow).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("limit_reached");
  }

  @Test
  void builderRefusesEverySettingGivenTwice() {
    List<java.util.function.Consumer<TokenService.Builder>> settings = List.of(
        b -> b.tokenStore(new InMemoryApiTokenStore()),
        b -> b.accounts(TokenFixture.demoAccounts()),
        b -> b.clock(f.clock),
        b -> b.random(new java.security.SecureRandom()),
        b -> b.prefix("acme_"),
        b -> b.allowedScopes(Set.of("items")),
        b -> b.lastUsedGranularity(Duration.ZERO),
        b -> b.maxTokensPerAccount(3));
    for (int i = 0; i < settings.size(); i++) {
      TokenService.Builder b = TokenService.builder();
      settings.get(i).accept(b);
      java.util.function.Consumer<TokenService.Builder> again = settings.get(i);
      assertThatThrownBy(() -> again.accept(b)).as("setting %d", i)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
    }
  }

  private static void assertProblem(CreateResult r, CreateResult.Problem problem) {
    assertThat(r).isInstanceOfSatisfying(CreateResult.Refused.class,
        refused -> assertThat(refused.problem()).isEqualTo(problem));
  }

  private static void assertInvalid(java.util.function.Supplier<CreateResult> call, String message) {
    assertThat(call.get()).isInstanceOfSatisfying(CreateResult.Refused.class,
        r -> assertThat(r.message()).contains(message));
  }
}
