package dev.portcullis.core.oauth1;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;

import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.SignatureMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OAuth1VerifierTest {
  private final Fixture f = new Fixture();
  private final OAuth1Verifier verifier = f.verifier();

  static Verification.Verified verified(Verification v) {
    assertThat(v).as("%s", v).isInstanceOf(Verification.Verified.class);
    return (Verification.Verified) v;
  }

  static Outcome.Rejected refused(Verification v, Reason reason) {
    assertThat(v).as("%s", v).isInstanceOf(Verification.Failed.class);
    Outcome.Rejected r = ((Verification.Failed) v).rejection();
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.scheme()).isEqualTo("OAuth");
    return r;
  }

  private Verification access(AuthRequest r) {
    return verifier.verify(r, TokenKind.ACCESS);
  }

  @Nested
  class Accepts {
    @ParameterizedTest
    @EnumSource(SignedRequest.Where.class)
    void parametersFromEachPlace(SignedRequest.Where where) {
      Verification.Verified ok = verified(access(f.access("POST", Fixture.URL).in(where).build()));
      assertThat(ok.consumer().key()).isEqualTo(Fixture.CK);
      assertThat(ok.token().user()).isEqualTo("jane");
      assertThat(ok.oauthParams()).containsEntry("oauth_token", Fixture.AT).doesNotContainKey("oauth_signature");
    }

    @ParameterizedTest
    @EnumSource(value = SignatureMethod.class, names = {"HMAC_SHA1", "HMAC_SHA256", "HMAC_SHA512"})
    void everyHmac(SignatureMethod m) {
      verified(access(f.access().method(m).build()));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureMethod.class, names = {"RSA_SHA1", "RSA_SHA256"})
    void rsaWithTheConsumersKey(SignatureMethod m) throws Exception {
      var key = VectorTest.privateKey(Vectors.text("oauthnet-rsa-key.pem"));
      verified(access(f.access().method(m).rsa(key).build()));
      refused(access(f.access().method(m).rsa(key).tamper(s -> "A" + s.substring(1)).build()),
          Reason.SIGNATURE_INVALID);
    }

    @Test
    void plaintextOverHttps() {
      verified(access(f.access("GET", "https://api.example.com/x").method(SignatureMethod.PLAINTEXT).build()));
    }

    @Test
    void reservedAndNonAsciiCharactersInTheQuery() {
      String url = "https://api.example.com/1.0/lists?q=%E2%98%83+snow%21&empty=&tag=a&tag=a&x%20y=%2B";
      verified(access(f.access("GET", url).build()));
      verified(access(f.access("GET", url).in(SignedRequest.Where.QUERY).build()));
    }

    @Test
    void hostAndSchemeCaseAndDefaultPort() {
      verified(access(f.access("GET", "HTTPS://API.Example.COM:443/x").build()));
      verified(access(f.access("GET", "http://api.example.com:8080/x").build()));
    }

    @Test
    void aConfiguredPublicBaseUrlWinsOverWhatTheConnectionSaw() {
      OAuth1Verifier behindProxy = f.builder().publicBaseUrl("https://api.example.com/").build();
      AuthRequest signedForPublic = f.access("GET", "https://api.example.com/1.0/accounts").build();
      // the same bytes arriving at the internal address the proxy forwards to
      AuthRequest internal = Requests.of("GET", "http://10.0.0.5:8080/1.0/accounts")
          .header("Authorization", signedForPublic.header("Authorization")).build();
      verified(behindProxy.verify(internal, TokenKind.ACCESS));
      refused(verifier.verify(internal, TokenKind.ACCESS), Reason.SIGNATURE_INVALID);
    }

    @Test
    void versionOneIsAccepted() {
      verified(access(f.access().param("oauth_version", "1.0").build()));
    }

    @Test
    void aNonFormBodyIsNotSignedWithoutBodyHash() {
      verified(access(f.access("PUT", Fixture.URL).body("application/json", "{\"a\":1}").build()));
    }
  }

  @Nested
  class MalformedIs400 {
    @Test
    void sameParameterTwiceInTheQuery() {
      AuthRequest r = Requests.of("GET", "http://api.example.com/x?oauth_consumer_key=ck_demo&oauth_nonce=1"
          + "&oauth_nonce=2&oauth_timestamp=1&oauth_signature=x&oauth_signature_method=HMAC-SHA1&oauth_token=t").build();
      Outcome.Rejected rej = refused(access(r), Reason.PARAMETER_REJECTED);
      assertThat(rej.status()).isEqualTo(400);
      assertThat(rej.message()).contains("oauth_nonce").contains("more than once");
    }

    @Test
    void sameParameterTwiceInTheHeader() {
      AuthRequest r = Requests.of("GET", "http://api.example.com/x")
          .header("Authorization", "OAuth oauth_nonce=\"a\", oauth_nonce=\"b\"").build();
      assertThat(refused(access(r), Reason.PARAMETER_REJECTED).status()).isEqualTo(400);
    }

    @Test
    void sameParameterInTwoPlaces() {
      AuthRequest signed = f.access().build();
      AuthRequest r = Requests.of("GET", "http://api.example.com/1.0/accounts?b=2&a=1&oauth_token=at_live")
          .header("Authorization", signed.header("Authorization")).build();
      assertThat(refused(access(r), Reason.PARAMETER_REJECTED).status()).isEqualTo(400);
    }

    @Test
    void differentProtocolParametersInTwoPlaces() {
      AuthRequest signed = f.access().param("oauth_version", null).build();
      AuthRequest r = Requests.of("GET", "http://api.example.com/1.0/accounts?b=2&a=1&oauth_version=1.0")
          .header("Authorization", signed.header("Authorization")).build();
      assertThat(refused(access(r), Reason.PARAMETER_REJECTED).message()).contains("one place");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "%C3%28", "%E2%82", "%"})
    void badPercentEncodingOrNonUtf8InTheQuery(String bad) {
      AuthRequest signed = f.access().build();
      AuthRequest r = Requests.of("GET", "http://api.example.com/x").rawQuery("a=" + bad)
          .header("Authorization", signed.header("Authorization")).build();
      assertThat(refused(access(r), Reason.PARAMETER_REJECTED).status()).isEqualTo(400);
    }

    @Test
    void badPercentEncodingInTheHeader() {
      AuthRequest r = Requests.of("GET", "http://api.example.com/x")
          .header("Authorization", "OAuth oauth_consumer_key=\"ck%G1\"").build();
      assertThat(refused(access(r), Reason.PARAMETER_REJECTED).status()).isEqualTo(400);
    }

    @Test
    void nonAsciiFormBody() {
      AuthRequest r = Requests.of("POST", "http://api.example.com/x").header("Content-Type",
          "application/x-www-form-urlencoded").body("a=\u00e9".getBytes(StandardCharsets.UTF_8))
          .header("Authorization", f.access().build().header("Authorization")).build();
      assertThat(refused(access(r), Reason.PARAMETER_REJECTED).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a", "-5", "", " 1700000000", "1.5", "+170000000"})
    void timestampThatIsNotDigits(String ts) {
      AuthRequest r = f.access().param("oauth_timestamp", ts).build();
      assertThat(refused(access(r), Reason.PARAMETER_REJECTED).status()).isEqualTo(400);
    }

    @Test
    void unsupportedVersion() {
      Outcome.Rejected r = refused(access(f.access().param("oauth_version", "2.0").build()), Reason.VERSION_REJECTED);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.challengeParams()).containsEntry("oauth_acceptable_versions", "1.0-1.0");
    }

    @Test
    void twoAuthorizationHeaders() {
      AuthRequest r = f.access().header("Authorization", "OAuth oauth_nonce=\"x\"").build();
      refused(access(r), Reason.PARAMETER_REJECTED);
    }
  }

  @Nested
  class Timestamps {
    @ParameterizedTest
    @ValueSource(longs = {-300, 300, 0})
    void insideTheWindowBothSides(long offset) {
      verified(access(f.access().param("oauth_timestamp", Long.toString(Fixture.NOW + offset)).build()));
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301, -100_000})
    void outsideTheWindowBothSides(long offset) {
      Outcome.Rejected r = refused(access(f.access().param("oauth_timestamp",
          Long.toString(Fixture.NOW + offset)).build()), Reason.TIMESTAMP_REFUSED);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.challengeParams()).containsEntry("oauth_acceptable_timestamps",
          (Fixture.NOW - 300) + "-" + (Fixture.NOW + 300));
    }

    @Test
    void theClockMovesPastASignedRequestEitherWay() {
      AuthRequest r = f.access().build();
      f.clock.advance(Duration.ofSeconds(301));
      refused(access(r), Reason.TIMESTAMP_REFUSED);
      f.clock.advance(Duration.ofSeconds(-602));
      refused(access(r), Reason.TIMESTAMP_REFUSED);
      f.clock.advance(Duration.ofSeconds(301));
      verified(access(r));
    }

    @Test
    void millisecondsAndHugeNumbersAreRefusedWithoutArithmetic() {
      refused(access(f.access().param("oauth_timestamp", Long.toString(Fixture.NOW * 1000)).build()),
          Reason.TIMESTAMP_REFUSED);
      refused(access(f.access().param("oauth_timestamp", "99999999999999999999999999").build()),
          Reason.TIMESTAMP_REFUSED);
      refused(access(f.access().param("oauth_timestamp", "9223372036854775807").build()),
          Reason.TIMESTAMP_REFUSED);
    }

    @Test
    void aCustomWindow() {
      OAuth1Verifier narrow = f.builder().window(Duration.ofSeconds(30)).build();
      refused(narrow.verify(f.access().param("oauth_timestamp", Long.toString(Fixture.NOW - 31)).build(),
          TokenKind.ACCESS), Reason.TIMESTAMP_REFUSED);
      verified(narrow.verify(f.access().param("oauth_timestamp", Long.toString(Fixture.NOW - 30)).build(),
          TokenKind.ACCESS));
    }
  }

  @Nested
  class Nonces {
    @Test
    void aReplayIsRefused() {
      AuthRequest r = f.access().build();
      verified(access(r));
      refused(access(r), Reason.NONCE_USED);
    }

    @Test
    void aBadSignatureDoesNotSpendTheNonce() {
      AuthRequest forged = f.access().at(Fixture.NOW, "same").tamper(s -> "AAAA" + s.substring(4)).build();
      refused(access(forged), Reason.SIGNATURE_INVALID);
      verified(access(f.access().at(Fixture.NOW, "same").build()));
    }

    @Test
    void noOtherRefusalSpendsTheNonceEither() {
      OAuthToken t = f.tokens.find(Fixture.AT);
      f.tokens.compareAndSet(t, t.withState(TokenState.REVOKED));
      refused(access(f.access().at(Fixture.NOW, "n-x").build()), Reason.TOKEN_REJECTED);
      assertThat(f.guard.size()).isZero();
    }

    @Test
    void theSameNonceWithAnotherTimestampOrTokenIsADifferentKey() {
      verified(access(f.access().at(Fixture.NOW, "k").build()));
      verified(access(f.access().at(Fixture.NOW + 1, "k").build()));
    }

    @Test
    void anyFormatIsAcceptedAndDecodedOnce() {
      verified(access(f.access().at(Fixture.NOW, "a b/c+d%e=f&\u00e9").build()));
      refused(access(f.access().at(Fixture.NOW, "a b/c+d%e=f&\u00e9").build()), Reason.NONCE_USED);
    }

    @Test
    void oversizedNoncesAreRefused() {
      refused(access(f.access().at(Fixture.NOW, "x".repeat(256)).build()), Reason.PARAMETER_REJECTED);
    }

    @Test
    void theGuardRemembersOnlyAsLongAsTheWindowCouldAcceptTheTimestamp() {
      AtomicInteger ttl = new AtomicInteger();
      OAuth1Verifier v = f.builder((key, t) -> {
        ttl.set((int) t.getSeconds());
        return true;
      }).build();
      verified(v.verify(f.access().param("oauth_timestamp", Long.toString(Fixture.NOW - 100)).build(), TokenKind.ACCESS));
      assertThat(ttl.get()).isEqualTo(201);
      verified(v.verify(f.access().param("oauth_timestamp", Long.toString(Fixture.NOW + 300)).build(), TokenKind.ACCESS));
      assertThat(ttl.get()).isEqualTo(601);
    }

    @Test
    void plaintextMayOmitTimestampAndNonceAndANonceAloneIsRememberedForTheWholeWindow() {
      verified(access(f.access("GET", "https://api.example.com/x").method(SignatureMethod.PLAINTEXT)
          .param("oauth_timestamp", null).param("oauth_nonce", null).build()));
      AtomicInteger ttl = new AtomicInteger();
      OAuth1Verifier v = f.builder((key, t) -> {
        ttl.set((int) t.getSeconds());
        return true;
      }).build();
      verified(v.verify(f.access("GET", "https://api.example.com/x").method(SignatureMethod.PLAINTEXT)
          .param("oauth_timestamp", null).build(), TokenKind.ACCESS));
      assertThat(ttl.get()).isEqualTo(601);
      refused(access(f.access().param("oauth_timestamp", null).build()), Reason.PARAMETER_ABSENT);
    }

    @Test
    void anUnreachableGuardFailsClosed() {
      OAuth1Verifier v = f.builder((key, t) -> {
        throw new StoreUnavailableException("down");
      }).build();
      Outcome.Rejected r = refused(v.verify(f.access().build(), TokenKind.ACCESS), Reason.UNAVAILABLE);
      assertThat(r.status()).isEqualTo(503);
    }
  }

  @Nested
  class Refusals {
    @Test
    void missingParametersAreListed() {
      Outcome.Rejected r = refused(access(f.access().param("oauth_nonce", null).param("oauth_token", null).build()),
          Reason.PARAMETER_ABSENT);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.challengeParams()).containsEntry("oauth_parameters_absent", "oauth_nonce&oauth_token");
    }

    @Test
    void badSignature() {
      refused(access(f.access().tamper(s -> s.replace(s.charAt(0), s.charAt(0) == 'A' ? 'B' : 'A')).build()),
          Reason.SIGNATURE_INVALID);
      refused(access(f.access().tamper(s -> "not base64!").build()), Reason.SIGNATURE_INVALID);
      refused(access(f.access().tamper(s -> "").build()), Reason.SIGNATURE_INVALID);
    }

    @Test
    void aSignatureOverOtherParametersIsRefused() {
      AuthRequest signed = f.access().build();
      AuthRequest moved = Requests.of("GET", "http://api.example.com/1.0/accounts?b=2&a=3")
          .header("Authorization", signed.header("Authorization")).build();
      refused(access(moved), Reason.SIGNATURE_INVALID);
    }

    @Test
    void plaintextOverHttpIsRefused() {
      Outcome.Rejected r = refused(access(f.access().method(SignatureMethod.PLAINTEXT).build()),
          Reason.SIGNATURE_METHOD_REJECTED);
      assertThat(r.message()).contains("HTTPS");
      refused(access(f.access("GET", "https://api.example.com/x").secure(false)
          .method(SignatureMethod.PLAINTEXT).build()), Reason.SIGNATURE_METHOD_REJECTED);
    }

    @Test
    void aMethodTheConsumerMayNotUse() {
      AuthRequest r = SignedRequest.of("GET", Fixture.URL).consumer("ck_sha1_only", "s1")
          .method(SignatureMethod.HMAC_SHA256).at(Fixture.NOW, "m").param("oauth_token", Fixture.AT).build();
      refused(access(r), Reason.SIGNATURE_METHOD_REJECTED);
    }

    @Test
    void aMethodTheServerDoesNotAccept() {
      OAuth1Verifier hmacOnly = f.builder().methods(EnumSet.of(SignatureMethod.HMAC_SHA256)).build();
      refused(hmacOnly.verify(f.access().build(), TokenKind.ACCESS), Reason.SIGNATURE_METHOD_REJECTED);
      refused(access(f.access().param("oauth_signature_method", "HMAC-MD5").build()),
          Reason.SIGNATURE_METHOD_REJECTED);
      refused(access(f.access().param("oauth_signature_method", "hmac-sha1").build()),
          Reason.SIGNATURE_METHOD_REJECTED);
    }

    @Test
    void rsaForAConsumerWithoutAKey() throws Exception {
      var key = VectorTest.privateKey(Vectors.text("oauthnet-rsa-key.pem"));
      AuthRequest r = SignedRequest.of("GET", Fixture.URL).consumer("ck_sha1_only", "s1").rsa(key)
          .method(SignatureMethod.RSA_SHA1).at(Fixture.NOW, "m").param("oauth_token", Fixture.AT).build();
      refused(access(r), Reason.SIGNATURE_METHOD_REJECTED);
    }

    @Test
    void unknownAndDisabledConsumers() {
      refused(access(f.access().consumer("nobody", "x").build()), Reason.CONSUMER_KEY_UNKNOWN);
      refused(access(f.access().consumer("ck_disabled", "sd").build()), Reason.CONSUMER_KEY_REJECTED);
    }

    @Test
    void unknownRevokedExpiredAndWrongKindTokens() {
      refused(access(f.access().token("nope", "x").build()), Reason.TOKEN_REJECTED);
      refused(access(f.access().token(Fixture.RT, Fixture.RTS).build()), Reason.TOKEN_REJECTED);

      Instant now = f.clock.instant();
      f.tokens.save(OAuthToken.access("expiring", ProtectedSecret.plain("es"), Fixture.CK, "jane", "1",
          now, now.plusSeconds(60)));
      verified(access(f.access().token("expiring", "es").build()));
      f.clock.advance(Duration.ofSeconds(60));
      refused(access(f.access().token("expiring", "es").build()), Reason.OAUTH_TOKEN_EXPIRED);

      assertThat(f.tokens.revoke(Fixture.AT, "jane")).isTrue();
      refused(access(f.access().build()), Reason.TOKEN_REJECTED);
    }

    @Test
    void aTokenOfAnotherConsumer() {
      f.consumers.save(Consumer.builder("ck_other", ProtectedSecret.plain("o")).build());
      refused(access(f.access().consumer("ck_other", "o").build()), Reason.TOKEN_REJECTED);
    }

    @Test
    void bodyHash() throws Exception {
      String json = "{\"name\":\"list\"}";
      String good = Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-1").digest(json.getBytes(StandardCharsets.UTF_8)));
      verified(access(f.access("POST", Fixture.URL).body("application/json", json)
          .param("oauth_body_hash", good).build()));
      refused(access(f.access("POST", Fixture.URL).body("application/json", json + " ")
          .param("oauth_body_hash", good).build()), Reason.BODY_HASH_INVALID);
      refused(access(f.access("POST", Fixture.URL).body("application/json", json)
          .param("oauth_body_hash", "%%%").build()), Reason.BODY_HASH_INVALID);

      String sha256 = Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
      verified(access(f.access("POST", Fixture.URL).method(SignatureMethod.HMAC_SHA256)
          .body("application/json", json).param("oauth_body_hash", sha256).build()));
    }

    @Test
    void bodyHashOnAFormBodyIsRefused() {
      Outcome.Rejected r = refused(access(f.access("POST", Fixture.URL)
          .body("application/x-www-form-urlencoded", "a=1").param("oauth_body_hash", "2jmj7l5rSw0yVb/vlWAYkK/YBwk=")
          .build()), Reason.PARAMETER_REJECTED);
      assertThat(r.status()).isEqualTo(400);
    }
  }

  @Nested
  class RequestTokenEndpoint {
    @Test
    void callbackRequiredAndChecked() {
      Verification.Verified ok = verified(verifier.verify(f.initiate("http://localhost:9000/cb").build(), TokenKind.NONE));
      assertThat(ok.token()).isNull();
      assertThat(ok.param("oauth_callback")).isEqualTo("http://localhost:9000/cb");
      verified(verifier.verify(f.initiate("oob").build(), TokenKind.NONE));
      refused(verifier.verify(f.initiate("http://localhost.evil.example/cb").build(), TokenKind.NONE),
          Reason.CALLBACK_REJECTED);
      Outcome.Rejected r = refused(verifier.verify(f.initiate("oob").param("oauth_callback", null).build(),
          TokenKind.NONE), Reason.PARAMETER_ABSENT);
      assertThat(r.challengeParams()).containsEntry("oauth_parameters_absent", "oauth_callback");
    }

    @Test
    void anEmptyTokenIsFineARealOneIsNot() {
      verified(verifier.verify(f.initiate("oob").param("oauth_token", "").in(SignedRequest.Where.BODY).build(),
          TokenKind.NONE));
      refused(verifier.verify(f.initiate("oob").token(Fixture.AT, Fixture.ATS).build(), TokenKind.NONE),
          Reason.PARAMETER_REJECTED);
    }
  }

  @Nested
  class AccessTokenEndpoint {
    @Test
    void checksTheSignedRequestTokenButLeavesVerifierAndSpendingToTheProvider() {
      // The provider's exchange compares oauth_verifier and spends the token (ExchangeTest there);
      // here a wrong verifier still verifies, and the token is left as it was.
      AuthRequest r = f.exchange("not-the-verifier").build();
      Verification.Verified ok = verified(verifier.verify(r, TokenKind.REQUEST));
      assertThat(ok.token().token()).isEqualTo(Fixture.RT);
      assertThat(ok.token().state()).isEqualTo(TokenState.AUTHORIZED);
      assertThat(ok.param("oauth_verifier")).isEqualTo("not-the-verifier");
      assertThat(f.tokens.find(Fixture.RT).state()).isEqualTo(TokenState.AUTHORIZED);
      assertThat(f.tokens.find(Fixture.RT).verifierFailures()).isZero();
      refused(verifier.verify(r, TokenKind.REQUEST), Reason.NONCE_USED);
    }

    @Test
    void aSpentOrRevokedRequestTokenIsRefused() {
      OAuthToken approved = f.tokens.find(Fixture.RT);
      assertThat(f.tokens.compareAndSet(approved, approved.withState(TokenState.USED))).isTrue();
      refused(verifier.verify(f.exchange(Fixture.VERIFIER).build(), TokenKind.REQUEST), Reason.TOKEN_USED);
      OAuthToken used = f.tokens.find(Fixture.RT);
      assertThat(f.tokens.compareAndSet(used, used.withState(TokenState.REVOKED))).isTrue();
      refused(verifier.verify(f.exchange(Fixture.VERIFIER).build(), TokenKind.REQUEST), Reason.TOKEN_REJECTED);
    }

    @Test
    void anAttackerWithoutTheTokenSecretCannotBurnIt() {
      for (int i = 0; i < 10; i++) {
        AuthRequest forged = SignedRequest.of("POST", "http://api.example.com/1.0/oauth/access_token")
            .consumer(Fixture.CK, Fixture.CS).token(Fixture.RT, "guessed").param("oauth_verifier", "x" + i)
            .at(Fixture.NOW, f.nonce()).build();
        refused(verifier.verify(forged, TokenKind.REQUEST), Reason.SIGNATURE_INVALID);
      }
      assertThat(f.tokens.find(Fixture.RT).verifierFailures()).isZero();
      verified(verifier.verify(f.exchange(Fixture.VERIFIER).build(), TokenKind.REQUEST));
    }

    @Test
    void aPendingOrExpiredRequestTokenIsRefused() {
      Instant now = f.clock.instant();
      f.tokens.save(OAuthToken.request("rt_pending", ProtectedSecret.plain("p"), Fixture.CK, "oob", now,
          now.plusSeconds(600)));
      AuthRequest r = SignedRequest.of("POST", "http://api.example.com/t").consumer(Fixture.CK, Fixture.CS)
          .token("rt_pending", "p").param("oauth_verifier", "x").at(Fixture.NOW, "p1").build();
      refused(verifier.verify(r, TokenKind.REQUEST), Reason.TOKEN_REJECTED);

      f.clock.advance(Duration.ofSeconds(600));
      refused(verifier.verify(f.exchange(Fixture.VERIFIER).build(), TokenKind.REQUEST), Reason.OAUTH_TOKEN_EXPIRED);
    }

    @Test
    void theVerifierIsRequired() {
      Outcome.Rejected r = refused(verifier.verify(f.exchange("x").param("oauth_verifier", null).build(),
          TokenKind.REQUEST), Reason.PARAMETER_ABSENT);
      assertThat(r.challengeParams()).containsEntry("oauth_parameters_absent", "oauth_verifier");
    }

    @Test
    void anAccessTokenCannotBeExchanged() {
      AuthRequest r = SignedRequest.of("POST", "http://api.example.com/t").consumer(Fixture.CK, Fixture.CS)
          .token(Fixture.AT, Fixture.ATS).param("oauth_verifier", "x").at(Fixture.NOW, "q").build();
      refused(verifier.verify(r, TokenKind.REQUEST), Reason.TOKEN_REJECTED);
    }
  }

  @Test
  void builderRefusesMissingPieces() {
    assertThatThrownBy(() -> OAuth1Verifier.builder().realm("r").build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OAuth1Verifier.builder().consumers(f.consumers).tokens(f.tokens)
        .replayGuard(f.guard).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> f.builder().window(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.builder().publicBaseUrl("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.builder().methods(EnumSet.noneOf(SignatureMethod.class)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderRefusesASettingGivenTwice() {
    assertThatThrownBy(() -> f.builder().clock(f.clock)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("clock");
    assertThatThrownBy(() -> f.builder().tokens(f.tokens)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> f.builder().realm("again")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> f.builder().window(Duration.ofMinutes(1)).window(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> f.builder().publicBaseUrl("https://a.example").publicBaseUrl("https://b.example"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anExpiredConsumerIsRefusedLikeAnUnknownOne() {
    f.consumers.save(Consumer.builder("ck_minted", ProtectedSecret.plain("ms")).callbacks(java.util.List.of("oob"))
        .expiresAt(f.clock.instant().plusSeconds(60)).build());
    AuthRequest first = SignedRequest.of("POST", "http://api.example.com/1.0/oauth/request_token")
        .consumer("ck_minted", "ms").param("oauth_callback", "oob").at(f.now(), f.nonce()).build();
    verified(verifier.verify(first, TokenKind.NONE));
    f.clock.advance(Duration.ofSeconds(60));
    AuthRequest later = SignedRequest.of("POST", "http://api.example.com/1.0/oauth/request_token")
        .consumer("ck_minted", "ms").param("oauth_callback", "oob").at(f.now(), f.nonce()).build();
    refused(verifier.verify(later, TokenKind.NONE), Reason.CONSUMER_KEY_UNKNOWN);
  }
}
