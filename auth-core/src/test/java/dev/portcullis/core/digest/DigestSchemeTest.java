package dev.portcullis.core.digest;

import dev.portcullis.core.spi.digest.DigestAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestSchemeTest {
  static final String REALM = "contacts@portcullis";
  static final String KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  static final String DISABLED = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  static final byte[] NONCE_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final byte[] OLD_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

  final MutableClock clock = new MutableClock();
  InMemoryDigestCredentialStore store;
  InMemoryApplicationRegistry apps;
  DigestScheme scheme;

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
    void advance(Duration d) { now = now.plus(d); }
  }

  @BeforeEach
  void setUp() {
    store = InMemoryDigestCredentialStore.builder().realm(REALM)
        .user(KEY + "%ctct_customer", "mypassword".toCharArray())
        .user(DISABLED + "%ctct_customer", "mypassword".toCharArray())
        .user("plain", "pw".toCharArray())
        .build();
    apps = new InMemoryApplicationRegistry()
        .register(new Application(KEY, "demo", true))
        .register(new Application(DISABLED, "compromised", false));
    scheme = builder().build();
  }

  DigestScheme.Builder builder() {
    return builder(REALM, NONCE_KEY, new InMemoryReplayGuard(clock, 10_000));
  }

  /** The usual scheme with one of the three settings tests vary (the builder takes each only once). */
  DigestScheme.Builder builder(String realm, byte[] nonceKey, InMemoryReplayGuard replayGuard) {
    return DigestScheme.builder().realm(realm).credentials(store).applications(apps)
        .grants((k, u) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(u))))
        .nonceKey(nonceKey).clock(clock).replayGuard(replayGuard);
  }

  DigestTestClient client(DigestScheme s, String algorithm) {
    DigestTestClient c = new DigestTestClient();
    c.realm = REALM;
    c.username = KEY + "%ctct_customer";
    c.password = "mypassword";
    c.algorithm = algorithm;
    c.uri = "/ws/customers/ctct_customer/contacts";
    c.nonce = nonceFor(s, algorithm);
    return c;
  }

  static String nonceFor(DigestScheme s, String algorithm) {
    for (String ch : s.challenges(request("/"), null)) {
      Map<String, String> p = DigestTestClient.challengeParams(ch);
      if (p.get("algorithm").equalsIgnoreCase(algorithm)) {
        return p.get("nonce");
      }
    }
    throw new AssertionError("no challenge for " + algorithm);
  }

  static AuthRequest request(String target) {
    return request("GET", target, new byte[0]);
  }

  static AuthRequest request(String method, String target, byte[] body) {
    int q = target.indexOf('?');
    return AuthRequests.builder().method(method).scheme("http").host("localhost").port(8080)
        .rawPath(q < 0 ? target : target.substring(0, q)).rawQuery(q < 0 ? null : target.substring(q + 1))
        .body(body).build();
  }

  Outcome send(DigestScheme s, DigestTestClient c) {
    return send(s, c, c.uri);
  }

  Outcome send(DigestScheme s, DigestTestClient c, String target) {
    return s.authenticate(request(c.method, target, c.body), c.header());
  }

  static Reason reason(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected) o).reason();
  }

  @Test
  void aFullReplayGuardGives503ThroughTheGateNotNonceUsed() {
    DigestScheme s = builder(REALM, NONCE_KEY, new InMemoryReplayGuard(clock, 1)).build();
    Gate gate = Gate.builder().scheme(s).build();
    DigestTestClient first = client(s, "SHA-256");
    DigestTestClient second = client(s, "SHA-256");
    assertThat(second.nonce).isNotEqualTo(first.nonce);
    assertThat(gate.authenticate(withHeader(first))).isInstanceOf(Outcome.Authenticated.class);
    Outcome o = gate.authenticate(withHeader(second));
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> {
      assertThat(rej.reason()).isEqualTo(Reason.UNAVAILABLE);
      assertThat(rej.status()).isEqualTo(503);
    });
    assertThat(gate.deny(request("/"), o).status()).isEqualTo(503);
  }

  static AuthRequest withHeader(DigestTestClient c) {
    int q = c.uri.indexOf('?');
    return AuthRequests.builder().method(c.method).scheme("http").host("localhost").port(8080)
        .rawPath(q < 0 ? c.uri : c.uri.substring(0, q)).rawQuery(q < 0 ? null : c.uri.substring(q + 1))
        .header("Authorization", "Digest " + c.header()).body(c.body).build();
  }

  @ParameterizedTest
  @EnumSource(DigestAlgorithm.class)
  void everyOfferedAlgorithmVerifiesAndAnswersWithRspauth(DigestAlgorithm a) {
    DigestScheme s = builder().algorithms(a).build();
    DigestTestClient c = client(s, a.token().toLowerCase()); // tokens are case-insensitive
    Outcome o = send(s, c);
    assertThat(o).isInstanceOf(Outcome.Authenticated.class);
    Outcome.Authenticated ok = (Outcome.Authenticated) o;
    assertThat(ok.identity().subject()).isEqualTo("ctct_customer");
    assertThat(ok.identity().application()).isEqualTo(KEY);
    assertThat(ok.identity().grants().allows("contacts", Operation.WRITE, "ctct_customer")).isTrue();
    assertThat(ok.identity().grants().allows("contacts", Operation.READ, "other_customer")).isFalse();
    Header info = ok.responseHeaders().get(0);
    assertThat(info.name()).isEqualTo("Authentication-Info");
    assertThat(info.value()).contains("rspauth=\"" + c.rspauth() + "\"", "qop=auth", "nc=00000001",
        "cnonce=\"0a4f113b\"").doesNotContain("nextnonce");
  }

  @ParameterizedTest
  @EnumSource(DigestAlgorithm.class)
  void escapedAndNonAsciiValuesAreHashedAsTheirTextAndEchoedEscaped(DigestAlgorithm a) {
    DigestScheme s = builder().algorithms(a).build();
    DigestTestClient c = client(s, a.token());
    // quoted-pairs in the cnonce, a needless one in the uri, and non-ASCII text hashed as UTF-8
    c.cnonce = "a\"b\\c caf\u00e9 \u0416";
    String header = c.header().replace("uri=\"/ws/", "uri=\"\\/ws/");
    Outcome o = s.authenticate(request(c.uri), header);
    assertThat(o).isInstanceOf(Outcome.Authenticated.class);
    String info = ((Outcome.Authenticated) o).responseHeaders().get(0).value();
    assertThat(info).isEqualTo("rspauth=\"" + c.rspauth() + "\", qop=auth, nc=00000001, cnonce=\""
        + DigestTestClient.quote(c.cnonce) + "\"");
    c.nc = "00000002";
    c.cnonce = "a\"b\\c caf\u00e9 \u0417"; // one character off: a different digest
    String forged = c.header().replace("cnonce=\"" + DigestTestClient.quote(c.cnonce), "cnonce=\""
        + DigestTestClient.quote("a\"b\\c caf\u00e9 \u0416"));
    assertThat(reason(s.authenticate(request(c.uri), forged))).isEqualTo(Reason.CREDENTIALS_INVALID);
  }

  @Test
  void defaultChallengesOfferSha256FirstAndLastWithMd5Between() {
    List<String> ch = scheme.challenges(request("/"), null);
    assertThat(ch).hasSize(3);
    assertThat(ch.get(0)).startsWith("Digest realm=\"contacts@portcullis\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"")
        .endsWith("charset=UTF-8");
    assertThat(ch.get(1)).contains("algorithm=MD5");
    assertThat(ch.get(2)).contains("algorithm=SHA-256").doesNotContain("stale");
  }

  @Test
  void algorithmNotOfferedIsRefused() {
    DigestScheme s = builder().algorithms(DigestAlgorithm.SHA_256).build();
    DigestTestClient c = client(s, "SHA-256");
    c.algorithm = "MD5";
    assertThat(reason(send(s, c))).isEqualTo(Reason.ALGORITHM_NOT_OFFERED);
    c.algorithm = "SHA-1";
    assertThat(reason(send(s, c))).isEqualTo(Reason.ALGORITHM_NOT_OFFERED);
    c.algorithm = "MD5";
    c.omitAlgorithm = true; // absent means MD5
    assertThat(reason(send(s, c))).isEqualTo(Reason.ALGORITHM_NOT_OFFERED);
  }

  @Test
  void nonceBoundToAlgorithm() {
    DigestTestClient c = client(scheme, "SHA-256");
    c.algorithm = "MD5"; // MD5 offered, but the nonce was issued for SHA-256
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.NONCE_INVALID);
  }

  @Test
  void wrongPasswordUnknownUserUnknownAndDisabledKeyLookAlike() {
    DigestTestClient wrong = client(scheme, "SHA-256");
    wrong.password = "nope";
    DigestTestClient unknownUser = client(scheme, "SHA-256");
    unknownUser.username = KEY + "%nobody";
    DigestTestClient unknownKey = client(scheme, "SHA-256");
    unknownKey.username = "00000000-0000-0000-0000-000000000000%ctct_customer";
    DigestTestClient disabled = client(scheme, "SHA-256");
    disabled.username = DISABLED + "%ctct_customer"; // right password, HA1 on file, key disabled
    DigestTestClient noKey = client(scheme, "SHA-256");
    noKey.username = "ctct_customer";

    Gate gate = Gate.builder().scheme(scheme).build();
    List<Outcome> outcomes = List.of(send(scheme, wrong), send(scheme, unknownUser), send(scheme, unknownKey),
        send(scheme, disabled), send(scheme, noKey));
    assertThat(outcomes).extracting(DigestSchemeTest::reason).containsExactly(Reason.CREDENTIALS_INVALID,
        Reason.USER_UNKNOWN, Reason.APPLICATION_UNKNOWN, Reason.APPLICATION_DISABLED, Reason.USER_UNKNOWN);
    Denial first = gate.deny(request("/"), outcomes.get(0));
    for (Outcome o : outcomes) {
      Denial d = gate.deny(request("/"), o);
      assertThat(d.status()).isEqualTo(401);
      assertThat(d.body()).isEqualTo(first.body());
      assertThat(d.headers()).hasSize(3);
      assertThat(d.headers()).allSatisfy(h -> assertThat(h.value()).doesNotContain("stale"));
    }
  }

  @Test
  void percentInUsernameIsNeverDecoded() {
    // "%63" would decode to "c": the literal text must be used
    DigestTestClient c = client(scheme, "SHA-256");
    c.username = KEY + "%%63tct_customer";
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.USER_UNKNOWN);
    store.put(KEY + "%%63tct_customer", "pw".toCharArray());
    c.password = "pw";
    Outcome o = send(scheme, c);
    assertThat(o).isInstanceOf(Outcome.Authenticated.class);
    assertThat(((Outcome.Authenticated) o).identity().subject()).isEqualTo("%63tct_customer");
  }

  @Test
  void withoutRegistryTheWholeUsernameIsTheSubject() {
    DigestScheme s = DigestScheme.builder().realm(REALM).credentials(store).nonceKey(NONCE_KEY).clock(clock).build();
    DigestTestClient c = client(s, "SHA-256");
    c.username = "plain";
    c.password = "pw";
    Outcome o = send(s, c);
    assertThat(((Outcome.Authenticated) o).identity().subject()).isEqualTo("plain");
    assertThat(((Outcome.Authenticated) o).identity().application()).isNull();
  }

  @Test
  void expiredNonceIsStaleOnlyWhenTheDigestVerified() {
    DigestTestClient good = client(scheme, "SHA-256");
    DigestTestClient bad = client(scheme, "SHA-256");
    bad.password = "nope";
    clock.advance(Duration.ofMinutes(6));
    Outcome stale = send(scheme, good);
    assertThat(reason(stale)).isEqualTo(Reason.STALE_NONCE);
    assertThat(scheme.challenges(request("/"), (Outcome.Rejected) stale)).allSatisfy(ch -> assertThat(ch).endsWith("stale=true"));
    assertThat(reason(send(scheme, bad))).isEqualTo(Reason.CREDENTIALS_INVALID);
  }

  @Test
  void nextnonceIsSentWhenTheNonceNearsItsEnd() {
    DigestTestClient c = client(scheme, "SHA-256");
    clock.advance(Duration.ofMinutes(4).plusSeconds(30));
    Outcome.Authenticated ok = (Outcome.Authenticated) send(scheme, c);
    String info = ok.responseHeaders().get(0).value();
    assertThat(info).contains("nextnonce=\"");
    String next = info.substring(info.indexOf("nextnonce=\"") + 11, info.length() - 1);
    clock.advance(Duration.ofMinutes(2));
    c.nonce = next;
    assertThat(send(scheme, c)).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void nonceFromThePreviousKeyVerifiesAfterRotationAndOtherKeysDoNot() {
    DigestScheme old = builder(REALM, OLD_KEY, new InMemoryReplayGuard(clock, 10_000)).build();
    DigestTestClient c = client(old, "SHA-256");
    DigestScheme rotated = builder().previousNonceKeys(OLD_KEY).build();
    assertThat(send(rotated, c)).isInstanceOf(Outcome.Authenticated.class);
    c.nc = "00000002";
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.NONCE_INVALID); // a node without the old key
  }

  @Test
  void nonceSurvivesARestartAndVerifiesOnAnotherNode() {
    DigestTestClient c = client(scheme, "SHA-256");
    DigestScheme otherNode = builder().build();
    assertThat(send(otherNode, c)).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void nonceBoundToRealm() {
    DigestScheme other = builder("elsewhere", NONCE_KEY, new InMemoryReplayGuard(clock, 10_000)).build();
    DigestTestClient c = client(other, "SHA-256");
    c.realm = REALM;
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.NONCE_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"})
  void forgedOrBrokenNoncesAreInvalid(String nonce) {
    DigestTestClient c = client(scheme, "SHA-256");
    c.nonce = nonce;
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.NONCE_INVALID);
  }

  @Test
  void tamperedNonceIsInvalid() {
    DigestTestClient c = client(scheme, "SHA-256");
    char[] n = c.nonce.toCharArray();
    n[5] = n[5] == 'A' ? 'B' : 'A';
    c.nonce = new String(n);
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.NONCE_INVALID);
  }

  @Test
  void ncWindowAllowsOutOfOrderAndRefusesReuse() {
    DigestScheme s = builder().ncWindow(4).build();
    DigestTestClient c = client(s, "SHA-256");
    for (String nc : new String[] {"00000003", "00000001", "00000005", "00000004"}) {
      c.nc = nc;
      assertThat(send(s, c)).as(nc).isInstanceOf(Outcome.Authenticated.class);
    }
    c.nc = "00000003";
    assertThat(reason(send(s, c))).isEqualTo(Reason.NONCE_REPLAYED);
    c.nc = "00000001"; // fell out of the window (highest 5, window 4)
    assertThat(reason(send(s, c))).isEqualTo(Reason.NONCE_REPLAYED);
    c.nc = "00000002";
    assertThat(send(s, c)).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void replayedRequestIsRefused() {
    DigestTestClient c = client(scheme, "SHA-256");
    assertThat(send(scheme, c)).isInstanceOf(Outcome.Authenticated.class);
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.NONCE_REPLAYED);
  }

  @Test
  void uriMustMatchTheRawRequestTarget() {
    DigestTestClient c = client(scheme, "SHA-256");
    c.uri = "/ws/customers/ctct_customer/contacts?a=%41&b";
    assertThat(send(scheme, c, "/ws/customers/ctct_customer/contacts?a=%41&b")).isInstanceOf(Outcome.Authenticated.class);
    c.nc = "00000002";
    assertThat(reason(send(scheme, c, "/ws/customers/ctct_customer/contacts?a=A&b"))).isEqualTo(Reason.URI_MISMATCH);
    assertThat(reason(send(scheme, c, "/ws/customers/ctct_customer/contacts"))).isEqualTo(Reason.URI_MISMATCH);
    assertThat(reason(send(scheme, c, "/ws/customers/other_customer/contacts?a=%41&b"))).isEqualTo(Reason.URI_MISMATCH);
    assertThat(Reason.URI_MISMATCH.status()).isEqualTo(400);
  }

  @Test
  void absoluteFormUriIsAcceptedForThisHost() {
    DigestTestClient c = client(scheme, "SHA-256");
    c.uri = "http://LOCALHOST:8080/ws/customers/ctct_customer/contacts";
    assertThat(send(scheme, c, "/ws/customers/ctct_customer/contacts")).isInstanceOf(Outcome.Authenticated.class);
    c.uri = "http://evil.example/ws/customers/ctct_customer/contacts";
    assertThat(reason(send(scheme, c, "/ws/customers/ctct_customer/contacts"))).isEqualTo(Reason.URI_MISMATCH);
  }

  @Test
  void realmMustMatch() {
    DigestTestClient c = client(scheme, "SHA-256");
    c.realm = "other";
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.REALM_MISMATCH);
  }

  @Test
  void authIntCoversTheBody() {
    DigestTestClient c = client(scheme, "SHA-256");
    c.method = "POST";
    c.qop = "auth-int";
    c.body = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
    Outcome.Authenticated ok = (Outcome.Authenticated) send(scheme, c);
    assertThat(ok.responseHeaders().get(0).value()).contains("rspauth=\"" + c.rspauth() + "\"", "qop=auth-int");
    c.nc = "00000002";
    String header = c.header();
    AuthRequest tampered = request("POST", c.uri, "{\"name\":\"Eve\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(reason(scheme.authenticate(tampered, header))).isEqualTo(Reason.CREDENTIALS_INVALID);
  }

  @Test
  void qopIsRequiredUnlessRfc2069ModeIsOn() {
    DigestTestClient c = client(scheme, "SHA-256");
    c.qop = null;
    assertThat(reason(send(scheme, c))).isEqualTo(Reason.QOP_REQUIRED);
    DigestScheme legacy = builder().rfc2069(true).build();
    c.nonce = nonceFor(legacy, "SHA-256");
    Outcome.Authenticated ok = (Outcome.Authenticated) send(legacy, c);
    assertThat(ok.identity().attributes()).containsEntry("digest.qop", "none");
  }

  @Test
  void qopNotOfferedIsRefused() {
    DigestScheme s = builder().qops("auth").build();
    DigestTestClient c = client(s, "SHA-256");
    c.qop = "auth-int";
    assertThat(reason(send(s, c))).isEqualTo(Reason.MALFORMED_HEADER);
  }

  @Test
  void userhashLooksTheUserUp() {
    DigestScheme s = builder().algorithms(DigestAlgorithm.SHA_512_256).userhash(true).build();
    assertThat(s.challenges(request("/"), null).get(0)).endsWith("userhash=true");
    DigestTestClient c = client(s, "SHA-512-256");
    c.userhash = true;
    Outcome o = send(s, c);
    assertThat(((Outcome.Authenticated) o).identity().subject()).isEqualTo("ctct_customer");
    DigestScheme off = builder().algorithms(DigestAlgorithm.SHA_512_256).build();
    c.nonce = nonceFor(off, "SHA-512-256");
    assertThat(reason(send(off, c))).isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(off.challenges(request("/"), null).get(0)).doesNotContain("userhash");
  }

  @Test
  void usernameStarIsDecodedOnce() {
    store.put(KEY + "%J\u00e4s\u00f8n Doe", "Secret, or not?".toCharArray());
    DigestTestClient c = client(scheme, "SHA-256");
    c.username = KEY + "%J\u00e4s\u00f8n Doe";
    c.password = "Secret, or not?";
    String header = c.header().replace("username=\"" + c.username + "\"",
        "username*=UTF-8''" + KEY + "%25J%C3%A4s%C3%B8n%20Doe");
    Outcome o = scheme.authenticate(request(c.uri), header);
    assertThat(((Outcome.Authenticated) o).identity().subject()).isEqualTo("J\u00e4s\u00f8n Doe");
  }

  @Test
  void rawUtf8InAQuotedUsernameIsRead() {
    store.put(KEY + "%J\u00e4s\u00f8n", "pw".toCharArray());
    DigestTestClient c = client(scheme, "SHA-256");
    c.username = KEY + "%J\u00e4s\u00f8n";
    c.password = "pw";
    // what a servlet container hands over: the UTF-8 bytes as ISO-8859-1 characters
    String latin1 = new String(c.header().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(scheme.authenticate(request(c.uri), latin1)).isInstanceOf(Outcome.Authenticated.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "username=\"a\", username=\"b\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\"",
      "username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\", qop=auth, nc=1, cnonce=\"c\"",
      "username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\", qop=auth, nc=00000000, cnonce=\"c\"",
      "username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\", qop=auth, cnonce=\"c\"",
      "username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\"",
      "username=\"a\", username*=UTF-8''a, realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\"",
      "username*=ISO-8859-1''a, realm=\"contacts@portcullis\", nonce=\"n\", uri=\"/\", response=\"x\", qop=auth, nc=00000001, cnonce=\"c\", algorithm=SHA-256",
      "username*=UTF-8''%FF, realm=\"contacts@portcullis\", nonce=\"n\", uri=\"/\", response=\"x\", qop=auth, nc=00000001, cnonce=\"c\", algorithm=SHA-256",
      "username=\"a, realm=\"r\"",
      "",
  })
  void brokenCredentialsAre400(String credentials) {
    Gate gate = Gate.builder().scheme(scheme).build();
    AuthRequest r = AuthRequests.builder().scheme("http").rawPath("/").header("Authorization", "Digest " + credentials).build();
    Outcome o = gate.authenticate(r);
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) o).status()).isEqualTo(400);
  }

  @Test
  void toStringsHoldNoSecret() {
    DigestTestClient c = client(scheme, "SHA-256");
    Outcome o = send(scheme, c);
    String ha1 = DigestTestClient.h("SHA-256", c.username + ":" + REALM + ":mypassword");
    String all = scheme + " " + store + " " + apps + " " + o;
    assertThat(all).doesNotContain("mypassword", ha1, new String(NONCE_KEY, StandardCharsets.US_ASCII), c.response());
  }

  @Test
  void builderRefusesWeakOrMissingConfiguration() {
    assertThatThrownBy(() -> DigestScheme.builder().nonceKey(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DigestScheme.builder().realm(REALM).nonceKey(NONCE_KEY).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DigestScheme.builder().credentials(store).nonceKey(NONCE_KEY).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DigestScheme.builder().realm(REALM).credentials(store).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DigestScheme.builder().qops("auth-conf")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DigestScheme.builder().algorithms()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderRefusesEverySettingGivenTwice() {
    java.util.Map<String, java.util.function.Consumer<DigestScheme.Builder>> settings = new java.util.LinkedHashMap<>();
    settings.put("realm", b -> b.realm(REALM));
    settings.put("algorithms", b -> b.algorithms(DigestAlgorithm.SHA_256));
    settings.put("qops", b -> b.qops("auth"));
    settings.put("credentials", b -> b.credentials(store));
    settings.put("applications", b -> b.applications(apps));
    settings.put("grants", b -> b.grants((k, u) -> Grants.none()));
    settings.put("nonceKey", b -> b.nonceKey(NONCE_KEY));
    settings.put("previousNonceKeys", b -> b.previousNonceKeys(OLD_KEY));
    settings.put("nonceLifetime", b -> b.nonceLifetime(Duration.ofMinutes(1)));
    settings.put("nextNonceBefore", b -> b.nextNonceBefore(Duration.ofSeconds(10)));
    settings.put("ncWindow", b -> b.ncWindow(16));
    settings.put("replayGuard", b -> b.replayGuard(new InMemoryReplayGuard(clock, 10)));
    settings.put("clock", b -> b.clock(clock));
    settings.put("rfc2069", b -> b.rfc2069(false));
    settings.put("userhash", b -> b.userhash(false));
    settings.put("bindNonceToAlgorithm", b -> b.bindNonceToAlgorithm(true));
    settings.forEach((name, set) -> {
      DigestScheme.Builder b = DigestScheme.builder();
      set.accept(b);
      assertThatThrownBy(() -> set.accept(b)).as(name)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(name + " was already set");
    });
    // a setting given once, beside others, still builds
    assertThat(builder().ncWindow(16).nonceLifetime(Duration.ofMinutes(1)).build()).isNotNull();
  }

  @Test
  void storeKeepsNoPasswordAndHandsOutCopies() {
    byte[] a = store.ha1(KEY + "%ctct_customer", REALM, DigestAlgorithm.SHA_256_SESS);
    Arrays.fill(a, (byte) 0);
    assertThat(store.ha1(KEY + "%ctct_customer", REALM, DigestAlgorithm.SHA_256)).isNotEqualTo(a);
    assertThat(store.ha1(KEY + "%ctct_customer", "other realm", DigestAlgorithm.SHA_256)).isNull();
  }
}
