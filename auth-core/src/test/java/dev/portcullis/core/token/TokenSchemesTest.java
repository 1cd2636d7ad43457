package dev.portcullis.core.token;

import static dev.portcullis.core.token.TokenFixture.perm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.http.Header;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decision table for API tokens over Basic and Bearer, through the gate as an adapter drives it. */
class TokenSchemesTest {
  private static final String BASIC_CHALLENGE = "Basic realm=\"catalog\", charset=\"UTF-8\"";
  private static final String BEARER_CHALLENGE = "Bearer realm=\"catalog\"";

  private final TokenFixture f = new TokenFixture();
  private final BasicTokenScheme basic = new BasicTokenScheme(f.service, "catalog");
  private final BearerTokenScheme bearer = new BearerTokenScheme(f.service, "catalog");
  private final Gate gate = Gate.builder().scheme(basic).scheme(bearer).requireSecure(true).build();

  private static AuthRequest withAuthorization(String value) {
    return AuthRequests.builder().rawPath("/v2/items").rawQuery("key=key_demo_index")
        .header("Authorization", value).build();
  }

  private static String basicHeader(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  private Identity authenticated(String header) {
    Outcome o = gate.authenticate(withAuthorization(header));
    assertThat(o).isInstanceOf(Outcome.Authenticated.class);
    return ((Outcome.Authenticated) o).identity();
  }

  private Denial denied(String header, int status, Reason reason) {
    AuthRequest r = withAuthorization(header);
    Outcome o = gate.authenticate(r);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> assertThat(rej.reason()).isEqualTo(reason));
    Denial d = gate.deny(r, o);
    assertThat(d.status()).isEqualTo(status);
    return d;
  }

  private static List<String> challenges(Denial d) {
    return d.headers().stream().filter(h -> h.name().equals("WWW-Authenticate")).map(Header::value).toList();
  }

  // --- accepted ---

  @Test
  void accountTokenWorksOverBasicAndBearer() {
    Identity viaBasic = authenticated(basicHeader("demo_api_token:"));
    assertThat(viaBasic.scheme()).isEqualTo("Basic");
    assertThat(viaBasic.grants().allows("items", Operation.WRITE, "key_demo_index")).isTrue();
    Identity viaBearer = authenticated("Bearer demo_api_token");
    assertThat(viaBearer.scheme()).isEqualTo("Bearer");
    assertThat(viaBearer.account()).isEqualTo("demo");
  }

  @Test
  void scopedTokenWorksOverBearerAndBasic() {
    IssuedToken t = f.itemsReader(null);
    assertThat(authenticated("Bearer " + t.secret()).attributes()).containsEntry("token_id", t.info().id());
    assertThat(authenticated(basicHeader(t.secret() + ":")).grants()
        .allows("items", Operation.READ, "key_demo_index")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer", "BEARER", "BeArEr"})
  void bearerSchemeNameIsCaseInsensitive(String name) {
    assertThat(authenticated(name + " demo_api_token").scheme()).isEqualTo("Bearer");
  }

  @Test
  void basicSchemeNameIsCaseInsensitive() {
    assertThat(authenticated(basicHeader("demo_api_token:").replace("Basic", "BASIC")).scheme()).isEqualTo("Basic");
  }

  @Test
  void basicAcceptsUnpaddedBase64() {
    String padded = Base64.getEncoder().encodeToString("other_api_token:".getBytes(StandardCharsets.UTF_8));
    assertThat(padded).endsWith("==");
    assertThat(authenticated("Basic " + padded.replace("=", "")).account()).isEqualTo("other");
  }

  // --- 401: refused credentials ---

  @Test
  void expiredTokenIs401WithInvalidTokenOnBearer() {
    IssuedToken t = f.itemsReader(Duration.ofMinutes(10));
    f.clock.advance(Duration.ofMinutes(10));
    Denial d = denied("Bearer " + t.secret(), 401, Reason.TOKEN_EXPIRED);
    assertThat(challenges(d)).containsExactly(BASIC_CHALLENGE,
        "Bearer realm=\"catalog\", error=\"invalid_token\", error_description=\"The token has expired.\"");
    assertThat(d.body().text()).contains("invalid_token").doesNotContain(t.secret());
    Denial viaBasic = denied(basicHeader(t.secret() + ":"), 401, Reason.TOKEN_EXPIRED);
    assertThat(challenges(viaBasic)).containsExactly(BASIC_CHALLENGE, BEARER_CHALLENGE);
  }

  @Test
  void revokedTokenIs401() {
    IssuedToken t = f.itemsReader(null);
    f.service.admin().revoke("demo", t.info().id());
    Denial d = denied("Bearer " + t.secret(), 401, Reason.TOKEN_REVOKED);
    assertThat(challenges(d)).contains(
        "Bearer realm=\"catalog\", error=\"invalid_token\", error_description=\"The token is not valid.\"");
    denied(basicHeader(t.secret() + ":"), 401, Reason.TOKEN_REVOKED);
  }

  @Test
  void unknownTokenIs401() {
    Denial d = denied("Bearer wrong_api_token", 401, Reason.TOKEN_UNKNOWN);
    assertThat(challenges(d)).hasSize(2);
    denied(basicHeader("wrong_api_token:"), 401, Reason.TOKEN_UNKNOWN);
  }

  @Test
  void tokenWithBadChecksumIs401WithoutAStoreLookup() {
    IssuedToken t = f.itemsReader(null);
    String s = t.secret();
    String typo = s.substring(0, 20) + (s.charAt(20) == 'Q' ? 'R' : 'Q') + s.substring(21);
    int finds = f.tokens.finds.get();
    int hashLookups = f.accounts.hashLookups.get();
    denied("Bearer " + typo, 401, Reason.TOKEN_MALFORMED);
    denied(basicHeader(typo + ":"), 401, Reason.TOKEN_MALFORMED);
    assertThat(f.tokens.finds.get()).isEqualTo(finds);
    assertThat(f.accounts.hashLookups.get()).isEqualTo(hashLookups);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo_api_token:x", "demo_api_token: ", "demo_api_token:demo_api_token", "demo_api_token::"})
  void nonEmptyPasswordIs401(String userPass) {
    Denial d = denied(basicHeader(userPass), 401, Reason.PASSWORD_NOT_EMPTY);
    assertThat(d.body().text()).contains("empty password");
    assertThat(challenges(d)).containsExactly(BASIC_CHALLENGE, BEARER_CHALLENGE);
    assertThat(f.accounts.hashLookups.get()).isZero();
  }

  @Test
  void emptyUserIdIs401Malformed() {
    denied(basicHeader(":"), 401, Reason.TOKEN_MALFORMED);
  }

  @Test
  void noCredentialsIs401WithBothChallenges() {
    AuthRequest r = AuthRequests.builder().rawPath("/v2/items").build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(401);
    assertThat(challenges(d)).containsExactly(BASIC_CHALLENGE, BEARER_CHALLENGE);
  }

  // --- 400: malformed requests ---

  @ParameterizedTest
  @ValueSource(strings = {"Basic !!!!", "Basic ZGVtbw=x", "Basic ZGVtb", "Basic a b", "Basic realm=\"x\"", "Basic ",
      "Basic ZGVtb19hcGlfdG9rZW4-"})
  void badBase64Is400(String header) {
    Denial d = denied(header, 400, Reason.MALFORMED_HEADER);
    assertThat(challenges(d)).isEmpty();
    assertThat(d.body().text()).contains("invalid_request").contains("Basic credentials");
  }

  @Test
  void missingColonIs400() {
    Denial d = denied(basicHeader("demo_api_token"), 400, Reason.MALFORMED_HEADER);
    assertThat(d.body().text()).contains("token:password");
    assertThat(f.accounts.hashLookups.get()).isZero();
  }

  @Test
  void nonUtf8BasicCredentialsAre400() {
    byte[] latin1 = "caf\u00e9_token:".getBytes(StandardCharsets.ISO_8859_1);
    Denial d = denied("Basic " + Base64.getEncoder().encodeToString(latin1), 400, Reason.MALFORMED_HEADER);
    assertThat(d.body().text()).contains("UTF-8");
  }

  @Test
  void utf8UserIdIsDecodedAndLookedUp() {
    denied(basicHeader("caf\u00e9_token:"), 401, Reason.TOKEN_UNKNOWN);
    assertThat(f.accounts.hashLookups.get()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer a,b", "Bearer token=\"x\"", "Bearer a:b",
      "Bearer =abc", "Bearer pct_é"})
  void bearerCredentialsThatAreNotOneB64tokenAre400(String header) {
    Denial d = denied(header, 400, Reason.MALFORMED_HEADER);
    assertThat(d.body().text()).contains("invalid_request");
    assertThat(f.tokens.finds.get()).isZero();
    assertThat(f.accounts.hashLookups.get()).isZero();
  }

  @Test
  void twentyKilobyteHeaderIs400ForBothSchemes() {
    String huge = "A".repeat(20 * 1024);
    denied("Bearer " + huge, 400, Reason.MALFORMED_HEADER);
    denied("Basic " + huge, 400, Reason.MALFORMED_HEADER);
    assertThat(f.accounts.hashLookups.get()).isZero();
  }

  @Test
  void twoAuthorizationHeadersAre400() {
    AuthRequest r = AuthRequests.builder().header("Authorization", "Bearer demo_api_token")
        .header("Authorization", basicHeader("demo_api_token:")).build();
    assertThat(gate.authenticate(r)).isInstanceOfSatisfying(Outcome.Rejected.class,
        rej -> assertThat(rej.status()).isEqualTo(400));
  }

  // --- 403 ---

  @Test
  void plainHttpIs403BeforeAnyLookup() {
    AuthRequest r = AuthRequests.builder().scheme("http").port(80).header("Authorization", "Bearer demo_api_token").build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(403);
    assertThat(d.body().text()).contains("HTTPS is required");
    assertThat(f.accounts.hashLookups.get()).isZero();
  }

  @Test
  void missingPermissionIs403WithInsufficientScopeForBearer() {
    IssuedToken t = f.itemsReader(null);
    Identity id = authenticated("Bearer " + t.secret());
    Requirement write = new Requirement("items", Operation.WRITE, "key_demo_index");
    assertThat(id.grants().allows(write)).isFalse();
    Denial d = gate.forbid(id, write);
    assertThat(d.status()).isEqualTo(403);
    assertThat(challenges(d)).containsExactly(
        "Bearer realm=\"catalog\", error=\"insufficient_scope\", scope=\"items(w)\"");
    assertThat(d.body().text()).contains("insufficient_scope");
  }

  @Test
  void anotherAccountsKeyIs403() {
    Identity id = authenticated(basicHeader("demo_api_token:"));
    Requirement other = new Requirement("items", Operation.READ, "key_other_index");
    assertThat(id.grants().allows(other)).isFalse();
    Denial d = gate.forbid(id, other);
    assertThat(d.status()).isEqualTo(403);
    assertThat(challenges(d)).isEmpty();
  }

  @Test
  void scopedTokenCannotManageTokens() {
    IssuedToken t = f.service.admin().create("demo", "all scopes", List.of(
        perm("items", Operation.READ_WRITE, "key_demo_index"),
        perm("facets", Operation.READ_WRITE, "key_demo_index"),
        perm("redirects", Operation.READ_WRITE, "key_demo_index")), null).orElseThrow();
    Identity id = authenticated("Bearer " + t.secret());
    assertThat(id.grants().allows(new Requirement("tokens", Operation.READ, null))).isFalse();
    assertThat(authenticated("Bearer demo_api_token").grants()
        .allows(new Requirement("tokens", Operation.WRITE, null))).isTrue();
  }

  @Test
  void randomAuthorizationValuesAreOnly400Or401() {
    java.util.Random r = new java.util.Random(6750L);
    String alphabet = "aZ09+/=_-.~:, \t\"é☃";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder cred = new StringBuilder();
      int len = r.nextInt(60);
      for (int c = 0; c < len; c++) {
        cred.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String value = (r.nextBoolean() ? "Basic " : "Bearer ") + cred;
      AuthRequest req = withAuthorization(value);
      Outcome o = gate.authenticate(req);
      assertThat(o).as("outcome for %s", value).isInstanceOf(Outcome.Rejected.class);
      Denial d = gate.deny(req, o);
      assertThat(d.status()).as("status for %s", value).isIn(400, 401);
    }
  }

  @Test
  void schemesExposeTheirNamesAndRealms() {
    assertThat(basic.name()).isEqualTo("Basic");
    assertThat(bearer.name()).isEqualTo("Bearer");
    assertThat(basic.realm()).isEqualTo("catalog");
    assertThat(bearer.realm()).isEqualTo("catalog");
    assertThat(basic.accepts("bAsIc")).isTrue();
    assertThat(bearer.accepts("Basic")).isFalse();
  }

  @Test
  void realmIsEscapedInChallenges() {
    BearerTokenScheme odd = new BearerTokenScheme(f.service, "a \"quoted\" realm");
    assertThat(odd.challenges(withAuthorization("Bearer x"), null))
        .containsExactly("Bearer realm=\"a \\\"quoted\\\" realm\"");
  }
}
