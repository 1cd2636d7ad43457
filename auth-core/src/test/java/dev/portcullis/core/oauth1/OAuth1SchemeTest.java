package dev.portcullis.core.oauth1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.Param;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OAuth1SchemeTest {
  private final Fixture f = new Fixture();
  private final OAuth1Scheme scheme = OAuth1Scheme.builder(f.verifier())
      .grants(t -> Grants.of(new Permission("lists", Operation.READ_WRITE, Set.of(t.account()))))
      .build();
  private final Gate gate = Gate.builder().scheme(scheme).build();

  @Test
  void identityFromTheAccessToken() {
    Outcome o = gate.authenticate(f.access().build());
    assertThat(o).isInstanceOf(Outcome.Authenticated.class);
    Identity id = ((Outcome.Authenticated) o).identity();
    assertThat(id.subject()).isEqualTo("jane");
    assertThat(id.account()).isEqualTo("1");
    assertThat(id.application()).isEqualTo(Fixture.CK);
    assertThat(id.scheme()).isEqualTo("OAuth");
    assertThat(id.attributes()).containsExactly(Map.entry("consumer_key", Fixture.CK));
    assertThat(id.grants().allows("lists", Operation.WRITE, "1")).isTrue();
    assertThat(id.grants().allows("lists", Operation.READ, "2")).isFalse();
    assertThat(id.toString()).doesNotContain(Fixture.ATS).doesNotContain(Fixture.CS);
  }

  @Test
  void unannouncedFromTheQueryAndTheBody() {
    assertThat(gate.authenticate(f.access().in(SignedRequest.Where.QUERY).build()))
        .isInstanceOf(Outcome.Authenticated.class);
    assertThat(gate.authenticate(f.access("POST", Fixture.URL).in(SignedRequest.Where.BODY).build()))
        .isInstanceOf(Outcome.Authenticated.class);
    assertThat(gate.authenticate(Requests.of("GET", Fixture.URL).build())).isInstanceOf(Outcome.NoCredentials.class);
  }

  @Test
  void aRequestRefusedForCarryingTwoCredentialsDoesNotSpendItsNonce() {
    Scheme bearer = new Scheme() {
      @Override public String name() { return "Bearer"; }
      @Override public Outcome authenticate(AuthRequest request, String credentials) {
        return new Outcome.Rejected(Reason.TOKEN_UNKNOWN, "Bearer");
      }
      @Override public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
        return List.of("Bearer realm=\"test\"");
      }
    };
    Gate both = Gate.builder().scheme(scheme).scheme(bearer).build();
    SignedRequest signed = f.access().in(SignedRequest.Where.QUERY);
    AuthRequest alone = signed.build();
    AuthRequest withBearer = signed.header("Authorization", "Bearer abc").build();

    assertThat(both.authenticate(withBearer)).isInstanceOfSatisfying(Outcome.Rejected.class,
        rej -> assertThat(rej.reason()).isEqualTo(Reason.DUPLICATE_CREDENTIALS));
    // The same signed request, sent alone afterwards, is still fresh: the refusal changed no state.
    assertThat(both.authenticate(alone)).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void defaultGrantsAreNone() {
    OAuth1Scheme plain = OAuth1Scheme.builder(f.verifier()).build();
    Outcome o = Gate.builder().scheme(plain).build().authenticate(f.access().build());
    assertThat(((Outcome.Authenticated) o).identity().grants().permissions()).isEmpty();
  }

  @Test
  void aBadSignatureIs401WithChallengeAndProblem() {
    AuthRequest r = f.access().tamper(s -> "AAAA" + s.substring(4)).build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(401);
    assertThat(d.headers()).containsExactly(new Header("WWW-Authenticate", "OAuth realm=\"Email lists\""));
    assertThat(d.body().contentType()).isEqualTo(Denial.Body.FORM);
    Map<String, String> body = form(d);
    assertThat(body).containsEntry("oauth_problem", "signature_invalid").containsKey("oauth_problem_advice");
    String sig = FormCodec.decode(r.header("Authorization").substring(6).replace("\"", "").replace(", ", "&"))
        .stream().filter(p -> p.name().equals("oauth_signature")).findFirst().orElseThrow().value();
    assertThat(d.body().text()).doesNotContain(sig).doesNotContain(Fixture.CS).doesNotContain(Fixture.ATS);
  }

  @Test
  void timestampRefusedNamesTheAcceptableRange() {
    AuthRequest r = f.access().param("oauth_timestamp", "1").build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(401);
    assertThat(form(d)).containsEntry("oauth_problem", "timestamp_refused")
        .containsEntry("oauth_acceptable_timestamps", (Fixture.NOW - 300) + "-" + (Fixture.NOW + 300));
  }

  @Test
  void parameterAbsentNamesTheParameters() {
    AuthRequest r = f.access().param("oauth_nonce", null).build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(401);
    assertThat(form(d)).containsEntry("oauth_problem", "parameter_absent")
        .containsEntry("oauth_parameters_absent", "oauth_nonce");
  }

  @Test
  void malformedIs400WithAProblemAndNoChallenge() {
    AuthRequest r = Requests.of("GET", "http://api.example.com/x").rawQuery("oauth_nonce=1&oauth_nonce=2").build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(400);
    assertThat(d.headers()).isEmpty();
    assertThat(form(d)).containsEntry("oauth_problem", "parameter_rejected");
  }

  @Test
  void everyOAuthReasonRendersItsProblemCode() {
    for (Reason reason : List.of(Reason.SIGNATURE_INVALID, Reason.SIGNATURE_METHOD_REJECTED, Reason.NONCE_USED,
        Reason.TOKEN_REJECTED, Reason.OAUTH_TOKEN_EXPIRED, Reason.TOKEN_USED, Reason.CONSUMER_KEY_UNKNOWN,
        Reason.CONSUMER_KEY_REJECTED, Reason.VERIFIER_INVALID, Reason.BODY_HASH_INVALID)) {
      Denial.Body b = scheme.rejectionBody(new Outcome.Rejected(reason, "OAuth"));
      assertThat(FormCodec.decode(b.text()).get(0)).isEqualTo(new Param("oauth_problem", reason.code()));
      assertThat(reason.status()).isEqualTo(401);
    }
  }

  @Test
  void noCredentialsGetsTheChallenge() {
    AuthRequest r = Requests.of("GET", Fixture.URL).build();
    Denial d = gate.deny(r, gate.authenticate(r));
    assertThat(d.status()).isEqualTo(401);
    assertThat(d.headers()).extracting(Header::value).containsExactly("OAuth realm=\"Email lists\"");
  }

  private static Map<String, String> form(Denial d) {
    return FormCodec.decode(d.body().text()).stream().collect(Collectors.toMap(Param::name, Param::value));
  }
}
